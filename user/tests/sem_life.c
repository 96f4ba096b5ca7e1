/*
 * sem_life.c - the life of a System V semaphore set, as Linux lives it:
 * made by semget, changed by semop all at once or not at all, slept on
 * (decrements, waits for zero, several operations in one call), woken in
 * the order Linux wakes, counted by GETNCNT and GETZCNT, read and written
 * by GETVAL/GETALL/SETVAL/SETALL/GETPID, described by IPC_STAT, changed by
 * IPC_SET, taken back by SEM_UNDO when a process exits or is killed,
 * removed by IPC_RMID under its sleepers, counted by IPC_INFO and
 * SEM_INFO, found by a SEM_STAT scan, and hidden by a new IPC namespace.
 * The errors are in sem_errno.c.
 *
 * What Linux does here that a reader might not expect (keyhole must do the
 * same):
 *   - The operations of one call apply in the order given, each seeing the
 *     values the ones before it left: {+1, -2} on a value of 1 succeeds,
 *     {-2, +1} would block; {+1, wait for zero} on 0 blocks.
 *   - A sleeper reserves nothing: a later call that can go on goes on, even
 *     if it takes what an earlier sleeper waits for. After each change the
 *     sleepers are tried in the order they came, and each that can go on
 *     does, so a -1 behind a -2 gets a value of 1 first; equal requests
 *     are served first come, first served. A sleeper that completes can
 *     complete others (its increments count).
 *   - GETNCNT/GETZCNT count a sleeper of several operations only on the
 *     semaphore of the operation it is blocked on (which changes as the
 *     values change).
 *   - GETPID: every operation of a successful call sets sempid, waits for
 *     zero too; SETVAL sets it for its semaphore, SETALL for all of them;
 *     an undo at exit for each semaphore it changes. A failed call sets
 *     nothing.
 *   - sem_otime: 0 for a new set; set by every successful semop (waits for
 *     zero too), by a sleeper completed by someone else's SETVAL, and by
 *     undos applied at exit. sem_ctime: set by creation, SETVAL, SETALL
 *     and IPC_SET; not by semop.
 *   - SEM_UNDO adjustments are applied at exit, killed or not, clamped to
 *     0..32767; SETVAL clears every process's adjustment for that
 *     semaphore, SETALL for the whole set; fork does not copy them, execve
 *     keeps them, and unshare(CLONE_NEWIPC) applies them at once (as
 *     exit does: the old namespace's sets are out of reach after it).
 *   - An adjustment for a set that was removed is dropped, even if a new
 *     set gets the same key.
 *
 * Times are whole seconds: the case that watches them change waits for the
 * clock to tick (about six seconds). Cases that need exact global counts
 * (SEM_INFO, SEM_STAT indexes) run in a fresh IPC namespace. The freeram
 * checks are exact on keyhole and generous on Linux (ut_check_no_leak in
 * utest.h).
 *
 * Ids made in the init namespace are recorded in a page shared by every
 * process of the test, and main() removes them after each case, so a
 * failed case leaves nothing behind.
 */
#include "semtest.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define EXEC_MARK "--check-after-exec"

/* ---- helpers ---- */

/* GETALL into vals (n of them); a failed call is a failed check. */
static bool getall(int id, unsigned short *vals, int n)
{
	memset(vals, 0xff, (size_t)n * sizeof(vals[0]));
	return CHECKF(semctl(id, 0, GETALL, (union semun){ .array = vals }) == 0,
		      "semctl(%d, GETALL): %s", id, strerror(errno));
}

/* SETALL from a list of values. */
static bool setall(int id, const unsigned short *vals)
{
	return CHECKF(semctl(id, 0, SETALL, (union semun){ .array = (unsigned short *)vals }) == 0,
		      "semctl(%d, SETALL): %s", id, strerror(errno));
}

/* The values of sems 0..n-1 must be want[0..n-1]. */
#define CHECK_VALUES(id, ...)                                                  \
	({                                                                     \
		const unsigned short want_[] = { __VA_ARGS__ };               \
		enum { N_ = sizeof(want_) / sizeof(want_[0]) };                \
		unsigned short got_[N_];                                       \
		bool ok_ = getall(id, got_, N_);                               \
		for (int i_ = 0; ok_ && i_ < N_; i_++)                         \
			ok_ = CHECKF(got_[i_] == want_[i_], "semaphore %d of %s is %d, not %d", \
				      i_, #id, got_[i_], want_[i_]);            \
		ok_;                                                           \
	})

/* A helper that does ops (nsops of them) and must see result (0 or an errno). */
static pid_t sleeper(int id, const struct sembuf *ops, int nsops, int want_errno)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		struct sembuf copy[8];

		memcpy(copy, ops, (size_t)nsops * sizeof(ops[0]));
		if (want_errno)
			CHECK_ERR(semop(id, copy, (size_t)nsops), want_errno);
		else
			CHECK_SYS(semop(id, copy, (size_t)nsops));
		ut_child_exit();
	}
	return pid;
}

/* A sleeper of one operation. */
static pid_t sleeper1(int id, unsigned short num, short op, short flg)
{
	struct sembuf sb = { num, op, flg };

	return sleeper(id, &sb, 1, 0);
}

/* Child pid must still be running (asleep) a short while from now. */
#define CHECK_ASLEEP(pid)                                                      \
	({                                                                     \
		int st_;                                                       \
		CHECKF(!ended_within(pid, 100, &st_), "%s (pid %d) ended (%s), it should sleep", \
		       #pid, (int)(pid), ut_status_str(st_));                  \
	})

/*
 * A helper that does its SEM_UNDO work in fn(id), tells the case through
 * a pipe, and waits for the case's word (or its death) before it exits.
 */
struct holder {
	pid_t pid;
	int ready, go;	/* read end of "ready", write end of "go" */
};

static bool hold(struct holder *h, int id, void (*fn)(int))
{
	int ready[2], go[2];
	char c;

	if (!CHECK_SYS(pipe(ready)) || !CHECK_SYS(pipe(go)))
		return false;
	h->pid = ut_fork();
	if (h->pid == 0) {
		close(ready[0]);
		close(go[1]);
		fn(id);
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		ut_child_exit();
	}
	close(ready[1]);
	close(go[0]);
	h->ready = ready[0];
	h->go = go[1];
	return CHECKF(read(h->ready, &c, 1) == 1, "holder %d died before it was ready",
		      (int)h->pid);
}

/* Let the holder exit; it must exit with 0. */
static void release(struct holder *h)
{
	write(h->go, "g", 1);
	CHECK_WOKEN(h->pid);
	close(h->ready);
	close(h->go);
}

/* What holders do (on semaphore 0). */
static void take_one_with_undo(int id)
{
	CHECK_SYS(op1(id, 0, -1, SEM_UNDO));
}

static void add_five_with_undo(int id)
{
	CHECK_SYS(op1(id, 0, 5, SEM_UNDO));
}

static void take_five_with_undo(int id)
{
	CHECK_SYS(op1(id, 0, -5, SEM_UNDO));
}

/* ---- operations ---- */

static void multi_op_that_cannot_complete_changes_nothing(void)
{
	int id = semset(IPC_PRIVATE, 3, 0600);
	const unsigned short start[3] = { 2, 0, 5 };

	if (!CHECK_SYS(id) || !setall(id, start))
		return;
	struct sembuf nowait[3] = {
		{ 0, -1, IPC_NOWAIT | SEM_UNDO }, { 2, -5, IPC_NOWAIT }, { 1, -1, IPC_NOWAIT },
	};
	CHECK_ERR(semop(id, nowait, 3), EAGAIN);
	CHECK_VALUES(id, 2, 0, 5);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(semctl(id, i, GETPID), getpid());	/* SETALL's, nobody else's */
	/* Asleep, it holds nothing back from the set either. */
	struct sembuf ops[3] = { { 0, -1, SEM_UNDO }, { 2, -5, 0 }, { 1, -1, 0 } };
	pid_t pid = sleeper(id, ops, 3, 0);
	if (!wait_count(id, 1, GETNCNT, 1))
		return;
	CHECK_VALUES(id, 2, 0, 5);
	CHECK_EQ(semctl(id, 0, GETNCNT), 0);
	/* Take sem 0 away, then free sem 1: it now waits for sem 0. */
	CHECK_SYS(op1(id, 0, -2, 0));
	CHECK_SYS(op1(id, 1, 1, 0));
	if (wait_count(id, 0, GETNCNT, 1)) {
		CHECK_ASLEEP(pid);
		CHECK_EQ(semctl(id, 1, GETNCNT), 0);
		CHECK_VALUES(id, 0, 1, 5);
		CHECK_SYS(op1(id, 0, 1, 0));
	}
	CHECK_WOKEN(pid);
	/* All three applied; its SEM_UNDO on sem 0 was taken back at exit. */
	CHECK_VALUES(id, 1, 0, 0);
	CHECK_EQ(semctl(id, 1, GETPID), pid);
	CHECK_EQ(semctl(id, 2, GETPID), pid);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void operations_of_one_call_apply_in_order(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);

	if (!CHECK_SYS(id) || !setval(id, 0, 1))
		return;
	struct sembuf up_then_down[2] = { { 0, 1, 0 }, { 0, -2, 0 } };
	CHECK_SYS(semop(id, up_then_down, 2));
	CHECK_EQ(getval(id, 0), 0);
	setval(id, 0, 1);
	struct sembuf down_then_up[2] = { { 0, -2, IPC_NOWAIT }, { 0, 1, 0 } };
	CHECK_ERR(semop(id, down_then_up, 2), EAGAIN);
	CHECK_EQ(getval(id, 0), 1);
	setval(id, 0, 0);
	struct sembuf up_then_zero[2] = { { 0, 1, 0 }, { 0, 0, IPC_NOWAIT } };
	CHECK_ERR(semop(id, up_then_zero, 2), EAGAIN);
	struct sembuf zero_then_up[2] = { { 0, 0, 0 }, { 0, 1, 0 } };
	CHECK_SYS(semop(id, zero_then_up, 2));
	CHECK_EQ(getval(id, 0), 1);
	/* Down twice past zero on the way, up at the end: still "would block". */
	struct sembuf dip[3] = { { 0, -1, 0 }, { 0, -1, IPC_NOWAIT }, { 0, 5, 0 } };
	CHECK_ERR(semop(id, dip, 3), EAGAIN);
	struct sembuf fine[4] = { { 1, 3, 0 }, { 0, -1, 0 }, { 1, -3, 0 }, { 0, 2, 0 } };
	CHECK_SYS(semop(id, fine, 4));
	CHECK_VALUES(id, 2, 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * A call that fails at a late operation, after earlier ones (some on the
 * same semaphore, some with SEM_UNDO) were possible, changes nothing:
 * values, sempid, undo adjustments. The adjustments are seen through a
 * call that succeeds only if they are exactly as before, and at exit.
 */
static void failed_semop_takes_back_what_it_applied(void)
{
	int id = semset(IPC_PRIVATE, 4, 0600);
	const unsigned short start[4] = { 5, 0, 32000, 0 };

	if (!CHECK_SYS(id) || !setall(id, start))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		/* sem 3's adjustment to -32767, its value back to 0. */
		CHECK_SYS(op1(id, 3, SEMVMX_, SEM_UNDO));
		CHECK_SYS(op1(id, 3, -SEMVMX_, 0));
		struct sembuf range_last[4] = {
			{ 0, -2, SEM_UNDO }, { 0, -2, SEM_UNDO }, { 1, 1, SEM_UNDO },
			{ 2, 1000, SEM_UNDO },                  /* 33000: ERANGE */
		};
		CHECK_ERR(semop(id, range_last, 4), ERANGE);
		CHECK_VALUES(id, 5, 0, 32000, 0);
		struct sembuf block_last[3] = {
			{ 0, -3, SEM_UNDO }, { 1, 3, SEM_UNDO },
			{ 0, -3, SEM_UNDO | IPC_NOWAIT },       /* 2 - 3: would block */
		};
		CHECK_ERR(semop(id, block_last, 3), EAGAIN);
		CHECK_VALUES(id, 5, 0, 32000, 0);
		/* ERANGE in the middle decides, though a later one would block. */
		struct sembuf range_middle[4] = {
			{ 0, -1, SEM_UNDO }, { 2, 767, SEM_UNDO }, { 2, 1, SEM_UNDO },
			{ 1, -1, IPC_NOWAIT },
		};
		CHECK_ERR(semop(id, range_middle, 4), ERANGE);
		CHECK_VALUES(id, 5, 0, 32000, 0);
		/* The second +1 on sem 3 takes its adjustment to -32769. */
		struct sembuf undo_range[4] = {
			{ 0, -1, SEM_UNDO }, { 3, 1, SEM_UNDO }, { 1, 2, 0 }, { 3, 1, SEM_UNDO },
		};
		CHECK_ERR(semop(id, undo_range, 4), ERANGE);
		CHECK_VALUES(id, 5, 0, 32000, 0);
		for (int i = 0; i < 3; i++)
			CHECK_EQ(semctl(id, i, GETPID), getppid());     /* SETALL's */
		CHECK_EQ(semctl(id, 3, GETPID), getpid());
		/* Each adjustment is as it was: sem 3's can take exactly one
		 * more +1, sem 2's none of the failed calls' changes. */
		CHECK_ERR(op1(id, 3, 2, SEM_UNDO | IPC_NOWAIT), ERANGE);
		struct sembuf fine[5] = {
			{ 0, -2, SEM_UNDO }, { 0, -2, SEM_UNDO }, { 1, 3, SEM_UNDO },
			{ 2, 767, SEM_UNDO }, { 3, 1, SEM_UNDO },
		};
		CHECK_SYS(semop(id, fine, 5));
		CHECK_VALUES(id, 1, 3, SEMVMX_, 1);
		for (int i = 0; i < 4; i++)
			CHECK_EQ(semctl(id, i, GETPID), getpid());
		CHECK_SYS(op1(id, 1, 10, 0));           /* no undo: stays */
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	/* Exit took back the successful calls' only: +4, -3, -767, and
	 * -32768 on sem 3 (1 - 32768 is clamped to 0). */
	CHECK_VALUES(id, 5, 10, 32000, 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * Random calls of one to six operations with IPC_NOWAIT, some with
 * SEM_UNDO, some on one semaphore several times, some past SEMVMX or the
 * adjustment's range, against a model of Linux's semop: in order, all or
 * nothing, the first operation that fails decides (EAGAIN or ERANGE).
 * Every result, value and sempid is checked, and at exit the values the
 * undo adjustments leave.
 */
#define RSEMS 4
static void random_semops_match_a_model_of_linux(void)
{
	int id = semset(IPC_PRIVATE, RSEMS, 0600);
	const unsigned short start[RSEMS] = { 3, 0, 32760, 100 };

	if (!CHECK_SYS(id) || !setall(id, start))
		return;
	int val[RSEMS], adj[RSEMS] = { 0 }, pidof[RSEMS], fds[2];
	if (!CHECK_SYS(pipe(fds)))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		unsigned int rng = 0x5e3a;
		for (int i = 0; i < RSEMS; i++) {
			val[i] = start[i];
			pidof[i] = getppid();
		}
		for (int call = 0; call < 3000; call++) {
			struct sembuf ops[6];
			int n = 1, v[RSEMS], a[RSEMS], want = 0;

			rng = rng * 1103515245 + 12345;
			n = 1 + (int)((rng >> 16) % 6);
			memcpy(v, val, sizeof(v));
			memcpy(a, adj, sizeof(a));
			for (int k = 0; k < n; k++) {
				rng = rng * 1103515245 + 12345;
				unsigned int r = rng >> 8;
				short op = (short)((int)(r % 7) - 3);

				if (r % 23 == 0)
					op = (short)(r % 2 ? 20000 : -20000);
				else if (r % 29 == 0)
					op = (short)(r % 2 ? SEMVMX_ : -SEMVMX_);
				ops[k] = (struct sembuf){ (unsigned short)((r >> 4) % RSEMS), op,
					(short)(IPC_NOWAIT | ((r >> 7) % 3 ? SEM_UNDO : 0)) };
			}
			/* The model: in order, on copies, the first failure decides. */
			for (int k = 0; k < n && !want; k++) {
				int num = ops[k].sem_num, op = ops[k].sem_op;

				if ((op == 0 && v[num] != 0) || v[num] + op < 0)
					want = EAGAIN;
				else if (v[num] + op > SEMVMX_)
					want = ERANGE;
				else if ((ops[k].sem_flg & SEM_UNDO) &&
					 (a[num] - op < -SEMVMX_ - 1 || a[num] - op > SEMVMX_))
					want = ERANGE;
				else {
					v[num] += op;
					if (ops[k].sem_flg & SEM_UNDO)
						a[num] -= op;
				}
			}
			int ret = semop(id, ops, (size_t)n);
			int err = ret < 0 ? errno : 0;
			if (!CHECKF(err == want, "call %d (%d ops): %s, the model says %s", call,
				    n, strerror(err), strerror(want)))
				break;
			if (!want) {
				memcpy(val, v, sizeof(v));
				memcpy(adj, a, sizeof(a));
				for (int k = 0; k < n; k++)
					pidof[ops[k].sem_num] = getpid();
			}
			unsigned short got[RSEMS];
			bool same = getall(id, got, RSEMS);
			for (int i = 0; same && i < RSEMS; i++)
				same = CHECKF(got[i] == val[i] && semctl(id, i, GETPID) == pidof[i],
					      "call %d: semaphore %d is %d pid %d, the model %d pid %d",
					      call, i, got[i], semctl(id, i, GETPID), val[i],
					      pidof[i]);
			if (!same)
				break;
			/* Now and then a value moves back to the middle, without undo. */
			if (call % 50 == 49) {
				for (int i = 0; i < RSEMS; i++) {
					short d = (short)(16000 - val[i]);

					if (d && CHECK_SYS(op1(id, (unsigned short)i, d, 0))) {
						val[i] += d;
						pidof[i] = getpid();
					}
				}
			}
		}
		/* Tell the case what exit must leave. */
		for (int i = 0; i < RSEMS; i++) {
			int end = val[i] + adj[i];

			val[i] = end < 0 ? 0 : end > SEMVMX_ ? SEMVMX_ : end;
		}
		CHECK_EQ(write(fds[1], val, sizeof(val)), (long)sizeof(val));
		ut_child_exit();
	}
	close(fds[1]);
	CHECK_EXITED(pid, 0);
	unsigned short got[RSEMS];
	if (CHECK_EQ(read(fds[0], val, sizeof(val)), (long)sizeof(val)) && getall(id, got, RSEMS))
		for (int i = 0; i < RSEMS; i++)
			CHECKF(got[i] == val[i], "after exit semaphore %d is %d, the model %d", i,
			       got[i], val[i]);
	close(fds[0]);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void wait_for_zero_sleeps_until_zero(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);

	if (!CHECK_SYS(id) || !setval(id, 0, 2))
		return;
	CHECK_SYS(op1(id, 1, 0, 0));	/* sem 1 is 0: at once */
	pid_t pid = sleeper1(id, 0, 0, 0);
	if (wait_count(id, 0, GETZCNT, 1)) {
		CHECK_EQ(semctl(id, 0, GETNCNT), 0);
		CHECK_SYS(op1(id, 0, -1, 0));	/* 1: not yet */
		CHECK_ASLEEP(pid);
		CHECK_EQ(semctl(id, 0, GETZCNT), 1);
		CHECK_SYS(op1(id, 0, -1, 0));	/* 0: now */
	}
	CHECK_WOKEN(pid);
	CHECK_EQ(semctl(id, 0, GETZCNT), 0);
	CHECK_EQ(semctl(id, 0, GETPID), pid);	/* a wait for zero sets sempid */
	/* SETVAL to 0 wakes waiters for zero too. */
	setval(id, 0, 3);
	pid = sleeper1(id, 0, 0, 0);
	if (wait_count(id, 0, GETZCNT, 1))
		setval(id, 0, 0);
	CHECK_WOKEN(pid);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* A sleeper's own decrement, done when it is woken, wakes a waiter for zero. */
static void wait_for_zero_woken_by_a_sleepers_decrement(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);

	if (!CHECK_SYS(id) || !setval(id, 0, 1))
		return;
	pid_t zero = sleeper1(id, 0, 0, 0);
	if (!wait_count(id, 0, GETZCNT, 1))
		return;
	pid_t down = sleeper1(id, 0, -2, 0);
	if (wait_count(id, 0, GETNCNT, 1)) {
		CHECK_ASLEEP(zero);
		CHECK_SYS(op1(id, 0, 1, 0));	/* 2: the -2 goes, leaving 0 */
	}
	CHECK_WOKEN(down);
	CHECK_WOKEN(zero);
	CHECK_EQ(getval(id, 0), 0);
	CHECK_EQ(semctl(id, 0, GETZCNT), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void two_waiters_both_woken_by_one_plus_two(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);

	if (!CHECK_SYS(id))
		return;
	pid_t a = sleeper1(id, 0, -1, 0), b = sleeper1(id, 0, -1, 0);
	if (wait_count(id, 0, GETNCNT, 2))
		CHECK_SYS(op1(id, 0, 2, 0));
	CHECK_WOKEN(a);
	CHECK_WOKEN(b);
	CHECK_EQ(getval(id, 0), 0);
	CHECK_EQ(semctl(id, 0, GETNCNT), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* Equal requests: the one that came first is served first. */
static void equal_waiters_served_in_order_of_arrival(void)
{
	enum { N = 4 };
	int id = semset(IPC_PRIVATE, 1, 0600);
	pid_t pids[N];

	if (!CHECK_SYS(id))
		return;
	for (int i = 0; i < N; i++) {
		pids[i] = sleeper1(id, 0, -1, 0);
		if (!wait_count(id, 0, GETNCNT, i + 1))
			return;
	}
	for (int i = 0; i < N; i++) {
		int st;

		CHECK_SYS(op1(id, 0, 1, 0));
		if (!CHECKF(ended_within(pids[i], 10000, &st), "waiter %d was not woken", i))
			return;
		CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "waiter %d: %s", i,
		       ut_status_str(st));
		for (int j = i + 1; j < N; j++)
			if (!CHECKF(waitpid(pids[j], &st, WNOHANG) == 0,
				    "waiter %d went before waiter %d", j, i))
				return;
		CHECK_EQ(semctl(id, 0, GETNCNT), N - 1 - i);
	}
	CHECK_EQ(getval(id, 0), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* A -2 that came first does not hold back a -1 behind it. */
static void smaller_request_passes_a_larger_one(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);

	if (!CHECK_SYS(id))
		return;
	pid_t two = sleeper1(id, 0, -2, 0);
	if (!wait_count(id, 0, GETNCNT, 1))
		return;
	pid_t one = sleeper1(id, 0, -1, 0);
	if (!wait_count(id, 0, GETNCNT, 2))
		return;
	CHECK_SYS(op1(id, 0, 1, 0));
	CHECK_WOKEN(one);
	CHECK_ASLEEP(two);
	CHECK_EQ(semctl(id, 0, GETNCNT), 1);
	CHECK_EQ(getval(id, 0), 0);
	CHECK_SYS(op1(id, 0, 1, 0));
	CHECK_ASLEEP(two);
	CHECK_EQ(getval(id, 0), 1);
	CHECK_SYS(op1(id, 0, 1, 0));
	CHECK_WOKEN(two);
	CHECK_EQ(getval(id, 0), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* A sleeper reserves nothing: a later call takes what it is waiting for. */
static void sleeper_reserves_nothing(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);

	if (!CHECK_SYS(id) || !setval(id, 0, 1))
		return;
	struct sembuf both[2] = { { 0, -1, 0 }, { 1, -1, 0 } };
	pid_t pid = sleeper(id, both, 2, 0);
	if (!wait_count(id, 1, GETNCNT, 1))
		return;
	CHECK_EQ(semctl(id, 0, GETNCNT), 0);	/* counted where it is blocked only */
	CHECK_SYS(op1(id, 0, -1, IPC_NOWAIT));	/* taken from under it */
	CHECK_SYS(op1(id, 1, 1, 0));
	/* Now it is blocked on sem 0. */
	if (wait_count(id, 0, GETNCNT, 1)) {
		CHECK_EQ(semctl(id, 1, GETNCNT), 0);
		CHECK_ASLEEP(pid);
		CHECK_VALUES(id, 0, 1);
		CHECK_SYS(op1(id, 0, 1, 0));
	}
	CHECK_WOKEN(pid);
	CHECK_VALUES(id, 0, 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* A sleeper completed on another's behalf completes the next in turn. */
static void completed_sleeper_completes_another(void)
{
	int id = semset(IPC_PRIVATE, 3, 0600);

	if (!CHECK_SYS(id))
		return;
	/* c waits for b's increment, b for a's, a for ours: queued c, b, a. */
	struct sembuf c_ops[1] = { { 2, -1, 0 } };
	struct sembuf b_ops[2] = { { 1, -1, 0 }, { 2, 1, 0 } };
	struct sembuf a_ops[2] = { { 0, -1, 0 }, { 1, 1, 0 } };
	pid_t c = sleeper(id, c_ops, 1, 0);
	if (!wait_count(id, 2, GETNCNT, 1))
		return;
	pid_t b = sleeper(id, b_ops, 2, 0);
	if (!wait_count(id, 1, GETNCNT, 1))
		return;
	pid_t a = sleeper(id, a_ops, 2, 0);
	if (!wait_count(id, 0, GETNCNT, 1))
		return;
	CHECK_SYS(op1(id, 0, 1, 0));
	CHECK_WOKEN(a);
	CHECK_WOKEN(b);
	CHECK_WOKEN(c);
	CHECK_VALUES(id, 0, 0, 0);
	CHECK_EQ(semctl(id, 2, GETPID), c);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * Arrival order holds between a sleeper of several operations and one of
 * one operation: whichever came first is served first. (Linux keeps every
 * altering sleeper on the set's queue, in order, while a complex one
 * sleeps.)
 */
static void first_come_first_served_between_complex_and_simple(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);

	if (!CHECK_SYS(id))
		return;
	struct sembuf complex_ops[2] = { { 0, -1, 0 }, { 1, 1, 0 } };
	for (int complex_first = 1; complex_first >= 0; complex_first--) {
		pid_t first, second;

		if (complex_first) {
			first = sleeper(id, complex_ops, 2, 0);
			if (!wait_count(id, 0, GETNCNT, 1))
				return;
			second = sleeper1(id, 0, -1, 0);
		} else {
			first = sleeper1(id, 0, -1, 0);
			if (!wait_count(id, 0, GETNCNT, 1))
				return;
			second = sleeper(id, complex_ops, 2, 0);
		}
		if (!wait_count(id, 0, GETNCNT, 2))
			return;
		CHECK_SYS(op1(id, 0, 1, 0));
		if (!CHECKF(ended_within(first, 10000, &(int){ 0 }),
			    "the %s sleeper, which came first, was not served",
			    complex_first ? "complex" : "simple"))
			return;
		CHECK_ASLEEP(second);
		CHECK_EQ(getval(id, 1), complex_first ? 1 : 0);
		CHECK_SYS(op1(id, 0, 1, 0));
		CHECK_WOKEN(second);
		setval(id, 1, 0);
	}
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * A waiter for zero is served the moment its semaphore is zero, before a
 * sleeper completed by the same change raises it again: after the caller's
 * own operations, and after each sleeper that completes.
 */
static void wait_for_zero_served_before_the_value_rises_again(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);
	const unsigned short one_zero[2] = { 1, 0 }, zero_one[2] = { 0, 1 };

	if (!CHECK_SYS(id))
		return;
	/* Our call takes sem 0 to 0 and frees a sleeper that puts it back to 1. */
	struct sembuf raise[2] = { { 0, 1, 0 }, { 1, -1, 0 } };
	struct sembuf ours[2] = { { 0, -1, 0 }, { 1, 1, 0 } };
	for (int how = 0; how < 2; how++) {
		if (!setall(id, one_zero))
			return;
		pid_t zero = sleeper1(id, 0, 0, 0);
		if (!wait_count(id, 0, GETZCNT, 1))
			return;
		pid_t riser = sleeper(id, raise, 2, 0);
		if (!wait_count(id, 1, GETNCNT, 1))
			return;
		if (how == 0)
			CHECK_SYS(semop(id, ours, 2));
		else
			setall(id, zero_one);	/* the same change by SETALL */
		CHECK_WOKEN(riser);
		if (!CHECK_WOKEN(zero)) {
			CHECKF(0, "(the change was made by %s)", how ? "SETALL" : "semop");
			return;
		}
		CHECK_VALUES(id, 1, 0);
	}
	/* A chain: a completes and takes sem 0 to 0, b then raises it. */
	struct sembuf a_ops[2] = { { 1, -1, 0 }, { 0, -1, 0 } };
	struct sembuf b_ops[2] = { { 1, -1, 0 }, { 0, 1, 0 } };
	if (!setall(id, one_zero))
		return;
	pid_t zero = sleeper1(id, 0, 0, 0);
	if (!wait_count(id, 0, GETZCNT, 1))
		return;
	pid_t a = sleeper(id, a_ops, 2, 0);
	if (!wait_count(id, 1, GETNCNT, 1))
		return;
	pid_t b = sleeper(id, b_ops, 2, 0);
	if (!wait_count(id, 1, GETNCNT, 2))
		return;
	CHECK_SYS(op1(id, 1, 2, 0));
	CHECK_WOKEN(a);
	CHECK_WOKEN(b);
	CHECK_WOKEN(zero);
	CHECK_VALUES(id, 1, 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * A sleeper is tried again after each change, all its operations anew: if
 * now another of them would pass SEMVMX, or would block and has
 * IPC_NOWAIT, it is woken with ERANGE or EAGAIN, and nothing is done.
 */
static void sleeper_woken_with_erange_or_eagain(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);
	const unsigned short start_range[2] = { 0, SEMVMX_ - 1 }, start_nowait[2] = { 0, 1 };

	if (!CHECK_SYS(id) || !setall(id, start_range))
		return;
	struct sembuf overflow[2] = { { 0, -1, 0 }, { 1, 1, 0 } };
	pid_t pid = sleeper(id, overflow, 2, ERANGE);
	if (wait_count(id, 0, GETNCNT, 1)) {
		CHECK_SYS(op1(id, 1, 1, 0));	/* 32767: its +1 no longer fits */
		CHECK_SYS(op1(id, 0, 1, 0));
	}
	CHECK_WOKEN(pid);
	CHECK_VALUES(id, 1, SEMVMX_);
	CHECK_EQ(semctl(id, 0, GETNCNT), 0);

	if (!setall(id, start_nowait))
		return;
	struct sembuf nowait_later[2] = { { 0, -1, 0 }, { 1, -1, IPC_NOWAIT } };
	pid = sleeper(id, nowait_later, 2, EAGAIN);
	if (wait_count(id, 0, GETNCNT, 1)) {
		CHECK_SYS(op1(id, 1, -1, 0));	/* its second operation would now block */
		CHECK_SYS(op1(id, 0, 1, 0));
	}
	CHECK_WOKEN(pid);
	CHECK_VALUES(id, 1, 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * Every way a sleeper leaves its set keeps the next sleeper woken. keyhole
 * counts a set's sleepers and a semop skips the wake-up scan when the count
 * is 0; a way of leaving that took the count down twice would leave the
 * next sleeper asleep forever, one that forgot would make IPC_RMID panic
 * (it checks the count against the queues). After each way: a new sleeper
 * is woken by the +1 it waits for, a waiter for zero by the -1 it waits
 * for, and one more sleeper by IPC_RMID.
 */
static void each_way_a_sleeper_leaves_keeps_the_next_woken(void)
{
	static const char *const ways[] = { "killed", "timed out", "completed",
					    "completed, two operations", "zero reached",
					    "woken with ERANGE", "wait for zero timed out",
					    "wait for zero killed" };

	for (int way = 0; way < 8; way++) {
		int id = semset(IPC_PRIVATE, 2, 0600);
		struct sembuf down = { 0, -1, 0 }, zero = { 0, 0, 0 }, two[2] = { { 0, -1, 0 }, { 1, -1, 0 } };
		struct sembuf overflow[2] = { { 0, -1, 0 }, { 1, 1, 0 } };
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		pid_t pid;
		int st;

		if (!CHECK_SYS(id))
			return;
		switch (way) {
		case 0:
			pid = sleeper1(id, 0, -1, 0);
			if (wait_count(id, 0, GETNCNT, 1))
				kill(pid, SIGKILL);
			st = ut_wait(pid);
			CHECKF(WIFSIGNALED(st), "the sleeper %s", ut_status_str(st));
			break;
		case 1:
			CHECK_ERR(semtimedop(id, &down, 1, &ts), EAGAIN);
			break;
		case 2:
			pid = sleeper1(id, 0, -1, 0);
			if (wait_count(id, 0, GETNCNT, 1))
				CHECK_SYS(op1(id, 0, 1, 0));
			CHECK_WOKEN(pid);
			break;
		case 3:
			pid = sleeper(id, two, 2, 0);
			if (wait_count(id, 0, GETNCNT, 1) && setval(id, 1, 1))
				CHECK_SYS(op1(id, 0, 1, 0));
			CHECK_WOKEN(pid);
			break;
		case 4:
			setval(id, 0, 1);
			pid = sleeper1(id, 0, 0, 0);
			if (wait_count(id, 0, GETZCNT, 1))
				CHECK_SYS(op1(id, 0, -1, 0));
			CHECK_WOKEN(pid);
			break;
		case 5:
			setval(id, 1, SEMVMX_ - 1);
			pid = sleeper(id, overflow, 2, ERANGE);
			if (wait_count(id, 0, GETNCNT, 1)) {
				CHECK_SYS(op1(id, 1, 1, 0));
				CHECK_SYS(op1(id, 0, 1, 0));
			}
			CHECK_WOKEN(pid);
			break;
		case 6:
			setval(id, 0, 1);
			CHECK_ERR(semtimedop(id, &zero, 1, &ts), EAGAIN);
			break;
		default:
			setval(id, 0, 1);
			pid = sleeper1(id, 0, 0, 0);
			if (wait_count(id, 0, GETZCNT, 1))
				kill(pid, SIGKILL);
			st = ut_wait(pid);
			CHECKF(WIFSIGNALED(st), "the sleeper %s", ut_status_str(st));
			break;
		}
		if (!setval(id, 0, 0))
			CHECKF(0, "(after: %s)", ways[way]);
		pid = sleeper1(id, 0, -1, 0);
		if (wait_count(id, 0, GETNCNT, 1))
			CHECK_SYS(op1(id, 0, 1, 0));
		if (!CHECK_WOKEN(pid))
			CHECKF(0, "the sleeper after one %s was not woken", ways[way]);
		CHECK_SYS(op1(id, 0, 1, 0));	/* the sleeper took its 1: again */
		pid = sleeper1(id, 0, 0, 0);
		if (wait_count(id, 0, GETZCNT, 1))
			CHECK_SYS(op1(id, 0, -1, 0));
		if (!CHECK_WOKEN(pid))
			CHECKF(0, "the waiter for zero after one %s was not woken", ways[way]);
		pid = sleeper(id, &down, 1, EIDRM);	/* the value is 0 again */
		if (wait_count(id, 0, GETNCNT, 1))
			CHECK_SYS(semctl(id, 0, IPC_RMID));
		else
			sem_rmid(id);
		if (!CHECK_WOKEN(pid))
			CHECKF(0, "(IPC_RMID after: %s)", ways[way]);
	}
}

/* ---- GETNCNT, GETZCNT, GETPID, GETVAL, GETALL, SETALL ---- */

static void getncnt_getzcnt_count_sleepers(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);

	if (!CHECK_SYS(id) || !setval(id, 1, 1))
		return;
	CHECK_EQ(semctl(id, 0, GETNCNT), 0);
	CHECK_EQ(semctl(id, 0, GETZCNT), 0);
	pid_t d1 = sleeper1(id, 0, -1, 0), d2 = sleeper1(id, 0, -2, 0);
	pid_t d3 = sleeper1(id, 0, -3, SEM_UNDO);
	pid_t z1 = sleeper1(id, 1, 0, 0), z2 = sleeper1(id, 1, 0, 0);
	/* Blocked on its first operation: a waiter for zero on sem 1. */
	struct sembuf mixed[2] = { { 1, 0, 0 }, { 0, -1, 0 } };
	pid_t m = sleeper(id, mixed, 2, 0);
	if (!wait_count(id, 0, GETNCNT, 3) || !wait_count(id, 1, GETZCNT, 3))
		return;
	CHECK_EQ(semctl(id, 0, GETZCNT), 0);
	CHECK_EQ(semctl(id, 1, GETNCNT), 0);
	/* sem 1 to 0: the waiters for zero go, and m moves on to sem 0. */
	setval(id, 1, 0);
	CHECK_WOKEN(z1);
	CHECK_WOKEN(z2);
	if (!wait_count(id, 0, GETNCNT, 4))
		return;
	CHECK_EQ(semctl(id, 1, GETZCNT), 0);
	/* A sleeper that dies leaves the count. */
	kill(d3, SIGKILL);
	ut_wait(d3);
	if (!wait_count(id, 0, GETNCNT, 3))
		return;
	setval(id, 0, 10);
	CHECK_WOKEN(d1);
	CHECK_WOKEN(d2);
	CHECK_WOKEN(m);
	CHECK_EQ(semctl(id, 0, GETNCNT), 0);
	CHECK_EQ(getval(id, 0), 6);	/* 10 - 1 - 2 - 1 */
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void killed_sleeper_leaves_the_queue(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);

	if (!CHECK_SYS(id))
		return;
	pid_t pid = sleeper1(id, 0, -1, SEM_UNDO);
	if (!wait_count(id, 0, GETNCNT, 1))
		return;
	kill(pid, SIGKILL);
	int st = ut_wait(pid);
	CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "the sleeper %s", ut_status_str(st));
	CHECK_EQ(semctl(id, 0, GETNCNT), 0);
	/* What comes now is not given to the dead. */
	CHECK_SYS(op1(id, 0, 1, 0));
	CHECK_EQ(getval(id, 0), 1);
	CHECK_EQ(semctl(id, 0, GETPID), getpid());
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void getpid_follows_the_last_operation(void)
{
	int id = semset(IPC_PRIVATE, 3, 0600);
	pid_t pid;

	if (!CHECK_SYS(id))
		return;
	for (int i = 0; i < 3; i++)
		CHECK_EQ(semctl(id, i, GETPID), 0);	/* nobody yet */
	pid_t up = sleeper1(id, 0, 1, 0);
	CHECK_WOKEN(up);
	CHECK_EQ(semctl(id, 0, GETPID), up);
	CHECK_EQ(semctl(id, 1, GETPID), 0);
	/* A call that fails changes no sempid. */
	struct sembuf fails[2] = { { 0, 1, 0 }, { 1, -1, IPC_NOWAIT } };
	pid = sleeper(id, fails, 2, EAGAIN);
	CHECK_WOKEN(pid);
	CHECK_EQ(semctl(id, 0, GETPID), up);
	/* Every operation of a call sets it, a wait for zero too. */
	struct sembuf two[2] = { { 1, 0, 0 }, { 2, 2, 0 } };
	pid_t zero = sleeper(id, two, 2, 0);
	CHECK_WOKEN(zero);
	CHECK_EQ(semctl(id, 1, GETPID), zero);
	CHECK_EQ(semctl(id, 2, GETPID), zero);
	CHECK_EQ(semctl(id, 0, GETPID), up);
	/* SETVAL: its semaphore; SETALL: all. */
	pid = ut_fork();
	if (pid == 0) {
		setval(id, 1, 4);
		ut_child_exit();
	}
	CHECK_WOKEN(pid);
	CHECK_EQ(semctl(id, 1, GETPID), pid);
	CHECK_EQ(semctl(id, 2, GETPID), zero);
	pid = ut_fork();
	if (pid == 0) {
		const unsigned short vals[3] = { 1, 2, 3 };

		setall(id, vals);
		ut_child_exit();
	}
	CHECK_WOKEN(pid);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(semctl(id, i, GETPID), pid);
	CHECK_VALUES(id, 1, 2, 3);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void getall_setall_getval_agree(void)
{
	enum { N = 300 };
	int id = semset(IPC_PRIVATE, N, 0600);
	unsigned short vals[N], got[N];

	if (!CHECK_SYS(id))
		return;
	if (!getall(id, got, N))
		return;
	for (int i = 0; i < N; i++)
		if (!CHECK_EQ(got[i], 0))
			return;
	for (int i = 0; i < N; i++)
		vals[i] = (unsigned short)(i * 109 % (SEMVMX_ + 1));
	vals[N - 1] = SEMVMX_;
	if (!setall(id, vals) || !getall(id, got, N))
		return;
	for (int i = 0; i < N; i++) {
		if (!CHECKF(got[i] == vals[i], "GETALL[%d] is %d, not %d", i, got[i], vals[i]) ||
		    !CHECKF(getval(id, i) == vals[i], "GETVAL(%d) is %d, not %d", i,
			    getval(id, i), vals[i]))
			return;
	}
	/* One semop on a few of them, seen by GETALL. */
	struct sembuf ops[3] = { { 0, 7, 0 }, { 150, -1, 0 }, { N - 1, -SEMVMX_, 0 } };
	CHECK_SYS(semop(id, ops, 3));
	if (getall(id, got, N)) {
		CHECK_EQ(got[0], vals[0] + 7);
		CHECK_EQ(got[150], vals[150] - 1);
		CHECK_EQ(got[N - 1], 0);
		CHECK_EQ(got[1], vals[1]);
	}
	/* GETALL writes nsems values and not one more. */
	unsigned short small[4] = { 0x1111, 0x1111, 0x1111, 0x1111 };
	int id3 = semset(IPC_PRIVATE, 3, 0600);
	if (CHECK_SYS(id3) && CHECK_SYS(semctl(id3, 0, GETALL, (union semun){ .array = small }))) {
		CHECK_EQ(small[2], 0);
		CHECK_EQ(small[3], 0x1111);
	}
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* ---- IPC_STAT, IPC_SET, times ---- */

static void ipc_stat_fields_of_new_set(void)
{
	key_t key = key_for(0);
	time_t t0 = now_s();
	int id = semset(key, 3, IPC_CREAT | IPC_EXCL | 0640);
	time_t t1 = now_s();

	if (!CHECK_SYS(id))
		return;
	struct semid_ds ds = sem_stat(id);
	CHECK_EQ(ds.sem_perm.__key, key);
	CHECK_EQ(ds.sem_perm.mode, 0640);	/* no IPC_CREAT or IPC_EXCL bits */
	CHECK_EQ(ds.sem_perm.uid, geteuid());
	CHECK_EQ(ds.sem_perm.gid, getegid());
	CHECK_EQ(ds.sem_perm.cuid, geteuid());
	CHECK_EQ(ds.sem_perm.cgid, getegid());
	CHECK_EQ(ds.sem_nsems, 3);
	CHECK_EQ(ds.sem_otime, 0);
	CHECK_GE(ds.sem_ctime, t0);
	CHECK_LE(ds.sem_ctime, t1);
	CHECK_VALUES(id, 0, 0, 0);
	/* A set made by another user is theirs. */
	int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(shared != MAP_FAILED))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY - 1, 0))
			CHECK_SYS(*shared = semset(IPC_PRIVATE, 1, 0604));
		ut_child_exit();
	}
	CHECK_WOKEN(pid);
	ds = sem_stat(*shared);
	CHECK_EQ(ds.sem_perm.__key, IPC_PRIVATE);
	CHECK_EQ(ds.sem_perm.uid, NOBODY);
	CHECK_EQ(ds.sem_perm.cuid, NOBODY);
	CHECK_EQ(ds.sem_perm.gid, NOBODY - 1);
	CHECK_EQ(ds.sem_perm.cgid, NOBODY - 1);
	CHECK_EQ(ds.sem_perm.mode, 0604);
	CHECK_SYS(semctl(*shared, 0, IPC_RMID));
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* The bytes the kernel writes, where Linux x86_64 puts them (semtest.h). */
static void ipc_stat_and_ipc_info_layout_is_linux_x86_64(void)
{
	key_t key = key_for(1);
	int id = semset(key, 3, IPC_CREAT | 0640);
	unsigned char b[256];

	if (!CHECK_SYS(id))
		return;
	CHECK_EQ(sizeof(struct sembuf), 6);
	CHECK_EQ(offsetof(struct sembuf, sem_op), 2);
	CHECK_EQ(offsetof(struct sembuf, sem_flg), 4);
	CHECK_EQ(sizeof(struct semid_ds), 104);
	CHECK_EQ(sizeof(struct seminfo), 40);
	time_t t = now_s();
	memset(b, 0xa5, sizeof(b));
	if (!CHECK_EQ(syscall(SYS_semctl, id, 0, IPC_STAT, b), 0))
		return;
#define AT(type, off) (*(type *)(b + (off)))
	CHECK_EQ(AT(int32_t, 0), key);
	CHECK_EQ(AT(uint32_t, 4), geteuid());
	CHECK_EQ(AT(uint32_t, 8), getegid());
	CHECK_EQ(AT(uint32_t, 12), geteuid());
	CHECK_EQ(AT(uint32_t, 16), getegid());
	CHECK_EQ(AT(uint32_t, 20), 0640);
	CHECK_EQ(AT(uint16_t, 24), (unsigned)id / 32768);	/* the seq part of the id */
	CHECK_EQ(AT(uint16_t, 26), 0);
	CHECK_EQ(AT(uint32_t, 28), 0);
	CHECK_EQ(AT(uint64_t, 32), 0);
	CHECK_EQ(AT(uint64_t, 40), 0);
	CHECK_EQ(AT(int64_t, 48), 0);		/* sem_otime */
	CHECK_EQ(AT(uint64_t, 56), 0);
	CHECK_LE(AT(int64_t, 64), t);		/* sem_ctime */
	CHECK_GE(AT(int64_t, 64), t - 5);
	CHECK_EQ(AT(uint64_t, 72), 0);
	CHECK_EQ(AT(uint64_t, 80), 3);		/* sem_nsems */
	CHECK_EQ(AT(uint64_t, 88), 0);
	CHECK_EQ(AT(uint64_t, 96), 0);
	for (int i = 104; i < (int)sizeof(b); i++)
		if (!CHECKF(b[i] == 0xa5, "IPC_STAT wrote byte %d", i))
			break;
	/* After a semop, sem_otime is at 48. */
	CHECK_SYS(op1(id, 2, 1, 0));
	memset(b, 0xa5, sizeof(b));
	CHECK_EQ(syscall(SYS_semctl, id, 0, IPC_STAT, b), 0);
	CHECK_GE(AT(int64_t, 48), t);
	CHECK_EQ(AT(uint64_t, 56), 0);
	/* seminfo: ten ints, then nothing. */
	memset(b, 0xa5, sizeof(b));
	CHECK_GE(syscall(SYS_semctl, 0, 0, IPC_INFO, b), 0);
	CHECK_EQ(AT(int32_t, 4), SEMMNI_DEFAULT);	/* semmni */
	CHECK_EQ(AT(int32_t, 16), SEMMSL_DEFAULT);	/* semmsl */
	CHECK_EQ(AT(int32_t, 20), SEMOPM_DEFAULT);	/* semopm */
	CHECK_EQ(AT(int32_t, 28), SEMUSZ_);		/* semusz */
	CHECK_EQ(AT(int32_t, 32), SEMVMX_);		/* semvmx */
	for (int i = 40; i < (int)sizeof(b); i++)
		if (!CHECKF(b[i] == 0xa5, "IPC_INFO wrote byte %d", i))
			break;
#undef AT
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * sem_otime moves with semop, sem_ctime with semctl's changes. Each step
 * waits for the clock's next second, so that a stamp that should not move
 * would be seen to move.
 */
static void sem_otime_and_sem_ctime_follow_linux(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);

	if (!CHECK_SYS(id))
		return;
	struct semid_ds c = sem_stat(id);	/* created */
	CHECK_EQ(c.sem_otime, 0);
	time_t t = next_second();
	CHECK_ERR(op1(id, 0, -1, IPC_NOWAIT), EAGAIN);	/* a failed call: nothing */
	CHECK_EQ(sem_stat(id).sem_otime, 0);
	CHECK_SYS(op1(id, 0, 1, 0));
	struct semid_ds o = sem_stat(id);	/* a semop */
	CHECK_GE(o.sem_otime, t);
	CHECK_LE(o.sem_otime, now_s());
	CHECK_EQ(o.sem_ctime, c.sem_ctime);

	t = next_second();
	CHECK_SYS(op1(id, 1, 0, 0));		/* a wait for zero is a semop too */
	struct semid_ds z = sem_stat(id);
	CHECK_GE(z.sem_otime, t);
	CHECK_EQ(z.sem_ctime, c.sem_ctime);

	t = next_second();
	getval(id, 0);				/* reading changes nothing */
	semctl(id, 0, GETNCNT);
	setval(id, 1, 5);			/* SETVAL: ctime */
	struct semid_ds v = sem_stat(id);
	CHECK_EQ(v.sem_otime, z.sem_otime);
	CHECK_GE(v.sem_ctime, t);
	CHECK_LE(v.sem_ctime, now_s());

	t = next_second();
	const unsigned short vals[2] = { 0, 0 };
	setall(id, vals);			/* SETALL: ctime */
	struct semid_ds a = sem_stat(id);
	CHECK_EQ(a.sem_otime, z.sem_otime);
	CHECK_GE(a.sem_ctime, t);

	t = next_second();
	a.sem_perm.mode = 0640;
	CHECK_SYS(semctl(id, 0, IPC_SET, (union semun){ .buf = &a }));	/* IPC_SET: ctime */
	struct semid_ds s = sem_stat(id);
	CHECK_EQ(s.sem_otime, z.sem_otime);
	CHECK_GE(s.sem_ctime, t);

	/* A sleeper completed by our SETVAL: its semop sets otime (and SETVAL ctime). */
	pid_t pid = sleeper1(id, 0, -1, 0);
	if (wait_count(id, 0, GETNCNT, 1)) {
		t = next_second();
		setval(id, 0, 1);
	}
	CHECK_WOKEN(pid);
	struct semid_ds w = sem_stat(id);
	CHECK_GE(w.sem_otime, t);
	CHECK_GE(w.sem_ctime, t);

	/* An undo applied at exit sets otime. */
	struct holder h;
	setval(id, 0, 1);
	if (hold(&h, id, take_one_with_undo)) {
		t = next_second();
		release(&h);
		CHECK_GE(sem_stat(id).sem_otime, t);
		CHECK_EQ(getval(id, 0), 1);
	}
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void ipc_set_changes_uid_gid_mode_only(void)
{
	key_t key = key_for(2);
	int id = semset(key, 2, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id))
		return;
	struct semid_ds before = sem_stat(id), ds = before;
	ds.sem_perm.uid = 1234;
	ds.sem_perm.gid = 5678;
	ds.sem_perm.mode = 07777;		/* only the low 9 bits are taken */
	ds.sem_perm.cuid = 42;
	ds.sem_perm.cgid = 43;
	ds.sem_perm.__key = 99;
	ds.sem_nsems = 77;
	ds.sem_otime = 12345;
	ds.sem_ctime = 12345;
	time_t t = next_second();
	CHECK_SYS(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
	struct semid_ds after = sem_stat(id);
	CHECK_EQ(after.sem_perm.uid, 1234);
	CHECK_EQ(after.sem_perm.gid, 5678);
	CHECK_EQ(after.sem_perm.mode, 0777);
	CHECK_EQ(after.sem_perm.cuid, before.sem_perm.cuid);
	CHECK_EQ(after.sem_perm.cgid, before.sem_perm.cgid);
	CHECK_EQ(after.sem_perm.__key, key);
	CHECK_EQ(after.sem_nsems, 2);
	CHECK_EQ(after.sem_otime, 0);
	CHECK_GE(after.sem_ctime, t);
	CHECK_EQ(semget(key, 0, 0), id);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semtimedop_times_out_leaving_nothing(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);
	struct timespec ts = { 0, 250 * 1000 * 1000 };

	if (!CHECK_SYS(id) || !setval(id, 1, 3))
		return;
	struct sembuf ops[2] = { { 1, -1, SEM_UNDO }, { 0, -1, SEM_UNDO } };
	double t0 = mono_now();
	CHECK_ERR(semtimedop(id, ops, 2, &ts), EAGAIN);
	double took = mono_now() - t0;
	CHECKF(took >= 0.25, "the timeout of 0.25 s ran out after %.3f s", took);
	CHECK_VALUES(id, 0, 3);
	CHECK_EQ(semctl(id, 0, GETNCNT), 0);
	CHECK_EQ(sem_stat(id).sem_otime, 0);
	/* The same, in a child that then exits: no undo was recorded. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_ERR(semtimedop(id, ops, 2, &ts), EAGAIN);
		ut_child_exit();
	}
	CHECK_WOKEN(pid);
	CHECK_VALUES(id, 0, 3);
	/* A timed sleeper served before its timeout returns 0, at once. */
	pid = ut_fork();
	if (pid == 0) {
		struct timespec ts_long = { 20, 0 };
		double t1 = mono_now();

		CHECK_SYS(semtimedop(id, ops, 2, &ts_long));
		CHECK_LT(mono_now() - t1, 15);
		ut_child_exit();
	}
	if (wait_count(id, 0, GETNCNT, 1))
		CHECK_SYS(op1(id, 0, 1, 0));
	CHECK_WOKEN(pid);
	CHECK_VALUES(id, 1, 3);		/* and its undo gave both back */
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* ---- SEM_UNDO ---- */

static void take_with_undo(int id)
{
	struct sembuf ops[3] = { { 0, -1, SEM_UNDO }, { 1, 2, SEM_UNDO }, { 2, -1, 0 } };

	CHECK_SYS(semop(id, ops, 3));
	CHECK_SYS(op1(id, 0, -1, SEM_UNDO));
	CHECK_SYS(op1(id, 0, 1, SEM_UNDO));	/* adjustments add up: +1 on sem 0 */
}

static void sem_undo_applied_when_holder_exits(void)
{
	int id = semset(IPC_PRIVATE, 3, 0600), other = semset(IPC_PRIVATE, 1, 0600);
	const unsigned short start[3] = { 3, 0, 1 };
	struct holder h;

	if (!CHECK_SYS(id) || !CHECK_SYS(other) || !setall(id, start) || !setval(other, 0, 4))
		return;
	if (!hold(&h, id, take_with_undo))
		return;
	CHECK_VALUES(id, 2, 2, 0);
	CHECK_EQ(semctl(id, 0, GETPID), h.pid);
	release(&h);
	/* sem 0 and 1 back, sem 2 (no SEM_UNDO) not; the untouched set untouched. */
	CHECK_VALUES(id, 3, 0, 0);
	CHECK_EQ(semctl(id, 0, GETPID), h.pid);	/* the exit's undo sets sempid */
	CHECK_EQ(getval(other, 0), 4);
	/* Two sets at once. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(op1(id, 0, -3, SEM_UNDO));
		CHECK_SYS(op1(other, 0, -4, SEM_UNDO));
		CHECK_SYS(op1(other, 0, 2, SEM_UNDO));
		ut_child_exit();
	}
	CHECK_WOKEN(pid);
	CHECK_VALUES(id, 3, 0, 0);
	CHECK_EQ(getval(other, 0), 4);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
	CHECK_SYS(semctl(other, 0, IPC_RMID));
}

/* A holder killed with SIGKILL gives back too, and that wakes a sleeper. */
static void sem_undo_applied_when_holder_is_killed(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);
	struct holder h;

	if (!CHECK_SYS(id) || !setval(id, 0, 1) || !hold(&h, id, take_one_with_undo))
		return;
	CHECK_EQ(getval(id, 0), 0);
	pid_t waiter = sleeper1(id, 0, -1, 0);
	if (wait_count(id, 0, GETNCNT, 1)) {
		CHECK_ASLEEP(waiter);
		kill(h.pid, SIGKILL);
		int st = ut_wait(h.pid);
		CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "the holder %s",
		       ut_status_str(st));
	}
	CHECK_WOKEN(waiter);
	CHECK_EQ(getval(id, 0), 0);	/* the holder's 1 went to the waiter */
	CHECK_EQ(semctl(id, 0, GETPID), waiter);
	close(h.ready);
	close(h.go);
	/* And without a waiter, the value is simply back. */
	setval(id, 0, 1);
	if (hold(&h, id, take_one_with_undo)) {
		CHECK_SYS(op1(id, 0, 1, 0));
		CHECK_EQ(getval(id, 0), 1);
		kill(h.pid, SIGKILL);
		ut_wait(h.pid);
		CHECK_EQ(getval(id, 0), 2);
		close(h.ready);
		close(h.go);
	}
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* An undo that would take a value below 0 or above 32767 stops there. */
static void sem_undo_clamped_to_0_and_semvmx(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);
	struct holder h;

	if (!CHECK_SYS(id) || !hold(&h, id, add_five_with_undo))
		return;
	CHECK_SYS(op1(id, 0, -4, 0));		/* 1 left; the undo takes 5 */
	release(&h);
	CHECK_EQ(getval(id, 0), 0);
	setval(id, 0, 5);
	if (!hold(&h, id, take_five_with_undo))
		return;
	CHECK_SYS(op1(id, 0, SEMVMX_, 0));	/* 32767; the undo adds 5 */
	release(&h);
	CHECK_EQ(getval(id, 0), SEMVMX_);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void take_two_with_undo(int id)
{
	struct sembuf ops[2] = { { 0, -1, SEM_UNDO }, { 1, -1, SEM_UNDO } };

	CHECK_SYS(semop(id, ops, 2));
}

/* SETVAL clears every adjustment for its semaphore, SETALL for the set. */
static void setval_and_setall_clear_undo(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);
	const unsigned short three[2] = { 3, 3 }, five[2] = { 5, 5 };
	struct holder h;

	if (!CHECK_SYS(id) || !setall(id, three) || !hold(&h, id, take_two_with_undo))
		return;
	CHECK_VALUES(id, 2, 2);
	setval(id, 0, 2);
	release(&h);
	CHECK_VALUES(id, 2, 3);		/* sem 0's undo is gone, sem 1's is applied */
	if (!setall(id, three) || !hold(&h, id, take_two_with_undo))
		return;
	setall(id, five);
	release(&h);
	CHECK_VALUES(id, 5, 5);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void sem_undo_not_inherited_by_fork(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);
	int ready[2], go[2];
	char c;

	if (!CHECK_SYS(id) || !setval(id, 0, 2) || !CHECK_SYS(pipe(ready)) ||
	    !CHECK_SYS(pipe(go)))
		return;
	pid_t parent = ut_fork();
	if (parent == 0) {
		CHECK_SYS(op1(id, 0, -1, SEM_UNDO));
		pid_t child = ut_fork();
		if (child == 0)
			ut_child_exit();	/* has no undo of its own */
		CHECK_WOKEN(child);
		CHECK_EQ(getval(id, 0), 1);
		/* A child's own SEM_UNDO is its own. */
		child = ut_fork();
		if (child == 0) {
			CHECK_SYS(op1(id, 0, -1, SEM_UNDO));
			ut_child_exit();
		}
		CHECK_WOKEN(child);
		CHECK_EQ(getval(id, 0), 1);
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		ut_child_exit();
	}
	if (CHECK_EQ(read(ready[0], &c, 1), 1))
		CHECK_EQ(getval(id, 0), 1);
	write(go[1], "g", 1);
	CHECK_WOKEN(parent);
	CHECK_EQ(getval(id, 0), 2);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* After execve the process is the same: its adjustments stay with it. */
static void sem_undo_survives_execve(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);

	if (!CHECK_SYS(id) || !setval(id, 0, 5))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		char arg[32];

		CHECK_SYS(op1(id, 0, -2, SEM_UNDO));
		snprintf(arg, sizeof(arg), "%d", id);
		execl(ut_self_path(), ut_argv[0], EXEC_MARK, arg, (char *)NULL);
		CHECKF(0, "execl %s: %s", ut_self_path(), strerror(errno));
		ut_child_exit();
	}
	CHECK_WOKEN(pid);
	CHECK_EQ(getval(id, 0), 5);
	CHECK_EQ(semctl(id, 0, GETPID), pid);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* The program run by sem_undo_survives_execve's child. */
static int check_after_exec(const char *arg)
{
	int id = atoi(arg);

	return getval(id, 0) == 3 ? 0 : 1;
}

/* unshare(CLONE_NEWIPC) applies the adjustments at once, as an exit would. */
static void unshare_newipc_applies_undo_at_once(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);
	int ready[2], go[2];
	char c;

	if (!CHECK_SYS(id) || !setval(id, 0, 3) || !CHECK_SYS(pipe(ready)) ||
	    !CHECK_SYS(pipe(go)))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(op1(id, 0, -1, SEM_UNDO));
		write(ready[1], "1", 1);
		read(go[0], &c, 1);
		CHECK_SYS(unshare(CLONE_NEWIPC));
		write(ready[1], "2", 1);
		read(go[0], &c, 1);
		ut_child_exit();
	}
	if (CHECK_EQ(read(ready[0], &c, 1), 1))
		CHECK_EQ(getval(id, 0), 2);
	write(go[1], "g", 1);
	if (CHECK_EQ(read(ready[0], &c, 1), 1))
		CHECK_EQ(getval(id, 0), 3);	/* given back by the unshare */
	write(go[1], "g", 1);
	CHECK_WOKEN(pid);
	CHECK_EQ(getval(id, 0), 3);		/* and not once more by the exit */
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* fork(), but the child shares the caller's SEM_UNDO list: clone with
 * CLONE_SYSVSEM and no new stack (so it returns twice, as fork does). */
static pid_t fork_sharing_undo(void)
{
	pid_t pid = (pid_t)syscall(SYS_clone, CLONE_SYSVSEM | SIGCHLD, 0L, 0L, 0L, 0L);

	if (pid == 0)
		ut_become_helper();
	return pid;
}

/*
 * CLONE_SYSVSEM: parent and child share one list of adjustments. They
 * add up, and nothing is given back until the last of the two has gone,
 * whichever it is. unshare(CLONE_SYSVSEM) leaves the list as an exit
 * does: applied at once by the last holder, only dropped by another.
 */
static void clone_sysvsem_shares_undo(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);

	if (!CHECK_SYS(id))
		return;
	for (int child_last = 0; child_last < 2; child_last++) {
		int ready[2], go[2];
		char c;

		if (!setval(id, 0, 0) || !CHECK_SYS(pipe(ready)) || !CHECK_SYS(pipe(go)))
			return;
		pid_t holder = ut_fork();
		if (holder == 0) {
			CHECK_SYS(op1(id, 0, 1, SEM_UNDO));
			pid_t sharer = fork_sharing_undo();
			if (sharer == 0) {
				CHECK_SYS(op1(id, 0, 2, SEM_UNDO));
				if (child_last) {
					write(ready[1], "c", 1);
					read(go[0], &c, 1);     /* until the holder has gone */
				}
				ut_child_exit();
			}
			if (!CHECK_SYS(sharer))
				ut_child_exit();
			if (!child_last) {
				CHECK_WOKEN(sharer);
				CHECK_EQ(getval(id, 0), 3);     /* the holder has the list */
			} else {
				CHECK_EQ(read(ready[0], &c, 1), 1);
			}
			ut_child_exit();
		}
		CHECK_WOKEN(holder);
		if (child_last) {
			CHECK_EQ(getval(id, 0), 3);     /* the sharer still has it */
			write(go[1], "g", 1);
			/* The sharer is the holder's child, reparented: wait
			 * for the value instead of for the process. */
			for (int i = 0; i < 1000 && getval(id, 0) != 0; i++)
				usleep(10000);
		}
		CHECK_EQ(getval(id, 0), 0);             /* both given back, once */
		close(ready[0]), close(ready[1]), close(go[0]), close(go[1]);
	}

	/* unshare(CLONE_SYSVSEM) by a sharer drops its hold only... */
	if (!setval(id, 0, 0))
		return;
	pid_t holder = ut_fork();
	if (holder == 0) {
		CHECK_SYS(op1(id, 0, 1, SEM_UNDO));
		pid_t sharer = fork_sharing_undo();
		if (sharer == 0) {
			CHECK_SYS(unshare(CLONE_SYSVSEM));
			CHECK_EQ(getval(id, 0), 1);
			CHECK_SYS(op1(id, 0, 4, SEM_UNDO));     /* a list of its own */
			ut_child_exit();
		}
		CHECK_WOKEN(sharer);
		CHECK_EQ(getval(id, 0), 1);
		/* ...and by the last holder applies the list at once. */
		CHECK_SYS(unshare(CLONE_SYSVSEM));
		CHECK_EQ(getval(id, 0), 0);
		CHECK_SYS(op1(id, 0, 2, SEM_UNDO));
		ut_child_exit();
	}
	CHECK_WOKEN(holder);
	CHECK_EQ(getval(id, 0), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* A new IPC namespace cannot share the adjustments of the old one. */
static void clone_newipc_with_sysvsem_is_einval(void)
{
	errno = 0;
	pid_t pid = (pid_t)syscall(SYS_clone, CLONE_NEWIPC | CLONE_SYSVSEM | SIGCHLD, 0L, 0L, 0L, 0L);
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		ut_wait(pid);
	CHECKF(pid == -1 && errno == EINVAL, "clone(CLONE_NEWIPC | CLONE_SYSVSEM) gave %d (%s)",
	       (int)pid, strerror(errno));
}

/* A set removed: its adjustments go with it, and never touch a new set. */
static void sem_undo_for_a_removed_set_is_dropped(void)
{
	key_t key = key_for(3);
	int id = semset(key, 2, IPC_CREAT | IPC_EXCL | 0600);
	int ready[2], go[2];
	char c;

	if (!CHECK_SYS(id) || !setval(id, 0, 1) || !CHECK_SYS(pipe(ready)) ||
	    !CHECK_SYS(pipe(go)))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(op1(id, 0, -1, SEM_UNDO));
		CHECK_SYS(op1(id, 1, 4, SEM_UNDO));
		write(ready[1], "1", 1);
		read(go[0], &c, 1);
		/* The new set under the old key: an undo of its own there. */
		int now = semget(key, 0, 0);
		if (CHECK_SYS(now)) {
			CHECK_NE(now, id);
			CHECK_SYS(op1(now, 1, -1, SEM_UNDO));
		}
		ut_child_exit();
	}
	int fresh = -1;
	if (CHECK_EQ(read(ready[0], &c, 1), 1)) {
		CHECK_SYS(semctl(id, 0, IPC_RMID));
		fresh = semset(key, 2, IPC_CREAT | IPC_EXCL | 0600);
		if (CHECK_SYS(fresh)) {
			const unsigned short vals[2] = { 7, 7 };

			setall(fresh, vals);
		}
	}
	write(go[1], "g", 1);
	CHECK_WOKEN(pid);
	if (fresh >= 0) {
		CHECK_VALUES(fresh, 7, 7);	/* only its own undo, of its own -1 */
		CHECK_SYS(semctl(fresh, 0, IPC_RMID));
	}
}

/*
 * A process with undo records for many sets, worked on in a shifting
 * order (the record found moves to the front of its list): exit applies
 * every one, and only the SEM_UNDO part of what it did.
 */
#define UNDO_SETS 150
static void undo_of_many_sets_applied_at_exit(void)
{
	int *ids = mmap(NULL, PAGE * 4, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1,
			0);
	unsigned short (*want)[3];

	if (!CHECK(ids != MAP_FAILED) || !fresh_ipc_ns())
		return;
	want = (unsigned short (*)[3])(ids + UNDO_SETS);
	for (int i = 0; i < UNDO_SETS; i++) {
		const unsigned short start[3] = { 1000, 1000, 1000 };

		ids[i] = semget(IPC_PRIVATE, 3, 0600);
		if (!CHECK_SYS(ids[i]) || !setall(ids[i], start))
			return;
		memcpy(want[i], start, sizeof(start));
	}
	pid_t pid = ut_fork();
	if (pid == 0) {
		unsigned int rng = 0xacdc;
		int recent[4] = { 0, 1, 2, 3 }, val[UNDO_SETS][3];

		for (int i = 0; i < UNDO_SETS; i++)
			val[i][0] = val[i][1] = val[i][2] = 1000;
		for (int op = 0; op < 3000; op++) {
			rng = rng * 1103515245 + 12345;
			unsigned int r = rng >> 8;
			/* Half on a set used lately, half on any. */
			int set = r % 2 ? recent[(r >> 1) % 4] : (int)((r >> 3) % UNDO_SETS);
			unsigned short num = (unsigned short)((r >> 11) % 3);
			short d = (short)((int)((r >> 13) % 5) + 1);   /* 0 would wait */

			if ((r >> 16) % 2)
				d = (short)-d;
			bool undo = (r >> 17) % 4 != 0;

			recent[op % 4] = set;
			if (!CHECK_SYS(op1(ids[set], num, d, undo ? SEM_UNDO : 0)))
				break;
			val[set][num] += d;
			if (!undo)
				want[set][num] = (unsigned short)(want[set][num] + d);
		}
		for (int i = 0; i < UNDO_SETS; i++) {
			unsigned short got[3];

			if (getall(ids[i], got, 3))
				CHECKF(got[0] == val[i][0] && got[1] == val[i][1] &&
				       got[2] == val[i][2], "set %d is %d %d %d, not %d %d %d", i,
				       got[0], got[1], got[2], val[i][0], val[i][1], val[i][2]);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	int bad = 0;
	for (int i = 0; i < UNDO_SETS; i++) {
		unsigned short got[3];

		if (getall(ids[i], got, 3) && memcmp(got, want[i], sizeof(got)) != 0 && !bad++)
			CHECKF(false, "after exit set %d is %d %d %d, not %d %d %d", i, got[0],
			       got[1], got[2], want[i][0], want[i][1], want[i][2]);
	}
	CHECK_EQ(bad, 0);
	munmap(ids, PAGE * 4);
}

/*
 * Several processes with undo records on the same many sets: each exit
 * takes back exactly that process's adjustments, none of another's
 * (keyhole finds a record on the process's list or on the set's,
 * whichever gets there first).
 */
#define SHARED_SETS 40
#define SHARED_PROCS 6
static void undo_records_of_many_processes_on_many_sets_stay_apart(void)
{
	int (*net)[SHARED_SETS][2] = mmap(NULL, sizeof(int) * SHARED_PROCS * SHARED_SETS * 2,
					  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int ids[SHARED_SETS], ready[2], go[SHARED_PROCS][2];
	pid_t pids[SHARED_PROCS];
	char c;

	if (!CHECK(net != MAP_FAILED) || !CHECK_SYS(pipe(ready)))
		return;
	memset(net, 0, sizeof(int) * SHARED_PROCS * SHARED_SETS * 2);
	for (int i = 0; i < SHARED_SETS; i++) {
		const unsigned short start[2] = { 5000, 5000 };

		ids[i] = semset(IPC_PRIVATE, 2, 0600);
		if (!CHECK_SYS(ids[i]) || !setall(ids[i], start))
			return;
	}
	for (int k = 0; k < SHARED_PROCS; k++) {
		if (!CHECK_SYS(pipe(go[k])))
			return;
		pids[k] = ut_fork();
		if (pids[k] == 0) {
			unsigned int rng = 77u + (unsigned)k;

			for (int j = 0; j <= k; j++)
				close(go[j][1]);        /* only the case may hold them open */
			for (int op = 0; op < 400; op++) {
				rng = rng * 1103515245 + 12345;
				unsigned int r = rng >> 8;
				int set = (int)(r % SHARED_SETS), num = (int)((r >> 6) % 2);
				short d = (short)((r >> 7) % 5 + 1);

				if ((r >> 10) % 2)
					d = (short)-d;
				if (!CHECK_SYS(op1(ids[set], (unsigned short)num, d, SEM_UNDO)))
					break;
				net[k][set][num] += d;
			}
			write(ready[1], "r", 1);
			read(go[k][0], &c, 1);
			ut_child_exit();
		}
		close(go[k][0]);
	}
	for (int k = 0; k < SHARED_PROCS; k++)
		CHECK_EQ(read(ready[0], &c, 1), 1);
	/* Let them go one at a time, checking every value after each exit. */
	for (int k = 0; k < SHARED_PROCS; k++) {
		close(go[k][1]);
		CHECK_WOKEN(pids[k]);
		int bad = 0;
		for (int i = 0; i < SHARED_SETS; i++) {
			unsigned short got[2];

			if (!getall(ids[i], got, 2))
				return;
			for (int num = 0; num < 2; num++) {
				int want = 5000;

				for (int j = k + 1; j < SHARED_PROCS; j++)
					want += net[j][i][num];
				if (got[num] != want && !bad++)
					CHECKF(false, "after exit %d of %d: set %d sem %d is %d, not %d",
					       k + 1, SHARED_PROCS, i, num, got[num], want);
			}
		}
		CHECK_EQ(bad, 0);
	}
	close(ready[0]);
	close(ready[1]);
	munmap(net, sizeof(int) * SHARED_PROCS * SHARED_SETS * 2);
}

/*
 * Many processes hold undo records on two sets; one set is removed under
 * them (its records go with it), then they exit: the other set gets every
 * adjustment back, and the records of the removed set are not applied
 * anywhere (the index it had may hold a new set by then).
 */
#define UNDO_HOLDERS 24
static void rmid_of_a_set_with_undo_of_many_processes(void)
{
	int a = semset(IPC_PRIVATE, 2, 0600), b = semset(IPC_PRIVATE, 2, 0600);
	const unsigned short start[2] = { 500, 500 };
	int ready[2], go[2];
	pid_t pids[UNDO_HOLDERS];
	char c;

	if (!CHECK_SYS(a) || !CHECK_SYS(b) || !setall(a, start) || !setall(b, start) ||
	    !CHECK_SYS(pipe(ready)) || !CHECK_SYS(pipe(go)))
		return;
	for (int i = 0; i < UNDO_HOLDERS; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0) {
			close(go[1]);
			CHECK_SYS(op1(a, (unsigned short)(i % 2), -1, SEM_UNDO));
			CHECK_SYS(op1(b, 0, (short)(i + 1), SEM_UNDO));
			CHECK_SYS(op1(b, 1, -2, SEM_UNDO));
			CHECK_SYS(op1(a, 1, 3, SEM_UNDO));
			write(ready[1], "r", 1);
			read(go[0], &c, 1);             /* until the case closes go */
			/* b's record is still there: one more on it. */
			CHECK_SYS(op1(b, 1, 1, SEM_UNDO));
			ut_child_exit();
		}
	}
	close(go[0]);
	for (int i = 0; i < UNDO_HOLDERS; i++)
		if (!CHECK_EQ(read(ready[0], &c, 1), 1))
			break;
	CHECK_VALUES(b, 500 + UNDO_HOLDERS * (UNDO_HOLDERS + 1) / 2, 500 - 2 * UNDO_HOLDERS);
	CHECK_SYS(semctl(a, 0, IPC_RMID));
	/* A new set, likely at a's old index: no one's undo may touch it. */
	int fresh = semset(IPC_PRIVATE, 2, 0600);
	if (CHECK_SYS(fresh))
		setall(fresh, start);
	close(go[1]);
	for (int i = 0; i < UNDO_HOLDERS; i++)
		CHECK_WOKEN(pids[i]);
	close(ready[0]);
	close(ready[1]);
	CHECK_VALUES(b, 500, 500);
	if (fresh >= 0)
		CHECK_VALUES(fresh, 500, 500);
}

/* ---- a bounded buffer ---- */

enum { ITEMS = 100000, SLOTS = 16, PRODUCERS = 2, CONSUMERS = 2 };
enum { EMPTY, FULL, MUTEX };	/* the three semaphores */

struct ring {
	unsigned head, tail;		/* guarded by MUTEX */
	int slot[SLOTS];
	unsigned char seen[ITEMS];	/* how often each item was taken */
};

static void produce(int sem, struct ring *r, int first, int count)
{
	struct sembuf take[2] = { { EMPTY, -1, 0 }, { MUTEX, -1, SEM_UNDO } };
	struct sembuf give[2] = { { MUTEX, 1, SEM_UNDO }, { FULL, 1, 0 } };

	for (int i = first; i < first + count; i++) {
		if (!CHECK_SYS(semop(sem, take, 2)))
			return;
		r->slot[r->head % SLOTS] = i;
		r->head++;
		if (!CHECK_SYS(semop(sem, give, 2)))
			return;
	}
}

static void consume(int sem, struct ring *r, int count)
{
	struct sembuf take[2] = { { FULL, -1, 0 }, { MUTEX, -1, SEM_UNDO } };
	struct sembuf give[2] = { { MUTEX, 1, SEM_UNDO }, { EMPTY, 1, 0 } };
	int last[PRODUCERS];

	for (int p = 0; p < PRODUCERS; p++)
		last[p] = -1;
	for (int n = 0; n < count; n++) {
		if (!CHECK_SYS(semop(sem, take, 2)))
			return;
		int item = r->slot[r->tail % SLOTS];
		r->tail++;
		if (!CHECK_SYS(semop(sem, give, 2)))
			return;
		if (!CHECKF(item >= 0 && item < ITEMS, "item %d out of range", item))
			return;
		__atomic_fetch_add(&r->seen[item], 1, __ATOMIC_RELAXED);
		/* Each producer's items come out in the order they went in. */
		int p = item / (ITEMS / PRODUCERS);
		if (!CHECKF(item > last[p], "item %d after item %d", item, last[p]))
			return;
		last[p] = item;
	}
}

static void producer_consumer_100000_items_lose_nothing(void)
{
	int sem = semset(IPC_PRIVATE, 3, 0600);
	int shm = shmget(IPC_PRIVATE, sizeof(struct ring), 0600);
	const unsigned short start[3] = { SLOTS, 0, 1 };
	pid_t pids[PRODUCERS + CONSUMERS];

	if (!CHECK_SYS(sem) || !CHECK_SYS(shm) || !setall(sem, start))
		return;
	struct ring *r = shmat(shm, NULL, 0);
	shmctl(shm, IPC_RMID, NULL);	/* goes at the last detach */
	if (!CHECK(r != (void *)-1))
		return;
	for (int i = 0; i < PRODUCERS + CONSUMERS; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0) {
			if (i < PRODUCERS)
				produce(sem, r, i * (ITEMS / PRODUCERS), ITEMS / PRODUCERS);
			else
				consume(sem, r, ITEMS / CONSUMERS);
			ut_child_exit();
		}
	}
	for (int i = 0; i < PRODUCERS + CONSUMERS; i++)
		if (!CHECK_EXITED(pids[i], 0))
			CHECKF(0, "(%s %d)", i < PRODUCERS ? "producer" : "consumer", i);
	int lost = 0, twice = 0;
	for (int i = 0; i < ITEMS; i++) {
		lost += r->seen[i] == 0;
		twice += r->seen[i] > 1;
	}
	CHECKF(lost == 0 && twice == 0, "%d items lost, %d taken more than once", lost, twice);
	CHECK_EQ(r->head, ITEMS);
	CHECK_EQ(r->tail, ITEMS);
	CHECK_VALUES(sem, SLOTS, 0, 1);
	shmdt(r);
	CHECK_SYS(semctl(sem, 0, IPC_RMID));
}

/* ---- IPC_RMID, namespaces, IPC_INFO, SEM_INFO, SEM_STAT ---- */

/* Every sleeper gets EIDRM; holders' undos die with the set. */
static void rmid_wakes_every_sleeper_and_drops_undo(void)
{
	enum { N = 6 };
	key_t key = key_for(4);
	int id = semset(key, 2, IPC_CREAT | IPC_EXCL | 0600);
	struct holder h;
	pid_t pids[N];

	if (!CHECK_SYS(id) || !setval(id, 1, 1) || !hold(&h, id, add_five_with_undo))
		return;
	for (int i = 0; i < N; i++) {
		struct sembuf ops[2] = { { 1, (short)(i % 2 ? 0 : -2), SEM_UNDO }, { 0, -9, 0 } };

		pids[i] = sleeper(id, ops, 1 + i / 3, EIDRM);
	}
	/* sem 1 is 1: the waits for zero and the -2s all block on it. */
	if (!wait_count(id, 1, GETNCNT, 3) || !wait_count(id, 1, GETZCNT, 3))
		return;
	CHECK_SYS(semctl(id, 0, IPC_RMID));
	for (int i = 0; i < N; i++)
		if (!CHECK_WOKEN(pids[i]))
			CHECKF(0, "(sleeper %d)", i);
	int fresh = semset(key, 1, IPC_CREAT | IPC_EXCL | 0600);
	if (CHECK_SYS(fresh)) {
		release(&h);		/* its +5 undo was for the old set */
		CHECK_EQ(getval(fresh, 0), 0);
		CHECK_SYS(semctl(fresh, 0, IPC_RMID));
	}
}

/*
 * A command changes the set while its sleepers sleep, and IPC_RMID follows
 * at once, before any of them has run again: every sleeper still asleep
 * gets EIDRM, and one the command completed returns 0, although its set
 * is gone by the time it runs. (msg_wait.c has the same for queues: there
 * keyhole's IPC_SET once let msgrcv's sleepers read a freed queue.) The
 * sleepers: a -2 on sem 0 (by semtimedop with a long timeout), a wait for
 * zero on sem 1 (which is 1), {sem 1 -2, sem 0 -1} and {sem 0 -1, sem 1
 * wait for zero}, and a -3 on sem 0, each asleep before the next comes.
 */
static void ctl_then_rmid(int cmd, bool completes_first)
{
	enum { ROUNDS = 4, N = 5 };

	for (int r = 0; r < ROUNDS; r++) {
		int id = semset(IPC_PRIVATE, 2, 0600);
		struct sembuf ops[N][2] = {
			{ { 0, -2, 0 } }, { { 1, 0, 0 } }, { { 1, -2, 0 }, { 0, -1, 0 } },
			{ { 0, -1, 0 }, { 1, 0, 0 } }, { { 0, -3, 0 } },
		};
		const int nops[N] = { 1, 1, 2, 2, 1 };
		const int count_num[N] = { 0, 1, 1, 0, 0 }, count_cmd[N] = {
			GETNCNT, GETZCNT, GETNCNT, GETNCNT, GETNCNT };
		const int count_want[N] = { 1, 1, 1, 2, 3 };
		pid_t pids[N];

		if (!CHECK_SYS(id) || !setval(id, 1, 1))
			return;
		for (int i = 0; i < N; i++) {
			int want = completes_first && i == 0 ? 0 : EIDRM;

			if (i == 0) {
				pids[i] = ut_fork();
				if (pids[i] == 0) {
					struct timespec ts = { 30, 0 };
					long ret = syscall(SYS_semtimedop, id, ops[0], 1UL, &ts);

					if (want)
						CHECKF(ret == -1 && errno == want, "semtimedop: %ld (%s)",
						       ret, ret < 0 ? strerror(errno) : "success");
					else
						CHECK_SYS(ret);
					ut_child_exit();
				}
			} else {
				pids[i] = sleeper(id, ops[i], nops[i], want);
			}
			if (!wait_count(id, count_num[i], count_cmd[i], count_want[i]))
				return;
		}
		struct semid_ds ds = sem_stat(id);
		unsigned short vals[2] = { 1, 1 };
		switch (cmd) {
		case IPC_SET:
			ds.sem_perm.mode = 0640;
			CHECK_SYS(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
			break;
		case SETVAL:
			/* 2 lets the -2 through, then nobody; 1 nobody at all. */
			CHECK_SYS(semctl(id, 0, SETVAL, (union semun){ .val = completes_first ? 2 : 1 }));
			break;
		case SETALL:
			CHECK_SYS(semctl(id, 0, SETALL, (union semun){ .array = vals }));
			break;
		}
		CHECK_SYS(semctl(id, 0, IPC_RMID));
		for (int i = 0; i < N; i++)
			if (!CHECK_WOKEN(pids[i]))
				CHECKF(0, "(round %d, sleeper %d)", r, i);
	}
}

static void semop_ipc_set_then_rmid_eidrm(void)
{
	ctl_then_rmid(IPC_SET, false);
}

static void semop_setval_then_rmid_eidrm(void)
{
	ctl_then_rmid(SETVAL, false);
}

static void semop_setall_then_rmid_eidrm(void)
{
	ctl_then_rmid(SETALL, false);
}

static void semop_completed_by_setval_then_rmid_succeeds(void)
{
	ctl_then_rmid(SETVAL, true);
}

static void unshare_hides_sets(void)
{
	key_t key = key_for(5);
	int id = semset(key, 2, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id) || !setval(id, 0, 7))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		struct seminfo info;

		if (CHECK_SYS(unshare(CLONE_NEWIPC))) {
			CHECK_ERR(semget(key, 0, 0), ENOENT);
			CHECK_ERR(semctl(id, 0, GETVAL), EINVAL);
			CHECK_ERR(op1(id, 0, -1, IPC_NOWAIT), EINVAL);
			CHECK_ERR(semctl(id, 0, IPC_RMID), EINVAL);
			CHECK_EQ(semctl(0, 0, SEM_INFO, (union semun){ .__buf = &info }), 0);
			CHECK_EQ(info.semusz, 0);
			CHECK_EQ(info.semaem, 0);
			/* The same key names another set here, seen by this one's children. */
			int mine = semget(key, 1, IPC_CREAT | IPC_EXCL | 0600);
			if (CHECK_SYS(mine)) {
				setval(mine, 0, 3);
				pid_t child = ut_fork();
				if (child == 0) {
					CHECK_EQ(semget(key, 0, 0), mine);
					CHECK_EQ(getval(mine, 0), 3);
					CHECK_SYS(op1(mine, 0, -3, 0));
					ut_child_exit();
				}
				CHECK_WOKEN(child);
				CHECK_EQ(getval(mine, 0), 0);
			}
		}
		ut_child_exit();
	}
	CHECK_WOKEN(pid);
	CHECK_EQ(semget(key, 0, 0), id);
	CHECK_EQ(getval(id, 0), 7);
	CHECK_EQ(sem_stat(id).sem_nsems, 2);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void ipc_info_and_sem_info_count_sets_and_semaphores(void)
{
	struct seminfo si;
	union semun arg = { .__buf = &si };

	if (!fresh_ipc_ns())
		return;
	memset(&si, 0xa5, sizeof(si));
	CHECK_EQ(semctl(0, 0, IPC_INFO, arg), 0);	/* the highest index in use: none */
	CHECK_EQ(si.semmap, SEMMNS_DEFAULT);
	CHECK_EQ(si.semmni, SEMMNI_DEFAULT);
	CHECK_EQ(si.semmns, SEMMNS_DEFAULT);
	CHECK_EQ(si.semmnu, SEMMNS_DEFAULT);
	CHECK_EQ(si.semmsl, SEMMSL_DEFAULT);
	CHECK_EQ(si.semopm, SEMOPM_DEFAULT);
	CHECK_EQ(si.semume, SEMOPM_DEFAULT);
	CHECK_EQ(si.semusz, SEMUSZ_);
	CHECK_EQ(si.semvmx, SEMVMX_);
	CHECK_EQ(si.semaem, SEMVMX_);
	CHECK_EQ(semctl(0, 0, SEM_INFO, arg), 0);
	CHECK_EQ(si.semusz, 0);		/* SEM_INFO: sets in use */
	CHECK_EQ(si.semaem, 0);		/* and semaphores in them */
	CHECK_EQ(si.semmni, SEMMNI_DEFAULT);
	int a = semget(IPC_PRIVATE, 3, 0600), b = semget(IPC_PRIVATE, 5, 0600);
	if (!CHECK_SYS(a) || !CHECK_SYS(b))
		return;
	CHECK_EQ(semctl(0, 0, SEM_INFO, arg), 1);
	CHECK_EQ(si.semusz, 2);
	CHECK_EQ(si.semaem, 8);
	CHECK_EQ(semctl(0, 0, IPC_INFO, arg), 1);
	CHECK_EQ(si.semusz, SEMUSZ_);
	CHECK_EQ(si.semaem, SEMVMX_);
	CHECK_SYS(semctl(a, 0, IPC_RMID));
	CHECK_EQ(semctl(0, 0, SEM_INFO, arg), 1);	/* index 1 is still used */
	CHECK_EQ(si.semusz, 1);
	CHECK_EQ(si.semaem, 5);
	CHECK_SYS(semctl(b, 0, IPC_RMID));
	CHECK_EQ(semctl(0, 0, SEM_INFO, arg), 0);
	CHECK_EQ(si.semusz, 0);
	CHECK_EQ(si.semaem, 0);
}

static void sem_stat_scan_finds_every_set(void)
{
	struct seminfo si;
	struct semid_ds ds;
	union semun arg = { .buf = &ds };
	int ids[3];

	if (!fresh_ipc_ns())
		return;
	for (int i = 0; i < 3; i++)
		if (!CHECK_SYS(ids[i] = semget(IPC_PRIVATE, i + 1, i == 2 ? 0 : 0600)))
			return;
	CHECK_SYS(semctl(ids[1], 0, IPC_RMID));
	int max = semctl(0, 0, SEM_INFO, (union semun){ .__buf = &si });
	CHECK_EQ(max, 2);
	int found = 0;
	for (int i = 0; i <= max; i++) {
		int r = semctl(i, 0, SEM_STAT, arg);

		if (r < 0) {
			CHECKF(errno == EINVAL, "SEM_STAT %d: %s", i, strerror(errno));
			continue;
		}
		found++;
		CHECK(r == ids[0] || r == ids[2]);
		CHECK_EQ(ds.sem_nsems, r == ids[0] ? 1 : 3);
	}
	CHECK_EQ(found, 2);
	/* Unprivileged: SEM_STAT needs read permission, SEM_STAT_ANY none. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_ERR(semctl(2, 0, SEM_STAT, arg), EACCES);
			CHECK_EQ(semctl(2, 0, SEM_STAT_ANY, arg), ids[2]);
			CHECK_EQ(ds.sem_perm.mode, 0);
			CHECK_ERR(semctl(1, 0, SEM_STAT_ANY, arg), EINVAL);
		}
		ut_child_exit();
	}
	CHECK_WOKEN(pid);
}

/* ---- leaks ---- */

/* get, set, operate (with SEM_UNDO, so an undo record is made), read, remove */
static void sem_cycle(void)
{
	static const unsigned short vals[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	unsigned short got[8];
	int id = semget(IPC_PRIVATE, 8, 0600);

	if (!CHECKF(id >= 0, "semget: %s", strerror(errno)))
		return;
	struct sembuf ops[3] = { { 0, -1, SEM_UNDO }, { 7, 1, SEM_UNDO }, { 3, 0, IPC_NOWAIT } };
	CHECKF(semctl(id, 0, SETALL, (union semun){ .array = (unsigned short *)vals }) == 0,
	       "SETALL: %s", strerror(errno));
	CHECKF(semop(id, ops, 2) == 0, "semop: %s", strerror(errno));
	CHECKF(semop(id, ops + 2, 1) == -1 && errno == EAGAIN, "semop wait for zero");
	CHECKF(semctl(id, 0, GETALL, (union semun){ .array = got }) == 0, "GETALL: %s",
	       strerror(errno));
	CHECKF(semctl(id, 0, IPC_RMID) == 0, "IPC_RMID: %s", strerror(errno));
}

/* A child that takes with SEM_UNDO and sleeps; the set is removed under it. */
static void sleeper_cycle(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);

	if (!CHECKF(id >= 0, "semget: %s", strerror(errno)))
		return;
	semctl(id, 1, SETVAL, (union semun){ .val = 1 });
	pid_t pid = fork();
	if (pid == 0)
		_exit(op1(id, 1, -1, SEM_UNDO) == 0 && op1(id, 0, -1, 0) == -1 && errno == EIDRM ?
			      0 : 1);
	for (int i = 0; i < 2000 && semctl(id, 0, GETNCNT) != 1; i++)
		usleep(1000);
	semctl(id, 0, IPC_RMID);
	CHECKF(ut_wait(pid) == 0, "a sleeper did not get EIDRM");
}

/* A child that exits with undos to apply on two sets. */
static void undo_exit_cycle(void)
{
	int a = semget(IPC_PRIVATE, 1, 0600), b = semget(IPC_PRIVATE, 3, 0600);
	pid_t pid = fork();

	if (pid == 0)
		_exit(op1(a, 0, 1, SEM_UNDO) || op1(b, 2, 3, SEM_UNDO) ? 1 : 0);
	CHECKF(ut_wait(pid) == 0, "an undo child failed");
	CHECKF(getval(a, 0) == 0 && getval(b, 2) == 0, "undo not applied");
	semctl(a, 0, IPC_RMID);
	semctl(b, 0, IPC_RMID);
}

/* A child unshares, makes sets, sleeps in one, and is killed there. */
static void namespace_cycle(void)
{
	int p[2];
	char c;

	if (!CHECK_SYS(pipe(p)))
		return;
	pid_t pid = fork();
	if (pid == 0) {
		int id;

		if (unshare(CLONE_NEWIPC) < 0 || (id = semget(0x1234, 16, IPC_CREAT | 0600)) < 0 ||
		    semget(IPC_PRIVATE, 100, 0600) < 0 || op1(id, 3, 1, SEM_UNDO) < 0)
			_exit(1);
		write(p[1], "r", 1);
		op1(id, 0, -1, 0);	/* sleeps until killed */
		_exit(1);
	}
	close(p[1]);
	if (CHECKF(read(p[0], &c, 1) == 1, "a namespace child failed"))
		kill(pid, SIGKILL);
	close(p[0]);
	ut_wait(pid);
}

static void freeram_unchanged_after_2000_sem_cycles(void)
{
	ut_check_no_leak(sem_cycle, 2000, "get/SETALL/semop with SEM_UNDO/GETALL/remove cycles");
}

/*
 * The ids of many creations and removals are Linux's, index and sequence
 * number (ipctest.h's model): keyhole went round all 32768 indexes where
 * Linux goes round max(in_use * 3/2, 64). *_INFO's highest index too.
 */
static int ids_sem_create(void) { return semget(IPC_PRIVATE, 1, 0600); }
static int ids_sem_destroy(int id) { return semctl(id, 0, IPC_RMID); }
static int ids_sem_stat(int id)
{
	struct semid_ds ds;

	return semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds });
}
static int ids_sem_maxidx(void)
{
	struct seminfo info;

	return semctl(0, 0, SEM_INFO, (union semun){ .__buf = &info });
}

static void ids_cycle_within_in_use_like_linux(void)
{
	static const struct ids_ops o = {
		ids_sem_create, ids_sem_destroy, ids_sem_maxidx, ids_sem_stat,
	};

	if (fresh_ipc_ns())
		check_ids_like_linux(&o, 3000);
}

static void freeram_unchanged_after_sleeper_and_undo_cycles(void)
{
	ut_check_no_leak(sleeper_cycle, 100, "sets removed under a sleeper with SEM_UNDO");
	ut_check_no_leak(undo_exit_cycle, 100, "exits with undos on two sets");
}

static void freeram_unchanged_after_ipc_namespace_cycles(void)
{
	ut_check_no_leak(namespace_cycle, 100, "namespaces left with sets and a killed sleeper");
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], EXEC_MARK) == 0)
		return check_after_exec(argv[2]);
	if (!reg_init("sem_life"))
		return 1;
	ut_init(argc, argv);
	SEM_RUN(ids_cycle_within_in_use_like_linux);
	SEM_RUN(multi_op_that_cannot_complete_changes_nothing);
	SEM_RUN(operations_of_one_call_apply_in_order);
	SEM_RUN(failed_semop_takes_back_what_it_applied);
	SEM_RUN(random_semops_match_a_model_of_linux);
	SEM_RUN(wait_for_zero_sleeps_until_zero);
	SEM_RUN(wait_for_zero_woken_by_a_sleepers_decrement);
	SEM_RUN(two_waiters_both_woken_by_one_plus_two);
	SEM_RUN(equal_waiters_served_in_order_of_arrival);
	SEM_RUN(smaller_request_passes_a_larger_one);
	SEM_RUN(sleeper_reserves_nothing);
	SEM_RUN(completed_sleeper_completes_another);
	SEM_RUN(first_come_first_served_between_complex_and_simple);
	SEM_RUN(wait_for_zero_served_before_the_value_rises_again);
	SEM_RUN(sleeper_woken_with_erange_or_eagain);
	SEM_RUN(each_way_a_sleeper_leaves_keeps_the_next_woken);
	SEM_RUN(getncnt_getzcnt_count_sleepers);
	SEM_RUN(killed_sleeper_leaves_the_queue);
	SEM_RUN(getpid_follows_the_last_operation);
	SEM_RUN(getall_setall_getval_agree);
	SEM_RUN(ipc_stat_fields_of_new_set);
	SEM_RUN(ipc_stat_and_ipc_info_layout_is_linux_x86_64);
	SEM_RUN(sem_otime_and_sem_ctime_follow_linux);
	SEM_RUN(ipc_set_changes_uid_gid_mode_only);
	SEM_RUN(semtimedop_times_out_leaving_nothing);
	SEM_RUN(sem_undo_applied_when_holder_exits);
	SEM_RUN(sem_undo_applied_when_holder_is_killed);
	SEM_RUN(sem_undo_clamped_to_0_and_semvmx);
	SEM_RUN(setval_and_setall_clear_undo);
	SEM_RUN(sem_undo_not_inherited_by_fork);
	SEM_RUN(sem_undo_survives_execve);
	SEM_RUN(unshare_newipc_applies_undo_at_once);
	SEM_RUN(clone_sysvsem_shares_undo);
	SEM_RUN(clone_newipc_with_sysvsem_is_einval);
	SEM_RUN(sem_undo_for_a_removed_set_is_dropped);
	SEM_RUN(undo_of_many_sets_applied_at_exit);
	SEM_RUN(undo_records_of_many_processes_on_many_sets_stay_apart);
	SEM_RUN(rmid_of_a_set_with_undo_of_many_processes);
	SEM_RUN(producer_consumer_100000_items_lose_nothing);
	SEM_RUN(rmid_wakes_every_sleeper_and_drops_undo);
	SEM_RUN(semop_ipc_set_then_rmid_eidrm);
	SEM_RUN(semop_setval_then_rmid_eidrm);
	SEM_RUN(semop_setall_then_rmid_eidrm);
	SEM_RUN(semop_completed_by_setval_then_rmid_succeeds);
	SEM_RUN(unshare_hides_sets);
	SEM_RUN(ipc_info_and_sem_info_count_sets_and_semaphores);
	SEM_RUN(sem_stat_scan_finds_every_set);
	SEM_RUN(freeram_unchanged_after_2000_sem_cycles);
	SEM_RUN(freeram_unchanged_after_sleeper_and_undo_cycles);
	SEM_RUN(freeram_unchanged_after_ipc_namespace_cycles);
	return ut_done();
}
