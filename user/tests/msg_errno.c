/*
 * msg_errno.c - the errno matrix of msgget(2), msgsnd(2), msgrcv(2) and
 * msgctl(2): each error those pages list that keyhole can give, made to
 * happen, and each checked next to the good call it differs from (a kernel
 * that always failed would not pass).
 *
 * What Linux does, and keyhole must do too (this file is where to look;
 * "before" means the first error wins when a call has several):
 *
 *   msgget   ENOENT  no queue has the key and IPC_CREAT is not given
 *            EEXIST  IPC_CREAT|IPC_EXCL and the key exists (before the
 *                    permission check; IPC_EXCL alone is ignored)
 *            EACCES  the key exists and the permission bits asked for in
 *                    msgflg are not granted (msgflg 0 asks for none)
 *            ENOSPC  msg_ctlmni (32000) queues exist in the namespace
 *   msgsnd   EFAULT  msgp's mtype cannot be read: checked first of all,
 *                    before the id and the size
 *            EINVAL  msgsz > msg_ctlmax (8192; a "negative" size_t is
 *                    huge), msqid < 0, then mtype < 1
 *            EFAULT  the text cannot be read (msgsz bytes from msgp + 8),
 *                    still before the id is looked up
 *            EINVAL  bad or stale id (also when its index holds a new
 *                    queue: the sequence number in the id differs)
 *            EACCES  no write permission (before EAGAIN)
 *            EAGAIN  IPC_NOWAIT and the message does not fit: msg_cbytes +
 *                    msgsz > msg_qbytes, or msg_qnum + 1 > msg_qbytes (the
 *                    queue also holds at most msg_qbytes messages); a
 *                    message longer than msg_qbytes never fits, and is
 *                    EAGAIN (or a sleep), not EINVAL
 *            EIDRM   the queue was removed while the sender slept
 *            EINTR   a signal with a handler woke the sleeper, SA_RESTART
 *                    or not (ERESTARTNOHAND: never restarted after a
 *                    handler ran; restarted after SIGSTOP/SIGCONT)
 *   msgrcv   EINVAL  msqid < 0 or msgsz > LONG_MAX (before everything);
 *                    MSG_COPY without IPC_NOWAIT or with MSG_EXCEPT; bad or
 *                    stale id
 *            EFAULT  MSG_COPY: msgsz bytes at msgp cannot be read (Linux
 *                    reads the buffer in first), before the id lookup
 *            EACCES  no read permission (before ENOMSG and E2BIG)
 *            E2BIG   the first matching message is longer than msgsz and
 *                    MSG_NOERROR is not given: the message stays queued.
 *                    A receiver asleep with too short a buffer gets E2BIG
 *                    when such a message arrives (msg_life.c).
 *            EINVAL  MSG_COPY|MSG_NOERROR and the message is longer than
 *                    msgsz (copy_msg refuses to truncate)
 *            ENOMSG  IPC_NOWAIT and nothing matches (MSG_COPY: no message
 *                    at that position); no pointer is looked at then
 *            EFAULT  msgp cannot be written: checked only after the message
 *                    was taken off the queue, which loses it (msg_qnum
 *                    drops, msg_lrpid and msg_rtime are set)
 *            EIDRM, EINTR  as for msgsnd
 *   msgctl   EINVAL  msqid < 0 or cmd < 0 (every command, IPC_INFO too);
 *                    unknown cmd (IPC_64 included: x86_64 does not strip
 *                    it); bad or stale id; an unused index for MSG_STAT and
 *                    MSG_STAT_ANY (a full id is reduced to its index); a
 *                    uid or gid of -1 in IPC_SET
 *            EACCES  IPC_STAT or MSG_STAT without read permission
 *                    (MSG_STAT_ANY needs none)
 *            EPERM   IPC_SET, IPC_RMID by one who is neither owner nor
 *                    creator nor root; IPC_SET raising msg_qbytes above
 *                    msg_ctlmnb (16384) without CAP_SYS_RESOURCE, even by
 *                    the owner. Linux takes the new msg_qbytes as an int:
 *                    only its low 32 bits count, compared unsigned.
 *            EFAULT  a bad buf for IPC_STAT, IPC_SET, IPC_INFO, MSG_INFO,
 *                    MSG_STAT, MSG_STAT_ANY (IPC_SET reads buf before it
 *                    looks at the id; IPC_RMID never reads buf)
 *
 * The matrix is whole, but two groups of its cases live elsewhere: EFAULT,
 * every pointer with every kind of bad pointer, in msg_efault.c; EIDRM
 * and EINTR, which need a caller asleep, in msg_wait.c.
 *
 * The unprivileged cases run in a forked helper that drops to uid and gid
 * 65534. Cases that depend on the
 * namespace's limits or need exact counts run in a fresh IPC namespace;
 * the others record their ids, which main() removes after each case.
 */
#include "msgtest.h"

#include <limits.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/syscall.h>

/* ---- msgget ---- */

static void msgget_missing_key_enoent(void)
{
	key_t key = key_for(0);

	CHECK_ERR(msgget(key, 0600), ENOENT);
	CHECK_ERR(msgget(key, 0), ENOENT);
	CHECK_ERR(msgget(key, IPC_EXCL | 0600), ENOENT);
	/* With IPC_CREAT it is made, then found without. */
	int id = queue(key, IPC_CREAT | 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_EQ(msgget(key, 0600), id);
	CHECK_EQ(msgget(key, 0), id);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	CHECK_ERR(msgget(key, 0600), ENOENT);
}

static void msgget_create_excl_existing_eexist(void)
{
	key_t key = key_for(1);
	int id = queue(key, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	CHECK_ERR(msgget(key, IPC_CREAT | IPC_EXCL), EEXIST);
	/* IPC_EXCL without IPC_CREAT is ignored; IPC_CREAT alone finds it. */
	CHECK_EQ(msgget(key, IPC_EXCL | 0600), id);
	CHECK_EQ(msgget(key, IPC_CREAT | 0600), id);
	/* IPC_PRIVATE always makes a new one, IPC_EXCL or not. */
	int a = queue(IPC_PRIVATE, IPC_CREAT | IPC_EXCL | 0600);
	int b = queue(IPC_PRIVATE, IPC_CREAT | IPC_EXCL | 0600);
	CHECK_SYS(a);
	CHECK_SYS(b);
	CHECK_NE(a, b);
	CHECK_NE(a, id);
	CHECK_SYS(msgctl(a, IPC_RMID, NULL));
	CHECK_SYS(msgctl(b, IPC_RMID, NULL));
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	/* Removed, the key can be made again. */
	int c = queue(key, IPC_CREAT | IPC_EXCL | 0600);
	CHECK_SYS(c);
	CHECK_NE(c, id);
}

static void msgget_without_permission_eacces(void)
{
	key_t key = key_for(2);
	int id = queue(key, IPC_CREAT | IPC_EXCL | 0644);

	if (!CHECK_SYS(id))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_EQ(msgget(key, 0), id);		/* asks for nothing */
			CHECK_EQ(msgget(key, 0400), id);	/* others may read */
			CHECK_EQ(msgget(key, 0004), id);
			CHECK_EQ(msgget(key, 0444), id);
			CHECK_ERR(msgget(key, 0200), EACCES);
			CHECK_ERR(msgget(key, 0600), EACCES);
			CHECK_ERR(msgget(key, 0002), EACCES);
			CHECK_ERR(msgget(key, IPC_CREAT | 0600), EACCES);
			/* EEXIST is checked before the permissions. */
			CHECK_ERR(msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(msgget(key, 0666), id);	/* root may ask for anything */
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void msgget_all_ids_used_enospc(void)
{
	struct msginfo info;
	static int ids[MSGMNI_DEFAULT + 1];
	int n = 0, id;

	if (!fresh_ipc_ns())
		return;
	if (!CHECK_SYS(msgctl(0, IPC_INFO, (struct msqid_ds *)&info)))
		return;
	CHECK_EQ(info.msgmni, MSGMNI_DEFAULT);
	while (n <= MSGMNI_DEFAULT && (id = msgget(IPC_PRIVATE, 0600)) >= 0)
		ids[n++] = id;
	CHECKF(n == MSGMNI_DEFAULT && errno == ENOSPC,
	       "made %d queues, then errno %d (%s); want %d, then ENOSPC", n, errno,
	       strerror(errno), MSGMNI_DEFAULT);
	CHECK_ERR(msgget(key_for(3), IPC_CREAT | 0600), ENOSPC);
	CHECK_ERR(msgget(key_for(3), 0600), ENOENT);	/* nothing was made */
	if (n == 0)
		return;
	/* One removed, one can be made again, and then no more. */
	CHECK_SYS(msgctl(ids[n - 1], IPC_RMID, NULL));
	CHECK_SYS(ids[n - 1] = msgget(key_for(3), IPC_CREAT | 0600));
	CHECK_ERR(msgget(IPC_PRIVATE, 0600), ENOSPC);
	/* The highest index in use, and msgpool: the queues. */
	CHECK_GE(msgctl(0, MSG_INFO, (struct msqid_ds *)&info), n - 1);
	CHECK_EQ(info.msgpool, n);
}

/* ---- msgsnd ---- */

static void msgsnd_mtype_below_one_einval(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg m = { .mtype = 0, .mtext = "zero" };

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(msgsnd(id, &m, 4, 0), EINVAL);
	CHECK_ERR(msgsnd(id, &m, 4, IPC_NOWAIT), EINVAL);
	m.mtype = -1;
	CHECK_ERR(msgsnd(id, &m, 4, 0), EINVAL);
	m.mtype = LONG_MIN;
	CHECK_ERR(msgsnd(id, &m, 0, 0), EINVAL);
	CHECK_EQ(qnum(id), 0);
	CHECK_EQ(qstat(id).msg_stime, 0);	/* no send happened */
	CHECK_EQ(qstat(id).msg_lspid, 0);
	/* 1 and LONG_MAX are types. */
	m.mtype = 1;
	CHECK_SYS(msgsnd(id, &m, 4, 0));
	m.mtype = LONG_MAX;
	CHECK_SYS(msgsnd(id, &m, 4, 0));
	CHECK_EQ(qnum(id), 2);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void msgsnd_size_above_msgmax_einval(void)
{
	static struct msg m = { .mtype = 1 };
	static char big[2 * MSGMAX_DEFAULT];

	if (!fresh_ipc_ns())
		return;
	int id = msgget(IPC_PRIVATE, 0600);
	if (!CHECK_SYS(id))
		return;
	memcpy(big, &m, sizeof(long));
	CHECK_ERR(msgsnd(id, big, MSGMAX_DEFAULT + 1, 0), EINVAL);
	CHECK_ERR(msgsnd(id, big, MSGMAX_DEFAULT + 1, IPC_NOWAIT), EINVAL);
	CHECK_ERR(msgsnd(id, big, (size_t)-1, 0), EINVAL);		/* "negative" */
	CHECK_ERR(msgsnd(id, big, (size_t)LONG_MAX + 1, 0), EINVAL);
	CHECK_ERR(msgsnd(id, big, 2 * MSGMAX_DEFAULT, 0), EINVAL);
	/* The size is checked before the type and the id. */
	m.mtype = 0;
	CHECK_ERR(msgsnd(BAD_ID, &m, MSGMAX_DEFAULT + 1, 0), EINVAL);
	CHECK_EQ(qnum(id), 0);
	/* MSGMAX itself and 0 are sizes. */
	m.mtype = 1;
	CHECK_SYS(msgsnd(id, &m, MSGMAX_DEFAULT, 0));
	CHECK_SYS(msgsnd(id, &m, 0, 0));
	CHECK_EQ(qnum(id), 2);
	CHECK_EQ(qstat(id).msg_cbytes, MSGMAX_DEFAULT);
}

static void msgsnd_bad_id_einval(void)
{
	int stale = stale_id();
	struct msg m = { .mtype = 1, .mtext = "hello" };
	const int bad[] = { -1, INT32_MIN, BAD_ID, stale };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!CHECK_ERR(msgsnd(bad[i], &m, 5, 0), EINVAL) ||
		    !CHECK_ERR(msgsnd(bad[i], &m, 5, IPC_NOWAIT), EINVAL))
			CHECKF(0, "(with id %d)", bad[i]);
	}
	/* A new queue does not bring the stale id back. */
	int id = queue(IPC_PRIVATE, 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_NE(id, stale);
	CHECK_ERR(msgsnd(stale, &m, 5, 0), EINVAL);
	CHECK_SYS(msgsnd(id, &m, 5, 0));
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void msgsnd_without_write_permission_eacces(void)
{
	int id = queue(IPC_PRIVATE, 0644);

	if (!CHECK_SYS(id))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct msg m = { .mtype = 1, .mtext = "x" };

			CHECK_ERR(msgsnd(id, &m, 1, 0), EACCES);
			CHECK_ERR(msgsnd(id, &m, 1, IPC_NOWAIT), EACCES);
			CHECK_ERR(msgsnd(id, &m, 0, 0), EACCES);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(qnum(id), 0);
	/* Others may write: now it works, and a full queue says EAGAIN. */
	struct msqid_ds ds = qstat(id);
	ds.msg_perm.mode = 0602;
	ds.msg_qbytes = 1;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct msg m = { .mtype = 1, .mtext = "x" };

			CHECK_SYS(msgsnd(id, &m, 1, 0));
			CHECK_ERR(msgsnd(id, &m, 1, IPC_NOWAIT), EAGAIN);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(qnum(id), 1);
	/* EACCES comes before EAGAIN. */
	ds.msg_perm.mode = 0600;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct msg m = { .mtype = 1, .mtext = "x" };

			CHECK_ERR(msgsnd(id, &m, 1, IPC_NOWAIT), EACCES);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	/* Root may write to mode 0. */
	ds.msg_perm.mode = 0;
	ds.msg_qbytes = 100;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	CHECK(send_str(id, 1, "root", 0));
	CHECK_EQ(qnum(id), 2);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* A full queue by bytes, by count, and a message larger than the queue. */
static void msgsnd_full_queue_nowait_eagain(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg m = { .mtype = 1 };

	if (!CHECK_SYS(id) || !set_qbytes(id, 100))
		return;
	CHECK_SYS(msgsnd(id, &m, 60, IPC_NOWAIT));
	CHECK_ERR(msgsnd(id, &m, 41, IPC_NOWAIT), EAGAIN);	/* 101 > 100 */
	CHECK_SYS(msgsnd(id, &m, 40, IPC_NOWAIT));		/* exactly full */
	CHECK_ERR(msgsnd(id, &m, 1, IPC_NOWAIT), EAGAIN);
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 2);
	CHECK_EQ(ds.msg_cbytes, 100);
	/* An empty message still needs room for one more message: qnum + 1 <= qbytes. */
	CHECK_SYS(msgsnd(id, &m, 0, IPC_NOWAIT));
	CHECK_EQ(qnum(id), 3);
	/* A message longer than msg_qbytes never fits: EAGAIN, not EINVAL. */
	CHECK_SYS(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT));
	CHECK_SYS(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT));
	CHECK_SYS(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT));
	CHECK_EQ(qnum(id), 0);
	CHECK_ERR(msgsnd(id, &m, 101, IPC_NOWAIT), EAGAIN);
	CHECK_SYS(msgsnd(id, &m, 100, IPC_NOWAIT));
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* msg_qbytes also bounds the number of messages: empty ones fill it too. */
static void msgsnd_message_count_limit_eagain(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg m = { .mtype = 1 };

	if (!CHECK_SYS(id) || !set_qbytes(id, 3))
		return;
	for (int i = 0; i < 3; i++)
		CHECKF(msgsnd(id, &m, 0, IPC_NOWAIT) == 0, "empty message %d: %s", i,
		       strerror(errno));
	CHECK_ERR(msgsnd(id, &m, 0, IPC_NOWAIT), EAGAIN);
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 3);
	CHECK_EQ(ds.msg_cbytes, 0);
	CHECK_SYS(msgrcv(id, &m, 0, 0, IPC_NOWAIT));
	CHECK_SYS(msgsnd(id, &m, 0, IPC_NOWAIT));
	CHECK_ERR(msgsnd(id, &m, 0, IPC_NOWAIT), EAGAIN);
	/* msg_qbytes 0: nothing fits, not even an empty message. */
	while (msgrcv(id, &m, 0, 0, IPC_NOWAIT) == 0)
		;
	if (set_qbytes(id, 0)) {
		CHECK_EQ(qstat(id).msg_qbytes, 0);
		CHECK_ERR(msgsnd(id, &m, 0, IPC_NOWAIT), EAGAIN);
	}
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* ---- msgrcv ---- */

static void msgrcv_bad_id_einval(void)
{
	int stale = stale_id();
	struct msg m;
	const int bad[] = { -1, INT32_MIN, BAD_ID, stale };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!CHECK_ERR(msgrcv(bad[i], &m, sizeof(m.mtext), 0, 0), EINVAL) ||
		    !CHECK_ERR(msgrcv(bad[i], &m, sizeof(m.mtext), 1, IPC_NOWAIT), EINVAL) ||
		    !CHECK_ERR(msgrcv(bad[i], &m, sizeof(m.mtext), 0, MSG_COPY | IPC_NOWAIT),
			       EINVAL))
			CHECKF(0, "(with id %d)", bad[i]);
	}
	int id = queue(IPC_PRIVATE, 0600);
	if (!CHECK_SYS(id) || !send_str(id, 1, "kept", 0))
		return;
	CHECK_ERR(msgrcv(stale, &m, sizeof(m.mtext), 0, IPC_NOWAIT), EINVAL);
	CHECK_EQ(recv_str(id, &m, 0, IPC_NOWAIT), 4);
	CHECK_STR(m.mtext, "kept");
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* msgsz is a size_t; above LONG_MAX it is "negative": EINVAL before all else. */
static void msgrcv_negative_size_einval(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg m;

	if (!CHECK_SYS(id) || !send_str(id, 1, "kept", 0))
		return;
	CHECK_ERR(msgrcv(id, &m, (size_t)-1, 0, IPC_NOWAIT), EINVAL);
	CHECK_ERR(msgrcv(id, &m, (size_t)LONG_MAX + 1, 0, IPC_NOWAIT | MSG_NOERROR), EINVAL);
	CHECK_ERR(syscall(SYS_msgrcv, id, NULL, (size_t)-1, 0, IPC_NOWAIT), EINVAL);
	CHECK_EQ(qnum(id), 1);
	/* Large but not negative is fine: msgrcv has no MSGMAX. */
	CHECK_EQ(msgrcv(id, &m, (size_t)LONG_MAX, 0, IPC_NOWAIT), 4);
	CHECK_EQ(qnum(id), 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void msgrcv_nothing_matching_nowait_enomsg(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg m;

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), ENOMSG);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 5, IPC_NOWAIT), ENOMSG);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), -5, IPC_NOWAIT), ENOMSG);
	if (!send_str(id, 5, "five", 0) || !send_str(id, 7, "seven", 0))
		return;
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 6, IPC_NOWAIT), ENOMSG);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), -4, IPC_NOWAIT), ENOMSG);	/* types <= 4 */
	CHECK_EQ(qnum(id), 2);
	/* Each of those would have matched something here. */
	CHECK_EQ(recv_str(id, &m, 7, IPC_NOWAIT), 5);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 5, IPC_NOWAIT | MSG_EXCEPT), ENOMSG);
	CHECK_EQ(recv_str(id, &m, -5, IPC_NOWAIT), 4);
	CHECK_STR(m.mtext, "five");
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), ENOMSG);
	/* A bad buffer is not looked at when there is nothing to receive. */
	CHECK_ERR(syscall(SYS_msgrcv, id, NULL, 16, 0, IPC_NOWAIT), ENOMSG);
	CHECK_ERR(syscall(SYS_msgrcv, id, (void *)0xffffffff80000000UL, 16, 0, IPC_NOWAIT),
		  ENOMSG);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void msgrcv_message_longer_than_buffer_e2big(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg m;

	if (!CHECK_SYS(id) || !send_str(id, 3, "twelve bytes", 0))
		return;
	CHECK_ERR(msgrcv(id, &m, 11, 0, IPC_NOWAIT), E2BIG);
	CHECK_ERR(msgrcv(id, &m, 11, 0, 0), E2BIG);	/* found at once: no sleep */
	CHECK_ERR(msgrcv(id, &m, 0, 3, IPC_NOWAIT), E2BIG);
	CHECK_ERR(msgrcv(id, &m, 0, -3, IPC_NOWAIT), E2BIG);
	/* The message stays, and nothing counts as a receive. */
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 1);
	CHECK_EQ(ds.msg_cbytes, 12);
	CHECK_EQ(ds.msg_lrpid, 0);
	CHECK_EQ(ds.msg_rtime, 0);
	/* E2BIG is about the first match only: a shorter one of another type is taken. */
	if (!send_str(id, 4, "short", 0))
		return;
	CHECK_EQ(msgrcv(id, &m, 5, 4, IPC_NOWAIT), 5);
	CHECK_ERR(msgrcv(id, &m, 5, 0, IPC_NOWAIT), E2BIG);
	/* The exact size works. */
	CHECK_EQ(msgrcv(id, &m, 12, 0, IPC_NOWAIT), 12);
	CHECK(memcmp(m.mtext, "twelve bytes", 12) == 0);
	/* An empty message fits a zero-length buffer. */
	CHECK_SYS(send_one(id, 0, 0));
	CHECK_EQ(msgrcv(id, &m, 0, 0, IPC_NOWAIT), 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void msgrcv_without_read_permission_eacces(void)
{
	int id = queue(IPC_PRIVATE, 0602);	/* others may write, not read */

	if (!CHECK_SYS(id))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct msg m;

			/* EACCES comes before ENOMSG ... */
			CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), EACCES);
			CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, 0), EACCES);
			send_str(id, 1, "mine", 0);
			/* ... and before E2BIG. */
			CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), EACCES);
			CHECK_ERR(msgrcv(id, &m, 1, 0, IPC_NOWAIT), EACCES);
			CHECK_ERR(msgrcv(id, &m, 100, 0, IPC_NOWAIT | MSG_COPY), EACCES);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(qnum(id), 1);
	/* Root may read mode 0. */
	struct msqid_ds ds = qstat(id);
	ds.msg_perm.mode = 0;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	struct msg m;
	CHECK_EQ(recv_str(id, &m, 0, IPC_NOWAIT), 4);
	CHECK_STR(m.mtext, "mine");
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/*
 * MSG_COPY (Linux 3.8, with CONFIG_CHECKPOINT_RESTORE, which Debian's
 * kernels have): msgtyp is a position in the queue, and the message is
 * copied, not taken. It needs IPC_NOWAIT and refuses MSG_EXCEPT; it will
 * not truncate (MSG_NOERROR: EINVAL); and Linux reads msgsz bytes of the
 * buffer in before it looks at the id.
 */
static void msgrcv_msg_copy_errors(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg m;

	if (!CHECK_SYS(id) || !send_str(id, 2, "first", 0) || !send_str(id, 1, "second", 0))
		return;
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, MSG_COPY), EINVAL);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, MSG_COPY | MSG_NOERROR), EINVAL);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, MSG_COPY | IPC_NOWAIT | MSG_EXCEPT), EINVAL);
	CHECK_ERR(msgrcv(id, &m, 5, 1, MSG_COPY | IPC_NOWAIT), E2BIG);	/* "second" */
	CHECK_ERR(msgrcv(id, &m, 5, 1, MSG_COPY | IPC_NOWAIT | MSG_NOERROR), EINVAL);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 2, MSG_COPY | IPC_NOWAIT), ENOMSG);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), -1, MSG_COPY | IPC_NOWAIT), ENOMSG);
	CHECK_ERR(syscall(SYS_msgrcv, id, NULL, 16, 0, MSG_COPY | IPC_NOWAIT), EFAULT);
	CHECK_ERR(syscall(SYS_msgrcv, BAD_ID, NULL, 16, 0, MSG_COPY | IPC_NOWAIT), EFAULT);
	CHECK_ERR(syscall(SYS_msgrcv, BAD_ID, NULL, 0, 0, MSG_COPY | IPC_NOWAIT), EINVAL);
	CHECK_ERR(syscall(SYS_msgrcv, -1, NULL, 16, 0, MSG_COPY | IPC_NOWAIT), EINVAL);
	/* Nothing was taken; the good calls work. */
	CHECK_EQ(qnum(id), 2);
	CHECK_EQ(qstat(id).msg_lrpid, 0);
	CHECK_EQ(recv_str(id, &m, 1, MSG_COPY | IPC_NOWAIT), 6);
	CHECK_STR(m.mtext, "second");
	CHECK_EQ(m.mtype, 1);
	CHECK_EQ(msgrcv(id, &m, 5, 0, MSG_COPY | IPC_NOWAIT), 5);
	CHECK_EQ(m.mtype, 2);
	CHECK_EQ(qnum(id), 2);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* ---- msgctl ---- */

static void msgctl_bad_cmd_einval(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	const int bad[] = { -1, 4, 5, 10, 14, 15, 99, INT32_MIN, IPC_STAT | 0x100,
			    MSG_STAT | 0x100, IPC_RMID | 0x100 };

	if (!CHECK_SYS(id))
		return;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&ds, 0, sizeof(ds));
		if (!CHECK_ERR(syscall(SYS_msgctl, id, bad[i], &ds), EINVAL))
			CHECKF(0, "(with cmd %#x)", bad[i]);
	}
	/* The queue is still there; the real commands work. */
	CHECK_EQ(syscall(SYS_msgctl, id, IPC_STAT, &ds), 0);
	CHECK_EQ(ds.msg_qnum, 0);
	CHECK_EQ(ds.msg_perm.mode, 0600);
	CHECK_GE(syscall(SYS_msgctl, id, IPC_INFO, &ds), 0);
	CHECK_GE(syscall(SYS_msgctl, id, MSG_INFO, &ds), 0);
	CHECK_EQ(syscall(SYS_msgctl, id, IPC_RMID, NULL), 0);
}

static void msgctl_bad_id_einval(void)
{
	int stale = stale_id();
	struct msqid_ds ds;
	struct msginfo info;
	const int bad[] = { -1, INT32_MIN, BAD_ID, stale };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int id = bad[i];

		if (!CHECK_ERR(msgctl(id, IPC_STAT, &ds), EINVAL) ||
		    !CHECK_ERR(msgctl(id, IPC_RMID, NULL), EINVAL))
			CHECKF(0, "(with id %d)", id);
	}
	/* IPC_SET with a good buffer. */
	int id = queue(IPC_PRIVATE, 0600);
	if (CHECK_SYS(id) && CHECK_SYS(msgctl(id, IPC_STAT, &ds))) {
		CHECK_ERR(msgctl(stale, IPC_SET, &ds), EINVAL);
		CHECK_ERR(msgctl(-1, IPC_SET, &ds), EINVAL);
		CHECK_ERR(msgctl(BAD_ID, IPC_SET, &ds), EINVAL);
		CHECK_SYS(msgctl(id, IPC_SET, &ds));
		CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	}
	/* Every command refuses a negative id, even those that need none. */
	CHECK_ERR(msgctl(-1, IPC_INFO, (struct msqid_ds *)&info), EINVAL);
	CHECK_ERR(msgctl(-1, MSG_INFO, (struct msqid_ds *)&info), EINVAL);
	CHECK_ERR(msgctl(INT32_MIN, MSG_STAT_ANY, &ds), EINVAL);
	CHECK_SYS(msgctl(0, IPC_INFO, (struct msqid_ds *)&info));
	CHECK_SYS(msgctl(BAD_ID, IPC_INFO, (struct msqid_ds *)&info));
	CHECK_SYS(msgctl(BAD_ID, MSG_INFO, (struct msqid_ds *)&info));
}

/*
 * An id is seq * 32768 + index. When a removed queue's index is handed out
 * again, the new queue's id differs in its seq part, and the old id stays
 * invalid everywhere (ipc_checkid); MSG_STAT, which takes an index, finds
 * the new queue through either (Linux reduces the id to its index).
 */
static void stale_id_on_reused_index_einval(void)
{
	struct msqid_ds ds;
	struct msg m = { .mtype = 1 };

	if (!fresh_ipc_ns())
		return;
	int stale = stale_id(), id = -1;
	for (int i = 0; i < 2 * 32768 && id < 0; i++) {
		int q = msgget(IPC_PRIVATE, 0600);

		if (!CHECK_SYS(q))
			return;
		if ((q & 0x7fff) == (stale & 0x7fff))
			id = q;
		else
			msgctl(q, IPC_RMID, NULL);
	}
	if (!CHECKF(id >= 0, "index %d of id %d never given out again", stale & 0x7fff, stale))
		return;
	CHECK_NE(id, stale);
	CHECK_SYS(msgsnd(id, &m, 1, 0));
	CHECK_ERR(msgsnd(stale, &m, 1, 0), EINVAL);
	CHECK_ERR(msgrcv(stale, &m, 10, 0, IPC_NOWAIT), EINVAL);
	CHECK_ERR(msgrcv(stale, &m, 10, 0, IPC_NOWAIT | MSG_COPY), EINVAL);
	CHECK_ERR(msgctl(stale, IPC_STAT, &ds), EINVAL);
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_ERR(msgctl(stale, IPC_SET, &ds), EINVAL);
	CHECK_ERR(msgctl(stale, IPC_RMID, NULL), EINVAL);
	CHECK_EQ(msgctl(id, MSG_STAT, &ds), id);
	CHECK_EQ(msgctl(stale, MSG_STAT_ANY, &ds), id);
	CHECK_EQ(ds.msg_qnum, 1);
	CHECK_EQ(qnum(id), 1);
}

/* MSG_STAT and MSG_STAT_ANY take an index; an unused one is EINVAL. */
static void msgctl_stat_unused_index_einval(void)
{
	struct msqid_ds ds;

	if (!fresh_ipc_ns())
		return;
	CHECK_ERR(msgctl(0, MSG_STAT, &ds), EINVAL);
	CHECK_ERR(msgctl(0, MSG_STAT_ANY, &ds), EINVAL);
	CHECK_ERR(msgctl(-1, MSG_STAT, &ds), EINVAL);
	int a = msgget(IPC_PRIVATE, 0600), b = msgget(IPC_PRIVATE, 0600);
	if (!CHECK_SYS(a) || !CHECK_SYS(b))
		return;
	CHECK_EQ(msgctl(0, MSG_STAT, &ds), a);	/* the first index of a fresh namespace */
	CHECK_EQ(msgctl(0, MSG_STAT_ANY, &ds), a);
	CHECK_EQ(msgctl(1, MSG_STAT, &ds), b);
	CHECK_ERR(msgctl(2, MSG_STAT, &ds), EINVAL);
	CHECK_ERR(msgctl(2, MSG_STAT_ANY, &ds), EINVAL);
	/* A full id is reduced to its index (Linux's ipcid_to_idx). */
	CHECK_EQ(msgctl(b, MSG_STAT, &ds), b);
	CHECK_EQ(msgctl(b, MSG_STAT_ANY, &ds), b);
	CHECK_SYS(msgctl(a, IPC_RMID, NULL));
	CHECK_ERR(msgctl(0, MSG_STAT, &ds), EINVAL);
	CHECK_ERR(msgctl(0, MSG_STAT_ANY, &ds), EINVAL);
	CHECK_EQ(msgctl(1, MSG_STAT, &ds), b);
}

static void msgctl_ipc_set_invalid_uid_gid_einval(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msqid_ds ds, now;

	if (!CHECK_SYS(id) || !CHECK_SYS(msgctl(id, IPC_STAT, &ds)))
		return;
	unsigned long qbytes = ds.msg_qbytes;
	ds.msg_perm.uid = (uid_t)-1;
	ds.msg_perm.mode = 0666;
	ds.msg_qbytes = 100;
	CHECK_ERR(msgctl(id, IPC_SET, &ds), EINVAL);
	ds.msg_perm.uid = 0;
	ds.msg_perm.gid = (gid_t)-1;
	CHECK_ERR(msgctl(id, IPC_SET, &ds), EINVAL);
	if (CHECK_SYS(msgctl(id, IPC_STAT, &now))) {
		CHECK_EQ(now.msg_perm.mode, 0600);	/* nothing changed */
		CHECK_EQ(now.msg_perm.gid, getegid());
		CHECK_EQ(now.msg_qbytes, qbytes);
	}
	ds.msg_perm.gid = 0;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	CHECK_EQ(qstat(id).msg_qbytes, 100);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void msgctl_stat_without_read_permission_eacces(void)
{
	int id = queue(IPC_PRIVATE, 0600);

	if (!CHECK_SYS(id))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct msqid_ds ds;
			int idx = index_of(id);

			CHECK_ERR(msgctl(id, IPC_STAT, &ds), EACCES);
			if (CHECKF(idx >= 0, "MSG_STAT_ANY scan does not find id %d", id)) {
				CHECK_ERR(msgctl(idx, MSG_STAT, &ds), EACCES);
				CHECK_EQ(msgctl(idx, MSG_STAT_ANY, &ds), id);
				CHECK_EQ(ds.msg_perm.mode, 0600);
			}
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	/*
	 * Group bits: for the queue's gid, as the egid or a supplementary
	 * group; anybody else gets the others' bits.
	 */
	enum { GROUP = 12345 };
	struct msqid_ds ds = qstat(id);
	ds.msg_perm.gid = GROUP;
	ds.msg_perm.mode = 0640;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	const struct {
		gid_t gid, extra;
		bool may_read;
	} who[] = {
		{ GROUP, 0, true },
		{ NOBODY, GROUP, true },
		{ NOBODY, 0, false },
	};
	for (size_t i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		pid = ut_fork();
		if (pid == 0) {
			if (become(NOBODY, who[i].gid, who[i].extra)) {
				struct msqid_ds mine;

				if (who[i].may_read)
					CHECKF(msgctl(id, IPC_STAT, &mine) == 0,
					       "who[%zu] may read: %s", i, strerror(errno));
				else
					CHECK_ERR(msgctl(id, IPC_STAT, &mine), EACCES);
			}
			ut_child_exit();
		}
		CHECK_EXITED(pid, 0);
	}
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void msgctl_set_rmid_by_non_owner_eperm(void)
{
	int id = queue(IPC_PRIVATE, 0666);	/* permissions do not matter */
	struct msqid_ds ds;

	if (!CHECK_SYS(id) || !CHECK_SYS(msgctl(id, IPC_STAT, &ds)))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct msqid_ds mine = ds;

			mine.msg_perm.uid = NOBODY;
			CHECK_ERR(msgctl(id, IPC_SET, &mine), EPERM);
			CHECK_ERR(msgctl(id, IPC_SET, &ds), EPERM);
			mine = ds;
			mine.msg_qbytes = 10;	/* lowering is no different */
			CHECK_ERR(msgctl(id, IPC_SET, &mine), EPERM);
			CHECK_ERR(msgctl(id, IPC_RMID, NULL), EPERM);
			CHECK_SYS(msgctl(id, IPC_STAT, &mine));	/* reading is allowed */
			CHECK(send_str(id, 1, "still here", IPC_NOWAIT));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	struct msqid_ds now = qstat(id);
	CHECK_EQ(now.msg_perm.uid, 0);
	CHECK_EQ(now.msg_qbytes, ds.msg_qbytes);
	CHECK_EQ(now.msg_qnum, 1);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* The creator keeps IPC_SET and IPC_RMID after giving the queue away. */
static void msgctl_creator_may_set_and_rmid(void)
{
	int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(shared != MAP_FAILED))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0))
			CHECK_SYS(*shared = queue(IPC_PRIVATE, 0600));
		ut_child_exit();
	}
	if (!CHECK_EXITED(pid, 0))
		return;
	int id = *shared;
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_perm.cuid, NOBODY);
	ds.msg_perm.uid = 0;	/* root takes it */
	ds.msg_perm.gid = 0;
	ds.msg_perm.mode = 0;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_ERR(msgctl(id, IPC_STAT, &ds), EACCES);	/* mode 0, not owner */
			ds.msg_perm.uid = 0;
			ds.msg_perm.gid = 0;
			ds.msg_perm.mode = 0644;
			CHECK_SYS(msgctl(id, IPC_SET, &ds));		/* the creator may */
			CHECK_SYS(msgctl(id, IPC_STAT, &ds));
			CHECK_EQ(ds.msg_perm.mode, 0644);
			CHECK_SYS(msgctl(id, IPC_RMID, NULL));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_ERR(msgctl(id, IPC_STAT, &ds), EINVAL);
}

/*
 * Raising msg_qbytes above msg_ctlmnb needs CAP_SYS_RESOURCE, even for the
 * owner; up to it, the owner may set any value. Linux passes the new value
 * to msgctl_down() as an int and compares it with the unsigned
 * msg_ctlmnb: only the low 32 bits count ((1 << 32) + 100 sets 100), and
 * 0xffffffff is too much.
 */
static void msgctl_raise_qbytes_above_msgmnb_eperm(void)
{
	if (!fresh_ipc_ns())
		return;
	int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int id = msgget(IPC_PRIVATE, 0666);

	if (!CHECK(shared != MAP_FAILED) || !CHECK_SYS(id))
		return;
	CHECK_EQ(qstat(id).msg_qbytes, MSGMNB_DEFAULT);
	struct msqid_ds ds = qstat(id);
	ds.msg_perm.uid = NOBODY;	/* the owner is nobody now */
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct msqid_ds mine = qstat(id);

			mine.msg_qbytes = 100;
			CHECK_SYS(msgctl(id, IPC_SET, &mine));		/* lowering */
			CHECK_EQ(qstat(id).msg_qbytes, 100);
			mine.msg_qbytes = MSGMNB_DEFAULT;
			CHECK_SYS(msgctl(id, IPC_SET, &mine));	/* up to the limit */
			mine.msg_qbytes = MSGMNB_DEFAULT + 1;
			CHECK_ERR(msgctl(id, IPC_SET, &mine), EPERM);
			mine.msg_qbytes = 1UL << 20;
			CHECK_ERR(msgctl(id, IPC_SET, &mine), EPERM);
			mine.msg_qbytes = 0xffffffffUL;
			CHECK_ERR(msgctl(id, IPC_SET, &mine), EPERM);
			mine.msg_qbytes = (unsigned long)-1;
			CHECK_ERR(msgctl(id, IPC_SET, &mine), EPERM);
			/* Nothing else changed with the refused ones. */
			mine.msg_qbytes = MSGMNB_DEFAULT + 1;
			mine.msg_perm.mode = 0600;
			CHECK_ERR(msgctl(id, IPC_SET, &mine), EPERM);
			struct msqid_ds now = qstat(id);
			CHECK_EQ(now.msg_qbytes, MSGMNB_DEFAULT);
			CHECK_EQ(now.msg_perm.mode, 0666);
			/* The low 32 bits. */
			mine.msg_perm.mode = 0666;
			mine.msg_qbytes = (1UL << 32) + 100;
			CHECK_SYS(msgctl(id, IPC_SET, &mine));
			CHECK_EQ(qstat(id).msg_qbytes, 100);
			mine.msg_qbytes = 1UL << 32;
			CHECK_SYS(msgctl(id, IPC_SET, &mine));
			CHECK_EQ(qstat(id).msg_qbytes, 0);
			mine.msg_qbytes = 100;
			CHECK_SYS(msgctl(id, IPC_SET, &mine));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	/* Root, with CAP_SYS_RESOURCE: anything. Without it (some containers): EPERM too. */
	ds = qstat(id);
	ds.msg_qbytes = 1UL << 20;
	if (has_cap_sys_resource()) {
		CHECK_SYS(msgctl(id, IPC_SET, &ds));
		CHECK_EQ(qstat(id).msg_qbytes, 1UL << 20);
	} else {
		CHECK_ERR(msgctl(id, IPC_SET, &ds), EPERM);
		CHECK_EQ(qstat(id).msg_qbytes, 100);
	}
	ds.msg_qbytes = MSGMNB_DEFAULT;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	CHECK_EQ(qstat(id).msg_qbytes, MSGMNB_DEFAULT);
}

int main(int argc, char **argv)
{
	if (!reg_init("msg_errno"))
		return 1;
	ut_init(argc, argv);
	MSG_RUN(msgget_missing_key_enoent);
	MSG_RUN(msgget_create_excl_existing_eexist);
	MSG_RUN(msgget_without_permission_eacces);
	MSG_RUN(msgget_all_ids_used_enospc);
	MSG_RUN(msgsnd_mtype_below_one_einval);
	MSG_RUN(msgsnd_size_above_msgmax_einval);
	MSG_RUN(msgsnd_bad_id_einval);
	MSG_RUN(msgsnd_without_write_permission_eacces);
	MSG_RUN(msgsnd_full_queue_nowait_eagain);
	MSG_RUN(msgsnd_message_count_limit_eagain);
	MSG_RUN(msgrcv_bad_id_einval);
	MSG_RUN(msgrcv_negative_size_einval);
	MSG_RUN(msgrcv_nothing_matching_nowait_enomsg);
	MSG_RUN(msgrcv_message_longer_than_buffer_e2big);
	MSG_RUN(msgrcv_without_read_permission_eacces);
	MSG_RUN(msgrcv_msg_copy_errors);
	MSG_RUN(msgctl_bad_cmd_einval);
	MSG_RUN(msgctl_bad_id_einval);
	MSG_RUN(stale_id_on_reused_index_einval);
	MSG_RUN(msgctl_stat_unused_index_einval);
	MSG_RUN(msgctl_ipc_set_invalid_uid_gid_einval);
	MSG_RUN(msgctl_stat_without_read_permission_eacces);
	MSG_RUN(msgctl_set_rmid_by_non_owner_eperm);
	MSG_RUN(msgctl_creator_may_set_and_rmid);
	MSG_RUN(msgctl_raise_qbytes_above_msgmnb_eperm);
	return ut_done();
}
