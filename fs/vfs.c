/*
 * vfs.c - the virtual file system's objects and file I/O: super blocks,
 * inodes and their reference counts, open files, and read, write, lseek,
 * truncate, stat and getdents64 on them. namei.c turns path names into
 * inodes and does open, mkdir, mknod, unlink and rmdir.
 *
 * The objects, as in Linux (fs/super.c, fs/inode.c, fs/file_table.c):
 *
 *	struct file ──f_inode──> struct inode ──i_sb──> struct super_block
 *	  f_op, f_pos, f_flags     i_op, i_fop, i_mode,    s_op, s_dev
 *	  f_count                  i_size, i_count,
 *	                           i_nlink, i_mutex
 *
 * keyhole has no dentry cache: a file system keeps its own directories
 * (ramfs.c: a list of (name, inode) per directory) and the VFS asks it
 * for one name at a time through inode_operations.lookup. Names are not
 * remembered: a directory's path, when wanted (getcwd, /proc/mounts), is
 * found by walking up through ".." (namei.c's vfs_path_of); see
 * fs/README.md.
 *
 * Life of an inode: new_inode() makes it with i_count 1 (the creator's
 * reference). Each directory entry naming it adds one to i_nlink; users
 * (open files, a walker holding it for a moment, later a task's cwd) add
 * one to i_count with iget() and drop it with iput(). When both counts are
 * zero nothing can reach the inode any more and iput() hands it to the
 * super block's destroy_inode, which frees its data (the page cache,
 * inode->i_data, first: mm/filemap.c). An unlinked file that is still
 * open, or mapped (a VMA holds a file reference), thus lives until its
 * last close or munmap, as POSIX wants.
 *
 * Life of a file: alloc_file() makes it with f_count 1 and a reference to
 * its inode; get_file() adds a user (dup, fork), fput() drops one, and the
 * last fput() calls the release method and drops the inode.
 *
 * KERNEL BUFFERS ONLY. Every file_operations read and write method takes a
 * kernel buffer. The system-call layer copies user data into a kernel
 * buffer before vfs_write() and out of one after vfs_read() (and copies
 * getdents64 records and struct stat out the same way). So file-system
 * code never touches user memory, never takes a page fault under an
 * inode's i_mutex, and needs no access_ok() or fault handling: one place,
 * the syscall layer, deals with bad user pointers (-EFAULT). Linux passes
 * user pointers down (iov_iter); we trade one extra copy for simplicity.
 *
 * Permissions: inode_permission() is the single hook every path that
 * needs an access check calls; it checks the mode bits against the
 * task's file-system ids as Linux does (generic_permission). A new inode
 * gets its owner from inode_init_owner().
 *
 * Locking:
 *	vfs_count_lock (spinlock) guards every inode's i_count, every file's
 *	    f_count and the super block counters (s_next_ino, s_nr_inodes,
 *	    s_inode_refs, s_used_pages, s_active). It is innermost: nothing sleeps or locks under it.
 *	inode->i_mutex guards the inode's attributes (mode, nlink, size,
 *	    times ...) and the file system's data of it (pages, entries).
 *	    Order: a directory before an inode inside it (namei.c's unlink and
 *	    rmdir take both); no other nesting of two i_mutexes.
 *	The VFS takes a directory's i_mutex around its inode_operations and
 *	getdents; read and write methods take their inode's i_mutex themselves.
 *	i_nlink changes under i_mutex but iput() reads it under vfs_count_lock
 *	only. That is safe because whoever drops i_nlink to zero holds a
 *	reference, so its own iput() comes later and sees the zero.
 *	f_pos has no lock: the fd layer must not let two calls use one file's
 *	f_pos at once (Linux's f_pos_lock, TODO with threads).
 */
#include "fs/dev.h"
#include "fs/locks.h"
#include "fs/vfs.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/slab.h"

static DEFINE_SPINLOCK(vfs_count_lock);
static unsigned int next_anon_minor = 1;        /* s_dev of the next super block; vfs_count_lock */

/* For inodes whose file system gives no methods. */
static const struct inode_operations empty_iops;

static int no_open(struct inode *inode, struct file *file)
{
	(void)inode;
	(void)file;
	return -ENXIO;
}

/* Opening fails with ENXIO: sockets, block devices, and FIFOs until pipe.c. */
static const struct file_operations no_open_fops = { .open = no_open };

/*
 * current_time - the time to stamp on an inode, in ns since the epoch.
 *
 * Context: any.
 * Return: ktime_get_real_ns().
 */
u64 current_time(void)
{
	return ktime_get_real_ns();
}

/*
 * alloc_super - make a super block for a new instance of a file system.
 * @ops:     its super_operations
 * @fs_info: stored in s_fs_info
 *
 * The super block gets an anonymous device number (major 0, as Linux's
 * get_anon_bdev) and gives inode numbers from 1 up.
 *
 * Context: may sleep.
 * Return: the super block, or NULL when out of memory.
 */
struct super_block *alloc_super(const struct super_operations *ops, void *fs_info)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->s_op = ops;
	sb->s_fs_info = fs_info;
	sb->s_next_ino = 1;
	sb->s_active = true;
	spin_lock(&vfs_count_lock);
	sb->s_dev = MKDEV(0, next_anon_minor++);
	spin_unlock(&vfs_count_lock);
	return sb;
}

/* The last of a super block: the file system's data, then the block. */
static void free_super(struct super_block *sb)
{
	if (sb->s_op->put_super)
		sb->s_op->put_super(sb);
	kfree(sb);
}

/*
 * __sb_charge_page - one more page-cache page for a file of sb (which has
 * a size: s_max_pages), if it has room; __sb_uncharge_page() gives it
 * back. mm/filemap.c calls them, through vfs.h's sb_charge_page and
 * sb_uncharge_page, where pages join and leave a cache.
 *
 * Context: any.
 * Return: true, or false when sb is full (the caller fails with -ENOSPC).
 */
bool __sb_charge_page(struct super_block *sb)
{
	bool ok;

	spin_lock(&vfs_count_lock);
	ok = sb->s_used_pages < sb->s_max_pages;
	if (ok)
		sb->s_used_pages++;
	spin_unlock(&vfs_count_lock);
	return ok;
}

/* __sb_uncharge_page - a page left a cache of sb's. Context: any. */
void __sb_uncharge_page(struct super_block *sb)
{
	spin_lock(&vfs_count_lock);
	sb->s_used_pages--;
	spin_unlock(&vfs_count_lock);
}

/*
 * deactivate_super - the file system instance is no longer mounted: free
 * the super block now if it has no inodes left, else with the last one.
 *
 * Context: may sleep. The caller gives up its pointer to sb.
 */
void deactivate_super(struct super_block *sb)
{
	bool free_now;

	spin_lock(&vfs_count_lock);
	sb->s_active = false;
	free_now = sb->s_nr_inodes == 0;
	spin_unlock(&vfs_count_lock);
	if (free_now)
		free_super(sb);
}

/*
 * new_inode - make an inode of sb with the next inode number, one link,
 * one reference, the current time, and no methods (opening it gives
 * -ENXIO) until the file system sets them. Linux's new_inode().
 *
 * Context: may sleep.
 * Return: the inode, or NULL when out of memory.
 */
struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode;
	u64 now = current_time();

	if (sb->s_op->alloc_inode)
		inode = sb->s_op->alloc_inode(sb);
	else
		inode = kzalloc(sizeof(*inode), GFP_KERNEL);
	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_op = &empty_iops;
	inode->i_fop = &no_open_fops;
	inode->i_count = 1;
	inode->i_nlink = 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = now;
	mutex_init(&inode->i_mutex);
	address_space_init(&inode->i_data, inode);
	inode->i_mapping = &inode->i_data;
	spin_lock(&vfs_count_lock);
	inode->i_ino = sb->s_next_ino++;
	sb->s_nr_inodes++;
	sb->s_inode_refs++;
	spin_unlock(&vfs_count_lock);
	return inode;
}

/*
 * iget - take one more reference to an inode the caller can already reach
 * (holds a reference to, or found in a directory under its i_mutex).
 * Linux calls this ihold().
 *
 * Context: any.
 * Return: inode.
 */
struct inode *iget(struct inode *inode)
{
	spin_lock(&vfs_count_lock);
	inode->i_count++;
	inode->i_sb->s_inode_refs++;
	spin_unlock(&vfs_count_lock);
	return inode;
}

/* Free an inode nothing refers to, and its super block if that was waiting. */
static void destroy_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	bool free_sb;

	locks_free_lock_context(inode);
	truncate_inode_pages_final(&inode->i_data);
	if (sb->s_op->destroy_inode)
		sb->s_op->destroy_inode(inode);
	else
		kfree(inode);
	spin_lock(&vfs_count_lock);
	free_sb = --sb->s_nr_inodes == 0 && !sb->s_active;
	spin_unlock(&vfs_count_lock);
	if (free_sb)
		free_super(sb);
}

/*
 * iput - drop a reference to an inode (NULL is ignored). The inode is
 * destroyed if that was the last reference and it has no name left.
 *
 * Context: may sleep; the caller must not hold the inode's i_mutex (the
 * inode may be freed). Panics if the inode had no reference.
 */
void iput(struct inode *inode)
{
	bool dead;

	if (!inode)
		return;
	spin_lock(&vfs_count_lock);
	if (inode->i_count == 0)
		panic("iput: inode %lu has i_count 0 (one iput too many)", inode->i_ino);
	inode->i_sb->s_inode_refs--;
	dead = --inode->i_count == 0 &&
	       (inode->i_nlink == 0 || (inode->i_sb->s_op->drop_inode &&
					inode->i_sb->s_op->drop_inode(inode)));
	spin_unlock(&vfs_count_lock);
	if (dead)
		destroy_inode(inode);
}

/*
 * init_special_inode - make inode a device, FIFO or socket of the given
 * mode: set i_mode, i_rdev and the file operations that opening it uses.
 * Character devices open through the major-number table (dev.c); block
 * devices, sockets and (until pipe.c) FIFOs refuse to open with -ENXIO.
 *
 * Context: the inode is new, or the caller holds its i_mutex.
 */
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	inode->i_rdev = 0;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &no_open_fops;
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode) || S_ISSOCK(mode)) {
		inode->i_fop = &no_open_fops;
	} else {
		pr_warn("init_special_inode: bogus i_mode %o for inode %lu\n", mode,
			inode->i_ino);
	}
}

/*
 * generic_permission - the mode-bit check (Linux's generic_permission):
 * the owner (fsuid == i_uid) gets the user bits, else a member of i_gid
 * the group bits, else the others' bits; every bit of mask (MAY_READ,
 * MAY_WRITE, MAY_EXEC) must be granted. Failing that, CAP_DAC_OVERRIDE
 * (root) passes anything but MAY_EXEC on a file with no x bit at all, and
 * CAP_DAC_READ_SEARCH reading, or searching a directory.
 *
 * Context: any; reads i_mode without i_mutex (one aligned load).
 * Return: 0, or -EACCES.
 */
int generic_permission(struct inode *inode, int mask)
{
	umode_t mode = inode->i_mode;

	if (current->fsuid == inode->i_uid)
		mode >>= 6;
	else if (in_group_p(inode->i_gid))
		mode >>= 3;
	if (!(mask & ~mode & (MAY_READ | MAY_WRITE | MAY_EXEC)))
		return 0;
	if (capable(CAP_DAC_OVERRIDE) &&
	    (!(mask & MAY_EXEC) || S_ISDIR(inode->i_mode) || (inode->i_mode & S_IXUGO)))
		return 0;
	if (capable(CAP_DAC_READ_SEARCH) && !(mask & MAY_WRITE) &&
	    (S_ISDIR(inode->i_mode) || !(mask & MAY_EXEC)))
		return 0;
	return -EACCES;
}

/*
 * inode_permission - may the current task access inode as mask (MAY_READ,
 * MAY_WRITE, MAY_EXEC) says? The one hook every path that needs an access
 * check calls: MAY_EXEC on each directory walked through, MAY_WRITE |
 * MAY_EXEC on a directory changed, MAY_READ/MAY_WRITE on a file opened or
 * truncated, MAY_EXEC on a program and on a new working directory. No
 * file system of keyhole's has a permission method of its own, so it is
 * generic_permission(), after the read-only-mount check.
 *
 * Context: any.
 * Return: 0, -EROFS (MAY_WRITE on a read-only mount), or -EACCES.
 */
int inode_permission(struct inode *inode, int mask)
{
	umode_t mode = inode->i_mode;

	/* Nobody writes a file, directory or link of a read-only mount,
	 * root included (Linux's sb_permission); devices and FIFOs may. */
	if ((mask & MAY_WRITE) && sb_rdonly(inode->i_sb) &&
	    (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode)))
		return -EROFS;
	return generic_permission(inode, mask);
}

/*
 * inode_init_owner - a new inode in dir belongs to the creator's fsuid,
 * and to its fsgid unless dir has the set-group-ID bit: then to dir's
 * group, and a new directory inherits the bit (Linux's inode_init_owner).
 *
 * Context: dir->i_mutex held (the name is being made).
 */
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode)
{
	inode->i_uid = current->fsuid;
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	} else {
		inode->i_gid = current->fsgid;
	}
	inode->i_mode = mode;
}

/*
 * alloc_file - make an open file of inode, without calling the open
 * method (open_inode() does; pipes will use this directly).
 * @flags: the O_* flags; O_ACCMODE gives f_mode, and O_CREAT, O_EXCL
 *         and O_TRUNC are dropped (they only mean something to open
 *         itself, and F_GETFL must not show them); O_NOCTTY stays for the
 *         open method (a terminal's), and open_inode() drops it after.
 *
 * Context: may sleep.
 * Return: the file with f_count 1 and a new reference to inode, or NULL
 * when out of memory.
 */
struct file *alloc_file(struct inode *inode, unsigned int flags)
{
	struct file *file = kzalloc(sizeof(*file), GFP_KERNEL);
	unsigned int acc = flags & O_ACCMODE;

	if (!file)
		return NULL;
	file->f_inode = iget(inode);
	file->f_op = inode->i_fop;
	file->f_flags = flags & ~(O_CREAT | O_EXCL | O_TRUNC);
	if (acc == O_RDONLY || acc == O_RDWR)
		file->f_mode |= FMODE_READ;
	if (acc == O_WRONLY || acc == O_RDWR)
		file->f_mode |= FMODE_WRITE;
	file->f_count = 1;
	return file;
}

/*
 * open_inode - open inode: alloc_file() plus the open method. Access
 * checks are the caller's (vfs_open does them).
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0 and the file in *res, -ENOMEM, or the open method's error
 * (-ENXIO for a device with no driver, a socket or a FIFO).
 */
int open_inode(struct inode *inode, unsigned int flags, struct file **res)
{
	struct file *file = alloc_file(inode, flags);
	int err;

	if (!file)
		return -ENOMEM;
	if (file->f_op->open) {
		err = file->f_op->open(inode, file);
		if (err)
			goto out_free_file;
	}
	file->f_flags &= ~O_NOCTTY;     /* seen by the open method, as Linux */
	*res = file;
	return 0;

out_free_file:          /* never opened, so no release */
	iput(file->f_inode);
	kfree(file);
	return err;
}

/*
 * get_file - take one more reference to an open file (dup, fork).
 *
 * Context: any.
 * Return: file.
 */
struct file *get_file(struct file *file)
{
	spin_lock(&vfs_count_lock);
	file->f_count++;
	spin_unlock(&vfs_count_lock);
	return file;
}

/*
 * fput - drop a reference to an open file (NULL is ignored); the last one
 * calls the release method, drops the inode and frees the file.
 *
 * Context: may sleep; no i_mutex of the file's inode held. Panics if the
 * file had no reference.
 */
void fput(struct file *file)
{
	bool last;

	if (!file)
		return;
	spin_lock(&vfs_count_lock);
	if (file->f_count == 0)
		panic("fput: file of inode %lu has f_count 0 (one fput too many)",
		      file->f_inode->i_ino);
	last = --file->f_count == 0;
	spin_unlock(&vfs_count_lock);
	if (!last)
		return;
	locks_remove_file(file);                /* its OFD locks and flock */
	if (file->f_op->release)
		file->f_op->release(file->f_inode, file);
	iput(file->f_inode);
	kfree(file->f_name);
	kfree(file);
}

/* Linux's rw_verify_area(): a position and a length the methods can trust. */
static ssize_t rw_verify_area(loff_t pos, size_t *len)
{
	if (pos < 0)
		return -EINVAL;
	if (*len > (size_t)MAX_RW_COUNT)
		*len = MAX_RW_COUNT;
	if (pos > MAX_LFS_FILESIZE - (loff_t)*len)
		return -EINVAL;
	return 0;
}

/*
 * vfs_read - read up to len bytes at *pos into kbuf, and advance *pos.
 * @kbuf: a KERNEL buffer (see the top of this file)
 * @pos:  &file->f_pos for read(2), a local for pread(2)
 *
 * A read asks for at most MAX_RW_COUNT bytes, as in Linux.
 *
 * Context: may sleep; no i_mutex held.
 * Return: bytes read (0 at end of file), -EBADF if the file is not open
 * for reading, -EISDIR for a directory, -EINVAL for a negative or
 * overflowing position or a file that cannot be read, or the method's
 * error.
 */
ssize_t vfs_read(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	ssize_t err;

	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (!file->f_op->read)
		return S_ISDIR(file->f_inode->i_mode) ? -EISDIR : -EINVAL;
	err = rw_verify_area(*pos, &len);
	if (err)
		return err;
	return file->f_op->read(file, kbuf, len, pos);
}

/*
 * vfs_write - write len bytes from kbuf at *pos (at the end of the file
 * with O_APPEND: the method decides that under its lock), and advance *pos.
 * @kbuf: a KERNEL buffer
 *
 * Context: may sleep; no i_mutex held.
 * Return: bytes written (fewer than len if memory ran out part way),
 * -EBADF if not open for writing, -EINVAL for a bad position or a file
 * that cannot be written, -EFBIG past the file system's largest file,
 * -ENOMEM, or the method's error.
 */
ssize_t vfs_write(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	ssize_t err;

	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!file->f_op->write)
		return -EINVAL;
	err = rw_verify_area(*pos, &len);
	if (err)
		return err;
	if (len)
		file_remove_privs(file->f_inode);
	return file->f_op->write(file, kbuf, len, pos);
}

/*
 * file_remove_privs - a regular file written or truncated by someone
 * without CAP_FSETID loses its set-user-ID bit, and its set-group-ID bit
 * if group execute is set or the writer is not in the file's group
 * (Linux's setattr_should_drop_suidgid): a changed program must not run
 * with its owner's rights.
 *
 * Context: may sleep; the inode's i_mutex not held.
 */
void file_remove_privs(struct inode *inode)
{
	umode_t kill = S_ISUID;

	if ((inode->i_mode & S_IXGRP) || !in_group_p(inode->i_gid))
		kill |= S_ISGID;
	if (!S_ISREG(inode->i_mode) || !(inode->i_mode & kill) || capable(CAP_FSETID))
		return;
	mutex_lock(&inode->i_mutex);
	inode->i_mode &= (umode_t)~kill;
	inode->i_ctime = current_time();
	mutex_unlock(&inode->i_mutex);
}

/*
 * touch_atime - a read of inode: set its access time to now, "relatime"
 * style (Linux's default for every mount, and keyhole's everywhere): only
 * when the old one is not newer than the modification or change time, or
 * is a day old, so reads of an unchanged file do not write its inode.
 *
 * Context: the caller holds inode->i_mutex.
 */
void touch_atime(struct inode *inode)
{
	s64 now = (s64)current_time(), atime = (s64)inode->i_atime;

	if (atime <= (s64)inode->i_mtime || atime <= (s64)inode->i_ctime ||
	    now - atime >= 24 * 3600 * (s64)NSEC_PER_SEC)
		inode->i_atime = (u64)now;
}

/*
 * generic_file_llseek - lseek for files whose positions are byte offsets
 * up to i_size (and for ramfs directories, whose positions are cookies).
 *
 * Context: may sleep; no i_mutex held.
 * Return: the new f_pos, or -EINVAL for an unknown whence (SEEK_DATA and
 * SEEK_HOLE included) or a result that is negative or overflows.
 */
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *inode = file->f_inode;
	loff_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = file->f_pos;
		break;
	case SEEK_END:
		mutex_lock(&inode->i_mutex);
		base = inode->i_size;
		mutex_unlock(&inode->i_mutex);
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, offset, &offset) || offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/*
 * vfs_llseek - set file->f_pos as lseek(2) does.
 *
 * Context: may sleep; no i_mutex held.
 * Return: the new position, or -EINVAL (see generic_file_llseek), or the
 * method's error.
 */
loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	if (file->f_op->llseek)
		return file->f_op->llseek(file, offset, whence);
	return generic_file_llseek(file, offset, whence);
}

/*
 * do_truncate - set a regular file's size to length, with no permission
 * check: data past it goes, and growing adds a hole that reads as zeroes
 * (ftruncate(2), which needs a descriptor open for writing instead).
 * Shrinking also unmaps the pages past the new end from every mapping of
 * the file: a later touch there is SIGBUS.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, -EINVAL for a non-regular file or a negative length, -EPERM
 * if the file system cannot, -EFBIG past its largest file, -ENOMEM.
 */
int do_truncate(struct inode *inode, loff_t length)
{
	bool shrunk;
	int err;

	if (!S_ISREG(inode->i_mode) || length < 0)
		return -EINVAL;
	if (!inode->i_op->truncate)
		return -EPERM;
	file_remove_privs(inode);
	mutex_lock(&inode->i_mutex);
	shrunk = length < inode->i_size;
	err = inode->i_op->truncate(inode, length);
	mutex_unlock(&inode->i_mutex);
	/* The pages past the end are out of the cache: out of every mapping
	 * too, now that i_mutex is free (mm/filemap.c: lock order). */
	if (!err && shrunk)
		unmap_mapping_range(inode->i_mapping, length);
	return err;
}

/*
 * vfs_truncate - truncate(2) and open's O_TRUNC: do_truncate() for a
 * caller with write permission on the file.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, -EISDIR for a directory, -EACCES without write permission,
 * or do_truncate()'s errors.
 */
int vfs_truncate(struct inode *inode, loff_t length)
{
	int err;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) || length < 0)
		return -EINVAL;
	err = inode_permission(inode, MAY_WRITE);
	if (err)
		return err;
	return do_truncate(inode, length);
}

/* A time field holds s64 ns (utimensat may set times before 1970). */
static struct stat_time ns_to_stat_time(u64 time)
{
	s64 ns = (s64)time, sec = ns / (s64)NSEC_PER_SEC, rem = ns % (s64)NSEC_PER_SEC;

	if (rem < 0) {
		rem += (s64)NSEC_PER_SEC;
		sec--;
	}
	return (struct stat_time){ .tv_sec = sec, .tv_nsec = rem };
}

/*
 * vfs_stat - fill *st, in the layout stat(2) gives user space, from inode
 * (Linux's generic_fillattr() and cp_new_stat()).
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0.
 */
int vfs_stat(struct inode *inode, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	mutex_lock(&inode->i_mutex);
	st->st_dev = new_encode_dev(inode->i_sb->s_dev);
	st->st_ino = inode->i_ino;
	st->st_nlink = inode->i_nlink;
	st->st_mode = inode->i_mode;
	st->st_uid = inode->i_uid;
	st->st_gid = inode->i_gid;
	st->st_rdev = new_encode_dev(inode->i_rdev);
	st->st_size = inode->i_size;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = (s64)inode->i_blocks;
	st->st_atim = ns_to_stat_time(inode->i_atime);
	st->st_mtim = ns_to_stat_time(inode->i_mtime);
	st->st_ctim = ns_to_stat_time(inode->i_ctime);
	mutex_unlock(&inode->i_mutex);
	return 0;
}

/* getdents64's state between the file system's calls of filldir64(). */
struct getdents_callback64 {
	struct dir_context ctx;
	char *buf;              /* where the next record goes */
	size_t left;            /* bytes left in the buffer */
	int error;              /* -EINVAL: not even the first record fitted */
};

/* Append one linux_dirent64 record, 8-byte aligned, padding zeroed. */
static bool filldir64(struct dir_context *ctx, const char *name, int namelen, loff_t next_pos,
		      u64 ino, unsigned int d_type)
{
	struct getdents_callback64 *gd = container_of(ctx, struct getdents_callback64, ctx);
	size_t namestart = offsetof(struct linux_dirent64, d_name);
	size_t reclen = ALIGN_UP(namestart + (size_t)namelen + 1, 8);
	struct linux_dirent64 *d = (struct linux_dirent64 *)gd->buf;

	if (reclen > gd->left) {
		gd->error = -EINVAL;    /* reported only if nothing was filled */
		return false;
	}
	memset(gd->buf, 0, reclen);
	d->d_ino = ino;
	d->d_off = next_pos;
	d->d_reclen = (u16)reclen;
	d->d_type = (u8)d_type;
	memcpy(d->d_name, name, (size_t)namelen);
	gd->buf += reclen;
	gd->left -= reclen;
	return true;
}

/*
 * vfs_getdents64 - fill kbuf with struct linux_dirent64 records of the
 * directory, from file->f_pos on, as many as fit; advance f_pos past them.
 * "." and ".." come first, as in Linux. Each record's d_off is the
 * position just after it, so lseek(fd, d_off, SEEK_SET) resumes there.
 * @kbuf: a KERNEL buffer
 *
 * Context: may sleep; no i_mutex held.
 * Return: bytes filled, 0 at the end of the directory, -ENOTDIR if the
 * file is not a directory, -EINVAL if len cannot hold the next record,
 * -ENOENT if the directory was removed.
 */
ssize_t vfs_getdents64(struct file *file, void *kbuf, size_t len)
{
	struct inode *inode = file->f_inode;
	struct getdents_callback64 gd = {
		.ctx = { .actor = filldir64, .pos = file->f_pos },
		.buf = kbuf,
		.left = len,
	};
	int err;

	if (!S_ISDIR(inode->i_mode) || !file->f_op->iterate)
		return -ENOTDIR;
	/* No permission check: open() made it, as in Linux. */
	mutex_lock(&inode->i_mutex);
	if (inode->i_nlink == 0) {
		err = -ENOENT;          /* removed while open: Linux's IS_DEADDIR */
		goto out_unlock;
	}
	err = file->f_op->iterate(file, &gd.ctx);
	file->f_pos = gd.ctx.pos;
	touch_atime(inode);
out_unlock:
	mutex_unlock(&inode->i_mutex);
	if (len - gd.left > 0)
		return (ssize_t)(len - gd.left);
	return err ? err : gd.error;
}
