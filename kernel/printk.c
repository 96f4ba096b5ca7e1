/*
 * printk.c - formatted kernel messages: a log ring buffer and the consoles.
 *
 * printk() formats a message, stamps each new line with the time since boot
 * ("[    1.234567] "), appends it to log_buf and, if the message's level is
 * below console_loglevel, writes it to every registered console (serial
 * first, then VGA).
 *
 * log_buf is a ring: log_head counts every byte ever logged, so byte n lives
 * at log_buf[n % LOG_BUF_LEN] and, once the ring has wrapped, the oldest
 * bytes still there start at log_head - LOG_BUF_LEN.
 *
 * Records. dmesg wants the log as records: level, sequence number, time and
 * text of each line (syslog(2) prints "<6>[    1.234567] text", /dev/kmsg
 * "6,12,1234567,-;text"). Beside the text ring, log_recs[] keeps one
 * struct printk_record per line, the line with sequence number seq (counted
 * from 0 at boot) at log_recs[seq % LOG_RECORDS]: where its stamp and its
 * text start in the ring, its level and its time. A line ends where the
 * next one starts (the last: at log_head). A record is still readable if
 * it is one of the last LOG_RECORDS and its stamp has not been overwritten
 * in the ring (log_first_seq). Linux keeps the same things in its
 * printk_ringbuffer (descriptors beside a text ring), lockless.
 *
 * Locking: logbuf_lock (irqsave) covers log_buf, log_head, the line state
 * and the console writes, so lines from an interrupt handler never land in
 * the middle of another line. During a panic (oops_in_progress) the lock is
 * only tried: printing something beats keeping it tidy.
 */
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "lib/printf.h"
#include "lib/string.h"

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
bool oops_in_progress;

static DEFINE_SPINLOCK(logbuf_lock);
static char log_buf[LOG_BUF_LEN];
static size_t log_head;                 /* bytes ever written */
static bool line_open;                  /* the last line has no '\n' yet */
static int line_level = LOGLEVEL_DEFAULT;
static struct console *console_list;

struct printk_record {
	size_t line_start;              /* ring position of its "[ stamp ] " */
	size_t text_start;              /* ring position of its text */
	u64 ts_nsec;                    /* when it was started */
	int level;
	int facility;                   /* 0: the kernel; 1: LOG_USER (/dev/kmsg writes) */
};

static struct printk_record log_recs[LOG_RECORDS];
static u64 log_next_seq;                /* the sequence number the next line gets */

/*
 * register_console - add con to the devices printk writes to.
 *
 * Context: boot, before interrupts are on.
 */
void register_console(struct console *con)
{
	struct console **p = &console_list;

	while (*p)
		p = &(*p)->next;
	con->next = NULL;
	*p = con;
}

/* console_write - write straight to every console, bypassing the log. */
void console_write(const char *s, size_t n)
{
	for (struct console *c = console_list; c; c = c->next)
		c->write(c, s, n);
}

static void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_head + i) % LOG_BUF_LEN] = s[i];
	log_head += n;
}

/* Append one piece of a message to the log and maybe the consoles. */
static void emit(const char *s, size_t n, bool to_console)
{
	log_store(s, n);
	if (to_console)
		console_write(s, n);
}

/* Format and log one message from facility (0: the kernel; see vprintk). */
static int vprintk_emit(int facility, const char *fmt, va_list ap)
{
	char text[512];
	unsigned long flags;
	int level = LOGLEVEL_DEFAULT;
	bool cont = false;
	bool locked;

	while (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		fmt += 2;
	}
	int len = vscnprintf(text, sizeof(text), fmt, ap);

	local_irq_save(flags);
	if (oops_in_progress) {
		locked = spin_trylock(&logbuf_lock);
	} else {
		spin_lock(&logbuf_lock);
		locked = true;
	}

	if (cont && line_open)
		level = line_level;
	else if (line_open)
		emit("\n", 1, line_level < console_loglevel);

	bool to_console = level < console_loglevel;
	const char *p = text, *end = text + len;
	while (p < end) {
		if (!line_open) {
			char stamp[32];
			u64 ns = ktime_get_ns();
			int n = scnprintf(stamp, sizeof(stamp), "[%5llu.%06llu] ",
					  (unsigned long long)(ns / 1000000000),
					  (unsigned long long)(ns % 1000000000 / 1000));
			struct printk_record *r = &log_recs[log_next_seq++ % LOG_RECORDS];

			r->line_start = log_head;
			r->text_start = log_head + (size_t)n;
			r->ts_nsec = ns;
			r->level = level;
			r->facility = facility;
			emit(stamp, (size_t)n, to_console);
			line_open = true;
			line_level = level;
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl + 1 : end;
		emit(p, (size_t)(stop - p), to_console);
		if (nl)
			line_open = false;
		p = stop;
	}

	if (locked)
		spin_unlock(&logbuf_lock);
	local_irq_restore(flags);
	return len;
}

/*
 * vprintk - format and log one message; see printk().
 *
 * Context: any, interrupt handlers and panics included.
 * Return: the number of characters of the message (without level prefix).
 */
int vprintk(const char *fmt, va_list ap)
{
	return vprintk_emit(0, fmt, ap);
}

/*
 * printk_facility - log a message that comes from facility (syslog's
 * LOG_USER = 1 for what user space writes to /dev/kmsg), not the kernel.
 *
 * Context: any.
 */
int printk_facility(int facility, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_emit(facility, fmt, ap);
	va_end(ap);
	return n;
}

/* printk - print a kernel message; see the file header for levels. */
int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/*
 * log_buf_read - copy logged text starting at byte pos (counted since boot)
 * into buf. If pos has already been overwritten, copying starts at the
 * oldest byte still held.
 *
 * Return: the number of bytes copied; *next is the position after them.
 */
size_t log_buf_read(size_t pos, char *buf, size_t len, size_t *next)
{
	unsigned long flags;
	size_t n = 0;

	spin_lock_irqsave(&logbuf_lock, flags);
	if (log_head > LOG_BUF_LEN && pos < log_head - LOG_BUF_LEN)
		pos = log_head - LOG_BUF_LEN;
	while (pos < log_head && n < len)
		buf[n++] = log_buf[pos++ % LOG_BUF_LEN];
	*next = pos;
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return n;
}

/* log_buf_total - the number of bytes ever logged. */
size_t log_buf_total(void)
{
	return READ_ONCE(log_head);
}

/* The oldest record whose stamp is still in the ring. Caller holds logbuf_lock. */
static u64 log_first_seq(void)
{
	u64 seq = log_next_seq > LOG_RECORDS ? log_next_seq - LOG_RECORDS : 0;

	while (seq < log_next_seq && log_head > LOG_BUF_LEN &&
	       log_recs[seq % LOG_RECORDS].line_start < log_head - LOG_BUF_LEN)
		seq++;
	return seq;
}

/* Records that are complete: all but an open last line. Caller holds logbuf_lock. */
static u64 log_done_seq(void)
{
	return line_open ? log_next_seq - 1 : log_next_seq;
}

/*
 * log_read_record - copy the record with sequence number *seq: its level,
 * time and text (without the stamp, with its newline) into buf, up to len
 * bytes. A record that is gone (overwritten) moves *seq to the oldest one
 * still held and says so with -EPIPE, as /dev/kmsg does; the next call
 * reads from there.
 *
 * Context: any.
 * Return: the text's length (it may be longer than len: then len bytes
 * were copied), -EAGAIN if there is no complete record at *seq yet, or
 * -EPIPE.
 */
long log_read_record(u64 *seq, struct log_rec *rec, char *buf, size_t len)
{
	unsigned long flags;
	long ret;

	spin_lock_irqsave(&logbuf_lock, flags);
	u64 first = log_first_seq();
	if (*seq < first) {
		*seq = first;
		ret = -EPIPE;
	} else if (*seq >= log_done_seq()) {
		ret = -EAGAIN;
	} else {
		const struct printk_record *r = &log_recs[*seq % LOG_RECORDS];
		size_t end = *seq + 1 < log_next_seq ? log_recs[(*seq + 1) % LOG_RECORDS].line_start
						     : log_head;
		size_t n = end - r->text_start;

		rec->seq = *seq;
		rec->level = r->level;
		rec->facility = r->facility;
		rec->ts_nsec = r->ts_nsec;
		for (size_t i = 0; i < n && i < len; i++)
			buf[i] = log_buf[(r->text_start + i) % LOG_BUF_LEN];
		ret = (long)n;
	}
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return ret;
}

/*
 * log_seq_range - the oldest record still held and the first sequence
 * number not complete yet: records [*first, *next) can be read.
 *
 * Context: any.
 */
void log_seq_range(u64 *first, u64 *next)
{
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	*first = log_first_seq();
	*next = log_done_seq();
	spin_unlock_irqrestore(&logbuf_lock, flags);
}
