/*
 * sys.c - small system calls about the process and the machine: ids,
 * uname, time, TLS, yield, reboot.
 *
 * Credentials: every process runs as root (uid 0) until credentials arrive
 * with fork and setuid; the id calls say so truthfully.

 */
#include "arch/x86_64/cpu.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/exit.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/timer.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "lib/string.h"
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
	return 0;
}

SYSCALL_DEFINE0(geteuid)
{
	return 0;
}

SYSCALL_DEFINE0(getgid)
{
	return 0;
}

SYSCALL_DEFINE0(getegid)
{
	return 0;
}

SYSCALL_DEFINE0(sched_yield)
{
	yield();
	return 0;
}

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

SYSCALL_DEFINE1(uname, struct new_utsname *, name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "keyhole", sizeof(u.sysname));
	strlcpy(u.nodename, "keyhole", sizeof(u.nodename));
	strlcpy(u.release, "0.1", sizeof(u.release));
	strlcpy(u.version, "#1", sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

#define CLOCK_REALTIME          0
#define CLOCK_MONOTONIC         1
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

SYSCALL_DEFINE1(set_tid_address, int *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

#define LINUX_REBOOT_MAGIC1             0xfee1dead
#define LINUX_REBOOT_MAGIC2             672274793
#define LINUX_REBOOT_CMD_POWER_OFF      0x4321fedc
#define LINUX_REBOOT_CMD_HALT           0xcdef0123

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void *, arg)
{
	(void)arg;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		printk(KERN_NOTICE "reboot: Power down\n");
		qemu_exit(QEMU_EXIT_PASS);
	case LINUX_REBOOT_CMD_HALT:
		printk(KERN_NOTICE "reboot: System halted\n");
		machine_halt();
	default:
		return -EINVAL;
	}
}

/* Process groups and sessions. Locking: tasklist_lock for pgid/sid. */

SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;
	unsigned long flags;
	int ret = 0;

	if (pgid < 0)
		return -EINVAL;
	if (!p || (p != current && p->parent != current) || (p->flags & PF_KTHREAD))
		return -ESRCH;
	if (!pgid)
		pgid = p->pid;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (p->sid == p->pid)
		ret = -EPERM;           /* a session leader stays in its group */
	else if (p->sid != current->sid)
		ret = -EPERM;
	else
		p->pgid = pgid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	if (!p || (p->flags & PF_KTHREAD))
		return -ESRCH;
	return p->pgid;
}

SYSCALL_DEFINE0(getpgrp)
{
	return current->pgid;
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	if (!p || (p->flags & PF_KTHREAD))
		return -ESRCH;
	return p->sid;
}

SYSCALL_DEFINE0(setsid)
{
	struct task_struct *p, *c = current;

	/* A process group leader may not start a session (its group would
	 * straddle two sessions). */
	for (pid_t n = 1; (p = find_task_by_pid_from(n)); n = p->pid + 1)
		if (p->pgid == c->pid && !(p->flags & PF_KTHREAD))
			return -EPERM;
	c->sid = c->pgid = c->pid;
	return c->sid;
}

SYSCALL_DEFINE2(nanosleep, const struct kernel_timespec *, req, struct kernel_timespec *, rem)
{
	struct kernel_timespec ts;

	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	u64 ns = (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	u64 end = ktime_get_ns() + ns;
	/* Whole ticks, rounded up, then what is left of the last one. */
	long timeout = (long)((ns + NSEC_PER_SEC / HZ - 1) / (NSEC_PER_SEC / HZ));

	while (timeout > 0 && ktime_get_ns() < end) {
		if (signal_pending(current))
			break;
		timeout = schedule_timeout_interruptible(timeout);
	}
	u64 now = ktime_get_ns();
	if (now >= end || !signal_pending(current))
		return 0;
	if (rem) {
		ts.tv_sec = (s64)((end - now) / NSEC_PER_SEC);
		ts.tv_nsec = (s64)((end - now) % NSEC_PER_SEC);
		if (copy_to_user(rem, &ts, sizeof(ts)))
			return -EFAULT;
	}
	return -EINTR;
}
