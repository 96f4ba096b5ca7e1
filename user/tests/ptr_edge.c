/*
 * ptr_edge.c - the calls that move bytes (read, write, pread64, pwrite64,
 * readv, writev, getrandom) with buffers at the edges of user memory, on
 * each kind of file: how many bytes move, and when it is EFAULT instead.
 *
 * Linux's rule: a call that faults after some bytes moved returns that
 * count; one that faults before any moved fails with EFAULT. What counts
 * as "moved" is the file's: a tmpfs (ramfs) file and /dev/zero count
 * every byte copied; a pipe keeps or drops a whole page-sized pipe
 * buffer (fs/pipe.c: pipe_write drops a page it could not fill, pipe_read
 * leaves a buffer it could not hand out whole in the pipe); /dev/null
 * never touches the buffer, so NULL and PROT_NONE succeed there (but a
 * kernel address fails access_ok first). keyhole answered EFAULT for
 * every buffer that was not wholly good (issue 9, item 11).
 *
 * Buffers (count 100 unless said):
 *   exact       ends exactly at the end of a mapping: all good
 *   one_before  starts one byte before an unmapped page: 1 byte good
 *   straddle    half in the mapping, half in the unmapped page
 *   big         8192 bytes, the first 6000 good (crosses a pipe page)
 *   null        NULL
 *   kernel      0xffffffff80000000
 *   prot_none   a PROT_NONE page
 *   readonly    a PROT_READ page (a fault only for calls that store)
 *
 * Files: a regular file (tmpfs /dev/shm on Linux when there is one,
 * ramfs /tmp on keyhole), a pipe, /dev/null, /dev/zero, and getrandom(2).
 * readv/writev take two iovecs, 10 good bytes then the buffer.
 *
 * getdents64 is the same kind of call: with a buffer that faults after
 * some whole records it returns those records and the directory goes on
 * after them; with none, EFAULT, and the next call still finds every
 * entry (keyhole lost them: the position had moved past them all).
 *
 * A terminal takes a write in chunks of 2048 bytes, each whole or not at
 * all (Linux's tty_write): one byte good of 100 is EFAULT, 3000 good of
 * 4096 write 2048. The terminal is a pty on Linux, the console on
 * keyhole (which has no ptys); the chunk that arrives is spaces and a
 * newline, so that the test's own output stays readable.
 *
 * Each case checks the return value and what it left behind: the file's
 * size or offset, the bytes left in the pipe, and the first byte stored.
 * The expected values were read off Linux 6.18 (the host of make test)
 * and checked against the man pages and Linux's source; the test runs on
 * Linux first, so a change there shows.
 */
#include "utest.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#define PAGE 4096UL
#define FILE_BYTES 16384	/* what a read from the file may find */

enum kind { EXACT, ONE_BEFORE, STRADDLE, BIG, NUL, KERNEL, PROT_NONE_BUF, READONLY, NKINDS };
static const char *const kind_names[NKINDS] = {
	"exact", "one_before", "straddle", "big", "null", "kernel", "prot_none", "readonly",
};

enum target { T_FILE, T_PIPE, T_NULL, T_ZERO, T_RANDOM, NTARGETS };
static const char *const target_names[NTARGETS] = { "file", "pipe", "null", "zero", "random" };

enum call { READ, WRITE, PREAD, PWRITE, READV, WRITEV, GETRANDOM, NCALLS };
static const char *const call_names[NCALLS] = {
	"read", "write", "pread64", "pwrite64", "readv", "writev", "getrandom",
};

/*
 * Memory: 8 pages. [0,3) read-write, [3] unmapped (the edge at page 3),
 * [4] PROT_NONE, [5] read-only, [6,8) read-write (so nothing maps into
 * the hole).
 */
static char *area, *edge;
static char good[10] = "0123456789";

static void make_area(void)
{
	area = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED || munmap(area + 3 * PAGE, PAGE) < 0 ||
	    mprotect(area + 4 * PAGE, PAGE, PROT_NONE) < 0 ||
	    mprotect(area + 5 * PAGE, PAGE, PROT_READ) < 0) {
		ut_print("ptr_edge: cannot set up memory: %s\n", strerror(errno));
		exit(1);
	}
	edge = area + 3 * PAGE;
}

static size_t kind_count(enum kind k)
{
	return k == BIG ? 8192 : 100;
}

static char *kind_buf(enum kind k)
{
	switch (k) {
	case EXACT:
		return edge - 100;
	case ONE_BEFORE:
		return edge - 1;
	case STRADDLE:
		return edge - 50;
	case BIG:
		return edge - 6000;
	case NUL:
		return NULL;
	case KERNEL:
		return (char *)0xffffffff80000000UL;
	case PROT_NONE_BUF:
		return area + 4 * PAGE;
	case READONLY:
		return area + 5 * PAGE;
	default:
		return NULL;
	}
}

/* The file: in tmpfs where Linux has one, or ramfs /tmp (keyhole). */
static int open_file(bool filled)
{
	static char buf[FILE_BYTES];
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "%s/ptr_edge.%d",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	unlink(path);
	if (filled) {
		memset(buf, 'f', sizeof(buf));
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf) || lseek(fd, 0, SEEK_SET))
			return -1;
	}
	return fd;
}

/* Bytes left in a pipe (its read end made non-blocking and drained). */
static long drain(int fd)
{
	static char buf[65536];
	long n = 0, r;

	fcntl(fd, F_SETFL, O_NONBLOCK);
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		n += r;
	return n;
}

struct result {
	long ret;	/* bytes, or -errno */
	long after;	/* file size (writes), offset (reads), bytes left in the pipe */
};

/*
 * Make the call on a fresh file of the target kind. A pipe read finds
 * count bytes (written in one write); a file read finds FILE_BYTES.
 */
static struct result do_case(enum call c, enum target t, enum kind k)
{
	struct result res = { 0, -1 };
	size_t count = kind_count(k);
	char *buf = kind_buf(k);
	bool reading = c == READ || c == PREAD || c == READV;
	int fd = -1, p[2] = { -1, -1 };
	long r;

	if (t == T_FILE) {
		fd = open_file(reading);
	} else if (t == T_PIPE) {
		static char fill[8192];

		if (pipe(p) < 0)
			return (struct result){ -9999, -1 };
		memset(fill, 'p', sizeof(fill));
		if (reading && write(p[1], fill, count) != (ssize_t)count)
			return (struct result){ -9999, -1 };
		fd = reading ? p[0] : p[1];
	} else if (t == T_NULL || t == T_ZERO) {
		fd = open(t == T_NULL ? "/dev/null" : "/dev/zero", O_RDWR);
	}
	if (t != T_RANDOM && fd < 0)
		return (struct result){ -9999, -1 };

	struct iovec iov[2] = { { good, sizeof(good) }, { buf, count } };

	switch (c) {
	case READ:
		r = syscall(SYS_read, fd, buf, count);
		break;
	case WRITE:
		r = syscall(SYS_write, fd, buf, count);
		break;
	case PREAD:
		r = syscall(SYS_pread64, fd, buf, count, 0L);
		break;
	case PWRITE:
		r = syscall(SYS_pwrite64, fd, buf, count, 0L);
		break;
	case READV:
		r = syscall(SYS_readv, fd, iov, 2);
		break;
	case WRITEV:
		r = syscall(SYS_writev, fd, iov, 2);
		break;
	case GETRANDOM:
		r = syscall(SYS_getrandom, buf, count, 0);
		break;
	default:
		r = -1;
	}
	res.ret = r < 0 ? -errno : r;

	if (t == T_FILE) {
		struct stat st;

		if (reading)
			res.after = lseek(fd, 0, SEEK_CUR);
		else if (fstat(fd, &st) == 0)
			res.after = st.st_size;
	} else if (t == T_PIPE) {
		if (!reading) {
			close(p[1]);
			p[1] = -1;
		}
		res.after = drain(p[0]);
	}
	/* The first byte a read stored where the buffer is good. */
	if (reading && r > (c == READV ? 10 : 0) && (k == EXACT || k == ONE_BEFORE ||
						      k == STRADDLE || k == BIG)) {
		char want = t == T_FILE ? 'f' : t == T_PIPE ? 'p' : 0;

		if (buf[0] != want)
			res.after = -7777;	/* shows as a mismatch */
	}
	if (t == T_PIPE) {
		close(p[0]);
		if (p[1] >= 0)
			close(p[1]);
	} else if (fd >= 0) {
		close(fd);
	}
	return res;
}

/* What Linux does: { call, target, kind, return value or -errno, after }. */
struct expect {
	enum call c;
	enum target t;
	enum kind k;
	long ret, after;
};

static const struct expect expected[] = {
	{ READ, T_FILE, EXACT, 100, 100 },
	{ READ, T_FILE, ONE_BEFORE, 1, 1 },
	{ READ, T_FILE, STRADDLE, 50, 50 },
	{ READ, T_FILE, BIG, 6000, 6000 },
	{ READ, T_FILE, NUL, -EFAULT, 0 },
	{ READ, T_FILE, KERNEL, -EFAULT, 0 },
	{ READ, T_FILE, PROT_NONE_BUF, -EFAULT, 0 },
	{ READ, T_FILE, READONLY, -EFAULT, 0 },
	{ READ, T_PIPE, EXACT, 100, 0 },
	{ READ, T_PIPE, ONE_BEFORE, -EFAULT, 100 },
	{ READ, T_PIPE, STRADDLE, -EFAULT, 100 },
	{ READ, T_PIPE, BIG, 4096, 4096 },
	{ READ, T_PIPE, NUL, -EFAULT, 100 },
	{ READ, T_PIPE, KERNEL, -EFAULT, 100 },
	{ READ, T_PIPE, PROT_NONE_BUF, -EFAULT, 100 },
	{ READ, T_PIPE, READONLY, -EFAULT, 100 },
	{ READ, T_NULL, EXACT, 0, -1 },
	{ READ, T_NULL, ONE_BEFORE, 0, -1 },
	{ READ, T_NULL, STRADDLE, 0, -1 },
	{ READ, T_NULL, BIG, 0, -1 },
	{ READ, T_NULL, NUL, 0, -1 },
	{ READ, T_NULL, KERNEL, -EFAULT, -1 },
	{ READ, T_NULL, PROT_NONE_BUF, 0, -1 },
	{ READ, T_NULL, READONLY, 0, -1 },
	{ READ, T_ZERO, EXACT, 100, -1 },
	{ READ, T_ZERO, ONE_BEFORE, 1, -1 },
	{ READ, T_ZERO, STRADDLE, 50, -1 },
	{ READ, T_ZERO, BIG, 6000, -1 },
	{ READ, T_ZERO, NUL, -EFAULT, -1 },
	{ READ, T_ZERO, KERNEL, -EFAULT, -1 },
	{ READ, T_ZERO, PROT_NONE_BUF, -EFAULT, -1 },
	{ READ, T_ZERO, READONLY, -EFAULT, -1 },
	{ WRITE, T_FILE, EXACT, 100, 100 },
	{ WRITE, T_FILE, ONE_BEFORE, 1, 1 },
	{ WRITE, T_FILE, STRADDLE, 50, 50 },
	{ WRITE, T_FILE, BIG, 6000, 6000 },
	{ WRITE, T_FILE, NUL, -EFAULT, 0 },
	{ WRITE, T_FILE, KERNEL, -EFAULT, 0 },
	{ WRITE, T_FILE, PROT_NONE_BUF, -EFAULT, 0 },
	{ WRITE, T_FILE, READONLY, 100, 100 },
	{ WRITE, T_PIPE, EXACT, 100, 100 },
	{ WRITE, T_PIPE, ONE_BEFORE, -EFAULT, 0 },
	{ WRITE, T_PIPE, STRADDLE, -EFAULT, 0 },
	{ WRITE, T_PIPE, BIG, 4096, 4096 },
	{ WRITE, T_PIPE, NUL, -EFAULT, 0 },
	{ WRITE, T_PIPE, KERNEL, -EFAULT, 0 },
	{ WRITE, T_PIPE, PROT_NONE_BUF, -EFAULT, 0 },
	{ WRITE, T_NULL, EXACT, 100, -1 },
	{ WRITE, T_NULL, ONE_BEFORE, 100, -1 },
	{ WRITE, T_NULL, STRADDLE, 100, -1 },
	{ WRITE, T_NULL, BIG, 8192, -1 },
	{ WRITE, T_NULL, NUL, 100, -1 },
	{ WRITE, T_NULL, KERNEL, -EFAULT, -1 },
	{ WRITE, T_NULL, PROT_NONE_BUF, 100, -1 },
	{ WRITE, T_ZERO, EXACT, 100, -1 },
	{ WRITE, T_ZERO, ONE_BEFORE, 100, -1 },
	{ WRITE, T_ZERO, STRADDLE, 100, -1 },
	{ WRITE, T_ZERO, BIG, 8192, -1 },
	{ WRITE, T_ZERO, NUL, 100, -1 },
	{ WRITE, T_ZERO, KERNEL, -EFAULT, -1 },
	{ WRITE, T_ZERO, PROT_NONE_BUF, 100, -1 },
	{ PREAD, T_FILE, EXACT, 100, 0 },
	{ PREAD, T_FILE, ONE_BEFORE, 1, 0 },
	{ PREAD, T_FILE, STRADDLE, 50, 0 },
	{ PREAD, T_FILE, BIG, 6000, 0 },
	{ PREAD, T_FILE, NUL, -EFAULT, 0 },
	{ PREAD, T_FILE, KERNEL, -EFAULT, 0 },
	{ PREAD, T_FILE, PROT_NONE_BUF, -EFAULT, 0 },
	{ PREAD, T_FILE, READONLY, -EFAULT, 0 },
	{ PWRITE, T_FILE, EXACT, 100, 100 },
	{ PWRITE, T_FILE, ONE_BEFORE, 1, 1 },
	{ PWRITE, T_FILE, STRADDLE, 50, 50 },
	{ PWRITE, T_FILE, BIG, 6000, 6000 },
	{ PWRITE, T_FILE, NUL, -EFAULT, 0 },
	{ PWRITE, T_FILE, KERNEL, -EFAULT, 0 },
	{ PWRITE, T_FILE, PROT_NONE_BUF, -EFAULT, 0 },
	{ PWRITE, T_FILE, READONLY, 100, 100 },
	{ READV, T_FILE, EXACT, 110, 110 },
	{ READV, T_FILE, ONE_BEFORE, 11, 11 },
	{ READV, T_FILE, STRADDLE, 60, 60 },
	{ READV, T_FILE, BIG, 6010, 6010 },
	{ READV, T_FILE, NUL, 10, 10 },
	{ READV, T_FILE, KERNEL, -EFAULT, 0 },
	{ READV, T_FILE, PROT_NONE_BUF, 10, 10 },
	{ READV, T_FILE, READONLY, 10, 10 },
	{ READV, T_PIPE, EXACT, 100, 0 },
	{ READV, T_PIPE, ONE_BEFORE, -EFAULT, 100 },
	{ READV, T_PIPE, STRADDLE, -EFAULT, 100 },
	{ READV, T_PIPE, BIG, 4096, 4096 },
	{ READV, T_PIPE, NUL, -EFAULT, 100 },
	{ READV, T_PIPE, KERNEL, -EFAULT, 100 },
	{ READV, T_PIPE, PROT_NONE_BUF, -EFAULT, 100 },
	{ READV, T_PIPE, READONLY, -EFAULT, 100 },
	{ READV, T_ZERO, EXACT, 110, -1 },
	{ READV, T_ZERO, ONE_BEFORE, 11, -1 },
	{ READV, T_ZERO, STRADDLE, 60, -1 },
	{ READV, T_ZERO, BIG, 6010, -1 },
	{ READV, T_ZERO, NUL, 10, -1 },
	{ READV, T_ZERO, KERNEL, -EFAULT, -1 },
	{ READV, T_ZERO, PROT_NONE_BUF, 10, -1 },
	{ READV, T_ZERO, READONLY, 10, -1 },
	{ WRITEV, T_FILE, EXACT, 110, 110 },
	{ WRITEV, T_FILE, ONE_BEFORE, 11, 11 },
	{ WRITEV, T_FILE, STRADDLE, 60, 60 },
	{ WRITEV, T_FILE, BIG, 6010, 6010 },
	{ WRITEV, T_FILE, NUL, 10, 10 },
	{ WRITEV, T_FILE, KERNEL, -EFAULT, 0 },
	{ WRITEV, T_FILE, PROT_NONE_BUF, 10, 10 },
	{ WRITEV, T_FILE, READONLY, 110, 110 },
	{ WRITEV, T_PIPE, EXACT, 110, 110 },
	{ WRITEV, T_PIPE, ONE_BEFORE, -EFAULT, 0 },
	{ WRITEV, T_PIPE, STRADDLE, -EFAULT, 0 },
	{ WRITEV, T_PIPE, BIG, 4096, 4096 },
	{ WRITEV, T_PIPE, NUL, -EFAULT, 0 },
	{ WRITEV, T_PIPE, KERNEL, -EFAULT, 0 },
	{ WRITEV, T_PIPE, PROT_NONE_BUF, -EFAULT, 0 },
	{ WRITEV, T_NULL, EXACT, 110, -1 },
	{ WRITEV, T_NULL, ONE_BEFORE, 110, -1 },
	{ WRITEV, T_NULL, STRADDLE, 110, -1 },
	{ WRITEV, T_NULL, BIG, 8202, -1 },
	{ WRITEV, T_NULL, NUL, 110, -1 },
	{ WRITEV, T_NULL, KERNEL, -EFAULT, -1 },
	{ WRITEV, T_NULL, PROT_NONE_BUF, 110, -1 },
	{ GETRANDOM, T_RANDOM, EXACT, 100, -1 },
	{ GETRANDOM, T_RANDOM, ONE_BEFORE, 1, -1 },
	{ GETRANDOM, T_RANDOM, STRADDLE, 50, -1 },
	{ GETRANDOM, T_RANDOM, BIG, 6000, -1 },
	{ GETRANDOM, T_RANDOM, NUL, -EFAULT, -1 },
	{ GETRANDOM, T_RANDOM, KERNEL, -EFAULT, -1 },
	{ GETRANDOM, T_RANDOM, PROT_NONE_BUF, -EFAULT, -1 },
	{ GETRANDOM, T_RANDOM, READONLY, -EFAULT, -1 },
};

static void run_case(const void *arg)
{
	const struct expect *e = arg;
	struct result r;

	make_area();
	r = do_case(e->c, e->t, e->k);
	CHECKF(r.ret == e->ret && r.after == e->after,
	       "%s on %s with a %s buffer: returned %ld (after %ld), Linux %ld (after %ld)",
	       call_names[e->c], target_names[e->t], kind_names[e->k], r.ret, r.after, e->ret,
	       e->after);
}

static const char *const call_enum[NCALLS] = {
	"READ", "WRITE", "PREAD", "PWRITE", "READV", "WRITEV", "GETRANDOM",
};
static const char *const target_enum[NTARGETS] = { "T_FILE", "T_PIPE", "T_NULL", "T_ZERO",
						  "T_RANDOM" };
static const char *const kind_enum[NKINDS] = {
	"EXACT", "ONE_BEFORE", "STRADDLE", "BIG", "NUL", "KERNEL", "PROT_NONE_BUF", "READONLY",
};

/*
 * getdents64 of a directory with "." , "..", "aaaa" and "bbbb" (24-byte
 * records each) into a buffer with `valid` good bytes before the hole;
 * then again into a good buffer. Return: the two results.
 */
static void getdents_at_edge(size_t valid, long *first, long *second)
{
	char dir[64], path[80];
	int fd;

	snprintf(dir, sizeof(dir), "%s/ptr_edge_dir.%d",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", (int)getpid());
	*first = *second = -9999;
	if (!CHECK_SYS(mkdir(dir, 0700)))
		return;
	snprintf(path, sizeof(path), "%s/aaaa", dir);
	close(open(path, O_CREAT | O_WRONLY, 0600));
	snprintf(path, sizeof(path), "%s/bbbb", dir);
	close(open(path, O_CREAT | O_WRONLY, 0600));
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (CHECK_SYS(fd)) {
		*first = syscall(SYS_getdents64, fd, edge - valid, 4096);
		if (*first < 0)
			*first = -errno;
		*second = syscall(SYS_getdents64, fd, area, 4096);
		close(fd);
	}
	unlink(path);
	snprintf(path, sizeof(path), "%s/aaaa", dir);
	unlink(path);
	rmdir(dir);
}

/* 30 good bytes: "." fits, ".." does not: 24, and the other 72 next. */
static void getdents64_one_record_fits(void)
{
	long first, second;

	make_area();
	getdents_at_edge(30, &first, &second);
	CHECK_EQ(first, 24);
	CHECK_EQ(second, 72);
}

/* 10 good bytes: no record fits: EFAULT, and all 96 bytes next. */
static void getdents64_no_record_fits(void)
{
	long first, second;

	make_area();
	getdents_at_edge(10, &first, &second);
	CHECK_EQ(first, -EFAULT);
	CHECK_EQ(second, 96);
}

/* A terminal to write to: a new pty where there are ptys, else /dev/tty. */
static int open_terminal(int *master)
{
	*master = posix_openpt(O_RDWR | O_NOCTTY);
	if (*master >= 0) {
		if (grantpt(*master) == 0 && unlockpt(*master) == 0)
			return open(ptsname(*master), O_RDWR | O_NOCTTY);
		return -1;
	}
	return open("/dev/tty", O_WRONLY | O_NOCTTY);
}

static long write_terminal(size_t valid, size_t count)
{
	int master, fd;
	long r;

	make_area();
	memset(edge - valid, ' ', valid);
	if (valid > 2048)
		edge[-(long)valid + 2047] = '\n';
	else if (valid == count)
		edge[-1] = '\n';
	fd = open_terminal(&master);
	if (!CHECK_SYS(fd))
		return -9999;
	r = syscall(SYS_write, fd, edge - valid, count);
	if (r < 0)
		r = -errno;
	close(fd);
	if (master >= 0)
		close(master);
	return r;
}

static void write_tty_one_before(void)
{
	CHECK_EQ(write_terminal(1, 100), -EFAULT);
}

static void write_tty_big(void)
{
	CHECK_EQ(write_terminal(3000, 4096), 2048);
}

static void write_tty_exact(void)
{
	CHECK_EQ(write_terminal(100, 100), 100);
}

/* PTR_EDGE_PRINT=1: print the table of what this kernel does, to check it. */
static void print_table(void)
{
	static const struct { enum call c; enum target t; } pairs[] = {
		{ READ, T_FILE }, { READ, T_PIPE }, { READ, T_NULL }, { READ, T_ZERO },
		{ WRITE, T_FILE }, { WRITE, T_PIPE }, { WRITE, T_NULL }, { WRITE, T_ZERO },
		{ PREAD, T_FILE }, { PWRITE, T_FILE }, { READV, T_FILE }, { READV, T_PIPE },
		{ READV, T_ZERO }, { WRITEV, T_FILE }, { WRITEV, T_PIPE }, { WRITEV, T_NULL },
		{ GETRANDOM, T_RANDOM },
	};

	make_area();
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		for (int k = 0; k < NKINDS; k++) {
			bool stores = pairs[i].c == READ || pairs[i].c == PREAD ||
				      pairs[i].c == READV || pairs[i].c == GETRANDOM;

			if (k == READONLY && !stores && pairs[i].t != T_FILE)
				continue;
			struct result r = do_case(pairs[i].c, pairs[i].t, (enum kind)k);
			char ret[32];

			if (r.ret == -EFAULT)
				snprintf(ret, sizeof(ret), "-EFAULT");
			else
				snprintf(ret, sizeof(ret), "%ld", r.ret);
			ut_print("\t{ %s, %s, %s, %s, %ld },\n", call_enum[pairs[i].c],
				 target_enum[pairs[i].t], kind_enum[k], ret, r.after);
		}
	}
}

int main(int argc, char **argv)
{
	char name[64];

	if (getenv("PTR_EDGE_PRINT")) {
		print_table();
		return 0;
	}
	ut_init(argc, argv);
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		const struct expect *e = &expected[i];

		snprintf(name, sizeof(name), "%s_%s_%s", call_names[e->c], target_names[e->t],
			 kind_names[e->k]);
		ut_run_with(name, run_case, e);
	}
	RUN(getdents64_one_record_fits);
	RUN(getdents64_no_record_fits);
	RUN(write_tty_one_before);
	RUN(write_tty_big);
	RUN(write_tty_exact);
	return ut_done();
}
