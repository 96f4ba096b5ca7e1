/*
 * mremap.c - mremap(2): make a mapping smaller, larger in place, or move
 * it (with its pages) somewhere else, as Linux's mm/mremap.c.
 *
 * Three ways, tried in Linux's order:
 *
 *   shrink      new_len <= old_len: unmap the tail, the address stays.
 *   grow        the range ends where its VMA ends and the space after is
 *               free: the VMA's vm_end moves up; new pages come on touch.
 *   move        MREMAP_MAYMOVE (or MREMAP_FIXED, MREMAP_DONTUNMAP): a copy
 *               of the VMA (vm_area_dup: the same file, offset, rights and
 *               owner, who hears vm_ops->open) at the new place, the page
 *               table entries moved there, then the old range unmapped
 *               (MREMAP_DONTUNMAP: its pages only; the VMA stays, and
 *               refills as any VMA does: zeroes for private anonymous
 *               memory, the file's pages for a file).
 *
 * A move is copy, then unmap: each present entry of the old range is
 * mapped again at the new address with one more reference on its page,
 * then the old range is zapped, which drops the old references. If a page
 * table cannot be had half-way, the copies made so far are zapped and the
 * old mapping is left as it was (-ENOMEM). A private page stays shared
 * copy-on-write exactly as it was (its entry is copied with its rights).
 *
 * Locking: all of it under the mm's mmap_lock.
 */
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "lib/err.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"

#define MREMAP_MAYMOVE          1
#define MREMAP_FIXED            2
#define MREMAP_DONTUNMAP        4

struct move_walk {
	struct mm_struct *mm;
	long delta;                     /* new address - old address */
};

/* Map the page at *pte again delta bytes away, with one more reference. */
static int copy_one_pte(u64 *pte, unsigned long va, struct mm_walk *walk)
{
	struct move_walk *mw = walk->private;
	phys_addr_t pa = entry_phys(*pte);
	int err;

	err = map_page(mw->mm->pgd, va + (unsigned long)mw->delta, pa, *pte & ~PTE_ADDR_MASK);
	if (err)
		return err;
	get_page(phys_to_page(pa));
	return 0;
}

/*
 * Move [old_addr, old_addr + old_len) of vma to a new VMA at new_addr of
 * new_len bytes (new_addr free, new_len >= old_len), as Linux's move_vma.
 * Return: new_addr, -ENOMEM.
 */
static long move_vma(struct vm_area_struct *vma, unsigned long old_addr, unsigned long old_len,
		     unsigned long new_len, unsigned long new_addr, unsigned long flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct move_walk mw = { .mm = mm, .delta = (long)(new_addr - old_addr) };
	struct mm_walk walk = { .pte_entry = copy_one_pte, .private = &mw };
	struct vm_area_struct *new;
	int err;

	/* A move may split the old VMA twice and adds one (Linux's check). */
	if (mm->map_count >= DEFAULT_MAX_MAP_COUNT - 3)
		return -ENOMEM;
	new = vm_area_dup(vma, mm);
	if (!new)
		return -ENOMEM;
	new->vm_start = new_addr;
	new->vm_end = new_addr + new_len;
	new->vm_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	if (vma_insert(new)) {
		/* Cannot happen: get_unmapped_area or the unmap made it free. */
		free_vma(new);
		return -ENOMEM;
	}
	vm_stat_account(mm, new->vm_flags, (long)vma_pages(new));
	err = walk_page_range(mm->pgd, old_addr, old_addr + old_len, &walk);
	if (err) {
		/* Undo: the copies go, the old mapping stays whole. */
		do_munmap(mm, new_addr, new_len);
		return -ENOMEM;
	}
	if (flags & MREMAP_DONTUNMAP)
		zap_range(mm, old_addr, old_addr + old_len, false);
	else if (old_len)
		do_munmap(mm, old_addr, old_len);
	return (long)new_addr;
}

/*
 * The VMA that [addr, addr + old_len) must lie in, checked for growing it
 * to new_len, as Linux's vma_to_resize. Return: it, or ERR_PTR: -EFAULT
 * (nothing mapped at addr, or the range crosses the VMA's end), -EINVAL
 * (old_len 0 on a private mapping; the file offset would wrap), -ENOMEM
 * (past RLIMIT_AS/RLIMIT_DATA).
 */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr,
					    unsigned long old_len, unsigned long new_len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long pgoff;

	if (!vma || vma->vm_start > addr)
		return ERR_PTR(-EFAULT);
	/* old_len 0 "duplicates" a shared mapping; a private one has nothing to share. */
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return ERR_PTR(-EINVAL);
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len == old_len)
		return vma;
	pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return ERR_PTR(-EINVAL);
	if (!may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return ERR_PTR(-ENOMEM);
	return vma;
}

/* MREMAP_FIXED or MREMAP_DONTUNMAP: to new_addr (a hint without MREMAP_FIXED). */
static long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	long ret;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;         /* the two ranges overlap */
	if (mm->map_count + 2 >= DEFAULT_MAX_MAP_COUNT - 3)
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		ret = do_munmap(mm, new_addr, new_len);
		if (ret)
			return ret;
	}
	if (old_len > new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	/* MREMAP_DONTUNMAP keeps the old VMA: the new one is all extra. */
	if ((flags & MREMAP_DONTUNMAP) && !may_expand_vm(mm, vma->vm_flags, old_len >> PAGE_SHIFT))
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		if (new_addr < MMAP_MIN_ADDR && current->euid != 0)
			return -EPERM;
	} else if (!new_addr || !hint_is_free(mm, new_addr, new_len)) {
		new_addr = get_unmapped_area(mm, new_len);
		if (!new_addr)
			return -ENOMEM;
	}
	return move_vma(vma, addr, old_len, new_len, new_addr, flags);
}

/*
 * mremap - resize or move the mapping at addr, as Linux's: shrinking
 * always works in place (whatever follows addr's VMA is unmapped); growing
 * works in place if the range ends at its VMA's end and the space after
 * is free, else only with MREMAP_MAYMOVE, which moves it to a free range;
 * MREMAP_FIXED moves it to new_addr, replacing what is there;
 * MREMAP_DONTUNMAP moves it (same size) and leaves the old VMA, empty.
 * Errors: EINVAL (unknown flags, FIXED without MAYMOVE, DONTUNMAP without
 * MAYMOVE or with a new size, an unaligned address, new_len 0 or past
 * TASK_SIZE (Linux 6.18; 6.1 said ENOMEM later), the ranges overlap), EFAULT (nothing mapped at addr, or the range spans VMAs),
 * ENOMEM (no room, no MREMAP_MAYMOVE, past a limit).
 */
SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long ret;

	if (flags & ~(unsigned long)(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);        /* may wrap to 0, as Linux's */
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len || new_len > TASK_SIZE)
		return -EINVAL;

	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr) {
		ret = -EFAULT;          /* nothing mapped at addr, whatever the request */
		goto out_unlock;
	}
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) {
		ret = mremap_to(mm, addr, old_len, new_addr, new_len, flags);
		goto out_unlock;
	}
	if (old_len >= new_len) {
		/* Shrink: unmap the tail (a failed unmap only matters if there
		 * was one to do). */
		ret = old_len > new_len ? do_munmap(mm, addr + new_len, old_len - new_len) : 0;
		if (!ret)
			ret = (long)addr;
		goto out_unlock;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len);
	if (IS_ERR(vma)) {
		ret = PTR_ERR(vma);
		goto out_unlock;
	}
	if (old_len == vma->vm_end - addr) {
		/* Grow in place if the space after is free and in user space. */
		struct vm_area_struct *next = vma_next(vma);
		unsigned long end = addr + new_len;

		if (end <= TASK_SIZE && end > addr && (!next || next->vm_start >= end)) {
			vm_stat_account(mm, vma->vm_flags, (long)((end - vma->vm_end) >> PAGE_SHIFT));
			vma->vm_end = end;
			if (next)
				vma_gap_update(next);   /* its gap now starts at end */
			ret = (long)addr;
			goto out_unlock;
		}
	}
	ret = -ENOMEM;
	if (flags & MREMAP_MAYMOVE) {
		unsigned long to = get_unmapped_area(mm, new_len);

		if (to)
			ret = move_vma(vma, addr, old_len, new_len, to, flags);
	}
out_unlock:
	mutex_unlock(&mm->mmap_lock);
	return ret;
}
