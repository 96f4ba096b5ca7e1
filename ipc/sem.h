/*
 * sem.h - System V semaphore sets in the kernel (Linux's struct sem,
 * sem_array, sem_queue, sem_undo, sem_undo_list).
 *
 * Locking: the namespace's sem ids rwsem (sem_ids(ns).rwsem) guards every
 * field of every structure here (Linux has a lock per semaphore and one
 * per set as well; keyhole has only this one). ipc/sem.c says how
 * sleepers and wakers use it.
 */
#ifndef IPC_SEM_H
#define IPC_SEM_H

#include "ipc/util.h"
#include "lib/list.h"

struct task_struct;
struct ipc_namespace;

#define SEMVMX          32767           /* the largest value */
#define SEMAEM          SEMVMX          /* the largest undo adjustment */

/* One semaphore, inside its set: guarded and freed with it. */
struct sem {
	int semval;
	int sempid;                     /* the last process to change it */
	struct list_head pending_alter; /* single-operation sleepers that change it */
	struct list_head pending_const; /* single-operation sleepers waiting for zero */
	s64 sem_otime;                  /* last semop, seconds since the epoch */
};

/*
 * A set. Every field under the ids rwsem. Dies at IPC_RMID (or with its
 * namespace): freeary frees it at once, with its undo records, after
 * telling every sleeper EIDRM.
 */
struct sem_array {
	struct kern_ipc_perm sem_perm;  /* first: the common header */
	s64 sem_ctime;
	struct list_head pending_alter; /* sleepers with several operations that change */
	struct list_head pending_const; /* sleepers with several zero-waits */
	struct list_head list_id;       /* the undo records of this set */
	int sem_nsems;
	int complex_count;              /* sleepers with several operations */
	int sleepers;                   /* struct sem_queue on any of its lists */
	int const_sleepers;             /* those of them on a pending_const list */
	struct sem sems[];
};

/* A user's struct sembuf. */
struct sembuf {
	unsigned short sem_num;
	short sem_op;
	short sem_flg;
};

/*
 * One sleeping semop call, on its own stack; lives as long as the call.
 * Under the ids rwsem, like the set it sleeps on.
 */
struct sem_queue {
	struct list_head list;          /* on a pending_alter or pending_const list
					 * while status is 1 */
	struct task_struct *sleeper;
	struct sem_undo *undo;
	int pid;
	int status;                     /* 1 while asleep; then 0 done, or -errno */
	struct sembuf *sops;
	int nsops;
	struct sembuf *blocking;        /* the operation it waits on (one of sops) */
	bool alter;                     /* does it change a value */
};

/*
 * The SEM_UNDO adjustments of one process for one set. Under the ids
 * rwsem; freed when the set goes (freeary) or when the last process
 * holding its list exits (exit_sem), whichever comes first.
 */
struct sem_undo {
	struct list_head list_proc;     /* on ulp->list_proc */
	struct list_head list_id;       /* on sma->list_id */
	struct sem_undo_list *ulp;
	int semid;
	short *semadj;                  /* one per semaphore */
};

/*
 * A process's undo records (task->sysvsem.undo_list), shared by the
 * processes made with CLONE_SYSVSEM. Guarded, refcnt included, by the
 * sem ids rwsem of the namespace the process is in; freed by the last
 * holder's exit_sem (at exit, or at unshare(CLONE_NEWIPC)).
 */
struct sem_undo_list {
	int refcnt;                     /* the processes sharing it */
	struct list_head list_proc;
};

int copy_semundo(unsigned long clone_flags, struct task_struct *child);
void exit_sem(struct task_struct *task);
void sem_init_ns(struct ipc_namespace *ns);
void sem_exit_ns(struct ipc_namespace *ns);

#endif /* IPC_SEM_H */
