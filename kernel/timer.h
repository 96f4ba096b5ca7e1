/*
 * timer.h - kernel timers (call a function at a given jiffy) and
 * sleeping for a time: schedule_timeout(), msleep().
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "lib/list.h"
#include "lib/types.h"

#define MAX_SCHEDULE_TIMEOUT    __LONG_MAX__

struct timer_list {
	struct list_head entry;         /* on the pending list, by expiry */
	u64 expires;                    /* in jiffies */
	void (*function)(struct timer_list *);
};

void timer_setup(struct timer_list *timer, void (*function)(struct timer_list *));
void add_timer(struct timer_list *timer);
void mod_timer(struct timer_list *timer, u64 expires);
bool del_timer(struct timer_list *timer);
bool timer_pending(const struct timer_list *timer);
void run_timers(void);

long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
void msleep(unsigned int msecs);
u64 msecs_to_jiffies(u64 msecs);
long nsecs_to_jiffies(u64 nsecs);

#endif /* KERNEL_TIMER_H */
