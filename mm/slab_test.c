/*
 * slab_test.c - in-kernel tests of kmalloc and kmem_cache.
 */
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/slab.h"

/* A small deterministic generator (xorshift64), so a failure repeats. */
static u64 rng_state;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

#define STRESS_SLOTS 512

/* Random sizes, random frees, each block filled with its own pattern and
 * checked before it is freed: overlapping blocks would clobber patterns. */
KTEST(kmalloc_stress)
{
	static u8 *ptr[STRESS_SLOTS];
	static size_t len[STRESS_SLOTS];
	int bad = 0;

	rng_state = 0x9e3779b97f4a7c15ULL;
	for (int op = 0; op < 20000; op++) {
		int i = (int)(rng() % STRESS_SLOTS);

		if (ptr[i]) {
			for (size_t k = 0; k < len[i]; k++)
				bad += ptr[i][k] != (u8)(i + k);
			kfree(ptr[i]);
			ptr[i] = NULL;
			continue;
		}
		len[i] = 1 + rng() % (rng() % 8 ? 512 : 3 * PAGE_SIZE);
		ptr[i] = kmalloc(len[i], GFP_KERNEL);
		KT_ASSERT(ptr[i] != NULL);
		KT_EXPECT_EQ((unsigned long)ptr[i] % 16, 0);
		KT_EXPECT(ksize(ptr[i]) >= len[i]);
		for (size_t k = 0; k < len[i]; k++)
			ptr[i][k] = (u8)(i + k);
	}
	for (int i = 0; i < STRESS_SLOTS; i++) {
		if (!ptr[i])
			continue;
		for (size_t k = 0; k < len[i]; k++)
			bad += ptr[i][k] != (u8)(i + k);
		kfree(ptr[i]);
		ptr[i] = NULL;
	}
	KT_EXPECT_EQ(bad, 0);
}

KTEST(kmalloc_edges)
{
	KT_EXPECT(kmalloc(0, GFP_KERNEL) == NULL);
	kfree(NULL);
	KT_EXPECT(kcalloc((size_t)1 << 40, (size_t)1 << 40, GFP_KERNEL) == NULL);   /* overflow */

	u8 *z = kzalloc(300, GFP_KERNEL);
	KT_ASSERT(z != NULL);
	bool zero = true;
	for (int i = 0; i < 300; i++)
		zero &= z[i] == 0;
	KT_EXPECT(zero);
	KT_EXPECT_EQ(ksize(z), 512);
	kfree(z);

	void *big = kmalloc(5 * PAGE_SIZE, GFP_KERNEL);        /* from pages */
	KT_ASSERT(big != NULL);
	KT_EXPECT_EQ(ksize(big), 8 * PAGE_SIZE);
	kfree(big);
}

#ifdef CONFIG_DEBUG_MM
KTEST(kmalloc_poisons_in_debug_builds)
{
	u8 *p = kmalloc(64, GFP_KERNEL);
	u8 *keep = kmalloc(64, GFP_KERNEL);     /* keeps the slab alive */

	KT_ASSERT(p && keep);
	KT_EXPECT_EQ(p[10], POISON_INUSE);      /* fresh memory is marked */
	kfree(p);
	KT_EXPECT_EQ(p[10], POISON_FREE);       /* freed memory is marked */
	KT_EXPECT_EQ(p[63], POISON_FREE);
	kfree(keep);
}
#endif

struct thing {
	u64 a, b, c;
	char name[20];
};

KTEST(kmem_cache_objects)
{
	struct kmem_cache *c = kmem_cache_create("ktest_thing", sizeof(struct thing), 0);
	struct thing *t[100];

	KT_ASSERT(c != NULL);
	for (int i = 0; i < 100; i++) {
		t[i] = kmem_cache_alloc(c, __GFP_ZERO);
		KT_ASSERT(t[i] != NULL);
		KT_EXPECT_EQ(t[i]->a | t[i]->b | t[i]->c, 0);
		t[i]->a = (u64)i;
	}
	KT_EXPECT_EQ(c->active_objs, 100);
	KT_EXPECT(c->nr_slabs >= 100 / c->objects);
	for (int i = 0; i < 100; i++) {
		KT_EXPECT_EQ(t[i]->a, i);
		kmem_cache_free(c, t[i]);
	}
	KT_EXPECT_EQ(c->active_objs, 0);
	KT_EXPECT_EQ(c->nr_slabs, 0);           /* empty slabs went back */
	kmem_cache_destroy(c);
}

/* Every size from 1 to 2048 gets the smallest cache that holds it: the
 * powers of two, and 192 between 128 and 256. */
KTEST(kmalloc_size_classes)
{
	static const size_t classes[] = { 16, 32, 64, 128, 192, 256, 512, 1024, 2048 };
	int wrong = 0;

	for (size_t size = 1; size <= 2048; size++) {
		size_t want = 0;
		void *p = kmalloc(size, GFP_KERNEL);

		KT_ASSERT(p != NULL);
		for (size_t i = 0; !want; i++)
			if (classes[i] >= size)
				want = classes[i];
		if (ksize(p) != want && wrong++ < 3)
			KT_EXPECT_EQ(ksize(p), want);
		KT_EXPECT_EQ((unsigned long)p % 16, 0);
		kfree(p);
	}
	KT_EXPECT_EQ(wrong, 0);
}
