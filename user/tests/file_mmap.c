/*
 * file_mmap.c - mmap(2) of regular files: one page cache per file, seen
 * the same through read(2), write(2) and every mapping.
 *
 *   - MAP_SHARED: a store is what read() returns next and what every other
 *     mapping (in this process or a forked one) sees; a write() shows in
 *     the mapping.
 *   - MAP_PRIVATE: the file's pages, read-only until the first store,
 *     which copies the page: the file and other mappings keep their bytes;
 *     a page not yet written still shows later write()s (it is the cache's).
 *   - The end of the file: the rest of the last page reads zero; a page
 *     wholly past the end is SIGBUS with BUS_ADRERR and si_addr the byte
 *     touched, through either kind of mapping.
 *   - The way ld.so loads a library: a PROT_READ mapping of the whole file,
 *     then MAP_FIXED mappings of its segments at file offsets over it
 *     (one PROT_EXEC whose code runs), mprotect, munmap.
 *   - A file unlinked while mapped stays readable and writable through the
 *     mapping, and its memory comes back after the last munmap.
 *   - MADV_DONTNEED on a private mapping drops its copy: the file's page
 *     shows again. Shared anonymous pages are sysinfo's sharedram.
 *   - The biggest mapping (1 TiB of a small file), an offset of 8 TiB, a
 *     length of one byte.
 *   - /dev/zero: MAP_PRIVATE is anonymous memory, MAP_SHARED is shared
 *     anonymous memory (a child's stores are seen).
 *   - Errors, as Linux's do_mmap: EBADF, EACCES (a file not open for
 *     reading; MAP_SHARED|PROT_WRITE of a file not open for writing, and
 *     mprotect adding PROT_WRITE there later), ENODEV (a directory, a
 *     pipe), EINVAL (length 0, an unaligned offset, no mapping type),
 *     EOVERFLOW (offset plus length past the largest file), EOPNOTSUPP
 *     (MAP_SHARED_VALIDATE with a flag it does not know).
 *
 * Every case passes on Linux and on keyhole; the *_leak cases check that
 * freeram comes back (ut_check_no_leak).
 */
#include "utest.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>

#define PAGE 4096UL

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif

static char path[64];

/* A new file in /tmp holding len bytes of pattern(i), open O_RDWR. */
static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + i / PAGE + 1);
}

static int make_file(size_t len)
{
	static unsigned char buf[4 * 4096];
	int fd;

	snprintf(path, sizeof(path), "/tmp/file_mmap.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (!CHECK_SYS(fd))
		return -1;
	for (size_t done = 0; done < len;) {
		size_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);

		for (size_t i = 0; i < n; i++)
			buf[i] = pattern(done + i);
		if (!CHECK_EQ(write(fd, buf, n), (ssize_t)n))
			break;
		done += n;
	}
	return fd;
}

/* Whether bytes [from, to) of p hold the file's pattern. */
static bool has_pattern(const unsigned char *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (p[i] != pattern(i))
			return CHECKF(false, "byte %zu is %d, not %d", i, p[i], pattern(i));
	return true;
}

/* --- touching a page and catching SIGBUS/SIGSEGV ---------------------- */

static sigjmp_buf touch_env;
static volatile int touch_sig, touch_code;
static void *volatile touch_addr;

static void touch_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	touch_sig = sig;
	touch_code = si->si_code;
	touch_addr = si->si_addr;
	siglongjmp(touch_env, 1);
}

/* Read (or write) one byte at p: the signal it raised, or 0. */
static int touch(volatile unsigned char *p, bool write)
{
	struct sigaction sa = { .sa_sigaction = touch_handler, .sa_flags = SA_SIGINFO };

	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	touch_sig = 0;
	if (sigsetjmp(touch_env, 1) == 0) {
		if (write)
			*p = 1;
		else
			(void)*p;
	}
	signal(SIGBUS, SIG_DFL);
	signal(SIGSEGV, SIG_DFL);
	return touch_sig;
}

/* A touch at p must be SIGBUS, BUS_ADRERR, at p. */
static void check_sigbus(volatile unsigned char *p, bool write)
{
	CHECK_EQ(touch(p, write), SIGBUS);
	CHECK_EQ(touch_code, BUS_ADRERR);
	CHECK_EQ((uintptr_t)touch_addr, (uintptr_t)p);
}

/* --- cases ------------------------------------------------------------ */

/* A private read-only mapping at an offset shows the file's bytes there. */
static void private_maps_file_data(void)
{
	int fd = make_file(5 * PAGE);
	unsigned char *p;

	if (fd < 0)
		return;
	p = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 2 * PAGE);
	if (!CHECK(p != MAP_FAILED))
		return;
	has_pattern(p - 2 * PAGE, 2 * PAGE, 5 * PAGE);
	CHECK_EQ(touch(p, true), SIGSEGV);              /* PROT_READ */
	CHECK_EQ(touch_code, SEGV_ACCERR);
	CHECK_SYS(munmap(p, 3 * PAGE));
	close(fd);
	unlink(path);
}

/* A MAP_SHARED store is what read() returns; a write() shows in the mapping. */
static void shared_store_seen_by_read(void)
{
	int fd = make_file(2 * PAGE);
	unsigned char *p, buf[8];

	if (fd < 0)
		return;
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!CHECK(p != MAP_FAILED))
		return;
	memcpy(p + PAGE + 10, "mapped", 6);
	CHECK_EQ(pread(fd, buf, 6, PAGE + 10), 6);
	CHECK(memcmp(buf, "mapped", 6) == 0);
	CHECK_EQ(pwrite(fd, "written", 7, 100), 7);
	CHECK(memcmp(p + 100, "written", 7) == 0);
	has_pattern(p, 0, 100);
	CHECK_SYS(munmap(p, 2 * PAGE));
	/* The store outlives the mapping: it was the file's page. */
	CHECK_EQ(pread(fd, buf, 6, PAGE + 10), 6);
	CHECK(memcmp(buf, "mapped", 6) == 0);
	close(fd);
	unlink(path);
}

/* Two shared mappings of one file (one at an offset) are the same pages. */
static void two_shared_mappings_see_each_other(void)
{
	int fd = make_file(4 * PAGE);
	unsigned char *a, *b;

	if (fd < 0)
		return;
	a = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * PAGE);
	if (!CHECK(a != MAP_FAILED && b != MAP_FAILED))
		return;
	a[2 * PAGE + 5] = 0xaa;
	CHECK_EQ(b[5], 0xaa);
	b[PAGE + 7] = 0xbb;
	CHECK_EQ(a[3 * PAGE + 7], 0xbb);
	munmap(a, 4 * PAGE);
	munmap(b, 2 * PAGE);
	close(fd);
	unlink(path);
}

/*
 * A private store copies the page: the file and a shared mapping keep
 * their bytes, the private one keeps its store. Before its first store, a
 * private page is the cache's and shows later changes to the file.
 */
static void private_store_is_a_copy(void)
{
	int fd = make_file(2 * PAGE);
	unsigned char *priv, *shared, buf[4];

	if (fd < 0)
		return;
	priv = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!CHECK(priv != MAP_FAILED && shared != MAP_FAILED))
		return;
	CHECK_EQ(priv[PAGE + 1], pattern(PAGE + 1));    /* read: the cache's page */
	shared[PAGE + 1] = 0x55;
	CHECK_EQ(priv[PAGE + 1], 0x55);                 /* still the cache's */
	priv[PAGE + 1] = 0x66;                          /* now its own copy */
	CHECK_EQ(shared[PAGE + 1], 0x55);
	CHECK_EQ(pread(fd, buf, 1, PAGE + 1), 1);
	CHECK_EQ(buf[0], 0x55);
	shared[PAGE + 2] = 0x77;
	CHECK_EQ(priv[PAGE + 2], pattern(PAGE + 2));    /* the copy was taken before */
	CHECK_EQ(priv[PAGE + 1], 0x66);
	priv[0] = 0x11;                                 /* a write fault first */
	CHECK_EQ(shared[0], pattern(0));
	munmap(priv, 2 * PAGE);
	munmap(shared, 2 * PAGE);
	close(fd);
	unlink(path);
}

/* The rest of the last page reads zero; a page wholly past the end is SIGBUS. */
static void eof_tail_zero_and_sigbus_past_it(void)
{
	const size_t size = PAGE + 100;
	int fd = make_file(size);
	unsigned char *priv, *shared;

	if (fd < 0)
		return;
	priv = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	shared = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!CHECK(priv != MAP_FAILED && shared != MAP_FAILED))
		return;
	has_pattern(priv, 0, size);
	for (size_t i = size; i < 2 * PAGE; i++)
		if (!CHECKF(priv[i] == 0 && shared[i] == 0, "byte %zu past the end is not zero", i))
			break;
	check_sigbus(priv + 2 * PAGE, false);
	check_sigbus(priv + 3 * PAGE + 17, true);
	check_sigbus(shared + 2 * PAGE + 5, false);
	check_sigbus(shared + 2 * PAGE, true);
	/* A store past the end inside the last page is not part of the file. */
	shared[size + 5] = 9;
	struct stat st;
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, (off_t)size);
	munmap(priv, 4 * PAGE);
	munmap(shared, 4 * PAGE);
	close(fd);
	unlink(path);
}

/* fork: the child shares the shared mapping and has a COW copy of the private one. */
static void fork_shared_and_private(void)
{
	int fd = make_file(2 * PAGE);
	unsigned char *priv, *shared;
	pid_t pid;

	if (fd < 0)
		return;
	priv = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!CHECK(priv != MAP_FAILED && shared != MAP_FAILED))
		return;
	priv[0] = 0x42;                 /* the parent's copy, before the fork */
	CHECK_EQ(priv[PAGE], pattern(PAGE));
	pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(priv[0], 0x42);
		CHECK_EQ(priv[PAGE], pattern(PAGE));
		priv[0] = 0x43;
		priv[PAGE] = 0x44;
		shared[PAGE + 3] = 0x45;
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(priv[0], 0x42);
	CHECK_EQ(priv[PAGE], pattern(PAGE));
	CHECK_EQ(shared[PAGE + 3], 0x45);
	CHECK_EQ(priv[PAGE + 3], 0x45); /* not written here: still the file's page */
	munmap(priv, 2 * PAGE);
	munmap(shared, 2 * PAGE);
	close(fd);
	unlink(path);
}

/*
 * What ld.so does with a library: one PROT_READ mapping of the whole
 * reservation, then MAP_FIXED segments at file offsets over it (code
 * PROT_READ|PROT_EXEC, data PROT_READ|PROT_WRITE), an anonymous MAP_FIXED
 * bss, mprotect of the data back to read-only (RELRO), and munmap.
 */
static void ldso_style_segments(void)
{
	/* mov $42, %eax; ret */
	static const unsigned char code[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };
	int fd = make_file(4 * PAGE + 300);
	unsigned char *base;

	if (fd < 0)
		return;
	CHECK_EQ(pwrite(fd, code, sizeof(code), PAGE + 16), (ssize_t)sizeof(code));
	base = mmap(NULL, 6 * PAGE, PROT_READ, MAP_PRIVATE | MAP_DENYWRITE, fd, 0);
	if (!CHECK(base != MAP_FAILED))
		return;
	CHECK(mmap(base + PAGE, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED | MAP_DENYWRITE,
		   fd, PAGE) == base + PAGE);
	CHECK(mmap(base + 2 * PAGE, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd,
		   2 * PAGE) == base + 2 * PAGE);
	CHECK(mmap(base + 4 * PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd,
		   4 * PAGE) == base + 4 * PAGE);
	CHECK(mmap(base + 5 * PAGE, PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0) == base + 5 * PAGE);
	int (*fn)(void) = (int (*)(void))(base + PAGE + 16);
	CHECK_EQ(fn(), 42);
	has_pattern(base, 2 * PAGE, 4 * PAGE);
	/* The data page: write past the file's end in it (bss), then RELRO. */
	has_pattern(base, 4 * PAGE, 4 * PAGE + 300);
	memset(base + 4 * PAGE + 300, 0, PAGE - 300);
	base[4 * PAGE] = 0x99;
	base[5 * PAGE] = 0x98;
	CHECK_SYS(mprotect(base + 4 * PAGE, PAGE, PROT_READ));
	CHECK_EQ(base[4 * PAGE], 0x99);
	CHECK_EQ(touch(base + 4 * PAGE, true), SIGSEGV);
	CHECK_EQ(touch(base + PAGE + 16, true), SIGSEGV);
	unsigned char b;
	CHECK_EQ(pread(fd, &b, 1, 4 * PAGE), 1);
	CHECK_EQ(b, pattern(4 * PAGE));                 /* private: the file kept its byte */
	CHECK_SYS(munmap(base, 6 * PAGE));
	close(fd);
	unlink(path);
}

/* A file unlinked (and closed) while mapped lives on in its mapping. */
static void unlinked_while_mapped(void)
{
	int fd = make_file(3 * PAGE);
	unsigned char *p;

	if (fd < 0)
		return;
	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!CHECK(p != MAP_FAILED))
		return;
	CHECK_SYS(unlink(path));
	close(fd);
	has_pattern(p, 0, 3 * PAGE);
	p[2 * PAGE] = 0x31;
	CHECK_EQ(p[2 * PAGE], 0x31);
	CHECK_EQ(touch(p + 3 * PAGE - 1, false), 0);
	CHECK_SYS(munmap(p, 3 * PAGE));
}

static void unlinked_cycle(void)
{
	int fd = make_file(8 * PAGE);
	unsigned char *s, *q;

	if (fd < 0)
		return;
	s = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	q = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	unlink(path);
	close(fd);
	if (s == MAP_FAILED || q == MAP_FAILED)
		return;
	for (size_t i = 0; i < 8 * PAGE; i += PAGE) {
		s[i] = 1;
		q[i + 1] = 2;
	}
	munmap(s, 8 * PAGE);
	munmap(q, 8 * PAGE);
}

/* Files mapped, written, unlinked while mapped, unmapped: freeram comes back. */
static void unlinked_while_mapped_leak(void)
{
	ut_check_no_leak(unlinked_cycle, 30, "files mapped shared and private, unlinked, unmapped");
}

/* /dev/zero: MAP_PRIVATE is private anonymous memory, MAP_SHARED shared. */
static void dev_zero_private_and_shared(void)
{
	int fd = open("/dev/zero", O_RDWR);
	unsigned char *priv, *shared;
	pid_t pid;

	if (!CHECK_SYS(fd))
		return;
	priv = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (!CHECK(priv != MAP_FAILED && shared != MAP_FAILED))
		return;
	CHECK_EQ(priv[PAGE + 3], 0);
	CHECK_EQ(shared[PAGE + 3], 0);
	priv[0] = 1;
	pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(priv[0], 1);
		priv[0] = 2;
		shared[PAGE] = 3;
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(priv[0], 1);
	CHECK_EQ(shared[PAGE], 3);
	munmap(priv, 2 * PAGE);
	munmap(shared, 2 * PAGE);
	/* Past the end of a /dev/zero mapping nothing is mapped: no SIGBUS. */
}

/* EBADF, EACCES, ENODEV, EINVAL, EOVERFLOW, EOPNOTSUPP, as Linux's do_mmap. */
static void mmap_file_errno(void)
{
	int fd = make_file(PAGE), rd, wr, pfd[2];
	void *p;

	if (fd < 0)
		return;
	rd = open(path, O_RDONLY);
	wr = open(path, O_WRONLY);
	CHECK_SYS(rd);
	CHECK_SYS(wr);
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 999, 0), EBADF);
	CHECK_ERR((long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);  /* fd first */
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 1), EINVAL); /* offset first */
	CHECK_ERR((long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE, fd, 0), EINVAL);
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL);
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, 0, fd, 0), EINVAL);
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, 0x0f, fd, 0), EINVAL);
	/* Not open for reading: any mapping. Shared writable: open for writing. */
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, wr, 0), EACCES);
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_SHARED, wr, 0), EACCES);
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_WRITE, MAP_SHARED, wr, 0), EACCES);
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, rd, 0), EACCES);
	/* A private writable mapping of a read-only file is fine. */
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, rd, 0);
	if (CHECK(p != MAP_FAILED))
		munmap(p, PAGE);
	/* Shared read-only of a read-only file: mprotect may never add writing. */
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, rd, 0);
	if (CHECK(p != MAP_FAILED)) {
		CHECK_ERR(mprotect(p, PAGE, PROT_READ | PROT_WRITE), EACCES);
		CHECK_SYS(mprotect(p, PAGE, PROT_READ | PROT_EXEC));
		munmap(p, PAGE);
	}
	/* Offset plus length past the largest file. */
	CHECK_ERR((long)mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0x7ffffffffffff000L),
		  EOVERFLOW);
	/* MAP_SHARED_VALIDATE refuses what it does not know. */
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0),
		  EOPNOTSUPP);
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE, fd, 0);
	if (CHECK(p != MAP_FAILED)) {
		CHECK_EQ(((unsigned char *)p)[1], pattern(1));
		munmap(p, PAGE);
	}
	/* Not mappable: a directory, a pipe. */
	int dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	if (CHECK_SYS(dfd)) {
		CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, dfd, 0), ENODEV);
		close(dfd);
	}
	if (CHECK_SYS(pipe(pfd))) {
		CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, pfd[0], 0), ENODEV);
		CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_SHARED, pfd[0], 0), ENODEV);
		CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_SHARED, pfd[1], 0), EACCES);
		close(pfd[0]);
		close(pfd[1]);
	}
	/* An anonymous mapping ignores fd. */
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 999, 0);
	if (CHECK(p != MAP_FAILED))
		munmap(p, PAGE);
	close(rd);
	close(wr);
	close(fd);
	unlink(path);
}

/* MAP_FIXED_NOREPLACE over a file mapping: EEXIST, the mapping untouched. */
static void fixed_noreplace_eexist(void)
{
	int fd = make_file(2 * PAGE);
	unsigned char *p;

	if (fd < 0)
		return;
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	if (!CHECK(p != MAP_FAILED))
		return;
	CHECK_ERR((long)mmap(p + PAGE, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd,
			     0), EEXIST);
	CHECK_ERR((long)mmap(p - PAGE, 2 * PAGE, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	has_pattern(p, 0, 2 * PAGE);
	munmap(p, 2 * PAGE);
	p = mmap(p, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, PAGE);
	if (CHECK(p != MAP_FAILED)) {
		CHECK_EQ(p[3], pattern(PAGE + 3));
		munmap(p, PAGE);
	}
	close(fd);
	unlink(path);
}

/* MAP_POPULATE: the pages are there at once; past the end it just stops. */
static void populate_file_mapping(void)
{
	int fd = make_file(2 * PAGE + 10);
	unsigned char *p;

	if (fd < 0)
		return;
	p = mmap(NULL, 4 * PAGE, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
	if (!CHECK(p != MAP_FAILED))
		return;
	has_pattern(p, 0, 2 * PAGE + 10);
	check_sigbus(p + 3 * PAGE, false);
	munmap(p, 4 * PAGE);
	close(fd);
	unlink(path);
}

/* MADV_DONTNEED on a private file mapping drops the copy: the file's page is back. */
static void dontneed_private_back_to_file(void)
{
	int fd = make_file(2 * PAGE);
	unsigned char *p, *s;

	if (fd < 0)
		return;
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	s = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!CHECK(p != MAP_FAILED && s != MAP_FAILED))
		return;
	p[PAGE + 8] = 0xee;
	s[PAGE + 9] = 0xdd;
	CHECK_EQ(p[PAGE + 9], pattern(PAGE + 9));       /* the copy */
	CHECK_SYS(madvise(p, 2 * PAGE, MADV_DONTNEED));
	CHECK_EQ(p[PAGE + 8], pattern(PAGE + 8));       /* the file's again */
	CHECK_EQ(p[PAGE + 9], 0xdd);
	/* On the shared mapping it only unmaps: the store is the file's. */
	CHECK_SYS(madvise(s, 2 * PAGE, MADV_DONTNEED));
	CHECK_EQ(s[PAGE + 9], 0xdd);
	/* MADV_FREE is for private anonymous memory only. */
	CHECK_ERR(madvise(p, PAGE, MADV_FREE), EINVAL);
	munmap(p, 2 * PAGE);
	munmap(s, 2 * PAGE);
	close(fd);
	unlink(path);
}

/* Shared anonymous pages count in sysinfo's sharedram, and go with the mapping. */
static void shared_anon_counts_as_sharedram(void)
{
	const size_t n = 256;
	struct sysinfo before, touched, after;
	unsigned char *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				-1, 0);
	long rise;

	if (!CHECK(p != MAP_FAILED))
		return;
	CHECK_SYS(sysinfo(&before));
	for (size_t i = 0; i < n; i++)
		p[i * PAGE] = 1;
	CHECK_SYS(sysinfo(&touched));
	CHECK_SYS(munmap(p, n * PAGE));
	CHECK_SYS(sysinfo(&after));
	rise = (long)(touched.sharedram - before.sharedram) * (long)touched.mem_unit;
	if (ut_on_linux())      /* other processes' shared memory comes and goes */
		CHECK_GE(rise, (long)(n * PAGE * 3 / 4));
	else
		CHECK_EQ(rise, (long)(n * PAGE));
	if (!ut_on_linux())
		CHECK_EQ(after.sharedram, before.sharedram);
}

/*
 * The biggest and the oddest: a 1 TiB private mapping of a 3-page file
 * (lazy: only what is touched costs), a mapping at a file offset of 8 TiB
 * (wholly past the end: SIGBUS), an offset whose end passes the largest
 * file (EOVERFLOW), and the smallest length, one byte.
 */
static void biggest_and_smallest(void)
{
	int fd = make_file(3 * PAGE);
	unsigned char *p;

	if (fd < 0)
		return;
	p = mmap(NULL, 1UL << 40, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, fd, 0);
	if (CHECK(p != MAP_FAILED)) {
		CHECK_EQ(p[2 * PAGE + 1], pattern(2 * PAGE + 1));
		check_sigbus(p + 3 * PAGE, false);
		check_sigbus(p + (1UL << 40) - 1, true);
		CHECK_SYS(munmap(p, 1UL << 40));
	}
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 1L << 43);
	if (CHECK(p != MAP_FAILED)) {
		check_sigbus(p, false);
		munmap(p, PAGE);
	}
	CHECK_ERR((long)mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0x7fffffffffffe000L),
		  EOVERFLOW);
	p = mmap(NULL, 1, PROT_READ, MAP_PRIVATE, fd, PAGE);
	if (CHECK(p != MAP_FAILED)) {
		CHECK_EQ(p[PAGE - 1], pattern(2 * PAGE - 1));   /* the whole page */
		munmap(p, 1);
	}
	close(fd);
	unlink(path);
}

/*
 * mmap-checks-range-before-type: keyhole checked the mapping type (and
 * MAP_FIXED's alignment) before the length and the range, so a huge
 * length without MAP_SHARED or MAP_PRIVATE was EINVAL, and an unaligned
 * MAP_FIXED address too near the top EINVAL. Linux's do_mmap finds the
 * range first: ENOMEM; MAP_FIXED_NOREPLACE's overlap (EEXIST) also comes
 * before the type.
 */
static void mmap_checks_range_before_type(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(p != MAP_FAILED))
		return;
	CHECK_ERR((long)mmap(NULL, 1UL << 48, PROT_READ, MAP_ANONYMOUS, -1, 0), ENOMEM);
	CHECK_ERR((long)mmap(NULL, -PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0), ENOMEM);
	CHECK_ERR((long)mmap((void *)0x7ffffffff001UL, 2 * PAGE, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), ENOMEM);
	CHECK_ERR((long)mmap(p, PAGE, PROT_READ, MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
		  EEXIST);
	CHECK_ERR((long)mmap((void *)0x10001UL, PAGE, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
	CHECK_ERR((long)mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);
	munmap(p, PAGE);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(private_maps_file_data);
	RUN(shared_store_seen_by_read);
	RUN(two_shared_mappings_see_each_other);
	RUN(private_store_is_a_copy);
	RUN(eof_tail_zero_and_sigbus_past_it);
	RUN(fork_shared_and_private);
	RUN(ldso_style_segments);
	RUN(unlinked_while_mapped);
	RUN(unlinked_while_mapped_leak);
	RUN(dev_zero_private_and_shared);
	RUN(mmap_file_errno);
	RUN(fixed_noreplace_eexist);
	RUN(populate_file_mapping);
	RUN(dontneed_private_back_to_file);
	RUN(shared_anon_counts_as_sharedram);
	RUN(biggest_and_smallest);
	RUN(mmap_checks_range_before_type);
	return ut_done();
}
