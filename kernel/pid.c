/*
 * pid.c - process ids: the map from numbers to struct pid, and the lists
 * of tasks by pid, process group and session (pid.h says what they hold),
 * after Linux's kernel/pid.c.
 *
 * Life of a number: alloc_pid() takes the next free number (cyclically,
 * as Linux: 1, 2, 3, ... and round again past INT_MAX) with an empty
 * struct pid; hash_task() puts the new task on its lists and on the list
 * of all tasks; setpgid()/setsid() move it between groups (change_pid());
 * unhash_task(), when the task is reaped (or, for a kernel thread, when
 * it exits), takes it off everything. Whenever a struct pid is left with
 * no task on any list, its number and memory are freed at once.
 *
 * Locking: tasklist_lock, irqsave (the console's Ctrl-C walks a group
 * from its interrupt handler), for everything here; pid.h lists what it
 * guards. It nests outside siglock, wait-queue locks and the run-queue
 * lock, so a walk may send signals and wake tasks. It used to be the
 * run-queue lock that guarded the task list; now no walk holds the
 * scheduler's lock, and the walks that remain are short: one group's
 * members (kill(-pgrp)), or every task once (kill(-1) with a real signal,
 * the OOM killer's scan), as Linux does under its tasklist_lock.
 */
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/pid.h"
#include "lib/idr.h"
#include "mm/slab.h"

static DEFINE_IDR(pid_idr);             /* number -> struct pid */
int nr_threads;
unsigned long total_forks;      /* tasks ever made: /proc/stat's "processes" */
int pid_max = PID_MAX_DEFAULT;   /* pids go round below this: kernel.pid_max */

/*
 * alloc_pid - a new process id, with an empty struct pid, for a task about
 * to be made: the caller points the task's pids[PIDTYPE_PID] at it, then
 * hash_task() attaches the task, or free_pid() gives it back if making the
 * task fails.
 *
 * Context: process context, tasklist_lock not held.
 * Return: the struct pid, or NULL when memory (or numbers) run out.
 */
struct pid *alloc_pid(void)
{
	struct pid *pid = kmalloc(sizeof(*pid), GFP_KERNEL);
	unsigned long flags;
	int nr;

	if (!pid)
		return NULL;
	for (int t = 0; t < PIDTYPE_MAX; t++)
		INIT_HLIST_HEAD(&pid->tasks[t]);
	spin_lock_irqsave(&tasklist_lock, flags);
	nr = idr_alloc_cyclic(&pid_idr, pid, 1, pid_max, GFP_KERNEL);
	pid->nr = nr;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (nr < 0) {
		kfree(pid);
		return NULL;
	}
	return pid;
}

/* Free pid's number and memory if no task uses it. Caller holds tasklist_lock. */
static void put_pid_if_unused(struct pid *pid)
{
	for (int t = 0; t < PIDTYPE_MAX; t++)
		if (!hlist_empty(&pid->tasks[t]))
			return;
	idr_remove(&pid_idr, (unsigned long)pid->nr);
	kfree(pid);
}

/*
 * free_pid - give back a struct pid from alloc_pid() that no task was
 * attached to (the task could not be made).
 *
 * Context: process context, tasklist_lock not held.
 */
void free_pid(struct pid *pid)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	put_pid_if_unused(pid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * find_pid - the struct pid of number nr (Linux's find_vpid).
 *
 * Context: tasklist_lock held.
 * Return: it, or NULL if nobody uses nr as pid, group or session.
 */
struct pid *find_pid(pid_t nr)
{
	return nr > 0 ? idr_find(&pid_idr, (unsigned long)nr) : NULL;
}

/*
 * pid_task - the first task using pid as type: for PIDTYPE_PID, the task
 * with that pid.
 *
 * Context: tasklist_lock held.
 * Return: the task, or NULL (pid NULL, or none uses it so).
 */
struct task_struct *pid_task(struct pid *pid, enum pid_type type)
{
	struct hlist_node *first = pid ? pid->tasks[type].first : NULL;

	return first ? hlist_entry(first, struct task_struct, pid_links[type]) : NULL;
}

/* Put p on the list of p->pids[type] (NULL: none), and set the number
 * p keeps beside it. */
static void attach_pid(struct task_struct *p, enum pid_type type)
{
	struct pid *pid = p->pids[type];
	pid_t nr = pid ? pid->nr : 0;

	if (type == PIDTYPE_PID)
		p->pid = nr;
	else if (type == PIDTYPE_PGID)
		p->pgid = nr;
	else
		p->sid = nr;
	INIT_HLIST_NODE(&p->pid_links[type]);
	if (pid)
		hlist_add_head(&p->pid_links[type], &pid->tasks[type]);
}

static void detach_pid(struct task_struct *p, enum pid_type type)
{
	struct pid *pid = p->pids[type];

	if (!pid)
		return;
	hlist_del_init(&p->pid_links[type]);
	p->pids[type] = NULL;
	put_pid_if_unused(pid);
}

/*
 * hash_task - make a new task findable: on the list of all tasks, and
 * under its pids[]: its own (from alloc_pid()), its process group and
 * session (its parent's, or NULL for a kernel thread). Sets pid, pgid
 * and sid to their numbers.
 *
 * Context: tasklist_lock held.
 */
void hash_task(struct task_struct *p)
{
	for (int t = 0; t < PIDTYPE_MAX; t++)
		attach_pid(p, (enum pid_type)t);
	list_add_tail(&p->tasks, &init_task.tasks);
	nr_threads++;
	total_forks++;
}

/*
 * unhash_task - take a task that is being released off every list: no
 * lookup or walk finds it afterwards (Linux's __unhash_process). Numbers
 * left unused go back. p->pid, pgid and sid keep their values (a zombie's
 * holder may still print them).
 *
 * Context: tasklist_lock held.
 */
void unhash_task(struct task_struct *p)
{
	for (int t = 0; t < PIDTYPE_MAX; t++)
		detach_pid(p, (enum pid_type)t);
	list_del(&p->tasks);
	nr_threads--;
}

/*
 * change_pid - move p to process group or session pid (type PIDTYPE_PGID
 * or PIDTYPE_SID): p's own struct pid, or that of a group with a member.
 *
 * Context: tasklist_lock held.
 */
void change_pid(struct task_struct *p, enum pid_type type, struct pid *pid)
{
	detach_pid(p, type);
	p->pids[type] = pid;
	attach_pid(p, type);
}

/*
 * find_get_task_by_pid - the task with this pid (0: the idle task), a
 * zombie included, with a reference the caller drops with
 * put_task_struct().
 *
 * Context: any; tasklist_lock not held.
 * Return: the task, or NULL if no task has this pid.
 */
struct task_struct *find_get_task_by_pid(pid_t nr)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = nr == 0 ? &init_task : pid_task(find_pid(nr), PIDTYPE_PID);
	if (p)
		get_task_struct(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

/*
 * find_get_task_by_pid_from - the task with the lowest pid >= nr, with a
 * reference, for walking all tasks in pid order with the lock dropped in
 * between (each step costs the idr's height, plus the numbers passed over
 * that are only a group's or a session's):
 *
 *	for (n = 1; (p = find_get_task_by_pid_from(n)); put_task_struct(p)) {
 *		n = p->pid + 1;
 *		...
 *	}
 *
 * Context: any; tasklist_lock not held.
 * Return: the task, or NULL if none has such a pid.
 */
struct task_struct *find_get_task_by_pid_from(pid_t nr)
{
	struct task_struct *p = NULL;
	unsigned long flags;
	struct pid *pid;
	int id = nr < 1 ? 1 : nr;

	spin_lock_irqsave(&tasklist_lock, flags);
	for (; (pid = idr_get_next(&pid_idr, &id)); id++) {
		p = pid_task(pid, PIDTYPE_PID);
		if (p || id == __INT_MAX__)
			break;
	}
	if (p)
		get_task_struct(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

/* last_pid - the pid handed out last (/proc/loadavg); read without a lock. */
pid_t last_pid(void)
{
	unsigned int next = READ_ONCE(pid_idr.idr_next);

	return next ? (pid_t)next - 1 : 0;
}
