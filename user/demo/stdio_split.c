/*
 * stdio_split.c - a program for the terminal checks of `make run-prog`
 * (tools/run-tests): it writes to standard output and to standard error
 * in turn, so that the two can be told apart, and exits with the status
 * given as its first argument. With "sleep" as its second argument it
 * then says "sleeping" and sleeps for a minute, for Ctrl-C to end.
 *
 *	musl-gcc -static -o split user/demo/stdio_split.c
 *	./split 3 > out 2> err; echo $?
 *	make run-prog PROG=./split ARGS=3 > out 2> err; tools/run-prog ...
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void say(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		exit(99);
}

int main(int argc, char **argv)
{
	say(1, "out 1\n");
	say(2, "err 1\n");
	say(1, "out 2\n");
	say(2, "err 2\n");
	if (argc > 2 && strcmp(argv[2], "sleep") == 0) {
		say(1, "sleeping\n");
		sleep(60);
		say(1, "woke up\n");
	}
	return argc > 1 ? atoi(argv[1]) : 0;
}
