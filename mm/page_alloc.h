/*
 * page_alloc.h - the physical page allocator (a buddy allocator) and
 * struct page, one per physical page frame.
 */
#ifndef MM_PAGE_ALLOC_H
#define MM_PAGE_ALLOC_H

#include "arch/x86_64/page.h"
#include "lib/atomic.h"
#include "lib/list.h"
#include "lib/types.h"

#define MAX_ORDER       11              /* blocks of 1 .. 1024 pages (4 MiB) */

/* page->flags */
#define PG_reserved     (1UL << 0)      /* never given to the allocator: hole, kernel, boot data */
#define PG_buddy        (1UL << 1)      /* head of a free block on a free list */
#define PG_head         (1UL << 2)      /* head of an allocated block; order is its size */
#define PG_slab         (1UL << 3)      /* part of a slab (mm/slab.c) */
#define PG_pgtable      (1UL << 4)      /* a page table (mm/pgtable.c) */
#define PG_hot          (1UL << 5)      /* a free page on the hot list (page_alloc.c) */

struct page {
	unsigned long flags;
	unsigned int order;             /* PG_buddy or PG_head: log2 of the block's pages */
	union {
		unsigned int pt_used;   /* PG_pgtable: entries in use; pgtable_lock, and for a
					 * user table its mm's mmap_lock (mm/pgtable.c) */
		atomic_t _refcount;     /* user pages: mappings + references (get_page) */
	};
	struct list_head lru;           /* free list (PG_buddy, PG_hot) or slab list */
	void *slab;                     /* PG_slab: the slab this page belongs to */
};

typedef unsigned int gfp_t;
#define GFP_KERNEL      0x0u
#define __GFP_ZERO      0x1u            /* fill the pages with zeroes */

extern struct page *mem_map;
extern unsigned long max_pfn;
extern unsigned long totalram_pages;

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return &mem_map[pfn];
}

static inline phys_addr_t page_to_phys(const struct page *page)
{
	return PFN_PHYS(page_to_pfn(page));
}

static inline void *page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(__pa(addr)));
}

static inline struct page *phys_to_page(phys_addr_t pa)
{
	return pfn_to_page(PFN_DOWN(pa));
}

void page_alloc_init(void);
struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
unsigned long free_reserved_area(phys_addr_t start, phys_addr_t end);
unsigned long nr_free_pages(void);
unsigned long nr_free_blocks(unsigned int order);
void page_alloc_drain(void);

/*
 * get_page/put_page - reference counting for pages that several owners
 * share (a user page mapped copy-on-write in two address spaces, a shm
 * page in the file and in each mapping). alloc_pages() starts the count
 * at 1; put_page() frees an order-0 page when the count reaches 0.
 *
 * The count is an atomic_t, not an int: the owners are different tasks
 * (a child zapping its copy at exit, the parent forking again or breaking
 * a COW share) that hold no common lock and may be preempted anywhere, so
 * each update must be one locked instruction (lib/atomic.h). No lock
 * guards it; a caller must already hold a reference (a mapping, the page
 * cache's) to take another.
 */
static inline void get_page(struct page *page)
{
	atomic_inc(&page->_refcount);
}

static inline int page_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

void put_page(struct page *page);

static inline struct page *alloc_page(gfp_t gfp)
{
	return alloc_pages(gfp, 0);
}

static inline unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

static inline void free_page(unsigned long addr)
{
	free_pages(addr, 0);
}

#endif /* MM_PAGE_ALLOC_H */
