/*
 * proc_fork_wait.c - fork, exit and wait4, and Linux's wait status word.
 *
 * The status word wait4() stores is Linux's encoding: (code << 8) for an
 * exit, the signal number (low 7 bits) for a death by signal. The macros
 * WIFEXITED/WEXITSTATUS/WIFSIGNALED/WTERMSIG decode it; the cases below
 * check the raw word too, so a kernel that got the encoding wrong in a way
 * the macros happen to forgive still fails. Also: a child's fault (NULL,
 * a kernel address, writing its own code) kills that child with SIGSEGV
 * and nothing else; zombies stay until waited for; process groups and
 * sessions; vfork.
 */
#include "utest.h"

#include <stdint.h>
#include <sys/resource.h>

/* A child that exits with code; return its raw status. */
static int status_of_exit(int code)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	return ut_wait(pid);
}

/* A child that sends itself sig; return its raw status. */
static int status_of_signal(int sig)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(sig, SIG_DFL);
		kill(getpid(), sig);
		_exit(100);	/* not reached if sig killed us */
	}
	return ut_wait(pid);
}

static void fork_returns_child_pid_and_zero(void)
{
	int p[2];
	pid_t pid, seen = 0;

	if (!CHECK_SYS(pipe(p)))
		return;
	pid = fork();
	if (pid == 0) {
		pid_t me = getpid();

		write(p[1], &me, sizeof(me));
		_exit(0);
	}
	CHECK_GT(pid, 0);
	CHECK_EQ(read(p[0], &seen, sizeof(seen)), sizeof(seen));
	CHECK_EQ(seen, pid);
	CHECK_NE(seen, getpid());
	CHECK_EXITED(pid, 0);
}

static void child_sees_parent_pid(void)
{
	pid_t parent = getpid();
	pid_t pid = ut_fork();

	if (pid == 0) {
		CHECK_EQ(getppid(), parent);
		CHECK_NE(getpid(), parent);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

static void exit_status_encoding(void)
{
	static const int codes[] = { 0, 1, 42, 127, 255 };

	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int st = status_of_exit(codes[i]);

		CHECK_EQ(st, codes[i] << 8);
		CHECK(WIFEXITED(st));
		CHECK(!WIFSIGNALED(st));
		CHECK_EQ(WEXITSTATUS(st), codes[i]);
	}
	/* Only the low 8 bits of the exit code survive. */
	CHECK_EQ(status_of_exit(256 + 7), 7 << 8);
}

static void killed_by_signal_encoding(void)
{
	static const int sigs[] = { SIGTERM, SIGKILL, SIGUSR1, SIGINT, SIGALRM };

	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		int st = status_of_signal(sigs[i]);

		CHECK_EQ(st, sigs[i]);
		CHECK(WIFSIGNALED(st));
		CHECK(!WIFEXITED(st));
		CHECK_EQ(WTERMSIG(st), sigs[i]);
	}
}

/* A child blocked in pause() dies by the parent's SIGKILL. */
static void parent_kills_blocked_child(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK_SYS(kill(pid, SIGKILL));
	st = ut_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGKILL);
}

static void wnohang_returns_zero_while_child_runs(void)
{
	int p[2], st = -1;
	char c;
	pid_t pid;

	if (!CHECK_SYS(pipe(p)))
		return;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		read(p[0], &c, 1);	/* until the parent closes its end */
		_exit(9);
	}
	close(p[0]);
	CHECK_EQ(waitpid(pid, &st, WNOHANG), 0);
	CHECK_EQ(waitpid(-1, &st, WNOHANG), 0);
	close(p[1]);
	CHECK_EXITED(pid, 9);
	CHECK_ERR(waitpid(-1, &st, WNOHANG), ECHILD);
}

static void wait_any_collects_every_child(void)
{
	enum { N = 6 };
	pid_t pids[N];
	int found[N] = { 0 }, st;

	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(10 + i);
	}
	for (int n = 0; n < N; n++) {
		pid_t pid = wait(&st);
		int i;

		for (i = 0; i < N && pids[i] != pid; i++)
			;
		if (!CHECKF(i < N, "wait() returned %d, not one of our children", (int)pid))
			continue;
		found[i]++;
		CHECK(WIFEXITED(st));
		CHECK_EQ(WEXITSTATUS(st), 10 + i);
	}
	for (int i = 0; i < N; i++)
		CHECK_EQ(found[i], 1);
	CHECK_ERR(wait(&st), ECHILD);
}

/* waitpid(pid) waits for that child only, not for one that exited first. */
static void waitpid_picks_the_named_child(void)
{
	int p[2];
	char c;
	pid_t slow, quick;

	if (!CHECK_SYS(pipe(p)))
		return;
	slow = fork();
	if (slow == 0) {
		close(p[1]);
		read(p[0], &c, 1);
		_exit(1);
	}
	quick = fork();
	if (quick == 0)
		_exit(2);
	close(p[0]);
	CHECK_EXITED(quick, 2);
	CHECK_EQ(waitpid(slow, NULL, WNOHANG), 0);
	close(p[1]);
	CHECK_EXITED(slow, 1);
}

static void echild_without_children(void)
{
	int st;

	CHECK_ERR(wait(&st), ECHILD);
	CHECK_ERR(waitpid(-1, &st, 0), ECHILD);
	CHECK_ERR(waitpid(getpid(), &st, 0), ECHILD);	/* not our child */
}

/* An exited child stays a zombie (kill(pid, 0) finds it) until waited. */
static void zombie_until_waited(void)
{
	int p[2];
	char c;
	pid_t pid;

	if (!CHECK_SYS(pipe(p)))
		return;
	pid = fork();
	if (pid == 0)
		_exit(3);	/* holding p[1]: its close says we are exiting */
	close(p[1]);
	CHECK_EQ(read(p[0], &c, 1), 0);
	usleep(50 * 1000);
	CHECK_EQ(kill(pid, 0), 0);
	CHECK_EXITED(pid, 3);
	CHECK_ERR(kill(pid, 0), ESRCH);
}

/* Exit closes the child's descriptors: the reader sees end of file. */
static void exit_closes_descriptors(void)
{
	int p[2];
	char c;
	pid_t pid;

	if (!CHECK_SYS(pipe(p)))
		return;
	pid = fork();
	if (pid == 0) {
		usleep(20 * 1000);
		_exit(0);	/* p[1] still open here: exit must close it */
	}
	close(p[1]);
	CHECK_EQ(read(p[0], &c, 1), 0);
	CHECK_EXITED(pid, 0);
}

/* Run fn in a child and return how the child ended. */
static int status_of(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	return ut_wait(pid);
}

static void write_null(void)
{
	*(volatile int *)0 = 1;
}

static void read_kernel_address(void)
{
	(void)*(volatile long *)0xffffffff80000000UL;
}

static void jump_to_kernel_address(void)
{
	((void (*)(void))0xffffffff80000000UL)();
}

static void write_own_code(void)
{
	*(volatile unsigned char *)(uintptr_t)write_own_code = 0xc3;
}

static void jump_to_null(void)
{
	void (*volatile fn)(void) = NULL;

	fn();
}

/* Each fault kills only the child, with SIGSEGV; we carry on forking. */
static void child_faults_kill_only_the_child(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} faults[] = {
		{ "write NULL", write_null },
		{ "read kernel address", read_kernel_address },
		{ "jump to kernel address", jump_to_kernel_address },
		{ "write own code", write_own_code },
		{ "jump to NULL", jump_to_null },
	};

	for (unsigned i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		int st = status_of(faults[i].fn);

		CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "%s: child %s, not SIGSEGV",
		       faults[i].name, ut_status_str(st));
	}
	/* And the system still runs: a new child works. */
	CHECK_EQ(status_of_exit(5), 5 << 8);
}

/* vfork: the child borrows our memory and we wait until it exits. */
static void vfork_shares_memory_until_exit(void)
{
	static volatile int shared;
	pid_t pid;

	shared = 0;
	pid = vfork();
	if (pid == 0) {
		shared = 42;
		_exit(7);
	}
	CHECK_GT(pid, 0);
	CHECK_EQ(shared, 42);	/* the child ran first, in our memory */
	CHECK_EXITED(pid, 7);
}

static void wait4_with_rusage(void)
{
	struct rusage ru;
	int st = 0;
	pid_t pid = fork();

	if (pid == 0)
		_exit(4);
	CHECK_EQ(wait4(pid, &st, 0, &ru), pid);
	CHECK_EQ(st, 4 << 8);
	/* A NULL status is allowed: the child is reaped all the same. */
	pid = fork();
	if (pid == 0)
		_exit(0);
	CHECK_EQ(wait4(pid, NULL, 0, NULL), pid);
	CHECK_ERR(wait4(pid, NULL, 0, NULL), ECHILD);
}

/* kill(-pgid) reaches every member of a process group, and no one else. */
static void kill_process_group(void)
{
	int ready[2];
	char c;
	pid_t leader;

	if (!CHECK_SYS(pipe(ready)))
		return;
	leader = ut_fork();
	if (leader == 0) {
		pid_t members[2];

		CHECK_SYS(setpgid(0, 0));
		for (int i = 0; i < 2; i++) {
			members[i] = fork();
			if (members[i] == 0) {
				for (;;)
					pause();
			}
			CHECK_EQ(getpgid(members[i]), getpid());
		}
		signal(SIGTERM, SIG_IGN);	/* the leader survives to report */
		write(ready[1], "r", 1);
		for (int i = 0; i < 2; i++) {
			int st = ut_wait(members[i]);

			CHECK(WIFSIGNALED(st));
			CHECK_EQ(WTERMSIG(st), SIGTERM);
		}
		ut_child_exit();
	}
	close(ready[1]);
	CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_EQ(getpgid(leader), leader);
	CHECK_NE(getpgrp(), leader);
	CHECK_SYS(kill(-leader, SIGTERM));
	CHECK_EXITED(leader, 0);
	CHECK_ERR(kill(-leader, 0), ESRCH);	/* the group is empty now */
}

static void setsid_makes_new_session(void)
{
	pid_t pid;

	/* ut_run made this case a process-group leader: no setsid for it. */
	CHECK_EQ(getpgrp(), getpid());
	CHECK_ERR(setsid(), EPERM);
	pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(setsid(), getpid());
		CHECK_EQ(getpgrp(), getpid());	/* it leads a new group */
		CHECK_ERR(setsid(), EPERM);	/* and cannot do it twice */
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

/* waitpid(0) waits for children in our process group, waitpid(-pgid)
 * for those in group pgid; a child in another group is left alone. */
static void wait_by_process_group(void)
{
	int st;
	pid_t same = fork();

	if (same == 0)
		_exit(11);
	pid_t other = fork();
	if (other == 0) {
		setpgid(0, 0);                  /* a group of its own */
		usleep(100000);
		_exit(12);
	}
	setpgid(other, other);                  /* no race: both set it */
	CHECK_EQ(waitpid(0, &st, 0), same);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 11);
	CHECK_ERR(waitpid(0, &st, WNOHANG), ECHILD);    /* only `other` is left */
	CHECK_EQ(waitpid(-other, &st, 0), other);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 12);
	CHECK_ERR(waitpid(-other, &st, 0), ECHILD);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(fork_returns_child_pid_and_zero);
	RUN(child_sees_parent_pid);
	RUN(exit_status_encoding);
	RUN(killed_by_signal_encoding);
	RUN(parent_kills_blocked_child);
	RUN(wnohang_returns_zero_while_child_runs);
	RUN(wait_any_collects_every_child);
	RUN(waitpid_picks_the_named_child);
	RUN(echild_without_children);
	RUN(zombie_until_waited);
	RUN(exit_closes_descriptors);
	RUN(child_faults_kill_only_the_child);
	RUN(vfork_shares_memory_until_exit);
	RUN(wait4_with_rusage);
	RUN(kill_process_group);
	RUN(setsid_makes_new_session);
	RUN(wait_by_process_group);
	return ut_done();
}
