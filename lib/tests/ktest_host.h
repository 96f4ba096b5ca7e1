/*
 * ktest_host.h - a small unit-test framework for lib/, run on the host.
 *
 * The host twin of kernel/ktest.h. A test is a function declared with
 * TEST(name); a constructor registers it before main() runs, in the order
 * of the source file. ktest_host.c supplies main(), which runs every test
 * (or only those named on the command line) and prints
 *
 *	ok - memmove_overlap_forward
 *	FAIL - strlcpy_truncates
 *	    lib/tests/test_string.c:80: kh_strlcpy(buf, "hello", 3) == 5: 4 (0x4) != 5 (0x5)
 *	...
 *	41 passed, 1 failed
 *
 * and exits with status 1 when any test failed. A failed check does not
 * stop its test (ASSERT_TRUE does), so one run shows every broken check.
 * The checks print what both sides were; they never call the lib/ code
 * under test (a broken strcmp must not hide its own failure), which is why
 * the framework is compiled without lib/tests/host_rename.h.
 *
 *	TEST(strlen_counts_bytes)
 *	{
 *		EXPECT_EQ(strlen("abc"), 3);
 *	}
 */
#ifndef LIB_TESTS_KTEST_HOST_H
#define LIB_TESTS_KTEST_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ktest_host_case {
	const char *name;
	void (*fn)(void);
	struct ktest_host_case *next;
};

void ktest_host_register(struct ktest_host_case *t);
void ktest_host_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool ktest_host_failed(void);   /* a check of the running test failed */
bool ktest_host_check_eq(const char *file, int line, const char *a_text, const char *b_text,
			 unsigned long long a, unsigned long long b, bool want_equal);
bool ktest_host_check_str(const char *file, int line, const char *a_text, const char *b_text,
			  const char *a, const char *b);
bool ktest_host_check_mem(const char *file, int line, const char *a_text, const char *b_text,
			  const void *a, const void *b, size_t n);

/*
 * Helpers for tests, which may not include <stdlib.h> (host_rename.h):
 * memory from the host's malloc (exactly n bytes, so ASan catches a read
 * one byte past the end), and a deterministic pseudo-random sequence,
 * the same on every run so that a failure can be reproduced.
 */
void *ktest_host_alloc(size_t n);
void ktest_host_free(void *p);
unsigned long long ktest_host_rand(void);

#define TEST(tname)                                                            \
	static void test_##tname(void);                                        \
	static struct ktest_host_case ktest_case_##tname = {                   \
		.name = #tname, .fn = test_##tname,                            \
	};                                                                     \
	__attribute__((constructor)) static void ktest_register_##tname(void)  \
	{                                                                      \
		ktest_host_register(&ktest_case_##tname);                      \
	}                                                                      \
	static void test_##tname(void)

#define EXPECT_TRUE(cond)                                                      \
	do {                                                                   \
		if (!(cond))                                                   \
			ktest_host_fail(__FILE__, __LINE__, "expected %s", #cond); \
	} while (0)

#define EXPECT_FALSE(cond)                                                     \
	do {                                                                   \
		if (cond)                                                      \
			ktest_host_fail(__FILE__, __LINE__, "expected !(%s)", #cond); \
	} while (0)

/* Stop the test if cond is false: later checks would only crash. */
#define ASSERT_TRUE(cond)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			ktest_host_fail(__FILE__, __LINE__, "assertion %s", #cond); \
			return;                                                \
		}                                                              \
	} while (0)

/*
 * Integers (and pointers) are compared as unsigned long long, so -1 and
 * ULLONG_MAX are equal; the failure shows both in decimal and hex.
 */
#define EXPECT_EQ(a, b)                                                        \
	ktest_host_check_eq(__FILE__, __LINE__, #a, #b, (unsigned long long)(a), \
			    (unsigned long long)(b), true)
#define EXPECT_NE(a, b)                                                        \
	ktest_host_check_eq(__FILE__, __LINE__, #a, #b, (unsigned long long)(a), \
			    (unsigned long long)(b), false)
#define EXPECT_PTR_EQ(a, b)                                                    \
	ktest_host_check_eq(__FILE__, __LINE__, #a, #b,                        \
			    (unsigned long long)(uintptr_t)(const void *)(a),  \
			    (unsigned long long)(uintptr_t)(const void *)(b), true)

/* NUL-terminated strings (NULL allowed), shown with escapes on failure. */
#define EXPECT_STREQ(a, b) ktest_host_check_str(__FILE__, __LINE__, #a, #b, a, b)

/* n bytes, shown from the first difference on failure. */
#define EXPECT_MEMEQ(a, b, n) ktest_host_check_mem(__FILE__, __LINE__, #a, #b, a, b, n)

#endif /* LIB_TESTS_KTEST_HOST_H */
