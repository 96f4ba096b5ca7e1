/*
 * exit.c - how a task ends, and how its parent learns of it: do_exit(),
 * wait4(), the process tree.
 *
 * A process that exits (exit_group, a fatal signal) gives back its memory
 * at once (exit_mm), hands its children to init (PID 1 reaps orphans),
 * becomes a zombie (EXIT_ZOMBIE: a task_struct with a pid and an exit
 * status, nothing else) and wakes its parent, which may be sleeping in
 * wait4(). wait4() finds a zombie child, copies out its status and frees
 * it (release_task). Kernel threads have no parent and are freed as soon
 * as they stop running.
 *
 * Wait status, Linux's encoding: (exit status << 8) for a normal exit, the
 * signal number for a death by signal (| 0x80 if it dumped core).
 *
 * Locking: tasklist_lock (irqsave) guards every task's parent, children,
 * sibling and exit_state, and keeps a task's parent alive while it is
 * held (a parent gives its children to init, under the lock, before it
 * can die); it also guards the list of all tasks and the pid map
 * (kernel/pid.h). Lock order: tasklist_lock, then a wait queue's lock, then the
 * run-queue lock. A task_struct lives while referenced (sched.h,
 * "Lifetime"): release_task() drops the reference that kept the zombie
 * for wait4, and the zombie's own goes when it has switched away for the
 * last time, in either order.
 */
#include "arch/x86_64/cpu.h"
#include "fs/fdtable.h"
#include "kernel/errno.h"
#include "kernel/itimer.h"
#include "ipc/sem.h"
#include "ipc/shm.h"
#include "kernel/nsproxy.h"
#include "kernel/pid.h"
#include "kernel/panic.h"
#include "kernel/preempt.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/wait.h"
#include "mm/fault.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/rss.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

DEFINE_SPINLOCK(tasklist_lock);

#define WNOHANG         0x00000001
#define WUNTRACED       0x00000002
#define WCONTINUED      0x00000008
#define __WALL          0x40000000
#define __WCLONE        0x80000000

/*
 * Leave the user address space: load the kernel's page table first, so
 * the one being freed is not in use. The order matters: p->mm goes first.
 * Were p preempted between the two with p->mm still set, switching back to
 * it would load the old page table again (switch_user_state), and mmput()
 * would free the page table the CPU is running on; its page, reused,
 * takes the kernel's mappings with it (a triple fault). With p->mm NULL,
 * p is like a kernel thread: it keeps whatever table is loaded.
 */
static void exit_mm(struct task_struct *p)
{
	struct mm_struct *mm = p->mm;

	if (!mm)
		return;
	unsigned long rss;

	mm_release(p, mm);      /* its tid word is written through mm: first */
	if (atomic_read(&mm->mm_users) > 1)
		update_hiwater_rss(p, mm);      /* shared (vfork): count it now */
	WRITE_ONCE(p->mm, NULL);
	barrier();
	write_cr3(__pa(init_pgd));
	if (mmput_rss(mm, &rss) && rss > p->maxrss)
		p->maxrss = rss;                /* for its parent's ru_maxrss */
}

/* Give p's children to init, become a zombie, wake the parent. */
static void exit_notify(struct task_struct *p)
{
	struct task_struct *init, *parent, *child, *next;
	unsigned long flags;
	bool orphans_dead = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	init = pid_task(find_pid(1), PIDTYPE_PID);     /* user init never exits */
	if (!init && !list_empty(&p->children))
		panic("exit_notify: %s/%d leaves children and there is no init", p->comm, p->pid);
	if (init)
		get_task_struct(init);
	list_for_each_entry_safe(child, next, &p->children, sibling) {
		/* PR_SET_PDEATHSIG. send_signal under tasklist_lock, as
		 * kill_pgrp_from_kernel: siglock nests inside it. */
		if (child->pdeath_signal && !child->exit_state)
			send_signal(child, child->pdeath_signal, NULL);
		list_move_tail(&child->sibling, &init->children);
		child->parent = init;
		orphans_dead |= child->exit_state == EXIT_ZOMBIE;
	}
	/* Our parent may be exiting too: once we are its child no more
	 * (it gave us to init) it may be reaped at any time. */
	parent = p->parent;
	if (parent) {
		p->exit_state = EXIT_ZOMBIE;
		get_task_struct(parent);
	} else {
		unhash_task(p);         /* nobody waits for it: gone from every list now */
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);

	if (orphans_dead)
		wake_up_all(&init->wait_chldexit);
	if (init)
		put_task_struct(init);
	if (parent) {
		struct ksiginfo info = {
			.si_signo = SIGCHLD, .si_pid = p->pid, .si_uid = p->uid,
			.si_code = (p->exit_code & 0x7f) ? CLD_KILLED : CLD_EXITED,
			.si_status = (p->exit_code & 0x7f) ? p->exit_code & 0x7f : p->exit_code >> 8,
		};
		send_signal(parent, SIGCHLD, &info);
		wake_up_all(&parent->wait_chldexit);
		put_task_struct(parent);
	}
}

/*
 * do_exit - end the current task with wait status code.
 *
 * Context: process context, not the idle task. Never returns.
 */
__noreturn void do_exit(int code)
{
	struct task_struct *p = current;

	if (p == &init_task)
		panic("the idle task tried to exit");
	if (p->pid == 1 && !(p->flags & PF_KTHREAD))
		panic("Attempted to kill init! exitcode=0x%08x", code);
	p->flags |= PF_EXITING;         /* the OOM killer waits for, not kills, it */
	hrtimer_cancel(&p->real_timer);
	exit_mm(p);
	if (p->files) {
		put_files(p->files);            /* closes every descriptor */
		p->files = NULL;
	}
	if (p->fs) {
		put_fs(p->fs);
		p->fs = NULL;
	}
	exit_sem(p);                            /* apply its SEM_UNDO adjustments */
	exit_shm(p);                            /* orphan the segments it created */
	put_nsproxy(p->nsproxy);
	p->nsproxy = NULL;
	p->exit_code = code;
	/* No switch until we are gone. (Were we preempted, wait4 could reap
	 * us before we are dead: our own reference keeps the task_struct.) */
	preempt_disable();
	exit_notify(p);
	p->state = TASK_DEAD;
	schedule();
	panic("do_exit: a dead task ran again");
}

SYSCALL_DEFINE1(exit, int, status)
{
	do_exit((status & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, status)
{
	do_exit((status & 0xff) << 8);
}

/* Reap a zombie: off the task list and its pid, group and session (no
 * lookup or walk finds it), and drop the parent's reference; the
 * task_struct goes with the last one.
 * Caller: its parent, after taking it off its children. */
static void release_task(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	unhash_task(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_task_struct(p);
}

/* wait4's pid, when not one child's (find_zombie looks that one up): -1
 * any, 0 any in our process group, < -1 any in process group -pid. */
static bool child_matches(struct task_struct *p, pid_t pid)
{
	if (pid == -1)
		return true;
	return p->pgid == (pid == 0 ? current->pgid : -pid);
}

/* Take zombie child p off our children. Caller holds tasklist_lock. */
static void take_zombie(struct task_struct *p, struct task_struct **zombie)
{
	list_del_init(&p->sibling);
	/* No child of ours any more, and we may end and be freed while
	 * someone still holds a reference to it (/proc): its ppid reads 0
	 * from now on. */
	p->parent = NULL;
	*zombie = p;
}

/*
 * Look for a child matching pid: a zombie is unlinked and returned in
 * *zombie. Return: whether any matching child exists at all.
 */
static bool find_zombie(pid_t pid, struct task_struct **zombie)
{
	struct task_struct *p;
	unsigned long flags;
	bool any = false;

	*zombie = NULL;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid > 0) {
		/* One child: found by its pid, not by walking all of them
		 * (Linux's do_wait_pid). */
		p = pid_task(find_pid(pid), PIDTYPE_PID);
		any = p && p->parent == current;
		if (any && p->exit_state == EXIT_ZOMBIE)
			take_zombie(p, zombie);
	} else {
		list_for_each_entry(p, &current->children, sibling) {
			if (!child_matches(p, pid))
				continue;
			any = true;
			if (p->exit_state == EXIT_ZOMBIE) {
				take_zombie(p, zombie);
				break;
			}
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return any;
}

SYSCALL_DEFINE4(wait4, pid_t, pid, int *, wstatus, int, options, struct rusage *, ru)
{
	struct task_struct *zombie;
	DEFINE_WAIT(wait);
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == -__INT_MAX__ - 1)
		return -ESRCH;                  /* -pid would overflow, as Linux */
	for (;;) {
		prepare_to_wait(&current->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		if (!find_zombie(pid, &zombie)) {
			ret = -ECHILD;
			break;
		}
		if (zombie) {
			ret = zombie->pid;
			break;
		}
		if (options & WNOHANG) {
			ret = 0;
			break;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->wait_chldexit, &wait);

	if (zombie) {
		int status = zombie->exit_code;
		struct rusage r;

		getrusage_of(zombie, RUSAGE_BOTH, &r);  /* its time and its children's */
		account_reaped_child(zombie);
		release_task(zombie);
		if ((wstatus && put_user(status, wstatus)) ||
		    (ru && copy_to_user(ru, &r, sizeof(r))))
			return -EFAULT;
	}
	return ret;
}

/* task_ppid - p's parent's pid, 0 for none or the idle task. Context:
 * process context; tasklist_lock keeps the parent alive while we read. */
pid_t task_ppid(struct task_struct *p)
{
	struct task_struct *parent;
	unsigned long flags;
	pid_t ppid = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	parent = p->parent;
	if (parent && parent != &init_task)
		ppid = parent->pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ppid;
}

SYSCALL_DEFINE0(getppid)
{
	return task_ppid(current);
}
