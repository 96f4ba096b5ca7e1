/*
 * wait.c - wait queues (see wait.h for how they are used).
 *
 * A wait_queue_head is a spinlock and a list of wait_queue_entry, one per
 * waiting task. prepare_to_wait() puts the entry on the list (once) and
 * sets the task's state; the caller then checks its condition and calls
 * schedule(). __wake_up() walks the list calling each entry's func, which
 * wakes the task (try_to_wake_up) and, for autoremove entries, takes the
 * entry off the list, so a woken task is not woken twice. finish_wait()
 * sets the task running again and removes the entry if it is still there
 * (the task woke up for another reason: a signal, a timeout).
 *
 * Locking: wq_head->lock (irqsave: interrupt handlers wake up) guards the
 * list and the entries on it; it nests outside the run-queue lock.
 */
#include "kernel/wait.h"

/* init_waitqueue_head - an empty wait queue. */
void init_waitqueue_head(struct wait_queue_head *wq_head)
{
	spin_lock_init(&wq_head->lock);
	wq_head->lock.name = "wait_queue_head";
	INIT_LIST_HEAD(&wq_head->head);
}

/* default_wake_function - wake the entry's task if it sleeps in mode. */
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, void *key)
{
	(void)key;
	return try_to_wake_up(wq_entry->private, mode);
}

/* autoremove_wake_function - as default, and off the queue if woken. */
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, void *key)
{
	int ret = default_wake_function(wq_entry, mode, key);

	if (ret)
		list_del_init(&wq_entry->entry);
	return ret;
}

/* add_wait_queue - put a non-exclusive entry at the head of the queue. */
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	list_add(&wq_entry->entry, &wq_head->head);
	spin_unlock_irqrestore(&wq_head->lock, flags);
	smp_mb();                       /* before the caller's look: see __wake_up */
}

/* remove_wait_queue - take an entry off the queue. */
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	list_del_init(&wq_entry->entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/*
 * prepare_to_wait - queue wq_entry (if it is not queued yet) and set the
 * current task's state, before the caller checks its condition.
 *
 * Context: process context.
 */
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     long state)
{
	unsigned long flags;

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	if (list_empty(&wq_entry->entry))
		list_add(&wq_entry->entry, &wq_head->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/* prepare_to_wait_exclusive - as prepare_to_wait, woken one at a time,
 * in the order they came (exclusive waiters queue at the tail). */
void prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, long state)
{
	unsigned long flags;

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	if (list_empty(&wq_entry->entry))
		list_add_tail(&wq_entry->entry, &wq_head->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/*
 * finish_wait - end a wait: running again, and off the queue.
 *
 * Context: process context, after the loop around prepare_to_wait().
 */
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	set_current_state(TASK_RUNNING);
	if (!list_empty(&wq_entry->entry)) {
		spin_lock_irqsave(&wq_head->lock, flags);
		list_del_init(&wq_entry->entry);
		spin_unlock_irqrestore(&wq_head->lock, flags);
	}
}

/*
 * __wake_up_common_lock - __wake_up's walk, for a queue with waiters:
 * wake all non-exclusive ones, and up to nr_exclusive exclusive ones (0:
 * all), that sleep in a state in mode.
 *
 * Context: any, interrupt handlers included.
 */
void __wake_up_common_lock(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive,
			   void *key)
{
	struct wait_queue_entry *curr, *next;
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	list_for_each_entry_safe(curr, next, &wq_head->head, entry) {
		unsigned int excl = curr->flags & WQ_FLAG_EXCLUSIVE;

		if (curr->func(curr, mode, key) && excl && --nr_exclusive == 0)
			break;
	}
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/* waitqueue_active - whether anyone waits (a hint: no lock is taken). */
bool waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}
