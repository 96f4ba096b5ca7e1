#ifndef FS_CONSOLE_H
#define FS_CONSOLE_H

struct inode;

int console_init(struct inode *root);

#endif
