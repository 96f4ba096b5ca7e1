/*
 * extable.c - the exception table: where a faulting kernel instruction
 * may resume instead of oopsing.
 *
 * Entries come from __ex_table sections (arch/x86_64/usercopy.asm), which
 * the linker gathers between __ex_table_start and __ex_table_end: pairs of
 * (instruction, fixup). There are only a few, so a linear search does.
 */
#include "arch/x86_64/ptrace.h"
#include "lib/types.h"
#include "mm/fault.h"

struct exception_table_entry {
	unsigned long insn;
	unsigned long fixup;
};

extern const struct exception_table_entry __ex_table_start[], __ex_table_end[];

/*
 * fixup_exception - if regs->rip is in the table, point it at the fixup.
 *
 * Return: true if the fault is handled that way.
 */
bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_table_entry *e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == regs->rip) {
			regs->rip = e->fixup;
			return true;
		}
	}
	return false;
}
