/*
 * test_string.c - host tests of lib/string.c.
 *
 * Built with host_rename.h, so memcpy() here is lib/'s (kh_memcpy) and the
 * host's versions are reached as ref_*() (host_ref.h). Where a result can
 * be worked out independently it is: memmove() against a copy made through
 * a separate buffer, for every small overlap; comparisons and strtoul()
 * against the host libc; kstrtoull() against numbers printed by the host.
 * Each buffer is surrounded by guard bytes that must come out unchanged.
 */
#include "lib/compiler.h"
#include "lib/string.h"
#include "lib/tests/host_ref.h"
#include "lib/tests/ktest_host.h"

#include <limits.h>

#define GUARD 0x5a

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void fill(unsigned char *p, size_t n, unsigned char c)
{
	for (size_t i = 0; i < n; i++)
		p[i] = c;
}

TEST(memcpy_copies_exactly_n_bytes)
{
	unsigned char src[128], dst[128], want[128];

	/* Every alignment of both ends, and lengths through several
	 * eight-byte words and every tail. */
	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7 + 1);
	for (size_t d = 0; d < 8; d++) {
		for (size_t s = 0; s < 8; s++) {
			for (size_t n = 0; n <= 100; n++) {
				fill(dst, sizeof(dst), GUARD);
				fill(want, sizeof(want), GUARD);
				for (size_t i = 0; i < n; i++)
					want[8 + d + i] = src[s + i];
				EXPECT_PTR_EQ(memcpy(dst + 8 + d, src + s, n), dst + 8 + d);
				EXPECT_MEMEQ(dst, want, sizeof(dst));
			}
		}
	}
}

/* Every dst, src and n in a small buffer, overlapping or not. */
TEST(memmove_every_overlap_both_directions)
{
	enum { N = 24 };
	unsigned char buf[N], want[N], tmp[N];
	int bad = 0;

	for (size_t dst = 0; dst < N; dst++) {
		for (size_t src = 0; src < N; src++) {
			for (size_t n = 0; dst + n <= N && src + n <= N; n++) {
				for (size_t i = 0; i < N; i++)
					buf[i] = want[i] = (unsigned char)(i + 100);
				for (size_t i = 0; i < n; i++)
					tmp[i] = buf[src + i];
				for (size_t i = 0; i < n; i++)
					want[dst + i] = tmp[i];
				void *ret = memmove(buf + dst, buf + src, n);
				bool ok = ret == buf + dst;

				for (size_t i = 0; i < N; i++)
					ok &= buf[i] == want[i];
				if (!ok && bad++ < 5)
					ktest_host_fail(__FILE__, __LINE__,
							"memmove(buf + %zu, buf + %zu, %zu) wrong",
							dst, src, n);
			}
		}
	}
	EXPECT_EQ(bad, 0);
}

TEST(memmove_overlap_forward_and_backward)
{
	char a[] = "0123456789";
	char b[] = "0123456789";

	memmove(a + 2, a, 6);           /* dst above src: must copy backwards */
	EXPECT_STREQ(a, "0101234589");
	memmove(b, b + 2, 6);           /* dst below src: must copy forwards */
	EXPECT_STREQ(b, "2345676789");
}

TEST(memset_fills_with_low_byte)
{
	unsigned char buf[96], want[96];

	for (size_t off = 4; off < 12; off++) {
		for (size_t n = 0; n <= 80; n++) {
			fill(buf, sizeof(buf), GUARD);
			fill(want, sizeof(want), GUARD);
			fill(want + off, n, 0xab);
			/* only the low byte, 0xab, counts */
			EXPECT_PTR_EQ(memset(buf + off, 0x3ab, n), buf + off);
			EXPECT_MEMEQ(buf, want, sizeof(buf));
		}
	}
	memset(buf, 0, sizeof(buf));
	fill(want, sizeof(want), 0);
	EXPECT_MEMEQ(buf, want, sizeof(buf));
}

TEST(memcmp_is_unsigned_and_stops_at_n)
{
	unsigned char a[] = { 1, 2, 0x80, 4 };
	unsigned char b[] = { 1, 2, 0x01, 5 };

	EXPECT_TRUE(memcmp(a, b, 4) > 0);       /* 0x80 > 0x01 as unsigned char */
	EXPECT_TRUE(memcmp(b, a, 4) < 0);
	EXPECT_EQ(memcmp(a, b, 2), 0);
	EXPECT_EQ(memcmp(a, b, 0), 0);
	EXPECT_EQ(memcmp(a, a, 4), 0);
	for (int i = 0; i < 2000; i++) {
		unsigned char x[8], y[8];
		size_t n = ktest_host_rand() % 9;

		for (size_t j = 0; j < 8; j++) {
			x[j] = (unsigned char)(ktest_host_rand() % 3 + 0x7f);
			y[j] = (unsigned char)(ktest_host_rand() % 3 + 0x7f);
		}
		EXPECT_EQ(sign(memcmp(x, y, n)), sign(ref_memcmp(x, y, n)));
	}
}

TEST(memchr_finds_first_within_n)
{
	const char s[] = "abcabc\0xyz";

	EXPECT_PTR_EQ(memchr(s, 'b', sizeof(s)), s + 1);
	EXPECT_PTR_EQ(memchr(s, 'x', sizeof(s)), s + 7);     /* past the NUL */
	EXPECT_PTR_EQ(memchr(s, '\0', sizeof(s)), s + 6);
	EXPECT_PTR_EQ(memchr(s, 'c', 2), NULL);
	EXPECT_PTR_EQ(memchr(s, 'a', 0), NULL);
	EXPECT_PTR_EQ(memchr(s, 0x100 + 'c', sizeof(s)), s + 2);  /* as unsigned char */
	const unsigned char hi[] = { 1, 0xff, 2 };
	EXPECT_PTR_EQ(memchr(hi, -1, 3), hi + 1);
}

TEST(strlen_and_strnlen)
{
	char big[300];

	EXPECT_EQ(strlen(""), 0);
	EXPECT_EQ(strlen("a"), 1);
	EXPECT_EQ(strlen("hello\0world"), 5);
	fill((unsigned char *)big, sizeof(big) - 1, 'x');
	big[sizeof(big) - 1] = '\0';
	EXPECT_EQ(strlen(big), sizeof(big) - 1);
	EXPECT_EQ(strnlen("hello", 3), 3);
	EXPECT_EQ(strnlen("hello", 5), 5);
	EXPECT_EQ(strnlen("hello", 10), 5);
	EXPECT_EQ(strnlen("hello", 0), 0);
	EXPECT_EQ(strnlen("", 4), 0);
	const char unterminated[3] = { 'a', 'b', 'c' };
	EXPECT_EQ(strnlen(unterminated, sizeof(unterminated)), 3);   /* reads no further */
}

TEST(strcmp_and_strncmp_match_libc)
{
	static const char *const s[] = {
		"", "a", "b", "ab", "abc", "abd", "abcd", "A", "\x80", "\x7f", "a\xff", "a\x01",
	};

	for (size_t i = 0; i < ARRAY_SIZE(s); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(s); j++) {
			EXPECT_EQ(sign(strcmp(s[i], s[j])), sign(ref_strcmp(s[i], s[j])));
			for (size_t n = 0; n <= 5; n++)
				EXPECT_EQ(sign(strncmp(s[i], s[j], n)),
					  sign(ref_strncmp(s[i], s[j], n)));
		}
	}
	EXPECT_TRUE(strcmp("abc", "abd") < 0);
	EXPECT_TRUE(strcmp("abc", "ab") > 0);
	EXPECT_EQ(strncmp("abcX", "abcY", 3), 0);
	EXPECT_TRUE(strncmp("abcX", "abcY", 4) < 0);
	EXPECT_EQ(strncmp("x", "y", 0), 0);
	EXPECT_EQ(strncmp("ab", "ab", 100), 0);  /* stops at the NUL */
}

TEST(strchr_and_strrchr)
{
	const char *s = "hello world";

	EXPECT_PTR_EQ(strchr(s, 'o'), s + 4);
	EXPECT_PTR_EQ(strrchr(s, 'o'), s + 7);
	EXPECT_PTR_EQ(strchr(s, 'h'), s);
	EXPECT_PTR_EQ(strrchr(s, 'h'), s);
	EXPECT_PTR_EQ(strchr(s, 'd'), s + 10);
	EXPECT_PTR_EQ(strchr(s, 'z'), NULL);
	EXPECT_PTR_EQ(strrchr(s, 'z'), NULL);
	EXPECT_PTR_EQ(strchr(s, '\0'), s + 11);         /* the NUL is part of s */
	EXPECT_PTR_EQ(strrchr(s, '\0'), s + 11);
	EXPECT_PTR_EQ(strchr(s, 0x100 + 'w'), s + 6);   /* converted to char */
	EXPECT_PTR_EQ(strchr("", 'a'), NULL);
	EXPECT_PTR_EQ(strrchr("", 'a'), NULL);
}

TEST(strstr_matches_libc)
{
	static const char *const hay[] = { "", "a", "aaab", "abcabd", "hello world", "abab" };
	static const char *const needle[] = { "", "a", "ab", "aab", "abd", "world", "xyz",
					      "hello world!", "b" };

	for (size_t i = 0; i < ARRAY_SIZE(hay); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(needle); j++) {
			const char *got = strstr(hay[i], needle[j]);
			const char *want = ref_strstr(hay[i], needle[j]);

			if (got != want)
				ktest_host_fail(__FILE__, __LINE__,
						"strstr(\"%s\", \"%s\"): %td, libc %td (-1: NULL)",
						hay[i], needle[j], got ? got - hay[i] : -1,
						want ? want - hay[i] : -1);
		}
	}
	const char *h = "aaab";
	EXPECT_PTR_EQ(strstr(h, "aab"), h + 1);          /* after a false start */
	EXPECT_PTR_EQ(strstr(h, ""), h);
}

TEST(strcpy_copies_the_nul)
{
	char buf[10];

	fill((unsigned char *)buf, sizeof(buf), GUARD);
	EXPECT_PTR_EQ(strcpy(buf, "abc"), buf);
	EXPECT_MEMEQ(buf, "abc\0\x5a\x5a\x5a\x5a\x5a\x5a", 10);
	EXPECT_PTR_EQ(strcpy(buf, ""), buf);
	EXPECT_MEMEQ(buf, "\0bc\0\x5a\x5a\x5a\x5a\x5a\x5a", 10);
}

TEST(strncpy_pads_and_may_not_terminate)
{
	char buf[8];

	fill((unsigned char *)buf, sizeof(buf), GUARD);
	EXPECT_PTR_EQ(strncpy(buf, "ab", 6), buf);
	EXPECT_MEMEQ(buf, "ab\0\0\0\0\x5a\x5a", 8);
	fill((unsigned char *)buf, sizeof(buf), GUARD);
	strncpy(buf, "abcdefgh", 4);
	EXPECT_MEMEQ(buf, "abcd\x5a\x5a\x5a\x5a", 8);   /* no NUL */
	fill((unsigned char *)buf, sizeof(buf), GUARD);
	strncpy(buf, "abc", 0);
	EXPECT_MEMEQ(buf, "\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a", 8);
}

TEST(strlcpy_truncates_and_terminates)
{
	char buf[8];

	fill((unsigned char *)buf, sizeof(buf), GUARD);
	EXPECT_EQ(strlcpy(buf, "hello", 8), 5);
	EXPECT_MEMEQ(buf, "hello\0\x5a\x5a", 8);
	fill((unsigned char *)buf, sizeof(buf), GUARD);
	EXPECT_EQ(strlcpy(buf, "hello", 3), 5);         /* >= size: truncated */
	EXPECT_MEMEQ(buf, "he\0\x5a\x5a\x5a\x5a\x5a", 8);
	fill((unsigned char *)buf, sizeof(buf), GUARD);
	EXPECT_EQ(strlcpy(buf, "hello", 6), 5);         /* exactly fits */
	EXPECT_MEMEQ(buf, "hello\0\x5a\x5a", 8);
	fill((unsigned char *)buf, sizeof(buf), GUARD);
	EXPECT_EQ(strlcpy(buf, "hello", 5), 5);         /* one short */
	EXPECT_MEMEQ(buf, "hell\0\x5a\x5a\x5a", 8);
	fill((unsigned char *)buf, sizeof(buf), GUARD);
	EXPECT_EQ(strlcpy(buf, "hello", 1), 5);
	EXPECT_MEMEQ(buf, "\0\x5a\x5a\x5a\x5a\x5a\x5a\x5a", 8);
	fill((unsigned char *)buf, sizeof(buf), GUARD);
	EXPECT_EQ(strlcpy(buf, "hello", 0), 5);         /* writes nothing */
	EXPECT_MEMEQ(buf, "\x5a\x5a\x5a\x5a\x5a\x5a\x5a\x5a", 8);
	EXPECT_EQ(strlcpy(buf, "", 8), 0);
	EXPECT_STREQ(buf, "");
}

TEST(strlcat_appends_truncates_and_respects_size)
{
	char buf[8];

	strlcpy(buf, "ab", sizeof(buf));
	EXPECT_EQ(strlcat(buf, "cd", sizeof(buf)), 4);
	EXPECT_STREQ(buf, "abcd");
	EXPECT_EQ(strlcat(buf, "efghij", sizeof(buf)), 10);   /* truncated */
	EXPECT_MEMEQ(buf, "abcdefg\0", 8);
	EXPECT_EQ(strlcat(buf, "x", sizeof(buf)), 8);         /* full already */
	EXPECT_STREQ(buf, "abcdefg");

	strlcpy(buf, "ab", sizeof(buf));
	EXPECT_EQ(strlcat(buf, "", sizeof(buf)), 2);
	EXPECT_STREQ(buf, "ab");
	EXPECT_EQ(strlcat(buf, "xyz", 3), 5);                  /* no room at all */
	EXPECT_STREQ(buf, "ab");
	EXPECT_EQ(strlcat(buf, "xyz", 4), 5);
	EXPECT_STREQ(buf, "abx");

	/* No NUL within size: nothing is written, size + strlen(src) returned. */
	fill((unsigned char *)buf, sizeof(buf), 'q');
	EXPECT_EQ(strlcat(buf, "abc", 5), 8);
	EXPECT_MEMEQ(buf, "qqqqqqqq", 8);
	EXPECT_EQ(strlcat(buf, "abc", 0), 3);
	EXPECT_MEMEQ(buf, "qqqqqqqq", 8);
}

/* strtoul() against the host's: value and end pointer. */
TEST(strtoul_matches_libc)
{
	static const char *const in[] = {
		"0", "1", "123", "  42", "\t\n\v\f\r 9", "+7", "-1", "-0", "+-1", "--1",
		"0x1f", "0X1F", "0x", "0xg", "0x0", "08", "0777", "0777x", "z", "Zz", "",
		"   ", "-", "+", "12abc", "007", "ff", "FF", "0xFFFFFFFFFFFFFFFF",
		"18446744073709551615", "18446744073709551616", "99999999999999999999999",
		"-18446744073709551615", "-18446744073709551616", "1777777777777777777777",
		"2000000000000000000000", "1010", "0b101", "19", "0x10", "  -0x10", " +0",
	};
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };

	for (size_t i = 0; i < ARRAY_SIZE(in); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(bases); j++) {
			char *end = NULL, *ref_end = NULL;
			unsigned long v = strtoul(in[i], &end, bases[j]);
			unsigned long r = ref_strtoul(in[i], &ref_end, bases[j]);
			const char *s = in[i];

			if (v != r || end != ref_end)
				ktest_host_fail(__FILE__, __LINE__,
						"strtoul(\"%s\", %d): %lu, end s+%td;"
						" libc %lu, s+%td",
						s, bases[j], v, end - s, r, ref_end - s);
		}
	}
	EXPECT_EQ(strtoul("123", NULL, 10), 123);        /* endptr may be NULL */
}

TEST(strtoul_prefixes_and_bases)
{
	const char *s = "0x1fz";
	char *end;

	EXPECT_EQ(strtoul(s, &end, 0), 0x1f);
	EXPECT_PTR_EQ(end, s + 4);
	s = "0x";                               /* a "0" with an 'x' after it */
	EXPECT_EQ(strtoul(s, &end, 16), 0);
	EXPECT_PTR_EQ(end, s + 1);
	s = "0755";
	EXPECT_EQ(strtoul(s, &end, 0), 0755);
	EXPECT_PTR_EQ(end, s + 4);
	s = "0755";
	EXPECT_EQ(strtoul(s, &end, 10), 755);
	s = "  xyz";                            /* nothing converted: end is s */
	EXPECT_EQ(strtoul(s, &end, 10), 0);
	EXPECT_PTR_EQ(end, s);
	s = "-1";
	EXPECT_EQ(strtoul(s, &end, 10), ULONG_MAX);
	s = "18446744073709551616";             /* too big: saturates */
	EXPECT_EQ(strtoul(s, &end, 10), ULONG_MAX);
	EXPECT_PTR_EQ(end, s + 20);
	s = "12";                               /* bad bases convert nothing */
	EXPECT_EQ(strtoul(s, &end, 1), 0);
	EXPECT_PTR_EQ(end, s);
	EXPECT_EQ(strtoul(s, &end, 37), 0);
	EXPECT_PTR_EQ(end, s);
	EXPECT_EQ(strtoul(s, &end, -1), 0);
	EXPECT_PTR_EQ(end, s);
}

/* A kstrtoull() case: input, base, expected return and (if 0) value. */
struct kstrto_case {
	const char *s;
	unsigned int base;
	int ret;
	unsigned long long val;
};

TEST(kstrtoull_accepts_and_rejects_like_linux)
{
	static const struct kstrto_case cases[] = {
		{ "0", 10, 0, 0 },
		{ "123", 10, 0, 123 },
		{ "+5", 10, 0, 5 },
		{ "123\n", 10, 0, 123 },
		{ "123\n\n", 10, -22, 0 },
		{ "", 10, -22, 0 },
		{ "\n", 10, -22, 0 },
		{ "+", 10, -22, 0 },
		{ "-1", 10, -22, 0 },
		{ " 1", 10, -22, 0 },
		{ "1 ", 10, -22, 0 },
		{ "12a", 10, -22, 0 },
		{ "ff", 16, 0, 255 },
		{ "0x1f", 16, 0, 31 },
		{ "0X1F", 16, 0, 31 },
		{ "0x1f", 0, 0, 31 },
		{ "0x1f", 10, -22, 0 },
		{ "0x", 16, -22, 0 },
		{ "0x", 0, -22, 0 },
		{ "017", 0, 0, 15 },
		{ "018", 0, -22, 0 },
		{ "017", 8, 0, 15 },
		{ "0", 0, 0, 0 },
		{ "10", 0, 0, 10 },
		{ "1010", 2, 0, 10 },
		{ "102", 2, -22, 0 },
		{ "18446744073709551615", 10, 0, ULLONG_MAX },
		{ "18446744073709551616", 10, -34, 0 },
		{ "99999999999999999999x", 10, -34, 0 },  /* range is checked first */
		{ "ffffffffffffffff", 16, 0, ULLONG_MAX },
		{ "10000000000000000", 16, -34, 0 },
		{ "1777777777777777777777", 8, 0, ULLONG_MAX },
		{ "1", 1, -22, 0 },
		{ "1", 17, -22, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct kstrto_case *c = &cases[i];
		unsigned long long res = 0xdeadbeef;
		int ret = kstrtoull(c->s, c->base, &res);
		unsigned long long want = c->ret == 0 ? c->val : 0xdeadbeef;

		if (ret != c->ret || res != want)
			ktest_host_fail(__FILE__, __LINE__,
					"kstrtoull(\"%s\", %u): %d, %llu; want %d, %llu",
					c->s, c->base, ret, res, c->ret, want);
	}
}

/* Numbers the host prints in bases 8, 10 and 16 must read back. */
TEST(kstrtoull_reads_back_what_libc_prints)
{
	for (int i = 0; i < 3000; i++) {
		unsigned long long v = ktest_host_rand() >> (ktest_host_rand() % 64);
		char buf[40];
		unsigned long long r8 = 1, r10 = 1, r16 = 1, r0 = 1;

		ref_snprintf(buf, sizeof(buf), "%llo", v);
		EXPECT_EQ(kstrtoull(buf, 8, &r8), 0);
		ref_snprintf(buf, sizeof(buf), "%llu", v);
		EXPECT_EQ(kstrtoull(buf, 10, &r10), 0);
		ref_snprintf(buf, sizeof(buf), "%llx", v);
		EXPECT_EQ(kstrtoull(buf, 16, &r16), 0);
		ref_snprintf(buf, sizeof(buf), "%#llX", v);
		EXPECT_EQ(kstrtoull(buf, 0, &r0), 0);
		EXPECT_EQ(r8, v);
		EXPECT_EQ(r10, v);
		EXPECT_EQ(r16, v);
		EXPECT_EQ(r0, v);
	}
}
