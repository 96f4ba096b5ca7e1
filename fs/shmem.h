/*
 * shmem.h - memory-backed files with no name (Linux's shmem/tmpfs), the
 * backing store of System V shared memory and of MAP_SHARED|MAP_ANONYMOUS;
 * their pages are in the same page cache as every file's (mm/filemap.c).
 */
#ifndef FS_SHMEM_H
#define FS_SHMEM_H

#include "fs/vfs.h"
#include "mm/page_alloc.h"

struct file *shmem_kernel_file_setup(const char *name, loff_t size, unsigned long flags);
struct vm_area_struct;
int shmem_zero_setup(struct vm_area_struct *vma);
bool is_shmem_inode(const struct inode *inode);
unsigned long shmem_nr_pages(void);

#endif /* FS_SHMEM_H */
