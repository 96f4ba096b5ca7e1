/*
 * bitmap.c - operations on whole bitmaps and ranges of bits.
 *
 * The layout is described in bitmap.h. Everything here works a word (64
 * bits) at a time where that is simple: a range of bits is cut into the
 * pieces that fall in each word, and a search skips words with nothing of
 * interest (all clear when looking for a set bit; for a clear bit, the word
 * is inverted first so the same search serves). __builtin_ctzl() compiles
 * to one instruction (bsf/tzcnt); popcount is written out, because gcc
 * would call libgcc's __popcountdi2 for it and the kernel has no libgcc.
 *
 * None of these functions is atomic: the caller's lock protects the map.
 * They mirror Linux's lib/bitmap.c and lib/find_bit.c.
 */
#include "bitmap.h"

/* The bits of one word that bits [start, start + n) cover; n <= 64 - start % 64. */
static unsigned long word_mask(unsigned long start, unsigned long n)
{
	unsigned long shift = start % BITS_PER_LONG;

	if (n == BITS_PER_LONG)
		return ~0UL;
	return ((1UL << n) - 1) << shift;
}

/* Set (or clear) bits [start, start + nbits), one word's piece at a time. */
static void change_range(unsigned long *map, unsigned long start, unsigned long nbits, bool set)
{
	while (nbits > 0) {
		unsigned long room = BITS_PER_LONG - start % BITS_PER_LONG;
		unsigned long n = nbits < room ? nbits : room;
		unsigned long mask = word_mask(start, n);

		if (set)
			map[BIT_WORD(start)] |= mask;
		else
			map[BIT_WORD(start)] &= ~mask;
		start += n;
		nbits -= n;
	}
}

/*
 * bitmap_zero - clear all nbits bits of map (all its words).
 *
 * Context: any; not atomic.
 */
void bitmap_zero(unsigned long *map, unsigned long nbits)
{
	for (unsigned long i = 0; i < BITS_TO_LONGS(nbits); i++)
		map[i] = 0;
}

/*
 * bitmap_fill - set all nbits bits of map.
 *
 * The unused bits of the last word are cleared, not set.
 * Context: any; not atomic.
 */
void bitmap_fill(unsigned long *map, unsigned long nbits)
{
	bitmap_zero(map, nbits);
	change_range(map, 0, nbits, true);
}

/*
 * bitmap_set - set bits [start, start + nbits) of map.
 *
 * Context: any; not atomic.
 */
void bitmap_set(unsigned long *map, unsigned long start, unsigned long nbits)
{
	change_range(map, start, nbits, true);
}

/*
 * bitmap_clear - clear bits [start, start + nbits) of map.
 *
 * Context: any; not atomic.
 */
void bitmap_clear(unsigned long *map, unsigned long start, unsigned long nbits)
{
	change_range(map, start, nbits, false);
}

static unsigned long popcount(unsigned long w)
{
	unsigned long n = 0;

	for (; w; w &= w - 1)   /* w & (w - 1) clears the lowest set bit */
		n++;
	return n;
}

/*
 * bitmap_weight - the number of set bits among the first nbits of map.
 *
 * Context: any.
 * Return: that count.
 */
unsigned long bitmap_weight(const unsigned long *map, unsigned long nbits)
{
	unsigned long n = 0, i;

	for (i = 0; i < nbits / BITS_PER_LONG; i++)
		n += popcount(map[i]);
	if (nbits % BITS_PER_LONG)
		n += popcount(map[i] & word_mask(0, nbits % BITS_PER_LONG));
	return n;
}

/*
 * The lowest bit >= offset and < size that is set in map ^ invert: invert
 * is 0 to find a set bit, ~0UL to find a clear one. Only words holding
 * bits below size are read.
 */
static unsigned long find_next(const unsigned long *map, unsigned long size,
			       unsigned long offset, unsigned long invert)
{
	if (offset >= size)
		return size;

	unsigned long i = BIT_WORD(offset);
	unsigned long w = (map[i] ^ invert) & (~0UL << (offset % BITS_PER_LONG));

	while (!w) {
		if (++i * BITS_PER_LONG >= size)
			return size;
		w = map[i] ^ invert;
	}

	unsigned long bit = i * BITS_PER_LONG + (unsigned long)__builtin_ctzl(w);

	return bit < size ? bit : size;
}

/*
 * find_next_bit - the lowest set bit of map at or after offset.
 *
 * Context: any.
 * Return: its number, or size when no bit in [offset, size) is set.
 */
unsigned long find_next_bit(const unsigned long *map, unsigned long size, unsigned long offset)
{
	return find_next(map, size, offset, 0);
}

/*
 * find_next_zero_bit - the lowest clear bit of map at or after offset.
 *
 * Context: any.
 * Return: its number, or size when every bit in [offset, size) is set.
 */
unsigned long find_next_zero_bit(const unsigned long *map, unsigned long size,
				 unsigned long offset)
{
	return find_next(map, size, offset, ~0UL);
}

/*
 * bitmap_find_next_zero_area - find nr clear bits in a row, aligned.
 * @map:        the bitmap, size bits long
 * @start:      where to start looking
 * @nr:         how many clear bits are wanted (at least 1)
 * @align_mask: the area must start at a multiple of align_mask + 1, which
 *              must be a power of two (0: any bit)
 *
 * Looks for the lowest aligned area at or after start: from the first
 * clear bit, rounded up to the alignment; if a set bit lies inside the
 * area, the search goes on just after it. Nothing is changed: the caller
 * usually bitmap_set()s the area next, under the same lock.
 * Context: any.
 * Return: the first bit of the area, or a value >= size (the end of the
 * last area tried) when there is none.
 */
unsigned long bitmap_find_next_zero_area(const unsigned long *map, unsigned long size,
					 unsigned long start, unsigned int nr,
					 unsigned long align_mask)
{
	for (;;) {
		unsigned long index = find_next_zero_bit(map, size, start);

		index = (index + align_mask) & ~align_mask;
		unsigned long end = index + nr;

		if (end > size)
			return end;
		unsigned long busy = find_next_bit(map, end, index);

		if (busy >= end)
			return index;
		start = busy + 1;
	}
}
