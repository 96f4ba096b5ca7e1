/*
 * dev_test.c - in-kernel tests of character devices: /dev/null,
 * /dev/zero, the major-number table and nodes with no driver.
 */
#include "fs/dev.h"
#include "fs/fs_test.h"
#include "fs/ramfs.h"
#include "kernel/ktest.h"
#include "lib/string.h"

/* The text of the link at path (not followed). */
static int vfs_readlink_path(struct inode *root, const char *path, char *buf, int len)
{
	struct inode *link;
	int n = vfs_lookup_flags(root, root, path, 0, &link);

	if (n)
		return n;
	n = vfs_readlink(link, buf, len);
	iput(link);
	return n;
}

KTEST(dev_null_and_zero)
{
	struct inode *root = ramfs_create_root();
	struct file *f;
	struct stat st;
	char buf[100];

	KT_ASSERT(root != NULL);
	KT_ASSERT(dev_populate(root) == 0);
	KT_EXPECT_EQ(dev_populate(root), 0);            /* again: what exists stays */

	KT_ASSERT(kt_stat(root, "/dev/null", &st) == 0);
	KT_EXPECT_EQ(st.st_mode, S_IFCHR | 0666);
	KT_EXPECT_EQ(st.st_rdev, 0x103);                /* makedev(1, 3) in user space */
	KT_ASSERT(kt_stat(root, "/dev/zero", &st) == 0);
	KT_EXPECT_EQ(st.st_rdev, 0x105);
	KT_ASSERT(kt_stat(root, "/dev", &st) == 0);
	KT_EXPECT_EQ(st.st_mode, S_IFDIR | 0755);

	/* null: writes vanish whole, reads find the end, lseek stays at 0. */
	KT_ASSERT(vfs_open(root, root, "/dev/null", O_RDWR, 0, &f) == 0);
	KT_EXPECT_EQ(vfs_write(f, buf, sizeof(buf), &f->f_pos), sizeof(buf));
	KT_EXPECT_EQ(vfs_read(f, buf, sizeof(buf), &f->f_pos), 0);
	KT_EXPECT_EQ(vfs_llseek(f, 1000, SEEK_SET), 0);
	KT_EXPECT_EQ(f->f_pos, 0);
	fput(f);

	/* zero: reads fill the whole buffer with zeroes, writes vanish. */
	KT_ASSERT(vfs_open(root, root, "/dev/zero", O_RDWR, 0, &f) == 0);
	memset(buf, 0xff, sizeof(buf));
	KT_EXPECT_EQ(vfs_read(f, buf, sizeof(buf), &f->f_pos), sizeof(buf));
	bool zero = true;
	for (size_t i = 0; i < sizeof(buf); i++)
		zero &= buf[i] == 0;
	KT_EXPECT(zero);
	KT_EXPECT_EQ(vfs_write(f, "abc", 3, &f->f_pos), 3);
	KT_EXPECT_EQ(vfs_llseek(f, 5, SEEK_CUR), 0);
	fput(f);

	/* full: zeroes to read, ENOSPC to write; random: bytes that vary. */
	KT_ASSERT(kt_stat(root, "/dev/full", &st) == 0);
	KT_EXPECT_EQ(st.st_rdev, 0x107);
	KT_ASSERT(vfs_open(root, root, "/dev/full", O_RDWR, 0, &f) == 0);
	KT_EXPECT_EQ(vfs_write(f, "abc", 3, &f->f_pos), -ENOSPC);
	KT_EXPECT_EQ(vfs_read(f, buf, 8, &f->f_pos), 8);
	KT_EXPECT_EQ(buf[0] | buf[7], 0);
	fput(f);
	KT_ASSERT(vfs_open(root, root, "/dev/urandom", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(vfs_read(f, buf, 16, &f->f_pos), 16);
	KT_EXPECT_EQ(vfs_read(f, buf + 16, 16, &f->f_pos), 16);
	KT_EXPECT(memcmp(buf, buf + 16, 16) != 0);
	fput(f);
	KT_EXPECT_EQ(vfs_readlink_path(root, "/dev/stderr", buf, sizeof(buf)), 15);
	KT_EXPECT(memcmp(buf, "/proc/self/fd/2", 15) == 0);

	/* O_TRUNC on a device is ignored, not an error (Linux). */
	KT_EXPECT_EQ(kt_open_close(root, "/dev/null", O_WRONLY | O_TRUNC), 0);
	KT_EXPECT_EQ(vfs_mkdir(root, root, "/dev/null/x", 0755), -ENOTDIR);
	ramfs_kill(root);
}

KTEST(dev_populate_needs_a_directory)
{
	struct inode *root = ramfs_create_root();

	KT_ASSERT(root != NULL);
	KT_ASSERT(kt_write_file(root, "/dev", "", 0) == 0);
	KT_EXPECT_EQ(dev_populate(root), -ENOTDIR);
	ramfs_kill(root);
}

static int test_opens;

static int test_open(struct inode *inode, struct file *file)
{
	(void)file;
	test_opens++;
	return MINOR(inode->i_rdev) == 7 ? -EBUSY : 0;
}

static ssize_t test_read(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	(void)file;
	(void)pos;
	memset(kbuf, 't', len);
	return (ssize_t)len;
}

static const struct file_operations test_fops = { .open = test_open, .read = test_read };

KTEST(dev_chrdev_table)
{
	struct inode *root = ramfs_create_root();
	struct file *f;
	char c = 0;

	KT_ASSERT(root != NULL);
	KT_ASSERT(vfs_mknod(root, root, "/x", S_IFCHR | 0600, MKDEV(42, 0)) == 0);
	KT_ASSERT(vfs_mknod(root, root, "/x7", S_IFCHR | 0600, MKDEV(42, 7)) == 0);
	KT_ASSERT(vfs_mknod(root, root, "/m2", S_IFCHR | 0600, MKDEV(MEM_MAJOR, 2)) == 0);
	KT_EXPECT_EQ(kt_open_close(root, "/x", O_RDONLY), -ENXIO);     /* no driver yet */
	KT_EXPECT_EQ(kt_open_close(root, "/m2", O_RDONLY), -ENXIO);    /* no such minor */

	KT_ASSERT(register_chrdev(42, "test", &test_fops) == 0);
	KT_EXPECT_EQ(register_chrdev(42, "other", &test_fops), -EBUSY);
	KT_EXPECT_EQ(register_chrdev(0, "zero", &test_fops), -EINVAL);
	KT_EXPECT_EQ(register_chrdev(CHRDEV_MAJOR_MAX, "big", &test_fops), -EINVAL);
	test_opens = 0;
	KT_ASSERT(vfs_open(root, root, "/x", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(test_opens, 1);
	KT_EXPECT(f->f_op == &test_fops);
	KT_EXPECT_EQ(vfs_read(f, &c, 1, &f->f_pos), 1);
	KT_EXPECT_EQ(c, 't');
	KT_EXPECT_EQ(kt_open_close(root, "/x7", O_RDONLY), -EBUSY);    /* the driver's verdict */
	unregister_chrdev(42, "not-test");              /* wrong name: stays */
	KT_EXPECT_EQ(kt_open_close(root, "/x", O_RDONLY), 0);
	unregister_chrdev(42, "test");
	KT_EXPECT_EQ(kt_open_close(root, "/x", O_RDONLY), -ENXIO);
	KT_EXPECT_EQ(vfs_read(f, &c, 1, &f->f_pos), 1);         /* an open file keeps its driver */
	fput(f);

	/* Block devices, FIFOs (until pipe.c) and sockets do not open. */
	KT_ASSERT(vfs_mknod(root, root, "/b", S_IFBLK | 0600, MKDEV(8, 0)) == 0);
	KT_ASSERT(vfs_mknod(root, root, "/p", S_IFIFO | 0600, 0) == 0);
	KT_ASSERT(vfs_mknod(root, root, "/s", S_IFSOCK | 0600, 0) == 0);
	KT_EXPECT_EQ(kt_open_close(root, "/b", O_RDONLY), -ENXIO);
	KT_EXPECT_EQ(kt_open_close(root, "/p", O_RDONLY), -ENXIO);
	KT_EXPECT_EQ(kt_open_close(root, "/s", O_RDONLY), -ENXIO);
	ramfs_kill(root);
}
