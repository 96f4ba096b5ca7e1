/*
 * msg_wait.c - senders asleep on a full System V message queue and
 * receivers asleep on an empty one: who sleeps, who wakes whom, in what
 * order, and what each gets, and how a sleeper ends in error: EIDRM when
 * its queue is removed, EINTR on a signal. The rest of a queue's life is
 * in msg_life.c, the other errors in msg_errno.c and msg_efault.c.
 *
 * What Linux does (ipc/msg.c), and keyhole must do too:
 *   - A sender finds a receiver already waiting for its message's type and
 *     hands the message over directly (pipelined_send): the message never
 *     counts in msg_qnum, and msg_lrpid and msg_rtime are set before
 *     msgsnd returns, before the receiver has even run.
 *   - Waiting receivers are offered a message in the order they went to
 *     sleep; the first whose msgtyp matches takes it. One whose buffer is
 *     too small (without MSG_NOERROR) is woken with E2BIG and the message
 *     goes on to the next receiver, or to the queue; with MSG_NOERROR it
 *     takes the message, cut short.
 *   - A queue holds at most msg_qbytes bytes and at most msg_qbytes
 *     messages. A full queue puts senders to sleep; a receive wakes only
 *     those whose message now fits. IPC_SET wakes senders too (msg_qbytes
 *     may have grown), and wakes every receiver to check its permission
 *     again: one that may no longer read fails with EACCES.
 *   - IPC_RMID wakes every sleeper, sender or receiver, with EIDRM: also
 *     one that IPC_SET woke a moment before and that has not run yet.
 *   - A signal whose handler runs ends the sleep with EINTR, SA_RESTART or
 *     not (ERESTARTNOHAND); one that runs no handler does not end it: an
 *     ignored one, one whose default is to ignore, or SIGSTOP then
 *     SIGCONT (Linux restarts the call; keyhole ignores stop signals).
 *     An interrupted caller leaves no trace in the queue.
 *
 * A helper that must be asleep before the case acts passes a gate just
 * before its one blocking call, and the case waits until /proc/<pid>/stat
 * shows it sleeping (msgtest.h). Signals that must find the case itself
 * asleep come from a pinger, as in signal.c: a child that sends one every
 * 20 ms, so some land while the call sleeps, with no timing guesses. Ids
 * made here are recorded and removed after each case.
 */
#include "msgtest.h"

#include <limits.h>
#include <sys/ipc.h>

/* ---- helpers ---- */

/* What a helper's one msgrcv must end with. */
struct expect {
	long msgtyp;
	int flags;
	size_t bufsz;
	int err;		/* this errno, or 0: */
	long type;		/* this type and text */
	const char *text;
};

/* A helper that passes the gate, calls msgrcv once, and checks the result. */
static pid_t receiver(int id, struct gate *g, struct expect e)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		struct msg m;
		ssize_t n;

		memset(&m, 0, sizeof(m));
		gate_pass(g);
		n = msgrcv(id, &m, e.bufsz, e.msgtyp, e.flags);
		if (e.err) {
			CHECKF(n == -1 && errno == e.err,
			       "msgrcv(msgtyp %ld) returns %zd (%s), not errno %d (%s)", e.msgtyp,
			       n, n < 0 ? strerror(errno) : "success", e.err, strerror(e.err));
		} else if (CHECKF(n >= 0, "msgrcv(msgtyp %ld): %s", e.msgtyp, strerror(errno))) {
			m.mtext[n] = '\0';
			CHECK_EQ(m.mtype, e.type);
			CHECK_STR(m.mtext, e.text);
		}
		ut_child_exit();
	}
	return pid;
}

/* A helper that passes the gate and sends len bytes of type 1; err: what it must fail with. */
static pid_t sender(int id, struct gate *g, size_t len, int err)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		static struct msg m = { .mtype = 1 };

		fill(m.mtext, len, (unsigned)len);
		gate_pass(g);
		if (err)
			CHECK_ERR(msgsnd(id, &m, len, 0), err);
		else
			CHECK_SYS(msgsnd(id, &m, len, 0));
		ut_child_exit();
	}
	return pid;
}

static volatile sig_atomic_t hits;

static void on_signal(int sig)
{
	(void)sig;
	hits++;
}

static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	CHECK_SYS(sigaction(sig, &sa, NULL));
}

/* A child that sends sig to us every interval_us until stop_pinger(). */
static pid_t start_pinger(int sig, int interval_us)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		while (getppid() == parent) {
			usleep((useconds_t)interval_us);
			kill(parent, sig);
		}
		_exit(0);
	}
	return pid;
}

static void stop_pinger(pid_t pid)
{
	kill(pid, SIGKILL);
	ut_wait(pid);
}

/* ---- sleeping senders and receivers ---- */

/* A large message handed straight to a waiting receiver in another process. */
static void large_message_to_waiting_receiver_intact(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;

	if (!CHECK_SYS(id) || !gate_open(&g))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		static struct msg m;

		gate_pass(&g);
		ssize_t got = msgrcv(id, &m, sizeof(m.mtext), 0, 0);
		CHECK_EQ(got, 8000);
		CHECK_EQ(m.mtype, 77);
		CHECK_EQ(first_mismatch(m.mtext, 8000, 77), 8000);
		/* And one back, queued this time. */
		fill(m.mtext, 8192, 78);
		m.mtype = 78;
		CHECK_SYS(msgsnd(id, &m, 8192, 0));
		ut_child_exit();
	}
	static struct msg m = { .mtype = 77 };
	fill(m.mtext, 8000, 77);
	if (gate_wait(&g, pid))
		CHECK_SYS(msgsnd(id, &m, 8000, 0));
	CHECK_EXITED(pid, 0);
	memset(&m, 0, sizeof(m));
	CHECK_EQ(msgrcv(id, &m, sizeof(m.mtext), 78, IPC_NOWAIT), 8192);
	CHECK_EQ(first_mismatch(m.mtext, 8192, 78), 8192);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void full_queue_blocks_sender_until_receive(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;
	struct msg m;

	if (!CHECK_SYS(id) || !set_qbytes(id, 100) || !gate_open(&g) ||
	    !CHECK_SYS(msgsnd(id, &(struct msg){ .mtype = 1 }, 80, 0)))
		return;
	pid_t pid = sender(id, &g, 50, 0);
	if (!gate_wait(&g, pid)) {
		kill(pid, SIGKILL);
		return;
	}
	/* It sleeps: nothing was added. */
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 1);
	CHECK_EQ(ds.msg_cbytes, 80);
	CHECK_EQ(ds.msg_lspid, getpid());
	/* A receive makes room: the sender wakes and sends. */
	CHECK_EQ(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), 80);
	CHECK_EXITED(pid, 0);
	ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 1);
	CHECK_EQ(ds.msg_cbytes, 50);
	CHECK_EQ(ds.msg_lspid, pid);
	CHECK_EQ(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), 50);
	CHECK_EQ(first_mismatch(m.mtext, 50, 50), 50);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* A receive that leaves too little room keeps the sender asleep. */
static void sender_sleeps_until_its_message_fits(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;
	struct msg m = { .mtype = 1 };

	if (!CHECK_SYS(id) || !set_qbytes(id, 100) || !gate_open(&g) ||
	    !CHECK_SYS(msgsnd(id, &m, 30, 0)) || !CHECK_SYS(msgsnd(id, &m, 30, 0)) ||
	    !CHECK_SYS(msgsnd(id, &m, 40, 0)))
		return;
	pid_t pid = sender(id, &g, 60, 0);
	if (!gate_wait(&g, pid)) {
		kill(pid, SIGKILL);
		return;
	}
	CHECK_EQ(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), 30);	/* 70 + 60 > 100 */
	usleep(100000);
	CHECK_EQ(proc_state(pid), 'S');
	CHECK_EQ(qnum(id), 2);
	CHECK_EQ(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), 30);	/* 40 + 60 fits */
	CHECK_EXITED(pid, 0);
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 2);
	CHECK_EQ(ds.msg_cbytes, 100);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* msg_qbytes bounds the count of messages too: empty ones block a sender. */
static void full_queue_by_count_blocks_sender(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;
	struct msg m = { .mtype = 1 };

	if (!CHECK_SYS(id) || !set_qbytes(id, 2) || !gate_open(&g) ||
	    !CHECK_SYS(msgsnd(id, &m, 0, 0)) || !CHECK_SYS(msgsnd(id, &m, 0, 0)))
		return;
	pid_t pid = sender(id, &g, 0, 0);
	if (!gate_wait(&g, pid)) {
		kill(pid, SIGKILL);
		return;
	}
	CHECK_EQ(qnum(id), 2);
	CHECK_EQ(msgrcv(id, &m, 0, 0, IPC_NOWAIT), 0);
	CHECK_EXITED(pid, 0);
	CHECK_EQ(qnum(id), 2);
	CHECK_EQ(qstat(id).msg_lspid, pid);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* IPC_SET that raises msg_qbytes wakes a sender whose message now fits. */
static void raising_qbytes_wakes_blocked_sender(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;

	if (!CHECK_SYS(id) || !set_qbytes(id, 100) || !gate_open(&g) ||
	    !CHECK_SYS(msgsnd(id, &(struct msg){ .mtype = 1 }, 100, 0)))
		return;
	pid_t pid = sender(id, &g, 50, 0);
	if (!gate_wait(&g, pid)) {
		kill(pid, SIGKILL);
		return;
	}
	set_qbytes(id, 120);	/* 100 + 50 > 120: still asleep */
	usleep(100000);
	CHECK_EQ(proc_state(pid), 'S');
	CHECK_EQ(qnum(id), 1);
	set_qbytes(id, 150);
	CHECK_EXITED(pid, 0);
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 2);
	CHECK_EQ(ds.msg_cbytes, 150);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* ---- which receiver gets a message ---- */

/*
 * The sender hands the message to the waiting receiver itself: when
 * msgsnd returns, the queue is empty and the receive is already counted.
 */
static void waiting_receiver_gets_message_sent_later(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;

	if (!CHECK_SYS(id) || !gate_open(&g))
		return;
	pid_t pid = receiver(id, &g, (struct expect){ 0, 0, 100, 0, 4, "for the sleeper" });
	if (!gate_wait(&g, pid)) {
		kill(pid, SIGKILL);
		return;
	}
	time_t t0 = now_s();
	if (send_str(id, 4, "for the sleeper", 0)) {
		struct msqid_ds ds = qstat(id);

		CHECK_EQ(ds.msg_qnum, 0);
		CHECK_EQ(ds.msg_cbytes, 0);
		CHECK_EQ(ds.msg_lrpid, pid);
		CHECK_EQ(ds.msg_lspid, getpid());
		CHECK_GE(ds.msg_rtime, t0);
		CHECK_GE(ds.msg_stime, t0);
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void typed_receivers_woken_only_for_matching_type(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;

	if (!CHECK_SYS(id) || !gate_open(&g))
		return;
	/* They go to sleep one after the other, in this order. */
	pid_t r5 = receiver(id, &g, (struct expect){ 5, 0, 100, 0, 5, "five" });
	if (!gate_wait(&g, r5))
		return;
	pid_t r7 = receiver(id, &g, (struct expect){ 7, 0, 100, 0, 7, "seven" });
	if (!gate_wait(&g, r7))
		return;
	pid_t rn = receiver(id, &g, (struct expect){ -3, 0, 100, 0, 2, "two" });
	if (!gate_wait(&g, rn))
		return;
	pid_t rx = receiver(id, &g, (struct expect){ 9, MSG_EXCEPT, 100, 0, 1, "one" });
	if (!gate_wait(&g, rx))
		return;
	/* A 9 interests nobody (rx wants anything but 9): it is queued. */
	send_str(id, 9, "nine", 0);
	CHECK_EQ(qnum(id), 1);
	CHECK_EQ(qstat(id).msg_lrpid, 0);
	send_str(id, 7, "seven", 0);
	CHECK_EQ(qstat(id).msg_lrpid, r7);
	CHECK_EXITED(r7, 0);
	/* A 2 is <= 3 (rn), and not 9 (rx): rn went to sleep first. */
	send_str(id, 2, "two", 0);
	CHECK_EQ(qstat(id).msg_lrpid, rn);
	CHECK_EXITED(rn, 0);
	send_str(id, 1, "one", 0);
	CHECK_EQ(qstat(id).msg_lrpid, rx);
	CHECK_EXITED(rx, 0);
	usleep(50000);
	CHECK_EQ(proc_state(r5), 'S');	/* still waiting for its 5 */
	send_str(id, 5, "five", 0);
	CHECK_EXITED(r5, 0);
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 1);	/* the 9 */
	CHECK_EQ(ds.msg_lrpid, r5);
	CHECK_RECV(id, 0, 0, 9, "nine");
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void waiting_receivers_served_in_arrival_order(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;
	pid_t r[3];
	const char *texts[3] = { "first", "second", "third" };

	if (!CHECK_SYS(id) || !gate_open(&g))
		return;
	for (int i = 0; i < 3; i++) {
		r[i] = receiver(id, &g, (struct expect){ 0, 0, 100, 0, 1, texts[i] });
		if (!gate_wait(&g, r[i]))	/* one asleep before the next starts */
			return;
	}
	for (int i = 0; i < 3; i++) {
		send_str(id, 1, texts[i], 0);
		CHECK_EQ(qstat(id).msg_lrpid, r[i]);
	}
	for (int i = 0; i < 3; i++)
		CHECK_EXITED(r[i], 0);
	CHECK_EQ(qnum(id), 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/*
 * A waiting receiver whose buffer is too small gets E2BIG the moment the
 * message arrives; the message goes on to the next receiver. With
 * MSG_NOERROR it gets the message, cut short.
 */
static void waiting_receiver_with_short_buffer_e2big(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;

	if (!CHECK_SYS(id) || !gate_open(&g))
		return;
	pid_t small = receiver(id, &g, (struct expect){ 0, 0, 4, E2BIG, 0, NULL });
	if (!gate_wait(&g, small))
		return;
	pid_t big = receiver(id, &g, (struct expect){ 0, 0, 100, 0, 3, "too long" });
	if (!gate_wait(&g, big))
		return;
	send_str(id, 3, "too long", 0);
	CHECK_EXITED(small, 0);
	CHECK_EXITED(big, 0);
	CHECK_EQ(qnum(id), 0);
	CHECK_EQ(qstat(id).msg_lrpid, big);
	/* Alone, the short receiver leaves the message queued. */
	small = receiver(id, &g, (struct expect){ 0, 0, 4, E2BIG, 0, NULL });
	if (!gate_wait(&g, small))
		return;
	send_str(id, 3, "too long", 0);
	CHECK_EXITED(small, 0);
	CHECK_EQ(qnum(id), 1);
	CHECK_RECV(id, 0, 0, 3, "too long");
	/* MSG_NOERROR takes it, truncated. */
	pid_t cut = receiver(id, &g, (struct expect){ 0, MSG_NOERROR, 4, 0, 3, "too " });
	if (!gate_wait(&g, cut))
		return;
	send_str(id, 3, "too long", 0);
	CHECK_EXITED(cut, 0);
	CHECK_EQ(qnum(id), 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* IPC_SET wakes every receiver to check its permission again. */
static void ipc_set_revoking_read_wakes_receiver_eacces(void)
{
	int id = queue(IPC_PRIVATE, 0666);
	struct gate g;

	if (!CHECK_SYS(id) || !gate_open(&g))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct msg m;

			gate_pass(&g);
			CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, 0), EACCES);
		}
		ut_child_exit();
	}
	/* A receiver that may still read goes back to sleep after IPC_SET. */
	pid_t keeps = receiver(id, &g, (struct expect){ 0, 0, 100, 0, 1, "root's" });
	if (!gate_wait(&g, pid) || !gate_wait(&g, keeps))
		return;
	struct msqid_ds ds = qstat(id);
	ds.msg_perm.mode = 0600;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	CHECK_EXITED(pid, 0);
	usleep(50000);
	CHECK_EQ(proc_state(keeps), 'S');
	send_str(id, 1, "root's", 0);
	CHECK_EXITED(keeps, 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* ---- IPC_RMID ---- */

static void rmid_wakes_every_sender_and_receiver_eidrm(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;
	pid_t pids[5];

	if (!CHECK_SYS(id) || !gate_open(&g))
		return;
	pids[0] = receiver(id, &g, (struct expect){ 5, 0, 100, EIDRM, 0, NULL });
	pids[1] = receiver(id, &g, (struct expect){ 9, MSG_EXCEPT, 100, EIDRM, 0, NULL });
	pids[2] = receiver(id, &g, (struct expect){ -3, MSG_NOERROR, 100, EIDRM, 0, NULL });
	for (int i = 0; i < 3; i++)
		if (!gate_wait(&g, pids[i]))
			return;
	/* A 9, for none of them, fills the queue; two senders wait for room. */
	if (!set_qbytes(id, 10) || !send_str(id, 9, "0123456789", 0))
		return;
	pids[3] = sender(id, &g, 1, EIDRM);
	pids[4] = sender(id, &g, 10, EIDRM);
	if (!gate_wait(&g, pids[3]) || !gate_wait(&g, pids[4]))
		return;
	CHECK_EQ(qnum(id), 1);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	for (int i = 0; i < 5; i++)
		CHECKF(CHECK_EXITED(pids[i], 0), "(helper %d)", i);
	CHECK_ERR(msgctl(id, IPC_STAT, &(struct msqid_ds){ 0 }), EINVAL);
}

/*
 * ---- a ctl command, then IPC_RMID at once ----
 *
 * The owner changes the queue while its sleepers sleep and removes it
 * straight away, before any of them has run again. Every sleeper must
 * get EIDRM, whatever the first command did to it. (keyhole's IPC_SET
 * used to take the sleeping receivers off the queue's list to make them
 * look again; IPC_RMID then found no receiver to tell and freed the queue
 * under them, and each, when it ran, searched freed memory: an oops in
 * msgrcv.) A few rounds, so that a sleeper that touches the freed queue
 * meets memory that was reused as well as memory that was not.
 */
static void msgrcv_ipc_set_then_rmid_eidrm(void)
{
	enum { ROUNDS = 8, N = 3 };

	for (int r = 0; r < ROUNDS; r++) {
		int id = queue(IPC_PRIVATE, 0644);
		struct gate g;
		pid_t pids[N];

		if (!CHECK_SYS(id) || !gate_open(&g))
			return;
		pids[0] = receiver(id, &g, (struct expect){ 0, 0, 100, EIDRM, 0, NULL });
		pids[1] = receiver(id, &g, (struct expect){ 7, MSG_EXCEPT, 100, EIDRM, 0, NULL });
		pids[2] = receiver(id, &g, (struct expect){ -3, MSG_NOERROR, 100, EIDRM, 0, NULL });
		for (int i = 0; i < N; i++)
			if (!gate_wait(&g, pids[i]))
				return;
		struct msqid_ds ds = qstat(id);
		ds.msg_perm.mode = r % 2 ? 0600 : 0640;	/* they may still read */
		CHECK_SYS(msgctl(id, IPC_SET, &ds));
		CHECK_SYS(msgctl(id, IPC_RMID, NULL));
		for (int i = 0; i < N; i++)
			CHECKF(CHECK_EXITED(pids[i], 0), "(round %d, receiver %d)", r, i);
		close(g.fd[0]);
		close(g.fd[1]);
	}
}

/* The same for senders asleep on a full queue, a typed receiver beside them. */
static void msgsnd_ipc_set_then_rmid_eidrm(void)
{
	enum { ROUNDS = 8, N = 3 };

	for (int r = 0; r < ROUNDS; r++) {
		int id = queue(IPC_PRIVATE, 0600);
		struct gate g;
		pid_t pids[N];

		if (!CHECK_SYS(id) || !gate_open(&g) || !set_qbytes(id, 10) ||
		    !send_str(id, 9, "0123456789", 0))
			return;
		pids[0] = sender(id, &g, 1, EIDRM);
		pids[1] = sender(id, &g, 5, EIDRM);
		pids[2] = receiver(id, &g, (struct expect){ 5, 0, 100, EIDRM, 0, NULL });
		for (int i = 0; i < N; i++)
			if (!gate_wait(&g, pids[i]))
				return;
		/* The same size: nobody's message fits yet. */
		CHECK(set_qbytes(id, 10));
		CHECK_SYS(msgctl(id, IPC_RMID, NULL));
		for (int i = 0; i < N; i++)
			CHECKF(CHECK_EXITED(pids[i], 0), "(round %d, helper %d)", r, i);
		close(g.fd[0]);
		close(g.fd[1]);
	}
}

/* ---- traffic ---- */

/*
 * 10,000 messages of 0 to 300 bytes from one process to another through a
 * queue of 512 bytes: both sides sleep again and again; nothing is lost,
 * reordered or changed.
 */
static void stream_of_10000_messages_in_order(void)
{
	enum { COUNT = 10000 };
	int id = queue(IPC_PRIVATE, 0600);

	if (!CHECK_SYS(id) || !set_qbytes(id, 512))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		static struct msg m;

		for (int i = 0; i < COUNT; i++) {
			size_t len = (size_t)(i * 37) % 301;

			m.mtype = 1 + i % 3;
			fill(m.mtext, len, (unsigned)i);
			if (!CHECKF(msgsnd(id, &m, len, 0) == 0, "send %d: %s", i, strerror(errno)))
				break;
		}
		ut_child_exit();
	}
	static struct msg m;
	for (int i = 0; i < COUNT; i++) {
		size_t len = (size_t)(i * 37) % 301;
		ssize_t n = msgrcv(id, &m, sizeof(m.mtext), 0, 0);

		if (!CHECKF(n == (ssize_t)len && m.mtype == 1 + i % 3 &&
				    first_mismatch(m.mtext, len, (unsigned)i) == len,
			    "message %d: %zd bytes of type %ld (%s), not %zu of type %d", i, n,
			    m.mtype, n < 0 ? strerror(errno) : "", len, 1 + i % 3))
			break;
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(qnum(id), 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* Three producers, each its own type; three consumers, each one type. */
static void typed_producers_and_consumers_keep_per_type_order(void)
{
	enum { PER = 2000, N = 3 };
	int id = queue(IPC_PRIVATE, 0600);
	pid_t pids[2 * N];

	if (!CHECK_SYS(id) || !set_qbytes(id, 256))
		return;
	for (int t = 1; t <= N; t++) {
		pids[t - 1] = ut_fork();
		if (pids[t - 1] == 0) {		/* consumer of type t */
			struct msg m;

			for (int i = 0; i < PER; i++) {
				ssize_t n = recv_str(id, &m, t, 0);

				if (!CHECKF(n > 0 && m.mtype == t && atoi(m.mtext) == i,
					    "consumer %d, message %d: got type %ld \"%s\" (%s)", t,
					    i, m.mtype, m.mtext, n < 0 ? strerror(errno) : ""))
					break;
			}
			ut_child_exit();
		}
		pids[N + t - 1] = ut_fork();
		if (pids[N + t - 1] == 0) {	/* producer of type t */
			char text[16];

			for (int i = 0; i < PER; i++) {
				snprintf(text, sizeof(text), "%d", i);
				if (!send_str(id, t, text, 0))
					break;
			}
			ut_child_exit();
		}
	}
	for (int i = 0; i < 2 * N; i++)
		CHECKF(CHECK_EXITED(pids[i], 0), "(helper %d)", i);
	CHECK_EQ(qnum(id), 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* ---- EIDRM and EINTR ---- */

/* A sender asleep on a full queue: its queue is removed. */
static void msgsnd_removed_while_waiting_eidrm(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;

	if (!CHECK_SYS(id) || !set_qbytes(id, 10) || !gate_open(&g) ||
	    !send_str(id, 1, "0123456789", 0))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		gate_pass(&g);
		CHECK_ERR(send_one(id, 1, 0), EIDRM);
		ut_child_exit();
	}
	if (gate_wait(&g, pid))
		CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	else
		kill(pid, SIGKILL);
	CHECK_EXITED(pid, 0);
}

static void msgsnd_signal_eintr(void)
{
	int id = queue(IPC_PRIVATE, 0600);

	if (!CHECK_SYS(id) || !set_qbytes(id, 10) || !CHECK_SYS(send_one(id, 10, 0)))
		return;
	handle(SIGUSR1, on_signal, 0);
	pid_t pinger = start_pinger(SIGUSR1, 20000);
	CHECK_ERR(send_one(id, 1, 0), EINTR);
	stop_pinger(pinger);
	CHECK_GE(hits, 1);
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 1);	/* nothing was sent */
	CHECK_EQ(ds.msg_cbytes, 10);
	/* The interrupted sender left no trace: a receive frees room for nobody. */
	struct msg m;
	CHECK_EQ(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), 10);
	CHECK_EQ(qnum(id), 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* SA_RESTART does not restart msgsnd: still EINTR (signal(7)). */
static void msgsnd_signal_eintr_even_with_sa_restart(void)
{
	int id = queue(IPC_PRIVATE, 0600);

	if (!CHECK_SYS(id) || !set_qbytes(id, 10) || !CHECK_SYS(send_one(id, 10, 0)))
		return;
	handle(SIGUSR1, on_signal, SA_RESTART);
	pid_t pinger = start_pinger(SIGUSR1, 20000);
	CHECK_ERR(send_one(id, 1, 0), EINTR);
	stop_pinger(pinger);
	CHECK_GE(hits, 1);
	CHECK_EQ(qnum(id), 1);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void msgrcv_removed_while_waiting_eidrm(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;

	if (!CHECK_SYS(id) || !gate_open(&g))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		struct msg m;

		gate_pass(&g);
		CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, 0), EIDRM);
		ut_child_exit();
	}
	if (gate_wait(&g, pid))
		CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	else
		kill(pid, SIGKILL);
	CHECK_EXITED(pid, 0);
	/* Once removed, the id is just bad. */
	struct msg m;
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, 0), EINVAL);
}

static void msgrcv_signal_eintr(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg m;

	if (!CHECK_SYS(id))
		return;
	handle(SIGUSR1, on_signal, 0);
	pid_t pinger = start_pinger(SIGUSR1, 20000);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 0, 0), EINTR);
	stop_pinger(pinger);
	CHECK_GE(hits, 1);
	/* The interrupted receiver is not waiting any more: a message stays queued. */
	if (send_str(id, 1, "later", 0)) {
		struct msqid_ds ds = qstat(id);

		CHECK_EQ(ds.msg_qnum, 1);
		CHECK_EQ(ds.msg_lrpid, 0);
	}
	CHECK_EQ(recv_str(id, &m, 0, IPC_NOWAIT), 5);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

static void msgrcv_signal_eintr_even_with_sa_restart(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg m;

	if (!CHECK_SYS(id))
		return;
	handle(SIGUSR1, on_signal, SA_RESTART);
	pid_t pinger = start_pinger(SIGUSR1, 20000);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.mtext), 7, 0), EINTR);
	stop_pinger(pinger);
	CHECK_GE(hits, 1);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/*
 * Signals that run no handler do not end the wait: one ignored (SIG_IGN),
 * one whose default is to ignore (SIGWINCH), and SIGSTOP then SIGCONT
 * (Linux stops the receiver and restarts its msgrcv; keyhole ignores stop
 * signals). The receiver gets the message sent after them all.
 */
static void msgrcv_signal_without_handler_no_eintr(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct gate g;
	struct msg m;

	if (!CHECK_SYS(id) || !gate_open(&g))
		return;
	handle(SIGUSR1, SIG_IGN, 0);
	handle(SIGWINCH, SIG_DFL, 0);
	pid_t pid = ut_fork();
	if (pid == 0) {
		pid_t receiver = getppid();
		char c;

		if (CHECK_EQ(read(g.fd[0], &c, 1), 1) && wait_asleep(receiver)) {
			for (int i = 0; i < 5; i++) {
				kill(receiver, SIGUSR1);
				kill(receiver, SIGWINCH);
				usleep(2000);
			}
			kill(receiver, SIGSTOP);
			usleep(50000);
			kill(receiver, SIGCONT);
			wait_asleep(receiver);
		}
		send_str(id, 9, "after the signals", 0);
		ut_child_exit();
	}
	gate_pass(&g);
	CHECK_EQ(recv_str(id, &m, 0, 0), 17);
	CHECK_STR(m.mtext, "after the signals");
	CHECK_EQ(m.mtype, 9);
	CHECK_EXITED(pid, 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

int main(int argc, char **argv)
{
	if (!reg_init("msg_wait"))
		return 1;
	ut_init(argc, argv);
	MSG_RUN(large_message_to_waiting_receiver_intact);
	MSG_RUN(full_queue_blocks_sender_until_receive);
	MSG_RUN(sender_sleeps_until_its_message_fits);
	MSG_RUN(full_queue_by_count_blocks_sender);
	MSG_RUN(raising_qbytes_wakes_blocked_sender);
	MSG_RUN(waiting_receiver_gets_message_sent_later);
	MSG_RUN(typed_receivers_woken_only_for_matching_type);
	MSG_RUN(waiting_receivers_served_in_arrival_order);
	MSG_RUN(waiting_receiver_with_short_buffer_e2big);
	MSG_RUN(ipc_set_revoking_read_wakes_receiver_eacces);
	MSG_RUN(rmid_wakes_every_sender_and_receiver_eidrm);
	MSG_RUN(msgrcv_ipc_set_then_rmid_eidrm);
	MSG_RUN(msgsnd_ipc_set_then_rmid_eidrm);
	MSG_RUN(stream_of_10000_messages_in_order);
	MSG_RUN(typed_producers_and_consumers_keep_per_type_order);
	MSG_RUN(msgsnd_removed_while_waiting_eidrm);
	MSG_RUN(msgsnd_signal_eintr);
	MSG_RUN(msgsnd_signal_eintr_even_with_sa_restart);
	MSG_RUN(msgrcv_removed_while_waiting_eidrm);
	MSG_RUN(msgrcv_signal_eintr);
	MSG_RUN(msgrcv_signal_eintr_even_with_sa_restart);
	MSG_RUN(msgrcv_signal_without_handler_no_eintr);
	return ut_done();
}
