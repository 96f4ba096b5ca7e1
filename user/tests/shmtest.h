/*
 * shmtest.h - helpers the System V shared memory tests share (shm_errno.c,
 * shm_life.c), on top of utest.h.
 *
 * Every segment a case makes with seg() is recorded in a MAP_SHARED page
 * (so children's count too) and removed by reg_sweep() after the case,
 * even when a check failed or a child crashed; a case that ran in its own
 * IPC namespace (fresh_ipc_ns) has nothing to sweep: the namespace takes
 * its segments with it.
 */
#ifndef USER_TESTS_SHMTEST_H
#define USER_TESTS_SHMTEST_H

#include "utest.h"

#include <grp.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/shm.h>

#define PAGE 4096UL
#define NOBODY 65534

#define REG_MAX 1000
struct registry {
	int n;
	int ids[REG_MAX];
};
static struct registry *reg;
static bool private_ns;		/* this process has its own IPC namespace */

static inline int reg_add(int id)
{
	if (id >= 0 && !private_ns) {
		int i = __atomic_fetch_add(&reg->n, 1, __ATOMIC_SEQ_CST);

		if (i < REG_MAX)
			reg->ids[i] = id;
	}
	return id;
}

/* In main(), after each case: remove what the case left. */
static inline void reg_sweep(void)
{
	int n = reg->n < REG_MAX ? reg->n : REG_MAX;

	for (int i = 0; i < n; i++)
		shmctl(reg->ids[i], IPC_RMID, NULL);
	reg->n = 0;
}

/* shmget() that records what it makes. */
static inline int seg(key_t key, size_t size, int flags)
{
	return reg_add(shmget(key, size, flags));
}

/* A key of this process's own: n = 0..15. */
static inline key_t key_for(int n)
{
	return (key_t)(0x70000000 | ((unsigned)getpid() << 4) | (unsigned)n);
}

/* A fresh, empty IPC namespace for this case (and its children). */
static inline bool fresh_ipc_ns(void)
{
	if (!CHECK_SYS(unshare(CLONE_NEWIPC)))
		return false;
	private_ns = true;
	return true;
}

/*
 * Drop root for good: uid, gid; supplementary groups: extra (if not 0).
 * Called in a ut_fork() helper.
 */
static inline bool become(uid_t uid, gid_t gid, gid_t extra)
{
	gid_t groups[1] = { extra };

	return CHECK_SYS(setgroups(extra ? 1 : 0, groups)) && CHECK_SYS(setgid(gid)) &&
	       CHECK_SYS(setuid(uid)) && CHECK_EQ(geteuid(), uid);
}

/* A page-aligned address with nothing mapped there (npages long). */
static inline char *free_addr(size_t npages)
{
	void *p = mmap(NULL, npages * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p, npages * PAGE);
	return p;
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
