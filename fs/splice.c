/*
 * splice.c - sendfile(2) and copy_file_range(2): copy from one file to
 * another inside the kernel, from a regular file to anything that can be
 * written (a pipe, a file, the console) or, for copy_file_range, to a
 * regular file of the same file system. Linux's do_sendfile() (fs/read_write.c) and
 * do_splice_direct() (fs/splice.c), with a bounce buffer instead of the
 * page cache's pages: vfs_read() a chunk into it, vfs_write() the chunk
 * out, until count bytes moved, the input ends, or the output takes less
 * than it was given (a full non-blocking pipe, a full tmpfs).
 *
 * Positions, as Linux: with an offset pointer the input is read from
 * *offset, which is updated, and the file's own position stays; without
 * one the input's f_pos moves. The output is written at its f_pos (an
 * output opened O_APPEND is refused, -EINVAL). A read that the output
 * took only part of rewinds the input to just after what was written.
 */
#include "fs/fdtable.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define SENDFILE_CHUNK  (4 * PAGE_SIZE)

/*
 * Copy up to count bytes from in at *in_pos to out at *out_pos, through a
 * bounce buffer; both positions advance by what reached out. Stops early
 * at the end of in, when out takes less than it was given, or for a
 * signal. Return: bytes copied, or the first error if none were.
 */
static long copy_chunks(struct file *in, loff_t *in_pos, struct file *out, loff_t *out_pos,
			size_t count)
{
	char *buf = kmalloc(SENDFILE_CHUNK, GFP_KERNEL);
	size_t done = 0;
	long ret = 0;

	if (!buf)
		return -ENOMEM;
	while (done < count) {
		size_t want = min(count - done, (size_t)SENDFILE_CHUNK);
		loff_t pos = *out_pos;
		ssize_t got = vfs_read(in, buf, want, in_pos), put;

		if (got <= 0) {
			ret = got;
			break;
		}
		put = vfs_write(out, buf, (size_t)got, &pos);
		if (put > 0)
			*out_pos = pos;
		if (put < got)
			*in_pos -= got - (put > 0 ? put : 0);   /* not taken: read again later */
		if (put <= 0) {
			ret = put;
			break;
		}
		done += (size_t)put;
		if (put < got || signal_pending(current))
			break;
	}
	kfree(buf);
	return done ? (long)done : ret;
}

static long do_sendfile(int out_fd, int in_fd, loff_t *ppos, size_t count)
{
	struct file *in, *out = NULL;
	loff_t pos, out_pos;
	long ret;

	in = fget((unsigned int)in_fd);
	if (!in)
		return -EBADF;
	ret = -EBADF;
	if (!(in->f_mode & FMODE_READ))
		goto out_put;
	ret = -ESPIPE;
	if (ppos && (S_ISFIFO(in->f_inode->i_mode) || S_ISCHR(in->f_inode->i_mode)))
		goto out_put;
	pos = ppos ? *ppos : in->f_pos;
	ret = -EINVAL;
	if (pos < 0)
		goto out_put;
	if (count > (size_t)MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	ret = -EBADF;
	out = fget((unsigned int)out_fd);
	if (!out || !(out->f_mode & FMODE_WRITE))
		goto out_put;
	ret = -EINVAL;
	if (!S_ISREG(in->f_inode->i_mode) || (out->f_flags & O_APPEND))
		goto out_put;                   /* only a file splices; append cannot */
	if (pos > MAX_LFS_FILESIZE - (loff_t)count) {
		ret = -EOVERFLOW;
		if (pos >= MAX_LFS_FILESIZE)
			goto out_put;
		count = (size_t)(MAX_LFS_FILESIZE - pos);
	}
	ret = 0;
	if (!count)
		goto out_put;
	out_pos = out->f_pos;
	ret = copy_chunks(in, &pos, out, &out_pos, count);
	out->f_pos = out_pos;
	if (ppos)
		*ppos = pos;
	else
		in->f_pos = pos;
out_put:
	fput(out);
	fput(in);
	return ret;
}

SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, loff_t *, offset, size_t, count)
{
	loff_t pos;
	long ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count);
	if (copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	ret = do_sendfile(out_fd, in_fd, &pos, count);
	if (ret > 0 && copy_to_user(offset, &pos, sizeof(pos)))
		return -EFAULT;
	return ret;
}

/*
 * copy_file_range(2): between two regular files of one file system (else
 * -EXDEV, as Linux 6.1 for file systems without their own method), from
 * *off_in or the input's position to *off_out or the output's, as Linux's
 * generic_copy_file_checks() wants: no flags, no O_APPEND output (-EBADF),
 * no overlap within one file (-EINVAL).
 */
static long do_copy_file_range(int fd_in, loff_t *off_in, int fd_out, loff_t *off_out,
			       size_t len)
{
	struct file *in = fget((unsigned int)fd_in), *out = fget((unsigned int)fd_out);
	loff_t pos_in, pos_out;
	long ret = -EBADF;

	if (!in || !out)
		goto out_put;
	ret = -EISDIR;
	if (S_ISDIR(in->f_inode->i_mode) || S_ISDIR(out->f_inode->i_mode))
		goto out_put;
	ret = -EINVAL;
	if (!S_ISREG(in->f_inode->i_mode) || !S_ISREG(out->f_inode->i_mode))
		goto out_put;
	ret = -EBADF;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE) ||
	    (out->f_flags & O_APPEND))
		goto out_put;
	pos_in = off_in ? *off_in : in->f_pos;
	pos_out = off_out ? *off_out : out->f_pos;
	ret = -EINVAL;
	if (pos_in < 0 || pos_out < 0)
		goto out_put;
	if (len > (size_t)MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (in->f_inode == out->f_inode && pos_in < pos_out + (loff_t)len &&
	    pos_out < pos_in + (loff_t)len)
		goto out_put;                   /* overlapping ranges of one file */
	ret = -EXDEV;
	if (in->f_inode->i_sb != out->f_inode->i_sb)
		goto out_put;
	ret = 0;
	if (len)
		ret = copy_chunks(in, &pos_in, out, &pos_out, len);
	if (off_in)
		*off_in = pos_in;
	else
		in->f_pos = pos_in;
	if (off_out)
		*off_out = pos_out;
	else
		out->f_pos = pos_out;
out_put:
	fput(out);
	fput(in);
	return ret;
}

SYSCALL_DEFINE6(copy_file_range, int, fd_in, loff_t *, off_in, int, fd_out, loff_t *, off_out,
		size_t, len, unsigned int, flags)
{
	loff_t pin, pout;
	long ret;

	if (flags)
		return -EINVAL;
	if (off_in && copy_from_user(&pin, off_in, sizeof(pin)))
		return -EFAULT;
	if (off_out && copy_from_user(&pout, off_out, sizeof(pout)))
		return -EFAULT;
	ret = do_copy_file_range(fd_in, off_in ? &pin : NULL, fd_out, off_out ? &pout : NULL, len);
	if (ret > 0 && off_in && copy_to_user(off_in, &pin, sizeof(pin)))
		return -EFAULT;
	if (ret > 0 && off_out && copy_to_user(off_out, &pout, sizeof(pout)))
		return -EFAULT;
	return ret;
}
