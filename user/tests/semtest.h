/*
 * semtest.h - helpers the System V semaphore tests share (sem_errno.c,
 * sem_life.c), on top of ipctest.h.
 *
 * Every set a case makes with semset() goes on ipctest.h's registry, and
 * reg_sweep() removes it after the case.
 *
 * The layouts on x86_64, as the kernel copies them (linux/sem.h,
 * asm/sembuf.h):
 *
 *	struct sembuf      6 bytes: u16 sem_num @0, s16 sem_op @2, s16 sem_flg @4
 *	struct semid64_ds  104 bytes: struct ipc64_perm @0 (48 bytes: key @0,
 *	                   uid @4, gid @8, cuid @12, cgid @16, mode @20 (u32),
 *	                   seq @24 (u16), two unused longs @32 and @40),
 *	                   sem_otime @48, unused @56, sem_ctime @64, unused @72,
 *	                   sem_nsems @80 (unsigned long), two unused longs @88, @96
 *	struct seminfo     40 bytes: ten ints, semmap, semmni, semmns, semmnu,
 *	                   semmsl, semopm, semume, semusz, semvmx, semaem
 *
 * semctl's fourth argument is union semun, which the program must define
 * (neither glibc nor musl does): an int for SETVAL, a pointer for the rest.
 * The system call takes it as an unsigned long; SETVAL uses its low 32 bits.
 */
#ifndef USER_TESTS_SEMTEST_H
#define USER_TESTS_SEMTEST_H

#include "ipctest.h"

#include <sys/sem.h>
#include <sys/syscall.h>
#include <time.h>

#define BAD_ID 0x7fffffff	/* an id no set has */

/* Linux's limits (linux/sem.h), which a new IPC namespace starts with. */
#define SEMMSL_DEFAULT 32000		/* semaphores per set */
#define SEMMNS_DEFAULT 1024000000	/* semaphores per namespace: SEMMNI * SEMMSL */
#define SEMOPM_DEFAULT 500		/* operations per semop */
#define SEMMNI_DEFAULT 32000		/* sets per namespace */
#define SEMVMX_ 32767			/* the largest value (and undo adjustment) */
#define SEMUSZ_ 20			/* seminfo.semusz for IPC_INFO */

union semun {
	int val;			/* SETVAL */
	struct semid_ds *buf;		/* IPC_STAT, IPC_SET, SEM_STAT, SEM_STAT_ANY */
	unsigned short *array;		/* GETALL, SETALL */
	struct seminfo *__buf;		/* IPC_INFO, SEM_INFO */
};

/* In main(), after each case: remove the sets the case left. */
static inline void sem_rmid(int id)
{
	semctl(id, 0, IPC_RMID);
}

static inline void reg_sweep(void)
{
	reg_sweep_with(sem_rmid);
}

#define SEM_RUN(fn)                                                            \
	do {                                                                   \
		RUN(fn);                                                       \
		reg_sweep();                                                   \
	} while (0)

/* semget() that records what it makes. */
static inline int semset(key_t key, int nsems, int flags)
{
	return reg_add(semget(key, nsems, flags));
}

/* An id that was valid once: made and removed. */
static inline int stale_id(void)
{
	int id = semget(IPC_PRIVATE, 1, 0600);

	CHECK_SYS(id);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
	return id;
}

/*
 * The two system calls that do semop's work. glibc's semop() calls
 * semtimedop (220) with no timeout, musl's calls semop (65): the tests
 * call both by number, so each libc's build checks both.
 */
enum via { VIA_SEMOP, VIA_SEMTIMEDOP, NVIAS };
static const char *const via_names[NVIAS] = { "semop", "semtimedop" };

static inline long semop_via(enum via v, int id, struct sembuf *sops, unsigned long nsops)
{
	if (v == VIA_SEMOP)
		return syscall(SYS_semop, id, sops, nsops);
	return syscall(SYS_semtimedop, id, sops, nsops, NULL);
}

#define FOR_EACH_VIA(v) for (enum via v = VIA_SEMOP; v < NVIAS; v++)

/* semop_via() must fail with errno E. */
#define CHECK_OP_ERR(v, id, sops, nsops, E)                                    \
	({                                                                     \
		errno = 0;                                                     \
		long ut_r_ = semop_via(v, id, sops, nsops);                    \
		int ut_e_ = errno;                                             \
		CHECKF(ut_r_ == -1 && ut_e_ == (E),                            \
		       "%s(%s, %s, %s) fails with %s (returned %ld, errno %d: %s)", \
		       via_names[v], #id, #sops, #nsops, #E, ut_r_, ut_e_,     \
		       strerror(ut_e_));                                       \
	})

/* semop_via() must succeed. */
#define CHECK_OP(v, id, sops, nsops)                                           \
	({                                                                     \
		long ut_r_ = semop_via(v, id, sops, nsops);                    \
		CHECKF(ut_r_ == 0, "%s(%s, %s, %s) (returned %ld, errno %d: %s)", \
		       via_names[v], #id, #sops, #nsops, ut_r_, errno,         \
		       strerror(errno));                                       \
	})

/* One operation: semop(id, {num, op, flg}, 1). Return: semop's result. */
static inline int op1(int id, unsigned short num, short op, short flg)
{
	struct sembuf sb = { num, op, flg };

	return semop(id, &sb, 1);
}

/* semctl(GETVAL); -1 with errno if it fails. */
static inline int getval(int id, int num)
{
	return semctl(id, num, GETVAL);
}

/* semctl(SETVAL) that must succeed. */
static inline bool setval(int id, int num, int val)
{
	return CHECKF(semctl(id, num, SETVAL, (union semun){ .val = val }) == 0,
		      "semctl(%d, %d, SETVAL, %d): %s", id, num, val, strerror(errno));
}

/* The set's IPC_STAT; a failed call is a failed check (fields 0xa5...). */
static inline struct semid_ds sem_stat(int id)
{
	struct semid_ds ds;

	memset(&ds, 0xa5, sizeof(ds));
	CHECKF(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }) == 0,
	       "semctl(%d, IPC_STAT): %s", id, strerror(errno));
	return ds;
}

/*
 * Wait (up to 10 s) until semctl(id, num, cmd) - GETNCNT or GETZCNT -
 * shows want: the sleepers a case started are in the queue. Return:
 * whether it did (else a failed check).
 */
static inline bool wait_count(int id, int num, int cmd, int want)
{
	int n = -1;

	for (int i = 0; i < 2000; i++) {
		n = semctl(id, num, cmd);
		if (n == want)
			return true;
		if (n < 0)
			break;
		usleep(5000);
	}
	return CHECKF(false, "semctl(%d, %d, %s) is %d (%s), never %d", id, num,
		      cmd == GETNCNT ? "GETNCNT" : "GETZCNT", n, n < 0 ? strerror(errno) : "",
		      want);
}

/*
 * Whether child pid has ended within ms milliseconds (then *status holds
 * its status). A child that should still be asleep is checked with a short
 * wait: it must not have ended.
 */
static inline bool ended_within(pid_t pid, int ms, int *status)
{
	for (int i = 0; i <= ms; i += 5) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return true;
		if (r < 0)
			return false;
		usleep(5000);
	}
	return false;
}

/*
 * Child pid must exit with status 0 within 10 s: for a sleeper that should
 * have been woken, a clear failure instead of a case that hangs.
 */
#define CHECK_WOKEN(pid)                                                       \
	({                                                                     \
		int st_ = 0;                                                   \
		bool ended_ = ended_within(pid, 10000, &st_);                  \
		CHECKF(ended_ && WIFEXITED(st_) && WEXITSTATUS(st_) == 0, "%s (pid %d) %s", \
		       #pid, (int)(pid),                                       \
		       ended_ ? ut_status_str(st_) : "is still running after 10 s"); \
	})

/* CLOCK_MONOTONIC in seconds, for elapsed times. */
static inline double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif /* USER_TESTS_SEMTEST_H */
