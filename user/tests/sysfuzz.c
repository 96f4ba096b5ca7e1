/*
 * sysfuzz.c - keyhole's system-call fuzzer: every system call the kernel
 * implements, with edge-case integers and pointers, made by unprivileged
 * processes that fork, exit, exec and kill one another. The kernel must
 * survive (no oops, no panic: the harness fails on either), every process
 * must die when SIGKILL comes, and free memory must come back.
 *
 * The processes:
 *
 *	case process (root)	measures sysinfo().freeram before and after
 *	 └ supervisor (root)	an IPC namespace and a scratch directory of
 *	    │			its own; keeps 4 workers running until the
 *	    │			calls are done (a new one as one ends)
 *	    └ worker (uid/gid 65534, limits set, own process group)
 *	       │		100-1000 random system calls, then exits; some
 *	       │		execve() this program again ("--exec-child"),
 *	       │		which goes on with more calls in the same slot
 *	       └ grandchildren	fork()ed by a worker: touch memory (COW), then
 *				exit, crash, SIGKILL themselves or wait to be
 *				killed; clone()/vfork() children exit at once
 *
 * While the workers run, the supervisor stops, continues and SIGKILLs
 * them at random. Each worker has a SIGALRM every 2 ms (set again every
 * 32 calls), which ends any call that blocks; a worker whose call count
 * stops moving for STALL_SEC (the alarm masked or cancelled, say) is
 * SIGKILLed. A worker that is still not dead UNKILLABLE_SEC after its
 * SIGKILL, by the guest's own clock, fails the run: the supervisor prints
 * its last calls and stops.
 *
 * The ring: a System V shared memory segment (created by the supervisor,
 * mode 0666, so workers can write it and cannot remove it; an exec'd
 * worker attaches it again by id) holds one slot per worker: its pid, its
 * call count and its last RING_LAST calls with their arguments and
 * results. A worker writes the call before it makes it, so the last entry
 * is the call it is in. On any failure the supervisor prints the slot.
 *
 * What a worker checks itself (and reports through its slot): every
 * result is a value or -errno with 1 <= errno <= 133 (a kernel-internal
 * code such as ERESTARTSYS or a kernel pointer returned to user space
 * fails), and no set*id call made it root.
 *
 * Arguments: integers from a table of edges (0, -1, 1, INT_MAX/MIN,
 * LONG_MAX/MIN, page size +-1, 2^31, 2^32, 2^47 ...), sizes, descriptors
 * (open, closed, -1, huge), and pointers: NULL, the kernel's direct map
 * (0xffff888000000000) and text (0xffffffff80000000), non-canonical
 * (0x8000000000000000), the top of user space, a buffer ending one byte
 * before an unmapped page, a PROT_NONE page, a read-only page, and valid
 * buffers with random contents, or structures (timespecs, sigactions,
 * iovecs, sembufs ...) with mostly sensible and sometimes edge values.
 * Memory-management calls work in a playground region at a fixed address
 * (PLAY), with lengths up to 2^46 and beyond, besides the edge pointers.
 *
 * Deterministic: every worker's sequence of calls follows from the seed
 * and its number (0, 1, 2 ... as they start; the results, and so the paths
 * taken, also depend on timing). Options (or the environment variables in
 * brackets):
 *
 *	--seed S	[SYSFUZZ_SEED]	the seed (printed at the start)
 *	--calls N	[SYSFUZZ_CALLS]	calls in all (make test: CALLS_TEST)
 *	--first N			start at worker number N
 *	--count K			run K workers only (replays one:
 *					--first N --count 1)
 *	--repeat K			run the case K times in a row
 *	--trace		[SYSFUZZ_TRACE]	every worker prints each call on stderr
 *					before making it (slow; to see the
 *					call that oopses the kernel)
 *	--deny a,b	[SYSFUZZ_DENY]	never make these calls (by name) or
 *					shapes ("hugemm": lengths >= 2^32 in
 *					mm calls, brk to edge values): for
 *					local runs that must get past a
 *					known bug; never used by make test
 *	--only a,b	[SYSFUZZ_ONLY]	make only these calls (to find which
 *					calls a leak or a crash needs; add
 *					"hugemm" to keep the huge lengths)
 *
 * Without options it runs the bounded cases of `make test` (two seeds,
 * CALLS_TEST calls each); with any, one long case (`make fuzz` runs it so
 * in keyhole), printing its progress. Besides the calls of kernel/
 * syscall.c (a harness check keeps the table complete) it makes a few
 * numbers no kernel implements (ENOSYS).
 *
 * Host safety (the same program runs as root on the host Linux in `make
 * test`). Workers run as uid/gid 65534 with no supplementary groups (so
 * without capabilities), in a process group of their own, with
 * RLIMIT_AS/NPROC/FSIZE/NOFILE/CORE/MEMLOCK/CPU set, with descriptors 0-2
 * on /dev/null and nothing else inherited, and the supervisor's IPC
 * namespace. Denied shapes, and why (each is destructive on the host even
 * for an unprivileged process, or could reach beyond the fuzzer's own):
 *
 *	kill/tkill/tgkill/fcntl(F_SETOWN) targets are only the worker, its
 *	group, its own unreaped children, 0, init, the supervisor and pids
 *	above pid_max: any other pid might be a host process of uid 65534.
 *	kill(-1, ...) likewise signals every process of that uid: keyhole only.
 *	A child's pid stops being a target once it may have been reaped
 *	(a wait4 returned it, or SIGCHLD's action was changed).
 *
 *	CLONE_NEWUSER (clone, unshare): a user namespace gives the child full
 *	capabilities inside it on the host. keyhole has no user namespaces.
 *
 *	Paths: calls that create, remove or change a file get paths in the
 *	scratch directory only (absolute, no ".."), or names relative to a
 *	descriptor of it; paths elsewhere ("/", "/proc/self/stat", "/dev/null"
 *	...) are opened read-only, never with O_CREAT/O_TRUNC, and never
 *	fchmod()ed. No terminal is ever opened (TIOCSTI would type into it).
 *
 *	reboot: made only when the process is not root (checked right before).
 *	sync: rare (it is slow on a busy host, not harmful).
 *	MAP_FIXED/munmap/mprotect/madvise/shmat: in the playground or at the
 *	edge addresses only, so that a worker rarely destroys itself.
 *
 * Memory: keyhole's freeram must come back exactly, after a warm-up run
 * (caches and id tables reach their size); on Linux within the 32 MiB of
 * utest.h (freed pages wait on per-CPU lists there).
 */
#include "utest.h"

#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <dirent.h>
#include <time.h>

#define FUZZ_UID        65534
#define FUZZ_GID        65534
#define NWORKERS        4
#define RING_LAST       16
#define CALLS_TEST      20000           /* per case in make test */
#define PAGE            4096UL
#define ARENA           0x100000000000UL        /* 2^44: the worker's buffers */
#define BUF_PAGES       8               /* rw; page 0 holds structures */
#define BUF_END         (ARENA + BUF_PAGES * PAGE)      /* unmapped page after */
#define PROT_NONE_PAGE  (ARENA + 9 * PAGE)
#define RDONLY_PAGE     (ARENA + 10 * PAGE)
#define PLAY            (ARENA + 16 * PAGE)     /* mm calls play here */
#define PLAY_PAGES      256
#define STALL_SEC       1.0
#define UNKILLABLE_SEC  10.0
#define GRANDCHILD_LIFE 3               /* seconds; then SIGALRM kills it */
#define TRACE_FD        200
#define FD_TRACK        1024
#define MAXKIDS         32
#define MAX_ERRNO       133             /* EHWPOISON, Linux's last */

#ifndef __WALL
#define __WALL          0x40000000
#endif
#define CLONE_NEWUSER_  0x10000000L
#define CLONE_PARENT_   0x00008000L
#define CLONE_PIDFD_    0x00001000L

/* ---- raw system calls: no errno, no libc wrapper differences ---- */

static inline long raw6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}
#define raw0(n) raw6(n, 0, 0, 0, 0, 0, 0)
#define raw1(n, a) raw6(n, (long)(a), 0, 0, 0, 0, 0)
#define raw2(n, a, b) raw6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define raw3(n, a, b, c) raw6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define raw4(n, a, b, c, d) raw6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

/*
 * fz_clone_exit(nr, a1..a5): a fork-like call whose child exits at once,
 * touching neither memory nor the stack (it may share them with us: vfork,
 * CLONE_VM). fz_sigreturn(frame): rt_sigreturn with the stack at frame;
 * if the kernel refuses it, exit. fz_landing: where a forged frame
 * returns to: exit(0). fz_set_fs(opt, addr, saved): arch_prctl(opt, addr)
 * and at once arch_prctl(ARCH_SET_FS, saved), so that no C code runs with
 * a foreign %fs (the stack protector reads %fs:0x28). fz_restorer:
 * sa_restorer for our own handlers.
 */
__asm__(".text\n"
	".globl fz_clone_exit\n"
	"fz_clone_exit:\n"
	"	mov %rdi, %rax\n"
	"	mov %rsi, %rdi\n"
	"	mov %rdx, %rsi\n"
	"	mov %rcx, %rdx\n"
	"	mov %r8, %r10\n"
	"	mov %r9, %r8\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 1f\n"
	"	mov $60, %eax\n"
	"	xor %edi, %edi\n"
	"	syscall\n"
	"	ud2\n"
	"1:	ret\n"
	".globl fz_sigreturn\n"
	"fz_sigreturn:\n"
	"	mov %rdi, %rsp\n"
	"	mov $15, %eax\n"
	"	syscall\n"
	".globl fz_landing\n"
	"fz_landing:\n"
	"	mov $60, %eax\n"
	"	xor %edi, %edi\n"
	"	syscall\n"
	"	ud2\n"
	".globl fz_set_fs\n"
	"fz_set_fs:\n"
	"	mov %rdx, %r8\n"
	"	mov $158, %eax\n"
	"	syscall\n"
	"	mov %rax, %r9\n"
	"	mov $0x1002, %edi\n"
	"	mov %r8, %rsi\n"
	"	mov $158, %eax\n"
	"	syscall\n"
	"	mov %r9, %rax\n"
	"	ret\n"
	".globl fz_restorer\n"
	"fz_restorer:\n"
	"	mov $15, %eax\n"
	"	syscall\n"
	"	ud2\n");
long fz_clone_exit(long nr, long a1, long a2, long a3, long a4, long a5);
__attribute__((noreturn)) void fz_sigreturn(void *frame);
void fz_landing(void);
long fz_set_fs(long option, long addr, long saved_fs);
void fz_restorer(void);

/* The kernel's struct sigaction on x86_64. */
struct k_sigaction {
	unsigned long handler, flags, restorer, mask;
};
#define SA_RESTORER_    0x04000000UL

/* ---- the ring, in shared memory ---- */

struct fz_rec {
	long nr, a[6], ret;
};

struct fz_slot {
	volatile int pid;
	volatile int bad;               /* a worker-detected failure: msg says what */
	volatile unsigned long ncalls;
	volatile unsigned long head;
	volatile unsigned long num;     /* the worker's number */
	volatile uint64_t seed;
	volatile int execs;             /* execve()s of itself so far */
	char msg[200];
	struct fz_rec last[RING_LAST];
};

/* ---- configuration ---- */

struct fz_cfg {
	uint64_t seed;
	long calls;
	long first, count;              /* workers first.., count of them (0: no limit) */
	bool long_run;                  /* make fuzz: progress lines */
};

static bool trace;
static char deny[512];                  /* ",name,name," */
static char only[512];                  /* ",name,name," or "" for all */

static bool denied(const char *name)
{
	char key[64];

	snprintf(key, sizeof(key), ",%s,", name);
	return strstr(deny, key) != NULL || (only[0] && !strstr(only, key));
}

/* ---- random numbers ---- */

static uint64_t rng;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return (x ^ (x >> 31)) | 1;
}

#define PICK(arr) ((arr)[rnd() % (sizeof(arr) / sizeof((arr)[0]))])

/* ---- worker state ---- */

static struct fz_slot *ring, *slot;
static int ring_id, slot_idx;
static char scratch[64], self_path[512];
static bool on_keyhole;
static pid_t supervisor_pid;
static long saved_fs;

enum { FD_NONE = -1, FD_OUT = 0, FD_SCR = 1, FD_DIR = 2 };
static signed char fd_label[FD_TRACK];  /* what each descriptor number holds */
static int scratch_dirfd = -1;

static pid_t kids[MAXKIDS];             /* unreaped children: safe kill targets */
static int nkids;
static bool kids_unsafe;                /* SIGCHLD's action changed: may be reaped */
static long ipc_ids[16];
static unsigned long shm_addrs[8];
static bool arena_dirty;
static unsigned long cur_brk;

static const long edge_ints[] = {
	0, 1, -1, 2, 3, 7, 8, 16, 31, 32, 63, 64, 255, 256, 1023, 1024, 4095, 4096, 4097,
	65535, 65536, INT_MAX, INT_MIN, (long)UINT_MAX, LONG_MAX, LONG_MIN, 1L << 31, 1L << 32,
	(1L << 32) + 1, 1L << 46, 1L << 47, (1L << 47) - 4096, -4096, -4095, -2, 0x7fffffffffffL,
};

static long gen_int(void)
{
	switch (rnd() % 4) {
	case 0:
	case 1: return PICK(edge_ints);
	case 2: return (long)(rnd() % 64);
	default: return rnd() % 2 ? (long)rnd() : (long)(int)rnd();
	}
}

static long gen_size(void)
{
	static const long sizes[] = { 0, 1, 2, 7, 8, 16, 64, 511, 512, 4095, 4096, 4097, 8191,
				      8192, 16384, 65536, 1L << 20, INT_MAX, (long)UINT_MAX,
				      LONG_MAX, -1, 1L << 46 };
	switch (rnd() % 4) {
	case 0: return PICK(sizes);
	case 1: return (long)(rnd() % 64);
	default: return (long)(rnd() % (BUF_PAGES * PAGE));
	}
}

static long gen_offset(void)
{
	static const long offs[] = { 0, 1, -1, 4095, 4096, 1L << 20, (1L << 20) - 1, INT_MAX,
				     LONG_MAX, LONG_MIN, 1L << 40 };
	return rnd() % 2 ? PICK(offs) : (long)(rnd() % 8192);
}

/* A pointer that is not a plain valid buffer. */
static long edge_ptr(void)
{
	switch (rnd() % 11) {
	case 0: return 0;
	case 1: return (long)0xffff888000000000UL;             /* the direct map */
	case 2: return (long)0xffffffff80000000UL;             /* kernel text */
	case 3: return (long)0x8000000000000000UL;             /* non-canonical */
	case 4: return (long)(0x7ffffffff000UL - 8 + rnd() % 16); /* TASK_SIZE */
	case 5: return (long)(BUF_END - 1 - rnd() % 16);       /* into the hole */
	case 6: return (long)(PROT_NONE_PAGE + rnd() % 64);
	case 7: return (long)(RDONLY_PAGE + rnd() % 64);
	case 8: return (long)(rnd() % 4096);
	case 9: return (long)(0x0000800000000000UL - rnd() % 64);
	default: return (long)rnd();
	}
}

/* A buffer the kernel reads (random contents) or writes. */
static long gen_buf(bool in)
{
	if (rnd() % 8 < 5) {
		unsigned long off = PAGE + rnd() % ((BUF_PAGES - 1) * PAGE - 256);
		unsigned char *p = (unsigned char *)(ARENA + off);

		if (in)
			for (int i = 0; i < 64; i++)
				p[i] = (unsigned char)rnd();
		return (long)p;
	}
	return edge_ptr();
}

/* Structure slot k (0..7) of the arena's first page, 512 bytes each. */
static void *st(int k)
{
	return (void *)(ARENA + (unsigned long)k * 512);
}

/* ---- paths ---- */

static const char *const names[] = { "f0", "f1", "f2", "d0", "d0/f3", "d0/d1", "d1", "nonexist/x" };
static const char *const outside[] = { "/", "/proc/self/stat", "/dev/null", "/dev/zero", "/bin",
				       "/nonexistent", "/proc", "/proc/sysvipc/shm", "",
				       "/proc/self/maps", "/proc/1/cmdline", "/proc/self/status",
				       "/proc/meminfo", "/proc/stat", "/proc/sys/kernel/hostname",
				       "/dev/kmsg", "/proc/self/fd/0", "/proc/self/exe",
				       "/proc/self/cwd", "/proc/self/fd" };

/* Write a path string into slot k; return it. */
static long put_path(int k, const char *fmt, const char *a, const char *b)
{
	char *p = st(k);

	snprintf(p, 512, fmt, a, b);
	return (long)p;
}

/* A path for a call that creates, removes or changes: in scratch only. */
static long gen_wpath(int k)
{
	switch (rnd() % 10) {
	case 0: return edge_ptr();
	case 1: {       /* a name longer than NAME_MAX, or a path longer than PATH_MAX */
		char *p = (char *)(ARENA + PAGE);
		size_t len = rnd() % 2 ? 300 : 5000, n = strlen(scratch);

		if (len + n + 2 > (BUF_PAGES - 1) * PAGE)
			len = 300;
		memcpy(p, scratch, n);
		p[n] = '/';
		memset(p + n + 1, 'x', len);
		p[n + 1 + len] = '\0';
		return (long)p;
	}
	case 2: {       /* running into the unmapped page: no NUL */
		size_t n = strlen(scratch);
		char *p = (char *)(BUF_END - n - 1 - rnd() % 3);

		memcpy(p, scratch, n);
		memset(p + n, 'y', (size_t)((char *)BUF_END - (p + n)));
		return (long)p;
	}
	case 3: return put_path(k, "%s%s", scratch, "");
	default: return put_path(k, "%s/%s", scratch, PICK(names));
	}
}

/* Whether the path a call got is in scratch (or not a path we made). */
static bool path_is_outside(long p)
{
	if ((unsigned long)p < ARENA || (unsigned long)p >= BUF_END)
		return false;   /* an edge pointer: nothing to open */
	return strncmp((const char *)p, scratch, strlen(scratch)) != 0;
}

/* A path for a call that only looks: scratch or outside. */
static long gen_path(int k)
{
	if (rnd() % 3 == 0)
		return put_path(k, "%s%s", PICK(outside), "");
	return gen_wpath(k);
}

/* ---- descriptors ---- */

static void fd_set_label(long fd, int label)
{
	if (fd >= 0 && fd < FD_TRACK)
		fd_label[fd] = (signed char)label;
}

static int pick_open_fd(bool scratch_only)
{
	int n = 0, pick;

	for (int fd = 0; fd < FD_TRACK; fd++)
		if (fd_label[fd] != FD_NONE && (!scratch_only || fd_label[fd] >= FD_SCR))
			n++;
	if (n == 0)
		return -1;
	pick = (int)(rnd() % (unsigned)n);
	for (int fd = 0; fd < FD_TRACK; fd++)
		if (fd_label[fd] != FD_NONE && (!scratch_only || fd_label[fd] >= FD_SCR) && pick-- == 0)
			return fd;
	return -1;
}

static long bad_fd(void)
{
	static const long bad[] = { -1, -100, INT_MAX, INT_MIN, 1024, 65536, 1L << 32, 4095, 999 };

	if (rnd() % 2) {        /* a small number that is not open now */
		for (int tries = 0; tries < 8; tries++) {
			int fd = 3 + (int)(rnd() % 60);
			if (fd_label[fd] == FD_NONE)
				return fd;
		}
	}
	return PICK(bad);
}

static long gen_fd(bool scratch_only)
{
	if (rnd() % 5 != 0) {
		int fd = pick_open_fd(scratch_only);
		if (fd >= 0)
			return fd;
	}
	return bad_fd();
}

/* ---- pids: only targets that cannot be another process on the host ---- */

static long gen_pid(bool signal_target)
{
	switch (rnd() % 10) {
	case 0: return 0;
	case 1: return raw0(39);                        /* ourselves */
	case 2: return 1;                               /* init: EPERM */
	case 3: return supervisor_pid;                  /* root: EPERM */
	case 4: return -raw0(111);                      /* our process group */
	case 5: return PICK(((const long[]){ INT_MAX, INT_MIN, -INT_MAX, 4194305, 1L << 32 }));
	case 6: if (!signal_target || on_keyhole) return -1;
		/* fall through */
	default:
		if (nkids && !kids_unsafe)
			return kids[rnd() % (unsigned)nkids];
		return raw0(39);
	}
}

static void forget_kid(long pid)
{
	for (int i = 0; i < nkids; i++)
		if (kids[i] == pid) {
			kids[i] = kids[--nkids];
			return;
		}
}

static void remember_kid(long pid)
{
	if (pid > 0 && nkids < MAXKIDS)
		kids[nkids++] = (pid_t)pid;
}

/* ---- structures ---- */

static long gen_timespec(int k)
{
	if (rnd() % 5 == 0)
		return edge_ptr();
	long *ts = st(k);
	switch (rnd() % 6) {
	case 0: ts[0] = 0; ts[1] = (long)(rnd() % 2000000); break;
	case 1: ts[0] = PICK(edge_ints); ts[1] = PICK(edge_ints); break;
	case 2: ts[0] = 0; ts[1] = 999999999 + (long)(rnd() % 3); break;
	case 3: ts[0] = -1; ts[1] = 0; break;
	case 4: ts[0] = LONG_MAX; ts[1] = 999999999; break;
	default: ts[0] = 0; ts[1] = (long)(rnd() % 100000); break;
	}
	return (long)ts;
}

static long gen_itimerval(int k)
{
	if (rnd() % 5 == 0)
		return edge_ptr();
	long *v = st(k);
	for (int i = 0; i < 4; i++)
		v[i] = rnd() % 3 ? (long)(rnd() % 20000) : PICK(edge_ints);
	if (rnd() % 2)
		v[0] = v[1] = 0;        /* one shot */
	return (long)v;
}

static long gen_sigset(int k)
{
	if (rnd() % 5 == 0)
		return edge_ptr();
	unsigned long *s = st(k);
	*s = rnd() % 3 ? rnd() : PICK(((const unsigned long[]){ 0, ~0UL, 1UL << 13 }));
	if (rnd() % 10)
		*s &= ~(1UL << (SIGALRM - 1));  /* mostly keep our alarm coming */
	return (long)s;
}

static void noop_handler(int sig)
{
	(void)sig;
}

static long gen_sigaction(int k)
{
	if (rnd() % 5 == 0)
		return edge_ptr();
	struct k_sigaction *sa = st(k);
	static const unsigned long handlers[] = { 0, 1, 0x1234, 0x8000000000000000UL };
	sa->handler = rnd() % 2 ? (unsigned long)noop_handler : PICK(handlers);
	sa->flags = rnd() % 4 ? SA_RESTORER_ | (rnd() % 2 ? SA_RESTART : 0) |
				(rnd() % 4 ? 0 : SA_SIGINFO) | (rnd() % 4 ? 0 : SA_NODEFER) |
				(rnd() % 4 ? 0 : SA_RESETHAND) | (rnd() % 8 ? 0 : SA_ONSTACK)
			      : rnd();
	sa->restorer = rnd() % 8 ? (unsigned long)fz_restorer : (unsigned long)edge_ptr();
	sa->mask = rnd();
	return (long)sa;
}

static long gen_iovec(int k, long *cnt)
{
	long *iov = st(k);
	int n = 1 + (int)(rnd() % 6);

	for (int i = 0; i < n; i++) {
		iov[2 * i] = gen_buf(true);
		iov[2 * i + 1] = rnd() % 4 ? (long)(rnd() % 2048) : gen_size();
	}
	*cnt = rnd() % 5 ? n : PICK(((const long[]){ 0, -1, 1024, 1025, INT_MAX, 31 }));
	return rnd() % 6 ? (long)iov : edge_ptr();
}

static long gen_rlimit(int k)
{
	if (rnd() % 4 == 0)
		return edge_ptr();
	unsigned long *r = st(k);
	r[0] = rnd() % 2 ? (unsigned long)PICK(edge_ints) : ~0UL;
	r[1] = rnd() % 2 ? (unsigned long)PICK(edge_ints) : ~0UL;
	return (long)r;
}

static long gen_sembuf(int k, long *nsops)
{
	struct sembuf *s = st(k);
	int n = 1 + (int)(rnd() % 6);

	for (int i = 0; i < n; i++) {
		s[i].sem_num = (unsigned short)(rnd() % 6);
		s[i].sem_op = (short)(rnd() % 4 ? (int)(rnd() % 7) - 3 : (int)rnd());
		s[i].sem_flg = (short)((rnd() % 2 ? IPC_NOWAIT : 0) | (rnd() % 2 ? SEM_UNDO : 0));
	}
	*nsops = rnd() % 5 ? n : PICK(((const long[]){ 0, -1, 500, 501, INT_MAX }));
	return rnd() % 6 ? (long)s : edge_ptr();
}

static long gen_ipc_id(void)
{
	return rnd() % 2 ? ipc_ids[rnd() % 16] : gen_int();
}

static long gen_ipc_flags(void)
{
	long f = 0;

	if (rnd() % 3 == 0)
		f |= IPC_CREAT;
	if (rnd() % 8 == 0)
		f |= IPC_EXCL;
	f |= rnd() % 2 ? 0600 : (long)(rnd() % 01000);
	if (rnd() % 4 == 0)
		f |= IPC_NOWAIT | (rnd() % 2 ? MSG_NOERROR : 0) | (rnd() % 3 ? 0 : 020000 /*EXCEPT*/);
	if (rnd() % 10 == 0)
		f = (long)(int)rnd();
	return f;
}

static long gen_ipc_key(void)
{
	return rnd() % 3 ? IPC_PRIVATE : (long)(rnd() % 8 + 1);
}

/* ---- memory-management arguments ---- */

static long gen_mm_addr(void)
{
	switch (rnd() % 8) {
	case 0: return edge_ptr() & ~4095L;
	case 1: return edge_ptr();
	case 2: return (long)(ARENA + (rnd() % 16) * PAGE);
	default: return (long)(PLAY + (rnd() % PLAY_PAGES) * PAGE);
	}
}

static long gen_mm_len(void)
{
	static const long huge[] = { 1L << 32, 1L << 40, 1L << 46, (1L << 47) - (long)PLAY, LONG_MAX,
				     -4096, (long)UINT_MAX + 1 };

	switch (rnd() % 10) {
	case 0:
		if (!denied("hugemm"))
			return PICK(huge);
		/* fall through */
	case 1: return PICK(((const long[]){ 0, 1, 4095, 4097, -1 }));
	default: return (long)((1 + rnd() % 32) * PAGE);
	}
}

/* ---- the call table: every system call keyhole implements ---- */

enum kind {
	N_, I_, FD, FDS, DFD, BI, BO, SZ, OFF, PTH, WPT, RPT, OFL, MOD, SIG, PID, KPID,
	ADR, LEN, PRT, MFL, MAD, IID, KEY, IFL, CMD, SOP, TSP, ITV, WHI, SST, SSZ,
	SAC, HOW, IOV, ICM, FCM, UID, CLK, RES, RLM, WOP, SEC, SHA, SPC, MRF, MSF,
};

struct fz_call {
	int nr;
	const char *name;
	unsigned char kind[6];
	unsigned char weight;
};

#define K(...) { __VA_ARGS__ }
static const struct fz_call calls[] = {
	{ 0, "read", K(FD, BO, SZ), 10 },
	{ 1, "write", K(FD, BI, SZ), 10 },
	{ 2, "open", K(PTH, OFL, MOD), 10 },
	{ 3, "close", K(FD), 10 },
	{ 4, "stat", K(PTH, BO), 10 },
	{ 5, "fstat", K(FD, BO), 10 },
	{ 6, "lstat", K(PTH, BO), 10 },
	{ 7, "poll", K(SPC), 10 },
	{ 8, "lseek", K(FD, OFF, WHI), 10 },
	{ 9, "mmap", K(ADR, LEN, PRT, MFL, FD, OFF), 10 },
	{ 10, "mprotect", K(ADR, LEN, PRT), 10 },
	{ 11, "munmap", K(ADR, LEN), 10 },
	{ 12, "brk", K(SPC), 10 },
	{ 13, "rt_sigaction", K(SIG, SAC, BO, SSZ), 10 },
	{ 14, "rt_sigprocmask", K(HOW, SST, BO, SSZ), 10 },
	{ 15, "rt_sigreturn", K(SPC), 1 },
	{ 16, "ioctl", K(FDS, ICM, I_), 10 },
	{ 17, "pread64", K(FD, BO, SZ, OFF), 10 },
	{ 18, "pwrite64", K(FD, BI, SZ, OFF), 10 },
	{ 19, "readv", K(FD, IOV), 10 },
	{ 20, "writev", K(FD, IOV), 10 },
	{ 21, "access", K(PTH, I_), 10 },
	{ 22, "pipe", K(BO), 10 },
	{ 23, "select", K(I_, BI, BI, BI, BO), 5 },
	{ 24, "sched_yield", K(N_), 5 },
	{ 25, "mremap", K(ADR, LEN, LEN, MRF, ADR), 10 },
	{ 26, "msync", K(ADR, LEN, MSF), 10 },
	{ 27, "mincore", K(ADR, LEN, BO), 10 },
	{ 28, "madvise", K(ADR, LEN, MAD), 10 },
	{ 29, "shmget", K(KEY, SZ, IFL), 10 },
	{ 30, "shmat", K(IID, SHA, IFL), 10 },
	{ 31, "shmctl", K(IID, CMD, BO), 10 },
	{ 32, "dup", K(FD), 10 },
	{ 33, "dup2", K(FD, FD), 10 },
	{ 34, "pause", K(N_), 3 },
	{ 35, "nanosleep", K(TSP, BO), 10 },
	{ 36, "getitimer", K(WHI, BO), 10 },
	{ 37, "alarm", K(SEC), 10 },
	{ 38, "setitimer", K(WHI, ITV, BO), 10 },
	{ 39, "getpid", K(N_), 5 },
	{ 40, "sendfile", K(SPC), 10 },
	{ 56, "clone", K(SPC), 6 },
	{ 57, "fork", K(SPC), 6 },
	{ 58, "vfork", K(SPC), 4 },
	{ 59, "execve", K(SPC), 4 },
	{ 60, "exit", K(SPC), 1 },
	{ 61, "wait4", K(KPID, BO, WOP, BO), 10 },
	{ 62, "kill", K(KPID, SIG), 10 },
	{ 63, "uname", K(BO), 5 },
	{ 64, "semget", K(KEY, I_, IFL), 10 },
	{ 65, "semop", K(IID, SOP), 10 },
	{ 66, "semctl", K(IID, I_, CMD, I_), 10 },
	{ 67, "shmdt", K(SHA), 10 },
	{ 68, "msgget", K(KEY, IFL), 10 },
	{ 69, "msgsnd", K(IID, BI, SZ, IFL), 10 },
	{ 70, "msgrcv", K(IID, BO, SZ, I_, IFL), 10 },
	{ 71, "msgctl", K(IID, CMD, BO), 10 },
	{ 72, "fcntl", K(FD, FCM, I_), 10 },
	{ 73, "flock", K(SPC), 10 },
	{ 74, "fsync", K(FDS), 5 },
	{ 75, "fdatasync", K(FDS), 5 },
	{ 76, "truncate", K(WPT, OFF), 10 },
	{ 77, "ftruncate", K(FDS, OFF), 10 },
	{ 79, "getcwd", K(BO, SZ), 5 },
	{ 80, "chdir", K(PTH), 10 },
	{ 81, "fchdir", K(FD), 10 },
	{ 82, "rename", K(WPT, WPT), 10 },
	{ 83, "mkdir", K(WPT, MOD), 10 },
	{ 84, "rmdir", K(WPT), 10 },
	{ 85, "creat", K(WPT, MOD), 10 },
	{ 86, "link", K(WPT, WPT), 10 },
	{ 87, "unlink", K(WPT), 10 },
	{ 88, "symlink", K(SPC), 10 },
	{ 89, "readlink", K(PTH, BO, SZ), 10 },
	{ 90, "chmod", K(WPT, MOD), 10 },
	{ 91, "fchmod", K(FDS, MOD), 10 },
	{ 92, "chown", K(WPT, UID, UID), 10 },
	{ 93, "fchown", K(FDS, UID, UID), 10 },
	{ 94, "lchown", K(WPT, UID, UID), 10 },
	{ 95, "umask", K(MOD), 5 },
	{ 96, "gettimeofday", K(BO, BO), 5 },
	{ 97, "getrlimit", K(RES, BO), 5 },
	{ 98, "getrusage", K(I_, BO), 5 },
	{ 99, "sysinfo", K(BO), 5 },
	{ 100, "times", K(BO), 5 },
	{ 103, "syslog", K(I_, BO, I_), 5 },
	{ 102, "getuid", K(N_), 3 },
	{ 104, "getgid", K(N_), 3 },
	{ 105, "setuid", K(UID), 5 },
	{ 106, "setgid", K(UID), 5 },
	{ 107, "geteuid", K(N_), 3 },
	{ 108, "getegid", K(N_), 3 },
	{ 109, "setpgid", K(KPID, KPID), 5 },
	{ 110, "getppid", K(N_), 3 },
	{ 111, "getpgrp", K(N_), 3 },
	{ 112, "setsid", K(N_), 5 },
	{ 113, "setreuid", K(UID, UID), 5 },
	{ 114, "setregid", K(UID, UID), 5 },
	{ 115, "getgroups", K(I_, BO), 5 },
	{ 116, "setgroups", K(I_, BI), 5 },
	{ 117, "setresuid", K(UID, UID, UID), 5 },
	{ 118, "getresuid", K(BO, BO, BO), 5 },
	{ 119, "setresgid", K(UID, UID, UID), 5 },
	{ 120, "getresgid", K(BO, BO, BO), 5 },
	{ 121, "getpgid", K(KPID), 5 },
	{ 124, "getsid", K(KPID), 5 },
	{ 127, "rt_sigpending", K(BO, SSZ), 5 },
	{ 130, "rt_sigsuspend", K(SST, SSZ), 3 },
	{ 131, "sigaltstack", K(BI, BO), 5 },
	{ 132, "utime", K(WPT, BI), 10 },
	{ 133, "mknod", K(SPC), 10 },
	{ 135, "personality", K(SPC), 3 },
	{ 137, "statfs", K(PTH, BO), 10 },
	{ 138, "fstatfs", K(FDS, BO), 10 },
	{ 157, "prctl", K(SPC), 5 },
	{ 158, "arch_prctl", K(SPC), 5 },
	{ 160, "setrlimit", K(RES, RLM), 5 },
	{ 162, "sync", K(N_), 1 },
	{ 165, "mount", K(SPC), 3 },
	{ 166, "umount2", K(SPC), 3 },
	{ 169, "reboot", K(SPC), 3 },
	{ 170, "sethostname", K(BI, I_), 3 },
	{ 171, "setdomainname", K(BI, I_), 3 },
	{ 186, "gettid", K(N_), 3 },
	{ 188, "setxattr", K(WPT, BI, BI, SZ, I_), 10 },
	{ 189, "lsetxattr", K(WPT, BI, BI, SZ, I_), 10 },
	{ 190, "fsetxattr", K(FDS, BI, BI, SZ, I_), 10 },
	{ 191, "getxattr", K(PTH, BI, BO, SZ), 10 },
	{ 192, "lgetxattr", K(PTH, BI, BO, SZ), 10 },
	{ 193, "fgetxattr", K(FD, BI, BO, SZ), 10 },
	{ 194, "listxattr", K(PTH, BO, SZ), 10 },
	{ 195, "llistxattr", K(PTH, BO, SZ), 10 },
	{ 196, "flistxattr", K(FD, BO, SZ), 10 },
	{ 197, "removexattr", K(WPT, BI), 10 },
	{ 198, "lremovexattr", K(WPT, BI), 10 },
	{ 199, "fremovexattr", K(FDS, BI), 10 },
	{ 200, "tkill", K(KPID, SIG), 10 },
	{ 201, "time", K(BO), 5 },
	{ 204, "sched_getaffinity", K(KPID, I_, BO), 5 },
	{ 217, "getdents64", K(FD, BO, SZ), 10 },
	{ 218, "set_tid_address", K(BO), 5 },
	{ 220, "semtimedop", K(IID, SOP, TSP), 10 },
	{ 221, "fadvise64", K(FDS, OFF, LEN, I_), 5 },
	{ 228, "clock_gettime", K(CLK, BO), 5 },
	{ 230, "clock_nanosleep", K(CLK, I_, TSP, BO), 10 },
	{ 231, "exit_group", K(SPC), 1 },
	{ 234, "tgkill", K(KPID, KPID, SIG), 10 },
	{ 235, "utimes", K(WPT, BI), 10 },
	{ 247, "waitid", K(WHI, KPID, BO, WOP, BO), 10 },
	{ 257, "openat", K(DFD, RPT, OFL, MOD), 10 },
	{ 258, "mkdirat", K(DFD, RPT, MOD), 10 },
	{ 259, "mknodat", K(SPC), 10 },
	{ 260, "fchownat", K(DFD, RPT, UID, UID, I_), 10 },
	{ 261, "futimesat", K(DFD, RPT, BI), 10 },
	{ 262, "newfstatat", K(DFD, RPT, BO, I_), 10 },
	{ 263, "unlinkat", K(DFD, RPT, I_), 10 },
	{ 264, "renameat", K(DFD, RPT, DFD, RPT), 10 },
	{ 265, "linkat", K(DFD, RPT, DFD, RPT, I_), 10 },
	{ 266, "symlinkat", K(SPC), 10 },
	{ 267, "readlinkat", K(DFD, RPT, BO, SZ), 10 },
	{ 268, "fchmodat", K(DFD, RPT, MOD), 10 },
	{ 269, "faccessat", K(DFD, RPT, I_), 10 },
	{ 270, "pselect6", K(I_, BI, BI, BI, TSP, BI), 5 },
	{ 271, "ppoll", K(BI, SZ, TSP, SST, SSZ), 5 },
	{ 272, "unshare", K(SPC), 5 },
	{ 273, "set_robust_list", K(BI, SZ), 5 },
	{ 280, "utimensat", K(DFD, RPT, BI, I_), 10 },
	{ 292, "dup3", K(FD, FD, I_), 10 },
	{ 293, "pipe2", K(BO, I_), 10 },
	{ 302, "prlimit64", K(KPID, RES, RLM, BO), 10 },
	{ 309, "getcpu", K(BO, BO, BO), 5 },
	{ 316, "renameat2", K(DFD, RPT, DFD, RPT, I_), 10 },
	{ 318, "getrandom", K(BO, SZ, I_), 10 },
	{ 326, "copy_file_range", K(SPC), 10 },
	{ 332, "statx", K(DFD, RPT, I_, I_, BO), 10 },
	{ 334, "rseq", K(SPC), 3 },
	{ 439, "faccessat2", K(DFD, RPT, I_, I_), 10 },
	{ -1, "nosys", K(SPC), 2 },     /* numbers nobody implements: ENOSYS */
};
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

static const char *call_name(long nr)
{
	for (size_t i = 0; i < NCALLS; i++)
		if (calls[i].nr == nr)
			return calls[i].name;
	return "nosys";
}

/* Fill a[i] for one argument kind; k is its structure slot. */
static long gen_kind(int kind, int k, const long *a, int i)
{
	long cnt;

	switch (kind) {
	case I_: return gen_int();
	case FD: return gen_fd(false);
	case FDS: return gen_fd(true);
	case DFD:
		switch (rnd() % 4) {
		case 0: return AT_FDCWD;
		case 1: return bad_fd();
		default: return scratch_dirfd;
		}
	case BI: return gen_buf(true);
	case BO: return gen_buf(false);
	case SZ: return gen_size();
	case OFF: return gen_offset();
	case PTH: return gen_path(k);
	case WPT: return gen_wpath(k);
	case RPT:
		/* relative only to our scratch directory (or to no descriptor) */
		if (a[0] == AT_FDCWD || rnd() % 8 == 0)
			return gen_wpath(k);
		if (rnd() % 8 == 0)
			return edge_ptr();
		return put_path(k, "%s%s", PICK(names), "");
	case OFL: {
		long f = PICK(((const long[]){ O_RDONLY, O_WRONLY, O_RDWR, 3 }));
		if (rnd() % 2) f |= O_CREAT;
		if (rnd() % 5 == 0) f |= O_EXCL;
		if (rnd() % 5 == 0) f |= O_TRUNC;
		if (rnd() % 5 == 0) f |= O_APPEND;
		if (rnd() % 5 == 0) f |= O_NONBLOCK;
		if (rnd() % 5 == 0) f |= O_DIRECTORY;
		if (rnd() % 5 == 0) f |= O_CLOEXEC;
		if (rnd() % 20 == 0) f = (long)(int)rnd();
		return f;
	}
	case MOD: return rnd() % 4 ? (long)(rnd() % 010000) : gen_int();
	case SIG:
		return rnd() % 6 ? (long)PICK(((const int[]){ 0, SIGKILL, SIGSTOP, SIGCONT, SIGALRM,
							      SIGUSR1, SIGSEGV, SIGCHLD, SIGTERM,
							      SIGHUP, SIGPIPE, 32, 33, 64, 65 }))
				 : gen_int();
	case PID: return gen_pid(false);
	case KPID: return gen_pid(true);
	case ADR: return gen_mm_addr();
	case LEN: return gen_mm_len();
	case PRT: return rnd() % 6 ? (long)(rnd() % 8) : gen_int();
	case MFL: {
		long f = rnd() % 4 ? MAP_PRIVATE : MAP_SHARED;
		if (rnd() % 4) f |= MAP_ANONYMOUS;
		if (rnd() % 2) f |= MAP_FIXED;
		if (rnd() % 10 == 0) f |= MAP_SHARED | MAP_PRIVATE;
		if (rnd() % 10 == 0) f = (long)(int)rnd() & ~(long)(MAP_POPULATE | MAP_LOCKED);
		return f;
	}
	case MAD: return rnd() % 4 ? (long)(rnd() % 25) : gen_int();
	case MRF: return rnd() % 6 ? (long)(rnd() % 8) : gen_int();    /* MREMAP_* */
	case MSF: return rnd() % 6 ? (long)(rnd() % 8) : gen_int();    /* MS_* */
	case IID: return gen_ipc_id();
	case KEY: return gen_ipc_key();
	case IFL: return gen_ipc_flags();
	case CMD: return rnd() % 5 ? (long)(rnd() % 24) : gen_int();
	case SOP: return gen_sembuf(k, &cnt);
	case TSP: return gen_timespec(k);
	case ITV: return gen_itimerval(k);
	case WHI: return rnd() % 5 ? (long)(rnd() % 4) : gen_int();
	case SST: return gen_sigset(k);
	case SSZ: return rnd() % 6 ? 8 : gen_int();
	case SAC: return gen_sigaction(k);
	case HOW: return rnd() % 6 ? (long)(rnd() % 3) : gen_int();
	case IOV: return gen_iovec(k, &cnt);
	case ICM:
		return rnd() % 6 ? (long)PICK(((const int[]){ 0x5401, 0x5402, 0x5403, 0x5404,
							      0x540e, 0x540f, 0x5410, 0x5413,
							      0x5414, 0x541b, 0x5421, 0x5422,
							      0x5450, 0x5451, 0x5452 }))
				 : (long)(unsigned)rnd();
	case FCM:
		return rnd() % 6 ? (long)PICK(((const int[]){ 0, 1, 2, 3, 4, 5, 6, 7, 9, 11,
							      1030, 1031, 1032 }))
				 : gen_int();
	case UID: return PICK(((const long[]){ 0, 65534, 65534, 1000, -1, 65533, 1L << 32 }));
	case CLK: return rnd() % 5 ? (long)(rnd() % 12) : gen_int();
	case RES: return rnd() % 5 ? (long)(rnd() % 17) : gen_int();
	case RLM: return gen_rlimit(k);
	case WOP: return PICK(((const long[]){ WNOHANG, WNOHANG, WNOHANG | __WALL, 0, __WALL,
					       WUNTRACED | WNOHANG, -1, 0x1000000,
					       WEXITED | WSTOPPED | WCONTINUED | WNOHANG,
					       WNOWAIT | WEXITED | WNOHANG }));
	case SEC: return PICK(((const long[]){ 0, 0, 1, 2, 100, INT_MAX, UINT_MAX, -1 }));
	case SHA:
		if (rnd() % 3 == 0 && shm_addrs[rnd() % 8])
			return (long)shm_addrs[rnd() % 8];
		return rnd() % 2 ? 0 : gen_mm_addr();
	default: (void)i; return 0;
	}
}

/* ---- the worker ---- */

static void fail_slot(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail_slot(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(slot->msg, sizeof(slot->msg), fmt, ap);
	va_end(ap);
	slot->bad = 1;
}

static struct fz_rec *record(long nr, const long *a)
{
	struct fz_rec *r = &slot->last[slot->head % RING_LAST];

	r->nr = nr;
	for (int i = 0; i < 6; i++)
		r->a[i] = a[i];
	r->ret = -4096 - 1;     /* "still in the call" */
	slot->head++;
	slot->ncalls++;
	if (trace) {
		char line[256];
		int n = snprintf(line, sizeof(line), "sysfuzz w%d #%lu: %s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n",
				 slot_idx, slot->ncalls, call_name(nr), a[0], a[1], a[2], a[3], a[4], a[5]);
		raw3(1, TRACE_FD, line, n);
	}
	return r;
}

/* Every result is a value or -errno with a real errno; never uid 0. */
static void check_result(long nr, long r)
{
	if (nr != 15 && r < 0 && (r < -4095 || -r > MAX_ERRNO))
		fail_slot("%s returned %#lx: neither a result nor an errno", call_name(nr),
			  (unsigned long)r);
	if (nr == 105 || nr == 106 || nr == 113 || nr == 114 || nr == 116 || nr == 117 ||
	    nr == 119) {
		unsigned int u[3] = { 1, 1, 1 };

		raw3(118, &u[0], &u[1], &u[2]);
		if (u[0] == 0 || u[1] == 0 || u[2] == 0)
			fail_slot("%s made uid 65534 root (ruid %u euid %u suid %u)", call_name(nr),
				  u[0], u[1], u[2]);
	}
	if (slot->bad)
		raw1(231, 99);  /* stop here: the supervisor prints the slot */
}

static bool in_arena(long p, long len)
{
	unsigned long s = (unsigned long)p, e = s + (unsigned long)len;

	return e > ARENA && s < ARENA + 16 * PAGE;
}

/* The arena: buffers, the hole, a PROT_NONE page, a read-only page. */
static void arena_setup(void)
{
	unsigned long *w;

	raw6(9, ARENA, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	raw2(11, BUF_END, PAGE);
	raw3(10, PROT_NONE_PAGE, PAGE, PROT_NONE);
	w = (unsigned long *)RDONLY_PAGE;
	for (unsigned i = 0; i < PAGE / 8; i++)
		w[i] = rnd();
	raw3(10, RDONLY_PAGE, PAGE, PROT_READ);
	raw2(11, RDONLY_PAGE + PAGE, 5 * PAGE);
	arena_dirty = false;
}

/* Our SIGALRM every 2 ms interrupts whatever blocks; set it up again. */
static void rearm(void)
{
	struct k_sigaction sa = { (unsigned long)noop_handler, SA_RESTORER_,
				  (unsigned long)fz_restorer, 0 };
	unsigned long unblock = 1UL << (SIGALRM - 1);
	long itv[4] = { 0, 2000, 0, 2000 };

	raw4(13, SIGALRM, &sa, 0, 8);
	raw4(14, SIG_UNBLOCK, &unblock, 0, 8);
	raw3(38, 0, itv, 0);
}

static void worker_setup(void)
{
	int null = open("/dev/null", O_RDWR);

	for (int fd = 0; fd < 3; fd++)
		if (null >= 0 && null != fd)
			dup2(null, fd);
	if (null > 2)
		close(null);
	memset(fd_label, FD_NONE, sizeof(fd_label));
	for (int fd = 0; fd < 3; fd++)
		fd_label[fd] = FD_OUT;
	scratch_dirfd = open(scratch, O_RDONLY | O_DIRECTORY);
	fd_set_label(scratch_dirfd, FD_DIR);
	char path[128];
	snprintf(path, sizeof(path), "%s/f0", scratch);
	fd_set_label(open(path, O_RDWR | O_CREAT, 0644), FD_SCR);
	int p[2];
	if (pipe(p) == 0) {
		fd_set_label(p[0], FD_SCR);
		fd_set_label(p[1], FD_SCR);
	}
	chdir(scratch);
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	for (int i = 0; i < 16; i++)
		ipc_ids[i] = -1;
	raw2(158, 0x1003, &saved_fs);   /* ARCH_GET_FS */
	cur_brk = (unsigned long)raw1(12, 0);
	arena_setup();
	rearm();
}

/* A forked child: touch memory, then end one of several ways. */
static __attribute__((noreturn)) void grandchild(void)
{
	unsigned long none = 0;
	struct k_sigaction dfl = { 0, 0, 0, 0 };
	long itv[4] = { 0, 0, GRANDCHILD_LIFE, 0 };

	raw4(14, SIG_SETMASK, &none, 0, 8);
	raw4(13, SIGHUP, &dfl, 0, 8);
	raw4(13, SIGTERM, &dfl, 0, 8);
	raw4(13, SIGALRM, &dfl, 0, 8);
	raw3(38, 0, itv, 0);
	for (int i = (int)(rnd() % 6); i > 0; i--)
		((volatile char *)ARENA)[(rnd() % (BUF_PAGES * PAGE))] = 1;
	switch (rnd() % 5) {
	case 0: raw1(60, rnd() % 256); break;
	case 1: raw2(62, raw0(39), SIGKILL); break;
	case 2: raw0(34); break;                /* until the alarm or a kill */
	case 3: raw2(62, raw0(39), SIGSEGV); break;
	default: break;
	}
	raw1(231, 0);
	__builtin_unreachable();
}

static void do_execve(long *a)
{
	static char argbuf[6][64];
	char **argv = (char **)st(6), **envp = (char **)st(7);
	uint64_t seed = rnd();

	snprintf(argbuf[0], 64, "--exec-child");
	snprintf(argbuf[1], 64, "%d", ring_id);
	snprintf(argbuf[2], 64, "%d", slot_idx);
	snprintf(argbuf[3], 64, "%llu", (unsigned long long)seed);
	snprintf(argbuf[4], 64, "%ld", 20 + (long)(rnd() % 200));
	argv[0] = self_path;
	for (int i = 0; i < 5; i++)
		argv[i + 1] = argbuf[i];
	argv[6] = scratch;
	argv[7] = NULL;
	static char envbuf[2][560];
	int e = 0;

	if (trace)
		envp[e++] = "SYSFUZZ_TRACE=1";
	if (deny[0]) {
		snprintf(envbuf[0], sizeof(envbuf[0]), "SYSFUZZ_DENY=%s", deny);
		envp[e++] = envbuf[0];
	}
	if (only[0]) {
		snprintf(envbuf[1], sizeof(envbuf[1]), "SYSFUZZ_ONLY=%s", only);
		envp[e++] = envbuf[1];
	}
	envp[e] = NULL;
	switch (rnd() % 6) {
	case 0:
	case 1:
		a[0] = (long)self_path;
		break;
	case 2:
		a[0] = gen_path(5);
		break;
	default:
		a[0] = gen_wpath(5);
		break;
	}
	a[1] = (long)argv;
	a[2] = (long)envp;
	if (rnd() % 4 == 0) {   /* bad vectors: only for other files */
		if (a[0] == (long)self_path)
			a[0] = put_path(5, "%s/%s", scratch, "f1");
		switch (rnd() % 4) {
		case 0: a[1] = edge_ptr(); break;
		case 1: a[2] = edge_ptr(); break;
		case 2: argv[1] = (char *)edge_ptr(); break;
		default: argv[2] = (char *)(BUF_END - 3); memcpy(argv[2], "abc", 3); break;
		}
	}
	if (a[0] == (long)self_path)
		slot->execs++;
	/* Our 2 ms SIGALRM goes on across exec: ignored, it cannot kill the
	 * new program before that sets its handler. */
	struct k_sigaction ign = { (unsigned long)SIG_IGN, 0, 0, 0 };
	raw4(13, SIGALRM, &ign, 0, 8);
	record(59, a);
	long r = raw3(59, a[0], a[1], a[2]);
	slot->last[(slot->head - 1) % RING_LAST].ret = r;
	check_result(59, r);
	rearm();
}

static void do_rt_sigreturn(void)
{
	unsigned long *f = (unsigned long *)(ARENA + 7 * PAGE);
	long a[6] = { (long)f, 0, 0, 0, 0, 0 };

	for (int i = 0; i < 64; i++)
		f[i] = rnd() % 2 ? rnd() : 0;
	f[160 / 8] = ARENA + 6 * PAGE;          /* rsp */
	if (rnd() % 4)
		f[168 / 8] = (unsigned long)fz_landing;        /* rip */
	else
		f[168 / 8] = (unsigned long)edge_ptr();
	if (rnd() % 2)
		f[184 / 8] = 0x2b0033;          /* cs 0x33, ss 0x2b */
	if (rnd() % 2)
		f[224 / 8] = rnd() % 2 ? 0 : (unsigned long)edge_ptr(); /* fpstate */
	record(15, a);
	fz_sigreturn(f);
}

/* Make one random call. */
static void one_call(void)
{
	unsigned total = 0, pick;
	const struct fz_call *c = NULL;
	long a[6] = { 0 }, r;

	for (size_t i = 0; i < NCALLS; i++)
		total += calls[i].weight;
	for (;;) {
		pick = (unsigned)(rnd() % total);
		for (size_t i = 0; i < NCALLS; i++) {
			if (pick < calls[i].weight) {
				c = &calls[i];
				break;
			}
			pick -= calls[i].weight;
		}
		if (!denied(c->name))
			break;
	}
	for (int i = 0; i < 6 && c->kind[i]; i++)
		a[i] = gen_kind(c->kind[i], i, a, i);

	/* The shapes that need more than one argument's kind. */
	switch (c->nr) {
	case 2: case 257:
		if (path_is_outside(a[c->nr == 2 ? 0 : 1]))        /* read-only there */
			a[c->nr == 2 ? 1 : 2] &= O_NONBLOCK | O_DIRECTORY | O_CLOEXEC;
		break;
	case 9:         /* MAP_FIXED only where we play */
		if ((a[3] & MAP_FIXED) && !in_arena(a[0], 1) &&
		    !((unsigned long)a[0] >= PLAY && (unsigned long)a[0] < PLAY + PLAY_PAGES * PAGE))
			a[3] &= ~(long)MAP_FIXED;
		if ((a[3] & 0x100000) && (unsigned long)a[0] < ARENA)       /* FIXED_NOREPLACE */
			a[3] &= ~0x100000L;
		if (!(a[3] & MAP_ANONYMOUS) && rnd() % 2)
			a[4] = -1;
		break;
	case 30:        /* never the ring: mapped over our buffers, our own writes would
			 * scribble on every worker's log (id 0 is an edge value) */
		if ((int)a[0] == ring_id)
			a[0] = -1;
		break;
	case 7: {       /* pollfds on our descriptors, any events */
		short *pfd = st(0);
		int n = (int)(rnd() % 6);
		for (int i = 0; i < n; i++) {
			*(int *)&pfd[4 * i] = (int)gen_fd(false);
			pfd[4 * i + 2] = (short)(rnd() % 2 ? 0x5 : rnd());      /* POLLIN|POLLOUT */
			pfd[4 * i + 3] = (short)rnd();
		}
		a[0] = rnd() % 6 ? (long)pfd : edge_ptr();
		a[1] = rnd() % 6 ? n : gen_int();
		a[2] = PICK(((const long[]){ 0, 0, 1, 5, -1, INT_MAX, INT_MIN }));
		break;
	}
	case 12: {
		static const long deltas[] = { 0, 4096, -4096, 1 << 20, -(1 << 20), 1L << 24 };
		a[0] = rnd() % 4 || denied("hugemm") ? (long)cur_brk + PICK(deltas) : gen_int();
		break;
	}
	case 19: case 20: {
		long cnt;
		a[1] = gen_iovec(1, &cnt);
		a[2] = cnt;
		break;
	}
	case 65: case 220: {
		long n;
		a[1] = gen_sembuf(1, &n);
		a[2] = n;
		break;
	}
	case 66:        /* SETALL/SETVAL/GETALL... want a pointer or a value */
		a[3] = rnd() % 2 ? gen_buf(rnd() % 2) : gen_int();
		break;
	case 69:
		*(long *)st(1) = rnd() % 4 ? (long)(rnd() % 5 + 1) : gen_int();
		if (rnd() % 4)
			a[1] = (long)st(1);
		if (rnd() % 3)
			a[2] = (long)(rnd() % 400);
		break;
	case 70:
		if (rnd() % 3)
			a[2] = (long)(rnd() % 8192);
		if (rnd() % 2)
			a[3] = (long)(rnd() % 11) - 5;
		break;
	case 72:
		/* F_SETOWN*: our family only. The kernel takes cmd as an
		 * int: compare it as one. */
		if ((int)a[1] == 8 || (int)a[1] == 16 || (int)a[1] == 10)
			a[2] = gen_pid(true);
		else if ((int)a[1] == 5 || (int)a[1] == 6 || (int)a[1] == 7)
			a[2] = gen_buf(true);
		break;
	case 116:
		a[0] = rnd() % 3 ? (long)(rnd() % 4) : gen_int();
		break;
	case 263:
		if (rnd() % 2)
			a[2] = rnd() % 2 ? 0x200 : 0;          /* AT_REMOVEDIR */
		break;
	case 273:
		if (rnd() % 2)
			a[1] = 24;
		break;
	case 292:
		if (rnd() % 2)
			a[2] = rnd() % 2 ? O_CLOEXEC : 0;
		break;
	case 293:
		if (rnd() % 2)
			a[1] = PICK(((const long[]){ 0, O_CLOEXEC, O_NONBLOCK, O_DIRECT }));
		break;
	case 318:
		if (rnd() % 2)
			a[2] = (long)(rnd() % 8);
		break;
	}

	/* The calls that cannot go through raw6 as they are. */
	switch (c->nr) {
	case 15:
		do_rt_sigreturn();
		return;
	case 59:
		do_execve(a);
		return;
	case 57: {
		struct fz_rec *rec = record(57, a);
		r = raw0(57);
		if (r == 0)
			grandchild();
		rec->ret = r;
		remember_kid(r);
		check_result(57, r);
		return;
	}
	case 58: case 56: {
		static const long flags[] = { SIGCHLD, 0x100 | 0x4000 | SIGCHLD, 0x100 | SIGCHLD,
					      0x4000 | SIGCHLD, 0x40000 | SIGCHLD,
					      0x08000000 | SIGCHLD, 0x00010000 | 0x800 | 0x100,
					      0x00100000 | 0x00200000 | SIGCHLD, 0x400 | SIGCHLD,
					      CLONE_PARENT_ | SIGCHLD, 0, 0x3f, 0x100,
					      0x01000000 | 0x00200000 | SIGCHLD, /* glibc's fork */
					      0x01000000 | 0x00100000 | 0x100 | 0x4000 | SIGCHLD,
					      0x00080000 | SIGCHLD };
		if (c->nr == 56) {
			a[0] = rnd() % 4 ? PICK(flags) : (long)rnd();
			a[0] &= ~CLONE_NEWUSER_;
			a[1] = rnd() % 2 ? 0 : (long)(ARENA + 6 * PAGE);
			a[2] = gen_buf(false);
			a[3] = gen_buf(false);
			a[4] = rnd() % 2 ? 0 : gen_int();
		}
		struct fz_rec *rec = record(c->nr, a);
		r = fz_clone_exit(c->nr, a[0], a[1], a[2], a[3], a[4]);
		rec->ret = r;
		if (c->nr == 58 || !(a[0] & (CLONE_PARENT_ | 0x00010000 | CLONE_PIDFD_)))
			remember_kid(r);
		check_result(c->nr, r);
		return;
	}
	case 60: case 231:
		a[0] = rnd() % 256;
		record(c->nr, a);
		raw1(c->nr, a[0]);
		return;
	case 158: {
		static const long opts[] = { 0x1001, 0x1002, 0x1003, 0x1004, 0x1011, 0x1012, 0, -1 };
		a[0] = PICK(opts);
		a[1] = rnd() % 2 ? gen_buf(false) : edge_ptr();
		struct fz_rec *rec = record(158, a);
		if (a[0] == 0x1001 || a[0] == 0x1002 || a[0] == 0x1012)
			r = fz_set_fs(a[0], a[1], saved_fs);
		else
			r = raw2(158, a[0], a[1]);
		rec->ret = r;
		check_result(158, r);
		return;
	}
	case 135:
		/* Only a query, or PER_LINUX with ADDR_NO_RANDOMIZE: other
		 * personalities (ADDR_LIMIT_32BIT, READ_IMPLIES_EXEC) would
		 * change the worker's later mappings on Linux. */
		a[0] = PICK(((const long[]){ 0xffffffff, 0, 0x0040000 }));
		break;
	case 157: {
		/* Only the options keyhole has, and unknown ones: on Linux
		 * others (PR_SET_TSC, PR_SET_SECCOMP) would stop the worker. */
		static const long opts[] = { 1, 2, 15, 16, 0, -1, 0x7fffffff, 1000 };
		a[0] = PICK(opts);
		a[1] = a[0] == 1 ? (long)(rnd() % 70) : rnd() % 2 ? gen_buf(false) : edge_ptr();
		a[2] = gen_int();
		break;
	}
	case 334:
		/* Never a valid registration (length 32, flags 0): on Linux it
		 * would make the kernel write into the buffer at every return. */
		a[0] = rnd() % 2 ? gen_buf(false) : edge_ptr();
		a[1] = PICK(((const long[]){ 0, 1, 16, 31 }));
		a[2] = rnd() % 4;
		a[3] = gen_int();
		break;
	case 169: {
		static const long cmds[] = { 0x4321fedc, 0xcdef0123, 0x01234567, 0x89abcdef, 0,
					     0x45584543, 0xd000fce2, 0xa1b2c3d4 };
		a[0] = rnd() % 4 ? (long)0xfee1dead : gen_int();
		a[1] = rnd() % 4 ? 672274793 : gen_int();
		a[2] = rnd() % 4 ? PICK(cmds) : gen_int();
		a[3] = gen_buf(true);
		if (raw0(107) == 0 || raw0(102) == 0)
			return;         /* never as root */
		break;
	}
	case 88:
	case 266:
		/* Targets inside scratch only (relative, no ".."): as root on
		 * Linux a link to "/" would let chmod or unlink of a scratch
		 * path reach the host's own files. */
		a[0] = rnd() % 8 ? put_path(0, "%s%s", PICK(names), "") : edge_ptr();
		if (c->nr == 88) {
			a[1] = gen_wpath(1);
		} else {
			a[1] = rnd() % 4 ? scratch_dirfd : rnd() % 2 ? AT_FDCWD : bad_fd();
			a[2] = a[1] == AT_FDCWD ? gen_wpath(2) : put_path(2, "%s%s", PICK(names), "");
		}
		break;
	case 133:
	case 259: {
		/* No device nodes as root: on Linux one could be /dev/mem. */
		static const long types[] = { 0, 0100000, 0010000, 0140000, 0040000, 0170000,
					      0020000, 0060000 };
		long mode = PICK(types) | (long)(rnd() % 01000);
		bool root = raw0(107) == 0 || raw0(102) == 0;

		if (root && ((mode & 0170000) == 0020000 || (mode & 0170000) == 0060000))
			mode = 0010644;
		if (c->nr == 133) {
			a[0] = gen_wpath(0);
			a[1] = mode;
			a[2] = gen_int();
		} else {
			a[0] = rnd() % 4 ? scratch_dirfd : rnd() % 2 ? AT_FDCWD : bad_fd();
			a[1] = a[0] == AT_FDCWD ? gen_wpath(1) : put_path(1, "%s%s", PICK(names), "");
			a[2] = mode;
			a[3] = gen_int();
		}
		break;
	}
	case 40:
	case 326: {
		/* Small counts: a copy out of a sparse scratch file writes its
		 * holes as data, and on Linux a huge one filled the page cache
		 * (freeram fell by 140 MiB and the leak check failed). */
		long *off = st(2);
		*off = rnd() % 2 ? (long)(rnd() % 65536) : gen_int();
		a[0] = gen_fd(false);
		a[1] = c->nr == 40 ? gen_fd(false) : (rnd() % 3 ? (long)off : edge_ptr());
		a[2] = c->nr == 40 ? (rnd() % 3 ? (long)off : rnd() % 2 ? 0 : edge_ptr())
				   : gen_fd(false);
		a[3] = c->nr == 40 ? (long)(rnd() % 65536) : (rnd() % 2 ? 0 : (long)off);
		a[4] = (long)(rnd() % 65536);
		a[5] = rnd() % 8 ? 0 : gen_int();
		break;
	}
	case 73:
		/* Always LOCK_NB: two workers must never wait on each other. */
		a[0] = gen_fd(false);
		a[1] = (rnd() % 4 ? PICK(((const long[]){ 1, 2, 8, 0, 3, 16 })) : gen_int()) | 4;
		break;
	case 165:
	case 166:
		/* Never as root: on Linux a random umount2 could take the
		 * host's mounts away. As a user both are EPERM, EFAULT ... */
		a[0] = rnd() % 2 ? gen_path(0) : edge_ptr();
		a[1] = c->nr == 165 ? gen_wpath(1) : gen_int();
		a[2] = rnd() % 2 ? (long)"tmpfs" : edge_ptr();
		a[3] = gen_int();
		a[4] = gen_buf(true);
		if (raw0(107) == 0 || raw0(102) == 0)
			return;
		break;
	case 272:
		a[0] = PICK(((const long[]){ 0x08000000, 0x20000, 0x04000000, 0x20000000,
					     0x40000000, 0x400, 0x200, 0x40000, 0x100, 0x00010000,
					     0x800, 0, -1 }));
		if (rnd() % 4 == 0)
			a[0] = (long)rnd();
		a[0] &= ~CLONE_NEWUSER_;
		break;
	case -1:
		c = &(const struct fz_call){ (int)PICK(((const long[]){ 335, 400, 511, 512, 1000,
									100000, -1 })),
					     "nosys", K(N_), 0 };
		for (int i = 0; i < 6; i++)
			a[i] = gen_int();
		break;
	}
	if (in_arena(a[0], 1) && (c->nr == 9 || c->nr == 10 || c->nr == 11 || c->nr == 28 ||
				  c->nr == 30 || c->nr == 67))
		arena_dirty = true;
	if ((c->nr == 11 || c->nr == 10 || c->nr == 28) && (unsigned long)a[1] >= (1UL << 32))
		arena_dirty = true;

	struct fz_rec *rec = record(c->nr, a);
	r = raw6(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	rec->ret = r;
	check_result(c->nr, r);

	/* What the call changed that we keep track of. */
	switch (c->nr) {
	case 2: case 85: case 257:
		if (r >= 0)
			fd_set_label(r, path_is_outside(a[c->nr == 257 ? 1 : 0]) ? FD_OUT : FD_SCR);
		break;
	case 3:
		if (r == 0)
			fd_set_label(a[0], FD_NONE);
		break;
	case 32:
		if (r >= 0 && a[0] >= 0 && a[0] < FD_TRACK)
			fd_set_label(r, fd_label[a[0]]);
		break;
	case 33: case 292:
		if (r >= 0 && a[0] >= 0 && a[0] < FD_TRACK && a[1] != a[0])
			fd_set_label(r, fd_label[a[0]]);
		break;
	case 72:
		if (r >= 0 && ((int)a[1] == 0 || (int)a[1] == 1030) && a[0] >= 0 && a[0] < FD_TRACK)
			fd_set_label(r, fd_label[a[0]]);
		break;
	case 22: case 293:
		if (r == 0 && (unsigned long)a[0] >= ARENA + PAGE && (unsigned long)a[0] + 8 <= BUF_END) {
			fd_set_label(((int *)a[0])[0], FD_SCR);
			fd_set_label(((int *)a[0])[1], FD_SCR);
		}
		break;
	case 12:
		if (r > 0)
			cur_brk = (unsigned long)r;
		break;
	case 13:
		if (r == 0 && (int)a[0] == SIGCHLD && a[1])
			kids_unsafe = true;
		break;
	case 29: case 64: case 68:
		if (r >= 0)
			ipc_ids[rnd() % 16] = r;
		break;
	case 30:
		if (r >= 0 || r < -4095)
			shm_addrs[rnd() % 8] = (unsigned long)r;
		break;
	case 61:
		if (r > 0)
			forget_kid(r);
		break;
	}
}

/* End of a worker: kill and reap our children, then exit. */
static __attribute__((noreturn)) void worker_exit(void)
{
	for (int i = 0; i < nkids && !kids_unsafe; i++)
		raw2(62, kids[i], SIGKILL);
	for (int i = 0; i < 200; i++) {
		int st;
		long r = raw4(61, -1, &st, __WALL, 0);
		if (r == -ECHILD)
			break;
	}
	raw1(231, 0);
	__builtin_unreachable();
}

static void worker_loop(long ncalls)
{
	for (long i = 0; i < ncalls; i++) {
		if (arena_dirty)
			arena_setup();
		if (i % 32 == 31)
			rearm();
		one_call();
	}
}

/* A worker: drop privileges, set limits, make ncalls calls. */
static __attribute__((noreturn)) void worker(int idx, uint64_t seed, long num, long ncalls)
{
	static const struct { int res; rlim_t v; } limits[] = {
		{ RLIMIT_AS, 256 << 20 }, { RLIMIT_NPROC, 256 }, { RLIMIT_FSIZE, 1 << 20 },
		{ RLIMIT_NOFILE, 256 }, { RLIMIT_CORE, 0 }, { RLIMIT_MEMLOCK, 64 << 10 },
		{ RLIMIT_CPU, 120 },
	};

	slot_idx = idx;
	slot = &ring[idx];
	rng = seed;
	setpgid(0, 0);
	if (setgroups(0, NULL) < 0 && !on_keyhole)
		_exit(97);
	if (setgid(FUZZ_GID) < 0 || setuid(FUZZ_UID) < 0)
		_exit(97);
	if (getuid() != FUZZ_UID || geteuid() != FUZZ_UID || raw1(105, 0) == 0)
		_exit(98);      /* still privileged: make no call at all */
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		struct rlimit rl = { limits[i].v, limits[i].v };
		if (setrlimit(limits[i].res, &rl) < 0 && !on_keyhole)
			_exit(97);
	}
	slot->pid = getpid();
	slot->seed = seed;
	slot->num = (unsigned long)num;
	worker_setup();
	worker_loop(ncalls);
	worker_exit();
}

/* An execve() of a worker lands here: the same slot, more calls. */
static __attribute__((noreturn)) void exec_child(char **argv)
{
	void *p;

	ring_id = atoi(argv[2]);
	slot_idx = atoi(argv[3]);
	rng = strtoull(argv[4], NULL, 10) | 1;
	snprintf(scratch, sizeof(scratch), "%s", argv[6]);
	snprintf(self_path, sizeof(self_path), "%s", argv[0]);
	trace = getenv("SYSFUZZ_TRACE") != NULL;
	if (getenv("SYSFUZZ_DENY"))
		snprintf(deny, sizeof(deny), "%s", getenv("SYSFUZZ_DENY"));
	if (getenv("SYSFUZZ_ONLY"))
		snprintf(only, sizeof(only), "%s", getenv("SYSFUZZ_ONLY"));
	supervisor_pid = getppid();
	on_keyhole = !ut_on_linux();
	if (getuid() == 0 || geteuid() == 0 || slot_idx < 0 || slot_idx >= NWORKERS)
		_exit(98);
	p = shmat(ring_id, NULL, 0);
	if (p == (void *)-1)
		_exit(0);       /* no ring: nothing to log to */
	ring = p;
	slot = &ring[slot_idx];
	/* What the worker left open goes: an fd we do not know might be on
	 * a file outside scratch, and must not get fchmod() or a dirfd. */
	for (int fd = 3; fd < 256; fd++)
		if (fd != TRACE_FD)
			close(fd);
	worker_setup();
	worker_loop(atol(argv[5]));
	worker_exit();
}

/* ---- the supervisor ---- */

struct wstate {
	pid_t pid;
	long num;                       /* the worker's number: its seed follows */
	long budget;                    /* calls it may make */
	bool alive, stopped;
	double killed_at, progress_at, stopped_at;
	unsigned long last_count;
};

struct fz_stats {
	unsigned long calls, workers, exited, signalled, fired_kill, stalls, strays, execs;
	unsigned long by_signal[65];
	char stalled_in[256];           /* the calls the stalled workers were in */
};

static double now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_slot(int idx)
{
	struct fz_slot *s = &ring[idx];
	unsigned long h = s->head, from = h > RING_LAST ? h - RING_LAST : 0;

	ut_print("    worker %lu (slot %d, pid %d, seed %#llx): %lu calls, %d execs%s%s; its last calls:\n",
		 s->num, idx, s->pid, (unsigned long long)s->seed, s->ncalls, s->execs,
		 s->bad ? ": " : "", s->bad ? s->msg : "");
	for (unsigned long i = from; i < h; i++) {
		struct fz_rec *r = &s->last[i % RING_LAST];
		ut_print("      %s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx) = %s%#lx\n", call_name(r->nr),
			 r->a[0], r->a[1], r->a[2], r->a[3], r->a[4], r->a[5],
			 r->ret == -4097 ? "(in the call) " : "", (unsigned long)r->ret);
	}
}

/* Remove every IPC object of our namespace but the ring. */
static void ipc_sweep(void)
{
	struct semid_ds sd;
	struct msqid_ds md;
	struct shmid_ds shd;
	struct seminfo si;
	struct msginfo mi;
	struct shm_info shi;

	int max = semctl(0, 0, SEM_INFO, &si);
	for (int i = 0; i <= max; i++) {
		int id = semctl(i, 0, 20 /* SEM_STAT_ANY */, &sd);
		if (id >= 0)
			semctl(id, 0, IPC_RMID);
	}
	max = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi);
	for (int i = 0; i <= max; i++) {
		int id = msgctl(i, 13 /* MSG_STAT_ANY */, &md);
		if (id >= 0)
			msgctl(id, IPC_RMID, NULL);
	}
	max = shmctl(0, SHM_INFO, (struct shmid_ds *)&shi);
	for (int i = 0; i <= max; i++) {
		int id = shmctl(i, 15 /* SHM_STAT_ANY */, &shd);
		if (id >= 0 && id != ring_id)
			shmctl(id, IPC_RMID, NULL);
	}
}

/* rm -r of a directory's contents (as root: whatever the workers made). */
static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char sub[1024];

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		chmod(sub, 0700);
		if (unlink(sub) < 0) {
			remove_tree(sub);
			rmdir(sub);
		}
	}
	closedir(d);
}

/* Start worker number num in slot w. */
static bool spawn(struct wstate *ws, int w, long num, const struct fz_cfg *cfg, long ncalls)
{
	uint64_t seed = mix(cfg->seed ^ mix((uint64_t)num));

	memset(&ring[w], 0, sizeof(ring[w]));
	ring[w].seed = seed;
	ring[w].num = (unsigned long)num;
	pid_t pid = fork();
	if (pid == 0)
		worker(w, seed, num, ncalls);
	if (!CHECK_SYS(pid))
		return false;
	ring[w].pid = pid;
	ws[w] = (struct wstate){ .pid = pid, .num = num, .alive = true, .progress_at = now_mono() };
	return true;
}

/* A worker has ended with status: count it. Return: false if it failed. */
static bool reaped(struct wstate *s, int w, int status, struct fz_stats *stats)
{
	bool ok = true;

	s->alive = false;
	stats->calls += ring[w].ncalls;
	stats->execs += (unsigned long)ring[w].execs;
	if (WIFEXITED(status)) {
		stats->exited++;
	} else {
		stats->signalled++;
		stats->by_signal[WTERMSIG(status) & 63]++;
	}
	if (ring[w].bad) {
		CHECKF(0, "worker %ld (seed %#llx): %s", s->num, (unsigned long long)ring[w].seed,
		       ring[w].msg);
		print_slot(w);
		ok = false;
	}
	if (WIFEXITED(status) && (WEXITSTATUS(status) == 97 || WEXITSTATUS(status) == 98) &&
	    ring[w].ncalls == 0) {
		CHECKF(0, "worker %ld could not drop its privileges (status %d)", s->num,
		       WEXITSTATUS(status));
		ok = false;
	}
	return ok;
}

/*
 * Keep NWORKERS workers busy until target calls are done (or cfg->count
 * workers have run): a new one starts as soon as one ends. While they
 * run, stop, continue and kill them at random; kill the stalled; fail on
 * the unkillable. Return: false on a failure.
 */
static bool run_workers(const struct fz_cfg *cfg, long target, bool progress, struct fz_stats *stats)
{
	struct wstate ws[NWORKERS] = { 0 };
	long num = cfg->first;
	double start = now_mono(), last_print = start;
	bool ok = true;

	for (;;) {
		int status, nalive = 0;
		long pending = 0;       /* calls the live workers may make */
		pid_t pid;
		struct timespec tick = { 0, 2000000 };
		double t;

		for (int w = 0; w < NWORKERS; w++)
			pending += ws[w].alive ? ws[w].budget : 0;
		for (int w = 0; w < NWORKERS; w++) {
			if (ws[w].alive) {
				nalive++;
				continue;
			}
			if (!ok || (long)stats->calls + pending >= target ||
			    (cfg->count && num >= cfg->first + cfg->count))
				continue;
			long n = 100 + (long)(rnd() % 900);
			if (!spawn(ws, w, num++, cfg, n))
				return false;
			ws[w].budget = n;
			pending += n;
			stats->workers++;
			nalive++;
			if (stats->workers % (4 * NWORKERS) == 0)
				ipc_sweep();    /* keep the namespace's memory bounded */
		}
		if (nalive == 0)
			break;
		nanosleep(&tick, NULL);
		while ((pid = waitpid(-1, &status, WNOHANG | __WALL)) > 0) {
			int w;
			for (w = 0; w < NWORKERS && !(ws[w].alive && ws[w].pid == pid); w++)
				;
			if (w == NWORKERS) {
				stats->strays++;        /* a CLONE_PARENT child */
				continue;
			}
			ok = reaped(&ws[w], w, status, stats) && ok;
		}
		t = now_mono();
		for (int w = 0; w < NWORKERS; w++) {
			struct wstate *s = &ws[w];

			if (!s->alive)
				continue;
			if (ring[w].ncalls != s->last_count) {
				s->last_count = ring[w].ncalls;
				s->progress_at = t;
			}
			if (s->killed_at == 0 && !s->stopped && t - s->progress_at > 0.1)
				kill(s->pid, SIGCONT);  /* it may have stopped itself */
			if (s->killed_at == 0 && t - s->progress_at > STALL_SEC) {
				struct fz_rec *r = &ring[w].last[(ring[w].head - 1) % RING_LAST];
				size_t len = strlen(stats->stalled_in);

				if (ring[w].head && len < sizeof(stats->stalled_in) - 24)
					snprintf(stats->stalled_in + len, sizeof(stats->stalled_in) - len,
						 " %s%s", call_name(r->nr), r->ret == -4097 ? "" : "(done)");
				kill(s->pid, SIGKILL);
				s->killed_at = t;
				stats->stalls++;
			}
			if (s->stopped && t - s->stopped_at > 0.01) {
				kill(s->pid, SIGCONT);
				s->stopped = false;
			}
			if (s->killed_at != 0 && t - s->killed_at > UNKILLABLE_SEC) {
				CHECKF(0, "worker %ld (pid %d, seed %#llx) is still alive %.0f s after "
				       "SIGKILL: unkillable", s->num, s->pid,
				       (unsigned long long)ring[w].seed, t - s->killed_at);
				print_slot(w);
				return false;
			}
		}
		/* Fire: stop, continue or kill a worker now and then. */
		int w = (int)(rnd() % NWORKERS);
		if (ws[w].alive && ws[w].killed_at == 0) {
			switch (rnd() % 64) {
			case 0:
				kill(ws[w].pid, SIGKILL);
				ws[w].killed_at = t;
				stats->fired_kill++;
				break;
			case 1:
			case 2:
				kill(ws[w].pid, SIGSTOP);
				ws[w].stopped = true;
				ws[w].stopped_at = t;
				break;
			}
		}
		if (progress && t - last_print > 10) {
			unsigned long done = stats->calls;
			for (int i = 0; i < NWORKERS; i++)
				done += ws[i].alive ? ring[i].ncalls : 0;
			ut_print("sysfuzz: %lu calls in %.0f s (%.0f calls/s), %lu workers\n", done,
				 t - start, (double)done / (t - start), stats->workers);
			last_print = t;
		}
	}
	/* Zombies of CLONE_PARENT children that ended last. */
	while (waitpid(-1, NULL, WNOHANG | __WALL) > 0)
		stats->strays++;
	return ok;
}

/* The supervisor: namespace, scratch, ring, workers, cleanup. */
static void supervisor(const struct fz_cfg *cfg, bool warm_up)
{
	struct fz_stats stats = { 0 };
	long target = warm_up ? (cfg->calls / 10 < 2000 ? cfg->calls / 10 : 2000) : cfg->calls;
	double start = now_mono();
	void *p;

	rng = mix(cfg->seed);
	supervisor_pid = getpid();
	on_keyhole = !ut_on_linux();
	for (int fd = 3; fd < 1024; fd++)
		if (fd != TRACE_FD)
			close(fd);
	if (!CHECK_SYS(unshare(CLONE_NEWIPC)))
		return;
	snprintf(scratch, sizeof(scratch), "/tmp/sysfuzz.%d", (int)getpid());
	if (!CHECK_SYS(mkdir(scratch, 0777)) || !CHECK_SYS(chmod(scratch, 0777)))
		return;
	snprintf(self_path, sizeof(self_path), "%s", ut_self_path());
	if (self_path[0] != '/') {
		char cwd[200];
		if (getcwd(cwd, sizeof(cwd)))
			snprintf(self_path, sizeof(self_path), "%s/%.300s", cwd, ut_self_path());
	}
	ring_id = shmget(IPC_PRIVATE, sizeof(struct fz_slot) * NWORKERS, IPC_CREAT | 0666);
	if (!CHECK_SYS(ring_id))
		return;
	p = shmat(ring_id, NULL, 0);
	if (!CHECK(p != (void *)-1))
		return;
	ring = p;
	run_workers(cfg, target, cfg->long_run && !warm_up, &stats);
	double secs = now_mono() - start;
	shmdt(p);
	shmctl(ring_id, IPC_RMID, NULL);
	ipc_sweep();
	remove_tree(scratch);
	CHECK_SYS(rmdir(scratch));
	if (cfg->long_run || !warm_up)
		ut_print("sysfuzz: %s seed %#llx: %lu calls in %.1f s (%.0f calls/s), %lu workers "
			 "(%lu exited, %lu killed by a signal; %lu SIGKILLed at random, %lu stalled "
			 "and killed), %lu execs, %lu stray children\n",
			 warm_up ? "warm-up" : "run", (unsigned long long)cfg->seed, stats.calls, secs,
			 secs > 0 ? (double)stats.calls / secs : 0.0, stats.workers, stats.exited,
			 stats.signalled, stats.fired_kill, stats.stalls, stats.execs, stats.strays);
	if (cfg->long_run && !warm_up) {
		char line[512];
		int n = snprintf(line, sizeof(line), "sysfuzz: workers killed by");
		for (int sig = 1; sig < 65; sig++)
			if (stats.by_signal[sig] && n < (int)sizeof(line) - 32)
				n += snprintf(line + n, sizeof(line) - (size_t)n, " %s %lu,",
					      strsignal(sig), stats.by_signal[sig]);
		ut_print("%s\n", line);
		if (stats.stalls)
			ut_print("sysfuzz: stalled in:%s\n", stats.stalled_in);
	}
}

static bool supervise(const struct fz_cfg *cfg, bool warm_up)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		supervisor(cfg, warm_up);
		ut_child_exit();
	}
	return CHECK_SYS(pid) && CHECK_EXITED(pid, 0);
}

/*
 * keyhole: the processes in /proc (print them if show). A worker's orphans
 * outlive it by up to GRANDCHILD_LIFE seconds, and hold memory meanwhile.
 */
static int list_processes(bool show)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int count = 0;

	while (d && (e = readdir(d))) {
		char path[300], line[256];
		int fd;
		ssize_t n;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		count++;
		if (!show)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		fd = open(path, O_RDONLY);
		n = fd >= 0 ? read(fd, line, sizeof(line) - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (n > 0) {
			line[n] = '\0';
			ut_print("    still there: %s", line);
		}
	}
	if (d)
		closedir(d);
	return count;
}

/*
 * Fields of /proc/pid/stat: state (3), ppid (4), session (6) and starttime
 * (22, clock ticks after boot); comm is returned in comm. Return: false if
 * it is gone.
 */
static bool read_stat(const char *pid, char comm[32], char *state, long *ppid, long *sid,
		      unsigned long long *start)
{
	char path[300], line[1024], *p;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	fd = open(path, O_RDONLY);
	n = fd >= 0 ? (int)read(fd, line, sizeof(line) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return false;
	line[n] = '\0';
	p = strrchr(line, ')');
	char *open_paren = strchr(line, '(');
	if (!p || !open_paren || p - open_paren - 1 >= 32)
		return false;
	memcpy(comm, open_paren + 1, (size_t)(p - open_paren - 1));
	comm[p - open_paren - 1] = '\0';
	return sscanf(p + 2, "%c %ld %*d %ld %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d "
		      "%*d %*d %llu", state, ppid, sid, start) == 4;
}

/*
 * Kill the stopped orphans a run left: a grandchild stopped by a worker's
 * random SIGSTOP and then orphaned never runs its alarm, on Linux as on
 * keyhole (a stopped task takes SIGKILL alone, Linux's wants_signal), and
 * would hold its memory for good. Ours are the stopped children of init
 * that started after this case did, in this session or named sysfuzz
 * (a worker may call setsid, or prctl(PR_SET_NAME); another run's, if one
 * ran at the same time on the host, were doomed to the same end).
 */
static void kill_stopped_orphans(unsigned long long case_start)
{
	long own_sid = getsid(0);

	DIR *d = opendir("/proc");
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char comm[32], state;
		long ppid, sid;
		unsigned long long start;

		if (e->d_name[0] < '0' || e->d_name[0] > '9' ||
		    !read_stat(e->d_name, comm, &state, &ppid, &sid, &start))
			continue;
		if (state == 'T' && ppid == 1 && start >= case_start &&
		    (sid == own_sid || strcmp(comm, "sysfuzz") == 0))
			kill(atoi(e->d_name), SIGKILL);
	}
	if (d)
		closedir(d);
}

/* keyhole: wait (up to 10 s) until only the processes of before are left. */
static void wait_for_orphans(int before)
{
	for (int tries = 0; tries < 100 && !ut_on_linux() && list_processes(false) > before; tries++)
		usleep(100000);
}

/* A case: warm up, measure freeram, fuzz, measure again. */
static void run_fuzz(const void *arg)
{
	const struct fz_cfg *cfg = arg;
	long before, after = 0, limit = ut_on_linux() ? UT_LINUX_TOLERANCE : 0;

	ut_print("sysfuzz: seed %#llx, %ld calls (replay: SYSFUZZ_SEED=%#llx)\n",
		 (unsigned long long)cfg->seed, cfg->calls, (unsigned long long)cfg->seed);
	int nproc = ut_on_linux() ? 0 : list_processes(false);
	char comm[32], state;
	long ppid, sid;
	unsigned long long case_start = 0;

	CHECK(read_stat("self", comm, &state, &ppid, &sid, &case_start));
	if (!supervise(cfg, true))
		return;
	kill_stopped_orphans(case_start);
	wait_for_orphans(nproc);
	before = ut_freeram();
	if (!supervise(cfg, false))
		return;
	kill_stopped_orphans(case_start);
	wait_for_orphans(nproc);
	/* Grandchildren orphaned by a killed worker die of their alarm
	 * (GRANDCHILD_LIFE s); Linux frees some memory later: wait for it. */
	for (int tries = 0; tries < 100; tries++) {
		after = ut_freeram();
		if (before - after <= limit)
			break;
		usleep(100000);
	}
	if (cfg->long_run)
		ut_print("sysfuzz: freeram before %ld KiB, after %ld KiB\n", before >> 10, after >> 10);
	if (ut_on_linux())
		CHECKF(before - after <= limit, "freeram dropped by %ld KiB on Linux", (before - after) >> 10);
	else if (!CHECKF(before == after, "freeram dropped by %ld bytes (%ld pages) over the run",
			 before - after, (before - after) / 4096))
		list_processes(true);
}

static const char *opt(int argc, char **argv, const char *name, const char *env)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], name))
			return argv[i + 1];
	return env ? getenv(env) : NULL;
}

int main(int argc, char **argv)
{
	static struct fz_cfg cfgs[2];
	const char *s;
	bool long_run = false;

	if (argc >= 7 && !strcmp(argv[1], "--exec-child"))
		exec_child(argv);
	if (getuid() == FUZZ_UID)
		return 0;       /* an execve of ourselves with arguments we did not make */
	ut_init(argc, argv);
	if ((s = opt(argc, argv, "--deny", "SYSFUZZ_DENY")))
		snprintf(deny, sizeof(deny), ",%s,", s);
	if ((s = opt(argc, argv, "--only", "SYSFUZZ_ONLY")))
		snprintf(only, sizeof(only), ",%s,", s);
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--trace"))
			trace = true;
	if (getenv("SYSFUZZ_TRACE"))
		trace = true;
	if (trace)
		dup2(2, TRACE_FD);
	cfgs[0] = (struct fz_cfg){ .seed = 0x5eed0001, .calls = CALLS_TEST };
	cfgs[1] = (struct fz_cfg){ .seed = 0x5eed0002, .calls = CALLS_TEST };
	if ((s = opt(argc, argv, "--seed", "SYSFUZZ_SEED"))) {
		cfgs[0].seed = strtoull(s, NULL, 0);
		long_run = true;
	}
	if ((s = opt(argc, argv, "--calls", "SYSFUZZ_CALLS"))) {
		cfgs[0].calls = atol(s);
		long_run = true;
	}
	if ((s = opt(argc, argv, "--first", NULL))) {
		cfgs[0].first = atol(s);
		long_run = true;
	}
	if ((s = opt(argc, argv, "--count", NULL))) {
		cfgs[0].count = atol(s);
		long_run = true;
	}
	if (long_run || trace || deny[0] || only[0]) {
		char name[64];

		if (!opt(argc, argv, "--seed", "SYSFUZZ_SEED")) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			cfgs[0].seed = mix((uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec);
		}
		cfgs[0].long_run = true;
		ut_init(1, argv);       /* the options are not case names */
		setenv("UTEST_TIMEOUT", "100000000", 1);
		s = opt(argc, argv, "--repeat", NULL);
		for (int i = 0; i < (s ? atoi(s) : 1); i++) {
			snprintf(name, sizeof(name), "sysfuzz_seed_%#llx", (unsigned long long)cfgs[0].seed);
			ut_run_with(name, run_fuzz, &cfgs[0]);
		}
		return ut_done();
	}
	ut_run_with("random_calls_seed_1", run_fuzz, &cfgs[0]);
	ut_run_with("random_calls_seed_2", run_fuzz, &cfgs[1]);
	return ut_done();
}
