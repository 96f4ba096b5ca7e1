/*
 * ps - list the processes.
 *
 *	ps
 *
 * Reads /proc/<pid>/stat for every numeric directory in /proc, as on
 * Linux, where the line is "pid (comm) state ppid pgrp session ...", and
 * prints PID, PPID, PGID, state and command name. keyhole has not decided
 * on its process-list interface yet: without a /proc, ps says so and exits
 * with status 1.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct proc {
	int pid, ppid, pgid;
	char state;
	char comm[64];
};

/* Parse /proc/<pid>/stat. Return: 0, or -1 if it is gone or unreadable. */
static int read_stat(int pid, struct proc *p)
{
	char path[64], buf[512], *open_paren, *close_paren;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* The name may hold spaces and parentheses: it ends at the last ')'. */
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren || close_paren < open_paren)
		return -1;
	p->pid = pid;
	snprintf(p->comm, sizeof(p->comm), "%.*s", (int)(close_paren - open_paren - 1),
		 open_paren + 1);
	if (sscanf(close_paren + 1, " %c %d %d", &p->state, &p->ppid, &p->pgid) != 3)
		return -1;
	return 0;
}

static int by_pid(const void *a, const void *b)
{
	return ((const struct proc *)a)->pid - ((const struct proc *)b)->pid;
}

int main(void)
{
	struct proc *procs = NULL;
	size_t n = 0, cap = 0;
	struct dirent *d;
	DIR *dir = opendir("/proc");

	if (!dir) {
		fprintf(stderr, "ps: cannot open /proc (%s): this kernel has no process "
				"list interface yet\n",
			strerror(errno));
		return 1;
	}
	while ((d = readdir(dir)) != NULL) {
		struct proc p;

		if (!isdigit((unsigned char)d->d_name[0]))
			continue;
		if (read_stat(atoi(d->d_name), &p) < 0)
			continue;	/* exited meanwhile */
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			procs = realloc(procs, cap * sizeof(*procs));
			if (!procs) {
				perror("ps");
				return 1;
			}
		}
		procs[n++] = p;
	}
	closedir(dir);
	if (n == 0) {
		fprintf(stderr, "ps: /proc lists no processes: this kernel has no process "
				"list interface yet\n");
		return 1;
	}
	qsort(procs, n, sizeof(*procs), by_pid);
	printf("%5s %5s %5s S CMD\n", "PID", "PPID", "PGID");
	for (size_t i = 0; i < n; i++)
		printf("%5d %5d %5d %c %s\n", procs[i].pid, procs[i].ppid, procs[i].pgid,
		       procs[i].state, procs[i].comm);
	free(procs);
	return 0;
}
