/*
 * ptrace.h - struct pt_regs: the registers saved on the kernel stack when
 * an interrupt, exception (or, later, a system call) enters the kernel.
 *
 * The order is what arch/x86_64/entry.asm pushes, top of the struct at the
 * lowest address. The general registers come in Linux's order; `vector`
 * and `error_code` are pushed by the entry stubs (error_code is 0 for the
 * vectors where the CPU pushes none); the last five are the CPU's own
 * interrupt frame.
 */
#ifndef ARCH_X86_64_PTRACE_H
#define ARCH_X86_64_PTRACE_H

#include "lib/types.h"

struct pt_regs {
	unsigned long r15, r14, r13, r12, rbp, rbx;
	unsigned long r11, r10, r9, r8, rax, rcx, rdx, rsi, rdi;
	unsigned long vector;
	unsigned long error_code;
	/* pushed by the CPU */
	unsigned long rip, cs, rflags, rsp, ss;
};

/* pt_regs.vector of a system call (syscall.asm); error_code then holds
 * the call number, which Linux keeps in orig_rax. */
#define SYSCALL_VECTOR  0x100

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) != 0;
}

#endif /* ARCH_X86_64_PTRACE_H */
