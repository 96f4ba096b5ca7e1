/*
 * util.c - the part of System V IPC that shared memory, semaphores and
 * message queues have in common, as Linux's ipc/util.c.
 *
 * Ids. Each namespace keeps one struct ipc_ids per mechanism. An object's
 * place in it is an index in an idr (0 .. IPCMNI-1); the id a user sees
 * is
 *
 *	id = seq * IPCMNI + index               (ipc_buildid)
 *
 * where seq is the table's sequence number when the object was made.
 * Indexes are handed out cyclically (idr_alloc_cyclic), and seq goes up
 * each time they wrap around, so a freshly removed object's id is not
 * given out again at once, and an old id held by a careless program stops
 * working: its index may hold a new object, but the seq part no longer
 * matches (ipc_obtain_object_check -> -EINVAL).
 *
 * The cycle is not all of 0 .. IPCMNI-1 but 0 .. max(in_use * 3/2,
 * IPC_MIN_CYCLE) - 1, as in Linux (ipc_idr_alloc): the indexes stay
 * near the number of objects, so the idr stays small, and the ids a user
 * sees are exactly Linux's (with 2 objects the indexes run 0 .. 63, then
 * start again at 0 with seq + 1). When the highest index goes, the new
 * highest (max_idx, SEM_INFO's answer and the end of the *_STAT walks) is
 * found with idr_prev_allocated, in the time of a lookup (Linux does a
 * binary search with idr_get_next, ipc_search_maxidx).
 *
 * Keys. Objects created with a key other than IPC_PRIVATE are also in a
 * hash table by key, so *get() with a key does not scan every object. The
 * table grows with the objects, as Linux's rhashtable does: it doubles
 * when there are more keys than buckets and halves when fewer than a
 * quarter are used, moving every object to the new table (each move costs
 * as much as the inserts or removals since the last one, so an insert is
 * still O(1) on average), between 64 buckets (an array inside struct
 * ipc_ids, so an empty table needs no memory of its own) and IPCMNI. If
 * the memory for a bigger table cannot be had, the old one stays: lookups
 * get slower, never wrong. ipc_rmid takes the object out of the idr and
 * the key table: its key is free at once and its id invalid at once, and
 * the mechanism frees the object before it lets go of the lock. (shm's
 * IPC_RMID of an attached segment only makes its key private: the id
 * works until the last detach, as in Linux.)
 *
 * ipcget() is the one place that handles IPC_PRIVATE, IPC_CREAT and
 * IPC_EXCL for all three *get() calls; each mechanism supplies the
 * creation function (getnew: newseg, newary, newque) and its own extra
 * check (more_checks) through struct ipc_ops.
 *
 * Sleeping. semop, msgsnd and msgrcv sleep through ipc_sleep() (below), on
 * lists of their own in the object, with one protocol for all three.
 *
 * Locking: ids->rwsem (a mutex; Linux's rw_semaphore) guards the id
 * table, the key table, in_use/max_idx/last_idx/seq, and every field of
 * every object in the table; there is no other lock in ipc/ (util.h says
 * why). Every function here that takes an ids argument runs with its
 * rwsem held, except ipcget(), which takes it.
 */
#include "fs/stat.h"
#include "ipc/namespace.h"
#include "ipc/util.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/timer.h"
#include "lib/err.h"
#include "mm/slab.h"

/* ipc_init_ids - an empty id table. */
void ipc_init_ids(struct ipc_ids *ids)
{
	ids->in_use = 0;
	ids->seq = 0;
	mutex_init(&ids->rwsem);
	idr_init(&ids->ipcs_idr);
	ids->max_idx = -1;
	ids->last_idx = -1;
	ids->key_ht = ids->key_ht_small;
	ids->key_ht_bits = IPC_KEY_HT_MIN_BITS;
	ids->key_count = 0;
	for (int i = 0; i < (1 << IPC_KEY_HT_MIN_BITS); i++)
		INIT_HLIST_HEAD(&ids->key_ht_small[i]);
}

/* Fibonacci hashing: the top bits of key times 2^32 / phi. */
static unsigned int key_hash(key_t key, unsigned int bits)
{
	return ((u32)key * 0x9e3779b1u) >> (32 - bits);
}

static struct hlist_head *key_bucket(struct ipc_ids *ids, key_t key)
{
	return &ids->key_ht[key_hash(key, ids->key_ht_bits)];
}

/*
 * Move every keyed object to a table of 1 << bits buckets: the array in
 * ids for the smallest size, else a new one. If it cannot be allocated
 * the old table stays, which is slower but right.
 */
static void key_ht_resize(struct ipc_ids *ids, unsigned int bits)
{
	struct hlist_head *old = ids->key_ht, *new = ids->key_ht_small;
	unsigned int old_size = 1U << ids->key_ht_bits;
	struct kern_ipc_perm *p;
	struct hlist_node *next;

	if (bits != IPC_KEY_HT_MIN_BITS) {
		new = kmalloc(sizeof(*new) << bits, GFP_KERNEL);
		if (!new)
			return;
	}
	for (unsigned int i = 0; i < 1U << bits; i++)
		INIT_HLIST_HEAD(&new[i]);
	for (unsigned int i = 0; i < old_size; i++)
		hlist_for_each_entry_safe(p, next, &old[i], khtnode)
			hlist_add_head(&p->khtnode, &new[key_hash(p->key, bits)]);
	if (old != ids->key_ht_small)
		kfree(old);
	ids->key_ht = new;
	ids->key_ht_bits = bits;
}

/* Put p in the key table, which doubles when it has more keys than buckets. */
static void key_ht_insert(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
	hlist_add_head(&p->khtnode, key_bucket(ids, p->key));
	ids->key_count++;
	if (ids->key_count > (1 << ids->key_ht_bits) && ids->key_ht_bits < IPC_KEY_HT_MAX_BITS)
		key_ht_resize(ids, ids->key_ht_bits + 1);
}

/*
 * Take p out of the key table, which halves when under a quarter full,
 * and goes back to the array in ids when empty (that needs no memory, so
 * a namespace's tables are always back in place when its last object goes).
 */
static void key_ht_remove(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
	hlist_del_init(&p->khtnode);
	ids->key_count--;
	if (ids->key_ht_bits == IPC_KEY_HT_MIN_BITS)
		return;
	if (ids->key_count == 0)
		key_ht_resize(ids, IPC_KEY_HT_MIN_BITS);
	else if (ids->key_count < (1 << ids->key_ht_bits) / 4)
		key_ht_resize(ids, ids->key_ht_bits - 1);
}

/*
 * ipc_findkey - the object with this key, or NULL.
 *
 * Context: ids->rwsem held.
 */
struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, key_t key)
{
	struct kern_ipc_perm *p;

	hlist_for_each_entry(p, key_bucket(ids, key), khtnode)
		if (p->key == key)
			return p;
	return NULL;
}

/*
 * ipc_addid - give new an index and an id, and (unless IPC_PRIVATE) put
 * it in the key table. Fills in the owner (the caller's effective ids).
 *
 * The index is the next free one after the last given, going round
 * 0 .. max(in_use * 3/2, IPC_MIN_CYCLE) - 1 (at most IPCMNI - 1), and the
 * sequence number goes up when the index is not above the last one: the
 * ids are those Linux gives (its ipc_idr_alloc).
 *
 * Context: ids->rwsem held.
 * Return: the index, -ENOSPC when limit objects exist or no index is free,
 * -ENOMEM.
 */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *new, int limit)
{
	int idx, cycle;

	if (limit > IPCMNI)
		limit = IPCMNI;
	if (ids->in_use >= limit)
		return -ENOSPC;

	new->uid = new->cuid = current->euid;
	new->gid = new->cgid = current->egid;
	INIT_HLIST_NODE(&new->khtnode);

	cycle = ids->in_use * 3 / 2;
	if (cycle < IPC_MIN_CYCLE)
		cycle = IPC_MIN_CYCLE;
	if (cycle > IPCMNI)
		cycle = IPCMNI;
	idx = idr_alloc_cyclic(&ids->ipcs_idr, new, 0, cycle, GFP_KERNEL);
	if (idx < 0)
		return idx == -ENOMEM ? -ENOMEM : -ENOSPC;
	if (idx <= ids->last_idx) {             /* wrapped around: a new sequence */
		ids->seq++;
		if (ids->seq >= IPCID_SEQ_MAX)
			ids->seq = 0;
	}
	ids->last_idx = idx;
	new->seq = ids->seq;
	new->id = ipc_buildid(idx, new->seq);
	if (new->key != IPC_PRIVATE)
		key_ht_insert(ids, new);
	ids->in_use++;
	if (idx > ids->max_idx)
		ids->max_idx = idx;
	return idx;
}

/*
 * ipc_rmid - take ipcp out of the table: its id and key stop working now.
 * The caller frees the object before it drops the lock.
 *
 * Context: ids->rwsem held.
 */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *ipcp)
{
	int idx = ipcid_to_idx(ipcp->id);

	idr_remove(&ids->ipcs_idr, (unsigned long)idx);
	if (ipcp->key != IPC_PRIVATE)
		key_ht_remove(ids, ipcp);
	ids->in_use--;
	if (idx == ids->max_idx) {
		idx = idr_prev_allocated(&ids->ipcs_idr, idx);
		ids->max_idx = idx < 0 ? -1 : idx;
	}
}

/*
 * ipc_set_key_private - the object keeps its id but can no longer be
 * found by key (shm's IPC_RMID while attached): its key reads IPC_PRIVATE.
 *
 * Context: ids->rwsem held.
 */
void ipc_set_key_private(struct ipc_ids *ids, struct kern_ipc_perm *ipcp)
{
	if (ipcp->key != IPC_PRIVATE)
		key_ht_remove(ids, ipcp);
	ipcp->key = IPC_PRIVATE;
}

/* ipc_get_maxidx - the highest index in use, -1 if none (SHM_INFO's answer).
 * Context: ids->rwsem held. */
int ipc_get_maxidx(struct ipc_ids *ids)
{
	return ids->in_use ? ids->max_idx : -1;
}

/* ipc_obtain_object_idx - the object at index idx, or NULL (SHM_STAT's walk).
 * Context: ids->rwsem held. */
struct kern_ipc_perm *ipc_obtain_object_idx(struct ipc_ids *ids, int idx)
{
	if (idx < 0 || idx >= IPCMNI)
		return NULL;
	return idr_find(&ids->ipcs_idr, (unsigned long)idx);
}

/*
 * ipc_obtain_object_idr - the object at id's index, whatever its sequence.
 *
 * Context: ids->rwsem held. Return: it, or ERR_PTR(-EINVAL).
 */
struct kern_ipc_perm *ipc_obtain_object_idr(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p;

	if (id < 0)
		return ERR_PTR(-EINVAL);
	p = idr_find(&ids->ipcs_idr, (unsigned long)ipcid_to_idx(id));
	return p ? p : ERR_PTR(-EINVAL);
}

/*
 * ipc_obtain_for_stat - the object an IPC_STAT-like command reads: by
 * exact id for IPC_STAT, or by index for SHM_STAT, SEM_STAT, MSG_STAT and
 * their _ANY forms (a full id is reduced to its index, as Linux), checking
 * read permission unless any (the _ANY forms). *ret is set to what the
 * command returns on success: 0 for IPC_STAT, the object's full id for
 * the others.
 *
 * Context: ids->rwsem held. Return: the object, or ERR_PTR(-EINVAL or
 * -EACCES).
 */
struct kern_ipc_perm *ipc_obtain_for_stat(struct ipc_namespace *ns, struct ipc_ids *ids,
					  int id, bool by_index, bool any, long *ret)
{
	struct kern_ipc_perm *ipcp;

	if (by_index) {
		ipcp = ipc_obtain_object_idx(ids, ipcid_to_idx(id));
		if (!ipcp)
			return ERR_PTR(-EINVAL);
		*ret = ipcp->id;
	} else {
		ipcp = ipc_obtain_object_check(ids, id);
		if (IS_ERR(ipcp))
			return ipcp;
		*ret = 0;
	}
	if (!any && ipcperms(ns, ipcp, S_IRUGO))
		return ERR_PTR(-EACCES);
	return ipcp;
}

/*
 * ipcperms_not_owner - ipcperms for a task that is neither the owner nor
 * the creator of ipcp: the group's bits if it is in the object's group,
 * else the others'; root may do anything.
 *
 * Context: the rwsem of ipcp's table held.
 * Return: 0 if allowed, -1 if not.
 */
int ipcperms_not_owner(struct kern_ipc_perm *ipcp, short flag)
{
	int requested = (flag >> 6) | (flag >> 3) | flag;
	int granted = (int)ipcp->mode;

	if (in_group_p(ipcp->cgid) || in_group_p(ipcp->gid))
		granted >>= 3;
	if ((requested & ~granted & 0007) && current->euid != 0)
		return -1;
	return 0;
}

/*
 * ipcctl_obtain_check - the object for IPC_SET/IPC_RMID, which only its
 * owner, its creator or root may change.
 *
 * Context: ids->rwsem held.
 * Return: 0 with *res set; -EINVAL as ipc_obtain_object_check; -EPERM for
 * anyone else.
 */
int ipcctl_obtain_check(struct ipc_ids *ids, int id, struct kern_ipc_perm **res)
{
	struct kern_ipc_perm *p = ipc_obtain_object_check(ids, id);
	u32 euid = current->euid;

	if (IS_ERR(p))
		return (int)PTR_ERR(p);
	if (euid != p->cuid && euid != p->uid && euid != 0)
		return -EPERM;
	*res = p;
	return 0;
}

/* kernel_to_ipc64_perm - the user's view of an object's header.
 * Context: the rwsem of in's table held. */
void kernel_to_ipc64_perm(struct kern_ipc_perm *in, struct ipc64_perm *out)
{
	*out = (struct ipc64_perm){
		.key = in->key,
		.uid = in->uid, .gid = in->gid, .cuid = in->cuid, .cgid = in->cgid,
		.mode = in->mode,
		.seq = (unsigned short)in->seq,
	};
}

/*
 * ipc_update_perm - IPC_SET: new owner, group and permission bits.
 *
 * Context: the rwsem of out's table held.
 * Return: 0, or -EINVAL for the invalid uid or gid (u32)-1, as Linux.
 */
int ipc_update_perm(struct ipc64_perm *in, struct kern_ipc_perm *out)
{
	if (in->uid == (u32)-1 || in->gid == (u32)-1)
		return -EINVAL;
	out->uid = in->uid;
	out->gid = in->gid;
	out->mode = (out->mode & ~S_IRWXUGO) | (in->mode & S_IRWXUGO);
	return 0;
}

/* An existing object: the mechanism's own check, then the permissions. */
static int ipc_check_perms(struct ipc_namespace *ns, struct kern_ipc_perm *ipcp,
			   const struct ipc_ops *ops, struct ipc_params *params)
{
	if (ipcperms(ns, ipcp, (short)params->flg))
		return -EACCES;
	if (ops->associate) {
		int err = ops->associate(ipcp, params->flg);

		if (err)
			return err;
	}
	return ipcp->id;
}

/* IPC_PRIVATE: always a new object. */
static int ipcget_new(struct ipc_namespace *ns, struct ipc_ids *ids, const struct ipc_ops *ops,
		      struct ipc_params *params)
{
	int err;

	mutex_lock(&ids->rwsem);
	err = ops->getnew(ns, params);
	mutex_unlock(&ids->rwsem);
	return err;
}

/* A key: find it, or create it (IPC_CREAT), or fail. */
static int ipcget_public(struct ipc_namespace *ns, struct ipc_ids *ids,
			 const struct ipc_ops *ops, struct ipc_params *params)
{
	struct kern_ipc_perm *ipcp;
	int flg = params->flg;
	int err;

	mutex_lock(&ids->rwsem);
	ipcp = ipc_findkey(ids, params->key);
	if (!ipcp) {
		err = (flg & IPC_CREAT) ? ops->getnew(ns, params) : -ENOENT;
	} else if ((flg & IPC_CREAT) && (flg & IPC_EXCL)) {
		err = -EEXIST;
	} else {
		err = ops->more_checks ? ops->more_checks(ipcp, params) : 0;
		if (!err)
			err = ipc_check_perms(ns, ipcp, ops, params);
	}
	mutex_unlock(&ids->rwsem);
	return err;
}

/*
 * ipcget - the common part of shmget, semget and msgget.
 *
 * Context: process context; takes ids->rwsem.
 * Return: the object's id; -ENOENT (no such key, no IPC_CREAT), -EEXIST
 * (IPC_CREAT|IPC_EXCL and it exists), -EACCES, or what getnew and
 * more_checks return.
 */
int ipcget(struct ipc_namespace *ns, struct ipc_ids *ids, const struct ipc_ops *ops,
	   struct ipc_params *params)
{
	if (params->key == IPC_PRIVATE)
		return ipcget_new(ns, ids, ops, params);
	return ipcget_public(ns, ids, ops, params);
}

/*
 * ipc_sleep - sleep until woken, with ids->rwsem dropped; return with it
 * held again. Like xv6's sleep(chan, lk), it gives up the lock and goes
 * to sleep as one step, as far as any waker can tell.
 *
 * The protocol, for semop (struct sem_queue), msgsnd (struct msg_sender)
 * and msgrcv (struct msg_receiver):
 *
 *   - The sleeper, with the lock held, finds it must wait, puts a record
 *     of itself (on its own stack: its task and a word a waker fills in)
 *     on a list of the object, and calls ipc_sleep().
 *   - A waker (a semop that completes the sleeper's operations, a sender
 *     with a message for it, room in the queue, IPC_SET, IPC_RMID), with
 *     the lock held, writes the record's word (sem_queue.status,
 *     msg_receiver.r_msg; a msg_sender's list entry emptied means EIDRM)
 *     and calls wake_up_process() on the task.
 *   - The sleeper, back with the lock, reads its record before anything
 *     else, and loops: it may have been woken for no reason of its own
 *     (a signal, a timeout, "look again").
 *
 * Why no wake-up is lost: the sleeper makes itself TASK_INTERRUPTIBLE
 * before it drops the lock, and a waker can only act once it holds the
 * lock. So every wake-up comes after the state was set: wake_up_process()
 * makes the task TASK_RUNNING again, and schedule() then keeps it on the
 * CPU, even if the wake-up came between the unlock and the schedule().
 * Being preempted in that window is harmless too: preemption never puts a
 * task to sleep, whatever its state. A signal sent in the window wakes it
 * the same way; one sent earlier is seen by signal_pending().
 *
 * What a woken sleeper may touch: its own record, always. The object (and
 * the list its record is on) only while its record says it is still
 * queued: r_msg still ERR_PTR(-EAGAIN), status still asleep, the sender
 * still on the list. The remover of an object marks every record on it
 * with EIDRM, under the lock, before it frees the object, and the sleeper
 * reads its record under the same lock. So a record that still says
 * "queued" means a live object; one with a result in it (done, an error,
 * EIDRM) means the object may be gone, and the sleeper returns that
 * result without looking at the object again. A sleeper still on the
 * list takes itself off (a waker that only says "look again", like
 * IPC_SET, leaves it there, so that IPC_RMID still finds it); one that a
 * waker took off leaves the list alone.
 *
 * deadline: the ktime_get_ns() at which to stop sleeping (semtimedop), or
 * IPC_NO_DEADLINE. The caller decides, by the clock, whether it has come.
 *
 * Context: process context, ids->rwsem held (dropped while asleep).
 */
void ipc_sleep(struct ipc_ids *ids, u64 deadline)
{
	set_current_state(TASK_INTERRUPTIBLE);
	mutex_unlock(&ids->rwsem);
	/* A timer at the deadline itself, by the clock (schedule_hrtimeout
	 * returns at once if it has passed; past KTIME_MAX it sets none). */
	if (!signal_pending(current))
		schedule_hrtimeout(deadline);
	set_current_state(TASK_RUNNING);
	mutex_lock(&ids->rwsem);
}
