/*
 * rss.c - how much of an address space is in memory (its resident set),
 * for /proc/<pid>/stat, statm and status, and getrusage's ru_maxrss.
 *
 * keyhole keeps no counter (Linux's mm->rss_stat, changed at every fault
 * and unmap): mm_rss() walks the page tables of each VMA and counts the
 * entries that hold a page, which costs what is mapped, not the size of
 * the address space (walk_page_range skips empty tables in one step). The
 * high-water mark getrusage reports (ru_maxrss) is sampled, not tracked:
 * update_hiwater_rss() takes the figure at the moments that count (exit,
 * exec, getrusage), so a peak between two of them is missed (Linux sees
 * it); a deliberate difference. At exit and exec the figure is the
 * teardown's own count when the task was the mm's last user
 * (mmput_hiwater): a fork's child that exits pays no walk for it.
 */
#include "kernel/sched.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/rss.h"

static int count_pte(u64 *pte, unsigned long va, struct mm_walk *walk)
{
	(void)pte;
	(void)va;
	(*(unsigned long *)walk->private)++;
	return 0;
}

/*
 * mm_rss - the pages of mm in memory; with shared, also those of shared
 * mappings (shmem: System V segments, MAP_SHARED) in *shared.
 *
 * Context: the caller holds mm->mmap_lock.
 */
unsigned long mm_rss(struct mm_struct *mm, unsigned long *shared)
{
	unsigned long pages = 0, before;
	struct vm_area_struct *vma;
	struct mm_walk walk = { .pte_entry = count_pte, .private = &pages };

	if (shared)
		*shared = 0;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		before = pages;
		walk_page_range(mm->pgd, vma->vm_start, vma->vm_end, &walk);
		if (shared && vma->vm_file)
			*shared += pages - before;
	}
	return pages;
}

/*
 * get_mm_rss - mm_rss() with the lock taken.
 *
 * Context: process context; mm->mmap_lock not held.
 */
unsigned long get_mm_rss(struct mm_struct *mm)
{
	unsigned long rss;

	mutex_lock(&mm->mmap_lock);
	rss = mm_rss(mm, NULL);
	mutex_unlock(&mm->mmap_lock);
	return rss;
}

/*
 * update_hiwater_rss - raise p->maxrss (pages) to what mm holds now.
 *
 * Context: process context; p is current, using mm; mmap_lock not held.
 */
void update_hiwater_rss(struct task_struct *p, struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	if (rss > p->maxrss)
		p->maxrss = rss;
}

/*
 * mmput_hiwater - drop p's use of mm (mmput) and raise p->maxrss to the
 * pages mm held: counted by the teardown itself when p is its last user
 * (mmput_rss), by a walk first when others share it (CLONE_VM, vfork).
 * Should a truncation take a use of mm between the test and the mmput
 * (unmap_mapping_range), the sample is lost: maxrss is sampled anyway.
 *
 * Context: process context; p is current, no longer using mm (not the
 * loaded page table); mmap_lock not held.
 */
void mmput_hiwater(struct task_struct *p, struct mm_struct *mm)
{
	unsigned long rss;

	if (atomic_read(&mm->mm_users) > 1)
		update_hiwater_rss(p, mm);
	rss = mmput_rss(mm);
	if (rss > p->maxrss)
		p->maxrss = rss;
}
