/*
 * filemap.c - the page cache, and mapping files into memory with it.
 *
 * Every inode has one struct address_space (inode->i_data, reached as
 * inode->i_mapping, as in Linux): an idr from page index to struct page.
 * It is the only copy of a file's data, and everybody uses the same one:
 *
 *	read(2), write(2)  ─┐               (fs/ramfs.c, under i_mutex)
 *	page fault          ├─> inode->i_mapping ─ i_pages: index -> page
 *	  (vm_ops->fault) ──┘
 *
 * so a store through a MAP_SHARED mapping is what read() returns next and
 * what every other mapping of the file sees: they all map the cache's
 * page. A MAP_PRIVATE mapping maps the same page read-only; its first
 * write copies it (handle_mm_fault, mm/mmap.c), after which that process
 * has its own copy and no longer sees the file change there.
 *
 * Two kinds of inode keep their data here, and only differ in who names
 * them:
 *
 *   - ramfs files (fs/ramfs.c): the root file system and the initramfs;
 *     read, write, truncate and mmap(2) work on the cache.
 *   - shmem files (fs/shmem.c): nameless, behind every System V shared
 *     memory segment (ipc/shm.c) and every MAP_SHARED|MAP_ANONYMOUS or
 *     MAP_SHARED /dev/zero mapping. Their cache pages are counted as
 *     shared memory (AS_SHMEM: sysinfo's sharedram). Linux does the same:
 *     a System V segment is a file on an internal tmpfs mount, and tmpfs
 *     files keep their data in their page cache.
 *
 * A page is made, zeroed, the first time someone writes it or faults on
 * it (filemap_grab_page); the cache keeps one reference to it, and each
 * page table entry mapping it one more, so a page dropped from the cache
 * (truncate) lives until its last mapping goes.
 *
 * Truncation. Making a file shorter drops the cached pages wholly past
 * the new end (truncate_inode_pages) and then takes them out of every
 * mapping (unmap_mapping_range): a later touch there is past the end of
 * the file and gets SIGBUS (filemap_fault), as on Linux. To find the
 * mappings, each VMA made by mmap(2) of a file is on its mapping's i_mmap
 * list (vma_link_file); a split or fork copies the VMA onto the list,
 * unmapping takes it off.
 *
 * Locking. Page faults run with the faulting mm's mmap_lock held and take
 * the file's i_mutex to look at the cache, so the order is
 * mmap_lock -> i_mutex; and mmap_lock -> i_mmap_lock (mmap, munmap, fork).
 * Truncation therefore cannot unmap while it holds i_mutex: it changes
 * i_size and drops the pages under i_mutex, lets go, then unmaps, taking
 * each mm's mmap_lock and then i_mmap_lock. Any fault that comes after
 * the new i_size sees it (and fails); any that came before mapped its
 * page before the unmap takes that mm's mmap_lock, so the unmap finds it.
 * fork's copy (dup_mm) holds the child's mmap_lock too while it puts the
 * child's VMAs on the lists and copies their entries, so an unmap that
 * finds the child waits for a whole copy.
 * (Linux unmaps without mmap_lock, under its page-table spinlocks; here
 * the user page tables belong to mmap_lock.)
 */
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "lib/err.h"
#include "lib/string.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"

/* Cached pages of AS_SHMEM mappings, and of every mapping, all inodes
 * (atomic: many i_mutexes): sysinfo's sharedram, /proc/meminfo's Cached. */
static atomic_long_t shmem_pages, file_pages;

/*
 * address_space_init - an empty page cache for host (new_inode).
 *
 * Context: any.
 */
void address_space_init(struct address_space *mapping, struct inode *host)
{
	mapping->host = host;
	idr_init(&mapping->i_pages);
	mapping->nrpages = 0;
	mapping->flags = 0;
	mutex_init(&mapping->i_mmap_lock);
	INIT_LIST_HEAD(&mapping->i_mmap);
	mapping->unmap_seq = 0;
	mutex_init(&mapping->unmap_lock);
}

/*
 * filemap_lookup - the cached page at index, or NULL (a hole). No
 * reference is taken: the page stays while the caller holds i_mutex.
 *
 * Context: host->i_mutex held.
 */
struct page *filemap_lookup(struct address_space *mapping, unsigned long index)
{
	if (index > (unsigned long)__INT_MAX__)
		return NULL;
	return idr_find(&mapping->i_pages, index);
}

/*
 * filemap_grab_page - the cached page at index, made (zeroed) and added if
 * there is none (Linux's grab_cache_page). No reference is taken.
 *
 * Context: host->i_mutex held; may sleep.
 * Return: the page; ERR_PTR(-EFBIG) for an index the cache cannot hold
 * (above INT_MAX), ERR_PTR(-ENOSPC) when the file system is full (a
 * tmpfs's size=, sb_charge_page), ERR_PTR(-ENOMEM).
 */
struct page *filemap_grab_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;

	if (index > (unsigned long)__INT_MAX__)
		return ERR_PTR(-EFBIG);
	page = idr_find(&mapping->i_pages, index);
	if (page)
		return page;
	if (!sb_charge_page(mapping->host->i_sb))
		return ERR_PTR(-ENOSPC);        /* a full tmpfs (size=) */
	page = alloc_page(__GFP_ZERO);
	if (!page) {
		sb_uncharge_page(mapping->host->i_sb);
		return ERR_PTR(-ENOMEM);
	}
	if (idr_alloc(&mapping->i_pages, page, (int)index, (int)index + 1, GFP_KERNEL) < 0) {
		put_page(page);
		sb_uncharge_page(mapping->host->i_sb);
		return ERR_PTR(-ENOMEM);
	}
	mapping->nrpages++;
	mapping->host->i_blocks += PAGE_SIZE >> 9;
	atomic_long_inc(&file_pages);
	if (mapping->flags & AS_SHMEM)
		atomic_long_inc(&shmem_pages);
	return page;
}

/* Take the page at index out of the cache and drop the cache's reference. */
static void delete_from_page_cache(struct address_space *mapping, unsigned long index,
				   struct page *page)
{
	idr_remove(&mapping->i_pages, index);
	mapping->nrpages--;
	mapping->host->i_blocks -= PAGE_SIZE >> 9;
	atomic_long_dec(&file_pages);
	sb_uncharge_page(mapping->host->i_sb);
	if (mapping->flags & AS_SHMEM)
		atomic_long_dec(&shmem_pages);
	put_page(page);         /* mappings may still hold theirs until unmapped */
}

/*
 * filemap_zero_tail - zero the bytes of the cached page holding offset
 * from, from there to the end of that page. A file keeps every byte past
 * i_size zero in its last page, even after a MAP_SHARED store there (which
 * Linux, too, never lets into the file), so that growing it shows zeroes.
 *
 * Context: host->i_mutex held.
 */
void filemap_zero_tail(struct address_space *mapping, loff_t from)
{
	size_t off = (size_t)from & ~PAGE_MASK;
	struct page *page;

	if (!off)
		return;
	page = filemap_lookup(mapping, (unsigned long)from >> PAGE_SHIFT);
	if (page)
		memset((char *)page_address(page) + off, 0, PAGE_SIZE - off);
}

/*
 * truncate_inode_pages - drop the cached pages wholly at or past lstart,
 * and zero the tail of the page lstart falls in (Linux's, for a cache with
 * no dirty state). Mappings of the dropped pages keep them until
 * unmap_mapping_range().
 *
 * Context: host->i_mutex held (or the inode is being freed).
 */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	unsigned long first = DIV_ROUND_UP((unsigned long)lstart, PAGE_SIZE);
	struct page *page;
	int index;

	filemap_zero_tail(mapping, lstart);
	if (first > (unsigned long)__INT_MAX__)
		return;
	index = (int)first;
	while ((page = idr_get_next(&mapping->i_pages, &index)) != NULL) {
		delete_from_page_cache(mapping, (unsigned long)index, page);
		if (index == __INT_MAX__)
			break;
		index++;
	}
}

/*
 * truncate_inode_pages_final - free the whole cache of an inode that is
 * going away (destroy_inode: no user, so no mapping, is left).
 *
 * Context: the last reference to the inode is gone.
 */
void truncate_inode_pages_final(struct address_space *mapping)
{
	struct page *page;
	int index;

	if (!list_empty(&mapping->i_mmap))
		panic("filemap: inode %lu freed while a VMA still maps it", mapping->host->i_ino);
	/* Every page goes: drop each, then the whole tree at once (cheaper
	 * than taking the pages out one by one). */
	idr_for_each_entry(&mapping->i_pages, page, index) {
		if (mapping->flags & AS_SHMEM)
			atomic_long_dec(&shmem_pages);
		put_page(page);
	}
	idr_destroy(&mapping->i_pages);
	mapping->nrpages = 0;
}

/*
 * vma_link_file/vma_unlink_file - put vma on (take it off) its file's
 * i_mmap list, where truncation finds it.
 *
 * Context: vma->vm_mm's mmap_lock held, or the mm has no user left.
 */
void vma_link_file(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma->vm_file->f_inode->i_mapping;

	mutex_lock(&mapping->i_mmap_lock);
	vma->unmap_seq = 0;
	list_add_tail(&vma->shared, &mapping->i_mmap);
	mutex_unlock(&mapping->i_mmap_lock);
}

void vma_unlink_file(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma->vm_file->f_inode->i_mapping;

	mutex_lock(&mapping->i_mmap_lock);
	list_del_init(&vma->shared);
	mutex_unlock(&mapping->i_mmap_lock);
}

/* Unmap vma's pages of file index first and up. Caller holds the mmap_lock. */
static void unmap_vma_from(struct vm_area_struct *vma, unsigned long first)
{
	unsigned long start = vma->vm_start;

	if (first > vma->vm_pgoff) {
		if (first - vma->vm_pgoff >= vma_pages(vma))
			return;
		start += (first - vma->vm_pgoff) << PAGE_SHIFT;
	}
	zap_vma_range(vma, start, vma->vm_end);
}

/*
 * unmap_mapping_range - take every page of the file at or past holebegin
 * (rounded up to a page) out of every mapping of it, private copies
 * included (Linux's unmap_mapping_range with even_cows, for truncate).
 *
 * One mm at a time: find a listed VMA not yet done in this pass (its
 * unmap_seq is not this pass's), take a user of its mm, let go of
 * i_mmap_lock, take the mm's mmap_lock and then i_mmap_lock again, and
 * unmap every listed VMA of that mm. An mm with no user left is being
 * torn down and needs nothing. The passes of one mapping run one at a time
 * (unmap_lock), so a VMA's mark is this pass's or an older one's.
 *
 * Context: process context; no i_mutex, mmap_lock or i_mmap_lock held.
 */
void unmap_mapping_range(struct address_space *mapping, loff_t holebegin)
{
	unsigned long first = DIV_ROUND_UP((unsigned long)holebegin, PAGE_SIZE);
	struct vm_area_struct *vma;
	unsigned long seq;

	mutex_lock(&mapping->unmap_lock);
	mutex_lock(&mapping->i_mmap_lock);
	seq = ++mapping->unmap_seq;
	for (;;) {
		struct mm_struct *mm = NULL;

		list_for_each_entry(vma, &mapping->i_mmap, shared) {
			if (vma->unmap_seq == seq)
				continue;
			if (atomic_inc_not_zero(&vma->vm_mm->mm_users)) {
				mm = vma->vm_mm;
				break;
			}
			vma->unmap_seq = seq;   /* its mm is going: nothing to do */
		}
		mutex_unlock(&mapping->i_mmap_lock);
		if (!mm)
			break;
		mutex_lock(&mm->mmap_lock);
		mutex_lock(&mapping->i_mmap_lock);
		list_for_each_entry(vma, &mapping->i_mmap, shared) {
			if (vma->vm_mm != mm)
				continue;
			vma->unmap_seq = seq;
			unmap_vma_from(vma, first);
		}
		mutex_unlock(&mapping->i_mmap_lock);
		mutex_unlock(&mm->mmap_lock);
		mmput(mm);
		mutex_lock(&mapping->i_mmap_lock);
	}
	mutex_unlock(&mapping->unmap_lock);
}

/*
 * filemap_fault - vm_operations_struct.fault of page-cache files (ramfs
 * and shmem): the file's page pgoff, made zeroed if the file has none
 * there yet, with a reference for the caller's page table entry.
 *
 * Context: vma->vm_mm's mmap_lock held; takes the file's i_mutex.
 * Return: the page; ERR_PTR(-EIO) if pgoff is wholly past the end of the
 * file (the fault handler sends SIGBUS, BUS_ADRERR), ERR_PTR(-ENOMEM).
 */
struct page *filemap_fault(struct vm_area_struct *vma, unsigned long pgoff)
{
	struct inode *inode = vma->vm_file->f_inode;
	struct page *page;

	mutex_lock(&inode->i_mutex);
	if (pgoff >= DIV_ROUND_UP((unsigned long)inode->i_size, PAGE_SIZE)) {
		page = ERR_PTR(-EIO);
		goto out_unlock;
	}
	page = filemap_grab_page(inode->i_mapping, pgoff);
	if (IS_ERR(page)) {
		if (PTR_ERR(page) == -EFBIG || PTR_ERR(page) == -ENOSPC)
			page = ERR_PTR(-EIO);   /* SIGBUS, as Linux on a full tmpfs */
		goto out_unlock;
	}
	get_page(page);
out_unlock:
	mutex_unlock(&inode->i_mutex);
	return page;
}

/*
 * filemap_map_pages - vm_operations_struct.map_pages of page-cache files
 * (ramfs, and shmem behind MAP_SHARED|MAP_ANONYMOUS; not System V
 * segments, as on Linux): fault-around. On a read fault at address, map
 * every page of the window around it that is already in the file's page
 * cache, as Linux's do_fault_around and filemap_map_pages:
 *
 *   - the window is FAULT_AROUND_PAGES long, from address rounded down to
 *     its size (or from vm_start, if that is later), cut at the end of
 *     the VMA, of the page table, and of the file (never a page wholly
 *     past i_size: that one must still raise SIGBUS when touched);
 *   - only empty entries are filled: a private mapping's own copy of a
 *     page stays, and so does a PROT_NONE entry;
 *   - a page not in the cache is left for a fault of its own (which
 *     makes it, zeroed);
 *   - a private mapping gets the cache's page read-only, so a later
 *     write still copies it (do_wp_page); a shared one gets the VMA's
 *     rights (ramfs and shmem keep no dirty state, as Linux's tmpfs).
 *
 * Each entry takes a page reference, dropped when it is unmapped, as for
 * a page of filemap_fault. Nothing is done unless the page at address is
 * cached, so no page table is made for nothing.
 *
 * Context: vma->vm_mm's mmap_lock held; takes the file's i_mutex.
 * Return: 0 with address's page mapped; -EAGAIN when it is not cached or
 * past the end of the file (the caller asks filemap_fault); -ENOMEM (no
 * page table).
 */
int filemap_map_pages(struct vm_area_struct *vma, unsigned long address)
{
	struct inode *inode = vma->vm_file->f_inode;
	struct address_space *mapping = inode->i_mapping;
	unsigned long start = address & ~(FAULT_AROUND_PAGES * PAGE_SIZE - 1);
	unsigned long end, pgoff, file_pages, va;
	u64 prot = vm_page_prot(vma->vm_flags);
	int ret = -EAGAIN;
	u64 *pt;

	if (!(vma->vm_flags & VM_SHARED))
		prot &= ~_PAGE_RW;              /* copy on write */
	if (start < vma->vm_start)
		start = vma->vm_start;
	end = start + FAULT_AROUND_PAGES * PAGE_SIZE;
	if (end > ALIGN_UP(start + 1, PMD_SIZE))
		end = ALIGN_UP(start + 1, PMD_SIZE);       /* the page table's end */
	if (end > vma->vm_end)
		end = vma->vm_end;
	pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);

	mutex_lock(&inode->i_mutex);
	file_pages = DIV_ROUND_UP((unsigned long)inode->i_size, PAGE_SIZE);
	if (file_pages <= pgoff + ((address - start) >> PAGE_SHIFT) ||
	    !filemap_lookup(mapping, pgoff + ((address - start) >> PAGE_SHIFT)))
		goto out_unlock;                /* past the end, or not cached */
	if (file_pages - pgoff < (end - start) >> PAGE_SHIFT)
		end = start + ((file_pages - pgoff) << PAGE_SHIFT);
	pt = pte_table(vma->vm_mm->pgd, address);
	if (!pt) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	for (va = start; va < end; va += PAGE_SIZE, pgoff++) {
		struct page *page;

		if (pte_present(pt[pte_index(va)]))
			continue;               /* mapped already (a private copy, say) */
		page = filemap_lookup(mapping, pgoff);
		if (!page)
			continue;               /* a hole: its own fault makes it */
		get_page(page);
		pte_install(pt, va, page_to_phys(page) | prot);
	}
	ret = 0;
out_unlock:
	mutex_unlock(&inode->i_mutex);
	return ret;
}

static const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
	.map_pages = filemap_map_pages,
};

/*
 * generic_file_mmap - file_operations.mmap of page-cache files: the VMA's
 * pages come from the cache (filemap_fault), and the VMA goes on the
 * file's i_mmap list so that truncation can find it.
 *
 * Context: vma->vm_mm's mmap_lock held; vma->vm_file set.
 * Return: 0.
 */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	vma->vm_ops = &generic_file_vm_ops;
	vma_link_file(vma);
	return 0;
}

/* nr_file_pages - pages in the page cache, all files (/proc/meminfo's Cached). */
unsigned long nr_file_pages(void)
{
	return (unsigned long)atomic_long_read(&file_pages);
}

/* nr_shmem_pages - cached pages of all shmem files (sysinfo's sharedram). */
unsigned long nr_shmem_pages(void)
{
	return (unsigned long)atomic_long_read(&shmem_pages);
}
