/*
 * attr.c - changing who owns a file and its times: chown, fchown, lchown,
 * fchownat; utimensat, futimesat, utimes, utime. Linux's fs/open.c
 * (chown_common), fs/attr.c (setattr_prepare, may_setattr, notify_change)
 * and fs/utimes.c, with keyhole's one capability rule (kernel/cred.h).
 *
 * Who may do what, as Linux:
 *   owner   only CAP_CHOWN (root) gives a file to another user; the owner
 *           may "change" it to itself.
 *   group   the owner may give it to a group it belongs to (fsgid or a
 *           supplementary group); CAP_CHOWN to any group. -1 leaves an id.
 *   set-id  a chown of anything but a directory, even by root and even
 *           with -1 and -1, clears S_ISUID, and S_ISGID when group
 *           execute is set (S_ISGID without it marks mandatory locking
 *           and stays); clearing them is a mode change, which needs the
 *           owner or CAP_FOWNER (-EPERM otherwise).
 *   times   "now" for both (times NULL, or both UTIME_NOW) needs the owner,
 *           CAP_FOWNER or write permission (-EACCES); any other time needs
 *           the owner or CAP_FOWNER (-EPERM). UTIME_OMIT leaves one alone;
 *           the change time always becomes now.
 *
 * A read-only mount refuses every change (-EROFS), before any other check.
 *
 * Locking: the inode's i_mutex around the change, nothing else.
 */
#include "fs/fdtable.h"
#include "fs/internal.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "mm/uaccess.h"

#define UTIME_NOW       ((1L << 30) - 1)
#define UTIME_OMIT      ((1L << 30) - 2)

/* inode_owner_or_capable: the caller owns inode, or holds CAP_FOWNER. */
static bool owner_or_capable(const struct inode *inode)
{
	return current->fsuid == inode->i_uid || capable(CAP_FOWNER);
}

/*
 * chown_inode - the rules at the top; uid or gid (u32)-1 is left alone.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0 or -EPERM.
 */
static long chown_inode(struct inode *inode, uid_t uid, gid_t gid)
{
	long err = 0;
	umode_t mode;

	if (sb_rdonly(inode->i_sb))
		return -EROFS;
	mutex_lock(&inode->i_mutex);
	if (uid != (uid_t)-1 && !(current->fsuid == inode->i_uid && uid == inode->i_uid) &&
	    !capable(CAP_CHOWN))
		err = -EPERM;
	if (gid != (gid_t)-1 && !(current->fsuid == inode->i_uid &&
				  (in_group_p(gid) || gid == inode->i_gid)) && !capable(CAP_CHOWN))
		err = -EPERM;
	mode = inode->i_mode;
	if (!S_ISDIR(mode)) {
		if (mode & S_ISUID)
			mode &= (umode_t)~S_ISUID;
		if ((mode & S_ISGID) && (mode & S_IXGRP))
			mode &= (umode_t)~S_ISGID;
		if (mode != inode->i_mode && !owner_or_capable(inode))
			err = -EPERM;
	}
	if (!err) {
		if (uid != (uid_t)-1)
			inode->i_uid = uid;
		if (gid != (gid_t)-1)
			inode->i_gid = gid;
		inode->i_mode = mode;
		inode->i_ctime = current_time();
	}
	mutex_unlock(&inode->i_mutex);
	return err;
}

static long do_fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	struct inode *inode;
	long ret;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_EMPTY_PATH) {
		char c;

		if (get_user(c, path))
			return -EFAULT;
		if (c == '\0') {
			struct file *file = dirfd == AT_FDCWD ? NULL : fget((unsigned int)dirfd);

			if (dirfd == AT_FDCWD)
				return chown_inode(current->fs->pwd, uid, gid);
			if (!file)
				return -EBADF;
			ret = chown_inode(file->f_inode, uid, gid);
			fput(file);
			return ret;
		}
	}
	ret = user_path_at(dirfd, path, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &inode);
	if (ret)
		return ret;
	ret = chown_inode(inode, uid, gid);
	iput(inode);
	return ret;
}

SYSCALL_DEFINE3(chown, const char *, path, uid_t, uid, gid_t, gid)
{
	return do_fchownat(AT_FDCWD, path, uid, gid, 0);
}

SYSCALL_DEFINE3(lchown, const char *, path, uid_t, uid, gid_t, gid)
{
	return do_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE5(fchownat, int, dirfd, const char *, path, uid_t, uid, gid_t, gid, int, flags)
{
	return do_fchownat(dirfd, path, uid, gid, flags);
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, uid_t, uid, gid_t, gid)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = chown_inode(file->f_inode, uid, gid);
	fput(file);
	return ret;
}

/* A time as the user gives it, in ns (kept as s64 in the u64 fields). */
struct utime_req {
	bool set_atime, set_mtime;      /* false: UTIME_OMIT */
	bool atime_now, mtime_now;
	s64 atime, mtime;               /* ns since the epoch */
};

static s64 user_time_to_ns(s64 sec, s64 nsec)
{
	const s64 lim = 9223372035LL;   /* seconds that fit in s64 ns */

	if (sec > lim)
		sec = lim;
	if (sec < -lim)
		sec = -lim;
	return sec * (s64)NSEC_PER_SEC + nsec;
}

/*
 * vfs_utimes - set inode's access and modification times (times NULL:
 * both now). The rules at the top.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, -EACCES, -EPERM.
 */
static long vfs_utimes(struct inode *inode, const struct utime_req *t)
{
	bool touch = !t || (t->atime_now && t->mtime_now);
	u64 now = current_time();
	long err = 0;

	if (sb_rdonly(inode->i_sb))
		return -EROFS;
	mutex_lock(&inode->i_mutex);
	if (touch) {
		if (!owner_or_capable(inode))
			err = inode_permission(inode, MAY_WRITE);
	} else if (!owner_or_capable(inode)) {
		err = -EPERM;
	}
	if (!err) {
		if (!t || t->set_atime)
			inode->i_atime = !t || t->atime_now ? now : (u64)t->atime;
		if (!t || t->set_mtime)
			inode->i_mtime = !t || t->mtime_now ? now : (u64)t->mtime;
		inode->i_ctime = now;
	}
	mutex_unlock(&inode->i_mutex);
	return err;
}

static bool nsec_valid(long nsec)
{
	return nsec == UTIME_OMIT || nsec == UTIME_NOW || (nsec >= 0 && nsec <= 999999999);
}

/* Linux's do_utimes(): a path, or the file at dirfd when path is NULL. */
static long do_utimes(int dirfd, const char *path, const struct utime_req *t, int flags)
{
	struct inode *inode;
	long ret;

	if (!path && dirfd != AT_FDCWD) {
		struct file *file;

		if (flags)
			return -EINVAL;
		file = fget((unsigned int)dirfd);
		if (!file)
			return -EBADF;
		ret = vfs_utimes(file->f_inode, t);
		fput(file);
		return ret;
	}
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_EMPTY_PATH) {
		char c;

		if (get_user(c, path))
			return -EFAULT;
		if (c == '\0' && dirfd == AT_FDCWD)
			return vfs_utimes(current->fs->pwd, t);
		if (c == '\0')
			return do_utimes(dirfd, NULL, t, 0);
	}
	ret = user_path_at(dirfd, path, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &inode);
	if (ret)
		return ret;
	ret = vfs_utimes(inode, t);
	iput(inode);
	return ret;
}

struct kernel_timespec {
	s64 tv_sec;
	long tv_nsec;
};

struct kernel_timeval {
	s64 tv_sec;
	long tv_usec;
};

SYSCALL_DEFINE4(utimensat, int, dirfd, const char *, path, const struct kernel_timespec *,
		utimes, int, flags)
{
	struct kernel_timespec ts[2];
	struct utime_req t;

	if (!utimes)
		return do_utimes(dirfd, path, NULL, flags);
	if (copy_from_user(ts, utimes, sizeof(ts)))
		return -EFAULT;
	if (ts[0].tv_nsec == UTIME_OMIT && ts[1].tv_nsec == UTIME_OMIT)
		return 0;                       /* nothing to do: not even the path is checked */
	if (!nsec_valid(ts[0].tv_nsec) || !nsec_valid(ts[1].tv_nsec))
		return -EINVAL;
	t = (struct utime_req){
		.set_atime = ts[0].tv_nsec != UTIME_OMIT,
		.set_mtime = ts[1].tv_nsec != UTIME_OMIT,
		.atime_now = ts[0].tv_nsec == UTIME_NOW,
		.mtime_now = ts[1].tv_nsec == UTIME_NOW,
		.atime = user_time_to_ns(ts[0].tv_sec, ts[0].tv_nsec),
		.mtime = user_time_to_ns(ts[1].tv_sec, ts[1].tv_nsec),
	};
	return do_utimes(dirfd, path, &t, flags);
}

/* futimesat(2), utimes(2): microseconds, NULL for now; usec out of range is -EINVAL. */
static long do_futimesat(int dirfd, const char *path, const struct kernel_timeval *utimes)
{
	struct kernel_timeval tv[2];
	struct utime_req t;

	if (!utimes)
		return do_utimes(dirfd, path, NULL, 0);
	if (copy_from_user(tv, utimes, sizeof(tv)))
		return -EFAULT;
	if (tv[0].tv_usec < 0 || tv[0].tv_usec >= 1000000 || tv[1].tv_usec < 0 ||
	    tv[1].tv_usec >= 1000000)
		return -EINVAL;
	t = (struct utime_req){
		.set_atime = true,
		.set_mtime = true,
		.atime = user_time_to_ns(tv[0].tv_sec, tv[0].tv_usec * 1000),
		.mtime = user_time_to_ns(tv[1].tv_sec, tv[1].tv_usec * 1000),
	};
	return do_utimes(dirfd, path, &t, 0);
}

SYSCALL_DEFINE3(futimesat, int, dirfd, const char *, path, const struct kernel_timeval *, utimes)
{
	return do_futimesat(dirfd, path, utimes);
}

SYSCALL_DEFINE2(utimes, const char *, path, const struct kernel_timeval *, utimes)
{
	return do_futimesat(AT_FDCWD, path, utimes);
}

/* utime(2): whole seconds, struct utimbuf { actime, modtime }. */
SYSCALL_DEFINE2(utime, const char *, path, const s64 *, times)
{
	struct utime_req t;
	s64 tv[2];

	if (!times)
		return do_utimes(AT_FDCWD, path, NULL, 0);
	if (copy_from_user(tv, times, sizeof(tv)))
		return -EFAULT;
	t = (struct utime_req){
		.set_atime = true,
		.set_mtime = true,
		.atime = user_time_to_ns(tv[0], 0),
		.mtime = user_time_to_ns(tv[1], 0),
	};
	return do_utimes(AT_FDCWD, path, &t, 0);
}
