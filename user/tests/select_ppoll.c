/*
 * select_ppoll.c - select(2), pselect6(2) and ppoll(2): readiness of
 * pipes (a pipe with no writers is readable, POLLHUP), regular files,
 * /dev/null and terminals (a pty slave in canonical mode is readable
 * only with a whole line); the timeout and the time left written back;
 * the signal mask in force while they wait (EINTR when it lets a signal
 * in, the old mask back afterwards); and their EINVAL, EBADF and EFAULT
 * cases, in Linux's order. The raw system calls are used where glibc and
 * musl would copy or check arguments themselves.
 */
#include "utest.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>

struct k_timespec {
	long tv_sec, tv_nsec;
};

struct k_timeval {
	long tv_sec, tv_usec;
};

static long sys_select(int n, fd_set *in, fd_set *out, fd_set *ex, void *tv)
{
	return syscall(SYS_select, n, in, out, ex, tv);
}

static long sys_pselect6(int n, fd_set *in, fd_set *out, fd_set *ex, void *ts, const sigset_t *mask)
{
	struct {
		const sigset_t *p;
		size_t size;
	} pack = { mask, 8 };

	return syscall(SYS_pselect6, n, in, out, ex, ts, mask ? &pack : NULL);
}

static long sys_ppoll(struct pollfd *fds, unsigned long n, void *ts, const sigset_t *mask,
		      size_t size)
{
	return syscall(SYS_ppoll, fds, n, ts, mask, size);
}

static void select_pipe_readiness(void)
{
	int p[2];
	fd_set in, out;
	struct k_timeval tv = { 0, 0 };

	if (!CHECK_SYS(pipe(p)))
		return;
	FD_ZERO(&in);
	FD_ZERO(&out);
	FD_SET(p[0], &in);
	FD_SET(p[1], &out);
	CHECK_EQ(sys_select(p[1] + 1, &in, &out, NULL, &tv), 1);
	CHECK(!FD_ISSET(p[0], &in));
	CHECK(FD_ISSET(p[1], &out));
	write(p[1], "x", 1);
	FD_ZERO(&in);
	FD_ZERO(&out);
	FD_SET(p[0], &in);
	FD_SET(p[1], &out);
	FD_SET(p[0], &out);                             /* a read end is never writable */
	CHECK_EQ(sys_select(p[1] + 1, &in, &out, NULL, &tv), 2);
	CHECK(FD_ISSET(p[0], &in));
	CHECK(FD_ISSET(p[1], &out));
	CHECK(!FD_ISSET(p[0], &out));
	/* No writer left: readable (end of file), and POLLHUP for poll. */
	char c;

	read(p[0], &c, 1);
	close(p[1]);
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	CHECK_EQ(sys_select(p[0] + 1, &in, NULL, NULL, &tv), 1);
	struct pollfd pf = { .fd = p[0], .events = POLLIN };
	struct k_timespec ts = { 0, 0 };

	CHECK_EQ(sys_ppoll(&pf, 1, &ts, NULL, 8), 1);
	CHECK_EQ(pf.revents, POLLHUP);
	close(p[0]);
}

static void select_files_and_dev_null_always_ready(void)
{
	int f = open("/dev/null", O_RDWR), r = open(ut_self_path(), O_RDONLY);
	fd_set in, out;
	struct k_timeval tv = { 0, 0 };

	if (!CHECK_SYS(f) || !CHECK_SYS(r))
		return;
	FD_ZERO(&in);
	FD_ZERO(&out);
	FD_SET(f, &in);
	FD_SET(r, &in);
	FD_SET(f, &out);
	CHECK_EQ(sys_select((f > r ? f : r) + 1, &in, &out, NULL, &tv), 3);
	struct pollfd pf[2] = { { .fd = f, .events = POLLIN | POLLOUT },
				{ .fd = r, .events = POLLIN | POLLPRI } };

	CHECK_EQ(sys_ppoll(pf, 2, &(struct k_timespec){ 0, 0 }, NULL, 8), 2);
	CHECK_EQ(pf[0].revents, POLLIN | POLLOUT);
	CHECK_EQ(pf[1].revents, POLLIN);
	close(f);
	close(r);
}

static void select_pty_slave_needs_a_whole_line(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), s;
	char name[64];
	fd_set in;
	struct k_timeval tv = { 0, 0 };

	if (!CHECK_SYS(m) || !CHECK_SYS(unlockpt(m)) || ptsname_r(m, name, sizeof(name)))
		return;
	if (!CHECK_SYS(s = open(name, O_RDWR | O_NOCTTY)))
		return;
	write(m, "half", 4);
	usleep(20000);
	FD_ZERO(&in);
	FD_SET(s, &in);
	CHECK_EQ(sys_select(s + 1, &in, NULL, NULL, &tv), 0);
	write(m, "\n", 1);
	FD_ZERO(&in);
	FD_SET(s, &in);
	tv.tv_sec = 5;
	CHECK_EQ(sys_select(s + 1, &in, NULL, NULL, &tv), 1);
	/* The master shows the echo: readable too. */
	FD_ZERO(&in);
	FD_SET(m, &in);
	tv = (struct k_timeval){ 5, 0 };
	CHECK_EQ(sys_select(m + 1, &in, NULL, NULL, &tv), 1);
	close(s);
	close(m);
}

static void select_timeout_is_written_back(void)
{
	struct k_timeval tv = { 0, 30000 };
	struct k_timespec ts = { 0, 30000000 };

	CHECK_EQ(sys_select(0, NULL, NULL, NULL, &tv), 0);      /* a 30 ms sleep */
	CHECK_EQ(tv.tv_sec, 0);
	CHECK_EQ(tv.tv_usec, 0);                                 /* nothing left */
	CHECK_EQ(sys_pselect6(0, NULL, NULL, NULL, &ts, NULL), 0);
	CHECK_EQ(ts.tv_nsec, 0);
	ts = (struct k_timespec){ 0, 30000000 };
	CHECK_EQ(sys_ppoll(NULL, 0, &ts, NULL, 8), 0);
	CHECK_EQ(ts.tv_nsec, 0);
	/* A ready descriptor: some time is left. */
	int p[2];
	fd_set out;

	if (!CHECK_SYS(pipe(p)))
		return;
	FD_ZERO(&out);
	FD_SET(p[1], &out);
	tv = (struct k_timeval){ 100, 0 };
	CHECK_EQ(sys_select(p[1] + 1, NULL, &out, NULL, &tv), 1);
	CHECK_GT(tv.tv_sec, 90);
	/* tv_usec past a second carries into the seconds. */
	tv = (struct k_timeval){ 0, 1500000 };
	FD_SET(p[1], &out);
	CHECK_EQ(sys_select(p[1] + 1, NULL, &out, NULL, &tv), 1);
	CHECK_EQ(tv.tv_sec, 1);
	close(p[0]);
	close(p[1]);
}

static void select_errors(void)
{
	int p[2], closed;
	fd_set in;
	struct k_timeval tv = { 0, 0 };

	if (!CHECK_SYS(pipe(p)))
		return;
	closed = dup(p[0]);
	close(closed);
	FD_ZERO(&in);
	FD_SET(closed, &in);
	CHECK_ERR(sys_select(closed + 1, &in, NULL, NULL, &tv), EBADF);
	CHECK_EQ(sys_select(closed, &in, NULL, NULL, &tv), 0);  /* beyond n: not looked at */
	CHECK_ERR(sys_select(-1, NULL, NULL, NULL, &tv), EINVAL);
	tv = (struct k_timeval){ -1, 0 };
	CHECK_ERR(sys_select(0, NULL, NULL, NULL, &tv), EINVAL);
	tv = (struct k_timeval){ 0, -1 };
	CHECK_ERR(sys_select(0, NULL, NULL, NULL, &tv), EINVAL);
	tv = (struct k_timeval){ 0, 0 };
	CHECK_ERR(sys_select(1, (fd_set *)1, NULL, NULL, &tv), EFAULT);
	CHECK_ERR(sys_select(1, NULL, NULL, NULL, (void *)1), EFAULT);
	FD_ZERO(&in);
	FD_SET(p[0], &in);
	CHECK_EQ(sys_select(100000, &in, NULL, NULL, &tv), 0);  /* n beyond the table: clipped */
	struct k_timespec ts = { 0, 1000000000 };

	CHECK_ERR(sys_pselect6(0, NULL, NULL, NULL, &ts, NULL), EINVAL);
	ts = (struct k_timespec){ -1, 0 };
	CHECK_ERR(sys_pselect6(0, NULL, NULL, NULL, &ts, NULL), EINVAL);
	ts = (struct k_timespec){ 0, 0 };
	CHECK_ERR(sys_pselect6(0, NULL, NULL, NULL, (void *)1, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, (void *)1), EFAULT);
	struct {
		const sigset_t *p;
		size_t size;
	} pack = { NULL, 4 };

	/* No mask: its size is not looked at. */
	CHECK_EQ(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &pack), 0);
	sigset_t set;

	sigemptyset(&set);
	pack.p = &set;
	CHECK_ERR(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &pack), EINVAL);
	pack.size = 8;
	pack.p = (void *)1;
	CHECK_ERR(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &pack), EFAULT);
	close(p[0]);
	close(p[1]);
}

static void ppoll_errors(void)
{
	struct pollfd pf = { .fd = 0, .events = POLLIN };
	struct k_timespec ts = { 0, -1 };
	sigset_t set;
	struct rlimit rl;

	sigemptyset(&set);
	CHECK_ERR(sys_ppoll(&pf, 1, &ts, NULL, 8), EINVAL);
	ts = (struct k_timespec){ -1, 0 };
	CHECK_ERR(sys_ppoll(&pf, 1, &ts, NULL, 8), EINVAL);
	ts = (struct k_timespec){ 0, 0 };
	CHECK_ERR(sys_ppoll(&pf, 1, &ts, &set, 4), EINVAL);
	CHECK_ERR(sys_ppoll(&pf, 1, &ts, (void *)1, 8), EFAULT);
	CHECK_ERR(sys_ppoll(&pf, 1, (void *)1, NULL, 8), EFAULT);
	CHECK_ERR(sys_ppoll((void *)1, 1, &ts, NULL, 8), EFAULT);
	getrlimit(RLIMIT_NOFILE, &rl);
	CHECK_ERR(sys_ppoll(&pf, rl.rlim_cur + 1, &ts, NULL, 8), EINVAL);
	/* A timeout that cannot be written back is left alone: the call works. */
	CHECK_EQ(sys_ppoll(NULL, 0, (void *)&(const struct k_timespec){ 0, 1000 }, NULL, 8), 0);
}

static volatile sig_atomic_t usr1;

static void on_usr1(int sig)
{
	(void)sig;
	usr1++;
}

/* Send SIGUSR1 to the caller in 30 ms, from a child. */
static pid_t usr1_soon(void)
{
	pid_t me = getpid(), pid = fork();

	if (pid == 0) {
		usleep(30000);
		kill(me, SIGUSR1);
		_exit(0);
	}
	return pid;
}

/* Whether SIGUSR1 is blocked now. */
static bool usr1_blocked(void)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, SIGUSR1);
}

/*
 * The mask of ppoll and pselect6 is the one in force while they wait:
 * SIGUSR1, blocked before, gets in (EINTR, its handler runs), and is
 * blocked again afterwards. A mask that blocks it keeps it out.
 */
static void ppoll_pselect6_masks(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t block, open_set;
	struct k_timespec ts;

	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	sigemptyset(&open_set);

	pid_t pid = usr1_soon();

	ts = (struct k_timespec){ 5, 0 };
	CHECK_ERR(sys_ppoll(NULL, 0, &ts, &open_set, 8), EINTR);
	CHECK_EQ(usr1, 1);
	CHECK(usr1_blocked());
	CHECK_LT(ts.tv_sec, 5);                         /* the time left */
	CHECK_EXITED(pid, 0);

	pid = usr1_soon();
	ts = (struct k_timespec){ 5, 0 };
	CHECK_ERR(sys_pselect6(0, NULL, NULL, NULL, &ts, &open_set), EINTR);
	CHECK_EQ(usr1, 2);
	CHECK(usr1_blocked());
	CHECK_EXITED(pid, 0);

	/* Blocked by the call's mask: it waits out its time; SIGUSR1 stays pending. */
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	pid = usr1_soon();
	ts = (struct k_timespec){ 0, 200000000 };
	CHECK_EQ(sys_ppoll(NULL, 0, &ts, &block, 8), 0);
	CHECK_EXITED(pid, 0);
	CHECK_EQ(usr1, 3);                              /* delivered once the mask went */
	/* Plain select is interrupted by a handled signal: EINTR. */
	pid = usr1_soon();
	struct k_timeval tv = { 5, 0 };

	CHECK_ERR(sys_select(0, NULL, NULL, NULL, &tv), EINTR);
	CHECK_EQ(usr1, 4);
	CHECK_EXITED(pid, 0);
}

/* A select of more descriptors than fit on the kernel's stack (it
 * allocates), sleeping once, and a ppoll: nothing stays allocated. */
static void select_cycle(void)
{
	int p[2], d[12];
	fd_set in;
	struct k_timeval tv = { 0, 1000 };
	int top = 0;

	if (pipe(p))
		return;
	for (int i = 0; i < 12; i++) {
		d[i] = dup(p[0]);
		if (d[i] > top)
			top = d[i];
	}
	FD_ZERO(&in);
	for (int i = 0; i < 12; i++)
		FD_SET(d[i], &in);
	sys_select(top + 1, &in, NULL, NULL, &tv);
	struct pollfd pf = { .fd = p[0], .events = POLLIN };

	sys_ppoll(&pf, 1, &(struct k_timespec){ 0, 1000 }, NULL, 8);
	for (int i = 0; i < 12; i++)
		close(d[i]);
	close(p[0]);
	close(p[1]);
}

static void select_leaks_nothing(void)
{
	struct k_timeval tv = { 0, 0 };

	if (!CHECK_SYS(sys_select(0, NULL, NULL, NULL, &tv)))   /* the cycle does something */
		return;
	ut_check_no_leak(select_cycle, 50, "selects of 12 pipe ends");
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(select_pipe_readiness);
	RUN(select_files_and_dev_null_always_ready);
	RUN(select_pty_slave_needs_a_whole_line);
	RUN(select_timeout_is_written_back);
	RUN(select_errors);
	RUN(ppoll_errors);
	RUN(ppoll_pselect6_masks);
	RUN(select_leaks_nothing);
	return ut_done();
}
