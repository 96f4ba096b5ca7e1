/*
 * fork_test.c - in-kernel tests of clone's flags: those keyhole does not
 * have must be refused with -EINVAL before anything is made, never
 * silently dropped (a clone(CLONE_FILES) whose child had a copy of the
 * descriptor table instead of the same one would be wrong in a way no
 * error shows).
 */
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/syscalls.h"

long __x64_sys_clone(const struct pt_regs *regs);

#define SIGCHLD 17

KTEST(clone_refuses_flags_it_does_not_have)
{
	static const unsigned long refused[] = {
		0x00000200,     /* CLONE_FS */
		0x00000400,     /* CLONE_FILES */
		0x00000800,     /* CLONE_SIGHAND */
		0x00001000,     /* CLONE_PIDFD */
		0x00008000,     /* CLONE_PARENT */
		0x00010000,     /* CLONE_THREAD */
		0x00020000,     /* CLONE_NEWNS */
		/* CLONE_SETTLS and the CLONE_*TID flags are accepted: clone_tid */
		0x02000000,     /* CLONE_NEWCGROUP */
		0x04000000,     /* CLONE_NEWUTS */
		0x10000000,     /* CLONE_NEWUSER */
		0x20000000,     /* CLONE_NEWPID */
		0x40000000,     /* CLONE_NEWNET */
	};

	for (unsigned int i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		struct pt_regs regs = { .rdi = refused[i] | SIGCHLD };

		KT_EXPECT_EQ(__x64_sys_clone(&regs), -EINVAL);
	}
}
