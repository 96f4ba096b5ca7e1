/*
 * ipc_sleepers.c - put processes to sleep in every place a System V
 * semaphore set or message queue can hold them, then stop so they can be
 * looked at (with `ipcs`-like output here, and with kh-sems / kh-msgs in
 * gdb).
 *
 *	ipc_sleepers
 *
 * One semaphore set of two semaphores, sem 0 = 0 and sem 1 = 1, and three
 * children that cannot proceed:
 *
 *	child A: semop {sem 0, -1}              one operation on one semaphore:
 *	                                        it waits on sem 0's pending_alter
 *	child B: semop {sem 1, 0}               wait-for-zero on one semaphore:
 *	                                        sem 1's pending_const
 *	child C: semop {sem 0, -1}, {sem 1, -1} two operations (a "complex"
 *	                                        operation): the set's pending_alter
 *
 * C's arrival moves A: while a complex operation sleeps, every sleeper
 * that changes values waits on the set's pending_alter, in the order they
 * came, so that none overtakes another (merge_queues in ipc/sem.c). So at
 * the end the set's pending_alter holds A, then C; sem 0's own queue is
 * empty; B stays on sem 1's pending_const. (Linux does the same.)
 *
 * The parent itself raised sem 1 from 0 to 1 with SEM_UNDO, so the set
 * also holds its undo record (struct sem_undo on the set's list_id):
 * semadj -1 for sem 1, what its exit would give back.
 *
 * One message queue holding two messages (type 5 of 6 bytes, type 7 of 100
 * bytes) and shrunk with IPC_SET to exactly the bytes it holds, and two
 * children that cannot proceed:
 *
 *	child D: msgrcv type 9                  no such message: q_receivers
 *	child E: msgsnd 10 bytes                the queue is full: q_senders
 *
 * The parent waits until each child is asleep (its /proc/PID/stat state is
 * S), prints the counts the kernel gives out (GETNCNT, GETZCNT, msg_qnum),
 * and then calls semctl(IPC_RMID). freeary(), which removes the set, is a
 * good place for a breakpoint: every sleeper is still there.
 *
 *	(gdb) hbreak freeary
 *	(gdb) continue
 *	(gdb) kh-sems
 *	(gdb) kh-msgs
 *
 * Removing the set and the queue wakes every sleeper with EIDRM; each child
 * reports it and exits, and the parent reaps them in order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

struct message {
	long mtype;
	char mtext[100];
};

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* The state letter of /proc/PID/stat: R running, S sleeping, ... */
static char state_of(pid_t pid)
{
	char path[64], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return '?';
	if (!fgets(line, sizeof(line), f))
		line[0] = 0;
	fclose(f);
	/* "pid (comm) S ...": the state follows the last ')'. */
	char *p = strrchr(line, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

static void wait_until_asleep(pid_t pid)
{
	while (state_of(pid) != 'S')
		usleep(1000);
}

/* Fork a child that runs `sleeper` and exits with what it returns. */
static pid_t spawn(const char *name, int (*sleeper)(int), int id)
{
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0)
		exit(sleeper(id));
	wait_until_asleep(pid);
	printf("child %s (pid %d) is asleep\n", name, (int)pid);
	return pid;
}

/* Reap a child: did it end as report() says it should (exit status 0)? */
static int reaped_ok(pid_t pid)
{
	int status;

	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int report(const char *call, long ret)
{
	if (ret < 0)
		printf("  %s: %s\n", call, strerror(errno));
	else
		printf("  %s: returned %ld\n", call, ret);
	fflush(stdout);
	return ret < 0 && errno == EIDRM ? 0 : 1;
}

static int child_a(int semid)
{
	struct sembuf op = { 0, -1, 0 };

	return report("child A semop {0,-1}", semop(semid, &op, 1));
}

static int child_b(int semid)
{
	struct sembuf op = { 1, 0, 0 };

	return report("child B semop {1,0}", semop(semid, &op, 1));
}

static int child_c(int semid)
{
	struct sembuf ops[2] = { { 0, -1, 0 }, { 1, -1, 0 } };

	return report("child C semop {0,-1} {1,-1}", semop(semid, ops, 2));
}

static int child_d(int msqid)
{
	struct message m;

	return report("child D msgrcv type 9", msgrcv(msqid, &m, sizeof(m.mtext), 9, 0));
}

static int child_e(int msqid)
{
	struct message m = { .mtype = 3 };

	return report("child E msgsnd 10 bytes", msgsnd(msqid, &m, 10, 0));
}

int main(void)
{
	struct msqid_ds ds;
	struct message m;
	pid_t pids[5];
	int semid, msqid, bad = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	semid = semget(IPC_PRIVATE, 2, 0600);
	if (semid < 0)
		die("semget");
	/* sem 1 = 1, raised with SEM_UNDO: our undo record now holds -1 for
	 * sem 1, which the kernel would apply if we died. */
	struct sembuf up = { 1, +1, SEM_UNDO };
	if (semop(semid, &up, 1) < 0)
		die("semop SEM_UNDO");
	msqid = msgget(IPC_PRIVATE, 0600);
	if (msqid < 0)
		die("msgget");
	memset(&m, 'x', sizeof(m));
	m.mtype = 5;
	if (msgsnd(msqid, &m, 6, 0) < 0)
		die("msgsnd");
	m.mtype = 7;
	if (msgsnd(msqid, &m, 100, 0) < 0)
		die("msgsnd");
	if (msgctl(msqid, IPC_STAT, &ds) < 0)
		die("msgctl IPC_STAT");
	ds.msg_qbytes = ds.__msg_cbytes;        /* full: the next send waits */
	if (msgctl(msqid, IPC_SET, &ds) < 0)
		die("msgctl IPC_SET");
	printf("semaphore set: sem 0 = 0, sem 1 = 1; queue: types 5 and 7, full\n");

	pids[0] = spawn("A", child_a, semid);
	pids[1] = spawn("B", child_b, semid);
	pids[2] = spawn("C", child_c, semid);
	pids[3] = spawn("D", child_d, msqid);
	pids[4] = spawn("E", child_e, msqid);

	printf("GETNCNT sem 0 = %d, GETZCNT sem 1 = %d\n",
	       semctl(semid, 0, GETNCNT), semctl(semid, 1, GETZCNT));
	if (msgctl(msqid, IPC_STAT, &ds) < 0)
		die("msgctl IPC_STAT");
	printf("queue: %lu message(s), %lu of %lu bytes\n", (unsigned long)ds.msg_qnum,
	       (unsigned long)ds.__msg_cbytes, (unsigned long)ds.msg_qbytes);

	printf("removing the set and the queue\n");
	if (semctl(semid, 0, IPC_RMID) < 0)
		die("semctl IPC_RMID");
	for (int i = 0; i < 3; i++)
		bad |= !reaped_ok(pids[i]);
	if (msgctl(msqid, IPC_RMID, NULL) < 0)
		die("msgctl IPC_RMID");
	for (int i = 3; i < 5; i++)
		bad |= !reaped_ok(pids[i]);
	printf(bad ? "a child did not end with EIDRM\n" : "every sleeper woke with EIDRM\n");
	return bad;
}
