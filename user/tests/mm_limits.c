/*
 * mm_limits.c - the edges of mmap, madvise and the memory rlimits, as
 * Linux has them.
 *
 *   madvise-unmapped-enomem      advice over a range with a hole is ENOMEM
 *                                (keyhole said 0)
 *   mprotect-hole-partial        mprotect over a hole changes the VMAs before
 *                                it, then says ENOMEM; PROT_SEM is accepted,
 *                                PROT_GROWSDOWN extends to the stack's start
 *                                (keyhole changed nothing, and said EINVAL)
 *   mmap-unaligned-hint          an address without MAP_FIXED is a hint:
 *                                rounded down to a page and used when free
 *                                (keyhole said EINVAL, and ignored hints)
 *   rlimit-as-*, rlimit-data-*   RLIMIT_AS and RLIMIT_DATA are stored and
 *                                enforced on mmap, brk, shmat and the stack,
 *                                a refused MAP_FIXED or SHM_REMAP leaving the
 *                                old mapping (keyhole accepted any size, and
 *                                refused every setrlimit with EPERM)
 *   brk-above-task-size-keeps-program
 *                                brk(-2) and other breaks past the top of user
 *                                space leave the break where it is (keyhole
 *                                rounded -2 up to 0, took that for a shrink
 *                                and unmapped the program's text and data)
 *
 * The limits are set in a child (ut_fork), so the case's own process is
 * never constrained.
 */
#include "utest.h"

#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#define PAGE 4096UL
#define MiB (1UL << 20)

static long sys_brk(void *addr)
{
	return syscall(SYS_brk, addr);
}

static void madvise_unmapped_enomem(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(p != MAP_FAILED))
		return;
	p[0] = 1;
	p[2 * PAGE] = 2;
	CHECK_SYS(munmap(p + PAGE, PAGE));
	CHECK_ERR(madvise(p + PAGE, PAGE, MADV_NORMAL), ENOMEM);
	CHECK_ERR(madvise(p + PAGE, PAGE, MADV_WILLNEED), ENOMEM);
	/* The mapped parts still get the advice: DONTNEED zeroes them. */
	CHECK_ERR(madvise(p, 3 * PAGE, MADV_DONTNEED), ENOMEM);
	CHECK_EQ(p[0], 0);
	CHECK_EQ(p[2 * PAGE], 0);
	CHECK_SYS(madvise(p, PAGE, MADV_DONTNEED));
	CHECK_SYS(madvise(p, 0, MADV_DONTNEED));                /* empty: 0 */
	CHECK_ERR(madvise(p + 1, PAGE, MADV_DONTNEED), EINVAL);
	CHECK_ERR(madvise(p, PAGE, 12345), EINVAL);
	CHECK_ERR(madvise(p + PAGE, PAGE, 12345), EINVAL);      /* advice first */
	CHECK_ERR(madvise(p, (size_t)-PAGE / 2 * 2, MADV_NORMAL), EINVAL); /* wraps */
	munmap(p, 3 * PAGE);
	/* A shared mapping forgets a dropped page's data only if private. */
	char *s = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (CHECK(s != MAP_FAILED)) {
		s[0] = 7;
		CHECK_SYS(madvise(s, PAGE, MADV_DONTNEED));
		CHECK_EQ(s[0], 7);
		CHECK_ERR(madvise(s, PAGE, MADV_FREE), EINVAL);
		munmap(s, PAGE);
	}
}

static void mprotect_hole_partial(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char frame[4 * PAGE];

	if (!CHECK(p != MAP_FAILED))
		return;
	CHECK_SYS(munmap(p + PAGE, PAGE));
	CHECK_ERR(mprotect(p, 3 * PAGE, PROT_READ), ENOMEM);
	CHECK(ut_write_segfaults(p));                   /* before the hole: changed */
	CHECK(!ut_write_segfaults(p + 2 * PAGE));       /* after it: not */
	CHECK_ERR(mprotect(p + PAGE, PAGE, PROT_READ), ENOMEM);
	CHECK_SYS(mprotect(p, PAGE, PROT_READ | PROT_WRITE | 0x8 /* PROT_SEM */));
	CHECK(!ut_write_segfaults(p));
	CHECK_ERR(mprotect(p, PAGE, PROT_READ | 0x10), EINVAL);
	CHECK_ERR(mprotect(p, PAGE, PROT_READ | PROT_GROWSDOWN), EINVAL);  /* not a stack */
	CHECK_ERR(mprotect(p, PAGE, PROT_READ | PROT_GROWSUP), EINVAL);
	CHECK_ERR(mprotect(p, PAGE, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), EINVAL);
	CHECK_ERR(mprotect(p, (size_t)-PAGE, PROT_READ), ENOMEM);  /* wraps */
	munmap(p, 3 * PAGE);
	/* On the stack: from a page in this frame down to the stack's start. */
	char *s = (char *)(((uintptr_t)frame + PAGE) & ~(PAGE - 1));
	s[0] = 1;
	CHECK_SYS(mprotect(s, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN));
	CHECK_EQ(s[0], 1);
}

/* A free, page-aligned address well away from everything: reserve, release. */
static char *free_spot(size_t len)
{
	char *p = mmap(NULL, len + 64 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p, len + 64 * PAGE);
	return p + 32 * PAGE;
}

static void mmap_unaligned_hint(void)
{
	char *hint = free_spot(4 * PAGE), *p;

	if (!CHECK(hint != NULL))
		return;
	/* A free hint is used; an unaligned one is rounded down first. */
	p = mmap(hint, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p == hint);
	munmap(p, 4 * PAGE);
	p = mmap(hint + 123, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECKF(p == hint, "mmap(hint + 123) = %p (%s), hint %p", (void *)p,
	       p == MAP_FAILED ? strerror(errno) : "mapped", (void *)hint);
	/* A hint that is taken is not replaced: the kernel picks elsewhere. */
	char *q = mmap(hint + 5, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(q != MAP_FAILED && q != hint);
	if (p != MAP_FAILED)
		CHECK_EQ(p[0], 0);
	if (q != MAP_FAILED)
		munmap(q, PAGE);
	munmap(p, 4 * PAGE);
	/* MAP_FIXED still wants a page-aligned address. */
	CHECK(mmap(hint + 1, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
	      MAP_FAILED && errno == EINVAL);
	/* MAP_FIXED_NOREPLACE: EEXIST over a mapping, else like MAP_FIXED. */
	p = mmap(hint, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p == hint);
	q = mmap(hint + PAGE, 2 * PAGE, PROT_READ,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(q == MAP_FAILED && errno == EEXIST);
	q = mmap(hint + 2 * PAGE, PAGE, PROT_READ,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(q == hint + 2 * PAGE);
	munmap(hint, 3 * PAGE);
}

/* setrlimit stores what it is given; raising a hard limit needs root. */
static void setrlimit_is_stored(void)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		static const int res[] = { RLIMIT_AS, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE,
					   RLIMIT_FSIZE, RLIMIT_NOFILE, RLIMIT_CPU };
		struct rlimit r, got;

		for (size_t i = 0; i < sizeof(res) / sizeof(res[0]); i++) {
			CHECK_SYS(getrlimit(res[i], &r));
			r.rlim_cur = r.rlim_max = 100 * 4096;
			if (res[i] == RLIMIT_NOFILE || res[i] == RLIMIT_CPU)
				r.rlim_cur = r.rlim_max = 64;
			CHECK_SYS(setrlimit(res[i], &r));
			CHECK_SYS(getrlimit(res[i], &got));
			CHECK_EQ(got.rlim_cur, r.rlim_cur);
			CHECK_EQ(got.rlim_max, r.rlim_max);
			r.rlim_cur = r.rlim_max + 1;
			CHECK_ERR(setrlimit(res[i], &r), EINVAL);
		}
		/* prlimit64 reads back the same; a child inherits it. */
		CHECK_SYS(prlimit(0, RLIMIT_AS, NULL, &got));
		CHECK_EQ(got.rlim_cur, 100 * 4096);
		pid_t gc = ut_fork();
		if (gc == 0) {
			CHECK_SYS(getrlimit(RLIMIT_DATA, &got));
			CHECK_EQ(got.rlim_max, 100 * 4096);
			ut_child_exit();
		}
		CHECK_EXITED(gc, 0);
		/* prlimit64 on another process of the same user. */
		int go[2];
		CHECK_SYS(pipe(go));
		gc = ut_fork();
		if (gc == 0) {
			char c;
			close(go[1]);
			CHECK_EQ(read(go[0], &c, 1), 0);        /* until the parent is done */
			CHECK_SYS(getrlimit(RLIMIT_CORE, &got));
			CHECK_EQ(got.rlim_cur, 4096);
			ut_child_exit();
		}
		close(go[0]);
		struct rlimit core = { 4096, 8192 }, old;
		CHECK_SYS(prlimit(gc, RLIMIT_CORE, &core, &old));
		CHECK_EQ(old.rlim_max, 100 * 4096);
		CHECK_SYS(prlimit(gc, RLIMIT_CORE, NULL, &old));
		CHECK_EQ(old.rlim_max, 8192);
		close(go[1]);
		CHECK_EXITED(gc, 0);
		/* Raising a hard limit back is for root only; another user's
		 * limits are not ours to see. */
		if (setuid(1000) == 0) {
			CHECK_ERR(prlimit(1, RLIMIT_CORE, NULL, &old), EPERM);
			r.rlim_cur = r.rlim_max = 200 * 4096;
			CHECK_ERR(setrlimit(RLIMIT_AS, &r), EPERM);
			r.rlim_cur = r.rlim_max = 50 * 4096;
			CHECK_SYS(setrlimit(RLIMIT_AS, &r));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

static void set_limit(int res, unsigned long bytes)
{
	struct rlimit r = { bytes, bytes };

	CHECK_SYS(setrlimit(res, &r));
}

/* How many chunk-sized mmaps of prot/flags succeed before ENOMEM. */
static int count_mmaps(size_t chunk, int prot, int flags, int max)
{
	int n = 0;

	while (n < max) {
		void *p = mmap(NULL, chunk, prot, flags | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			CHECK_EQ(errno, ENOMEM);
			break;
		}
		n++;
	}
	return n;
}

static void rlimit_as_mmap(void)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		set_limit(RLIMIT_AS, 64 * MiB);
		CHECK(mmap(NULL, 128 * MiB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
		      MAP_FAILED && errno == ENOMEM);
		/* About 64 MiB less what the program already has. */
		int n = count_mmaps(MiB, PROT_READ, MAP_SHARED, 100);
		CHECKF(n >= 56 && n < 64, "%d MiB mapped under a 64 MiB RLIMIT_AS", n);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

static void rlimit_as_brk_shmat_stack(void)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		int id = shmget(IPC_PRIVATE, 16 * MiB, IPC_CREAT | 0600);

		if (!CHECK_GE(id, 0))
			ut_child_exit();
		/* 1 MiB of ours at the start of a free 32 MiB. */
		char *spot = free_spot(32 * MiB), *mine = NULL;
		if (CHECK(spot != NULL)) {
			mine = mmap(spot, MiB, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
			CHECK(mine == spot);
			mine[0] = 'k';
		}
		set_limit(RLIMIT_AS, 8 * MiB);
		CHECK(shmat(id, NULL, 0) == (void *)-1 && errno == ENOMEM);
		/* Refused over an old mapping: the old one stays, bytes and all. */
		if (mine == spot) {
			CHECK(shmat(id, mine, SHM_REMAP) == (void *)-1 && errno == ENOMEM);
			CHECK(mmap(mine, 16 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
				   -1, 0) == MAP_FAILED && errno == ENOMEM);
			CHECK_EQ(mine[0], 'k');
		}
		shmctl(id, IPC_RMID, NULL);
		char *b = (char *)sys_brk(0);
		CHECK_EQ(sys_brk(b + 16 * MiB), (long)b);      /* refused: unchanged */
		CHECK_EQ(sys_brk(b + PAGE), (long)(b + PAGE));
		CHECK_EQ(sys_brk(b), (long)b);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

static int deep(int n)
{
	volatile char pad[1024];

	pad[0] = (char)n;
	return n == 0 ? pad[0] : deep(n - 1) + pad[0];
}

/* A stack that may not grow far enough: SIGSEGV, under RLIMIT_AS and RLIMIT_STACK. */
static void rlimit_stack_growth(void)
{
	for (int res = 0; res < 2; res++) {
		pid_t pid = fork();

		if (pid == 0) {
			if (res == 0)
				set_limit(RLIMIT_STACK, 1 * MiB);
			else
				set_limit(RLIMIT_AS, 24 * MiB);
			deep(2 * 1024);                 /* fine: 2 MiB or so... */
			_exit(0);
		}
		int st = ut_wait(pid);

		if (res == 0)
			CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
			       "2 MiB of stack under a 1 MiB RLIMIT_STACK: %s", ut_status_str(st));
		else
			CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0,
			       "2 MiB of stack under a 24 MiB RLIMIT_AS: %s", ut_status_str(st));
	}
	pid_t pid = fork();
	if (pid == 0) {
		set_limit(RLIMIT_STACK, 4 * MiB);
		deep(2 * 1024);
		_exit(0);
	}
	int st = ut_wait(pid);
	CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "2 MiB of stack under a 4 MiB RLIMIT_STACK: %s", ut_status_str(st));
}

static void rlimit_data_mmap_brk(void)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		set_limit(RLIMIT_DATA, 4 * MiB);
		/* Private writable memory counts; read-only and shared do not. */
		CHECK(mmap(NULL, 8 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			   0) == MAP_FAILED && errno == ENOMEM);
		CHECK(mmap(NULL, 8 * MiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) !=
		      MAP_FAILED);
		CHECK(mmap(NULL, 8 * MiB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1,
			   0) != MAP_FAILED);
		int n = count_mmaps(MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE, 100);
		CHECKF(n >= 1 && n < 4, "%d MiB private writable under a 4 MiB RLIMIT_DATA", n);
		char *b = (char *)sys_brk(0);
		CHECK_EQ(sys_brk(b + 8 * MiB), (long)b);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

/* Breaks no heap can reach; the program must keep running after each. */
static void brk_above_task_size_keeps_program(void)
{
	static const unsigned long bad[] = {
		-1UL, -2UL, -4096UL, -4097UL, 1UL << 63, 0x0000800000000000UL,
	};
	static int data = 42;
	long cur = sys_brk(NULL);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long r = sys_brk((void *)bad[i]);

		CHECKF(r == cur, "brk(%#lx) returned %#lx, the break is %#lx", bad[i],
		       (unsigned long)r, (unsigned long)cur);
		CHECK_EQ(*(volatile int *)&data, 42);   /* the data segment is still there */
	}
	CHECK_EQ(sys_brk(NULL), cur);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(madvise_unmapped_enomem);
	RUN(mprotect_hole_partial);
	RUN(mmap_unaligned_hint);
	RUN(setrlimit_is_stored);
	RUN(rlimit_as_mmap);
	RUN(rlimit_as_brk_shmat_stack);
	RUN(rlimit_stack_growth);
	RUN(rlimit_data_mmap_brk);
	RUN(brk_above_task_size_keeps_program);
	return ut_done();
}
