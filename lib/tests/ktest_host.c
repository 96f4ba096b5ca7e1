/*
 * ktest_host.c - the runner and the checks behind ktest_host.h.
 *
 * Tests register themselves on a list (in file order) before main() runs.
 * main() runs them one by one; while a test runs, the messages of its
 * failed checks go to an in-memory stream (open_memstream), so that they
 * can be printed under the test's "FAIL - name" line once it is over.
 *
 * This file is host code using the host's libc, and it is compiled without
 * host_rename.h: nothing here calls the lib/ code under test.
 */
#include "ktest_host.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct ktest_host_case *tests, **tests_tail = &tests;
static FILE *failures;          /* messages of the running test */
static int nr_failed_checks;    /* in the running test */

/* A test failing in a loop shows this many messages, then a count. */
#define MAX_MESSAGES 20

/* ktest_host_register - add t to the tests main() runs (from TEST()). */
void ktest_host_register(struct ktest_host_case *t)
{
	t->next = NULL;
	*tests_tail = t;
	tests_tail = &t->next;
}

/* ktest_host_fail - record a failed check of the running test. */
void ktest_host_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (++nr_failed_checks > MAX_MESSAGES)
		return;
	fprintf(failures, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(failures, fmt, ap);
	va_end(ap);
	fputc('\n', failures);
}

/* ktest_host_failed - whether a check of the running test has failed yet. */
bool ktest_host_failed(void)
{
	return nr_failed_checks != 0;
}

/*
 * ktest_host_check_eq - the EXPECT_EQ/EXPECT_NE check.
 *
 * Return: whether it passed.
 */
bool ktest_host_check_eq(const char *file, int line, const char *a_text, const char *b_text,
			 unsigned long long a, unsigned long long b, bool want_equal)
{
	if ((a == b) == want_equal)
		return true;
	if (want_equal)
		ktest_host_fail(file, line, "%s == %s: %lld (%#llx) != %lld (%#llx)",
				a_text, b_text, (long long)a, a, (long long)b, b);
	else
		ktest_host_fail(file, line, "%s != %s: both %lld (%#llx)",
				a_text, b_text, (long long)a, a);
	return false;
}

/* Print n bytes of s as a C string literal would show them. */
static void put_escaped(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			fputc(c, f);
		else
			fprintf(f, "\\x%02x", c);
	}
	fputc('"', f);
}

/*
 * ktest_host_check_str - the EXPECT_STREQ check.
 *
 * Return: whether it passed.
 */
bool ktest_host_check_str(const char *file, int line, const char *a_text, const char *b_text,
			  const char *a, const char *b)
{
	if (a == b || (a && b && strcmp(a, b) == 0))
		return true;
	ktest_host_fail(file, line, "%s == %s:", a_text, b_text);
	if (nr_failed_checks > MAX_MESSAGES)
		return false;
	fputs("        ", failures);
	if (a)
		put_escaped(failures, a, strlen(a));
	else
		fputs("NULL", failures);
	fputs("\n     != ", failures);
	if (b)
		put_escaped(failures, b, strlen(b));
	else
		fputs("NULL", failures);
	fputc('\n', failures);
	return false;
}

/*
 * ktest_host_check_mem - the EXPECT_MEMEQ check.
 *
 * Return: whether it passed.
 */
bool ktest_host_check_mem(const char *file, int line, const char *a_text, const char *b_text,
			  const void *a, const void *b, size_t n)
{
	const char *p = a, *q = b;
	size_t i = 0;

	while (i < n && p[i] == q[i])
		i++;
	if (i == n)
		return true;

	size_t show = n - i < 32 ? n - i : 32;

	ktest_host_fail(file, line, "%s == %s: differ at byte %zu of %zu:", a_text, b_text, i, n);
	if (nr_failed_checks > MAX_MESSAGES)
		return false;
	fputs("        ", failures);
	put_escaped(failures, p + i, show);
	fputs("\n     != ", failures);
	put_escaped(failures, q + i, show);
	fputc('\n', failures);
	return false;
}

/* ktest_host_alloc - n bytes from the host heap; exits if there are none. */
void *ktest_host_alloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		perror("malloc");
		exit(2);
	}
	return p;
}

/* ktest_host_free - give back what ktest_host_alloc() returned. */
void ktest_host_free(void *p)
{
	free(p);
}

/*
 * ktest_host_rand - the next number of a fixed pseudo-random sequence
 * (xorshift64*), restarted before each test so tests do not depend on the
 * order they run in.
 */
static unsigned long long rand_state;

unsigned long long ktest_host_rand(void)
{
	rand_state ^= rand_state >> 12;
	rand_state ^= rand_state << 25;
	rand_state ^= rand_state >> 27;
	return rand_state * 0x2545f4914f6cdd1dULL;
}

/* Run one test; print its line and its failed checks. Return: whether it passed. */
static bool run_one(const struct ktest_host_case *t)
{
	char *text = NULL;
	size_t len = 0;

	failures = open_memstream(&text, &len);
	if (!failures) {
		perror("open_memstream");
		exit(2);
	}
	nr_failed_checks = 0;
	rand_state = 0x9e3779b97f4a7c15ULL;
	t->fn();
	if (nr_failed_checks > MAX_MESSAGES)
		fprintf(failures, "    ... and %d more failed checks\n",
			nr_failed_checks - MAX_MESSAGES);
	fclose(failures);
	failures = NULL;

	printf("%s - %s\n", nr_failed_checks ? "FAIL" : "ok", t->name);
	fputs(text, stdout);
	free(text);
	fflush(stdout);
	return nr_failed_checks == 0;
}

static bool named(const char *name, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return true;
	return false;
}

/*
 * main - run every test, or those named as arguments.
 *
 * Return (exit status): 0 when all passed, 1 when any failed (a name that
 * matches no test counts as a failure).
 */
int main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	for (const struct ktest_host_case *t = tests; t; t = t->next) {
		if (argc > 1 && !named(t->name, argc, argv))
			continue;
		if (run_one(t))
			passed++;
		else
			failed++;
	}
	for (int i = 1; i < argc; i++) {
		const struct ktest_host_case *t = tests;

		while (t && strcmp(t->name, argv[i]) != 0)
			t = t->next;
		if (!t) {
			printf("FAIL - %s: no such test\n", argv[i]);
			failed++;
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
