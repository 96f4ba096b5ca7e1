/*
 * uio.h - struct iovec and iov_iter: a list of user buffers read or
 * written as one stream, as Linux's include/linux/uio.h.
 *
 * read, write, pread64 and pwrite64 make an iov_iter of one segment,
 * readv and writev of many (fs/read_write.c). Files whose answer to a bad
 * buffer depends on how far they got (pipes: Linux keeps or drops a whole
 * pipe buffer) or that never touch the buffer (/dev/null) take the
 * iov_iter itself through file_operations.read_iter/write_iter; the rest
 * see kernel buffers, filled from or emptied into the iov_iter.
 *
 * Every segment has passed access_ok() when the iov_iter is made; a
 * fault can still happen in a segment (unmapped, PROT_NONE, read-only),
 * and then a copy stops short, at the exact byte.
 */
#ifndef FS_UIO_H
#define FS_UIO_H

#include "lib/types.h"

struct iovec {
	void *iov_base;         /* a user address */
	size_t iov_len;
};

#define UIO_MAXIOV      1024
#define UIO_FASTIOV     8       /* readv/writev copy this many iovecs on the stack */

struct iov_iter {
	const struct iovec *iov;        /* the current segment (kernel copy) */
	unsigned long nr_segs;          /* segments left, the current one included */
	size_t iov_offset;              /* bytes done in the current segment */
	size_t count;                   /* bytes left in all */
};

/*
 * copy_to_iter - copy n bytes from kernel memory to the iov_iter's user
 * buffers and advance it by what was copied.
 *
 * Context: may sleep (page faults). Return: bytes copied; fewer than n
 * (but for a short iov_iter) only at a fault.
 */
size_t copy_to_iter(const void *kaddr, size_t n, struct iov_iter *i);

/* copy_from_iter - the same the other way. Return: bytes copied. */
size_t copy_from_iter(void *kaddr, size_t n, struct iov_iter *i);

/* iov_iter_advance - skip n bytes (at most count) without copying them. */
void iov_iter_advance(struct iov_iter *i, size_t n);

#endif /* FS_UIO_H */
