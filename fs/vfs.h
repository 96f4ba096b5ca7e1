/*
 * vfs.h - the virtual file system: inodes, open files, super blocks and the
 * operations tables a file system fills in. vfs.c holds the objects and
 * file I/O, namei.c the operations on names (path walk, open, mkdir ...).
 *
 * Every read and write method takes KERNEL buffers only: the system-call
 * layer copies user memory in or out around them (see vfs.c).
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include "arch/x86_64/page.h"
#include "fs/fcntl.h"
#include "fs/stat.h"
#include "kernel/mutex.h"
#include "lib/compiler.h"
#include "lib/types.h"
#include "mm/filemap.h"

/*
 * The POSIX scalar types, as Linux defines them on x86_64. They belong in
 * lib/types.h once code outside fs/ needs them; C11 allows the same
 * typedef twice, so moving them there breaks nothing.
 */
typedef long ssize_t;
typedef long long loff_t;
typedef unsigned short umode_t;
typedef u32 dev_t;
typedef u32 uid_t;
typedef u32 gid_t;

#define NAME_MAX        255             /* bytes in a path component */
#define PATH_MAX        4096            /* bytes in a path, with its NUL */
#define MAX_LFS_FILESIZE ((loff_t)0x7fffffffffffffffLL)
#define MAX_RW_COUNT    (0x7fffffffL & (long)PAGE_MASK)    /* one read/write moves at most this */

/* Device numbers: 12 bits of major, 20 of minor inside the kernel (Linux's kdev_t.h). */
#define MINORBITS       20
#define MINORMASK       ((1U << MINORBITS) - 1)
#define MKDEV(ma, mi)   ((dev_t)(((ma) << MINORBITS) | (mi)))
#define MAJOR(dev)      ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)      ((unsigned int)((dev) & MINORMASK))

/* The encoding user space's major()/minor() undo, as in st_dev and st_rdev. */
static inline u32 new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

struct file;
struct file_lock_context;
struct inode;
struct super_block;
struct dir_context;

/* A name inside a directory: not NUL-terminated, len bytes (Linux's qstr). */
struct qstr {
	const char *name;
	u32 len;
};

#define QSTR_INIT(n, l) { .name = (n), .len = (l) }

/*
 * What a file system does with names and attributes. The VFS calls every
 * method with the directory's (or, for truncate, the inode's) i_mutex held;
 * unlink and rmdir also with the victim's, taken after the directory's.
 * A method that returns an inode returns it with a reference (iget) that
 * the caller drops with iput().
 */
struct inode_operations {
	/* Find name in dir, or -ENOENT. ".." gives the parent; "." never comes. */
	int (*lookup)(struct inode *dir, const struct qstr *name, struct inode **res);
	/* Make a regular file; the VFS checked that name does not exist. */
	int (*create)(struct inode *dir, const struct qstr *name, umode_t mode,
		      struct inode **res);
	int (*mkdir)(struct inode *dir, const struct qstr *name, umode_t mode);
	/* Make a device, FIFO or socket inode (mode holds the type). */
	int (*mknod)(struct inode *dir, const struct qstr *name, umode_t mode, dev_t rdev);
	int (*unlink)(struct inode *dir, const struct qstr *name, struct inode *victim);
	/* Remove an empty directory, or -ENOTEMPTY. */
	int (*rmdir)(struct inode *dir, const struct qstr *name, struct inode *victim);
	/* Set i_size: drop the data past it, or add a hole (Linux's setattr(ATTR_SIZE)). */
	int (*truncate)(struct inode *inode, loff_t size);
	/* Make a symbolic link name -> target (target: a NUL-terminated string). */
	int (*symlink)(struct inode *dir, const struct qstr *name, const char *target);
	/*
	 * A symbolic link's target. Write it into buf (at most buflen bytes;
	 * no NUL needed) and return its length, or a negative errno. A link
	 * that names an object rather than a path (Linux's nd_jump_link, as
	 * /proc/PID/fd/N) may also set *jump, when jump is not NULL, to the
	 * inode a path walk lands on (referenced); the walk then ignores the
	 * text. readlink(2) passes jump NULL. Called WITHOUT the i_mutex.
	 */
	int (*get_link)(struct inode *inode, char *buf, int buflen, struct inode **jump);
	/* Give inode (not a directory, same super block) one more name in dir. */
	int (*link)(struct inode *inode, struct inode *dir, const struct qstr *name);
	/*
	 * Move old_name of old_dir to new_name of new_dir (same super block).
	 * The VFS checked the flags and types: target, if not NULL, is what
	 * new_name names now; RENAME_EXCHANGE swaps the two names, otherwise
	 * target (an empty directory or a non-directory) loses its name.
	 * Both directories' i_mutexes are held (see namei.c's rename).
	 */
	int (*rename)(struct inode *old_dir, const struct qstr *old_name, struct inode *new_dir,
		      const struct qstr *new_name, struct inode *target, unsigned int flags);
};

/*
 * What an open file does. The buffers are kernel memory. read and write
 * move bytes at *pos and advance it; they take the locks they need
 * themselves (the VFS holds none). A NULL llseek means generic_file_llseek.
 */
struct iov_iter;
struct poll_table_struct;
struct vm_area_struct;

struct file_operations {
	/* Called by vfs_open() with the new file; may replace file->f_op (chrdev_open). */
	int (*open)(struct inode *inode, struct file *file);
	ssize_t (*read)(struct file *file, char *kbuf, size_t len, loff_t *pos);
	ssize_t (*write)(struct file *file, const char *kbuf, size_t len, loff_t *pos);
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	/* Directories: emit entries from ctx->pos on; the VFS holds the i_mutex. */
	int (*iterate)(struct file *file, struct dir_context *ctx);
	/* The last fput(): undo open. */
	void (*release)(struct inode *inode, struct file *file);
	/* Device control. arg is the caller's (a user pointer for most
	 * commands): the one place a driver copies to and from user memory
	 * itself, with mm/uaccess.h. NULL: -ENOTTY. */
	long (*ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	/*
	 * Optional, for files whose answer to a bad user buffer is their
	 * own (pipes, /dev/null): move bytes straight between the file and
	 * the user buffers of an iov_iter (fs/uio.h) instead of through
	 * .read/.write and a kernel buffer. Return: bytes moved, or an
	 * error if none were.
	 */
	ssize_t (*read_iter)(struct file *file, struct iov_iter *to, loff_t *pos);
	ssize_t (*write_iter)(struct file *file, struct iov_iter *from, loff_t *pos);
	/* What the file is ready for now (EPOLL* bits), after poll_wait()
	 * on each queue where that changes (fs/select.c). NULL: always
	 * ready to read and write. */
	unsigned int (*poll)(struct file *file, struct poll_table_struct *pt);
	/* mmap(2) of the file: set up vma (vm_file already set, the
	 * caller's mmap_lock held), usually its vm_ops. NULL: -ENODEV. */
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
};

/*
 * struct kstatfs - what statfs(2) tells about a file system, in the
 * x86_64 layout of struct statfs (120 bytes).
 */
struct kstatfs {
	long f_type;            /* the magic number: TMPFS_MAGIC ... */
	long f_bsize;
	long f_blocks, f_bfree, f_bavail;       /* in f_bsize units */
	long f_files, f_ffree;
	int f_fsid[2];
	long f_namelen;
	long f_frsize;
	long f_flags;           /* ST_* of the mount */
	long f_spare[4];
};

struct super_operations {
	/* Allocate a zeroed inode (usually inside a bigger per-fs struct). */
	struct inode *(*alloc_inode)(struct super_block *sb);
	/* Free an inode that has no name and no user left, and all it holds. */
	void (*destroy_inode)(struct inode *inode);
	/* Optional: true if an inode with no user left goes even though
	 * i_nlink says it has a name (pipes: nobody can open them again). */
	bool (*drop_inode)(struct inode *inode);
	/* Optional: fill the sizes of statfs (the VFS zeroes buf and sets
	 * f_type, f_bsize, f_namelen, f_fsid, f_frsize and f_flags first). */
	void (*statfs)(struct super_block *sb, struct kstatfs *buf);
	/* Optional: free s_fs_info; called when the super block is freed. */
	void (*put_super)(struct super_block *sb);
};

/*
 * struct super_block - one instance of a file system (one "mount").
 * It lives while it has inodes or is active; deactivate_super() marks it
 * dying and it is freed with its last inode.
 */
struct super_block {
	dev_t s_dev;                    /* st_dev of its files */
	const struct super_operations *s_op;
	void *s_fs_info;                /* the file system's own data */
	unsigned long s_magic;          /* statfs's f_type (RAMFS_MAGIC ...); set once */
	unsigned long s_flags;          /* SB_RDONLY; mount_lock sets it, read without */
	/* vfs_count_lock (vfs.c) guards these: */
	unsigned long s_next_ino;       /* the inode number new_inode() gives next */
	unsigned long s_nr_inodes;      /* inodes that exist */
	unsigned long s_inode_refs;     /* the sum of its inodes' i_count: umount's "busy" */
	unsigned long s_used_pages;     /* page-cache pages of its files (if s_max_pages) */
	unsigned long s_max_pages;      /* at most this many (tmpfs size=); 0: no limit,
					 * not counted; set before the first page */
	bool s_active;                  /* false after deactivate_super() */
};

/*
 * struct inode - one file: what stat() shows, plus the methods and the
 * file system's data. An inode lives while it has a name (i_nlink > 0) or
 * a user (i_count > 0); iput() frees it when both reach zero.
 */
struct inode {
	unsigned long i_ino;
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;   /* what vfs_open() gives the file */
	void *i_private;                /* free for the file system */
	/* The file's data: its page cache (mm/filemap.h), which has its own
	 * lock rules. i_mapping points at i_data (Linux's names). */
	struct address_space i_data;
	struct address_space *i_mapping;

	/* vfs_count_lock guards i_count: */
	unsigned int i_count;           /* references: open files, walkers, cwd ... */
	/* mount_lock (namespace.c) guards i_mounted; walks read it without: */
	unsigned int i_mounted;         /* mounts whose mount point this is */
	/* file_lock_mutex (locks.c) guards i_flctx (set once, freed with the inode): */
	struct file_lock_context *i_flctx;      /* its locks; NULL if it never had one */

	/*
	 * i_mutex guards everything below, and the file system's data of the
	 * inode (file pages, directory entries). Order: a directory's i_mutex
	 * before that of an inode inside it; never two others at once.
	 */
	struct mutex i_mutex;
	umode_t i_mode;                 /* S_IF* type and permission bits */
	unsigned int i_nlink;           /* names: directory entries (+ "." and ".." for dirs) */
	uid_t i_uid;
	gid_t i_gid;
	dev_t i_rdev;                   /* device special files: the device */
	loff_t i_size;
	u64 i_blocks;                   /* 512-byte units of memory holding data */
	u64 i_atime, i_mtime, i_ctime;  /* ns since the epoch (ktime_get_real_ns) */
};

#define SB_RDONLY       0x1             /* super_block.s_flags: mounted read-only */

/* sb_rdonly - whether inode's file system is mounted read-only. */
static inline bool sb_rdonly(const struct super_block *sb)
{
	return READ_ONCE(sb->s_flags) & SB_RDONLY;
}

#define FMODE_READ      0x1
#define FMODE_WRITE     0x2

/*
 * struct file - an open file: what a file descriptor points at. Shared by
 * dup() and fork(); freed, with the release method called, at the last
 * fput(). Holds a reference to its inode.
 */
struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	unsigned int f_flags;           /* O_* given to open, without O_CREAT/EXCL/NOCTTY/TRUNC */
	unsigned int f_mode;            /* FMODE_READ | FMODE_WRITE, from O_ACCMODE */
	loff_t f_pos;                   /* no lock yet: the fd layer serialises (TODO f_pos_lock) */
	void *private_data;             /* free for the driver */
	/* The absolute path it was opened by ("/tmp/a", lexically normalised:
	 * a link on the way not resolved), or NULL: what /proc's fd links,
	 * exe and maps show. Set once by open(2) and exec, freed with the file. */
	char *f_name;
	/* vfs_count_lock guards f_count: */
	unsigned long f_count;
};

/* readdir: the file system calls actor once per entry (Linux's dir_context). */
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen,
			  loff_t next_pos, u64 ino, unsigned int d_type);

struct dir_context {
	filldir_t actor;        /* false: no room, stop; leave pos at this entry */
	loff_t pos;             /* where to go on; the file system sets it to next_pos */
};

/* d_type values of struct linux_dirent64: the S_IF* type shifted down. */
#define DT_UNKNOWN      0
#define DT_FIFO         1
#define DT_CHR          2
#define DT_DIR          4
#define DT_BLK          6
#define DT_REG          8
#define DT_LNK          10
#define DT_SOCK         12
#define S_DT(mode)      (((mode) & S_IFMT) >> 12)

/* struct linux_dirent64 - one getdents64(2) record; d_reclen is a multiple of 8. */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;              /* the position of the next record (for lseek) */
	u16 d_reclen;
	u8 d_type;
	char d_name[];          /* NUL-terminated, then padding */
} __packed;

_Static_assert(offsetof(struct linux_dirent64, d_name) == 19, "d_name at 19");

/* Access wanted, for inode_permission() (Linux's MAY_*). */
#define MAY_EXEC        0x1
#define MAY_WRITE       0x2
#define MAY_READ        0x4

/* vfs.c: objects */
u64 current_time(void);
struct super_block *alloc_super(const struct super_operations *ops, void *fs_info);
void deactivate_super(struct super_block *sb);
struct inode *new_inode(struct super_block *sb);
struct inode *iget(struct inode *inode);
void iput(struct inode *inode);
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
int generic_permission(struct inode *inode, int mask);
int inode_permission(struct inode *inode, int mask);
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode);
void file_remove_privs(struct inode *inode);
void touch_atime(struct inode *inode);
bool __sb_charge_page(struct super_block *sb);
void __sb_uncharge_page(struct super_block *sb);

/*
 * sb_charge_page, sb_uncharge_page - a page-cache page joins (may it?) or
 * leaves a file of sb; only file systems with a size (tmpfs, s_max_pages,
 * set before its first page) count them, so shared memory and the root
 * pay one test (vfs.c).
 */
static inline bool sb_charge_page(struct super_block *sb)
{
	return !sb->s_max_pages || __sb_charge_page(sb);
}

static inline void sb_uncharge_page(struct super_block *sb)
{
	if (sb->s_max_pages)
		__sb_uncharge_page(sb);
}
struct file *alloc_file(struct inode *inode, unsigned int flags);
int open_inode(struct inode *inode, unsigned int flags, struct file **res);
struct file *get_file(struct file *file);
void fput(struct file *file);
void file_set_name(struct file *file, struct inode *root, struct inode *dir, const char *path);

/* vfs.c: file I/O */
ssize_t vfs_read(struct file *file, char *kbuf, size_t len, loff_t *pos);
ssize_t vfs_write(struct file *file, const char *kbuf, size_t len, loff_t *pos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
int do_truncate(struct inode *inode, loff_t length);
int vfs_truncate(struct inode *inode, loff_t length);
int vfs_stat(struct inode *inode, struct stat *st);
ssize_t vfs_getdents64(struct file *file, void *kbuf, size_t len);

/* namei.c: names */
#define LOOKUP_FOLLOW   0x1             /* follow a symbolic link in the last component */
#define LOOKUP_DIRECTORY 0x2            /* the last component must be a directory */
#define MAXSYMLINKS     40              /* links one walk follows before -ELOOP */

int vfs_lookup_flags(struct inode *root, struct inode *cwd, const char *path, unsigned int flags,
		     struct inode **res);
int vfs_lookup(struct inode *root, struct inode *cwd, const char *path, struct inode **res);
int vfs_open(struct inode *root, struct inode *cwd, const char *path, int flags, umode_t mode,
	     struct file **res);
int vfs_mkdir(struct inode *root, struct inode *cwd, const char *path, umode_t mode);
int vfs_mknod(struct inode *root, struct inode *cwd, const char *path, umode_t mode, dev_t dev);
int vfs_unlink(struct inode *root, struct inode *cwd, const char *path);
int vfs_rmdir(struct inode *root, struct inode *cwd, const char *path);
int vfs_symlink(struct inode *root, struct inode *cwd, const char *target, const char *path);
int vfs_readlink(struct inode *inode, char *buf, int buflen);
int vfs_path_of(struct inode *root, struct inode *inode, char *buf, size_t size);
int vfs_link(struct inode *root, struct inode *olddir, const char *oldpath, unsigned int flags,
	     struct inode *newdir, const char *newpath);
int vfs_rename(struct inode *root, struct inode *olddir, const char *oldpath,
	       struct inode *newdir, const char *newpath, unsigned int flags);

#endif /* FS_VFS_H */
