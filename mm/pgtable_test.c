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
