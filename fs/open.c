/*
 * open.c - the system calls that name files: open, openat, close, mkdir,
 * unlink, rmdir, chdir, getcwd, stat and friends, getdents64, truncate,
 * dup, fcntl, chmod, access.
 *
 * A path from user space is first copied into a kernel buffer (getname,
 * -ENAMETOOLONG past PATH_MAX, -EFAULT for a bad pointer, -ENOENT for an
 * empty string), then resolved by the VFS from the process's root (for
 * "/...") or from a start directory: the current directory, or the
 * directory open at dirfd for the *at calls.
 */
#include "fs/fdtable.h"
#include "fs/internal.h"
#include "fs/locks.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

/* Copy a user path into a new kernel buffer (*kpath, kfree it). */
static int getname(const char *upath, char **kpath)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	long n;

	if (!buf)
		return -ENOMEM;
	n = strncpy_from_user(buf, upath, PATH_MAX);
	if (n < 0 || n == PATH_MAX || n == 0) {
		kfree(buf);
		return n < 0 ? (int)n : n == 0 ? -ENOENT : -ENAMETOOLONG;
	}
	*kpath = buf;
	return 0;
}

/*
 * The directory relative paths start from: the current directory, or the
 * directory open at dirfd. *dir gets a reference (iput it).
 */
static int start_dir(int dirfd, struct inode **dir)
{
	if (dirfd == AT_FDCWD) {
		*dir = iget(current->fs->pwd);
		return 0;
	}
	struct file *f = fget((unsigned int)dirfd);
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode)) {
		fput(f);
		return -ENOTDIR;
	}
	*dir = iget(f->f_inode);
	fput(f);
	return 0;
}

/*
 * path_begin - copy a user path in and find the directory it starts from
 * (the cwd for AT_FDCWD, else the directory open at dirfd); path_end()
 * undoes it.
 *
 * Context: may sleep.
 * Return: 0, -EFAULT, -ENOENT (empty), -ENAMETOOLONG, -ENOMEM, -EBADF,
 * -ENOTDIR (dirfd is not a directory).
 */
long path_begin(int dirfd, const char *user_path, struct upath *p)
{
	long ret = getname(user_path, &p->name);

	if (ret)
		return ret;
	ret = start_dir(dirfd, &p->dir);
	if (ret) {
		kfree(p->name);
		return ret;
	}
	p->root = current->fs->root;
	return 0;
}

/* path_end - drop what path_begin() took. Context: may sleep. */
void path_end(struct upath *p)
{
	iput(p->dir);
	kfree(p->name);
}

static long do_openat(int dirfd, const char *user_path, int flags, umode_t mode)
{
	struct file *file;
	struct upath p;
	long fd = path_begin(dirfd, user_path, &p);

	if (fd)
		return fd;
	fd = vfs_open(p.root, p.dir, p.name, flags, mode & ~current->fs_umask & 07777, &file);
	if (fd >= 0)
		file_set_name(file, p.root, dirfd == AT_FDCWD ? NULL : p.dir, p.name);
	path_end(&p);
	if (fd < 0)
		return fd;
	fd = fd_install_lowest(file, 0, flags & O_CLOEXEC);
	if (fd < 0)
		fput(file);
	return fd;
}

SYSCALL_DEFINE3(open, const char *, path, int, flags, umode_t, mode)
{
	return do_openat(AT_FDCWD, path, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dirfd, const char *, path, int, flags, umode_t, mode)
{
	return do_openat(dirfd, path, flags, mode);
}

SYSCALL_DEFINE2(creat, const char *, path, umode_t, mode)
{
	return do_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	return close_fd(fd);
}

enum path_op { OP_MKDIR, OP_UNLINK, OP_RMDIR };

static long path_op(int dirfd, const char *user_path, enum path_op op, umode_t mode)
{
	struct upath p;
	long ret = path_begin(dirfd, user_path, &p);

	if (ret)
		return ret;
	switch (op) {
	case OP_MKDIR:
		ret = vfs_mkdir(p.root, p.dir, p.name, mode & ~current->fs_umask & 07777);
		break;
	case OP_UNLINK:
		ret = vfs_unlink(p.root, p.dir, p.name);
		break;
	case OP_RMDIR:
		ret = vfs_rmdir(p.root, p.dir, p.name);
		break;
	}
	path_end(&p);
	return ret;
}

SYSCALL_DEFINE2(mkdir, const char *, path, umode_t, mode)
{
	return path_op(AT_FDCWD, path, OP_MKDIR, mode);
}

SYSCALL_DEFINE3(mkdirat, int, dirfd, const char *, path, umode_t, mode)
{
	return path_op(dirfd, path, OP_MKDIR, mode);
}

SYSCALL_DEFINE1(unlink, const char *, path)
{
	return path_op(AT_FDCWD, path, OP_UNLINK, 0);
}

SYSCALL_DEFINE1(rmdir, const char *, path)
{
	return path_op(AT_FDCWD, path, OP_RMDIR, 0);
}

SYSCALL_DEFINE3(unlinkat, int, dirfd, const char *, path, int, flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return path_op(dirfd, path, flags & AT_REMOVEDIR ? OP_RMDIR : OP_UNLINK, 0);
}

SYSCALL_DEFINE1(umask, umode_t, mask)
{
	umode_t old = current->fs_umask;

	current->fs_umask = mask & 0777;
	return old;
}

/* The absolute, normalised form of path seen from directory cwd ("/a/b"). */
static int resolve_path_string(const char *cwd, const char *path, char *out)
{
	char *tmp = kmalloc(2 * PATH_MAX, GFP_KERNEL);
	size_t len = 0;

	if (!tmp)
		return -ENOMEM;
	if (path[0] == '/')
		strlcpy(tmp, path, 2 * PATH_MAX);
	else
		scnprintf(tmp, 2 * PATH_MAX, "%s/%s", cwd, path);
	out[0] = '\0';
	for (char *p = tmp; *p;) {
		while (*p == '/')
			p++;
		char *start = p;
		while (*p && *p != '/')
			p++;
		size_t n = (size_t)(p - start);
		if (n == 0 || (n == 1 && start[0] == '.'))
			continue;
		if (n == 2 && start[0] == '.' && start[1] == '.') {
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;          /* the slash too */
			out[len] = '\0';
			continue;
		}
		if (len + 1 + n >= PATH_MAX) {
			kfree(tmp);
			return -ENAMETOOLONG;
		}
		out[len++] = '/';
		memcpy(out + len, start, n);
		len += n;
		out[len] = '\0';
	}
	if (len == 0)
		strlcpy(out, "/", PATH_MAX);
	kfree(tmp);
	return 0;
}

/*
 * file_set_name - remember the path file was opened by, for /proc's fd
 * links, exe and maps (file->f_name): absolute, normalised as getcwd's
 * (resolve_path_string), from directory dir's path (vfs_path_of), or from
 * the current directory's when dir is NULL. Best effort: without memory,
 * no name.
 *
 * Context: may sleep; file is new (nobody else sees it yet).
 */
void file_set_name(struct file *file, struct inode *root, struct inode *dir, const char *path)
{
	char *base = NULL, *name = kmalloc(PATH_MAX, GFP_KERNEL);

	if (!name)
		return;
	if (path[0] != '/' && dir) {
		base = kmalloc(PATH_MAX, GFP_KERNEL);
		if (!base || vfs_path_of(root, dir, base, PATH_MAX) < 0)
			goto out_free;
	}
	if (resolve_path_string(base ? base : current->fs->cwd, path, name) == 0)
		file->f_name = kstrdup(name, GFP_KERNEL);
out_free:
	kfree(base);
	kfree(name);
}

static long do_chdir(struct inode *target, const char *newpath)
{
	struct fs_struct *fs = current->fs;

	long err = S_ISDIR(target->i_mode) ? inode_permission(target, MAY_EXEC) : -ENOTDIR;

	if (!err && newpath)
		err = set_fs_pwd_path(fs, newpath);
	if (err) {
		iput(target);
		return err;
	}
	struct inode *old = fs->pwd;

	WRITE_ONCE(fs->pwd, target);    /* published before the old one goes: /proc reads it */
	iput(old);
	return 0;
}

SYSCALL_DEFINE1(chdir, const char *, path)
{
	char *newpath = kmalloc(PATH_MAX, GFP_KERNEL);
	struct inode *target;
	struct upath p;
	long ret;

	if (!newpath)
		return -ENOMEM;
	ret = path_begin(AT_FDCWD, path, &p);
	if (!ret) {
		ret = vfs_lookup(p.root, p.dir, p.name, &target);
		/* getcwd's string: the directory's real path (a link on the
		 * way resolved, as Linux's d_path), found by walking up; where
		 * that cannot name it, the path as written, made absolute. */
		if (!ret && (!S_ISDIR(target->i_mode) ||
			     vfs_path_of(p.root, target, newpath, PATH_MAX) < 0)) {
			ret = resolve_path_string(current->fs->cwd, p.name, newpath);
			if (ret)
				iput(target);
		}
		path_end(&p);
	}
	if (!ret)
		ret = do_chdir(target, newpath);
	kfree(newpath);
	return ret;
}

/*
 * getcwd(2): the working directory's path as it is now, found by walking
 * up from it (so a rename of a directory above it shows), -ENOENT once it
 * was removed, as Linux; where no walk can name it (inside /proc) the
 * path chdir kept.
 */
SYSCALL_DEFINE2(getcwd, char *, buf, size_t, size)
{
	struct fs_struct *fs = current->fs;
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	const char *cwd = fs->cwd;
	long ret = 0;
	size_t len;

	if (!path)
		return -ENOMEM;
	if (fs->pwd->i_nlink == 0)
		ret = -ENOENT;                  /* removed */
	else if (vfs_path_of(fs->root, fs->pwd, path, PATH_MAX) >= 0)
		cwd = path;
	if (!ret) {
		len = strlen(cwd) + 1;
		if (size < len)
			ret = -ERANGE;
		else if (copy_to_user(buf, cwd, len))
			ret = -EFAULT;
		else
			ret = (long)len;
	}
	kfree(path);
	return ret;
}

static long stat_inode(struct inode *inode, struct stat *ust)
{
	struct stat st;
	int ret = vfs_stat(inode, &st);

	if (ret)
		return ret;
	return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

/*
 * user_path_at - the inode a user path names (a reference: iput it).
 * lookup_flags has LOOKUP_FOLLOW to follow a symbolic link in the last
 * component.
 *
 * Context: may sleep.
 * Return: 0, or the errors of path_begin() and vfs_lookup_flags().
 */
long user_path_at(int dirfd, const char *user_path, unsigned int lookup_flags,
		  struct inode **inode)
{
	struct upath p;
	long ret = path_begin(dirfd, user_path, &p);

	if (ret)
		return ret;
	ret = vfs_lookup_flags(p.root, p.dir, p.name, lookup_flags, inode);
	path_end(&p);
	return ret;
}

static long lookup_user_path(int dirfd, const char *user_path, struct inode **inode)
{
	return user_path_at(dirfd, user_path, LOOKUP_FOLLOW, inode);
}

static long stat_path(int dirfd, const char *user_path, unsigned int lookup_flags,
		      struct stat *ust)
{
	struct inode *inode;
	long ret = user_path_at(dirfd, user_path, lookup_flags, &inode);

	if (ret)
		return ret;
	ret = stat_inode(inode, ust);
	iput(inode);
	return ret;
}

SYSCALL_DEFINE2(stat, const char *, path, struct stat *, st)
{
	return stat_path(AT_FDCWD, path, LOOKUP_FOLLOW, st);
}

SYSCALL_DEFINE2(lstat, const char *, path, struct stat *, st)
{
	return stat_path(AT_FDCWD, path, 0, st);
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, struct stat *, st)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = stat_inode(file->f_inode, st);
	fput(file);
	return ret;
}

/*
 * newfstatat takes the flags Linux's vfs_fstatat takes: AT_NO_AUTOMOUNT and
 * statx's sync hints mean nothing here but are no error (glibc's statx
 * emulation passes AT_NO_AUTOMOUNT, as coreutils' ls asks for it).
 */
#ifndef AT_NO_AUTOMOUNT
#define AT_NO_AUTOMOUNT         0x800   /* do not mount an automount point (there are none) */
#endif
#ifndef AT_STATX_SYNC_TYPE
#define AT_STATX_SYNC_TYPE      0x6000  /* statx's sync hints: nothing to sync here */
#endif
SYSCALL_DEFINE4(newfstatat, int, dirfd, const char *, path, struct stat *, st, int, flags)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if (flags & AT_EMPTY_PATH) {
		char c;

		if (get_user(c, path))
			return -EFAULT;
		if (c == '\0')
			return __x64_sys_fstat(&(struct pt_regs){ .rdi = (unsigned long)dirfd,
								   .rsi = (unsigned long)st });
	}
	return stat_path(dirfd, path, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, st);
}

/*
 * A copy of count records' bytes that reached the user only in part:
 * as Linux's, the whole records that arrived count, and the directory
 * resumes after the last of them (before the first if none did: -EFAULT).
 */
static long getdents_short(struct file *file, loff_t start, const char *kbuf, size_t copied)
{
	const struct linux_dirent64 *d;
	size_t done = 0;

	file->f_pos = start;
	while (done + sizeof(*d) <= copied) {
		d = (const struct linux_dirent64 *)(kbuf + done);
		if (done + d->d_reclen > copied)
			break;
		file->f_pos = d->d_off;
		done += d->d_reclen;
	}
	return done ? (long)done : -EFAULT;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, void *, dirent, unsigned int, count)
{
	struct file *file = fget(fd);
	void *kbuf;
	long ret;
	loff_t start;

	if (!file)
		return -EBADF;
	count = min(count, (unsigned int)PAGE_SIZE);
	kbuf = kmalloc(count ? count : 1, GFP_KERNEL);
	if (!kbuf) {
		fput(file);
		return -ENOMEM;
	}
	start = file->f_pos;
	ret = vfs_getdents64(file, kbuf, count);
	if (ret > 0) {
		size_t left = copy_to_user(dirent, kbuf, (size_t)ret);

		if (left)
			ret = getdents_short(file, start, kbuf, (size_t)ret - left);
	}
	kfree(kbuf);
	fput(file);
	return ret;
}

SYSCALL_DEFINE2(truncate, const char *, path, loff_t, length)
{
	struct inode *inode;
	long ret;

	if (length < 0)
		return -EINVAL;
	ret = lookup_user_path(AT_FDCWD, path, &inode);
	if (ret)
		return ret;
	ret = vfs_truncate(inode, length);
	iput(inode);
	return ret;
}

/* ftruncate needs a descriptor open for writing, not write permission now. */
SYSCALL_DEFINE2(ftruncate, unsigned int, fd, loff_t, length)
{
	struct file *file;
	long ret;

	if (length < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	if (!S_ISREG(file->f_inode->i_mode) || !(file->f_mode & FMODE_WRITE))
		ret = -EINVAL;
	else
		ret = do_truncate(file->f_inode, length);
	fput(file);
	return ret;
}

SYSCALL_DEFINE1(dup, unsigned int, oldfd)
{
	struct file *file = fget(oldfd);
	int fd;

	if (!file)
		return -EBADF;
	fd = fd_install_lowest(file, 0, false);
	if (fd < 0)
		fput(file);
	return fd;
}

/* dup2/dup3: put oldfd's file at newfd, closing what was there. */
static long do_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct files_struct *files = current->files;
	struct file *file, *old = NULL;
	unsigned long irqflags;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (newfd >= NR_OPEN)
		return -EBADF;
	file = fget(oldfd);
	if (!file)
		return -EBADF;
	spin_lock_irqsave(&files->file_lock, irqflags);
	old = files->fd[newfd];
	files->fd[newfd] = file;
	files->fd_end = max(files->fd_end, newfd + 1);
	if (flags & O_CLOEXEC)
		set_bit(newfd, files->close_on_exec);
	else
		clear_bit(newfd, files->close_on_exec);
	spin_unlock_irqrestore(&files->file_lock, irqflags);
	if (old)
		filp_close(old, files);
	return newfd;
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	if (oldfd == newfd) {
		struct file *file = fget(oldfd);

		if (!file)
			return -EBADF;
		fput(file);
		return newfd;
	}
	return do_dup3(oldfd, newfd, 0);
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	if (oldfd == newfd)
		return -EINVAL;
	return do_dup3(oldfd, newfd, flags);
}

/* The status flags F_SETFL may change, as Linux. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | FASYNC)

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct files_struct *files = current->files;
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = arg >= NR_OPEN ? -EINVAL :
		      fd_install_lowest(get_file(file), (unsigned int)arg, cmd == F_DUPFD_CLOEXEC);
		if (ret < 0 && arg < NR_OPEN)
			fput(file);             /* the reference the table refused */
		break;
	case F_GETFD:
		ret = test_bit(fd, files->close_on_exec) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		if (arg & FD_CLOEXEC)
			set_bit(fd, files->close_on_exec);
		else
			clear_bit(fd, files->close_on_exec);
		ret = 0;
		break;
	case F_GETFL:
		ret = file->f_flags | (file->f_mode & FMODE_WRITE ?
				       (file->f_mode & FMODE_READ ? O_RDWR : O_WRONLY) : O_RDONLY);
		break;
	case F_SETFL:
		file->f_flags = (file->f_flags & ~SETFL_MASK) | ((unsigned int)arg & SETFL_MASK);
		ret = 0;
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		ret = fcntl_lock(file, cmd, (void *)arg);
		break;
	default:
		ret = -EINVAL;
	}
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = file->f_op && file->f_op->ioctl ? file->f_op->ioctl(file, cmd, arg) : -ENOTTY;
	fput(file);
	return ret;
}

/*
 * Set the permission bits of inode (the type bits stay). Only its owner or
 * CAP_FOWNER may; the set-group-ID bit is dropped unless the caller is in
 * the file's group or has CAP_FSETID (Linux's setattr_prepare and
 * setattr_copy).
 */
static long chmod_inode(struct inode *inode, umode_t mode)
{
	if (sb_rdonly(inode->i_sb))
		return -EROFS;
	if (current->fsuid != inode->i_uid && !capable(CAP_FOWNER))
		return -EPERM;
	if (!in_group_p(inode->i_gid) && !capable(CAP_FSETID))
		mode &= (umode_t)~S_ISGID;
	mutex_lock(&inode->i_mutex);
	inode->i_mode = (umode_t)((inode->i_mode & S_IFMT) | (mode & 07777));
	inode->i_ctime = current_time();
	mutex_unlock(&inode->i_mutex);
	return 0;
}

static long chmod_path(int dirfd, const char *user_path, umode_t mode)
{
	struct inode *inode;
	long ret = lookup_user_path(dirfd, user_path, &inode);

	if (ret)
		return ret;
	ret = chmod_inode(inode, mode);
	iput(inode);
	return ret;
}

SYSCALL_DEFINE2(chmod, const char *, path, umode_t, mode)
{
	return chmod_path(AT_FDCWD, path, mode);
}

SYSCALL_DEFINE3(fchmodat, int, dirfd, const char *, path, umode_t, mode)
{
	return chmod_path(dirfd, path, mode);
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = chmod_inode(file->f_inode, mode);
	fput(file);
	return ret;
}

/*
 * access(2) asks with the REAL user and group ids, the walk included
 * (Linux's faccessat swaps them in as the fs ids; with the fs ids go the
 * capabilities, so a real root passes all but X_OK on a file with no x
 * bit). R_OK, W_OK and X_OK are MAY_READ, MAY_WRITE and MAY_EXEC.
 */
#define AT_EACCESS      0x200           /* faccessat2: check with the effective ids */

static long do_faccessat(int dirfd, const char *path, int mode, int flags)
{
	struct task_struct *c = current;
	u32 fsuid = c->fsuid, fsgid = c->fsgid;
	struct inode *inode;
	long ret;

	if (mode & ~7)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(flags & AT_EACCESS)) {
		c->fsuid = c->uid;
		c->fsgid = c->gid;
	}
	ret = -1;
	if (flags & AT_EMPTY_PATH) {
		char ch;

		if (get_user(ch, path)) {
			ret = -EFAULT;
		} else if (ch == '\0' && dirfd == AT_FDCWD) {
			inode = iget(c->fs->pwd);
			ret = 0;
		} else if (ch == '\0') {
			struct file *f = fget((unsigned int)dirfd);

			ret = f ? 0 : -EBADF;
			if (f) {
				inode = iget(f->f_inode);
				fput(f);
			}
		}
	}
	if (ret == -1)
		ret = user_path_at(dirfd, path, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW,
				   &inode);
	if (!ret) {
		ret = mode ? inode_permission(inode, mode) : 0;
		iput(inode);
	}
	c->fsuid = fsuid;
	c->fsgid = fsgid;
	return ret;
}

SYSCALL_DEFINE2(access, const char *, path, int, mode)
{
	return do_faccessat(AT_FDCWD, path, mode, 0);
}

SYSCALL_DEFINE3(faccessat, int, dirfd, const char *, path, int, mode)
{
	return do_faccessat(dirfd, path, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dirfd, const char *, path, int, mode, int, flags)
{
	return do_faccessat(dirfd, path, mode, flags);
}

/* fchdir(2): the directory open at fd becomes the working directory. */
SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	char *newpath = kmalloc(PATH_MAX, GFP_KERNEL);
	struct file *file = fget(fd);
	long ret;

	if (!newpath || !file) {
		kfree(newpath);
		fput(file);
		return file ? -ENOMEM : -EBADF;
	}
	/* The path for getcwd (keyhole keeps it as a string): found by
	 * walking up; a directory removed since it was opened has none. */
	if (!S_ISDIR(file->f_inode->i_mode))
		ret = -ENOTDIR;
	else
		ret = vfs_path_of(current->fs->root, file->f_inode, newpath, PATH_MAX);
	if (ret >= 0)
		ret = do_chdir(iget(file->f_inode), newpath);
	fput(file);
	kfree(newpath);
	return ret;
}

/* mknod(2), mknodat(2): device nodes need CAP_MKNOD (root); FIFOs and files anyone. */
static long do_mknodat(int dirfd, const char *path, umode_t mode, unsigned int dev)
{
	struct upath p;
	long ret;

	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !capable(CAP_MKNOD))
		return -EPERM;
	ret = path_begin(dirfd, path, &p);
	if (ret)
		return ret;
	ret = vfs_mknod(p.root, p.dir, p.name, (umode_t)((mode & S_IFMT) |
							   (mode & ~current->fs_umask & 07777)),
			MKDEV((dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & 0xfff00)));
	path_end(&p);
	return ret;
}

SYSCALL_DEFINE3(mknod, const char *, path, umode_t, mode, unsigned int, dev)
{
	return do_mknodat(AT_FDCWD, path, mode, dev);
}

SYSCALL_DEFINE4(mknodat, int, dirfd, const char *, path, umode_t, mode, unsigned int, dev)
{
	return do_mknodat(dirfd, path, mode, dev);
}
