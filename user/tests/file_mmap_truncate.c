/*
 * file_mmap_truncate.c - ftruncate(2)/truncate(2) of a file that is
 * mapped: the page cache and every mapping follow the new size.
 *
 *   - Shrinking drops the pages past the new end from the cache AND from
 *     every mapping, shared or private (even a private copy): a later
 *     touch there is SIGBUS (BUS_ADRERR, si_addr the byte). The rest of
 *     the new last page reads zero, in read() and in the mapping.
 *   - Growing again shows zeroes, never the old bytes, through read() and
 *     through a mapping made before.
 *   - Another process truncating the file while a child has it mapped:
 *     the child's next touch past the end is SIGBUS, and within the end
 *     its data is still there.
 *   - A mapping of a file truncated to 0 and unlinked: memory comes back.
 *   - truncate(2) by name, and open(O_TRUNC), do the same as ftruncate.
 */
#include "utest.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define PAGE 4096UL

static char path[64];

static int make_file(size_t len, int fill)
{
	static unsigned char buf[4096];
	int fd;

	snprintf(path, sizeof(path), "/tmp/file_mmap_truncate.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (!CHECK_SYS(fd))
		return -1;
	memset(buf, fill, sizeof(buf));
	for (size_t done = 0; done < len;) {
		size_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);

		if (!CHECK_EQ(write(fd, buf, n), (ssize_t)n))
			break;
		done += n;
	}
	return fd;
}

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

static void check_sigbus(volatile unsigned char *p, bool write)
{
	CHECK_EQ(touch(p, write), SIGBUS);
	CHECK_EQ(touch_code, BUS_ADRERR);
	CHECK_EQ((uintptr_t)touch_addr, (uintptr_t)p);
}

/*
 * Shrink while mapped shared and private (a private page copied first):
 * SIGBUS past the new end in both; the new last page's tail reads zero.
 */
static void shrink_while_mapped_sigbus_after(void)
{
	int fd = make_file(4 * PAGE, 'a');
	unsigned char *s, *p, buf[PAGE];

	if (fd < 0)
		return;
	s = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (!CHECK(s != MAP_FAILED && p != MAP_FAILED))
		return;
	for (size_t i = 0; i < 4 * PAGE; i += PAGE)
		CHECK_EQ(s[i] + p[i + 1], 'a' + 'a');  /* every page mapped in both */
	p[3 * PAGE] = 'p';                              /* a private copy, past the new end */
	CHECK_SYS(ftruncate(fd, PAGE + 10));
	check_sigbus(s + 2 * PAGE, false);
	check_sigbus(s + 3 * PAGE + 5, true);
	check_sigbus(p + 2 * PAGE + 1, false);
	check_sigbus(p + 3 * PAGE, false);              /* the copy went too */
	CHECK_EQ(s[PAGE + 9], 'a');
	CHECK_EQ(s[PAGE + 10], 0);                      /* the tail of the new last page */
	CHECK_EQ(p[PAGE + 10], 0);
	CHECK_EQ(s[PAGE - 1], 'a');
	CHECK_EQ(pread(fd, buf, sizeof(buf), PAGE), 10);
	munmap(s, 4 * PAGE);
	munmap(p, 4 * PAGE);
	close(fd);
	unlink(path);
}

/* Growing again shows zeroes, in read() and in a mapping made before. */
static void grow_shows_zeroes(void)
{
	int fd = make_file(3 * PAGE, 'b');
	unsigned char *s, buf[3 * PAGE];

	if (fd < 0)
		return;
	s = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!CHECK(s != MAP_FAILED))
		return;
	s[100] = 'x';
	CHECK_SYS(ftruncate(fd, 50));
	s[60] = 'y';                    /* past the end, in the last page: not the file's */
	CHECK_SYS(ftruncate(fd, 3 * PAGE));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	for (size_t i = 50; i < sizeof(buf); i++)
		if (!CHECKF(buf[i] == 0 && s[i] == 0, "byte %zu after growing: read %d, mapped %d", i,
			    buf[i], s[i]))
			break;
	CHECK_EQ(s[49], 'b');
	s[2 * PAGE + 7] = 'z';
	CHECK_EQ(pread(fd, buf, 1, 2 * PAGE + 7), 1);
	CHECK_EQ(buf[0], 'z');
	/* A write() past the end after a store past it: the gap reads zero too. */
	CHECK_SYS(ftruncate(fd, 10));
	s[20] = 'q';
	CHECK_EQ(pwrite(fd, "w", 1, 30), 1);
	CHECK_EQ(pread(fd, buf, 31, 0), 31);
	CHECK_EQ(buf[20], 0);
	CHECK_EQ(buf[30], 'w');
	munmap(s, 3 * PAGE);
	close(fd);
	unlink(path);
}

/* truncate(2) by name unmaps as ftruncate does. */
static void truncate_by_name_unmaps(void)
{
	int fd = make_file(2 * PAGE, 'c');
	unsigned char *s;

	if (fd < 0)
		return;
	s = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	if (!CHECK(s != MAP_FAILED))
		return;
	CHECK_EQ(s[PAGE], 'c');
	CHECK_SYS(truncate(path, PAGE));
	check_sigbus(s + PAGE, false);
	CHECK_EQ(s[PAGE - 1], 'c');
	CHECK_SYS(truncate(path, 0));
	check_sigbus(s, false);
	/* open(O_TRUNC) too. */
	CHECK_SYS(ftruncate(fd, PAGE));
	CHECK_EQ(s[5], 0);
	int fd2 = open(path, O_RDWR | O_TRUNC);
	if (CHECK_SYS(fd2))
		close(fd2);
	check_sigbus(s + 5, false);
	munmap(s, 2 * PAGE);
	close(fd);
	unlink(path);
}

/*
 * Another process truncates the file while a child has it mapped: the
 * child's next touch past the new end is SIGBUS; before it, the data.
 */
static void truncated_by_another_process(void)
{
	int fd = make_file(8 * PAGE, 'd'), go[2], done[2];
	pid_t child, cutter;
	char c;

	if (fd < 0 || !CHECK_SYS(pipe(go)) || !CHECK_SYS(pipe(done)))
		return;
	child = ut_fork();
	if (child == 0) {
		unsigned char *s = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		unsigned char *p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

		if (!CHECK(s != MAP_FAILED && p != MAP_FAILED))
			ut_child_exit();
		for (size_t i = 0; i < 8 * PAGE; i += PAGE)
			CHECK_EQ(s[i] + p[i], 'd' + 'd');
		CHECK_EQ(write(go[1], "g", 1), 1);      /* mapped: cut now */
		CHECK_EQ(read(done[0], &c, 1), 1);
		CHECK_EQ(s[2 * PAGE - 1], 'd');
		check_sigbus(s + 2 * PAGE, false);
		check_sigbus(p + 7 * PAGE, true);
		ut_child_exit();
	}
	cutter = ut_fork();
	if (cutter == 0) {
		CHECK_EQ(read(go[0], &c, 1), 1);
		CHECK_SYS(ftruncate(fd, 2 * PAGE));
		CHECK_EQ(write(done[1], "d", 1), 1);
		ut_child_exit();
	}
	CHECK_EXITED(cutter, 0);
	CHECK_EXITED(child, 0);
	close(fd);
	unlink(path);
}

/*
 * Children fault pages of a file in a loop while another truncates it to
 * and fro: each touch is the data or SIGBUS, never a crash or a hang, and
 * memory comes back at the end.
 */
static void truncate_race_cycle(void)
{
	int fd = make_file(16 * PAGE, 'e');
	pid_t kids[2];

	if (fd < 0)
		return;
	for (int k = 0; k < 2; k++) {
		kids[k] = ut_fork();
		if (kids[k] == 0) {
			unsigned char *s = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE,
						k ? MAP_PRIVATE : MAP_SHARED, fd, 0);

			if (!CHECK(s != MAP_FAILED))
				ut_child_exit();
			for (int round = 0; round < 200; round++) {
				size_t i = (size_t)(round * 7 % 16) * PAGE + (size_t)round;
				int sig = touch(s + i, round & 1);

				CHECKF(sig == 0 || sig == SIGBUS, "touch at %zu: signal %d", i, sig);
			}
			ut_child_exit();
		}
	}
	for (int round = 0; round < 100; round++)
		CHECK_SYS(ftruncate(fd, (off_t)((round * 5 % 17) * PAGE)));
	for (int k = 0; k < 2; k++)
		CHECK_EXITED(kids[k], 0);
	close(fd);
	unlink(path);
}

static void truncate_race(void)
{
	ut_check_no_leak(truncate_race_cycle, 3, "truncate races with faulting children");
}

static void mapped_truncated_unlinked_cycle(void)
{
	int fd = make_file(8 * PAGE, 'f');
	unsigned char *s, *p;

	if (fd < 0)
		return;
	s = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (s == MAP_FAILED || p == MAP_FAILED)
		return;
	for (size_t i = 0; i < 8 * PAGE; i += PAGE)
		p[i] = s[i];
	ftruncate(fd, 3 * PAGE);
	ftruncate(fd, 9 * PAGE);
	s[5 * PAGE] = 1;
	unlink(path);
	close(fd);
	munmap(s, 8 * PAGE);
	munmap(p, 8 * PAGE);
}

/* Mapped, truncated, grown, unlinked, unmapped: freeram comes back. */
static void truncate_while_mapped_no_leak(void)
{
	ut_check_no_leak(mapped_truncated_unlinked_cycle, 30, "mapped files truncated and unlinked");
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(shrink_while_mapped_sigbus_after);
	RUN(grow_shows_zeroes);
	RUN(truncate_by_name_unmaps);
	RUN(truncated_by_another_process);
	RUN(truncate_race);
	RUN(truncate_while_mapped_no_leak);
	return ut_done();
}
