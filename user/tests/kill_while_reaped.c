/*
 * kill_while_reaped.c - signals and /proc reads aimed at processes that are
 * exiting and being reaped at that very moment.
 *
 * The bug it is named after (issue 9, a sibling of item 7): tasks had no
 * reference count. kill(), tkill(), tgkill(), kill(-pgrp) and the read of
 * /proc/<pid>/stat looked the task up under the scheduler's lock, dropped
 * the lock and then used the pointer, preemptible. If the task was reaped
 * in between, its task_struct was freed, and the sender wrote a pending
 * signal into freed memory, or into the task_struct of the next process
 * forked, which had been given the same memory.
 *
 * So: killer processes keep signalling (SIGUSR1, blocked everywhere, so
 * nobody dies of it) and reading /proc/<pid>/stat of the newest "victims",
 * children that exit at once and are reaped at once by the case, which
 * then forks a "bystander" whose pid nobody ever names. Checked, as Linux
 * behaves: a bystander never finds SIGUSR1 pending (pids are not reused
 * within the run, on keyhole nor on Linux); a stat line read for pid N
 * begins with N; kill and friends return 0 or ESRCH and nothing else. On
 * the old kernel, under preempt_stress, a killer preempted between its
 * lookup and its use signals the bystander or reads its stat line, or the
 * kernel oopses on the freed memory.
 *
 * Then a leak check: looking a task up takes a reference, and every
 * reference must be dropped, or a task_struct is never freed.
 */
#include "utest.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

#define RUN_MS          3000    /* how long the case forks and reaps */
#define NR_KILLERS      3
#define RING            16      /* the newest victims, for the killers to aim at */

struct shared {
	volatile int stop;
	volatile unsigned int seq;              /* victims published so far */
	volatile pid_t ring[RING];
	volatile unsigned long sends;           /* calls that found their target */
};

static struct shared *sh;

/* Read /proc/<pid>/stat; if it has a line, it must be pid's. */
static void check_stat_of(pid_t pid)
{
	char path[32], buf[256];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		CHECKF(errno == ENOENT || errno == ESRCH, "open %s: %s", path, strerror(errno));
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = 0;
		CHECKF(atoi(buf) == pid, "%s reads \"%.40s\": another process's line", path, buf);
	} else if (n < 0) {
		CHECKF(errno == ESRCH, "read %s: %s", path, strerror(errno));
	}
	close(fd);
}

static void killer(unsigned int seed)
{
	for (unsigned long i = 0; !sh->stop; i++) {
		unsigned int seq = sh->seq;
		long r;

		if (seq == 0)
			continue;
		seed = seed * 1103515245u + 12345u;
		pid_t pid = sh->ring[(seq - 1 - (seed >> 16) % 2) % RING];

		if (pid <= 0)
			continue;       /* the second-newest before there is one */

		switch (i % 5) {
		case 0:
			r = kill(pid, SIGUSR1);
			break;
		case 1:
			r = kill(-pid, SIGUSR1);        /* a victim leads a group of its own */
			break;
		case 2:
			r = syscall(SYS_tkill, pid, SIGUSR1);
			break;
		case 3:
			r = syscall(SYS_tgkill, pid, pid, SIGUSR1);
			break;
		default:
			check_stat_of(pid);
			continue;
		}
		if (r == 0)
			sh->sends++;
		else
			CHECKF(errno == ESRCH, "signal %lu to %d: %s", i % 5, (int)pid,
			       strerror(errno));
	}
}

/* A process nobody signals: did a signal meant for another reach it? */
static __attribute__((noreturn)) void bystander(void)
{
	sigset_t set;

	for (int i = 0; i < NR_KILLERS; i++)
		sched_yield();          /* let the killers run while we live */
	sigpending(&set);
	_exit(sigismember(&set, SIGUSR1) ? 3 : 0);
}

static void kill_while_reaped(void)
{
	pid_t killers[NR_KILLERS];
	sigset_t usr1;
	int victims = 0, bystanders = 0, misdelivered = 0, st;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(sh != MAP_FAILED))
		return;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);    /* inherited by everyone below */

	for (int k = 0; k < NR_KILLERS; k++) {
		killers[k] = ut_fork();
		if (killers[k] == 0) {
			killer(12345u * (unsigned)(k + 1));
			ut_child_exit();
		}
	}
	long end = ut_now_ms() + RUN_MS;
	while (ut_now_ms() < end) {
		pid_t v = fork(), b;

		if (v == 0) {
			setpgid(0, 0);
			_exit(0);
		}
		if (!CHECK_SYS(v))
			break;
		setpgid(v, v);          /* fails once it has exited: no matter */
		sh->ring[sh->seq % RING] = v;
		sh->seq++;
		CHECK_EQ(ut_wait(v), 0);
		victims++;
		b = fork();
		if (b == 0)
			bystander();
		if (!CHECK_SYS(b))
			break;
		st = ut_wait(b);
		CHECKF(st == 0 || st == 3 << 8, "bystander %d: %s", (int)b, ut_status_str(st));
		misdelivered += st == 3 << 8;
		bystanders++;
	}
	sh->stop = 1;
	for (int k = 0; k < NR_KILLERS; k++)
		CHECK_EXITED(killers[k], 0);
	CHECKF(misdelivered == 0, "%d of %d bystanders got a SIGUSR1 sent to a reaped victim",
	       misdelivered, bystanders);
	CHECKF(victims > 10, "only %d victims in %d ms", victims, RUN_MS);
	ut_print("    %d victims, %lu signals delivered or found a zombie\n", victims, sh->sends);
	munmap(sh, sizeof(*sh));
}

/* One child looked up every way a pid can be, before and after it is reaped. */
static void lookup_cycle(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	CHECK_SYS(kill(pid, 0));
	CHECK_EQ(getpgid(pid), getpgid(0));
	CHECK_EQ(getsid(pid), getsid(0));
	check_stat_of(pid);
	CHECK_SYS(syscall(SYS_tgkill, pid, pid, SIGKILL));
	CHECK_EQ(ut_wait(pid), SIGKILL);
	CHECK_ERR(kill(pid, 0), ESRCH);
	CHECK_ERR(syscall(SYS_tkill, pid, 0), ESRCH);
	CHECK_ERR(getpgid(pid), ESRCH);
	check_stat_of(pid);
}

/* Every lookup's reference is dropped: the task_structs come back. */
static void task_lookups_do_not_leak(void)
{
	ut_check_no_leak(lookup_cycle, 100, "fork/lookup/kill/reap cycles");
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(kill_while_reaped);
	RUN(task_lookups_do_not_leak);
	return ut_done();
}
