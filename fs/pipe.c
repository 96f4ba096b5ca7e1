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
 * Locking: pipe->mutex guards the ring and the reader/writer counts; it
 * is never held while sleeping (the wait_event condition reads the counts
 * without it, then the mutex is taken and the state checked again).
 */
#include "fs/fdtable.h"
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

/*
 * Copy n bytes between buf and the ring starting at ring offset start,
 * page by page (the ring wraps; its pages are not contiguous). Writing
 * into the ring makes missing pages first. Caller holds the mutex.
 * Return: 0, or -ENOMEM.
 */
static int ring_copy(struct pipe_inode_info *pipe, size_t start, char *buf, size_t n,
		     bool to_ring)
{
	for (size_t i = 0; i < n;) {
		size_t off = (start + i) % PIPE_SIZE;
		size_t chunk = min(n - i, PAGE_SIZE - off % PAGE_SIZE);
		struct page **page = &pipe->pages[off / PAGE_SIZE];

		if (!*page && !(*page = alloc_page(GFP_KERNEL)))
			return -ENOMEM;
		char *p = (char *)page_address(*page) + off % PAGE_SIZE;
		if (to_ring)
			memcpy(p, buf + i, chunk);
		else
			memcpy(buf + i, p, chunk);
		i += chunk;
	}
	return 0;
}

static ssize_t pipe_read(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	struct pipe_inode_info *pipe = PIPE_I(file->f_inode);
	size_t n;

	(void)pos;
	if (len == 0)
		return 0;
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
	n = min(len, pipe->len);
	ring_copy(pipe, pipe->head, kbuf, n, false);    /* the pages are there */
	pipe->head = (pipe->head + n) % PIPE_SIZE;
	pipe->len -= n;
	mutex_unlock(&pipe->mutex);
	wake_up_interruptible_all(&pipe->wr_wait);
	return (ssize_t)n;
}

/* Nobody will ever read: EPIPE, and SIGPIPE for the writer. */
static ssize_t broken_pipe(size_t written)
{
	send_signal(current, SIGPIPE, NULL);
	return written ? (ssize_t)written : -EPIPE;
}

static ssize_t pipe_write(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	struct pipe_inode_info *pipe = PIPE_I(file->f_inode);
	size_t done = 0;

	(void)pos;
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
		size_t n = min(len - done, room);
		if (ring_copy(pipe, pipe->head + pipe->len, (char *)kbuf + done, n, true)) {
			mutex_unlock(&pipe->mutex);
			return done ? (ssize_t)done : -ENOMEM;
		}
		pipe->len += n;
		done += n;
	}
	mutex_unlock(&pipe->mutex);
	wake_up_interruptible_all(&pipe->rd_wait);
	return (ssize_t)done;
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

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
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
