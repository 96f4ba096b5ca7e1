/*
 * link_rename.c - hard links (link, linkat) and rename (rename, renameat,
 * renameat2 with RENAME_NOREPLACE and RENAME_EXCHANGE): link counts, the
 * directory rules (over an empty directory, ENOTEMPTY, EINVAL into
 * itself, EISDIR/ENOTDIR), names of one file, a file renamed or unlinked
 * while another process has it open, and the errno and EFAULT matrix.
 * Linux's answers.
 */
#include "utest.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE (1 << 1)
#endif

static char dir[64];

static bool enter_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/link_rename.%d", (int)getpid());
	return CHECK_SYS(mkdir(dir, 0755)) && CHECK_SYS(chdir(dir));
}

static nlink_t nlink_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? st.st_nlink : 0;
}

static ino_t ino_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? st.st_ino : 0;
}

/* rm -r path (no symlink is followed: lstat). */
static void rm_rf(const char *path)
{
	struct stat st;
	struct dirent *de;
	char sub[PATH_MAX];
	DIR *d;

	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		rm_rf(sub);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

/* Leave the case's directory and remove it with all it holds. */
static void clean_dir(void)
{
	chdir("/");
	rm_rf(dir);
	CHECK_ERR(access(dir, F_OK), ENOENT);
}

static void link_counts_and_shared_data(void)
{
	struct stat st;

	if (!enter_dir())
		return;
	ut_write_file("f", "one");
	CHECK_SYS(link("f", "g"));
	CHECK_EQ(nlink_of("f"), 2);
	CHECK_EQ(ino_of("f"), ino_of("g"));
	ut_write_file("g", "two");
	CHECK_STR(ut_read_text("f"), "two");
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(linkat(AT_FDCWD, "f", AT_FDCWD, "d/x", 0));
	CHECK_EQ(nlink_of("g"), 3);
	CHECK_SYS(unlink("f"));
	CHECK_EQ(nlink_of("g"), 2);
	CHECK_STR(ut_read_text("d/x"), "two");
	/* A link to a symlink is a link to the symlink, unless AT_SYMLINK_FOLLOW. */
	CHECK_SYS(symlink("g", "l"));
	CHECK_SYS(link("l", "h"));
	CHECK_SYS(lstat("h", &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(nlink_of("l"), 2);
	CHECK_SYS(unlink("h"));
	CHECK_SYS(linkat(AT_FDCWD, "l", AT_FDCWD, "h", AT_SYMLINK_FOLLOW));
	CHECK_EQ(ino_of("h"), ino_of("g"));
	CHECK_EQ(nlink_of("g"), 3);
	/* A directory's link count: 2 + subdirectories. */
	CHECK_EQ(nlink_of("d"), 2);
	CHECK_SYS(mkdir("d/sub", 0755));
	CHECK_EQ(nlink_of("d"), 3);
	clean_dir();
}

static void link_errno_matrix(void)
{
	int fd;

	if (!enter_dir())
		return;
	ut_write_file("f", "x");
	CHECK_SYS(mkdir("d", 0755));
	CHECK_ERR(link("d", "e"), EPERM);               /* directories: never */
	CHECK_ERR(link("f", "d"), EEXIST);
	CHECK_ERR(link("f", "f"), EEXIST);
	CHECK_ERR(link("f", "."), EEXIST);
	CHECK_ERR(link("f", "/"), EEXIST);
	CHECK_ERR(link("nope", "g"), ENOENT);
	CHECK_ERR(link("f", "nodir/g"), ENOENT);
	CHECK_ERR(link("f", "g/"), ENOENT);
	CHECK_ERR(link("f/", "g"), ENOTDIR);
	CHECK_ERR(link("f", "f/g"), ENOTDIR);
	CHECK_ERR(link("", "g"), ENOENT);
	CHECK_ERR(link("f", ""), ENOENT);
	CHECK_ERR(linkat(AT_FDCWD, "f", AT_FDCWD, "g", 0x1), EINVAL);  /* bad flags */
	CHECK_ERR(linkat(-1, "f", AT_FDCWD, "g", 0), EBADF);
	CHECK_ERR(linkat(AT_FDCWD, "f", -1, "g", 0), EBADF);
	CHECK_SYS(fd = open("f", O_RDONLY));
	CHECK_ERR(linkat(fd, "f", AT_FDCWD, "g", 0), ENOTDIR);
	CHECK_ERR(linkat(AT_FDCWD, "f", fd, "g", 0), ENOTDIR);
	close(fd);
	CHECK_ERR(syscall(SYS_link, (char *)1, "g"), EFAULT);
	CHECK_ERR(syscall(SYS_link, "f", (char *)1), EFAULT);
	CHECK_ERR(syscall(SYS_linkat, AT_FDCWD, "f", AT_FDCWD, (char *)-4096L, 0), EFAULT);
	CHECK_EQ(nlink_of("f"), 1);                     /* nothing was made */
	/* /proc is another file system: EXDEV. */
	CHECK_ERR(link("/proc/self/stat", "g"), EXDEV);
	clean_dir();
}

static void rename_files_and_directories(void)
{
	if (!enter_dir())
		return;
	ut_write_file("f", "F");
	ut_write_file("g", "G");
	CHECK_SYS(rename("f", "h"));
	CHECK_STR(ut_read_text("h"), "F");
	CHECK_ERR(access("f", F_OK), ENOENT);
	CHECK_SYS(rename("h", "g"));                    /* replaces g */
	CHECK_STR(ut_read_text("g"), "F");
	CHECK_ERR(access("h", F_OK), ENOENT);
	/* Directories: across parents, ".." follows, link counts move. */
	CHECK_SYS(mkdir("d", 0755));
	CHECK_SYS(mkdir("e", 0755));
	CHECK_SYS(mkdir("d/sub", 0755));
	ut_write_file("d/sub/z", "Z");
	CHECK_EQ(nlink_of("d"), 3);
	CHECK_SYS(rename("d/sub", "e/y"));
	CHECK_EQ(nlink_of("d"), 2);
	CHECK_EQ(nlink_of("e"), 3);
	CHECK_STR(ut_read_text("e/y/z"), "Z");
	CHECK_EQ(ino_of("e/y/.."), ino_of("e"));
	/* A directory over an empty directory; not over a non-empty one. */
	CHECK_SYS(mkdir("a", 0755));
	CHECK_SYS(rename("a", "d"));
	CHECK_ERR(access("a", F_OK), ENOENT);
	CHECK_ERR(rename("d", "e"), ENOTEMPTY);
	CHECK_ERR(rename("d", "g"), ENOTDIR);           /* dir over a file */
	CHECK_ERR(rename("g", "d"), EISDIR);            /* file over a dir */
	CHECK_ERR(rename("e", "e/y/new"), EINVAL);      /* into itself */
	CHECK_ERR(rename("e", "e/new"), EINVAL);
	CHECK_ERR(rename("e/y", "e"), ENOTEMPTY);       /* over its own parent */
	CHECK_SYS(rename("e", "e"));                    /* itself: nothing */
	CHECK_SYS(rename("e/y", "e/y"));
	CHECK_SYS(rename("e/y", "./e/y"));
	/* Two names of one file: rename does nothing, both stay. */
	CHECK_SYS(link("g", "h"));
	CHECK_SYS(rename("g", "h"));
	CHECK_EQ(nlink_of("g"), 2);
	CHECK_EQ(nlink_of("h"), 2);
	clean_dir();
}

static void renameat2_flags(void)
{
	if (!enter_dir())
		return;
	ut_write_file("f", "F");
	ut_write_file("g", "G");
	CHECK_SYS(mkdir("d", 0755));
	ut_write_file("d/x", "X");
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, "g", RENAME_NOREPLACE), EEXIST);
	CHECK_SYS(syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, "h", RENAME_NOREPLACE));
	CHECK_SYS(syscall(SYS_renameat2, AT_FDCWD, "h", AT_FDCWD, "g", RENAME_EXCHANGE));
	CHECK_STR(ut_read_text("g"), "F");
	CHECK_STR(ut_read_text("h"), "G");
	/* Exchange a file and a directory across parents. */
	CHECK_SYS(mkdir("e", 0755));
	CHECK_SYS(syscall(SYS_renameat2, AT_FDCWD, "h", AT_FDCWD, "e", RENAME_EXCHANGE));
	CHECK_STR(ut_read_text("e"), "G");
	CHECK_SYS(syscall(SYS_renameat2, AT_FDCWD, "g", AT_FDCWD, "d/x", RENAME_EXCHANGE));
	CHECK_STR(ut_read_text("g"), "X");
	CHECK_STR(ut_read_text("d/x"), "F");
	CHECK_SYS(syscall(SYS_renameat2, AT_FDCWD, "h", AT_FDCWD, "d/x", RENAME_EXCHANGE));
	CHECK_EQ(nlink_of("d"), 3);                     /* h, a directory, now in d */
	CHECK_STR(ut_read_text("h"), "F");
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, "g", AT_FDCWD, "nope", RENAME_EXCHANGE), ENOENT);
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, "g", AT_FDCWD, "h",
			  RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, "g", AT_FDCWD, "h", 0x100), EINVAL);
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, "d", AT_FDCWD, "d/x/in", RENAME_EXCHANGE),
		  ENOENT);
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, "d", AT_FDCWD, "d/x", RENAME_EXCHANGE), EINVAL);
	clean_dir();
}

static void rename_errno_matrix(void)
{
	int fd;

	if (!enter_dir())
		return;
	ut_write_file("f", "F");
	CHECK_SYS(mkdir("d", 0755));
	CHECK_ERR(rename("nope", "g"), ENOENT);
	CHECK_ERR(rename("f", "nodir/g"), ENOENT);
	CHECK_ERR(rename("f/", "g"), ENOTDIR);
	CHECK_ERR(rename("f", "g/"), ENOTDIR);
	CHECK_SYS(rename("d/", "e/"));                  /* slashes on directories are fine */
	CHECK_SYS(rename("e", "d"));
	CHECK_ERR(rename(".", "g"), EBUSY);
	CHECK_ERR(rename("d/..", "g"), EBUSY);
	struct stat root_st, here_st;
	CHECK_SYS(stat("/", &root_st));
	CHECK_SYS(stat(".", &here_st));
	/* "/" is EBUSY, but another mount (a tmpfs /tmp) is EXDEV first. */
	CHECK_ERR(rename("/", "g"), root_st.st_dev == here_st.st_dev ? EBUSY : EXDEV);
	CHECK_ERR(rename("f", "."), EBUSY);
	CHECK_ERR(rename("f", "d/.."), EBUSY);
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, "f", AT_FDCWD, ".", RENAME_NOREPLACE), EEXIST);
	CHECK_ERR(rename("", "g"), ENOENT);
	CHECK_ERR(rename("f", ""), ENOENT);
	CHECK_ERR(rename("/proc/self/stat", "g"), EXDEV);
	CHECK_ERR(rename("f", "/proc/g"), EXDEV);
	CHECK_ERR(renameat(-1, "f", AT_FDCWD, "g"), EBADF);
	CHECK_ERR(renameat(AT_FDCWD, "f", -1, "g"), EBADF);
	CHECK_SYS(fd = open("f", O_RDONLY));
	CHECK_ERR(renameat(fd, "f", AT_FDCWD, "g"), ENOTDIR);
	CHECK_ERR(renameat(AT_FDCWD, "f", fd, "g"), ENOTDIR);
	close(fd);
	CHECK_ERR(syscall(SYS_rename, (char *)1, "g"), EFAULT);
	CHECK_ERR(syscall(SYS_rename, "f", (char *)1), EFAULT);
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, (char *)-4096L, AT_FDCWD, "g", 0), EFAULT);
	CHECK_STR(ut_read_text("f"), "F");                 /* nothing moved */
	clean_dir();
}

/*
 * Hostile: a file another process holds open is renamed over and then
 * unlinked; the holder still reads its own file, and the memory goes
 * with its last close.
 */
static void rename_and_unlink_while_open_elsewhere(void)
{
	int ready[2], go[2];
	char c;
	pid_t pid;

	if (!enter_dir() || !CHECK_SYS(pipe(ready)) || !CHECK_SYS(pipe(go)))
		return;
	ut_write_file("f", "held");
	ut_write_file("g", "other");
	pid = ut_fork();
	if (pid == 0) {
		int fd = open("f", O_RDONLY);
		char buf[16] = { 0 };

		CHECK_SYS(fd);
		CHECK_EQ(write(ready[1], "r", 1), 1);
		CHECK_EQ(read(go[0], &c, 1), 1);
		CHECK_EQ(pread(fd, buf, sizeof(buf) - 1, 0), 4);
		CHECK_STR(buf, "held");
		close(fd);
		ut_child_exit();
	}
	CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_SYS(rename("g", "f"));                    /* f's old file loses its name */
	CHECK_STR(ut_read_text("f"), "other");
	CHECK_SYS(unlink("f"));
	CHECK_EQ(write(go[1], "g", 1), 1);
	CHECK_EXITED(pid, 0);
	clean_dir();
}

/* getcwd follows a rename of a directory above it; a removed one is ENOENT. */
static void getcwd_after_rename_and_rmdir(void)
{
	char want[128], got[128];

	if (!enter_dir())
		return;
	CHECK_SYS(mkdir("a", 0755));
	CHECK_SYS(mkdir("a/b", 0755));
	CHECK_SYS(chdir("a/b"));
	CHECK_SYS(rename("../../a", "../../c"));
	snprintf(want, sizeof(want), "%s/c/b", dir);
	CHECK(getcwd(got, sizeof(got)) != NULL);
	CHECK_STR(got, want);
	CHECK_SYS(rmdir("../b"));
	CHECK_ERR(syscall(SYS_getcwd, got, sizeof(got)), ENOENT);
	CHECK_SYS(chdir(dir));
	clean_dir();
}

static void link_rename_cycle(void)
{
	int fd = open("a", O_WRONLY | O_CREAT, 0600);

	close(fd);
	link("a", "b");
	mkdir("d", 0700);
	rename("b", "d/x");
	rename("d", "e");
	syscall(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "e/x", RENAME_EXCHANGE);
	unlink("a");
	unlink("e/x");
	rmdir("e");
}

static void links_and_renames_do_not_leak(void)
{
	if (!enter_dir())
		return;
	ut_check_no_leak(link_rename_cycle, 200, "link/rename/exchange/unlink rounds");
	clean_dir();
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(link_counts_and_shared_data);
	RUN(link_errno_matrix);
	RUN(rename_files_and_directories);
	RUN(renameat2_flags);
	RUN(rename_errno_matrix);
	RUN(rename_and_unlink_while_open_elsewhere);
	RUN(getcwd_after_rename_and_rmdir);
	RUN(links_and_renames_do_not_leak);
	return ut_done();
}
