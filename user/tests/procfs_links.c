/*
 * procfs_links.c - the links of /proc: self, <pid>/cwd, root, fd/N, and
 * /proc/mounts. readlink gives Linux's text (a path, "pipe:[ino]",
 * "... (deleted)"), and a path through a link reaches the object itself:
 * /proc/self/fd/N reopens what descriptor N is, a pipe or a deleted file
 * included, as glibc's /dev/stdin and bash's process substitution need.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* readlink into buf as a string. Return: its length, or -errno. */
static long link_of(const char *path, char *buf, size_t size)
{
	ssize_t n = readlink(path, buf, size - 1);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}

static void self_names_the_caller(void)
{
	char buf[64], want[32];

	snprintf(want, sizeof(want), "%d", getpid());
	if (CHECK_GT(link_of("/proc/self", buf, sizeof(buf)), 0))
		CHECK_STR(buf, want);
	struct stat st;
	CHECK_SYS(lstat("/proc/self", &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_SYS(stat("/proc/self", &st));
	CHECK(S_ISDIR(st.st_mode));
	/* A child reads its own pid there. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		snprintf(want, sizeof(want), "%d", getpid());
		if (CHECK_GT(link_of("/proc/self", buf, sizeof(buf)), 0))
			CHECK_STR(buf, want);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

static void cwd_and_root(void)
{
	char buf[PATH_MAX], here[PATH_MAX];

	CHECK_SYS(chdir("/tmp"));
	CHECK(getcwd(here, sizeof(here)) != NULL);
	if (CHECK_GT(link_of("/proc/self/cwd", buf, sizeof(buf)), 0))
		CHECK_STR(buf, here);
	if (CHECK_GT(link_of("/proc/self/root", buf, sizeof(buf)), 0))
		CHECK_STR(buf, "/");
	/* Through the link: the directory itself. */
	struct stat a, b;
	CHECK_SYS(stat("/proc/self/cwd", &a));
	CHECK_SYS(stat(".", &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK_EQ(a.st_dev, b.st_dev);
	CHECK_SYS(stat("/proc/self/root", &a));
	CHECK_SYS(stat("/", &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	/* Another process's cwd: its parent reads it. */
	int p[2];
	CHECK_SYS(pipe(p));
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(p[1]);
		chdir("/");
		read(p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/cwd", pid);
	for (int i = 0; i < 200; i++) {
		if (link_of(path, buf, sizeof(buf)) > 0 && strcmp(buf, "/") == 0)
			break;
		usleep(10000);
	}
	CHECK_STR(buf, "/");
	close(p[1]);
	CHECK_EXITED(pid, 0);
	CHECK_EQ(link_of(path, buf, sizeof(buf)), -ENOENT);
}

static void fd_links(void)
{
	char buf[PATH_MAX], want[PATH_MAX], path[64];
	int p[2];
	struct stat st;

	CHECK_SYS(chdir("/tmp"));
	snprintf(want, sizeof(want), "/tmp/procfs-links-%d", getpid());
	int fd = open(want + 5, O_RDWR | O_CREAT | O_TRUNC, 0600);     /* relative */
	if (!CHECK_SYS(fd))
		return;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (CHECK_GT(link_of(path, buf, sizeof(buf)), 0))
		CHECK_STR(buf, want);
	CHECK_SYS(lstat(path, &st));
	CHECK(S_ISLNK(st.st_mode));
	/* Opened again through the link: the same file, at offset 0. */
	CHECK_EQ(write(fd, "hello", 5), 5);
	int again = open(path, O_RDONLY);
	char text[8] = "";
	if (CHECK_SYS(again)) {
		CHECK_EQ(read(again, text, sizeof(text)), 5);
		CHECK(memcmp(text, "hello", 5) == 0);
		close(again);
	}
	/* Deleted: the name says so, and the link still reaches the file. */
	CHECK_SYS(unlink(want));
	strcat(want, " (deleted)");
	if (CHECK_GT(link_of(path, buf, sizeof(buf)), 0))
		CHECK_STR(buf, want);
	again = open(path, O_RDONLY);
	if (CHECK_SYS(again)) {
		CHECK_EQ(read(again, text, sizeof(text)), 5);
		close(again);
	}
	close(fd);
	CHECK_EQ(link_of(path, buf, sizeof(buf)), -ENOENT);
	/* A pipe: "pipe:[ino]", and its other end reopened through the link. */
	CHECK_SYS(pipe(p));
	CHECK_SYS(fstat(p[0], &st));
	snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	if (CHECK_GT(link_of(path, buf, sizeof(buf)), 0))
		CHECK_STR(buf, want);
	CHECK_EQ(write(p[1], "x", 1), 1);
	int r = open(path, O_RDONLY);
	if (CHECK_SYS(r)) {
		CHECK_EQ(read(r, text, 1), 1);
		CHECK_EQ(text[0], 'x');
		close(r);
	}
	close(p[0]);
	close(p[1]);
	/* A directory opened with a dirfd-relative name. */
	int dfd = open("/", O_RDONLY | O_DIRECTORY);
	if (CHECK_SYS(dfd)) {
		int t = openat(dfd, "tmp", O_RDONLY | O_DIRECTORY);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", t);
		if (CHECK_SYS(t) && CHECK_GT(link_of(path, buf, sizeof(buf)), 0))
			CHECK_STR(buf, "/tmp");
		close(t);
		close(dfd);
	}
}

/* fd/ lists exactly the open descriptors, as symbolic links. */
static void fd_directory_lists_open_descriptors(void)
{
	int fd = open("/dev/null", O_RDONLY);
	int hole = dup2(fd, 40);
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	bool seen[1024] = { false };
	int count = 0, dir_fd = d ? dirfd(d) : -1;

	if (!CHECK(d != NULL))
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		int n = atoi(e->d_name);
		CHECK_EQ(e->d_type, DT_LNK);
		if (CHECK(n >= 0 && n < 1024))
			seen[n] = true;
		count++;
		CHECKF(fcntl(n, F_GETFD) >= 0, "%d listed but not open", n);
	}
	closedir(d);
	CHECK(seen[fd]);
	CHECK(seen[hole]);
	CHECK(seen[dir_fd]);                    /* its own, open while it read */
	CHECK(!seen[41]);
	CHECK_GE(count, 3);
	char buf[64];
	CHECK_EQ(link_of("/proc/self/fd/41", buf, sizeof(buf)), -ENOENT);
	CHECK_EQ(link_of("/proc/self/fd/041", buf, sizeof(buf)), -ENOENT);
	CHECK_EQ(link_of("/proc/self/fd/x", buf, sizeof(buf)), -ENOENT);
	if (CHECK_GT(link_of("/dev/stdin", buf, sizeof(buf)), 0))
		CHECK_STR(buf, "/proc/self/fd/0");
	close(hole);
	close(fd);
}

/* Another user may not follow or read a process's links (EACCES). */
static void links_are_private(void)
{
	char path[64], buf[PATH_MAX];

	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(setgid(65534));
		CHECK_SYS(setuid(65534));
		snprintf(path, sizeof(path), "/proc/%d/cwd", getppid());
		CHECK_EQ(link_of(path, buf, sizeof(buf)), -EACCES);
		snprintf(path, sizeof(path), "/proc/%d/fd/0", getppid());
		CHECK_EQ(link_of(path, buf, sizeof(buf)), -EACCES);
		snprintf(path, sizeof(path), "/proc/%d/fd", getppid());
		CHECK_ERR(open(path, O_RDONLY | O_DIRECTORY), EACCES);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

static char prog[PATH_MAX];

/* exe: the program's path, and through it the program itself. */
static void exe_names_the_program(void)
{
	char buf[PATH_MAX];
	struct stat a, b;

	if (CHECK_GT(link_of("/proc/self/exe", buf, sizeof(buf)), 0))
		CHECK_STR(buf, prog);
	CHECK_SYS(stat("/proc/self/exe", &a));
	CHECK_SYS(stat(prog, &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK_EQ(a.st_dev, b.st_dev);
	/* A zombie has no program any more. */
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	for (int i = 0; i < 200 && link_of(path, buf, sizeof(buf)) > 0; i++)
		usleep(10000);
	CHECK_EQ(link_of(path, buf, sizeof(buf)), -ENOENT);
	CHECK_EXITED(pid, 0);
}

static void mounts_link(void)
{
	char buf[64], text[8192];

	if (CHECK_GT(link_of("/proc/mounts", buf, sizeof(buf)), 0))
		CHECK_STR(buf, "self/mounts");
	int fd = open("/proc/mounts", O_RDONLY);
	if (!CHECK_SYS(fd))
		return;
	ssize_t n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (CHECK_GT(n, 0)) {
		text[n] = '\0';
		CHECK(strstr(text, " /proc proc ") != NULL);
	}
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	/* The program's absolute path, as it was run (no links on the way). */
	if (argv[0][0] == '/')
		snprintf(prog, sizeof(prog), "%s", argv[0]);
	else if (getcwd(prog, sizeof(prog)))
		snprintf(prog + strlen(prog), sizeof(prog) - strlen(prog), "/%s",
			 argv[0][0] == '.' && argv[0][1] == '/' ? argv[0] + 2 : argv[0]);
	RUN(self_names_the_caller);
	RUN(cwd_and_root);
	RUN(fd_links);
	RUN(fd_directory_lists_open_descriptors);
	RUN(links_are_private);
	RUN(exe_names_the_program);
	RUN(mounts_link);
	return ut_done();
}
