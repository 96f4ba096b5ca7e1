/*
 * mman.h - the PROT_* and MAP_* values of mmap(2), mprotect(2), as Linux's
 * uapi asm-generic/mman-common.h and mman.h, for the kernel's side.
 */
#ifndef MM_MMAN_H
#define MM_MMAN_H

#define PROT_READ       0x1
#define PROT_WRITE      0x2
#define PROT_EXEC       0x4
#define MAP_SHARED      0x01
#define MAP_PRIVATE     0x02
#define MAP_FIXED       0x10
#define MAP_ANONYMOUS   0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_TYPE            0x0f        /* the bits that say shared or private */
#define MAP_SHARED_VALIDATE 0x03        /* shared, and refuse flags it does not know */
#define MAP_GROWSDOWN       0x0100
#define MAP_DENYWRITE       0x0800
#define MAP_EXECUTABLE      0x1000
#define MAP_LOCKED          0x2000
#define MAP_NORESERVE       0x4000
#define MAP_POPULATE        0x8000
#define MAP_NONBLOCK        0x10000
#define MAP_STACK           0x20000
#define MAP_HUGETLB         0x40000
#define MAP_UNINITIALIZED   0x4000000
/* The flags MAP_SHARED_VALIDATE knows (Linux's LEGACY_MAP_MASK: no file
 * system here adds MAP_SYNC). */
#define LEGACY_MAP_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | \
			 MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED |      \
			 MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

#endif /* MM_MMAN_H */
