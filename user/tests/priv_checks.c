/*
 * priv_checks.c - every privileged or permission-checked call, made by an
 * unprivileged user, is refused as Linux refuses it (and allowed where
 * Linux allows it). One case per row of the table in README.md
 * ("Privilege checks"); issue 9, item 10.
 *
 * The test runs as root and drops to uid 1000 or 65534 in forked helpers
 * (setgroups, setgid, setuid, then a check that the effective uid is not
 * 0, so nothing below runs as root by mistake). Files that must belong to
 * another user are created by a helper running as that user, in a
 * scratch directory of the case's own under /tmp (mode 0777), removed at
 * the end of the case.
 *
 * Two rows are made safe for the host: reboot(2) is only ever called by
 * an unprivileged helper, and only after a call with bad magic numbers
 * came back EPERM (a kernel that checked the numbers first would say
 * EINVAL and the power-off call is not made); and the rule that init
 * drops signals it has no handler for is tried on the init of a new PID
 * namespace, a helper of this test, where the kernel has PID namespaces
 * (Linux). keyhole has none (unshare(CLONE_NEWPID) is EINVAL there), so
 * there root's kill(1, SIGKILL) goes to the real init, which must live.
 */
#include "utest.h"

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define U1 1000
#define U2 65534
#define G_OTHER 2000

static char scratch[64];

/* scratch/name, in one of four buffers (a call may use several). */
static const char *P(const char *name)
{
	static char buf[4][128];
	static int next;
	char *b = buf[next++ % 4];

	snprintf(b, sizeof(buf[0]), "%s/%s", scratch, name);
	return b;
}

/* Drop root for good: uid, gid and (if extra) one supplementary group. */
static bool drop_to(uid_t uid, gid_t gid, gid_t extra)
{
	gid_t groups[1] = { extra };

	return CHECK_SYS(setgroups(extra ? 1 : 0, groups)) && CHECK_SYS(setgid(gid)) &&
	       CHECK_SYS(setuid(uid)) && CHECK_NE(geteuid(), 0) && CHECK_NE(getuid(), 0);
}

/* Run fn in a helper as uid/gid (+extra); the helper must pass its checks. */
#define AS_USER(uid, gid, extra, body)                                         \
	do {                                                                   \
		pid_t pid_ = ut_fork();                                        \
		if (pid_ == 0) {                                               \
			if (drop_to(uid, gid, extra)) {                        \
				body;                                          \
			}                                                      \
			ut_child_exit();                                       \
		}                                                              \
		CHECK_EXITED(pid_, 0);                                         \
	} while (0)

/* Create scratch/name as uid/gid with exactly mode, holding "data". */
static void create_as(uid_t uid, gid_t gid, const char *name, mode_t mode)
{
	AS_USER(uid, gid, 0, {
		int fd = open(P(name), O_CREAT | O_EXCL | O_WRONLY, 0600);
		if (CHECK_SYS(fd)) {
			CHECK_EQ(write(fd, "data", 4), 4);
			CHECK_SYS(fchmod(fd, mode));
			close(fd);
		}
	});
}

static void rm_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char sub[512];

	if (!d) {
		unlink(path);
		return;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		struct stat st;
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			rm_tree(sub);
		else
			unlink(sub);
	}
	closedir(d);
	rmdir(path);
}

/* The case's scratch directory, 0777 (any user may create there). */
static bool scratch_begin(void)
{
	snprintf(scratch, sizeof(scratch), "/tmp/priv-%d", (int)getpid());
	rm_tree(scratch);
	return CHECK_SYS(mkdir(scratch, 0777)) && CHECK_SYS(chmod(scratch, 0777));
}

static void scratch_end(void)
{
	rm_tree(scratch);
	CHECK_ERR(access(scratch, F_OK), ENOENT);
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* reboot(2) powered keyhole off for any user. Linux: EPERM without
 * CAP_SYS_BOOT, checked before the magic numbers. */
static void reboot_unprivileged_eperm(void)
{
	AS_USER(U2, U2, 0, {
		errno = 0;
		long r = syscall(SYS_reboot, 0x12345678, 0, 0x4321FEDC, NULL);
		if (CHECKF(r == -1 && errno == EPERM && geteuid() != 0,
			   "reboot with bad magic: %ld, errno %d (must be EPERM first)", r, errno)) {
			/* Only now, known to be refused: the real power-off call. */
			CHECK_ERR(syscall(SYS_reboot, 0xfee1dead, 672274793, 0x4321FEDC, NULL),
				  EPERM);
			CHECK_ERR(syscall(SYS_reboot, 0xfee1dead, 672274793, 0xCDEF0123, NULL),
				  EPERM);
		}
	});
}

static volatile sig_atomic_t usr1s;

static void on_usr1(int sig)
{
	(void)sig;
	usr1s++;
}

/* As root, signal pid 1 with what it has no handler for: it must live. */
static void signal_init_as_root(void)
{
	CHECK_EQ(geteuid(), 0);
	CHECK_SYS(kill(1, SIGKILL));            /* "succeeds": dropped */
	CHECK_SYS(kill(1, SIGTERM));
	CHECK_SYS(kill(1, SIGUSR2));
	usleep(50000);
	CHECK_SYS(kill(1, 0));                  /* still there */
}

/* root's kill(1, SIGKILL) killed init and panicked keyhole. Linux drops
 * every signal init has no handler for, SIGKILL too. */
static void kill_init_sigkill_ignored(void)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		if (unshare(CLONE_NEWPID) < 0) {
			/* keyhole: no PID namespaces; the real init. */
			CHECK_EQ(errno, EINVAL);
			signal_init_as_root();
			ut_child_exit();
		}
		pid_t init = fork();            /* pid 1 of the new namespace */
		if (init == 0) {
			struct sigaction sa = { .sa_handler = on_usr1 };
			sigaction(SIGUSR1, &sa, NULL);
			CHECK_EQ(getpid(), 1);
			pid_t killer = ut_fork();
			if (killer == 0) {
				signal_init_as_root();
				CHECK_SYS(kill(1, SIGUSR1));    /* handled: delivered */
				ut_child_exit();
			}
			CHECK_EXITED(killer, 0);
			CHECK_EQ(usr1s, 1);
			ut_child_exit();
		}
		int st = ut_wait(init);
		CHECKF(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		       "the namespace's init %s", ut_status_str(st));
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

/* kill(2): a user may signal its own processes only; SIGCONT may go to
 * any process of the caller's session; init is root's. */
static void kill_checks_credentials(void)
{
	pid_t victim = ut_fork();

	if (victim == 0) {
		if (drop_to(U1, U1, 0))
			pause();
		ut_child_exit();
	}
	usleep(20000);                          /* it has dropped to U1 */
	AS_USER(U2, U2, 0, {
		CHECK_ERR(kill(victim, SIGTERM), EPERM);
		CHECK_ERR(kill(victim, 0), EPERM);
		CHECK_SYS(kill(victim, SIGCONT));       /* the same session */
		CHECK_ERR(kill(1, SIGKILL), EPERM);
		CHECK_ERR(kill(1, 0), EPERM);
		CHECK_SYS(kill(getpid(), 0));
		CHECK_SYS(kill(-1, 0));         /* others exist: 0 even if all EPERM */
		CHECK_SYS(setsid());
		CHECK_ERR(kill(victim, SIGCONT), EPERM); /* not any more */
	});
	AS_USER(U1, U1, 0, { CHECK_SYS(kill(victim, 0)); });  /* its own user may */
	CHECK_SYS(kill(victim, SIGKILL));
	int st = ut_wait(victim);
	CHECK(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

/* open() checked no permissions at all. Linux: the owner's bits for the
 * owner, the group's for a member, else the others'; root passes. */
static void open_respects_mode_bits(void)
{
	if (!scratch_begin())
		return;
	create_as(U1, U1, "f600", 0600);
	create_as(U1, U1, "f640", 0640);
	create_as(U1, U1, "f604", 0604);
	create_as(U1, U1, "f046", 0046);
	create_as(U1, U1, "f000", 0000);
	AS_USER(U2, U2, 0, {
		CHECK_ERR(open(P("f600"), O_RDONLY), EACCES);
		CHECK_ERR(open(P("f600"), O_WRONLY), EACCES);
		CHECK_ERR(open(P("f640"), O_RDONLY), EACCES);
		int fd = open(P("f604"), O_RDONLY);
		CHECK_SYS(fd);
		close(fd);
		CHECK_ERR(open(P("f604"), O_RDWR), EACCES);
		CHECK_ERR(open(P("f604"), O_WRONLY | O_APPEND), EACCES);
		CHECK_ERR(open(P("f604"), O_RDONLY | O_TRUNC), EACCES);  /* O_TRUNC writes */
		fd = open(P("f046"), O_RDWR);           /* others' bits: rw */
		CHECK_SYS(fd);
		close(fd);
	});
	AS_USER(U2, U2, U1, {                   /* a member of group U1 */
		int fd = open(P("f640"), O_RDONLY);
		CHECK_SYS(fd);
		close(fd);
		CHECK_ERR(open(P("f640"), O_WRONLY), EACCES);
		CHECK_ERR(open(P("f046"), O_WRONLY), EACCES);   /* the group's bits: r */
	});
	AS_USER(U1, U1, 0, {                    /* the owner */
		int fd = open(P("f600"), O_RDWR);
		CHECK_SYS(fd);
		close(fd);
		CHECK_ERR(open(P("f046"), O_RDONLY), EACCES);   /* owner bits: none */
		CHECK_ERR(open(P("f000"), O_RDONLY), EACCES);
	});
	int fd = open(P("f000"), O_RDWR);       /* root: CAP_DAC_OVERRIDE */
	CHECK_SYS(fd);
	close(fd);
	CHECK_EQ(file_size(P("f604")), 4);
	scratch_end();
}

/* uid 1000 could truncate /bin/true. Linux: EACCES, the file unharmed. */
static void truncate_others_file_eacces(void)
{
	const char *prog = "/bin/true";
	long size = file_size(prog);

	if (!CHECK_GT(size, 0))
		return;
	AS_USER(U1, U1, 0, {
		CHECK_ERR(open(prog, O_WRONLY | O_TRUNC), EACCES);
		CHECK_ERR(open(prog, O_RDONLY | O_TRUNC), EACCES);
		CHECK_ERR(creat(prog, 0755), EACCES);
		CHECK_ERR(truncate(prog, 0), EACCES);
		CHECK_ERR(open(prog, O_RDWR), EACCES);
		int fd = open(prog, O_RDONLY);
		if (CHECK_SYS(fd)) {
			CHECK_ERR(ftruncate(fd, 0), EINVAL);    /* not open for writing */
			close(fd);
		}
	});
	CHECK_EQ(file_size(prog), size);
	if (!scratch_begin())
		return;
	create_as(U1, U1, "mine", 0644);
	AS_USER(U1, U1, 0, {
		CHECK_SYS(truncate(P("mine"), 2));
		CHECK_EQ(file_size(P("mine")), 2);
		CHECK_SYS(chmod(P("mine"), 0444));
		CHECK_ERR(truncate(P("mine"), 0), EACCES);      /* the mode, even the owner's */
		CHECK_ERR(truncate(scratch, 0), EISDIR);
		CHECK_ERR(truncate(P("mine"), -1), EINVAL);
	});
	scratch_end();
}

/* Creating a name needs write and search permission on the directory;
 * the new file is the creator's (or the directory's group if set-gid). */
static void create_needs_dir_write(void)
{
	struct stat st;

	if (!scratch_begin())
		return;
	CHECK_SYS(mkdir(P("ro"), 0755));        /* root's, not writable by others */
	CHECK_SYS(mkdir(P("sgid"), 0777));
	CHECK_SYS(chmod(P("sgid"), 02777));
	AS_USER(U2, U2, 0, {
		CHECK_ERR(creat(P("ro/x"), 0644), EACCES);
		CHECK_ERR(open(P("ro/x"), O_CREAT | O_RDWR, 0644), EACCES);
		CHECK_ERR(mkdir(P("ro/d"), 0755), EACCES);
		int fd = creat(P("ro444"), 0444);       /* created: writable anyway */
		if (CHECK_SYS(fd)) {
			CHECK_EQ(write(fd, "x", 1), 1);
			close(fd);
		}
		CHECK_ERR(open(P("ro444"), O_WRONLY), EACCES);  /* but not again */
		CHECK_SYS(stat(P("ro444"), &st));
		CHECK_EQ(st.st_uid, U2);
		CHECK_EQ(st.st_gid, U2);
		CHECK_SYS(mkdir(P("sgid/d"), 0755));
		CHECK_SYS(stat(P("sgid/d"), &st));
		CHECK_EQ(st.st_gid, 0);                 /* the directory's group */
		CHECK(st.st_mode & S_ISGID);            /* a directory inherits the bit */
		CHECK_SYS(close(creat(P("sgid/f"), 0644)));
		CHECK_SYS(stat(P("sgid/f"), &st));
		CHECK_EQ(st.st_gid, 0);
	});
	CHECK_ERR(access(P("ro/x"), F_OK), ENOENT);
	scratch_end();
}

/* unlink and rmdir need write and search permission on the directory; in
 * a sticky directory (/tmp) only the owner of the name or of the
 * directory may remove it (EPERM). */
static void unlink_respects_dir_and_sticky(void)
{
	if (!scratch_begin())
		return;
	CHECK_SYS(mkdir(P("ro"), 0755));
	CHECK_SYS(close(creat(P("ro/f"), 0666)));
	CHECK_SYS(mkdir(P("ro/d"), 0777));
	CHECK_SYS(mkdir(P("sticky"), 0777));
	CHECK_SYS(chmod(P("sticky"), 01777));
	create_as(U1, U1, "sticky/f1", 0666);
	create_as(U1, U1, "sticky/f1b", 0666);
	AS_USER(U1, U1, 0, { CHECK_SYS(mkdir(P("sticky/d1"), 0777)); });
	AS_USER(U2, U2, 0, {
		CHECK_ERR(unlink(P("ro/f")), EACCES);
		CHECK_ERR(rmdir(P("ro/d")), EACCES);
		CHECK_ERR(unlink(P("sticky/f1")), EPERM);       /* U1's, in a sticky dir */
		CHECK_ERR(rmdir(P("sticky/d1")), EPERM);
		CHECK_ERR(unlink(P("ro/none")), ENOENT);
	});
	AS_USER(U1, U1, 0, { CHECK_SYS(unlink(P("sticky/f1"))); });   /* the owner may */
	CHECK_SYS(unlink(P("sticky/f1b")));     /* root may */
	CHECK_SYS(access(P("ro/f"), F_OK));
	CHECK_SYS(access(P("sticky/d1"), F_OK));
	scratch_end();
}

/* Each directory on the way needs search (x) permission; chdir needs it
 * on the directory itself. */
static void search_permission_on_the_path(void)
{
	struct stat st;

	if (!scratch_begin())
		return;
	AS_USER(U1, U1, 0, {
		CHECK_SYS(mkdir(P("private"), 0700));
		CHECK_SYS(close(creat(P("private/f"), 0644)));
		CHECK_SYS(mkdir(P("noexec"), 0600));
		CHECK_ERR(chdir(P("noexec")), EACCES);  /* even the owner */
		CHECK_ERR(stat(P("noexec/x"), &st), EACCES);
	});
	AS_USER(U2, U2, 0, {
		CHECK_ERR(stat(P("private/f"), &st), EACCES);
		CHECK_ERR(open(P("private/f"), O_RDONLY), EACCES);
		CHECK_ERR(chdir(P("private")), EACCES);
		CHECK_ERR(open(P("private"), O_RDONLY | O_DIRECTORY), EACCES);
		CHECK_SYS(stat(P("private"), &st));     /* the name itself: fine */
	});
	scratch_end();
}

/* Copy file src to a new dst with mode (as the caller). */
static bool copy_file(const char *src, const char *dst, mode_t mode)
{
	static char buf[1 << 16];
	int in = open(src, O_RDONLY), out;
	ssize_t n;

	if (!CHECKF(in >= 0, "open %s: %s", src, strerror(errno)))
		return false;
	out = open(dst, O_CREAT | O_EXCL | O_WRONLY, 0600);
	if (!CHECK_SYS(out)) {
		close(in);
		return false;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		CHECK_EQ(write(out, buf, (size_t)n), n);
	close(in);
	CHECK_SYS(fchmod(out, mode));
	return CHECK_SYS(close(out)) && n == 0;
}

/* execve needs an x bit for the caller's class (root: any x bit), and
 * needs no read permission. */
static void exec_needs_execute_permission(void)
{
	if (!scratch_begin() || !copy_file("/bin/true", P("prog"), 0755))
		return;
	static const struct {
		mode_t mode;
		uid_t as;
		int want;               /* exit status: 0 ran, else 100 + errno */
	} rows[] = {
		{ 0700, U2, 100 + EACCES }, { 0711, U2, 0 },  /* x without r runs */
		{ 0744, U2, 100 + EACCES }, { 0644, 0, 100 + EACCES },
		{ 0010, 0, 0 },             /* root: any x bit will do */
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		CHECK_SYS(chmod(P("prog"), rows[i].mode));
		pid_t pid = fork();
		if (pid == 0) {
			char *argv[] = { "prog", NULL }, *envp[] = { NULL };
			if (rows[i].as && (setgroups(0, NULL) || setgid(rows[i].as) ||
					   setuid(rows[i].as)))
				_exit(99);
			execve(P("prog"), argv, envp);
			_exit(100 + errno);
		}
		int st = ut_wait(pid);
		CHECKF(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == rows[i].want,
		       "exec of a %04o file as uid %d: %s, want status %d", rows[i].mode,
		       rows[i].as, ut_status_str(st), rows[i].want);
	}
	AS_USER(U2, U2, 0, { CHECK_ERR(execve(scratch, (char *[]){ "d", NULL },
					      (char *[]){ NULL }), EACCES); });
	scratch_end();
}

/*
 * Run this program (copied to path) as user and group as (0: with the ids
 * the caller has) with "--ids" and the ids it must then have: real,
 * effective, saved user ids, then the same for groups.
 */
static void exec_expect_ids(const char *path, uid_t as, const char *ids)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = { (char *)path, "--ids", (char *)ids, NULL }, *envp[] = { NULL };

		if (as && (setgroups(0, NULL) || setgid(as) || setuid(as)))
			_exit(99);
		execve(path, argv, envp);
		_exit(100 + errno);
	}
	int st = ut_wait(pid);
	CHECKF(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "exec of %s as uid %d must give ids %s: %s", path, (int)as, ids, ut_status_str(st));
}

/* In the copy exec_expect_ids runs: are the ids those of argv[2]? */
static int check_ids(const char *want)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;
	char have[128];

	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	snprintf(have, sizeof(have), "%u %u %u %u %u %u", r, e, s, gr, ge, gs);
	if (strcmp(have, want) == 0)
		return 0;
	ut_print("    ids after exec: %s, want %s\n", have, want);
	return 1;
}

/* A set-user-ID (set-group-ID) program runs with its owner (group) as the
 * effective user (group), and the saved ids follow; keyhole ignored the
 * bits. */
static void exec_setuid_file_runs_as_owner(void)
{
	if (!scratch_begin() || !copy_file(ut_self_path(), P("src"), 0755))
		return;
	AS_USER(U1, U1, 0, {
		if (copy_file(P("src"), P("suid"), 0755) && copy_file(P("src"), P("sgid"), 0755)) {
			CHECK_SYS(chmod(P("suid"), 04755));
			CHECK_SYS(chmod(P("sgid"), 02755));
		}
	});
	exec_expect_ids(P("suid"), U2, "65534 1000 1000 65534 65534 65534");
	exec_expect_ids(P("sgid"), U2, "65534 65534 65534 65534 1000 1000");
	exec_expect_ids(P("suid"), 0, "0 1000 1000 0 0 0");
	exec_expect_ids(P("src"), U2, "65534 65534 65534 65534 65534 65534");
	scratch_end();
}

/* Every exec makes the saved ids the effective ones: a process that set
 * its effective id to 65534 but kept a saved 0 could setuid(0) again
 * after exec on keyhole. */
static void exec_resets_saved_ids(void)
{
	if (!scratch_begin() || !copy_file(ut_self_path(), P("prog"), 0755))
		return;
	pid_t pid = ut_fork();
	if (pid == 0) {
		if (CHECK_SYS(setresgid(U2, U2, 0)) && CHECK_SYS(setresuid(U2, U2, 0)))
			exec_expect_ids(P("prog"), 0, "65534 65534 65534 65534 65534 65534");
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	scratch_end();
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_mode & 07777 : (mode_t)-1;
}

/* A set-ID program written or truncated by someone without CAP_FSETID
 * loses the bits (set-group-ID only with group execute, or when the writer
 * is not in the file's group); root keeps them. */
static void write_clears_setid_bits(void)
{
	if (!scratch_begin())
		return;
	create_as(U1, U1, "w", 06777);
	create_as(U1, U1, "g", 02766);
	create_as(U1, U1, "gm", 02766);
	create_as(U1, U1, "t", 04777);
	create_as(U1, U1, "r", 06777);
	CHECK_EQ(mode_of(P("w")), 06777);
	AS_USER(U2, U2, 0, {
		int fd = open(P("w"), O_WRONLY);
		if (CHECK_SYS(fd)) {
			CHECK_EQ(write(fd, "x", 1), 1);
			close(fd);
		}
		fd = open(P("g"), O_WRONLY);
		if (CHECK_SYS(fd)) {
			CHECK_EQ(write(fd, "x", 1), 1);
			close(fd);
		}
		CHECK_SYS(truncate(P("t"), 1));
	});
	AS_USER(U2, U2, U1, {                   /* a member of the file's group */
		int fd = open(P("gm"), O_WRONLY);
		if (CHECK_SYS(fd)) {
			CHECK_EQ(write(fd, "x", 1), 1);
			close(fd);
		}
	});
	CHECK_EQ(mode_of(P("w")), 0777);
	CHECK_EQ(mode_of(P("g")), 0766);        /* not in the group */
	CHECK_EQ(mode_of(P("gm")), 02766);      /* in it, no group x: kept */
	CHECK_EQ(mode_of(P("t")), 0777);
	int fd = open(P("r"), O_WRONLY);        /* root: CAP_FSETID */
	if (CHECK_SYS(fd)) {
		CHECK_EQ(write(fd, "x", 1), 1);
		close(fd);
	}
	CHECK_EQ(mode_of(P("r")), 06777);
	scratch_end();
}

/* chmod: only the owner (or root); the set-group-ID bit goes when the
 * caller is not in the file's group. */
static void chmod_owner_only(void)
{
	struct stat st;

	if (!scratch_begin())
		return;
	create_as(U1, U1, "f", 0644);
	create_as(U1, G_OTHER, "g", 0644);
	AS_USER(U2, U2, 0, { CHECK_ERR(chmod(P("f"), 0666), EPERM); });
	AS_USER(U1, U1, 0, {
		CHECK_SYS(chmod(P("f"), 02755));
		CHECK_SYS(stat(P("f"), &st));
		CHECK_EQ(st.st_mode & 07777, 02755);    /* its group: kept */
		CHECK_SYS(chmod(P("g"), 02755));
		CHECK_SYS(stat(P("g"), &st));
		CHECK_EQ(st.st_mode & 07777, 0755);     /* not its group: dropped */
	});
	CHECK_SYS(chmod(P("g"), 02755));        /* root: CAP_FSETID */
	CHECK_SYS(stat(P("g"), &st));
	CHECK_EQ(st.st_mode & 07777, 02755);
	scratch_end();
}

/* access(2) checks with the real ids, not the effective ones. */
static void access_uses_real_ids(void)
{
	if (!scratch_begin())
		return;
	create_as(U1, U1, "f600", 0600);
	CHECK_SYS(chmod(P("f600"), 0600));
	CHECK_SYS(close(creat(P("rootx"), 0644)));
	pid_t pid = ut_fork();
	if (pid == 0) {
		/* Real uid 65534, effective still root. */
		if (CHECK_SYS(setresgid(U2, 0, 0)) && CHECK_SYS(setresuid(U2, 0, 0))) {
			int fd = open(P("f600"), O_RDONLY);
			CHECK_SYS(fd);                  /* the effective id opens */
			close(fd);
			CHECK_ERR(access(P("f600"), R_OK), EACCES);     /* the real one may not */
			CHECK_SYS(access(P("f600"), F_OK));
		}
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK_SYS(access(P("f600"), R_OK | W_OK));      /* root */
	CHECK_ERR(access(P("rootx"), X_OK), EACCES);    /* root: no x bit at all */
	AS_USER(U1, U1, 0, {
		CHECK_SYS(access(P("f600"), R_OK | W_OK));
		CHECK_ERR(access(P("f600"), X_OK), EACCES);
	});
	scratch_end();
}

/* The set*id calls and what needs CAP_SETUID/CAP_SETGID/CAP_SYS_ADMIN. */
static void setid_calls_unprivileged(void)
{
	AS_USER(U2, U2, 0, {
		gid_t g[1] = { 0 };
		CHECK_ERR(setuid(0), EPERM);
		CHECK_ERR(setgid(0), EPERM);
		CHECK_ERR(setresuid(-1, 0, -1), EPERM);
		CHECK_ERR(setreuid(0, -1), EPERM);
		CHECK_ERR(setresgid(-1, -1, 0), EPERM);
		CHECK_ERR(setgroups(1, g), EPERM);
		CHECK_ERR(unshare(CLONE_NEWIPC), EPERM);
		CHECK_SYS(setuid(U2));                  /* its own id: fine */
		CHECK_SYS(setresuid(-1, U2, -1));
	});
}

/* One of each refusal: the error paths must drop what they took. */
static void refused_cycle(void)
{
	struct stat st;

	if (open(P("f600"), O_RDONLY) != -1 || creat(P("ro/x"), 0644) != -1 ||
	    unlink(P("sticky/f1")) != -1 || unlink(P("ro/f")) != -1 ||
	    rmdir(P("ro/d")) != -1 || mkdir(P("ro/d2"), 0755) != -1 ||
	    truncate(P("f600"), 0) != -1 || chdir(P("private")) != -1 ||
	    stat(P("private/f"), &st) != -1 || chmod(P("f600"), 0777) != -1 ||
	    access(P("f600"), R_OK) != -1 ||
	    execve(P("f600"), (char *[]){ "x", NULL }, (char *[]){ NULL }) != -1)
		ut_fail(__FILE__, __LINE__, "a call that must be refused succeeded");
}

static void refused_calls_leak_nothing(void)
{
	if (!scratch_begin())
		return;
	create_as(U1, U1, "f600", 0600);
	CHECK_SYS(mkdir(P("ro"), 0755));
	CHECK_SYS(close(creat(P("ro/f"), 0666)));
	CHECK_SYS(mkdir(P("ro/d"), 0777));
	CHECK_SYS(mkdir(P("sticky"), 0777));
	CHECK_SYS(chmod(P("sticky"), 01777));
	create_as(U1, U1, "sticky/f1", 0666);
	AS_USER(U1, U1, 0, {
		CHECK_SYS(mkdir(P("private"), 0700));
		CHECK_SYS(close(creat(P("private/f"), 0644)));
	});
	AS_USER(U2, U2, 0, {
		ut_check_no_leak(refused_cycle, 200, "refused opens, creates, removals, execs");
	});
	scratch_end();
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--ids") == 0)
		return check_ids(argv[2]);      /* exec_expect_ids() ran us */
	ut_init(argc, argv);
	RUN(reboot_unprivileged_eperm);
	RUN(kill_init_sigkill_ignored);
	RUN(kill_checks_credentials);
	RUN(open_respects_mode_bits);
	RUN(truncate_others_file_eacces);
	RUN(create_needs_dir_write);
	RUN(unlink_respects_dir_and_sticky);
	RUN(search_permission_on_the_path);
	RUN(exec_needs_execute_permission);
	RUN(exec_setuid_file_runs_as_owner);
	RUN(exec_resets_saved_ids);
	RUN(write_clears_setid_bits);
	RUN(chmod_owner_only);
	RUN(access_uses_real_ids);
	RUN(setid_calls_unprivileged);
	RUN(refused_calls_leak_nothing);
	return ut_done();
}
