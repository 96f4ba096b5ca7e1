/*
 * preempt.h - when the scheduler may take the CPU away.
 *
 * keyhole's kernel is preemptible, as Linux's with CONFIG_PREEMPT: when the
 * timer says a task has had its turn, the interrupt return path switches
 * to another task, even in the middle of kernel code, unless the task's
 * preempt_count is above zero. Spinlocks raise it (a task holding a
 * spinlock must not be switched out: whoever waits for the lock would spin
 * for ever on one CPU), and so can code that uses per-CPU state.
 *
 * preempt_stress (a kernel command-line word) is a debug mode that makes
 * preemption happen wherever it may: the timer interrupts PREEMPT_STRESS_MULT
 * times as often (only every PREEMPT_STRESS_MULT-th interrupt is a tick),
 * and every interrupt asks for a switch: at once if it landed in code that
 * may be preempted, else at the preempt_enable() that ends the section it
 * landed in (arch/x86_64/traps.c). A read-modify-write of shared data
 * outside a lock, such as the page reference count bug of issue 9 item 7,
 * then loses updates at once: with the old put_page(), fork_cow_refcount_race
 * panicked within 2 s in 3 boots of 3. (Switching at every preempt_enable()
 * as well was tried: it cut the work done between switches so much that
 * the same bug showed only as a leak, in half of the boots.) `make test` runs the user
 * tests once this way.
 */
#ifndef KERNEL_PREEMPT_H
#define KERNEL_PREEMPT_H

#include "lib/compiler.h"

/* Timer interrupts per tick under preempt_stress: 8 kHz, a PIT divisor of
 * 149, so jiffies run 0.1% fast (1001 Hz) as they do at 1 kHz (1000.15 Hz). */
#define PREEMPT_STRESS_MULT     8

struct task_struct;
extern struct task_struct *current_task;
extern bool preempt_stress;

/*
 * A task_struct begins with these two fields (kernel/sched.h checks it
 * at build time), so that the functions below, inline in every spinlock,
 * reach the running task's without the whole structure and without a
 * call. may_alias: they are read through this view of a task_struct.
 */
struct __attribute__((may_alias)) task_preempt {
	int preempt_count;              /* task_struct.preempt_count */
	bool need_resched;              /* task_struct.need_resched */
};

static inline struct task_preempt *current_preempt(void)
{
	return (struct task_preempt *)current_task;
}

static inline int *preempt_count_ptr(void)
{
	return &current_preempt()->preempt_count;
}

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

void preempt_schedule(void);

/* preempt_enable - end a no-preemption section; switch now if one is owed. */
static inline void preempt_enable(void)
{
	barrier();
	if (--current_preempt()->preempt_count == 0 &&
	    unlikely(READ_ONCE(current_preempt()->need_resched)))
		preempt_schedule();
}

static inline int preempt_count(void)
{
	return *preempt_count_ptr();
}

#endif /* KERNEL_PREEMPT_H */
