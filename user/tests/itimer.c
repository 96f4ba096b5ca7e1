/*
 * itimer.c - the interval timers: ITIMER_REAL (the clock), ITIMER_VIRTUAL
 * (user CPU time) and ITIMER_PROF (user and system CPU time), through
 * setitimer and getitimer; and the CPU time they count, as getrusage,
 * times, wait4 and CLOCK_PROCESS_CPUTIME_ID report it.
 *
 * CPU time is only as exact as the kernel's tick (Linux adds one tick to
 * every CPU timer it starts), so the bounds below are a tick or two wide,
 * and loops that burn CPU stop on a wall-clock limit, so a timer that
 * never fires fails the case instead of hanging it.
 */
#include "utest.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

static volatile sig_atomic_t vtalrms, profs, alrms;

static void on_timer(int sig)
{
	if (sig == SIGVTALRM)
		vtalrms++;
	else if (sig == SIGPROF)
		profs++;
	else if (sig == SIGALRM)
		alrms++;
}

static void handle(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_timer;
	sa.sa_flags = SA_RESTART;
	CHECK_SYS(sigaction(sig, &sa, NULL));
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static long long tv_ms(struct timeval tv)
{
	return tv.tv_sec * 1000LL + tv.tv_usec / 1000;
}

static int arm(int which, long value_ms, long interval_ms)
{
	struct itimerval it = {
		.it_value = { value_ms / 1000, value_ms % 1000 * 1000 },
		.it_interval = { interval_ms / 1000, interval_ms % 1000 * 1000 },
	};

	return setitimer(which, &it, NULL);
}

static long long left_ms(int which)
{
	struct itimerval it;

	if (getitimer(which, &it) < 0)
		return -1;
	return tv_ms(it.it_value);
}

/* Spin in user mode until *count reaches n or limit_ms of wall time pass. */
static void spin_until(volatile sig_atomic_t *count, int n, long long limit_ms)
{
	long long end = now_ms() + limit_ms;
	volatile unsigned long x = 0;

	while (*count < n) {
		for (int i = 0; i < 1000000 && *count < n; i++)
			x++;
		if (now_ms() > end)
			break;
	}
}

/* Issue 9, item 11: setitimer(ITIMER_VIRTUAL) was always EINVAL. */
static void setitimer_virtual(void)
{
	handle(SIGVTALRM);
	long long t0 = now_ms();
	if (!CHECK_SYS(arm(ITIMER_VIRTUAL, 100, 0)))
		return;
	long long left = left_ms(ITIMER_VIRTUAL);
	CHECK_GT(left, 50);
	CHECK_LE(left, 120);            /* 100 ms and at most a tick or two */
	spin_until(&vtalrms, 1, 10000);
	CHECK_EQ(vtalrms, 1);
	/* User CPU time cannot pass faster than the clock. */
	CHECK_GE(now_ms() - t0, 95);
	CHECK_EQ(left_ms(ITIMER_VIRTUAL), 0);   /* one shot: off now */
}

/* A process asleep uses no CPU time: its virtual timer stands still. */
static void setitimer_virtual_not_while_asleep(void)
{
	struct timespec nap = { 0, 300 * 1000000 };

	handle(SIGVTALRM);
	if (!CHECK_SYS(arm(ITIMER_VIRTUAL, 50, 0)))
		return;
	CHECK_SYS(nanosleep(&nap, NULL));
	CHECK_EQ(vtalrms, 0);
	CHECK_GT(left_ms(ITIMER_VIRTUAL), 30);
	CHECK_SYS(arm(ITIMER_VIRTUAL, 0, 0));
}

/* ITIMER_PROF counts system time too: reading /dev/zero is mostly that. */
static void setitimer_prof_counts_system_time(void)
{
	static char buf[65536];
	int fd = open("/dev/zero", O_RDONLY);
	long long end = now_ms() + 20000;

	if (!CHECK_SYS(fd))
		return;
	handle(SIGVTALRM);
	handle(SIGPROF);
	CHECK_SYS(arm(ITIMER_VIRTUAL, 100000, 0));
	CHECK_SYS(arm(ITIMER_PROF, 100000, 0));
	while (100000 - left_ms(ITIMER_PROF) < 200 && now_ms() < end)
		for (int i = 0; i < 100; i++)
			CHECK_EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	long long prof = 100000 - left_ms(ITIMER_PROF), virt = 100000 - left_ms(ITIMER_VIRTUAL);
	CHECKF(prof >= 200, "ITIMER_PROF counted %lld ms of CPU time", prof);
	CHECKF(virt < prof, "ITIMER_VIRTUAL counted %lld ms, ITIMER_PROF %lld ms", virt, prof);
	CHECK_EQ(vtalrms + profs, 0);
	close(fd);
}

/* With an interval the timer starts again each time it fires. */
static void setitimer_prof_interval_repeats(void)
{
	struct itimerval it;

	handle(SIGPROF);
	if (!CHECK_SYS(arm(ITIMER_PROF, 20, 20)))
		return;
	spin_until(&profs, 3, 10000);
	CHECK_GE(profs, 3);
	CHECK_SYS(getitimer(ITIMER_PROF, &it));
	CHECK_EQ(tv_ms(it.it_interval), 20);
	CHECK_GT(tv_ms(it.it_value), 0);
	CHECK_LE(tv_ms(it.it_value), 40);
	CHECK_SYS(arm(ITIMER_PROF, 0, 0));
}

/* What was set reads back; the old value comes back; 0 stops. */
static void getitimer_reads_back(void)
{
	struct itimerval it = { .it_value = { 5, 0 }, .it_interval = { 1, 500000 } }, old;

	for (int which = ITIMER_REAL; which <= ITIMER_PROF; which++) {
		CHECK_SYS(setitimer(which, &it, NULL));
		CHECK_SYS(getitimer(which, &old));
		CHECK_EQ(old.it_interval.tv_sec, 1);
		CHECK_EQ(old.it_interval.tv_usec, 500000);
		CHECK_GT(tv_ms(old.it_value), 4000);
		CHECK_LE(tv_ms(old.it_value), 5020);
		struct itimerval zero = { { 0, 0 }, { 0, 0 } };
		CHECK_SYS(setitimer(which, &zero, &old));
		CHECK_EQ(old.it_interval.tv_usec, 500000);
		CHECK_GT(tv_ms(old.it_value), 4000);
		CHECK_SYS(getitimer(which, &old));
		CHECK_EQ(old.it_value.tv_sec, 0);
		CHECK_EQ(old.it_value.tv_usec, 0);
		CHECK_EQ(old.it_interval.tv_sec, 0);
	}
}

static void setitimer_bad_arguments_einval(void)
{
	struct itimerval it = { .it_value = { 1, 0 } };

	CHECK_ERR(setitimer(3, &it, NULL), EINVAL);
	CHECK_ERR(getitimer(3, &it), EINVAL);
	CHECK_ERR(getitimer(-1, &it), EINVAL);
	it.it_value.tv_usec = 1000000;
	CHECK_ERR(setitimer(ITIMER_VIRTUAL, &it, NULL), EINVAL);
	it.it_value.tv_usec = -1;
	CHECK_ERR(setitimer(ITIMER_PROF, &it, NULL), EINVAL);
	it.it_value = (struct timeval){ -1, 0 };
	CHECK_ERR(setitimer(ITIMER_REAL, &it, NULL), EINVAL);
	it.it_value = (struct timeval){ 1, 0 };
	it.it_interval.tv_usec = 1000000;
	CHECK_ERR(setitimer(ITIMER_REAL, &it, NULL), EINVAL);
	CHECK_EQ(left_ms(ITIMER_REAL), 0);      /* nothing was started */
}

/* fork: the child has no timers of its parent (POSIX). */
static void itimers_not_inherited(void)
{
	CHECK_SYS(arm(ITIMER_REAL, 5000, 0));
	CHECK_SYS(arm(ITIMER_VIRTUAL, 5000, 0));
	CHECK_SYS(arm(ITIMER_PROF, 5000, 0));
	pid_t pid = ut_fork();
	if (pid == 0) {
		for (int which = ITIMER_REAL; which <= ITIMER_PROF; which++)
			CHECK_EQ(left_ms(which), 0);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_GT(left_ms(ITIMER_VIRTUAL), 4000);
	CHECK_GT(left_ms(ITIMER_REAL), 4000);
}

/* A repeating real timer keeps firing, by the clock. */
static void setitimer_real_interval_by_the_clock(void)
{
	struct timespec nap = { 0, 10 * 1000000 };
	long long t0 = now_ms();

	handle(SIGALRM);
	CHECK_SYS(arm(ITIMER_REAL, 50, 50));
	while (alrms < 4 && now_ms() - t0 < 5000)
		nanosleep(&nap, NULL);
	CHECK_SYS(arm(ITIMER_REAL, 0, 0));
	long long took = now_ms() - t0;
	CHECK_GE(alrms, 4);
	CHECK_GE(took, 199);                    /* 4 x 50 ms: never early */
}

static long long ru_ms(struct timeval tv)
{
	return tv_ms(tv);
}

/* Spin in user mode until getrusage says ms of user time, or 10 s pass. */
static void burn_user_ms(long long ms)
{
	struct rusage ru;
	long long end = now_ms() + 10000;
	volatile unsigned long x = 0;

	do {
		for (int i = 0; i < 1000000; i++)
			x++;
		getrusage(RUSAGE_SELF, &ru);
	} while (ru_ms(ru.ru_utime) < ms && now_ms() < end);
}

/* The CPU time itimers count is what getrusage, times and the CPU-time
 * clock report. */
static void getrusage_counts_cpu_time(void)
{
	struct rusage ru;
	struct timespec cpu;
	struct tms t;
	long long t0 = now_ms();

	burn_user_ms(150);
	long long wall = now_ms() - t0;
	CHECK_SYS(getrusage(RUSAGE_SELF, &ru));
	CHECK_GE(ru_ms(ru.ru_utime), 150);
	CHECK_LE(ru_ms(ru.ru_utime) + ru_ms(ru.ru_stime), wall + 20);
	CHECK_SYS(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu));
	CHECK_GE(cpu.tv_sec * 1000LL + cpu.tv_nsec / 1000000, ru_ms(ru.ru_utime) - 10);
	CHECK_NE(times(&t), (clock_t)-1);
	CHECK_GE(t.tms_utime, 14);              /* USER_HZ 100: 150 ms is 15 */
	CHECK_SYS(getrusage(RUSAGE_CHILDREN, &ru));
	CHECK_EQ(ru_ms(ru.ru_utime), 0);        /* no child reaped yet */
	CHECK_ERR(getrusage(5, &ru), EINVAL);
}

/* wait4 reports the reaped child's CPU time, and it becomes the parent's
 * children's time. */
static void wait4_rusage_has_child_time(void)
{
	struct rusage ru, ch;
	int st;

	pid_t pid = fork();
	if (pid == 0) {
		burn_user_ms(100);
		_exit(0);
	}
	CHECK_EQ(wait4(pid, &st, 0, &ru), pid);
	CHECK_GE(ru_ms(ru.ru_utime), 100);
	CHECK_SYS(getrusage(RUSAGE_CHILDREN, &ch));
	CHECK_GE(ru_ms(ch.ru_utime), 100);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(setitimer_virtual);
	RUN(setitimer_virtual_not_while_asleep);
	RUN(setitimer_prof_counts_system_time);
	RUN(setitimer_prof_interval_repeats);
	RUN(getitimer_reads_back);
	RUN(setitimer_bad_arguments_einval);
	RUN(itimers_not_inherited);
	RUN(setitimer_real_interval_by_the_clock);
	RUN(getrusage_counts_cpu_time);
	RUN(wait4_rusage_has_child_time);
	return ut_done();
}
