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
#include "fs/ramfs.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
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
};

static inline struct ramfs_inode *RAMFS_I(struct inode *inode)
{
	return container_of(inode, struct ramfs_inode, vfs_inode);
}

static const struct inode_operations ramfs_dir_iops;
static const struct inode_operations ramfs_file_iops;
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

	if (S_ISDIR(inode->i_mode) && !list_empty(&ri->entries)) {
		panic("ramfs: directory inode %lu freed with entries (i_nlink 0 needs it empty)",
		      inode->i_ino);
	}
	kfree(ri);
}

static const struct super_operations ramfs_sops = {
	.alloc_inode = ramfs_alloc_inode,
	.destroy_inode = ramfs_destroy_inode,
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

/*
 * ramfs_graft - show the directory inode of another file system (procfs)
 * in dir under name: keyhole's stand-in for mounting it there. The graft
 * cannot be unlinked or removed (-EBUSY, as a mount point).
 *
 * Context: boot. Return: 0, -EEXIST, -ENOMEM.
 */
int ramfs_graft(struct inode *dir, const char *name, struct inode *inode)
{
	struct qstr q = QSTR_INIT(name, (u32)strlen(name));
	struct ramfs_dirent *e;
	int ret = 0;

	mutex_lock(&dir->i_mutex);
	if (ramfs_find(dir, &q)) {
		ret = -EEXIST;
		goto out_unlock;
	}
	e = kmalloc(sizeof(*e) + q.len + 1, GFP_KERNEL);
	if (!e) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	e->inode = iget(inode);                 /* held for good */
	e->len = q.len;
	memcpy(e->name, name, q.len + 1);
	e->pos = RAMFS_I(dir)->next_pos++;
	list_add_tail(&e->list, &RAMFS_I(dir)->entries);
	dir->i_nlink++;
	ramfs_touch_dir(dir);
out_unlock:
	mutex_unlock(&dir->i_mutex);
	return ret;
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
	if (victim->i_sb != dir->i_sb)
		return -EBUSY;                  /* a graft (ramfs_graft) */
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
	inode->i_atime = current_time();
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
