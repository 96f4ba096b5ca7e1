/*
 * loadavg.h - the 1, 5 and 15 minute load averages (kernel/loadavg.c).
 */
#ifndef KERNEL_LOADAVG_H
#define KERNEL_LOADAVG_H

#define FSHIFT          11              /* bits of fraction */
#define FIXED_1         (1UL << FSHIFT) /* 1.0 */
#define LOAD_INT(x)     ((x) >> FSHIFT)
#define LOAD_FRAC(x)    LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

extern unsigned long avenrun[3];        /* FIXED_1 = one task */

void calc_global_load(void);

#endif /* KERNEL_LOADAVG_H */
