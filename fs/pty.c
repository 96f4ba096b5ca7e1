/*
 * pty.c - pseudo-terminals: /dev/ptmx and /dev/pts/N (Linux's Unix98
 * ptys, drivers/tty/pty.c, with the device nodes made by hand instead of
 * a devpts file system).
 *
 * open("/dev/ptmx") makes a pair: a master (the file it returns) and a
 * slave, a terminal like the console, /dev/pts/N, N = TIOCGPTN. The slave
 * starts locked: unlockpt() (TIOCSPTLCK 0) must come before it opens
 * (EIO). Then
 *
 *	master write  ->  the slave's line discipline, as if typed (n_tty:
 *	                  echo, editing, Ctrl-C/Ctrl-Z to its foreground group)
 *	slave write   ->  OPOST processing, then the master's ring; a writer
 *	                  waits while it is full
 *	master read   <-  that ring, as raw bytes (the master's own termios
 *	                  is raw: no ICANON, no ECHO, VMIN 1)
 *
 * The master's read ring is its tty_struct's input ring, filled by
 * pty_write instead of by n_tty_receive_char, and read with n_tty_read.
 * TIOCSWINSZ on the master sets the slave's size (SIGWINCH to its
 * foreground group), as a terminal emulator does.
 *
 * Closing. When the last slave file closes, a master read of an empty
 * ring is EIO and poll says POLLHUP (other_closed); opening the slave
 * again undoes that. When the master closes, the slave hangs up: reads
 * return 0, writes and ioctls EIO, poll says everything, the leader of
 * the session it controlled gets SIGHUP and SIGCONT, and the session
 * loses it (tty_hangup_session), and /dev/pts/N goes. The pair is
 * free again when both sides are closed.
 *
 * Limits: NR_PTYS pairs at once (ENOSPC beyond, as Linux's
 * /proc/sys/kernel/pty/max); no packet mode, no TIOCEXCL.
 *
 * Locking: pty_lock (a spinlock) guards every pair's used flag, count
 * and closed flags; each side's tty->lock its ring and termios. pty_write
 * takes the master's tty->lock inside the slave's (echoes come from
 * n_tty_receive_char with the slave's lock held), never the other way.
 */
#include "fs/poll.h"
#include "fs/dev.h"
#include "fs/pty.h"
#include "fs/tty.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/wait.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/uaccess.h"

#define NR_PTYS                 16
#define UNIX98_PTY_SLAVE_MAJOR  136

#define TCGETS          0x5401
#define TCSETS          0x5402
#define TCSETSW         0x5403
#define TCSETSF         0x5404
#define TIOCGPGRP       0x540F
#define TIOCOUTQ        0x5411
#define TIOCGWINSZ      0x5413
#define TIOCSWINSZ      0x5414
#define FIONREAD        0x541B
#define TIOCGPTN        0x80045430
#define TIOCSPTLCK      0x40045431
#define TIOCGPTLCK      0x80045439

struct pty_pair {
	bool used;
	bool master_open;
	struct tty_struct master, slave;
};

static DEFINE_SPINLOCK(pty_lock);
static struct pty_pair ptys[NR_PTYS];          /* used: pty_lock */
static struct inode *pty_root;                 /* where /dev/pts is */

static struct pty_pair *tty_pair(struct tty_struct *tty)
{
	return &ptys[tty->index];
}

static size_t ring_cnt(struct tty_struct *tty)
{
	return tty->read_head - tty->read_tail;
}

/*
 * The slave's write op: bytes (processed) into the master's ring. A file
 * write waits for room; an echo (file NULL) drops what does not fit.
 */
static ssize_t pty_write(struct tty_struct *tty, struct file *file, const char *buf, size_t n)
{
	struct tty_struct *to = tty->link;
	unsigned long flags;
	size_t done = 0;

	while (done < n) {
		spin_lock_irqsave(&to->lock, flags);
		while (done < n && ring_cnt(to) < N_TTY_BUF_SIZE) {
			to->read_buf[to->read_head & (N_TTY_BUF_SIZE - 1)] = buf[done++];
			to->read_head++;
		}
		to->canon_head = to->read_head;
		spin_unlock_irqrestore(&to->lock, flags);
		wake_up_interruptible(&to->read_wait);
		if (done == n || !file)
			break;
		if (wait_event_interruptible(tty->write_wait,
					     tty->hung_up || ring_cnt(to) < N_TTY_BUF_SIZE))
			return done ? (ssize_t)done : -ERESTARTSYS;
		if (tty->hung_up)
			return done ? (ssize_t)done : -EIO;
	}
	return (ssize_t)done;
}

static size_t pty_write_room(struct tty_struct *tty)
{
	return N_TTY_BUF_SIZE - ring_cnt(tty->link);
}

static size_t pty_chars_in_buffer(struct tty_struct *tty)
{
	return ring_cnt(tty->link);
}

/* /dev/tty opens the slave once more. Caller holds tasklist_lock. */
static int pts_reopen(struct tty_struct *tty, struct file *file)
{
	(void)file;
	spin_lock(&pty_lock);
	tty->count++;
	spin_unlock(&pty_lock);
	return 0;
}

/*
 * Make (or remove) /dev/pts/N. The node is the kernel's, not the
 * caller's doing: made with root's file-system ids, whoever opened
 * /dev/ptmx (Linux's devpts is a file system of its own and checks
 * nothing), then given to the opener, as devpts does.
 */
static int pts_node(int index, bool make)
{
	u32 fsuid = current->fsuid, fsgid = current->fsgid;
	struct inode *inode;
	char path[24];
	int ret;

	snprintf(path, sizeof(path), "/dev/pts/%d", index);
	current->fsuid = current->fsgid = 0;
	if (make)
		ret = vfs_mknod(pty_root, pty_root, path, S_IFCHR | 0620,
				MKDEV(UNIX98_PTY_SLAVE_MAJOR, (unsigned int)index));
	else
		ret = vfs_unlink(pty_root, pty_root, path);
	current->fsuid = fsuid;
	current->fsgid = fsgid;
	if (!ret && make && !vfs_lookup(pty_root, pty_root, path, &inode)) {
		inode->i_uid = fsuid;
		iput(inode);
	}
	return ret;
}

/* Free a pair both of whose sides are closed. */
static void pty_free(struct pty_pair *pair)
{
	spin_lock(&pty_lock);
	pair->used = false;
	spin_unlock(&pty_lock);
}

/* The last close of a slave file. */
static void pts_close(struct tty_struct *tty, struct file *file)
{
	struct pty_pair *pair = tty_pair(tty);
	bool last, gone;

	(void)file;
	spin_lock(&pty_lock);
	last = --tty->count == 0;
	if (last)
		tty->link->other_closed = true;
	gone = last && !pair->master_open;
	spin_unlock(&pty_lock);
	if (last) {
		wake_up_interruptible(&tty->link->read_wait);
		wake_up_interruptible(&tty->link->write_wait);
	}
	if (gone)
		pty_free(pair);
}

static const struct tty_operations pts_ops = {
	.write = pty_write,
	.write_room = pty_write_room,
	.chars_in_buffer = pty_chars_in_buffer,
	.open = pts_reopen,
	.close = pts_close,
};

/* The master has no write op of its own: its writes are the slave's input. */
static ssize_t ptm_tty_write(struct tty_struct *tty, struct file *file, const char *buf, size_t n)
{
	(void)tty;
	(void)file;
	(void)buf;
	return (ssize_t)n;
}

static const struct tty_operations ptm_ops = {
	.write = ptm_tty_write,
};

static ssize_t ptm_read(struct file *file, char *kbuf, size_t len, loff_t *pos)
{
	(void)pos;
	if (!len)
		return 0;
	return n_tty_read(file->private_data, file, kbuf, len);
}

/* Master writes are typed at the slave. */
static ssize_t ptm_write(struct file *file, const char *kbuf, size_t len, loff_t *pos)
{
	struct tty_struct *master = file->private_data;

	(void)pos;
	for (size_t i = 0; i < len; i++)
		n_tty_receive_char(master->link, kbuf[i]);
	return (ssize_t)len;
}

static unsigned int ptm_poll(struct file *file, poll_table *pt)
{
	struct tty_struct *master = file->private_data;
	unsigned int mask = EPOLLOUT | EPOLLWRNORM;

	poll_wait(file, &master->read_wait, pt);
	if (n_tty_input_available(master, true))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(master->other_closed))
		mask |= EPOLLHUP;
	return mask;
}

static long ptm_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *master = file->private_data, *slave = master->link;
	void *uarg = (void *)arg;
	unsigned long flags;
	struct termios t;
	int val;

	switch (cmd) {
	case TIOCGPTN:
		return put_user((unsigned int)slave->index, (unsigned int *)uarg);
	case TIOCSPTLCK:
		if (get_user(val, (int *)uarg))
			return -EFAULT;
		WRITE_ONCE(slave->locked, val != 0);
		return 0;
	case TIOCGPTLCK:
		return put_user((int)READ_ONCE(slave->locked), (int *)uarg);
	case TIOCGWINSZ: {
		struct winsize ws;

		spin_lock_irqsave(&slave->lock, flags);
		ws = slave->winsize;
		spin_unlock_irqrestore(&slave->lock, flags);
		return copy_to_user(uarg, &ws, sizeof(ws)) ? -EFAULT : 0;
	}
	case TIOCSWINSZ:
		return tty_set_winsize(slave, uarg);
	case TIOCGPGRP:
		return put_user(READ_ONCE(slave->pgrp), (int *)uarg);
	case TCGETS:
		spin_lock_irqsave(&master->lock, flags);
		t = master->termios;
		spin_unlock_irqrestore(&master->lock, flags);
		return copy_to_user(uarg, &t, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if (copy_from_user(&t, uarg, sizeof(t)))
			return -EFAULT;
		spin_lock_irqsave(&master->lock, flags);
		master->termios = t;
		master->termios.c_lflag &= ~ICANON;     /* the ring stays raw */
		if (cmd == TCSETSF)
			n_tty_flush_input(master);
		spin_unlock_irqrestore(&master->lock, flags);
		return 0;
	case FIONREAD:
		return put_user((int)ring_cnt(master), (int *)uarg);
	case TIOCOUTQ:
		return put_user((int)(slave->read_head - slave->read_tail), (int *)uarg);
	default:
		return -ENOTTY;
	}
}

/* The master's close: the slave hangs up; the pair goes when both are closed. */
static void ptm_release(struct inode *inode, struct file *file)
{
	struct tty_struct *master = file->private_data, *slave = master->link;
	struct pty_pair *pair = tty_pair(master);
	bool gone;

	(void)inode;
	/* Gone from /dev/pts at once, as devpts, and before the slave's
	 * readers wake: whoever sees the hang-up finds no node left. */
	(void)pts_node(slave->index, false);
	spin_lock(&pty_lock);
	pair->master_open = false;
	slave->hung_up = true;
	gone = slave->count == 0;
	spin_unlock(&pty_lock);
	wake_up_interruptible(&slave->read_wait);
	wake_up_interruptible(&slave->write_wait);
	tty_hangup_session(slave);
	if (gone)
		pty_free(pair);
}

static const struct file_operations ptm_fops = {
	.read = ptm_read,
	.write = ptm_write,
	.poll = ptm_poll,
	.ioctl = ptm_ioctl,
	.release = ptm_release,
};

/*
 * ptmx_open - open("/dev/ptmx"): a new pair, its slave locked, its node
 * /dev/pts/N made; the file is the master.
 *
 * Context: process context. Return: 0, -ENOSPC (no free pair), or an
 * error making the node.
 */
int ptmx_open(struct inode *inode, struct file *file)
{
	struct termios raw = { .c_cflag = B38400 | CS8 | CREAD, .c_cc = { [VMIN] = 1 } };
	struct termios st = tty_std_termios;
	struct pty_pair *pair = NULL;
	int i, ret;

	(void)inode;
	spin_lock(&pty_lock);
	for (i = 0; i < NR_PTYS; i++) {
		if (!ptys[i].used) {
			pair = &ptys[i];
			pair->used = true;
			break;
		}
	}
	spin_unlock(&pty_lock);
	if (!pair)
		return -ENOSPC;
	st.c_cflag = B38400 | CS8 | CREAD;
	tty_init_struct(&pair->master, "ptm", i, &ptm_ops, &raw);
	tty_init_struct(&pair->slave, "pts", i, &pts_ops, &st);
	pair->master.link = &pair->slave;
	pair->slave.link = &pair->master;
	pair->master.is_master = true;
	pair->slave.locked = true;
	pair->slave.tty_nr = UNIX98_PTY_SLAVE_MAJOR << 8 | i;
	ret = pts_node(i, true);
	if (ret) {
		spin_lock(&pty_lock);
		pair->used = false;
		spin_unlock(&pty_lock);
		return ret;
	}
	pair->master_open = true;
	file->f_op = &ptm_fops;
	file->private_data = &pair->master;
	return 0;
}

/* open("/dev/pts/N"): the slave, once unlocked, while its master is open. */
static int pts_open(struct inode *inode, struct file *file)
{
	unsigned int i = MINOR(inode->i_rdev);
	struct pty_pair *pair;
	int ret = 0;

	if (i >= NR_PTYS)
		return -ENXIO;
	pair = &ptys[i];
	spin_lock(&pty_lock);
	if (!pair->used || !pair->master_open)
		ret = -EIO;
	else if (pair->slave.locked)
		ret = -EIO;
	else {
		pair->slave.count++;
		pair->master.other_closed = false;
	}
	spin_unlock(&pty_lock);
	if (ret)
		return ret;
	file->f_op = &tty_fops;
	return tty_open_file(&pair->slave, file);
}

static const struct file_operations pts_fops = {
	.open = pts_open,
};

/*
 * pty_init - register the slaves' major and make /dev/ptmx and /dev/pts
 * under root.
 *
 * Context: boot. Return: 0 or an error.
 */
int pty_init(struct inode *root)
{
	int ret = register_chrdev(UNIX98_PTY_SLAVE_MAJOR, "pts", &pts_fops);

	pty_root = root;
	if (!ret)
		ret = vfs_mknod(root, root, "/dev/ptmx", S_IFCHR | 0666, MKDEV(5, 2));
	if (!ret)
		ret = vfs_mkdir(root, root, "/dev/pts", 0755);
	return ret;
}
