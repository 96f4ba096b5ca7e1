/*
 * locks.h - advisory file locks (fs/locks.c): fcntl record locks, OFD
 * locks and flock, and the hooks that drop them at close and exit.
 */
#ifndef FS_LOCKS_H
#define FS_LOCKS_H

#include "fs/vfs.h"

struct files_struct;

long fcntl_lock(struct file *file, unsigned int cmd, void *arg);
void locks_remove_posix(struct file *file, struct files_struct *files);
void locks_remove_file(struct file *file);
void locks_free_lock_context(struct inode *inode);

#endif /* FS_LOCKS_H */
