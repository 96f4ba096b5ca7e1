/*
 * shm.h - a System V shared memory segment in the kernel (Linux's struct
 * shmid_kernel), and the hooks fork/exit use.
 */
#ifndef IPC_SHM_H
#define IPC_SHM_H

#include "ipc/util.h"
#include "lib/list.h"

struct file;
struct task_struct;
struct ipc_namespace;

/*
 * A segment. Locking: the namespace's shm ids rwsem (shm_ids(ns).rwsem)
 * guards every field that changes, and the creator's
 * task->sysvshm.shm_clist; shm_file, shm_segsz and ns are set at creation
 * and never change. The pages are in the shmem file's page cache
 * (fs/shmem.c, mm/filemap.c: its own locks).
 *
 * Life: unlike a semaphore set or a message queue, a segment outlives
 * IPC_RMID while it is attached: IPC_RMID only sets SHM_DEST and makes
 * its key private, and shm_destroy frees it at the last detach
 * (shm_close), or at once if nothing has it attached. shm_nattch is what
 * keeps it alive, so shmat counts its attach before it drops the lock to
 * map the segment.
 */
struct shmid_kernel {
	struct kern_ipc_perm shm_perm;  /* first: the common header */
	struct file *shm_file;          /* shmem file with the pages */
	unsigned long shm_nattch;       /* VMAs mapping it, and shmat calls under way */
	size_t shm_segsz;               /* bytes asked for */
	s64 shm_atim, shm_dtim, shm_ctim;       /* seconds since the epoch */
	int shm_cprid, shm_lprid;       /* creator, last shmat/shmdt */
	struct task_struct *shm_creator;        /* NULL once orphaned */
	struct list_head shm_clist;     /* on shm_creator->sysvshm.shm_clist */
	struct ipc_namespace *ns;       /* held by each attach (get_ipc_ns) */
};

struct vm_area_struct;

void exit_shm(struct task_struct *task);
bool shm_vma_ids(const struct vm_area_struct *vma, int *key, int *id);
long do_shmat(int shmid, char *shmaddr, int shmflg, unsigned long *raddr);

#endif /* IPC_SHM_H */
