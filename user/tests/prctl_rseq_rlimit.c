/*
 * prctl_rseq_rlimit.c - the calls glibc's start-up makes besides clone:
 * prctl (the name, the parent-death signal, EINVAL for an option the
 * kernel does not know), rseq, and the rlimit rules (anyone may lower a
 * limit; raising the hard one needs root; soft above hard is EINVAL;
 * prlimit64 on another user's process is EPERM).
 *
 * rseq: keyhole does not have restartable sequences and answers ENOSYS,
 * as Linux built without CONFIG_RSEQ does, which glibc takes as "run
 * without". The host (CONFIG_RSEQ=y) answers EINVAL for the bad lengths
 * and flags used here. Both are accepted: a deliberate difference.
 */
#include "utest.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef SYS_rseq
#define SYS_rseq 334
#endif

static void prctl_name_round_trip(void)
{
	char name[32];

	CHECK_SYS(prctl(PR_SET_NAME, "kh-name", 0, 0, 0));
	memset(name, 'x', sizeof(name));
	CHECK_SYS(prctl(PR_GET_NAME, name, 0, 0, 0));
	CHECK_STR(name, "kh-name");
	/* Longer names are cut to 15 bytes and a NUL. */
	CHECK_SYS(prctl(PR_SET_NAME, "0123456789abcdefghij", 0, 0, 0));
	memset(name, 'x', sizeof(name));
	CHECK_SYS(prctl(PR_GET_NAME, name, 0, 0, 0));
	CHECK_STR(name, "0123456789abcde");
	CHECK_EQ(name[16], 'x');        /* 16 bytes written, no more */
	CHECK_ERR(prctl(PR_SET_NAME, (char *)1, 0, 0, 0), EFAULT);
	CHECK_ERR(prctl(PR_GET_NAME, (char *)1, 0, 0, 0), EFAULT);
	CHECK_ERR(prctl(PR_GET_NAME, (char *)0xffff800000000000UL, 0, 0, 0), EFAULT);
	CHECK_ERR(prctl(1000, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(prctl(0x7fffffff, 0, 0, 0, 0), EINVAL);
}

static void prctl_pdeathsig(void)
{
	int sig = -1, fds[2];
	char c;

	CHECK_ERR(prctl(PR_SET_PDEATHSIG, 65, 0, 0, 0), EINVAL);
	CHECK_ERR(prctl(PR_GET_PDEATHSIG, (int *)1, 0, 0, 0), EFAULT);
	CHECK_SYS(prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0));
	CHECK_SYS(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0));
	CHECK_EQ(sig, SIGUSR1);
	pid_t pid = ut_fork();

	if (pid == 0) {         /* not inherited */
		sig = -1;
		CHECK_SYS(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0));
		CHECK_EQ(sig, 0);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0));

	/* A grandchild asks for SIGUSR1 and gets it when its parent exits.
	 * ready: grandchild -> child; res: only the grandchild writes. */
	int ready[2];

	if (!CHECK_SYS(pipe(fds)) || !CHECK_SYS(pipe(ready)))
		return;
	pid = fork();
	if (pid == 0) {
		pid_t parent = getpid();

		if (fork() == 0) {
			prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
			if (getppid() != parent)
				_exit(1);       /* too late: no "r", fails below */
			write(fds[1], "r", 1);
			write(ready[1], "r", 1);
			sleep(10);
			write(fds[1], "alive", 5);
			_exit(0);
		}
		close(ready[1]);
		read(ready[0], &c, 1);  /* it is ready */
		_exit(0);
	}
	close(fds[1]);
	close(ready[0]);
	close(ready[1]);
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(c, 'r');
	CHECK_EXITED(pid, 0);
	/* Killed by SIGUSR1: its end of the pipe closes with nothing more. */
	CHECK_EQ(read(fds[0], &c, 1), 0);
	close(fds[0]);
}

/*
 * A change of effective or file-system user or group id forgets the
 * parent-death signal, as Linux's commit_creds(); setting the ids a
 * process already has keeps it. keyhole kept it across every change.
 */
static void pdeathsig_reset_by_id_change(void)
{
	if (getuid() != 0) {
		CHECKF(0, "needs root (the harness runs the tests as root)");
		return;
	}
	pid_t pid = ut_fork();

	if (pid == 0) {
		int sig = -1;

		CHECK_SYS(prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0));
		CHECK_SYS(setresuid(0, 0, 0));          /* the same ids: kept */
		CHECK_SYS(setgid(0));
		CHECK_SYS(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0));
		CHECK_EQ(sig, SIGUSR1);
		CHECK_SYS(setresuid(1000, -1, -1));     /* the real id alone: kept */
		CHECK_SYS(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0));
		CHECK_EQ(sig, SIGUSR1);
		CHECK_SYS(setresuid(-1, 1000, -1));     /* the effective id: forgotten */
		CHECK_SYS(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0));
		CHECK_EQ(sig, 0);
		CHECK_SYS(setresuid(-1, 0, -1));        /* back (the saved id is 0) */
		CHECK_SYS(prctl(PR_SET_PDEATHSIG, SIGUSR2, 0, 0, 0));
		CHECK_SYS(setregid(-1, 50));            /* the effective group: forgotten */
		CHECK_SYS(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0));
		CHECK_EQ(sig, 0);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

static void rseq_not_registered(void)
{
	char area[64] __attribute__((aligned(32)));

	memset(area, 0, sizeof(area));
	/* Lengths no kernel accepts, a flag that needs a registration. */
	long r = syscall(SYS_rseq, area, 16, 0, 0x53053053);
	CHECKF(r == -1 && (errno == EINVAL || errno == ENOSYS), "rseq len 16: %ld errno %d", r,
	       errno);
	r = syscall(SYS_rseq, area, 0, 0, 0x53053053);
	CHECKF(r == -1 && (errno == EINVAL || errno == ENOSYS), "rseq len 0: %ld errno %d", r, errno);
	r = syscall(SYS_rseq, NULL, 32, 2, 0);
	CHECKF(r == -1 && (errno == EINVAL || errno == ENOSYS), "rseq flag 2: %ld errno %d", r,
	       errno);
}

/*
 * Whether root here may raise a hard limit: CAP_SYS_RESOURCE (bit 24) in
 * CapEff. A container's root may lack it (it then gets EPERM as anyone);
 * keyhole has no capability sets: euid 0 has them all (no CapEff line).
 */
static bool has_cap_sys_resource(void)
{
	char buf[4096], *p;
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return true;
	buf[n] = 0;
	p = strstr(buf, "CapEff:");
	if (!p)
		return true;
	return (strtoull(p + 7, NULL, 16) >> 24) & 1;
}

/* Root may raise a hard limit; uid 65534 may only lower. */
static void rlimit_raise_lower(void)
{
	struct rlimit r, got;
	bool may_raise = has_cap_sys_resource();

	if (getuid() != 0) {
		CHECKF(0, "needs root (the harness runs the tests as root)");
		return;
	}
	CHECK_SYS(getrlimit(RLIMIT_CORE, &r));
	r.rlim_cur = 4096;
	r.rlim_max = 8192;
	CHECK_SYS(setrlimit(RLIMIT_CORE, &r));
	r.rlim_max = 16384;                     /* raise the hard limit: root may */
	if (may_raise)
		CHECK_SYS(setrlimit(RLIMIT_CORE, &r));
	else
		CHECK_ERR(setrlimit(RLIMIT_CORE, &r), EPERM);
	CHECK_SYS(getrlimit(RLIMIT_CORE, &got));
	CHECK_EQ(got.rlim_max, may_raise ? 16384 : 8192);
	r.rlim_max = got.rlim_max;
	r.rlim_cur = 32768;                     /* soft above hard */
	CHECK_ERR(setrlimit(RLIMIT_CORE, &r), EINVAL);
	CHECK_ERR(prlimit(0, RLIMIT_CORE, &r, NULL), EINVAL);
	/* Linux reads the new limit before it looks at the resource. */
	CHECK_ERR(setrlimit(16, (struct rlimit *)1), EFAULT);
	CHECK_ERR(prlimit(0, 16, (struct rlimit *)1, NULL), EFAULT);
	CHECK_ERR(setrlimit(16, &got), EINVAL);
	CHECK_ERR(prlimit(0, 16, NULL, &got), EINVAL);
	CHECK_ERR(getrlimit(16, &got), EINVAL);
	CHECK_ERR(prlimit(0, 16, NULL, (struct rlimit *)1), EINVAL);
	r = got;

	pid_t pid = ut_fork();

	if (pid == 0) {
		CHECK_SYS(setgid(65534));
		CHECK_SYS(setuid(65534));
		r.rlim_cur = 1024;
		r.rlim_max = 8192;              /* lower both: anyone may */
		CHECK_SYS(setrlimit(RLIMIT_CORE, &r));
		r.rlim_cur = 8192;              /* raise soft up to hard: may */
		CHECK_SYS(setrlimit(RLIMIT_CORE, &r));
		r.rlim_max = 8193;              /* raise hard: EPERM */
		CHECK_ERR(setrlimit(RLIMIT_CORE, &r), EPERM);
		CHECK_ERR(prlimit(0, RLIMIT_CORE, &r, NULL), EPERM);
		CHECK_SYS(getrlimit(RLIMIT_CORE, &got));
		CHECK_EQ(got.rlim_cur, 8192);
		CHECK_EQ(got.rlim_max, 8192);
		/* Another user's (root's) process, even only to read. */
		CHECK_ERR(prlimit(getppid(), RLIMIT_CORE, NULL, &got), EPERM);
		/* Permission before the resource number, as Linux. */
		CHECK_ERR(prlimit(getppid(), 16, NULL, &got), EPERM);
		r.rlim_max = 4096;
		r.rlim_cur = 4096;
		CHECK_ERR(prlimit(getppid(), RLIMIT_CORE, &r, NULL), EPERM);
		CHECK_ERR(prlimit(0, RLIMIT_CORE, (struct rlimit *)1, NULL), EFAULT);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(getrlimit(RLIMIT_CORE, &got));  /* the child's changes were its own */
	CHECK_EQ(got.rlim_max, may_raise ? 16384 : 8192);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(prctl_name_round_trip);
	RUN(prctl_pdeathsig);
	RUN(pdeathsig_reset_by_id_change);
	RUN(rseq_not_registered);
	RUN(rlimit_raise_lower);
	return ut_done();
}
