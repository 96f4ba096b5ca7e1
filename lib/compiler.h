/*
 * compiler.h - the few compiler attributes and helper macros the kernel
 * uses, under the names Linux gives them.
 */
#ifndef LIB_COMPILER_H
#define LIB_COMPILER_H

#include "types.h"

#define __packed        __attribute__((packed))
#define __aligned(x)    __attribute__((aligned(x)))
#define __noreturn      __attribute__((noreturn))
#define __section(s)    __attribute__((section(s)))
#define __used          __attribute__((used))
#define __unused        __attribute__((unused))
#define __printf(a, b)  __attribute__((format(printf, a, b)))
#ifndef __always_inline         /* glibc defines it too, for host builds */
#define __always_inline inline __attribute__((always_inline))
#endif

#define likely(x)       __builtin_expect(!!(x), 1)
#define unlikely(x)     __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))

/* Round x up/down to a multiple of a, which must be a power of two. */
#define ALIGN_UP(x, a)      (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)    ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)    (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)  (((n) + (d) - 1) / (d))

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))

/* container_of - the structure that embeds member at ptr. */
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define READ_ONCE(x)     (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define barrier()        __asm__ __volatile__("" ::: "memory")
/* A full memory barrier: no load or store moves across it (mfence). */
#define smp_mb()         __atomic_thread_fence(__ATOMIC_SEQ_CST)

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

#endif /* LIB_COMPILER_H */
