/*
 * ipc_sysctl.c - the System V IPC limits of /proc/sys/kernel, per IPC
 * namespace, as Linux's ipc/ipc_sysctl.c: shmmax, shmall (in pages),
 * shmmni, msgmax, msgmnb, msgmni, and sem (four numbers: SEMMSL, SEMMNS,
 * SEMOPM, SEMMNI). `sysctl kernel.shmmax`, `ipcs -l` and `lsipc` read
 * them; root writes them. Each file shows the namespace of the task that
 * reads or writes it, not of the one that opened /proc (Linux: current's).
 *
 * A write is one decimal number and optional white space around it (sem:
 * up to four, separated by white space, the first ones replaced), checked
 * as Linux's proc_dointvec_minmax and proc_doulongvec_minmax check it:
 * shmmni and msgmni at most IPCMNI, msgmax and msgmnb at most INT_MAX, no
 * value below 0; any other text, or a value out of range, is -EINVAL and
 * changes nothing. sem's SEMMNI above IPCMNI is -ERANGE, and as in Linux
 * the first three values are taken all the same. (Linux also takes
 * negative numbers for sem's first three; keyhole refuses them.)
 * Who may write is the file's mode (0644, root's), checked at open.
 *
 * Left out: shm_rmid_forced (Linux also destroys the orphaned segments when
 * it is set), auto_msgmni, and the *_next_id files of checkpoint/restore.
 *
 * Locking: none. A limit is one aligned word written at once (sem's four
 * one after another, as Linux's); readers (newseg, newque, newary, semop,
 * msgsnd ...) take it as it is at the moment they look, as Linux's do.
 */
#include "fs/proc_internal.h"
#include "ipc/ipc_sysctl.h"
#include "ipc/namespace.h"
#include "kernel/nsproxy.h"
#include "kernel/errno.h"
#include "lib/string.h"

#define INT_MAX_ ((long long)0x7fffffff)

static struct ipc_namespace *ns(void)
{
	return current->nsproxy->ipc_ns;
}

/*
 * Parse 1 to n numbers in [0, max] from kbuf (len bytes, not terminated),
 * separated and surrounded by blanks. Return: how many (in v), or -EINVAL.
 */
static int parse_numbers(const char *kbuf, size_t len, unsigned long long max,
			 unsigned long long *v, int n)
{
	char buf[96];
	char *p = buf, *end;
	int got = 0;

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, kbuf, len);
	buf[len] = '\0';
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (got == n || *p < '0' || *p > '9')
			return -EINVAL;
		for (end = p; *end >= '0' && *end <= '9'; end++)
			;
		if (*end && *end != ' ' && *end != '\t' && *end != '\n')
			return -EINVAL;
		char c = *end;

		*end = '\0';
		if (kstrtoull(p, 10, &v[got]) || v[got] > max)
			return -EINVAL;
		*end = c;
		got++;
		p = end;
	}
	return got ? got : -EINVAL;
}

#define IPC_ULONG_FILE(name, field)                                              \
	int ipc_sysctl_##name##_show(struct seq_file *m, struct task_struct *unused)   \
	{                                                                        \
		(void)unused;                                                    \
		seq_printf(m, "%lu\n", (unsigned long)READ_ONCE(ns()->field));   \
		return 0;                                                        \
	}                                                                        \
	ssize_t ipc_sysctl_##name##_write(struct task_struct *unused, const char *kbuf, \
				    size_t len)                                  \
	{                                                                        \
		unsigned long long v;                                            \
		int err = parse_numbers(kbuf, len, ~0ULL, &v, 1);                \
		(void)unused;                                                    \
		if (err < 0)                                                     \
			return err;                                              \
		WRITE_ONCE(ns()->field, v);                                      \
		return (ssize_t)len;                                             \
	}

#define IPC_INT_FILE(name, field, max)                                           \
	int ipc_sysctl_##name##_show(struct seq_file *m, struct task_struct *unused)   \
	{                                                                        \
		(void)unused;                                                    \
		seq_printf(m, "%d\n", (int)READ_ONCE(ns()->field));              \
		return 0;                                                        \
	}                                                                        \
	ssize_t ipc_sysctl_##name##_write(struct task_struct *unused, const char *kbuf, \
				    size_t len)                                  \
	{                                                                        \
		unsigned long long v;                                            \
		int err = parse_numbers(kbuf, len, max, &v, 1);                  \
		(void)unused;                                                    \
		if (err < 0)                                                     \
			return err;                                              \
		WRITE_ONCE(ns()->field, v);                                      \
		return (ssize_t)len;                                             \
	}

IPC_ULONG_FILE(shmmax, shm_ctlmax)
IPC_ULONG_FILE(shmall, shm_ctlall)
IPC_INT_FILE(shmmni, shm_ctlmni, IPCMNI)
IPC_INT_FILE(msgmax, msg_ctlmax, INT_MAX_)
IPC_INT_FILE(msgmnb, msg_ctlmnb, INT_MAX_)
IPC_INT_FILE(msgmni, msg_ctlmni, IPCMNI)

/* sem: "SEMMSL\tSEMMNS\tSEMOPM\tSEMMNI", as Linux prints an int vector. */
int ipc_sysctl_sem_show(struct seq_file *m, struct task_struct *unused)
{
	const int *c = ns()->sem_ctls;

	(void)unused;
	seq_printf(m, "%d\t%d\t%d\t%d\n", READ_ONCE(c[0]), READ_ONCE(c[1]), READ_ONCE(c[2]),
		   READ_ONCE(c[3]));
	return 0;
}

ssize_t ipc_sysctl_sem_write(struct task_struct *unused, const char *kbuf, size_t len)
{
	unsigned long long v[4];
	int n = parse_numbers(kbuf, len, INT_MAX_, v, 4);

	(void)unused;
	if (n < 0)
		return n;
	for (int i = 0; i < n && i < 3; i++)
		WRITE_ONCE(ns()->sem_ctls[i], (int)v[i]);
	if (n == 4 && v[3] > IPCMNI)
		return -ERANGE;         /* SEMMNI stays; the other three were taken */
	if (n == 4)
		WRITE_ONCE(ns()->sem_ctls[3], (int)v[3]);
	return (ssize_t)len;
}
