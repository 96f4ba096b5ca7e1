/*
 * ktest_mm.h - for in-kernel tests that need user memory: give the ktest
 * thread an address space of its own, as exec would, so that copy_*_user,
 * page faults and memory system calls work on it; then take it away.
 */
#ifndef MM_KTEST_MM_H
#define MM_KTEST_MM_H

#include "arch/x86_64/cpu.h"
#include "kernel/sched.h"
#include "mm/mm.h"
#include "mm/pgtable.h"

/* Run the current (ktest) thread in mm from now on. */
static inline void ktest_use_mm(struct mm_struct *mm)
{
	current->mm = mm;
	write_cr3(__pa(mm->pgd));
}

/* Back to the kernel's own tables, and mm freed. */
static inline void ktest_drop_mm(struct mm_struct *mm)
{
	write_cr3(__pa(init_pgd));
	current->mm = NULL;
	mmput(mm);
}

#endif /* MM_KTEST_MM_H */
