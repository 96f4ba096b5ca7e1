/*
 * prot_none_buffer_efault.c - the System V IPC calls, given a buffer the
 * process made PROT_NONE or (where the kernel writes) PROT_READ, fail with
 * EFAULT and change nothing, as on Linux.
 *
 * prot-none-buffer-efault: keyhole mapped PROT_NONE pages present without
 * _PAGE_USER, so the kernel's user copies could still read them:
 * write(fd, prot_none_page, n) succeeded and handed the bytes out. efault.c
 * tries the other pointer-taking calls the same way (its prot_none and
 * read_only kinds); this file does sem, msg and shm.
 *
 * Each buffer holds a valid object (a message, a sembuf, an ipc64_perm)
 * before its rights are taken away, so a kernel that ignored them would
 * succeed, and each case checks the object was not used. (msgrcv that
 * cannot copy the message out loses it: Linux does so too.)
 */
#include "utest.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>

#define PAGE 4096UL

/* Two pages holding a copy of obj (len bytes), then given prot. */
static void *with_prot(const void *obj, size_t len, int prot)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		ut_print("prot_none_buffer_efault: mmap: %s\n", strerror(errno));
		exit(1);
	}
	memcpy(p, obj, len);
	if (mprotect(p, 2 * PAGE, prot) < 0) {
		ut_print("prot_none_buffer_efault: mprotect: %s\n", strerror(errno));
		exit(1);
	}
	return p;
}

struct message {
	long mtype;
	char mtext[64];
};

static void msg_prot_none_and_read_only(void)
{
	struct message m = { 1, "hello" }, got;
	struct msqid_ds ds;
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);

	if (!CHECK_GE(id, 0))
		return;
	void *none = with_prot(&m, sizeof(m), PROT_NONE);
	void *ro = with_prot(&m, sizeof(m), PROT_READ);

	CHECK_ERR(msgsnd(id, none, sizeof(m.mtext), IPC_NOWAIT), EFAULT);
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_qnum, 0);                       /* nothing was sent */
	CHECK_SYS(msgsnd(id, ro, sizeof(m.mtext), IPC_NOWAIT));  /* reading is allowed */
	CHECK_SYS(msgsnd(id, ro, sizeof(m.mtext), IPC_NOWAIT));
	/* A failed copy-out loses the message it took, as on Linux. */
	CHECK_ERR(msgrcv(id, none, sizeof(m.mtext), 0, IPC_NOWAIT), EFAULT);
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_qnum, 1);
	CHECK_ERR(msgrcv(id, ro, sizeof(m.mtext), 0, IPC_NOWAIT), EFAULT);
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_qnum, 0);
	CHECK_STR((char *)ro + sizeof(long), "hello");  /* untouched */
	CHECK_SYS(msgsnd(id, &m, sizeof(m.mtext), IPC_NOWAIT));
	CHECK_EQ(msgrcv(id, &got, sizeof(got.mtext), 0, IPC_NOWAIT), (long)sizeof(m.mtext));
	CHECK_STR(got.mtext, "hello");
	CHECK_ERR(msgctl(id, IPC_STAT, none), EFAULT);
	CHECK_ERR(msgctl(id, IPC_STAT, ro), EFAULT);
	ds.msg_perm.mode = 0666;
	void *set_none = with_prot(&ds, sizeof(ds), PROT_NONE);
	CHECK_ERR(msgctl(id, IPC_SET, set_none), EFAULT);
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_perm.mode & 0777, 0600);
	msgctl(id, IPC_RMID, NULL);
}

static void sem_prot_none_and_read_only(void)
{
	struct sembuf op = { 0, 5, 0 };
	unsigned short vals[2] = { 7, 8 };
	struct timespec ts = { 0, 1000 };
	struct semid_ds ds;
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);

	if (!CHECK_GE(id, 0))
		return;
	CHECK_ERR(semop(id, with_prot(&op, sizeof(op), PROT_NONE), 1), EFAULT);
	CHECK_EQ(semctl(id, 0, GETVAL), 0);             /* the op was not done */
	CHECK_SYS(semop(id, with_prot(&op, sizeof(op), PROT_READ), 1));
	CHECK_EQ(semctl(id, 0, GETVAL), 5);
	struct sembuf wait0 = { 1, 0, 0 };              /* sem 1 is 0: no sleep */
	CHECK_ERR(semtimedop(id, &wait0, 1, with_prot(&ts, sizeof(ts), PROT_NONE)), EFAULT);
	CHECK_ERR(semctl(id, 0, SETALL, with_prot(vals, sizeof(vals), PROT_NONE)), EFAULT);
	CHECK_EQ(semctl(id, 0, GETVAL), 5);
	CHECK_ERR(semctl(id, 0, GETALL, with_prot(vals, sizeof(vals), PROT_READ)), EFAULT);
	CHECK_ERR(semctl(id, 0, GETALL, with_prot(vals, sizeof(vals), PROT_NONE)), EFAULT);
	CHECK_ERR(semctl(id, 0, IPC_STAT, with_prot(&ds, sizeof(ds), PROT_READ)), EFAULT);
	CHECK_SYS(semctl(id, 0, IPC_STAT, &ds));
	ds.sem_perm.mode = 0666;
	CHECK_ERR(semctl(id, 0, IPC_SET, with_prot(&ds, sizeof(ds), PROT_NONE)), EFAULT);
	CHECK_SYS(semctl(id, 0, IPC_STAT, &ds));
	CHECK_EQ(ds.sem_perm.mode & 0777, 0600);
	semctl(id, 0, IPC_RMID);
}

static void shm_prot_none_and_read_only(void)
{
	struct shmid_ds ds;
	int id = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);

	if (!CHECK_GE(id, 0))
		return;
	CHECK_ERR(shmctl(id, IPC_STAT, with_prot(&ds, sizeof(ds), PROT_READ)), EFAULT);
	CHECK_ERR(shmctl(id, IPC_STAT, with_prot(&ds, sizeof(ds), PROT_NONE)), EFAULT);
	CHECK_SYS(shmctl(id, IPC_STAT, &ds));
	ds.shm_perm.mode = 0666;
	CHECK_ERR(shmctl(id, IPC_SET, with_prot(&ds, sizeof(ds), PROT_NONE)), EFAULT);
	CHECK_SYS(shmctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.shm_perm.mode & 0777, 0600);
	/* The segment's own pages, made PROT_NONE, are refused to write() too. */
	char *p = shmat(id, NULL, 0);
	int fds[2];
	if (CHECK(p != (void *)-1) && CHECK_SYS(pipe2(fds, O_NONBLOCK))) {
		strcpy(p, "secret");
		CHECK_SYS(mprotect(p, PAGE, PROT_NONE));
		CHECK_ERR(write(fds[1], p, 6), EFAULT);
		/* A byte before each read: whether a failed read leaves it in
		 * the pipe (Linux) is fs/read_write.c's business, not this test's. */
		CHECK_SYS(write(fds[1], "x", 1));
		CHECK_ERR(read(fds[0], p, 1), EFAULT);  /* and read() into them */
		CHECK_SYS(mprotect(p, PAGE, PROT_READ));
		CHECK_STR(p, "secret");
		CHECK_SYS(write(fds[1], "x", 1));
		CHECK_ERR(read(fds[0], p, 1), EFAULT);  /* read-only: EFAULT */
		CHECK_STR(p, "secret");
		close(fds[0]);
		close(fds[1]);
	}
	shmdt(p);
	shmctl(id, IPC_RMID, NULL);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(msg_prot_none_and_read_only);
	RUN(sem_prot_none_and_read_only);
	RUN(shm_prot_none_and_read_only);
	return ut_done();
}
