/*
 * filemap_test.c - in-kernel tests of the page cache (mm/filemap.c): pages
 * made on first use and found again, the counts that follow them (nrpages,
 * i_blocks, shmem's sharedram), truncation dropping whole pages and
 * zeroing the tail of the last, and unmap_mapping_range taking the pages
 * past a new end out of every mm that maps the file, private copies
 * included. The runner checks that every page comes back.
 */
#include "fs/fs_test.h"
#include "fs/ramfs.h"
#include "fs/shmem.h"
#include "kernel/ktest.h"
#include "lib/err.h"
#include "lib/string.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"

KTEST(filemap_grab_lookup_truncate)
{
	struct file *file = shmem_kernel_file_setup("ktest", (loff_t)(10 * PAGE_SIZE), 0);
	struct address_space *mapping;
	unsigned long shmem_before = shmem_nr_pages();
	struct page *p0, *p3, *p9;

	KT_ASSERT(!IS_ERR(file));
	mapping = file->f_inode->i_mapping;
	mutex_lock(&file->f_inode->i_mutex);
	KT_EXPECT(filemap_lookup(mapping, 3) == NULL);          /* nothing up front */
	p0 = filemap_grab_page(mapping, 0);
	p3 = filemap_grab_page(mapping, 3);
	p9 = filemap_grab_page(mapping, 9);
	KT_ASSERT(!IS_ERR(p0) && !IS_ERR(p3) && !IS_ERR(p9));
	KT_EXPECT(filemap_grab_page(mapping, 3) == p3);         /* found, not made again */
	KT_EXPECT(filemap_lookup(mapping, 9) == p9);
	KT_EXPECT(filemap_lookup(mapping, 4) == NULL);
	KT_EXPECT(IS_ERR(filemap_grab_page(mapping, 1UL << 31)));       /* past the idr */
	KT_EXPECT_EQ(mapping->nrpages, 3);
	KT_EXPECT_EQ(file->f_inode->i_blocks, 3 * (PAGE_SIZE >> 9));
	KT_EXPECT_EQ(shmem_nr_pages(), shmem_before + 3);
	KT_EXPECT_EQ(page_count(p3), 1);                        /* the cache's own */

	/* Cut inside page 3: page 9 goes, page 3 stays with its tail zeroed. */
	memset(page_address(p3), 0xab, PAGE_SIZE);
	truncate_inode_pages(mapping, 3 * PAGE_SIZE + 5);
	KT_EXPECT(filemap_lookup(mapping, 9) == NULL);
	KT_EXPECT(filemap_lookup(mapping, 3) == p3);
	KT_EXPECT_EQ(((unsigned char *)page_address(p3))[4], 0xab);
	KT_EXPECT_EQ(((unsigned char *)page_address(p3))[5], 0);
	KT_EXPECT_EQ(((unsigned char *)page_address(p3))[PAGE_SIZE - 1], 0);
	KT_EXPECT_EQ(mapping->nrpages, 2);
	KT_EXPECT_EQ(shmem_nr_pages(), shmem_before + 2);
	/* A cut on a page boundary keeps the page below whole. */
	memset(page_address(p0), 0xcd, PAGE_SIZE);
	truncate_inode_pages(mapping, PAGE_SIZE);
	KT_EXPECT(filemap_lookup(mapping, 3) == NULL);
	KT_EXPECT_EQ(((unsigned char *)page_address(p0))[PAGE_SIZE - 1], 0xcd);
	mutex_unlock(&file->f_inode->i_mutex);
	fput(file);                     /* the inode and its last page go */
	KT_EXPECT_EQ(shmem_nr_pages(), shmem_before);
}

#define MAP_BASE 0x40000000UL

/* An mm with [MAP_BASE, + 4 pages) mapping file, shared or private, all touched. */
static struct mm_struct *mapped_mm(struct file *file, bool shared, bool write)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;

	if (!mm)
		return NULL;
	mutex_lock(&mm->mmap_lock);
	if (insert_vm_area(mm, MAP_BASE, MAP_BASE + 4 * PAGE_SIZE,
			   VM_READ | VM_WRITE | (shared ? VM_SHARED : 0))) {
		mutex_unlock(&mm->mmap_lock);
		mmput(mm);
		return NULL;
	}
	vma = find_vma(mm, MAP_BASE);
	vma->vm_file = get_file(file);
	generic_file_mmap(file, vma);
	for (unsigned long i = 0; i < 4; i++)
		handle_mm_fault(mm, MAP_BASE + i * PAGE_SIZE, write, false);
	mutex_unlock(&mm->mmap_lock);
	return mm;
}

static bool mapped(struct mm_struct *mm, unsigned long page)
{
	return lookup_address(mm->pgd, MAP_BASE + page * PAGE_SIZE, NULL) != NULL;
}

KTEST(filemap_truncate_unmaps_every_mm)
{
	struct inode *root = ramfs_create_root();
	static char data[4 * 4096];
	struct mm_struct *shared, *private;
	struct file *file;

	KT_ASSERT(root != NULL);
	memset(data, 'x', sizeof(data));
	KT_ASSERT(kt_write_file(root, "/f", data, sizeof(data)) == 0);
	KT_ASSERT(vfs_open(root, root, "/f", O_RDWR, 0, &file) == 0);
	shared = mapped_mm(file, true, false);
	private = mapped_mm(file, false, true);         /* private copies of all 4 */
	KT_ASSERT(shared && private);
	for (unsigned long i = 0; i < 4; i++)
		KT_EXPECT(mapped(shared, i) && mapped(private, i));
	/* Cached page 3 is mapped once (shared) and held by the cache. */
	KT_EXPECT_EQ(page_count(filemap_lookup(file->f_inode->i_mapping, 3)), 2);

	KT_EXPECT_EQ(do_truncate(file->f_inode, PAGE_SIZE + 1), 0);
	for (unsigned long i = 0; i < 4; i++) {
		KT_EXPECT_EQ(mapped(shared, i), i < 2);
		KT_EXPECT_EQ(mapped(private, i), i < 2);
	}
	mutex_lock(&shared->mmap_lock);
	KT_EXPECT_EQ(handle_mm_fault(shared, MAP_BASE + 2 * PAGE_SIZE, false, false), -EIO);
	mutex_unlock(&shared->mmap_lock);
	KT_EXPECT_EQ(file->f_inode->i_mapping->nrpages, 2);

	mmput(shared);
	mmput(private);
	KT_EXPECT(list_empty(&file->f_inode->i_mapping->i_mmap));
	fput(file);
	ramfs_kill(root);
}
