/*
 * splice.c - sendfile(2): copy from one file to another inside the
 * kernel, from a regular file to anything that can be written (a pipe,
 * a file, the console). Linux's do_sendfile() (fs/read_write.c) and
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

static long do_sendfile(int out_fd, int in_fd, loff_t *ppos, size_t count)
{
	struct file *in, *out = NULL;
	loff_t pos, out_pos;
	size_t done = 0;
	char *buf = NULL;
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
	ret = -ENOMEM;
	buf = kmalloc(SENDFILE_CHUNK, GFP_KERNEL);
	if (!buf)
		goto out_put;
	ret = 0;
	while (done < count) {
		size_t want = min(count - done, (size_t)SENDFILE_CHUNK);
		ssize_t got = vfs_read(in, buf, want, &pos), put;

		if (got <= 0) {
			ret = got;
			break;
		}
		out_pos = out->f_pos;
		put = vfs_write(out, buf, (size_t)got, &out_pos);
		if (put > 0)
			out->f_pos = out_pos;
		if (put < got)
			pos -= got - (put > 0 ? put : 0);       /* not taken: read again later */
		if (put <= 0) {
			ret = put;
			break;
		}
		done += (size_t)put;
		if (put < got || signal_pending(current))
			break;
	}
	if (done)
		ret = (long)done;
	if (ppos)
		*ppos = pos;
	else
		in->f_pos = pos;
out_put:
	kfree(buf);
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
