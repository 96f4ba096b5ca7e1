/*
 * dup_mm_test.c - fork's copy of an address space (dup_mm, mm/mmap.c):
 * a private VMA's pages are shared copy-on-write; a shared VMA's (a shmem
 * file: System V attach, MAP_SHARED|MAP_ANONYMOUS) are not copied at all,
 * and the child's fault finds the parent's page in the file.
 *
 * The address spaces here are never loaded: dup_mm and handle_mm_fault
 * work on any mm through its own page table and the direct map.
 */
#include "fs/shmem.h"
#include "kernel/ktest.h"
#include "lib/err.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"

#define PRIV_BASE       0x400000UL
#define SHARED_BASE     0x40000000UL
#define SHARED_LEN      (1UL << 30)     /* 1 GiB of shared memory, 3 pages touched */

static int count_pte(u64 *pte, unsigned long va, struct mm_walk *walk)
{
	(void)pte;
	(void)va;
	(*(unsigned long *)walk->private)++;
	return 0;
}

/* The leaf entries present in [start, end) of mm, and the entries looked at. */
static unsigned long ptes_in(struct mm_struct *mm, unsigned long start, unsigned long end,
			     unsigned long *entries)
{
	unsigned long n = 0;
	struct mm_walk walk = { .pte_entry = count_pte, .private = &n };

	walk_page_range(mm->pgd, start, end, &walk);
	if (entries)
		*entries = walk.nr_entries;
	return n;
}

KTEST(fork_copies_no_shared_ptes)
{
	static const unsigned long touched[] = { 0, 1, 200000 };  /* page numbers */
	struct mm_struct *mm = mm_alloc(), *child;
	unsigned long entries;

	KT_ASSERT(mm != NULL);
	mutex_lock(&mm->mmap_lock);
	KT_ASSERT(insert_vm_area(mm, PRIV_BASE, PRIV_BASE + 4 * PAGE_SIZE, VM_READ | VM_WRITE) == 0);
	KT_ASSERT(insert_vm_area(mm, SHARED_BASE, SHARED_BASE + SHARED_LEN,
				 VM_READ | VM_WRITE | VM_SHARED) == 0);
	KT_ASSERT(shmem_zero_setup(find_vma(mm, SHARED_BASE)) == 0);
	KT_EXPECT_EQ(handle_mm_fault(mm, PRIV_BASE, true, false), 0);
	KT_EXPECT_EQ(handle_mm_fault(mm, PRIV_BASE + PAGE_SIZE, true, false), 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(touched); i++)
		KT_EXPECT_EQ(handle_mm_fault(mm, SHARED_BASE + touched[i] * PAGE_SIZE, true,
					     false), 0);
	mutex_unlock(&mm->mmap_lock);
	KT_EXPECT_EQ(ptes_in(mm, SHARED_BASE, SHARED_BASE + SHARED_LEN, NULL), 3);

	child = dup_mm(mm);
	KT_ASSERT(child != NULL);

	/* Private: the same frames in both, read-only in both (COW). */
	KT_EXPECT_EQ(ptes_in(child, PRIV_BASE, PRIV_BASE + 4 * PAGE_SIZE, NULL), 2);
	for (unsigned long va = PRIV_BASE; va < PRIV_BASE + 2 * PAGE_SIZE; va += PAGE_SIZE) {
		u64 *p = lookup_address(mm->pgd, va, NULL), *c = lookup_address(child->pgd, va, NULL);

		KT_ASSERT(p != NULL && c != NULL);
		KT_EXPECT_EQ(entry_phys(*p), entry_phys(*c));
		KT_EXPECT(!(*p & _PAGE_RW) && !(*c & _PAGE_RW));
	}

	/* Shared: nothing in the child's tables, not even a table: its walk
	 * looks at one PGD and one PDPT entry for the whole GiB. */
	KT_EXPECT_EQ(ptes_in(child, SHARED_BASE, SHARED_BASE + SHARED_LEN, &entries), 0);
#ifdef CONFIG_DEBUG_MM
	KT_EXPECT_EQ(entries, 2);
#endif

	/* The child's fault finds the parent's page, writable (shared). The
	 * first maps the second too (fault-around: both are in the cache). */
	mutex_lock(&child->mmap_lock);
	for (unsigned int i = 0; i < ARRAY_SIZE(touched); i++) {
		unsigned long va = SHARED_BASE + touched[i] * PAGE_SIZE;
		u64 *p = lookup_address(mm->pgd, va, NULL), *c;

		if (i != 1)
			KT_EXPECT_EQ(handle_mm_fault(child, va, false, false), 0);
		c = lookup_address(child->pgd, va, NULL);
		KT_ASSERT(p != NULL && c != NULL);
		KT_EXPECT_EQ(entry_phys(*p), entry_phys(*c));
		KT_EXPECT(*c & _PAGE_RW);
		KT_EXPECT(*p & _PAGE_RW);       /* the parent's stays writable */
	}
	mutex_unlock(&child->mmap_lock);
	KT_EXPECT_EQ(ptes_in(child, SHARED_BASE, SHARED_BASE + SHARED_LEN, NULL), 3);

	mmput(child);
	mmput(mm);
}

/*
 * fork copies a private VMA's entries table by table (copy_pte keeps the
 * child's last page table): pages in three tables of one VMA, and a
 * second VMA sharing the first's last table, all land at their address
 * with the parent's frame, read-only, each table counting its entries
 * (the child's teardown frees them all: the leak check after the test).
 */
#define SPAN_BASE       0x10000000UL    /* 2 MiB aligned */
KTEST(fork_copies_across_page_tables)
{
	static const unsigned long pages[] = { 0, 1, 511, 512, 1023, 1024, 1500 };
	unsigned long end = SPAN_BASE + 1501 * PAGE_SIZE, second = SPAN_BASE + 1600 * PAGE_SIZE;
	struct mm_struct *mm = mm_alloc(), *child;

	KT_ASSERT(mm != NULL);
	mutex_lock(&mm->mmap_lock);
	KT_ASSERT(insert_vm_area(mm, SPAN_BASE, end, VM_READ | VM_WRITE) == 0);
	KT_ASSERT(insert_vm_area(mm, second, second + 2 * PAGE_SIZE, VM_READ | VM_WRITE | VM_EXEC) == 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(pages); i++)
		KT_EXPECT_EQ(handle_mm_fault(mm, SPAN_BASE + pages[i] * PAGE_SIZE, true, false), 0);
	KT_EXPECT_EQ(handle_mm_fault(mm, second + PAGE_SIZE, true, false), 0);
	mutex_unlock(&mm->mmap_lock);

	child = dup_mm(mm);
	KT_ASSERT(child != NULL);
	KT_EXPECT_EQ(ptes_in(child, SPAN_BASE, end, NULL), ARRAY_SIZE(pages));
	KT_EXPECT_EQ(ptes_in(child, second, second + 2 * PAGE_SIZE, NULL), 1);
	for (unsigned int i = 0; i <= ARRAY_SIZE(pages); i++) {
		unsigned long va = i < ARRAY_SIZE(pages) ? SPAN_BASE + pages[i] * PAGE_SIZE :
							   second + PAGE_SIZE;
		u64 *p = lookup_address(mm->pgd, va, NULL), *c = lookup_address(child->pgd, va, NULL);

		KT_ASSERT(p != NULL && c != NULL);
		KT_EXPECT_EQ(entry_phys(*p), entry_phys(*c));
		KT_EXPECT_EQ(*p, *c);           /* the same rights: read-only, NX as the VMA */
		KT_EXPECT(!(*c & _PAGE_RW));
		KT_EXPECT_EQ(page_count(phys_to_page(entry_phys(*c))), 2);
	}
	KT_EXPECT(lookup_address(child->pgd, SPAN_BASE + 2 * PAGE_SIZE, NULL) == NULL);
	KT_EXPECT(!(*lookup_address(child->pgd, second + PAGE_SIZE, NULL) & _PAGE_NX));
	mmput(child);
	mmput(mm);
}
