/*
 * file_mmap_fault_around.c - a read fault on a file mapping maps the
 * file's cached pages around it too (Linux's fault-around: a 64 KiB
 * window, aligned, cut at the VMA, the page table and the end of the
 * file), and nothing of what it does can be seen except in fewer faults.
 * Faults are counted with getrusage's ru_minflt: a page mapped by
 * fault-around is touched without one.
 *
 *   - window: a touch maps the 16 pages of its aligned window, not the
 *     17th; from an unaligned VMA start, 16 pages from there;
 *   - the window stops at the end of the VMA: the next VMA, on the same
 *     file, still faults for itself (and sees its own offset);
 *   - the end of the file: the last, partial page is mapped (zero past
 *     the end), the pages wholly past it still raise SIGBUS;
 *   - a page missing from the cache (a hole) in the window is left for
 *     its own fault, which reads zero;
 *   - a private mapping: a page already copied (written) keeps its copy,
 *     and a page mapped by fault-around is still copied on write (the
 *     file does not change);
 *   - truncation after fault-around unmaps them all (SIGBUS), and a
 *     mapped, touched, unmapped file leaks nothing.
 */
#include "utest.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define PAGE 4096UL
#define WINDOW 16               /* Linux's fault_around_bytes, in pages */

static char path[64];

/* A file of len bytes, byte i of page p holding 'A' + p % 26, synced
 * (Linux maps around only pages not locked for writeback); pages in
 * holes (bit p of holes) are not written, so not in the page cache. */
static int make_file(size_t len, unsigned long holes)
{
	static unsigned char buf[PAGE];
	int fd;

	snprintf(path, sizeof(path), "/tmp/file_mmap_fault_around.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (!CHECK_SYS(fd))
		return -1;
	unlink(path);
	if (!CHECK_SYS(ftruncate(fd, (off_t)len))) {
		close(fd);
		return -1;
	}
	for (size_t p = 0; p * PAGE < len; p++) {
		size_t n = len - p * PAGE < PAGE ? len - p * PAGE : PAGE;

		if (p < 64 && (holes >> p & 1))
			continue;
		memset(buf, 'A' + (int)(p % 26), sizeof(buf));
		CHECK_EQ(pwrite(fd, buf, n, (off_t)(p * PAGE)), (ssize_t)n);
	}
	(void)fsync(fd);        /* only for the host's writeback (keyhole has no fsync yet) */
	return fd;
}

/* 4 * WINDOW pages of address space aligned to the window, reserved. */
static unsigned char *aligned_area(void)
{
	size_t len = 4 * WINDOW * PAGE;
	unsigned char *p = mmap(NULL, 2 * len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(p != MAP_FAILED))
		return NULL;
	unsigned char *a = (unsigned char *)(((uintptr_t)p + len - 1) & ~(len - 1));

	munmap(p, (size_t)(a - p));
	munmap(a + len, (size_t)(p + 2 * len - (a + len)));
	return a;
}

static unsigned char *map_at(unsigned char *a, size_t len, int prot, int flags, int fd,
			     off_t off)
{
	unsigned char *p = mmap(a, len, prot, flags | MAP_FIXED, fd, off);

	return CHECK(p == a) ? p : NULL;
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* Read the byte at p: the number of faults that took. */
static long faults_to_read(volatile unsigned char *p, unsigned char *val)
{
	long before = minflt();
	unsigned char v = *p;
	long n = minflt() - before;

	*val = v;
	return n;
}

/* Read one byte of each page [from, to) of the mapping at m whose file
 * page is first + i: faults taken in total; every byte is checked. */
static long read_pages(unsigned char *m, size_t from, size_t to, size_t first)
{
	long n = 0;

	for (size_t i = from; i < to; i++) {
		unsigned char v;

		n += faults_to_read(m + i * PAGE + 7, &v);
		CHECKF(v == 'A' + (first + i) % 26, "page %zu reads %#x", i, v);
	}
	return n;
}

static sigjmp_buf touch_env;
static volatile int touch_sig;

static void touch_handler(int sig)
{
	touch_sig = sig;
	siglongjmp(touch_env, 1);
}

static int touch_sigbus(volatile unsigned char *p)
{
	signal(SIGBUS, touch_handler);
	touch_sig = 0;
	if (sigsetjmp(touch_env, 1) == 0)
		(void)*p;
	signal(SIGBUS, SIG_DFL);
	return touch_sig;
}

/* One touch maps its aligned window of 16 pages, no more. */
static void window_aligned(void)
{
	int fd = make_file(4 * WINDOW * PAGE, 0);
	unsigned char *a = aligned_area(), *m, v;

	if (fd < 0 || !a || !(m = map_at(a, 4 * WINDOW * PAGE, PROT_READ, MAP_SHARED, fd, 0)))
		return;
	CHECK_EQ(faults_to_read(m + 5 * PAGE, &v), 1);
	CHECK_EQ(read_pages(m, 0, WINDOW, 0), 0);
	CHECK_EQ(read_pages(m, WINDOW, WINDOW + 1, 0), 1);      /* the next window */
	CHECK_EQ(read_pages(m, WINDOW + 1, 2 * WINDOW, 0), 0);
	munmap(m, 4 * WINDOW * PAGE);
	close(fd);
}

/* A VMA starting inside a window: 16 pages from its start. A VMA ending
 * inside one: the next VMA (same file, other offset) is not touched. */
static void window_at_vma_edges(void)
{
	int fd = make_file(4 * WINDOW * PAGE, 0);
	unsigned char *a = aligned_area(), *m, *n;

	if (fd < 0 || !a)
		return;
	m = map_at(a + 3 * PAGE, 2 * WINDOW * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	if (!m)
		return;
	CHECK_EQ(read_pages(m, 0, 1, 0), 1);
	CHECK_EQ(read_pages(m, 1, WINDOW, 0), 0);
	CHECK_EQ(read_pages(m, WINDOW, WINDOW + 1, 0), 1);      /* a+19 pages: next window */
	munmap(m, 2 * WINDOW * PAGE);

	/* [a, a+4) maps file pages 0-3, [a+4, a+16) file pages 40-51. */
	m = map_at(a, 4 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	n = map_at(a + 4 * PAGE, 12 * PAGE, PROT_READ, MAP_SHARED, fd, 40 * PAGE);
	if (!m || !n)
		return;
	CHECK_EQ(read_pages(m, 0, 4, 0), 1);
	CHECK_EQ(read_pages(n, 0, 1, 40), 1);                   /* its own fault */
	CHECK_EQ(read_pages(n, 1, 12, 40), 0);
	munmap(a, WINDOW * PAGE);
	close(fd);
}

/* The file ends inside the window: up to its last page, and the pages
 * wholly past the end still raise SIGBUS. */
static void window_at_end_of_file(void)
{
	int fd = make_file(10 * PAGE + 100, 0);
	unsigned char *a = aligned_area(), *m, v;

	if (fd < 0 || !a || !(m = map_at(a, WINDOW * PAGE, PROT_READ, MAP_SHARED, fd, 0)))
		return;
	CHECK_EQ(read_pages(m, 0, 1, 0), 1);
	CHECK_EQ(read_pages(m, 1, 11, 0), 0);                   /* the partial page too */
	CHECK_EQ(faults_to_read(m + 10 * PAGE + 100, &v), 0);
	CHECK_EQ(v, 0);
	for (size_t i = 11; i < WINDOW; i++)
		CHECKF(touch_sigbus(m + i * PAGE) == SIGBUS, "page %zu past the end", i);
	munmap(m, WINDOW * PAGE);
	close(fd);
}

/* A hole in the window (a page not in the cache) gets a fault of its
 * own; it reads zero. */
static void window_with_hole(void)
{
	int fd = make_file(WINDOW * PAGE, 1UL << 7);
	unsigned char *a = aligned_area(), *m, v;
	long n;

	if (fd < 0 || !a || !(m = map_at(a, WINDOW * PAGE, PROT_READ, MAP_SHARED, fd, 0)))
		return;
	CHECK_EQ(read_pages(m, 0, 1, 0), 1);
	CHECK_EQ(read_pages(m, 1, 7, 0), 0);
	CHECK_EQ(read_pages(m, 8, WINDOW, 0), 0);
	/* keyhole (and Linux 6.1's ext4 and tmpfs) fault here; a newer
	 * Linux host's ext4 may cache the hole within a large folio of its
	 * neighbours, and map it around: no fault there. */
	n = faults_to_read(m + 7 * PAGE, &v);
	CHECKF(ut_on_linux() ? n <= 1 : n == 1, "the hole took %ld faults", n);
	CHECK_EQ(v, 0);
	munmap(m, WINDOW * PAGE);
	close(fd);
}

/* Private: a written page keeps its copy; a page fault-around mapped is
 * copied on its first write, and the file never changes. */
static void private_keeps_copy(void)
{
	int fd = make_file(WINDOW * PAGE, 0);
	unsigned char *a = aligned_area(), *m, v, buf[4];

	if (fd < 0 || !a ||
	    !(m = map_at(a, WINDOW * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0)))
		return;
	m[3 * PAGE + 7] = 'x';                                  /* a copy of page 3 */
	CHECK_EQ(read_pages(m, 0, 1, 0), 1);
	CHECK_EQ(read_pages(m, 1, 3, 0), 0);
	CHECK_EQ(faults_to_read(m + 3 * PAGE + 7, &v), 0);
	CHECK_EQ(v, 'x');                                       /* its copy, not the file's */
	CHECK_EQ(read_pages(m, 4, WINDOW, 0), 0);
	{
		long before = minflt();

		m[5 * PAGE + 7] = 'y';                          /* copy on write */
		CHECK_EQ(minflt() - before, 1);
	}
	CHECK_EQ(m[5 * PAGE + 7], 'y');
	CHECK_EQ(pread(fd, buf, 1, 5 * PAGE + 7), 1);
	CHECK_EQ(buf[0], 'A' + 5);
	CHECK_EQ(pread(fd, buf, 1, 3 * PAGE + 7), 1);
	CHECK_EQ(buf[0], 'A' + 3);
	munmap(m, WINDOW * PAGE);
	close(fd);
}

/* Truncation after fault-around takes every mapped page out. */
static void truncate_after_fault_around(void)
{
	int fd = make_file(WINDOW * PAGE, 0);
	unsigned char *a = aligned_area(), *m, *p, v;
	long n;

	if (fd < 0 || !a || !(m = map_at(a, WINDOW * PAGE, PROT_READ, MAP_SHARED, fd, 0)) ||
	    !(p = map_at(a + WINDOW * PAGE, WINDOW * PAGE, PROT_READ, MAP_PRIVATE, fd, 0)))
		return;
	CHECK_EQ(read_pages(m, 0, WINDOW, 0), 1);
	CHECK_EQ(read_pages(p, 0, WINDOW, 0), 1);
	CHECK_SYS(ftruncate(fd, 4 * PAGE));
	for (size_t i = 4; i < WINDOW; i++) {
		CHECKF(touch_sigbus(m + i * PAGE) == SIGBUS, "shared page %zu", i);
		CHECKF(touch_sigbus(p + i * PAGE) == SIGBUS, "private page %zu", i);
	}
	CHECK_EQ(read_pages(m, 0, 4, 0), 0);
	CHECK_SYS(ftruncate(fd, WINDOW * PAGE));
	/* A new page, zero: a fault on keyhole (as on Linux 6.1); a newer
	 * host's ext4 may keep it in a large folio that truncation zeroed. */
	n = faults_to_read(m + 9 * PAGE, &v);
	CHECKF(ut_on_linux() ? n <= 1 : n == 1, "the new page took %ld faults", n);
	CHECK_EQ(v, 0);
	munmap(a, 2 * WINDOW * PAGE);
	close(fd);
}

static int leak_fd = -1;

static void fault_around_cycle(void)
{
	unsigned char *m = mmap(NULL, 3 * WINDOW * PAGE, PROT_READ, MAP_PRIVATE, leak_fd, 0);

	if (m == MAP_FAILED)
		return;
	for (size_t i = 0; i < 3 * WINDOW; i += 5)
		(void)((volatile unsigned char *)m)[i * PAGE];
	munmap(m, 3 * WINDOW * PAGE);
}

static void fault_around_no_leak(void)
{
	leak_fd = make_file(3 * WINDOW * PAGE, 0);
	if (leak_fd < 0)
		return;
	ut_check_no_leak(fault_around_cycle, 30, "mappings faulted around");
	close(leak_fd);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	minflt();
	RUN(window_aligned);
	RUN(window_at_vma_edges);
	RUN(window_at_end_of_file);
	RUN(window_with_hole);
	RUN(private_keeps_copy);
	RUN(truncate_after_fault_around);
	RUN(fault_around_no_leak);
	return ut_done();
}
