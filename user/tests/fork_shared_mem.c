/*
 * fork_shared_mem.c - shared memory across fork: System V attaches and
 * MAP_SHARED|MAP_ANONYMOUS mappings, touched or not before the fork.
 *
 * keyhole's fork copies no page-table entries of a shared mapping (as
 * Linux's copy_page_range skips VMAs whose pages can be faulted back in):
 * the child faults each page in from the segment or the mapping's object
 * on first touch. These cases check what a program sees of that: the
 * child finds every byte the parent wrote, before the fork and after it,
 * at the right offset (also past a split of the mapping), each side sees
 * the other's writes, a private mapping stays copy-on-write, a 1 GiB
 * mapping nobody touched costs nothing to fork, and the segment's life
 * (shm_nattch, IPC_RMID, the last detach) comes out right when the child
 * detaches, exits, or touches the memory after the parent has let go of it.
 */
#include "shmtest.h"

#include <stdint.h>
#include <sys/mman.h>

#define GIB (1UL << 30)

/* One byte through a pipe: a step of the dance between parent and child. */
static void send_step(int fd)
{
	char c = 's';

	CHECK_EQ(write(fd, &c, 1), 1);
}

static void wait_step(int fd)
{
	char c;

	CHECK_EQ(read(fd, &c, 1), 1);
}

/* A value that says which page and which round wrote it. */
static uint64_t mark(unsigned long page, unsigned int round)
{
	return 0x5eed000000000000ULL | (uint64_t)round << 32 | page;
}

/* Write mark(page, round) at the start and the end of each page listed. */
static void stamp(char *base, const unsigned long *pages, int n, unsigned int round)
{
	for (int i = 0; i < n; i++) {
		volatile uint64_t *p = (volatile uint64_t *)(base + pages[i] * PAGE);

		p[0] = mark(pages[i], round);
		p[PAGE / 8 - 1] = mark(pages[i], round);
	}
}

/* Whether each page listed holds mark(page, round) at both ends. */
static void check_stamps(const char *base, const unsigned long *pages, int n, unsigned int round)
{
	for (int i = 0; i < n; i++) {
		const volatile uint64_t *p = (const volatile uint64_t *)(base + pages[i] * PAGE);

		CHECKF(p[0] == mark(pages[i], round) && p[PAGE / 8 - 1] == mark(pages[i], round),
		       "page %lu: %#llx/%#llx, not round %u's %#llx", pages[i],
		       (unsigned long long)p[0], (unsigned long long)p[PAGE / 8 - 1], round,
		       (unsigned long long)mark(pages[i], round));
	}
}

/* shmat(id, NULL, flags), or NULL after a failed check. */
static char *attach(int id, int flags)
{
	char *p = shmat(id, NULL, flags);

	if (!CHECKF(p != (char *)-1, "shmat(%d, NULL, %#o): %s", id, flags, strerror(errno)))
		return NULL;
	return p;
}

/* Pages touched before the fork, and pages first touched after it. */
static const unsigned long before[] = { 0, 1, 7, 255 };
static const unsigned long after[] = { 2, 100, 200, 254 };
#define NB ((int)(sizeof(before) / sizeof(before[0])))
#define NA ((int)(sizeof(after) / sizeof(after[0])))
#define REGION_PAGES 256

/*
 * The exchange both kinds of shared memory must pass: the parent writes
 * round 1 into `before` and forks; the child sees round 1, writes round 2
 * into `after` (pages nobody has touched yet); the parent sees round 2,
 * writes round 3 over both lists; the child sees round 3 and writes round
 * 4 over them; the parent sees round 4 after the child has exited.
 */
static void exchange_both_ways(char *base)
{
	int to_child[2], to_parent[2];

	if (!CHECK_SYS(pipe(to_child)) || !CHECK_SYS(pipe(to_parent)))
		return;
	stamp(base, before, NB, 1);
	pid_t pid = ut_fork();
	if (pid == 0) {
		check_stamps(base, before, NB, 1);
		stamp(base, after, NA, 2);
		send_step(to_parent[1]);
		wait_step(to_child[0]);
		check_stamps(base, before, NB, 3);
		check_stamps(base, after, NA, 3);
		stamp(base, before, NB, 4);
		stamp(base, after, NA, 4);
		ut_child_exit();
	}
	wait_step(to_parent[0]);
	check_stamps(base, after, NA, 2);
	check_stamps(base, before, NB, 1);
	stamp(base, before, NB, 3);
	stamp(base, after, NA, 3);
	send_step(to_child[1]);
	CHECK_EXITED(pid, 0);
	check_stamps(base, before, NB, 4);
	check_stamps(base, after, NA, 4);
	close(to_child[0]);
	close(to_child[1]);
	close(to_parent[0]);
	close(to_parent[1]);
}

static void shm_exchange_before_and_after_fork(void)
{
	int id = seg(IPC_PRIVATE, REGION_PAGES * PAGE, IPC_CREAT | 0600);
	char *p;

	if (!CHECK_SYS(id) || !(p = attach(id, 0)))
		return;
	exchange_both_ways(p);
	CHECK_EQ(nattch(id), 1);
	CHECK_SYS(shmdt(p));
}

static void shared_anon_exchange_before_and_after_fork(void)
{
	char *p = mmap(NULL, REGION_PAGES * PAGE, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(p != MAP_FAILED))
		return;
	exchange_both_ways(p);
	CHECK_SYS(munmap(p, REGION_PAGES * PAGE));
}

/* A private mapping stays copy-on-write: neither side sees the other's
 * writes after the fork, whether the page was touched before or not. */
static void private_mapping_stays_copy_on_write(void)
{
	char *p = mmap(NULL, REGION_PAGES * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int to_child[2], to_parent[2];

	if (!CHECK(p != MAP_FAILED) || !CHECK_SYS(pipe(to_child)) || !CHECK_SYS(pipe(to_parent)))
		return;
	stamp(p, before, NB, 1);
	pid_t pid = ut_fork();
	if (pid == 0) {
		check_stamps(p, before, NB, 1);
		stamp(p, before, NB, 2);
		stamp(p, after, NA, 2);
		send_step(to_parent[1]);
		wait_step(to_child[0]);
		check_stamps(p, before, NB, 2);         /* not the parent's round 3 */
		check_stamps(p, after, NA, 2);
		ut_child_exit();
	}
	wait_step(to_parent[0]);
	check_stamps(p, before, NB, 1);                 /* not the child's round 2 */
	for (int i = 0; i < NA; i++)
		CHECK_EQ(*(volatile uint64_t *)(p + after[i] * PAGE), 0);
	stamp(p, before, NB, 3);
	stamp(p, after, NA, 3);
	send_step(to_child[1]);
	CHECK_EXITED(pid, 0);
	check_stamps(p, before, NB, 3);
	check_stamps(p, after, NA, 3);
	CHECK_SYS(munmap(p, REGION_PAGES * PAGE));
}

/*
 * A 1 GiB shared mapping nobody touched and a 16 MiB one touched all
 * over: the child forks, sees the touched one's data, touches a few pages
 * of the big one (zeroes, then its own writes, which the parent sees),
 * and exits. Twenty such forks in a row.
 */
static void fork_with_1gib_untouched_and_touched_shared(void)
{
	const unsigned long big_pages = GIB / PAGE, small_pages = 4096;
	const unsigned long far[] = { 0, 12345, big_pages / 2, big_pages - 1 };
	char *big = mmap(NULL, GIB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *small = mmap(NULL, small_pages * PAGE, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(big != MAP_FAILED) || !CHECK(small != MAP_FAILED))
		return;
	for (unsigned long i = 0; i < small_pages; i++)
		*(volatile uint64_t *)(small + i * PAGE) = mark(i, 1);
	for (unsigned int round = 2; round < 22; round++) {
		pid_t pid = ut_fork();

		if (pid == 0) {
			for (unsigned long i = 0; i < small_pages; i += 97)
				CHECK_EQ(*(volatile uint64_t *)(small + i * PAGE), mark(i, 1));
			for (int i = 0; i < 4; i++) {
				volatile uint64_t *q = (volatile uint64_t *)(big + far[i] * PAGE);

				CHECK(round == 2 ? *q == 0 : *q == mark(far[i], round - 1));
				*q = mark(far[i], round);
			}
			ut_child_exit();
		}
		if (!CHECK_EXITED(pid, 0))
			break;
		for (int i = 0; i < 4; i++)
			CHECK_EQ(*(volatile uint64_t *)(big + far[i] * PAGE), mark(far[i], round));
	}
	CHECK_SYS(munmap(big, GIB));
	CHECK_SYS(munmap(small, small_pages * PAGE));
}

/*
 * A mapping split in three by mprotect before the fork: the child faults
 * each part in at the right offset of the object (the middle is read-only
 * and still shows the parent's data), as does a segment's.
 */
static void split_shared_mapping_faults_in_at_right_offsets(void)
{
	int id = seg(IPC_PRIVATE, 3 * PAGE, IPC_CREAT | 0600);
	char *anon = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *shm;

	if (!CHECK_SYS(id) || !CHECK(anon != MAP_FAILED) ||
	    !(shm = attach(id, 0)))
		return;
	const unsigned long all[] = { 0, 1, 2 };
	stamp(anon, all, 3, 7);
	stamp(shm, all, 3, 8);
	CHECK_SYS(mprotect(anon + PAGE, PAGE, PROT_READ));
	CHECK_SYS(mprotect(shm + PAGE, PAGE, PROT_READ));
	pid_t pid = ut_fork();
	if (pid == 0) {
		/* Backwards, so the last part is faulted in first. */
		for (int i = 2; i >= 0; i--) {
			check_stamps(anon, &all[i], 1, 7);
			check_stamps(shm, &all[i], 1, 8);
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(nattch(id), 3);                        /* three VMAs */
	CHECK_SYS(munmap(anon, 3 * PAGE));
	CHECK_SYS(shmdt(shm));
	CHECK_EQ(nattch(id), 0);
}

/* MADV_DONTNEED in the child drops its view only: the next touch finds
 * the shared data again, not zeroes. */
static void child_madvise_dontneed_refaults_shared_data(void)
{
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	const unsigned long all[] = { 0, 1, 2, 3 };

	if (!CHECK(p != MAP_FAILED))
		return;
	stamp(p, all, 4, 5);
	pid_t pid = ut_fork();
	if (pid == 0) {
		check_stamps(p, all, 2, 5);     /* pages 0, 1 faulted in */
		CHECK_SYS(madvise(p, 4 * PAGE, MADV_DONTNEED));
		check_stamps(p, all, 4, 5);
		stamp(p, all, 4, 6);
		CHECK_SYS(madvise(p, 4 * PAGE, MADV_DONTNEED));
		check_stamps(p, all, 4, 6);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	check_stamps(p, all, 4, 6);
	CHECK_SYS(munmap(p, 4 * PAGE));
}

/* An attach with SHM_RDONLY stays read-only in the child: reading faults
 * the parent's data in, writing is SIGSEGV. */
static void rdonly_attach_stays_read_only_in_child(void)
{
	int id = seg(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
	char *rw, *ro;

	if (!CHECK_SYS(id) || !(rw = attach(id, 0)) ||
	    !(ro = attach(id, SHM_RDONLY)))
		return;
	strcpy(rw, "written before the fork");
	pid_t pid = fork();
	if (pid == 0) {
		if (strcmp(ro, "written before the fork") != 0)
			_exit(2);
		*(volatile char *)ro = 'x';
		_exit(3);
	}
	int st = ut_wait(pid);
	CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child: %s", ut_status_str(st));
	CHECK_STR(rw, "written before the fork");
	CHECK_SYS(shmdt(rw));
	CHECK_SYS(shmdt(ro));
}

/* shmdt in the child leaves the parent's attach: its data, its count. */
static void shmdt_in_child_leaves_parent_attach(void)
{
	int id = seg(IPC_PRIVATE, 4 * PAGE, IPC_CREAT | 0600);
	const unsigned long all[] = { 0, 1, 2, 3 };
	char *p;

	if (!CHECK_SYS(id) || !(p = attach(id, 0)))
		return;
	stamp(p, all, 2, 1);
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(nattch(id), 2);
		check_stamps(p, all, 1, 1);     /* one page faulted in, one not */
		CHECK_SYS(shmdt(p));
		CHECK_EQ(nattch(id), 1);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(nattch(id), 1);
	check_stamps(p, all, 2, 1);
	stamp(p, all, 4, 2);
	check_stamps(p, all, 4, 2);
	CHECK_SYS(shmdt(p));
	CHECK_EQ(nattch(id), 0);
}

/*
 * IPC_RMID, then fork: the removed segment stays while either attach
 * lasts, shm_nattch counts both, the child's detach leaves it to the
 * parent's, and the parent's last detach frees it (its id fails then).
 */
static void rmid_then_fork_then_detach(void)
{
	int id = seg(IPC_PRIVATE, 8 * PAGE, IPC_CREAT | 0600);
	const unsigned long all[] = { 0, 3, 7 };
	char *p;

	if (!CHECK_SYS(id) || !(p = attach(id, 0)))
		return;
	stamp(p, all, 2, 1);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(nattch(id), 2);
		check_stamps(p, all, 2, 1);
		stamp(p, all, 3, 2);
		CHECK_SYS(shmdt(p));
		CHECK_EQ(nattch(id), 1);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(nattch(id), 1);
	check_stamps(p, all, 3, 2);
	CHECK_SYS(shmdt(p));
	struct shmid_ds ds;
	CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);   /* freed with the last detach */
}

/*
 * IPC_RMID, fork, and the child exits without detaching, in the middle of
 * writing (killed by SIGKILL while it loops over the pages): the parent
 * still has the segment with everything the child wrote before it died,
 * and its detach frees it.
 */
static void child_killed_in_the_middle_of_writing(void)
{
	const unsigned long npages = 64;
	int id = seg(IPC_PRIVATE, npages * PAGE, IPC_CREAT | 0600);
	volatile uint64_t *p;
	int ready[2];

	if (!CHECK_SYS(id) || !(p = (volatile uint64_t *)attach(id, 0)) ||
	    !CHECK_SYS(pipe(ready)))
		return;
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	pid_t pid = fork();
	if (pid == 0) {
		/* Count up in every page, forever: each pass is one more. */
		for (uint64_t pass = 1;; pass++) {
			for (unsigned long i = 0; i < npages; i++)
				p[i * PAGE / 8] = pass;
			if (pass == 3)
				send_step(ready[1]);
		}
	}
	wait_step(ready[0]);
	CHECK_SYS(kill(pid, SIGKILL));
	int st = ut_wait(pid);
	CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "child: %s", ut_status_str(st));
	CHECK_EQ(nattch(id), 1);
	/* Each page holds a pass of 3 or more, and no later page is ahead of
	 * an earlier one: the writes stop where the child did. */
	for (unsigned long i = 0; i < npages; i++) {
		CHECK_GE(p[i * PAGE / 8], 3);
		if (i)
			CHECK_LE(p[i * PAGE / 8], p[(i - 1) * PAGE / 8]);
	}
	CHECK_SYS(shmdt((void *)p));
	struct shmid_ds ds;
	CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
	close(ready[0]);
	close(ready[1]);
}

/*
 * Hostile: the parent detaches (and removes the segment, and unmaps its
 * shared anonymous mapping) while the child still has them but has never
 * touched them since the fork. The child's first touch must still find
 * the data, and its exit frees the segment.
 */
static void child_touches_after_parent_let_go(void)
{
	int id = seg(IPC_PRIVATE, 16 * PAGE, IPC_CREAT | 0600);
	char *anon = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			  -1, 0);
	const unsigned long all[] = { 0, 5, 15 };
	int go[2], done[2];
	char *shm;

	if (!CHECK_SYS(id) || !CHECK(anon != MAP_FAILED) ||
	    !(shm = attach(id, 0)) ||
	    !CHECK_SYS(pipe(go)) || !CHECK_SYS(pipe(done)))
		return;
	stamp(shm, all, 3, 1);
	stamp(anon, all, 3, 2);
	pid_t pid = ut_fork();
	if (pid == 0) {
		wait_step(go[0]);
		check_stamps(shm, all, 3, 1);
		check_stamps(anon, all, 3, 2);
		stamp(shm, all, 3, 3);          /* pages that only this process maps */
		check_stamps(shm, all, 3, 3);
		CHECK_EQ(nattch(id), 1);
		send_step(done[1]);
		ut_child_exit();
	}
	CHECK_SYS(shmdt(shm));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	CHECK_SYS(munmap(anon, 16 * PAGE));
	CHECK_EQ(nattch(id), 1);                        /* the child's */
	send_step(go[1]);
	wait_step(done[0]);
	CHECK_EXITED(pid, 0);
	struct shmid_ds ds;
	CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);   /* the child's exit freed it */
	close(go[0]);
	close(go[1]);
	close(done[0]);
	close(done[1]);
}

/*
 * Hostile: one process forks again and again with a segment attached
 * while another removes it. Every child sees the data, whether it forked
 * before or after the IPC_RMID; the segment goes when the last attach
 * does, and nothing is left.
 */
static void fork_while_another_removes_segment(void)
{
	const unsigned long all[] = { 0, 9 };
	int id = seg(IPC_PRIVATE, 10 * PAGE, IPC_CREAT | 0600);
	char *p;

	if (!CHECK_SYS(id) || !(p = attach(id, 0)))
		return;
	stamp(p, all, 2, 1);
	pid_t forker = ut_fork();
	if (forker == 0) {
		for (int i = 0; i < 100; i++) {
			pid_t c = ut_fork();

			if (c == 0) {
				check_stamps(p, all, 2, 1);
				ut_child_exit();
			}
			CHECK_EXITED(c, 0);
		}
		CHECK_SYS(shmdt(p));
		ut_child_exit();
	}
	pid_t remover = ut_fork();
	if (remover == 0) {
		sched_yield();
		CHECK_SYS(shmctl(id, IPC_RMID, NULL));
		ut_child_exit();
	}
	CHECK_EXITED(remover, 0);
	CHECK_EXITED(forker, 0);
	CHECK_EQ(nattch(id), 1);                        /* this process's */
	check_stamps(p, all, 2, 1);
	CHECK_SYS(shmdt(p));
	struct shmid_ds ds;
	CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
}

/*
 * A 1 TiB segment (SHM_NORESERVE: more than any RAM here) attached,
 * touched at both ends, forked: the child finds both ends, and its write
 * in the middle is seen.
 */
static void fork_with_1tib_noreserve_segment(void)
{
	const unsigned long npages = (1UL << 40) / PAGE;
	const unsigned long ends[] = { 0, npages - 1 }, middle[] = { npages / 2 };
	int id = seg(IPC_PRIVATE, npages * PAGE, IPC_CREAT | SHM_NORESERVE | 0600);
	char *p;

	if (!CHECK_SYS(id) || !(p = attach(id, 0)))
		return;
	stamp(p, ends, 2, 1);
	pid_t pid = ut_fork();
	if (pid == 0) {
		check_stamps(p, ends, 2, 1);
		stamp(p, middle, 1, 2);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	check_stamps(p, middle, 1, 2);
	CHECK_SYS(shmdt(p));
}

/* One cycle for the leak check: both kinds of shared memory, touched in
 * part, a fork whose child touches other parts and exits, then all gone. */
static void fork_shared_cycle(void)
{
	const unsigned long some[] = { 0, 3, 30 }, other[] = { 1, 31, 63 };
	int id = shmget(IPC_PRIVATE, 64 * PAGE, IPC_CREAT | 0600);
	char *anon = mmap(NULL, 64 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			  -1, 0);
	char *shm = id < 0 ? (void *)-1 : shmat(id, NULL, 0);

	if (shm != (void *)-1 && anon != MAP_FAILED) {
		stamp(shm, some, 3, 1);
		stamp(anon, some, 3, 1);
		pid_t pid = fork();
		if (pid == 0) {
			stamp(shm, other, 3, 2);
			stamp(anon, other, 3, 2);
			_exit(0);
		}
		if (pid > 0)
			ut_wait(pid);
	}
	if (shm != (void *)-1)
		shmdt(shm);
	if (anon != MAP_FAILED)
		munmap(anon, 64 * PAGE);
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
}

static void freeram_unchanged_after_fork_with_shared_memory(void)
{
	ut_check_no_leak(fork_shared_cycle, 100,
			 "forks with a touched segment and shared mapping, child writing");
}

int main(int argc, char **argv)
{
	if (!reg_init("fork_shared_mem"))
		return 1;
	ut_init(argc, argv);
	SHM_RUN(shm_exchange_before_and_after_fork);
	SHM_RUN(shared_anon_exchange_before_and_after_fork);
	SHM_RUN(private_mapping_stays_copy_on_write);
	SHM_RUN(fork_with_1gib_untouched_and_touched_shared);
	SHM_RUN(split_shared_mapping_faults_in_at_right_offsets);
	SHM_RUN(child_madvise_dontneed_refaults_shared_data);
	SHM_RUN(rdonly_attach_stays_read_only_in_child);
	SHM_RUN(shmdt_in_child_leaves_parent_attach);
	SHM_RUN(rmid_then_fork_then_detach);
	SHM_RUN(child_killed_in_the_middle_of_writing);
	SHM_RUN(child_touches_after_parent_let_go);
	SHM_RUN(fork_while_another_removes_segment);
	SHM_RUN(fork_with_1tib_noreserve_segment);
	SHM_RUN(freeram_unchanged_after_fork_with_shared_memory);
	return ut_done();
}
