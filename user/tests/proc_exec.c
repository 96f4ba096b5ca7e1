/*
 * proc_exec.c - execve: argv, envp and auxv as Linux lays them out, what
 * survives an exec and what does not, and how a failed exec fails.
 *
 * The program runs itself again: execve(path, {..., "--exec-child", MODE,
 * ...}) where path is how we were started (ut_self_path(): argv[0] when it
 * holds a '/', as the runners arrange; on keyhole the tests live in
 * /bin/tests/). In the re-executed child, main() sees "--exec-child" and
 * does MODE instead of the tests: "dump" writes its argv and environment
 * to stdout for the parent to compare; the other modes check things from
 * the inside and exit 0 if all was right, printing what was not.
 */
#include "utest.h"

#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <elf.h>

#define MARK "--exec-child"

/* ---- the re-executed side ---- */

/* "dump": "A:arg\0" per argument, then "E:var\0" per environment entry. */
static void child_dump(char **argv)
{
	extern char **environ;
	char buf[65536 + 4096];
	size_t len = 0;

	for (char **a = argv; *a; a++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "A:%s", *a) + 1;
	for (char **e = environ; *e; e++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "E:%s", *e) + 1;
	ut_write_all(buf, len < sizeof(buf) ? len : sizeof(buf));
}

/* "fds CLOSED OPEN...": CLOSED must be closed, the others open. */
static void child_fds(char **argv)
{
	CHECK_ERR(fcntl(atoi(argv[0]), F_GETFD), EBADF);
	for (char **a = argv + 1; *a; a++)
		CHECK_EQ(fcntl(atoi(*a), F_GETFD), 0);	/* open, and no FD_CLOEXEC */
}

/* "signals": what the parent set up before exec, seen after it. */
static void child_signals(void)
{
	struct sigaction sa;
	sigset_t mask, pending;

	CHECK_SYS(sigaction(SIGUSR1, NULL, &sa));
	CHECK(sa.sa_handler == SIG_DFL);	/* a handler is reset */
	CHECK_SYS(sigaction(SIGUSR2, NULL, &sa));
	CHECK(sa.sa_handler == SIG_IGN);	/* "ignore" is kept */
	CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &mask));
	CHECK(sigismember(&mask, SIGINT));	/* the mask is kept */
	CHECK(sigismember(&mask, SIGTERM));
	CHECK(!sigismember(&mask, SIGUSR1));
	CHECK_SYS(sigpending(&pending));
	CHECK(sigismember(&pending, SIGTERM));	/* and so are pending signals */
	CHECK(!sigismember(&pending, SIGINT));
}

/*
 * AT_PHDR points at our program headers: AT_ENTRY lies in an executable
 * PT_LOAD segment. The load bias is 0 for a static non-PIE program (no
 * PT_PHDR needed); a PIE has a PT_PHDR from which to compute it.
 */
static void check_entry_in_phdrs(void)
{
	const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
	unsigned long n = getauxval(AT_PHNUM), entry = getauxval(AT_ENTRY), bias = 0;
	bool found = false;

	if (!CHECK(ph != NULL))
		return;
	for (unsigned long i = 0; i < n; i++)
		if (ph[i].p_type == PT_PHDR)
			bias = (unsigned long)ph - ph[i].p_vaddr;
	for (unsigned long i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_X) &&
		    entry >= bias + ph[i].p_vaddr && entry < bias + ph[i].p_vaddr + ph[i].p_memsz)
			found = true;
	CHECKF(found, "AT_ENTRY %#lx is in no executable PT_LOAD of AT_PHDR %p", entry,
	       (const void *)ph);
}

/* "auxv EXECFN ARGC": the auxiliary vector execve built. */
static void child_auxv(char **argv, int argc)
{
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	unsigned or_bytes = 0;

	CHECK_STR(execfn, argv[0]);
	CHECK_EQ(argc, atoi(argv[1]));
	CHECK_EQ(getauxval(AT_PAGESZ), 4096);
	CHECK_NE(getauxval(AT_PHDR), 0);
	CHECK_EQ(getauxval(AT_PHENT), sizeof(Elf64_Phdr));
	CHECK_GT(getauxval(AT_PHNUM), 0);
	CHECK_NE(getauxval(AT_ENTRY), 0);
	CHECK_EQ(getauxval(AT_UID), getuid());
	CHECK_EQ(getauxval(AT_EUID), geteuid());
	CHECK_EQ(getauxval(AT_GID), getgid());
	CHECK_EQ(getauxval(AT_EGID), getegid());
	CHECK_EQ(getauxval(AT_SECURE), 0);
	if (CHECK(rnd != NULL)) {
		for (int i = 0; i < 16; i++)
			or_bytes |= rnd[i];
		CHECK_NE(or_bytes, 0);	/* 16 random bytes are not all zero */
	}
	check_entry_in_phdrs();
}

static int exec_child_main(int argc, char **argv)
{
	const char *mode = argv[2];

	ut_become_helper();	/* checks print at once; exit status says */
	ut_case_name = mode;
	if (strcmp(mode, "dump") == 0)
		child_dump(argv);
	else if (strcmp(mode, "fds") == 0)
		child_fds(argv + 3);
	else if (strcmp(mode, "signals") == 0)
		child_signals();
	else if (strcmp(mode, "auxv") == 0)
		child_auxv(argv + 3, argc);
	else if (strcmp(mode, "pid") == 0) {
		pid_t ids[2] = { getpid(), getppid() };

		ut_write_all((const char *)ids, sizeof(ids));
	} else {
		CHECKF(0, "unknown mode %s", mode);
	}
	ut_child_exit();
}

/* ---- the testing side ---- */

/*
 * Fork; the child execs this program with argv/envp, its stdout going into
 * out (up to outsz bytes). Return: bytes read; *status: how it ended.
 */
static size_t run_self(char *const argv[], char *const envp[], char *out, size_t outsz,
		       int *status)
{
	int p[2];
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	*status = -1;
	if (pipe(p) < 0)
		return 0;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execve(ut_self_path(), argv, envp);
		_exit(127);
	}
	close(p[1]);
	while (len < outsz && (n = read(p[0], out + len, outsz - len)) > 0)
		len += (size_t)n;
	close(p[0]);
	*status = ut_wait(pid);
	return len;
}

/*
 * Fork and exec this program with argv (stdout shared); wait for it. The
 * child first sends itself pend_sig (if not 0): a signal pending across
 * the exec (fork does not pass pending signals on, so it must be sent in
 * the child).
 */
static int exec_self_status(char *const argv[], char *const envp[], int pend_sig)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (pend_sig)
			kill(getpid(), pend_sig);
		execve(ut_self_path(), argv, envp);
		_exit(127);
	}
	return ut_wait(pid);
}

/* What child_dump() must print for argv and envp. */
static size_t expected_dump(char *const argv[], char *const envp[], char *buf, size_t size)
{
	size_t len = 0;

	for (int i = 0; argv[i]; i++)
		len += (size_t)snprintf(buf + len, size - len, "A:%s", argv[i]) + 1;
	for (int i = 0; envp[i]; i++)
		len += (size_t)snprintf(buf + len, size - len, "E:%s", envp[i]) + 1;
	return len;
}

static char got[200000], want[200000];

static void check_dump(char *const argv[], char *const envp[])
{
	int st;
	size_t n = run_self(argv, envp, got, sizeof(got), &st);
	size_t m = expected_dump(argv, envp, want, sizeof(want));
	size_t i;

	CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec'd child %s", ut_status_str(st));
	CHECK_EQ(n, m);
	for (i = 0; i < n && i < m && got[i] == want[i]; i++)
		;
	CHECKF(n == m && i == n, "dump differs at byte %zu: got \"%.40s\", want \"%.40s\"", i,
	       i < n ? got + i : "", i < m ? want + i : "");
}

static void exec_passes_argv_and_envp(void)
{
	char *argv[] = { "custom-argv0", MARK, "dump", "hello world", "", "tab\there", "-x", NULL };
	char *envp[] = { "FOO=bar", "EMPTY=", "PATH=/nowhere", "X=a=b", NULL };

	check_dump(argv, envp);
}

static void exec_with_empty_environment(void)
{
	char *argv[] = { "x", MARK, "dump", NULL };
	char *envp[] = { NULL };

	check_dump(argv, envp);
}

/* 300 arguments and one of 32 KiB: more than a page of strings. */
static void exec_many_and_long_arguments(void)
{
	enum { NARGS = 300, LONG = 32 * 1024 };
	static char names[NARGS][16], big[LONG + 1];
	static char *argv[NARGS + 5];
	char *envp[] = { "ONE=1", big, NULL };
	int n = 0;

	argv[n++] = "many";
	argv[n++] = MARK;
	argv[n++] = "dump";
	for (int i = 0; i < NARGS; i++) {
		snprintf(names[i], sizeof(names[i]), "arg-%d", i);
		argv[n++] = names[i];
	}
	memset(big, 'z', LONG);
	memcpy(big, "BIG=", 4);
	argv[n] = NULL;
	check_dump(argv, envp);
}

static void exec_keeps_pid_and_parent(void)
{
	char *argv[] = { "pid", MARK, "pid", NULL };
	char *envp[] = { NULL };
	pid_t ids[2] = { 0, 0 };
	int st, p[2];
	pid_t pid;

	if (!CHECK_SYS(pipe(p)))
		return;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		execve(ut_self_path(), argv, envp);
		_exit(127);
	}
	close(p[1]);
	CHECK_EQ(read(p[0], ids, sizeof(ids)), sizeof(ids));
	st = ut_wait(pid);
	CHECK_EQ(st, 0);
	CHECK_EQ(ids[0], pid);
	CHECK_EQ(ids[1], getpid());
}

static void exec_closes_cloexec_descriptors(void)
{
	int a[2], b[2], c, d;
	char fds[4][16];
	int st;

	if (!CHECK_SYS(pipe2(a, O_CLOEXEC)) || !CHECK_SYS(pipe(b)))
		return;
	c = dup(b[0]);
	d = fcntl(b[0], F_DUPFD_CLOEXEC, 0);
	CHECK_EQ(fcntl(a[0], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(b[0], F_GETFD), 0);
	CHECK_EQ(fcntl(d, F_GETFD), FD_CLOEXEC);
	snprintf(fds[1], 16, "%d", b[0]);
	snprintf(fds[2], 16, "%d", b[1]);
	snprintf(fds[3], 16, "%d", c);
	{
		char *envp[] = { NULL };
		char *argv[] = { "fds", MARK, "fds", fds[0], fds[1], fds[2], fds[3], NULL };

		/* Each close-on-exec descriptor in turn must be gone. */
		snprintf(fds[0], 16, "%d", a[0]);
		st = exec_self_status(argv, envp, 0);
		CHECKF(st == 0, "O_CLOEXEC pipe end: child %s", ut_status_str(st));
		snprintf(fds[0], 16, "%d", d);
		st = exec_self_status(argv, envp, 0);
		CHECKF(st == 0, "F_DUPFD_CLOEXEC: child %s", ut_status_str(st));
		CHECK_SYS(fcntl(c, F_SETFD, FD_CLOEXEC));
		snprintf(fds[0], 16, "%d", c);
		argv[6] = NULL;
		st = exec_self_status(argv, envp, 0);
		CHECKF(st == 0, "F_SETFD FD_CLOEXEC: child %s", ut_status_str(st));
	}
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void exec_resets_handlers_keeps_mask(void)
{
	char *argv[] = { "signals", MARK, "signals", NULL };
	char *envp[] = { NULL };
	sigset_t block;
	int st;

	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, NULL);
	st = exec_self_status(argv, envp, SIGTERM);	/* blocked: stays pending */
	CHECKF(st == 0, "exec'd child %s", ut_status_str(st));
}

static void exec_builds_auxv(void)
{
	char argc[16];
	char *argv[] = { "auxv", MARK, "auxv", (char *)ut_self_path(), argc, NULL };
	char *envp[] = { "A=1", NULL };
	int st;

	snprintf(argc, sizeof(argc), "%d", 5);
	st = exec_self_status(argv, envp, 0);
	CHECKF(st == 0, "exec'd child %s", ut_status_str(st));
}

/*
 * Write a file of mode `mode` holding text, its path into path[256]. (The
 * usual umask, 022, leaves 0644 and 0755 alone; any umask leaves 0644
 * without an x bit, which is what matters here.)
 */
static void make_file(char *path, const char *name, const char *text, mode_t mode)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	int fd;

	snprintf(path, 256, "%s/utest-%s-%d", dir, name, (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (!CHECKF(fd >= 0, "open %s: %s", path, strerror(errno)))
		return;
	CHECK_EQ(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
}

static void exec_failures_return_errors(void)
{
	char *argv[] = { "x", NULL };
	char *envp[] = { NULL };
	char notdir[600], plain[256], junk[256];

	make_file(plain, "noexec", "hello\n", 0644);
	make_file(junk, "junk", "this is not an ELF file\n", 0755);

	CHECK_ERR(execve("/no/such/program", argv, envp), ENOENT);
	CHECK_ERR(execve("", argv, envp), ENOENT);
	CHECK_ERR(execve("/", argv, envp), EACCES);
	CHECK_ERR(execve(plain, argv, envp), EACCES);
	CHECK_ERR(execve(junk, argv, envp), ENOEXEC);
	snprintf(notdir, sizeof(notdir), "%s/x", ut_self_path());
	CHECK_ERR(execve(notdir, argv, envp), ENOTDIR);
	unlink(plain);
	unlink(junk);
	/* Still this program, still running. */
	CHECK_EQ(getpgrp(), getpid());
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], MARK) == 0)
		return exec_child_main(argc, argv);
	ut_init(argc, argv);
	RUN(exec_passes_argv_and_envp);
	RUN(exec_with_empty_environment);
	RUN(exec_many_and_long_arguments);
	RUN(exec_keeps_pid_and_parent);
	RUN(exec_closes_cloexec_descriptors);
	RUN(exec_resets_handlers_keeps_mask);
	RUN(exec_builds_auxv);
	RUN(exec_failures_return_errors);
	return ut_done();
}
