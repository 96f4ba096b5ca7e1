/*
 * fdtable.h - a process's open files (files_struct) and its place in the
 * file tree (fs_struct: root and current directory).
 */
#ifndef FS_FDTABLE_H
#define FS_FDTABLE_H

#include "fs/vfs.h"
#include "kernel/spinlock.h"
#include "lib/atomic.h"
#include "lib/bitmap.h"

#define NR_OPEN         256             /* descriptors per process (RLIMIT_NOFILE) */

struct files_struct {
	atomic_t count;                 /* tasks sharing it (1: no CLONE_FILES yet) */
	spinlock_t file_lock;           /* guards fd[], close_on_exec and fd_end */
	struct file *fd[NR_OPEN];
	DECLARE_BITMAP(close_on_exec, NR_OPEN);
	unsigned int fd_end;            /* fd[fd_end ...] are all NULL: loops over
					 * the table stop there (it only grows) */
};

struct fs_struct {
	struct inode *root, *pwd;       /* each holds a reference (iget) */
	char *cwd;                      /* pwd's path, for getcwd (no dentries here);
					 * kmalloc'd to its length, its own */
};

struct files_struct *files_alloc(void);
struct files_struct *dup_files(struct files_struct *old);
void put_files(struct files_struct *files);
void close_on_exec(struct files_struct *files);
struct fs_struct *fs_alloc(struct inode *root);
struct fs_struct *dup_fs(struct fs_struct *old);
void put_fs(struct fs_struct *fs);
int set_fs_pwd_path(struct fs_struct *fs, const char *path);

struct file *fget(unsigned int fd);
void filp_close(struct file *file, struct files_struct *files);

/* A file for the length of one system call: fdget(), then fdput(). */
struct fd {
	struct file *file;              /* NULL: fd is not open */
	bool put;                       /* a reference was taken */
};

struct fd fdget(unsigned int fd);

static inline void fdput(struct fd f)
{
	if (f.put)
		fput(f.file);
}
int fd_install_lowest(struct file *file, unsigned int from, bool cloexec);
int close_fd(unsigned int fd);

#endif /* FS_FDTABLE_H */
