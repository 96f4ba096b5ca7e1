/*
 * binfmt_elf.c - loading an ELF64 x86_64 program, static or dynamic, into
 * a fresh address space, as Linux's fs/binfmt_elf.c (load_elf_binary,
 * load_elf_interp, create_elf_tables) does.
 *
 *   1. Check the file as Linux does before its point of no return, with
 *      its errnos: the ELF header (magic, e_type, e_machine: -ENOEXEC;
 *      like Linux, EI_CLASS, EI_DATA and the versions are not looked at),
 *      the program header table (e_phentsize, 1 to 73 entries, inside
 *      the file: -ENOEXEC), and the interpreter named by the first
 *      PT_INTERP (elf_open_interp): its path (2 to PATH_MAX bytes inside
 *      the file, ending with its NUL: -ENOEXEC), the file (it must open
 *      for exec: -ENOENT, -EACCES ...; at least an ELF header long:
 *      -EIO), its header (ELF magic and x86_64: -ELIBBAD) and its program
 *      header table (-ELIBBAD).
 *   2. Build a new mm as Linux's mapping loop would: the stack VMA below
 *      STACK_TOP that grows down, then per PT_LOAD a private mapping of
 *      the file's pages (elf_map_file: from the page cache when touched,
 *      copied on write; a GRUB module, which is no file, is copied in)
 *      and the .bss after them, a later segment replacing an
 *      earlier one where they overlap; then the interpreter's PT_LOADs
 *      the same way; the heap start (brk) after the program's highest
 *      segment. Linux checks the segments (p_vaddr, p_filesz <= p_memsz,
 *      below TASK_SIZE, offset and address congruent), the entry points
 *      and the interpreter's e_type only here, past its point of no
 *      return: a bad one kills the process with SIGSEGV, and so here.
 *   3. Point of no return (begin_new_exec, kernel/exec.c): the task drops
 *      its old mm and loads the new.
 *   4. Lay out the initial stack as the System V ABI and Linux's
 *      create_elf_tables do, from the top down: an 8-byte zero end
 *      marker, the file name (AT_EXECFN), the environment and argument
 *      strings, the platform string "x86_64" (AT_PLATFORM), 16 random
 *      bytes (AT_RANDOM), then, 16-byte aligned, from low to high: argc,
 *      argv[] and NULL, envp[] and NULL, and the auxiliary vector in
 *      Linux's order: AT_SYSINFO_EHDR (the vDSO, kernel/vdso.c, mapped
 *      with the segments), AT_MINSIGSTKSZ, AT_HWCAP, AT_PAGESZ, AT_CLKTCK,
 *      AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY, AT_UID,
 *      AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_RANDOM, AT_HWCAP2,
 *      AT_EXECFN, AT_PLATFORM, AT_NULL.
 *   5. Start the task (start_thread, kernel/exec.c) at the interpreter's
 *      entry point if there is one, else at the program's.
 *
 * Where things go. There is no address space randomization in keyhole:
 * every base is fixed, so a program's addresses are the same in every run
 * (gdb breakpoints and test output stay put). Linux adds a random offset
 * to each of these; with randomization off (setarch -R, or
 * kernel.randomize_va_space=0) it picks the same rules:
 *   - ET_EXEC: at its own addresses;
 *   - ET_DYN with an interpreter (a PIE program): its first segment at
 *     ELF_ET_DYN_BASE (2/3 of the user space, 0x555555554000 once
 *     rounded to its alignment), the heap after it;
 *   - ET_DYN without one (the interpreter itself run as a command, a
 *     static-pie program): in the mmap area, as a mmap(NULL, size) would
 *     place it, top down from MMAP_BASE; its heap moves to
 *     ELF_ET_DYN_BASE, where it has room to grow (Linux: "brk handling");
 *   - the interpreter (ET_DYN): in the mmap area the same way; AT_BASE
 *     says where.
 *
 * The strings were copied into the kernel before step 3: they usually
 * live in the old address space. The files are read as they are needed,
 * through elf_read(), which checks every offset and size taken from them
 * against the file's size before use (taken once: exec does not stop
 * writers yet, so a file that shrinks meanwhile gives -EIO).
 *
 * Where keyhole differs from Linux, deliberately: a 32-bit (EM_386)
 * program is -ENOEXEC, as from a Linux without IA32 emulation;
 * mmap_min_addr is not applied to segments (Linux lets root map page 0
 * too); the interpreter's .bss is made per segment as the program's
 * (Linux's load_elf_interp zero-fills only after its highest segment).
 */
#include "arch/x86_64/cpu.h"
#include "fs/vfs.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/vdso.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define STACK_INITIAL   (32 * PAGE_SIZE)        /* the stack VMA at exec; it grows */
#define ELF_MIN_ALIGN   PAGE_SIZE
#define ELF_PAGESTART(v)        ((v) & PAGE_MASK)
#define ELF_PAGEOFFSET(v)       ((v) & (PAGE_SIZE - 1))
#define ELF_PAGEALIGN(v)        ALIGN_UP(v, PAGE_SIZE)
#define LOFF_MAX        0x7fffffffffffffffULL   /* the largest file position (loff_t) */
#define ELF_PLATFORM    "x86_64"
#define HWCAP2_FSGSBASE (1UL << 1)
#define X86_CR4_FSGSBASE (1UL << 16)

/* A file to load from: a struct file, or an image in memory. */
struct elf_source {
	struct file *file;
	const void *image;
	size_t size;
};

/* Where the segments went: for the stack's auxv and the registers. */
struct elf_load_info {
	unsigned long entry;            /* AT_ENTRY: the program's e_entry + its load bias */
	unsigned long phdr_addr;        /* AT_PHDR: the program headers in memory, or 0 */
	unsigned long interp_base;      /* AT_BASE: the interpreter's load bias, or 0 */
	unsigned long start_ip;         /* where the task starts */
	unsigned long sysinfo_ehdr;     /* AT_SYSINFO_EHDR: the vDSO */
};

/* The interpreter, opened and checked before the point of no return. */
struct elf_interp {
	struct elf_source src;          /* src.file NULL: the program has none */
	struct elf64_hdr eh;
	struct elf64_phdr *ph;
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
 * file is short, -EIO.
 */
static int elf_read(const struct elf_source *src, void *buf, size_t len, u64 pos)
{
	if (pos > LOFF_MAX || len > LOFF_MAX - pos)
		return -EINVAL;
	if (pos > src->size || len > src->size - pos)
		return -EIO;
	if (src->file)
		return file_read_exact(src->file, buf, len, (loff_t)pos);
	memcpy(buf, (const char *)src->image + pos, len);
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
static struct elf64_phdr *load_elf_phdrs(const struct elf_source *src,
					 const struct elf64_hdr *eh)
{
	size_t size = (size_t)eh->e_phnum * sizeof(struct elf64_phdr);
	struct elf64_phdr *ph;

	if (!elf_phdrs_size_ok(eh))
		return NULL;
	ph = kmalloc(size, GFP_KERNEL);
	if (ph && elf_read(src, ph, size, eh->e_phoff)) {
		kfree(ph);
		ph = NULL;
	}
	return ph;
}

static void elf_put_interp(struct elf_interp *in)
{
	kfree(in->ph);
	if (in->src.file)
		fput(in->src.file);
	in->ph = NULL;
	in->src.file = NULL;
}

/*
 * Step 1 for the interpreter, as load_elf_binary() checks it before its
 * point of no return: the first PT_INTERP's path must be 2 to PATH_MAX
 * bytes inside the file and end with its NUL (-ENOEXEC, or elf_read's
 * -EIO/-EINVAL), must open for exec (-ENOENT, -EACCES ...: open_exec),
 * and must be an x86_64 ELF file (-EIO if shorter than an ELF header,
 * -ELIBBAD if not ELF or not x86_64) with a readable program header
 * table (-ELIBBAD). Its e_type and segments are checked at load time.
 * Return: 0 with in->src.file set (or NULL: no PT_INTERP), or an error.
 */
static int elf_open_interp(const struct elf_source *src, const struct elf64_phdr *ph,
			   int phnum, struct elf_interp *in)
{
	const struct elf64_phdr *interp = NULL;
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
	err = elf_read(src, path, interp->p_filesz, interp->p_offset);
	if (err)
		goto out_free_path;
	err = -ENOEXEC;
	if (path[interp->p_filesz - 1] != '\0')
		goto out_free_path;
	err = open_exec(path, &in->src.file);
	if (err)
		goto out_free_path;
	in->src.size = (size_t)in->src.file->f_inode->i_size;
	err = file_read_exact(in->src.file, &in->eh, sizeof(in->eh), 0);
	if (err)
		goto out_put;
	err = -ELIBBAD;
	if (memcmp(in->eh.e_ident, "\177ELF", 4) != 0 || in->eh.e_machine != EM_X86_64)
		goto out_put;
	in->ph = load_elf_phdrs(&in->src, &in->eh);
	if (!in->ph)
		goto out_put;
	kfree(path);
	return 0;

out_put:
	elf_put_interp(in);
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
static int copy_to_mm(struct mm_struct *mm, const struct elf_source *src, unsigned long va,
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
		err = elf_read(src, (char *)__va(pa & PAGE_MASK) + off, n, pos);
		if (err)
			return err;
		va += n;
		pos += n;
		len -= n;
	}
	return 0;
}

/*
 * Make the VMA at start (just made by elf_map_range) a private mapping of
 * file from offset off (page aligned), as Linux's elf_map() does with
 * vm_mmap: the pages come from the file's page cache when first touched,
 * copied on write; /proc/PID/maps names the file.
 */
static int elf_map_file(struct mm_struct *mm, struct file *file, unsigned long start, u64 off)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	vma->vm_pgoff = off >> PAGE_SHIFT;
	vma->vm_file = get_file(file);
	return file->f_op->mmap(file, vma);
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

/*
 * Linux's padzero(): zero from addr to the end of its page, in the page
 * the program will see: a copied page as it is, a file mapping's page in
 * its private copy, made now (a write fault; nothing has touched the new
 * mm's file pages before, so a present page is never the page cache's).
 * Caller holds mm->mmap_lock.
 * Return: 0 or -EFAULT.
 */
static int padzero(struct mm_struct *mm, unsigned long addr)
{
	unsigned long page = ELF_PAGESTART(addr);
	phys_addr_t pa;

	if (!virt_to_phys_walk(mm->pgd, page, &pa) &&
	    (handle_mm_fault(mm, page, true, false) || !virt_to_phys_walk(mm->pgd, page, &pa)))
		return -EFAULT;
	memset((char *)__va(pa & PAGE_MASK) + ELF_PAGEOFFSET(addr), 0,
	       PAGE_SIZE - ELF_PAGEOFFSET(addr));
	return 0;
}

/* Like Linux's vm_enough_memory() guess: no one mapping larger than RAM. */
static bool elf_enough_memory(unsigned long len)
{
	return len >> PAGE_SHIFT <= totalram_pages;
}

/*
 * Load one PT_LOAD segment at addr (its p_vaddr plus the load bias), as
 * Linux's elf_load() maps it:
 *
 *   - the file part: the whole pages from ELF_PAGESTART(addr) that hold
 *     the segment's p_filesz bytes, mapped privately from the file at
 *     p_offset rounded down to its page (p_offset and p_vaddr must agree
 *     within a page, as mmap's offset must be aligned: -EINVAL). Bytes of
 *     those pages outside the segment are the file's; bytes past the end
 *     of the file read as zeros in its last page, and a page wholly past
 *     it raises SIGBUS when touched (an image with no file is copied:
 *     zeros there);
 *   - if p_memsz > p_filesz, .bss: the rest of the last file page is
 *     zeroed when the segment is writable (padzero, in the page's
 *     private copy, made now; a page wholly past
 *     the end of the file makes that fail, -EFAULT, as in Linux), and
 *     the pages after it up to p_vaddr + p_memsz are anonymous, readable
 *     and writable whatever p_flags say, executable if it is (Linux's
 *     vm_brk_flags()).
 *
 * Caller holds mm->mmap_lock and has checked p_filesz <= p_memsz and
 * addr + p_memsz <= TASK_SIZE. Return: 0, or an error.
 */
static int elf_load(struct mm_struct *mm, const struct elf_source *src,
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
		if (src->file && src->file->f_op->mmap) {
			err = elf_map_file(mm, src->file, start, off);
			if (err)
				return err;
		} else if (off < src->size) {
			err = copy_to_mm(mm, src, start, off, min(size, src->size - off), flags);
			if (err)
				return err;
		}
		zero_start = addr + ph->p_filesz;
		zero_end = addr + ph->p_memsz;
		if (ph->p_memsz > ph->p_filesz && ELF_PAGEOFFSET(zero_start)) {
			/* padzero(): the last file page's tail. */
			u64 page_off = off + (ELF_PAGESTART(zero_start) - start);

			if (page_off >= ALIGN_UP(src->size, PAGE_SIZE)) {
				if (flags & VM_WRITE)
					return -EFAULT;
			} else if (flags & VM_WRITE) {
				err = padzero(mm, zero_start);
				if (err)
					return err;
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

/* Linux's total_mapping_size(): from the lowest PT_LOAD page to the
 * highest PT_LOAD end; 0 if there is no PT_LOAD. */
static unsigned long total_mapping_size(const struct elf64_phdr *ph, int n)
{
	unsigned long lo = ~0UL, hi = 0;
	bool any = false;

	for (int i = 0; i < n; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		lo = min(lo, ELF_PAGESTART(ph[i].p_vaddr));
		hi = max(hi, ph[i].p_vaddr + ph[i].p_memsz);
		any = true;
	}
	return any ? hi - lo : 0;
}

/* Linux's maximum_alignment(): the largest power-of-two p_align of the
 * PT_LOADs, at least a page. */
static unsigned long maximum_alignment(const struct elf64_phdr *ph, int n)
{
	unsigned long align = 0;

	for (int i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_align &&
		    !(ph[i].p_align & (ph[i].p_align - 1)))
			align = max(align, ph[i].p_align);
	return align > ELF_MIN_ALIGN ? align : ELF_MIN_ALIGN;
}

/* The first PT_LOAD in table order (the one Linux biases against), or NULL. */
static const struct elf64_phdr *first_load(const struct elf64_phdr *ph, int n)
{
	for (int i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD)
			return &ph[i];
	return NULL;
}

/*
 * A free place for an image of total bytes, aligned to align, in the mmap
 * area (Linux maps an ET_DYN interpreter or loader at a mmap(NULL, total)
 * address). Return: its start, or 0 if none is left.
 */
static unsigned long elf_mmap_base(struct mm_struct *mm, unsigned long total, unsigned long align)
{
	unsigned long len = ELF_PAGEALIGN(total), addr;

	if (!len || len > TASK_SIZE - align)
		return 0;
	addr = get_unmapped_area(mm, len + align - ELF_MIN_ALIGN);
	return addr ? ALIGN_UP(addr, align) : 0;
}

/*
 * The load bias of an ET_DYN program (Linux's load_elf_binary, with no
 * randomization): with an interpreter, its first PT_LOAD's page at
 * ELF_ET_DYN_BASE rounded down to the largest p_align; without one, in
 * the mmap area. 0 for ET_EXEC. Return: 0 or -EINVAL (no PT_LOAD) or
 * -ENOMEM (no room).
 */
static int elf_load_bias(struct mm_struct *mm, const struct elf64_hdr *eh,
			 const struct elf64_phdr *ph, bool has_interp, unsigned long *bias)
{
	unsigned long total = total_mapping_size(ph, eh->e_phnum);
	unsigned long align = maximum_alignment(ph, eh->e_phnum), base;

	*bias = 0;
	if (eh->e_type != ET_DYN)
		return 0;
	if (!total)
		return -EINVAL;
	if (has_interp) {
		base = ELF_ET_DYN_BASE & ~(align - 1);
	} else {
		base = elf_mmap_base(mm, total, align);
		if (!base)
			return -ENOMEM;
	}
	*bias = ELF_PAGESTART(base - first_load(ph, eh->e_phnum)->p_vaddr);
	return 0;
}

/*
 * Step 2: the program's segments, as load_elf_binary() maps them after
 * its point of no return; any error here kills the process in Linux.
 * Each PT_LOAD in the order of the table (a later segment replaces what
 * an earlier one mapped where they overlap), moved by the load bias
 * (elf_load_bias). Every segment must lie below TASK_SIZE with p_filesz
 * <= p_memsz (-EINVAL), the entry point too (-EINVAL; an ET_EXEC with no
 * PT_LOAD loads and faults at its entry, an ET_DYN is -EINVAL). Sets the
 * code, data and heap bounds of mm as Linux does.
 */
static int load_elf_segments(struct mm_struct *mm, const struct elf_source *src,
			     const struct elf64_hdr *eh, const struct elf64_phdr *ph,
			     bool has_interp, struct elf_load_info *info)
{
	unsigned long bias, elf_brk = 0;
	unsigned long start_code = ~0UL, end_code = 0, start_data = 0, end_data = 0;
	bool first = true;
	int err;

	info->phdr_addr = 0;
	err = elf_load_bias(mm, eh, ph, has_interp, &bias);
	if (err)
		return err;
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
		err = elf_load(mm, src, p, addr, first);
		if (err)
			return err;
		first = false;
		if (p->p_offset <= eh->e_phoff && eh->e_phoff - p->p_offset < p->p_filesz)
			info->phdr_addr = eh->e_phoff - p->p_offset + addr;
		if ((p->p_flags & PF_X) && addr < start_code)
			start_code = addr;
		start_data = max(start_data, addr);
		if (p->p_flags & PF_X)
			end_code = max(end_code, addr + p->p_filesz);
		end_data = max(end_data, addr + p->p_filesz);
		elf_brk = max(elf_brk, addr + p->p_memsz);
	}
	info->entry = eh->e_entry + bias;
	if (info->entry >= TASK_SIZE)
		return -EINVAL;                 /* BAD_ADDR(elf_entry) */
	mm->start_code = start_code == ~0UL ? 0 : start_code;
	mm->end_code = end_code;
	mm->start_data = start_data;
	mm->end_data = end_data;
	if (eh->e_type == ET_DYN && !has_interp)
		elf_brk = ELF_ET_DYN_BASE;      /* a loader: its heap away from the mmap area */
	mm->start_brk = mm->brk = ELF_PAGEALIGN(elf_brk);
	return 0;
}

/*
 * Step 2 for the interpreter, as Linux's load_elf_interp(): an ET_DYN
 * interpreter goes in the mmap area (elf_mmap_base), an ET_EXEC one at
 * its own addresses (over the program, if they overlap, as MAP_FIXED);
 * any other e_type, no PT_LOAD, a segment outside user space or with
 * p_filesz > p_memsz, or an entry point past it fails (and kills the
 * process). Sets info->interp_base (AT_BASE) and info->start_ip.
 */
static int load_elf_interp(struct mm_struct *mm, const struct elf_interp *in,
			   struct elf_load_info *info)
{
	const struct elf64_hdr *eh = &in->eh;
	unsigned long total = total_mapping_size(in->ph, eh->e_phnum), base = 0;
	int err;

	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return -ENOEXEC;
	if (!total)
		return -EINVAL;
	if (eh->e_type == ET_DYN) {
		const struct elf64_phdr *first = first_load(in->ph, eh->e_phnum);
		unsigned long at = elf_mmap_base(mm, total, ELF_MIN_ALIGN);

		if (!at)
			return -ENOMEM;
		base = at - ELF_PAGESTART(first->p_vaddr);
	}
	for (int i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *p = &in->ph[i];
		unsigned long addr = base + p->p_vaddr;

		if (p->p_type != PT_LOAD)
			continue;
		if (addr >= TASK_SIZE || p->p_filesz > p->p_memsz || p->p_memsz > TASK_SIZE ||
		    TASK_SIZE - p->p_memsz < addr)
			return -ENOMEM;
		err = elf_load(mm, &in->src, p, addr, false);
		if (err)
			return err;
	}
	info->interp_base = base;
	info->start_ip = base + eh->e_entry;
	if (info->start_ip >= TASK_SIZE)
		return -EINVAL;
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

/* AT_HWCAP: CPUID leaf 1's EDX, the features Linux reports there. */
static unsigned long elf_hwcap(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return d;
}

/* AT_HWCAP2: HWCAP2_FSGSBASE when user mode may use rdfsbase and friends. */
static unsigned long elf_hwcap2(void)
{
	return read_cr4() & X86_CR4_FSGSBASE ? HWCAP2_FSGSBASE : 0;
}

/* Step 4 (create_elf_tables). Return: the initial RSP, or an error. */
static long create_elf_tables(struct linux_binprm *bprm, const struct elf64_hdr *eh,
			      const struct elf_load_info *info)
{
	unsigned long sp = STACK_TOP - sizeof(u64), execfn, platform, random;
	u64 rnd[2] = { rdtsc() * 0x9e3779b97f4a7c15ULL, ktime_get_real_ns() ^ 0x5deece66dULL };
	unsigned long *argv_u = bprm->user_ptrs, *envp_u = bprm->user_ptrs + bprm->argc;
	struct task_struct *c = current;

	if (push_bytes(&sp, bprm->filename, strlen(bprm->filename) + 1))
		return -EFAULT;
	execfn = sp;
	if (push_strings(&sp, bprm->envp, bprm->envc, envp_u) ||
	    push_strings(&sp, bprm->argv, bprm->argc, argv_u) ||
	    push_bytes(&sp, ELF_PLATFORM, sizeof(ELF_PLATFORM)))
		return -EFAULT;
	platform = sp;
	if (push_bytes(&sp, rnd, sizeof(rnd)))
		return -EFAULT;
	random = sp;

	u64 auxv[] = {
		AT_SYSINFO_EHDR, info->sysinfo_ehdr,
		AT_MINSIGSTKSZ, get_sigframe_size(),
		AT_HWCAP, elf_hwcap(),
		AT_PAGESZ, PAGE_SIZE,
		AT_CLKTCK, USER_HZ,
		AT_PHDR, info->phdr_addr,
		AT_PHENT, sizeof(struct elf64_phdr),
		AT_PHNUM, eh->e_phnum,
		AT_BASE, info->interp_base,
		AT_FLAGS, 0,
		AT_ENTRY, info->entry,
		AT_UID, c->uid, AT_EUID, c->euid, AT_GID, c->gid, AT_EGID, c->egid,
		AT_SECURE, bprm->secureexec,
		AT_RANDOM, random,
		AT_HWCAP2, elf_hwcap2(),
		AT_EXECFN, execfn,
		AT_PLATFORM, platform,
		AT_NULL, 0,
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
	mm->arg_start = bprm->argc ? argv_u[0] : platform;
	mm->arg_end = mm->env_start = bprm->envc ? envp_u[0] : execfn;
	mm->env_end = execfn;
	return (long)sp;
}

/*
 * load_elf_binary - load the ELF program in bprm (its first bytes in
 * bprm->buf) and its interpreter, replacing the current program.
 *
 * Before the point of no return a bad file fails the call: the header
 * (magic, type, machine), the program header table (e_phentsize,
 * e_phnum, inside the file) and the interpreter (elf_open_interp). The
 * segments, the entry points and the interpreter's type and segments
 * Linux checks only after it: there a bad one kills the process with
 * SIGSEGV, and so it does here, though keyhole builds the new address
 * space before dropping the old one.
 *
 * Context: process context (a user process, or a kernel thread becoming
 * one).
 * Return: 0 (the task returns to user mode at the new program); -ENOEXEC
 * for a file that is not an x86_64 ELF executable or has a bad program
 * header table (other formats may then be tried); -EIO, -EINVAL,
 * -ENOENT, -EACCES, -ELIBBAD for a bad interpreter; -ENOMEM.
 * After an error with bprm->point_of_no_return set, the old program is
 * gone: the caller ends a user process with SIGSEGV, as Linux does; a
 * kernel thread with a bad segment gets the error before that point,
 * since it has no program to lose.
 */
int load_elf_binary(struct linux_binprm *bprm)
{
	const struct elf64_hdr *eh = (const struct elf64_hdr *)bprm->buf;
	struct elf_source src = { bprm->file, bprm->image, bprm->size };
	struct elf_load_info info = { 0 };
	struct elf_interp interp = { 0 };
	struct elf64_phdr *ph;
	struct mm_struct *mm;
	long sp;
	int err;

	_Static_assert(sizeof(*eh) <= BINPRM_BUF_SIZE, "the ELF header is in bprm->buf");
	if (!elf_check_header(eh))
		return -ENOEXEC;
	ph = load_elf_phdrs(&src, eh);
	if (!ph)
		return -ENOEXEC;
	err = elf_open_interp(&src, ph, eh->e_phnum, &interp);
	if (err)
		goto out_free_ph;
	err = -ENOMEM;
	mm = mm_alloc();
	if (!mm)
		goto out_put_interp;
	mutex_lock(&mm->mmap_lock);
	err = insert_vm_area(mm, STACK_TOP - STACK_INITIAL, STACK_TOP,
			     VM_READ | VM_WRITE | VM_GROWSDOWN);
	if (!err)
		err = load_elf_segments(mm, &src, eh, ph, interp.src.file, &info);
	info.start_ip = info.entry;
	if (!err && interp.src.file)
		err = load_elf_interp(mm, &interp, &info);
	if (!err)
		err = map_vdso(mm, &info.sysinfo_ehdr);
	mutex_unlock(&mm->mmap_lock);
	if (err && !current->mm) {
		mmput(mm);              /* a kernel thread: nothing to lose, say why */
		goto out_put_interp;
	}

	/* Point of no return. From here a failure cannot return to the old
	 * program: it is gone. As Linux, the caller kills the process with
	 * SIGSEGV once it has freed what it holds. */
	begin_new_exec(bprm, mm);
	if (err)
		goto out_put_interp;
	err = -ENOMEM;
	bprm->user_ptrs = kmalloc((size_t)(bprm->argc + bprm->envc + 1) * sizeof(unsigned long),
				  GFP_KERNEL);
	if (!bprm->user_ptrs)
		goto out_put_interp;
	sp = create_elf_tables(bprm, eh, &info);
	kfree(bprm->user_ptrs);
	bprm->user_ptrs = NULL;
	err = sp < 0 ? (int)sp : start_thread(bprm, info.start_ip, (unsigned long)sp);

out_put_interp:
	elf_put_interp(&interp);
out_free_ph:
	kfree(ph);
	return err;
}
