/*
 * ktest.c - the in-kernel test runner.
 *
 * ktest_run() walks the .ktest section (see ktest.h), runs each selected
 * test and prints one line per test, TAP-like:
 *
 *	ktest: ok 3 - kmalloc_stress
 *	ktest: FAIL 4 - pgtable_map_unmap
 *	ktest:     mm/pgtable_test.c:40: expected ...
 *
 * then a closing "N passed, M failed" line, and stops QEMU through the
 * isa-debug-exit device with a pass or fail status (tools/run-kernel turns
 * it into its exit code). A test that panics stops QEMU with the panic
 * status at once (panic_exits_qemu is set by `ktest`).
 *
 * After each test that asks for it, the runner compares the number of free
 * pages with the number before: memory a test leaks fails that test.
 */
#include "kernel/cmdline.h"
#include "kernel/ktest.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/page_alloc.h"

extern const struct ktest __ktest_start[], __ktest_end[];

static int current_failures;

/* ktest_fail - record a failed check of the running test. */
void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_ERR "ktest:     %s:%d: %s\n", file, line, msg);
	current_failures++;
}

/* Whether name is one of the comma-separated names in list. */
static bool name_in_list(const char *name, const char *list)
{
	size_t n = strlen(name);

	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == n && strncmp(p, name, n) == 0)
			return true;
		p += len + (comma ? 1 : 0);
	}
	return false;
}

/*
 * ktest_run - run the tests the command line selects, report, stop QEMU.
 *
 * Context: a kernel thread (tests may sleep), interrupts on. Never returns.
 */
__noreturn void ktest_run(void)
{
	char selected[256];
	bool by_name = cmdline_get("ktest", selected, sizeof(selected));
	int passed = 0, failed = 0, number = 0;

	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		if (by_name ? !name_in_list(t->name, selected) : t->manual)
			continue;
		number++;
		current_failures = 0;
		unsigned long free_before = nr_free_pages();
		t->fn();
		unsigned long free_after = nr_free_pages();
		if (t->check_leaks && free_after != free_before)
			ktest_fail(t->file, 0, "%s leaked %ld pages (free %lu before, %lu after)",
				   t->name, (long)(free_before - free_after), free_before,
				   free_after);
		if (current_failures) {
			printk(KERN_ERR "ktest: FAIL %d - %s\n", number, t->name);
			failed++;
		} else {
			printk(KERN_NOTICE "ktest: ok %d - %s\n", number, t->name);
			passed++;
		}
	}
	if (number == 0) {              /* running nothing must not look like success */
		printk(KERN_ERR "ktest: no test to run (ktest=%s)\n", by_name ? selected : "");
		failed++;
	}
	printk(KERN_NOTICE "ktest: %d passed, %d failed\n", passed, failed);
	qemu_exit(failed ? QEMU_EXIT_FAIL : QEMU_EXIT_PASS);
}

/* ktest_thread - the kernel thread kmain starts when `ktest` is given. */
int ktest_thread(void *arg)
{
	(void)arg;
	ktest_run();
}
