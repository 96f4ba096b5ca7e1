/*
 * fdtable.c - file descriptors: small integers naming a process's open
 * files.
 *
 * files_struct.fd[n] is the struct file behind descriptor n (one
 * reference each: the same file may sit at several numbers after dup, or
 * in several processes after fork). A new descriptor is always the lowest
 * free number, as POSIX requires. close_on_exec marks those that execve
 * closes (O_CLOEXEC, FD_CLOEXEC).
 *
 * fs_struct holds the process's root and current directory as inode
 * references, plus the current directory's path as a string: keyhole's VFS
 * has no dentries to walk back up, so chdir keeps the string up to date
 * and getcwd returns it. The string is allocated to its length (not
 * PATH_MAX inside the struct: that was 4 KiB, 8 KiB with the rest, per
 * process).
 *
 * Locking: files->file_lock (a spinlock; nothing sleeps under it) guards
 * fd[] and close_on_exec. fget() takes a reference to the file under it,
 * so the file stays alive for the caller even if another fork sharer
 * closes the descriptor.
 */
#include "fs/fdtable.h"
#include "fs/locks.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "lib/string.h"
#include "mm/slab.h"

/* files_alloc - an empty descriptor table. Return: it, or NULL. */
struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	atomic_set(&files->count, 1);
	spin_lock_init(&files->file_lock);
	return files;
}

/* dup_files - fork: the same open files at the same numbers. */
struct files_struct *dup_files(struct files_struct *old)
{
	struct files_struct *files = files_alloc();
	unsigned long flags;

	if (!files)
		return NULL;
	spin_lock_irqsave(&old->file_lock, flags);
	for (unsigned int fd = 0; fd < old->fd_end; fd++)
		if (old->fd[fd])
			files->fd[fd] = get_file(old->fd[fd]);
	files->fd_end = old->fd_end;
	memcpy(files->close_on_exec, old->close_on_exec, sizeof(files->close_on_exec));
	spin_unlock_irqrestore(&old->file_lock, flags);
	return files;
}

/* put_files - drop a user of files; the last one closes everything. */
void put_files(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
		return;
	for (unsigned int fd = 0; fd < files->fd_end; fd++)
		if (files->fd[fd])
			filp_close(files->fd[fd], files);
	kfree(files);
}

/* close_on_exec - execve: close every descriptor marked close-on-exec. */
void close_on_exec(struct files_struct *files)
{
	for (unsigned int fd = 0; fd < files->fd_end; fd++)
		if (test_bit(fd, files->close_on_exec))
			close_fd((unsigned int)fd);
}

/* fs_alloc - root and current directory both at root. */
struct fs_struct *fs_alloc(struct inode *root)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->cwd = kstrdup("/", GFP_KERNEL);
	if (!fs->cwd) {
		kfree(fs);
		return NULL;
	}
	fs->root = iget(root);
	fs->pwd = iget(root);
	return fs;
}

/* dup_fs - fork: the child starts where the parent is. */
struct fs_struct *dup_fs(struct fs_struct *old)
{
	struct fs_struct *fs = kmalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	*fs = *old;
	fs->cwd = kstrdup(old->cwd, GFP_KERNEL);
	if (!fs->cwd) {
		kfree(fs);
		return NULL;
	}
	iget(fs->root);
	iget(fs->pwd);
	return fs;
}

/*
 * set_fs_pwd_path - make path (a copy of it) the current directory's path.
 *
 * Context: process context; fs is the caller's.
 * Return: 0, or -ENOMEM (fs unchanged).
 */
int set_fs_pwd_path(struct fs_struct *fs, const char *path)
{
	char *copy = kstrdup(path, GFP_KERNEL);

	if (!copy)
		return -ENOMEM;
	char *old = fs->cwd;

	WRITE_ONCE(fs->cwd, copy);      /* published before the old one goes: /proc reads it */
	kfree(old);
	return 0;
}

/* put_fs - exit: let go of the directories. */
void put_fs(struct fs_struct *fs)
{
	iput(fs->root);
	iput(fs->pwd);
	kfree(fs->cwd);
	kfree(fs);
}

/*
 * fget - the open file behind descriptor fd of the current process, with
 * a reference the caller must fput().
 *
 * Return: the file, or NULL for a descriptor that is not open.
 */
struct file *fget(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *file = NULL;
	unsigned long flags;

	if (!files || fd >= NR_OPEN)
		return NULL;
	spin_lock_irqsave(&files->file_lock, flags);
	if (files->fd[fd])
		file = get_file(files->fd[fd]);
	spin_unlock_irqrestore(&files->file_lock, flags);
	return file;
}

/*
 * fdget - the open file behind descriptor fd, for the length of the
 * current system call (read, write), given back with fdput().
 *
 * When the table is this task's alone (files->count 1: no clone with
 * CLONE_FILES shares it), only this task could close fd, and it does not
 * while in the call: the table's reference keeps the file, and none is
 * taken (no lock either: nobody else changes the table). A shared table
 * gets fget()'s reference. Linux's __fget_light does the same.
 *
 * Context: process context; the call must not close or replace fd.
 * Return: the file (NULL for a descriptor that is not open) and whether
 * fdput must drop a reference.
 */
struct fd fdget(unsigned int fd)
{
	struct files_struct *files = current->files;

	if (files && atomic_read(&files->count) == 1) {
		if (fd >= NR_OPEN)
			return (struct fd){ NULL, false };
		return (struct fd){ files->fd[fd], false };
	}
	struct file *file = fget(fd);
	return (struct fd){ file, file != NULL };
}

/*
 * fd_install_lowest - give file (whose reference the table takes over) the
 * lowest free descriptor >= from.
 *
 * Return: the descriptor, or -EMFILE when none is free (the reference is
 * then the caller's to drop), -EINVAL if from is out of range.
 */
int fd_install_lowest(struct file *file, unsigned int from, bool cloexec)
{
	struct files_struct *files = current->files;
	unsigned long flags;
	int ret = -EMFILE;

	if (from >= NR_OPEN)
		return -EINVAL;
	spin_lock_irqsave(&files->file_lock, flags);
	for (unsigned int fd = from; fd < NR_OPEN; fd++) {
		if (!files->fd[fd]) {
			files->fd[fd] = file;
			files->fd_end = max(files->fd_end, fd + 1);
			if (cloexec)
				set_bit(fd, files->close_on_exec);
			else
				clear_bit(fd, files->close_on_exec);
			ret = (int)fd;
			break;
		}
	}
	spin_unlock_irqrestore(&files->file_lock, flags);
	return ret;
}

/*
 * close_fd - close descriptor fd of the current process.
 *
 * Return: 0, or -EBADF if it was not open.
 */
int close_fd(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *file = NULL;
	unsigned long flags;

	if (!files || fd >= NR_OPEN)
		return -EBADF;
	spin_lock_irqsave(&files->file_lock, flags);
	file = files->fd[fd];
	files->fd[fd] = NULL;
	clear_bit(fd, files->close_on_exec);
	spin_unlock_irqrestore(&files->file_lock, flags);
	if (!file)
		return -EBADF;
	filp_close(file, files);
	return 0;
}

/*
 * filp_close - a descriptor of files that held file is gone: the
 * process's POSIX locks on the file go with it (every close does that,
 * as POSIX wants), then the reference.
 *
 * Context: may sleep.
 */
void filp_close(struct file *file, struct files_struct *files)
{
	locks_remove_posix(file, files);
	fput(file);
}
