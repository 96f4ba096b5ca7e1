/*
 * syscalls.h - how a system call is defined.
 *
 *	SYSCALL_DEFINE3(write, int, fd, const char *, buf, size_t, count)
 *	{
 *		...
 *	}
 *
 * defines the typed function and, as Linux does, a wrapper
 * __x64_sys_write(regs) that takes the arguments from the saved user
 * registers in the x86_64 order (RDI, RSI, RDX, R10, R8, R9). The table in
 * kernel/syscall.c holds the wrappers. Pointers that come from user space
 * are user addresses: touch them only through mm/uaccess.h.
 */
#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include "arch/x86_64/ptrace.h"

#define __SC_WRAPPER(name) long __x64_sys_##name(const struct pt_regs *regs)

#define SYSCALL_DEFINE0(name)                                                  \
	static long __do_sys_##name(void);                                     \
	__SC_WRAPPER(name)                                                     \
	{                                                                      \
		(void)regs;                                                    \
		return __do_sys_##name();                                      \
	}                                                                      \
	static long __do_sys_##name(void)

#define SYSCALL_DEFINE1(name, t1, a1)                                          \
	static long __do_sys_##name(t1 a1);                                    \
	__SC_WRAPPER(name)                                                     \
	{                                                                      \
		return __do_sys_##name((t1)regs->rdi);                         \
	}                                                                      \
	static long __do_sys_##name(t1 a1)

#define SYSCALL_DEFINE2(name, t1, a1, t2, a2)                                  \
	static long __do_sys_##name(t1 a1, t2 a2);                             \
	__SC_WRAPPER(name)                                                     \
	{                                                                      \
		return __do_sys_##name((t1)regs->rdi, (t2)regs->rsi);          \
	}                                                                      \
	static long __do_sys_##name(t1 a1, t2 a2)

#define SYSCALL_DEFINE3(name, t1, a1, t2, a2, t3, a3)                          \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3);                      \
	__SC_WRAPPER(name)                                                     \
	{                                                                      \
		return __do_sys_##name((t1)regs->rdi, (t2)regs->rsi, (t3)regs->rdx); \
	}                                                                      \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3)

#define SYSCALL_DEFINE4(name, t1, a1, t2, a2, t3, a3, t4, a4)                  \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4);               \
	__SC_WRAPPER(name)                                                     \
	{                                                                      \
		return __do_sys_##name((t1)regs->rdi, (t2)regs->rsi, (t3)regs->rdx, \
				       (t4)regs->r10);                         \
	}                                                                      \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4)

#define SYSCALL_DEFINE5(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)          \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5);        \
	__SC_WRAPPER(name)                                                     \
	{                                                                      \
		return __do_sys_##name((t1)regs->rdi, (t2)regs->rsi, (t3)regs->rdx, \
				       (t4)regs->r10, (t5)regs->r8);           \
	}                                                                      \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5)

#define SYSCALL_DEFINE6(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6)  \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6); \
	__SC_WRAPPER(name)                                                     \
	{                                                                      \
		return __do_sys_##name((t1)regs->rdi, (t2)regs->rsi, (t3)regs->rdx, \
				       (t4)regs->r10, (t5)regs->r8, (t6)regs->r9); \
	}                                                                      \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6)

void do_syscall_64(struct pt_regs *regs);

#endif /* KERNEL_SYSCALLS_H */
