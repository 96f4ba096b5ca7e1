/*
 * page_alloc.c - the buddy allocator for physical pages.
 *
 * Free memory is kept as blocks of 2^order pages (order 0 .. MAX_ORDER-1),
 * each block aligned to its own size, one free list per order. Two blocks
 * of order n that are each other's "buddy" (their page frame numbers
 * differ only in bit n) merge into one block of order n+1 when both are
 * free.
 *
 *	alloc_pages(order): take a block from the smallest list >= order;
 *	                    split off halves onto lower lists until it fits.
 *	__free_pages(page, order): while the buddy is free and of the same
 *	                    order, unlink it and merge; put the result on
 *	                    its list.
 *
 * Every physical frame has a struct page in mem_map[pfn]. PG_buddy marks
 * the first page of a free block (page->order says its size), PG_head the
 * first page of an allocated one. Freeing checks both, so a double free or
 * a free with the wrong order is a panic naming the page, not a silent
 * corruption. With CONFIG_DEBUG_MM freed pages are filled with PAGE_POISON
 * so a use after free reads garbage that stands out.
 *
 * Hot pages: an order-0 page freed waits on hot_list (newest first, at
 * most HOT_HIGH pages, PG_hot) instead of merging into the free lists,
 * and an order-0 allocation takes the newest first. A fork and exit, an
 * 8 KiB message, a page fault each allocate and free a few single pages;
 * merging each up through the orders, only to split a block down again
 * for the next, cost more than the rest of the allocation. (Linux's
 * per-CPU page lists, without the CPUs.) Hot pages count as free
 * (nr_free_pages); page_alloc_drain() merges them all back, which an
 * allocation does before it fails.
 *
 * The allocator starts with what memblock says is free; pages memblock
 * had reserved (holes, the kernel, boot data, mem_map itself) stay
 * PG_reserved for ever.
 *
 * Locking: zone_lock (irqsave) guards free_area[], hot_list and the
 * counts; page flags of free blocks change only under it.
 */
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "lib/string.h"
#include "mm/memblock.h"
#include "mm/page_alloc.h"

#define PAGE_POISON 0xaa

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;          /* blocks on the list */
};

#define HOT_HIGH 64                     /* most pages on hot_list */

static DEFINE_SPINLOCK(zone_lock);
static struct free_area free_area[MAX_ORDER];
static unsigned long free_pages_count;  /* on the free lists and hot_list */
static LIST_HEAD(hot_list);
static unsigned long hot_count;

struct page *mem_map;
unsigned long max_pfn;                  /* one past the highest frame with a struct page */
unsigned long totalram_pages;           /* pages the allocator manages */

static bool page_is_buddy(struct page *buddy, unsigned int order)
{
	return (buddy->flags & PG_buddy) && buddy->order == order;
}

/* Put a free block on its list. Caller holds zone_lock. */
static void add_to_free_list(struct page *page, unsigned int order)
{
	page->flags = PG_buddy;
	page->order = order;
	list_add(&page->lru, &free_area[order].free_list);
	free_area[order].nr_free++;
}

static void del_from_free_list(struct page *page, unsigned int order)
{
	list_del(&page->lru);
	page->flags &= ~PG_buddy;
	free_area[order].nr_free--;
}

/* Free one block, merging with its buddies. Caller holds zone_lock. */
static void __free_one_page(unsigned long pfn, unsigned int order)
{
	free_pages_count += 1UL << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);

		if (buddy_pfn >= max_pfn || !page_is_buddy(pfn_to_page(buddy_pfn), order))
			break;
		del_from_free_list(pfn_to_page(buddy_pfn), order);
		pfn &= ~(1UL << order);         /* the merged block starts at the lower */
		order++;
	}
	add_to_free_list(pfn_to_page(pfn), order);
}

/* Merge every hot page back into the free lists. Caller holds zone_lock. */
static void __drain_hot_pages(void)
{
	while (hot_count) {
		struct page *page = list_first_entry(&hot_list, struct page, lru);

		list_del(&page->lru);
		hot_count--;
		page->flags = 0;
		free_pages_count--;     /* __free_one_page counts it again */
		__free_one_page(page_to_pfn(page), 0);
	}
}

/*
 * page_alloc_drain - give every hot page back to the free lists, where it
 * merges with its buddies (the ktests that look at the free lists).
 *
 * Context: any.
 */
void page_alloc_drain(void)
{
	unsigned long flags;

	spin_lock_irqsave(&zone_lock, flags);
	__drain_hot_pages();
	spin_unlock_irqrestore(&zone_lock, flags);
}

/*
 * alloc_pages - allocate 2^order physically contiguous pages.
 *
 * Context: any; does not sleep.
 * Return: the first page's struct page, or NULL when no block is big enough.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long flags;
	struct page *page = NULL;
	unsigned int o;

	if (order >= MAX_ORDER)
		return NULL;
	spin_lock_irqsave(&zone_lock, flags);
	if (order == 0 && hot_count) {
		page = list_first_entry(&hot_list, struct page, lru);
		list_del(&page->lru);
		hot_count--;
	} else {
		for (;;) {
			for (o = order; o < MAX_ORDER; o++) {
				if (!list_empty(&free_area[o].free_list))
					break;
			}
			if (o < MAX_ORDER || !hot_count)
				break;
			__drain_hot_pages();    /* merged, they may make a big enough block */
		}
		if (o < MAX_ORDER) {
			page = list_first_entry(&free_area[o].free_list, struct page, lru);
			del_from_free_list(page, o);
			/* Split: give back the upper half until the block fits. */
			while (o > order) {
				o--;
				add_to_free_list(page + (1UL << o), o);
			}
		}
	}
	if (page) {
		page->flags = PG_head;
		page->order = order;
		atomic_set(&page->_refcount, 1);
		free_pages_count -= 1UL << order;
	}
	spin_unlock_irqrestore(&zone_lock, flags);

	if (page && (gfp & __GFP_ZERO))
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

/*
 * __free_pages - give back a block from alloc_pages() of the same order.
 *
 * Context: any. Panics on a double free, a wrong order, or a page that was
 * never allocated.
 */
void __free_pages(struct page *page, unsigned int order)
{
	unsigned long flags, pfn = page_to_pfn(page);

	if (page->flags & (PG_buddy | PG_hot))
		panic("__free_pages: double free of pfn 0x%lx (order %u)", pfn, order);
	if (!(page->flags & PG_head))
		panic("__free_pages: pfn 0x%lx was not allocated (flags 0x%lx)", pfn, page->flags);
	if (page->order != order)
		panic("__free_pages: pfn 0x%lx freed as order %u, allocated as order %u", pfn,
		      order, page->order);
#ifdef CONFIG_DEBUG_MM
	memset(page_address(page), PAGE_POISON, PAGE_SIZE << order);
#endif
	spin_lock_irqsave(&zone_lock, flags);
	if (order == 0 && hot_count < HOT_HIGH) {
		page->flags = PG_hot;
		list_add(&page->lru, &hot_list);
		hot_count++;
		free_pages_count++;
	} else {
		page->flags = 0;
		__free_one_page(pfn, order);
	}
	spin_unlock_irqrestore(&zone_lock, flags);
}

/*
 * put_page - drop a reference to an order-0 page; the last one frees it.
 * One atomic decrement decides who is last: exactly one caller sees 0.
 *
 * Context: any. Panics if the count goes below zero.
 */
void put_page(struct page *page)
{
	int left = atomic_dec_return(&page->_refcount);

	if (left < 0)
		panic("put_page: pfn 0x%lx has refcount %d", page_to_pfn(page), left + 1);
	if (left == 0)
		__free_pages(page, 0);
}

/* __get_free_pages - alloc_pages(), returning the direct-map address or 0. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

/* free_pages - free a block by its direct-map address (0 is ignored). */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

/* nr_free_pages - how many pages are free right now. */
unsigned long nr_free_pages(void)
{
	return READ_ONCE(free_pages_count);
}

/* nr_free_blocks - how many free blocks of this order the free lists hold
 * (hot pages are not on them: page_alloc_drain() puts them there). */
unsigned long nr_free_blocks(unsigned int order)
{
	return order < MAX_ORDER ? READ_ONCE(free_area[order].nr_free) : 0;
}

/* Hand the free range [start, end) to the allocator in the largest
 * aligned blocks that fit. */
static void free_range(phys_addr_t start, phys_addr_t end, void *arg)
{
	unsigned long pfn = PFN_UP(start), end_pfn = PFN_DOWN(end);

	(void)arg;
	while (pfn < end_pfn) {
		unsigned int order = MAX_ORDER - 1;

		while (order > 0 && ((pfn & ((1UL << order) - 1)) || pfn + (1UL << order) > end_pfn))
			order--;
		for (unsigned long i = 0; i < (1UL << order); i++)
			pfn_to_page(pfn + i)->flags = 0;
		__free_one_page(pfn, order);
		totalram_pages += 1UL << order;
		pfn += 1UL << order;
	}
}

/*
 * free_reserved_area - hand RAM that boot kept (memblock-reserved) to the
 * allocator once nothing needs it: the initramfs archive after it was
 * unpacked, as Linux's free_initrd_mem(). Only the whole pages inside
 * [start, end) are freed; a partial page at either end stays reserved.
 *
 * Context: after page_alloc_init(); may be called with interrupts on.
 * Return: the number of pages freed.
 */
unsigned long free_reserved_area(phys_addr_t start, phys_addr_t end)
{
	unsigned long flags, before = totalram_pages;

	spin_lock_irqsave(&zone_lock, flags);
	free_range(start, end, NULL);
	spin_unlock_irqrestore(&zone_lock, flags);
	return totalram_pages - before;
}

/*
 * page_alloc_init - create mem_map and give every free page to the buddy
 * allocator. memblock must not be used after this.
 *
 * Context: boot, after paging_init() has mapped all RAM.
 */
void page_alloc_init(void)
{
	max_pfn = PFN_DOWN(memblock_end_of_ram());
	mem_map = __va(memblock_alloc(max_pfn * sizeof(struct page), PAGE_SIZE));
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		mem_map[pfn].flags = PG_reserved;
		INIT_LIST_HEAD(&mem_map[pfn].lru);
	}
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		INIT_LIST_HEAD(&free_area[o].free_list);

	memblock_for_each_free(free_range, NULL);
}
