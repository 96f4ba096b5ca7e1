/*
 * dev.h - character devices: the major-number table that opening a
 * device inode goes through, the memory devices (/dev/null, /dev/zero),
 * and making /dev.
 */
#ifndef FS_DEV_H
#define FS_DEV_H

#include "fs/vfs.h"

#define CHRDEV_MAJOR_MAX        256     /* majors 1 .. 255 */
#define MEM_MAJOR               1       /* null 1:3, zero 1:5, full 1:7, random 1:8,
						 * urandom 1:9, as Linux */

u64 get_random_u64(void);               /* kernel/sys.c */
#define TTY_MAJOR               4
#define TTYAUX_MAJOR            5       /* /dev/tty 5:0, /dev/console 5:1 */

/* The open method of every character-device inode (init_special_inode). */
extern const struct file_operations def_chr_fops;
/* /dev/kmsg (1:11), in kernel/syslog.c. */
extern const struct file_operations kmsg_fops;

int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops);
void unregister_chrdev(unsigned int major, const char *name);
int dev_populate(struct inode *root);

#endif /* FS_DEV_H */
