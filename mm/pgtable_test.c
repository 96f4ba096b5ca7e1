/*
 * pgtable_test.c - in-kernel tests of the page tables: the kernel's own
 * mappings, and map_page/unmap_page.
 */
#include "arch/x86_64/cpu.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"

/* An address nothing uses, in the last GiB (Linux's module area), under
 * the kernel image's PDPT: the PD and PT the test needs are its own and
 * must be freed when it unmaps. */
#define TEST_VA 0xffffffffc0000000UL

KTEST(pgtable_kernel_mappings)
{
	int level;
	u64 *e;

	/* Code: present, not writable, executable. */
	e = lookup_address(init_pgd, (unsigned long)_stext, &level);
	KT_ASSERT(e != NULL);
	KT_EXPECT_EQ(level, 1);
	KT_EXPECT(!(*e & _PAGE_RW));
	KT_EXPECT(!(*e & _PAGE_NX));
	/* Data: writable, not executable. */
	e = lookup_address(init_pgd, (unsigned long)&init_pgd, &level);
	KT_ASSERT(e != NULL);
	KT_EXPECT(*e & _PAGE_RW);
	KT_EXPECT(*e & _PAGE_NX);
	/* No identity map left, no user half: page 0 is unmapped. */
	KT_EXPECT(lookup_address(init_pgd, 0, NULL) == NULL);
	KT_EXPECT(lookup_address(init_pgd, 0x100000, NULL) == NULL);
	/* The direct map reaches the last page of RAM, as a 2 MiB page. */
	phys_addr_t last = PFN_PHYS(max_pfn - 1), pa;
	KT_EXPECT(virt_to_phys_walk(init_pgd, (unsigned long)__va(last) + 8, &pa));
	KT_EXPECT_EQ(pa, last + 8);
	e = lookup_address(init_pgd, (unsigned long)__va(last), &level);
	KT_EXPECT(e && level == 2 && (*e & _PAGE_NX));
	/* CR3 points at init_pgd. */
	KT_EXPECT_EQ(read_cr3() & PTE_ADDR_MASK, __pa(init_pgd));
}

KTEST(pgtable_map_unmap)
{
	struct page *page = alloc_page(__GFP_ZERO);
	phys_addr_t pa;

	KT_ASSERT(page != NULL);
	KT_EXPECT(lookup_address(init_pgd, TEST_VA, NULL) == NULL);
	KT_EXPECT_EQ(map_page(init_pgd, TEST_VA, page_to_phys(page), PAGE_KERNEL), 0);
	KT_EXPECT_EQ(map_page(init_pgd, TEST_VA, page_to_phys(page), PAGE_KERNEL), -EEXIST);
	KT_EXPECT_EQ(map_page(init_pgd, TEST_VA + 1, page_to_phys(page), PAGE_KERNEL), -EINVAL);

	/* A write through the new mapping shows in the direct map. */
	*(volatile u64 *)(TEST_VA + 24) = 0x1122334455667788ULL;
	KT_EXPECT_EQ(((u64 *)page_address(page))[3], 0x1122334455667788ULL);
	KT_EXPECT(virt_to_phys_walk(init_pgd, TEST_VA + 24, &pa));
	KT_EXPECT_EQ(pa, page_to_phys(page) + 24);

	/* A second page in the same table, then both out: the tables built for
	 * them are freed (the leak check after the test counts the pages). */
	KT_EXPECT_EQ(map_page(init_pgd, TEST_VA + PAGE_SIZE, page_to_phys(page), PAGE_KERNEL_RO), 0);
	KT_EXPECT_EQ(*(volatile u64 *)(TEST_VA + PAGE_SIZE + 24), 0x1122334455667788ULL);
	KT_EXPECT_EQ(unmap_page(init_pgd, TEST_VA), page_to_phys(page));
	KT_EXPECT(lookup_address(init_pgd, TEST_VA, NULL) == NULL);
	KT_EXPECT(lookup_address(init_pgd, TEST_VA + PAGE_SIZE, NULL) != NULL);
	KT_EXPECT_EQ(unmap_page(init_pgd, TEST_VA + PAGE_SIZE), page_to_phys(page));
	KT_EXPECT_EQ(unmap_page(init_pgd, TEST_VA), PHYS_NONE);
	__free_pages(page, 0);
}

/* Many pages across several page tables, mapped and unmapped again. */
KTEST(pgtable_map_many)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long free_before;

	KT_ASSERT(page != NULL);
	free_before = nr_free_pages();
	for (unsigned long i = 0; i < 2048; i++)
		KT_ASSERT(map_page(init_pgd, TEST_VA + i * PAGE_SIZE, page_to_phys(page),
				   PAGE_KERNEL) == 0);
	KT_EXPECT(nr_free_pages() < free_before);       /* tables were made */
	for (unsigned long i = 0; i < 2048; i++)
		KT_EXPECT_EQ(unmap_page(init_pgd, TEST_VA + i * PAGE_SIZE), page_to_phys(page));
	KT_EXPECT_EQ(nr_free_pages(), free_before);     /* and all freed */
	__free_pages(page, 0);
}

/* walk_page_range: count the entries it visits, clear every other one. */
static int count_and_clear_odd(u64 *pte, unsigned long va, struct mm_walk *walk)
{
	unsigned long *visited = walk->private;

	(*visited)++;
	if ((va >> PAGE_SHIFT) & 1) {
		*pte = 0;
		return 1;
	}
	return 0;
}

static int clear_all(u64 *pte, unsigned long va, struct mm_walk *walk)
{
	(void)va;
	(*(unsigned long *)walk->private)++;
	*pte = 0;
	return 1;
}

/*
 * A walk over the whole user half of a private table visits exactly the
 * pages mapped there (a PROT_NONE one included), skips the rest of the
 * 128 TiB at once, and frees every table it empties.
 */
KTEST(pgtable_walk_page_range)
{
	static const unsigned long where[] = {
		0x1000, 0x2000, 0x40000000, 0x7f0000001000, 0x7ffffffff000 - 0x1000,
	};
	struct page *pgd_page = alloc_page(__GFP_ZERO), *page = alloc_page(GFP_KERNEL);
	unsigned long free_before, visited = 0;
	struct mm_walk walk = { .pte_entry = count_and_clear_odd, .private = &visited };

	KT_ASSERT(pgd_page != NULL && page != NULL);
	pgd_page->flags |= PG_pgtable;
	pgd_page->pt_used = 0;
	pgd_t *pgd = page_address(pgd_page);
	free_before = nr_free_pages();
	for (unsigned i = 0; i < ARRAY_SIZE(where); i++)
		KT_ASSERT(map_page(pgd, where[i], page_to_phys(page),
				   i == 2 ? _PAGE_PROTNONE : _PAGE_PRESENT | _PAGE_USER) == 0);
	KT_EXPECT(nr_free_pages() < free_before);
	KT_EXPECT_EQ(walk_page_range(pgd, 0, USER_HALF_END, &walk), 0);
	KT_EXPECT_EQ(visited, ARRAY_SIZE(where));
	KT_EXPECT(lookup_address(pgd, 0x1000, NULL) == NULL);          /* odd: gone */
	KT_EXPECT(lookup_address(pgd, 0x2000, NULL) != NULL);          /* even: kept */
	KT_EXPECT(lookup_address(pgd, 0x40000000, NULL) != NULL);      /* PROT_NONE */
	KT_EXPECT(lookup_address(pgd, 0x7f0000001000, NULL) == NULL);
	visited = 0;
	walk.pte_entry = clear_all;
	KT_EXPECT_EQ(walk_page_range(pgd, 0x3000, 0x7f0000000000, &walk), 0);
	KT_EXPECT_EQ(visited, 1);                                      /* the PROT_NONE one */
	visited = 0;
	KT_EXPECT_EQ(walk_page_range(pgd, 0, USER_HALF_END, &walk), 0);
	KT_EXPECT_EQ(visited, 2);
	KT_EXPECT_EQ(nr_free_pages(), free_before);     /* every table freed */
	KT_EXPECT_EQ(pgd_page->pt_used, 0);
	pgd_page->flags &= ~PG_pgtable;
	__free_pages(pgd_page, 0);
	__free_pages(page, 0);
}

#ifdef CONFIG_DEBUG_MM         /* walk.nr_entries is counted there only */
/*
 * The walk's cost is the entries of the tables that are there, never the
 * pages of the range: with one page mapped at 0x2000 (so one PDPT, one PD
 * and one PT exist under PGD entry 0), each range below looks at exactly
 * the entries named in its comment (walk.nr_entries), where a loop over
 * the pages would have taken up to 2^35 steps.
 */
KTEST(pgtable_walk_skips_absent_levels)
{
	static const struct {
		unsigned long start, end, entries, pages;
	} cases[] = {
		/* PGD 0, then PDPT entry 1: absent, the whole GiB in one step */
		{ 0x40000000, 0x80000000, 2, 0 },
		/* PGD 0, PDPT 0, then PD entries 1-511, each absent */
		{ 0x200000, 0x40000000, 1 + 1 + 511, 0 },
		/* PGD entries 1-255, each absent: 127.5 TiB in 255 steps */
		{ 0x8000000000, USER_HALF_END, 255, 0 },
		/* all of it: 256 + 512 + 512 + 512, and the one page */
		{ 0, USER_HALF_END, 256 + 3 * 512, 1 },
	};
	struct page *pgd_page = alloc_page(__GFP_ZERO), *page = alloc_page(GFP_KERNEL);
	unsigned long free_before, visited;
	struct mm_walk walk = { .pte_entry = count_and_clear_odd, .private = &visited };

	KT_ASSERT(pgd_page != NULL && page != NULL);
	pgd_page->flags |= PG_pgtable;
	pgd_page->pt_used = 0;
	pgd_t *pgd = page_address(pgd_page);
	free_before = nr_free_pages();
	KT_ASSERT(map_page(pgd, 0x2000, page_to_phys(page), _PAGE_PRESENT | _PAGE_USER) == 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		visited = 0;
		walk.nr_entries = 0;
		KT_EXPECT_EQ(walk_page_range(pgd, cases[i].start, cases[i].end, &walk), 0);
		KT_EXPECT_EQ(walk.nr_entries, cases[i].entries);
		KT_EXPECT_EQ(visited, cases[i].pages);
	}
	KT_EXPECT(lookup_address(pgd, 0x2000, NULL) != NULL);  /* even: kept */
	walk.pte_entry = clear_all;
	KT_EXPECT_EQ(walk_page_range(pgd, 0, USER_HALF_END, &walk), 0);
	KT_EXPECT_EQ(nr_free_pages(), free_before);     /* every table freed */
	/* Nothing left: the PGD counts no entry in use, and is not looked at. */
	walk.nr_entries = 0;
	KT_EXPECT_EQ(walk_page_range(pgd, 0, USER_HALF_END, &walk), 0);
	KT_EXPECT_EQ(walk.nr_entries, 0);
	pgd_page->flags &= ~PG_pgtable;
	__free_pages(pgd_page, 0);
	__free_pages(page, 0);
}
#endif
