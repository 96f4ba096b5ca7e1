/*
 * util.h - the core every System V IPC mechanism shares (Linux's
 * ipc/util.h): object headers, id tables, ipcget(), permission checks,
 * and ipc_sleep(), the one way an IPC call sleeps.
 *
 * Every shared memory segment, semaphore set and message queue starts
 * with a struct kern_ipc_perm. Each namespace has three struct ipc_ids,
 * one per mechanism, mapping ids and keys to those headers.
 *
 * Locking, for all of ipc/: one lock per id table and nothing else.
 * ids->rwsem (a mutex) guards the table and every field of every object
 * in it, the object's own lists (messages, sleepers, undo records)
 * included. There is no lock per object: Linux has one (perm->lock, a
 * spinlock, with RCU for lookups) so that calls on different objects run
 * in parallel on many CPUs; keyhole runs on one and keeps one rule.
 */
#ifndef IPC_UTIL_H
#define IPC_UTIL_H

#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/sched.h"
#include "lib/err.h"
#include "lib/idr.h"
#include "lib/list.h"
#include "lib/types.h"

#define IPC_PRIVATE     0
#define IPC_CREAT       00001000
#define IPC_EXCL        00002000
#define IPC_NOWAIT      00004000

#define IPC_RMID        0
#define IPC_SET         1
#define IPC_STAT        2
#define IPC_INFO        3

#define IPCMNI_SHIFT    15
#define IPCMNI          (1 << IPCMNI_SHIFT)     /* indexes per ids table */
#define IPCID_SEQ_MAX   (__INT_MAX__ >> IPCMNI_SHIFT)
#define IPC_MIN_CYCLE   64                      /* indexes cycle within at least this */
#define IPC_KEY_HT_MIN_BITS 6                   /* the key table: 64 buckets ... */
#define IPC_KEY_HT_MAX_BITS IPCMNI_SHIFT        /* ... to IPCMNI */

#define IPC_SEM_IDS     0
#define IPC_MSG_IDS     1
#define IPC_SHM_IDS     2

typedef int key_t;

struct ipc_namespace;

/*
 * The header of every IPC object. Guarded, with the whole object, by the
 * rwsem of the table it is in.
 *
 * Life: the mechanism frees the object in the same critical section that
 * takes it out of the table (ipc_rmid): a semaphore set or a message queue
 * at IPC_RMID, a shared memory segment at IPC_RMID if nothing has it
 * attached, else at the last detach (or, for any of them, when the
 * namespace dies). There is no reference count, so a pointer to an object
 * is good only while the rwsem is held. Code that drops the lock and
 * takes it again either looks the object up by id again (semctl SETALL),
 * or relies on something the remover respects: a sleeper's record, which
 * IPC_RMID marks before it frees the object (ipc_sleep), or shm_nattch,
 * which keeps a segment alive (shmat).
 */
struct kern_ipc_perm {
	int id;                         /* ipc_buildid(index, seq) */
	key_t key;                      /* IPC_PRIVATE from shm's IPC_RMID on */
	u32 uid, gid, cuid, cgid;       /* owner (IPC_SET changes it) and creator */
	unsigned int mode;              /* permission bits and mechanism flags (SHM_DEST ...) */
	unsigned long seq;
	struct hlist_node khtnode;      /* on ids->key_ht[hash(key)] unless IPC_PRIVATE */
};

/*
 * One id table, and the lock of everything in it. rwsem (Linux: a
 * rw_semaphore; here a mutex, taken for readers and writers alike) guards
 * every field below and every object in the table. It is taken after an
 * mm's mmap_lock (shm's VMA callbacks) and never with a spinlock held;
 * no two id tables' locks are ever held at once.
 */
struct ipc_ids {
	int in_use;                     /* objects in the table */
	unsigned short seq;             /* the sequence number new ids get */
	struct mutex rwsem;             /* the lock of the table and its objects */
	struct idr ipcs_idr;            /* index -> kern_ipc_perm */
	int max_idx;                    /* highest index in use, -1 when empty */
	int last_idx;                   /* last index given, to notice wrap-around */
	struct hlist_head *key_ht;      /* key -> object: 1 << key_ht_bits buckets */
	unsigned int key_ht_bits;       /* grows and shrinks with key_count */
	int key_count;                  /* objects in key_ht (not IPC_PRIVATE) */
	struct hlist_head key_ht_small[1 << IPC_KEY_HT_MIN_BITS];  /* key_ht when smallest */
};

/* What a *get() call asked for. */
struct ipc_params {
	key_t key;
	int flg;
	union {
		size_t size;            /* shared memory */
		int nsems;              /* semaphores */
	} u;
};

/* What each mechanism plugs into ipcget(). */
struct ipc_ops {
	int (*getnew)(struct ipc_namespace *ns, struct ipc_params *params);
	int (*associate)(struct kern_ipc_perm *perm, int flg);
	int (*more_checks)(struct kern_ipc_perm *perm, struct ipc_params *params);
};

/* The user's view of kern_ipc_perm (Linux's x86_64 struct ipc64_perm). */
struct ipc64_perm {
	key_t key;
	u32 uid, gid, cuid, cgid;
	unsigned int mode;
	unsigned short seq;
	unsigned short __pad2;
	unsigned long __unused1, __unused2;
};
_Static_assert(sizeof(struct ipc64_perm) == 48, "ipc64_perm layout");

static inline int ipc_buildid(int idx, unsigned long seq)
{
	return (int)((seq << IPCMNI_SHIFT) + (unsigned long)idx);
}

static inline int ipcid_to_idx(int id)
{
	return id & (IPCMNI - 1);
}

static inline int ipcid_to_seqx(int id)
{
	return id >> IPCMNI_SHIFT;
}

void ipc_init_ids(struct ipc_ids *ids);
int ipcget(struct ipc_namespace *ns, struct ipc_ids *ids, const struct ipc_ops *ops,
	   struct ipc_params *params);
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *new, int limit);
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *ipcp);
void ipc_set_key_private(struct ipc_ids *ids, struct kern_ipc_perm *ipcp);
struct kern_ipc_perm *ipc_obtain_object_idr(struct ipc_ids *ids, int id);
int ipcperms_not_owner(struct kern_ipc_perm *ipcp, short flag);

/*
 * ipcperms - may the current task access ipcp as flag asks (S_IRUGO /
 * S_IWUGO bits, as *get()'s mode and shmat's read/write)? The owner's
 * bits apply if the task's euid is the owner or creator, else the
 * group's bits if it is in the object's group, else the others'. Root
 * (CAP_IPC_OWNER) may do anything. Inline for the owner, the common
 * caller of every IPC call (flag is a constant there: a few instructions).
 *
 * Context: the rwsem of ipcp's table held.
 * Return: 0 if allowed, -1 if not (callers turn that into EACCES).
 */
static inline int ipcperms(struct ipc_namespace *ns, struct kern_ipc_perm *ipcp, short flag)
{
	u32 euid = current->euid;
	int requested = (flag >> 6) | (flag >> 3) | flag;

	(void)ns;
	if (euid != ipcp->cuid && euid != ipcp->uid)
		return ipcperms_not_owner(ipcp, flag);
	if ((requested & ~((int)ipcp->mode >> 6) & 0007) && euid != 0)
		return -1;
	return 0;
}

/*
 * ipc_obtain_object_check - the object with exactly this id: index and
 * sequence number must both match.
 *
 * Context: ids->rwsem held. Return: it, or ERR_PTR(-EINVAL) for an id that
 * names nothing (never used, or removed). (Linux also answers -EIDRM here
 * for an object that IPC_RMID has marked but RCU has not freed yet; under
 * one lock an object is gone from the table and freed at once, so keyhole
 * has no such object. Only sleepers see EIDRM, through their records.)
 * Inline: every IPC call on an object starts here.
 */
static inline struct kern_ipc_perm *ipc_obtain_object_check(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p;

	if (id < 0)
		return ERR_PTR(-EINVAL);
	p = idr_find(&ids->ipcs_idr, (unsigned long)ipcid_to_idx(id));
	if (!p || (unsigned long)ipcid_to_seqx(id) != p->seq)
		return ERR_PTR(-EINVAL);
	return p;
}

int ipcctl_obtain_check(struct ipc_ids *ids, int id, struct kern_ipc_perm **res);
void kernel_to_ipc64_perm(struct kern_ipc_perm *in, struct ipc64_perm *out);
int ipc_update_perm(struct ipc64_perm *in, struct kern_ipc_perm *out);
struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, key_t key);
int ipc_get_maxidx(struct ipc_ids *ids);
struct kern_ipc_perm *ipc_obtain_object_idx(struct ipc_ids *ids, int idx);
struct kern_ipc_perm *ipc_obtain_for_stat(struct ipc_namespace *ns, struct ipc_ids *ids,
					  int id, bool by_index, bool any, long *ret);
#define IPC_NO_DEADLINE (~0ULL)
void ipc_sleep(struct ipc_ids *ids, u64 deadline);

#endif /* IPC_UTIL_H */
