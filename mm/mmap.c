/*
 * mmap.c - user address spaces: creating and destroying them, their VMAs,
 * and the page faults that fill them in.
 *
 * An mm_struct owns a top-level page table whose upper half points at the
 * kernel's own tables (shared by all, never freed here) and whose lower
 * half is the process's. Its VMAs say what the process may touch; only
 * touching makes a page (handle_mm_fault: a zeroed page, or for a VMA on a
 * file the page of the file's page cache that vm_ops->fault gives,
 * mm/filemap.c; mapped with the VMA's rights, or read-only in a private
 * VMA until a write copies it). Unmapping a range frees the pages there and the page
 * tables it empties; mmput() of the last user unmaps everything and frees
 * the top-level table. Every change to the page tables of a range (munmap,
 * mprotect, madvise, fork's copy, exit's teardown) is a walk_page_range()
 * (mm/pgtable.c) with a callback: it costs what is mapped, not the size of
 * the range, so a 2^46-byte PROT_NONE reservation is cheap to change.
 * Fork copies the entries of private VMAs only: a shared VMA's pages live
 * in its file's page cache (a ramfs file, or the shmem file of a System V
 * segment or shared anonymous memory), and the child faults them in from
 * there (as Linux's
 * copy_page_range skips what can be faulted back), so a fork or an exit
 * costs nothing per page of shared memory.
 *
 * A VMA's vm_flags hold its rights now (VM_READ ...) and what mprotect may
 * ever give it (VM_MAY*): a read-only shmat has no VM_MAYWRITE. A VMA is
 * only ever copied whole (vm_area_dup: fork, split, mremap), never
 * rebuilt from parts, so nothing it says is lost on the way.
 *
 * mmap(2) of a file (do_mmap) makes a VMA with vm_file and lets the file
 * set it up (file_operations.mmap): a ramfs file gives it the page-cache
 * fault method and puts it on the file's i_mmap list, so that truncation
 * can unmap the pages past the new end (mm/filemap.c); /dev/zero makes a
 * shared one shmem and leaves a private one anonymous.
 *
 * PROT_NONE pages keep their frame but are not present to the CPU
 * (_PAGE_PROTNONE): the kernel's user copies fault on them as user code
 * does, and handle_mm_fault refuses, so write(fd, prot_none_buf, n) is
 * EFAULT as on Linux.
 *
 * The VMAs are in a red-black tree by address and in a sorted list (mm.h).
 * vma_link/vma_unlink are the only places that add or remove one, and
 * keep both, and map_count, in step. The tree is augmented (as Linux's
 * before 6.1): each VMA's "gap" is the free space just below it, from the
 * end of the VMA before it (or address 0) to its vm_start, counted only
 * inside the range mmap places in, [MMAP_MIN_ADDR, MMAP_BASE), and every
 * node keeps rb_subtree_gap, the largest gap in its subtree. get_unmapped_area
 * skips every subtree whose largest gap is too small, so finding the
 * highest free range costs O(log n), as find_vma does. Each VMA keeps its
 * own gap in vm_gap, so that recomputing a summary on a walk up (every
 * insert and erase, up to the root when the largest gap moves) is three
 * loads, not a look at the VMA before; a gap that only grew (an erase's
 * next VMA) just raises the summaries above it, without recounting. A
 * VMA's gap changes when it is linked in, when its predecessor is linked
 * in or out (vma_link, vma_unlink), and when its vm_start or its
 * predecessor's vm_end moves (a split keeps the lower part's gap and
 * links the upper part after it); whoever moves one calls vma_gap_update
 * on the VMA whose gap it changed. The insert that follows
 * get_unmapped_area takes its place in the tree from the VMA the search
 * stopped at (mm->mmap_cache), without a second walk down.
 *
 *	VMAs (pages):  A [5,7)  B [9,11)  C [14,17)  D [21,23)
 *	their gaps:    A 5      B 2       C 3        D 4
 *
 *	          C (3; 5)          tree, each VMA with (its gap; rb_subtree_gap)
 *	         /        \
 *	    A (5; 5)    D (4; 4)
 *	         \
 *	       B (2; 2)
 *
 * Limits, checked as Linux's may_expand_vm(): RLIMIT_AS on every VMA and
 * growth, RLIMIT_DATA on private writable memory and the heap, RLIMIT_STACK
 * on the stack; at most DEFAULT_MAX_MAP_COUNT VMAs. The page counts they
 * need are kept in the mm (total_vm, data_vm, ...: vm_stat_account),
 * changed wherever a VMA is added, removed, resized or gets new rights.
 *
 * Locking: mm->mmap_lock (a mutex: faults may sleep later) guards the VMA
 * tree and list, the counts, and the lower half of mm->pgd. Callers of
 * find_vma/insert/munmap hold it; handle_mm_fault is called with it held.
 */
#include "arch/x86_64/cpu.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "lib/rbtree_augmented.h"
#include "lib/string.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/mman.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "mm/slab.h"
#include "fs/fdtable.h"
#include "fs/shmem.h"
#include "lib/err.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
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
	mm->mm_rb = RB_ROOT;
	mutex_init(&mm->mmap_lock);
	atomic_set(&mm->mm_users, 1);
	return mm;
}

/* Drop the page at *pte: the entry, its TLB copy, then the reference. */
static int zap_pte(u64 *pte, unsigned long va, struct mm_walk *walk)
{
	struct page *page = phys_to_page(entry_phys(*pte));

	(void)walk;
	*pte = 0;
	invlpg(va);
	put_page(page);
	return 1;                       /* cleared: the walk frees empty tables */
}

/*
 * zap_range - unmap [start, end), dropping each page's reference.
 * interruptible: stop early if the task is being killed (madvise; not
 * munmap or exit, which must leave the VMAs and the tables in agreement).
 *
 * Context: mm's mmap_lock held (or mm has no user left).
 * Return: 0, or -EINTR when stopped early.
 */
int zap_range(struct mm_struct *mm, unsigned long start, unsigned long end, bool interruptible)
{
	struct mm_walk walk = { .pte_entry = zap_pte, .interruptible = interruptible };

	return walk_page_range(mm->pgd, start, end, &walk);
}

/*
 * zap_vma_range - unmap the pages of [start, end) inside vma (truncation:
 * unmap_mapping_range).
 *
 * Context: vma->vm_mm's mmap_lock held.
 */
void zap_vma_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	zap_range(vma->vm_mm, start, end, false);
}

/*
 * free_vma - free a VMA that is off its mm's list and tree (its pages are
 * already unmapped): its owner hears vm_ops->close, the file reference
 * goes. Context: mmap_lock held, or the mm has no user left.
 */
void free_vma(struct vm_area_struct *vma)
{
	if (!list_empty(&vma->shared))
		vma_unlink_file(vma);
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	kfree(vma);
}

/*
 * vm_area_dup - an exact copy of orig for mm, off any list: every flag
 * (VM_MAY* included), the file and offset, the ops and their data. The
 * copy holds its own file reference, is on the file's i_mmap list if orig
 * is, and its owner is told (vm_ops->open).
 *
 * Context: orig's mmap_lock held. Return: the copy, or NULL (no memory).
 */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig, struct mm_struct *mm)
{
	struct vm_area_struct *new = kmalloc(sizeof(*new), GFP_KERNEL);

	if (!new)
		return NULL;
	*new = *orig;
	new->vm_mm = mm;
	INIT_LIST_HEAD(&new->vm_list);
	INIT_LIST_HEAD(&new->shared);
	if (new->vm_file)
		get_file(new->vm_file);
	if (!list_empty(&orig->shared))
		vma_link_file(new);             /* truncation must find the copy too */
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	return new;
}

/* zap_pte, counting the pages in walk->private (mmput_rss). */
static int zap_pte_count(u64 *pte, unsigned long va, struct mm_walk *walk)
{
	(*(unsigned long *)walk->private)++;
	return zap_pte(pte, va, walk);
}

/*
 * mmput - drop a user of mm; the last one frees all its memory.
 *
 * Context: process context; mm must not be the loaded page table.
 */
void mmput(struct mm_struct *mm)
{
	mmput_rss(mm);
}

/*
 * mmput_rss - mmput, and how many pages the VMAs of mm held when its
 * last user freed them: what mm_rss() would have counted just before
 * (mm/rss.c's mmput_hiwater), without a walk of its own.
 *
 * Context: process context; mm must not be the loaded page table.
 * Return: the pages unmapped; 0 if mm has other users still.
 */
unsigned long mmput_rss(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;
	unsigned long pages = 0;
	struct mm_walk walk = { .pte_entry = zap_pte_count, .private = &pages };

	if (!atomic_dec_and_test(&mm->mm_users))
		return 0;
	/* Freeing the page table the CPU runs on would take the kernel's
	 * mappings with it a little later: say so now, with a trace. */
	if ((read_cr3() & PTE_ADDR_MASK) == __pa(mm->pgd))
		panic("mmput: freeing the page table in use (cr3 %#llx)",
		      (unsigned long long)read_cr3());
	/* Each VMA's pages, walking only its range (as Linux's unmap_vmas:
	 * a walk of the whole user half would look at all 512 entries of
	 * every page table); the tables go as they empty. Then one walk of
	 * the whole half for any table left: it finds none normally, and
	 * costs nothing then, since a walk skips a table with no entry in
	 * use, the top level included. */
	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		walk_page_range(mm->pgd, vma->vm_start, vma->vm_end, &walk);
		list_del(&vma->vm_list);
		free_vma(vma);
	}
	zap_range(mm, 0, USER_HALF_END, false);
	struct page *pgd_page = virt_to_page(mm->pgd);
	pgd_page->flags &= ~PG_pgtable;
	__free_pages(pgd_page, 0);
	if (mm->exe_file)
		fput(mm->exe_file);
	kfree(mm);
	return pages;
}

/*
 * find_vma - the first VMA that ends above addr (it may start above it
 * too: check vm_start), or NULL: one walk down the tree, unless addr is in
 * mm->mmap_cache, the VMA found or made last (Linux's mmap_cache before
 * its per-thread vmacache): shmdt, munmap and fault look up the address a
 * mapping was just made or found at.
 * Context: mmap_lock held.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *found = mm->mmap_cache;
	struct rb_node *node = mm->mm_rb.rb_node;

	if (found && found->vm_start <= addr && found->vm_end > addr)
		return found;           /* the last one found or made */
	found = NULL;
	while (node) {
		struct vm_area_struct *vma = rb_entry(node, struct vm_area_struct, vm_rb);

		if (vma->vm_end > addr) {
			found = vma;            /* a candidate; a lower one may be left */
			if (vma->vm_start <= addr)
				break;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	if (found)
		mm->mmap_cache = found;
	return found;
}

/*
 * The free gap just below vma, from the end of the VMA before it (or 0),
 * counted only inside [MMAP_MIN_ADDR, MMAP_BASE), where get_unmapped_area
 * places: so every gap the tree offers fits what its size says, and the
 * search never goes down towards a gap that lies above MMAP_BASE (the one
 * below the stack) only to come back.
 */
static unsigned long gap_between(unsigned long prev_end, unsigned long start)
{
	prev_end = max(prev_end, MMAP_MIN_ADDR);
	start = min(start, MMAP_BASE);
	return start > prev_end ? start - prev_end : 0;
}

/* vma's gap from its place in the list: what vm_gap must hold. */
static unsigned long vma_compute_gap(struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma);

	return gap_between(prev ? prev->vm_end : 0, vma->vm_start);
}

static unsigned long vma_gap(struct vm_area_struct *vma)
{
	return vma->vm_gap;
}

RB_DECLARE_CALLBACKS_MAX(static, vma_gap_callbacks, struct vm_area_struct, vm_rb,
			 unsigned long, rb_subtree_gap, vma_gap);

/*
 * Recompute the summaries from rb (or none: NULL) up towards the root,
 * stopping at the first that comes out unchanged: its ancestors saw that
 * value already. (The callbacks' propagate, without a stop node to test:
 * on the walks up from a VMA whose gap moved, one per insert and erase
 * and often the whole height, each instruction a level counts.)
 */
static void vma_gap_propagate(struct rb_node *rb)
{
	while (rb) {
		struct vm_area_struct *vma = rb_entry(rb, struct vm_area_struct, vm_rb);
		unsigned long max = vma_gap_callbacks_compute_max(vma);

		if (vma->rb_subtree_gap == max)
			return;
		vma->rb_subtree_gap = max;
		rb = rb_parent(rb);
	}
}

/*
 * vma's gap may have changed (its vm_start or the previous VMA's vm_end
 * moved): set vm_gap again and bring rb_subtree_gap up to date from vma
 * up, as far as it changes.
 */
void vma_gap_update(struct vm_area_struct *vma)
{
	vma->vm_gap = vma_compute_gap(vma);
	vma_gap_propagate(&vma->vm_rb);
}

/*
 * vma's gap grew (the VMA before it went): set vm_gap, and raise the
 * summaries from vma up to it. No recount is needed: the largest of a set
 * in which one value grew is the old largest or the new value. The walk
 * stops at the first summary already as large.
 */
static void vma_gap_grow(struct vm_area_struct *vma)
{
	unsigned long gap = vma_compute_gap(vma);
	struct rb_node *rb = &vma->vm_rb;

	vma->vm_gap = gap;
	while (rb) {
		struct vm_area_struct *v = rb_entry(rb, struct vm_area_struct, vm_rb);

		if (v->rb_subtree_gap >= gap)
			return;
		v->rb_subtree_gap = gap;
		rb = rb_parent(rb);
	}
}

/* Where a VMA for [start, end) goes in mm's tree, as Linux's find_vma_links. */
struct vma_links {
	struct rb_node **link;          /* the NULL child pointer to hang it on */
	struct rb_node *parent;
	struct vm_area_struct *next;    /* the first VMA above it, or NULL */
};

/*
 * Where [start, end) goes without a search, if it is free and just below
 * or just above mm->mmap_cache (get_unmapped_area leaves there the VMA
 * above the gap it chose). Between two VMAs next to each other in address
 * order, prev and next, a tree has exactly one free child pointer: next's
 * left if next has no left child, else prev's right (prev is then the
 * last VMA of next's left subtree). Return: whether it filled in where.
 */
static bool find_vma_links_cached(struct mm_struct *mm, unsigned long start,
				  unsigned long end, struct vma_links *where)
{
	struct vm_area_struct *c = mm->mmap_cache, *prev, *next;

	if (!c)
		return false;
	if (c->vm_start >= end) {
		next = c;
		prev = vma_prev(c);
	} else if (c->vm_end <= start) {
		prev = c;
		next = vma_next(c);
	} else {
		return false;
	}
	if ((prev && prev->vm_end > start) || (next && next->vm_start < end))
		return false;
	where->next = next;
	if (next && !next->vm_rb.rb_left) {
		where->parent = &next->vm_rb;
		where->link = &next->vm_rb.rb_left;
	} else {
		where->parent = &prev->vm_rb;   /* next has a left subtree, or is NULL */
		where->link = &prev->vm_rb.rb_right;
	}
	return true;
}

/*
 * Find where [start, end) goes: at once if it is next to mm->mmap_cache,
 * else in one walk down the tree. The last VMA where the walk turns left
 * is the first one ending above start; any VMA the range overlaps is that
 * one or starts after it, so checking every left turn checks them all.
 * Return: 0, or -EEXIST if the range overlaps a VMA. Caller holds
 * mmap_lock.
 */
static int find_vma_links(struct mm_struct *mm, unsigned long start, unsigned long end,
			  struct vma_links *where)
{
	if (find_vma_links_cached(mm, start, end, where))
		return 0;
	where->link = &mm->mm_rb.rb_node;
	where->parent = NULL;
	where->next = NULL;
	while (*where->link) {
		struct vm_area_struct *v = rb_entry(*where->link, struct vm_area_struct, vm_rb);

		where->parent = *where->link;
		if (v->vm_end > start) {
			if (v->vm_start < end)
				return -EEXIST;
			where->next = v;
			where->link = &where->parent->rb_left;
		} else {
			where->link = &where->parent->rb_right;
		}
	}
	return 0;
}

/*
 * Add vma (vm_mm set, its range free) to mm's tree and list where
 * find_vma_links said. Two gaps change: vma's own (new) and next's (it
 * now ends at vma). vma hangs at the end of next's left subtree, so next
 * is on the way up from vma: one walk up makes every summary right,
 * recomputing each from vma's parent up to next whatever it finds
 * (next's gap shrank), then only as far as they change; then vma is
 * rebalanced in (rbtree_augmented.h). Caller holds mmap_lock.
 */
static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma, struct vma_links *where)
{
	struct vm_area_struct *next = where->next;

	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	rb_link_node(&vma->vm_rb, where->parent, where->link);
	vma->vm_gap = vma->rb_subtree_gap = vma_compute_gap(vma);
	if (next) {
		struct rb_node *rb = where->parent;

		next->vm_gap = gap_between(vma->vm_end, next->vm_start);
		for (;;) {
			struct vm_area_struct *v = rb_entry(rb, struct vm_area_struct, vm_rb);

			v->rb_subtree_gap = vma_gap_callbacks_compute_max(v);
			if (v == next)
				break;
			rb = rb_parent(rb);
		}
		vma_gap_propagate(rb_parent(&next->vm_rb));
	} else {
		vma_gap_propagate(where->parent);
	}
	rb_insert_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
	mm->map_count++;
	mm->mmap_cache = vma;
}

/*
 * vma_insert - link vma (vm_mm, range and all set; the range free) into
 * its mm. Context: mmap_lock held. Return: 0, -EEXIST if the range is not
 * free.
 */
int vma_insert(struct vm_area_struct *vma)
{
	struct vma_links where;

	if (find_vma_links(vma->vm_mm, vma->vm_start, vma->vm_end, &where))
		return -EEXIST;
	vma_link(vma->vm_mm, vma, &where);
	return 0;
}

/*
 * Take vma out of mm's tree and list. The next VMA's gap grows down to
 * the VMA before vma (never shrinks: the gap starts at an end no higher
 * than vma's): it is set, and the summaries above it raised (with vma
 * still in the tree, its gap still counted); then the erase takes vma's
 * gap out of its ancestors' summaries, recounting them. Each walk up
 * stops where the values stop changing. Caller holds mmap_lock.
 */
static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = vma_next(vma);

	if (mm->mmap_cache == vma)
		mm->mmap_cache = NULL;
	list_del(&vma->vm_list);
	if (next)
		vma_gap_grow(next);
	rb_erase_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
	mm->map_count--;
}

static bool is_data_mapping(unsigned long flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE;
}

static bool is_exec_mapping(unsigned long flags)
{
	return (flags & (VM_EXEC | VM_WRITE | VM_GROWSDOWN)) == VM_EXEC;
}

static bool is_stack_mapping(unsigned long flags)
{
	return flags & VM_GROWSDOWN;
}

/*
 * vm_stat_account - npages (negative: fewer) of VMAs with flags came or
 * went in mm: total_vm, and data_vm, exec_vm or stack_vm by their kind,
 * as Linux's.
 *
 * Context: mmap_lock held.
 */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	mm->total_vm += npages;
	if (is_exec_mapping(flags))
		mm->exec_vm += npages;
	else if (is_stack_mapping(flags))
		mm->stack_vm += npages;
	else if (is_data_mapping(flags))
		mm->data_vm += npages;
}

/* Pages of mm's VMAs inside [start, end). Context: mmap_lock held. */
unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long start,
					   unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long pages = 0;

	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(vma))
		pages += (min(vma->vm_end, end) - max(vma->vm_start, start)) >> PAGE_SHIFT;
	return pages;
}

/*
 * may_expand_vm - whether mm may get npages more of memory with flags,
 * under the caller's RLIMIT_AS (all VMAs: mm->total_vm) and RLIMIT_DATA
 * (private writable memory that is not the stack: mm->data_vm), as
 * Linux's.
 *
 * Context: mmap_lock held.
 */
bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages)
{
	if (mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	return !is_data_mapping(flags) ||
	       mm->data_vm + npages <= rlimit(RLIMIT_DATA) >> PAGE_SHIFT;
}

/*
 * may_map_over - whether a mapping of [start, end) with flags may replace
 * whatever is there now under RLIMIT_AS/RLIMIT_DATA: asked before
 * anything is unmapped (MAP_FIXED, SHM_REMAP), so that a refusal leaves
 * the old mapping in place, as Linux's mmap_region.
 *
 * Context: mmap_lock held.
 */
bool may_map_over(struct mm_struct *mm, unsigned long flags, unsigned long start,
		  unsigned long end)
{
	return may_expand_vm(mm, flags, ((end - start) >> PAGE_SHIFT) -
					count_vma_pages_range(mm, start, end));
}

/*
 * insert_vm_area - add the range [start, end) (page aligned, free) with
 * flags to mm. The new VMA gets every VM_MAY* right, as Linux's anonymous
 * and private mappings; a caller that must forbid one (a read-only shmat)
 * clears it at once.
 *
 * Context: mmap_lock held.
 * Return: 0, -EINVAL for a bad range, -EEXIST if it overlaps a VMA,
 * -ENOMEM (no memory, DEFAULT_MAX_MAP_COUNT VMAs already, or past
 * RLIMIT_AS/RLIMIT_DATA).
 */
int insert_vm_area(struct mm_struct *mm, unsigned long start, unsigned long end,
		   unsigned long flags)
{
	struct vm_area_struct *vma;
	struct vma_links where;

	if (start >= end || (start | end) & ~PAGE_MASK || end > TASK_SIZE)
		return -EINVAL;
	if (find_vma_links(mm, start, end, &where))
		return -EEXIST;
	if (mm->map_count >= DEFAULT_MAX_MAP_COUNT ||
	    !may_expand_vm(mm, flags, (end - start) >> PAGE_SHIFT))
		return -ENOMEM;
	vma = kzalloc(sizeof(*vma), GFP_KERNEL);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	vma->vm_mm = mm;
	INIT_LIST_HEAD(&vma->shared);
	vma_link(mm, vma, &where);
	vm_stat_account(mm, vma->vm_flags, (long)vma_pages(vma));
	return 0;
}

/*
 * Cut vma in two at addr (page aligned, strictly inside it); vma keeps
 * the lower part, the new VMA after it the upper. No check of the map
 * count: munmap may pass it for a moment (Linux's __split_vma). Caller
 * holds mmap_lock.
 */
static int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *upper = vm_area_dup(vma, mm);
	struct vma_links where;

	if (!upper)
		return -ENOMEM;
	upper->vm_start = addr;
	upper->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	/* No gap changes: upper's is 0, and the next VMA's still starts at
	 * the old vm_end, which is upper's now. The pages stay counted. */
	vma->vm_end = addr;
	find_vma_links(mm, addr, upper->vm_end, &where);        /* free now */
	vma_link(mm, upper, &where);
	return 0;
}

/* __split_vma, if one more VMA is allowed (mprotect). Caller holds mmap_lock. */
static int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	if (mm->map_count >= DEFAULT_MAX_MAP_COUNT)
		return -ENOMEM;
	return __split_vma(mm, vma, addr);
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
	struct vm_area_struct *vma, *next, *last;
	unsigned long end;
	int err;

	if ((start & ~PAGE_MASK) || len == 0 || len > TASK_SIZE || start > TASK_SIZE - len)
		return -EINVAL;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	/* Cut the VMAs that straddle either end, then drop what is inside:
	 * O(log n) to find the first, then one step per VMA removed. */
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	/* Only a hole inside one VMA leaves one more VMA than before; other
	 * splits are undone by what is removed, and may pass the limit for
	 * a moment (so a tail can be cut off at the limit, as on Linux). */
	if (vma->vm_start < start) {
		if (end < vma->vm_end && mm->map_count >= DEFAULT_MAX_MAP_COUNT)
			return -ENOMEM;
		err = __split_vma(mm, vma, start);
		if (err)
			return err;
		vma = vma_next(vma);
	}
	/* The VMA across end, if any, is among those the loop below removes:
	 * walk to it rather than search for it. */
	for (last = vma; last && last->vm_start < end; last = vma_next(last))
		if (last->vm_end > end) {
			err = __split_vma(mm, last, end);
			if (err)
				return err;
			break;
		}
	while (vma && vma->vm_start < end) {
		next = vma_next(vma);
		zap_range(mm, vma->vm_start, vma->vm_end, false);
		vma_unlink(mm, vma);
		vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
		free_vma(vma);
		vma = next;
	}
	return 0;
}

/* Fork's copy of one page: shared with the parent, copy-on-write if private. */
struct copy_walk {
	struct mm_struct *dst;
	struct vm_area_struct *vma;     /* the parent's */
	u64 *pt;                        /* the child's page table last filled, */
	unsigned long pt_base;          /* ... covering [pt_base, pt_base + PMD_SIZE) */
};

/* Copy one entry into the child: the page tables are found (or made)
 * once per table of 512 entries, not once per page (pte_table). */
static int copy_pte(u64 *pte, unsigned long va, struct mm_walk *walk)
{
	struct copy_walk *cw = walk->private;
	phys_addr_t pa = entry_phys(*pte);

	if (!(cw->vma->vm_flags & VM_SHARED))
		*pte &= ~_PAGE_RW;      /* private: both copies read-only, COW */
	if (!cw->pt || (va & ~(PMD_SIZE - 1)) != cw->pt_base) {
		cw->pt = pte_table(cw->dst->pgd, va);
		if (!cw->pt)
			return -ENOMEM;
		cw->pt_base = va & ~(PMD_SIZE - 1);
	}
	if (pte_present(cw->pt[pte_index(va)]))
		return -EEXIST;         /* the child is new: never */
	pte_install(cw->pt, va, *pte);
	get_page(phys_to_page(pa));
	return 0;
}

/*
 * The next n (n >= 1) VMAs of the list at b, as a red-black tree of the
 * least height, made in one pass (fork: O(n), no search, no rotation):
 * the middle VMA is the root, and each half a subtree, built the same way.
 * The halves differ by one VMA at most, so every level is full but the
 * last, at depth red_depth: its VMAs are red, all others black, and every
 * path down has the same number of black VMAs. Each summary is made from
 * the VMA's gap (vm_gap, right as copied: the list is the parent's) and
 * its children's summaries. *pos moves on past the n VMAs. Return: the
 * subtree's root, its parent pointer NULL (the caller's to set).
 */
static struct rb_node *build_vma_tree(struct list_head **pos, unsigned long n, int depth,
				      int red_depth)
{
	unsigned long nleft = (n - 1) / 2, nright = n - 1 - nleft, gap;
	unsigned long child_color = depth + 1 == red_depth ? RB_RED : RB_BLACK;
	struct rb_node *left = NULL, *right = NULL;
	struct vm_area_struct *vma;

	if (nleft)
		left = build_vma_tree(pos, nleft, depth + 1, red_depth);
	vma = list_entry(*pos, struct vm_area_struct, vm_list);
	*pos = (*pos)->next;
	gap = vma->vm_gap;
	if (nright)
		right = build_vma_tree(pos, nright, depth + 1, red_depth);
	rb_set_parent_color(&vma->vm_rb, NULL, depth == red_depth ? RB_RED : RB_BLACK);
	vma->vm_rb.rb_left = left;
	vma->vm_rb.rb_right = right;
	if (left) {
		rb_set_parent_color(left, &vma->vm_rb, child_color);
		gap = max(gap, rb_entry(left, struct vm_area_struct, vm_rb)->rb_subtree_gap);
	}
	if (right) {
		rb_set_parent_color(right, &vma->vm_rb, child_color);
		gap = max(gap, rb_entry(right, struct vm_area_struct, vm_rb)->rb_subtree_gap);
	}
	vma->rb_subtree_gap = gap;
	return &vma->vm_rb;
}

/*
 * vma_needs_copy - whether fork must copy the page table entries of vma
 * (Linux's vma_needs_copy). A VMA on a shmem file (a System V attach,
 * MAP_SHARED|MAP_ANONYMOUS) need not: its pages stay in the file's page
 * cache, and the child's first touch of each finds the same page there
 * (handle_mm_fault). So a fork costs nothing per page of shared memory,
 * touched or not, and the child's exit has no entries of it to clear.
 * A private VMA's pages (its copies, even of a file's pages) live only in
 * the page tables: they are copied.
 */
static bool vma_needs_copy(const struct vm_area_struct *vma)
{
	return !(vma->vm_file && (vma->vm_flags & VM_SHARED));
}

/*
 * dup_mm - a copy of oldmm for a forked child. Each VMA is copied exactly
 * (vm_area_dup: all its flags, VM_MAY* included, its file, offset and
 * ops), and the child's tree is built in one pass, O(n) for n VMAs. Each
 * page of a private VMA is shared, mapped read-only in both,
 * so that the first write by either copies it (handle_mm_fault); a shared
 * VMA's pages are not mapped in the child at all, which faults them in
 * from the shmem file on first touch (vma_needs_copy). A child being
 * killed (SIGKILL from an OOM kill, or the parent's process group) stops
 * the copy.
 *
 * Context: process context; takes oldmm's mmap_lock, then the new mm's.
 * Return: the new mm, or NULL when memory runs out or a fatal signal came.
 */
struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	struct copy_walk cw = { .dst = mm };    /* one for all VMAs: they share tables */
	struct vm_area_struct *vma;

	if (!mm)
		return NULL;
	mutex_lock(&oldmm->mmap_lock);
	/* The child's too: its file VMAs are on their files' i_mmap lists as
	 * soon as they are copied, where a truncation may find the child and
	 * unmap in it (mm/filemap.c); it must wait until the copy is done.
	 * Nobody else knows the child yet, so this never waits. */
	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(vma, &oldmm->mmap, vm_list) {
		struct mm_walk walk = { .pte_entry = copy_pte, .private = &cw,
					.interruptible = true };
		struct vm_area_struct *copy;

		if (fatal_signal_pending(current))
			goto out_fail;
		cw.vma = vma;
		copy = vm_area_dup(vma, mm);
		if (!copy)
			goto out_fail;
		list_add_tail(&copy->vm_list, &mm->mmap);       /* same order; the tree at the end */
		mm->map_count++;
		if (vma_needs_copy(vma) &&
		    walk_page_range(oldmm->pgd, vma->vm_start, vma->vm_end, &walk))
			goto out_fail;
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
	mm->exe_file = oldmm->exe_file ? get_file(oldmm->exe_file) : NULL;
	mm->vdso = oldmm->vdso;
	mm->total_vm = oldmm->total_vm;
	mm->data_vm = oldmm->data_vm;
	mm->exec_vm = oldmm->exec_vm;
	mm->stack_vm = oldmm->stack_vm;
	if (mm->map_count) {
		struct list_head *pos = mm->mmap.next;
		unsigned long n = (unsigned long)mm->map_count;

		/* The last level is partial at depth floor(log2(n + 1)) (none if full). */
		mm->mm_rb.rb_node = build_vma_tree(&pos, n, 0, 63 - __builtin_clzl(n + 1));
	}
	mutex_unlock(&mm->mmap_lock);
	mutex_unlock(&oldmm->mmap_lock);
	flush_tlb_all();                /* the parent's pages are read-only now */
	return mm;

out_fail:
	mutex_unlock(&mm->mmap_lock);
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
	 * not present to the CPU, so that every access faults, the kernel's
	 * user copies included; handle_mm_fault then refuses it. */
	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return _PAGE_PROTNONE;
	if (vm_flags & VM_WRITE)
		prot |= _PAGE_RW;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return prot;
}

/*
 * handle_mm_fault - make the access at address legal if a VMA allows it:
 * where nothing is mapped yet, the file's page (vm_ops->fault; a private
 * mapping maps it read-only, or a copy of it for a write) or a zeroed
 * page; a private copy of a page shared copy-on-write; a stack VMA grows
 * down to a fault just below it (within RLIMIT_STACK and RLIMIT_AS).
 *
 * Context: mmap_lock held; interrupts may be on.
 * Return: 0 when the access can be retried; -EFAULT when no VMA is there,
 * -EACCES when one is but forbids this access (the caller sends SIGSEGV,
 * SEGV_MAPERR or SEGV_ACCERR, or takes the exception fixup); -EIO when a
 * file mapping's page is wholly past the end of the file (SIGBUS,
 * BUS_ADRERR); -ENOMEM.
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
		/* The stack grows, within RLIMIT_STACK and RLIMIT_AS. */
		if (!(vma->vm_flags & VM_GROWSDOWN) || vma->vm_end - va > rlimit(RLIMIT_STACK) ||
		    !may_expand_vm(mm, vma->vm_flags, (vma->vm_start - va) >> PAGE_SHIFT))
			return -EFAULT;
		struct vm_area_struct *prev = vma_prev(vma);
		if (prev && prev->vm_end > va)
			return -EFAULT;
		vm_stat_account(mm, vma->vm_flags, (long)((vma->vm_start - va) >> PAGE_SHIFT));
		vma->vm_start = va;
		vma_gap_update(vma);
	}
	if ((write && !(vma->vm_flags & VM_WRITE)) || (exec && !(vma->vm_flags & VM_EXEC)) ||
	    !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return -EACCES;                 /* mapped, but not for this */
	u64 *pte = lookup_address(mm->pgd, va, NULL);
	if (pte && !(*pte & _PAGE_PRESENT)) {
		/* A PROT_NONE entry the VMA allows now (mprotect sets every entry
		 * of its range, so only if that was cut short): its rights back. */
		u64 prot = vm_page_prot(vma->vm_flags);

		if (!(vma->vm_flags & VM_SHARED) && page_count(phys_to_page(entry_phys(*pte))) > 1)
			prot &= ~_PAGE_RW;
		*pte = entry_phys(*pte) | prot;
		invlpg(va);
		return 0;
	}
	if (pte) {
		/* Present, yet it faulted: copy-on-write, or a real violation. */
		if (write && !(*pte & _PAGE_RW))
			return do_wp_page(mm, vma, va, pte);
		return -EACCES;
	}

	/* A read fault on a file mapping maps the cached pages around it
	 * too (Linux's do_read_fault): one fault instead of sixteen. */
	if (!write && vma->vm_ops && vma->vm_ops->map_pages) {
		err = vma->vm_ops->map_pages(vma, va);
		if (err != -EAGAIN)
			return err;
	}

	u64 prot = vm_page_prot(vma->vm_flags);

	if (vma->vm_ops && vma->vm_ops->fault) {
		/* A file's page: the one every mapper finds at this index. */
		unsigned long idx = vma->vm_pgoff + ((va - vma->vm_start) >> PAGE_SHIFT);

		page = vma->vm_ops->fault(vma, idx);    /* with the mapping's reference */
		if (IS_ERR(page))
			return (int)PTR_ERR(page);      /* -EIO past the end: SIGBUS; -ENOMEM */
		if (!(vma->vm_flags & VM_SHARED)) {
			/* Private: read the file's page where it is, but write
			 * only a copy of it (Linux's do_read_fault and
			 * do_cow_fault). */
			if (write) {
				struct page *copy = alloc_page(GFP_KERNEL);

				if (!copy) {
					put_page(page);
					return -ENOMEM;
				}
				memcpy(page_address(copy), page_address(page), PAGE_SIZE);
				put_page(page);
				page = copy;
			} else {
				prot &= ~_PAGE_RW;
			}
		}
	} else {
		page = alloc_page(__GFP_ZERO);
		if (!page)
			return -ENOMEM;
	}
	err = map_page(mm->pgd, va, page_to_phys(page), prot);
	if (err) {
		put_page(page);
		return err;
	}
	return 0;
}

/* The system calls: brk, mmap (anonymous), munmap, mprotect, madvise. */


/*
 * brk - move the end of the heap. The heap is a VMA from start_brk to
 * brk; growing it may not run into the next VMA nor past RLIMIT_DATA
 * (the heap and the data segment together, as Linux's check_data_rlimit)
 * or RLIMIT_AS. As Linux, the result is the new break, or the old one if
 * the request cannot be met.
 */
SYSCALL_DEFINE1(brk, unsigned long, addr)
{
	struct mm_struct *mm = current->mm;
	unsigned long old_end, new_end, ret;
	const unsigned long heap_flags = VM_READ | VM_WRITE;

	mutex_lock(&mm->mmap_lock);
	ret = mm->brk;
	/* Past TASK_SIZE no heap can reach; rounding such an addr up would
	 * wrap to 0 and look like a shrink of the whole program. */
	if (addr < mm->start_brk || addr > TASK_SIZE)
		goto out_unlock;
	if (rlimit(RLIMIT_DATA) != RLIM_INFINITY &&
	    (addr - mm->start_brk) + (mm->end_data - mm->start_data) > rlimit(RLIMIT_DATA))
		goto out_unlock;
	old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	new_end = ALIGN_UP(addr, PAGE_SIZE);
	if (new_end > old_end) {
		struct vm_area_struct *heap = find_vma(mm, mm->start_brk);
		struct vm_area_struct *next = find_vma(mm, old_end);

		if (new_end > TASK_SIZE || (next && next->vm_start < new_end))
			goto out_unlock;
		/* Grow the heap VMA if it still is one piece with its rights;
		 * otherwise (mprotect changed or cut it) add one after it. */
		if (heap && heap->vm_start == mm->start_brk && heap->vm_end == old_end &&
		    (heap->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) == heap_flags) {
			if (!may_expand_vm(mm, heap_flags, (new_end - old_end) >> PAGE_SHIFT))
				goto out_unlock;
			heap->vm_end = new_end;
			vm_stat_account(mm, heap->vm_flags, (long)((new_end - old_end) >> PAGE_SHIFT));
			if (next)
				vma_gap_update(next);   /* its gap now starts at new_end */
		} else if (insert_vm_area(mm, old_end, new_end, heap_flags)) {
			goto out_unlock;
		}
	} else if (new_end < old_end) {
		if (do_munmap(mm, new_end, old_end - new_end))
			goto out_unlock;        /* no memory for a split: brk stays */
	}
	mm->brk = ret = addr;
out_unlock:
	mutex_unlock(&mm->mmap_lock);
	return (long)ret;
}

/*
 * Where a range of len bytes goes at the top of the free range [start, end)
 * cut down to [low, high): its start, or 0 if it does not fit.
 */
static unsigned long fit_top(unsigned long start, unsigned long end, unsigned long len,
			     unsigned long low, unsigned long high)
{
	start = max(start, low);
	end = min(end, high);
	if (end < start || end - start < len)
		return 0;
	return end - len;
}

static struct vm_area_struct *rb_to_vma(struct rb_node *node)
{
	return rb_entry(node, struct vm_area_struct, vm_rb);
}

/* Whether the subtree at node (NULL: none) has a gap of len bytes or more. */
static bool subtree_has_gap(struct rb_node *node, unsigned long len)
{
	return node && rb_to_vma(node)->rb_subtree_gap >= len;
}

/*
 * The highest start for len bytes in the gaps below mm's VMAs, or 0: one
 * walk down the tree. The gaps are counted inside the range mmap places
 * in (gap_between), so a subtree whose rb_subtree_gap is len or more
 * holds a fit: at each VMA its right (higher) subtree if that holds one,
 * else its own gap if that fits, else its left subtree, which then must
 * hold one. The VMA above the fit becomes mm->mmap_cache, where the
 * insert that follows finds its place (find_vma_links_cached).
 */
static unsigned long unmapped_area_topdown(struct mm_struct *mm, unsigned long len)
{
	struct rb_node *node = mm->mm_rb.rb_node;

	if (!subtree_has_gap(node, len))
		return 0;
	for (;;) {
		struct vm_area_struct *vma = rb_to_vma(node);

		if (subtree_has_gap(node->rb_right, len))
			node = node->rb_right;
		else if (vma->vm_gap >= len)
			break;
		else
			node = node->rb_left;
	}
	mm->mmap_cache = rb_to_vma(node);
	return min(rb_to_vma(node)->vm_start, MMAP_BASE) - len;
}

/*
 * get_unmapped_area - the highest free range of len bytes between
 * MMAP_MIN_ADDR and MMAP_BASE (a top-down search, as Linux's), in
 * O(log n) for n VMAs.
 *
 * Context: mmap_lock held.
 * Return: its start, or 0 if there is none.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	const unsigned long low = MMAP_MIN_ADDR, high = MMAP_BASE;
	struct vm_area_struct *last;
	unsigned long addr;

	if (len == 0 || len > high - low)
		return 0;
	if (list_empty(&mm->mmap))
		return high - len;
	/* Above the last VMA: a gap no VMA has below it. */
	last = list_last_entry(&mm->mmap, struct vm_area_struct, vm_list);
	addr = fit_top(last->vm_end, TASK_SIZE, len, low, high);
	if (addr) {
		mm->mmap_cache = last;          /* the insert's place: after it */
		return addr;
	}
	return unmapped_area_topdown(mm, len);
}

/*
 * Whether [addr, addr + len) is free for a mapping made at a hint, as
 * Linux's arch_get_unmapped_area_topdown decides: inside user space and
 * not within the guard gap below a stack. Context: mmap_lock held.
 */
bool hint_is_free(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *next;
	unsigned long limit;

	if (addr < MMAP_MIN_ADDR || len > TASK_SIZE || addr > TASK_SIZE - len)
		return false;
	next = find_vma(mm, addr);
	if (!next)
		return true;
	limit = next->vm_start;
	if (next->vm_flags & VM_GROWSDOWN)
		limit = limit > STACK_GUARD_GAP ? limit - STACK_GUARD_GAP : 0;
	return addr + len <= limit;
}

/*
 * Fault in the pages of [start, end) (MAP_POPULATE), as Linux's
 * populate_vma_page_range: a private writable mapping with write faults,
 * so that its copies are made now, every other one with read faults. It
 * stops at the first page that cannot be had (past the end of a file, no
 * memory: mmap still succeeds, as on Linux) or when the task is killed.
 * Caller holds mmap_lock.
 */
static void populate_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, va);

		if (fatal_signal_pending(current) || !vma || vma->vm_start > va)
			return;
		if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
			continue;               /* PROT_NONE: nothing to fault in */
		if (lookup_address(mm->pgd, va, NULL))
			continue;
		if (handle_mm_fault(mm, va, (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE,
				    false))
			return;
	}
}

/*
 * The checks of Linux's do_mmap for a file mapping, once the range is
 * known: *flags and *vm_flags are adjusted. Return: 0, -EOVERFLOW (offset
 * plus length past the largest file), -EOPNOTSUPP (MAP_SHARED_VALIDATE
 * with a flag it does not know), -EACCES (shared and writable on a file
 * not open for writing; any mapping of a file not open for reading),
 * -ENODEV (the file cannot be mapped: a directory, a pipe, a tty), -EINVAL.
 */
static int mmap_file_checks(struct file *file, unsigned long len, unsigned long prot,
			    unsigned long *flags, unsigned long pgoff, unsigned long *vm_flags)
{
	/* file_mmap_ok: a file's offsets reach MAX_LFS_FILESIZE; a device's
	 * any unsigned long. */
	u64 maxsize = S_ISREG(file->f_inode->i_mode) ? (u64)MAX_LFS_FILESIZE : ~0UL;

	if (len > maxsize || pgoff > (maxsize - len) >> PAGE_SHIFT)
		return -EOVERFLOW;
	switch (*flags & MAP_TYPE) {
	case MAP_SHARED:
		*flags &= LEGACY_MAP_MASK;      /* unknown flags ignored, as always */
		/* fallthrough */
	case MAP_SHARED_VALIDATE:
		if (*flags & ~(unsigned long)LEGACY_MAP_MASK)
			return -EOPNOTSUPP;
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		/* Read-only for good: mprotect may not add writing, and the
		 * mapping is no more shared than a private one (Linux). */
		if (!(file->f_mode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		/* fallthrough */
	case MAP_PRIVATE:
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		/* (A noexec mount would refuse PROT_EXEC here with -EPERM:
		 * keyhole has no mount options yet.) */
		if (!file->f_op->mmap)
			return -ENODEV;
		if (*flags & MAP_GROWSDOWN)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * do_mmap - map len bytes at addr (a hint, or exact with MAP_FIXED) of
 * file from page pgoff, or anonymous memory (file NULL), into mm (the
 * caller's, or a new one exec is filling), as Linux's
 * do_mmap and mmap_region, with its errors in its order: the length, the
 * range, MAP_FIXED_NOREPLACE's overlap, the kind of mapping and the
 * file's checks, the limits; then MAP_FIXED replaces what was there, the
 * VMA is made, and the file (or shmem, for shared anonymous memory) sets
 * it up. MAP_POPULATE faults the pages in.
 *
 * Context: mm's mmap_lock held.
 * Return: the address, or a negative errno.
 */
long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr, unsigned long len,
	     unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	unsigned long vm_flags, may_clear;
	struct vm_area_struct *vma;
	long ret;

	if (len == 0)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED) && addr) {
		addr &= PAGE_MASK;      /* Linux's round_hint_to_min */
		if (addr < MMAP_MIN_ADDR)
			addr = MMAP_MIN_ADDR;
	}
	if (len > TASK_SIZE)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (flags & MAP_FIXED) {
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr < MMAP_MIN_ADDR && current->euid != 0)
			return -EPERM;  /* below vm.mmap_min_addr: CAP_SYS_RAWIO */
	}
	vm_flags = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
		   (prot & PROT_EXEC ? VM_EXEC : 0) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	if (flags & MAP_FIXED) {
		if ((flags & MAP_FIXED_NOREPLACE) && count_vma_pages_range(mm, addr, addr + len))
			return -EEXIST;
	} else if (!addr || !hint_is_free(mm, addr, len)) {
		addr = get_unmapped_area(mm, len);
		if (!addr)
			return -ENOMEM;
	}
	if (file) {
		ret = mmap_file_checks(file, len, prot, &flags, pgoff, &vm_flags);
		if (ret)
			return ret;
	} else {
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			break;
		case MAP_PRIVATE:
			break;
		default:
			return -EINVAL;
		}
		pgoff = 0;
	}
	if ((flags & MAP_FIXED) && !may_map_over(mm, vm_flags, addr, addr + len))
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		ret = do_munmap(mm, addr, len);
		if (ret)
			return ret;
	}
	may_clear = (VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC) & ~vm_flags;
	ret = insert_vm_area(mm, addr, addr + len, vm_flags);
	if (ret)
		return ret;
	vma = find_vma(mm, addr);
	vma->vm_flags &= ~may_clear;
	vma->vm_pgoff = pgoff;
	if (file) {
		vma->vm_file = get_file(file);
		ret = file->f_op->mmap(file, vma);
	} else if (vm_flags & VM_SHARED) {
		/* Shared anonymous memory is a nameless shmem file, as Linux's. */
		ret = shmem_zero_setup(vma);
	}
	if (ret) {
		do_munmap(mm, addr, len);
		return ret;
	}
	if ((flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE)
		populate_range(mm, addr, addr + len);
	return (long)addr;
}

/*
 * mmap - map a file or anonymous memory (do_mmap). The offset must be a
 * multiple of the page size (EINVAL), and a file mapping needs an open
 * descriptor (EBADF), both checked first, as on Linux.
 */
SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, int, fd, unsigned long, off)
{
	struct file *file = NULL;
	long ret;

	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((unsigned int)fd);
		if (!file)
			return -EBADF;
	}
	mutex_lock(&current->mm->mmap_lock);
	ret = do_mmap(current->mm, file, addr, len, prot, flags, off >> PAGE_SHIFT);
	mutex_unlock(&current->mm->mmap_lock);
	if (file)
		fput(file);
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

/* mprotect's change to one page: the VMA's new rights, except that a
 * private page still shared copy-on-write stays read-only. */
static int change_pte(u64 *pte, unsigned long va, struct mm_walk *walk)
{
	unsigned long vm_flags = *(unsigned long *)walk->private;
	u64 prot = vm_page_prot(vm_flags);

	if (!(vm_flags & VM_SHARED) && page_count(phys_to_page(entry_phys(*pte))) > 1)
		prot &= ~_PAGE_RW;
	*pte = entry_phys(*pte) | prot;
	invlpg(va);
	return 0;
}

#define PROT_SEM        0x8             /* accepted and ignored, as on x86 Linux */
#define PROT_GROWSDOWN  0x01000000
#define PROT_GROWSUP    0x02000000

/*
 * mprotect - change the rights of [start, start + len), as Linux's
 * do_mprotect_pkey: VMA by VMA from start, splitting at both ends. A hole
 * is -ENOMEM and a right a mapping may never have (no VM_MAYWRITE for a
 * read-only shmat) is -EACCES, both found on the way: the VMAs before it
 * keep their new rights, as on Linux. PROT_GROWSDOWN extends the range
 * down to the start of the stack VMA it is in. Pages already there get
 * the new rights, except that a page still shared copy-on-write stays
 * read-only until its write fault copies it.
 */
SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, flags, grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	struct vm_area_struct *vma;
	long ret;

	prot &= ~grows;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (len == 0)
		return 0;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	if (end <= start)
		return -ENOMEM;         /* wrapped */
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	flags = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
		(prot & PROT_EXEC ? VM_EXEC : 0);

	mutex_lock(&mm->mmap_lock);
	ret = -ENOMEM;
	vma = find_vma(mm, start);
	if (!vma)
		goto out_unlock;
	if (grows & PROT_GROWSDOWN) {
		if (vma->vm_start >= end)
			goto out_unlock;
		start = vma->vm_start;
		ret = -EINVAL;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			goto out_unlock;
	} else {
		if (vma->vm_start > start)
			goto out_unlock;
		ret = -EINVAL;
		if (grows & PROT_GROWSUP)
			goto out_unlock;        /* no VMA grows up on x86 */
	}
	if (vma->vm_start < start) {
		ret = split_vma(mm, vma, start);
		if (ret)
			goto out_unlock;
		vma = vma_next(vma);
	}
	for (;;) {
		/* What the mapping may never have (VM_MAY*). */
		if ((flags & VM_WRITE && !(vma->vm_flags & VM_MAYWRITE)) ||
		    (flags & VM_READ && !(vma->vm_flags & VM_MAYREAD)) ||
		    (flags & VM_EXEC && !(vma->vm_flags & VM_MAYEXEC))) {
			ret = -EACCES;
			break;
		}
		if (vma->vm_end > end && (ret = split_vma(mm, vma, end)))
			break;
		vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
		vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | flags;
		vm_stat_account(mm, vma->vm_flags, (long)vma_pages(vma));

		struct mm_walk walk = { .pte_entry = change_pte, .private = &vma->vm_flags };
		walk_page_range(mm->pgd, vma->vm_start, vma->vm_end, &walk);

		ret = 0;
		if (vma->vm_end >= end)
			break;
		struct vm_area_struct *next = vma_next(vma);
		if (!next || next->vm_start != vma->vm_end) {
			ret = -ENOMEM;          /* a hole */
			break;
		}
		vma = next;
	}
out_unlock:
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

#define MADV_NORMAL          0
#define MADV_RANDOM          1
#define MADV_SEQUENTIAL      2
#define MADV_WILLNEED        3
#define MADV_DONTNEED        4
#define MADV_FREE            8
#define MADV_DOFORK          11
#define MADV_MERGEABLE       12
#define MADV_UNMERGEABLE     13
#define MADV_HUGEPAGE        14
#define MADV_NOHUGEPAGE      15
#define MADV_DONTDUMP        16
#define MADV_DODUMP          17
#define MADV_KEEPONFORK      19
#define MADV_COLD            20
#define MADV_PAGEOUT         21
#define MADV_DONTNEED_LOCKED 24

/*
 * madvise - advice about [start, start + len), as Linux's do_madvise:
 * MADV_DONTNEED (and _LOCKED) drops the pages of the range: the next
 * touch finds zeroes in private memory, the file's data in shared memory.
 * MADV_FREE does the same, for private anonymous memory only (EINVAL
 * elsewhere). The pure hints change nothing here. Advice keyhole does not
 * have (MADV_REMOVE, MADV_DONTFORK, MADV_WIPEONFORK, MADV_POPULATE_*,
 * MADV_COLLAPSE, MADV_HWPOISON) is EINVAL, as unknown advice. A range
 * with holes is -ENOMEM after the mapped parts have had the advice.
 */
SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, advice)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end, len;
	long ret = 0;

	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_DOFORK: case MADV_MERGEABLE:
	case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
	case MADV_DONTDUMP: case MADV_DODUMP: case MADV_KEEPONFORK: case MADV_COLD:
	case MADV_PAGEOUT: case MADV_DONTNEED_LOCKED:
		break;
	default:
		return -EINVAL;
	}
	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = ALIGN_UP(len_in, PAGE_SIZE);
	if (len_in && !len)
		return -EINVAL;         /* rounded up past the top */
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;

	mutex_lock(&mm->mmap_lock);
	unsigned long at = start;
	for (vma = find_vma(mm, start); vma && at < end; vma = vma_next(vma)) {
		if (vma->vm_start >= end)
			break;
		if (vma->vm_start > at)
			ret = -ENOMEM;          /* a hole: go on, say so at the end */
		unsigned long from = max(at, vma->vm_start), to = min(end, vma->vm_end);
		if (advice == MADV_FREE && vma->vm_ops && vma->vm_ops->fault) {
			ret = -EINVAL;
			goto out_unlock;
		}
		if (advice == MADV_DONTNEED || advice == MADV_FREE ||
		    advice == MADV_DONTNEED_LOCKED) {
			int err = zap_range(mm, from, to, true);

			if (err) {
				ret = err;      /* killed: the rest is exit's */
				goto out_unlock;
			}
		}
		at = to;
	}
	if (at < end)
		ret = -ENOMEM;
out_unlock:
	mutex_unlock(&mm->mmap_lock);
	return ret;
}
