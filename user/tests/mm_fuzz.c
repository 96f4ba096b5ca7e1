/*
 * mm_fuzz.c - random address-space calls with edge-case addresses and
 * lengths: mmap (private, shared, fixed, PROT_NONE, 2^46 bytes), munmap,
 * mprotect (PROT_GROWSDOWN too), madvise (every advice number), brk, shmat
 * (SHM_RDONLY, SHM_REMAP, SHM_RND), setrlimit(RLIMIT_AS/RLIMIT_DATA),
 * read and write through random pointers, touches that may fault, and
 * forks that exit over whatever is mapped.
 *
 * Each round runs in a child, with a fixed seed, so a failure can be
 * replayed; the calls may fail in any way, but the kernel must survive,
 * the child must end normally, and free memory must come back (on keyhole
 * to the page). The ranges the program lives in (its text, data, heap,
 * stack and libc) are left alone, so that the round can go on.
 */
#include "utest.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#define CALLS_PER_ROUND 4000
#define GiB (1UL << 30)

static unsigned long long seed;

static unsigned long rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned long)seed;
}

static unsigned long pick_addr(void)
{
	static const unsigned long bases[] = {
		0, 0x1000, 0x10000, 0x400000, 0x100000000UL, 0x7effff000000UL,
		0x7f0000000000UL, 1UL << 46, 1UL << 47, ~0UL,
	};
	unsigned long b = bases[rnd() % (sizeof(bases) / sizeof(bases[0]))];

	switch (rnd() % 4) {
	case 0:
		return b;
	case 1:
		return b + (rnd() % 64) * 4096;
	case 2:
		return b - (rnd() % 64) * 4096;
	default:
		return b + rnd() % 8192;
	}
}

static unsigned long pick_len(void)
{
	static const unsigned long lens[] = {
		0, 1, 4096, 8192, 1UL << 20, 1UL << 30, 1UL << 46, 1UL << 47, ~0UL, ~0UL - 4095,
	};
	unsigned long v = lens[rnd() % (sizeof(lens) / sizeof(lens[0]))];

	return rnd() % 3 == 0 ? v + rnd() % 10000 : v;
}

/* Where this program lives: a GiB either side of each is left alone. */
static unsigned long keep[5];

static bool safe(unsigned long a, unsigned long len)
{
	unsigned long end = a + len < a ? ~0UL : a + len;

	for (int i = 0; i < 5; i++) {
		unsigned long lo = keep[i] > GiB ? keep[i] - GiB : 0, hi = keep[i] + GiB;

		if (a < hi && end > lo)
			return false;
	}
	return end <= 0x7ff000000000UL;         /* nor the top, where stacks are */
}

static sigjmp_buf jb;

static void on_fault(int sig)
{
	(void)sig;
	siglongjmp(jb, 1);
}

static void touch(unsigned long a, bool write)
{
	if (sigsetjmp(jb, 1) == 0) {
		volatile char *p = (volatile char *)a;

		if (write)
			*p = 1;
		else
			(void)*p;
	}
}

static void one_call(int shmid)
{
	unsigned long a = pick_addr(), len = pick_len();
	int prot = (int)(rnd() % 8);

	if (!safe(a, len))
		return;
	switch (rnd() % 10) {
	case 0: {
		int flags = (rnd() % 2 ? MAP_PRIVATE : MAP_SHARED) | MAP_ANONYMOUS | MAP_NORESERVE |
			    (rnd() % 3 == 0 ? MAP_FIXED : 0);
		void *p = mmap((void *)a, len, prot & 7, flags, -1, 0);

		if (p != MAP_FAILED && safe((unsigned long)p, len)) {
			touch((unsigned long)p, true);
			touch((unsigned long)p + (len > 8192 ? 8191 : 0), true);
		}
		break;
	}
	case 1:
		munmap((void *)a, len);
		break;
	case 2:
		mprotect((void *)a, len, prot | (rnd() % 16 == 0 ? PROT_GROWSDOWN : 0));
		break;
	case 3:
		madvise((void *)a, len, (int)(rnd() % 26));
		break;
	case 4:
		syscall(SYS_brk, rnd() % 2 ? a : (unsigned long)sbrk(0) + rnd() % 1000000);
		break;
	case 5: {
		int flg = (rnd() % 3 ? 0 : SHM_RDONLY) | (rnd() % 4 ? 0 : SHM_REMAP) |
			  (rnd() % 4 ? 0 : SHM_RND);
		void *p = shmat(shmid, rnd() % 2 ? (void *)a : NULL, flg);

		if (p != (void *)-1) {
			touch((unsigned long)p, true);
			if (rnd() % 2)
				shmdt(p);
		}
		break;
	}
	case 6:
		if (rnd() % 20 == 0) {
			pid_t c = fork();

			if (c == 0) {
				touch(pick_addr(), rnd() % 2);
				_exit(0);
			}
			if (c > 0)
				waitpid(c, NULL, 0);
		}
		break;
	case 7: {
		struct rlimit r = { rnd() % 3 ? RLIM_INFINITY : pick_len(), RLIM_INFINITY };

		setrlimit(rnd() % 2 ? RLIMIT_AS : RLIMIT_DATA, &r);
		break;
	}
	case 8: {
		int fd[2];

		if (pipe2(fd, O_NONBLOCK) == 0) {
			if (write(fd[1], (void *)a, len % 100) < 0 && errno != EFAULT &&
			    errno != EAGAIN)
				CHECKF(false, "write: %s", strerror(errno));
			if (read(fd[0], (void *)a, len % 100) < 0 && errno != EFAULT &&
			    errno != EAGAIN)
				CHECKF(false, "read: %s", strerror(errno));
			close(fd[0]);
			close(fd[1]);
		}
		break;
	}
	default:
		touch(a, rnd() % 2);
	}
}

/* One round of CALLS_PER_ROUND calls in a child; it must end normally. */
static void round_of_calls(unsigned long long round_seed)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		struct sigaction sa;
		int local, shmid;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_fault;
		sigaction(SIGSEGV, &sa, NULL);
		sigaction(SIGBUS, &sa, NULL);
		keep[0] = (unsigned long)&round_of_calls;
		keep[1] = (unsigned long)&seed;
		keep[2] = (unsigned long)sbrk(0);
		keep[3] = (unsigned long)&local;
		keep[4] = (unsigned long)&memcpy;       /* libc, wherever it is */
		seed = round_seed;
		shmid = shmget(IPC_PRIVATE, 65536, IPC_CREAT | 0600);
		if (shmid >= 0) {
			shmat(shmid, NULL, 0);          /* alive while attached */
			shmctl(shmid, IPC_RMID, NULL);
		}
		for (int i = 0; i < CALLS_PER_ROUND; i++)
			one_call(shmid);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

static unsigned long long next_round = 1;

static void one_round(void)
{
	round_of_calls(88172645463325252ULL + next_round++ * 7919);
}

static void mm_random_calls_survive_and_free_everything(void)
{
	ut_check_no_leak(one_round, 4, "rounds of random address-space calls");
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(mm_random_calls_survive_and_free_everything);
	return ut_done();
}
