/*
 * pgtable.h - x86_64 4-level page table entries.
 *
 * A virtual address is split into four 9-bit table indices and a 12-bit
 * offset:
 *
 *	47      39 38      30 29      21 20      12 11         0
 *	[ PML4   ][ PDPT     ][ PD      ][ PT      ][ offset    ]
 *	  pgd       pud         pmd        pte          (Linux's names)
 *
 * Each table is one 4 KiB page of 512 u64 entries: a physical address in
 * bits 12-51 and flags. A PD or PDPT entry with _PAGE_PSE set maps a 2 MiB
 * or 1 GiB page itself instead of pointing at the next table.
 */
#ifndef ARCH_X86_64_PGTABLE_H
#define ARCH_X86_64_PGTABLE_H

#include "arch/x86_64/page.h"

#define _PAGE_PRESENT   (1ULL << 0)
#define _PAGE_RW        (1ULL << 1)
#define _PAGE_USER      (1ULL << 2)
#define _PAGE_PWT       (1ULL << 3)
#define _PAGE_PCD       (1ULL << 4)
#define _PAGE_ACCESSED  (1ULL << 5)
#define _PAGE_DIRTY     (1ULL << 6)
#define _PAGE_PSE       (1ULL << 7)         /* huge page, in PD/PDPT entries */
#define _PAGE_GLOBAL    (1ULL << 8)
#define _PAGE_NX        (1ULL << 63)

/*
 * A user page its owner made PROT_NONE keeps its frame but is NOT present
 * to the hardware, so every access faults, the kernel's user copies too,
 * and the fault handler finds a VMA that forbids it (Linux's
 * _PAGE_PROTNONE). The bit is _PAGE_GLOBAL's, which means nothing in an
 * entry that is not present and is never set in a user one.
 */
#define _PAGE_PROTNONE  _PAGE_GLOBAL

#define PTE_ADDR_MASK   0x000ffffffffff000ULL
#define PTRS_PER_TABLE  512

/* Protections for map_page(). */
#define PAGE_KERNEL     (_PAGE_PRESENT | _PAGE_RW | _PAGE_NX | _PAGE_GLOBAL)
#define PAGE_KERNEL_RO  (_PAGE_PRESENT | _PAGE_NX | _PAGE_GLOBAL)
#define PAGE_KERNEL_EXEC (_PAGE_PRESENT | _PAGE_GLOBAL)

typedef u64 pgd_t, pud_t, pmd_t, pte_t;

static inline unsigned int pgd_index(unsigned long va) { return (va >> PGDIR_SHIFT) & 511; }
static inline unsigned int pud_index(unsigned long va) { return (va >> PUD_SHIFT) & 511; }
static inline unsigned int pmd_index(unsigned long va) { return (va >> PMD_SHIFT) & 511; }
static inline unsigned int pte_index(unsigned long va) { return (va >> PAGE_SHIFT) & 511; }

static inline phys_addr_t entry_phys(u64 e)
{
	return e & PTE_ADDR_MASK;
}

/* pte_present - a leaf entry that holds a page: mapped, or PROT_NONE. */
static inline bool pte_present(u64 e)
{
	return (e & (_PAGE_PRESENT | _PAGE_PROTNONE)) != 0;
}

static inline void flush_tlb_all(void)
{
	u64 cr3;

	__asm__ __volatile__("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) : : "memory");
}

#endif /* ARCH_X86_64_PGTABLE_H */
