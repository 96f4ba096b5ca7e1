/*
 * ipctest.h - what the System V IPC tests share, whichever kind of object
 * they test (semtest.h, msgtest.h and shmtest.h build on it), on top of
 * utest.h.
 *
 * The registry: every object a case makes goes through reg_add(), which
 * records its id in a MAP_SHARED page (so children's count too), and
 * after the case main() removes them all (reg_sweep_with(), given how to
 * remove one), even when a check failed or a child crashed. A case that
 * runs in its own IPC namespace (fresh_ipc_ns) records nothing: the
 * namespace takes its objects with it.
 *
 * Also: keys of this process's own (key_for), dropping root (become), an
 * address with nothing mapped (free_addr), and the kernel's clock in
 * whole seconds, as it stamps the *_time fields (now_s, next_second).
 */
#ifndef USER_TESTS_IPCTEST_H
#define USER_TESTS_IPCTEST_H

#include "utest.h"

#include <grp.h>
#include <sched.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <time.h>

#define PAGE 4096UL
#define NOBODY 65534

#define REG_MAX 1000
struct registry {
	int n;
	int ids[REG_MAX];
};
static struct registry *reg;
static bool private_ns;		/* this process has its own IPC namespace */

/* Record id (if the call that made it succeeded); return it. */
static inline int reg_add(int id)
{
	if (id >= 0 && !private_ns) {
		int i = __atomic_fetch_add(&reg->n, 1, __ATOMIC_SEQ_CST);

		if (i < REG_MAX)
			reg->ids[i] = id;
	}
	return id;
}

/* In main(), after each case: remove what the case left, with rmid. */
static inline void reg_sweep_with(void (*rmid)(int id))
{
	int n = reg->n < REG_MAX ? reg->n : REG_MAX;

	for (int i = 0; i < n; i++)
		rmid(reg->ids[i]);
	reg->n = 0;
}

/* In main(), before the first case. Return: false if the page is missing. */
static inline bool reg_init(const char *prog)
{
	reg = mmap(NULL, sizeof(*reg), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1,
		   0);
	if (reg == MAP_FAILED) {
		ut_print("%s: mmap: %s\n", prog, strerror(errno));
		return false;
	}
	return true;
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

/*
 * The time in whole seconds as the kernel stamps sem_otime, msg_stime and
 * the others (Linux's ktime_get_real_seconds): CLOCK_REALTIME_COARSE.
 * time() may run a tick ahead of it (musl reads the fine clock), which
 * would make a stamp look older than a time() taken before it.
 */
static inline time_t now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME_COARSE, &ts);
	return ts.tv_sec;
}

/* Wait for the clock's next whole second; return it. */
static inline time_t next_second(void)
{
	time_t t0 = now_s(), t;

	while ((t = now_s()) == t0)
		usleep(20000);
	return t;
}

#endif /* USER_TESTS_IPCTEST_H */
