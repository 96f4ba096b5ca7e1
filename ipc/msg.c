/*
 * msg.c - System V message queues, as the seeds describe Linux's
 * ipc/msg.c: msgget (newque), msgsnd (do_msgsnd, pipelined_send), msgrcv
 * (do_msgrcv, find_msg), msgctl (freeque on IPC_RMID).
 *
 * A queue is a struct msg_queue: the common header and a list of messages
 * (struct msg_msg, ipc/msgutil.c) in the order they were sent. Its limits:
 * q_qbytes bytes of text, and as many messages as that number (Linux's
 * rule, so a queue of one-byte messages fills too).
 *
 *	msgsnd    copies the text in before taking any lock (load_msg). If a
 *	          receiver sleeps waiting for a message like it, the message
 *	          goes straight to it (pipelined_send) without entering the
 *	          queue. Otherwise it is queued, or, if the queue is full, the
 *	          sender sleeps on q_senders (EAGAIN with IPC_NOWAIT) until a
 *	          receive makes room.
 *	msgrcv    takes the first message that matches msgtyp: 0 any; > 0 that
 *	          type (MSG_EXCEPT: any other type); < 0 the lowest type not
 *	          above |msgtyp|. A text longer than msgsz is E2BIG, unless
 *	          MSG_NOERROR cuts it. With no match it sleeps on q_receivers
 *	          (ENOMSG with IPC_NOWAIT); a sender hands it a message.
 *	          MSG_COPY (with IPC_NOWAIT) copies the message at position
 *	          msgtyp without removing it.
 *	IPC_SET   wakes every receiver to look again (it may have lost the
 *	          right to read) and the senders whose message now fits.
 *	IPC_RMID  wakes every sleeper with EIDRM and frees the queue and
 *	          every message in it, at once.
 *
 * Sleepers follow ipc_sleep()'s protocol (ipc/util.c), as Linux's
 * msg.c. A receiver's record is its r_msg: ERR_PTR(-EAGAIN) while it is
 * queued on q_receivers; a sender that hands it a message (or finds its
 * buffer too small) takes it off the list and writes the message (or
 * -E2BIG) there; expunge_all() writes a result for every receiver but
 * leaves them on the list: -EAGAIN ("look again": the receiver takes
 * itself off and searches again) or -EIDRM (the queue is gone: it must
 * not be touched). A sender's record is its place on q_senders: still
 * there, the queue lives and the sender takes itself off; emptied by
 * ss_wakeup(kill), the queue is gone (EIDRM).
 *
 * A signal ends a sleep with -ERESTARTNOHAND: EINTR if a handler runs,
 * restarted otherwise, as Linux.
 *
 * Locking: the namespace's msg ids rwsem guards every queue, its messages
 * and sleepers, and the namespace's message counters (msg_bytes,
 * msg_hdrs); msg.h writes it on each structure. A message's text is
 * copied in (load_msg) before the lock is taken and out (store_msg) after
 * it is dropped, when the message belongs to no queue.
 */
#include "fs/stat.h"
#include "ipc/msg.h"
#include "ipc/namespace.h"
#include "kernel/errno.h"
#include "kernel/nsproxy.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "lib/err.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define MSG_NOERROR     010000
#define MSG_EXCEPT      020000
#define MSG_COPY        040000
#define MSG_STAT        11
#define MSG_INFO        12
#define MSG_STAT_ANY    13
#define MSGSSZ          16
#define MSGSEG          0xffff
#define MSGPOOL         (MSGMNI * MSGMNB / 1024)
#define MSGMAP          MSGMNB
#define MSGTQL          MSGMNB

enum { SEARCH_ANY = 1, SEARCH_EQUAL, SEARCH_NOTEQUAL, SEARCH_LESSEQUAL, SEARCH_NUMBER };

#define msg_ids(ns)     ((ns)->ids[IPC_MSG_IDS])
/* msg_receiver.r_msg while it is queued: asleep, or woken to look again. */
#define RECEIVER_QUEUED ERR_PTR(-EAGAIN)

static struct ipc_namespace *current_ns(void)
{
	return current->nsproxy->ipc_ns;
}

static struct msg_queue *msq_of(struct kern_ipc_perm *perm)
{
	return container_of(perm, struct msg_queue, q_perm);
}

static s64 now_seconds(void)
{
	return (s64)(ktime_get_real_ns() / NSEC_PER_SEC);
}

/* msg_init_ns - the message limits of a new namespace. */
void msg_init_ns(struct ipc_namespace *ns)
{
	ns->msg_ctlmax = MSGMAX;
	ns->msg_ctlmnb = MSGMNB;
	ns->msg_ctlmni = MSGMNI;
	ns->msg_bytes = 0;
	ns->msg_hdrs = 0;
}

/* newque - ipc_ops.getnew for msgget: a new, empty queue. Caller holds the ids lock. */
static int newque(struct ipc_namespace *ns, struct ipc_params *params)
{
	struct msg_queue *msq = kzalloc(sizeof(*msq), GFP_KERNEL);
	int err;

	if (!msq)
		return -ENOMEM;
	msq->q_perm.key = params->key;
	msq->q_perm.mode = (unsigned int)params->flg & 0777;
	msq->q_ctime = now_seconds();
	msq->q_qbytes = ns->msg_ctlmnb;
	INIT_LIST_HEAD(&msq->q_messages);
	INIT_LIST_HEAD(&msq->q_receivers);
	INIT_LIST_HEAD(&msq->q_senders);
	err = ipc_addid(&msg_ids(ns), &msq->q_perm, (int)ns->msg_ctlmni);
	if (err < 0) {
		kfree(msq);
		return err;
	}
	return msq->q_perm.id;
}

SYSCALL_DEFINE2(msgget, key_t, key, int, msgflg)
{
	static const struct ipc_ops msg_ops = { .getnew = newque };
	struct ipc_namespace *ns = current_ns();
	struct ipc_params params = { .key = key, .flg = msgflg };

	return ipcget(ns, &msg_ids(ns), &msg_ops, &params);
}

/* Is there room for a message of msgsz bytes? (bytes, and messages:
 * no more messages than msg_qbytes, as Linux) */
static bool msg_fits_inqueue(struct msg_queue *msq, size_t msgsz)
{
	return msgsz + msq->q_cbytes <= msq->q_qbytes && 1 + msq->q_qnum <= msq->q_qbytes;
}

/*
 * ss_wakeup - the sleeping senders. kill (IPC_RMID): take every one off
 * the list, which tells it the queue is gone (EIDRM), and wake it.
 * Otherwise (room was made, or IPC_SET): wake those whose message now
 * fits, in the order they came, and move the others to the back of the
 * list on their behalf, as Linux. Caller holds the ids lock.
 */
static void ss_wakeup(struct msg_queue *msq, bool kill)
{
	struct msg_sender *mss, *tmp, *stop = NULL;

	list_for_each_entry_safe(mss, tmp, &msq->q_senders, list) {
		if (kill) {
			list_del_init(&mss->list);
		} else if (mss == stop) {
			break;                  /* back at the first one moved: done */
		} else if (!msg_fits_inqueue(msq, mss->msgsz)) {
			if (!stop)
				stop = mss;
			list_move_tail(&mss->list, &msq->q_senders);
			continue;
		}
		wake_up_process(mss->tsk);
	}
}

/*
 * expunge_all - write res into every sleeping receiver's r_msg and wake
 * it, leaving it on q_receivers: -EAGAIN (IPC_SET: look again; each
 * takes itself off the list) or -EIDRM (IPC_RMID: the queue is about to
 * be freed; nobody touches the list again). Caller holds the ids lock.
 */
static void expunge_all(struct msg_queue *msq, int res)
{
	struct msg_receiver *msr;

	list_for_each_entry(msr, &msq->q_receivers, r_list) {
		WRITE_ONCE(msr->r_msg, ERR_PTR(res));
		wake_up_process(msr->r_tsk);
	}
}

/* Does msg match what a receiver asked for? */
static bool testmsg(struct msg_msg *msg, long type, int mode)
{
	switch (mode) {
	case SEARCH_ANY:
	case SEARCH_NUMBER:
		return true;
	case SEARCH_LESSEQUAL:
		return msg->m_type <= type;
	case SEARCH_EQUAL:
		return msg->m_type == type;
	case SEARCH_NOTEQUAL:
		return msg->m_type != type;
	}
	return false;
}

/*
 * Hand msg to a sleeping receiver that wants it: off the list, the
 * message in its r_msg, woken. A receiver whose buffer is too small gets
 * E2BIG instead and the search goes on, as Linux. now: the time, in
 * seconds, for q_rtime.
 * Return: true if a receiver took it. Caller holds the ids lock.
 */
static bool pipelined_send(struct msg_queue *msq, struct msg_msg *msg, s64 now)
{
	struct msg_receiver *msr, *tmp;

	list_for_each_entry_safe(msr, tmp, &msq->q_receivers, r_list) {
		if (!testmsg(msg, msr->r_msgtype, msr->r_mode))
			continue;
		list_del_init(&msr->r_list);
		if (msr->r_maxsize < (long)msg->m_ts) {
			WRITE_ONCE(msr->r_msg, ERR_PTR(-E2BIG));
			wake_up_process(msr->r_tsk);
			continue;
		}
		msq->q_lrpid = msr->r_tsk->pid;
		msq->q_rtime = now;
		WRITE_ONCE(msr->r_msg, msg);
		wake_up_process(msr->r_tsk);
		return true;
	}
	return false;
}

/*
 * do_msgsnd - send a message of msgsz bytes with type mtype, text at user
 * mtext.
 *
 * Return: 0; -EINVAL, -EACCES, -EAGAIN (full, IPC_NOWAIT), -EIDRM,
 * -ERESTARTNOHAND (a signal), -EFAULT, -ENOMEM.
 */
static long do_msgsnd(int msqid, long mtype, const void *mtext, size_t msgsz, int msgflg)
{
	struct ipc_namespace *ns = current_ns();
	struct kern_ipc_perm *ipcp;
	struct msg_queue *msq;
	struct msg_msg *msg;
	long err;

	if (msgsz > ns->msg_ctlmax || (long)msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (mtype < 1)
		return -EINVAL;
	msg = load_msg(mtext, msgsz);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	msg->m_type = mtype;

	mutex_lock(&msg_ids(ns).rwsem);
	ipcp = ipc_obtain_object_check(&msg_ids(ns), msqid);
	if (IS_ERR(ipcp)) {
		err = PTR_ERR(ipcp);
		goto out_unlock;
	}
	msq = msq_of(ipcp);
	for (;;) {
		struct msg_sender s;

		if (ipcperms(ns, ipcp, S_IWUGO)) {
			err = -EACCES;
			goto out_unlock;
		}
		if (msg_fits_inqueue(msq, msgsz))
			break;
		if (msgflg & IPC_NOWAIT) {
			err = -EAGAIN;
			goto out_unlock;
		}
		/* Wait for room (ipc_sleep's protocol). */
		s.tsk = current;
		s.msgsz = msgsz;
		list_add_tail(&s.list, &msq->q_senders);
		ipc_sleep(&msg_ids(ns), IPC_NO_DEADLINE);
		if (list_empty(&s.list)) {
			err = -EIDRM;           /* freeque took us off: msq is freed */
			goto out_unlock;
		}
		list_del(&s.list);              /* still queued, so msq lives */
		if (signal_pending(current)) {
			err = -ERESTARTNOHAND;
			goto out_unlock;
		}
	}

	msq->q_lspid = current->pid;
	msq->q_stime = now_seconds();
	/* A receiver that takes it receives it now too: one clock read. */
	if (!pipelined_send(msq, msg, msq->q_stime)) {
		list_add_tail(&msg->m_list, &msq->q_messages);
		msq->q_cbytes += msgsz;
		msq->q_qnum++;
		ns->msg_bytes += msgsz;
		ns->msg_hdrs++;
	}
	msg = NULL;
	err = 0;
out_unlock:
	mutex_unlock(&msg_ids(ns).rwsem);
	if (msg)
		free_msg(msg);
	return err;
}

SYSCALL_DEFINE4(msgsnd, int, msqid, const void *, msgp, size_t, msgsz, int, msgflg)
{
	long mtype;

	/* As Linux: the type is read before anything else is checked. */
	if (get_user(mtype, (const long *)msgp))
		return -EFAULT;
	return do_msgsnd(msqid, mtype, (const char *)msgp + sizeof(long), msgsz, msgflg);
}

/* How msgtyp and msgflg choose (Linux's convert_mode). */
static int convert_mode(long *msgtyp, int msgflg)
{
	if (msgflg & MSG_COPY)
		return SEARCH_NUMBER;
	if (*msgtyp == 0)
		return SEARCH_ANY;
	if (*msgtyp < 0) {
		*msgtyp = *msgtyp == -__LONG_MAX__ - 1 ? __LONG_MAX__ : -*msgtyp;
		return SEARCH_LESSEQUAL;
	}
	return (msgflg & MSG_EXCEPT) ? SEARCH_NOTEQUAL : SEARCH_EQUAL;
}

BUILD_BUG_ON(offsetof(struct msg_queue, q_sentinel_type) - offsetof(struct msg_queue, q_messages)
	     != offsetof(struct msg_msg, m_type) - offsetof(struct msg_msg, m_list));

/*
 * The message msgrcv takes, or NULL: the first that matches, or for
 * SEARCH_LESSEQUAL the first of the lowest type. One loop per mode, so
 * that a search of a long queue costs a compare per message. Caller holds
 * the ids lock.
 *
 * By type (SEARCH_EQUAL, SEARCH_NOTEQUAL) the loop has a sentinel: seen
 * as a message, the list head's m_type is msq->q_sentinel_type, which is
 * set first so that the head matches. The loop then stops at a match or
 * at the head without testing for the head at each message (three
 * instructions a message instead of five), and one test after it says
 * which.
 */
static struct msg_msg *find_msg(struct msg_queue *msq, long type, int mode)
{
	struct msg_msg *msg, *found = NULL, *head = list_entry(&msq->q_messages, struct msg_msg, m_list);
	long count = 0;

	switch (mode) {
	case SEARCH_ANY:
		return list_first_entry_or_null(&msq->q_messages, struct msg_msg, m_list);
	case SEARCH_NUMBER:
		list_for_each_entry(msg, &msq->q_messages, m_list)
			if (count++ == type)
				return msg;
		return NULL;
	case SEARCH_EQUAL:
		msq->q_sentinel_type = type;
		barrier();              /* stored before the loop reads it as head->m_type */
		msg = list_first_entry(&msq->q_messages, struct msg_msg, m_list);
		while (msg->m_type != type)
			msg = list_next_entry(msg, m_list);
		return msg == head ? NULL : msg;
	case SEARCH_NOTEQUAL:
		msq->q_sentinel_type = ~type;   /* anything but type */
		barrier();
		msg = list_first_entry(&msq->q_messages, struct msg_msg, m_list);
		while (msg->m_type == type)
			msg = list_next_entry(msg, m_list);
		return msg == head ? NULL : msg;
	case SEARCH_LESSEQUAL:
		list_for_each_entry(msg, &msq->q_messages, m_list) {
			if (msg->m_type <= type && (!found || msg->m_type < found->m_type)) {
				found = msg;
				if (msg->m_type == 1)
					break;          /* nothing can be lower */
			}
		}
		return found;
	}
	return NULL;
}

/*
 * do_msgrcv - receive into user buf (mtype then text, at most msgsz bytes).
 *
 * Return: the bytes of text copied; -EINVAL, -EACCES, -E2BIG, -ENOMSG
 * (IPC_NOWAIT), -EIDRM, -ERESTARTNOHAND (a signal), -EFAULT, -ENOMEM
 * (MSG_COPY's copy).
 */
static long do_msgrcv(int msqid, void *buf, size_t msgsz, long msgtyp, int msgflg)
{
	struct ipc_namespace *ns = current_ns();
	int mode = convert_mode(&msgtyp, msgflg);
	struct kern_ipc_perm *ipcp;
	struct msg_queue *msq;
	struct msg_msg *msg;
	long ret;

	if (msqid < 0 || (long)msgsz < 0)
		return -EINVAL;
	if ((msgflg & MSG_COPY) && !(msgflg & IPC_NOWAIT))
		return -EINVAL;
	if ((msgflg & MSG_COPY) && (msgflg & MSG_EXCEPT))
		return -EINVAL;
	if (msgflg & MSG_COPY) {
		/* Linux reads the user's buffer into its copy first (prepare_copy),
		 * so a bad buffer is EFAULT before the id is even looked at. */
		struct msg_msg *probe = load_msg(buf, min(msgsz, (size_t)ns->msg_ctlmax));

		if (IS_ERR(probe))
			return PTR_ERR(probe);
		free_msg(probe);
	}

	mutex_lock(&msg_ids(ns).rwsem);
	ipcp = ipc_obtain_object_check(&msg_ids(ns), msqid);
	if (IS_ERR(ipcp)) {
		mutex_unlock(&msg_ids(ns).rwsem);
		return PTR_ERR(ipcp);
	}
	msq = msq_of(ipcp);
	for (;;) {
		struct msg_receiver msr;

		if (ipcperms(ns, ipcp, S_IRUGO)) {
			msg = ERR_PTR(-EACCES);
			break;
		}
		msg = find_msg(msq, msgtyp, mode);
		if (msg) {
			if (msgsz < msg->m_ts && !(msgflg & MSG_NOERROR)) {
				msg = ERR_PTR(-E2BIG);
				break;
			}
			if (msgflg & MSG_COPY) {
				/* Linux's copy buffer is msgsz long: a longer
				 * message does not fit even with MSG_NOERROR. */
				msg = msgsz < msg->m_ts ? ERR_PTR(-EINVAL) : copy_msg(msg);
				break;
			}
			list_del(&msg->m_list);
			msq->q_qnum--;
			msq->q_cbytes -= msg->m_ts;
			msq->q_rtime = now_seconds();
			msq->q_lrpid = current->pid;
			ns->msg_bytes -= msg->m_ts;
			ns->msg_hdrs--;
			ss_wakeup(msq, false);
			break;
		}
		if (msgflg & IPC_NOWAIT) {
			msg = ERR_PTR(-ENOMSG);
			break;
		}
		/* Sleep until a sender hands us one, the queue goes, or a
		 * signal (ipc_sleep's protocol). */
		msr.r_tsk = current;
		msr.r_msgtype = msgtyp;
		msr.r_mode = mode;
		msr.r_maxsize = (msgflg & MSG_NOERROR) ? __LONG_MAX__ : (long)msgsz;
		msr.r_msg = RECEIVER_QUEUED;
		list_add_tail(&msr.r_list, &msq->q_receivers);
		ipc_sleep(&msg_ids(ns), IPC_NO_DEADLINE);
		msg = READ_ONCE(msr.r_msg);
		if (msg != RECEIVER_QUEUED)
			break;                  /* a message, or -E2BIG, or -EIDRM: hands off msq */
		/* Still queued, so msq lives: woken by a signal, or to look
		 * again (IPC_SET). Off the list, and round again. */
		list_del(&msr.r_list);
		if (signal_pending(current)) {
			msg = ERR_PTR(-ERESTARTNOHAND);
			break;
		}
	}
	mutex_unlock(&msg_ids(ns).rwsem);
	if (IS_ERR(msg))
		return PTR_ERR(msg);

	size_t n = min(msgsz, msg->m_ts);
	ret = (long)n;
	if (put_user(msg->m_type, (long *)buf) || store_msg((char *)buf + sizeof(long), msg, n))
		ret = -EFAULT;
	free_msg(msg);
	return ret;
}

SYSCALL_DEFINE5(msgrcv, int, msqid, void *, msgp, size_t, msgsz, long, msgtyp, int, msgflg)
{
	return do_msgrcv(msqid, msgp, msgsz, msgtyp, msgflg);
}

/*
 * Free a queue (IPC_RMID, or its namespace is going): tell every sleeper
 * EIDRM and wake it, take the queue out of the table, free its messages
 * and itself. Caller holds the ids lock.
 */
static void freeque(struct ipc_namespace *ns, struct msg_queue *msq)
{
	struct msg_msg *msg, *tmp_m;

	expunge_all(msq, -EIDRM);
	ss_wakeup(msq, true);
	ipc_rmid(&msg_ids(ns), &msq->q_perm);
	list_for_each_entry_safe(msg, tmp_m, &msq->q_messages, m_list) {
		ns->msg_bytes -= msg->m_ts;
		ns->msg_hdrs--;
		free_msg(msg);
	}
	kfree(msq);
}

/* The user's struct msqid64_ds and struct msginfo (x86_64). */
struct msqid64_ds {
	struct ipc64_perm msg_perm;
	long msg_stime, msg_rtime, msg_ctime;
	unsigned long msg_cbytes, msg_qnum, msg_qbytes;
	int msg_lspid, msg_lrpid;
	unsigned long __unused4, __unused5;
};
_Static_assert(sizeof(struct msqid64_ds) == 120, "msqid64_ds layout");

struct msginfo {
	int msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	unsigned short msgseg;
};

static long msgctl_info(struct ipc_namespace *ns, int cmd, void *buf)
{
	struct msginfo info = {
		.msgmni = (int)ns->msg_ctlmni, .msgmax = (int)ns->msg_ctlmax,
		.msgmnb = (int)ns->msg_ctlmnb, .msgssz = MSGSSZ, .msgseg = MSGSEG,
		.msgpool = MSGPOOL, .msgmap = MSGMAP, .msgtql = MSGTQL,
	};
	long max;

	mutex_lock(&msg_ids(ns).rwsem);
	if (cmd == MSG_INFO) {
		info.msgpool = msg_ids(ns).in_use;
		info.msgmap = (int)ns->msg_hdrs;
		info.msgtql = (int)ns->msg_bytes;
	}
	max = ipc_get_maxidx(&msg_ids(ns));
	mutex_unlock(&msg_ids(ns).rwsem);
	if (copy_to_user(buf, &info, sizeof(info)))
		return -EFAULT;
	return max < 0 ? 0 : max;
}

static long msgctl_stat(struct ipc_namespace *ns, int msqid, int cmd, void *buf)
{
	struct msqid64_ds out;
	struct kern_ipc_perm *ipcp;
	long ret = 0;

	memset(&out, 0, sizeof(out));
	mutex_lock(&msg_ids(ns).rwsem);
	ipcp = ipc_obtain_for_stat(ns, &msg_ids(ns), msqid, cmd != IPC_STAT, cmd == MSG_STAT_ANY,
				   &ret);
	if (IS_ERR(ipcp)) {
		ret = PTR_ERR(ipcp);
		goto out_unlock;
	}
	struct msg_queue *msq = msq_of(ipcp);
	kernel_to_ipc64_perm(ipcp, &out.msg_perm);
	out.msg_stime = msq->q_stime;
	out.msg_rtime = msq->q_rtime;
	out.msg_ctime = msq->q_ctime;
	out.msg_cbytes = msq->q_cbytes;
	out.msg_qnum = msq->q_qnum;
	out.msg_qbytes = msq->q_qbytes;
	out.msg_lspid = msq->q_lspid;
	out.msg_lrpid = msq->q_lrpid;
out_unlock:
	mutex_unlock(&msg_ids(ns).rwsem);
	if (ret >= 0 && copy_to_user(buf, &out, sizeof(out)))
		return -EFAULT;
	return ret;
}

static long msgctl_down(struct ipc_namespace *ns, int msqid, int cmd, void *buf)
{
	struct msqid64_ds in;
	struct kern_ipc_perm *ipcp;
	long ret;

	if (cmd == IPC_SET && copy_from_user(&in, buf, sizeof(in)))
		return -EFAULT;
	mutex_lock(&msg_ids(ns).rwsem);
	ret = ipcctl_obtain_check(&msg_ids(ns), msqid, &ipcp);
	if (ret)
		goto out_unlock;
	struct msg_queue *msq = msq_of(ipcp);
	if (cmd == IPC_RMID) {
		freeque(ns, msq);
		goto out_unlock;
	}
	/* Linux keeps the low 32 bits of the new size. */
	unsigned long qbytes = (u32)in.msg_qbytes;
	if (qbytes > ns->msg_ctlmnb && current->euid != 0) {
		ret = -EPERM;                   /* CAP_SYS_RESOURCE to go above msgmnb */
		goto out_unlock;
	}
	ret = ipc_update_perm(&in.msg_perm, ipcp);
	if (ret)
		goto out_unlock;
	msq->q_qbytes = qbytes;
	msq->q_ctime = now_seconds();
	/* Sleeping receivers may have lost their right to read: they look
	 * again, staying queued until they run, so that an IPC_RMID before
	 * then still finds them. Senders may have room now. */
	expunge_all(msq, -EAGAIN);
	ss_wakeup(msq, false);
out_unlock:
	mutex_unlock(&msg_ids(ns).rwsem);
	return ret;
}

SYSCALL_DEFINE3(msgctl, int, msqid, int, cmd, void *, buf)
{
	struct ipc_namespace *ns = current_ns();

	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msgctl_info(ns, cmd, buf);
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		return msgctl_stat(ns, msqid, cmd, buf);
	case IPC_SET:
	case IPC_RMID:
		return msgctl_down(ns, msqid, cmd, buf);
	default:
		return -EINVAL;
	}
}

/* msg_exit_ns - free_ipcs for message queues: the namespace is going. */
void msg_exit_ns(struct ipc_namespace *ns)
{
	struct kern_ipc_perm *ipcp;
	int idx;

	mutex_lock(&msg_ids(ns).rwsem);
	idr_for_each_entry(&msg_ids(ns).ipcs_idr, ipcp, idx)
		freeque(ns, msq_of(ipcp));
	mutex_unlock(&msg_ids(ns).rwsem);
}
