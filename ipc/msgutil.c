/*
 * msgutil.c - a message's text in kernel memory, as Linux's
 * ipc/msgutil.c: load_msg copies it in from the sender, store_msg out to
 * the receiver, free_msg frees it.
 *
 * A message is one struct msg_msg holding its first DATALEN_MSG bytes,
 * then as many struct msg_msgseg as needed, each holding DATALEN_SEG
 * more: no allocation is bigger than a page, whatever the message's size
 * (up to msg_ctlmax).
 *
 * Locking: none of its own. load_msg, store_msg and free_msg work on a
 * message that belongs to one task (msgsnd before it queues it, msgrcv
 * after it took it off), outside the queue's lock, since the user copies
 * may fault and sleep; copy_msg (MSG_COPY) reads a queued message, under
 * the msg ids rwsem that its caller holds.
 */
#include "ipc/msg.h"
#include "kernel/errno.h"
#include "lib/err.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define DATALEN_MSG     (PAGE_SIZE - sizeof(struct msg_msg))
#define DATALEN_SEG     (PAGE_SIZE - sizeof(struct msg_msgseg))

/* Allocate a message of len bytes, segments included (text not set). */
static __always_inline struct msg_msg *alloc_msg(size_t len)
{
	size_t alen = min(len, DATALEN_MSG);
	struct msg_msg *msg = kmalloc(sizeof(*msg) + alen, GFP_KERNEL);
	struct msg_msgseg **pseg;

	if (!msg)
		return NULL;
	msg->next = NULL;
	msg->m_ts = len;
	len -= alen;
	pseg = &msg->next;
	while (len > 0) {
		alen = min(len, DATALEN_SEG);
		struct msg_msgseg *seg = kmalloc(sizeof(*seg) + alen, GFP_KERNEL);
		if (!seg) {
			free_msg(msg);
			return NULL;
		}
		seg->next = NULL;
		*pseg = seg;
		pseg = &seg->next;
		len -= alen;
	}
	return msg;
}

/*
 * load_msg - a new message with len bytes copied from user src.
 *
 * Return: it, or ERR_PTR(-ENOMEM / -EFAULT).
 */
struct msg_msg *load_msg(const void *src, size_t len)
{
	struct msg_msg *msg = alloc_msg(len);
	size_t alen;

	if (!msg)
		return ERR_PTR(-ENOMEM);
	alen = min(len, DATALEN_MSG);
	if (copy_from_user(msg + 1, src, alen))
		goto out_fault;
	src = (const char *)src + alen;
	len -= alen;
	for (struct msg_msgseg *seg = msg->next; seg; seg = seg->next) {
		alen = min(len, DATALEN_SEG);
		if (copy_from_user(seg + 1, src, alen))
			goto out_fault;
		src = (const char *)src + alen;
		len -= alen;
	}
	return msg;

out_fault:
	free_msg(msg);
	return ERR_PTR(-EFAULT);
}

/* store_msg - copy the first len bytes of msg to user dest. Return: 0 or -EFAULT. */
int store_msg(void *dest, struct msg_msg *msg, size_t len)
{
	size_t alen = min(len, DATALEN_MSG);

	if (copy_to_user(dest, msg + 1, alen))
		return -EFAULT;
	dest = (char *)dest + alen;
	len -= alen;
	for (struct msg_msgseg *seg = msg->next; seg && len; seg = seg->next) {
		alen = min(len, DATALEN_SEG);
		if (copy_to_user(dest, seg + 1, alen))
			return -EFAULT;
		dest = (char *)dest + alen;
		len -= alen;
	}
	return 0;
}

/* copy_msg - a copy of src (MSG_COPY). Return: it, or ERR_PTR(-ENOMEM). */
struct msg_msg *copy_msg(struct msg_msg *src)
{
	struct msg_msg *dst = alloc_msg(src->m_ts);
	size_t len = src->m_ts, alen = min(len, DATALEN_MSG);

	if (!dst)
		return ERR_PTR(-ENOMEM);
	memcpy(dst + 1, src + 1, alen);
	len -= alen;
	for (struct msg_msgseg *s = src->next, *d = dst->next; s; s = s->next, d = d->next) {
		alen = min(len, DATALEN_SEG);
		memcpy(d + 1, s + 1, alen);
		len -= alen;
	}
	dst->m_type = src->m_type;
	return dst;
}

/* free_msg - free a message and its segments. */
void free_msg(struct msg_msg *msg)
{
	struct msg_msgseg *seg = msg->next;

	kfree(msg);
	while (seg) {
		struct msg_msgseg *next = seg->next;

		kfree(seg);
		seg = next;
	}
}
