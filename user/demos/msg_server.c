/*
 * msg_server.c - a server and its clients talking over one System V
 * message queue, with the message type as the address.
 *
 *	msg_server [clients] [requests]		(3 clients, 2 requests each)
 *
 * One queue carries the traffic both ways. A message's mtype says whom it
 * is for:
 *
 *	mtype 1            a request, for the server
 *	mtype = a pid      a reply, for the client with that pid
 *
 * The server receives with msgtyp 1: msgrcv() skips every reply waiting
 * in the queue and takes the oldest request. A client receives with
 * msgtyp = its own pid: it gets its own reply and nobody else's, even
 * while other clients' replies sit in the queue ahead of it. A request
 * carries the client's pid, so the server knows where to answer. (No
 * client can have pid 1: that is init, so the server's address is free.)
 *
 * The parent is the server; it forks the clients, answers every request
 * ("a + b" -> the sum), waits for the clients, shows the queue as
 * `ipcs -q` would, and removes it. alarm() bounds the run: if something
 * hangs (the server in msgrcv, or a client that never gets its reply),
 * SIGALRM interrupts the server after 10 seconds and it removes the
 * queue, which wakes every sleeper with EIDRM, and everybody exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

#define SERVER 1L		/* the server's address */
#define TIME_LIMIT 10		/* seconds */

struct request {
	long mtype;		/* SERVER */
	struct {
		pid_t from;	/* the reply goes to mtype = from */
		int n;		/* the client's request number */
		int a, b;
	} body;
};

struct reply {
	long mtype;		/* the client's pid */
	struct {
		int sum;
		int served;	/* requests the server answered before this one */
	} body;
};

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

/* The queue as one line of `ipcs -q`, after saying what just happened. */
static void show(int id, const char *when)
{
	struct msqid_ds ds;

	printf("# %s\n", when);
	if (msgctl(id, IPC_STAT, &ds) < 0) {
		printf("(msgctl(%d, IPC_STAT): %s)\n", id, strerror(errno));
		return;
	}
	printf("msqid %d: perms %o, %lu messages, %lu bytes (of %lu), last send by %d, "
	       "last receive by %d\n",
	       id, ds.msg_perm.mode & 0777, (unsigned long)ds.msg_qnum,
	       (unsigned long)ds.msg_cbytes, (unsigned long)ds.msg_qbytes, ds.msg_lspid,
	       ds.msg_lrpid);
}

static void client(int id, int number, int requests)
{
	pid_t me = getpid();

	for (int n = 0; n < requests; n++) {
		struct request rq = { SERVER, { me, n, 10 * number + n, 100 * (n + 1) } };
		struct reply rp;

		printf("client %d (pid %d): request %d: %d + %d, sent as type %ld\n", number, me, n,
		       rq.body.a, rq.body.b, rq.mtype);
		if (msgsnd(id, &rq, sizeof(rq.body), 0) < 0) {
			printf("client %d: msgsnd: %s\n", number, strerror(errno));
			exit(1);
		}
		/* Only a message of type me can come back here. */
		if (msgrcv(id, &rp, sizeof(rp.body), me, 0) < 0) {
			printf("client %d: msgrcv: %s\n", number, strerror(errno));
			exit(1);
		}
		printf("client %d (pid %d): reply of type %ld: %d + %d = %d (%d served before)\n",
		       number, me, rp.mtype, rq.body.a, rq.body.b, rp.body.sum, rp.body.served);
		if (rp.body.sum != rq.body.a + rq.body.b)
			exit(1);
	}
	exit(0);
}

/* Answer total requests. Return: how many were answered. */
static int serve(int id, int total)
{
	int served = 0;

	while (served < total) {
		struct request rq;
		struct reply rp;

		if (msgrcv(id, &rq, sizeof(rq.body), SERVER, 0) < 0) {
			printf("server: msgrcv: %s%s\n", strerror(errno),
			       timed_out ? " (time is up)" : "");
			break;
		}
		rp.mtype = rq.body.from;
		rp.body.sum = rq.body.a + rq.body.b;
		rp.body.served = served++;
		printf("server: request %d of pid %d: %d + %d; replying with type %ld\n",
		       rq.body.n, rq.body.from, rq.body.a, rq.body.b, rp.mtype);
		if (msgsnd(id, &rp, sizeof(rp.body), 0) < 0) {
			printf("server: msgsnd: %s\n", strerror(errno));
			break;
		}
	}
	return served;
}

int main(int argc, char **argv)
{
	int clients = argc > 1 ? atoi(argv[1]) : 3, requests = argc > 2 ? atoi(argv[2]) : 2;
	int failed = 0, status;
	struct sigaction sa;

	if (clients < 1 || clients > 50 || requests < 1 || requests > 1000) {
		fprintf(stderr, "usage: msg_server [clients 1-50] [requests 1-1000]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);	/* whole lines, even into a pipe */
	signal(SIGPIPE, SIG_IGN);	/* `msg_server | head` still cleans up */
	int id = msgget(IPC_PRIVATE, 0600);
	if (id < 0) {
		perror("msgget");
		return 1;
	}
	printf("msg_server: queue %d, server %d at type %ld, %d clients, %d requests each\n",
	       id, getpid(), SERVER, clients, requests);
	show(id, "msgget: a new, empty queue");

	fflush(stdout);
	for (int i = 0; i < clients; i++) {
		pid_t pid = fork();

		if (pid == 0)
			client(id, i, requests);
		if (pid < 0)
			perror("fork");
	}

	/* If anything hangs, SIGALRM interrupts the server's msgrcv (EINTR). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarm(TIME_LIMIT);
	/* Let the first requests pile up, to see them waiting in the queue. */
	struct msqid_ds ds;
	while (!timed_out && msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_qnum < (unsigned long)clients)
		usleep(10000);
	show(id, "every client has sent its first request and waits for type = its pid");
	int served = serve(id, clients * requests);
	for (;;) {
		if (id >= 0 && (served < clients * requests || timed_out)) {
			/* Removing the queue wakes every client still waiting: EIDRM. */
			printf("server: removing the queue early\n");
			msgctl(id, IPC_RMID, NULL);
			id = -1;
		}
		if (wait(&status) < 0) {
			if (errno == EINTR)
				continue;	/* time is up: remove the queue */
			break;			/* no more children */
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed++;
	}
	alarm(0);
	printf("server: answered %d requests; %d clients failed\n", served, failed);
	if (id >= 0) {
		show(id, "every client has its replies: the queue is empty");
		msgctl(id, IPC_RMID, NULL);
		printf("# IPC_RMID: the queue is gone\n");
	}
	return served == clients * requests && failed == 0 ? 0 : 1;
}
