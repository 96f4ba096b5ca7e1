/*
 * mm_huge_range.c - huge, mostly empty mappings cost what is in them, not
 * their size, and a process working on one can be killed.
 *
 * huge-prot-none-map-protect-unmap: musl's malloc tests reserve 2^46 bytes
 * PROT_NONE and unmap them; keyhole walked such a range one 4 KiB page at
 * a time (2^34 steps, about 3.7 hours) and ignored SIGKILL meanwhile. Each
 * case here maps, protects, advises, forks over and unmaps 2^46 bytes with
 * a few pages touched in it; each must end long before the case's timeout
 * (UT_TIMEOUT), and did not on the kernel before the fix.
 */
#include "utest.h"

#include <stdint.h>
#include <sys/mman.h>
#include <time.h>

#define PAGE 4096UL
#define HUGE (1UL << 46)

static char *map_huge(int prot)
{
	char *p = mmap(NULL, HUGE, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	CHECKF(p != MAP_FAILED, "mmap 2^46 bytes: %s", strerror(errno));
	return p == MAP_FAILED ? NULL : p;
}

/* Three pages far apart: each needs page tables of its own at every level. */
static char *spot(char *p, int i)
{
	static const unsigned long off[] = { 0, HUGE / 2 + 12345 * PAGE, HUGE - PAGE };

	return p + off[i];
}

static void huge_prot_none_map_protect_unmap(void)
{
	char *p = map_huge(PROT_NONE);

	if (!p)
		return;
	CHECK_SYS(mprotect(p, HUGE, PROT_READ | PROT_WRITE));
	for (int i = 0; i < 3; i++)
		*spot(p, i) = (char)('a' + i);
	CHECK_SYS(mprotect(p, HUGE, PROT_NONE));
	CHECK_SYS(mprotect(p, HUGE, PROT_READ));
	for (int i = 0; i < 3; i++)
		CHECK_EQ(*spot(p, i), 'a' + i);         /* PROT_NONE kept the data */
	CHECK_SYS(mprotect(p, HUGE, PROT_READ | PROT_WRITE));
	CHECK_SYS(madvise(p, HUGE, MADV_DONTNEED));
	for (int i = 0; i < 3; i++)
		CHECK_EQ(*spot(p, i), 0);               /* dropped: zeroes again */
	CHECK_SYS(munmap(p, HUGE));
}

static void huge_range_fork_and_exit(void)
{
	char *p = map_huge(PROT_READ | PROT_WRITE);
	pid_t pid;

	if (!p)
		return;
	for (int i = 0; i < 3; i++)
		*spot(p, i) = (char)('x' + i);
	pid = ut_fork();
	if (pid == 0) {
		for (int i = 0; i < 3; i++)
			CHECK_EQ(*spot(p, i), 'x' + i);
		*spot(p, 1) = 'C';                      /* its own copy */
		ut_child_exit();                        /* exit tears 2^46 bytes down */
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(*spot(p, 1), 'y');
	CHECK_SYS(munmap(p + PAGE, HUGE - 2 * PAGE));   /* a hole in the middle */
	CHECK_EQ(*spot(p, 0), 'x');
	CHECK_EQ(*spot(p, 2), 'z');
	CHECK_SYS(munmap(p, HUGE));
}

/* A child mapping and unmapping huge ranges for ever dies of SIGKILL. */
static void huge_range_killable(void)
{
	pid_t pid = fork();
	struct timespec nap = { 0, 100 * 1000 * 1000 };

	if (pid == 0) {
		for (;;) {
			char *p = mmap(NULL, HUGE, PROT_NONE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

			if (p == MAP_FAILED)
				_exit(2);
			mprotect(p, HUGE, PROT_READ);
			madvise(p, HUGE, MADV_DONTNEED);
			munmap(p, HUGE);
		}
	}
	nanosleep(&nap, NULL);
	CHECK_SYS(kill(pid, SIGKILL));
	int st = ut_wait(pid);
	CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "child: %s", ut_status_str(st));
}

static void huge_range_no_leak_cycle(void)
{
	char *p = map_huge(PROT_NONE);

	if (!p)
		return;
	mprotect(p, HUGE, PROT_READ | PROT_WRITE);
	for (int i = 0; i < 3; i++)
		*spot(p, i) = 1;
	munmap(p, HUGE);
}

/* Every page table the touched pages needed is freed with them. */
static void huge_range_frees_its_page_tables(void)
{
	ut_check_no_leak(huge_range_no_leak_cycle, 50, "map, touch and unmap 2^46 bytes");
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(huge_prot_none_map_protect_unmap);
	RUN(huge_range_fork_and_exit);
	RUN(huge_range_killable);
	RUN(huge_range_frees_its_page_tables);
	return ut_done();
}
