/*
 * symlink.c - symbolic links: symlink/symlinkat, readlink/readlinkat,
 * following in path walks (relative and absolute targets, chains, the
 * 40-link limit, loops), lstat and AT_SYMLINK_NOFOLLOW, O_NOFOLLOW,
 * O_CREAT through a dangling link, a trailing slash, unlink of the link
 * (not the target), and the errno and EFAULT matrix. Linux's answers.
 */
#include "utest.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static char dir[64];

/* A fresh directory /tmp/symlink.PID for a case; cd into it. */
static bool enter_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/symlink.%d", (int)getpid());
	return CHECK_SYS(mkdir(dir, 0755)) && CHECK_SYS(chdir(dir));
}

/* Remove everything a case made in dir (one level of subdirectory). */
static void clean_dir(void)
{
	static const char *names[] = { "f", "g", "l", "l2", "abs", "dang", "target", "loop1",
				       "loop2", "self", "d/x", "d/up", "dl", "chain0", "new" };
	char name[32];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(names[i]);
	for (int i = 0; i <= 41; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		unlink(name);
	}
	rmdir("d");
	chdir("/");
	CHECK_SYS(rmdir(dir));
}

static void symlink_readlink_round_trip(void)
{
	char buf[64];
	struct stat st;

	if (!enter_dir())
		return;
	ut_write_file("f", "hello");
	CHECK_SYS(symlink("f", "l"));
	memset(buf, 'X', sizeof(buf));
	CHECK_EQ(readlink("l", buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'f');
	CHECK_EQ(buf[1], 'X');                  /* no NUL added */
	CHECK_SYS(lstat("l", &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0777);
	CHECK_EQ(st.st_size, 1);
	CHECK_SYS(stat("l", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 5);
	CHECK_STR(ut_read_text("l"), "hello");
	/* readlinkat and symlinkat with a directory fd and with AT_FDCWD. */
	int dfd = open(".", O_RDONLY | O_DIRECTORY);
	CHECK_SYS(dfd);
	CHECK_SYS(symlinkat("/no/such/thing", dfd, "dang"));
	CHECK_EQ(readlinkat(dfd, "dang", buf, sizeof(buf)), 14);
	CHECK(memcmp(buf, "/no/such/thing", 14) == 0);
	CHECK_EQ(readlinkat(AT_FDCWD, "dang", buf, 5), 5);     /* truncated */
	CHECK(memcmp(buf, "/no/s", 5) == 0);
	close(dfd);
	clean_dir();
}

static void follow_relative_absolute_and_chains(void)
{
	char abs[128];
	struct stat st, st2;

	if (!enter_dir())
		return;
	CHECK_SYS(mkdir("d", 0755));
	ut_write_file("d/x", "in d");
	snprintf(abs, sizeof(abs), "%s/d", dir);
	CHECK_SYS(symlink(abs, "abs"));         /* absolute */
	CHECK_SYS(symlink("d", "dl"));          /* relative, to a directory */
	CHECK_SYS(symlink("..", "d/up"));       /* relative to the link's own directory */
	CHECK_STR(ut_read_text("abs/x"), "in d");
	CHECK_STR(ut_read_text("dl/x"), "in d");
	CHECK_STR(ut_read_text("dl/up/dl/up/d/x"), "in d");
	/* A chain: l2 -> l -> d/x. */
	CHECK_SYS(symlink("d/x", "l"));
	CHECK_SYS(symlink("l", "l2"));
	CHECK_STR(ut_read_text("l2"), "in d");
	CHECK_SYS(stat("l2", &st));
	CHECK_SYS(stat("d/x", &st2));
	CHECK_EQ(st.st_ino, st2.st_ino);
	/* A trailing slash follows even for lstat; on a file it is ENOTDIR. */
	CHECK_SYS(lstat("dl/", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_ERR(lstat("l/", &st), ENOTDIR);
	CHECK_SYS(fstatat(AT_FDCWD, "dl", &st, AT_SYMLINK_NOFOLLOW));
	CHECK(S_ISLNK(st.st_mode));
	/* chdir through a link lands in the target, and getcwd names it. */
	CHECK_SYS(chdir("dl"));
	CHECK_STR(ut_read_text("x"), "in d");
	char cwd[256];
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK_STR(cwd, abs);
	CHECK_SYS(chdir("up/dl/up/dl"));
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK_STR(cwd, abs);
	CHECK_SYS(chdir(dir));
	clean_dir();
}

static void loops_and_the_forty_link_limit(void)
{
	char name[32], target[32];
	struct stat st;

	if (!enter_dir())
		return;
	ut_write_file("f", "end");
	CHECK_SYS(symlink("loop2", "loop1"));
	CHECK_SYS(symlink("loop1", "loop2"));
	CHECK_SYS(symlink("self", "self"));
	CHECK_ERR(open("loop1", O_RDONLY), ELOOP);
	CHECK_ERR(stat("self", &st), ELOOP);
	CHECK_ERR(stat("self/x", &st), ELOOP);
	CHECK_SYS(lstat("self", &st));          /* the link itself is fine */
	CHECK_ERR(open("loop1", O_WRONLY | O_CREAT, 0644), ELOOP);
	/* c0 -> f, c1 -> c0, ... c40 -> c39: c40 takes 41 links, c39 takes 40. */
	CHECK_SYS(symlink("f", "c0"));
	for (int i = 1; i <= 40; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		snprintf(target, sizeof(target), "c%d", i - 1);
		CHECK_SYS(symlink(target, name));
	}
	CHECK_STR(ut_read_text("c39"), "end");
	CHECK_ERR(stat("c40", &st), ELOOP);
	CHECK_ERR(open("c40", O_RDONLY), ELOOP);
	CHECK_SYS(lstat("c40", &st));
	clean_dir();
}

static void open_flags_on_links(void)
{
	struct stat st;
	int fd;

	if (!enter_dir())
		return;
	ut_write_file("f", "data");
	CHECK_SYS(symlink("f", "l"));
	CHECK_ERR(open("l", O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK_ERR(open("l", O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	CHECK_SYS(fd = open("l", O_RDONLY | O_CREAT, 0644));   /* exists: opens f */
	close(fd);
	/* O_CREAT through a dangling link creates what it names. */
	CHECK_SYS(symlink("target", "dang"));
	CHECK_ERR(open("dang", O_RDONLY), ENOENT);
	CHECK_ERR(stat("dang", &st), ENOENT);
	CHECK_ERR(open("dang", O_WRONLY | O_CREAT | O_EXCL, 0600), EEXIST);
	CHECK_SYS(fd = open("dang", O_WRONLY | O_CREAT, 0600));
	CHECK_EQ(write(fd, "made", 4), 4);
	close(fd);
	CHECK_STR(ut_read_text("target"), "made");
	CHECK_SYS(lstat("dang", &st));
	CHECK(S_ISLNK(st.st_mode));
	/* O_DIRECTORY through a link to a directory, and to a file. */
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(symlink("d", "dl"));
	CHECK_SYS(fd = open("dl", O_RDONLY | O_DIRECTORY));
	close(fd);
	CHECK_ERR(open("l", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERR(open("dl", O_RDONLY | O_DIRECTORY | O_NOFOLLOW), ENOTDIR);  /* before ELOOP */
	clean_dir();
}

static void names_of_links_are_removed_not_targets(void)
{
	struct stat st;

	if (!enter_dir())
		return;
	ut_write_file("f", "stay");
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(symlink("f", "l"));
	CHECK_SYS(symlink("d", "dl"));
	CHECK_ERR(symlink("f", "l"), EEXIST);
	CHECK_SYS(symlink("nowhere", "dang"));
	CHECK_ERR(symlink("f", "dang"), EEXIST);        /* a dangling link exists too */
	CHECK_ERR(mkdir("dang", 0755), EEXIST);
	CHECK_SYS(unlink("dang"));
	CHECK_ERR(mkdir("l", 0755), EEXIST);
	CHECK_ERR(rmdir("dl"), ENOTDIR);        /* a link to a dir is no dir */
	CHECK_ERR(rmdir("dl/"), ENOTDIR);
	CHECK_SYS(unlink("l"));
	CHECK_SYS(stat("f", &st));
	CHECK_SYS(unlink("dl"));
	CHECK_SYS(stat("d", &st));
	clean_dir();
}

static void errno_matrix(void)
{
	char buf[16], *longname = malloc(PATH_MAX + 2);
	struct stat st;

	if (!enter_dir() || !CHECK(longname))
		return;
	ut_write_file("f", "x");
	CHECK_SYS(symlink("f", "l"));
	CHECK_ERR(readlink("f", buf, sizeof(buf)), EINVAL);    /* not a link */
	CHECK_ERR(readlink(".", buf, sizeof(buf)), EINVAL);
	CHECK_ERR(syscall(SYS_readlink, "l", buf, 0), EINVAL);
	CHECK_ERR(syscall(SYS_readlink, "l", buf, -1), EINVAL);
	CHECK_ERR(readlink("nope", buf, sizeof(buf)), ENOENT);
	CHECK_ERR(readlink("", buf, sizeof(buf)), ENOENT);
	CHECK_ERR(readlink("f/x", buf, sizeof(buf)), ENOTDIR);
	CHECK_ERR(symlink("", "new"), ENOENT);
	CHECK_ERR(symlink("f", ""), ENOENT);
	CHECK_ERR(symlink("f", "nodir/new"), ENOENT);
	CHECK_ERR(symlink("f", "f/new"), ENOTDIR);
	memset(longname, 'a', PATH_MAX + 1);
	longname[PATH_MAX + 1] = '\0';
	CHECK_ERR(symlink(longname, "new"), ENAMETOOLONG);
	longname[300] = '\0';
	CHECK_ERR(symlink("f", longname), ENAMETOOLONG);
	CHECK_ERR(symlinkat("f", -1, "new"), EBADF);
	CHECK_ERR(symlinkat("f", 0x7fff, "new"), EBADF);
	int ffd = open("f", O_RDONLY);
	CHECK_ERR(symlinkat("f", ffd, "new"), ENOTDIR);
	CHECK_ERR(readlinkat(ffd, "l", buf, sizeof(buf)), ENOTDIR);
	CHECK_ERR(readlinkat(-1, "l", buf, sizeof(buf)), EBADF);
	close(ffd);
	/* EFAULT: each pointer. */
	CHECK_ERR(syscall(SYS_symlink, (char *)1, "new"), EFAULT);
	CHECK_ERR(syscall(SYS_symlink, "f", (char *)1), EFAULT);
	CHECK_ERR(syscall(SYS_readlink, (char *)1, buf, sizeof(buf)), EFAULT);
	CHECK_ERR(syscall(SYS_readlink, "l", (char *)1, sizeof(buf)), EFAULT);
	CHECK_ERR(syscall(SYS_readlinkat, AT_FDCWD, "l", (char *)-4096L, 16), EFAULT);
	CHECK_ERR(lstat("new", &st), ENOENT);   /* nothing made by the failures */
	free(longname);
	clean_dir();
}

/* Links made and removed, followed and read, leave no memory behind. */
static void link_cycle(void)
{
	char buf[64];
	int fd;

	symlink("target-of-a-rather-long-name-to-be-allocated", "l");
	fd = open("l", O_WRONLY | O_CREAT, 0600);
	close(fd);
	readlink("l", buf, sizeof(buf));
	unlink("l");
	unlink("target-of-a-rather-long-name-to-be-allocated");
}

static void links_do_not_leak(void)
{
	if (!enter_dir())
		return;
	ut_check_no_leak(link_cycle, 200, "symlink/open/readlink/unlink rounds");
	clean_dir();
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(symlink_readlink_round_trip);
	RUN(follow_relative_absolute_and_chains);
	RUN(loops_and_the_forty_link_limit);
	RUN(open_flags_on_links);
	RUN(names_of_links_are_removed_not_targets);
	RUN(errno_matrix);
	RUN(links_do_not_leak);
	return ut_done();
}
