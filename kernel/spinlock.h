/*
 * spinlock.h - spinlocks, with Linux's names.
 *
 * keyhole runs on one CPU for now, but its locks are real: an atomic
 * exchange takes the lock, so turning on a second CPU changes nothing here.
 * On one CPU a spinlock only protects against interrupt handlers if
 * interrupts are off while it is held, so code that shares data with an
 * interrupt handler uses the _irqsave/_irqrestore pair:
 *
 *	unsigned long flags;
 *	spin_lock_irqsave(&q->lock, flags);
 *	...
 *	spin_unlock_irqrestore(&q->lock, flags);
 *
 * Taking a lock this CPU already holds can never succeed on one CPU; it is
 * reported as a "spinlock recursion" panic naming the lock, instead of a
 * silent hang. Holding a spinlock also disables preemption (preempt.h):
 * the holder is never switched out by the timer.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include "arch/x86_64/cpu.h"
#include "kernel/preempt.h"
#include "lib/compiler.h"
#include "lib/types.h"

typedef struct spinlock {
	volatile u32 locked;    /* 0 free, 1 held */
	const char *name;       /* for the recursion panic */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(n)  { .locked = 0, .name = #n }
#define DEFINE_SPINLOCK(n)       spinlock_t n = __SPIN_LOCK_UNLOCKED(n)

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->locked = 0;
	lock->name = "spinlock";
}

void spin_lock_recursion(spinlock_t *lock);

static inline bool __spin_trylock(spinlock_t *lock)
{
	return __atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE) == 0;
}

static inline bool spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (__spin_trylock(lock))
		return true;
	preempt_enable_no_resched();
	return false;
}

static inline void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	while (!__spin_trylock(lock)) {
		/* One CPU: whoever holds it is us, and will never let go. */
		spin_lock_recursion(lock);
		cpu_relax();
	}
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
	preempt_enable();
}

static inline bool spin_is_locked(spinlock_t *lock)
{
	return READ_ONCE(lock->locked) != 0;
}

#define spin_lock_irqsave(lock, flags)                                         \
	do {                                                                   \
		local_irq_save(flags);                                         \
		spin_lock(lock);                                               \
	} while (0)

/* Interrupts back on before preemption is, so a switch owed can happen. */
#define spin_unlock_irqrestore(lock, flags)                                    \
	do {                                                                   \
		__atomic_store_n(&(lock)->locked, 0, __ATOMIC_RELEASE);        \
		local_irq_restore(flags);                                      \
		preempt_enable();                                              \
	} while (0)

static inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static inline void spin_unlock_irq(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
	local_irq_enable();
	preempt_enable();
}

#endif /* KERNEL_SPINLOCK_H */
