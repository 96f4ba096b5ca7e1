/*
 * seq_file.h - building a text file in memory, piece by piece: what every
 * /proc file's show function writes into (Linux's include/linux/seq_file.h,
 * the single_open() kind only: the whole text is made at once).
 *
 * A show function appends with seq_printf() and friends. When the text
 * does not fit, the buffer is marked overflowed and further output is
 * dropped; the caller (fs/proc.c) then tries again with a buffer twice as
 * big, so a show function never checks for room itself.
 */
#ifndef FS_SEQ_FILE_H
#define FS_SEQ_FILE_H

#include "lib/compiler.h"
#include "lib/types.h"

struct seq_file {
	char *buf;
	size_t size;            /* bytes buf holds */
	size_t count;           /* bytes written so far; == size once overflowed */
	bool overflow;          /* something did not fit: try again with more room */
	void *private;          /* for the show function */
};

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width);

/* seq_put_decimal_ull/ll - delimiter, then num in decimal. */
static inline void seq_put_decimal_ull(struct seq_file *m, const char *delimiter,
				       unsigned long long num)
{
	seq_put_decimal_ull_width(m, delimiter, num, 0);
}

void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num);

#endif /* FS_SEQ_FILE_H */
