/*
 * fork_cow_refcount_race.c - a process that keeps forking over 64 MiB of
 * touched memory while its children write to their copies and exit.
 *
 * The bug it is named after (issue 9, item 7): get_page()/put_page() were
 * a plain load, add and store. A child zapping its copy of the parent's
 * pages at exit was preempted between the load and the store; the parent
 * forked again (get_page on the same pages) or broke a COW share, and the
 * child's store then undid that update. A lost increment frees a page that
 * is still mapped, a lost decrement leaks one. The old kernel panicked
 * here within seconds ("put_page: pfn ... has refcount 0", "__free_pages:
 * double free").
 *
 * What is checked, so that a lost update shows even when it does not
 * panic: every page holds its own index and the generation its last
 * writer gave it; children check the pages they read (a page freed under
 * them reads the allocator's poison or someone else's data), the parent
 * checks all of its pages at the end, and freeram comes back once every
 * process of the run has gone (a lost decrement leaks a page).
 */
#include "utest.h"

#include <sys/mman.h>
#include <time.h>

#define AREA            (64L << 20)     /* touched, shared COW with each child */
#define PAGE            4096L
#define NPAGES          (AREA / PAGE)
#define RUN_SECONDS     6               /* how long the parent keeps forking */
#define MAX_FORKS       1000
#define MAX_CHILDREN    8               /* alive at once */
#define CHILD_TOUCHES   64              /* pages a child checks and writes */
#define PARENT_TOUCHES  32              /* pages the parent writes per fork */
#define MAGIC           0x6b657968u     /* "keyh" */

struct page_head {
	unsigned int magic;
	unsigned int gen;               /* who wrote it last: fork number, or ~0 for a child */
	long index;
};

static unsigned long rnd_state;

static unsigned long rnd(void)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return rnd_state >> 33;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct page_head *page_at(char *area, long i)
{
	return (struct page_head *)(area + i * PAGE);
}

/* A child: read pages (they must be what the parent wrote before the fork),
 * write its own copy of some, then exit and zap everything. */
static __attribute__((noreturn)) void child(char *area, const unsigned int *gens)
{
	long written[CHILD_TOUCHES];
	int bad = 0;

	rnd_state ^= (unsigned long)getpid() << 20;
	for (int k = 0; k < CHILD_TOUCHES; k++) {
		long i = (long)(rnd() % NPAGES);
		struct page_head *h = page_at(area, i);
		unsigned int want = gens[i];

		for (int j = 0; j < k; j++)
			if (written[j] == i)
				want = ~0u;     /* this child's own write */
		written[k] = i;
		if (h->magic != MAGIC || h->index != i || h->gen != want) {
			if (bad++ < 3)
				ut_print("child %d: page %ld reads magic %#x index %ld gen %u, "
					 "wanted %#x %ld %u\n", (int)getpid(), i, h->magic,
					 h->index, h->gen, MAGIC, i, want);
		}
		h->gen = ~0u;                   /* break the COW share in the child */
	}
	_exit(bad ? 1 : 0);
}

/* The parent's run, in a process of its own so that all it mapped is gone
 * when the case measures freeram. */
static __attribute__((noreturn)) void forker(void)
{
	char *area = mmap(NULL, AREA, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static unsigned int gens[NPAGES];
	int alive = 0, forks = 0, failed_children = 0;
	double end = now() + RUN_SECONDS;

	if (!CHECK(area != MAP_FAILED))
		ut_child_exit();
	for (long i = 0; i < NPAGES; i++) {
		struct page_head *h = page_at(area, i);

		h->magic = MAGIC;
		h->index = i;
		h->gen = gens[i] = 0;
	}
	rnd_state = (unsigned long)getpid();
	while (forks < MAX_FORKS && now() < end) {
		pid_t pid = fork();
		int st;

		if (pid < 0) {
			CHECKF(0, "fork %d: %s", forks, strerror(errno));
			break;
		}
		if (pid == 0)
			child(area, gens);
		forks++;
		alive++;
		/* Break COW shares in the parent while children hold them. */
		for (int k = 0; k < PARENT_TOUCHES; k++) {
			long i = (long)(rnd() % NPAGES);

			page_at(area, i)->gen = gens[i] = (unsigned int)forks;
		}
		while (alive >= MAX_CHILDREN || (alive > 0 && waitpid(-1, &st, WNOHANG) > 0)) {
			if (alive >= MAX_CHILDREN && wait(&st) < 0)
				break;
			alive--;
			if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
				failed_children++;
		}
	}
	while (alive > 0) {
		int st;

		if (wait(&st) < 0)
			break;
		alive--;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			failed_children++;
	}
	CHECKF(failed_children == 0, "%d of %d children found pages that were not theirs",
	       failed_children, forks);
	CHECKF(forks >= 20, "only %d forks in %d s", forks, RUN_SECONDS);
	for (long i = 0, bad = 0; i < NPAGES; i++) {
		struct page_head *h = page_at(area, i);

		if (h->magic != MAGIC || h->index != i || h->gen != gens[i])
			CHECKF(bad++ > 3, "parent's page %ld reads magic %#x index %ld gen %u, "
			       "wanted %#x %ld %u", i, h->magic, h->index, h->gen, MAGIC, i,
			       gens[i]);
	}
	ut_child_exit();
}

/* One run of the forker; return how much freeram dropped across it. */
static long run_forker(void)
{
	long before = ut_freeram();
	pid_t pid = ut_fork();

	if (pid == 0)
		forker();
	CHECK_EXITED(pid, 0);
	return before - ut_freeram();
}

/*
 * On keyhole nothing else runs and the check is exact: one page lost is a
 * failure. On Linux other processes allocate and free as they like (drops
 * of 34, 35 and 111 MiB were seen while other jobs booted QEMU guests), so
 * there the run is repeated up to three times and the smallest drop must
 * be under two areas (128 MiB): a gross check that keeps the test sound.
 */
static void fork_cow_refcount_race(void)
{
	long drop = run_forker();

	if (ut_on_linux()) {
		for (int r = 1; r < 3 && drop > 2 * AREA; r++) {
			long d = run_forker();

			drop = d < drop ? d : drop;
		}
		CHECKF(drop <= 2 * AREA, "freeram dropped by %ld KiB", drop >> 10);
	} else {
		CHECKF(drop == 0, "freeram dropped by %ld bytes (%ld pages): a lost put_page",
		       drop, drop / PAGE);
	}
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(fork_cow_refcount_race);
	return ut_done();
}
