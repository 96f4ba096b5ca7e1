/*
 * shmem.c - in-memory files with no name, as the seeds describe Linux's
 * shmem_kernel_file_setup(): the memory behind every System V shared
 * memory segment (ipc/shm.c) and every MAP_SHARED|MAP_ANONYMOUS mapping
 * (mm/mmap.c).
 *
 * Each such file is an inode of a small internal file system with a size
 * and a page cache: an idr from page index to struct page. Nothing is
 * allocated up front. The first touch of a page, through any mapping in
 * any process, makes a zeroed page and puts it in the cache
 * (shmem_get_page); every later touch, wherever it comes from, finds the
 * same page, which is what makes the memory shared. The cache holds one
 * reference to each page, each mapping another. When the file's last
 * reference goes (the segment is destroyed, the last mapping is unmapped),
 * the inode is dropped and the cache's references with it.
 *
 * shmem_nr_pages() counts the cached pages of all files: sysinfo's
 * sharedram.
 *
 * Locking: the inode's i_mutex guards its page cache.
 */
#include "fs/shmem.h"
#include "kernel/errno.h"
#include "lib/atomic.h"
#include "lib/err.h"
#include "lib/idr.h"
#include "mm/slab.h"

struct shmem_inode_info {
	struct inode vfs_inode;
	struct idr pages;               /* page index -> struct page * */
};

static struct super_block *shmem_sb;
static atomic_long_t nr_shmem_pages;    /* all cached pages (atomic: many inodes' i_mutexes) */

static struct shmem_inode_info *SHMEM_I(struct inode *inode)
{
	return container_of(inode, struct shmem_inode_info, vfs_inode);
}

static struct inode *shmem_alloc_inode(struct super_block *sb)
{
	struct shmem_inode_info *info = kzalloc(sizeof(*info), GFP_KERNEL);

	(void)sb;
	if (!info)
		return NULL;
	idr_init(&info->pages);
	return &info->vfs_inode;
}

static void shmem_destroy_inode(struct inode *inode)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	struct page *page;
	int index;

	idr_for_each_entry(&info->pages, page, index) {
		put_page(page);
		atomic_long_dec(&nr_shmem_pages);
	}
	idr_destroy(&info->pages);
	kfree(info);
}

/* Nameless: the last reference frees it. */
static bool shmem_drop_inode(struct inode *inode)
{
	(void)inode;
	return true;
}

static const struct super_operations shmem_sops = {
	.alloc_inode = shmem_alloc_inode,
	.destroy_inode = shmem_destroy_inode,
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
	inode->i_size = size;
	file = alloc_file(inode, O_RDWR);
	iput(inode);                    /* the file holds it now */
	return file ? file : ERR_PTR(-ENOMEM);
}

/*
 * shmem_get_page - the page at index of the file, made (zeroed) on first
 * use. The caller takes its own reference if it maps the page.
 *
 * Context: process context. Return: the page; ERR_PTR(-EFAULT) if index is
 * past the end of the file, ERR_PTR(-ENOMEM) when memory runs out (the
 * fault handler calls the OOM killer for that one, not SIGSEGV).
 */
struct page *shmem_get_page(struct inode *inode, unsigned long index)
{
	struct shmem_inode_info *info = SHMEM_I(inode);
	struct page *page;

	if (index >= (unsigned long)((inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT) ||
	    index > (unsigned long)__INT_MAX__)
		return ERR_PTR(-EFAULT);
	mutex_lock(&inode->i_mutex);
	page = idr_find(&info->pages, index);
	if (!page) {
		page = alloc_page(__GFP_ZERO);
		if (page && idr_alloc(&info->pages, page, (int)index, (int)index + 1,
				      GFP_KERNEL) < 0) {
			put_page(page);
			page = NULL;
		}
		if (page) {
			atomic_long_inc(&nr_shmem_pages);
			inode->i_blocks += PAGE_SIZE >> 9;
		}
	}
	mutex_unlock(&inode->i_mutex);
	return page ? page : ERR_PTR(-ENOMEM);
}

/* shmem_nr_pages - pages held by all shmem files (sysinfo's sharedram). */
unsigned long shmem_nr_pages(void)
{
	return (unsigned long)atomic_long_read(&nr_shmem_pages);
}
