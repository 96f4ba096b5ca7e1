/*
 * vdso.c - the vDSO: a small shared object (arch/x86_64/vdso/vclock.c)
 * that every program finds mapped in its address space, so that
 * clock_gettime, gettimeofday, time and getcpu need no system call, as
 * Linux's arch/x86/entry/vdso/vma.c maps its own.
 *
 * The image is built with the kernel (the Makefile's VDSO rules) and
 * carried in it (vdso_image_start .. vdso_image_end, from
 * vdso_image.S). At boot vdso_init() copies it into pages of its own and
 * makes the vvar page, which holds the clock's numbers (struct
 * vdso_data, kernel/vdso_data.h) that vclock.c reads. They are fixed once
 * time_init() has calibrated the TSC; map_vdso() writes them again at
 * every exec all the same (the same values: readers never see a change).
 * keyhole has no settimeofday: whatever comes to set the clock must
 * update the page too, with a sequence count readers retry on, as
 * Linux's vdso_data.seq.
 *
 * At exec, map_vdso() puts two VMAs in the new address space where Linux
 * puts them when it does not randomize, just below the stack's room (an
 * address in the same 1 GiB as the stack: one more page table, not
 * three): [vvar] (one page, read-only) and just above
 * it [vdso] (the image, read and execute), both mapping the kernel's
 * pages, which hold a reference of their own so that munmap, fork's
 * copies and copy-on-write (mprotect may add PROT_WRITE to the vDSO, as
 * a debugger's breakpoint does) never free them. AT_SYSINFO_EHDR tells
 * the program where [vdso] starts, mm->vdso /proc/PID/maps.
 */
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/resource.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/vdso.h"
#include "kernel/vdso_data.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"

#define VDSO_MAX_PAGES  2

extern const char vdso_image_start[], vdso_image_end[];

static struct page *vdso_pages[VDSO_MAX_PAGES];
static unsigned long vdso_npages;
static struct page *vvar_page;

/*
 * vdso_init - copy the vDSO image into pages and fill the vvar page.
 * Context: boot, after time_init().
 */
void vdso_init(void)
{
	size_t len = (size_t)(vdso_image_end - vdso_image_start);

	vdso_npages = ALIGN_UP(len, PAGE_SIZE) >> PAGE_SHIFT;
	if (vdso_npages == 0 || vdso_npages > VDSO_MAX_PAGES ||
	    memcmp(vdso_image_start, "\177ELF", 4) != 0)
		panic("vdso: the image is %zu bytes, not an ELF of at most %d pages", len,
		      VDSO_MAX_PAGES);
	for (unsigned long i = 0; i < vdso_npages; i++) {
		size_t n = min(len - i * PAGE_SIZE, PAGE_SIZE);

		vdso_pages[i] = alloc_page(__GFP_ZERO);
		if (!vdso_pages[i])
			panic("vdso: no memory");
		memcpy(page_address(vdso_pages[i]), vdso_image_start + i * PAGE_SIZE, n);
	}
	vvar_page = alloc_page(__GFP_ZERO);
	if (!vvar_page)
		panic("vdso: no memory");
	time_get_vdso_data(page_address(vvar_page));
}

/* One VMA [start, start + n pages) of mm with flags, mapping pages. */
static int map_pages(struct mm_struct *mm, unsigned long start, struct page **pages,
		     unsigned long n, unsigned long flags, unsigned long no_may)
{
	struct vm_area_struct *vma;
	int err = insert_vm_area(mm, start, start + n * PAGE_SIZE, flags);

	if (err)
		return err;
	vma = find_vma(mm, start);
	vma->vm_flags &= ~no_may;
	for (unsigned long i = 0; i < n; i++) {
		err = map_page(mm->pgd, start + i * PAGE_SIZE, page_to_phys(pages[i]),
			       vm_page_prot(flags));
		if (err)
			return err;
		get_page(pages[i]);
	}
	return 0;
}

/*
 * Linux's mmap_base() without randomization: below STACK_TOP by the
 * stack's room, RLIMIT_STACK and the guard gap, at least 128 MiB and at
 * most 5/6 of user space. Linux's first mappings, the vDSO among them,
 * go just below it, where they share the stack's upper page tables.
 */
static unsigned long mmap_base(void)
{
	u64 gap = rlimit(RLIMIT_STACK);

	if (gap > TASK_SIZE)
		gap = TASK_SIZE;
	gap += STACK_GUARD_GAP;
	if (gap < 128UL << 20)
		gap = 128UL << 20;
	if (gap > TASK_SIZE / 6 * 5)
		gap = TASK_SIZE / 6 * 5;
	return ALIGN_DOWN(TASK_SIZE - gap, PAGE_SIZE);
}

/*
 * map_vdso - put [vvar] and [vdso] into mm (a new address space, not
 * loaded): just below where Linux's mmap area starts (mmap_base), or, if
 * the program is there, wherever mmap would put them.
 * Context: mm->mmap_lock held.
 * Return: 0 and *ehdr (AT_SYSINFO_EHDR: where [vdso] starts), or -ENOMEM.
 */
int map_vdso(struct mm_struct *mm, unsigned long *ehdr)
{
	unsigned long len = (1 + vdso_npages) * PAGE_SIZE;
	unsigned long addr = mmap_base() - len;
	struct vm_area_struct *vma = find_vma(mm, addr);
	int err;

	if (vma && vma->vm_start < addr + len)
		addr = get_unmapped_area(mm, len);
	if (!addr || !vdso_npages)
		return -ENOMEM;
	time_get_vdso_data(page_address(vvar_page));
	/* [vvar]: read-only for good (Linux: VM_READ | VM_MAYREAD). */
	err = map_pages(mm, addr, &vvar_page, 1, VM_READ, VM_MAYWRITE | VM_MAYEXEC);
	if (!err)
		err = map_pages(mm, addr + PAGE_SIZE, vdso_pages, vdso_npages,
				VM_READ | VM_EXEC, 0);
	if (err)
		return err;
	*ehdr = mm->vdso = addr + PAGE_SIZE;
	return 0;
}
