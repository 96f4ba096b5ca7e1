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
 * The second kind of case puts sleepers under fire: four processes make
 * blocking semop/semtimedop/msgsnd/msgrcv calls on one shared set and
 * queue (short timeouts, alarms that interrupt them) and attach a shared
 * segment, while the worker SIGKILLs them, stops and continues them, and
 * runs every ctl command of semctl, msgctl and shmctl in bursts, IPC_SET,
 * SETVAL, SETALL and IPC_RMID included, removing and re-creating the set,
 * the queue and the segment under them; then the same checks.
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

/* Did a call that returned r succeed, or fail with an errno in allowed
 * (a list ending in 0)? */
static bool result_ok(long r, const int *allowed)
{
	if (r >= 0)
		return true;
	for (const int *a = allowed; *a; a++)
		if (*a == errno)
			return true;
	return false;
}

/* A call returned r: a value >= 0, or -1 with an errno its man page lists. */
static void check_result(const char *call, long r, const int *allowed)
{
	int e = errno;

	CHECKF(result_ok(r, allowed), "%s returned %ld, errno %d (%s), which its man page does not list",
	       call, r, e, strerror(e));
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

/*
 * ---- sleepers under fire ----
 *
 * CHURNERS processes share one semaphore set, one queue and one segment
 * and make blocking calls on them (short timeouts, alarms that
 * interrupt), and attach and detach the segment; half of them run as
 * nobody, so that permissions matter. Meanwhile the worker SIGKILLs and
 * replaces churners, stops and continues them, and fires bursts of one to
 * four ctl commands, back to back, with no pause in between: any command
 * of semctl, msgctl or shmctl (IPC_STAT, IPC_SET with new modes and
 * msg_qbytes, IPC_INFO, the *_INFO, *_STAT and *_STAT_ANY commands,
 * GETVAL, GETALL, GETPID, GETNCNT, GETZCNT, SETVAL, SETALL, SHM_LOCK,
 * SHM_UNLOCK), and IPC_RMID, which replaces the object with a new one
 * for the churners' next call. So a command that wakes sleepers (IPC_SET,
 * SETVAL, SETALL) is often followed at once by the removal of what they
 * sleep on, before they have run again. The worker's own commands must
 * succeed (it is root and names objects that exist); every failure a
 * churner sees must have an errno its man page lists, and a churner that
 * sees another records it in the shared page.
 */
#define CHURNERS        4
#define FIRE_ROUNDS     200
#define SEG_SIZE        (2 * 4096)

struct battlefield {
	int semid, msqid, shmid;        /* what the churners' next calls use */
	int bad_errno;                  /* the first unlisted errno a churner saw */
	char bad_call[16];
	int eidrm;                      /* sleepers that saw their object go */
};

static struct battlefield *field;

static void note_result(const char *call, long r, const int *allowed)
{
	if (r == -1 && errno == EIDRM)
		__atomic_fetch_add(&field->eidrm, 1, __ATOMIC_RELAXED);
	if (!result_ok(r, allowed) && !field->bad_errno) {
		field->bad_errno = errno;
		snprintf(field->bad_call, sizeof(field->bad_call), "%s", call);
	}
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* Attach the segment, touch it, detach it. */
static void churn_shm(void)
{
	int rdonly = rnd() % 2;
	char *p = shmat(field->shmid, NULL, rdonly ? SHM_RDONLY : 0);

	if (p == (char *)-1) {
		note_result("shmat", -1, shmat_errors);
		return;
	}
	if (rdonly)
		(void)*(volatile char *)(p + rnd() % SEG_SIZE);
	else
		*(volatile char *)(p + rnd() % SEG_SIZE) = 1;
	note_result("shmdt", shmdt(p), shmdt_errors);
}

static __attribute__((noreturn)) void churner(uint64_t seed)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct msgbuf_big {
		long mtype;
		char mtext[512];
	} m;

	rng = seed;
	sigaction(SIGALRM, &sa, NULL);
	if (seed % 2 && (setgid(65534) || setuid(65534)))
		_exit(3);                       /* as nobody: permissions matter */
	for (;;) {
		struct sembuf ops[3];
		int n = 1 + (int)(rnd() % 3);
		for (int i = 0; i < n; i++) {
			ops[i].sem_num = (unsigned short)(rnd() % 4);
			ops[i].sem_op = (short)((int)(rnd() % 5) - 2);
			ops[i].sem_flg = (short)((rnd() % 2 ? SEM_UNDO : 0) |
						 (rnd() % 4 ? 0 : IPC_NOWAIT));
		}
		struct timespec ts = { 0, (long)(rnd() % 3000000) };
		if (rnd() % 8 == 0) {
			ualarm(1000, 0);        /* semop without a timeout: EINTR */
			note_result("semop", semop(field->semid, ops, (size_t)n), semop_errors);
			ualarm(0, 0);
		} else {
			note_result("semtimedop", semtimedop(field->semid, ops, (size_t)n, &ts),
				    semop_errors);
		}
		m.mtype = 1 + (long)(rnd() % 5);
		int wait = rnd() % 2 == 0;
		if (wait)
			ualarm(3000, 0);
		if (rnd() % 2)
			note_result("msgsnd", msgsnd(field->msqid, &m, rnd() % 512, wait ? 0 : IPC_NOWAIT),
				    msgsnd_errors);
		else
			note_result("msgrcv", msgrcv(field->msqid, &m, rnd() % 512, (long)(rnd() % 11) - 5,
						     (wait ? 0 : IPC_NOWAIT) |
						     (rnd() % 2 ? MSG_NOERROR : 0) |
						     (rnd() % 5 ? 0 : MSG_EXCEPT)),
				    msgrcv_errors);
		if (wait)
			ualarm(0, 0);
		if (rnd() % 4 == 0)
			churn_shm();
	}
}

static pid_t spawn_churner(uint64_t seed)
{
	pid_t pid = fork();

	if (pid == 0)
		churner(seed);
	return pid;
}

/* A mode for IPC_SET: mostly open to all, now and then the owner's only. */
static int fire_mode(void)
{
	static const int modes[] = { 0666, 0666, 0666, 0600, 0644, 0622 };

	return modes[rnd() % 6];
}

/* The index of the object id in its table, found as `ipcs` does: a
 * *_STAT_ANY scan up to the highest index in use. -1 if none. */
static int index_of(int kind, int id)
{
	union { struct semid_ds sem; struct msqid_ds msg; struct shmid_ds shm; } ds;
	union { struct seminfo sem; struct msginfo msg; struct shm_info shm; } info;
	int max = kind == 0 ? semctl(0, 0, SEM_INFO, &info.sem) :
		  kind == 1 ? msgctl(0, MSG_INFO, (struct msqid_ds *)&info.msg) :
			      shmctl(0, SHM_INFO, (struct shmid_ds *)&info.shm);

	for (int i = 0; i <= max; i++) {
		int r = kind == 0 ? semctl(i, 0, SEM_STAT_ANY, &ds.sem) :
			kind == 1 ? msgctl(i, MSG_STAT_ANY, &ds.msg) : shmctl(i, SHM_STAT_ANY, &ds.shm);
		if (r == id)
			return i;
	}
	return -1;
}

/* IPC_RMID: the churners' next calls go to a new object; the old one goes. */
static void fire_rmid(int kind)
{
	int old;

	switch (kind) {
	case 0:
		old = field->semid;
		CHECK_SYS(field->semid = semget(IPC_PRIVATE, 4, 0666));
		CHECK_SYS(semctl(old, 0, IPC_RMID));
		break;
	case 1:
		old = field->msqid;
		CHECK_SYS(field->msqid = msgget(IPC_PRIVATE, 0666));
		CHECK_SYS(msgctl(old, IPC_RMID, NULL));
		break;
	default:                /* goes at the last detach; its id works until then */
		old = field->shmid;
		CHECK_SYS(field->shmid = shmget(IPC_PRIVATE, SEG_SIZE, 0666));
		CHECK_SYS(shmctl(old, IPC_RMID, NULL));
		break;
	}
}

/* One semctl command on the churners' set; each must work. */
static void fire_semctl(bool rmid)
{
	static const int cmds[] = { IPC_STAT, IPC_SET, IPC_INFO, SEM_INFO, SEM_STAT, SEM_STAT_ANY,
				    GETVAL, GETALL, GETPID, GETNCNT, GETZCNT, SETVAL, SETALL,
				    IPC_RMID };
	int id = field->semid, cmd = rmid ? IPC_RMID : cmds[rnd() % (sizeof(cmds) / sizeof(cmds[0]))];
	int num = (int)(rnd() % 4), idx;
	unsigned short vals[4];
	struct semid_ds ds;
	struct seminfo info;

	switch (cmd) {
	case IPC_STAT:
		CHECK_SYS(semctl(id, 0, IPC_STAT, &ds));
		break;
	case IPC_SET:
		if (CHECK_SYS(semctl(id, 0, IPC_STAT, &ds))) {
			ds.sem_perm.mode = (unsigned short)fire_mode();
			CHECK_SYS(semctl(id, 0, IPC_SET, &ds));
		}
		break;
	case IPC_INFO:
	case SEM_INFO:
		CHECK_SYS(semctl(0, 0, cmd, &info));
		break;
	case SEM_STAT:
	case SEM_STAT_ANY:
		idx = index_of(0, id);
		CHECKF(idx >= 0 && semctl(idx, 0, cmd, &ds) == id, "semctl(%d, %s): %s", idx,
		       cmd == SEM_STAT ? "SEM_STAT" : "SEM_STAT_ANY", strerror(errno));
		break;
	case GETALL:
		CHECK_SYS(semctl(id, 0, GETALL, vals));
		break;
	case SETVAL:
		CHECK_SYS(semctl(id, num, SETVAL, (int)(rnd() % 3)));
		break;
	case SETALL:
		for (int i = 0; i < 4; i++)
			vals[i] = (unsigned short)(rnd() % 3);
		CHECK_SYS(semctl(id, 0, SETALL, vals));
		break;
	case IPC_RMID:
		fire_rmid(0);
		break;
	default:                /* GETVAL GETPID GETNCNT GETZCNT */
		CHECKF(semctl(id, num, cmd) >= 0, "semctl(%d, %d, %d): %s", id, num, cmd,
		       strerror(errno));
		break;
	}
}

/* One msgctl command on the churners' queue; each must work. */
static void fire_msgctl(bool rmid)
{
	static const int cmds[] = { IPC_STAT, IPC_SET, IPC_INFO, MSG_INFO, MSG_STAT,
				    MSG_STAT_ANY, IPC_RMID };
	static const unsigned long qbytes[] = { 0, 64, 512, 16384 };
	int id = field->msqid, cmd = rmid ? IPC_RMID : cmds[rnd() % (sizeof(cmds) / sizeof(cmds[0]))];
	int idx;
	struct msqid_ds ds;
	struct msginfo info;

	switch (cmd) {
	case IPC_STAT:
		CHECK_SYS(msgctl(id, IPC_STAT, &ds));
		break;
	case IPC_SET:           /* new modes, and room for more or fewer bytes */
		if (CHECK_SYS(msgctl(id, IPC_STAT, &ds))) {
			ds.msg_perm.mode = (unsigned short)fire_mode();
			ds.msg_qbytes = qbytes[rnd() % 4];
			CHECK_SYS(msgctl(id, IPC_SET, &ds));
		}
		break;
	case IPC_INFO:
	case MSG_INFO:
		CHECK_SYS(msgctl(0, cmd, (struct msqid_ds *)&info));
		break;
	case MSG_STAT:
	case MSG_STAT_ANY:
		idx = index_of(1, id);
		CHECKF(idx >= 0 && msgctl(idx, cmd, &ds) == id, "msgctl(%d, %s): %s", idx,
		       cmd == MSG_STAT ? "MSG_STAT" : "MSG_STAT_ANY", strerror(errno));
		break;
	default:
		fire_rmid(1);
		break;
	}
}

/* One shmctl command on the churners' segment; each must work. */
static void fire_shmctl(bool rmid)
{
	static const int shm_lock_errors[] = { EPERM, ENOMEM, 0 };
	static const int cmds[] = { IPC_STAT, IPC_SET, IPC_INFO, SHM_INFO, SHM_STAT,
				    SHM_STAT_ANY, SHM_LOCK, SHM_UNLOCK, IPC_RMID };
	int id = field->shmid, cmd = rmid ? IPC_RMID : cmds[rnd() % (sizeof(cmds) / sizeof(cmds[0]))];
	int idx;
	struct shmid_ds ds;
	struct shm_info info;

	switch (cmd) {
	case IPC_STAT:
		CHECK_SYS(shmctl(id, IPC_STAT, &ds));
		break;
	case IPC_SET:
		if (CHECK_SYS(shmctl(id, IPC_STAT, &ds))) {
			ds.shm_perm.mode = (unsigned short)fire_mode();
			CHECK_SYS(shmctl(id, IPC_SET, &ds));
		}
		break;
	case IPC_INFO:
	case SHM_INFO:
		CHECK_SYS(shmctl(0, cmd, (struct shmid_ds *)&info));
		break;
	case SHM_STAT:
	case SHM_STAT_ANY:
		idx = index_of(2, id);
		CHECKF(idx >= 0 && shmctl(idx, cmd, &ds) == id, "shmctl(%d, %s): %s", idx,
		       cmd == SHM_STAT ? "SHM_STAT" : "SHM_STAT_ANY", strerror(errno));
		break;
	case SHM_LOCK:          /* a container's root may lack CAP_IPC_LOCK */
	case SHM_UNLOCK:
		check_result(cmd == SHM_LOCK ? "SHM_LOCK" : "SHM_UNLOCK", shmctl(id, cmd, NULL),
			     shm_lock_errors);
		break;
	default:
		fire_rmid(2);
		break;
	}
}

/*
 * One to four ctl commands on one kind of object, mostly, and half the
 * time its removal right after them, before any sleeper they woke has
 * had the time to run.
 */
static void fire_burst(void)
{
	static void (*const fire[3])(bool rmid) = { fire_semctl, fire_msgctl, fire_shmctl };
	int kind = (int)(rnd() % 3);

	for (int n = 1 + (int)(rnd() % 4); n > 0; n--)
		fire[rnd() % 4 ? (uint64_t)kind : rnd() % 3](false);
	if (rnd() % 2)
		fire[kind](true);
}

static void under_fire(uint64_t seed, int rounds)
{
	pid_t pids[CHURNERS];

	rng = seed;
	if (!CHECK_SYS(unshare(CLONE_NEWIPC)))
		return;
	field = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(field != MAP_FAILED))
		return;
	if (!CHECK_SYS(field->semid = semget(IPC_PRIVATE, 4, 0666)) ||
	    !CHECK_SYS(field->msqid = msgget(IPC_PRIVATE, 0666)) ||
	    !CHECK_SYS(field->shmid = shmget(IPC_PRIVATE, SEG_SIZE, 0666)))
		return;
	for (int i = 0; i < CHURNERS; i++)
		if (!CHECK_SYS(pids[i] = spawn_churner(seed + (uint64_t)i + 1)))
			return;
	for (int r = 0; r < rounds && ut_nfail < 5; r++) {
		int k = (int)(rnd() % CHURNERS);

		usleep(1000 + (useconds_t)(rnd() % 4000));
		switch (rnd() % 6) {
		case 0:         /* killed in the middle of whatever it does */
			CHECK_SYS(kill(pids[k], SIGKILL));
			CHECK(ut_wait(pids[k]) != -1);
			CHECK_SYS(pids[k] = spawn_churner(rnd()));
			break;
		case 1:         /* stopped while it sleeps, then on again */
			CHECK_SYS(kill(pids[k], SIGSTOP));
			usleep(1000);
			CHECK_SYS(kill(pids[k], SIGCONT));
			break;
		default:        /* a burst of ctl commands, back to back */
			fire_burst();
			break;
		}
	}
	for (int i = 0; i < CHURNERS; i++) {
		CHECK_SYS(kill(pids[i], SIGKILL));
		CHECK(ut_wait(pids[i]) != -1);
	}
	CHECKF(field->bad_errno == 0, "a churner's %s failed with errno %d (%s), which its man page does not list",
	       field->bad_call, field->bad_errno, strerror(field->bad_errno));
	/* The fire must have reached sleepers: about 150 of them see their
	 * object go in a full run, on Linux and on keyhole alike. */
	if (rounds == FIRE_ROUNDS)
		CHECKF(field->eidrm >= 10, "only %d churner calls saw EIDRM in %d rounds",
		       field->eidrm, rounds);
	remove_everything();
}

/*
 * Run work twice in a child of its own (once to warm caches and page
 * tables up, once measured), then check that everything came back.
 */
static void run_measured(void (*work)(uint64_t seed, bool warm_up), uint64_t seed)
{
	long before = 0;

	for (int round = 0; round < 2; round++) {
		if (round == 1)
			before = ut_freeram();
		pid_t pid = ut_fork();
		if (pid == 0) {
			work(seed, round == 0);
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
		CHECKF(drop == 0, "freeram dropped by %ld bytes (%ld pages)", drop, drop / 4096);
}

static void random_calls(uint64_t seed, bool warm_up)
{
	worker(seed, warm_up ? 200 : CALLS);
}

static void sleepers_under_fire(uint64_t seed, bool warm_up)
{
	under_fire(seed, warm_up ? 10 : FIRE_ROUNDS);
}

static void run_seed(const void *arg)
{
	run_measured(random_calls, *(const uint64_t *)arg);
}

static void run_fire(const void *arg)
{
	run_measured(sleepers_under_fire, *(const uint64_t *)arg);
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
	for (size_t i = 0; i < 2; i++) {
		snprintf(name, sizeof(name), "sleepers_under_ctl_bursts_kills_and_removals_seed_%zu", i);
		ut_run_with(name, run_fire, &seeds[i]);
	}
	return ut_done();
}
