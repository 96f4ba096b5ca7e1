/*
 * dev.c - character devices: the table from major number to driver, the
 * memory devices /dev/null, /dev/zero, /dev/full, /dev/random and
 * /dev/urandom, and dev_populate(), which makes /dev with them and the
 * links /dev/fd, /dev/stdin, /dev/stdout and /dev/stderr into
 * /proc/self/fd. /dev is a directory of the root file system, made at
 * boot, not a devtmpfs (fs/namespace.c).
 *
 * A device node is an ordinary inode in some file system (ramfs here)
 * whose mode says S_IFCHR and whose i_rdev holds the device number,
 * major:minor. init_special_inode() gives it def_chr_fops, which has
 * only an open method. Opening the node runs chrdev_open(), which looks
 * the major up in chrdevs[] and puts that driver's file_operations in
 * file->f_op, so every later read and write goes straight to the driver.
 * A driver serving several minors does the same once more on the minor:
 * memory_open() picks null_fops or zero_fops. This is Linux's
 * fs/char_dev.c and drivers/char/mem.c, with a plain array for the
 * cdev_map and whole majors only.
 *
 *	open("/dev/zero") -> inode 1:5, i_fop = def_chr_fops
 *	  -> chrdev_open: chrdevs[1] = memory_fops -> memory_open: minor 5
 *	  -> file->f_op = zero_fops
 *
 * The memory driver is in the table from the start (a static
 * initialiser), so nothing has to run at boot; the console and tty
 * drivers will call register_chrdev().
 *
 * Like every file_operations, these read and write kernel buffers, with
 * one exception: writes to null and zero take the user's iov_iter
 * (write_iter) and never look at it, so that, as on Linux, any buffer
 * access_ok() allows is written "successfully", NULL and PROT_NONE
 * included (drivers/char/mem.c's write_null).
 *
 * Locking: chrdevs_lock (spinlock) guards chrdevs[].
 */
#include "fs/dev.h"
#include "fs/shmem.h"
#include "fs/uio.h"
#include "kernel/errno.h"
#include "kernel/spinlock.h"
#include "lib/string.h"
#include "mm/mm.h"

struct char_device {
	const char *name;
	const struct file_operations *fops;
};

static const struct file_operations memory_fops;

static DEFINE_SPINLOCK(chrdevs_lock);
static struct char_device chrdevs[CHRDEV_MAJOR_MAX] = {     /* chrdevs_lock */
	[MEM_MAJOR] = { .name = "mem", .fops = &memory_fops },
};

/*
 * register_chrdev - make major's device nodes open with fops. Linux's
 * register_chrdev(), without dynamic majors and minor ranges.
 *
 * Context: any.
 * Return: 0, -EINVAL for a major outside 1..CHRDEV_MAJOR_MAX-1, -EBUSY if
 * the major is taken.
 */
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	int err = 0;

	if (major == 0 || major >= CHRDEV_MAJOR_MAX)
		return -EINVAL;
	spin_lock(&chrdevs_lock);
	if (chrdevs[major].fops)
		err = -EBUSY;
	else
		chrdevs[major] = (struct char_device){ .name = name, .fops = fops };
	spin_unlock(&chrdevs_lock);
	return err;
}

/*
 * unregister_chrdev - undo register_chrdev(); files already open keep
 * their f_op.
 *
 * Context: any. A major that is not registered under name is left alone.
 */
void unregister_chrdev(unsigned int major, const char *name)
{
	if (major == 0 || major >= CHRDEV_MAJOR_MAX)
		return;
	spin_lock(&chrdevs_lock);
	if (chrdevs[major].name && strcmp(chrdevs[major].name, name) == 0)
		chrdevs[major] = (struct char_device){ 0 };
	spin_unlock(&chrdevs_lock);
}

/* def_chr_fops.open: hand the file to the driver of the node's major. */
static int chrdev_open(struct inode *inode, struct file *file)
{
	const struct file_operations *fops = NULL;
	unsigned int major = MAJOR(inode->i_rdev);

	spin_lock(&chrdevs_lock);
	if (major < CHRDEV_MAJOR_MAX)
		fops = chrdevs[major].fops;
	spin_unlock(&chrdevs_lock);
	if (!fops)
		return -ENXIO;          /* a node with no driver, as Linux */
	file->f_op = fops;
	return fops->open ? fops->open(inode, file) : 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

/* /dev/null: reads find end of file, writes vanish. */
static ssize_t read_null(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	(void)file;
	(void)kbuf;
	(void)len;
	(void)pos;
	return 0;
}

/* Writes to null and zero succeed whole and do not move the position (Linux's write_null). */
static ssize_t write_null(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	(void)file;
	(void)kbuf;
	(void)pos;
	return (ssize_t)len;
}

/* The same for write(2) and writev(2): the user's buffers are not read. */
static ssize_t write_iter_null(struct file *file, struct iov_iter *from, loff_t *pos)
{
	size_t count = from->count;

	(void)file;
	(void)pos;
	iov_iter_advance(from, count);
	return (ssize_t)count;
}

/* lseek on null and zero always lands at 0 (Linux's null_lseek). */
static loff_t null_lseek(struct file *file, loff_t offset, int whence)
{
	(void)offset;
	(void)whence;
	file->f_pos = 0;
	return 0;
}

/* /dev/zero: as many zero bytes as asked for, position unmoved (Linux's read_iter_zero). */
static ssize_t read_zero(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	(void)file;
	(void)pos;
	memset(kbuf, 0, len);
	return (ssize_t)len;
}

/* /dev/full: reads give zeroes, every write finds the device full. */
static ssize_t write_full(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	(void)file;
	(void)kbuf;
	(void)len;
	(void)pos;
	return -ENOSPC;
}

/* /dev/random and /dev/urandom: the kernel's random bytes (get_random_u64). */
static ssize_t read_random(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	(void)file;
	(void)pos;
	for (size_t done = 0; done < len; done += sizeof(u64)) {
		u64 v = get_random_u64();

		memcpy(kbuf + done, &v, min(len - done, sizeof(v)));
	}
	return (ssize_t)len;
}

/* Writing to random mixes nothing in here, but is allowed, as Linux. */
static ssize_t write_random(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	(void)file;
	for (size_t i = 0; i < len; i += sizeof(u64))
		(void)get_random_u64();         /* stir */
	(void)kbuf;
	(void)pos;
	return (ssize_t)len;
}

/* lseek on random leaves the position where it is (Linux's noop_llseek). */
static loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
	(void)offset;
	(void)whence;
	return file->f_pos;
}

static const struct file_operations full_fops = {
	.read = read_zero,
	.write = write_full,
	.llseek = null_lseek,
};

static const struct file_operations random_fops = {
	.read = read_random,
	.write = write_random,
	.llseek = noop_llseek,
};

/*
 * mmap of /dev/zero (Linux's mmap_zero): a shared mapping is shared
 * anonymous memory, a new shmem file (fs/shmem.c); a private one is
 * private anonymous memory: no fault method, zeroed pages of its own.
 */
static int mmap_zero(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	if (vma->vm_flags & VM_SHARED)
		return shmem_zero_setup(vma);
	return 0;
}

static const struct file_operations null_fops = {
	.read = read_null,
	.write = write_null,
	.write_iter = write_iter_null,
	.llseek = null_lseek,
};

static const struct file_operations zero_fops = {
	.read = read_zero,
	.write = write_null,
	.write_iter = write_iter_null,
	.llseek = null_lseek,
	.mmap = mmap_zero,
};

/* The memory driver's open: pick the device by minor (Linux's memory_open). */
static int memory_open(struct inode *inode, struct file *file)
{
	switch (MINOR(inode->i_rdev)) {
	case 3:
		file->f_op = &null_fops;
		return 0;
	case 5:
		file->f_op = &zero_fops;
		return 0;
	case 7:
		file->f_op = &full_fops;
		return 0;
	case 8:
	case 9:
		file->f_op = &random_fops;
		return 0;
	case 11:                        /* /dev/kmsg: the kernel's log (kernel/syslog.c) */
		file->f_op = &kmsg_fops;
		return kmsg_fops.open(inode, file);
	default:
		return -ENXIO;
	}
}

static const struct file_operations memory_fops = {
	.open = memory_open,
};

/* mknod that accepts an existing node, so dev_populate() can run twice. */
static int make_node(struct inode *root, const char *path, umode_t mode, dev_t dev)
{
	int err = S_ISDIR(mode) ? vfs_mkdir(root, root, path, mode & ~S_IFMT)
				: vfs_mknod(root, root, path, mode, dev);

	return err == -EEXIST ? 0 : err;
}

static int make_link(struct inode *root, const char *path, const char *target)
{
	int err = vfs_symlink(root, root, target, path);

	return err == -EEXIST ? 0 : err;
}

/*
 * dev_populate - make /dev under root with the devices keyhole has:
 * /dev/null (1:3), /dev/zero (1:5), /dev/full (1:7), /dev/random (1:8)
 * and /dev/urandom (1:9), mode 0666 as Linux's devtmpfs, and the links
 * fd -> /proc/self/fd, stdin, stdout, stderr -> /proc/self/fd/0, 1, 2
 * that udev makes on Linux; /dev/kmsg (1:11), mode 0644. What already
 * exists is left as it is.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, or the error of vfs_mkdir()/vfs_mknod() (-ENOMEM; -ENOTDIR
 * if /dev exists and is not a directory).
 */
int dev_populate(struct inode *root)
{
	int err;

	err = make_node(root, "/dev", S_IFDIR | 0755, 0);
	if (!err)
		err = make_node(root, "/dev/null", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 3));
	if (!err)
		err = make_node(root, "/dev/zero", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 5));
	if (!err)
		err = make_node(root, "/dev/full", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 7));
	if (!err)
		err = make_node(root, "/dev/random", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 8));
	if (!err)
		err = make_node(root, "/dev/urandom", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 9));
	if (!err)
		err = make_link(root, "/dev/fd", "/proc/self/fd");
	if (!err)
		err = make_link(root, "/dev/stdin", "/proc/self/fd/0");
	if (!err)
		err = make_link(root, "/dev/stdout", "/proc/self/fd/1");
	if (!err)
		err = make_link(root, "/dev/stderr", "/proc/self/fd/2");
	if (!err)
		err = make_node(root, "/dev/kmsg", S_IFCHR | 0644, MKDEV(MEM_MAJOR, 11));
	return err;
}
