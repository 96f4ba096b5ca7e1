/*
 * select.c - poll(2), ppoll(2), select(2) and pselect6(2): wait until one
 * of several files is ready (Linux's fs/select.c). select's sets become a
 * list of pollfds (the descriptors in any set), and both go through the
 * same wait (do_poll). ppoll and pselect6 put their signal mask in force
 * for the wait, as sigsuspend does, and give it back after a handler if
 * a signal ended it; ppoll, select and pselect6 write the time left back
 * to the caller's timeout, as Linux. select reads each set up to the size
 * of the descriptor table (NR_OPEN bits; Linux reads up to its table's
 * current size).
 *
 * Each file says what it is ready for with its f_op->poll(file, pt): a
 * mask of EPOLL* bits (fs/poll.h). A file without the method is always
 * ready to read and write (DEFAULT_POLLMASK). On the first pass over the
 * descriptors pt is the caller's poll_wqueues, and each method calls
 * poll_wait() for every wait queue on which its readiness can change
 * (a pipe: both of its queues); poll_wait() hangs a poll_table_entry of
 * the caller's on that queue. Later passes pass NULL: the entries stay
 * where they are until the call ends (poll_freewait).
 *
 * Sleeping. A wake-up on any of those queues runs pollwake(), which sets
 * triggered and wakes the caller, who then asks every method again. No
 * wake-up is lost: the caller is on every queue before its first look,
 * and it goes to sleep only if nothing set triggered since it cleared it
 * before its last look. The timeout is a clock deadline (kernel/timer.c).
 *
 * Memory. A poll of up to POLL_STACK_FDS descriptors keeps its copy of
 * the pollfds and its table entries on the stack (Linux's stack_pps and
 * inline_entries), so it cannot fail for want of memory, and a poller
 * that sleeps or is preempted holds no memory another process would see
 * missing from sysinfo().freeram. Bigger polls kmalloc both arrays.
 *
 * Locking: each entry is on its queue under that queue's lock
 * (add/remove_wait_queue); triggered is written by wakers, read by the
 * poller after it set its state (the usual sleep/wake order).
 */
#include "fs/fdtable.h"
#include "fs/poll.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/wait.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define POLL_WAITS_PER_FD 2             /* the most queues one method names */
#define POLL_STACK_FDS  8               /* polls of up to this many fds allocate nothing */

struct poll_table_entry {
	struct wait_queue_head *wait_address;   /* the queue it hangs on */
	struct wait_queue_entry wait;
};

struct poll_table_struct {              /* Linux's struct poll_wqueues */
	struct task_struct *polling_task;
	int triggered;                  /* a queue was woken since the last look */
	int error;                      /* -ENOMEM: more queues than entries */
	int nr, max;
	struct poll_table_entry *entries;
};

struct pollfd {
	int fd;
	short events, revents;
};

static int pollwake(struct wait_queue_entry *wait, unsigned int mode, void *key)
{
	poll_table *pt = wait->private;

	(void)key;
	WRITE_ONCE(pt->triggered, 1);
	return try_to_wake_up(pt->polling_task, mode);
}

/*
 * poll_wait - a poll method's "my readiness changes when wq is woken":
 * on the first pass, put the poller on wq.
 *
 * Context: process context, in a poll method.
 */
void poll_wait(struct file *filp, struct wait_queue_head *wq, poll_table *pt)
{
	struct poll_table_entry *e;

	(void)filp;
	if (!pt || !wq)
		return;
	if (pt->nr == pt->max) {
		pt->error = -ENOMEM;
		return;
	}
	e = &pt->entries[pt->nr++];
	e->wait_address = wq;
	e->wait = (struct wait_queue_entry){ .private = pt, .func = pollwake };
	INIT_LIST_HEAD(&e->wait.entry);
	add_wait_queue(wq, &e->wait);
}

static void poll_freewait(poll_table *pt)
{
	for (int i = 0; i < pt->nr; i++)
		remove_wait_queue(pt->entries[i].wait_address, &pt->entries[i].wait);
}

/* One pass: fill each revents. Return: how many have some. */
static int do_pollfds(struct pollfd *fds, unsigned int nfds, poll_table *pt)
{
	int count = 0;

	for (unsigned int i = 0; i < nfds; i++) {
		struct file *file;
		unsigned int mask = 0;

		if (fds[i].fd >= 0) {
			file = fget((unsigned int)fds[i].fd);
			if (!file) {
				mask = EPOLLNVAL;
			} else {
				mask = file->f_op && file->f_op->poll ? file->f_op->poll(file, pt)
								      : DEFAULT_POLLMASK;
				/* Errors and hang-ups come whether asked for or not. */
				mask &= (unsigned short)fds[i].events | EPOLLERR | EPOLLHUP;
				fput(file);
			}
		}
		fds[i].revents = (short)mask;
		count += mask != 0;
	}
	return count;
}

/*
 * The wait of every poll and select: look at every descriptor, sleep
 * until one of their queues is woken, look again, until one is ready,
 * the clock reads end (0: never wait; KTIME_MAX: no limit), or a signal
 * comes. Return: how many have events, 0 (the time is up), -ENOMEM (more
 * queues than entries), or -ERESTARTNOHAND (a signal).
 */
static long do_poll(struct pollfd *fds, unsigned int nfds, poll_table *table, u64 end)
{
	poll_table *pt = table;
	long ret;

	for (;;) {
		WRITE_ONCE(table->triggered, 0);
		ret = do_pollfds(fds, nfds, pt);
		pt = NULL;                      /* registered once, on the first pass */
		if (ret || !end || table->error)
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTNOHAND;
			break;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!READ_ONCE(table->triggered) && !signal_pending(current) &&
		    !schedule_hrtimeout(end)) {
			ret = do_pollfds(fds, nfds, NULL);      /* the time is up: a last look */
			break;
		}
		set_current_state(TASK_RUNNING);
	}
	set_current_state(TASK_RUNNING);
	poll_freewait(table);
	if (!ret && table->error)
		ret = table->error;
	return ret;
}

/*
 * poll and ppoll: copy the pollfds in, wait, copy each revents out. A
 * poll of up to POLL_STACK_FDS descriptors allocates nothing.
 */
static long do_sys_poll(struct pollfd *ufds, unsigned int nfds, u64 end)
{
	struct pollfd stack_fds[POLL_STACK_FDS];
	struct poll_table_entry stack_entries[POLL_STACK_FDS * POLL_WAITS_PER_FD];
	poll_table table = { .polling_task = current, .max = (int)nfds * POLL_WAITS_PER_FD };
	struct pollfd *fds = stack_fds;
	long ret;

	if (nfds > READ_ONCE(current->rlim[RLIMIT_NOFILE].rlim_cur))
		return -EINVAL;         /* at most NR_OPEN (kernel/sys.c, do_prlimit) */
	table.entries = stack_entries;
	if (nfds > POLL_STACK_FDS) {
		fds = kmalloc(nfds * sizeof(*fds), GFP_KERNEL);
		table.entries = kmalloc((size_t)table.max * sizeof(*table.entries), GFP_KERNEL);
		if (!fds || !table.entries) {
			ret = -ENOMEM;
			goto out_free;
		}
	}
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		ret = -EFAULT;
		goto out_free;
	}
	ret = do_poll(fds, nfds, &table, end);
	for (unsigned int i = 0; ret >= 0 && i < nfds; i++)
		if (put_user(fds[i].revents, &ufds[i].revents))
			ret = -EFAULT;
out_free:
	if (fds != stack_fds) {
		kfree(table.entries);
		kfree(fds);
	}
	return ret;
}

/*
 * poll(2). timeout_ms < 0 waits for ever, 0 not at all.
 * Return: the number of descriptors with events, 0 on timeout, -EINVAL
 * (nfds above RLIMIT_NOFILE), -EFAULT, -ENOMEM, or -ERESTARTNOHAND for a
 * signal (EINTR once a handler runs: poll is never restarted after one).
 */
SYSCALL_DEFINE3(poll, struct pollfd *, ufds, unsigned int, nfds, int, timeout_ms)
{
	u64 end = KTIME_MAX;

	if (timeout_ms == 0)
		end = 0;
	else if (timeout_ms > 0)
		end = ktime_get_ns() + (u64)timeout_ms * NSEC_PER_MSEC;
	return do_sys_poll(ufds, nfds, end);
}

/* The user's struct timespec and struct timeval (64-bit fields). */
struct user_timespec {
	s64 tv_sec, tv_nsec;
};

struct user_timeval {
	s64 tv_sec, tv_usec;
};

/* A timeout as a deadline (Linux's poll_select_set_timeout): 0 for a
 * zero timeout (no wait). Return: 0 or -EINVAL (negative, nsec out of
 * range). */
static int set_timeout(u64 *end, s64 sec, s64 nsec)
{
	if (sec < 0 || nsec < 0 || nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	*end = (sec || nsec) ? ktime_get_ns() + timespec_to_ns(sec, nsec) : 0;
	if (*end > KTIME_MAX)
		*end = KTIME_MAX;
	return 0;
}

/*
 * The timeout of ppoll and pselect6, a struct timespec at tsp (NULL: wait
 * for ever): set *end as set_timeout does and *zero for a timeout of 0.
 * Return: 0, -EFAULT, or -EINVAL for a bad timespec.
 */
static int get_user_timeout(const struct user_timespec *tsp, u64 *end, bool *zero)
{
	struct user_timespec ts;

	if (!tsp)
		return 0;
	if (copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	if (set_timeout(end, ts.tv_sec, ts.tv_nsec))
		return -EINVAL;
	*zero = !ts.tv_sec && !ts.tv_nsec;
	return 0;
}

/* What is left of the wait until end, in ns (0 if past). */
static u64 time_left(u64 end)
{
	u64 now = ktime_get_ns();

	return end > now ? end - now : 0;
}

#define SIG_UNBLOCKABLE (sigmask(SIGKILL) | sigmask(SIGSTOP))

/*
 * ppoll's and pselect6's signal mask: in force for the wait (Linux's
 * set_user_sigmask). Return: 0, -EINVAL (size), -EFAULT.
 */
static int set_user_sigmask(const sigset_t *umask, size_t sigsetsize)
{
	sigset_t mask;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = mask & ~SIG_UNBLOCKABLE;
	return 0;
}

/*
 * The end of ppoll, select and pselect6 (Linux's poll_select_finish): the
 * old signal mask comes back now, unless a signal interrupted the wait
 * (then it comes back after the handler: the handler runs under the
 * call's mask, as sigsuspend's); the time left goes back to the user's
 * timeout, unless it was zero. A timeout the user cannot be written to
 * is left alone, but then an interrupted call cannot be restarted
 * (EINTR).
 */
static long poll_select_finish(u64 end, bool zero, void *utime, bool timeval, long ret)
{
	if (ret != -ERESTARTNOHAND && current->restore_sigmask) {
		current->blocked = current->saved_sigmask;
		current->restore_sigmask = false;
	}
	if (!utime || zero)
		return ret;
	u64 left = time_left(end);
	int err;

	if (timeval) {
		struct user_timeval tv = { (s64)(left / NSEC_PER_SEC),
					   (s64)(left % NSEC_PER_SEC / NSEC_PER_USEC) };

		err = copy_to_user(utime, &tv, sizeof(tv)) ? -EFAULT : 0;
	} else {
		struct user_timespec ts = { (s64)(left / NSEC_PER_SEC),
					    (s64)(left % NSEC_PER_SEC) };

		err = copy_to_user(utime, &ts, sizeof(ts)) ? -EFAULT : 0;
	}
	if (err && ret == -ERESTARTNOHAND)
		ret = -EINTR;
	return ret;
}

/*
 * ppoll(2): poll with a timespec timeout (NULL: for ever) and a signal
 * mask in force while it waits.
 * Return: as poll, or -EINVAL (a bad timeout or sigsetsize), -EFAULT.
 */
SYSCALL_DEFINE5(ppoll, struct pollfd *, ufds, unsigned int, nfds, struct user_timespec *, tsp,
		const sigset_t *, sigmask, size_t, sigsetsize)
{
	u64 end = KTIME_MAX;
	bool zero = false;
	long ret = get_user_timeout(tsp, &end, &zero);

	if (ret)
		return ret;
	ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, end);
	return poll_select_finish(end, zero, tsp, false, ret);
}

/* select's sets: bit fd of the word fd / 64. */
#define NFDBITS         64
#define FDS_WORDS(n)    (((n) + NFDBITS - 1) / NFDBITS)
#define POLLIN_SET      (EPOLLRDNORM | EPOLLRDBAND | EPOLLIN | EPOLLHUP | EPOLLERR)
#define POLLOUT_SET     (EPOLLWRBAND | EPOLLWRNORM | EPOLLOUT | EPOLLERR)
#define POLLEX_SET      EPOLLPRI

static inline bool fd_isset(const u64 *set, unsigned int fd)
{
	return set && (set[fd / NFDBITS] >> (fd % NFDBITS) & 1);
}

/*
 * select's core (Linux's core_sys_select): read the three sets (n bits
 * each; NULL: empty), poll the descriptors in any of them, write back the
 * ready ones. Each descriptor in a set must be open (EBADF).
 * Return: the number of bits set in the results, 0 (time up), -EINVAL
 * (n < 0), -EBADF, -EFAULT, -ENOMEM, -ERESTARTNOHAND.
 */
static long core_sys_select(int n, u64 *inp, u64 *outp, u64 *exp, u64 end)
{
	u64 in[FDS_WORDS(NR_OPEN)] = { 0 }, out[FDS_WORDS(NR_OPEN)] = { 0 },
	    ex[FDS_WORDS(NR_OPEN)] = { 0 };
	struct pollfd stack_fds[POLL_STACK_FDS], *fds = stack_fds;
	struct poll_table_entry stack_entries[POLL_STACK_FDS * POLL_WAITS_PER_FD];
	poll_table table = { .polling_task = current, .entries = stack_entries };
	unsigned int nfds = 0, k = 0;
	size_t bytes;
	long ret;

	if (n < 0)
		return -EINVAL;
	if (n > NR_OPEN)
		n = NR_OPEN;            /* the size of the descriptor table, as Linux */
	bytes = FDS_WORDS((unsigned int)n) * sizeof(u64);
	if ((inp && copy_from_user(in, inp, bytes)) || (outp && copy_from_user(out, outp, bytes)) ||
	    (exp && copy_from_user(ex, exp, bytes)))
		return -EFAULT;
	/* Bits past n in the last word are not ours to look at. */
	if (n % NFDBITS) {
		u64 keep = (1ULL << (n % NFDBITS)) - 1;

		in[n / NFDBITS] &= keep;
		out[n / NFDBITS] &= keep;
		ex[n / NFDBITS] &= keep;
	}
	for (unsigned int fd = 0; fd < (unsigned int)n; fd++) {
		if (!fd_isset(in, fd) && !fd_isset(out, fd) && !fd_isset(ex, fd))
			continue;
		struct file *f = fget(fd);

		if (!f)
			return -EBADF;
		fput(f);
		nfds++;
	}
	table.max = (int)nfds * POLL_WAITS_PER_FD;
	if (nfds > POLL_STACK_FDS) {
		fds = kmalloc(nfds * sizeof(*fds), GFP_KERNEL);
		table.entries = kmalloc((size_t)table.max * sizeof(*table.entries), GFP_KERNEL);
		if (!fds || !table.entries) {
			ret = -ENOMEM;
			goto out_free;
		}
	}
	for (unsigned int fd = 0; fd < (unsigned int)n && k < nfds; fd++) {
		short events = (short)((fd_isset(in, fd) ? POLLIN_SET : 0) |
				       (fd_isset(out, fd) ? POLLOUT_SET : 0) |
				       (fd_isset(ex, fd) ? POLLEX_SET : 0));

		if (events)
			fds[k++] = (struct pollfd){ .fd = (int)fd, .events = events };
	}
	ret = do_poll(fds, nfds, &table, end);
	if (ret < 0)
		goto out_free;
	/* The results, counted per bit (a descriptor ready both ways counts twice). */
	u64 rin[FDS_WORDS(NR_OPEN)] = { 0 }, rout[FDS_WORDS(NR_OPEN)] = { 0 },
	    rex[FDS_WORDS(NR_OPEN)] = { 0 };

	ret = 0;
	for (unsigned int i = 0; i < nfds; i++) {
		unsigned int fd = (unsigned int)fds[i].fd;
		u64 bit = 1ULL << (fd % NFDBITS);
		unsigned int mask = (unsigned short)fds[i].revents;

		if (mask & EPOLLNVAL)
			continue;               /* closed meanwhile */
		if ((mask & POLLIN_SET) && fd_isset(in, fd)) {
			rin[fd / NFDBITS] |= bit;
			ret++;
		}
		if ((mask & POLLOUT_SET) && fd_isset(out, fd)) {
			rout[fd / NFDBITS] |= bit;
			ret++;
		}
		if ((mask & POLLEX_SET) && fd_isset(ex, fd)) {
			rex[fd / NFDBITS] |= bit;
			ret++;
		}
	}
	if ((inp && copy_to_user(inp, rin, bytes)) || (outp && copy_to_user(outp, rout, bytes)) ||
	    (exp && copy_to_user(exp, rex, bytes)))
		ret = -EFAULT;
out_free:
	if (fds != stack_fds) {
		kfree(table.entries);
		kfree(fds);
	}
	return ret;
}

/*
 * select(2): a struct timeval timeout (NULL: for ever; tv_usec beyond a
 * second carries into tv_sec, as Linux), written back with the time left.
 * Return: as core_sys_select, or -EINVAL for a negative timeout.
 */
SYSCALL_DEFINE5(select, int, n, u64 *, inp, u64 *, outp, u64 *, exp, struct user_timeval *, tvp)
{
	struct user_timeval tv;
	u64 end = KTIME_MAX;
	bool zero = false;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (set_timeout(&end, tv.tv_sec + tv.tv_usec / 1000000,
				(tv.tv_usec % 1000000) * (s64)NSEC_PER_USEC))
			return -EINVAL;
		zero = !tv.tv_sec && !tv.tv_usec;
	}
	return poll_select_finish(end, zero, tvp, true, core_sys_select(n, inp, outp, exp, end));
}

/* pselect6's sixth argument: the mask and its size. */
struct sigset_argpack {
	const sigset_t *p;
	size_t size;
};

/*
 * pselect6(2): select with a timespec (written back, as Linux's) and a
 * signal mask in force while it waits.
 * Return: as select, or -EINVAL for a bad mask size, -EFAULT.
 */
SYSCALL_DEFINE6(pselect6, int, n, u64 *, inp, u64 *, outp, u64 *, exp, struct user_timespec *, tsp,
		const struct sigset_argpack *, sig)
{
	struct sigset_argpack pack = { NULL, 0 };
	u64 end = KTIME_MAX;
	bool zero = false;
	long ret = get_user_timeout(tsp, &end, &zero);

	if (ret)
		return ret;
	if (sig && copy_from_user(&pack, sig, sizeof(pack)))
		return -EFAULT;
	ret = set_user_sigmask(pack.p, pack.size);
	if (ret)
		return ret;
	ret = core_sys_select(n, inp, outp, exp, end);
	return poll_select_finish(end, zero, tsp, false, ret);
}
