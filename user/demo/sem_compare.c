/*
 * sem_compare.c - System V semaphores as a program sees them, printed so
 * that keyhole's output and Linux's can be compared byte for byte:
 * all-or-nothing semop, two sleepers woken by one +2 in order, GETNCNT,
 * a semtimedop timeout, SEM_UNDO at exit, EINTR from a signal and EIDRM
 * from removal. Nothing printed depends on pids or times.
 *
 *	musl-gcc -static -o sem_compare user/demo/sem_compare.c
 *	./sem_compare > linux.out
 *	make run-prog PROG=./sem_compare > keyhole.out
 *	cmp linux.out keyhole.out
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

static const char *errname(int e)
{
	switch (e) {
	case EAGAIN: return "EAGAIN";
	case EINTR: return "EINTR";
	case EIDRM: return "EIDRM";
	case EINVAL: return "EINVAL";
	case ERANGE: return "ERANGE";
	case EFBIG: return "EFBIG";
	default: return "another errno";
	}
}

/* Print a call's result: its value, or -1 and errno's name. */
static void result(const char *what, long r)
{
	if (r == -1)
		printf("%-40s -> -1 %s\n", what, errname(errno));
	else
		printf("%-40s -> %ld\n", what, r);
}

static void on_signal(int sig)
{
	(void)sig;
}

static void values(int id)
{
	printf("values %d %d %d\n", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL),
	       semctl(id, 2, GETVAL));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int id = semget(IPC_PRIVATE, 3, 0600);
	unsigned short init[3] = { 1, 0, 5 };
	long r;

	result("semctl SETALL", semctl(id, 0, SETALL, (union semun){ .array = init }));
	struct sembuf both[2] = { { 0, -1, 0 }, { 1, -1, IPC_NOWAIT } };
	r = semop(id, both, 2);
	result("semop {0,-1} {1,-1,NOWAIT}", r);
	values(id);                             /* all or nothing: unchanged */
	struct sembuf big = { 0, 32767, 0 };
	r = semop(id, &big, 1);
	result("semop {0,+32767}", r);
	struct sembuf far = { 5, 1, 0 };
	r = semop(id, &far, 1);
	result("semop {5,+1}", r);

	/* Two sleepers on semaphore 1, one +2: both go. Each reports through
	 * its exit status, reaped in order, so the output does not depend on
	 * which of the two the scheduler runs first. */
	pid_t sleepers[2];
	for (int i = 0; i < 2; i++) {
		sleepers[i] = fork();
		if (sleepers[i] == 0) {
			struct sembuf down = { 1, -1, 0 };
			usleep(20000 * (unsigned)i);
			_exit(semop(id, &down, 1) == 0 ? 0 : 1);
		}
	}
	while (semctl(id, 1, GETNCNT) < 2)
		usleep(1000);
	result("GETNCNT with two sleepers", semctl(id, 1, GETNCNT));
	struct sembuf plus2 = { 1, 2, 0 };
	semop(id, &plus2, 1);
	for (int i = 0; i < 2; i++) {
		int status = -1;
		waitpid(sleepers[i], &status, 0);
		printf("sleeper %d woke: semop %s\n", i,
		       WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "returned 0" : "failed");
	}
	values(id);

	struct timespec ts = { 0, 50000000 };
	struct sembuf zero = { 2, 0, 0 };
	r = semtimedop(id, &zero, 1, &ts);
	result("semtimedop wait-for-zero, 50 ms", r);

	/* SEM_UNDO: what a child took comes back when it exits. */
	if (fork() == 0) {
		struct sembuf take = { 2, -3, SEM_UNDO };
		semop(id, &take, 1);
		printf("child took 3 with SEM_UNDO: %d left\n", semctl(id, 2, GETVAL));
		_exit(0);
	}
	wait(NULL);
	result("after the child exited, GETVAL 2", semctl(id, 2, GETVAL));

	/* A signal ends a sleep with EINTR (never restarted). */
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART };
	sigaction(SIGUSR1, &sa, NULL);
	pid_t parent = getpid();
	if (fork() == 0) {
		usleep(100000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	struct sembuf much = { 1, -5, 0 };
	r = semop(id, &much, 1);
	result("semop {1,-5} interrupted by a signal", r);
	wait(NULL);

	/* Removal wakes a sleeper with EIDRM. */
	if (fork() == 0) {
		r = semop(id, &much, 1);
		result("semop {1,-5} when the set is removed", r);
		_exit(0);
	}
	while (semctl(id, 1, GETNCNT) < 1)
		usleep(1000);
	r = semctl(id, 0, IPC_RMID);
	wait(NULL);                             /* the child prints first */
	result("semctl IPC_RMID", r);
	result("GETVAL after removal", semctl(id, 0, GETVAL));
	return 0;
}
