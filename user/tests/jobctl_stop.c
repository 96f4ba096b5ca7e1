/*
 * jobctl_stop.c - stop and continue (job control without a terminal):
 * the stop signals' default action stops the process, SIGCONT continues
 * it, wait4/waitid report each once, the parent gets SIGCHLD with
 * CLD_STOPPED/CLD_CONTINUED (none with SA_NOCLDSTOP), stop and continue
 * signals cancel each other while pending, SIGKILL and a signal whose
 * default is to terminate kill a stopped process, and an orphaned
 * process group with a stopped member gets SIGHUP and SIGCONT.
 * Linux's kernel/signal.c and kernel/exit.c are the model.
 */
#include "utest.h"

#include <poll.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

/* read() that gives up after ms milliseconds (a kernel that forgot to wake
 * a stopped process must fail the case, not hang it). Return: read's result,
 * or -1 on timeout. */
static ssize_t read_timeout(int fd, void *buf, size_t len, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	if (poll(&pfd, 1, ms) != 1)
		return -1;
	return read(fd, buf, len);
}

/* A child that sleeps until killed (pause() in a loop). */
static pid_t pausing_child(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

/* waitpid that retries EINTR, with options. Return: waitpid's result. */
static pid_t wait_opt(pid_t pid, int *st, int options)
{
	pid_t r;

	do
		r = waitpid(pid, st, options);
	while (r < 0 && errno == EINTR);
	return r;
}

static void sigstop_stops_and_sigcont_continues(void)
{
	pid_t pid = pausing_child();
	int st = 0;

	if (!CHECK_GT(pid, 0))
		return;
	CHECK_SYS(kill(pid, SIGSTOP));
	CHECK_EQ(wait_opt(pid, &st, WUNTRACED), pid);
	CHECK(WIFSTOPPED(st));
	CHECK_EQ(WSTOPSIG(st), SIGSTOP);
	CHECK_EQ(st, 0x137f);
	/* Reported once. */
	CHECK_EQ(wait_opt(pid, &st, WUNTRACED | WNOHANG), 0);
	CHECK_SYS(kill(pid, SIGCONT));
	CHECK_EQ(wait_opt(pid, &st, WCONTINUED), pid);
	CHECK(WIFCONTINUED(st));
	CHECK_EQ(st, 0xffff);
	CHECK_EQ(wait_opt(pid, &st, WCONTINUED | WUNTRACED | WNOHANG), 0);
	CHECK_SYS(kill(pid, SIGKILL));
	CHECK_EQ(wait_opt(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

/* A plain wait (no WUNTRACED) does not see a stop. */
static void wait_without_wuntraced_ignores_stop(void)
{
	pid_t pid = pausing_child();
	int st = 0;

	if (!CHECK_GT(pid, 0))
		return;
	CHECK_SYS(kill(pid, SIGSTOP));
	CHECK_EQ(wait_opt(pid, &st, WUNTRACED), pid);
	CHECK_SYS(kill(pid, SIGCONT));
	usleep(20000);
	CHECK_EQ(wait_opt(pid, &st, WNOHANG), 0);
	kill(pid, SIGKILL);
	CHECK_EQ(wait_opt(pid, &st, 0), pid);
}

/* A stopped process does not run: a counter it bumps stands still. */
static void stopped_child_does_not_run(void)
{
	volatile long *n = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				-1, 0);
	int st;

	if (!CHECK(n != MAP_FAILED))
		return;
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			(*n)++;
	}
	while (*n < 1000)
		sched_yield();
	CHECK_SYS(kill(pid, SIGSTOP));
	CHECK_EQ(wait_opt(pid, &st, WUNTRACED), pid);
	long a = *n;

	usleep(50000);
	CHECK_EQ(*n, a);
	CHECK_SYS(kill(pid, SIGCONT));
	long deadline = ut_now_ms() + 5000;

	while (*n == a && ut_now_ms() < deadline)
		sched_yield();
	CHECK_GT(*n, a);
	kill(pid, SIGKILL);
	CHECK_EQ(wait_opt(pid, &st, 0), pid);
	munmap((void *)n, 4096);
}

/* SIGTSTP, SIGTTIN and SIGTTOU stop as SIGSTOP does, with their number. */
static void tstp_ttin_ttou_stop(void)
{
	int sigs[] = { SIGTSTP, SIGTTIN, SIGTTOU };

	for (int i = 0; i < 3; i++) {
		pid_t pid = pausing_child();
		int st = 0;

		if (!CHECK_GT(pid, 0))
			return;
		CHECK_SYS(kill(pid, sigs[i]));
		CHECK_EQ(wait_opt(pid, &st, WUNTRACED), pid);
		CHECKF(WIFSTOPPED(st) && WSTOPSIG(st) == sigs[i], "signal %d: status %#x",
		       sigs[i], st);
		kill(pid, SIGKILL);
		CHECK_EQ(wait_opt(pid, &st, 0), pid);
	}
}

static volatile sig_atomic_t got;

static void note(int sig)
{
	got = sig;
}

/* With a handler, SIGTSTP runs it instead of stopping; SIG_IGN drops it. */
static void sigtstp_handler_runs_instead_of_stop(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		signal(SIGTSTP, note);
		raise(SIGTSTP);
		signal(SIGTTIN, SIG_IGN);
		raise(SIGTTIN);
		_exit(got == SIGTSTP ? 0 : 1);
	}
	CHECK_EQ(wait_opt(pid, &st, WUNTRACED), pid);
	CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", ut_status_str(st));
}

/* raise(SIGSTOP) stops the caller itself; SIGCONT resumes it after the call. */
static void raise_sigstop_stops_self(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		raise(SIGSTOP);
		_exit(42);
	}
	CHECK_EQ(wait_opt(pid, &st, WUNTRACED), pid);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	CHECK_SYS(kill(pid, SIGCONT));
	CHECK_EXITED(pid, 42);
}

/* Whether sig is pending for the caller. */
static bool pending(int sig)
{
	sigset_t set;

	sigpending(&set);
	return sigismember(&set, sig);
}

/* SIGCONT discards pending stop signals; a stop signal discards SIGCONT. */
static void sigcont_and_stop_signals_cancel_pending(void)
{
	int go[2], done[2];
	char c;

	if (!CHECK_SYS(pipe(go)) || !CHECK_SYS(pipe(done)))
		return;
	pid_t pid = ut_fork();

	if (pid == 0) {
		sigset_t set;

		signal(SIGCONT, note);
		sigemptyset(&set);
		sigaddset(&set, SIGTSTP);
		sigaddset(&set, SIGTTIN);
		sigaddset(&set, SIGCONT);
		sigprocmask(SIG_BLOCK, &set, NULL);
		write(done[1], "r", 1);
		read(go[0], &c, 1);             /* SIGTSTP, SIGTTIN, then SIGCONT came */
		CHECK(!pending(SIGTSTP));
		CHECK(!pending(SIGTTIN));
		CHECK(pending(SIGCONT));
		write(done[1], "a", 1);
		read(go[0], &c, 1);             /* and now SIGTSTP again */
		CHECK(pending(SIGTSTP));
		CHECK(!pending(SIGCONT));
		ut_child_exit();
	}
	CHECK_EQ(read(done[0], &c, 1), 1);
	kill(pid, SIGTSTP);
	kill(pid, SIGTTIN);
	kill(pid, SIGCONT);
	write(go[1], "1", 1);
	CHECK_EQ(read(done[0], &c, 1), 1);
	kill(pid, SIGTSTP);
	write(go[1], "2", 1);
	CHECK_EXITED(pid, 0);
	close(go[0]), close(go[1]), close(done[0]), close(done[1]);
}

static volatile sig_atomic_t chld_code[8], chld_status[8], chld_n;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (chld_n < 8) {
		chld_code[chld_n] = si->si_code;
		chld_status[chld_n] = si->si_status;
		chld_n++;
	}
}

/* Wait (up to 5 s) until n SIGCHLDs came. */
static void await_chld(int n)
{
	long deadline = ut_now_ms() + 5000;

	while (chld_n < n && ut_now_ms() < deadline)
		usleep(1000);
}

static void sigchld_reports_cld_stopped_and_cld_continued(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO | SA_RESTART };
	pid_t pid;
	int st;

	sigaction(SIGCHLD, &sa, NULL);
	pid = pausing_child();
	if (!CHECK_GT(pid, 0))
		return;
	kill(pid, SIGTSTP);
	await_chld(1);
	kill(pid, SIGCONT);
	await_chld(2);
	CHECK_EQ(chld_n, 2);
	CHECK_EQ(chld_code[0], CLD_STOPPED);
	CHECK_EQ(chld_status[0], SIGTSTP);
	CHECK_EQ(chld_code[1], CLD_CONTINUED);
	CHECK_EQ(chld_status[1], SIGCONT);
	kill(pid, SIGKILL);
	await_chld(3);
	CHECK_EQ(chld_code[2], CLD_KILLED);
	CHECK_EQ(wait_opt(pid, &st, 0), pid);
}

static void sa_nocldstop_means_no_sigchld_for_stops(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld,
				.sa_flags = SA_SIGINFO | SA_RESTART | SA_NOCLDSTOP };
	pid_t pid;
	int st;

	sigaction(SIGCHLD, &sa, NULL);
	pid = pausing_child();
	if (!CHECK_GT(pid, 0))
		return;
	kill(pid, SIGSTOP);
	CHECK_EQ(wait_opt(pid, &st, WUNTRACED), pid);   /* wait still sees it */
	kill(pid, SIGCONT);
	CHECK_EQ(wait_opt(pid, &st, WCONTINUED), pid);
	usleep(20000);
	CHECK_EQ(chld_n, 0);
	kill(pid, SIGKILL);
	CHECK_EQ(wait_opt(pid, &st, 0), pid);
	CHECK_EQ(chld_n, 1);
}

static void sigkill_kills_a_stopped_process(void)
{
	pid_t pid = pausing_child();
	int st;

	if (!CHECK_GT(pid, 0))
		return;
	kill(pid, SIGSTOP);
	CHECK_EQ(wait_opt(pid, &st, WUNTRACED), pid);
	CHECK_SYS(kill(pid, SIGKILL));
	CHECK_EQ(wait_opt(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

/* Only SIGKILL (and SIGCONT) reach a stopped process: SIGTERM, whose
 * default is to terminate, waits for SIGCONT, then kills (Linux's
 * wants_signal: a stopped task wants SIGKILL alone). */
static void sigterm_waits_for_sigcont(void)
{
	pid_t pid = pausing_child();
	int st;

	if (!CHECK_GT(pid, 0))
		return;
	kill(pid, SIGSTOP);
	CHECK_EQ(wait_opt(pid, &st, WUNTRACED), pid);
	CHECK_SYS(kill(pid, SIGTERM));
	usleep(50000);
	CHECK_EQ(wait_opt(pid, &st, WNOHANG), 0);       /* still stopped */
	CHECK_SYS(kill(pid, SIGCONT));
	CHECK_EQ(wait_opt(pid, &st, 0), pid);
	CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "%s", ut_status_str(st));
}

/* A handled signal sent while stopped waits; its handler runs after SIGCONT. */
static void handler_waits_for_sigcont(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		signal(SIGUSR1, note);
		while (got != SIGUSR1)
			pause();
		_exit(7);
	}
	usleep(20000);
	kill(pid, SIGSTOP);
	CHECK_EQ(wait_opt(pid, &st, WUNTRACED), pid);
	kill(pid, SIGUSR1);
	usleep(50000);
	CHECK_EQ(wait_opt(pid, &st, WNOHANG), 0);
	kill(pid, SIGCONT);
	CHECK_EXITED(pid, 7);
}

/* waitid: WSTOPPED, WCONTINUED, WEXITED with siginfo; WNOWAIT leaves it. */
static void waitid_reports_stop_continue_exit(void)
{
	pid_t pid = pausing_child();
	siginfo_t si;

	if (!CHECK_GT(pid, 0))
		return;
	kill(pid, SIGTTOU);
	memset(&si, 0xff, sizeof(si));
	CHECK_SYS(waitid(P_PID, (id_t)pid, &si, WSTOPPED | WNOWAIT));
	CHECK_EQ(si.si_signo, SIGCHLD);
	CHECK_EQ(si.si_code, CLD_STOPPED);
	CHECK_EQ(si.si_status, SIGTTOU);
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_uid, getuid());
	/* Still there after WNOWAIT, gone after a plain WSTOPPED. */
	memset(&si, 0, sizeof(si));
	CHECK_SYS(waitid(P_ALL, 0, &si, WSTOPPED | WNOHANG));
	CHECK_EQ(si.si_pid, pid);
	memset(&si, 0xff, sizeof(si));
	CHECK_SYS(waitid(P_PID, (id_t)pid, &si, WSTOPPED | WNOHANG));
	CHECK_EQ(si.si_pid, 0);                         /* nothing: zeros */
	CHECK_EQ(si.si_signo, 0);
	kill(pid, SIGCONT);
	memset(&si, 0, sizeof(si));
	CHECK_SYS(waitid(P_PGID, 0, &si, WCONTINUED));
	CHECK_EQ(si.si_code, CLD_CONTINUED);
	CHECK_EQ(si.si_status, SIGCONT);
	kill(pid, SIGKILL);
	memset(&si, 0, sizeof(si));
	CHECK_SYS(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT));
	CHECK_EQ(si.si_code, CLD_KILLED);
	CHECK_EQ(si.si_status, SIGKILL);
	CHECK_EQ(kill(pid, 0), 0);                      /* a zombie, not reaped */
	memset(&si, 0, sizeof(si));
	CHECK_SYS(waitid(P_PID, (id_t)pid, &si, WEXITED));
	CHECK_EQ(si.si_code, CLD_KILLED);
	CHECK_ERR(kill(pid, 0), ESRCH);
	/* An exit's code. */
	pid = fork();
	if (pid == 0)
		_exit(3);
	memset(&si, 0, sizeof(si));
	CHECK_SYS(waitid(P_ALL, 0, &si, WEXITED));
	CHECK_EQ(si.si_code, CLD_EXITED);
	CHECK_EQ(si.si_status, 3);
	CHECK_EQ(si.si_pid, pid);
}

/* waitid's errno matrix, in Linux's order. */
static void waitid_errors(void)
{
	siginfo_t si;

	CHECK_ERR(waitid(P_ALL, 0, &si, 0), EINVAL);             /* nothing to wait for */
	CHECK_ERR(waitid(P_ALL, 0, &si, WEXITED | 0x100), EINVAL);
	CHECK_ERR(waitid(P_PID, 0, &si, WEXITED), EINVAL);
	CHECK_ERR(waitid(P_PID, (id_t)-5, &si, WEXITED), EINVAL);
	CHECK_ERR(waitid(P_PGID, (id_t)-5, &si, WEXITED), EINVAL);
	CHECK_ERR(waitid((idtype_t)9, 0, &si, WEXITED), EINVAL);
	CHECK_ERR(waitid(P_ALL, 0, &si, WEXITED | WNOHANG), ECHILD);
	CHECK_ERR(waitid(P_PID, 1, &si, WEXITED), ECHILD);      /* not our child */
	/* P_PIDFD (3) with a descriptor that is no pidfd. */
	CHECK_ERR(syscall(SYS_waitid, 3, 0, &si, WEXITED, NULL), EBADF);
	CHECK_ERR(syscall(SYS_waitid, 3, -1, &si, WEXITED, NULL), EINVAL);
	/* infop is written whatever happens: a bad one turns errors into EFAULT. */
	CHECK_ERR(syscall(SYS_waitid, P_ALL, 0, (void *)1, 0, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_waitid, P_ALL, 0, (void *)1, WEXITED | WNOHANG, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_waitid, P_ALL, 0, NULL, WEXITED | WNOHANG, NULL), ECHILD);
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	CHECK_ERR(syscall(SYS_waitid, P_PID, pid, &si, WEXITED, (void *)1), EFAULT);
	CHECK_ERR(kill(pid, 0), ESRCH);                 /* reaped all the same */
	CHECK_ERR(wait4(-1, NULL, WSTOPPED << 8, NULL), EINVAL);
	CHECK_ERR(wait4(-1, NULL, WEXITED, NULL), EINVAL);      /* not wait4's */
}

/*
 * The parent of a stopped child in a group of its own exits: the group
 * loses its link to the session (orphaned) with a member stopped, so it
 * gets SIGHUP then SIGCONT. The child notes both in a pipe.
 */
static int hup_pipe = -1;

static void note_to_pipe(int sig)
{
	char c = sig == SIGHUP ? 'H' : 'C';

	write(hup_pipe, &c, 1);
}

static void orphaned_stopped_group_gets_sighup_sigcont(void)
{
	int p[2], q[2];
	char buf[8];
	pid_t c = 0;

	if (!CHECK_SYS(pipe(p)) || !CHECK_SYS(pipe(q)))
		return;
	pid_t mid = fork();

	if (mid == 0) {
		int st;

		c = fork();
		write(q[1], &c, sizeof(c));

		if (c == 0) {
			hup_pipe = p[1];
			signal(SIGHUP, note_to_pipe);
			signal(SIGCONT, note_to_pipe);
			setpgid(0, 0);
			raise(SIGSTOP);
			/* Continued: wait for nothing more than the notes. */
			usleep(100000);
			_exit(0);
		}
		setpgid(c, c);
		waitpid(c, &st, WUNTRACED);     /* stopped: now leave it */
		_exit(WIFSTOPPED(st) ? 0 : 1);
	}
	close(p[1]);
	CHECK_EQ(read(q[0], &c, sizeof(c)), (ssize_t)sizeof(c));
	CHECK_EXITED(mid, 0);
	ssize_t n = read_timeout(p[0], buf, 1, 5000);

	n += read_timeout(p[0], buf + 1, 1, 5000);
	CHECK_EQ(n, 2);
	if (n == 2)
		CHECKF((buf[0] == 'H' && buf[1] == 'C') || (buf[0] == 'C' && buf[1] == 'H'), "%.2s",
		       buf);         /* Linux runs the SIGCONT handler first */
	if (c > 0)
		kill(c, SIGKILL);       /* if it is still stopped */
	close(p[0]), close(q[0]), close(q[1]);
}

/* A group that is orphaned drops SIGTSTP (from a terminal or kill); SIGSTOP stops. */
static void orphaned_group_ignores_sigtstp(void)
{
	int p[2];
	char c = 0;

	if (!CHECK_SYS(pipe(p)))
		return;
	pid_t mid = fork(), g = 0;

	if (mid == 0) {
		g = fork();
		if (g == 0) {
			setsid();       /* a session and group of its own: orphaned */
			raise(SIGTSTP); /* discarded */
			write(p[1], "k", 1);
			_exit(0);
		}
		_exit(g > 0 ? 0 : 1);
	}
	close(p[1]);
	CHECK_EXITED(mid, 0);
	CHECK_EQ(read_timeout(p[0], &c, 1, 5000), 1);
	CHECK_EQ(c, 'k');
	close(p[0]);
}

/* A stop signal pending (blocked) across exec stops the new program once
 * it unblocks: handlers are reset by exec, the pending set and mask stay. */
static void stop_pending_across_exec(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		sigset_t set;

		signal(SIGTSTP, note);
		sigemptyset(&set);
		sigaddset(&set, SIGTSTP);
		sigprocmask(SIG_BLOCK, &set, NULL);
		raise(SIGTSTP);
		execl(ut_self_path(), ut_self_path(), "--unblock-tstp", (char *)NULL);
		_exit(99);
	}
	CHECK_EQ(wait_opt(pid, &st, WUNTRACED), pid);
	CHECKF(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP, "%s", ut_status_str(st));
	kill(pid, SIGCONT);
	CHECK_EXITED(pid, 5);
}

/*
 * A group outlives its leader: the leader exits and is reaped while a
 * member of its group is stopped. The group is not orphaned (the member's
 * parent, this case, is in another group of the session), so nothing
 * continues it; kill(-pgrp, SIGCONT) still reaches it, a new member can
 * still join, and wait reports the continue.
 */
static void stopped_member_of_a_reaped_leaders_group(void)
{
	pid_t leader = fork(), member, joiner;
	int st;

	if (leader == 0) {
		setpgid(0, 0);
		pause();
		_exit(0);
	}
	setpgid(leader, leader);
	member = fork();
	if (member == 0) {
		setpgid(0, leader);
		raise(SIGSTOP);
		for (;;)
			pause();        /* not exit: wait must find the continue, not an exit */
	}
	setpgid(member, leader);
	CHECK_EQ(wait_opt(member, &st, WUNTRACED), member);
	CHECK(WIFSTOPPED(st));
	kill(leader, SIGKILL);
	CHECK_EQ(wait_opt(leader, &st, 0), leader);    /* the leader is reaped */
	CHECK_EQ(getpgid(member), leader);
	usleep(20000);
	CHECK_EQ(wait_opt(member, &st, WNOHANG | WCONTINUED), 0);      /* still stopped */
	joiner = fork();
	if (joiner == 0) {
		_exit(setpgid(0, leader) == 0 ? 0 : 1);        /* the group exists */
	}
	CHECK_EXITED(joiner, 0);
	CHECK_SYS(kill(-leader, SIGCONT));
	CHECK_EQ(wait_opt(member, &st, WCONTINUED), member);
	CHECK(WIFCONTINUED(st));
	kill(member, SIGKILL);
	CHECK_EQ(wait_opt(member, &st, 0), member);
	CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "%s", ut_status_str(st));
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--unblock-tstp") == 0) {
		sigset_t set;

		sigemptyset(&set);
		sigaddset(&set, SIGTSTP);
		sigprocmask(SIG_UNBLOCK, &set, NULL);  /* stops here */
		return 5;
	}
	ut_init(argc, argv);
	RUN(sigstop_stops_and_sigcont_continues);
	RUN(wait_without_wuntraced_ignores_stop);
	RUN(stopped_child_does_not_run);
	RUN(tstp_ttin_ttou_stop);
	RUN(sigtstp_handler_runs_instead_of_stop);
	RUN(raise_sigstop_stops_self);
	RUN(sigcont_and_stop_signals_cancel_pending);
	RUN(sigchld_reports_cld_stopped_and_cld_continued);
	RUN(sa_nocldstop_means_no_sigchld_for_stops);
	RUN(sigkill_kills_a_stopped_process);
	RUN(sigterm_waits_for_sigcont);
	RUN(handler_waits_for_sigcont);
	RUN(waitid_reports_stop_continue_exit);
	RUN(waitid_errors);
	RUN(orphaned_stopped_group_gets_sighup_sigcont);
	RUN(orphaned_group_ignores_sigtstp);
	RUN(stop_pending_across_exec);
	RUN(stopped_member_of_a_reaped_leaders_group);
	return ut_done();
}
