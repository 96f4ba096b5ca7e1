/*
 * kill - send a signal to processes or process groups.
 *
 *	kill [-SIGNAL] pid...	SIGNAL is a number (9) or a name (KILL, SIGKILL,
 *				kill); the default is TERM. A negative pid
 *				names a process group: kill -INT -- -42
 *	kill -l			list the signal names
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	int sig;
	const char *name;
} signals[] = {
	{ SIGHUP, "HUP" }, { SIGINT, "INT" }, { SIGQUIT, "QUIT" }, { SIGILL, "ILL" },
	{ SIGTRAP, "TRAP" }, { SIGABRT, "ABRT" }, { SIGBUS, "BUS" }, { SIGFPE, "FPE" },
	{ SIGKILL, "KILL" }, { SIGUSR1, "USR1" }, { SIGSEGV, "SEGV" }, { SIGUSR2, "USR2" },
	{ SIGPIPE, "PIPE" }, { SIGALRM, "ALRM" }, { SIGTERM, "TERM" }, { SIGCHLD, "CHLD" },
	{ SIGCONT, "CONT" }, { SIGSTOP, "STOP" }, { SIGTSTP, "TSTP" }, { SIGTTIN, "TTIN" },
	{ SIGTTOU, "TTOU" }, { SIGURG, "URG" }, { SIGXCPU, "XCPU" }, { SIGXFSZ, "XFSZ" },
	{ SIGVTALRM, "VTALRM" }, { SIGPROF, "PROF" }, { SIGWINCH, "WINCH" }, { SIGIO, "IO" },
	{ SIGPWR, "PWR" }, { SIGSYS, "SYS" },
};

#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))

/* "9", "KILL", "SIGKILL", "kill" -> 9; -1 if it is none of those. */
static int parse_signal(const char *s)
{
	char *end;
	long n;

	if (isdigit((unsigned char)*s)) {
		n = strtol(s, &end, 10);
		return *end == '\0' && n >= 0 && n < 65 ? (int)n : -1;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < NSIGNALS; i++)
		if (strcasecmp(s, signals[i].name) == 0)
			return signals[i].sig;
	return -1;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, status = 0, i = 1;

	if (argc == 2 && strcmp(argv[1], "-l") == 0) {
		for (size_t k = 0; k < NSIGNALS; k++)
			printf("%2d %s\n", signals[k].sig, signals[k].name);
		return 0;
	}
	if (i < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0 && i + 1 < argc) {
		sig = parse_signal(argv[i] + 1);
		if (sig < 0) {
			fprintf(stderr, "kill: unknown signal '%s' (kill -l lists them)\n",
				argv[i] + 1);
			return 2;
		}
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc) {
		fprintf(stderr, "usage: kill [-SIGNAL] pid...\n");
		return 2;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (end == argv[i] || *end != '\0') {
			fprintf(stderr, "kill: '%s' is not a pid\n", argv[i]);
			status = 1;
		} else if (kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: %ld: %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
