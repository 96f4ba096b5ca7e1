/*
 * itimer.c - interval timers (setitimer, getitimer, alarm) and the CPU
 * time they count, which getrusage, times, wait4 and the CPU-time clocks
 * report. Linux's kernel/time/itimer.c, with the part of
 * kernel/time/posix-cpu-timers.c, kernel/sched/cputime.c and kernel/sys.c
 * they need.
 *
 * Three timers per process, as POSIX has them:
 *
 *	ITIMER_REAL     SIGALRM    the monotonic clock: an hrtimer (timer.c)
 *	                           that fires at a clock time, however many
 *	                           timer ticks were lost before it
 *	ITIMER_VIRTUAL  SIGVTALRM  the CPU time the process spent in user mode
 *	ITIMER_PROF     SIGPROF    its CPU time in user and kernel mode
 *
 * alarm(s) is ITIMER_REAL with s seconds and no interval. A timer with an
 * interval is started again by that much each time it fires; a real timer
 * that fell behind (lost ticks) skips the periods it missed rather than
 * firing a burst of them (Linux's hrtimer_forward).
 *
 * CPU time. Every timer tick charges the running task with the clock time
 * since the previous tick (account_process_tick): to utime if the tick
 * interrupted user mode, to stime if it interrupted the kernel. So time is
 * counted by the clock, never as "one tick's worth" per tick, and lost
 * ticks lose no CPU time; what a tick cannot tell is how the interval
 * before it was split between tasks or modes, so the charge is as exact as
 * Linux's tick-based accounting, no more. The same tick fires the CPU
 * timers whose time has come (check_cpu_itimers): at most one tick late.
 *
 * fork: the child starts with no timers and no CPU time (POSIX); exec
 * keeps them; exit stops the real timer. When wait4 reaps a child, the
 * child's time and its own children's are added to the parent's cutime
 * and cstime (RUSAGE_CHILDREN, times()'s tms_cutime).
 *
 * The same charge goes to the CPU's cpustat[] (user, system or idle: the
 * idle task's time), which /proc/stat and /proc/uptime show.
 *
 * Locking: cpustat[] is written by the tick alone; a task's utime, stime and it[] are written by the timer tick
 * (interrupts off) and by the task itself in setitimer, which turns
 * interrupts off around its change; cutime and cstime only by the task
 * itself (wait4). Readers (the task, its reaping parent, /proc) read
 * them without a lock: aligned 64-bit loads, one CPU. real_timer belongs
 * to timer.c's timer_lock; it_real_incr changes only with the timer
 * stopped.
 */
#include "arch/x86_64/cpu.h"
#include "kernel/errno.h"
#include "kernel/itimer.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "lib/string.h"
#include "mm/rss.h"
#include "mm/uaccess.h"

#define ITIMER_REAL     0
#define ITIMER_VIRTUAL  1
#define ITIMER_PROF     2

struct itimerval {
	struct {
		s64 tv_sec, tv_usec;
	} it_interval, it_value;
};

/* The CPU time a CPU timer counts. */
static u64 cpu_clock_sample(struct task_struct *p, int clock)
{
	return clock == CPUCLOCK_VIRT ? p->utime : p->utime + p->stime;
}

/* Fire the task's CPU timers whose time has come. Context: the tick. */
static void check_cpu_itimers(struct task_struct *p)
{
	static const int signo[CPUCLOCK_MAX] = { [CPUCLOCK_VIRT] = SIGVTALRM,
						 [CPUCLOCK_PROF] = SIGPROF };

	for (int clock = 0; clock < CPUCLOCK_MAX; clock++) {
		struct cpu_itimer *it = &p->it[clock];

		if (!it->expires || cpu_clock_sample(p, clock) < it->expires)
			continue;
		it->expires = it->incr ? it->expires + it->incr : 0;
		send_signal(p, signo[clock], NULL);
	}
}

/* The CPU's time since boot, by what it ran (/proc/stat, /proc/uptime). */
u64 cpustat[NR_CPUTIME];

/*
 * account_process_tick - charge the current task with the clock time since
 * the last tick, as user or system time, and fire its CPU timers.
 * @user: the tick interrupted user mode
 *
 * Context: the timer interrupt, interrupts off.
 */
void account_process_tick(bool user)
{
	static u64 last_tick_ns;
	struct task_struct *p = current;
	u64 now = ktime_get_ns();
	u64 delta = last_tick_ns ? now - last_tick_ns : 0;

	last_tick_ns = now;
	if (p == &init_task) {
		cpustat[CPUTIME_IDLE] += delta;
		return;                         /* the idle task keeps no account */
	}
	cpustat[user ? CPUTIME_USER : CPUTIME_SYSTEM] += delta;
	if (p->flags & PF_KTHREAD)
		return;                         /* nor do kernel threads */
	if (user)
		p->utime += delta;
	else
		p->stime += delta;
	check_cpu_itimers(p);
}

/* A timeval (validated) in ns, and back (microseconds truncated, as Linux). */
static u64 tv_to_ns(s64 sec, s64 usec)
{
	return timespec_to_ns(sec, usec * (s64)NSEC_PER_USEC);
}

static void ns_to_tv(u64 ns, s64 *sec, s64 *usec)
{
	*sec = (s64)(ns / NSEC_PER_SEC);
	*usec = (s64)(ns % NSEC_PER_SEC / NSEC_PER_USEC);
}

static bool tv_valid(s64 sec, s64 usec)
{
	return sec >= 0 && usec >= 0 && usec < 1000000;
}

/* ITIMER_REAL fired: SIGALRM, and again an interval later if it has one. */
static void it_real_fn(struct hrtimer *t)
{
	struct task_struct *p = container_of(t, struct task_struct, real_timer);
	u64 now = ktime_get_ns(), incr = p->it_real_incr;

	send_signal(p, SIGALRM, NULL);
	if (incr) {
		u64 next = t->expires + incr;

		if (next <= now)                /* fell behind: skip what was missed */
			next += ((now - next) / incr + 1) * incr;
		hrtimer_start(t, next);
	}
}

static void get_itimer(struct task_struct *p, int which, struct itimerval *v)
{
	u64 value = 0, interval;

	if (which == ITIMER_REAL) {
		if (hrtimer_active(&p->real_timer)) {
			value = hrtimer_get_remaining(&p->real_timer);
			if (!value)
				value = NSEC_PER_USEC;  /* due, not delivered yet */
		}
		interval = p->it_real_incr;
	} else {
		int clock = which == ITIMER_VIRTUAL ? CPUCLOCK_VIRT : CPUCLOCK_PROF;
		unsigned long flags;

		local_irq_save(flags);
		value = p->it[clock].expires;
		interval = p->it[clock].incr;
		if (value) {
			u64 now = cpu_clock_sample(p, clock);
			value = value > now ? value - now : TICK_NSEC;  /* about to fire */
		}
		local_irq_restore(flags);
	}
	ns_to_tv(value, &v->it_value.tv_sec, &v->it_value.tv_usec);
	ns_to_tv(interval, &v->it_interval.tv_sec, &v->it_interval.tv_usec);
}

/* Start (value != 0) or stop timer which of the current task. */
static void set_itimer(int which, u64 value, u64 interval)
{
	struct task_struct *p = current;

	if (which == ITIMER_REAL) {
		hrtimer_cancel(&p->real_timer);
		p->it_real_incr = value ? interval : 0;
		if (value) {
			hrtimer_init(&p->real_timer, it_real_fn);
			hrtimer_start(&p->real_timer, ktime_get_ns() + value);
		}
	} else {
		int clock = which == ITIMER_VIRTUAL ? CPUCLOCK_VIRT : CPUCLOCK_PROF;
		unsigned long flags;

		/* As Linux: from now, plus a tick (the tick in progress is
		 * charged whole, so a timer is never early). */
		local_irq_save(flags);
		p->it[clock].expires = value ? cpu_clock_sample(p, clock) + value + TICK_NSEC : 0;
		p->it[clock].incr = interval;
		local_irq_restore(flags);
	}
}

SYSCALL_DEFINE2(getitimer, int, which, struct itimerval *, value)
{
	struct itimerval v;

	if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
		return -EINVAL;
	get_itimer(current, which, &v);
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

/* A NULL value stops the timer, as Linux still allows ("misfeature"). */
SYSCALL_DEFINE3(setitimer, int, which, const struct itimerval *, value, struct itimerval *, ovalue)
{
	struct itimerval v = { 0 }, old;

	if (value && copy_from_user(&v, value, sizeof(v)))
		return -EFAULT;
	if (!tv_valid(v.it_value.tv_sec, v.it_value.tv_usec) ||
	    !tv_valid(v.it_interval.tv_sec, v.it_interval.tv_usec))
		return -EINVAL;
	if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
		return -EINVAL;
	get_itimer(current, which, &old);
	set_itimer(which, tv_to_ns(v.it_value.tv_sec, v.it_value.tv_usec),
		   tv_to_ns(v.it_interval.tv_sec, v.it_interval.tv_usec));
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct itimerval old;

	get_itimer(current, ITIMER_REAL, &old);
	set_itimer(ITIMER_REAL, (u64)seconds * NSEC_PER_SEC, 0);
	/* The seconds that were left, rounded to nearest, at least 1 if any. */
	long left = old.it_value.tv_sec + (old.it_value.tv_usec >= 500000);
	if (!left && old.it_value.tv_usec)
		left = 1;
	return left;
}

/*
 * itimers_fork - a new process has no interval timers and has used no CPU
 * time.
 *
 * Context: fork, the child not yet running.
 */
void itimers_fork(struct task_struct *p)
{
	hrtimer_init(&p->real_timer, it_real_fn);
	p->it_real_incr = 0;
	p->utime = p->stime = p->cutime = p->cstime = 0;
	for (int clock = 0; clock < CPUCLOCK_MAX; clock++)
		p->it[clock] = (struct cpu_itimer){ 0, 0 };
}

/*
 * getrusage_of - p's resource usage: its own (RUSAGE_SELF), its reaped
 * children's (RUSAGE_CHILDREN) or both (RUSAGE_BOTH): CPU times, page
 * faults, the most memory held (ru_maxrss, sampled: mm/rss.c), and
 * context switches of its own. keyhole counts nothing else: 0.
 *
 * Context: process context; p is current or a zombie its parent reaps.
 */
void getrusage_of(struct task_struct *p, int who, struct rusage *r)
{
	u64 utime = 0, stime = 0;
	unsigned long maxrss = 0;

	memset(r, 0, sizeof(*r));
	if (who != RUSAGE_CHILDREN) {
		utime += p->utime;
		stime += p->stime;
		r->ru_nvcsw = (long)p->nvcsw;
		r->ru_nivcsw = (long)p->nivcsw;
		r->ru_minflt = (long)p->min_flt;
		r->ru_majflt = (long)p->maj_flt;
		if (p == current && p->mm)
			update_hiwater_rss(p, p->mm);
		maxrss = p->maxrss;
	}
	if (who != RUSAGE_SELF) {
		utime += p->cutime;
		stime += p->cstime;
		r->ru_minflt += (long)p->cmin_flt;
		r->ru_majflt += (long)p->cmaj_flt;
		maxrss = max(maxrss, p->cmaxrss);
	}
	r->ru_maxrss = (long)(maxrss * (PAGE_SIZE / 1024));     /* in KiB */
	ns_to_tv(utime, &r->ru_utime.tv_sec, &r->ru_utime.tv_usec);
	ns_to_tv(stime, &r->ru_stime.tv_sec, &r->ru_stime.tv_usec);
}

/*
 * account_reaped_child - wait4 reaps child: its CPU time, and that of the
 * children it reaped, becomes the caller's children's time.
 *
 * Context: process context, the child a zombie already unlinked.
 */
void account_reaped_child(struct task_struct *child)
{
	current->cutime += child->utime + child->cutime;
	current->cstime += child->stime + child->cstime;
	current->cmaxrss = max(current->cmaxrss, max(child->maxrss, child->cmaxrss));
	current->cmin_flt += child->min_flt + child->cmin_flt;
	current->cmaj_flt += child->maj_flt + child->cmaj_flt;
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage *, ru)
{
	struct rusage r;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	getrusage_of(current, who == RUSAGE_THREAD ? RUSAGE_SELF : who, &r);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;      /* in USER_HZ ticks */
};

/* times(2): CPU times, and the clock since boot, in USER_HZ ticks. */
SYSCALL_DEFINE1(times, struct tms *, tbuf)
{
	struct task_struct *p = current;

	if (tbuf) {
		struct tms t = { (long)nsec_to_clock_t(p->utime), (long)nsec_to_clock_t(p->stime),
				 (long)nsec_to_clock_t(p->cutime),
				 (long)nsec_to_clock_t(p->cstime) };

		if (copy_to_user(tbuf, &t, sizeof(t)))
			return -EFAULT;
	}
	return (long)nsec_to_clock_t(ktime_get_ns());
}
