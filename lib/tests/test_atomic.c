/*
 * test_atomic.c - host tests of lib/atomic.h and lib/refcount.h.
 *
 * Each operation's result against the plain arithmetic it stands for,
 * then the point of the whole header: four threads that each add to one
 * counter a million times lose no update with atomic_inc (the same loop
 * with `counter++` loses thousands on a multi-core host; the test does not
 * depend on that, only on the atomic total). The refcount rules are
 * checked through refcount_warn_saturate, which this file defines to
 * record what was reported instead of panicking as the kernel does.
 */
#include "lib/atomic.h"
#include "lib/refcount.h"
#include "lib/tests/ktest_host.h"

#include <limits.h>

/* pthread.h declares nothing lib/ renames, but pulls in headers that may:
 * the three calls used are declared here, with glibc's x86-64 types. */
typedef unsigned long pthread_t;
int pthread_create(pthread_t *t, const void *attr, void *(*fn)(void *), void *arg);
int pthread_join(pthread_t t, void **ret);

static int warned;
static enum refcount_saturation_type warned_type;

void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	warned++;
	warned_type = t;
	refcount_set(r, REFCOUNT_SATURATED);
}

TEST(atomic_ops_return_what_they_say)
{
	atomic_t v = ATOMIC_INIT(5);

	EXPECT_EQ(atomic_read(&v), 5);
	atomic_inc(&v);
	EXPECT_EQ(atomic_read(&v), 6);
	atomic_dec(&v);
	atomic_add(10, &v);
	atomic_sub(3, &v);
	EXPECT_EQ(atomic_read(&v), 12);
	EXPECT_EQ(atomic_fetch_add(3, &v), 12);
	EXPECT_EQ(atomic_add_return(3, &v), 18);
	EXPECT_EQ(atomic_sub_return(8, &v), 10);
	EXPECT_EQ(atomic_inc_return(&v), 11);
	EXPECT_EQ(atomic_dec_return(&v), 10);
	EXPECT_EQ(atomic_xchg(&v, 2), 10);
	EXPECT_FALSE(atomic_dec_and_test(&v));
	EXPECT_TRUE(atomic_dec_and_test(&v));
	EXPECT_EQ(atomic_read(&v), 0);
	EXPECT_FALSE(atomic_dec_and_test(&v));  /* -1: not zero */
	atomic_set(&v, 7);
	EXPECT_FALSE(atomic_sub_and_test(3, &v));
	EXPECT_TRUE(atomic_sub_and_test(4, &v));
}

TEST(atomic_cmpxchg_and_inc_not_zero)
{
	atomic_t v = ATOMIC_INIT(3);
	int old = 4;

	EXPECT_EQ(atomic_cmpxchg(&v, 4, 9), 3);         /* not 4: unchanged */
	EXPECT_EQ(atomic_read(&v), 3);
	EXPECT_EQ(atomic_cmpxchg(&v, 3, 9), 3);
	EXPECT_EQ(atomic_read(&v), 9);
	EXPECT_FALSE(atomic_try_cmpxchg(&v, &old, 1));
	EXPECT_EQ(old, 9);                              /* told the real value */
	EXPECT_TRUE(atomic_try_cmpxchg(&v, &old, 1));
	EXPECT_TRUE(atomic_inc_not_zero(&v));
	EXPECT_EQ(atomic_read(&v), 2);
	atomic_set(&v, 0);
	EXPECT_FALSE(atomic_inc_not_zero(&v));
	EXPECT_EQ(atomic_read(&v), 0);
	EXPECT_EQ(atomic_fetch_add_unless(&v, 5, 1), 0);
	EXPECT_EQ(atomic_fetch_add_unless(&v, 5, 5), 5);
	EXPECT_EQ(atomic_read(&v), 5);
	atomic_set(&v, INT_MAX);
	EXPECT_EQ(atomic_inc_return(&v), INT_MIN);      /* wraps as the hardware does */
}

TEST(atomic_long_past_32_bits)
{
	atomic_long_t v = ATOMIC_LONG_INIT(1L << 40);

	atomic_long_inc(&v);
	atomic_long_add(1L << 33, &v);
	EXPECT_EQ(atomic_long_read(&v), (1L << 40) + (1L << 33) + 1);
	atomic_long_dec(&v);
	atomic_long_sub(1L << 40, &v);
	EXPECT_EQ(atomic_long_add_return(5, &v), (1L << 33) + 5);
	EXPECT_EQ(atomic_long_sub_return((1L << 33) + 5, &v), 0);
	atomic_long_set(&v, -3);
	EXPECT_EQ(atomic_long_read(&v), -3);
}

#define THREADS 4
#define ROUNDS  1000000

static atomic_t shared = ATOMIC_INIT(0);
static atomic_long_t shared_long = ATOMIC_LONG_INIT(0);

static void *adder(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		atomic_inc(&shared);
		atomic_long_add(2, &shared_long);
		if (atomic_add_return(1, &shared) < 0)  /* returns the sum, never torn */
			break;
		atomic_dec(&shared);
	}
	return NULL;
}

TEST(atomic_inc_loses_no_update_between_threads)
{
	pthread_t t[THREADS];

	for (int i = 0; i < THREADS; i++)
		EXPECT_EQ(pthread_create(&t[i], NULL, adder, NULL), 0);
	for (int i = 0; i < THREADS; i++)
		EXPECT_EQ(pthread_join(t[i], NULL), 0);
	EXPECT_EQ(atomic_read(&shared), THREADS * ROUNDS);
	EXPECT_EQ(atomic_long_read(&shared_long), 2L * THREADS * ROUNDS);
}

TEST(refcount_counts_and_says_who_frees)
{
	refcount_t r = REFCOUNT_INIT(1);

	warned = 0;
	refcount_inc(&r);
	refcount_add(2, &r);
	EXPECT_EQ(refcount_read(&r), 4);
	refcount_dec(&r);
	EXPECT_FALSE(refcount_dec_and_test(&r));
	EXPECT_FALSE(refcount_sub_and_test(1, &r));
	EXPECT_TRUE(refcount_inc_not_zero(&r));
	EXPECT_TRUE(refcount_sub_and_test(2, &r));      /* the last two */
	EXPECT_EQ(refcount_read(&r), 0);
	EXPECT_FALSE(refcount_inc_not_zero(&r));        /* dying: no new reference */
	EXPECT_EQ(refcount_read(&r), 0);
	EXPECT_EQ(warned, 0);
}

TEST(refcount_reports_broken_rules)
{
	refcount_t r = REFCOUNT_INIT(0);

	warned = 0;
	refcount_inc(&r);                               /* from 0: use after free */
	EXPECT_EQ(warned, 1);
	EXPECT_EQ(warned_type, REFCOUNT_ADD_UAF);

	refcount_set(&r, 1);
	refcount_dec(&r);                               /* to 0 without freeing */
	EXPECT_EQ(warned, 2);
	EXPECT_EQ(warned_type, REFCOUNT_DEC_LEAK);

	refcount_set(&r, 0);
	EXPECT_FALSE(refcount_dec_and_test(&r));        /* below 0 */
	EXPECT_EQ(warned, 3);
	EXPECT_EQ(warned_type, REFCOUNT_SUB_UAF);

	refcount_set(&r, INT_MAX);
	refcount_inc(&r);                               /* overflow */
	EXPECT_EQ(warned, 4);
	EXPECT_EQ(warned_type, REFCOUNT_ADD_OVF);
	EXPECT_EQ((int)refcount_read(&r), REFCOUNT_SATURATED);
}
