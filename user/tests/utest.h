/*
 * utest.h - the small test framework shared by keyhole's user tests.
 *
 * A user test is an ordinary C program. The same source is built twice:
 * with the host gcc (glibc) to run on Linux, the oracle, and with
 * `musl-gcc -static` to run inside keyhole. A test that fails on Linux is
 * a wrong test.
 *
 * A case is a plain `static void name(void)` function; main() lists the
 * cases:
 *
 *	int main(int argc, char **argv)
 *	{
 *		ut_init(argc, argv);
 *		RUN(fork_returns_child_pid);
 *		RUN(exit_status_encoding);
 *		return ut_done();
 *	}
 *
 * Life of a case (as xv6's usertests): ut_run() forks, and the case runs
 * in that child, in a process group of its own. A case that crashes,
 * hangs, or leaves signal handlers and children behind cannot spoil the
 * next one: the parent reports a crash or a timeout (UT_TIMEOUT seconds,
 * or $UTEST_TIMEOUT) as a failure, and kills whatever is left in the
 * case's process group when it is over.
 *
 * Output, one line per case, then the total:
 *
 *	ok - fork_returns_child_pid
 *	FAIL - exit_status_encoding: user/tests/proc_fork_wait.c:40: st == 42 << 8 (7 != 10752)
 *	12 passed, 1 failed
 *
 * A failed check does not stop its case; the first failure goes on the
 * FAIL line and later ones on "    also: ..." lines below it. The program
 * exits with status 1 when a case failed. `prog name...` runs only the
 * named cases. ut_run_with(name, fn, arg) runs fn(arg) as a case named
 * name, for tables of cases (efault.c).
 *
 * Checks: CHECK(cond), CHECK_EQ/NE/LT/LE/GT/GE(a, b) (compared as long
 * long, both values shown), CHECK_STR(a, b), CHECK_SYS(call) (the call must
 * not return -1; shows errno), CHECK_ERR(call, E) (the call must return -1
 * with errno E), and CHECKF(cond, fmt, ...) with a message of your own.
 * Each evaluates its arguments once and returns whether it passed, so a
 * case can stop early: `if (!CHECK_SYS(fd = open(...))) return;`.
 *
 * A case that forks helpers uses ut_fork(): in such a helper a failed check
 * prints its message at once (tagged with the pid), and ut_child_exit()
 * ends the helper with status 1 if any check failed, which the case then
 * checks with CHECK_EXITED(pid, 0). All output goes straight to fd 1 with
 * write(), never through stdio buffers, so nothing is printed twice by a
 * fork and nothing is lost by a crash.
 */
#ifndef USER_TESTS_UTEST_H
#define USER_TESTS_UTEST_H

/* Include this first: glibc shows pipe2(), F_DUPFD_CLOEXEC ... only so. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <sys/sysinfo.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define UT_TIMEOUT 30		/* seconds per case, unless $UTEST_TIMEOUT says */
#define UT_MAX_ALSO 8		/* failure messages shown per case, after the first */

static int ut_passed, ut_failed;	/* cases, counted by the parent */
static int ut_argc;
static char **ut_argv;
static const char *ut_case_name;	/* the case running in this process */
static int ut_nfail;			/* failed checks in this process */
static bool ut_in_helper;		/* a ut_fork() child: print failures at once */
static char ut_first[512];		/* the first failure of the case */
static char ut_also[UT_MAX_ALSO][512];	/* and the next few */

/* Write all of buf to fd 1, retrying short writes and EINTR. */
static inline void ut_write_all(const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(1, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

/* printf to fd 1, unbuffered: one write() per call (lines stay whole). */
__attribute__((format(printf, 1, 2))) static inline void ut_print(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	ut_write_all(buf, (size_t)n);
}

/*
 * ut_fail - record a failed check: "file:line: message". In a case it is
 * kept for the case's FAIL line; in a helper child it is printed now.
 * Saves and restores errno, so a check does not disturb the next one.
 */
__attribute__((format(printf, 3, 4))) static inline void ut_fail(const char *file, int line,
								 const char *fmt, ...)
{
	char msg[512];
	int len, saved = errno;
	va_list ap;

	len = snprintf(msg, sizeof(msg), "%s:%d: ", file, line);
	va_start(ap, fmt);
	vsnprintf(msg + len, sizeof(msg) - (size_t)len, fmt, ap);
	va_end(ap);
	if (ut_in_helper)
		ut_print("    in helper %d of %s: %s\n", (int)getpid(),
			 ut_case_name ? ut_case_name : "?", msg);
	else if (ut_nfail == 0)
		memcpy(ut_first, msg, sizeof(msg));
	else if (ut_nfail <= UT_MAX_ALSO)
		memcpy(ut_also[ut_nfail - 1], msg, sizeof(msg));
	ut_nfail++;
	errno = saved;
}

#define CHECKF(cond, ...)                                                      \
	({                                                                     \
		bool ut_ok_ = (cond);                                          \
		if (!ut_ok_)                                                   \
			ut_fail(__FILE__, __LINE__, __VA_ARGS__);              \
		ut_ok_;                                                        \
	})

#define CHECK(cond) CHECKF(cond, "%s", #cond)

#define UT_CMP(a, op, b)                                                       \
	({                                                                     \
		long long ut_a_ = (long long)(a), ut_b_ = (long long)(b);      \
		CHECKF(ut_a_ op ut_b_, "%s %s %s (%lld %s %lld)", #a, #op, #b, \
		       ut_a_, #op, ut_b_);                                     \
	})

#define CHECK_EQ(a, b) UT_CMP(a, ==, b)
#define CHECK_NE(a, b) UT_CMP(a, !=, b)
#define CHECK_LT(a, b) UT_CMP(a, <, b)
#define CHECK_LE(a, b) UT_CMP(a, <=, b)
#define CHECK_GT(a, b) UT_CMP(a, >, b)
#define CHECK_GE(a, b) UT_CMP(a, >=, b)

/* NUL-terminated strings; NULL shows as (null). */
#define CHECK_STR(a, b)                                                        \
	({                                                                     \
		const char *ut_sa_ = (a), *ut_sb_ = (b);                       \
		CHECKF(ut_sa_ && ut_sb_ && strcmp(ut_sa_, ut_sb_) == 0,        \
		       "%s == %s (\"%s\" != \"%s\")", #a, #b,                  \
		       ut_sa_ ? ut_sa_ : "(null)", ut_sb_ ? ut_sb_ : "(null)"); \
	})

/* A call that must succeed (not return -1). */
#define CHECK_SYS(call)                                                        \
	({                                                                     \
		long ut_r_ = (long)(call);                                     \
		CHECKF(ut_r_ != -1, "%s (returned -1, errno %d: %s)", #call,   \
		       errno, strerror(errno));                                \
	})

/* A call that must fail with errno E. */
#define CHECK_ERR(call, E)                                                     \
	({                                                                     \
		errno = 0;                                                     \
		long ut_r_ = (long)(call);                                     \
		int ut_e_ = errno;                                             \
		CHECKF(ut_r_ == -1 && ut_e_ == (E),                            \
		       "%s fails with %s (returned %ld, errno %d: %s)", #call, \
		       #E, ut_r_, ut_e_, strerror(ut_e_));                     \
	})

/* "exited 3", "killed by signal 11 (Segmentation fault)" ... */
static inline const char *ut_status_str(int status)
{
	static char buf[96];

	if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exited %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sizeof(buf), "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(buf, sizeof(buf), "status %#x", status);
	return buf;
}

/* waitpid() that retries EINTR. Return: the status, or -1 on error. */
static inline int ut_wait(pid_t pid)
{
	int status;
	pid_t r;

	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	return r == pid ? status : -1;
}

/* CLOCK_MONOTONIC in milliseconds. */
static inline long ut_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

#define UT_REAP_TIMEOUT_MS 10000

/*
 * Whether pid (not our child: an orphan) is gone within UT_REAP_TIMEOUT_MS:
 * kill(pid, 0) fails with ESRCH once its adopter has reaped it (a zombie
 * still answers). On keyhole the adopter is init; on Linux it is PID 1 or
 * a subreaper, which reaps at its own pace.
 */
static inline bool ut_reaped(pid_t pid)
{
	long deadline = ut_now_ms() + UT_REAP_TIMEOUT_MS;

	while (ut_now_ms() < deadline) {
		if (kill(pid, 0) < 0 && errno == ESRCH)
			return true;
		usleep(10 * 1000);
	}
	return false;
}

/* Whether a write of one byte at p kills a child with SIGSEGV. */
static inline bool ut_write_segfaults(char *p)
{
	pid_t pid = fork();

	if (pid == 0) {
		*(volatile char *)p = 'X';
		_exit(0);
	}
	int st = ut_wait(pid);
	return st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV;
}

/* Wait for child pid; it must have exited with code. */
#define CHECK_EXITED(pid, code)                                                \
	({                                                                     \
		int ut_st_ = ut_wait(pid);                                     \
		CHECKF(ut_st_ != -1 && WIFEXITED(ut_st_) &&                    \
			       WEXITSTATUS(ut_st_) == (code),                  \
		       "child %s exits with %d (%s)", #pid, (code),            \
		       ut_st_ == -1 ? "waitpid failed" : ut_status_str(ut_st_)); \
	})

/*
 * ut_become_helper - in a child just made by fork() or a fork-like clone():
 * from now on failed checks print at once, and count from zero.
 */
static inline void ut_become_helper(void)
{
	ut_in_helper = true;
	ut_nfail = 0;
}

/*
 * ut_fork - fork a helper process inside a case. In the child, failed
 * checks print at once; end it with ut_child_exit(). Return: as fork().
 */
static inline pid_t ut_fork(void)
{
	pid_t pid = fork();

	if (pid == 0)
		ut_become_helper();
	return pid;
}

/* End a ut_fork() child: status 1 if one of its checks failed, else 0. */
static inline __attribute__((noreturn)) void ut_child_exit(void)
{
	_exit(ut_nfail ? 1 : 0);
}

/*
 * ut_self_path - a path that execve() can use to run this program again.
 * argv[0] when it holds a '/' (the runners pass the full path, e.g.
 * /bin/tests/proc_exec on keyhole); otherwise argv[0] found on $PATH, then
 * /proc/self/exe, then /bin/tests/argv[0].
 */
static inline const char *ut_self_path(void)
{
	static char buf[512];
	const char *name = ut_argv[0], *path = getenv("PATH");

	if (strchr(name, '/'))
		return name;
	while (path && *path) {
		size_t len = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, path, name);
		if (access(buf, X_OK) == 0)
			return buf;
		path += len + (path[len] == ':');
	}
	if (access("/proc/self/exe", X_OK) == 0)
		return "/proc/self/exe";
	snprintf(buf, sizeof(buf), "/bin/tests/%s", name);
	return buf;
}

static inline void ut_alarm(int sig)
{
	(void)sig;
}

static inline void ut_init(int argc, char **argv)
{
	struct sigaction sa;

	ut_argc = argc;
	ut_argv = argv;
	/* SIGALRM interrupts the parent's waitpid() when a case runs too long. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ut_alarm;
	sigaction(SIGALRM, &sa, NULL);
}

/* Whether the command line asks for this case (no names: every case). */
static inline bool ut_selected(const char *name)
{
	if (ut_argc < 2)
		return true;
	for (int i = 1; i < ut_argc; i++)
		if (strcmp(ut_argv[i], name) == 0)
			return true;
	return false;
}

/* In the case's child: print its line; exit 0 if it passed, 1 if not. */
static inline __attribute__((noreturn)) void ut_case_exit(void)
{
	if (ut_nfail == 0) {
		ut_print("ok - %s\n", ut_case_name);
		_exit(0);
	}
	ut_print("FAIL - %s: %s\n", ut_case_name, ut_first);
	for (int i = 1; i < ut_nfail && i <= UT_MAX_ALSO; i++)
		ut_print("    also: %s\n", ut_also[i - 1]);
	if (ut_nfail > UT_MAX_ALSO + 1)
		ut_print("    (and %d more)\n", ut_nfail - UT_MAX_ALSO - 1);
	_exit(1);
}

/*
 * Run one case, fn() or fn_arg(arg), in a child of its own; count and
 * report it.
 */
static inline void ut_run_case(const char *name, void (*fn)(void),
			       void (*fn_arg)(const void *), const void *arg)
{
	const char *env = getenv("UTEST_TIMEOUT");
	int timeout = env ? atoi(env) : UT_TIMEOUT;
	bool timed_out = false;
	int status;
	pid_t pid, r;

	if (!ut_selected(name))
		return;
	pid = fork();
	if (pid < 0) {
		ut_print("FAIL - %s: fork: %s\n", name, strerror(errno));
		ut_failed++;
		return;
	}
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGALRM, SIG_DFL);
		ut_case_name = name;
		if (fn)
			fn();
		else
			fn_arg(arg);
		ut_case_exit();
	}
	setpgid(pid, pid);	/* as in the child: whichever runs first */
	alarm(timeout > 0 ? (unsigned)timeout : UT_TIMEOUT);
	while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
		timed_out = true;
		kill(-pid, SIGKILL);
	}
	alarm(0);
	kill(-pid, SIGKILL);	/* helpers the case left behind */
	if (r != pid) {
		ut_print("FAIL - %s: waitpid: %s\n", name, strerror(errno));
		ut_failed++;
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		ut_passed++;	/* the child printed "ok - name" */
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 1) {
		ut_failed++;	/* the child printed "FAIL - name: ..." */
	} else {
		ut_print("FAIL - %s: %s\n", name,
			 timed_out ? "timed out, killed" : ut_status_str(status));
		ut_failed++;
	}
}

/* Run one case, a static void fn(void). */
static inline void ut_run(const char *name, void (*fn)(void))
{
	ut_run_case(name, fn, NULL, NULL);
}

/* Run one case of a table, fn(arg), under its own name. */
static inline void ut_run_with(const char *name, void (*fn)(const void *), const void *arg)
{
	ut_run_case(name, NULL, fn, arg);
}

#define RUN(fn) ut_run(#fn, fn)

/* Print the total; main() returns this: 1 if a case failed, else 0. */
static inline int ut_done(void)
{
	ut_print("%d passed, %d failed\n", ut_passed, ut_failed);
	return ut_failed ? 1 : 0;
}

/*
 * ut_check_no_leak - run cycle() n times after a warm-up and check that
 * sysinfo().freeram came back: exactly on keyhole, where the only other
 * work (runtests copying lines to the console) allocates nothing (see
 * sysinfo_leak.c); on Linux, where freed pages sit on per-CPU lists and other
 * processes come and go, the median of five rounds must stay under 32 MiB,
 * which catches gross leaks only. what describes a cycle for the message.
 */
#define UT_LINUX_ROUNDS 5
#define UT_LINUX_TOLERANCE (32L << 20)

static inline bool ut_on_linux(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "Linux") == 0;
}

/* ut_write_file - make path hold exactly text (mode 0644 if new). */
static inline void ut_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (!CHECK_SYS(fd))
		return;
	CHECK_EQ(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
}

/* ut_read_text - the whole text of a small file (up to 255 bytes, in a
 * static buffer), or "" if it cannot be read. */
static inline const char *ut_read_text(const char *path)
{
	static char buf[256];
	int fd = open(path, O_RDONLY);
	long n;

	buf[0] = '\0';
	if (fd < 0)
		return buf;
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return buf;
}

static inline long ut_freeram(void)
{
	struct sysinfo si;

	if (sysinfo(&si) < 0)
		return -1;
	return (long)si.freeram * (long)si.mem_unit;
}

static inline int ut_cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/*
 * Run cycle() n times after a warm-up, and check how much freeram dropped
 * (what = a description for the message).
 */
static inline void ut_check_no_leak(void (*cycle)(void), int n, const char *what)
{
	bool linux_host = ut_on_linux();
	int rounds = linux_host ? UT_LINUX_ROUNDS : 1;
	long drops[UT_LINUX_ROUNDS], drop;

	for (int i = 0; i < 20; i++)	/* caches, page tables, COW state, idrs */
		cycle();
	for (int r = 0; r < rounds; r++) {
		long before = ut_freeram();

		for (int i = 0; i < n; i++)
			cycle();
		drops[r] = before - ut_freeram();
	}
	qsort(drops, (size_t)rounds, sizeof(drops[0]), ut_cmp_long);
	drop = drops[rounds / 2];
	if (linux_host)
		CHECKF(drop <= UT_LINUX_TOLERANCE,
		       "freeram dropped by %ld KiB (median of %d rounds) over %d %s, more than "
		       "Linux's noise allows (%ld KiB)",
		       drop >> 10, rounds, n, what, UT_LINUX_TOLERANCE >> 10);
	else
		CHECKF(drop == 0, "freeram dropped by %ld bytes (%ld pages) over %d %s", drop,
		       drop / 4096, n, what);
}

#endif /* USER_TESTS_UTEST_H */
