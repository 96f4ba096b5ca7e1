/*
 * filemap.h - the page cache: one struct address_space per inode, the
 * pages of the file by index, read and written by read(2)/write(2) and
 * mapped by page faults (mm/filemap.c).
 */
#ifndef MM_FILEMAP_H
#define MM_FILEMAP_H

#include "kernel/mutex.h"
#include "lib/atomic.h"
#include "lib/idr.h"
#include "lib/list.h"
#include "lib/types.h"

struct inode;
struct page;
struct vm_area_struct;
struct file;
typedef long long loff_t;          /* as fs/vfs.h (C11 allows the same typedef twice) */

/* address_space.flags */
#define AS_SHMEM        0x1     /* its pages count as shared memory (sysinfo's sharedram) */

/*
 * struct address_space - the page cache of one inode (Linux's, without
 * the xarray, writeback and LRU): every page of the file that exists, by
 * page index. A file's data lives only here (keyhole has no disk), so a
 * page that is not in the cache is a hole and reads as zeroes. The cache
 * holds one reference to each of its pages; every page table entry that
 * maps one holds another.
 *
 * host->i_mutex guards i_pages and nrpages (and the host's i_size, which
 * says which pages may exist). i_mmap_lock guards i_mmap and each listed
 * VMA's unmap_seq. unmap_lock serialises unmap_mapping_range().
 */
struct address_space {
	struct inode *host;
	struct idr i_pages;             /* page index -> struct page * */
	unsigned long nrpages;
	unsigned int flags;             /* AS_* */
	struct mutex i_mmap_lock;
	struct list_head i_mmap;        /* VMAs of mmap(2) on the file (vma->shared) */
	unsigned long unmap_seq;        /* the pass of unmap_mapping_range() now running */
	struct mutex unmap_lock;
};

void address_space_init(struct address_space *mapping, struct inode *host);
struct page *filemap_lookup(struct address_space *mapping, unsigned long index);
struct page *filemap_grab_page(struct address_space *mapping, unsigned long index);
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
void truncate_inode_pages_final(struct address_space *mapping);
void filemap_zero_tail(struct address_space *mapping, loff_t from);
void unmap_mapping_range(struct address_space *mapping, loff_t holebegin);
void vma_link_file(struct vm_area_struct *vma);
void vma_unlink_file(struct vm_area_struct *vma);
struct page *filemap_fault(struct vm_area_struct *vma, unsigned long pgoff);
int filemap_map_pages(struct vm_area_struct *vma, unsigned long address);
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
unsigned long nr_shmem_pages(void);
unsigned long nr_file_pages(void);

#endif /* MM_FILEMAP_H */
