/*
 * sched.h - tasks and the scheduler: struct task_struct, `current`, the
 * task states and the calls that sleep and wake.
 *
 * Every thread of execution is a task: the boot CPU's idle task (pid 0,
 * init_task, running on the boot stack), kernel threads, and, from the
 * next step on, user processes. Each has its own kernel stack (mm/kstack.c)
 * and saves its registers there when it stops running (switch_to()).
 *
 * States, with Linux's names and meanings:
 *	TASK_RUNNING          on the run queue, or running now (current)
 *	TASK_INTERRUPTIBLE    asleep; a wake-up or a signal makes it runnable
 *	TASK_UNINTERRUPTIBLE  asleep; only a wake-up does
 *	TASK_STOPPED          stopped by a stop signal (job control): only
 *	                      SIGCONT or SIGKILL wakes it (kernel/signal.c)
 *	TASK_DEAD             finished; its stack is freed by whoever runs next
 *
 * Lifetime of a task_struct (Linux's task_struct.usage):
 *
 *	- All tasks but the idle task are on one list (task_struct.tasks)
 *	  and under their pid, group and session (kernel/pid.h), all
 *	  guarded by tasklist_lock (kernel/exit.c). find_get_task_by_pid()
 *	  and find_get_task_by_pid_from() look a pid up under that lock and
 *	  return the task with a reference taken (get_task_struct), so the
 *	  pointer stays valid after the lock is dropped, preempted or not.
 *	  for_each_process() and for_each_pid_task() hand out pointers
 *	  valid only while the caller holds the lock. There is no other way
 *	  to find a task by pid or by walking the list.
 *	- usage counts the references. A task starts with one for itself,
 *	  dropped by whoever runs after it died (finish_task_switch, which
 *	  also frees its kernel stack), and a user task one more, for its
 *	  parent's wait4, dropped when it is reaped (release_task: after it
 *	  is off the list). Every lookup adds one; put_task_struct() drops
 *	  one, and the last one frees the task_struct. One of the first two
 *	  is held for as long as the task is on the list, so a lookup never
 *	  revives a task at 0.
 *	- Who may keep a pointer without a reference: the task itself
 *	  (current); its children's ->parent, which exit_notify() moves to
 *	  init before the parent can die, and which wait4 clears when it
 *	  reaps the child (tasklist_lock, kernel/exit.c: read another task's
 *	  ->parent under that lock); a sleeper's own entries
 *	  on wait queues and IPC queues, which it takes off before it exits;
 *	  a vforked child's vfork_done->parent, asleep until the child lets
 *	  it go; a segment's shm_creator and a mutex's owner, only compared,
 *	  and cleared before the task ends. Anybody else takes a reference.
 *	- A reference keeps the task_struct, not what the task owns: a dead
 *	  or zombie task's stack, mm, files and fs are gone (NULL), so a
 *	  holder reads the struct's own fields only.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "arch/x86_64/ptrace.h"
#include "kernel/resource.h"
#include "kernel/timer.h"
#include "kernel/wait_types.h"
#include "lib/list.h"
#include "lib/refcount.h"
#include "lib/types.h"

#define TASK_RUNNING            0x0000
#define TASK_INTERRUPTIBLE      0x0001
#define TASK_UNINTERRUPTIBLE    0x0002
#define TASK_STOPPED            0x0004
#define TASK_DEAD               0x0080

#define PF_EXITING              0x00000004      /* in do_exit: its memory is going away */
#define PF_KTHREAD              0x00200000      /* a kernel thread (until it execs) */

#define PF_FORKNOEXEC           0x00000040      /* forked, has not exec'd (setpgid's EACCES) */

#define EXIT_ZOMBIE             0x0020  /* exit_state: dead, waiting for wait4 */

/* The ways a task uses a number (kernel/pid.h). */
enum pid_type { PIDTYPE_PID, PIDTYPE_PGID, PIDTYPE_SID, PIDTYPE_MAX };

#define TASK_COMM_LEN   16
#define SCHED_TIMESLICE 5               /* ticks a task runs before others get a turn */

struct mm_struct;
struct files_struct;
struct fs_struct;
struct nsproxy;
struct sem_undo_list;
struct pid;
struct tty_struct;
typedef int pid_t;
typedef u64 sigset_t;                   /* bit n-1 stands for signal n */

struct sigpending {
	sigset_t signal;
};

/* One signal's disposition, as rt_sigaction passes it (Linux's layout). */
struct k_sigaction {
	void *sa_handler;               /* SIG_DFL, SIG_IGN or a user function */
	unsigned long sa_flags;
	void *sa_restorer;              /* user code that calls rt_sigreturn */
	sigset_t sa_mask;
};

struct ksiginfo;

/* A vforked parent waits until its child execs or exits (kernel/fork.c). */
struct vfork_done {
	bool done;
	struct task_struct *parent;
};

/* The registers a task keeps while it is switched out (switch.asm). */
struct thread_struct {
	unsigned long rsp;              /* kernel stack pointer at switch_to() */
	unsigned long rsp0;             /* top of the kernel stack, for the TSS */
	unsigned long fsbase;           /* user TLS pointer (arch_prctl ARCH_SET_FS) */
};

/* The x87/SSE registers of a user task, as fxsave stores them. */
struct fpu_state {
	u8 fxsave[512];
} __attribute__((aligned(16)));

extern struct fpu_state fpu_init_state;

/* Which CPU time a CPU interval timer counts (task_struct.it[]). */
enum { CPUCLOCK_PROF, CPUCLOCK_VIRT, CPUCLOCK_MAX };

struct task_struct {
	/* First, as struct task_preempt in kernel/preempt.h says. */
	int preempt_count;              /* > 0: must not be switched out involuntarily */
	bool need_resched;              /* the timer says: give others a turn */
	volatile long state;            /* TASK_* */
	refcount_t usage;               /* references: see "Lifetime" above */
	unsigned int flags;             /* PF_* */
	pid_t pid;
	char comm[TASK_COMM_LEN];       /* a name for ps and for oopses */
	int time_slice;                 /* ticks left of this turn */
	u64 nvcsw, nivcsw;              /* voluntary, involuntary context switches */

	struct thread_struct thread;
	struct fpu_state fpu;           /* saved while switched out (user tasks) */
	void *stack;                    /* the kernel stack's lowest address */
	struct mm_struct *mm;           /* user address space; NULL for kernel threads */
	struct files_struct *files;     /* open file descriptors (fs/fdtable.c) */
	struct fs_struct *fs;           /* root and current directory */
	struct nsproxy *nsproxy;        /* namespaces (kernel/nsproxy.h) */
	struct sysv_sem {
		struct sem_undo_list *undo_list;        /* SEM_UNDO records (issue 5) */
	} sysvsem;
	struct sysv_shm {
		struct list_head shm_clist;     /* System V segments it created (issue 4) */
	} sysvshm;
	unsigned short fs_umask;        /* umask(2) */
	struct rlimit64 rlim[RLIM_NLIMITS];     /* resource limits (kernel/resource.h) */

	/* signals (kernel/signal.h) */
	struct sigpending pending;      /* sent, not delivered yet */
	sigset_t blocked;               /* held back while set */
	sigset_t saved_sigmask;         /* rt_sigsuspend: the mask to go back to */
	bool restore_sigmask;
	struct k_sigaction action[64];  /* action[n-1] for signal n */
	/* Job control (kernel/signal.c), guarded by siglock: SIGNAL_* flags
	 * (Linux keeps them in signal_struct; here a process is one task)
	 * and the stop signal not yet reported to wait (0 once it was). */
	unsigned int signal_flags;
	int group_exit_code;
	struct ksiginfo_slot {
		int code, pid, status;
		u32 uid;
		unsigned long addr;
	} siginfo[64];                  /* what came with each pending signal */
	/* Guarded by tasklist_lock (kernel/pid.h): writes, and reads of others'. */
	pid_t pgid, sid;                /* process group and session; 0 for kernel threads */
	struct tty_struct *tty;         /* controlling terminal (fs/tty.c), NULL: none */
	struct pid *pids[PIDTYPE_MAX];                  /* pid, pgid, sid as objects */
	struct hlist_node pid_links[PIDTYPE_MAX];       /* on pids[type]->tasks[type] */

	/* kernel threads */
	int (*kthread_fn)(void *);
	void *kthread_arg;

	/* Process tree, guarded by tasklist_lock (kernel/exit.c). */
	pid_t tgid;                     /* = pid: one thread per process */
	struct task_struct *parent;     /* NULL for kernel threads: nobody waits */
	struct list_head children;
	struct list_head sibling;       /* on parent->children */
	int exit_state;                 /* EXIT_ZOMBIE once dead, until reaped */
	int exit_code;                  /* wait status: code << 8, or the signal */
	struct wait_queue_head wait_chldexit;   /* where this task waits for children */
	/* sigaltstack(): the alternate signal stack; only the task itself
	 * changes or reads it (kernel/signal.c), so no lock. */
	unsigned long sas_ss_sp;
	unsigned long sas_ss_size;              /* 0: none */
	unsigned int sas_ss_flags;              /* as set: SS_DISABLE, SS_AUTODISARM */
	int pdeath_signal;              /* prctl(PR_SET_PDEATHSIG): sent when the parent exits */
	unsigned int personality;       /* personality(2): kept across fork and exec */
	int *set_child_tid;             /* CLONE_CHILD_SETTID: the child writes its pid here */
	int *clear_child_tid;           /* set_tid_address(), CLONE_CHILD_CLEARTID; user pointer */
	struct vfork_done *vfork_done;  /* vfork child: the parent waiting for exec/exit */

	/* Credentials (the IPC permission checks use them). */
	u32 uid, euid, suid, fsuid;
	u32 gid, egid, sgid, fsgid;
	int ngroups;
	u32 groups[32];

	/* Interval timers and CPU time (kernel/itimer.c, its Locking). */
	struct hrtimer real_timer;      /* ITIMER_REAL, alarm(): SIGALRM */
	u64 it_real_incr;               /* ns between SIGALRMs; 0: once */
	u64 utime, stime;               /* CPU time in user, kernel mode (ns) */
	u64 cutime, cstime;             /* of its reaped children, theirs included */
	/* Page faults it took (all minor: no disk), and those of its reaped
	 * children (getrusage, /proc/<pid>/stat); written by the task itself
	 * and by wait4 in its parent. */
	unsigned long min_flt, maj_flt, cmin_flt, cmaj_flt;
	u64 start_time;                 /* when it was forked: ns since boot */
	/* The most pages it held, sampled (mm/rss.c), and the most any reaped
	 * child or its children held: getrusage's ru_maxrss. */
	unsigned long maxrss, cmaxrss;
	struct cpu_itimer {
		u64 expires;            /* fire at this much CPU time; 0: off */
		u64 incr;               /* then again after this much more */
	} it[CPUCLOCK_MAX];             /* ITIMER_VIRTUAL, ITIMER_PROF */
	void *robust_list;              /* set_robust_list(); unused by the kernel */

	struct list_head run_list;      /* on the run queue: run-queue lock (sched.c) */
	struct list_head tasks;         /* on the list of all tasks: tasklist_lock */
};

extern struct task_struct init_task;
extern struct task_struct *current_task;

static inline struct task_struct *get_current(void)
{
	return current_task;
}
#define current get_current()

/* rlimit - the task's soft limit on resource res (RLIMIT_*). */
static inline u64 rlimit(unsigned int res)
{
	return current->rlim[res].rlim_cur;
}

void sched_init(void);
void schedule(void);
void scheduler_tick(void);
void preempt_schedule_irq(void);
bool wake_up_process(struct task_struct *p);
bool try_to_wake_up(struct task_struct *p, long state_mask);
void yield(void);
unsigned long nr_running(void);
extern u64 nr_context_switches;

/* pid.c: lookups that hand back a reference (see "Lifetime"). */
struct task_struct *find_get_task_by_pid(pid_t pid);
struct task_struct *find_get_task_by_pid_from(pid_t pid);

static inline void set_current_state(long state)
{
	/* A full barrier after the store, as Linux's smp_store_mb: the
	 * sleeper's look at its condition comes after its wait queue entry
	 * is visible, which __wake_up's lockless look at the queue needs. */
	__atomic_exchange_n(&current->state, state, __ATOMIC_SEQ_CST);
}

void __put_task_struct(struct task_struct *p);

/* get_task_struct - one more reference to p; the caller holds one, or the
 * run-queue lock with p on the task list. */
static inline struct task_struct *get_task_struct(struct task_struct *p)
{
	refcount_inc(&p->usage);
	return p;
}

/* put_task_struct - drop a reference; the last one frees p.
 * Context: any (interrupt handlers included). */
static inline void put_task_struct(struct task_struct *p)
{
	if (refcount_dec_and_test(&p->usage))
		__put_task_struct(p);
}

/* kthread.c */
struct task_struct *kthread_create(int (*fn)(void *), void *arg, const char *name);
struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name);

/* fork.c: task_structs come from a cache of their own */
void fork_init(void);
struct task_struct *alloc_task_struct(void);
void free_task_struct(struct task_struct *p);

/* exit.c, fork.c */
__noreturn void do_exit(int code);
long do_fork(unsigned long clone_flags, unsigned long newsp, int *parent_tid, int *child_tid,
	     unsigned long tls, struct pt_regs *regs);
void mm_release(struct task_struct *p, struct mm_struct *mm);

/* The user registers saved at the top of a task's kernel stack. */
static inline struct pt_regs *task_pt_regs(struct task_struct *p)
{
	return (struct pt_regs *)(p->thread.rsp0 - sizeof(struct pt_regs));
}

/* switch.asm */
struct task_struct *__switch_to_asm(struct task_struct *prev, struct task_struct *next);
void ret_from_fork(void);

#endif /* KERNEL_SCHED_H */
