/*
 * ramfs.c - the in-memory file system that holds the root directory and
 * the initramfs: files whose only copy is in RAM, with no size limit but
 * RAMFS_MAX_FILE_SIZE and free memory. Linux's fs/ramfs/ (with its
 * directories in the dcache, which keyhole does not have) and the data
 * side of mm/shmem.c.
 *
 * Every inode is a struct ramfs_inode, the VFS inode plus:
 *
 *	regular file:  nothing: its data is its page cache, inode->i_mapping
 *	               (mm/filemap.c), page i holding bytes
 *	               [i * PAGE_SIZE, (i + 1) * PAGE_SIZE); a missing page is
 *	               a hole and reads as zeroes
 *	directory:     entries: ramfs_dirent (name, inode, pos) in creation order
 *	               parent:  the directory holding it, for ".."
 *	symlink:       link: its target, a kmalloc'd string that never changes
 *	device etc.:   nothing (init_special_inode() gives it its open method)
 *
 * The page cache is the same kind as the one behind System V shared
 * memory and shared anonymous mappings (fs/shmem.c), as on Linux, where
 * ramfs and tmpfs both keep file data in the page cache and nowhere else.
 * read and write copy to and from the cached pages; mmap(2) maps them
 * (generic_file_mmap), so a MAP_SHARED store is what read() returns next.
 *
 * Writes fill holes with fresh zeroed pages; i_blocks counts the pages
 * present, so stat shows a sparse file's holes. Invariant: every byte of
 * a present page past i_size is zero whenever i_size grows: truncating
 * down drops the pages past the end and zeroes the tail of the last one,
 * and growing (write past the end, truncate up) zeroes that tail again, as
 * a MAP_SHARED store may have written there; so growing shows zeroes,
 * never old data.
 *
 * Names: a directory entry does not hold a reference (i_count) to its
 * inode; it is one of the inode's links (i_nlink), and the inode lives as
 * long as it has a link or a user (see vfs.c). A directory's links are
 * its entry in the parent, its own "." and the ".." of each subdirectory:
 * 2 + subdirectories, as in Linux. rmdir and unlink remove the entry and
 * the link; the inode is freed by the last iput (ramfs_destroy_inode).
 * parent is a plain pointer: a non-empty directory cannot be removed, so
 * the parent outlives the child's entry; rmdir clears it.
 *
 * Directory positions for getdents: 0 is ".", 1 is "..", and each entry
 * gets the next number of its directory (from 2 up) when created. Entries
 * are listed in creation order, so positions ascend along the list and a
 * reader resumes at "the first entry whose pos is >= f_pos": removing or
 * adding entries between two getdents calls neither repeats nor skips the
 * others (Linux's dcache_readdir counts entries instead and can).
 *
 * Life cycle: ramfs_create_root() makes a super block and the root
 * directory; ramfs_kill() removes every name under it and drops the root,
 * freeing each inode no one has open (the others go at their last iput).
 *
 * Locking: the VFS holds a directory's i_mutex around the inode methods
 * (lookup, create, mkdir, mknod, unlink, rmdir, iterate) and the victim's
 * around unlink and rmdir; it holds a file's i_mutex around truncate.
 * ramfs_read and ramfs_write take the file's i_mutex themselves. A file's
 * i_mutex guards its page cache and i_size; a directory's its entries,
 * next_pos and parent. Mode, ino and type of an inode never change, so
 * readdir reads them from a child without its lock.
 */
#include "fs/mount.h"
#include "fs/ramfs.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "lib/printf.h"
#include "lib/err.h"
#include "lib/string.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

struct ramfs_dirent {
	struct list_head list;          /* on the directory's entries */
	struct inode *inode;            /* one of its i_nlink, not an i_count */
	loff_t pos;                     /* readdir position, ascending along the list */
	u32 len;
	char name[];                    /* len bytes and a NUL */
};

struct ramfs_inode {
	struct inode vfs_inode;
	struct {                        /* S_IFDIR */
		struct list_head entries;
		struct inode *parent;   /* itself for the root; NULL once removed */
		loff_t next_pos;        /* of the next entry created */
	};
	char *link;                     /* S_IFLNK: the target, i_size bytes and a NUL */
};

/*
 * A tmpfs instance's limits and use (s_fs_info); a plain ramfs (the root)
 * has none and no limit, as Linux's ramfs.
 */
struct ramfs_sb_info {
	unsigned long max_pages;        /* size= (the super block's s_max_pages) */
	unsigned long max_inodes;       /* nr_inodes=: reported by statfs only */
	umode_t mode;                   /* mode= of the root */
	uid_t uid;
	gid_t gid;
	bool size_set, inodes_set;      /* given as options: /proc/mounts shows them */
};

static inline struct ramfs_inode *RAMFS_I(struct inode *inode)
{
	return container_of(inode, struct ramfs_inode, vfs_inode);
}

static const struct inode_operations ramfs_dir_iops;
static const struct inode_operations ramfs_file_iops;
static const struct inode_operations ramfs_symlink_iops;
static const struct file_operations ramfs_dir_fops;
static const struct file_operations ramfs_file_fops;

/* --- inodes ------------------------------------------------------------ */

static struct inode *ramfs_alloc_inode(struct super_block *sb)
{
	struct ramfs_inode *ri = kzalloc(sizeof(*ri), GFP_KERNEL);

	(void)sb;
	return ri ? &ri->vfs_inode : NULL;
}

/* super_operations.destroy_inode: no name, no user left (the VFS freed
 * the page cache already). */
static void ramfs_destroy_inode(struct inode *inode)
{
	struct ramfs_inode *ri = RAMFS_I(inode);

	if (S_ISLNK(inode->i_mode))
		kfree(ri->link);
	if (S_ISDIR(inode->i_mode) && !list_empty(&ri->entries)) {
		panic("ramfs: directory inode %lu freed with entries (i_nlink 0 needs it empty)",
		      inode->i_ino);
	}
	kfree(ri);
}

static void ramfs_put_super(struct super_block *sb)
{
	kfree(sb->s_fs_info);
}

/* tmpfs's statfs: its size and use in pages, its inode limit and use. */
static void ramfs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct ramfs_sb_info *sbi = sb->s_fs_info;

	unsigned long used = READ_ONCE(sb->s_used_pages);

	if (!sbi)
		return;                 /* ramfs: no sizes, as Linux's simple_statfs */
	buf->f_blocks = (long)sbi->max_pages;
	buf->f_bfree = buf->f_bavail = (long)(sbi->max_pages - min(used, sbi->max_pages));
	buf->f_files = (long)sbi->max_inodes;
	buf->f_ffree = (long)(sbi->max_inodes - min(sb->s_nr_inodes, sbi->max_inodes));
}

static const struct super_operations ramfs_sops = {
	.alloc_inode = ramfs_alloc_inode,
	.destroy_inode = ramfs_destroy_inode,
	.statfs = ramfs_statfs,
	.put_super = ramfs_put_super,
};

/* A new inode of the given type, with the ramfs methods, not yet named. */
static struct inode *ramfs_get_inode(struct super_block *sb, umode_t mode, dev_t rdev)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_mode = mode;
		inode->i_op = &ramfs_file_iops;
		inode->i_fop = &ramfs_file_fops;
		break;
	case S_IFDIR:
		inode->i_mode = mode;
		inode->i_op = &ramfs_dir_iops;
		inode->i_fop = &ramfs_dir_fops;
		inode->i_nlink = 2;             /* its entry and its "." */
		INIT_LIST_HEAD(&RAMFS_I(inode)->entries);
		RAMFS_I(inode)->next_pos = 2;   /* after "." and ".." */
		break;
	case S_IFLNK:
		inode->i_mode = mode;
		inode->i_op = &ramfs_symlink_iops;
		break;
	default:
		init_special_inode(inode, mode, rdev);
		break;
	}
	return inode;
}

/* --- directories ------------------------------------------------------- */

static struct ramfs_dirent *ramfs_find(struct inode *dir, const struct qstr *name)
{
	struct ramfs_dirent *e;

	list_for_each_entry(e, &RAMFS_I(dir)->entries, list)
		if (e->len == name->len && memcmp(e->name, name->name, name->len) == 0)
			return e;
	return NULL;
}

static void ramfs_touch_dir(struct inode *dir)
{
	dir->i_mtime = dir->i_ctime = current_time();
}

/* inode_operations.lookup. Caller holds dir->i_mutex. */
static int ramfs_lookup(struct inode *dir, const struct qstr *name, struct inode **res)
{
	struct ramfs_dirent *e;

	if (name->len == 2 && name->name[0] == '.' && name->name[1] == '.') {
		if (!RAMFS_I(dir)->parent)
			return -ENOENT;
		*res = iget(RAMFS_I(dir)->parent);
		return 0;
	}
	e = ramfs_find(dir, name);
	if (!e)
		return -ENOENT;
	*res = iget(e->inode);
	return 0;
}

/*
 * Make an inode of mode and link it into dir under name (create, mkdir
 * and mknod). Caller holds dir->i_mutex and made sure name is free.
 */
static int ramfs_new(struct inode *dir, const struct qstr *name, umode_t mode, dev_t rdev,
		     struct inode **res)
{
	struct ramfs_dirent *e;
	struct inode *inode;

	e = kmalloc(sizeof(*e) + name->len + 1, GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	inode = ramfs_get_inode(dir->i_sb, mode, rdev);
	if (!inode) {
		kfree(e);
		return -ENOMEM;
	}
	inode_init_owner(inode, dir, inode->i_mode);    /* the creator's, or dir's group */
	e->inode = inode;
	e->len = name->len;
	memcpy(e->name, name->name, name->len);
	e->name[name->len] = '\0';
	e->pos = RAMFS_I(dir)->next_pos++;
	list_add_tail(&e->list, &RAMFS_I(dir)->entries);
	if (S_ISDIR(mode)) {
		RAMFS_I(inode)->parent = dir;
		dir->i_nlink++;                 /* the child's ".." */
	}
	ramfs_touch_dir(dir);
	*res = inode;
	return 0;
}

static int ramfs_create(struct inode *dir, const struct qstr *name, umode_t mode,
			struct inode **res)
{
	return ramfs_new(dir, name, mode, 0, res);
}

static int ramfs_mkdir(struct inode *dir, const struct qstr *name, umode_t mode)
{
	struct inode *inode;
	int err = ramfs_new(dir, name, mode, 0, &inode);

	if (!err)
		iput(inode);            /* it lives on its links */
	return err;
}

static int ramfs_mknod(struct inode *dir, const struct qstr *name, umode_t mode, dev_t rdev)
{
	struct inode *inode;
	int err = ramfs_new(dir, name, mode, rdev, &inode);

	if (!err)
		iput(inode);
	return err;
}

/* inode_operations.symlink. Caller holds dir->i_mutex. */
static int ramfs_symlink(struct inode *dir, const struct qstr *name, const char *target)
{
	size_t len = strlen(target);
	char *copy = kmalloc(len + 1, GFP_KERNEL);
	struct inode *inode;
	int err;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, len + 1);
	err = ramfs_new(dir, name, S_IFLNK | 0777, 0, &inode);
	if (err) {
		kfree(copy);
		return err;
	}
	RAMFS_I(inode)->link = copy;    /* before anyone else can see it: dir is locked */
	inode->i_size = (loff_t)len;
	iput(inode);
	return 0;
}

/* inode_operations.get_link: the text never changes, so no lock. */
static int ramfs_get_link(struct inode *inode, char *buf, int buflen, struct inode **jump)
{
	int len = (int)inode->i_size;

	(void)jump;
	if (len > buflen)
		return -ENAMETOOLONG;
	memcpy(buf, RAMFS_I(inode)->link, (size_t)len);
	return len;
}

static const struct inode_operations ramfs_symlink_iops = {
	.get_link = ramfs_get_link,
};

/* Take e out of dir. Caller holds dir->i_mutex. */
static void ramfs_remove_entry(struct inode *dir, struct ramfs_dirent *e)
{
	list_del(&e->list);
	kfree(e);
	ramfs_touch_dir(dir);
}

/* The VFS found victim under name with dir locked, and still holds the lock. */
static struct ramfs_dirent *ramfs_find_victim(struct inode *dir, const struct qstr *name,
					      struct inode *victim)
{
	struct ramfs_dirent *e = ramfs_find(dir, name);

	if (!e || e->inode != victim)
		panic("ramfs: entry %.*s of dir %lu changed under its i_mutex", (int)name->len,
		      name->name, dir->i_ino);
	return e;
}

/* Add an entry name -> inode at the end of dir. Caller holds dir->i_mutex. */
static int ramfs_add_entry(struct inode *dir, const struct qstr *name, struct inode *inode)
{
	struct ramfs_dirent *e = kmalloc(sizeof(*e) + name->len + 1, GFP_KERNEL);

	if (!e)
		return -ENOMEM;
	e->inode = inode;
	e->len = name->len;
	memcpy(e->name, name->name, name->len);
	e->name[name->len] = '\0';
	e->pos = RAMFS_I(dir)->next_pos++;
	list_add_tail(&e->list, &RAMFS_I(dir)->entries);
	ramfs_touch_dir(dir);
	return 0;
}

/* inode_operations.link. Caller holds dir's and inode's i_mutex. */
static int ramfs_link(struct inode *inode, struct inode *dir, const struct qstr *name)
{
	int err = ramfs_add_entry(dir, name, inode);

	if (err)
		return err;
	inode->i_nlink++;
	inode->i_ctime = current_time();
	return 0;
}

/*
 * inode_operations.rename. Caller holds both directories' i_mutexes, the
 * moved inode's if it is a directory, and target's. A directory that
 * changes parent moves its ".." link (and parent pointer) along.
 */
static int ramfs_rename(struct inode *old_dir, const struct qstr *old_name,
			struct inode *new_dir, const struct qstr *new_name, struct inode *target,
			unsigned int flags)
{
	struct ramfs_dirent *oe = ramfs_find(old_dir, old_name);
	struct ramfs_dirent *ne = target ? ramfs_find(new_dir, new_name) : NULL;
	struct inode *old = oe->inode;
	u64 now = current_time();
	int err;

	if (flags & RENAME_EXCHANGE) {
		oe->inode = target;
		ne->inode = old;
		if (old_dir != new_dir) {
			if (S_ISDIR(old->i_mode)) {
				RAMFS_I(old)->parent = new_dir;
				old_dir->i_nlink--;
				new_dir->i_nlink++;
			}
			if (S_ISDIR(target->i_mode)) {
				RAMFS_I(target)->parent = old_dir;
				new_dir->i_nlink--;
				old_dir->i_nlink++;
			}
		}
		old->i_ctime = target->i_ctime = now;
		old_dir->i_mtime = old_dir->i_ctime = new_dir->i_mtime = new_dir->i_ctime = now;
		return 0;
	}
	if (target && S_ISDIR(target->i_mode) && !list_empty(&RAMFS_I(target)->entries))
		return -ENOTEMPTY;
	err = ramfs_add_entry(new_dir, new_name, old);  /* the one step that can fail */
	if (err)
		return err;
	if (target) {
		ramfs_remove_entry(new_dir, ne);
		if (S_ISDIR(target->i_mode)) {
			target->i_nlink = 0;
			RAMFS_I(target)->parent = NULL;
			new_dir->i_nlink--;
		} else {
			target->i_nlink--;
		}
		target->i_ctime = now;
	}
	ramfs_remove_entry(old_dir, oe);
	if (S_ISDIR(old->i_mode) && old_dir != new_dir) {
		RAMFS_I(old)->parent = new_dir;
		old_dir->i_nlink--;
		new_dir->i_nlink++;
	}
	old->i_ctime = now;
	return 0;
}

/* inode_operations.unlink. Caller holds dir's and victim's i_mutex. */
static int ramfs_unlink(struct inode *dir, const struct qstr *name, struct inode *victim)
{
	ramfs_remove_entry(dir, ramfs_find_victim(dir, name, victim));
	victim->i_nlink--;
	victim->i_ctime = current_time();
	return 0;
}

/* inode_operations.rmdir. Caller holds dir's and victim's i_mutex. */
static int ramfs_rmdir(struct inode *dir, const struct qstr *name, struct inode *victim)
{
	if (!list_empty(&RAMFS_I(victim)->entries))
		return -ENOTEMPTY;
	ramfs_remove_entry(dir, ramfs_find_victim(dir, name, victim));
	victim->i_nlink = 0;                    /* its entry and its "." */
	victim->i_ctime = current_time();
	RAMFS_I(victim)->parent = NULL;
	dir->i_nlink--;                         /* its ".." */
	return 0;
}

/* file_operations.iterate: entries from ctx->pos on. Caller holds the i_mutex. */
static int ramfs_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file->f_inode;
	struct inode *parent = RAMFS_I(dir)->parent;
	struct ramfs_dirent *e;

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 1, dir->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->actor(ctx, "..", 2, 2, parent ? parent->i_ino : dir->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	list_for_each_entry(e, &RAMFS_I(dir)->entries, list) {
		if (e->pos < ctx->pos)
			continue;
		if (!ctx->actor(ctx, e->name, (int)e->len, e->pos + 1, e->inode->i_ino,
				S_DT(e->inode->i_mode)))
			return 0;
		ctx->pos = e->pos + 1;
	}
	return 0;
}

static const struct inode_operations ramfs_dir_iops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.mknod = ramfs_mknod,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.rename = ramfs_rename,
};

static const struct file_operations ramfs_dir_fops = {
	.iterate = ramfs_iterate,
};

/* --- regular files ----------------------------------------------------- */

static ssize_t ramfs_read(struct file *file, char *kbuf, size_t len, loff_t *ppos)
{
	struct inode *inode = file->f_inode;
	loff_t pos = *ppos;
	size_t done = 0;

	mutex_lock(&inode->i_mutex);
	if (pos >= inode->i_size)
		goto out_unlock;
	len = min(len, (size_t)(inode->i_size - pos));
	while (done < len) {
		unsigned long idx = (unsigned long)pos >> PAGE_SHIFT;
		size_t off = (size_t)pos & ~PAGE_MASK;
		size_t n = min(PAGE_SIZE - off, len - done);
		struct page *page = filemap_lookup(inode->i_mapping, idx);

		if (page)
			memcpy(kbuf + done, (char *)page_address(page) + off, n);
		else
			memset(kbuf + done, 0, n);      /* a hole */
		done += n;
		pos += (loff_t)n;
	}
	touch_atime(inode);
	*ppos = pos;
out_unlock:
	mutex_unlock(&inode->i_mutex);
	return (ssize_t)done;
}

static ssize_t ramfs_write(struct file *file, const char *kbuf, size_t len, loff_t *ppos)
{
	struct inode *inode = file->f_inode;
	size_t done = 0;
	ssize_t err = 0;
	loff_t pos;

	mutex_lock(&inode->i_mutex);
	pos = (file->f_flags & O_APPEND) ? inode->i_size : *ppos;      /* under the lock */
	if (len == 0)
		goto out_unlock;
	if (pos >= RAMFS_MAX_FILE_SIZE) {
		err = -EFBIG;
		goto out_unlock;
	}
	len = min(len, (size_t)(RAMFS_MAX_FILE_SIZE - pos));
	if (pos > inode->i_size)
		filemap_zero_tail(inode->i_mapping, inode->i_size);    /* the gap reads zero */
	while (done < len) {
		unsigned long idx = (unsigned long)pos >> PAGE_SHIFT;
		size_t off = (size_t)pos & ~PAGE_MASK;
		size_t n = min(PAGE_SIZE - off, len - done);
		struct page *page = filemap_grab_page(inode->i_mapping, idx);

		if (IS_ERR(page)) {
			err = PTR_ERR(page);
			break;
		}
		memcpy((char *)page_address(page) + off, kbuf + done, n);
		done += n;
		pos += (loff_t)n;
	}
	if (done) {
		if (pos > inode->i_size)
			inode->i_size = pos;
		inode->i_mtime = inode->i_ctime = current_time();
		*ppos = pos;
	}
out_unlock:
	mutex_unlock(&inode->i_mutex);
	return done ? (ssize_t)done : err;
}

/*
 * inode_operations.truncate. Caller holds i_mutex, and unmaps the dropped
 * pages from every mapping after it lets go (do_truncate).
 */
static int ramfs_truncate(struct inode *inode, loff_t size)
{
	if (size > RAMFS_MAX_FILE_SIZE)
		return -EFBIG;
	if (size < inode->i_size)
		truncate_inode_pages(inode->i_mapping, size);
	else
		filemap_zero_tail(inode->i_mapping, inode->i_size);
	inode->i_size = size;
	inode->i_mtime = inode->i_ctime = current_time();
	return 0;
}

static const struct inode_operations ramfs_file_iops = {
	.truncate = ramfs_truncate,
};

static const struct file_operations ramfs_file_fops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.mmap = generic_file_mmap,
};

/* --- the file system --------------------------------------------------- */

/*
 * ramfs_create_root - make a new, empty ramfs and return its root
 * directory (mode 0755, inode 1), whose ".." is itself.
 *
 * Context: may sleep.
 * Return: the root with one reference, which belongs to the caller until
 * ramfs_kill(); NULL when out of memory.
 */
struct inode *ramfs_create_root(void)
{
	struct super_block *sb = alloc_super(&ramfs_sops, NULL);
	struct inode *root;

	if (!sb)
		return NULL;
	sb->s_magic = RAMFS_MAGIC;
	root = ramfs_get_inode(sb, S_IFDIR | 0755, 0);
	if (!root) {
		deactivate_super(sb);
		return NULL;
	}
	RAMFS_I(root)->parent = root;
	return root;
}

/* Remove dir's first entry, whose inode is child (an empty dir or a non-dir). */
static void ramfs_kill_entry(struct inode *dir, struct ramfs_dirent *e)
{
	struct inode *child = iget(e->inode);

	ramfs_remove_entry(dir, e);
	mutex_lock(&child->i_mutex);            /* parent, then child */
	if (S_ISDIR(child->i_mode)) {
		child->i_nlink = 0;
		RAMFS_I(child)->parent = NULL;
		dir->i_nlink--;
	} else {
		child->i_nlink--;
	}
	mutex_unlock(&child->i_mutex);
	iput(child);                            /* frees it unless someone has it open */
}

/*
 * ramfs_kill - tear down the ramfs whose root is given (Linux's
 * kill_litter_super): remove every name in it, depth first, then drop the
 * caller's reference to the root and the super block. Inodes still open
 * (or held by iget) live on, nameless, until their last iput.
 *
 * The walk is iterative (down into a non-empty directory, back up through
 * parent when one is empty), so a deep tree cannot overflow the stack.
 *
 * Context: may sleep; no i_mutex held; nobody else may be changing the
 * tree (this is unmounting).
 */
void ramfs_kill(struct inode *root)
{
	struct super_block *sb = root->i_sb;
	struct inode *dir = root;

	mutex_lock(&dir->i_mutex);
	for (;;) {
		struct ramfs_dirent *e = list_first_entry_or_null(&RAMFS_I(dir)->entries,
								  struct ramfs_dirent, list);
		struct inode *next;

		if (e && !(S_ISDIR(e->inode->i_mode) &&
			   !list_empty(&RAMFS_I(e->inode)->entries))) {
			ramfs_kill_entry(dir, e);
			continue;
		}
		if (!e && dir == root)
			break;
		next = e ? e->inode : RAMFS_I(dir)->parent;     /* down, or back up */
		mutex_unlock(&dir->i_mutex);
		dir = next;
		mutex_lock(&dir->i_mutex);
	}
	root->i_nlink = 0;
	RAMFS_I(root)->parent = NULL;
	mutex_unlock(&root->i_mutex);
	iput(root);
	deactivate_super(sb);
}

/* --- tmpfs: a ramfs with a size ---------------------------------------- */

/* A number with an optional k, m, g suffix (size= also takes %% of RAM). */
static int parse_size(const char *s, size_t len, bool percent_ok, unsigned long *res)
{
	unsigned long v = 0;
	size_t i = 0;

	if (len == 0)
		return -EINVAL;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		if (v > (~0UL - 9) / 10)
			return -EINVAL;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (i == 0)
		return -EINVAL;
	if (i < len) {
		int shift;

		if (i + 1 != len)
			return -EINVAL;
		switch (s[i]) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		case '%':
			if (!percent_ok || v > 100)
				return -EINVAL;
			*res = totalram_pages * PAGE_SIZE / 100 * v;
			return 0;
		default: return -EINVAL;
		}
		if (v > (~0UL >> shift))
			return -EINVAL;
		v <<= shift;
	}
	*res = v;
	return 0;
}

static int parse_uint(const char *s, size_t len, unsigned int base, unsigned long max,
		      unsigned long *res)
{
	unsigned long v = 0;

	if (len == 0)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		unsigned int d = (unsigned int)(s[i] - '0');

		if (d >= base || v > max / base)
			return -EINVAL;
		v = v * base + d;
	}
	if (v > max)
		return -EINVAL;
	*res = v;
	return 0;
}

/* tmpfs's options, comma separated: size=, nr_inodes=, mode=, uid=, gid=. */
static int tmpfs_parse(const char *data, struct ramfs_sb_info *sbi)
{
	const char *p = data;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		size_t klen = eq ? (size_t)(eq - p) : len;
		const char *val = eq ? eq + 1 : NULL;
		size_t vlen = eq ? len - klen - 1 : 0;
		unsigned long v = 0;
		int err = 0;

#define KEY(k) (klen == sizeof(k) - 1 && memcmp(p, k, klen) == 0)
		if (len == 0) {
			/* an empty option: skip, as Linux */
		} else if (KEY("size") && val) {
			err = parse_size(val, vlen, true, &v);
			sbi->max_pages = DIV_ROUND_UP(v, PAGE_SIZE);
			sbi->size_set = true;
		} else if (KEY("nr_inodes") && val) {
			err = parse_size(val, vlen, false, &v);
			sbi->max_inodes = v;
			sbi->inodes_set = true;
		} else if (KEY("mode") && val) {
			err = parse_uint(val, vlen, 8, 07777, &v);
			sbi->mode = (umode_t)v;
		} else if (KEY("uid") && val) {
			err = parse_uint(val, vlen, 10, 0xfffffffeUL, &v);
			sbi->uid = (uid_t)v;
		} else if (KEY("gid") && val) {
			err = parse_uint(val, vlen, 10, 0xfffffffeUL, &v);
			sbi->gid = (gid_t)v;
		} else if (KEY("inode64") || KEY("inode32") || KEY("huge") || KEY("mpol")) {
			/* accepted, nothing to do */
		} else {
			err = -EINVAL;          /* "tmpfs: Unknown parameter" */
		}
#undef KEY
		if (err)
			return err;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

/*
 * tmpfs_mount - a new, empty tmpfs: a ramfs whose root has mode 1777 (or
 * mode=) and whose size is half of RAM (or size=), as Linux's defaults.
 *
 * Context: may sleep.
 * Return: 0 and its root (referenced) in *root, -EINVAL for a bad
 * option, -ENOMEM.
 */
static int tmpfs_mount(const char *data, struct inode **root)
{
	struct ramfs_sb_info *sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	struct inode *r;
	int err;

	if (!sbi)
		return -ENOMEM;
	sbi->max_pages = totalram_pages / 2;
	sbi->max_inodes = totalram_pages / 2;
	sbi->mode = 01777;
	err = tmpfs_parse(data, sbi);
	if (err) {
		kfree(sbi);
		return err;
	}
	r = ramfs_create_root();
	if (!r) {
		kfree(sbi);
		return -ENOMEM;
	}
	r->i_sb->s_fs_info = sbi;
	r->i_sb->s_max_pages = sbi->max_pages;          /* filemap_grab_page: ENOSPC */
	r->i_sb->s_magic = TMPFS_MAGIC;
	r->i_mode = S_IFDIR | sbi->mode;
	r->i_uid = sbi->uid;
	r->i_gid = sbi->gid;
	*root = r;
	return 0;
}

/* The options /proc/mounts shows after the mount flags, as Linux's shmem_show_options. */
static int tmpfs_show_options(struct super_block *sb, char *buf, size_t size)
{
	struct ramfs_sb_info *sbi = sb->s_fs_info;
	int n = 0;

	if (sbi->size_set)
		n += scnprintf(buf + n, size - (size_t)n, ",size=%luk",
			       sbi->max_pages << (PAGE_SHIFT - 10));
	if (sbi->inodes_set)
		n += scnprintf(buf + n, size - (size_t)n, ",nr_inodes=%lu", sbi->max_inodes);
	if (sbi->mode != 01777)
		n += scnprintf(buf + n, size - (size_t)n, ",mode=%o", sbi->mode);
	if (sbi->uid)
		n += scnprintf(buf + n, size - (size_t)n, ",uid=%u", sbi->uid);
	if (sbi->gid)
		n += scnprintf(buf + n, size - (size_t)n, ",gid=%u", sbi->gid);
	return n;
}

const struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
	.kill = ramfs_kill,
	.show_options = tmpfs_show_options,
};
