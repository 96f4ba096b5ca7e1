/*
 * n_tty.c - the line discipline: what termios says about the bytes
 * between a terminal's keyboard and its readers, and between its writers
 * and its screen (Linux's drivers/tty/n_tty.c, without its lock-free
 * buffer tricks).
 *
 * Input (n_tty_receive_char, one byte from the keyboard or a pty master):
 *
 *	ISTRIP, IGNCR, ICRNL, INLCR   the byte is changed or dropped first
 *	ISIG: VINTR VQUIT VSUSP       SIGINT, SIGQUIT, SIGTSTP to the
 *	                              foreground group; the input is flushed
 *	                              unless NOFLSH; echoed as ^C (ECHOCTL)
 *	ICANON: VERASE VKILL VWERASE  edit the line being typed (VWERASE
 *	                              with IEXTEN: back to the last word)
 *	        VEOF                  ends the line without a newline; at the
 *	                              start of a line, end of file (read 0)
 *	        '\n' VEOL VEOL2       end the line: readers may take it
 *	        VLNEXT VREPRINT       (IEXTEN) the next byte literally; the
 *	                              line typed again
 *	ECHO, ECHOCTL, ECHOE, ECHOK,  what the typist sees
 *	ECHOKE, ECHONL
 *
 * The ring (tty.h): finished lines (or, without ICANON, every byte) are
 * read_tail..canon_head, the line being edited canon_head..read_head.
 * read_flags marks each line's end; an EOF mark is a flagged NUL that
 * read() does not copy.
 *
 * Reading (n_tty_read): canonical mode hands out at most one line per
 * read. Non-canonical mode follows VMIN and VTIME as Linux: MIN > 0,
 * TIME 0 waits for MIN bytes; MIN 0, TIME 0 takes what is there; MIN 0,
 * TIME > 0 waits up to TIME tenths for a first byte; MIN > 0, TIME > 0
 * waits for a first byte, then up to TIME tenths for each next one.
 *
 * Output (n_tty_write, and echoes): OPOST with ONLCR ("\n" goes out as
 * "\r\n") and OCRNL; the driver's write op moves the bytes on.
 *
 * Not done: IXON flow control (VSTART/VSTOP are ordinary bytes here),
 * tab columns for erasing a tab (it erases one column), IUCLC/OLCUC,
 * parity, and VDISCARD. A c_cc entry of 0 is disabled (_POSIX_VDISABLE).
 *
 * Locking: tty->lock (tty.h) around every look at the ring or termios.
 * Echoes are written under it (the driver's write op with file NULL does
 * not sleep); signals and wake-ups go out after it is dropped.
 */
#include "fs/tty.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/wait.h"
#include "lib/bitmap.h"
#include "lib/string.h"

#define RB_MASK         (N_TTY_BUF_SIZE - 1)
#define EOF_MARK        '\0'

static inline bool L(struct tty_struct *tty, u32 f)
{
	return tty->termios.c_lflag & f;
}

static inline bool I(struct tty_struct *tty, u32 f)
{
	return tty->termios.c_iflag & f;
}

/* Whether c is the enabled special character cc[i]. */
static inline bool is_cc(struct tty_struct *tty, char c, int i)
{
	return tty->termios.c_cc[i] && c == (char)tty->termios.c_cc[i];
}

static inline bool iscntrl_c(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

/*
 * Output processing: OPOST with ONLCR/OCRNL, then the driver. file NULL
 * for echoes. Return: bytes of buf consumed, or -ERESTARTSYS (nothing
 * went, a signal came while a pty was full).
 */
static ssize_t process_output(struct tty_struct *tty, struct file *file, const char *buf,
			      size_t n)
{
	u32 oflag = tty->termios.c_oflag;
	size_t done = 0;

	if (!(oflag & OPOST) || !(oflag & (ONLCR | OCRNL)))
		return tty->ops->write(tty, file, buf, n);
	while (done < n) {
		size_t run = 0;
		ssize_t r;

		while (done + run < n && buf[done + run] != '\n' && buf[done + run] != '\r')
			run++;
		if (run) {
			r = tty->ops->write(tty, file, buf + done, run);
			if (r <= 0)
				return done ? (ssize_t)done : r;
			done += (size_t)r;
			if ((size_t)r < run)
				break;
			continue;
		}
		char c = buf[done];
		const char *out = &buf[done];
		size_t len = 1;

		if (c == '\n' && (oflag & ONLCR)) {
			out = "\r\n";
			len = 2;
		} else if (c == '\r' && (oflag & OCRNL)) {
			out = "\n";
		}
		r = tty->ops->write(tty, file, out, len);
		if (r < (ssize_t)len)
			return done ? (ssize_t)done : (r < 0 ? r : 0);
		done++;
	}
	return (ssize_t)done;
}

/* Echo bytes. Caller holds tty->lock. */
static void echo_out(struct tty_struct *tty, const char *s, size_t n)
{
	(void)process_output(tty, NULL, s, n);
}

/* Echo one typed byte: control characters as ^X under ECHOCTL. */
static void echo_char(struct tty_struct *tty, char c)
{
	if (L(tty, ECHOCTL) && iscntrl_c((unsigned char)c) && c != '\t' && c != '\n') {
		char s[2] = { '^', (char)(c ^ 0100) };

		echo_out(tty, s, 2);
	} else {
		echo_out(tty, &c, 1);
	}
}

static inline size_t read_cnt(struct tty_struct *tty)
{
	return tty->read_head - tty->read_tail;
}

static inline char rb(struct tty_struct *tty, size_t i)
{
	return tty->read_buf[i & RB_MASK];
}

static inline bool is_delim(struct tty_struct *tty, size_t i)
{
	return test_bit(i & RB_MASK, tty->read_flags);
}

/* Append c (a delimiter if delim). Caller holds tty->lock. Return: false
 * if the ring is full (canonical mode keeps its last slot for the end of
 * the line, so that a full line can still be finished). */
static bool put_char(struct tty_struct *tty, char c, bool delim)
{
	size_t room = N_TTY_BUF_SIZE - read_cnt(tty);

	if (!room || (L(tty, ICANON) && room == 1 && !delim))
		return false;
	tty->read_buf[tty->read_head & RB_MASK] = c;
	if (delim)
		__set_bit(tty->read_head & RB_MASK, tty->read_flags);
	else
		__clear_bit(tty->read_head & RB_MASK, tty->read_flags);
	tty->read_head++;
	return true;
}

/*
 * n_tty_flush_input - drop all input, typed and unread (TCFLSH, TCSETSF,
 * a signal character). Caller holds tty->lock.
 */
void n_tty_flush_input(struct tty_struct *tty)
{
	tty->read_tail = tty->canon_head = tty->read_head;
	tty->lnext = false;
}

/* Erase one character from the line being edited, on the screen too. */
static void erase_one(struct tty_struct *tty, bool visual)
{
	char c = rb(tty, tty->read_head - 1);

	tty->read_head--;
	if (!L(tty, ECHO) || !visual)
		return;
	echo_out(tty, "\b \b", 3);
	if (L(tty, ECHOCTL) && iscntrl_c((unsigned char)c) && c != '\t')
		echo_out(tty, "\b \b", 3);      /* it was echoed as ^X */
}

static bool is_word_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '_';
}

/* VERASE, VKILL or VWERASE (which: its c_cc index). Linux's eraser(). */
static void eraser(struct tty_struct *tty, char c, int which)
{
	bool ece = L(tty, ECHOE);
	int seen_word = 0;

	if (tty->read_head == tty->canon_head)
		return;                         /* nothing typed: nothing to erase */
	if (which == VKILL) {
		if (!L(tty, ECHO) || !L(tty, ECHOK) || !L(tty, ECHOKE) || !ece) {
			tty->read_head = tty->canon_head;
			if (L(tty, ECHO)) {
				echo_char(tty, c);
				if (L(tty, ECHOK))
					echo_out(tty, "\n", 1);
			}
			return;
		}
		while (tty->read_head != tty->canon_head)
			erase_one(tty, true);
		return;
	}
	if (which == VERASE) {
		if (L(tty, ECHO) && !ece)
			echo_char(tty, c);
		erase_one(tty, ece);
		return;
	}
	/* VWERASE: back over non-word bytes, then over the word. */
	if (L(tty, ECHO) && !ece)
		echo_char(tty, c);
	while (tty->read_head != tty->canon_head) {
		char prev = rb(tty, tty->read_head - 1);

		if (is_word_char(prev))
			seen_word++;
		else if (seen_word)
			break;
		erase_one(tty, ece);
	}
}

/* The line typed so far, again (VREPRINT). */
static void reprint(struct tty_struct *tty, char c)
{
	echo_char(tty, c);
	echo_out(tty, "\n", 1);
	for (size_t i = tty->canon_head; i != tty->read_head; i++)
		echo_char(tty, rb(tty, i));
}

/*
 * n_tty_receive_char - one byte of input, from the keyboard (the console's
 * interrupt handler) or a pty master's write.
 *
 * Context: any; takes tty->lock.
 */
void n_tty_receive_char(struct tty_struct *tty, char c)
{
	unsigned long flags;
	int sig = 0;
	bool wake = false;

	spin_lock_irqsave(&tty->lock, flags);
	if (!(tty->termios.c_cflag & CREAD))
		goto out_unlock;
	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (tty->lnext) {                       /* after VLNEXT: no special meaning */
		tty->lnext = false;
		if (L(tty, ECHO) && L(tty, ECHOCTL))
			echo_out(tty, "\b", 1);
		goto ordinary;
	}
	if (c == '\r') {
		if (I(tty, IGNCR))
			goto out_unlock;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ISIG)) {
		if (is_cc(tty, c, VINTR))
			sig = SIGINT;
		else if (is_cc(tty, c, VQUIT))
			sig = SIGQUIT;
		else if (is_cc(tty, c, VSUSP))
			sig = SIGTSTP;
		if (sig) {
			if (!L(tty, NOFLSH))
				n_tty_flush_input(tty);
			if (L(tty, ECHO))
				echo_char(tty, c);
			goto out_unlock;
		}
	}
	if (L(tty, ICANON)) {
		if (is_cc(tty, c, VERASE)) {
			eraser(tty, c, VERASE);
			goto out_unlock;
		}
		if (is_cc(tty, c, VKILL)) {
			eraser(tty, c, VKILL);
			goto out_unlock;
		}
		if (L(tty, IEXTEN)) {
			if (is_cc(tty, c, VWERASE)) {
				eraser(tty, c, VWERASE);
				goto out_unlock;
			}
			if (is_cc(tty, c, VLNEXT)) {
				tty->lnext = true;
				if (L(tty, ECHO) && L(tty, ECHOCTL))
					echo_out(tty, "^", 1);
				goto out_unlock;
			}
			if (is_cc(tty, c, VREPRINT) && L(tty, ECHO)) {
				reprint(tty, c);
				goto out_unlock;
			}
		}
		if (c == '\n' || is_cc(tty, c, VEOL) || is_cc(tty, c, VEOL2)) {
			if (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL)))
				echo_char(tty, c);
			if (put_char(tty, c, true)) {
				tty->canon_head = tty->read_head;
				wake = true;
			}
			goto out_unlock;
		}
		if (is_cc(tty, c, VEOF)) {
			if (put_char(tty, EOF_MARK, true)) {
				tty->canon_head = tty->read_head;
				wake = true;
			}
			goto out_unlock;
		}
	}
ordinary:
	if (!put_char(tty, c, false))
		goto out_unlock;                /* full: dropped, and not echoed */
	if (L(tty, ECHO))
		echo_char(tty, c);
	if (!L(tty, ICANON)) {
		tty->canon_head = tty->read_head;
		wake = true;
	}
out_unlock:
	spin_unlock_irqrestore(&tty->lock, flags);
	if (sig)
		tty_isig(tty, sig);
	if (wake || sig)
		wake_up_interruptible(&tty->read_wait);
}

/* Bytes a reader may take now (canonical: finished lines). Caller holds
 * tty->lock. */
size_t n_tty_chars_available(struct tty_struct *tty)
{
	return tty->canon_head - tty->read_tail;
}

/*
 * n_tty_input_available - whether a read would find something: a finished
 * line (or an EOF mark) in canonical mode; otherwise a byte, or for poll
 * VMIN bytes when VTIME is 0 (Linux's input_available_p).
 *
 * Context: any; the caller may hold tty->lock or not (a hint then).
 */
bool n_tty_input_available(struct tty_struct *tty, bool poll)
{
	size_t amt = 1;

	if (!L(tty, ICANON) && poll && !tty->termios.c_cc[VTIME] && tty->termios.c_cc[VMIN])
		amt = tty->termios.c_cc[VMIN];
	return READ_ONCE(tty->canon_head) - READ_ONCE(tty->read_tail) >= amt;
}

/* Copy out of the ring into kbuf. Canonical: up to and including one
 * line's end (an EOF mark is consumed, not copied). Caller holds
 * tty->lock. Return: bytes copied; *eof if an EOF mark ended it. */
static size_t copy_from_read_buf(struct tty_struct *tty, char *kbuf, size_t len, bool *eof)
{
	size_t n = 0;
	bool canon = L(tty, ICANON);

	*eof = false;
	while (n < len && tty->read_tail != tty->canon_head) {
		size_t i = tty->read_tail;
		char c = rb(tty, i);
		bool delim = canon && is_delim(tty, i);

		tty->read_tail++;
		if (delim && c == EOF_MARK) {
			*eof = true;
			break;
		}
		kbuf[n++] = c;
		if (delim)
			break;
	}
	return n;
}

/*
 * n_tty_read - read(2) on a terminal, after the job-control check.
 *
 * Context: process context; may sleep.
 * Return: bytes read (0: end of file, or VMIN/VTIME ran out), -EAGAIN
 * (O_NONBLOCK), -ERESTARTSYS, -EIO (a pty master whose slave closed).
 */
ssize_t n_tty_read(struct tty_struct *tty, struct file *file, char *kbuf, size_t len)
{
	unsigned long flags;
	DEFINE_WAIT(wait);
	size_t done = 0, minimum = 1;
	u64 timeout = KTIME_MAX, time = 0;      /* deadlines and steps in ns */
	ssize_t ret = 0;
	bool canon, eof, slept = false;

	spin_lock_irqsave(&tty->lock, flags);
	canon = L(tty, ICANON);
	if (!canon) {
		minimum = tty->termios.c_cc[VMIN];
		u64 tenths = (u64)tty->termios.c_cc[VTIME] * 100 * NSEC_PER_MSEC;

		if (minimum) {
			time = tenths;
		} else {
			timeout = tenths ? ktime_get_ns() + tenths : 0;
			minimum = 1;
		}
	}
	spin_unlock_irqrestore(&tty->lock, flags);

	while (done < len) {
		prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		spin_lock_irqsave(&tty->lock, flags);
		if (n_tty_chars_available(tty)) {
			size_t n = copy_from_read_buf(tty, kbuf + done, len - done, &eof);

			spin_unlock_irqrestore(&tty->lock, flags);
			done += n;
			if (canon || done >= minimum)
				break;
			if (time)
				timeout = ktime_get_ns() + time;
			continue;
		}
		spin_unlock_irqrestore(&tty->lock, flags);
		if (tty->hung_up) {
			/* The master is gone: end of file, but EIO for a
			 * reader it left waiting (as Linux: TTY_OTHER_CLOSED
			 * wakes it before the hang-up). */
			if (slept)
				ret = -EIO;
			break;
		}
		if (tty->other_closed) {
			ret = -EIO;             /* a master whose slave is gone */
			break;
		}
		if (!timeout)
			break;
		if (file && (file->f_flags & O_NONBLOCK)) {
			ret = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		slept = true;
		if (!schedule_hrtimeout(timeout))
			timeout = 0;            /* the time is up: one last look */
	}
	finish_wait(&tty->read_wait, &wait);
	if (done)
		ret = (ssize_t)done;
	if (done && tty->link)
		wake_up_interruptible(&tty->link->write_wait);  /* room for the other side */
	return ret;
}

/*
 * n_tty_write - write(2) on a terminal: OPOST processing, then the
 * driver.
 *
 * Context: process context, tty->write_lock held; may sleep (a pty).
 * Return: bytes written, or -ERESTARTSYS if a signal came first.
 */
ssize_t n_tty_write(struct tty_struct *tty, struct file *file, const char *buf, size_t n)
{
	return process_output(tty, file, buf, n);
}

/*
 * n_tty_set_termios - termios changed from old: going from canonical to
 * raw makes the line being edited readable at once.
 *
 * Context: the caller holds tty->lock.
 */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old)
{
	if ((old->c_lflag & ICANON) && !L(tty, ICANON)) {
		for (size_t i = tty->canon_head; i != tty->read_head; i++)
			__clear_bit(i & RB_MASK, tty->read_flags);
		tty->canon_head = tty->read_head;
	}
	if (!(old->c_lflag & ICANON) && L(tty, ICANON) && read_cnt(tty)) {
		/* Unread raw bytes become a finished line (Linux's "push"). */
		for (size_t i = tty->read_tail; i != tty->read_head; i++)
			__clear_bit(i & RB_MASK, tty->read_flags);
		__set_bit((tty->read_head - 1) & RB_MASK, tty->read_flags);
		tty->canon_head = tty->read_head;
	}
}
