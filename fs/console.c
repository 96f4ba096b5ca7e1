/*
 * console.c - /dev/console: the serial port as a terminal, the driver
 * under the tty core (fs/tty.c) and line discipline (fs/n_tty.c).
 *
 * Output goes to the kernel's consoles (the serial port, mirrored on VGA),
 * or, with `console=ttyS1` on the command line, to the second serial port
 * alone (make run-prog keeps a program's output apart from the kernel's).
 * Input arrives one byte at a time from the UART's interrupt and goes to
 * n_tty_receive_char(): editing, echo and Ctrl-C/Ctrl-Z/Ctrl-\ are the
 * line discipline's, as on Linux. The console tty starts with Linux's
 * standard termios and a 80x25 window size.
 *
 * /dev/console never becomes a controlling terminal by open(), as on
 * Linux; init makes it its programs' with setsid() and TIOCSCTTY. Then
 * /dev/tty opens it too (fs/tty.c), and Ctrl-C reaches the foreground
 * process group the shell sets with TIOCSPGRP.
 *
 * /dev/ttyS2 (4:66) is this same terminal (its input, termios and
 * foreground group) with its output on the third serial port. keyhole
 * has one terminal: on Linux /dev/ttyS2 would be a terminal of its own.
 * make run-prog opens it as a program's standard error (init's
 * `run --stderr /dev/ttyS2`), so that the host gets the program's stderr
 * apart from its stdout, as a program run at a Linux terminal does.
 *
 * The major 5 (TTYAUX_MAJOR) is shared as on Linux: 5:0 /dev/tty (the
 * caller's controlling terminal, fs/tty.c), 5:1 /dev/console (here), 5:2
 * /dev/ptmx (fs/pty.c).
 *
 * Locking: the tty's (tty.h). The output path takes no lock of its own:
 * the serial port and the VGA console serialise themselves.
 */
#include "arch/x86_64/serial.h"
#include "fs/console.h"
#include "fs/dev.h"
#include "fs/pty.h"
#include "fs/tty.h"
#include "fs/vfs.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "lib/string.h"

#define TTYAUX_MAJOR    5               /* /dev/tty 5:0, /dev/console 5:1, /dev/ptmx 5:2 */

static struct tty_struct console_tty;
static int tty_port;                    /* the serial port: 0 (ttyS0) or 1 */
#define ERR_PORT        2               /* /dev/ttyS2's output */

static const struct file_operations ttyS2_fops;

/*
 * The driver's write: bytes already processed for output (OPOST). On
 * ttyS0 they go to the kernel console (serial and VGA), which makes
 * "\r\n" of "\n" itself, so a "\r\n" from ONLCR goes as "\n"; on ttyS1
 * and ttyS2 they go out as they are. Never waits.
 */
static ssize_t console_tty_write(struct tty_struct *tty, struct file *file, const char *s,
				 size_t n)
{
	int port = (file && file->f_op == &ttyS2_fops) ? ERR_PORT : tty_port;
	size_t start = 0;

	(void)tty;
	if (port != 0) {
		serial_write(port, s, n);
		return (ssize_t)n;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') {
			console_write(s + start, i - start);
			start = i + 1;
		}
	}
	console_write(s + start, n - start);
	return (ssize_t)n;
}

static const struct tty_operations console_tty_ops = {
	.write = console_tty_write,
};

/* One byte from the keyboard (the UART interrupt). */
static void console_receive(char c)
{
	n_tty_receive_char(&console_tty, c);
}

/* /dev/console: never made a controlling terminal by open (Linux's noctty). */
static int console_open(struct inode *inode, struct file *file)
{
	(void)inode;
	file->f_op = &tty_fops;
	file->private_data = &console_tty;
	return 0;
}

/* The major 5 devices, by minor. */
static int ttyaux_open(struct inode *inode, struct file *file)
{
	switch (MINOR(inode->i_rdev)) {
	case 0:
		return devtty_fops.open(inode, file);
	case 1:
		return console_open(inode, file);
	case 2:
		return ptmx_open(inode, file);
	default:
		return -ENXIO;
	}
}

static const struct file_operations ttyaux_fops = {
	.open = ttyaux_open,
};

/* /dev/ttyS2: the same terminal, written to the third serial port. */
static const struct file_operations ttyS2_fops = {
	.read = tty_read,
	.write = tty_write_kernel,
	.write_iter = tty_write_iter,
	.poll = tty_poll,
	.ioctl = tty_ioctl,
};

/* The serial driver's open: ttyS0, the console's terminal under the name
 * /proc/PID/stat gives it (4:64, so ps can name it), and ttyS2 (see
 * above). Unlike /dev/console, ttyS0 becomes a session leader's
 * controlling terminal on open, as any terminal on Linux. */
static int serial_tty_open(struct inode *inode, struct file *file)
{
	switch (MINOR(inode->i_rdev)) {
	case 64:
		file->f_op = &tty_fops;
		break;
	case 64 + ERR_PORT:
		file->f_op = &ttyS2_fops;
		break;
	default:
		return -ENXIO;
	}
	return tty_open_file(&console_tty, file);
}

static const struct file_operations serial_tty_fops = {
	.open = serial_tty_open,
};

/*
 * console_init - register the console driver and the major 5 devices,
 * make /dev/console, /dev/tty, /dev/ttyS0, /dev/ttyS2 and the pty devices under
 * root, and start taking input from the serial port.
 *
 * Context: boot. Return: 0 or an error from the VFS.
 */
int console_init(struct inode *root)
{
	struct termios t = tty_std_termios;
	int ret;

	t.c_cflag = B38400 | CS8 | CREAD;
	tty_init_struct(&console_tty, "console", 0, &console_tty_ops, &t);
	console_tty.winsize = (struct winsize){ .ws_row = 25, .ws_col = 80 };
	console_tty.tty_nr = TTY_MAJOR << 8 | 64;       /* ttyS0, as Linux's console is */
	ret = register_chrdev(TTYAUX_MAJOR, "ttyaux", &ttyaux_fops);
	if (ret)
		return ret;
	ret = vfs_mknod(root, root, "/dev/console", S_IFCHR | 0600, MKDEV(TTYAUX_MAJOR, 1));
	if (!ret)
		ret = vfs_mknod(root, root, "/dev/tty", S_IFCHR | 0666, MKDEV(TTYAUX_MAJOR, 0));
	if (!ret)
		ret = register_chrdev(TTY_MAJOR, "ttyS", &serial_tty_fops);
	if (!ret)
		ret = vfs_mknod(root, root, "/dev/ttyS0", S_IFCHR | 0620, MKDEV(TTY_MAJOR, 64));
	if (!ret)
		ret = vfs_mknod(root, root, "/dev/ttyS2", S_IFCHR | 0660,
				MKDEV(TTY_MAJOR, 64 + ERR_PORT));
	if (!ret)
		ret = pty_init(root);
	char name[8];

	if (cmdline_get("console", name, sizeof(name)) && strcmp(name, "ttyS1") == 0)
		tty_port = 1;
	serial_enable_rx(tty_port, console_receive);
	return ret;
}
