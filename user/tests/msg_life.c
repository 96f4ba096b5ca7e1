/*
 * msg_life.c - the life of a System V message queue, as Linux lives it:
 * made by msgget, fed by msgsnd and drained by msgrcv in the order the
 * message types ask for, described by IPC_STAT, changed by IPC_SET,
 * copied from by MSG_COPY, removed by IPC_RMID, counted by MSG_INFO and
 * IPC_INFO, found by a MSG_STAT scan, hidden by a new IPC namespace, and
 * freed to the last page. Sleeping senders and receivers are in
 * msg_wait.c, the errors in msg_errno.c and msg_efault.c.
 *
 * What Linux does here that a reader might not expect (keyhole does the
 * same; ipc/msg.c in Linux is the reference):
 *   - msgrcv with msgtyp < 0 takes the lowest type <= |msgtyp|, the oldest
 *     of that type; msgtyp LONG_MIN counts as -LONG_MAX. MSG_EXCEPT only
 *     matters with msgtyp > 0 (0 still means "any", < 0 ignores it).
 *   - A queue holds at most msg_qbytes bytes and at most msg_qbytes
 *     messages; lowering msg_qbytes below msg_cbytes keeps every queued
 *     message.
 *   - msg_stime and msg_lspid change on a successful send only; msg_rtime
 *     and msg_lrpid on a receive (MSG_COPY is not one); msg_ctime at
 *     creation and at IPC_SET (even one that changes nothing).
 *   - MSG_NOERROR truncates to msgsz and the rest of the message is gone.
 *   - MSG_COPY takes msgtyp as a position in the queue (0 is the oldest)
 *     and leaves the message, and every counter, where it was.
 *   - MSG_INFO's msgpool, msgmap and msgtql are the queues, messages and
 *     bytes in the namespace (the names are historical); IPC_INFO gives
 *     the limits (and constants in those three fields), and both return
 *     the highest index in use.
 *
 * Times are whole seconds: the cases that watch them change wait for the
 * clock to tick (about four seconds in all). Cases that need exact global
 * counts run in a fresh IPC namespace; ids made in the init namespace are
 * recorded and removed after each case.
 */
#include "msgtest.h"

#include <limits.h>
#include <stdint.h>
#include <sys/ipc.h>

/* ---- message types and order ---- */

/* Send each of types[i] with the text "a", "b", ... in turn. */
static bool send_lettered(int id, const long *types, int n)
{
	for (int i = 0; i < n; i++) {
		char text[2] = { (char)('a' + i), '\0' };

		if (!send_str(id, types[i], text, 0))
			return false;
	}
	return true;
}

static void msgtyp_zero_takes_messages_in_send_order(void)
{
	const long types[] = { 5, 1, 3, 1, 2, LONG_MAX };
	int id = queue(IPC_PRIVATE, 0600);

	if (!CHECK_SYS(id) || !send_lettered(id, types, 6))
		return;
	CHECK_RECV(id, 0, 0, 5, "a");
	CHECK_RECV(id, 0, 0, 1, "b");
	CHECK_RECV(id, 0, 0, 3, "c");
	CHECK_RECV(id, 0, 0, 1, "d");
	CHECK_RECV(id, 0, 0, 2, "e");
	CHECK_RECV(id, 0, 0, LONG_MAX, "f");
	CHECK_EQ(qnum(id), 0);
}

static void msgtyp_positive_takes_first_of_that_type(void)
{
	const long types[] = { 5, 1, 3, 1, 2, 3 };
	int id = queue(IPC_PRIVATE, 0600);

	if (!CHECK_SYS(id) || !send_lettered(id, types, 6))
		return;
	CHECK_RECV(id, 3, 0, 3, "c");
	CHECK_RECV(id, 1, 0, 1, "b");
	CHECK_RECV(id, 3, 0, 3, "f");
	CHECK_ERR(msgrcv(id, &(struct msg){ 0 }, 10, 3, IPC_NOWAIT), ENOMSG);
	CHECK_RECV(id, 1, 0, 1, "d");
	CHECK_RECV(id, 0, 0, 5, "a");	/* the rest in order */
	CHECK_RECV(id, 0, 0, 2, "e");
	CHECK_EQ(qnum(id), 0);
}

static void msgtyp_negative_takes_lowest_type_oldest_first(void)
{
	const long types[] = { 5, 3, 4, 3, 1, 2, LONG_MAX, 1 };
	int id = queue(IPC_PRIVATE, 0600);

	if (!CHECK_SYS(id) || !send_lettered(id, types, 8))
		return;
	CHECK_RECV(id, -4, 0, 1, "e");
	CHECK_RECV(id, -4, 0, 1, "h");
	CHECK_RECV(id, -4, 0, 2, "f");
	CHECK_RECV(id, -4, 0, 3, "b");		/* the older of the two 3s */
	CHECK_RECV(id, -3, 0, 3, "d");
	CHECK_ERR(msgrcv(id, &(struct msg){ 0 }, 10, -3, IPC_NOWAIT), ENOMSG);
	CHECK_RECV(id, -4, 0, 4, "c");
	CHECK_ERR(msgrcv(id, &(struct msg){ 0 }, 10, -4, IPC_NOWAIT), ENOMSG);
	CHECK_RECV(id, -LONG_MAX, 0, 5, "a");
	/* LONG_MIN has no positive counterpart: Linux takes it as -LONG_MAX. */
	CHECK_RECV(id, LONG_MIN, 0, LONG_MAX, "g");
	CHECK_EQ(qnum(id), 0);
}

static void msg_except_takes_first_of_another_type(void)
{
	const long types[] = { 2, 2, 7, 2, 9, 1 };
	int id = queue(IPC_PRIVATE, 0600);

	if (!CHECK_SYS(id) || !send_lettered(id, types, 6))
		return;
	CHECK_RECV(id, 2, MSG_EXCEPT, 7, "c");
	CHECK_RECV(id, 2, MSG_EXCEPT, 9, "e");
	CHECK_RECV(id, 2, MSG_EXCEPT, 1, "f");
	CHECK_ERR(msgrcv(id, &(struct msg){ 0 }, 10, 2, IPC_NOWAIT | MSG_EXCEPT), ENOMSG);
	/* With msgtyp 0, MSG_EXCEPT changes nothing: any message. */
	CHECK_RECV(id, 0, MSG_EXCEPT, 2, "a");
	/* With msgtyp < 0 it is ignored: the lowest type <= 2 (a 2). */
	CHECK_RECV(id, -2, MSG_EXCEPT, 2, "b");
	CHECK_RECV(id, 3, MSG_EXCEPT, 2, "d");
	CHECK_EQ(qnum(id), 0);
}

/*
 * 3,000 random sends and receives (every msgtyp mode, IPC_NOWAIT) on one
 * queue, each receive checked against a model of Linux's find_msg().
 */
enum { MODEL_MAX = 64 };
struct model {
	int n;
	long type[MODEL_MAX];
	int seq[MODEL_MAX];
};

/* The index Linux's find_msg() picks for (msgtyp, msgflg), or -1. */
static int model_find(const struct model *q, long msgtyp, int msgflg)
{
	int best = -1;

	for (int i = 0; i < q->n; i++) {
		if (msgtyp == 0)
			return i;
		if (msgtyp > 0 && !(msgflg & MSG_EXCEPT) && q->type[i] == msgtyp)
			return i;
		if (msgtyp > 0 && (msgflg & MSG_EXCEPT) && q->type[i] != msgtyp)
			return i;
		if (msgtyp < 0 && q->type[i] <= -msgtyp && (best < 0 || q->type[i] < q->type[best]))
			best = i;
	}
	return best;
}

static void random_types_match_a_model_of_linux(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	static struct model q;
	unsigned rng = 12345;
	int seq = 0, received = 0;

	if (!CHECK_SYS(id))
		return;
	for (int op = 0; op < 3000; op++) {
		rng = rng * 1103515245 + 12345;
		unsigned r = rng >> 8;
		long t = 1 + (long)(r % 6);

		if (r % 2 == 0 && q.n < MODEL_MAX) {
			char text[16];

			snprintf(text, sizeof(text), "%d", seq);
			if (!send_str(id, t, text, IPC_NOWAIT))
				return;
			q.type[q.n] = t;
			q.seq[q.n++] = seq++;
			continue;
		}
		static const int flags[] = { 0, 0, MSG_EXCEPT };
		long msgtyp = (r >> 4) % 4 == 0 ? 0 : (r >> 4) % 4 == 1 ? -t : t;
		int msgflg = msgtyp > 0 ? flags[(r >> 8) % 3] : 0;
		int want = model_find(&q, msgtyp, msgflg);
		struct msg m;
		ssize_t n = recv_str(id, &m, msgtyp, msgflg | IPC_NOWAIT);

		if (want < 0) {
			if (!CHECKF(n == -1 && errno == ENOMSG,
				    "op %d: msgrcv(%ld, %#o) gives %zd (%s), not ENOMSG", op,
				    msgtyp, msgflg, n, n < 0 ? strerror(errno) : m.mtext))
				return;
			continue;
		}
		if (!CHECKF(n >= 0 && m.mtype == q.type[want] && atoi(m.mtext) == q.seq[want],
			    "op %d: msgrcv(%ld, %#o) gives type %ld message %s, not type %ld "
			    "message %d",
			    op, msgtyp, msgflg, n >= 0 ? m.mtype : 0L,
			    n >= 0 ? m.mtext : strerror(errno), q.type[want], q.seq[want]))
			return;
		memmove(&q.type[want], &q.type[want + 1], (size_t)(q.n - want - 1) * sizeof(long));
		memmove(&q.seq[want], &q.seq[want + 1], (size_t)(q.n - want - 1) * sizeof(int));
		q.n--;
		received++;
	}
	CHECK_EQ(qnum(id), q.n);
	CHECK_GT(received, 1000);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* ---- sizes ---- */

static void msg_noerror_truncates_and_drops_the_rest(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	static struct msg m = { .mtype = 6 };

	if (!CHECK_SYS(id))
		return;
	fill(m.mtext, 5000, 1);
	if (!CHECK_SYS(msgsnd(id, &m, 5000, 0)) || !send_str(id, 6, "next", 0))
		return;
	memset(m.mtext, 0, 5000);
	CHECK_EQ(msgrcv(id, &m, 10, 6, MSG_NOERROR | IPC_NOWAIT), 10);
	CHECK_EQ(first_mismatch(m.mtext, 10, 1), 10);
	CHECK_EQ(m.mtext[10], 0);	/* no more than msgsz bytes written */
	/* The other 4990 bytes are gone with it. */
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 1);
	CHECK_EQ(ds.msg_cbytes, 4);
	CHECK_RECV(id, 6, 0, 6, "next");
	/* A message that fits is not touched by MSG_NOERROR. */
	CHECK(send_str(id, 2, "whole", 0));
	CHECK_RECV(id, 0, MSG_NOERROR, 2, "whole");
	/* And 0 bytes: the message is taken, nothing is copied. */
	CHECK(send_str(id, 2, "gone", 0));
	CHECK_EQ(msgrcv(id, &m, 0, 0, MSG_NOERROR | IPC_NOWAIT), 0);
	CHECK_EQ(m.mtype, 2);
	CHECK_EQ(qnum(id), 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void empty_message_is_a_message(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg m = { .mtype = 8 };

	if (!CHECK_SYS(id) || !CHECK_SYS(msgsnd(id, &m, 0, 0)))
		return;
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 1);
	CHECK_EQ(ds.msg_cbytes, 0);
	m.mtype = 0;
	CHECK_EQ(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), 0);
	CHECK_EQ(m.mtype, 8);
	CHECK_EQ(qnum(id), 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/*
 * Sizes around Linux's boundaries: a msg_msg holds 4048 bytes (a page less
 * its header), each msg_msgseg after it 4088; a 8192-byte message needs
 * three pieces.
 */
static const size_t big_sizes[] = { 1, 4047, 4048, 4049, 4096, 8000, 8136, 8137, MSGMAX_DEFAULT };
#define NBIG (sizeof(big_sizes) / sizeof(big_sizes[0]))

static void large_messages_survive_intact(void)
{
	static struct msg m;
	size_t total = 0;

	if (!fresh_ipc_ns())	/* for MSGMAX and MSGMNB */
		return;
	int id = msgget(IPC_PRIVATE, 0600);
	if (!CHECK_SYS(id) || !set_qbytes(id, MSGMNB_DEFAULT))
		return;
	/* Two at a time fit in 16384 bytes: send two, receive two. */
	for (size_t i = 0; i < NBIG; i += 2) {
		size_t n = i + 1 < NBIG ? 2 : 1;

		for (size_t j = i; j < i + n; j++) {
			m.mtype = (long)j + 1;
			fill(m.mtext, big_sizes[j], (unsigned)j);
			CHECKF(msgsnd(id, &m, big_sizes[j], IPC_NOWAIT) == 0, "send %zu bytes: %s",
			       big_sizes[j], strerror(errno));
			total += big_sizes[j];
		}
		CHECK_EQ(qstat(id).msg_cbytes, total);
		for (size_t j = i; j < i + n; j++) {
			memset(&m, 0, sizeof(m));
			ssize_t got = msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT);
			CHECKF(got == (ssize_t)big_sizes[j], "receive %zu bytes: got %zd (%s)",
			       big_sizes[j], got, got < 0 ? strerror(errno) : "");
			CHECK_EQ(m.mtype, (long)j + 1);
			size_t bad = first_mismatch(m.mtext, big_sizes[j], (unsigned)j);
			CHECKF(bad == big_sizes[j], "a %zu-byte message differs at byte %zu",
			       big_sizes[j], bad);
			total -= big_sizes[j];
		}
		CHECK_EQ(qstat(id).msg_cbytes, 0);
	}
}

/* ---- msg_qbytes ---- */

/* Lowering msg_qbytes below what is queued keeps every message. */
static void lowering_qbytes_keeps_queued_messages(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg m = { .mtype = 1 };

	if (!CHECK_SYS(id) || !CHECK_SYS(msgsnd(id, &m, 200, 0)) ||
	    !CHECK_SYS(msgsnd(id, &m, 100, 0)) || !set_qbytes(id, 50))
		return;
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qbytes, 50);
	CHECK_EQ(ds.msg_qnum, 2);
	CHECK_EQ(ds.msg_cbytes, 300);
	CHECK_ERR(msgsnd(id, &m, 0, IPC_NOWAIT), EAGAIN);
	CHECK_EQ(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), 200);
	CHECK_ERR(msgsnd(id, &m, 0, IPC_NOWAIT), EAGAIN);	/* 100 > 50 still */
	CHECK_EQ(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), 100);
	CHECK_SYS(msgsnd(id, &m, 50, IPC_NOWAIT));
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* ---- IPC_RMID ---- */

static void rmid_frees_key_and_messages(void)
{
	key_t key = key_for(0);
	int id = queue(key, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id) || !send_str(id, 1, "old", 0) || !send_str(id, 2, "older", 0))
		return;
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	CHECK_ERR(msgget(key, 0), ENOENT);
	CHECK_ERR(msgrcv(id, &(struct msg){ 0 }, 10, 0, IPC_NOWAIT), EINVAL);
	int again = queue(key, IPC_CREAT | IPC_EXCL | 0600);
	if (!CHECK_SYS(again))
		return;
	CHECK_NE(again, id);
	struct msqid_ds ds = qstat(again);
	CHECK_EQ(ds.msg_qnum, 0);
	CHECK_EQ(ds.msg_cbytes, 0);
	CHECK_ERR(msgrcv(again, &(struct msg){ 0 }, 10, 0, IPC_NOWAIT), ENOMSG);
	CHECK_SYS(msgctl(again, IPC_RMID, NULL));
}

/* ---- IPC_STAT, IPC_SET ---- */

static void ipc_stat_fields_of_new_queue(void)
{
	key_t key = key_for(1);
	struct msginfo info;
	time_t t0 = now_s();
	int id = queue(key, IPC_CREAT | IPC_EXCL | 0640);
	time_t t1 = now_s();

	if (!CHECK_SYS(id) || !CHECK_SYS(msgctl(0, IPC_INFO, (struct msqid_ds *)&info)))
		return;
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_perm.__key, key);
	CHECK_EQ(ds.msg_perm.mode, 0640);	/* no IPC_CREAT, IPC_EXCL bits */
	CHECK_EQ(ds.msg_perm.uid, geteuid());
	CHECK_EQ(ds.msg_perm.gid, getegid());
	CHECK_EQ(ds.msg_perm.cuid, geteuid());
	CHECK_EQ(ds.msg_perm.cgid, getegid());
	CHECK_EQ(ds.msg_qnum, 0);
	CHECK_EQ(ds.msg_cbytes, 0);
	CHECK_EQ(ds.msg_qbytes, info.msgmnb);	/* the namespace's msg_ctlmnb */
	CHECK_EQ(ds.msg_lspid, 0);
	CHECK_EQ(ds.msg_lrpid, 0);
	CHECK_EQ(ds.msg_stime, 0);
	CHECK_EQ(ds.msg_rtime, 0);
	CHECK_GE(ds.msg_ctime, t0);
	CHECK_LE(ds.msg_ctime, t1);
	CHECK_EQ(msgctl(id, IPC_STAT, &ds), 0);	/* IPC_STAT returns 0 */
	/* A queue made by another user is theirs. */
	int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(shared != MAP_FAILED))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY - 1, 0))
			CHECK_SYS(*shared = queue(IPC_PRIVATE, 0604));
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	ds = qstat(*shared);
	CHECK_EQ(ds.msg_perm.__key, IPC_PRIVATE);
	CHECK_EQ(ds.msg_perm.uid, NOBODY);
	CHECK_EQ(ds.msg_perm.cuid, NOBODY);
	CHECK_EQ(ds.msg_perm.gid, NOBODY - 1);
	CHECK_EQ(ds.msg_perm.cgid, NOBODY - 1);
	CHECK_EQ(ds.msg_perm.mode, 0604);
	CHECK_SYS(msgctl(*shared, IPC_RMID, NULL));
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* msg_qnum, msg_cbytes, the pids and the times, through sends and receives. */
static void ipc_stat_counters_follow_send_and_receive(void)
{
	int id = queue(IPC_PRIVATE, 0666);
	struct msg m = { .mtype = 1 };

	if (!CHECK_SYS(id))
		return;
	struct msqid_ds c = qstat(id);		/* created */
	time_t t = next_second();
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK(send_str(id, 1, "12345", 0));
		CHECK(send_str(id, 2, "1234567890", 0));
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	struct msqid_ds s = qstat(id);		/* sent */
	CHECK_EQ(s.msg_qnum, 2);
	CHECK_EQ(s.msg_cbytes, 15);
	CHECK_EQ(s.msg_lspid, pid);
	CHECK_EQ(s.msg_lrpid, 0);
	CHECK_GE(s.msg_stime, t);
	CHECK_LE(s.msg_stime, now_s());
	CHECK_EQ(s.msg_rtime, 0);
	CHECK_EQ(s.msg_ctime, c.msg_ctime);

	/* Failed calls change nothing. */
	next_second();
	CHECK_ERR(msgrcv(id, &m, 4, 0, IPC_NOWAIT), E2BIG);
	CHECK_ERR(msgrcv(id, &m, 100, 3, IPC_NOWAIT), ENOMSG);
	CHECK_ERR(msgsnd(id, &m, MSGMAX_DEFAULT + 1, IPC_NOWAIT), EINVAL);
	m.mtype = 0;
	CHECK_ERR(msgsnd(id, &m, 1, IPC_NOWAIT), EINVAL);
	struct msqid_ds f = qstat(id);
	CHECK_EQ(f.msg_qnum, 2);
	CHECK_EQ(f.msg_cbytes, 15);
	CHECK_EQ(f.msg_stime, s.msg_stime);
	CHECK_EQ(f.msg_rtime, 0);
	CHECK_EQ(f.msg_lrpid, 0);

	t = next_second();
	CHECK_EQ(msgrcv(id, &m, 100, 2, IPC_NOWAIT), 10);
	struct msqid_ds r = qstat(id);		/* received */
	CHECK_EQ(r.msg_qnum, 1);
	CHECK_EQ(r.msg_cbytes, 5);
	CHECK_EQ(r.msg_lrpid, getpid());
	CHECK_EQ(r.msg_lspid, pid);
	CHECK_GE(r.msg_rtime, t);
	CHECK_LE(r.msg_rtime, now_s());
	CHECK_EQ(r.msg_stime, s.msg_stime);
	CHECK_EQ(r.msg_ctime, c.msg_ctime);

	/* Another process receives the last one. */
	pid_t rpid = ut_fork();
	if (rpid == 0) {
		CHECK_RECV(id, 0, 0, 1, "12345");
		ut_child_exit();
	}
	CHECK_EXITED(rpid, 0);
	r = qstat(id);
	CHECK_EQ(r.msg_qnum, 0);
	CHECK_EQ(r.msg_cbytes, 0);
	CHECK_EQ(r.msg_lrpid, rpid);
	CHECK_EQ(r.msg_lspid, pid);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* msg_ctime: made, and IPC_SET; not sends, receives or IPC_STAT. */
static void ipc_stat_ctime_changes_with_ipc_set_only(void)
{
	int id = queue(IPC_PRIVATE, 0600);

	if (!CHECK_SYS(id))
		return;
	struct msqid_ds c = qstat(id);
	next_second();
	send_str(id, 1, "x", 0);
	CHECK_RECV(id, 0, 0, 1, "x");
	CHECK_EQ(qstat(id).msg_ctime, c.msg_ctime);
	time_t t = next_second();
	struct msqid_ds ds = qstat(id);
	CHECK_SYS(msgctl(id, IPC_SET, &ds));	/* even one that changes nothing */
	struct msqid_ds s = qstat(id);
	CHECK_GE(s.msg_ctime, t);
	CHECK_LE(s.msg_ctime, now_s());
	CHECK_EQ(s.msg_stime, ds.msg_stime);
	CHECK_EQ(s.msg_rtime, ds.msg_rtime);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void ipc_set_changes_uid_gid_mode_qbytes_only(void)
{
	int id = queue(key_for(2), IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id) || !send_str(id, 1, "queued", 0))
		return;
	struct msqid_ds before = qstat(id), ds = before;
	ds.msg_perm.uid = NOBODY;
	ds.msg_perm.gid = NOBODY - 1;
	ds.msg_perm.mode = 07000 | 0604;	/* only the low 9 bits count */
	ds.msg_qbytes = 1000;
	ds.msg_perm.cuid = 1;			/* the rest is ignored */
	ds.msg_perm.cgid = 2;
	ds.msg_perm.__key = 3;
	ds.msg_qnum = 4;
	ds.msg_cbytes = 5;
	ds.msg_lspid = 6;
	ds.msg_lrpid = 7;
	ds.msg_stime = 8;
	ds.msg_rtime = 9;
	CHECK_EQ(msgctl(id, IPC_SET, &ds), 0);
	struct msqid_ds now = qstat(id);
	CHECK_EQ(now.msg_perm.uid, NOBODY);
	CHECK_EQ(now.msg_perm.gid, NOBODY - 1);
	CHECK_EQ(now.msg_perm.mode, 0604);
	CHECK_EQ(now.msg_qbytes, 1000);
	CHECK_EQ(now.msg_perm.cuid, before.msg_perm.cuid);
	CHECK_EQ(now.msg_perm.cgid, before.msg_perm.cgid);
	CHECK_EQ(now.msg_perm.__key, key_for(2));
	CHECK_EQ(now.msg_qnum, 1);
	CHECK_EQ(now.msg_cbytes, 6);
	CHECK_EQ(now.msg_lspid, getpid());
	CHECK_EQ(now.msg_lrpid, 0);
	CHECK_EQ(now.msg_stime, before.msg_stime);
	CHECK_EQ(now.msg_rtime, 0);
	/* It works: the new owner may now read and write, and remove it. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_RECV(id, 0, 0, 1, "queued");
			CHECK(send_str(id, 2, "nobody's", 0));
			struct msqid_ds mine = qstat(id);
			mine.msg_perm.mode = 0;
			CHECK_SYS(msgctl(id, IPC_SET, &mine));	/* the owner may */
			CHECK_ERR(msgrcv(id, &(struct msg){ 0 }, 10, 0, IPC_NOWAIT), EACCES);
			CHECK_ERR(msgctl(id, IPC_STAT, &mine), EACCES);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	now = qstat(id);
	CHECK_EQ(now.msg_perm.mode, 0);
	CHECK_EQ(now.msg_qnum, 1);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* ---- MSG_COPY ---- */

static void msg_copy_reads_by_position_without_removing(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	const long types[] = { 4, 2, 9 };

	if (!CHECK_SYS(id) || !send_lettered(id, types, 3))
		return;
	struct msqid_ds before = qstat(id);
	for (int round = 0; round < 2; round++) {
		CHECK_RECV(id, 2, MSG_COPY, 9, "c");
		CHECK_RECV(id, 0, MSG_COPY, 4, "a");
		CHECK_RECV(id, 1, MSG_COPY, 2, "b");
	}
	CHECK_ERR(msgrcv(id, &(struct msg){ 0 }, 10, 3, MSG_COPY | IPC_NOWAIT), ENOMSG);
	struct msqid_ds after = qstat(id);
	CHECK_EQ(after.msg_qnum, 3);
	CHECK_EQ(after.msg_cbytes, 3);
	CHECK_EQ(after.msg_lrpid, 0);
	CHECK_EQ(after.msg_rtime, 0);
	CHECK_EQ(after.msg_ctime, before.msg_ctime);
	/* Positions follow the queue as it changes. */
	CHECK_RECV(id, 2, 0, 2, "b");
	CHECK_RECV(id, 1, MSG_COPY, 9, "c");
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* ---- MSG_INFO, IPC_INFO, MSG_STAT ---- */

static void msg_info_counts_queues_messages_bytes(void)
{
	struct msginfo mi;

	if (!fresh_ipc_ns())
		return;
	memset(&mi, 0xa5, sizeof(mi));
	CHECK_EQ(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi), 0);	/* no index in use */
	CHECK_EQ(mi.msgpool, 0);	/* queues */
	CHECK_EQ(mi.msgmap, 0);		/* messages */
	CHECK_EQ(mi.msgtql, 0);		/* bytes */
	int a = msgget(IPC_PRIVATE, 0600), b = msgget(IPC_PRIVATE, 0600);
	if (!CHECK_SYS(a) || !CHECK_SYS(b))
		return;
	send_str(a, 1, "12345", 0);
	send_str(a, 1, "", 0);
	send_str(b, 1, "1234567890", 0);
	CHECK_EQ(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi), 1);	/* the highest index */
	CHECK_EQ(mi.msgpool, 2);
	CHECK_EQ(mi.msgmap, 3);
	CHECK_EQ(mi.msgtql, 15);
	CHECK_EQ(mi.msgmax, MSGMAX_DEFAULT);	/* the limits as IPC_INFO's */
	CHECK_EQ(mi.msgmnb, MSGMNB_DEFAULT);
	CHECK_EQ(mi.msgmni, MSGMNI_DEFAULT);
	CHECK_RECV(a, 0, 0, 1, "12345");
	CHECK_EQ(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi), 1);
	CHECK_EQ(mi.msgmap, 2);
	CHECK_EQ(mi.msgtql, 10);
	/* Removing a queue drops its messages from the counts. */
	CHECK_SYS(msgctl(b, IPC_RMID, NULL));
	CHECK_EQ(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi), 0);
	CHECK_EQ(mi.msgpool, 1);
	CHECK_EQ(mi.msgmap, 1);
	CHECK_EQ(mi.msgtql, 0);
	/* IPC_INFO does not count. */
	CHECK_EQ(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi), 0);
	CHECK_EQ(mi.msgpool, 512000);
	CHECK_EQ(mi.msgmap, MSGMNB_DEFAULT);
	CHECK_EQ(mi.msgtql, MSGMNB_DEFAULT);
}

static void ipc_info_limits(void)
{
	struct msginfo mi;

	/* Here: whatever the administrator set, but sane. */
	memset(&mi, 0xa5, sizeof(mi));
	if (CHECK_SYS(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi))) {
		CHECK_GE(mi.msgmax, 1);
		CHECK_GE(mi.msgmnb, 1);
		CHECK_GE(mi.msgmni, 1);
		CHECK_EQ(mi.msgssz, 16);
	}
	/* A new namespace has Linux's defaults, and no queues: returns 0. */
	if (!fresh_ipc_ns())
		return;
	memset(&mi, 0xa5, sizeof(mi));
	CHECK_EQ(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi), 0);
	CHECK_EQ(mi.msgmax, MSGMAX_DEFAULT);
	CHECK_EQ(mi.msgmnb, MSGMNB_DEFAULT);
	CHECK_EQ(mi.msgmni, MSGMNI_DEFAULT);
	CHECK_EQ(mi.msgssz, 16);		/* MSGSSZ */
	CHECK_EQ(mi.msgseg, 0xffff);		/* MSGSEG */
	CHECK_EQ(mi.msgpool, 512000);		/* MSGPOOL: MSGMNI * MSGMNB / 1024 */
	CHECK_EQ(mi.msgmap, MSGMNB_DEFAULT);	/* MSGMAP */
	CHECK_EQ(mi.msgtql, MSGMNB_DEFAULT);	/* MSGTQL */
	int a = msgget(IPC_PRIVATE, 0600), b = msgget(IPC_PRIVATE, 0600);
	CHECK_SYS(a);
	CHECK_SYS(b);
	CHECK_EQ(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi), 1);	/* the highest index */
	CHECK_EQ(mi.msgpool, 512000);	/* not counts */
	CHECK_SYS(msgctl(b, IPC_RMID, NULL));
	CHECK_EQ(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi), 0);
}

static void msg_stat_scan_finds_the_queue(void)
{
	key_t key = key_for(3);
	int id = queue(key, IPC_CREAT | IPC_EXCL | 0604);
	struct msginfo mi;
	struct msqid_ds ds;
	int found = -1, max;

	if (!CHECK_SYS(id) || !send_str(id, 1, "abc", 0))
		return;
	max = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi);
	CHECK_GE(max, 0);
	CHECK_GE(mi.msgpool, 1);
	for (int i = 0; i <= max && found < 0; i++)
		if (msgctl(i, MSG_STAT, &ds) == id)
			found = i;
	if (!CHECKF(found >= 0, "id %d not found by MSG_STAT over indexes 0..%d", id, max))
		return;
	memset(&ds, 0, sizeof(ds));
	CHECK_EQ(msgctl(found, MSG_STAT, &ds), id);
	CHECK_EQ(ds.msg_perm.__key, key);
	CHECK_EQ(ds.msg_perm.mode, 0604);
	CHECK_EQ(ds.msg_qnum, 1);
	CHECK_EQ(ds.msg_cbytes, 3);
	CHECK_EQ(ds.msg_lspid, getpid());
	CHECK_EQ(msgctl(found, MSG_STAT_ANY, &ds), id);
	CHECK_EQ(ds.msg_perm.__key, key);
	/* MSG_STAT_ANY finds it for anybody; MSG_STAT only with read permission. */
	ds.msg_perm.mode = 0600;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_ERR(msgctl(found, MSG_STAT, &ds), EACCES);
			CHECK_EQ(msgctl(found, MSG_STAT_ANY, &ds), id);
			CHECK_EQ(ds.msg_cbytes, 3);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	CHECK_ERR(msgctl(found, MSG_STAT, &ds), EINVAL);
}

/* ---- IPC namespaces ---- */

static void unshare_hides_parent_queues(void)
{
	key_t key = key_for(4);
	int id = queue(key, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id) || !send_str(id, 1, "parent's", 0))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		struct msginfo mi;

		if (CHECK_SYS(unshare(CLONE_NEWIPC))) {
			CHECK_ERR(msgget(key, 0), ENOENT);
			CHECK_ERR(msgctl(id, IPC_STAT, &(struct msqid_ds){ 0 }), EINVAL);
			CHECK_ERR(msgrcv(id, &(struct msg){ 0 }, 10, 0, IPC_NOWAIT), EINVAL);
			CHECK_ERR(msgsnd(id, &(struct msg){ .mtype = 1 }, 1, IPC_NOWAIT), EINVAL);
			CHECK_ERR(msgctl(id, IPC_RMID, NULL), EINVAL);
			CHECK_EQ(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi), 0);
			CHECK_EQ(mi.msgpool, 0);
			CHECK_EQ(mi.msgmap, 0);
			/* The same key names another queue here. */
			int mine = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
			if (CHECK_SYS(mine)) {
				struct msg m;

				CHECK_ERR(msgrcv(mine, &m, 10, 0, IPC_NOWAIT), ENOMSG);
				CHECK(send_str(mine, 1, "child's", 0));
			}
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(msgget(key, 0), id);
	CHECK_EQ(qnum(id), 1);
	CHECK_RECV(id, 0, 0, 1, "parent's");
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void unshare_queue_shared_by_children_invisible_to_parent(void)
{
	key_t key = key_for(5);
	int ready[2], done[2];
	char c;

	if (!CHECK_SYS(pipe(ready)) || !CHECK_SYS(pipe(done)))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		close(ready[0]);
		close(done[1]);
		int id = CHECK_SYS(unshare(CLONE_NEWIPC)) ?
				 msgget(key, IPC_CREAT | IPC_EXCL | 0600) : -1;
		if (CHECK_SYS(id))
			CHECK(send_str(id, 3, "in the new namespace", 0));
		/* A child of the new namespace's task shares it. */
		pid_t g = ut_fork();
		if (g == 0) {
			int gid = msgget(key, 0);
			if (CHECK_EQ(gid, id))
				CHECK_RECV(gid, 3, 0, 3, "in the new namespace");
			ut_child_exit();
		}
		CHECK_EXITED(g, 0);
		CHECK_EQ(qnum(id), 0);
		write(ready[1], "r", 1);
		read(done[0], &c, 1);		/* keep the namespace alive */
		ut_child_exit();
	}
	close(ready[1]);
	close(done[0]);
	if (CHECK_EQ(read(ready[0], &c, 1), 1))
		CHECK_ERR(msgget(key, 0), ENOENT);
	close(done[1]);
	CHECK_EXITED(pid, 0);
	CHECK_ERR(msgget(key, 0), ENOENT);
}

/* ---- leaks ---- */

/*
 * On Linux, ut_check_no_leak() can only see a leak of more than 32 MiB a
 * round (utest.h); keyhole's count is exact. A queue left with two
 * 8000-byte messages holds four pages (16 KiB): 4,000 of them are 64 MiB,
 * so a kernel that freed none would fail on Linux too. The namespaces are
 * smaller on purpose: Linux frees a dead namespace later, from a worker,
 * and 200 namespaces of 64 KiB (12.5 MiB) in flight stay well inside the
 * noise allowed, where 256 KiB each came close to it.
 */
enum { LEAK_QUEUES = 4000, LEAK_NAMESPACES = 200, QUEUES_PER_NAMESPACE = 4 };

/* get, send 0 and twice 8000 bytes, receive one, remove with two queued */
static void queue_cycle(void)
{
	static struct msg m = { .mtype = 1 };
	int id = msgget(IPC_PRIVATE, 0600);

	if (!CHECKF(id >= 0, "msgget: %s", strerror(errno)))
		return;
	CHECKF(msgsnd(id, &m, 0, 0) == 0, "msgsnd: %s", strerror(errno));
	CHECKF(msgsnd(id, &m, 8000, 0) == 0, "msgsnd: %s", strerror(errno));
	CHECKF(msgsnd(id, &m, 8000, 0) == 0, "msgsnd: %s", strerror(errno));
	CHECKF(msgrcv(id, &m, sizeof(m.mtext), 0, 0) == 0, "msgrcv: %s", strerror(errno));
	CHECKF(msgctl(id, IPC_RMID, NULL) == 0, "IPC_RMID: %s", strerror(errno));
}

/* A child unshares, makes and fills queues, and exits without removing them. */
static void ipc_namespace_cycle(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		static struct msg m = { .mtype = 2 };

		if (unshare(CLONE_NEWIPC) < 0)
			_exit(1);
		for (int q = 0; q < QUEUES_PER_NAMESPACE; q++) {
			int id = msgget(0x1234 + q, IPC_CREAT | 0600);

			if (id < 0 || msgsnd(id, &m, 8000, 0) < 0 || msgsnd(id, &m, 8000, 0) < 0)
				_exit(1);
		}
		_exit(0);
	}
	CHECKF(ut_wait(pid) == 0, "a namespace child failed");
}

/*
 * The ids of many creations and removals are Linux's, index and sequence
 * number (ipctest.h's model): keyhole went round all 32768 indexes where
 * Linux goes round max(in_use * 3/2, 64). *_INFO's highest index too.
 */
static int ids_msg_create(void) { return msgget(IPC_PRIVATE, 0600); }
static int ids_msg_destroy(int id) { return msgctl(id, IPC_RMID, NULL); }
static int ids_msg_stat(int id)
{
	struct msqid_ds ds;

	return msgctl(id, IPC_STAT, &ds);
}
static int ids_msg_maxidx(void)
{
	struct msginfo info;

	return msgctl(0, MSG_INFO, (struct msqid_ds *)&info);
}

static void ids_cycle_within_in_use_like_linux(void)
{
	static const struct ids_ops o = {
		ids_msg_create, ids_msg_destroy, ids_msg_maxidx, ids_msg_stat,
	};

	if (fresh_ipc_ns())
		check_ids_like_linux(&o, 3000);
}

static void freeram_unchanged_after_4000_queue_cycles(void)
{
	ut_check_no_leak(queue_cycle, LEAK_QUEUES,
			 "queues made, filled, drained in part and removed");
}

static void freeram_unchanged_after_ipc_namespace_cycles(void)
{
	ut_check_no_leak(ipc_namespace_cycle, LEAK_NAMESPACES,
			 "namespaces left with 4 queues of 16000 bytes each");
}

int main(int argc, char **argv)
{
	if (!reg_init("msg_life"))
		return 1;
	ut_init(argc, argv);
	MSG_RUN(ids_cycle_within_in_use_like_linux);
	MSG_RUN(msgtyp_zero_takes_messages_in_send_order);
	MSG_RUN(msgtyp_positive_takes_first_of_that_type);
	MSG_RUN(msgtyp_negative_takes_lowest_type_oldest_first);
	MSG_RUN(msg_except_takes_first_of_another_type);
	MSG_RUN(random_types_match_a_model_of_linux);
	MSG_RUN(msg_noerror_truncates_and_drops_the_rest);
	MSG_RUN(empty_message_is_a_message);
	MSG_RUN(large_messages_survive_intact);
	MSG_RUN(lowering_qbytes_keeps_queued_messages);
	MSG_RUN(rmid_frees_key_and_messages);
	MSG_RUN(ipc_stat_fields_of_new_queue);
	MSG_RUN(ipc_stat_counters_follow_send_and_receive);
	MSG_RUN(ipc_stat_ctime_changes_with_ipc_set_only);
	MSG_RUN(ipc_set_changes_uid_gid_mode_qbytes_only);
	MSG_RUN(msg_copy_reads_by_position_without_removing);
	MSG_RUN(msg_info_counts_queues_messages_bytes);
	MSG_RUN(ipc_info_limits);
	MSG_RUN(msg_stat_scan_finds_the_queue);
	MSG_RUN(unshare_hides_parent_queues);
	MSG_RUN(unshare_queue_shared_by_children_invisible_to_parent);
	MSG_RUN(freeram_unchanged_after_4000_queue_cycles);
	MSG_RUN(freeram_unchanged_after_ipc_namespace_cycles);
	return ut_done();
}
