/*
 * cpu_setup.c - turning on what user programs need from the CPU:
 * the SYSCALL instruction and the SSE registers.
 *
 * SYSCALL: EFER.SCE enables it; MSR_STAR holds the kernel's and the
 * user's segment selectors (the GDT is laid out so that SYSRET's fixed
 * arithmetic lands on __USER_CS and __USER_DS, arch/x86_64/desc.h);
 * MSR_LSTAR is the entry point; MSR_SYSCALL_MASK the RFLAGS bits cleared
 * on entry (interrupts, direction, trap, alignment check, as Linux).
 *
 * SSE: musl's code uses the XMM registers, so user tasks need them on
 * (CR4.OSFXSR, OSXMMEXCPT; CR0.EM off, MP on) and saved at every switch
 * (fxsave/fxrstor of each task's 512-byte area, kernel/sched.c). The
 * kernel itself is compiled without SSE and never touches them.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/desc.h"
#include "arch/x86_64/percpu.h"
#include "kernel/sched.h"

#define EFER_SCE        (1UL << 0)
#define CR0_MP          (1UL << 1)
#define CR0_EM          (1UL << 2)
#define CR0_TS          (1UL << 3)
#define CR4_OSFXSR      (1UL << 9)
#define CR4_OSXMMEXCPT  (1UL << 10)

struct percpu cpu0;
extern char entry_SYSCALL_64[];

/* fpu_init_state - the registers' state a new program starts with. */
struct fpu_state fpu_init_state;

/* syscall_init - enable SYSCALL and point GS at cpu0. Context: boot. */
void syscall_init(void)
{
	/* The assembly knows these numbers (syscall.asm, switch.asm). */
	BUILD_BUG_ON(sizeof(struct pt_regs) != 22 * 8);
	BUILD_BUG_ON(offsetof(struct pt_regs, r11) != 6 * 8);
	BUILD_BUG_ON(offsetof(struct pt_regs, rcx) != 11 * 8);
	BUILD_BUG_ON(offsetof(struct pt_regs, rip) != 17 * 8);
	BUILD_BUG_ON(offsetof(struct pt_regs, rflags) != 19 * 8);
	BUILD_BUG_ON(offsetof(struct pt_regs, rsp) != 20 * 8);
	BUILD_BUG_ON(offsetof(struct percpu, user_rsp) != 0);
	BUILD_BUG_ON(offsetof(struct percpu, top_of_stack) != 8);

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	wrmsr(MSR_SYSCALL_MASK, 0x47700);       /* TF DF IF IOPL NT AC */
	wrmsr(MSR_GS_BASE, (u64)&cpu0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

/* fpu_init - turn SSE on and record a clean register state. Context: boot. */
void fpu_init(void)
{
	u32 mxcsr = 0x1f80;                     /* all exceptions masked */

	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	__asm__ __volatile__("fninit; ldmxcsr %1; fxsave %0"
			     : "=m"(fpu_init_state) : "m"(mxcsr));
}
