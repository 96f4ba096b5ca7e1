/*
 * kthread.c - kernel threads: tasks that run one kernel function.
 *
 * kthread_create() allocates a task_struct and a kernel stack and lays
 * out the stack as if the task had been switched out in schedule() just
 * before its first instruction (copy_thread): six saved registers for
 * __switch_to_asm to pop (RBX = the function, R12 = its argument) and the
 * address of ret_from_fork to return to. The task is created asleep;
 * kthread_run() also wakes it. When the function returns, ret_from_fork
 * calls do_exit() with its return value.
 *
 * Kernel threads have no parent: when one ends (do_exit, kernel/exit.c)
 * nobody waits for it and it is freed at once, unless someone holds a
 * reference (kernel/sched.h, "Lifetime"). So the pointer kthread_create()
 * returns is good until the thread is woken; whoever uses it after that
 * takes a reference first (get_task_struct before wake_up_process).
 */
#include "kernel/itimer.h"
#include "kernel/nsproxy.h"
#include "kernel/pid.h"
#include "kernel/panic.h"
#include "kernel/preempt.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "lib/string.h"
#include "mm/kstack.h"
#include "mm/slab.h"

/* Read by switch.asm: where thread.rsp is inside struct task_struct. */
const unsigned long task_thread_rsp_offset = offsetof(struct task_struct, thread.rsp);


/* The frame __switch_to_asm pops for a task's first switch-in. */
struct fork_frame {
	unsigned long r15, r14, r13, r12, rbx, rbp;
	unsigned long ret_addr;
};

static void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg)
{
	unsigned long top = (unsigned long)p->stack + KSTACK_SIZE;
	/* The top of the stack is kept for the user registers (pt_regs) a
	 * kernel thread that execs returns to user mode with; the frame goes
	 * below. After its pops and ret, RSP is 16-byte aligned (pt_regs is
	 * 176 bytes), as the ABI wants before ret_from_fork's calls. */
	struct fork_frame *frame =
		(struct fork_frame *)(top - sizeof(struct pt_regs) - sizeof(*frame));

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
	struct task_struct *p = alloc_task_struct();
	unsigned long flags;

	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->stack = kstack_alloc();
	if (!p->stack) {
		free_task_struct(p);
		return NULL;
	}
	refcount_set(&p->usage, 1);     /* its own: nobody waits for a kernel thread */
	p->pids[PIDTYPE_PID] = alloc_pid();     /* no group, no session */
	if (!p->pids[PIDTYPE_PID]) {
		kstack_free(p->stack);
		free_task_struct(p);
		return NULL;
	}
	p->pid = p->pids[PIDTYPE_PID]->nr;
	strlcpy(p->comm, name, sizeof(p->comm));
	p->start_time = ktime_get_ns();
	p->flags = PF_KTHREAD;
	p->kthread_fn = fn;
	p->kthread_arg = arg;
	p->preempt_count = 1;           /* the run-queue lock, released in schedule_tail */
	copy_thread(p, fn, arg);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	init_waitqueue_head(&p->wait_chldexit);
	itimers_fork(p);
	p->nsproxy = get_nsproxy(&init_nsproxy);
	INIT_LIST_HEAD(&p->sysvshm.shm_clist);
	memcpy(p->rlim, init_task.rlim, sizeof(p->rlim));
	p->tgid = p->pid;
	p->state = TASK_UNINTERRUPTIBLE;
	INIT_LIST_HEAD(&p->run_list);
	spin_lock_irqsave(&tasklist_lock, flags);
	hash_task(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

/* kthread_run - kthread_create() and start it. The task returned may be
 * gone already: compare it with NULL, do not dereference it. */
struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = kthread_create(fn, arg, name);

	if (p)
		wake_up_process(p);
	return p;
}

/*
 * ret_from_kernel_thread - a kernel thread's function returned ret. If it
 * turned itself into a user process (kernel_execve), return, and
 * ret_from_fork goes to user mode with its pt_regs; otherwise end it.
 */
void ret_from_kernel_thread(int ret)
{
	if (!current->mm)
		do_exit(ret);
}
