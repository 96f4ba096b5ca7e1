/*
 * wait_types.h - the wait queue structures alone, so that struct
 * task_struct can embed a wait queue head (kernel/wait.h has the rest).
 */
#ifndef KERNEL_WAIT_TYPES_H
#define KERNEL_WAIT_TYPES_H

#include "kernel/spinlock.h"
#include "lib/list.h"

#define WQ_FLAG_EXCLUSIVE       0x01

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode,
				 void *key);

struct wait_queue_entry {
	unsigned int flags;             /* WQ_FLAG_EXCLUSIVE */
	void *private;                  /* the waiting task */
	wait_queue_func_t func;         /* how to wake it */
	struct list_head entry;         /* on wait_queue_head.head */
};

struct wait_queue_head {
	spinlock_t lock;                /* guards head and every entry on it */
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name)                                    \
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name)                                          \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

#endif /* KERNEL_WAIT_TYPES_H */
