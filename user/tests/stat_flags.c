/*
 * stat_flags.c - which flags newfstatat(2) takes: Linux's vfs_fstatat
 * accepts AT_SYMLINK_NOFOLLOW, AT_NO_AUTOMOUNT, AT_EMPTY_PATH and statx's
 * sync hints (AT_STATX_FORCE_SYNC, AT_STATX_DONT_SYNC), and refuses any
 * other bit with EINVAL. glibc's statx() falls back to fstatat with
 * AT_NO_AUTOMOUNT when statx is missing; keyhole refused it, and Debian's
 * `ls` said "Invalid argument" for a file that did not exist.
 */
#include "utest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#ifndef AT_NO_AUTOMOUNT
#define AT_NO_AUTOMOUNT 0x800
#endif
#define AT_STATX_FORCE_SYNC_ 0x2000
#define AT_STATX_DONT_SYNC_ 0x4000
#define AT_RECURSIVE_ 0x8000

static long fstatat_raw(int dirfd, const char *path, struct stat *st, int flags)
{
	return syscall(SYS_newfstatat, dirfd, path, st, flags);
}

static void fstatat_accepts_no_automount(void)
{
	struct stat st;

	CHECK_SYS(fstatat_raw(AT_FDCWD, "/", &st, AT_NO_AUTOMOUNT));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_SYS(fstatat_raw(AT_FDCWD, "/", &st, AT_NO_AUTOMOUNT | AT_SYMLINK_NOFOLLOW));
	/* A missing file is ENOENT, whatever the flags: not EINVAL. */
	CHECK_ERR(fstatat_raw(AT_FDCWD, "/nonexistent-stat-flags", &st, AT_NO_AUTOMOUNT), ENOENT);
}

static void fstatat_accepts_sync_hints(void)
{
	struct stat st;

	CHECK_SYS(fstatat_raw(AT_FDCWD, "/", &st, AT_STATX_FORCE_SYNC_));
	CHECK_SYS(fstatat_raw(AT_FDCWD, "/", &st, AT_STATX_DONT_SYNC_));
}

static void fstatat_empty_path_with_no_automount(void)
{
	struct stat a, b;
	int fd = open("/", O_RDONLY | O_DIRECTORY);

	if (!CHECK_SYS(fd))
		return;
	CHECK_SYS(fstatat_raw(fd, "", &a, AT_EMPTY_PATH | AT_NO_AUTOMOUNT));
	CHECK_SYS(fstat(fd, &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	close(fd);
}

static void fstatat_refuses_other_flags(void)
{
	struct stat st;

	CHECK_ERR(fstatat_raw(AT_FDCWD, "/", &st, 0x200), EINVAL);	/* AT_REMOVEDIR */
	CHECK_ERR(fstatat_raw(AT_FDCWD, "/", &st, 0x400), EINVAL);	/* AT_SYMLINK_FOLLOW */
	CHECK_ERR(fstatat_raw(AT_FDCWD, "/", &st, AT_RECURSIVE_), EINVAL);
	CHECK_ERR(fstatat_raw(AT_FDCWD, "/", &st, 1), EINVAL);
	/* The flags are checked before the path is read. */
	CHECK_ERR(fstatat_raw(AT_FDCWD, (const char *)8, &st, 0x200), EINVAL);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(fstatat_accepts_no_automount);
	RUN(fstatat_accepts_sync_hints);
	RUN(fstatat_empty_path_with_no_automount);
	RUN(fstatat_refuses_other_flags);
	return ut_done();
}
