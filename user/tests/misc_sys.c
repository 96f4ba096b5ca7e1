/*
 * misc_sys.c - small system calls Debian's programs make at start-up or
 * for ps/time/hostname: time, getcpu, sched_getaffinity, sethostname,
 * setdomainname, uname, getrusage, times. Each one's errno matrix and
 * EFAULT cases, and its values against another way of getting them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define BAD_PTR ((void *)-4096L)

static void time_syscall(void)
{
	time_t t = 0;
	struct timeval tv;

	long r = syscall(SYS_time, &t);
	gettimeofday(&tv, NULL);
	CHECK_EQ(r, t);
	CHECK_LE(r, tv.tv_sec);
	CHECK_GE(r + 1, tv.tv_sec);
	CHECK_GE(syscall(SYS_time, NULL), r);
	CHECK_ERR(syscall(SYS_time, BAD_PTR), EFAULT);
	CHECK_ERR(syscall(SYS_time, (void *)1), EFAULT);
}

static void getcpu_syscall(void)
{
	unsigned int cpu = 12345, node = 12345;

	CHECK_SYS(syscall(SYS_getcpu, &cpu, &node, NULL));
	CHECK_LT(cpu, (unsigned int)sysconf(_SC_NPROCESSORS_CONF));
	CHECK_EQ(node, 0);
	CHECK_SYS(syscall(SYS_getcpu, NULL, NULL, NULL));
	CHECK_SYS(syscall(SYS_getcpu, &cpu, NULL, BAD_PTR));   /* the cache is unused */
	CHECK_ERR(syscall(SYS_getcpu, BAD_PTR, &node, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_getcpu, &cpu, BAD_PTR, NULL), EFAULT);
	CHECK_EQ(sched_getcpu() >= 0, 1);
}

static void sched_getaffinity_syscall(void)
{
	unsigned long mask[16];
	cpu_set_t set;

	memset(mask, 0, sizeof(mask));
	long n = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	CHECK_GE(n, 8);
	CHECK_LE(n, (long)sizeof(mask));
	CHECK_EQ(n % 8, 0);
	CHECK_NE(mask[0], 0);
	/* What glibc's sysconf(_SC_NPROCESSORS_ONLN) and nproc agree with. */
	CHECK_SYS(sched_getaffinity(0, sizeof(set), &set));
	CHECK_EQ(CPU_COUNT(&set), sysconf(_SC_NPROCESSORS_ONLN));
	CHECK_SYS(syscall(SYS_sched_getaffinity, getpid(), sizeof(mask), mask));
	CHECK_SYS(syscall(SYS_sched_getaffinity, getppid(), sizeof(mask), mask));
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, 0, mask), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, 4, mask), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, 12, mask), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getaffinity, -1, sizeof(mask), mask), ESRCH);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0x3fffffff, sizeof(mask), mask), ESRCH);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, sizeof(mask), BAD_PTR), EFAULT);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, 4, BAD_PTR), EINVAL);  /* len first */
}

/* sethostname and setdomainname, in a UTS namespace of its own on Linux
 * (keyhole has none: EINVAL, and the names are the machine's). */
static void set_names(void)
{
	struct utsname u, saved;
	char name[100];

	if (unshare(CLONE_NEWUTS) < 0)
		CHECK_EQ(errno, EINVAL);
	CHECK_SYS(uname(&saved));
	memset(name, 'h', sizeof(name));
	CHECK_SYS(sethostname(name, 64));
	CHECK_SYS(uname(&u));
	CHECK_EQ(strlen(u.nodename), 64);
	CHECK_ERR(sethostname(name, 65), EINVAL);
	CHECK_ERR(syscall(SYS_sethostname, name, -1), EINVAL);
	CHECK_ERR(sethostname(BAD_PTR, 5), EFAULT);
	CHECK_SYS(sethostname("ab", 2));
	CHECK_SYS(uname(&u));
	CHECK_STR(u.nodename, "ab");
	CHECK_SYS(sethostname("", 0));
	CHECK_SYS(uname(&u));
	CHECK_STR(u.nodename, "");
	CHECK_SYS(setdomainname("kh.example", 10));
	CHECK_SYS(uname(&u));
	CHECK_STR(u.domainname, "kh.example");
	CHECK_ERR(setdomainname(name, 65), EINVAL);
	CHECK_ERR(setdomainname(BAD_PTR, 3), EFAULT);
	CHECK_ERR(syscall(SYS_uname, BAD_PTR), EFAULT);
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(setuid(65534));
		CHECK_ERR(sethostname("x", 1), EPERM);
		CHECK_ERR(sethostname(name, 99), EPERM);        /* the permission first */
		CHECK_ERR(setdomainname("x", 1), EPERM);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(sethostname(saved.nodename, strlen(saved.nodename)));
	CHECK_SYS(setdomainname(saved.domainname, strlen(saved.domainname)));
}

/*
 * Spin in user mode until this process has used ms of user time by its own
 * getrusage(), or 20 s have passed. A spin of wall-clock time would be a
 * timed test: on a loaded machine, or under preempt_stress, the process
 * may get a small part of it.
 */
static void spin_ms(long ms)
{
	volatile unsigned long x = 0;
	long t0 = ut_now_ms();
	struct rusage r;
	long start, now;

	getrusage(RUSAGE_SELF, &r);
	start = r.ru_utime.tv_sec * 1000 + r.ru_utime.tv_usec / 1000;
	do {
		for (int i = 0; i < 100000; i++)
			x++;
		getrusage(RUSAGE_SELF, &r);
		now = r.ru_utime.tv_sec * 1000 + r.ru_utime.tv_usec / 1000;
	} while (now - start < ms && ut_now_ms() - t0 < 20000);
}

static void getrusage_self(void)
{
	struct rusage a, b;
	long page = sysconf(_SC_PAGESIZE);

	CHECK_SYS(getrusage(RUSAGE_SELF, &a));
	char *p = mmap(NULL, 256 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(p != MAP_FAILED))
		return;
	for (int i = 0; i < 256; i++)
		p[i * page] = 1;                /* 256 minor faults */
	spin_ms(200);
	usleep(20000);                          /* a voluntary switch */
	CHECK_SYS(getrusage(RUSAGE_SELF, &b));
	CHECK_GE(b.ru_minflt - a.ru_minflt, 256);
	CHECK_EQ(b.ru_majflt, 0);
	long ut_a = a.ru_utime.tv_sec * 1000000 + a.ru_utime.tv_usec;
	long ut_b = b.ru_utime.tv_sec * 1000000 + b.ru_utime.tv_usec;
	CHECK_GE(ut_b - ut_a, 50000);           /* most of 200 ms of spinning */
	CHECK_LT(b.ru_utime.tv_usec, 1000000);
	CHECK_GE(b.ru_maxrss, 256 * page / 1024);
	CHECK_GT(b.ru_nvcsw, a.ru_nvcsw);
	struct rusage t;
	CHECK_SYS(getrusage(RUSAGE_THREAD, &t));
	CHECK_GE(t.ru_minflt, b.ru_minflt);
	munmap(p, 256 * page);
}

static void getrusage_children(void)
{
	struct rusage before, after, own;
	long page = sysconf(_SC_PAGESIZE);

	CHECK_SYS(getrusage(RUSAGE_CHILDREN, &before));
	CHECK_SYS(getrusage(RUSAGE_SELF, &own));
	pid_t pid = fork();
	if (pid == 0) {
		char *p = mmap(NULL, 1024 * page, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		for (int i = 0; p != MAP_FAILED && i < 1024; i++)
			p[i * page] = 1;
		spin_ms(200);
		_exit(0);
	}
	struct rusage unreaped;
	usleep(300000);
	CHECK_SYS(getrusage(RUSAGE_CHILDREN, &unreaped));      /* not reaped: not counted */
	CHECK_EQ(unreaped.ru_minflt, before.ru_minflt);
	CHECK_EXITED(pid, 0);
	CHECK_SYS(getrusage(RUSAGE_CHILDREN, &after));
	CHECK_GE(after.ru_minflt - before.ru_minflt, 1024);
	CHECK_GE(after.ru_maxrss, 1024 * page / 1024);
	long ut = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) * 1000000 +
		  (after.ru_utime.tv_usec - before.ru_utime.tv_usec);
	CHECK_GE(ut, 50000);
	/* times() says the same in clock ticks. */
	struct tms tm;
	CHECK_NE(times(&tm), (clock_t)-1);
	CHECK_LE(llabs((long long)tm.tms_cutime * 10000 -
		       (after.ru_utime.tv_sec * 1000000LL + after.ru_utime.tv_usec)), 20000);
}

static void getrusage_errnos(void)
{
	struct rusage r;

	CHECK_ERR(syscall(SYS_getrusage, 2, &r), EINVAL);
	CHECK_ERR(syscall(SYS_getrusage, -2, &r), EINVAL);     /* RUSAGE_BOTH is wait4's */
	CHECK_ERR(syscall(SYS_getrusage, -3, &r), EINVAL);
	CHECK_ERR(syscall(SYS_getrusage, RUSAGE_SELF, BAD_PTR), EFAULT);
	CHECK_ERR(syscall(SYS_getrusage, RUSAGE_CHILDREN, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_getrusage, 5, BAD_PTR), EINVAL); /* who first */
	CHECK_ERR(syscall(SYS_times, BAD_PTR), EFAULT);
	CHECK_GT(syscall(SYS_times, NULL), 0);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(time_syscall);
	RUN(getcpu_syscall);
	RUN(sched_getaffinity_syscall);
	RUN(set_names);
	RUN(getrusage_self);
	RUN(getrusage_children);
	RUN(getrusage_errnos);
	return ut_done();
}
