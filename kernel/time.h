/*
 * time.h - the kernel's clocks.
 *
 *   jiffies              timer interrupts since the timer started (HZ/s)
 *   ktime_get_ns()       monotonic nanoseconds since boot, from the TSC
 *   ktime_get_real_ns()  wall clock: the CMOS RTC read at boot plus the
 *                        monotonic time since
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "lib/types.h"

#define HZ              1000            /* timer ticks a second: 1 ms timeouts */
#define USER_HZ         100             /* clock ticks as user space counts them (AT_CLKTCK) */
#define NSEC_PER_SEC    1000000000ULL
#define NSEC_PER_MSEC   1000000ULL
#define NSEC_PER_USEC   1000ULL
#define TICK_NSEC       (NSEC_PER_SEC / HZ)     /* one tick of the timer */

extern volatile u64 jiffies;

/* A validated timespec (both fields >= 0) in nanoseconds; past about 292
 * years it saturates instead of wrapping. */
static inline u64 timespec_to_ns(s64 sec, s64 nsec)
{
	if ((u64)sec >= ~0ULL / 2 / NSEC_PER_SEC)
		return ~0ULL / 2;
	return (u64)sec * NSEC_PER_SEC + (u64)nsec;
}

/* nsec_to_clock_t - a time in the USER_HZ ticks that times(2) and
 * /proc/PID/stat report (Linux's name). */
static inline u64 nsec_to_clock_t(u64 ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

u64 ktime_get_ns(void);
u64 ktime_get_real_ns(void);
u64 tsc_khz_get(void);
struct vdso_data;
void time_get_vdso_data(struct vdso_data *d);
void time_init(void);
void time_mark_boot(void);
u64 ktime_since_poweron_ns(void);
void udelay(u64 usecs);

/* rtc.c */
struct rtc_time {
	int tm_sec, tm_min, tm_hour;    /* 0-59, 0-59, 0-23 */
	int tm_mday, tm_mon, tm_year;   /* 1-31, 1-12, e.g. 2026 */
};
void rtc_read_time(struct rtc_time *tm);
s64 mktime64(int year, int mon, int day, int hour, int min, int sec);

#endif /* KERNEL_TIME_H */
