/*
 * shm_ns.c - IPC namespaces and the segments in them: an attach outlives
 * its namespace's last task (the namespace lives on until the detach, as
 * in Linux), and namespaces do not see each other's segments.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* In a child: make a namespace, a segment in it, attach and write; then
 * leave that namespace for a new one. The old namespace has no task left,
 * but the attach still works; detaching ends it. */
static int attach_outlives_namespace(void)
{
	if (unshare(CLONE_NEWIPC) != 0)
		return 10;
	int id = shmget(IPC_PRIVATE, 3 * 4096, 0600);
	if (id < 0)
		return 11;
	char *p = shmat(id, NULL, 0);
	if (p == (void *)-1)
		return 12;
	strcpy(p + 4096, "still here");
	if (unshare(CLONE_NEWIPC) != 0)         /* the first namespace's last task goes */
		return 13;
	if (strcmp(p + 4096, "still here") != 0)
		return 14;
	strcpy(p + 8192, "and writable");
	if (strcmp(p + 8192, "and writable") != 0)
		return 15;
	struct shmid_ds ds;
	if (shmctl(id, IPC_STAT, &ds) != -1 || errno != EINVAL)
		return 16;                      /* the id meant something in the old one only */
	if (shmdt(p) != 0)
		return 17;
	return 0;
}

static void attach_outlives_its_namespace(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(attach_outlives_namespace());
	CHECK_EXITED(pid, 0);
}

/* Sibling namespaces: the same key names different segments. */
static void same_key_in_two_namespaces(void)
{
	key_t key = 0x5a5a0000 + (getpid() & 0xffff);
	int p[2];

	if (!CHECK_SYS(pipe(p)))
		return;
	for (int i = 0; i < 2; i++) {
		if (fork() == 0) {
			if (unshare(CLONE_NEWIPC) != 0)
				_exit(20);
			int id = shmget(key, 4096 * (i + 1), IPC_CREAT | IPC_EXCL | 0600);
			struct shmid_ds ds;
			if (id < 0 || shmctl(id, IPC_STAT, &ds) != 0)
				_exit(21);
			_exit(ds.shm_segsz == 4096u * (unsigned)(i + 1) ? 0 : 22);
		}
		int st;
		wait(&st);
		CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child %d: %s", i, ut_status_str(st));
	}
	/* And none of it leaked into ours. */
	CHECK_ERR(shmget(key, 4096, 0), ENOENT);
	close(p[0]);
	close(p[1]);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(attach_outlives_its_namespace);
	RUN(same_key_in_two_namespaces);
	return ut_done();
}
