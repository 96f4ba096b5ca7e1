/*
 * mount.h - the mount table (fs/namespace.c): which file system's root
 * covers which directory, for the path walk (namei.c), mount(2),
 * umount2(2), statfs(2) and /proc/mounts.
 */
#ifndef FS_MOUNT_H
#define FS_MOUNT_H

#include "fs/vfs.h"
#include "lib/list.h"

/* statfs f_type of each file system (Linux's include/uapi/linux/magic.h). */
#define RAMFS_MAGIC             0x858458f6
#define TMPFS_MAGIC             0x01021994
#define PROC_SUPER_MAGIC        0x9fa0

/* mount(2) flags (MS_*), as Linux's include/uapi/linux/mount.h. */
#define MS_RDONLY       1
#define MS_NOSUID       2
#define MS_NODEV        4
#define MS_NOEXEC       8
#define MS_SYNCHRONOUS  16
#define MS_REMOUNT      32
#define MS_MANDLOCK     64
#define MS_DIRSYNC      128
#define MS_NOSYMFOLLOW  256
#define MS_NOATIME      1024
#define MS_NODIRATIME   2048
#define MS_BIND         4096
#define MS_MOVE         8192
#define MS_REC          16384
#define MS_SILENT       32768
#define MS_UNBINDABLE   (1 << 17)
#define MS_PRIVATE      (1 << 18)
#define MS_SLAVE        (1 << 19)
#define MS_SHARED       (1 << 20)
#define MS_RELATIME     (1 << 21)
#define MS_STRICTATIME  (1 << 24)
#define MS_LAZYTIME     (1 << 25)
#define MS_MGC_VAL      0xC0ED0000
#define MS_MGC_MSK      0xffff0000

/* umount2(2) flags */
#define MNT_FORCE       1
#define MNT_DETACH      2
#define MNT_EXPIRE      4
#define UMOUNT_NOFOLLOW 8

/* A kind of file system mount(2) can make (Linux's file_system_type). */
struct file_system_type {
	const char *name;               /* mount -t NAME, /proc/filesystems */
	/* A new instance from mount(2)'s data string (NULL: none): its
	 * root, referenced. A file system of one instance (proc) gives that. */
	int (*mount)(const char *data, struct inode **root);
	/* The last mount went: drop the root reference, end the instance. */
	void (*kill)(struct inode *root);
	/* Optional: ",opt=val..." for /proc/mounts after the flags. */
	int (*show_options)(struct super_block *sb, char *buf, size_t size);
};

/*
 * struct vfsmount - one mount: the root of a file system shown over a
 * directory of another (Linux's struct mount and vfsmount in one). The
 * root mount covers nothing.
 */
struct vfsmount {
	struct list_head mnt_list;      /* on mount_list, in mount order */
	struct vfsmount *mnt_parent;    /* the mount holding mnt_mountpoint; itself for "/" */
	struct inode *mnt_mountpoint;   /* the directory covered (referenced); NULL for "/" */
	struct inode *mnt_root;         /* the file system's root (referenced) */
	const struct file_system_type *mnt_type;
	char *mnt_devname;              /* mount(2)'s source, for /proc/mounts */
	unsigned long mnt_flags;        /* MS_NOSUID, MS_NODEV ... as mounted */
	unsigned long mnt_base_refs;    /* s_inode_refs with nobody using it */
	int mnt_id;
};

extern const struct file_system_type tmpfs_fs_type;

struct inode *follow_down(struct inode *inode);
struct inode *follow_up(struct inode *dir, struct inode *root);
bool is_mountpoint(struct inode *inode);
int inode_mnt_id(struct inode *inode);
int mount_root(struct inode *root, const char *fstype);
int kern_mount(const char *fstype, const char *source, const char *path, unsigned long flags,
	       const char *data);
int vfs_statfs(struct inode *inode, struct kstatfs *buf);
struct seq_file;
int mounts_show(struct seq_file *m, bool mountinfo);

#endif /* FS_MOUNT_H */
