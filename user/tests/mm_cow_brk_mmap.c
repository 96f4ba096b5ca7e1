/*
 * mm_cow_brk_mmap.c - address spaces: copy-on-write after fork, the brk
 * heap, anonymous mmap (private and shared), munmap and mprotect, and a
 * stack that grows.
 *
 * After fork, parent and child start with the same contents and each sees
 * only its own writes from then on, whether the page is in the data
 * segment, the heap, the stack or a private mapping; a MAP_SHARED |
 * MAP_ANONYMOUS mapping is the exception, seen by both. An access that the
 * mappings do not allow (unmapped, past brk, PROT_NONE, write to read-only)
 * kills the process that made it with SIGSEGV: those are tried in a child.
 */
#include "utest.h"

#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define PAGE 4096UL

static char data_page[PAGE] = "initial data";	/* the data segment */

/* Fill n bytes with a pattern that depends on seed and the offset. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7 + (i >> 12));
}

/* The offset of the first byte that does not match the pattern, or n. */
static size_t verify_from(const unsigned char *p, size_t from, size_t n, unsigned seed)
{
	for (size_t i = from; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 7 + (i >> 12)))
			return i;
	return n;
}

static size_t verify(const unsigned char *p, size_t n, unsigned seed)
{
	return verify_from(p, 0, n, seed);
}

/* Whether fn(addr) in a child kills it with SIGSEGV (else: how it ended). */
static bool segfaults(void (*fn)(volatile char *), void *addr, int *status)
{
	pid_t pid = fork();

	if (pid == 0) {
		fn(addr);
		_exit(0);
	}
	*status = ut_wait(pid);
	return WIFSIGNALED(*status) && WTERMSIG(*status) == SIGSEGV;
}

static void do_read(volatile char *p)
{
	(void)*p;
}

static void do_write(volatile char *p)
{
	*p = 1;
}

#define CHECK_SEGV(fn, addr)                                                   \
	({                                                                     \
		int st_;                                                       \
		CHECKF(segfaults(fn, addr, &st_), "%s(%s) in a child: %s, not SIGSEGV", \
		       #fn, #addr, ut_status_str(st_));                        \
	})

#define CHECK_NO_SEGV(fn, addr)                                                \
	({                                                                     \
		int st_;                                                       \
		segfaults(fn, addr, &st_);                                     \
		CHECKF(st_ == 0, "%s(%s) in a child: %s", #fn, #addr, ut_status_str(st_)); \
	})

/* Parent and child each change data, heap and stack; neither sees the other's. */
static void cow_isolates_parent_and_child(void)
{
	char stack_buf[64] = "initial stack";
	char *heap = malloc(64);
	int to_child[2], to_parent[2];
	char c;
	pid_t pid;

	if (!CHECK(heap != NULL) || !CHECK_SYS(pipe(to_child)) || !CHECK_SYS(pipe(to_parent)))
		return;
	strcpy(heap, "initial heap");
	pid = ut_fork();
	if (pid == 0) {
		strcpy(data_page, "child data");
		strcpy(heap, "child heap");
		strcpy(stack_buf, "child stack");
		write(to_parent[1], "w", 1);	/* the child has written */
		read(to_child[0], &c, 1);	/* the parent has written */
		CHECK_STR(data_page, "child data");
		CHECK_STR(heap, "child heap");
		CHECK_STR(stack_buf, "child stack");
		ut_child_exit();
	}
	CHECK_EQ(read(to_parent[0], &c, 1), 1);
	CHECK_STR(data_page, "initial data");
	CHECK_STR(heap, "initial heap");
	CHECK_STR(stack_buf, "initial stack");
	strcpy(data_page, "parent data");
	strcpy(heap, "parent heap");
	strcpy(stack_buf, "parent stack");
	write(to_child[1], "w", 1);
	CHECK_EXITED(pid, 0);
	CHECK_STR(data_page, "parent data");
	CHECK_STR(heap, "parent heap");
	CHECK_STR(stack_buf, "parent stack");
}

/* 4 MiB written before fork: the child rewrites it all, ours is intact. */
static void cow_many_pages(void)
{
	enum { SIZE = 4 << 20 };
	unsigned char *buf = malloc(SIZE);
	pid_t pid;

	if (!CHECK(buf != NULL))
		return;
	fill(buf, SIZE, 1);
	pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(verify(buf, SIZE, 1), SIZE);
		fill(buf, SIZE, 2);
		CHECK_EQ(verify(buf, SIZE, 2), SIZE);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(verify(buf, SIZE, 1), SIZE);
	/* The child is gone: our pages are ours alone and writable. */
	fill(buf, SIZE, 3);
	CHECK_EQ(verify(buf, SIZE, 3), SIZE);
	free(buf);
}

/* Parent, child and grandchild share pages three ways, then each writes. */
static void cow_three_generations(void)
{
	enum { SIZE = 64 * PAGE };
	unsigned char *buf = malloc(SIZE);
	int go[2];
	char c;
	pid_t child;

	if (!CHECK(buf != NULL) || !CHECK_SYS(pipe(go)))
		return;
	fill(buf, SIZE, 10);
	child = ut_fork();
	if (child == 0) {
		pid_t grandchild = ut_fork();

		if (grandchild == 0) {
			read(go[0], &c, 1);
			CHECK_EQ(verify(buf, SIZE, 10), SIZE);
			fill(buf, SIZE, 12);
			CHECK_EQ(verify(buf, SIZE, 12), SIZE);
			ut_child_exit();
		}
		read(go[0], &c, 1);
		CHECK_EQ(verify(buf, SIZE, 10), SIZE);
		fill(buf, SIZE, 11);
		CHECK_EXITED(grandchild, 0);
		CHECK_EQ(verify(buf, SIZE, 11), SIZE);
		ut_child_exit();
	}
	fill(buf, SIZE / 2, 13);	/* only half: the rest stays shared */
	write(go[1], "gg", 2);
	CHECK_EXITED(child, 0);
	CHECK_EQ(verify(buf, SIZE / 2, 13), SIZE / 2);
	CHECK_EQ(verify_from(buf, SIZE / 2, SIZE, 10), SIZE);
}

static void *brk_call(void *addr)
{
	return (void *)syscall(SYS_brk, addr);
}

/* brk() moves the end of the heap, which the kernel zero-fills. */
static void brk_grows_and_shrinks(void)
{
	enum { GROW = 1 << 20 };
	char *start = brk_call(0), *end, *page;
	pid_t pid;

	if (!CHECK(start != (char *)-1 && start != NULL))
		return;
	/* The first whole page that lies past the current break. */
	page = (char *)(((uintptr_t)start + PAGE - 1) & ~(PAGE - 1));
	end = brk_call(start + GROW);
	if (!CHECK(end == start + GROW))
		return;
	for (char *p = start; p < end; p += 512)
		CHECKF(*p == 0, "new heap byte at brk+%#lx is %d, not 0", (long)(p - start), *p);
	fill((unsigned char *)start, GROW, 5);
	CHECK_EQ(verify((unsigned char *)start, GROW, 5), GROW);
	/* The heap is copied on fork like the rest. */
	pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(verify((unsigned char *)start, GROW, 5), GROW);
		fill((unsigned char *)start, GROW, 6);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(verify((unsigned char *)start, GROW, 5), GROW);
	/* Shrink: the pages past the break are gone. */
	CHECK(brk_call(start) == start);
	CHECK_SEGV(do_read, page + PAGE);
	CHECK_SEGV(do_write, page + GROW / 2);
	/* Grow again: zeroes, not what was there before. */
	CHECK(brk_call(start + GROW) == start + GROW);
	CHECK_EQ(page[PAGE], 0);
	CHECK_EQ(page[GROW / 2], 0);
	CHECK(brk_call(start) == start);
}

/* A break below the start of the heap is refused: brk returns the old one. */
static void brk_refuses_below_start(void)
{
	char *start = brk_call(0);

	CHECK(brk_call((void *)PAGE) == start);
	CHECK(brk_call(0) == start);
}

static void mmap_private_is_zeroed_and_writable(void)
{
	enum { SIZE = 1 << 20 };
	unsigned char *p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				-1, 0);
	size_t nonzero = 0;

	if (!CHECK(p != MAP_FAILED))
		return;
	CHECK_EQ((uintptr_t)p % PAGE, 0);
	for (size_t i = 0; i < SIZE; i++)
		nonzero += p[i] != 0;
	CHECK_EQ(nonzero, 0);
	fill(p, SIZE, 20);
	CHECK_EQ(verify(p, SIZE, 20), SIZE);
	CHECK_SYS(munmap(p, SIZE));
	CHECK_SEGV(do_read, p);
	CHECK_SEGV(do_write, p + SIZE - 1);
}

static void mmap_private_is_copied_on_fork(void)
{
	enum { SIZE = 16 * PAGE };
	unsigned char *p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				-1, 0);
	pid_t pid;

	if (!CHECK(p != MAP_FAILED))
		return;
	fill(p, SIZE, 30);
	pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(verify(p, SIZE, 30), SIZE);
		fill(p, SIZE, 31);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(verify(p, SIZE, 30), SIZE);
}

/* MAP_SHARED|MAP_ANONYMOUS: one set of pages, written by both sides. */
static void mmap_shared_is_shared_across_fork(void)
{
	enum { SIZE = 16 * PAGE };
	unsigned char *p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				-1, 0);
	int to_child[2];
	char c;
	pid_t pid;

	if (!CHECK(p != MAP_FAILED) || !CHECK_SYS(pipe(to_child)))
		return;
	/* Touch only the first half before fork: the rest is faulted in later. */
	fill(p, SIZE / 2, 40);
	pid = ut_fork();
	if (pid == 0) {
		read(to_child[0], &c, 1);
		CHECK_EQ(verify(p, SIZE, 41), SIZE);	/* the parent's writes */
		fill(p, SIZE, 42);
		ut_child_exit();
	}
	fill(p, SIZE, 41);
	write(to_child[1], "g", 1);
	CHECK_EXITED(pid, 0);
	CHECK_EQ(verify(p, SIZE, 42), SIZE);	/* the child's writes */
	CHECK_SYS(munmap(p, SIZE));
}

/* Unmapping the middle page leaves two mappings around a hole. */
static void munmap_middle_leaves_a_hole(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(p != MAP_FAILED))
		return;
	memset(p, 'x', 3 * PAGE);
	CHECK_SYS(munmap(p + PAGE, PAGE));
	CHECK_EQ(p[0], 'x');
	CHECK_EQ(p[3 * PAGE - 1], 'x');
	CHECK_SEGV(do_read, p + PAGE);
	CHECK_NO_SEGV(do_write, p + 2 * PAGE);
	CHECK_SYS(munmap(p, 3 * PAGE));	/* a range with a hole is fine */
	CHECK_SEGV(do_read, p);
}

static void mprotect_changes_access(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(p != MAP_FAILED))
		return;
	memset(p, 'y', 2 * PAGE);
	CHECK_SYS(mprotect(p, PAGE, PROT_READ));
	CHECK_EQ(p[0], 'y');
	CHECK_SEGV(do_write, p);
	CHECK_NO_SEGV(do_write, p + PAGE);	/* the other page is untouched */
	CHECK_SYS(mprotect(p, PAGE, PROT_NONE));
	CHECK_SEGV(do_read, p);
	CHECK_SYS(mprotect(p, PAGE, PROT_READ | PROT_WRITE));
	p[0] = 'z';
	CHECK_EQ(p[0], 'z');
	CHECK_EQ(p[1], 'y');	/* the contents survived PROT_NONE */
	CHECK_SYS(munmap(p, 2 * PAGE));
}

static void mmap_prot_none_faults(void)
{
	char *p = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK(p != MAP_FAILED))
		return;
	CHECK_SEGV(do_read, p);
	CHECK_SEGV(do_write, p);
	CHECK_SYS(munmap(p, PAGE));
}

static void mmap_fixed_replaces_pages(void)
{
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *q;

	if (!CHECK(p != MAP_FAILED))
		return;
	memset(p, 'a', 4 * PAGE);
	q = mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0);
	CHECK(q == p + PAGE);
	CHECK_EQ(p[0], 'a');
	CHECK_EQ(p[PAGE], 0);		/* a fresh page */
	CHECK_EQ(p[2 * PAGE - 1], 0);
	CHECK_EQ(p[2 * PAGE], 'a');
	CHECK_SYS(munmap(p, 4 * PAGE));
}

static void mmap_bad_arguments(void)
{
	char *p;

	CHECK_ERR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	/* Neither MAP_PRIVATE nor MAP_SHARED. */
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);
	/* MAP_FIXED at an address that is not page-aligned. */
	CHECK_ERR(mmap((void *)(PAGE * 1000 + 1), PAGE, PROT_READ,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (CHECK(p != MAP_FAILED)) {
		CHECK_ERR(munmap(p + 1, PAGE), EINVAL);
		/* Raw: musl's mprotect() rounds the address down itself. */
		CHECK_ERR(syscall(SYS_mprotect, p + 1, PAGE, PROT_READ), EINVAL);
		CHECK_SYS(munmap(p, PAGE));
	}
}

/* Recurse through 1 MiB of stack, each frame checking its own bytes. */
static unsigned recurse(int depth)
{
	volatile unsigned char frame[4000];
	unsigned sum;

	for (unsigned i = 0; i < sizeof(frame); i++)
		frame[i] = (unsigned char)(depth + i);
	sum = depth > 0 ? recurse(depth - 1) : 0;
	for (unsigned i = 0; i < sizeof(frame); i++)
		if (frame[i] != (unsigned char)(depth + i))
			return 1u << 31;
	return sum + 1;
}

static void stack_grows_on_demand(void)
{
	CHECK_EQ(recurse(256), 257);
}

/* A big malloc (musl and glibc use mmap for it) is usable and zeroed by calloc. */
static void large_calloc_is_zeroed(void)
{
	enum { SIZE = 8 << 20 };
	unsigned char *p = calloc(1, SIZE);
	size_t nonzero = 0;

	if (!CHECK(p != NULL))
		return;
	for (size_t i = 0; i < SIZE; i += 64)
		nonzero += p[i] != 0;
	CHECK_EQ(nonzero, 0);
	fill(p, SIZE, 50);
	CHECK_EQ(verify(p, SIZE, 50), SIZE);
	free(p);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(cow_isolates_parent_and_child);
	RUN(cow_many_pages);
	RUN(cow_three_generations);
	RUN(brk_grows_and_shrinks);
	RUN(brk_refuses_below_start);
	RUN(mmap_private_is_zeroed_and_writable);
	RUN(mmap_private_is_copied_on_fork);
	RUN(mmap_shared_is_shared_across_fork);
	RUN(munmap_middle_leaves_a_hole);
	RUN(mprotect_changes_access);
	RUN(mmap_prot_none_faults);
	RUN(mmap_fixed_replaces_pages);
	RUN(mmap_bad_arguments);
	RUN(stack_grows_on_demand);
	RUN(large_calloc_is_zeroed);
	return ut_done();
}
