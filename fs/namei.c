/*
 * namei.c - path names: the walk from a path to an inode, and the calls
 * that create or remove a name (open with O_CREAT, mkdir, mknod, symlink,
 * link, rename, unlink, rmdir). Linux's fs/namei.c (path_lookupat,
 * link_path_walk, pick_link, open_last_lookups, do_open, filename_create,
 * do_linkat, do_renameat2, do_unlinkat, do_rmdir), without dentries.
 *
 * The walk. A path is split at '/' into components; runs of slashes count
 * as one. An absolute path starts at root (the caller's root directory,
 * later a task's fs->root, so chroot works), a relative one at cwd. Each
 * step checks that the current inode is a directory (else -ENOTDIR) and
 * may be searched (inode_permission MAY_EXEC), then:
 *
 *	"."   stays;
 *	".."  stays at root (the root's parent is itself, as in Linux);
 *	      at a mounted root first climbs to the directory it covers
 *	      (follow_up, namespace.c); then asks the file system (ramfs
 *	      keeps a parent pointer);
 *	name  locks the directory's i_mutex, calls i_op->lookup, which
 *	      returns the child with a reference, and unlocks; a mount
 *	      point gives the root mounted there (follow_down).
 *
 * Symbolic links. A link met before the last component is always
 * followed: nd_follow() puts its target in front of the rest of the path
 * (in a buffer of its own, nd->link_buf) and the walk goes on from the
 * directory holding the link, or from root if the target is absolute.
 * The last component is followed when the caller asks (LOOKUP_FOLLOW:
 * stat, open without O_NOFOLLOW, chdir) or the path ends in '/'. Each
 * walk follows at most MAXSYMLINKS (40) links, then -ELOOP, as Linux.
 *
 * The walker holds a reference (iget) on the inode it stands on and drops
 * it (iput) after stepping, so a directory removed under it lives until it
 * moves on. It never holds an i_mutex between steps.
 *
 * Calls that change a directory walk to the parent of the last component
 * (path_parent) and then, holding the parent's i_mutex, look the last name
 * up and act on it, so "does it exist" and "create it" cannot be split by
 * another task. unlink, rmdir and link also lock the victim, after the
 * parent; rename locks two directories under rename_mutex (see there).
 *
 * Limits and errors, as Linux: a component longer than NAME_MAX (255)
 * bytes, or a path of PATH_MAX (4096) bytes or more with its NUL, is
 * -ENAMETOOLONG; an empty path is -ENOENT; a trailing slash means "must
 * be a directory". Lookups in a directory that was removed fail with
 * -ENOENT (also "..": Linux still follows it there; we no longer know the
 * parent).
 */
#include "fs/mount.h"
#include "fs/vfs.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "lib/string.h"
#include "mm/slab.h"

/* Where a walk stands: a referenced inode and the component left to do. */
struct nameidata {
	struct inode *root;             /* ".." does not climb above it */
	struct inode *cur;              /* referenced */
	struct qstr last;               /* the last component; len 0 for "/" */
	bool trailing_slash;            /* the path ends in '/' after last */
	unsigned int depth;             /* symbolic links followed so far */
	char *link_buf;                 /* the path walked since the last link (kmalloc'd) */
};

static bool is_dot(const struct qstr *q)
{
	return q->len == 1 && q->name[0] == '.';
}

static bool is_dotdot(const struct qstr *q)
{
	return q->len == 2 && q->name[0] == '.' && q->name[1] == '.';
}

/* Look name up in dir: lock, ask the file system, unlock. */
static int lookup_one(struct inode *dir, const struct qstr *name, struct inode **res)
{
	int err;

	mutex_lock(&dir->i_mutex);
	if (dir->i_nlink == 0)
		err = -ENOENT;          /* removed: nothing can be in it */
	else
		err = dir->i_op->lookup(dir, name, res);
	mutex_unlock(&dir->i_mutex);
	return err;
}

/* The directory checks before any use of a name in dir. */
static int may_lookup(struct inode *dir)
{
	if (!S_ISDIR(dir->i_mode) || !dir->i_op->lookup)
		return -ENOTDIR;
	return inode_permission(dir, MAY_EXEC);
}

/*
 * One component from nd->cur: *next gets the inode it names, referenced.
 * nd->cur is unchanged. "." is nd->cur, ".." of the walk's root is the
 * root, ".." of a mounted root is ".." of the directory it covers; a
 * name that is a mount point gives the root mounted there (namespace.c).
 */
static int step(struct nameidata *nd, const struct qstr *name, struct inode **next)
{
	struct inode *dir = nd->cur;
	int err = may_lookup(dir);

	if (err)
		return err;
	if (is_dot(name) || (is_dotdot(name) && dir == nd->root)) {
		*next = iget(dir);
		return 0;
	}
	if (is_dotdot(name)) {
		dir = follow_up(dir, nd->root);         /* referenced */
		err = dir == nd->root ? 0 : lookup_one(dir, name, next);
		if (dir == nd->root)
			*next = iget(dir);
		iput(dir);
		return err;
	}
	err = lookup_one(dir, name, next);
	if (!err)
		*next = follow_down(*next);
	return err;
}

/*
 * Follow the symbolic link inode met in a walk: the walk goes on with its
 * target, then rest (what came after the link's name; "" or "/" at the
 * end). *path becomes the string to walk on from nd->cur, the directory
 * holding the link; an absolute target restarts at the root (the walk
 * does that when it sees the leading '/'). A link that jumps (get_link's
 * *jump, /proc/PID/fd/N) moves nd->cur there instead.
 */
static int nd_follow(struct nameidata *nd, struct inode *link, const char *rest,
		     const char **path)
{
	struct inode *jump = NULL;
	size_t restlen;
	char *buf;
	int len;

	if (++nd->depth > MAXSYMLINKS)
		return -ELOOP;
	if (!link->i_op->get_link)
		return -ENOENT;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	len = link->i_op->get_link(link, buf, PATH_MAX, &jump);
	if (len < 0 || jump) {
		kfree(buf);
		if (len < 0)
			return len;
		iput(nd->cur);
		nd->cur = jump;
		while (*rest == '/')
			rest++;                 /* past the link, not from the root */
		*path = rest;
		return 0;
	}
	restlen = strlen(rest);
	if (len == 0 || (size_t)len + restlen >= PATH_MAX) {
		kfree(buf);
		return len == 0 ? -ENOENT : -ENAMETOOLONG;
	}
	memcpy(buf + len, rest, restlen + 1);   /* rest may lie in link_buf */
	kfree(nd->link_buf);
	nd->link_buf = buf;
	*path = buf;
	return 0;
}

/*
 * Walk every component of path but the last from nd->cur (from nd->root
 * if path is absolute), following the symbolic links met on the way;
 * leave the directory reached in nd->cur and the last component in
 * nd->last. A path of slashes only ("/") leaves nd->last empty and
 * nd->trailing_slash as it was. On error nd->cur is dropped (NULL).
 */
static int link_path_walk(struct nameidata *nd, const char *path)
{
	const char *p = path;
	int err;

	nd->last = (struct qstr)QSTR_INIT("", 0);
	for (;;) {
		struct inode *next;
		struct qstr name;
		const char *after;

		if (*p == '/') {
			iput(nd->cur);
			nd->cur = iget(nd->root);
		}
		while (*p == '/')
			p++;
		if (!*p)
			return 0;               /* only for "/", "//" ... */
		name.name = p;
		while (*p && *p != '/')
			p++;
		if (p - name.name > NAME_MAX) {
			err = -ENAMETOOLONG;
			goto out_put;
		}
		name.len = (u32)(p - name.name);
		after = p;
		while (*after == '/')
			after++;
		if (!*after) {
			nd->last = name;
			nd->trailing_slash = *p == '/';
			return 0;
		}
		err = step(nd, &name, &next);
		if (err)
			goto out_put;
		if (S_ISLNK(next->i_mode)) {
			err = nd_follow(nd, next, p, &p);
			iput(next);
			if (err)
				goto out_put;
			continue;
		}
		iput(nd->cur);
		nd->cur = next;
		p = after;
	}

out_put:
	iput(nd->cur);
	nd->cur = NULL;
	return err;
}

/* Start a walk of path at cwd (link_path_walk moves to root for "/..."). */
static int path_init(struct nameidata *nd, struct inode *root, struct inode *cwd, const char *path)
{
	size_t plen = strnlen(path, PATH_MAX);

	nd->link_buf = NULL;
	nd->cur = NULL;
	if (plen == 0)
		return -ENOENT;
	if (plen == PATH_MAX)
		return -ENAMETOOLONG;
	nd->root = root;
	nd->cur = iget(cwd);
	nd->trailing_slash = false;
	nd->depth = 0;
	return 0;
}

/* The end of every walk: free the link text (nd->last may point into it). */
static void path_done(struct nameidata *nd)
{
	kfree(nd->link_buf);
	nd->link_buf = NULL;
}

/*
 * Walk to the parent of path's last component: nd->cur (referenced) and
 * nd->last. The caller ends with path_done(). On error nothing is held.
 */
static int path_parent(struct inode *root, struct inode *cwd, const char *path,
		       struct nameidata *nd)
{
	int err = path_init(nd, root, cwd, path);

	if (!err)
		err = link_path_walk(nd, path);
	if (err)
		path_done(nd);
	return err;
}

/*
 * The inode path names, following a symbolic link in the last component
 * if flags has LOOKUP_FOLLOW or the path ends in '/'. nd->cur is
 * consumed; the caller still calls path_done().
 */
static int path_lookupat(struct nameidata *nd, const char *path, unsigned int flags,
			 struct inode **res)
{
	struct inode *next;
	int err;

	for (;;) {
		err = link_path_walk(nd, path);
		if (err)
			return err;
		if (!nd->last.len)
			break;
		err = step(nd, &nd->last, &next);
		if (err)
			goto out_put;
		if (S_ISLNK(next->i_mode) && ((flags & LOOKUP_FOLLOW) || nd->trailing_slash)) {
			err = nd_follow(nd, next, nd->trailing_slash ? "/" : "", &path);
			iput(next);
			if (err)
				goto out_put;
			continue;
		}
		iput(nd->cur);
		nd->cur = next;
		break;
	}
	if ((nd->trailing_slash || (flags & LOOKUP_DIRECTORY)) && !S_ISDIR(nd->cur->i_mode)) {
		err = -ENOTDIR;
		goto out_put;
	}
	*res = nd->cur;
	return 0;

out_put:
	iput(nd->cur);
	return err;
}

/*
 * vfs_lookup_flags - find the inode a path names.
 * @root:  where absolute paths (and absolute link targets) start, and
 *         above which ".." does not go
 * @cwd:   where relative paths start
 * @flags: LOOKUP_FOLLOW: a symbolic link as the last component is
 *         followed (stat), else it is the answer (lstat); a trailing
 *         slash always follows. LOOKUP_DIRECTORY: the answer must be a
 *         directory.
 * @res:   the inode, referenced: drop it with iput()
 *
 * Symbolic links on the way are always followed, at most MAXSYMLINKS
 * (40) of them in one walk, as Linux.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, -ENOENT (a component or the whole path missing, an empty
 * path, a dangling or empty link), -ENOTDIR (a component used as a
 * directory is not one, or a trailing slash after a non-directory),
 * -ENAMETOOLONG, -ELOOP (too many links), -EACCES, -ENOMEM.
 */
int vfs_lookup_flags(struct inode *root, struct inode *cwd, const char *path, unsigned int flags,
		     struct inode **res)
{
	struct nameidata nd;
	int err = path_init(&nd, root, cwd, path);

	if (!err)
		err = path_lookupat(&nd, path, flags, res);
	path_done(&nd);
	return err;
}

/*
 * vfs_lookup - vfs_lookup_flags() with LOOKUP_FOLLOW: what open, exec,
 * stat and chdir see.
 *
 * Context: may sleep; no i_mutex held.
 * Return: as vfs_lookup_flags().
 */
int vfs_lookup(struct inode *root, struct inode *cwd, const char *path, struct inode **res)
{
	return vfs_lookup_flags(root, cwd, path, LOOKUP_FOLLOW, res);
}

/*
 * Find the last component of an open(2) path in dir, creating a regular
 * file if O_CREAT says so. *created tells which happened.
 */
static int open_last(struct nameidata *nd, int flags, umode_t mode, struct inode **res,
		     bool *created)
{
	struct inode *dir = nd->cur;
	int err = may_lookup(dir);

	if (err)
		return err;
	mutex_lock(&dir->i_mutex);
	if (dir->i_nlink == 0) {
		err = -ENOENT;
		goto out_unlock;
	}
	err = dir->i_op->lookup(dir, &nd->last, res);
	if (!err)
		*res = follow_down(*res);
	if (err != -ENOENT || !(flags & O_CREAT))
		goto out_unlock;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		goto out_unlock;
	if (!dir->i_op->create) {
		err = -EACCES;
		goto out_unlock;
	}
	err = dir->i_op->create(dir, &nd->last, S_IFREG | (mode & S_IALLUGO), res);
	*created = !err;
out_unlock:
	mutex_unlock(&dir->i_mutex);
	return err;
}

/*
 * Linux's may_open(): what the open flags ask of this inode. O_ACCMODE 3
 * asks for both, as Linux's ACC_MODE(), though the file gets neither.
 */
static int may_open(struct inode *inode, int flags)
{
	int acc = flags & O_ACCMODE;
	int mask = 0;

	if (acc != O_WRONLY)
		mask |= MAY_READ;
	if (acc != O_RDONLY || (flags & O_TRUNC))
		mask |= MAY_WRITE;
	if (S_ISDIR(inode->i_mode) && (mask & MAY_WRITE))
		return -EISDIR;
	return inode_permission(inode, mask);
}

/*
 * vfs_open - open (and with O_CREAT maybe create) the file a path names.
 * @root, @cwd: as for vfs_lookup()
 * @flags: O_* flags. O_ACCMODE, O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY act
 *         here; O_APPEND and O_NONBLOCK are kept in f_flags for the
 *         methods; O_CLOEXEC is the fd layer's; O_NOCTTY has nothing to
 *         act on; O_NOFOLLOW refuses a symbolic link as the last
 *         component (-ELOOP). O_ACCMODE 3 opens for neither
 *         reading nor writing but is checked as both, as in Linux.
 * @mode:  permission bits of a created file. The umask is NOT applied
 *         here: the syscall layer applies the task's umask first.
 * @res:   the open file (f_count 1, f_pos 0): drop it with fput()
 *
 * A new file belongs to the caller's fsuid and fsgid (inode_init_owner).
 * O_TRUNC empties an existing regular file; it needs write permission.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, or -ENOENT (missing and no O_CREAT, or a missing directory
 * on the way), -EEXIST (O_CREAT|O_EXCL and it exists), -EISDIR (a
 * directory opened for writing or with O_TRUNC or O_CREAT, or O_CREAT
 * with a trailing slash), -ENOTDIR (O_DIRECTORY on a non-directory, or a
 * non-directory on the way), -EINVAL (O_CREAT together with O_DIRECTORY,
 * as Linux 6.4 on), -ENAMETOOLONG, -ENOMEM, -ENXIO (a device with no
 * driver, a socket, a FIFO), -EACCES (no search permission on the way,
 * no write permission on the directory for O_CREAT, or the mode bits
 * refuse what the flags ask; or the file system cannot create), -ELOOP
 * (too many links, or O_NOFOLLOW and the last component is a link).
 */
int vfs_open(struct inode *root, struct inode *cwd, const char *path, int flags, umode_t mode,
	     struct file **res)
{
	struct nameidata nd;
	struct inode *inode;
	bool created = false;
	const char *p = path;
	int err;

	if ((flags & O_CREAT) && (flags & O_DIRECTORY))
		return -EINVAL;
	err = path_init(&nd, root, cwd, path);
	if (err)
		goto out_done;
	for (;;) {
		err = link_path_walk(&nd, p);
		if (err)
			goto out_done;
		if (nd.last.len == 0) {                 /* "/": a directory that exists */
			inode = iget(nd.cur);
			break;
		}
		if (is_dot(&nd.last) || is_dotdot(&nd.last)) {
			err = step(&nd, &nd.last, &inode);
			if (err)
				goto out_put_parent;
			break;
		}
		if ((flags & O_CREAT) && nd.trailing_slash) {
			err = -EISDIR;
			goto out_put_parent;
		}
		err = open_last(&nd, flags, mode, &inode, &created);
		if (err)
			goto out_put_parent;
		if (!S_ISLNK(inode->i_mode))
			break;
		/* A symbolic link: O_CREAT|O_EXCL and O_NOFOLLOW stop here, as
		 * Linux; otherwise go on with its target (a dangling link with
		 * O_CREAT creates the file it names). A trailing slash follows. */
		if ((flags & O_CREAT) && (flags & O_EXCL))
			break;                          /* -EEXIST below */
		if ((flags & O_NOFOLLOW) && !nd.trailing_slash)
			break;                          /* -ELOOP below */
		err = nd_follow(&nd, inode, nd.trailing_slash ? "/" : "", &p);
		iput(inode);
		if (err)
			goto out_put_parent;
	}
	iput(nd.cur);
	path_done(&nd);

	if ((flags & O_CREAT) && (flags & O_EXCL) && !created) {
		err = -EEXIST;
		goto out_put_inode;
	}
	if ((flags & O_CREAT) && S_ISDIR(inode->i_mode)) {
		err = -EISDIR;
		goto out_put_inode;
	}
	if (((flags & O_DIRECTORY) || nd.trailing_slash) && !S_ISDIR(inode->i_mode)) {
		err = -ENOTDIR;
		goto out_put_inode;
	}
	if (S_ISLNK(inode->i_mode)) {
		err = -ELOOP;
		goto out_put_inode;
	}
	/* A file this open created may be opened as asked whatever its mode
	 * says (creat("f", 0444) gives a writable descriptor), as Linux. */
	err = created ? 0 : may_open(inode, flags);
	if (err)
		goto out_put_inode;
	if ((flags & O_TRUNC) && S_ISREG(inode->i_mode) && !created) {
		err = vfs_truncate(inode, 0);
		if (err)
			goto out_put_inode;
	}
	err = open_inode(inode, (unsigned int)flags, res);
out_put_inode:
	iput(inode);
	return err;

out_put_parent:
	iput(nd.cur);
out_done:
	path_done(&nd);
	return err;
}

/*
 * Make a new name, as filename_create() and vfs_mkdir/vfs_mknod/vfs_create
 * do in Linux: the type in mode picks the method.
 */
static int create_name(struct inode *root, struct inode *cwd, const char *path, umode_t mode,
		       dev_t dev, const char *target)
{
	struct nameidata nd;
	struct inode *dir, *inode;
	int err = path_parent(root, cwd, path, &nd);

	if (err)
		return err;
	dir = nd.cur;
	if (nd.last.len == 0 || is_dot(&nd.last) || is_dotdot(&nd.last)) {
		err = -EEXIST;          /* "/", "." and ".." always exist */
		goto out_put_dir;
	}
	err = may_lookup(dir);
	if (err)
		goto out_put_dir;
	mutex_lock(&dir->i_mutex);
	if (dir->i_nlink == 0) {
		err = -ENOENT;
		goto out_unlock;
	}
	err = dir->i_op->lookup(dir, &nd.last, &inode);
	if (!err) {
		iput(inode);
		err = -EEXIST;
		goto out_unlock;
	}
	if (err != -ENOENT)
		goto out_unlock;
	if (nd.trailing_slash && !S_ISDIR(mode))
		goto out_unlock;        /* "x/" must be a directory: stays -ENOENT */
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		goto out_unlock;
	err = -EPERM;                   /* a file system without the method */
	if (S_ISDIR(mode) && dir->i_op->mkdir) {
		err = dir->i_op->mkdir(dir, &nd.last, mode);
	} else if (S_ISREG(mode) && dir->i_op->create) {
		err = dir->i_op->create(dir, &nd.last, mode, &inode);
		if (!err)
			iput(inode);
	} else if (S_ISLNK(mode)) {
		if (dir->i_op->symlink)
			err = dir->i_op->symlink(dir, &nd.last, target);
	} else if (!S_ISDIR(mode) && !S_ISREG(mode) && dir->i_op->mknod) {
		err = dir->i_op->mknod(dir, &nd.last, mode, dev);
	}
out_unlock:
	mutex_unlock(&dir->i_mutex);
out_put_dir:
	iput(dir);
	path_done(&nd);
	return err;
}

/*
 * vfs_mkdir - make a directory. The umask is the caller's to apply.
 * @mode: permission bits (and S_ISVTX); others are ignored
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, -EEXIST (the name exists, or is "/", "." or ".."), -ENOENT
 * (a missing parent, or the parent was removed), -ENOTDIR,
 * -ENAMETOOLONG, -ENOMEM, -EACCES (no write and search permission on the
 * parent, or no search on the way), -EPERM (the file system cannot).
 */
int vfs_mkdir(struct inode *root, struct inode *cwd, const char *path, umode_t mode)
{
	return create_name(root, cwd, path, S_IFDIR | (mode & (S_IRWXUGO | S_ISVTX)), 0, NULL);
}

/*
 * vfs_mknod - make a file of the type in mode: a regular file (type 0 or
 * S_IFREG), a character or block device (dev says which), a FIFO or a
 * socket. mknod(2); the umask is the caller's to apply.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, -EPERM for S_IFDIR (use vfs_mkdir), -EINVAL for an unknown
 * type, or the errors of vfs_mkdir(); a trailing slash gives -ENOENT.
 */
int vfs_mknod(struct inode *root, struct inode *cwd, const char *path, umode_t mode, dev_t dev)
{
	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	return create_name(root, cwd, path, mode & (S_IFMT | S_IALLUGO), dev, NULL);
}

/*
 * In a directory with the sticky bit (/tmp), only the owner of a name, the
 * owner of the directory or CAP_FOWNER may remove it (Linux's
 * check_sticky). Return: true if that forbids the removal.
 */
static bool check_sticky(struct inode *dir, struct inode *victim)
{
	if (!(dir->i_mode & S_ISVTX))
		return false;
	if (victim->i_uid == current->fsuid || dir->i_uid == current->fsuid)
		return false;
	return !capable(CAP_FOWNER);
}

/*
 * Linux's may_delete(): may the caller remove victim's name from dir
 * (unlink, rmdir, and rename for both the old name and a replaced one)?
 * In Linux's order: write and search permission on dir, the sticky bit,
 * then the victim's type (is_rmdir: the type the name must have).
 */
static int may_delete(struct inode *dir, struct inode *victim, bool is_rmdir)
{
	int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	if (check_sticky(dir, victim))
		return -EPERM;
	if (is_rmdir)
		return S_ISDIR(victim->i_mode) ? 0 : -ENOTDIR;
	return S_ISDIR(victim->i_mode) ? -EISDIR : 0;
}

/*
 * Common to unlink and rmdir: find the last component's parent and the
 * victim in it, lock both (parent first), and call remove.
 */
static int remove_name(struct inode *root, struct inode *cwd, const char *path, bool is_rmdir)
{
	struct nameidata nd;
	struct inode *dir, *victim;
	int err = path_parent(root, cwd, path, &nd);

	if (err)
		return err;
	dir = nd.cur;
	if (nd.last.len == 0) {                 /* "/" */
		err = is_rmdir ? -EBUSY : -EISDIR;
		goto out_put_dir;
	}
	if (is_dot(&nd.last) || is_dotdot(&nd.last)) {
		if (!is_rmdir)
			err = -EISDIR;
		else
			err = is_dot(&nd.last) ? -EINVAL : -ENOTEMPTY;
		goto out_put_dir;
	}
	err = may_lookup(dir);
	if (err)
		goto out_put_dir;
	mutex_lock(&dir->i_mutex);
	if (dir->i_nlink == 0) {
		err = -ENOENT;
		goto out_unlock_dir;
	}
	err = dir->i_op->lookup(dir, &nd.last, &victim);
	if (err)
		goto out_unlock_dir;
	if (!is_rmdir && nd.trailing_slash)
		err = S_ISDIR(victim->i_mode) ? -EISDIR : -ENOTDIR;     /* "file/" */
	else
		err = may_delete(dir, victim, is_rmdir);
	if (!err && (victim == root || victim == dir || is_mountpoint(victim)))
		err = -EBUSY;                   /* the root of the walk, a mount point */
	if (err)
		goto out_put_victim;
	err = -EPERM;
	mutex_lock(&victim->i_mutex);
	if (is_rmdir && dir->i_op->rmdir)
		err = dir->i_op->rmdir(dir, &nd.last, victim);
	else if (!is_rmdir && dir->i_op->unlink)
		err = dir->i_op->unlink(dir, &nd.last, victim);
	mutex_unlock(&victim->i_mutex);
out_put_victim:
	mutex_unlock(&dir->i_mutex);
	iput(victim);           /* may free it: after its parent is unlocked */
	iput(dir);
	path_done(&nd);
	return err;

out_unlock_dir:
	mutex_unlock(&dir->i_mutex);
out_put_dir:
	iput(dir);
	path_done(&nd);
	return err;
}

/*
 * vfs_unlink - remove a name of a non-directory. The file itself goes
 * when it has no name and is no longer open.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, -ENOENT, -EISDIR (a directory, or "/", "." or ".."),
 * -ENOTDIR (a non-directory on the way, or "file/"), -ENAMETOOLONG,
 * -EBUSY (the walk's root), -EACCES (no write and search permission on
 * the directory, or no search on the way), -EPERM (the directory is
 * sticky and the caller owns neither it nor the file; or the file system
 * cannot).
 */
int vfs_unlink(struct inode *root, struct inode *cwd, const char *path)
{
	return remove_name(root, cwd, path, false);
}

/*
 * vfs_rmdir - remove an empty directory. If it is still open (or a cwd),
 * it lives on, empty, until the last user goes; nothing can be created
 * in it.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, -ENOENT, -ENOTDIR (not a directory, or a non-directory on
 * the way), -ENOTEMPTY (it has entries, or the last component is ".."),
 * -EINVAL (the last component is "."), -EBUSY ("/" or the walk's root),
 * -ENAMETOOLONG, -EACCES and -EPERM as vfs_unlink().
 */
int vfs_rmdir(struct inode *root, struct inode *cwd, const char *path)
{
	return remove_name(root, cwd, path, true);
}

/*
 * vfs_symlink - make a symbolic link at path whose text is target
 * (symlink(2)). The link is not followed or checked: it may dangle. Its
 * mode is 0777 and its owner the caller's, as Linux.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, -ENOENT (an empty target, or a missing parent),
 * -ENAMETOOLONG (target of PATH_MAX bytes or more, or the path), -EEXIST
 * (path exists, even as a dangling link), and the errors of vfs_mkdir().
 */
int vfs_symlink(struct inode *root, struct inode *cwd, const char *target, const char *path)
{
	size_t len = strnlen(target, PATH_MAX);

	if (len == 0)
		return -ENOENT;
	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	return create_name(root, cwd, path, S_IFLNK | 0777, 0, target);
}

/*
 * vfs_readlink - the text of the symbolic link inode, at most buflen
 * bytes of it, without a NUL (readlink(2) truncates silently).
 *
 * Context: may sleep; no i_mutex held.
 * Return: the bytes written to buf, -EINVAL if inode is not a link.
 */
int vfs_readlink(struct inode *inode, char *buf, int buflen)
{
	char *tmp;
	int len;

	if (!S_ISLNK(inode->i_mode) || !inode->i_op->get_link)
		return -EINVAL;
	tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	len = inode->i_op->get_link(inode, tmp, PATH_MAX, NULL);
	if (len > 0) {
		len = min(len, buflen);
		memcpy(buf, tmp, (size_t)len);
	}
	kfree(tmp);
	return len;
}

/*
 * vfs_link - give the file at oldpath one more name, newpath (link(2)).
 * @flags: LOOKUP_FOLLOW to follow a symbolic link as oldpath
 *         (linkat's AT_SYMLINK_FOLLOW); without it the link itself gets
 *         the new name, as Linux.
 *
 * Context: may sleep; no i_mutex held.
 * Return: 0, -EEXIST (newpath exists, or is "/", "." or ".."), -EPERM
 * (oldpath is a directory, or the file system cannot), -EXDEV (another
 * file system), -ENOENT (oldpath missing, or a file already without a
 * name; or newpath's directory missing, or newpath ends in '/'),
 * -EACCES, -ENOTDIR, -ENAMETOOLONG, -ELOOP, -ENOMEM.
 */
int vfs_link(struct inode *root, struct inode *olddir, const char *oldpath, unsigned int flags,
	     struct inode *newdir, const char *newpath)
{
	struct nameidata nd;
	struct inode *inode, *dir, *exists;
	int err = vfs_lookup_flags(root, olddir, oldpath, flags & LOOKUP_FOLLOW, &inode);

	if (err)
		return err;
	err = path_parent(root, newdir, newpath, &nd);
	if (err)
		goto out_put_inode;
	dir = nd.cur;
	err = -EEXIST;
	if (nd.last.len == 0 || is_dot(&nd.last) || is_dotdot(&nd.last))
		goto out_put_dir;
	err = may_lookup(dir);
	if (err)
		goto out_put_dir;
	mutex_lock(&dir->i_mutex);
	err = -ENOENT;
	if (dir->i_nlink == 0)
		goto out_unlock;
	err = dir->i_op->lookup(dir, &nd.last, &exists);
	if (!err) {
		iput(exists);
		err = -EEXIST;
		goto out_unlock;
	}
	if (err != -ENOENT || nd.trailing_slash)
		goto out_unlock;                /* "new/" stays -ENOENT, as Linux */
	err = -EXDEV;
	if (dir->i_sb != inode->i_sb)
		goto out_unlock;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		goto out_unlock;
	err = -EPERM;
	if (!dir->i_op->link || S_ISDIR(inode->i_mode))
		goto out_unlock;
	mutex_lock(&inode->i_mutex);            /* a non-directory: a leaf after dir */
	err = inode->i_nlink == 0 ? -ENOENT : dir->i_op->link(inode, dir, &nd.last);
	mutex_unlock(&inode->i_mutex);
out_unlock:
	mutex_unlock(&dir->i_mutex);
out_put_dir:
	iput(dir);
	path_done(&nd);
out_put_inode:
	iput(inode);
	return err;
}

/*
 * Renames: every rename takes rename_mutex first (Linux's per-super-block
 * s_vfs_rename_mutex, one for all here), so the shape of the tree cannot
 * change while it asks which of the two directories lies above the other
 * and then locks that one first. Other calls that hold two i_mutexes nest
 * only directory, then child, which agrees with that order.
 */
static DEFINE_MUTEX(rename_mutex);

/*
 * A directory and its ancestors up to its file system's root, each
 * referenced: the rename checks ask "is X above this directory?" after
 * the directories are locked, when walking up by ".." could deadlock.
 * Caller holds rename_mutex, so only rmdir of an empty directory (at most
 * the first of the chain) can change it meanwhile.
 */
struct ancestors {
	struct inode **v;
	unsigned int n, cap;
};

static int collect_ancestors(struct inode *dir, struct ancestors *a)
{
	static const struct qstr dotdot = QSTR_INIT("..", 2);
	struct inode *cur = iget(dir), *up;

	a->v = NULL;
	a->n = a->cap = 0;
	for (;;) {
		if (a->n == a->cap) {
			unsigned int cap = a->cap ? 2 * a->cap : 16;
			struct inode **v = kmalloc(cap * sizeof(*v), GFP_KERNEL);

			if (!v) {
				iput(cur);
				return -ENOMEM;
			}
			if (a->n)
				memcpy(v, a->v, a->n * sizeof(*v));
			kfree(a->v);
			a->v = v;
			a->cap = cap;
		}
		a->v[a->n++] = cur;
		if (lookup_one(cur, &dotdot, &up))
			return 0;               /* removed: the chain ends here */
		if (up == cur) {                /* the file system's root */
			iput(up);
			return 0;
		}
		cur = up;
	}
}

static bool is_ancestor(const struct ancestors *a, struct inode *inode)
{
	for (unsigned int i = 0; i < a->n; i++)
		if (a->v[i] == inode)
			return true;
	return false;
}

static void put_ancestors(struct ancestors *a)
{
	for (unsigned int i = 0; i < a->n; i++)
		iput(a->v[i]);
	kfree(a->v);
}

/*
 * The checks of Linux's do_renameat2() and vfs_rename() after both names
 * are looked up, in Linux's order. old is what old_name names; target is
 * NULL if new_name is free. Caller holds both directories' i_mutexes.
 */
static int rename_checks(struct nameidata *oldnd, struct inode *old, struct nameidata *newnd,
			 struct inode *target, unsigned int flags, const struct ancestors *old_up,
			 const struct ancestors *new_up)
{
	struct inode *old_dir = oldnd->cur, *new_dir = newnd->cur;
	bool is_dir = S_ISDIR(old->i_mode);
	bool new_is_dir = target && S_ISDIR(target->i_mode);
	int err;

	if (target && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (flags & RENAME_EXCHANGE) {
		if (!target)
			return -ENOENT;
		if (!new_is_dir && newnd->trailing_slash)
			return -ENOTDIR;
	}
	if (!is_dir && (oldnd->trailing_slash ||
			(!(flags & RENAME_EXCHANGE) && newnd->trailing_slash)))
		return -ENOTDIR;
	if (is_dir && is_ancestor(new_up, old))
		return -EINVAL;                 /* into itself */
	if (target && is_ancestor(old_up, target))
		return flags & RENAME_EXCHANGE ? -EINVAL : -ENOTEMPTY;
	if (old == target)
		return 1;                       /* two names of one file: nothing to do */
	err = may_delete(old_dir, old, is_dir);
	if (err)
		return err;
	if (!target)
		err = inode_permission(new_dir, MAY_WRITE | MAY_EXEC);
	else
		err = may_delete(new_dir, target,
				      (flags & RENAME_EXCHANGE) ? new_is_dir : is_dir);
	if (err)
		return err;
	if (!old_dir->i_op->rename)
		return -EPERM;
	if (is_dir && new_dir != old_dir) {     /* its ".." changes */
		err = inode_permission(old, MAY_WRITE);
		if (err)
			return err;
	}
	if ((flags & RENAME_EXCHANGE) && new_is_dir && new_dir != old_dir)
		err = inode_permission(target, MAY_WRITE);
	if (!err && (is_mountpoint(old) || (target && is_mountpoint(target)) ||
		     old->i_sb != old_dir->i_sb || (target && target->i_sb != new_dir->i_sb)))
		err = -EBUSY;                   /* a mount point, or a mounted root */
	return err;
}

/* Find name in dir (locked): a referenced inode, NULL if missing. */
static int rename_lookup(struct inode *dir, const struct qstr *name, struct inode **res)
{
	int err;

	if (dir->i_nlink == 0)
		return -ENOENT;
	err = dir->i_op->lookup(dir, name, res);
	if (err == -ENOENT) {
		*res = NULL;
		return 0;
	}
	return err;
}

/*
 * vfs_rename - rename(2), renameat2(2): give the file at oldpath the name
 * newpath, replacing what newpath named.
 * @flags: RENAME_NOREPLACE (fail with -EEXIST if newpath exists),
 *         RENAME_EXCHANGE (swap the two names; both must exist)
 *
 * A directory may replace only an empty directory, a non-directory only
 * a non-directory. Two names of one file: nothing happens, 0.
 *
 * Context: may sleep; no i_mutex held. Takes rename_mutex, then the
 * directories (an ancestor first), then the moved directory and the
 * replaced file.
 * Return: 0, -EINVAL (bad flags, or a directory moved into itself),
 * -EXDEV (another file system), -EBUSY ("/", "." or ".." as either name,
 * or a mount point), -ENOENT, -ENOTDIR, -EISDIR, -ENOTEMPTY, -EEXIST
 * (RENAME_NOREPLACE), -EACCES, -EPERM (sticky directory, or the file
 * system cannot), -ENAMETOOLONG, -ELOOP, -ENOMEM.
 */
int vfs_rename(struct inode *root, struct inode *olddir, const char *oldpath,
	       struct inode *newdir, const char *newpath, unsigned int flags)
{
	struct nameidata oldnd, newnd;
	struct inode *old_dir, *new_dir, *old = NULL, *target = NULL;
	struct ancestors old_up, new_up;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;                 /* RENAME_WHITEOUT: no overlay here */
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	err = path_parent(root, olddir, oldpath, &oldnd);
	if (err)
		return err;
	err = path_parent(root, newdir, newpath, &newnd);
	if (err)
		goto out_put_old;
	old_dir = oldnd.cur;
	new_dir = newnd.cur;
	err = -EXDEV;
	if (old_dir->i_sb != new_dir->i_sb)
		goto out_put_new;
	err = -EBUSY;
	if (oldnd.last.len == 0 || is_dot(&oldnd.last) || is_dotdot(&oldnd.last))
		goto out_put_new;
	if (flags & RENAME_NOREPLACE)
		err = -EEXIST;
	if (newnd.last.len == 0 || is_dot(&newnd.last) || is_dotdot(&newnd.last))
		goto out_put_new;
	err = may_lookup(old_dir);
	if (!err)
		err = may_lookup(new_dir);
	if (err)
		goto out_put_new;

	mutex_lock(&rename_mutex);
	err = collect_ancestors(old_dir, &old_up);
	if (!err) {
		err = collect_ancestors(new_dir, &new_up);
		if (err)
			put_ancestors(&old_up);
	}
	if (err) {
		mutex_unlock(&rename_mutex);
		goto out_put_new;
	}
	if (old_dir == new_dir) {
		mutex_lock(&old_dir->i_mutex);
	} else if (is_ancestor(&old_up, new_dir)) {
		mutex_lock(&new_dir->i_mutex);
		mutex_lock(&old_dir->i_mutex);
	} else {
		mutex_lock(&old_dir->i_mutex);
		mutex_lock(&new_dir->i_mutex);
	}
	err = rename_lookup(old_dir, &oldnd.last, &old);
	if (!err && !old)
		err = -ENOENT;
	if (!err)
		err = rename_lookup(new_dir, &newnd.last, &target);
	if (!err)
		err = rename_checks(&oldnd, old, &newnd, target, flags, &old_up, &new_up);
	if (err == 0) {
		/* The children, after their directories: the moved one, then
		 * the replaced one (neither is above the other: checked). */
		if (S_ISDIR(old->i_mode))
			mutex_lock(&old->i_mutex);
		if (target)
			mutex_lock(&target->i_mutex);
		err = old_dir->i_op->rename(old_dir, &oldnd.last, new_dir, &newnd.last, target,
					    flags);
		if (target)
			mutex_unlock(&target->i_mutex);
		if (S_ISDIR(old->i_mode))
			mutex_unlock(&old->i_mutex);
	}
	if (err == 1)
		err = 0;
	if (old_dir != new_dir)
		mutex_unlock(&new_dir->i_mutex);
	mutex_unlock(&old_dir->i_mutex);
	mutex_unlock(&rename_mutex);
	put_ancestors(&new_up);
	put_ancestors(&old_up);
	iput(target);                           /* may free it: no lock held */
	iput(old);
out_put_new:
	iput(newnd.cur);
	path_done(&newnd);
out_put_old:
	iput(oldnd.cur);
	path_done(&oldnd);
	return err;
}

/* Looking for the name of inode number ino in a directory (vfs_path_of). */
struct name_search {
	struct dir_context ctx;
	u64 ino;
	char name[NAME_MAX + 1];
	int len;
};

static bool match_ino(struct dir_context *ctx, const char *name, int namelen, loff_t next_pos,
		      u64 ino, unsigned int d_type)
{
	struct name_search *s = container_of(ctx, struct name_search, ctx);

	(void)next_pos;
	(void)d_type;
	if ((namelen == 1 && name[0] == '.') || (namelen == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	if (ino != s->ino || namelen > NAME_MAX)
		return true;
	memcpy(s->name, name, (size_t)namelen);
	s->len = namelen;
	return false;                           /* found: stop */
}

/* The name dir gives child (same file system), into s->name; -ENOENT if none. */
static int name_in_dir(struct inode *dir, struct inode *child, struct name_search *s)
{
	struct file *file;
	int err;

	if (!dir->i_fop->iterate)
		return -ENOENT;
	file = alloc_file(dir, O_RDONLY);
	if (!file)
		return -ENOMEM;
	s->ctx = (struct dir_context){ .actor = match_ino, .pos = 0 };
	s->ino = child->i_ino;
	s->len = -1;
	mutex_lock(&dir->i_mutex);
	err = dir->i_nlink ? dir->i_fop->iterate(file, &s->ctx) : -ENOENT;
	mutex_unlock(&dir->i_mutex);
	fput(file);
	if (!err && s->len < 0)
		err = -ENOENT;
	return err;
}

/*
 * vfs_path_of - the absolute path of directory inode as seen from root
 * ("/tmp/a"), found by walking up through ".." (and out of mounted roots)
 * and asking each parent for the child's name: keyhole has no dentries
 * to remember names, so this costs a directory scan per level.
 *
 * Context: may sleep; no i_mutex held.
 * Return: the length of the path in buf, -ENOENT (removed, or not below
 * root), -ENAMETOOLONG (longer than size), -ENOMEM.
 */
int vfs_path_of(struct inode *root, struct inode *inode, char *buf, size_t size)
{
	static const struct qstr dotdot = QSTR_INIT("..", 2);
	struct name_search *s = kmalloc(sizeof(*s), GFP_KERNEL);
	struct inode *cur = iget(inode), *up, *parent;
	char *end = buf + size, *pos = end;
	int err = 0;

	if (!s) {
		iput(cur);
		return -ENOMEM;
	}
	*--pos = '\0';
	while (cur != root) {
		up = follow_up(cur, root);
		if (up == root) {
			iput(up);
			break;
		}
		err = lookup_one(up, &dotdot, &parent);
		if (!err && parent == up) {
			iput(parent);
			err = -ENOENT;          /* a file system's root: root is not above */
		}
		if (!err) {
			err = name_in_dir(parent, up, s);
			if (err)
				iput(parent);
		}
		iput(up);
		if (err)
			break;
		if (pos - buf < s->len + 1 + 1) {
			iput(parent);
			err = -ENAMETOOLONG;
			break;
		}
		pos -= s->len;
		memcpy(pos, s->name, (size_t)s->len);
		*--pos = '/';
		iput(cur);
		cur = parent;
	}
	iput(cur);
	kfree(s);
	if (err)
		return err;
	if (*pos == '\0')
		*--pos = '/';
	memmove(buf, pos, (size_t)(end - pos));
	return (int)(end - pos) - 1;
}
