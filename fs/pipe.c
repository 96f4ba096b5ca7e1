/*
 * pipe.c - pipes, as the seeds describe Linux's fs/pipe.c: a pipe is an
 * inode of a small pipe file system whose data is a ring of pages; the
 * two ends are two open files of that inode, one for reading and one for
 * writing.
 *
 *	pipe(fds): one inode (S_IFIFO), one pipe_inode_info with PIPE_PAGES
 *	pages (64 KiB, Linux's default capacity), a read file and a write file.
 *
 * Readers sleep on rd_wait while the pipe is empty and some writer is
 * left; with no writer left an empty pipe reads as end of file (0).
 * Writers sleep on wr_wait while there is no room; with no reader left a
 * write fails with EPIPE and sends SIGPIPE. A write of at most PIPE_BUF
 * bytes waits until it fits whole, so it is never interleaved with another
 * writer's data (POSIX's atomicity); bigger writes go in pieces. With
 * O_NONBLOCK the waits become -EAGAIN. A signal ends a wait with
 * -ERESTARTSYS (restarted under SA_RESTART), or with the bytes moved so far.
 *
 * read(2) and write(2) copy straight between the ring and the user's
 * buffers (read_iter/write_iter), a ring page at a time, because a bad
 * buffer has Linux's pipe answer: Linux keeps a pipe's data in page-sized
 * pipe buffers, and a read that faults part way through one leaves that
 * buffer in the pipe whole, a write that faults part way through a page
 * drops the page; what went before counts, and if nothing did the call is
 * -EFAULT. The ring's pages stand for those buffers: when the pipe runs
 * empty, the ring starts again at offset 0, so that a write into an empty
 * pipe fills pages from their start as Linux's does. (Linux also merges a
 * small write into the last page when it fits; keyhole packs every write
 * after the last, so the page that a fault falls in can differ after
 * several small writes.)
 *
 * Locking: pipe->mutex guards the ring and the reader/writer counts. It
 * is held across the copies to and from the user's buffers, which may
 * fault and sleep, but never while waiting for data or room (the
 * wait_event condition reads len and the counts without it, then the
 * mutex is taken and the state checked again); pipe_poll reads them
 * without it too.
 */
#include "fs/fdtable.h"
#include "fs/uio.h"
#include "fs/poll.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/wait.h"
#include "lib/string.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define PIPE_PAGES      16
#define PIPE_SIZE       (PIPE_PAGES * PAGE_SIZE)
#define PIPE_BUF        4096

struct pipe_inode_info {
	struct mutex mutex;
	struct wait_queue_head rd_wait, wr_wait;
	struct page *pages[PIPE_PAGES]; /* the ring, allocated as it fills */
	size_t head;                    /* where the next byte is read */
	size_t len;                     /* bytes in the ring */
	unsigned int readers, writers;  /* open ends; mutex guards them */
};

struct pipe_inode {
	struct inode vfs_inode;
	struct pipe_inode_info pipe;
};

static struct pipe_inode_info *PIPE_I(struct inode *inode)
{
	return &container_of(inode, struct pipe_inode, vfs_inode)->pipe;
}

static struct inode *pipefs_alloc_inode(struct super_block *sb)
{
	struct pipe_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);

	(void)sb;
	return pi ? &pi->vfs_inode : NULL;
}

static void pipefs_destroy_inode(struct inode *inode)
{
	struct pipe_inode_info *pipe = PIPE_I(inode);

	for (int i = 0; i < PIPE_PAGES; i++)
		if (pipe->pages[i])
			__free_pages(pipe->pages[i], 0);
	kfree(container_of(inode, struct pipe_inode, vfs_inode));
}

/* A pipe has no name anywhere: its last close frees it (st_nlink shows 1). */
static bool pipefs_drop_inode(struct inode *inode)
{
	(void)inode;
	return true;
}

static const struct super_operations pipefs_sops = {
	.alloc_inode = pipefs_alloc_inode,
	.destroy_inode = pipefs_destroy_inode,
	.drop_inode = pipefs_drop_inode,
};

static struct super_block *pipe_sb;

/* The other side of a copy: a kernel buffer, or the user's (an iov_iter). */
struct pipe_io {
	char *kbuf;                     /* NULL: use iter */
	struct iov_iter *iter;
	size_t done;                    /* bytes of kbuf used so far */
};

static size_t pipe_io_count(struct pipe_io *io, size_t len)
{
	return io->kbuf ? len : io->iter->count;
}

/*
 * Copy n bytes between io and the ring starting at ring offset start,
 * page by page (the ring wraps; its pages are not contiguous). Writing
 * into the ring makes missing pages first. A page's piece that the user's
 * buffer faults in counts for nothing, and ends the copy (the header says
 * why). Caller holds the mutex.
 * Return: the bytes of the whole pieces copied, or -ENOMEM if none were;
 * *fault is set if a user buffer faulted.
 */
static ssize_t ring_copy(struct pipe_inode_info *pipe, size_t start, struct pipe_io *io,
			 size_t n, bool to_ring, bool *fault)
{
	size_t i;

	*fault = false;
	for (i = 0; i < n;) {
		size_t off = (start + i) % PIPE_SIZE;
		size_t chunk = min(n - i, PAGE_SIZE - off % PAGE_SIZE);
		struct page **page = &pipe->pages[off / PAGE_SIZE];

		if (!*page && !(*page = alloc_page(GFP_KERNEL)))
			return i ? (ssize_t)i : -ENOMEM;
		char *p = (char *)page_address(*page) + off % PAGE_SIZE;
		if (io->kbuf) {
			if (to_ring)
				memcpy(p, io->kbuf + io->done, chunk);
			else
				memcpy(io->kbuf + io->done, p, chunk);
			io->done += chunk;
		} else if ((to_ring ? copy_from_iter(p, chunk, io->iter)
				    : copy_to_iter(p, chunk, io->iter)) < chunk) {
			*fault = true;
			break;
		}
		i += chunk;
	}
	return (ssize_t)i;
}

static ssize_t __pipe_read(struct file *file, struct pipe_io *io, size_t len)
{
	struct pipe_inode_info *pipe = PIPE_I(file->f_inode);
	bool fault;
	ssize_t n;

	len = pipe_io_count(io, len);
	if (len == 0)
		return 0;
	/* Empty, with a writer: wait before taking the mutex only to find
	 * that out (a reader waiting for the other side, the common case).
	 * The loop below looks again under the mutex. */
	if (!(file->f_flags & O_NONBLOCK) && !READ_ONCE(pipe->len) && READ_ONCE(pipe->writers) &&
	    wait_event_interruptible(pipe->rd_wait,
				     READ_ONCE(pipe->len) || !READ_ONCE(pipe->writers)))
		return -ERESTARTSYS;
	mutex_lock(&pipe->mutex);
	while (pipe->len == 0) {
		if (pipe->writers == 0) {
			mutex_unlock(&pipe->mutex);
			return 0;               /* end of file */
		}
		mutex_unlock(&pipe->mutex);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(pipe->rd_wait,
					     READ_ONCE(pipe->len) || !READ_ONCE(pipe->writers)))
			return -ERESTARTSYS;
		mutex_lock(&pipe->mutex);
	}
	/* The pages are there: no -ENOMEM. */
	n = ring_copy(pipe, pipe->head, io, min(len, pipe->len), false, &fault);
	pipe->head = (pipe->head + (size_t)n) % PIPE_SIZE;
	pipe->len -= (size_t)n;
	if (pipe->len == 0)
		pipe->head = 0;         /* the next write starts a page */
	mutex_unlock(&pipe->mutex);
	if (n)
		wake_up_interruptible_all(&pipe->wr_wait);
	return n || !fault ? n : -EFAULT;
}

static ssize_t pipe_read(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	(void)pos;
	return __pipe_read(file, &(struct pipe_io){ .kbuf = kbuf }, len);
}

static ssize_t pipe_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	(void)pos;
	return __pipe_read(file, &(struct pipe_io){ .iter = to }, 0);
}

/* Nobody will ever read: EPIPE, and SIGPIPE for the writer. */
static ssize_t broken_pipe(size_t written)
{
	send_signal(current, SIGPIPE, NULL);
	return written ? (ssize_t)written : -EPIPE;
}

static ssize_t __pipe_write(struct file *file, struct pipe_io *io, size_t len)
{
	struct pipe_inode_info *pipe = PIPE_I(file->f_inode);
	size_t done = 0;
	bool fault;

	len = pipe_io_count(io, len);
	mutex_lock(&pipe->mutex);
	while (done < len) {
		size_t room = PIPE_SIZE - pipe->len;
		/* A write of PIPE_BUF or less goes in whole, or waits. */
		size_t need = len <= PIPE_BUF ? len : 1;

		if (pipe->readers == 0) {
			mutex_unlock(&pipe->mutex);
			return broken_pipe(done);
		}
		if (room < need) {
			mutex_unlock(&pipe->mutex);
			wake_up_interruptible_all(&pipe->rd_wait);
			if (file->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			if (wait_event_interruptible(pipe->wr_wait,
						     PIPE_SIZE - READ_ONCE(pipe->len) >= need ||
						     !READ_ONCE(pipe->readers)))
				return done ? (ssize_t)done : -ERESTARTSYS;
			mutex_lock(&pipe->mutex);
			continue;
		}
		size_t want = min(len - done, room);
		ssize_t n = ring_copy(pipe, pipe->head + pipe->len, io, want, true, &fault);

		if (n > 0) {
			pipe->len += (size_t)n;
			done += (size_t)n;
		}
		if (n < 0 || (size_t)n < want) {
			mutex_unlock(&pipe->mutex);
			if (done)
				wake_up_interruptible_all(&pipe->rd_wait);
			if (done)
				return (ssize_t)done;
			return fault ? -EFAULT : n < 0 ? n : -ENOMEM;
		}
	}
	mutex_unlock(&pipe->mutex);
	wake_up_interruptible_all(&pipe->rd_wait);
	return (ssize_t)done;
}

static ssize_t pipe_write(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	(void)pos;
	return __pipe_write(file, &(struct pipe_io){ .kbuf = (char *)kbuf }, len);
}

static ssize_t pipe_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	(void)pos;
	return __pipe_write(file, &(struct pipe_io){ .iter = from }, 0);
}

/* The last close of one end: the other side must hear of it. */
static void pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = PIPE_I(inode);

	mutex_lock(&pipe->mutex);
	if (file->f_mode & FMODE_READ)
		pipe->readers--;
	if (file->f_mode & FMODE_WRITE)
		pipe->writers--;
	mutex_unlock(&pipe->mutex);
	wake_up_interruptible_all(&pipe->rd_wait);
	wake_up_interruptible_all(&pipe->wr_wait);
}

/* Ready to read with data or no writer left (EPOLLHUP), to write with room
 * for a page or no reader left (EPOLLERR), as Linux's pipe_poll. */
static unsigned int pipe_poll(struct file *file, poll_table *pt)
{
	struct pipe_inode_info *pipe = PIPE_I(file->f_inode);
	unsigned int mask = 0;

	poll_wait(file, &pipe->rd_wait, pt);
	poll_wait(file, &pipe->wr_wait, pt);
	if (file->f_mode & FMODE_READ) {
		if (READ_ONCE(pipe->len))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!READ_ONCE(pipe->writers))
			mask |= EPOLLHUP;
	}
	if (file->f_mode & FMODE_WRITE) {
		if (PIPE_SIZE - READ_ONCE(pipe->len) >= PIPE_BUF)
			mask |= EPOLLOUT | EPOLLWRNORM;
		if (!READ_ONCE(pipe->readers))
			mask |= EPOLLERR;
	}
	return mask;
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.read_iter = pipe_read_iter,
	.write_iter = pipe_write_iter,
	.poll = pipe_poll,
	.release = pipe_release,
};

/*
 * create_pipe_files - a new pipe: res[0] reads, res[1] writes.
 *
 * Return: 0, or -ENOMEM.
 */
int create_pipe_files(struct file *res[2], int flags)
{
	struct inode *inode;

	if (!pipe_sb && !(pipe_sb = alloc_super(&pipefs_sops, NULL)))
		return -ENOMEM;
	inode = new_inode(pipe_sb);
	if (!inode)
		return -ENOMEM;
	struct pipe_inode_info *pipe = PIPE_I(inode);
	inode->i_mode = S_IFIFO | 0600;
	inode->i_uid = current->fsuid;          /* fstat shows the creator, as Linux */
	inode->i_gid = current->fsgid;
	inode->i_fop = &pipe_fops;
	mutex_init(&pipe->mutex);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->readers = pipe->writers = 1;

	res[0] = alloc_file(inode, O_RDONLY | (flags & O_NONBLOCK));
	res[1] = res[0] ? alloc_file(inode, O_WRONLY | (flags & O_NONBLOCK)) : NULL;
	iput(inode);                    /* the files hold it now */
	if (!res[1]) {
		if (res[0])
			fput(res[0]);
		return -ENOMEM;
	}
	res[0]->f_op = res[1]->f_op = &pipe_fops;
	return 0;
}

SYSCALL_DEFINE2(pipe2, int *, fildes, int, flags)
{
	struct file *files[2];
	int fd[2], ret;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	ret = create_pipe_files(files, flags);
	if (ret)
		return ret;
	fd[0] = fd_install_lowest(files[0], 0, flags & O_CLOEXEC);
	if (fd[0] < 0) {
		fput(files[0]);
		fput(files[1]);
		return fd[0];
	}
	fd[1] = fd_install_lowest(files[1], 0, flags & O_CLOEXEC);
	if (fd[1] < 0) {
		close_fd((unsigned int)fd[0]);
		fput(files[1]);
		return fd[1];
	}
	if (copy_to_user(fildes, fd, sizeof(fd))) {
		close_fd((unsigned int)fd[0]);
		close_fd((unsigned int)fd[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE1(pipe, int *, fildes)
{
	return __x64_sys_pipe2(&(struct pt_regs){ .rdi = (unsigned long)fildes });
}
