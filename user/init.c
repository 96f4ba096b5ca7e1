/*
 * init - keyhole's first process, PID 1, at /init in the initramfs.
 *
 * The kernel starts it with the words of its command line as arguments
 * (argv[1..]). init looks for the first word that names a mode; words
 * before it (console=ttyS0, quiet, ...) are not its business and are
 * skipped, and the mode word takes every word after it:
 *
 *	init			the shell on the console, started again whenever
 *				it exits: Debian's bash as a login shell in the
 *				full image (user/debian/debian.mk), in /root
 *				with the environment login(1) gives root;
 *				/bin/sh where there is no bash
 *	init test [name...]	the user tests: /bin/runtests [name...], which
 *				prints one line per test and "N passed, M
 *				failed"; then power off with its exit status
 *	init run PROG [arg...]	run one program (PROG, or /bin/PROG when it has
 *				no '/') with those arguments, print nothing of
 *				its own, and power off with the program's exit
 *				status (128+N if signal N killed it)
 *	init run --stderr DEV PROG [arg...]
 *				the same, with the program's standard error
 *				on DEV (make run-prog: /dev/ttyS2, which the
 *				host keeps apart from standard output)
 *
 * Whatever the mode, init does what PID 1 must: it makes sure descriptors
 * 0, 1 and 2 are open (on /dev/console), and it waits for every child,
 * which includes every orphan the kernel hands it, so none stays a zombie.
 *
 * Each program it starts gets a session of its own with the console as its
 * controlling terminal (setsid, TIOCSCTTY), so that it is the console's
 * foreground process group and Ctrl-C reaches it, and gets the default
 * signal dispositions back (init ignores the terminal's signals, and an
 * ignored signal would stay ignored across exec).
 *
 * Powering off: reboot(RB_POWER_OFF), made with the raw system call so
 * that the exit status can ride along in the fourth argument, which Linux
 * ignores for this command; keyhole hands it to QEMU as the exit status.
 * When init is not PID 1 (tried on Linux, say), it exits with the status
 * instead: it must never power off the host.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHELL "/bin/sh"
#define LOGIN_SHELL "/bin/bash"		/* Debian's, in the full image */
#define TEST_RUNNER "/bin/runtests"

/* reboot(2)'s magic numbers: what glibc's and musl's reboot() pass. */
#define REBOOT_MAGIC1 0xfee1deadUL
#define REBOOT_MAGIC2 672274793UL

/* What init ignores; its children get the defaults back. */
static const int ignored_signals[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGHUP,
				       SIGTERM, SIGUSR1, SIGUSR2, SIGPIPE };

static void set_signals(void (*disposition)(int))
{
	for (size_t i = 0; i < sizeof(ignored_signals) / sizeof(ignored_signals[0]); i++)
		signal(ignored_signals[i], disposition);
}

/* Open /dev/console as each of descriptors 0, 1 and 2 that is not open. */
static void open_console(void)
{
	for (int fd = 0; fd < 3; fd++) {
		int c;

		if (fcntl(fd, F_GETFD) >= 0)
			continue;
		c = open("/dev/console", O_RDWR | O_NOCTTY);
		if (c < 0)
			return;	/* nowhere to write even this */
		if (c != fd) {
			dup2(c, fd);
			close(c);
		}
	}
}

/*
 * Start argv[0] (looked up in /bin when it has no '/'), or exe when it is
 * given, in a session of its own whose foreground process group it is.
 * Return: its pid, or -1 if fork failed.
 */
static pid_t spawn(const char *exe, char **argv, const char *stderr_dev)
{
	char path[256];
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	setsid();
	/* The console is our terminal: 1 takes it (as root) even from a
	 * session an earlier program left behind, as getty does. */
	ioctl(0, TIOCSCTTY, 1);
	tcsetpgrp(0, getpid());	/* and we are its foreground (TIOCSCTTY did it too) */
	if (stderr_dev) {
		int fd = open(stderr_dev, O_WRONLY | O_NOCTTY);

		if (fd < 0 || dup2(fd, 2) < 0)
			fprintf(stderr, "init: cannot open %s: %s\n", stderr_dev, strerror(errno));
		if (fd > 2)
			close(fd);
	}
	set_signals(SIG_DFL);
	if (exe)
		snprintf(path, sizeof(path), "%s", exe);
	else if (strchr(argv[0], '/'))
		snprintf(path, sizeof(path), "%s", argv[0]);
	else
		snprintf(path, sizeof(path), "/bin/%s", argv[0]);
	execv(path, argv);
	fprintf(stderr, "init: cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

/*
 * Wait until pid exits, reaping any other child (orphans) on the way.
 * Return: its exit status as a shell reports it (128+N for signal N).
 */
static int wait_for(pid_t pid)
{
	int status;
	pid_t r;

	for (;;) {
		r = wait(&status);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return 127;	/* ECHILD: it is not our child? */
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static void power_off(int status)
{
	if (getpid() == 1) {
		sync();
		syscall(SYS_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2, RB_POWER_OFF, (long)status);
		fprintf(stderr, "init: reboot: %s\n", strerror(errno));
	}
	exit(status);
}

/* Run argv (after an optional "--stderr DEV"), wait, power off with its status. */
static void run_and_power_off(char **argv)
{
	const char *stderr_dev = NULL;
	pid_t pid;

	if (argv[0] && strcmp(argv[0], "--stderr") == 0 && argv[1]) {
		stderr_dev = argv[1];
		argv += 2;
	}
	if (!argv[0]) {
		fprintf(stderr, "init: 'run' needs a program\n");
		power_off(127);
	}
	pid = spawn(NULL, argv, stderr_dev);
	power_off(pid < 0 ? 127 : wait_for(pid));
}

/*
 * The shell, forever. When it cannot start, or ends at once, init backs
 * off: 1 s, then 2, 4 ... up to SHELL_BACKOFF_MAX between attempts, back to
 * none once a shell has run for a second or more (as before). A machine out of memory or
 * processes is not kept busier by init (it once tried every second for
 * ever, printing "cannot run /bin/sh: Out of memory" each time).
 */
#define SHELL_BACKOFF_MAX 60

/*
 * Debian's bash, when the image has it: a login shell ("-bash" reads
 * /etc/profile, which sources /etc/bash.bashrc and its prompt, then
 * ~/.profile and ~/.bashrc) with what login(1) sets for root.
 */
static const char *choose_shell(char **argv)
{
	if (access(LOGIN_SHELL, X_OK) != 0) {
		argv[0] = SHELL;
		return SHELL;
	}
	argv[0] = "-bash";
	setenv("HOME", "/root", 1);
	setenv("USER", "root", 1);
	setenv("LOGNAME", "root", 1);
	setenv("SHELL", LOGIN_SHELL, 1);
	setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
	if (chdir("/root") != 0)
		fprintf(stderr, "init: cannot enter /root: %s\n", strerror(errno));
	return LOGIN_SHELL;
}

static void shell_loop(void)
{
	char *argv[] = { NULL, NULL };
	const char *shell = choose_shell(argv);
	unsigned int delay = 1;

	for (;;) {
		time_t started = time(NULL);
		pid_t pid;
		int status;

		pid = spawn(shell, argv, NULL);
		if (pid < 0) {
			fprintf(stderr, "init: cannot fork for %s: %s; again in %u s\n", shell,
				strerror(errno), delay);
		} else {
			status = wait_for(pid);
			fprintf(stderr, "init: %s exited with status %d, starting a new one\n",
				shell, status);
			if (time(NULL) - started >= 1) {
				delay = 1;      /* it ran: no back-off */
				continue;
			}
		}
		sleep(delay);
		delay = delay * 2 > SHELL_BACKOFF_MAX ? SHELL_BACKOFF_MAX : delay * 2;
	}
}

int main(int argc, char **argv)
{
	static char *runner[64] = { TEST_RUNNER };

	open_console();
	set_signals(SIG_IGN);
	setenv("PATH", "/bin", 0);
	setenv("HOME", "/", 0);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "run") == 0)
			run_and_power_off(argv + i + 1);
		if (strcmp(argv[i], "test") == 0) {
			for (int j = i + 1, n = 1; j < argc && n < 63; j++)
				runner[n++] = argv[j];
			run_and_power_off(runner);
		}
	}
	shell_loop();
}
