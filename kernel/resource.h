/*
 * resource.h - resource limits (getrlimit/setrlimit/prlimit64), Linux's
 * numbers and defaults.
 *
 * Each task has its own table, current->rlim[] (Linux keeps it in
 * signal_struct, shared by a process's threads; keyhole has one thread per
 * process). fork copies it, exec keeps it, kthread_create starts from
 * init_task's (INIT_RLIMITS). Locking: no lock. The task changes its own
 * table (setrlimit), and prlimit64 may change another's (same user, or
 * root); both go through do_prlimit (kernel/sys.c), which checks and
 * stores with preemption off, so on one CPU nobody sees a half-written
 * pair or stores a pair checked against a hard limit changed since.
 * Other readers use rlim_cur alone, one aligned 64-bit load.
 *
 * What keyhole enforces (the others are stored and reported, not used):
 *   RLIMIT_AS      every VMA counts (may_expand_vm, mm/mmap.c): mmap, brk,
 *                  shmat, stack growth, the segments and stack of exec
 *   RLIMIT_DATA    private writable memory that is not the stack, and
 *                  the heap (brk) with the data segment, as Linux
 *   RLIMIT_STACK   how far the stack VMA may grow down
 *   RLIMIT_NOFILE  its maximum cannot go above the descriptor table (NR_OPEN)
 */
#ifndef KERNEL_RESOURCE_H
#define KERNEL_RESOURCE_H

#include "lib/types.h"

struct rlimit64 {
	u64 rlim_cur, rlim_max;
};

#define RLIMIT_CPU        0
#define RLIMIT_FSIZE      1
#define RLIMIT_DATA       2
#define RLIMIT_STACK      3
#define RLIMIT_CORE       4
#define RLIMIT_RSS        5
#define RLIMIT_NPROC      6
#define RLIMIT_NOFILE     7
#define RLIMIT_MEMLOCK    8
#define RLIMIT_AS         9
#define RLIMIT_LOCKS      10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE   12
#define RLIMIT_NICE       13
#define RLIMIT_RTPRIO     14
#define RLIMIT_RTTIME     15
#define RLIM_NLIMITS      16

#define RLIM_INFINITY     (~0ULL)

#define _STK_LIM          (8ULL << 20)  /* RLIMIT_STACK's soft default: 8 MiB */
#define MLOCK_LIMIT       (8ULL << 20)
#define MQ_BYTES_MAX      819200ULL
#define INIT_NPROC        4096ULL       /* RLIMIT_NPROC, RLIMIT_SIGPENDING */
#define INIT_NOFILE       256ULL        /* = NR_OPEN, the size of the fd table */

/* The limits of init_task, and so of every process unless it changes them. */
#define INIT_RLIMITS                                                          \
	{                                                                     \
		[RLIMIT_CPU] = { RLIM_INFINITY, RLIM_INFINITY },              \
		[RLIMIT_FSIZE] = { RLIM_INFINITY, RLIM_INFINITY },            \
		[RLIMIT_DATA] = { RLIM_INFINITY, RLIM_INFINITY },             \
		[RLIMIT_STACK] = { _STK_LIM, RLIM_INFINITY },                 \
		[RLIMIT_CORE] = { 0, RLIM_INFINITY },                         \
		[RLIMIT_RSS] = { RLIM_INFINITY, RLIM_INFINITY },              \
		[RLIMIT_NPROC] = { INIT_NPROC, INIT_NPROC },                  \
		[RLIMIT_NOFILE] = { INIT_NOFILE, INIT_NOFILE },               \
		[RLIMIT_MEMLOCK] = { MLOCK_LIMIT, MLOCK_LIMIT },              \
		[RLIMIT_AS] = { RLIM_INFINITY, RLIM_INFINITY },               \
		[RLIMIT_LOCKS] = { RLIM_INFINITY, RLIM_INFINITY },            \
		[RLIMIT_SIGPENDING] = { INIT_NPROC, INIT_NPROC },             \
		[RLIMIT_MSGQUEUE] = { MQ_BYTES_MAX, MQ_BYTES_MAX },           \
		[RLIMIT_NICE] = { 0, 0 },                                     \
		[RLIMIT_RTPRIO] = { 0, 0 },                                   \
		[RLIMIT_RTTIME] = { RLIM_INFINITY, RLIM_INFINITY },           \
	}

#endif /* KERNEL_RESOURCE_H */
