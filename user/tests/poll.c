/*
 * poll.c - poll(2) on pipes, closed descriptors, /dev/null and the
 * clock: readiness bits as Linux sets them, sleeping until a writer comes,
 * the timeout, EINTR, bad arguments, and no memory left behind.
 *
 * musl's start-up calls poll on descriptors 0-2 in every program whose
 * real and effective ids differ (a set-user-ID program), and dies if poll
 * fails: without poll no such program could run (priv_checks.c).
 */
#include "utest.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* poll one descriptor for events, without waiting; its revents or -1. */
static int revents(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

static void poll_pipe_readiness(void)
{
	int p[2];
	char c;

	if (!CHECK_SYS(pipe(p)))
		return;
	CHECK_EQ(revents(p[0], POLLIN), 0);
	CHECK_EQ(revents(p[1], POLLOUT), POLLOUT);
	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_EQ(revents(p[0], POLLIN | POLLOUT), POLLIN);
	CHECK_SYS(close(p[1]));
	CHECK_EQ(revents(p[0], POLLIN), POLLIN | POLLHUP);      /* data, and no writer */
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(revents(p[0], 0), POLLHUP);    /* asked for nothing: still told */
	CHECK_SYS(close(p[0]));

	if (!CHECK_SYS(pipe(p)))
		return;
	CHECK_SYS(close(p[0]));
	CHECK_EQ(revents(p[1], POLLOUT), POLLOUT | POLLERR);    /* no reader */
	CHECK_SYS(close(p[1]));
}

static void poll_closed_fd_pollnval(void)
{
	struct pollfd p[3] = { { .fd = 100, .events = POLLIN }, { .fd = -1, .events = POLLIN },
			       { .fd = -5, .events = POLLIN } };

	p[1].revents = p[2].revents = 77;
	CHECK_EQ(poll(p, 3, 0), 1);
	CHECK_EQ(p[0].revents, POLLNVAL);
	CHECK_EQ(p[1].revents, 0);              /* negative: ignored, revents 0 */
	CHECK_EQ(p[2].revents, 0);
}

static void poll_dev_null_always_ready(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (!CHECK_SYS(fd))
		return;
	CHECK_EQ(revents(fd, POLLIN | POLLOUT), POLLIN | POLLOUT);
	close(fd);
}

/* Asleep in poll until a child writes 50 ms later. */
static void poll_sleeps_until_writer(void)
{
	int p[2];

	if (!CHECK_SYS(pipe(p)))
		return;
	long long t0 = now_ms();
	pid_t pid = ut_fork();
	if (pid == 0) {
		usleep(50000);
		CHECK_EQ(write(p[1], "x", 1), 1);
		ut_child_exit();
	}
	struct pollfd fds[2] = { { .fd = p[0], .events = POLLIN }, { .fd = p[0], .events = POLLPRI } };
	CHECK_EQ(poll(fds, 2, -1), 1);
	CHECK_EQ(fds[0].revents, POLLIN);
	CHECK_EQ(fds[1].revents, 0);
	CHECK_GE(now_ms() - t0, 40);
	CHECK_EXITED(pid, 0);
	close(p[0]);
	close(p[1]);
}

/* Nothing comes: 0 after the timeout, by the clock. */
static void poll_timeout(void)
{
	int p[2];

	if (!CHECK_SYS(pipe(p)))
		return;
	struct pollfd fd = { .fd = p[0], .events = POLLIN };
	long long t0 = now_ms();
	CHECK_EQ(poll(&fd, 1, 100), 0);
	CHECK_GE(now_ms() - t0, 100);
	CHECK_EQ(fd.revents, 0);
	CHECK_EQ(poll(NULL, 0, 20), 0);         /* no descriptors: a sleep */
	close(p[0]);
	close(p[1]);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A handler ends the wait with EINTR, SA_RESTART or not (never restarted). */
static void poll_eintr(void)
{
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	struct itimerval it = { .it_value = { 0, 50000 } };
	int p[2];

	if (!CHECK_SYS(pipe(p)))
		return;
	CHECK_SYS(sigaction(SIGALRM, &sa, NULL));
	CHECK_SYS(setitimer(ITIMER_REAL, &it, NULL));
	struct pollfd fd = { .fd = p[0], .events = POLLIN };
	CHECK_ERR(poll(&fd, 1, 5000), EINTR);
	close(p[0]);
	close(p[1]);
}

static void poll_bad_arguments(void)
{
	struct pollfd fd = { .fd = 0, .events = POLLIN };

	/* The raw call: the compiler knows these are wrong. */
	CHECK_ERR(syscall(SYS_poll, 8L, 1L, 0L), EFAULT);
	CHECK_ERR(syscall(SYS_poll, &fd, 0x7fffffffL, 0L), EINVAL);     /* above RLIMIT_NOFILE */
}

/* The limit on nfds is the caller's RLIMIT_NOFILE, not the size of the
 * descriptor table (keyhole checked NR_OPEN, 256, whatever the limit). */
static void poll_nfds_above_rlimit_nofile_einval(void)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		struct pollfd fds[17];
		struct rlimit lim = { 16, 16 };

		for (int i = 0; i < 17; i++)
			fds[i] = (struct pollfd){ .fd = -1 };
		CHECK_SYS(setrlimit(RLIMIT_NOFILE, &lim));
		CHECK_EQ(poll(fds, 16, 0), 0);
		CHECK_ERR(poll(fds, 17, 0), EINVAL);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

static void poll_cycle(void)
{
	int p[2];
	struct pollfd fds[3];

	if (!CHECK_SYS(pipe(p)))
		return;
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	fds[2] = (struct pollfd){ .fd = 200, .events = POLLIN };
	poll(fds, 3, 0);
	poll(fds, 1, 1);                        /* sleeps on the pipe, times out */
	close(p[0]);
	close(p[1]);
}

static void poll_leaks_nothing(void)
{
	ut_check_no_leak(poll_cycle, 100, "polls of a pipe");
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(poll_pipe_readiness);
	RUN(poll_closed_fd_pollnval);
	RUN(poll_dev_null_always_ready);
	RUN(poll_sleeps_until_writer);
	RUN(poll_timeout);
	RUN(poll_eintr);
	RUN(poll_bad_arguments);
	RUN(poll_nfds_above_rlimit_nofile_einval);
	RUN(poll_leaks_nothing);
	return ut_done();
}
