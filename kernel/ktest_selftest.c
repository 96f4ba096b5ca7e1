/*
 * ktest_selftest.c - tests that must fail, run only when named.
 *
 * `make test` boots each of these on purpose (tools/run-tests) and checks
 * that the harness notices: a failed check, a leaked page, a panic, a page
 * fault, a double free and a stack overflow must each end the run with the
 * right status and a report that names the culprit. They prove the other tests can fail.
 */
#include "kernel/ktest.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "mm/page_alloc.h"
#include "lib/string.h"
#include "mm/slab.h"

KTEST_MANUAL(selftest_fail)
{
	KT_EXPECT_EQ(1 + 1, 3);
}

KTEST_MANUAL(selftest_leak)
{
	KT_EXPECT(alloc_page(GFP_KERNEL) != NULL);      /* and never freed */
}

KTEST_MANUAL(selftest_panic)
{
	panic("selftest: a deliberate panic");
}

KTEST_MANUAL(selftest_page_fault)
{
	*(volatile int *)0xdeadbeefUL = 1;      /* user half: nothing there */
}

KTEST_MANUAL(selftest_double_free)
{
	void *keep = kmalloc(100, GFP_KERNEL);  /* keeps the slab alive, so */
	void *p = kmalloc(100, GFP_KERNEL);     /* the slab's free map sees it */

	kfree(p);
	kfree(p);
	kfree(keep);
}

/* Each call keeps 256 bytes on the stack and uses them after the call
 * returns, so the compiler can turn none of it into a loop. The depth
 * limit is 256 MiB of stack away: the 16 KiB boot stack overflows first. */
static int recurse(int depth)
{
	volatile char buf[256];

	if (depth > (1 << 20))
		return 0;
	buf[0] = (char)depth;
	return recurse(depth + 1) + buf[0];
}

KTEST_MANUAL(selftest_stack_overflow)
{
	KT_EXPECT(recurse(0) != 0);
}

/* Booted with `quiet`: the console level drops, the log keeps everything. */
KTEST_MANUAL(printk_quiet_cmdline)
{
	char buf[512];
	size_t pos = 0, next, n;
	bool found = false;

	KT_EXPECT_EQ(console_loglevel, CONSOLE_LOGLEVEL_QUIET);
	/* The memory map lines are KERN_INFO: logged, not shown. Read the
	 * log in chunks that overlap, so no line is cut in two unseen. */
	while ((n = log_buf_read(pos, buf, sizeof(buf) - 1, &next)) > 0) {
		buf[n] = '\0';
		if (strstr(buf, "BIOS-e820")) {
			found = true;
			break;
		}
		if (next >= log_buf_total())
			break;
		pos = next - 16;
	}
	KT_EXPECT(found);
}
