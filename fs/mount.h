/*
 * mount.h - the mount table (fs/namespace.c): which file system's root
 * covers which directory, for the path walk (namei.c) and /proc/mounts.
 */
#ifndef FS_MOUNT_H
#define FS_MOUNT_H

#include "fs/vfs.h"

struct inode *follow_down(struct inode *inode);
struct inode *follow_up(struct inode *dir, struct inode *root);
bool is_mountpoint(struct inode *inode);
int inode_mnt_id(struct inode *inode);

#endif /* FS_MOUNT_H */
