/*
 * pipe.c - pipes between processes: data arrives whole and in order,
 * reads and writes block and wake, end of file, EPIPE and SIGPIPE,
 * PIPE_BUF atomicity, O_NONBLOCK and O_CLOEXEC.
 *
 * The big case sends 1 MiB of pseudo-random bytes from a child to its
 * parent in writes of irregular sizes, and the parent compares a checksum
 * of what arrived with one of what was sent: a lost, doubled or reordered
 * chunk changes it.
 */
#include "utest.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <limits.h>
#include <stdint.h>

/* A small deterministic generator (xorshift64*), so both sides agree. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* FNV-1a, 64 bits, over n more bytes. */
static uint64_t fnv1a(uint64_t h, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

#define FNV_START 14695981039346656037ULL

/* Read exactly n bytes unless end of file or an error comes first. */
static ssize_t read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

static void one_mib_with_checksum(void)
{
	enum { TOTAL = 1 << 20 };
	static unsigned char chunk[70000];
	uint64_t seed = 0x1234567, sent = FNV_START, received = FNV_START;
	size_t total = 0, reads = 0;
	int p[2];
	ssize_t n;
	pid_t pid;

	if (!CHECK_SYS(pipe(p)))
		return;
	pid = ut_fork();
	if (pid == 0) {
		/* Writes of 1 to 70000 bytes: some bigger than the pipe. */
		size_t done = 0;

		close(p[0]);
		while (done < TOTAL) {
			size_t len = 1 + next_rand(&seed) % sizeof(chunk);

			if (len > TOTAL - done)
				len = TOTAL - done;
			for (size_t i = 0; i < len; i++)
				chunk[i] = (unsigned char)next_rand(&seed);
			if (!CHECK_EQ(write(p[1], chunk, len), (long)len))
				break;
			done += len;
		}
		ut_child_exit();
	}
	close(p[1]);
	/* Compute what the child sends, with the same generator. */
	for (size_t done = 0; done < TOTAL;) {
		size_t len = 1 + next_rand(&seed) % sizeof(chunk);

		if (len > TOTAL - done)
			len = TOTAL - done;
		for (size_t i = 0; i < len; i++)
			chunk[i] = (unsigned char)next_rand(&seed);
		sent = fnv1a(sent, chunk, len);
		done += len;
	}
	/* Read it in pieces of yet other sizes. */
	while ((n = read(p[0], chunk, 1 + (reads * 4099) % 50000)) > 0) {
		received = fnv1a(received, chunk, (size_t)n);
		total += (size_t)n;
		reads++;
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(total, TOTAL);
	CHECKF(received == sent, "checksum %#llx, sent %#llx", (unsigned long long)received,
	       (unsigned long long)sent);
	CHECK_EXITED(pid, 0);
}

static void read_returns_what_is_there(void)
{
	int p[2];
	char buf[100];

	if (!CHECK_SYS(pipe(p)))
		return;
	CHECK_EQ(write(p[1], "0123456789", 10), 10);
	CHECK_EQ(read(p[0], buf, 4), 4);
	CHECK_EQ(memcmp(buf, "0123", 4), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 6);	/* not sizeof(buf) */
	CHECK_EQ(memcmp(buf, "456789", 6), 0);
}

/* A reader blocks until a writer writes, then wakes with the data. */
static void read_blocks_until_data(void)
{
	int p[2];
	char buf[8] = "";
	pid_t pid;

	if (!CHECK_SYS(pipe(p)))
		return;
	pid = fork();
	if (pid == 0) {
		usleep(100 * 1000);
		write(p[1], "late", 4);
		_exit(0);
	}
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 4);
	CHECK_EQ(memcmp(buf, "late", 4), 0);
	CHECK_EXITED(pid, 0);
}

/* End of file once every write end is closed, ours and the child's. */
static void eof_when_last_writer_closes(void)
{
	int p[2];
	char c;
	pid_t pid;

	if (!CHECK_SYS(pipe(p)))
		return;
	pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		usleep(50 * 1000);
		_exit(0);
	}
	close(p[1]);
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(read(p[0], &c, 1), 0);
	CHECK_EQ(read(p[0], &c, 1), 0);	/* and stays so */
	CHECK_EXITED(pid, 0);
}

static void epipe_when_no_reader(void)
{
	int p[2];

	if (!CHECK_SYS(pipe(p)))
		return;
	signal(SIGPIPE, SIG_IGN);
	close(p[0]);
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
}

/* With SIGPIPE at its default, writing to a readerless pipe kills. */
static void sigpipe_kills_the_writer(void)
{
	int p[2], st;
	pid_t pid;

	if (!CHECK_SYS(pipe(p)))
		return;
	close(p[0]);
	pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		write(p[1], "x", 1);
		_exit(0);
	}
	st = ut_wait(pid);
	CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "writer %s, not SIGPIPE",
	       ut_status_str(st));
}

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

/* A reader that goes away while the writer is blocked: SIGPIPE, EPIPE. */
static void blocked_writer_gets_epipe(void)
{
	static char big[256 * 1024];
	int p[2];
	pid_t pid;
	ssize_t n;

	if (!CHECK_SYS(pipe(p)))
		return;
	signal(SIGPIPE, on_sigpipe);
	pid = fork();
	if (pid == 0) {
		char buf[100];

		close(p[1]);
		read(p[0], buf, sizeof(buf));	/* a little, then go */
		usleep(50 * 1000);
		_exit(0);
	}
	close(p[0]);
	n = write(p[1], big, sizeof(big));	/* more than the pipe holds */
	/* Linux returns what it wrote before the reader left, if anything. */
	if (n >= 0) {
		CHECK_LT(n, (long)sizeof(big));
		n = write(p[1], big, sizeof(big));
	}
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EPIPE);
	CHECK_GE(sigpipes, 1);
	CHECK_EXITED(pid, 0);
}

/* Writes of PIPE_BUF bytes from several writers never interleave. */
static void pipe_buf_writes_are_atomic(void)
{
	enum { WRITERS = 4, RECORDS = 64 };
	static unsigned char rec[PIPE_BUF];
	int p[2], counts[WRITERS] = { 0 }, bad = 0;
	pid_t pids[WRITERS];

	if (!CHECK_SYS(pipe(p)))
		return;
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			close(p[0]);
			memset(rec, 'A' + w, sizeof(rec));
			for (int i = 0; i < RECORDS; i++)
				if (write(p[1], rec, sizeof(rec)) != sizeof(rec))
					_exit(1);
			_exit(0);
		}
	}
	close(p[1]);
	while (read_full(p[0], rec, sizeof(rec)) == sizeof(rec)) {
		int w = rec[0] - 'A';

		for (size_t i = 1; i < sizeof(rec); i++)
			if (rec[i] != rec[0]) {
				bad++;
				break;
			}
		if (w >= 0 && w < WRITERS)
			counts[w]++;
	}
	CHECK_EQ(bad, 0);
	for (int w = 0; w < WRITERS; w++) {
		CHECK_EQ(counts[w], RECORDS);
		CHECK_EXITED(pids[w], 0);
	}
}

static void nonblocking_read_and_write(void)
{
	static char buf[4096];
	int p[2];
	long total = 0;
	ssize_t n;

	if (!CHECK_SYS(pipe2(p, O_NONBLOCK)))
		return;
	CHECK(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	CHECK_ERR(read(p[0], buf, 1), EAGAIN);	/* empty, a writer exists */
	while ((n = write(p[1], buf, sizeof(buf))) > 0)
		total += n;
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_GE(total, PIPE_BUF);
	/* Reading a little makes room for a little. */
	CHECK_EQ(read(p[0], buf, sizeof(buf)), sizeof(buf));
	CHECK_GT(write(p[1], buf, 1), 0);
	close(p[0]);
	close(p[1]);
	/* Without O_NONBLOCK, F_SETFL turns it on later. */
	if (!CHECK_SYS(pipe(p)))
		return;
	CHECK_SYS(fcntl(p[0], F_SETFL, O_NONBLOCK));
	CHECK_ERR(read(p[0], buf, 1), EAGAIN);
	close(p[1]);
	CHECK_EQ(read(p[0], buf, 1), 0);	/* no writer: end of file, not EAGAIN */
}

static void pipe2_cloexec_sets_fd_flag(void)
{
	int p[2], q[2];

	if (!CHECK_SYS(pipe2(p, O_CLOEXEC)) || !CHECK_SYS(pipe(q)))
		return;
	CHECK_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(p[1], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(q[0], F_GETFD), 0);
	CHECK_ERR(pipe2(q, 0x12345678), EINVAL);
}

/* The ends are one-way, and the lowest free descriptors are used. */
static void pipe_ends_and_numbers(void)
{
	int p[2];
	char c;

	for (int fd = 3; fd < 64; fd++)
		close(fd);
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0)
			dup2(1, fd);	/* so that 0, 1 and 2 are taken */
	if (!CHECK_SYS(pipe(p)))
		return;
	CHECK_EQ(p[0], 3);
	CHECK_EQ(p[1], 4);
	CHECK_ERR(write(p[0], "x", 1), EBADF);
	CHECK_ERR(read(p[1], &c, 1), EBADF);
	CHECK_ERR(lseek(p[0], 0, SEEK_SET), ESPIPE);
	close(3);
	CHECK_EQ(dup(4), 3);
}

/* A pipe through three processes: data goes through each in turn. */
static void pipeline_of_three_processes(void)
{
	int a[2], b[2];
	char buf[64] = "";
	pid_t first, middle;

	if (!CHECK_SYS(pipe(a)) || !CHECK_SYS(pipe(b)))
		return;
	first = fork();
	if (first == 0) {
		close(a[0]);
		write(a[1], "hello", 5);
		_exit(0);
	}
	middle = fork();
	if (middle == 0) {
		char c;

		close(a[1]);
		close(b[0]);
		while (read(a[0], &c, 1) == 1) {
			c = (char)(c - 'a' + 'A');
			write(b[1], &c, 1);
		}
		_exit(0);
	}
	close(a[0]);
	close(a[1]);
	close(b[1]);
	CHECK_EQ(read_full(b[0], buf, sizeof(buf)), 5);
	CHECK_STR(buf, "HELLO");
	CHECK_EXITED(first, 0);
	CHECK_EXITED(middle, 0);
}

/*
 * The highest descriptors (255, and 254 from F_DUPFD) go through fork, and
 * the child's exit closes its copies: the reader then sees end of file.
 * (keyhole's fork and exit look at the descriptors up to the highest one
 * ever opened, not at all 256 slots.)
 */
static void fork_and_exit_keep_and_close_highest_descriptors(void)
{
	struct rlimit rl;
	int p[2];
	char buf[8] = "";
	pid_t pid;

	if (!CHECK_SYS(getrlimit(RLIMIT_NOFILE, &rl)) || !CHECK_GE((long long)rl.rlim_cur, 256))
		return;
	if (!CHECK_SYS(pipe(p)))
		return;
	CHECK_EQ(dup2(p[1], 255), 255);
	CHECK_EQ(fcntl(p[1], F_DUPFD, 254), 254);
	close(p[1]);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (write(255, "ab", 2) != 2 || write(254, "c", 1) != 1)
			_exit(1);
		_exit(0);               /* exit closes 254 and 255 */
	}
	close(254);
	close(255);
	CHECK_EQ(read_full(p[0], buf, sizeof(buf)), 3);  /* then end of file */
	CHECK_STR(buf, "abc");
	CHECK_EXITED(pid, 0);
	close(p[0]);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(one_mib_with_checksum);
	RUN(read_returns_what_is_there);
	RUN(read_blocks_until_data);
	RUN(eof_when_last_writer_closes);
	RUN(epipe_when_no_reader);
	RUN(sigpipe_kills_the_writer);
	RUN(blocked_writer_gets_epipe);
	RUN(pipe_buf_writes_are_atomic);
	RUN(nonblocking_read_and_write);
	RUN(pipe2_cloexec_sets_fd_flag);
	RUN(pipe_ends_and_numbers);
	RUN(pipeline_of_three_processes);
	RUN(fork_and_exit_keep_and_close_highest_descriptors);
	return ut_done();
}
