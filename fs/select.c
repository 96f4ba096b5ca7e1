/*
 * select.c - poll(2): wait until one of several files is ready (Linux's
 * fs/select.c, poll only).
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
 * poll(2). timeout_ms < 0 waits for ever, 0 not at all.
 * Return: the number of descriptors with events, 0 on timeout, -EINVAL
 * (nfds above RLIMIT_NOFILE), -EFAULT, -ENOMEM, or -ERESTARTNOHAND for a
 * signal (EINTR once a handler runs: poll is never restarted after one).
 */
SYSCALL_DEFINE3(poll, struct pollfd *, ufds, unsigned int, nfds, int, timeout_ms)
{
	struct pollfd stack_fds[POLL_STACK_FDS];
	struct poll_table_entry stack_entries[POLL_STACK_FDS * POLL_WAITS_PER_FD];
	poll_table table = { .polling_task = current, .max = (int)nfds * POLL_WAITS_PER_FD };
	poll_table *pt = &table;
	struct pollfd *fds = stack_fds;
	u64 end = KTIME_MAX;
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
	if (timeout_ms > 0)
		end = ktime_get_ns() + (u64)timeout_ms * NSEC_PER_MSEC;
	for (;;) {
		WRITE_ONCE(table.triggered, 0);
		ret = do_pollfds(fds, nfds, pt);
		pt = NULL;                      /* registered once, on the first pass */
		if (ret || timeout_ms == 0 || table.error)
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTNOHAND;
			break;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!READ_ONCE(table.triggered) && !signal_pending(current) &&
		    !schedule_hrtimeout(end)) {
			ret = do_pollfds(fds, nfds, NULL);      /* the time is up: a last look */
			break;
		}
		set_current_state(TASK_RUNNING);
	}
	set_current_state(TASK_RUNNING);
	poll_freewait(&table);
	if (!ret && table.error)
		ret = table.error;
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
