/*
 * memblock.c - two lists of physical ranges, used only during boot.
 *
 * `memory` is the usable RAM of the multiboot2 memory map; `reserved` is
 * what is already taken: the first MiB (BIOS data, VGA), the kernel image,
 * GRUB's information structure and the modules, and everything
 * memblock_alloc() hands out (the page allocator's struct page array and
 * the page tables of the direct map). Free memory is memory minus
 * reserved. When the page allocator starts, memblock_for_each_free() gives
 * it every free range, and memblock is done.
 *
 * Both lists are kept sorted and merged, so "memory minus reserved" is one
 * walk over the two in step.
 *
 * Locking: none; boot is single-threaded with interrupts off.
 */
#include "arch/x86_64/page.h"
#include "kernel/panic.h"
#include "lib/compiler.h"
#include "lib/string.h"
#include "mm/memblock.h"

struct memblock memblock;

/* Insert [base, base + size) into type, keeping it sorted and merged. */
static void memblock_insert(struct memblock_type *type, phys_addr_t base, u64 size)
{
	phys_addr_t end = base + size;
	int i = 0;

	if (size == 0)
		return;
	while (i < type->cnt && type->regions[i].base + type->regions[i].size < base)
		i++;
	/* Swallow every region that overlaps or touches the new one. */
	int j = i;
	while (j < type->cnt && type->regions[j].base <= end) {
		base = min(base, type->regions[j].base);
		end = max(end, type->regions[j].base + type->regions[j].size);
		j++;
	}
	int removed = j - i;
	if (removed == 0) {
		if (type->cnt == MEMBLOCK_MAX_REGIONS)
			panic("memblock: more than %d regions", MEMBLOCK_MAX_REGIONS);
		memmove(&type->regions[i + 1], &type->regions[i],
			(size_t)(type->cnt - i) * sizeof(type->regions[0]));
		type->cnt++;
	} else if (removed > 1) {
		memmove(&type->regions[i + 1], &type->regions[j],
			(size_t)(type->cnt - j) * sizeof(type->regions[0]));
		type->cnt -= removed - 1;
	}
	type->regions[i].base = base;
	type->regions[i].size = end - base;
}

/* memblock_add - record [base, base + size) as usable RAM. */
void memblock_add(phys_addr_t base, u64 size)
{
	memblock_insert(&memblock.memory, base, size);
}

/* memblock_reserve - mark [base, base + size) as taken. */
void memblock_reserve(phys_addr_t base, u64 size)
{
	memblock_insert(&memblock.reserved, base, size);
}

/*
 * memblock_for_each_free - call fn(start, end) for each free range (RAM
 * not reserved), in address order.
 */
void memblock_for_each_free(void (*fn)(phys_addr_t start, phys_addr_t end, void *arg), void *arg)
{
	struct memblock_type *mem = &memblock.memory, *res = &memblock.reserved;
	int r = 0;

	for (int m = 0; m < mem->cnt; m++) {
		phys_addr_t start = mem->regions[m].base;
		phys_addr_t end = start + mem->regions[m].size;

		while (start < end) {
			/* Skip reserved regions wholly below start. */
			while (r < res->cnt && res->regions[r].base + res->regions[r].size <= start)
				r++;
			if (r == res->cnt || res->regions[r].base >= end) {
				fn(start, end, arg);
				break;
			}
			if (res->regions[r].base > start)
				fn(start, res->regions[r].base, arg);
			start = res->regions[r].base + res->regions[r].size;
		}
	}
}

struct alloc_args {
	u64 size, align;
	phys_addr_t found;
};

static void try_range(phys_addr_t start, phys_addr_t end, void *arg)
{
	struct alloc_args *a = arg;
	phys_addr_t base = ALIGN_UP(start, a->align);

	if (!a->found && base + a->size <= end && base + a->size <= 0x100000000ULL)
		a->found = base;
}

/*
 * memblock_alloc - take size bytes aligned to align (a power of two) from
 * the lowest free range below 4 GiB (the early page tables map only that).
 * The memory is zeroed.
 *
 * Context: boot, before page_alloc_init(). Panics when memory runs out.
 * Return: the physical address.
 */
phys_addr_t memblock_alloc(u64 size, u64 align)
{
	struct alloc_args a = { ALIGN_UP(size, PAGE_SIZE), align, 0 };

	memblock_for_each_free(try_range, &a);
	if (!a.found)
		panic("memblock: out of memory allocating %llu bytes", (unsigned long long)size);
	memblock_reserve(a.found, a.size);
	memset(__va(a.found), 0, a.size);
	return a.found;
}

/* memblock_end_of_ram - one past the highest usable byte. */
phys_addr_t memblock_end_of_ram(void)
{
	struct memblock_type *mem = &memblock.memory;

	if (mem->cnt == 0)
		return 0;
	return mem->regions[mem->cnt - 1].base + mem->regions[mem->cnt - 1].size;
}

static u64 total_size(const struct memblock_type *type)
{
	u64 total = 0;

	for (int i = 0; i < type->cnt; i++)
		total += type->regions[i].size;
	return total;
}

/* memblock_phys_mem_size - bytes of usable RAM in the memory map. */
u64 memblock_phys_mem_size(void)
{
	return total_size(&memblock.memory);
}

/* memblock_reserved_size - bytes that are reserved. */
u64 memblock_reserved_size(void)
{
	return total_size(&memblock.reserved);
}
