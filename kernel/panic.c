/*
 * panic.c - the last words of the kernel: panic(), register dumps and
 * frame-pointer backtraces with function names.
 *
 * Every kernel function is built with -fno-omit-frame-pointer, so each
 * stack frame starts with the caller's saved RBP followed by the return
 * address:
 *
 *	rbp -> [ saved rbp of the caller ] [ return address ]
 *
 * show_stack() follows that chain until RBP is 0 (boot.asm zeroes it before
 * kmain) or leaves the kernel's memory, printing each return address as
 * "function+0xoff/0xsize" from kallsyms.
 *
 * After a panic the machine stops: with interrupts off it halts for ever,
 * so the message stays on the screen, or, when the command line asked for
 * it (`ktest` or `panic=exit`, as make test does), QEMU exits at once with
 * a failing status so a test run never waits for its timeout.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/page.h"
#include "arch/x86_64/ptrace.h"
#include "kernel/kallsyms.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "mm/pgtable.h"
#include "lib/printf.h"
#include "lib/refcount.h"

/* QEMU's isa-debug-exit device: writing v exits with status (v << 1) | 1. */
#define DEBUG_EXIT_PORT 0xf4

bool panic_exits_qemu;
static bool in_panic;

/*
 * qemu_exit - end the QEMU session with status (code << 1) | 1; on a real
 * machine, or without the debug-exit device, it halts instead.
 */
__noreturn void qemu_exit(int code)
{
	outl(DEBUG_EXIT_PORT, (u32)code);
	machine_halt();
}

/* machine_halt - stop this CPU for good. */
__noreturn void machine_halt(void)
{
	for (;;) {
		local_irq_disable();
		halt();
	}
}

/* Whether a frame (saved rbp, return address) can be read at a: an
 * aligned kernel address, mapped (the stack may have overflowed). */
static bool frame_readable(unsigned long a)
{
	pgd_t *pgd = __va(read_cr3() & PTE_ADDR_MASK);

	return a >= PAGE_OFFSET && (a & 7) == 0 && lookup_address(pgd, a, NULL) &&
	       lookup_address(pgd, a + 8, NULL);
}

/*
 * oops_begin - from here on print everything, whatever `quiet` said, and
 * never wait for the log lock: the kernel is going down.
 */
void oops_begin(void)
{
	oops_in_progress = true;
	console_loglevel = CONSOLE_LOGLEVEL_MOTORMOUTH;
}

/* Print one line per return address on the frame chain starting at rbp. */
static void walk_frames(unsigned long rbp)
{
	char sym[128];

	for (int depth = 0; depth < 32 && frame_readable(rbp); depth++) {
		unsigned long *frame = (unsigned long *)rbp;
		unsigned long ret = frame[1];

		if (ret == 0)
			break;
		sprint_symbol(sym, sizeof(sym), ret);
		printk(KERN_EMERG " %s\n", sym);
		if (frame[0] <= rbp)    /* stacks grow down: callers are higher */
			break;
		rbp = frame[0];
	}
}

/* show_stack - print the call chain whose newest frame pointer is rbp. */
void show_stack(unsigned long rbp)
{
	printk(KERN_EMERG "Call Trace:\n");
	walk_frames(rbp);
}

/* dump_stack - print the call chain of the caller. */
void dump_stack(void)
{
	show_stack((unsigned long)__builtin_frame_address(0));
}

/*
 * A function that calls nobody may run without a frame of its own (gcc
 * leaves leaf functions frameless even with -fno-omit-frame-pointer), and
 * a fault at the very start of any function comes before its frame is
 * pushed. Either way the chain from RBP misses one caller, whose return
 * address is then at the top of the stack. Print it with "?", as Linux
 * marks entries it cannot vouch for.
 */
static void show_stack_top(const struct pt_regs *regs)
{
	char sym[128];
	unsigned long top, first_ret = 0;

	if (!frame_readable(regs->rsp))
		return;                 /* a stack overflow: nothing to read */
	top = *(unsigned long *)regs->rsp;
	if (frame_readable(regs->rbp))
		first_ret = ((unsigned long *)regs->rbp)[1];
	if (top != first_ret && kallsyms_lookup(top, NULL, NULL)) {
		sprint_symbol(sym, sizeof(sym), top);
		printk(KERN_EMERG " ? %s\n", sym);
	}
}

/* show_regs - print every register of regs, Linux's oops layout. */
void show_regs(const struct pt_regs *regs)
{
	char sym[128];

	sprint_symbol(sym, sizeof(sym), regs->rip);
	printk(KERN_EMERG "RIP: %04lx:%s\n", regs->cs, sym);
	printk(KERN_EMERG "RSP: %04lx:%016lx EFLAGS: %08lx\n", regs->ss, regs->rsp,
	       regs->rflags);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->rax, regs->rbx,
	       regs->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->rdx, regs->rsi,
	       regs->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", regs->rbp, regs->r8,
	       regs->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11,
	       regs->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14,
	       regs->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
	if (!user_mode(regs)) {
		printk(KERN_EMERG "Call Trace:\n");
		printk(KERN_EMERG " %s\n", sym);
		show_stack_top(regs);
		walk_frames(regs->rbp);
	}
}

/*
 * panic - print why, where and how we got here, then stop the machine.
 *
 * Context: any. Never returns. A panic during a panic only halts.
 */
__noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	local_irq_disable();
	if (in_panic)
		machine_halt();
	in_panic = true;
	oops_begin();

	char msg[256];

	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic ]---\n");

	if (panic_exits_qemu)
		qemu_exit(QEMU_EXIT_PANIC);
	machine_halt();
}

/* __warn - the body of WARN_ON: report the condition and a backtrace. */
int __warn(const char *cond, const char *file, int line)
{
	printk(KERN_WARNING "WARNING: %s at %s:%d\n", cond, file, line);
	dump_stack();
	return 1;
}

/* spin_lock_recursion - called by spin_lock() when the lock is held. */
void spin_lock_recursion(spinlock_t *lock)
{
	panic("spinlock recursion: %s is already held on this CPU", lock->name);
}

/*
 * refcount_warn_saturate - a refcount_t broke its rules (lib/refcount.h).
 * Linux warns and leaks the object; keyhole stops here, where the bug is,
 * naming the counter's address and what went wrong.
 *
 * Context: any.
 */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	static const char *const what[] = {
		[REFCOUNT_ADD_NOT_ZERO_OVF] = "saturated by inc_not_zero",
		[REFCOUNT_ADD_OVF] = "overflowed",
		[REFCOUNT_ADD_UAF] = "incremented from 0: use after free",
		[REFCOUNT_SUB_UAF] = "decremented below 0: use after free",
		[REFCOUNT_DEC_LEAK] = "dropped to 0 by refcount_dec: a leak",
	};

	refcount_set(r, REFCOUNT_SATURATED);
	panic("refcount_t at %p %s", (void *)r, what[t]);
}
