/*
 * vma_tree.c - what users see of the kernel's VMA bookkeeping (keyhole's
 * red-black tree of VMAs, mm/mmap.c): many mappings found, placed and
 * removed right, whatever their number and order.
 *
 * shmat-many-detach-random-order: 1,200 attaches of one segment, each at
 *     its own address, all seeing the same page; detached in a shuffled
 *     order, the rest still work and the detached ones fault.
 * fork-sees-all-attaches: a child forked with 1,500 attaches finds every
 *     one at the same address with the parent's data, shares writes, and
 *     detaching in the child leaves the parent's attaches alone.
 * mmap-topdown-placement: in an address space full but for 64 pages,
 *     kernel-chosen addresses are the highest free range (each mapping
 *     right below the last, a freed hole reused when it fits); a free hint
 *     is taken as is, MAP_FIXED replaces, MAP_FIXED_NOREPLACE refuses.
 * unmapped-area-len-above-mmap-base-is-enomem: keyhole's search for a free
 *     range computed "top - len" for a length above its mmap base, which
 *     wrapped: mmap and shmat of such a length failed with EINVAL, not
 *     Linux's ENOMEM.
 * shmat-longer-than-user-space: with SHM_REMAP, such a segment was EINVAL
 *     (its unmap and insert failed on the length), not Linux's ENOMEM.
 * shmat-remap-at-map-count-limit-is-enomem: an SHM_REMAP attach whose
 *     splits would pass vm.max_map_count ignored the failed unmap and
 *     said EEXIST, not Linux's ENOMEM; and munmap of a mapping's end at
 *     the limit was ENOMEM (its split was refused), where Linux cuts it.
 * fill-address-space-then-enomem: PROT_NONE mappings, halving in size,
 *     until not one page is left: then mmap and shmat say ENOMEM, no
 *     mapping lies below vm.mmap_min_addr, and freeing everything gives
 *     the address space and the memory back.
 */
#include "shmtest.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096UL

/* A fixed shuffle (the same on both kernels). */
static unsigned long lcg_state;

static unsigned long lcg(void)
{
	lcg_state = lcg_state * 6364136223846793005UL + 1442695040888963407UL;
	return lcg_state >> 33;
}

static void shuffle(unsigned int *v, unsigned int n)
{
	for (unsigned int i = n - 1; i > 0; i--) {
		unsigned int j = (unsigned int)(lcg() % (i + 1)), t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}

#define NATTACH 1200
static char *at[NATTACH];
static unsigned int order[2000];   /* NATTACH or NFORK entries */

/* Attach id n times; check each is a new, page-aligned address. */
static bool attach_many(int id, char **addrs, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		addrs[i] = shmat(id, NULL, 0);
		if (!CHECKF(addrs[i] != (char *)-1, "shmat #%u: %s", i, strerror(errno)))
			return false;
		if (!CHECK_EQ((unsigned long)addrs[i] % PAGE, 0))
			return false;
	}
	return true;
}

/* No two of the n one-page attaches overlap: sort a copy and compare neighbours. */
static int cmp_ptr(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return (x > y) - (x < y);
}

static bool all_distinct(char **addrs, unsigned int n)
{
	static unsigned long sorted[2000];

	for (unsigned int i = 0; i < n; i++)
		sorted[i] = (unsigned long)addrs[i];
	qsort(sorted, n, sizeof(sorted[0]), cmp_ptr);
	for (unsigned int i = 1; i < n; i++)
		if (!CHECKF(sorted[i] >= sorted[i - 1] + PAGE, "attaches at %#lx and %#lx overlap",
			    sorted[i - 1], sorted[i]))
			return false;
	return true;
}

static void shmat_many_detach_random_order(void)
{
	int id = seg(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);

	if (!CHECK_SYS(id) || !attach_many(id, at, NATTACH) || !all_distinct(at, NATTACH))
		return;
	CHECK_EQ(nattch(id), NATTACH);
	*(volatile long *)at[0] = 0x5eed;
	for (unsigned int i = 0; i < NATTACH; i++) {
		if (!CHECK_EQ(*(volatile long *)at[i], 0x5eed))
			return;
		order[i] = i;
	}
	lcg_state = 1;
	shuffle(order, NATTACH);
	for (unsigned int k = 0; k < NATTACH; k++) {
		char *p = at[order[k]];

		if (!CHECK_SYS(shmdt(p)))
			return;
		CHECK_ERR(shmdt(p), EINVAL);            /* gone: nothing attached there */
		if (k % 100 == 99) {
			/* The rest still there, the detached ones not. */
			CHECK_EQ(nattch(id), NATTACH - k - 1);
			for (unsigned int j = k + 1; j < NATTACH; j++)
				if (!CHECK_EQ(*(volatile long *)at[order[j]], 0x5eed))
					return;
			CHECK(ut_write_segfaults(at[order[k]]));
			/* A freed address can be attached at again, exactly. */
			char *again = shmat(id, at[order[k]], 0);
			if (CHECK(again == at[order[k]]))
				CHECK_SYS(shmdt(again));
		}
	}
	CHECK_EQ(nattch(id), 0);
}

#define NFORK 1500
static char *fat[NFORK];

static void fork_sees_all_attaches(void)
{
	int id = seg(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
	pid_t pid;

	if (!CHECK_SYS(id) || !attach_many(id, fat, NFORK) || !all_distinct(fat, NFORK))
		return;
	*(volatile long *)fat[NFORK / 2] = 42;
	if (!CHECK_SYS(pid = ut_fork()))
		return;
	if (pid == 0) {
		/* Every attach, at the same address, with the parent's data. */
		for (unsigned int i = 0; i < NFORK; i++)
			if (!CHECK_EQ(*(volatile long *)fat[i], 42))
				break;
		CHECK_EQ(nattch(id), 2 * NFORK);
		/* Half detached in a shuffled order; the other half still works. */
		for (unsigned int i = 0; i < NFORK; i++)
			order[i] = i;
		lcg_state = 2;
		shuffle(order, NFORK);
		for (unsigned int k = 0; k < NFORK / 2; k++)
			CHECK_SYS(shmdt(fat[order[k]]));
		for (unsigned int k = NFORK / 2; k < NFORK; k++)
			if (!CHECK_EQ(*(volatile long *)fat[order[k]], 42))
				break;
		*(volatile long *)fat[order[NFORK - 1]] = 43;   /* shared: the parent sees it */
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	/* The child's attaches went with it; the parent's are all there. */
	CHECK_EQ(nattch(id), NFORK);
	for (unsigned int i = 0; i < NFORK; i++)
		if (!CHECK_EQ(*(volatile long *)fat[i], 43))
			break;
	for (unsigned int i = 0; i < NFORK; i++)
		CHECK_SYS(shmdt(fat[i]));
	CHECK_EQ(nattch(id), 0);
}

/* Longer than keyhole's mmap base (0x7f0000000000), shorter than user space. */
#define TOO_LONG 0x7ffffff00000UL
#define SHM_NORESERVE 010000

static void unmapped_area_len_above_mmap_base_is_enomem(void)
{
	int id;

	errno = 0;
	CHECK(mmap(NULL, TOO_LONG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
		   0) == MAP_FAILED);
	CHECK_EQ(errno, ENOMEM);
	id = seg(IPC_PRIVATE, TOO_LONG, IPC_CREAT | SHM_NORESERVE | 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_ERR((long)shmat(id, NULL, 0), ENOMEM);
	CHECK_EQ(nattch(id), 0);
}

/*
 * A segment longer than user space: shmat at the kernel's choice or with
 * SHM_REMAP is ENOMEM, at an address without it EINVAL (it would overlap).
 */
static void shmat_longer_than_user_space(void)
{
	int id = seg(IPC_PRIVATE, 1UL << 62, IPC_CREAT | SHM_NORESERVE | 0600);
	void *addr = (void *)0x10000000UL;

	if (!CHECK_SYS(id))
		return;
	CHECK_ERR((long)shmat(id, NULL, 0), ENOMEM);
	CHECK_ERR((long)shmat(id, addr, 0), EINVAL);
	CHECK_ERR((long)shmat(id, addr, SHM_REMAP), ENOMEM);
	CHECK_EQ(nattch(id), 0);
}

/*
 * At the map count limit (vm.max_map_count, 65530), an SHM_REMAP attach
 * into the middle of a mapping needs splits that cannot be made: ENOMEM,
 * and the old mapping stays. keyhole ignored the failed unmap and said
 * EEXIST.
 */
#define LIMIT_PAGES 140000UL

static void shmat_remap_at_map_count_limit_is_enomem(void)
{
	int id = seg(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
	char *base, *tail, *p;
	unsigned long i;
	int err = 0;

	if (!CHECK_SYS(id))
		return;
	base = mmap(NULL, LIMIT_PAGES * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(base != MAP_FAILED))
		return;
	/* Every other page readable: two more VMAs a step, until no more. */
	for (i = 0; 2 * i + 1 < LIMIT_PAGES; i++)
		if (mprotect(base + 2 * i * PAGE, PAGE, PROT_READ)) {
			err = errno;
			break;
		}
	CHECK_EQ(err, ENOMEM);
	tail = base + (2 * i + 1) * PAGE;       /* the unsplit rest, PROT_NONE */
	CHECKF(tail + 16 * PAGE < base + LIMIT_PAGES * PAGE, "the map count never ran out");
	errno = 0;
	p = shmat(id, tail + 8 * PAGE, SHM_REMAP);
	CHECK(p == (char *)-1);
	CHECK_EQ(errno, ENOMEM);
	CHECK(ut_write_segfaults(tail + 8 * PAGE));     /* still the PROT_NONE mapping */
	CHECK_EQ(nattch(id), 0);
	/* A hole in a mapping needs one VMA more: ENOMEM; cutting a mapping's
	 * end off needs none in the end, so it works even now. */
	CHECK_ERR(munmap(tail + 8 * PAGE, PAGE), ENOMEM);
	CHECK_SYS(munmap(base + (LIMIT_PAGES - 1) * PAGE, PAGE));
	CHECK_SYS(munmap(base + (2 * i - 2) * PAGE, 2 * PAGE)); /* end of one, start of next */
	CHECK_SYS(munmap(base, LIMIT_PAGES * PAGE));
	/* VMAs to spare again. */
	p = shmat(id, NULL, 0);
	if (CHECK(p != (char *)-1))
		CHECK_SYS(shmdt(p));
}

/* vm.mmap_min_addr: Linux's file, or keyhole's fixed value (mm/mm.h) without it. */
static unsigned long mmap_min_addr(void)
{
	FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");
	unsigned long v = 65536;

	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = 65536;
		fclose(f);
	}
	return v < PAGE ? PAGE : v;
}

#define MAXFILL 4096
static char *fill[MAXFILL];
static unsigned long fill_len[MAXFILL];
static int nfill, fill_errno, shmat_errno;
static unsigned long fill_lowest;
static bool fill_overflow;
static int fill_id = -1;

/* Take every free range, largest first, until not one page is left. */
static void fill_space(void)
{
	unsigned long len = 1UL << 46;

	nfill = 0;
	fill_lowest = ~0UL;
	while (len >= PAGE) {
		char *p = mmap(NULL, len, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

		if (p == MAP_FAILED) {
			len /= 2;
			continue;
		}
		if (nfill == MAXFILL) {
			fill_overflow = true;
			munmap(p, len);
			break;
		}
		fill[nfill] = p;
		fill_len[nfill++] = len;
		if ((unsigned long)p < fill_lowest)
			fill_lowest = (unsigned long)p;
	}
}

static void free_space(void)
{
	for (int i = 0; i < nfill; i++)
		munmap(fill[i], fill_len[i]);
}

/* Fill, see that no page more can be had, and free. */
static void fill_and_free(void)
{
	fill_space();
	errno = 0;
	fill_errno = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED
			     ? errno : 0;
	errno = 0;
	shmat_errno = shmat(fill_id, NULL, 0) == (void *)-1 ? errno : 0;
	free_space();
}

static char *map(void *hint, unsigned long len, int flags)
{
	return mmap(hint, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
}

/*
 * With the whole address space taken but for 64 pages at R, where the
 * kernel puts each mapping is known exactly: the top of the highest free
 * range that fits (Linux's top-down search, and keyhole's).
 */
static void mmap_topdown_placement(void)
{
	char *r = NULL, *a, *b, *c, *d;

	fill_space();
	for (int i = 0; i < nfill; i++)
		if (fill_len[i] >= 64 * PAGE) {
			r = fill[i] + fill_len[i] - 64 * PAGE;
			break;
		}
	if (!CHECK(!fill_overflow && r) || !CHECK_SYS(munmap(r, 64 * PAGE)))
		goto out_free;
	/* Each new range right below the last one. */
	a = map(NULL, 4 * PAGE, 0);
	CHECK(a == r + 60 * PAGE);
	b = map(NULL, 4 * PAGE, 0);
	CHECK(b == a - 4 * PAGE);
	c = map(NULL, 8 * PAGE, 0);
	CHECK(c == b - 8 * PAGE);
	/* A hole in b: a range that fits goes there (the highest free one),
	 * a larger one below everything. */
	CHECK_SYS(munmap(b + PAGE, 2 * PAGE));
	d = map(NULL, 2 * PAGE, 0);
	CHECK(d == b + PAGE);
	CHECK_SYS(munmap(d, 2 * PAGE));
	d = map(NULL, 3 * PAGE, 0);
	CHECK(d == c - 3 * PAGE);
	CHECK_SYS(munmap(d, 3 * PAGE));
	/* A free hint is taken as is; a taken one is not: the highest fit. */
	d = map(b + PAGE, 2 * PAGE, 0);
	CHECK(d == b + PAGE);
	CHECK_SYS(munmap(d, 2 * PAGE));
	d = map(b + PAGE, 4 * PAGE, 0);
	CHECK(d == c - 4 * PAGE);
	CHECK_SYS(munmap(d, 4 * PAGE));
	/* MAP_FIXED replaces what is there; MAP_FIXED_NOREPLACE does not. */
	a[0] = 1;
	CHECK(map(a, PAGE, MAP_FIXED) == a);
	CHECK_EQ(a[0], 0);
	CHECK(map(b + PAGE, 2 * PAGE, MAP_FIXED_NOREPLACE) == b + PAGE);
	errno = 0;
	CHECK(map(a, PAGE, MAP_FIXED_NOREPLACE) == MAP_FAILED && errno == EEXIST);
	/* Nothing left for 64 pages until all of R is free again. */
	errno = 0;
	CHECK(map(NULL, 64 * PAGE, 0) == MAP_FAILED && errno == ENOMEM);
	CHECK_SYS(munmap(c, 16 * PAGE));
	d = map(NULL, 64 * PAGE, 0);
	CHECK(d == r);
out_free:
	free_space();
}

static void fill_address_space_then_enomem(void)
{
	unsigned long min_addr = mmap_min_addr();
	char *p;

	fill_id = seg(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
	if (!CHECK_SYS(fill_id))
		return;
	/* Checks only after everything is freed: a full address space has
	 * no room left for anything a failure report might need. */
	fill_and_free();
	CHECK(!fill_overflow);
	CHECKF(nfill > 0, "no mapping made");
	CHECK_EQ(fill_errno, ENOMEM);
	CHECK_EQ(shmat_errno, ENOMEM);
	CHECKF(fill_lowest >= min_addr, "a mapping at %#lx, below vm.mmap_min_addr %#lx",
	       fill_lowest, min_addr);
	CHECK_EQ(nattch(fill_id), 0);
	/* All given back: the space is usable again. */
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (CHECK(p != MAP_FAILED)) {
		p[0] = 1;
		CHECK_SYS(munmap(p, PAGE));
	}
	ut_check_no_leak(fill_and_free, 3, "fills of the whole address space");
}

int main(int argc, char **argv)
{
	if (!reg_init("vma_tree"))
		return 1;
	ut_init(argc, argv);
	SHM_RUN(shmat_many_detach_random_order);
	SHM_RUN(fork_sees_all_attaches);
	SHM_RUN(unmapped_area_len_above_mmap_base_is_enomem);
	SHM_RUN(shmat_longer_than_user_space);
	SHM_RUN(shmat_remap_at_map_count_limit_is_enomem);
	SHM_RUN(fill_address_space_then_enomem);
	RUN(mmap_topdown_placement);
	return ut_done();
}
