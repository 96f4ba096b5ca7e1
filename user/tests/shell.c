/*
 * shell.c - Debian's bash, dash and everyday tools run as a user would run
 * them: pipelines, redirections, $?, quoting, cd, background jobs, and
 * echo, cat, ls, kill, ps, sleep, true and false. These are the very
 * binaries of Debian 12: on the host (the oracle) the system's own, on
 * keyhole the full image's (user/debian/debian.mk), which the user tests
 * boot. (keyhole's hand-written sh and tools, which this file tested
 * before, gave way to them.)
 *
 * Each case runs `bash -c SCRIPT` (or `sh -c`, Debian's dash, which runs
 * #!/bin/sh scripts) with PATH=/usr/bin:/bin, feeds it some input and
 * compares what it printed and how it exited.
 */
#include "utest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#define BINDIR "/usr/bin"		/* Debian's merged /usr: /bin is a link to it */

static char tmpdir[512];	/* a fresh directory for this case */

static void make_tmpdir(void)
{
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	snprintf(tmpdir, sizeof(tmpdir), "%s/utest-shell-%d", base, (int)getpid());
	CHECK_SYS(mkdir(tmpdir, 0755));
}

/* Remove tmpdir and the plain files in it (ls tells us which). */
static void remove_tmpdir(const char *const *files)
{
	char path[600];

	for (; *files; files++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, *files);
		unlink(path);
	}
	rmdir(tmpdir);
}

static void write_file(const char *name, const char *text)
{
	char path[600];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (CHECKF(fd >= 0, "create %s: %s", path, strerror(errno))) {
		write(fd, text, strlen(text));
		close(fd);
	}
}

/* Read fd to its end into buf (NUL-terminated). */
static void read_all(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
}

static char out[65536], err[4096];
static long out_done_ms;	/* when the last run_sh() saw its stdout close */

static long now_ms(void);

/*
 * Run `shell -c script` (cwd: tmpdir if set) with input on its stdin; its
 * stdout goes to out[], its stderr to err[]. Return: its wait status.
 */
static int run_shell(const char *shell, const char *script, const char *input)
{
	int in[2], o[2], e[2];
	char path[64];
	pid_t pid;

	if (pipe(in) < 0 || pipe(o) < 0 || pipe(e) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", BINDIR, shell);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)shell, "-c", (char *)script, NULL };
		char *envp[] = { "PATH=/usr/bin:/bin", "HOME=/", "LC_ALL=C", NULL };

		dup2(in[0], 0);
		dup2(o[1], 1);
		dup2(e[1], 2);
		for (int fd = 3; fd < 20; fd++)
			close(fd);
		if (tmpdir[0])
			chdir(tmpdir);
		execve(path, argv, envp);
		_exit(126);
	}
	close(in[0]);
	close(o[1]);
	close(e[1]);
	write(in[1], input, strlen(input));
	close(in[1]);
	read_all(o[0], out, sizeof(out));
	out_done_ms = now_ms();
	read_all(e[0], err, sizeof(err));
	close(o[0]);
	close(e[0]);
	return ut_wait(pid);
}

static int run_sh(const char *script, const char *input)
{
	return run_shell("bash", script, input);
}

/* The script must print want on stdout and exit with code. */
#define CHECK_SH(script, input, want, code)                                    \
	({                                                                     \
		int st_ = run_sh(script, input);                               \
		CHECKF(strcmp(out, want) == 0,                                 \
		       "bash -c '%s' printed \"%s\", not \"%s\" (stderr: %s)",  \
		       script, out, want, err);                                \
		CHECKF(WIFEXITED(st_) && WEXITSTATUS(st_) == (code),           \
		       "bash -c '%s' %s, not exited %d (stderr: %s)", script,  \
		       ut_status_str(st_), code, err);                         \
	})

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static void echo_through_pipes(void)
{
	CHECK_SH("echo hi there | cat", "", "hi there\n", 0);
	CHECK_SH("echo abc | cat | cat | cat | cat | cat | cat | cat", "", "abc\n", 0);
	CHECK_SH("cat | cat", "from stdin\n", "from stdin\n", 0);
	CHECK_SH("echo -n a b; echo c", "", "a bc\n", 0);
}

static void exit_status_and_dollar_question(void)
{
	CHECK_SH("false; echo $?; true; echo $?", "", "1\n0\n", 0);
	CHECK_SH("false", "", "", 1);
	CHECK_SH("exit 3", "", "", 3);
	CHECK_SH("false; exit", "", "", 1);
	CHECK_SH("true | false; echo $?; false | true; echo $?", "", "1\n0\n", 0);
	CHECK_SH("nosuchprogram; echo $?", "", "127\n", 0);
	CHECK(strstr(err, "nosuchprogram") != NULL);
	CHECK_SH("echo a |", "", "", 2);	/* a syntax error */
}

static void quoting_and_comments(void)
{
	CHECK_SH("echo 'a  b' \"c $?\" d\\ e # not this", "", "a  b c 0 d e\n", 0);
	CHECK_SH("echo '$?' \"'\" x#y", "", "$? ' x#y\n", 0);
	CHECK_SH("# only a comment", "", "", 0);
	CHECK_SH("echo a;echo b ; echo c", "", "a\nb\nc\n", 0);
}

static void redirections(void)
{
	static const char *const files[] = { "f", "g", NULL };

	make_tmpdir();
	CHECK_SH("echo one > f; echo two >> f; cat < f", "", "one\ntwo\n", 0);
	CHECK_SH("cat < f > g; echo three > f; cat f g", "", "three\none\ntwo\n", 0);
	CHECK_SH("cat < nosuchfile; echo $?", "", "1\n", 0);
	CHECK_SH("echo x | cat > f | cat; cat f", "", "x\n", 0);
	remove_tmpdir(files);
}

static void cd_and_ls(void)
{
	static const char *const files[] = { "c", "a", "b", ".hidden", NULL };
	char script[1200];

	make_tmpdir();
	for (int i = 0; files[i]; i++)
		write_file(files[i], "12345");
	snprintf(script, sizeof(script), "cd /; cd %s; ls", tmpdir);
	CHECK_SH(script, "", "a\nb\nc\n", 0);
	CHECK_SH("ls -a", "", ".\n..\n.hidden\na\nb\nc\n", 0);
	CHECK_SH("ls a nosuch; echo $?", "", "a\n2\n", 0);	/* ls: 2, an argument it could not reach */
	run_sh("ls -l a", "");
	CHECK(strncmp(out, "-rw-r--r--", 10) == 0);
	CHECK(strstr(out, " 5 ") != NULL);	/* the size */
	CHECK(strstr(out, " a\n") != NULL);
	CHECK_SH("cd /nonexistent; echo $?", "", "1\n", 0);
	remove_tmpdir(files);
}

static void background_and_wait(void)
{
	long start = now_ms();

	CHECK_SH("sleep 0.3 & echo first; wait; echo second", "", "first\nsecond\n", 0);
	CHECK_GE(now_ms() - start, 300);
	/* Without wait, the shell is done long before the sleep is. */
	start = now_ms();
	CHECK_SH("sleep 1 > /dev/null & echo quick", "", "quick\n", 0);
	CHECK_LT(out_done_ms - start, 800);
}

/* The shell reads its input a byte at a time: cat gets the rest. */
static void commands_read_the_rest_of_the_input(void)
{
	static const char *const files[] = { "script", NULL };
	static const char input[] = "cat\nnot a command, data for cat\n";
	char sh[1100];
	int st;
	pid_t pid;
	int o[2];

	CHECK_SH("cat", "line one\nline two\n", "line one\nline two\n", 0);
	/* sh reading commands from standard input: "cat" then its data. */
	make_tmpdir();
	write_file("script", "echo from script\nfalse\necho $?\n");
	CHECK_SH("bash script", "", "from script\n1\n", 0);
	if (!CHECK_SYS(pipe(o)))
		return;
	snprintf(sh, sizeof(sh), "%s/bash", BINDIR);
	pid = fork();
	if (pid == 0) {
		int in[2];
		char *argv[] = { "bash", NULL };
		char *envp[] = { "PATH=/usr/bin:/bin", NULL };

		pipe(in);
		write(in[1], input, strlen(input));
		close(in[1]);
		dup2(in[0], 0);
		dup2(o[1], 1);
		close(o[0]);
		execve(sh, argv, envp);
		_exit(126);
	}
	close(o[1]);
	read_all(o[0], out, sizeof(out));
	st = ut_wait(pid);
	CHECK_STR(out, "not a command, data for cat\n");
	CHECK_EQ(st, 0);
	remove_tmpdir(files);
}

static void tools_true_false_echo_sleep(void)
{
	long start = now_ms();

	CHECK_SH("true", "", "", 0);
	CHECK_SH("false", "", "", 1);
	CHECK_SH("echo", "", "\n", 0);
	CHECK_SH("sleep 0.2", "", "", 0);
	CHECK_GE(now_ms() - start, 200);
	CHECK_SH("sleep x", "", "", 1);	/* coreutils: 1 for a usage error */
	CHECK_SH("sleep", "", "", 1);
}

static void tool_cat(void)
{
	static const char *const files[] = { "f", NULL };

	make_tmpdir();
	write_file("f", "data\n");
	CHECK_SH("cat f f", "", "data\ndata\n", 0);
	CHECK_SH("cat f nosuch - f", "input\n", "data\ninput\ndata\n", 1);
	CHECK(strstr(err, "nosuch") != NULL);
	remove_tmpdir(files);
}

static void tool_kill(void)
{
	char script[64];
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	snprintf(script, sizeof(script), "kill -USR1 %d", (int)pid);
	CHECK_SH(script, "", "", 0);
	st = ut_wait(pid);
	CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1, "child %s, not SIGUSR1",
	       ut_status_str(st));
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	snprintf(script, sizeof(script), "kill %d", (int)pid);	/* TERM */
	CHECK_SH(script, "", "", 0);
	st = ut_wait(pid);
	CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "child %s, not SIGTERM",
	       ut_status_str(st));
	CHECK_SH("kill -NOSUCH 1", "", "", 1);
	CHECK_SH("kill -0 4000000", "", "", 1);	/* no such process */
	CHECK_SH("/bin/kill -0 4000000", "", "", 1);	/* procps' kill */
	CHECK_SH("kill -l 9; /bin/kill -l 9", "", "KILL\nKILL\n", 0);
}

/* Whether one of the lines of text is the number n (blanks around it). */
static bool has_number_line(const char *text, long n)
{
	char *end;

	for (const char *p = text; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "") {
		long v = strtol(p, &end, 10);

		if (end != p && v == n && (*end == '\n' || *end == '\0'))
			return true;
	}
	return false;
}

/* procps' ps: the shell that runs it, and us in the list of everyone. */
static void tool_ps(void)
{
	CHECK_SH("ps -o comm= -p $$; true", "", "bash\n", 0);
	CHECK_SH("ps -o pid= -p 4000000", "", "", 1);
	run_sh("ps -e -o pid=", "");
	CHECKF(has_number_line(out, getpid()), "ps -e does not list us (%d)", (int)getpid());
}

/* dash, Debian's /bin/sh, which runs every #!/bin/sh script. */
static void dash_is_sh(void)
{
	int st = run_shell("sh", "echo $((1 + 2)); x=y; echo ${x}z; [ -x /bin/sh ] && echo yes",
			   "");

	CHECK_STR(out, "3\nyz\nyes\n");
	CHECK_EQ(st, 0);
	CHECK_EQ(run_shell("dash", "exit 4", ""), 4 << 8);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(echo_through_pipes);
	RUN(exit_status_and_dollar_question);
	RUN(quoting_and_comments);
	RUN(redirections);
	RUN(cd_and_ls);
	RUN(background_and_wait);
	RUN(commands_read_the_rest_of_the_input);
	RUN(tools_true_false_echo_sleep);
	RUN(tool_cat);
	RUN(tool_kill);
	RUN(tool_ps);
	RUN(dash_is_sh);
	return ut_done();
}
