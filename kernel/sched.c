/*
 * sched.c - the scheduler: a run queue, schedule(), wake-ups and the
 * timer's part in taking turns.
 *
 * One round-robin run queue holds every runnable task except the one
 * running (current) and the idle task (init_task, pid 0, which runs only
 * when the queue is empty). A task gives up the CPU in schedule():
 *
 *	- voluntarily, after setting itself TASK_INTERRUPTIBLE or
 *	  TASK_UNINTERRUPTIBLE to sleep (wait queues, kernel/wait.c), or
 *	  TASK_DEAD to end (do_exit);
 *	- involuntarily, when its time slice (SCHED_TIMESLICE ticks) runs
 *	  out: scheduler_tick() sets need_resched and the interrupt return
 *	  path calls preempt_schedule_irq(), unless preempt_count says the
 *	  task is in a section that must not be left (a spinlock is held).
 *
 * A task still TASK_RUNNING when it calls schedule() goes to the back of
 * the queue; the task at the front runs next. Sleeping and waking cannot
 * race: a sleeper sets its state before it checks its condition, and a
 * waker sets it back to TASK_RUNNING (try_to_wake_up) under rq_lock, so a
 * wake-up between the check and schedule() just makes schedule() return.
 *
 * The switch itself (context_switch) saves the callee-saved registers on
 * the old task's kernel stack, moves RSP to the new task's stack
 * (__switch_to_asm in switch.asm) and points the TSS at the new stack top
 * for the next entry from user mode. Whoever runs after a dead task frees
 * its stack (finish_task_switch): a task cannot free the stack it is on.
 *
 * Locking: rq_lock (taken with interrupts off) guards the run queue, every
 * task's run_list and state changes by others. (The list of all tasks is
 * tasklist_lock's: kernel/pid.h.) It is held across the switch: the old task takes it, the new one releases it,
 * in finish_task_switch().
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/desc.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/pgtable.h"
#include "kernel/nsproxy.h"
#include "kernel/panic.h"
#include "kernel/preempt.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "mm/kstack.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

extern char boot_stack[], boot_stack_top[];     /* boot.asm */

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.usage = REFCOUNT_INIT(1),      /* never dropped: the idle task never dies */
	.pid = 0,
	.comm = "swapper",
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_task.wait_chldexit),
	.nsproxy = &init_nsproxy,
	.sysvshm = { .shm_clist = LIST_HEAD_INIT(init_task.sysvshm.shm_clist) },
	.rlim = INIT_RLIMITS,
};
struct task_struct *current_task = &init_task;

static DEFINE_SPINLOCK(rq_lock);
static LIST_HEAD(runqueue);
static unsigned long nr_queued;

bool preempt_stress;                    /* kernel/preempt.h; set once at boot */

BUILD_BUG_ON(offsetof(struct task_struct, preempt_count) !=
	     offsetof(struct task_preempt, preempt_count));
BUILD_BUG_ON(offsetof(struct task_struct, need_resched) !=
	     offsetof(struct task_preempt, need_resched));

static void __schedule(bool preempt);

/*
 * preempt_schedule - the switch owed to the timer, from a preempt_enable()
 * that ended the last no-preemption section; not with interrupts off (the
 * caller then ends its section with local_irq_restore, and the interrupt
 * return path or the next preempt_enable makes the switch).
 *
 * Context: preempt_count 0.
 */
void preempt_schedule(void)
{
	if (!irqs_disabled())
		__schedule(true);
}

static void enqueue(struct task_struct *p)
{
	list_add_tail(&p->run_list, &runqueue);
	nr_queued++;
}

static struct task_struct *pick_next(void)
{
	struct task_struct *next;

	if (list_empty(&runqueue))
		return &init_task;
	next = list_first_entry(&runqueue, struct task_struct, run_list);
	list_del_init(&next->run_list);
	nr_queued--;
	return next;
}

/*
 * The second half of a switch, run by the task switched to: release the
 * run queue and bury the previous task if it died. Caller: interrupts off,
 * rq_lock held (taken by the previous task).
 */
static void finish_task_switch(struct task_struct *prev)
{
	bool dead = prev->state == TASK_DEAD;

	__atomic_store_n(&rq_lock.locked, 0, __ATOMIC_RELEASE);
	preempt_enable_no_resched();
	if (dead) {
		/* A zombie keeps its task_struct (its pid and exit status) for
		 * wait4, whose reference release_task() drops; lookups may hold
		 * more. This drops the task's own. */
		kstack_free(prev->stack);
		prev->stack = NULL;
		put_task_struct(prev);
	}
}

/*
 * __put_task_struct - free a task_struct whose last reference is gone
 * (put_task_struct). Its stack was freed when it died.
 *
 * Context: any.
 */
void __put_task_struct(struct task_struct *p)
{
	if (p == &init_task || p->stack || p->state != TASK_DEAD)
		panic("__put_task_struct: %s/%d freed while %s", p->comm, p->pid,
		      p == &init_task ? "the idle task" : "not dead");
	free_task_struct(p);
}

/*
 * schedule_tail - where a new task starts (called by ret_from_fork). A
 * clone child with CLONE_CHILD_SETTID writes its pid into its own memory
 * here, as Linux (a fault is ignored).
 */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	local_irq_enable();
	if (current->set_child_tid)
		(void)put_user(current->pid, current->set_child_tid);
}

/*
 * What the CPU must hold for next's user side: its page tables, TLS base
 * and SSE registers, and its kernel stack top for entries from user mode.
 * Kernel threads (no mm) borrow whatever page table is loaded: the kernel
 * half is the same in all of them.
 */
static void switch_user_state(struct task_struct *prev, struct task_struct *next)
{
	if (prev->mm)
		__asm__ __volatile__("fxsave %0" : "=m"(prev->fpu));
	if (next->mm) {
		if ((read_cr3() & PTE_ADDR_MASK) != __pa(next->mm->pgd))
			write_cr3(__pa(next->mm->pgd));
		wrmsr(MSR_FS_BASE, next->thread.fsbase);
		__asm__ __volatile__("fxrstor %0" : : "m"(next->fpu));
	}
	cpu_tss.rsp0 = next->thread.rsp0;
	cpu0.top_of_stack = next->thread.rsp0;
}

/*
 * The switch. A task preempted (preempt) stays runnable whatever its state:
 * it may have been between prepare_to_wait() and checking its condition,
 * and must get to check it. Only a task that calls schedule() itself goes
 * to sleep.
 */
static void __schedule(bool preempt)
{
	struct task_struct *prev = current, *next;
	unsigned long flags;

	if (prev->preempt_count > 0 && prev->state != TASK_DEAD)
		panic("scheduling while atomic: %s/%d, preempt_count %d", prev->comm, prev->pid,
		      prev->preempt_count);

	local_irq_save(flags);
	spin_lock(&rq_lock);
	prev->need_resched = false;
	if ((prev->state == TASK_RUNNING || (preempt && prev->state != TASK_DEAD)) &&
	    prev != &init_task)
		enqueue(prev);
	next = pick_next();
	if (next == prev) {
		__atomic_store_n(&rq_lock.locked, 0, __ATOMIC_RELEASE);
		preempt_enable_no_resched();
		local_irq_restore(flags);
		return;
	}
	if (preempt)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	nr_context_switches++;
	next->time_slice = SCHED_TIMESLICE;

	switch_user_state(prev, next);
	current_task = next;
	prev = __switch_to_asm(prev, next);
	/* Now running as `next` again, later: prev is who ran just before. */
	finish_task_switch(prev);
	local_irq_restore(flags);
}

/*
 * schedule - run the next task; return when this one is picked again.
 *
 * Context: process context, not inside a spinlock (preempt_count 0). A
 * task that set itself asleep first stays off the run queue until woken.
 */
void schedule(void)
{
	__schedule(false);
}

/*
 * preempt_schedule_irq - give the CPU away from the interrupt return path
 * because the time slice is over.
 *
 * Context: interrupt return, interrupts off, preempt_count 0.
 */
void preempt_schedule_irq(void)
{
	__schedule(true);
}

/*
 * try_to_wake_up - make p runnable if its state is in state_mask.
 *
 * Context: any, interrupt handlers included.
 * Return: true if p was woken, false if it was not asleep in such a state.
 */
bool try_to_wake_up(struct task_struct *p, long state_mask)
{
	unsigned long flags;
	bool woken = false;

	spin_lock_irqsave(&rq_lock, flags);
	if (p->state & state_mask) {
		p->state = TASK_RUNNING;
		if (p != current && list_empty(&p->run_list))
			enqueue(p);
		woken = true;
		if (current == &init_task)
			current->need_resched = true;
	}
	spin_unlock_irqrestore(&rq_lock, flags);
	return woken;
}

/* wake_up_process - wake p from either sleeping state. */
bool wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
}

/* yield - let every other runnable task run before this one goes on. */
void yield(void)
{
	schedule();
}

/*
 * scheduler_tick - the timer's part: count down the running task's slice
 * and ask for a switch when it is used up.
 *
 * Context: timer interrupt.
 */
void scheduler_tick(void)
{
	struct task_struct *p = current;

	if (p == &init_task) {
		if (READ_ONCE(nr_queued))
			p->need_resched = true;
		return;
	}
	if (--p->time_slice <= 0)
		p->need_resched = true;
}

/* Every switch from one task to another since boot (/proc/stat's ctxt);
 * written under rq_lock, read without a lock. */
u64 nr_context_switches;

/* nr_running - runnable tasks, the running one included. */
unsigned long nr_running(void)
{
	return READ_ONCE(nr_queued) + (current != &init_task);
}

/*
 * sched_init - make the boot code the idle task.
 *
 * Context: boot, before interrupts are on.
 */
void sched_init(void)
{
	init_task.thread.rsp0 = (unsigned long)boot_stack_top;
	init_task.stack = boot_stack;
	init_task.time_slice = SCHED_TIMESLICE;
	cpu_tss.rsp0 = init_task.thread.rsp0;
	cpu0.top_of_stack = init_task.thread.rsp0;
}
