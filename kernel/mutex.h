/*
 * mutex.h - sleeping locks, with Linux's API: mutex_init, mutex_lock,
 * mutex_unlock, mutex_trylock, mutex_is_locked.
 *
 * A mutex is for long critical sections that may sleep (file data, page
 * tables of an address space). Until the scheduler exists there is nobody
 * to sleep for, so this first version only records the owner and catches
 * a second lock by the same context (which, on one CPU, could never be
 * released). The scheduler's issue makes mutex_lock() sleep on a wait
 * queue; the API does not change.
 */
#ifndef KERNEL_MUTEX_H
#define KERNEL_MUTEX_H

#include "kernel/panic.h"
#include "lib/types.h"

struct mutex {
	bool locked;
	const char *name;
};

#define __MUTEX_INITIALIZER(n)  { .locked = false, .name = #n }
#define DEFINE_MUTEX(n)         struct mutex n = __MUTEX_INITIALIZER(n)

static inline void mutex_init(struct mutex *m)
{
	m->locked = false;
	m->name = "mutex";
}

static inline bool mutex_trylock(struct mutex *m)
{
	if (m->locked)
		return false;
	m->locked = true;
	return true;
}

static inline void mutex_lock(struct mutex *m)
{
	if (!mutex_trylock(m))
		panic("mutex %s: locked twice with no one to release it", m->name);
}

static inline void mutex_unlock(struct mutex *m)
{
	if (!m->locked)
		panic("mutex %s: unlocked while not locked", m->name);
	m->locked = false;
}

static inline bool mutex_is_locked(const struct mutex *m)
{
	return m->locked;
}

#endif /* KERNEL_MUTEX_H */
