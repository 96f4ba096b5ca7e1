/*
 * mmap_test.c - the VMA tree (mm/mmap.c): random mmap, munmap, mprotect,
 * brk and faults in a test address space, checked after every step
 * against a recount from the sorted list.
 *
 * vma_check() recounts everything mm/mmap.c keeps: the list sorted and
 * not overlapping, map_count, the tree holding the same VMAs in the same
 * order, the red-black rules, every vm_gap and rb_subtree_gap, and the
 * page counts (total_vm, data_vm, exec_vm, stack_vm) that may_expand_vm
 * reads.
 * find_vma and get_unmapped_area are compared with plain list scans.
 *
 * The test gives the ktest thread an address space of its own, as
 * uaccess_test.c does, so that the system calls and faults work on it.
 */
#include "arch/x86_64/cpu.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/sched.h"
#include "lib/rbtree.h"
#include "mm/ktest_mm.h"
#include "mm/mm.h"
#include "mm/mman.h"
#include "mm/pgtable.h"
#include "mm/uaccess.h"

long __x64_sys_mmap(const struct pt_regs *regs);
long __x64_sys_munmap(const struct pt_regs *regs);
long __x64_sys_mprotect(const struct pt_regs *regs);
long __x64_sys_brk(const struct pt_regs *regs);


/* A small deterministic generator (xorshift64), so a failure repeats. */
static u64 rnd_state;

static u64 rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static struct mm_struct *enter_test_mm(void)
{
	struct mm_struct *mm = mm_alloc();

	if (mm)
		ktest_use_mm(mm);
	return mm;
}

static long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
		     unsigned long flags)
{
	struct pt_regs regs = { .rdi = addr, .rsi = len, .rdx = prot, .r10 = flags,
				.r8 = (u64)-1, .r9 = 0 };

	return __x64_sys_mmap(&regs);
}

static long sys_munmap(unsigned long addr, unsigned long len)
{
	struct pt_regs regs = { .rdi = addr, .rsi = len };

	return __x64_sys_munmap(&regs);
}

static long sys_mprotect(unsigned long addr, unsigned long len, unsigned long prot)
{
	struct pt_regs regs = { .rdi = addr, .rsi = len, .rdx = prot };

	return __x64_sys_mprotect(&regs);
}

static long sys_brk(unsigned long addr)
{
	struct pt_regs regs = { .rdi = addr };

	return __x64_sys_brk(&regs);
}

static struct vm_area_struct *rb_vma(struct rb_node *n)
{
	return rb_entry(n, struct vm_area_struct, vm_rb);
}

/* The gap below vma, inside [MMAP_MIN_ADDR, MMAP_BASE) (mm/mmap.c's vma_gap). */
static unsigned long gap_below(struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma);
	unsigned long lo = max(prev ? prev->vm_end : 0, MMAP_MIN_ADDR);
	unsigned long hi = min(vma->vm_start, MMAP_BASE);

	return hi > lo ? hi - lo : 0;
}

/*
 * Check the subtree at n: parent links, red-black rules, each VMA's
 * vm_gap and rb_subtree_gap.
 * Return: its black height, or -1 after a failed check.
 */
static int check_subtree(struct rb_node *n, struct rb_node *parent, unsigned long *max_gap)
{
	unsigned long lgap = 0, rgap = 0, gap;
	int lh, rh;
	bool red;

	*max_gap = 0;
	if (!n)
		return 0;
	red = !(n->__rb_parent_color & 1);
	if (rb_parent(n) != parent) {
		KT_EXPECT_EQ(rb_parent(n), parent);
		return -1;
	}
	if (red && ((n->rb_left && !(n->rb_left->__rb_parent_color & 1)) ||
		    (n->rb_right && !(n->rb_right->__rb_parent_color & 1)))) {
		KT_EXPECT(!"a red VMA node with a red child");
		return -1;
	}
	lh = check_subtree(n->rb_left, n, &lgap);
	rh = check_subtree(n->rb_right, n, &rgap);
	if (lh < 0 || rh < 0)
		return -1;
	if (lh != rh) {
		KT_EXPECT_EQ(lh, rh);                   /* black heights */
		return -1;
	}
	if (rb_vma(n)->vm_gap != gap_below(rb_vma(n))) {
		KT_EXPECT_EQ(rb_vma(n)->vm_gap, gap_below(rb_vma(n)));
		return -1;
	}
	gap = max(gap_below(rb_vma(n)), max(lgap, rgap));
	if (rb_vma(n)->rb_subtree_gap != gap) {
		KT_EXPECT_EQ(rb_vma(n)->rb_subtree_gap, gap);
		return -1;
	}
	*max_gap = gap;
	return lh + !red;
}

/* Linux's kinds of mapping, as vm_stat_account counts them. */
static bool kind_exec(unsigned long f)
{
	return (f & (VM_EXEC | VM_WRITE | VM_GROWSDOWN)) == VM_EXEC;
}

static bool kind_stack(unsigned long f)
{
	return !kind_exec(f) && (f & VM_GROWSDOWN);
}

static bool kind_data(unsigned long f)
{
	return (f & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE;
}

/* The highest fit for len in [MMAP_MIN_ADDR, MMAP_BASE), by a list scan. */
static unsigned long ref_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long best = 0, lo = 0, hi;
	struct vm_area_struct *vma;

	for (vma = list_first_entry_or_null(&mm->mmap, struct vm_area_struct, vm_list);;
	     vma = vma_next(vma)) {
		hi = vma ? vma->vm_start : TASK_SIZE;
		lo = max(lo, MMAP_MIN_ADDR);
		hi = min(hi, MMAP_BASE);
		if (hi > lo && hi - lo >= len)
			best = hi - len;
		if (!vma)
			return best;
		lo = vma->vm_end;
	}
}

static struct vm_area_struct *ref_find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end > addr)
			return vma;
	return NULL;
}

/* Everything mm/mmap.c keeps about mm's VMAs, recounted. Return: all agreed. */
static bool vma_check(struct mm_struct *mm)
{
	unsigned long total = 0, data = 0, exec = 0, stack = 0, end = 0, max_gap;
	struct rb_node *n = rb_first(&mm->mm_rb);
	struct vm_area_struct *vma;
	int count = 0;

	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long pages = vma_pages(vma);

		if (vma->vm_start < end || vma->vm_start >= vma->vm_end || vma->vm_mm != mm ||
		    (vma->vm_start | vma->vm_end) & ~PAGE_MASK) {
			KT_EXPECT(!"the VMA list is sorted, not overlapping, page aligned");
			goto fail;
		}
		if (n != &vma->vm_rb) {
			KT_EXPECT(!"the tree in order is the list");
			goto fail;
		}
		n = rb_next(n);
		end = vma->vm_end;
		count++;
		total += pages;
		exec += kind_exec(vma->vm_flags) ? pages : 0;
		stack += kind_stack(vma->vm_flags) ? pages : 0;
		data += kind_data(vma->vm_flags) ? pages : 0;
	}
	KT_EXPECT(n == NULL);
	KT_EXPECT_EQ(mm->map_count, count);
	KT_EXPECT_EQ(mm->total_vm, total);
	KT_EXPECT_EQ(mm->data_vm, data);
	KT_EXPECT_EQ(mm->exec_vm, exec);
	KT_EXPECT_EQ(mm->stack_vm, stack);
	if (mm->mm_rb.rb_node && !(mm->mm_rb.rb_node->__rb_parent_color & 1))
		KT_EXPECT(!"the root is black");
	if (check_subtree(mm->mm_rb.rb_node, NULL, &max_gap) < 0)
		goto fail;
	if (n != NULL || mm->map_count != count || mm->total_vm != total || mm->data_vm != data ||
	    mm->exec_vm != exec || mm->stack_vm != stack)
		goto fail;

	/* Lookups against plain scans: VMA edges and random addresses. */
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long a[] = { vma->vm_start - 1, vma->vm_start, vma->vm_end - 1, vma->vm_end };

		for (unsigned int i = 0; i < ARRAY_SIZE(a); i++)
			if (find_vma(mm, a[i]) != ref_find_vma(mm, a[i])) {
				KT_EXPECT_EQ(find_vma(mm, a[i]), ref_find_vma(mm, a[i]));
				goto fail;
			}
	}
	for (int i = 0; i < 8; i++) {
		unsigned long len = ((rnd() % 64) + 1) * PAGE_SIZE;

		if (i == 0)
			len = max_gap;          /* exactly the largest gap */
		else if (i == 1)
			len = max_gap + PAGE_SIZE;
		else if (i == 2)
			len = 1UL << (rnd() % 47);
		len = ALIGN_UP(len, PAGE_SIZE);
		if (len == 0)
			len = PAGE_SIZE;        /* no largest gap yet: no VMA */
		if (get_unmapped_area(mm, len) != ref_unmapped_area(mm, len)) {
			KT_EXPECT_EQ(get_unmapped_area(mm, len), ref_unmapped_area(mm, len));
			goto fail;
		}
	}
	mutex_unlock(&mm->mmap_lock);
	return true;
fail:
	mutex_unlock(&mm->mmap_lock);
	return false;
}

/* Addresses the random steps aim at: around MMAP_BASE, where mmap(NULL)
 * places, and at the bottom, around MMAP_MIN_ADDR. */
#define WINDOW_PAGES 768UL

static unsigned long random_addr(void)
{
	unsigned long page = rnd() % WINDOW_PAGES;

	if (rnd() % 4 == 0)
		return MMAP_MIN_ADDR - 16 * PAGE_SIZE + page * PAGE_SIZE;
	return MMAP_BASE - (WINDOW_PAGES - 64) * PAGE_SIZE + page * PAGE_SIZE;
}

static unsigned long random_prot(void)
{
	static const unsigned long prots[] = {
		0, PROT_READ, PROT_READ | PROT_WRITE, PROT_READ | PROT_EXEC, PROT_EXEC,
		PROT_READ | PROT_WRITE | PROT_EXEC,
	};

	return prots[rnd() % ARRAY_SIZE(prots)];
}

/* Each step one random change; then the whole check. */
static void random_step(struct mm_struct *mm)
{
	unsigned long len = ((rnd() % 16) + 1) * PAGE_SIZE;
	unsigned long addr = random_addr();

	switch (rnd() % 8) {
	case 0:
	case 1:
		sys_mmap(0, len, random_prot(), MAP_PRIVATE | MAP_ANONYMOUS);
		break;
	case 2:
		sys_mmap(addr, len, random_prot(),
			 MAP_FIXED | (rnd() % 4 ? MAP_PRIVATE : MAP_SHARED) | MAP_ANONYMOUS);
		break;
	case 3:
	case 4:
		sys_munmap(addr, len * (rnd() % 4 + 1));
		break;
	case 5:
		sys_mprotect(addr, len, random_prot());
		break;
	case 6:
		/* The heap: grow and shrink around its start. */
		sys_brk(mm->start_brk + (rnd() % 32) * PAGE_SIZE + rnd() % 100);
		break;
	case 7: {
		/* A write to a random page (a fault, or -EFAULT): munmap and
		 * fork then have pages to drop and share. */
		u64 v = rnd();

		(void)put_user(v, (u64 *)addr);
		break;
	}
	}
}

KTEST(mm_vma_tree_random)
{
	struct mm_struct *mm = enter_test_mm();

	KT_ASSERT(mm != NULL);
	rnd_state = 0x2545f4914f6cdd1dULL;
	mm->start_brk = mm->brk = 0x10000000UL;
	for (int step = 0; step < 2500; step++) {
		random_step(mm);
		if (!vma_check(mm)) {
			ktest_fail(__FILE__, __LINE__, "after step %d", step);
			break;
		}
		if (step % 500 == 499) {
			/* fork's copy builds its tree in one pass: check it too. */
			struct mm_struct *child = dup_mm(mm);

			KT_ASSERT(child != NULL);
			if (!vma_check(child))
				ktest_fail(__FILE__, __LINE__, "dup_mm's copy at step %d", step);
			mmput(child);
		}
	}
	ktest_drop_mm(mm);
}

/* The counts may_expand_vm reads follow a stack that grows by faults. */
KTEST(mm_counters_follow_stack_growth)
{
	struct mm_struct *mm = enter_test_mm();
	const unsigned long top = 0x7ff000000000UL;

	KT_ASSERT(mm != NULL);
	mutex_lock(&mm->mmap_lock);
	KT_EXPECT_EQ(insert_vm_area(mm, top - 4 * PAGE_SIZE, top,
				    VM_READ | VM_WRITE | VM_GROWSDOWN), 0);
	KT_EXPECT_EQ(insert_vm_area(mm, top - 64 * PAGE_SIZE, top - 60 * PAGE_SIZE, VM_READ), 0);
	mutex_unlock(&mm->mmap_lock);
	KT_EXPECT_EQ(mm->stack_vm, 4);
	KT_EXPECT_EQ(put_user(1UL, (u64 *)(top - 10 * PAGE_SIZE)), 0);  /* grows by 6 */
	KT_EXPECT_EQ(mm->stack_vm, 10);
	KT_EXPECT_EQ(mm->total_vm, 14);
	KT_EXPECT(vma_check(mm));
	ktest_drop_mm(mm);
}

/*
 * A stack that grows by faults moves its vm_start: its vm_gap (and the
 * summaries above it) must follow, below MMAP_BASE where the gap counts;
 * then get_unmapped_area must not offer the space the stack took.
 */
KTEST(mm_vm_gap_follows_stack_growth)
{
	struct mm_struct *mm = enter_test_mm();
	const unsigned long base = MMAP_BASE;

	KT_ASSERT(mm != NULL);
	mutex_lock(&mm->mmap_lock);
	/* Free below MMAP_BASE: only the 296 pages below the stack. */
	KT_EXPECT_EQ(insert_vm_area(mm, MMAP_MIN_ADDR, base - 400 * PAGE_SIZE, VM_READ), 0);
	KT_EXPECT_EQ(insert_vm_area(mm, base - 104 * PAGE_SIZE, base - 100 * PAGE_SIZE,
				    VM_READ | VM_WRITE | VM_GROWSDOWN), 0);
	KT_EXPECT_EQ(insert_vm_area(mm, base - 100 * PAGE_SIZE, base, VM_READ), 0);
	KT_EXPECT_EQ(get_unmapped_area(mm, 296 * PAGE_SIZE), base - 400 * PAGE_SIZE);
	mutex_unlock(&mm->mmap_lock);
	KT_EXPECT(vma_check(mm));
	KT_EXPECT_EQ(put_user(1UL, (u64 *)(base - 300 * PAGE_SIZE)), 0);  /* grows by 196 */
	KT_EXPECT(vma_check(mm));
	mutex_lock(&mm->mmap_lock);
	KT_EXPECT_EQ(get_unmapped_area(mm, 101 * PAGE_SIZE), 0);
	KT_EXPECT_EQ(get_unmapped_area(mm, 100 * PAGE_SIZE), base - 400 * PAGE_SIZE);
	mutex_unlock(&mm->mmap_lock);
	ktest_drop_mm(mm);
}

/*
 * get_unmapped_area kept a range's start at PAGE_SIZE or above, not at
 * vm.mmap_min_addr as Linux's: with the space above taken, mmap(NULL)
 * could return an address below 65536.
 */
KTEST(get_unmapped_area_stays_above_mmap_min_addr)
{
	struct mm_struct *mm = enter_test_mm();

	KT_ASSERT(mm != NULL);
	mutex_lock(&mm->mmap_lock);
	KT_EXPECT_EQ(insert_vm_area(mm, MMAP_MIN_ADDR + 2 * PAGE_SIZE, MMAP_BASE, 0), 0);
	KT_EXPECT_EQ(get_unmapped_area(mm, 2 * PAGE_SIZE), MMAP_MIN_ADDR);
	KT_EXPECT_EQ(get_unmapped_area(mm, 3 * PAGE_SIZE), 0);
	mutex_unlock(&mm->mmap_lock);
	ktest_drop_mm(mm);
}

/*
 * A length above MMAP_BASE made get_unmapped_area's "top - len" wrap
 * around: it returned an address near 2^64, and mmap failed with EINVAL
 * from insert_vm_area instead of ENOMEM.
 */
KTEST(get_unmapped_area_huge_len_is_none)
{
	struct mm_struct *mm = enter_test_mm();

	KT_ASSERT(mm != NULL);
	mutex_lock(&mm->mmap_lock);
	KT_EXPECT_EQ(insert_vm_area(mm, 0x400000UL, 0x401000UL, VM_READ), 0);
	KT_EXPECT_EQ(get_unmapped_area(mm, MMAP_BASE + PAGE_SIZE), 0);
	KT_EXPECT_EQ(get_unmapped_area(mm, TASK_SIZE), 0);
	KT_EXPECT_EQ(get_unmapped_area(mm, MMAP_BASE - MMAP_MIN_ADDR), 0);
	KT_EXPECT_EQ(get_unmapped_area(mm, MMAP_BASE - 0x401000UL), 0x401000UL);
	mutex_unlock(&mm->mmap_lock);
	ktest_drop_mm(mm);
}

/* fork's one-pass tree is a red-black tree for every count of VMAs (full
 * last levels, partial ones, one VMA, none). */
KTEST(dup_mm_tree_every_size)
{
	struct mm_struct *mm = enter_test_mm();

	KT_ASSERT(mm != NULL);
	for (unsigned long n = 0; n <= 70; n++) {
		struct mm_struct *child;

		if (n > 0) {
			unsigned long start = 0x40000000UL + n * 3 * PAGE_SIZE;

			mutex_lock(&mm->mmap_lock);
			KT_EXPECT_EQ(insert_vm_area(mm, start, start + (n % 2 + 1) * PAGE_SIZE,
						    VM_READ), 0);
			mutex_unlock(&mm->mmap_lock);
		}
		child = dup_mm(mm);
		KT_ASSERT(child != NULL);
		KT_EXPECT_EQ(child->map_count, n);
		if (!vma_check(child))
			ktest_fail(__FILE__, __LINE__, "dup_mm's copy of %lu VMAs", n);
		mmput(child);
	}
	ktest_drop_mm(mm);
}
