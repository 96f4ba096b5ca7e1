/*
 * traps.h - the CPU's exception vectors, with Linux's names, and the
 * handlers that the C dispatcher calls.
 */
#ifndef ARCH_X86_64_TRAPS_H
#define ARCH_X86_64_TRAPS_H

#include "arch/x86_64/ptrace.h"
#include "lib/compiler.h"

enum {
	X86_TRAP_DE = 0,        /* divide error */
	X86_TRAP_DB,            /* debug */
	X86_TRAP_NMI,           /* non-maskable interrupt */
	X86_TRAP_BP,            /* breakpoint (int3) */
	X86_TRAP_OF,            /* overflow */
	X86_TRAP_BR,            /* bound range exceeded */
	X86_TRAP_UD,            /* invalid opcode */
	X86_TRAP_NM,            /* device not available */
	X86_TRAP_DF,            /* double fault */
	X86_TRAP_OLD_MF,        /* coprocessor segment overrun */
	X86_TRAP_TS,            /* invalid TSS */
	X86_TRAP_NP,            /* segment not present */
	X86_TRAP_SS,            /* stack segment fault */
	X86_TRAP_GP,            /* general protection */
	X86_TRAP_PF,            /* page fault */
	X86_TRAP_SPURIOUS,      /* reserved */
	X86_TRAP_MF,            /* x87 floating point error */
	X86_TRAP_AC,            /* alignment check */
	X86_TRAP_MC,            /* machine check */
	X86_TRAP_XF,            /* SIMD floating point */
	X86_TRAP_VE,            /* virtualization exception */
	X86_TRAP_CP,            /* control protection */
};

#define FIRST_EXTERNAL_VECTOR   32      /* IRQ 0 after the PIC remap */
#define NR_IRQS                 16

__noreturn void die(const char *what, struct pt_regs *regs);
const char *trap_name(unsigned long vector);
void x86_handle_interrupt(struct pt_regs *regs);

#endif /* ARCH_X86_64_TRAPS_H */
