/*
 * dev_nodes_at.c - the /dev nodes Debian programs expect (full, random,
 * urandom, and the fd, stdin, stdout, stderr links), faccessat and
 * faccessat2, fchdir, mknod and mknodat, and every *at call's answer to a
 * bad or non-directory dirfd and to a bad path pointer. Linux's answers.
 */
#include "utest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif
#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif

static char dir[64];

static bool enter_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/dev_nodes_at.%d", (int)getpid());
	return CHECK_SYS(mkdir(dir, 0755)) && CHECK_SYS(chdir(dir));
}

static void leave_dir(void)
{
	static const char *names[] = { "f", "p", "l", "d/x", "d", "q" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		unlink(names[i]);
		rmdir(names[i]);
	}
	chdir("/");
	CHECK_SYS(rmdir(dir));
}

static void char_dev_is(const char *path, unsigned int maj, unsigned int min)
{
	struct stat st;

	if (!CHECK_SYS(stat(path, &st)))
		return;
	CHECKF(S_ISCHR(st.st_mode) && (st.st_mode & 0777) == 0666, "%s mode %o", path,
	       (unsigned int)st.st_mode);
	CHECKF(major(st.st_rdev) == maj && minor(st.st_rdev) == min, "%s is %u:%u", path,
	       major(st.st_rdev), minor(st.st_rdev));
}

static void dev_full_random_urandom(void)
{
	unsigned char a[64], b[64], zero[64] = { 0 };
	int fd;

	char_dev_is("/dev/null", 1, 3);
	char_dev_is("/dev/zero", 1, 5);
	char_dev_is("/dev/full", 1, 7);
	char_dev_is("/dev/random", 1, 8);
	char_dev_is("/dev/urandom", 1, 9);
	CHECK_SYS(fd = open("/dev/full", O_RDWR));
	memset(a, 0xff, sizeof(a));
	CHECK_EQ(read(fd, a, sizeof(a)), (long)sizeof(a));
	CHECK(memcmp(a, zero, sizeof(a)) == 0);
	CHECK_ERR(write(fd, "x", 1), ENOSPC);
	CHECK_EQ(lseek(fd, 100, SEEK_SET), 0);
	close(fd);
	CHECK_SYS(fd = open("/dev/urandom", O_RDWR));
	CHECK_EQ(read(fd, a, sizeof(a)), (long)sizeof(a));
	CHECK_EQ(read(fd, b, sizeof(b)), (long)sizeof(b));
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	CHECK(memcmp(a, zero, sizeof(a)) != 0);
	CHECK_EQ(write(fd, "seed", 4), 4);
	close(fd);
	CHECK_SYS(fd = open("/dev/random", O_RDONLY));
	CHECK_EQ(read(fd, a, 7), 7);
	CHECK_ERR(syscall(SYS_read, fd, (void *)1, 8), EFAULT);
	close(fd);
}

static void dev_fd_links(void)
{
	static const struct { const char *link, *target; } links[] = {
		{ "/dev/fd", "/proc/self/fd" },
		{ "/dev/stdin", "/proc/self/fd/0" },
		{ "/dev/stdout", "/proc/self/fd/1" },
		{ "/dev/stderr", "/proc/self/fd/2" },
	};
	char buf[64];

	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		long n = readlink(links[i].link, buf, sizeof(buf) - 1);

		if (!CHECK_SYS(n))
			continue;
		buf[n] = '\0';
		CHECK_STR(buf, links[i].target);
	}
}

static void faccessat_and_faccessat2(void)
{
	int dfd, fd;

	if (!enter_dir())
		return;
	CHECK_SYS(fd = open("f", O_WRONLY | O_CREAT, 0600));
	close(fd);
	CHECK_SYS(symlink("nowhere", "l"));
	CHECK_SYS(dfd = open(".", O_RDONLY | O_DIRECTORY));
	CHECK_SYS(faccessat(dfd, "f", R_OK | W_OK, 0));
	CHECK_SYS(faccessat(AT_FDCWD, "f", F_OK, 0));
	CHECK_ERR(faccessat(dfd, "l", F_OK, 0), ENOENT);                   /* dangling */
	CHECK_SYS(syscall(SYS_faccessat2, dfd, "l", F_OK, AT_SYMLINK_NOFOLLOW));
	CHECK_ERR(syscall(SYS_faccessat2, dfd, "f", F_OK, 0x1), EINVAL);
	CHECK_ERR(syscall(SYS_faccessat2, dfd, "f", 8, 0), EINVAL);
	CHECK_SYS(fd = open("f", O_RDONLY));
	CHECK_SYS(syscall(SYS_faccessat2, fd, "", R_OK, AT_EMPTY_PATH));
	CHECK_ERR(syscall(SYS_faccessat, fd, "f", F_OK), ENOTDIR);
	CHECK_ERR(syscall(SYS_faccessat, -1, "f", F_OK), EBADF);
	CHECK_ERR(syscall(SYS_faccessat, dfd, (char *)1, F_OK), EFAULT);
	close(fd);
	/* Real uid 1000, effective 0: the real ids are refused, the
	 * effective ones (AT_EACCESS) pass. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (CHECK_SYS(setresuid(1000, 0, 0))) {
			CHECK_ERR(syscall(SYS_faccessat2, dfd, "f", R_OK, 0), EACCES);
			CHECK_SYS(syscall(SYS_faccessat2, dfd, "f", R_OK, AT_EACCESS));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	close(dfd);
	leave_dir();
}

static void fchdir_and_getcwd(void)
{
	char cwd[256];
	int dfd, fd;

	if (!enter_dir())
		return;
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(dfd = open("d", O_RDONLY | O_DIRECTORY));
	CHECK_SYS(fd = open("f", O_WRONLY | O_CREAT, 0600));
	CHECK_SYS(chdir("/"));
	CHECK_SYS(fchdir(dfd));
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK(strlen(cwd) > 2 && strcmp(cwd + strlen(cwd) - 2, "/d") == 0);
	CHECK_SYS(access("../f", F_OK));
	CHECK_ERR(fchdir(fd), ENOTDIR);
	CHECK_ERR(fchdir(-1), EBADF);
	CHECK_ERR(fchdir(0x7fff), EBADF);
	CHECK_SYS(chdir(dir));
	close(fd);
	close(dfd);
	leave_dir();
}

static void mknod_fifo_and_errors(void)
{
	struct stat st;
	int dfd;

	if (!enter_dir())
		return;
	CHECK_SYS(mknod("p", S_IFIFO | 0644, 0));
	CHECK_SYS(lstat("p", &st));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_SYS(mknod("f", 0644, 0));                 /* type 0: a regular file */
	CHECK_SYS(lstat("f", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(dfd = open("d", O_RDONLY | O_DIRECTORY));
	CHECK_SYS(mknodat(dfd, "x", S_IFIFO | 0600, 0));
	CHECK_SYS(lstat("d/x", &st));
	CHECK_EQ(st.st_mode, S_IFIFO | 0600);
	CHECK_SYS(mknod("q", S_IFCHR | 0600, makedev(1, 3)));  /* root: a device */
	CHECK_SYS(lstat("q", &st));
	CHECK_EQ(st.st_rdev, makedev(1, 3));
	CHECK_ERR(mknod("p", S_IFIFO | 0644, 0), EEXIST);
	CHECK_ERR(mknod("n", S_IFDIR | 0755, 0), EPERM);
	CHECK_ERR(mknod("n", 0170000 | 0644, 0), EINVAL);
	CHECK_ERR(mknod("nodir/n", S_IFIFO | 0644, 0), ENOENT);
	CHECK_ERR(mknodat(-1, "n", S_IFIFO | 0644, 0), EBADF);
	CHECK_ERR(mknodat(open("f", O_RDONLY), "n", S_IFIFO | 0644, 0), ENOTDIR);
	CHECK_ERR(syscall(SYS_mknod, (char *)1, S_IFIFO | 0644, 0), EFAULT);
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (CHECK_SYS(setgid(65534)) && CHECK_SYS(setuid(65534)))
			CHECK_ERR(mknod("/tmp/n", S_IFCHR | 0600, makedev(1, 3)), EPERM);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	close(dfd);
	leave_dir();
}

/* Every *at call: dirfd -1 is EBADF, a file's fd is ENOTDIR, NULL path EFAULT. */
static void at_calls_refuse_bad_dirfds(void)
{
	struct stat st;
	char buf[8];
	int ffd;

	if (!enter_dir())
		return;
	CHECK_SYS(ffd = open("f", O_RDWR | O_CREAT, 0600));
#define AT_MATRIX(call_with_fd)                                                \
	do {                                                                   \
		int fd_ = -1;                                                  \
		CHECK_ERR(call_with_fd, EBADF);                                \
		fd_ = ffd;                                                     \
		CHECK_ERR(call_with_fd, ENOTDIR);                              \
	} while (0)
	AT_MATRIX(openat(fd_, "x", O_RDONLY));
	AT_MATRIX(mkdirat(fd_, "x", 0755));
	AT_MATRIX(unlinkat(fd_, "x", 0));
	AT_MATRIX(unlinkat(fd_, "x", AT_REMOVEDIR));
	AT_MATRIX(fchmodat(fd_, "x", 0644, 0));
	AT_MATRIX(fchownat(fd_, "x", 0, 0, 0));
	AT_MATRIX(fstatat(fd_, "x", &st, 0));
	AT_MATRIX(faccessat(fd_, "x", F_OK, 0));
	AT_MATRIX(mknodat(fd_, "x", S_IFIFO | 0600, 0));
	AT_MATRIX(symlinkat("t", fd_, "x"));
	AT_MATRIX(readlinkat(fd_, "x", buf, sizeof(buf)));
	AT_MATRIX(linkat(fd_, "x", AT_FDCWD, "y", 0));
	AT_MATRIX(linkat(AT_FDCWD, "f", fd_, "y", 0));
	AT_MATRIX(renameat(fd_, "x", AT_FDCWD, "y"));
	AT_MATRIX(renameat(AT_FDCWD, "f", fd_, "y"));
	AT_MATRIX(utimensat(fd_, "x", NULL, 0));
	/* A NULL path: EFAULT (utimensat's NULL means the fd itself). */
	CHECK_ERR(syscall(SYS_openat, AT_FDCWD, NULL, O_RDONLY), EFAULT);
	CHECK_ERR(syscall(SYS_mkdirat, AT_FDCWD, NULL, 0755), EFAULT);
	CHECK_ERR(syscall(SYS_unlinkat, AT_FDCWD, NULL, 0), EFAULT);
	CHECK_ERR(syscall(SYS_fchmodat, AT_FDCWD, NULL, 0644), EFAULT);
	CHECK_ERR(syscall(SYS_fchownat, AT_FDCWD, NULL, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall(SYS_newfstatat, AT_FDCWD, NULL, &st, 0), EFAULT);
	CHECK_ERR(syscall(SYS_mknodat, AT_FDCWD, NULL, S_IFIFO | 0600, 0), EFAULT);
	CHECK_ERR(syscall(SYS_symlinkat, "t", AT_FDCWD, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_readlinkat, AT_FDCWD, NULL, buf, sizeof(buf)), EFAULT);
	CHECK_ERR(syscall(SYS_linkat, AT_FDCWD, NULL, AT_FDCWD, "y", 0), EFAULT);
	CHECK_ERR(syscall(SYS_renameat, AT_FDCWD, NULL, AT_FDCWD, "y"), EFAULT);
	/* newfstatat with AT_EMPTY_PATH is fstat. */
	CHECK_SYS(fstatat(ffd, "", &st, AT_EMPTY_PATH));
	CHECK(S_ISREG(st.st_mode));
	close(ffd);
	leave_dir();
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(dev_full_random_urandom);
	RUN(dev_fd_links);
	RUN(faccessat_and_faccessat2);
	RUN(fchdir_and_getcwd);
	RUN(mknod_fifo_and_errors);
	RUN(at_calls_refuse_bad_dirfds);
	return ut_done();
}
