/*
 * percpu.h - the data each CPU keeps for itself, reached through GS.
 *
 * While the CPU runs kernel code, GS_BASE points at its struct percpu;
 * while it runs user code, GS_BASE is the user's and the kernel's pointer
 * waits in KERNEL_GS_BASE. swapgs, at every entry from and exit to user
 * mode, exchanges the two (entry.asm, syscall.asm). syscall.asm needs this
 * because SYSCALL does not switch stacks: the kernel stack top is here.
 */
#ifndef ARCH_X86_64_PERCPU_H
#define ARCH_X86_64_PERCPU_H

#include "lib/types.h"

struct percpu {
	u64 user_rsp;           /* scratch: the user RSP during syscall entry */
	u64 top_of_stack;       /* the running task's kernel stack top */
};

extern struct percpu cpu0;

void syscall_init(void);
void fpu_init(void);

#endif /* ARCH_X86_64_PERCPU_H */
