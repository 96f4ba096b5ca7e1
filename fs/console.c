/*
 * console.c - /dev/console and /dev/tty: the serial port as a terminal.
 *
 * Output goes to the kernel's consoles (the serial port, mirrored on VGA),
 * or, with `console=ttyS1` on the command line, to the second serial port
 * alone (make run-prog keeps a program's output apart from the kernel's).
 * Input arrives one byte at a time from the UART's interrupt and goes
 * through a line discipline, as Linux's n_tty does in canonical mode:
 *
 *	printable     added to the line being edited and echoed
 *	Backspace/DEL removes the last character ("\b \b")
 *	Enter (CR)    ends the line ("\n"); readers get the whole line
 *	Ctrl-C        SIGINT to the foreground process group; the line is dropped
 *	Ctrl-D        ends the line without a newline; at the start of a line
 *	              it is end of file (read returns 0)
 *
 * With ICANON off (tcsetattr) bytes go to readers as they come; ECHO off
 * stops the echo. The termios structure is Linux's, so isatty(),
 * tcgetattr() and the shell's job control (TIOCSPGRP) work unchanged.
 *
 * /dev/ttyS2 (4:66) is this same terminal (its input, termios and
 * foreground group) with its output on the third serial port. keyhole
 * has one terminal: on Linux /dev/ttyS2 would be a terminal of its own.
 * make run-prog opens it as a program's standard error (init's
 * `run --stderr /dev/ttyS2`), so that the host gets the program's stderr
 * apart from its stdout, as a program run at a Linux terminal does.
 *
 * write(2) takes the user's buffer in chunks of 2048 bytes, each whole or
 * not at all, as Linux's tty_write(): a buffer that faults part way
 * prints the whole chunks before the fault and returns their count, or
 * is -EFAULT if the first chunk faults (a write of one line with a bad
 * tail prints nothing). A signal stops a long write after the chunk in
 * progress, which returns what went out.
 *
 * Locking: tty_lock (irqsave: the interrupt handler takes it) guards the
 * input buffers, termios and pgrp. Readers sleep on read_wait.
 * tty_write_lock (a mutex: a writer may fault on its buffer and sleep)
 * guards tty_write_buf, the one buffer every write(2) goes through; it is
 * taken before tty_lock, never inside it.
 */
#include "arch/x86_64/serial.h"
#include "fs/console.h"
#include "fs/dev.h"
#include "fs/uio.h"
#include "fs/poll.h"
#include "fs/vfs.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/signal.h"
#include "kernel/wait.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/uaccess.h"

#define TTY_BUF         4096
#define TTYAUX_MAJOR    5               /* /dev/tty 5:0, /dev/console 5:1 */

/* termios: Linux's kernel struct and the bits this tty honours. */
#define NCCS            19
struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[NCCS];
};
struct winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#define ISIG            0000001
#define ICANON          0000002
#define ECHO            0000010
#define ECHOE           0000020
#define ICRNL           0000400
#define OPOST           0000001
#define ONLCR           0000004
#define VINTR           0
#define VERASE          2
#define VEOF            4
#define VMIN            6

#define TCGETS          0x5401
#define TCSETS          0x5402
#define TCSETSW         0x5403
#define TCSETSF         0x5404
#define TIOCSCTTY       0x540E
#define TIOCGPGRP       0x540F
#define TIOCSPGRP       0x5410
#define TIOCGWINSZ      0x5413
#define TIOCSWINSZ      0x5414

static DEFINE_SPINLOCK(tty_lock);
static DECLARE_WAIT_QUEUE_HEAD(read_wait);

/* Guarded by tty_lock: */
static char line[TTY_BUF];              /* the line being edited */
static size_t line_len;
static char ready[TTY_BUF];             /* finished input, ready for read() */
static size_t ready_head, ready_len;    /* a ring */
static int eof_pending;                 /* Ctrl-D at the start of a line */
static pid_t fg_pgrp;
static struct termios termios = {
	.c_iflag = ICRNL,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = 0x00bf,                      /* B38400 CS8 CREAD */
	.c_lflag = ISIG | ICANON | ECHO | ECHOE,
	.c_cc = { [VINTR] = 3, [VERASE] = 0x7f, [VEOF] = 4, [VMIN] = 1 },
};
static struct winsize winsize = { .ws_row = 25, .ws_col = 80 };

static int tty_port;                    /* the serial port: 0 (ttyS0) or 1 */
#define ERR_PORT        2               /* /dev/ttyS2's output */

/*
 * Terminal output to serial port `port`: on ttyS0 it is the kernel
 * console (serial and VGA, which turns "\n" into "\r\n" itself); on ttyS1
 * and ttyS2 it goes out as termios says: "\r\n" for "\n" under
 * OPOST|ONLCR, as Linux's n_tty.
 */
static void tty_output_port(int port, const char *s, size_t n)
{
	if (port == 0) {
		console_write(s, n);
		return;
	}
	bool onlcr = (termios.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR);
	for (size_t i = 0; i < n; i++) {
		if (onlcr && s[i] == '\n')
			serial_write(port, "\r", 1);
		serial_write(port, &s[i], 1);
	}
}

static void tty_output(const char *s, size_t n)
{
	tty_output_port(tty_port, s, n);
}

static void echo(const char *s, size_t n)
{
	if (termios.c_lflag & ECHO)
		tty_output(s, n);
}

/* Move bytes into the ready ring. Caller holds tty_lock. */
static void push_ready(const char *s, size_t n)
{
	for (size_t i = 0; i < n && ready_len < TTY_BUF; i++) {
		ready[(ready_head + ready_len) % TTY_BUF] = s[i];
		ready_len++;
	}
}

/* One byte from the keyboard (the UART interrupt). */
static void console_receive(char c)
{
	unsigned long flags;
	pid_t sigint_pgrp = 0;

	spin_lock_irqsave(&tty_lock, flags);
	if (c == '\r' && (termios.c_iflag & ICRNL))
		c = '\n';
	if ((termios.c_lflag & ISIG) && c == (char)termios.c_cc[VINTR]) {
		line_len = 0;
		echo("^C", 2);                 /* as Linux: no newline */
		sigint_pgrp = fg_pgrp;
	} else if (!(termios.c_lflag & ICANON)) {
		push_ready(&c, 1);
		echo(&c, 1);
	} else if (c == (char)termios.c_cc[VERASE] || c == '\b') {
		if (line_len > 0) {
			line_len--;
			echo("\b \b", 3);
		}
	} else if (c == (char)termios.c_cc[VEOF]) {
		if (line_len == 0)
			eof_pending++;
		push_ready(line, line_len);
		line_len = 0;
	} else if (c == '\n') {
		if (line_len < TTY_BUF)
			line[line_len++] = c;
		push_ready(line, line_len);
		line_len = 0;
		echo("\n", 1);
	} else if (line_len < TTY_BUF - 1) {
		line[line_len++] = c;
		echo(&c, 1);
	}
	spin_unlock_irqrestore(&tty_lock, flags);
	if (sigint_pgrp > 0)
		kill_pgrp_from_kernel(sigint_pgrp, SIGINT);
	wake_up_interruptible(&read_wait);
}

static bool input_available(void)
{
	return ready_len > 0 || eof_pending > 0;
}

static ssize_t console_read(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	unsigned long flags;
	size_t n = 0;

	(void)pos;
	if (len == 0)
		return 0;
	if ((file->f_flags & O_NONBLOCK) && !READ_ONCE(ready_len) && !READ_ONCE(eof_pending))
		return -EAGAIN;
	if (wait_event_interruptible(read_wait, input_available()))
		return -ERESTARTSYS;
	spin_lock_irqsave(&tty_lock, flags);
	if (ready_len == 0 && eof_pending) {
		eof_pending--;                  /* end of file: this read returns 0 */
	} else {
		/* Canonical mode hands out at most one line per read. */
		while (n < len && ready_len > 0) {
			char c = ready[ready_head];

			kbuf[n++] = c;
			ready_head = (ready_head + 1) % TTY_BUF;
			ready_len--;
			if (c == '\n' && (termios.c_lflag & ICANON))
				break;
		}
	}
	spin_unlock_irqrestore(&tty_lock, flags);
	return (ssize_t)n;
}

static ssize_t console_write_op(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	(void)file;
	(void)pos;
	tty_output(kbuf, len);
	return (ssize_t)len;
}

#define TTY_WRITE_CHUNK 2048            /* Linux's tty_write() chunk */

/*
 * The terminal's write buffer, kept for good as Linux keeps
 * tty->write_buf: a write(2) allocates nothing, so it cannot fail for
 * want of memory, and a writer preempted part way through holds no
 * memory that another process's sysinfo() would see come and go.
 * tty_write_lock serialises writers, as Linux's atomic_write_lock: a
 * chunk goes out whole, never mixed with another writer's.
 */
static DEFINE_MUTEX(tty_write_lock);
static char tty_write_buf[TTY_WRITE_CHUNK];     /* guarded by tty_write_lock */

/* write(2) on the console or /dev/ttyS2: whole chunks only (see the header). */
static ssize_t tty_write_iter_port(int port, struct iov_iter *from)
{
	ssize_t done = 0;

	if (!from->count)
		return 0;
	mutex_lock(&tty_write_lock);
	while (from->count) {
		size_t size = min(from->count, (size_t)TTY_WRITE_CHUNK);

		if (copy_from_iter(tty_write_buf, size, from) != size) {
			if (!done)
				done = -EFAULT;
			break;
		}
		tty_output_port(port, tty_write_buf, size);
		done += (ssize_t)size;
		/* A long write goes out a byte at a time: a signal (SIGKILL
		 * above all) ends it after this chunk, as Linux's tty_write. */
		if (signal_pending(current))
			break;
	}
	mutex_unlock(&tty_write_lock);
	return done;
}

static ssize_t console_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	(void)file;
	(void)pos;
	return tty_write_iter_port(tty_port, from);
}

static ssize_t ttyS2_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	(void)file;
	(void)pos;
	return tty_write_iter_port(ERR_PORT, from);
}

/* /dev/ttyS2: the same terminal, written to the third serial port. */
static ssize_t ttyS2_write_op(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	(void)file;
	(void)pos;
	tty_output_port(ERR_PORT, kbuf, len);
	return (ssize_t)len;
}

static long console_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void *uarg = (void *)arg;
	unsigned long flags;
	struct termios t;
	pid_t pgrp;

	(void)file;
	switch (cmd) {
	case TCGETS:
		spin_lock_irqsave(&tty_lock, flags);
		t = termios;
		spin_unlock_irqrestore(&tty_lock, flags);
		return copy_to_user(uarg, &t, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if (copy_from_user(&t, uarg, sizeof(t)))
			return -EFAULT;
		spin_lock_irqsave(&tty_lock, flags);
		termios = t;
		if (cmd == TCSETSF)
			ready_len = line_len = 0;       /* flush pending input */
		spin_unlock_irqrestore(&tty_lock, flags);
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(uarg, &winsize, sizeof(winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&winsize, uarg, sizeof(winsize)) ? -EFAULT : 0;
	case TIOCGPGRP:
		return put_user(READ_ONCE(fg_pgrp), (pid_t *)uarg);
	case TIOCSPGRP:
		if (get_user(pgrp, (pid_t *)uarg))
			return -EFAULT;
		if (pgrp <= 0)
			return -EINVAL;
		WRITE_ONCE(fg_pgrp, pgrp);
		return 0;
	case TIOCSCTTY:
		/*
		 * The console is everyone's terminal. As on Linux, a session
		 * leader that takes it gets the foreground: Ctrl-C then
		 * reaches the program init started, not init's group.
		 */
		if (current->sid == current->pid)
			WRITE_ONCE(fg_pgrp, current->pgid);
		return 0;
	default:
		return -ENOTTY;
	}
}

static int console_open(struct inode *inode, struct file *file)
{
	(void)inode;
	(void)file;
	if (!READ_ONCE(fg_pgrp) && current->pgid)
		WRITE_ONCE(fg_pgrp, current->pgid);     /* the first opener's group */
	return 0;
}

/* Readable when a read would not wait; writing never waits. */
static unsigned int console_poll(struct file *file, poll_table *pt)
{
	poll_wait(file, &read_wait, pt);
	return EPOLLOUT | EPOLLWRNORM | (input_available() ? EPOLLIN | EPOLLRDNORM : 0);
}

static const struct file_operations console_fops = {
	.open = console_open,
	.read = console_read,
	.poll = console_poll,
	.write = console_write_op,
	.write_iter = console_write_iter,
	.ioctl = console_ioctl,
};

static const struct file_operations ttyS2_fops = {
	.open = console_open,
	.read = console_read,
	.poll = console_poll,
	.write = ttyS2_write_op,
	.write_iter = ttyS2_write_iter,
	.ioctl = console_ioctl,
};

/* The serial driver's open: ttyS2 is the only minor it has (see above). */
static int serial_tty_open(struct inode *inode, struct file *file)
{
	if (MINOR(inode->i_rdev) != 64 + ERR_PORT)
		return -ENXIO;
	file->f_op = &ttyS2_fops;
	return console_open(inode, file);
}

static const struct file_operations serial_tty_fops = {
	.open = serial_tty_open,
};

/*
 * console_init - register the console driver, make /dev/console,
 * /dev/tty and /dev/ttyS2 under root, and start taking input from the
 * serial port.
 *
 * Context: boot. Return: 0 or an error from the VFS.
 */
int console_init(struct inode *root)
{
	int ret = register_chrdev(TTYAUX_MAJOR, "console", &console_fops);

	if (ret)
		return ret;
	ret = vfs_mknod(root, root, "/dev/console", S_IFCHR | 0600, MKDEV(TTYAUX_MAJOR, 1));
	if (!ret)
		ret = vfs_mknod(root, root, "/dev/tty", S_IFCHR | 0666, MKDEV(TTYAUX_MAJOR, 0));
	if (!ret)
		ret = register_chrdev(TTY_MAJOR, "ttyS", &serial_tty_fops);
	if (!ret)
		ret = vfs_mknod(root, root, "/dev/ttyS2", S_IFCHR | 0660,
				MKDEV(TTY_MAJOR, 64 + ERR_PORT));
	char name[8];

	if (cmdline_get("console", name, sizeof(name)) && strcmp(name, "ttyS1") == 0)
		tty_port = 1;
	serial_enable_rx(tty_port, console_receive);
	return ret;
}
