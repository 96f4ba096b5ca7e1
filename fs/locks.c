/*
 * locks.c - advisory file locks: fcntl record locks (POSIX: F_GETLK,
 * F_SETLK, F_SETLKW; open file description locks: F_OFD_GETLK,
 * F_OFD_SETLK, F_OFD_SETLKW) and flock(2). Linux's fs/locks.c, with one
 * mutex and one wait queue for all of them instead of per-inode
 * spinlocks and per-lock block lists.
 *
 * Data: an inode with locks has a lock context (i_flctx) holding two
 * lists of struct file_lock, one for byte ranges (POSIX and OFD) and one
 * for flock. A lock has an owner, and two locks conflict when their
 * owners differ, their ranges overlap and one of them is a write lock:
 *
 *	POSIX lock   owner = the process's files_struct; fl_pid its pid.
 *	             Every close of ANY descriptor of the file by the
 *	             process drops all its locks on the file (POSIX's
 *	             famous rule); so does exit (its descriptors close).
 *	OFD lock     owner = the open file (struct file); inherited with
 *	             dup and fork, dropped at the file's last close.
 *	flock        owner = the open file; whole file, shared or
 *	             exclusive; only conflicts with other flocks.
 *
 * An owner's range locks never overlap one another: setting a lock first
 * merges it with the owner's adjacent or overlapping locks of the same
 * type, then trims or splits the owner's locks of the other type that it
 * covers (posix_lock_inode). Unlocking is setting F_UNLCK.
 *
 * Waiting (F_SETLKW, flock without LOCK_NB): the waiter records which
 * owner it waits for on blocked_list, notes lock_generation and sleeps on
 * lock_wq; every change that can free a range (unlock, close, a downgrade)
 * bumps the generation and wakes all waiters, who look again. A signal
 * ends the wait (-ERESTARTSYS: EINTR, or a restart with SA_RESTART), as a
 * kill does; nothing was taken. Before sleeping, a POSIX waiter follows
 * the chain "the owner I wait for waits for ..." (at most
 * MAX_DEADLK_ITERATIONS steps): if it comes back to itself the request
 * fails with -EDEADLK, as Linux (OFD locks are not checked, as Linux).
 *
 * Locking: file_lock_mutex guards every lock context's lists, every
 * file_lock, blocked_list and lock_generation. It nests inside nothing
 * and takes nothing (no i_mutex; i_size is read with READ_ONCE).
 */
#include "fs/fdtable.h"
#include "fs/locks.h"
#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/wait.h"
#include "lib/list.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define OFFSET_MAX              MAX_LFS_FILESIZE
#define MAX_DEADLK_ITERATIONS   10

#define FL_POSIX        0x1
#define FL_FLOCK        0x2
#define FL_OFDLCK       0x400

/* struct flock as x86_64 user space passes it (32 bytes). */
struct flock {
	short l_type;
	short l_whence;
	loff_t l_start;
	loff_t l_len;
	int l_pid;
};

struct file_lock {
	struct list_head fl_list;       /* on the context's posix or flock list */
	void *fl_owner;                 /* files_struct (POSIX) or struct file (OFD, flock) */
	unsigned int fl_flags;          /* FL_POSIX (| FL_OFDLCK), FL_FLOCK */
	short fl_type;                  /* F_RDLCK, F_WRLCK (F_UNLCK only in requests) */
	pid_t fl_pid;                   /* POSIX: the owner's pid; OFD: -1 */
	loff_t fl_start, fl_end;        /* bytes, both included; fl_end OFFSET_MAX: to EOF */
};

struct file_lock_context {
	struct list_head flc_posix;     /* POSIX and OFD range locks */
	struct list_head flc_flock;
};

/* A waiter: owner waits for blocker (for the deadlock check). */
struct lock_waiter {
	struct list_head list;
	void *owner, *blocker;
	bool posix;                     /* a POSIX (not OFD) waiter blocked by a POSIX lock */
};

static DEFINE_MUTEX(file_lock_mutex);
static LIST_HEAD(blocked_list);
static unsigned long lock_generation;
static DECLARE_WAIT_QUEUE_HEAD(lock_wq);

static bool locks_overlap(const struct file_lock *a, const struct file_lock *b)
{
	return a->fl_start <= b->fl_end && b->fl_start <= a->fl_end;
}

static bool locks_conflict(const struct file_lock *caller, const struct file_lock *sys)
{
	if (caller->fl_owner == sys->fl_owner)
		return false;
	if (caller->fl_type != F_WRLCK && sys->fl_type != F_WRLCK)
		return false;
	return locks_overlap(caller, sys);
}

/* The first lock on list that conflicts with fl, or NULL. Caller holds the mutex. */
static struct file_lock *find_conflict(struct list_head *list, const struct file_lock *fl)
{
	struct file_lock *sys;

	list_for_each_entry(sys, list, fl_list)
		if (locks_conflict(fl, sys))
			return sys;
	return NULL;
}

/* Something was released: every waiter looks again. Caller holds the mutex. */
static void locks_wake_all(void)
{
	lock_generation++;
	wake_up_all(&lock_wq);
}

/* The inode's lock context, made on first use. Caller holds the mutex. */
static struct file_lock_context *get_context(struct inode *inode)
{
	struct file_lock_context *ctx = inode->i_flctx;

	if (ctx)
		return ctx;
	ctx = kmalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return NULL;
	INIT_LIST_HEAD(&ctx->flc_posix);
	INIT_LIST_HEAD(&ctx->flc_flock);
	inode->i_flctx = ctx;
	return ctx;
}

/* Whether owner waits (POSIX) for someone; that someone in *blocker. */
static bool owner_waits_for(void *owner, void **blocker)
{
	struct lock_waiter *w;

	list_for_each_entry(w, &blocked_list, list)
		if (w->posix && w->owner == owner) {
			*blocker = w->blocker;
			return true;
		}
	return false;
}

/* Linux's posix_locks_deadlock: would waiting for blocker come back to caller? */
static bool posix_locks_deadlock(void *caller, void *blocker)
{
	for (int i = 0; i < MAX_DEADLK_ITERATIONS; i++) {
		if (blocker == caller)
			return true;
		if (!owner_waits_for(blocker, &blocker))
			return false;
	}
	return false;
}

/*
 * posix_lock_inode - set (or with F_UNLCK clear) the range request of its
 * owner: merge, trim and split the owner's locks so they stay disjoint.
 * spare[0..1] are preallocated locks it may use (and NULLs what it took).
 * Caller holds the mutex and checked for conflicts.
 */
static void posix_lock_inode(struct file_lock_context *ctx, const struct file_lock *request,
			     struct file_lock **spare)
{
	struct file_lock *fl, *tmp, *right;
	loff_t start = request->fl_start, end = request->fl_end;
	bool changed = true, freed = false;

	/* Merge with the owner's locks of the same type that touch it. */
	while (request->fl_type != F_UNLCK && changed) {
		changed = false;
		list_for_each_entry_safe(fl, tmp, &ctx->flc_posix, fl_list) {
			if (fl->fl_owner != request->fl_owner || fl->fl_type != request->fl_type)
				continue;
			if (fl->fl_end < start - 1 || (end != OFFSET_MAX && fl->fl_start > end + 1))
				continue;
			start = min(start, fl->fl_start);
			end = max(end, fl->fl_end);
			list_del(&fl->fl_list);
			kfree(fl);
			changed = true;
		}
	}
	/* Trim or split the owner's other locks inside [start, end]. */
	list_for_each_entry_safe(fl, tmp, &ctx->flc_posix, fl_list) {
		if (fl->fl_owner != request->fl_owner || fl->fl_end < start || fl->fl_start > end)
			continue;
		freed = true;
		if (fl->fl_start < start && fl->fl_end > end) {         /* split in two */
			right = spare[1];
			spare[1] = NULL;
			*right = *fl;
			right->fl_start = end + 1;
			list_add(&right->fl_list, &fl->fl_list);
			fl->fl_end = start - 1;
			break;
		}
		if (fl->fl_start < start) {
			fl->fl_end = start - 1;
		} else if (fl->fl_end > end) {
			fl->fl_start = end + 1;
		} else {
			list_del(&fl->fl_list);
			kfree(fl);
		}
	}
	if (request->fl_type != F_UNLCK) {
		fl = spare[0];
		spare[0] = NULL;
		*fl = *request;
		fl->fl_start = start;
		fl->fl_end = end;
		list_add_tail(&fl->fl_list, &ctx->flc_posix);
	}
	if (freed || request->fl_type == F_RDLCK)
		locks_wake_all();               /* a downgrade or unlock frees ranges */
}

/* Turn struct flock into a range of file (Linux's flock_to_posix_lock). */
static int flock_to_posix_lock(struct file *file, struct file_lock *fl, const struct flock *l)
{
	loff_t start;

	switch (l->l_whence) {
	case SEEK_SET:
		start = 0;
		break;
	case SEEK_CUR:
		start = file->f_pos;
		break;
	case SEEK_END:
		start = READ_ONCE(file->f_inode->i_size);
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(start, l->l_start, &start))
		return -EOVERFLOW;
	if (start < 0)
		return -EINVAL;
	if (l->l_len > 0) {
		if (l->l_len - 1 > OFFSET_MAX - start)
			return -EOVERFLOW;
		fl->fl_end = start + l->l_len - 1;
	} else if (l->l_len < 0) {
		fl->fl_end = start - 1;
		start += l->l_len;
		if (start < 0)
			return -EINVAL;
	} else {
		fl->fl_end = OFFSET_MAX;
	}
	fl->fl_start = start;
	switch (l->l_type) {
	case F_RDLCK:
	case F_WRLCK:
	case F_UNLCK:
		fl->fl_type = l->l_type;
		return 0;
	default:
		return -EINVAL;
	}
}

/* Fill *l with the conflicting lock fl (F_GETLK's answer). */
static void posix_lock_to_flock(struct flock *l, const struct file_lock *fl)
{
	l->l_type = fl->fl_type;
	l->l_whence = SEEK_SET;
	l->l_start = fl->fl_start;
	l->l_len = fl->fl_end == OFFSET_MAX ? 0 : fl->fl_end - fl->fl_start + 1;
	l->l_pid = (fl->fl_flags & FL_OFDLCK) ? -1 : fl->fl_pid;
}

static long fcntl_getlk(struct file *file, unsigned int cmd, struct flock *l)
{
	struct file_lock fl = { 0 }, *conflict;
	struct file_lock_context *ctx;
	int err = flock_to_posix_lock(file, &fl, l);

	if (err)
		return err;
	if (l->l_type != F_RDLCK && l->l_type != F_WRLCK)
		return -EINVAL;
	if (cmd == F_OFD_GETLK) {
		if (l->l_pid)
			return -EINVAL;
		fl.fl_owner = file;
	} else {
		fl.fl_owner = current->files;
	}
	mutex_lock(&file_lock_mutex);
	ctx = file->f_inode->i_flctx;
	conflict = ctx ? find_conflict(&ctx->flc_posix, &fl) : NULL;
	if (conflict)
		posix_lock_to_flock(l, conflict);
	else
		l->l_type = F_UNLCK;
	mutex_unlock(&file_lock_mutex);
	return 0;
}

/*
 * Wait for the generation to move on, as waiter owner blocked by blocker.
 * Called and returns with the mutex held. Return: 0, -ERESTARTSYS.
 */
static int lock_wait(void *owner, void *blocker, bool posix)
{
	struct lock_waiter w = { .owner = owner, .blocker = blocker, .posix = posix };
	unsigned long gen = lock_generation;
	int err;

	list_add(&w.list, &blocked_list);
	mutex_unlock(&file_lock_mutex);
	err = (int)wait_event_interruptible(lock_wq, READ_ONCE(lock_generation) != gen);
	mutex_lock(&file_lock_mutex);
	list_del(&w.list);
	return err;
}

static long fcntl_setlk(struct file *file, unsigned int cmd, const struct flock *l)
{
	bool ofd = cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	bool wait = cmd == F_SETLKW || cmd == F_OFD_SETLKW;
	struct file_lock fl = { 0 }, *conflict, *spare[2];
	struct file_lock_context *ctx;
	int err = flock_to_posix_lock(file, &fl, l);

	if (err)
		return err;
	if (ofd && l->l_pid)
		return -EINVAL;
	if ((fl.fl_type == F_RDLCK && !(file->f_mode & FMODE_READ)) ||
	    (fl.fl_type == F_WRLCK && !(file->f_mode & FMODE_WRITE)))
		return -EBADF;
	fl.fl_flags = FL_POSIX | (ofd ? FL_OFDLCK : 0);
	fl.fl_owner = ofd ? (void *)file : (void *)current->files;
	fl.fl_pid = ofd ? -1 : current->tgid;
	spare[0] = kmalloc(sizeof(struct file_lock), GFP_KERNEL);
	spare[1] = kmalloc(sizeof(struct file_lock), GFP_KERNEL);
	if (!spare[0] || !spare[1]) {
		err = -ENOLCK;
		goto out_free;
	}
	mutex_lock(&file_lock_mutex);
	ctx = get_context(file->f_inode);
	if (!ctx) {
		err = -ENOLCK;
		goto out_unlock;
	}
	for (;;) {
		conflict = fl.fl_type == F_UNLCK ? NULL : find_conflict(&ctx->flc_posix, &fl);
		if (!conflict) {
			posix_lock_inode(ctx, &fl, spare);
			err = 0;
			break;
		}
		err = -EAGAIN;
		if (!wait)
			break;
		bool posix = !ofd && !(conflict->fl_flags & FL_OFDLCK);
		if (posix && posix_locks_deadlock(fl.fl_owner, conflict->fl_owner)) {
			err = -EDEADLK;
			break;
		}
		err = lock_wait(fl.fl_owner, conflict->fl_owner, posix);
		if (err)
			break;
	}
out_unlock:
	mutex_unlock(&file_lock_mutex);
out_free:
	kfree(spare[0]);
	kfree(spare[1]);
	return err;
}

/*
 * fcntl_lock - the record-lock commands of fcntl(2): F_GETLK, F_SETLK,
 * F_SETLKW and their F_OFD_ forms, with arg a user struct flock.
 *
 * Context: may sleep (F_SETLKW).
 * Return: 0, -EFAULT, -EINVAL (bad type, whence or range, a negative
 * start, l_pid set for an OFD command), -EOVERFLOW, -EBADF (a read lock
 * on a file not open for reading, a write lock on one not open for
 * writing), -EAGAIN (F_SETLK: a conflicting lock), -EDEADLK (F_SETLKW
 * would wait for itself), -ERESTARTSYS (a signal during F_SETLKW),
 * -ENOLCK (no memory).
 */
long fcntl_lock(struct file *file, unsigned int cmd, void *arg)
{
	struct flock l;
	long err;

	if (copy_from_user(&l, arg, sizeof(l)))
		return -EFAULT;
	if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
		err = fcntl_getlk(file, cmd, &l);
		if (!err && copy_to_user(arg, &l, sizeof(l)))
			err = -EFAULT;
		return err;
	}
	return fcntl_setlk(file, cmd, &l);
}

/* Drop every range lock of owner on inode's list (owner's close or exit). */
static void remove_owner_locks(struct file_lock_context *ctx, void *owner)
{
	struct file_lock *fl, *tmp;
	bool freed = false;

	list_for_each_entry_safe(fl, tmp, &ctx->flc_posix, fl_list) {
		if (fl->fl_owner != owner)
			continue;
		list_del(&fl->fl_list);
		kfree(fl);
		freed = true;
	}
	list_for_each_entry_safe(fl, tmp, &ctx->flc_flock, fl_list) {
		if (fl->fl_owner != owner)
			continue;
		list_del(&fl->fl_list);
		kfree(fl);
		freed = true;
	}
	if (freed)
		locks_wake_all();
}

/*
 * locks_remove_posix - a process (files) closes a descriptor of file:
 * every POSIX lock it holds on the file goes.
 *
 * Context: may sleep.
 */
void locks_remove_posix(struct file *file, struct files_struct *files)
{
	struct inode *inode = file->f_inode;

	if (!READ_ONCE(inode->i_flctx))
		return;
	mutex_lock(&file_lock_mutex);
	remove_owner_locks(inode->i_flctx, files);
	mutex_unlock(&file_lock_mutex);
}

/*
 * locks_remove_file - the last close of file: its OFD locks and flock go.
 *
 * Context: may sleep.
 */
void locks_remove_file(struct file *file)
{
	struct inode *inode = file->f_inode;

	if (!READ_ONCE(inode->i_flctx))
		return;
	mutex_lock(&file_lock_mutex);
	remove_owner_locks(inode->i_flctx, file);
	mutex_unlock(&file_lock_mutex);
}

/*
 * locks_free_lock_context - the inode goes: free its (empty) context.
 *
 * Context: the inode has no user left, so no lock (a lock lives on an
 * open file).
 */
void locks_free_lock_context(struct inode *inode)
{
	kfree(inode->i_flctx);
	inode->i_flctx = NULL;
}

#define LOCK_SH         1
#define LOCK_EX         2
#define LOCK_NB         4
#define LOCK_UN         8

/*
 * flock(2): a whole-file lock owned by the open file. Changing its kind
 * releases the old one first (not atomic, as Linux), so a waiter may get
 * in between.
 */
SYSCALL_DEFINE2(flock, unsigned int, fd, unsigned int, cmd)
{
	struct file *file = fget(fd);
	struct file_lock want = { .fl_start = 0, .fl_end = OFFSET_MAX }, *fl, *tmp, *conflict;
	struct file_lock *spare = NULL;
	struct file_lock_context *ctx;
	unsigned int op = cmd & ~LOCK_NB;
	long err = 0;

	if (!file)
		return -EBADF;
	if (op != LOCK_SH && op != LOCK_EX && op != LOCK_UN) {
		err = -EINVAL;
		goto out_fput;
	}
	want.fl_owner = file;
	want.fl_flags = FL_FLOCK;
	want.fl_pid = current->tgid;
	want.fl_type = op == LOCK_SH ? F_RDLCK : op == LOCK_EX ? F_WRLCK : F_UNLCK;
	if (op != LOCK_UN) {
		spare = kmalloc(sizeof(*spare), GFP_KERNEL);
		if (!spare) {
			err = -ENOLCK;
			goto out_fput;
		}
	}
	mutex_lock(&file_lock_mutex);
	ctx = get_context(file->f_inode);
	if (!ctx) {
		err = -ENOLCK;
		goto out_unlock;
	}
	list_for_each_entry_safe(fl, tmp, &ctx->flc_flock, fl_list) {
		if (fl->fl_owner != file)
			continue;
		if (fl->fl_type == want.fl_type)
			goto out_unlock;        /* already so: nothing to do */
		list_del(&fl->fl_list);         /* the old kind goes first */
		kfree(fl);
		locks_wake_all();
	}
	while (op != LOCK_UN) {
		conflict = find_conflict(&ctx->flc_flock, &want);
		if (!conflict) {
			*spare = want;
			list_add_tail(&spare->fl_list, &ctx->flc_flock);
			spare = NULL;
			break;
		}
		err = -EAGAIN;
		if (cmd & LOCK_NB)
			break;
		err = lock_wait(file, conflict->fl_owner, false);
		if (err)
			break;
	}
out_unlock:
	mutex_unlock(&file_lock_mutex);
	kfree(spare);
out_fput:
	fput(file);
	return err;
}
