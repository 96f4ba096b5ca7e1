/*
 * sem.c - System V semaphores, as the seeds describe Linux's ipc/sem.c:
 * semget (newary), semop/semtimedop (do_semtimedop, perform_atomic_semop,
 * update_queue), SEM_UNDO, semctl.
 *
 * A set is a struct sem_array: the common header, and nsems struct sem.
 * semop applies an array of operations to a set all at once or not at all
 * (perform_atomic_semop): sem_op > 0 adds, sem_op < 0 subtracts if the
 * value stays >= 0, sem_op == 0 waits for zero. If any operation would
 * block, nothing changes; with IPC_NOWAIT the call fails with EAGAIN,
 * otherwise the caller sleeps as a struct sem_queue:
 *
 *	one operation           on that semaphore's pending_alter (it
 *	                        changes the value) or pending_const (a wait
 *	                        for zero); but while a complex sleeper waits,
 *	                        an altering one goes on the set's
 *	                        pending_alter, behind it
 *	several operations      on the set's pending_alter / pending_const
 *	                        (complex_count counts them); the first moves
 *	                        the single altering sleepers onto the set's
 *	                        queue too (merge_queues), and when the last
 *	                        has gone they move back (unmerge_queues)
 *
 * So altering sleepers are served in the order they came, whether they
 * asked for one operation or several.
 *
 * After every change the queues are scanned again (do_smart_update):
 * first the waiters for zero of each semaphore that is now 0, then the
 * altering sleepers (update_queue). Each sleeper whose operations can now
 * complete is completed on its behalf (its values change, its status
 * becomes 0) and woken, in the order they came. A sleeper that cannot go
 * on does not hold up the ones behind it (a -2 waiting on a value of 1
 * lets a -1 behind it through). Each one completed at once wakes the
 * waiters for zero it made possible, before another sleeper can raise
 * the value again, and a complex one starts the scan again, since values
 * elsewhere have changed. This is Linux's update_queue(),
 * do_smart_wakeup_zero() and wake_const_ops(), without its per-semaphore
 * locks. A set with no sleepers at all, the common case, is not scanned:
 * sma->sleepers counts them, raised where a sleeper is queued
 * (do_semtimedop) and lowered in unlink_queue, the one way off a list
 * (completed, given up, or the set removed: freeary checks that it ends
 * at 0). Likewise the waiters for zero are not looked for when
 * sma->const_sleepers, the sleepers on a pending_const list, is 0.
 *
 * A sleeper also wakes for a signal (-EINTR: semop is never restarted,
 * as in Linux), its timeout (-EAGAIN), or the set's removal (-EIDRM).
 *
 * SEM_UNDO: each process keeps, per set, an adjustment per semaphore
 * (struct sem_undo, on its sem_undo_list and on the set's list_id) that
 * cancels what its SEM_UNDO operations did; exit applies them (values
 * clamped to 0..SEMVMX, as Linux). SETVAL/SETALL reset them; IPC_RMID frees
 * them; fork does not copy them.
 *
 * Sleepers follow ipc_sleep()'s protocol (ipc/util.c). A sleeper's record
 * is its struct sem_queue: status QUEUE_ASLEEP while it is on a list of
 * the set; whoever completes its operations or removes the set takes it
 * off the list, writes the result (0, an error, or -EIDRM) in status and
 * wakes it. A woken sleeper whose status changed returns it without
 * touching the set, which may be gone; one still asleep (a signal, the
 * timeout) takes itself off the list.
 *
 * Locking: the namespace's sem ids rwsem guards every set, its queues and
 * undo records, the undo lists of processes (struct sem_undo_list) and
 * ns->used_sems; sem.h writes it on each structure. It is dropped only to
 * sleep (ipc_sleep) and to copy GETALL/SETALL's values to or from user
 * space, after which SETALL looks the set up again by id.
 */
#include "ipc/namespace.h"
#include "fs/stat.h"
#include "ipc/sem.h"
#include "kernel/errno.h"
#include "kernel/nsproxy.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "lib/err.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define SEM_UNDO        0x1000
#define GETPID          11
#define GETVAL          12
#define GETALL          13
#define GETNCNT         14
#define GETZCNT         15
#define SETVAL          16
#define SETALL          17
#define SEM_STAT        18
#define SEM_INFO        19
#define SEM_STAT_ANY    20
#define SEMMNU          SEMMNS
#define SEMUME          SEMOPM
#define SEMUSZ          20

#define sem_ids(ns)     ((ns)->ids[IPC_SEM_IDS])
#define QUEUE_ASLEEP    1

static struct ipc_namespace *current_ns(void)
{
	return current->nsproxy->ipc_ns;
}

static struct sem_array *sem_of(struct kern_ipc_perm *perm)
{
	return container_of(perm, struct sem_array, sem_perm);
}

static s64 now_seconds(void)
{
	return (s64)(ktime_get_real_ns() / NSEC_PER_SEC);
}

/* sem_init_ns - the semaphore limits of a new namespace. */
void sem_init_ns(struct ipc_namespace *ns)
{
	ns->sem_ctls[0] = SEMMSL;
	ns->sem_ctls[1] = SEMMNS;
	ns->sem_ctls[2] = SEMOPM;
	ns->sem_ctls[3] = SEMMNI;
	ns->used_sems = 0;
}

/* newary - ipc_ops.getnew for semget: a new set. Caller holds the ids lock. */
static int newary(struct ipc_namespace *ns, struct ipc_params *params)
{
	int nsems = params->u.nsems;
	struct sem_array *sma;
	int err;

	if (!nsems)
		return -EINVAL;
	if (ns->used_sems + nsems > ns->sem_ctls[1])
		return -ENOSPC;
	sma = kzalloc(sizeof(*sma) + (size_t)nsems * sizeof(struct sem), GFP_KERNEL);
	if (!sma)
		return -ENOMEM;
	sma->sem_perm.key = params->key;
	sma->sem_perm.mode = (unsigned int)params->flg & 0777;
	for (int i = 0; i < nsems; i++) {
		INIT_LIST_HEAD(&sma->sems[i].pending_alter);
		INIT_LIST_HEAD(&sma->sems[i].pending_const);
	}
	INIT_LIST_HEAD(&sma->pending_alter);
	INIT_LIST_HEAD(&sma->pending_const);
	INIT_LIST_HEAD(&sma->list_id);
	sma->sem_nsems = nsems;
	sma->sem_ctime = now_seconds();
	err = ipc_addid(&sem_ids(ns), &sma->sem_perm, ns->sem_ctls[3]);
	if (err < 0) {
		kfree(sma);
		return err;
	}
	ns->used_sems += nsems;
	return sma->sem_perm.id;
}

/* ipc_ops.more_checks: an existing key asked for with more semaphores. */
static int sem_more_checks(struct kern_ipc_perm *ipcp, struct ipc_params *params)
{
	if (params->u.nsems > sem_of(ipcp)->sem_nsems)
		return -EINVAL;
	return 0;
}

SYSCALL_DEFINE3(semget, key_t, key, int, nsems, int, semflg)
{
	static const struct ipc_ops sem_ops = {
		.getnew = newary,
		.more_checks = sem_more_checks,
	};
	struct ipc_namespace *ns = current_ns();
	struct ipc_params params = { .key = key, .flg = semflg, .u.nsems = nsems };

	if (nsems < 0 || nsems > ns->sem_ctls[0])
		return -EINVAL;
	return ipcget(ns, &sem_ids(ns), &sem_ops, &params);
}

/*
 * perform_atomic_semop - try every operation of q on sma at once.
 *
 * The operations are applied in place, in order, so that several on one
 * semaphore see each other's effect; at the first that cannot be done
 * (it would block, or leave a value or an undo adjustment out of range),
 * those already applied are taken back, last first, and nothing has
 * changed. So a call costs one pass over its operations, and two when it
 * fails (Linux's perform_atomic_semop_slow; Linux also has a fast path
 * that checks first and writes after, for calls with no semaphore
 * changed twice). sempid is written only once all went through.
 *
 * Return: 0 done (values, sempid and undo adjustments changed), 1 it
 * would block (nothing changed), -EAGAIN likewise with IPC_NOWAIT,
 * -ERANGE if a value or an undo adjustment would leave its range.
 */
static __always_inline int __perform_atomic_semop(struct sem_array *sma, struct sem_queue *q)
{
	struct sembuf *sops = q->sops, *sop;
	struct sem_undo *un = q->undo;
	int result;

	for (sop = sops; sop < sops + q->nsops; sop++) {
		struct sem *curr = &sma->sems[sop->sem_num];

		if (sop->sem_op == 0 && curr->semval != 0)
			goto would_block;
		result = curr->semval + sop->sem_op;
		if (result < 0)
			goto would_block;
		if (result > SEMVMX) {
			result = -ERANGE;
			goto undo;
		}
		if ((sop->sem_flg & SEM_UNDO) && un) {
			int adj = un->semadj[sop->sem_num] - sop->sem_op;

			if (adj < -SEMAEM - 1 || adj > SEMAEM) {
				result = -ERANGE;
				goto undo;
			}
			un->semadj[sop->sem_num] = (short)adj;
		}
		curr->semval = result;
	}
	for (sop = sops; sop < sops + q->nsops; sop++)
		sma->sems[sop->sem_num].sempid = q->pid;
	return 0;

would_block:
	q->blocking = sop;              /* what GETNCNT/GETZCNT count it for */
	result = (sop->sem_flg & IPC_NOWAIT) ? -EAGAIN : 1;
undo:
	while (sop-- > sops) {          /* the ones before sop, last first */
		sma->sems[sop->sem_num].semval -= sop->sem_op;
		if ((sop->sem_flg & SEM_UNDO) && un)
			un->semadj[sop->sem_num] += sop->sem_op;
	}
	return result;
}

/* The same, out of line, for the wakers; do_semtimedop has it inline. */
static int perform_atomic_semop(struct sem_array *sma, struct sem_queue *q)
{
	return __perform_atomic_semop(sma, q);
}

/* Take q off its list; every sleeper leaves its set's lists here. */
static void unlink_queue(struct sem_array *sma, struct sem_queue *q)
{
	list_del_init(&q->list);
	sma->sleepers--;
	if (!q->alter)
		sma->const_sleepers--;
	if (q->nsops > 1)
		sma->complex_count--;
}

/*
 * While a complex sleeper waits, every altering sleeper sleeps on the
 * set's pending_alter, so that all of them are served in the order they
 * came. merge_queues moves the single-operation sleepers there when the
 * first complex one arrives; unmerge_queues moves them back to their
 * semaphores when the last complex one has gone (complex_count is 0).
 * Caller holds the ids lock.
 */
static void merge_queues(struct sem_array *sma)
{
	for (int i = 0; i < sma->sem_nsems; i++)
		list_splice_init(&sma->sems[i].pending_alter, &sma->pending_alter);
}

static inline void unmerge_queues(struct sem_array *sma)
{
	struct sem_queue *q, *tmp;

	if (sma->complex_count || list_empty(&sma->pending_alter))
		return;
	list_for_each_entry_safe(q, tmp, &sma->pending_alter, list)
		list_move_tail(&q->list, &sma->sems[q->sops[0].sem_num].pending_alter);
}

/* Finish q with status and wake its task. Caller holds the ids lock. */
static void wake_queue(struct sem_queue *q, int status)
{
	WRITE_ONCE(q->status, status);
	wake_up_process(q->sleeper);
}

/* The time of the latest operation: on the first semaphore of sops, or
 * on semaphore 0 when the change came from elsewhere (Linux's
 * set_semotime). */
static void set_semotime(struct sem_array *sma, struct sembuf *sops)
{
	sma->sems[sops ? sops[0].sem_num : 0].sem_otime = now_seconds();
}

/*
 * wake_const_ops - complete the waiters for zero on semaphore semnum's
 * pending_const (or the set's, for semnum -1) that now can. They change
 * nothing, so one pass is enough. Return true if any completed.
 */
static bool wake_const_ops(struct sem_array *sma, int semnum)
{
	struct list_head *list = semnum < 0 ? &sma->pending_const : &sma->sems[semnum].pending_const;
	struct sem_queue *q, *tmp;
	bool completed = false;

	list_for_each_entry_safe(q, tmp, list, list) {
		int error = perform_atomic_semop(sma, q);

		if (error > 0)
			continue;
		unlink_queue(sma, q);
		wake_queue(q, error);
		if (!error)
			completed = true;
	}
	return completed;
}

/*
 * do_smart_wakeup_zero - wake the waiters for zero that the operations
 * sops just made possible: on each of their semaphores that is now 0
 * (on every semaphore that is 0 when sops is NULL, the change being
 * unknown), and then the complex waiters of the set.
 */
static bool do_smart_wakeup_zero(struct sem_array *sma, struct sembuf *sops, int nsops)
{
	bool completed = false, got_zero = false;
	int n = sops ? nsops : sma->sem_nsems;

	for (int i = 0; i < n; i++) {
		int num = sops ? sops[i].sem_num : i;

		/* Most semaphores have no sleepers: look before calling. */
		if (sma->sems[num].semval == 0) {
			got_zero = true;
			if (!list_empty(&sma->sems[num].pending_const))
				completed |= wake_const_ops(sma, num);
		}
	}
	if (got_zero && !list_empty(&sma->pending_const))
		completed |= wake_const_ops(sma, -1);
	return completed;
}

/*
 * update_queue - complete the altering sleepers of semaphore semnum (or of
 * the set, for semnum -1) that now can, in the order they came. One that
 * cannot go on does not hold up those behind it. Each one completed first
 * wakes the waiters for zero it made possible, before anyone changes the
 * value again; then, if it was complex or complex sleepers are queued,
 * the scan starts again, since values elsewhere have changed. (A single
 * decrement cannot help an older sleeper of its own semaphore: they saw a
 * higher value and still could not go.) Return true if any completed.
 */
static bool update_queue(struct sem_array *sma, int semnum)
{
	struct list_head *list = semnum < 0 ? &sma->pending_alter : &sma->sems[semnum].pending_alter;
	struct sem_queue *q, *tmp;
	bool completed = false;

again:
	list_for_each_entry_safe(q, tmp, list, list) {
		/* On a semaphore's own queue everyone decrements it. */
		if (semnum >= 0 && sma->sems[semnum].semval == 0)
			break;
		int error = perform_atomic_semop(sma, q);
		if (error > 0)
			continue;               /* still blocked: the next may go */
		unlink_queue(sma, q);
		bool restart = false;
		if (!error) {
			completed = true;
			if (sma->const_sleepers)
				do_smart_wakeup_zero(sma, q->sops, q->nsops);
			restart = q->nsops > 1 || !list_empty(&sma->pending_alter);
		}
		wake_queue(q, error);
		if (restart)
			goto again;
	}
	return completed;
}

/*
 * do_smart_update - after the operations sops changed the set's values
 * (sops NULL: SETVAL, SETALL or an undo at exit changed them), complete
 * every sleeper that now can: first the waiters for zero, then the
 * altering sleepers on the set's queue if complex ones are waiting, or on
 * the queue of every semaphore that went up. otime: the change itself
 * counts as an operation for sem_otime. Caller holds the ids lock.
 */
static void do_smart_update(struct sem_array *sma, struct sembuf *sops, int nsops, bool otime)
{
	if (!sma->sleepers)
		goto out;               /* nobody to wake: the common case */
	if (sma->const_sleepers)
		otime |= do_smart_wakeup_zero(sma, sops, nsops);
	if (!list_empty(&sma->pending_alter)) {
		otime |= update_queue(sma, -1);
	} else {
		/* A decrement cannot let a sleeping decrement through. */
		for (int i = 0; i < (sops ? nsops : sma->sem_nsems); i++) {
			int num = sops ? sops[i].sem_num : i;

			if ((!sops || sops[i].sem_op > 0) &&
			    !list_empty(&sma->sems[num].pending_alter))
				otime |= update_queue(sma, num);
		}
	}
	unmerge_queues(sma);
out:
	if (otime)
		set_semotime(sma, sops);
}

/* Free an undo record. Caller holds the ids lock. */
static void free_undo(struct sem_undo *un)
{
	list_del(&un->list_id);
	list_del(&un->list_proc);
	kfree(un);
}

/*
 * The current process's list of undo records, made if it has none.
 * Caller holds the ids lock. Return: it, or NULL for -ENOMEM.
 */
static struct sem_undo_list *get_undo_list(void)
{
	struct sem_undo_list *ulp = current->sysvsem.undo_list;

	if (!ulp) {
		ulp = kzalloc(sizeof(*ulp), GFP_KERNEL);
		if (!ulp)
			return NULL;
		ulp->refcnt = 1;
		INIT_LIST_HEAD(&ulp->list_proc);
		current->sysvsem.undo_list = ulp;
	}
	return ulp;
}

/*
 * lookup_undo - the record of the process's list ulp for the set sma
 * (whose id is semid), or NULL.
 *
 * A record is on two lists: the process's (ulp->list_proc, every set it
 * has adjustments for) and the set's (sma->list_id, every process that
 * has adjustments for it). Both are walked a step at a time, side by
 * side, until one finds the record or ends; so a process with records
 * for thousands of sets finds that of a set few others use at once, and
 * so does one of thousands of processes using one set. (Linux walks the
 * process's list only.) The record found moves to the front of the
 * process's list, as in Linux's lookup_undo: the sets a process works on
 * stay near the front.
 */
static struct sem_undo *lookup_undo(struct sem_undo_list *ulp, struct sem_array *sma,
				    int semid)
{
	struct list_head *p = ulp->list_proc.next, *s = sma->list_id.next;
	struct sem_undo *un;

	for (;;) {
		if (p == &ulp->list_proc)
			return NULL;
		un = list_entry(p, struct sem_undo, list_proc);
		if (un->semid == semid)
			break;
		if (s == &sma->list_id)
			return NULL;
		un = list_entry(s, struct sem_undo, list_id);
		if (un->ulp == ulp)
			break;
		p = p->next;
		s = s->next;
	}
	list_move(&un->list_proc, &ulp->list_proc);
	return un;
}

/*
 * The current process's undo record for the set semid (sma), made if it
 * has none (a new one goes to the front of both lists, as in Linux).
 * Exit applies them in the order of the process's list, as Linux.
 * Caller holds the ids lock. Return: it, or NULL for -ENOMEM.
 */
static struct sem_undo *find_alloc_undo(struct sem_array *sma, int semid)
{
	struct sem_undo_list *ulp = get_undo_list();
	struct sem_undo *un;

	if (!ulp)
		return NULL;
	un = lookup_undo(ulp, sma, semid);
	if (un)
		return un;
	un = kzalloc(sizeof(*un) + (size_t)sma->sem_nsems * sizeof(short), GFP_KERNEL);
	if (!un)
		return NULL;
	un->semadj = (short *)(un + 1);
	un->semid = semid;
	un->ulp = ulp;
	list_add(&un->list_proc, &ulp->list_proc);
	list_add(&un->list_id, &sma->list_id);
	return un;
}

struct sem_timespec {
	s64 tv_sec, tv_nsec;
};

/*
 * Remove a set (IPC_RMID, or its namespace is going): free its undo
 * records, take every sleeper off its queue with status -EIDRM and wake
 * it, take the set out of the table and free it, at once. Caller holds
 * the ids lock.
 */
static void freeary(struct ipc_namespace *ns, struct sem_array *sma)
{
	struct sem_undo *un, *tmp_un;
	struct sem_queue *q, *tmp;

	list_for_each_entry_safe(un, tmp_un, &sma->list_id, list_id)
		free_undo(un);
	for (int i = -1; i < sma->sem_nsems; i++) {
		struct list_head *alter = i < 0 ? &sma->pending_alter : &sma->sems[i].pending_alter;
		struct list_head *cnst = i < 0 ? &sma->pending_const : &sma->sems[i].pending_const;

		list_for_each_entry_safe(q, tmp, alter, list) {
			unlink_queue(sma, q);
			wake_queue(q, -EIDRM);
		}
		list_for_each_entry_safe(q, tmp, cnst, list) {
			unlink_queue(sma, q);
			wake_queue(q, -EIDRM);
		}
	}
	if (sma->sleepers || sma->const_sleepers)
		panic("sem: set %d: sleepers %d, const_sleepers %d with its queues empty (must be 0)",
		      sma->sem_perm.id, sma->sleepers, sma->const_sleepers);
	ipc_rmid(&sem_ids(ns), &sma->sem_perm);
	ns->used_sems -= sma->sem_nsems;
	kfree(sma);
}

/*
 * do_semtimedop - semop and semtimedop. timeout (a kernel copy) is NULL
 * for no time limit.
 *
 * Return: 0; -EINVAL, -E2BIG, -EFBIG, -EACCES, -EIDRM, -ERANGE, -EAGAIN
 * (IPC_NOWAIT, or the time ran out), -EINTR (a signal), -ENOMEM, -EFAULT.
 */
static long do_semtimedop(int semid, struct sembuf *tsops, unsigned int nsops,
			  const struct sem_timespec *timeout)
{
	struct ipc_namespace *ns = current_ns();
	struct sembuf fast_sops[8], *sops = fast_sops;
	struct kern_ipc_perm *ipcp;
	struct sem_array *sma;
	struct sem_queue queue;
	bool undos = false, alter = false;
	unsigned int max_num = 0;
	u64 deadline = 0;               /* ktime_get_ns() when the timeout runs out */
	long error;

	/* Linux's order: E2BIG, EINVAL for nsops, EFAULT, then the id. */
	if (nsops > (unsigned int)ns->sem_ctls[2])
		return -E2BIG;
	if (nsops < 1)
		return -EINVAL;
	if (nsops > ARRAY_SIZE(fast_sops)) {
		sops = kmalloc(nsops * sizeof(*sops), GFP_KERNEL);
		if (!sops)
			return -ENOMEM;
	}
	if (copy_from_user(sops, tsops, nsops * sizeof(*sops))) {
		error = -EFAULT;
		goto out_free;
	}
	if (semid < 0) {
		error = -EINVAL;
		goto out_free;
	}
	if (timeout) {
		if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 ||
		    timeout->tv_nsec >= (s64)NSEC_PER_SEC) {
			error = -EINVAL;
			goto out_free;
		}
		deadline = ktime_get_ns() + timespec_to_ns(timeout->tv_sec, timeout->tv_nsec);
	}
	for (unsigned int i = 0; i < nsops; i++) {
		if (sops[i].sem_num >= max_num)
			max_num = sops[i].sem_num;
		if (sops[i].sem_flg & SEM_UNDO)
			undos = true;
		if (sops[i].sem_op != 0)
			alter = true;
	}

	mutex_lock(&sem_ids(ns).rwsem);
	ipcp = ipc_obtain_object_check(&sem_ids(ns), semid);
	if (IS_ERR(ipcp)) {
		error = PTR_ERR(ipcp);
		goto out_unlock;
	}
	sma = sem_of(ipcp);
	if (max_num >= (unsigned int)sma->sem_nsems) {
		error = -EFBIG;
		goto out_unlock;
	}
	if (ipcperms(ns, ipcp, alter ? S_IWUGO : S_IRUGO)) {
		error = -EACCES;
		goto out_unlock;
	}
	/* What perform_atomic_semop reads; the rest only if we sleep. */
	queue.sops = sops;
	queue.nsops = (int)nsops;
	queue.pid = current->pid;
	queue.undo = NULL;
	if (undos && !(queue.undo = find_alloc_undo(sma, semid))) {
		error = -ENOMEM;
		goto out_unlock;
	}

	error = __perform_atomic_semop(sma, &queue);
	if (error <= 0) {
		if (!error) {
			if (alter && sma->sleepers)
				do_smart_update(sma, sops, (int)nsops, true);
			else
				set_semotime(sma, sops);
		}
		goto out_unlock;
	}

	/* Sleep on the right queue until someone completes us, or not. */
	queue.sleeper = current;
	queue.alter = alter;
	if (nsops == 1) {
		struct sem *curr = &sma->sems[sops[0].sem_num];
		if (!alter)
			list_add_tail(&queue.list, &curr->pending_const);
		else if (sma->complex_count)
			list_add_tail(&queue.list, &sma->pending_alter);   /* keep arrival order */
		else
			list_add_tail(&queue.list, &curr->pending_alter);
	} else {
		if (!sma->complex_count)
			merge_queues(sma);
		list_add_tail(&queue.list, alter ? &sma->pending_alter : &sma->pending_const);
		sma->complex_count++;
	}
	sma->sleepers++;
	if (!alter)
		sma->const_sleepers++;
	queue.status = QUEUE_ASLEEP;
	for (;;) {
		ipc_sleep(&sem_ids(ns), timeout ? deadline : IPC_NO_DEADLINE);
		error = READ_ONCE(queue.status);
		if (error != QUEUE_ASLEEP)
			goto out_unlock;        /* done, or -EIDRM: hands off sma */
		if (signal_pending(current)) {
			error = -EINTR;         /* never restarted, as Linux */
			break;
		}
		/* The clock, not the count of ticks, says whether the time
		 * is up: never a moment early. */
		if (timeout && ktime_get_ns() >= deadline) {
			error = -EAGAIN;
			break;
		}
	}
	/* Still queued, so sma lives: we give up (signal, timeout). */
	unlink_queue(sma, &queue);
	unmerge_queues(sma);

out_unlock:
	mutex_unlock(&sem_ids(ns).rwsem);
out_free:
	if (sops != fast_sops)
		kfree(sops);
	return error;
}

SYSCALL_DEFINE3(semop, int, semid, struct sembuf *, tsops, unsigned int, nsops)
{
	return do_semtimedop(semid, tsops, nsops, NULL);
}

SYSCALL_DEFINE4(semtimedop, int, semid, struct sembuf *, tsops, unsigned int, nsops,
		const struct sem_timespec *, timeout)
{
	struct sem_timespec ts;

	if (!timeout)
		return do_semtimedop(semid, tsops, nsops, NULL);
	if (copy_from_user(&ts, timeout, sizeof(ts)))
		return -EFAULT;
	return do_semtimedop(semid, tsops, nsops, &ts);
}

/* The user's struct semid64_ds and struct seminfo (x86_64). */
struct semid64_ds {
	struct ipc64_perm sem_perm;
	long sem_otime;
	unsigned long __unused1;
	long sem_ctime;
	unsigned long __unused2;
	unsigned long sem_nsems;
	unsigned long __unused3, __unused4;
};
_Static_assert(sizeof(struct semid64_ds) == 104, "semid64_ds layout");

struct seminfo {
	int semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;
};

/* The latest semop time of any semaphore of the set (Linux's get_semotime). */
static s64 get_semotime(struct sem_array *sma)
{
	s64 t = 0;

	for (int i = 0; i < sma->sem_nsems; i++)
		if (sma->sems[i].sem_otime > t)
			t = sma->sems[i].sem_otime;
	return t;
}

/*
 * How many sleepers wait for semaphore semnum to grow (ncnt) or to be
 * zero (zcnt), as Linux's count_semcnt(): everyone on the semaphore's own
 * queue, and each complex sleeper whose blocking operation (the one that
 * stopped it last time it was tried) is on semnum. A complex sleeper is
 * counted on one semaphore only, as SUS says, however many it waits on.
 */
static int count_waiters(struct sem_array *sma, int semnum, bool zero)
{
	struct sem *curr = &sma->sems[semnum];
	struct sem_queue *q;
	int n = 0;

	list_for_each_entry(q, zero ? &curr->pending_const : &curr->pending_alter, list)
		n++;
	for (int k = 0; k < 2; k++) {
		if (k == 1 && !zero)
			break;                  /* pending_const sleepers never wait to grow */
		list_for_each_entry(q, k ? &sma->pending_const : &sma->pending_alter, list) {
			struct sembuf *sop = q->blocking;

			if (sop->sem_num == semnum && (zero ? sop->sem_op == 0 : sop->sem_op < 0))
				n++;
		}
	}
	return n;
}

static long semctl_info(struct ipc_namespace *ns, int cmd, void *buf)
{
	struct seminfo info = {
		.semmni = ns->sem_ctls[3], .semmns = ns->sem_ctls[1], .semmsl = ns->sem_ctls[0],
		.semopm = ns->sem_ctls[2], .semmnu = SEMMNU, .semmap = SEMMNS, .semume = SEMUME,
		.semusz = SEMUSZ, .semvmx = SEMVMX, .semaem = SEMAEM,
	};
	long max;

	mutex_lock(&sem_ids(ns).rwsem);
	if (cmd == SEM_INFO) {
		info.semusz = sem_ids(ns).in_use;
		info.semaem = ns->used_sems;
	}
	max = ipc_get_maxidx(&sem_ids(ns));
	mutex_unlock(&sem_ids(ns).rwsem);
	if (copy_to_user(buf, &info, sizeof(info)))
		return -EFAULT;
	return max < 0 ? 0 : max;
}

/* IPC_STAT, SEM_STAT, SEM_STAT_ANY. */
static long semctl_stat(struct ipc_namespace *ns, int semid, int cmd, void *buf)
{
	struct semid64_ds out;
	struct kern_ipc_perm *ipcp;
	long ret = 0;

	memset(&out, 0, sizeof(out));
	mutex_lock(&sem_ids(ns).rwsem);
	ipcp = ipc_obtain_for_stat(ns, &sem_ids(ns), semid, cmd != IPC_STAT, cmd == SEM_STAT_ANY,
				   &ret);
	if (IS_ERR(ipcp)) {
		ret = PTR_ERR(ipcp);
		goto out_unlock;
	}
	struct sem_array *sma = sem_of(ipcp);
	kernel_to_ipc64_perm(ipcp, &out.sem_perm);
	out.sem_otime = get_semotime(sma);
	out.sem_ctime = sma->sem_ctime;
	out.sem_nsems = (unsigned long)sma->sem_nsems;
out_unlock:
	mutex_unlock(&sem_ids(ns).rwsem);
	if (ret >= 0 && copy_to_user(buf, &out, sizeof(out)))
		return -EFAULT;
	return ret;
}

/* GETVAL GETPID GETNCNT GETZCNT SETVAL GETALL SETALL. */
static long semctl_main(struct ipc_namespace *ns, int semid, int semnum, int cmd,
			unsigned long arg)
{
	unsigned short fast[64], *vals = fast;
	struct kern_ipc_perm *ipcp;
	struct sem_array *sma;
	struct sem_undo *un;
	long ret = 0;
	int nsems;

	mutex_lock(&sem_ids(ns).rwsem);
	ipcp = ipc_obtain_object_check(&sem_ids(ns), semid);
	if (IS_ERR(ipcp)) {
		ret = PTR_ERR(ipcp);
		goto out_unlock;
	}
	sma = sem_of(ipcp);
	nsems = sma->sem_nsems;
	if (cmd == SETVAL && (semnum < 0 || semnum >= nsems)) {
		ret = -EINVAL;
		goto out_unlock;
	}
	if (ipcperms(ns, ipcp, (cmd == SETVAL || cmd == SETALL) ? S_IWUGO : S_IRUGO)) {
		ret = -EACCES;
		goto out_unlock;
	}
	if (cmd == GETALL || cmd == SETALL) {
		if ((size_t)nsems > ARRAY_SIZE(fast)) {
			vals = kmalloc((size_t)nsems * sizeof(*vals), GFP_KERNEL);
			if (!vals) {
				ret = -ENOMEM;
				goto out_unlock;
			}
		}
		if (cmd == GETALL) {
			for (int i = 0; i < nsems; i++)
				vals[i] = (unsigned short)sma->sems[i].semval;
			/* Copying out may fault and sleep: not under the lock. */
			mutex_unlock(&sem_ids(ns).rwsem);
			ret = copy_to_user((void *)arg, vals, (size_t)nsems * sizeof(*vals)) ? -EFAULT : 0;
			goto out_free;
		}
		mutex_unlock(&sem_ids(ns).rwsem);
		if (copy_from_user(vals, (void *)arg, (size_t)nsems * sizeof(*vals))) {
			ret = -EFAULT;
			goto out_free;
		}
		for (int i = 0; i < nsems; i++) {
			if (vals[i] > SEMVMX) {
				ret = -ERANGE;
				goto out_free;
			}
		}
		mutex_lock(&sem_ids(ns).rwsem);
		/* sma may have been freed while the lock was dropped: look it
		 * up again. Gone is -EIDRM, as Linux (which holds a
		 * reference across the copy and finds the set marked). */
		ipcp = ipc_obtain_object_check(&sem_ids(ns), semid);
		if (IS_ERR(ipcp) || sem_of(ipcp)->sem_nsems != nsems) {
			ret = -EIDRM;
			goto out_unlock_free;
		}
		sma = sem_of(ipcp);
		for (int i = 0; i < nsems; i++) {
			sma->sems[i].semval = vals[i];
			sma->sems[i].sempid = current->pid;
		}
		list_for_each_entry(un, &sma->list_id, list_id)
			memset(un->semadj, 0, (size_t)nsems * sizeof(short));
		sma->sem_ctime = now_seconds();
		do_smart_update(sma, NULL, 0, false);
		goto out_unlock_free;
	}
	if (semnum < 0 || semnum >= nsems) {
		ret = -EINVAL;
		goto out_unlock;
	}
	struct sem *curr = &sma->sems[semnum];
	switch (cmd) {
	case GETVAL:
		ret = curr->semval;
		break;
	case GETPID:
		ret = curr->sempid;
		break;
	case GETNCNT:
		ret = count_waiters(sma, semnum, false);
		break;
	case GETZCNT:
		ret = count_waiters(sma, semnum, true);
		break;
	case SETVAL: {
		int val = (int)arg;             /* semun.val: the low 32 bits, checked */
		list_for_each_entry(un, &sma->list_id, list_id)
			un->semadj[semnum] = 0;
		curr->semval = val;
		curr->sempid = current->pid;
		sma->sem_ctime = now_seconds();
		do_smart_update(sma, NULL, 0, false);
		break;
	}
	}
out_unlock:
	mutex_unlock(&sem_ids(ns).rwsem);
	return ret;
out_unlock_free:
	mutex_unlock(&sem_ids(ns).rwsem);
out_free:
	if (vals != fast)
		kfree(vals);
	return ret;
}

/* IPC_SET, IPC_RMID: the owner's commands. */
static long semctl_down(struct ipc_namespace *ns, int semid, int cmd, unsigned long arg)
{
	struct semid64_ds in;
	struct kern_ipc_perm *ipcp;
	long ret;

	if (cmd == IPC_SET && copy_from_user(&in, (void *)arg, sizeof(in)))
		return -EFAULT;
	mutex_lock(&sem_ids(ns).rwsem);
	ret = ipcctl_obtain_check(&sem_ids(ns), semid, &ipcp);
	if (ret)
		goto out_unlock;
	if (cmd == IPC_RMID) {
		freeary(ns, sem_of(ipcp));
	} else {
		ret = ipc_update_perm(&in.sem_perm, ipcp);
		if (!ret)
			sem_of(ipcp)->sem_ctime = now_seconds();
	}
out_unlock:
	mutex_unlock(&sem_ids(ns).rwsem);
	return ret;
}

SYSCALL_DEFINE4(semctl, int, semid, int, semnum, int, cmd, unsigned long, arg)
{
	struct ipc_namespace *ns = current_ns();

	if (semid < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return semctl_info(ns, cmd, (void *)arg);
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		return semctl_stat(ns, semid, cmd, (void *)arg);
	case GETALL:
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETALL:
		return semctl_main(ns, semid, semnum, cmd, arg);
	case SETVAL:
		/* As Linux: the value is checked before the id, the id before
		 * semnum, semnum before the permission. */
		if ((int)arg < 0 || (int)arg > SEMVMX)
			return -ERANGE;
		return semctl_main(ns, semid, semnum, cmd, arg);
	case IPC_SET:
	case IPC_RMID:
		return semctl_down(ns, semid, cmd, arg);
	default:
		return -EINVAL;
	}
}

/*
 * copy_semundo - at fork: the child starts with no undo records, or with
 * CLONE_SYSVSEM shares its parent's list (made now if the parent has
 * none), so that the adjustments of both are applied when the last of
 * them exits.
 *
 * Context: process context (fork). Return: 0, or -ENOMEM.
 */
int copy_semundo(unsigned long clone_flags, struct task_struct *child)
{
	struct ipc_namespace *ns = current->nsproxy->ipc_ns;
	int error = 0;

	child->sysvsem.undo_list = NULL;
	if (!(clone_flags & CLONE_SYSVSEM))
		return 0;
	mutex_lock(&sem_ids(ns).rwsem);
	struct sem_undo_list *ulp = get_undo_list();
	if (ulp) {
		ulp->refcnt++;
		child->sysvsem.undo_list = ulp;
	} else {
		error = -ENOMEM;
	}
	mutex_unlock(&sem_ids(ns).rwsem);
	return error;
}

/*
 * exit_sem - drop the task's hold on its undo records; the last process
 * holding them (there are several after CLONE_SYSVSEM) applies and frees
 * them: each semaphore gets its adjustment back, clamped to 0..SEMVMX
 * (Linux does the same), and sleepers are woken as after any change.
 *
 * Context: process context (exit, unshare).
 */
void exit_sem(struct task_struct *task)
{
	struct sem_undo_list *ulp = task->sysvsem.undo_list;
	struct ipc_namespace *ns = task->nsproxy->ipc_ns;
	struct sem_undo *un, *tmp;

	if (!ulp)
		return;
	task->sysvsem.undo_list = NULL;
	mutex_lock(&sem_ids(ns).rwsem);
	if (--ulp->refcnt > 0) {
		mutex_unlock(&sem_ids(ns).rwsem);
		return;                 /* a CLONE_SYSVSEM sharer still runs */
	}
	list_for_each_entry_safe(un, tmp, &ulp->list_proc, list_proc) {
		struct kern_ipc_perm *ipcp = ipc_obtain_object_check(&sem_ids(ns), un->semid);

		if (!IS_ERR(ipcp)) {
			struct sem_array *sma = sem_of(ipcp);

			for (int i = 0; i < sma->sem_nsems; i++) {
				int val = sma->sems[i].semval + un->semadj[i];

				if (!un->semadj[i])
					continue;
				sma->sems[i].semval = val < 0 ? 0 : val > SEMVMX ? SEMVMX : val;
				sma->sems[i].sempid = task->pid;
			}
			/* Linux counts this as an operation: sem_otime changes
			 * (on semaphore 0, as its set_semotime() without sops). */
			do_smart_update(sma, NULL, 0, true);
		}
		free_undo(un);
	}
	mutex_unlock(&sem_ids(ns).rwsem);
	kfree(ulp);
}

/* sem_exit_ns - free_ipcs for semaphores: the namespace is going. */
void sem_exit_ns(struct ipc_namespace *ns)
{
	struct kern_ipc_perm *ipcp;
	int idx;

	mutex_lock(&sem_ids(ns).rwsem);
	idr_for_each_entry(&sem_ids(ns).ipcs_idr, ipcp, idx)
		freeary(ns, sem_of(ipcp));
	mutex_unlock(&sem_ids(ns).rwsem);
}
