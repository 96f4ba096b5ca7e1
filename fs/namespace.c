/*
 * namespace.c - the mount table: mount(2), umount2(2), statfs(2) and
 * fstatfs(2), and the text of /proc/mounts and /proc/self/mountinfo.
 * Linux's fs/namespace.c (do_new_mount, graft_tree, do_umount,
 * show_vfsmnt, show_mountinfo) and fs/statfs.c, for one mount namespace
 * and without bind mounts or propagation.
 *
 * keyhole has no dentries, so a mount is keyed by inodes:
 *
 *	struct vfsmount ── mnt_mountpoint ──> the directory it covers (in
 *	   mnt_parent's file system), referenced, its i_mounted counted
 *	               └── mnt_root ──> the root of the mounted file system
 *
 * The path walk (namei.c) asks follow_down() at every name it reaches:
 * an inode with i_mounted set is covered, and the walk moves on to the
 * root mounted there. For "..", follow_up() first climbs from a mounted
 * root to the directory it covers, so ".." leaves the mount. A second
 * mount on the same path covers the first one's root, so they stack and
 * umount takes the top one, as Linux. Every file system instance is
 * mounted at most once (no bind mounts), so "which mount is this inode
 * seen through" is "the mount of its super block" (inode_mnt_id).
 *
 * Busy: a mount may go when nothing uses its file system: no mount on
 * top of it, and no inode of it referenced (an open file, a working
 * directory, a walk in progress) beyond what the file system and the
 * mount itself hold, which mount() notes in mnt_base_refs from the super
 * block's s_inode_refs. MNT_DETACH takes the mount (and those on top of
 * it) out of the tree at once; the file system's names go then too (a
 * tmpfs is emptied), while files still open live on until closed.
 * Linux keeps a lazily detached tree whole until its last user goes:
 * here an open directory of it reads empty.
 *
 * The device directory stays on the root file system (/dev, made by
 * dev.c at boot), not a devtmpfs: mount -t devtmpfs is -ENODEV.
 *
 * Locking: mount_lock (a mutex) guards mount_list, every vfsmount's
 * fields and every inode's i_mounted (walks read i_mounted without it,
 * then look again under it). No i_mutex is taken under it (it may be
 * taken under one: open's last lookup calls follow_down), so the work
 * that needs i_mutexes (path walks, emptying a tmpfs) is done outside.
 */
#include "fs/fdtable.h"
#include "fs/internal.h"
#include "fs/mount.h"
#include "fs/proc.h"
#include "fs/ramfs.h"
#include "fs/seq_file.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/syscalls.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

static DEFINE_MUTEX(mount_lock);
static LIST_HEAD(mount_list);
static int next_mnt_id = 1;             /* mount_lock */

/* The root file system: a ramfs that is never unmounted. */
static const struct file_system_type rootfs_fs_type = { .name = "rootfs" };

static const struct file_system_type *const filesystems[] = {
	&tmpfs_fs_type,
	&proc_fs_type,
};

static const struct file_system_type *get_fs_type(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(filesystems); i++)
		if (strcmp(filesystems[i]->name, name) == 0)
			return filesystems[i];
	return NULL;
}

/* The mount whose root is inode, or NULL. Caller holds mount_lock. */
static struct vfsmount *mount_of_root(struct inode *inode)
{
	struct vfsmount *mnt;

	list_for_each_entry(mnt, &mount_list, mnt_list)
		if (mnt->mnt_root == inode)
			return mnt;
	return NULL;
}

/* The mount through which inodes of sb are seen, or NULL. Caller holds mount_lock. */
static struct vfsmount *mount_of_sb(struct super_block *sb)
{
	struct vfsmount *mnt;

	list_for_each_entry(mnt, &mount_list, mnt_list)
		if (mnt->mnt_root->i_sb == sb)
			return mnt;
	return NULL;
}

/*
 * follow_down - the inode a walk lands on when it reaches inode: the root
 * of what is mounted there (the top of a stack of mounts), if anything,
 * else inode itself.
 *
 * Context: may sleep; takes mount_lock (maybe under an i_mutex). Takes
 * over the caller's reference to inode.
 * Return: a referenced inode.
 */
struct inode *follow_down(struct inode *inode)
{
	while (READ_ONCE(inode->i_mounted)) {
		struct vfsmount *mnt, *found = NULL;
		struct inode *next;

		mutex_lock(&mount_lock);
		list_for_each_entry(mnt, &mount_list, mnt_list)
			if (mnt->mnt_mountpoint == inode)
				found = mnt;
		next = found ? iget(found->mnt_root) : NULL;
		mutex_unlock(&mount_lock);
		if (!next)
			break;                  /* unmounted meanwhile */
		iput(inode);
		inode = next;
	}
	return inode;
}

/*
 * follow_up - the directory whose ".." a walk standing on dir asks for:
 * dir itself, or, if dir is a mounted root (and not the walk's root), the
 * directory it covers (and so on down a stack of mounts).
 *
 * Context: may sleep; takes mount_lock.
 * Return: a new reference.
 */
struct inode *follow_up(struct inode *dir, struct inode *root)
{
	struct vfsmount *mnt;

	mutex_lock(&mount_lock);
	while (dir != root && (mnt = mount_of_root(dir)) && mnt->mnt_mountpoint)
		dir = mnt->mnt_mountpoint;
	dir = iget(dir);
	mutex_unlock(&mount_lock);
	return dir;
}

/*
 * is_mountpoint - whether something is mounted on inode (then it cannot
 * be removed or renamed: -EBUSY).
 *
 * Context: any.
 */
bool is_mountpoint(struct inode *inode)
{
	return READ_ONCE(inode->i_mounted) != 0;
}

/*
 * inode_mnt_id - the id of the mount inode is seen through (statx's
 * stx_mnt_id, the first field of mountinfo); 0 if its file system is not
 * mounted (a pipe, a detached tmpfs).
 *
 * Context: may sleep.
 */
int inode_mnt_id(struct inode *inode)
{
	struct vfsmount *mnt;
	int id;

	mutex_lock(&mount_lock);
	mnt = mount_of_sb(inode->i_sb);
	id = mnt ? mnt->mnt_id : 0;
	mutex_unlock(&mount_lock);
	return id;
}

static struct vfsmount *alloc_vfsmount(const struct file_system_type *type, const char *source,
				       unsigned long flags)
{
	struct vfsmount *mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);
	size_t len = strlen(source);

	if (!mnt)
		return NULL;
	mnt->mnt_devname = kmalloc(len + 1, GFP_KERNEL);
	if (!mnt->mnt_devname) {
		kfree(mnt);
		return NULL;
	}
	memcpy(mnt->mnt_devname, source, len + 1);
	mnt->mnt_type = type;
	mnt->mnt_flags = flags;
	return mnt;
}

static void free_vfsmount(struct vfsmount *mnt)
{
	kfree(mnt->mnt_devname);
	kfree(mnt);
}

/* ro: inode_permission() refuses MAY_WRITE (-EROFS). Caller holds mount_lock. */
static void set_sb_rdonly(struct super_block *sb, bool ro)
{
	WRITE_ONCE(sb->s_flags, ro ? sb->s_flags | SB_RDONLY : sb->s_flags & ~SB_RDONLY);
}

/* The refcount of sb as it stands (vfs_count_lock is vfs.c's: read once). */
static unsigned long sb_refs(struct super_block *sb)
{
	return READ_ONCE(sb->s_inode_refs);
}

/*
 * mount_root - make root (a ramfs root with its reference) the root
 * mount, "/". Boot calls it once, before any other mount.
 *
 * Context: boot. Return: 0 or -ENOMEM.
 */
int mount_root(struct inode *root, const char *fstype)
{
	struct vfsmount *mnt = alloc_vfsmount(&rootfs_fs_type, fstype, 0);

	if (!mnt)
		return -ENOMEM;
	mnt->mnt_root = iget(root);
	mnt->mnt_parent = mnt;
	mutex_lock(&mount_lock);
	mnt->mnt_id = next_mnt_id++;
	list_add_tail(&mnt->mnt_list, &mount_list);
	mutex_unlock(&mount_lock);
	return 0;
}

/*
 * Mount a new instance of type on the directory mp (referenced; the walk
 * has followed it down, so it is the top of whatever is mounted there).
 * Consumes the reference to mp.
 */
static int do_new_mount(struct inode *mp, const struct file_system_type *type,
			const char *source, unsigned long flags, const char *data)
{
	struct vfsmount *mnt, *parent;
	struct inode *root;
	int err;

	if (!S_ISDIR(mp->i_mode)) {
		err = -ENOTDIR;
		goto out_put_mp;
	}
	err = type->mount(data, &root);
	if (err)
		goto out_put_mp;
	err = -ENOMEM;
	mnt = alloc_vfsmount(type, source, flags);
	if (!mnt)
		goto out_kill;
	mutex_lock(&mount_lock);
	parent = mount_of_sb(mp->i_sb);
	if (mount_of_root(root)) {
		err = -EBUSY;                   /* proc: one instance, mounted once */
	} else if (mp->i_nlink == 0 || !parent) {
		err = -ENOENT;                  /* removed, or detached, meanwhile */
	} else {
		mnt->mnt_root = root;
		mnt->mnt_mountpoint = mp;
		mnt->mnt_parent = parent;
		mnt->mnt_id = next_mnt_id++;
		mnt->mnt_base_refs = sb_refs(root->i_sb);
		set_sb_rdonly(root->i_sb, flags & MS_RDONLY);
		mp->i_mounted++;
		list_add_tail(&mnt->mnt_list, &mount_list);
		err = 0;
	}
	mutex_unlock(&mount_lock);
	if (!err)
		return 0;
	free_vfsmount(mnt);
out_kill:
	if (type->kill)
		type->kill(root);
	else
		iput(root);
out_put_mp:
	iput(mp);
	return err;
}

/* The mount flags that only describe (and that MS_REMOUNT may change). */
#define MNT_USER_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_SYNCHRONOUS | \
			MS_MANDLOCK | MS_DIRSYNC | MS_NOSYMFOLLOW | MS_NOATIME | MS_NODIRATIME | \
			MS_RELATIME | MS_STRICTATIME | MS_LAZYTIME)

/*
 * path_mount - what mount(2) does once the target is looked up (mp,
 * referenced, consumed).
 */
static int path_mount(const char *source, struct inode *mp, const char *fstype,
		      unsigned long flags, const char *data)
{
	const struct file_system_type *type;
	struct vfsmount *mnt;
	int err = 0;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~(unsigned long)MS_MGC_MSK;
	if (!capable(CAP_SYS_ADMIN)) {
		err = -EPERM;
		goto out_put;
	}
	if (flags & (MS_REMOUNT | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)) {
		/* On an existing mount: the target must be its root. */
		mutex_lock(&mount_lock);
		mnt = mount_of_root(mp);
		if (!mnt)
			err = -EINVAL;
		else if (flags & MS_REMOUNT) {
			mnt->mnt_flags = (flags & MNT_USER_FLAGS) |
					 (mnt->mnt_flags & (MS_RELATIME | MS_NOATIME));
			set_sb_rdonly(mp->i_sb, flags & MS_RDONLY);
		}
		/* Propagation: every mount here is private; nothing to change. */
		mutex_unlock(&mount_lock);
		goto out_put;
	}
	if (flags & (MS_BIND | MS_MOVE)) {
		err = -EINVAL;                  /* not in keyhole (fs/README.md) */
		goto out_put;
	}
	if (!fstype) {
		err = -EINVAL;
		goto out_put;
	}
	type = get_fs_type(fstype);
	if (!type) {
		err = -ENODEV;
		goto out_put;
	}
	/* New mounts are relatime unless noatime or strictatime, as Linux. */
	if (!(flags & (MS_NOATIME | MS_STRICTATIME)))
		flags |= MS_RELATIME;
	if (flags & MS_STRICTATIME)
		flags &= ~(unsigned long)(MS_RELATIME | MS_NOATIME);
	return do_new_mount(mp, type, source ? source : "none", flags & MNT_USER_FLAGS, data);

out_put:
	iput(mp);
	return err;
}

/*
 * kern_mount - mount a file system at path (from the root mount's root)
 * at boot, as mount(2) would.
 *
 * Context: boot (as root, before user space). Return: 0 or
 * mount(2)'s errors.
 */
int kern_mount(const char *fstype, const char *source, const char *path, unsigned long flags,
	       const char *data)
{
	struct vfsmount *root_mnt;
	struct inode *root, *mp;
	int err;

	mutex_lock(&mount_lock);
	root_mnt = list_first_entry_or_null(&mount_list, struct vfsmount, mnt_list);
	root = root_mnt ? iget(root_mnt->mnt_root) : NULL;
	mutex_unlock(&mount_lock);
	if (!root)
		return -ENOENT;
	err = vfs_lookup(root, root, path, &mp);
	iput(root);
	if (err)
		return err;
	return path_mount(source, mp, fstype, flags, data);
}

/* Copy an optional user string (NULL stays NULL) into a new page-sized buffer. */
static long copy_mount_string(const char *ustr, char **res)
{
	char *buf;
	long n;

	*res = NULL;
	if (!ustr)
		return 0;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	n = strncpy_from_user(buf, ustr, PAGE_SIZE);
	if (n < 0) {
		kfree(buf);
		return n;
	}
	buf[PAGE_SIZE - 1] = '\0';              /* Linux cuts the data page too */
	*res = buf;
	return 0;
}

SYSCALL_DEFINE5(mount, const char *, source, const char *, target, const char *, fstype,
		unsigned long, flags, const void *, data)
{
	char *ktype = NULL, *ksource = NULL, *kdata = NULL;
	struct inode *mp;
	long ret;

	ret = copy_mount_string(fstype, &ktype);
	if (!ret)
		ret = copy_mount_string(source, &ksource);
	if (!ret)
		ret = copy_mount_string(data, &kdata);
	if (!ret)
		ret = user_path_at(AT_FDCWD, target, LOOKUP_FOLLOW, &mp);
	if (!ret)
		ret = path_mount(ksource, mp, ktype, flags, kdata);
	kfree(kdata);
	kfree(ksource);
	kfree(ktype);
	return ret;
}

/* Whether mnt has a mount on top of it. Caller holds mount_lock. */
static bool has_children(struct vfsmount *mnt)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mount_list, mnt_list)
		if (m->mnt_parent == mnt && m != mnt)
			return true;
	return false;
}

/* Take mnt out of the tree: undo do_new_mount's links. Caller holds mount_lock. */
static void umount_one(struct vfsmount *mnt, struct list_head *dead)
{
	mnt->mnt_mountpoint->i_mounted--;
	list_move(&mnt->mnt_list, dead);
}

/* Detach mnt and every mount on top of it (MNT_DETACH). Caller holds mount_lock. */
static void umount_tree(struct vfsmount *mnt, struct list_head *dead)
{
	struct vfsmount *m, *tmp;
	bool found;

	umount_one(mnt, dead);
	do {                    /* every mount whose parent is gone goes too */
		found = false;
		list_for_each_entry_safe(m, tmp, &mount_list, mnt_list) {
			struct vfsmount *d;
			bool orphan = false;

			list_for_each_entry(d, dead, mnt_list)
				if (m->mnt_parent == d)
					orphan = true;
			if (orphan) {
				umount_one(m, dead);
				found = true;
			}
		}
	} while (found);
}

/* End the file systems of detached mounts: outside mount_lock (they take i_mutexes). */
static void release_mounts(struct list_head *dead)
{
	struct vfsmount *mnt, *tmp;

	list_for_each_entry_safe(mnt, tmp, dead, mnt_list) {
		list_del(&mnt->mnt_list);
		iput(mnt->mnt_mountpoint);
		if (mnt->mnt_type->kill)
			mnt->mnt_type->kill(mnt->mnt_root);
		else
			iput(mnt->mnt_root);
		free_vfsmount(mnt);
	}
}

/* umount2 once the target is looked up (inode referenced, consumed). */
static int path_umount(struct inode *inode, int flags)
{
	LIST_HEAD(dead);
	struct vfsmount *mnt;
	int err = 0;

	if (!capable(CAP_SYS_ADMIN)) {
		iput(inode);
		return -EPERM;
	}
	mutex_lock(&mount_lock);
	mnt = mount_of_root(inode);
	if (!mnt)
		err = -EINVAL;                  /* not a mount point */
	else if (!mnt->mnt_mountpoint)
		err = -EBUSY;                   /* "/" */
	else if (flags & MNT_DETACH)
		umount_tree(mnt, &dead);
	else if (has_children(mnt) || sb_refs(inode->i_sb) > mnt->mnt_base_refs + 1)
		err = -EBUSY;                   /* in use: +1 is our own reference */
	else
		umount_one(mnt, &dead);
	mutex_unlock(&mount_lock);
	iput(inode);
	release_mounts(&dead);
	return err;
}

SYSCALL_DEFINE2(umount2, const char *, target, int, flags)
{
	struct inode *inode;
	long ret;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	ret = user_path_at(AT_FDCWD, target, flags & UMOUNT_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &inode);
	if (ret)
		return ret;
	if (flags & MNT_EXPIRE) {               /* a first call only marks: -EAGAIN */
		iput(inode);
		return capable(CAP_SYS_ADMIN) ? -EAGAIN : -EPERM;
	}
	return path_umount(inode, flags);
}

/* statfs's ST_* flags from a mount's MS_* flags. */
#define ST_VALID        0x0020
#define ST_RELATIME     0x1000
#define ST_NOSYMFOLLOW  0x2000

static long st_flags(unsigned long mnt_flags)
{
	long f = ST_VALID | (long)(mnt_flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC |
						 MS_SYNCHRONOUS | MS_MANDLOCK | MS_NOATIME |
						 MS_NODIRATIME));

	if (mnt_flags & MS_RELATIME)
		f |= ST_RELATIME;
	if (mnt_flags & MS_NOSYMFOLLOW)
		f |= ST_NOSYMFOLLOW;
	return f;
}

/*
 * vfs_statfs - what statfs(2) says of the file system holding inode:
 * its magic, page-sized blocks, NAME_MAX, its mount's flags, and the
 * sizes the file system gives (a tmpfs its size and use; ramfs and proc
 * none, as Linux).
 *
 * Context: may sleep. Return: 0.
 */
int vfs_statfs(struct inode *inode, struct kstatfs *buf)
{
	struct super_block *sb = inode->i_sb;
	struct vfsmount *mnt;

	memset(buf, 0, sizeof(*buf));
	buf->f_type = (long)sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_frsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	buf->f_fsid[0] = (int)new_encode_dev(sb->s_dev);
	mutex_lock(&mount_lock);
	mnt = mount_of_sb(sb);
	buf->f_flags = st_flags(mnt ? mnt->mnt_flags : 0);
	mutex_unlock(&mount_lock);
	if (sb->s_op->statfs)
		sb->s_op->statfs(sb, buf);
	return 0;
}

static long statfs_inode(struct inode *inode, struct kstatfs *ubuf)
{
	struct kstatfs st;

	vfs_statfs(inode, &st);
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char *, path, struct kstatfs *, buf)
{
	struct inode *inode;
	long ret = user_path_at(AT_FDCWD, path, LOOKUP_FOLLOW, &inode);

	if (ret)
		return ret;
	ret = statfs_inode(inode, buf);
	iput(inode);
	return ret;
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct kstatfs *, buf)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = statfs_inode(file->f_inode, buf);
	fput(file);
	return ret;
}

/* One mount as /proc/mounts shows it, taken under mount_lock. */
struct mount_snap {
	int id, parent_id;
	dev_t dev;
	struct inode *mountpoint;       /* referenced; NULL for "/" */
	const struct file_system_type *type;
	struct super_block *sb;
	struct inode *root;             /* referenced: keeps sb */
	unsigned long flags;
	char devname[64];
};

/* The mount flags, as Linux's show_mnt_opts (after "rw"/"ro"). */
static int show_mnt_flags(char *buf, size_t size, unsigned long flags)
{
	static const struct { unsigned long flag; const char *name; } names[] = {
		{ MS_NOSUID, ",nosuid" }, { MS_NODEV, ",nodev" }, { MS_NOEXEC, ",noexec" },
		{ MS_NOATIME, ",noatime" }, { MS_NODIRATIME, ",nodiratime" },
		{ MS_RELATIME, ",relatime" }, { MS_NOSYMFOLLOW, ",nosymfollow" },
	};
	int n = scnprintf(buf, size, "%s", flags & MS_RDONLY ? "ro" : "rw");

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (flags & names[i].flag)
			n += scnprintf(buf + n, size - (size_t)n, "%s", names[i].name);
	return n;
}

/* A path with spaces, tabs, newlines and backslashes as \ooo (Linux's mangle). */
static int show_escaped(char *buf, size_t size, const char *s)
{
	int n = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			n += scnprintf(buf + n, size - (size_t)n, "\\%03o", (unsigned char)*s);
		else
			n += scnprintf(buf + n, size - (size_t)n, "%c", *s);
	}
	return n;
}

/*
 * mounts_show - the text of /proc/mounts (mountinfo false) or of
 * /proc/self/mountinfo, in Linux's formats, for the calling task's root:
 *	mounts:    "tmpfs /tmp tmpfs rw,nosuid,nodev,size=65536k 0 0"
 *	mountinfo: "25 1 0:3 / /tmp rw,nosuid,nodev - tmpfs tmpfs rw,size=65536k"
 * Mounts outside the task's root are left out.
 *
 * Context: may sleep.
 * Return: 0 (what did not fit marks m overflowed), -ENOMEM.
 */
int mounts_show(struct seq_file *m, bool mountinfo)
{
	struct mount_snap *snap;
	struct vfsmount *mnt;
	char *path;
	int nr = 0, max = 0;

	mutex_lock(&mount_lock);
	list_for_each_entry(mnt, &mount_list, mnt_list)
		max++;
	mutex_unlock(&mount_lock);
	snap = kcalloc((size_t)max + 1, sizeof(*snap), GFP_KERNEL);
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!snap || !path) {
		kfree(snap);
		kfree(path);
		return -ENOMEM;
	}
	mutex_lock(&mount_lock);
	list_for_each_entry(mnt, &mount_list, mnt_list) {
		struct mount_snap *s = &snap[nr];

		if (nr == max)
			break;                  /* mounted since we counted */
		s->id = mnt->mnt_id;
		s->parent_id = mnt->mnt_parent->mnt_id;
		s->sb = mnt->mnt_root->i_sb;
		s->dev = s->sb->s_dev;
		s->root = iget(mnt->mnt_root);
		s->mountpoint = mnt->mnt_mountpoint ? iget(mnt->mnt_mountpoint) : NULL;
		s->type = mnt->mnt_type;
		s->flags = mnt->mnt_flags;
		strlcpy(s->devname, mnt->mnt_devname, sizeof(s->devname));
		nr++;
	}
	mutex_unlock(&mount_lock);
	for (int i = 0; i < nr; i++) {
		struct mount_snap *s = &snap[i];
		char line[512], opts[160], fsopts[160];
		int len = 0, ol, fl = 0;

		if (!s->mountpoint)
			strlcpy(path, "/", PATH_MAX);
		else if (vfs_path_of(current->fs->root, s->mountpoint, path, PATH_MAX) < 0)
			continue;               /* outside our root, or gone */
		ol = show_mnt_flags(opts, sizeof(opts), s->flags);
		if (s->type->show_options)
			fl = s->type->show_options(s->sb, fsopts, sizeof(fsopts));
		fsopts[fl] = '\0';
		if (mountinfo) {
			len += scnprintf(line + len, sizeof(line) - (size_t)len, "%d %d %u:%u / ",
					 s->id, s->parent_id, MAJOR(s->dev), MINOR(s->dev));
			len += show_escaped(line + len, sizeof(line) - (size_t)len, path);
			len += scnprintf(line + len, sizeof(line) - (size_t)len, " %s - %s ", opts,
					 s->type->name);
			len += show_escaped(line + len, sizeof(line) - (size_t)len, s->devname);
			len += scnprintf(line + len, sizeof(line) - (size_t)len, " %s%s\n",
					 s->flags & MS_RDONLY ? "ro" : "rw", fsopts);
		} else {
			len += show_escaped(line, sizeof(line), s->devname);
			len += scnprintf(line + len, sizeof(line) - (size_t)len, " ");
			len += show_escaped(line + len, sizeof(line) - (size_t)len, path);
			len += scnprintf(line + len, sizeof(line) - (size_t)len, " %s %.*s%s 0 0\n",
					 s->type->name, ol, opts, fsopts);
		}
		seq_write(m, line, (size_t)len);
	}
	for (int i = 0; i < nr; i++) {
		iput(snap[i].mountpoint);
		iput(snap[i].root);
	}
	kfree(path);
	kfree(snap);
	return 0;
}
