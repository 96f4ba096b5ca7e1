/*
 * syslog.c - what user space reads of the kernel's log: syslog(2)
 * (klogctl) and /dev/kmsg, the two ways util-linux's dmesg reads it (it
 * tries /dev/kmsg first). Linux's do_syslog() and devkmsg_*() from
 * kernel/printk/printk.c, over the records printk.c keeps.
 *
 *	syslog(2)    "<6>[    1.234567] text\n" per record: the level, the
 *	             stamp, the text. SYSLOG_ACTION_READ_ALL copies the newest
 *	             records that fit, from the last CLEAR on; READ takes them
 *	             in order and consumes them (it sleeps until there is one);
 *	             SIZE_BUFFER is the ring's size; CONSOLE_LEVEL/ON/OFF set
 *	             console_loglevel.
 *	/dev/kmsg    one record per read(2): "6,12,1234567,-;text\n" (level,
 *	             sequence number, microseconds since boot, flags; bytes
 *	             below ' ', above '~' and '\' as \xNN). Each open file reads
 *	             the records in order from the oldest still held; one that
 *	             fell behind the ring gets EPIPE once and goes on from the
 *	             oldest. A buffer too small for the record is EINVAL. lseek
 *	             (offset 0 only) goes to the oldest (SEEK_SET), the next to
 *	             come (SEEK_END) or the first after the last CLEAR (SEEK_DATA).
 *
 * Who may: as Linux with kernel.dmesg_restrict = 1 (Debian's default):
 * every action needs CAP_SYSLOG (root here); EPERM otherwise. /dev/kmsg is
 * 0644 and opens for reading under the same rule.
 *
 * Waiting. printk() cannot wake a reader (it runs under any lock, the run
 * queue's too), so a reader waiting for a record sleeps a tick at a time
 * and looks again; a signal ends the wait (EINTR, or ERESTARTSYS).
 *
 * Locking: syslog_lock (a mutex) guards syslog_seq, clear_seq and the
 * saved console level; each open /dev/kmsg file's position is its own.
 */
#include "fs/dev.h"
#include "fs/vfs.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/timer.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define SYSLOG_ACTION_CLOSE          0
#define SYSLOG_ACTION_OPEN           1
#define SYSLOG_ACTION_READ           2
#define SYSLOG_ACTION_READ_ALL       3
#define SYSLOG_ACTION_READ_CLEAR     4
#define SYSLOG_ACTION_CLEAR          5
#define SYSLOG_ACTION_CONSOLE_OFF    6
#define SYSLOG_ACTION_CONSOLE_ON     7
#define SYSLOG_ACTION_CONSOLE_LEVEL  8
#define SYSLOG_ACTION_SIZE_UNREAD    9
#define SYSLOG_ACTION_SIZE_BUFFER   10

#define MINIMUM_CONSOLE_LOGLEVEL     1
#define LOG_LINE_MAX                 1024   /* a record's text, at most (printk's 512 and more) */

int dmesg_restrict = 1;

static DEFINE_MUTEX(syslog_lock);
static u64 syslog_seq;                  /* the next record READ consumes */
static u64 clear_seq;                   /* READ_ALL starts here (CLEAR moves it) */
static int saved_console_loglevel = -1; /* CONSOLE_OFF: the level to go back to */

/* The record at *seq as syslog(2) prints it, in buf (LOG_LINE_MAX + 32).
 * Return: its length, or -EAGAIN when there is none yet. Skips lost ones. */
static long syslog_format(u64 *seq, char *buf)
{
	struct log_rec rec;
	char *text = buf + 32;
	long n;

	do
		n = log_read_record(seq, &rec, text, LOG_LINE_MAX);
	while (n == -EPIPE);
	if (n < 0)
		return n;
	n = min(n, (long)LOG_LINE_MAX);
	int head = scnprintf(buf, 32, "<%d>[%5llu.%06llu] ", rec.facility << 3 | rec.level,
			     (unsigned long long)(rec.ts_nsec / 1000000000),
			     (unsigned long long)(rec.ts_nsec % 1000000000 / 1000));
	memmove(buf + head, text, (size_t)n);
	n += head;
	if (buf[n - 1] != '\n')
		buf[n++] = '\n';
	return n;
}

/* READ_ALL / READ_CLEAR: the newest records from clear_seq on that fit in
 * len bytes, oldest first (Linux's syslog_print_all). Caller holds syslog_lock. */
static long syslog_print_all(char *ubuf, int len, bool clear, char *buf)
{
	u64 first, next, seq;
	long total = 0, copied = 0, n;

	log_seq_range(&first, &next);
	seq = max(clear_seq, first);
	/* How many bytes from seq on; then drop the oldest until they fit. */
	for (u64 s = seq; s < next && (n = syslog_format(&s, buf)) > 0; s++)
		total += n;
	for (; seq < next && total > len; seq++) {
		u64 s = seq;

		n = syslog_format(&s, buf);
		if (n < 0)
			break;
		total -= n;
	}
	for (; seq < next; seq++) {
		n = syslog_format(&seq, buf);
		if (n < 0 || copied + n > len)
			break;
		if (copy_to_user(ubuf + copied, buf, (size_t)n))
			return -EFAULT;
		copied += n;
	}
	if (clear)
		clear_seq = next;
	return copied;
}

/* READ: sleep until there is a record, then consume what fits. Caller holds
 * syslog_lock (dropped while asleep). */
static long syslog_read(char *ubuf, int len, char *buf)
{
	long copied = 0, n;
	u64 first, next;

	for (;;) {
		log_seq_range(&first, &next);
		if (syslog_seq < first)
			syslog_seq = first;
		if (syslog_seq < next)
			break;
		mutex_unlock(&syslog_lock);
		schedule_timeout_interruptible(1);
		mutex_lock(&syslog_lock);
		if (signal_pending(current))
			return -ERESTARTSYS;
	}
	while (syslog_seq < next) {
		u64 s = syslog_seq;

		n = syslog_format(&s, buf);
		if (n < 0)
			break;
		if (copied + n > len) {
			if (copied == 0) {      /* a part of it, as Linux's syslog_print */
				if (copy_to_user(ubuf, buf, (size_t)len))
					return -EFAULT;
				copied = len;
				syslog_seq = s + 1;
			}
			break;
		}
		if (copy_to_user(ubuf + copied, buf, (size_t)n))
			return copied ? copied : -EFAULT;
		copied += n;
		syslog_seq = s + 1;
	}
	return copied;
}

/* The bytes READ would give now (SIZE_UNREAD). Caller holds syslog_lock. */
static long syslog_unread(char *buf)
{
	u64 first, next, s;
	long total = 0, n;

	log_seq_range(&first, &next);
	for (s = max(syslog_seq, first); s < next && (n = syslog_format(&s, buf)) > 0; s++)
		total += n;
	return total;
}

static bool syslog_action_restricted(int type)
{
	if (dmesg_restrict)
		return true;
	return type != SYSLOG_ACTION_READ_ALL && type != SYSLOG_ACTION_SIZE_BUFFER;
}

/*
 * do_syslog - one syslog(2) action, with Linux's checks in Linux's order:
 * the permission first (EPERM), then the action's arguments.
 *
 * Context: process context; may sleep. Return: see syslog(2).
 */
static long do_syslog(int type, char *ubuf, int len)
{
	char *buf = NULL;
	long ret = 0;

	if (syslog_action_restricted(type) && !capable(CAP_SYSLOG) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!ubuf || len < 0)
			return -EINVAL;
		if (len == 0)
			return 0;
		if (!access_ok(ubuf, (size_t)len))
			return -EFAULT;
		break;
	case SYSLOG_ACTION_CLEAR:
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
	case SYSLOG_ACTION_SIZE_UNREAD:
		break;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		break;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	default:
		return -EINVAL;
	}
	buf = kmalloc(LOG_LINE_MAX + 64, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	mutex_lock(&syslog_lock);
	switch (type) {
	case SYSLOG_ACTION_READ:
		ret = syslog_read(ubuf, len, buf);
		break;
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		ret = syslog_print_all(ubuf, len, type == SYSLOG_ACTION_READ_CLEAR, buf);
		break;
	case SYSLOG_ACTION_CLEAR: {
		u64 first;

		log_seq_range(&first, &clear_seq);
		break;
	}
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel == -1)
			saved_console_loglevel = console_loglevel;
		console_loglevel = MINIMUM_CONSOLE_LOGLEVEL;
		break;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel != -1) {
			console_loglevel = saved_console_loglevel;
			saved_console_loglevel = -1;
		}
		break;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		console_loglevel = max(len, MINIMUM_CONSOLE_LOGLEVEL);
		saved_console_loglevel = -1;    /* an explicit level wins over a later ON */
		break;
	case SYSLOG_ACTION_SIZE_UNREAD:
		ret = syslog_unread(buf);
		break;
	}
	mutex_unlock(&syslog_lock);
	kfree(buf);
	return ret;
}

SYSCALL_DEFINE3(syslog, int, type, char *, buf, int, len)
{
	return do_syslog(type, buf, len);
}

/* An open /dev/kmsg: the next record it reads. */
struct devkmsg_user {
	u64 seq;
	char text[LOG_LINE_MAX];
};

static int devkmsg_open(struct inode *inode, struct file *file)
{
	struct devkmsg_user *user;
	u64 next;

	(void)inode;
	if ((file->f_flags & O_ACCMODE) != O_WRONLY && dmesg_restrict &&
	    !capable(CAP_SYSLOG) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	user = kmalloc(sizeof(*user), GFP_KERNEL);
	if (!user)
		return -ENOMEM;
	log_seq_range(&user->seq, &next);
	file->private_data = user;
	return 0;
}

static void devkmsg_release(struct inode *inode, struct file *file)
{
	(void)inode;
	kfree(file->private_data);
}

/* Append the text, escaping what Linux escapes in /dev/kmsg records. */
static size_t kmsg_escape(char *out, size_t room, const char *text, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n && o + 4 < room; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c < ' ' || c >= 127 || c == '\\')
			o += (size_t)scnprintf(out + o, room - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	return o;
}

static ssize_t devkmsg_read(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	struct devkmsg_user *user = file->private_data;
	struct log_rec rec;
	char head[64];
	long n;

	(void)pos;
	for (;;) {
		n = log_read_record(&user->seq, &rec, user->text, sizeof(user->text));
		if (n != -EAGAIN)
			break;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		schedule_timeout_interruptible(1);
		if (signal_pending(current))
			return -ERESTARTSYS;
	}
	if (n < 0)
		return n;                       /* -EPIPE: records were lost */
	n = min(n, (long)sizeof(user->text));
	if (n > 0 && user->text[n - 1] == '\n')
		n--;
	int h = scnprintf(head, sizeof(head), "%d,%llu,%llu,-;", rec.facility << 3 | rec.level,
			  (unsigned long long)rec.seq, (unsigned long long)(rec.ts_nsec / 1000));
	/* The whole record must fit: its escaped text is at most 4 bytes a byte. */
	char *out = kmalloc((size_t)h + 4 * (size_t)n + 2, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	memcpy(out, head, (size_t)h);
	size_t total = (size_t)h + kmsg_escape(out + h, 4 * (size_t)n + 2, user->text, (size_t)n);
	out[total++] = '\n';
	ssize_t ret = -EINVAL;
	if (total <= len) {
		memcpy(kbuf, out, total);
		ret = (ssize_t)total;
		user->seq++;
	}
	kfree(out);
	return ret;
}

#define SEEK_SET        0
#define SEEK_END        2
#define SEEK_DATA       3

static loff_t devkmsg_llseek(struct file *file, loff_t offset, int whence)
{
	struct devkmsg_user *user = file->private_data;
	u64 first, next;

	if (offset)
		return -ESPIPE;
	log_seq_range(&first, &next);
	switch (whence) {
	case SEEK_SET:
		user->seq = first;
		return 0;
	case SEEK_DATA:
		mutex_lock(&syslog_lock);
		user->seq = max(clear_seq, first);
		mutex_unlock(&syslog_lock);
		return 0;
	case SEEK_END:
		user->seq = next;
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * A write is one message for the log, as Linux's devkmsg_write: "<N>text"
 * logs text at level N & 7 and facility N >> 3 (LOG_USER if that is 0),
 * plain text at the default level and LOG_USER. Longer than a record: EINVAL.
 */
static ssize_t devkmsg_write(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	const char *text = kbuf;
	size_t n = len;
	int level = LOGLEVEL_DEFAULT, facility = 1;    /* LOG_USER */

	(void)file;
	(void)pos;
	if (len > LOG_LINE_MAX - 32)
		return -EINVAL;
	if (n >= 3 && text[0] == '<') {
		size_t i = 1;
		unsigned int v = 0;

		while (i < n && i < 5 && text[i] >= '0' && text[i] <= '9')
			v = v * 10 + (unsigned int)(text[i++] - '0');
		if (i > 1 && i < n && text[i] == '>') {
			level = (int)(v & 7);
			if (v >> 3)
				facility = (int)(v >> 3);
			text += i + 1;
			n -= i + 1;
		}
	}
	char fmt[] = KERN_SOH "0%.*s%s";               /* the level goes in fmt[1] */

	fmt[1] = (char)('0' + level);
	printk_facility(facility, fmt, (int)n, text,
	       n && text[n - 1] == '\n' ? "" : "\n");
	return (ssize_t)len;
}

const struct file_operations kmsg_fops = {
	.open = devkmsg_open,
	.read = devkmsg_read,
	.write = devkmsg_write,
	.llseek = devkmsg_llseek,
	.release = devkmsg_release,
};
