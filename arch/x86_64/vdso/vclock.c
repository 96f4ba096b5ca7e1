/*
 * vclock.c - the vDSO's code: clock_gettime, gettimeofday, time and
 * getcpu answered in user mode, without a system call, as Linux's
 * arch/x86/entry/vdso/vclock_gettime.c does.
 *
 * This file is not kernel code: it is built as a small shared object
 * (vdso.lds, the Makefile's VDSO rules), carried inside the kernel image
 * and mapped into every process at exec (kernel/vdso.c), where glibc and
 * musl find it through AT_SYSINFO_EHDR and call these functions in place
 * of the system calls.
 *
 * The clocks are the kernel's own (kernel/time.c): monotonic nanoseconds
 * are (rdtsc() - tsc_at_boot) * tsc_mult >> 32, the wall clock that plus
 * boot_real_ns. The kernel puts the three numbers in the vvar page, mapped
 * read-only just below this code (vvar_data, at a fixed distance the
 * linker script sets), so the answers are the very numbers the system
 * calls would give. A clock the vDSO does not know (the CPU-time clocks,
 * a bad id) goes to the real system call, which has the errors.
 */
#include "kernel/vdso_data.h"

#define CLOCK_REALTIME          0
#define CLOCK_MONOTONIC         1
#define CLOCK_REALTIME_COARSE   5
#define CLOCK_MONOTONIC_COARSE  6
#define NSEC_PER_SEC            1000000000ULL
#define NR_CLOCK_GETTIME        228
#define NR_GETTIMEOFDAY         96

struct timespec_ {
	long tv_sec, tv_nsec;
};

struct timeval_ {
	long tv_sec, tv_usec;
};

extern const volatile struct vdso_data vvar_data __attribute__((visibility("hidden")));

static long syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ __volatile__("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b)
			     : "rcx", "r11", "memory");
	return ret;
}

static unsigned long long mono_ns(void)
{
	unsigned int lo, hi;
	unsigned long long tsc;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	tsc = ((unsigned long long)hi << 32) | lo;
	return (unsigned long long)(((unsigned __int128)(tsc - vvar_data.tsc_at_boot) *
				     vvar_data.tsc_mult) >> 32);
}

static unsigned long long real_ns(void)
{
	return vvar_data.boot_real_ns + mono_ns();
}

int __vdso_clock_gettime(int clock, struct timespec_ *ts)
{
	unsigned long long ns;

	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ns = real_ns();
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_COARSE:
		ns = mono_ns();
		break;
	default:
		return (int)syscall2(NR_CLOCK_GETTIME, clock, (long)ts);
	}
	ts->tv_sec = (long)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (long)(ns % NSEC_PER_SEC);
	return 0;
}
int clock_gettime(int clock, struct timespec_ *ts)
	__attribute__((weak, alias("__vdso_clock_gettime")));

int __vdso_gettimeofday(struct timeval_ *tv, void *tz)
{
	if (tz)
		return (int)syscall2(NR_GETTIMEOFDAY, (long)tv, (long)tz);
	if (tv) {
		unsigned long long ns = real_ns();

		tv->tv_sec = (long)(ns / NSEC_PER_SEC);
		tv->tv_usec = (long)(ns % NSEC_PER_SEC / 1000);
	}
	return 0;
}
int gettimeofday(struct timeval_ *tv, void *tz) __attribute__((weak, alias("__vdso_gettimeofday")));

long __vdso_time(long *t)
{
	long secs = (long)(real_ns() / NSEC_PER_SEC);

	if (t)
		*t = secs;
	return secs;
}
long time(long *t) __attribute__((weak, alias("__vdso_time")));

/* One CPU, one node. */
int __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *unused)
{
	(void)unused;
	if (cpu)
		*cpu = 0;
	if (node)
		*node = 0;
	return 0;
}
int getcpu(unsigned int *cpu, unsigned int *node, void *unused)
	__attribute__((weak, alias("__vdso_getcpu")));
