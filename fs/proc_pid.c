/*
 * proc_pid.c - the files of /proc/<pid>, in Linux 6.1's formats (fs/proc/
 * array.c, base.c, task_mmu.c): what ps, top and pgrep parse.
 *
 *	stat      one line: "pid (comm) state ppid pgrp session tty_nr tpgid
 *	          flags minflt ... exit_code", 52 fields
 *	status    "Name:\tcomm\n" ... one field a line, for people and ps
 *	statm     "size resident shared text lib data dt", in pages
 *	maps      one line per VMA: "start-end perms offset dev inode   name"
 *	cmdline   the argument strings, each ending in a NUL
 *	environ   the environment strings (owner or root only)
 *	comm      the name, and a newline (its process may write it)
 *	limits    the resource limits as a table
 *	auxv      exec's auxiliary vector, binary (owner or root only)
 *
 * Each show function gets the task with a reference (proc.c). A zombie's
 * memory and files are gone: its files show what is left (stat with
 * zeros for memory, an empty cmdline), as Linux's do.
 *
 * Another task's memory. get_task_mm() takes a user of the task's mm so
 * that it outlives an exit or exec meanwhile; reading its pages
 * (access_remote_vm) and counting them (mm_rss, mm/rss.c) are done under
 * the mm's mmap_lock, so no VMA or page goes away under the reader.
 */
#include "fs/fdtable.h"
#include "fs/mount.h"
#include "fs/proc_internal.h"
#include "fs/shmem.h"
#include "ipc/shm.h"
#include "lib/bitmap.h"
#include "lib/printf.h"
#include "fs/tty.h"
#include "kernel/errno.h"
#include "kernel/exit.h"
#include "kernel/preempt.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/rss.h"
#include "mm/slab.h"

/*
 * proc_may_access - may current read the private files (environ) of task:
 * root, or the same user through and through (Linux's ptrace_may_access
 * in PTRACE_MODE_READ, without capabilities).
 *
 * Context: process context, a reference to task held.
 */
bool proc_may_access(struct task_struct *task)
{
	const struct task_struct *c = current;

	if (c->tgid == task->tgid || c->euid == 0)
		return true;
	return c->uid == task->euid && c->uid == task->suid && c->uid == task->uid &&
	       c->gid == task->egid && c->gid == task->sgid && c->gid == task->gid;
}

/*
 * get_task_mm - task's address space with a user taken (mmput() it), or
 * NULL for a kernel thread or a task that has let go of its memory.
 *
 * exit_mm() clears p->mm before it drops its user, and exec switches p->mm
 * before it drops the old one; with preemption off (one CPU) nothing runs
 * between our load of p->mm and mmget(), so a non-NULL mm still has that
 * user when we add ours. (Linux holds task_lock() instead.)
 *
 * Context: process context.
 */
struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;

	preempt_disable();
	mm = READ_ONCE(task->mm);
	if (mm && (task->flags & PF_KTHREAD))
		mm = NULL;
	if (mm)
		mmget(mm);
	preempt_enable();
	return mm;
}

/*
 * Copy len bytes at user address addr of mm into buf. Pages never touched
 * read as zeros (as a fault would make them); the copy stops at the first
 * address no VMA covers. Return: bytes copied.
 */
static size_t access_remote_vm(struct mm_struct *mm, unsigned long addr, char *buf, size_t len)
{
	size_t done = 0;

	mutex_lock(&mm->mmap_lock);
	while (done < len) {
		unsigned long va = addr + done;
		size_t chunk = min(len - done, (size_t)(PAGE_SIZE - (va & ~PAGE_MASK)));
		struct vm_area_struct *vma = find_vma(mm, va);
		u64 *pte;

		if (!vma || vma->vm_start > va || va >= TASK_SIZE)
			break;
		pte = lookup_address(mm->pgd, va & PAGE_MASK, NULL);
		if (pte && pte_present(*pte))
			memcpy(buf + done, (char *)__va(entry_phys(*pte)) + (va & ~PAGE_MASK), chunk);
		else
			memset(buf + done, 0, chunk);
		done += chunk;
	}
	mutex_unlock(&mm->mmap_lock);
	return done;
}

/* The path a file was opened by (file_set_name), or NULL. */
static const char *file_name_of(struct file *file)
{
	return file->f_name;
}

/* The state letter and word of /proc/<pid>/stat and status (Linux's
 * task_state_array). */
static const char *task_state_name(struct task_struct *p)
{
	long state = READ_ONCE(p->state);

	if (p->exit_state == EXIT_ZOMBIE)
		return "Z (zombie)";
	if (state == TASK_DEAD)
		return "X (dead)";
	if (state & TASK_STOPPED)
		return "T (stopped)";
	if (state == TASK_RUNNING)
		return "R (running)";
	if (state & TASK_UNINTERRUPTIBLE)
		return "D (disk sleep)";
	return "S (sleeping)";
}

/* The task's signal dispositions: the ignored and the caught, as masks. */
static void task_sig_masks(struct task_struct *p, u64 *ign, u64 *catch)
{
	*ign = *catch = 0;
	for (int i = 0; i < 64; i++) {
		void *h = READ_ONCE(p->action[i].sa_handler);

		if (h == SIG_IGN)
			*ign |= 1ULL << i;
		else if (h != SIG_DFL)
			*catch |= 1ULL << i;
	}
}

static pid_t task_pgrp_nr(struct task_struct *p)
{
	return READ_ONCE(p->pgid);
}

static pid_t task_session_nr(struct task_struct *p)
{
	return READ_ONCE(p->sid);
}

/* The controlling terminal's device number (major << 8 | minor: ttyS0
 * 4:64 for the console, 136:N for /dev/pts/N) and its foreground group,
 * or 0 and -1 (fs/tty.c). */
static void task_tty(struct task_struct *p, unsigned int *tty_nr, pid_t *tpgid)
{
	int nr;

	task_tty_info(p, &nr, tpgid);
	*tty_nr = (unsigned int)nr;
}

/* What exec's memory layout says, all zero for a task without memory. */
struct mm_snapshot {
	unsigned long total_vm, data_vm, exec_vm, stack_vm, rss;
	unsigned long start_code, end_code, start_data, end_data, start_brk, brk;
	unsigned long start_stack, arg_start, arg_end, env_start, env_end;
	unsigned long shared;           /* resident pages of shared mappings */
};

static void mm_snapshot(struct task_struct *task, struct mm_snapshot *s)
{
	struct mm_struct *mm = get_task_mm(task);

	memset(s, 0, sizeof(*s));
	if (!mm)
		return;
	mutex_lock(&mm->mmap_lock);
	s->total_vm = mm->total_vm;
	s->data_vm = mm->data_vm;
	s->exec_vm = mm->exec_vm;
	s->stack_vm = mm->stack_vm;
	s->rss = mm_rss(mm, &s->shared);
	s->start_code = mm->start_code;
	s->end_code = mm->end_code;
	s->start_data = mm->start_data;
	s->end_data = mm->end_data;
	s->start_brk = mm->start_brk;
	s->brk = mm->brk;
	s->start_stack = mm->start_stack;
	s->arg_start = mm->arg_start;
	s->arg_end = mm->arg_end;
	s->env_start = mm->env_start;
	s->env_end = mm->env_end;
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
}

/* /proc/<pid>/stat: Linux's do_task_stat(), field for field. */
static int proc_pid_stat(struct seq_file *m, struct task_struct *p)
{
	struct mm_snapshot s;
	unsigned int tty_nr;
	pid_t tpgid;
	u64 ign, catch;
	bool permitted = proc_may_access(p);

	mm_snapshot(p, &s);
	task_tty(p, &tty_nr, &tpgid);
	task_sig_masks(p, &ign, &catch);

	seq_printf(m, "%d (%s) %c", p->pid, p->comm, task_state_name(p)[0]);
	seq_put_decimal_ll(m, " ", task_ppid(p));
	seq_put_decimal_ll(m, " ", task_pgrp_nr(p));
	seq_put_decimal_ll(m, " ", task_session_nr(p));
	seq_put_decimal_ll(m, " ", tty_nr);
	seq_put_decimal_ll(m, " ", tpgid);
	seq_put_decimal_ull(m, " ", p->flags);
	seq_put_decimal_ull(m, " ", p->min_flt);
	seq_put_decimal_ull(m, " ", p->cmin_flt);
	seq_put_decimal_ull(m, " ", p->maj_flt);
	seq_put_decimal_ull(m, " ", p->cmaj_flt);
	seq_put_decimal_ull(m, " ", nsec_to_clock_t(p->utime));
	seq_put_decimal_ull(m, " ", nsec_to_clock_t(p->stime));
	seq_put_decimal_ll(m, " ", (long long)nsec_to_clock_t(p->cutime));
	seq_put_decimal_ll(m, " ", (long long)nsec_to_clock_t(p->cstime));
	seq_put_decimal_ll(m, " ", 20);                         /* priority: nice + 20 */
	seq_put_decimal_ll(m, " ", 0);                          /* nice */
	seq_put_decimal_ll(m, " ", 1);                          /* num_threads */
	seq_put_decimal_ull(m, " ", 0);                         /* itrealvalue, always 0 */
	seq_put_decimal_ull(m, " ", nsec_to_clock_t(p->start_time));
	seq_put_decimal_ull(m, " ", s.total_vm * PAGE_SIZE);    /* vsize, bytes */
	seq_put_decimal_ull(m, " ", s.rss);                     /* rss, pages */
	seq_put_decimal_ull(m, " ", p->rlim[RLIMIT_RSS].rlim_cur);
	seq_put_decimal_ull(m, " ", s.total_vm ? (permitted ? s.start_code : 1) : 0);
	seq_put_decimal_ull(m, " ", s.total_vm ? (permitted ? s.end_code : 1) : 0);
	seq_put_decimal_ull(m, " ", permitted ? s.start_stack : 0);
	seq_put_decimal_ull(m, " ", 0);                         /* kstkesp: only in core dumps */
	seq_put_decimal_ull(m, " ", 0);                         /* kstkeip */
	seq_put_decimal_ull(m, " ", p->pending.signal & 0x7fffffffUL);
	seq_put_decimal_ull(m, " ", p->blocked & 0x7fffffffUL);
	seq_put_decimal_ull(m, " ", ign & 0x7fffffffUL);
	seq_put_decimal_ull(m, " ", catch & 0x7fffffffUL);
	seq_put_decimal_ull(m, " ", 0);                         /* wchan: none to show */
	seq_put_decimal_ull(m, " ", 0);                         /* nswap */
	seq_put_decimal_ull(m, " ", 0);                         /* cnswap */
	seq_put_decimal_ll(m, " ", p->parent || p->exit_state ? SIGCHLD : 0);   /* exit_signal */
	seq_put_decimal_ll(m, " ", 0);                          /* processor */
	seq_put_decimal_ull(m, " ", 0);                         /* rt_priority */
	seq_put_decimal_ull(m, " ", 0);                         /* policy: SCHED_OTHER */
	seq_put_decimal_ull(m, " ", 0);                         /* delayacct_blkio_ticks */
	seq_put_decimal_ull(m, " ", 0);                         /* guest_time */
	seq_put_decimal_ll(m, " ", 0);                          /* cguest_time */
	if (s.total_vm && permitted) {
		seq_put_decimal_ull(m, " ", s.start_data);
		seq_put_decimal_ull(m, " ", s.end_data);
		seq_put_decimal_ull(m, " ", s.start_brk);
		seq_put_decimal_ull(m, " ", s.arg_start);
		seq_put_decimal_ull(m, " ", s.arg_end);
		seq_put_decimal_ull(m, " ", s.env_start);
		seq_put_decimal_ull(m, " ", s.env_end);
	} else {
		seq_puts(m, " 0 0 0 0 0 0 0");
	}
	seq_put_decimal_ll(m, " ", permitted ? p->exit_code : 0);
	seq_putc(m, '\n');
	return 0;
}

/* /proc/<pid>/statm: sizes in pages (Linux's task_statm). */
static int proc_pid_statm(struct seq_file *m, struct task_struct *p)
{
	struct mm_snapshot s;
	unsigned long text;

	mm_snapshot(p, &s);
	text = (ALIGN_UP(s.end_code, PAGE_SIZE) - (s.start_code & PAGE_MASK)) >> PAGE_SHIFT;
	if (!s.total_vm)
		text = 0;
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", s.total_vm, s.rss, s.shared, text,
		   s.data_vm + s.stack_vm);
	return 0;
}

static void seq_kb(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_put_decimal_ull_width(m, name, pages << (PAGE_SHIFT - 10), 8);
	seq_puts(m, " kB\n");
}

/* /proc/<pid>/status: Linux's proc_pid_status(), the lines keyhole has
 * something for, in Linux's order. */
static int proc_pid_status(struct seq_file *m, struct task_struct *p)
{
	struct mm_snapshot s;
	u64 ign, catch;
	int fdsize = 0;

	mm_snapshot(p, &s);
	task_sig_masks(p, &ign, &catch);
	if (READ_ONCE(p->files))
		fdsize = NR_OPEN;

	seq_printf(m, "Name:\t%s\n", p->comm);
	if (READ_ONCE(p->fs))
		seq_printf(m, "Umask:\t%#04o\n", p->fs_umask);
	seq_printf(m, "State:\t%s\n", task_state_name(p));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", p->tgid, p->pid,
		   task_ppid(p));
	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\n", p->uid, p->euid, p->suid, p->fsuid);
	seq_printf(m, "Gid:\t%u\t%u\t%u\t%u\n", p->gid, p->egid, p->sgid, p->fsgid);
	seq_printf(m, "FDSize:\t%d\nGroups:\t", fdsize);
	for (int g = 0; g < p->ngroups && g < 32; g++)
		seq_printf(m, g ? " %u" : "%u", p->groups[g]);
	seq_puts(m, " \n");
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", p->tgid, p->pid,
		   task_pgrp_nr(p), task_session_nr(p));
	if (s.total_vm) {
		unsigned long text = (ALIGN_UP(s.end_code, PAGE_SIZE) - (s.start_code & PAGE_MASK)) >>
				     PAGE_SHIFT;

		text = min(text, s.exec_vm);
		seq_kb(m, "VmPeak:\t", s.total_vm);
		seq_kb(m, "VmSize:\t", s.total_vm);
		seq_kb(m, "VmLck:\t", 0);
		seq_kb(m, "VmPin:\t", 0);
		seq_kb(m, "VmHWM:\t", s.rss);
		seq_kb(m, "VmRSS:\t", s.rss);
		seq_kb(m, "RssAnon:\t", s.rss - s.shared);
		seq_kb(m, "RssFile:\t", 0);
		seq_kb(m, "RssShmem:\t", s.shared);
		seq_kb(m, "VmData:\t", s.data_vm);
		seq_kb(m, "VmStk:\t", s.stack_vm);
		seq_kb(m, "VmExe:\t", text);
		seq_kb(m, "VmLib:\t", s.exec_vm - text);
		seq_kb(m, "VmPTE:\t", 0);
		seq_kb(m, "VmSwap:\t", 0);
		seq_puts(m, "HugetlbPages:\t       0 kB\n");
	}
	seq_printf(m, "CoreDumping:\t0\n");
	seq_printf(m, "THP_enabled:\t0\n");
	seq_printf(m, "Threads:\t1\n");
	seq_printf(m, "SigQ:\t0/%llu\n", (unsigned long long)p->rlim[RLIMIT_SIGPENDING].rlim_cur);
	seq_printf(m, "SigPnd:\t%016llx\n", (unsigned long long)p->pending.signal);
	seq_printf(m, "ShdPnd:\t%016llx\n", 0ULL);
	seq_printf(m, "SigBlk:\t%016llx\n", (unsigned long long)p->blocked);
	seq_printf(m, "SigIgn:\t%016llx\n", (unsigned long long)ign);
	seq_printf(m, "SigCgt:\t%016llx\n", (unsigned long long)catch);
	/* Capabilities: root has them all (CAP_LAST_CAP 40 in 6.1), others none. */
	u64 caps = p->euid == 0 ? 0x000001ffffffffffULL : 0;
	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n", 0ULL,
		   (unsigned long long)caps, (unsigned long long)caps);
	seq_printf(m, "CapBnd:\t%016llx\nCapAmb:\t%016llx\n", 0x000001ffffffffffULL, 0ULL);
	seq_puts(m, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	seq_puts(m, "Speculation_Store_Bypass:\tnot vulnerable\n");
	seq_puts(m, "SpeculationIndirectBranch:\tnot affected\n");
	seq_puts(m, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n");
	seq_puts(m, "Mems_allowed:\t00000000,00000001\nMems_allowed_list:\t0\n");
	seq_printf(m, "voluntary_ctxt_switches:\t%llu\n", (unsigned long long)p->nvcsw);
	seq_printf(m, "nonvoluntary_ctxt_switches:\t%llu\n", (unsigned long long)p->nivcsw);
	return 0;
}

/*
 * Copy [start, end) of task's memory into m, as Linux's get_mm_cmdline
 * does for cmdline and environ; nothing for a task without memory.
 */
static int show_user_range(struct seq_file *m, struct task_struct *p, bool env)
{
	struct mm_struct *mm = get_task_mm(p);
	unsigned long start, end;

	if (!mm)
		return 0;
	mutex_lock(&mm->mmap_lock);
	start = env ? mm->env_start : mm->arg_start;
	end = env ? mm->env_end : mm->arg_end;
	mutex_unlock(&mm->mmap_lock);
	if (end > start && end - start <= (1UL << 20)) {
		size_t len = end - start;

		if (len > m->size - m->count) {
			m->overflow = true;     /* try again with room for it all */
			m->count = m->size;
		} else {
			m->count += access_remote_vm(mm, start, m->buf + m->count, len);
		}
	}
	mmput(mm);
	return 0;
}

/* /proc/PID/mounts and mountinfo: the mount table (one namespace for all). */
static int proc_pid_mounts(struct seq_file *m, struct task_struct *p)
{
	(void)p;
	return mounts_show(m, false);
}

static int proc_pid_mountinfo(struct seq_file *m, struct task_struct *p)
{
	(void)p;
	return mounts_show(m, true);
}

static int proc_pid_cmdline(struct seq_file *m, struct task_struct *p)
{
	return show_user_range(m, p, false);
}

static int proc_pid_environ(struct seq_file *m, struct task_struct *p)
{
	return show_user_range(m, p, true);
}

/*
 * /proc/<pid>/auxv: the auxiliary vector exec gave the program, (type,
 * value) pairs of 8 bytes each up to and with AT_NULL. Linux keeps a copy
 * (mm->saved_auxv); keyhole reads it where exec put it, above argv and
 * envp at mm->start_stack, so a program that rewrote that part of its
 * stack sees what it wrote (a deliberate difference; nothing does).
 */
#define AUXV_MAX_PAIRS  64
static int proc_pid_auxv(struct seq_file *m, struct task_struct *p)
{
	struct mm_struct *mm = get_task_mm(p);
	unsigned long sp, word = 0, pair[2];
	int ret = 0;

	if (!mm)
		return 0;
	mutex_lock(&mm->mmap_lock);
	sp = mm->start_stack;
	mutex_unlock(&mm->mmap_lock);
	/* argc, then argv[] and its NULL, then envp[] up to its NULL */
	if (!sp || access_remote_vm(mm, sp, (char *)&word, 8) != 8)
		goto out;
	sp += (word + 2) * 8;
	for (int i = 0; i < (1 << 20); i++, sp += 8) {
		if (access_remote_vm(mm, sp, (char *)&word, 8) != 8)
			goto out;
		if (!word)
			break;
	}
	sp += 8;
	for (int i = 0; i < AUXV_MAX_PAIRS; i++, sp += 16) {
		if (access_remote_vm(mm, sp, (char *)pair, 16) != 16)
			break;
		seq_write(m, pair, 16);
		if (pair[0] == 0)               /* AT_NULL ends it */
			break;
	}
out:
	mmput(mm);
	return ret;
}

static int proc_pid_comm(struct seq_file *m, struct task_struct *p)
{
	seq_printf(m, "%s\n", p->comm);
	return 0;
}

/* Writing comm renames the process, its own only (Linux's comm_write):
 * up to 15 bytes, cut at a newline. */
static ssize_t proc_pid_comm_write(struct task_struct *p, const char *kbuf, size_t len)
{
	char name[TASK_COMM_LEN];
	size_t n = min(len, sizeof(name) - 1);
	const char *nl = memchr(kbuf, '\n', n);

	if (p->tgid != current->tgid)
		return -EINVAL;
	if (nl)
		n = (size_t)(nl - kbuf);
	memcpy(name, kbuf, n);
	name[n] = '\0';
	strlcpy(p->comm, name, sizeof(p->comm));
	return (ssize_t)len;
}

/*
 * What maps says a file mapping is: its device, inode and name. A System V
 * segment shows as Linux's shm files do ("/SYSV<key> (deleted)", the
 * segment id as its inode, device 00:01); other shmem (MAP_SHARED |
 * MAP_ANONYMOUS) as "/dev/zero (deleted)"; a file opened by path by
 * that path (file->f_name), else with no name.
 */
static void vma_file_name(struct vm_area_struct *vma, char *name, size_t size,
			  unsigned int *major, unsigned int *minor, unsigned long *ino)
{
	struct file *file = vma->vm_file;
	struct inode *inode = file->f_inode;
	int key, id;

	*major = MAJOR(inode->i_sb->s_dev);
	*minor = MINOR(inode->i_sb->s_dev);
	*ino = inode->i_ino;
	if (shm_vma_ids(vma, &key, &id)) {
		*major = 0;
		*minor = 1;
		*ino = (unsigned long)id;
		scnprintf(name, size, "/SYSV%08x (deleted)", (unsigned int)key);
	} else if (is_shmem_inode(inode)) {
		strlcpy(name, "/dev/zero (deleted)", size);
	} else if (file_name_of(file)) {
		scnprintf(name, size, "%s%s", file_name_of(file),
			  inode->i_nlink == 0 ? " (deleted)" : "");
	} else {
		name[0] = '\0';        /* a file keyhole knows no path of */
	}
}

/* /proc/<pid>/maps: one line per VMA, as Linux's show_map_vma(). */
static int proc_pid_maps(struct seq_file *m, struct task_struct *p)
{
	struct mm_struct *mm = get_task_mm(p);
	struct vm_area_struct *vma;
	char *fname = kmalloc(PATH_MAX, GFP_KERNEL);

	if (!mm || !fname) {
		kfree(fname);
		if (mm)
			mmput(mm);
		return mm ? -ENOMEM : 0;
	}
	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long f = vma->vm_flags, ino = 0;
		unsigned int major = 0, minor = 0;
		unsigned long long pgoff = 0;
		const char *name = NULL;
		size_t start = m->count;

		if (vma->vm_file) {
			vma_file_name(vma, fname, PATH_MAX, &major, &minor, &ino);
			name = fname[0] ? fname : NULL;
			pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
		} else if (vma->vm_start < mm->brk && vma->vm_end > mm->start_brk) {
			name = "[heap]";
		} else if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack) {
			name = "[stack]";
		} else if (mm->vdso && vma->vm_start == mm->vdso) {
			name = "[vdso]";
		} else if (mm->vdso && vma->vm_end == mm->vdso) {
			name = "[vvar]";
		}
		seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", vma->vm_start,
			   vma->vm_end, f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-',
			   f & VM_EXEC ? 'x' : '-', f & VM_SHARED ? 's' : 'p', pgoff, major, minor,
			   ino);
		if (name) {
			/* Padded to 72 columns, then a space, as Linux's seq_pad. */
			for (size_t col = m->count - start; col < 72; col++)
				seq_putc(m, ' ');
			seq_putc(m, ' ');
			seq_puts(m, name);
		}
		seq_putc(m, '\n');
	}
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
	kfree(fname);
	return 0;
}

/* /proc/<pid>/limits: Linux's proc_pid_limits(). */
static const struct limit_name {
	const char *name, *unit;
} lnames[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { "Max cpu time", "seconds" },
	[RLIMIT_FSIZE] = { "Max file size", "bytes" },
	[RLIMIT_DATA] = { "Max data size", "bytes" },
	[RLIMIT_STACK] = { "Max stack size", "bytes" },
	[RLIMIT_CORE] = { "Max core file size", "bytes" },
	[RLIMIT_RSS] = { "Max resident set", "bytes" },
	[RLIMIT_NPROC] = { "Max processes", "processes" },
	[RLIMIT_NOFILE] = { "Max open files", "files" },
	[RLIMIT_MEMLOCK] = { "Max locked memory", "bytes" },
	[RLIMIT_AS] = { "Max address space", "bytes" },
	[RLIMIT_LOCKS] = { "Max file locks", "locks" },
	[RLIMIT_SIGPENDING] = { "Max pending signals", "signals" },
	[RLIMIT_MSGQUEUE] = { "Max msgqueue size", "bytes" },
	[RLIMIT_NICE] = { "Max nice priority", NULL },
	[RLIMIT_RTPRIO] = { "Max realtime priority", NULL },
	[RLIMIT_RTTIME] = { "Max realtime timeout", "us" },
};

static int proc_pid_limits(struct seq_file *m, struct task_struct *p)
{
	seq_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		struct rlimit64 r = p->rlim[i];

		seq_printf(m, "%-25s ", lnames[i].name);
		if (r.rlim_cur == RLIM_INFINITY)
			seq_printf(m, "%-20s ", "unlimited");
		else
			seq_printf(m, "%-20llu ", (unsigned long long)r.rlim_cur);
		if (r.rlim_max == RLIM_INFINITY)
			seq_printf(m, "%-20s ", "unlimited");
		else
			seq_printf(m, "%-20llu ", (unsigned long long)r.rlim_max);
		if (lnames[i].unit)
			seq_printf(m, "%-10s\n", lnames[i].unit);
		else
			seq_putc(m, '\n');
	}
	return 0;
}

/*
 * Another task's root and current directory, referenced (iput them), and
 * its current directory's path into path (PATH_MAX bytes), or -ENOENT
 * for a task that has let go of them (a zombie). As get_task_mm: with
 * preemption off nothing frees task->fs between our load and our irefs
 * (exit clears task->fs before it frees it; chdir publishes the new
 * directory and path before it drops the old ones).
 */
static int get_task_fs(struct task_struct *task, struct inode **root, struct inode **pwd,
		       char *path)
{
	struct fs_struct *fs;
	int ret = -ENOENT;

	preempt_disable();
	fs = READ_ONCE(task->fs);
	if (fs) {
		*root = iget(fs->root);
		*pwd = iget(fs->pwd);
		if (path)
			strlcpy(path, fs->cwd, PATH_MAX);
		ret = 0;
	}
	preempt_enable();
	return ret;
}

/* The file open at descriptor fd of task, referenced (fput it), or NULL. */
static struct file *task_fget(struct task_struct *task, int fd)
{
	struct files_struct *files;
	struct file *file = NULL;
	unsigned long flags;

	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	preempt_disable();                      /* as get_task_fs */
	files = READ_ONCE(task->files);
	if (files) {
		spin_lock_irqsave(&files->file_lock, flags);
		file = files->fd[fd];
		if (file)
			get_file(file);
		spin_unlock_irqrestore(&files->file_lock, flags);
	}
	preempt_enable();
	return file;
}

/* Copy the len bytes of s into buf (buflen): its length, or -ENAMETOOLONG. */
static int link_text(char *buf, int buflen, const char *s, size_t len)
{
	if (len > (size_t)buflen)
		return -ENAMETOOLONG;
	memcpy(buf, s, len);
	return (int)len;
}

/* /proc/self -> "<pid>" (of the reader, whoever it is). Context: any process. */
int proc_self_get_link(struct task_struct *task, int fd, char *buf, int buflen,
			 struct inode **jump)
{
	char num[16];
	int n = scnprintf(num, sizeof(num), "%d", current->tgid);

	(void)task;
	(void)fd;
	(void)jump;
	return link_text(buf, buflen, num, (size_t)n);
}

/* cwd and root: the directory itself for a walk, its path for readlink. */
static int fs_get_link(struct task_struct *task, char *buf, int buflen, struct inode **jump,
		       bool want_root)
{
	struct inode *root, *pwd;
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	int ret;

	if (!path)
		return -ENOMEM;
	ret = get_task_fs(task, &root, &pwd, path);
	if (!ret) {
		if (want_root)
			ret = link_text(buf, buflen, "/", 1);
		else
			ret = link_text(buf, buflen, path, strlen(path));
		if (ret >= 0 && jump)
			*jump = iget(want_root ? root : pwd);
		iput(root);
		iput(pwd);
	}
	kfree(path);
	return ret;
}

static int cwd_get_link(struct task_struct *task, int fd, char *buf, int buflen,
			struct inode **jump)
{
	(void)fd;
	return fs_get_link(task, buf, buflen, jump, false);
}

static int root_get_link(struct task_struct *task, int fd, char *buf, int buflen,
			 struct inode **jump)
{
	(void)fd;
	return fs_get_link(task, buf, buflen, jump, true);
}

/*
 * What readlink shows for an open file, as Linux's d_path and the names
 * of its pseudo file systems: the path it was opened by, made absolute
 * (file->f_name); "pipe:[ino]" for a pipe; a directory's path found by
 * walking up; else "anon_inode:[ino]".
 */
static int file_link_text(struct file *file, char *buf, int buflen)
{
	struct inode *inode = file->f_inode;
	char tmp[48];
	int n;

	if (file->f_name && inode->i_nlink == 0 && !S_ISDIR(inode->i_mode)) {
		int len = link_text(buf, buflen, file->f_name, strlen(file->f_name));

		if (len >= 0 && len + 10 > buflen)
			return -ENAMETOOLONG;
		if (len >= 0) {
			memcpy(buf + len, " (deleted)", 10);    /* as Linux's d_path */
			len += 10;
		}
		return len;
	}
	if (file->f_name)
		return link_text(buf, buflen, file->f_name, strlen(file->f_name));
	if (S_ISFIFO(inode->i_mode))
		n = scnprintf(tmp, sizeof(tmp), "pipe:[%lu]", inode->i_ino);
	else if (S_ISSOCK(inode->i_mode))
		n = scnprintf(tmp, sizeof(tmp), "socket:[%lu]", inode->i_ino);
	else if (S_ISDIR(inode->i_mode) && current->fs)
		return vfs_path_of(current->fs->root, inode, buf, (size_t)buflen) < 0
			       ? link_text(buf, buflen, "/", 1)
			       : (int)strlen(buf);
	else
		n = scnprintf(tmp, sizeof(tmp), "anon_inode:[%lu]", inode->i_ino);
	return link_text(buf, buflen, tmp, (size_t)n);
}

/* fd/N: the open file itself for a walk (so /dev/stdin reopens it). */
static int fd_get_link(struct task_struct *task, int fd, char *buf, int buflen,
		       struct inode **jump)
{
	struct file *file = task_fget(task, fd);
	int ret;

	if (!file)
		return -ENOENT;
	ret = file_link_text(file, buf, buflen);
	if (ret >= 0 && jump)
		*jump = iget(file->f_inode);
	fput(file);
	return ret;
}

/* fd/: one link per open descriptor, named by its number, in order. */
static int fd_iterate(struct task_struct *task, struct dir_context *ctx, loff_t first)
{
	DECLARE_BITMAP(open_fds, NR_OPEN);
	struct files_struct *files;
	unsigned long flags;
	char name[16];

	bitmap_zero(open_fds, NR_OPEN);
	preempt_disable();                      /* as get_task_fs */
	files = READ_ONCE(task->files);
	if (files) {
		spin_lock_irqsave(&files->file_lock, flags);
		for (unsigned int fd = 0; fd < files->fd_end && fd < NR_OPEN; fd++)
			if (files->fd[fd])
				__set_bit(fd, open_fds);
		spin_unlock_irqrestore(&files->file_lock, flags);
	}
	preempt_enable();
	for (int fd = (int)(ctx->pos - first); fd >= 0 && fd < NR_OPEN; fd++) {
		if (!test_bit((unsigned int)fd, open_fds))
			continue;
		int len = scnprintf(name, sizeof(name), "%d", fd);

		if (!ctx->actor(ctx, name, len, first + fd + 1, 0x200000 + (u64)fd, DT_LNK))
			return 0;
		ctx->pos = first + fd + 1;
	}
	return 0;
}

static int fd_lookup(struct task_struct *task, const struct qstr *name, int *fdp)
{
	struct file *file;
	int fd = 0;

	if (name->len == 0 || name->len > 9 || (name->len > 1 && name->name[0] == '0'))
		return -ENOENT;
	for (u32 i = 0; i < name->len; i++) {
		if (name->name[i] < '0' || name->name[i] > '9')
			return -ENOENT;
		fd = fd * 10 + (name->name[i] - '0');
	}
	file = task_fget(task, fd);
	if (!file)
		return -ENOENT;
	fput(file);
	*fdp = fd;
	return 0;
}

/* exe: the program the task runs (mm->exe_file). */
static int exe_get_link(struct task_struct *task, int fd, char *buf, int buflen,
			struct inode **jump)
{
	struct mm_struct *mm = get_task_mm(task);
	struct file *file = NULL;
	int ret;

	(void)fd;
	if (mm) {
		mutex_lock(&mm->mmap_lock);
		if (mm->exe_file)
			file = get_file(mm->exe_file);
		mutex_unlock(&mm->mmap_lock);
		mmput(mm);
	}
	if (!file)
		return -ENOENT;
	ret = file_link_text(file, buf, buflen);
	if (ret >= 0 && jump)
		*jump = iget(file->f_inode);
	fput(file);
	return ret;
}

static const struct proc_entry proc_fd_link = {
	.name = "<fd>", .mode = S_IFLNK | 0700, .get_link = fd_get_link, .owner_only = true,
};

/* The entries of /proc/<pid>, in Linux's (alphabetical) order. */
const struct proc_entry proc_pid_entries[] = {
	{ .name = "auxv", .mode = S_IFREG | 0400, .show = proc_pid_auxv, .owner_only = true },
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = proc_pid_cmdline },
	{ .name = "comm", .mode = S_IFREG | 0644, .show = proc_pid_comm,
	  .write = proc_pid_comm_write },
	{ .name = "cwd", .mode = S_IFLNK | 0777, .get_link = cwd_get_link, .owner_only = true },
	{ .name = "environ", .mode = S_IFREG | 0400, .show = proc_pid_environ,
	  .owner_only = true },
	{ .name = "exe", .mode = S_IFLNK | 0777, .get_link = exe_get_link, .owner_only = true },
	{ .name = "fd", .mode = S_IFDIR | 0500, .iterate = fd_iterate, .lookup = fd_lookup,
	  .child = &proc_fd_link },
	{ .name = "limits", .mode = S_IFREG | 0444, .show = proc_pid_limits },
	{ .name = "maps", .mode = S_IFREG | 0444, .show = proc_pid_maps, .owner_only = true },
	{ .name = "mountinfo", .mode = S_IFREG | 0444, .show = proc_pid_mountinfo },
	{ .name = "mounts", .mode = S_IFREG | 0444, .show = proc_pid_mounts },
	{ .name = "root", .mode = S_IFLNK | 0777, .get_link = root_get_link, .owner_only = true },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = proc_pid_stat },
	{ .name = "statm", .mode = S_IFREG | 0444, .show = proc_pid_statm },
	{ .name = "status", .mode = S_IFREG | 0444, .show = proc_pid_status },
	{ 0 }
};
