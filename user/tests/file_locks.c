/*
 * file_locks.c - fcntl record locks (F_GETLK/F_SETLK/F_SETLKW), open
 * file description locks (F_OFD_*) and flock(2): conflicts between
 * processes, ranges split and merged, POSIX locks dropped by the close of
 * any descriptor and at exit, OFD locks and flocks by the last close,
 * waiting and waking, EDEADLK, a wait ended by a signal (EINTR) or a
 * kill, an unlinked file's locks, and the errno and EFAULT matrix.
 * Linux's answers.
 */
#include "utest.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#ifndef F_OFD_GETLK
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#endif

static char path[64];

static int open_file(int flags)
{
	snprintf(path, sizeof(path), "/tmp/file_locks.%d", (int)getpid());
	return open(path, flags | O_CREAT, 0644);
}

static int lk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

/* F_GETLK for type at [start, start+len): the answer in *out. */
static struct flock getlk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	CHECK_SYS(fcntl(fd, cmd, &fl));
	return fl;
}

/* Run body in a child that has its own descriptor fd2 on the file. */
#define IN_CHILD(...)                                                          \
	do {                                                                   \
		pid_t pid_ = ut_fork();                                        \
		if (pid_ == 0) {                                               \
			int fd2 = open(path, O_RDWR);                          \
			CHECK_SYS(fd2);                                        \
			__VA_ARGS__;                                           \
			ut_child_exit();                                       \
		}                                                              \
		CHECK_EXITED(pid_, 0);                                         \
	} while (0)

static void conflicts_between_processes(void)
{
	int fd = open_file(O_RDWR);
	pid_t me = getpid();

	if (!CHECK_SYS(fd))
		return;
	CHECK_SYS(lk(fd, F_SETLK, F_WRLCK, 0, 100));
	IN_CHILD({
		struct flock fl = getlk(fd2, F_GETLK, F_RDLCK, 50, 10);
		CHECK_EQ(fl.l_type, F_WRLCK);
		CHECK_EQ(fl.l_start, 0);
		CHECK_EQ(fl.l_len, 100);
		CHECK_EQ(fl.l_pid, me);
		CHECK_EQ(fl.l_whence, SEEK_SET);
		CHECK_ERR(lk(fd2, F_SETLK, F_RDLCK, 99, 1), EAGAIN);
		CHECK_SYS(lk(fd2, F_SETLK, F_RDLCK, 100, 10));      /* next to it: fine */
		CHECK_EQ(getlk(fd2, F_GETLK, F_WRLCK, 100, 0).l_type, F_UNLCK); /* its own */
	});
	/* The parent's own lock never conflicts with itself. */
	CHECK_EQ(getlk(fd, F_GETLK, F_WRLCK, 0, 0).l_type, F_UNLCK);
	/* Whole-file lock to EOF shows l_len 0. */
	CHECK_SYS(lk(fd, F_SETLK, F_WRLCK, 1000, 0));
	IN_CHILD({
		struct flock fl = getlk(fd2, F_GETLK, F_WRLCK, 5000, 1);
		CHECK_EQ(fl.l_start, 1000);
		CHECK_EQ(fl.l_len, 0);
	});
	close(fd);
	unlink(path);
}

static void ranges_split_and_merge(void)
{
	int fd = open_file(O_RDWR);

	if (!CHECK_SYS(fd))
		return;
	CHECK_SYS(lk(fd, F_SETLK, F_WRLCK, 0, 100));
	CHECK_SYS(lk(fd, F_SETLK, F_UNLCK, 40, 20));            /* a hole: two locks */
	IN_CHILD({
		CHECK_EQ(getlk(fd2, F_GETLK, F_WRLCK, 40, 20).l_type, F_UNLCK);
		struct flock a = getlk(fd2, F_GETLK, F_WRLCK, 30, 20);
		CHECK_EQ(a.l_start, 0);
		CHECK_EQ(a.l_len, 40);
		struct flock b = getlk(fd2, F_GETLK, F_WRLCK, 50, 20);
		CHECK_EQ(b.l_start, 60);
		CHECK_EQ(b.l_len, 40);
	});
	CHECK_SYS(lk(fd, F_SETLK, F_RDLCK, 40, 20));            /* a read lock in the hole */
	IN_CHILD({
		CHECK_EQ(getlk(fd2, F_GETLK, F_RDLCK, 40, 20).l_type, F_UNLCK);
		struct flock r = getlk(fd2, F_GETLK, F_WRLCK, 45, 1);
		CHECK_EQ(r.l_type, F_RDLCK);
		CHECK_EQ(r.l_start, 40);
		CHECK_EQ(r.l_len, 20);
	});
	CHECK_SYS(lk(fd, F_SETLK, F_WRLCK, 40, 20));            /* merges back into one */
	IN_CHILD({
		struct flock w = getlk(fd2, F_GETLK, F_WRLCK, 0, 0);
		CHECK_EQ(w.l_type, F_WRLCK);
		CHECK_EQ(w.l_start, 0);
		CHECK_EQ(w.l_len, 100);
	});
	CHECK_SYS(lk(fd, F_SETLK, F_RDLCK, 10, 10));            /* a downgrade in the middle */
	IN_CHILD({
		CHECK_SYS(lk(fd2, F_SETLK, F_RDLCK, 12, 5));
		CHECK_ERR(lk(fd2, F_SETLK, F_RDLCK, 5, 10), EAGAIN);
		/* l_len < 0: the bytes before l_start. */
		struct flock n = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 100,
				   .l_len = -10 };
		CHECK_SYS(fcntl(fd2, F_GETLK, &n));
		CHECK_EQ(n.l_start, 20);
	});
	close(fd);
	unlink(path);
}

static void posix_locks_go_with_any_close(void)
{
	int fd = open_file(O_RDWR), fd2 = open(path, O_RDONLY);

	if (!CHECK_SYS(fd) || !CHECK_SYS(fd2))
		return;
	CHECK_SYS(lk(fd, F_SETLK, F_WRLCK, 0, 0));
	close(fd2);                             /* another descriptor: the lock goes */
	IN_CHILD({ CHECK_EQ(getlk(fd2, F_GETLK, F_WRLCK, 0, 0).l_type, F_UNLCK); });
	/* dup and close the dup: the same. */
	CHECK_SYS(lk(fd, F_SETLK, F_WRLCK, 0, 0));
	close(dup(fd));
	IN_CHILD({ CHECK_EQ(getlk(fd2, F_GETLK, F_WRLCK, 0, 0).l_type, F_UNLCK); });
	/* At exit: a child's locks go when it ends. */
	IN_CHILD({ CHECK_SYS(lk(fd2, F_SETLK, F_WRLCK, 0, 10)); });
	CHECK_SYS(lk(fd, F_SETLK, F_WRLCK, 0, 10));
	/* An unlinked file keeps its locks. */
	CHECK_SYS(unlink(path));
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(getlk(fd, F_GETLK, F_WRLCK, 0, 1).l_type, F_WRLCK);  /* inherited fd */
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	close(fd);
}

static void ofd_locks_belong_to_the_open_file(void)
{
	int fd = open_file(O_RDWR), fd2 = open(path, O_RDWR), fd3;
	struct flock fl;

	if (!CHECK_SYS(fd) || !CHECK_SYS(fd2))
		return;
	CHECK_SYS(lk(fd, F_OFD_SETLK, F_WRLCK, 0, 10));
	CHECK_ERR(lk(fd2, F_OFD_SETLK, F_WRLCK, 5, 1), EAGAIN);  /* same process, other file */
	CHECK_ERR(lk(fd2, F_SETLK, F_WRLCK, 5, 1), EAGAIN);      /* and POSIX conflicts too */
	fl = getlk(fd2, F_OFD_GETLK, F_RDLCK, 0, 0);
	CHECK_EQ(fl.l_type, F_WRLCK);
	CHECK_EQ(fl.l_pid, -1);
	CHECK_SYS(fd3 = dup(fd));
	close(fd3);                                             /* not the last close */
	CHECK_EQ(getlk(fd2, F_OFD_GETLK, F_RDLCK, 0, 0).l_type, F_WRLCK);
	/* A forked child shares the open file, so the lock is its own too. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(lk(fd, F_OFD_SETLK, F_WRLCK, 0, 20));
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_EQ(getlk(fd2, F_OFD_GETLK, F_RDLCK, 15, 1).l_type, F_WRLCK);
	close(fd);                                              /* the last close */
	CHECK_EQ(getlk(fd2, F_OFD_GETLK, F_WRLCK, 0, 0).l_type, F_UNLCK);
	fl = (struct flock){ .l_type = F_WRLCK, .l_pid = 1 };
	CHECK_ERR(fcntl(fd2, F_OFD_SETLK, &fl), EINVAL);
	CHECK_ERR(fcntl(fd2, F_OFD_GETLK, &fl), EINVAL);
	close(fd2);
	unlink(path);
}

static void setlkw_waits_for_the_unlock(void)
{
	int fd = open_file(O_RDWR), go[2], done[2];
	char c;

	if (!CHECK_SYS(fd) || !CHECK_SYS(pipe(go)) || !CHECK_SYS(pipe(done)))
		return;
	CHECK_SYS(lk(fd, F_SETLK, F_WRLCK, 0, 10));
	pid_t pid = ut_fork();
	if (pid == 0) {
		int fd2 = open(path, O_RDWR);
		CHECK_EQ(write(go[1], "w", 1), 1);
		CHECK_SYS(lk(fd2, F_SETLKW, F_WRLCK, 5, 1));     /* waits */
		CHECK_EQ(write(done[1], "d", 1), 1);
		ut_child_exit();
	}
	CHECK_EQ(read(go[0], &c, 1), 1);
	usleep(100000);
	CHECK_SYS(lk(fd, F_SETLK, F_UNLCK, 0, 5));              /* not its range: waits on */
	usleep(100000);
	CHECK_SYS(lk(fd, F_SETLK, F_UNLCK, 0, 0));
	CHECK_EQ(read(done[0], &c, 1), 1);
	CHECK_EXITED(pid, 0);
	close(fd);
	unlink(path);
}

static void setlkw_deadlock_is_edeadlk(void)
{
	int fd = open_file(O_RDWR), ready[2];
	char c;

	if (!CHECK_SYS(fd) || !CHECK_SYS(pipe(ready)))
		return;
	CHECK_SYS(lk(fd, F_SETLK, F_WRLCK, 0, 1));               /* A */
	pid_t pid = ut_fork();
	if (pid == 0) {
		int fd2 = open(path, O_RDWR);
		CHECK_SYS(lk(fd2, F_SETLK, F_WRLCK, 1, 1));      /* B */
		CHECK_EQ(write(ready[1], "r", 1), 1);
		CHECK_SYS(lk(fd2, F_SETLKW, F_WRLCK, 0, 1));     /* waits for A */
		ut_child_exit();
	}
	CHECK_EQ(read(ready[0], &c, 1), 1);
	usleep(200000);                                         /* let it block */
	CHECK_ERR(lk(fd, F_SETLKW, F_WRLCK, 1, 1), EDEADLK);   /* B, held by a waiter for A */
	CHECK_SYS(lk(fd, F_SETLK, F_UNLCK, 0, 1));              /* the child gets A */
	CHECK_EXITED(pid, 0);
	close(fd);
	unlink(path);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void setlkw_signal_and_kill(void)
{
	int fd = open_file(O_RDWR), ready[2];
	char c;

	if (!CHECK_SYS(fd) || !CHECK_SYS(pipe(ready)))
		return;
	CHECK_SYS(lk(fd, F_SETLK, F_WRLCK, 0, 0));
	IN_CHILD({
		struct sigaction sa = { .sa_handler = on_alarm };     /* no SA_RESTART */
		sigaction(SIGALRM, &sa, NULL);
		alarm(1);
		CHECK_ERR(lk(fd2, F_SETLKW, F_WRLCK, 0, 1), EINTR);
	});
	/* A waiter killed: it leaves nothing behind; the next one gets the lock. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		int fd2 = open(path, O_RDWR);
		CHECK_EQ(write(ready[1], "r", 1), 1);
		lk(fd2, F_SETLKW, F_WRLCK, 0, 1);
		_exit(3);
	}
	CHECK_EQ(read(ready[0], &c, 1), 1);
	usleep(100000);
	CHECK_SYS(kill(pid, SIGKILL));
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	CHECK_SYS(lk(fd, F_SETLK, F_UNLCK, 0, 0));
	IN_CHILD({ CHECK_SYS(lk(fd2, F_SETLK, F_WRLCK, 0, 0)); });
	close(fd);
	unlink(path);
}

static void flock_whole_file(void)
{
	int fd = open_file(O_RDONLY);

	if (!CHECK_SYS(fd))
		return;
	CHECK_SYS(flock(fd, LOCK_EX));                          /* O_RDONLY is enough */
	IN_CHILD({
		CHECK_ERR(flock(fd2, LOCK_EX | LOCK_NB), EWOULDBLOCK);
		CHECK_ERR(flock(fd2, LOCK_SH | LOCK_NB), EWOULDBLOCK);
		CHECK_SYS(flock(fd, LOCK_EX | LOCK_NB));        /* the inherited file: ours */
		CHECK_SYS(lk(fd2, F_SETLK, F_WRLCK, 0, 0));      /* POSIX is another world */
	});
	CHECK_SYS(flock(fd, LOCK_SH));                          /* a downgrade */
	IN_CHILD({
		CHECK_SYS(flock(fd2, LOCK_SH | LOCK_NB));
		CHECK_ERR(flock(fd2, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	});
	CHECK_SYS(flock(fd, LOCK_UN));
	IN_CHILD({ CHECK_SYS(flock(fd2, LOCK_EX | LOCK_NB)); });
	CHECK_SYS(flock(fd, LOCK_UN));                          /* nothing held: fine */
	CHECK_ERR(flock(fd, 0), EINVAL);
	CHECK_ERR(flock(fd, LOCK_SH | LOCK_EX), EINVAL);
	CHECK_ERR(flock(-1, LOCK_SH), EBADF);
	/* The last close drops it. */
	int fd3 = open(path, O_RDONLY);
	CHECK_SYS(flock(fd3, LOCK_EX));
	close(fd3);
	IN_CHILD({ CHECK_SYS(flock(fd2, LOCK_EX | LOCK_NB)); });
	close(fd);
	unlink(path);
}

static void lock_errno_matrix(void)
{
	int fd = open_file(O_RDWR), ro = open(path, O_RDONLY), wo = open(path, O_WRONLY);
	struct flock fl;

	if (!CHECK_SYS(fd) || !CHECK_SYS(ro) || !CHECK_SYS(wo))
		return;
	CHECK_ERR(lk(-1, F_SETLK, F_WRLCK, 0, 0), EBADF);
	CHECK_ERR(lk(ro, F_SETLK, F_WRLCK, 0, 0), EBADF);
	CHECK_ERR(lk(wo, F_SETLK, F_RDLCK, 0, 0), EBADF);
	CHECK_SYS(lk(ro, F_SETLK, F_UNLCK, 0, 0));
	CHECK_ERR(lk(fd, F_SETLK, 7, 0, 0), EINVAL);
	CHECK_ERR(lk(fd, F_SETLK, F_WRLCK, -1, 0), EINVAL);
	CHECK_ERR(lk(fd, F_SETLK, F_WRLCK, 5, -10), EINVAL);
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = 7 };
	CHECK_ERR(fcntl(fd, F_SETLK, &fl), EINVAL);
	fl = (struct flock){ .l_type = F_UNLCK };
	CHECK_ERR(fcntl(fd, F_GETLK, &fl), EINVAL);
	CHECK_ERR(syscall(SYS_fcntl, fd, F_SETLK, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_fcntl, fd, F_GETLK, (void *)1), EFAULT);
	CHECK_ERR(syscall(SYS_fcntl, fd, F_OFD_SETLKW, (void *)-4096L), EFAULT);
	/* SEEK_CUR and SEEK_END count from the position and the size. */
	CHECK_EQ(write(fd, "0123456789", 10), 10);
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_start = -5, .l_len = 2 };
	CHECK_SYS(fcntl(fd, F_SETLK, &fl));
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_END, .l_start = -8, .l_len = 0 };
	IN_CHILD({
		struct flock g = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0 };
		CHECK_SYS(fcntl(fd2, F_GETLK, &g));
		CHECK_EQ(g.l_start, 5);
		CHECK_EQ(g.l_len, 2);
	});
	close(wo);
	close(ro);
	close(fd);
	unlink(path);
}

/*
 * The owner's locks against a model: random locks and unlocks of a
 * 64-byte region (a byte array says what each byte holds), and after
 * every few a child asks F_GETLK about each byte: the type must be the
 * model's, and the range the whole run of that type around it (locks of
 * one type that touch are merged into one).
 */
static void random_ranges_match_a_model(void)
{
	enum { N = 64 };
	static const short types[] = { F_RDLCK, F_WRLCK, F_UNLCK };
	short model[N];
	unsigned int seed = 12345;
	int fd = open_file(O_RDWR);

	if (!CHECK_SYS(fd))
		return;
	for (int i = 0; i < N; i++)
		model[i] = F_UNLCK;
	for (int round = 1; round <= 120; round++) {
		seed = seed * 1103515245 + 12345;
		short type = types[(seed >> 16) % 3];
		int start = (int)((seed >> 8) % N);
		seed = seed * 1103515245 + 12345;
		int len = 1 + (int)((seed >> 16) % (unsigned int)(N - start));

		CHECK_SYS(lk(fd, F_SETLK, type, start, len));
		for (int i = start; i < start + len; i++)
			model[i] = type;
		if (round % 20)
			continue;
		IN_CHILD({
			for (int i = 0; i <= N; i++) {
				struct flock g = getlk(fd2, F_GETLK, F_WRLCK, i, 1);
				short want = i < N ? model[i] : F_UNLCK;
				int lo = i, hi = i;

				if (!CHECKF(g.l_type == want, "round %d byte %d: type %d, model %d",
					    round, i, g.l_type, want))
					break;
				if (want == F_UNLCK)
					continue;
				while (lo > 0 && model[lo - 1] == want)
					lo--;
				while (hi < N - 1 && model[hi + 1] == want)
					hi++;
				if (!CHECKF(g.l_start == lo && g.l_len == hi - lo + 1,
					    "round %d byte %d: lock [%ld, +%ld), model [%d, %d]", round,
					    i, (long)g.l_start, (long)g.l_len, lo, hi))
					break;
			}
		});
	}
	close(fd);
	unlink(path);
}

static int cycle_fd;

static void lock_cycle(void)
{
	lk(cycle_fd, F_SETLK, F_WRLCK, 0, 100);
	lk(cycle_fd, F_SETLK, F_UNLCK, 10, 10);
	lk(cycle_fd, F_OFD_SETLK, F_RDLCK, 200, 10);
	flock(cycle_fd, LOCK_EX);
	int fd = open(path, O_RDWR);
	close(fd);                              /* drops the POSIX ones */
	flock(cycle_fd, LOCK_UN);
	lk(cycle_fd, F_OFD_SETLK, F_UNLCK, 0, 0);
}

static void locks_do_not_leak(void)
{
	cycle_fd = open_file(O_RDWR);
	if (!CHECK_SYS(cycle_fd))
		return;
	ut_check_no_leak(lock_cycle, 200, "lock/split/close rounds");
	close(cycle_fd);
	unlink(path);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(conflicts_between_processes);
	RUN(ranges_split_and_merge);
	RUN(posix_locks_go_with_any_close);
	RUN(ofd_locks_belong_to_the_open_file);
	RUN(setlkw_waits_for_the_unlock);
	RUN(setlkw_deadlock_is_edeadlk);
	RUN(setlkw_signal_and_kill);
	RUN(flock_whole_file);
	RUN(lock_errno_matrix);
	RUN(random_ranges_match_a_model);
	RUN(locks_do_not_leak);
	return ut_done();
}
