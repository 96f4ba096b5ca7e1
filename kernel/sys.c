/*
 * sys.c - small system calls about the process and the machine: ids,
 * time, TLS, yield, reboot (uname is in utsname.c). (The interval timers and alarm are
 * in itimer.c.)
 *
 * Credentials: init starts as root; fork copies them, and the set*id
 * calls change them with Linux's rules (root may do anything, others may
 * only switch among the ids they have).

 */
#include "arch/x86_64/cpu.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/preempt.h"
#include "kernel/printk.h"
#include "kernel/exit.h"
#include "kernel/loadavg.h"
#include "kernel/pid.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/timer.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "fs/fdtable.h"
#include "fs/shmem.h"
#include "lib/string.h"
#include "mm/page_alloc.h"
#include "mm/uaccess.h"

SYSCALL_DEFINE0(getpid)
{
	return current->pid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE0(getuid)
{
	return current->uid;
}

SYSCALL_DEFINE0(geteuid)
{
	return current->euid;
}

SYSCALL_DEFINE0(getgid)
{
	return current->gid;
}

SYSCALL_DEFINE0(getegid)
{
	return current->egid;
}

SYSCALL_DEFINE0(sched_yield)
{
	yield();
	return 0;
}

#define CLOCK_REALTIME          0
#define CLOCK_MONOTONIC         1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_REALTIME_COARSE   5
#define CLOCK_MONOTONIC_COARSE  6

struct kernel_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

SYSCALL_DEFINE2(clock_gettime, int, which, struct kernel_timespec *, tp)
{
	struct kernel_timespec ts;
	u64 ns;

	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ns = ktime_get_real_ns();
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_COARSE:
		ns = ktime_get_ns();
		break;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:   /* one thread per process */
		ns = current->utime + current->stime;   /* as exact as the tick */
		break;
	default:
		return -EINVAL;
	}
	ts.tv_sec = (s64)(ns / NSEC_PER_SEC);
	ts.tv_nsec = (s64)(ns % NSEC_PER_SEC);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, addr)
{
	switch (option) {
	case ARCH_SET_FS:
		if (addr >= TASK_SIZE)
			return -EPERM;          /* as Linux: a non-user address */
		current->thread.fsbase = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->thread.fsbase, (unsigned long *)addr);
	default:
		return -EINVAL;
	}
}

/*
 * personality - the execution domain and its flags, as Linux's
 * ksys_personality: 0xffffffff asks, any other value is taken; the old
 * one is returned. keyhole has only Linux's own domain and no address
 * randomization, so the flags (ADDR_NO_RANDOMIZE ...) change nothing but
 * what this call says; fork and exec keep them, as Linux (except that a
 * set-ID exec clears the unsafe ones: PER_CLEAR_ON_SETID).
 */
SYSCALL_DEFINE1(personality, unsigned int, persona)
{
	unsigned int old = current->personality;

	if (persona != 0xffffffff)
		current->personality = persona;
	return old;
}

SYSCALL_DEFINE1(set_tid_address, int *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

#define PR_SET_PDEATHSIG        1
#define PR_GET_PDEATHSIG        2
#define PR_SET_NAME             15
#define PR_GET_NAME             16
#define _NSIG                   64

/*
 * prctl - the few options keyhole has: the task's name (comm, what ps
 * shows) and the signal it gets when its parent dies (exit_notify,
 * kernel/exit.c). Every other option is -EINVAL, as Linux answers one it
 * does not know.
 */
SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3, unsigned long, arg4,
		unsigned long, arg5)
{
	char comm[TASK_COMM_LEN];

	(void)arg3;
	(void)arg4;
	(void)arg5;
	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		current->pdeath_signal = (int)arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeath_signal, (int *)arg2);
	case PR_SET_NAME:
		/* At most 15 bytes, always terminated; longer names are cut. */
		memset(comm, 0, sizeof(comm));
		if (strncpy_from_user(comm, (const char *)arg2, sizeof(comm) - 1) < 0)
			return -EFAULT;
		preempt_disable();              /* nobody reads half a name */
		memcpy(current->comm, comm, sizeof(comm));
		preempt_enable();
		return 0;
	case PR_GET_NAME:
		memcpy(comm, current->comm, sizeof(comm));
		comm[sizeof(comm) - 1] = 0;
		return copy_to_user((char *)arg2, comm, sizeof(comm)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

/*
 * rseq - restartable sequences are not supported: -ENOSYS, what Linux
 * built without CONFIG_RSEQ answers, and what glibc takes to mean "run
 * without rseq" (it then sets __rseq_size to 0). Registered here so that
 * glibc's start-up does not log the unknown-call message (syscall.c).
 */
SYSCALL_DEFINE4(rseq, void *, rseq, u32, rseq_len, int, flags, u32, sig)
{
	(void)rseq;
	(void)rseq_len;
	(void)flags;
	(void)sig;
	return -ENOSYS;
}

#define LINUX_REBOOT_MAGIC1             0xfee1dead
#define LINUX_REBOOT_MAGIC2             672274793
#define LINUX_REBOOT_CMD_POWER_OFF      0x4321fedc
#define LINUX_REBOOT_CMD_HALT           0xcdef0123

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void *, arg)
{
	/* Linux's order: CAP_SYS_BOOT before the magic numbers. */
	if (!capable(CAP_SYS_BOOT))
		return -EPERM;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		/* Linux ignores arg here; keyhole's init passes its exit
		 * status in it, and the log line carries it out of QEMU
		 * (tools/run-prog reads it). */
		printk(KERN_NOTICE "reboot: Power down (status %ld)\n", (long)arg);
		qemu_exit(QEMU_EXIT_PASS);
	case LINUX_REBOOT_CMD_HALT:
		printk(KERN_NOTICE "reboot: System halted\n");
		machine_halt();
	default:
		return -EINVAL;
	}
}

/* Process groups and sessions (kernel/pid.h). Locking: tasklist_lock for
 * pgid/sid and the groups' lists. A task named by pid is held by a
 * reference (sched.h, "Lifetime"). */

/* The task pid names for these calls (0: the caller), with a reference;
 * NULL if there is none or it is a kernel thread. */
static struct task_struct *get_pid_task(pid_t pid)
{
	struct task_struct *p = find_get_task_by_pid(pid ? pid : current->pid);

	if (p && (p->flags & PF_KTHREAD)) {
		put_task_struct(p);
		return NULL;
	}
	return p;
}

/* Whether process group pgrp exists (has a member) in session sid.
 * Caller holds tasklist_lock. */
static bool pgrp_in_session(pid_t pgrp, pid_t sid)
{
	struct task_struct *g = pid_task(find_pid(pgrp), PIDTYPE_PGID);

	return g && g->sid == sid;
}

SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	struct task_struct *p;
	unsigned long flags;
	int ret = 0;

	if (pgid < 0)
		return -EINVAL;
	p = get_pid_task(pid);
	if (!p)
		return -ESRCH;
	if (!pgid)
		pgid = p->pid;
	/* Linux's checks, in its order. The group joined must exist in our
	 * session (a new one is only ever numbered by its leader's pid), so
	 * a group never straddles two sessions. */
	spin_lock_irqsave(&tasklist_lock, flags);
	if (p != current && p->parent != current)
		ret = -ESRCH;
	else if (p != current && p->sid != current->sid)
		ret = -EPERM;
	else if (p != current && !(p->flags & PF_FORKNOEXEC))
		ret = -EACCES;          /* a child that has exec'd stays put */
	else if (p->sid == p->pid)
		ret = -EPERM;           /* a session leader stays in its group */
	else if (pgid != p->pid && !pgrp_in_session(pgid, current->sid))
		ret = -EPERM;
	else if (pgid != p->pgid)
		change_pid(p, PIDTYPE_PGID, find_pid(pgid));    /* p's own, or the group's */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_task_struct(p);
	return ret;
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	struct task_struct *p = get_pid_task(pid);
	pid_t pgid;

	if (!p)
		return -ESRCH;
	pgid = READ_ONCE(p->pgid);
	put_task_struct(p);
	return pgid;
}

SYSCALL_DEFINE0(getpgrp)
{
	return current->pgid;
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	struct task_struct *p = get_pid_task(pid);
	pid_t sid;

	if (!p)
		return -ESRCH;
	sid = READ_ONCE(p->sid);
	put_task_struct(p);
	return sid;
}

SYSCALL_DEFINE0(setsid)
{
	struct task_struct *c = current;
	unsigned long flags;
	bool leader;

	/* No process group may be numbered by our pid already: it would
	 * straddle two sessions (we lead one, or a child joined one we had).
	 * Checked and set under tasklist_lock, so no setpgid() joins our
	 * group in between. */
	spin_lock_irqsave(&tasklist_lock, flags);
	leader = pid_task(c->pids[PIDTYPE_PID], PIDTYPE_PGID) != NULL;
	if (!leader) {
		change_pid(c, PIDTYPE_SID, c->pids[PIDTYPE_PID]);
		change_pid(c, PIDTYPE_PGID, c->pids[PIDTYPE_PID]);
		c->tty = NULL;          /* a new session has no terminal yet */
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return leader ? -EPERM : c->pid;
}

/* Sleep for *ts (validated); on a signal, store what is left in rem. */
static long do_nanosleep(const struct kernel_timespec *ts, struct kernel_timespec *rem)
{
	u64 end = ktime_get_ns() + timespec_to_ns(ts->tv_sec, ts->tv_nsec);
	u64 now;

	/* A timer at end, by the clock (timer.c); the state is set before
	 * the checks, so a signal between them still wakes us. */
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current) || ktime_get_ns() >= end)
			break;
		schedule_hrtimeout(end);
	}
	set_current_state(TASK_RUNNING);
	now = ktime_get_ns();
	if (now >= end || !signal_pending(current))
		return 0;
	if (rem) {
		struct kernel_timespec left = { (s64)((end - now) / NSEC_PER_SEC),
						(s64)((end - now) % NSEC_PER_SEC) };
		if (copy_to_user(rem, &left, sizeof(left)))
			return -EFAULT;
	}
	return -EINTR;
}

SYSCALL_DEFINE2(nanosleep, const struct kernel_timespec *, req, struct kernel_timespec *, rem)
{
	struct kernel_timespec ts;

	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	return do_nanosleep(&ts, rem);
}

SYSCALL_DEFINE2(gettimeofday, struct kernel_timespec *, tv, void *, tz)
{
	u64 ns = ktime_get_real_ns();
	struct {
		s64 tv_sec, tv_usec;
	} t = { (s64)(ns / NSEC_PER_SEC), (s64)(ns % NSEC_PER_SEC / 1000) };

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && clear_user(tz, 8))
		return -EFAULT;
	return 0;
}

/* time(2): the seconds since the epoch, also stored at tloc if not NULL. */
SYSCALL_DEFINE1(time, s64 *, tloc)
{
	s64 t = (s64)(ktime_get_real_ns() / NSEC_PER_SEC);

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

/* getcpu(2): keyhole runs on CPU 0 of NUMA node 0; either pointer may be
 * NULL; the third argument (a cache) is unused, as in Linux. */
SYSCALL_DEFINE3(getcpu, unsigned int *, cpup, unsigned int *, nodep, void *, unused)
{
	(void)unused;
	if (cpup && put_user(0U, cpup))
		return -EFAULT;
	if (nodep && put_user(0U, nodep))
		return -EFAULT;
	return 0;
}

/*
 * sched_getaffinity(2): the CPUs pid may run on, as a bit mask: CPU 0 only.
 * As Linux with NR_CPUS = 64: the buffer must be a whole number of longs
 * (EINVAL), the answer is cpumask_size() = 8 bytes (or len, if smaller:
 * never, since len is a multiple of 8), and its return value is that size.
 */
#define NR_CPUS         64
SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len, unsigned long *, user_mask_ptr)
{
	unsigned long mask = 1;                 /* CPU 0 */
	unsigned int retlen = min(len, (unsigned int)(NR_CPUS / 8));

	if ((u64)len * 8 < 1 || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	if (pid < 0)
		return -ESRCH;
	if (pid) {
		struct task_struct *p = find_get_task_by_pid(pid);

		if (!p)
			return -ESRCH;
		put_task_struct(p);
	}
	if (copy_to_user(user_mask_ptr, &mask, retlen))
		return -EFAULT;
	return retlen;
}

#define TIMER_ABSTIME 1

SYSCALL_DEFINE4(clock_nanosleep, int, which, int, flags, const struct kernel_timespec *, req,
		struct kernel_timespec *, rem)
{
	struct kernel_timespec ts;

	if (which != CLOCK_REALTIME && which != CLOCK_MONOTONIC)
		return -EINVAL;
	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	if (flags & TIMER_ABSTIME) {
		u64 now = which == CLOCK_REALTIME ? ktime_get_real_ns() : ktime_get_ns();
		u64 when = (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
		u64 left = when > now ? when - now : 0;

		ts.tv_sec = (s64)(left / NSEC_PER_SEC);
		ts.tv_nsec = (s64)(left % NSEC_PER_SEC);
		rem = NULL;                     /* an absolute sleep reports no remainder */
	}
	return do_nanosleep(&ts, rem);
}

/* --- credentials ------------------------------------------------------- */

/*
 * The rules are Linux's: root (euid 0) may set any id; anyone else may
 * only set ids to values it already has (real, effective or saved). -1
 * leaves an id alone.
 */
static bool id_allowed(u32 id, u32 r, u32 e, u32 s)
{
	return current->euid == 0 || id == r || id == e || id == s;
}

SYSCALL_DEFINE3(setresuid, u32, ruid, u32, euid, u32, suid)
{
	struct task_struct *c = current;
	struct cred_snapshot old = cred_snapshot(c);

	if ((ruid != (u32)-1 && !id_allowed(ruid, c->uid, c->euid, c->suid)) ||
	    (euid != (u32)-1 && !id_allowed(euid, c->uid, c->euid, c->suid)) ||
	    (suid != (u32)-1 && !id_allowed(suid, c->uid, c->euid, c->suid)))
		return -EPERM;
	if (ruid != (u32)-1)
		c->uid = ruid;
	if (euid != (u32)-1)
		c->euid = euid;
	if (suid != (u32)-1)
		c->suid = suid;
	c->fsuid = c->euid;
	creds_changed(c, old);
	return 0;
}

SYSCALL_DEFINE3(setresgid, u32, rgid, u32, egid, u32, sgid)
{
	struct task_struct *c = current;
	struct cred_snapshot old = cred_snapshot(c);

	if (c->euid != 0 &&
	    ((rgid != (u32)-1 && rgid != c->gid && rgid != c->egid && rgid != c->sgid) ||
	     (egid != (u32)-1 && egid != c->gid && egid != c->egid && egid != c->sgid) ||
	     (sgid != (u32)-1 && sgid != c->gid && sgid != c->egid && sgid != c->sgid)))
		return -EPERM;
	if (rgid != (u32)-1)
		c->gid = rgid;
	if (egid != (u32)-1)
		c->egid = egid;
	if (sgid != (u32)-1)
		c->sgid = sgid;
	c->fsgid = c->egid;
	creds_changed(c, old);
	return 0;
}

SYSCALL_DEFINE1(setuid, u32, uid)
{
	struct task_struct *c = current;
	struct cred_snapshot old = cred_snapshot(c);

	if (c->euid == 0) {             /* root: all three, as Linux */
		c->uid = c->euid = c->suid = c->fsuid = uid;
		creds_changed(c, old);
		return 0;
	}
	if (uid != c->uid && uid != c->suid)
		return -EPERM;
	c->euid = c->fsuid = uid;
	creds_changed(c, old);
	return 0;
}

SYSCALL_DEFINE1(setgid, u32, gid)
{
	struct task_struct *c = current;
	struct cred_snapshot old = cred_snapshot(c);

	if (c->euid == 0) {
		c->gid = c->egid = c->sgid = c->fsgid = gid;
		creds_changed(c, old);
		return 0;
	}
	if (gid != c->gid && gid != c->sgid)
		return -EPERM;
	c->egid = c->fsgid = gid;
	creds_changed(c, old);
	return 0;
}

SYSCALL_DEFINE2(setreuid, u32, ruid, u32, euid)
{
	struct task_struct *c = current;
	struct cred_snapshot old = cred_snapshot(c);
	u32 old_ruid = c->uid;

	if (c->euid != 0 &&
	    ((ruid != (u32)-1 && ruid != c->uid && ruid != c->euid) ||
	     (euid != (u32)-1 && euid != c->uid && euid != c->euid && euid != c->suid)))
		return -EPERM;
	if (ruid != (u32)-1)
		c->uid = ruid;
	if (euid != (u32)-1)
		c->euid = euid;
	/* As Linux: the saved id follows the effective one when the real id
	 * is set or the effective one changes to other than the old real id. */
	if (ruid != (u32)-1 || (euid != (u32)-1 && euid != old_ruid))
		c->suid = c->euid;
	c->fsuid = c->euid;
	creds_changed(c, old);
	return 0;
}

SYSCALL_DEFINE2(setregid, u32, rgid, u32, egid)
{
	struct task_struct *c = current;
	struct cred_snapshot old = cred_snapshot(c);
	u32 old_rgid = c->gid;

	if (c->euid != 0 &&
	    ((rgid != (u32)-1 && rgid != c->gid && rgid != c->egid) ||
	     (egid != (u32)-1 && egid != c->gid && egid != c->egid && egid != c->sgid)))
		return -EPERM;
	if (rgid != (u32)-1)
		c->gid = rgid;
	if (egid != (u32)-1)
		c->egid = egid;
	if (rgid != (u32)-1 || (egid != (u32)-1 && egid != old_rgid))
		c->sgid = c->egid;
	c->fsgid = c->egid;
	creds_changed(c, old);
	return 0;
}

SYSCALL_DEFINE3(getresuid, u32 *, ruid, u32 *, euid, u32 *, suid)
{
	if (put_user(current->uid, ruid) || put_user(current->euid, euid) ||
	    put_user(current->suid, suid))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresgid, u32 *, rgid, u32 *, egid, u32 *, sgid)
{
	if (put_user(current->gid, rgid) || put_user(current->egid, egid) ||
	    put_user(current->sgid, sgid))
		return -EFAULT;
	return 0;
}

#define NGROUPS_MAX 32

SYSCALL_DEFINE2(getgroups, int, size, u32 *, list)
{
	int n = current->ngroups;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return n;
	if (size < n)
		return -EINVAL;
	if (copy_to_user(list, current->groups, (size_t)n * sizeof(u32)))
		return -EFAULT;
	return n;
}

SYSCALL_DEFINE2(setgroups, int, size, const u32 *, list)
{
	u32 groups[NGROUPS_MAX];

	if (current->euid != 0)
		return -EPERM;
	if (size < 0 || size > NGROUPS_MAX)
		return -EINVAL;
	if (copy_from_user(groups, list, (size_t)size * sizeof(u32)))
		return -EFAULT;
	memcpy(current->groups, groups, (size_t)size * sizeof(u32));
	current->ngroups = size;
	return 0;
}

/* --- limits, randomness, machine state ------------------------------------ */

struct sysinfo {
	s64 uptime;
	u64 loads[3];
	u64 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	u16 procs;
	u16 pad;
	u64 totalhigh, freehigh;
	u32 mem_unit;
	char _f[4];
};

SYSCALL_DEFINE1(sysinfo, struct sysinfo *, info)
{
	struct sysinfo si;

	memset(&si, 0, sizeof(si));
	si.uptime = (s64)(ktime_get_ns() / NSEC_PER_SEC);
	for (int i = 0; i < 3; i++)             /* SI_LOAD_SHIFT 16 bits of fraction */
		si.loads[i] = (u64)READ_ONCE(avenrun[i]) << (16 - FSHIFT);
	si.totalram = totalram_pages * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	si.sharedram = shmem_nr_pages() * PAGE_SIZE;
	si.procs = (u16)READ_ONCE(nr_threads);  /* every task but the idle one, as Linux */
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

/*
 * The resource limits: each task's table (kernel/resource.h), read and
 * changed as Linux's do_prlimit() does. A soft limit above the hard one is
 * EINVAL; raising a hard limit needs CAP_SYS_RESOURCE (euid 0 here); the
 * descriptor table has NR_OPEN slots, so RLIMIT_NOFILE cannot go above
 * that (Linux's nr_open is larger: a deliberate difference).
 */
static int do_prlimit(struct task_struct *p, unsigned int resource,
		      const struct rlimit64 *new_rlim, struct rlimit64 *old_rlim)
{
	struct rlimit64 *rlim = &p->rlim[resource];
	int ret = 0;

	/* No preemption from the check to the store, whoever p is: nobody
	 * sees half a pair, and a hard limit another task lowered meanwhile
	 * cannot be raised again by a store checked against the old one
	 * (resource.h). */
	preempt_disable();
	if (new_rlim) {
		if (new_rlim->rlim_cur > new_rlim->rlim_max)
			ret = -EINVAL;
		else if (resource == RLIMIT_NOFILE && new_rlim->rlim_max > NR_OPEN)
			ret = -EPERM;
		else if (new_rlim->rlim_max > rlim->rlim_max && current->euid != 0)
			ret = -EPERM;
	}
	if (!ret && old_rlim)
		*old_rlim = *rlim;
	if (!ret && new_rlim)
		*rlim = *new_rlim;
	preempt_enable();
	return ret;
}

/* Linux's check_prlimit_permission: the same user all through, or root. */
static bool may_prlimit(const struct task_struct *p)
{
	const struct task_struct *c = current;

	if (c == p || c->euid == 0)
		return true;
	return c->uid == p->euid && c->uid == p->suid && c->uid == p->uid &&
	       c->gid == p->egid && c->gid == p->sgid && c->gid == p->gid;
}

SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource, const struct rlimit64 *, new_rlim,
		struct rlimit64 *, old_rlim)
{
	struct rlimit64 new, old;
	struct task_struct *p;
	long ret;

	/* Linux's order: the new limit is read, then the target and the
	 * permission are checked, and only then the resource number. */
	if (new_rlim && copy_from_user(&new, new_rlim, sizeof(new)))
		return -EFAULT;
	/* The reference keeps p while we use it (sched.h, "Lifetime"). */
	p = find_get_task_by_pid(pid ? pid : current->pid);
	if (!p || (p->flags & PF_KTHREAD) || p->exit_state) {
		ret = -ESRCH;
	} else if (!may_prlimit(p)) {
		ret = -EPERM;
	} else if (resource >= RLIM_NLIMITS) {
		ret = -EINVAL;
	} else {
		ret = do_prlimit(p, resource, new_rlim ? &new : NULL, &old);
	}
	if (p)
		put_task_struct(p);
	if (ret == 0 && old_rlim && copy_to_user(old_rlim, &old, sizeof(old)))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit64 *, rlim)
{
	struct rlimit64 lim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	do_prlimit(current, resource, NULL, &lim);
	return copy_to_user(rlim, &lim, sizeof(lim)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, const struct rlimit64 *, rlim)
{
	struct rlimit64 lim;

	if (copy_from_user(&lim, rlim, sizeof(lim)))
		return -EFAULT;         /* before the resource number, as Linux */
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	return do_prlimit(current, resource, &lim, NULL);
}

#define GRND_NONBLOCK   0x0001
#define GRND_RANDOM     0x0002
#define GRND_INSECURE   0x0004

/*
 * get_random_u64 - the kernel's random numbers, for getrandom(2) and
 * /dev/random and /dev/urandom (fs/dev.c): a xorshift generator stirred
 * with the TSC. Not cryptographic: keyhole is a teaching kernel, and
 * says so here.
 *
 * Context: any (one CPU; a race would only mix the state more).
 */
u64 get_random_u64(void)
{
	static u64 state = 0x853c49e6748fea9bULL;

	state ^= rdtsc();
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

/*
 * getrandom - bytes from get_random_u64(). A
 * buffer that faults part way gets the bytes before the fault, to the
 * byte, and that count (Linux's get_random_bytes_user); -EFAULT only if
 * not one byte could be stored.
 */
SYSCALL_DEFINE3(getrandom, char *, buf, size_t, count, unsigned int, flags)
{
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	while (done < count) {
		/* Up to MAX_RW_COUNT bytes: a task being killed stops early. */
		if (done % PAGE_SIZE == 0 && done && fatal_signal_pending(current))
			return (long)done;
		u64 state = get_random_u64();
		size_t n = min(count - done, sizeof(state));
		size_t left = copy_to_user(buf + done, &state, n);

		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

SYSCALL_DEFINE2(set_robust_list, void *, head, size_t, len)
{
	if (len != 24)                          /* sizeof(struct robust_list_head) */
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/* sync - everything keyhole stores is in memory already: nothing to write. */
SYSCALL_DEFINE0(sync)
{
	return 0;
}
