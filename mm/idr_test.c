/*
 * idr_test.c - in-kernel tests of lib/idr.c on the kernel's node allocator
 * (mm/idr_alloc.c, kmalloc).
 *
 * lib/tests/test_idr.c tests the tree itself on the host; these check that
 * it works the same inside the kernel, with kmalloc's poisoned memory,
 * and that an idr gives all its memory back: each test counts the free
 * pages itself (the nodes must have cost some) and the ktest runner
 * checks that none are missing after it.
 */
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "lib/idr.h"
#include "mm/page_alloc.h"

#define DENSE_IDS       4000
#define SPARSE_IDS      2000

static u32 things[DENSE_IDS];   /* entries: &things[i] for id i */

/* Thousands of consecutive ids, half removed and reused, then all removed. */
KTEST(idr_dense_ids_come_and_go)
{
	struct idr idr;
	int id, n = 0, bad = 0;
	void *entry;

	idr_init(&idr);
	for (int i = 0; i < DENSE_IDS; i++)
		bad += idr_alloc(&idr, &things[i], 0, 0, GFP_KERNEL) != i;
	KT_EXPECT_EQ(bad, 0);
	for (int i = 0; i < DENSE_IDS; i++)
		bad += idr_find(&idr, (unsigned long)i) != &things[i];
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT(idr_find(&idr, DENSE_IDS) == NULL);

	for (int i = 1; i < DENSE_IDS; i += 2)
		bad += idr_remove(&idr, (unsigned long)i) != &things[i];
	KT_EXPECT_EQ(bad, 0);
	for (int i = 1; i < DENSE_IDS; i += 2)          /* the holes, lowest first */
		bad += idr_alloc(&idr, &things[i], 0, 0, GFP_KERNEL) != i;
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT_EQ(idr_alloc(&idr, NULL, 0, DENSE_IDS, GFP_KERNEL), -ENOSPC);

	idr_for_each_entry(&idr, entry, id) {
		bad += id != n || entry != &things[n];
		n++;
	}
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT_EQ(n, DENSE_IDS);

	for (int i = 0; i < DENSE_IDS; i++)
		idr_remove(&idr, (unsigned long)i);
	KT_EXPECT(idr_is_empty(&idr));
}

/*
 * Ids spread over the whole int range: a path of nodes each. The pages
 * they cost must all come back, through idr_remove and through
 * idr_destroy.
 */
KTEST(idr_sparse_ids_return_their_pages)
{
	unsigned long free_before = nr_free_pages();
	struct idr idr;
	int bad = 0;

	idr_init(&idr);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < SPARSE_IDS; i++) {
			int want = (int)((u64)i * 1073741 % 0x7fffffffu);

			bad += idr_alloc(&idr, &things[i], want, want + 1, GFP_KERNEL) != want;
		}
		KT_EXPECT_EQ(bad, 0);
		KT_EXPECT(nr_free_pages() < free_before);       /* the nodes cost pages */
		if (round == 0) {
			for (int i = 0; i < SPARSE_IDS; i++) {
				unsigned long id = (u64)i * 1073741 % 0x7fffffffu;

				bad += idr_remove(&idr, id) != &things[i];
			}
			KT_EXPECT_EQ(bad, 0);
		} else {
			idr_destroy(&idr);
		}
		KT_EXPECT(idr_is_empty(&idr));
		KT_EXPECT_EQ(nr_free_pages(), free_before);
	}
}

/* idr_alloc_cyclic goes round its range, as IPC ids do. */
KTEST(idr_cyclic_goes_round)
{
	struct idr idr;
	int bad = 0;

	idr_init(&idr);
	for (int i = 0; i < 1000; i++)
		bad += idr_alloc_cyclic(&idr, &things[i], 0, 1000, GFP_KERNEL) != i;
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, 0, 1000, GFP_KERNEL), -ENOSPC);
	idr_remove(&idr, 500);
	idr_remove(&idr, 10);
	KT_EXPECT_EQ(idr_alloc_cyclic(&idr, &things[10], 0, 1000, GFP_KERNEL), 10);
	KT_EXPECT_EQ(idr_alloc_cyclic(&idr, &things[500], 0, 1000, GFP_KERNEL), 500);
	KT_EXPECT(idr_find(&idr, 500) == &things[500]);
	idr_destroy(&idr);
	KT_EXPECT(idr_is_empty(&idr));
}
