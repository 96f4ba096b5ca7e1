#ifndef FS_PROC_H
#define FS_PROC_H

struct inode;

int proc_init(struct inode *root);

#endif
