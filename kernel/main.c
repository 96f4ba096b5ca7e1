/*
 * main.c - kmain(), where the kernel starts in C, and the boot order.
 *
 * arch/x86_64/boot.asm gets here in 64-bit mode, in the higher half, on
 * the boot stack, with interrupts off and the early page tables. kmain()
 * then brings the machine up one subsystem per line; the order matters and
 * each line says why it is where it is.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/desc.h"
#include "arch/x86_64/fw_cfg.h"
#include "arch/x86_64/i8259.h"
#include "arch/x86_64/multiboot2.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/serial.h"
#include "arch/x86_64/vga.h"
#include "fs/console.h"
#include "fs/cpio.h"
#include "fs/dev.h"
#include "fs/fdtable.h"
#include "fs/mount.h"
#include "fs/proc.h"
#include "fs/ramfs.h"
#include "ipc/namespace.h"
#include "kernel/cmdline.h"
#include "kernel/exec.h"
#include "kernel/ktest.h"
#include "kernel/panic.h"
#include "kernel/pid.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/vdso.h"
#include "lib/string.h"
#include "mm/kstack.h"
#include "mm/memblock.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "mm/slab.h"

#define KEYHOLE_VERSION "0.1"

/* Append QEMU's fw_cfg command-line words (see arch/x86_64/fw_cfg.c). */
static void cmdline_add_fw_cfg(void)
{
	char extra[512];

	if (fw_cfg_read_file("opt/keyhole/cmdline", extra, sizeof(extra)) <= 0)
		return;
	if (kernel_cmdline[0])
		strlcat(kernel_cmdline, " ", sizeof(kernel_cmdline));
	strlcat(kernel_cmdline, extra, sizeof(kernel_cmdline));
}

/* Whether the command line asks for the in-kernel tests: ktest or ktest=... */
static bool ktest_requested(void)
{
	char names[2];

	return cmdline_has("ktest") || cmdline_get("ktest", names, sizeof(names));
}

static struct inode *root_inode;       /* the ramfs at "/" */

/*
 * rootfs_init - the root file system: a ramfs with the initramfs (the GRUB
 * module named "initramfs", if any) unpacked into it, /dev/null, /dev/zero
 * and the console.
 */
static void rootfs_init(void)
{
	root_inode = ramfs_create_root();
	if (!root_inode)
		panic("no memory for the root file system");
	for (int i = 0; i < boot_info.nr_modules; i++) {
		struct boot_module *m = &boot_info.modules[i];

		if (strcmp(m->name, "initramfs") != 0)
			continue;
		int skipped = unpack_initramfs(root_inode, __va(m->start), m->end - m->start);
		if (skipped < 0)
			panic("initramfs: cannot unpack (%d)", skipped);
		pr_info("initramfs: %llu bytes unpacked\n", (unsigned long long)(m->end - m->start));
		/* The files are in the ramfs now: the archive's pages are free. */
		pr_info("Freeing initrd memory: %luK\n",
			free_reserved_area(m->start, m->end) << (PAGE_SHIFT - 10));
	}
	if (dev_populate(root_inode) || console_init(root_inode))
		panic("cannot create /dev");
	if (proc_init(root_inode))
		panic("cannot create /proc");
	if (mount_root(root_inode, "rootfs"))
		panic("cannot mount the root");
	/* The mounts a Debian system has: proc, and tmpfs on /tmp and
	 * /dev/shm (fs/namespace.c; /dev itself stays on the root). */
	vfs_mkdir(root_inode, root_inode, "/proc", 0555);
	vfs_mkdir(root_inode, root_inode, "/tmp", 01777);
	vfs_mkdir(root_inode, root_inode, "/dev/shm", 01777);
	if (kern_mount("proc", "proc", "/proc", 0, NULL) ||
	    kern_mount("tmpfs", "tmpfs", "/tmp", 0, NULL) ||
	    kern_mount("tmpfs", "tmpfs", "/dev/shm", 0, NULL))
		panic("cannot mount /proc, /tmp and /dev/shm");
}

/* Give the first process "/" and descriptors 0, 1, 2 on /dev/console. */
static void init_process_files(void)
{
	struct file *console;
	unsigned long flags;

	current->fs = fs_alloc(root_inode);
	current->files = files_alloc();
	if (!current->fs || !current->files)
		panic("no memory for init's files");
	current->fs_umask = 0022;       /* Linux's init_fs: files 0644, directories 0755 */
	spin_lock_irqsave(&tasklist_lock, flags);
	change_pid(current, PIDTYPE_SID, current->pids[PIDTYPE_PID]);  /* leads its session */
	change_pid(current, PIDTYPE_PGID, current->pids[PIDTYPE_PID]);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (vfs_open(root_inode, root_inode, "/dev/console", O_RDWR, 0, &console))
		panic("cannot open /dev/console");
	file_set_name(console, root_inode, NULL, "/dev/console");     /* /proc/1/fd/0 */
	for (int fd = 0; fd < 3; fd++)
		fd_install_lowest(fd ? get_file(console) : console, 0, false);
}

/*
 * run_init_module - the first user process, for now: the GRUB module named
 * on the command line (initmod=NAME) is exec'd as PID 1. The initramfs and
 * /sbin/init take over from this in the next step.
 */
static int run_init_module(void *arg)
{
	const char *name = arg;
	static char *const argv[] = { "/init", NULL };
	static char *const envp[] = { "HOME=/", "TERM=linux", NULL };

	for (int i = 0; i < boot_info.nr_modules; i++) {
		struct boot_module *m = &boot_info.modules[i];
		struct linux_binprm bprm = {
			.image = __va(m->start), .size = m->end - m->start, .filename = "/init",
			.argc = 1, .envc = 2, .argv = argv, .envp = envp,
		};

		if (strcmp(m->name, name) != 0)
			continue;
		init_process_files();
		int err = exec_binprm(&bprm);
		if (err)
			panic("initmod=%s: exec failed with %d", name, err);
		return 0;               /* to user mode */
	}
	panic("initmod=%s: no such GRUB module", name);
}

/*
 * run_init - the first user process: /init from the initramfs (or
 * init=PATH), with the command-line words after "--" as its arguments, as
 * Linux passes unknown words to init.
 */
static int run_init(void *arg)
{
	static char *argv[16], *envp[] = { "HOME=/", "TERM=linux", "PATH=/bin:/sbin", NULL };
	static char path[128] = "/init", words[COMMAND_LINE_SIZE];
	int argc = 0;

	(void)arg;
	cmdline_get("init", path, sizeof(path));
	argv[argc++] = path;
	const char *rest = strstr(kernel_cmdline, " -- ");
	if (rest) {
		strlcpy(words, rest + 4, sizeof(words));
		for (char *w = words; *w && argc < 15;) {
			while (*w == ' ')
				*w++ = '\0';
			if (!*w)
				break;
			argv[argc++] = w;
			while (*w && *w != ' ')
				w++;
		}
	}
	argv[argc] = NULL;
	init_process_files();
	int err = kernel_execve(path, argv, argc, envp, 3);
	if (err)
		panic("No working init found (%s: error %d). Try passing init= option to kernel.",
		      path, err);
	return 0;                       /* to user mode */
}

/* Give memblock the RAM of the memory map and reserve what is in use. */
static void memblock_setup(void)
{
	for (int i = 0; i < boot_info.nr_mmap; i++) {
		struct boot_mmap_entry *e = &boot_info.mmap[i];

		pr_info("BIOS-e820: [mem 0x%016llx-0x%016llx] %s\n",
			(unsigned long long)e->addr, (unsigned long long)(e->addr + e->len - 1),
			mmap_type_name(e->type));
		if (e->type == MMAP_AVAILABLE)
			memblock_add(ALIGN_UP(e->addr, PAGE_SIZE),
				     ALIGN_DOWN(e->addr + e->len, PAGE_SIZE) -
					     ALIGN_UP(e->addr, PAGE_SIZE));
	}
	memblock_reserve(0, 0x100000);          /* BIOS data, VGA, option ROMs */
	memblock_reserve((phys_addr_t)_kernel_phys_start,
			 (phys_addr_t)_kernel_phys_end - (phys_addr_t)_kernel_phys_start);
	memblock_reserve(ALIGN_DOWN(boot_info.mbi_start, PAGE_SIZE),
			 ALIGN_UP(boot_info.mbi_end, PAGE_SIZE) -
				 ALIGN_DOWN(boot_info.mbi_start, PAGE_SIZE));
	for (int i = 0; i < boot_info.nr_modules; i++) {
		struct boot_module *m = &boot_info.modules[i];

		memblock_reserve(ALIGN_DOWN(m->start, PAGE_SIZE),
				 ALIGN_UP(m->end, PAGE_SIZE) - ALIGN_DOWN(m->start, PAGE_SIZE));
		pr_info("module: [mem 0x%08llx-0x%08llx] %s\n", (unsigned long long)m->start,
			(unsigned long long)m->end - 1, m->name);
	}
}

static void print_memory_summary(void)
{
	unsigned long kernel_kb = ((unsigned long)_kernel_phys_end -
				   (unsigned long)_kernel_phys_start) / 1024;
	unsigned long code_kb = (unsigned long)(_etext - _stext) / 1024;

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK kernel image, %luK reserved)\n",
		nr_free_pages() * (PAGE_SIZE / 1024),
		(unsigned long)(memblock_phys_mem_size() / 1024), code_kb, kernel_kb,
		(unsigned long)(memblock_reserved_size() / 1024));
	printk(KERN_NOTICE "keyhole: %lu MiB RAM, %lu MiB free\n",
	       totalram_pages * PAGE_SIZE >> 20, nr_free_pages() * PAGE_SIZE >> 20);
}

/*
 * cpu_idle - what the boot task does once the kernel is up: run anything
 * runnable, else halt until the next interrupt. Interrupts go off for the
 * check so a wake-up cannot slip in between it and hlt (sti; hlt is one
 * step: the interrupt comes after hlt starts).
 */
static __noreturn void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (current->need_resched || nr_running() > 0) {
			local_irq_enable();
			schedule();
		} else {
			safe_halt();
		}
	}
}

/*
 * kmain - bring the kernel up.
 *
 * Context: boot CPU, interrupts off, boot stack. Does not return.
 */
__noreturn void kmain(u32 magic, u32 mbi_phys)
{
	time_mark_boot();               /* printk's timestamps count from here */
	serial_init();                  /* COM1 first: every message goes there */
	multiboot2_parse(magic, mbi_phys);      /* command line, memory map, modules */
	cmdline_add_fw_cfg();           /* + QEMU's extra words, before anyone reads them */
	if (cmdline_has("quiet"))
		console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	preempt_stress = cmdline_has("preempt_stress");        /* kernel/preempt.h */
	if (ktest_requested() || cmdline_has("panic=exit"))
		panic_exits_qemu = true;        /* a test run must never hang */
	vga_init();                     /* mirror the console on the screen */

	printk(KERN_NOTICE "keyhole %s: an educational x86_64 kernel for System V IPC\n",
	       KEYHOLE_VERSION);
	pr_info("Command line: %s\n", kernel_cmdline);
	pr_info("Booted by: %s\n", boot_info.bootloader);

	gdt_init();                     /* our GDT and TSS, off the identity map */
	idt_init();                     /* exceptions now print an oops */
	init_8259A();                   /* PIC remapped to 32-47, all masked */
	memblock_setup();               /* RAM and what is in use, from GRUB */
	paging_init();                  /* direct map of all RAM; identity map gone */
	page_alloc_init();              /* buddy allocator takes the free RAM */
	kmem_cache_init();              /* kmalloc */
	idr_node_cache_init();          /* the nodes of every idr */
	kstack_init();                  /* kernel stacks with guard pages */
	syscall_init();                 /* SYSCALL entry, GS -> per-CPU data */
	fpu_init();                     /* SSE on, for user programs */
	sched_init();                   /* this code becomes the idle task */
	fork_init();                    /* the task_struct cache */
	ipc_ns_init();                  /* init_ipc_ns, System V IPC's first namespace */
	time_init();                    /* TSC clock, RTC, periodic timer */
	vdso_init();                    /* the vDSO's pages, mapped at every exec */
	local_irq_enable();             /* the timer starts ticking */
	print_memory_summary();

	printk(KERN_NOTICE "keyhole: kernel up %llu ms after kmain, %llu ms after power-on\n",
	       (unsigned long long)(ktime_get_ns() / NSEC_PER_MSEC),
	       (unsigned long long)(ktime_since_poweron_ns() / NSEC_PER_MSEC));
	rootfs_init();                  /* "/" in a ramfs, /dev */
	static char initmod[32];
	if (cmdline_get("initmod", initmod, sizeof(initmod)))
		kthread_run(run_init_module, initmod, "init");  /* first task: pid 1 */
	else if (!ktest_requested())
		kthread_run(run_init, NULL, "init");            /* /init, pid 1 */
	if (ktest_requested())          /* the tests run in a thread of their own */
		kthread_run(ktest_thread, NULL, "ktest");

	cpu_idle();
}
