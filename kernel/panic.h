/*
 * panic.h - stopping the machine when the kernel cannot go on, and the
 * BUG_ON/WARN_ON checks that lead there.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "lib/compiler.h"
#include "lib/types.h"

struct pt_regs;

__printf(1, 2) __noreturn void panic(const char *fmt, ...);
void oops_begin(void);
void show_regs(const struct pt_regs *regs);
void dump_stack(void);
void show_stack(unsigned long rbp);
__noreturn void machine_halt(void);
__noreturn void qemu_exit(int code);

/* Exit statuses that tools/run-kernel understands (see qemu_exit). */
#define QEMU_EXIT_PASS  0
#define QEMU_EXIT_FAIL  1
#define QEMU_EXIT_PANIC 2

/* Set by the command line: stop QEMU instead of halting after a panic. */
extern bool panic_exits_qemu;

#define BUG()                                                                  \
	panic("kernel BUG at %s:%d", __FILE__, __LINE__)

/* BUG_ON - panic, naming the broken invariant, if cond holds. */
#define BUG_ON(cond)                                                           \
	do {                                                                   \
		if (unlikely(cond))                                            \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

int __warn(const char *cond, const char *file, int line);
/* WARN_ON - print a warning and a backtrace if cond holds; go on. */
#define WARN_ON(cond)                                                          \
	({                                                                     \
		bool __c = !!(cond);                                           \
		if (unlikely(__c))                                             \
			__warn(#cond, __FILE__, __LINE__);                     \
		__c;                                                           \
	})

#endif /* KERNEL_PANIC_H */
