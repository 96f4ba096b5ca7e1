/*
 * exec.c - replacing a task's program: load a static ELF64 executable
 * into a fresh address space and set the task up to start it, as Linux's
 * load_elf_binary() does for static programs.
 *
 *   1. Check the file as Linux does before its point of no return, with
 *      its errnos: the ELF header (magic, e_type, e_machine: -ENOEXEC;
 *      like Linux, EI_CLASS, EI_DATA and the versions are not looked at),
 *      the program header table (e_phentsize, 1 to 73 entries, inside
 *      the file: -ENOEXEC) and the interpreter (PT_INTERP; keyhole does
 *      not load one yet, see elf_check_interp()).
 *   2. Build a new mm as Linux's mapping loop would: the stack VMA below
 *      STACK_TOP that grows down, then per PT_LOAD the file's pages
 *      copied in and the .bss after them, a later segment replacing an
 *      earlier one where they overlap; the heap start (brk) after the
 *      highest segment. Linux checks the segments (p_vaddr, p_filesz <=
 *      p_memsz, below TASK_SIZE, offset and address congruent) and the
 *      entry point (below TASK_SIZE) only here, past its point of no
 *      return: a bad one kills the process with SIGSEGV, and so here.
 *   3. Point of no return: the task drops its old mm and loads the new.
 *   4. Lay out the initial stack as the System V ABI and Linux do, from
 *      the top down: the file name, the environment and argument strings,
 *      16 random bytes (AT_RANDOM), then, 16-byte aligned, from low to
 *      high: argc, argv[] and NULL, envp[] and NULL, the auxiliary vector
 *      (AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_ENTRY, AT_RANDOM,
 *      AT_UID.., AT_SECURE, AT_EXECFN, ...) ending with AT_NULL.
 *   5. Set the saved user registers (pt_regs): RIP at the entry point,
 *      RSP at argc, everything else zero, a clean SSE state, no TLS.
 *
 * The strings are copied into the kernel before step 3: they usually live
 * in the old address space. The file is read as it is needed, through
 * elf_read(), which checks every offset and size taken from it against
 * the file's size before use (bprm->size, taken once: exec does not
 * stop writers yet, so a file that shrinks meanwhile gives -EIO).
 *
 * Where keyhole differs from Linux, deliberately: a segment page that
 * lies wholly past the end of the file reads as zeros (Linux maps the
 * file and raises SIGBUS there); an ET_DYN program goes at
 * ELF_ET_DYN_BASE, not at a random address; a 32-bit (EM_386) program is
 * -ENOEXEC, as from a Linux without IA32 emulation; mmap_min_addr is not
 * applied to segments (Linux lets root map page 0 too).
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/desc.h"
#include "fs/fdtable.h"
#include "fs/vfs.h"
#include "kernel/cred.h"
#include "kernel/elf.h"
#include "kernel/syscalls.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "mm/rss.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define STACK_INITIAL   (32 * PAGE_SIZE)        /* the stack VMA at exec; it grows */
#define ELF_MIN_ALIGN   PAGE_SIZE
#define ELF_PAGESTART(v)        ((v) & PAGE_MASK)
#define ELF_PAGEOFFSET(v)       ((v) & (PAGE_SIZE - 1))
#define LOFF_MAX        0x7fffffffffffffffULL   /* the largest file position (loff_t) */

/* Where the segments went: for the stack's auxv and the registers. */
struct elf_load_info {
	unsigned long entry;            /* e_entry + the load bias */
	unsigned long phdr_addr;        /* AT_PHDR: the program headers in memory, or 0 */
};

/* Read len bytes of file at pos: 0, or -EIO for a short read. */
static int file_read_exact(struct file *file, void *buf, size_t len, loff_t pos)
{
	ssize_t n = vfs_read(file, buf, len, &pos);

	if (n == (ssize_t)len)
		return 0;
	return n < 0 ? (int)n : -EIO;
}

/*
 * Read len bytes at file position pos, as Linux's elf_read() does through
 * kernel_read(): a position that is negative as a loff_t, or whose end
 * is, is -EINVAL (rw_verify_area); a read that ends past the end of the
 * file is short, -EIO. The program is bprm->file, or the image in
 * memory (bprm->image) that a GRUB module gives.
 */
static int elf_read(const struct linux_binprm *bprm, void *buf, size_t len, u64 pos)
{
	if (pos > LOFF_MAX || len > LOFF_MAX - pos)
		return -EINVAL;
	if (pos > bprm->size || len > bprm->size - pos)
		return -EIO;
	if (bprm->file)
		return file_read_exact(bprm->file, buf, len, (loff_t)pos);
	memcpy(buf, (const char *)bprm->image + pos, len);
	return 0;
}

/* The ELF header checks of load_elf_binary(): what Linux looks at, no more. */
static bool elf_check_header(const struct elf64_hdr *eh)
{
	return memcmp(eh->e_ident, "\177ELF", 4) == 0 &&
	       (eh->e_type == ET_EXEC || eh->e_type == ET_DYN) && eh->e_machine == EM_X86_64;
}

/* Whether e_phentsize and e_phnum describe a table we read (load_elf_phdrs). */
static bool elf_phdrs_size_ok(const struct elf64_hdr *eh)
{
	size_t size = (size_t)eh->e_phnum * sizeof(struct elf64_phdr);

	return eh->e_phentsize == sizeof(struct elf64_phdr) && size && size <= ELF_MIN_ALIGN;
}

/* A kmalloc'd copy of the program headers, or NULL (Linux: -ENOEXEC). */
static struct elf64_phdr *load_elf_phdrs(const struct linux_binprm *bprm,
					 const struct elf64_hdr *eh)
{
	size_t size = (size_t)eh->e_phnum * sizeof(struct elf64_phdr);
	struct elf64_phdr *ph;

	if (!elf_phdrs_size_ok(eh))
		return NULL;
	ph = kmalloc(size, GFP_KERNEL);
	if (ph && elf_read(bprm, ph, size, eh->e_phoff)) {
		kfree(ph);
		ph = NULL;
	}
	return ph;
}

/*
 * open_exec - open path for exec: a regular file the caller may execute.
 * Exec needs execute permission, not read (a 0711 program runs for
 * anyone), so the file is opened after that check, not by open's.
 * Return: 0 and *filep, or -EACCES, or the lookup's error (-ENOENT ...).
 */
static int open_exec(const char *path, struct file **filep)
{
	struct inode *inode;
	int err = vfs_lookup(current->fs->root, current->fs->pwd, path, &inode);

	if (err)
		return err;
	err = S_ISREG(inode->i_mode) ? inode_permission(inode, MAY_EXEC) : -EACCES;
	if (!err)
		err = open_inode(inode, O_RDONLY, filep);
	iput(inode);
	return err;
}

/*
 * The program interpreter (PT_INTERP, the dynamic linker), checked as
 * Linux checks it before its point of no return: the first PT_INTERP's
 * path must be 2 to PATH_MAX bytes inside the file and end with its NUL
 * (-ENOEXEC, or elf_read's -EIO/-EINVAL), must open for exec (-ENOENT,
 * -EACCES ...), and must be an x86_64 ELF file with a readable program
 * header table (-ELIBBAD, -EIO). keyhole cannot load an interpreter yet
 * (issue 11): a program whose interpreter passes all that gets -ENOEXEC,
 * as it would from a kernel without dynamic ELF support.
 */
static int elf_check_interp(const struct linux_binprm *bprm, const struct elf64_phdr *ph,
			    int phnum)
{
	const struct elf64_phdr *interp = NULL;
	struct elf64_hdr ieh;
	struct file *file;
	char *path;
	int err;

	for (int i = 0; i < phnum && !interp; i++)
		if (ph[i].p_type == PT_INTERP)
			interp = &ph[i];
	if (!interp)
		return 0;
	if (interp->p_filesz > PATH_MAX || interp->p_filesz < 2)
		return -ENOEXEC;
	path = kmalloc(interp->p_filesz, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	err = elf_read(bprm, path, interp->p_filesz, interp->p_offset);
	if (err)
		goto out_free_path;
	err = -ENOEXEC;
	if (path[interp->p_filesz - 1] != '\0')
		goto out_free_path;
	err = open_exec(path, &file);
	if (err)
		goto out_free_path;
	err = file_read_exact(file, &ieh, sizeof(ieh), 0);
	if (err)
		goto out_fput;
	err = -ELIBBAD;
	if (memcmp(ieh.e_ident, "\177ELF", 4) != 0 || ieh.e_machine != EM_X86_64 ||
	    !elf_phdrs_size_ok(&ieh))
		goto out_fput;
	struct elf64_phdr *iph = kmalloc(ieh.e_phnum * sizeof(*iph), GFP_KERNEL);
	if (!iph) {
		err = -ENOMEM;
		goto out_fput;
	}
	err = ieh.e_phoff > LOFF_MAX ? -ELIBBAD :
	      file_read_exact(file, iph, ieh.e_phnum * sizeof(*iph), (loff_t)ieh.e_phoff);
	kfree(iph);
	if (!err)
		err = -ENOEXEC;                 /* no dynamic ELF yet (issue 11) */
	else
		err = -ELIBBAD;
out_fput:
	fput(file);
out_free_path:
	kfree(path);
	return err;
}

static unsigned long vm_flags_of(u32 p_flags)
{
	return (p_flags & PF_R ? VM_READ : 0) | (p_flags & PF_W ? VM_WRITE : 0) |
	       (p_flags & PF_X ? VM_EXEC : 0);
}

/*
 * Fill len bytes at user address va of mm, which is not loaded, with the
 * program's bytes at file position pos: through the direct map, making
 * (zeroed) pages as needed.
 */
static int copy_to_mm(struct mm_struct *mm, const struct linux_binprm *bprm, unsigned long va,
		      u64 pos, size_t len, unsigned long vm_flags)
{
	while (len) {
		unsigned long page_va = va & PAGE_MASK, off = va - page_va;
		size_t n = min(len, PAGE_SIZE - off);
		phys_addr_t pa;
		int err;

		if (!virt_to_phys_walk(mm->pgd, page_va, &pa)) {
			struct page *page = alloc_page(__GFP_ZERO);

			if (!page)
				return -ENOMEM;
			err = map_page(mm->pgd, page_va, page_to_phys(page), vm_page_prot(vm_flags));
			if (err) {
				put_page(page);
				return err;
			}
			pa = page_to_phys(page);
		}
		err = elf_read(bprm, (char *)__va(pa & PAGE_MASK) + off, n, pos);
		if (err)
			return err;
		va += n;
		pos += n;
		len -= n;
	}
	return 0;
}

/*
 * Map [start, end) (page aligned, end <= TASK_SIZE) of mm afresh with
 * flags. The first segment may not overlap anything (Linux maps it with
 * MAP_FIXED_NOREPLACE: -EEXIST); a later one replaces what it overlaps,
 * as MAP_FIXED does. Caller holds mm->mmap_lock.
 */
static int elf_map_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			 unsigned long flags, bool first)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	int err;

	if (start >= end)
		return 0;
	if (vma && vma->vm_start < end) {
		if (first)
			return -EEXIST;
		err = do_munmap(mm, start, end - start);
		if (err)
			return err;
	}
	return insert_vm_area(mm, start, end, flags);
}

/* Like Linux's vm_enough_memory() guess: no one mapping larger than RAM. */
static bool elf_enough_memory(unsigned long len)
{
	return len >> PAGE_SHIFT <= totalram_pages;
}

/*
 * Load one PT_LOAD segment at addr (its p_vaddr plus the load bias), as
 * Linux's elf_load() maps it, but copying where Linux maps the file:
 *
 *   - the file part: the whole pages from ELF_PAGESTART(addr) that hold
 *     the segment's p_filesz bytes, filled from the file at p_offset
 *     rounded down to its page (p_offset and p_vaddr must agree within a
 *     page, as mmap's offset must be aligned: -EINVAL). Bytes of those
 *     pages outside the segment are the file's, as in a file mapping;
 *     bytes past the end of the file are zero (Linux: a page wholly past
 *     it raises SIGBUS when touched; keyhole has no SIGBUS yet);
 *   - if p_memsz > p_filesz, .bss: the rest of the last file page is
 *     zeroed when the segment is writable (padzero; a page wholly past
 *     the end of the file makes that fail, -EFAULT, as in Linux), and
 *     the pages after it up to p_vaddr + p_memsz are anonymous, readable
 *     and writable whatever p_flags say, executable if it is (Linux's
 *     vm_brk_flags()).
 *
 * Caller holds mm->mmap_lock and has checked p_filesz <= p_memsz and
 * addr + p_memsz <= TASK_SIZE. Return: 0, or an error.
 */
static int elf_load(struct mm_struct *mm, const struct linux_binprm *bprm,
		    const struct elf64_phdr *ph, unsigned long addr, bool first)
{
	unsigned long flags = vm_flags_of(ph->p_flags);
	unsigned long pageoff = ELF_PAGEOFFSET(ph->p_vaddr);
	unsigned long zero_start, zero_end;
	int err;

	if (ph->p_filesz) {
		unsigned long start = ELF_PAGESTART(addr);
		unsigned long size = ALIGN_UP(ph->p_filesz + pageoff, PAGE_SIZE);
		u64 off = ph->p_offset - pageoff;

		if (off & ~PAGE_MASK)
			return -EINVAL;
		if (off > LOFF_MAX || size > LOFF_MAX - off)
			return -EOVERFLOW;
		if ((flags & VM_WRITE) && !elf_enough_memory(size))
			return -ENOMEM;
		err = elf_map_range(mm, start, start + size, flags, first);
		if (err)
			return err;
		if (off < bprm->size) {
			err = copy_to_mm(mm, bprm, start, off, min(size, bprm->size - off), flags);
			if (err)
				return err;
		}
		zero_start = addr + ph->p_filesz;
		zero_end = addr + ph->p_memsz;
		if (ph->p_memsz > ph->p_filesz && ELF_PAGEOFFSET(zero_start)) {
			/* padzero(): the last file page's tail. */
			u64 page_off = off + (ELF_PAGESTART(zero_start) - start);
			phys_addr_t pa;

			if (page_off >= ALIGN_UP(bprm->size, PAGE_SIZE)) {
				if (flags & VM_WRITE)
					return -EFAULT;
			} else if ((flags & VM_WRITE) &&
				   virt_to_phys_walk(mm->pgd, ELF_PAGESTART(zero_start), &pa)) {
				memset((char *)__va(pa & PAGE_MASK) + ELF_PAGEOFFSET(zero_start), 0,
				       PAGE_SIZE - ELF_PAGEOFFSET(zero_start));
			}
		}
	} else {
		zero_start = ELF_PAGESTART(addr);
		zero_end = zero_start + pageoff + ph->p_memsz;
	}
	if (ph->p_memsz > ph->p_filesz) {
		zero_start = ALIGN_UP(zero_start, PAGE_SIZE);
		zero_end = ALIGN_UP(zero_end, PAGE_SIZE);
		if (!elf_enough_memory(zero_end - zero_start))
			return -ENOMEM;
		err = elf_map_range(mm, zero_start, zero_end,
				    VM_READ | VM_WRITE | (flags & VM_EXEC), false);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Step 2: the new address space, as load_elf_binary() builds it after
 * its point of no return; any error here kills the process in Linux.
 * The stack first, then each PT_LOAD in the order of the table (a later
 * segment replaces what an earlier one mapped where they overlap). An
 * ET_DYN program is moved up by a load bias that puts its lowest page
 * at ELF_ET_DYN_BASE (Linux picks a random place); ET_EXEC is not moved.
 * Every segment must lie below TASK_SIZE with p_filesz <= p_memsz
 * (-EINVAL), the entry point too (-EINVAL; an ET_EXEC with no PT_LOAD
 * loads and faults at its entry, an ET_DYN is -EINVAL).
 */
static int load_elf_segments(struct mm_struct *mm, const struct linux_binprm *bprm,
			     const struct elf64_hdr *eh, const struct elf64_phdr *ph,
			     struct elf_load_info *info)
{
	unsigned long bias = 0, elf_brk = 0;
	bool first = true;
	int err;

	info->phdr_addr = 0;
	err = insert_vm_area(mm, STACK_TOP - STACK_INITIAL, STACK_TOP,
			     VM_READ | VM_WRITE | VM_GROWSDOWN);
	if (err)
		return err;
	if (eh->e_type == ET_DYN) {
		unsigned long lo = ~0UL, hi = 0;

		for (int i = 0; i < eh->e_phnum; i++) {
			if (ph[i].p_type != PT_LOAD)
				continue;
			lo = min(lo, ELF_PAGESTART(ph[i].p_vaddr));
			hi = max(hi, ph[i].p_vaddr + ph[i].p_memsz);
		}
		if (hi <= lo)
			return -EINVAL;         /* total_mapping_size() is 0 */
		bias = ELF_ET_DYN_BASE - lo;
	}
	for (int i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *p = &ph[i];
		unsigned long addr = bias + p->p_vaddr;

		if (p->p_type != PT_LOAD)
			continue;
		/* Linux's check: "set_brk can never work" (raw p_vaddr), and the
		 * biased range must lie in user space too (mmap's -ENOMEM). */
		if (p->p_vaddr >= TASK_SIZE || p->p_filesz > p->p_memsz ||
		    p->p_memsz > TASK_SIZE || TASK_SIZE - p->p_memsz < p->p_vaddr)
			return -EINVAL;
		if (addr >= TASK_SIZE || TASK_SIZE - p->p_memsz < addr)
			return -ENOMEM;
		err = elf_load(mm, bprm, p, addr, first);
		if (err)
			return err;
		first = false;
		if (p->p_offset <= eh->e_phoff && eh->e_phoff - p->p_offset < p->p_filesz)
			info->phdr_addr = eh->e_phoff - p->p_offset + addr;
		elf_brk = max(elf_brk, addr + p->p_memsz);
		/* The layout /proc/<pid>/stat and status show, as Linux sets it. */
		mm->start_code = min(mm->start_code ? mm->start_code : ~0UL, addr);
		mm->start_data = max(mm->start_data, addr);
		if (p->p_flags & PF_X)
			mm->end_code = max(mm->end_code, addr + p->p_filesz);
		mm->end_data = max(mm->end_data, addr + p->p_filesz);
	}
	info->entry = eh->e_entry + bias;
	if (info->entry >= TASK_SIZE)
		return -EINVAL;                 /* BAD_ADDR(elf_entry) */
	mm->start_brk = mm->brk = ALIGN_UP(elf_brk, PAGE_SIZE);
	return 0;
}

/* Push len bytes onto the user stack at *sp. Return: 0 or -EFAULT. */
static int push_bytes(unsigned long *sp, const void *data, size_t len)
{
	*sp -= len;
	return copy_to_user((void *)*sp, data, len) ? -EFAULT : 0;
}

/* Push the strings of vec; record their user addresses in out. */
static int push_strings(unsigned long *sp, char *const vec[], int n, unsigned long *out)
{
	for (int i = n - 1; i >= 0; i--) {
		if (push_bytes(sp, vec[i], strlen(vec[i]) + 1))
			return -EFAULT;
		out[i] = *sp;
	}
	return 0;
}

/* Step 4. Return: the initial RSP, or an error. */
static long setup_stack(struct linux_binprm *bprm, unsigned long entry, unsigned long phdr,
			const struct elf64_hdr *eh)
{
	unsigned long sp = STACK_TOP, execfn, random;
	u64 rnd[2] = { rdtsc() * 0x9e3779b97f4a7c15ULL, ktime_get_real_ns() ^ 0x5deece66dULL };
	unsigned long *argv_u = bprm->user_ptrs, *envp_u = bprm->user_ptrs + bprm->argc;

	if (push_bytes(&sp, bprm->filename, strlen(bprm->filename) + 1))
		return -EFAULT;
	execfn = sp;
	if (push_strings(&sp, bprm->envp, bprm->envc, envp_u) ||
	    push_strings(&sp, bprm->argv, bprm->argc, argv_u) ||
	    push_bytes(&sp, rnd, sizeof(rnd)))
		return -EFAULT;
	random = sp;

	u64 auxv[] = {
		AT_PHDR, phdr, AT_PHENT, sizeof(struct elf64_phdr), AT_PHNUM, eh->e_phnum,
		AT_PAGESZ, PAGE_SIZE, AT_BASE, 0, AT_FLAGS, 0, AT_ENTRY, entry,
		AT_UID, current->uid, AT_EUID, current->euid, AT_GID, current->gid,
		AT_EGID, current->egid, AT_SECURE, bprm->secureexec,
		AT_CLKTCK, USER_HZ, AT_RANDOM, random, AT_EXECFN, execfn, AT_NULL, 0,
	};
	/* argc, argv[] + NULL, envp[] + NULL, auxv: its start 16-byte aligned. */
	size_t words = 1 + (size_t)bprm->argc + 1 + (size_t)bprm->envc + 1 + ARRAY_SIZE(auxv);
	sp = ALIGN_DOWN(sp - words * 8, 16);
	u64 *frame = (u64 *)sp;
	u64 argc = (u64)bprm->argc, zero = 0;
	int i;

	if (put_user(argc, frame++))
		return -EFAULT;
	for (i = 0; i < bprm->argc; i++)
		if (put_user((u64)argv_u[i], frame++))
			return -EFAULT;
	if (put_user(zero, frame++))
		return -EFAULT;
	for (i = 0; i < bprm->envc; i++)
		if (put_user((u64)envp_u[i], frame++))
			return -EFAULT;
	if (put_user(zero, frame++) || copy_to_user(frame, auxv, sizeof(auxv)))
		return -EFAULT;

	struct mm_struct *mm = current->mm;
	mm->start_stack = sp;
	/* The strings lie argv's, then envp's, then the file name, upwards:
	 * /proc/<pid>/cmdline and environ read [arg_start, arg_end) and
	 * [env_start, env_end). */
	mm->arg_end = mm->env_start = bprm->envc ? envp_u[0] : execfn;
	mm->arg_start = argc ? argv_u[0] : mm->arg_end;
	mm->env_end = execfn;
	return (long)sp;
}

/*
 * The credentials of the new program (Linux's bprm_fill_uid() and the end
 * of cap_bprm_creds_from_file()): a set-user-ID file runs with its owner
 * as the effective user, a set-group-ID file with group execute permission
 * with its group as the effective group; and every exec makes the saved
 * and file-system ids the effective ones, so ids a process gave up stay
 * given up in the program it runs next. AT_SECURE tells the program
 * (and its libc) when the effective ids are not the real ones.
 */
static void exec_creds(struct linux_binprm *bprm)
{
	struct task_struct *c = current;
	struct cred_snapshot old = cred_snapshot(c);

	if (bprm->mode & S_ISUID)
		c->euid = bprm->uid;
	if ((bprm->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		c->egid = bprm->gid;
	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
	bprm->secureexec = c->euid != c->uid || c->egid != c->gid;
	creds_changed(c, old);
	if (bprm->secureexec)
		c->pdeath_signal = 0;   /* as Linux: the parent may not signal it */
}

/*
 * exec_binprm - replace the current task's program with the ELF image in
 * bprm (a kernel buffer), as execve does after reading the file.
 *
 * Every field of the file is checked before use, in Linux's order and
 * with Linux's errors. Before Linux's point of no return (its
 * begin_new_exec()) a bad file fails the call: the header (magic, type,
 * machine), the program header table (e_phentsize, e_phnum, inside the
 * file) and the interpreter. The segments and the entry point Linux
 * checks only after it: there a bad one kills the process with SIGSEGV,
 * and so it does here, though keyhole builds the new address space
 * before dropping the old one.
 *
 * Context: process context (a user process, or a kernel thread becoming
 * one).
 * Return: 0 (the task returns to user mode at the new program), -ENOEXEC
 * for an image that is not an x86_64 ELF executable or has a bad program
 * header table, -EIO/-EINVAL/-ENOENT/-EACCES/-ELIBBAD for a bad
 * interpreter (see elf_check_interp()), -E2BIG, -ENOMEM. After an error
 * with bprm->point_of_no_return set, the old program is gone: the caller
 * frees what it holds and ends a user process with do_exit(SIGSEGV), as
 * Linux does; a kernel thread with a bad segment gets the error before
 * that point, since it has no program to lose.
 */
int exec_binprm(struct linux_binprm *bprm)
{
	struct elf64_hdr eh = { 0 };    /* a short file reads as zeros, as Linux's bprm->buf */
	struct elf_load_info info = { 0 };
	struct elf64_phdr *ph;
	struct mm_struct *mm, *old;
	long sp;
	int err;

	if (bprm->argc < 0 || bprm->envc < 0 || bprm->argc + bprm->envc > MAX_ARG_STRINGS)
		return -E2BIG;
	err = elf_read(bprm, &eh, min(bprm->size, sizeof(eh)), 0);
	if (err)
		return err;
	if (!elf_check_header(&eh))
		return -ENOEXEC;
	ph = load_elf_phdrs(bprm, &eh);
	if (!ph)
		return -ENOEXEC;
	err = elf_check_interp(bprm, ph, eh.e_phnum);
	if (err)
		goto out_free_ph;
	err = -ENOMEM;
	mm = mm_alloc();
	if (!mm)
		goto out_free_ph;
	mutex_lock(&mm->mmap_lock);
	err = load_elf_segments(mm, bprm, &eh, ph, &info);
	mutex_unlock(&mm->mmap_lock);
	kfree(ph);
	if (err && !current->mm) {
		mmput(mm);              /* a kernel thread: nothing to lose, say why */
		return err;
	}

	/* Point of no return. The old address space is still loaded for
	 * the tid word; a vforked parent may go on. */
	mm_release(current, current->mm);
	old = current->mm;
	if (old)
		update_hiwater_rss(current, old);      /* ru_maxrss spans the exec */
	mm->exe_file = bprm->file ? get_file(bprm->file) : NULL;       /* /proc/self/exe */
	current->mm = mm;
	write_cr3(__pa(mm->pgd));
	if (old)
		mmput(old);
	bprm->point_of_no_return = true;
	exec_creds(bprm);

	/* From here a failure cannot return to the old program: it is gone.
	 * As Linux, the caller kills the process with SIGSEGV once it has
	 * freed what it holds. */
	if (err)
		return err;
	bprm->user_ptrs = kmalloc((size_t)(bprm->argc + bprm->envc + 1) * sizeof(unsigned long),
				  GFP_KERNEL);
	if (!bprm->user_ptrs)
		return -ENOMEM;
	sp = setup_stack(bprm, info.entry, info.phdr_addr, &eh);
	kfree(bprm->user_ptrs);
	if (sp < 0)
		return (int)sp;

	struct pt_regs *regs = task_pt_regs(current);
	memset(regs, 0, sizeof(*regs));
	regs->rip = info.entry;
	regs->rsp = (unsigned long)sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->rflags = X86_EFLAGS_IF | 0x2;
	current->fpu = fpu_init_state;
	current->thread.fsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	__asm__ __volatile__("fxrstor %0" : : "m"(current->fpu));

	current->flags &= ~(PF_KTHREAD | PF_FORKNOEXEC);
	flush_signal_handlers(current);
	/* No alternate stack in the new program; as in Linux, its flags
	 * (SS_AUTODISARM) stay and sigaltstack() still reports them. */
	current->sas_ss_sp = 0;
	current->sas_ss_size = 0;
	if (current->files)
		close_on_exec(current->files);
	const char *base = strrchr(bprm->filename, '/');
	strlcpy(current->comm, base ? base + 1 : bprm->filename, sizeof(current->comm));
	return 0;

out_free_ph:
	kfree(ph);
	return err;
}

/* execve(2): the program comes from a file, the strings from the caller. */

#define ARG_ORDER       6               /* 256 KiB of argument and environment strings */
#define ARG_MAX         (PAGE_SIZE << ARG_ORDER)

/* The strings of a user vector, copied into buf at *used. Return: count or error. */
static int copy_strings(char *const *uvec, char **kvec, int max, char *buf, size_t *used)
{
	int n = 0;

	if (!uvec)
		return 0;                       /* Linux accepts NULL as an empty vector */
	for (;;) {
		char *ustr;

		if (get_user(ustr, &uvec[n]))
			return -EFAULT;
		if (!ustr)
			return n;
		if (n == max)
			return -E2BIG;
		long len = strncpy_from_user(buf + *used, ustr, (long)(ARG_MAX - *used));
		if (len < 0)
			return (int)len;
		if ((size_t)len == ARG_MAX - *used)
			return -E2BIG;
		kvec[n++] = buf + *used;
		*used += (size_t)len + 1;
	}
}

/* Exec the file at path; *ponr: whether the old program is gone. */
static int exec_path(const char *path, char *const *argv, int argc, char *const *envp, int envc,
		     bool *ponr)
{
	struct file *file;
	int ret;

	*ponr = false;
	ret = open_exec(path, &file);
	if (ret)
		return ret;
	struct linux_binprm bprm = {
		.file = file, .size = (size_t)file->f_inode->i_size, .filename = path,
		.argc = argc, .envc = envc, .argv = argv, .envp = envp,
		.mode = file->f_inode->i_mode, .uid = file->f_inode->i_uid,
		.gid = file->f_inode->i_gid,
	};
	ret = exec_binprm(&bprm);
	*ponr = bprm.point_of_no_return;
	fput(file);
	return ret;
}

/*
 * kernel_execve - exec the program at path (resolved from the current
 * task's root and directory) with the given kernel strings.
 *
 * Return: 0, or -ENOENT, -EACCES (not a regular file, or no execute
 * permission for the caller), -ENOEXEC, -ENOMEM, ... as execve. A user
 * process whose exec fails past the point of no return dies of SIGSEGV
 * here; a kernel thread gets the error.
 */
int kernel_execve(const char *path, char *const *argv, int argc, char *const *envp, int envc)
{
	bool ponr = false;
	int ret = exec_path(path, argv, argc, envp, envc, &ponr);

	if (ret && ponr && !(current->flags & PF_KTHREAD))
		do_exit(SIGSEGV);
	return ret;
}

SYSCALL_DEFINE3(execve, const char *, filename, char *const *, argv, char *const *, envp)
{
	char **kvec = kmalloc((MAX_ARG_STRINGS + 1) * sizeof(char *) * 2, GFP_KERNEL);
	char *buf = (char *)__get_free_pages(GFP_KERNEL, ARG_ORDER);
	char *path = kmalloc(4096, GFP_KERNEL);
	size_t used = 0;
	bool ponr = false;
	int argc, envc;
	long ret;

	if (!kvec || !buf || !path) {
		ret = -ENOMEM;
		goto out;
	}
	ret = strncpy_from_user(path, filename, 4096);
	if (ret < 0)
		goto out;
	if (ret == 0 || ret == 4096) {
		ret = ret ? -ENAMETOOLONG : -ENOENT;
		goto out;
	}
	argc = copy_strings(argv, kvec, MAX_ARG_STRINGS, buf, &used);
	if (argc < 0) {
		ret = argc;
		goto out;
	}
	envc = copy_strings(envp, kvec + argc, MAX_ARG_STRINGS - argc, buf, &used);
	if (envc < 0) {
		ret = envc;
		goto out;
	}
	ret = exec_path(path, kvec, argc, kvec + argc, envc, &ponr);
out:
	kfree(path);
	if (buf)
		free_pages((unsigned long)buf, ARG_ORDER);
	kfree(kvec);
	if (ret && ponr)
		do_exit(SIGSEGV);       /* the old program is gone (Linux: force_fatal_sig) */
	return ret;
}
