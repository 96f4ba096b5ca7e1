/*
 * tty_pty.c - terminals through a pseudo-terminal pair (/dev/ptmx and
 * /dev/pts/N), so that the same program checks Linux and keyhole: the
 * master types at the slave and reads what it shows. Covers the line
 * discipline (canonical editing, echo, ECHOCTL, VEOF, VMIN/VTIME, raw
 * bytes such as arrow keys, ICRNL/IGNCR/INLCR, ONLCR), the controlling
 * terminal (open, TIOCSCTTY, TIOCNOTTY, /dev/tty, setsid), job control
 * (Ctrl-C and Ctrl-Z to the foreground group, SIGTTIN, SIGTTOU with
 * TOSTOP and tcsetattr, TIOCSPGRP's rules), SIGHUP at the session
 * leader's exit and at the master's close, window size and SIGWINCH,
 * FIONREAD and TCFLSH.
 *
 * Linux hands a master's bytes to the slave's line discipline from a
 * work queue, a moment later, so reads of echoes wait (with a timeout)
 * for as many bytes as expected, never for "nothing more".
 */
#include "utest.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>

#define WAIT_MS 5000

/* A master (O_NOCTTY) with its slave unlocked; *name gets the slave's path. */
static int open_master(char *name, size_t len)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	if (m < 0)
		return -1;
	if (grantpt(m) || unlockpt(m) || ptsname_r(m, name, len)) {
		close(m);
		return -1;
	}
	return m;
}

/* Read exactly n bytes from fd, or fewer if WAIT_MS passes. Return: bytes. */
static size_t read_exact(int fd, char *buf, size_t n)
{
	size_t got = 0;
	long deadline = ut_now_ms() + WAIT_MS;

	while (got < n) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long left = deadline - ut_now_ms();

		if (left <= 0 || poll(&p, 1, (int)left) != 1)
			break;
		ssize_t r = read(fd, buf + got, n - got);

		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* Whether fd has nothing to read for 50 ms. */
static bool quiet(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 50) == 0;
}

/* Type s at the slave and check what the master shows (the echo). */
#define CHECK_ECHO(m, typed, shown)                                            \
	do {                                                                   \
		char e_[256] = "";                                             \
		size_t n_ = strlen(shown);                                     \
		write(m, typed, strlen(typed));                                \
		size_t g_ = read_exact(m, e_, n_);                             \
		CHECKF(g_ == n_ && memcmp(e_, shown, n_) == 0,                 \
		       "echo of %s: %zu bytes \"%.*s\"", #typed, g_, (int)g_, e_); \
	} while (0)

/* Read from the slave and compare. */
#define CHECK_READ(s, want)                                                    \
	do {                                                                   \
		char r_[256] = "";                                             \
		ssize_t n_ = read(s, r_, sizeof(r_));                          \
		CHECKF(n_ == (ssize_t)strlen(want) && memcmp(r_, want, strlen(want)) == 0, \
		       "read %zd bytes \"%.*s\", want \"%s\"", n_, (int)(n_ > 0 ? n_ : 0), \
		       r_, want);                                              \
	} while (0)

static void ptmx_makes_a_locked_slave(void)
{
	char name[64];
	int m = posix_openpt(O_RDWR | O_NOCTTY), s, n = -1, lock = -1;
	struct stat st;

	if (!CHECK_SYS(m))
		return;
	CHECK_SYS(ioctl(m, TIOCGPTN, &n));
	snprintf(name, sizeof(name), "/dev/pts/%d", n);
	if (CHECK_SYS(stat(name, &st)))
		CHECK(S_ISCHR(st.st_mode) && major(st.st_rdev) == 136 &&
		      (int)minor(st.st_rdev) == n);
	CHECK_SYS(ioctl(m, TIOCGPTLCK, &lock));
	CHECK_EQ(lock, 1);
	CHECK_ERR(open(name, O_RDWR | O_NOCTTY), EIO);  /* locked */
	CHECK_SYS(unlockpt(m));
	s = open(name, O_RDWR | O_NOCTTY);
	if (CHECK_SYS(s)) {
		CHECK(isatty(s));
		close(s);
	}
	CHECK(isatty(m));
	CHECK_ERR(ioctl(m, TIOCGPTN, (void *)1), EFAULT);
	close(m);
}

static void canonical_lines_and_echo(void)
{
	char name[64], buf[64];
	int m = open_master(name, sizeof(name)), s;

	if (!CHECK_SYS(m) || !CHECK_SYS(s = open(name, O_RDWR | O_NOCTTY)))
		return;
	CHECK_ECHO(m, "abc\n", "abc\r\n");
	CHECK_READ(s, "abc\n");
	/* Two lines typed: one per read. */
	CHECK_ECHO(m, "one\ntwo\n", "one\r\ntwo\r\n");
	CHECK_READ(s, "one\n");
	CHECK_READ(s, "two\n");
	/* A short buffer takes part of a line; the rest stays. */
	CHECK_ECHO(m, "hello\n", "hello\r\n");
	CHECK_EQ(read(s, buf, 2), 2);
	CHECK_READ(s, "llo\n");
	/* Output: "\n" goes out as "\r\n" (OPOST|ONLCR). */
	CHECK_EQ(write(s, "x\ny", 3), 3);
	CHECK_EQ(read_exact(m, buf, 4), 4);
	CHECK(memcmp(buf, "x\r\ny", 4) == 0);
	close(s);
	close(m);
}

static void erase_kill_werase_edit_the_line(void)
{
	char name[64];
	int m = open_master(name, sizeof(name)), s;

	if (!CHECK_SYS(m) || !CHECK_SYS(s = open(name, O_RDWR | O_NOCTTY)))
		return;
	CHECK_ECHO(m, "abx\177c\n", "abx\b \bc\r\n");
	CHECK_READ(s, "abc\n");
	/* ^U with ECHOKE erases the line on the screen. */
	CHECK_ECHO(m, "junk\025ok\n", "junk\b \b\b \b\b \b\b \bok\r\n");
	CHECK_READ(s, "ok\n");
	/* ^W: back to the start of the word. */
	CHECK_ECHO(m, "foo bar\027baz\n", "foo bar\b \b\b \b\b \bbaz\r\n");
	CHECK_READ(s, "foo baz\n");
	/* Erase at the start of a line does nothing. */
	CHECK_ECHO(m, "\177z\n", "z\r\n");
	CHECK_READ(s, "z\n");
	/* A control character echoes as ^X (ECHOCTL), and erasing it takes two. */
	CHECK_ECHO(m, "a\001\177\002\n", "a^A\b \b\b \b^B\r\n");
	CHECK_READ(s, "a\002\n");
	close(s);
	close(m);
}

/* ^V takes the next byte literally, ^R types the line again, and ECHONL
 * echoes the newline alone when ECHO is off. */
static void lnext_reprint_and_echonl(void)
{
	char name[64];
	int m = open_master(name, sizeof(name)), s;
	struct termios t;

	if (!CHECK_SYS(m) || !CHECK_SYS(s = open(name, O_RDWR | O_NOCTTY)))
		return;
	CHECK_ECHO(m, "\026\003\n", "^\b^C\r\n");
	CHECK_READ(s, "\003\n");
	CHECK_ECHO(m, "ab\022", "ab^R\r\nab");
	CHECK_ECHO(m, "\n", "\r\n");
	CHECK_READ(s, "ab\n");
	tcgetattr(s, &t);
	t.c_lflag &= ~ECHO;
	t.c_lflag |= ECHONL;
	tcsetattr(s, TCSANOW, &t);
	CHECK_ECHO(m, "secret\n", "\r\n");
	CHECK_READ(s, "secret\n");
	close(s);
	close(m);
}

static void veof_ends_line_or_file(void)
{
	char name[64], buf[16];
	int m = open_master(name, sizeof(name)), s;

	if (!CHECK_SYS(m) || !CHECK_SYS(s = open(name, O_RDWR | O_NOCTTY)))
		return;
	CHECK_ECHO(m, "ab\004", "ab");
	CHECK_READ(s, "ab");
	write(m, "\004", 1);
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);         /* end of file */
	CHECK_ECHO(m, "c\n", "c\r\n");                  /* and reading goes on */
	CHECK_READ(s, "c\n");
	close(s);
	close(m);
}

static void raw_mode_passes_escape_sequences(void)
{
	char name[64], buf[16];
	int m = open_master(name, sizeof(name)), s;
	struct termios t;

	if (!CHECK_SYS(m) || !CHECK_SYS(s = open(name, O_RDWR | O_NOCTTY)))
		return;
	CHECK_SYS(tcgetattr(s, &t));
	cfmakeraw(&t);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	CHECK_SYS(tcsetattr(s, TCSANOW, &t));
	write(m, "\033[A\r\003\177", 6);                /* Up, CR, ^C, DEL: all data */
	CHECK_EQ(read_exact(s, buf, 6), 6);
	CHECK(memcmp(buf, "\033[A\r\003\177", 6) == 0);
	CHECK(quiet(m));                                /* no echo */
	/* Raw output too: no "\r" added. */
	write(s, "a\nb", 3);
	CHECK_EQ(read_exact(m, buf, 3), 3);
	CHECK(memcmp(buf, "a\nb", 3) == 0);
	close(s);
	close(m);
}

static void vmin_vtime_reads(void)
{
	char name[64], buf[16];
	int m = open_master(name, sizeof(name)), s;
	struct termios t;
	struct pollfd p;

	if (!CHECK_SYS(m) || !CHECK_SYS(s = open(name, O_RDWR | O_NOCTTY)))
		return;
	tcgetattr(s, &t);
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	CHECK_SYS(tcsetattr(s, TCSANOW, &t));
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);         /* nothing there: 0 at once */
	t.c_cc[VTIME] = 2;                              /* 0.2 s for a first byte */
	tcsetattr(s, TCSANOW, &t);
	long t0 = ut_now_ms();

	CHECK_EQ(read(s, buf, sizeof(buf)), 0);
	CHECK_GE(ut_now_ms() - t0, 100);                /* it did wait */
	/* VMIN 3, VTIME 0: poll waits for 3 bytes; read returns them. */
	t.c_cc[VMIN] = 3;
	t.c_cc[VTIME] = 0;
	tcsetattr(s, TCSANOW, &t);
	write(m, "xy", 2);
	usleep(50000);
	p = (struct pollfd){ .fd = s, .events = POLLIN };
	CHECK_EQ(poll(&p, 1, 0), 0);
	write(m, "z", 1);
	p.revents = 0;
	CHECK_EQ(poll(&p, 1, WAIT_MS), 1);
	CHECK_EQ(read(s, buf, sizeof(buf)), 3);
	/* O_NONBLOCK with nothing: EAGAIN. */
	fcntl(s, F_SETFL, O_NONBLOCK);
	CHECK_ERR(read(s, buf, sizeof(buf)), EAGAIN);
	close(s);
	close(m);
}

static void input_cr_nl_translation(void)
{
	char name[64];
	int m = open_master(name, sizeof(name)), s;
	struct termios t;

	if (!CHECK_SYS(m) || !CHECK_SYS(s = open(name, O_RDWR | O_NOCTTY)))
		return;
	tcgetattr(s, &t);
	t.c_lflag &= ~ECHO;
	tcsetattr(s, TCSANOW, &t);
	write(m, "a\r", 2);                             /* ICRNL */
	CHECK_READ(s, "a\n");
	t.c_iflag |= IGNCR;
	tcsetattr(s, TCSANOW, &t);
	write(m, "b\r\n", 3);
	CHECK_READ(s, "b\n");
	t.c_iflag &= ~(IGNCR | ICRNL);
	t.c_iflag |= INLCR;
	t.c_lflag &= ~ICANON;
	t.c_cc[VMIN] = 2;
	tcsetattr(s, TCSANOW, &t);
	write(m, "c\n", 2);
	CHECK_READ(s, "c\r");
	close(s);
	close(m);
}

/* In a child: a new session whose controlling terminal is the slave. */
static int session_on(const char *name)
{
	if (setsid() < 0)
		return -1;
	return open(name, O_RDWR);                      /* no O_NOCTTY: ours now */
}

static volatile sig_atomic_t got[65];

static void note(int sig)
{
	got[sig]++;
}

static void open_makes_controlling_terminal(void)
{
	char name[64];
	int m = open_master(name, sizeof(name));

	if (!CHECK_SYS(m))
		return;
	pid_t pid = ut_fork();

	if (pid == 0) {
		int s, t, pg = -1, sid = -1;

		CHECK_SYS(setsid());
		CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);     /* a new session has none */
		s = open(name, O_RDWR);
		if (!CHECK_SYS(s))
			ut_child_exit();
		CHECK_SYS(ioctl(s, TIOCGPGRP, &pg));
		CHECK_EQ(pg, getpgrp());
		CHECK_SYS(ioctl(s, TIOCGSID, &sid));
		CHECK_EQ(sid, getpid());
		CHECK_EQ(tcgetsid(s), getpid());
		/* /proc/self/stat: tty_nr (136:N) and tpgid, as ps reads them. */
		char st[512], *p;
		int fd = open("/proc/self/stat", O_RDONLY), tty_nr = 0, tpgid = 0, n = -1;
		ssize_t len = fd >= 0 ? read(fd, st, sizeof(st) - 1) : -1;

		if (CHECK_GT(len, 0)) {
			st[len] = 0;
			p = strrchr(st, ')');
			CHECK(p && sscanf(p + 2, "%*c %*d %*d %*d %d %d", &tty_nr, &tpgid) == 2);
			sscanf(name, "/dev/pts/%d", &n);
			CHECK_EQ(tty_nr, 136 << 8 | n);
			CHECK_EQ(tpgid, getpgrp());
		}
		if (fd >= 0)
			close(fd);
		t = open("/dev/tty", O_RDWR);
		if (CHECK_SYS(t)) {
			CHECK(isatty(t));
			CHECK_EQ(write(t, "via-tty\n", 8), 8);
			close(t);
		}
		ut_child_exit();
	}
	char buf[16];

	CHECK_EQ(read_exact(m, buf, 9), 9);
	CHECK(memcmp(buf, "via-tty\r\n", 9) == 0);
	CHECK_EXITED(pid, 0);
	close(m);
}

static void o_noctty_and_non_leaders_get_no_terminal(void)
{
	char name[64];
	int m = open_master(name, sizeof(name));

	if (!CHECK_SYS(m))
		return;
	pid_t pid = ut_fork();

	if (pid == 0) {
		int s, pg;

		setsid();
		s = open(name, O_RDWR | O_NOCTTY);
		CHECK_SYS(s);
		CHECK_ERR(ioctl(s, TIOCGPGRP, &pg), ENOTTY);
		CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);
		CHECK_ERR(tcgetsid(s), ENOTTY);
		/* A child (no session leader) cannot take it with TIOCSCTTY. */
		pid_t c = fork();

		if (c == 0)
			_exit(ioctl(s, TIOCSCTTY, 0) < 0 && errno == EPERM ? 0 : 1);
		CHECK_EXITED(c, 0);
		/* The leader can; then again is fine. */
		CHECK_SYS(ioctl(s, TIOCSCTTY, 0));
		CHECK_SYS(ioctl(s, TIOCSCTTY, 0));
		CHECK_SYS(ioctl(s, TIOCGPGRP, &pg));
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	close(m);
}

static void tiocsctty_of_another_session_needs_steal(void)
{
	char name[64];
	int m = open_master(name, sizeof(name)), go[2], done[2];
	char c;

	if (!CHECK_SYS(m) || !CHECK_SYS(pipe(go)) || !CHECK_SYS(pipe(done)))
		return;
	pid_t owner = ut_fork();

	if (owner == 0) {
		CHECK_SYS(session_on(name));
		write(done[1], "o", 1);
		read(go[0], &c, 1);
		ut_child_exit();
	}
	CHECK_EQ(read(done[0], &c, 1), 1);
	pid_t thief = ut_fork();

	if (thief == 0) {
		int s, pg;

		setsid();
		s = open(name, O_RDWR);                 /* not ours: another session has it */
		CHECK_SYS(s);
		CHECK_ERR(ioctl(s, TIOCGPGRP, &pg), ENOTTY);
		CHECK_ERR(ioctl(s, TIOCSCTTY, 0), EPERM);
		CHECK_SYS(ioctl(s, TIOCSCTTY, 1));      /* root steals it */
		CHECK_SYS(ioctl(s, TIOCGPGRP, &pg));
		CHECK_EQ(pg, getpgrp());
		ut_child_exit();
	}
	CHECK_EXITED(thief, 0);
	write(go[1], "g", 1);
	CHECK_EXITED(owner, 0);
	close(m), close(go[0]), close(go[1]), close(done[0]), close(done[1]);
}

static void setsid_leaves_the_terminal_behind(void)
{
	char name[64];
	int m = open_master(name, sizeof(name));

	if (!CHECK_SYS(m))
		return;
	pid_t pid = ut_fork();

	if (pid == 0) {
		CHECK_SYS(session_on(name));
		pid_t c = fork();

		if (c == 0) {
			int t = open("/dev/tty", O_RDWR);       /* inherited */

			if (t < 0)
				_exit(1);
			close(t);
			if (setsid() < 0)
				_exit(2);
			_exit(open("/dev/tty", O_RDWR) < 0 && errno == ENXIO ? 0 : 3);
		}
		CHECK_EXITED(c, 0);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	close(m);
}

static void ctrl_c_signals_the_foreground_group(void)
{
	char name[64];
	int m = open_master(name, sizeof(name)), go[2];

	if (!CHECK_SYS(m) || !CHECK_SYS(pipe(go)))
		return;
	pid_t pid = ut_fork();

	if (pid == 0) {
		int s = session_on(name);
		char c;

		signal(SIGINT, note);
		signal(SIGQUIT, note);
		write(s, "r", 1);                       /* ready */
		read(go[0], &c, 1);                     /* ^C and ^\ were typed */
		long deadline = ut_now_ms() + WAIT_MS;

		while ((!got[SIGINT] || !got[SIGQUIT]) && ut_now_ms() < deadline)
			usleep(1000);
		CHECK_EQ(got[SIGINT], 1);
		CHECK_EQ(got[SIGQUIT], 1);
		CHECK_READ(s, "c\n");                   /* "ab" was flushed by ^C */
		ut_child_exit();
	}
	char buf[8];

	CHECK_EQ(read_exact(m, buf, 1), 1);
	CHECK_ECHO(m, "ab", "ab");
	CHECK_ECHO(m, "\003", "^C");
	CHECK_ECHO(m, "\034", "^\\");
	CHECK_ECHO(m, "c\n", "c\r\n");
	write(go[1], "g", 1);
	CHECK_EXITED(pid, 0);
	close(m), close(go[0]), close(go[1]);
}

/*
 * A shell's job control, by hand: the session leader (the "shell") puts
 * a job in a group of its own in the foreground; Ctrl-Z stops it
 * (SIGTSTP), the shell sees it stopped, takes the terminal back, and
 * continues the job in the background, where reading the terminal stops
 * it again (SIGTTIN); fg gives it the terminal and SIGCONT, and it reads.
 */
static void ctrl_z_stops_job_and_fg_bg_work(void)
{
	char name[64];
	int m = open_master(name, sizeof(name));

	if (!CHECK_SYS(m))
		return;
	pid_t shell = ut_fork();

	if (shell == 0) {
		int s = session_on(name), st;

		signal(SIGTTOU, SIG_IGN);               /* as a shell does */
		pid_t job = fork();

		if (job == 0) {
			char buf[16];

			setpgid(0, 0);
			tcsetpgrp(s, getpid());
			write(s, "j", 1);               /* in the foreground now */
			ssize_t n = read(s, buf, sizeof(buf));  /* stopped here by ^Z */

			_exit(n == 4 && memcmp(buf, "hey\n", 4) == 0 ? 0 : 1);
		}
		setpgid(job, job);
		CHECK_EQ(waitpid(job, &st, WUNTRACED), job);    /* ^Z */
		CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP);
		CHECK_SYS(tcsetpgrp(s, getpgrp()));     /* the shell takes it back */
		kill(-job, SIGCONT);                    /* bg */
		CHECK_EQ(waitpid(job, &st, WUNTRACED | WCONTINUED), job);
		CHECK(WIFCONTINUED(st));
		CHECK_EQ(waitpid(job, &st, WUNTRACED), job);    /* read in background */
		CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN);
		CHECK_SYS(tcsetpgrp(s, job));           /* fg */
		kill(-job, SIGCONT);
		write(s, "f", 1);
		CHECK_EQ(waitpid(job, &st, 0), job);
		CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "job: %s", ut_status_str(st));
		ut_child_exit();
	}
	char c = 0;

	CHECK_EQ(read_exact(m, &c, 1), 1);
	CHECK_EQ(c, 'j');
	CHECK_ECHO(m, "\032", "^Z");
	CHECK_EQ(read_exact(m, &c, 1), 1);              /* the shell did fg */
	CHECK_EQ(c, 'f');
	CHECK_ECHO(m, "hey\n", "hey\r\n");
	CHECK_EXITED(shell, 0);
	close(m);
}

static void background_read_with_sigttin_ignored_is_eio(void)
{
	char name[64];
	int m = open_master(name, sizeof(name));

	if (!CHECK_SYS(m))
		return;
	pid_t pid = ut_fork();

	if (pid == 0) {
		int s = session_on(name);
		pid_t c = fork();

		if (c == 0) {
			char buf[4];

			setpgid(0, 0);                  /* a background group */
			signal(SIGTTIN, SIG_IGN);
			_exit(read(s, buf, 4) < 0 && errno == EIO ? 0 : 1);
		}
		setpgid(c, c);
		CHECK_EXITED(c, 0);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	close(m);
}

static void background_write_tostop_and_tcsetattr_get_sigttou(void)
{
	char name[64];
	int m = open_master(name, sizeof(name));

	if (!CHECK_SYS(m))
		return;
	pid_t pid = ut_fork();

	if (pid == 0) {
		int s = session_on(name), st;
		struct termios t;

		tcgetattr(s, &t);
		/* Without TOSTOP a background write goes through. */
		pid_t c = fork();

		if (c == 0) {
			setpgid(0, 0);
			_exit(write(s, "w", 1) == 1 ? 0 : 1);
		}
		setpgid(c, c);
		CHECK_EXITED(c, 0);
		t.c_lflag |= TOSTOP;
		CHECK_SYS(tcsetattr(s, TCSANOW, &t));
		c = fork();
		if (c == 0) {
			setpgid(0, 0);
			write(s, "W", 1);               /* SIGTTOU stops it */
			_exit(0);
		}
		setpgid(c, c);
		CHECK_EQ(waitpid(c, &st, WUNTRACED), c);
		CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTOU);
		kill(c, SIGKILL);
		waitpid(c, &st, 0);
		/* tcsetattr from the background: SIGTTOU; ignored, it goes through. */
		c = fork();
		if (c == 0) {
			setpgid(0, 0);
			tcsetattr(s, TCSANOW, &t);
			_exit(0);
		}
		setpgid(c, c);
		CHECK_EQ(waitpid(c, &st, WUNTRACED), c);
		CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTOU);
		kill(c, SIGKILL);
		waitpid(c, &st, 0);
		c = fork();
		if (c == 0) {
			setpgid(0, 0);
			signal(SIGTTOU, SIG_IGN);
			_exit(tcsetattr(s, TCSANOW, &t) == 0 && write(s, "i", 1) == 1 ? 0 : 1);
		}
		setpgid(c, c);
		CHECK_EXITED(c, 0);
		ut_child_exit();
	}
	char buf[4];

	CHECK_EQ(read_exact(m, buf, 2), 2);
	CHECK(memcmp(buf, "wi", 2) == 0);
	CHECK_EXITED(pid, 0);
	close(m);
}

static void tiocspgrp_rules(void)
{
	char name[64], name2[64];
	int m = open_master(name, sizeof(name)), m2 = open_master(name2, sizeof(name2));

	if (!CHECK_SYS(m) || !CHECK_SYS(m2))
		return;
	pid_t pid = ut_fork();

	if (pid == 0) {
		int s = session_on(name), other = open(name2, O_RDWR | O_NOCTTY), pg = getpgrp();

		CHECK_ERR(tcsetpgrp(other, pg), ENOTTY);        /* not our terminal */
		CHECK_ERR(tcgetpgrp(other), ENOTTY);
		CHECK_ERR(tcsetpgrp(s, getppid()), EPERM);      /* another session's group */
		CHECK_ERR(ioctl(s, TIOCSPGRP, (void *)1), EFAULT);
		pg = -1;
		CHECK_ERR(ioctl(s, TIOCSPGRP, &pg), EINVAL);
		pg = 0x7ffffff0;
		CHECK_ERR(ioctl(s, TIOCSPGRP, &pg), ESRCH);
		CHECK_SYS(tcsetpgrp(s, getpgrp()));
		CHECK_EQ(tcgetpgrp(s), getpgrp());
		CHECK_ERR(ioctl(s, TIOCGPGRP, (void *)1), EFAULT);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	close(m);
	close(m2);
}

/* TIOCNOTTY by the leader: the foreground group gets SIGHUP and SIGCONT,
 * and nobody in the session has the terminal any more. */
static void tiocnotty_gives_up_the_terminal(void)
{
	char name[64];
	int m = open_master(name, sizeof(name));

	if (!CHECK_SYS(m))
		return;
	pid_t pid = ut_fork();

	if (pid == 0) {
		int s = session_on(name);

		signal(SIGHUP, note);
		signal(SIGCONT, note);
		CHECK_SYS(ioctl(s, TIOCNOTTY));
		CHECK_EQ(got[SIGHUP], 1);
		CHECK_EQ(got[SIGCONT], 1);
		CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);
		CHECK_ERR(ioctl(s, TIOCNOTTY), ENOTTY);
		CHECK_ERR(tcgetpgrp(s), ENOTTY);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	close(m);
}

/* The session leader exits: its foreground group gets SIGHUP. */
static int hup_fd = -1;

static void hup_to_pipe(int sig)
{
	got[sig]++;
	write(hup_fd, "H", 1);
}

static void leader_exit_hangs_up_foreground(void)
{
	char name[64];
	int m = open_master(name, sizeof(name)), p[2], sync[2];

	if (!CHECK_SYS(m) || !CHECK_SYS(pipe(p)) || !CHECK_SYS(pipe(sync)))
		return;
	pid_t pid = fork();

	if (pid == 0) {
		int s = session_on(name);
		pid_t c = fork();

		if (c == 0) {
			hup_fd = p[1];
			signal(SIGHUP, hup_to_pipe);
			signal(SIGTTOU, SIG_IGN);       /* for its own tcsetpgrp */
			setpgid(0, 0);
			tcsetpgrp(s, getpid());
			write(p[1], "c", 1);
			write(sync[1], "c", 1);
			for (int i = 0; i < 100 && !got[SIGHUP]; i++)
				usleep(10000);
			_exit(0);
		}
		char x;

		read(sync[0], &x, 1);                   /* it is in the foreground */
		_exit(0);                               /* the leader goes */
	}
	close(p[1]), close(sync[0]), close(sync[1]);
	CHECK_EXITED(pid, 0);
	char buf[2] = "";
	size_t n = read_exact(p[0], buf, 2);

	CHECK_EQ(n, 2);
	CHECK(buf[0] == 'c' && buf[1] == 'H');
	close(p[0]);
	close(m);
}

/* The master closes: a reader waiting on the slave gets EIO, later reads
 * end of file, writes and ioctls fail, the session leader gets SIGHUP,
 * and /dev/pts/N is gone. */
static void master_close_hangs_up_slave(void)
{
	char name[64];
	int m = open_master(name, sizeof(name)), go[2];
	char c;

	if (!CHECK_SYS(m) || !CHECK_SYS(pipe(go)))
		return;
	pid_t pid = ut_fork();

	if (pid == 0) {
		int s = session_on(name);
		char buf[4];

		close(m);
		signal(SIGHUP, note);
		write(go[1], "r", 1);
		CHECK_ERR(read(s, buf, sizeof(buf)), EIO);      /* waiting as it closed */
		CHECK_EQ(read(s, buf, sizeof(buf)), 0);         /* hung up */
		CHECK_ERR(ioctl(s, TIOCGWINSZ, &(struct winsize){ 0 }), EIO);
		CHECK_ERR(open(name, O_RDWR | O_NOCTTY), ENOENT);
		long deadline = ut_now_ms() + WAIT_MS;

		while (!got[SIGHUP] && ut_now_ms() < deadline)
			usleep(1000);
		CHECK_EQ(got[SIGHUP], 1);
		CHECK_ERR(write(s, "x", 1), EIO);
		struct pollfd p = { .fd = s, .events = POLLIN };

		CHECK_EQ(poll(&p, 1, 0), 1);
		CHECK(p.revents & POLLHUP);
		CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO);
		ut_child_exit();
	}
	CHECK_EQ(read(go[0], &c, 1), 1);
	usleep(20000);                          /* let it block in read */
	close(m);
	CHECK_EXITED(pid, 0);
	close(go[0]), close(go[1]);
}

static void slave_close_gives_master_eio_and_pollhup(void)
{
	char name[64], buf[8];
	int m = open_master(name, sizeof(name)), s;

	if (!CHECK_SYS(m) || !CHECK_SYS(s = open(name, O_RDWR | O_NOCTTY)))
		return;
	write(s, "bye", 3);
	close(s);
	CHECK_EQ(read_exact(m, buf, 3), 3);             /* what was written stays */
	CHECK(memcmp(buf, "bye", 3) == 0);
	struct pollfd p = { .fd = m, .events = POLLIN };

	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK(p.revents & POLLHUP);
	CHECK_ERR(read(m, buf, sizeof(buf)), EIO);
	close(m);
}

static void winsize_and_sigwinch(void)
{
	char name[64];
	int m = open_master(name, sizeof(name));

	if (!CHECK_SYS(m))
		return;
	pid_t pid = ut_fork();

	if (pid == 0) {
		int s = session_on(name);
		struct winsize ws = { .ws_row = 40, .ws_col = 132 }, got_ws;

		signal(SIGWINCH, note);
		CHECK_SYS(ioctl(s, TIOCSWINSZ, &ws));
		CHECK_EQ(got[SIGWINCH], 1);
		CHECK_SYS(ioctl(s, TIOCSWINSZ, &ws));   /* no change: no signal */
		CHECK_EQ(got[SIGWINCH], 1);
		CHECK_SYS(ioctl(s, TIOCGWINSZ, &got_ws));
		CHECK_EQ(got_ws.ws_row, 40);
		CHECK_EQ(got_ws.ws_col, 132);
		CHECK_ERR(ioctl(s, TIOCGWINSZ, (void *)1), EFAULT);
		CHECK_ERR(ioctl(s, TIOCSWINSZ, (void *)1), EFAULT);
		write(s, "r", 1);
		long deadline = ut_now_ms() + WAIT_MS;

		while (got[SIGWINCH] < 2 && ut_now_ms() < deadline)
			usleep(1000);
		CHECK_EQ(got[SIGWINCH], 2);             /* the master resized it */
		CHECK_SYS(ioctl(s, TIOCGWINSZ, &got_ws));
		CHECK_EQ(got_ws.ws_row, 50);
		ut_child_exit();
	}
	char c;
	struct winsize ws = { .ws_row = 50, .ws_col = 100 };

	CHECK_EQ(read_exact(m, &c, 1), 1);
	CHECK_SYS(ioctl(m, TIOCSWINSZ, &ws));
	CHECK_EXITED(pid, 0);
	close(m);
}

static void fionread_and_tcflush(void)
{
	char name[64];
	int m = open_master(name, sizeof(name)), s, n = -1;

	if (!CHECK_SYS(m) || !CHECK_SYS(s = open(name, O_RDWR | O_NOCTTY)))
		return;
	CHECK_ECHO(m, "ab\ncd", "ab\r\ncd");
	CHECK_SYS(ioctl(s, FIONREAD, &n));
	CHECK_EQ(n, 3);                                 /* the finished line only */
	CHECK_SYS(tcflush(s, TCIFLUSH));
	CHECK_SYS(ioctl(s, FIONREAD, &n));
	CHECK_EQ(n, 0);
	CHECK_ERR(tcflush(s, 7), EINVAL);
	CHECK_ERR(ioctl(s, FIONREAD, (void *)1), EFAULT);
	CHECK_ERR(ioctl(s, TCGETS, (void *)1), EFAULT);
	CHECK_ERR(ioctl(s, TCSETS, (void *)1), EFAULT);
	CHECK_ERR(ioctl(s, 0x54ff, 0), ENOTTY);         /* no such request */
	CHECK_SYS(tcdrain(s));
	close(s);
	close(m);
}

static void default_termios_is_linuxs(void)
{
	char name[64];
	int m = open_master(name, sizeof(name)), s;
	struct termios t;

	if (!CHECK_SYS(m) || !CHECK_SYS(s = open(name, O_RDWR | O_NOCTTY)))
		return;
	CHECK_SYS(tcgetattr(s, &t));
	CHECK_EQ(t.c_lflag & (ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN),
		 ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN);
	CHECK_EQ(t.c_iflag & ICRNL, ICRNL);
	CHECK_EQ(t.c_oflag & (OPOST | ONLCR), OPOST | ONLCR);
	CHECK_EQ(t.c_cc[VINTR], 3);
	CHECK_EQ(t.c_cc[VSUSP], 032);
	CHECK_EQ(t.c_cc[VERASE], 0177);
	CHECK_EQ(t.c_cc[VEOF], 4);
	CHECK_EQ(t.c_cc[VMIN], 1);
	close(s);
	close(m);
}

/* A pty pair made, used and closed: its node and buffers go with it. */
static void pty_cycle(void)
{
	char name[64], buf[8];
	int m = open_master(name, sizeof(name)), s;

	if (m < 0)
		return;
	s = open(name, O_RDWR | O_NOCTTY);
	if (s >= 0) {
		write(m, "x\n", 2);
		read(s, buf, sizeof(buf));
		close(s);
	}
	close(m);
}

static void pty_leaks_nothing(void)
{
	char name[64];
	int m = open_master(name, sizeof(name));

	if (!CHECK_SYS(m))              /* the cycle must do something */
		return;
	close(m);
	ut_check_no_leak(pty_cycle, 50, "pty pairs");
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(ptmx_makes_a_locked_slave);
	RUN(canonical_lines_and_echo);
	RUN(erase_kill_werase_edit_the_line);
	RUN(lnext_reprint_and_echonl);
	RUN(veof_ends_line_or_file);
	RUN(raw_mode_passes_escape_sequences);
	RUN(vmin_vtime_reads);
	RUN(input_cr_nl_translation);
	RUN(open_makes_controlling_terminal);
	RUN(o_noctty_and_non_leaders_get_no_terminal);
	RUN(tiocsctty_of_another_session_needs_steal);
	RUN(setsid_leaves_the_terminal_behind);
	RUN(ctrl_c_signals_the_foreground_group);
	RUN(ctrl_z_stops_job_and_fg_bg_work);
	RUN(background_read_with_sigttin_ignored_is_eio);
	RUN(background_write_tostop_and_tcsetattr_get_sigttou);
	RUN(tiocspgrp_rules);
	RUN(tiocnotty_gives_up_the_terminal);
	RUN(leader_exit_hangs_up_foreground);
	RUN(master_close_hangs_up_slave);
	RUN(slave_close_gives_master_eio_and_pollhup);
	RUN(winsize_and_sigwinch);
	RUN(fionread_and_tcflush);
	RUN(default_termios_is_linuxs);
	RUN(pty_leaks_nothing);
	return ut_done();
}
