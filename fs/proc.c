/*
 * proc.c - a small /proc: one directory per process with a `stat` file in
 * Linux's format, which is what ps reads.
 *
 *	/proc               the live processes, one directory each, and "self"
 *	/proc/<pid>/stat    "pid (comm) state ppid pgrp session tty_nr tpgid
 *	                     flags ..." (Linux's first fields; the counters
 *	                     keyhole does not keep read as 0)
 *
 * Nothing is stored: the directory lists the task list as it is when read,
 * lookups make a fresh inode for a pid that exists, and `stat` is written
 * out at each read. The inodes are dropped at their last iput (drop_inode),
 * so a process that has gone simply is not found any more. A read looks
 * the pid up afresh and holds the task by a reference while it prints it
 * (kernel/sched.h, "Lifetime"): it may be reaped meanwhile, not freed.
 *
 * /proc hangs off the ramfs root as a graft (ramfs_graft), keyhole's
 * stand-in for mount(2).
 */
#include "fs/proc.h"
#include "fs/tty.h"
#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/exit.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/slab.h"

enum proc_kind { PROC_ROOT, PROC_PID_DIR, PROC_PID_STAT };

struct proc_inode {
	struct inode vfs_inode;
	enum proc_kind kind;
	pid_t pid;
};

static struct proc_inode *PROC_I(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

static struct super_block *proc_sb;
static struct inode *proc_root, *proc_parent;

static struct inode *proc_alloc_inode(struct super_block *sb)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);

	(void)sb;
	return pi ? &pi->vfs_inode : NULL;
}

static void proc_destroy_inode(struct inode *inode)
{
	kfree(PROC_I(inode));
}

/* Per-process inodes are made afresh at each lookup: drop them when unused. */
static bool proc_drop_inode(struct inode *inode)
{
	return inode != proc_root;
}

static const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.destroy_inode = proc_destroy_inode,
	.drop_inode = proc_drop_inode,
};

static const struct inode_operations proc_pid_iops;
static const struct file_operations proc_pid_fops, proc_stat_fops;

static struct inode *proc_make(enum proc_kind kind, pid_t pid)
{
	struct inode *inode = new_inode(proc_sb);

	if (!inode)
		return NULL;
	PROC_I(inode)->kind = kind;
	PROC_I(inode)->pid = pid;
	if (kind == PROC_PID_STAT) {
		inode->i_mode = S_IFREG | 0444;
		inode->i_fop = &proc_stat_fops;
	} else {
		inode->i_mode = S_IFDIR | 0555;
		inode->i_nlink = 2;
		inode->i_op = &proc_pid_iops;
		inode->i_fop = &proc_pid_fops;
	}
	return inode;
}

static bool pid_visible(pid_t pid)
{
	struct task_struct *p = pid > 0 ? find_get_task_by_pid(pid) : NULL;

	if (!p)
		return false;
	put_task_struct(p);
	return true;
}

static int parse_pid(const struct qstr *name, pid_t *pid)
{
	pid_t v = 0;

	if (name->len == 0 || name->len > 9)
		return -ENOENT;
	for (u32 i = 0; i < name->len; i++) {
		if (name->name[i] < '0' || name->name[i] > '9')
			return -ENOENT;
		v = v * 10 + (name->name[i] - '0');
	}
	*pid = v;
	return 0;
}

static bool name_is(const struct qstr *name, const char *s)
{
	return name->len == strlen(s) && memcmp(name->name, s, name->len) == 0;
}

/* Lookup in /proc and in /proc/<pid>. */
static int proc_lookup(struct inode *dir, const struct qstr *name, struct inode **res)
{
	struct proc_inode *pd = PROC_I(dir);
	pid_t pid;

	if (name_is(name, "..")) {
		*res = iget(pd->kind == PROC_ROOT ? proc_parent : proc_root);
		return 0;
	}
	if (pd->kind == PROC_ROOT) {
		if (name_is(name, "self"))
			pid = current->pid;
		else if (parse_pid(name, &pid) || !pid_visible(pid))
			return -ENOENT;
		*res = proc_make(PROC_PID_DIR, pid);
	} else {
		if (!name_is(name, "stat") || !pid_visible(pd->pid))
			return -ENOENT;
		*res = proc_make(PROC_PID_STAT, pd->pid);
	}
	return *res ? 0 : -ENOMEM;
}

static const struct inode_operations proc_pid_iops = {
	.lookup = proc_lookup,
};

/*
 * readdir: 0 is ".", 1 is "..", then for /proc the pids in order (position
 * pid + 2) and for /proc/<pid> its one file (position 2).
 */
static int proc_iterate(struct file *file, struct dir_context *ctx)
{
	struct proc_inode *pd = PROC_I(file->f_inode);
	char name[16];

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 1, file->f_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->actor(ctx, "..", 2, 2, 1, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	if (pd->kind != PROC_ROOT) {
		if (ctx->pos == 2 && ctx->actor(ctx, "stat", 4, 3, 2, DT_REG))
			ctx->pos = 3;
		return 0;
	}
	for (struct task_struct *p; (p = find_get_task_by_pid_from((pid_t)(ctx->pos - 2)));) {
		pid_t pid = p->pid;
		int len = scnprintf(name, sizeof(name), "%d", pid);

		put_task_struct(p);
		if (!ctx->actor(ctx, name, len, pid + 3, (u64)pid + 1000, DT_DIR))
			return 0;
		ctx->pos = pid + 3;
	}
	return 0;
}

static const struct file_operations proc_pid_fops = {
	.iterate = proc_iterate,
};

static char task_state_char(struct task_struct *p)
{
	if (p->exit_state == EXIT_ZOMBIE)
		return 'Z';
	if (p->state == TASK_RUNNING)
		return 'R';
	if (p->state & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (p->state & TASK_STOPPED)
		return 'T';
	return 'S';
}

static ssize_t proc_stat_read(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	struct task_struct *p = find_get_task_by_pid(PROC_I(file->f_inode)->pid);
	char line[256];
	int n, tty_nr, tpgid;

	if (!p)
		return -ESRCH;
	task_tty_info(p, &tty_nr, &tpgid);
	/* pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt
	 * majflt cmajflt utime stime cutime cstime priority nice num_threads
	 * itrealvalue starttime vsize rss */
	n = scnprintf(line, sizeof(line),
		      "%d (%s) %c %d %d %d %d %d %u 0 0 0 0 %llu %llu %llu %llu 20 0 1 0 0 0 0\n",
		      p->pid, p->comm, task_state_char(p), task_ppid(p),
		      p->pgid, p->sid, tty_nr, tpgid, p->flags,
		      (unsigned long long)nsec_to_clock_t(p->utime),
		      (unsigned long long)nsec_to_clock_t(p->stime),
		      (unsigned long long)nsec_to_clock_t(p->cutime),
		      (unsigned long long)nsec_to_clock_t(p->cstime));
	put_task_struct(p);
	if (*pos >= n)
		return 0;
	size_t copy = min(len, (size_t)(n - *pos));
	memcpy(kbuf, line + *pos, copy);
	*pos += (loff_t)copy;
	return (ssize_t)copy;
}

static const struct file_operations proc_stat_fops = {
	.read = proc_stat_read,
};

/*
 * proc_init - make /proc under root.
 *
 * Context: boot. Return: 0, -ENOMEM, or the graft's error.
 */
int proc_init(struct inode *root)
{
	proc_sb = alloc_super(&proc_sops, NULL);
	if (!proc_sb)
		return -ENOMEM;
	proc_root = new_inode(proc_sb);
	if (!proc_root)
		return -ENOMEM;
	PROC_I(proc_root)->kind = PROC_ROOT;
	proc_root->i_mode = S_IFDIR | 0555;
	proc_root->i_nlink = 2;
	proc_root->i_op = &proc_pid_iops;
	proc_root->i_fop = &proc_pid_fops;
	proc_parent = root;
	return ramfs_graft(root, "proc", proc_root);
}
