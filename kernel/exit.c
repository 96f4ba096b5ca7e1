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
 * signal number for a death by signal (| 0x80 if it dumped core),
 * (signal << 8) | 0x7f for a stop and 0xffff for a continue (job control:
 * kernel/signal.c; each is reported once, to wait4 with WUNTRACED or
 * WCONTINUED, or waitid with WSTOPPED or WCONTINUED).
 *
 * Orphaned process groups: when a task exits, its own group and each of
 * its children's groups may lose their last member with a parent outside
 * the group but in the session; such a group with a stopped member gets
 * SIGHUP and SIGCONT (kill_orphaned_pgrp, kernel/signal.c).
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
#include "fs/tty.h"
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
#define WUNTRACED       0x00000002      /* = WSTOPPED */
#define WSTOPPED        WUNTRACED
#define WEXITED         0x00000004
#define WCONTINUED      0x00000008
#define WNOWAIT         0x01000000
#define __WNOTHREAD     0x20000000
#define __WALL          0x40000000
#define __WCLONE        0x80000000

#define P_ALL           0               /* waitid's idtype */
#define P_PID           1
#define P_PGID          2
#define P_PIDFD         3

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
	mm_release(p, mm);      /* its tid word is written through mm: first */
	WRITE_ONCE(p->mm, NULL);
	barrier();
	write_cr3(__pa(init_pgd));
	mmput_hiwater(p, mm);   /* and p->maxrss, for its parent's ru_maxrss */
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
		kill_orphaned_pgrp(child, p);   /* we may have been its group's link */
	}
	kill_orphaned_pgrp(p, NULL);            /* and our own group's */
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
	/* Cleared before they are freed: /proc reads another task's files
	 * and fs with preemption off, no lock (fs/proc_pid.c). */
	if (p->files) {
		struct files_struct *files = p->files;

		WRITE_ONCE(p->files, NULL);
		put_files(files);               /* closes every descriptor */
	}
	if (p->fs) {
		struct fs_struct *fs = p->fs;

		WRITE_ONCE(p->fs, NULL);
		put_fs(fs);
	}
	disassociate_ctty(p, true);             /* a session leader: SIGHUP to the foreground */
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

/* What wait4/waitid wait for (Linux's struct wait_opts). */
struct wait_opts {
	enum pid_type type;             /* PIDTYPE_PID: one child; _PGID: a group; _MAX: any */
	pid_t pid;                      /* the child or the group */
	int options;                    /* W* */
};

/* What a wait found (Linux's waitid_info, and wait4's status). */
struct wait_result {
	pid_t pid;
	u32 uid;
	int status;                     /* wait4's encoding */
	int cause, si_status;           /* waitid's si_code and si_status */
	struct rusage ru;
};

static bool child_matches(struct task_struct *p, const struct wait_opts *wo)
{
	if (wo->type == PIDTYPE_MAX)
		return true;
	return p->pgid == wo->pid;
}

/* waitid's cause and status from an exit's wait status. */
static void exit_cause(int code, struct wait_result *wr)
{
	if (code & 0x7f) {
		wr->cause = (code & 0x80) ? CLD_DUMPED : CLD_KILLED;
		wr->si_status = code & 0x7f;
	} else {
		wr->cause = CLD_EXITED;
		wr->si_status = (code >> 8) & 0xff;
	}
}

/*
 * Whether child p has something for wo to report (Linux's
 * wait_consider_task): its exit (WEXITED; unlinked into *zombie unless
 * WNOWAIT), else a stop not reported yet (WSTOPPED), else a continue
 * (WCONTINUED). Fills *wr. Caller holds tasklist_lock.
 */
static bool wait_consider_task(struct task_struct *p, const struct wait_opts *wo,
			       struct wait_result *wr, struct task_struct **zombie)
{
	bool nowait = wo->options & WNOWAIT;
	int sig;

	wr->pid = p->pid;
	wr->uid = p->uid;
	if (p->exit_state == EXIT_ZOMBIE) {
		if (!(wo->options & WEXITED))
			return false;
		wr->status = p->exit_code;
		exit_cause(p->exit_code, wr);
		if (!nowait) {
			list_del_init(&p->sibling);
			/* No child of ours any more, and we may end and be
			 * freed while someone still holds a reference to it
			 * (/proc): its ppid reads 0 from now on. */
			p->parent = NULL;
			*zombie = p;
		} else {
			getrusage_of(p, RUSAGE_BOTH, &wr->ru);
		}
		return true;
	}
	if ((wo->options & WSTOPPED) && wait_take_stopped(p, nowait, &sig)) {
		wr->status = (sig << 8) | 0x7f;
		wr->cause = CLD_STOPPED;
		wr->si_status = sig;
	} else if ((wo->options & WCONTINUED) && wait_take_continued(p, nowait)) {
		wr->status = 0xffff;
		wr->cause = CLD_CONTINUED;
		wr->si_status = SIGCONT;
	} else {
		return false;
	}
	getrusage_of(p, RUSAGE_BOTH, &wr->ru);  /* it is stopped or our child: stable enough */
	return true;
}

/*
 * One look over our children for wo. Return: 1 if one had something
 * (*wr filled; a zombie to reap in *zombie), 0 if a matching child
 * exists but has nothing yet, -ECHILD if none matches.
 */
static int wait_look(const struct wait_opts *wo, struct wait_result *wr,
		     struct task_struct **zombie)
{
	struct task_struct *p;
	unsigned long flags;
	bool any = false;
	int ret = 0;

	*zombie = NULL;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (wo->type == PIDTYPE_PID) {
		/* One child: found by its pid, not by walking all of them
		 * (Linux's do_wait_pid). */
		p = pid_task(find_pid(wo->pid), PIDTYPE_PID);
		any = p && p->parent == current;
		if (any && wait_consider_task(p, wo, wr, zombie))
			ret = 1;
	} else {
		list_for_each_entry(p, &current->children, sibling) {
			if (!child_matches(p, wo))
				continue;
			any = true;
			if (wait_consider_task(p, wo, wr, zombie)) {
				ret = 1;
				break;
			}
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return any ? ret : -ECHILD;
}

/*
 * do_wait - wait4's and waitid's loop: look, sleep on wait_chldexit until
 * a child changes, look again. A zombie found is reaped here.
 *
 * Return: 1 with *wr filled, 0 (WNOHANG and nothing yet), -ECHILD, or
 * -ERESTARTSYS for a signal.
 */
static long do_wait(const struct wait_opts *wo, struct wait_result *wr)
{
	struct task_struct *zombie;
	DEFINE_WAIT(wait);
	long ret;

	for (;;) {
		prepare_to_wait(&current->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		ret = wait_look(wo, wr, &zombie);
		if (ret)
			break;
		if (wo->options & WNOHANG)
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->wait_chldexit, &wait);
	if (zombie) {
		getrusage_of(zombie, RUSAGE_BOTH, &wr->ru);     /* its time and its children's */
		account_reaped_child(zombie);
		release_task(zombie);
	}
	return ret;
}

SYSCALL_DEFINE4(wait4, pid_t, pid, int *, wstatus, int, options, struct rusage *, ru)
{
	struct wait_opts wo = { .pid = pid, .options = options | WEXITED };
	struct wait_result wr;
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == -__INT_MAX__ - 1)
		return -ESRCH;                  /* -pid would overflow, as Linux */
	if (pid == -1) {
		wo.type = PIDTYPE_MAX;
	} else if (pid > 0) {
		wo.type = PIDTYPE_PID;
	} else {
		wo.type = PIDTYPE_PGID;
		wo.pid = pid == 0 ? current->pgid : -pid;
	}
	ret = do_wait(&wo, &wr);
	if (ret <= 0)
		return ret;
	if ((wstatus && put_user(wr.status, wstatus)) ||
	    (ru && copy_to_user(ru, &wr.ru, sizeof(wr.ru))))
		return -EFAULT;
	return wr.pid;
}

/* The head of the user's siginfo_t that waitid fills. */
struct waitid_siginfo {
	s32 si_signo, si_errno, si_code, pad;
	s32 si_pid;
	u32 si_uid;
	s32 si_status;
};

/* waitid's checks and wait (Linux's kernel_waitid). Return: as do_wait,
 * or -EINVAL, -EBADF. */
static long kernel_waitid(int which, pid_t upid, int options, struct wait_result *wr)
{
	struct wait_opts wo = { .pid = upid, .options = options };

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD |
			__WALL | __WCLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		wo.type = PIDTYPE_MAX;
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		wo.type = PIDTYPE_PID;
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		wo.type = PIDTYPE_PGID;
		if (!upid)
			wo.pid = current->pgid;
		break;
	case P_PIDFD:
		return upid < 0 ? -EINVAL : -EBADF;     /* no descriptor is a pidfd */
	default:
		return -EINVAL;
	}
	return do_wait(&wo, wr);
}

/*
 * waitid(2): as wait4, with the child named by idtype (P_ALL, P_PID,
 * P_PGID; P_PIDFD takes a pidfd, which keyhole has none of: EBADF) and
 * what to wait for in options (WEXITED, WSTOPPED, WCONTINUED, at least
 * one; WNOWAIT leaves the child waitable). As Linux, infop is written
 * whatever the outcome, with zeros when nothing was found (WNOHANG, or
 * an error: so a bad infop makes every error -EFAULT).
 * Return: 0, or -EINVAL, -ECHILD, -EBADF, -EFAULT, -ERESTARTSYS.
 */
SYSCALL_DEFINE5(waitid, int, which, pid_t, upid, struct waitid_siginfo *, infop, int, options,
		struct rusage *, ru)
{
	struct wait_result wr = { 0 };
	struct waitid_siginfo si = { 0 };
	long ret = kernel_waitid(which, upid, options, &wr);

	if (ret > 0) {
		ret = 0;
		si.si_signo = SIGCHLD;
		si.si_code = wr.cause;
		si.si_pid = wr.pid;
		si.si_uid = wr.uid;
		si.si_status = wr.si_status;
		if (ru && copy_to_user(ru, &wr.ru, sizeof(wr.ru)))
			return -EFAULT;
	}
	if (infop && copy_to_user(infop, &si, sizeof(si)))
		return -EFAULT;
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
