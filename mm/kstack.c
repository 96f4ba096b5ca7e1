/*
 * kstack.c - kernel stacks with guard pages.
 *
 * Every task runs kernel code on its own 16 KiB stack. A stack that
 * overflows must fault, not quietly overwrite the memory below it, so
 * stacks do not come from the direct map (where the page below is someone
 * else's memory) but from their own virtual area, Linux's vmalloc range:
 *
 *	KSTACK_AREA + n * KSTACK_SLOT
 *	[ guard: unmapped, 16 KiB ][ stack: 4 pages mapped read/write ]
 *	                                                        ^ stack top
 *
 * Slot n is in use when bit n of slot_map is set. The stack's pages are
 * ordinary pages from the page allocator, mapped one by one; freeing a
 * stack unmaps and frees them (and the page tables they emptied). The
 * PDPT of the area is made once at boot, so the first stack does not look
 * like a leak to the in-kernel tests.
 *
 * An overflow runs into the guard, the page fault cannot push its frame
 * there either, and the CPU raises a double fault, which runs on its own
 * IST stack (arch/x86_64/gdt.c) and prints an oops.
 *
 * Locking: kstack_lock guards slot_map.
 */
#include "kernel/panic.h"
#include "kernel/spinlock.h"
#include "lib/bitmap.h"
#include "mm/kstack.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"

#define KSTACK_AREA     0xffffc90000000000UL
#define KSTACK_SLOT     (2 * KSTACK_SIZE)
#define KSTACK_SLOTS    4096

static DEFINE_SPINLOCK(kstack_lock);
static DECLARE_BITMAP(slot_map, KSTACK_SLOTS);
static unsigned long in_use;

static unsigned long slot_stack(unsigned long slot)
{
	return KSTACK_AREA + slot * KSTACK_SLOT + KSTACK_SIZE;
}

/* Unmap and free the first n pages of the stack at base. */
static void unmap_stack_pages(unsigned long base, int n)
{
	for (int i = 0; i < n; i++) {
		phys_addr_t pa = unmap_page(init_pgd, base + (unsigned long)i * PAGE_SIZE);

		if (pa != PHYS_NONE)
			__free_pages(phys_to_page(pa), 0);
	}
}

/*
 * kstack_alloc - a new kernel stack.
 *
 * Context: process context; does not sleep.
 * Return: its lowest address (the top is that + KSTACK_SIZE), or NULL when
 * memory or slots run out.
 */
void *kstack_alloc(void)
{
	unsigned long flags, slot, base;
	int i;

	spin_lock_irqsave(&kstack_lock, flags);
	slot = find_first_zero_bit(slot_map, KSTACK_SLOTS);
	if (slot < KSTACK_SLOTS) {
		__set_bit(slot, slot_map);
		in_use++;
	}
	spin_unlock_irqrestore(&kstack_lock, flags);
	if (slot >= KSTACK_SLOTS)
		return NULL;

	base = slot_stack(slot);
	for (i = 0; i < (1 << KSTACK_ORDER); i++) {
		struct page *page = alloc_page(GFP_KERNEL);

		if (!page)
			goto out_unmap;
		if (map_page(init_pgd, base + (unsigned long)i * PAGE_SIZE, page_to_phys(page),
			     PAGE_KERNEL)) {
			__free_pages(page, 0);
			goto out_unmap;
		}
	}
	return (void *)base;

out_unmap:
	unmap_stack_pages(base, i);
	spin_lock_irqsave(&kstack_lock, flags);
	__clear_bit(slot, slot_map);
	in_use--;
	spin_unlock_irqrestore(&kstack_lock, flags);
	return NULL;
}

/* kstack_free - give back a stack from kstack_alloc(). Context: not on it. */
void kstack_free(void *stack)
{
	unsigned long base = (unsigned long)stack, flags;
	unsigned long slot = (base - KSTACK_AREA) / KSTACK_SLOT;

	if (base < KSTACK_AREA || slot >= KSTACK_SLOTS || base != slot_stack(slot))
		panic("kstack_free: %p is not a kernel stack", stack);
	unmap_stack_pages(base, 1 << KSTACK_ORDER);
	spin_lock_irqsave(&kstack_lock, flags);
	if (!__test_and_clear_bit(slot, slot_map))
		panic("kstack_free: stack %p freed twice", stack);
	in_use--;
	spin_unlock_irqrestore(&kstack_lock, flags);
}

/* kstacks_in_use - how many kernel stacks exist (the boot stack aside). */
unsigned long kstacks_in_use(void)
{
	return READ_ONCE(in_use);
}

/* kstack_init - create the area's top-level table once. Context: boot. */
void kstack_init(void)
{
	if (pgd_prealloc(init_pgd, KSTACK_AREA))
		panic("kstack_init: no memory for the stack area's page table");
}
