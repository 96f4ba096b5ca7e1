/*
 * timer.h - kernel timers that fire by the clock (struct hrtimer), and
 * sleeping for a time: schedule_timeout(), schedule_hrtimeout(), msleep().
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "lib/list.h"
#include "lib/types.h"

#define MAX_SCHEDULE_TIMEOUT    __LONG_MAX__
#define KTIME_MAX               (~0ULL / 2)     /* "never": about 292 years */

struct hrtimer {
	struct list_head node;          /* on the pending list, by expiry */
	u64 expires;                    /* ktime_get_ns() at which it fires */
	void (*function)(struct hrtimer *);
};

void hrtimer_init(struct hrtimer *timer, void (*function)(struct hrtimer *));
void hrtimer_start(struct hrtimer *timer, u64 expires);
bool hrtimer_cancel(struct hrtimer *timer);
bool hrtimer_active(const struct hrtimer *timer);
u64 hrtimer_get_remaining(const struct hrtimer *timer);
void hrtimer_run_queues(void);

long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
int schedule_hrtimeout(u64 expires);
void msleep(unsigned int msecs);
u64 msecs_to_jiffies(u64 msecs);

#endif /* KERNEL_TIMER_H */
