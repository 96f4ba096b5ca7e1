/*
 * mremap.c - mremap(2) of anonymous, shared anonymous and file mappings:
 * shrink, grow in place, move (MREMAP_MAYMOVE), move to a given place
 * (MREMAP_FIXED), and move leaving the old range mapped but empty
 * (MREMAP_DONTUNMAP); and its errno matrix, as Linux's.
 *
 * What is checked after each move: the bytes came along, the old range is
 * gone (SIGSEGV), a private page still shared copy-on-write with a forked
 * child stays so (the child keeps its bytes), a shared mapping still
 * shares with the file and with other mappings, and freeram comes back.
 */
#include "utest.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096UL

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

static char path[64];

static sigjmp_buf touch_env;
static volatile int touch_sig;

static void touch_handler(int sig)
{
	touch_sig = sig;
	siglongjmp(touch_env, 1);
}

/* Read one byte at p: the signal it raised, or 0. */
static int touch(volatile unsigned char *p)
{
	signal(SIGBUS, touch_handler);
	signal(SIGSEGV, touch_handler);
	touch_sig = 0;
	if (sigsetjmp(touch_env, 1) == 0)
		(void)*p;
	signal(SIGBUS, SIG_DFL);
	signal(SIGSEGV, SIG_DFL);
	return touch_sig;
}

/* n pages of anonymous memory with byte i of page k = k + 1, then a free page. */
static unsigned char *anon_pages(size_t n, int flags)
{
	unsigned char *p = mmap(NULL, (n + 1) * PAGE, PROT_READ | PROT_WRITE,
				flags | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(p != MAP_FAILED))
		return NULL;
	munmap(p + n * PAGE, PAGE);     /* a hole after it, for the grow checks */
	for (size_t k = 0; k < n; k++)
		memset(p + k * PAGE, (int)k + 1, PAGE);
	return p;
}

static bool pages_hold(const unsigned char *p, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!CHECKF(p[k * PAGE] == k + 1 && p[k * PAGE + PAGE - 1] == k + 1,
			    "page %zu holds %d", k, p[k * PAGE]))
			return false;
	return true;
}

/* A free place for a MREMAP_FIXED move: a PROT_NONE reservation of n pages. */
static unsigned char *reserve(size_t n)
{
	unsigned char *r = mmap(NULL, n * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return CHECK(r != MAP_FAILED) ? r : NULL;
}

/* Shrink in place: the tail is gone, the rest stays. */
static void shrink_in_place(void)
{
	unsigned char *p = anon_pages(4, MAP_PRIVATE);

	if (!p)
		return;
	CHECK(mremap(p, 4 * PAGE, 2 * PAGE, 0) == p);
	pages_hold(p, 2);
	CHECK_EQ(touch(p + 2 * PAGE), SIGSEGV);
	/* An unaligned new length counts as its pages. */
	CHECK(mremap(p, 2 * PAGE, PAGE + 1, 0) == p);
	CHECK_EQ(touch(p + PAGE), 0);
	munmap(p, 2 * PAGE);
}

/* Grow in place when the space after is free; new pages read zero. */
static void grow_in_place(void)
{
	unsigned char *p = anon_pages(2, MAP_PRIVATE);

	if (!p)
		return;
	CHECK(mremap(p, 2 * PAGE, 3 * PAGE, 0) == p);
	pages_hold(p, 2);
	CHECK_EQ(p[2 * PAGE + 5], 0);
	p[2 * PAGE] = 3;
	munmap(p, 3 * PAGE);
}

/* Growing into a mapping: ENOMEM without MAYMOVE; with it, a move. */
static void grow_blocked_moves(void)
{
	unsigned char *p = anon_pages(2, MAP_PRIVATE), *q, *blocker;

	if (!p)
		return;
	blocker = mmap(p + 2 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		       -1, 0);
	CHECK(blocker == p + 2 * PAGE);
	CHECK_ERR((long)mremap(p, 2 * PAGE, 4 * PAGE, 0), ENOMEM);
	pages_hold(p, 2);
	q = mremap(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
	if (!CHECK(q != MAP_FAILED && q != p))
		return;
	pages_hold(q, 2);
	CHECK_EQ(q[3 * PAGE], 0);
	CHECK_EQ(touch(p), SIGSEGV);                    /* the old range is gone */
	CHECK_EQ(touch(blocker), 0);                    /* the neighbour is not */
	munmap(q, 4 * PAGE);
	munmap(blocker, PAGE);
}

/* MREMAP_FIXED: to a given place, replacing what is there. */
static void move_fixed_replaces(void)
{
	unsigned char *p = anon_pages(3, MAP_PRIVATE), *there, *q;

	if (!p)
		return;
	there = mmap(NULL, 5 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(there != MAP_FAILED))
		return;
	q = mremap(p, 3 * PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, there + PAGE);
	CHECK(q == there + PAGE);
	pages_hold(there + PAGE, 3);
	CHECK_EQ(there[0], 0);                          /* the rest of the old mapping stays */
	CHECK_EQ(there[4 * PAGE], 0);
	CHECK_EQ(touch(p), SIGSEGV);
	/* Moving and shrinking at once. */
	q = mremap(there + PAGE, 3 * PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, p);
	CHECK(q == p);
	CHECK_EQ(p[0], 1);
	CHECK_EQ(touch(there + 2 * PAGE), SIGSEGV);
	munmap(p, PAGE);
	munmap(there, 5 * PAGE);
}

/* A moved private page shared COW with a child stays COW: the child keeps its bytes. */
static void move_keeps_cow(void)
{
	unsigned char *p = anon_pages(2, MAP_PRIVATE), *q;
	int go[2];
	pid_t pid;
	char c;

	if (!p || !CHECK_SYS(pipe(go)))
		return;
	pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(read(go[0], &c, 1), 1);
		pages_hold(p, 2);
		ut_child_exit();
	}
	q = mremap(p, 2 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	if (CHECK(q != MAP_FAILED)) {
		q[0] = 0x77;
		q[PAGE] = 0x78;
		CHECK_EQ(write(go[1], "g", 1), 1);
		CHECK_EXITED(pid, 0);
		munmap(q, 8 * PAGE);
	}
}

/* MREMAP_DONTUNMAP: the pages move; the old range stays mapped, and reads zero. */
static void dontunmap_leaves_empty_range(void)
{
	unsigned char *p = anon_pages(2, MAP_PRIVATE), *q;

	if (!p)
		return;
	q = mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	if (!CHECK(q != MAP_FAILED && q != p))
		return;
	pages_hold(q, 2);
	CHECK_EQ(touch(p), 0);
	CHECK_EQ(p[0], 0);
	CHECK_EQ(p[PAGE + 9], 0);
	munmap(p, 2 * PAGE);
	munmap(q, 2 * PAGE);
}

/* Shared anonymous memory moved still shares with a forked child. */
static void move_shared_anon(void)
{
	unsigned char *p = anon_pages(2, MAP_SHARED), *q, *r = reserve(2);
	pid_t pid;

	if (!p || !r)
		return;
	q = mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, r);
	if (!CHECK(q == r))
		return;
	pages_hold(q, 2);
	pid = ut_fork();
	if (pid == 0) {
		q[PAGE + 1] = 0x55;
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(q[PAGE + 1], 0x55);
	munmap(q, 2 * PAGE);
	/* Grown in place past the size it was made with: the shmem file ends
	 * there (SIGBUS). */
	r = reserve(4);
	if (!r)
		return;
	munmap(r + PAGE, 3 * PAGE);
	p = mmap(r, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (CHECK(p == r) && CHECK(mremap(p, PAGE, 3 * PAGE, 0) == p)) {
		CHECK_EQ(touch(p), 0);
		CHECK_EQ(touch(p + PAGE), SIGBUS);
		CHECK_EQ(touch(p + 2 * PAGE), SIGBUS);
	}
	munmap(r, 3 * PAGE);
}

/* A file mapping moved and grown: still the file's pages; past the end SIGBUS. */
static void move_file_mapping(void)
{
	int fd;
	unsigned char *p, *q, buf[1];

	snprintf(path, sizeof(path), "/tmp/mremap.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (!CHECK_SYS(fd) || !CHECK_SYS(ftruncate(fd, 3 * PAGE)))
		return;
	CHECK_EQ(pwrite(fd, "abc", 3, 2 * PAGE), 3);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
	if (!CHECK(p != MAP_FAILED))
		return;
	p[0] = 'x';
	q = reserve(4);
	if (!q || !CHECK(mremap(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, q) == q))
		return;
	CHECK_EQ(q[0], 'x');
	CHECK_EQ(q[PAGE], 'a');
	q[PAGE + 1] = 'B';
	CHECK_EQ(pread(fd, buf, 1, 2 * PAGE + 1), 1);
	CHECK_EQ(buf[0], 'B');
	CHECK_EQ(touch(q + 2 * PAGE), SIGBUS);          /* file page 3: past the end */
	CHECK_SYS(ftruncate(fd, 5 * PAGE));
	CHECK_EQ(touch(q + 3 * PAGE), 0);               /* now inside it */
	CHECK_SYS(ftruncate(fd, PAGE));
	CHECK_EQ(touch(q), SIGBUS);                     /* truncation finds the moved VMA */
	munmap(q, 4 * PAGE);
	close(fd);
	unlink(path);
}

/* mremap's errors, as Linux's, in its order. */
static void mremap_errno(void)
{
	unsigned char *p = anon_pages(2, MAP_PRIVATE), *s;

	if (!p)
		return;
	CHECK_ERR((long)mremap(p, PAGE, PAGE, 8), EINVAL);                      /* unknown flag */
	CHECK_ERR((long)mremap(p, PAGE, PAGE, MREMAP_FIXED, p + 8 * PAGE), EINVAL); /* no MAYMOVE */
	CHECK_ERR((long)mremap(p, PAGE, PAGE, MREMAP_DONTUNMAP), EINVAL);
	CHECK_ERR((long)mremap(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP), EINVAL);
	CHECK_ERR((long)mremap(p + 1, PAGE, PAGE, 0), EINVAL);                  /* unaligned */
	CHECK_ERR((long)mremap(p, PAGE, 0, 0), EINVAL);                         /* new_len 0 */
	CHECK_ERR((long)mremap(p, PAGE, 0, MREMAP_MAYMOVE), EINVAL);
	/* Nothing mapped at addr, or the range goes past its VMA: EFAULT. */
	CHECK_ERR((long)mremap(p + 2 * PAGE, PAGE, 2 * PAGE, MREMAP_MAYMOVE), EFAULT);
	CHECK_ERR((long)mremap(p, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE), EFAULT);
	/* old_len 0 on a private mapping: EINVAL (nothing to duplicate). */
	CHECK_ERR((long)mremap(p, 0, PAGE, MREMAP_MAYMOVE), EINVAL);
	/* MREMAP_FIXED: new_addr unaligned, overlapping, past user space. */
	CHECK_ERR((long)mremap(p, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, p + 8 * PAGE + 1),
		  EINVAL);
	CHECK_ERR((long)mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, p + PAGE),
		  EINVAL);
	CHECK_ERR((long)mremap(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
			       (void *)0x7ffffffff000UL), EINVAL);
	/* Growth to all of user space: no room. */
	CHECK_ERR((long)mremap(p, 2 * PAGE, (1UL << 47) - PAGE, MREMAP_MAYMOVE), ENOMEM);
	/* Shrinking or keeping the size where nothing is mapped: EFAULT too. */
	unsigned char *hole = reserve(2);
	if (hole && CHECK_SYS(munmap(hole, 2 * PAGE))) {
		CHECK_ERR((long)mremap(hole, 2 * PAGE, PAGE, 0), EFAULT);
		CHECK_ERR((long)mremap(hole, PAGE, PAGE, 0), EFAULT);
	}
	pages_hold(p, 2);
	/* old_len 0 on a shared mapping makes a second mapping of the same pages. */
	s = anon_pages(1, MAP_SHARED);
	if (s) {
		unsigned char *dup = mremap(s, 0, PAGE, MREMAP_MAYMOVE);

		if (CHECK(dup != MAP_FAILED && dup != s)) {
			dup[7] = 0x42;
			CHECK_EQ(s[7], 0x42);
			munmap(dup, PAGE);
		}
		munmap(s, PAGE);
	}
	munmap(p, 2 * PAGE);
}

static void mremap_cycle(void)
{
	unsigned char *p = anon_pages(4, MAP_PRIVATE), *q, *s;

	if (!p)
		return;
	q = mremap(p, 4 * PAGE, 16 * PAGE, MREMAP_MAYMOVE);
	if (q != MAP_FAILED) {
		q[10 * PAGE] = 1;
		q = mremap(q, 16 * PAGE, 2 * PAGE, 0);
		munmap(q, 2 * PAGE);
	}
	s = anon_pages(2, MAP_SHARED);
	if (s) {
		q = mremap(s, 2 * PAGE, 6 * PAGE, MREMAP_MAYMOVE);
		if (q != MAP_FAILED)
			munmap(q, 6 * PAGE);
	}
}

/* Moves, grows and shrinks of private and shared memory: freeram comes back. */
static void mremap_no_leak(void)
{
	ut_check_no_leak(mremap_cycle, 50, "mremap moves, grows and shrinks");
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(shrink_in_place);
	RUN(grow_in_place);
	RUN(grow_blocked_moves);
	RUN(move_fixed_replaces);
	RUN(move_keeps_cow);
	RUN(dontunmap_leaves_empty_range);
	RUN(move_shared_anon);
	RUN(move_file_mapping);
	RUN(mremap_errno);
	RUN(mremap_no_leak);
	return ut_done();
}
