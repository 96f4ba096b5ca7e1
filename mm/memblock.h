/*
 * memblock.h - the boot-time memory allocator, before the page allocator
 * exists (Linux's name and idea, much reduced).
 */
#ifndef MM_MEMBLOCK_H
#define MM_MEMBLOCK_H

#include "lib/types.h"

#define MEMBLOCK_MAX_REGIONS 128

struct memblock_region {
	phys_addr_t base;
	u64 size;
};

struct memblock_type {
	int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory;    /* usable RAM, from the memory map */
	struct memblock_type reserved;  /* in use: kernel, GRUB's data, early allocations */
};

extern struct memblock memblock;

void memblock_add(phys_addr_t base, u64 size);
void memblock_reserve(phys_addr_t base, u64 size);
phys_addr_t memblock_alloc(u64 size, u64 align);
phys_addr_t memblock_end_of_ram(void);
u64 memblock_reserved_size(void);
u64 memblock_phys_mem_size(void);
void memblock_for_each_free(void (*fn)(phys_addr_t start, phys_addr_t end, void *arg), void *arg);

#endif /* MM_MEMBLOCK_H */
