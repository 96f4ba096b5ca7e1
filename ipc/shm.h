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

struct shmid_kernel {
	struct kern_ipc_perm shm_perm;  /* first: the common header */
	struct file *shm_file;          /* shmem file with the pages */
	unsigned long shm_nattch;       /* VMAs mapping it */
	size_t shm_segsz;               /* bytes asked for */
	s64 shm_atim, shm_dtim, shm_ctim;       /* seconds since the epoch */
	int shm_cprid, shm_lprid;       /* creator, last shmat/shmdt */
	struct task_struct *shm_creator;        /* NULL once orphaned */
	struct list_head shm_clist;     /* on shm_creator->sysvshm.shm_clist */
	struct ipc_namespace *ns;
};

void exit_shm(struct task_struct *task);
long do_shmat(int shmid, char *shmaddr, int shmflg, unsigned long *raddr);

#endif /* IPC_SHM_H */
