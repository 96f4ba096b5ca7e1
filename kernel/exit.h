#ifndef KERNEL_EXIT_H
#define KERNEL_EXIT_H

#include "kernel/sched.h"
#include "kernel/spinlock.h"

extern spinlock_t tasklist_lock;

pid_t task_ppid(struct task_struct *p);

#endif
