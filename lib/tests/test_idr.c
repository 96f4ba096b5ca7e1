/*
 * test_idr.c - host tests of lib/idr.c.
 *
 * The node allocator lib/idr.h asks for is defined here, on the host's
 * malloc: it counts the nodes alive (so a test can say exactly how many
 * nodes a tree of given ids needs, and that none is left after removing
 * everything), fills new nodes with garbage (idr.c must initialise every
 * field), and can be told to fail the n-th allocation from now (for the
 * -ENOMEM paths). AddressSanitizer catches a node used after it is freed
 * or freed twice, LeakSanitizer one never freed.
 *
 * check_tree() walks the whole tree and checks every invariant idr.c's
 * header states: links, shifts, counts, the free bitmaps, no empty node,
 * no top that should have been shrunk, and that the nodes in the tree are
 * all the nodes alive. The fixed cases pin down Linux's semantics (ranges,
 * -ENOSPC, NULL entries, idr_alloc_cyclic's wrapping, ids near INT_MAX)
 * and the exact shape of the tree as it grows and shrinks; the random
 * tests run 120,000 operations each against a plain array model.
 */
#include "lib/compiler.h"
#include "lib/err.h"
#include "lib/idr.h"
#include "lib/tests/ktest_host.h"

#include <limits.h>

#define ENOENT 2
#define ENOMEM 12
#define EINVAL 22
#define ENOSPC 28

/* The node allocator (see the top of the file). */
static long nodes_live;         /* allocated and not yet freed */
static long nodes_made;         /* allocations that succeeded, ever */
static long fail_countdown = -1; /* 0: fail the next allocation; -1: never */
static unsigned int last_gfp;

struct idr_node *idr_node_alloc(unsigned int gfp)
{
	unsigned char *p;

	last_gfp = gfp;
	if (fail_countdown >= 0 && fail_countdown-- == 0)
		return NULL;
	p = ktest_host_alloc(sizeof(struct idr_node));
	for (size_t i = 0; i < sizeof(struct idr_node); i++)
		p[i] = 0xa5;            /* garbage, as kmalloc's poison */
	nodes_live++;
	nodes_made++;
	return (struct idr_node *)p;
}

void idr_node_free(struct idr_node *node)
{
	nodes_live--;
	ktest_host_free(node);
}

/* Every test starts with no node alive and no failure planned. */
static void fresh(struct idr *idr)
{
	idr_init(idr);
	nodes_live = 0;
	fail_countdown = -1;
}

/* Fake entries: never dereferenced by idr, distinct, never NULL. */
static void *entry_for(unsigned long id)
{
	return (void *)(uintptr_t)(0x10000 + id * 8);
}

static int popcount(unsigned long w)
{
	int n = 0;

	for (; w; w &= w - 1)
		n++;
	return n;
}

/* Report a broken invariant of the tree (in check_node and check_tree_at). */
#define BROKEN(...)                                                            \
	do {                                                                   \
		ktest_host_fail(file, line, __VA_ARGS__);                      \
		*ok = false;                                                   \
	} while (0)

/*
 * Check the subtree at node, reached from parent's slot offset, where a
 * node of this shift belongs. Return: its number of nodes.
 */
static long check_node(const char *file, int line, const struct idr_node *node,
		       const struct idr_node *parent, unsigned int offset, unsigned int shift,
		       bool *ok)
{
	long nodes = 1;
	int count = 0;

	if (node->parent != parent)
		BROKEN("node %p (shift %u): parent %p, reached from %p", (void *)node, shift,
		       (void *)node->parent, (void *)parent);
	if (parent && node->offset != offset)
		BROKEN("node %p: offset %u, but it is in slot %u", (void *)node, node->offset,
		       offset);
	if (node->shift != shift)
		BROKEN("node %p: shift %u at a level of shift %u", (void *)node, node->shift,
		       shift);
	if (shift == 0) {
		count = IDR_SLOTS - popcount(node->free);
		for (int i = 0; i < IDR_SLOTS; i++)
			if ((node->free >> i & 1) && node->slots[i])
				BROKEN("leaf %p: free slot %d holds %p", (void *)node, i,
				       node->slots[i]);
	} else {
		for (int i = 0; i < IDR_SLOTS; i++) {
			const struct idr_node *child = node->slots[i];
			bool room = !child || child->free != 0;

			if ((node->free >> i & 1) != room)
				BROKEN("node %p (shift %u): free bit %d is %lu, but the child "
				       "%s room", (void *)node, shift, i, node->free >> i & 1,
				       room ? "has" : "has no");
			if (!child)
				continue;
			count++;
			nodes += check_node(file, line, child, node, (unsigned int)i,
					    shift - IDR_BITS, ok);
		}
	}
	if (node->count != count)
		BROKEN("node %p (shift %u): count %u, but it holds %d", (void *)node, shift,
		       node->count, count);
	if (count == 0)
		BROKEN("node %p (shift %u) is empty and was not freed", (void *)node, shift);
	return nodes;
}

/* Check every invariant of the tree; return whether all hold. */
#define check_tree(idr) check_tree_at(__FILE__, __LINE__, idr)

static bool check_tree_at(const char *file, int line, const struct idr *idr)
{
	const struct idr_node *top = idr->idr_top;
	long nodes = 0;
	bool all_ok = true, *ok = &all_ok;

	if (top) {
		if (top->shift % IDR_BITS || top->shift > IDR_MAX_SHIFT)
			BROKEN("top shift %u", top->shift);
		else
			nodes = check_node(file, line, top, NULL, 0, top->shift, ok);
		if (top->shift > 0 && top->count == 1 && top->slots[0])
			BROKEN("top (shift %u) has only slot 0 and was not shrunk", top->shift);
	}
	if (nodes != nodes_live)
		BROKEN("%ld nodes in the tree, %ld allocated", nodes, nodes_live);
	return all_ok;
}

/* The top's shift, or -1 for an empty tree. */
static int top_shift(const struct idr *idr)
{
	return idr->idr_top ? idr->idr_top->shift : -1;
}

TEST(err_ptr_round_trips)
{
	void *e = ERR_PTR(-ENOENT);

	EXPECT_TRUE(IS_ERR(e));
	EXPECT_EQ(PTR_ERR(e), -ENOENT);
	EXPECT_TRUE(IS_ERR(ERR_PTR(-MAX_ERRNO)));
	EXPECT_FALSE(IS_ERR(ERR_PTR(-MAX_ERRNO - 1)));
	EXPECT_FALSE(IS_ERR(NULL));
	EXPECT_FALSE(IS_ERR(entry_for(1)));
	EXPECT_TRUE(IS_ERR_OR_NULL(NULL));
	EXPECT_TRUE(IS_ERR_OR_NULL(e));
	EXPECT_FALSE(IS_ERR_OR_NULL(entry_for(1)));
	EXPECT_EQ(PTR_ERR_OR_ZERO(e), -ENOENT);
	EXPECT_EQ(PTR_ERR_OR_ZERO(entry_for(1)), 0);
	EXPECT_PTR_EQ(ERR_CAST(e), e);
}

TEST(idr_starts_empty)
{
	static DEFINE_IDR(defined);
	struct idr idr;
	int id = 0;

	fresh(&idr);
	EXPECT_TRUE(idr_is_empty(&defined));
	EXPECT_TRUE(idr_is_empty(&idr));
	EXPECT_PTR_EQ(idr_find(&idr, 0), NULL);
	EXPECT_PTR_EQ(idr_get_next(&idr, &id), NULL);
	EXPECT_PTR_EQ(idr_remove(&idr, 0), NULL);
	EXPECT_TRUE(IS_ERR(idr_replace(&idr, entry_for(0), 0)));
	EXPECT_EQ(nodes_live, 0);
	idr_destroy(&idr);
	EXPECT_TRUE(idr_is_empty(&idr));
}

TEST(alloc_counts_up_from_start)
{
	struct idr idr;

	fresh(&idr);
	for (int i = 0; i < 3; i++)
		EXPECT_EQ(idr_alloc(&idr, entry_for(i), 0, 0, 0), i);
	EXPECT_EQ(idr_alloc(&idr, entry_for(10), 10, 0, 0), 10);
	EXPECT_EQ(idr_alloc(&idr, entry_for(11), 10, 0, 0), 11);
	EXPECT_EQ(idr_alloc(&idr, entry_for(3), 0, 0, 0), 3);
	for (int i = 0; i < 12; i++)
		EXPECT_PTR_EQ(idr_find(&idr, i), i <= 3 || i >= 10 ? entry_for(i) : NULL);
	EXPECT_FALSE(idr_is_empty(&idr));
	check_tree(&idr);
	idr_destroy(&idr);
	EXPECT_EQ(nodes_live, 0);
}

TEST(alloc_range_fills_then_enospc)
{
	struct idr idr;

	fresh(&idr);
	EXPECT_EQ(idr_alloc(&idr, entry_for(5), 5, 8, 0), 5);
	EXPECT_EQ(idr_alloc(&idr, entry_for(6), 5, 8, 0), 6);
	EXPECT_EQ(idr_alloc(&idr, entry_for(7), 5, 8, 0), 7);
	EXPECT_EQ(idr_alloc(&idr, entry_for(8), 5, 8, 0), -ENOSPC);       /* end is exclusive */
	EXPECT_EQ(idr_alloc(&idr, entry_for(8), 6, 8, 0), -ENOSPC);
	EXPECT_EQ(idr_alloc(&idr, entry_for(8), 7, 8, 0), -ENOSPC);
	EXPECT_EQ(idr_alloc(&idr, entry_for(8), 5, 9, 0), 8);
	/* Empty ranges are full ones, as in Linux; only start < 0 is invalid. */
	EXPECT_EQ(idr_alloc(&idr, NULL, 20, 20, 0), -ENOSPC);
	EXPECT_EQ(idr_alloc(&idr, NULL, 20, 19, 0), -ENOSPC);
	EXPECT_EQ(idr_alloc(&idr, NULL, 2000000, 1000, 0), -ENOSPC);
	EXPECT_EQ(idr_alloc(&idr, NULL, -1, 10, 0), -EINVAL);
	EXPECT_EQ(idr_alloc(&idr, NULL, INT_MIN, 0, 0), -EINVAL);
	/* end <= 0: no upper limit but INT_MAX. */
	EXPECT_EQ(idr_alloc(&idr, entry_for(9), 5, 0, 0), 9);
	EXPECT_EQ(idr_alloc(&idr, entry_for(10), 5, -1, 0), 10);
	EXPECT_EQ(idr_alloc(&idr, entry_for(11), 5, INT_MIN, 0), 11);
	/* The failed calls changed nothing. */
	for (int i = 0; i < 20; i++)
		EXPECT_PTR_EQ(idr_find(&idr, i), i >= 5 && i <= 11 ? entry_for(i) : NULL);
	check_tree(&idr);
	idr_destroy(&idr);
	EXPECT_EQ(nodes_live, 0);
}

/* A range of one id (shmem asks so for a page's index): it, or -ENOSPC. */
TEST(alloc_of_one_id_takes_it_or_enospc)
{
	struct idr idr;

	fresh(&idr);
	EXPECT_EQ(idr_alloc(&idr, entry_for(5), 5, 6, 0), 5);           /* empty tree */
	EXPECT_EQ(idr_alloc(&idr, entry_for(5), 5, 6, 0), -ENOSPC);     /* taken */
	EXPECT_EQ(idr_alloc(&idr, entry_for(4), 4, 5, 0), 4);           /* same leaf */
	EXPECT_EQ(idr_alloc(&idr, entry_for(100000), 100000, 100001, 0), 100000); /* grows */
	EXPECT_EQ(idr_alloc(&idr, entry_for(6000), 6000, 6001, 0), 6000); /* no leaf yet */
	EXPECT_EQ(idr_alloc(&idr, NULL, 6000, 6001, 0), -ENOSPC);
	EXPECT_EQ(idr_alloc(&idr, NULL, INT_MAX, 0, 0), INT_MAX);
	EXPECT_EQ(idr_alloc(&idr, NULL, INT_MAX, 0, 0), -ENOSPC);
	for (int i = 3; i < 7; i++)
		EXPECT_PTR_EQ(idr_find(&idr, i), i == 4 || i == 5 ? entry_for(i) : NULL);
	EXPECT_PTR_EQ(idr_find(&idr, 6000), entry_for(6000));
	EXPECT_PTR_EQ(idr_find(&idr, 100000), entry_for(100000));
	EXPECT_PTR_EQ(idr_remove(&idr, 5), entry_for(5));
	EXPECT_EQ(idr_alloc(&idr, entry_for(5), 5, 6, 0), 5);           /* free again */
	check_tree(&idr);
	idr_destroy(&idr);
	EXPECT_EQ(nodes_live, 0);
}

TEST(alloc_reuses_the_lowest_free_id)
{
	struct idr idr;

	fresh(&idr);
	for (int i = 0; i < 10; i++)
		idr_alloc(&idr, entry_for(i), 0, 0, 0);
	idr_remove(&idr, 7);
	idr_remove(&idr, 2);
	idr_remove(&idr, 5);
	EXPECT_EQ(idr_alloc(&idr, NULL, 0, 0, 0), 2);
	EXPECT_EQ(idr_alloc(&idr, NULL, 3, 0, 0), 5);    /* 5 is the first free >= 3 */
	EXPECT_EQ(idr_alloc(&idr, NULL, 8, 0, 0), 10);   /* 7 is free but below 8 */
	EXPECT_EQ(idr_alloc(&idr, NULL, 0, 7, 0), -ENOSPC);
	EXPECT_EQ(idr_alloc(&idr, NULL, 0, 8, 0), 7);
	check_tree(&idr);
	idr_destroy(&idr);
}

/*
 * The search for a free id across levels: the slot start falls in is
 * full (or its free ids are all below start), so the search must go on
 * to the right, at the leaf's level or higher up.
 */
TEST(alloc_finds_lowest_free_across_levels)
{
	struct idr idr;
	const int n = 4096 + 3 * 64;    /* a full shift-12 subtree and then some */

	fresh(&idr);
	for (int i = 0; i < n; i++)
		ASSERT_TRUE(idr_alloc(&idr, entry_for(i), 0, 0, 0) == i);
	EXPECT_EQ(top_shift(&idr), 12);
	idr_remove(&idr, 4000);         /* under the top's slot 0 */
	idr_remove(&idr, 4100);         /* under slot 1 */
	idr_remove(&idr, 10);
	check_tree(&idr);
	EXPECT_EQ(idr_alloc(&idr, NULL, 11, 0, 0), 4000);        /* past 10, a leaf later */
	EXPECT_EQ(idr_alloc(&idr, NULL, 4001, 0, 0), 4100);      /* a shift-6 node later */
	EXPECT_EQ(idr_alloc(&idr, NULL, 11, 0, 0), n);            /* past the end */
	EXPECT_EQ(idr_alloc(&idr, NULL, 0, 0, 0), 10);
	EXPECT_EQ(idr_alloc(&idr, NULL, 0, 0, 0), n + 1);
	EXPECT_EQ(idr_alloc(&idr, NULL, 64, 4096, 0), -ENOSPC);   /* all of 64..4095 used */
	idr_remove(&idr, 4095);
	EXPECT_EQ(idr_alloc(&idr, NULL, 64, 4096, 0), 4095);      /* the very last one */
	check_tree(&idr);
	idr_destroy(&idr);
	EXPECT_EQ(nodes_live, 0);
}

TEST(find_misses_return_null)
{
	struct idr idr;

	fresh(&idr);
	idr_alloc(&idr, entry_for(100), 100, 0, 0);
	EXPECT_PTR_EQ(idr_find(&idr, 100), entry_for(100));
	EXPECT_PTR_EQ(idr_find(&idr, 99), NULL);         /* same leaf, free */
	EXPECT_PTR_EQ(idr_find(&idr, 101), NULL);
	EXPECT_PTR_EQ(idr_find(&idr, 0), NULL);          /* no leaf */
	EXPECT_PTR_EQ(idr_find(&idr, 4095), NULL);       /* beyond the tree */
	EXPECT_PTR_EQ(idr_find(&idr, 100 + 4096), NULL); /* beyond, same low digits */
	EXPECT_PTR_EQ(idr_find(&idr, (unsigned long)INT_MAX + 1), NULL);
	EXPECT_PTR_EQ(idr_find(&idr, 100 + (1UL << 36)), NULL);
	EXPECT_PTR_EQ(idr_find(&idr, ULONG_MAX), NULL);
	idr_destroy(&idr);
}

TEST(remove_returns_the_entry_and_frees_the_id)
{
	struct idr idr;

	fresh(&idr);
	for (int i = 0; i < 5; i++)
		idr_alloc(&idr, entry_for(i), 0, 0, 0);
	EXPECT_PTR_EQ(idr_remove(&idr, 3), entry_for(3));
	EXPECT_PTR_EQ(idr_find(&idr, 3), NULL);
	EXPECT_PTR_EQ(idr_remove(&idr, 3), NULL);        /* twice */
	EXPECT_PTR_EQ(idr_remove(&idr, 5), NULL);        /* never allocated */
	EXPECT_PTR_EQ(idr_remove(&idr, 64 * 64), NULL);  /* beyond the tree */
	EXPECT_PTR_EQ(idr_remove(&idr, ULONG_MAX), NULL);
	EXPECT_PTR_EQ(idr_find(&idr, 4), entry_for(4));
	EXPECT_EQ(idr_alloc(&idr, entry_for(33), 0, 0, 0), 3);
	EXPECT_PTR_EQ(idr_find(&idr, 3), entry_for(33));
	check_tree(&idr);
	for (int i = 0; i < 5; i++)
		idr_remove(&idr, i);
	EXPECT_TRUE(idr_is_empty(&idr));
	EXPECT_EQ(nodes_live, 0);
}

TEST(replace_swaps_entries_of_allocated_ids_only)
{
	struct idr idr;

	fresh(&idr);
	idr_alloc(&idr, entry_for(1), 0, 0, 0);
	idr_alloc(&idr, entry_for(2), 0, 0, 0);
	EXPECT_PTR_EQ(idr_replace(&idr, entry_for(10), 0), entry_for(1));
	EXPECT_PTR_EQ(idr_find(&idr, 0), entry_for(10));
	EXPECT_PTR_EQ(idr_replace(&idr, NULL, 1), entry_for(2));
	EXPECT_PTR_EQ(idr_find(&idr, 1), NULL);
	EXPECT_PTR_EQ(idr_replace(&idr, entry_for(3), 1), NULL);  /* NULL entry: allocated */
	EXPECT_PTR_EQ(idr_find(&idr, 1), entry_for(3));

	void *err = idr_replace(&idr, entry_for(4), 2);           /* free, same leaf */
	EXPECT_TRUE(IS_ERR(err));
	EXPECT_EQ(PTR_ERR(err), -ENOENT);
	EXPECT_EQ(PTR_ERR(idr_replace(&idr, entry_for(4), 64)), -ENOENT);   /* beyond */
	EXPECT_EQ(PTR_ERR(idr_replace(&idr, entry_for(4), ULONG_MAX)), -ENOENT);
	EXPECT_PTR_EQ(idr_find(&idr, 2), NULL);
	EXPECT_EQ(idr_alloc(&idr, NULL, 0, 0, 0), 2);    /* replace did not allocate 2 */
	check_tree(&idr);
	idr_destroy(&idr);
}

/* NULL entries reserve their id: Linux allows them and so do we. */
TEST(null_entries_reserve_ids)
{
	struct idr idr;
	void *entry;
	int id, seen = 0;

	fresh(&idr);
	EXPECT_EQ(idr_alloc(&idr, NULL, 0, 0, 0), 0);
	EXPECT_FALSE(idr_is_empty(&idr));
	EXPECT_EQ(nodes_live, 1);
	EXPECT_EQ(idr_alloc(&idr, NULL, 0, 0, 0), 1);
	EXPECT_EQ(idr_alloc(&idr, entry_for(2), 0, 0, 0), 2);
	EXPECT_PTR_EQ(idr_find(&idr, 0), NULL);
	id = 0;
	EXPECT_PTR_EQ(idr_get_next(&idr, &id), entry_for(2));    /* skips 0 and 1 */
	EXPECT_EQ(id, 2);
	idr_for_each_entry(&idr, entry, id)
		seen++;
	EXPECT_EQ(seen, 1);
	EXPECT_PTR_EQ(idr_remove(&idr, 2), entry_for(2));
	id = 0;
	EXPECT_PTR_EQ(idr_get_next(&idr, &id), NULL);
	EXPECT_EQ(id, 0);
	EXPECT_FALSE(idr_is_empty(&idr));
	EXPECT_PTR_EQ(idr_remove(&idr, 0), NULL);        /* frees it all the same */
	EXPECT_EQ(idr_alloc(&idr, entry_for(0), 0, 0, 0), 0);
	EXPECT_PTR_EQ(idr_remove(&idr, 0), entry_for(0));
	EXPECT_PTR_EQ(idr_remove(&idr, 1), NULL);
	EXPECT_TRUE(idr_is_empty(&idr));
	EXPECT_EQ(nodes_live, 0);
}

TEST(get_next_finds_the_first_entry_at_or_after)
{
	struct idr idr;
	int id;

	fresh(&idr);
	idr_alloc(&idr, entry_for(3), 3, 0, 0);
	idr_alloc(&idr, NULL, 70, 0, 0);
	idr_alloc(&idr, entry_for(4101), 4101, 0, 0);
	idr_alloc(&idr, entry_for(1000000), 1000000, 0, 0);
	check_tree(&idr);

	static const struct { int from, want; } cases[] = {
		{ 0, 3 }, { 3, 3 }, { 4, 4101 }, { 64, 4101 }, { 70, 4101 },
		{ 4101, 4101 }, { 4102, 1000000 }, { 1000000, 1000000 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		id = cases[i].from;
		EXPECT_PTR_EQ(idr_get_next(&idr, &id), entry_for(cases[i].want));
		EXPECT_EQ(id, cases[i].want);
	}
	static const int none[] = { 1000001, 1 << 24, INT_MAX, -1, INT_MIN };
	for (size_t i = 0; i < ARRAY_SIZE(none); i++) {
		id = none[i];
		EXPECT_PTR_EQ(idr_get_next(&idr, &id), NULL);
		EXPECT_EQ(id, none[i]);                 /* left alone */
	}
	idr_destroy(&idr);
}

TEST(prev_allocated_finds_the_last_id_at_or_below)
{
	struct idr idr;

	fresh(&idr);
	EXPECT_EQ(idr_prev_allocated(&idr, 0), -ENOENT);        /* empty */
	EXPECT_EQ(idr_prev_allocated(&idr, INT_MAX), -ENOENT);
	idr_alloc(&idr, entry_for(3), 3, 0, 0);
	idr_alloc(&idr, NULL, 70, 0, 0);                        /* NULL entries count */
	idr_alloc(&idr, entry_for(4101), 4101, 0, 0);
	idr_alloc(&idr, entry_for(1000000), 1000000, 0, 0);
	check_tree(&idr);

	/* Answers in the same leaf, in a slot to the left at each level, and
	 * above the tree's coverage. */
	static const struct { int from, want; } cases[] = {
		{ 0, -ENOENT }, { 2, -ENOENT }, { 3, 3 }, { 63, 3 }, { 64, 3 }, { 69, 3 },
		{ 70, 70 }, { 71, 70 }, { 4100, 70 }, { 4101, 4101 }, { 4102, 4101 },
		{ 262143, 4101 }, { 999999, 4101 }, { 1000000, 1000000 },
		{ 1000001, 1000000 }, { 1 << 24, 1000000 }, { INT_MAX, 1000000 },
		{ -1, -ENOENT }, { INT_MIN, -ENOENT },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		EXPECT_EQ(idr_prev_allocated(&idr, cases[i].from), cases[i].want);
	/* The highest ids of a full leaf and a leaf's first and last slots. */
	idr_remove(&idr, 3);
	EXPECT_EQ(idr_prev_allocated(&idr, 69), -ENOENT);
	for (int id = 128; id < 192; id++)
		idr_alloc(&idr, entry_for((unsigned long)id), id, id + 1, 0);
	EXPECT_EQ(idr_prev_allocated(&idr, 191), 191);
	EXPECT_EQ(idr_prev_allocated(&idr, 192), 191);
	EXPECT_EQ(idr_prev_allocated(&idr, 128), 128);
	EXPECT_EQ(idr_prev_allocated(&idr, 127), 70);
	idr_alloc(&idr, entry_for(0), 0, 1, 0);
	EXPECT_EQ(idr_prev_allocated(&idr, 69), 0);
	EXPECT_EQ(idr_prev_allocated(&idr, 0), 0);
	check_tree(&idr);
	idr_destroy(&idr);
	EXPECT_EQ(nodes_live, 0);
}

TEST(for_each_entry_visits_in_id_order)
{
	static const int ids[] = { 700000, 5, 64, 63, 4096, 0, 4095, 262144, 65, 1 };
	int want[ARRAY_SIZE(ids)], n = 0, id;
	struct idr idr;
	void *entry;

	fresh(&idr);
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++)
		EXPECT_EQ(idr_alloc(&idr, entry_for(ids[i]), ids[i], ids[i] + 1, 0), ids[i]);
	/* The ids sorted, by insertion. */
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
		size_t j = i;

		for (; j > 0 && want[j - 1] > ids[i]; j--)
			want[j] = want[j - 1];
		want[j] = ids[i];
	}
	idr_for_each_entry(&idr, entry, id) {
		if (n < (int)ARRAY_SIZE(want)) {
			EXPECT_EQ(id, want[n]);
			EXPECT_PTR_EQ(entry, entry_for(want[n]));
		}
		n++;
	}
	EXPECT_EQ(n, ARRAY_SIZE(ids));
	EXPECT_PTR_EQ(entry, NULL);

	/* Removing the current entry inside the walk is allowed. */
	n = 0;
	idr_for_each_entry(&idr, entry, id) {
		EXPECT_PTR_EQ(idr_remove(&idr, id), entry);
		n++;
	}
	EXPECT_EQ(n, ARRAY_SIZE(ids));
	EXPECT_TRUE(idr_is_empty(&idr));
	EXPECT_EQ(nodes_live, 0);
}

TEST(cyclic_continues_after_the_last_id)
{
	struct idr idr;

	fresh(&idr);
	EXPECT_EQ(idr_alloc_cyclic(&idr, entry_for(0), 0, 0, 0), 0);
	EXPECT_EQ(idr_alloc_cyclic(&idr, entry_for(1), 0, 0, 0), 1);
	EXPECT_EQ(idr_alloc_cyclic(&idr, entry_for(2), 0, 0, 0), 2);
	idr_remove(&idr, 1);
	EXPECT_EQ(idr_alloc_cyclic(&idr, entry_for(3), 0, 0, 0), 3);   /* not 1 */
	EXPECT_EQ(idr.idr_next, 4);
	/* Plain idr_alloc takes the lowest and leaves the cursor alone. */
	EXPECT_EQ(idr_alloc(&idr, entry_for(1), 0, 0, 0), 1);
	EXPECT_EQ(idr.idr_next, 4);
	/* Used ids after the cursor are skipped. */
	idr_alloc(&idr, NULL, 4, 0, 0);
	idr_alloc(&idr, NULL, 5, 0, 0);
	EXPECT_EQ(idr_alloc_cyclic(&idr, entry_for(6), 0, 0, 0), 6);
	/* A start above the cursor wins. */
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, 100, 0, 0), 100);
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, 0, 0, 0), 101);
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, -1, 0, 0), -EINVAL);
	check_tree(&idr);
	idr_destroy(&idr);
}

TEST(cyclic_wraps_round_to_start)
{
	struct idr idr;

	fresh(&idr);
	for (int i = 10; i < 14; i++)
		EXPECT_EQ(idr_alloc_cyclic(&idr, entry_for(i), 10, 14, 0), i);
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, 10, 14, 0), -ENOSPC);
	EXPECT_EQ(idr.idr_next, 14);                    /* -ENOSPC moves nothing */
	idr_remove(&idr, 11);
	EXPECT_EQ(idr_alloc_cyclic(&idr, entry_for(11), 10, 14, 0), 11);      /* wrapped */
	EXPECT_EQ(idr.idr_next, 12);
	idr_remove(&idr, 10);
	idr_remove(&idr, 13);
	EXPECT_EQ(idr_alloc_cyclic(&idr, entry_for(13), 10, 14, 0), 13);      /* after 11 */
	EXPECT_EQ(idr_alloc_cyclic(&idr, entry_for(10), 10, 14, 0), 10);      /* wrapped */
	/* A cursor beyond a narrower range wraps too. */
	idr_remove(&idr, 12);
	idr.idr_next = 1000;
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, 10, 14, 0), 12);
	check_tree(&idr);
	idr_destroy(&idr);
	EXPECT_EQ(nodes_live, 0);
}

TEST(cyclic_wraps_after_int_max)
{
	struct idr idr;

	fresh(&idr);
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, INT_MAX - 1, 0, 0), INT_MAX - 1);
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, INT_MAX - 1, 0, 0), INT_MAX);
	EXPECT_EQ(idr.idr_next, (unsigned int)INT_MAX + 1);
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, INT_MAX - 1, 0, 0), -ENOSPC);
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, 5, 0, 0), 5);
	EXPECT_EQ(idr.idr_next, 6);
	idr_remove(&idr, INT_MAX - 1);
	idr.idr_next = INT_MAX;                 /* INT_MAX is used: wrap to start */
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, INT_MAX - 1, 0, 0), INT_MAX - 1);
	check_tree(&idr);
	idr_destroy(&idr);
	EXPECT_EQ(nodes_live, 0);
}

TEST(large_ids_near_int_max)
{
	struct idr idr;
	void *entry;
	int id, n = 0;

	fresh(&idr);
	EXPECT_EQ(idr_alloc(&idr, entry_for(1), INT_MAX, 0, 0), INT_MAX);
	EXPECT_EQ(top_shift(&idr), IDR_MAX_SHIFT);
	EXPECT_EQ(nodes_live, 6);               /* one node per level */
	EXPECT_EQ(idr_alloc(&idr, NULL, INT_MAX, 0, 0), -ENOSPC);
	EXPECT_EQ(idr_alloc(&idr, NULL, INT_MAX, -1, 0), -ENOSPC);
	EXPECT_EQ(idr_alloc(&idr, entry_for(2), INT_MAX - 1, 0, 0), INT_MAX - 1);
	EXPECT_EQ(idr_alloc(&idr, NULL, INT_MAX - 1, INT_MAX, 0), -ENOSPC);
	EXPECT_EQ(nodes_live, 6);
	EXPECT_PTR_EQ(idr_find(&idr, INT_MAX), entry_for(1));
	EXPECT_PTR_EQ(idr_find(&idr, INT_MAX - 1), entry_for(2));
	EXPECT_PTR_EQ(idr_find(&idr, (unsigned long)INT_MAX + 1), NULL);
	EXPECT_PTR_EQ(idr_find(&idr, (1UL << 36) - 1), NULL);    /* the top's last id */
	EXPECT_PTR_EQ(idr_remove(&idr, (unsigned long)INT_MAX + 1), NULL);
	EXPECT_TRUE(IS_ERR(idr_replace(&idr, NULL, (unsigned long)INT_MAX + 1)));
	/* The walk ends after INT_MAX (id + 1U wraps negative). */
	idr_for_each_entry(&idr, entry, id)
		n++;
	EXPECT_EQ(n, 2);
	/* A small id in the tall tree: a new path down from the top. */
	EXPECT_EQ(idr_alloc(&idr, entry_for(3), 0, 0, 0), 0);
	EXPECT_EQ(nodes_live, 11);
	check_tree(&idr);
	idr_remove(&idr, INT_MAX);
	idr_remove(&idr, INT_MAX - 1);
	EXPECT_EQ(nodes_live, 1);               /* shrunk down to the leaf of 0 */
	EXPECT_EQ(top_shift(&idr), 0);
	check_tree(&idr);
	idr_remove(&idr, 0);
	EXPECT_EQ(nodes_live, 0);
	EXPECT_TRUE(idr_is_empty(&idr));
}

/* The exact number of nodes as the tree grows and shrinks. */
TEST(tree_grows_and_shrinks_with_the_ids)
{
	static const struct { bool alloc; int id; long nodes; int shift; } steps[] = {
		{ true, 0, 1, 0 },              /* one leaf */
		{ true, 63, 1, 0 },
		{ true, 64, 3, 6 },             /* a top above the first leaf, a second leaf */
		{ true, 4096, 6, 12 },          /* a top, and a shift-6 node and leaf for 4096 */
		{ true, 4095, 7, 12 },          /* a leaf under the old shift-6 top */
		{ false, 4096, 4, 6 },          /* its leaf and node go, and the top: */
						/* 4095 is under its slot 0 */
		{ false, 4095, 3, 6 },
		{ false, 0, 3, 6 },             /* 63 keeps the first leaf */
		{ false, 63, 2, 6 },            /* only 64's leaf, in slot 1: no shrinking */
		{ true, 1 << 18, 7, 18 },       /* 2 tops and a path of 3 */
		{ false, 64, 4, 18 },           /* the top keeps only slot 1: no shrinking */
		{ false, 1 << 18, 0, -1 },
	};
	struct idr idr;

	fresh(&idr);
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		int id = steps[i].id;

		if (steps[i].alloc)
			EXPECT_EQ(idr_alloc(&idr, entry_for(id), id, id + 1, 0), id);
		else
			EXPECT_PTR_EQ(idr_remove(&idr, id), entry_for(id));
		if (!EXPECT_EQ(nodes_live, steps[i].nodes) ||
		    !EXPECT_EQ(top_shift(&idr), steps[i].shift))
			ktest_host_fail(__FILE__, __LINE__, "... after step %zu", i);
		check_tree(&idr);
	}
	EXPECT_TRUE(idr_is_empty(&idr));
}

TEST(removing_every_id_frees_every_node)
{
	struct idr idr;
	const int n = 64 * 64 * 2;      /* two full shift-6 subtrees */

	fresh(&idr);
	for (int i = 0; i < n; i++)
		ASSERT_TRUE(idr_alloc(&idr, entry_for(i), 0, 0, 0) == i);
	EXPECT_EQ(nodes_live, 128 + 2 + 1);
	check_tree(&idr);
	for (int i = 0; i < n - 1; i++)
		idr_remove(&idr, i);
	EXPECT_EQ(nodes_live, 3);       /* n - 1 sits in the top's slot 1 */
	idr_remove(&idr, n - 1);
	EXPECT_EQ(nodes_live, 0);
	for (int i = 0; i < n; i++)
		idr_alloc(&idr, entry_for(i), 0, 0, 0);
	for (int i = n - 1; i > 0; i--)
		idr_remove(&idr, i);
	EXPECT_EQ(nodes_live, 1);       /* 0's leaf, as the top */
	EXPECT_EQ(top_shift(&idr), 0);
	check_tree(&idr);
	idr_remove(&idr, 0);
	EXPECT_EQ(nodes_live, 0);
	EXPECT_TRUE(idr_is_empty(&idr));
}

TEST(destroy_frees_every_node)
{
	struct idr idr;

	fresh(&idr);
	for (int i = 0; i < 3000; i++)
		idr_alloc(&idr, entry_for(i), i * 7919 % 1000003, 0, 0);
	EXPECT_TRUE(nodes_live > 100);
	check_tree(&idr);
	idr_destroy(&idr);
	EXPECT_EQ(nodes_live, 0);
	EXPECT_TRUE(idr_is_empty(&idr));
	EXPECT_EQ(idr_alloc(&idr, entry_for(0), 0, 0, 0), 0);   /* usable again */
	EXPECT_EQ(nodes_live, 1);
	idr_destroy(&idr);
	idr_destroy(&idr);              /* and destroying an empty one is fine */
	EXPECT_EQ(nodes_live, 0);
}

TEST(gfp_is_passed_to_the_node_allocator)
{
	struct idr idr;

	fresh(&idr);
	last_gfp = 0;
	EXPECT_EQ(idr_alloc(&idr, NULL, 0, 0, 0x1234), 0);
	EXPECT_EQ(last_gfp, 0x1234);
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, 100, 0, 0x55), 100);
	EXPECT_EQ(last_gfp, 0x55);
	idr_destroy(&idr);
}

/*
 * Fail each node allocation an idr_alloc needs in turn: every time it must
 * return -ENOMEM and leave the tree exactly as it was (same nodes, same
 * ids), and the next try must work.
 */
TEST(enomem_leaves_the_idr_unchanged)
{
	struct idr idr;
	const int far = 1 << 20;        /* 2 new tops and a new path of 3 */
	int k, id;

	fresh(&idr);
	for (int i = 0; i < 100; i++)
		idr_alloc(&idr, entry_for(i), 0, 0, 0);
	ASSERT_TRUE(nodes_live == 3);
	for (k = 0; k < 10; k++) {
		long made = nodes_made;

		fail_countdown = k;
		int ret = idr_alloc(&idr, entry_for(far), far, 0, 0);
		fail_countdown = -1;
		if (ret != -ENOMEM) {
			EXPECT_EQ(ret, far);
			EXPECT_EQ(nodes_made - made, 5);
			break;
		}
		EXPECT_EQ(nodes_made - made, k);
		if (!EXPECT_EQ(nodes_live, 3) || !check_tree(&idr))
			ktest_host_fail(__FILE__, __LINE__, "... when allocation %d failed", k);
		EXPECT_EQ(top_shift(&idr), 6);
		EXPECT_PTR_EQ(idr_find(&idr, far), NULL);
		id = 100;
		EXPECT_PTR_EQ(idr_get_next(&idr, &id), NULL);
	}
	EXPECT_EQ(k, 5);
	EXPECT_EQ(nodes_live, 8);
	for (int i = 0; i < 100; i++)
		EXPECT_PTR_EQ(idr_find(&idr, i), entry_for(i));
	check_tree(&idr);

	/* The first node of an empty idr, and the cyclic cursor. */
	idr_destroy(&idr);
	idr.idr_next = 7;
	fail_countdown = 0;
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, 0, 0, 0), -ENOMEM);
	EXPECT_EQ(idr.idr_next, 7);
	EXPECT_TRUE(idr_is_empty(&idr));
	EXPECT_EQ(nodes_live, 0);
	EXPECT_EQ(idr_alloc_cyclic(&idr, NULL, 0, 0, 0), 7);
	idr_destroy(&idr);
	EXPECT_EQ(nodes_live, 0);
}

/*
 * Random operations checked against a model: an array of MODEL_IDS ids
 * from `base` on. A second run puts them at the very top (base + MODEL_IDS
 * - 1 == INT_MAX), where end <= 0 is the only way to reach the last one.
 */
#define MODEL_IDS       5000
#define RANDOM_OPS      120000
#define RANDOM_SEED     0x5eed1d5eed1d5eedULL

struct model {
	unsigned long base;
	unsigned int next;              /* idr_alloc_cyclic's cursor, as Linux's */
	int nr;                         /* ids allocated */
	bool used[MODEL_IDS];
	void *entry[MODEL_IDS];
};

static unsigned long long rng_state;

static unsigned long long rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* The lowest free id in [lo, hi] of the model, or -1. */
static long model_lowest_free(const struct model *m, unsigned long lo, unsigned long hi)
{
	unsigned long last = m->base + MODEL_IDS - 1;

	for (unsigned long id = lo; id <= hi && id <= last; id++)
		if (!m->used[id - m->base])
			return (long)id;
	return -1;
}

static void model_take(struct model *m, long id, void *entry)
{
	m->used[id - m->base] = true;
	m->entry[id - m->base] = entry;
	m->nr++;
}

/* The model's answer to idr_alloc / idr_alloc_cyclic. */
static long model_alloc(struct model *m, void *entry, int start, int end, bool cyclic)
{
	unsigned long max = end > 0 ? (unsigned long)end - 1 : INT_MAX;
	unsigned long from = (unsigned long)start;
	long id;

	if (cyclic && m->next >= (unsigned int)start && m->next <= (unsigned int)INT_MAX)
		from = m->next;
	id = model_lowest_free(m, from, max);
	if (id < 0 && cyclic && from > (unsigned long)start)
		id = model_lowest_free(m, (unsigned long)start, max);
	if (id < 0)
		return -ENOSPC;
	model_take(m, id, entry);
	if (cyclic)
		m->next = (unsigned int)id + 1;
	return id;
}

/* Whether the idr holds exactly the model's ids and entries. */
static bool model_matches(const char *why, long op, const struct idr *idr,
			  const struct model *m)
{
	int id, n = 0;
	void *entry;

	for (int k = 0; k < MODEL_IDS; k++) {
		void *want = m->used[k] ? m->entry[k] : NULL;

		if (idr_find(idr, m->base + k) != want) {
			ktest_host_fail(__FILE__, __LINE__,
					"seed %#llx, %s %ld: id %lu is %p, model %p",
					RANDOM_SEED, why, op, m->base + k,
					idr_find(idr, m->base + k), want);
			return false;
		}
		n += m->used[k] && m->entry[k];
	}
	idr_for_each_entry(idr, entry, id)
		n--;
	if (n != 0 || idr_is_empty(idr) != (m->nr == 0)) {
		ktest_host_fail(__FILE__, __LINE__,
				"seed %#llx, %s %ld: idr_for_each_entry count off by %d, or "
				"idr_is_empty wrong", RANDOM_SEED, why, op, n);
		return false;
	}
	return check_tree(idr);
}

/* A random id of the model, or one around it. */
static unsigned long random_id(const struct model *m)
{
	switch (rng() % 16) {
	case 0:
		return m->base + MODEL_IDS + rng() % 100000;    /* above */
	case 1:
		return rng() % 2 ? ULONG_MAX : (unsigned long)INT_MAX + 1 + rng() % 1000;
	default:
		return m->base + rng() % MODEL_IDS;
	}
}

static bool random_ops(unsigned long base)
{
	static struct model m;
	struct idr idr;
	long op;

/* Report the first difference, with what it takes to reproduce it, and stop. */
#define MISMATCH(fmt, ...)                                                     \
	do {                                                                   \
		ktest_host_fail(__FILE__, __LINE__, "seed %#llx, base %lu, op %ld: " fmt, \
				RANDOM_SEED, base, op, __VA_ARGS__);           \
		idr_destroy(&idr);                                             \
		return false;                                                  \
	} while (0)

	fresh(&idr);
	m = (struct model){ .base = base };
	rng_state = RANDOM_SEED;
	for (op = 0; op < RANDOM_OPS; op++) {
		/* Phases of mostly allocating, then mostly removing. */
		bool filling = (op / 15000) % 2 == 0;
		unsigned int what = (unsigned int)(rng() % 100);
		void *entry = rng() % 10 ? entry_for((unsigned long)op) : NULL;
		unsigned long id = random_id(&m);

		unsigned int allocs = filling ? 55 : 10, removes = filling ? 10 : 55;

		if (what < allocs) {
			bool cyclic = rng() % 2;
			int start = (int)(base + rng() % MODEL_IDS);
			int end;

			if (rng() % 8 == 0)             /* no upper limit */
				end = base ? (rng() % 2 ? 0 : -1) : (int)base + MODEL_IDS;
			else if (base)
				end = (int)(base + rng() % MODEL_IDS);  /* may be <= start */
			else
				end = (int)(1 + rng() % MODEL_IDS);
			if (rng() % 4 == 0)             /* narrow ranges fill up */
				start = end > 0 && end - (int)base > 10 ? end - 10 : start;
			if (rng() % 6 == 0 && start < INT_MAX)  /* one id: shmem's way */
				end = start + 1;
			long want = model_alloc(&m, entry, start, end, cyclic);
			int got = cyclic ? idr_alloc_cyclic(&idr, entry, start, end, 0)
					 : idr_alloc(&idr, entry, start, end, 0);
			if (got != want)
				MISMATCH("idr_alloc%s(start %d, end %d) = %d, model %ld",
					 cyclic ? "_cyclic" : "", start, end, got, want);
			if (cyclic && idr.idr_next != m.next)
				MISMATCH("idr_next %u, model %u", idr.idr_next, m.next);
		} else if (what < allocs + removes) {
			/* Mostly ids in use: the next one from a random place. */
			if (rng() % 4 && id - base < MODEL_IDS) {
				for (unsigned long k = id - base; k < MODEL_IDS; k++) {
					if (m.used[k]) {
						id = base + k;
						break;
					}
				}
			}
			bool in = id - base < MODEL_IDS && m.used[id - base];
			void *want = in ? m.entry[id - base] : NULL;
			void *got = idr_remove(&idr, id);
			if (got != want)
				MISMATCH("idr_remove(%lu) = %p, model %p", id, got, want);
			if (in) {
				m.used[id - base] = false;
				m.entry[id - base] = NULL;
				m.nr--;
			}
		} else if (what < 76) {
			bool in = id - base < MODEL_IDS && m.used[id - base];
			void *want = in ? m.entry[id - base] : ERR_PTR(-ENOENT);
			void *got = idr_replace(&idr, entry, id);
			if (got != want)
				MISMATCH("idr_replace(%lu) = %p, model %p", id, got, want);
			if (in)
				m.entry[id - base] = entry;
		} else if (what < 88) {
			bool in = id - base < MODEL_IDS && m.used[id - base];
			void *want = in ? m.entry[id - base] : NULL;
			void *got = idr_find(&idr, id);
			if (got != want)
				MISMATCH("idr_find(%lu) = %p, model %p", id, got, want);
		} else if (what >= 94) {
			int from = rng() % 32 ? (int)(base + rng() % MODEL_IDS)
					      : rng() % 2 ? -1 - (int)(rng() % 5)  /* nothing */
							  : INT_MAX - (int)(rng() % 5);
			long want = -ENOENT;

			for (long k = from - (long)base; from >= 0 && k >= 0; k--) {
				if (k < MODEL_IDS && m.used[k]) {
					want = (long)base + k;
					break;
				}
				if (k >= MODEL_IDS)
					k = MODEL_IDS;  /* nothing above the model: jump down */
			}
			int got = idr_prev_allocated(&idr, from);
			if (got != want)
				MISMATCH("idr_prev_allocated(%d) = %d, model %ld", from, got, want);
		} else {
			int from = rng() % 32 ? (int)(base + rng() % MODEL_IDS)
					      : -1 - (int)(rng() % 5);     /* finds nothing */
			int next = from, want_id = from;
			void *want = NULL;
			long k = from < 0 ? MODEL_IDS : from - (long)base;

			for (; k < MODEL_IDS; k++) {
				if (m.used[k] && m.entry[k]) {
					want = m.entry[k];
					want_id = (int)(base + k);
					break;
				}
			}
			void *got = idr_get_next(&idr, &next);
			if (got != want || next != want_id)
				MISMATCH("idr_get_next(%d) = %p at %d, model %p at %d", from, got,
					 next, want, want_id);
		}
		if (idr_is_empty(&idr) != (m.nr == 0))
			MISMATCH("idr_is_empty %d with %d ids", idr_is_empty(&idr), m.nr);
		if (op % 1000 == 999 && !model_matches("op", op, &idr, &m)) {
			idr_destroy(&idr);
			return false;
		}
	}
	if (!model_matches("end", op, &idr, &m)) {
		idr_destroy(&idr);
		return false;
	}
	for (int k = 0; k < MODEL_IDS; k++)
		idr_remove(&idr, base + k);
	if (nodes_live != 0 || !idr_is_empty(&idr))
		MISMATCH("%ld nodes left after removing every id", nodes_live);
	return true;
#undef MISMATCH
}

TEST(random_ops_match_model)
{
	EXPECT_TRUE(random_ops(0));
}

TEST(random_ops_near_int_max_match_model)
{
	EXPECT_TRUE(random_ops((unsigned long)INT_MAX - MODEL_IDS + 1));
}
