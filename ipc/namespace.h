/*
 * namespace.h - IPC namespaces: each holds its own System V IPC objects
 * (three id tables, Linux's order: semaphores, message queues, shared
 * memory) and its own limits, with Linux's default values.
 *
 * A task reaches its namespace through task->nsproxy->ipc_ns. The
 * reference count counts those nsproxies and every attached shared memory
 * segment of the namespace (an attach outlives the task's move to another
 * namespace, as in Linux). When it drops to zero, free_ipcs() destroys all
 * the namespace's objects and the namespace goes.
 *
 * Locking: count is atomic. The limits (sem_ctls, msg_ctl*, shm_ctl*,
 * shm_rmid_forced) get Linux's defaults when the namespace is made; root
 * may change all but shm_rmid_forced at any time through /proc/sys/kernel
 * (ipc/ipc_sysctl.c), one word at a time, and every user reads them
 * without a lock, as Linux's do.
 * Each counter is guarded by the rwsem of its own id table: used_sems by
 * the sem ids', msg_bytes and msg_hdrs by the msg ids', shm_tot by the
 * shm ids'.
 */
#ifndef IPC_NAMESPACE_H
#define IPC_NAMESPACE_H

#include "ipc/util.h"
#include "lib/refcount.h"
#include "lib/types.h"

/* Linux's defaults (include/uapi/linux/shm.h, msg.h, sem.h). */
#define SHMMIN          1UL
#define SHMMNI          4096
#define SHMMAX          (~0UL - (1UL << 24))
#define SHMALL          (~0UL - (1UL << 24))        /* in pages */
#define SHMSEG          SHMMNI
#define MSGMNI          32000
#define MSGMAX          8192
#define MSGMNB          16384
#define SEMMSL          32000
#define SEMMNI          32000
#define SEMMNS          (SEMMNI * SEMMSL)
#define SEMOPM          500

struct ipc_namespace {
	refcount_t count;               /* nsproxies + attached segments (atomic: no lock) */
	struct ipc_ids ids[3];          /* IPC_SEM_IDS, IPC_MSG_IDS, IPC_SHM_IDS */

	int sem_ctls[4];                /* SEMMSL, SEMMNS, SEMOPM, SEMMNI */
	int used_sems;                  /* semaphores in all sets: sem ids' rwsem */

	unsigned int msg_ctlmax;
	unsigned int msg_ctlmnb;
	unsigned int msg_ctlmni;
	unsigned long msg_bytes;        /* text in all queues: msg ids' rwsem */
	unsigned long msg_hdrs;         /* messages in all queues: msg ids' rwsem */

	size_t shm_ctlmax;
	size_t shm_ctlall;              /* pages */
	unsigned long shm_tot;          /* pages of all segments: shm ids' rwsem */
	int shm_ctlmni;
	int shm_rmid_forced;            /* destroy a creator's segments when it exits */
};

#define shm_ids(ns)     ((ns)->ids[IPC_SHM_IDS])

extern struct ipc_namespace init_ipc_ns;

static inline struct ipc_namespace *get_ipc_ns(struct ipc_namespace *ns)
{
	refcount_inc(&ns->count);
	return ns;
}

void ipc_ns_init(void);
struct ipc_namespace *create_ipc_ns(void);
void put_ipc_ns(struct ipc_namespace *ns);

/* ipc/msg.c */
void msg_init_ns(struct ipc_namespace *ns);
void msg_exit_ns(struct ipc_namespace *ns);

/* ipc/sem.c */
void sem_init_ns(struct ipc_namespace *ns);
void sem_exit_ns(struct ipc_namespace *ns);

/* ipc/shm.c */
void shm_init_ns(struct ipc_namespace *ns);
void shm_exit_ns(struct ipc_namespace *ns);

#endif /* IPC_NAMESPACE_H */
