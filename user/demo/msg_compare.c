/*
 * msg_compare.c - System V message queues as a program sees them, printed
 * so that keyhole's output and Linux's can be compared byte for byte: the
 * order msgrcv picks messages for msgtyp 0, > 0, < 0 and MSG_EXCEPT,
 * E2BIG and MSG_NOERROR, a typed receiver that sleeps until its type
 * comes, IPC_STAT counters, a full queue, EINTR and EIDRM.
 *
 *	musl-gcc -static -o msg_compare user/demo/msg_compare.c
 *	./msg_compare > linux.out
 *	make run-prog PROG=./msg_compare > keyhole.out
 *	cmp linux.out keyhole.out
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

struct message {
	long mtype;
	char mtext[9000];
};

static const char *errname(int e)
{
	switch (e) {
	case ENOMSG: return "ENOMSG";
	case E2BIG: return "E2BIG";
	case EIDRM: return "EIDRM";
	case EINTR: return "EINTR";
	case EAGAIN: return "EAGAIN";
	case EINVAL: return "EINVAL";
	default: return "another errno";
	}
}

static void result(const char *what, long r)
{
	if (r == -1)
		printf("%-44s -> -1 %s\n", what, errname(errno));
	else
		printf("%-44s -> %ld\n", what, r);
}

static void on_signal(int sig)
{
	(void)sig;
}

static void send(int id, long type, const char *text)
{
	static struct message m;

	m.mtype = type;
	strcpy(m.mtext, text);
	msgsnd(id, &m, strlen(text) + 1, 0);
}

static void counters(int id)
{
	struct msqid_ds ds;

	msgctl(id, IPC_STAT, &ds);
	printf("IPC_STAT: qnum %lu qbytes %lu\n", (unsigned long)ds.msg_qnum,
	       (unsigned long)ds.msg_qbytes);
}

int main(void)
{
	static struct message r;
	long types[] = { 5, 2, 7, 2, 1, 9 };
	char text[32];
	long n;

	setvbuf(stdout, NULL, _IONBF, 0);
	int id = msgget(IPC_PRIVATE, 0600);
	for (int i = 0; i < 6; i++) {
		snprintf(text, sizeof(text), "type %ld, sent %d", types[i], i);
		send(id, types[i], text);
	}
	counters(id);

	struct {
		long msgtyp;
		int flags;
		const char *what;
	} asks[] = {
		{ 2, 0, "msgtyp 2" }, { -3, 0, "msgtyp -3" }, { 2, MSG_EXCEPT, "msgtyp 2, MSG_EXCEPT" },
		{ 0, 0, "msgtyp 0" }, { -100, 0, "msgtyp -100" }, { 2, 0, "msgtyp 2 again" },
	};
	for (int i = 0; i < 6; i++) {
		n = msgrcv(id, &r, sizeof(r.mtext), asks[i].msgtyp, asks[i].flags | IPC_NOWAIT);
		if (n < 0)
			result(asks[i].what, n);
		else
			printf("%-44s -> \"%s\"\n", asks[i].what, r.mtext);
	}

	static struct message big;
	big.mtype = 3;
	memset(big.mtext, 'x', 8000);
	msgsnd(id, &big, 8000, 0);
	n = msgrcv(id, &r, 10, 0, IPC_NOWAIT);
	result("8000 bytes into 10", n);
	n = msgrcv(id, &r, 10, 0, MSG_NOERROR | IPC_NOWAIT);
	result("8000 bytes into 10, MSG_NOERROR", n);

	/* A receiver of type 42 sleeps through a type 41 message. */
	if (fork() == 0) {
		n = msgrcv(id, &r, sizeof(r.mtext), 42, 0);
		printf("the type 42 receiver got %ld bytes: \"%s\"\n", n, r.mtext);
		_exit(0);
	}
	usleep(100000);
	send(id, 41, "not for it");
	send(id, 42, "for it");
	wait(NULL);
	counters(id);

	/* A full queue: IPC_NOWAIT says EAGAIN. */
	struct msqid_ds ds;
	msgctl(id, IPC_STAT, &ds);
	ds.msg_qbytes = 100;
	result("IPC_SET msg_qbytes 100", msgctl(id, IPC_SET, &ds));
	big.mtype = 1;
	n = msgsnd(id, &big, 90, IPC_NOWAIT);
	result("msgsnd 90 bytes to a queue with 11 in it", n);

	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART };
	sigaction(SIGUSR1, &sa, NULL);
	pid_t parent = getpid();
	if (fork() == 0) {
		usleep(100000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	n = msgrcv(id, &r, 100, 99, 0);
	result("msgrcv type 99, a signal comes", n);
	wait(NULL);

	if (fork() == 0) {
		n = msgrcv(id, &r, 100, 99, 0);
		result("msgrcv type 99, the queue is removed", n);
		_exit(0);
	}
	usleep(100000);
	n = msgctl(id, IPC_RMID, NULL);
	wait(NULL);
	result("msgctl IPC_RMID", n);
	return 0;
}
