/*
 * compare.c - a program to run on Linux and on keyhole and compare: it
 * uses stdio, malloc, a signal, a pipe between two processes, waitpid and
 * execve (of itself), and exits with status 5.
 *
 *	musl-gcc -static -o compare user/demo/compare.c
 *	./compare a b > linux.out; echo $?
 *	make run-prog PROG=./compare ARGS="a b" > keyhole.out; echo $?
 *	cmp linux.out keyhole.out
 *
 * `make test` does exactly that (the run-prog-matches-linux check).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void handler(int sig)
{
	(void)sig;
	got = 1;
}

int main(int argc, char **argv)
{
	char buf[64] = "";
	int p[2], st;

	if (argc == 2 && strcmp(argv[1], "--exec-child") == 0) {
		puts("exec works");	/* the child below, after execve of this program */
		return 0;
	}
	printf("args:");
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");

	char *m = malloc(1000);
	strcpy(m, "malloc ok");
	puts(m);
	free(m);

	signal(SIGUSR1, handler);
	raise(SIGUSR1);
	printf("signal: %d\n", got);

	if (pipe(p) != 0)
		return 1;
	fflush(stdout);
	pid_t c = fork();
	if (c == 0) {
		close(p[0]);
		write(p[1], "via pipe", 9);
		_exit(3);
	}
	close(p[1]);
	read(p[0], buf, sizeof(buf) - 1);
	waitpid(c, &st, 0);
	printf("%s, child status %d\n", buf, WEXITSTATUS(st));

	fflush(stdout);
	if (fork() == 0) {
		execl(argv[0], argv[0], "--exec-child", (char *)0);
		_exit(127);
	}
	wait(&st);
	return 5;
}
