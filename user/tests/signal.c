/*
 * signal.c - signal delivery: handlers and their siginfo, masks, pending
 * signals, SA_* flags, default actions, SIGCHLD, and how a signal ends a
 * blocking call: EINTR, or a transparent restart under SA_RESTART.
 *
 * Signals that must arrive while this process sleeps in a system call come
 * from a "pinger", a child that sends one every few milliseconds until it
 * is stopped: the first ones may land before the call starts sleeping (the
 * handler just runs), the later ones find it asleep. That keeps the cases
 * free of timing guesses. The register-level checks of sigreturn are in
 * signal_regs.c.
 */
#include "utest.h"

#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t hits, last_sig, blocked_in_handler, other_blocked_in_handler;
static volatile siginfo_t last_info;
static volatile sig_atomic_t had_ucontext;

static void on_signal(int sig)
{
	sigset_t now;

	hits++;
	last_sig = sig;
	sigprocmask(SIG_BLOCK, NULL, &now);
	blocked_in_handler = sigismember(&now, sig);
	other_blocked_in_handler = sigismember(&now, SIGUSR2);
}

static void on_siginfo(int sig, siginfo_t *info, void *uc)
{
	hits++;
	last_sig = sig;
	memcpy((void *)&last_info, info, sizeof(*info));
	had_ucontext = uc != NULL;
}

/* Install fn for sig with flags (and SA_SIGINFO for a three-argument fn). */
static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	CHECK_SYS(sigaction(sig, &sa, NULL));
}

static void handle_info(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = flags | SA_SIGINFO;
	CHECK_SYS(sigaction(sig, &sa, NULL));
}

/* A child that sends sig to us every interval_us until stop_pinger(). */
static pid_t start_pinger(int sig, int interval_us)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		while (getppid() == parent) {
			usleep((useconds_t)interval_us);
			kill(parent, sig);
		}
		_exit(0);
	}
	return pid;
}

static void stop_pinger(pid_t pid)
{
	kill(pid, SIGKILL);
	ut_wait(pid);
}

static void handler_runs_with_siginfo(void)
{
	handle_info(SIGUSR1, on_siginfo, 0);
	CHECK_SYS(kill(getpid(), SIGUSR1));
	/* A signal we send ourselves is delivered before kill() returns. */
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGUSR1);
	CHECK_EQ(last_info.si_signo, SIGUSR1);
	CHECK_EQ(last_info.si_code, SI_USER);
	CHECK_EQ(last_info.si_pid, getpid());
	CHECK_EQ(last_info.si_uid, getuid());
	CHECK(had_ucontext);
	/* raise() sends with tkill/tgkill: si_code says so. */
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(hits, 2);
	CHECK_EQ(last_info.si_code, SI_TKILL);
}

static void handler_gets_signal_number(void)
{
	handle(SIGUSR1, on_signal, 0);
	handle(SIGUSR2, on_signal, 0);
	kill(getpid(), SIGUSR2);
	CHECK_EQ(last_sig, SIGUSR2);
	kill(getpid(), SIGUSR1);
	CHECK_EQ(last_sig, SIGUSR1);
	CHECK_EQ(hits, 2);
}

static void blocked_then_pending_then_delivered(void)
{
	sigset_t set, pending;

	handle(SIGUSR1, on_signal, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &set, NULL));
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);	/* a standard signal is not queued twice */
	CHECK_EQ(hits, 0);
	CHECK_SYS(sigpending(&pending));
	CHECK(sigismember(&pending, SIGUSR1));
	CHECK(!sigismember(&pending, SIGUSR2));
	CHECK_SYS(sigprocmask(SIG_UNBLOCK, &set, NULL));
	CHECK_EQ(hits, 1);	/* delivered as the mask opened, once */
	CHECK_SYS(sigpending(&pending));
	CHECK(!sigismember(&pending, SIGUSR1));
}

/* During a handler its signal and sa_mask are blocked; after, not. */
static void handler_mask_blocks_and_restores(void)
{
	struct sigaction sa;
	sigset_t now;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	kill(getpid(), SIGUSR1);
	CHECK_EQ(hits, 1);
	CHECK(blocked_in_handler);
	CHECK(other_blocked_in_handler);
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &now));
	CHECK(!sigismember(&now, SIGUSR1));
	CHECK(!sigismember(&now, SIGUSR2));
}

static void sa_nodefer_leaves_signal_unblocked(void)
{
	handle(SIGUSR1, on_signal, SA_NODEFER);
	kill(getpid(), SIGUSR1);
	CHECK_EQ(hits, 1);
	CHECK(!blocked_in_handler);
}

static void sa_resethand_runs_once(void)
{
	struct sigaction sa;

	handle(SIGUSR1, on_signal, SA_RESETHAND);
	kill(getpid(), SIGUSR1);
	CHECK_EQ(hits, 1);
	CHECK_SYS(sigaction(SIGUSR1, NULL, &sa));
	CHECK(sa.sa_handler == SIG_DFL);
}

static void ignored_signal_is_discarded(void)
{
	sigset_t pending;

	handle(SIGUSR1, SIG_IGN, 0);
	kill(getpid(), SIGUSR1);
	CHECK_SYS(sigpending(&pending));
	CHECK(!sigismember(&pending, SIGUSR1));
	handle(SIGUSR1, on_signal, 0);
	CHECK_EQ(hits, 0);	/* nothing was left to deliver */
}

static void sigkill_and_sigstop_cannot_be_caught(void)
{
	struct sigaction sa;
	sigset_t all, now;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERR(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigaction, 0, NULL, NULL, 8), EINVAL);
	CHECK_ERR(syscall(SYS_rt_sigaction, 65, NULL, NULL, 8), EINVAL);
	/* A sigsetsize other than 8. */
	CHECK_ERR(syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4), EINVAL);
	/* Blocking everything blocks neither of them. */
	sigfillset(&all);
	CHECK_SYS(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, 8));
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &now));
	CHECK(!sigismember(&now, SIGKILL));
	CHECK(!sigismember(&now, SIGSTOP));
	CHECK(sigismember(&now, SIGUSR1));
	CHECK(sigismember(&now, SIGTERM));
}

/* The default actions: terminate, ignore. */
static void default_actions(void)
{
	static const int ignored[] = { SIGCHLD, SIGWINCH, SIGURG, SIGCONT };
	static const int fatal[] = { SIGHUP, SIGSEGV, SIGUSR2, SIGPIPE, SIGQUIT, SIGABRT };

	for (unsigned i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++) {
		pid_t pid = fork();

		if (pid == 0) {
			kill(getpid(), ignored[i]);
			_exit(0);
		}
		int st = ut_wait(pid);
		CHECKF(st == 0, "signal %d (%s): child %s, default is ignore", ignored[i],
		       strsignal(ignored[i]), ut_status_str(st));
	}
	for (unsigned i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		pid_t pid = fork();

		if (pid == 0) {
			kill(getpid(), fatal[i]);
			_exit(0);
		}
		int st = ut_wait(pid);
		/* Core-dumping signals may set the core bit (0x80): no matter. */
		CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == fatal[i],
		       "signal %d (%s): child %s, default is terminate", fatal[i],
		       strsignal(fatal[i]), ut_status_str(st));
	}
}

static void sigchld_on_child_exit(void)
{
	sigset_t block, empty;
	pid_t pid;

	handle_info(SIGCHLD, on_siginfo, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigemptyset(&empty);
	sigprocmask(SIG_BLOCK, &block, NULL);
	pid = fork();
	if (pid == 0)
		_exit(3);
	CHECK_ERR(sigsuspend(&empty), EINTR);	/* returns once SIGCHLD ran */
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_info.si_signo, SIGCHLD);
	CHECK_EQ(last_info.si_code, CLD_EXITED);
	CHECK_EQ(last_info.si_pid, pid);
	CHECK_EQ(last_info.si_status, 3);
	CHECK_EXITED(pid, 3);
	/* And for a child killed by a signal. */
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGKILL);
	CHECK_ERR(sigsuspend(&empty), EINTR);
	CHECK_EQ(hits, 2);
	CHECK_EQ(last_info.si_code, CLD_KILLED);
	CHECK_EQ(last_info.si_pid, pid);
	CHECK_EQ(last_info.si_status, SIGKILL);
	ut_wait(pid);
}

/* A read of an empty pipe, interrupted by a handler without SA_RESTART. */
static void read_interrupted_gets_eintr(void)
{
	int p[2];
	char c;
	pid_t pinger;

	if (!CHECK_SYS(pipe(p)))
		return;
	handle(SIGUSR1, on_signal, 0);
	pinger = start_pinger(SIGUSR1, 20000);
	/* We hold the write end: no end of file, the read can only block. */
	CHECK_ERR(read(p[0], &c, 1), EINTR);
	stop_pinger(pinger);
	CHECK_GE(hits, 1);
}

/* Under SA_RESTART the same read is restarted and gets its data. */
static void read_restarted_under_sa_restart(void)
{
	int p[2];
	char c = 0;
	pid_t pinger, writer;

	if (!CHECK_SYS(pipe(p)))
		return;
	handle(SIGUSR1, on_signal, SA_RESTART);
	pinger = start_pinger(SIGUSR1, 10000);
	writer = fork();
	if (writer == 0) {
		usleep(300 * 1000);
		write(p[1], "d", 1);
		_exit(0);
	}
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(c, 'd');
	stop_pinger(pinger);
	CHECK_GE(hits, 2);	/* it was interrupted, and restarted */
	CHECK_EXITED(writer, 0);
}

static void wait4_interrupted_gets_eintr(void)
{
	int p[2];
	pid_t pinger, child;

	if (!CHECK_SYS(pipe(p)))
		return;
	handle(SIGUSR1, on_signal, 0);
	child = fork();
	if (child == 0) {
		char c;

		close(p[1]);
		read(p[0], &c, 1);	/* until we are told */
		_exit(0);
	}
	pinger = start_pinger(SIGUSR1, 20000);
	CHECK_ERR(wait4(child, NULL, 0, NULL), EINTR);
	stop_pinger(pinger);
	close(p[1]);
	CHECK_EXITED(child, 0);
}

static void wait4_restarted_under_sa_restart(void)
{
	int st = -1;
	pid_t pinger, child;

	handle(SIGUSR1, on_signal, SA_RESTART);
	child = fork();
	if (child == 0) {
		usleep(300 * 1000);
		_exit(6);
	}
	pinger = start_pinger(SIGUSR1, 10000);
	CHECK_EQ(wait4(child, &st, 0, NULL), child);
	stop_pinger(pinger);
	CHECK_EQ(st, 6 << 8);
	CHECK_GE(hits, 2);
}

/* nanosleep is never restarted: EINTR, and the time that was left. */
static void nanosleep_interrupted_reports_remaining(void)
{
	struct timespec req = { .tv_sec = 5 }, rem = { 0, 0 };
	pid_t pinger;

	handle(SIGUSR1, on_signal, SA_RESTART);
	pinger = start_pinger(SIGUSR1, 50000);
	CHECK_ERR(nanosleep(&req, &rem), EINTR);
	stop_pinger(pinger);
	CHECK_GE(rem.tv_sec, 2);	/* most of 5 s was left */
	CHECK_LE(rem.tv_sec, 4);
	CHECK_LT(rem.tv_nsec, 1000000000L);
}

static void pause_returns_after_handler(void)
{
	pid_t pinger;

	handle(SIGUSR1, on_signal, SA_RESTART);
	pinger = start_pinger(SIGUSR1, 20000);
	CHECK_ERR(pause(), EINTR);
	stop_pinger(pinger);
	CHECK_GE(hits, 1);
}

/* sigsuspend() opens the mask while it waits, then closes it again. */
static void sigsuspend_swaps_the_mask(void)
{
	sigset_t block, empty, now;
	pid_t pinger;

	handle(SIGUSR1, on_signal, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	sigprocmask(SIG_BLOCK, &block, NULL);
	pinger = start_pinger(SIGUSR1, 20000);
	usleep(100 * 1000);	/* pings arrive and stay pending */
	CHECK_EQ(hits, 0);
	CHECK_ERR(sigsuspend(&empty), EINTR);
	CHECK_EQ(hits, 1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &now));
	CHECK(sigismember(&now, SIGUSR1));
	stop_pinger(pinger);
}

static void on_alarm(int sig)
{
	(void)sig;
	hits++;
}

static void alarm_and_itimer_deliver_sigalrm(void)
{
	struct itimerval it = { .it_value = { .tv_usec = 50000 } }, left;
	sigset_t block, empty;

	handle(SIGALRM, on_alarm, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigemptyset(&empty);
	sigprocmask(SIG_BLOCK, &block, NULL);
	CHECK_SYS(setitimer(ITIMER_REAL, &it, NULL));
	CHECK_ERR(sigsuspend(&empty), EINTR);
	CHECK_EQ(hits, 1);
	CHECK_SYS(getitimer(ITIMER_REAL, &left));
	CHECK_EQ(left.it_value.tv_sec, 0);	/* one-shot: disarmed */
	CHECK_EQ(left.it_value.tv_usec, 0);
	/* alarm() arms the same timer and says what was left of it. */
	CHECK_EQ(alarm(10), 0);
	CHECK_SYS(getitimer(ITIMER_REAL, &left));
	CHECK_GE(left.it_value.tv_sec, 8);
	unsigned rest = alarm(0);
	CHECK(rest == 9 || rest == 10);
	CHECK_EQ(alarm(0), 0);
}

static void kill_errors(void)
{
	CHECK_EQ(kill(getpid(), 0), 0);
	CHECK_ERR(kill(getpid(), 65), EINVAL);
	CHECK_ERR(kill(getpid(), -1), EINVAL);
	CHECK_ERR(kill(4000000, 0), ESRCH);	/* above Linux's largest pid_max */
	CHECK_ERR(kill(-4000000, 0), ESRCH);
}

static char nest_order[8];
static volatile sig_atomic_t nest_n;

static void note_order(int sig)
{
	nest_order[nest_n++] = sig == SIGHUP ? 'H' : sig == SIGUSR1 ? 'U' : 'C';
}

/*
 * Signals pending together all get their frames before user code runs
 * again, each on top of the last: the highest number's handler runs
 * first and returns into the next (Linux's exit_to_user_mode_loop).
 * keyhole set up one frame per return to user mode, and ran them lowest
 * first (HUC, Linux CUH).
 */
static void pending_handlers_run_highest_first(void)
{
	sigset_t m;

	sigemptyset(&m);
	sigaddset(&m, SIGHUP);
	sigaddset(&m, SIGUSR1);
	sigaddset(&m, SIGCONT);
	signal(SIGHUP, note_order);
	signal(SIGUSR1, note_order);
	signal(SIGCONT, note_order);
	sigprocmask(SIG_BLOCK, &m, NULL);
	raise(SIGHUP);
	raise(SIGCONT);
	raise(SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &m, NULL);
	CHECK_EQ(nest_n, 3);
	CHECK_STR(nest_order, "CUH");
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(handler_runs_with_siginfo);
	RUN(handler_gets_signal_number);
	RUN(blocked_then_pending_then_delivered);
	RUN(handler_mask_blocks_and_restores);
	RUN(sa_nodefer_leaves_signal_unblocked);
	RUN(sa_resethand_runs_once);
	RUN(ignored_signal_is_discarded);
	RUN(sigkill_and_sigstop_cannot_be_caught);
	RUN(default_actions);
	RUN(sigchld_on_child_exit);
	RUN(read_interrupted_gets_eintr);
	RUN(read_restarted_under_sa_restart);
	RUN(wait4_interrupted_gets_eintr);
	RUN(wait4_restarted_under_sa_restart);
	RUN(nanosleep_interrupted_reports_remaining);
	RUN(pause_returns_after_handler);
	RUN(sigsuspend_swaps_the_mask);
	RUN(alarm_and_itimer_deliver_sigalrm);
	RUN(kill_errors);
	RUN(pending_handlers_run_highest_first);
	return ut_done();
}
