#ifndef KERNEL_EXIT_H
#define KERNEL_EXIT_H

#include "kernel/spinlock.h"

extern spinlock_t tasklist_lock;

#endif
