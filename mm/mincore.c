/*
 * mincore.c - mincore(2): which pages of a range are in memory, as
 * Linux's mm/mincore.c.
 *
 * One byte per page of the range, bit 0 set if the page is resident:
 * mapped in this process (any page table entry, a PROT_NONE one
 * included), or, for a file mapping, in the file's page cache even if
 * this process has not touched it (mm/filemap.c: the cache is the file,
 * so a page another process wrote is resident here too). An anonymous
 * page never touched is not. As Linux, a file mapping of a file the
 * caller could not write (not the owner, no write permission, not root)
 * shows every page resident, so as not to tell which pages someone else
 * has used.
 *
 * The answer is built a page of bytes at a time in a kernel buffer under
 * mmap_lock, then copied out without it.
 */
#include "fs/vfs.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "mm/uaccess.h"

/* Linux's can_do_mincore: anonymous memory, or a file the caller may write. */
static bool can_do_mincore(struct vm_area_struct *vma)
{
	struct inode *inode;

	if (!vma->vm_ops || !vma->vm_ops->fault)
		return true;
	inode = vma->vm_file->f_inode;
	return current->fsuid == inode->i_uid || capable(CAP_FOWNER) ||
	       inode_permission(inode, MAY_WRITE) == 0;
}

/*
 * Fill vec with the state of up to pages pages from addr, inside one VMA.
 * Return: how many were filled, or -ENOMEM if no VMA holds addr. Caller
 * holds mmap_lock.
 */
static long do_mincore(struct mm_struct *mm, unsigned long addr, unsigned long pages,
		       unsigned char *vec)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long end, n;
	struct inode *inode = NULL;

	if (!vma || vma->vm_start > addr)
		return -ENOMEM;
	end = min(vma->vm_end, addr + (pages << PAGE_SHIFT));
	n = (end - addr) >> PAGE_SHIFT;
	if (!can_do_mincore(vma)) {
		memset(vec, 1, n);
		return (long)n;
	}
	if (vma->vm_ops && vma->vm_ops->fault) {
		inode = vma->vm_file->f_inode;
		mutex_lock(&inode->i_mutex);
	}
	for (unsigned long i = 0; i < n; i++) {
		unsigned long va = addr + (i << PAGE_SHIFT);

		vec[i] = lookup_address(mm->pgd, va, NULL) != NULL;
		if (!vec[i] && inode)
			vec[i] = filemap_lookup(inode->i_mapping, vma->vm_pgoff +
						((va - vma->vm_start) >> PAGE_SHIFT)) != NULL;
	}
	if (inode)
		mutex_unlock(&inode->i_mutex);
	return (long)n;
}

/*
 * mincore - residency of [start, start + len) into vec, one byte a page.
 * Errors: EINVAL (start unaligned), ENOMEM (the range leaves user space,
 * or a page of it is not mapped), EFAULT (vec cannot be written; the
 * bytes for the pages before may have been).
 */
SYSCALL_DEFINE3(mincore, unsigned long, start, size_t, len, unsigned char *, vec)
{
	struct mm_struct *mm = current->mm;
	unsigned long pages;
	unsigned char *tmp;
	long ret = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok((void *)start, len))
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	tmp = (unsigned char *)__get_free_pages(GFP_KERNEL, 0);
	if (!tmp)
		return -EAGAIN;
	while (pages) {
		mutex_lock(&mm->mmap_lock);
		ret = do_mincore(mm, start, min(pages, PAGE_SIZE), tmp);
		mutex_unlock(&mm->mmap_lock);
		if (ret <= 0)
			break;
		if (copy_to_user(vec, tmp, (unsigned long)ret)) {
			ret = -EFAULT;
			break;
		}
		pages -= (unsigned long)ret;
		vec += ret;
		start += (unsigned long)ret << PAGE_SHIFT;
		ret = 0;
	}
	free_pages((unsigned long)tmp, 0);
	return ret;
}
