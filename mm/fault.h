#ifndef MM_FAULT_H
#define MM_FAULT_H

#include "arch/x86_64/ptrace.h"

/* Page fault error code bits, as the CPU pushes them. */
#define X86_PF_PROT     (1UL << 0)      /* 0: page not present, 1: protection */
#define X86_PF_WRITE    (1UL << 1)
#define X86_PF_USER     (1UL << 2)
#define X86_PF_RSVD     (1UL << 3)
#define X86_PF_INSTR    (1UL << 4)

extern unsigned long nr_page_faults;

void do_page_fault(struct pt_regs *regs, unsigned long address);
bool fixup_exception(struct pt_regs *regs);

#endif
