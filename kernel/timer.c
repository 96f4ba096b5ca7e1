/*
 * timer.c - kernel timers and timed sleeps, expired by the clock.
 *
 * A struct hrtimer asks for its function to run from the timer interrupt
 * once the monotonic clock (ktime_get_ns(), the TSC) reaches expires.
 * Every timeout in the kernel is one of these: alarm and setitimer's
 * ITIMER_REAL, nanosleep and clock_nanosleep, semtimedop, and every
 * wait_event_timeout through schedule_timeout().
 *
 * Why the clock and not a count of ticks. The periodic timer interrupt
 * (HZ a second) is only a chance to look at the clock. Ticks get lost:
 * QEMU delivers one interrupt for several periods when the host is busy,
 * and a CPU with interrupts off for 50 ms takes one interrupt, not 50,
 * when it turns them on. A timer that counted 20000 ticks for alarm(20)
 * fired after 26 to 53 seconds of the guest's own clock. So each tick,
 * however many were lost before it, expires every timer whose time the
 * clock says has come (hrtimer_run_queues), as Linux's hrtimers do when
 * the machine has no one-shot timer ("low-resolution mode"). A timer is
 * thus at most one tick late by the clock, never late by the lost ticks.
 * jiffies still counts ticks, for what really counts ticks: the
 * scheduler's time slices. (Linux's timer_list, a wheel keyed by jiffies,
 * is the other half Linux has; keyhole needs only one kind.)
 *
 * Pending timers sit on one list sorted by expiry, so each tick looks only
 * at the head. Adding is a walk of the list: fine for the handful of
 * timers a teaching kernel has; Linux keeps a red-black tree.
 *
 * schedule_timeout(n) keeps Linux's interface, n in jiffies, but turns n
 * into a deadline on the clock and returns what is left by the clock.
 * schedule_hrtimeout(t) sleeps until the clock reads t.
 *
 * Locking: timer_lock (irqsave) guards the list and every pending timer's
 * expires. Timer functions run with it released, in interrupt context
 * with interrupts off: they must not sleep, and may start timers (their
 * own too: it is off the list while it runs). With one CPU a function
 * never runs while process context holds interrupts off, so
 * hrtimer_cancel() needs no wait for a running function (Linux's does).
 */
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "kernel/timer.h"

static DEFINE_SPINLOCK(timer_lock);
static LIST_HEAD(hrtimer_head);

/* hrtimer_init - prepare a timer that will call function. */
void hrtimer_init(struct hrtimer *timer, void (*function)(struct hrtimer *))
{
	INIT_LIST_HEAD(&timer->node);
	timer->function = function;
	timer->expires = 0;
}

/* hrtimer_active - whether the timer is waiting to fire. */
bool hrtimer_active(const struct hrtimer *timer)
{
	return !list_empty(&timer->node);
}

/*
 * hrtimer_start - (re)start the timer to fire when ktime_get_ns() reaches
 * expires (Linux's HRTIMER_MODE_ABS). A time already past fires on the
 * next tick.
 *
 * Context: any.
 */
void hrtimer_start(struct hrtimer *timer, u64 expires)
{
	struct hrtimer *t;
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	list_del_init(&timer->node);
	timer->expires = expires;
	list_for_each_entry(t, &hrtimer_head, node) {
		if (t->expires > expires)
			break;
	}
	list_add_tail(&timer->node, &t->node);          /* before t: sorted */
	spin_unlock_irqrestore(&timer_lock, flags);
}

/*
 * hrtimer_cancel - stop the timer.
 *
 * Context: any.
 * Return: whether it was pending.
 */
bool hrtimer_cancel(struct hrtimer *timer)
{
	unsigned long flags;
	bool was_pending;

	spin_lock_irqsave(&timer_lock, flags);
	was_pending = hrtimer_active(timer);
	list_del_init(&timer->node);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

/*
 * hrtimer_get_remaining - nanoseconds until a pending timer fires; 0 if
 * its time has come (or it is not pending).
 *
 * Context: any.
 */
u64 hrtimer_get_remaining(const struct hrtimer *timer)
{
	unsigned long flags;
	u64 now = ktime_get_ns(), left = 0;

	spin_lock_irqsave(&timer_lock, flags);
	if (hrtimer_active(timer) && timer->expires > now)
		left = timer->expires - now;
	spin_unlock_irqrestore(&timer_lock, flags);
	return left;
}

/*
 * hrtimer_run_queues - run every timer whose time the clock says has
 * come, however many ticks were lost since the last call.
 *
 * Context: the timer interrupt, interrupts off.
 */
void hrtimer_run_queues(void)
{
	unsigned long flags;
	u64 now = ktime_get_ns();

	spin_lock_irqsave(&timer_lock, flags);
	while (!list_empty(&hrtimer_head)) {
		struct hrtimer *t = list_first_entry(&hrtimer_head, struct hrtimer, node);

		if (t->expires > now)
			break;
		list_del_init(&t->node);
		spin_unlock_irqrestore(&timer_lock, flags);
		t->function(t);
		spin_lock_irqsave(&timer_lock, flags);
	}
	spin_unlock_irqrestore(&timer_lock, flags);
}

struct hrtimer_sleeper {
	struct hrtimer timer;
	struct task_struct *task;       /* NULL once the timer has fired */
};

static void hrtimer_wakeup(struct hrtimer *t)
{
	struct hrtimer_sleeper *sl = container_of(t, struct hrtimer_sleeper, timer);
	struct task_struct *task = sl->task;

	sl->task = NULL;
	wake_up_process(task);
}

/*
 * schedule_hrtimeout - sleep until woken or until the clock reads expires.
 * The caller sets its state (TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE)
 * first, as for any sleep; KTIME_MAX sleeps with no timer at all.
 *
 * Context: process context.
 * Return: 0 if the time ran out, -EINTR if woken sooner (a signal, a
 * wake_up): the caller looks at why.
 */
int schedule_hrtimeout(u64 expires)
{
	struct hrtimer_sleeper sl;

	if (expires >= KTIME_MAX) {     /* no timer: no clock to read either */
		schedule();
		return -EINTR;
	}
	if (ktime_get_ns() >= expires) {
		set_current_state(TASK_RUNNING);
		return 0;
	}
	sl.task = current;
	hrtimer_init(&sl.timer, hrtimer_wakeup);
	hrtimer_start(&sl.timer, expires);
	schedule();
	hrtimer_cancel(&sl.timer);
	set_current_state(TASK_RUNNING);
	return sl.task ? -EINTR : 0;
}

/*
 * schedule_timeout - sleep until woken or until timeout jiffies' worth of
 * clock time (timeout * 1 ms) has passed. The caller sets its state first;
 * with TASK_RUNNING this only yields.
 *
 * Context: process context.
 * Return: 0 if the time ran out, else the time left in jiffies, rounded
 * up (at least 1); MAX_SCHEDULE_TIMEOUT sleeps until woken and returns it.
 */
long schedule_timeout(long timeout)
{
	u64 start = ktime_get_ns(), expire, now;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0)
		timeout = 0;
	if ((u64)timeout >= (KTIME_MAX - start) / TICK_NSEC)
		expire = KTIME_MAX - 1;         /* far enough: saturate, do not wrap */
	else
		expire = start + (u64)timeout * TICK_NSEC;
	schedule_hrtimeout(expire);
	now = ktime_get_ns();
	return now >= expire ? 0 : (long)DIV_ROUND_UP(expire - now, TICK_NSEC);
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

/* msecs_to_jiffies - rounded up, so a sleep is never shorter than asked. */
u64 msecs_to_jiffies(u64 msecs)
{
	return (msecs * HZ + 999) / 1000;
}

/* msleep - sleep at least msecs milliseconds by the clock. Context: process context. */
void msleep(unsigned int msecs)
{
	u64 end = ktime_get_ns() + (u64)msecs * NSEC_PER_MSEC;

	do
		set_current_state(TASK_UNINTERRUPTIBLE);
	while (schedule_hrtimeout(end));
}
