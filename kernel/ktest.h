/*
 * ktest.h - in-kernel tests.
 *
 * A test is a function declared with KTEST(name) in any file; the linker
 * gathers them all in the .ktest section. With `ktest` on the command line
 * the kernel runs every test after boot and stops QEMU; `ktest=name1,name2`
 * runs only those (MANUAL tests, the harness's deliberate failures, run
 * only when named). Checks do not stop a test; each failed check prints
 * its file, line and values, and the test fails.
 *
 *	KTEST(kmalloc_zero_size)
 *	{
 *		KT_EXPECT(kmalloc(0, GFP_KERNEL) == NULL);
 *	}
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include "lib/compiler.h"
#include "lib/types.h"

struct ktest {
	const char *name;
	void (*fn)(void);
	const char *file;
	bool manual;            /* run only when named on the command line */
	bool check_leaks;       /* free pages must be the same after the test */
};

#define __KTEST(tname, is_manual, leaks)                                       \
	static void ktest_##tname(void);                                       \
	static const struct ktest __ktest_##tname                              \
		__section(".ktest") __used __aligned(8) = {                    \
		.name = #tname, .fn = ktest_##tname, .file = __FILE__,         \
		.manual = is_manual, .check_leaks = leaks,                     \
	};                                                                     \
	static void ktest_##tname(void)

#define KTEST(name)             __KTEST(name, false, true)
#define KTEST_NOLEAKCHECK(name) __KTEST(name, false, false)
#define KTEST_MANUAL(name)      __KTEST(name, true, true)

void ktest_fail(const char *file, int line, const char *fmt, ...) __printf(3, 4);
void ktest_run(void) __noreturn;
int ktest_thread(void *arg);

#define KT_EXPECT(cond)                                                        \
	do {                                                                   \
		if (!(cond))                                                   \
			ktest_fail(__FILE__, __LINE__, "expected %s", #cond);  \
	} while (0)

/* Compare as unsigned 64-bit integers and print both on failure. */
#define KT_EXPECT_EQ(a, b)                                                     \
	do {                                                                   \
		u64 __a = (u64)(a), __b = (u64)(b);                            \
		if (__a != __b)                                                \
			ktest_fail(__FILE__, __LINE__, "%s == %s: 0x%llx != 0x%llx", \
				   #a, #b, (unsigned long long)__a,            \
				   (unsigned long long)__b);                   \
	} while (0)

#define KT_EXPECT_NE(a, b)                                                     \
	do {                                                                   \
		u64 __a = (u64)(a), __b = (u64)(b);                            \
		if (__a == __b)                                                \
			ktest_fail(__FILE__, __LINE__, "%s != %s: both 0x%llx",     \
				   #a, #b, (unsigned long long)__a);           \
	} while (0)

/* Stop the test here if cond is false (after reporting it). */
#define KT_ASSERT(cond)                                                        \
	do {                                                                   \
		if (!(cond)) {                                                 \
			ktest_fail(__FILE__, __LINE__, "assertion %s", #cond); \
			return;                                                \
		}                                                              \
	} while (0)

#endif /* KERNEL_KTEST_H */
