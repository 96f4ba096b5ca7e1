/*
 * ramfs.h - the in-memory file system that holds the root.
 */
#ifndef FS_RAMFS_H
#define FS_RAMFS_H

#include "fs/vfs.h"

/* The largest ramfs file (its pages live in its page cache, mm/filemap.c). */
#define RAMFS_MAX_FILE_SIZE     ((loff_t)1 << 30)

struct inode *ramfs_create_root(void);
void ramfs_kill(struct inode *root);

#endif /* FS_RAMFS_H */
