/*
 * cpio.h - unpacking a "newc" cpio archive (the initramfs) into a tree.
 */
#ifndef FS_CPIO_H
#define FS_CPIO_H

#include "fs/vfs.h"

int unpack_initramfs(struct inode *root, const void *data, size_t len);

#endif /* FS_CPIO_H */
