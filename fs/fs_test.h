/*
 * fs_test.h - small helpers shared by the file-system tests (fs/..._test.c):
 * whole-file writes and reads, stat and open by path, all with the walk's
 * root as cwd.
 */
#ifndef FS_FS_TEST_H
#define FS_FS_TEST_H

#include "fs/vfs.h"
#include "kernel/errno.h"

/* Create or empty path and write len bytes of data to it. Return: 0 or -errno. */
static inline int kt_write_file(struct inode *root, const char *path, const void *data,
				size_t len)
{
	struct file *file;
	ssize_t n;
	int err = vfs_open(root, root, path, O_WRONLY | O_CREAT | O_TRUNC, 0644, &file);

	if (err)
		return err;
	n = vfs_write(file, data, len, &file->f_pos);
	fput(file);
	if (n < 0)
		return (int)n;
	return (size_t)n == len ? 0 : -EIO;
}

/* Read up to len bytes from the start of path. Return: bytes read or -errno. */
static inline ssize_t kt_read_file(struct inode *root, const char *path, void *buf, size_t len)
{
	struct file *file;
	ssize_t n;
	int err = vfs_open(root, root, path, O_RDONLY, 0, &file);

	if (err)
		return err;
	n = vfs_read(file, buf, len, &file->f_pos);
	fput(file);
	return n;
}

/* stat by path. Return: 0 or -errno. */
static inline int kt_stat(struct inode *root, const char *path, struct stat *st)
{
	struct inode *inode;
	int err = vfs_lookup(root, root, path, &inode);

	if (err)
		return err;
	err = vfs_stat(inode, st);
	iput(inode);
	return err;
}

/* Open and close at once, for tests that only want open's verdict. Return: 0 or -errno. */
static inline int kt_open_close(struct inode *root, const char *path, int flags)
{
	struct file *file;
	int err = vfs_open(root, root, path, flags, 0644, &file);

	if (!err)
		fput(file);
	return err;
}

#endif /* FS_FS_TEST_H */
