/*
 * refcount.h - refcount_t: a reference count that keeps an object alive,
 * with Linux's names (include/linux/refcount.h), on top of atomic_t.
 *
 * The rules a reference count lives by:
 *	- whoever creates the object holds the first reference (refcount_set 1);
 *	- refcount_inc() only by someone who already holds a reference (a
 *	  pointer found under a lock that keeps the object alive counts);
 *	- refcount_dec_and_test() true: that caller held the last reference
 *	  and frees the object; nobody else may touch it afterwards.
 *
 * Every step is one locked instruction (lib/atomic.h), so a task preempted
 * in the middle of one loses nobody else's update. Breaking a rule is a
 * bug elsewhere that would become a use after free: an increment from 0
 * (the object is being freed), a decrement below 0 or to 0 through
 * refcount_dec() (nobody frees it). Linux warns and saturates the counter
 * so the object leaks instead of being freed twice; keyhole calls
 * refcount_warn_saturate(), which in the kernel panics naming the counter
 * (kernel/panic.c): a teaching kernel stops where the rule was broken.
 */
#ifndef LIB_REFCOUNT_H
#define LIB_REFCOUNT_H

#include "atomic.h"

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)        { .refs = ATOMIC_INIT(n) }
#define REFCOUNT_SATURATED      (-(1 << 30))

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,      /* inc_not_zero past INT_MAX */
	REFCOUNT_ADD_OVF,               /* inc/add past INT_MAX */
	REFCOUNT_ADD_UAF,               /* inc/add from 0: the object is being freed */
	REFCOUNT_SUB_UAF,               /* dec below 0 */
	REFCOUNT_DEC_LEAK,              /* refcount_dec() to 0: nobody frees it */
};

/*
 * refcount_warn_saturate - report a broken reference count rule. The
 * counter is left saturated (leaked, never freed). Defined by the kernel
 * (kernel/panic.c, it panics) and by the host tests.
 */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t);

static __always_inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static __always_inline unsigned int refcount_read(const refcount_t *r)
{
	return (unsigned int)atomic_read(&r->refs);
}

static __always_inline void refcount_add(int i, refcount_t *r)
{
	int old = atomic_fetch_add(i, &r->refs), sum;

	if (unlikely(old == 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (unlikely(old < 0 || __builtin_add_overflow(old, i, &sum)))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

static __always_inline void refcount_inc(refcount_t *r)
{
	refcount_add(1, r);
}

/* refcount_inc_not_zero - take a reference unless the object is dying. */
static __always_inline bool refcount_inc_not_zero(refcount_t *r)
{
	int old = atomic_fetch_add_unless(&r->refs, 1, 0);

	if (unlikely(old < 0 || old == __INT_MAX__))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return old != 0;
}

/* refcount_sub_and_test - drop i references; Return: whether they were the last. */
static __always_inline bool refcount_sub_and_test(int i, refcount_t *r)
{
	int old = atomic_fetch_add(-i, &r->refs);

	if (old == i)
		return true;
	if (unlikely(old < i))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}

/* refcount_dec_and_test - drop one; Return: true if it was the last (free it). */
static __always_inline bool refcount_dec_and_test(refcount_t *r)
{
	return refcount_sub_and_test(1, r);
}

/* refcount_dec - drop one that is known not to be the last. */
static __always_inline void refcount_dec(refcount_t *r)
{
	if (unlikely(atomic_dec_return(&r->refs) <= 0))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

#endif /* LIB_REFCOUNT_H */
