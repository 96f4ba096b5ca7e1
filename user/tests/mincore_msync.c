/*
 * mincore_msync.c - mincore(2) and msync(2): what they answer, and their
 * errno matrices and EFAULT cases, as Linux's.
 *
 * mincore: a byte per page, bit 0 set for a page in memory: touched
 * anonymous pages, and every page of a file mapping that is in the file's
 * page cache (written by write(), or touched through another mapping),
 * whether or not this mapping touched it. EINVAL for an unaligned start;
 * ENOMEM for a range leaving user space or holding an unmapped page;
 * EFAULT for a vector that cannot be written (the vector one byte before
 * an unmapped page, for a range of two pages).
 *
 * msync: EINVAL for an unknown flag, MS_ASYNC with MS_SYNC, an unaligned
 * start; ENOMEM for a range that wraps or holds an unmapped hole (MS_SYNC
 * stops at it; the others go on and report it). A MAP_SHARED store is in
 * the file before and after msync (it is the file's page).
 */
#include "utest.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>

#define PAGE 4096UL

static char path[64];

static int make_file(size_t len)
{
	int fd;

	snprintf(path, sizeof(path), "/tmp/mincore_msync.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (!CHECK_SYS(fd))
		return -1;
	CHECK_SYS(ftruncate(fd, (off_t)len));
	return fd;
}

/* Anonymous pages: resident once touched, not before, not after MADV_DONTNEED. */
static void mincore_anon(void)
{
	unsigned char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char vec[4];

	if (!CHECK(p != MAP_FAILED))
		return;
	CHECK_SYS(mincore(p, 4 * PAGE, vec));
	CHECK_EQ(vec[0] | vec[1] | vec[2] | vec[3], 0);
	p[PAGE] = 1;
	p[3 * PAGE + 100] = 1;
	CHECK_SYS(mincore(p, 4 * PAGE, vec));
	CHECK_EQ(vec[0] & 1, 0);
	CHECK_EQ(vec[1] & 1, 1);
	CHECK_EQ(vec[2] & 1, 0);
	CHECK_EQ(vec[3] & 1, 1);
	/* A length not a multiple of the page counts the partial page. */
	memset(vec, 0xee, sizeof(vec));
	CHECK_SYS(mincore(p + PAGE, PAGE + 1, vec));
	CHECK_EQ(vec[0] & 1, 1);
	CHECK_EQ(vec[1] & 1, 0);
	CHECK_EQ(vec[2], 0xee);                         /* only two bytes written */
	CHECK_SYS(madvise(p, 4 * PAGE, MADV_DONTNEED));
	CHECK_SYS(mincore(p, 4 * PAGE, vec));
	CHECK_EQ(vec[1] & 1, 0);
	/* PROT_NONE pages that were touched are still in memory. */
	p[0] = 1;
	CHECK_SYS(mprotect(p, PAGE, PROT_NONE));
	CHECK_SYS(mincore(p, PAGE, vec));
	CHECK_EQ(vec[0] & 1, 1);
	munmap(p, 4 * PAGE);
}

/* File pages: resident when in the page cache, through whatever put them there. */
static void mincore_file(void)
{
	int fd = make_file(4 * PAGE);
	unsigned char *a, *b, vec[4];

	if (fd < 0)
		return;
	CHECK_EQ(pwrite(fd, "x", 1, 2 * PAGE), 1);      /* page 2 via write() */
	a = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	if (!CHECK(a != MAP_FAILED && b != MAP_FAILED))
		return;
	a[3 * PAGE] = 1;                                /* page 3 via a store */
	CHECK_SYS(mincore(b, 4 * PAGE, vec));           /* b touched nothing */
	CHECK_EQ(vec[2] & 1, 1);
	CHECK_EQ(vec[3] & 1, 1);
	CHECK_SYS(mincore(a + 2 * PAGE, 2 * PAGE, vec));
	CHECK_EQ(vec[0] & 1, 1);
	CHECK_EQ(vec[1] & 1, 1);
	munmap(a, 4 * PAGE);
	munmap(b, 4 * PAGE);
	close(fd);
	unlink(path);
}

/* mincore's errors. */
static void mincore_errno(void)
{
	unsigned char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char vec[4];

	if (!CHECK(p != MAP_FAILED))
		return;
	munmap(p + 2 * PAGE, PAGE);
	CHECK_ERR(mincore(p + 1, PAGE, vec), EINVAL);
	CHECK_ERR(mincore(p, 3 * PAGE, vec), ENOMEM);           /* the last page is a hole */
	CHECK_ERR(mincore(p + 2 * PAGE, PAGE, vec), ENOMEM);
	CHECK_ERR(mincore((void *)0x7ffffffff000UL, PAGE, vec), ENOMEM); /* past user space */
	CHECK_ERR(mincore(p, (size_t)-PAGE, vec), ENOMEM);
	CHECK_SYS(mincore(p + 2 * PAGE, 0, vec));               /* no pages: nothing asked */
	/* EFAULT: a NULL vector, a kernel one, one byte before an unmapped page. */
	CHECK_ERR(mincore(p, PAGE, NULL), EFAULT);
	CHECK_ERR(mincore(p, PAGE, (unsigned char *)0xffffffff81000000UL), EFAULT);
	CHECK_ERR(mincore(p, 2 * PAGE, p + 2 * PAGE - 1), EFAULT);
	CHECK_SYS(mincore(p, PAGE, p + 2 * PAGE - 1));          /* one byte fits */
	CHECK_ERR(mincore(p, PAGE, p + 2 * PAGE), EFAULT);
	/* A read-only vector. */
	CHECK_SYS(mprotect(p + PAGE, PAGE, PROT_READ));
	CHECK_ERR(mincore(p, PAGE, p + PAGE), EFAULT);
	munmap(p, 2 * PAGE);
}

/* msync of a shared file mapping: the store is in the file. */
static void msync_shared_file(void)
{
	int fd = make_file(2 * PAGE);
	unsigned char *a, buf[2];

	if (fd < 0)
		return;
	a = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!CHECK(a != MAP_FAILED))
		return;
	a[PAGE + 1] = 's';
	CHECK_SYS(msync(a, 2 * PAGE, MS_SYNC));
	CHECK_SYS(msync(a + PAGE, 1, MS_ASYNC));
	CHECK_SYS(msync(a, 2 * PAGE, MS_INVALIDATE));
	CHECK_SYS(msync(a, 2 * PAGE, MS_SYNC | MS_INVALIDATE));
	CHECK_SYS(msync(a, 2 * PAGE, 0));
	CHECK_EQ(a[PAGE + 1], 's');                     /* MS_INVALIDATE keeps the store */
	CHECK_EQ(pread(fd, buf, 1, PAGE + 1), 1);
	CHECK_EQ(buf[0], 's');
	munmap(a, 2 * PAGE);
	close(fd);
	unlink(path);
}

/* msync's errors. */
static void msync_errno(void)
{
	unsigned char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(p != MAP_FAILED))
		return;
	munmap(p + PAGE, PAGE);                         /* a hole at page 1 */
	CHECK_ERR(msync(p, PAGE, 8), EINVAL);
	CHECK_ERR(msync(p, PAGE, MS_ASYNC | MS_SYNC), EINVAL);
	CHECK_ERR(msync(p + 1, PAGE, MS_SYNC), EINVAL);
	CHECK_ERR(msync(p, (size_t)-PAGE, MS_SYNC), ENOMEM);    /* wraps */
	CHECK_ERR(msync(p, 4 * PAGE, MS_SYNC), ENOMEM);
	CHECK_ERR(msync(p, 4 * PAGE, MS_ASYNC), ENOMEM);
	CHECK_ERR(msync(p, 4 * PAGE, MS_INVALIDATE), ENOMEM);
	CHECK_ERR(msync(p + PAGE, PAGE, MS_ASYNC), ENOMEM);
	CHECK_ERR(msync(p + PAGE, PAGE, MS_SYNC), ENOMEM);
	CHECK_SYS(msync(p, PAGE, MS_SYNC));                     /* private anonymous: fine */
	CHECK_SYS(msync(p + 2 * PAGE, 2 * PAGE, MS_ASYNC));
	CHECK_SYS(msync(p + PAGE, 0, MS_SYNC));                 /* nothing asked */
	CHECK_ERR(msync((void *)0x7ffffffff000UL, PAGE, MS_SYNC), ENOMEM);
	munmap(p, 4 * PAGE);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(mincore_anon);
	RUN(mincore_file);
	RUN(mincore_errno);
	RUN(msync_shared_file);
	RUN(msync_errno);
	return ut_done();
}
