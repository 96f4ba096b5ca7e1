#ifndef FS_PTY_H
#define FS_PTY_H

struct inode;
struct file;

int pty_init(struct inode *root);
int ptmx_open(struct inode *inode, struct file *file);

#endif /* FS_PTY_H */
