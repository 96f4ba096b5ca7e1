/*
 * msgtest.h - helpers the System V message queue tests share (msg_errno.c,
 * msg_efault.c, msg_life.c, msg_wait.c), on top of ipctest.h.
 *
 * Every queue a case makes with queue() goes on ipctest.h's registry, and
 * reg_sweep() removes it after the case.
 *
 * The message layout on x86_64 (struct msgbuf in linux/msg.h): a long
 * mtype at offset 0, the text from offset 8. struct msg below is that,
 * with room for the largest message a namespace allows by default.
 */
#ifndef USER_TESTS_MSGTEST_H
#define USER_TESTS_MSGTEST_H

#include "ipctest.h"

#include <fcntl.h>
#include <sys/msg.h>
#include <time.h>

#ifndef MSG_COPY
#define MSG_COPY 040000		/* linux/msg.h; musl's sys/msg.h lacks it */
#endif

#define BAD_ID 0x7fffffff	/* an id no queue has */

/* Linux's defaults (linux/msg.h), which a new IPC namespace starts with. */
#define MSGMAX_DEFAULT 8192	/* msg_ctlmax: the largest message */
#define MSGMNB_DEFAULT 16384	/* msg_ctlmnb: a new queue's msg_qbytes */
#define MSGMNI_DEFAULT 32000	/* msg_ctlmni: queues per namespace */

struct msg {
	long mtype;
	char mtext[MSGMAX_DEFAULT];
};

/* In main(), after each case: remove the queues the case left. */
static inline void msg_rmid(int id)
{
	msgctl(id, IPC_RMID, NULL);
}

static inline void reg_sweep(void)
{
	reg_sweep_with(msg_rmid);
}

#define MSG_RUN(fn)                                                            \
	do {                                                                   \
		RUN(fn);                                                       \
		reg_sweep();                                                   \
	} while (0)

/* msgget() that records what it makes. */
static inline int queue(key_t key, int flags)
{
	return reg_add(msgget(key, flags));
}

/* The queue's IPC_STAT; a failed call is a failed check (fields 0xa5...). */
static inline struct msqid_ds qstat(int id)
{
	struct msqid_ds ds;

	memset(&ds, 0xa5, sizeof(ds));
	CHECKF(msgctl(id, IPC_STAT, &ds) == 0, "msgctl(%d, IPC_STAT): %s", id, strerror(errno));
	return ds;
}

/* msg_qnum, or -1 if the queue cannot be stat'ed. */
static inline long qnum(int id)
{
	struct msqid_ds ds;

	if (msgctl(id, IPC_STAT, &ds) < 0)
		return -1;
	return (long)ds.msg_qnum;
}

/* Set the queue's msg_qbytes (as its owner or root). */
static inline bool set_qbytes(int id, unsigned long qbytes)
{
	struct msqid_ds ds;

	if (!CHECK_SYS(msgctl(id, IPC_STAT, &ds)))
		return false;
	ds.msg_qbytes = qbytes;
	return CHECKF(msgctl(id, IPC_SET, &ds) == 0, "IPC_SET msg_qbytes %lu: %s", qbytes,
		      strerror(errno));
}

/* Send a NUL-terminated text (without its NUL) as a message of type. */
static inline bool send_str(int id, long type, const char *text, int flags)
{
	struct msg m;
	size_t len = strlen(text);

	m.mtype = type;
	memcpy(m.mtext, text, len);
	return CHECKF(msgsnd(id, &m, len, flags) == 0, "msgsnd(%d, type %ld, \"%s\"): %s", id,
		      type, text, strerror(errno));
}

/* msgsnd of len bytes of type 1, without a check of its own. */
static inline int send_one(int id, size_t len, int flags)
{
	static struct msg m = { .mtype = 1 };

	return msgsnd(id, &m, len, flags);
}

/*
 * Receive with msgtyp and flags into m; the text is NUL-terminated.
 * Return: msgrcv's result (the text's length, or -1 with errno).
 */
static inline ssize_t recv_str(int id, struct msg *m, long msgtyp, int flags)
{
	ssize_t n;

	memset(m, 0, sizeof(*m));
	n = msgrcv(id, m, sizeof(m->mtext) - 1, msgtyp, flags);
	if (n >= 0)
		m->mtext[n] = '\0';
	return n;
}

/* The index of id for MSG_STAT, found by a MSG_STAT_ANY scan; -1 if none. */
static inline int index_of(int id)
{
	struct msginfo info;
	struct msqid_ds ds;
	int max = msgctl(0, MSG_INFO, (struct msqid_ds *)&info);

	for (int i = 0; i <= max; i++)
		if (msgctl(i, MSG_STAT_ANY, &ds) == id)
			return i;
	return -1;
}

/* Fill / check n bytes with a pattern of seed. */
static inline void fill(char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (char)(seed + i * 7 + (i >> 8));
}

/* The first byte that is not fill()'s, or n. */
static inline size_t first_mismatch(const char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (char)(seed + i * 7 + (i >> 8)))
			return i;
	return n;
}

/* Receive with IPC_NOWAIT added to flags; it must give type and text. */
#define CHECK_RECV(id, msgtyp, flags, type, text)                              \
	({                                                                     \
		struct msg m_;                                                 \
		ssize_t n_ = recv_str(id, &m_, msgtyp, (flags) | IPC_NOWAIT);  \
		CHECKF(n_ >= 0 && m_.mtype == (type) && strcmp(m_.mtext, text) == 0, \
		       "msgrcv(msgtyp %ld, %s) gives type %ld \"%s\", not %ld \"%s\" (%s)", \
		       (long)(msgtyp), #flags, n_ >= 0 ? m_.mtype : 0L,        \
		       n_ >= 0 ? m_.mtext : "", (long)(type), text,            \
		       n_ >= 0 ? "received" : strerror(errno));                \
	})

/* An id that was valid once: made and removed. */
static inline int stale_id(void)
{
	int id = msgget(IPC_PRIVATE, 0600);

	CHECK_SYS(id);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	return id;
}

/* The state letter of /proc/<pid>/stat ('R', 'S', ...), or 0. */
static inline char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');	/* the name may hold spaces and parentheses */
	return p && p[1] == ' ' ? p[2] : 0;
}

/*
 * Wait (up to 10 s) until pid sleeps: 'S' in /proc/<pid>/stat. Callers
 * have the helper write to a pipe just before its one blocking call
 * (msgsnd or msgrcv) and read that first, so once it sleeps it sleeps
 * there. Return: whether it did.
 */
static inline bool wait_asleep(pid_t pid)
{
	char st = 0;

	for (int i = 0; i < 1000; i++) {
		st = proc_state(pid);
		if (st == 'S')
			return true;
		usleep(10000);
	}
	return CHECKF(false, "process %d never went to sleep (state '%c')", (int)pid,
		      st ? st : '?');
}

/*
 * Whether this process may raise msg_qbytes above msg_ctlmnb: root with
 * CAP_SYS_RESOURCE. Linux's root may lack it (a container's bounding set:
 * the CapEff line of /proc/self/status says); keyhole, which has no
 * /proc/<pid>/status, gives root every capability.
 */
static inline bool has_cap_sys_resource(void)
{
	char buf[4096], *p;
	ssize_t n;
	int fd;

	if (geteuid() != 0)
		return false;
	fd = open("/proc/self/status", O_RDONLY);
	if (fd < 0)
		return true;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return true;
	buf[n] = '\0';
	p = strstr(buf, "\nCapEff:");
	if (!p)
		return true;
	return (strtoull(p + 8, NULL, 16) >> 24) & 1;	/* CAP_SYS_RESOURCE is 24 */
}

/* A pipe for a helper to say "I am about to block": see wait_asleep(). */
struct gate {
	int fd[2];
};

static inline bool gate_open(struct gate *g)
{
	return CHECK_SYS(pipe(g->fd));
}

/* In the helper: one byte, just before the blocking call. */
static inline void gate_pass(struct gate *g)
{
	write(g->fd[1], "g", 1);
}

/* In the case: wait for the helper's byte, then for it to sleep. */
static inline bool gate_wait(struct gate *g, pid_t pid)
{
	char c;

	return CHECKF(read(g->fd[0], &c, 1) == 1, "helper %d never reached its call", (int)pid) &&
	       wait_asleep(pid);
}

#endif /* USER_TESTS_MSGTEST_H */
