/*
 * signal.c - sending and delivering signals, and their system calls.
 *
 * Sending (send_signal): unless the signal would be ignored (SIG_IGN, or
 * SIG_DFL for a signal whose default is to ignore, and not blocked), set
 * its bit in the target's pending set, remember its siginfo, and wake the
 * target if it sleeps interruptibly, so that its system call returns
 * -ERESTARTSYS/-EINTR and it goes back towards user mode.
 *
 * Delivering (exit_to_user_mode): every return to user mode takes the
 * pending, unblocked signals, lowest number first, each frame on top of
 * the last (so the handler of the highest runs first, as Linux):
 *	SIG_IGN                  dropped
 *	SIG_DFL                  its default: terminate (core dumps are not
 *	                         written: terminate), ignore, or stop
 *	a handler                setup_rt_frame() builds Linux's rt_sigframe
 *	                         on the user stack and points the saved
 *	                         registers at the handler; rt_sigreturn undoes it
 *
 * A system call interrupted by a signal returned -ERESTARTSYS,
 * -ERESTARTNOHAND or -ERESTARTNOINTR. Before the handler runs it becomes
 * -EINTR, or the call is restarted (RIP back over the SYSCALL instruction,
 * RAX the call number again) if the handler has SA_RESTART (for
 * -ERESTARTSYS); with no handler, it is always restarted. This is
 * Linux's handle_signal()/restart logic.
 *
 * The frame (x86_64, as Linux): at the new RSP the return address (the
 * sa_restorer, which calls rt_sigreturn), then a ucontext (flags, link,
 * stack, sigcontext with every register, the signal mask) and a siginfo;
 * above, the 512-byte fxsave area that sigcontext.fpstate points at.
 *
 * Job control (Linux's prepare_signal, do_signal_stop, kill_orphaned_pgrp).
 * A process is one task here, so the "thread group" that stops is the
 * task itself:
 *	- sending a stop signal (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) discards
 *	  a pending SIGCONT; sending SIGCONT discards pending stop signals
 *	  and, if the task is stopped, continues it (even if SIGCONT itself
 *	  is ignored or blocked): SIGNAL_STOP_CONTINUED for wait, and
 *	  SIGNAL_CLD_CONTINUED, which the task turns into its parent's
 *	  SIGCHLD (CLD_CONTINUED) once it runs;
 *	- a stop signal delivered with SIG_DFL stops the task (do_signal_stop):
 *	  SIGNAL_STOP_STOPPED and the signal in group_exit_code for wait,
 *	  SIGCHLD (CLD_STOPPED) to the parent unless it set SA_NOCLDSTOP,
 *	  then TASK_STOPPED until SIGCONT or SIGKILL wakes it. SIGTSTP,
 *	  SIGTTIN and SIGTTOU are discarded instead in an orphaned process
 *	  group (no member has a parent in another group of the session:
 *	  nobody is left to continue it);
 *	- wait4/waitid report a stop and a continue once each
 *	  (wait_take_stopped, wait_take_continued);
 *	- a process group that becomes orphaned while a member is stopped
 *	  gets SIGHUP then SIGCONT (kill_orphaned_pgrp, from exit).
 *
 * Permission (kill_ok): a user may signal its own processes, root any;
 * init gets only the signals it has handlers for (init_unkillable).
 *
 * Locking: siglock (irqsave) guards every task's pending set, siginfo and
 * actions against a sender in an interrupt handler (Ctrl-C, timers), and
 * init_unkillable. kill() to a group or to -1 walks its tasks under
 * tasklist_lock (kernel/pid.h), which nests outside siglock. A target found by pid is held by a reference from the
 * lookup to the last use (find_get_task_by_pid, put_task_struct: sched.h,
 * "Lifetime"), so it cannot be reaped and freed under the sender.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/desc.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/exit.h"
#include "kernel/panic.h"
#include "kernel/pid.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/wait.h"
#include "lib/string.h"
#include "mm/uaccess.h"

static DEFINE_SPINLOCK(siglock);

/*
 * init (pid 1) is SIGNAL_UNKILLABLE, as in Linux: a signal whose action is
 * SIG_DFL is dropped for it, from whoever it comes (root's kill(1,
 * SIGKILL) too: SIGKILL and SIGSTOP have no other action), so only
 * signals init has handlers for reach it. The exception is a fault init
 * itself causes: force_sig() clears the flag and the signal kills it
 * (and the kernel panics: "Attempted to kill init!"). Linux keeps the
 * flag in init's signal_struct; there is one init, so here it is one
 * bool. Guarded by siglock.
 */
static bool init_unkillable = true;

/* Whether p is init and still protected. Caller holds siglock. */
static bool sig_unkillable(struct task_struct *p)
{
	return init_unkillable && is_global_init(p);
}

#define UNBLOCKABLE     (sigmask(SIGKILL) | sigmask(SIGSTOP))
#define IGNORED_BY_DEFAULT \
	(sigmask(SIGCHLD) | sigmask(SIGURG) | sigmask(SIGWINCH) | sigmask(SIGCONT))
#define STOP_SIGNALS \
	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))

static bool sig_valid(int sig)
{
	return sig >= 1 && sig <= _NSIG;
}

/* Whether sig, sent to p, would have no effect at all. Caller holds siglock. */
static bool sig_ignored(struct task_struct *p, int sig)
{
	void *handler = p->action[sig - 1].sa_handler;

	if (p->blocked & sigmask(sig))
		return false;           /* it may be unblocked with a handler later */
	if (handler == SIG_IGN)
		return true;
	if (handler == SIG_DFL && sig_unkillable(p))
		return true;
	return handler == SIG_DFL && (sigmask(sig) & IGNORED_BY_DEFAULT);
}

/*
 * The side effects of sending sig to p, whether or not p then ignores it
 * (Linux's prepare_signal): stop and continue signals cancel each other,
 * and SIGCONT continues a stopped task. Caller holds siglock. Out of
 * line: the sender of any other signal only tests the mask.
 */
static __attribute__((noinline)) void prepare_signal(struct task_struct *p, int sig)
{
	if (sigmask(sig) & STOP_SIGNALS) {
		p->pending.signal &= ~sigmask(SIGCONT);
	} else if (sig == SIGCONT) {
		p->pending.signal &= ~STOP_SIGNALS;
		if (p->signal_flags & SIGNAL_STOP_STOPPED) {
			p->signal_flags = SIGNAL_STOP_CONTINUED | SIGNAL_CLD_CONTINUED;
			p->group_exit_code = 0;
		}
	}
}

/*
 * Make sig pending for p with info (NULL: sent by the kernel), unless p
 * ignores it or has it pending already. Caller holds siglock; sig is valid.
 */
static void __send_signal_locked(struct task_struct *p, int sig, const struct ksiginfo *info)
{
	struct ksiginfo_slot *slot;

	if (unlikely(sigmask(sig) & (STOP_SIGNALS | sigmask(SIGCONT))))
		prepare_signal(p, sig);
	if (sig_ignored(p, sig) || (p->pending.signal & sigmask(sig)))
		return;
	slot = &p->siginfo[sig - 1];
	slot->code = info ? info->si_code : SI_KERNEL;
	slot->pid = info ? info->si_pid : 0;
	slot->uid = info ? info->si_uid : 0;
	slot->status = info ? info->si_status : 0;
	slot->addr = info ? info->si_addr : 0;
	p->pending.signal |= sigmask(sig);
}

/* After sig was sent to p (siglock dropped): wake p if it has a signal to
 * take; SIGKILL wakes an uninterruptible sleep and a stopped task too
 * (any other signal waits while p is stopped, as Linux's wants_signal).
 * SIGCONT wakes a stopped task (prepare_signal cleared its stop) whether
 * or not anything is left pending. */
static void signal_wake_up(struct task_struct *p, int sig)
{
	if (sig == SIGCONT)
		try_to_wake_up(p, TASK_STOPPED);
	if (signal_pending(p))
		try_to_wake_up(p, sig == SIGKILL ? TASK_NORMAL | TASK_STOPPED : TASK_INTERRUPTIBLE);
}

/*
 * send_signal - make sig pending for p with info (NULL: sent by the kernel).
 *
 * Context: any, interrupt handlers included. p is current, or the caller
 * holds a reference to it (or a lock that keeps it alive: sched.h).
 * Return: 0 (also when the signal is ignored), -EINVAL for a bad number.
 */
int send_signal(struct task_struct *p, int sig, const struct ksiginfo *info)
{
	unsigned long flags;

	if (!sig_valid(sig))
		return -EINVAL;
	spin_lock_irqsave(&siglock, flags);
	__send_signal_locked(p, sig, info);
	spin_unlock_irqrestore(&siglock, flags);
	signal_wake_up(p, sig);
	return 0;
}

/*
 * force_sig - the current task caused a fault: deliver sig even if it is
 * blocked or ignored (then it kills, as Linux's force_sig_info does).
 */
void force_sig(int sig, unsigned long addr, int code)
{
	struct task_struct *p = current;
	struct ksiginfo info = { .si_signo = sig, .si_code = code, .si_addr = addr };
	unsigned long flags;

	spin_lock_irqsave(&siglock, flags);
	if (p->action[sig - 1].sa_handler == SIG_IGN || (p->blocked & sigmask(sig))) {
		p->action[sig - 1].sa_handler = SIG_DFL;
		p->blocked &= ~sigmask(sig);
	}
	if (p->action[sig - 1].sa_handler == SIG_DFL && is_global_init(p))
		init_unkillable = false;        /* init faulted: it dies of it */
	spin_unlock_irqrestore(&siglock, flags);
	send_signal(p, sig, &info);
}

/*
 * flush_signal_handlers - exec: handlers go back to SIG_DFL, SIG_IGN stays.
 * Under siglock, as every change of the actions (a sender in an interrupt
 * handler reads them).
 */
void flush_signal_handlers(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&siglock, flags);
	for (int i = 0; i < _NSIG; i++) {
		if (p->action[i].sa_handler != SIG_IGN)
			p->action[i].sa_handler = SIG_DFL;
		p->action[i].sa_flags = 0;
		p->action[i].sa_restorer = NULL;
		p->action[i].sa_mask = 0;
	}
	spin_unlock_irqrestore(&siglock, flags);
}

/* The kernel's struct ucontext and sigcontext for x86_64. */
struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;
	u64 reserved1[8];
};

struct ucontext {
	u64 uc_flags;
	u64 uc_link;
	struct {
		u64 ss_sp;
		s32 ss_flags;
		s32 pad;
		u64 ss_size;
	} uc_stack;
	struct sigcontext_64 uc_mcontext;
	u64 uc_sigmask;
};

/* The user-visible siginfo_t (128 bytes), with the fields keyhole sets. */
struct user_siginfo {
	s32 si_signo, si_errno, si_code, pad;
	union {
		struct {
			s32 pid;
			u32 uid;
			s32 status;
		} kill;
		u64 addr;
		u8 bytes[112];
	};
};

struct rt_sigframe {
	u64 pretcode;
	struct ucontext uc;
	struct user_siginfo info;
};

_Static_assert(sizeof(struct sigcontext_64) == 256, "sigcontext layout");
_Static_assert(sizeof(struct user_siginfo) == 128, "siginfo layout");
_Static_assert(offsetof(struct rt_sigframe, info) == 312, "rt_sigframe layout");

/*
 * The alternate signal stack (sigaltstack): a handler installed with
 * SA_ONSTACK runs on it, unless the task is on it already (then the frame
 * goes below the current RSP, as any nested handler). "On it" is the user
 * RSP inside (sp, sp + size], as Linux; with SS_AUTODISARM the stack is
 * forgotten as a handler enters it (and set again by its sigreturn), so
 * the task never counts as on it.
 */
#define SS_ONSTACK      1
#define SS_DISABLE      2
#define SS_AUTODISARM   (1U << 31)
#define SS_FLAG_BITS    SS_AUTODISARM
#define MINSIGSTKSZ     2048

struct user_stack_t {
	u64 ss_sp;
	s32 ss_flags;
	s32 pad;
	u64 ss_size;
};

static bool __on_sig_stack(unsigned long sp)
{
	return sp > current->sas_ss_sp && sp - current->sas_ss_sp <= current->sas_ss_size;
}

static bool on_sig_stack(unsigned long sp)
{
	if (current->sas_ss_flags & SS_AUTODISARM)
		return false;
	return __on_sig_stack(sp);
}

static int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/* sas_ss_reset - no alternate signal stack (SS_AUTODISARM at delivery). Context: any. */
void sas_ss_reset(struct task_struct *p)
{
	p->sas_ss_sp = 0;
	p->sas_ss_size = 0;
	p->sas_ss_flags = SS_DISABLE;
}

/* Linux's do_sigaltstack, for the task at user RSP sp. */
static int do_sigaltstack(const struct user_stack_t *ss, struct user_stack_t *oss, unsigned long sp)
{
	struct task_struct *t = current;

	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) | (int)(t->sas_ss_flags & SS_FLAG_BITS);
	}
	if (ss) {
		unsigned int mode = (unsigned int)ss->ss_flags & ~SS_FLAG_BITS;

		if (on_sig_stack(sp))
			return -EPERM;          /* not while a handler runs on it */
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			t->sas_ss_sp = 0;
			t->sas_ss_size = 0;
		} else {
			if (ss->ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			t->sas_ss_sp = ss->ss_sp;
			t->sas_ss_size = ss->ss_size;
		}
		t->sas_ss_flags = (unsigned int)ss->ss_flags;
	}
	return 0;
}

SYSCALL_DEFINE2(sigaltstack, const struct user_stack_t *, uss, struct user_stack_t *, uoss)
{
	struct user_stack_t new, old;
	int err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL, task_pt_regs(current)->rsp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;          /* as Linux: the new stack is set all the same */
	return err;
}

/*
 * get_sigframe_size - the most stack a signal frame takes (AT_MINSIGSTKSZ):
 * setup_rt_frame's fxsave area aligned down to 64 bytes, then the frame
 * aligned down to 16 and the 8 of the return address, as Linux's figure
 * (the frame, the FPU state and their worst paddings, rounded to 16).
 * Context: any. Return: bytes.
 */
unsigned long get_sigframe_size(void)
{
	return ALIGN_UP(sizeof(struct fpu_state) + 63 + sizeof(struct rt_sigframe) + 15 + 8, 16);
}

/* RFLAGS bits a signal handler (or sigreturn) may change: as Linux's FIX_EFLAGS. */
#define FIX_EFLAGS      0x40dd5UL       /* AC OF DF TF SF ZF AF PF CF RF */

static int setup_rt_frame(int sig, struct k_sigaction *ka, const struct ksiginfo_slot *slot,
			  sigset_t oldmask, struct pt_regs *regs)
{
	unsigned long sp = regs->rsp - 128;     /* skip the red zone */
	struct rt_sigframe frame;
	unsigned long fpstate;
	bool altstack = on_sig_stack(sp);       /* nested on it already */

	if (!(ka->sa_flags & SA_RESTORER))
		return -EFAULT;                 /* x86_64 has no default restorer */
	if ((ka->sa_flags & SA_ONSTACK) && sas_ss_flags(sp) == 0) {
		sp = current->sas_ss_sp + current->sas_ss_size;
		altstack = true;
	}
	sp = ALIGN_DOWN(sp - sizeof(struct fpu_state), 64);
	fpstate = sp;
	__asm__ __volatile__("fxsave %0" : "=m"(current->fpu));
	if (copy_to_user((void *)fpstate, &current->fpu, sizeof(struct fpu_state)))
		return -EFAULT;
	sp = ALIGN_DOWN(sp - sizeof(frame), 16) - 8;    /* as if `call handler` */
	if (altstack && !__on_sig_stack(sp))
		return -EFAULT;                 /* the frame overflows the alternate stack */

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = (u64)ka->sa_restorer;
	struct sigcontext_64 *sc = &frame.uc.uc_mcontext;
	sc->r8 = regs->r8;
	sc->r9 = regs->r9;
	sc->r10 = regs->r10;
	sc->r11 = regs->r11;
	sc->r12 = regs->r12;
	sc->r13 = regs->r13;
	sc->r14 = regs->r14;
	sc->r15 = regs->r15;
	sc->di = regs->rdi;
	sc->si = regs->rsi;
	sc->bp = regs->rbp;
	sc->bx = regs->rbx;
	sc->dx = regs->rdx;
	sc->ax = regs->rax;
	sc->cx = regs->rcx;
	sc->sp = regs->rsp;
	sc->ip = regs->rip;
	sc->flags = regs->rflags;
	sc->cs = (u16)regs->cs;
	sc->ss = (u16)regs->ss;
	sc->trapno = regs->vector < 32 ? regs->vector : 0;
	sc->err = regs->vector < 32 ? regs->error_code : 0;
	sc->cr2 = slot->addr;
	sc->oldmask = oldmask;
	sc->fpstate = fpstate;
	frame.uc.uc_sigmask = oldmask;
	frame.uc.uc_stack.ss_sp = current->sas_ss_sp;   /* for sigreturn to set again */
	frame.uc.uc_stack.ss_flags = (s32)current->sas_ss_flags;
	frame.uc.uc_stack.ss_size = current->sas_ss_size;
	frame.info.si_signo = sig;
	frame.info.si_code = slot->code;
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE) {
		frame.info.addr = slot->addr;
	} else {
		frame.info.kill.pid = slot->pid;
		frame.info.kill.uid = slot->uid;
		frame.info.kill.status = slot->status;
	}
	if (copy_to_user((void *)sp, &frame, sizeof(frame)))
		return -EFAULT;

	if (current->sas_ss_flags & SS_AUTODISARM)
		sas_ss_reset(current);          /* until the handler's sigreturn */
	struct rt_sigframe *uframe = (struct rt_sigframe *)sp;
	regs->rdi = (u64)sig;
	regs->rsi = (u64)&uframe->info;
	regs->rdx = (u64)&uframe->uc;
	regs->rax = 0;
	regs->rsp = sp;
	regs->rip = (u64)ka->sa_handler;
	regs->rflags &= ~(X86_EFLAGS_DF | X86_EFLAGS_TF);
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	/* The handler starts with a clean FPU/SSE state, as in Linux. */
	current->fpu = fpu_init_state;
	__asm__ __volatile__("fxrstor %0" : : "m"(current->fpu));
	return 0;
}

/* What an interrupted system call returns once a handler runs. */
static void fixup_syscall_restart(struct pt_regs *regs, struct k_sigaction *ka)
{
	if (regs->vector != SYSCALL_VECTOR)
		return;
	switch ((long)regs->rax) {
	case -ERESTARTNOHAND:
		regs->rax = (u64)-EINTR;
		break;
	case -ERESTARTSYS:
		if (!(ka->sa_flags & SA_RESTART)) {
			regs->rax = (u64)-EINTR;
			break;
		}
		/* fall through */
	case -ERESTARTNOINTR:
		regs->rax = regs->error_code;   /* the call number again */
		regs->rip -= 2;                 /* back over SYSCALL (0f 05) */
		break;
	}
}

/* Dequeue the lowest pending unblocked signal. Return: it, or 0. */
static int dequeue_signal(struct task_struct *p, struct ksiginfo_slot *slot)
{
	unsigned long flags;
	int sig = 0;

	spin_lock_irqsave(&siglock, flags);
	sigset_t ready = p->pending.signal & ~p->blocked;
	if (ready) {
		sig = __builtin_ctzll(ready) + 1;
		p->pending.signal &= ~sigmask(sig);
		*slot = p->siginfo[sig - 1];
	}
	spin_unlock_irqrestore(&siglock, flags);
	return sig;
}

/*
 * Tell p's parent that p stopped (CLD_STOPPED, with the stop signal) or
 * continued (CLD_CONTINUED): SIGCHLD unless the parent ignores it or set
 * SA_NOCLDSTOP, and a wake-up of its wait4/waitid (Linux's
 * do_notify_parent_cldstop).
 */
static void do_notify_parent_cldstop(struct task_struct *p, int why, int sig)
{
	struct ksiginfo info = {
		.si_signo = SIGCHLD, .si_code = why, .si_pid = p->pid, .si_uid = p->uid,
		.si_status = why == CLD_CONTINUED ? SIGCONT : sig,
	};
	struct task_struct *parent;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	parent = p->parent;
	if (parent && parent != &init_task) {
		struct k_sigaction *ka = &parent->action[SIGCHLD - 1];

		spin_lock(&siglock);
		if (ka->sa_handler != SIG_IGN && !(ka->sa_flags & SA_NOCLDSTOP))
			__send_signal_locked(parent, SIGCHLD, &info);
		spin_unlock(&siglock);
		signal_wake_up(parent, SIGCHLD);
		wake_up_all(&parent->wait_chldexit);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * Stop the current task for stop signal sig, until SIGCONT or SIGKILL
 * (Linux's do_signal_stop, for a one-task group). Interrupts on.
 */
static void do_signal_stop(int sig)
{
	struct task_struct *p = current;
	unsigned long flags;

	spin_lock_irqsave(&siglock, flags);
	if (p->pending.signal & sigmask(SIGKILL)) {
		spin_unlock_irqrestore(&siglock, flags);
		return;
	}
	p->signal_flags = SIGNAL_STOP_STOPPED;
	p->group_exit_code = sig;
	spin_unlock_irqrestore(&siglock, flags);
	do_notify_parent_cldstop(p, CLD_STOPPED, sig);
	for (;;) {
		spin_lock_irqsave(&siglock, flags);
		if (!(p->signal_flags & SIGNAL_STOP_STOPPED) ||
		    (p->pending.signal & sigmask(SIGKILL))) {
			spin_unlock_irqrestore(&siglock, flags);
			break;
		}
		set_current_state(TASK_STOPPED);        /* SIGCONT clears the flag, then wakes */
		spin_unlock_irqrestore(&siglock, flags);
		schedule();
	}
}

/* A SIGCONT continued us: tell the parent, once (Linux's get_signal). */
static void notify_continued(struct task_struct *p)
{
	unsigned long flags;
	bool owed;

	spin_lock_irqsave(&siglock, flags);
	owed = p->signal_flags & SIGNAL_CLD_CONTINUED;
	p->signal_flags &= ~SIGNAL_CLD_CONTINUED;
	spin_unlock_irqrestore(&siglock, flags);
	if (owed)
		do_notify_parent_cldstop(p, CLD_CONTINUED, SIGCONT);
}

/*
 * wait_take_stopped - for wait(WUNTRACED/WSTOPPED): if p is stopped and
 * its stop was not reported yet, store the stop signal in *sig and, unless
 * nowait (WNOWAIT), mark it reported.
 *
 * Context: the caller holds tasklist_lock (p is its child).
 * Return: whether there was a stop to report.
 */
bool wait_take_stopped(struct task_struct *p, bool nowait, int *sig)
{
	bool ret = false;

	spin_lock(&siglock);
	if ((p->signal_flags & SIGNAL_STOP_STOPPED) && p->group_exit_code) {
		*sig = p->group_exit_code;
		if (!nowait)
			p->group_exit_code = 0;
		ret = true;
	}
	spin_unlock(&siglock);
	return ret;
}

/*
 * wait_take_continued - for wait(WCONTINUED): whether p was continued and
 * that was not reported yet; unless nowait, mark it reported.
 *
 * Context: the caller holds tasklist_lock (p is its child).
 */
bool wait_take_continued(struct task_struct *p, bool nowait)
{
	bool ret;

	spin_lock(&siglock);
	ret = p->signal_flags & SIGNAL_STOP_CONTINUED;
	if (ret && !nowait)
		p->signal_flags &= ~SIGNAL_STOP_CONTINUED;
	spin_unlock(&siglock);
	return ret;
}

/*
 * Whether process group pgrp is (or, without ignored, becomes) orphaned:
 * no member but ignored has a parent in another group of the same
 * session (POSIX; Linux's will_become_orphaned_pgrp). Init as a parent
 * does not count. Caller holds tasklist_lock.
 */
static bool will_become_orphaned_pgrp(struct pid *pgrp, struct task_struct *ignored)
{
	struct task_struct *p, *parent;

	for_each_pid_task(p, pgrp, PIDTYPE_PGID) {
		parent = p->parent;
		if (p == ignored || p->exit_state || !parent || parent == &init_task ||
		    is_global_init(parent))
			continue;
		if (parent->pids[PIDTYPE_PGID] != pgrp && parent->sid == p->sid)
			return false;
	}
	return true;
}

/*
 * is_current_pgrp_orphaned - whether the caller's process group is
 * orphaned (a stop signal from the terminal then has no effect).
 *
 * Context: process context, no lock held.
 */
bool is_current_pgrp_orphaned(void)
{
	unsigned long flags;
	bool ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	ret = will_become_orphaned_pgrp(current->pids[PIDTYPE_PGID], NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* Whether a member of pgrp is stopped. Caller holds tasklist_lock. */
static bool has_stopped_jobs(struct pid *pgrp)
{
	struct task_struct *p;
	bool ret = false;

	spin_lock(&siglock);
	for_each_pid_task(p, pgrp, PIDTYPE_PGID)
		if (p->signal_flags & SIGNAL_STOP_STOPPED)
			ret = true;
	spin_unlock(&siglock);
	return ret;
}

/*
 * kill_orphaned_pgrp - POSIX: a process group that becomes orphaned with
 * a stopped member gets SIGHUP then SIGCONT. tsk is exiting (parent
 * NULL: its own group may lose its link outside), or is a child of the
 * exiting parent, just given to init (its group may lose its link).
 *
 * Context: the caller holds tasklist_lock (Linux's kill_orphaned_pgrp).
 */
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	struct pid *pgrp = tsk->pids[PIDTYPE_PGID];
	struct task_struct *ignored = tsk;

	if (!parent)
		parent = tsk->parent;   /* exit: we may have been the link */
	else
		ignored = NULL;         /* reparent: our child may have been it */
	if (!parent || !pgrp)
		return;
	if (parent->pids[PIDTYPE_PGID] != pgrp && parent->sid == tsk->sid &&
	    will_become_orphaned_pgrp(pgrp, ignored) && has_stopped_jobs(pgrp)) {
		kill_pgrp_locked(pgrp, SIGHUP);
		kill_pgrp_locked(pgrp, SIGCONT);
	}
}

static void exit_to_user_mode_loop(struct pt_regs *regs);

/*
 * exit_to_user_mode - the last thing before any return to user mode: run
 * a switch owed to the timer, then deliver pending signals.
 *
 * Context: interrupts on or off; regs are the user registers about to be
 * restored. May not return (a fatal signal).
 */
void exit_to_user_mode(struct pt_regs *regs)
{
	struct task_struct *p = current;
	long ret = (long)regs->rax;

	/*
	 * Nearly always there is nothing to do: no switch owed, no signal
	 * pending and unblocked, no mask to restore, no call to restart.
	 * Checked with interrupts off, and they stay off until user mode: a
	 * signal sent or a switch asked for after the check comes from an
	 * interrupt, whose own return to user mode comes back here (one
	 * CPU; a second one would send an interrupt to kick this one).
	 */
	local_irq_disable();
	if (likely(!p->need_resched && !(p->pending.signal & ~p->blocked) &&
		   !p->restore_sigmask && (ret < -ERESTARTNOHAND || ret > -ERESTARTSYS)))
		return;
	exit_to_user_mode_loop(regs);
}

/* exit_to_user_mode's work, when there is some (apart, so that the check
 * above saves and restores no registers). Interrupts off. */
static __attribute__((noinline)) void exit_to_user_mode_loop(struct pt_regs *regs)
{
	struct task_struct *p = current;
	struct ksiginfo_slot slot;
	bool handled = false;
	int sig;

	local_irq_enable();
	if (p->need_resched)
		schedule();
	while ((sig = dequeue_signal(p, &slot))) {
		struct k_sigaction *ka = &p->action[sig - 1];
		sigset_t oldmask = p->restore_sigmask ? p->saved_sigmask : p->blocked;

		if (ka->sa_handler == SIG_IGN)
			continue;
		if (ka->sa_handler == SIG_DFL) {
			if (sigmask(sig) & IGNORED_BY_DEFAULT)
				continue;
			if (READ_ONCE(init_unkillable) && is_global_init(p))
				continue;       /* sent while blocked: init drops it now */
			if (sigmask(sig) & STOP_SIGNALS) {
				/* From the terminal, to an orphaned group: discarded. */
				if (sig == SIGSTOP || !is_current_pgrp_orphaned())
					do_signal_stop(sig);
				notify_continued(p);
				continue;
			}
			do_exit(sig);           /* terminate; no core files */
		}
		fixup_syscall_restart(regs, ka);
		if (setup_rt_frame(sig, ka, &slot, oldmask, regs)) {
			do_exit(SIGSEGV);       /* no stack for the frame: as Linux, SIGSEGV */
		}
		p->restore_sigmask = false;
		p->blocked |= ka->sa_mask;
		if (!(ka->sa_flags & SA_NODEFER))
			p->blocked |= sigmask(sig);
		p->blocked &= ~UNBLOCKABLE;
		if (ka->sa_flags & SA_RESETHAND)
			ka->sa_handler = SIG_DFL;
		/* And the next one, on top: every pending signal gets its
		 * frame now, so the last one set up (the highest number)
		 * runs first and returns into the one below, as Linux's
		 * exit_to_user_mode_loop does while signals are pending. */
		handled = true;
	}
	if (handled) {
		local_irq_disable();
		return;
	}
	/* No handler ran: interrupted calls restart (or give up their mask). */
	if (regs->vector == SYSCALL_VECTOR) {
		long r = (long)regs->rax;

		BUILD_BUG_ON(ERESTARTSYS > ERESTARTNOINTR || ERESTARTNOINTR > ERESTARTNOHAND);
		if (r == -ERESTARTSYS || r == -ERESTARTNOHAND || r == -ERESTARTNOINTR) {
			regs->rax = regs->error_code;
			regs->rip -= 2;
		}
	}
	if (p->restore_sigmask) {
		p->blocked = p->saved_sigmask;
		p->restore_sigmask = false;
	}
	local_irq_disable();
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe *frame = (struct rt_sigframe *)(regs->rsp - 8);
	struct ucontext uc;

	if (copy_from_user(&uc, &frame->uc, sizeof(uc)))
		goto badframe;
	struct sigcontext_64 *sc = &uc.uc_mcontext;
	if (sc->ip >= TASK_SIZE || sc->sp >= TASK_SIZE)
		goto badframe;                  /* a non-canonical RIP would fault iretq */
	regs->r8 = sc->r8;
	regs->r9 = sc->r9;
	regs->r10 = sc->r10;
	regs->r11 = sc->r11;
	regs->r12 = sc->r12;
	regs->r13 = sc->r13;
	regs->r14 = sc->r14;
	regs->r15 = sc->r15;
	regs->rdi = sc->di;
	regs->rsi = sc->si;
	regs->rbp = sc->bp;
	regs->rbx = sc->bx;
	regs->rdx = sc->dx;
	regs->rcx = sc->cx;
	regs->rsp = sc->sp;
	regs->rip = sc->ip;
	regs->rflags = (regs->rflags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS) | X86_EFLAGS_IF;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->vector = 0;                       /* not a system call to restart */
	if (sc->fpstate) {
		struct fpu_state fpu;

		if (copy_from_user(&fpu, (void *)sc->fpstate, sizeof(fpu)))
			goto badframe;
		*(u32 *)&fpu.fxsave[24] &= 0xffbf;      /* MXCSR: no reserved bits */
		current->fpu = fpu;
		__asm__ __volatile__("fxrstor %0" : : "m"(current->fpu));
	}
	current->blocked = uc.uc_sigmask & ~UNBLOCKABLE;
	/* The alternate stack as it was when the signal came, from the
	 * interrupted RSP: EPERM (still on it) and the rest are ignored, as
	 * Linux's restore_altstack. */
	struct user_stack_t ss = { .ss_sp = uc.uc_stack.ss_sp, .ss_flags = uc.uc_stack.ss_flags,
				   .ss_size = uc.uc_stack.ss_size };
	(void)do_sigaltstack(&ss, NULL, regs->rsp);
	return (long)sc->ax;

badframe:
	do_exit(SIGSEGV);
}

#define SIG_BLOCK       0
#define SIG_UNBLOCK     1
#define SIG_SETMASK     2

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct k_sigaction *, act,
		struct k_sigaction *, oact, size_t, sigsetsize)
{
	struct k_sigaction new, old;
	unsigned long flags;

	if (sigsetsize != sizeof(sigset_t) || !sig_valid(sig))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	spin_lock_irqsave(&siglock, flags);
	old = current->action[sig - 1];
	if (act) {
		new.sa_mask &= ~UNBLOCKABLE;
		current->action[sig - 1] = new;
		/* Setting SIG_IGN (or a default of ignore) discards it if pending. */
		if (sig_ignored(current, sig))
			current->pending.signal &= ~sigmask(sig);
	}
	spin_unlock_irqrestore(&siglock, flags);
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const sigset_t *, set, sigset_t *, oset,
		size_t, sigsetsize)
{
	sigset_t old = current->blocked, new;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, sizeof(new)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			new = old | new;
			break;
		case SIG_UNBLOCK:
			new = old & ~new;
			break;
		case SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
		current->blocked = new & ~UNBLOCKABLE;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, sigset_t *, uset, size_t, sigsetsize)
{
	sigset_t pending = current->pending.signal & current->blocked;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user(uset, &pending, sigsetsize) ? -EFAULT : 0;
}

/* Sleep until a signal is pending. Return: -ERESTARTNOHAND, as Linux. */
static long sleep_until_signal(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(current))
			schedule();
		set_current_state(TASK_RUNNING);
	}
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigsuspend, const sigset_t *, unewset, size_t, sigsetsize)
{
	sigset_t newset;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&newset, unewset, sizeof(newset)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = newset & ~UNBLOCKABLE;
	return sleep_until_signal();
}

SYSCALL_DEFINE0(pause)
{
	return sleep_until_signal();
}

/*
 * May the current task send sig to p (Linux's check_kill_permission)?
 * Itself always; else its real or effective uid must be p's real or saved
 * uid, or it has CAP_KILL; SIGCONT may also go to any process of the
 * caller's session.
 */
static inline bool kill_ok(struct task_struct *p, int sig)
{
	struct task_struct *c = current;

	if (p == c || capable(CAP_KILL))
		return true;
	if (c->euid == p->suid || c->euid == p->uid || c->uid == p->suid || c->uid == p->uid)
		return true;
	return sig == SIGCONT && p->sid == c->sid;
}

static int send_from_user(struct task_struct *p, int sig, int code)
{
	struct ksiginfo info = {
		.si_signo = sig, .si_code = code, .si_pid = current->pid, .si_uid = current->uid,
	};

	if (!kill_ok(p, sig))
		return -EPERM;
	return sig ? send_signal(p, sig, &info) : 0;
}

/* Whether p is a user process that kill() can reach. */
static bool killable(struct task_struct *p)
{
	return !(p->flags & PF_KTHREAD) && p->exit_state != EXIT_ZOMBIE && p != &init_task;
}

/* kill() to one process p, a zombie included: a zombie exists until it is
 * reaped, so it counts as reached (0, or -EPERM), as in Linux, though
 * nothing is delivered. Signal 0 only checks. may_kill_all: the caller
 * has CAP_KILL (checked once for a whole group or -1). */
static inline int kill_one(struct task_struct *p, int sig, bool may_kill_all)
{
	if (!may_kill_all && !kill_ok(p, sig))
		return -EPERM;
	if (!sig || p->exit_state == EXIT_ZOMBIE)
		return 0;
	struct ksiginfo info = {
		.si_signo = sig, .si_code = SI_USER, .si_pid = current->pid, .si_uid = current->uid,
	};
	return send_signal(p, sig, &info);
}

/*
 * kill() to the members of group pgrp: one pass under siglock makes sig
 * pending wherever it may go, then one pass wakes the members that have a
 * signal to take (a wake-up takes the run-queue lock, which is not taken
 * inside siglock). So a member costs a few dozen instructions, not a lock
 * round trip each. Zombies count as reached; signal 0 stops at the first
 * member reached (the answer is 0 then, and nothing later can change it),
 * where Linux goes on to the end. Caller holds tasklist_lock (interrupts
 * off). Return: 0 if a member was reached, else -EPERM, or -ESRCH when
 * the group has none.
 */
static int kill_members(struct pid *pgrp, int sig, bool may_kill_all)
{
	struct ksiginfo info = {
		.si_signo = sig, .si_code = SI_USER, .si_pid = current->pid, .si_uid = current->uid,
	};
	struct task_struct *p;
	int ret = -ESRCH;

	spin_lock(&siglock);
	for_each_pid_task(p, pgrp, PIDTYPE_PGID) {
		if (!may_kill_all && !kill_ok(p, sig)) {
			if (ret)
				ret = -EPERM;
			continue;
		}
		ret = 0;
		if (!sig)
			break;
		if (p->exit_state != EXIT_ZOMBIE)
			__send_signal_locked(p, sig, &info);
	}
	spin_unlock(&siglock);
	if (sig && !ret) {
		for_each_pid_task(p, pgrp, PIDTYPE_PGID)
			if (p->exit_state != EXIT_ZOMBIE)
				signal_wake_up(p, sig);
	}
	return ret;
}

/*
 * kill_pid - kill(2) semantics: pid > 0 that process, 0 the caller's
 * process group, -1 every process but init and the caller, < -1 the
 * process group -pid.
 *
 * Return: 0 if at least one process got it, -ESRCH if none matched,
 * -EPERM if none could be signalled, -EINVAL for a bad signal.
 */
int kill_pid(pid_t pid, int sig)
{
	struct task_struct *p;
	int ret = -ESRCH, err;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid == -__INT_MAX__ - 1)
		return -ESRCH;          /* -pid would overflow, as Linux */
	if (pid > 0) {
		p = find_get_task_by_pid(pid);
		if (!p)
			return -ESRCH;
		if ((p->flags & PF_KTHREAD) || p == &init_task)
			ret = -ESRCH;
		else
			ret = kill_one(p, sig, false);
		put_task_struct(p);
		return ret;
	}
	/*
	 * A group: its own list, members only (Linux's __kill_pgrp_info);
	 * -1: one walk over all tasks (Linux's for_each_process). Both under
	 * tasklist_lock, so no member joins, leaves or is reaped meanwhile;
	 * send_signal's locks nest inside it. Zombies count as reached.
	 * Signal 0 delivers nothing, so its walk stops as soon as the answer
	 * is known: at the first process reached (the answer is 0 then, and
	 * nothing later can change it), where Linux goes on to the end.
	 */
	bool may_kill_all = capable(CAP_KILL);
	int count = 0, retval = 0;
	unsigned long flags;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid == -1) {
		for_each_process(p) {
			if ((p->flags & PF_KTHREAD) || p->pid == 1 || p == current)
				continue;
			err = kill_one(p, sig, may_kill_all);
			count++;
			if (err != -EPERM)
				retval = err;
			if (!sig)
				break;  /* counted: 0 whatever the rest say */
		}
	} else {
		struct pid *pgrp = find_pid(pid == 0 ? current->pgid : -pid);

		if (pgrp)
			ret = kill_members(pgrp, sig, may_kill_all);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	/* As Linux: a group gets 0 if one member got it, else the last error;
	 * -1 gets 0 unless an error other than EPERM came (or nobody was
	 * there), so an unprivileged kill(-1, sig) "succeeds". */
	if (pid == -1)
		return count ? retval : -ESRCH;
	return ret;
}

/*
 * kill_pgrp_from_kernel - send sig to every process in group pgrp, as the
 * terminal does for Ctrl-C. No permission check: the kernel sends it.
 *
 * Context: any (the console's interrupt handler).
 */
void kill_pgrp_from_kernel(pid_t pgrp, int sig)
{
	unsigned long flags;
	struct pid *pid;

	spin_lock_irqsave(&tasklist_lock, flags);
	pid = find_pid(pgrp);
	if (pid)
		kill_pgrp_locked(pid, sig);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * kill_pgrp_locked - as kill_pgrp_from_kernel, for a group the caller
 * holds. Context: the caller holds tasklist_lock. Return: 0, or -ESRCH
 * for a group with no member to signal.
 */
int kill_pgrp_locked(struct pid *pgrp, int sig)
{
	struct task_struct *p;
	int ret = -ESRCH;

	for_each_pid_task(p, pgrp, PIDTYPE_PGID) {
		if (killable(p)) {
			send_signal(p, sig, NULL);
			ret = 0;
		}
	}
	return ret;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	return kill_pid(pid, sig);
}

/* tkill (tgid 0) and tgkill: thread tid, checked to be in tgid. */
static int tgkill_common(pid_t tgid, pid_t tid, int sig)
{
	struct task_struct *p = find_get_task_by_pid(tid);
	int ret = -ESRCH;

	if (!p)
		return -ESRCH;
	if (killable(p) && (!tgid || p->tgid == tgid))
		ret = send_from_user(p, sig, SI_TKILL);
	put_task_struct(p);
	return ret;
}

SYSCALL_DEFINE2(tkill, pid_t, tid, int, sig)
{
	if (tid <= 0)
		return -EINVAL;
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	return tgkill_common(0, tid, sig);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, tid, int, sig)
{
	if (tid <= 0 || tgid <= 0)
		return -EINVAL;
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	return tgkill_common(tgid, tid, sig);
}
