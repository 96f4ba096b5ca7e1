/*
 * page.h - the shape of keyhole's virtual address space.
 *
 *   0x0000000000000000 .. 0x00007fffffffffff   user space (later issues)
 *   0xffff888000000000 .. + RAM size           direct map of all physical
 *                                              RAM (PAGE_OFFSET, as Linux)
 *   0xffffffff80000000 .. + image size         the kernel image (KERNEL_VMA)
 *
 * Any physical address p of RAM is reachable at __va(p) = p + PAGE_OFFSET.
 * The kernel image is mapped twice: at KERNEL_VMA (where it runs) and, as
 * part of RAM, in the direct map. __pa() accepts both.
 */
#ifndef ARCH_X86_64_PAGE_H
#define ARCH_X86_64_PAGE_H

#include "lib/types.h"

#define PAGE_SHIFT      12
#define PAGE_SIZE       (1UL << PAGE_SHIFT)
#define PAGE_MASK       (~(PAGE_SIZE - 1))
#define PMD_SHIFT       21
#define PMD_SIZE        (1UL << PMD_SHIFT)
#define PUD_SHIFT       30
#define PUD_SIZE        (1UL << PUD_SHIFT)
#define PGDIR_SHIFT     39

#define PAGE_OFFSET     0xffff888000000000UL
#define KERNEL_VMA      0xffffffff80000000UL

static inline void *__va(phys_addr_t pa)
{
	return (void *)(pa + PAGE_OFFSET);
}

static inline phys_addr_t __pa(const void *va)
{
	unsigned long v = (unsigned long)va;

	if (v >= KERNEL_VMA)
		return v - KERNEL_VMA;
	return v - PAGE_OFFSET;
}

#define PFN_DOWN(x)     ((x) >> PAGE_SHIFT)
#define PFN_UP(x)       (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(pfn)   ((phys_addr_t)(pfn) << PAGE_SHIFT)

/* Symbols of the linker script (arch/x86_64/kernel.ld). */
extern char _stext[], _etext[], _sbss[], _ebss[], _end[];
extern char _kernel_phys_start[], _kernel_phys_end[];

#endif /* ARCH_X86_64_PAGE_H */
