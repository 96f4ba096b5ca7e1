/*
 * oom_kill.c - what happens when memory runs out: the out-of-memory
 * killer, after Linux's mm/oom_kill.c.
 *
 * keyhole has no swap and no page cache to shrink, so once the buddy
 * allocator is empty the only memory that can come back is memory a
 * process holds. When a page fault cannot get a page (handle_mm_fault
 * returns -ENOMEM: no page for the data, for a page table or for a COW
 * copy), do_page_fault() calls out_of_memory(), which
 *
 *	1. waits if a victim chosen before is still dying (it has SIGKILL
 *	   pending or is exiting and still holds its memory), for at most
 *	   OOM_VICTIM_WAIT; killing a second process for the same shortage
 *	   would be one too many;
 *	2. otherwise scores every user process by the pages that killing it
 *	   would free: its resident pages (present user PTEs) plus its page
 *	   tables (Linux's oom_badness() without oom_score_adj and swap).
 *	   init (pid 1) and kernel threads are never chosen;
 *	3. sends SIGKILL to the highest score and says so in Linux's words:
 *	   "Out of memory: Killed process N (name) total-vm:...kB,
 *	   anon-rss:...kB, file-rss:0kB, shmem-rss:...kB, UID:u
 *	   pgtables:...kB oom_score_adj:0".
 *
 * The faulting task then returns and the access is tried again; by then
 * the victim has usually run and freed its memory. A task that is itself
 * the victim dies on its way back to user mode; in a kernel user-copy it
 * fails with -EFAULT first (fault.c). Shared memory attached by the victim
 * comes back only if the segment dies with it (IPC_RMID before, or
 * shm_rmid_forced); Linux counts it the same way (shmem-rss) and has the
 * same limit.
 *
 * Kernel allocations (kmalloc, page tables for a system call) do not call
 * the killer: they fail, and the system call returns -ENOMEM.
 *
 * Locking: the scan runs under tasklist_lock (for_each_process), with
 * interrupts off, so on one CPU no task can run or exit meanwhile, and no
 * page-table page can be freed under the walk: tables are freed by unmap_page(), under
 * pgtable_lock, a spinlock no preempted task can hold, and by
 * walk_page_range(), which unhooks a table before it frees it, so that a
 * walker preempted anywhere leaves no freed table reachable (with a second
 * CPU the scan would need the mm's lock as well). The scan reads no VMA
 * list: that needs the mm's mmap_lock, which may sleep, and no task may
 * sleep holding a spinlock.
 * The victim's total-vm and shmem-rss, for the log line only, are read
 * after the scan, with preemption off (so the victim cannot run, exit
 * and free its mm) and only if its mmap_lock can be taken without waiting
 * (mutex_trylock); otherwise they are reported as 0. oom_lock serialises
 * the killers and guards oom_victim and oom_victim_since.
 */
#include "arch/x86_64/pgtable.h"
#include "fs/shmem.h"
#include "kernel/mutex.h"
#include "kernel/pid.h"
#include "kernel/preempt.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "mm/mm.h"
#include "mm/oom_kill.h"
#include "mm/page_alloc.h"

#define OOM_VICTIM_WAIT NSEC_PER_SEC    /* how long a dying victim is waited for, by the clock */

static DEFINE_MUTEX(oom_lock);
static pid_t oom_victim;                /* the last process killed, 0 if none */
static u64 oom_victim_since;            /* ktime_get_ns() when it was killed */

/*
 * Present entries under table (a table of level `level`: 3 the PGD, 0 a
 * page table) for addresses in [start, end), skipping absent entries at
 * every level in one step. *tables counts the page-table pages met.
 */
static unsigned long count_present(const u64 *table, int level, unsigned long base,
				   unsigned long start, unsigned long end, unsigned long *tables)
{
	unsigned int shift = PAGE_SHIFT + 9 * (unsigned int)level;
	unsigned long n = 0;

	for (unsigned long i = 0; i < PTRS_PER_TABLE; i++) {
		unsigned long lo = base + (i << shift), hi = lo + (1UL << shift);
		u64 e = table[i];

		if (hi <= start || lo >= end || !(level == 0 ? pte_present(e) : e & _PAGE_PRESENT))
			continue;               /* a PROT_NONE page (pte_present) counts too */
		if (level == 0) {
			n++;
		} else if (e & _PAGE_PSE) {
			n += 1UL << (9 * level);
		} else {
			if (tables)
				(*tables)++;
			n += count_present(__va(entry_phys(e)), level - 1, lo, start, end, tables);
		}
	}
	return n;
}

/* What killing one process would give back, in pages. */
struct oom_usage {
	pid_t pid;
	u32 uid;
	char comm[TASK_COMM_LEN];
	unsigned long rss, shmem_rss, pgtables, total_vm;
};

struct oom_scan {
	struct oom_usage best;
	unsigned long best_points;
	bool victim_dying;              /* the last victim still holds memory */
};

/* Score one task. Caller holds tasklist_lock (irqs off). */
static void oom_evaluate_task(struct task_struct *p, struct oom_scan *sc)
{
	struct mm_struct *mm = p->mm;
	struct oom_usage u = { .pid = p->pid, .uid = p->uid };

	if (!mm || (p->flags & PF_KTHREAD) || p->pid <= 1 || p->exit_state)
		return;
	if (p->pid == oom_victim && (fatal_signal_pending(p) || (p->flags & PF_EXITING)))
		sc->victim_dying = true;
	if (fatal_signal_pending(p) || (p->flags & PF_EXITING))
		return;                 /* dying anyway: its memory is coming back */
	u.pgtables = 1;                 /* the PGD */
	u.rss = count_present(mm->pgd, 3, 0, 0, TASK_SIZE, &u.pgtables);
	if (u.rss + u.pgtables <= sc->best_points)
		return;
	for (int i = 0; i < TASK_COMM_LEN; i++)
		u.comm[i] = p->comm[i];
	sc->best = u;
	sc->best_points = u.rss + u.pgtables;
}

/*
 * The victim's usage again, now, for the log line, with its mapped size
 * and shared-memory pages (which need its VMA list). Caller holds a
 * reference to p and has preemption off: p cannot run, so its mm cannot
 * go. No spinlock held (mutex_unlock may wake a waiter).
 */
static void oom_vma_usage(struct task_struct *p, struct oom_usage *u)
{
	struct mm_struct *mm = READ_ONCE(p->mm);
	struct vm_area_struct *vma;

	if (!mm)
		return;
	u->pgtables = 1;
	u->rss = count_present(mm->pgd, 3, 0, 0, TASK_SIZE, &u->pgtables);
	if (!mutex_trylock(&mm->mmap_lock))
		return;
	u->total_vm = mm->total_vm;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		/* Shared memory: System V and shared anonymous (shmem files).
		 * A ramfs file's pages stay in anon-rss (file-rss is 0). */
		if (vma->vm_file && is_shmem_inode(vma->vm_file->f_inode))
			u->shmem_rss += count_present(mm->pgd, 3, 0, vma->vm_start, vma->vm_end,
						      NULL);
	}
	mutex_unlock(&mm->mmap_lock);
}

/*
 * out_of_memory - a page fault found no free page: kill the process whose
 * death frees the most, unless a victim is still dying.
 *
 * Context: process context, interrupts on, no spinlock held. The caller's
 * mmap_lock may be held (a fault in a system call's user copy, which
 * user_fault() does not lock again): if the caller is the victim, its
 * total-vm and shmem-rss then read 0 (mutex_trylock fails).
 * Return: true if memory may come back (a victim was killed or is dying:
 * retry the access), false if no process can be killed.
 */
bool out_of_memory(void)
{
	struct oom_scan sc = { .best_points = 0 };
	struct task_struct *p;
	unsigned long flags;
	bool ret = true;

	mutex_lock(&oom_lock);
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p)
		oom_evaluate_task(p, &sc);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (sc.victim_dying && ktime_get_ns() - oom_victim_since < OOM_VICTIM_WAIT)
		goto out_unlock;
	if (!sc.best.pid) {
		ret = false;
		goto out_unlock;
	}
	printk(KERN_WARNING "%s invoked oom-killer: order=0, free pages %lu\n", current->comm,
	       nr_free_pages());
	/* The reference keeps the task_struct while we signal it, even if
	 * it exits and is reaped meanwhile (kernel/sched.h, "Lifetime"). */
	p = find_get_task_by_pid(sc.best.pid);
	if (!p)
		goto out_unlock;        /* it exited meanwhile: its memory is back */
	preempt_disable();
	oom_vma_usage(p, &sc.best);
	preempt_enable();
	send_signal(p, SIGKILL, NULL);
	put_task_struct(p);
	oom_victim = sc.best.pid;
	oom_victim_since = ktime_get_ns();
	printk(KERN_ERR "Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
	       "file-rss:0kB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:0\n",
	       sc.best.pid, sc.best.comm, sc.best.total_vm << (PAGE_SHIFT - 10),
	       (sc.best.rss - sc.best.shmem_rss) << (PAGE_SHIFT - 10),
	       sc.best.shmem_rss << (PAGE_SHIFT - 10), sc.best.uid,
	       sc.best.pgtables << (PAGE_SHIFT - 10));
out_unlock:
	mutex_unlock(&oom_lock);
	return ret;
}
