/*
 * jobctl.c - a shell's job control, by hand, at the terminal it runs on.
 *
 * Run it at a terminal (keyhole's console, or a Linux one) and type as it
 * says. It starts one job (a child in a process group of its own, put in
 * the terminal's foreground with tcsetpgrp) that reads lines and echoes
 * them, then does what bash does for each key:
 *
 *	Ctrl-Z   the terminal sends SIGTSTP to the foreground group: the
 *	         job stops; waitpid(WUNTRACED) tells us; we take the
 *	         terminal back
 *	"bg"     SIGCONT, the job goes on in the background: its read of
 *	         the terminal sends it SIGTTIN, and it stops again
 *	"fg"     tcsetpgrp to the job's group, SIGCONT: its read goes on
 *	Ctrl-C   SIGINT to the foreground group: the job dies of it
 *
 * The shell side ignores SIGTTOU (tcsetpgrp from the background), SIGINT
 * and SIGTSTP, as an interactive shell does. Exit status 0 when the job
 * ended by Ctrl-C after all that. tools/run-tests types at it on Linux
 * and on keyhole and compares (jobctl-at-the-console).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void say(const char *s)
{
	write(1, s, strlen(s));
}

/* What waitpid said, as bash says it. */
static void report(int st)
{
	char buf[64];

	if (WIFSTOPPED(st))
		snprintf(buf, sizeof(buf), "[1]+ Stopped (%s)\n",
			 WSTOPSIG(st) == SIGTSTP ? "SIGTSTP" :
			 WSTOPSIG(st) == SIGTTIN ? "SIGTTIN" : "other");
	else if (WIFCONTINUED(st))
		snprintf(buf, sizeof(buf), "[1]+ Continued\n");
	else if (WIFSIGNALED(st))
		snprintf(buf, sizeof(buf), "[1]  Killed by %s\n",
			 WTERMSIG(st) == SIGINT ? "SIGINT" : "another signal");
	else
		snprintf(buf, sizeof(buf), "[1]  Done (%d)\n", WEXITSTATUS(st));
	say(buf);
}

int main(void)
{
	int st;

	if (!isatty(0)) {
		say("jobctl: standard input is not a terminal\n");
		return 2;
	}
	signal(SIGTTOU, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	pid_t job = fork();

	if (job == 0) {
		char line[128];
		ssize_t n;

		setpgid(0, 0);
		tcsetpgrp(0, getpid());
		signal(SIGTTOU, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		say("job: reading lines; type Ctrl-Z\n");
		while ((n = read(0, line, sizeof(line) - 1)) > 0) {
			line[n] = 0;
			say("job read: ");
			say(line);
		}
		_exit(0);
	}
	setpgid(job, job);
	waitpid(job, &st, WUNTRACED);
	report(st);                             /* Stopped (SIGTSTP) */
	tcsetpgrp(0, getpgrp());
	say("$ bg\n");
	kill(-job, SIGCONT);
	waitpid(job, &st, WUNTRACED | WCONTINUED);
	report(st);                             /* Continued */
	waitpid(job, &st, WUNTRACED);
	report(st);                             /* Stopped (SIGTTIN) */
	say("$ fg\n");
	tcsetpgrp(0, job);
	kill(-job, SIGCONT);
	say("type a line, then Ctrl-C\n");
	waitpid(job, &st, WUNTRACED);
	tcsetpgrp(0, getpgrp());
	report(st);                             /* Killed by SIGINT */
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGINT ? 0 : 1;
}
