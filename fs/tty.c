/*
 * tty.c - the terminal core: open files of a terminal, its ioctls, the
 * controlling terminal of a session, and job control (Linux's
 * drivers/tty/tty_io.c, tty_jobctrl.c and tty_ioctl.c, shortened).
 *
 * A terminal is a struct tty_struct (tty.h) owned by its driver: the
 * console (fs/console.c) or a pseudo-terminal slave (fs/pty.c). Its
 * open files have file->private_data = the tty and these operations;
 * reads and writes go through the line discipline (fs/n_tty.c).
 *
 * The controlling terminal. A session has at most one, and a terminal
 * controls at most one session: task->tty (every member of the session
 * has the same) and tty->session, set together:
 *	- a session leader without one that opens a terminal without
 *	  O_NOCTTY (not /dev/console, not /dev/tty, not a pty master) gets
 *	  it, if it controls no other session; or it asks with TIOCSCTTY
 *	  (EPERM for a non-leader, a leader that has one, or a terminal of
 *	  another session unless root steals it with argument 1);
 *	- fork inherits it, setsid() leaves it behind, /dev/tty opens it
 *	  (ENXIO without one);
 *	- TIOCNOTTY gives it up (the leader: the whole session does, and
 *	  the foreground group gets SIGHUP and SIGCONT); the leader's exit
 *	  gives it up too, with SIGHUP to the foreground group. (Linux hangs
 *	  a serial line up at that exit; keyhole's console is everyone's,
 *	  so it treats it as Linux treats a pty: signals only.)
 *
 * Job control. The terminal has a foreground process group (tty->pgrp,
 * TIOCSPGRP: a group of its session). A member of another group of the
 * session that reads it gets SIGTTIN; that writes it under TOSTOP, or
 * changes its settings, gets SIGTTOU (tty_check_change): the call
 * returns -ERESTARTSYS, so the process stops, and repeats the call when
 * continued. Reading with SIGTTIN ignored or blocked, or from an orphaned
 * group, is EIO; the same for SIGTTOU lets the write through (EIO if
 * orphaned).
 *
 * Locking: tasklist_lock guards every task's ->tty; a tty's session and
 * pgrp change under tasklist_lock and tty->lock both, so either lock is
 * enough to read them. Lock order: tasklist_lock, then tty->lock.
 */
#include "fs/poll.h"
#include "fs/tty.h"
#include "fs/uio.h"
#include "fs/vfs.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/pid.h"
#include "kernel/signal.h"
#include "kernel/wait.h"
#include "lib/bitmap.h"
#include "lib/string.h"
#include "mm/uaccess.h"

#define TCGETS          0x5401
#define TCSETS          0x5402
#define TCSETSW         0x5403
#define TCSETSF         0x5404
#define TCSBRK          0x5409
#define TCXONC          0x540A
#define TCFLSH          0x540B
#define TIOCSCTTY       0x540E
#define TIOCGPGRP       0x540F
#define TIOCSPGRP       0x5410
#define TIOCOUTQ        0x5411
#define TIOCSTI         0x5412
#define TIOCGWINSZ      0x5413
#define TIOCSWINSZ      0x5414
#define FIONREAD        0x541B
#define TIOCNOTTY       0x5422
#define TIOCGSID        0x5429
#define TCSBRKP         0x5425

#define TCIFLUSH        0
#define TCOFLUSH        1
#define TCIOFLUSH       2
#define TCOOFF          0
#define TCION           3

/* Linux's tty_std_termios: what a terminal starts with. */
const struct termios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = { [VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025, [VEOF] = 004,
		  [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032, [VREPRINT] = 022,
		  [VWERASE] = 027, [VLNEXT] = 026, [13] = 017 /* VDISCARD */ },
};

/*
 * tty_init_struct - a terminal with no input, no session, and termios.
 *
 * Context: any (boot, or a pty being made).
 */
void tty_init_struct(struct tty_struct *tty, const char *name, int index,
		     const struct tty_operations *ops, const struct termios *termios)
{
	memset(tty, 0, sizeof(*tty));
	tty->name = name;
	tty->index = index;
	tty->ops = ops;
	tty->fops = &tty_fops;
	spin_lock_init(&tty->lock);
	tty->lock.name = "tty->lock";
	tty->termios = *termios;
	init_waitqueue_head(&tty->read_wait);
	init_waitqueue_head(&tty->write_wait);
	mutex_init(&tty->write_lock);
}

static inline struct tty_struct *file_tty(struct file *file)
{
	return file->private_data;
}

/* Make tty current's controlling terminal, current's group its
 * foreground. Caller holds tasklist_lock. */
static void __proc_set_tty(struct tty_struct *tty)
{
	spin_lock(&tty->lock);
	tty->session = current->sid;
	tty->pgrp = current->pgid;
	spin_unlock(&tty->lock);
	current->tty = tty;
}

/* Every member of session sid loses its controlling terminal. Caller
 * holds tasklist_lock. */
static void session_clear_tty(pid_t sid)
{
	struct pid *pid = find_pid(sid);
	struct task_struct *p;

	if (!pid)
		return;
	for_each_pid_task(p, pid, PIDTYPE_SID)
		p->tty = NULL;
}

/*
 * tty_open_file - a driver's open of tty: the file refers to it, and a
 * session leader with no controlling terminal gets this one, unless
 * O_NOCTTY, noctty (the driver says: /dev/console, a pty master), or it
 * controls another session already, or the file is write-only.
 *
 * Context: process context, in a driver's open method.
 * Return: 0.
 */
int tty_open_file(struct tty_struct *tty, struct file *file)
{
	unsigned long flags;

	file->private_data = tty;
	if (file->f_flags & O_NOCTTY)
		return 0;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (current->sid == current->pid && !current->tty && !tty->session &&
	    (file->f_mode & FMODE_READ))
		__proc_set_tty(tty);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* /dev/tty (5:0): the caller's controlling terminal, or ENXIO. */
static int devtty_open(struct inode *inode, struct file *file)
{
	struct tty_struct *tty;
	unsigned long flags;
	int ret = 0;

	(void)inode;
	spin_lock_irqsave(&tasklist_lock, flags);
	tty = current->tty;
	if (!tty)
		ret = -ENXIO;
	else if (tty->ops->open)
		ret = tty->ops->open(tty, file);        /* a pty counts this file */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (ret)
		return ret;
	file->f_op = tty->fops;
	file->private_data = tty;
	return 0;
}

/* Whether the caller would have no use of sig: blocked or ignored. */
static bool sig_is_ignored(int sig)
{
	return (current->blocked & sigmask(sig)) || current->action[sig - 1].sa_handler == SIG_IGN;
}

/*
 * tty_check_change - job control: may the caller read (sig SIGTTIN) or
 * write and change (SIGTTOU) tty? Yes if it is not the caller's
 * controlling terminal, or the caller is in its foreground group.
 * Otherwise the caller's group gets sig and the call is to be restarted
 * (Linux's __tty_check_change).
 *
 * Context: process context, no tty lock held.
 * Return: 0, -ERESTARTSYS (sig sent), or -EIO (sig ignored for SIGTTIN,
 * or an orphaned group).
 */
int tty_check_change(struct tty_struct *tty, int sig)
{
	unsigned long flags;
	pid_t tty_pgrp;

	if (READ_ONCE(current->tty) != tty)
		return 0;
	spin_lock_irqsave(&tty->lock, flags);
	tty_pgrp = tty->pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (!tty_pgrp || tty_pgrp == current->pgid)
		return 0;
	if (sig_is_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (is_current_pgrp_orphaned())
		return -EIO;
	kill_pgrp_from_kernel(current->pgid, sig);
	return -ERESTARTSYS;
}

/*
 * tty_isig - a signal character was typed: sig to the foreground group.
 *
 * Context: any (the console's interrupt handler); no tty lock held.
 */
void tty_isig(struct tty_struct *tty, int sig)
{
	pid_t pgrp = READ_ONCE(tty->pgrp);

	if (pgrp > 0)
		kill_pgrp_from_kernel(pgrp, sig);
}

/* read(2) on a terminal. */
ssize_t tty_read(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	struct tty_struct *tty = file_tty(file);
	int ret;

	(void)pos;
	if (tty->hung_up)
		return 0;
	ret = tty_check_change(tty, SIGTTIN);
	if (ret)
		return ret;
	if (!len)
		return 0;
	return n_tty_read(tty, file, kbuf, len);
}

/*
 * Write len bytes from from (a user iov_iter) or kbuf: in chunks of
 * TTY_WRITE_CHUNK through tty->write_buf, each whole or not at all, as
 * Linux's tty_write(): a buffer that faults part way writes the whole
 * chunks before the fault (-EFAULT if the first one faults). A signal
 * stops a long write after the chunk in progress.
 */
static ssize_t do_tty_write(struct file *file, struct iov_iter *from, const char *kbuf,
			    size_t len)
{
	struct tty_struct *tty = file_tty(file);
	ssize_t done = 0, r;

	if (tty->hung_up)
		return -EIO;
	if (tty->termios.c_lflag & TOSTOP) {
		r = tty_check_change(tty, SIGTTOU);
		if (r)
			return r;
	}
	if (!len)
		return 0;
	mutex_lock(&tty->write_lock);
	while ((size_t)done < len) {
		size_t size = min(len - (size_t)done, (size_t)TTY_WRITE_CHUNK);

		if (from) {
			if (copy_from_iter(tty->write_buf, size, from) != size) {
				if (!done)
					done = -EFAULT;
				break;
			}
		} else {
			memcpy(tty->write_buf, kbuf + done, size);
		}
		r = n_tty_write(tty, file, tty->write_buf, size);
		if (r <= 0) {
			if (!done)
				done = r;
			break;
		}
		done += r;
		if ((size_t)r < size)
			break;
		/* A long write to the serial port goes out a byte at a time:
		 * a signal (SIGKILL above all) ends it after this chunk. */
		if (signal_pending(current))
			break;
	}
	mutex_unlock(&tty->write_lock);
	return done;
}

/* write(2) and writev(2) on a terminal. */
ssize_t tty_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	(void)pos;
	return do_tty_write(file, from, NULL, from->count);
}

/* A write from the kernel (vfs_write with a kernel buffer). */
ssize_t tty_write_kernel(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	(void)pos;
	return do_tty_write(file, NULL, kbuf, len);
}

/*
 * tty_poll - readable when a read would not wait (n_tty), writable when
 * the driver has room; a hung-up pty slave is everything at once.
 */
unsigned int tty_poll(struct file *file, poll_table *pt)
{
	struct tty_struct *tty = file_tty(file);
	unsigned int mask = 0;

	poll_wait(file, &tty->read_wait, pt);
	poll_wait(file, &tty->write_wait, pt);
	if (tty->hung_up)
		return EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLRDNORM | EPOLLWRNORM;
	if (n_tty_input_available(tty, true))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (!tty->ops->write_room || tty->ops->write_room(tty) > 0)
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

/*
 * disassociate_ctty - the session leader p gives up its controlling
 * terminal (TIOCNOTTY, or its exit): the foreground group gets SIGHUP
 * (and SIGCONT, unless on_exit), and no member of the session has a
 * controlling terminal any more.
 *
 * Context: process context, p is current; no lock held.
 */
void disassociate_ctty(struct task_struct *p, bool on_exit)
{
	struct tty_struct *tty;
	unsigned long flags;
	pid_t pgrp = 0;

	if (p->sid != p->pid)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	tty = p->tty;
	if (tty) {
		spin_lock(&tty->lock);
		pgrp = tty->pgrp;
		tty->session = 0;
		tty->pgrp = 0;
		spin_unlock(&tty->lock);
		session_clear_tty(p->sid);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (pgrp > 0) {
		kill_pgrp_from_kernel(pgrp, SIGHUP);
		if (!on_exit)
			kill_pgrp_from_kernel(pgrp, SIGCONT);
	}
}

/*
 * tty_hangup_session - tty goes away (its pty master closed): the leader
 * of the session it controls gets SIGHUP and SIGCONT, and the session
 * loses it (Linux's tty_signal_session_leader).
 *
 * Context: process context; no lock held.
 */
void tty_hangup_session(struct tty_struct *tty)
{
	struct task_struct *leader = NULL;
	unsigned long flags;
	pid_t sid;

	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&tty->lock);
	sid = tty->session;
	tty->session = 0;
	tty->pgrp = 0;
	spin_unlock(&tty->lock);
	if (sid) {
		session_clear_tty(sid);
		leader = pid_task(find_pid(sid), PIDTYPE_PID);
		if (leader && leader->sid == sid)
			get_task_struct(leader);
		else
			leader = NULL;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (leader) {
		send_signal(leader, SIGHUP, NULL);
		send_signal(leader, SIGCONT, NULL);
		put_task_struct(leader);
	}
}

/* TIOCSCTTY (Linux's tiocsctty). */
static int tiocsctty(struct tty_struct *tty, struct file *file, unsigned long arg)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (current->sid == current->pid && tty->session == current->sid)
		goto out_unlock;                /* ours already */
	if (current->sid != current->pid || current->tty) {
		ret = -EPERM;
		goto out_unlock;
	}
	if (tty->session) {
		/* Another session's: root may steal it with argument 1. */
		if (arg != 1 || !capable(CAP_SYS_ADMIN)) {
			ret = -EPERM;
			goto out_unlock;
		}
		session_clear_tty(tty->session);
	}
	if (!(file->f_mode & FMODE_READ) && !capable(CAP_SYS_ADMIN)) {
		ret = -EPERM;
		goto out_unlock;
	}
	__proc_set_tty(tty);
out_unlock:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* TIOCSPGRP (Linux's tiocspgrp). */
static int tiocspgrp(struct tty_struct *tty, pid_t *uarg)
{
	struct task_struct *g;
	unsigned long flags;
	pid_t pgrp;
	int ret = tty_check_change(tty, SIGTTOU);

	if (ret == -EIO)
		return -ENOTTY;
	if (ret)
		return ret;
	if (get_user(pgrp, uarg))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (current->tty != tty || tty->session != current->sid) {
		ret = -ENOTTY;
		goto out_unlock;
	}
	/* The group must exist, in our session. */
	g = pid_task(find_pid(pgrp), PIDTYPE_PGID);
	if (!g) {
		ret = -ESRCH;
		goto out_unlock;
	}
	if (g->sid != current->sid) {
		ret = -EPERM;
		goto out_unlock;
	}
	spin_lock(&tty->lock);
	tty->pgrp = pgrp;
	spin_unlock(&tty->lock);
out_unlock:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* TCSETS, TCSETSW, TCSETSF. */
static int set_termios(struct tty_struct *tty, unsigned int cmd, const void *uarg)
{
	struct termios t, old;
	unsigned long flags;
	int ret = tty_check_change(tty, SIGTTOU);

	if (ret)
		return ret;
	if (copy_from_user(&t, uarg, sizeof(t)))
		return -EFAULT;
	spin_lock_irqsave(&tty->lock, flags);
	old = tty->termios;
	tty->termios = t;
	if (cmd == TCSETSF)
		n_tty_flush_input(tty);
	n_tty_set_termios(tty, &old);
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up_interruptible(&tty->read_wait);         /* VMIN, ICANON may have changed */
	return 0;
}

/*
 * tty_set_winsize - TIOCSWINSZ (on the terminal, or its pty master): a
 * change tells the foreground group (SIGWINCH).
 *
 * Context: process context. Return: 0 or -EFAULT.
 */
int tty_set_winsize(struct tty_struct *tty, const void *uarg)
{
	struct winsize ws;
	unsigned long flags;
	bool changed;
	pid_t pgrp;

	if (copy_from_user(&ws, uarg, sizeof(ws)))
		return -EFAULT;
	spin_lock_irqsave(&tty->lock, flags);
	changed = memcmp(&ws, &tty->winsize, sizeof(ws)) != 0;
	tty->winsize = ws;
	pgrp = tty->pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (changed && pgrp > 0)
		kill_pgrp_from_kernel(pgrp, SIGWINCH);
	return 0;
}

/* Bytes a read could take now (FIONREAD): finished lines without their
 * EOF marks in canonical mode, everything otherwise. */
static int tty_inq(struct tty_struct *tty)
{
	unsigned long flags;
	size_t n;

	spin_lock_irqsave(&tty->lock, flags);
	n = (tty->termios.c_lflag & ICANON) ? n_tty_chars_available(tty)
					    : tty->read_head - tty->read_tail;
	if (tty->termios.c_lflag & ICANON) {
		for (size_t i = tty->read_tail; i != tty->canon_head; i++)
			if (!tty->read_buf[i & (N_TTY_BUF_SIZE - 1)] &&
			    test_bit(i & (N_TTY_BUF_SIZE - 1), tty->read_flags))
				n--;            /* an EOF mark */
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	return (int)n;
}

/*
 * tty_ioctl - the terminal ioctls (tty_io.c's tty_ioctl, tty_jobctrl.c,
 * tty_ioctl.c). TIOCGPGRP and TIOCGSID answer the caller's controlling
 * terminal only (ENOTTY otherwise); changing ioctls are subject to job
 * control (SIGTTOU).
 *
 * Return: 0 or a value, -EFAULT, -EINVAL, -ENOTTY, -EPERM, -ESRCH, -EIO,
 * -ERESTARTSYS.
 */
long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file_tty(file);
	void *uarg = (void *)arg;
	unsigned long flags;
	struct termios t;
	struct winsize ws;
	int ret;

	if (tty->hung_up)
		return cmd == TIOCSPGRP ? -ENOTTY : -EIO;
	switch (cmd) {
	case TCGETS:
		spin_lock_irqsave(&tty->lock, flags);
		t = tty->termios;
		spin_unlock_irqrestore(&tty->lock, flags);
		return copy_to_user(uarg, &t, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, cmd, uarg);
	case TCSBRK:
	case TCSBRKP:
		/* tcdrain() and tcsendbreak(): output is never queued here. */
		return tty_check_change(tty, SIGTTOU);
	case TCXONC:
		ret = tty_check_change(tty, SIGTTOU);
		if (ret)
			return ret;
		return arg <= TCION ? 0 : -EINVAL;      /* no flow control: accepted */
	case TCFLSH:
		ret = tty_check_change(tty, SIGTTOU);
		if (ret)
			return ret;
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH) {
			spin_lock_irqsave(&tty->lock, flags);
			n_tty_flush_input(tty);
			spin_unlock_irqrestore(&tty->lock, flags);
		}
		return 0;
	case TIOCGWINSZ:
		spin_lock_irqsave(&tty->lock, flags);
		ws = tty->winsize;
		spin_unlock_irqrestore(&tty->lock, flags);
		return copy_to_user(uarg, &ws, sizeof(ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return tty_set_winsize(tty, uarg);
	case TIOCSCTTY:
		return tiocsctty(tty, file, arg);
	case TIOCNOTTY:
		if (READ_ONCE(current->tty) != tty)
			return -ENOTTY;
		if (current->sid == current->pid) {
			disassociate_ctty(current, false);
		} else {
			spin_lock_irqsave(&tasklist_lock, flags);
			current->tty = NULL;
			spin_unlock_irqrestore(&tasklist_lock, flags);
		}
		return 0;
	case TIOCGPGRP:
		if (READ_ONCE(current->tty) != tty)
			return -ENOTTY;
		return put_user(READ_ONCE(tty->pgrp), (pid_t *)uarg);
	case TIOCSPGRP:
		return tiocspgrp(tty, uarg);
	case TIOCGSID:
		if (READ_ONCE(current->tty) != tty || !READ_ONCE(tty->session))
			return -ENOTTY;
		return put_user(READ_ONCE(tty->session), (pid_t *)uarg);
	case FIONREAD:
		return put_user(tty_inq(tty), (int *)uarg);
	case TIOCOUTQ:
		return put_user(tty->ops->chars_in_buffer ? (int)tty->ops->chars_in_buffer(tty) : 0,
				(int *)uarg);
	case TIOCSTI: {
		char c;

		if (READ_ONCE(current->tty) != tty && !capable(CAP_SYS_ADMIN))
			return -EPERM;
		if (get_user(c, (char *)uarg))
			return -EFAULT;
		n_tty_receive_char(tty, c);
		return 0;
	}
	default:
		return -ENOTTY;
	}
}

/*
 * task_tty_info - p's controlling terminal for /proc/PID/stat: its device
 * (major << 8 | minor, 0 for none) and foreground group (-1 for none).
 *
 * Context: process context; takes tasklist_lock.
 */
void task_tty_info(struct task_struct *p, int *tty_nr, int *tpgid)
{
	unsigned long flags;

	*tty_nr = 0;
	*tpgid = -1;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (p->tty) {
		*tty_nr = p->tty->tty_nr;
		*tpgid = p->tty->pgrp ? p->tty->pgrp : -1;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* The last close of a terminal file: the driver may care (a pty). */
static void tty_release(struct inode *inode, struct file *file)
{
	struct tty_struct *tty = file_tty(file);

	(void)inode;
	if (tty->ops->close)
		tty->ops->close(tty, file);
}

/* The operations of every terminal file but a pty master's. */
const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write_kernel,
	.write_iter = tty_write_iter,
	.poll = tty_poll,
	.ioctl = tty_ioctl,
	.release = tty_release,
};

/* /dev/tty's own open; the file then takes its terminal's operations. */
const struct file_operations devtty_fops = {
	.open = devtty_open,
};
