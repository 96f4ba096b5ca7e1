/*
 * signal.h - signals, the seeds' task_struct/sigpending picture reduced to
 * one thread per process.
 *
 * Each task has:
 *	pending.signal   a set of signals sent and not yet delivered
 *	                 (bit n-1 for signal n), with one siginfo each
 *	blocked          signals held back (SIGKILL and SIGSTOP never are)
 *	action[]         what to do for each: SIG_DFL, SIG_IGN or a handler,
 *	                 with sa_flags and sa_mask (Linux's k_sigaction)
 *
 * A signal is delivered when its task goes back to user mode
 * (exit_to_user_mode, kernel/signal.c).
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/sched.h"

#define _NSIG           64

#define SIGHUP           1
#define SIGINT           2
#define SIGQUIT          3
#define SIGILL           4
#define SIGTRAP          5
#define SIGABRT          6
#define SIGBUS           7
#define SIGFPE           8
#define SIGKILL          9
#define SIGUSR1         10
#define SIGSEGV         11
#define SIGUSR2         12
#define SIGPIPE         13
#define SIGALRM         14
#define SIGTERM         15
#define SIGSTKFLT       16
#define SIGCHLD         17
#define SIGCONT         18
#define SIGSTOP         19
#define SIGTSTP         20
#define SIGTTIN         21
#define SIGTTOU         22
#define SIGURG          23
#define SIGXCPU         24
#define SIGXFSZ         25
#define SIGVTALRM       26
#define SIGPROF         27
#define SIGWINCH        28
#define SIGIO           29
#define SIGPWR          30
#define SIGSYS          31

#define SIG_DFL         ((void *)0)
#define SIG_IGN         ((void *)1)

#define SA_NOCLDSTOP    0x00000001
#define SA_NOCLDWAIT    0x00000002
#define SA_SIGINFO      0x00000004
#define SA_RESTORER     0x04000000
#define SA_ONSTACK      0x08000000
#define SA_RESTART      0x10000000
#define SA_NODEFER      0x40000000
#define SA_RESETHAND    0x80000000

/* si_code values */
#define SI_USER         0
#define SI_KERNEL       0x80
#define SI_TKILL        (-6)
#define SEGV_MAPERR     1
#define SEGV_ACCERR     2
#define BUS_ADRERR      2               /* SIGBUS: a file mapping's page past the end of the file */
#define CLD_EXITED      1
#define CLD_KILLED      2
#define CLD_DUMPED      3
#define CLD_STOPPED     5
#define CLD_CONTINUED   6

/* task_struct.signal_flags: Linux's signal_struct flags for job control. */
#define SIGNAL_STOP_STOPPED     0x00000001      /* stopped; wait may report it */
#define SIGNAL_STOP_CONTINUED   0x00000002      /* continued; wait may report it */
#define SIGNAL_CLD_CONTINUED    0x00000020      /* the parent is owed CLD_CONTINUED */

#define sigmask(sig)    (1ULL << ((sig) - 1))

/* What the sender tells the receiver (the fields of siginfo keyhole fills). */
struct ksiginfo {
	int si_signo, si_code;
	int si_pid;
	u32 si_uid;
	int si_status;                  /* SIGCHLD */
	unsigned long si_addr;          /* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
};

static inline bool signal_pending(struct task_struct *p)
{
	return (READ_ONCE(p->pending.signal) & ~p->blocked) != 0;
}

/*
 * fatal_signal_pending - p has a SIGKILL coming: it will never run user
 * code again, so a long loop in the kernel on its behalf may stop early.
 */
static inline bool fatal_signal_pending(struct task_struct *p)
{
	return (READ_ONCE(p->pending.signal) & sigmask(SIGKILL)) != 0;
}

int send_signal(struct task_struct *p, int sig, const struct ksiginfo *info);
int kill_pid(pid_t pid, int sig);
void kill_pgrp_from_kernel(pid_t pgrp, int sig);
void force_sig(int sig, unsigned long addr, int code);
void exit_to_user_mode(struct pt_regs *regs);
void flush_signal_handlers(struct task_struct *p);
void sas_ss_reset(struct task_struct *p);
unsigned long get_sigframe_size(void);
bool wait_take_stopped(struct task_struct *p, bool nowait, int *sig);
bool wait_take_continued(struct task_struct *p, bool nowait);
bool is_current_pgrp_orphaned(void);
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent);
int kill_pgrp_locked(struct pid *pgrp, int sig);

#endif /* KERNEL_SIGNAL_H */
