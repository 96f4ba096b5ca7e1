/*
 * syslog.c - the kernel log as dmesg reads it: syslog(2) (klogctl) and
 * /dev/kmsg, their formats, who may read them, and every errno. A message
 * written to /dev/kmsg must come back out of both, with the facility and
 * level it was written with.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <unistd.h>

#include "utest.h"

#define SYSLOG_ACTION_CLOSE          0
#define SYSLOG_ACTION_OPEN           1
#define SYSLOG_ACTION_READ           2
#define SYSLOG_ACTION_READ_ALL       3
#define SYSLOG_ACTION_READ_CLEAR     4
#define SYSLOG_ACTION_CONSOLE_LEVEL  8
#define SYSLOG_ACTION_SIZE_UNREAD    9
#define SYSLOG_ACTION_SIZE_BUFFER   10

static char big[1 << 20];

/* Write "<prefix>text\n" to /dev/kmsg. */
static bool kmsg_log(const char *prefix, const char *text)
{
	char line[256];
	int fd = open("/dev/kmsg", O_WRONLY);
	int n = snprintf(line, sizeof(line), "%s%s\n", prefix, text);
	bool ok = fd >= 0 && write(fd, line, (size_t)n) == n;

	if (fd >= 0)
		close(fd);
	return ok;
}

/* Every line of a READ_ALL is "<N>[ssss.uuuuuu] text". */
static bool syslog_lines_wellformed(const char *buf, int n)
{
	int lines = 0;

	for (const char *p = buf; p < buf + n; lines++) {
		const char *nl = memchr(p, '\n', (size_t)(buf + n - p));
		unsigned int pri;
		unsigned long sec, usec;
		int used = 0;

		if (!CHECKF(nl, "line %d has no newline", lines) ||
		    !CHECKF(sscanf(p, "<%u>[%lu.%lu]%n", &pri, &sec, &usec, &used) == 3 && used > 0,
			    "line %d: %.40s", lines, p))
			return false;
		p = nl + 1;
	}
	return CHECK_GT(lines, 0);
}

static void read_all_has_our_message(void)
{
	char text[64];

	snprintf(text, sizeof(text), "keyhole-syslog-test %d", getpid());
	CHECK(kmsg_log("<6>", text));
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	CHECK_GT(size, 0);
	int n = klogctl(SYSLOG_ACTION_READ_ALL, big, sizeof(big));
	if (!CHECK_GT(n, 0))
		return;
	CHECK_LT(n, (int)sizeof(big));                 /* the stamps are not in the ring: */
	CHECK_GT(size, 4096);                          /* n may be above size, as on Linux */
	syslog_lines_wellformed(big, n);
	big[n] = '\0';
	/* Written at level 6 with no facility: LOG_USER (1), so "<14>". */
	char *hit = strstr(big, text);
	if (CHECK(hit != NULL)) {
		char *line = hit;
		while (line > big && line[-1] != '\n')
			line--;
		CHECK(strncmp(line, "<14>[", 5) == 0);
		CHECK(strncmp(hit - 2, "] ", 2) == 0);
	}
	/* A small buffer gets the newest whole lines that fit. */
	char small[200];
	int m = klogctl(SYSLOG_ACTION_READ_ALL, small, sizeof(small));
	CHECK_GT(m, 0);
	CHECK_LE(m, (int)sizeof(small));
	if (m > 0) {
		syslog_lines_wellformed(small, m);
		CHECK_EQ(small[m - 1], '\n');
	}
	CHECK_GE(klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0), 0);
}

static void syslog_errnos(void)
{
	char buf[64];
	char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK_ERR(klogctl(SYSLOG_ACTION_READ_ALL, NULL, 10), EINVAL);
	CHECK_ERR(klogctl(SYSLOG_ACTION_READ_ALL, buf, -1), EINVAL);
	CHECK_EQ(klogctl(SYSLOG_ACTION_READ_ALL, buf, 0), 0);
	CHECK_ERR(klogctl(SYSLOG_ACTION_READ_ALL, (char *)-4096L, 10), EFAULT);
	CHECK_ERR(klogctl(SYSLOG_ACTION_READ_ALL, none, 4096), EFAULT);
	CHECK_ERR(klogctl(SYSLOG_ACTION_READ, NULL, 10), EINVAL);
	CHECK_ERR(klogctl(SYSLOG_ACTION_READ, buf, -5), EINVAL);
	CHECK_EQ(klogctl(SYSLOG_ACTION_READ, buf, 0), 0);
	CHECK_ERR(klogctl(SYSLOG_ACTION_READ_CLEAR, NULL, 1), EINVAL);
	CHECK_ERR(klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 0), EINVAL);
	CHECK_ERR(klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 9), EINVAL);
	CHECK_ERR(klogctl(11, NULL, 0), EINVAL);
	CHECK_ERR(klogctl(-1, NULL, 0), EINVAL);
	CHECK_EQ(klogctl(SYSLOG_ACTION_OPEN, NULL, 0), 0);
	CHECK_EQ(klogctl(SYSLOG_ACTION_CLOSE, NULL, 0), 0);
	munmap(none, 4096);
}

/* Without CAP_SYSLOG nothing is allowed (kernel.dmesg_restrict = 1, Debian's). */
static void syslog_needs_privilege(void)
{
	char buf[64];

	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(setgid(65534));
		CHECK_SYS(setuid(65534));
		CHECK_ERR(klogctl(SYSLOG_ACTION_READ_ALL, buf, sizeof(buf)), EPERM);
		CHECK_ERR(klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), EPERM);
		CHECK_ERR(klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 0), EPERM);
		CHECK_ERR(klogctl(99, NULL, 0), EPERM);         /* the permission first */
		CHECK_ERR(open("/dev/kmsg", O_RDONLY), EPERM);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

struct kmsg_rec {
	unsigned int pri;
	unsigned long long seq, usec;
	char flag;
	const char *text;
};

static bool parse_kmsg(char *rec, int n, struct kmsg_rec *r)
{
	int used = 0;

	rec[n] = '\0';
	if (!CHECKF(n > 0 && rec[n - 1] == '\n', "record ends with a newline: %.60s", rec) ||
	    !CHECKF(sscanf(rec, "%u,%llu,%llu,%c;%n", &r->pri, &r->seq, &r->usec, &r->flag,
			   &used) == 4 && used > 0,
		    "record: %.60s", rec))
		return false;
	r->text = rec + used;
	return true;
}

/* /dev/kmsg: one record a read, sequence numbers one apart, EAGAIN at the
 * end (O_NONBLOCK), EINVAL for a buffer too small, our message there. */
static void kmsg_records(void)
{
	char text[64], rec[8192];
	struct kmsg_rec r;
	unsigned long long last = 0;
	bool first = true, found = false;

	snprintf(text, sizeof(text), "keyhole-kmsg-test %d", getpid());
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (!CHECK_SYS(fd))
		return;
	CHECK(kmsg_log("<5>", text));
	for (int i = 0; i < 100000; i++) {
		int n = read(fd, rec, sizeof(rec) - 1);

		if (n < 0 && errno == EPIPE) {          /* overwritten meanwhile: go on */
			first = true;
			continue;
		}
		if (n < 0) {
			CHECK_EQ(errno, EAGAIN);
			break;
		}
		if (!parse_kmsg(rec, n, &r))
			break;
		if (!first)
			CHECK_EQ(r.seq, last + 1);
		first = false;
		last = r.seq;
		if (strncmp(r.text, text, strlen(text)) == 0 && r.text[strlen(text)] == '\n') {
			found = true;
			CHECK_EQ(r.pri, 13);            /* LOG_USER, level 5 */
		}
	}
	CHECK(found);
	/* From the end: only what is written after. */
	CHECK_EQ(lseek(fd, 0, SEEK_END), 0);
	snprintf(text, sizeof(text), "keyhole-kmsg-end %d", getpid());
	CHECK(kmsg_log("<28>", text));                  /* facility 3 (daemon), level 4 */
	found = false;
	for (int i = 0; i < 1000 && !found; i++) {
		int n = read(fd, rec, sizeof(rec) - 1);

		if (n < 0 || !parse_kmsg(rec, n, &r))
			break;
		if (strncmp(r.text, text, strlen(text)) == 0) {
			found = true;
			CHECK_EQ(r.pri, 28);
		}
	}
	CHECK(found);
	CHECK_ERR(lseek(fd, 1, SEEK_SET), ESPIPE);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_ERR(read(fd, rec, 8), EINVAL);            /* no record is that short */
	CHECK_GT(read(fd, rec, sizeof(rec)), 8);        /* and it was not consumed */
	close(fd);
}

/* Reads of /dev/kmsg escape what is not printable, as \xNN. */
static void kmsg_escapes_control_characters(void)
{
	char rec[8192], want[64];
	struct kmsg_rec r;

	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (!CHECK_SYS(fd))
		return;
	CHECK_EQ(lseek(fd, 0, SEEK_END), 0);
	snprintf(want, sizeof(want), "kh-esc\\x09tab\\x5cback %d", getpid());
	char text[64];
	snprintf(text, sizeof(text), "kh-esc\ttab\\back %d", getpid());
	CHECK(kmsg_log("<6>", text));
	bool found = false;
	for (int i = 0; i < 1000 && !found; i++) {
		int n = read(fd, rec, sizeof(rec) - 1);

		if (n < 0 || !parse_kmsg(rec, n, &r))
			break;
		found = strncmp(r.text, want, strlen(want)) == 0;
	}
	CHECK(found);
	close(fd);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(read_all_has_our_message);
	RUN(syslog_errnos);
	RUN(syslog_needs_privilege);
	RUN(kmsg_records);
	RUN(kmsg_escapes_control_characters);
	return ut_done();
}
