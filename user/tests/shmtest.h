/*
 * shmtest.h - helpers the System V shared memory tests share (shm_errno.c,
 * shm_life.c), on top of ipctest.h.
 *
 * Every segment a case makes with seg() goes on ipctest.h's registry, and
 * reg_sweep() removes it after the case.
 */
#ifndef USER_TESTS_SHMTEST_H
#define USER_TESTS_SHMTEST_H

#include "ipctest.h"

#include <sys/shm.h>

#define SHM_RUN(fn)                                                            \
	do {                                                                   \
		RUN(fn);                                                       \
		reg_sweep();                                                   \
	} while (0)

/* In main(), after each case: remove the segments the case left. */
static inline void shm_rmid(int id)
{
	shmctl(id, IPC_RMID, NULL);
}

static inline void reg_sweep(void)
{
	reg_sweep_with(shm_rmid);
}

/* shmget() that records what it makes. */
static inline int seg(key_t key, size_t size, int flags)
{
	return reg_add(shmget(key, size, flags));
}

/* The segment's shm_nattch, or -1 if it cannot be stat'ed. */
static inline long nattch(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds) < 0)
		return -1;
	return (long)ds.shm_nattch;
}

#endif /* USER_TESTS_SHMTEST_H */
