/*
 * proc_misc.c - the files of /proc about the whole machine, in Linux 6.1's
 * formats, and /proc/sys/kernel:
 *
 *	meminfo      "MemTotal:       NNNN kB" ... (fs/proc/meminfo.c): free,
 *	             top, vmstat
 *	stat         the CPU's time by kind, interrupts, context switches,
 *	             boot time, forks, runnable and blocked tasks (fs/proc/
 *	             stat.c): top, vmstat, ps (btime)
 *	uptime       seconds up and idle (fs/proc/uptime.c): uptime, ps, top
 *	loadavg      "0.00 0.01 0.05 1/23 456" (fs/proc/loadavg.c)
 *	version      the banner (fs/proc/version.c)
 *	vmstat       "name value" counters (mm/vmstat.c): vmstat
 *	cmdline      the kernel's command line (fs/proc/cmdline.c)
 *	cpuinfo      the CPU as CPUID describes it (arch/x86/kernel/cpu/proc.c)
 *	filesystems  the file system types (fs/filesystems.c)
 *	sys/kernel/  hostname, domainname (writable by root), osrelease,
 *	             ostype, version, pid_max (kernel/sysctl.c's files), and
 *	             the IPC limits msgmax ... shmmni (ipc/ipc_sysctl.c)
 *
 * Counters keyhole does not keep (page cache lists, swap, page tables,
 * interrupts of kinds it does not have) read 0, as they would on a Linux
 * without that feature; each is one line below.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/multiboot2.h"
#include "arch/x86_64/traps.h"
#include "fs/proc_internal.h"
#include "fs/shmem.h"
#include "ipc/ipc_sysctl.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/exit.h"
#include "kernel/irq.h"
#include "kernel/itimer.h"
#include "kernel/loadavg.h"
#include "kernel/pid.h"
#include "kernel/time.h"
#include "kernel/utsname.h"
#include "lib/string.h"
#include "mm/fault.h"
#include "mm/filemap.h"
#include "mm/kstack.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

static void show_val_kb(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_put_decimal_ull_width(m, name, pages << (PAGE_SHIFT - 10), 8);
	seq_puts(m, " kB\n");
}

static int meminfo_show(struct seq_file *m, struct task_struct *unused)
{
	unsigned long total = totalram_pages, free = nr_free_pages();
	unsigned long shmem = shmem_nr_pages(), slab = slab_nr_pages(), cached = nr_file_pages();

	(void)unused;
	show_val_kb(m, "MemTotal:       ", total);
	show_val_kb(m, "MemFree:        ", free);
	show_val_kb(m, "MemAvailable:   ", free);       /* nothing can be reclaimed */
	show_val_kb(m, "Buffers:        ", 0);
	show_val_kb(m, "Cached:         ", cached);     /* every file's, shmem's too, as Linux */
	show_val_kb(m, "SwapCached:     ", 0);
	show_val_kb(m, "Active:         ", 0);          /* no LRU lists */
	show_val_kb(m, "Inactive:       ", 0);
	show_val_kb(m, "Active(anon):   ", 0);
	show_val_kb(m, "Inactive(anon): ", 0);
	show_val_kb(m, "Active(file):   ", 0);
	show_val_kb(m, "Inactive(file): ", 0);
	show_val_kb(m, "Unevictable:    ", 0);
	show_val_kb(m, "Mlocked:        ", 0);
	show_val_kb(m, "SwapTotal:      ", 0);          /* no swap */
	show_val_kb(m, "SwapFree:       ", 0);
	show_val_kb(m, "Zswap:          ", 0);
	show_val_kb(m, "Zswapped:       ", 0);
	show_val_kb(m, "Dirty:          ", 0);
	show_val_kb(m, "Writeback:      ", 0);
	show_val_kb(m, "AnonPages:      ", 0);
	show_val_kb(m, "Mapped:         ", 0);
	show_val_kb(m, "Shmem:          ", shmem);
	show_val_kb(m, "KReclaimable:   ", 0);
	show_val_kb(m, "Slab:           ", slab);
	show_val_kb(m, "SReclaimable:   ", 0);
	show_val_kb(m, "SUnreclaim:     ", slab);
	seq_printf(m, "KernelStack:    %8lu kB\n",
		   (unsigned long)READ_ONCE(nr_threads) * ((PAGE_SIZE << KSTACK_ORDER) >> 10));
	show_val_kb(m, "PageTables:     ", 0);
	show_val_kb(m, "SecPageTables:  ", 0);
	show_val_kb(m, "NFS_Unstable:   ", 0);
	show_val_kb(m, "Bounce:         ", 0);
	show_val_kb(m, "WritebackTmp:   ", 0);
	show_val_kb(m, "CommitLimit:    ", total / 2);  /* overcommit_ratio 50, no swap */
	show_val_kb(m, "Committed_AS:   ", total - free);
	seq_printf(m, "VmallocTotal:   %8lu kB\n", 34359738367UL);
	show_val_kb(m, "VmallocUsed:    ", 0);
	show_val_kb(m, "VmallocChunk:   ", 0);
	show_val_kb(m, "Percpu:         ", 0);
	seq_printf(m, "HardwareCorrupted: %5lu kB\n", 0UL);
	show_val_kb(m, "AnonHugePages:  ", 0);
	show_val_kb(m, "ShmemHugePages: ", 0);
	show_val_kb(m, "ShmemPmdMapped: ", 0);
	show_val_kb(m, "FileHugePages:  ", 0);
	show_val_kb(m, "FilePmdMapped:  ", 0);
	seq_puts(m, "HugePages_Total:       0\nHugePages_Free:        0\n"
		    "HugePages_Rsvd:        0\nHugePages_Surp:        0\n"
		    "Hugepagesize:       2048 kB\nHugetlb:               0 kB\n");
	return 0;
}

/* /proc/vmstat: "name value" lines (mm/vmstat.c's vmstat_text), the ones
 * vmstat(8) reads and keyhole counts; the page counts in pages. */
static int vmstat_show(struct seq_file *m, struct task_struct *unused)
{
	unsigned long slab = slab_nr_pages(), shmem = shmem_nr_pages();

	(void)unused;
	seq_printf(m, "nr_free_pages %lu\n", nr_free_pages());
	seq_printf(m, "nr_slab_reclaimable 0\nnr_slab_unreclaimable %lu\n", slab);
	seq_printf(m, "nr_file_pages %lu\nnr_shmem %lu\n", nr_file_pages(), shmem);
	seq_printf(m, "nr_kernel_stack %lu\n",
		   (unsigned long)READ_ONCE(nr_threads) * ((PAGE_SIZE << KSTACK_ORDER) >> 10));
	seq_puts(m, "pgpgin 0\npgpgout 0\npswpin 0\npswpout 0\n");
	seq_printf(m, "pgfault %lu\npgmajfault 0\n", READ_ONCE(nr_page_faults));
	return 0;
}

/* The wall-clock time of boot, in seconds since the epoch (btime). */
static u64 boot_time_sec(void)
{
	return (ktime_get_real_ns() - ktime_get_ns()) / NSEC_PER_SEC;
}

/* Tasks asleep in TASK_UNINTERRUPTIBLE ("D"): procs_blocked. */
static unsigned long nr_blocked(void)
{
	struct task_struct *p;
	unsigned long flags, n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(p)
		if (!p->exit_state && (READ_ONCE(p->state) & TASK_UNINTERRUPTIBLE))
			n++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

static int stat_show(struct seq_file *m, struct task_struct *unused)
{
	u64 user = nsec_to_clock_t(READ_ONCE(cpustat[CPUTIME_USER]));
	u64 system = nsec_to_clock_t(READ_ONCE(cpustat[CPUTIME_SYSTEM]));
	u64 idle = nsec_to_clock_t(READ_ONCE(cpustat[CPUTIME_IDLE]));
	u64 sum = 0;

	(void)unused;
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	seq_printf(m, "cpu  %lu 0 %lu %lu 0 0 0 0 0 0\n", user, system, idle);
	seq_printf(m, "cpu0 %lu 0 %lu %lu 0 0 0 0 0 0\n", user, system, idle);
	for (unsigned int i = 0; i < NR_IRQS; i++)
		sum += irq_count(i);
	seq_put_decimal_ull(m, "intr ", sum);
	for (unsigned int i = 0; i < NR_IRQS; i++)
		seq_put_decimal_ull(m, " ", irq_count(i));
	seq_putc(m, '\n');
	seq_printf(m, "ctxt %llu\n", (unsigned long long)READ_ONCE(nr_context_switches));
	seq_printf(m, "btime %llu\n", (unsigned long long)boot_time_sec());
	seq_printf(m, "processes %lu\n", READ_ONCE(total_forks));
	seq_printf(m, "procs_running %lu\n", nr_running());
	seq_printf(m, "procs_blocked %lu\n", nr_blocked());
	seq_puts(m, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
	return 0;
}

static int uptime_show(struct seq_file *m, struct task_struct *unused)
{
	u64 up = ktime_get_ns(), idle = READ_ONCE(cpustat[CPUTIME_IDLE]);

	(void)unused;
	seq_printf(m, "%llu.%02llu %llu.%02llu\n", up / NSEC_PER_SEC,
		   up % NSEC_PER_SEC / (NSEC_PER_SEC / 100), idle / NSEC_PER_SEC,
		   idle % NSEC_PER_SEC / (NSEC_PER_SEC / 100));
	return 0;
}

static int loadavg_show(struct seq_file *m, struct task_struct *unused)
{
	unsigned long a[3] = { READ_ONCE(avenrun[0]), READ_ONCE(avenrun[1]),
			       READ_ONCE(avenrun[2]) };

	(void)unused;
	for (int i = 0; i < 3; i++)
		seq_printf(m, "%lu.%02lu ", LOAD_INT(a[i]), LOAD_FRAC(a[i]));
	seq_printf(m, "%lu/%d %d\n", nr_running(), READ_ONCE(nr_threads), last_pid());
	return 0;
}

/* /proc/cmdline: the kernel's command line, as the boot loader gave it
 * and QEMU's fw_cfg added to it (arch/x86_64/multiboot2.c, kernel/main.c). */
static int cmdline_show(struct seq_file *m, struct task_struct *unused)
{
	(void)unused;
	seq_printf(m, "%s\n", kernel_cmdline);
	return 0;
}

static int version_show(struct seq_file *m, struct task_struct *unused)
{
	(void)unused;
	seq_puts(m, linux_banner);
	return 0;
}

/* CPUID feature bits and Linux's names for them (arch/x86/include/asm/
 * cpufeatures.h), for the flags line. */
struct cpu_flag {
	u8 word, bit;
	const char *name;
};

enum { F_1_EDX, F_1_ECX, F_8001_EDX, F_8001_ECX, F_7_EBX, F_WORDS };

static const struct cpu_flag cpu_flags[] = {
	{ F_1_EDX, 0, "fpu" }, { F_1_EDX, 1, "vme" }, { F_1_EDX, 2, "de" },
	{ F_1_EDX, 3, "pse" }, { F_1_EDX, 4, "tsc" }, { F_1_EDX, 5, "msr" },
	{ F_1_EDX, 6, "pae" }, { F_1_EDX, 7, "mce" }, { F_1_EDX, 8, "cx8" },
	{ F_1_EDX, 9, "apic" }, { F_1_EDX, 11, "sep" }, { F_1_EDX, 12, "mtrr" },
	{ F_1_EDX, 13, "pge" }, { F_1_EDX, 14, "mca" }, { F_1_EDX, 15, "cmov" },
	{ F_1_EDX, 16, "pat" }, { F_1_EDX, 17, "pse36" }, { F_1_EDX, 19, "clflush" },
	{ F_1_EDX, 23, "mmx" }, { F_1_EDX, 24, "fxsr" }, { F_1_EDX, 25, "sse" },
	{ F_1_EDX, 26, "sse2" }, { F_1_EDX, 27, "ss" }, { F_1_EDX, 28, "ht" },
	{ F_8001_EDX, 11, "syscall" }, { F_8001_EDX, 20, "nx" },
	{ F_8001_EDX, 22, "mmxext" }, { F_8001_EDX, 26, "pdpe1gb" },
	{ F_8001_EDX, 27, "rdtscp" }, { F_8001_EDX, 29, "lm" },
	{ F_1_ECX, 0, "pni" }, { F_1_ECX, 1, "pclmulqdq" }, { F_1_ECX, 3, "monitor" },
	{ F_1_ECX, 9, "ssse3" }, { F_1_ECX, 12, "fma" }, { F_1_ECX, 13, "cx16" },
	{ F_1_ECX, 19, "sse4_1" }, { F_1_ECX, 20, "sse4_2" }, { F_1_ECX, 21, "x2apic" },
	{ F_1_ECX, 22, "movbe" }, { F_1_ECX, 23, "popcnt" },
	{ F_1_ECX, 24, "tsc_deadline_timer" }, { F_1_ECX, 25, "aes" },
	{ F_1_ECX, 26, "xsave" }, { F_1_ECX, 28, "avx" }, { F_1_ECX, 29, "f16c" },
	{ F_1_ECX, 30, "rdrand" }, { F_1_ECX, 31, "hypervisor" },
	{ F_8001_ECX, 0, "lahf_lm" }, { F_8001_ECX, 5, "abm" },
	{ F_8001_ECX, 8, "3dnowprefetch" },
	{ F_7_EBX, 0, "fsgsbase" }, { F_7_EBX, 3, "bmi1" }, { F_7_EBX, 5, "avx2" },
	{ F_7_EBX, 7, "smep" }, { F_7_EBX, 8, "bmi2" }, { F_7_EBX, 9, "erms" },
	{ F_7_EBX, 10, "invpcid" }, { F_7_EBX, 16, "avx512f" }, { F_7_EBX, 18, "rdseed" },
	{ F_7_EBX, 19, "adx" }, { F_7_EBX, 20, "smap" }, { F_7_EBX, 23, "clflushopt" },
	{ F_7_EBX, 29, "sha_ni" },
};

static int cpuinfo_show(struct seq_file *m, struct task_struct *unused)
{
	u32 a, b, c, d, max_leaf, max_ext, words[F_WORDS] = { 0 };
	char vendor[13], model[49] = "";
	u64 khz = tsc_khz_get();

	(void)unused;
	cpuid(0, 0, &max_leaf, &b, &c, &d);
	memcpy(vendor, &b, 4);
	memcpy(vendor + 4, &d, 4);
	memcpy(vendor + 8, &c, 4);
	vendor[12] = '\0';
	cpuid(1, 0, &a, &b, &words[F_1_ECX], &words[F_1_EDX]);
	u32 family = (a >> 8) & 0xf, modelno = (a >> 4) & 0xf, stepping = a & 0xf;
	if (family == 0xf)
		family += (a >> 20) & 0xff;
	if (family >= 6)
		modelno += ((a >> 16) & 0xf) << 4;
	u32 clflush = ((b >> 8) & 0xff) * 8;
	if (max_leaf >= 7)
		cpuid(7, 0, &a, &words[F_7_EBX], &c, &d);
	cpuid(0x80000000, 0, &max_ext, &b, &c, &d);
	if (max_ext >= 0x80000001)
		cpuid(0x80000001, 0, &a, &b, &words[F_8001_ECX], &words[F_8001_EDX]);
	if (max_ext >= 0x80000004) {
		u32 *w = (u32 *)model;

		for (u32 leaf = 0; leaf < 3; leaf++)
			cpuid(0x80000002 + leaf, 0, &w[leaf * 4], &w[leaf * 4 + 1], &w[leaf * 4 + 2],
			      &w[leaf * 4 + 3]);
		model[48] = '\0';
	}
	u32 phys = 36, virt = 48;
	if (max_ext >= 0x80000008) {
		cpuid(0x80000008, 0, &a, &b, &c, &d);
		phys = a & 0xff;
		virt = (a >> 8) & 0xff;
	}
	const char *name = model;
	while (*name == ' ')
		name++;

	seq_printf(m, "processor\t: 0\nvendor_id\t: %s\n", vendor);
	seq_printf(m, "cpu family\t: %u\nmodel\t\t: %u\nmodel name\t: %s\n", family, modelno,
		   *name ? name : "unknown");
	seq_printf(m, "stepping\t: %u\n", stepping);
	seq_printf(m, "cpu MHz\t\t: %lu.%03lu\n", khz / 1000, khz % 1000);
	seq_puts(m, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n"
		    "apicid\t\t: 0\ninitial apicid\t: 0\n");
	seq_printf(m, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\n",
		   max_leaf);
	seq_puts(m, "flags\t\t:");
	for (size_t i = 0; i < ARRAY_SIZE(cpu_flags); i++)
		if (words[cpu_flags[i].word] & (1U << cpu_flags[i].bit))
			seq_printf(m, " %s", cpu_flags[i].name);
	seq_puts(m, "\nbugs\t\t:\n");
	seq_printf(m, "bogomips\t: %lu.%02lu\n", khz / 500, khz / 5 % 100);
	seq_printf(m, "clflush size\t: %u\ncache_alignment\t: %u\n", clflush ? clflush : 64,
		   clflush ? clflush : 64);
	seq_printf(m, "address sizes\t: %u bits physical, %u bits virtual\n", phys, virt);
	seq_puts(m, "power management:\n\n");
	return 0;
}

/* The file system types keyhole has, as Linux lists them: "nodev" for
 * those that need no device. */
static int filesystems_show(struct seq_file *m, struct task_struct *unused)
{
	(void)unused;
	seq_puts(m, "nodev\ttmpfs\nnodev\tproc\n");   /* namespace.c's filesystems[] */
	return 0;
}

/* /proc/tty/drivers: which device numbers are which terminals, as Linux's
 * show_tty_driver (procps reads it to name a process's terminal). */
static void tty_range(struct seq_file *m, const char *driver, const char *name, int major,
		      int minor, int num, const char *type)
{
	seq_printf(m, "%-20s /dev/%-8s ", driver, name);
	if (num > 1)
		seq_printf(m, "%3d %d-%d ", major, minor, minor + num - 1);
	else
		seq_printf(m, "%3d %7d ", major, minor);
	seq_printf(m, "%s\n", type);
}

static int tty_drivers_show(struct seq_file *m, struct task_struct *unused)
{
	(void)unused;
	tty_range(m, "/dev/tty", "tty", 5, 0, 1, "system:/dev/tty");
	tty_range(m, "/dev/console", "console", 5, 1, 1, "system:console");
	tty_range(m, "/dev/ptmx", "ptmx", 5, 2, 1, "system");
	tty_range(m, "serial", "ttyS", 4, 64, 4, "serial");
	tty_range(m, "pty_slave", "pts", 136, 0, 1048576, "pty:slave");
	return 0;
}

static const struct proc_entry proc_tty_entries[] = {
	{ .name = "drivers", .mode = S_IFREG | 0444, .show = tty_drivers_show },
	{ 0 }
};

/* /proc/sys/kernel: each a value and a newline. */
static int hostname_show(struct seq_file *m, struct task_struct *unused)
{
	struct new_utsname u;

	(void)unused;
	utsname_get(&u);
	seq_printf(m, "%s\n", u.nodename);
	return 0;
}

static int domainname_show(struct seq_file *m, struct task_struct *unused)
{
	struct new_utsname u;

	(void)unused;
	utsname_get(&u);
	seq_printf(m, "%s\n", u.domainname);
	return 0;
}

static int osrelease_show(struct seq_file *m, struct task_struct *unused)
{
	struct new_utsname u;

	(void)unused;
	utsname_get(&u);
	seq_printf(m, "%s\n", u.release);
	return 0;
}

static int ostype_show(struct seq_file *m, struct task_struct *unused)
{
	struct new_utsname u;

	(void)unused;
	utsname_get(&u);
	seq_printf(m, "%s\n", u.sysname);
	return 0;
}

static int kversion_show(struct seq_file *m, struct task_struct *unused)
{
	struct new_utsname u;

	(void)unused;
	utsname_get(&u);
	seq_printf(m, "%s\n", u.version);
	return 0;
}

static int pid_max_show(struct seq_file *m, struct task_struct *unused)
{
	(void)unused;
	seq_printf(m, "%d\n", READ_ONCE(pid_max));
	return 0;
}

/* A name written to hostname or domainname: up to the first newline, as
 * Linux's proc_dostring takes a string. */
static size_t name_len(const char *kbuf, size_t len)
{
	const char *nl = memchr(kbuf, '\n', len);

	return nl ? (size_t)(nl - kbuf) : len;
}

static ssize_t hostname_write(struct task_struct *unused, const char *kbuf, size_t len)
{
	(void)unused;
	int err = utsname_set_host(kbuf, min(name_len(kbuf, len), (size_t)__NEW_UTS_LEN));

	return err ? err : (ssize_t)len;
}

static ssize_t domainname_write(struct task_struct *unused, const char *kbuf, size_t len)
{
	(void)unused;
	int err = utsname_set_domain(kbuf, min(name_len(kbuf, len), (size_t)__NEW_UTS_LEN));

	return err ? err : (ssize_t)len;
}

static const struct proc_entry proc_sys_kernel_entries[] = {
	{ .name = "domainname", .mode = S_IFREG | 0644, .show = domainname_show,
	  .write = domainname_write },
	{ .name = "hostname", .mode = S_IFREG | 0644, .show = hostname_show,
	  .write = hostname_write },
	{ .name = "osrelease", .mode = S_IFREG | 0444, .show = osrelease_show },
	{ .name = "ostype", .mode = S_IFREG | 0444, .show = ostype_show },
	{ .name = "pid_max", .mode = S_IFREG | 0444, .show = pid_max_show },
	{ .name = "version", .mode = S_IFREG | 0444, .show = kversion_show },
	IPC_SYSCTL_ENTRIES,             /* msgmax ... shmmni: ipc/ipc_sysctl.c */
	{ 0 }
};

static const struct proc_entry proc_sys_entries[] = {
	{ .name = "kernel", .mode = S_IFDIR | 0555, .subdir = proc_sys_kernel_entries },
	{ 0 }
};

/* The entries of /proc before the processes. */
const struct proc_entry proc_root_entries[] = {
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = cmdline_show },
	{ .name = "cpuinfo", .mode = S_IFREG | 0444, .show = cpuinfo_show },
	{ .name = "filesystems", .mode = S_IFREG | 0444, .show = filesystems_show },
	{ .name = "loadavg", .mode = S_IFREG | 0444, .show = loadavg_show },
	{ .name = "meminfo", .mode = S_IFREG | 0444, .show = meminfo_show },
	{ .name = "mounts", .mode = S_IFLNK | 0777, .link = "self/mounts" },
	{ .name = "self", .mode = S_IFLNK | 0777, .get_link = proc_self_get_link },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = stat_show },
	{ .name = "sys", .mode = S_IFDIR | 0555, .subdir = proc_sys_entries },
	{ .name = "tty", .mode = S_IFDIR | 0555, .subdir = proc_tty_entries },
	{ .name = "uptime", .mode = S_IFREG | 0444, .show = uptime_show },
	{ .name = "version", .mode = S_IFREG | 0444, .show = version_show },
	{ .name = "vmstat", .mode = S_IFREG | 0444, .show = vmstat_show },
	{ 0 }
};
