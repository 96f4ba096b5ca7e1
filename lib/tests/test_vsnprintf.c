/*
 * test_vsnprintf.c - host tests of lib/vsnprintf.c, against the host libc.
 *
 * CHECK(fmt, args...) formats the same thing with lib/'s vsnprintf() and
 * with the host's (ref_vsnprintf, glibc), into buffers of many sizes: 0
 * (with a NULL buffer too), 1, 2, ..., the exact length, one more, and
 * plenty. Return values and whole buffers, guard bytes after the end
 * included, must be identical; vscnprintf() must store the same bytes and
 * return what it stored. gcc checks each CHECK's arguments against its
 * format (check_fmt has the printf attribute), so the table cannot pass a
 * wrong type by mistake. A random test then builds thousands of integer
 * and string conversions from the grammar and compares them the same way.
 *
 * Only the behaviour C leaves open and keyhole chose differently from
 * glibc (unknown conversions) is checked against written-out strings.
 */
#include "lib/compiler.h"
#include "lib/printf.h"
#include "lib/tests/host_ref.h"
#include "lib/tests/ktest_host.h"

#include <limits.h>
#include <stdint.h>

#define BUF 256
#define GUARD 0x5a

static void fill(char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = GUARD;
}

/* One size of one case: vsnprintf and vscnprintf against libc. */
static void check_size(const char *file, int line, size_t size, const char *fmt, va_list ap)
{
	char got[BUF + 8], want[BUF + 8], what[200];
	va_list a1, a2, a3;

	fill(got, sizeof(got));
	fill(want, sizeof(want));
	va_copy(a1, ap);
	va_copy(a2, ap);
	int g = vsnprintf(got, size, fmt, a1);
	int w = ref_vsnprintf(want, size, fmt, a2);
	va_end(a1);
	va_end(a2);
	ref_snprintf(what, sizeof(what), "vsnprintf(buf, %zu, \"%s\")", size, fmt);
	ktest_host_check_eq(file, line, what, "libc's", (unsigned long long)g,
			    (unsigned long long)w, true);
	ktest_host_check_mem(file, line, what, "libc's", got, want, sizeof(got));

	fill(got, sizeof(got));
	va_copy(a3, ap);
	int c = vscnprintf(got, size, fmt, a3);
	va_end(a3);
	int stored = size == 0 ? 0 : (size_t)w < size ? w : (int)size - 1;

	ref_snprintf(what, sizeof(what), "vscnprintf(buf, %zu, \"%s\")", size, fmt);
	ktest_host_check_eq(file, line, what, "bytes stored", (unsigned long long)c,
			    (unsigned long long)stored, true);
	ktest_host_check_mem(file, line, what, "libc's", got, want, sizeof(got));
}

static int nr_cases;

static void __printf(3, 4) check_fmt(const char *file, int line, const char *fmt, ...)
{
	size_t sizes[] = { 0, 1, 2, 3, 5, 8, 13, 40, BUF, 0, 0, 0 };
	va_list ap, a1;

	nr_cases++;
	va_start(ap, fmt);
	va_copy(a1, ap);
	int len = ref_vsnprintf(NULL, 0, fmt, a1);
	va_end(a1);
	va_copy(a1, ap);
	int got = vsnprintf(NULL, 0, fmt, a1);           /* size 0, buf NULL */
	va_end(a1);
	ktest_host_check_eq(file, line, fmt, "libc's length, NULL buffer",
			    (unsigned long long)got, (unsigned long long)len, true);
	if (len < 0 || len >= BUF) {
		ktest_host_fail(file, line, "bad test: \"%s\" is %d bytes long", fmt, len);
		va_end(ap);
		return;
	}
	sizes[ARRAY_SIZE(sizes) - 3] = (size_t)len;
	sizes[ARRAY_SIZE(sizes) - 2] = (size_t)len + 1;
	sizes[ARRAY_SIZE(sizes) - 1] = (size_t)len + 2;
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		check_size(file, line, sizes[i], fmt, ap);
	va_end(ap);
}

#define CHECK(fmt, ...) check_fmt(__FILE__, __LINE__, fmt, ##__VA_ARGS__)

TEST(fmt_plain_text)
{
	CHECK("hello, world");
	CHECK("a%%b");
	CHECK("%%%%");
	CHECK("tab\there\n");
}

TEST(fmt_decimal)
{
	CHECK("%d", 0);
	CHECK("%d", 42);
	CHECK("%d", -42);
	CHECK("%i", 123456789);
	CHECK("%d", INT_MAX);
	CHECK("%d", INT_MIN);
	CHECK("%u", 0u);
	CHECK("%u", UINT_MAX);
	CHECK("%u", 3000000000u);
	CHECK("%d %i %u", 1, -2, 3u);
}

TEST(fmt_hex_and_octal)
{
	CHECK("%x", 0xdeadbeefu);
	CHECK("%X", 0xdeadbeefu);
	CHECK("%x", 0u);
	CHECK("%o", 0u);
	CHECK("%o", 8u);
	CHECK("%o", 0777u);
	CHECK("%#x", 0u);
	CHECK("%#x", 255u);
	CHECK("%#X", 255u);
	CHECK("%#o", 0u);
	CHECK("%#o", 8u);
	CHECK("%#.5o", 8u);
	CHECK("%#.0o", 0u);
	CHECK("%#.0x", 0u);
	CHECK("%x", UINT_MAX);
	CHECK("%o", UINT_MAX);
}

TEST(fmt_flags)
{
	CHECK("%+d", 5);
	CHECK("%+d", -5);
	CHECK("%+d", 0);
	CHECK("% d", 5);
	CHECK("% d", -5);
	CHECK("%-5d|", 42);
	CHECK("%05d", 42);
	CHECK("%05d", -42);
	CHECK("%+05d", 42);
	CHECK("% 05d", 42);
	CHECK("%#08x", 255u);
	CHECK("%#-8x|", 255u);
	CHECK("%#8o", 8u);
	CHECK("%08X", 0xabcu);
}

TEST(fmt_width_and_precision)
{
	CHECK("%5d", 42);
	CHECK("%1d", 12345);
	CHECK("%.3d", 7);
	CHECK("%.3d", -7);
	CHECK("%8.3d|", -7);
	CHECK("%-8.3d|", 7);
	CHECK("%.0d|", 0);
	CHECK("%5.0d|", 0);
	CHECK("%+.0d|", 0);
	CHECK("%.d|", 0);
	CHECK("%.10u", 123u);
	CHECK("%20x|", 0xabcu);
	CHECK("%.8x", 0xabcu);
	CHECK("%-#10.6x|", 0x1fu);
	CHECK("%099d", -1);
}

TEST(fmt_star_width_and_precision)
{
	CHECK("%*d|", 6, 42);
	CHECK("%-*d|", 6, 42);
	CHECK("%*d|", -6, 42);
	CHECK("%.*d", 5, 42);
	CHECK("%.*d", -1, 42);
	CHECK("%*.*d|", 8, 4, -42);
	CHECK("%0*d", 6, -42);
	CHECK("%.*s", 3, "abcdef");
	CHECK("%*s|", -6, "ab");
	CHECK("%.*d|", 0, 0);
	CHECK("%*c|%-*c|", 3, 'a', 3, 'b');
}

TEST(fmt_length_modifiers)
{
	/* Ints out of char and short range: a literal format would draw warnings. */
	const char *fmt = "%hhd|%hhd|%hhu|%hhx|%hd|%hu|%hx|%hd";

	CHECK(fmt, 300, -129, 511, 0x1ff, 70000, 70000, 0x12345, -32769);
	CHECK("%hhd|%hhu|%hd|%hu", (signed char)-5, (unsigned char)200, (short)-300,
	      (unsigned short)65000);
	CHECK("%ld", LONG_MAX);
	CHECK("%ld", LONG_MIN);
	CHECK("%lu", ULONG_MAX);
	CHECK("%lx", 0x123456789abcdefUL);
	CHECK("%lld", LLONG_MIN);
	CHECK("%lld", LLONG_MAX);
	CHECK("%llu", ULLONG_MAX);
	CHECK("%llo", ULLONG_MAX);
	CHECK("%llX", ULLONG_MAX);
	CHECK("%zu", (size_t)SIZE_MAX);
	CHECK("%zd", (long)-5);
	CHECK("%zx", (size_t)0xabc);
	CHECK("%td", (ptrdiff_t)-12345);
	CHECK("%tx", (ptrdiff_t)255);
	CHECK("%jd", (intmax_t)INTMAX_MIN);
	CHECK("%ju", (uintmax_t)UINTMAX_MAX);
	CHECK("%jx", (uintmax_t)0xfeed);
	/* Mixed sizes: each argument must be fetched with its own width. */
	CHECK("%lld %d %hhd %lld %zu", LLONG_MIN, 7, (signed char)1, 42LL, (size_t)9);
}

TEST(fmt_extreme_values_with_flags)
{
	CHECK("%020lld", LLONG_MIN);
	CHECK("%+lld", LLONG_MAX);
	CHECK("%-25lld|", LLONG_MIN);
	CHECK("%#llo", ULLONG_MAX);
	CHECK("%#llx", ULLONG_MAX);
	CHECK("%.25llu", ULLONG_MAX);
	CHECK("% d", INT_MIN);
	CHECK("%+.12d", INT_MIN);
}

TEST(fmt_char)
{
	CHECK("%c", 'a');
	CHECK("%5c|", 'b');
	CHECK("%-5c|", 'c');
	CHECK("[%c]", 0);                       /* a NUL inside the output */
	CHECK("%c%c%c", 'x', 'y', 'z');
	CHECK("%c", 0x141);                     /* converted to unsigned char */
	CHECK("%c", 200);
}

TEST(fmt_string)
{
	const char *volatile null = NULL;
	const char unterminated[3] = { 'a', 'b', 'c' };

	CHECK("%s", "abc");
	CHECK("%s|", "");
	CHECK("%10s|", "abc");
	CHECK("%-10s|", "abc");
	CHECK("%.2s", "abc");
	CHECK("%.0s|", "abc");
	CHECK("%.10s", "abc");
	CHECK("%5.1s|", "abc");
	CHECK("%s", null);
	CHECK("%.3s|", null);
	CHECK("%.6s", null);
	CHECK("%10s|", null);
	CHECK("%-8.2s|", null);
	CHECK("%.3s", unterminated);            /* must not read past 3 bytes */
	CHECK("%s and %s", "this", "that");
}

TEST(fmt_pointer)
{
	int local;
	void *p = (void *)0x1234;

	CHECK("%p", p);
	CHECK("%p", NULL);
	CHECK("%20p|", p);
	CHECK("%-20p|", p);
	CHECK("%10p|", NULL);
	CHECK("%-10p|", NULL);
	CHECK("%p", (void *)UINTPTR_MAX);
	CHECK("%p", (void *)&local);
	CHECK("%p %p", p, NULL);
}

/*
 * Formats gcc warns about when they are literal: flags that another flag
 * or a precision cancels, an empty format, and combinations C leaves
 * undefined where keyhole does what glibc does ('+', ' ', '0' and a
 * precision with %p; '0' with %s and %c).
 */
TEST(fmt_glibc_compatible_corners)
{
	static const char *const pointer_fmts[] = {
		"%+p", "% p", "%020p", "%.20p", "%#p", "%.3p", "%010p|", "%-+12p|",
	};
	const char *fmt;

	for (size_t i = 0; i < ARRAY_SIZE(pointer_fmts); i++) {
		fmt = pointer_fmts[i];
		CHECK(fmt, (void *)0xabcdef);
		CHECK(fmt, NULL);
	}
	fmt = "";
	CHECK(fmt, 0);
	fmt = "%+ d|% +d";
	CHECK(fmt, 5, 5);
	fmt = "%-05d|%0-5d|";
	CHECK(fmt, 42, -42);
	fmt = "%08.3d|%-08.3x|%08.0d|";
	CHECK(fmt, 7, 7u, 0);
	fmt = "%05s|%-05s|";
	CHECK(fmt, "ab", "cd");
	fmt = "%05c|";
	CHECK(fmt, 'a');
	fmt = "%#d %#u %+u % x";
	CHECK(fmt, 5, 5u, 5u, 5u);
}

/*
 * Not compared with glibc, which drops the length ("%ly" gives "%y"), and
 * whose %% with flags makes AddressSanitizer's printf interceptor warn.
 */
TEST(fmt_unknown_conversion_printed_as_is)
{
	static const struct { const char *fmt, *want; } cases[] = {
		{ "%y", "%y" },
		{ "a%-5yb", "a%-5yb" },
		{ "%5.3ly", "%5.3ly" },
		{ "%n", "%n" },
		{ "%f", "%f" },
		{ "abc%", "abc%" },
		{ "abc%-0", "abc%-0" },
		{ "%5%|%-05%", "%|%" },         /* %% takes no flags, as in glibc */
	};
	char buf[32];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *fmt = cases[i].fmt;
		size_t n = 0;

		while (cases[i].want[n])
			n++;
		EXPECT_EQ(snprintf(buf, sizeof(buf), fmt, 0), n);
		EXPECT_STREQ(buf, cases[i].want);
	}
	/* The next conversion still gets the first argument. */
	const char *fmt = "%y%d";
	EXPECT_EQ(snprintf(buf, sizeof(buf), fmt, 5), 3);
	EXPECT_STREQ(buf, "%y5");
}

TEST(snprintf_size_0_and_1)
{
	char buf[8];

	fill(buf, sizeof(buf));
	EXPECT_EQ(snprintf(buf, 0, "hello"), 5);
	EXPECT_EQ(buf[0], GUARD);                       /* size 0: nothing written */
	EXPECT_EQ(snprintf(NULL, 0, "%d", 12345), 5);
	EXPECT_EQ(snprintf(buf, 1, "hello"), 5);
	EXPECT_EQ(buf[0], '\0');
	EXPECT_EQ(buf[1], GUARD);
	EXPECT_EQ(snprintf(buf, sizeof(buf), "%s", "abcdefghij"), 10);
	EXPECT_STREQ(buf, "abcdefg");
	EXPECT_EQ(snprintf(buf, sizeof(buf), "%d", -7), 2);
	EXPECT_STREQ(buf, "-7");
}

TEST(scnprintf_returns_bytes_stored)
{
	char buf[16];
	int n = 0;

	EXPECT_EQ(scnprintf(buf, sizeof(buf), "hi"), 2);
	EXPECT_EQ(scnprintf(buf, 4, "hello"), 3);
	EXPECT_STREQ(buf, "hel");
	EXPECT_EQ(scnprintf(buf, 1, "hello"), 0);
	EXPECT_STREQ(buf, "");
	EXPECT_EQ(scnprintf(NULL, 0, "hello"), 0);
	/* The Linux idiom: append until full, never past the end. */
	for (int i = 0; i < 10; i++)
		n += scnprintf(buf + n, sizeof(buf) - (size_t)n, "%d,", i * 11);
	EXPECT_EQ(n, sizeof(buf) - 1);
	EXPECT_STREQ(buf, "0,11,22,33,44,5");
}

/* A total beyond INT_MAX cannot be returned: -1, as C99 says. */
TEST(vsnprintf_length_beyond_int_max)
{
	char buf[8];

	const char *volatile fmt = "%*d%s";     /* hidden from gcc, which would object */

	EXPECT_EQ(snprintf(NULL, 0, fmt, INT_MAX, 1, ""), INT_MAX);
	EXPECT_EQ(snprintf(NULL, 0, fmt, INT_MAX, 1, "x"), -1);
	EXPECT_EQ(scnprintf(buf, sizeof(buf), fmt, INT_MAX, 1, "x"), 7);
	EXPECT_STREQ(buf, "       ");
	fmt = "%99999999999999999999d";         /* the width saturates */
	EXPECT_EQ(snprintf(buf, sizeof(buf), fmt, 1), INT_MAX);
}

/* A random conversion spec: flags, width, precision, length, conversion. */
static int random_spec(char *fmt, size_t size, const char *convs, bool lengths, int *nstars)
{
	static const char *const len_mod[] = { "", "hh", "h", "l", "ll", "z", "t", "j" };
	char flags[6], width[8] = "", prec[8] = "";
	size_t nf = 0;
	int len = lengths ? (int)(ktest_host_rand() % ARRAY_SIZE(len_mod)) : 0;

	for (const char *f = "-0+ #"; *f; f++)
		if (ktest_host_rand() % 4 == 0)
			flags[nf++] = *f;
	flags[nf] = '\0';
	*nstars = 0;
	switch (ktest_host_rand() % 4) {
	case 0:
		break;
	case 1:
		width[0] = '*';
		width[1] = '\0';
		(*nstars)++;
		break;
	default:
		ref_snprintf(width, sizeof(width), "%d", (int)(ktest_host_rand() % 30));
	}
	switch (ktest_host_rand() % 4) {
	case 0:
		break;
	case 1:
		ref_snprintf(prec, sizeof(prec), ".*");
		(*nstars) |= 2;
		break;
	default:
		ref_snprintf(prec, sizeof(prec), ".%d", (int)(ktest_host_rand() % 30));
	}
	size_t nconvs = 0;

	while (convs[nconvs])
		nconvs++;
	char conv = convs[ktest_host_rand() % nconvs];

	ref_snprintf(fmt, size, "<%%%s%s%s%s%c>", flags, width, prec, len_mod[len], conv);
	return len;
}

static int random_star(void)
{
	return (int)(ktest_host_rand() % 50) - 15;     /* negative ones too */
}

/* Call check_fmt with the star arguments fmt asks for, then v. */
#define CHECK_STARS(fmt, stars, v)                                             \
	do {                                                                   \
		int w_ = random_star(), p_ = random_star();                    \
		if ((stars) == 3)                                              \
			check_fmt(__FILE__, __LINE__, fmt, w_, p_, v);         \
		else if ((stars) != 0)                                         \
			check_fmt(__FILE__, __LINE__, fmt, (stars) == 1 ? w_ : p_, v); \
		else                                                           \
			check_fmt(__FILE__, __LINE__, fmt, v);                 \
	} while (0)

TEST(fmt_random_integers_match_libc)
{
	for (int i = 0; i < 3000; i++) {
		char fmt[40];
		int stars;
		int len = random_spec(fmt, sizeof(fmt), "diuxXo", true, &stars);
		unsigned long long raw = ktest_host_rand() >> (ktest_host_rand() % 64);
		size_t end = 0;

		while (fmt[end] != '>')
			end++;
		bool is_signed = fmt[end - 1] == 'd' || fmt[end - 1] == 'i';

		if (is_signed && ktest_host_rand() % 2)
			raw = -raw;
		switch (len) {
		case 0: case 1: case 2:         /* int, or promoted to int */
			CHECK_STARS(fmt, stars, (int)raw);
			break;
		case 3:
			CHECK_STARS(fmt, stars, (long)raw);
			break;
		case 4:
			CHECK_STARS(fmt, stars, (long long)raw);
			break;
		case 5:
			CHECK_STARS(fmt, stars, (size_t)raw);
			break;
		case 6:
			CHECK_STARS(fmt, stars, (ptrdiff_t)raw);
			break;
		default:
			CHECK_STARS(fmt, stars, (intmax_t)raw);
			break;
		}
	}
}

TEST(fmt_random_strings_and_chars_match_libc)
{
	static const char *const strs[] = { "", "a", "hello", "a longer string, 30 bytes long" };

	for (int i = 0; i < 1000; i++) {
		char fmt[40];
		int stars;

		random_spec(fmt, sizeof(fmt), "s", false, &stars);
		CHECK_STARS(fmt, stars, strs[ktest_host_rand() % ARRAY_SIZE(strs)]);
		random_spec(fmt, sizeof(fmt), "c", false, &stars);
		CHECK_STARS(fmt, stars, (int)(ktest_host_rand() % 256));
	}
}
