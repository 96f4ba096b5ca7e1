/*
 * time_test.c - in-kernel tests of the timer, the clocks and interrupts.
 */
#include "arch/x86_64/cpu.h"
#include "kernel/irq.h"
#include "kernel/ktest.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "kernel/timer.h"

/* Sleep (hlt) until jiffies passes target or ns_limit nanoseconds go by. */
static void wait_jiffies(u64 target, u64 ns_limit)
{
	u64 start = ktime_get_ns();

	while (READ_ONCE(jiffies) < target && ktime_get_ns() - start < ns_limit)
		safe_halt();
}

KTEST(timer_ticks_advance)
{
	u64 irq0 = irq_count(0);
	u64 j0 = READ_ONCE(jiffies);

	KT_EXPECT(!irqs_disabled());
	wait_jiffies(j0 + 5, 2 * NSEC_PER_SEC);
	KT_EXPECT(READ_ONCE(jiffies) >= j0 + 5);
	KT_EXPECT(irq_count(0) >= irq0 + 5);
}

/* 20 ticks are 20 ms at HZ=1000; the TSC clock must roughly agree. The
 * bounds are loose (TCG's virtual time is not exact), but a clock that is
 * wrong by 2x, or a timer at the wrong rate, fails. */
KTEST(monotonic_clock_agrees_with_timer)
{
	u64 j0 = READ_ONCE(jiffies);

	wait_jiffies(j0 + 1, NSEC_PER_SEC);     /* start on a tick edge */
	u64 t0 = ktime_get_ns();
	wait_jiffies(j0 + 21, 2 * NSEC_PER_SEC);
	u64 elapsed = ktime_get_ns() - t0;
	u64 expect = 20 * NSEC_PER_SEC / HZ;

	KT_EXPECT(elapsed > expect / 2);
	KT_EXPECT(elapsed < expect * 2);
}

KTEST(monotonic_clock_never_goes_back)
{
	u64 prev = ktime_get_ns();
	int backwards = 0;

	for (int i = 0; i < 100000; i++) {
		u64 now = ktime_get_ns();
		backwards += now < prev;
		prev = now;
	}
	KT_EXPECT_EQ(backwards, 0);
	KT_EXPECT(tsc_khz_get() > 1000);        /* above 1 MHz */
}

KTEST(wall_clock_from_rtc)
{
	struct rtc_time tm;
	u64 real = ktime_get_real_ns() / NSEC_PER_SEC;

	rtc_read_time(&tm);
	KT_EXPECT(tm.tm_year >= 2024 && tm.tm_year < 2100);
	KT_EXPECT(tm.tm_mon >= 1 && tm.tm_mon <= 12);
	KT_EXPECT(tm.tm_mday >= 1 && tm.tm_mday <= 31);
	KT_EXPECT(tm.tm_hour < 24 && tm.tm_min < 60 && tm.tm_sec < 60);
	/* The wall clock and a fresh RTC reading agree within a few seconds. */
	s64 rtc = mktime64(tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	KT_EXPECT(rtc - (s64)real < 5 && (s64)real - rtc < 5);
}

KTEST(mktime64_known_dates)
{
	KT_EXPECT_EQ(mktime64(1970, 1, 1, 0, 0, 0), 0);
	KT_EXPECT_EQ(mktime64(2000, 3, 1, 0, 0, 0), 951868800);         /* after a leap day */
	KT_EXPECT_EQ(mktime64(2038, 1, 19, 3, 14, 8), 2147483648LL);    /* 2^31 */
	KT_EXPECT_EQ(mktime64(2026, 11, 21, 12, 30, 15), 1795264215LL);
	KT_EXPECT_EQ(mktime64(1969, 12, 31, 23, 59, 59), -1);
}

KTEST(spinlock_irqsave_restores_interrupts)
{
	DEFINE_SPINLOCK(lock);
	unsigned long flags;

	KT_EXPECT(!irqs_disabled());
	spin_lock_irqsave(&lock, flags);
	KT_EXPECT(irqs_disabled());
	KT_EXPECT(spin_is_locked(&lock));
	KT_EXPECT(!spin_trylock(&lock));
	/* Nested irqsave with interrupts already off keeps them off. */
	{
		DEFINE_SPINLOCK(inner);
		unsigned long f2;

		spin_lock_irqsave(&inner, f2);
		spin_unlock_irqrestore(&inner, f2);
		KT_EXPECT(irqs_disabled());
	}
	spin_unlock_irqrestore(&lock, flags);
	KT_EXPECT(!spin_is_locked(&lock));
	KT_EXPECT(!irqs_disabled());
}

static volatile u64 fired_at_jiffy;

static void record_jiffy(struct hrtimer *t)
{
	(void)t;
	fired_at_jiffy = READ_ONCE(jiffies);
}

/*
 * The mechanism under alarm, setitimer, nanosleep and every timeout: an
 * hrtimer whose time has come by the clock fires on the first tick after,
 * although the ticks that would have counted up to it were lost (here, 50
 * of them, to interrupts turned off). A timer for later stays pending.
 */
KTEST(hrtimer_fires_by_clock_after_lost_ticks)
{
	struct hrtimer due, later;

	fired_at_jiffy = 0;
	hrtimer_init(&due, record_jiffy);
	hrtimer_init(&later, record_jiffy);
	local_irq_disable();
	u64 t0 = ktime_get_ns(), j0 = READ_ONCE(jiffies);
	hrtimer_start(&due, t0 + 10 * NSEC_PER_MSEC);
	hrtimer_start(&later, t0 + 10 * NSEC_PER_SEC);
	while (ktime_get_ns() - t0 < 50 * NSEC_PER_MSEC)
		cpu_relax();
	KT_EXPECT_EQ(READ_ONCE(jiffies), j0);   /* no tick came: all lost */
	local_irq_enable();
	wait_jiffies(j0 + 3, NSEC_PER_SEC);
	KT_EXPECT(fired_at_jiffy != 0);
	KT_EXPECT(fired_at_jiffy <= j0 + 2);
	KT_EXPECT(!hrtimer_active(&due));
	KT_EXPECT(hrtimer_active(&later));
	KT_EXPECT(hrtimer_get_remaining(&later) > 9 * NSEC_PER_SEC);
	KT_EXPECT(hrtimer_cancel(&later));
	KT_EXPECT(!hrtimer_cancel(&later));
}
