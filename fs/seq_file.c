/*
 * seq_file.c - appending text to a struct seq_file (see seq_file.h). Every
 * function stores what fits and marks the buffer overflowed otherwise;
 * nothing here allocates or sleeps.
 *
 * Linux's fs/seq_file.c also walks a sequence of records across reads
 * (start/next/stop), so a huge file is made a page at a time; keyhole's
 * /proc files are made whole at their first read (fs/proc.c).
 */
#include "fs/seq_file.h"
#include "lib/printf.h"
#include "lib/string.h"

static void seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
	m->overflow = true;
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->overflow || len > m->size - m->count) {
		seq_set_overflow(m);
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (m->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->count, m->size - m->count, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= m->size - m->count)
		seq_set_overflow(m);            /* the NUL must fit too: room left over */
	else
		m->count += (size_t)n;
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

/* delimiter, then num right-aligned in width characters (0: no padding). */
void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width)
{
	seq_printf(m, "%s%*llu", delimiter, (int)width, num);
}

void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
	seq_printf(m, "%s%lld", delimiter, num);
}
