/*
 * pgtable.c - the kernel's page tables and the helpers that change them.
 *
 * paging_init() replaces boot.asm's early tables (which map the first
 * 4 GiB three times, identity included) with init_pgd:
 *
 *   - the direct map at PAGE_OFFSET of every 2 MiB chunk that holds RAM,
 *     read/write, no-execute, in 2 MiB pages;
 *   - the kernel image at KERNEL_VMA in 4 KiB pages with the right rights:
 *     code read+execute, read-only data read-only, data and bss
 *     read/write, both no-execute; so a stray write into code faults;
 *   - nothing at all in the lower half: address 0 faults; nor the guard
 *     page under the boot stack, so an overflow faults.
 *
 * map_page()/unmap_page() work on 4 KiB pages in any page table tree,
 * allocating intermediate tables from the page allocator on the way down.
 * Each table page counts its used entries (struct page.pt_used), so when
 * unmap_page() empties a PT, PD or (in the user half) PDPT it frees it at
 * once and a map/unmap pair leaves no memory behind. The kernel half's
 * PDPTs are never freed: every address space will share them.
 *
 * Before page_alloc_init() tables come from memblock; such tables are
 * PG_reserved and never freed.
 *
 * walk_page_range() is how the user half is changed in bulk: munmap,
 * mprotect, madvise, fork's copy and exit's teardown all visit the leaf
 * entries in use in a range with a callback of their own. The walk goes
 * down the four levels and steps over a missing PDPT, PD or PT in one go
 * (512 GiB, 1 GiB, 2 MiB), so its cost is the number of tables and pages
 * that are really there, never the size of the range: unmapping 2^46 bytes
 * of PROT_NONE that were never touched looks at a few top-level entries,
 * where a page-by-page loop took 2^34 steps (hours). A table that counts
 * no entry in use (pt_used) is not looked at at all. Tables a callback
 * empties are freed on the way back up.
 *
 * Locking: pgtable_lock (irqsave) guards changes to init_pgd's tree and is
 * taken by map_page/unmap_page. The user half of an mm's table is also
 * guarded by mm->mmap_lock, which every caller of walk_page_range holds;
 * the walk takes no spinlock, so its callbacks may call map_page (fork)
 * and the timer may preempt a long walk.
 */
#include "arch/x86_64/cpu.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "kernel/spinlock.h"
#include "lib/string.h"
#include "mm/memblock.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"

pgd_t *init_pgd;
static DEFINE_SPINLOCK(pgtable_lock);

extern char _sdata[];           /* kernel.ld: start of .data */
extern char boot_stack_guard[]; /* boot.asm: the page under the boot stack */

/* Table entry flags for a pointer to a lower table: the leaf decides. */
#define TABLE_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)

static u64 *alloc_table(void)
{
	if (totalram_pages == 0)        /* the buddy allocator is not up yet */
		return __va(memblock_alloc(PAGE_SIZE, PAGE_SIZE));

	struct page *page = alloc_page(__GFP_ZERO);
	if (!page)
		return NULL;
	page->flags |= PG_pgtable;
	page->pt_used = 0;
	return page_address(page);
}

static void count_entry(u64 *table, int delta)
{
	struct page *page = virt_to_page(table);

	if (page->flags & PG_pgtable)
		page->pt_used += (unsigned int)delta;
}

/* The next-level table under entry *e, created if alloc; NULL if absent. */
static inline u64 *next_table(u64 *table, unsigned int idx, bool alloc)
{
	u64 *e = &table[idx];

	if (*e & _PAGE_PRESENT) {
		if (*e & _PAGE_PSE)
			return NULL;            /* a huge page, not a table */
		return __va(entry_phys(*e));
	}
	if (!alloc)
		return NULL;
	u64 *t = alloc_table();
	if (!t)
		return NULL;
	*e = __pa(t) | TABLE_FLAGS;
	count_entry(table, +1);
	return t;
}

/*
 * map_page - map the 4 KiB page at va to physical pa with protections prot
 * (PAGE_KERNEL and friends, _PAGE_USER for user pages).
 *
 * Context: may allocate page tables; does not sleep.
 * Return: 0, -ENOMEM if a table could not be allocated, -EEXIST if va is
 * already mapped, -EINVAL if va or pa is not page aligned.
 */
int map_page(pgd_t *pgd, unsigned long va, phys_addr_t pa, u64 prot)
{
	unsigned long flags;
	int ret = -ENOMEM;
	u64 *pud, *pmd, *pte;

	if ((va | pa) & ~PAGE_MASK)
		return -EINVAL;
	spin_lock_irqsave(&pgtable_lock, flags);
	if (!(pud = next_table(pgd, pgd_index(va), true)) ||
	    !(pmd = next_table(pud, pud_index(va), true)) ||
	    !(pte = next_table(pmd, pmd_index(va), true))) {
		/* A huge mapping in the way looks like a failed allocation. */
		u64 *e = lookup_address(pgd, va, NULL);
		ret = e ? -EEXIST : -ENOMEM;
		goto out_unlock;
	}
	if (pte_present(pte[pte_index(va)])) {
		ret = -EEXIST;
		goto out_unlock;
	}
	pte[pte_index(va)] = pa | prot;
	count_entry(pte, +1);
	ret = 0;
out_unlock:
	spin_unlock_irqrestore(&pgtable_lock, flags);
	return ret;
}

/*
 * pte_table - the last-level table (PT) that holds va's entry, made (with
 * the tables above it) if there is none: for filling several entries of
 * one table at a time (pte_install), as fault-around does.
 *
 * Context: the mm's mmap_lock held (a user va); does not sleep.
 * Return: the table, or NULL when no table could be allocated or a huge
 * page maps va.
 */
u64 *pte_table(pgd_t *pgd, unsigned long va)
{
	unsigned long flags;
	u64 *pud, *pmd, *pte = NULL;

	spin_lock_irqsave(&pgtable_lock, flags);
	if ((pud = next_table(pgd, pgd_index(va), true)) &&
	    (pmd = next_table(pud, pud_index(va), true)))
		pte = next_table(pmd, pmd_index(va), true);
	spin_unlock_irqrestore(&pgtable_lock, flags);
	return pte;
}

/*
 * pte_install - put entry into the empty slot of table pt (pte_table) for
 * va, and count it. Nothing was there, so no TLB holds the slot.
 *
 * Context: the mm's mmap_lock held; pt[pte_index(va)] is not pte_present.
 */
void pte_install(u64 *pt, unsigned long va, u64 entry)
{
	pt[pte_index(va)] = entry;
	count_entry(pt, +1);
}

/*
 * Clear table[idx]. If that leaves the table empty and may_free allows,
 * free the table and return true, so the caller clears the entry that
 * points at it. Tables from memblock are not counted and never freed.
 */
static bool clear_entry(u64 *table, unsigned int idx, bool may_free)
{
	struct page *page = virt_to_page(table);

	table[idx] = 0;
	if (!(page->flags & PG_pgtable))
		return false;
	if (--page->pt_used > 0 || !may_free)
		return false;
	page->flags &= ~PG_pgtable;
	__free_pages(page, 0);
	return true;
}

/*
 * unmap_page - remove the 4 KiB mapping at va, flush it from the TLB and
 * free the page tables it leaves empty. The page itself is not freed.
 *
 * Return: the physical address it mapped, or PHYS_NONE if va was not
 * mapped by a 4 KiB page.
 */
phys_addr_t unmap_page(pgd_t *pgd, unsigned long va)
{
	unsigned long flags;
	phys_addr_t pa = PHYS_NONE;
	u64 *pud, *pmd, *pte;

	spin_lock_irqsave(&pgtable_lock, flags);
	if (!(pud = next_table(pgd, pgd_index(va), false)) ||
	    !(pmd = next_table(pud, pud_index(va), false)) ||
	    !(pte = next_table(pmd, pmd_index(va), false)) ||
	    !pte_present(pte[pte_index(va)]))
		goto out_unlock;

	pa = entry_phys(pte[pte_index(va)]);
	/* Leaf, then each table the one below it left empty. The top level
	 * is never freed, nor are the kernel half's PDPTs. */
	if (clear_entry(pte, pte_index(va), true) &&
	    clear_entry(pmd, pmd_index(va), true) &&
	    clear_entry(pud, pud_index(va), va < PAGE_OFFSET))
		clear_entry(pgd, pgd_index(va), false);
	invlpg(va);
out_unlock:
	spin_unlock_irqrestore(&pgtable_lock, flags);
	return pa;
}

/*
 * pgd_prealloc - make sure the PDPT under va's top-level entry exists, so
 * that the first mapping in a kernel area does not look like a leak (the
 * kernel half's PDPTs are never freed).
 *
 * Return: 0, or -ENOMEM.
 */
int pgd_prealloc(pgd_t *pgd, unsigned long va)
{
	unsigned long flags;
	u64 *pud;

	spin_lock_irqsave(&pgtable_lock, flags);
	pud = next_table(pgd, pgd_index(va), true);
	spin_unlock_irqrestore(&pgtable_lock, flags);
	return pud ? 0 : -ENOMEM;
}

/*
 * lookup_address - the entry that maps va: a PTE, or a PD/PDPT entry for a
 * huge page. *level (if given) is 1 for 4 KiB, 2 for 2 MiB, 3 for 1 GiB.
 * A PROT_NONE user page (pte_present, not present to the CPU) is found.
 *
 * Return: a pointer to the entry, or NULL if va is not mapped.
 */
u64 *lookup_address(pgd_t *pgd, unsigned long va, int *level)
{
	u64 *e = &pgd[pgd_index(va)];

	for (int lvl = 4, shift = PGDIR_SHIFT; lvl >= 1; lvl--, shift -= 9) {
		if (lvl < 4)
			e = (u64 *)__va(entry_phys(*e)) + ((va >> shift) & 511);
		if (lvl == 1 ? !pte_present(*e) : !(*e & _PAGE_PRESENT))
			return NULL;
		if (lvl == 1 || (lvl <= 3 && (*e & _PAGE_PSE))) {
			if (level)
				*level = lvl;
			return e;
		}
	}
	return NULL;
}

/*
 * One level of walk_page_range: table covers entries of 2^shift bytes;
 * visit [start, end), which lies inside it. At the leaves (shift ==
 * PAGE_SHIFT) call the callback; above, go down into each table that is
 * there and free it if it comes back empty.
 */
static int walk_level(u64 *table, unsigned int shift, unsigned long start, unsigned long end,
		      struct mm_walk *walk)
{
	struct page *tp = virt_to_page(table);
	unsigned long size = 1UL << shift;
	int err = 0;

	/* A counted table with no entry in use has nothing to visit: exit's
	 * last walk over the whole user half finds the PGD so. */
	if ((tp->flags & PG_pgtable) && tp->pt_used == 0)
		return 0;
#ifdef CONFIG_DEBUG_MM
	/* The entries this table has in [start, end): each is one step. */
	walk->nr_entries += ((end - 1) >> shift) - (start >> shift) + 1;
#endif
	if (shift == PAGE_SHIFT) {
		/* The leaves, in a loop of their own: the most entries. */
		u64 *e = &table[(start >> PAGE_SHIFT) & 511];
		u64 *stop = e + ((end - start) >> PAGE_SHIFT);

		for (; e < stop; e++, start += PAGE_SIZE) {
			if (!pte_present(*e))
				continue;
			err = walk->pte_entry(e, start, walk);
			if (err < 0)
				return err;
			if (err > 0)            /* the callback cleared it */
				count_entry(table, -1);
		}
		return 0;
	}
	while (start < end && !err) {
		unsigned long next = (start | (size - 1)) + 1;  /* the next entry's start */
		u64 *e = &table[(start >> shift) & 511];

		if (next > end)
			next = end;
		if ((*e & _PAGE_PRESENT) && !(*e & _PAGE_PSE)) {
			u64 *lower = __va(entry_phys(*e));
			struct page *lp = virt_to_page(lower);

			/* A present PT means up to 512 pages of work: a dying
			 * task may leave the rest to its exit. */
			if (shift == PMD_SHIFT && walk->interruptible &&
			    fatal_signal_pending(current))
				return -EINTR;
			err = walk_level(lower, shift - 9, start, next, walk);
			if ((lp->flags & PG_pgtable) && lp->pt_used == 0) {
				/* Unhook it before freeing it: a reader that runs
				 * between the two (the OOM killer's scan, with
				 * interrupts off) never follows a freed table. */
				*e = 0;
				count_entry(table, -1);
				lp->flags &= ~PG_pgtable;
				__free_pages(lp, 0);
			}
		}
		start = next;
	}
	return err;
}

/*
 * walk_page_range - call walk->pte_entry(pte, va, walk) for every leaf
 * entry in use (pte_present) in [start, end) of pgd's user half, in
 * address order. Missing tables are skipped whole: an absent PGD, PDPT
 * or PD entry is one step, so the walk steps over the entries of the
 * tables that are there, never one per page of the range; debug builds
 * (CONFIG_DEBUG_MM) add their number to walk->nr_entries for the tests
 * (on a stop, a table's rest is counted too).
 * A table left empty (the callback returned 1 for each entry it cleared)
 * is freed. With walk->interruptible set, the walk stops with -EINTR when
 * the task has a fatal signal pending (checked before each page table of
 * 512 entries).
 *
 * Context: the mm's mmap_lock held (or the mm unused by anyone else);
 * start and end page aligned, end <= USER_HALF_END. May be preempted.
 * Return: 0, -EINTR, or the first negative value a callback returned
 * (the walk stops there).
 */
int walk_page_range(pgd_t *pgd, unsigned long start, unsigned long end, struct mm_walk *walk)
{
	if (start >= end)
		return 0;
	if ((start | end) & ~PAGE_MASK || end > USER_HALF_END)
		panic("walk_page_range: bad range [%lx, %lx)", start, end);
	return walk_level(pgd, PGDIR_SHIFT, start, end, walk);
}

/* virt_to_phys_walk - translate va through the tables; false if unmapped. */
bool virt_to_phys_walk(pgd_t *pgd, unsigned long va, phys_addr_t *pa)
{
	int level;
	u64 *e = lookup_address(pgd, va, &level);

	if (!e)
		return false;
	unsigned long size = 1UL << (PAGE_SHIFT + 9 * (level - 1));
	*pa = (*e & PTE_ADDR_MASK & ~(u64)(size - 1)) | (va & (size - 1));
	return true;
}

/* Map the 2 MiB chunk holding physical pa into the direct map. */
static void map_direct_chunk(phys_addr_t pa)
{
	unsigned long va = (unsigned long)__va(pa);
	u64 *pud = next_table(init_pgd, pgd_index(va), true);
	u64 *pmd = next_table(pud, pud_index(va), true);

	if (!(pmd[pmd_index(va)] & _PAGE_PRESENT))
		pmd[pmd_index(va)] = pa | _PAGE_PSE | PAGE_KERNEL;
}

/*
 * paging_init - build init_pgd (see the file header) and switch CR3 to it.
 * The identity map is gone afterwards, so the GDT and IDT must already be
 * loaded from their higher-half addresses.
 *
 * Context: boot, after memblock knows all RAM; the early tables stay
 * reserved, unused.
 */
void paging_init(void)
{
	init_pgd = alloc_table();

	/* The direct map: every 2 MiB chunk with RAM in it, and the first,
	 * which holds the VGA text buffer. */
	map_direct_chunk(0);
	for (int i = 0; i < memblock.memory.cnt; i++) {
		phys_addr_t start = ALIGN_DOWN(memblock.memory.regions[i].base, PMD_SIZE);
		phys_addr_t end = memblock.memory.regions[i].base + memblock.memory.regions[i].size;

		for (phys_addr_t pa = start; pa < end; pa += PMD_SIZE)
			map_direct_chunk(pa);
	}

	/* The kernel image, page by page, with per-section rights; the boot
	 * stack's guard page is left out. */
	for (unsigned long va = (unsigned long)_stext; va < (unsigned long)_end; va += PAGE_SIZE) {
		u64 prot = PAGE_KERNEL;

		if (va == (unsigned long)boot_stack_guard)
			continue;
		if (va < (unsigned long)_etext)
			prot = PAGE_KERNEL_EXEC & ~_PAGE_RW;
		else if (va < (unsigned long)_sdata)
			prot = PAGE_KERNEL_RO;
		if (map_page(init_pgd, va, va - KERNEL_VMA, prot))
			panic("paging_init: cannot map the kernel at %lx", va);
	}

	write_cr3(__pa(init_pgd));
}
