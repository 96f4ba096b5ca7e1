/*
 * sem.h - System V semaphore sets in the kernel (Linux's struct sem,
 * sem_array, sem_queue, sem_undo, sem_undo_list).
 */
#ifndef IPC_SEM_H
#define IPC_SEM_H

#include "ipc/util.h"
#include "lib/list.h"

struct task_struct;
struct ipc_namespace;

#define SEMVMX          32767           /* the largest value */
#define SEMAEM          SEMVMX          /* the largest undo adjustment */

/* One semaphore. */
struct sem {
	int semval;
	int sempid;                     /* the last process to change it */
	struct list_head pending_alter; /* single-operation sleepers that change it */
	struct list_head pending_const; /* single-operation sleepers waiting for zero */
	s64 sem_otime;                  /* last semop, seconds since the epoch */
};

/* A set. Everything here is guarded by the namespace's sem ids lock. */
struct sem_array {
	struct kern_ipc_perm sem_perm;  /* first: the common header */
	s64 sem_ctime;
	struct list_head pending_alter; /* sleepers with several operations that change */
	struct list_head pending_const; /* sleepers with several zero-waits */
	struct list_head list_id;       /* the undo records of this set */
	int sem_nsems;
	int complex_count;              /* sleepers with several operations */
	struct sem sems[];
};

/* A user's struct sembuf. */
struct sembuf {
	unsigned short sem_num;
	short sem_op;
	short sem_flg;
};

/* One sleeping semop call. */
struct sem_queue {
	struct list_head list;          /* on a pending_alter or pending_const list */
	struct task_struct *sleeper;
	struct sem_undo *undo;
	int pid;
	int status;                     /* 1 while asleep; then 0 done, or -errno */
	struct sembuf *sops;
	int nsops;
	struct sembuf *blocking;        /* the operation it waits on (one of sops) */
	bool alter;                     /* does it change a value */
};

/* The SEM_UNDO adjustments of one process for one set. */
struct sem_undo {
	struct list_head list_proc;     /* on ulp->list_proc */
	struct list_head list_id;       /* on sma->list_id */
	struct sem_undo_list *ulp;
	int semid;
	short *semadj;                  /* one per semaphore */
};

/* A process's undo records (task->sysvsem.undo_list), shared by the
 * processes made with CLONE_SYSVSEM. Guarded by the sem ids lock. */
struct sem_undo_list {
	int refcnt;                     /* the processes sharing it */
	struct list_head list_proc;
};

int copy_semundo(unsigned long clone_flags, struct task_struct *child);
void exit_sem(struct task_struct *task);
void sem_init_ns(struct ipc_namespace *ns);
void sem_exit_ns(struct ipc_namespace *ns);

#endif /* IPC_SEM_H */
