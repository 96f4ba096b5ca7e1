/*
 * glibc_compare.c - a program built with Debian's gcc and glibc, not musl,
 * to run on Linux and on keyhole and compare byte for byte: once linked
 * statically (gcc -static) and once dynamically (ld.so loads libc.so.6 at
 * start, from the full image's /lib on keyhole). It uses what glibc does
 * differently from musl: clone with the tid flags for fork, its stdio
 * buffering across fork, execve of itself, a pipe, mmap of a file shared
 * and private, and System V shared memory, semaphores and message queues
 * between two processes. Every line it prints is fixed: no pid, no time.
 *
 *	gcc -static -o gs user/demo/glibc_compare.c	(and gcc -o gd ...)
 *	./gs > linux.out; make run-prog PROG=./gs > keyhole.out
 *	cmp linux.out keyhole.out
 *
 * `make test` does that for both (the glibc-static-/glibc-dynamic-
 * matches-linux checks). Exit status 0 when every step worked; each step
 * that did not says so on stdout, and the status is 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

#define CHECK(cond, what)                                                         \
	do {                                                                      \
		if (!(cond)) {                                                    \
			printf("FAIL %s: %s\n", what, strerror(errno));           \
			failures++;                                               \
		}                                                                 \
	} while (0)

static int child_status(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* A pipe from a forked child; stdio's buffer must not be written twice. */
static void pipe_and_fork(void)
{
	char buf[64] = "";
	int p[2];
	pid_t pid;

	printf("pipe: ");	/* left in the buffer: fflush before fork */
	fflush(stdout);
	CHECK(pipe(p) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		dprintf(p[1], "hello through a pipe");
		_exit(3);
	}
	close(p[1]);
	CHECK(read(p[0], buf, sizeof(buf) - 1) > 0, "read");
	close(p[0]);
	printf("%s, child exited with %d\n", buf, child_status(pid));
}

/* execve of this program again, with "exec-child" as argv[1]. */
static void exec_self(const char *self)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)self, "exec-child", "x y", NULL };
		char *envp[] = { "GLIBC_COMPARE=from-the-parent", NULL };

		execve(self, argv, envp);
		printf("FAIL execve %s: %s\n", self, strerror(errno));
		fflush(stdout);
		_exit(127);
	}
	printf("exec: child exited with %d\n", child_status(pid));
}

/* A file mapped shared (writes reach the file and a child's mapping) and private. */
static void file_mappings(void)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char path[256], buf[32] = "";
	char *shared, *private;
	pid_t pid;
	int fd;

	snprintf(path, sizeof(path), "%s/glibc_compare.%d", dir, (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0, "open");
	CHECK(write(fd, "abcdefgh", 8) == 8, "write");
	shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	private = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	unlink(path);
	if (shared == MAP_FAILED || private == MAP_FAILED) {
		printf("FAIL mmap of a file: %s\n", strerror(errno));
		failures++;
		close(fd);
		return;
	}
	printf("mmap: shared sees \"%.8s\", private sees \"%.8s\", byte 8 is %d\n", shared,
	       private, shared[8]);
	shared[0] = 'A';
	private[1] = 'B';
	CHECK(pread(fd, buf, 8, 0) == 8, "pread");
	printf("mmap: after writes the file holds \"%.8s\", private \"%.8s\"\n", buf, private);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		shared[2] = 'C';
		private[3] = 'D';	/* the child's own copy */
		_exit(0);
	}
	child_status(pid);
	CHECK(pread(fd, buf, 8, 0) == 8, "pread");
	printf("mmap: after the child, file \"%.8s\", shared \"%.8s\", private \"%.8s\"\n", buf,
	       shared, private);
	CHECK(msync(shared, 4096, MS_SYNC) == 0, "msync");
	munmap(shared, 4096);
	munmap(private, 4096);
	close(fd);
}

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

struct msg {
	long mtype;
	char text[32];
};

/* A child and the parent meet through each kind of System V IPC. */
static void sysv_ipc(void)
{
	int shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	int msqid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	struct sembuf down = { 0, -1, 0 }, up = { 0, 1, 0 };
	struct shmid_ds ds;
	struct msg m;
	char *mem;
	pid_t pid;

	CHECK(shmid >= 0 && semid >= 0 && msqid >= 0, "ipc get");
	if (shmid < 0 || semid < 0 || msqid < 0)
		return;
	CHECK(semctl(semid, 0, SETVAL, (union semun){ .val = 0 }) == 0, "SETVAL");
	mem = shmat(shmid, NULL, 0);
	CHECK(mem != (void *)-1, "shmat");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct msg r = { .mtype = 2 };

		strcpy(mem, "written by the child");
		semop(semid, &up, 1);
		snprintf(r.text, sizeof(r.text), "a message, type %ld", r.mtype);
		msgsnd(msqid, &r, sizeof(r.text), 0);
		_exit(0);
	}
	CHECK(semop(semid, &down, 1) == 0, "semop");
	printf("shm: \"%s\"\n", mem);
	CHECK(msgrcv(msqid, &m, sizeof(m.text), 0, 0) == sizeof(m.text), "msgrcv");
	printf("msg: \"%s\"\n", m.text);
	printf("ipc: child exited with %d\n", child_status(pid));
	CHECK(shmctl(shmid, IPC_STAT, &ds) == 0, "IPC_STAT");
	printf("shm: size %zu, nattch %lu\n", (size_t)ds.shm_segsz, (unsigned long)ds.shm_nattch);
	shmdt(mem);
	CHECK(shmctl(shmid, IPC_RMID, NULL) == 0, "shm IPC_RMID");
	CHECK(semctl(semid, 0, IPC_RMID) == 0, "sem IPC_RMID");
	CHECK(msgctl(msqid, IPC_RMID, NULL) == 0, "msg IPC_RMID");
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-child") == 0) {
		printf("exec-child: argv[2] \"%s\", GLIBC_COMPARE=%s\n", argc > 2 ? argv[2] : "",
		       getenv("GLIBC_COMPARE"));
		return 4;
	}
	printf("glibc_compare\n");
	pipe_and_fork();
	exec_self(argv[0]);
	file_mappings();
	sysv_ipc();
	printf("%d failures\n", failures);
	return failures ? 1 : 0;
}
