/*
 * tty.h - terminals: struct tty_struct, shared by the console (fs/console.c)
 * and the pseudo-terminals (fs/pty.c); the tty core (fs/tty.c: files,
 * ioctls, the controlling terminal, job control) and the line discipline
 * (fs/n_tty.c: termios input and output processing) work on it.
 */
#ifndef FS_TTY_H
#define FS_TTY_H

#include "fs/vfs.h"
#include "kernel/mutex.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "kernel/wait_types.h"
#include "lib/types.h"

/* termios: Linux's kernel struct (TCGETS/TCSETS) and its bits. */
#define NCCS            19
struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[NCCS];
};

struct winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc indices */
#define VINTR           0
#define VQUIT           1
#define VERASE          2
#define VKILL           3
#define VEOF            4
#define VTIME           5
#define VMIN            6
#define VSTART          8
#define VSTOP           9
#define VSUSP           10
#define VEOL            11
#define VREPRINT        12
#define VWERASE         14
#define VLNEXT          15
#define VEOL2           16

/* c_iflag */
#define ISTRIP          0000040
#define INLCR           0000100
#define IGNCR           0000200
#define ICRNL           0000400
#define IXON            0002000
/* c_oflag */
#define OPOST           0000001
#define ONLCR           0000004
#define OCRNL           0000010
/* c_cflag */
#define B38400          0000017
#define CS8             0000060
#define CREAD           0000200
#define HUPCL           0002000
/* c_lflag */
#define ISIG            0000001
#define ICANON          0000002
#define ECHO            0000010
#define ECHOE           0000020
#define ECHOK           0000040
#define ECHONL          0000100
#define NOFLSH          0000200
#define TOSTOP          0000400
#define ECHOCTL         0001000
#define ECHOKE          0004000
#define IEXTEN          0100000

#define N_TTY_BUF_SIZE  4096            /* input buffer, as Linux's n_tty */
#define TTY_WRITE_CHUNK 2048            /* Linux's tty_write() chunk */

struct tty_struct;
struct file;
struct poll_table_struct;

/* What a driver supplies (Linux's tty_operations, the part used here). */
struct tty_operations {
	/* Send n bytes, already processed for output (OPOST), towards the
	 * screen. file: the writer's file, or NULL for echoes. May sleep
	 * (a pty waits for room) unless file is NULL; then it drops what
	 * does not fit. Return: bytes taken, or -ERESTARTSYS. */
	ssize_t (*write)(struct tty_struct *tty, struct file *file, const char *buf, size_t n);
	/* Bytes written and not yet read by the other side (TIOCOUTQ). */
	size_t (*chars_in_buffer)(struct tty_struct *tty);
	/* Room for output: 0 makes poll say "not writable". */
	size_t (*write_room)(struct tty_struct *tty);
	/* /dev/tty opens this terminal again: count the file (a pty).
	 * Called under tasklist_lock: must not sleep. */
	int (*open)(struct tty_struct *tty, struct file *file);
	/* The last close of one of its files. */
	void (*close)(struct tty_struct *tty, struct file *file);
};

/*
 * One terminal. Input from the keyboard (or a pty master) goes through
 * n_tty_receive_char into the ring read_buf: read_tail <= canon_head <=
 * read_head, counters that only grow (index & (N_TTY_BUF_SIZE - 1)). In
 * canonical mode, read_tail..canon_head are finished lines readers may
 * take, canon_head..read_head the line being edited; read_flags marks each
 * line's delimiter (and an EOF mark, which is not data). In non-canonical
 * mode canon_head follows read_head.
 *
 * Locking: lock (irqsave: the console's interrupt handler takes it)
 * guards termios, winsize, the input ring, session, pgrp and the flags.
 * write_lock (a mutex: a writer may fault on its buffer and sleep)
 * guards write_buf; it is taken before lock, never inside it. session and
 * pgrp are also only changed with tasklist_lock held (so that a walk of
 * the session under tasklist_lock sees them stable); tasks' ->tty fields
 * are guarded by tasklist_lock. Readers sleep on read_wait, writers on
 * write_wait.
 */
struct tty_struct {
	const char *name;
	int index;
	const struct tty_operations *ops;
	const struct file_operations *fops;     /* its files' (tty_fops, or ttyS2's) */
	struct tty_struct *link;        /* pty: the other side */
	bool is_master;                 /* pty master (no line discipline) */
	bool hung_up;                   /* pty slave whose master closed */
	bool other_closed;              /* pty master whose slave closed */
	bool locked;                    /* pty slave not unlocked yet (TIOCSPTLCK) */
	int count;                      /* open files (pty), guarded by pty_lock */
	int tty_nr;                     /* its device as /proc/PID/stat shows it */

	spinlock_t lock;
	struct termios termios;
	struct winsize winsize;
	pid_t session;                  /* the session it controls, 0: none */
	pid_t pgrp;                     /* its foreground process group, 0: none */

	char read_buf[N_TTY_BUF_SIZE];
	unsigned long read_flags[N_TTY_BUF_SIZE / (8 * sizeof(unsigned long))];
	size_t read_tail, canon_head, read_head;
	size_t echo_col;                /* screen column after our echoes (tabs) */
	bool lnext;                     /* the last character was VLNEXT */
	bool eof_pending;               /* an EOF mark at canon_head is being read */

	struct wait_queue_head read_wait, write_wait;
	struct mutex write_lock;
	char write_buf[TTY_WRITE_CHUNK];
};

void tty_init_struct(struct tty_struct *tty, const char *name, int index,
		     const struct tty_operations *ops, const struct termios *termios);
extern const struct termios tty_std_termios;

/* fs/n_tty.c: the line discipline. */
void n_tty_receive_char(struct tty_struct *tty, char c);
ssize_t n_tty_read(struct tty_struct *tty, struct file *file, char *kbuf, size_t len);
ssize_t n_tty_write(struct tty_struct *tty, struct file *file, const char *buf, size_t n);
bool n_tty_input_available(struct tty_struct *tty, bool poll);
void n_tty_flush_input(struct tty_struct *tty);
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old);
size_t n_tty_chars_available(struct tty_struct *tty);

/* fs/tty.c: the core. */
extern const struct file_operations tty_fops, devtty_fops;
int tty_open_file(struct tty_struct *tty, struct file *file);
int tty_check_change(struct tty_struct *tty, int sig);
void tty_isig(struct tty_struct *tty, int sig);
long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
unsigned int tty_poll(struct file *file, struct poll_table_struct *pt);
ssize_t tty_read(struct file *file, char *kbuf, size_t len, loff_t *pos);
ssize_t tty_write_iter(struct file *file, struct iov_iter *from, loff_t *pos);
ssize_t tty_write_kernel(struct file *file, const char *kbuf, size_t len, loff_t *pos);
void tty_hangup_session(struct tty_struct *tty);
void disassociate_ctty(struct task_struct *p, bool on_exit);
int tty_set_winsize(struct tty_struct *tty, const void *uarg);
void task_tty_info(struct task_struct *p, int *tty_nr, int *tpgid);

#endif /* FS_TTY_H */
