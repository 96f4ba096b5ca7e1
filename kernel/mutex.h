/*
 * mutex.h - sleeping locks, with Linux's API: mutex_init, mutex_lock,
 * mutex_unlock, mutex_trylock, mutex_is_locked.
 *
 * A mutex is for critical sections that may sleep (file data, an address
 * space's page tables). A task that finds it taken sleeps on the mutex's
 * wait queue until the owner unlocks it; waiters are woken one at a time,
 * in the order they came. Only the owner may unlock, and a task that locks
 * a mutex it already holds is a deadlock that panics, naming the mutex.
 * Not for interrupt handlers: they cannot sleep.
 */
#ifndef KERNEL_MUTEX_H
#define KERNEL_MUTEX_H

#include "kernel/wait.h"

struct mutex {
	struct task_struct *owner;      /* NULL when free; set by an atomic exchange */
	struct wait_queue_head wait;    /* tasks waiting for it */
	const char *name;
};

#define __MUTEX_INITIALIZER(n)                                                 \
	{ .owner = NULL, .wait = __WAIT_QUEUE_HEAD_INITIALIZER(n.wait), .name = #n }
#define DEFINE_MUTEX(n)         struct mutex n = __MUTEX_INITIALIZER(n)

void __mutex_init(struct mutex *m, const char *name);
#define mutex_init(m)           __mutex_init(m, #m)
bool mutex_trylock(struct mutex *m);
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);

static inline bool mutex_is_locked(struct mutex *m)
{
	return READ_ONCE(m->owner) != NULL;
}

#endif /* KERNEL_MUTEX_H */
