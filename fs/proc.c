/*
 * proc.c - the /proc file system: one directory per process, and files
 * whose text the kernel writes at the moment they are read, in Linux's
 * formats, because ps, top, free, uptime and pgrep parse them.
 *
 *	/proc                  the files of proc_root_entries (proc_misc.c:
 *	                       meminfo, stat, uptime, sys/kernel/...), then
 *	                       one directory per live process, and "self"
 *	/proc/<pid>            the files of proc_pid_entries (proc_pid.c:
 *	                       stat, status, statm, maps, cmdline ...)
 *
 * Every directory is a table (proc_internal.h). Nothing is stored: readdir
 * lists the table and, in /proc, the task list as it is when read; a lookup
 * makes a fresh inode for an entry that exists (a pid is looked up in the
 * task list), which remembers its table entry and its pid; the inodes are
 * dropped at their last iput (drop_inode), so a process that has gone
 * simply is not found any more. Each inode holds a reference to its parent
 * directory, for "..".
 *
 * Reading. The first read of an open file (and every read at offset 0)
 * makes the whole text at once, into a buffer of the open file, by the
 * entry's show function; later reads copy from that buffer. So a reader
 * taking one byte at a time sees one consistent text, as with Linux's
 * seq_file. The buffer starts at a page and doubles while the text does not
 * fit, up to PROC_MAX_TEXT. A per-process file looks its pid up afresh at
 * that read and holds the task by a reference while it prints it (kernel/
 * sched.h, "Lifetime"): it may exit or be reaped meanwhile, not freed. A
 * process that has been reaped gives ESRCH, as Linux.
 *
 * Links. /proc/self names the caller's pid; /proc/<pid>/cwd, root, exe
 * and fd/N name objects: their get_link gives both the text readlink(2)
 * shows and, for a path walk, the inode itself (a "jump", as Linux's
 * nd_jump_link), so /proc/self/fd/0 opens what descriptor 0 is, pipes and
 * deleted files included. fd/ is a directory made from the task's
 * descriptor table at each readdir and lookup.
 *
 * Ownership: a process's files belong to its effective user and group, as
 * Linux's (task_dump_owner); entries marked owner_only (environ, maps,
 * cwd, exe, fd) open or follow only for that user or root (EACCES), as
 * Linux's ptrace_may_access check.
 *
 * Boot mounts it on /proc (fs/namespace.c); it has one instance, so a
 * second mount -t proc is -EBUSY. An entry may also be a symbolic link
 * with a fixed target (/proc/mounts -> self/mounts).
 */
#include "fs/mount.h"
#include "fs/proc.h"
#include "fs/proc_internal.h"
#include "kernel/errno.h"
#include "kernel/exit.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/slab.h"

#define PROC_MAX_TEXT   (4UL << 20)     /* the longest text a file may have */

struct proc_inode {
	struct inode vfs_inode;
	const struct proc_entry *entry; /* what this is; NULL for /proc itself */
	pid_t pid;                      /* the process, inside /proc/<pid>; else 0 */
	int fd;                         /* fd/N: the descriptor */
	struct inode *parent;           /* a reference, for ".."; NULL for /proc */
};

static struct proc_inode *PROC_I(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

static struct super_block *proc_sb;
static struct inode *proc_root, *proc_parent;

/* The directory entry of /proc/<pid> itself. */
static const struct proc_entry proc_pid_dir = {
	.name = "<pid>", .mode = S_IFDIR | 0555, .subdir = proc_pid_entries,
};

static struct inode *proc_alloc_inode(struct super_block *sb)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);

	(void)sb;
	return pi ? &pi->vfs_inode : NULL;
}

static void proc_destroy_inode(struct inode *inode)
{
	struct inode *parent = PROC_I(inode)->parent;

	kfree(PROC_I(inode));
	if (parent)
		iput(parent);
}

/* Inodes are made afresh at each lookup: drop them when unused. */
static bool proc_drop_inode(struct inode *inode)
{
	return inode != proc_root;
}

static const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.destroy_inode = proc_destroy_inode,
	.drop_inode = proc_drop_inode,
};

static const struct inode_operations proc_dir_iops, proc_link_iops;
static const struct file_operations proc_dir_fops, proc_reg_fops;

/* task - pid's task with a reference, or NULL if it has been reaped. */
static struct task_struct *proc_get_task(pid_t pid)
{
	return pid > 0 ? find_get_task_by_pid(pid) : NULL;
}

/* Make the inode of entry e inside dir (pid: the process, or 0). */
static struct inode *proc_make(struct inode *dir, const struct proc_entry *e, pid_t pid, int fd)
{
	struct inode *inode = new_inode(proc_sb);

	if (!inode)
		return NULL;
	PROC_I(inode)->entry = e;
	PROC_I(inode)->pid = pid;
	PROC_I(inode)->fd = fd;
	PROC_I(inode)->parent = iget(dir);
	inode->i_mode = e->mode;
	inode->i_mtime = inode->i_atime = inode->i_ctime = current_time();
	if (pid) {
		struct task_struct *p = proc_get_task(pid);

		if (p) {
			inode->i_uid = READ_ONCE(p->euid);
			inode->i_gid = READ_ONCE(p->egid);
			put_task_struct(p);
		}
	}
	if (S_ISDIR(e->mode)) {
		inode->i_nlink = 2;
		inode->i_op = &proc_dir_iops;
		inode->i_fop = &proc_dir_fops;
	} else if (S_ISLNK(e->mode)) {
		inode->i_nlink = 1;
		inode->i_size = e->link ? (loff_t)strlen(e->link) : 64;  /* Linux's sizes */
		inode->i_op = &proc_link_iops;
	} else {
		inode->i_nlink = 1;
		inode->i_fop = &proc_reg_fops;
	}
	return inode;
}

static bool pid_alive(pid_t pid)
{
	struct task_struct *p = proc_get_task(pid);

	if (!p)
		return false;
	put_task_struct(p);
	return true;
}

static int parse_pid(const struct qstr *name, pid_t *pid)
{
	pid_t v = 0;

	if (name->len == 0 || name->len > 9 || name->name[0] == '0')
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

/* The table of directory dir. */
static const struct proc_entry *dir_table(struct inode *dir)
{
	const struct proc_entry *e = PROC_I(dir)->entry;

	return e ? e->subdir : proc_root_entries;
}

static int proc_lookup(struct inode *dir, const struct qstr *name, struct inode **res)
{
	struct proc_inode *pd = PROC_I(dir);
	pid_t pid = pd->pid;

	if (name_is(name, "..")) {
		*res = iget(pd->parent ? pd->parent : proc_parent);
		return 0;
	}
	if (pid && !pid_alive(pid))
		return -ESRCH;                  /* reaped: Linux's proc_pid_permission says so */
	if (pd->entry && pd->entry->lookup) {   /* fd/ */
		struct task_struct *task = proc_get_task(pid);
		int fd = -1, err;

		if (!task)
			return -ESRCH;
		err = pd->entry->lookup(task, name, &fd);
		put_task_struct(task);
		if (err)
			return err;
		*res = proc_make(dir, pd->entry->child, pid, fd);
		return *res ? 0 : -ENOMEM;
	}
	for (const struct proc_entry *e = dir_table(dir); e->name; e++) {
		if (name_is(name, e->name)) {
			*res = proc_make(dir, e, pid, -1);
			return *res ? 0 : -ENOMEM;
		}
	}
	if (dir != proc_root || parse_pid(name, &pid) || !pid_alive(pid))
		return -ENOENT;
	*res = proc_make(dir, &proc_pid_dir, pid, -1);
	return *res ? 0 : -ENOMEM;
}

static const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
};

static unsigned int entry_dtype(const struct proc_entry *e)
{
	return S_DT(e->mode);
}

/* readlink and path walks: a fixed target, or the entry's get_link for
 * its task. */
static int proc_get_link(struct inode *inode, char *buf, int buflen, struct inode **jump)
{
	const struct proc_entry *e = PROC_I(inode)->entry;
	pid_t pid = PROC_I(inode)->pid;
	struct task_struct *task = NULL;
	int ret;

	if (e->link) {
		int len = (int)strlen(e->link);

		if (len > buflen)
			return -ENAMETOOLONG;
		memcpy(buf, e->link, (size_t)len);
		return len;
	}
	if (pid && !(task = proc_get_task(pid)))
		return -ENOENT;
	if (task && e->owner_only && !proc_may_access(task))
		ret = -EACCES;
	else
		ret = e->get_link(task, PROC_I(inode)->fd, buf, buflen, jump);
	if (task)
		put_task_struct(task);
	return ret;
}

static const struct inode_operations proc_link_iops = {
	.get_link = proc_get_link,
};

/*
 * readdir: 0 is ".", 1 is "..", 2 .. n+1 the table's n entries; in /proc,
 * then each process at n+2+pid, in pid order, so a reader that stops and
 * goes on finds the processes that are still there. fd/ lists the open
 * descriptors from 2 on (its entry's iterate).
 */
static int proc_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file->f_inode;
	const struct proc_entry *table = dir_table(dir);
	loff_t n = 0;
	char name[16];

	if (PROC_I(dir)->pid && !pid_alive(PROC_I(dir)->pid))
		return -ENOENT;                 /* reaped since it was opened, as Linux */
	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 1, dir->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct inode *up = PROC_I(dir)->parent ? PROC_I(dir)->parent : proc_parent;

		if (!ctx->actor(ctx, "..", 2, 2, up->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	if (PROC_I(dir)->entry && PROC_I(dir)->entry->iterate) {
		struct task_struct *task = proc_get_task(PROC_I(dir)->pid);
		int err;

		if (!task)
			return -ENOENT;
		err = PROC_I(dir)->entry->iterate(task, ctx, 2);
		put_task_struct(task);
		return err;
	}
	while (table[n].name)
		n++;
	for (; ctx->pos < 2 + n; ctx->pos++) {
		const struct proc_entry *e = &table[ctx->pos - 2];

		if (!ctx->actor(ctx, e->name, (int)strlen(e->name), ctx->pos + 1,
				0x1000 + (u64)ctx->pos, entry_dtype(e)))
			return 0;
	}
	if (dir != proc_root)
		return 0;
	loff_t base = 2 + n;
	for (struct task_struct *p; (p = find_get_task_by_pid_from((pid_t)(ctx->pos - base)));) {
		pid_t pid = p->pid;
		int len = scnprintf(name, sizeof(name), "%d", pid);

		put_task_struct(p);
		if (!ctx->actor(ctx, name, len, base + pid + 1, 0x100000 + (u64)pid, DT_DIR))
			return 0;
		ctx->pos = base + pid + 1;
	}
	return 0;
}

static const struct file_operations proc_dir_fops = {
	.iterate = proc_iterate,
};

/* An open regular /proc file: the text its last read at offset 0 made. */
struct proc_file {
	char *text;
	size_t len;
};

static int proc_reg_open(struct inode *inode, struct file *file)
{
	const struct proc_entry *e = PROC_I(inode)->entry;
	struct proc_file *pf;

	if (e->owner_only) {
		struct task_struct *p = proc_get_task(PROC_I(inode)->pid);
		bool ok = p && proc_may_access(p);

		if (p)
			put_task_struct(p);
		if (!ok)
			return p ? -EACCES : -ESRCH;
	}
	pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	if (!pf)
		return -ENOMEM;
	file->private_data = pf;
	return 0;
}

static void proc_reg_release(struct inode *inode, struct file *file)
{
	struct proc_file *pf = file->private_data;

	(void)inode;
	kfree(pf->text);
	kfree(pf);
}

/* Make the file's text afresh: see "Reading" above. Return: 0 or -errno. */
static int proc_fill(struct file *file, struct proc_file *pf)
{
	const struct proc_entry *e = PROC_I(file->f_inode)->entry;
	pid_t pid = PROC_I(file->f_inode)->pid;
	struct task_struct *task = NULL;
	struct seq_file m = { 0 };
	int err = 0;

	if (pid && !(task = proc_get_task(pid)))
		return -ESRCH;
	for (m.size = PAGE_SIZE;; m.size *= 2) {
		m.buf = kmalloc(m.size, GFP_KERNEL);
		if (!m.buf) {
			err = -ENOMEM;
			break;
		}
		m.count = 0;
		m.overflow = false;
		err = e->show(&m, task);
		if (err || !m.overflow)
			break;
		kfree(m.buf);
		m.buf = NULL;
		if (m.size >= PROC_MAX_TEXT) {
			err = -ENOMEM;
			break;
		}
	}
	if (task)
		put_task_struct(task);
	if (err) {
		kfree(m.buf);
		return err;
	}
	kfree(pf->text);
	pf->text = m.buf;
	pf->len = m.count;
	return 0;
}

static ssize_t proc_reg_read(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	struct proc_file *pf = file->private_data;

	if (!PROC_I(file->f_inode)->entry->show)
		return -EINVAL;
	if (*pos == 0 || !pf->text) {
		int err = proc_fill(file, pf);

		if (err)
			return err;
	}
	if ((u64)*pos >= pf->len)
		return 0;
	size_t copy = min(len, pf->len - (size_t)*pos);
	memcpy(kbuf, pf->text + *pos, copy);
	*pos += (loff_t)copy;
	return (ssize_t)copy;
}

static ssize_t proc_reg_write(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	const struct proc_entry *e = PROC_I(file->f_inode)->entry;
	pid_t pid = PROC_I(file->f_inode)->pid;
	struct task_struct *task = NULL;
	ssize_t ret;

	if (!e->write)
		return -EINVAL;
	if (*pos != 0)
		return -EINVAL;                 /* a value is written whole, at 0 */
	if (pid && !(task = proc_get_task(pid)))
		return -ESRCH;
	ret = e->write(task, kbuf, len);
	if (task)
		put_task_struct(task);
	if (ret > 0)
		*pos += ret;
	return ret;
}

static const struct file_operations proc_reg_fops = {
	.open = proc_reg_open,
	.read = proc_reg_read,
	.write = proc_reg_write,
	.release = proc_reg_release,
};

/* mount -t proc: the one instance (a second mount is -EBUSY). */
static int proc_mount(const char *data, struct inode **root)
{
	(void)data;
	*root = iget(proc_root);
	return 0;
}

const struct file_system_type proc_fs_type = {
	.name = "proc",
	.mount = proc_mount,
};

/*
 * proc_init - make the proc file system (boot mounts it on /proc; root is
 * where ".." of /proc leads when it is not mounted).
 *
 * Context: boot. Return: 0, -ENOMEM.
 */
int proc_init(struct inode *root)
{
	proc_sb = alloc_super(&proc_sops, NULL);
	if (!proc_sb)
		return -ENOMEM;
	proc_sb->s_magic = PROC_SUPER_MAGIC;
	proc_root = new_inode(proc_sb);
	if (!proc_root)
		return -ENOMEM;
	proc_root->i_mode = S_IFDIR | 0555;
	proc_root->i_nlink = 2;
	proc_root->i_op = &proc_dir_iops;
	proc_root->i_fop = &proc_dir_fops;
	proc_parent = root;
	return 0;
}
