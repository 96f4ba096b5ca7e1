/*
 * timer.c - kernel timers and timed sleeps.
 *
 * A timer_list asks for its function to run from the timer interrupt once
 * jiffies reaches expires. Pending timers sit on one list sorted by
 * expiry, so each tick looks only at the head (run_timers). Adding is a
 * walk of the list: fine for the handful of sleepers a teaching kernel
 * has; Linux's timer wheel is what scales.
 *
 * schedule_timeout(n) is the one sleep with a deadline: the caller sets
 * its state first (as for any sleep), a timer on the stack wakes it after
 * n ticks, and it returns the ticks left if it was woken sooner.
 *
 * Locking: timer_lock (irqsave) guards the list. Timer functions run with
 * it released, in interrupt context: they must not sleep.
 */
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "kernel/timer.h"

static DEFINE_SPINLOCK(timer_lock);
static LIST_HEAD(timer_list_head);

/* timer_setup - prepare a timer that will call function. */
void timer_setup(struct timer_list *timer, void (*function)(struct timer_list *))
{
	INIT_LIST_HEAD(&timer->entry);
	timer->function = function;
	timer->expires = 0;
}

/* timer_pending - whether the timer is waiting to fire. */
bool timer_pending(const struct timer_list *timer)
{
	return !list_empty(&timer->entry);
}

static void __del_timer(struct timer_list *timer)
{
	list_del_init(&timer->entry);
}

/*
 * mod_timer - (re)start the timer to fire at jiffy expires.
 *
 * Context: any.
 */
void mod_timer(struct timer_list *timer, u64 expires)
{
	struct timer_list *t;
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	__del_timer(timer);
	timer->expires = expires;
	list_for_each_entry(t, &timer_list_head, entry) {
		if (t->expires > expires)
			break;
	}
	list_add_tail(&timer->entry, &t->entry);        /* before t: sorted */
	spin_unlock_irqrestore(&timer_lock, flags);
}

/* add_timer - start the timer at its expires field. */
void add_timer(struct timer_list *timer)
{
	mod_timer(timer, timer->expires);
}

/* del_timer - stop the timer. Return: whether it was pending. */
bool del_timer(struct timer_list *timer)
{
	unsigned long flags;
	bool was_pending;

	spin_lock_irqsave(&timer_lock, flags);
	was_pending = timer_pending(timer);
	__del_timer(timer);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

/*
 * run_timers - run every timer whose time has come.
 *
 * Context: the timer interrupt.
 */
void run_timers(void)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	while (!list_empty(&timer_list_head)) {
		struct timer_list *t = list_first_entry(&timer_list_head, struct timer_list, entry);

		if (t->expires > jiffies)
			break;
		__del_timer(t);
		spin_unlock_irqrestore(&timer_lock, flags);
		t->function(t);
		spin_lock_irqsave(&timer_lock, flags);
	}
	spin_unlock_irqrestore(&timer_lock, flags);
}

struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	struct process_timer *pt = container_of(t, struct process_timer, timer);

	wake_up_process(pt->task);
}

/*
 * schedule_timeout - sleep until woken or timeout ticks pass. The caller
 * sets its state (TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE) first; with
 * TASK_RUNNING this only yields.
 *
 * Context: process context.
 * Return: 0 if the time ran out, else the ticks that were left.
 */
long schedule_timeout(long timeout)
{
	struct process_timer pt;
	u64 expire;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0)
		timeout = 0;
	expire = jiffies + (u64)timeout;
	pt.task = current;
	timer_setup(&pt.timer, process_timeout);
	mod_timer(&pt.timer, expire);
	schedule();
	del_timer(&pt.timer);

	u64 now = jiffies;
	return now >= expire ? 0 : (long)(expire - now);
}

long schedule_timeout_interruptible(long timeout)
{
	set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

/* nsecs_to_jiffies - rounded up; huge values saturate below MAX_SCHEDULE_TIMEOUT. */
long nsecs_to_jiffies(u64 nsecs)
{
	u64 tick = NSEC_PER_SEC / HZ, j = nsecs / tick + (nsecs % tick != 0);

	return j >= MAX_SCHEDULE_TIMEOUT / 2 ? MAX_SCHEDULE_TIMEOUT / 2 : (long)j;
}

/* msecs_to_jiffies - rounded up, so a sleep is never shorter than asked. */
u64 msecs_to_jiffies(u64 msecs)
{
	return (msecs * HZ + 999) / 1000;
}

/* msleep - sleep at least msecs milliseconds. Context: process context. */
void msleep(unsigned int msecs)
{
	long timeout = (long)msecs_to_jiffies(msecs) + 1;      /* +1: we start mid-tick */

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}
