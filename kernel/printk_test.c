/*
 * printk_test.c - in-kernel tests of printk: levels, the console filter,
 * the log ring and timestamps.
 */
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "lib/string.h"

static char captured[1024];
static size_t captured_len;

static void capture_write(struct console *con, const char *s, size_t n)
{
	(void)con;
	for (size_t i = 0; i < n && captured_len < sizeof(captured) - 1; i++)
		captured[captured_len++] = s[i];
	captured[captured_len] = '\0';
}

static struct console capture_console = { .name = "ktest", .write = capture_write };
static bool capture_registered;

static void capture_start(void)
{
	if (!capture_registered) {
		register_console(&capture_console);
		capture_registered = true;
	}
	captured_len = 0;
	captured[0] = '\0';
}

/* The text logged since position pos, NUL-terminated, in buf. */
static void log_since(size_t pos, char *buf, size_t len)
{
	size_t next;
	size_t n = log_buf_read(pos, buf, len - 1, &next);

	buf[n] = '\0';
}

KTEST(printk_console_loglevel_filters)
{
	char logged[512];
	int saved = console_loglevel;
	size_t pos = log_buf_total();

	capture_start();
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	pr_info("ktest-info-hidden\n");
	pr_err("ktest-err-shown\n");
	console_loglevel = saved;

	KT_EXPECT(strstr(captured, "ktest-info-hidden") == NULL);
	KT_EXPECT(strstr(captured, "ktest-err-shown") != NULL);
	log_since(pos, logged, sizeof(logged));
	KT_EXPECT(strstr(logged, "ktest-info-hidden") != NULL);
	KT_EXPECT(strstr(logged, "ktest-err-shown") != NULL);
}

KTEST(printk_timestamp_and_continuation)
{
	char logged[512];
	size_t pos = log_buf_total();

	capture_start();
	pr_info("ktest-part-one ");
	pr_cont("part-two\n");
	log_since(pos, logged, sizeof(logged));
	/* One line, one "[    s.uuuuuu] " stamp, the two parts joined. */
	KT_EXPECT(logged[0] == '[');
	KT_EXPECT(strstr(logged, "] ktest-part-one part-two\n") != NULL);
	KT_EXPECT(strchr(logged + 1, '[') == NULL);
	KT_EXPECT(strstr(captured, "ktest-part-one part-two") != NULL);
}

KTEST(printk_returns_length_and_formats)
{
	char logged[256];
	size_t pos = log_buf_total();

	KT_EXPECT_EQ(printk(KERN_DEBUG "x=%d s=%s h=%#x\n", -42, "abc", 255), 19);
	log_since(pos, logged, sizeof(logged));
	KT_EXPECT(strstr(logged, "x=-42 s=abc h=0xff\n") != NULL);
}

KTEST(printk_log_ring_wraps)
{
	char buf[64];
	size_t next;

	/* Write more than the ring holds; the oldest text is overwritten and
	 * a read from position 0 starts at the oldest byte still there. */
	for (int i = 0; i < LOG_BUF_LEN / 64 + 8; i++)
		pr_debug("ktest ring filler line %04d ..........................\n", i);
	KT_EXPECT(log_buf_total() > LOG_BUF_LEN);
	size_t n = log_buf_read(0, buf, sizeof(buf), &next);
	KT_EXPECT_EQ(n, sizeof(buf));
	KT_EXPECT_EQ(next, log_buf_total() - LOG_BUF_LEN + sizeof(buf));
}

/* dmesg's view: one record per line, numbered in order, with its level and
 * its text without the stamp; continuation joins a record; a record the
 * ring has lost reads as -EPIPE and moves the reader to the oldest one. */
KTEST(printk_records_for_dmesg)
{
	char text[128];
	struct log_rec rec;
	u64 first, next, seq;

	pr_info("ktest-rec-a\n");
	pr_err("ktest-rec-b ");
	pr_cont("joined\n");
	log_seq_range(&first, &next);
	KT_EXPECT(next >= first + 2);
	seq = next - 2;
	long n = log_read_record(&seq, &rec, text, sizeof(text));
	KT_EXPECT_EQ(n, 12);
	KT_EXPECT(memcmp(text, "ktest-rec-a\n", 12) == 0);
	KT_EXPECT_EQ(rec.level, 6);
	KT_EXPECT_EQ(rec.facility, 0);
	KT_EXPECT_EQ(rec.seq, next - 2);
	seq = next - 1;
	n = log_read_record(&seq, &rec, text, sizeof(text));
	KT_EXPECT_EQ(n, 19);
	KT_EXPECT(memcmp(text, "ktest-rec-b joined\n", 19) == 0);
	KT_EXPECT_EQ(rec.level, 3);
	seq = next;
	KT_EXPECT_EQ(log_read_record(&seq, &rec, text, sizeof(text)), -EAGAIN);
	/* Lose the first records: more lines than the record table holds. */
	seq = first;
	for (int i = 0; i < LOG_RECORDS + 10; i++)
		pr_debug("r%d\n", i);
	KT_EXPECT_EQ(log_read_record(&seq, &rec, text, sizeof(text)), -EPIPE);
	u64 oldest;
	log_seq_range(&oldest, &next);
	KT_EXPECT_EQ(seq, oldest);
	KT_EXPECT(log_read_record(&seq, &rec, text, sizeof(text)) > 0);
}
