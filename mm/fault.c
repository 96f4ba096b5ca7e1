/*
 * fault.c - the page fault handler.
 *
 * The CPU raises #PF with the faulting address in CR2 and an error code
 * saying why (X86_PF_*). In this issue there is no user space and no
 * demand paging, so every page fault is a kernel bug: the handler explains
 * it in Linux's words ("BUG: unable to handle page fault for address",
 * "#PF: supervisor write access in kernel mode", "#PF: error_code(0x0002)
 * - not-present page") and dies with the registers and call trace.
 * User faults (SIGSEGV), demand paging, copy-on-write and the exception
 * fixups of copy_from_user come with processes.
 */
#include "arch/x86_64/traps.h"
#include "arch/x86_64/page.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "mm/fault.h"

/*
 * do_page_fault - handle #PF at address.
 *
 * Context: exception, interrupts off.
 */
void do_page_fault(struct pt_regs *regs, unsigned long address)
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
