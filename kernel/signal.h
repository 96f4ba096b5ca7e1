/*
 * signal.h - the part of signal state the rest of the kernel asks about
 * before signals are delivered: is one pending for a task?
 *
 * Each task keeps the Linux picture, reduced: pending.signal (a 64-bit set,
 * bit n-1 for signal n) and blocked. Sending, delivery and handlers come
 * with user processes; sleeping code already asks signal_pending(), so an
 * interruptible sleep is interruptible from day one.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/sched.h"

static inline bool signal_pending(struct task_struct *p)
{
	return (READ_ONCE(p->pending.signal) & ~p->blocked) != 0;
}

#endif /* KERNEL_SIGNAL_H */
