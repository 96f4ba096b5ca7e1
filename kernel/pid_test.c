/*
 * pid_test.c - in-kernel tests of the pid map and the group and session
 * lists (kernel/pid.c), with two task_structs that never run: they are
 * put on the lists, moved and taken off, and every number must be
 * findable exactly while a task uses it.
 */
#include "kernel/ktest.h"
#include "kernel/pid.h"
#include "lib/string.h"

static int count_pid_tasks(struct pid *pid, enum pid_type type)
{
	struct task_struct *p;
	int n = 0;

	if (!pid)
		return 0;
	for_each_pid_task(p, pid, type)
		n++;
	return n;
}

static int members(pid_t nr, enum pid_type type)
{
	unsigned long flags;
	int n;

	spin_lock_irqsave(&tasklist_lock, flags);
	n = count_pid_tasks(find_pid(nr), type);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

static bool pid_exists(pid_t nr)
{
	unsigned long flags;
	bool there;

	spin_lock_irqsave(&tasklist_lock, flags);
	there = find_pid(nr) != NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return there;
}

static void locked(void (*fn)(struct task_struct *), struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	fn(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static void move_to_own_group(struct task_struct *p)
{
	change_pid(p, PIDTYPE_PGID, p->pids[PIDTYPE_PID]);
}

KTEST(pid_groups_outlive_their_leader)
{
	static struct task_struct a, b;
	int threads = READ_ONCE(nr_threads);
	struct task_struct *p;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	refcount_set(&a.usage, 1);
	refcount_set(&b.usage, 1);
	a.pids[PIDTYPE_PID] = alloc_pid();
	b.pids[PIDTYPE_PID] = alloc_pid();
	KT_ASSERT(a.pids[PIDTYPE_PID] && b.pids[PIDTYPE_PID]);
	a.pids[PIDTYPE_PGID] = a.pids[PIDTYPE_SID] = a.pids[PIDTYPE_PID];  /* a leads both */
	b.pids[PIDTYPE_PGID] = b.pids[PIDTYPE_SID] = a.pids[PIDTYPE_PID];  /* b is in both */
	locked(hash_task, &a);
	locked(hash_task, &b);
	KT_EXPECT(a.pid > 0 && b.pid > a.pid);
	KT_EXPECT_EQ(b.pgid, a.pid);
	KT_EXPECT_EQ(b.sid, a.pid);

	KT_EXPECT_EQ(READ_ONCE(nr_threads), threads + 2);
	p = find_get_task_by_pid(b.pid);
	KT_EXPECT(p == &b);
	if (p)
		put_task_struct(p);
	KT_EXPECT_EQ(members(a.pid, PIDTYPE_PID), 1);
	KT_EXPECT_EQ(members(a.pid, PIDTYPE_PGID), 2);
	KT_EXPECT_EQ(members(a.pid, PIDTYPE_SID), 2);
	KT_EXPECT_EQ(members(b.pid, PIDTYPE_PGID), 0);

	locked(move_to_own_group, &b);          /* setpgid(b, b) */
	KT_EXPECT_EQ(b.pgid, b.pid);
	KT_EXPECT_EQ(members(a.pid, PIDTYPE_PGID), 1);
	KT_EXPECT_EQ(members(b.pid, PIDTYPE_PGID), 1);

	/* a is reaped: its number lives on as b's session. */
	locked(unhash_task, &a);
	KT_EXPECT(find_get_task_by_pid(a.pid) == NULL);
	KT_EXPECT(pid_exists(a.pid));
	KT_EXPECT_EQ(members(a.pid, PIDTYPE_SID), 1);
	p = find_get_task_by_pid_from(a.pid);   /* passes over a's number */
	KT_EXPECT(p == &b);
	if (p)
		put_task_struct(p);

	locked(unhash_task, &b);
	KT_EXPECT(!pid_exists(a.pid));          /* both numbers are free now */
	KT_EXPECT(!pid_exists(b.pid));
	KT_EXPECT_EQ(READ_ONCE(nr_threads), threads);
	KT_EXPECT_EQ(refcount_read(&a.usage), 1);
	KT_EXPECT_EQ(refcount_read(&b.usage), 1);
}

KTEST(pid_unused_number_goes_back)
{
	struct pid *pid = alloc_pid(), *next;
	pid_t nr;

	KT_ASSERT(pid != NULL);
	nr = pid->nr;
	KT_EXPECT(nr > 0);
	KT_EXPECT(pid_exists(nr));
	free_pid(pid);
	KT_EXPECT(!pid_exists(nr));
	next = alloc_pid();                     /* cyclic: not reused at once */
	KT_ASSERT(next != NULL);
	KT_EXPECT(next->nr > nr);
	free_pid(next);
}
