/*
 * shm_errno.c - the errno matrix of shmget(2), shmat(2), shmdt(2) and
 * shmctl(2): each error those pages list that a kernel without huge pages
 * and without RLIMIT_MEMLOCK can give, made to happen, and each checked
 * next to the good call it differs from (a kernel that always failed would
 * not pass).
 *
 * What Linux does, and keyhole must do too (this file is where to look):
 *
 *   shmget   EINVAL  new segment of size 0 (< SHMMIN) or > SHMMAX; an
 *                    existing key asked for a larger size (checked before
 *                    the permissions, after EEXIST)
 *            EEXIST  IPC_CREAT|IPC_EXCL and the key exists (IPC_EXCL alone
 *                    is ignored)
 *            ENOENT  no segment has the key and IPC_CREAT is not given
 *            EACCES  the key exists and the permission bits asked for in
 *                    shmflg are not granted (shmflg 0 asks for none, and
 *                    succeeds)
 *            ENOSPC  shm_ctlmni (4096) segments exist in the namespace
 *            ENOMEM  more pages than the machine has RAM and swap (Linux's
 *                    default overcommit heuristic refuses it at once)
 *   shmat    EINVAL  bad, negative or stale id; unaligned address without
 *                    SHM_RND; SHM_REMAP with no address; an address that
 *                    overlaps a mapping, without SHM_REMAP
 *            EACCES  no read (or, without SHM_RDONLY, write; with SHM_EXEC,
 *                    execute) permission: owner bits for the owner, group
 *                    bits for the group, others' for the rest
 *            ENOMEM  an address outside user space
 *   shmdt    EINVAL  no attach starts at the address (unaligned, inside an
 *                    attach, an anonymous mapping, already detached)
 *   shmctl   EINVAL  unknown cmd (IPC_64 included: x86_64 Linux does not
 *                    strip it), negative, bad or stale id, an unused index
 *                    for SHM_STAT, a uid or gid of -1 in IPC_SET
 *            EACCES  IPC_STAT or SHM_STAT without read permission
 *                    (SHM_STAT_ANY needs none)
 *            EPERM   IPC_SET, IPC_RMID by one who is neither owner nor
 *                    creator nor root; SHM_LOCK/SHM_UNLOCK by a non-owner
 *            EFAULT  a bad buf for IPC_STAT, IPC_SET, IPC_INFO, SHM_INFO,
 *                    SHM_STAT, SHM_STAT_ANY (IPC_SET reads buf before it
 *                    looks at the id; IPC_RMID never reads buf)
 *
 * EIDRM is listed by shmat(2) and shmctl(2) but Linux gives it only to a
 * call that races with the final destruction of a segment. A segment
 * marked for removal (IPC_RMID while attached) can still be attached and
 * stat'ed: shmat_rmid_segment_still_attaches checks that instead.
 * ENOSPC for shm_ctlall needs sysctl (/proc/sys/kernel/shmall), which
 * keyhole has not got; ENOMEM for page tables, EPERM for SHM_HUGETLB and
 * EOVERFLOW (32-bit uids) cannot happen here: those are not tested.
 *
 * The unprivileged cases run in a forked helper that drops to uid and gid
 * 65534 (setgroups, setgid, setuid), as root can do anything.
 *
 * Segments are made with IPC_PRIVATE or with keys derived from getpid(), so
 * that two runs at once do not meet. Each id made in the init namespace is
 * recorded in a page shared by all the processes of the test, and main()
 * removes them after each case, so a failed or crashed case leaves nothing
 * behind. Cases that need exact counts (ENOSPC, SHM_STAT indexes) run in a
 * fresh IPC namespace of their own, which dies with the case.
 */
#include "shmtest.h"

#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#define SHMMAX_DEFAULT (ULONG_MAX - (1UL << 24))	/* Linux's SHMMAX and SHMALL */
#define SHMMNI_DEFAULT 4096
#define BAD_ID 0x7fffffff	/* an id no segment has */

/* An id that was valid once: made and removed. */
static int stale_id(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600);

	CHECK_SYS(id);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	return id;
}

/* The index of id for SHM_STAT, found by a SHM_STAT_ANY scan; -1 if none. */
static int index_of(int id)
{
	struct shm_info info;
	struct shmid_ds ds;
	int max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);

	for (int i = 0; i <= max; i++)
		if (shmctl(i, SHM_STAT_ANY, &ds) == id)
			return i;
	return -1;
}

/* ---- shmget ---- */

static void shmget_size_zero_for_new_segment_einval(void)
{
	key_t key = key_for(0);

	CHECK_ERR(shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600), EINVAL);
	CHECK_ERR(shmget(key, 0, IPC_CREAT | 0600), EINVAL);
	CHECK_ERR(shmget(key, 1, 0600), ENOENT);	/* nothing was made */
	/* SHMMIN is 1: one byte is a segment. */
	int id = seg(key, 1, IPC_CREAT | IPC_EXCL | 0600);
	if (!CHECK_SYS(id))
		return;
	/* Size 0 is fine when the segment exists: "no size asked". */
	CHECK_EQ(shmget(key, 0, 0600), id);
	CHECK_EQ(shmget(key, 0, IPC_CREAT | 0600), id);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmget_size_above_shmmax_einval(void)
{
	CHECK_ERR(shmget(IPC_PRIVATE, SHMMAX_DEFAULT + 1, 0600), EINVAL);
	CHECK_ERR(shmget(IPC_PRIVATE, (size_t)-1, 0600), EINVAL);
	CHECK_ERR(shmget(IPC_PRIVATE, (size_t)-1, IPC_CREAT | IPC_EXCL | 0600), EINVAL);
	CHECK_ERR(shmget(key_for(0), (size_t)-1, IPC_CREAT | 0600), EINVAL);
	CHECK_ERR(shmget(key_for(0), 1, 0600), ENOENT);
}

/* Linux's default overcommit heuristic refuses more than RAM plus swap. */
static void shmget_larger_than_memory_enomem(void)
{
	CHECK_ERR(shmget(IPC_PRIVATE, 1UL << 40, 0600), ENOMEM);	/* 1 TiB */
	CHECK_ERR(shmget(IPC_PRIVATE, 1UL << 46, IPC_CREAT | 0600), ENOMEM);
	int id = seg(IPC_PRIVATE, 1UL << 20, 0600);	/* 1 MiB is fine */
	if (CHECK_SYS(id))
		CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/*
 * SHM_NORESERVE asks for no accounting: a segment larger than memory is
 * made, and one page of it can be used. (keyhole once refused it with
 * ENOMEM, as if the flag were not there.)
 */
static void shmget_noreserve_larger_than_memory_succeeds(void)
{
	int id = shmget(IPC_PRIVATE, 1UL << 40, IPC_CREAT | SHM_NORESERVE | 0600);

	if (!CHECK_SYS(id))
		return;
	char *p = shmat(id, NULL, 0);
	if (CHECKF(p != (void *)-1, "shmat: %s", strerror(errno))) {
		p[(1UL << 40) - 1] = 'x';
		CHECK(p[(1UL << 40) - 1] == 'x');
		CHECK_SYS(shmdt(p));
	}
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmget_existing_key_larger_size_einval(void)
{
	key_t key = key_for(1);
	int id = seg(key, 2 * PAGE, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(shmget(key, 2 * PAGE + 1, 0600), EINVAL);
	CHECK_ERR(shmget(key, 2 * PAGE + 1, IPC_CREAT | 0600), EINVAL);
	CHECK_ERR(shmget(key, 3 * PAGE, 0), EINVAL);
	/* The same size or smaller finds it. */
	CHECK_EQ(shmget(key, 2 * PAGE, 0600), id);
	CHECK_EQ(shmget(key, 1, 0600), id);
	CHECK_EQ(shmget(key, 2 * PAGE, IPC_CREAT | 0600), id);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmget_create_excl_existing_eexist(void)
{
	key_t key = key_for(2);
	int id = seg(key, PAGE, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(shmget(key, PAGE, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	CHECK_ERR(shmget(key, 0, IPC_CREAT | IPC_EXCL), EEXIST);
	/* EEXIST comes before the size check. */
	CHECK_ERR(shmget(key, 2 * PAGE, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	/* IPC_EXCL without IPC_CREAT is ignored. */
	CHECK_EQ(shmget(key, PAGE, IPC_EXCL | 0600), id);
	/* IPC_PRIVATE always makes a new one. */
	int a = seg(IPC_PRIVATE, PAGE, IPC_CREAT | IPC_EXCL | 0600);
	int b = seg(IPC_PRIVATE, PAGE, IPC_CREAT | IPC_EXCL | 0600);
	CHECK_SYS(a);
	CHECK_SYS(b);
	CHECK_NE(a, b);
	CHECK_NE(a, id);
	shmctl(a, IPC_RMID, NULL);
	shmctl(b, IPC_RMID, NULL);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmget_missing_key_enoent(void)
{
	key_t key = key_for(3);

	CHECK_ERR(shmget(key, PAGE, 0600), ENOENT);
	CHECK_ERR(shmget(key, 0, 0), ENOENT);
	CHECK_ERR(shmget(key, PAGE, IPC_EXCL | 0600), ENOENT);
	/* With IPC_CREAT it is made, then found without. */
	int id = seg(key, PAGE, IPC_CREAT | 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_EQ(shmget(key, PAGE, 0600), id);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	CHECK_ERR(shmget(key, PAGE, 0600), ENOENT);
}

static void shmget_without_permission_eacces(void)
{
	key_t key = key_for(4);
	int id = seg(key, PAGE, IPC_CREAT | IPC_EXCL | 0644);

	if (!CHECK_SYS(id))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_EQ(shmget(key, PAGE, 0), id);	/* asks for nothing */
			CHECK_EQ(shmget(key, PAGE, 0400), id);	/* others may read */
			CHECK_EQ(shmget(key, PAGE, 0004), id);
			CHECK_ERR(shmget(key, PAGE, 0200), EACCES);
			CHECK_ERR(shmget(key, PAGE, 0600), EACCES);
			CHECK_ERR(shmget(key, 0, 0002), EACCES);
			CHECK_ERR(shmget(key, PAGE, IPC_CREAT | 0600), EACCES);
			/* The size is checked before the permissions. */
			CHECK_ERR(shmget(key, 2 * PAGE, 0600), EINVAL);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmget_all_ids_used_enospc(void)
{
	struct shminfo info;
	static int ids[SHMMNI_DEFAULT + 1];
	int n = 0, id;

	if (!fresh_ipc_ns())
		return;
	if (!CHECK_SYS(shmctl(0, IPC_INFO, (struct shmid_ds *)&info)))
		return;
	CHECK_EQ(info.shmmni, SHMMNI_DEFAULT);
	while (n <= SHMMNI_DEFAULT && (id = shmget(IPC_PRIVATE, 1, 0600)) >= 0)
		ids[n++] = id;
	CHECKF(n == SHMMNI_DEFAULT && errno == ENOSPC,
	       "made %d segments, then errno %d (%s); want %d, then ENOSPC", n, errno,
	       strerror(errno), SHMMNI_DEFAULT);
	CHECK_ERR(shmget(key_for(5), 1, IPC_CREAT | 0600), ENOSPC);
	if (n == 0)
		return;
	/* One removed, one can be made again. */
	CHECK_SYS(shmctl(ids[n - 1], IPC_RMID, NULL));
	CHECK_SYS(ids[n - 1] = shmget(IPC_PRIVATE, 1, 0600));
	CHECK_ERR(shmget(IPC_PRIVATE, 1, 0600), ENOSPC);
}

/* ---- shmat ---- */

static void shmat_bad_id_einval(void)
{
	int stale = stale_id();

	CHECK_ERR(shmat(-1, NULL, 0), EINVAL);
	CHECK_ERR(shmat(INT32_MIN, NULL, 0), EINVAL);
	CHECK_ERR(shmat(BAD_ID, NULL, 0), EINVAL);
	CHECK_ERR(shmat(stale, NULL, 0), EINVAL);
	CHECK_ERR(shmat(stale, NULL, SHM_RDONLY), EINVAL);
	/* A new segment does not bring the stale id back. */
	int id = seg(IPC_PRIVATE, PAGE, 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_NE(id, stale);
	CHECK_ERR(shmat(stale, NULL, 0), EINVAL);
	void *p = shmat(id, NULL, 0);
	if (CHECK(p != (void *)-1))
		CHECK_SYS(shmdt(p));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmat_unaligned_address_einval(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600);
	char *hole = free_addr(2);

	if (!CHECK_SYS(id) || !CHECK(hole))
		return;
	CHECK_ERR(shmat(id, hole + 123, 0), EINVAL);
	CHECK_ERR(shmat(id, hole + 1, SHM_RDONLY), EINVAL);
	CHECK_ERR(shmat(id, hole + PAGE / 2, 0), EINVAL);
	CHECK_EQ(nattch(id), 0);
	/* SHM_RND rounds it down to SHMLBA (a page on x86_64). */
	CHECK_EQ(SHMLBA, PAGE);
	char *p = shmat(id, hole + 123, SHM_RND);
	CHECK(p == hole);
	if (p != (char *)-1)
		CHECK_SYS(shmdt(p));
	/* Aligned, without SHM_RND: attached there. */
	p = shmat(id, hole + PAGE, 0);
	CHECK(p == hole + PAGE);
	if (p != (char *)-1)
		CHECK_SYS(shmdt(p));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmat_remap_without_address_einval(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600);

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(shmat(id, NULL, SHM_REMAP), EINVAL);
	/* Rounded down to 0, SHM_REMAP has no address either. */
	CHECK_ERR(shmat(id, (void *)0x10, SHM_RND | SHM_REMAP), EINVAL);
	CHECK_ERR(shmat(id, (void *)(PAGE - 1), SHM_RND | SHM_REMAP), EINVAL);
	CHECK_EQ(nattch(id), 0);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmat_over_a_mapping_einval(void)
{
	int id = seg(IPC_PRIVATE, 2 * PAGE, 0600);
	char *m = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK_SYS(id) || !CHECK(m != MAP_FAILED))
		return;
	memset(m, 'm', 4 * PAGE);
	CHECK_ERR(shmat(id, m, 0), EINVAL);
	CHECK_ERR(shmat(id, m + PAGE, SHM_RDONLY), EINVAL);
	CHECK_ERR(shmat(id, m + 3 * PAGE, 0), EINVAL);	/* overlaps its last page */
	CHECK_ERR(shmat(id, m - PAGE, 0), EINVAL);	/* overlaps its first page */
	/* An attach is a mapping too. */
	char *hole = free_addr(4);
	char *a = shmat(id, hole, 0);
	if (CHECK(a == hole)) {
		CHECK_ERR(shmat(id, a, 0), EINVAL);
		CHECK_ERR(shmat(id, a + PAGE, 0), EINVAL);
		CHECK_SYS(shmdt(a));
	}
	CHECK_EQ(nattch(id), 0);
	CHECK_EQ(m[0], 'm');
	CHECK_EQ(m[4 * PAGE - 1], 'm');
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmat_outside_user_space_enomem(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600);

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR(shmat(id, (void *)0xffffffff80000000UL, 0), ENOMEM);	/* the kernel */
	CHECK_ERR(shmat(id, (void *)0x0000800000000000UL, 0), ENOMEM);	/* non-canonical */
	CHECK_ERR(shmat(id, (void *)0xffff888000000000UL, SHM_RDONLY), ENOMEM);
	CHECK_EQ(nattch(id), 0);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmat_without_permission_eacces(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0644);

	if (!CHECK_SYS(id))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_ERR(shmat(id, NULL, 0), EACCES);	/* others may not write */
			CHECK_ERR(shmat(id, NULL, SHM_EXEC | SHM_RDONLY), EACCES);
			CHECK_ERR(shmat(id, NULL, SHM_RND), EACCES);
			void *p = shmat(id, NULL, SHM_RDONLY);	/* but may read */
			if (CHECK(p != (void *)-1))
				CHECK_SYS(shmdt(p));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	/* Root may do anything, even on mode 0. */
	struct shmid_ds ds;
	if (CHECK_SYS(shmctl(id, IPC_STAT, &ds))) {
		ds.shm_perm.mode = 0;
		CHECK_SYS(shmctl(id, IPC_SET, &ds));
		void *p = shmat(id, NULL, SHM_EXEC);
		if (CHECK(p != (void *)-1))
			CHECK_SYS(shmdt(p));
	}
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* The owner gets the owner bits only, even where others get more. */
static void shmat_owner_bits_apply_to_owner_eacces(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0066);
	struct shmid_ds ds;

	if (!CHECK_SYS(id) || !CHECK_SYS(shmctl(id, IPC_STAT, &ds)))
		return;
	ds.shm_perm.uid = NOBODY;
	ds.shm_perm.gid = 0;
	CHECK_SYS(shmctl(id, IPC_SET, &ds));
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_ERR(shmat(id, NULL, SHM_RDONLY), EACCES);
			CHECK_ERR(shmctl(id, IPC_STAT, &ds), EACCES);
			/* The owner may still change the mode, and then attach. */
			ds.shm_perm.uid = NOBODY;
			ds.shm_perm.gid = NOBODY;
			ds.shm_perm.mode = 0400;
			CHECK_SYS(shmctl(id, IPC_SET, &ds));
			void *p = shmat(id, NULL, SHM_RDONLY);
			if (CHECK(p != (void *)-1))
				CHECK_SYS(shmdt(p));
			CHECK_ERR(shmat(id, NULL, 0), EACCES);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	/* Somebody else falls under "others", 06: allowed. */
	ds.shm_perm.uid = NOBODY;
	ds.shm_perm.gid = 0;
	ds.shm_perm.mode = 0066;
	CHECK_SYS(shmctl(id, IPC_SET, &ds));
	pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY - 1, NOBODY - 1, 0)) {
			void *p = shmat(id, NULL, 0);
			if (CHECK(p != (void *)-1))
				CHECK_SYS(shmdt(p));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* Group bits: for the segment's gid, as the egid or a supplementary group. */
static void shmat_group_bits_eacces(void)
{
	enum { GROUP = 12345 };
	int id = seg(IPC_PRIVATE, PAGE, 0040);
	struct shmid_ds ds;

	if (!CHECK_SYS(id) || !CHECK_SYS(shmctl(id, IPC_STAT, &ds)))
		return;
	ds.shm_perm.gid = GROUP;
	CHECK_SYS(shmctl(id, IPC_SET, &ds));
	const struct {
		gid_t gid, extra;
		bool may_read;
	} who[] = {
		{ GROUP, 0, true },		/* egid */
		{ NOBODY, GROUP, true },	/* a supplementary group */
		{ NOBODY, 0, false },		/* neither */
	};
	for (size_t i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		pid_t pid = ut_fork();

		if (pid == 0) {
			if (become(NOBODY, who[i].gid, who[i].extra)) {
				if (who[i].may_read) {
					void *p = shmat(id, NULL, SHM_RDONLY);
					if (CHECKF(p != (void *)-1, "who[%zu] may read: %s", i,
						   strerror(errno)))
						CHECK_SYS(shmdt(p));
					CHECK_SYS(shmctl(id, IPC_STAT, &ds));
				} else {
					CHECK_ERR(shmat(id, NULL, SHM_RDONLY), EACCES);
					CHECK_ERR(shmctl(id, IPC_STAT, &ds), EACCES);
				}
				CHECK_ERR(shmat(id, NULL, 0), EACCES);	/* nobody may write */
			}
			ut_child_exit();
		}
		CHECK_EXITED(pid, 0);
	}
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* A creator's mode 0 locks out the creator too (but not from IPC_RMID). */
static void shmat_mode_zero_locks_out_owner_eacces(void)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct shmid_ds ds;
			int id = seg(IPC_PRIVATE, PAGE, IPC_CREAT | 0);

			if (CHECK_SYS(id)) {
				CHECK_ERR(shmat(id, NULL, SHM_RDONLY), EACCES);
				CHECK_ERR(shmat(id, NULL, 0), EACCES);
				CHECK_ERR(shmctl(id, IPC_STAT, &ds), EACCES);
				CHECK_GE(index_of(id), 0);	/* SHM_STAT_ANY needs no permission */
				CHECK_SYS(shmctl(id, IPC_RMID, NULL));
				CHECK_ERR(shmctl(id, IPC_RMID, NULL), EINVAL);
			}
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

/*
 * Not EIDRM: a segment marked for removal but still attached can be
 * attached again on Linux (shmctl(2), NOTES).
 */
static void shmat_rmid_segment_still_attaches(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600);
	struct shmid_ds ds;

	if (!CHECK_SYS(id))
		return;
	char *a = shmat(id, NULL, 0);
	if (!CHECK(a != (char *)-1))
		return;
	a[0] = 'x';
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	char *b = shmat(id, NULL, SHM_RDONLY);
	if (CHECK(b != (char *)-1)) {
		CHECK_EQ(b[0], 'x');
		CHECK_EQ(nattch(id), 2);
		CHECK_SYS(shmdt(b));
	}
	CHECK_SYS(shmctl(id, IPC_STAT, &ds));
	CHECK_SYS(shmdt(a));
	/* Now it is gone: EINVAL, not EIDRM. */
	CHECK_ERR(shmat(id, NULL, 0), EINVAL);
	CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
}

/* ---- shmdt ---- */

static void shmdt_without_attach_einval(void)
{
	int id = seg(IPC_PRIVATE, 2 * PAGE, 0600);
	char *m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK_SYS(id) || !CHECK(m != MAP_FAILED))
		return;
	CHECK_ERR(shmdt(NULL), EINVAL);
	CHECK_ERR(shmdt(m), EINVAL);		/* not a segment */
	CHECK_ERR(shmdt(free_addr(1)), EINVAL);	/* nothing at all */
	char *a = shmat(id, NULL, 0);
	if (!CHECK(a != (char *)-1))
		return;
	CHECK_ERR(shmdt(a + 1), EINVAL);	/* unaligned */
	CHECK_ERR(shmdt(a + PAGE), EINVAL);	/* inside, not the start */
	CHECK_ERR(shmdt((void *)0xffffffff80000000UL), EINVAL);
	CHECK_EQ(nattch(id), 1);		/* still attached */
	a[2 * PAGE - 1] = 1;
	CHECK_SYS(shmdt(a));
	CHECK_EQ(nattch(id), 0);
	CHECK_ERR(shmdt(a), EINVAL);		/* twice */
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* ---- shmctl ---- */

static void shmctl_bad_cmd_einval(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600);
	struct shmid_ds ds;

	if (!CHECK_SYS(id))
		return;
	memset(&ds, 0, sizeof(ds));
	CHECK_ERR(syscall(SYS_shmctl, id, 99, &ds), EINVAL);
	CHECK_ERR(syscall(SYS_shmctl, id, -1, &ds), EINVAL);
	CHECK_ERR(syscall(SYS_shmctl, id, 4, &ds), EINVAL);	/* between IPC_INFO and SHM_LOCK */
	CHECK_ERR(syscall(SYS_shmctl, id, 10, &ds), EINVAL);
	CHECK_ERR(syscall(SYS_shmctl, id, 16, &ds), EINVAL);	/* past SHM_STAT_ANY */
	/* x86_64 takes commands raw: IPC_64 (0x100) makes them unknown. */
	CHECK_ERR(syscall(SYS_shmctl, id, IPC_STAT | 0x100, &ds), EINVAL);
	CHECK_ERR(syscall(SYS_shmctl, id, IPC_RMID | 0x100, NULL), EINVAL);
	CHECK_EQ(syscall(SYS_shmctl, id, IPC_STAT, &ds), 0);	/* the real one */
	CHECK_EQ(ds.shm_segsz, PAGE);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmctl_bad_id_einval(void)
{
	int stale = stale_id();
	struct shmid_ds ds;
	struct shminfo info;
	const int bad[] = { -1, INT32_MIN, BAD_ID, stale };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int id = bad[i];

		if (!CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL) ||
		    !CHECK_ERR(shmctl(id, IPC_RMID, NULL), EINVAL) ||
		    !CHECK_ERR(shmctl(id, SHM_LOCK, NULL), EINVAL) ||
		    !CHECK_ERR(shmctl(id, SHM_UNLOCK, NULL), EINVAL))
			CHECKF(0, "(with id %d)", id);
	}
	/* IPC_SET with a good buffer. */
	int id = seg(IPC_PRIVATE, PAGE, 0600);
	if (CHECK_SYS(id) && CHECK_SYS(shmctl(id, IPC_STAT, &ds))) {
		CHECK_ERR(shmctl(stale, IPC_SET, &ds), EINVAL);
		CHECK_ERR(shmctl(-1, IPC_SET, &ds), EINVAL);
		CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	}
	/* Every command refuses a negative id, even those that need none. */
	CHECK_ERR(shmctl(-1, IPC_INFO, (struct shmid_ds *)&info), EINVAL);
	CHECK_ERR(shmctl(-1, SHM_INFO, (struct shmid_ds *)&info), EINVAL);
	CHECK_SYS(shmctl(0, IPC_INFO, (struct shmid_ds *)&info));
	CHECK_SYS(shmctl(BAD_ID, IPC_INFO, (struct shmid_ds *)&info));
}

/* SHM_STAT and SHM_STAT_ANY take an index; an unused one is EINVAL. */
static void shmctl_stat_unused_index_einval(void)
{
	struct shmid_ds ds;

	if (!fresh_ipc_ns())
		return;
	CHECK_ERR(shmctl(0, SHM_STAT, &ds), EINVAL);
	CHECK_ERR(shmctl(0, SHM_STAT_ANY, &ds), EINVAL);
	CHECK_ERR(shmctl(-1, SHM_STAT, &ds), EINVAL);
	int id = shmget(IPC_PRIVATE, PAGE, 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_EQ(shmctl(0, SHM_STAT, &ds), id);		/* the first index of a fresh namespace */
	CHECK_EQ(shmctl(0, SHM_STAT_ANY, &ds), id);
	CHECK_ERR(shmctl(1, SHM_STAT, &ds), EINVAL);
	CHECK_ERR(shmctl(1, SHM_STAT_ANY, &ds), EINVAL);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	CHECK_ERR(shmctl(0, SHM_STAT, &ds), EINVAL);
}

static void shmctl_ipc_set_invalid_uid_gid_einval(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600);
	struct shmid_ds ds, now;

	if (!CHECK_SYS(id) || !CHECK_SYS(shmctl(id, IPC_STAT, &ds)))
		return;
	ds.shm_perm.uid = (uid_t)-1;
	ds.shm_perm.mode = 0666;
	CHECK_ERR(shmctl(id, IPC_SET, &ds), EINVAL);
	ds.shm_perm.uid = 0;
	ds.shm_perm.gid = (gid_t)-1;
	CHECK_ERR(shmctl(id, IPC_SET, &ds), EINVAL);
	if (CHECK_SYS(shmctl(id, IPC_STAT, &now))) {
		CHECK_EQ(now.shm_perm.mode, 0600);	/* nothing changed */
		CHECK_EQ(now.shm_perm.gid, getegid());
	}
	ds.shm_perm.gid = 0;
	CHECK_SYS(shmctl(id, IPC_SET, &ds));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmctl_stat_without_read_permission_eacces(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600);

	if (!CHECK_SYS(id))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct shmid_ds ds;
			int idx = index_of(id);

			CHECK_ERR(shmctl(id, IPC_STAT, &ds), EACCES);
			if (CHECKF(idx >= 0, "SHM_STAT_ANY scan does not find id %d", id)) {
				CHECK_ERR(shmctl(idx, SHM_STAT, &ds), EACCES);
				CHECK_EQ(shmctl(idx, SHM_STAT_ANY, &ds), id);
				CHECK_EQ(ds.shm_perm.mode, 0600);
			}
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shmctl_set_rmid_by_non_owner_eperm(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0666);	/* permissions do not matter */
	struct shmid_ds ds;

	if (!CHECK_SYS(id) || !CHECK_SYS(shmctl(id, IPC_STAT, &ds)))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			struct shmid_ds mine = ds;

			mine.shm_perm.uid = NOBODY;
			CHECK_ERR(shmctl(id, IPC_SET, &mine), EPERM);
			CHECK_ERR(shmctl(id, IPC_SET, &ds), EPERM);
			CHECK_ERR(shmctl(id, IPC_RMID, NULL), EPERM);
			CHECK_SYS(shmctl(id, IPC_STAT, &mine));	/* reading is allowed */
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(nattch(id), 0);			/* still there */
	CHECK_SYS(shmctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.shm_perm.uid, 0);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* The creator keeps IPC_SET and IPC_RMID after giving the segment away. */
static void shmctl_creator_may_set_and_rmid(void)
{
	int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(shared != MAP_FAILED))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0))
			CHECK_SYS(*shared = seg(IPC_PRIVATE, PAGE, 0600));
		ut_child_exit();
	}
	if (!CHECK_EXITED(pid, 0))
		return;
	int id = *shared;
	struct shmid_ds ds;
	if (!CHECK_SYS(shmctl(id, IPC_STAT, &ds)))
		return;
	CHECK_EQ(ds.shm_perm.cuid, NOBODY);
	ds.shm_perm.uid = 0;	/* root takes it */
	ds.shm_perm.gid = 0;
	ds.shm_perm.mode = 0;
	CHECK_SYS(shmctl(id, IPC_SET, &ds));
	pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_ERR(shmctl(id, IPC_STAT, &ds), EACCES);	/* mode 0, not owner */
			ds.shm_perm.uid = 0;
			ds.shm_perm.gid = 0;
			ds.shm_perm.mode = 0644;
			CHECK_SYS(shmctl(id, IPC_SET, &ds));		/* the creator may */
			CHECK_SYS(shmctl(id, IPC_STAT, &ds));
			CHECK_EQ(ds.shm_perm.mode, 0644);
			CHECK_SYS(shmctl(id, IPC_RMID, NULL));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
}

static void shmctl_lock_by_non_owner_eperm(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0666);

	if (!CHECK_SYS(id))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_ERR(shmctl(id, SHM_LOCK, NULL), EPERM);
			CHECK_ERR(shmctl(id, SHM_UNLOCK, NULL), EPERM);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	struct shmid_ds ds;
	if (CHECK_SYS(shmctl(id, IPC_STAT, &ds)))
		CHECK_EQ(ds.shm_perm.mode & SHM_LOCKED, 0);
	CHECK_SYS(shmctl(id, SHM_LOCK, NULL));		/* root may */
	CHECK_SYS(shmctl(id, SHM_UNLOCK, NULL));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* IPC_SET copies the buffer in before it looks the id up; IPC_RMID never does. */
static void shmctl_efault_order_and_rmid_ignores_buf(void)
{
	CHECK_ERR(syscall(SYS_shmctl, BAD_ID, IPC_SET, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_shmctl, -1, IPC_SET, NULL), EINVAL);	/* but id < 0 first */
	CHECK_ERR(syscall(SYS_shmctl, BAD_ID, IPC_STAT, NULL), EINVAL);
	int id = seg(IPC_PRIVATE, PAGE, 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_EQ(syscall(SYS_shmctl, id, SHM_LOCK, (void *)1), 0);
	CHECK_EQ(syscall(SYS_shmctl, id, SHM_UNLOCK, (void *)0xffffffff80000000UL), 0);
	CHECK_EQ(syscall(SYS_shmctl, id, IPC_RMID, (void *)0xffffffff80000000UL), 0);
	CHECK_ERR(shmctl(id, IPC_STAT, &(struct shmid_ds){ 0 }), EINVAL);
}

/*
 * EFAULT for each buffer-taking command and each kind of bad pointer, as
 * efault.c does: null, unmapped, kernel, non-canonical, and straddling
 * (starts in a mapped page, runs into the hole).
 */
enum kind { NUL, UNMAPPED, KERNEL, NONCANONICAL, STRADDLE, NKINDS };
static const char *const kind_names[NKINDS] = {
	"null", "unmapped", "kernel", "noncanonical", "straddling",
};

struct efault_case {
	char name[64];
	int cmd;
	size_t size;		/* of the struct the command copies */
	enum kind kind;
};

static const struct {
	const char *name;
	int cmd;
	size_t size;
} efault_cmds[] = {
	{ "ipc_stat", IPC_STAT, sizeof(struct shmid_ds) },
	{ "ipc_set", IPC_SET, sizeof(struct shmid_ds) },
	{ "ipc_info", IPC_INFO, sizeof(struct shminfo) },
	{ "shm_info", SHM_INFO, sizeof(struct shm_info) },
	{ "shm_stat", SHM_STAT, sizeof(struct shmid_ds) },
	{ "shm_stat_any", SHM_STAT_ANY, sizeof(struct shmid_ds) },
};
#define NCMDS (sizeof(efault_cmds) / sizeof(efault_cmds[0]))
static struct efault_case efault_cases[NCMDS * NKINDS];

static void shmctl_efault(const void *arg)
{
	const struct efault_case *c = arg;
	static char good[4096] __attribute__((aligned(64)));
	struct shmid_ds ds;
	char *area = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	int id = seg(IPC_PRIVATE, PAGE, 0600), target;
	void *bad = NULL;

	if (!CHECK(area != MAP_FAILED) || !CHECK_SYS(munmap(area + PAGE, PAGE)) ||
	    !CHECK_SYS(id) || !CHECK_SYS(shmctl(id, IPC_STAT, &ds)))
		return;
	/* The id, or the index for SHM_STAT*, or anything for *_INFO. */
	target = id;
	if (c->cmd == SHM_STAT || c->cmd == SHM_STAT_ANY) {
		target = index_of(id);
		if (!CHECKF(target >= 0, "no index found for id %d", id))
			return;
	}
	ds.shm_perm.mode = 0640;	/* what IPC_SET would set */
	memcpy(good, &ds, sizeof(ds));
	switch (c->kind) {
	case NUL:
		bad = NULL;
		break;
	case UNMAPPED:
		bad = area + PAGE;
		break;
	case KERNEL:
		bad = (void *)0xffffffff80000000UL;
		break;
	case NONCANONICAL:
		bad = (void *)0x0000800000000000UL;
		break;
	case STRADDLE:		/* the first half readable, and a valid start */
		bad = area + PAGE - c->size / 2;
		memcpy(bad, &ds, c->size / 2);
		break;
	default:
		break;
	}
	CHECK_ERR(syscall(SYS_shmctl, target, c->cmd, bad), EFAULT);
	/* A failed IPC_SET changed nothing, not even from a partial copy. */
	struct shmid_ds now;
	if (CHECK_SYS(shmctl(id, IPC_STAT, &now)))
		CHECK_EQ(now.shm_perm.mode, 0600);
	/* And the good pointer works. */
	long r = syscall(SYS_shmctl, target, c->cmd, good);
	CHECKF(r >= 0, "with a good buffer: returned %ld, errno %d (%s)", r, errno,
	       strerror(errno));
	if (c->cmd == IPC_SET && CHECK_SYS(shmctl(id, IPC_STAT, &now)))
		CHECK_EQ(now.shm_perm.mode, 0640);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

int main(int argc, char **argv)
{
	if (!reg_init("shm_errno"))
		return 1;
	ut_init(argc, argv);
	SHM_RUN(shmget_size_zero_for_new_segment_einval);
	SHM_RUN(shmget_size_above_shmmax_einval);
	SHM_RUN(shmget_larger_than_memory_enomem);
	SHM_RUN(shmget_noreserve_larger_than_memory_succeeds);
	SHM_RUN(shmget_existing_key_larger_size_einval);
	SHM_RUN(shmget_create_excl_existing_eexist);
	SHM_RUN(shmget_missing_key_enoent);
	SHM_RUN(shmget_without_permission_eacces);
	SHM_RUN(shmget_all_ids_used_enospc);
	SHM_RUN(shmat_bad_id_einval);
	SHM_RUN(shmat_unaligned_address_einval);
	SHM_RUN(shmat_remap_without_address_einval);
	SHM_RUN(shmat_over_a_mapping_einval);
	SHM_RUN(shmat_outside_user_space_enomem);
	SHM_RUN(shmat_without_permission_eacces);
	SHM_RUN(shmat_owner_bits_apply_to_owner_eacces);
	SHM_RUN(shmat_group_bits_eacces);
	SHM_RUN(shmat_mode_zero_locks_out_owner_eacces);
	SHM_RUN(shmat_rmid_segment_still_attaches);
	SHM_RUN(shmdt_without_attach_einval);
	SHM_RUN(shmctl_bad_cmd_einval);
	SHM_RUN(shmctl_bad_id_einval);
	SHM_RUN(shmctl_stat_unused_index_einval);
	SHM_RUN(shmctl_ipc_set_invalid_uid_gid_einval);
	SHM_RUN(shmctl_stat_without_read_permission_eacces);
	SHM_RUN(shmctl_set_rmid_by_non_owner_eperm);
	SHM_RUN(shmctl_creator_may_set_and_rmid);
	SHM_RUN(shmctl_lock_by_non_owner_eperm);
	SHM_RUN(shmctl_efault_order_and_rmid_ignores_buf);
	for (size_t i = 0; i < NCMDS; i++)
		for (int k = 0; k < NKINDS; k++) {
			struct efault_case *c = &efault_cases[i * NKINDS + (size_t)k];

			snprintf(c->name, sizeof(c->name), "shmctl_efault_%s_%s",
				 efault_cmds[i].name, kind_names[k]);
			c->cmd = efault_cmds[i].cmd;
			c->size = efault_cmds[i].size;
			c->kind = (enum kind)k;
			ut_run_with(c->name, shmctl_efault, c);
			reg_sweep();
		}
	return ut_done();
}
