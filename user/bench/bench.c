/*
 * bench - keyhole's benchmark program: the same static binary runs as
 * /init on keyhole and on Debian's Linux kernel; tools/bench (`make
 * bench`) boots both in QEMU and prints their figures side by side.
 *
 * What a figure means. QEMU runs both kernels with TCG and
 * `-icount shift=0,sleep=off`: the guest's clock then advances one
 * nanosecond per guest instruction, and the TSC that `rdtsc` reads is that
 * clock. So the difference of two TSC readings is the number of guest
 * instructions executed in between, user and kernel, interrupts included,
 * whatever the host's speed or load. Checked, not assumed: the "calib" row
 * times a loop of exactly 2000 instructions and reads about 2000 on both
 * kernels (2004: the outer loop's own instructions). Two things to know
 * when reading the figures:
 *   - a `rep` string instruction counts once per iteration (a `rep stosb`
 *     over a page is 4096 instructions, `rep stosq` 512);
 *   - time spent waiting counts too: when the CPU halts, sleep=off jumps
 *     the clock to the next timer, and a loop polling a timer runs for its
 *     guest time. The rows below keep the CPU busy, so they count only
 *     instructions; the boot rows include such waits.
 *
 * The boot rows, read before anything else:
 *
 *   boot         the TSC at the first instruction of /init, i.e. guest time
 *                since power-on: firmware (SeaBIOS), the boot loader
 *                (keyhole: GRUB from an ISO; Linux: QEMU's -kernel loader,
 *                then the kernel's own decompressor), the kernel's boot,
 *                unpacking the initramfs, exec of /init. bench_entry reads
 *                it; the link makes it the ELF entry point, before musl's
 *                _start.
 *   boot_loader  the part before the kernel's monotonic clock reads zero;
 *   boot_kernel  the rest: the kernel's own part, the fair comparison.
 *                That zero is kmain on keyhole, and on Linux its first TSC
 *                read early in start_kernel (setup_arch), the zero of its
 *                dmesg timestamps. Found by reading TSC and clock twice,
 *                200 ms apart, and extrapolating the clock back to zero.
 *
 * The other rows are the table at the bottom; each figure is the total over
 * `iters` operations divided by `iters`, measured after one unmeasured
 * round (warm-up, and the check that the row works at all).
 *
 * Output: one line per row, printed only after every row has run (a
 * console write can leave work behind, such as a UART interrupt, that
 * would land in the next measurement):
 *
 *	bench: begin <sysname> <release>
 *	bench: NAME VALUE ITERS DESCRIPTION...
 *	bench: end
 *
 * VALUE is an integer (instructions per operation), "n/a" when a call the
 * row needs fails with ENOSYS (the kernel does not have it yet), or
 * "error:N" (errno N) for any other failure; a failing row never stops the
 * rest. Then, as PID 1, it powers the machine off; run by hand (on the
 * host, say) it just exits, and its figures are TSC ticks.
 *
 * One row: `bench NAME [ITERS]` (on keyhole, the command line's words
 * after "--") runs only row NAME (a scaling row: NAME@N, as printed),
 * ITERS times (default: its own), and prints only its line. Before the
 * measured run it calls bench_profile_start(), which does nothing:
 * tools/profile (`make profile ROW=NAME`) watches for it in QEMU's log,
 * then counts the instructions between each pair of rdtsc the row
 * executes, as the figure does.
 *
 * Adding a row: write one function
 *
 *	static long long bench_NAME(int iters)
 *
 * that does `iters` operations and returns the instructions they took
 * (tsc() before and after the measured part: setup and teardown may stay
 * outside), or -errno when a call fails (fail() gives it; return -ENOSYS
 * as it is, so the row shows n/a on a kernel without the call); then add
 * one line to rows[] at the bottom. NAME is one word. Keep a row to some
 * tens of millions of instructions: under -icount, QEMU runs a few hundred
 * million a second.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/reboot.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define PAGE_SIZE 4096

/*
 * The ELF entry point (the link says -e bench_entry): read the TSC before
 * anything else runs, then go on to musl's _start as if nothing happened.
 * rdtsc touches only %rax and %rdx; %rdx is zeroed again, as the kernel
 * passes it (the ABI's atexit pointer, none), and the stack pointer, which
 * _start reads, is left alone.
 */
unsigned long long bench_boot_tsc;

__asm__(".text\n"
	".global bench_entry\n"
	".type bench_entry, @function\n"
	"bench_entry:\n"
	"	rdtsc\n"
	"	shl $32, %rdx\n"
	"	or %rdx, %rax\n"
	"	mov %rax, bench_boot_tsc(%rip)\n"
	"	xor %edx, %edx\n"
	"	jmp _start\n");

static inline unsigned long long tsc(void)
{
	unsigned int lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (unsigned long long)hi << 32 | lo;
}

static unsigned long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/*
 * Sleep 50 ms before a measurement, so that work the kernel left for later
 * (Linux frees VMAs, maple tree nodes, pids... after an RCU grace period,
 * a few ticks on) runs now, not inside the next row's figure. Idle time
 * costs no instructions, and under sleep=off no wall time either.
 */
static void settle(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

/* -errno of the call that just failed (never 0). */
static long long fail(void)
{
	return errno ? -errno : -EIO;
}

/* calib: 1000 rounds of a two-instruction loop, exactly 2000 instructions. */
static long long bench_calib(int iters)
{
	unsigned long long t0 = tsc();

	for (int i = 0; i < iters; i++) {
		unsigned long n = 1000;

		__asm__ volatile("1: dec %0\n\tjnz 1b" : "+r"(n));
	}
	return tsc() - t0;
}

/* fork: the child exits at once, the parent waits for it (the scaling
 * rows fork_* measure the same with something mapped). */
static long long bench_fork(int iters)
{
	unsigned long long t0 = tsc();

	for (int i = 0; i < iters; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0)
			return fail();
		if (pid == 0)
			_exit(0);
		if (waitpid(pid, &status, 0) != pid)
			return fail();
	}
	return tsc() - t0;
}

/*
 * pipe: one byte to a child through one pipe and back through another;
 * the child echoes until end of file. Its fork is not measured.
 */
static long long bench_pipe(int iters)
{
	int to[2], from[2], status;
	unsigned long long t0, t;
	char c = 'x';
	pid_t pid;

	if (pipe(to) < 0 || pipe(from) < 0)
		return fail();
	pid = fork();
	if (pid < 0)
		return fail();
	if (pid == 0) {
		close(to[1]);
		close(from[0]);
		while (read(to[0], &c, 1) == 1)
			if (write(from[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(to[0]);
	close(from[1]);
	/* One round trip first: the child is running and waiting in read. */
	if (write(to[1], &c, 1) != 1 || read(from[0], &c, 1) != 1)
		return fail();
	t0 = tsc();
	for (int i = 0; i < iters; i++)
		if (write(to[1], &c, 1) != 1 || read(from[0], &c, 1) != 1)
			return fail();
	t = tsc() - t0;
	close(to[1]);
	close(from[0]);
	waitpid(pid, &status, 0);
	return t;
}

/* Write one byte in each page of [p, p + size). */
static void touch_pages(char *p, size_t size)
{
	for (size_t off = 0; off < size; off += PAGE_SIZE)
		((volatile char *)p)[off] = 1;
}

/* One private segment's whole life, touching each of its pages once. */
static long long shm_cycle(size_t size)
{
	int id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
	char *p;

	if (id < 0)
		return fail();
	p = shmat(id, NULL, 0);
	if (p == (void *)-1) {
		long long err = fail();

		shmctl(id, IPC_RMID, NULL);
		return err;
	}
	touch_pages(p, size);
	if (shmdt(p) < 0 || shmctl(id, IPC_RMID, NULL) < 0)
		return fail();
	return 0;
}

/* shm: shmget + shmat + touch one page + shmdt + IPC_RMID. */
static long long bench_shm(int iters)
{
	unsigned long long t0 = tsc();

	for (int i = 0; i < iters; i++) {
		long long err = shm_cycle(PAGE_SIZE);

		if (err)
			return err;
	}
	return tsc() - t0;
}

#define BIG_SHM (16UL << 20)

/*
 * shm16m: the same with a fresh 16 MiB segment, so 4096 pages allocated,
 * zeroed, mapped, touched and freed per operation.
 */
static long long bench_shm16m(int iters)
{
	unsigned long long t0 = tsc();

	for (int i = 0; i < iters; i++) {
		long long err = shm_cycle(BIG_SHM);

		if (err)
			return err;
	}
	return tsc() - t0;
}

/*
 * shm16m_reattach: attach a 16 MiB segment whose pages already exist,
 * touch every page, detach: the cost of mapping pages (page faults), not of
 * allocating them. The segment is made, and filled in an unmeasured first
 * round, outside the measurement.
 */
static long long bench_shm16m_reattach(int iters)
{
	int id = shmget(IPC_PRIVATE, BIG_SHM, IPC_CREAT | 0600);
	unsigned long long t0 = 0, t;
	long long err = 0;

	if (id < 0)
		return fail();
	for (int i = -1; i < iters && !err; i++) {
		char *p;

		if (i == 0)
			t0 = tsc();
		p = shmat(id, NULL, 0);
		if (p == (void *)-1) {
			err = fail();
			break;
		}
		touch_pages(p, BIG_SHM);
		if (shmdt(p) < 0)
			err = fail();
	}
	t = tsc() - t0;
	shmctl(id, IPC_RMID, NULL);
	return err ? err : (long long)t;
}

struct bench_row {
	const char *name;		/* one word */
	long long (*run)(int iters);
	int iters;
	const char *what;		/* what one operation is */
};

/* semping: two processes hand a turn back and forth through two semaphores;
 * one operation is a round trip (two semop pairs, two wake-ups). */
static long long bench_semping(int iters)
{
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	struct sembuf down0 = { 0, -1, 0 }, up1 = { 1, 1, 0 }, down1 = { 1, -1, 0 },
		      up0 = { 0, 1, 0 };
	unsigned long long t0;
	int status;

	if (id < 0)
		return -errno;
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < iters; i++)
			if (semop(id, &down0, 1) || semop(id, &up1, 1))
				_exit(1);
		_exit(0);
	}
	t0 = tsc();
	for (int i = 0; i < iters; i++)
		if (semop(id, &up0, 1) || semop(id, &down1, 1))
			break;
	long long t = (long long)(tsc() - t0);
	waitpid(pid, &status, 0);
	semctl(id, 0, IPC_RMID);
	return t;
}

/* semop: uncontended +1 then -1 on one semaphore, one call each. */
static long long bench_semop(int iters)
{
	int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	struct sembuf up = { 0, 1, 0 }, down = { 0, -1, 0 };
	unsigned long long t0;

	if (id < 0)
		return -errno;
	t0 = tsc();
	for (int i = 0; i < iters; i++)
		if (semop(id, &up, 1) || semop(id, &down, 1))
			return -errno;
	long long t = (long long)(tsc() - t0);
	semctl(id, 0, IPC_RMID);
	return t;
}

/*
 * clock_gettime(CLOCK_MONOTONIC) and gettimeofday through the C library
 * (static musl): answered in user mode by the vDSO when the kernel maps
 * one (AT_SYSINFO_EHDR), else by the system call.
 */
static long long bench_clock_gettime(int iters)
{
	struct timespec ts;
	unsigned long long t0 = tsc();

	for (int i = 0; i < iters; i++)
		if (clock_gettime(CLOCK_MONOTONIC, &ts))
			return -errno;
	return (long long)(tsc() - t0);
}

static long long bench_gettimeofday(int iters)
{
	struct timeval tv;
	unsigned long long t0 = tsc();

	for (int i = 0; i < iters; i++)
		if (gettimeofday(&tv, NULL))
			return -errno;
	return (long long)(tsc() - t0);
}

struct bench_msg {
	long mtype;
	char mtext[8192];
};

/* A message round trip of size bytes: type 1 there, type 2 back. */
static long long msg_pingpong(int iters, size_t size)
{
	static struct bench_msg m;
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	unsigned long long t0;
	int status;

	if (id < 0)
		return -errno;
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < iters; i++) {
			if (msgrcv(id, &m, sizeof(m.mtext), 1, 0) < 0)
				_exit(1);
			m.mtype = 2;
			if (msgsnd(id, &m, size, 0))
				_exit(1);
		}
		_exit(0);
	}
	t0 = tsc();
	for (int i = 0; i < iters; i++) {
		m.mtype = 1;
		if (msgsnd(id, &m, size, 0) || msgrcv(id, &m, sizeof(m.mtext), 2, 0) < 0)
			break;
	}
	long long t = (long long)(tsc() - t0);
	waitpid(pid, &status, 0);
	msgctl(id, IPC_RMID, NULL);
	return t;
}

static long long bench_msgping64(int iters)
{
	return msg_pingpong(iters, 64);
}

static long long bench_msgping8k(int iters)
{
	return msg_pingpong(iters, 8192);
}

/* msgrcv_type: take the one message of type 2 from behind 1,000 of type 1
 * (then put it back, unmeasured): the cost of searching a long queue. */
static long long bench_msgrcv_type(int iters)
{
	static struct bench_msg m;
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	struct msqid_ds ds;
	long long t = 0;

	if (id < 0)
		return -errno;
	if (msgctl(id, IPC_STAT, &ds) == 0) {
		ds.msg_qbytes = 1 << 20;        /* room for 1,001 messages */
		msgctl(id, IPC_SET, &ds);
	}
	m.mtype = 1;
	for (int i = 0; i < 1000; i++)
		if (msgsnd(id, &m, 8, 0))
			return -errno;
	for (int i = 0; i < iters; i++) {
		m.mtype = 2;
		msgsnd(id, &m, 8, 0);
		unsigned long long t0 = tsc();
		if (msgrcv(id, &m, sizeof(m.mtext), 2, 0) < 0)
			return -errno;
		t += (long long)(tsc() - t0);
	}
	msgctl(id, IPC_RMID, NULL);
	return t;
}

/*
 * The memory rows (mem_*): kernel bytes per object, not instructions.
 * Each makes `iters` objects and reads sysinfo's freeram (x mem_unit)
 * before and after; the figure is the drop divided by iters (main()
 * divides). Both reads come after settling: 100 ms asleep (free in guest
 * instructions under sleep=off), so that what a kernel frees lazily (Linux's
 * RCU callbacks: task_structs, IPC objects, idr nodes) is freed before it
 * is counted. Then everything is removed and freeram must come back
 * (mem_returned): exactly on keyhole, which frees everything at once, and
 * within MEM_SLACK on Linux, which keeps freed pages on per-CPU lists and
 * partly used slabs in its caches; else the row fails with EUCLEAN: it
 * leaked. A drop below 0 (noise) reads 0. The figure includes what the
 * object needs in every layer: its struct and the slab space around it,
 * its share of the idr nodes, the page a touched segment holds; for a
 * process, its kernel stack, page tables and the user pages its fork
 * copies on write. The arrays the rows keep ids in are written before the
 * first reading, so their own pages do not count.
 *
 * How many: Linux's per-CPU page lists make freeram move in steps of up
 * to about a megabyte whatever is allocated, so a row needs enough
 * objects to drown that: at 1,000 message queues Linux read 0 or 264
 * bytes from one run to the next; at MEM_N (10,000) its figures repeat
 * within a few bytes, and at MEM_NPROC (1,000) processes within 2%.
 * Shared memory stops at 4,000 segments (Linux's SHMMNI is 4,096).
 *
 * mem_semop_sleeper is a difference: the same children asleep in read()
 * on a pipe, then in semop() (one operation, so both kernels keep it on
 * the stack). Everything a child writes later it writes before it first
 * sleeps, and the pipe's buffer page exists before the first reading.
 */
#define MEM_N		10000
#define MEM_NSHM	4000		/* Linux's SHMMNI is 4096 */
#define MEM_NPROC	1000
#define MEM_SLACK	(4LL << 20)

static long long free_bytes(void)
{
	struct sysinfo si;

	if (sysinfo(&si) < 0)
		return -1;
	return (long long)si.freeram * si.mem_unit;
}

static long long settled_free_bytes(void)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	return free_bytes();
}

/* Whether freeram came back from start to after (see above). */
static bool mem_returned(long long start, long long after)
{
	static int keyhole = -1;
	struct utsname u;

	if (keyhole < 0)
		keyhole = uname(&u) == 0 && strcmp(u.sysname, "keyhole") == 0;
	return keyhole ? after >= start : start - after <= MEM_SLACK;
}

static int mem_ids[MEM_N];
static pid_t mem_pids[MEM_NPROC];
static int mem_nkids;		/* how many of mem_pids[] live */

/* Make n objects with create(i) (an id or -1), then remove them with
 * destroy(id); return the bytes the n took, or -errno. */
static long long mem_objects(int n, int (*create)(void), int (*destroy)(int id))
{
	long long before, during, after, err = 0;
	int made = 0;

	if (n > MEM_N)
		return -EINVAL;
	memset(mem_ids, -1, sizeof(mem_ids));   /* its pages are ours before we count */
	before = settled_free_bytes();
	for (; made < n; made++) {
		mem_ids[made] = create();
		if (mem_ids[made] < 0) {
			err = fail();
			break;
		}
	}
	during = settled_free_bytes();
	for (int i = 0; i < made; i++)
		if (destroy(mem_ids[i]) < 0 && !err)
			err = fail();
	after = settled_free_bytes();
	if (err)
		return err;
	if (before < 0 || during < 0 || after < 0)
		return -EIO;
	if (!mem_returned(before, after))
		return -EUCLEAN;
	return before > during ? before - during : 0;
}

static int semset_create(void)
{
	return semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
}

static int semset_destroy(int id)
{
	return semctl(id, 0, IPC_RMID);
}

/* mem_semset: a set of one semaphore, nobody using it. */
static long long bench_mem_semset(int iters)
{
	return mem_objects(iters, semset_create, semset_destroy);
}

static int msgq_create(void)
{
	return msgget(IPC_PRIVATE, IPC_CREAT | 0600);
}

static int msgq_destroy(int id)
{
	return msgctl(id, IPC_RMID, NULL);
}

/* mem_msgq: an empty message queue. */
static long long bench_mem_msgq(int iters)
{
	return mem_objects(iters, msgq_create, msgq_destroy);
}

/* A 4 KiB segment whose page exists: attached, written, detached. */
static int shm4k_create(void)
{
	int id = shmget(IPC_PRIVATE, PAGE_SIZE, IPC_CREAT | 0600);
	char *p;

	if (id < 0)
		return -1;
	p = shmat(id, NULL, 0);
	if (p == (void *)-1) {
		int e = errno;

		shmctl(id, IPC_RMID, NULL);
		errno = e;
		return -1;
	}
	touch_pages(p, PAGE_SIZE);
	if (shmdt(p) < 0)
		return -1;
	return id;
}

static int shm4k_destroy(int id)
{
	return shmctl(id, IPC_RMID, NULL);
}

/* mem_shm4k: a 4 KiB segment with its page, not attached. */
static long long bench_mem_shm4k(int iters)
{
	return mem_objects(iters, shm4k_create, shm4k_destroy);
}

/*
 * n children, each asleep in read() on `go` once it has said so on
 * `ready`; with semid >= 0, a byte on `go` sends each on into a semop that
 * sleeps (down on semaphore 0, which stays 0). Everything a child writes
 * later is written before it first sleeps, so waking it copies no page.
 * Return: 0, or -errno (the children made so far are in mem_pids[]).
 */
static long long mem_children_start(int n, int go[2], int semid)
{
	int ready[2];
	char c = 0;

	mem_nkids = 0;
	if (pipe(ready) < 0 || pipe(go) < 0)
		return fail();
	/* The pipe's buffer page now, not when the children are woken. */
	if (write(go[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
		return fail();
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			long long err = fail();

			close(ready[0]);
			close(ready[1]);
			return err;
		}
		if (pid == 0) {
			struct sembuf down = { 0, -1, 0 };
			char b = 1;

			close(go[1]);
			if (write(ready[1], &b, 1) != 1 || read(go[0], &b, 1) != 1)
				_exit(0);
			if (semid >= 0)
				semop(semid, &down, 1);
			_exit(0);
		}
		mem_pids[mem_nkids++] = pid;
	}
	close(ready[1]);
	for (int i = 0; i < n; i++)
		if (read(ready[0], &c, 1) != 1)
			return -EIO;
	close(ready[0]);
	return 0;
}

/* End the children: EOF on go (or, in semop, the set's removal). */
static void mem_children_end(int go[2])
{
	int status;

	close(go[1]);
	close(go[0]);
	for (int i = 0; i < mem_nkids; i++)
		waitpid(mem_pids[i], &status, 0);
}

/* mem_process: a forked process asleep in read() on a pipe. */
static long long bench_mem_process(int iters)
{
	long long before, during, after, err;
	int go[2] = { -1, -1 };

	if (iters > MEM_NPROC)
		return -EINVAL;
	memset(mem_pids, 0, sizeof(mem_pids));
	before = settled_free_bytes();
	err = mem_children_start(iters, go, -1);
	during = settled_free_bytes();
	mem_children_end(go);
	after = settled_free_bytes();
	if (err)
		return err;
	if (!mem_returned(before, after))
		return -EUCLEAN;
	return before > during ? before - during : 0;
}

/*
 * mem_semop_sleeper: what sleeping in semop takes beyond the process: the
 * same children asleep in read() first, counted, then sent on into a
 * semop that sleeps, counted again.
 */
static long long bench_mem_semop_sleeper(int iters)
{
	static char gobytes[MEM_NPROC];
	long long before, during, after, start, err;
	int go[2] = { -1, -1 }, id;

	if (iters > MEM_NPROC)
		return -EINVAL;
	id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	if (id < 0)
		return fail();
	memset(mem_pids, 0, sizeof(mem_pids));
	memset(gobytes, 1, sizeof(gobytes));
	start = settled_free_bytes();
	err = mem_children_start(iters, go, id);
	before = settled_free_bytes();
	if (!err && write(go[1], gobytes, iters) != iters)
		err = fail();
	during = settled_free_bytes();
	semctl(id, 0, IPC_RMID);        /* EIDRM for each sleeper: it exits */
	mem_children_end(go);
	after = settled_free_bytes();
	if (err)
		return err;
	if (!mem_returned(start, after))
		return -EUCLEAN;
	return before > during ? before - during : 0;
}

static const struct bench_row rows[] = {
	{ "calib", bench_calib, 1000, "check: a loop of exactly 2000 instructions" },
	{ "fork", bench_fork, 100, "fork + child _exit + waitpid" },
	{ "pipe", bench_pipe, 1000, "pipe round trip of 1 byte between two processes" },
	{ "shm", bench_shm, 100, "shmget + shmat + touch 1 page + shmdt + IPC_RMID" },
	{ "shm16m", bench_shm16m, 4, "the same with 16 MiB, touching all 4096 pages" },
	{ "shm16m_reattach", bench_shm16m_reattach, 4,
	  "shmat + touch 4096 present pages + shmdt (16 MiB)" },
	{ "semping", bench_semping, 200, "semaphore ping-pong between two processes (round trip)" },
	{ "semop", bench_semop, 1000, "uncontended semop +1 then -1" },
	{ "clock_gettime", bench_clock_gettime, 1000, "clock_gettime(CLOCK_MONOTONIC) (vDSO if any)" },
	{ "gettimeofday", bench_gettimeofday, 1000, "gettimeofday (vDSO if any)" },
	{ "msgping64", bench_msgping64, 200, "message round trip of 64 bytes between two processes" },
	{ "msgping8k", bench_msgping8k, 100, "message round trip of 8 KiB between two processes" },
	{ "msgrcv_type", bench_msgrcv_type, 100, "msgrcv of one type from behind 1,000 messages" },
	{ "mem_semset", bench_mem_semset, MEM_N, "kernel bytes per semaphore set of 1, unused" },
	{ "mem_msgq", bench_mem_msgq, MEM_N, "kernel bytes per empty message queue" },
	{ "mem_shm4k", bench_mem_shm4k, MEM_NSHM, "kernel bytes per 4 KiB shm segment, page touched" },
	{ "mem_semop_sleeper", bench_mem_semop_sleeper, MEM_NPROC,
	  "kernel bytes per semop asleep, beyond its process" },
	{ "mem_process", bench_mem_process, MEM_NPROC, "kernel bytes per process asleep in read" },
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))

/*
 * Scaling rows. Each runs one operation at a small and a large size n (a
 * number of objects, attaches, pages, operations or processes that exist
 * while it runs) and is printed as NAME@N; tools/bench sets the two side by
 * side with each kernel's growth factor (the large figure over the small),
 * which is what these rows are for: no operation may grow faster on
 * keyhole than on Linux. Setup and teardown are not measured.
 *
 *	static long long bench_NAME(int iters, int n)
 *
 * returns the instructions of iters operations, as a plain row does.
 */

/* Remove every semaphore set in ids[0..n). */
static void rm_sems(const int *ids, int n)
{
	for (int i = 0; i < n; i++)
		if (ids[i] >= 0)
			semctl(ids[i], 0, IPC_RMID);
}

/*
 * semget_rmid: semget(IPC_PRIVATE) + IPC_RMID after n earlier create and
 * remove cycles, with one set made before them still there. Linux keeps
 * new ids near the ones in use; a kernel that hands out indexes cyclically
 * over the whole table and then scans back to the highest one in use pays
 * for every earlier cycle.
 */
static long long bench_semget_rmid(int iters, int n)
{
	int keep = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	unsigned long long t0;
	long long t;

	if (keep < 0)
		return fail();
	for (int i = 0; i < n; i++) {
		int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);

		if (id < 0 || semctl(id, 0, IPC_RMID) < 0) {
			t = fail();
			semctl(keep, 0, IPC_RMID);
			return t;
		}
	}
	t0 = tsc();
	for (int i = 0; i < iters; i++) {
		int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);

		if (id < 0 || semctl(id, 0, IPC_RMID) < 0) {
			t = fail();
			semctl(keep, 0, IPC_RMID);
			return t;
		}
	}
	t = tsc() - t0;
	semctl(keep, 0, IPC_RMID);
	return t;
}

#define SCALE_KEY0 0x5ca1e000

/* semget_key: semget(key, 0, 0) of an existing set among n sets with keys. */
static long long bench_semget_key(int iters, int n)
{
	int *ids = malloc(n * sizeof(*ids));
	unsigned long long t0;
	long long t = 0;

	if (!ids)
		return -ENOMEM;
	for (int i = 0; i < n; i++)
		ids[i] = -1;
	for (int i = 0; i < n && !t; i++)
		if ((ids[i] = semget(SCALE_KEY0 + i, 1, IPC_CREAT | IPC_EXCL | 0600)) < 0)
			t = fail();
	if (!t) {
		t0 = tsc();
		for (int i = 0; i < iters; i++)
			if (semget(SCALE_KEY0 + (int)((i * 7919L) % n), 0, 0) < 0) {
				t = fail();
				break;
			}
		if (!t)
			t = tsc() - t0;
	}
	rm_sems(ids, n);
	free(ids);
	return t;
}

/* Attach segment id n times; the addresses go to addrs. */
static long long attach_n(int id, void **addrs, int n)
{
	for (int i = 0; i < n; i++) {
		addrs[i] = shmat(id, NULL, 0);
		if (addrs[i] == (void *)-1)
			return fail();
	}
	return 0;
}

static void detach_n(void **addrs, int n)
{
	for (int i = 0; i < n; i++)
		if (addrs[i] && addrs[i] != (void *)-1)
			shmdt(addrs[i]);
}

/* shmat_shmdt: shmat + shmdt of a 4 KiB segment with n attaches present. */
static long long bench_shmat_shmdt(int iters, int n)
{
	int id = shmget(IPC_PRIVATE, PAGE_SIZE, IPC_CREAT | 0600);
	void **addrs = calloc(n, sizeof(*addrs));
	unsigned long long t0;
	long long t;

	if (id < 0 || !addrs)
		return id < 0 ? fail() : -ENOMEM;
	t = attach_n(id, addrs, n);
	if (!t) {
		t0 = tsc();
		for (int i = 0; i < iters; i++) {
			void *p = shmat(id, NULL, 0);

			if (p == (void *)-1 || shmdt(p) < 0) {
				t = fail();
				break;
			}
		}
		if (!t)
			t = tsc() - t0;
	}
	detach_n(addrs, n);
	free(addrs);
	shmctl(id, IPC_RMID, NULL);
	return t;
}

/* fork_attach: fork + _exit + waitpid with n attaches of a 4 KiB segment. */
static long long bench_fork_attach(int iters, int n)
{
	int id = shmget(IPC_PRIVATE, PAGE_SIZE, IPC_CREAT | 0600);
	void **addrs = calloc(n, sizeof(*addrs));
	long long t;

	if (id < 0 || !addrs)
		return id < 0 ? fail() : -ENOMEM;
	t = attach_n(id, addrs, n);
	if (!t)
		t = bench_fork(iters);
	detach_n(addrs, n);
	free(addrs);
	shmctl(id, IPC_RMID, NULL);
	return t;
}

/* fork + _exit + waitpid with one attached segment of n pages, touched or not. */
static long long fork_shm_pages(int iters, int n, int touch)
{
	size_t size = (size_t)n * PAGE_SIZE;
	/* Without SHM_NORESERVE, Linux refuses a segment larger than RAM. */
	int id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600 | (touch ? 0 : SHM_NORESERVE));
	char *p;
	long long t;

	if (id < 0)
		return fail();
	p = shmat(id, NULL, 0);
	if (p == (void *)-1) {
		t = fail();
		shmctl(id, IPC_RMID, NULL);
		return t;
	}
	if (touch)
		touch_pages(p, size);
	t = bench_fork(iters);
	shmdt(p);
	shmctl(id, IPC_RMID, NULL);
	return t;
}

static long long bench_fork_shm_untouched(int iters, int n)
{
	return fork_shm_pages(iters, n, 0);
}

static long long bench_fork_shm_touched(int iters, int n)
{
	return fork_shm_pages(iters, n, 1);
}

/*
 * fork_anon_shared: fork + _exit + waitpid with n pages of a
 * MAP_SHARED|MAP_ANONYMOUS mapping attached, every page touched: the
 * shared memory that is not System V's (Linux's /dev/zero shmem file).
 */
static long long bench_fork_anon_shared(int iters, int n)
{
	size_t size = (size_t)n * PAGE_SIZE;
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long long t;

	if (p == MAP_FAILED)
		return fail();
	touch_pages(p, size);
	t = bench_fork(iters);
	munmap(p, size);
	return t;
}

/*
 * mmap_file: map a file of n pages MAP_SHARED, read-touch every page (each
 * a fault that finds the page in the file's page cache), unmap. The file
 * is written once before, so its pages are all in the cache.
 */
static long long bench_mmap_file(int iters, int n)
{
	static const char path[] = "/bench_mmap_file";     /* the root is writable on both */
	size_t size = (size_t)n * PAGE_SIZE;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	unsigned long long t0;
	long long t = 0;
	char *p;

	if (fd < 0)
		return fail();
	unlink(path);
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (ftruncate(fd, (off_t)size) < 0 || p == MAP_FAILED) {
		t = fail();
		goto out;
	}
	touch_pages(p, size);           /* the cache holds every page now */
	munmap(p, size);
	t0 = tsc();
	for (int i = 0; i < iters; i++) {
		p = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			t = fail();
			goto out;
		}
		for (size_t off = 0; off < size; off += PAGE_SIZE)
			(void)((volatile char *)p)[off];
		munmap(p, size);
	}
	t = tsc() - t0;
out:
	close(fd);
	return t;
}

/*
 * semop_nops: one semop of n operations, +1 on each of n semaphores, then
 * one of n operations -1 on each: one operation is the pair of calls.
 */
static long long bench_semop_nops(int iters, int n)
{
	int id = semget(IPC_PRIVATE, n, IPC_CREAT | 0600);
	struct sembuf *up = calloc(n, sizeof(*up)), *down = calloc(n, sizeof(*down));
	unsigned long long t0;
	long long t = 0;

	if (id < 0 || !up || !down) {
		t = id < 0 ? fail() : -ENOMEM;
		goto out;
	}
	for (int i = 0; i < n; i++) {
		up[i] = (struct sembuf){ i, 1, 0 };
		down[i] = (struct sembuf){ i, -1, 0 };
	}
	t0 = tsc();
	for (int i = 0; i < iters; i++)
		if (semop(id, up, n) || semop(id, down, n)) {
			t = fail();
			goto out;
		}
	t = tsc() - t0;
out:
	if (id >= 0)
		semctl(id, 0, IPC_RMID);
	free(up);
	free(down);
	return t;
}

/*
 * semop_undo: semop +1 then -1 with SEM_UNDO on one set while the process
 * holds undo records for n other sets, made after it (so a list that adds
 * new records at its head has the measured one at its tail).
 */
static long long bench_semop_undo(int iters, int n)
{
	int *ids = malloc((n + 1) * sizeof(*ids));
	struct sembuf up = { 0, 1, SEM_UNDO }, down = { 0, -1, SEM_UNDO };
	unsigned long long t0;
	long long t = 0;

	if (!ids)
		return -ENOMEM;
	for (int i = 0; i <= n; i++)
		ids[i] = -1;
	for (int i = 0; i <= n && !t; i++) {
		ids[i] = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
		if (ids[i] < 0 || semop(ids[i], &up, 1))
			t = fail();
	}
	if (!t) {
		t0 = tsc();
		for (int i = 0; i < iters; i++)
			if (semop(ids[0], &up, 1) || semop(ids[0], &down, 1)) {
				t = fail();
				break;
			}
		if (!t)
			t = tsc() - t0;
	}
	rm_sems(ids, n + 1);
	free(ids);
	return t;
}

/*
 * Start n children that pause in process group pgrp (0: each in the
 * caller's group); their pids go to pids. Each is stopped by kill_all.
 */
static long long start_sleepers(pid_t *pids, int n, pid_t pgrp)
{
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			return fail();
		if (pids[i] == 0) {
			for (;;)
				pause();
		}
		if (pgrp)
			setpgid(pids[i], pgrp < 0 ? pids[0] : pgrp);
	}
	/* Every child reaches pause() before anything is measured: each
	 * takes some 20,000 instructions to get there (its copy-on-write
	 * faults), 20 ms of guest time for 1,000; give them 200. */
	struct timespec ts = { 0, 200 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	return 0;
}

static void kill_all(pid_t *pids, int n)
{
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			waitpid(pids[i], NULL, 0);
}

/* sysinfo: one sysinfo(2) with n more processes alive. */
static long long bench_sysinfo(int iters, int n)
{
	pid_t *pids = calloc(n, sizeof(*pids));
	unsigned long long t0;
	struct sysinfo si;
	long long t;

	if (!pids)
		return -ENOMEM;
	t = start_sleepers(pids, n, 0);
	if (!t) {
		t0 = tsc();
		for (int i = 0; i < iters; i++)
			if (sysinfo(&si) < 0) {
				t = fail();
				break;
			}
		if (!t)
			t = tsc() - t0;
	}
	kill_all(pids, n);
	free(pids);
	return t;
}

#define KILL_OTHERS 100

/*
 * kill_pgrp: kill(-pgrp, SIGWINCH) to a process group of n sleeping
 * processes, with 100 more in the caller's group (a kernel may have to
 * look at every process, but once each, not once per member; and no more
 * processes than that, or Linux, with 2n of them in 256 MiB, runs short of
 * memory and its figure swings from 0.8 to 14 million). Nobody handles
 * SIGWINCH (it is ignored by default), so none of them wakes up, but a
 * kernel must visit every member: with signal 0 it may stop at the first
 * (keyhole does).
 */
static long long bench_kill_pgrp(int iters, int n)
{
	pid_t *pids = calloc(n + KILL_OTHERS, sizeof(*pids));
	unsigned long long t0;
	long long t;

	if (!pids)
		return -ENOMEM;
	t = start_sleepers(pids, n, -1);
	if (!t)
		t = start_sleepers(pids + n, KILL_OTHERS, 0);
	if (!t) {
		t0 = tsc();
		for (int i = 0; i < iters; i++)
			if (kill(-pids[0], SIGWINCH) < 0) {
				t = fail();
				break;
			}
		if (!t)
			t = tsc() - t0;
	}
	kill_all(pids, n + KILL_OTHERS);
	free(pids);
	return t;
}

struct scale_row {
	const char *name;		/* one word */
	long long (*run)(int iters, int n);
	int n[2];			/* the small and the large size */
	int iters[2];			/* operations measured at each */
	const char *what;		/* what one operation is, and n */
};

static const struct scale_row scale_rows[] = {
	{ "semget_rmid", bench_semget_rmid, { 10, 10000 }, { 1000, 1000 },
	  "semget + IPC_RMID after n create/remove cycles" },
	{ "semget_key", bench_semget_key, { 10, 10000 }, { 1000, 1000 },
	  "semget of an existing key among n sets" },
	{ "shmat_shmdt", bench_shmat_shmdt, { 10, 10000 }, { 100, 100 },
	  "shmat + shmdt with n attaches present" },
	{ "fork_attach", bench_fork_attach, { 10, 1000 }, { 20, 10 },
	  "fork + _exit + waitpid with n shm attaches" },
	{ "fork_shm_untouched", bench_fork_shm_untouched, { 10, 100000 }, { 20, 10 },
	  "fork + _exit + waitpid, n pages of shm attached, untouched" },
	{ "fork_shm_touched", bench_fork_shm_touched, { 10, 10000 }, { 20, 10 },
	  "fork + _exit + waitpid, n pages of shm attached, touched" },
	{ "semop_nops", bench_semop_nops, { 10, 500 }, { 100, 20 },
	  "semop of n ops +1, then of n ops -1 (n semaphores)" },
	{ "semop_undo", bench_semop_undo, { 10, 10000 }, { 200, 200 },
	  "semop +1, -1 with SEM_UNDO holding n other undo records" },
	{ "sysinfo", bench_sysinfo, { 10, 1000 }, { 100, 20 },
	  "sysinfo with n more processes" },
	{ "kill_pgrp", bench_kill_pgrp, { 10, 1000 }, { 100, 20 },
	  "kill(-pgrp, SIGWINCH), ignored, to a group of n, 100 others" },
	{ "fork_anon_shared", bench_fork_anon_shared, { 10, 10000 }, { 20, 10 },
	  "fork + _exit + waitpid, n pages of MAP_SHARED|MAP_ANONYMOUS, touched" },
	{ "mmap_file", bench_mmap_file, { 10, 4096 }, { 100, 10 },
	  "mmap MAP_SHARED of an n-page file, read every page, munmap" },
};

#define NSCALE (sizeof(scale_rows) / sizeof(scale_rows[0]))

/* One line of output; r is the total over iters operations, or -errno. */
static void print_row(const char *name, long long r, int iters, const char *what)
{
	printf("bench: %s ", name);
	if (r == -ENOSYS)
		printf("n/a");
	else if (r < 0)
		printf("error:%lld", -r);
	else
		printf("%lld", (r + iters / 2) / iters);
	printf(" %d %s\n", iters, what);
}

/*
 * Raise Linux's limits that are below what a scaling row may need. Its
 * IPC limits are above every row's n (SEMMNI and MSGMNI 32,000, SEMOPM
 * 500; the shm rows attach one segment many times, under max_map_count
 * 65,530), but with 256 MiB of RAM it allows only about 2,000 tasks
 * (threads-max), near what kill_pgrp, sysinfo and mem_process fork.
 * Linux's initramfs has no /proc mounted, so mount it. On a kernel
 * without these files (or without mount) nothing happens, and a row that
 * needs more shows the error.
 */
static void raise_limits(void)
{
	static const struct { const char *path, *value; } limits[] = {
		{ "/proc/sys/kernel/threads-max", "100000" },
	};

	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		int fd = open(limits[i].path, O_WRONLY);

		if (fd < 0)
			continue;
		if (write(fd, limits[i].value, strlen(limits[i].value)) < 0)
			perror(limits[i].path);
		close(fd);
	}
}

/* Descriptors 0-2 on the console, in case the kernel gave us none. */
static void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0) {
		mkdir("/dev", 0755);
		mknod("/dev/console", S_IFCHR | 0600, makedev(5, 1));
		fd = open("/dev/console", O_RDWR);
	}
	if (fd < 0)
		return;
	while (fd < 2)
		fd = dup(fd);
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
}

static bool is_mem_row(const struct bench_row *row)
{
	return strncmp(row->name, "mem_", 4) == 0;
}

/*
 * The measured run of a row starts after this call. noinline and an asm
 * body, so that it exists and is called: its address is the marker
 * tools/profile looks for (it runs one row alone).
 */
__attribute__((noinline)) void bench_profile_start(void)
{
	__asm__ volatile("");
}

/* A row's total over iters operations, after a warm-up of one. */
static long long run_row(const struct bench_row *row, int iters)
{
	long long r = row->run(1);	/* warm-up, and does it work? */

	if (r < 0)
		return r;
	settle();
	bench_profile_start();
	return row->run(iters);
}

/* The same for scaling row sr at its size j (0 small, 1 large). */
static long long run_scale_row(const struct scale_row *sr, int j, int iters)
{
	long long r = sr->run(1, sr->n[j]);

	if (r < 0)
		return r;
	settle();
	bench_profile_start();
	return sr->run(iters, sr->n[j]);
}

/* A scaling row's printed name, NAME@N. */
static void scale_row_name(char *buf, size_t size, const struct scale_row *sr, int j)
{
	snprintf(buf, size, "%s@%d", sr->name, sr->n[j]);
}

/* bench NAME [ITERS]: row NAME only (a scaling row: NAME@N, as printed),
 * and its line; 2 when there is none. */
static int run_one_row(const char *name, const char *iters_arg)
{
	for (size_t i = 0; i < NROWS; i++) {
		if (strcmp(rows[i].name, name) != 0)
			continue;
		int iters = iters_arg ? atoi(iters_arg) : rows[i].iters;
		if (iters < 1)
			iters = 1;
		long long r = run_row(&rows[i], iters);

		open_console();
		print_row(rows[i].name, r, iters, rows[i].what);
		return 0;
	}
	for (size_t i = 0; i < NSCALE; i++)
		for (int j = 0; j < 2; j++) {
			const struct scale_row *sr = &scale_rows[i];
			char full[64];

			scale_row_name(full, sizeof(full), sr, j);
			if (strcmp(full, name) != 0)
				continue;
			int iters = iters_arg ? atoi(iters_arg) : sr->iters[j];
			if (iters < 1)
				iters = 1;
			raise_limits();
			long long r = run_scale_row(sr, j, iters);

			open_console();
			print_row(full, r, iters, sr->what);
			return 0;
		}
	open_console();
	printf("bench: no row named %s\n", name);
	return 2;
}

int main(int argc, char **argv)
{
	static long long result[NROWS], scale_result[NSCALE][2];
	struct utsname u;

	/*
	 * Let the kernel finish what its boot left behind (deferred work, the
	 * console's output) before measuring; idle time costs no wall time
	 * under sleep=off. Meanwhile, find the kernel's clock zero (the
	 * header says why): the TSC and CLOCK_MONOTONIC read twice give the
	 * TSC ticks per clock nanosecond.
	 */
	struct timespec boot_settle = { 0, 200 * 1000 * 1000 };
	unsigned long long tsc0 = tsc(), mono0 = mono_ns();
	nanosleep(&boot_settle, NULL);
	unsigned long long tsc1 = tsc(), mono1 = mono_ns();
	long long boot_loader = -ENOSYS, boot_kernel = -ENOSYS;
	if (mono0 && mono1 > mono0) {
		double ticks_per_ns = (double)(tsc1 - tsc0) / (double)(mono1 - mono0);

		boot_loader = tsc0 - (unsigned long long)(mono0 * ticks_per_ns);
		boot_kernel = bench_boot_tsc - boot_loader;
		if (boot_loader < 0 || boot_kernel < 0)	/* not a TSC from power-on */
			boot_loader = boot_kernel = -ERANGE;
	}

	if (argc > 1) {
		run_one_row(argv[1], argc > 2 ? argv[2] : NULL);
		goto out;
	}
	/* The memory rows go last: the thousands of objects and processes
	 * they make move id and pid counters on, which would change the
	 * figures of the rows after them (a deeper idr costs more). */
	for (size_t i = 0; i < NROWS; i++) {
		if (is_mem_row(&rows[i]))
			continue;
		result[i] = run_row(&rows[i], rows[i].iters);
	}
	raise_limits();
	for (size_t i = 0; i < NSCALE; i++)
		for (int j = 0; j < 2; j++) {
			scale_result[i][j] = run_scale_row(&scale_rows[i], j,
							   scale_rows[i].iters[j]);
		}
	for (size_t i = 0; i < NROWS; i++)
		if (is_mem_row(&rows[i]))
			result[i] = run_row(&rows[i], rows[i].iters);

	open_console();
	if (uname(&u) < 0)
		strcpy(u.sysname, "?"), strcpy(u.release, "?");
	printf("bench: begin %s %s\n", u.sysname, u.release);
	print_row("boot", bench_boot_tsc, 1, "power-on to the first instruction of /init");
	print_row("boot_loader", boot_loader, 1, "  of which: power-on to the kernel's clock zero");
	print_row("boot_kernel", boot_kernel, 1, "  of which: the kernel's clock zero to /init");
	for (size_t i = 0; i < NROWS; i++)
		print_row(rows[i].name, result[i], rows[i].iters, rows[i].what);
	for (size_t i = 0; i < NSCALE; i++)
		for (int j = 0; j < 2; j++) {
			char name[64];

			scale_row_name(name, sizeof(name), &scale_rows[i], j);
			print_row(name, scale_result[i][j], scale_rows[i].iters[j],
				  scale_rows[i].what);
		}
out:
	printf("bench: end\n");
	fflush(stdout);

	if (getpid() == 1) {
		sync();
		syscall(SYS_reboot, 0xfee1deadUL, 672274793UL, RB_POWER_OFF, 0L);
		perror("bench: reboot");
		for (;;)
			pause();	/* PID 1 must not exit: Linux would panic */
	}
	return 0;
}
