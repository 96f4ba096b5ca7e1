/*
 * links.c - the system calls on names that point at other names or
 * files: symlink, symlinkat, readlink, readlinkat, link, linkat, rename,
 * renameat, renameat2. Linux's do_symlinkat, do_readlinkat, do_linkat and
 * do_renameat2 (fs/namei.c, fs/stat.c); the work is in namei.c
 * (vfs_symlink, vfs_readlink, vfs_link, vfs_rename).
 */
#include "fs/internal.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

static long do_symlinkat(const char *user_target, int newdirfd, const char *user_path)
{
	char *target = kmalloc(PATH_MAX, GFP_KERNEL);
	struct upath p;
	long ret, n;

	if (!target)
		return -ENOMEM;
	n = strncpy_from_user(target, user_target, PATH_MAX);
	ret = n < 0 ? n : n == 0 ? -ENOENT : n == PATH_MAX ? -ENAMETOOLONG : 0;
	if (!ret)
		ret = path_begin(newdirfd, user_path, &p);
	if (!ret) {
		ret = vfs_symlink(p.root, p.dir, target, p.name);
		path_end(&p);
	}
	kfree(target);
	return ret;
}

SYSCALL_DEFINE2(symlink, const char *, target, const char *, path)
{
	return do_symlinkat(target, AT_FDCWD, path);
}

SYSCALL_DEFINE3(symlinkat, const char *, target, int, newdirfd, const char *, path)
{
	return do_symlinkat(target, newdirfd, path);
}

/* readlink(2): the link's text, truncated to bufsiz, no NUL added. */
static long do_readlinkat(int dirfd, const char *user_path, char *ubuf, int bufsiz)
{
	struct inode *inode;
	char *kbuf;
	long ret;

	if (bufsiz <= 0)
		return -EINVAL;
	ret = user_path_at(dirfd, user_path, 0, &inode);
	if (ret)
		return ret;
	kbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	ret = kbuf ? vfs_readlink(inode, kbuf, min(bufsiz, PATH_MAX)) : -ENOMEM;
	if (ret > 0 && copy_to_user(ubuf, kbuf, (size_t)ret))
		ret = -EFAULT;
	kfree(kbuf);
	iput(inode);
	return ret;
}

SYSCALL_DEFINE3(readlink, const char *, path, char *, buf, int, bufsiz)
{
	return do_readlinkat(AT_FDCWD, path, buf, bufsiz);
}

SYSCALL_DEFINE4(readlinkat, int, dirfd, const char *, path, char *, buf, int, bufsiz)
{
	return do_readlinkat(dirfd, path, buf, bufsiz);
}

static long do_linkat(int olddirfd, const char *user_old, int newdirfd, const char *user_new,
		      int flags)
{
	struct upath oldp, newp;
	long ret;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	ret = path_begin(olddirfd, user_old, &oldp);
	if (ret)
		return ret;
	ret = path_begin(newdirfd, user_new, &newp);
	if (!ret) {
		ret = vfs_link(oldp.root, oldp.dir, oldp.name,
			       flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0, newp.dir, newp.name);
		path_end(&newp);
	}
	path_end(&oldp);
	return ret;
}

SYSCALL_DEFINE2(link, const char *, oldpath, const char *, newpath)
{
	return do_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

SYSCALL_DEFINE5(linkat, int, olddirfd, const char *, oldpath, int, newdirfd,
		const char *, newpath, int, flags)
{
	return do_linkat(olddirfd, oldpath, newdirfd, newpath, flags);
}

static long do_renameat2(int olddirfd, const char *user_old, int newdirfd, const char *user_new,
			 unsigned int flags)
{
	struct upath oldp, newp;
	long ret = path_begin(olddirfd, user_old, &oldp);

	if (ret)
		return ret;
	ret = path_begin(newdirfd, user_new, &newp);
	if (!ret) {
		ret = vfs_rename(oldp.root, oldp.dir, oldp.name, newp.dir, newp.name, flags);
		path_end(&newp);
	}
	path_end(&oldp);
	return ret;
}

SYSCALL_DEFINE2(rename, const char *, oldpath, const char *, newpath)
{
	return do_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

SYSCALL_DEFINE4(renameat, int, olddirfd, const char *, oldpath, int, newdirfd,
		const char *, newpath)
{
	return do_renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

SYSCALL_DEFINE5(renameat2, int, olddirfd, const char *, oldpath, int, newdirfd,
		const char *, newpath, unsigned int, flags)
{
	return do_renameat2(olddirfd, oldpath, newdirfd, newpath, flags);
}
