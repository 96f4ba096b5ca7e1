/*
 * mmap.c - user address spaces: creating and destroying them, their VMAs,
 * and the page faults that fill them in.
 *
 * An mm_struct owns a top-level page table whose upper half points at the
 * kernel's own tables (shared by all, never freed here) and whose lower
 * half is the process's. Its VMAs say what the process may touch; only
 * touching makes a page (handle_mm_fault: a zeroed page, mapped with the
 * VMA's rights). Unmapping a range frees the pages there and the page
 * tables it empties (unmap_page does that); mmput() of the last user
 * unmaps everything and frees the top-level table.
 *
 * Locking: mm->mmap_lock (a mutex: faults may sleep later) guards the VMA
 * list and the lower half of mm->pgd. Callers of find_vma/insert/munmap
 * hold it; handle_mm_fault is called with it held.
 */
#include "arch/x86_64/cpu.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "mm/slab.h"
#include "fs/shmem.h"
#include "lib/err.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"

/*
 * mm_alloc - a new, empty address space.
 *
 * Return: it (one user), or NULL when memory runs out.
 */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);
	struct page *page;

	if (!mm)
		return NULL;
	page = alloc_page(__GFP_ZERO);
	if (!page) {
		kfree(mm);
		return NULL;
	}
	page->flags |= PG_pgtable;
	page->pt_used = 0;
	mm->pgd = page_address(page);
	/* The kernel half: the same tables as every other address space. */
	memcpy(mm->pgd + PTRS_PER_TABLE / 2, init_pgd + PTRS_PER_TABLE / 2,
	       PTRS_PER_TABLE / 2 * sizeof(pgd_t));
	INIT_LIST_HEAD(&mm->mmap);
	mutex_init(&mm->mmap_lock);
	atomic_set(&mm->mm_users, 1);
	return mm;
}

/* Unmap [start, end) page by page, dropping each page's reference. */
static void zap_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		phys_addr_t pa = unmap_page(mm->pgd, va);

		if (pa != PHYS_NONE)
			put_page(phys_to_page(pa));
	}
}

/* Free a VMA that is off its list (its pages are already unmapped). */
static void free_vma(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	kfree(vma);
}

/* A copy of vma (fork, split) shares its file and tells its owner. */
static void vma_copy_refs(struct vm_area_struct *copy)
{
	if (copy->vm_file)
		get_file(copy->vm_file);
	if (copy->vm_ops && copy->vm_ops->open)
		copy->vm_ops->open(copy);
}

/*
 * mmput - drop a user of mm; the last one frees all its memory.
 *
 * Context: process context; mm must not be the loaded page table.
 */
void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;

	if (!atomic_dec_and_test(&mm->mm_users))
		return;
	/* Freeing the page table the CPU runs on would take the kernel's
	 * mappings with it a little later: say so now, with a trace. */
	if ((read_cr3() & PTE_ADDR_MASK) == __pa(mm->pgd))
		panic("mmput: freeing the page table in use (cr3 %#llx)",
		      (unsigned long long)read_cr3());
	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		zap_range(mm, vma->vm_start, vma->vm_end);
		list_del(&vma->vm_list);
		free_vma(vma);
	}
	struct page *pgd_page = virt_to_page(mm->pgd);
	pgd_page->flags &= ~PG_pgtable;
	__free_pages(pgd_page, 0);
	kfree(mm);
}

/*
 * find_vma - the first VMA that ends above addr (it may start above it
 * too: check vm_start), or NULL. Context: mmap_lock held.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end > addr)
			return vma;
	return NULL;
}

/*
 * insert_vm_area - add the range [start, end) (page aligned, free) with
 * flags to mm.
 *
 * Context: mmap_lock held.
 * Return: 0, -EINVAL for a bad range, -EEXIST if it overlaps a VMA,
 * -ENOMEM.
 */
int insert_vm_area(struct mm_struct *mm, unsigned long start, unsigned long end,
		   unsigned long flags)
{
	struct vm_area_struct *vma, *next;

	if (start >= end || (start | end) & ~PAGE_MASK || end > TASK_SIZE)
		return -EINVAL;
	next = find_vma(mm, start);
	if (next && next->vm_start < end)
		return -EEXIST;
	vma = kzalloc(sizeof(*vma), GFP_KERNEL);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	vma->vm_mm = mm;
	/* Before next, or at the end: the list stays sorted. */
	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	mm->map_count++;
	return 0;
}

/* Cut vma in two at addr (page aligned, strictly inside it). Caller holds mmap_lock. */
static int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *upper = kzalloc(sizeof(*upper), GFP_KERNEL);

	if (!upper)
		return -ENOMEM;
	*upper = *vma;
	upper->vm_start = addr;
	upper->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	vma_copy_refs(upper);
	vma->vm_end = addr;
	list_add(&upper->vm_list, &vma->vm_list);
	mm->map_count++;
	return 0;
}

/*
 * do_munmap - remove [start, start + len) from mm: pages freed, VMAs
 * trimmed, split or removed.
 *
 * Context: mmap_lock held.
 * Return: 0, -EINVAL for an unaligned start, a zero or too long length,
 * -ENOMEM if a split needs memory.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	struct vm_area_struct *vma, *next;
	unsigned long end;
	int err;

	if ((start & ~PAGE_MASK) || len == 0 || len > TASK_SIZE || start > TASK_SIZE - len)
		return -EINVAL;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	/* Cut the VMAs that straddle either end, then drop what is inside. */
	vma = find_vma(mm, start);
	if (vma && vma->vm_start < start && vma->vm_end > start &&
	    (err = split_vma(mm, vma, start)))
		return err;
	vma = find_vma(mm, end);
	if (vma && vma->vm_start < end && vma->vm_end > end && (err = split_vma(mm, vma, end)))
		return err;
	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		if (vma->vm_start >= start && vma->vm_end <= end) {
			zap_range(mm, vma->vm_start, vma->vm_end);
			list_del(&vma->vm_list);
			mm->map_count--;
			free_vma(vma);
		}
	}
	return 0;
}

/*
 * dup_mm - a copy of oldmm for a forked child, sharing every page
 * copy-on-write: each present page gets one more reference and is mapped
 * read-only in both; the first write by either faults and copies it
 * (handle_mm_fault). Pages of read-only VMAs are simply shared.
 *
 * Context: process context; takes oldmm's mmap_lock.
 * Return: the new mm, or NULL when memory runs out.
 */
struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;

	if (!mm)
		return NULL;
	mutex_lock(&oldmm->mmap_lock);
	list_for_each_entry(vma, &oldmm->mmap, vm_list) {
		if (insert_vm_area(mm, vma->vm_start, vma->vm_end, vma->vm_flags))
			goto out_fail;
		struct vm_area_struct *copy = find_vma(mm, vma->vm_start);
		copy->vm_pgoff = vma->vm_pgoff;
		copy->vm_file = vma->vm_file;
		copy->vm_ops = vma->vm_ops;
		copy->vm_private_data = vma->vm_private_data;
		vma_copy_refs(copy);
		for (unsigned long va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
			u64 *pte = lookup_address(oldmm->pgd, va, NULL);

			if (!pte)
				continue;
			if (!(vma->vm_flags & VM_SHARED))
				*pte &= ~_PAGE_RW;      /* private: both copies read-only, COW */
			phys_addr_t pa = entry_phys(*pte);
			if (map_page(mm->pgd, va, pa, *pte & ~PTE_ADDR_MASK))
				goto out_fail;
			get_page(phys_to_page(pa));
		}
	}
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mutex_unlock(&oldmm->mmap_lock);
	flush_tlb_all();                /* the parent's pages are read-only now */
	return mm;

out_fail:
	mutex_unlock(&oldmm->mmap_lock);
	flush_tlb_all();
	mmput(mm);
	return NULL;
}

/*
 * A write to a present, read-only page of a writable VMA: the page is
 * shared copy-on-write. The last sharer just gets write access back;
 * others get a private copy. Caller holds mmap_lock.
 */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long va,
		      u64 *pte)
{
	struct page *old = phys_to_page(entry_phys(*pte)), *copy;

	if (page_count(old) == 1) {
		*pte |= _PAGE_RW;
		invlpg(va);
		return 0;
	}
	copy = alloc_page(GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	memcpy(page_address(copy), page_address(old), PAGE_SIZE);
	*pte = page_to_phys(copy) | vm_page_prot(vma->vm_flags);
	invlpg(va);
	put_page(old);
	(void)mm;
	return 0;
}

/* vm_page_prot - the page table flags for a VMA's pages. */
u64 vm_page_prot(unsigned long vm_flags)
{
	u64 prot = _PAGE_PRESENT | _PAGE_USER;

	/* PROT_NONE: keep the page (its data survives a later mprotect) but
	 * take it away from user mode; any user access then faults. */
	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return _PAGE_PRESENT | _PAGE_NX;
	if (vm_flags & VM_WRITE)
		prot |= _PAGE_RW;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return prot;
}

/*
 * handle_mm_fault - make the access at address legal if a VMA allows it:
 * a zeroed page where nothing is mapped yet, a private copy of a page
 * shared copy-on-write; a stack VMA grows down to a fault just below it
 * (within STACK_MAX).
 *
 * Context: mmap_lock held; interrupts may be on.
 * Return: 0 when the access can be retried; -EFAULT when no VMA is there,
 * -EACCES when one is but forbids this access (the caller sends SIGSEGV,
 * SEGV_MAPERR or SEGV_ACCERR, or takes the exception fixup); -ENOMEM.
 */
int handle_mm_fault(struct mm_struct *mm, unsigned long address, bool write, bool exec)
{
	struct vm_area_struct *vma = find_vma(mm, address);
	unsigned long va = address & PAGE_MASK;
	struct page *page;
	int err;

	if (!vma)
		return -EFAULT;
	if (vma->vm_start > address) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || vma->vm_end - va > STACK_MAX)
			return -EFAULT;
		struct vm_area_struct *prev = list_prev_entry(vma, vm_list);
		if (&prev->vm_list != &mm->mmap && prev->vm_end > va)
			return -EFAULT;
		vma->vm_start = va;             /* the stack grows */
	}
	if ((write && !(vma->vm_flags & VM_WRITE)) || (exec && !(vma->vm_flags & VM_EXEC)) ||
	    !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return -EACCES;                 /* mapped, but not for this */
	u64 *pte = lookup_address(mm->pgd, va, NULL);
	if (pte) {
		/* Present, yet it faulted: copy-on-write, or a real violation. */
		if (write && !(*pte & _PAGE_RW))
			return do_wp_page(mm, vma, va, pte);
		return -EACCES;
	}

	if (vma->vm_file) {
		/* A shmem file: the page every mapper finds at this index. */
		unsigned long idx = vma->vm_pgoff + ((va - vma->vm_start) >> PAGE_SHIFT);

		page = shmem_get_page(vma->vm_file->f_inode, idx);
		if (IS_ERR(page))
			return (int)PTR_ERR(page);      /* past the end (SIGBUS on Linux), -ENOMEM */
		get_page(page);                 /* the mapping's reference */
	} else {
		page = alloc_page(__GFP_ZERO);
		if (!page)
			return -ENOMEM;
	}
	err = map_page(mm->pgd, va, page_to_phys(page), vm_page_prot(vma->vm_flags));
	if (err) {
		put_page(page);
		return err;
	}
	return 0;
}

/* The system calls: brk, mmap (anonymous, private), munmap. */

#define PROT_READ       0x1
#define PROT_WRITE      0x2
#define PROT_EXEC       0x4
#define MAP_SHARED      0x01
#define MAP_PRIVATE     0x02
#define MAP_FIXED       0x10
#define MAP_ANONYMOUS   0x20

/*
 * brk - move the end of the heap. The heap is a VMA from start_brk to
 * brk; growing it may not run into the next VMA. As Linux, the result is
 * the new break, or the old one if the request cannot be met.
 */
SYSCALL_DEFINE1(brk, unsigned long, addr)
{
	struct mm_struct *mm = current->mm;
	unsigned long old_end, new_end, ret;

	mutex_lock(&mm->mmap_lock);
	ret = mm->brk;
	if (addr < mm->start_brk)
		goto out_unlock;
	old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	new_end = ALIGN_UP(addr, PAGE_SIZE);
	if (new_end > old_end) {
		struct vm_area_struct *heap = find_vma(mm, mm->start_brk);
		struct vm_area_struct *next = find_vma(mm, old_end);

		if (new_end > TASK_SIZE || (next && next->vm_start < new_end))
			goto out_unlock;
		if (heap && heap->vm_start == mm->start_brk && heap->vm_end == old_end)
			heap->vm_end = new_end;
		else if (insert_vm_area(mm, old_end, new_end, VM_READ | VM_WRITE))
			goto out_unlock;
	} else if (new_end < old_end) {
		do_munmap(mm, new_end, old_end - new_end);
	}
	mm->brk = ret = addr;
out_unlock:
	mutex_unlock(&mm->mmap_lock);
	return (long)ret;
}

/*
 * get_unmapped_area - the highest free range of len bytes below MMAP_BASE,
 * or 0. Context: mmap_lock held.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long top = MMAP_BASE;
	struct vm_area_struct *vma;

	list_for_each_entry_reverse(vma, &mm->mmap, vm_list) {
		if (vma->vm_start >= top)
			continue;
		if (vma->vm_end <= top - len)
			return top - len;
		top = vma->vm_start;
		if (top < len)
			return 0;
	}
	return top >= len + PAGE_SIZE ? top - len : 0;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, int, fd, unsigned long, off)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags;
	long ret;

	(void)fd;
	if (len == 0 || (off & ~PAGE_MASK) || (addr & ~PAGE_MASK))
		return -EINVAL;
	if ((flags & (MAP_SHARED | MAP_PRIVATE)) == 0 ||
	    (flags & (MAP_SHARED | MAP_PRIVATE)) == (MAP_SHARED | MAP_PRIVATE))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV;         /* file mappings: not yet */
	if (len > TASK_SIZE)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	vm_flags = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
		   (prot & PROT_EXEC ? VM_EXEC : 0);

	mutex_lock(&mm->mmap_lock);
	if (flags & MAP_FIXED) {
		if (addr > TASK_SIZE - len) {
			ret = -ENOMEM;
			goto out_unlock;
		}
		do_munmap(mm, addr, len);
	} else {
		addr = get_unmapped_area(mm, len);
		if (!addr) {
			ret = -ENOMEM;
			goto out_unlock;
		}
	}
	if (flags & MAP_SHARED)
		vm_flags |= VM_SHARED;
	ret = insert_vm_area(mm, addr, addr + len, vm_flags);
	if (ret == 0 && (flags & MAP_SHARED)) {
		/* Shared anonymous memory is a nameless shmem file, as Linux's. */
		struct file *file = shmem_kernel_file_setup("dev/zero", (loff_t)len, 0);

		if (IS_ERR(file)) {
			do_munmap(mm, addr, len);
			ret = PTR_ERR(file);
			goto out_unlock;
		}
		find_vma(mm, addr)->vm_file = file;
	}
	if (ret == 0)
		ret = (long)addr;
out_unlock:
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, unsigned long, len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	mutex_lock(&mm->mmap_lock);
	ret = do_munmap(mm, addr, len);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

/*
 * mprotect - change the rights of [start, start + len), which must be
 * mapped all through (-ENOMEM otherwise, as Linux). Pages already there
 * get the new rights, except that a page still shared copy-on-write stays
 * read-only until its write fault copies it.
 */
SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, flags;
	struct vm_area_struct *vma;
	long ret = 0;

	if ((start & ~PAGE_MASK) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (len > TASK_SIZE || start > TASK_SIZE - ALIGN_UP(len, PAGE_SIZE))
		return -ENOMEM;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	flags = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
		(prot & PROT_EXEC ? VM_EXEC : 0);

	mutex_lock(&mm->mmap_lock);
	/* All of it must be mapped, with no holes. */
	unsigned long at = start;
	for (vma = find_vma(mm, start); vma && at < end; vma = list_next_entry(vma, vm_list)) {
		if (vma->vm_start > at || &vma->vm_list == &mm->mmap)
			break;
		at = vma->vm_end;
	}
	if (at < end) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	vma = find_vma(mm, start);
	if (vma->vm_start < start && (ret = split_vma(mm, vma, start)))
		goto out_unlock;
	for (vma = find_vma(mm, start); &vma->vm_list != &mm->mmap && vma->vm_start < end;
	     vma = list_next_entry(vma, vm_list)) {
		/* What the mapping may never have (VM_MAY*): a read-only
		 * shmat cannot be made writable, as Linux. */
		if ((flags & VM_WRITE && !(vma->vm_flags & VM_MAYWRITE)) ||
		    (flags & VM_READ && !(vma->vm_flags & VM_MAYREAD)) ||
		    (flags & VM_EXEC && !(vma->vm_flags & VM_MAYEXEC))) {
			ret = -EACCES;
			goto out_unlock;
		}
		if (vma->vm_end > end && (ret = split_vma(mm, vma, end)))
			goto out_unlock;
		vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | flags;
		for (unsigned long va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
			u64 *pte = lookup_address(mm->pgd, va, NULL);

			if (!pte)
				continue;
			u64 prot_bits = vm_page_prot(vma->vm_flags);
			if (!(vma->vm_flags & VM_SHARED) &&
			    page_count(phys_to_page(entry_phys(*pte))) > 1)
				prot_bits &= ~_PAGE_RW;         /* still copy-on-write */
			*pte = entry_phys(*pte) | prot_bits;
			invlpg(va);
		}
	}
out_unlock:
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

#define MADV_NORMAL     0
#define MADV_RANDOM     1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED   3
#define MADV_DONTNEED   4
#define MADV_FREE       8

/*
 * madvise - hints. MADV_DONTNEED and MADV_FREE drop the pages of the range:
 * the next touch finds zeroes, as with Linux's private anonymous memory.
 * The others change nothing here. Unknown advice is -EINVAL.
 */
SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len, int, advice)
{
	struct mm_struct *mm = current->mm;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	switch (advice) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
		return 0;
	case MADV_DONTNEED:
	case MADV_FREE:
		break;
	default:
		return -EINVAL;
	}
	if (len > TASK_SIZE || start > TASK_SIZE - len)
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	zap_range(mm, start, start + ALIGN_UP(len, PAGE_SIZE));
	mutex_unlock(&mm->mmap_lock);
	return 0;
}
