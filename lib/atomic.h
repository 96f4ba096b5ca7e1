/*
 * atomic.h - atomic_t and atomic_long_t: counters that every CPU and every
 * preempted task may update at once without a lock, with Linux's names.
 *
 * keyhole's kernel is preemptible (kernel/preempt.h): the timer may switch
 * tasks between any two instructions of kernel code that holds no spinlock.
 * `count++` on shared memory is three instructions (load, add, store); a
 * task switched out between the load and the store later stores a value
 * that forgets whatever the others did meanwhile. That lost update is the
 * bug issue 9 item 7 names: page reference counts went wrong under fork and
 * exit, and pages were freed while still mapped.
 *
 * Each operation here is one instruction with a `lock` prefix (lock incl,
 * lock xaddl, lock cmpxchgl): it cannot be split by an interrupt, and the
 * prefix makes it atomic against other CPUs too, so a second CPU changes
 * nothing here (DESIGN.md decision 7). Operations that return a value are
 * full memory barriers, as in Linux; the void ones (atomic_inc, atomic_add)
 * are barriers on x86 as well, but callers must not rely on that.
 *
 * The x86 instructions, for the reader stepping in gdb:
 *	atomic_inc(v)           lock incl (v)
 *	atomic_add_return(i, v) lock xaddl i, (v); then i + old
 *	atomic_cmpxchg(v, o, n) lock cmpxchgl n, (v); eax holds o, gets the old
 *
 * Use refcount_t (lib/refcount.h) for a reference count: it catches
 * increments from zero and drops below zero. atomic_t is for counters that
 * are not lifetimes (statistics, page->_refcount which has its own checks).
 *
 * Everything here is x86-64 inline assembly and runs on the host as it
 * runs in the kernel (lib/tests/test_atomic.c).
 */
#ifndef LIB_ATOMIC_H
#define LIB_ATOMIC_H

#include "compiler.h"

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

#define ATOMIC_INIT(i)          { (i) }
#define ATOMIC_LONG_INIT(i)     { (i) }

/* atomic_read - the value now (one aligned load: never torn). */
static __always_inline int atomic_read(const atomic_t *v)
{
	return READ_ONCE(v->counter);
}

/* atomic_set - store i (one aligned store). */
static __always_inline void atomic_set(atomic_t *v, int i)
{
	WRITE_ONCE(v->counter, i);
}

static __always_inline void atomic_add(int i, atomic_t *v)
{
	__asm__ __volatile__("lock addl %1, %0" : "+m"(v->counter) : "ir"(i) : "memory");
}

static __always_inline void atomic_sub(int i, atomic_t *v)
{
	__asm__ __volatile__("lock subl %1, %0" : "+m"(v->counter) : "ir"(i) : "memory");
}

static __always_inline void atomic_inc(atomic_t *v)
{
	__asm__ __volatile__("lock incl %0" : "+m"(v->counter) : : "memory");
}

static __always_inline void atomic_dec(atomic_t *v)
{
	__asm__ __volatile__("lock decl %0" : "+m"(v->counter) : : "memory");
}

/* atomic_fetch_add - add i; Return: the value before. */
static __always_inline int atomic_fetch_add(int i, atomic_t *v)
{
	__asm__ __volatile__("lock xaddl %0, %1" : "+r"(i), "+m"(v->counter) : : "memory");
	return i;
}

/* atomic_add_return - add i; Return: the value after (wrapping past
 * INT_MAX as the hardware does, not C's undefined signed overflow). */
static __always_inline int atomic_add_return(int i, atomic_t *v)
{
	return (int)((unsigned int)atomic_fetch_add(i, v) + (unsigned int)i);
}

static __always_inline int atomic_sub_return(int i, atomic_t *v)
{
	return atomic_add_return((int)(0u - (unsigned int)i), v);
}

static __always_inline int atomic_inc_return(atomic_t *v)
{
	return atomic_add_return(1, v);
}

static __always_inline int atomic_dec_return(atomic_t *v)
{
	return atomic_add_return(-1, v);
}

/* atomic_dec_and_test - decrement; Return: whether the result is 0. */
static __always_inline bool atomic_dec_and_test(atomic_t *v)
{
	bool zero;

	__asm__ __volatile__("lock decl %0" : "+m"(v->counter), "=@ccz"(zero) : : "memory");
	return zero;
}

/* atomic_sub_and_test - subtract i; Return: whether the result is 0. */
static __always_inline bool atomic_sub_and_test(int i, atomic_t *v)
{
	bool zero;

	__asm__ __volatile__("lock subl %2, %0"
			     : "+m"(v->counter), "=@ccz"(zero)
			     : "ir"(i)
			     : "memory");
	return zero;
}

/* atomic_xchg - store new; Return: the value before (xchg locks itself). */
static __always_inline int atomic_xchg(atomic_t *v, int new)
{
	__asm__ __volatile__("xchgl %0, %1" : "+r"(new), "+m"(v->counter) : : "memory");
	return new;
}

/* atomic_cmpxchg - store new if the value is old; Return: the value before. */
static __always_inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	__asm__ __volatile__("lock cmpxchgl %2, %1"
			     : "+a"(old), "+m"(v->counter)
			     : "r"(new)
			     : "memory");
	return old;
}

/*
 * atomic_try_cmpxchg - store new if the value is *old; otherwise load the
 * value into *old. Return: whether new was stored.
 */
static __always_inline bool atomic_try_cmpxchg(atomic_t *v, int *old, int new)
{
	int was = atomic_cmpxchg(v, *old, new);
	bool ok = was == *old;

	*old = was;
	return ok;
}

/* atomic_fetch_add_unless - add a unless the value is u; Return: the value before. */
static __always_inline int atomic_fetch_add_unless(atomic_t *v, int a, int u)
{
	int c = atomic_read(v);

	do {
		if (c == u)
			break;
	} while (!atomic_try_cmpxchg(v, &c, (int)((unsigned int)c + (unsigned int)a)));
	return c;
}

/* atomic_inc_not_zero - increment unless 0; Return: whether it did. */
static __always_inline bool atomic_inc_not_zero(atomic_t *v)
{
	return atomic_fetch_add_unless(v, 1, 0) != 0;
}

/* atomic_long_t: the same for counters that may pass 2^31 (pages, bytes). */
static __always_inline long atomic_long_read(const atomic_long_t *v)
{
	return READ_ONCE(v->counter);
}

static __always_inline void atomic_long_set(atomic_long_t *v, long i)
{
	WRITE_ONCE(v->counter, i);
}

static __always_inline void atomic_long_add(long i, atomic_long_t *v)
{
	__asm__ __volatile__("lock addq %1, %0" : "+m"(v->counter) : "er"(i) : "memory");
}

static __always_inline void atomic_long_sub(long i, atomic_long_t *v)
{
	__asm__ __volatile__("lock subq %1, %0" : "+m"(v->counter) : "er"(i) : "memory");
}

static __always_inline void atomic_long_inc(atomic_long_t *v)
{
	atomic_long_add(1, v);
}

static __always_inline void atomic_long_dec(atomic_long_t *v)
{
	atomic_long_sub(1, v);
}

static __always_inline long atomic_long_add_return(long i, atomic_long_t *v)
{
	long old = i;

	__asm__ __volatile__("lock xaddq %0, %1" : "+r"(old), "+m"(v->counter) : : "memory");
	return (long)((unsigned long)old + (unsigned long)i);
}

static __always_inline long atomic_long_sub_return(long i, atomic_long_t *v)
{
	return atomic_long_add_return((long)(0ul - (unsigned long)i), v);
}

#endif /* LIB_ATOMIC_H */
