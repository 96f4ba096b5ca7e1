/*
 * read_write.c - the system calls that move data: read, write, readv,
 * writev, pread64, pwrite64, lseek.
 *
 * The file systems and drivers only see kernel buffers (fs/vfs.c), so
 * these calls bounce the data through one kernel page at a time:
 * copy_from_user then vfs_write, or vfs_read then copy_to_user. A read
 * that comes back short (end of file, a pipe or the console with less
 * data than asked) ends the call, as it would on Linux; a bad user buffer
 * ends it with what was moved so far, or -EFAULT if nothing was.
 */
#include "fs/fdtable.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/page_alloc.h"
#include "mm/uaccess.h"

#define BOUNCE_SIZE     PAGE_SIZE

/*
 * Move up to count bytes between user buf and file at *pos, one bounce
 * page at a time: copy_from_user + vfs_write, or vfs_read + copy_to_user.
 * A short transfer ends the call. Return: bytes moved, or an error if none
 * were.
 */
static ssize_t do_rw(struct file *file, char *buf, size_t count, loff_t *pos, bool write)
{
	char *kbuf;
	ssize_t done = 0;

	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	if (!access_ok(buf, count))
		return -EFAULT;
	kbuf = (char *)__get_free_pages(GFP_KERNEL, 0);
	if (!kbuf)
		return -ENOMEM;
	while ((size_t)done < count) {
		size_t want = min(count - (size_t)done, BOUNCE_SIZE);
		ssize_t n;

		if (write && copy_from_user(kbuf, buf + done, want)) {
			n = -EFAULT;
		} else {
			n = write ? vfs_write(file, kbuf, want, pos) : vfs_read(file, kbuf, want, pos);
			if (!write && n > 0 && copy_to_user(buf + done, kbuf, (size_t)n))
				n = -EFAULT;
		}
		if (n < 0) {
			if (!done)
				done = n;
			break;
		}
		done += n;
		if ((size_t)n < want)
			break;
	}
	free_page((unsigned long)kbuf);
	return done;
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
	struct file *file = fget(fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = do_read(file, buf, count, &file->f_pos);
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char *, buf, size_t, count)
{
	struct file *file = fget(fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = do_write(file, buf, count, &file->f_pos);
	fput(file);
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

struct iovec {
	void *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV 1024

/* readv/writev: each buffer in turn; a short transfer ends the call. */
static ssize_t do_iov(unsigned int fd, const struct iovec *uiov, int iovcnt, bool write)
{
	struct file *file;
	ssize_t total = 0;

	if (iovcnt < 0 || iovcnt > UIO_MAXIOV)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	for (int i = 0; i < iovcnt; i++) {
		struct iovec v;
		ssize_t n;

		if (copy_from_user(&v, &uiov[i], sizeof(v))) {
			n = -EFAULT;
		} else if ((ssize_t)v.iov_len < 0) {
			n = -EINVAL;
		} else {
			n = write ? do_write(file, v.iov_base, v.iov_len, &file->f_pos)
				  : do_read(file, v.iov_base, v.iov_len, &file->f_pos);
		}
		if (n < 0) {
			if (!total)
				total = n;
			break;
		}
		total += n;
		if ((size_t)n < v.iov_len)
			break;
	}
	fput(file);
	return total;
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
