/*
 * exec.c - replacing a task's program: load a static ELF64 executable
 * into a fresh address space and set the task up to start it, as Linux's
 * load_elf_binary() does for static programs.
 *
 *   1. Check the ELF header and program headers against the image size.
 *   2. Build a new mm: one VMA per PT_LOAD segment with the segment's
 *      rights, its file bytes copied into zeroed pages (the rest of the
 *      segment, .bss, is demand-zero), the heap start (brk) after the
 *      highest segment, and a stack VMA below STACK_TOP that grows down.
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
 * in the old address space.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/desc.h"
#include "fs/fdtable.h"
#include "fs/vfs.h"
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
#include "mm/slab.h"
#include "mm/uaccess.h"

#define STACK_INITIAL   (32 * PAGE_SIZE)        /* the stack VMA at exec; it grows */

static bool elf_check(const struct elf64_hdr *eh, size_t size)
{
	if (size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4) != 0 ||
	    eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_machine != EM_X86_64 || (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) ||
	    eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > 64)
		return false;
	return eh->e_phoff < size && eh->e_phnum * sizeof(struct elf64_phdr) <= size - eh->e_phoff;
}

static unsigned long vm_flags_of(u32 p_flags)
{
	return (p_flags & PF_R ? VM_READ : 0) | (p_flags & PF_W ? VM_WRITE : 0) |
	       (p_flags & PF_X ? VM_EXEC : 0);
}

/* Copy len bytes from src to user address va of mm, which is not loaded:
 * through the direct map, making (zeroed) pages as needed. */
static int copy_to_mm(struct mm_struct *mm, unsigned long va, const void *src, size_t len,
		      unsigned long vm_flags)
{
	while (len) {
		unsigned long page_va = va & PAGE_MASK, off = va - page_va;
		size_t n = min(len, PAGE_SIZE - off);
		phys_addr_t pa;

		if (!virt_to_phys_walk(mm->pgd, page_va, &pa)) {
			struct page *page = alloc_page(__GFP_ZERO);

			if (!page)
				return -ENOMEM;
			int err = map_page(mm->pgd, page_va, page_to_phys(page),
					   vm_page_prot(vm_flags));
			if (err) {
				put_page(page);
				return err;
			}
			pa = page_to_phys(page);
		}
		memcpy((char *)__va(pa & PAGE_MASK) + off, src, n);
		va += n;
		src = (const char *)src + n;
		len -= n;
	}
	return 0;
}

/* Steps 1 and 2: the new address space. Return: the entry point, or an error. */
static long load_segments(struct mm_struct *mm, const void *image, size_t size,
			  unsigned long *phdr_addr)
{
	const struct elf64_hdr *eh = image;
	const struct elf64_phdr *ph = (const void *)((const char *)image + eh->e_phoff);
	unsigned long bias = eh->e_type == ET_DYN ? ELF_ET_DYN_BASE : 0;
	unsigned long highest = 0;
	int err;

	*phdr_addr = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP)
			return -ENOEXEC;        /* dynamically linked: not supported */
		if (ph[i].p_type != PT_LOAD)
			continue;
		unsigned long va = bias + ph[i].p_vaddr;
		if (ph[i].p_filesz > ph[i].p_memsz || ph[i].p_offset > size ||
		    ph[i].p_filesz > size - ph[i].p_offset || ph[i].p_memsz > TASK_SIZE ||
		    va >= TASK_SIZE - ph[i].p_memsz)
			return -ENOEXEC;
		unsigned long start = va & PAGE_MASK;
		unsigned long end = ALIGN_UP(va + ph[i].p_memsz, PAGE_SIZE);
		unsigned long flags = vm_flags_of(ph[i].p_flags);

		/* Segments may share a boundary page: the later one starts after. */
		struct vm_area_struct *prev = find_vma(mm, start);
		if (prev && prev->vm_start <= start) {
			prev->vm_flags |= flags;
			start = prev->vm_end;
		}
		if (start < end) {
			err = insert_vm_area(mm, start, end, flags);
			if (err)
				return err;
		}
		err = copy_to_mm(mm, va, (const char *)image + ph[i].p_offset, ph[i].p_filesz,
				 find_vma(mm, va)->vm_flags);
		if (err)
			return err;
		if (ph[i].p_offset <= eh->e_phoff &&
		    eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
			*phdr_addr = va + (eh->e_phoff - ph[i].p_offset);
		highest = max(highest, end);
	}
	if (!highest)
		return -ENOEXEC;
	mm->start_brk = mm->brk = highest;
	err = insert_vm_area(mm, STACK_TOP - STACK_INITIAL, STACK_TOP,
			     VM_READ | VM_WRITE | VM_GROWSDOWN);
	if (err)
		return err;
	return (long)(bias + eh->e_entry);
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
	mm->arg_start = argc ? argv_u[0] : sp;
	mm->arg_end = execfn;
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

	if (bprm->mode & S_ISUID)
		c->euid = bprm->uid;
	if ((bprm->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		c->egid = bprm->gid;
	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
	bprm->secureexec = c->euid != c->uid || c->egid != c->gid;
}

/*
 * exec_binprm - replace the current task's program with the ELF image in
 * bprm (a kernel buffer), as execve does after reading the file.
 *
 * Context: process context (a user process, or a kernel thread becoming
 * one).
 * Return: 0 (the task returns to user mode at the new program), -ENOEXEC
 * for an image that is not a static x86_64 ELF executable, -E2BIG,
 * -ENOMEM. A failure after the old address space is gone kills the task
 * with SIGSEGV instead, as in Linux.
 */
int exec_binprm(struct linux_binprm *bprm)
{
	const struct elf64_hdr *eh = bprm->image;
	struct mm_struct *mm, *old;
	unsigned long phdr;
	long entry, sp;

	if (!elf_check(eh, bprm->size))
		return -ENOEXEC;
	if (bprm->argc < 0 || bprm->envc < 0 || bprm->argc + bprm->envc > MAX_ARG_STRINGS)
		return -E2BIG;
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	entry = load_segments(mm, bprm->image, bprm->size, &phdr);
	if (entry < 0) {
		mmput(mm);
		return (int)entry;
	}

	/* Point of no return. */
	old = current->mm;
	current->mm = mm;
	write_cr3(__pa(mm->pgd));
	if (old)
		mmput(old);
	mm_release(current);            /* a vforked parent may go on */
	exec_creds(bprm);

	/* From here a failure cannot return to the old program: it is gone.
	 * As Linux, the process dies of SIGSEGV. */
	bprm->user_ptrs = kmalloc((size_t)(bprm->argc + bprm->envc + 1) * sizeof(unsigned long),
				  GFP_KERNEL);
	if (!bprm->user_ptrs)
		do_exit(SIGSEGV);
	sp = setup_stack(bprm, (unsigned long)entry, phdr, eh);
	kfree(bprm->user_ptrs);
	if (sp < 0)
		do_exit(SIGSEGV);

	struct pt_regs *regs = task_pt_regs(current);
	memset(regs, 0, sizeof(*regs));
	regs->rip = (unsigned long)entry;
	regs->rsp = (unsigned long)sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->rflags = X86_EFLAGS_IF | 0x2;
	current->fpu = fpu_init_state;
	current->thread.fsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	__asm__ __volatile__("fxrstor %0" : : "m"(current->fpu));

	current->flags &= ~PF_KTHREAD;
	flush_signal_handlers(current);
	if (current->files)
		close_on_exec(current->files);
	const char *base = strrchr(bprm->filename, '/');
	strlcpy(current->comm, base ? base + 1 : bprm->filename, sizeof(current->comm));
	return 0;
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

/*
 * kernel_execve - exec the program at path (resolved from the current
 * task's root and directory) with the given kernel strings.
 *
 * Return: 0, or -ENOENT, -EACCES (not a regular file, or no execute
 * permission for the caller), -ENOEXEC, -ENOMEM, ... as execve.
 */
int kernel_execve(const char *path, char *const *argv, int argc, char *const *envp, int envc)
{
	struct file *file;
	struct page *pages = NULL;
	unsigned int order = 0;
	int ret;

	/* Exec needs execute permission, not read (a 0711 program runs for
	 * anyone), so the file is opened after that check, not by open's. */
	struct inode *inode;
	ret = vfs_lookup(current->fs->root, current->fs->pwd, path, &inode);
	if (ret)
		return ret;
	ret = S_ISREG(inode->i_mode) ? inode_permission(inode, MAY_EXEC) : -EACCES;
	if (!ret)
		ret = open_inode(inode, O_RDONLY, &file);
	iput(inode);
	if (ret)
		return ret;
	size_t size = (size_t)inode->i_size;
	while ((PAGE_SIZE << order) < size)
		order++;
	pages = order < MAX_ORDER ? alloc_pages(GFP_KERNEL, order) : NULL;
	if (!pages) {
		ret = -ENOMEM;
		goto out_fput;
	}
	char *image = page_address(pages);
	loff_t pos = 0;
	ssize_t n = vfs_read(file, image, size, &pos);
	if (n != (ssize_t)size) {
		ret = n < 0 ? (int)n : -EIO;
		goto out_free;
	}
	struct linux_binprm bprm = {
		.image = image, .size = size, .filename = path,
		.argc = argc, .envc = envc, .argv = argv, .envp = envp,
		.mode = inode->i_mode, .uid = inode->i_uid, .gid = inode->i_gid,
	};
	ret = exec_binprm(&bprm);
out_free:
	__free_pages(pages, order);
out_fput:
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(execve, const char *, filename, char *const *, argv, char *const *, envp)
{
	char **kvec = kmalloc((MAX_ARG_STRINGS + 1) * sizeof(char *) * 2, GFP_KERNEL);
	char *buf = (char *)__get_free_pages(GFP_KERNEL, ARG_ORDER);
	char *path = kmalloc(4096, GFP_KERNEL);
	size_t used = 0;
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
	ret = kernel_execve(path, kvec, argc, kvec + argc, envc);
out:
	kfree(path);
	if (buf)
		free_pages((unsigned long)buf, ARG_ORDER);
	kfree(kvec);
	return ret;
}
