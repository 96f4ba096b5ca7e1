/*
 * mm.h - user address spaces: struct mm_struct and its VMAs.
 *
 * The lower half of every address space (below TASK_SIZE) belongs to the
 * process; the upper half is the kernel's, the same in every page table
 * (mm_alloc copies init_pgd's upper entries). A process's memory is a set
 * of vm_area_struct, each a range with rights (VM_READ, ...): the
 * program's segments, the heap (brk), mmap regions, the stack. Pages are
 * mapped lazily: a VMA says what may be there, the page fault handler
 * (mm/fault.c) puts a zeroed page in on first touch.
 *
 * The VMAs are kept twice, as Linux did before 6.1: in a red-black tree by
 * address (mm->mm_rb, lib/rbtree.h), where find_vma and get_unmapped_area
 * take O(log n), and in a sorted list (mm->mmap) for walking neighbours and
 * whole address spaces. Each VMA keeps vm_gap, the free gap just below it,
 * and rb_subtree_gap, the largest vm_gap of its subtree (mm/mmap.c).
 */
#ifndef MM_MM_H
#define MM_MM_H

#include "arch/x86_64/pgtable.h"
#include "kernel/mutex.h"
#include "lib/atomic.h"
#include "lib/list.h"
#include "lib/rbtree.h"

#define TASK_SIZE       0x00007ffffffff000UL    /* top of user space, as Linux */
#define STACK_TOP       TASK_SIZE
#define MMAP_BASE       0x00007f0000000000UL    /* mmap searches down from here */
#define MMAP_MIN_ADDR   65536UL                 /* vm.mmap_min_addr, Debian's */
#define DEFAULT_MAX_MAP_COUNT 65530             /* vm.max_map_count: VMAs per mm */
#define STACK_GUARD_GAP (256UL * 4096)          /* no mmap hint this close below a stack */

/* vm_flags, with Linux's values */
#define VM_READ         0x00000001UL
#define VM_WRITE        0x00000002UL
#define VM_EXEC         0x00000004UL
#define VM_SHARED       0x00000008UL
#define VM_MAYREAD      0x00000010UL    /* what mprotect may still turn on */
#define VM_MAYWRITE     0x00000020UL
#define VM_MAYEXEC      0x00000040UL
#define VM_MAYSHARE     0x00000080UL    /* made MAP_SHARED (even if read-only for good) */
#define VM_GROWSDOWN    0x00000100UL

struct mm_struct;

struct vm_area_struct;
struct file;

struct page;

/*
 * What a mapping's owner does: hear that a VMA was copied (fork, split)
 * or went, and give the page for a fault (Linux's vm_operations_struct).
 */
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
	/*
	 * The page at file page pgoff, with a reference for the page table
	 * entry (handle_mm_fault maps it, or a private VMA's copy of it).
	 * Called with the mmap_lock held. NULL: the VMA is anonymous
	 * (zeroed pages of its own). Return: the page, ERR_PTR(-EIO) past
	 * the end of the file (SIGBUS), ERR_PTR(-ENOMEM).
	 */
	struct page *(*fault)(struct vm_area_struct *vma, unsigned long pgoff);
	/*
	 * Fault-around (Linux's .map_pages): on a read fault at address,
	 * map the page there and its neighbours in the same aligned window
	 * of FAULT_AROUND_PAGES that are already in the page cache, in
	 * empty entries only, each with a reference. Called with the
	 * mmap_lock held. Return: 0 if address's page is mapped now,
	 * -EAGAIN if it is not cached (or past the end of the file: .fault
	 * decides), -ENOMEM. NULL: one page per fault.
	 */
	int (*map_pages)(struct vm_area_struct *vma, unsigned long address);
};

/* Fault-around's window: 64 KiB, Linux's default fault_around_bytes. */
#define FAULT_AROUND_PAGES 16

/*
 * A VMA is anonymous private memory (no vm_ops->fault: demand-zero pages,
 * copy-on-write after fork) or a window on a file's page cache
 * (mm/filemap.c), whose page vm_pgoff is at vm_start: a file of ramfs
 * (mmap of a file), or of shmem (System V segments, MAP_SHARED of
 * anonymous memory or /dev/zero). A shared one maps the cache's pages,
 * which every process mapping the file finds; a private one maps them
 * read-only and copies a page on its first write. A private mapping of
 * /dev/zero has vm_file but no fault method: it is anonymous.
 */
struct vm_area_struct {
	unsigned long vm_start;         /* first byte */
	unsigned long vm_end;           /* one past the last byte */
	unsigned long vm_flags;
	unsigned long vm_pgoff;         /* file page at vm_start */
	struct file *vm_file;           /* a reference, or NULL */
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;          /* the owner's (ipc/shm.c: the segment) */
	/* mmap(2) of a page-cache file: on its mapping's i_mmap, under that
	 * mapping's i_mmap_lock, with unmap_seq (mm/filemap.c); else empty. */
	struct list_head shared;
	unsigned long unmap_seq;
	struct mm_struct *vm_mm;
	struct list_head vm_list;       /* mm->mmap, sorted by address */
	struct rb_node vm_rb;           /* mm->mm_rb, by address */
	/* The free gap just below this VMA: from the end of the VMA before
	 * it (or 0) to vm_start, counted inside [MMAP_MIN_ADDR, MMAP_BASE)
	 * (mm/mmap.c keeps it; a cache of what the list says). */
	unsigned long vm_gap;
	/* The largest vm_gap of the VMAs in this subtree of mm_rb. */
	unsigned long rb_subtree_gap;
};

struct mm_struct {
	pgd_t *pgd;
	atomic_t mm_users;              /* tasks using it (atomic: no lock) */
	struct mutex mmap_lock;         /* guards the fields below and the user page tables */
	struct list_head mmap;          /* VMAs, sorted, not overlapping */
	struct rb_root mm_rb;           /* the same VMAs, by address */
	/* The VMA find_vma found or made last, or the one next to the range
	 * get_unmapped_area found (where the insert goes), or NULL. */
	struct vm_area_struct *mmap_cache;
	int map_count;                  /* VMAs in both */
	/* Pages of the VMAs (as Linux's vm_stat_account): all, and of private
	 * writable (data), executable and stack mappings. */
	unsigned long total_vm, data_vm, exec_vm, stack_vm;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	/* The program exec loaded, referenced, or NULL (an image, a kernel
	 * thread's first exec): /proc/<pid>/exe. Set before the mm is used,
	 * then only read; fork shares it, the last mmput drops it. */
	struct file *exe_file;
	unsigned long vdso;             /* [vdso]'s start, [vvar] the page below (kernel/vdso.c) */
};

struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);
unsigned long mmput_rss(struct mm_struct *mm);

/* mmget - one more task uses mm (vfork); the caller already holds a user. */
static inline void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}
struct mm_struct *dup_mm(struct mm_struct *oldmm);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);

/* vma_next/vma_prev - the VMA after/before vma in address order, or NULL. */
static inline struct vm_area_struct *vma_next(struct vm_area_struct *vma)
{
	if (vma->vm_list.next == &vma->vm_mm->mmap)
		return NULL;
	return list_next_entry(vma, vm_list);
}

static inline struct vm_area_struct *vma_prev(struct vm_area_struct *vma)
{
	if (vma->vm_list.prev == &vma->vm_mm->mmap)
		return NULL;
	return list_prev_entry(vma, vm_list);
}

static inline unsigned long vma_pages(struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages);
int insert_vm_area(struct mm_struct *mm, unsigned long start, unsigned long end,
		   unsigned long flags);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr, unsigned long len,
	     unsigned long prot, unsigned long flags, unsigned long pgoff);
bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages);
bool may_map_over(struct mm_struct *mm, unsigned long flags, unsigned long start,
		  unsigned long end);
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len);
int handle_mm_fault(struct mm_struct *mm, unsigned long address, bool write, bool exec);
void zap_vma_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
u64 vm_page_prot(unsigned long vm_flags);

static inline bool access_ok(const void *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

#endif /* MM_MM_H */
