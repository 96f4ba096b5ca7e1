/*
 * tasks_many.c - calls that look at many processes at once, with hundreds
 * of them: sysinfo's process count, kill() to a process group and to -1,
 * wait4 reaping them all, /proc listing them, and the process-group and
 * session rules of setpgid and setsid that the kernel checks by looking
 * a group up.
 *
 * keyhole once walked the whole task list for each of these, once per task
 * for kill(-pgrp) (quadratic: seconds per call at 2,000 processes); now a
 * group is a list of its own members (kernel/pid.h). The figures are in
 * `make bench`; these cases check that the answers are right with many
 * processes, and that nothing leaks.
 *
 * Hosts: on Linux other processes come and go, so sysinfo's count is
 * compared over a few tries; kill(-1) is sent only by a process with a
 * uid of its own (UNUSED_UID), which can reach only its own children.
 */
#include "utest.h"

#include <dirent.h>
#include <sys/resource.h>

#define NPROC 500
#define UNUSED_UID 4000000123u  /* no process on the host runs as this */
#define EXEC_MARK "--exec-helper"

static pid_t kids[NPROC];
static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1++;
}

static volatile sig_atomic_t got_chld;

static void on_chld(int sig)
{
	(void)sig;
	got_chld = 1;
}

/* Children that sleep in read() on go[0] until it is closed, then exit 0. */
static int start_sleepers(pid_t *pids, int n, int go[2])
{
	if (pipe(go) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			return -1;
		if (pids[i] == 0) {
			char c;

			close(go[1]);
			read(go[0], &c, 1);
			_exit(0);
		}
	}
	close(go[0]);
	return 0;
}

/* Close go and reap the n children; each must exit 0. */
static void end_sleepers(pid_t *pids, int n, int go[2])
{
	close(go[1]);
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			CHECK_EXITED(pids[i], 0);
}

/* sysinfo().procs grows by one per process, and shrinks when it is reaped. */
static void sysinfo_procs_counts_many(void)
{
	bool linux_host = ut_on_linux();
	unsigned short before = 0, during = 0, after = 0;

	for (int attempt = 0; attempt < (linux_host ? 5 : 1); attempt++) {
		struct sysinfo si;
		int go[2];

		if (!CHECK_SYS(sysinfo(&si)))
			return;
		before = si.procs;
		if (!CHECK_SYS(start_sleepers(kids, NPROC, go)))
			return;
		CHECK_SYS(sysinfo(&si));
		during = si.procs;
		end_sleepers(kids, NPROC, go);
		CHECK_SYS(sysinfo(&si));
		after = si.procs;
		if ((unsigned short)(during - before) == NPROC &&
		    (unsigned short)(during - after) == NPROC)
			break;          /* on Linux, nobody else came or went */
	}
	CHECK_EQ((unsigned short)(during - before), NPROC);
	CHECK_EQ((unsigned short)(during - after), NPROC);
}

/*
 * A child that waits for SIGUSR1 (blocked until it sleeps) in process group
 * pgrp (0: its own); it exits 0 when the signal comes. It tells `ready`
 * once it is in the group with its handler set.
 */
static pid_t usr1_waiter(pid_t pgrp, int ready)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sigaction sa = { .sa_handler = on_usr1 };
		sigset_t none;

		sigaction(SIGUSR1, &sa, NULL);
		if (setpgid(0, pgrp) < 0)
			_exit(2);
		write(ready, "r", 1);
		sigemptyset(&none);
		while (!got_usr1)
			sigsuspend(&none);
		_exit(0);
	}
	if (pid > 0)
		setpgid(pid, pgrp ? pgrp : pid);        /* both sides, as a shell does */
	return pid;
}

static void block_usr1(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, NULL);
}

/*
 * kill(-pgrp) with two groups of NPROC / 2: every member of the one named
 * gets the signal, nobody in the other does, nor the sender.
 */
static void kill_pgrp_reaches_every_member_and_nobody_else(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	pid_t a, b;
	int ready[2], st;
	char c;

	sigaction(SIGUSR1, &sa, NULL);
	block_usr1();
	if (!CHECK_SYS(pipe(ready)))
		return;
	for (int i = 0; i < NPROC; i++) {
		pid_t pgrp = i == 0 || i == NPROC / 2 ? 0 : kids[i < NPROC / 2 ? 0 : NPROC / 2];

		kids[i] = usr1_waiter(pgrp, ready[1]);
		if (!CHECK_SYS(kids[i]))
			return;
	}
	for (int i = 0; i < NPROC; i++)
		if (!CHECK_EQ(read(ready[0], &c, 1), 1))
			return;
	a = kids[0];
	b = kids[NPROC / 2];
	CHECK_EQ(getpgid(kids[NPROC / 2 - 1]), a);
	CHECK_EQ(getpgid(kids[NPROC - 1]), b);

	CHECK_SYS(kill(-a, SIGUSR1));
	for (int i = 0; i < NPROC / 2; i++)      /* group a: exit 0 on SIGUSR1 */
		CHECK_EXITED(kids[i], 0);
	CHECK_SYS(kill(-b, SIGTERM));
	for (int i = NPROC / 2; i < NPROC; i++) { /* group b: never had SIGUSR1 */
		st = ut_wait(kids[i]);
		if (!CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
			    "member %d of the other group: %s", i, ut_status_str(st)))
			break;
	}
	sigprocmask(SIG_UNBLOCK, &sa.sa_mask, NULL);
	CHECK_EQ(got_usr1, 0);          /* the sender is in neither group */
	CHECK_ERR(kill(-a, 0), ESRCH);  /* both groups are gone with their members */
	CHECK_ERR(kill(-b, 0), ESRCH);
}

/* A group whose members are all zombies still exists: kill() to it
 * succeeds (and delivers nothing) until they are reaped. */
static void kill_pgrp_of_zombies_succeeds(void)
{
	struct sigaction sa = { .sa_handler = on_chld };
	sigset_t chld, old;
	pid_t z;

	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	z = fork();
	if (z == 0) {
		setpgid(0, 0);
		_exit(7);
	}
	if (!CHECK_SYS(z))
		return;
	setpgid(z, z);
	while (!got_chld)
		sigsuspend(&old);               /* z is a zombie once SIGCHLD comes */
	CHECK_SYS(kill(-z, 0));
	CHECK_SYS(kill(-z, SIGTERM));
	CHECK_SYS(kill(z, SIGTERM));
	CHECK_EXITED(z, 7);                     /* nothing was delivered */
	CHECK_ERR(kill(-z, 0), ESRCH);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/*
 * kill(-1) from a process with a uid of its own reaches its NPROC / 2
 * children (same uid) and not itself; with nobody to reach it still
 * returns 0 (everybody else is EPERM), as Linux.
 */
static void kill_minus_one_reaches_own_uid_only(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	pid_t c;

	if (!CHECKF(geteuid() == 0, "needs root (run as CI does)"))
		return;
	sigaction(SIGUSR1, &sa, NULL);
	c = ut_fork();
	if (c == 0) {
		int ready[2], n = NPROC / 2;
		char ch;

		block_usr1();
		if (!CHECK_SYS(setgid(UNUSED_UID)) || !CHECK_SYS(setuid(UNUSED_UID)))
			ut_child_exit();
		CHECK_SYS(kill(-1, 0));         /* nobody of ours yet: still 0 */
		CHECK_SYS(kill(-1, SIGUSR1));
		CHECK_SYS(pipe(ready));
		for (int i = 0; i < n; i++)
			CHECK_SYS(kids[i] = usr1_waiter(getpgrp(), ready[1]));
		for (int i = 0; i < n; i++)
			CHECK_EQ(read(ready[0], &ch, 1), 1);
		CHECK_SYS(kill(-1, SIGUSR1));
		for (int i = 0; i < n; i++)
			CHECK_EXITED(kids[i], 0);
		sigprocmask(SIG_UNBLOCK, &sa.sa_mask, NULL);
		CHECK_EQ(got_usr1, 0);          /* not the sender */
		ut_child_exit();
	}
	CHECK_EXITED(c, 0);
	CHECK_EQ(got_usr1, 0);                  /* nor root's processes */
}

/*
 * kill(-pgrp, 0) answers as a real signal would: EPERM while the group
 * holds only processes we may not signal, 0 once it holds one we may
 * (whatever the order of the members), ESRCH once it is empty.
 */
static void kill_zero_answers_as_a_signal_would(void)
{
	pid_t r, c;
	int ready[2];
	char ch;

	if (!CHECKF(geteuid() == 0, "needs root (run as CI does)"))
		return;
	if (!CHECK_SYS(pipe(ready)))
		return;
	r = fork();                             /* root's, leading group r */
	if (r == 0) {
		setpgid(0, 0);
		write(ready[1], "r", 1);
		for (;;)
			pause();
	}
	setpgid(r, r);
	CHECK_EQ(read(ready[0], &ch, 1), 1);
	c = ut_fork();
	if (c == 0) {
		pid_t m;

		if (!CHECK_SYS(setgid(UNUSED_UID)) || !CHECK_SYS(setuid(UNUSED_UID)))
			ut_child_exit();
		CHECK_ERR(kill(-r, 0), EPERM);
		CHECK_ERR(kill(-r, SIGWINCH), EPERM);
		m = fork();                     /* ours, joining group r */
		if (m == 0) {
			setpgid(0, r);
			write(ready[1], "m", 1);
			for (;;)
				pause();
		}
		setpgid(m, r);
		CHECK_EQ(read(ready[0], &ch, 1), 1);
		CHECK_EQ(getpgid(m), r);
		CHECK_SYS(kill(-r, 0));
		CHECK_SYS(kill(-r, SIGWINCH));
		kill(m, SIGKILL);
		ut_wait(m);
		CHECK_ERR(kill(-r, 0), EPERM);  /* only root's r is left */
		ut_child_exit();
	}
	CHECK_EXITED(c, 0);
	CHECK_SYS(kill(-r, 0));
	kill(r, SIGKILL);
	ut_wait(r);
	CHECK_ERR(kill(-r, 0), ESRCH);
}

/* wait4(-1) reaps every one of NPROC children, each once, with its status;
 * then wait4 by pid, newest first (each lookup among hundreds). */
static void wait4_reaps_many_children(void)
{
	static char seen[NPROC];
	int st;

	for (int i = 0; i < NPROC; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			_exit(i & 0xff);
		if (!CHECK_SYS(kids[i]))
			return;
	}
	for (int n = 0; n < NPROC; n++) {
		pid_t pid = waitpid(-1, &st, 0);
		int i = 0;

		if (!CHECK_SYS(pid))
			return;
		while (i < NPROC && kids[i] != pid)
			i++;
		if (!CHECKF(i < NPROC && !seen[i], "waitpid returned %d: not a child, or twice",
			    (int)pid))
			return;
		seen[i] = 1;
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == (i & 0xff));
	}
	CHECK_ERR(waitpid(-1, &st, WNOHANG), ECHILD);

	int go[2];
	if (!CHECK_SYS(start_sleepers(kids, NPROC, go)))
		return;
	CHECK_EQ(waitpid(kids[0], &st, WNOHANG), 0);    /* alive, found by pid */
	close(go[1]);
	for (int i = NPROC - 1; i >= 0; i--)
		CHECK_EQ(waitpid(kids[i], &st, 0), kids[i]);
	CHECK_ERR(waitpid(kids[0], &st, 0), ECHILD);
}

/* /proc lists every one of NPROC children. */
static void proc_lists_many_children(void)
{
	static char listed[NPROC];
	struct dirent *d;
	int go[2], found = 0;
	DIR *dir;

	if (!CHECK_SYS(start_sleepers(kids, NPROC, go)))
		return;
	dir = opendir("/proc");
	if (CHECK(dir != NULL)) {
		while ((d = readdir(dir))) {
			pid_t pid = atoi(d->d_name);

			for (int i = 0; i < NPROC; i++)
				if (pid > 0 && kids[i] == pid && !listed[i]) {
					listed[i] = 1;
					found++;
				}
		}
		closedir(dir);
	}
	CHECK_EQ(found, NPROC);
	end_sleepers(kids, NPROC, go);
}

/* setpgid() may join only a group that exists in the caller's session. */
static void setpgid_to_missing_group_eperm(void)
{
	pid_t member, leader;
	int go[2];

	/* A child in our group, leading none: no group is numbered by it. */
	if (!CHECK_SYS(start_sleepers(&member, 1, go)))
		return;
	CHECK_ERR(setpgid(0, member), EPERM);
	CHECK_EQ(getpgrp(), getpid());          /* each case leads its own group */
	end_sleepers(&member, 1, go);

	/* A group of another session: its leader called setsid(). */
	int ready[2];
	char c;
	if (!CHECK_SYS(pipe(ready)) || !CHECK_SYS(pipe(go)))
		return;
	leader = fork();
	if (leader == 0) {
		close(go[1]);
		setsid();
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_EQ(getsid(leader), leader);
	CHECK_ERR(setpgid(0, leader), EPERM);
	CHECK_ERR(setpgid(leader, getpgrp()), EPERM);   /* another session's child */
	CHECK_EQ(getpgrp(), getpid());
	close(go[1]);
	CHECK_EXITED(leader, 0);
}

/* A child that has exec'd cannot be moved by its parent: EACCES. */
static void setpgid_exec_child_eacces(void)
{
	int ready[2];
	char fd[16], c;
	pid_t pid;

	if (!CHECK_SYS(pipe(ready)))
		return;
	snprintf(fd, sizeof(fd), "%d", ready[1]);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "tasks_many", EXEC_MARK, fd, NULL };

		execv(ut_self_path(), argv);
		_exit(9);
	}
	close(ready[1]);
	if (!CHECK_EQ(read(ready[0], &c, 1), 1))    /* it has exec'd */
		return;
	CHECK_ERR(setpgid(pid, pid), EACCES);
	CHECK_ERR(setpgid(pid, 0), EACCES);
	CHECK_EQ(getpgid(pid), getpgrp());
	kill(pid, SIGKILL);
	ut_wait(pid);
}

/* setsid(): not by a group leader, nor while a group numbered by our pid
 * lives on without us; otherwise a new session and group. */
static void setsid_rules(void)
{
	pid_t c;

	CHECK_ERR(setsid(), EPERM);     /* each case leads its own group */
	c = ut_fork();
	if (c == 0) {
		int ready[2], go[2];
		pid_t self = getpid(), member;
		char ch;

		/* Lead a group, let a child join it, then leave it. */
		CHECK_SYS(setpgid(0, 0));
		CHECK_SYS(pipe(ready));
		CHECK_SYS(pipe(go));
		member = fork();
		if (member == 0) {
			close(go[1]);
			write(ready[1], "r", 1);
			read(go[0], &ch, 1);
			_exit(0);
		}
		CHECK_EQ(read(ready[0], &ch, 1), 1);
		CHECK_EQ(getpgid(member), self);
		CHECK_SYS(setpgid(0, getppid()));       /* back to the case's group */
		CHECK_ERR(setsid(), EPERM);             /* group `self` lives on */
		close(go[1]);
		CHECK_EXITED(member, 0);
		CHECK_EQ(setsid(), self);               /* now it is gone */
		CHECK_EQ(getsid(0), self);
		CHECK_EQ(getpgrp(), self);
		CHECK_ERR(setpgid(0, 0), EPERM);        /* a session leader stays */
		ut_child_exit();
	}
	CHECK_EXITED(c, 0);
}

/* One cycle for the leak check: 20 children in a new group, killed by
 * kill(-pgrp), reaped. */
static void group_cycle(void)
{
	pid_t pids[20];
	int ready[2];
	char c;

	if (pipe(ready) < 0)
		return;
	block_usr1();
	for (int i = 0; i < 20; i++)
		pids[i] = usr1_waiter(i ? pids[0] : 0, ready[1]);
	for (int i = 0; i < 20; i++)
		read(ready[0], &c, 1);
	kill(-pids[0], SIGKILL);
	for (int i = 0; i < 20; i++)
		waitpid(pids[i], NULL, 0);
	close(ready[0]);
	close(ready[1]);
}

static void groups_leak_nothing(void)
{
	ut_check_no_leak(group_cycle, 10, "groups of 20 made, killed and reaped");
}

/* The exec'd child of setpgid_exec_child_eacces: say so, then sleep. */
static __attribute__((noreturn)) int exec_helper(const char *fd)
{
	write(atoi(fd), "x", 1);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], EXEC_MARK) == 0)
		return exec_helper(argv[2]);
	ut_init(argc, argv);
	RUN(sysinfo_procs_counts_many);
	RUN(kill_pgrp_reaches_every_member_and_nobody_else);
	RUN(kill_pgrp_of_zombies_succeeds);
	RUN(kill_minus_one_reaches_own_uid_only);
	RUN(kill_zero_answers_as_a_signal_would);
	RUN(wait4_reaps_many_children);
	RUN(proc_lists_many_children);
	RUN(setpgid_to_missing_group_eperm);
	RUN(setpgid_exec_child_eacces);
	RUN(setsid_rules);
	RUN(groups_leak_nothing);
	return ut_done();
}
