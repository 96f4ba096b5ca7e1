/*
 * vdso.h - the vDSO's pages and their mapping at exec (kernel/vdso.c).
 */
#ifndef KERNEL_VDSO_H
#define KERNEL_VDSO_H

struct mm_struct;

void vdso_init(void);
int map_vdso(struct mm_struct *mm, unsigned long *ehdr);

#endif /* KERNEL_VDSO_H */
