/*
 * wait.h - wait queues, Linux's shape: a task that must wait for something
 * puts an entry on that thing's wait_queue_head and sleeps; whoever makes
 * the something happen calls wake_up() on the head.
 *
 * The usual way is the wait_event family:
 *
 *	ret = wait_event_interruptible(q->wait, q->count > 0);
 *	if (ret)                // -ERESTARTSYS: a signal came first
 *		return ret;
 *
 * and, on the other side, q->count++ then wake_up(&q->wait).
 *
 * By hand, when the condition is more than an expression (wait4 in
 * kernel/exit.c, mutex_lock in kernel/mutex.c):
 *
 *	DEFINE_WAIT(wait);
 *	for (;;) {
 *		prepare_to_wait(&q->wait, &wait, TASK_INTERRUPTIBLE);
 *		if (condition)
 *			break;
 *		if (signal_pending(current))
 *			break;
 *		schedule();
 *	}
 *	finish_wait(&q->wait, &wait);
 *
 * Exclusive waiters (prepare_to_wait_exclusive) are woken one at a time,
 * the others all at once; wake_up() wakes all non-exclusive waiters and
 * one exclusive one, as in Linux.
 *
 * The System V IPC calls do not use wait queues: a sleeping semop,
 * msgsnd or msgrcv puts a record of its own on a list in the object,
 * which says what it waits for, and its waker completes the call on its
 * behalf and wakes that one task (wake_up_process). ipc_sleep() in
 * ipc/util.c is that protocol; Linux's ipc/ does the same with wake_q.
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include "kernel/errno.h"
#include "kernel/wait_types.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/spinlock.h"
#include "kernel/timer.h"
#include "lib/list.h"

#define TASK_NORMAL             (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, void *key);

#define DEFINE_WAIT(name)                                                      \
	struct wait_queue_entry name = {                                       \
		.private = current,                                            \
		.func = autoremove_wake_function,                              \
		.entry = LIST_HEAD_INIT((name).entry),                         \
	}

void init_waitqueue_head(struct wait_queue_head *wq_head);
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     long state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, long state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void __wake_up_common_lock(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive,
			   void *key);
bool waitqueue_active(struct wait_queue_head *wq_head);

/*
 * __wake_up - wake the waiters of wq_head sleeping in a state in mode: all
 * non-exclusive ones, and up to nr_exclusive exclusive ones (0: all).
 *
 * Nobody waiting (a mutex_unlock or a pipe write with no one asleep, most
 * of them): nothing to do, and no lock to take or call to make. The waker
 * changed the sleeper's condition before calling; the barrier orders that
 * before the look at the list. A sleeper adds its entry, then (through
 * set_current_state's barrier, or add_wait_queue's) looks at its
 * condition: one of the two sees the other's write (Linux's
 * wq_has_sleeper()).
 *
 * Context: any, interrupt handlers included.
 */
static inline void __wake_up(struct wait_queue_head *wq_head, unsigned int mode,
			     int nr_exclusive, void *key)
{
	smp_mb();
	if (!list_empty(&wq_head->head))
		__wake_up_common_lock(wq_head, mode, nr_exclusive, key);
}

#define wake_up(x)                      __wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)               __wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)                  __wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_interruptible(x)        __wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_all(x)    __wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)

/*
 * The wait_event macros. Each evaluates cond after setting the task's
 * state, so a wake-up that makes cond true cannot be missed; and once
 * more straight after waking, so that a wake-up for cond (which took the
 * entry off the queue) ends the wait without queueing it again only to
 * take it off. The value of the whole expression:
 *	wait_event                         (none)
 *	wait_event_interruptible           0, or -ERESTARTSYS on a signal
 *	wait_event_timeout                 0 if the time ran out with cond false,
 *	                                   else the jiffies left (at least 1)
 *	wait_event_interruptible_timeout   as _timeout, or -ERESTARTSYS
 */
#define ___wait_event(wq_head, cond, state)                                    \
	({                                                                     \
		DEFINE_WAIT(__wait);                                           \
		long __ret = 0;                                                \
		for (;;) {                                                     \
			prepare_to_wait(&(wq_head), &__wait, state);           \
			if (cond)                                              \
				break;                                         \
			if ((state) == TASK_INTERRUPTIBLE &&                   \
			    signal_pending(current)) {                         \
				__ret = -ERESTARTSYS;                          \
				break;                                         \
			}                                                      \
			schedule();                                            \
			if (cond)       /* woken for it: no need to queue again */ \
				break;                                         \
		}                                                              \
		finish_wait(&(wq_head), &__wait);                              \
		__ret;                                                         \
	})

#define wait_event(wq_head, cond)                                              \
	do {                                                                   \
		if (!(cond))                                                   \
			(void)___wait_event(wq_head, cond, TASK_UNINTERRUPTIBLE); \
	} while (0)

#define wait_event_interruptible(wq_head, cond)                                \
	({                                                                     \
		int __r = 0;                                                   \
		if (!(cond))                                                   \
			__r = (int)___wait_event(wq_head, cond, TASK_INTERRUPTIBLE); \
		__r;                                                           \
	})

#define __wait_event_timeout(wq_head, cond, state, timeout)                    \
	({                                                                     \
		DEFINE_WAIT(__wait);                                           \
		long __t = (timeout);                                          \
		for (;;) {                                                     \
			prepare_to_wait(&(wq_head), &__wait, state);           \
			if (cond) {                                            \
				if (!__t)                                      \
					__t = 1;                               \
				break;                                         \
			}                                                      \
			if (!__t)                                              \
				break;                                         \
			if ((state) == TASK_INTERRUPTIBLE &&                   \
			    signal_pending(current)) {                         \
				__t = -ERESTARTSYS;                            \
				break;                                         \
			}                                                      \
			__t = schedule_timeout(__t);                           \
			if (cond) {     /* as above, without queueing again */ \
				if (!__t)                                      \
					__t = 1;                               \
				break;                                         \
			}                                                      \
		}                                                              \
		finish_wait(&(wq_head), &__wait);                              \
		__t;                                                           \
	})

#define wait_event_timeout(wq_head, cond, timeout)                             \
	__wait_event_timeout(wq_head, cond, TASK_UNINTERRUPTIBLE, timeout)
#define wait_event_interruptible_timeout(wq_head, cond, timeout)               \
	__wait_event_timeout(wq_head, cond, TASK_INTERRUPTIBLE, timeout)

#endif /* KERNEL_WAIT_H */
