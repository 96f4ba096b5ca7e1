/*
 * preempt.h - when the scheduler may take the CPU away.
 *
 * keyhole's kernel is preemptible, as Linux's with CONFIG_PREEMPT: when the
 * timer says a task has had its turn, the interrupt return path switches
 * to another task, even in the middle of kernel code, unless the task's
 * preempt_count is above zero. Spinlocks raise it (a task holding a
 * spinlock must not be switched out: whoever waits for the lock would spin
 * for ever on one CPU), and so can code that uses per-CPU state.
 */
#ifndef KERNEL_PREEMPT_H
#define KERNEL_PREEMPT_H

#include "lib/compiler.h"

struct task_struct;
extern struct task_struct *current_task;
int *preempt_count_ptr(void);

static inline void preempt_disable(void)
{
	(*preempt_count_ptr())++;
	barrier();
}

static inline void preempt_enable_no_resched(void)
{
	barrier();
	(*preempt_count_ptr())--;
}

void preempt_enable(void);

static inline int preempt_count(void)
{
	return *preempt_count_ptr();
}

#endif /* KERNEL_PREEMPT_H */
