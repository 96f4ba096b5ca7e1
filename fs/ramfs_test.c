/*
 * ramfs_test.c - in-kernel tests of file data in ramfs through the VFS:
 * read, write, lseek, O_APPEND, truncate, holes, large files, times and
 * the life of an unlinked open file. Each test makes its own ramfs and
 * kills it, and the runner checks that every page came back.
 */
#include "fs/fs_test.h"
#include "fs/ramfs.h"
#include "kernel/ktest.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/slab.h"

KTEST(ramfs_create_write_read)
{
	struct inode *root = ramfs_create_root();
	struct file *f;
	char buf[16];
	struct stat st;

	KT_ASSERT(root != NULL);
	KT_ASSERT(vfs_open(root, root, "/hello", O_RDWR | O_CREAT, 0644, &f) == 0);
	KT_EXPECT_EQ(vfs_write(f, "hello, world", 12, &f->f_pos), 12);
	KT_EXPECT_EQ(f->f_pos, 12);
	KT_EXPECT_EQ(vfs_read(f, buf, sizeof(buf), &f->f_pos), 0);       /* at the end */
	KT_EXPECT_EQ(vfs_llseek(f, 0, SEEK_SET), 0);
	memset(buf, 0, sizeof(buf));
	KT_EXPECT_EQ(vfs_read(f, buf, 5, &f->f_pos), 5);
	KT_EXPECT(memcmp(buf, "hello", 5) == 0);
	KT_EXPECT_EQ(vfs_read(f, buf, sizeof(buf), &f->f_pos), 7);       /* short: the rest */
	KT_EXPECT(memcmp(buf, ", world", 7) == 0);
	KT_EXPECT_EQ(vfs_stat(f->f_inode, &st), 0);
	KT_EXPECT_EQ(st.st_size, 12);
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 0644);
	KT_EXPECT_EQ(st.st_nlink, 1);
	KT_EXPECT_EQ(st.st_blocks, 8);                  /* one page in 512-byte units */
	fput(f);

	/* A second open sees the data; a write in the middle overwrites. */
	KT_ASSERT(vfs_open(root, root, "hello", O_WRONLY, 0, &f) == 0);
	KT_EXPECT_EQ(vfs_llseek(f, 7, SEEK_SET), 7);
	KT_EXPECT_EQ(vfs_write(f, "W", 1, &f->f_pos), 1);
	fput(f);
	KT_EXPECT_EQ(kt_read_file(root, "/hello", buf, sizeof(buf)), 12);
	KT_EXPECT(memcmp(buf, "hello, World", 12) == 0);
	ramfs_kill(root);
}

KTEST(ramfs_rw_needs_the_right_open_mode)
{
	struct inode *root = ramfs_create_root();
	struct file *f;
	char c = 'x';
	loff_t pos = -1;

	KT_ASSERT(root != NULL);
	KT_ASSERT(kt_write_file(root, "/f", "abc", 3) == 0);
	KT_ASSERT(vfs_open(root, root, "/f", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(vfs_write(f, &c, 1, &f->f_pos), -EBADF);
	KT_EXPECT_EQ(vfs_read(f, &c, 1, &pos), -EINVAL);       /* negative position */
	fput(f);
	KT_ASSERT(vfs_open(root, root, "/f", O_WRONLY, 0, &f) == 0);
	KT_EXPECT_EQ(vfs_read(f, &c, 1, &f->f_pos), -EBADF);
	fput(f);
	KT_ASSERT(vfs_open(root, root, "/f", 3, 0, &f) == 0);  /* O_ACCMODE 3: neither */
	KT_EXPECT_EQ(vfs_read(f, &c, 1, &f->f_pos), -EBADF);
	KT_EXPECT_EQ(vfs_write(f, &c, 1, &f->f_pos), -EBADF);
	fput(f);
	KT_ASSERT(vfs_open(root, root, "/", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(vfs_read(f, &c, 1, &f->f_pos), -EISDIR);
	fput(f);
	ramfs_kill(root);
}

KTEST(ramfs_llseek_whence)
{
	struct inode *root = ramfs_create_root();
	struct file *f;
	char buf[4];

	KT_ASSERT(root != NULL);
	KT_ASSERT(kt_write_file(root, "/f", "0123456789", 10) == 0);
	KT_ASSERT(vfs_open(root, root, "/f", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(vfs_llseek(f, 4, SEEK_SET), 4);
	KT_EXPECT_EQ(vfs_llseek(f, 2, SEEK_CUR), 6);
	KT_EXPECT_EQ(vfs_llseek(f, -1, SEEK_CUR), 5);
	KT_EXPECT_EQ(vfs_read(f, buf, 1, &f->f_pos), 1);
	KT_EXPECT_EQ(buf[0], '5');
	KT_EXPECT_EQ(vfs_llseek(f, -3, SEEK_END), 7);
	KT_EXPECT_EQ(vfs_llseek(f, 100, SEEK_END), 110);       /* past the end is fine */
	KT_EXPECT_EQ(vfs_read(f, buf, 4, &f->f_pos), 0);
	/* Errors leave the position alone. */
	KT_EXPECT_EQ(vfs_llseek(f, -1, SEEK_SET), -EINVAL);
	KT_EXPECT_EQ(vfs_llseek(f, -111, SEEK_CUR), -EINVAL);
	KT_EXPECT_EQ(vfs_llseek(f, -11, SEEK_END), -EINVAL);
	KT_EXPECT_EQ(vfs_llseek(f, 0, SEEK_DATA), -EINVAL);
	KT_EXPECT_EQ(vfs_llseek(f, 0, 42), -EINVAL);
	KT_EXPECT_EQ(vfs_llseek(f, MAX_LFS_FILESIZE, SEEK_CUR), -EINVAL);     /* overflow */
	KT_EXPECT_EQ(f->f_pos, 110);
	fput(f);
	ramfs_kill(root);
}

KTEST(ramfs_append_writes_at_the_end)
{
	struct inode *root = ramfs_create_root();
	struct file *app, *other;
	char buf[16];

	KT_ASSERT(root != NULL);
	KT_ASSERT(kt_write_file(root, "/log", "one ", 4) == 0);
	KT_ASSERT(vfs_open(root, root, "/log", O_WRONLY | O_APPEND, 0, &app) == 0);
	KT_ASSERT(vfs_open(root, root, "/log", O_RDWR, 0, &other) == 0);
	KT_EXPECT(app->f_flags & O_APPEND);
	KT_EXPECT_EQ(vfs_llseek(app, 0, SEEK_SET), 0);         /* seeking does not matter */
	KT_EXPECT_EQ(vfs_write(app, "two ", 4, &app->f_pos), 4);
	KT_EXPECT_EQ(app->f_pos, 8);
	KT_EXPECT_EQ(vfs_llseek(other, 0, SEEK_END), 8);
	KT_EXPECT_EQ(vfs_write(other, "3333", 4, &other->f_pos), 4);   /* the file grows ... */
	KT_EXPECT_EQ(vfs_write(app, "four", 4, &app->f_pos), 4);       /* ... append follows */
	KT_EXPECT_EQ(app->f_pos, 16);
	fput(app);
	fput(other);
	KT_EXPECT_EQ(kt_read_file(root, "/log", buf, sizeof(buf)), 16);
	KT_EXPECT(memcmp(buf, "one two 3333four", 16) == 0);
	ramfs_kill(root);
}

/* Whether len bytes at p are all c. */
static bool all_bytes(const char *p, size_t len, char c)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != c)
			return false;
	return true;
}

KTEST(ramfs_truncate_frees_pages_and_zeroes_the_tail)
{
	struct inode *root = ramfs_create_root();
	char *buf = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	struct inode *inode;
	struct stat st;
	struct file *f;

	KT_ASSERT(root != NULL && buf != NULL);
	memset(buf, 'a', 3 * PAGE_SIZE);
	KT_ASSERT(kt_write_file(root, "/t", buf, 3 * PAGE_SIZE) == 0);
	KT_ASSERT(vfs_lookup(root, root, "/t", &inode) == 0);
	KT_EXPECT_EQ(inode->i_blocks, 3 * 8);

	unsigned long free_before = nr_free_pages();
	KT_EXPECT_EQ(vfs_truncate(inode, 5000), 0);    /* into the second page */
	KT_EXPECT_EQ(nr_free_pages(), free_before + 1);
	KT_EXPECT_EQ(inode->i_size, 5000);
	KT_EXPECT_EQ(inode->i_blocks, 2 * 8);

	/* Grow again: the old bytes past 5000 must read as zeroes. */
	KT_EXPECT_EQ(vfs_truncate(inode, 3 * PAGE_SIZE), 0);
	KT_EXPECT_EQ(inode->i_blocks, 2 * 8);           /* growing adds a hole only */
	memset(buf, 'x', 3 * PAGE_SIZE);
	KT_EXPECT_EQ(kt_read_file(root, "/t", buf, 3 * PAGE_SIZE), 3 * PAGE_SIZE);
	KT_EXPECT(all_bytes(buf, 5000, 'a'));
	KT_EXPECT(all_bytes(buf + 5000, 3 * PAGE_SIZE - 5000, '\0'));

	KT_EXPECT_EQ(vfs_truncate(inode, -1), -EINVAL);
	KT_EXPECT_EQ(vfs_truncate(inode, RAMFS_MAX_FILE_SIZE + 1), -EFBIG);
	KT_EXPECT_EQ(vfs_truncate(root, 0), -EISDIR);

	/* O_TRUNC empties it and gives every page back. */
	KT_ASSERT(vfs_open(root, root, "/t", O_RDONLY | O_TRUNC, 0, &f) == 0);
	fput(f);
	KT_EXPECT_EQ(vfs_stat(inode, &st), 0);
	KT_EXPECT_EQ(st.st_size, 0);
	KT_EXPECT_EQ(st.st_blocks, 0);
	iput(inode);
	kfree(buf);
	ramfs_kill(root);
}

/*
 * 300 pages written in 3001-byte pieces (every piece crosses pages at a
 * different offset), read back in 4099-byte pieces; then a write far past
 * the end leaves a hole that reads as zeroes and takes no memory.
 */
KTEST(ramfs_large_file_with_holes)
{
	enum { SIZE = 300 * PAGE_SIZE, WCHUNK = 3001, RCHUNK = 4099, GAP = 1000 };
	struct inode *root = ramfs_create_root();
	char *buf = kmalloc(RCHUNK, GFP_KERNEL);
	struct file *f;
	struct stat st;
	size_t bad = 0;

	KT_ASSERT(root != NULL && buf != NULL);
	KT_ASSERT(vfs_open(root, root, "/big", O_RDWR | O_CREAT, 0600, &f) == 0);
	for (size_t off = 0; off < SIZE; off += WCHUNK) {
		size_t n = min((size_t)WCHUNK, SIZE - off);

		for (size_t i = 0; i < n; i++)
			buf[i] = (char)((off + i) * 7 + (off + i) / 4096);
		KT_ASSERT(vfs_write(f, buf, n, &f->f_pos) == (ssize_t)n);
	}
	KT_EXPECT_EQ(vfs_llseek(f, 0, SEEK_SET), 0);
	for (size_t off = 0; off < SIZE; off += RCHUNK) {
		size_t n = min((size_t)RCHUNK, SIZE - off);

		KT_ASSERT(vfs_read(f, buf, RCHUNK, &f->f_pos) == (ssize_t)n);
		for (size_t i = 0; i < n; i++)
			bad += buf[i] != (char)((off + i) * 7 + (off + i) / 4096);
	}
	KT_EXPECT_EQ(bad, 0);

	/* One byte GAP pages past the end: a hole of GAP pages in between. */
	loff_t far = (loff_t)(SIZE + GAP * PAGE_SIZE);
	KT_EXPECT_EQ(vfs_write(f, "!", 1, &far), 1);
	KT_EXPECT_EQ(vfs_stat(f->f_inode, &st), 0);
	KT_EXPECT_EQ(st.st_size, SIZE + GAP * PAGE_SIZE + 1);
	KT_EXPECT_EQ(st.st_blocks, (300 + 1) * 8);      /* the hole takes nothing */
	loff_t pos = SIZE + 17;
	memset(buf, 'x', RCHUNK);
	KT_EXPECT_EQ(vfs_read(f, buf, RCHUNK, &pos), RCHUNK);
	KT_EXPECT(all_bytes(buf, RCHUNK, '\0'));
	pos = far - 1;
	KT_EXPECT_EQ(vfs_read(f, buf, 2, &pos), 1);
	KT_EXPECT_EQ(buf[0], '!');
	fput(f);
	kfree(buf);
	ramfs_kill(root);               /* the pages go with the inode: leak-checked */
}

KTEST(ramfs_file_size_limit)
{
	struct inode *root = ramfs_create_root();
	struct file *f;
	loff_t pos = RAMFS_MAX_FILE_SIZE;

	KT_ASSERT(root != NULL);
	KT_ASSERT(vfs_open(root, root, "/f", O_RDWR | O_CREAT, 0600, &f) == 0);
	KT_EXPECT_EQ(vfs_write(f, "ab", 2, &pos), -EFBIG);
	pos = RAMFS_MAX_FILE_SIZE - 1;
	KT_EXPECT_EQ(vfs_write(f, "ab", 2, &pos), 1);  /* up to the limit, not past */
	KT_EXPECT_EQ(f->f_inode->i_size, RAMFS_MAX_FILE_SIZE);
	pos = MAX_LFS_FILESIZE;
	KT_EXPECT_EQ(vfs_write(f, "ab", 2, &pos), -EINVAL);    /* pos + len overflows */
	fput(f);
	ramfs_kill(root);
}

KTEST(ramfs_unlinked_file_lives_while_open)
{
	struct inode *root = ramfs_create_root();
	struct file *f;
	struct stat st;
	char buf[8];

	KT_ASSERT(root != NULL);
	KT_ASSERT(kt_write_file(root, "/tmp", "secret", 6) == 0);
	KT_ASSERT(vfs_open(root, root, "/tmp", O_RDWR, 0, &f) == 0);
	KT_EXPECT_EQ(vfs_unlink(root, root, "/tmp"), 0);
	KT_EXPECT_EQ(kt_open_close(root, "/tmp", O_RDONLY), -ENOENT);
	KT_EXPECT_EQ(vfs_read(f, buf, sizeof(buf), &f->f_pos), 6);
	KT_EXPECT(memcmp(buf, "secret", 6) == 0);
	KT_EXPECT_EQ(vfs_write(f, "!", 1, &f->f_pos), 1);
	KT_EXPECT_EQ(vfs_stat(f->f_inode, &st), 0);
	KT_EXPECT_EQ(st.st_nlink, 0);
	KT_EXPECT_EQ(st.st_size, 7);
	ramfs_kill(root);               /* the open file outlives even its file system */
	KT_EXPECT_EQ(vfs_llseek(f, 0, SEEK_SET), 0);
	KT_EXPECT_EQ(vfs_read(f, buf, sizeof(buf), &f->f_pos), 7);
	fput(f);                        /* frees the inode, then the super block */
}

KTEST(ramfs_times_are_kept)
{
	struct inode *root = ramfs_create_root();
	u64 t0 = ktime_get_real_ns();
	struct inode *inode;
	struct file *f;
	char c;

	KT_ASSERT(root != NULL);
	KT_EXPECT(t0 > 1500000000ULL * NSEC_PER_SEC);  /* the RTC gave a real date */
	KT_ASSERT(vfs_open(root, root, "/f", O_RDWR | O_CREAT, 0600, &f) == 0);
	inode = f->f_inode;
	KT_EXPECT(inode->i_mtime >= t0 && inode->i_ctime >= t0 && inode->i_atime >= t0);
	KT_EXPECT(root->i_mtime >= t0);                 /* the directory changed */
	u64 created = inode->i_mtime;
	KT_EXPECT_EQ(vfs_write(f, "x", 1, &f->f_pos), 1);
	KT_EXPECT(inode->i_mtime >= created && inode->i_ctime == inode->i_mtime);
	u64 written = inode->i_mtime;
	KT_EXPECT_EQ(vfs_llseek(f, 0, SEEK_SET), 0);
	KT_EXPECT_EQ(vfs_read(f, &c, 1, &f->f_pos), 1);
	KT_EXPECT(inode->i_atime >= written);
	KT_EXPECT_EQ(inode->i_mtime, written);          /* reading changes no mtime */
	fput(f);
	ramfs_kill(root);
}
