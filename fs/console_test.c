/*
 * console_test.c - in-kernel tests of terminal writes and polls.
 *
 * console_write_and_poll_allocate_nothing: write(2) and writev(2) on the
 * console take no memory for themselves. They used to kmalloc a 2 KiB chunk (and
 * writev a copy of its iovec array) for each call and free it at the end.
 * A writer preempted part way through then held pages that another
 * process saw vanish from sysinfo().freeram and come back: runtests,
 * copying one case's "ok" line to the console while the next case of
 * sysinfo_leak measured freeram, made sysinfo_fields_are_sane see an 8 MiB
 * mapping cost 9 pages less than it did (issue 9, under preempt_stress).
 * The test shows it the sure way: with every free page and every slab
 * object taken, such a write failed with -ENOMEM; now it writes. poll(2)
 * of a few descriptors was the same (it kmalloc'ed its pollfd copy and
 * its wait entries, and held them while it slept); now it polls.
 */
#include "arch/x86_64/cpu.h"
#include "fs/fdtable.h"
#include "fs/uio.h"
#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "kernel/ktest.h"
#include "kernel/sched.h"
#include "lib/string.h"
#include "mm/ktest_mm.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define UBASE 0x400000UL

long __x64_sys_write(const struct pt_regs *regs);
long __x64_sys_writev(const struct pt_regs *regs);
long __x64_sys_poll(const struct pt_regs *regs);

/* Everything taken from the allocators, chained through its first word. */
struct hoard {
	void *pages;
	void *objs;
};

/* Take every free page, then every free object of every kmalloc cache. */
static void hoard_all(struct hoard *h)
{
	struct page *page;

	h->pages = h->objs = NULL;
	while ((page = alloc_page(GFP_KERNEL))) {
		void **p = page_address(page);

		*p = h->pages;
		h->pages = p;
	}
	for (size_t size = 16; size <= 2048; size *= 2) {
		void **obj;

		while ((obj = kmalloc(size, GFP_KERNEL))) {
			*obj = h->objs;
			h->objs = obj;
		}
	}
}

static void hoard_release(struct hoard *h)
{
	while (h->objs) {
		void *next = *(void **)h->objs;

		kfree(h->objs);
		h->objs = next;
	}
	while (h->pages) {
		void *next = *(void **)h->pages;

		free_page((unsigned long)h->pages);
		h->pages = next;
	}
}

KTEST(console_write_and_poll_allocate_nothing)
{
	static const char msg1[] = "console_write_and_poll_allocate_nothing: ", msg2[] = "written\n";
	struct inode *root = ramfs_create_root();
	struct mm_struct *mm = mm_alloc();
	struct files_struct *saved_files = current->files;
	struct file *console = NULL;
	struct hoard h;
	int fd = -1;

	KT_ASSERT(root != NULL && mm != NULL);
	KT_ASSERT(vfs_mkdir(root, root, "/dev", 0755) == 0);
	KT_ASSERT(vfs_mknod(root, root, "/dev/console", S_IFCHR | 0600, MKDEV(5, 1)) == 0);
	KT_ASSERT(vfs_open(root, root, "/dev/console", O_WRONLY, 0, &console) == 0);

	/* An address space with the message and an iovec array, faulted in. */
	mutex_lock(&mm->mmap_lock);
	insert_vm_area(mm, UBASE, UBASE + PAGE_SIZE, VM_READ | VM_WRITE);
	mutex_unlock(&mm->mmap_lock);
	ktest_use_mm(mm);
	struct pollfd_user {
		int fd;
		short events, revents;
	} pfd = { .events = 0x4 };                      /* POLLOUT */
	struct iovec iov[2] = { { (void *)(UBASE + 64), sizeof(msg1) - 1 },
				{ (void *)(UBASE + 128), sizeof(msg2) - 1 } };
	KT_EXPECT_EQ(copy_to_user((void *)UBASE, iov, sizeof(iov)), 0);
	KT_EXPECT_EQ(copy_to_user((void *)(UBASE + 64), msg1, sizeof(msg1) - 1), 0);
	KT_EXPECT_EQ(copy_to_user((void *)(UBASE + 128), msg2, sizeof(msg2) - 1), 0);

	current->files = files_alloc();
	KT_ASSERT(current->files != NULL);
	fd = fd_install_lowest(console, 0, false);      /* the table holds it now */
	KT_ASSERT(fd >= 0);
	pfd.fd = fd;
	KT_EXPECT_EQ(copy_to_user((void *)(UBASE + 256), &pfd, sizeof(pfd)), 0);

	hoard_all(&h);
	struct pt_regs wv = { .rdi = (unsigned long)fd, .rsi = UBASE, .rdx = 2 };
	struct pt_regs w = { .rdi = (unsigned long)fd, .rsi = UBASE + 64, .rdx = sizeof(msg1) - 1 };
	long wrote = __x64_sys_write(&w);
	long wrotev = __x64_sys_writev(&wv);
	struct pt_regs p = { .rdi = UBASE + 256, .rsi = 1, .rdx = 0 };    /* timeout 0 */
	long polled = __x64_sys_poll(&p);
	hoard_release(&h);
	KT_EXPECT_EQ(polled, 1);                        /* the console takes output */
	KT_EXPECT_EQ(wrote, sizeof(msg1) - 1);
	KT_EXPECT_EQ(wrotev, sizeof(msg1) - 1 + sizeof(msg2) - 1);

	put_files(current->files);                      /* closes the console */
	current->files = saved_files;
	ktest_drop_mm(mm);
	ramfs_kill(root);
}

/*
 * A long write to the terminal goes out a byte at a time (the serial
 * port), so a signal must end it after the chunk in progress, as Linux's
 * tty_write: a SIGKILLed writer of megabytes ran on until the end.
 */
KTEST(console_write_stops_at_signal)
{
	struct inode *root = ramfs_create_root();
	struct mm_struct *mm = mm_alloc();
	struct file *console = NULL;
	char line[64];

	KT_ASSERT(root != NULL && mm != NULL);
	KT_ASSERT(vfs_mkdir(root, root, "/dev", 0755) == 0);
	KT_ASSERT(vfs_mknod(root, root, "/dev/console", S_IFCHR | 0600, MKDEV(5, 1)) == 0);
	KT_ASSERT(vfs_open(root, root, "/dev/console", O_WRONLY, 0, &console) == 0);

	/* Two chunks' worth of text: short lines, so the log stays readable. */
	mutex_lock(&mm->mmap_lock);
	insert_vm_area(mm, UBASE, UBASE + 2 * PAGE_SIZE, VM_READ | VM_WRITE);
	mutex_unlock(&mm->mmap_lock);
	ktest_use_mm(mm);
	memset(line, '.', sizeof(line));
	memcpy(line, "console_write_stops_at_signal", 29);
	line[sizeof(line) - 1] = '\n';
	for (unsigned long off = 0; off < 2 * PAGE_SIZE; off += sizeof(line))
		KT_EXPECT_EQ(copy_to_user((void *)(UBASE + off), line, sizeof(line)), 0);

	struct iovec iov = { (void *)UBASE, 2 * PAGE_SIZE };
	struct iov_iter iter = { .iov = &iov, .nr_segs = 1, .count = 2 * PAGE_SIZE };
	loff_t pos = 0;
	sigset_t saved_pending = current->pending.signal, saved_blocked = current->blocked;

	current->blocked &= ~sigmask(SIGUSR1);
	current->pending.signal |= sigmask(SIGUSR1);    /* as if sent just now */
	long wrote = console->f_op->write_iter(console, &iter, &pos);
	current->pending.signal = saved_pending;
	current->blocked = saved_blocked;
	KT_EXPECT_EQ(wrote, 2048);                      /* one chunk, then the signal */

	fput(console);
	ktest_drop_mm(mm);
	ramfs_kill(root);
}
