/*
 * mutex.c - sleeping locks (see mutex.h).
 *
 * owner is the whole lock: taking it is a compare-and-exchange from NULL to
 * current. A task that loses sleeps as an exclusive waiter on m->wait and
 * tries again when woken; mutex_unlock() clears owner and wakes one
 * waiter. Linux adds optimistic spinning and hand-off to avoid starving
 * waiters; one CPU needs neither.
 */
#include "kernel/mutex.h"
#include "kernel/panic.h"

/* __mutex_init - an unlocked mutex called name. */
void __mutex_init(struct mutex *m, const char *name)
{
	m->owner = NULL;
	init_waitqueue_head(&m->wait);
	m->name = name;
}

/* mutex_trylock - take m if it is free. Return: whether it was taken. */
bool mutex_trylock(struct mutex *m)
{
	struct task_struct *expected = NULL;

	return __atomic_compare_exchange_n(&m->owner, &expected, current, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* mutex_lock's wait, apart so that the common case sets up no wait entry. */
static void mutex_lock_slowpath(struct mutex *m)
{
	DEFINE_WAIT(wait);

	if (READ_ONCE(m->owner) == current)
		panic("mutex %s: %s/%d locks it again (deadlock)", m->name, current->comm,
		      current->pid);
	for (;;) {
		prepare_to_wait_exclusive(&m->wait, &wait, TASK_UNINTERRUPTIBLE);
		if (mutex_trylock(m))
			break;
		schedule();
	}
	finish_wait(&m->wait, &wait);
}

/*
 * mutex_lock - take m, sleeping (uninterruptibly) while someone else has it.
 *
 * Context: process context, no spinlock held. Panics if current holds m.
 */
void mutex_lock(struct mutex *m)
{
	if (!mutex_trylock(m))
		mutex_lock_slowpath(m);
}

/*
 * mutex_unlock - release m and wake the first waiter.
 *
 * Context: process context; current must own m (else panic).
 */
void mutex_unlock(struct mutex *m)
{
	if (READ_ONCE(m->owner) != current)
		panic("mutex %s: unlocked by %s/%d, which does not hold it", m->name,
		      current->comm, current->pid);
	__atomic_store_n(&m->owner, NULL, __ATOMIC_RELEASE);
	wake_up(&m->wait);
}
