/*
 * time.c - jiffies, the monotonic clock and the wall clock.
 *
 * The TSC counts CPU cycles at a fixed rate; time_init() measures that rate
 * against the PIT, and from then on
 *
 *	ns = (rdtsc() - tsc_at_boot) * tsc_mult >> 32
 *
 * where tsc_mult is nanoseconds per TSC tick in 32.32 fixed point (no
 * floating point in the kernel). The wall clock is the RTC's reading at
 * boot plus that monotonic time. jiffies counts timer interrupts, HZ a
 * second, when none are lost; timers and timeouts go by the clock instead
 * (timer.c says why), and the scheduler's time slices by jiffies.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/i8253.h"
#include "kernel/irq.h"
#include "kernel/itimer.h"
#include "kernel/loadavg.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/vdso_data.h"

volatile u64 jiffies;

static u64 tsc_at_boot;
static u64 tsc_mult;            /* ns per TSC tick, 32.32 fixed point */
static u64 tsc_khz;
static u64 boot_real_ns;        /* wall clock at tsc_at_boot */

/*
 * ktime_get_ns - nanoseconds since the clock was calibrated, never going
 * backwards; 0 before time_init().
 *
 * Context: any.
 */
u64 ktime_get_ns(void)
{
	if (!tsc_mult)
		return 0;
	u64 delta = rdtsc() - tsc_at_boot;
	return (u64)(((unsigned __int128)delta * tsc_mult) >> 32);
}

/* ktime_get_real_ns - nanoseconds since 1970-01-01 UTC. */
u64 ktime_get_real_ns(void)
{
	return boot_real_ns + ktime_get_ns();
}

/*
 * time_get_vdso_data - the numbers ktime_get_ns() and ktime_get_real_ns()
 * compute with, for the vDSO's vvar page (kernel/vdso.c), which answers
 * clock_gettime in user mode with the same formula.
 * Context: any, after time_init().
 */
void time_get_vdso_data(struct vdso_data *d)
{
	d->tsc_at_boot = tsc_at_boot;
	d->tsc_mult = tsc_mult;
	d->boot_real_ns = boot_real_ns;
}

/* tsc_khz_get - the measured TSC frequency, in kHz. */
u64 tsc_khz_get(void)
{
	return tsc_khz;
}

/* udelay - busy-wait for usecs microseconds. */
void udelay(u64 usecs)
{
	u64 end = ktime_get_ns() + usecs * NSEC_PER_USEC;

	while (ktime_get_ns() < end)
		cpu_relax();
}

/* time_mark_boot - remember the TSC at kmain's start: time zero. */
void time_mark_boot(void)
{
	tsc_at_boot = rdtsc();
}

/*
 * ktime_since_poweron_ns - nanoseconds since the CPU was reset (the TSC
 * starts at 0 then), firmware and boot loader included.
 */
u64 ktime_since_poweron_ns(void)
{
	return (u64)(((unsigned __int128)rdtsc() * tsc_mult) >> 32);
}

/*
 * Every timer interrupt: count it, charge the CPU time since the last one,
 * run the timers whose time the clock says has come (however many ticks
 * were lost before this one), then the scheduler.
 */
static void timer_tick(void)
{
	struct pt_regs *regs = get_irq_regs();

	jiffies++;
	account_process_tick(regs && user_mode(regs));
	hrtimer_run_queues();
	calc_global_load();
	scheduler_tick();
}

/* preempt_stress: the timer interrupts PREEMPT_STRESS_MULT times a tick;
 * the ones in between only give the interrupt return a chance to preempt. */
static void timer_tick_stress(void)
{
	static unsigned int n;

	if (++n % PREEMPT_STRESS_MULT == 0)
		timer_tick();
}

/*
 * time_init - calibrate the TSC, read the RTC and start the periodic timer.
 *
 * Context: boot, interrupts off; the timer starts ticking when they go on.
 */
void time_init(void)
{
	struct rtc_time tm;
	u64 khz = 0;

	/* Three 10 ms measurements; keep the smallest, the least disturbed. */
	for (int i = 0; i < 3; i++) {
		u64 k = pit_calibrate_tsc(10);
		if (!khz || k < khz)
			khz = k;
	}
	tsc_khz = khz ? khz : 1000000;
	tsc_mult = (NSEC_PER_SEC << 32) / (tsc_khz * 1000);

	rtc_read_time(&tm);
	boot_real_ns = (u64)mktime64(tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min,
				     tm.tm_sec) * NSEC_PER_SEC;

	if (preempt_stress)
		pit_timer_init(HZ * PREEMPT_STRESS_MULT, timer_tick_stress);
	else
		pit_timer_init(HZ, timer_tick);
	pr_info("time: TSC %llu.%03llu MHz, timer %d Hz, RTC %04d-%02d-%02d %02d:%02d:%02d UTC\n",
		(unsigned long long)(tsc_khz / 1000), (unsigned long long)(tsc_khz % 1000), HZ,
		tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}
