/*
 * procfs.c - /proc as ps, top, free, uptime and pgrep read it: every file
 * parsed as they parse it, and its values checked against what the
 * process and the system say through system calls (getpid, getppid,
 * getpgrp, getsid, times, sysinfo, uname). Then the hostile cases: reads
 * one byte at a time, a zombie's files, a file opened before its process
 * exits or execs, readdir while processes come and go.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define MARK_SLEEP "procfs-sleeper"

static char **saved_argv;

/* Read the whole file at path into buf (NUL-terminated, NULs kept inside).
 * Return: bytes read, or -errno of open/read. */
static long read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long total = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	while ((size_t)total < size - 1 && (n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
		total += n;
	if (n < 0)
		total = -errno;
	close(fd);
	if (total >= 0)
		buf[total] = '\0';
	return total;
}

/* The same, one byte per read(2). */
static long read_file_bytewise(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long total = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	while ((size_t)total < size - 1 && (n = read(fd, buf + total, 1)) == 1)
		total++;
	close(fd);
	buf[total] = '\0';
	return total;
}

struct stat_line {
	int pid, ppid, pgrp, session, tty_nr, tpgid;
	char state;
	char comm[32];
	unsigned long long f[64];       /* f[i]: field i+1 of the 52 (1-based as proc(5)) */
	int nfields;
};

/* Parse /proc/<who>/stat as procps does: comm between the first '(' and
 * the last ')'. Return: 0, or -errno of open/read, -EINVAL for a bad line. */
static int read_stat(const char *who, struct stat_line *s)
{
	char path[64], buf[1024];
	long n;

	snprintf(path, sizeof(path), "/proc/%s/stat", who);
	n = read_file(path, buf, sizeof(buf));
	if (n <= 0)
		return n < 0 ? (int)n : -EIO;
	char *open_paren = strchr(buf, '('), *close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren || close_paren < open_paren || buf[n - 1] != '\n')
		return -EINVAL;
	size_t len = (size_t)(close_paren - open_paren - 1);
	if (len >= sizeof(s->comm))
		len = sizeof(s->comm) - 1;
	memcpy(s->comm, open_paren + 1, len);
	s->comm[len] = '\0';
	if (sscanf(buf, "%d", &s->pid) != 1 ||
	    sscanf(close_paren + 1, " %c %d %d %d %d %d", &s->state, &s->ppid, &s->pgrp,
		   &s->session, &s->tty_nr, &s->tpgid) != 6)
		return -EINVAL;
	/* Count the fields: pid, comm, then the space-separated rest. */
	s->nfields = 2;
	char *p = close_paren + 2, *end;
	p += 2;                         /* the state letter and its space */
	s->nfields++;
	while (*p && *p != '\n') {
		long long v = strtoll(p, &end, 10);
		if (end == p)
			return -EINVAL;
		if (s->nfields < 64)
			s->f[s->nfields] = (unsigned long long)v;
		s->nfields++;
		p = end;
		if (*p == ' ')
			p++;
	}
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
	CHECK_EQ(s.nfields, 52);                /* Linux 6.1's count */
	CHECK_EQ(s.f[18], 0);                   /* nice */
	CHECK_EQ(s.f[19], 1);                   /* num_threads */
	CHECK_GT(s.f[22], 0);                   /* vsize */
	CHECK_GT(s.f[23], 0);                   /* rss */
	CHECK_EQ(s.f[37], SIGCHLD);             /* exit_signal */
	/* /proc/self is the same process. */
	struct stat_line t;
	if (CHECK_EQ(read_stat("self", &t), 0))
		CHECK_EQ(t.pid, getpid());
}

/* utime, stime and starttime in clock ticks, as times() counts them. */
static void stat_times_agree_with_times(void)
{
	struct stat_line s;
	struct tms before, after;
	long hz = sysconf(_SC_CLK_TCK);
	volatile unsigned long spin = 0;

	CHECK_EQ(hz, 100);
	times(&before);
	long long t0 = ut_now_ms();
	while (ut_now_ms() - t0 < 300)          /* some CPU time to show */
		spin++;
	if (!CHECK_EQ(read_stat("self", &s), 0))
		return;
	times(&after);
	CHECK_GE(s.f[13], before.tms_utime);
	CHECK_LE(s.f[13], after.tms_utime);
	CHECK_GE(s.f[14], before.tms_stime);
	CHECK_LE(s.f[14], after.tms_stime);
	CHECK_GT(s.f[13] + s.f[14], 0);
	/* starttime: ticks since boot at fork, no later than now. */
	struct sysinfo si;
	CHECK_SYS(sysinfo(&si));
	CHECK_LE(s.f[21] / hz, (unsigned long long)si.uptime + 1);
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
		CHECK_EQ(s.session, getsid(0));
		CHECK_EQ(s.state, 'S');         /* asleep in read */
	}
	close(p[1]);
	CHECK_EXITED(child, 0);
	CHECK_EQ(read_stat(pid, &s), -ENOENT);
}

/* "Key:\tvalue" of a status text, or NULL. */
static const char *status_field(const char *text, const char *key, char *out, size_t size)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\n%s:\t", key);
	if (strncmp(text, pat + 1, strlen(pat) - 1) == 0)
		p = text + strlen(pat) - 1;
	else if ((p = strstr(text, pat)))
		p += strlen(pat);
	else
		return NULL;
	size_t n = strcspn(p, "\n");
	if (n >= size)
		n = size - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return out;
}

static void self_status_matches(void)
{
	char text[8192], v[128], want[128];

	if (!CHECK_GT(read_file("/proc/self/status", text, sizeof(text)), 0))
		return;
	CHECK(strncmp(text, "Name:\tprocfs\n", 13) == 0);
	if (CHECK(status_field(text, "State", v, sizeof(v))))
		CHECK_STR(v, "R (running)");
	snprintf(want, sizeof(want), "%d", getpid());
	if (CHECK(status_field(text, "Pid", v, sizeof(v))))
		CHECK_STR(v, want);
	if (CHECK(status_field(text, "Tgid", v, sizeof(v))))
		CHECK_STR(v, want);
	snprintf(want, sizeof(want), "%d", getppid());
	if (CHECK(status_field(text, "PPid", v, sizeof(v))))
		CHECK_STR(v, want);
	snprintf(want, sizeof(want), "%u\t%u\t%u\t%u", getuid(), geteuid(), getuid(), geteuid());
	if (CHECK(status_field(text, "Uid", v, sizeof(v))))
		CHECK_STR(v, want);
	snprintf(want, sizeof(want), "%u\t%u\t%u\t%u", getgid(), getegid(), getgid(), getegid());
	if (CHECK(status_field(text, "Gid", v, sizeof(v))))
		CHECK_STR(v, want);
	if (CHECK(status_field(text, "Threads", v, sizeof(v))))
		CHECK_STR(v, "1");
	mode_t old = umask(027);
	umask(old);
	snprintf(want, sizeof(want), "%04o", old);
	if (CHECK(status_field(text, "Umask", v, sizeof(v))))
		CHECK_STR(v, want);
	/* Memory lines: "VmRSS:\t     NNN kB" as procps reads them. */
	long rss = -1, size = -1;
	if (CHECK(status_field(text, "VmRSS", v, sizeof(v))))
		CHECK_EQ(sscanf(v, "%ld kB", &rss), 1);
	if (CHECK(status_field(text, "VmSize", v, sizeof(v))))
		CHECK_EQ(sscanf(v, "%ld kB", &size), 1);
	CHECK_GT(rss, 0);
	CHECK_GE(size, rss);
	/* SigBlk shows the blocked mask, SigIgn the ignored signals. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGUSR2, SIG_IGN);
	read_file("/proc/self/status", text, sizeof(text));
	unsigned long long blk = 0, ign = 0;
	if (CHECK(status_field(text, "SigBlk", v, sizeof(v))))
		blk = strtoull(v, NULL, 16);
	if (CHECK(status_field(text, "SigIgn", v, sizeof(v))))
		ign = strtoull(v, NULL, 16);
	CHECK(blk & (1ULL << (SIGUSR1 - 1)));
	CHECK(ign & (1ULL << (SIGUSR2 - 1)));
}

static void statm_agrees_with_stat(void)
{
	char text[256];
	unsigned long v[7];
	struct stat_line s;
	long page = sysconf(_SC_PAGESIZE);

	if (!CHECK_GT(read_file("/proc/self/statm", text, sizeof(text)), 0))
		return;
	CHECK_EQ(sscanf(text, "%lu %lu %lu %lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3], &v[4],
			&v[5], &v[6]), 7);
	CHECK(strchr(text, '\n') == text + strlen(text) - 1);
	if (!CHECK_EQ(read_stat("self", &s), 0))
		return;
	CHECK_EQ(v[0] * (unsigned long)page, s.f[22]);  /* size = vsize */
	CHECK_GT(v[1], 0);                              /* resident */
	CHECK_GE(v[0], v[1]);
}

/* A mapping, as a maps line says it. */
struct map_line {
	unsigned long start, end, offset, inode;
	char perms[5];
	unsigned int major, minor;
	char name[256];
};

static int parse_maps_line(const char *text, struct map_line *m)
{
	char line[512];
	int n = 0;

	snprintf(line, sizeof(line), "%.*s", (int)strcspn(text, "\n"), text);
	m->name[0] = '\0';
	if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &m->start, &m->end, m->perms, &m->offset,
		   &m->major, &m->minor, &m->inode, &n) < 7)
		return -1;
	sscanf(line + n, "%255[^\n]", m->name);
	return 0;
}

/* Find the maps line holding addr. Return: 0, or -1. */
static int find_mapping(unsigned long addr, struct map_line *out)
{
	static char text[1 << 16];
	long n = read_file("/proc/self/maps", text, sizeof(text));

	if (n <= 0)
		return -1;
	for (char *line = text; *line; line = strchr(line, '\n') + 1) {
		struct map_line m;

		if (parse_maps_line(line, &m) == 0 && m.start <= addr && addr < m.end) {
			*out = m;
			return 0;
		}
		if (!strchr(line, '\n'))
			break;
	}
	return -1;
}

static void maps_lists_every_mapping(void)
{
	static char text[1 << 16];
	long page = sysconf(_SC_PAGESIZE);
	struct map_line m, prev = { 0 };
	int local;

	char *p = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(p != MAP_FAILED))
		return;
	CHECK_SYS(mprotect(p + page, page, PROT_READ));         /* splits it in three */
	if (CHECK_EQ(find_mapping((unsigned long)p + page, &m), 0)) {
		CHECK_EQ(m.start, (unsigned long)p + page);
		CHECK_EQ(m.end, (unsigned long)p + 2 * page);
		CHECK_STR(m.perms, "r--p");
		CHECK_EQ(m.inode, 0);
		CHECK_STR(m.name, "");
	}
	if (CHECK_EQ(find_mapping((unsigned long)p, &m), 0)) {
		CHECK_STR(m.perms, "rw-p");
		CHECK_EQ(m.end, (unsigned long)p + page);
	}
	char *s = mmap(NULL, page, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (CHECK(s != MAP_FAILED) && CHECK_EQ(find_mapping((unsigned long)s, &m), 0)) {
		CHECK_STR(m.perms, "r-xs");
		CHECK_STR(m.name, "/dev/zero (deleted)");
	}
	/* A System V segment: its key in the name, its id as the inode. */
	int id = shmget(0x4b480001, page, IPC_CREAT | 0600);
	char *seg = CHECK_SYS(id) ? shmat(id, NULL, SHM_RDONLY) : (void *)-1;
	if (CHECK(seg != (void *)-1) && CHECK_EQ(find_mapping((unsigned long)seg, &m), 0)) {
		CHECK_STR(m.name, "/SYSV4b480001 (deleted)");
		CHECK_STR(m.perms, "r--s");
		CHECK_EQ(m.inode, id);
		CHECK_EQ(m.offset, 0);
		shmdt(seg);
	}
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
	/* A file mapping: the file's device, inode and path, the offset. */
	char path[64];
	struct stat st;
	snprintf(path, sizeof(path), "/tmp/procfs-maps-%d", getpid());
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (CHECK_SYS(fd) && CHECK_SYS(ftruncate(fd, 3 * page)) && CHECK_SYS(fstat(fd, &st))) {
		char *f = mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, 2 * page);

		if (CHECK(f != MAP_FAILED) && CHECK_EQ(find_mapping((unsigned long)f, &m), 0)) {
			CHECK_STR(m.name, path);
			CHECK_EQ(m.offset, 2 * page);
			CHECK_EQ(m.inode, st.st_ino);
			CHECK_EQ(m.major, major(st.st_dev));
			CHECK_EQ(m.minor, minor(st.st_dev));
			CHECK_STR(m.perms, "r--p");
			unlink(path);           /* gone from its directory: "(deleted)" */
			char want[96];
			snprintf(want, sizeof(want), "%s (deleted)", path);
			if (CHECK_EQ(find_mapping((unsigned long)f, &m), 0))
				CHECK_STR(m.name, want);
			munmap(f, page);
		}
		close(fd);
	}
	unlink(path);
	if (CHECK_EQ(find_mapping((unsigned long)&local, &m), 0)) {
		CHECK_STR(m.name, "[stack]");
		CHECK_STR(m.perms, "rw-p");
	}
	/* The heap, once the program break has moved (brk(2) itself: musl's
	 * sbrk only reads the break). */
	unsigned long brk0 = (unsigned long)syscall(SYS_brk, 0);
	if (CHECK_EQ(syscall(SYS_brk, brk0 + page), brk0 + page) &&
	    CHECK_EQ(find_mapping(brk0, &m), 0))
		CHECK_STR(m.name, "[heap]");
	/* Every line parses; they are sorted and do not overlap. */
	if (!CHECK_GT(read_file("/proc/self/maps", text, sizeof(text)), 0))
		return;
	int lines = 0;
	for (char *line = text; *line; lines++) {
		char *nl = strchr(line, '\n');

		if (!CHECK(nl != NULL) || !CHECK_EQ(parse_maps_line(line, &m), 0))
			break;
		CHECKF(m.start < m.end && m.start >= prev.end, "%lx-%lx after %lx-%lx", m.start,
		       m.end, prev.start, prev.end);
		CHECK_EQ(m.start % (unsigned long)page, 0);
		if (m.name[0])                  /* names start at column 73 */
			CHECK_EQ(strstr(line, m.name) - line, 73);
		prev = m;
		line = nl + 1;
	}
	CHECK_GE(lines, 4);
	munmap(p, 3 * page);
	munmap(s, page);
}

/* Exec this program as a sleeper with known arguments and environment. */
static pid_t spawn_sleeper(char *const argv[], char *const envp[], int *wfd)
{
	int p[2];

	if (pipe(p) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[0], 0);
		close(p[0]);
		close(p[1]);
		execve(saved_argv[0], argv, envp);
		_exit(127);
	}
	close(p[0]);
	*wfd = p[1];
	return pid;
}

/* Wait until pid has exec'd (its comm is "procfs" and its cmdline starts with mark). */
static bool wait_for_cmdline(pid_t pid, const char *mark)
{
	char path[64], text[4096];

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	for (int i = 0; i < 500; i++) {
		long n = read_file(path, text, sizeof(text));

		if (n > 0 && strstr(text, mark) == text)
			return true;
		usleep(10000);
	}
	return false;
}

static void cmdline_stops_where_environ_starts(void)
{
	char *argv[] = { MARK_SLEEP, "two words", "", "last", NULL };
	char *envp[] = { "A=1", "KEYHOLE_PROC=environ test", NULL };
	const char want_cmd[] = MARK_SLEEP "\0two words\0\0last";
	const char want_env[] = "A=1\0KEYHOLE_PROC=environ test";
	char path[64], text[4096];
	int wfd;

	pid_t pid = spawn_sleeper(argv, envp, &wfd);
	if (!CHECK_GT(pid, 0) || !CHECK(wait_for_cmdline(pid, MARK_SLEEP)))
		goto out;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	long n = read_file(path, text, sizeof(text));
	CHECK_EQ(n, sizeof(want_cmd));          /* with the last NUL */
	CHECK(n == sizeof(want_cmd) && memcmp(text, want_cmd, sizeof(want_cmd)) == 0);
	/* One byte at a time: the same bytes. */
	char again[4096];
	CHECK_EQ(read_file_bytewise(path, again, sizeof(again)), n);
	CHECK(memcmp(again, text, (size_t)n) == 0);
	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	n = read_file(path, text, sizeof(text));
	CHECK_EQ(n, sizeof(want_env));
	CHECK(n == sizeof(want_env) && memcmp(text, want_env, sizeof(want_env)) == 0);
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	if (CHECK_GT(read_file(path, text, sizeof(text)), 0))
		CHECK_STR(text, "procfs\n");
out:
	close(wfd);
	CHECK_EXITED(pid, 0);
}

/* auxv: the pairs exec gave, as getauxval() reads them, ending in AT_NULL. */
static void auxv_matches_getauxval(void)
{
	unsigned long v[256];
	long n = read_file("/proc/self/auxv", (char *)v, sizeof(v));
	static const unsigned long types[] = { AT_PAGESZ, AT_PHDR, AT_PHNUM, AT_ENTRY, AT_UID,
					       AT_EUID, AT_RANDOM, AT_EXECFN, AT_CLKTCK };
	bool seen[sizeof(types) / sizeof(types[0])] = { false };

	if (!CHECK_GT(n, 16) || !CHECK_EQ(n % 16, 0))
		return;
	long pairs = n / 16;
	CHECK_EQ(v[2 * (pairs - 1)], AT_NULL);
	for (long i = 0; i < pairs - 1; i++) {
		CHECK_NE(v[2 * i], AT_NULL);
		for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
			if (v[2 * i] == types[t]) {
				seen[t] = true;
				CHECKF(v[2 * i + 1] == getauxval(types[t]), "type %lu: %lu vs %lu",
				       types[t], v[2 * i + 1], getauxval(types[t]));
			}
		}
	}
	for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++)
		CHECKF(seen[t], "auxv has type %lu", types[t]);
}

/* Another user may not read a process's environment (EACCES); its stat, yes. */
static void environ_is_private(void)
{
	char *argv[] = { MARK_SLEEP, NULL };
	char *envp[] = { "SECRET=1", NULL };
	char path[64], text[512];
	int wfd;

	pid_t pid = spawn_sleeper(argv, envp, &wfd);
	if (!CHECK_GT(pid, 0) || !CHECK(wait_for_cmdline(pid, MARK_SLEEP)))
		goto out;
	pid_t reader = ut_fork();
	if (reader == 0) {
		CHECK_SYS(setgid(65534));
		CHECK_SYS(setuid(65534));
		snprintf(path, sizeof(path), "/proc/%d/environ", pid);
		CHECK_ERR(open(path, O_RDONLY), EACCES);
		snprintf(path, sizeof(path), "/proc/%d/auxv", pid);
		CHECK_ERR(open(path, O_RDONLY), EACCES);
		/* Its stat is for all to read, unless /proc itself is closed
		 * to others (this test's Linux host has /proc mode 0700). */
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if (access("/proc", X_OK) == 0)
			CHECK_GT(read_file(path, text, sizeof(text)), 0);
		else
			CHECK_ERR(open(path, O_RDONLY), EACCES);
		CHECK_ERR(open("/proc/sys/kernel/hostname", O_WRONLY), EACCES);
		ut_child_exit();
	}
	CHECK_EXITED(reader, 0);
out:
	close(wfd);
	CHECK_EXITED(pid, 0);
}

static void zombie_files(void)
{
	char pid[16], path[64], text[4096];
	struct stat_line s;

	pid_t child = fork();
	if (child == 0)
		_exit(7);
	snprintf(pid, sizeof(pid), "%d", child);
	for (int i = 0; i < 200 && !(read_stat(pid, &s) == 0 && s.state == 'Z'); i++)
		usleep(10000);
	if (CHECK_EQ(read_stat(pid, &s), 0)) {
		CHECK_EQ(s.state, 'Z');
		CHECK_EQ(s.ppid, getpid());
		CHECK_EQ(s.f[22], 0);           /* vsize: its memory is gone */
		CHECK_EQ(s.f[23], 0);           /* rss */
		CHECK_EQ(s.nfields, 52);
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", child);
	CHECK_EQ(read_file(path, text, sizeof(text)), 0);
	snprintf(path, sizeof(path), "/proc/%d/status", child);
	char v[64];
	if (CHECK_GT(read_file(path, text, sizeof(text)), 0) &&
	    CHECK(status_field(text, "State", v, sizeof(v))))
		CHECK_STR(v, "Z (zombie)");
	CHECK(strstr(text, "VmRSS") == NULL);
	/* Opened now, read after the reap: ESRCH, as Linux. */
	snprintf(path, sizeof(path), "/proc/%d/stat", child);
	int fd = open(path, O_RDONLY);
	CHECK_SYS(fd);
	CHECK_EXITED(child, 7);
	CHECK_ERR(read(fd, text, sizeof(text)), ESRCH);
	close(fd);
	CHECK_ERR(open(path, O_RDONLY), ENOENT);
}

/* A process directory opened before the process was reaped lists nothing
 * after: getdents is ENOENT (Linux's proc_pident_readdir), a name in it
 * ESRCH (the directory's permission check, proc_pid_permission). */
static void readdir_of_a_reaped_process(void)
{
	char path[64], dents[4096];

	pid_t child = fork();
	if (child == 0)
		_exit(0);
	snprintf(path, sizeof(path), "/proc/%d", child);
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (!CHECK_SYS(fd))
		return;
	CHECK_EXITED(child, 0);
	CHECK_ERR(syscall(SYS_getdents64, fd, dents, sizeof(dents)), ENOENT);
	CHECK_ERR(openat(fd, "stat", O_RDONLY), ESRCH);
	close(fd);
}

/* cmdline opened before the process execs: a read after shows the new one. */
static void cmdline_open_then_exec(void)
{
	char path[64], text[512];
	int p[2];

	if (!CHECK_SYS(pipe(p)))
		return;
	pid_t child = fork();
	if (child == 0) {
		char c;
		char *argv[] = { MARK_SLEEP, "after-exec", NULL };

		close(p[1]);
		read(p[0], &c, 1);              /* until the parent has opened the file */
		dup2(p[0], 0);
		execve(saved_argv[0], argv, (char *[]){ NULL });
		_exit(127);
	}
	close(p[0]);
	snprintf(path, sizeof(path), "/proc/%d/cmdline", child);
	int fd = open(path, O_RDONLY);
	CHECK_SYS(fd);
	write(p[1], "x", 1);
	CHECK(wait_for_cmdline(child, MARK_SLEEP));
	long n = read(fd, text, sizeof(text));
	CHECK_EQ(n, sizeof(MARK_SLEEP "\0after-exec"));
	CHECK(memcmp(text, MARK_SLEEP "\0after-exec", sizeof(MARK_SLEEP "\0after-exec")) == 0);
	close(p[1]);
	CHECK_EXITED(child, 0);
	/* The file stays open after the process has gone: the next read at 0
	 * finds no process. */
	CHECK_SYS(lseek(fd, 0, SEEK_SET));
	CHECK_ERR(read(fd, text, sizeof(text)), ESRCH);
	close(fd);
}

/* readdir of /proc while children are made and reaped all the time: every
 * name once, pids in increasing order after the other names, ours there. */
static void readdir_while_processes_come_and_go(void)
{
	pid_t churn = ut_fork();

	if (churn == 0) {
		for (;;) {
			pid_t c = fork();

			if (c == 0)
				_exit(0);
			if (c > 0)
				waitpid(c, NULL, 0);
		}
	}
	for (int round = 0; round < 30; round++) {
		DIR *d = opendir("/proc");
		struct dirent *e;
		long last = 0;
		bool self = false, in_pids = false, ok = true, seen_meminfo = false;

		if (!CHECK(d != NULL))
			break;
		while ((e = readdir(d))) {
			char *end;
			long pid = strtol(e->d_name, &end, 10);

			if (*end == '\0' && e->d_name[0] != '\0') {
				in_pids = true;
				ok &= CHECKF(pid > last, "pid %ld after %ld", pid, last);
				/* Linux gives DT_UNKNOWN for a process that went
				 * away as readdir reached it (proc_fill_cache). */
				ok &= CHECKF(e->d_type == DT_DIR ||
					     (e->d_type == DT_UNKNOWN && kill((pid_t)pid, 0) != 0 &&
					      errno == ESRCH),
					     "pid %ld: d_type %d", pid, e->d_type);
				last = pid;
				self |= pid == getpid();
			} else {
				ok &= CHECKF(!in_pids, "%s after the pids", e->d_name);
				seen_meminfo |= strcmp(e->d_name, "meminfo") == 0;
			}
		}
		closedir(d);
		CHECK(self);
		CHECK(seen_meminfo);
		if (!ok)
			break;
	}
	kill(churn, SIGKILL);
	ut_wait(churn);
}

/* Reading a process's stat while it exits and is reaped: every read gives
 * a whole line, or ESRCH/ENOENT once it has gone. */
static void stat_of_a_process_exiting(void)
{
	for (int i = 0; i < 50; i++) {
		pid_t child = fork();

		if (child == 0)
			_exit(0);
		char pid[16];
		struct stat_line s;
		snprintf(pid, sizeof(pid), "%d", child);
		bool reaped = false;
		for (int j = 0; j < 20; j++) {
			int r = read_stat(pid, &s);

			if (r == 0) {
				if (!CHECK_EQ(s.nfields, 52) || !CHECK_EQ(s.pid, child))
					return;
			} else if (!CHECKF(reaped && (r == -ENOENT || r == -ESRCH),
					   "read_stat %d (reaped %d)", r, reaped)) {
				return;
			}
			if (j == 10) {
				ut_wait(child);
				reaped = true;
			}
		}
	}
}

/*
 * Every file of a process, read again and again while it forks, execs,
 * touches memory and exits (a reader racing exit_mm, exec's switch of
 * address space, the fd table going): each read gives text, nothing, or
 * ESRCH/ENOENT/EACCES once the process has gone; never a crash or a leak.
 */
static void every_file_of_processes_that_exec_and_exit(void)
{
	static const char *const files[] = { "stat", "status", "statm", "maps", "cmdline",
					     "environ", "comm", "limits" };
	static char text[1 << 16];

	for (int round = 0; round < 20; round++) {
		pid_t child = fork();

		if (child == 0) {
			char *argv[] = { MARK_SLEEP, "exec-and-exit", NULL };
			char *p = malloc(1 << 20);

			if (p)
				memset(p, 1, 1 << 20);
			if (round % 2) {
				close(0);               /* its sleeper reads EOF and exits */
				execve(saved_argv[0], argv, (char *[]){ "X=1", NULL });
			}
			_exit(0);
		}
		for (int i = 0; i < 30; i++) {
			for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
				char path[64];
				long n;

				snprintf(path, sizeof(path), "/proc/%d/%s", child, files[f]);
				n = read_file(path, text, sizeof(text));
				if (!CHECKF(n >= 0 || n == -ESRCH || n == -ENOENT, "%s: %ld", path, n))
					return;
			}
		}
		CHECK_EXITED(child, 0);
	}
}

static void one_byte_reads_give_the_same_text(void)
{
	static const char *const files[] = { "/proc/version", "/proc/self/limits",
					     "/proc/filesystems", "/proc/self/cmdline",
					     "/proc/sys/kernel/osrelease" };
	static char whole[1 << 14], bytes[1 << 14];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		long a = read_file(files[i], whole, sizeof(whole));
		long b = read_file_bytewise(files[i], bytes, sizeof(bytes));

		CHECKF(a > 0 && a == b && memcmp(whole, bytes, (size_t)a) == 0, "%s: %ld vs %ld bytes",
		       files[i], a, b);
	}
	/* A file that changes at every read still reads whole, a byte at a time. */
	struct stat_line s;
	long n = read_file_bytewise("/proc/self/stat", bytes, sizeof(bytes));
	CHECK_GT(n, 0);
	CHECK_EQ(bytes[n - 1], '\n');
	CHECK_EQ(strchr(bytes, '\n') - bytes, n - 1);
	(void)s;
}

/* A "Key:   NNN kB" line of meminfo, in kB, or -1. */
static long meminfo_kb(const char *text, const char *key)
{
	const char *p = strstr(text, key);
	long v;

	if (!p || p[strlen(key)] != ':' || sscanf(p + strlen(key) + 1, " %ld kB", &v) != 1)
		return -1;
	return v;
}

static void meminfo_agrees_with_sysinfo(void)
{
	char text[8192];
	struct sysinfo si;

	if (!CHECK_GT(read_file("/proc/meminfo", text, sizeof(text)), 0))
		return;
	CHECK_SYS(sysinfo(&si));
	long total = meminfo_kb(text, "MemTotal"), free_kb = meminfo_kb(text, "MemFree");
	CHECK_EQ(total, (long)(si.totalram * si.mem_unit / 1024));
	CHECK_GT(free_kb, 0);
	CHECK_LE(free_kb, total);
	/* free(1) needs these; each line "Name:%*s%8lu kB" */
	static const char *const keys[] = { "MemAvailable", "Buffers", "Cached", "SwapTotal",
					    "SwapFree", "Shmem", "SReclaimable", "Slab" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		CHECKF(meminfo_kb(text, keys[i]) >= 0, "meminfo has %s", keys[i]);
	CHECK(strncmp(text, "MemTotal:       ", 16) == 0);
	/* A file's pages are page cache: Cached grows as one is written. */
	char path[64];
	static char block[1 << 16];
	long before = meminfo_kb(text, "Cached");
	snprintf(path, sizeof(path), "/tmp/procfs-cached-%d", getpid());
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (!CHECK_SYS(fd))
		return;
	memset(block, 'c', sizeof(block));
	for (int i = 0; i < 64; i++)            /* 4 MiB */
		CHECK_EQ(write(fd, block, sizeof(block)), (long)sizeof(block));
	read_file("/proc/meminfo", text, sizeof(text));
	CHECK_GE(meminfo_kb(text, "Cached") - before, 2048);
	close(fd);
	unlink(path);
}

static void uptime_loadavg_and_stat(void)
{
	char text[8192];
	struct sysinfo si;
	double up, idle, l1, l5, l15;
	int running, total, last;

	CHECK_SYS(sysinfo(&si));
	if (CHECK_GT(read_file("/proc/uptime", text, sizeof(text)), 0)) {
		CHECK_EQ(sscanf(text, "%lf %lf", &up, &idle), 2);
		CHECK_LE(up, si.uptime + 2);
		CHECK_GE(up + 2, si.uptime);
		CHECK_GE(idle, 0);
	}
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	CHECK_EXITED(child, 0);
	if (CHECK_GT(read_file("/proc/loadavg", text, sizeof(text)), 0)) {
		CHECK_EQ(sscanf(text, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running, &total,
				&last), 6);
		CHECK_GE(running, 1);
		CHECK_GE(total, running);
		CHECK_GE(l1, 0);
		CHECK_GT(last, 0);
	}
	if (!CHECK_GT(read_file("/proc/stat", text, sizeof(text)), 0))
		return;
	unsigned long long cpu[10];
	CHECK_EQ(sscanf(text, "cpu  %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &cpu[0],
			&cpu[1], &cpu[2], &cpu[3], &cpu[4], &cpu[5], &cpu[6], &cpu[7], &cpu[8],
			&cpu[9]), 10);
	CHECK(strstr(text, "\ncpu0 ") != NULL);
	const char *p = strstr(text, "\nbtime ");
	long long btime = 0, forks = 0, procs_running = -1, ctxt = 0;
	if (CHECK(p != NULL))
		btime = atoll(p + 7);
	CHECK_LE(llabs(btime - ((long long)time(NULL) - (long long)si.uptime)), 3);
	if (CHECK((p = strstr(text, "\nprocesses "))))
		forks = atoll(p + 11);
	CHECK_GT(forks, 0);
	if (CHECK((p = strstr(text, "\nprocs_running "))))
		procs_running = atoll(p + 15);
	CHECK_GE(procs_running, 1);
	CHECK(strstr(text, "\nprocs_blocked ") != NULL);
	if (CHECK((p = strstr(text, "\nctxt "))))
		ctxt = atoll(p + 6);
	CHECK_GT(ctxt, 0);
	CHECK(strstr(text, "\nintr ") != NULL);
}

/* A "name value" line of /proc/vmstat, or -1. */
static long vmstat_value(const char *name)
{
	static char text[1 << 16];
	char pat[64];

	if (read_file("/proc/vmstat", text, sizeof(text)) <= 0)
		return -1;
	snprintf(pat, sizeof(pat), "\n%s ", name);
	const char *p = strncmp(text, pat + 1, strlen(pat) - 1) == 0 ? text - 1 : strstr(text, pat);
	return p ? atol(p + strlen(pat)) : -1;
}

/* vmstat(8) reads these; pgfault counts the faults we take. */
static void vmstat_counts_faults(void)
{
	long page = sysconf(_SC_PAGESIZE);
	long before = vmstat_value("pgfault");

	CHECK_GE(vmstat_value("nr_free_pages"), 1);
	CHECK_GE(vmstat_value("pgpgin"), 0);
	CHECK_GE(vmstat_value("pswpout"), 0);
	char *p = mmap(NULL, 64 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(p != MAP_FAILED))
		return;
	for (int i = 0; i < 64; i++)
		p[i * page] = 1;
	CHECK_GE(vmstat_value("pgfault") - before, 64);
	munmap(p, 64 * page);
}

/*
 * The load average rises while tasks are runnable, and sysinfo's loads[]
 * are the same figures as /proc/loadavg's, in 16-bit fixed point (they
 * were 0 on keyhole, which kept no load average).
 */
static void sysinfo_loads_follow_the_run_queue(void)
{
	pid_t spin[2];
	char text[256];
	double l1 = 0, l5, l15, before = -1, after = -2;
	struct sysinfo si;

	for (int i = 0; i < 2; i++) {
		spin[i] = fork();
		if (spin[i] == 0)
			for (;;)
				;
	}
	sleep(11);                              /* two samples, 5 s apart */
	for (int i = 0; i < 5 && before != after; i++) {    /* not across a sample */
		read_file("/proc/loadavg", text, sizeof(text));
		sscanf(text, "%lf", &before);
		CHECK_SYS(sysinfo(&si));
		read_file("/proc/loadavg", text, sizeof(text));
		CHECK_EQ(sscanf(text, "%lf %lf %lf", &l1, &l5, &l15), 3);
		after = l1;
	}
	CHECK_GT(l1 * 100, 10);         /* 2 runnable: 0.3 after two samples */
	CHECK_GT(l5 * 100, 1);
	CHECK_GT(si.loads[0], 0);
	CHECK_LE(fabs(si.loads[0] / 65536.0 - l1), 0.011);
	CHECK_LE(fabs(si.loads[1] / 65536.0 - l5), 0.011);
	for (int i = 0; i < 2; i++) {
		kill(spin[i], SIGKILL);
		ut_wait(spin[i]);
	}
}

static void version_and_sys_kernel_agree_with_uname(void)
{
	struct utsname u;
	char text[1024], want[512];

	CHECK_SYS(uname(&u));
	if (CHECK_GT(read_file("/proc/version", text, sizeof(text)), 0)) {
		snprintf(want, sizeof(want), "%s version %s ", u.sysname, u.release);
		CHECK(strncmp(text, want, strlen(want)) == 0);
		CHECK(strstr(text, u.version) != NULL);
	}
	snprintf(want, sizeof(want), "%s\n", u.release);
	if (CHECK_GT(read_file("/proc/sys/kernel/osrelease", text, sizeof(text)), 0))
		CHECK_STR(text, want);
	snprintf(want, sizeof(want), "%s\n", u.sysname);
	if (CHECK_GT(read_file("/proc/sys/kernel/ostype", text, sizeof(text)), 0))
		CHECK_STR(text, want);
	snprintf(want, sizeof(want), "%s\n", u.nodename);
	if (CHECK_GT(read_file("/proc/sys/kernel/hostname", text, sizeof(text)), 0))
		CHECK_STR(text, want);
	snprintf(want, sizeof(want), "%s\n", u.version);
	if (CHECK_GT(read_file("/proc/sys/kernel/version", text, sizeof(text)), 0))
		CHECK_STR(text, want);
	if (CHECK_GT(read_file("/proc/sys/kernel/pid_max", text, sizeof(text)), 0))
		CHECK_GT(atol(text), getpid());
	/* The release parses as procps parses it: three numbers. */
	int a, b, c;
	CHECK_EQ(sscanf(u.release, "%d.%d.%d", &a, &b, &c), 3);
}

static void cpuinfo_and_filesystems(void)
{
	static char text[1 << 16];

	/* The kernel's command line: one line. */
	long n = read_file("/proc/cmdline", text, sizeof(text));
	if (CHECK_GT(n, 1))
		CHECK_EQ(strchr(text, '\n') - text, n - 1);

	if (CHECK_GT(read_file("/proc/cpuinfo", text, sizeof(text)), 0)) {
		CHECK(strncmp(text, "processor\t: 0\n", 14) == 0);
		CHECK(strstr(text, "\nvendor_id\t: ") != NULL);
		CHECK(strstr(text, "\nmodel name\t: ") != NULL);
		CHECK(strstr(text, "\nflags\t\t: fpu ") != NULL);
		CHECK(strstr(text, "\ncpu MHz\t\t: ") != NULL);
	}
	if (CHECK_GT(read_file("/proc/filesystems", text, sizeof(text)), 0)) {
		CHECK(strstr(text, "nodev\tproc\n") != NULL);
		CHECK(strstr(text, "nodev\ttmpfs\n") != NULL);
	}
}

/* The host name through sethostname, uname and /proc/sys/kernel/hostname
 * (in a UTS namespace of its own on Linux, so the host keeps its name). */
static void hostname_three_ways(void)
{
	struct utsname u;
	char text[256], saved[65];

	if (unshare(CLONE_NEWUTS) < 0)
		CHECK_EQ(errno, EINVAL);        /* keyhole has no UTS namespaces */
	CHECK_SYS(uname(&u));
	strcpy(saved, u.nodename);
	CHECK_SYS(sethostname("kh-proc-test", 12));
	if (CHECK_GT(read_file("/proc/sys/kernel/hostname", text, sizeof(text)), 0))
		CHECK_STR(text, "kh-proc-test\n");
	int fd = open("/proc/sys/kernel/hostname", O_WRONLY);
	if (CHECK_SYS(fd)) {
		CHECK_EQ(write(fd, "via-proc\n", 9), 9);
		close(fd);
	}
	CHECK_SYS(uname(&u));
	CHECK_STR(u.nodename, "via-proc");
	char host[65];
	CHECK_SYS(gethostname(host, sizeof(host)));
	CHECK_STR(host, "via-proc");
	CHECK_SYS(sethostname(saved, strlen(saved)));
}

/* A stopped process is 'T' in stat and "T (stopped)" in status. */
static void stopped_process_state(void)
{
	char pid[16], path[64], text[4096], v[64];
	struct stat_line s;
	int status;

	pid_t child = fork();
	if (child == 0) {
		raise(SIGSTOP);
		_exit(0);
	}
	CHECK_EQ(waitpid(child, &status, WUNTRACED), child);
	CHECK(WIFSTOPPED(status));
	snprintf(pid, sizeof(pid), "%d", child);
	if (CHECK_EQ(read_stat(pid, &s), 0))
		CHECK_EQ(s.state, 'T');
	snprintf(path, sizeof(path), "/proc/%d/status", child);
	if (CHECK_GT(read_file(path, text, sizeof(text)), 0) &&
	    CHECK(status_field(text, "State", v, sizeof(v))))
		CHECK_STR(v, "T (stopped)");
	kill(child, SIGCONT);
	CHECK_EXITED(child, 0);
}

/* A session with a controlling terminal (a pty): stat's tty_nr is its
 * device, tpgid its foreground group; ps's TTY and '+' come from them. */
static void tty_nr_and_tpgid_of_a_controlling_terminal(void)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);

	if (!CHECK_SYS(master) || !CHECK_SYS(grantpt(master)) || !CHECK_SYS(unlockpt(master)))
		return;
	char *name = ptsname(master);
	pid_t child = ut_fork();
	if (child == 0) {
		struct stat st;
		struct stat_line s;

		CHECK_SYS(setsid());
		int slave = open(name, O_RDWR);         /* becomes the controlling terminal */
		if (CHECK_SYS(slave) && CHECK_SYS(fstat(slave, &st)) &&
		    CHECK_EQ(read_stat("self", &s), 0)) {
			unsigned int ma = major(st.st_rdev), mi = minor(st.st_rdev);

			CHECK_EQ(s.tty_nr, (int)((mi & 0xff) | (ma << 8) | ((mi & ~0xffU) << 12)));
			CHECK_EQ(s.tpgid, getpgrp());
			CHECK_EQ(s.session, getpid());
		}
		ut_child_exit();
	}
	CHECK_EXITED(child, 0);
	close(master);
	/* Without one: 0 and -1. */
	pid_t lone = ut_fork();
	if (lone == 0) {
		struct stat_line s;

		CHECK_SYS(setsid());
		if (CHECK_EQ(read_stat("self", &s), 0)) {
			CHECK_EQ(s.tty_nr, 0);
			CHECK_EQ(s.tpgid, -1);
		}
		ut_child_exit();
	}
	CHECK_EXITED(lone, 0);
}

/* /proc/tty/drivers names the terminal majors, as procps reads it. */
static void tty_drivers(void)
{
	char text[4096];

	if (!CHECK_GT(read_file("/proc/tty/drivers", text, sizeof(text)), 0))
		return;
	CHECK(strstr(text, "/dev/tty             /dev/tty        5       0 system:/dev/tty\n"));
	CHECK(strstr(text, "pty_slave            /dev/pts      136 0-1048575 pty:slave\n"));
	CHECK(strstr(text, "\nserial               /dev/ttyS       4 "));
}

/* Writing /proc/self/comm renames the process (15 bytes at most); another
 * process's comm is not ours to write (EINVAL). */
static void comm_is_writable_by_its_process(void)
{
	char text[64];
	struct stat_line s;

	int fd = open("/proc/self/comm", O_WRONLY);
	if (!CHECK_SYS(fd))
		return;
	CHECK_EQ(write(fd, "renamed-process-long\n", 21), 21);
	close(fd);
	if (CHECK_GT(read_file("/proc/self/comm", text, sizeof(text)), 0))
		CHECK_STR(text, "renamed-process\n");
	if (CHECK_EQ(read_stat("self", &s), 0))
		CHECK_STR(s.comm, "renamed-process");
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/comm", getppid());
	fd = open(path, O_WRONLY);
	if (CHECK_SYS(fd)) {
		CHECK_ERR(write(fd, "x", 1), EINVAL);
		close(fd);
	}
}

/* Files that do not exist are ENOENT, directories are directories. */
static void names_that_are_not_there(void)
{
	char path[64];

	CHECK_ERR(open("/proc/self/nosuchfile", O_RDONLY), ENOENT);
	CHECK_ERR(open("/proc/0/stat", O_RDONLY), ENOENT);
	CHECK_ERR(open("/proc/007/stat", O_RDONLY), ENOENT);
	CHECK_ERR(open("/proc/99999999/stat", O_RDONLY), ENOENT);
	CHECK_ERR(open("/proc/meminfo/x", O_RDONLY), ENOTDIR);
	/* Root may open a read-only file for writing; the write is EINVAL. */
	snprintf(path, sizeof(path), "/proc/%d/stat", getpid());
	int wfd = open(path, O_WRONLY);
	if (CHECK_SYS(wfd)) {
		CHECK_ERR(write(wfd, "1", 1), EINVAL);
		close(wfd);
	}
	int fd = open("/proc/self", O_RDONLY | O_DIRECTORY);
	CHECK_SYS(fd);
	close(fd);
}

/* Opening and reading /proc files takes no memory for good. */
static void read_cycle(void)
{
	char text[8192];

	read_file("/proc/self/status", text, sizeof(text));
	read_file("/proc/self/maps", text, sizeof(text));
	read_file("/proc/meminfo", text, sizeof(text));
	read_file("/proc/1/cmdline", text, sizeof(text));
	/* getdents64 itself: opendir's buffer would be the C library's memory. */
	char dents[4096];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY);
	while (fd >= 0 && syscall(SYS_getdents64, fd, dents, sizeof(dents)) > 0)
		;
	close(fd);
}

static void reading_proc_does_not_leak(void)
{
	ut_check_no_leak(read_cycle, 200, "reading /proc files");
}

int main(int argc, char **argv)
{
	if (argc > 0 && strcmp(argv[0], MARK_SLEEP) == 0) {
		char c;

		while (read(0, &c, 1) > 0)      /* until the test closes the pipe */
			;
		return 0;
	}
	saved_argv = argv;
	ut_init(argc, argv);
	RUN(self_stat_matches);
	RUN(stat_times_agree_with_times);
	RUN(child_stat_and_gone_after_reap);
	RUN(self_status_matches);
	RUN(statm_agrees_with_stat);
	RUN(maps_lists_every_mapping);
	RUN(cmdline_stops_where_environ_starts);
	RUN(environ_is_private);
	RUN(auxv_matches_getauxval);
	RUN(zombie_files);
	RUN(cmdline_open_then_exec);
	RUN(readdir_of_a_reaped_process);
	RUN(readdir_while_processes_come_and_go);
	RUN(stat_of_a_process_exiting);
	RUN(every_file_of_processes_that_exec_and_exit);
	RUN(one_byte_reads_give_the_same_text);
	RUN(meminfo_agrees_with_sysinfo);
	RUN(uptime_loadavg_and_stat);
	RUN(vmstat_counts_faults);
	RUN(sysinfo_loads_follow_the_run_queue);
	RUN(version_and_sys_kernel_agree_with_uname);
	RUN(cpuinfo_and_filesystems);
	RUN(hostname_three_ways);
	RUN(stopped_process_state);
	RUN(tty_nr_and_tpgid_of_a_controlling_terminal);
	RUN(tty_drivers);
	RUN(comm_is_writable_by_its_process);
	RUN(names_that_are_not_there);
	RUN(reading_proc_does_not_leak);
	return ut_done();
}
