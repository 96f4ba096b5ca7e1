/*
 * read_write.c - the system calls that move data: read, write, readv,
 * writev, pread64, pwrite64, lseek.
 *
 * Each call turns its user buffers into an iov_iter (fs/uio.h): one
 * segment for read/write/pread64/pwrite64, the iovec array for
 * readv/writev, every segment checked with access_ok() first (a kernel
 * address anywhere in a readv is EFAULT before anything moves, as
 * Linux's import_iovec). Then:
 *
 *  - a file with read_iter/write_iter (pipes, /dev/null, /dev/zero's
 *    writes) moves the bytes itself and decides what a fault part way
 *    means (fs/pipe.c: a whole page or nothing);
 *  - any other file sees kernel buffers only (fs/vfs.c's header says
 *    why): the bytes bounce through one kernel page at a time,
 *    copy_from_iter then vfs_write, or vfs_read then copy_to_iter.
 *
 * Partial transfers, as Linux's: a fault after some bytes moved ends the
 * call with that count, to the byte (a write of a buffer that runs into
 * an unmapped page writes what it could read; a read gives what it could
 * store, and the file position moves only past those bytes); a fault
 * before any byte moved is -EFAULT. A read that comes back short (end of
 * file, a pipe or the console with less data than asked) also ends the
 * call.
 */
#include "fs/fdtable.h"
#include "fs/mount.h"
#include "fs/uio.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define BOUNCE_SIZE     PAGE_SIZE

/* iov_iter_advance's way across segments, a step at a time. */
static void advance_segments(struct iov_iter *i, size_t n)
{
	n = min(n, i->count);
	i->count -= n;
	while (n || (i->nr_segs && i->iov_offset == i->iov->iov_len)) {
		size_t step = min(n, i->iov->iov_len - i->iov_offset);

		i->iov_offset += step;
		n -= step;
		if (i->iov_offset == i->iov->iov_len) {
			if (!--i->nr_segs)
				break;
			i->iov++;
			i->iov_offset = 0;
		}
	}
}

/*
 * Within the current segment, or to the end of the last one, inline
 * (read and write's one segment); else advance_segments.
 */
static inline void advance(struct iov_iter *i, size_t n)
{
	if (i->nr_segs) {
		size_t room = i->iov->iov_len - i->iov_offset;

		if (n < room || (n == room && i->nr_segs == 1)) {
			i->iov_offset += n;
			i->count -= n;
			if (n == room)
				i->nr_segs = 0;
			return;
		}
	}
	advance_segments(i, n);
}

void iov_iter_advance(struct iov_iter *i, size_t n)
{
	advance(i, n);
}

/* Copy between kernel memory and the iov_iter's segments, one at a time. */
static __attribute__((noinline)) size_t iter_copy_segments(void *kaddr, size_t n,
							   struct iov_iter *i, bool to_user)
{
	size_t done = 0;


	while (done < n && i->count) {
		const struct iovec *v = i->iov;
		size_t chunk = min(n - done, v->iov_len - i->iov_offset);
		char *ubuf = (char *)v->iov_base + i->iov_offset;
		/* Every segment passed access_ok() when the iov_iter was made. */
		size_t left = to_user ? __copy_user(ubuf, (char *)kaddr + done, chunk)
				      : __copy_user((char *)kaddr + done, ubuf, chunk);

		advance(i, chunk - left);
		done += chunk - left;
		if (left)
			break;
	}
	return done;
}

/*
 * Copy between kernel memory and the iov_iter; see fs/uio.h. A copy that
 * fits in the current segment (read and write's one) is one __copy_user,
 * inline in copy_to_iter and copy_from_iter; others go segment by segment.
 */
static __always_inline size_t iter_copy(void *kaddr, size_t n, struct iov_iter *i, bool to_user)
{
	if (n && i->nr_segs && n <= i->iov->iov_len - i->iov_offset) {
		char *ubuf = (char *)i->iov->iov_base + i->iov_offset;
		size_t left = to_user ? __copy_user(ubuf, kaddr, n) : __copy_user(kaddr, ubuf, n);

		advance(i, n - left);
		return n - left;
	}
	return iter_copy_segments(kaddr, n, i, to_user);
}

size_t copy_to_iter(const void *kaddr, size_t n, struct iov_iter *i)
{
	return iter_copy((void *)kaddr, n, i, true);
}

size_t copy_from_iter(void *kaddr, size_t n, struct iov_iter *i)
{
	return iter_copy(kaddr, n, i, false);
}

/*
 * Make an iov_iter of nr segments (a kernel copy of the iovecs), as
 * Linux's import_iovec: a length that does not fit ssize_t is -EINVAL,
 * a segment access_ok() refuses is -EFAULT, and the total is cut at
 * MAX_RW_COUNT.
 */
static int iter_init(struct iov_iter *i, struct iovec *iov, unsigned long nr)
{
	size_t total = 0;

	for (unsigned long s = 0; s < nr; s++) {
		if ((ssize_t)iov[s].iov_len < 0)
			return -EINVAL;
		if (!access_ok(iov[s].iov_base, iov[s].iov_len))
			return -EFAULT;
		if (iov[s].iov_len > (size_t)MAX_RW_COUNT - total)
			iov[s].iov_len = (size_t)MAX_RW_COUNT - total;
		total += iov[s].iov_len;
	}
	*i = (struct iov_iter){ .iov = iov, .nr_segs = nr, .count = total };
	iov_iter_advance(i, 0);         /* step over empty leading segments */
	return 0;
}

/* The bounce: vfs_write() what copy_from_iter() could read, a page at a time. */
static ssize_t bounce_write(struct file *file, struct iov_iter *from, loff_t *pos, char *kbuf)
{
	ssize_t done = 0;

	while (from->count) {
		if (done && fatal_signal_pending(current))
			break;          /* it dies on the way out: stop copying */
		size_t want = min(from->count, BOUNCE_SIZE);
		size_t have = copy_from_iter(kbuf, want, from);
		ssize_t n = have ? vfs_write(file, kbuf, have, pos) : -EFAULT;

		if (n < 0)
			return done ? done : n;
		done += n;
		if ((size_t)n < want)
			break;          /* the file took less, or the buffer faulted */
	}
	return done;
}

/* The bounce: copy_to_iter() what vfs_read() found, a page at a time. */
static ssize_t bounce_read(struct file *file, struct iov_iter *to, loff_t *pos, char *kbuf)
{
	ssize_t done = 0;

	while (to->count) {
		if (done && fatal_signal_pending(current))
			break;          /* it dies on the way out: stop copying */
		size_t want = min(to->count, BOUNCE_SIZE);
		loff_t before = *pos;
		ssize_t n = vfs_read(file, kbuf, want, pos);

		if (n < 0)
			return done ? done : n;
		size_t got = n ? copy_to_iter(kbuf, (size_t)n, to) : 0;
		if (got < (size_t)n) {
			/* What the caller could not take stays unread. */
			if (*pos == before + n)
				*pos -= n - (ssize_t)got;
			return done + (ssize_t)got ? done + (ssize_t)got : -EFAULT;
		}
		done += n;
		if ((size_t)n < want)
			break;
	}
	return done;
}

/*
 * Move the iov_iter's bytes between the user and file at *pos: through
 * the file's read_iter/write_iter, or the bounce. Return: bytes moved, or
 * an error if none were.
 */
static inline ssize_t do_iter_rw(struct file *file, struct iov_iter *iter, loff_t *pos,
				 bool write)
{
	char *kbuf;
	ssize_t ret;

	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (write && file->f_op->write_iter)
		return file->f_op->write_iter(file, iter, pos);
	if (!write && file->f_op->read_iter)
		return file->f_op->read_iter(file, iter, pos);
	if (!iter->count)
		return 0;
	kbuf = (char *)__get_free_pages(GFP_KERNEL, 0);
	if (!kbuf)
		return -ENOMEM;
	ret = write ? bounce_write(file, iter, pos, kbuf) : bounce_read(file, iter, pos, kbuf);
	free_page((unsigned long)kbuf);
	return ret;
}

/* read/write/pread64/pwrite64: one buffer. */
static ssize_t do_rw(struct file *file, char *buf, size_t count, loff_t *pos, bool write)
{
	struct iovec iov = { buf, count };
	struct iov_iter iter;

	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (count > MAX_RW_COUNT)
		iov.iov_len = MAX_RW_COUNT;
	/* iter_init's result for one segment checked above: an empty one
	 * is stepped over. */
	iter = (struct iov_iter){ .iov = &iov, .nr_segs = iov.iov_len ? 1 : 0,
				  .count = iov.iov_len };
	return do_iter_rw(file, &iter, pos, write);
}

static ssize_t do_read(struct file *file, char *buf, size_t count, loff_t *pos)
{
	return do_rw(file, buf, count, pos, false);
}

static ssize_t do_write(struct file *file, const char *buf, size_t count, loff_t *pos)
{
	return do_rw(file, (char *)buf, count, pos, true);
}

SYSCALL_DEFINE3(read, unsigned int, fd, char *, buf, size_t, count)
{
	struct fd f = fdget(fd);
	ssize_t ret;

	if (!f.file)
		return -EBADF;
	ret = do_read(f.file, buf, count, &f.file->f_pos);
	fdput(f);
	return ret;
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char *, buf, size_t, count)
{
	struct fd f = fdget(fd);
	ssize_t ret;

	if (!f.file)
		return -EBADF;
	ret = do_write(f.file, buf, count, &f.file->f_pos);
	fdput(f);
	return ret;
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char *, buf, size_t, count, loff_t, pos)
{
	struct file *file = fget(fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	if (pos < 0)
		ret = -EINVAL;
	else if (S_ISFIFO(file->f_inode->i_mode) || S_ISCHR(file->f_inode->i_mode))
		ret = -ESPIPE;
	else
		ret = do_read(file, buf, count, &pos);
	fput(file);
	return ret;
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char *, buf, size_t, count, loff_t, pos)
{
	struct file *file = fget(fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	if (pos < 0)
		ret = -EINVAL;
	else if (S_ISFIFO(file->f_inode->i_mode) || S_ISCHR(file->f_inode->i_mode))
		ret = -ESPIPE;
	else
		ret = do_write(file, buf, count, &pos);
	fput(file);
	return ret;
}

/*
 * readv/writev: the iovecs are one stream, as Linux's: a fault in the
 * second buffer after the first moved returns the first's bytes and what
 * the second could take (a pipe may count the stream in pages instead).
 * Up to UIO_FASTIOV iovecs are copied to the stack (Linux's iovstack), so
 * a usual writev allocates nothing: it cannot fail for want of memory,
 * and a writer preempted part way holds no memory that others would see
 * missing from sysinfo().freeram. Longer arrays are kmalloc'ed.
 */
static ssize_t do_iov(unsigned int fd, const struct iovec *uiov, int iovcnt, bool write)
{
	struct iovec iovstack[UIO_FASTIOV], *iov = iovstack;
	struct iov_iter iter;
	struct file *file;
	ssize_t ret;

	file = fget(fd);
	if (!file)
		return -EBADF;
	ret = -EBADF;
	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		goto out_fput;
	ret = -EINVAL;
	if (iovcnt < 0 || iovcnt > UIO_MAXIOV)
		goto out_fput;
	ret = 0;
	if (iovcnt == 0)
		goto out_fput;
	ret = -ENOMEM;
	if (iovcnt > UIO_FASTIOV && !(iov = kmalloc(sizeof(*iov) * (size_t)iovcnt, GFP_KERNEL)))
		goto out_fput;
	ret = -EFAULT;
	if (copy_from_user(iov, uiov, sizeof(*iov) * (size_t)iovcnt))
		goto out_free;
	ret = iter_init(&iter, iov, (unsigned long)iovcnt);
	if (!ret)
		ret = do_iter_rw(file, &iter, &file->f_pos, write);
out_free:
	if (iov != iovstack)
		kfree(iov);
out_fput:
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(readv, unsigned int, fd, const struct iovec *, iov, int, iovcnt)
{
	return do_iov(fd, iov, iovcnt, false);
}

SYSCALL_DEFINE3(writev, unsigned int, fd, const struct iovec *, iov, int, iovcnt)
{
	return do_iov(fd, iov, iovcnt, true);
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, loff_t, offset, unsigned int, whence)
{
	struct file *file = fget(fd);
	loff_t ret;

	if (!file)
		return -EBADF;
	if (S_ISFIFO(file->f_inode->i_mode))
		ret = -ESPIPE;
	else
		ret = vfs_llseek(file, offset, (int)whence);
	fput(file);
	return ret;
}

/*
 * fsync, fdatasync - keyhole's files live in memory only, so there is
 * nothing to write out. What is checked is Linux's: a descriptor not open
 * is -EBADF, and a file whose file system has no fsync method (terminals,
 * pipes, devices, /proc) is -EINVAL; ramfs and tmpfs files and
 * directories have Linux's noop_fsync.
 */
static long do_fsync(unsigned int fd)
{
	struct fd f = fdget(fd);
	struct inode *inode;
	long ret = -EINVAL;

	if (!f.file)
		return -EBADF;
	inode = f.file->f_inode;
	if ((S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode)) && inode->i_sb &&
	    (inode->i_sb->s_magic == RAMFS_MAGIC || inode->i_sb->s_magic == TMPFS_MAGIC))
		ret = 0;
	fdput(f);
	return ret;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	return do_fsync(fd);
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	return do_fsync(fd);
}

/*
 * fadvise64 - advice about a file's future use (posix_fadvise). The page
 * cache here is the file itself, so no advice changes anything; the
 * answers are Linux's (ksys_fadvise64_64, generic_fadvise): -EBADF for a
 * descriptor not open, -ESPIPE for a pipe, -EINVAL for a negative length
 * or advice other than POSIX_FADV_NORMAL (0) to POSIX_FADV_NOREUSE (5).
 */
SYSCALL_DEFINE4(fadvise64, int, fd, loff_t, offset, loff_t, len, int, advice)
{
	struct fd f = fdget((unsigned int)fd);
	long ret = 0;

	(void)offset;
	if (!f.file)
		return -EBADF;
	if (S_ISFIFO(f.file->f_inode->i_mode))
		ret = -ESPIPE;
	else if (len < 0 || advice < 0 || advice > 5)
		ret = -EINVAL;
	fdput(f);
	return ret;
}
