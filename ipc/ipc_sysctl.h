/*
 * ipc_sysctl.h - /proc/sys/kernel's System V IPC limits (ipc/ipc_sysctl.c):
 * the read and write functions of each file, and IPC_SYSCTL_ENTRIES, their
 * lines for fs/proc_misc.c's table of /proc/sys/kernel.
 *
 * Each _show prints the value of the current task's IPC namespace; each
 * _write takes a value for it. Context: process, may sleep. Return (write):
 * len, or -EINVAL for text that is not a number in range.
 */
#ifndef IPC_IPC_SYSCTL_H
#define IPC_IPC_SYSCTL_H

#include "fs/seq_file.h"
#include "kernel/sched.h"

#define IPC_SYSCTL_DECLARE(name)                                                   \
	int ipc_sysctl_##name##_show(struct seq_file *m, struct task_struct *unused); \
	ssize_t ipc_sysctl_##name##_write(struct task_struct *unused, const char *kbuf, \
					  size_t len);

IPC_SYSCTL_DECLARE(msgmax)
IPC_SYSCTL_DECLARE(msgmnb)
IPC_SYSCTL_DECLARE(msgmni)
IPC_SYSCTL_DECLARE(sem)
IPC_SYSCTL_DECLARE(shmall)
IPC_SYSCTL_DECLARE(shmmax)
IPC_SYSCTL_DECLARE(shmmni)

#define IPC_SYSCTL_ENTRY(n)                                                        \
	{ .name = #n, .mode = S_IFREG | 0644, .show = ipc_sysctl_##n##_show,       \
	  .write = ipc_sysctl_##n##_write }

#define IPC_SYSCTL_ENTRIES                                                         \
	IPC_SYSCTL_ENTRY(msgmax), IPC_SYSCTL_ENTRY(msgmnb), IPC_SYSCTL_ENTRY(msgmni), \
	IPC_SYSCTL_ENTRY(sem), IPC_SYSCTL_ENTRY(shmall), IPC_SYSCTL_ENTRY(shmmax),  \
	IPC_SYSCTL_ENTRY(shmmni)

#endif /* IPC_IPC_SYSCTL_H */
