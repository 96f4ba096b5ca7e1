/*
 * chown_utimes_statx.c - chown, fchown, lchown, fchownat (who may give a
 * file to whom, -1, the set-id bits a chown clears); utimensat, futimens,
 * utimes, utime (UTIME_NOW, UTIME_OMIT, NULL, AT_SYMLINK_NOFOLLOW, who
 * may set which time); the times read, write, truncate, chmod and link
 * change; statx against stat. Errno and EFAULT matrices. Linux's answers.
 *
 * Runs as root; the unprivileged rules run in helpers that drop to uid
 * 1000 (gid 1000, supplementary group 2000) for good.
 */
#include "utest.h"

#include <fcntl.h>
#include <stdint.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <utime.h>

/* struct statx and its call, for libcs without them (musl 1.2.3). */
#ifndef SYS_statx
#define SYS_statx 332
#endif
#define T_STATX_BASIC_STATS 0x7ffU
#define T_STATX_ALL 0xfffU

struct t_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t __reserved;
};

struct t_statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, __spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct t_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align, stx_dio_offset_align;
	uint64_t __spare3[12];
};

static int t_statx(int dirfd, const char *path, int flags, unsigned int mask, struct t_statx *b)
{
	return (int)syscall(SYS_statx, dirfd, path, flags, mask, b);
}

#define U1 1000
#define G1 1000
#define G_EXTRA 2000

static char dir[64];

static bool enter_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/chown_utimes.%d", (int)getpid());
	return CHECK_SYS(mkdir(dir, 0777)) && CHECK_SYS(chmod(dir, 0777)) && CHECK_SYS(chdir(dir));
}

static void leave_dir(void)
{
	static const char *names[] = { "f", "g", "l", "d" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		unlink(names[i]);
		rmdir(names[i]);
	}
	chdir("/");
	CHECK_SYS(rmdir(dir));
}

static void make_file(const char *name, mode_t mode)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (CHECK_SYS(fd)) {
		CHECK_EQ(write(fd, "data", 4), 4);
		CHECK_SYS(fchmod(fd, mode));
		close(fd);
	}
}

static bool drop_to_user(void)
{
	gid_t groups[1] = { G_EXTRA };

	return CHECK_SYS(setgroups(1, groups)) && CHECK_SYS(setgid(G1)) && CHECK_SYS(setuid(U1)) &&
	       CHECK_NE(geteuid(), 0);
}

#define AS_USER(...)                                                           \
	do {                                                                   \
		pid_t pid_ = ut_fork();                                        \
		if (pid_ == 0) {                                               \
			if (drop_to_user()) {                                  \
				__VA_ARGS__;                                   \
			}                                                      \
			ut_child_exit();                                       \
		}                                                              \
		CHECK_EXITED(pid_, 0);                                         \
	} while (0)

static mode_t mode_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? st.st_mode & 07777 : 0xffff;
}

static void chown_as_root(void)
{
	struct stat st;

	if (!enter_dir())
		return;
	make_file("f", 0644);
	CHECK_SYS(chown("f", 1234, 5678));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_uid, 1234);
	CHECK_EQ(st.st_gid, 5678);
	CHECK_SYS(chown("f", -1, 42));                  /* -1 leaves the owner */
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_uid, 1234);
	CHECK_EQ(st.st_gid, 42);
	CHECK_SYS(chown("f", 7, -1));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_uid, 7);
	CHECK_EQ(st.st_gid, 42);
	/* Set-id bits go, even for root, even with -1 -1; S_ISGID without g+x stays. */
	CHECK_SYS(chmod("f", 06755));
	CHECK_SYS(chown("f", -1, -1));
	CHECK_EQ(mode_of("f"), 0755);
	CHECK_SYS(chmod("f", 02644));
	CHECK_SYS(chown("f", 0, 0));
	CHECK_EQ(mode_of("f"), 02644);
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(chmod("d", 06755));
	CHECK_SYS(chown("d", 1, 1));
	CHECK_EQ(mode_of("d"), 06755);                  /* directories keep them */
	/* lchown and AT_SYMLINK_NOFOLLOW change the link, chown the target. */
	CHECK_SYS(symlink("f", "l"));
	CHECK_SYS(lchown("l", 99, 98));
	CHECK_SYS(lstat("l", &st));
	CHECK_EQ(st.st_uid, 99);
	CHECK_SYS(stat("l", &st));
	CHECK_EQ(st.st_uid, 0);
	CHECK_SYS(fchownat(AT_FDCWD, "l", 55, -1, AT_SYMLINK_NOFOLLOW));
	CHECK_SYS(lstat("l", &st));
	CHECK_EQ(st.st_uid, 55);
	CHECK_SYS(fchownat(AT_FDCWD, "l", 56, -1, 0));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_uid, 56);
	int fd = open("f", O_RDONLY);
	CHECK_SYS(fchown(fd, 57, 58));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_uid, 57);
	CHECK_EQ(st.st_gid, 58);
	CHECK_SYS(fchownat(fd, "", 59, -1, AT_EMPTY_PATH));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_uid, 59);
	/* The errno matrix. */
	CHECK_ERR(fchownat(AT_FDCWD, "f", 0, 0, 0x1), EINVAL);
	CHECK_ERR(fchownat(fd, "f", 0, 0, 0), ENOTDIR);
	CHECK_ERR(fchownat(-1, "f", 0, 0, 0), EBADF);
	CHECK_ERR(fchown(-1, 0, 0), EBADF);
	CHECK_ERR(fchown(0x7fff, 0, 0), EBADF);
	CHECK_ERR(chown("nope", 0, 0), ENOENT);
	CHECK_ERR(chown("", 0, 0), ENOENT);
	CHECK_ERR(chown("f/x", 0, 0), ENOTDIR);
	CHECK_ERR(syscall(SYS_chown, (char *)1, 0, 0), EFAULT);
	CHECK_ERR(syscall(SYS_lchown, (char *)-4096L, 0, 0), EFAULT);
	CHECK_ERR(syscall(SYS_fchownat, AT_FDCWD, (char *)1, 0, 0, AT_EMPTY_PATH), EFAULT);
	close(fd);
	leave_dir();
}

static void chown_as_user(void)
{
	if (!enter_dir())
		return;
	make_file("f", 0644);
	CHECK_SYS(chown("f", U1, G1));
	make_file("g", 0644);                           /* root's */
	make_file("l", 04755);                          /* root's, set-uid */
	AS_USER({
		struct stat st;

		CHECK_ERR(chown("f", 0, -1), EPERM);            /* give away: never */
		CHECK_SYS(chown("f", U1, -1));                  /* to itself: fine */
		CHECK_SYS(chown("f", -1, G_EXTRA));             /* a group it is in */
		CHECK_SYS(stat("f", &st));
		CHECK_EQ(st.st_gid, G_EXTRA);
		CHECK_ERR(chown("f", -1, 3000), EPERM);         /* one it is not in */
		CHECK_ERR(chown("g", -1, G1), EPERM);           /* not the owner */
		CHECK_SYS(chown("g", -1, -1));                  /* nothing to change */
		CHECK_ERR(chown("l", -1, -1), EPERM);           /* would clear S_ISUID */
		CHECK_ERR(chmod("g", 0666), EPERM);
	});
	CHECK_EQ(mode_of("l"), 04755);
	leave_dir();
}

static long long ns_of(struct timespec t)
{
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void utimensat_rules(void)
{
	struct timespec ts[2];
	struct stat st;
	struct timeval tv[2];
	struct utimbuf ub;
	time_t now = time(NULL);

	if (!enter_dir())
		return;
	make_file("f", 0644);
	ts[0] = (struct timespec){ 1000000000, 123456789 };
	ts[1] = (struct timespec){ 1100000000, 987654321 };
	CHECK_SYS(utimensat(AT_FDCWD, "f", ts, 0));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(ns_of(st.st_atim), 1000000000123456789LL);
	CHECK_EQ(ns_of(st.st_mtim), 1100000000987654321LL);
	CHECK_GE(st.st_ctim.tv_sec, now - 1);
	/* UTIME_OMIT leaves one alone, UTIME_NOW sets it to now. */
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	CHECK_SYS(utimensat(AT_FDCWD, "f", ts, 0));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(ns_of(st.st_atim), 1000000000123456789LL);
	CHECK_GE(st.st_mtim.tv_sec, now - 1);
	CHECK_SYS(utimensat(AT_FDCWD, "f", NULL, 0));
	CHECK_SYS(stat("f", &st));
	CHECK_GE(st.st_atim.tv_sec, now - 1);
	/* Before 1970. */
	ts[0] = (struct timespec){ -100, 5 };
	ts[1] = (struct timespec){ -1, 999999999 };
	CHECK_SYS(utimensat(AT_FDCWD, "f", ts, 0));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_atim.tv_sec, -100);
	CHECK_EQ(st.st_atim.tv_nsec, 5);
	CHECK_EQ(st.st_mtim.tv_sec, -1);
	CHECK_EQ(st.st_mtim.tv_nsec, 999999999);
	/* AT_SYMLINK_NOFOLLOW: the link's own times. */
	CHECK_SYS(symlink("f", "l"));
	ts[0] = ts[1] = (struct timespec){ 500, 0 };
	CHECK_SYS(utimensat(AT_FDCWD, "l", ts, AT_SYMLINK_NOFOLLOW));
	CHECK_SYS(lstat("l", &st));
	CHECK_EQ(st.st_mtim.tv_sec, 500);
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_mtim.tv_sec, -1);
	/* futimens: the fd's file; path NULL needs flags 0. */
	int fd = open("f", O_RDONLY);
	ts[0] = ts[1] = (struct timespec){ 600, 0 };
	CHECK_SYS(futimens(fd, ts));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_mtim.tv_sec, 600);
	CHECK_ERR(syscall(SYS_utimensat, fd, NULL, ts, AT_SYMLINK_NOFOLLOW), EINVAL);
	CHECK_SYS(utimensat(fd, "", ts, AT_EMPTY_PATH));
	/* utimes and utime. */
	tv[0] = (struct timeval){ 700, 1 };
	tv[1] = (struct timeval){ 800, 2 };
	CHECK_SYS(utimes("f", tv));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(ns_of(st.st_mtim), 800000002000LL);
	tv[0].tv_usec = 1000000;
	CHECK_ERR(utimes("f", tv), EINVAL);
	ub = (struct utimbuf){ .actime = 900, .modtime = 901 };
	CHECK_SYS(utime("f", &ub));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_mtim.tv_sec, 901);
	CHECK_EQ(st.st_mtim.tv_nsec, 0);
	CHECK_SYS(syscall(SYS_futimesat, AT_FDCWD, "f", NULL));
	/* The errno matrix. */
	ts[0] = (struct timespec){ 0, 1000000000 };
	CHECK_ERR(utimensat(AT_FDCWD, "f", ts, 0), EINVAL);
	ts[0].tv_nsec = -1;
	CHECK_ERR(utimensat(AT_FDCWD, "f", ts, 0), EINVAL);
	ts[0].tv_nsec = ts[1].tv_nsec = UTIME_OMIT;
	CHECK_SYS(utimensat(AT_FDCWD, "no/such/path", ts, 0));  /* both OMIT: not looked at */
	CHECK_ERR(utimensat(AT_FDCWD, "f", NULL, 0x1), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, "nope", NULL, 0), ENOENT);
	CHECK_ERR(utimensat(-1, "f", NULL, 0), EBADF);
	CHECK_ERR(utimensat(fd, "f", NULL, 0), ENOTDIR);
	CHECK_ERR(syscall(SYS_utimensat, 0x7fff, NULL, NULL, 0), EBADF);
	CHECK_ERR(syscall(SYS_utimensat, AT_FDCWD, NULL, NULL, 0), EFAULT);
	CHECK_ERR(syscall(SYS_utimensat, AT_FDCWD, (char *)1, NULL, 0), EFAULT);
	CHECK_ERR(syscall(SYS_utimensat, AT_FDCWD, "f", (void *)1, 0), EFAULT);
	CHECK_ERR(syscall(SYS_utimes, "f", (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_utime, "f", (void *)1), EFAULT);
	close(fd);
	leave_dir();
}

static void utimensat_as_user(void)
{
	if (!enter_dir())
		return;
	make_file("f", 0666);                   /* root's, writable by all */
	make_file("g", 0644);                   /* root's, read-only to others */
	AS_USER({
		struct timespec ts[2] = { { 5, 0 }, { 6, 0 } };
		struct timespec now2[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
		struct timespec half[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };

		CHECK_SYS(utimensat(AT_FDCWD, "f", NULL, 0));   /* write permission: now */
		CHECK_SYS(utimensat(AT_FDCWD, "f", now2, 0));
		CHECK_ERR(utimensat(AT_FDCWD, "f", ts, 0), EPERM);  /* a time: owner only */
		CHECK_ERR(utimensat(AT_FDCWD, "f", half, 0), EPERM);
		CHECK_ERR(utimensat(AT_FDCWD, "g", NULL, 0), EACCES);
		CHECK_ERR(utimensat(AT_FDCWD, "g", ts, 0), EPERM);
		CHECK_ERR(utimes("g", NULL), EACCES);
	});
	leave_dir();
}

/* Operations change the times Linux changes; set them old first. */
static void operations_update_times(void)
{
	struct timespec old[2] = { { 1000, 0 }, { 1000, 0 } };
	struct stat st;
	char c;
	int fd;

	if (!enter_dir())
		return;
	make_file("f", 0644);
#define AGE(p) CHECK_SYS(utimensat(AT_FDCWD, p, old, 0))
	AGE("f");
	CHECK_SYS(fd = open("f", O_RDWR));
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK_SYS(fstat(fd, &st));
	CHECK_GT(st.st_mtim.tv_sec, 1000);
	CHECK_GT(st.st_ctim.tv_sec, 1000);
	CHECK_EQ(st.st_atim.tv_sec, 1000);
	AGE("f");
	CHECK_EQ(pread(fd, &c, 1, 0), 1);
	CHECK_SYS(fstat(fd, &st));
	CHECK_GT(st.st_atim.tv_sec, 1000);              /* relatime: atime <= mtime */
	CHECK_EQ(st.st_mtim.tv_sec, 1000);
	AGE("f");
	CHECK_SYS(ftruncate(fd, 1));
	CHECK_SYS(fstat(fd, &st));
	CHECK_GT(st.st_mtim.tv_sec, 1000);
	close(fd);
	/* chmod and link change ctime only; the directory's mtime moves with link. */
	AGE("f");
	CHECK_SYS(chmod("f", 0600));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_mtim.tv_sec, 1000);
	AGE(".");
	CHECK_SYS(link("f", "g"));
	CHECK_SYS(stat(".", &st));
	CHECK_GT(st.st_mtim.tv_sec, 1000);
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_mtim.tv_sec, 1000);
	CHECK_GT(st.st_ctim.tv_sec, 1000);
	leave_dir();
}

static void statx_matches_stat(void)
{
	struct t_statx sx;
	struct stat st;
	int fd;

	if (!enter_dir())
		return;
	make_file("f", 0640);
	CHECK_SYS(symlink("f", "l"));
	CHECK_SYS(stat("f", &st));
	memset(&sx, 0xa5, sizeof(sx));
	CHECK_SYS(t_statx(AT_FDCWD, "l", 0, T_STATX_BASIC_STATS, &sx));
	CHECK_EQ(sx.stx_mask & T_STATX_BASIC_STATS, T_STATX_BASIC_STATS);
	CHECK_EQ(sx.stx_ino, st.st_ino);
	CHECK_EQ(sx.stx_mode, st.st_mode);
	CHECK_EQ(sx.stx_nlink, st.st_nlink);
	CHECK_EQ(sx.stx_uid, st.st_uid);
	CHECK_EQ(sx.stx_gid, st.st_gid);
	CHECK_EQ(sx.stx_size, 4);
	CHECK_EQ(sx.stx_blocks, st.st_blocks);
	CHECK_EQ(sx.stx_blksize, st.st_blksize);
	CHECK_EQ(sx.stx_mtime.tv_sec, st.st_mtim.tv_sec);
	CHECK_EQ(sx.stx_mtime.tv_nsec, st.st_mtim.tv_nsec);
	CHECK_EQ(sx.stx_ctime.tv_nsec, st.st_ctim.tv_nsec);
	CHECK_EQ(makedev(sx.stx_dev_major, sx.stx_dev_minor), st.st_dev);
	CHECK_EQ(sx.stx_mtime.__reserved, 0);           /* every byte filled */
	CHECK_SYS(t_statx(AT_FDCWD, "l", AT_SYMLINK_NOFOLLOW, T_STATX_BASIC_STATS, &sx));
	CHECK(S_ISLNK(sx.stx_mode));
	CHECK_EQ(sx.stx_size, 1);
	CHECK_SYS(fd = open("f", O_RDONLY));
	CHECK_SYS(t_statx(fd, "", AT_EMPTY_PATH, T_STATX_ALL, &sx));
	CHECK_EQ(sx.stx_ino, st.st_ino);
	CHECK_SYS(t_statx(AT_FDCWD, "/dev/null", 0, T_STATX_BASIC_STATS, &sx));
	CHECK_EQ(sx.stx_rdev_major, 1);
	CHECK_EQ(sx.stx_rdev_minor, 3);
	CHECK_ERR(t_statx(AT_FDCWD, "f", 0x1, T_STATX_BASIC_STATS, &sx), EINVAL);
	CHECK_ERR(t_statx(AT_FDCWD, "f", 0x6000, T_STATX_BASIC_STATS, &sx), EINVAL);
	CHECK_ERR(t_statx(AT_FDCWD, "f", 0, 0x80000000U, &sx), EINVAL);
	CHECK_ERR(t_statx(AT_FDCWD, "nope", 0, T_STATX_BASIC_STATS, &sx), ENOENT);
	CHECK_ERR(t_statx(fd, "x", 0, T_STATX_BASIC_STATS, &sx), ENOTDIR);
	CHECK_ERR(t_statx(-1, "f", 0, T_STATX_BASIC_STATS, &sx), EBADF);
	CHECK_ERR(syscall(SYS_statx, AT_FDCWD, "f", 0, T_STATX_BASIC_STATS, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_statx, AT_FDCWD, (char *)1, 0, T_STATX_BASIC_STATS, &sx), EFAULT);
	close(fd);
	leave_dir();
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(chown_as_root);
	RUN(chown_as_user);
	RUN(utimensat_rules);
	RUN(utimensat_as_user);
	RUN(operations_update_times);
	RUN(statx_matches_stat);
	return ut_done();
}
