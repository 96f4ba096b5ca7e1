/*
 * sigaltstack.c - the alternate signal stack, as Linux: a handler with
 * SA_ONSTACK runs on it (and sees SS_ONSTACK; changing the stack there is
 * EPERM), one without runs on the normal stack; SS_DISABLE turns it off;
 * a stack below MINSIGSTKSZ is ENOMEM, an unknown mode EINVAL, bad
 * pointers EFAULT; SS_AUTODISARM forgets it inside the handler and
 * sigreturn sets it again; a fork child keeps it; and the reason it
 * exists: a SIGSEGV from a broken stack pointer is still handled.
 */
#include "utest.h"

#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif
#define ALT_SIZE (64 * 1024)

/* The system call itself: musl's wrapper reads *ss first (a bad pointer
 * crashes the caller) and answers SS_ONSTACK and small sizes itself. */
#define sigaltstack(ss, oss) syscall(SYS_sigaltstack, (ss), (oss))

static char *alt;
static volatile uintptr_t handler_sp;
static volatile int handler_flags, handler_set_err;
static volatile bool handler_sets = true;

static void on_usr1(int sig)
{
	volatile char here;
	stack_t oss, ss = { .ss_sp = alt, .ss_size = ALT_SIZE };

	(void)sig;
	handler_sp = (uintptr_t)&here;
	handler_flags = sigaltstack(NULL, &oss) == 0 ? oss.ss_flags : -1;
	if (handler_sets)
		handler_set_err = sigaltstack(&ss, NULL) == 0 ? 0 : errno;
}

static bool in_alt(uintptr_t p)
{
	return p > (uintptr_t)alt && p <= (uintptr_t)alt + ALT_SIZE;
}

static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static bool set_alt(int flags)
{
	stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = flags };

	return CHECK_SYS(sigaltstack(&ss, NULL));
}

static void sigaltstack_onstack_handler(void)
{
	stack_t oss;

	alt = malloc(ALT_SIZE);
	if (!CHECK(alt != NULL) || !set_alt(0))
		return;
	CHECK_SYS(sigaltstack(NULL, &oss));
	CHECK_EQ(oss.ss_flags, 0);
	CHECK_EQ((uintptr_t)oss.ss_sp, (uintptr_t)alt);
	CHECK_EQ(oss.ss_size, ALT_SIZE);

	handle(SIGUSR1, on_usr1, SA_ONSTACK);
	raise(SIGUSR1);
	CHECKF(in_alt(handler_sp), "SA_ONSTACK handler ran at %#lx, not on the stack at %p",
	       (unsigned long)handler_sp, (void *)alt);
	CHECK_EQ(handler_flags, SS_ONSTACK);
	CHECK_EQ(handler_set_err, EPERM);

	handle(SIGUSR1, on_usr1, 0);            /* no SA_ONSTACK: the normal stack */
	raise(SIGUSR1);
	CHECK(!in_alt(handler_sp));
	CHECK_EQ(handler_flags, 0);
	CHECK_EQ(handler_set_err, 0);

	/* A fork child keeps it. */
	pid_t pid = ut_fork();

	if (pid == 0) {
		handle(SIGUSR1, on_usr1, SA_ONSTACK);
		raise(SIGUSR1);
		CHECK(in_alt(handler_sp));
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);

	/* SS_DISABLE: off, and SA_ONSTACK handlers use the normal stack. */
	stack_t off = { .ss_flags = SS_DISABLE };
	CHECK_SYS(sigaltstack(&off, &oss));
	CHECK_EQ((uintptr_t)oss.ss_sp, (uintptr_t)alt);        /* the old one */
	CHECK_SYS(sigaltstack(NULL, &oss));
	CHECK_EQ(oss.ss_flags, SS_DISABLE);
	CHECK_EQ(oss.ss_size, 0);
	handle(SIGUSR1, on_usr1, SA_ONSTACK);
	raise(SIGUSR1);
	CHECK(!in_alt(handler_sp));
	CHECK_EQ(handler_flags, SS_DISABLE);
}

static void sigaltstack_errors(void)
{
	char buf[4096];
	/* The kernel's MINSIGSTKSZ, 2048 (glibc's may be a sysconf value). */
	stack_t ss = { .ss_sp = buf, .ss_size = 2047 }, oss;

	CHECK_ERR(sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_size = 2048;
	CHECK_SYS(sigaltstack(&ss, NULL));
	ss.ss_flags = 4;
	CHECK_ERR(sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = SS_ONSTACK;               /* accepted, as 0 */
	CHECK_SYS(sigaltstack(&ss, NULL));
	CHECK_ERR(sigaltstack((stack_t *)1, NULL), EFAULT);
	CHECK_ERR(sigaltstack(NULL, (stack_t *)1), EFAULT);
	CHECK_ERR(sigaltstack((stack_t *)0xffff800000000000UL, NULL), EFAULT);
	/* The new stack is set even when the old one cannot be written. */
	ss.ss_flags = SS_DISABLE;
	CHECK_ERR(sigaltstack(&ss, (stack_t *)1), EFAULT);
	CHECK_SYS(sigaltstack(NULL, &oss));
	CHECK_EQ(oss.ss_flags, SS_DISABLE);
}

static void sigaltstack_autodisarm(void)
{
	stack_t oss;

	alt = malloc(ALT_SIZE);
	if (!CHECK(alt != NULL) || !set_alt((int)SS_AUTODISARM))
		return;
	handle(SIGUSR1, on_usr1, SA_ONSTACK);
	handler_sets = false;
	raise(SIGUSR1);
	CHECK(in_alt(handler_sp));
	CHECK_EQ(handler_flags, SS_DISABLE);     /* forgotten inside the handler */
	CHECK_SYS(sigaltstack(NULL, &oss));      /* and sigreturn set the old one */
	CHECK_EQ(oss.ss_flags, (int)SS_AUTODISARM);
	CHECK_EQ((uintptr_t)oss.ss_sp, (uintptr_t)alt);
	CHECK_EQ(oss.ss_size, ALT_SIZE);
}

static void on_segv(int sig)
{
	(void)sig;
	_exit(42);
}

/* A broken stack pointer: without an alternate stack SIGSEGV kills; with
 * one, its handler runs. */
static void sigaltstack_segv_on_broken_stack(void)
{
	for (int with = 0; with < 2; with++) {
		pid_t pid = fork();

		if (pid == 0) {
			alt = malloc(ALT_SIZE);
			if (with)
				set_alt(0);
			handle(SIGSEGV, on_segv, SA_ONSTACK);
			__asm__ volatile("mov $0x1000, %%rsp\n\tpush %%rax" ::: "memory");
			_exit(1);
		}
		int st = ut_wait(pid);

		if (with)
			CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 42, "with a stack: %s",
			       ut_status_str(st));
		else
			CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "without: %s",
			       ut_status_str(st));
	}
}

#define EXEC_MARK "--report-altstack"

/* Run again by exec: exit 0 if sigaltstack() reports SS_DISABLE, 1 if
 * SS_DISABLE|SS_AUTODISARM, 2 for other flags, 100 if the stack is still
 * set (its address or size survived exec). */
static int report_altstack(void)
{
	stack_t oss;

	if (sigaltstack(NULL, &oss) != 0)
		return 101;
	if (oss.ss_sp != NULL || oss.ss_size != 0)
		return 100;
	if (oss.ss_flags == SS_DISABLE)
		return 0;
	return oss.ss_flags == (int)(SS_DISABLE | SS_AUTODISARM) ? 1 : 2;
}

/* exec forgets the stack but keeps SS_AUTODISARM, as Linux (fs/exec.c
 * zeroes only the address and size): the new program sees
 * SS_DISABLE|SS_AUTODISARM. keyhole reported SS_DISABLE alone. */
static void exec_keeps_autodisarm_not_the_stack(void)
{
	for (int autodisarm = 0; autodisarm < 2; autodisarm++) {
		pid_t pid = ut_fork();

		if (pid == 0) {
			alt = malloc(ALT_SIZE);
			if (!set_alt(autodisarm ? (int)SS_AUTODISARM : 0))
				_exit(102);
			execl(ut_self_path(), ut_argv[0], EXEC_MARK, (char *)NULL);
			_exit(103);
		}
		int st = ut_wait(pid);

		CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == autodisarm,
		       "autodisarm %d: %s (0: SS_DISABLE, 1: with SS_AUTODISARM)", autodisarm,
		       ut_status_str(st));
	}
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], EXEC_MARK) == 0)
		return report_altstack();
	ut_init(argc, argv);
	RUN(sigaltstack_onstack_handler);
	RUN(sigaltstack_errors);
	RUN(sigaltstack_autodisarm);
	RUN(sigaltstack_segv_on_broken_stack);
	RUN(exec_keeps_autodisarm_not_the_stack);
	return ut_done();
}
