/*
 * ipc_fuzz.c - random System V IPC calls, bad arguments and all: the
 * kernel must answer every one with a result or an error its man page
 * lists, never crash, never hang, and give back every byte when the
 * objects are gone.
 *
 * Each case runs one seed: a worker process unshares its IPC namespace
 * (so that nothing of the host's is touched), makes thousands of calls
 * of semget/semop/semtimedop/semctl, msgget/msgsnd/msgrcv/msgctl and
 * shmget/shmat/shmdt/shmctl with arguments drawn from a fixed
 * pseudo-random sequence, now and then forks a child that takes SEM_UNDO
 * operations and exits, then removes everything it can find (the
 * *_STAT scans) and checks that SEM_INFO, MSG_INFO and SHM_INFO count
 * nothing. Its namespace dies with it; the case then checks that
 * sysinfo().freeram is back where it was (exactly on keyhole).
 *
 * Arguments are mostly near the edges: ids that exist, were removed or
 * never were, counts of 0, 1 and huge, every command number, and
 * pointers that are NULL, in the kernel, non-canonical, just below the
 * end of user space, or straddling the end of a buffer that has an
 * unmapped page after it. Nothing can block: messages go with
 * IPC_NOWAIT, and semaphore operations that might sleep go through
 * semtimedop with a timeout of 1 ms (or a bad timeout pointer, which must
 * be EFAULT before anything happens).
 *
 * The results differ between Linux and keyhole (ids differ, and so does
 * what exists); what is checked is the same on both: the errno of every
 * failure, the worker's clean exit, the empty namespace, the memory.
 */
#include "utest.h"

#include <sched.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>

#define CALLS           10000   /* per seed */
#define BUF_SIZE        65536
#define NIDS            16
#define NATTACH         8

#ifndef MSG_COPY
#define MSG_COPY        040000
#endif
#ifndef SEM_STAT_ANY
#define SEM_STAT_ANY    20
#endif
#ifndef MSG_STAT_ANY
#define MSG_STAT_ANY    13
#endif
#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY    15
#endif

/* The worker's state. */
static uint64_t rng;
static char *buf;                       /* BUF_SIZE, then an unmapped page */
static long ids[NIDS];                  /* ids of every kind, some stale */
static void *attached[NATTACH];         /* shmat results, for shmdt */

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* An integer argument: small, an id, negative, huge, a power of two. */
static long rand_int(void)
{
	switch (rnd() % 10) {
	case 0: return 0;
	case 1: return -1;
	case 2: return (long)(rnd() % 8);
	case 3: return ids[rnd() % NIDS];
	case 4: return (long)rnd();
	case 5: return (int)rnd();
	case 6: return 1L << (rnd() % 63);
	case 7: return (long)(rnd() % 40000);
	case 8: return -(long)(rnd() % 10);
	default: return (long)(rnd() % 32);
	}
}

/* A pointer argument: into buf, straddling its end, or never mapped. */
static void *rand_ptr(void)
{
	switch (rnd() % 8) {
	case 0: return NULL;
	case 1: return buf + rnd() % BUF_SIZE;
	case 2: return buf + BUF_SIZE - rnd() % 64;
	case 3: return (void *)0xffff888000000000UL;           /* the kernel */
	case 4: return (void *)(0x0000800000000000UL - rnd() % 64); /* the top */
	case 5: return (void *)0x8000000000000000UL;           /* non-canonical */
	default: return buf;
	}
}

/* IPC flags: create, exclusive, modes, and the receive options. */
static int rand_flags(void)
{
	int f = 0;

	if (rnd() % 3 == 0)
		f |= IPC_CREAT;
	if (rnd() % 8 == 0)
		f |= IPC_EXCL;
	if (rnd() % 4 == 0)
		f |= (int)(rnd() % 01000);
	if (rnd() % 5 == 0)
		f |= MSG_NOERROR;
	if (rnd() % 5 == 0)
		f |= MSG_EXCEPT;
	if (rnd() % 8 == 0)
		f |= MSG_COPY;
	if (rnd() % 10 == 0)
		f = (int)rnd();
	return f;
}

static key_t rand_key(void)
{
	return rnd() % 4 ? IPC_PRIVATE : (key_t)(rnd() % 4 + 1);
}

static void remember(long id)
{
	if (id >= 0)
		ids[rnd() % NIDS] = id;
}

/*
 * A call returned r: -1 with an errno its man page lists (allowed, a list
 * ending in 0), or a value >= 0.
 */
static void check_result(const char *call, long r, const int *allowed)
{
	if (r >= 0)
		return;
	int e = errno;
	for (const int *a = allowed; *a; a++)
		if (*a == e)
			return;
	CHECKF(0, "%s returned %ld, errno %d (%s), which its man page does not list", call, r,
	       e, strerror(e));
}

/* The errors each call's man page lists, ending in 0. */
static const int semget_errors[] = { EACCES, EEXIST, EINVAL, ENOENT, ENOMEM, ENOSPC, 0 };
static const int semop_errors[] = { E2BIG, EACCES, EAGAIN, EFAULT, EFBIG, EIDRM, EINTR,
				    EINVAL, ENOMEM, ERANGE, 0 };
static const int semctl_errors[] = { EACCES, EFAULT, EIDRM, EINVAL, EPERM, ERANGE, 0 };
static const int msgget_errors[] = { EACCES, EEXIST, ENOENT, ENOMEM, ENOSPC, 0 };
static const int msgsnd_errors[] = { EACCES, EAGAIN, EFAULT, EIDRM, EINTR, EINVAL, ENOMEM, 0 };
static const int msgrcv_errors[] = { E2BIG, EACCES, EFAULT, EIDRM, EINTR, EINVAL, ENOMSG,
				     ENOSYS, 0 };
static const int msgctl_errors[] = { EACCES, EFAULT, EIDRM, EINVAL, EPERM, 0 };
static const int shmget_errors[] = { EACCES, EEXIST, EINVAL, ENFILE, ENOENT, ENOMEM, ENOSPC,
				     EPERM, 0 };
static const int shmat_errors[] = { EACCES, EIDRM, EINVAL, ENOMEM, 0 };
static const int shmdt_errors[] = { EINVAL, 0 };
static const int shmctl_errors[] = { EACCES, EFAULT, EIDRM, EINVAL, ENOMEM, EOVERFLOW, EPERM,
				     0 };

/* semop/semtimedop on operations that are mostly sensible. */
static void fuzz_semop(void)
{
	struct sembuf *sops = (struct sembuf *)buf;
	struct timespec ms = { 0, 1000000 };
	long nsops = 1 + (long)(rnd() % 6);

	for (long i = 0; i < nsops; i++) {
		sops[i].sem_num = (unsigned short)(rnd() % 5);
		sops[i].sem_op = (short)((int)(rnd() % 7) - 3);
		sops[i].sem_flg = (short)((rnd() % 2 ? IPC_NOWAIT : 0) | (rnd() % 2 ? SEM_UNDO : 0));
	}
	if (rnd() % 4 == 0)
		nsops = rand_int();
	/* Never NULL: that would be a sleep without end. */
	void *timeout = rnd() % 8 ? (void *)&ms : (void *)0xffff888000000000UL;
	long r = syscall(SYS_semtimedop, ids[rnd() % NIDS], rnd() % 8 ? (void *)sops : rand_ptr(),
			 nsops, timeout);
	check_result("semtimedop", r, semop_errors);
}

/* semctl with any command and any argument. */
static void fuzz_semctl(void)
{
	int cmd = (int)(rnd() % 22);
	long arg = rnd() % 2 ? (long)rand_ptr() : rand_int();

	if (cmd == SETALL && rnd() % 2) {
		/* Mostly valid values, so that SETALL really sets. */
		unsigned short *vals = (unsigned short *)buf;
		for (int i = 0; i < 64; i++)
			vals[i] = (unsigned short)(rnd() % 4);
		arg = (long)buf;
	}
	long r = syscall(SYS_semctl, rand_int(), rand_int(), cmd, arg);
	check_result("semctl", r, semctl_errors);
}

static void fuzz_msgsnd(void)
{
	long *mtype = (long *)(buf + 8 * (rnd() % 16));

	*mtype = rnd() % 4 ? (long)(rnd() % 5 + 1) : rand_int();
	long r = syscall(SYS_msgsnd, rand_int(), rnd() % 4 ? (void *)mtype : rand_ptr(),
			 rnd() % 3 ? (long)(rnd() % 9000) : rand_int(), rand_flags() | IPC_NOWAIT);
	check_result("msgsnd", r, msgsnd_errors);
}

static void fuzz_msgrcv(void)
{
	void *to = rnd() % 4 ? (void *)buf : rand_ptr();
	long r = syscall(SYS_msgrcv, rand_int(), to,
			 rnd() % 3 ? (long)(rnd() % 9000) : rand_int(),
			 rnd() % 3 ? (long)(rnd() % 11) - 5 : rand_int(), rand_flags() | IPC_NOWAIT);
	check_result("msgrcv", r, msgrcv_errors);
}

static void fuzz_shm(void)
{
	long r;

	switch (rnd() % 4) {
	case 0: {
		size_t size = rnd() % 4 ? rnd() % (1 << 20) : (size_t)rand_int();
		r = syscall(SYS_shmget, rand_key(), size, rand_flags());
		check_result("shmget", r, shmget_errors);
		remember(r);
		break;
	}
	case 1: {
		int flags = (rnd() % 2 ? SHM_RDONLY : 0) | (rnd() % 4 ? 0 : SHM_RND);
		void *addr = rnd() % 4 ? NULL : rand_ptr();
		if (addr == buf)
			addr = NULL;            /* not over our own buffer */
		if (addr && (char *)addr >= buf && (char *)addr < buf + BUF_SIZE + 4096)
			addr = (void *)0x8000000000000000UL;
		r = syscall(SYS_shmat, rand_int(), addr, flags);
		if (r == -1) {
			check_result("shmat", r, shmat_errors);
		} else {
			/* Keep every attachment, so that all can be detached. */
			int k = (int)(rnd() % NATTACH);
			if (attached[k])
				CHECK_SYS(shmdt(attached[k]));
			attached[k] = (void *)r;
		}
		break;
	}
	case 2: {
		int k = (int)(rnd() % NATTACH);
		if (attached[k]) {
			r = syscall(SYS_shmdt, attached[k]);
			check_result("shmdt", r, shmdt_errors);
			attached[k] = NULL;
		}
		break;
	}
	default:
		r = syscall(SYS_shmctl, rand_int(), (int)(rnd() % 17), rand_ptr());
		check_result("shmctl", r, shmctl_errors);
		break;
	}
}

/* A child that takes SEM_UNDO operations and exits, so exit undoes them. */
static void fork_undo_child(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sembuf op = { (unsigned short)(rnd() % 3), (short)(rnd() % 3),
				     SEM_UNDO | IPC_NOWAIT };
		for (int i = 0; i < NIDS; i++)
			syscall(SYS_semop, ids[i], &op, 1L);
		_exit(0);
	}
	if (CHECK_SYS(pid))
		CHECK_EXITED(pid, 0);
}

static void one_call(void)
{
	long r;

	switch (rnd() % 9) {
	case 0:
		r = syscall(SYS_semget, rand_key(), rnd() % 4 ? (long)(rnd() % 6) : rand_int(),
			    rand_flags());
		check_result("semget", r, semget_errors);
		remember(r);
		break;
	case 1:
	case 2:
		fuzz_semop();
		break;
	case 3:
		fuzz_semctl();
		break;
	case 4:
		r = syscall(SYS_msgget, rand_key(), rand_flags());
		check_result("msgget", r, msgget_errors);
		remember(r);
		break;
	case 5:
		fuzz_msgsnd();
		break;
	case 6:
		fuzz_msgrcv();
		break;
	case 7:
		r = syscall(SYS_msgctl, rand_int(), (int)(rnd() % 16), rand_ptr());
		check_result("msgctl", r, msgctl_errors);
		break;
	default:
		fuzz_shm();
		break;
	}
}

/* Remove every set, queue and segment of the namespace; check the counts. */
static void remove_everything(void)
{
	struct semid_ds sd;
	struct msqid_ds md;
	struct shmid_ds shd;
	struct seminfo si;
	struct msginfo mi;
	struct shm_info shi;

	for (int k = 0; k < NATTACH; k++)
		if (attached[k])
			shmdt(attached[k]);
	int maxsem = semctl(0, 0, SEM_INFO, &si);
	for (int idx = 0; idx <= maxsem; idx++) {
		int id = semctl(idx, 0, SEM_STAT_ANY, &sd);
		if (id >= 0)
			CHECK_SYS(semctl(id, 0, IPC_RMID));
	}
	int maxmsg = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi);
	for (int idx = 0; idx <= maxmsg; idx++) {
		int id = msgctl(idx, MSG_STAT_ANY, &md);
		if (id >= 0)
			CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	}
	int maxshm = shmctl(0, SHM_INFO, (struct shmid_ds *)&shi);
	for (int idx = 0; idx <= maxshm; idx++) {
		int id = shmctl(idx, SHM_STAT_ANY, &shd);
		if (id >= 0)
			CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	}
	CHECK_SYS(semctl(0, 0, SEM_INFO, &si));
	CHECKF(si.semusz == 0 && si.semaem == 0, "SEM_INFO after removal: %d sets, %d semaphores",
	       si.semusz, si.semaem);
	CHECK_SYS(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi));
	CHECKF(mi.msgpool == 0 && mi.msgmap == 0 && mi.msgtql == 0,
	       "MSG_INFO after removal: %d queues, %d messages, %d bytes", mi.msgpool, mi.msgmap,
	       mi.msgtql);
	CHECK_SYS(shmctl(0, SHM_INFO, (struct shmid_ds *)&shi));
	CHECKF(shi.used_ids == 0 && shi.shm_tot == 0, "SHM_INFO after removal: %d segments, %lu pages",
	       shi.used_ids, (unsigned long)shi.shm_tot);
}

/* The worker: a namespace of its own, calls random calls, cleans up. */
static void worker(uint64_t seed, int calls)
{
	rng = seed;
	if (!CHECK_SYS(unshare(CLONE_NEWIPC)))
		return;
	buf = mmap(NULL, BUF_SIZE + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	if (!CHECK(buf != MAP_FAILED) || !CHECK_SYS(munmap(buf + BUF_SIZE, 4096)))
		return;
	memset(buf, 0x5a, BUF_SIZE);
	for (int i = 0; i < NIDS; i++)
		ids[i] = -1;
	for (int i = 0; i < calls && ut_nfail < 5; i++) {
		one_call();
		if (i % 2500 == 0)
			fork_undo_child();
	}
	remove_everything();
}

/* One seed: run the worker, then check that everything came back. */
static void run_seed(const void *arg)
{
	uint64_t seed = *(const uint64_t *)arg;
	long before = 0;

	/* Once for the caches and page tables, then once measured. */
	for (int round = 0; round < 2; round++) {
		if (round == 1)
			before = ut_freeram();
		pid_t pid = ut_fork();
		if (pid == 0) {
			worker(seed, round ? CALLS : 200);
			ut_child_exit();
		}
		if (!CHECK_SYS(pid) || !CHECK_EXITED(pid, 0))
			return;
	}
	/* Linux frees a dead IPC namespace a little later, from a work
	 * queue: give it up to 3 s. keyhole frees it at the exit. */
	long limit = ut_on_linux() ? UT_LINUX_TOLERANCE : 0, drop;
	for (int tries = 0; (drop = before - ut_freeram()) > limit && tries < 30; tries++)
		usleep(100000);
	if (ut_on_linux())
		CHECKF(drop <= UT_LINUX_TOLERANCE, "freeram dropped by %ld KiB on Linux", drop >> 10);
	else
		CHECKF(drop == 0, "freeram dropped by %ld bytes (%ld pages) over %d calls", drop,
		       drop / 4096, CALLS);
}

static const uint64_t seeds[] = { 0x9e3779b97f4a7c15ULL, 0x2545f4914f6cdd1dULL,
				  0xd1b54a32d192ed03ULL };

int main(int argc, char **argv)
{
	char name[64];

	ut_init(argc, argv);
	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		snprintf(name, sizeof(name), "random_ipc_calls_seed_%zu", i);
		ut_run_with(name, run_seed, &seeds[i]);
	}
	return ut_done();
}
