/*
 * cwd_path.c - the current directory's path: getcwd after chdir down a
 * deep tree and back, inherited by fork and then each process's own.
 *
 * keyhole keeps the path as a string in fs_struct (it has no dentries to
 * walk back up), allocated to its length since it stopped being a
 * PATH_MAX array inside every process; these cases check the string is
 * right at every length up to about 3,000 bytes and that nothing leaks.
 */
#include "utest.h"

#include <limits.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define DEPTH 14
#define NAMELEN 200

static char top[64];

/* A name of NAMELEN characters, different at each level. */
static void level_name(char *buf, int level)
{
	memset(buf, 'a' + level % 26, NAMELEN);
	buf[NAMELEN] = '\0';
}

/* Make top/L0/L1/.../L(DEPTH-1) and return to where we were. */
static bool make_tree(void)
{
	char name[NAMELEN + 1], here[PATH_MAX];

	if (!CHECK(getcwd(here, sizeof(here)) != NULL))
		return false;
	snprintf(top, sizeof(top), "/tmp/cwd_path.%d", (int)getpid());
	if (!CHECK_SYS(mkdir(top, 0700)) || !CHECK_SYS(chdir(top)))
		return false;
	for (int i = 0; i < DEPTH; i++) {
		level_name(name, i);
		if (!CHECK_SYS(mkdir(name, 0700)) || !CHECK_SYS(chdir(name)))
			return false;
	}
	return CHECK_SYS(chdir(here));
}

static void remove_tree(void)
{
	char path[PATH_MAX], name[NAMELEN + 1];
	size_t len;

	snprintf(path, sizeof(path), "%s", top);
	for (int i = 0; i < DEPTH; i++) {
		level_name(name, i);
		len = strlen(path);
		snprintf(path + len, sizeof(path) - len, "/%s", name);
	}
	for (int i = DEPTH - 1; i >= 0; i--) {
		CHECK_SYS(rmdir(path));
		*strrchr(path, '/') = '\0';
	}
	CHECK_SYS(rmdir(top));
}

/* Down the tree one level at a time, getcwd right at each; then back up. */
static void getcwd_follows_deep_chdir(void)
{
	char want[PATH_MAX], got[PATH_MAX], name[NAMELEN + 1];

	if (!make_tree())
		return;
	CHECK_SYS(chdir(top));
	snprintf(want, sizeof(want), "%s", top);
	for (int i = 0; i < DEPTH; i++) {
		size_t len = strlen(want);

		level_name(name, i);
		CHECK_SYS(chdir(name));
		snprintf(want + len, sizeof(want) - len, "/%s", name);
		if (!CHECK(getcwd(got, sizeof(got)) != NULL) || !CHECK_STR(got, want))
			break;
	}
	CHECK_ERR(syscall(SYS_getcwd, got, strlen(want)), ERANGE);  /* no room for the NUL */
	CHECK_EQ(syscall(SYS_getcwd, got, strlen(want) + 1), (long)strlen(want) + 1);
	for (int i = DEPTH - 1; i >= 0; i--) {
		CHECK_SYS(chdir(".."));
		*strrchr(want, '/') = '\0';
		if (!CHECK(getcwd(got, sizeof(got)) != NULL) || !CHECK_STR(got, want))
			break;
	}
	CHECK_SYS(chdir("/"));
	remove_tree();
}

/* A child starts where its parent is; then each goes its own way. */
static void fork_inherits_cwd_then_each_its_own(void)
{
	char here[PATH_MAX], got[PATH_MAX];
	pid_t pid;

	if (!make_tree())
		return;
	CHECK_SYS(chdir(top));
	CHECK(getcwd(here, sizeof(here)) != NULL);
	pid = ut_fork();
	if (pid == 0) {
		CHECK(getcwd(got, sizeof(got)) != NULL);
		CHECK_STR(got, here);
		CHECK_SYS(chdir("/"));
		CHECK(getcwd(got, sizeof(got)) != NULL);
		CHECK_STR(got, "/");
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK(getcwd(got, sizeof(got)) != NULL);
	CHECK_STR(got, here);                   /* the child's chdir was its own */
	CHECK_SYS(chdir("/"));
	remove_tree();
}

/* One cycle: a child goes deep, forks a grandchild that goes back up, and
 * both exit. */
static void deep_child_cycle(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		char name[NAMELEN + 1];

		if (chdir(top) < 0)
			_exit(1);
		for (int i = 0; i < DEPTH; i++) {
			level_name(name, i);
			if (chdir(name) < 0)
				_exit(1);
		}
		pid_t g = fork();
		if (g == 0)
			_exit(chdir("/") < 0);
		waitpid(g, NULL, 0);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

static void cwd_strings_do_not_leak(void)
{
	if (!make_tree())
		return;
	ut_check_no_leak(deep_child_cycle, 20, "children chdir'd 2,800 bytes deep");
	remove_tree();
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(getcwd_follows_deep_chdir);
	RUN(fork_inherits_cwd_then_each_its_own);
	RUN(cwd_strings_do_not_leak);
	return ut_done();
}
