/*
 * ipc_sysctl.c - /proc/sys/kernel's System V IPC limits (shmmax, shmall,
 * shmmni, msgmax, msgmnb, msgmni, sem): they say what IPC_INFO says, root
 * changes them for its own IPC namespace only, the new values are obeyed
 * (msgsnd, shmget, semget), and a bad value is EINVAL and changes nothing.
 * keyhole had none of these files: `sysctl kernel.shmmni`, `ipcs -l` and
 * `lsipc` failed there.
 *
 * Every change is made in a child that first moved to an IPC namespace of
 * its own (as root), so the host's limits are never touched.
 */
#include "ipctest.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

/* The text of /proc/sys/kernel/name, without its newline ("" if absent). */
static const char *sysctl_read(const char *name)
{
	static char buf[128];
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	buf[0] = '\0';
	fd = open(path, O_RDONLY);
	if (!CHECKF(fd >= 0, "open %s: %s", path, strerror(errno)))
		return buf;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return buf;
}

/* Write text to /proc/sys/kernel/name. Return: 0, or the errno. */
static int sysctl_write(const char *name, const char *text)
{
	char path[64];
	int fd, err = 0;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno;
	if (write(fd, text, strlen(text)) < 0)
		err = errno;
	close(fd);
	return err;
}

static unsigned long long number(const char *s)
{
	return strtoull(s, NULL, 10);
}

static void limits_match_ipc_info(void)
{
	struct shminfo shm;
	struct msginfo msg;
	struct seminfo sem;
	char want[96];

	CHECK_SYS(shmctl(0, IPC_INFO, (struct shmid_ds *)&shm));
	CHECK_EQ(number(sysctl_read("shmmax")), (unsigned long long)shm.shmmax);
	CHECK_EQ(number(sysctl_read("shmall")), (unsigned long long)shm.shmall);
	CHECK_EQ(number(sysctl_read("shmmni")), (unsigned long long)shm.shmmni);
	CHECK_SYS(msgctl(0, IPC_INFO, (struct msqid_ds *)&msg));
	CHECK_EQ(number(sysctl_read("msgmax")), (unsigned long long)msg.msgmax);
	CHECK_EQ(number(sysctl_read("msgmnb")), (unsigned long long)msg.msgmnb);
	CHECK_EQ(number(sysctl_read("msgmni")), (unsigned long long)msg.msgmni);
	CHECK_SYS(semctl(0, 0, IPC_INFO, &sem));
	snprintf(want, sizeof(want), "%d\t%d\t%d\t%d", sem.semmsl, sem.semmns, sem.semopm,
		 sem.semmni);
	CHECK_STR(sysctl_read("sem"), want);
}

/* Run fn in a child that has an IPC namespace of its own. */
static void in_new_ipc_ns(void (*fn)(void))
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		if (!CHECK_SYS(unshare(CLONE_NEWIPC)))
			ut_child_exit();
		fn();
		ut_child_exit();
	}
	CHECK_EQ(ut_wait(pid), 0);
}

static void new_values_are_obeyed_body(void)
{
	struct {
		long mtype;
		char text[200];
	} m = { .mtype = 1 };
	int q, id;

	CHECK_EQ(sysctl_write("msgmax", "100\n"), 0);
	CHECK_STR(sysctl_read("msgmax"), "100");
	q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (CHECK_SYS(q)) {
		CHECK_SYS(msgsnd(q, &m, 100, IPC_NOWAIT));
		CHECK_ERR(msgsnd(q, &m, 101, IPC_NOWAIT), EINVAL);
		msgctl(q, IPC_RMID, NULL);
	}
	CHECK_EQ(sysctl_write("shmmax", "8192"), 0);
	CHECK_ERR(shmget(IPC_PRIVATE, 8193, IPC_CREAT | 0600), EINVAL);
	id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
	if (CHECK_SYS(id))
		shmctl(id, IPC_RMID, NULL);
	CHECK_EQ(sysctl_write("sem", " 5  100 7 9 \n"), 0);
	CHECK_STR(sysctl_read("sem"), "5\t100\t7\t9");
	CHECK_ERR(semget(IPC_PRIVATE, 6, IPC_CREAT | 0600), EINVAL);	/* > SEMMSL */
	id = semget(IPC_PRIVATE, 5, IPC_CREAT | 0600);
	if (CHECK_SYS(id))
		semctl(id, 0, IPC_RMID);
}

static void new_values_are_obeyed(void)
{
	in_new_ipc_ns(new_values_are_obeyed_body);
}

/* A change in one namespace leaves another's limits as they were. */
static void changes_stay_in_the_namespace(void)
{
	char before[128];

	snprintf(before, sizeof(before), "%s", sysctl_read("msgmnb"));
	in_new_ipc_ns(new_values_are_obeyed_body);
	CHECK_STR(sysctl_read("msgmnb"), before);
	CHECK_EQ(number(sysctl_read("msgmax")) != 100, 1);
}

static void bad_values_are_einval_body(void)
{
	char before[128];

	snprintf(before, sizeof(before), "%s", sysctl_read("shmmni"));
	CHECK_EQ(sysctl_write("shmmni", "abc"), EINVAL);
	CHECK_EQ(sysctl_write("shmmni", "-1"), EINVAL);
	CHECK_EQ(sysctl_write("shmmni", "32769"), EINVAL);	/* above IPCMNI */
	CHECK_EQ(sysctl_write("msgmni", "40000"), EINVAL);
	CHECK_EQ(sysctl_write("msgmax", "2147483648"), EINVAL);	/* above INT_MAX */
	CHECK_STR(sysctl_read("shmmni"), before);
	/* sem: SEMMNI above IPCMNI is ERANGE; the first three are taken (Linux). */
	CHECK_EQ(sysctl_write("sem", "1 2 3 4"), 0);
	CHECK_EQ(sysctl_write("sem", "5 6 7 40000"), ERANGE);
	CHECK_STR(sysctl_read("sem"), "5\t6\t7\t4");
	CHECK_EQ(sysctl_write("sem", "9"), 0);			/* only SEMMSL */
	CHECK_STR(sysctl_read("sem"), "9\t6\t7\t4");
	CHECK_EQ(sysctl_write("sem", "x"), EINVAL);
	CHECK_EQ(sysctl_write("shmmni", "32768"), 0);		/* IPCMNI itself */
	CHECK_STR(sysctl_read("shmmni"), "32768");
}

static void bad_values_are_einval(void)
{
	in_new_ipc_ns(bad_values_are_einval_body);
}

/* Only root may write: the files are root's, mode 0644. */
static void only_root_writes(void)
{
	pid_t pid = ut_fork();

	if (pid == 0) {
		if (CHECK_SYS(setuid(65534)))
			CHECK_ERR(open("/proc/sys/kernel/msgmax", O_WRONLY), EACCES);
		CHECK(number(sysctl_read("msgmax")) > 0);	/* but anyone reads */
		ut_child_exit();
	}
	CHECK_EQ(ut_wait(pid), 0);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(limits_match_ipc_info);
	RUN(new_values_are_obeyed);
	RUN(changes_stay_in_the_namespace);
	RUN(bad_values_are_einval);
	RUN(only_root_writes);
	return ut_done();
}
