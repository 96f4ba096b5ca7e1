/*
 * efault.c - every pointer a system call takes, when it is bad, gives
 * EFAULT: not a crash of the kernel, not a SIGSEGV, not success.
 *
 * Bad pointers, each tried in turn:
 *   null         0
 *   unmapped     a page we mapped and unmapped again (between mapped pages)
 *   kernel       0xffffffff80000000, where keyhole's (and Linux's) kernel
 *                image lives: mapped, but not for user mode
 *   noncanonical 0x0000800000000000, the first address past user space;
 *                touching it raises #GP, not #PF, in the kernel
 *   straddling   (for fixed-size structs and strings) an object that
 *                starts in a mapped page and runs into the unmapped one:
 *                the copy must fail part-way and still report EFAULT
 *   prot_none    memory the process made PROT_NONE, holding a copy of the
 *                good object: the kernel may not read it or write it for
 *                the process any more than the process itself may
 *                (prot-none-buffer-efault: keyhole's copy_from_user read
 *                such pages, so write(fd, prot_none_page, n) succeeded)
 *   read_only    PROT_READ memory holding a copy of the good object: EFAULT
 *                where the kernel writes to it (out_args below); where it
 *                only reads, the call must work as with the good pointer
 *
 * The calls are made with syscall(), because a libc wrapper may touch the
 * pointer first (and crash in user mode) or not pass it on. Some pointers
 * may be NULL on purpose (wait4's status, rt_sigaction's act and oldact,
 * ...): for those the null case checks that NULL is accepted instead.
 *
 * Each call is its own case, named efault_<call>_<argument>. It first
 * makes the call with a good pointer, which must not fail with EFAULT
 * (else a kernel that always said EFAULT would pass).
 */
#include "utest.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>

#define PAGE 4096UL

enum kind { NUL, UNMAPPED, KERNEL, NONCANONICAL, STRADDLE, PROT_NONE_, READ_ONLY, NKINDS };

static const char *const kind_names[NKINDS] = {
	"null", "unmapped", "kernel", "noncanonical", "straddling", "prot_none", "read_only",
};

/* Two pages each, for the prot_none and read_only kinds. */
static char *prot_none_area, *read_only_area;

/* The arguments the kernel writes to (the others it only reads). */
static const char *const out_args[] = {
	"read_buf", "readv_iov_base", "pread64_buf", "pipe_fds", "pipe2_fds", "wait4_status",
	"wait4_rusage", "rt_sigaction_oldact", "rt_sigprocmask_oldset", "rt_sigpending_set",
	"clock_gettime_tp", "gettimeofday_tv", "uname_buf", "sysinfo_info", "getitimer_value",
	"setitimer_old", "prlimit64_old", "getrandom_buf", "stat_buf", "fstat_buf",
	"newfstatat_buf", "getdents64_buf", "getcwd_buf", "lstat_buf", "getrlimit_rlim",
	"getresuid_ruid", "getresgid_rgid", "arch_prctl_get_fs", "mincore_vec",
};

static bool is_out_arg(const char *name)
{
	for (size_t i = 0; i < sizeof(out_args) / sizeof(out_args[0]); i++)
		if (strcmp(out_args[i], name) == 0)
			return true;
	return false;
}

/* Fill area (two pages) with a copy of the good object, then give it prot. */
static void *copy_with_prot(char *area2, const void *good, size_t len, int prot)
{
	if (mprotect(area2, 2 * PAGE, PROT_READ | PROT_WRITE) < 0) {
		ut_print("efault: mprotect: %s\n", strerror(errno));
		exit(1);
	}
	memset(area2, 0, 2 * PAGE);
	memcpy(area2, good, len > 2 * PAGE ? 2 * PAGE : len);
	mprotect(area2, 2 * PAGE, prot);
	return area2;
}

/*
 * Three pages: mapped, unmapped, mapped. The mapping after the hole keeps
 * a later mmap() (by malloc, say) from filling it.
 */
static char *area;

static void make_hole(void)
{
	area = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	prot_none_area = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	read_only_area = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED || prot_none_area == MAP_FAILED || read_only_area == MAP_FAILED ||
	    munmap(area + PAGE, PAGE) < 0) {
		ut_print("efault: cannot make the unmapped page: %s\n", strerror(errno));
		exit(1);
	}
}

/*
 * The bad pointer of a kind, for an object of size bytes (STRADDLE: the
 * object's last half lies in the hole; size 0: a string with no NUL before
 * the hole).
 */
static void *bad_pointer(enum kind k, size_t size)
{
	switch (k) {
	case NUL:
		return NULL;
	case UNMAPPED:
		return area + PAGE;
	case KERNEL:
		return (void *)0xffffffff80000000UL;
	case NONCANONICAL:
		return (void *)0x0000800000000000UL;
	case STRADDLE:
		if (size == 0) {	/* a string of 'a's running into the hole */
			memset(area + PAGE - 64, 'a', 64);
			return area + PAGE - 64;
		}
		memset(area + PAGE - size / 2, 0, size / 2);
		return area + PAGE - size / 2;
	default:
		return NULL;
	}
}

/*
 * One pointer argument of one call. call(p) makes the system call with p
 * in that argument (and sensible values elsewhere) and returns syscall()'s
 * result. size: the object's size for STRADDLE (0: a string; -1: no
 * straddling case, e.g. a buffer whose partial fill is legal).
 */
struct ptr_arg {
	const char *name;
	long (*call)(void *p);
	long size;
	bool null_ok;		/* NULL means "none" here: must succeed */
	void *good;		/* a good pointer; NULL: a zeroed buffer, or "/" */
};

static char good_buf[8192] __attribute__((aligned(64)));
static char good_path[] = "/";
static struct rlimit good_rlimit;	/* the current RLIMIT_NOFILE */

/* Descriptors the calls read from or write to, fresh for each case. */
static int full_pipe_read_end(void)
{
	int p[2];

	if (pipe(p) < 0)
		return -1;
	write(p[1], "data", 4);	/* p[1] stays open: no EOF */
	return p[0];
}

static int pipe_write_end(void)
{
	int p[2];

	if (pipe(p) < 0)
		return -1;
	return p[1];	/* p[0] stays open: no EPIPE */
}

static long call_read(void *p)
{
	return syscall(SYS_read, full_pipe_read_end(), p, 4);
}

static long call_write(void *p)
{
	return syscall(SYS_write, pipe_write_end(), p, 4);
}

static long call_readv_iov(void *p)
{
	return syscall(SYS_readv, full_pipe_read_end(), p, 1);
}

static long call_readv_base(void *p)
{
	struct iovec iov = { p, 4 };

	return syscall(SYS_readv, full_pipe_read_end(), &iov, 1);
}

static long call_writev_iov(void *p)
{
	return syscall(SYS_writev, pipe_write_end(), p, 1);
}

static long call_writev_base(void *p)
{
	struct iovec iov = { p, 4 };

	return syscall(SYS_writev, pipe_write_end(), &iov, 1);
}

static long call_pread64(void *p)
{
	int fd = open(ut_self_path(), O_RDONLY);

	return syscall(SYS_pread64, fd, p, 16, 0);
}

static long call_pipe(void *p)
{
	return syscall(SYS_pipe, p);
}

static long call_pipe2(void *p)
{
	return syscall(SYS_pipe2, p, O_CLOEXEC);
}

/* A child that has exited, for wait4 to reap. */
static pid_t exited_child(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	return pid;
}

static long call_wait4_status(void *p)
{
	return syscall(SYS_wait4, exited_child(), p, 0, NULL);
}

static long call_wait4_rusage(void *p)
{
	int st;

	return syscall(SYS_wait4, exited_child(), &st, 0, p);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static long call_rt_sigaction_act(void *p)
{
	return syscall(SYS_rt_sigaction, SIGUSR1, p, NULL, 8);
}

static long call_rt_sigaction_oldact(void *p)
{
	signal(SIGUSR1, on_usr1);
	return syscall(SYS_rt_sigaction, SIGUSR1, NULL, p, 8);
}

static long call_rt_sigprocmask_set(void *p)
{
	return syscall(SYS_rt_sigprocmask, SIG_BLOCK, p, NULL, 8);
}

static long call_rt_sigprocmask_oldset(void *p)
{
	return syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, p, 8);
}

static long call_rt_sigpending(void *p)
{
	return syscall(SYS_rt_sigpending, p, 8);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A good mask suspends us until a timer's SIGALRM: EINTR. */
static long call_rt_sigsuspend(void *p)
{
	struct itimerval it = { .it_value = { .tv_usec = 50000 } };

	signal(SIGALRM, on_alarm);
	setitimer(ITIMER_REAL, &it, NULL);
	return syscall(SYS_rt_sigsuspend, p, 8);
}

static long call_clock_gettime(void *p)
{
	return syscall(SYS_clock_gettime, CLOCK_MONOTONIC, p);
}

static long call_gettimeofday(void *p)
{
	return syscall(SYS_gettimeofday, p, NULL);
}

static long call_nanosleep_req(void *p)
{
	return syscall(SYS_nanosleep, p, NULL);
}

static long call_clock_nanosleep_req(void *p)
{
	return syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, p, NULL);
}

static long call_uname(void *p)
{
	return syscall(SYS_uname, p);
}

static long call_sysinfo(void *p)
{
	return syscall(SYS_sysinfo, p);
}

static long call_getitimer(void *p)
{
	return syscall(SYS_getitimer, ITIMER_REAL, p);
}

static long call_setitimer_old(void *p)
{
	struct itimerval zero = { { 0, 0 }, { 0, 0 } };

	return syscall(SYS_setitimer, ITIMER_REAL, &zero, p);
}

static long call_prlimit64_new(void *p)
{
	return syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, p, NULL);
}

static long call_prlimit64_old(void *p)
{
	return syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, p);
}

static long call_setrlimit(void *p)
{
	return syscall(SYS_setrlimit, RLIMIT_NOFILE, p);
}
static long call_getrandom(void *p)
{
	return syscall(SYS_getrandom, p, 16, 0);
}

/* execve runs in a child: if the kernel wrongly succeeds, we survive it. */
static long execve_in_child(const char *path, char *const *argv, char *const *envp)
{
	int p[2], err = 0;
	long r = -1;
	pid_t pid;

	if (pipe(p) < 0)
		return -2;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		fcntl(p[1], F_SETFD, FD_CLOEXEC);	/* success closes it: EOF */
		r = syscall(SYS_execve, path, argv, envp);
		err = errno;
		write(p[1], &r, sizeof(r));
		write(p[1], &err, sizeof(err));
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &r, sizeof(r)) != sizeof(r) || read(p[0], &err, sizeof(err)) != sizeof(err))
		r = 0, err = 0;	/* execve succeeded */
	kill(pid, SIGKILL);
	ut_wait(pid);
	close(p[0]);
	errno = err;
	return r;
}

/* A successful execve runs us again with this marker: main() just exits. */
#define MARK "--efault-exec-marker"
static char *no_args[] = { "x", MARK, NULL };

static long call_execve_path(void *p)
{
	return execve_in_child(p, no_args, no_args + 2);
}

static long call_execve_argv(void *p)
{
	return execve_in_child(ut_self_path(), p, no_args + 2);
}

static long call_execve_envp(void *p)
{
	return execve_in_child(ut_self_path(), no_args, p);
}

static long call_open(void *p)
{
	return syscall(SYS_open, p, O_RDONLY);
}

static long call_openat(void *p)
{
	return syscall(SYS_openat, AT_FDCWD, p, O_RDONLY);
}

static long call_stat_path(void *p)
{
	struct stat st;

	return syscall(SYS_stat, p, &st);
}

static long call_stat_buf(void *p)
{
	return syscall(SYS_stat, "/", p);
}

static long call_fstat_buf(void *p)
{
	return syscall(SYS_fstat, 1, p);
}

static long call_newfstatat_path(void *p)
{
	struct stat st;

	return syscall(SYS_newfstatat, AT_FDCWD, p, &st, 0);
}

static long call_newfstatat_buf(void *p)
{
	return syscall(SYS_newfstatat, AT_FDCWD, "/", p, 0);
}

static long call_getdents64(void *p)
{
	return syscall(SYS_getdents64, open("/", O_RDONLY | O_DIRECTORY), p, 4096);
}

static long call_getcwd(void *p)
{
	return syscall(SYS_getcwd, p, 4096);
}

static long call_chdir(void *p)
{
	return syscall(SYS_chdir, p);
}

static long call_mkdir(void *p)
{
	return syscall(SYS_mkdir, p, 0755);
}

static long call_unlink(void *p)
{
	return syscall(SYS_unlink, p);
}

/* A scratch file in /tmp for the calls that change or write a file. */
static char scratch_path[64];

static int scratch_fd(void)
{
	return open(scratch_path, O_RDWR);
}

static long call_lstat_path(void *p)
{
	struct stat st;

	return syscall(SYS_lstat, p, &st);
}

static long call_lstat_buf(void *p)
{
	return syscall(SYS_lstat, "/", p);
}

static long call_pwrite64(void *p)
{
	return syscall(SYS_pwrite64, scratch_fd(), p, 16, 0);
}

static long call_access(void *p)
{
	return syscall(SYS_access, p, F_OK);
}

static long call_creat(void *p)
{
	return syscall(SYS_creat, p, 0644);
}

static long call_rmdir(void *p)
{
	return syscall(SYS_rmdir, p);
}

static long call_chmod(void *p)
{
	return syscall(SYS_chmod, p, 0644);
}

static long call_fchmodat(void *p)
{
	return syscall(SYS_fchmodat, AT_FDCWD, p, 0644, 0);
}

static long call_mkdirat(void *p)
{
	return syscall(SYS_mkdirat, AT_FDCWD, p, 0755);
}

static long call_unlinkat(void *p)
{
	return syscall(SYS_unlinkat, AT_FDCWD, p, 0);
}

static long call_getrlimit(void *p)
{
	return syscall(SYS_getrlimit, RLIMIT_NOFILE, p);
}

static long call_getresuid(void *p)
{
	uid_t e, s;

	return syscall(SYS_getresuid, p, &e, &s);
}

static long call_getresgid(void *p)
{
	gid_t e, s;

	return syscall(SYS_getresgid, p, &e, &s);
}

#define ARCH_GET_FS 0x1003

static long call_arch_prctl_get_fs(void *p)
{
	return syscall(SYS_arch_prctl, ARCH_GET_FS, p);
}

/* mincore of two mapped pages: two bytes written to p. */
static long call_mincore_vec(void *p)
{
	static void *two_pages;

	if (!two_pages)
		two_pages = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return syscall(SYS_mincore, two_pages, 2 * PAGE, p);
}

#define STRING 0	/* size: a path string */
/* The kernel's struct sysinfo; musl's adds 256 bytes of padding. */
#define KERNEL_SYSINFO_SIZE 112
#define NO_STRADDLE (-1)

static const struct ptr_arg args[] = {
	{ "read_buf", call_read, NO_STRADDLE, false, NULL },
	{ "write_buf", call_write, NO_STRADDLE, false, NULL },
	{ "readv_iov", call_readv_iov, sizeof(struct iovec), false, NULL },
	{ "readv_iov_base", call_readv_base, NO_STRADDLE, false, NULL },
	{ "writev_iov", call_writev_iov, sizeof(struct iovec), false, NULL },
	{ "writev_iov_base", call_writev_base, NO_STRADDLE, false, NULL },
	{ "pread64_buf", call_pread64, NO_STRADDLE, false, NULL },
	{ "pipe_fds", call_pipe, 2 * sizeof(int), false, NULL },
	{ "pipe2_fds", call_pipe2, 2 * sizeof(int), false, NULL },
	{ "wait4_status", call_wait4_status, sizeof(int), true, NULL },
	{ "wait4_rusage", call_wait4_rusage, sizeof(struct rusage), true, NULL },
	{ "rt_sigaction_act", call_rt_sigaction_act, 32, true, NULL },
	{ "mincore_vec", call_mincore_vec, 2, false, NULL },
	{ "rt_sigaction_oldact", call_rt_sigaction_oldact, 32, true, NULL },
	{ "rt_sigprocmask_set", call_rt_sigprocmask_set, 8, true, NULL },
	{ "rt_sigprocmask_oldset", call_rt_sigprocmask_oldset, 8, true, NULL },
	{ "rt_sigpending_set", call_rt_sigpending, 8, false, NULL },
	{ "rt_sigsuspend_mask", call_rt_sigsuspend, 8, false, NULL },
	{ "clock_gettime_tp", call_clock_gettime, sizeof(struct timespec), false, NULL },
	{ "gettimeofday_tv", call_gettimeofday, sizeof(struct timeval), true, NULL },
	{ "nanosleep_req", call_nanosleep_req, sizeof(struct timespec), false, NULL },
	{ "clock_nanosleep_req", call_clock_nanosleep_req, sizeof(struct timespec), false, NULL },
	{ "uname_buf", call_uname, sizeof(struct utsname), false, NULL },
	{ "sysinfo_info", call_sysinfo, KERNEL_SYSINFO_SIZE, false, NULL },
	{ "getitimer_value", call_getitimer, sizeof(struct itimerval), false, NULL },
	{ "setitimer_old", call_setitimer_old, sizeof(struct itimerval), true, NULL },
	{ "prlimit64_new", call_prlimit64_new, sizeof(struct rlimit), true, &good_rlimit },
	{ "prlimit64_old", call_prlimit64_old, sizeof(struct rlimit), true, NULL },
	{ "setrlimit_rlim", call_setrlimit, sizeof(struct rlimit), false, &good_rlimit },
	{ "getrandom_buf", call_getrandom, NO_STRADDLE, false, NULL },
	{ "execve_path", call_execve_path, STRING, false, NULL },
	{ "execve_argv", call_execve_argv, NO_STRADDLE, true, no_args },
	{ "execve_envp", call_execve_envp, NO_STRADDLE, true, no_args + 2 },
	{ "open_path", call_open, STRING, false, NULL },
	{ "openat_path", call_openat, STRING, false, NULL },
	{ "stat_path", call_stat_path, STRING, false, NULL },
	{ "stat_buf", call_stat_buf, sizeof(struct stat), false, NULL },
	{ "fstat_buf", call_fstat_buf, sizeof(struct stat), false, NULL },
	{ "newfstatat_path", call_newfstatat_path, STRING, false, NULL },
	{ "newfstatat_buf", call_newfstatat_buf, sizeof(struct stat), false, NULL },
	{ "getdents64_buf", call_getdents64, NO_STRADDLE, false, NULL },
	{ "getcwd_buf", call_getcwd, NO_STRADDLE, false, NULL },
	{ "chdir_path", call_chdir, STRING, false, NULL },
	{ "mkdir_path", call_mkdir, STRING, false, NULL },
	{ "unlink_path", call_unlink, STRING, false, NULL },
	{ "lstat_path", call_lstat_path, STRING, false, NULL },
	{ "lstat_buf", call_lstat_buf, sizeof(struct stat), false, NULL },
	{ "pwrite64_buf", call_pwrite64, NO_STRADDLE, false, NULL },
	{ "access_path", call_access, STRING, false, NULL },
	{ "creat_path", call_creat, STRING, false, scratch_path },
	{ "rmdir_path", call_rmdir, STRING, false, NULL },
	{ "chmod_path", call_chmod, STRING, false, scratch_path },
	{ "fchmodat_path", call_fchmodat, STRING, false, scratch_path },
	{ "mkdirat_path", call_mkdirat, STRING, false, NULL },
	{ "unlinkat_path", call_unlinkat, STRING, false, NULL },
	{ "getrlimit_rlim", call_getrlimit, sizeof(struct rlimit), false, NULL },
	{ "getresuid_ruid", call_getresuid, sizeof(uid_t), false, NULL },
	{ "getresgid_rgid", call_getresgid, sizeof(gid_t), false, NULL },
	{ "arch_prctl_get_fs", call_arch_prctl_get_fs, sizeof(unsigned long), false, NULL },
};

/* How many bytes the good object has: what prot_none and read_only copy. */
static size_t good_length(const struct ptr_arg *a, const void *good)
{
	if (a->size == STRING)
		return strlen(good) + 1;
	if (a->size > 0)
		return (size_t)a->size;
	if (good == good_buf)
		return sizeof(good_buf);
	size_t n = 0;           /* execve's argv and envp: pointers up to NULL */
	while (((char *const *)good)[n])
		n++;
	return (n + 1) * sizeof(char *);
}

/* One case: a good pointer, then every bad kind, in one argument of one call. */
static void efault_case(const void *argp)
{
	const struct ptr_arg *a = argp;
	void *good = a->good ? a->good : a->size == STRING ? good_path : good_buf;
	size_t good_len = good_length(a, good);
	bool out = is_out_arg(a->name);
	long r;
	int err;
	void *p;

	errno = 0;
	r = a->call(good);
	err = errno;
	CHECKF(r != -1 || err != EFAULT, "%s(good pointer) fails with EFAULT", a->name);
	for (int k = 0; k < NKINDS; k++) {
		if (k == STRADDLE && a->size == NO_STRADDLE)
			continue;
		if (k == PROT_NONE_)
			p = copy_with_prot(prot_none_area, good, good_len, PROT_NONE);
		else if (k == READ_ONLY)
			p = copy_with_prot(read_only_area, good, good_len, PROT_READ);
		else
			p = bad_pointer(k, (size_t)a->size);
		errno = 0;
		r = a->call(p);
		err = errno;
		if (k == READ_ONLY && !out)
			CHECKF(r != -1 || err != EFAULT,
			       "%s(read-only copy of the good object) fails with EFAULT", a->name);
		else if (k == NUL && a->null_ok)
			CHECKF(r != -1, "%s(NULL) is allowed: returned %ld, errno %d (%s)",
			       a->name, r, err, strerror(err));
		else
			CHECKF(r == -1 && err == EFAULT,
			       "%s(%s pointer) returned %ld, errno %d (%s), not EFAULT", a->name,
			       kind_names[k], r, err, strerror(err));
	}
}

/* After many faulting copies, memory next to the hole is as it was. */
static void efault_leaves_memory_intact(void)
{
	struct utsname u;

	for (unsigned i = 0; i < PAGE; i++)
		area[i] = (char)i;
	area[2 * PAGE] = 'z';
	for (int round = 0; round < 100; round++)
		for (int k = NUL; k <= NONCANONICAL; k++) {
			syscall(SYS_uname, bad_pointer(k, 0));
			syscall(SYS_read, 0, bad_pointer(k, 0), 0);
		}
	for (unsigned i = 0; i < PAGE; i++)
		if (!CHECK_EQ(area[i], (char)i))
			break;
	CHECK_EQ(area[2 * PAGE], 'z');
	CHECK_EQ(syscall(SYS_uname, &u), 0);
}

int main(int argc, char **argv)
{
	char name[64];

	/* Started again by a successful execve case (argv NULL gives argc 0,
	 * or on newer Linux a single empty argv[0]): do nothing. */
	if (argc == 0 || argv[0][0] == '\0' || (argc > 1 && strcmp(argv[1], MARK) == 0))
		return 0;
	ut_init(argc, argv);
	make_hole();
	getrlimit(RLIMIT_NOFILE, &good_rlimit);
	snprintf(scratch_path, sizeof(scratch_path), "/tmp/efault-%d", (int)getpid());
	close(open(scratch_path, O_CREAT | O_RDWR, 0644));
	for (size_t i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
		snprintf(name, sizeof(name), "efault_%s", args[i].name);
		ut_run_with(name, efault_case, &args[i]);
	}
	RUN(efault_leaves_memory_intact);
	unlink(scratch_path);
	return ut_done();
}
