/*
 * shm_ring.c - a producer and a consumer sharing a ring buffer in a
 * System V shared memory segment.
 *
 *	shm_ring [messages]		(20 by default)
 *
 * The parent makes a segment with shmget(), attaches it with shmat() and
 * forks: the child inherits the attach, at the same address, and both now
 * see the same bytes. The parent produces messages into the ring, the
 * child consumes them. At each step the program prints the segment as
 * `ipcs -m` would (key, shmid, owner, perms, bytes, nattch, status).
 *
 * The ring: `head` counts the messages put in, `tail` those taken out; the
 * slot of message n is n % SLOTS. It is empty when head == tail and full
 * when head - tail == SLOTS. Only the producer writes head, only the
 * consumer writes tail, so one of each needs no lock. The release store
 * of head (after writing the slot) and the acquire load of it (before
 * reading the slot) make sure the consumer never sees the new head before
 * the message itself; the same holds for tail the other way.
 *
 * There are no semaphores yet (they come next): a side that must wait
 * spins on the other's index and calls sched_yield() to let it run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define SLOTS 8

struct ring {
	unsigned head;			/* written by the producer only */
	unsigned tail;			/* written by the consumer only */
	struct {
		int seq;
		char text[44];
	} slot[SLOTS];
};

/* What just happened, then the segment as one line of `ipcs -m`. */
static void show(int id, const char *when)
{
	struct shmid_ds ds;

	printf("# %s\n", when);
	if (shmctl(id, IPC_STAT, &ds) < 0) {
		printf("(shmctl(%d, IPC_STAT): %s)\n", id, strerror(errno));
		return;
	}
	printf("0x%08x %-10d %-10u %-10o %-10zu ", (unsigned)ds.shm_perm.__key, id,
	       ds.shm_perm.uid, ds.shm_perm.mode & 0777, ds.shm_segsz);
	if (ds.shm_perm.mode & SHM_DEST)	/* marked for removal */
		printf("%-10lu dest\n", ds.shm_nattch);
	else
		printf("%lu\n", ds.shm_nattch);
}

static void consume(struct ring *r, int count)
{
	unsigned waits = 0;

	printf("consumer %d: the ring is at %p here too\n", getpid(), (void *)r);
	for (int n = 0; n < count; n++) {
		unsigned tail = r->tail;

		while (__atomic_load_n(&r->head, __ATOMIC_ACQUIRE) == tail) {
			waits++;		/* empty: let the producer run */
			sched_yield();
		}
		if (r->slot[tail % SLOTS].seq != n) {
			printf("consumer: expected message %d, got %d\n", n, r->slot[tail % SLOTS].seq);
			exit(1);
		}
		printf("consumer: slot %u: \"%s\"\n", tail % SLOTS, r->slot[tail % SLOTS].text);
		__atomic_store_n(&r->tail, tail + 1, __ATOMIC_RELEASE);
	}
	printf("consumer: all %d messages, in order; waited %u times for one\n", count, waits);
	shmdt(r);
	exit(0);
}

static void produce(struct ring *r, int count)
{
	unsigned waits = 0;

	for (int n = 0; n < count; n++) {
		unsigned head = r->head;

		while (head - __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) == SLOTS) {
			waits++;		/* full: let the consumer run */
			sched_yield();
		}
		r->slot[head % SLOTS].seq = n;
		snprintf(r->slot[head % SLOTS].text, sizeof(r->slot[0].text),
			 "message %d from producer %d", n, getpid());
		__atomic_store_n(&r->head, head + 1, __ATOMIC_RELEASE);
	}
	printf("producer: put %d messages; waited %u times for a free slot\n", count, waits);
}

int main(int argc, char **argv)
{
	int count = argc > 1 ? atoi(argv[1]) : 20, status;
	key_t key = (key_t)(0x52490000 | (getpid() & 0xffff));	/* "RI" and our pid */

	setvbuf(stdout, NULL, _IOLBF, 0);	/* whole lines, even into a pipe */
	int id = shmget(key, sizeof(struct ring), IPC_CREAT | IPC_EXCL | 0600);
	if (id < 0) {
		perror("shmget");
		return 1;
	}
	printf("shm_ring: key 0x%08x is segment id %d, %d slots, %d messages\n\n",
	       (unsigned)key, id, SLOTS, count);
	printf("key        shmid      owner      perms      bytes      nattch     status\n");
	show(id, "shmget: made, zero-filled, not attached");

	struct ring *r = shmat(id, NULL, 0);
	if (r == (void *)-1) {
		perror("shmat");
		shmctl(id, IPC_RMID, NULL);
		return 1;
	}
	show(id, "shmat: attached by the producer");

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		consume(r, count);
	show(id, "fork: the consumer inherited the attach");
	printf("producer %d: the ring is at %p\n", getpid(), (void *)r);
	produce(r, count);
	waitpid(pid, &status, 0);
	show(id, "the consumer exited, which detached it");

	shmctl(id, IPC_RMID, NULL);
	show(id, "IPC_RMID: marked, key now private, still attached");
	shmdt(r);
	show(id, "shmdt: the last detach destroyed it");
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
