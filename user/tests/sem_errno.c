/*
 * sem_errno.c - the errno matrix of semget(2), semop(2), semtimedop(2) and
 * semctl(2): each error those pages list that keyhole can give, made to
 * happen, and each checked next to the good call it differs from (a kernel
 * that always failed would not pass).
 *
 * What Linux does, and keyhole must do too (this file is where to look;
 * "before" means the first error wins when a call has several):
 *
 *   semget   EINVAL  nsems < 0 or > SEMMSL (32000), checked first, even for
 *                    a key that exists; nsems 0 for a new set; an existing
 *                    key asked for more nsems than it has (after EEXIST,
 *                    before EACCES)
 *            EEXIST  IPC_CREAT|IPC_EXCL and the key exists (IPC_EXCL alone
 *                    is ignored)
 *            ENOENT  no set has the key and IPC_CREAT is not given
 *            EACCES  the key exists and the permission bits asked for in
 *                    semflg are not granted (semflg 0 asks for none)
 *            ENOSPC  SEMMNI (32000) sets exist in the namespace. SEMMNS is
 *                    SEMMNI * SEMMSL, so with the default limits (keyhole
 *                    has no sysctl) it cannot run out first: not tested.
 *   semop,   The order Linux checks in: semtimedop's timeout is copied in
 *   semtime-         first (EFAULT); then nsops (unsigned int: its upper
 *   dop              32 bits are dropped) > SEMOPM (500): E2BIG; nsops 0:
 *                    EINVAL; sops copied in: EFAULT; semid < 0: EINVAL; the
 *                    timeout's fields (tv_sec < 0, tv_nsec outside
 *                    0..999999999): EINVAL; a bad or stale id: EINVAL; a
 *                    sem_num >= nsems: EFBIG; permission: EACCES (write if
 *                    any sem_op != 0, else read: an operation that alters
 *                    needs no read permission even if it also waits for
 *                    zero); then the operations, in the order given, the
 *                    first that cannot go on deciding:
 *            ERANGE  the value would pass SEMVMX (32767), or the
 *                    SEM_UNDO adjustment would leave -32768..32767
 *            EAGAIN  it would block and that operation (not another one of
 *                    the call) has IPC_NOWAIT; or semtimedop's timeout ran
 *                    out ({0, 0}: at once)
 *            EIDRM   the set was removed while the caller slept
 *            EINTR   a signal with a handler woke the sleeper, SA_RESTART
 *                    or not (semop is never restarted); an ignored signal
 *                    does not wake it
 *   semctl   EINVAL  semid < 0 (every command); unknown cmd (IPC_64
 *                    included: x86_64 does not strip it); bad or stale
 *                    id; an unused index for SEM_STAT and SEM_STAT_ANY;
 *                    semnum outside 0..nsems-1 for GETVAL, GETPID,
 *                    GETNCNT, GETZCNT (after the permission check) and
 *                    SETVAL (before it); a uid or gid of -1 in IPC_SET
 *            ERANGE  SETVAL's value outside 0..32767, checked before
 *                    everything but semid < 0, even the id; SETALL with a
 *                    value above 32767 (after the copy in): nothing set
 *            EACCES  read permission for IPC_STAT, SEM_STAT, GETVAL, GETPID,
 *                    GETNCNT, GETZCNT, GETALL; write for SETVAL, SETALL
 *                    (SEM_STAT_ANY needs none)
 *            EPERM   IPC_SET, IPC_RMID by one who is neither owner nor
 *                    creator nor root
 *            EFAULT  a bad buf for IPC_STAT, IPC_SET, IPC_INFO, SEM_INFO,
 *                    SEM_STAT, SEM_STAT_ANY, a bad array for GETALL and
 *                    SETALL. IPC_SET reads buf before it looks at the id;
 *                    IPC_STAT, GETALL, SETALL look the id up first; IPC_INFO
 *                    and SEM_INFO look at no id; IPC_RMID and the GET/SET
 *                    of one value never read the argument.
 *   The system calls take their int arguments (ids, semnum, cmd, SETVAL's
 *   value) and nsops as 32-bit values: the upper half of the register is
 *   ignored.
 *
 * Sleepers are started in helpers, and the case waits until GETNCNT or
 * GETZCNT shows them queued before it acts. The unprivileged cases run in
 * a forked helper that drops to uid and gid 65534. Cases that need exact
 * counts run in a fresh IPC namespace; the others record their ids, which
 * main() removes after each case.
 */
#include "semtest.h"

#include <limits.h>
#include <stdint.h>
#include <sys/ipc.h>

/* The index of id for SEM_STAT, found by a SEM_STAT_ANY scan; -1 if none. */
static int index_of(int id)
{
	struct seminfo info;
	struct semid_ds ds;
	int max = semctl(0, 0, SEM_INFO, (union semun){ .__buf = &info });

	for (int i = 0; i <= max; i++)
		if (semctl(i, 0, SEM_STAT_ANY, (union semun){ .buf = &ds }) == id)
			return i;
	return -1;
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

/* ---- semget ---- */

static void semget_nsems_negative_or_above_semmsl_einval(void)
{
	key_t key = key_for(0);

	CHECK_ERR(semget(IPC_PRIVATE, -1, 0600), EINVAL);
	CHECK_ERR(semget(IPC_PRIVATE, INT_MIN, 0600), EINVAL);
	CHECK_ERR(semget(IPC_PRIVATE, SEMMSL_DEFAULT + 1, 0600), EINVAL);
	CHECK_ERR(semget(key, SEMMSL_DEFAULT + 1, IPC_CREAT | 0600), EINVAL);
	CHECK_ERR(semget(key, -1, IPC_CREAT | 0600), EINVAL);
	CHECK_ERR(semget(key, 1, 0600), ENOENT);	/* nothing was made */
	/* SEMMSL itself is fine. */
	int big = semset(IPC_PRIVATE, SEMMSL_DEFAULT, 0600);
	if (CHECK_SYS(big)) {
		CHECK_EQ(sem_stat(big).sem_nsems, SEMMSL_DEFAULT);
		CHECK_EQ(getval(big, SEMMSL_DEFAULT - 1), 0);
		CHECK_SYS(semctl(big, 0, IPC_RMID));
	}
	/* For an existing key the range is checked first, even before EEXIST. */
	int id = semset(key, 2, IPC_CREAT | IPC_EXCL | 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(semget(key, -1, 0600), EINVAL);
	CHECK_ERR(semget(key, -1, IPC_CREAT | IPC_EXCL | 0600), EINVAL);
	CHECK_ERR(semget(key, SEMMSL_DEFAULT + 1, IPC_CREAT | IPC_EXCL | 0600), EINVAL);
	CHECK_EQ(semget(key, 2, 0600), id);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semget_nsems_zero_for_new_set_einval(void)
{
	key_t key = key_for(1);

	CHECK_ERR(semget(IPC_PRIVATE, 0, 0600), EINVAL);
	CHECK_ERR(semget(IPC_PRIVATE, 0, IPC_CREAT | IPC_EXCL | 0600), EINVAL);
	CHECK_ERR(semget(key, 0, IPC_CREAT | 0600), EINVAL);
	CHECK_ERR(semget(key, 0, 0600), ENOENT);	/* nothing was made */
	int id = semset(key, 1, IPC_CREAT | IPC_EXCL | 0600);
	if (!CHECK_SYS(id))
		return;
	/* nsems 0 is fine when the set exists: "any size". */
	CHECK_EQ(semget(key, 0, 0600), id);
	CHECK_EQ(semget(key, 0, IPC_CREAT | 0600), id);
	CHECK_EQ(semget(key, 0, 0), id);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semget_existing_key_more_nsems_einval(void)
{
	key_t key = key_for(2);
	int id = semset(key, 3, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(semget(key, 4, 0600), EINVAL);
	CHECK_ERR(semget(key, 4, IPC_CREAT | 0600), EINVAL);
	CHECK_ERR(semget(key, SEMMSL_DEFAULT, 0), EINVAL);
	/* As many or fewer find it. */
	CHECK_EQ(semget(key, 3, 0600), id);
	CHECK_EQ(semget(key, 1, 0600), id);
	CHECK_EQ(semget(key, 3, IPC_CREAT | 0600), id);
	CHECK_EQ(sem_stat(id).sem_nsems, 3);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semget_create_excl_existing_eexist(void)
{
	key_t key = key_for(3);
	int id = semset(key, 2, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(semget(key, 2, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	CHECK_ERR(semget(key, 0, IPC_CREAT | IPC_EXCL), EEXIST);
	/* EEXIST comes before the nsems check. */
	CHECK_ERR(semget(key, 5, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	/* IPC_EXCL without IPC_CREAT is ignored. */
	CHECK_EQ(semget(key, 2, IPC_EXCL | 0600), id);
	/* IPC_PRIVATE always makes a new one. */
	int a = semset(IPC_PRIVATE, 1, IPC_CREAT | IPC_EXCL | 0600);
	int b = semset(IPC_PRIVATE, 1, IPC_CREAT | IPC_EXCL | 0600);
	CHECK_SYS(a);
	CHECK_SYS(b);
	CHECK_NE(a, b);
	CHECK_NE(a, id);
	semctl(a, 0, IPC_RMID);
	semctl(b, 0, IPC_RMID);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semget_missing_key_enoent(void)
{
	key_t key = key_for(4);

	CHECK_ERR(semget(key, 1, 0600), ENOENT);
	CHECK_ERR(semget(key, 0, 0), ENOENT);
	CHECK_ERR(semget(key, 1, IPC_EXCL | 0600), ENOENT);
	/* With IPC_CREAT it is made, then found without. */
	int id = semset(key, 1, IPC_CREAT | 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_EQ(semget(key, 1, 0600), id);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
	CHECK_ERR(semget(key, 1, 0600), ENOENT);
}

static void semget_without_permission_eacces(void)
{
	key_t key = key_for(5);
	int id = semset(key, 2, IPC_CREAT | IPC_EXCL | 0644);

	if (!CHECK_SYS(id))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_EQ(semget(key, 2, 0), id);	/* asks for nothing */
			CHECK_EQ(semget(key, 2, 0400), id);	/* others may read */
			CHECK_EQ(semget(key, 1, 0004), id);
			CHECK_ERR(semget(key, 2, 0200), EACCES);
			CHECK_ERR(semget(key, 2, 0600), EACCES);
			CHECK_ERR(semget(key, 0, 0002), EACCES);
			CHECK_ERR(semget(key, 2, IPC_CREAT | 0600), EACCES);
			/* nsems is checked before the permissions. */
			CHECK_ERR(semget(key, 3, 0600), EINVAL);
			/* Anybody may make a set of their own. */
			int mine = semset(IPC_PRIVATE, 1, 0);
			if (CHECK_SYS(mine))
				CHECK_SYS(semctl(mine, 0, IPC_RMID));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semget_all_ids_used_enospc(void)
{
	static int ids[SEMMNI_DEFAULT + 1];
	struct seminfo info;
	int n = 0, id;

	if (!fresh_ipc_ns())
		return;
	if (!CHECK_SYS(semctl(0, 0, IPC_INFO, (union semun){ .__buf = &info })))
		return;
	CHECK_EQ(info.semmni, SEMMNI_DEFAULT);
	while (n <= SEMMNI_DEFAULT && (id = semget(IPC_PRIVATE, 1, 0600)) >= 0)
		ids[n++] = id;
	CHECKF(n == SEMMNI_DEFAULT && errno == ENOSPC,
	       "made %d sets, then errno %d (%s); want %d, then ENOSPC", n, errno, strerror(errno),
	       SEMMNI_DEFAULT);
	CHECK_ERR(semget(key_for(6), 1, IPC_CREAT | 0600), ENOSPC);
	CHECK_ERR(semget(key_for(6), 1, 0600), ENOENT);
	if (n == 0)
		return;
	/* One removed, one can be made again. */
	CHECK_SYS(semctl(ids[n - 1], 0, IPC_RMID));
	CHECK_SYS(ids[n - 1] = semget(key_for(6), 1, IPC_CREAT | 0600));
	CHECK_ERR(semget(IPC_PRIVATE, 1, 0600), ENOSPC);
}

/* ---- semop and semtimedop ---- */

static void semop_nsops_zero_einval(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);
	struct sembuf up = { 0, 1, 0 };

	if (!CHECK_SYS(id))
		return;
	FOR_EACH_VIA(v) {
		CHECK_OP_ERR(v, id, &up, 0, EINVAL);
		CHECK_OP_ERR(v, id, NULL, 0, EINVAL);	/* before sops is read */
		CHECK_OP_ERR(v, BAD_ID, &up, 0, EINVAL);
		CHECK_OP(v, id, &up, 1);
	}
	CHECK_EQ(getval(id, 0), 2);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semop_nsops_above_semopm_e2big(void)
{
	static struct sembuf ops[SEMOPM_DEFAULT + 1];
	int id = semset(IPC_PRIVATE, 1, 0600);

	if (!CHECK_SYS(id))
		return;
	for (int i = 0; i <= SEMOPM_DEFAULT; i++)
		ops[i] = (struct sembuf){ 0, 1, 0 };
	FOR_EACH_VIA(v) {
		CHECK_OP_ERR(v, id, ops, SEMOPM_DEFAULT + 1, E2BIG);
		CHECK_OP_ERR(v, id, ops, UINT_MAX, E2BIG);	/* unsigned: not "negative" */
		/* Before sops is read, and before the id is looked at. */
		CHECK_OP_ERR(v, id, NULL, SEMOPM_DEFAULT + 1, E2BIG);
		CHECK_OP_ERR(v, -1, ops, SEMOPM_DEFAULT + 1, E2BIG);
		CHECK_OP_ERR(v, BAD_ID, ops, SEMOPM_DEFAULT + 1, E2BIG);
		CHECK_EQ(getval(id, 0), v == VIA_SEMOP ? 0 : SEMOPM_DEFAULT);
		/* SEMOPM operations, all on one semaphore, are fine. */
		CHECK_OP(v, id, ops, SEMOPM_DEFAULT);
	}
	CHECK_EQ(getval(id, 0), 2 * SEMOPM_DEFAULT);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semop_bad_id_einval(void)
{
	int stale = stale_id();
	const int bad[] = { -1, INT_MIN, BAD_ID, stale };
	struct sembuf up = { 0, 1, IPC_NOWAIT };
	int id = semset(IPC_PRIVATE, 1, 0600);

	if (!CHECK_SYS(id))
		return;
	FOR_EACH_VIA(v) {
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (!CHECK_OP_ERR(v, bad[i], &up, 1, EINVAL))
				CHECKF(0, "(with id %d)", bad[i]);
		CHECK_OP(v, id, &up, 1);
	}
	CHECK_NE(id, stale);
	CHECK_EQ(getval(id, 0), 2);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semop_sem_num_out_of_range_efbig(void)
{
	int id = semset(IPC_PRIVATE, 3, 0600);

	if (!CHECK_SYS(id))
		return;
	struct sembuf past = { 3, 1, 0 }, far = { 65535, 0, IPC_NOWAIT };
	/* A good operation first changes nothing: EFBIG is found before. */
	struct sembuf two[2] = { { 0, 1, 0 }, { 3, 1, 0 } };
	/* Before the values are looked at: this one would block. */
	struct sembuf blocks[2] = { { 0, -1, 0 }, { 7, -1, 0 } };
	FOR_EACH_VIA(v) {
		CHECK_OP_ERR(v, id, &past, 1, EFBIG);
		CHECK_OP_ERR(v, id, &far, 1, EFBIG);
		CHECK_OP_ERR(v, id, two, 2, EFBIG);
		CHECK_OP_ERR(v, id, blocks, 2, EFBIG);
	}
	CHECK_EQ(getval(id, 0), 0);
	struct sembuf last = { 2, 1, 0 };
	CHECK_SYS(semop(id, &last, 1));
	CHECK_EQ(getval(id, 2), 1);
	/* EFBIG comes before the permission check. */
	struct semid_ds ds = sem_stat(id);
	ds.sem_perm.mode = 0;
	CHECK_SYS(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0))
			FOR_EACH_VIA(v) {
				CHECK_OP_ERR(v, id, &past, 1, EFBIG);
				CHECK_OP_ERR(v, id, &last, 1, EACCES);
			}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * An operation that alters (sem_op != 0) needs write permission, and
 * nothing else, even when the same call also waits for zero; a call that
 * only waits for zero needs read permission.
 */
static void semop_without_permission_eacces(void)
{
	int ro = semset(IPC_PRIVATE, 2, 0444), wo = semset(IPC_PRIVATE, 2, 0222);
	int none = semset(IPC_PRIVATE, 2, 0600);

	if (!CHECK_SYS(ro) || !CHECK_SYS(wo) || !CHECK_SYS(none))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		struct sembuf zero = { 0, 0, IPC_NOWAIT }, up = { 0, 1, IPC_NOWAIT };
		struct sembuf down = { 1, -1, IPC_NOWAIT };
		struct sembuf zero_and_up[2] = { { 0, 0, IPC_NOWAIT }, { 1, 1, IPC_NOWAIT } };

		if (become(NOBODY, NOBODY, 0))
			FOR_EACH_VIA(v) {
				CHECK_OP(v, ro, &zero, 1);
				CHECK_OP_ERR(v, ro, &up, 1, EACCES);
				CHECK_OP_ERR(v, ro, &down, 1, EACCES);	/* before EAGAIN */
				CHECK_OP_ERR(v, ro, zero_and_up, 2, EACCES);
				CHECK_OP_ERR(v, wo, &zero, 1, EACCES);
				CHECK_OP(v, wo, &up, 1);
				CHECK_OP_ERR(v, wo, &down, 1, EAGAIN);	/* allowed; it would block */
				/* sem 0 of wo is 1 or 2 now: the wait for zero would block */
				CHECK_OP_ERR(v, wo, zero_and_up, 2, EAGAIN);
				CHECK_OP_ERR(v, none, &zero, 1, EACCES);
				CHECK_OP_ERR(v, none, &up, 1, EACCES);
			}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(getval(ro, 0), 0);
	CHECK_EQ(getval(wo, 0), 2);
	CHECK_EQ(getval(none, 0), 0);
	/* With sem 0 at zero the mixed call goes through, on write permission alone. */
	setval(wo, 0, 0);
	pid = ut_fork();
	if (pid == 0) {
		struct sembuf zero_and_up[2] = { { 0, 0, IPC_NOWAIT }, { 1, 1, IPC_NOWAIT } };

		if (become(NOBODY, NOBODY, 0))
			CHECK_OP(VIA_SEMOP, wo, zero_and_up, 2);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(getval(wo, 1), 1);
	/* Root needs no permission. */
	struct sembuf up = { 0, 1, 0 };
	CHECK_SYS(semop(ro, &up, 1));
	CHECK_SYS(semctl(ro, 0, IPC_RMID));
	CHECK_SYS(semctl(wo, 0, IPC_RMID));
	CHECK_SYS(semctl(none, 0, IPC_RMID));
}

static void semop_would_block_nowait_eagain(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);

	if (!CHECK_SYS(id) || !setval(id, 1, 1))
		return;
	struct sembuf down = { 0, -1, IPC_NOWAIT }, zero = { 1, 0, IPC_NOWAIT };
	struct sembuf much = { 1, -2, IPC_NOWAIT | SEM_UNDO };
	struct sembuf both[2] = { { 1, -1, IPC_NOWAIT }, { 0, -1, IPC_NOWAIT } };
	FOR_EACH_VIA(v) {
		CHECK_OP_ERR(v, id, &down, 1, EAGAIN);
		CHECK_OP_ERR(v, id, &zero, 1, EAGAIN);
		CHECK_OP_ERR(v, id, &much, 1, EAGAIN);
		CHECK_OP_ERR(v, id, both, 2, EAGAIN);	/* the first could go, the second not */
	}
	CHECK_EQ(getval(id, 0), 0);
	CHECK_EQ(getval(id, 1), 1);
	CHECK_EQ(semctl(id, 0, GETNCNT), 0);	/* nobody was queued */
	CHECK_EQ(semctl(id, 1, GETZCNT), 0);
	/* The same calls go through once the values allow. */
	setval(id, 0, 1);
	CHECK_SYS(semop(id, both, 2));
	CHECK_SYS(semop(id, &zero, 1));
	CHECK_EQ(getval(id, 0), 0);
	CHECK_EQ(getval(id, 1), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * IPC_NOWAIT belongs to one operation: the call fails with EAGAIN at once
 * only if the operation that would block has it. Otherwise it sleeps (here
 * until semtimedop's timeout, which also gives EAGAIN, but only after it).
 */
static void semop_nowait_of_the_blocking_operation_decides(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);
	struct timespec ts = { 0, 300 * 1000 * 1000 }, long_ts = { 20, 0 };

	if (!CHECK_SYS(id) || !setval(id, 0, 1))
		return;
	/* sem 0 is 1, sem 1 is 0: the operation on sem 1 blocks. */
	struct sembuf flag_on_blocker[2] = { { 0, -1, 0 }, { 1, -1, IPC_NOWAIT } };
	struct sembuf flag_on_other[2] = { { 0, -1, IPC_NOWAIT }, { 1, -1, 0 } };
	double t0 = mono_now();
	CHECK_ERR(semtimedop(id, flag_on_blocker, 2, &long_ts), EAGAIN);
	CHECKF(mono_now() - t0 < 10, "EAGAIN came after %.1f s, not at once", mono_now() - t0);
	t0 = mono_now();
	CHECK_ERR(semtimedop(id, flag_on_other, 2, &ts), EAGAIN);
	CHECKF(mono_now() - t0 >= 0.3, "EAGAIN came after %.3f s: the call did not sleep",
	       mono_now() - t0);
	CHECK_EQ(getval(id, 0), 1);
	CHECK_EQ(getval(id, 1), 0);
	/* Sleeping, it is queued; then it goes through when sem 1 is raised. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(semop(id, flag_on_other, 2));
		ut_child_exit();
	}
	if (wait_count(id, 1, GETNCNT, 1))
		CHECK_SYS(op1(id, 1, 1, 0));
	CHECK_WOKEN(pid);
	CHECK_EQ(getval(id, 0), 0);
	CHECK_EQ(getval(id, 1), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semop_value_above_semvmx_erange(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);

	if (!CHECK_SYS(id) || !setval(id, 0, SEMVMX_) || !setval(id, 1, 1))
		return;
	struct sembuf one = { 0, 1, 0 }, max = { 1, SEMVMX_, 0 }, fit = { 1, SEMVMX_ - 1, 0 };
	FOR_EACH_VIA(v) {
		CHECK_OP_ERR(v, id, &one, 1, ERANGE);
		CHECK_OP_ERR(v, id, &max, 1, ERANGE);
		/* Even with IPC_NOWAIT: ERANGE is not "would block". */
		struct sembuf nowait = { 0, 1, IPC_NOWAIT };
		CHECK_OP_ERR(v, id, &nowait, 1, ERANGE);
	}
	CHECK_EQ(getval(id, 0), SEMVMX_);
	CHECK_EQ(getval(id, 1), 1);
	CHECK_SYS(semop(id, &fit, 1));
	CHECK_EQ(getval(id, 1), SEMVMX_);
	/* Two steps on one semaphore that pass SEMVMX together. */
	setval(id, 1, 20000);
	struct sembuf sum[2] = { { 1, 10000, 0 }, { 1, 10000, 0 } };
	CHECK_ERR(semop(id, sum, 2), ERANGE);
	CHECK_EQ(getval(id, 1), 20000);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * The operations are tried in the order given, and the first that cannot
 * go on decides the error: EAGAIN if it would block, ERANGE if it would
 * pass SEMVMX.
 */
static void semop_first_failing_operation_decides(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);

	if (!CHECK_SYS(id) || !setval(id, 1, 1))
		return;
	/* sem 0 is 0 (a decrement blocks), sem 1 is 1 (+32767 is too much). */
	struct sembuf block_first[2] = { { 0, -1, IPC_NOWAIT }, { 1, SEMVMX_, IPC_NOWAIT } };
	struct sembuf range_first[2] = { { 1, SEMVMX_, IPC_NOWAIT }, { 0, -1, IPC_NOWAIT } };
	FOR_EACH_VIA(v) {
		CHECK_OP_ERR(v, id, block_first, 2, EAGAIN);
		CHECK_OP_ERR(v, id, range_first, 2, ERANGE);
	}
	CHECK_EQ(getval(id, 0), 0);
	CHECK_EQ(getval(id, 1), 1);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * SEM_UNDO keeps, per process and semaphore, the sum of the operations to
 * take back; an operation that would take it outside -32768..32767 is
 * ERANGE, though the value itself would be fine.
 */
static void semop_undo_adjustment_out_of_range_erange(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);

	if (!CHECK_SYS(id))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(op1(id, 0, SEMVMX_, SEM_UNDO));	/* adjustment -32767 */
		CHECK_SYS(op1(id, 0, -SEMVMX_, 0));		/* value 0 again */
		CHECK_SYS(op1(id, 0, 1, SEM_UNDO));		/* adjustment -32768: the end */
		CHECK_SYS(op1(id, 0, -1, 0));
		CHECK_ERR(op1(id, 0, 1, SEM_UNDO), ERANGE);	/* it would be -32769 */
		CHECK_ERR(op1(id, 0, 1, SEM_UNDO | IPC_NOWAIT), ERANGE);
		CHECK_EQ(getval(id, 0), 0);
		CHECK_SYS(op1(id, 0, 1, 0));			/* without SEM_UNDO it is fine */
		CHECK_EQ(getval(id, 0), 1);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	/* Its exit took back 32768 from 1: clamped at 0. */
	CHECK_EQ(getval(id, 0), 0);
	pid = ut_fork();
	if (pid == 0) {
		setval(id, 0, SEMVMX_);
		CHECK_SYS(op1(id, 0, -SEMVMX_, SEM_UNDO));	/* adjustment +32767: the end */
		CHECK_SYS(op1(id, 0, 1, 0));
		CHECK_ERR(op1(id, 0, -1, SEM_UNDO), ERANGE);	/* it would be +32768 */
		CHECK_EQ(getval(id, 0), 1);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	/* A decrement adds to the adjustment: 1 + 32767 at its exit. */
	CHECK_EQ(getval(id, 0), SEMVMX_);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * The order of semop's checks (see the top of the file). Each pair of
 * errors is made to happen in one call, and the one Linux reports first
 * must win.
 */
static void semop_error_precedence(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);
	struct sembuf up = { 0, 1, 0 }, past = { 5, 1, 0 };
	struct timespec bad_ts = { 0, 1000000000 };
	void *bad = (void *)1;

	if (!CHECK_SYS(id))
		return;
	/* The timeout is copied in before anything else is looked at. */
	CHECK_ERR(syscall(SYS_semtimedop, BAD_ID, &up, 1, bad), EFAULT);
	CHECK_ERR(syscall(SYS_semtimedop, -1, NULL, 0, bad), EFAULT);
	CHECK_ERR(syscall(SYS_semtimedop, id, &up, SEMOPM_DEFAULT + 1, bad), EFAULT);
	FOR_EACH_VIA(v) {
		/* E2BIG, then nsops 0, then sops. */
		CHECK_OP_ERR(v, -1, NULL, SEMOPM_DEFAULT + 1, E2BIG);
		CHECK_OP_ERR(v, -1, NULL, 0, EINVAL);
		/* sops is read before semid < 0 is refused. */
		CHECK_OP_ERR(v, -1, NULL, 1, EFAULT);
		CHECK_OP_ERR(v, BAD_ID, NULL, 1, EFAULT);
		CHECK_OP_ERR(v, -1, &past, 1, EINVAL);
		CHECK_OP_ERR(v, BAD_ID, &past, 1, EINVAL);	/* the id, then sem_num */
	}
	/* A bad timeout's fields are refused before sem_num is checked. */
	CHECK_ERR(syscall(SYS_semtimedop, id, &past, 1, &bad_ts), EINVAL);
	CHECK_ERR(syscall(SYS_semtimedop, id, &past, 1, &(struct timespec){ 0, 0 }), EFBIG);
	CHECK_EQ(getval(id, 0), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semtimedop_invalid_timeout_einval(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);
	struct sembuf up = { 0, 1, 0 }, down = { 0, -1, 0 };
	const struct timespec bad[] = {
		{ 0, 1000000000 }, { 0, -1 }, { -1, 0 }, { 1, LONG_MAX }, { LONG_MIN, 0 },
	};

	if (!CHECK_SYS(id))
		return;
	/* Refused even where the operation would not have to wait. */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct timespec ts = bad[i];

		if (!CHECK_ERR(semtimedop(id, &up, 1, &ts), EINVAL) ||
		    !CHECK_ERR(semtimedop(id, &down, 1, &ts), EINVAL))
			CHECKF(0, "(with the timeout {%ld, %ld})", (long)ts.tv_sec, ts.tv_nsec);
	}
	CHECK_EQ(getval(id, 0), 0);
	/* The limits themselves are fine. */
	struct timespec ok = { 0, 999999999 };
	CHECK_SYS(semtimedop(id, &up, 1, &ok));
	ok = (struct timespec){ LONG_MAX, 0 };
	CHECK_SYS(semtimedop(id, &up, 1, &ok));
	CHECK_EQ(getval(id, 0), 2);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* A timeout that runs out is EAGAIN: {0, 0} at once, a short one after it. */
static void semtimedop_timeout_eagain(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);
	struct sembuf down = { 0, -1, 0 }, zero = { 0, 0, 0 }, up = { 0, 1, 0 };
	struct timespec none = { 0, 0 }, short_ts = { 0, 100 * 1000 * 1000 };

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(semtimedop(id, &down, 1, &none), EAGAIN);
	double t0 = mono_now();
	CHECK_ERR(semtimedop(id, &down, 1, &short_ts), EAGAIN);
	CHECK_GE(mono_now() - t0, 0.1);
	CHECK_EQ(getval(id, 0), 0);
	CHECK_EQ(semctl(id, 0, GETNCNT), 0);
	/* {0, 0} does not stop a call that need not wait. */
	CHECK_SYS(semtimedop(id, &zero, 1, &none));
	CHECK_SYS(semtimedop(id, &up, 1, &none));
	CHECK_ERR(semtimedop(id, &zero, 1, &none), EAGAIN);
	CHECK_SYS(semtimedop(id, &down, 1, &none));
	CHECK_EQ(getval(id, 0), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* Sleepers of every kind, in both calls, all get EIDRM when the set goes. */
static void semop_sleeper_removed_eidrm(void)
{
	int id = semset(IPC_PRIVATE, 4, 0600);

	if (!CHECK_SYS(id) || !setval(id, 2, 1))
		return;
	struct {
		enum via via;
		struct sembuf ops[2];
		int nsops;
		bool timed;
	} sleepers[] = {
		{ VIA_SEMOP, { { 0, -1, 0 } }, 1, false },		/* a decrement */
		{ VIA_SEMTIMEDOP, { { 1, -1, SEM_UNDO } }, 1, false },	/* with SEM_UNDO */
		{ VIA_SEMOP, { { 3, 1, 0 }, { 0, -2, 0 } }, 2, false },	/* a complex one */
		{ VIA_SEMOP, { { 2, 0, 0 } }, 1, false },		/* a wait for zero */
		{ VIA_SEMTIMEDOP, { { 3, -1, 0 } }, 1, true },		/* with a timeout */
	};
	enum { N = sizeof(sleepers) / sizeof(sleepers[0]) };
	pid_t pids[N];
	for (int i = 0; i < N; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0) {
			if (sleepers[i].timed) {
				struct timespec ts = { 20, 0 };

				CHECK_ERR(semtimedop(id, sleepers[i].ops, 1, &ts), EIDRM);
			} else {
				CHECK_OP_ERR(sleepers[i].via, id, sleepers[i].ops,
					     sleepers[i].nsops, EIDRM);
			}
			ut_child_exit();
		}
	}
	wait_count(id, 0, GETNCNT, 2);
	wait_count(id, 1, GETNCNT, 1);
	wait_count(id, 2, GETZCNT, 1);
	wait_count(id, 3, GETNCNT, 1);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
	for (int i = 0; i < N; i++)
		if (!CHECK_WOKEN(pids[i]))
			CHECKF(0, "(sleeper %d)", i);
	struct sembuf up = { 0, 1, 0 };
	FOR_EACH_VIA(v)
		CHECK_OP_ERR(v, id, &up, 1, EINVAL);	/* now it is just a stale id */
}

/* A signal with a handler interrupts a sleeper, SA_RESTART or not. */
static void semop_signal_eintr(int flags)
{
	int id = semset(IPC_PRIVATE, 2, 0600);

	if (!CHECK_SYS(id) || !setval(id, 1, 1))
		return;
	for (int kind = 0; kind < 4; kind++) {
		pid_t pid = ut_fork();

		if (pid == 0) {
			struct sembuf down = { 0, -1, SEM_UNDO }, zero = { 1, 0, 0 };
			struct timespec ts = { 20, 0 };

			handle(SIGUSR1, on_signal, flags);
			switch (kind) {
			case 0:
				CHECK_OP_ERR(VIA_SEMOP, id, &down, 1, EINTR);
				break;
			case 1:
				CHECK_OP_ERR(VIA_SEMTIMEDOP, id, &down, 1, EINTR);
				break;
			case 2:
				CHECK_ERR(semtimedop(id, &down, 1, &ts), EINTR);
				break;
			default:
				CHECK_ERR(semop(id, &zero, 1), EINTR);
				break;
			}
			CHECK_EQ(hits, 1);
			ut_child_exit();
		}
		bool queued = kind == 3 ? wait_count(id, 1, GETZCNT, 1) :
					  wait_count(id, 0, GETNCNT, 1);
		if (queued)
			kill(pid, SIGUSR1);
		if (!CHECK_WOKEN(pid))
			CHECKF(0, "(sleeper %d)", kind);
		/* It left the queue and took nothing. */
		CHECK_EQ(semctl(id, 0, GETNCNT), 0);
		CHECK_EQ(semctl(id, 1, GETZCNT), 0);
	}
	CHECK_EQ(getval(id, 0), 0);
	CHECK_EQ(getval(id, 1), 1);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semop_signal_eintr_without_sa_restart(void)
{
	semop_signal_eintr(0);
}

static void semop_signal_eintr_even_with_sa_restart(void)
{
	semop_signal_eintr(SA_RESTART);
}

/* An ignored signal is not delivered: the sleeper sleeps on. */
static void semop_ignored_signal_no_eintr(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);

	if (!CHECK_SYS(id))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		signal(SIGUSR1, SIG_IGN);
		CHECK_SYS(op1(id, 0, -1, 0));
		ut_child_exit();
	}
	if (wait_count(id, 0, GETNCNT, 1)) {
		int st;

		kill(pid, SIGUSR1);
		kill(pid, SIGCHLD);	/* ignored by default */
		kill(pid, SIGURG);
		CHECK(!ended_within(pid, 200, &st));
		CHECK_EQ(semctl(id, 0, GETNCNT), 1);
		CHECK_SYS(op1(id, 0, 1, 0));
	}
	CHECK_WOKEN(pid);
	CHECK_EQ(getval(id, 0), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * The system calls' int arguments (and nsops, an unsigned int) are
 * 32 bits: what a caller leaves in the upper half of the register is
 * ignored, as Linux's syscall wrappers truncate them.
 */
static void int_arguments_use_their_low_32_bits(void)
{
	int id = semset(IPC_PRIVATE, 2, 0600);
	const unsigned long high = 0x100000000UL;
	struct sembuf up = { 0, 1, 0 };

	if (!CHECK_SYS(id))
		return;
	CHECK_EQ(syscall(SYS_semop, high | (unsigned)id, &up, 1), 0);
	CHECK_EQ(syscall(SYS_semop, id, &up, high | 1), 0);
	CHECK_EQ(syscall(SYS_semtimedop, high | (unsigned)id, &up, high | 1, NULL), 0);
	CHECK_ERR(syscall(SYS_semop, id, &up, high), EINVAL);	/* nsops 0 */
	CHECK_EQ(getval(id, 0), 3);
	CHECK_EQ(syscall(SYS_semctl, high | (unsigned)id, 0, GETVAL, 0), 3);
	CHECK_EQ(syscall(SYS_semctl, id, high | 1, SETVAL, 7), 0);	/* semnum 1 */
	CHECK_EQ(getval(id, 1), 7);
	CHECK_EQ(syscall(SYS_semctl, id, 1, high | GETVAL, 0), 7);
	CHECK_EQ(syscall(SYS_semctl, id, 0, SETVAL, high | 5), 0);	/* value 5 */
	CHECK_EQ(getval(id, 0), 5);
	CHECK_ERR(syscall(SYS_semctl, id, 0, SETVAL, high | 0xffffffffUL), ERANGE);	/* -1 */
	CHECK_ERR(syscall(SYS_semctl, high | 0xffffffffUL, 0, GETVAL, 0), EINVAL);	/* id -1 */
	CHECK_EQ(getval(id, 0), 5);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* ---- semctl ---- */

static void semctl_bad_cmd_einval(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);
	const int bad[] = { -1, 4, 5, 10, 21, 99, INT_MIN, INT_MAX,
			    /* x86_64 takes commands raw: IPC_64 (0x100) makes them unknown. */
			    IPC_STAT | 0x100, GETVAL | 0x100, IPC_RMID | 0x100, SETVAL | 0x100 };
	struct semid_ds ds;

	if (!CHECK_SYS(id))
		return;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!CHECK_ERR(syscall(SYS_semctl, id, 0, bad[i], &ds), EINVAL))
			CHECKF(0, "(with cmd %d)", bad[i]);
	CHECK_EQ(syscall(SYS_semctl, id, 0, IPC_STAT, &ds), 0);	/* the real ones */
	CHECK_EQ(ds.sem_nsems, 1);
	CHECK_EQ(syscall(SYS_semctl, id, 0, SETVAL, 9), 0);
	CHECK_EQ(syscall(SYS_semctl, id, 0, GETVAL, 0), 9);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semctl_bad_id_einval(void)
{
	int stale = stale_id();
	int id = semset(IPC_PRIVATE, 2, 0600);
	const int bad[] = { -1, INT_MIN, BAD_ID, stale };
	unsigned short vals[2] = { 1, 2 };
	struct semid_ds ds;
	struct seminfo info;

	if (!CHECK_SYS(id) || !CHECK_SYS(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds })))
		return;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int b = bad[i];

		if (!CHECK_ERR(semctl(b, 0, IPC_STAT, (union semun){ .buf = &ds }), EINVAL) ||
		    !CHECK_ERR(semctl(b, 0, IPC_SET, (union semun){ .buf = &ds }), EINVAL) ||
		    !CHECK_ERR(semctl(b, 0, IPC_RMID), EINVAL) ||
		    !CHECK_ERR(semctl(b, 0, GETVAL), EINVAL) ||
		    !CHECK_ERR(semctl(b, 0, SETVAL, (union semun){ .val = 1 }), EINVAL) ||
		    !CHECK_ERR(semctl(b, 0, GETPID), EINVAL) ||
		    !CHECK_ERR(semctl(b, 0, GETNCNT), EINVAL) ||
		    !CHECK_ERR(semctl(b, 0, GETZCNT), EINVAL) ||
		    !CHECK_ERR(semctl(b, 0, GETALL, (union semun){ .array = vals }), EINVAL) ||
		    !CHECK_ERR(semctl(b, 0, SETALL, (union semun){ .array = vals }), EINVAL))
			CHECKF(0, "(with id %d)", b);
	}
	CHECK_EQ(vals[0], 1);	/* GETALL wrote nothing */
	CHECK_EQ(getval(id, 0), 0);
	/* Every command refuses a negative id, even those that need none. */
	CHECK_ERR(semctl(-1, 0, IPC_INFO, (union semun){ .__buf = &info }), EINVAL);
	CHECK_ERR(semctl(-1, 0, SEM_INFO, (union semun){ .__buf = &info }), EINVAL);
	CHECK_ERR(semctl(-1, 0, SEM_STAT, (union semun){ .buf = &ds }), EINVAL);
	CHECK_ERR(semctl(-1, 0, SEM_STAT_ANY, (union semun){ .buf = &ds }), EINVAL);
	CHECK_SYS(semctl(0, 0, IPC_INFO, (union semun){ .__buf = &info }));
	CHECK_SYS(semctl(BAD_ID, 0, SEM_INFO, (union semun){ .__buf = &info }));
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* The index of a removed set must not lead to the new set that has it. */
static void stale_id_on_reused_index_einval(void)
{
	struct semid_ds ds;

	if (!fresh_ipc_ns())
		return;
	int stale = stale_id(), id = -1;
	for (int i = 0; i < 2 * 32768 && id < 0; i++) {
		int s = semget(IPC_PRIVATE, 1, 0600);

		if (!CHECK_SYS(s))
			return;
		if ((s & 0x7fff) == (stale & 0x7fff))
			id = s;
		else
			semctl(s, 0, IPC_RMID);
	}
	if (!CHECKF(id >= 0, "index %d of id %d never given out again", stale & 0x7fff, stale))
		return;
	CHECK_NE(id, stale);
	struct sembuf up = { 0, 1, 0 };
	FOR_EACH_VIA(v)
		CHECK_OP_ERR(v, stale, &up, 1, EINVAL);
	CHECK_ERR(semctl(stale, 0, GETVAL), EINVAL);
	CHECK_ERR(semctl(stale, 0, SETVAL, (union semun){ .val = 3 }), EINVAL);
	CHECK_ERR(semctl(stale, 0, IPC_STAT, (union semun){ .buf = &ds }), EINVAL);
	CHECK_ERR(semctl(stale, 0, IPC_RMID), EINVAL);
	CHECK_EQ(getval(id, 0), 0);
	/* SEM_STAT and SEM_STAT_ANY take an index: a full id is reduced to it. */
	CHECK_EQ(semctl(id, 0, SEM_STAT, (union semun){ .buf = &ds }), id);
	CHECK_EQ(semctl(stale, 0, SEM_STAT_ANY, (union semun){ .buf = &ds }), id);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void semctl_semnum_out_of_range_einval(void)
{
	int id = semset(IPC_PRIVATE, 3, 0600);
	const int bad[] = { -1, 3, 4, 65535, INT_MAX, INT_MIN };
	const int cmds[] = { GETVAL, GETPID, GETNCNT, GETZCNT };

	if (!CHECK_SYS(id))
		return;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (size_t c = 0; c < sizeof(cmds) / sizeof(cmds[0]); c++)
			if (!CHECK_ERR(semctl(id, bad[i], cmds[c]), EINVAL))
				CHECKF(0, "(cmd %d, semnum %d)", cmds[c], bad[i]);
		if (!CHECK_ERR(semctl(id, bad[i], SETVAL, (union semun){ .val = 1 }), EINVAL))
			CHECKF(0, "(SETVAL, semnum %d)", bad[i]);
	}
	CHECK_SYS(semctl(id, 2, SETVAL, (union semun){ .val = 4 }));
	CHECK_EQ(getval(id, 2), 4);
	CHECK_EQ(semctl(id, 2, GETNCNT), 0);
	/* GETALL, SETALL and IPC_STAT pay no heed to semnum. */
	unsigned short vals[3] = { 7, 8, 9 };
	CHECK_SYS(semctl(id, -1, SETALL, (union semun){ .array = vals }));
	memset(vals, 0, sizeof(vals));
	CHECK_SYS(semctl(id, 12345, GETALL, (union semun){ .array = vals }));
	CHECK_EQ(vals[2], 9);
	struct semid_ds ds;
	CHECK_SYS(semctl(id, INT_MIN, IPC_STAT, (union semun){ .buf = &ds }));
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* SETVAL's value must be 0..32767: ERANGE, checked before the id. */
static void semctl_setval_out_of_range_erange(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);
	const int bad[] = { -1, SEMVMX_ + 1, 65535, 65536, INT_MAX, INT_MIN };

	if (!CHECK_SYS(id) || !setval(id, 0, 3))
		return;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!CHECK_ERR(semctl(id, 0, SETVAL, (union semun){ .val = bad[i] }), ERANGE))
			CHECKF(0, "(with value %d)", bad[i]);
	CHECK_EQ(getval(id, 0), 3);
	CHECK_ERR(semctl(BAD_ID, 0, SETVAL, (union semun){ .val = -1 }), ERANGE);
	CHECK_ERR(semctl(id, 99, SETVAL, (union semun){ .val = SEMVMX_ + 1 }), ERANGE);
	CHECK_ERR(semctl(-1, 0, SETVAL, (union semun){ .val = -1 }), EINVAL);	/* but id < 0 first */
	CHECK_SYS(semctl(id, 0, SETVAL, (union semun){ .val = SEMVMX_ }));
	CHECK_EQ(getval(id, 0), SEMVMX_);
	CHECK_SYS(semctl(id, 0, SETVAL, (union semun){ .val = 0 }));
	CHECK_EQ(getval(id, 0), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* SETALL checks every value first: one above 32767 and none is set. */
static void semctl_setall_out_of_range_erange(void)
{
	int id = semset(IPC_PRIVATE, 4, 0600);
	unsigned short vals[4] = { 1, 2, SEMVMX_ + 1, 4 }, now[4];

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(semctl(id, 0, SETALL, (union semun){ .array = vals }), ERANGE);
	vals[2] = 3;
	vals[3] = 65535;
	CHECK_ERR(semctl(id, 0, SETALL, (union semun){ .array = vals }), ERANGE);
	CHECK_SYS(semctl(id, 0, GETALL, (union semun){ .array = now }));
	for (int i = 0; i < 4; i++)
		CHECK_EQ(now[i], 0);
	vals[3] = SEMVMX_;
	CHECK_SYS(semctl(id, 0, SETALL, (union semun){ .array = vals }));
	CHECK_SYS(semctl(id, 0, GETALL, (union semun){ .array = now }));
	CHECK_EQ(now[0], 1);
	CHECK_EQ(now[2], 3);
	CHECK_EQ(now[3], SEMVMX_);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* SEM_STAT and SEM_STAT_ANY take an index; an unused one is EINVAL. */
static void semctl_stat_unused_index_einval(void)
{
	struct semid_ds ds;
	union semun arg = { .buf = &ds };

	if (!fresh_ipc_ns())
		return;
	CHECK_ERR(semctl(0, 0, SEM_STAT, arg), EINVAL);
	CHECK_ERR(semctl(0, 0, SEM_STAT_ANY, arg), EINVAL);
	int id = semget(IPC_PRIVATE, 2, 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_EQ(semctl(0, 0, SEM_STAT, arg), id);	/* the first index of a fresh namespace */
	CHECK_EQ(ds.sem_nsems, 2);
	CHECK_EQ(semctl(0, 0, SEM_STAT_ANY, arg), id);
	CHECK_ERR(semctl(1, 0, SEM_STAT, arg), EINVAL);
	CHECK_ERR(semctl(1, 0, SEM_STAT_ANY, arg), EINVAL);
	CHECK_ERR(semctl(32767, 0, SEM_STAT, arg), EINVAL);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
	CHECK_ERR(semctl(0, 0, SEM_STAT, arg), EINVAL);
}

static void semctl_ipc_set_invalid_uid_gid_einval(void)
{
	int id = semset(IPC_PRIVATE, 1, 0600);
	struct semid_ds ds, now;

	if (!CHECK_SYS(id) || !CHECK_SYS(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds })))
		return;
	ds.sem_perm.uid = (uid_t)-1;
	ds.sem_perm.mode = 0666;
	CHECK_ERR(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }), EINVAL);
	ds.sem_perm.uid = 0;
	ds.sem_perm.gid = (gid_t)-1;
	CHECK_ERR(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }), EINVAL);
	now = sem_stat(id);
	CHECK_EQ(now.sem_perm.mode, 0600);	/* nothing changed */
	CHECK_EQ(now.sem_perm.gid, getegid());
	ds.sem_perm.gid = 0;
	CHECK_SYS(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
	CHECK_EQ(sem_stat(id).sem_perm.mode, 0666);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/*
 * Read permission for the commands that read, write permission for those
 * that write; the order against semnum and value checks as Linux has it.
 */
static void semctl_without_permission_eacces(void)
{
	int none = semset(IPC_PRIVATE, 2, 0600), ro = semset(IPC_PRIVATE, 2, 0444);
	int wo = semset(IPC_PRIVATE, 2, 0222);

	if (!CHECK_SYS(none) || !CHECK_SYS(ro) || !CHECK_SYS(wo))
		return;
	setval(none, 0, 5);
	setval(ro, 0, 5);
	setval(wo, 0, 5);
	pid_t pid = ut_fork();
	if (pid == 0) {
		struct semid_ds ds;
		unsigned short vals[2] = { 1, 1 };
		union semun buf = { .buf = &ds }, array = { .array = vals }, one = { .val = 1 };

		if (become(NOBODY, NOBODY, 0)) {
			int idx = index_of(none);

			/* mode 0600, not the owner: nothing */
			CHECK_ERR(semctl(none, 0, IPC_STAT, buf), EACCES);
			if (CHECKF(idx >= 0, "no index found for id %d", none)) {
				CHECK_ERR(semctl(idx, 0, SEM_STAT, buf), EACCES);
				CHECK_EQ(semctl(idx, 0, SEM_STAT_ANY, buf), none);
				CHECK_EQ(ds.sem_perm.mode, 0600);
			}
			CHECK_ERR(semctl(none, 0, GETVAL), EACCES);
			CHECK_ERR(semctl(none, 0, GETPID), EACCES);
			CHECK_ERR(semctl(none, 0, GETNCNT), EACCES);
			CHECK_ERR(semctl(none, 0, GETZCNT), EACCES);
			CHECK_ERR(semctl(none, 0, GETALL, array), EACCES);
			CHECK_ERR(semctl(none, 0, SETVAL, one), EACCES);
			CHECK_ERR(semctl(none, 0, SETALL, array), EACCES);
			/* Orders: GETVAL's semnum after, SETVAL's before, its value first. */
			CHECK_ERR(semctl(none, 9, GETVAL), EACCES);
			CHECK_ERR(semctl(none, 9, SETVAL, one), EINVAL);
			CHECK_ERR(semctl(none, 0, SETVAL, (union semun){ .val = -1 }), ERANGE);
			/* SETALL copies in and checks its values after the permission. */
			vals[0] = SEMVMX_ + 1;
			CHECK_ERR(semctl(none, 0, SETALL, array), EACCES);
			CHECK_ERR(syscall(SYS_semctl, none, 0, SETALL, NULL), EACCES);
			CHECK_ERR(syscall(SYS_semctl, none, 0, GETALL, NULL), EACCES);
			vals[0] = 1;

			/* mode 0444: reading only */
			CHECK_SYS(semctl(ro, 0, IPC_STAT, buf));
			CHECK_EQ(semctl(ro, 0, GETVAL), 5);
			CHECK_EQ(semctl(ro, 0, GETPID), getppid());
			CHECK_EQ(semctl(ro, 1, GETNCNT), 0);
			CHECK_EQ(semctl(ro, 1, GETZCNT), 0);
			CHECK_SYS(semctl(ro, 0, GETALL, array));
			CHECK_EQ(vals[0], 5);
			CHECK_ERR(semctl(ro, 0, SETVAL, one), EACCES);
			CHECK_ERR(semctl(ro, 0, SETALL, array), EACCES);

			/* mode 0222: writing only */
			CHECK_ERR(semctl(wo, 0, IPC_STAT, buf), EACCES);
			CHECK_ERR(semctl(wo, 0, GETVAL), EACCES);
			CHECK_ERR(semctl(wo, 0, GETPID), EACCES);
			CHECK_ERR(semctl(wo, 0, GETNCNT), EACCES);
			CHECK_ERR(semctl(wo, 0, GETALL, array), EACCES);
			CHECK_SYS(semctl(wo, 1, SETVAL, (union semun){ .val = 6 }));
			vals[0] = SEMVMX_ + 1;
			CHECK_ERR(semctl(wo, 0, SETALL, array), ERANGE);
			CHECK_ERR(syscall(SYS_semctl, wo, 0, SETALL, NULL), EFAULT);
			vals[0] = 2;
			vals[1] = 3;
			CHECK_SYS(semctl(wo, 0, SETALL, array));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(getval(none, 0), 5);
	CHECK_EQ(getval(ro, 0), 5);
	CHECK_EQ(getval(wo, 0), 2);
	CHECK_EQ(getval(wo, 1), 3);
	CHECK_SYS(semctl(none, 0, IPC_RMID));
	CHECK_SYS(semctl(ro, 0, IPC_RMID));
	CHECK_SYS(semctl(wo, 0, IPC_RMID));
}

static void semctl_set_rmid_by_non_owner_eperm(void)
{
	int id = semset(IPC_PRIVATE, 1, 0666);	/* permissions do not matter */
	struct semid_ds ds;

	if (!CHECK_SYS(id) || !CHECK_SYS(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds })))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct semid_ds mine = ds;

			mine.sem_perm.uid = NOBODY;
			CHECK_ERR(semctl(id, 0, IPC_SET, (union semun){ .buf = &mine }), EPERM);
			CHECK_ERR(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }), EPERM);
			CHECK_ERR(semctl(id, 0, IPC_RMID), EPERM);
			/* The rest is a matter of mode bits, which allow it. */
			CHECK_SYS(semctl(id, 0, IPC_STAT, (union semun){ .buf = &mine }));
			CHECK_SYS(semctl(id, 0, SETVAL, (union semun){ .val = 2 }));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	ds = sem_stat(id);	/* still there, still root's */
	CHECK_EQ(ds.sem_perm.uid, 0);
	CHECK_EQ(ds.sem_perm.mode, 0666);
	CHECK_EQ(getval(id, 0), 2);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* The creator keeps IPC_SET and IPC_RMID after giving the set away. */
static void semctl_creator_may_set_and_rmid(void)
{
	int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(shared != MAP_FAILED))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0))
			CHECK_SYS(*shared = semset(IPC_PRIVATE, 1, 0600));
		ut_child_exit();
	}
	if (!CHECK_EXITED(pid, 0))
		return;
	int id = *shared;
	struct semid_ds ds = sem_stat(id);
	CHECK_EQ(ds.sem_perm.cuid, NOBODY);
	CHECK_EQ(ds.sem_perm.uid, NOBODY);
	ds.sem_perm.uid = 0;	/* root takes it */
	ds.sem_perm.gid = 0;
	ds.sem_perm.mode = 0;
	CHECK_SYS(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
	pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			union semun arg = { .buf = &ds };

			CHECK_ERR(semctl(id, 0, IPC_STAT, arg), EACCES);	/* mode 0 */
			CHECK_ERR(semctl(id, 0, GETVAL), EACCES);
			ds.sem_perm.uid = 0;
			ds.sem_perm.gid = 0;
			ds.sem_perm.mode = 0644;
			CHECK_SYS(semctl(id, 0, IPC_SET, arg));		/* the creator may */
			CHECK_SYS(semctl(id, 0, IPC_STAT, arg));
			CHECK_EQ(ds.sem_perm.mode, 0644);
			CHECK_SYS(semctl(id, 0, IPC_RMID));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_ERR(semctl(id, 0, GETVAL), EINVAL);
}

/*
 * Which commands read their argument, and whether before or after the id
 * is looked up (see the top of the file).
 */
static void semctl_efault_order_and_commands_that_ignore_arg(void)
{
	void *kernel = (void *)0xffffffff80000000UL;

	CHECK_ERR(syscall(SYS_semctl, BAD_ID, 0, IPC_SET, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_semctl, -1, 0, IPC_SET, NULL), EINVAL);	/* but id < 0 first */
	CHECK_ERR(syscall(SYS_semctl, BAD_ID, 0, IPC_STAT, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_semctl, BAD_ID, 0, GETALL, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_semctl, BAD_ID, 0, SETALL, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_semctl, BAD_ID, 0, IPC_INFO, NULL), EFAULT);	/* no id to look up */
	CHECK_ERR(syscall(SYS_semctl, BAD_ID, 0, SEM_INFO, NULL), EFAULT);
	int id = semset(IPC_PRIVATE, 2, 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(syscall(SYS_semctl, id, 5, GETALL, NULL), EFAULT);	/* semnum ignored */
	CHECK_EQ(syscall(SYS_semctl, id, 0, GETVAL, kernel), 0);
	CHECK_EQ(syscall(SYS_semctl, id, 0, GETPID, kernel), 0);
	CHECK_EQ(syscall(SYS_semctl, id, 0, GETNCNT, kernel), 0);
	CHECK_EQ(syscall(SYS_semctl, id, 0, GETZCNT, kernel), 0);
	CHECK_EQ(syscall(SYS_semctl, id, 0, IPC_RMID, kernel), 0);
	CHECK_ERR(semctl(id, 0, GETVAL), EINVAL);
}

/*
 * EFAULT for each pointer, each kind of bad pointer, as efault.c does:
 * null, unmapped, kernel, non-canonical, and straddling (starts in a
 * mapped page, runs into the hole).
 */
enum kind { NUL, UNMAPPED, KERNEL, NONCANONICAL, STRADDLE, NKINDS };
static const char *const kind_names[NKINDS] = {
	"null", "unmapped", "kernel", "noncanonical", "straddling",
};

enum { EF_NSEMS = 100 };	/* GETALL/SETALL arrays of 200 bytes */

enum target { SEMCTL, SEMOP_SOPS, SEMTIMEDOP_TIMEOUT };

struct efault_case {
	char name[64];
	enum target target;
	int cmd;		/* semctl: the command; semop: the call (enum via) */
	size_t size;		/* of what the kernel copies */
	enum kind kind;
};

static const struct {
	const char *name;
	int cmd;
	size_t size;
} efault_cmds[] = {
	{ "ipc_stat", IPC_STAT, sizeof(struct semid_ds) },
	{ "ipc_set", IPC_SET, sizeof(struct semid_ds) },
	{ "ipc_info", IPC_INFO, sizeof(struct seminfo) },
	{ "sem_info", SEM_INFO, sizeof(struct seminfo) },
	{ "sem_stat", SEM_STAT, sizeof(struct semid_ds) },
	{ "sem_stat_any", SEM_STAT_ANY, sizeof(struct semid_ds) },
	{ "getall", GETALL, EF_NSEMS * sizeof(unsigned short) },
	{ "setall", SETALL, EF_NSEMS * sizeof(unsigned short) },
};
#define NCMDS (sizeof(efault_cmds) / sizeof(efault_cmds[0]))
#define NCASES (NCMDS * NKINDS + NVIAS * NKINDS + NKINDS)
static struct efault_case efault_cases[NCASES];

/* Three pages, the middle one unmapped; the bad pointer of a kind. */
static void *bad_pointer(enum kind kind, char *area, size_t size)
{
	switch (kind) {
	case NUL:
		return NULL;
	case UNMAPPED:
		return area + PAGE;
	case KERNEL:
		return (void *)0xffffffff80000000UL;
	case NONCANONICAL:
		return (void *)0x0000800000000000UL;
	case STRADDLE:		/* the first half readable (the caller fills it) */
		return area + PAGE - size / 2;
	default:
		return NULL;
	}
}

/* The sum of the set's values: a failed call must not have changed one. */
static long sum_of(int id)
{
	long sum = 0;

	for (int i = 0; i < EF_NSEMS; i++)
		sum += getval(id, i);
	return sum;
}

static void semctl_efault(const struct efault_case *c, int id, char *area)
{
	static char good[4096] __attribute__((aligned(64)));
	struct semid_ds ds = sem_stat(id);
	int target = id;
	void *bad = bad_pointer(c->kind, area, c->size);

	/* The id, or the index for SEM_STAT*, or anything for *_INFO. */
	if (c->cmd == SEM_STAT || c->cmd == SEM_STAT_ANY) {
		target = index_of(id);
		if (!CHECKF(target >= 0, "no index found for id %d", id))
			return;
	}
	ds.sem_perm.mode = 0640;	/* what IPC_SET would set */
	memcpy(good, &ds, sizeof(ds));
	if (c->cmd == SETALL)
		for (size_t i = 0; i < EF_NSEMS; i++)
			((unsigned short *)good)[i] = 9;
	if (c->kind == STRADDLE)
		memcpy(bad, good, c->size / 2);
	CHECK_ERR(syscall(SYS_semctl, target, 0, c->cmd, bad), EFAULT);
	/* A failed IPC_SET or SETALL changed nothing, not even from a partial copy. */
	CHECK_EQ(sem_stat(id).sem_perm.mode, 0600);
	CHECK_EQ(sum_of(id), EF_NSEMS);
	/* And the good pointer works. */
	long r = syscall(SYS_semctl, target, 0, c->cmd, good);
	CHECKF(r >= 0, "with a good buffer: returned %ld, errno %d (%s)", r, errno,
	       strerror(errno));
	if (c->cmd == IPC_SET)
		CHECK_EQ(sem_stat(id).sem_perm.mode, 0640);
	if (c->cmd == SETALL)
		CHECK_EQ(sum_of(id), 9 * EF_NSEMS);
	if (c->cmd == GETALL)
		CHECK_EQ(((unsigned short *)good)[EF_NSEMS - 1], 1);
}

/* sops: 100 operations of +1 on semaphore 0, 600 bytes. */
static void semop_efault(const struct efault_case *c, int id, char *area)
{
	enum { NOPS = 100 };
	static struct sembuf good[NOPS];
	void *bad = bad_pointer(c->kind, area, c->size);

	for (int i = 0; i < NOPS; i++)
		good[i] = (struct sembuf){ 0, 1, 0 };
	if (c->kind == STRADDLE)
		memcpy(bad, good, c->size / 2);
	CHECK_OP_ERR((enum via)c->cmd, id, bad, NOPS, EFAULT);
	CHECK_EQ(getval(id, 0), 1);	/* not one operation was done */
	CHECK_OP((enum via)c->cmd, id, good, NOPS);
	CHECK_EQ(getval(id, 0), 1 + NOPS);
}

/* The timeout of an operation that would not even have to wait. */
static void semtimedop_efault(const struct efault_case *c, int id, char *area)
{
	struct sembuf up = { 0, 1, 0 };
	struct timespec good = { 5, 0 };
	void *bad = bad_pointer(c->kind, area, c->size);

	if (c->kind == NUL) {	/* no timeout: allowed, and the call goes on */
		CHECK_EQ(syscall(SYS_semtimedop, id, &up, 1, NULL), 0);
		CHECK_EQ(getval(id, 0), 2);
		return;
	}
	if (c->kind == STRADDLE)
		memcpy(bad, &good, c->size / 2);
	CHECK_ERR(syscall(SYS_semtimedop, id, &up, 1, bad), EFAULT);
	CHECK_EQ(getval(id, 0), 1);
	CHECK_EQ(syscall(SYS_semtimedop, id, &up, 1, &good), 0);
	CHECK_EQ(getval(id, 0), 2);
}

static void efault_case(const void *arg)
{
	const struct efault_case *c = arg;
	char *area = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	unsigned short ones[EF_NSEMS];
	int id = semset(IPC_PRIVATE, EF_NSEMS, 0600);

	if (!CHECK(area != MAP_FAILED) || !CHECK_SYS(munmap(area + PAGE, PAGE)) ||
	    !CHECK_SYS(id))
		return;
	for (int i = 0; i < EF_NSEMS; i++)
		ones[i] = 1;
	if (!CHECK_SYS(semctl(id, 0, SETALL, (union semun){ .array = ones })))
		return;
	switch (c->target) {
	case SEMCTL:
		semctl_efault(c, id, area);
		break;
	case SEMOP_SOPS:
		semop_efault(c, id, area);
		break;
	case SEMTIMEDOP_TIMEOUT:
		semtimedop_efault(c, id, area);
		break;
	}
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void run_efault_cases(void)
{
	size_t n = 0;

	for (size_t i = 0; i < NCMDS; i++)
		for (int k = 0; k < NKINDS; k++) {
			struct efault_case *c = &efault_cases[n++];

			snprintf(c->name, sizeof(c->name), "semctl_efault_%s_%s",
				 efault_cmds[i].name, kind_names[k]);
			c->target = SEMCTL;
			c->cmd = efault_cmds[i].cmd;
			c->size = efault_cmds[i].size;
			c->kind = (enum kind)k;
		}
	FOR_EACH_VIA(v)
		for (int k = 0; k < NKINDS; k++) {
			struct efault_case *c = &efault_cases[n++];

			snprintf(c->name, sizeof(c->name), "%s_efault_sops_%s", via_names[v],
				 kind_names[k]);
			c->target = SEMOP_SOPS;
			c->cmd = v;
			c->size = 100 * sizeof(struct sembuf);
			c->kind = (enum kind)k;
		}
	for (int k = 0; k < NKINDS; k++) {
		struct efault_case *c = &efault_cases[n++];

		snprintf(c->name, sizeof(c->name), "semtimedop_efault_timeout_%s%s",
			 kind_names[k], k == NUL ? "_means_none" : "");
		c->target = SEMTIMEDOP_TIMEOUT;
		c->size = sizeof(struct timespec);
		c->kind = (enum kind)k;
	}
	for (size_t i = 0; i < n; i++) {
		ut_run_with(efault_cases[i].name, efault_case, &efault_cases[i]);
		reg_sweep();
	}
}

int main(int argc, char **argv)
{
	if (!reg_init("sem_errno"))
		return 1;
	ut_init(argc, argv);
	SEM_RUN(semget_nsems_negative_or_above_semmsl_einval);
	SEM_RUN(semget_nsems_zero_for_new_set_einval);
	SEM_RUN(semget_existing_key_more_nsems_einval);
	SEM_RUN(semget_create_excl_existing_eexist);
	SEM_RUN(semget_missing_key_enoent);
	SEM_RUN(semget_without_permission_eacces);
	SEM_RUN(semget_all_ids_used_enospc);
	SEM_RUN(semop_nsops_zero_einval);
	SEM_RUN(semop_nsops_above_semopm_e2big);
	SEM_RUN(semop_bad_id_einval);
	SEM_RUN(semop_sem_num_out_of_range_efbig);
	SEM_RUN(semop_without_permission_eacces);
	SEM_RUN(semop_would_block_nowait_eagain);
	SEM_RUN(semop_nowait_of_the_blocking_operation_decides);
	SEM_RUN(semop_value_above_semvmx_erange);
	SEM_RUN(semop_first_failing_operation_decides);
	SEM_RUN(semop_undo_adjustment_out_of_range_erange);
	SEM_RUN(semop_error_precedence);
	SEM_RUN(semtimedop_invalid_timeout_einval);
	SEM_RUN(semtimedop_timeout_eagain);
	SEM_RUN(semop_sleeper_removed_eidrm);
	SEM_RUN(semop_signal_eintr_without_sa_restart);
	SEM_RUN(semop_signal_eintr_even_with_sa_restart);
	SEM_RUN(semop_ignored_signal_no_eintr);
	SEM_RUN(int_arguments_use_their_low_32_bits);
	SEM_RUN(semctl_bad_cmd_einval);
	SEM_RUN(semctl_bad_id_einval);
	SEM_RUN(stale_id_on_reused_index_einval);
	SEM_RUN(semctl_semnum_out_of_range_einval);
	SEM_RUN(semctl_setval_out_of_range_erange);
	SEM_RUN(semctl_setall_out_of_range_erange);
	SEM_RUN(semctl_stat_unused_index_einval);
	SEM_RUN(semctl_ipc_set_invalid_uid_gid_einval);
	SEM_RUN(semctl_without_permission_eacces);
	SEM_RUN(semctl_set_rmid_by_non_owner_eperm);
	SEM_RUN(semctl_creator_may_set_and_rmid);
	SEM_RUN(semctl_efault_order_and_commands_that_ignore_arg);
	run_efault_cases();
	return ut_done();
}
