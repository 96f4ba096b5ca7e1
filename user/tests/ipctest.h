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

/*
 * The ids Linux gives, as a model (ipc/util.c, ipc_idr_alloc): an id is
 * seq * 32768 + index. The index is the lowest free one at or after the
 * one after the last given, within 0 .. max(in_use * 3/2, 64) - 1, going
 * round to 0 when there is none; seq goes up when the index is not above
 * the last one. *_INFO returns the highest index in use (0 with none).
 *
 * check_ids_like_linux() runs ops random creations and removals in the
 * case's own fresh namespace, holding from 0 up to IDS_MODEL_HOLD objects
 * in phases, and checks every id and every *_INFO answer against the
 * model; removed ids must be stale. create() makes a private object and
 * returns its id; destroy(id) removes it (0, or -1); maxidx() is *_INFO's
 * return; stat(id) is IPC_STAT's (0, or -1 with errno).
 */
#define IDS_MODEL_HOLD 200
#define IDS_MODEL_SLOTS 512		/* > IDS_MODEL_HOLD * 3/2 */

struct ids_ops {
	int (*create)(void);
	int (*destroy)(int id);
	int (*maxidx)(void);
	int (*stat)(int id);
};

static inline bool check_ids_like_linux(const struct ids_ops *o, int ops)
{
	static bool used[IDS_MODEL_SLOTS];
	static int held[IDS_MODEL_HOLD];
	int in_use = 0, seq = 0, last_idx = -1, next = 0, nheld = 0;
	unsigned int rng = 12345;

	memset(used, 0, sizeof(used));
	for (int op = 0; op < ops; op++) {
		rng = rng * 1103515245 + 12345;
		unsigned int r = (rng >> 16) % 100;
		bool filling = (op / 400) % 2 == 0;	/* phases of growing, shrinking */
		bool create = nheld == 0 ||
			      (nheld < IDS_MODEL_HOLD && r < (filling ? 75U : 25U));

		if (create) {
			int cycle = in_use * 3 / 2 < 64 ? 64 : in_use * 3 / 2, idx = -1;

			for (int i = next; i < cycle && idx < 0; i++)
				if (!used[i])
					idx = i;
			for (int i = 0; i < cycle && idx < 0; i++)
				if (!used[i])
					idx = i;
			if (!CHECKF(idx >= 0 && cycle <= IDS_MODEL_SLOTS, "model out of slots"))
				return false;
			next = idx + 1;
			if (idx <= last_idx)
				seq++;
			last_idx = idx;
			used[idx] = true;
			in_use++;
			int want = seq * 32768 + idx, got = o->create();
			if (!CHECKF(got == want, "op %d, %d objects: id %d (index %d seq %d), "
				    "Linux gives %d (index %d seq %d)", op, in_use - 1, got,
				    got & 0x7fff, got >> 15, want, idx, seq))
				return false;
			held[nheld++] = got;
		} else {
			int k = (int)((rng >> 8) % (unsigned)nheld), id = held[k];

			held[k] = held[--nheld];
			if (!CHECK_SYS(o->destroy(id)))
				return false;
			used[id & 0x7fff] = false;
			in_use--;
			if (!CHECK_ERR(o->stat(id), EINVAL))
				return false;
		}
		int max = 0;
		for (int i = 0; i < IDS_MODEL_SLOTS; i++)
			if (used[i])
				max = i;
		if (!CHECKF(o->maxidx() == max, "op %d: *_INFO says %d, Linux %d", op,
			    o->maxidx(), max))
			return false;
	}
	return true;
}

#endif /* USER_TESTS_IPCTEST_H */
