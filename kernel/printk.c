/*
 * printk.c - formatted kernel messages: a log ring buffer and the consoles.
 *
 * printk() formats a message, stamps each new line with the time since boot
 * ("[    1.234567] "), appends it to log_buf and, if the message's level is
 * below console_loglevel, writes it to every registered console (serial
 * first, then VGA). A later issue reads log_buf for dmesg.
 *
 * log_buf is a ring: log_head counts every byte ever logged, so byte n lives
 * at log_buf[n % LOG_BUF_LEN] and, once the ring has wrapped, the oldest
 * bytes still there start at log_head - LOG_BUF_LEN.
 *
 * Locking: logbuf_lock (irqsave) covers log_buf, log_head, the line state
 * and the console writes, so lines from an interrupt handler never land in
 * the middle of another line. During a panic (oops_in_progress) the lock is
 * only tried: printing something beats keeping it tidy.
 */
#include "kernel/console.h"
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

/*
 * vprintk - format and log one message; see printk().
 *
 * Context: any, interrupt handlers and panics included.
 * Return: the number of characters of the message (without level prefix).
 */
int vprintk(const char *fmt, va_list ap)
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
