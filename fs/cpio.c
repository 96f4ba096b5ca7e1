/*
 * cpio.c - unpacking the initramfs: a cpio archive in the "newc" format,
 * loaded by GRUB as a multiboot2 module, becomes files and directories in
 * the root ramfs. Linux's init/initramfs.c (unpack_to_rootfs), as a plain
 * loop over an archive that is all in memory rather than a state machine
 * fed by a decompressor.
 *
 * The format (cpio(5), "new ASCII"): a sequence of entries, each
 *
 *	header   110 bytes: "070701" then 13 fields of 8 hex digits:
 *	         ino mode uid gid nlink mtime filesize devmajor devminor
 *	         rdevmajor rdevminor namesize check
 *	name     namesize bytes, NUL included; header + name padded with
 *	         NULs to a multiple of 4
 *	data     filesize bytes, padded to a multiple of 4
 *
 * and the last entry is named "TRAILER!!!"; whatever follows it (cpio pads
 * the archive to 512 bytes) is ignored. Names are relative to the root
 * ("bin/sh", "./bin/sh" and "/bin/sh" all land in /bin); ".." cannot climb
 * out, because the walk's root is the ramfs root.
 *
 * What each entry becomes:
 *	directory     mkdir, or keep the one that exists; then its mode,
 *	              uid and gid from the archive
 *	regular file  created or emptied (O_TRUNC), data written, mode, uid,
 *	              gid and mtime from the archive
 *	symlink       made with the data as its target (replacing a name
 *	              that is not a directory), owner and mtime from the
 *	              archive
 *	device node, FIFO, socket
 *	              skipped and counted (one pr_warn at the end): keyhole
 *	              makes /dev itself (dev.c)
 * Missing parent directories are made (0755) on the way, which Linux's
 * unpacker does not do but archives made by hand sometimes need.
 *
 * Hard links: regular files with nlink >= 2 and the same (ino, devmajor,
 * devminor) become names of one file (cpio_maybe_link).
 *
 * Left out: the "070702" CRC format, compressed
 * archives, and archives concatenated after the trailer. Directory mtimes
 * are the time of unpacking.
 *
 * Malformed archives: every length and offset is checked against the
 * archive's end before use, so a truncated or corrupt archive fails with
 * -EINVAL, never reads past the end. What was unpacked before the bad
 * entry stays in the tree (it belongs to the tree, so nothing leaks).
 *
 * Locking: none of its own; everything goes through the VFS calls.
 */
#include "fs/cpio.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/slab.h"

#define CPIO_MAGIC      "070701"
#define CPIO_HDR_LEN    110
#define CPIO_TRAILER    "TRAILER!!!"

enum cpio_field {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	CPIO_NR_FIELDS
};

/* One entry, checked: name and data lie inside the archive. */
struct cpio_entry {
	u32 f[CPIO_NR_FIELDS];
	const char *name;               /* NUL-terminated */
	const char *data;               /* f[F_FILESIZE] bytes */
};

static bool parse_hex8(const char *s, u32 *res)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			return false;
		v = v << 4 | d;
	}
	*res = v;
	return true;
}

/* Parse the entry at *off and move *off to the next one. */
static int cpio_parse(const char *buf, size_t len, size_t *off, struct cpio_entry *e)
{
	size_t pos = *off, name_off, data_off, namesize, filesize;

	if (pos > len || len - pos < CPIO_HDR_LEN)
		return -EINVAL;                 /* truncated, or no trailer */
	if (memcmp(buf + pos, CPIO_MAGIC, 6) != 0)
		return -EINVAL;
	for (int i = 0; i < CPIO_NR_FIELDS; i++)
		if (!parse_hex8(buf + pos + 6 + 8 * i, &e->f[i]))
			return -EINVAL;
	namesize = e->f[F_NAMESIZE];
	filesize = e->f[F_FILESIZE];
	name_off = pos + CPIO_HDR_LEN;
	if (namesize < 2 || namesize > PATH_MAX || len - name_off < namesize)
		return -EINVAL;                 /* an empty name is no name */
	e->name = buf + name_off;
	if (e->name[namesize - 1] != '\0' || memchr(e->name, '\0', namesize - 1))
		return -EINVAL;                 /* the NUL must end the name */
	data_off = ALIGN_UP(name_off + namesize, 4);
	if (data_off > len || len - data_off < filesize)
		return -EINVAL;
	e->data = buf + data_off;
	*off = ALIGN_UP(data_off + filesize, 4);
	return 0;
}

/* Apply the archive's mode bits, owner and (for files) mtime. */
static void cpio_set_attrs(struct inode *inode, const struct cpio_entry *e, bool set_mtime)
{
	mutex_lock(&inode->i_mutex);
	inode->i_mode = (umode_t)((inode->i_mode & S_IFMT) | (e->f[F_MODE] & S_IALLUGO));
	inode->i_uid = e->f[F_UID];
	inode->i_gid = e->f[F_GID];
	if (set_mtime)
		inode->i_mtime = (u64)e->f[F_MTIME] * NSEC_PER_SEC;
	inode->i_ctime = current_time();
	mutex_unlock(&inode->i_mutex);
}

/* mkdir that accepts a directory already there. */
static int cpio_mkdir(struct inode *root, const char *path, umode_t mode)
{
	struct inode *inode;
	int err = vfs_mkdir(root, root, path, mode);

	if (err != -EEXIST)
		return err;
	err = vfs_lookup(root, root, path, &inode);
	if (err)
		return err;
	if (!S_ISDIR(inode->i_mode))
		err = -EEXIST;                  /* a file where the archive wants a dir */
	iput(inode);
	return err;
}

/* Make every missing directory on the way to name's last component. */
static int cpio_make_parents(struct inode *root, const char *name, size_t namesize)
{
	char *path = kmalloc(namesize, GFP_KERNEL);
	int err = 0;

	if (!path)
		return -ENOMEM;
	memcpy(path, name, namesize);
	for (char *p = path; *p && !err; p++) {
		if (p == path || *p != '/' || p[-1] == '/')
			continue;               /* not the end of a component */
		*p = '\0';
		err = cpio_mkdir(root, path, 0755);
		*p = '/';
	}
	kfree(path);
	return err;
}

static int cpio_unpack_dir(struct inode *root, const struct cpio_entry *e)
{
	struct inode *inode;
	int err = cpio_mkdir(root, e->name, (umode_t)(e->f[F_MODE] & S_IALLUGO));

	if (err)
		return err;
	err = vfs_lookup(root, root, e->name, &inode);
	if (err)
		return err;
	cpio_set_attrs(inode, e, false);
	iput(inode);
	return 0;
}

/*
 * Hard links: the names of one file share (ino, devmajor, devminor) and
 * have nlink >= 2. The first name seen is remembered; each later one is
 * made a link to it and its data (newc puts it on the last name) written
 * through it, as Linux's maybe_link().
 */
struct cpio_link {
	struct list_head list;
	u32 ino, major, minor;
	char name[];
};

/* 1 if e became a link to an earlier name, 0 if it is the first, or an error. */
static int cpio_maybe_link(struct inode *root, const struct cpio_entry *e, struct list_head *links)
{
	size_t len = strlen(e->name);
	struct cpio_link *l;
	int err;

	if (e->f[F_NLINK] < 2)
		return 0;
	list_for_each_entry(l, links, list) {
		if (l->ino != e->f[F_INO] || l->major != e->f[F_DEVMAJOR] ||
		    l->minor != e->f[F_DEVMINOR])
			continue;
		err = vfs_unlink(root, root, e->name);  /* clean_path: replace what is there */
		if (err && err != -ENOENT)
			return err;
		err = vfs_link(root, root, l->name, 0, root, e->name);
		return err ? err : 1;
	}
	l = kmalloc(sizeof(*l) + len + 1, GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	l->ino = e->f[F_INO];
	l->major = e->f[F_DEVMAJOR];
	l->minor = e->f[F_DEVMINOR];
	memcpy(l->name, e->name, len + 1);
	list_add(&l->list, links);
	return 0;
}

static int cpio_unpack_file(struct inode *root, const struct cpio_entry *e,
			    struct list_head *links)
{
	size_t size = e->f[F_FILESIZE], done = 0;
	struct file *file;
	int err = cpio_maybe_link(root, e, links);

	if (err < 0)
		return err;
	err = vfs_open(root, root, e->name, O_WRONLY | O_CREAT | (err == 1 ? 0 : O_TRUNC),
		       (umode_t)(e->f[F_MODE] & S_IALLUGO), &file);
	if (err)
		return err;
	while (done < size) {
		ssize_t n = vfs_write(file, e->data + done, size - done, &file->f_pos);

		if (n <= 0) {
			err = n ? (int)n : -EIO;
			goto out_fput;
		}
		done += (size_t)n;
	}
	cpio_set_attrs(file->f_inode, e, true);
out_fput:
	fput(file);
	return err;
}

/*
 * A symbolic link: its data is the target. A name already there that is
 * not a directory is replaced, as Linux's clean_path() does.
 */
static int cpio_unpack_symlink(struct inode *root, const struct cpio_entry *e)
{
	size_t len = e->f[F_FILESIZE];
	struct inode *inode;
	char *target;
	int err;

	if (len == 0 || len >= PATH_MAX)
		return -EINVAL;
	target = kmalloc(len + 1, GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	memcpy(target, e->data, len);
	target[len] = '\0';
	err = vfs_lookup_flags(root, root, e->name, 0, &inode);
	if (!err) {
		bool dir = S_ISDIR(inode->i_mode);

		iput(inode);
		err = dir ? -EEXIST : vfs_unlink(root, root, e->name);
	} else if (err == -ENOENT) {
		err = 0;
	}
	if (!err && memchr(target, '\0', len))
		err = -EINVAL;                  /* a NUL inside the target */
	if (!err)
		err = vfs_symlink(root, root, target, e->name);
	if (!err)
		err = vfs_lookup_flags(root, root, e->name, 0, &inode);
	if (!err) {
		cpio_set_attrs(inode, e, true);
		iput(inode);
	}
	kfree(target);
	return err;
}

/* Make what one entry describes; count what is skipped. */
static int cpio_unpack_entry(struct inode *root, const struct cpio_entry *e, int *skipped,
			     struct list_head *links)
{
	u32 mode = e->f[F_MODE];
	int err;

	switch (mode & S_IFMT) {
	case S_IFDIR:
	case S_IFREG:
	case S_IFLNK:
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		pr_info("initramfs: skipping %s (mode %o): no special files yet\n",
			e->name, mode);
		(*skipped)++;
		return 0;
	default:
		return -EINVAL;
	}
	err = cpio_make_parents(root, e->name, e->f[F_NAMESIZE]);
	if (err)
		return err;
	if (S_ISDIR(mode))
		return cpio_unpack_dir(root, e);
	if (S_ISLNK(mode))
		return cpio_unpack_symlink(root, e);
	return cpio_unpack_file(root, e, links);
}

/*
 * unpack_initramfs - make the files and directories of a newc cpio
 * archive under root.
 * @root: a directory; the archive's names are taken relative to it, and
 *        ".." cannot leave it
 * @data, @len: the archive, in kernel memory (it is only read)
 *
 * Context: may sleep; no i_mutex held.
 * Return: the number of entries skipped (device nodes, FIFOs,
 * sockets; 0 if none), or -EINVAL for a malformed archive (bad magic or
 * hex digit, a name without its NUL or longer than PATH_MAX, a length
 * running past the end, an empty name, no trailer, an unknown file type),
 * -EEXIST when an entry's type clashes with the tree (a file where a
 * directory is wanted), -ENOTDIR, -EISDIR, -ENAMETOOLONG or -ENOMEM from
 * making the files. On error the entries before the bad one stay unpacked.
 */
int unpack_initramfs(struct inode *root, const void *data, size_t len)
{
	const char *buf = data;
	struct cpio_link *l, *tmp;
	LIST_HEAD(links);
	size_t off = 0;
	int skipped = 0, err;

	for (;;) {
		struct cpio_entry e;
		size_t start = off;

		err = cpio_parse(buf, len, &off, &e);
		if (!err && strcmp(e.name, CPIO_TRAILER) == 0)
			break;
		if (!err)
			err = cpio_unpack_entry(root, &e, &skipped, &links);
		if (err) {
			pr_debug("initramfs: entry at offset %zu: error %d\n", start, err);
			break;
		}
	}
	list_for_each_entry_safe(l, tmp, &links, list)
		kfree(l);
	if (err)
		return err;
	if (skipped)
		pr_warn("initramfs: skipped %d special files\n", skipped);
	return skipped;
}
