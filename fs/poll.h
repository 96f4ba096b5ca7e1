/*
 * poll.h - what a file's poll method uses (Linux's include/linux/poll.h):
 * the readiness bits and poll_wait(). fs/select.c has the mechanism.
 */
#ifndef FS_POLL_H
#define FS_POLL_H

#include "kernel/wait_types.h"

#define EPOLLIN         0x0001
#define EPOLLPRI        0x0002
#define EPOLLOUT        0x0004
#define EPOLLERR        0x0008
#define EPOLLHUP        0x0010
#define EPOLLNVAL       0x0020
#define EPOLLRDNORM     0x0040
#define EPOLLRDBAND     0x0080
#define EPOLLWRNORM     0x0100
#define EPOLLWRBAND     0x0200

/* A file with no poll method is always ready to read and write, as Linux. */
#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

struct file;
typedef struct poll_table_struct poll_table;

void poll_wait(struct file *filp, struct wait_queue_head *wq, poll_table *pt);

#endif /* FS_POLL_H */
