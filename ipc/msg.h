/*
 * msg.h - System V message queues in the kernel (Linux's struct
 * msg_queue, msg_msg, msg_msgseg, msg_receiver, msg_sender).
 *
 * Locking: the namespace's msg ids rwsem (msg_ids(ns).rwsem) guards every
 * field of every structure here while it is on a queue; ipc/msg.c says
 * how sleepers and wakers use it.
 */
#ifndef IPC_MSG_H
#define IPC_MSG_H

#include "ipc/util.h"
#include "lib/list.h"

struct task_struct;
struct ipc_namespace;

/*
 * A message: a header and the first bytes, then a chain of segments.
 * Made (load_msg) and read out (store_msg) by one task outside the lock;
 * on q_messages, or in a receiver's r_msg, under the queue's lock; freed
 * by whoever took it last (msgrcv), or by freeque.
 */
struct msg_msgseg {
	struct msg_msgseg *next;
	/* the next bytes follow */
};

struct msg_msg {
	struct list_head m_list;        /* on q_messages */
	long m_type;
	size_t m_ts;                    /* bytes of text */
	struct msg_msgseg *next;
	/* the first bytes of text follow */
};

/*
 * A queue. Every field, and the lists, under the ids rwsem. Dies at
 * IPC_RMID (or with its namespace): freeque frees it and its messages at
 * once, after telling every sleeper EIDRM.
 */
struct msg_queue {
	struct kern_ipc_perm q_perm;    /* first: the common header */
	s64 q_stime, q_rtime, q_ctime;  /* last msgsnd, last msgrcv, last change */
	unsigned long q_cbytes;         /* bytes of text in the queue */
	unsigned long q_qnum;           /* messages in the queue */
	unsigned long q_qbytes;         /* the most bytes it may hold */
	int q_lspid, q_lrpid;           /* last sender, last receiver */
	struct list_head q_messages;
	long q_sentinel_type;           /* find_msg's sentinel: after q_messages as
					 * m_type is after m_list in a msg_msg */
	struct list_head q_receivers;   /* struct msg_receiver, sleeping */
	struct list_head q_senders;     /* struct msg_sender, sleeping */
};

/*
 * A sleeping msgrcv, on its own stack; lives as long as the call. Under
 * the ids rwsem, like the queue it sleeps on.
 */
struct msg_receiver {
	struct list_head r_list;        /* on q_receivers until a sender takes it off
					 * (r_msg a message or -E2BIG) or it takes
					 * itself off; expunge_all leaves it there */
	struct task_struct *r_tsk;
	int r_mode;                     /* SEARCH_* */
	long r_msgtype;
	long r_maxsize;
	struct msg_msg *r_msg;          /* ERR_PTR(-EAGAIN) while queued; then the
					 * message, ERR_PTR(-E2BIG) or ERR_PTR(-EIDRM) */
};

/* A sleeping msgsnd, waiting for room, on its own stack. Under the ids rwsem. */
struct msg_sender {
	struct list_head list;          /* on q_senders; emptied by IPC_RMID */
	struct task_struct *tsk;
	size_t msgsz;
};

/* msgutil.c */
struct msg_msg *load_msg(const void *src, size_t len);
int store_msg(void *dest, struct msg_msg *msg, size_t len);
void free_msg(struct msg_msg *msg);
struct msg_msg *copy_msg(struct msg_msg *src);

void msg_init_ns(struct ipc_namespace *ns);
void msg_exit_ns(struct ipc_namespace *ns);

#endif /* IPC_MSG_H */
