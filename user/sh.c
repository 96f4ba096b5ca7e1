/*
 * sh - keyhole's shell: small, and meant to be read.
 *
 *	sh		read commands from standard input ("$ " prompt on a terminal)
 *	sh FILE		read them from FILE
 *	sh -c STRING	run STRING
 *
 * What a line may hold:
 *
 *	line        := list [ '#' comment ]
 *	list        := pipeline { ';' pipeline | '&' pipeline } [ ';' | '&' ]
 *	pipeline    := command { '|' command }
 *	command     := { word | '<' word | '>' word | '>>' word }
 *
 * A word is a run of characters other than blanks and | < > & ; ; in it,
 * '...' quotes literally, "..." quotes but expands $?, a backslash quotes
 * the next character, and $? is the exit status of the last pipeline (a
 * death by signal N counts as 128+N). '#' starts a comment at the start of
 * a word. Built in: cd [dir], exit [n], wait. Programs are looked for in
 * $PATH (/bin when unset) unless the name holds a '/'.
 *
 * Life of a line: read it (one byte at a time, so that a program started
 * from a script reads the rest of the script, not what we read ahead);
 * then, pipeline by pipeline, parse (expanding $? as it is now, so that
 * `false; echo $?` prints 1), run, and wait unless it ended with '&'.
 *
 * Job control, when the shell is interactive (its input is a terminal and
 * it can make itself the terminal's foreground process group): each
 * pipeline gets a process group of its own, led by its first process, and
 * a foreground pipeline is handed the terminal with tcsetpgrp(), so that
 * Ctrl-C's SIGINT goes to it and not to the shell. The shell ignores
 * SIGINT, SIGQUIT, SIGTSTP, SIGTTIN and SIGTTOU; its children put the
 * defaults back before exec. Ctrl-Z stops the foreground pipeline; this
 * shell has no fg or bg, so it continues it in the background. Finished background pipelines are reported
 * before the next prompt. Not interactive: no process groups, no signal
 * changes, and a background pipeline reads /dev/null.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXLINE  4096	/* bytes in a line */
#define MAXWORDS 256	/* words in a command */
#define MAXCMDS  64	/* commands in a pipeline */
#define MAXBG    32	/* background pipelines remembered for "done" messages */

struct command {
	char *argv[MAXWORDS + 1];
	int argc;
	char *in, *out;		/* redirections, or NULL */
	bool append;		/* out is ">>" */
};

struct pipeline {
	struct command cmds[MAXCMDS];
	int ncmds;
	bool background;
};

enum token { T_WORD, T_PIPE, T_IN, T_OUT, T_APPEND, T_AMP, T_SEMI, T_END, T_ERROR };

static int last_status;		/* $? */
static bool interactive;	/* commands come from a terminal */
static bool job_control;	/* interactive, and the terminal is ours */
static pid_t shell_pgid;
static pid_t background[MAXBG];	/* last process of each background pipeline */

/* Words of the pipeline being parsed, after quote removal and expansion. */
static char word_buf[2 * MAXLINE + 64];
static size_t word_len;

static const int job_signals[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };

static void set_job_signals(void (*disposition)(int))
{
	for (size_t i = 0; i < sizeof(job_signals) / sizeof(job_signals[0]); i++)
		signal(job_signals[i], disposition);
}

/* ---- reading and parsing ---- */

/*
 * Read a line from fd into line (without the newline). Return: its length,
 * or -1 at end of input with nothing read.
 */
static int read_line(int fd, char *line, size_t size)
{
	size_t len = 0;
	char c;

	for (;;) {
		ssize_t n = read(fd, &c, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return len > 0 ? (int)len : -1;
		if (c == '\n')
			break;
		if (len + 1 < size)
			line[len++] = c;
	}
	line[len] = '\0';
	return (int)len;
}

static bool word_put(char c)
{
	if (word_len + 1 >= sizeof(word_buf))
		return false;
	word_buf[word_len++] = c;
	return true;
}

static bool is_special(char c)
{
	return c == '|' || c == '<' || c == '>' || c == '&' || c == ';';
}

/*
 * The next token at *pos. A word is stored in word_buf and *word points to
 * it. Return: the token; T_ERROR (reported) for a bad quote.
 */
static enum token next_token(const char **pos, char **word)
{
	const char *p = *pos;
	char quote = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	*pos = p + 1;
	switch (*p) {
	case '\0':
	case '#':
		*pos = p;
		return T_END;
	case '|':
		return T_PIPE;
	case '<':
		return T_IN;
	case '&':
		return T_AMP;
	case ';':
		return T_SEMI;
	case '>':
		if (p[1] == '>') {
			*pos = p + 2;
			return T_APPEND;
		}
		return T_OUT;
	}
	*word = word_buf + word_len;
	for (; *p && (quote || !(*p == ' ' || *p == '\t' || is_special(*p))); p++) {
		bool ok = true;

		if (*p == quote) {
			quote = 0;		/* the closing quote */
		} else if (!quote && (*p == '\'' || *p == '"')) {
			quote = *p;		/* an opening quote */
		} else if (quote != '\'' && p[0] == '$' && p[1] == '?') {
			char num[16];

			snprintf(num, sizeof(num), "%d", last_status);
			for (char *d = num; *d && ok; d++)
				ok = word_put(*d);
			p++;
		} else if (quote != '\'' && *p == '\\' && p[1]) {
			ok = word_put(*++p);
		} else {
			ok = word_put(*p);
		}
		if (!ok) {
			fprintf(stderr, "sh: line too long\n");
			return T_ERROR;
		}
	}
	if (quote) {
		fprintf(stderr, "sh: unterminated %c quote\n", quote);
		return T_ERROR;
	}
	word_buf[word_len++] = '\0';
	*pos = p;
	return T_WORD;
}

static const char *token_name(enum token t)
{
	static const char *const names[] = { "word", "|", "<", ">", ">>", "&", ";", "end of line" };

	return t < T_ERROR ? names[t] : "error";
}

/*
 * Parse one pipeline from *pos, up to and including its ';' or '&'.
 * Return: 1 if one was parsed, 0 if the line holds no more, -1 on a
 * syntax error (reported).
 */
static int parse_pipeline(const char **pos, struct pipeline *pl)
{
	struct command *cmd;
	enum token t;
	char *word;

	memset(pl, 0, sizeof(*pl));
	word_len = 0;
	cmd = &pl->cmds[0];
	pl->ncmds = 1;
	for (;;) {
		t = next_token(pos, &word);
		switch (t) {
		case T_WORD:
			if (cmd->argc == MAXWORDS) {
				fprintf(stderr, "sh: too many words\n");
				return -1;
			}
			cmd->argv[cmd->argc++] = word;
			break;
		case T_IN:
		case T_OUT:
		case T_APPEND:
			if (next_token(pos, &word) != T_WORD) {
				fprintf(stderr, "sh: syntax error: %s needs a file name\n",
					token_name(t));
				return -1;
			}
			if (t == T_IN) {
				cmd->in = word;
			} else {
				cmd->out = word;
				cmd->append = t == T_APPEND;
			}
			break;
		case T_PIPE:
			if (cmd->argc == 0 || pl->ncmds == MAXCMDS) {
				fprintf(stderr, "sh: syntax error near '|'\n");
				return -1;
			}
			cmd = &pl->cmds[pl->ncmds++];
			break;
		case T_AMP:
		case T_SEMI:
		case T_END:
			if (cmd->argc == 0) {
				if (pl->ncmds == 1 && !cmd->in && !cmd->out && t == T_END)
					return 0;	/* nothing (more) on the line */
				if (pl->ncmds == 1 && !cmd->in && !cmd->out && t == T_SEMI)
					continue;	/* an empty command: ";;" */
				fprintf(stderr, "sh: syntax error near '%s'\n", token_name(t));
				return -1;
			}
			pl->background = t == T_AMP;
			return 1;
		case T_ERROR:
			return -1;
		}
	}
}

/* ---- running ---- */

/* The exit status a shell reports for a wait status. */
static int exit_code(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Run a program, looking it up in $PATH. Does not return. */
static void exec_program(char **argv)
{
	const char *path = getenv("PATH");
	char full[1024];
	int err = ENOENT;

	if (strchr(argv[0], '/')) {
		execv(argv[0], argv);
		err = errno;
	} else {
		if (!path)
			path = "/bin";
		while (*path) {
			size_t len = strcspn(path, ":");

			snprintf(full, sizeof(full), "%.*s%s%s", (int)len, path, len ? "/" : "",
				 argv[0]);
			execv(full, argv);
			if (errno != ENOENT)
				err = errno;	/* found, but not runnable */
			path += len + (path[len] == ':');
		}
	}
	fprintf(stderr, "sh: %s: %s\n", argv[0], err == ENOENT ? "not found" : strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

/* Open file onto fd (0 or 1). Return: 0, or -1 (reported). */
static int redirect(const char *file, int fd, int flags)
{
	int f = open(file, flags, 0644);

	if (f < 0) {
		fprintf(stderr, "sh: %s: %s\n", file, strerror(errno));
		return -1;
	}
	if (f != fd) {
		dup2(f, fd);
		close(f);
	}
	return 0;
}

static int builtin(struct command *cmd, bool *is_builtin);

/*
 * In a child: set up process group, terminal, signals and file
 * descriptors for command i of pl, then run it. Does not return.
 */
static void run_child(struct pipeline *pl, int i, pid_t pgid, int in_fd, int out_fd)
{
	struct command *cmd = &pl->cmds[i];
	bool is_builtin;
	int status;

	if (job_control) {
		setpgid(0, pgid);	/* pgid 0: lead a new group */
		if (!pl->background)
			tcsetpgrp(0, getpgrp());
	}
	if (interactive)
		set_job_signals(SIG_DFL);
	if (in_fd != 0) {
		dup2(in_fd, 0);
		close(in_fd);
	} else if (pl->background && !job_control && i == 0) {
		redirect("/dev/null", 0, O_RDONLY);
	}
	if (out_fd != 1) {
		dup2(out_fd, 1);
		close(out_fd);
	}
	if (cmd->in && redirect(cmd->in, 0, O_RDONLY) < 0)
		_exit(1);
	if (cmd->out && redirect(cmd->out, 1, O_WRONLY | O_CREAT |
					   (cmd->append ? O_APPEND : O_TRUNC)) < 0)
		_exit(1);
	status = builtin(cmd, &is_builtin);	/* "cd x | cat" runs cd here */
	if (is_builtin)
		_exit(status);
	exec_program(cmd->argv);
}

/* Wait for pid to end or stop (Ctrl-Z), retrying when a signal
 * interrupts. Return: its status. */
static int wait_for(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, job_control ? WUNTRACED : 0) < 0) {
		if (errno != EINTR)
			return 127 << 8;
	}
	return status;
}

/* Say how a process that died by a signal died, as shells do. */
static void report_signal(int status)
{
	int sig = WTERMSIG(status);

	if (sig == SIGINT)
		fputc('\n', stderr);
	else if (sig != SIGPIPE)
		fprintf(stderr, "%s\n", strsignal(sig));
}

/* Fork the commands of pl, joined by pipes; wait for them unless '&'. */
static void run_pipeline(struct pipeline *pl)
{
	pid_t pids[MAXCMDS], pgid = 0;
	int in_fd = 0, status = 0;

	for (int i = 0; i < pl->ncmds; i++) {
		int p[2] = { -1, 1 };

		if (i + 1 < pl->ncmds && pipe(p) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			break;
		}
		pids[i] = fork();
		if (pids[i] == 0) {
			if (p[0] >= 0)
				close(p[0]);
			run_child(pl, i, pgid, in_fd, p[1]);
		}
		if (pids[i] < 0) {
			fprintf(stderr, "sh: fork: %s\n", strerror(errno));
			pl->ncmds = i;
		} else if (job_control) {
			if (pgid == 0)
				pgid = pids[i];
			setpgid(pids[i], pgid);	/* as the child does: no race */
		}
		if (in_fd != 0)
			close(in_fd);
		if (p[1] != 1)
			close(p[1]);
		in_fd = p[0] >= 0 ? p[0] : 0;
		if (pids[i] < 0)
			break;
	}
	if (in_fd != 0)
		close(in_fd);
	if (pl->ncmds == 0) {
		last_status = 1;
		return;
	}
	if (pl->background) {
		for (int j = 0; j < MAXBG; j++)
			if (background[j] == 0) {
				background[j] = pids[pl->ncmds - 1];
				break;
			}
		if (job_control)
			fprintf(stderr, "[%d]\n", (int)pids[pl->ncmds - 1]);
		last_status = 0;
		return;
	}
	if (job_control)
		tcsetpgrp(0, pgid);
	for (int i = 0; i < pl->ncmds; i++)
		status = wait_for(pids[i]);	/* the last one's status counts */
	if (job_control)
		tcsetpgrp(0, shell_pgid);	/* the terminal is ours again */
	if (WIFSTOPPED(status)) {
		/* Ctrl-Z. This shell has no fg or bg: the job goes on in
		 * the background (reading the terminal stops it again). */
		kill(-pgid, SIGCONT);
		for (int j = 0; j < MAXBG; j++)
			if (background[j] == 0) {
				background[j] = pids[pl->ncmds - 1];
				break;
			}
		fprintf(stderr, "\n[%d] stopped, continued in the background\n",
			(int)pids[pl->ncmds - 1]);
		last_status = 128 + WSTOPSIG(status);
		return;
	}
	if (WIFSIGNALED(status))
		report_signal(status);
	last_status = exit_code(status);
}

/* Reap background pipelines that have finished; report them if interactive. */
static void reap_background(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int j = 0; j < MAXBG; j++) {
			if (background[j] != pid)
				continue;
			background[j] = 0;
			if (job_control)
				fprintf(stderr, "[%d] done, status %d\n", (int)pid,
					exit_code(status));
		}
	}
}

/*
 * cd, exit and wait. Return: the status; *is_builtin says whether cmd was
 * one of them.
 */
static int builtin(struct command *cmd, bool *is_builtin)
{
	const char *name = cmd->argv[0];

	*is_builtin = true;
	if (strcmp(name, "cd") == 0) {
		const char *dir = cmd->argc > 1 ? cmd->argv[1] : getenv("HOME");

		if (chdir(dir ? dir : "/") < 0) {
			fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
			return 1;
		}
		return 0;
	}
	if (strcmp(name, "exit") == 0)
		exit(cmd->argc > 1 ? atoi(cmd->argv[1]) & 255 : last_status);
	if (strcmp(name, "wait") == 0) {
		int status;

		while (wait(&status) > 0 || errno == EINTR)
			;
		memset(background, 0, sizeof(background));
		return 0;
	}
	*is_builtin = false;
	return 0;
}

/* Run every pipeline of a line. */
static void run_line(const char *line)
{
	static struct pipeline pl;
	const char *pos = line;
	int r;

	while ((r = parse_pipeline(&pos, &pl)) > 0) {
		bool is_builtin = false;

		/* A lone builtin runs in the shell: cd must change our directory. */
		if (pl.ncmds == 1 && !pl.background) {
			int status = builtin(&pl.cmds[0], &is_builtin);

			if (is_builtin)
				last_status = status;
		}
		if (!is_builtin)
			run_pipeline(&pl);
	}
	if (r < 0)
		last_status = 2;
}

/* Take the terminal, if input is one; decide whether we do job control. */
static void setup_job_control(int fd)
{
	interactive = fd == 0 && isatty(0);
	if (!interactive)
		return;
	set_job_signals(SIG_IGN);
	setpgid(0, 0);		/* fails harmlessly if we lead a session */
	shell_pgid = getpgrp();
	job_control = tcsetpgrp(0, shell_pgid) == 0;
}

int main(int argc, char **argv)
{
	char line[MAXLINE];
	int fd = 0;

	if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
		for (char *l = strtok(argv[2], "\n"); l; l = strtok(NULL, "\n"))
			run_line(l);
		return last_status;
	}
	if (argc >= 2) {
		fd = open(argv[1], O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
			return 127;
		}
	}
	setup_job_control(fd);
	for (;;) {
		reap_background();
		if (interactive) {
			fputs("$ ", stderr);
			fflush(stderr);
		}
		if (read_line(fd, line, sizeof(line)) < 0)
			break;
		run_line(line);
	}
	if (interactive)
		fputc('\n', stderr);
	return last_status;
}
