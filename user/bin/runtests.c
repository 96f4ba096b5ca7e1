/*
 * runtests - run the user test programs and add up their results; what
 * `init test` runs inside keyhole (tools/run-user-tests-host is its twin
 * on the host).
 *
 *	runtests [-d DIR] [-t SECONDS] [name...]
 *
 * Runs every executable file in DIR (/bin/tests by default), in name
 * order, or only the named ones, each with its full path as argv[0] (the
 * exec tests run themselves again through it). A program's standard
 * output and error come through a pipe: its lines are copied to ours as
 * they arrive, except its closing "N passed, M failed", which is added
 * to the total instead and shown as "-- name: N passed, M failed".
 *
 * A program counts as one more failure when it prints no summary (it
 * crashed), runs longer than SECONDS (300 by default; then its whole
 * process group is killed), reports failures but exits 0, or exits
 * non-zero after reporting none. The last line is the total,
 * "N passed, M failed"; the exit status is 1 if M > 0.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXTESTS 256

static volatile sig_atomic_t timed_out;
static long total_passed, total_failed;

/* 1 when the time is up; 2 once the program has been killed. */
static void on_alarm(int sig)
{
	(void)sig;
	if (!timed_out)
		timed_out = 1;
}

/* Whether line is a summary; if so, its two numbers. */
static bool parse_summary(const char *line, long *passed, long *failed)
{
	int end = 0;

	return sscanf(line, "%ld passed, %ld failed%n", passed, failed, &end) == 2 &&
	       line[end] == '\0';
}

/*
 * One complete line of the program's output (without its newline): copy
 * it, or take it as the summary.
 */
static void handle_line(char *line, bool *have_summary, long *passed, long *failed)
{
	if (parse_summary(line, passed, failed)) {
		*have_summary = true;
		return;
	}
	printf("%s\n", line);
}

/* Run one test program; add its results to the totals. */
static void run_one(const char *dir, const char *name, int timeout)
{
	char path[512], buf[4096], line[4096];
	size_t line_len = 0;
	bool have_summary = false;
	long passed = 0, failed = 0;
	int p[2], status;
	pid_t pid;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	printf("== %s\n", name);
	if (pipe(p) < 0) {
		printf("FAIL - %s: pipe: %s\n", name, strerror(errno));
		total_failed++;
		return;
	}
	pid = fork();
	if (pid == 0) {
		char *argv[] = { path, NULL };

		setpgid(0, 0);	/* so that a timeout kills its helpers too */
		signal(SIGALRM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		execv(path, argv);
		fprintf(stderr, "runtests: cannot run %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(p[1]);
	if (pid < 0) {
		printf("FAIL - %s: fork: %s\n", name, strerror(errno));
		total_failed++;
		close(p[0]);
		return;
	}
	setpgid(pid, pid);
	timed_out = 0;
	alarm((unsigned)timeout);
	for (;;) {
		n = read(p[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR && timed_out == 1) {
			/* The pipe closes once all are gone; a process that left
			 * the group may keep it open: give up on it in 5 s. */
			kill(-pid, SIGKILL);
			timed_out = 2;
			alarm(5);
			continue;
		}
		if (n < 0 && errno == EINTR && timed_out > 1)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n' || line_len == sizeof(line) - 1) {
				line[line_len] = '\0';
				handle_line(line, &have_summary, &passed, &failed);
				line_len = 0;
				if (buf[i] == '\n')
					continue;
			}
			line[line_len++] = buf[i];
		}
	}
	if (line_len > 0) {
		line[line_len] = '\0';
		handle_line(line, &have_summary, &passed, &failed);
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	alarm(0);
	kill(-pid, SIGKILL);	/* helpers it left behind */

	if (timed_out) {
		printf("FAIL - %s: still running after %ds, killed\n", name, timeout);
		total_failed++;
		return;
	}
	if (!have_summary) {
		if (WIFSIGNALED(status))
			printf("FAIL - %s: killed by signal %d (%s), no summary\n", name,
			       WTERMSIG(status), strsignal(WTERMSIG(status)));
		else
			printf("FAIL - %s: exited with status %d and no summary\n", name,
			       WEXITSTATUS(status));
		total_failed++;
		return;
	}
	printf("-- %s: %ld passed, %ld failed\n", name, passed, failed);
	total_passed += passed;
	total_failed += failed;
	if (!WIFEXITED(status) || (WEXITSTATUS(status) != 0 && failed == 0)) {
		printf("FAIL - %s: ended with status %#x after reporting no failure\n", name,
		       status);
		total_failed++;
	} else if (WEXITSTATUS(status) == 0 && failed != 0) {
		printf("FAIL - %s: reported failures but exited with status 0\n", name);
		total_failed++;
	} else if (passed + failed == 0) {
		printf("FAIL - %s: ran no tests\n", name);
		total_failed++;
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The executable regular files in dir, sorted. Return: how many. */
static int list_tests(const char *dir_path, char **names)
{
	DIR *dir = opendir(dir_path);
	struct dirent *d;
	int n = 0;

	if (!dir) {
		printf("runtests: %s: %s\n", dir_path, strerror(errno));
		return 0;
	}
	while ((d = readdir(dir)) != NULL && n < MAXTESTS) {
		char path[512];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir_path, d->d_name);
		if (d->d_name[0] == '.' || stat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
		    !(st.st_mode & 0111))
			continue;
		names[n++] = strdup(d->d_name);
	}
	closedir(dir);
	qsort(names, (size_t)n, sizeof(*names), by_name);
	return n;
}

int main(int argc, char **argv)
{
	static char *names[MAXTESTS];
	const char *dir = "/bin/tests";
	struct sigaction sa;
	int opt, timeout = 300, n;

	while ((opt = getopt(argc, argv, "d:t:")) != -1) {
		if (opt == 'd') {
			dir = optarg;
		} else if (opt == 't') {
			timeout = atoi(optarg);
		} else {
			fprintf(stderr, "usage: runtests [-d DIR] [-t SECONDS] [name...]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);	/* whole lines, nothing left to fork */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: read() returns EINTR */
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (optind < argc) {
		n = 0;
		for (int i = optind; i < argc && n < MAXTESTS; i++)
			names[n++] = argv[i];
	} else {
		n = list_tests(dir, names);
	}
	if (n == 0) {
		printf("runtests: no tests in %s\n", dir);
		total_failed++;
	}
	for (int i = 0; i < n; i++)
		run_one(dir, names[i], timeout > 0 ? timeout : 300);
	printf("%ld passed, %ld failed\n", total_passed, total_failed);
	return total_failed ? 1 : 0;
}
