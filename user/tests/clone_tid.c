/*
 * clone_tid.c - the tid words of clone (CLONE_PARENT_SETTID,
 * CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID) and set_tid_address, as glibc's
 * fork uses them: clone(CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD,
 * 0, NULL, &self->tid, 0). keyhole refused that with EINVAL, so no glibc
 * program could fork (clone_glibc_fork_flags_not_einval).
 *
 * What Linux does, and these cases check:
 *   PARENT_SETTID  the parent writes the child's pid at ptid in its own
 *                  memory, after the child's copy was made;
 *   CHILD_SETTID   the child writes its pid at ctid in its memory (seen by
 *                  the parent only through a MAP_SHARED page, or CLONE_VM);
 *   CHILD_CLEARTID at exit or exec the child writes 0 at ctid, but only if
 *                  its address space lives on (CLONE_VM|CLONE_VFORK): a
 *                  fork child's word is NOT cleared, even in a shared page;
 *   a fault at any tid word is ignored: clone still succeeds.
 * Every raw clone here is fork- or vfork-like; the vfork ones go through
 * kh_vclone, whose child runs no C code on the shared stack.
 */
#include "utest.h"

#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef CLONE_PARENT_SETTID
#define CLONE_PARENT_SETTID 0x00100000
#endif
#define SENTINEL 0x5a5a5a5a

/*
 * kh_vclone(flags, ptid, ctid, path, argv): clone(flags, 0, ptid, ctid);
 * the child execs path (exit 127 if that fails) or, with no path, exits 0
 * at once, touching no memory.
 */
long kh_vclone(unsigned long flags, int *ptid, int *ctid, const char *path, char **argv);
__asm__(".text\n"
	".globl kh_vclone\n"
	"kh_vclone:\n"
	"	mov %rcx, %r9\n"        /* path: syscall keeps r8, r9 */
	"	mov %rdx, %r10\n"       /* ctid */
	"	mov %rsi, %rdx\n"       /* ptid */
	"	xor %esi, %esi\n"       /* no new stack */
	"	mov $56, %eax\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 1f\n"
	"	xor %edi, %edi\n"
	"	test %r9, %r9\n"
	"	jz 2f\n"
	"	mov %r9, %rdi\n"
	"	mov %r8, %rsi\n"
	"	xor %edx, %edx\n"
	"	mov $59, %eax\n"
	"	syscall\n"
	"	mov $127, %edi\n"
	"2:	mov $60, %eax\n"
	"	syscall\n"
	"1:	ret\n");

static long raw_clone(unsigned long flags, int *ptid, int *ctid)
{
	return syscall(SYS_clone, flags, 0UL, ptid, ctid, 0UL);
}

static int *shared_word(void)
{
	int *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (w == MAP_FAILED)
		return NULL;
	*w = SENTINEL;
	return w;
}

/* The bug: glibc's fork flags were EINVAL. The child's own copy of the
 * word gets its pid; the parent's stays as it was. */
static void clone_glibc_fork_flags_not_einval(void)
{
	static volatile int tid = SENTINEL;
	long pid = raw_clone(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, NULL, (int *)&tid);

	if (pid == 0) {
		ut_become_helper();
		CHECK_EQ(tid, getpid());
		ut_child_exit();
	}
	if (!CHECKF(pid > 0, "clone(CHILD_SETTID|CHILD_CLEARTID|SIGCHLD) = %ld, errno %d", pid,
		    errno))
		return;
	CHECK_EXITED(pid, 0);
	CHECK_EQ(tid, SENTINEL);
}

/* PARENT_SETTID: the parent's word, written after the child's copy. */
static void clone_parent_settid(void)
{
	static volatile int ptid = SENTINEL;
	long pid = raw_clone(CLONE_PARENT_SETTID | SIGCHLD, (int *)&ptid, NULL);

	if (pid == 0)
		_exit(ptid == SENTINEL ? 0 : 3);
	if (!CHECK_SYS(pid))
		return;
	CHECK_EQ(ptid, pid);
	CHECK_EXITED(pid, 0);
}

/* CHILD_SETTID seen through a shared page; CHILD_CLEARTID of a fork child
 * leaves it: the child's address space dies with it. */
static void clone_child_settid_shared_not_cleared(void)
{
	int *w = shared_word();

	if (!CHECK(w != NULL))
		return;
	long pid = raw_clone(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, NULL, w);

	if (pid == 0)
		_exit(0);
	if (!CHECK_SYS(pid))
		return;
	CHECK_EXITED(pid, 0);
	CHECK_EQ(*w, pid);
	munmap(w, 4096);
}

/* With CLONE_VM|CLONE_VFORK the address space lives on: cleared at exit. */
static void vfork_child_cleartid_cleared_at_exit(void)
{
	int *w = shared_word(), ptid = SENTINEL;

	if (!CHECK(w != NULL))
		return;
	/* SETTID alone: the word keeps the pid. */
	long pid = kh_vclone(CLONE_VM | CLONE_VFORK | CLONE_CHILD_SETTID | SIGCHLD, NULL, w, NULL,
			     NULL);
	if (CHECK_GT(pid, 0)) {
		CHECK_EQ(*w, pid);
		CHECK_EXITED(pid, 0);
	}
	*w = SENTINEL;
	pid = kh_vclone(CLONE_VM | CLONE_VFORK | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
				CLONE_CHILD_CLEARTID | SIGCHLD,
			&ptid, w, NULL, NULL);
	if (CHECK_GT(pid, 0)) {
		CHECK_EQ(ptid, pid);
		CHECK_EQ(*w, 0);        /* before the parent went on */
		CHECK_EXITED(pid, 0);
	}
	munmap(w, 4096);
}

/* ... and at exec, which leaves the shared address space too. */
static void vfork_child_cleartid_cleared_at_exec(void)
{
	int *w = shared_word();
	char *argv[] = { (char *)ut_self_path(), "--exit-at-once", NULL };

	if (!CHECK(w != NULL))
		return;
	long pid = kh_vclone(CLONE_VM | CLONE_VFORK | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |
				     SIGCHLD,
			     NULL, w, argv[0], argv);
	if (CHECK_GT(pid, 0)) {
		CHECK_EQ(*w, 0);
		CHECK_EXITED(pid, 0);
	}
	munmap(w, 4096);
}

/* set_tid_address returns the caller's tid; the word is the clear one. */
static void set_tid_address_returns_tid(void)
{
	int *w = shared_word();

	if (!CHECK(w != NULL))
		return;
	pid_t pid = fork();

	if (pid == 0) {
		ut_become_helper();
		*w = getpid();
		CHECK_EQ(syscall(SYS_set_tid_address, w), getpid());
		CHECK_EQ(syscall(SYS_set_tid_address, NULL), getpid());
		CHECK_EQ(syscall(SYS_set_tid_address, (int *)1), getpid());     /* not checked */
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(*w, pid);      /* a fork child's own address space: not cleared */
	munmap(w, 4096);
}

/* Bad tid pointers: ignored by clone, the parent and child go on. */
static void clone_bad_tid_pointers(void)
{
	char *page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			  0);
	int *bad[4];

	if (!CHECK(page != MAP_FAILED))
		return;
	CHECK_SYS(munmap(page + 4096, 4096));
	bad[0] = NULL;
	bad[1] = (int *)1;
	bad[2] = (int *)0xffff800000000000UL;   /* kernel half */
	bad[3] = (int *)(page + 4095);           /* one byte before an unmapped page */
	for (int i = 0; i < 4; i++) {
		long pid = raw_clone(CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |
					     SIGCHLD,
				     bad[i], bad[i]);
		if (pid == 0)
			_exit(7);
		if (CHECKF(pid > 0, "bad[%d]: clone = %ld, errno %d", i, pid, errno))
			CHECK_EXITED(pid, 7);
		pid = kh_vclone(CLONE_VM | CLONE_VFORK | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
					CLONE_CHILD_CLEARTID | SIGCHLD,
				bad[i], bad[i], NULL, NULL);
		if (CHECKF(pid > 0, "bad[%d]: vfork clone = %ld", i, pid))
			CHECK_EXITED(pid, 0);
	}
	munmap(page, 4096);
}

static long raw_syscall2(long nr, long a, long b)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return r;
}

/* CLONE_SETTLS in a fork-like child: its own FS base (no libc in the
 * child, whose TLS is now the buffer: not even the return from a
 * stack-protected syscall(), which reads its canary through FS); above
 * user space, EPERM. */
static void clone_settls_fork(void)
{
	static unsigned long tlsbuf[64];
	unsigned long tls = (unsigned long)&tlsbuf[32];
	register long r8 __asm__("r8") = (long)tls;
	register long r10 __asm__("r10") = 0;
	long pid;

	__asm__ volatile("syscall"
			 : "=a"(pid)
			 : "a"((long)SYS_clone), "D"((long)(CLONE_SETTLS | SIGCHLD)), "S"(0L), "d"(0L),
			   "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");

	if (pid == 0) {
		unsigned long fs = 0;

		raw_syscall2(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, (long)&fs);
		raw_syscall2(SYS_exit, fs == tls ? 0 : 5, 0);
	}
	if (CHECKF(pid > 0, "clone(CLONE_SETTLS) = %ld", pid))
		CHECK_EXITED(pid, 0);
	CHECK_ERR(syscall(SYS_clone, CLONE_SETTLS | SIGCHLD, 0UL, NULL, NULL, 1UL << 47), EPERM);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--exit-at-once") == 0)
		_exit(0);
	ut_init(argc, argv);
	RUN(clone_glibc_fork_flags_not_einval);
	RUN(clone_parent_settid);
	RUN(clone_child_settid_shared_not_cleared);
	RUN(vfork_child_cleartid_cleared_at_exit);
	RUN(vfork_child_cleartid_cleared_at_exec);
	RUN(set_tid_address_returns_tid);
	RUN(clone_bad_tid_pointers);
	RUN(clone_settls_fork);
	return ut_done();
}
