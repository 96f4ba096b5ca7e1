/*
 * page_alloc_test.c - in-kernel tests of the buddy allocator.
 */
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/page_alloc.h"

/* Allocate every free page one by one (chaining them through their own
 * first word), then free them all: the free count and the free lists of
 * the biggest order must come back as they were. */
KTEST(page_alloc_all_then_free_all)
{
	page_alloc_drain();             /* hot pages merged: the lists as they can be */
	unsigned long before = nr_free_pages();
	unsigned long big_before = nr_free_blocks(MAX_ORDER - 1);
	unsigned long count = 0;
	void **chain = NULL;
	struct page *page;

	while ((page = alloc_page(GFP_KERNEL))) {
		void **p = page_address(page);
		*p = chain;
		chain = p;
		count++;
	}
	KT_EXPECT_EQ(count, before);
	KT_EXPECT_EQ(nr_free_pages(), 0);
	KT_EXPECT(alloc_pages(GFP_KERNEL, 0) == NULL);
	while (chain) {
		void **next = *chain;
		free_page((unsigned long)chain);
		chain = next;
	}
	KT_EXPECT_EQ(nr_free_pages(), before);  /* hot pages count as free */
	page_alloc_drain();
	KT_EXPECT_EQ(nr_free_pages(), before);
	KT_EXPECT_EQ(nr_free_blocks(MAX_ORDER - 1), big_before);  /* all merged again */
}

KTEST(page_alloc_orders_are_aligned_and_zeroed)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct page *page = alloc_pages(__GFP_ZERO, order);
		KT_ASSERT(page != NULL);
		KT_EXPECT_EQ(page_to_pfn(page) & ((1UL << order) - 1), 0);
		u8 *mem = page_address(page);
		bool zero = true;
		for (unsigned long i = 0; i < (PAGE_SIZE << order); i++)
			zero &= mem[i] == 0;
		KT_EXPECT(zero);
		memset(mem, 0x5c, PAGE_SIZE << order);  /* the memory is really ours */
		__free_pages(page, order);
	}
	KT_EXPECT(alloc_pages(GFP_KERNEL, MAX_ORDER) == NULL);
}

/* With no free order-0 block left, the next allocation splits a bigger
 * block: it returns the lower page and keeps the upper one, its buddy,
 * which the allocation after gets. Freed, the two merge again. */
KTEST(page_alloc_buddies_split_and_merge)
{
	void **chain = NULL;
	struct page *p, *q;

	page_alloc_drain();                     /* no hot pages */
	while (nr_free_blocks(0) > 0) {         /* drain the order-0 list */
		void **page = (void **)__get_free_pages(GFP_KERNEL, 0);
		KT_ASSERT(page != NULL);
		*page = chain;
		chain = page;
	}
	unsigned long free_before = nr_free_pages();
	p = alloc_page(GFP_KERNEL);
	q = alloc_page(GFP_KERNEL);
	KT_ASSERT(p && q);
	KT_EXPECT_EQ(page_to_pfn(q), page_to_pfn(p) ^ 1);       /* buddies */
	KT_EXPECT_EQ(nr_free_blocks(0), 0);
	__free_pages(p, 0);
	KT_EXPECT_EQ(nr_free_blocks(0), 0);     /* p is a hot page */
	page_alloc_drain();
	KT_EXPECT_EQ(nr_free_blocks(0), 1);     /* p waits for its buddy */
	__free_pages(q, 0);
	page_alloc_drain();
	KT_EXPECT_EQ(nr_free_blocks(0), 0);     /* merged into a bigger block */
	KT_EXPECT_EQ(nr_free_pages(), free_before);
	while (chain) {
		void **next = *chain;
		free_page((unsigned long)chain);
		chain = next;
	}
}

/* A freed single page is the next one allocated (the hot list), it counts
 * as free meanwhile, and freeing it twice is caught (see the marks). */
KTEST(page_alloc_hot_page_comes_back_first)
{
	struct page *p = alloc_page(GFP_KERNEL);

	KT_ASSERT(p != NULL);
	unsigned long free_before = nr_free_pages();
	__free_pages(p, 0);
	KT_EXPECT_EQ(nr_free_pages(), free_before + 1);
	KT_EXPECT(p->flags & PG_hot);
	KT_EXPECT(!(p->flags & (PG_head | PG_buddy)));
	struct page *q = alloc_page(__GFP_ZERO);
	KT_EXPECT(q == p);
	KT_EXPECT_EQ(nr_free_pages(), free_before);
	KT_EXPECT(q->flags & PG_head);
	KT_EXPECT_EQ(*(u64 *)page_address(q), 0);
	__free_pages(q, 0);
}

KTEST(page_alloc_marks_pages)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	KT_ASSERT(page != NULL);
	KT_EXPECT(page->flags & PG_head);
	KT_EXPECT(!(page->flags & PG_buddy));
	KT_EXPECT_EQ(page->order, 2);
	KT_EXPECT(virt_to_page(page_address(page)) == page);
	KT_EXPECT_EQ(__pa(page_address(page)), page_to_phys(page));
	__free_pages(page, 2);
	KT_EXPECT(!(page->flags & PG_head));
#ifdef CONFIG_DEBUG_MM
	KT_EXPECT_EQ(*(u8 *)page_address(page) == 0xaa || (page->flags & PG_buddy), 1);
#endif
}

/* The memory map's RAM is all accounted for. */
KTEST(page_alloc_counts_ram)
{
	KT_EXPECT(totalram_pages > 0);
	KT_EXPECT(nr_free_pages() <= totalram_pages);
	KT_EXPECT(totalram_pages <= max_pfn);
	/* The kernel image and the first MiB are never free. */
	KT_EXPECT(pfn_to_page(0)->flags & PG_reserved);
	KT_EXPECT(virt_to_page(_stext)->flags & PG_reserved);
}
