/*
 * vdso_data.h - the kernel's clock numbers in the vvar page, which every
 * process sees read-only just below the vDSO's code (kernel/vdso.c writes
 * it, arch/x86_64/vdso/vclock.c reads it). Shared by kernel and user code:
 * plain C types only.
 */
#ifndef KERNEL_VDSO_DATA_H
#define KERNEL_VDSO_DATA_H

struct vdso_data {
	unsigned long long tsc_at_boot; /* the TSC when monotonic time was 0 */
	unsigned long long tsc_mult;    /* ns per TSC tick, 32.32 fixed point */
	unsigned long long boot_real_ns; /* the wall clock at monotonic 0 */
};

#endif /* KERNEL_VDSO_DATA_H */
