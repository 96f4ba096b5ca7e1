/*
 * shm_life.c - the life of a System V shared memory segment, as Linux lives
 * it: made by shmget, attached by shmat (in any number of places and
 * processes, all seeing the same pages), described by IPC_STAT, changed by
 * IPC_SET, inherited by fork, dropped by exit, execve, munmap and shmdt,
 * marked by IPC_RMID and destroyed at its last detach, counted by
 * SHM_INFO and IPC_INFO, found by a SHM_STAT scan, locked by SHM_LOCK, and
 * hidden by a new IPC namespace. The errors are in shm_errno.c.
 *
 * What Linux does here that a reader might not expect (keyhole does the
 * same):
 *   - shm_nattch counts mappings (VMAs), not processes: fork adds one per
 *     attach, and an attach split in pieces by mprotect counts each piece;
 *     shmdt removes every piece of the attach that starts at its address.
 *   - fork sets shm_lpid to the parent's pid and shm_atime to now (the
 *     attach is duplicated by the parent); exit and execve set shm_lpid to
 *     the leaving process and shm_dtime to now.
 *   - IPC_RMID with attaches left sets SHM_DEST (01000) in shm_perm.mode
 *     and the key to IPC_PRIVATE (0); the segment can still be attached by
 *     id; it goes at its last detach. IPC_RMID and SHM_LOCK leave
 *     shm_ctime alone; IPC_SET sets it.
 *   - IPC_SET takes only the low 9 bits of mode, keeps SHM_DEST and
 *     SHM_LOCKED (02000), and ignores every field but uid, gid and mode.
 *   - The mapping is the size rounded up to pages; the bytes past
 *     shm_segsz up to the page end are there, zero, and shared.
 *   - A write to a SHM_RDONLY attach is SIGSEGV with SEGV_ACCERR, whether
 *     the page was touched before or not; mprotect cannot make it
 *     writable (EACCES).
 *   - A segment outlives the process that made it (shm_rmid_forced is 0).
 *
 * Times are whole seconds: the cases that watch them change wait for the
 * clock to tick (about four seconds in all). Cases that need exact global
 * counts (SHM_INFO, IPC_INFO's defaults) run in a fresh IPC namespace.
 * The freeram checks are exact on keyhole and generous on Linux, as in
 * sysinfo_leak.c (see check_no_leak below).
 *
 * Ids made in the init namespace are recorded in a page shared by every
 * process of the test, and main() removes them after each case, so a
 * failed case leaves nothing behind.
 */
#include "shmtest.h"

#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>

#define HOLD_MARK "--hold-after-exec"

/* ---- helpers shared by the cases ---- */

static struct shmid_ds stat_of(int id)
{
	struct shmid_ds ds;

	memset(&ds, 0xa5, sizeof(ds));
	CHECKF(shmctl(id, IPC_STAT, &ds) == 0, "shmctl(%d, IPC_STAT): %s", id, strerror(errno));
	return ds;
}

/* shmat that must succeed: the address, or NULL (after a failed check). */
static char *attach(int id, const void *addr, int flags)
{
	char *p = shmat(id, addr, flags);

	if (!CHECKF(p != (char *)-1, "shmat(%d, %p, %#o): %s", id, addr, flags, strerror(errno)))
		return NULL;
	return p;
}

static void spin_until(volatile int *p, int value)
{
	while (__atomic_load_n(p, __ATOMIC_ACQUIRE) != value)
		sched_yield();
}

/* Fill / check n bytes with a pattern of seed. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7 + (i >> 12));
}

static size_t first_mismatch(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 7 + (i >> 12)))
			return i;
	return n;
}

/*
 * How fn(addr) ends in a child: the SIGSEGV it raises, with si_code and
 * si_addr, sent back through a pipe. Return: whether it raised SIGSEGV.
 */
struct fault {
	int signo, code;
	void *addr;
};
static int fault_pipe;

static void fault_handler(int sig, siginfo_t *si, void *uc)
{
	struct fault f = { sig, si->si_code, si->si_addr };

	(void)uc;
	write(fault_pipe, &f, sizeof(f));
	_exit(0);
}

static bool faults(void (*fn)(char *), char *addr, struct fault *f)
{
	int p[2];

	memset(f, 0, sizeof(*f));
	if (!CHECK_SYS(pipe(p)))
		return false;
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = fault_handler;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGSEGV, &sa, NULL);
		sigaction(SIGBUS, &sa, NULL);
		fault_pipe = p[1];
		fn(addr);
		_exit(0);	/* no fault */
	}
	close(p[1]);
	ssize_t n = read(p[0], f, sizeof(*f));
	close(p[0]);
	ut_wait(pid);
	return n == sizeof(*f) && f->signo == SIGSEGV;
}

static void do_write(char *p)
{
	*(volatile char *)p = 1;
}

static void do_call(char *p)
{
	((void (*)(void))p)();
}

/* A write (or call) at addr faults with SIGSEGV, SEGV_ACCERR, at addr. */
#define CHECK_ACCERR(fn, where)                                                 \
	({                                                                      \
		struct fault f_;                                                \
		char *a_ = (where);                                             \
		bool ok_ = CHECKF(faults(fn, a_, &f_), "%s(%s) raises no SIGSEGV (signal %d)", \
				  #fn, #where, f_.signo);                       \
		if (ok_) {                                                      \
			ok_ = CHECKF(f_.code == SEGV_ACCERR,                    \
				     "%s(%s): si_code %d, not SEGV_ACCERR (%d)", #fn, \
				     #where, f_.code, SEGV_ACCERR);             \
			ok_ &= CHECKF(f_.addr == a_, "%s(%s): si_addr %p, not %p", #fn, \
				      #where, f_.addr, (void *)a_);             \
		}                                                               \
		ok_;                                                            \
	})

/* ---- sharing ---- */

struct xchg {
	int turn;		/* 1: the parent wrote data[0]; 2: the child answered */
	int round;
	unsigned char data[2][2000];
};

static void parent_and_child_exchange_both_ways(void)
{
	enum { ROUNDS = 100 };
	key_t key = key_for(0);
	int id = seg(key, sizeof(struct xchg), IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id))
		return;
	struct xchg *x = (struct xchg *)attach(id, NULL, 0);
	if (!x)
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		/* The child attaches on its own, through the key. */
		CHECK_SYS(shmdt(x));
		int cid = shmget(key, 0, 0);
		struct xchg *c = CHECK_EQ(cid, id) ? (struct xchg *)attach(cid, NULL, 0) : NULL;
		for (int r = 0; c && r < ROUNDS; r++) {
			spin_until(&c->turn, 1);
			if (!CHECK_EQ(c->round, r))
				break;
			size_t bad = first_mismatch(c->data[0], sizeof(c->data[0]), (unsigned)r);
			if (!CHECKF(bad == sizeof(c->data[0]), "round %d: parent's byte %zu differs",
				    r, bad))
				break;
			fill(c->data[1], sizeof(c->data[1]), (unsigned)r + 1000);
			__atomic_store_n(&c->turn, 2, __ATOMIC_RELEASE);
		}
		ut_child_exit();
	}
	for (int r = 0; r < ROUNDS; r++) {
		x->round = r;
		fill(x->data[0], sizeof(x->data[0]), (unsigned)r);
		__atomic_store_n(&x->turn, 1, __ATOMIC_RELEASE);
		spin_until(&x->turn, 2);
		size_t bad = first_mismatch(x->data[1], sizeof(x->data[1]), (unsigned)r + 1000);
		if (!CHECKF(bad == sizeof(x->data[1]), "round %d: child's byte %zu differs", r, bad))
			break;
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(nattch(id), 1);
	CHECK_SYS(shmdt(x));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void second_attach_at_another_address_sees_same_bytes(void)
{
	int id = seg(IPC_PRIVATE, 3 * PAGE, 0600);

	if (!CHECK_SYS(id))
		return;
	char *a = attach(id, NULL, 0), *b = attach(id, NULL, 0);
	char *want = free_addr(3), *c = attach(id, want, 0);
	if (!a || !b || !c)
		return;
	CHECK(a != b && b != c && a != c);
	CHECK(c == want);
	CHECK_EQ(nattch(id), 3);
	fill((unsigned char *)a, 3 * PAGE, 1);
	CHECK_EQ(first_mismatch((unsigned char *)b, 3 * PAGE, 1), 3 * PAGE);
	CHECK_EQ(first_mismatch((unsigned char *)c, 3 * PAGE, 1), 3 * PAGE);
	fill((unsigned char *)b + PAGE, PAGE, 2);	/* and the other way */
	CHECK_EQ(first_mismatch((unsigned char *)a + PAGE, PAGE, 2), PAGE);
	CHECK_SYS(shmdt(a));
	c[3 * PAGE - 1] = 'z';
	CHECK_EQ(b[3 * PAGE - 1], 'z');
	CHECK_EQ(nattch(id), 2);
	CHECK_SYS(shmdt(b));
	CHECK_SYS(shmdt(c));
	CHECK_EQ(nattch(id), 0);
	/* Detached is not destroyed: the bytes are still in the segment. */
	a = attach(id, NULL, SHM_RDONLY);
	if (a) {
		CHECK_EQ(a[0], (char)1);
		CHECK_EQ(a[3 * PAGE - 1], 'z');
		CHECK_SYS(shmdt(a));
	}
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void many_attaches_in_one_process(void)
{
	enum { N = 16 };
	int id = seg(IPC_PRIVATE, PAGE, 0600);
	char *p[N];

	if (!CHECK_SYS(id))
		return;
	for (int i = 0; i < N; i++) {
		if (!(p[i] = attach(id, NULL, 0)))
			return;
		p[i][i] = (char)i;
	}
	CHECK_EQ(nattch(id), N);
	for (int i = 0; i < N; i++)
		CHECK_EQ(p[0][i], (char)i);
	for (int i = 0; i < N; i++)
		CHECK_SYS(shmdt(p[i]));
	CHECK_EQ(nattch(id), 0);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* shm_segsz is the size asked for; the mapping is whole pages. */
static void size_rounds_up_to_whole_pages(void)
{
	int id = seg(IPC_PRIVATE, 5000, 0600);

	if (!CHECK_SYS(id))
		return;
	CHECK_EQ(stat_of(id).shm_segsz, 5000);
	char *a = attach(id, NULL, 0), *b = attach(id, NULL, 0);
	if (!a || !b)
		return;
	for (size_t i = 0; i < 2 * PAGE; i++)
		if (!CHECKF(a[i] == 0, "byte %zu of a new segment is %d", i, a[i]))
			break;
	a[4999] = 'e';
	a[5000] = 'p';		/* past shm_segsz, in its last page */
	a[2 * PAGE - 1] = 'l';
	CHECK_EQ(b[4999], 'e');
	CHECK_EQ(b[5000], 'p');
	CHECK_EQ(b[2 * PAGE - 1], 'l');
	CHECK_SYS(shmdt(a));
	CHECK_SYS(shmdt(b));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void rdonly_attach_reads_and_writes_fault(void)
{
	int id = seg(IPC_PRIVATE, 2 * PAGE, 0600);

	if (!CHECK_SYS(id))
		return;
	char *w = attach(id, NULL, 0), *r = attach(id, NULL, SHM_RDONLY);
	if (!w || !r)
		return;
	strcpy(w, "written through the other attach");
	CHECK_STR(r, "written through the other attach");
	CHECK_ACCERR(do_write, r);		/* a page already mapped */
	CHECK_ACCERR(do_write, r + PAGE + 8);	/* a page never touched */
	CHECK_EQ(w[PAGE + 8], 0);
	CHECK_STR(r, "written through the other attach");
	/* The read-only attach cannot be made writable. */
	CHECK_ERR(mprotect(r, PAGE, PROT_READ | PROT_WRITE), EACCES);
	CHECK_ACCERR(do_write, r);
	CHECK_SYS(shmdt(r));
	CHECK_SYS(shmdt(w));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shm_exec_attach_runs_code(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0700);

	if (!CHECK_SYS(id))
		return;
	char *w = attach(id, NULL, 0), *x = attach(id, NULL, SHM_EXEC | SHM_RDONLY);
	if (!w || !x)
		return;
	w[0] = (char)0xc3;			/* ret */
	do_call(x);				/* returns */
	CHECK_ACCERR(do_call, w);		/* not executable without SHM_EXEC */
	CHECK_SYS(shmdt(x));
	CHECK_SYS(shmdt(w));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shm_rnd_rounds_down_to_shmlba(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600);
	char *hole = free_addr(2);

	if (!CHECK_SYS(id) || !CHECK(hole))
		return;
	char *p = attach(id, hole + PAGE + 4095, SHM_RND);
	if (p) {
		CHECK(p == hole + PAGE);
		CHECK_SYS(shmdt(p));
	}
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void shm_remap_replaces_a_mapping(void)
{
	int id = seg(IPC_PRIVATE, 2 * PAGE, 0600);
	char *m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK_SYS(id) || !CHECK(m != MAP_FAILED))
		return;
	memset(m, 'm', 3 * PAGE);
	char *p = attach(id, m, SHM_REMAP);
	if (!p)
		return;
	CHECK(p == m);
	CHECK_EQ(m[0], 0);			/* the segment's zeros now */
	CHECK_EQ(m[2 * PAGE - 1], 0);
	CHECK_EQ(m[2 * PAGE], 'm');		/* the rest of the mapping is left */
	CHECK_EQ(nattch(id), 1);
	CHECK_SYS(shmdt(p));
	/* Now nothing is there: attaching without SHM_REMAP works. */
	p = attach(id, m, 0);
	if (p)
		CHECK_SYS(shmdt(p));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* ---- IPC_STAT and IPC_SET ---- */

static void ipc_stat_fields_of_new_segment(void)
{
	key_t key = key_for(1);
	time_t t0 = time(NULL);
	int id = seg(key, 3 * PAGE + 1, IPC_CREAT | IPC_EXCL | 0640);
	time_t t1 = time(NULL);

	if (!CHECK_SYS(id))
		return;
	struct shmid_ds ds = stat_of(id);
	CHECK_EQ(ds.shm_perm.__key, key);
	CHECK_EQ(ds.shm_perm.mode, 0640);	/* no IPC_CREAT bit, no SHM_* bits */
	CHECK_EQ(ds.shm_perm.uid, geteuid());
	CHECK_EQ(ds.shm_perm.gid, getegid());
	CHECK_EQ(ds.shm_perm.cuid, geteuid());
	CHECK_EQ(ds.shm_perm.cgid, getegid());
	CHECK_EQ(ds.shm_segsz, 3 * PAGE + 1);
	CHECK_EQ(ds.shm_nattch, 0);
	CHECK_EQ(ds.shm_cpid, getpid());
	CHECK_EQ(ds.shm_lpid, 0);
	CHECK_EQ(ds.shm_atime, 0);
	CHECK_EQ(ds.shm_dtime, 0);
	CHECK_GE(ds.shm_ctime, t0);
	CHECK_LE(ds.shm_ctime, t1);
	/* IPC_STAT returns 0, SHM_STAT returns the id. */
	CHECK_EQ(shmctl(id, IPC_STAT, &ds), 0);
	/* A segment made by another user is theirs. */
	int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(shared != MAP_FAILED))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY - 1, 0))
			CHECK_SYS(*shared = seg(IPC_PRIVATE, PAGE, 0604));
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	ds = stat_of(*shared);
	CHECK_EQ(ds.shm_perm.__key, IPC_PRIVATE);
	CHECK_EQ(ds.shm_perm.uid, NOBODY);
	CHECK_EQ(ds.shm_perm.cuid, NOBODY);
	CHECK_EQ(ds.shm_perm.gid, NOBODY - 1);
	CHECK_EQ(ds.shm_perm.cgid, NOBODY - 1);
	CHECK_EQ(ds.shm_perm.mode, 0604);
	CHECK_EQ(ds.shm_cpid, pid);
	CHECK_SYS(shmctl(*shared, IPC_RMID, NULL));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* Each of attach, detach, IPC_SET sets its own time; lock and RMID none. */
static void ipc_stat_times_follow_attach_detach_set(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600);

	if (!CHECK_SYS(id))
		return;
	struct shmid_ds c = stat_of(id);	/* created */
	time_t t = next_second();
	char *p = attach(id, NULL, 0);
	if (!p)
		return;
	struct shmid_ds a = stat_of(id);	/* attached */
	CHECK_GE(a.shm_atime, t);
	CHECK_LE(a.shm_atime, time(NULL));
	CHECK_GT(a.shm_atime, c.shm_ctime);
	CHECK_EQ(a.shm_ctime, c.shm_ctime);
	CHECK_EQ(a.shm_dtime, 0);
	CHECK_EQ(a.shm_lpid, getpid());

	t = next_second();
	CHECK_SYS(shmdt(p));
	struct shmid_ds d = stat_of(id);	/* detached */
	CHECK_GE(d.shm_dtime, t);
	CHECK_LE(d.shm_dtime, time(NULL));
	CHECK_EQ(d.shm_atime, a.shm_atime);
	CHECK_EQ(d.shm_ctime, c.shm_ctime);
	CHECK_EQ(d.shm_lpid, getpid());

	t = next_second();
	d.shm_perm.mode = 0640;
	CHECK_SYS(shmctl(id, IPC_SET, &d));
	struct shmid_ds s = stat_of(id);	/* IPC_SET */
	CHECK_GE(s.shm_ctime, t);
	CHECK_LE(s.shm_ctime, time(NULL));
	CHECK_EQ(s.shm_atime, a.shm_atime);
	CHECK_EQ(s.shm_dtime, d.shm_dtime);

	next_second();
	CHECK_SYS(shmctl(id, SHM_LOCK, NULL));
	CHECK_SYS(shmctl(id, SHM_UNLOCK, NULL));
	p = attach(id, NULL, 0);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	struct shmid_ds r = stat_of(id);	/* locked, unlocked, attached, RMID */
	CHECK_EQ(r.shm_ctime, s.shm_ctime);
	CHECK_GT(r.shm_atime, a.shm_atime);
	if (p)
		CHECK_SYS(shmdt(p));
}

static void ipc_set_changes_uid_gid_mode_only(void)
{
	int id = seg(key_for(2), 2 * PAGE, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id))
		return;
	struct shmid_ds before = stat_of(id), ds = before;
	ds.shm_perm.uid = NOBODY;
	ds.shm_perm.gid = NOBODY - 1;
	ds.shm_perm.mode = 07000 | 0604;	/* only the low 9 bits count */
	ds.shm_perm.cuid = 1;			/* the rest is ignored */
	ds.shm_perm.cgid = 2;
	ds.shm_perm.__key = 3;
	ds.shm_segsz = 1;
	ds.shm_cpid = 4;
	ds.shm_lpid = 5;
	ds.shm_nattch = 6;
	ds.shm_atime = 7;
	ds.shm_dtime = 8;
	CHECK_EQ(shmctl(id, IPC_SET, &ds), 0);
	struct shmid_ds now = stat_of(id);
	CHECK_EQ(now.shm_perm.uid, NOBODY);
	CHECK_EQ(now.shm_perm.gid, NOBODY - 1);
	CHECK_EQ(now.shm_perm.mode, 0604);
	CHECK_EQ(now.shm_perm.cuid, before.shm_perm.cuid);
	CHECK_EQ(now.shm_perm.cgid, before.shm_perm.cgid);
	CHECK_EQ(now.shm_perm.__key, key_for(2));
	CHECK_EQ(now.shm_segsz, 2 * PAGE);
	CHECK_EQ(now.shm_cpid, getpid());
	CHECK_EQ(now.shm_lpid, 0);
	CHECK_EQ(now.shm_nattch, 0);
	CHECK_EQ(now.shm_atime, 0);
	CHECK_EQ(now.shm_dtime, 0);
	/* It works: the new owner may now read and write, and remove it. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			char *p = attach(id, NULL, 0);
			if (p) {
				p[0] = 'n';
				CHECK_SYS(shmdt(p));
			}
			ds = stat_of(id);
			ds.shm_perm.mode = 0;
			CHECK_SYS(shmctl(id, IPC_SET, &ds));	/* the owner may */
			CHECK_ERR(shmat(id, NULL, SHM_RDONLY), EACCES);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(stat_of(id).shm_perm.mode, 0);
	/* SHM_DEST and SHM_LOCKED survive IPC_SET, and IPC_SET cannot set them. */
	char *p = attach(id, NULL, 0);
	if (!p)
		return;
	CHECK_EQ(p[0], 'n');
	CHECK_SYS(shmctl(id, SHM_LOCK, NULL));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	ds = stat_of(id);
	ds.shm_perm.mode = 0644;
	CHECK_SYS(shmctl(id, IPC_SET, &ds));
	CHECK_EQ(stat_of(id).shm_perm.mode, SHM_LOCKED | SHM_DEST | 0644);
	CHECK_SYS(shmctl(id, SHM_UNLOCK, NULL));
	CHECK_EQ(stat_of(id).shm_perm.mode, SHM_DEST | 0644);
	CHECK_SYS(shmdt(p));
}

/* ---- removal ---- */

static void rmid_while_attached_keeps_it_usable(void)
{
	key_t key = key_for(3);
	int id = seg(key, PAGE, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id))
		return;
	char *p = attach(id, NULL, 0);
	if (!p)
		return;
	strcpy(p, "before");
	CHECK_EQ(shmctl(id, IPC_RMID, NULL), 0);
	/* Still there, still shared, marked, and private. */
	struct shmid_ds ds = stat_of(id);
	CHECK_EQ(ds.shm_perm.mode, SHM_DEST | 0600);
	CHECK_EQ(ds.shm_perm.__key, IPC_PRIVATE);
	CHECK_EQ(ds.shm_nattch, 1);
	CHECK_STR(p, "before");
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_STR(p, "before");
		strcpy(p, "after, from the child");
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_STR(p, "after, from the child");
	/* Removing it again is fine. */
	CHECK_EQ(shmctl(id, IPC_RMID, NULL), 0);
	/* Its key is free: without IPC_CREAT nothing, with it a new segment. */
	CHECK_ERR(shmget(key, PAGE, 0600), ENOENT);
	int id2 = seg(key, PAGE, IPC_CREAT | IPC_EXCL | 0600);
	if (CHECK_SYS(id2)) {
		CHECK_NE(id2, id);
		char *q = attach(id2, NULL, 0);
		if (q) {
			CHECK_EQ(q[0], 0);
			CHECK_SYS(shmdt(q));
		}
		CHECK_SYS(shmctl(id2, IPC_RMID, NULL));
	}
	/* The old one still attaches by id (Linux). */
	char *q = attach(id, NULL, SHM_RDONLY);
	if (q) {
		CHECK_STR(q, "after, from the child");
		CHECK_EQ(nattch(id), 2);
		CHECK_SYS(shmdt(q));
	}
	CHECK_SYS(shmdt(p));
	CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
}

static void rmid_destroys_at_last_detach(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600);
	int go[2];
	char c;

	if (!CHECK_SYS(id) || !CHECK_SYS(pipe(go)))
		return;
	char *p = attach(id, NULL, 0);
	if (!p)
		return;
	/* Nothing attached: IPC_RMID destroys at once. */
	int id2 = seg(IPC_PRIVATE, PAGE, 0600);
	if (CHECK_SYS(id2)) {
		CHECK_SYS(shmctl(id2, IPC_RMID, NULL));
		CHECK_ERR(shmctl(id2, IPC_STAT, &(struct shmid_ds){ 0 }), EINVAL);
		CHECK_ERR(shmat(id2, NULL, 0), EINVAL);
	}
	/* The child holds the last attach. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		close(go[1]);
		read(go[0], &c, 1);
		CHECK_STR(p, "parent");
		strcpy(p, "child");
		ut_child_exit();		/* exit detaches */
	}
	close(go[0]);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	strcpy(p, "parent");
	CHECK_SYS(shmdt(p));
	CHECK_EQ(nattch(id), 1);
	CHECK_EQ(stat_of(id).shm_perm.mode, SHM_DEST | 0600);
	close(go[1]);
	CHECK_EXITED(pid, 0);
	CHECK_ERR(shmctl(id, IPC_STAT, &(struct shmid_ds){ 0 }), EINVAL);
	CHECK_ERR(shmat(id, NULL, 0), EINVAL);
	CHECK_ERR(shmctl(id, IPC_RMID, NULL), EINVAL);
}

/* A segment outlives its creator (shm_rmid_forced is 0 in a new namespace). */
static void segment_outlives_its_creator(void)
{
	key_t key = key_for(4);

	if (!fresh_ipc_ns())
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		int id = shmget(key, PAGE, IPC_CREAT | IPC_EXCL | 0600);
		char *p = CHECK_SYS(id) ? attach(id, NULL, 0) : NULL;
		if (p)
			strcpy(p, "left behind");
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	int id = shmget(key, 0, 0);
	if (!CHECK_SYS(id))
		return;
	struct shmid_ds ds = stat_of(id);
	CHECK_EQ(ds.shm_cpid, pid);
	CHECK_EQ(ds.shm_lpid, pid);
	CHECK_EQ(ds.shm_nattch, 0);
	char *p = attach(id, NULL, 0);
	if (p) {
		CHECK_STR(p, "left behind");
		CHECK_SYS(shmdt(p));
	}
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* ---- fork, exit, execve, munmap ---- */

static void fork_inherits_attachments_exit_detaches(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600), go[2];
	char c;

	if (!CHECK_SYS(id) || !CHECK_SYS(pipe(go)))
		return;
	char *a = attach(id, NULL, 0), *b = attach(id, NULL, SHM_RDONLY);
	if (!a || !b)
		return;
	strcpy(a, "from the parent");
	CHECK_EQ(nattch(id), 2);
	pid_t pid = ut_fork();
	if (pid == 0) {
		close(go[1]);
		/* The same attaches, at the same addresses, shared (not copied). */
		CHECK_STR(a, "from the parent");
		CHECK_STR(b, "from the parent");
		strcpy(a, "from the child");
		read(go[0], &c, 1);
		ut_child_exit();
	}
	close(go[0]);
	struct shmid_ds ds = stat_of(id);
	CHECK_EQ(ds.shm_nattch, 4);		/* one per attach per process */
	CHECK_EQ(ds.shm_lpid, getpid());	/* the parent duplicated them */
	CHECK_GT(ds.shm_atime, 0);
	close(go[1]);
	CHECK_EXITED(pid, 0);
	CHECK_STR(a, "from the child");
	ds = stat_of(id);
	CHECK_EQ(ds.shm_nattch, 2);
	CHECK_EQ(ds.shm_lpid, pid);		/* the child detached last */
	CHECK_GT(ds.shm_dtime, 0);
	CHECK_SYS(shmdt(a));
	CHECK_SYS(shmdt(b));
	CHECK_EQ(nattch(id), 0);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void execve_detaches(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600), go[2], ready[2], hold[2];
	char c, fds[32];

	if (!CHECK_SYS(id) || !CHECK_SYS(pipe(go)) || !CHECK_SYS(pipe(ready)) ||
	    !CHECK_SYS(pipe(hold)))
		return;
	char *p = attach(id, NULL, 0);
	if (!p)
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		char *argv[] = { "shm_life", HOLD_MARK, fds, NULL };
		char *envp[] = { NULL };

		snprintf(fds, sizeof(fds), "%d,%d", ready[1], hold[0]);
		close(go[1]);
		close(ready[0]);
		close(hold[1]);
		read(go[0], &c, 1);
		execve(ut_self_path(), argv, envp);
		CHECKF(0, "execve %s: %s", ut_self_path(), strerror(errno));
		ut_child_exit();
	}
	close(go[0]);
	close(ready[1]);
	close(hold[0]);
	CHECK_EQ(nattch(id), 2);
	write(go[1], "g", 1);
	/* The new program is running, holding no attach. */
	if (CHECK_EQ(read(ready[0], &c, 1), 1)) {
		struct shmid_ds ds = stat_of(id);

		CHECK_EQ(ds.shm_nattch, 1);
		CHECK_EQ(ds.shm_lpid, pid);
	}
	close(hold[1]);
	CHECK_EXITED(pid, 0);
	CHECK_EQ(nattch(id), 1);
	CHECK_SYS(shmdt(p));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* The program execve_detaches runs: say "ready", wait for EOF. */
static int hold_after_exec(const char *fds)
{
	int ready, hold;
	char c;

	if (sscanf(fds, "%d,%d", &ready, &hold) != 2)
		return 2;
	write(ready, "r", 1);
	while (read(hold, &c, 1) > 0)
		;
	return 0;
}

static void munmap_detaches(void)
{
	int id = seg(IPC_PRIVATE, 2 * PAGE, 0600);

	if (!CHECK_SYS(id))
		return;
	char *p = attach(id, NULL, 0);
	if (!p)
		return;
	CHECK_EQ(nattch(id), 1);
	CHECK_SYS(munmap(p, 2 * PAGE));
	CHECK_EQ(nattch(id), 0);
	CHECK_ERR(shmdt(p), EINVAL);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	CHECK_ERR(shmat(id, NULL, 0), EINVAL);		/* that was the last one */
}

/* An attach split by mprotect counts each piece; shmdt removes them all. */
static void split_attach_counts_pieces_shmdt_removes_all(void)
{
	int id = seg(IPC_PRIVATE, 3 * PAGE, 0600);

	if (!CHECK_SYS(id))
		return;
	char *p = attach(id, NULL, 0);
	if (!p)
		return;
	CHECK_SYS(mprotect(p + PAGE, PAGE, PROT_READ));
	CHECK_EQ(nattch(id), 3);
	p[2 * PAGE] = 'x';
	CHECK_ACCERR(do_write, p + PAGE);
	CHECK_SYS(shmdt(p));
	CHECK_EQ(nattch(id), 0);
	/* Nothing of it is left: the same place can be attached again. */
	char *q = attach(id, p, 0);
	if (q) {
		CHECK(q == p);
		CHECK_EQ(q[2 * PAGE], 'x');
		CHECK_SYS(shmdt(q));
	}
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* ---- SHM_INFO, IPC_INFO, SHM_STAT, SHM_LOCK ---- */

static void shm_info_counts_ids_pages_rss(void)
{
	struct shm_info info;
	struct shmid_ds ds;

	if (!fresh_ipc_ns())
		return;
	memset(&info, 0xa5, sizeof(info));
	CHECK_EQ(shmctl(0, SHM_INFO, (struct shmid_ds *)&info), 0);
	CHECK_EQ(info.used_ids, 0);
	CHECK_EQ(info.shm_tot, 0);
	CHECK_EQ(info.shm_rss, 0);
	CHECK_EQ(info.shm_swp, 0);

	int a = shmget(IPC_PRIVATE, 3 * PAGE - 100, 0600);	/* 3 pages */
	int b = shmget(IPC_PRIVATE, 1, 0600);			/* 1 page */
	if (!CHECK_SYS(a) || !CHECK_SYS(b))
		return;
	/* It returns the highest index in use: 1. */
	CHECK_EQ(shmctl(0, SHM_INFO, (struct shmid_ds *)&info), 1);
	CHECK_EQ(info.used_ids, 2);
	CHECK_EQ(info.shm_tot, 4);
	CHECK_EQ(info.shm_rss, 0);
	char *p = attach(a, NULL, 0);
	if (!p)
		return;
	p[0] = 1;
	p[2 * PAGE] = 1;
	CHECK_EQ(shmctl(0, SHM_INFO, (struct shmid_ds *)&info), 1);
	CHECK_EQ(info.shm_rss, 2);				/* pages in memory */
	/* A SHM_STAT scan up to that index finds exactly used_ids segments. */
	int found = 0;
	for (int i = 0; i <= 1; i++)
		if (shmctl(i, SHM_STAT, &ds) >= 0)
			found++;
	CHECK_EQ(found, 2);
	/* Marked for removal, still counted; gone at the detach. */
	CHECK_SYS(shmctl(a, IPC_RMID, NULL));
	CHECK_EQ(shmctl(0, SHM_INFO, (struct shmid_ds *)&info), 1);
	CHECK_EQ(info.used_ids, 2);
	CHECK_EQ(info.shm_tot, 4);
	CHECK_SYS(shmdt(p));
	CHECK_EQ(shmctl(0, SHM_INFO, (struct shmid_ds *)&info), 1);
	CHECK_EQ(info.used_ids, 1);
	CHECK_EQ(info.shm_tot, 1);
	CHECK_EQ(info.shm_rss, 0);
	CHECK_SYS(shmctl(b, IPC_RMID, NULL));
	CHECK_EQ(shmctl(0, SHM_INFO, (struct shmid_ds *)&info), 0);
	CHECK_EQ(info.used_ids, 0);
	CHECK_EQ(info.shm_tot, 0);
}

static void shm_stat_scan_finds_the_segment(void)
{
	key_t key = key_for(5);
	int id = seg(key, 3 * PAGE, IPC_CREAT | IPC_EXCL | 0604);
	struct shm_info info;
	struct shmid_ds ds;

	if (!CHECK_SYS(id))
		return;
	int max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);
	if (!CHECK_SYS(max))
		return;
	CHECK_GE(info.used_ids, 1);
	int found = -1, in_use = 0;
	for (int i = 0; i <= max; i++) {
		int r = shmctl(i, SHM_STAT, &ds);

		if (r >= 0)
			in_use++;
		if (r == id)
			found = i;
	}
	CHECK_GE(in_use, 1);
	if (!CHECKF(found >= 0, "id %d not found by SHM_STAT over indexes 0..%d", id, max))
		return;
	CHECK_EQ(shmctl(found, SHM_STAT, &ds), id);
	CHECK_EQ(ds.shm_perm.__key, key);
	CHECK_EQ(ds.shm_segsz, 3 * PAGE);
	CHECK_EQ(ds.shm_cpid, getpid());
	CHECK_EQ(ds.shm_perm.mode, 0604);
	CHECK_EQ(shmctl(found, SHM_STAT_ANY, &ds), id);
	CHECK_EQ(ds.shm_perm.__key, key);
	/* SHM_STAT_ANY finds it for anybody; SHM_STAT only with read permission. */
	ds.shm_perm.mode = 0600;
	CHECK_SYS(shmctl(id, IPC_SET, &ds));
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0)) {
			CHECK_ERR(shmctl(found, SHM_STAT, &ds), EACCES);
			CHECK_EQ(shmctl(found, SHM_STAT_ANY, &ds), id);
			CHECK_EQ(ds.shm_segsz, 3 * PAGE);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	CHECK_ERR(shmctl(found, SHM_STAT, &ds), EINVAL);
}

static void ipc_info_limits(void)
{
	struct shminfo si;

	/* Here: whatever the administrator set, but sane. */
	memset(&si, 0xa5, sizeof(si));
	if (CHECK_SYS(shmctl(0, IPC_INFO, (struct shmid_ds *)&si))) {
		CHECK_EQ(si.shmmin, 1);
		CHECK_GE(si.shmmni, 1);
		CHECK_EQ(si.shmseg, si.shmmni);
		/* unsigned long: CHECK_GE would compare them as long long */
		CHECKF(si.shmmax >= PAGE, "shmmax %lu", si.shmmax);
		CHECKF(si.shmall >= 1, "shmall %lu", si.shmall);
	}
	/* A new namespace has Linux's defaults, and no segments: returns 0. */
	if (!fresh_ipc_ns())
		return;
	memset(&si, 0xa5, sizeof(si));
	CHECK_EQ(shmctl(0, IPC_INFO, (struct shmid_ds *)&si), 0);
	CHECK_EQ(si.shmmax, ULONG_MAX - (1UL << 24));
	CHECK_EQ(si.shmmin, 1);
	CHECK_EQ(si.shmmni, 4096);
	CHECK_EQ(si.shmseg, 4096);
	CHECK_EQ(si.shmall, ULONG_MAX - (1UL << 24));
	int a = shmget(IPC_PRIVATE, 1, 0600), b = shmget(IPC_PRIVATE, 1, 0600);
	CHECK_SYS(a);
	CHECK_SYS(b);
	CHECK_EQ(shmctl(0, IPC_INFO, (struct shmid_ds *)&si), 1);	/* the highest index */
	CHECK_SYS(shmctl(b, IPC_RMID, NULL));
	CHECK_EQ(shmctl(0, IPC_INFO, (struct shmid_ds *)&si), 0);
}

static void shm_lock_sets_and_unlock_clears_shm_locked(void)
{
	int id = seg(IPC_PRIVATE, 2 * PAGE, 0640);

	CHECK_EQ(SHM_DEST, 01000);
	CHECK_EQ(SHM_LOCKED, 02000);
	if (!CHECK_SYS(id))
		return;
	char *p = attach(id, NULL, 0);
	if (!p)
		return;
	strcpy(p, "locked in memory");
	CHECK_EQ(shmctl(id, SHM_LOCK, NULL), 0);
	CHECK_EQ(stat_of(id).shm_perm.mode, SHM_LOCKED | 0640);
	CHECK_EQ(shmctl(id, SHM_LOCK, NULL), 0);	/* twice is fine */
	CHECK_EQ(stat_of(id).shm_perm.mode, SHM_LOCKED | 0640);
	CHECK_STR(p, "locked in memory");
	CHECK_EQ(shmctl(id, SHM_UNLOCK, NULL), 0);
	CHECK_EQ(stat_of(id).shm_perm.mode, 0640);
	CHECK_EQ(shmctl(id, SHM_UNLOCK, NULL), 0);	/* so is this */
	CHECK_EQ(stat_of(id).shm_perm.mode, 0640);
	CHECK_SYS(shmdt(p));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* ---- IPC namespaces ---- */

static void unshare_hides_parent_keys_and_ids(void)
{
	key_t key = key_for(6);
	int id = seg(key, PAGE, IPC_CREAT | IPC_EXCL | 0600);

	if (!CHECK_SYS(id))
		return;
	char *p = attach(id, NULL, 0);
	if (!p)
		return;
	strcpy(p, "parent's");
	pid_t pid = ut_fork();
	if (pid == 0) {
		struct shmid_ds ds;
		struct shm_info info;

		if (CHECK_SYS(unshare(CLONE_NEWIPC))) {
			CHECK_ERR(shmget(key, 0, 0), ENOENT);
			CHECK_ERR(shmget(key, PAGE, 0600), ENOENT);
			CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
			CHECK_ERR(shmat(id, NULL, 0), EINVAL);
			CHECK_ERR(shmctl(id, IPC_RMID, NULL), EINVAL);
			CHECK_EQ(shmctl(0, SHM_INFO, (struct shmid_ds *)&info), 0);
			CHECK_EQ(info.used_ids, 0);
			/* The same key names another segment here. */
			int mine = shmget(key, 2 * PAGE, IPC_CREAT | IPC_EXCL | 0600);
			char *q = CHECK_SYS(mine) ? attach(mine, NULL, 0) : NULL;
			if (q) {
				CHECK_EQ(q[0], 0);
				strcpy(q, "child's");
				CHECK_SYS(shmdt(q));
			}
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(shmget(key, 0, 0), id);
	CHECK_STR(p, "parent's");
	struct shmid_ds ds = stat_of(id);
	CHECK_EQ(ds.shm_segsz, PAGE);
	CHECK_EQ(ds.shm_nattch, 1);
	CHECK_SYS(shmdt(p));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void unshare_segment_invisible_to_parent(void)
{
	key_t key = key_for(7);
	int ready[2], done[2];
	char c;

	if (!CHECK_SYS(pipe(ready)) || !CHECK_SYS(pipe(done)))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		close(ready[0]);
		close(done[1]);
		int id = CHECK_SYS(unshare(CLONE_NEWIPC)) ?
				 shmget(key, PAGE, IPC_CREAT | IPC_EXCL | 0600) : -1;
		char *q = CHECK_SYS(id) ? attach(id, NULL, 0) : NULL;
		if (q)
			strcpy(q, "in the new namespace");
		/* A child of the new namespace's task shares it. */
		pid_t g = ut_fork();
		if (g == 0) {
			int gid = shmget(key, 0, 0);
			char *r = CHECK_EQ(gid, id) ? attach(gid, NULL, SHM_RDONLY) : NULL;
			if (r)
				CHECK_STR(r, "in the new namespace");
			ut_child_exit();
		}
		CHECK_EXITED(g, 0);
		write(ready[1], "r", 1);
		read(done[0], &c, 1);		/* keep the namespace alive */
		ut_child_exit();
	}
	close(ready[1]);
	close(done[0]);
	if (CHECK_EQ(read(ready[0], &c, 1), 1))
		CHECK_ERR(shmget(key, 0, 0), ENOENT);
	close(done[1]);
	CHECK_EXITED(pid, 0);
	CHECK_ERR(shmget(key, 0, 0), ENOENT);
}

/* An attach is a mapping: it stays, and stays shared, across unshare. */
static void attach_survives_unshare(void)
{
	int id = seg(IPC_PRIVATE, PAGE, 0600);

	if (!CHECK_SYS(id))
		return;
	char *p = attach(id, NULL, 0);
	if (!p)
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (CHECK_SYS(unshare(CLONE_NEWIPC))) {
			CHECK_ERR(shmctl(id, IPC_STAT, &(struct shmid_ds){ 0 }), EINVAL);
			strcpy(p, "written after unshare");
			CHECK_SYS(shmdt(p));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_STR(p, "written after unshare");
	struct shmid_ds ds = stat_of(id);
	CHECK_EQ(ds.shm_nattch, 1);
	CHECK_EQ(ds.shm_lpid, pid);
	CHECK_SYS(shmdt(p));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

static void unshare_newipc_needs_privilege(void)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		if (become(NOBODY, NOBODY, 0))
			CHECK_ERR(unshare(CLONE_NEWIPC), EPERM);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

/* ---- size and leaks ---- */

static void segment_64mib_written_and_verified_by_two_processes(void)
{
	enum { SIZE = 64 << 20, WORDS = PAGE / 8 };
	int id = seg(IPC_PRIVATE, SIZE, 0600);

	if (!CHECK_SYS(id))
		return;
	pid_t writer = ut_fork();
	if (writer == 0) {
		uint64_t *p = (uint64_t *)attach(id, NULL, 0);

		for (size_t pg = 0; p && pg < SIZE / PAGE; pg++)
			for (size_t w = 0; w < WORDS; w++)
				p[pg * WORDS + w] = (pg << 32 | w) ^ 0x5a5a5a5a5a5a5a5aULL;
		if (p)
			CHECK_SYS(shmdt(p));
		ut_child_exit();
	}
	if (!CHECK_EXITED(writer, 0))
		return;
	pid_t reader = ut_fork();
	if (reader == 0) {
		const uint64_t *p = (const uint64_t *)attach(id, NULL, SHM_RDONLY);

		for (size_t pg = 0; p && pg < SIZE / PAGE; pg++)
			for (size_t w = 0; w < WORDS; w++)
				if (p[pg * WORDS + w] != ((pg << 32 | w) ^ 0x5a5a5a5a5a5a5a5aULL)) {
					CHECKF(0, "page %zu word %zu is %#llx", pg, w,
					       (unsigned long long)p[pg * WORDS + w]);
					ut_child_exit();
				}
		ut_child_exit();
	}
	CHECK_EXITED(reader, 0);
	struct shmid_ds ds = stat_of(id);
	CHECK_EQ(ds.shm_segsz, SIZE);
	CHECK_EQ(ds.shm_nattch, 0);
	CHECK_EQ(ds.shm_lpid, reader);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/*
 * freeram, as sysinfo_leak.c measures it. On keyhole (uname sysname other
 * than "Linux") freeram is the page allocator's free count and nothing
 * else runs: not one page may be missing. On Linux, freed pages sit on
 * per-CPU lists, slab caches keep objects, other processes come and go,
 * and IPC namespaces are freed by a worker after an RCU grace period: each
 * measurement is made five times and the median drop must stay under
 * 32 MiB. That catches a gross leak only (every cycle below that leaked
 * its pages would lose 125 MiB or more), and shows the test is sound.
 */

enum { CYCLE_SIZE = 64 << 10 };

static void touch_pages(char *p, size_t size)
{
	for (size_t off = 0; off < size; off += PAGE)
		p[off] = 1;
}

/* get, attach, touch, detach, remove */
static void shm_cycle(void)
{
	int id = shmget(IPC_PRIVATE, CYCLE_SIZE, 0600);

	if (!CHECKF(id >= 0, "shmget: %s", strerror(errno)))
		return;
	char *p = shmat(id, NULL, 0);
	if (CHECKF(p != (char *)-1, "shmat: %s", strerror(errno))) {
		touch_pages(p, CYCLE_SIZE);
		CHECKF(shmdt(p) == 0, "shmdt: %s", strerror(errno));
	}
	CHECKF(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID: %s", strerror(errno));
}

/* get, attach, remove, touch, detach: destroyed by the detach */
static void shm_rmid_first_cycle(void)
{
	int id = shmget(IPC_PRIVATE, CYCLE_SIZE, 0600);

	if (!CHECKF(id >= 0, "shmget: %s", strerror(errno)))
		return;
	char *p = shmat(id, NULL, 0);
	CHECKF(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID: %s", strerror(errno));
	if (CHECKF(p != (char *)-1, "shmat: %s", strerror(errno))) {
		touch_pages(p, CYCLE_SIZE);
		CHECKF(shmdt(p) == 0, "shmdt: %s", strerror(errno));
	}
}

/* A child unshares, makes and touches a segment, and exits without cleaning up. */
static void ipc_namespace_cycle(void)
{
	enum { SIZE = 256 << 10 };
	pid_t pid = fork();

	if (pid == 0) {
		int id;
		char *p;

		if (unshare(CLONE_NEWIPC) < 0 || (id = shmget(0x1234, SIZE, IPC_CREAT | 0600)) < 0 ||
		    (p = shmat(id, NULL, 0)) == (char *)-1)
			_exit(1);
		touch_pages(p, SIZE);
		_exit(0);
	}
	CHECKF(ut_wait(pid) == 0, "a namespace child failed");
}

/*
 * The ids of many creations and removals are Linux's, index and sequence
 * number (ipctest.h's model): keyhole went round all 32768 indexes where
 * Linux goes round max(in_use * 3/2, 64). *_INFO's highest index too.
 */
static int ids_shm_create(void) { return shmget(IPC_PRIVATE, 4096, 0600); }
static int ids_shm_destroy(int id) { return shmctl(id, IPC_RMID, NULL); }
static int ids_shm_stat(int id)
{
	struct shmid_ds ds;

	return shmctl(id, IPC_STAT, &ds);
}
static int ids_shm_maxidx(void)
{
	struct shm_info info;

	return shmctl(0, SHM_INFO, (struct shmid_ds *)&info);
}

static void ids_cycle_within_in_use_like_linux(void)
{
	static const struct ids_ops o = {
		ids_shm_create, ids_shm_destroy, ids_shm_maxidx, ids_shm_stat,
	};

	if (fresh_ipc_ns())
		check_ids_like_linux(&o, 3000);
}

static void freeram_unchanged_after_2000_shm_cycles(void)
{
	ut_check_no_leak(shm_cycle, 2000, "get/attach/touch/detach/remove cycles of 64 KiB");
}

static void freeram_unchanged_after_rmid_while_attached_cycles(void)
{
	ut_check_no_leak(shm_rmid_first_cycle, 1000, "get/attach/remove/touch/detach cycles of 64 KiB");
}

static void freeram_unchanged_after_ipc_namespace_cycles(void)
{
	ut_check_no_leak(ipc_namespace_cycle, 200, "namespaces left with a 256 KiB segment in them");
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], HOLD_MARK) == 0)
		return hold_after_exec(argv[2]);
	if (!reg_init("shm_life"))
		return 1;
	ut_init(argc, argv);
	SHM_RUN(ids_cycle_within_in_use_like_linux);
	SHM_RUN(parent_and_child_exchange_both_ways);
	SHM_RUN(second_attach_at_another_address_sees_same_bytes);
	SHM_RUN(many_attaches_in_one_process);
	SHM_RUN(size_rounds_up_to_whole_pages);
	SHM_RUN(rdonly_attach_reads_and_writes_fault);
	SHM_RUN(shm_exec_attach_runs_code);
	SHM_RUN(shm_rnd_rounds_down_to_shmlba);
	SHM_RUN(shm_remap_replaces_a_mapping);
	SHM_RUN(ipc_stat_fields_of_new_segment);
	SHM_RUN(ipc_stat_times_follow_attach_detach_set);
	SHM_RUN(ipc_set_changes_uid_gid_mode_only);
	SHM_RUN(rmid_while_attached_keeps_it_usable);
	SHM_RUN(rmid_destroys_at_last_detach);
	SHM_RUN(segment_outlives_its_creator);
	SHM_RUN(fork_inherits_attachments_exit_detaches);
	SHM_RUN(execve_detaches);
	SHM_RUN(munmap_detaches);
	SHM_RUN(split_attach_counts_pieces_shmdt_removes_all);
	SHM_RUN(shm_info_counts_ids_pages_rss);
	SHM_RUN(shm_stat_scan_finds_the_segment);
	SHM_RUN(ipc_info_limits);
	SHM_RUN(shm_lock_sets_and_unlock_clears_shm_locked);
	SHM_RUN(unshare_hides_parent_keys_and_ids);
	SHM_RUN(unshare_segment_invisible_to_parent);
	SHM_RUN(attach_survives_unshare);
	SHM_RUN(unshare_newipc_needs_privilege);
	SHM_RUN(segment_64mib_written_and_verified_by_two_processes);
	SHM_RUN(freeram_unchanged_after_2000_shm_cycles);
	SHM_RUN(freeram_unchanged_after_rmid_while_attached_cycles);
	SHM_RUN(freeram_unchanged_after_ipc_namespace_cycles);
	return ut_done();
}
