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
u64 *lookup_address(pgd_t *pgd, unsigned long va, int *level);
bool virt_to_phys_walk(pgd_t *pgd, unsigned long va, phys_addr_t *pa);

#define PHYS_NONE ((phys_addr_t)-1)

#endif /* MM_PGTABLE_H */
