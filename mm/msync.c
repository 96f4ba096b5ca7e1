/*
 * msync.c - msync(2), as Linux's mm/msync.c.
 *
 * keyhole's files live only in their page cache (mm/filemap.c): a store
 * through a MAP_SHARED mapping is already the file's data, and there is
 * no disk to write it back to. So MS_SYNC and MS_ASYNC have nothing to
 * wait for, and MS_INVALIDATE nothing to drop (every mapping of a file
 * maps the cache's own pages, as on Linux, where it is a no-op now too).
 * What is left is Linux's checking, which is what a program sees: the
 * flags, the alignment, and -ENOMEM for a range with unmapped holes in it
 * (MS_SYNC stops at the first hole; the others go on and say so at the
 * end). -EBUSY, MS_INVALIDATE on a locked mapping, cannot happen: keyhole
 * has no mlock.
 *
 * Locking: mmap_lock around the walk over the VMAs.
 */
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/mm.h"

#define MS_ASYNC        1
#define MS_INVALIDATE   2
#define MS_SYNC         4

/*
 * msync - "write back" [start, start + len). Errors: EINVAL (an unknown
 * flag, MS_ASYNC with MS_SYNC, an unaligned start), ENOMEM (the range
 * wraps, or part of it is not mapped).
 */
SYSCALL_DEFINE3(msync, unsigned long, start, size_t, len, int, flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end;
	long ret = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;

	mutex_lock(&mm->mmap_lock);
	for (vma = find_vma(mm, start); start < end; vma = vma_next(vma)) {
		if (!vma) {
			ret = -ENOMEM;
			break;
		}
		if (start < vma->vm_start) {
			/* A hole: MS_SYNC alone stops here, the others go on. */
			ret = -ENOMEM;
			if (flags == MS_SYNC || vma->vm_start >= end)
				break;
		}
		/* Here the page cache would be written back: it is the file. */
		start = vma->vm_end;
	}
	mutex_unlock(&mm->mmap_lock);
	return ret;
}
