/*
 * philosophers.c - the dining philosophers on one System V semaphore set.
 *
 *	philosophers [meals]		(2 meals each by default, at most 9)
 *
 * Five philosophers sit at a round table, a fork between each two of them.
 * Philosopher i eats with fork i (on the left) and fork (i + 1) % 5 (on the
 * right). The classic trap: if each takes the left fork and then waits for
 * the right one, all five can end up holding one fork each, waiting for
 * ever (a deadlock).
 *
 * System V semaphores avoid it without any cleverness: one semop() call can
 * hold several operations, and the kernel applies all of them or none, so
 * a philosopher takes both forks at once,
 *
 *	struct sembuf take[2] = { { left, -1, SEM_UNDO }, { right, -1, SEM_UNDO } };
 *	semop(id, take, 2);
 *
 * and sleeps, holding nothing, while either fork is in use; the kernel
 * wakes it when both are free. SEM_UNDO makes the kernel remember what each
 * process took: if a philosopher dies holding forks, they go back on the
 * table (the end of the demo kills one to show it).
 *
 * The set: semaphores 0..4 are the forks (1: on the table, 0: in use);
 * semaphores 5..9 are cues, one per philosopher, on which it waits for the
 * host (this program's first process) to tell it what to do next, so that
 * the story comes out the same every time:
 *
 *	philosopher i, forever:
 *		wait for a cue      {5 + i, -1}      "you are hungry"
 *		take both forks     {i, -1}, {(i + 1) % 5, -1}
 *		wait for a cue      {5 + i, -1}      "you have eaten enough"
 *		put both forks down {i, +1}, {(i + 1) % 5, +1}
 *
 * The host gives one cue at a time (semop {5 + i, +1}) and then waits until
 * every philosopher is asleep again, either on its cue or on the forks. It
 * sees that with semctl(GETNCNT), which counts the processes waiting for a
 * semaphore to grow: the sum over the ten semaphores reaches the number of
 * philosophers once all of them sleep. A hungry philosopher that is asleep
 * on its cue got its forks (it is eating); one that is counted on a fork
 * waits. Only the host prints, so the output is the same on every run (and
 * on Linux and keyhole).
 *
 * The host hands out cues in rounds: every philosopher who is thinking and
 * has meals left gets hungry, in order 0..4; then the one who has been
 * eating longest puts its forks down. At the end IPC_RMID removes the set:
 * every philosopher asleep on it wakes with EIDRM and leaves.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 5			/* philosophers, and forks */
#define FORK(i) (i)		/* fork i, the left one of philosopher i */
#define CUE(i) (N + (i))	/* philosopher i's cue */
#define LEFT(i) FORK(i)
#define RIGHT(i) FORK(((i) + 1) % N)

/* glibc and musl leave union semun to the program. */
union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

enum state { THINKING, HUNGRY, EATING, GONE };

static int id;			/* the semaphore set */
static pid_t pids[N];
static enum state state[N];
static int meals[N];
static int eaten_since[N];	/* the step at which it started eating */
static int step;
static int alive = N;

static void die(const char *what)
{
	fprintf(stderr, "philosophers: %s: %s\n", what, strerror(errno));
	semctl(id, 0, IPC_RMID);	/* the philosophers leave with EIDRM */
	exit(1);
}

/* What a philosopher does, in its own process, until the set is removed. */
static void philosopher(int i)
{
	struct sembuf cue = { CUE(i), -1, 0 };
	struct sembuf take[2] = { { LEFT(i), -1, SEM_UNDO }, { RIGHT(i), -1, SEM_UNDO } };
	struct sembuf put[2] = { { LEFT(i), 1, SEM_UNDO }, { RIGHT(i), 1, SEM_UNDO } };

	for (;;) {
		if (semop(id, &cue, 1) < 0 || semop(id, take, 2) < 0 ||
		    semop(id, &cue, 1) < 0 || semop(id, put, 2) < 0)
			break;
	}
	_exit(errno == EIDRM ? 0 : 1);	/* the set was removed: dinner is over */
}

/*
 * Wait until every philosopher is asleep: on its cue, or on a fork. The ten
 * GETNCNTs are read one by one, and a philosopher moving from a fork to its
 * cue while they are read could be counted twice (and another, not yet
 * back, not at all): the counts must also come out the same twice running.
 */
static void settle(void)
{
	int last[2 * N] = { -1 };

	for (int tries = 0; tries < 10000; tries++) {
		int now[2 * N], asleep = 0;

		for (int s = 0; s < 2 * N; s++)
			asleep += now[s] = semctl(id, s, GETNCNT);
		if (asleep == alive && memcmp(now, last, sizeof(now)) == 0)
			return;
		memcpy(last, now, sizeof(now));
		usleep(1000);
	}
	errno = ETIMEDOUT;
	die("the philosophers do not settle down");
}

/* The table: the forks' values (GETALL), who eats, who waits. */
static void show_table(void)
{
	unsigned short v[2 * N];

	if (semctl(id, 0, GETALL, (union semun){ .array = v }) < 0)
		die("GETALL");
	printf("        forks on the table:");
	for (int f = 0; f < N; f++)
		printf(" %d", v[f]);
	printf("   eating:");
	for (int i = 0; i < N; i++)
		if (state[i] == EATING)
			printf(" P%d", i);
	printf("   waiting:");
	for (int i = 0; i < N; i++)
		if (state[i] == HUNGRY)
			printf(" P%d", i);
	printf("\n");
}

/* The philosopher who eats with fork f, or -1. */
static int holder(int f)
{
	for (int i = 0; i < N; i++)
		if (state[i] == EATING && (LEFT(i) == f || RIGHT(i) == f))
			return i;
	return -1;
}

/* After a settle: the hungry philosophers now asleep on their cue got forks. */
static void report_new_eaters(void)
{
	for (int i = 0; i < N; i++)
		if (state[i] == HUNGRY && semctl(id, CUE(i), GETNCNT) == 1) {
			state[i] = EATING;
			meals[i]++;
			eaten_since[i] = step;
			printf("        P%d takes forks %d and %d and eats (meal %d)\n", i, LEFT(i),
			       RIGHT(i), meals[i]);
		}
}

static void cue(int i)
{
	struct sembuf go = { CUE(i), 1, 0 };

	if (semop(id, &go, 1) < 0)
		die("semop (a cue)");
}

static void get_hungry(int i)
{
	printf("step %2d: P%d is hungry\n", ++step, i);
	state[i] = HUNGRY;
	cue(i);
	settle();
	report_new_eaters();
	if (state[i] == HUNGRY) {
		int busy = holder(LEFT(i)) >= 0 ? LEFT(i) : RIGHT(i);

		printf("        P%d sleeps in semop: fork %d is with P%d (GETNCNT of fork %d: %d)\n",
		       i, busy, holder(busy), busy, semctl(id, FORK(busy), GETNCNT));
	}
	show_table();
}

static void stop_eating(int i)
{
	printf("step %2d: P%d puts forks %d and %d down and thinks\n", ++step, i, LEFT(i),
	       RIGHT(i));
	state[i] = THINKING;
	cue(i);
	settle();
	report_new_eaters();	/* the kernel woke whoever could now take both */
	show_table();
}

/* The philosopher who has been eating longest, or -1. */
static int longest_eater(void)
{
	int who = -1;

	for (int i = 0; i < N; i++)
		if (state[i] == EATING && (who < 0 || eaten_since[i] < eaten_since[who]))
			who = i;
	return who;
}

static void dinner(int rounds)
{
	for (;;) {
		int hungry_left = 0;

		for (int i = 0; i < N; i++)
			if (state[i] == THINKING && meals[i] < rounds)
				get_hungry(i);
		for (int i = 0; i < N; i++)
			hungry_left += state[i] == HUNGRY || state[i] == EATING;
		if (!hungry_left)
			return;
		int who = longest_eater();
		if (who < 0) {
			errno = EDEADLK;	/* cannot happen: someone can always eat */
			die("everybody waits");
		}
		stop_eating(who);
	}
}

/* The end: a philosopher dies while eating; SEM_UNDO puts its forks back. */
static void sem_undo_scene(void)
{
	int status;

	printf("\nOne more dish. P2 starts on it, and P1 and P3 would like some too.\n");
	get_hungry(2);
	get_hungry(1);
	get_hungry(3);
	printf("step %2d: P2 is killed (SIGKILL) while it eats, holding forks 2 and 3\n", ++step);
	kill(pids[2], SIGKILL);
	waitpid(pids[2], &status, 0);
	state[2] = GONE;
	alive--;
	printf("        the kernel undoes P2's SEM_UNDO operations: forks 2 and 3 are back\n");
	settle();
	report_new_eaters();
	show_table();
	stop_eating(1);
	stop_eating(3);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 2, failed = 0;

	if (rounds < 1 || rounds > 9) {
		fprintf(stderr, "usage: philosophers [meals, 1 to 9]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);	/* whole lines, even into a pipe */
	id = semget(IPC_PRIVATE, 2 * N, 0600);
	if (id < 0)
		die("semget");
	unsigned short start[2 * N] = { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 };
	if (semctl(id, 0, SETALL, (union semun){ .array = start }) < 0)
		die("SETALL");
	printf("Five philosophers, five forks, %d meals each. One semaphore set of ten:\n"
	       "forks 0..4 (1 = on the table), and a cue for each philosopher (5..9).\n"
	       "Philosopher Pi takes fork i and fork (i + 1) %% 5 in one semop:\n"
	       "    { i, -1, SEM_UNDO }, { (i + 1) %% 5, -1, SEM_UNDO }\n\n",
	       rounds);
	fflush(stdout);
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork");
		if (pids[i] == 0)
			philosopher(i);
	}
	settle();
	show_table();
	dinner(rounds);
	printf("\nEveryone has had %d meals.\n", rounds);
	sem_undo_scene();

	printf("\nIPC_RMID: the set is removed; each philosopher's semop fails with EIDRM,\n"
	       "and it leaves the table.\n");
	if (semctl(id, 0, IPC_RMID) < 0)
		die("IPC_RMID");
	for (int i = 0; i < N; i++) {
		int status;

		if (state[i] == GONE)
			continue;
		if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			printf("P%d did not leave as it should\n", i);
			failed = 1;
		}
	}
	printf("meals:");
	for (int i = 0; i < N; i++)
		printf(" P%d %d", i, meals[i]);
	printf("\n");
	return failed;
}
