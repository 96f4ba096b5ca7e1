/*
 * hello.c - the first user program keyhole ran: an ordinary static musl
 * program that prints, allocates, maps memory and powers the machine off.
 *
 * Until the initramfs and the real init arrive, the kernel can start it
 * straight from a GRUB module as PID 1 (`initmod=hello` on the kernel
 * command line); `make test` does that and checks what it prints. It also
 * runs on Linux (without the power-off, which needs root there).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

static volatile int got_usr1, got_chld;

static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		got_usr1++;
	if (sig == SIGCHLD)
		got_chld++;
}

int main(int argc, char **argv, char **envp)
{
	struct utsname u;
	struct timespec ts;
	int failures = 0;

	printf("hello from user space: pid %d, argc %d, argv[0] %s\n", getpid(), argc, argv[0]);
	for (char **e = envp; *e; e++)
		printf("env: %s\n", *e);

	if (uname(&u) == 0)
		printf("uname: %s %s\n", u.sysname, u.machine);
	printf("umask: %03o\n", (unsigned)umask(022));

	/* malloc: small blocks from brk, a large one from mmap. */
	char *small = malloc(100), *big = malloc(1 << 20);
	if (!small || !big) {
		printf("FAIL: malloc\n");
		failures++;
	} else {
		memset(big, 0x5a, 1 << 20);
		strcpy(small, "heap works");
		printf("malloc: %s, big[12345] = 0x%x\n", small, big[12345] & 0xff);
	}
	free(big);
	free(small);

	int *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || p[100] != 0) {
		printf("FAIL: mmap\n");
		failures++;
	} else {
		p[2047] = 7;
		printf("mmap: %d\n", p[2047]);
		munmap(p, 8192);
	}

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0)
		printf("clock: monotonic time is positive: %s\n", ts.tv_sec > 0 || ts.tv_nsec > 0 ? "yes" : "no");

	/* fork: the child sees its own copy of memory, the parent its status. */
	static int shared_value = 1;
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		shared_value = 2;
		printf("child: pid %d, parent %d, value %d\n", getpid(), getppid(), shared_value);
		fflush(stdout);
		_exit(7);
	}
	int status = 0;
	pid_t waited = waitpid(child, &status, 0);
	if (waited != child || !WIFEXITED(status) || WEXITSTATUS(status) != 7 ||
	    shared_value != 1) {
		printf("FAIL: fork/wait (waited %d, status 0x%x, value %d)\n", waited, status,
		       shared_value);
		failures++;
	} else {
		printf("fork: child exited with 7, parent still sees %d\n", shared_value);
	}
	if (waitpid(-1, &status, WNOHANG) != -1) {
		printf("FAIL: a second wait should find no child\n");
		failures++;
	}

	/* signals: a handler runs for a signal sent to ourselves; a child that
	 * touches NULL dies of SIGSEGV and we get SIGCHLD. */
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	kill(getpid(), SIGUSR1);
	fflush(stdout);
	child = fork();
	if (child == 0) {
		*(volatile int *)0 = 1;
		_exit(0);
	}
	waitpid(child, &status, 0);
	if (got_usr1 != 1 || got_chld != 1 || !WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV) {
		printf("FAIL: signals (usr1 %d, chld %d, status 0x%x)\n", got_usr1, got_chld, status);
		failures++;
	} else {
		printf("signals: handler ran, child killed by SIGSEGV, SIGCHLD came\n");
	}

	/* a pipe: 1 MiB from a child, checksummed on both sides */
	int fds[2];
	if (pipe(fds) != 0) {
		printf("FAIL: pipe\n");
		failures++;
	} else {
		fflush(stdout);
		child = fork();
		if (child == 0) {
			static unsigned char chunk[3000];
			unsigned sum = 0;
			close(fds[0]);
			for (int i = 0; i < (1 << 20) / 3000 + 1; i++) {
				for (int j = 0; j < 3000; j++)
					chunk[j] = (unsigned char)(i * 7 + j);
				int n = i == (1 << 20) / 3000 ? (1 << 20) % 3000 : 3000;
				for (int j = 0; j < n; j++)
					sum += chunk[j];
				if (write(fds[1], chunk, n) != n)
					_exit(1);
			}
			_exit(sum & 0xff);
		}
		close(fds[1]);
		static unsigned char buf[4096];
		unsigned long total = 0;
		unsigned sum = 0;
		ssize_t n;
		while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
			for (ssize_t j = 0; j < n; j++)
				sum += buf[j];
			total += n;
		}
		close(fds[0]);
		waitpid(child, &status, 0);
		if (total != (1 << 20) || !WIFEXITED(status) || WEXITSTATUS(status) != (sum & 0xff)) {
			printf("FAIL: pipe moved %lu bytes (status 0x%x)\n", total, status);
			failures++;
		} else {
			printf("pipe: 1 MiB from a child, checksum 0x%02x on both sides\n", sum & 0xff);
		}
	}

	printf("hello: %s\n", failures ? "some checks failed" : "all checks passed");
	fflush(stdout);
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	return failures ? 1 : 0;
}
