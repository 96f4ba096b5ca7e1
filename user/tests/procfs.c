/*
 * procfs.c - /proc/<pid>/stat, the interface ps reads: its first fields
 * agree with what the process knows of itself, for itself and for a child,
 * and a process that has been reaped has no directory any more.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

struct stat_line {
	int pid, ppid, pgrp, session;
	char state;
	char comm[32];
};

/* Read and parse /proc/<pid>/stat. Return: 0, or -errno of open/read. */
static int read_stat(const char *who, struct stat_line *s)
{
	char path[64], buf[512];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%s/stat", who);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EIO;
	buf[n] = '\0';
	char *open_paren = strchr(buf, '('), *close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren || close_paren < open_paren)
		return -EINVAL;
	size_t len = (size_t)(close_paren - open_paren - 1);
	if (len >= sizeof(s->comm))
		len = sizeof(s->comm) - 1;
	memcpy(s->comm, open_paren + 1, len);
	s->comm[len] = '\0';
	if (sscanf(buf, "%d", &s->pid) != 1 ||
	    sscanf(close_paren + 1, " %c %d %d %d", &s->state, &s->ppid, &s->pgrp, &s->session) != 4)
		return -EINVAL;
	return 0;
}

static void self_stat_matches(void)
{
	struct stat_line s;
	char pid[16];

	snprintf(pid, sizeof(pid), "%d", getpid());
	if (!CHECK_EQ(read_stat(pid, &s), 0))
		return;
	CHECK_EQ(s.pid, getpid());
	CHECK_EQ(s.ppid, getppid());
	CHECK_EQ(s.pgrp, getpgrp());
	CHECK_EQ(s.session, getsid(0));
	CHECK_EQ(s.state, 'R');                 /* it is running: it reads the file */
	CHECK_STR(s.comm, "procfs");
	/* /proc/self is the same process. */
	struct stat_line t;
	if (CHECK_EQ(read_stat("self", &t), 0))
		CHECK_EQ(t.pid, getpid());
}

static void child_stat_and_gone_after_reap(void)
{
	int p[2];
	char pid[16], c;
	struct stat_line s;

	if (!CHECK_SYS(pipe(p)))
		return;
	pid_t child = fork();
	if (child == 0) {
		close(p[1]);
		setpgid(0, 0);
		read(p[0], &c, 1);              /* sleeps until the parent closes */
		_exit(0);
	}
	close(p[0]);
	snprintf(pid, sizeof(pid), "%d", child);
	for (int i = 0; i < 100; i++) {         /* let it reach its read */
		if (read_stat(pid, &s) == 0 && s.state == 'S' && s.pgrp == child)
			break;
		usleep(10000);
	}
	if (CHECK_EQ(read_stat(pid, &s), 0)) {
		CHECK_EQ(s.pid, child);
		CHECK_EQ(s.ppid, getpid());
		CHECK_EQ(s.pgrp, child);
		CHECK_EQ(s.state, 'S');         /* asleep in read */
	}
	close(p[1]);
	CHECK_EXITED(child, 0);
	CHECK_EQ(read_stat(pid, &s), -ENOENT);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(self_stat_matches);
	RUN(child_stat_and_gone_after_reap);
	return ut_done();
}
