/*
 * test_bitmap.c - host tests of lib/bitmap.h and lib/bitmap.c.
 *
 * Fixed cases pin down the layout (bit i is bit i % 64 of word i / 64)
 * and the edges: words boundaries, sizes that are and are not multiples
 * of 64, garbage in the unused bits of the last word. The random test
 * keeps a plain bool array next to a bitmap, applies the same random
 * operations to both, and after each compares every query. Bitmaps come
 * from malloc with exactly BITS_TO_LONGS(size) words, so AddressSanitizer
 * reports a search that reads one word too far.
 */
#include "lib/bitmap.h"
#include "lib/compiler.h"
#include "lib/tests/ktest_host.h"

#include <limits.h>

static unsigned long *alloc_map(unsigned long nbits)
{
	return ktest_host_alloc(BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

TEST(bits_to_longs_and_declare_bitmap)
{
	DECLARE_BITMAP(m65, 65);

	EXPECT_EQ(BITS_TO_LONGS(0), 0);
	EXPECT_EQ(BITS_TO_LONGS(1), 1);
	EXPECT_EQ(BITS_TO_LONGS(64), 1);
	EXPECT_EQ(BITS_TO_LONGS(65), 2);
	EXPECT_EQ(BITS_TO_LONGS(128), 2);
	EXPECT_EQ(sizeof(m65), 2 * sizeof(unsigned long));
}

TEST(bit_layout_across_words)
{
	DECLARE_BITMAP(map, 192);

	bitmap_zero(map, 192);
	set_bit(0, map);
	set_bit(63, map);
	__set_bit(64, map);
	__set_bit(130, map);
	EXPECT_EQ(map[0], 1UL | 1UL << 63);
	EXPECT_EQ(map[1], 1UL);
	EXPECT_EQ(map[2], 1UL << 2);
	EXPECT_EQ(((unsigned char *)map)[7], 0x80);     /* little-endian bytes */
	EXPECT_TRUE(test_bit(63, map));
	EXPECT_TRUE(test_bit(64, map));
	EXPECT_FALSE(test_bit(65, map));
	EXPECT_FALSE(test_bit(62, map));
	clear_bit(63, map);
	__clear_bit(130, map);
	EXPECT_EQ(map[0], 1UL);
	EXPECT_EQ(map[2], 0UL);
	clear_bit(5, map);                      /* already clear */
	set_bit(0, map);                        /* already set */
	EXPECT_EQ(map[0], 1UL);
}

TEST(test_and_set_and_clear_return_old_value)
{
	DECLARE_BITMAP(map, 128);

	bitmap_zero(map, 128);
	EXPECT_FALSE(__test_and_set_bit(70, map));
	EXPECT_TRUE(test_bit(70, map));
	EXPECT_TRUE(__test_and_set_bit(70, map));
	EXPECT_TRUE(test_bit(70, map));
	EXPECT_TRUE(__test_and_clear_bit(70, map));
	EXPECT_FALSE(test_bit(70, map));
	EXPECT_FALSE(__test_and_clear_bit(70, map));
	EXPECT_EQ(map[1], 0UL);
	EXPECT_EQ(map[0], 0UL);
}

TEST(zero_and_fill_stay_inside_the_map)
{
	static const unsigned long sizes[] = { 1, 2, 63, 64, 65, 127, 128, 129, 200 };

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned long n = sizes[i], words = BITS_TO_LONGS(n);
		unsigned long map[5];

		for (size_t w = 0; w < ARRAY_SIZE(map); w++)
			map[w] = 0x5a5a5a5a5a5a5a5aUL;
		bitmap_fill(map, n);
		EXPECT_EQ(bitmap_weight(map, n), n);
		EXPECT_EQ(find_first_zero_bit(map, n), n);
		EXPECT_EQ(find_first_bit(map, n), 0);
		if (n % 64)
			EXPECT_EQ(map[words - 1] >> (n % 64), 0UL); /* unused bits clear */
		EXPECT_EQ(map[words], 0x5a5a5a5a5a5a5a5aUL);
		bitmap_zero(map, n);
		EXPECT_EQ(bitmap_weight(map, n), 0);
		EXPECT_EQ(find_first_bit(map, n), n);
		EXPECT_EQ(find_first_zero_bit(map, n), 0);
		for (size_t w = 0; w < words; w++)
			EXPECT_EQ(map[w], 0UL);
		EXPECT_EQ(map[words], 0x5a5a5a5a5a5a5a5aUL);
	}
}

TEST(find_ignores_unused_bits_of_last_word)
{
	unsigned long *map = alloc_map(70);

	map[0] = ~0UL;
	map[1] = ~0UL << 6;                     /* bits 64..69 clear, 70.. set */
	EXPECT_EQ(find_next_zero_bit(map, 70, 0), 64);
	EXPECT_EQ(find_next_zero_bit(map, 70, 69), 69);
	EXPECT_EQ(find_next_bit(map, 70, 64), 70);      /* 70+ is beyond size */
	EXPECT_EQ(bitmap_weight(map, 70), 64);
	map[1] = 0x3f;                          /* bits 64..69 set, 70.. clear */
	EXPECT_EQ(find_next_zero_bit(map, 70, 0), 70);
	EXPECT_EQ(find_next_bit(map, 70, 65), 65);
	EXPECT_EQ(bitmap_weight(map, 70), 70);
	EXPECT_EQ(find_next_bit(map, 70, 70), 70);      /* offset == size */
	EXPECT_EQ(find_next_bit(map, 70, 1000), 70);    /* offset > size */
	EXPECT_EQ(find_next_zero_bit(map, 70, 1000), 70);
	EXPECT_EQ(find_next_bit(map, 0, 0), 0);         /* size 0 reads nothing */
	map[0] = 0;
	map[1] = 1UL << 10;                     /* only bit 74, beyond size, set */
	EXPECT_EQ(find_next_bit(map, 70, 0), 70);
	EXPECT_EQ(find_next_bit(map, 70, 66), 70);
	map[0] = ~0UL;
	map[1] = 0x7f;                          /* 0..70 set: the first zero is 71 */
	EXPECT_EQ(find_next_zero_bit(map, 70, 64), 70);
	EXPECT_EQ(find_first_zero_bit(map, 70), 70);
	ktest_host_free(map);
}

TEST(bitmap_set_and_clear_ranges)
{
	DECLARE_BITMAP(map, 256);

	bitmap_zero(map, 256);
	bitmap_set(map, 60, 10);                /* across the first boundary */
	EXPECT_EQ(map[0], 0xfUL << 60);
	EXPECT_EQ(map[1], 0x3fUL);
	bitmap_set(map, 64, 128);               /* two whole words */
	EXPECT_EQ(map[1], ~0UL);
	EXPECT_EQ(map[2], ~0UL);
	EXPECT_EQ(map[3], 0UL);
	bitmap_clear(map, 60, 70);
	EXPECT_EQ(map[0], 0UL);
	EXPECT_EQ(map[1], 0UL);
	EXPECT_EQ(map[2], ~0UL << 2);
	bitmap_set(map, 5, 0);                  /* empty range */
	EXPECT_EQ(map[0], 0UL);
	EXPECT_EQ(bitmap_weight(map, 256), 62);
	EXPECT_EQ(bitmap_weight(map, 130), 0);
	EXPECT_EQ(bitmap_weight(map, 131), 1);
}

TEST(find_next_zero_area_fixed_cases)
{
	DECLARE_BITMAP(map, 128);

	bitmap_zero(map, 128);
	bitmap_set(map, 0, 3);                  /* 0..2 used */
	bitmap_set(map, 5, 1);                  /* 5 used */
	EXPECT_EQ(bitmap_find_next_zero_area(map, 128, 0, 2, 0), 3);
	EXPECT_EQ(bitmap_find_next_zero_area(map, 128, 0, 3, 0), 6);
	EXPECT_EQ(bitmap_find_next_zero_area(map, 128, 0, 2, 3), 8);  /* 4-aligned */
	EXPECT_EQ(bitmap_find_next_zero_area(map, 128, 0, 1, 3), 4);
	EXPECT_EQ(bitmap_find_next_zero_area(map, 128, 7, 1, 0), 7);
	EXPECT_EQ(bitmap_find_next_zero_area(map, 128, 0, 64, 63), 64);
	EXPECT_EQ(bitmap_find_next_zero_area(map, 128, 0, 122, 0), 6);
	EXPECT_TRUE(bitmap_find_next_zero_area(map, 128, 0, 123, 0) >= 128);
	bitmap_set(map, 100, 1);
	EXPECT_TRUE(bitmap_find_next_zero_area(map, 128, 90, 30, 0) >= 128);
	EXPECT_EQ(bitmap_find_next_zero_area(map, 128, 90, 27, 0), 101);
}

/* The bool-array model of a bitmap and its queries. */
static unsigned long model_next(const bool *m, unsigned long size, unsigned long off, bool v)
{
	for (unsigned long i = off; i < size; i++)
		if (m[i] == v)
			return i;
	return size;
}

/* The lowest aligned area of nr clear bits at or after start; size if none. */
static unsigned long model_area(const bool *m, unsigned long size, unsigned long start,
				unsigned long nr, unsigned long mask)
{
	for (unsigned long a = (start + mask) & ~mask; a + nr <= size; a += mask + 1) {
		unsigned long k = 0;

		while (k < nr && !m[a + k])
			k++;
		if (k == nr)
			return a;
	}
	return size;
}

static unsigned long rnd(unsigned long n)
{
	return (unsigned long)(ktest_host_rand() % n);
}

/* Compare every query of map with the model; stop at the first mismatch. */
static bool check_against_model(const unsigned long *map, const bool *m, unsigned long size)
{
	unsigned long weight = 0;

	for (unsigned long i = 0; i < size; i++) {
		if (test_bit(i, map) != m[i]) {
			ktest_host_fail(__FILE__, __LINE__, "size %lu: test_bit(%lu) is %d",
					size, i, test_bit(i, map));
			return false;
		}
		weight += m[i];
	}
	bool ok = EXPECT_EQ(bitmap_weight(map, size), weight);

	for (unsigned long off = 0; off <= size + 1; off++) {
		unsigned long set = model_next(m, size, off, true);
		unsigned long clear = model_next(m, size, off, false);

		ok &= EXPECT_EQ(find_next_bit(map, size, off), set);
		ok &= EXPECT_EQ(find_next_zero_bit(map, size, off), clear);
		if (!ok)
			return false;
	}
	ok &= EXPECT_EQ(find_first_bit(map, size), model_next(m, size, 0, true));
	ok &= EXPECT_EQ(find_first_zero_bit(map, size), model_next(m, size, 0, false));
	for (int k = 0; k < 8; k++) {
		static const unsigned long masks[] = { 0, 0, 1, 3, 7, 15, 63 };
		unsigned long start = rnd(size + 1), nr = 1 + rnd(10);
		unsigned long mask = masks[rnd(ARRAY_SIZE(masks))];
		unsigned long got = bitmap_find_next_zero_area(map, size, start, (unsigned int)nr,
							       mask);
		unsigned long want = model_area(m, size, start, nr, mask);

		if (want < size ? got != want : got < size) {
			ktest_host_fail(__FILE__, __LINE__,
					"size %lu: find_next_zero_area(start %lu, nr %lu, mask %lu)"
					" = %lu, want %lu", size, start, nr, mask, got, want);
			ok = false;
		}
	}
	return ok;
}

TEST(bitmap_random_operations_match_model)
{
	static const unsigned long sizes[] = { 1, 7, 63, 64, 65, 128, 130, 191, 192, 300 };

	for (int round = 0; round < 60; round++) {
		unsigned long size = round < (int)ARRAY_SIZE(sizes) ? sizes[round] : 1 + rnd(320);
		unsigned long *map = alloc_map(size);
		bool m[320];

		bitmap_zero(map, size);
		for (unsigned long i = 0; i < size; i++)
			m[i] = false;
		for (int step = 0; step < 60; step++) {
			unsigned long i = rnd(size), start = rnd(size + 1);
			unsigned long n = rnd(size - start + 1);
			bool old = m[i];

			switch (rnd(10)) {
			case 0:
				set_bit(i, map);
				m[i] = true;
				break;
			case 1:
				clear_bit(i, map);
				m[i] = false;
				break;
			case 2:
				__set_bit(i, map);
				m[i] = true;
				break;
			case 3:
				__clear_bit(i, map);
				m[i] = false;
				break;
			case 4:
				EXPECT_EQ(__test_and_set_bit(i, map), old);
				m[i] = true;
				break;
			case 5:
				EXPECT_EQ(__test_and_clear_bit(i, map), old);
				m[i] = false;
				break;
			case 6:
			case 7:
				bitmap_set(map, start, n);
				for (unsigned long k = start; k < start + n; k++)
					m[k] = true;
				break;
			case 8:
				bitmap_clear(map, start, n);
				for (unsigned long k = start; k < start + n; k++)
					m[k] = false;
				break;
			default: {
				bool full = rnd(2);

				if (full)
					bitmap_fill(map, size);
				else
					bitmap_zero(map, size);
				for (unsigned long k = 0; k < size; k++)
					m[k] = full;
				break;
			}
			}
			if (!check_against_model(map, m, size)) {
				ktest_host_fail(__FILE__, __LINE__, "round %d step %d",
						round, step);
				break;
			}
		}
		ktest_host_free(map);
	}
}
