/*
 * pid.h - process ids as objects: struct pid, the map from numbers to
 * them, process groups and sessions (after Linux's include/linux/pid.h).
 *
 * A number in use as somebody's pid, process group id or session id has
 * one struct pid, found by number in pid_idr (kernel/pid.c). Each struct
 * pid lists the tasks that use its number, one list per use:
 *
 *	tasks[PIDTYPE_PID]   the task whose pid it is (at most one)
 *	tasks[PIDTYPE_PGID]  the members of process group nr
 *	tasks[PIDTYPE_SID]   the members of session nr
 *
 * So finding a task by pid costs the idr's height, and walking a group or
 * a session costs its members, not every task: kill(-pgrp), setpgid's
 * "does this group exist in my session" and setsid's "am I a group
 * leader" look at one struct pid. A struct pid lives while a task uses it
 * in any of the three ways (a group outlives its leader) and is freed
 * with its number when the last one stops (detach_pid). A task stays on
 * its lists until it is reaped (unhash_task), so a zombie still counts
 * as a member, as in Linux.
 *
 * A task points at its three struct pids (task_struct.pids[]) and keeps
 * their numbers beside them (pid, pgid, sid), for readers without the
 * lock.
 *
 * Locking: tasklist_lock (kernel/exit.c, taken irqsave) guards pid_idr,
 * every struct pid's lists, each task's pids[], pid_links, pgid and sid,
 * the list of all tasks and nr_threads. Writers of pgid and sid hold it; a task
 * may read its own, and anybody may READ_ONCE them for a figure that may
 * be stale at once (getpgid, /proc).
 */
#ifndef KERNEL_PID_H
#define KERNEL_PID_H

#include "kernel/exit.h"
#include "kernel/sched.h"
#include "lib/list.h"

struct pid {
	pid_t nr;
	struct hlist_head tasks[PIDTYPE_MAX];   /* task_struct.pid_links[type] */
};

extern int nr_threads;                  /* tasks on the list of all tasks */
extern unsigned long total_forks;       /* tasks ever hashed (tasklist_lock) */

#define PID_MAX_DEFAULT 32768           /* Linux's, on a machine with few CPUs */
extern int pid_max;                     /* pids are below it: /proc/sys/kernel/pid_max */

pid_t last_pid(void);

/* for_each_process - every task on the list of all tasks (not the idle
 * task), zombies included. Caller holds tasklist_lock. */
#define for_each_process(p) list_for_each_entry(p, &init_task.tasks, tasks)

/* for_each_pid_task - every task using pid (not NULL) as its type
 * (PIDTYPE_PGID: the group's members). Caller holds tasklist_lock. */
#define for_each_pid_task(p, pid, type)                                        \
	hlist_for_each_entry(p, &(pid)->tasks[type], pid_links[type])

struct pid *alloc_pid(void);
void free_pid(struct pid *pid);
struct pid *find_pid(pid_t nr);
struct task_struct *pid_task(struct pid *pid, enum pid_type type);
void hash_task(struct task_struct *p);
void unhash_task(struct task_struct *p);
void change_pid(struct task_struct *p, enum pid_type type, struct pid *pid);

#endif /* KERNEL_PID_H */
