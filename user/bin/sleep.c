/*
 * sleep - wait for a number of seconds.
 *
 *	sleep SECONDS
 *
 * SECONDS may have a fraction ("0.25"). A signal with a handler would
 * interrupt nanosleep(); we have none, so only a fatal signal (Ctrl-C's
 * SIGINT) ends the wait early, and the loop just finishes the rest.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec left;
	char *end;
	double secs;

	if (argc != 2) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 2;
	}
	secs = strtod(argv[1], &end);
	if (end == argv[1] || *end != '\0' || secs < 0) {
		fprintf(stderr, "sleep: invalid time '%s'\n", argv[1]);
		return 2;
	}
	left.tv_sec = (time_t)secs;
	left.tv_nsec = (long)((secs - (double)left.tv_sec) * 1e9);
	while (nanosleep(&left, &left) < 0) {
		if (errno != EINTR) {
			perror("sleep");
			return 1;
		}
	}
	return 0;
}
