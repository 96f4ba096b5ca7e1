/*
 * fault.c - the page fault handler.
 *
 * The CPU raises #PF with the faulting address in CR2 and an error code
 * saying why (X86_PF_*). Five cases:
 *
 *   1. A user address, and the task has an address space: ask the VMAs
 *      (handle_mm_fault). If they allow the access, a page is mapped and
 *      the instruction runs again, whether it was user code or the kernel
 *      copying to or from user memory on the task's behalf.
 *   2. Not allowed, from user mode: the process gets SIGSEGV (with
 *      Linux's "segfault at" line in the log); the kernel goes on.
 *   3. Not allowed, from kernel mode: if the faulting instruction is one of
 *      the user-copy instructions (the exception table, mm/extable.c), it
 *      resumes at its fixup and the system call returns -EFAULT. Anything
 *      else is a kernel bug: an oops in Linux's words ("BUG: unable to
 *      handle page fault for address", "#PF: supervisor write access in
 *      kernel mode", "#PF: error_code(0x0002) - not-present page").
 *   4. A file mapping's page wholly past the end of its file (-EIO from
 *      handle_mm_fault): SIGBUS with BUS_ADRERR from user mode, -EFAULT
 *      through the fixup from a user copy, as on Linux.
 *   5. No memory (-ENOMEM: no page for the data, a page table or a COW
 *      copy): the out-of-memory killer (mm/oom_kill.c) kills the process
 *      whose death frees the most, or waits for one it killed before, and
 *      the access is tried again. A task that was itself killed does not
 *      retry: from user mode it dies on the way out (no "segfault" line),
 *      in a user copy the system call fails with -EFAULT first.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/page.h"
#include "arch/x86_64/traps.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/timer.h"
#include "mm/fault.h"
#include "mm/mm.h"
#include "mm/oom_kill.h"

static __noreturn void kernel_fault_oops(struct pt_regs *regs, unsigned long address)
{
	unsigned long err = regs->error_code;

	oops_begin();
	if (address < PAGE_SIZE)
		printk(KERN_EMERG "BUG: kernel NULL pointer dereference, address: %016lx\n",
		       address);
	else
		printk(KERN_EMERG "BUG: unable to handle page fault for address: %016lx\n",
		       address);
	printk(KERN_EMERG "#PF: %s %s in %s mode\n",
	       err & X86_PF_USER ? "user" : "supervisor",
	       err & X86_PF_INSTR ? "instruction fetch" :
	       err & X86_PF_WRITE ? "write access" : "read access",
	       user_mode(regs) ? "user" : "kernel");
	printk(KERN_EMERG "#PF: error_code(0x%04lx) - %s\n", err,
	       err & X86_PF_RSVD ? "reserved bit violation" :
	       err & X86_PF_PROT ? "permissions violation" : "not-present page");
	die("page fault", regs);
}

/* Ask the VMAs. The task may already hold mmap_lock (a system call that
 * copies to user memory while working on its own address space): then the
 * lock is not taken again. Processes have one thread, so that is safe. */
static int user_fault(struct mm_struct *mm, unsigned long address, unsigned long err)
{
	bool take = READ_ONCE(mm->mmap_lock.owner) != current;
	int ret;

	if (take)
		mutex_lock(&mm->mmap_lock);
	ret = handle_mm_fault(mm, address, err & X86_PF_WRITE, err & X86_PF_INSTR);
	if (take)
		mutex_unlock(&mm->mmap_lock);
	return ret;
}

/*
 * A fault found no memory: call the OOM killer and give the victim a
 * moment to run and free its memory. Return: 0 to retry the access,
 * -ENOMEM if this task was killed (by the killer or anyone else).
 */
static int oom_retry(void)
{
	if (!out_of_memory() && current->pid != 1) {
		/* Nobody else to kill: this task goes, as Linux's last resort. */
		printk(KERN_ERR "Out of memory: Killed process %d (%s), nothing else to kill\n",
		       current->pid, current->comm);
		send_signal(current, SIGKILL, NULL);
	}
	schedule_timeout_uninterruptible(1);
	return fatal_signal_pending(current) ? -ENOMEM : 0;
}

/* User page faults handled since boot (/proc/vmstat's pgfault). */
unsigned long nr_page_faults;

/*
 * do_page_fault - handle #PF at address.
 *
 * Context: exception; interrupts are turned back on if the faulting code
 * had them on, since handling the fault may sleep.
 */
void do_page_fault(struct pt_regs *regs, unsigned long address)
{
	struct mm_struct *mm = current->mm;
	int ret = -EFAULT;

	if (address < TASK_SIZE && mm) {
		if (regs->rflags & X86_EFLAGS_IF)
			local_irq_enable();
		ret = user_fault(mm, address, regs->error_code);
		if (ret == -ENOMEM && !fatal_signal_pending(current)) {
			ret = oom_retry();
			if (ret == 0) {
				local_irq_disable();
				return;         /* try the access again */
			}
		}
		local_irq_disable();
		if (ret == 0) {
			current->min_flt++;     /* getrusage's ru_minflt: no fault reads a disk */
			__atomic_fetch_add(&nr_page_faults, 1, __ATOMIC_RELAXED);       /* /proc/vmstat */
			return;
		}
		if (ret == -ENOMEM && user_mode(regs))
			return;                 /* killed: SIGKILL is delivered on the way out */
	}
	if (ret == -EIO && user_mode(regs)) {
		/* A file mapping's page wholly past the end of the file: SIGBUS,
		 * as Linux's VM_FAULT_SIGBUS (no log line there either). */
		force_sig(SIGBUS, address, BUS_ADRERR);
		return;
	}
	if (user_mode(regs)) {                  /* a user address no VMA allows, or a kernel one */
		printk(KERN_INFO "%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n",
		       current->comm, current->pid, address, regs->rip, regs->rsp,
		       regs->error_code);
		force_sig(SIGSEGV, address, ret == -EACCES ? SEGV_ACCERR : SEGV_MAPERR);
		return;
	}
	if (!user_mode(regs) && fixup_exception(regs))
		return;
	kernel_fault_oops(regs, address);
}
