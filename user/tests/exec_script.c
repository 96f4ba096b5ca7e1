/*
 * exec_script.c - exec of "#!" scripts (Linux's binfmt_script) and the
 * argument rules of execve, as Linux has them.
 *
 * The interpreter of most scripts here is this very program: run with
 * EXEC_SCRIPT_DUMP=1 in its environment, it prints its argv, AT_EXECFN
 * and its name (comm) and exits 0, so a case sees the argv the kernel
 * built: the interpreter's path as the line wrote it, the line's one
 * optional argument (the rest of the line, inner spaces and all), the
 * script's path, then the caller's argv without its argv[0].
 *
 * The line lives in the first 256 bytes (BINPRM_BUF_SIZE): cut there, it
 * still runs if the interpreter's path is whole (a space, tab or NUL
 * after it), else ENOEXEC; a line of blanks is ENOEXEC, and an empty path
 * ("#!" then a NUL) is the current directory, EACCES; a missing
 * interpreter ENOENT, a directory or a file without execute permission
 * EACCES, one that is neither ELF nor script ENOEXEC; scripts run by
 * scripts nest to 5 levels, the sixth is ELOOP.
 *
 * And execve's own argument rules: an empty argv becomes { "" } (Linux
 * since 5.18), a string of 128 KiB or more (MAX_ARG_STRLEN) or too many
 * bytes of strings and pointers in all is E2BIG, and there is no limit
 * on the number of strings but that.
 */
#include "elftest.h"

#include <elf.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#define SCRIPT  "/tmp/exec_script.sh"
#define DUMP_ENV "EXEC_SCRIPT_DUMP=1"

static const char *self;

/* The interpreter side: argv, AT_EXECFN, comm, one per line. */
static int dump(int argc, char **argv)
{
	char comm[17] = "";

	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	printf("execfn=%s\n", (const char *)getauxval(AT_EXECFN));
	prctl(PR_GET_NAME, comm);
	printf("comm=%s\n", comm);
	return 0;
}

static bool write_file(const char *path, const void *bytes, size_t len, mode_t mode)
{
	int fd;
	bool ok;

	unlink(path);
	if (!CHECK_SYS(fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)))
		return false;
	ok = CHECK_EQ(write(fd, bytes, len), (ssize_t)len);
	close(fd);
	return ok && CHECK_SYS(chmod(path, mode));
}

static bool write_script(const char *path, const char *text)
{
	return write_file(path, text, strlen(text), 0755);
}

/* Exec path with argv (NULL-terminated) and the dump environment. */
static bool run(const char *path, char **argv, bool use_vfork, char *out, size_t len,
		struct exec_result *r)
{
	char *envp[] = { DUMP_ENV, NULL };
	struct exec_spec s = { path, argv, envp, false, use_vfork };

	return exec_capture(&s, out, len, r);
}

/* The dump that argv want... gives, line by line, with AT_EXECFN execfn. */
static void expect_dump(const char *out, const struct exec_result *r, const char *const *want,
			const char *execfn, const char *comm)
{
	char buf[8192];
	int n = 0, len;

	while (want[n])
		n++;
	len = snprintf(buf, sizeof(buf), "argc=%d\n", n);
	for (int i = 0; i < n && len < (int)sizeof(buf); i++)
		len += snprintf(buf + len, sizeof(buf) - (size_t)len, "argv[%d]=%s\n", i, want[i]);
	if (len < (int)sizeof(buf))
		snprintf(buf + len, sizeof(buf) - (size_t)len, "execfn=%s\ncomm=%s\n", execfn, comm);
	if (!CHECKF(r->err == 0 && WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0,
		    "wanted the interpreter to run, got: %s", exec_result_str(r)))
		return;
	CHECKF(strcmp(out, buf) == 0, "the interpreter printed:\n%s-- wanted:\n%s", out, buf);
}

static void expect_errno(const char *path, char **argv, int err, const char *what)
{
	char out[4096];
	struct exec_result r = { -1, -1 };

	run(path, argv, false, out, sizeof(out), &r);
	CHECKF(r.err == err, "%s: wanted execve to fail with %s, got: %s", what, strerror(err),
	       exec_result_str(&r));
}

/* Run SCRIPT with text as its contents and argv { "s0", "a", "b" }. */
static void script_case(const char *text, const char *const *want)
{
	char *argv[] = { "s0", "a", "b", NULL };
	char out[8192];
	struct exec_result r;

	if (write_script(SCRIPT, text) && run(SCRIPT, argv, false, out, sizeof(out), &r))
		expect_dump(out, &r, want, SCRIPT, "exec_script.sh");
	unlink(SCRIPT);
}

static void script_argv_with_argument(void)
{
	char text[600];
	const char *want[] = { self, "-x", SCRIPT, "a", "b", NULL };

	snprintf(text, sizeof(text), "#!%s -x\necho not for the kernel\n", self);
	script_case(text, want);
}

static void script_argv_without_argument(void)
{
	char text[600];
	const char *want[] = { self, SCRIPT, "a", "b", NULL };

	snprintf(text, sizeof(text), "#!%s\n", self);
	script_case(text, want);
	snprintf(text, sizeof(text), "#!%s  \t \n", self);     /* trailing blanks */
	script_case(text, want);
	snprintf(text, sizeof(text), "#!%s", self);             /* no newline at all */
	script_case(text, want);
}

/* Blanks before the path; the argument is the rest, inner blanks kept. */
static void script_argument_is_the_rest_of_the_line(void)
{
	char text[600];
	const char *want[] = { self, "-x  -y\tz", SCRIPT, "a", "b", NULL };

	snprintf(text, sizeof(text), "#! \t %s \t -x  -y\tz \t\nmore\n", self);
	script_case(text, want);
	snprintf(text, sizeof(text), "#!%s -x  -y\tz", self);
	script_case(text, want);
}

/* A line longer than 256 bytes: the argument is cut at byte 255. */
static void script_long_line_cuts_argument(void)
{
	char text[600], arg[300];
	int head = snprintf(text, sizeof(text), "#!%s ", self);
	const char *want[] = { self, arg, SCRIPT, "a", "b", NULL };

	memset(text + head, 'x', 400);
	text[head + 400] = '\0';
	memset(arg, 'x', (size_t)(255 - head));
	arg[255 - head] = '\0';
	script_case(text, want);
}

/* The interpreter's path must be whole within the 256 bytes. */
static void script_long_interpreter_enoexec(void)
{
	char text[600], name[300], *argv[] = { SCRIPT, NULL };
	const char *want[] = { name, SCRIPT, NULL };
	int fd_in, fd_out;
	char buf[65536];
	ssize_t n;
	bool copied = true;

	/* A path of 252 bytes, bytes 2..253 of the line: a copy of this program. */
	memcpy(name, "/tmp/", 5);
	memset(name + 5, 'e', 247);
	name[252] = '\0';
	if (!CHECK_SYS(fd_in = open(self, O_RDONLY)))
		return;
	if (!CHECK_SYS(fd_out = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0755))) {
		close(fd_in);
		return;
	}
	while ((n = read(fd_in, buf, sizeof(buf))) > 0)
		copied &= write(fd_out, buf, (size_t)n) == n;
	close(fd_in);
	close(fd_out);
	if (!CHECK(copied && n == 0))
		return;

	/* A space at byte 254: the path is whole, the argument ("y") is cut off. */
	snprintf(text, sizeof(text), "#!%s y", name);
	if (write_script(SCRIPT, text)) {
		char out[4096];
		struct exec_result r;

		if (run(SCRIPT, argv, false, out, sizeof(out), &r))
			expect_dump(out, &r, want, SCRIPT, "exec_script.sh");
	}
	/* The path runs into byte 255: it may be cut, so no exec. */
	snprintf(text, sizeof(text), "#!%see", name);
	if (write_script(SCRIPT, text))
		expect_errno(SCRIPT, argv, ENOEXEC, "a path through byte 255");
	/* Blanks all the way: no path. */
	memset(text, ' ', 400);
	memcpy(text, "#!", 2);
	text[400] = '\0';
	if (write_script(SCRIPT, text))
		expect_errno(SCRIPT, argv, ENOEXEC, "a line of 400 blanks");
	unlink(name);
	unlink(SCRIPT);
}

static void script_no_interpreter_enoexec(void)
{
	static const char *const texts[] = { "#!\n", "#! \t \n/bin/sh\n" };
	char *argv[] = { SCRIPT, NULL };

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (write_script(SCRIPT, texts[i]))
			expect_errno(SCRIPT, argv, ENOEXEC, texts[i]);
	/* "#!" then a NUL (or the zeros past the end of a short file): an
	 * empty path, which Linux looks up as the current directory. */
	if (write_file(SCRIPT, "#!\0/bin/sh\n", 11, 0755))
		expect_errno(SCRIPT, argv, EACCES, "#! and a NUL");
	if (write_script(SCRIPT, "#!"))
		expect_errno(SCRIPT, argv, EACCES, "a file of #! alone");
	if (write_script(SCRIPT, "#! \t"))
		expect_errno(SCRIPT, argv, EACCES, "#! and blanks, no newline");
	unlink(SCRIPT);
}

static void script_bad_interpreter(void)
{
	char *argv[] = { SCRIPT, NULL };

	if (write_script(SCRIPT, "#!/nonexistent/interpreter -x\n"))
		expect_errno(SCRIPT, argv, ENOENT, "a missing interpreter");
	if (write_script(SCRIPT, "#!/tmp\n"))
		expect_errno(SCRIPT, argv, EACCES, "a directory as interpreter");
	if (write_file("/tmp/exec_script.txt", "just text, no #!\n", 17, 0644) &&
	    write_script(SCRIPT, "#!/tmp/exec_script.txt\n"))
		expect_errno(SCRIPT, argv, EACCES, "an interpreter without execute permission");
	if (CHECK_SYS(chmod("/tmp/exec_script.txt", 0755)))
		expect_errno(SCRIPT, argv, ENOEXEC, "a text file as interpreter");
	if (write_file("/tmp/exec_script.txt", "", 0, 0755))
		expect_errno(SCRIPT, argv, ENOEXEC, "an empty file as interpreter");
	unlink("/tmp/exec_script.txt");
	if (write_file(SCRIPT, "", 0, 0755))
		expect_errno(SCRIPT, argv, ENOEXEC, "an empty file");
	if (write_file(SCRIPT, "#", 1, 0755))
		expect_errno(SCRIPT, argv, ENOEXEC, "a file of one #");
	unlink(SCRIPT);
}

/* A script whose interpreter is a script: the argv of each level in turn. */
static void script_run_by_script(void)
{
	char text[600], *argv[] = { "s0", "x", NULL }, out[8192];
	const char *want[] = { self, "a2", "/tmp/exec_script.2", "a1", SCRIPT, "x", NULL };
	struct exec_result r;

	snprintf(text, sizeof(text), "#!%s a2\n", self);
	if (!write_script("/tmp/exec_script.2", text) ||
	    !write_script(SCRIPT, "#!/tmp/exec_script.2 a1\n"))
		return;
	if (run(SCRIPT, argv, false, out, sizeof(out), &r))
		expect_dump(out, &r, want, SCRIPT, "exec_script.sh");
	unlink("/tmp/exec_script.2");
	unlink(SCRIPT);
}

/* Scripts n deep: /tmp/exec_script.d1 runs .d2 ... .dn, which runs us. */
static bool make_chain(int n)
{
	char path[64], text[600];

	for (int i = 1; i <= n; i++) {
		snprintf(path, sizeof(path), "/tmp/exec_script.d%d", i);
		if (i < n)
			snprintf(text, sizeof(text), "#!/tmp/exec_script.d%d\n", i + 1);
		else
			snprintf(text, sizeof(text), "#!%s\n", self);
		if (!write_script(path, text))
			return false;
	}
	return true;
}

static void remove_chain(int n)
{
	char path[64];

	for (int i = 1; i <= n; i++) {
		snprintf(path, sizeof(path), "/tmp/exec_script.d%d", i);
		unlink(path);
	}
}

/* Linux: "4 levels of binfmt rewrites", depth 0 to 5 of exec_binprm's
 * loop: five scripts and the program run, a sixth script is ELOOP. */
static void script_nesting_limit(void)
{
	char *argv[] = { "/tmp/exec_script.d1", NULL }, out[8192];
	struct exec_result r;

	if (make_chain(5) && run(argv[0], argv, false, out, sizeof(out), &r)) {
		CHECKF(r.err == 0 && WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
		       "five nested scripts: %s", exec_result_str(&r));
		CHECKF(strstr(out, "argc=6\n") && strstr(out, "argv[5]=/tmp/exec_script.d1\n"),
		       "five nested scripts printed:\n%s", out);
	}
	remove_chain(5);
	if (make_chain(6))
		expect_errno(argv[0], argv, ELOOP, "six nested scripts");
	remove_chain(6);
	/* A script that runs itself. */
	if (write_script(SCRIPT, "#!" SCRIPT "\n")) {
		char *self_argv[] = { SCRIPT, NULL };

		expect_errno(SCRIPT, self_argv, ELOOP, "a script that is its own interpreter");
	}
	unlink(SCRIPT);
}

/* A relative interpreter path is looked up from the current directory. */
static void script_relative_interpreter(void)
{
	char text[600], *argv[] = { SCRIPT, NULL }, out[8192], cwd[512];
	const char *want[] = { self, "./exec_script.2", SCRIPT, NULL };
	struct exec_result r;

	snprintf(text, sizeof(text), "#!%s\n", self);
	if (!CHECK(getcwd(cwd, sizeof(cwd)) != NULL) || !write_script("/tmp/exec_script.2", text) ||
	    !write_script(SCRIPT, "#!./exec_script.2\n") || !CHECK_SYS(chdir("/tmp")))
		return;
	if (run(SCRIPT, argv, false, out, sizeof(out), &r))
		expect_dump(out, &r, want, SCRIPT, "exec_script.sh");
	CHECK_SYS(chdir("/"));
	expect_errno(SCRIPT, argv, ENOENT, "a relative interpreter from another directory");
	CHECK_SYS(chdir(cwd));
	unlink("/tmp/exec_script.2");
	unlink(SCRIPT);
}

static void script_exec_from_vfork_child(void)
{
	char text[600], *argv[] = { "s0", "a", NULL }, out[8192];
	const char *want[] = { self, SCRIPT, "a", NULL };
	struct exec_result r;

	snprintf(text, sizeof(text), "#!%s\n", self);
	if (write_script(SCRIPT, text) && run(SCRIPT, argv, true, out, sizeof(out), &r))
		expect_dump(out, &r, want, SCRIPT, "exec_script.sh");
	/* And one that fails: the vforked parent hears the errno. */
	if (write_script(SCRIPT, "#!/nonexistent\n") &&
	    run(SCRIPT, argv, true, out, sizeof(out), &r))
		CHECKF(r.err == ENOENT, "vfork, a missing interpreter: %s", exec_result_str(&r));
	unlink(SCRIPT);
}

/* An empty argv is { "" }; a script's then is the interpreter and the script. */
static void exec_empty_argv(void)
{
	char *argv[] = { NULL }, text[600], out[8192];
	const char *want_self[] = { "", NULL }, *want_script[] = { self, SCRIPT, NULL };
	struct exec_result r;

	if (run(self, argv, false, out, sizeof(out), &r))
		expect_dump(out, &r, want_self, self, "exec_script");
	snprintf(text, sizeof(text), "#!%s\n", self);
	if (write_script(SCRIPT, text) && run(SCRIPT, argv, false, out, sizeof(out), &r))
		expect_dump(out, &r, want_script, SCRIPT, "exec_script.sh");
	unlink(SCRIPT);
}

/* MAX_ARG_STRLEN (32 pages, with the NUL) per string; 2 MiB in all is
 * past both kernels' limits. */
static void exec_e2big(void)
{
	size_t big = 32 * 4096;
	char *s = malloc(big + 1), *argv[24], out[4096];
	struct exec_result r;

	if (!CHECK(s != NULL))
		return;
	memset(s, 'a', big);
	s[big] = '\0';
	argv[0] = "x";
	argv[1] = s;
	argv[2] = NULL;
	expect_errno(self, argv, E2BIG, "a string of 128 KiB");
	s[big - 1] = '\0';                      /* 128 KiB with its NUL: fits */
	if (run(self, argv, false, out, sizeof(out), &r))
		CHECKF(r.err == 0 && WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 &&
		       strncmp(out, "argc=2\nargv[0]=x\nargv[1]=aaa", 28) == 0,
		       "a string of 128 KiB - 1: %s, printed %.40s", exec_result_str(&r), out);
	for (int i = 1; i < 23; i++)
		argv[i] = s;                    /* 22 strings of 128 KiB */
	argv[23] = NULL;
	expect_errno(self, argv, E2BIG, "2.75 MiB of arguments");
	free(s);
}

/* The number of strings has no limit of its own: 10,000 short arguments
 * run (keyhole refused more than 4,096 with E2BIG); pointers alone past
 * the space (300,000 empty strings: 2.4 MB of pointers) are E2BIG. */
static void exec_many_arguments(void)
{
	int n = 300000;
	char **argv = malloc(((size_t)n + 1) * sizeof(char *)), out[4096];
	struct exec_result r;

	if (!CHECK(argv != NULL))
		return;
	for (int i = 0; i < n; i++)
		argv[i] = i ? "x" : "many";
	argv[10000] = NULL;
	if (run(self, argv, false, out, sizeof(out), &r))
		CHECKF(r.err == 0 && WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 &&
		       strncmp(out, "argc=10000\nargv[0]=many\nargv[1]=x\n", 34) == 0,
		       "10,000 arguments: %s, printed %.40s", exec_result_str(&r), out);
	for (int i = 1; i < n; i++)
		argv[i] = "";
	argv[n] = NULL;
	expect_errno(self, argv, E2BIG, "300,000 empty arguments");
	free(argv);
}

static void script_cycle(void)
{
	char *argv[] = { SCRIPT, NULL }, out[8192];
	struct exec_result r;

	run(SCRIPT, argv, false, out, sizeof(out), &r);
}

static void script_exec_no_leak(void)
{
	char text[600];

	snprintf(text, sizeof(text), "#!%s -x\n", self);
	if (write_script(SCRIPT, text))
		ut_check_no_leak(script_cycle, 30, "execs of a script");
	if (write_script(SCRIPT, "#!/nonexistent\n"))
		ut_check_no_leak(script_cycle, 30, "execs of a script with a missing interpreter");
	unlink(SCRIPT);
}

int main(int argc, char **argv)
{
	if (getenv("EXEC_SCRIPT_DUMP"))
		return dump(argc, argv);
	ut_init(argc, argv);
	static char abs_self[4096];

	if (!realpath(ut_self_path(), abs_self))
		snprintf(abs_self, sizeof(abs_self), "%s", ut_self_path());
	self = abs_self;
	RUN(script_argv_with_argument);
	RUN(script_argv_without_argument);
	RUN(script_argument_is_the_rest_of_the_line);
	RUN(script_long_line_cuts_argument);
	RUN(script_long_interpreter_enoexec);
	RUN(script_no_interpreter_enoexec);
	RUN(script_bad_interpreter);
	RUN(script_run_by_script);
	RUN(script_nesting_limit);
	RUN(script_relative_interpreter);
	RUN(script_exec_from_vfork_child);
	RUN(exec_empty_argv);
	RUN(exec_e2big);
	RUN(exec_many_arguments);
	RUN(script_exec_no_leak);
	return ut_done();
}
