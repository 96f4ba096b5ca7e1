/*
 * stat.h - file types and permission bits (S_IF*, S_I*), and struct stat in
 * the Linux x86_64 layout that stat(2), fstat(2) and lstat(2) fill.
 *
 * The values are Linux's (include/uapi/linux/stat.h), so a mode travels
 * between keyhole and user space unchanged. The top four bits of a 16-bit
 * mode say what kind of file it is, the low twelve who may do what:
 *
 *	 15    12 11  9 8   6 5   3 2   0
 *	+--------+-----+-----+-----+-----+
 *	|  type  | ugs | usr | grp | oth |      ugs: set-uid, set-gid, sticky
 *	+--------+-----+-----+-----+-----+
 */
#ifndef FS_STAT_H
#define FS_STAT_H

#include "lib/compiler.h"
#include "lib/types.h"

#define S_IFMT          0170000         /* the type field */
#define S_IFSOCK        0140000
#define S_IFLNK         0120000
#define S_IFREG         0100000
#define S_IFBLK         0060000
#define S_IFDIR         0040000
#define S_IFCHR         0020000
#define S_IFIFO         0010000
#define S_ISUID         0004000
#define S_ISGID         0002000
#define S_ISVTX         0001000

#define S_ISLNK(m)      (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)      (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)      (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)      (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)      (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)     (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)     (((m) & S_IFMT) == S_IFSOCK)

#define S_IRWXU         00700
#define S_IRUSR         00400
#define S_IWUSR         00200
#define S_IXUSR         00100
#define S_IRWXG         00070
#define S_IRGRP         00040
#define S_IWGRP         00020
#define S_IXGRP         00010
#define S_IRWXO         00007
#define S_IROTH         00004
#define S_IWOTH         00002
#define S_IXOTH         00001

#define S_IRWXUGO       (S_IRWXU | S_IRWXG | S_IRWXO)
#define S_IALLUGO       (S_ISUID | S_ISGID | S_ISVTX | S_IRWXUGO)   /* every non-type bit */
#define S_IRUGO         (S_IRUSR | S_IRGRP | S_IROTH)
#define S_IWUGO         (S_IWUSR | S_IWGRP | S_IWOTH)
#define S_IXUGO         (S_IXUSR | S_IXGRP | S_IXOTH)

/* A time in struct stat: the layout of struct timespec on x86_64. */
struct stat_time {
	s64 tv_sec;
	s64 tv_nsec;
};

/*
 * struct stat - what stat(2) returns, byte for byte the x86_64 layout
 * (arch/x86/include/uapi/asm/stat.h; musl's <sys/stat.h> agrees). Note
 * st_nlink comes before st_mode and is 64 bits wide on x86_64 only.
 */
struct stat {
	u64 st_dev;                     /* device of the file system, new_encode_dev() */
	u64 st_ino;
	u64 st_nlink;
	u32 st_mode;
	u32 st_uid;
	u32 st_gid;
	u32 __pad0;
	u64 st_rdev;                    /* device a special file stands for */
	s64 st_size;                    /* bytes */
	s64 st_blksize;                 /* the best I/O size */
	s64 st_blocks;                  /* 512-byte units allocated */
	struct stat_time st_atim;
	struct stat_time st_mtim;
	struct stat_time st_ctim;
	s64 __reserved[3];
};

_Static_assert(sizeof(struct stat) == 144, "struct stat is 144 bytes on x86_64");
_Static_assert(offsetof(struct stat, st_nlink) == 16, "st_nlink at 16");
_Static_assert(offsetof(struct stat, st_mode) == 24, "st_mode at 24");
_Static_assert(offsetof(struct stat, st_uid) == 28, "st_uid at 28");
_Static_assert(offsetof(struct stat, st_rdev) == 40, "st_rdev at 40");
_Static_assert(offsetof(struct stat, st_size) == 48, "st_size at 48");
_Static_assert(offsetof(struct stat, st_blocks) == 64, "st_blocks at 64");
_Static_assert(offsetof(struct stat, st_atim) == 72, "st_atim at 72");
_Static_assert(offsetof(struct stat, st_mtim) == 88, "st_mtim at 88");
_Static_assert(offsetof(struct stat, st_ctim) == 104, "st_ctim at 104");

#endif /* FS_STAT_H */
