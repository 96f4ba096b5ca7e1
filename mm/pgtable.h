/*
 * pgtable.h - building and changing page tables: map one page, unmap it,
 * look an address up. See arch/x86_64/pgtable.h for the entry format.
 */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include "arch/x86_64/pgtable.h"

extern pgd_t *init_pgd;         /* the kernel's top-level table (PML4) */

void paging_init(void);
int map_page(pgd_t *pgd, unsigned long va, phys_addr_t pa, u64 prot);
phys_addr_t unmap_page(pgd_t *pgd, unsigned long va);
int pgd_prealloc(pgd_t *pgd, unsigned long va);
u64 *pte_table(pgd_t *pgd, unsigned long va);
void pte_install(u64 *pt, unsigned long va, u64 entry);
u64 *lookup_address(pgd_t *pgd, unsigned long va, int *level);
bool virt_to_phys_walk(pgd_t *pgd, unsigned long va, phys_addr_t *pa);

#define USER_HALF_END   (1UL << 47)     /* the lower half: pgd entries 0-255 */

/* A walk over a range of a user page table (walk_page_range). */
struct mm_walk {
	/*
	 * Called for each leaf entry in use (a page, possibly PROT_NONE); may
	 * change *pte. Return: 1 if it cleared *pte (0 written), 0 to go on,
	 * or a negative errno, which ends the walk.
	 */
	int (*pte_entry)(u64 *pte, unsigned long va, struct mm_walk *walk);
	void *private;                  /* for the callback */
	bool interruptible;             /* stop with -EINTR on a fatal signal */
	unsigned long nr_entries;       /* out: entries stepped over (CONFIG_DEBUG_MM) */
};

int walk_page_range(pgd_t *pgd, unsigned long start, unsigned long end, struct mm_walk *walk);

#define PHYS_NONE ((phys_addr_t)-1)

#endif /* MM_PGTABLE_H */
