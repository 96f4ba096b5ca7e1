/*
 * loadavg.c - the load average: how many tasks wanted the CPU, averaged
 * over the last 1, 5 and 15 minutes (Linux's kernel/sched/loadavg.c, for
 * one CPU). /proc/loadavg, uptime and top show it.
 *
 * Every LOAD_FREQ (5 s, by the clock) the timer tick samples the number of
 * runnable tasks, the running one included (nr_running()), and folds it
 * into three exponentially decaying averages:
 *
 *	load = load * e + active * (1 - e),   e = exp(-5 s / 1, 5, 15 min)
 *
 * in fixed point with FSHIFT fraction bits, as Linux keeps avenrun[]. A
 * tick that comes late (lost ticks) folds in the same sample once for each
 * whole period missed. Linux also counts tasks in uninterruptible sleep
 * (TASK_UNINTERRUPTIBLE, "D") as active; keyhole keeps no such counter,
 * so its figure is the run-queue part only (a deliberate difference).
 *
 * Locking: avenrun[] and the next sample time are written by the tick
 * alone (interrupts off); readers take each word without a lock.
 */
#include "kernel/loadavg.h"
#include "kernel/sched.h"
#include "kernel/time.h"

#define LOAD_FREQ_NS    (5 * NSEC_PER_SEC)
#define EXP_1           1884            /* 1/exp(5s/1min) in fixed point */
#define EXP_5           2014            /* 1/exp(5s/5min) */
#define EXP_15          2037            /* 1/exp(5s/15min) */

unsigned long avenrun[3];
static u64 next_sample_ns;

static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;         /* round up while rising, as Linux */
	return newload / FIXED_1;
}

/*
 * calc_global_load - fold a sample into avenrun[] when its time has come.
 *
 * Context: the timer tick, interrupts off.
 */
void calc_global_load(void)
{
	u64 now = ktime_get_ns();
	int periods = 0;

	if (!next_sample_ns)
		next_sample_ns = now + LOAD_FREQ_NS;
	while (now >= next_sample_ns && periods < 200) {       /* ~16 min: all has decayed */
		unsigned long active = nr_running() * FIXED_1;

		avenrun[0] = calc_load(avenrun[0], EXP_1, active);
		avenrun[1] = calc_load(avenrun[1], EXP_5, active);
		avenrun[2] = calc_load(avenrun[2], EXP_15, active);
		next_sample_ns += LOAD_FREQ_NS;
		periods++;
	}
	if (now >= next_sample_ns)
		next_sample_ns = now + LOAD_FREQ_NS;
}
