/*
 * msg_efault.c - EFAULT from msgsnd(2), msgrcv(2) and msgctl(2): every
 * pointer they take, with each kind of bad pointer (null, unmapped, the
 * kernel's text, the kernel's direct map, non-canonical, and one that
 * starts in a mapped page and runs into a hole), each case next to the
 * good call it differs from.
 *
 * What Linux does, and keyhole must do too (msg_errno.c has the whole
 * matrix of the four calls):
 *   - msgsnd reads mtype first, before it looks at anything else (EFAULT
 *     even for a bad id or size); the text (msgsz bytes after mtype) is
 *     read after the size, id < 0 and mtype checks, but still before the
 *     id is looked up. A failed copy queues nothing. An empty message
 *     needs only its mtype to be readable.
 *   - msgrcv writes the message out only after taking it off the queue:
 *     a bad buffer loses the message (msg_qnum drops, msg_lrpid and
 *     msg_rtime are set) and returns EFAULT. With nothing to receive
 *     (IPC_NOWAIT, ENOMSG) the pointer is never looked at. A read-only
 *     buffer is EFAULT too.
 *   - msgctl copies IPC_STAT, MSG_STAT, MSG_STAT_ANY, IPC_INFO and
 *     MSG_INFO results out after the lookup (a bad id is EINVAL first);
 *     IPC_SET reads its buffer before the lookup (EFAULT for a bad id; an
 *     id < 0 is still EINVAL first), and a failed or partial read changes
 *     nothing. IPC_RMID never reads its buffer.
 *
 * Ids made here are recorded and removed after each case (msgtest.h).
 */
#include "msgtest.h"

#include <limits.h>
#include <sys/ipc.h>
#include <sys/syscall.h>

/*
 * The order of msgsnd's checks on Linux: mtype is read first (EFAULT),
 * then size, id < 0 and mtype (EINVAL), then the text is read (EFAULT),
 * and only then is the id looked up (EINVAL).
 */
static void msgsnd_efault_before_id_lookup(void)
{
	char *area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);

	if (!CHECK(area != MAP_FAILED) || !CHECK_SYS(munmap(area + PAGE, PAGE)))
		return;
	long *tail = (long *)(area + PAGE - sizeof(long));	/* mtype, then the hole */

	CHECK_ERR(syscall(SYS_msgsnd, BAD_ID, NULL, 4, 0), EFAULT);
	CHECK_ERR(syscall(SYS_msgsnd, -1, NULL, 4, 0), EFAULT);
	CHECK_ERR(syscall(SYS_msgsnd, BAD_ID, NULL, (size_t)-1, 0), EFAULT);
	*tail = 1;
	CHECK_ERR(syscall(SYS_msgsnd, BAD_ID, tail, 4, 0), EFAULT);	/* the text */
	CHECK_ERR(syscall(SYS_msgsnd, -1, tail, 4, 0), EINVAL);
	CHECK_ERR(syscall(SYS_msgsnd, BAD_ID, tail, MSGMAX_DEFAULT + 1, 0), EINVAL);
	CHECK_ERR(syscall(SYS_msgsnd, BAD_ID, tail, 0, 0), EINVAL);	/* no text to read */
	*tail = 0;
	CHECK_ERR(syscall(SYS_msgsnd, BAD_ID, tail, 4, 0), EINVAL);	/* mtype first */
	/* An empty message needs only its mtype. */
	int id = queue(IPC_PRIVATE, 0600);
	if (!CHECK_SYS(id))
		return;
	*tail = 7;
	CHECK_EQ(syscall(SYS_msgsnd, id, tail, 0, 0), 0);
	CHECK_ERR(syscall(SYS_msgsnd, id, tail, 1, 0), EFAULT);
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 1);
	CHECK_EQ(ds.msg_cbytes, 0);
	struct msg m;
	CHECK_EQ(msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT), 0);
	CHECK_EQ(m.mtype, 7);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/* IPC_SET copies the buffer in before it looks the id up; IPC_RMID never does. */
static void msgctl_efault_order_and_rmid_ignores_buf(void)
{
	CHECK_ERR(syscall(SYS_msgctl, BAD_ID, IPC_SET, NULL), EFAULT);
	CHECK_ERR(syscall(SYS_msgctl, -1, IPC_SET, NULL), EINVAL);	/* but id < 0 first */
	CHECK_ERR(syscall(SYS_msgctl, BAD_ID, IPC_STAT, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_msgctl, BAD_ID, MSG_STAT, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_msgctl, -1, IPC_INFO, NULL), EINVAL);
	CHECK_ERR(syscall(SYS_msgctl, BAD_ID, IPC_INFO, NULL), EFAULT);
	int id = queue(IPC_PRIVATE, 0600);
	if (!CHECK_SYS(id))
		return;
	CHECK_EQ(syscall(SYS_msgctl, id, IPC_RMID, (void *)0xffffffff80000000UL), 0);
	CHECK_ERR(msgctl(id, IPC_STAT, &(struct msqid_ds){ 0 }), EINVAL);
}

/* Writing into a read-only page is EFAULT too; reading from one is fine. */
static void msgrcv_into_readonly_page_efault(void)
{
	int id = queue(IPC_PRIVATE, 0600);
	struct msg *ro = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			      0);

	if (!CHECK_SYS(id) || !CHECK(ro != MAP_FAILED))
		return;
	ro->mtype = 4;
	strcpy(ro->mtext, "from a read-only page");
	CHECK_SYS(mprotect(ro, PAGE, PROT_READ));
	CHECK_SYS(msgsnd(id, ro, 21, 0));
	CHECK_ERR(msgrcv(id, ro, 100, 0, IPC_NOWAIT), EFAULT);
	CHECK_EQ(qnum(id), 0);	/* lost */
	CHECK_EQ(ro->mtype, 4);
	CHECK_SYS(msgsnd(id, ro, 21, 0));
	struct msg m;
	CHECK_EQ(recv_str(id, &m, 0, IPC_NOWAIT), 21);
	CHECK_STR(m.mtext, "from a read-only page");
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

/*
 * EFAULT for each pointer and each kind of bad pointer: null, unmapped,
 * the kernel's text, the kernel's direct map (writable memory that a
 * careless copy would overwrite), non-canonical, and straddling (starts
 * in a mapped page, runs into the hole).
 */
enum kind { NUL, UNMAPPED, KERNEL, DIRECTMAP, NONCANONICAL, STRADDLE, NKINDS };
static const char *const kind_names[NKINDS] = {
	"null", "unmapped", "kernel", "directmap", "noncanonical", "straddling",
};

/* A bad pointer of this kind for an object of size bytes; area: 3 pages, the middle unmapped. */
static void *bad_pointer(enum kind kind, char *area, size_t size)
{
	switch (kind) {
	case NUL:
		return NULL;
	case UNMAPPED:
		return area + PAGE;
	case KERNEL:
		return (void *)0xffffffff80000000UL;
	case DIRECTMAP:
		return (void *)0xffff888000100000UL;
	case NONCANONICAL:
		return (void *)0x0000800000000000UL;
	case STRADDLE:
		return area + PAGE - size / 2;
	default:
		return NULL;
	}
}

static char *holey_area(void)
{
	char *area = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);

	if (!CHECK(area != MAP_FAILED) || !CHECK_SYS(munmap(area + PAGE, PAGE)))
		return NULL;
	return area;
}

struct efault_case {
	char name[64];
	int cmd;		/* msgctl's, or -1 for msgsnd, -2 for msgrcv */
	size_t size;		/* of what the call copies */
	enum kind kind;
};

static const struct {
	const char *name;
	int cmd;
	size_t size;
} efault_calls[] = {
	{ "msgsnd", -1, sizeof(long) + 64 },
	{ "msgrcv", -2, sizeof(long) + 64 },
	{ "msgctl_ipc_stat", IPC_STAT, sizeof(struct msqid_ds) },
	{ "msgctl_ipc_set", IPC_SET, sizeof(struct msqid_ds) },
	{ "msgctl_ipc_info", IPC_INFO, sizeof(struct msginfo) },
	{ "msgctl_msg_info", MSG_INFO, sizeof(struct msginfo) },
	{ "msgctl_msg_stat", MSG_STAT, sizeof(struct msqid_ds) },
	{ "msgctl_msg_stat_any", MSG_STAT_ANY, sizeof(struct msqid_ds) },
};
#define NCALLS (sizeof(efault_calls) / sizeof(efault_calls[0]))
static struct efault_case efault_cases[NCALLS * NKINDS];

/* msgsnd from a bad msgp: EFAULT, and nothing is queued. */
static void msgsnd_efault(const struct efault_case *c, int id, char *area)
{
	char *bad = bad_pointer(c->kind, area, c->size);
	static struct msg good = { .mtype = 3, .mtext = "sixty-four bytes" };

	if (c->kind == STRADDLE)	/* mtype and half the text readable */
		memcpy(bad, &good, c->size / 2);
	CHECK_ERR(syscall(SYS_msgsnd, id, bad, c->size - sizeof(long), 0), EFAULT);
	CHECK_ERR(syscall(SYS_msgsnd, id, bad, c->size - sizeof(long), IPC_NOWAIT), EFAULT);
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 0);
	CHECK_EQ(ds.msg_cbytes, 0);
	CHECK_EQ(ds.msg_lspid, 0);
	CHECK_EQ(ds.msg_stime, 0);
	/* And the good pointer works. */
	CHECK_EQ(syscall(SYS_msgsnd, id, &good, c->size - sizeof(long), 0), 0);
	CHECK_EQ(qnum(id), 1);
}

/* msgrcv into a bad msgp: EFAULT, after the message was taken: it is lost. */
static void msgrcv_efault(const struct efault_case *c, int id, char *area)
{
	char *bad = bad_pointer(c->kind, area, c->size);
	size_t len = c->size - sizeof(long);
	static struct msg m = { .mtype = 3 };

	if (!CHECK_SYS(msgsnd(id, &m, len, 0)) || !CHECK_SYS(msgsnd(id, &m, len, 0)))
		return;
	CHECK_ERR(syscall(SYS_msgrcv, id, bad, len, 0, IPC_NOWAIT), EFAULT);
	struct msqid_ds ds = qstat(id);
	CHECK_EQ(ds.msg_qnum, 1);
	CHECK_EQ(ds.msg_cbytes, len);
	CHECK_EQ(ds.msg_lrpid, getpid());
	CHECK_NE(ds.msg_rtime, 0);
	/* MSG_NOERROR or a typed receive changes nothing. */
	CHECK_ERR(syscall(SYS_msgrcv, id, bad, len, 3, MSG_NOERROR), EFAULT);
	CHECK_EQ(qnum(id), 0);
	/* With nothing to take, the pointer is not looked at. */
	CHECK_ERR(syscall(SYS_msgrcv, id, bad, len, 0, IPC_NOWAIT), ENOMSG);
	/* And the good pointer works. */
	CHECK_SYS(msgsnd(id, &m, len, 0));
	CHECK_EQ(syscall(SYS_msgrcv, id, &m, len, 0, IPC_NOWAIT), (long)len);
	CHECK_EQ(m.mtype, 3);
}

static void msgctl_efault(const struct efault_case *c, int id, char *area)
{
	static char good[4096] __attribute__((aligned(64)));
	struct msqid_ds before, ds;
	char *bad = bad_pointer(c->kind, area, c->size);
	int target = id;

	if (!CHECK_SYS(msgctl(id, IPC_STAT, &before)))
		return;
	ds = before;
	if (c->cmd == MSG_STAT || c->cmd == MSG_STAT_ANY) {
		target = index_of(id);
		if (!CHECKF(target >= 0, "no index found for id %d", id))
			return;
	}
	ds.msg_perm.mode = 0640;	/* what IPC_SET would set */
	ds.msg_qbytes = 1000;
	memcpy(good, &ds, sizeof(ds));
	if (c->kind == STRADDLE)	/* the first half readable, and a valid start */
		memcpy(bad, &ds, c->size / 2);
	CHECK_ERR(syscall(SYS_msgctl, target, c->cmd, bad), EFAULT);
	/* A failed IPC_SET changed nothing, not even from a partial copy. */
	struct msqid_ds now = qstat(id);
	CHECK_EQ(now.msg_perm.mode, 0600);
	CHECK_EQ(now.msg_qbytes, before.msg_qbytes);
	/* And the good pointer works. */
	long r = syscall(SYS_msgctl, target, c->cmd, good);
	CHECKF(r >= 0, "with a good buffer: returned %ld, errno %d (%s)", r, errno,
	       strerror(errno));
	if (c->cmd == IPC_SET) {
		now = qstat(id);
		CHECK_EQ(now.msg_perm.mode, 0640);
		CHECK_EQ(now.msg_qbytes, 1000);
	}
}

static void efault_case(const void *arg)
{
	const struct efault_case *c = arg;
	char *area = holey_area();
	int id = queue(IPC_PRIVATE, 0600);

	if (!area || !CHECK_SYS(id))
		return;
	if (c->cmd == -1)
		msgsnd_efault(c, id, area);
	else if (c->cmd == -2)
		msgrcv_efault(c, id, area);
	else
		msgctl_efault(c, id, area);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}

int main(int argc, char **argv)
{
	if (!reg_init("msg_efault"))
		return 1;
	ut_init(argc, argv);
	MSG_RUN(msgsnd_efault_before_id_lookup);
	MSG_RUN(msgctl_efault_order_and_rmid_ignores_buf);
	MSG_RUN(msgrcv_into_readonly_page_efault);
	for (size_t i = 0; i < NCALLS; i++)
		for (int k = 0; k < NKINDS; k++) {
			struct efault_case *c = &efault_cases[i * NKINDS + (size_t)k];

			snprintf(c->name, sizeof(c->name), "%s_efault_%s", efault_calls[i].name,
				 kind_names[k]);
			c->cmd = efault_calls[i].cmd;
			c->size = efault_calls[i].size;
			c->kind = (enum kind)k;
			ut_run_with(c->name, efault_case, c);
			reg_sweep();
		}
	return ut_done();
}
