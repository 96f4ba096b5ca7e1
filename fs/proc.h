#ifndef FS_PROC_H
#define FS_PROC_H

struct inode;

int proc_init(struct inode *root);

extern const struct file_system_type proc_fs_type;

#endif
