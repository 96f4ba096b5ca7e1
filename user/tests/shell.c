/*
 * shell.c - the shell and the small tools, run as a user would run them:
 * pipelines, redirections, $?, quoting, cd, background jobs, and echo,
 * cat, ls, kill, ps, sleep, true and false.
 *
 * The programs are found next to the tests' directory: /bin/tests/shell
 * looks in /bin on keyhole, and build/host-user/bin/tests/shell in
 * build/host-user/bin on the host (the same layout, see user/user.mk).
 * Each case runs `sh -c SCRIPT` with PATH set to that directory, feeds it
 * some input and compares what it printed and how it exited.
 */
#include "utest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

static char bindir[1024];	/* where sh, echo, cat ... are */
static char tmpdir[512];	/* a fresh directory for this case */

/* bindir: the parent of the directory this program is in, made absolute. */
static void find_bindir(void)
{
	const char *self = ut_self_path();
	char cwd[256] = "";
	char *slash;

	if (self[0] != '/' && !getcwd(cwd, sizeof(cwd)))
		cwd[0] = '\0';
	snprintf(bindir, sizeof(bindir), "%s%s%s", cwd, cwd[0] ? "/" : "", self);
	slash = strrchr(bindir, '/');
	if (slash)
		strcpy(slash, "/..");
}

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
 * Run `sh -c script` (cwd: tmpdir if set) with input on its stdin; its
 * stdout goes to out[], its stderr to err[]. Return: its wait status.
 */
static int run_sh(const char *script, const char *input)
{
	int in[2], o[2], e[2];
	char path[1100], sh[1100];
	pid_t pid;

	if (pipe(in) < 0 || pipe(o) < 0 || pipe(e) < 0)
		return -1;
	snprintf(path, sizeof(path), "PATH=%s", bindir);
	snprintf(sh, sizeof(sh), "%s/sh", bindir);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "sh", "-c", (char *)script, NULL };
		char *envp[] = { path, "HOME=/", NULL };

		dup2(in[0], 0);
		dup2(o[1], 1);
		dup2(e[1], 2);
		for (int fd = 3; fd < 20; fd++)
			close(fd);
		if (tmpdir[0])
			chdir(tmpdir);
		execve(sh, argv, envp);
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

/* The script must print want on stdout and exit with code. */
#define CHECK_SH(script, input, want, code)                                    \
	({                                                                     \
		int st_ = run_sh(script, input);                               \
		CHECKF(strcmp(out, want) == 0,                                 \
		       "sh -c '%s' printed \"%s\", not \"%s\" (stderr: %s)",    \
		       script, out, want, err);                                \
		CHECKF(WIFEXITED(st_) && WEXITSTATUS(st_) == (code),           \
		       "sh -c '%s' %s, not exited %d (stderr: %s)", script,    \
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
	CHECK_SH("echo a;echo b ; ; echo c", "", "a\nb\nc\n", 0);
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
	CHECK_SH("ls a nosuch; echo $?", "", "a\n1\n", 0);
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
	CHECK_SH("sh script", "", "from script\n1\n", 0);
	if (!CHECK_SYS(pipe(o)))
		return;
	snprintf(sh, sizeof(sh), "%s/sh", bindir);
	pid = fork();
	if (pid == 0) {
		int in[2];
		char path[1100];
		char *argv[] = { "sh", NULL };
		char *envp[] = { path, NULL };

		snprintf(path, sizeof(path), "PATH=%s", bindir);
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
	CHECK_SH("sleep x", "", "", 2);
	CHECK_SH("sleep", "", "", 2);
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
	CHECK_SH("kill -NOSUCH 1", "", "", 2);
	CHECK_SH("kill -0 4000000", "", "", 1);	/* no such process */
	run_sh("kill -l", "");
	CHECK(strstr(out, " 9 KILL\n") != NULL);
}

/* ps: a list with us in it where there is a /proc, else a clear refusal. */
static void tool_ps(void)
{
	char me[32];
	int st = run_sh("ps", "");

	if (access("/proc/self/stat", R_OK) == 0) {
		snprintf(me, sizeof(me), "%5d ", (int)getpid());
		CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "ps %s", ut_status_str(st));
		CHECK(strncmp(out, "  PID  PPID  PGID S CMD\n", 24) == 0);
		CHECKF(strstr(out, me) != NULL, "ps does not list us (%d)", (int)getpid());
	} else {
		CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 1, "ps %s", ut_status_str(st));
		CHECK(strstr(err, "no process list") != NULL);
	}
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	find_bindir();
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
	return ut_done();
}
