/*
 * proc_internal.h - what the parts of /proc share: the entry tables that
 * describe its files, and the helpers that read another task's state.
 *
 *	fs/proc.c        the file system: inodes, lookup, readdir, open/read/write
 *	fs/proc_pid.c    /proc/<pid>/...: stat, status, statm, maps, cmdline ...
 *	fs/proc_misc.c   /proc/meminfo, stat, uptime, loadavg, version, cpuinfo,
 *	                 filesystems, sys/kernel/...
 *
 * A directory is a table of struct proc_entry, ended by an entry with no
 * name; Linux builds the same thing as the pid_entry tables of
 * fs/proc/base.c and the proc_dir_entry tree of fs/proc/generic.c.
 */
#ifndef FS_PROC_INTERNAL_H
#define FS_PROC_INTERNAL_H

#include "fs/seq_file.h"
#include "fs/vfs.h"
#include "kernel/sched.h"

struct proc_entry {
	const char *name;
	umode_t mode;                   /* S_IFREG | 0444, S_IFDIR | 0555 ... */
	/*
	 * Regular files: write the whole text into m. task is the process
	 * the file belongs to (with a reference; maybe a zombie), or NULL
	 * outside /proc/<pid>. Return: 0, or -errno for the read.
	 */
	int (*show)(struct seq_file *m, struct task_struct *task);
	/* Optional: take len bytes written at offset 0. Return: len or -errno. */
	ssize_t (*write)(struct task_struct *task, const char *kbuf, size_t len);
	/* Directories: their entries, ended by one with no name. */
	const struct proc_entry *subdir;
	/* Symbolic links (mode S_IFLNK) with a fixed target: the target. */
	const char *link;
	/*
	 * Other symbolic links: the target's text into buf (buflen bytes; return
	 * its length or -errno) and, when jump is not NULL and the link
	 * names an object rather than a path (cwd, exe, fd/N), the inode a
	 * walk lands on, referenced (inode_operations.get_link).
	 */
	int (*get_link)(struct task_struct *task, int fd, char *buf, int buflen,
			struct inode **jump);
	/* Directories whose entries are made from the task (fd/): list
	 * them through actor from pos on, and look one up by name. */
	int (*iterate)(struct task_struct *task, struct dir_context *ctx, loff_t first);
	int (*lookup)(struct task_struct *task, const struct qstr *name, int *fd);
	const struct proc_entry *child;  /* what lookup finds (fd/N) */
	/* Only the task's own user (or root) may open it: environ, maps of
	 * others (Linux's ptrace_may_access(PTRACE_MODE_READ)). */
	bool owner_only;
};

extern const struct proc_entry proc_root_entries[];    /* proc_misc.c */
extern const struct proc_entry proc_pid_entries[];     /* proc_pid.c */

/* proc_pid.c */
bool proc_may_access(struct task_struct *task);
int proc_self_get_link(struct task_struct *task, int fd, char *buf, int buflen,
		       struct inode **jump);
struct mm_struct *get_task_mm(struct task_struct *task);

#endif /* FS_PROC_INTERNAL_H */
