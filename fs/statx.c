/*
 * statx.c - statx(2), the extended stat that coreutils 9.1's ls, stat and
 * cp call first (Linux's fs/stat.c: do_statx, cp_statx). It reports what
 * vfs_stat() knows in struct statx's layout: the basic fields
 * (STATX_BASIC_STATS) and the mount id (STATX_MNT_ID); no birth time, as
 * Linux 6.1's tmpfs. The mask the caller passes does not limit what is
 * filled (Linux may fill more than asked; it never fills less of the
 * basic set here).
 */
#include "fs/fdtable.h"
#include "fs/internal.h"
#include "fs/mount.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"
#include "lib/string.h"
#include "mm/uaccess.h"

#define STATX_BASIC_STATS       0x000007ffU
#define STATX_MNT_ID            0x00001000U
#define STATX__RESERVED         0x80000000U
#define AT_NO_AUTOMOUNT         0x800
#define AT_STATX_SYNC_TYPE      0x6000

struct statx_timestamp {
	s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

/* struct statx - the x86_64 layout of Linux's include/uapi/linux/stat.h. */
struct statx {
	u32 stx_mask;
	u32 stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink;
	u32 stx_uid;
	u32 stx_gid;
	u16 stx_mode;
	u16 __spare0[1];
	u64 stx_ino;
	u64 stx_size;
	u64 stx_blocks;
	u64 stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major;
	u32 stx_rdev_minor;
	u32 stx_dev_major;
	u32 stx_dev_minor;
	u64 stx_mnt_id;
	u32 stx_dio_mem_align;
	u32 stx_dio_offset_align;
	u64 __spare3[12];
};

_Static_assert(sizeof(struct statx) == 256, "struct statx is 256 bytes");
_Static_assert(offsetof(struct statx, stx_atime) == 64, "stx_atime at 64");
_Static_assert(offsetof(struct statx, stx_rdev_major) == 128, "stx_rdev_major at 128");
_Static_assert(offsetof(struct statx, stx_mnt_id) == 144, "stx_mnt_id at 144");

static struct statx_timestamp to_stx_time(struct stat_time t)
{
	return (struct statx_timestamp){ .tv_sec = t.tv_sec, .tv_nsec = (u32)t.tv_nsec };
}

static long statx_inode(struct inode *inode, struct statx *ubuf)
{
	struct statx stx;
	struct stat st;
	dev_t dev = inode->i_sb->s_dev;
	int err = vfs_stat(inode, &st);

	if (err)
		return err;
	memset(&stx, 0, sizeof(stx));
	stx.stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	stx.stx_blksize = (u32)st.st_blksize;
	stx.stx_nlink = (u32)st.st_nlink;
	stx.stx_uid = st.st_uid;
	stx.stx_gid = st.st_gid;
	stx.stx_mode = (u16)st.st_mode;
	stx.stx_ino = st.st_ino;
	stx.stx_size = (u64)st.st_size;
	stx.stx_blocks = (u64)st.st_blocks;
	stx.stx_atime = to_stx_time(st.st_atim);
	stx.stx_mtime = to_stx_time(st.st_mtim);
	stx.stx_ctime = to_stx_time(st.st_ctim);
	stx.stx_rdev_major = MAJOR(inode->i_rdev);
	stx.stx_rdev_minor = MINOR(inode->i_rdev);
	stx.stx_dev_major = MAJOR(dev);
	stx.stx_dev_minor = MINOR(dev);
	stx.stx_mnt_id = (u64)inode_mnt_id(inode);
	return copy_to_user(ubuf, &stx, sizeof(stx)) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(statx, int, dirfd, const char *, path, unsigned int, flags, unsigned int, mask,
		struct statx *, buf)
{
	struct inode *inode;
	long ret;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (mask & STATX__RESERVED)
		return -EINVAL;
	if (flags & AT_EMPTY_PATH) {
		char c;

		if (get_user(c, path))
			return -EFAULT;
		if (c == '\0') {
			struct file *file;

			if (dirfd == AT_FDCWD)
				return statx_inode(current->fs->pwd, buf);
			file = fget((unsigned int)dirfd);
			if (!file)
				return -EBADF;
			ret = statx_inode(file->f_inode, buf);
			fput(file);
			return ret;
		}
	}
	ret = user_path_at(dirfd, path, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &inode);
	if (ret)
		return ret;
	ret = statx_inode(inode, buf);
	iput(inode);
	return ret;
}
