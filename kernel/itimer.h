/*
 * itimer.h - interval timers and CPU time (kernel/itimer.c).
 */
#ifndef KERNEL_ITIMER_H
#define KERNEL_ITIMER_H

#include "kernel/sched.h"

struct rusage {
	struct {
		s64 tv_sec, tv_usec;
	} ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_BOTH     (-2)            /* wait4: a child's own and its children's */
#define RUSAGE_THREAD   1

/* The CPU's time, in ns, by kind (Linux's kernel_cpustat). */
enum cpu_usage_stat { CPUTIME_USER, CPUTIME_SYSTEM, CPUTIME_IDLE, NR_CPUTIME };
extern u64 cpustat[NR_CPUTIME];

void account_process_tick(bool user);
void itimers_fork(struct task_struct *p);
void getrusage_of(struct task_struct *p, int who, struct rusage *r);
void account_reaped_child(struct task_struct *child);

#endif /* KERNEL_ITIMER_H */
