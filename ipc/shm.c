/*
 * shm.c - System V shared memory, as the seeds walk through Linux's
 * ipc/shm.c: shmget (newseg), shmat (do_shmat), shmdt, shmctl.
 *
 * A segment is a struct shmid_kernel: the common header (shm_perm, in the
 * namespace's shm id table) and a shmem file (fs/shmem.c) that holds its
 * pages. shmget makes the file and the header; shmat maps the file into
 * the caller's address space as a VMA with shm_vm_ops, so its pages come
 * from the file on first touch (shm_vm_ops.fault: the file's page cache,
 * mm/filemap.c, the same kind every ramfs file keeps its data in) and
 * every attacher, in any process, sees the same ones.
 *
 * Life cycle, as Linux:
 *	shm_nattch    counts the VMAs mapping the segment: shmat adds one,
 *	              fork copies them (shm_open), shmdt, exit and execve
 *	              remove them (shm_close)
 *	IPC_RMID      makes the key private at once and sets SHM_DEST in the
 *	              mode; the id keeps working until the last detach, when
 *	              shm_destroy frees the segment and the id with it
 *	shm_clist     each task lists the segments it created; when it exits
 *	              they are orphaned, or destroyed if shm_rmid_forced says so
 *
 * Every attach also holds a reference to the segment's namespace, so a
 * namespace lives while any of its segments is mapped (namespace.h).
 *
 * Locking: the namespace's shm ids rwsem guards the id table, ns->shm_tot
 * and every segment's fields (shm.h says which), as ipc/util.h's one rule
 * for all of ipc/. The VMA callbacks take it too, often with the mm's
 * mmap_lock held: order mmap_lock, then the ids rwsem, never the
 * reverse. shmat takes them one after the other, never nested: it counts
 * its attach in shm_nattch, which keeps the segment alive, before it
 * drops the ids rwsem to map it.
 */
#include "fs/shmem.h"
#include "ipc/namespace.h"
#include "ipc/shm.h"
#include "kernel/errno.h"
#include "kernel/nsproxy.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "lib/err.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

/* shmflg / shmctl commands and mode bits, with Linux's values */
#define SHM_RDONLY      010000          /* shmat */
#define SHM_NORESERVE   010000          /* shmget: the same bit */
#define SHM_RND         020000
#define SHM_REMAP       040000
#define SHM_EXEC        0100000
#define SHM_DEST        01000
#define SHM_LOCKED      02000
#define SHM_LOCK        11
#define SHM_UNLOCK      12
#define SHM_STAT        13
#define SHM_INFO        14
#define SHM_STAT_ANY    15
#define SHMLBA          PAGE_SIZE

static const struct vm_operations_struct shm_vm_ops;

static struct ipc_namespace *current_ns(void)
{
	return current->nsproxy->ipc_ns;
}

static struct shmid_kernel *shm_of(struct kern_ipc_perm *perm)
{
	return container_of(perm, struct shmid_kernel, shm_perm);
}

/* shm_init_ns - the shm limits and counters of a new namespace. */
void shm_init_ns(struct ipc_namespace *ns)
{
	ns->shm_ctlmax = SHMMAX;
	ns->shm_ctlall = SHMALL;
	ns->shm_ctlmni = SHMMNI;
	ns->shm_rmid_forced = 0;
	ns->shm_tot = 0;
}

static unsigned long seg_pages(size_t size)
{
	return (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/* Free the segment: id, file, pages. Caller holds the ids lock; nattch is 0. */
static void shm_destroy(struct ipc_namespace *ns, struct shmid_kernel *shp)
{
	ipc_rmid(&shm_ids(ns), &shp->shm_perm);
	ns->shm_tot -= seg_pages(shp->shm_segsz);
	if (shp->shm_creator) {
		list_del(&shp->shm_clist);
		shp->shm_creator = NULL;
	}
	fput(shp->shm_file);
	kfree(shp);
}

/* Whether the segment may go now: marked for removal (or orphaned under
 * shm_rmid_forced) and attached nowhere. */
static bool shm_may_destroy(struct ipc_namespace *ns, struct shmid_kernel *shp)
{
	return shp->shm_nattch == 0 &&
	       (ns->shm_rmid_forced || (shp->shm_perm.mode & SHM_DEST));
}

/*
 * IPC_RMID: gone now if unattached. Else, as Linux, it is marked SHM_DEST
 * and its key made private (shmget cannot find it any more), but its id
 * keeps working for shmctl and even shmat until the last detach destroys
 * it. Caller holds the ids lock.
 */
static void do_shm_rmid(struct ipc_namespace *ns, struct shmid_kernel *shp)
{
	if (shp->shm_nattch) {
		shp->shm_perm.mode |= SHM_DEST;
		ipc_set_key_private(&shm_ids(ns), &shp->shm_perm);
	} else {
		shm_destroy(ns, shp);
	}
}

/* newseg - ipc_ops.getnew for shmget: a new segment. Caller holds the ids lock. */
static int newseg(struct ipc_namespace *ns, struct ipc_params *params)
{
	size_t size = params->u.size;
	unsigned long numpages = seg_pages(size);
	struct shmid_kernel *shp;
	int err;

	if (size < SHMMIN || size > ns->shm_ctlmax)
		return -EINVAL;
	if (numpages << PAGE_SHIFT < size)
		return -ENOSPC;                 /* the size overflows when rounded up */
	/*
	 * As Linux's overcommit guess: more than RAM. SHM_NORESERVE asks for
	 * no such accounting (Linux's VM_NORESERVE): the pages are found, or
	 * not, when they are touched.
	 */
	if (numpages > totalram_pages && !(params->flg & SHM_NORESERVE))
		return -ENOMEM;
	if (ns->shm_tot + numpages < ns->shm_tot || ns->shm_tot + numpages > ns->shm_ctlall)
		return -ENOSPC;

	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	if (!shp)
		return -ENOMEM;
	shp->shm_perm.key = params->key;
	shp->shm_perm.mode = (unsigned int)params->flg & 0777;
	shp->shm_file = shmem_kernel_file_setup("SYSV", (loff_t)size, 0);
	if (IS_ERR(shp->shm_file)) {
		err = PTR_ERR(shp->shm_file);
		kfree(shp);
		return err;
	}
	shp->shm_cprid = current->pid;
	shp->shm_lprid = 0;
	shp->shm_atim = shp->shm_dtim = 0;
	shp->shm_ctim = (s64)(ktime_get_real_ns() / NSEC_PER_SEC);
	shp->shm_segsz = size;
	shp->shm_nattch = 0;
	shp->ns = ns;

	err = ipc_addid(&shm_ids(ns), &shp->shm_perm, ns->shm_ctlmni);
	if (err < 0) {
		fput(shp->shm_file);
		kfree(shp);
		return err;
	}
	shp->shm_creator = current;
	list_add(&shp->shm_clist, &current->sysvshm.shm_clist);
	ns->shm_tot += numpages;
	return shp->shm_perm.id;
}

/* ipc_ops.more_checks: an existing key asked for with a bigger size. */
static int shm_more_checks(struct kern_ipc_perm *ipcp, struct ipc_params *params)
{
	if (shm_of(ipcp)->shm_segsz < params->u.size)
		return -EINVAL;
	return 0;
}

SYSCALL_DEFINE3(shmget, key_t, key, size_t, size, int, shmflg)
{
	static const struct ipc_ops shm_ops = {
		.getnew = newseg,
		.more_checks = shm_more_checks,
	};
	struct ipc_namespace *ns = current_ns();
	struct ipc_params params = { .key = key, .flg = shmflg, .u.size = size };

	return ipcget(ns, &shm_ids(ns), &shm_ops, &params);
}

/* vm_ops.open: a VMA of the segment was copied (fork, split). */
static void shm_open(struct vm_area_struct *vma)
{
	struct shmid_kernel *shp = vma->vm_private_data;
	struct ipc_namespace *ns = shp->ns;

	mutex_lock(&shm_ids(ns).rwsem);
	shp->shm_nattch++;
	shp->shm_atim = (s64)(ktime_get_real_ns() / NSEC_PER_SEC);
	shp->shm_lprid = current->pid;
	mutex_unlock(&shm_ids(ns).rwsem);
	get_ipc_ns(ns);
}

/* vm_ops.close: a VMA of the segment went away (shmdt, munmap, exit, exec). */
static void shm_close(struct vm_area_struct *vma)
{
	struct shmid_kernel *shp = vma->vm_private_data;
	struct ipc_namespace *ns = shp->ns;

	mutex_lock(&shm_ids(ns).rwsem);
	shp->shm_lprid = current->pid;
	shp->shm_dtim = (s64)(ktime_get_real_ns() / NSEC_PER_SEC);
	shp->shm_nattch--;
	if (shm_may_destroy(ns, shp))
		shm_destroy(ns, shp);
	mutex_unlock(&shm_ids(ns).rwsem);
	put_ipc_ns(ns);
}

/* vm_ops.fault is the shmem file's own: the page of its page cache
 * (mm/filemap.c), the one every attach of the segment maps. */
static const struct vm_operations_struct shm_vm_ops = {
	.open = shm_open,
	.close = shm_close,
	.fault = filemap_fault,
};

/*
 * shm_vma_ids - whether vma maps a System V segment, and its key and id
 * (/proc/<pid>/maps names it "/SYSV<key> (deleted)", as Linux's shm file).
 * The VMA's attach keeps the segment; the key may change under us (a
 * racing IPC_RMID makes it private), a word read either way.
 *
 * Context: the caller holds vma->vm_mm->mmap_lock.
 */
bool shm_vma_ids(const struct vm_area_struct *vma, int *key, int *id)
{
	const struct shmid_kernel *shp = vma->vm_private_data;

	if (vma->vm_ops != &shm_vm_ops || !shp)
		return false;
	*key = READ_ONCE(shp->shm_perm.key);
	*id = READ_ONCE(shp->shm_perm.id);
	return true;
}

/*
 * do_shmat - attach segment shmid at shmaddr (0: the kernel picks).
 *
 * Return: 0 with *raddr the address; -EINVAL (bad id, misaligned address
 * without SHM_RND, an overlap without SHM_REMAP), -EACCES, -ENOMEM. (Never
 * -EIDRM: a segment removed while attached can still be attached by id,
 * as on Linux, and one freed has no id any more.)
 */
long do_shmat(int shmid, char *shmaddr, int shmflg, unsigned long *raddr)
{
	struct ipc_namespace *ns = current_ns();
	struct mm_struct *mm = current->mm;
	unsigned long addr = (unsigned long)shmaddr, size, vm_flags;
	struct shmid_kernel *shp;
	struct kern_ipc_perm *ipcp;
	short acc_mode;
	long err;

	if (addr) {
		if (addr & (SHMLBA - 1)) {
			if (shmflg & SHM_RND) {
				addr &= ~(SHMLBA - 1);  /* round down */
				if (!addr)
					return -EINVAL; /* rounded to 0: Linux says no */
			} else {
				return -EINVAL;
			}
		}
	} else if (shmflg & SHM_REMAP) {
		return -EINVAL;
	}
	if (shmflg & SHM_RDONLY) {
		acc_mode = S_IRUGO;
		vm_flags = VM_READ | VM_SHARED;
	} else {
		acc_mode = S_IRUGO | S_IWUGO;
		vm_flags = VM_READ | VM_WRITE | VM_SHARED;
	}
	if (shmflg & SHM_EXEC) {
		acc_mode |= S_IXUGO;
		vm_flags |= VM_EXEC;
	}

	mutex_lock(&shm_ids(ns).rwsem);
	ipcp = ipc_obtain_object_check(&shm_ids(ns), shmid);
	if (IS_ERR(ipcp)) {
		mutex_unlock(&shm_ids(ns).rwsem);
		return PTR_ERR(ipcp);
	}
	shp = shm_of(ipcp);
	if (ipcperms(ns, ipcp, acc_mode)) {
		mutex_unlock(&shm_ids(ns).rwsem);
		return -EACCES;
	}
	/* Keep it alive while the mapping is made: count the attach now. */
	shp->shm_nattch++;
	size = ALIGN_UP(shp->shm_segsz, PAGE_SIZE);
	mutex_unlock(&shm_ids(ns).rwsem);

	mutex_lock(&mm->mmap_lock);
	if (addr) {
		/* Outside user space: ENOMEM, as Linux's mmap; but without
		 * SHM_REMAP a segment longer than user space overlaps a VMA
		 * (EINVAL below), as Linux checks that first. */
		if (size > TASK_SIZE ? (shmflg & SHM_REMAP) != 0 : addr > TASK_SIZE - size) {
			err = -ENOMEM;
			goto out_unlock_mm;
		}
		struct vm_area_struct *next = find_vma(mm, addr);
		if (next && next->vm_start < addr + size) {
			if (!(shmflg & SHM_REMAP)) {
				err = -EINVAL;
				goto out_unlock_mm;
			}
			if (!may_map_over(mm, vm_flags, addr, addr + size)) {
				err = -ENOMEM;  /* RLIMIT_AS: the old mapping stays */
				goto out_unlock_mm;
			}
			err = do_munmap(mm, addr, size);
			if (err)
				goto out_unlock_mm;     /* a split past the map count */
		}
	} else {
		addr = get_unmapped_area(mm, size);
		if (!addr) {
			err = -ENOMEM;
			goto out_unlock_mm;
		}
	}
	err = insert_vm_area(mm, addr, addr + size, vm_flags);
	if (err)
		goto out_unlock_mm;
	struct vm_area_struct *vma = find_vma(mm, addr);
	vma->vm_file = get_file(shp->shm_file);
	vma->vm_pgoff = 0;
	vma->vm_ops = &shm_vm_ops;
	vma->vm_private_data = shp;
	if (shmflg & SHM_RDONLY)
		vma->vm_flags &= ~VM_MAYWRITE;  /* mprotect may not add writing */
	get_ipc_ns(ns);                 /* the attach's reference (shm_close drops it) */
	mutex_unlock(&mm->mmap_lock);

	mutex_lock(&shm_ids(ns).rwsem);
	shp->shm_atim = (s64)(ktime_get_real_ns() / NSEC_PER_SEC);
	shp->shm_lprid = current->pid;
	mutex_unlock(&shm_ids(ns).rwsem);
	*raddr = addr;
	return 0;

out_unlock_mm:
	mutex_unlock(&mm->mmap_lock);
	mutex_lock(&shm_ids(ns).rwsem);
	shp->shm_nattch--;
	if (shm_may_destroy(ns, shp))
		shm_destroy(ns, shp);
	mutex_unlock(&shm_ids(ns).rwsem);
	return err;
}

SYSCALL_DEFINE3(shmat, int, shmid, char *, shmaddr, int, shmflg)
{
	unsigned long addr;
	long err = do_shmat(shmid, shmaddr, shmflg, &addr);

	return err ? err : (long)addr;
}

/*
 * shmdt - detach the segment attached at shmaddr: every VMA of it that
 * the attach made, from shmaddr on (a VMA may have been split by mprotect).
 */
SYSCALL_DEFINE1(shmdt, char *, shmaddr)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = (unsigned long)shmaddr;
	struct vm_area_struct *vma, *next;
	struct file *file = NULL;
	long ret = -EINVAL;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start == addr && vma->vm_ops == &shm_vm_ops && vma->vm_pgoff == 0)
		file = vma->vm_file;
	while (file && vma && vma->vm_file == file &&
	       vma->vm_start == addr + (vma->vm_pgoff << PAGE_SHIFT)) {
		next = vma_next(vma);
		do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
		ret = 0;
		vma = next;
	}
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

/* The user's struct shmid64_ds and the IPC_INFO/SHM_INFO answers (x86_64). */
struct shmid64_ds {
	struct ipc64_perm shm_perm;
	size_t shm_segsz;
	long shm_atime, shm_dtime, shm_ctime;
	int shm_cpid, shm_lpid;
	unsigned long shm_nattch;
	unsigned long __unused4, __unused5;
};
_Static_assert(sizeof(struct shmid64_ds) == 112, "shmid64_ds layout");

struct shminfo64 {
	unsigned long shmmax, shmmin, shmmni, shmseg, shmall;
	unsigned long __unused1, __unused2, __unused3, __unused4;
};

struct shm_info {
	int used_ids;
	unsigned long shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

static void fill_shmid64(struct shmid_kernel *shp, struct shmid64_ds *out)
{
	memset(out, 0, sizeof(*out));
	kernel_to_ipc64_perm(&shp->shm_perm, &out->shm_perm);
	out->shm_segsz = shp->shm_segsz;
	out->shm_atime = shp->shm_atim;
	out->shm_dtime = shp->shm_dtim;
	out->shm_ctime = shp->shm_ctim;
	out->shm_cpid = shp->shm_cprid;
	out->shm_lpid = shp->shm_lprid;
	out->shm_nattch = shp->shm_nattch;
}

/* Pages the namespace's segments hold in memory now. Caller holds the ids lock. */
static unsigned long shm_rss(struct ipc_namespace *ns)
{
	struct kern_ipc_perm *ipcp;
	unsigned long pages = 0;
	int idx;

	idr_for_each_entry(&shm_ids(ns).ipcs_idr, ipcp, idx)
		pages += (unsigned long)(shm_of(ipcp)->shm_file->f_inode->i_blocks >> (PAGE_SHIFT - 9));
	return pages;
}

/* IPC_STAT, SHM_STAT, SHM_STAT_ANY. Return: 0, or the id for SHM_STAT*. */
static long shm_stat(struct ipc_namespace *ns, int shmid, int cmd, struct shmid64_ds *out)
{
	struct kern_ipc_perm *ipcp;
	long ret = 0;

	mutex_lock(&shm_ids(ns).rwsem);
	/* For SHM_STAT, shmid is an index; the answer is the full id. */
	ipcp = ipc_obtain_for_stat(ns, &shm_ids(ns), shmid, cmd != IPC_STAT, cmd == SHM_STAT_ANY,
				   &ret);
	if (IS_ERR(ipcp)) {
		ret = PTR_ERR(ipcp);
		goto out_unlock;
	}
	fill_shmid64(shm_of(ipcp), out);
out_unlock:
	mutex_unlock(&shm_ids(ns).rwsem);
	return ret;
}

/* IPC_SET, IPC_RMID: the owner's commands. */
static long shmctl_down(struct ipc_namespace *ns, int shmid, int cmd, struct shmid64_ds *in)
{
	struct kern_ipc_perm *ipcp;
	long ret;

	mutex_lock(&shm_ids(ns).rwsem);
	ret = ipcctl_obtain_check(&shm_ids(ns), shmid, &ipcp);
	if (ret)
		goto out_unlock;
	struct shmid_kernel *shp = shm_of(ipcp);
	if (cmd == IPC_RMID) {
		do_shm_rmid(ns, shp);
	} else {
		ret = ipc_update_perm(&in->shm_perm, ipcp);
		if (ret)
			goto out_unlock;
		shp->shm_ctim = (s64)(ktime_get_real_ns() / NSEC_PER_SEC);
	}
out_unlock:
	mutex_unlock(&shm_ids(ns).rwsem);
	return ret;
}

/* SHM_LOCK, SHM_UNLOCK: nothing is ever swapped here; the flag is kept. */
static long shmctl_lock(struct ipc_namespace *ns, int shmid, int cmd)
{
	struct kern_ipc_perm *ipcp;
	long ret = 0;

	mutex_lock(&shm_ids(ns).rwsem);
	ipcp = ipc_obtain_object_check(&shm_ids(ns), shmid);
	if (IS_ERR(ipcp)) {
		ret = PTR_ERR(ipcp);
		goto out_unlock;
	}
	/* Root (CAP_IPC_LOCK) or the owner or creator. */
	if (current->euid != 0 && current->euid != ipcp->uid && current->euid != ipcp->cuid) {
		ret = -EPERM;
		goto out_unlock;
	}
	if (cmd == SHM_LOCK)
		ipcp->mode |= SHM_LOCKED;
	else
		ipcp->mode &= ~SHM_LOCKED;
out_unlock:
	mutex_unlock(&shm_ids(ns).rwsem);
	return ret;
}

SYSCALL_DEFINE3(shmctl, int, shmid, int, cmd, void *, buf)
{
	struct ipc_namespace *ns = current_ns();
	struct shmid64_ds sds;
	long ret;

	if (shmid < 0 || cmd < 0)
		return -EINVAL;                 /* even for IPC_INFO, as Linux */
	switch (cmd) {
	case IPC_INFO: {
		struct shminfo64 info = {
			.shmmax = ns->shm_ctlmax, .shmmin = SHMMIN, .shmmni = (unsigned long)ns->shm_ctlmni,
			.shmseg = SHMSEG, .shmall = ns->shm_ctlall,
		};
		if (copy_to_user(buf, &info, sizeof(info)))
			return -EFAULT;
		mutex_lock(&shm_ids(ns).rwsem);
		ret = ipc_get_maxidx(&shm_ids(ns));
		mutex_unlock(&shm_ids(ns).rwsem);
		return ret < 0 ? 0 : ret;
	}
	case SHM_INFO: {
		struct shm_info info = { 0 };

		mutex_lock(&shm_ids(ns).rwsem);
		info.used_ids = shm_ids(ns).in_use;
		info.shm_tot = ns->shm_tot;
		info.shm_rss = shm_rss(ns);
		ret = ipc_get_maxidx(&shm_ids(ns));
		mutex_unlock(&shm_ids(ns).rwsem);
		if (copy_to_user(buf, &info, sizeof(info)))
			return -EFAULT;
		return ret < 0 ? 0 : ret;
	}
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		ret = shm_stat(ns, shmid, cmd, &sds);
		if (ret < 0)
			return ret;
		if (copy_to_user(buf, &sds, sizeof(sds)))
			return -EFAULT;
		return ret;
	case IPC_SET:
		if (copy_from_user(&sds, buf, sizeof(sds)))
			return -EFAULT;
		return shmctl_down(ns, shmid, cmd, &sds);
	case IPC_RMID:
		return shmctl_down(ns, shmid, cmd, NULL);
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shmctl_lock(ns, shmid, cmd);
	default:
		return -EINVAL;
	}
}

/*
 * exit_shm - the task that created segments is going (or leaving its
 * namespace): they are orphaned, or destroyed if the namespace's
 * shm_rmid_forced says so and nobody has them attached.
 *
 * Context: process context.
 */
void exit_shm(struct task_struct *task)
{
	struct ipc_namespace *ns = task->nsproxy->ipc_ns;
	struct shmid_kernel *shp, *next;

	if (list_empty(&task->sysvshm.shm_clist))
		return;
	mutex_lock(&shm_ids(ns).rwsem);
	list_for_each_entry_safe(shp, next, &task->sysvshm.shm_clist, shm_clist) {
		list_del(&shp->shm_clist);
		shp->shm_creator = NULL;
		if (ns->shm_rmid_forced) {
			if (shp->shm_nattch)
				do_shm_rmid(ns, shp);   /* marked: goes at the last detach */
			else
				shm_destroy(ns, shp);
		}
	}
	mutex_unlock(&shm_ids(ns).rwsem);
}

/*
 * shm_exit_ns - free_ipcs for shared memory: the namespace is going, and
 * no segment of it is attached anywhere (attaches hold references).
 */
void shm_exit_ns(struct ipc_namespace *ns)
{
	struct kern_ipc_perm *ipcp;
	int idx;

	mutex_lock(&shm_ids(ns).rwsem);
	idr_for_each_entry(&shm_ids(ns).ipcs_idr, ipcp, idx)
		shm_destroy(ns, shm_of(ipcp));
	mutex_unlock(&shm_ids(ns).rwsem);
}
