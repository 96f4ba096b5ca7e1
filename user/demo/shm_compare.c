/*
 * shm_compare.c - System V shared memory as a program sees it, printed so
 * that the output on keyhole and on Linux can be compared byte for byte:
 * errno values, IPC_STAT fields, what an unprivileged user may do, and
 * namespace isolation. It prints nothing that differs between two honest
 * kernels (no pids, no times, no addresses). Run it as root.
 *
 *	musl-gcc -static -o shm_compare user/demo/shm_compare.c
 *	./shm_compare > linux.out
 *	make run-prog PROG=./shm_compare > keyhole.out
 *	cmp linux.out keyhole.out
 *
 * `make test` does exactly that (the run-prog-shm-matches-linux check).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHOW(call) show(#call, (long)(call))

/* errno's name, for the errors these calls give. */
static const char *errname(int e)
{
	static const struct {
		int e;
		const char *name;
	} names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ENOMEM, "ENOMEM" },
		{ EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EEXIST, "EEXIST" },
		{ EINVAL, "EINVAL" }, { ENOSPC, "ENOSPC" }, { EIDRM, "EIDRM" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	return "another errno";
}

static void show(const char *what, long ret)
{
	if (ret == -1)
		printf("%-52s -> -1 %s\n", what, errname(errno));
	else
		printf("%-52s -> ok\n", what);
}

static void stat_line(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds) == -1) {
		printf("IPC_STAT -> -1 %s\n", errname(errno));
		return;
	}
	printf("IPC_STAT: key 0x%x segsz %zu nattch %lu mode %04o uid %u gid %u cuid %u cgid %u\n",
	       (unsigned)ds.shm_perm.__key, ds.shm_segsz, (unsigned long)ds.shm_nattch,
	       (unsigned)ds.shm_perm.mode, ds.shm_perm.uid, ds.shm_perm.gid, ds.shm_perm.cuid,
	       ds.shm_perm.cgid);
}

int main(void)
{
	key_t key = 0x5ee1234;          /* fixed: the output must not depend on the pid */
	struct shmid_ds ds;
	int id, st;

	setvbuf(stdout, NULL, _IONBF, 0);       /* children print too: no buffers to duplicate */
	shmctl(shmget(key, 1, 0), IPC_RMID, NULL);      /* a leftover from an interrupted run */

	SHOW(shmget(key, 0, IPC_CREAT | 0600));
	SHOW(shmget(key, 4096, 0600));
	id = shmget(key, 10000, IPC_CREAT | IPC_EXCL | 0640);
	SHOW(id);
	SHOW(shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600));
	SHOW(shmget(key, 20000, 0));
	SHOW(shmget(key, 5000, 0) == id ? 0 : -1);
	stat_line(id);

	char *p = shmat(id, NULL, 0);
	SHOW(p == (void *)-1 ? -1 : 0);
	SHOW(shmat(id, (void *)4097, 0) == (void *)-1 ? -1 : 0);
	SHOW(shmdt(p + 4096));
	stat_line(id);

	/* A child writes, the parent reads. */
	if (fork() == 0) {
		strcpy(p, "written by the child");
		_exit(0);
	}
	wait(&st);
	printf("parent reads: %s\n", p);

	/* An unprivileged user: reads allowed by 0640 only for the group. */
	if (fork() == 0) {
		setgid(65534);
		setuid(65534);
		SHOW(shmat(id, NULL, SHM_RDONLY) == (void *)-1 ? -1 : 0);
		SHOW(shmctl(id, IPC_STAT, &ds));
		SHOW(shmctl(id, IPC_RMID, NULL));
		_exit(0);
	}
	wait(&st);
	ds.shm_perm.uid = 65534;
	ds.shm_perm.gid = 65534;
	ds.shm_perm.mode = 0604;
	SHOW(shmctl(id, IPC_SET, &ds));
	stat_line(id);
	if (fork() == 0) {
		setgid(65534);
		setuid(65534);
		SHOW(shmat(id, NULL, SHM_RDONLY) == (void *)-1 ? -1 : 0);  /* the owner now */
		_exit(0);
	}
	wait(&st);

	/* A new IPC namespace sees none of this. */
	if (fork() == 0) {
		SHOW(unshare(CLONE_NEWIPC));
		SHOW(shmget(key, 4096, 0));
		SHOW(shmctl(id, IPC_STAT, &ds));
		int mine = shmget(key, 4096, IPC_CREAT | 0600);
		SHOW(mine);
		stat_line(mine);
		_exit(0);
	}
	wait(&st);

	/* Removed while attached: key gone, id alive until the last detach. */
	SHOW(shmctl(id, IPC_RMID, NULL));
	stat_line(id);
	SHOW(shmget(key, 4096, 0));
	SHOW(shmdt(p));
	SHOW(shmctl(id, IPC_STAT, &ds));
	SHOW(shmdt(p));
	return 0;
}
