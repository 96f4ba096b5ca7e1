/*
 * fork.c - creating a process as a copy of the caller: fork, vfork and
 * the fork-like uses of clone.
 *
 * do_fork() gives the child a new task_struct (a copy of the parent's,
 * then fixed up: new pid, its own lists, no pending signals), a new
 * kernel stack, a copy of the address space in which every private
 * writable page is shared copy-on-write and shared memory is not copied
 * at all, but faulted in from its shmem file on first touch (dup_mm,
 * mm/mmap.c), the same open files at the same descriptors, and the same
 * current directory.
 * The child's kernel stack gets a copy of the parent's saved user
 * registers (pt_regs) with RAX = 0, and a frame that makes its first
 * switch-in "return" through ret_from_fork straight to user mode: the
 * child continues from the same system call, seeing 0, while the parent
 * sees the child's pid.
 *
 * vfork (and clone with CLONE_VM|CLONE_VFORK, which musl's posix_spawn
 * uses with a stack of its own) shares the parent's address space instead
 * of copying it, and the parent sleeps until the child execs or exits
 * (mm_release), as Linux. Threads (CLONE_VM without CLONE_VFORK,
 * CLONE_THREAD) are not supported: -EINVAL, as for every clone flag
 * keyhole does not have (CLONE_SUPPORTED).
 *
 * The tid words glibc's fork asks for (clone's CLONE_PARENT_SETTID,
 * CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID), as Linux: the parent writes
 * the child's pid at parent_tid in its own memory before the child runs;
 * the child writes it at child_tid in its memory (a copy of the parent's,
 * or the same with CLONE_VM) as it first leaves the kernel
 * (schedule_tail, kernel/sched.c); with CLEARTID the child remembers
 * child_tid (clear_child_tid, as set_tid_address sets it) and writes 0
 * there when it leaves its address space by exit or exec, but only if
 * someone else still uses that address space (mm_release): a fork child's
 * private copy dies with it, and Linux does not write into it either.
 * A fault at any of these words is ignored, as Linux: clone still succeeds.
 *
 * The child gets no SEM_UNDO records of its parent's; with CLONE_SYSVSEM
 * the two share one list, applied when the last of them exits
 * (copy_semundo, ipc/sem.c).
 */
#include "fs/fdtable.h"
#include "ipc/sem.h"
#include "kernel/errno.h"
#include "kernel/nsproxy.h"
#include "kernel/panic.h"
#include "kernel/exit.h"
#include "kernel/itimer.h"
#include "kernel/pid.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/syscalls.h"
#include "kernel/wait.h"
#include "lib/string.h"
#include "mm/kstack.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

/*
 * task_structs come from a cache of their own (Linux's task_struct_cachep):
 * at about 5 KiB, kmalloc would give each two whole pages.
 */
static struct kmem_cache *task_struct_cachep;

/*
 * fork_init - make the task_struct cache.
 *
 * Context: boot, after kmem_cache_init(), before the first kthread.
 */
void fork_init(void)
{
	task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					       __alignof__(struct task_struct));
	if (!task_struct_cachep)
		panic("fork_init: no task_struct cache");
}

/*
 * alloc_task_struct - memory for one task_struct (not zeroed).
 *
 * Context: process context. Return: it, or NULL when memory runs out.
 */
struct task_struct *alloc_task_struct(void)
{
	return kmem_cache_alloc(task_struct_cachep, GFP_KERNEL);
}

/* free_task_struct - give back a task_struct. Context: any. */
void free_task_struct(struct task_struct *p)
{
	kmem_cache_free(task_struct_cachep, p);
}

#define CSIGNAL                 0x000000ff
#define CLONE_VM                0x00000100
#define CLONE_VFORK             0x00004000
#define CLONE_THREAD            0x00010000
#define CLONE_SETTLS            0x00080000
#define CLONE_PARENT_SETTID     0x00100000
#define CLONE_CHILD_CLEARTID    0x00200000
#define CLONE_CHILD_SETTID      0x01000000
#define CLONE_PTRACE            0x00002000
#define CLONE_DETACHED          0x00400000
#define CLONE_UNTRACED          0x00800000
#define CLONE_IO                0x80000000UL
#define SIGCHLD                 17

/*
 * The clone flags keyhole has. CLONE_SETTLS gives the child its own FS
 * base (arch_prctl(ARCH_SET_FS) in the child, as Linux; -EPERM above user
 * space). The others (threads, shared descriptor tables, directories or
 * signal handlers, other namespaces, pidfds, a parent other than the caller) are -EINVAL rather
 * than silently not done. CLONE_PTRACE, CLONE_UNTRACED, CLONE_DETACHED and
 * CLONE_IO mean nothing without ptrace and I/O scheduling, and are
 * ignored.
 */
#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_SYSVSEM | CLONE_NEWIPC |     \
			 CLONE_PTRACE | CLONE_DETACHED | CLONE_UNTRACED | CLONE_IO |          \
			 CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |    \
			 CLONE_SETTLS)

/* The frame __switch_to_asm pops: RBX = 0 sends ret_from_fork to user mode. */
struct fork_frame {
	unsigned long r15, r14, r13, r12, rbx, rbp;
	unsigned long ret_addr;
};

static void copy_thread_user(struct task_struct *p, const struct pt_regs *regs)
{
	unsigned long top = (unsigned long)p->stack + KSTACK_SIZE;
	struct pt_regs *child_regs = (struct pt_regs *)(top - sizeof(struct pt_regs));
	struct fork_frame *frame = (struct fork_frame *)child_regs - 1;

	*child_regs = *regs;
	child_regs->rax = 0;            /* fork() returns 0 in the child */
	memset(frame, 0, sizeof(*frame));
	frame->ret_addr = (unsigned long)ret_from_fork;
	p->thread.rsp = (unsigned long)frame;
	p->thread.rsp0 = top;
}


/*
 * The vfork parent sleeps until its child execs or exits (mm_release sets
 * vfork->done), or until a SIGKILL: the wait is killable, as Linux's
 * wait_for_vfork_done, so a parent whose child is stopped for good (by
 * SIGSTOP, say) can still be killed. A killed parent takes vfork_done
 * back from the child first, with interrupts off, where mm_release cannot
 * be half way (one CPU): the child must not write into this stack frame
 * once the parent has left it. Drops the reference do_fork took on child.
 */
static void wait_for_vfork_done(struct task_struct *child, struct vfork_done *vfork)
{
	unsigned long flags;

	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);        /* SIGKILL wakes it too */
		if (READ_ONCE(vfork->done) || fatal_signal_pending(current))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	local_irq_save(flags);
	if (!vfork->done)
		child->vfork_done = NULL;
	local_irq_restore(flags);
	put_task_struct(child);
}
/*
 * do_fork - create a child of the current process. parent_tid and
 * child_tid are user pointers, used only with the CLONE_*TID flags; tls
 * only with CLONE_SETTLS.
 *
 * Context: a system call of a user process.
 * Return: the child's pid, -EINVAL for unsupported flags, -EPERM for a
 * TLS base outside user space, -ENOMEM.
 */
long do_fork(unsigned long clone_flags, unsigned long newsp, int *parent_tid, int *child_tid,
	     unsigned long tls, struct pt_regs *regs)
{
	struct task_struct *parent = current, *p;
	struct vfork_done vfork = { .done = false, .parent = current };
	unsigned long flags;
	pid_t pid;

	if ((clone_flags & CLONE_THREAD) ||
	    ((clone_flags & CLONE_VM) && !(clone_flags & CLONE_VFORK)))
		return -EINVAL;
	if ((clone_flags & CLONE_NEWIPC) && parent->euid != 0)
		return -EPERM;                  /* CAP_SYS_ADMIN */
	if ((clone_flags & CLONE_SETTLS) && tls >= TASK_SIZE)
		return -EPERM;                  /* as ARCH_SET_FS */
	/* A new namespace cannot share undo records made in the old one. */
	if ((clone_flags & (CLONE_NEWIPC | CLONE_SYSVSEM)) == (CLONE_NEWIPC | CLONE_SYSVSEM))
		return -EINVAL;
	p = alloc_task_struct();
	if (!p)
		return -ENOMEM;
	__asm__ __volatile__("fxsave %0" : "=m"(parent->fpu));  /* the live registers */
	*p = *parent;
	p->stack = kstack_alloc();
	if (!p->stack)
		goto out_free_task;
	if (clone_flags & CLONE_VM) {
		p->mm = parent->mm;             /* vfork: the same address space */
		mmget(p->mm);
	} else {
		p->mm = dup_mm(parent->mm);
		if (!p->mm)
			goto out_free_stack;
	}
	p->files = parent->files ? dup_files(parent->files) : NULL;
	if (parent->files && !p->files)
		goto out_put_mm;
	p->fs = parent->fs ? dup_fs(parent->fs) : NULL;
	if (parent->fs && !p->fs)
		goto out_put_files;

	refcount_set(&p->usage, 2);     /* its own, and its parent's for wait4 */
	p->pids[PIDTYPE_PID] = alloc_pid();
	if (!p->pids[PIDTYPE_PID])
		goto out_put_fs;
	p->pid = p->tgid = p->pids[PIDTYPE_PID]->nr;
	p->state = TASK_UNINTERRUPTIBLE;
	p->flags &= ~PF_KTHREAD;
	p->flags |= PF_FORKNOEXEC;
	p->preempt_count = 1;           /* the run-queue lock, as every new task */
	p->need_resched = false;
	p->nvcsw = p->nivcsw = 0;
	p->min_flt = p->maj_flt = p->cmin_flt = p->cmaj_flt = 0;
	p->maxrss = p->cmaxrss = 0;
	p->start_time = ktime_get_ns();
	p->pending.signal = 0;
	p->signal_flags = 0;                    /* not stopped, nothing to report */
	p->group_exit_code = 0;
	p->exit_state = 0;
	p->exit_code = 0;
	p->pdeath_signal = 0;                   /* as Linux: not inherited */
	p->set_child_tid = (clone_flags & CLONE_CHILD_SETTID) ? child_tid : NULL;
	p->clear_child_tid = (clone_flags & CLONE_CHILD_CLEARTID) ? child_tid : NULL;
	itimers_fork(p);                        /* timers are not inherited */
	if (clone_flags & CLONE_NEWIPC) {
		p->nsproxy = create_new_namespaces(clone_flags, parent->nsproxy);
		if (!p->nsproxy)
			goto out_free_pid;
	} else {
		get_nsproxy(p->nsproxy);        /* the parent's namespaces */
	}
	if (copy_semundo(clone_flags, p))       /* none, or shared: CLONE_SYSVSEM */
		goto out_put_ns;
	INIT_LIST_HEAD(&p->sysvshm.shm_clist);  /* segments it creates itself */
	p->it_real_incr = 0;
	INIT_LIST_HEAD(&p->children);
	init_waitqueue_head(&p->wait_chldexit);
	p->vfork_done = (clone_flags & CLONE_VFORK) ? &vfork : NULL;
	copy_thread_user(p, regs);
	if (clone_flags & CLONE_SETTLS)
		p->thread.fsbase = tls;         /* loaded as it is switched in */
	if (newsp)
		task_pt_regs(p)->rsp = newsp;

	INIT_LIST_HEAD(&p->run_list);

	/* Findable from here on: by pid, in its parent's group and session. */
	spin_lock_irqsave(&tasklist_lock, flags);
	p->parent = parent;
	list_add_tail(&p->sibling, &parent->children);
	p->pids[PIDTYPE_PGID] = parent->pids[PIDTYPE_PGID];  /* as they are now */
	p->pids[PIDTYPE_SID] = parent->pids[PIDTYPE_SID];
	p->tty = parent->tty;           /* the session's terminal, as its sid */
	hash_task(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	pid = p->pid;                   /* p may be gone once it runs */
	if (clone_flags & CLONE_PARENT_SETTID)
		(void)put_user(pid, parent_tid);        /* a fault is ignored, as Linux */
	if (clone_flags & CLONE_VFORK)
		get_task_struct(p);     /* to take back vfork_done if killed */
	wake_up_process(p);
	if (clone_flags & CLONE_VFORK)
		wait_for_vfork_done(p, &vfork);
	return pid;

out_put_ns:
	put_nsproxy(p->nsproxy);
out_free_pid:
	free_pid(p->pids[PIDTYPE_PID]);
out_put_fs:
	if (p->fs)
		put_fs(p->fs);
out_put_files:
	if (p->files)
		put_files(p->files);
out_put_mm:
	if (clone_flags & CLONE_VM)
		atomic_dec(&p->mm->mm_users);   /* the parent still holds one */
	else
		mmput(p->mm);
out_free_stack:
	kstack_free(p->stack);
out_free_task:
	free_task_struct(p);
	return -ENOMEM;
}

/*
 * mm_release - p is done with its address space mm (it execs or exits):
 * clear its tid word if another task still uses mm, and let a vforked
 * parent go on.
 *
 * The tid word (clear_child_tid, set by set_tid_address or
 * CLONE_CHILD_CLEARTID) gets 0 only when mm lives on after p: nobody could
 * read it otherwise (Linux's rule). Linux also wakes a futex waiter at that
 * word (threads joining); keyhole has no futex yet, so nobody sleeps there.
 * mm must still be p's loaded address space: the store goes through it.
 *
 * vd lives on the parent's kernel stack, and the parent may be awake
 * already (a SIGKILL ends its wait: wait_for_vfork_done, which then takes
 * vfork_done back). Once done is set it may return from do_fork and reuse
 * that stack, so vd->parent may not be read after the store: reading
 * vfork_done, the store and the wake-up all happen with interrupts off,
 * where the parent cannot run (one CPU; SMP needs a lock here, as
 * Linux's complete()).
 */
void mm_release(struct task_struct *p, struct mm_struct *mm)
{
	struct vfork_done *vd;
	unsigned long flags;

	if (p->clear_child_tid) {
		if (mm && atomic_read(&mm->mm_users) > 1)
			(void)put_user(0, p->clear_child_tid);  /* a fault is ignored */
		p->clear_child_tid = NULL;
	}
	local_irq_save(flags);
	vd = p->vfork_done;             /* NULL too if a killed parent took it back */
	p->vfork_done = NULL;
	if (vd) {
		WRITE_ONCE(vd->done, true);
		wake_up_process(vd->parent);
	}
	local_irq_restore(flags);
}

/* The saved user registers of the calling system call (writable). */
static struct pt_regs *syscall_regs(void)
{
	return task_pt_regs(current);
}

SYSCALL_DEFINE0(fork)
{
	return do_fork(SIGCHLD, 0, NULL, NULL, 0, syscall_regs());
}

SYSCALL_DEFINE0(vfork)
{
	return do_fork(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, NULL, NULL, 0, syscall_regs());
}

SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp, int *, parent_tid,
		int *, child_tid, unsigned long, tls)
{
	clone_flags &= 0xffffffffUL;    /* as Linux: the upper half is not looked at */
	if (clone_flags & ~CLONE_SUPPORTED)
		return -EINVAL;
	if ((clone_flags & CSIGNAL) != SIGCHLD)
		return -EINVAL;
	return do_fork(clone_flags, newsp, parent_tid, child_tid, tls, syscall_regs());
}
