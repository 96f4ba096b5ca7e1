/*
 * kthread.c - kernel threads: tasks that run one kernel function, and
 * do_exit() for every task.
 *
 * kthread_create() allocates a task_struct and a kernel stack and lays
 * out the stack as if the task had been switched out in schedule() just
 * before its first instruction (copy_thread): six saved registers for
 * __switch_to_asm to pop (RBX = the function, R12 = its argument) and the
 * address of ret_from_fork to return to. The task is created asleep;
 * kthread_run() also wakes it. When the function returns, ret_from_fork
 * calls do_exit() with its return value.
 *
 * do_exit() marks the task TASK_DEAD and schedules away for good; the next
 * task frees its stack and task_struct (finish_task_switch in sched.c).
 */
#include "kernel/panic.h"
#include "kernel/preempt.h"
#include "kernel/sched.h"
#include "lib/string.h"
#include "mm/kstack.h"
#include "mm/slab.h"

/* Read by switch.asm: where thread.rsp is inside struct task_struct. */
const unsigned long task_thread_rsp_offset = offsetof(struct task_struct, thread.rsp);

static pid_t last_pid;

/* The frame __switch_to_asm pops for a task's first switch-in. */
struct fork_frame {
	unsigned long r15, r14, r13, r12, rbx, rbp;
	unsigned long ret_addr;
};

static void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg)
{
	unsigned long top = (unsigned long)p->stack + KSTACK_SIZE;
	/* After the pops and the ret, RSP is top - 16: 16-byte aligned, as
	 * the ABI wants before ret_from_fork's calls. */
	struct fork_frame *frame = (struct fork_frame *)(top - 16 - sizeof(*frame));

	memset(frame, 0, sizeof(*frame));
	frame->rbx = (unsigned long)fn;
	frame->r12 = (unsigned long)arg;
	frame->ret_addr = (unsigned long)ret_from_fork;
	p->thread.rsp = (unsigned long)frame;
	p->thread.rsp0 = top;
}

/*
 * kthread_create - a new kernel thread that will run fn(arg), not yet
 * running: wake it with wake_up_process().
 *
 * Context: process context.
 * Return: the task, or NULL when memory runs out.
 */
struct task_struct *kthread_create(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->stack = kstack_alloc();
	if (!p->stack) {
		kfree(p);
		return NULL;
	}
	p->pid = ++last_pid;
	strlcpy(p->comm, name, sizeof(p->comm));
	p->kthread_fn = fn;
	p->kthread_arg = arg;
	p->preempt_count = 1;           /* the run-queue lock, released in schedule_tail */
	copy_thread(p, fn, arg);
	p->state = TASK_UNINTERRUPTIBLE;
	sched_add_task(p);
	return p;
}

/* kthread_run - kthread_create() and start it. */
struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = kthread_create(fn, arg, name);

	if (p)
		wake_up_process(p);
	return p;
}

/*
 * do_exit - end the current task with status code.
 *
 * Context: process context, not the idle task. Never returns.
 */
__noreturn void do_exit(int code)
{
	struct task_struct *p = current;

	if (p == &init_task)
		panic("the idle task tried to exit");
	p->exit_code = code;
	preempt_disable();              /* no switch until we are gone */
	p->state = TASK_DEAD;
	schedule();
	panic("do_exit: a dead task ran again");
}
