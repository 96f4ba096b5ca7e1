/*
 * exec.c - replacing a task's program (execve), as Linux's fs/exec.c:
 * the arguments and the file, the loop over binary formats, and the
 * point of no return. The formats themselves are binfmt_elf.c (ELF64
 * programs, static or with an interpreter) and binfmt_script.c (#!).
 *
 *   1. execve copies the argument and environment strings into the
 *      kernel (they usually live in the address space about to go):
 *      EFAULT, E2BIG for a string of MAX_ARG_STRLEN bytes or more, or
 *      more than ARG_MAX bytes of strings and pointers in all.
 *      An empty argv becomes { "" }, as Linux does since 5.18.
 *   2. open_exec opens the file: it must be a regular file the caller may
 *      execute (EACCES), not necessarily read.
 *   3. exec_binprm runs the formats on it (search_binary_handler, after
 *      prepare_binprm has read its first BINPRM_BUF_SIZE bytes into
 *      bprm->buf): a #! script names another file to load instead (its
 *      interpreter: bprm->interpreter), and the loop starts again on that
 *      file, at most BINPRM_MAX_DEPTH times more (then ELOOP, as Linux);
 *      an ELF program is loaded and started. A file no format takes is
 *      ENOEXEC.
 *   4. The format decides where its point of no return is and calls
 *      begin_new_exec there: the task drops its old mm (waking a vforked
 *      parent) and takes the new one, with the new credentials. Past it a
 *      failure cannot return to the old program: the process dies of
 *      SIGSEGV, as in Linux. start_thread then sets the registers and
 *      what else a new program starts with (default signal handlers, no
 *      alternate signal stack, close-on-exec files closed, comm).
 *
 * Where keyhole differs from Linux: the strings and their pointers have
 * ARG_MAX (256 KiB) as a fixed limit (Linux: a quarter of the stack
 * rlimit, 2 MiB by default); there is no binfmt_misc.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/desc.h"
#include "fs/fdtable.h"
#include "fs/vfs.h"
#include "kernel/cred.h"
#include "kernel/syscalls.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/rss.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

/* personality(2) flags a set-ID exec drops, as Linux's PER_CLEAR_ON_SETID:
 * READ_IMPLIES_EXEC, ADDR_NO_RANDOMIZE, ADDR_COMPAT_LAYOUT, MMAP_PAGE_ZERO. */
#define PER_CLEAR_ON_SETID      (0x0400000 | 0x0040000 | 0x0200000 | 0x0100000)

/*
 * open_exec - open path for exec: a regular file the caller may execute.
 * Exec needs execute permission, not read (a 0711 program runs for
 * anyone), so the file is opened after that check, not by open's. An
 * empty path (which only a kernel name can be: PT_INTERP, a #! line) is
 * the current directory, as Linux looks such a name up: -EACCES.
 * Context: process context.
 * Return: 0 and *filep, or -EACCES, or the lookup's error (-ENOENT ...).
 */
int open_exec(const char *path, struct file **filep)
{
	struct inode *inode;
	int err;

	if (!*path)
		return -EACCES;
	err = vfs_lookup(current->fs->root, current->fs->pwd, path, &inode);

	if (err)
		return err;
	err = S_ISREG(inode->i_mode) ? inode_permission(inode, MAY_EXEC) : -EACCES;
	if (!err)
		err = open_inode(inode, O_RDONLY, filep);
	if (!err)
		file_set_name(*filep, current->fs->root, NULL, path);  /* /proc/<pid>/exe, maps */
	iput(inode);
	return err;
}

/*
 * The credentials of the new program (Linux's bprm_fill_uid() and the end
 * of cap_bprm_creds_from_file()): a set-user-ID file runs with its owner
 * as the effective user, a set-group-ID file with group execute permission
 * with its group as the effective group; and every exec makes the saved
 * and file-system ids the effective ones, so ids a process gave up stay
 * given up in the program it runs next. AT_SECURE tells the program
 * (and its libc) when the effective ids are not the real ones. The file
 * is the one loaded last: for a #! script, its interpreter (the script's
 * own set-ID bits do nothing, as in Linux).
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
	if (bprm->secureexec) {
		c->pdeath_signal = 0;   /* as Linux: the parent may not signal it */
		c->personality &= ~PER_CLEAR_ON_SETID;
	}
}

/*
 * begin_new_exec - the point of no return: the task gives up its old
 * address space for mm (built by the format) and takes the new
 * program's credentials. The old mm is released first for the tid word
 * (clear_child_tid) and a vforked parent, which may go on from here.
 * Context: process context; mm is not loaded anywhere yet.
 */
void begin_new_exec(struct linux_binprm *bprm, struct mm_struct *mm)
{
	struct mm_struct *old = current->mm;

	mm_release(current, old);
	mm->exe_file = bprm->file ? get_file(bprm->file) : NULL;       /* /proc/self/exe */
	current->mm = mm;
	write_cr3(__pa(mm->pgd));
	if (old)
		mmput_hiwater(current, old);    /* ru_maxrss spans the exec */
	bprm->point_of_no_return = true;
	exec_creds(bprm);
}

/*
 * start_thread - set the task up to enter the new program at ip with the
 * stack at sp: the saved user registers (RIP, RSP, everything else zero),
 * a clean SSE state, no TLS, the default signal handlers, no alternate
 * signal stack, the close-on-exec files closed and comm from the file
 * name, as Linux's start_thread and setup_new_exec.
 * Context: process context, after begin_new_exec. Return: 0.
 */
int start_thread(struct linux_binprm *bprm, unsigned long ip, unsigned long sp)
{
	struct pt_regs *regs = task_pt_regs(current);

	memset(regs, 0, sizeof(*regs));
	regs->rip = ip;
	regs->rsp = sp;
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
}

/* Make file (a reference the bprm now holds) the one to load next. */
static void bprm_set_file(struct linux_binprm *bprm, struct file *file)
{
	struct inode *inode = file->f_inode;

	bprm->file = file;
	bprm->image = NULL;
	bprm->size = (size_t)inode->i_size;
	bprm->mode = inode->i_mode;
	bprm->uid = inode->i_uid;
	bprm->gid = inode->i_gid;
}

/*
 * Linux's prepare_binprm: the file's first BINPRM_BUF_SIZE bytes into
 * bprm->buf, zero-padded when the file is shorter. Return: 0 or -EIO.
 */
static int prepare_binprm(struct linux_binprm *bprm)
{
	size_t len = min(bprm->size, (size_t)BINPRM_BUF_SIZE);

	memset(bprm->buf, 0, sizeof(bprm->buf));
	if (!bprm->file) {
		memcpy(bprm->buf, bprm->image, len);
		return 0;
	}
	loff_t pos = 0;
	ssize_t n = vfs_read(bprm->file, bprm->buf, len, &pos);

	return n < 0 ? (int)n : 0;
}

/* Each format in turn, until one takes the file (Linux's list: ELF, #!). */
static int search_binary_handler(struct linux_binprm *bprm)
{
	int err = prepare_binprm(bprm);

	if (err)
		return err;
	err = load_elf_binary(bprm);
	if (err != -ENOEXEC || bprm->point_of_no_return)
		return err;
	return load_script(bprm);
}

/*
 * exec_binprm - replace the current task's program with the one in bprm
 * (a file, or an image in memory), the strings already in the kernel.
 *
 * Runs the formats on bprm's file; when one names another file to load
 * (a #! script's interpreter), runs them again on that one, up to
 * BINPRM_MAX_DEPTH times (Linux's "4 levels of binfmt rewrites": depth 0
 * to 5). bprm->file is the caller's again on return; files opened on the
 * way are closed.
 *
 * Context: process context (a user process, or a kernel thread becoming
 * one).
 * Return: 0 (the task returns to user mode at the new program), -E2BIG
 * (too many strings), -ELOOP (too many #! levels), or a format's error
 * (see load_elf_binary() and load_script()): -ENOEXEC for a file no
 * format takes. After an error with bprm->point_of_no_return set, the old
 * program is gone: the caller frees what it holds and ends a user process
 * with do_exit(SIGSEGV), as Linux does.
 */
int exec_binprm(struct linux_binprm *bprm)
{
	struct file *first = bprm->file;
	int err;

	if (bprm->argc < 0 || bprm->envc < 0 ||
	    (long)bprm->argc + bprm->envc > MAX_ARG_STRINGS)
		return -E2BIG;
	if (!bprm->interp)
		bprm->interp = bprm->filename;
	for (int depth = 0;; depth++) {
		if (depth > BINPRM_MAX_DEPTH) {
			err = -ELOOP;
			break;
		}
		err = search_binary_handler(bprm);
		if (err || !bprm->interpreter)
			break;
		if (bprm->file != first)
			fput(bprm->file);
		bprm_set_file(bprm, bprm->interpreter);
		bprm->interpreter = NULL;
	}
	if (bprm->interpreter)
		fput(bprm->interpreter);        /* not reached: formats set it last */
	if (bprm->file != first)
		fput(bprm->file);
	bprm->file = first;
	bprm->interpreter = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(bprm->scratch); i++) {
		kfree(bprm->scratch[i]);
		bprm->scratch[i] = NULL;
	}
	return err;
}

/* execve(2): the program comes from a file, the strings from the caller. */

/*
 * The argument space: ARG_MAX bytes for the strings of argv and envp and
 * their pointers together, as Linux counts both against a quarter of the
 * stack limit (bprm_stack_limits): the pointer array (argc + envc + 1) at
 * the end of the buffer, the strings from its start. The number of
 * strings has no limit of its own (Linux's MAX_ARG_STRINGS is 2^31 - 1),
 * only their bytes.
 */
#define ARG_ORDER       6               /* 256 KiB of strings and pointers */
#define ARG_MAX         (PAGE_SIZE << ARG_ORDER)

/* Linux's count(): the strings of a user vector. Return: n, -EFAULT, -E2BIG. */
static int count_strings(char *const *uvec, int max)
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
		n++;
	}
}

/* Copy the n strings of uvec into buf[*used, end), their addresses into kvec. */
static int copy_strings(char *const *uvec, int n, char **kvec, char *buf, size_t end,
			size_t *used)
{
	for (int i = 0; i < n; i++) {
		char *ustr;

		if (get_user(ustr, &uvec[i]) || !ustr)
			return -EFAULT;         /* changed under us since count_strings */
		long len = strncpy_from_user(buf + *used, ustr, (long)(end - *used));
		if (len < 0)
			return (int)len;
		if ((size_t)len == end - *used || len + 1 > MAX_ARG_STRLEN)
			return -E2BIG;
		kvec[i] = buf + *used;
		*used += (size_t)len + 1;
	}
	return 0;
}

/* Exec the file at path; *ponr: whether the old program is gone. */
static int exec_path(const char *path, char *const *argv, int argc, char *const *envp, int envc,
		     bool *ponr)
{
	struct linux_binprm bprm = {
		.filename = path, .argc = argc, .envc = envc, .argv = argv, .envp = envp,
	};
	struct file *file;
	int ret;

	*ponr = false;
	ret = open_exec(path, &file);
	if (ret)
		return ret;
	bprm_set_file(&bprm, file);
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
	char *buf = (char *)__get_free_pages(GFP_KERNEL, ARG_ORDER);
	char *path = kmalloc(4096, GFP_KERNEL);
	size_t used = 0, end;
	bool ponr = false;
	char **kvec;
	int argc, envc, nargv;
	long ret;

	if (!buf || !path) {
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
	/* Linux's order: count argv, count envp, check the pointers' room,
	 * copy envp's strings, then argv's. */
	ret = argc = count_strings(argv, MAX_ARG_STRINGS);
	if (argc < 0)
		goto out;
	ret = envc = count_strings(envp, MAX_ARG_STRINGS);
	if (envc < 0)
		goto out;
	nargv = argc ? argc : 1;                /* an empty argv becomes { "" } */
	ret = -E2BIG;
	if (((size_t)nargv + (size_t)envc + 1) * sizeof(char *) >= ARG_MAX)
		goto out;
	end = ARG_MAX - ((size_t)nargv + (size_t)envc + 1) * sizeof(char *);
	kvec = (char **)(buf + end);
	ret = copy_strings(envp, envc, kvec + nargv, buf, end, &used);
	if (!ret)
		ret = copy_strings(argv, argc, kvec, buf, end, &used);
	if (ret)
		goto out;
	if (!argc) {
		if (used == end) {
			ret = -E2BIG;
			goto out;
		}
		kvec[0] = buf + used;           /* argv = { "" }, as Linux */
		buf[used++] = '\0';
	}
	kvec[nargv + envc] = NULL;
	ret = exec_path(path, kvec, nargv, kvec + nargv, envc, &ponr);
out:
	kfree(path);
	if (buf)
		free_pages((unsigned long)buf, ARG_ORDER);
	if (ret && ponr)
		do_exit(SIGSEGV);       /* the old program is gone (Linux: force_fatal_sig) */
	return ret;
}
