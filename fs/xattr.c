/*
 * xattr.c - extended attributes: the get, list, set and remove calls
 * (plain, l- and f- forms), which ls -l, cp -a and install make on every
 * file. No keyhole file system stores extended attributes, so every file
 * answers as a Linux tmpfs file that has none: getxattr finds no value
 * (-ENODATA), listxattr an empty list (0), removexattr nothing to remove
 * (-ENODATA), and setxattr is refused (-EOPNOTSUPP, as Linux's ramfs).
 * A name outside the namespaces Linux knows (user., trusted., security.,
 * system.) is -EOPNOTSUPP. The checks come in Linux's order: the path
 * or descriptor first, then the name (-EFAULT; empty or longer than
 * XATTR_NAME_MAX is -ERANGE), then the flags. Linux's fs/xattr.c.
 */
#include "fs/fdtable.h"
#include "fs/internal.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"
#include "lib/string.h"
#include "mm/uaccess.h"

#define XATTR_NAME_MAX  255
#define XATTR_CREATE    0x1
#define XATTR_REPLACE   0x2

/* The inode of a path (follow: stat-like) or of a descriptor (fd >= 0). */
static long xattr_target(const char *path, int fd, bool follow, struct inode **inode)
{
	struct file *file;

	if (fd < 0)
		return user_path_at(AT_FDCWD, path, follow ? LOOKUP_FOLLOW : 0, inode);
	file = fget((unsigned int)fd);
	if (!file)
		return -EBADF;
	*inode = iget(file->f_inode);
	fput(file);
	return 0;
}

/* Copy the name in: -EFAULT, -ERANGE; else 0 or -EOPNOTSUPP for an unknown namespace. */
static long import_xattr_name(const char *uname)
{
	static const char *const prefixes[] = { "user.", "trusted.", "security.", "system." };
	char name[XATTR_NAME_MAX + 1];
	long n = strncpy_from_user(name, uname, sizeof(name));

	if (n < 0)
		return n;
	if (n == 0 || n == (long)sizeof(name))
		return -ERANGE;
	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
			return 0;
	return -EOPNOTSUPP;
}

static long do_getxattr(const char *path, int fd, bool follow, const char *name)
{
	struct inode *inode;
	long ret = xattr_target(path, fd, follow, &inode);

	if (ret)
		return ret;
	iput(inode);
	ret = import_xattr_name(name);
	return ret ? ret : -ENODATA;
}

static long do_listxattr(const char *path, int fd, bool follow)
{
	struct inode *inode;
	long ret = xattr_target(path, fd, follow, &inode);

	if (ret)
		return ret;
	iput(inode);
	return 0;                       /* no names: an empty list */
}

static long do_setxattr(const char *path, int fd, bool follow, const char *name, int flags)
{
	struct inode *inode;
	long ret = xattr_target(path, fd, follow, &inode);

	if (ret)
		return ret;
	iput(inode);
	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	ret = import_xattr_name(name);
	return ret ? ret : -EOPNOTSUPP;
}

static long do_removexattr(const char *path, int fd, bool follow, const char *name)
{
	struct inode *inode;
	long ret = xattr_target(path, fd, follow, &inode);

	if (ret)
		return ret;
	iput(inode);
	ret = import_xattr_name(name);
	return ret ? ret : -ENODATA;
}

SYSCALL_DEFINE4(getxattr, const char *, path, const char *, name, void *, value, size_t, size)
{
	(void)value;
	(void)size;
	return do_getxattr(path, -1, true, name);
}

SYSCALL_DEFINE4(lgetxattr, const char *, path, const char *, name, void *, value, size_t, size)
{
	(void)value;
	(void)size;
	return do_getxattr(path, -1, false, name);
}

SYSCALL_DEFINE4(fgetxattr, int, fd, const char *, name, void *, value, size_t, size)
{
	(void)value;
	(void)size;
	return fd < 0 ? -EBADF : do_getxattr(NULL, fd, false, name);
}

SYSCALL_DEFINE3(listxattr, const char *, path, char *, list, size_t, size)
{
	(void)list;
	(void)size;
	return do_listxattr(path, -1, true);
}

SYSCALL_DEFINE3(llistxattr, const char *, path, char *, list, size_t, size)
{
	(void)list;
	(void)size;
	return do_listxattr(path, -1, false);
}

SYSCALL_DEFINE3(flistxattr, int, fd, char *, list, size_t, size)
{
	(void)list;
	(void)size;
	return fd < 0 ? -EBADF : do_listxattr(NULL, fd, false);
}

SYSCALL_DEFINE5(setxattr, const char *, path, const char *, name, const void *, value,
		size_t, size, int, flags)
{
	(void)value;
	(void)size;
	return do_setxattr(path, -1, true, name, flags);
}

SYSCALL_DEFINE5(lsetxattr, const char *, path, const char *, name, const void *, value,
		size_t, size, int, flags)
{
	(void)value;
	(void)size;
	return do_setxattr(path, -1, false, name, flags);
}

SYSCALL_DEFINE5(fsetxattr, int, fd, const char *, name, const void *, value, size_t, size,
		int, flags)
{
	(void)value;
	(void)size;
	return fd < 0 ? -EBADF : do_setxattr(NULL, fd, false, name, flags);
}

SYSCALL_DEFINE2(removexattr, const char *, path, const char *, name)
{
	return do_removexattr(path, -1, true, name);
}

SYSCALL_DEFINE2(lremovexattr, const char *, path, const char *, name)
{
	return do_removexattr(path, -1, false, name);
}

SYSCALL_DEFINE2(fremovexattr, int, fd, const char *, name)
{
	return fd < 0 ? -EBADF : do_removexattr(NULL, fd, false, name);
}
