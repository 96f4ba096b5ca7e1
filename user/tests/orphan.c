/*
 * orphan.c - a process whose parent dies is adopted, and reaped when it
 * exits, so no zombie is left behind.
 *
 * On keyhole the adopter is init (PID 1), which waits in a loop. On Linux
 * it is PID 1 of the namespace or the nearest "child subreaper" (systemd
 * --user, a container runtime ...), which may reap at its own pace. So the
 * checks hold on both: the orphan's getppid() changes away from its dead
 * parent (and not to us: we are not a subreaper), we cannot wait for it,
 * and once it exits it disappears (kill(pid, 0) fails with ESRCH; a
 * zombie would still answer) within 10 seconds.
 */
#include "utest.h"

static void orphan_is_adopted_and_reaped(void)
{
	int info[2], go[2];
	pid_t child, grandchild = 0, ppids[2] = { 0, 0 };
	char c;

	if (!CHECK_SYS(pipe(info)) || !CHECK_SYS(pipe(go)))
		return;
	child = fork();
	if (child == 0) {
		pid_t parent = getpid(), g = fork();

		if (g == 0) {
			pid_t first = getppid(), now;
			long deadline = ut_now_ms() + UT_REAP_TIMEOUT_MS;

			close(go[1]);
			read(go[0], &c, 1);	/* the parent has exited */
			while ((now = getppid()) == parent && ut_now_ms() < deadline)
				usleep(1000);
			pid_t both[2] = { first, now };

			write(info[1], both, sizeof(both));
			_exit(0);
		}
		write(info[1], &g, sizeof(g));
		_exit(0);
	}
	CHECK_EQ(read(info[0], &grandchild, sizeof(grandchild)), sizeof(grandchild));
	CHECK_EXITED(child, 0);
	write(go[1], "g", 1);	/* tell the orphan its parent is gone */
	CHECK_EQ(read(info[0], ppids, sizeof(ppids)), sizeof(ppids));
	/* It started as the child's, unless that one was quicker to exit. */
	CHECK(ppids[0] == child || ppids[0] == ppids[1]);
	CHECK_NE(ppids[1], child);	/* it was adopted ... */
	CHECK_NE(ppids[1], 0);
	CHECK_NE(ppids[1], getpid());	/* ... not by us */
	CHECK_ERR(waitpid(grandchild, NULL, WNOHANG), ECHILD);
	CHECKF(ut_reaped(grandchild), "orphan %d still exists %d ms after it exited (a zombie?)",
	       (int)grandchild, UT_REAP_TIMEOUT_MS);
}

/* A child that is already a zombie when its parent exits is reaped too. */
static void orphaned_zombie_is_reaped(void)
{
	int info[2];
	pid_t child, grandchild = 0;

	if (!CHECK_SYS(pipe(info)))
		return;
	child = fork();
	if (child == 0) {
		int done[2];
		char c;
		pid_t g;

		if (pipe(done) < 0)
			_exit(2);
		g = fork();
		if (g == 0)
			_exit(0);	/* holding done[1]: its close says we exit */
		close(done[1]);
		read(done[0], &c, 1);
		usleep(20 * 1000);	/* g is a zombie now; we do not reap it */
		write(info[1], &g, sizeof(g));
		_exit(0);
	}
	CHECK_EQ(read(info[0], &grandchild, sizeof(grandchild)), sizeof(grandchild));
	CHECK_EXITED(child, 0);
	CHECK_NE(grandchild, 0);
	CHECKF(ut_reaped(grandchild), "orphaned zombie %d still exists after %d ms",
	       (int)grandchild, UT_REAP_TIMEOUT_MS);
}

/* Twenty orphans at once, exiting while and after their parent dies. */
static void many_orphans_are_reaped(void)
{
	enum { N = 20 };
	pid_t child, kids[N];
	int info[2];

	if (!CHECK_SYS(pipe(info)))
		return;
	child = fork();
	if (child == 0) {
		for (int i = 0; i < N; i++) {
			kids[i] = fork();
			if (kids[i] == 0) {
				usleep((useconds_t)(i * 5000));
				_exit(0);
			}
		}
		write(info[1], kids, sizeof(kids));
		_exit(0);
	}
	CHECK_EQ(read(info[0], kids, sizeof(kids)), sizeof(kids));
	CHECK_EXITED(child, 0);
	for (int i = 0; i < N; i++)
		CHECKF(ut_reaped(kids[i]), "orphan %d of %d (pid %d) was not reaped", i, N,
		       (int)kids[i]);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(orphan_is_adopted_and_reaped);
	RUN(orphaned_zombie_is_reaped);
	RUN(many_orphans_are_reaped);
	return ut_done();
}
