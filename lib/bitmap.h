/*
 * bitmap.h - arrays of bits, Linux's API.
 *
 * A bitmap of n bits is an array of BITS_TO_LONGS(n) unsigned longs; bit i
 * is bit (i % 64) of word (i / 64), so on little-endian x86 it is also bit
 * (i % 8) of byte (i / 8). DECLARE_BITMAP(name, n) declares one. Bits past
 * n in the last word are kept clear by the functions here and ignored by
 * the ones that search or count, so they never matter.
 *
 * Single bits (inline here):
 *	set_bit, clear_bit        atomic: a `lock`ed read-modify-write, safe
 *	                          against interrupts and other CPUs touching
 *	                          other bits of the same word;
 *	__set_bit, __clear_bit,   not atomic: cheaper, for bitmaps that a
 *	__test_and_set_bit,       lock (or having only one user) already
 *	__test_and_clear_bit      protects; the leading __ is the warning;
 *	test_bit                  a plain read.
 * Whole maps and ranges (lib/bitmap.c, none atomic): bitmap_zero,
 * bitmap_fill, bitmap_set, bitmap_clear, bitmap_weight, the find_*_bit
 * searches (which return size when there is no such bit) and
 * bitmap_find_next_zero_area, the allocator's search for a run of free bits.
 *
 * The same names as Linux's include/linux/bitmap.h, bitops.h and find.h.
 */
#ifndef LIB_BITMAP_H
#define LIB_BITMAP_H

#include "compiler.h"
#include "types.h"

#define BITS_PER_LONG 64
BUILD_BUG_ON(sizeof(unsigned long) * 8 != BITS_PER_LONG);

#define BITS_TO_LONGS(nr) DIV_ROUND_UP(nr, BITS_PER_LONG)
#define BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#define BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))

#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]

/* set_bit - set bit nr of map, atomically. */
static inline void set_bit(unsigned long nr, unsigned long *map)
{
	__atomic_fetch_or(&map[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

/* clear_bit - clear bit nr of map, atomically. */
static inline void clear_bit(unsigned long nr, unsigned long *map)
{
	__atomic_fetch_and(&map[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

/* __set_bit - set bit nr of map; not atomic. */
static inline void __set_bit(unsigned long nr, unsigned long *map)
{
	map[BIT_WORD(nr)] |= BIT_MASK(nr);
}

/* __clear_bit - clear bit nr of map; not atomic. */
static inline void __clear_bit(unsigned long nr, unsigned long *map)
{
	map[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

/* test_bit - whether bit nr of map is set. */
static inline bool test_bit(unsigned long nr, const unsigned long *map)
{
	return (map[BIT_WORD(nr)] & BIT_MASK(nr)) != 0;
}

/* __test_and_set_bit - set bit nr, returning whether it was set; not atomic. */
static inline bool __test_and_set_bit(unsigned long nr, unsigned long *map)
{
	bool old = test_bit(nr, map);

	__set_bit(nr, map);
	return old;
}

/* __test_and_clear_bit - clear bit nr, returning whether it was set; not atomic. */
static inline bool __test_and_clear_bit(unsigned long nr, unsigned long *map)
{
	bool old = test_bit(nr, map);

	__clear_bit(nr, map);
	return old;
}

void bitmap_zero(unsigned long *map, unsigned long nbits);
void bitmap_fill(unsigned long *map, unsigned long nbits);
void bitmap_set(unsigned long *map, unsigned long start, unsigned long nbits);
void bitmap_clear(unsigned long *map, unsigned long start, unsigned long nbits);
unsigned long bitmap_weight(const unsigned long *map, unsigned long nbits);

unsigned long find_next_bit(const unsigned long *map, unsigned long size, unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *map, unsigned long size,
				 unsigned long offset);

/* find_first_bit - the lowest set bit below size, or size if none is. */
static inline unsigned long find_first_bit(const unsigned long *map, unsigned long size)
{
	return find_next_bit(map, size, 0);
}

/* find_first_zero_bit - the lowest clear bit below size, or size if none is. */
static inline unsigned long find_first_zero_bit(const unsigned long *map, unsigned long size)
{
	return find_next_zero_bit(map, size, 0);
}

unsigned long bitmap_find_next_zero_area(const unsigned long *map, unsigned long size,
					 unsigned long start, unsigned int nr,
					 unsigned long align_mask);

#endif /* LIB_BITMAP_H */
