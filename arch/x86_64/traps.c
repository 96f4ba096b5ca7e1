/*
 * traps.c - what happens after entry.asm: the C dispatcher for every
 * vector, and the exception handlers.
 *
 * x86_handle_interrupt() sends vectors 0-31 to the exception handlers,
 * 32-47 to the IRQ layer (kernel/irq.c), and on the way out is where the
 * timer preempts a task whose time slice is over. An exception in kernel mode that
 * nobody expects is a kernel bug: die() prints an oops in Linux's layout
 * (what happened, the error code, every register, CR2, and the call trace
 * with function names) and panics. Page faults go to mm/fault.c first.
 * User-mode exceptions become signals for the process (trap_signal).
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/traps.h"
#include "kernel/irq.h"
#include "kernel/panic.h"
#include "kernel/preempt.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "mm/fault.h"

static const char *const trap_names[32] = {
	[X86_TRAP_DE] = "divide error",
	[X86_TRAP_DB] = "debug",
	[X86_TRAP_NMI] = "NMI",
	[X86_TRAP_BP] = "int3",
	[X86_TRAP_OF] = "overflow",
	[X86_TRAP_BR] = "bounds",
	[X86_TRAP_UD] = "invalid opcode",
	[X86_TRAP_NM] = "device not available",
	[X86_TRAP_DF] = "double fault",
	[X86_TRAP_OLD_MF] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "invalid TSS",
	[X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment",
	[X86_TRAP_GP] = "general protection fault",
	[X86_TRAP_PF] = "page fault",
	[X86_TRAP_MF] = "coprocessor error",
	[X86_TRAP_AC] = "alignment check",
	[X86_TRAP_MC] = "machine check",
	[X86_TRAP_XF] = "SIMD exception",
	[X86_TRAP_VE] = "virtualization exception",
	[X86_TRAP_CP] = "control protection",
};

/* trap_name - a readable name for an exception vector. */
const char *trap_name(unsigned long vector)
{
	if (vector < 32 && trap_names[vector])
		return trap_names[vector];
	return "reserved exception";
}

/*
 * die - report a fatal exception and panic.
 *
 * Context: exception handlers. Never returns.
 */
__noreturn void die(const char *what, struct pt_regs *regs)
{
	oops_begin();
	printk(KERN_EMERG "Oops: %s: vector %lu (%s), error code 0x%lx\n", what,
	       regs->vector, trap_name(regs->vector), regs->error_code);
	show_regs(regs);
	panic("Fatal exception: %s", trap_name(regs->vector));
}

/* The signal a user-mode exception becomes, as Linux's traps.c maps them. */
static int trap_signal(unsigned long vector)
{
	switch (vector) {
	case X86_TRAP_DE:
	case X86_TRAP_MF:
	case X86_TRAP_XF:
		return SIGFPE;
	case X86_TRAP_DB:
	case X86_TRAP_BP:
		return SIGTRAP;
	case X86_TRAP_UD:
		return SIGILL;
	case X86_TRAP_AC:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

static void do_exception(struct pt_regs *regs)
{
	if (regs->vector == X86_TRAP_PF) {
		do_page_fault(regs, read_cr2());
		return;
	}
	if (user_mode(regs) && regs->vector != X86_TRAP_NMI && regs->vector != X86_TRAP_MC &&
	    regs->vector != X86_TRAP_DF) {
		force_sig(trap_signal(regs->vector), regs->rip, SI_KERNEL);
		return;
	}
	switch (regs->vector) {
	case X86_TRAP_NMI:
		printk(KERN_EMERG "NMI received\n");
		die("NMI", regs);
	default:
		die(user_mode(regs) ? "exception in user mode" : "exception in kernel mode",
		    regs);
	}
}

/*
 * x86_handle_interrupt - the C side of every interrupt and exception.
 *
 * Context: called from entry.asm with interrupts off, on the kernel stack
 * (or an IST stack); regs is the interrupted context, which iretq restores.
 */
void x86_handle_interrupt(struct pt_regs *regs)
{
	if (regs->vector < FIRST_EXTERNAL_VECTOR)
		do_exception(regs);
	else if (regs->vector < FIRST_EXTERNAL_VECTOR + NR_IRQS)
		do_irq(regs, (unsigned int)(regs->vector - FIRST_EXTERNAL_VECTOR));
	else
		printk(KERN_WARNING "unexpected interrupt vector %lu\n", regs->vector);

	/* The way out. To user mode: switch if owed, deliver signals. To
	 * kernel code: if the timer says this task's turn is over and the
	 * interrupted code may be left (interrupts were on, no spinlock), let
	 * another task run before returning to it. Under preempt_stress every
	 * interrupt asks for a switch (kernel/preempt.h): now if the code may be
	 * left, else at the preempt_enable() that ends its section. */
	if (preempt_stress && regs->vector >= FIRST_EXTERNAL_VECTOR && current != &init_task)
		current->need_resched = true;
	if (user_mode(regs))
		exit_to_user_mode(regs);
	else if (current->need_resched && preempt_count() == 0 && (regs->rflags & X86_EFLAGS_IF))
		preempt_schedule_irq();
}
