/*
 * shmem.c - in-memory files with no name, as the seeds describe Linux's
 * shmem_kernel_file_setup(): the memory behind every System V shared
 * memory segment (ipc/shm.c), every MAP_SHARED|MAP_ANONYMOUS mapping and
 * every MAP_SHARED mapping of /dev/zero (mm/mmap.c, shmem_zero_setup).
 *
 * Each such file is an inode of a small internal file system with a size
 * and a page cache: the same struct address_space (inode->i_mapping,
 * mm/filemap.c) that every ramfs file keeps its data in, so a System V
 * segment and a file in / differ only in having no name. On Linux, too,
 * both are tmpfs/shmem inodes whose pages are in the page cache. Nothing
 * is allocated up front. The first touch of a page, through any mapping
 * in any process, makes a zeroed page and puts it in the cache
 * (filemap_fault); every later touch, wherever it comes from, finds the
 * same page, which is what makes the memory shared. The cache holds one
 * reference to each page, each mapping another. When the file's last
 * reference goes (the segment is destroyed, the last mapping is
 * unmapped), the inode is dropped and the cache's references with it.
 *
 * The caches of shmem files are marked AS_SHMEM: their pages are counted
 * as shared memory (shmem_nr_pages: sysinfo's sharedram); a ramfs file's
 * are not (Linux's ramfs pages are not "Shmem" either).
 *
 * Locking: the inode's i_mutex guards its page cache (mm/filemap.c).
 */
#include "fs/shmem.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "lib/err.h"
#include "mm/mm.h"
#include "mm/slab.h"

static struct super_block *shmem_sb;

/* Nameless: the last reference frees it. */
static bool shmem_drop_inode(struct inode *inode)
{
	(void)inode;
	return true;
}

static const struct super_operations shmem_sops = {
	.drop_inode = shmem_drop_inode,
};

/* is_shmem_inode - whether inode is a shmem file's. */
bool is_shmem_inode(const struct inode *inode)
{
	return shmem_sb && inode->i_sb == shmem_sb;
}

/*
 * shmem_kernel_file_setup - a new shmem file of size bytes, open for
 * reading and writing. name is for the reader of the code only (Linux
 * shows it in /proc/<pid>/maps: "SYSV0000002a", "dev/zero").
 *
 * Context: process context.
 * Return: the file, or ERR_PTR(-ENOMEM).
 */
struct file *shmem_kernel_file_setup(const char *name, loff_t size, unsigned long flags)
{
	struct inode *inode;
	struct file *file;

	(void)name;
	(void)flags;
	if (!shmem_sb && !(shmem_sb = alloc_super(&shmem_sops, NULL)))
		return ERR_PTR(-ENOMEM);
	inode = new_inode(shmem_sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_mode = S_IFREG | 0600;
	inode->i_uid = current->fsuid;  /* the creator's, as Linux's shmem_get_inode */
	inode->i_gid = current->fsgid;
	inode->i_size = size;
	inode->i_mapping->flags |= AS_SHMEM;
	file = alloc_file(inode, O_RDWR);
	iput(inode);                    /* the file holds it now */
	return file ? file : ERR_PTR(-ENOMEM);
}

/* The VMAs of shared anonymous memory: pages from the file's cache. */
static const struct vm_operations_struct shmem_anon_vm_ops = {
	.fault = filemap_fault,
	.map_pages = filemap_map_pages,  /* fault-around, as Linux's shmem_vm_ops */
};

/*
 * shmem_zero_setup - make vma (MAP_SHARED|MAP_ANONYMOUS, or MAP_SHARED of
 * /dev/zero) a window on a new shmem file of its size: vm_file is that
 * file (a /dev/zero file there before is dropped), pgoff 0.
 *
 * Context: vma->vm_mm's mmap_lock held.
 * Return: 0, -ENOMEM.
 */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *file = shmem_kernel_file_setup("dev/zero",
						    (loff_t)(vma->vm_end - vma->vm_start), 0);

	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	if (vma->vm_file)
		fput(vma->vm_file);
	vma->vm_file = file;
	vma->vm_pgoff = 0;
	vma->vm_ops = &shmem_anon_vm_ops;
	return 0;
}

/* shmem_nr_pages - pages held by all shmem files (sysinfo's sharedram). */
unsigned long shmem_nr_pages(void)
{
	return nr_shmem_pages();
}
