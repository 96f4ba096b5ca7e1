/*
 * mm_rights.c - what mprotect may do to each kind of mapping, in the
 * process that made it, in a forked child, and in a freshly exec'd
 * program; and that a read-only System V attach stays read-only.
 *
 * fork-rdonly-shmat-mprotect: a child forked after shmat(SHM_RDONLY) could
 * mprotect the attach PROT_READ|PROT_WRITE and write into the segment,
 * because keyhole's fork rebuilt each VMA with every VM_MAY* right. Linux
 * (and keyhole now) copies the VMA whole: EACCES, and the segment keeps
 * its bytes.
 *
 * The table: for each kind of mapping (private and shared anonymous
 * memory, a read-write and a read-only shm attach, the stack, the heap,
 * the data segment and the program text) mprotect one page to each of
 * PROT_NONE, R, RW, RX and RWX and note 0 or the errno, then give the page
 * its first rights back. The table must be Linux's in all three places:
 * every change allowed, except write on the read-only attach (EACCES).
 */
#include "utest.h"

#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#define PAGE 4096UL
#define SEG_SIZE (4 * PAGE)

enum { ANON_PRIVATE, ANON_SHARED, SHM_RW, SHM_RO, STACK, HEAP, DATA, TEXT, NKINDS };
static const char *const kind_names[NKINDS] = {
	"anon_private", "anon_shared", "shm_rw", "shm_rdonly", "stack", "heap", "data", "text",
};
static const int prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE,
			     PROT_READ | PROT_EXEC, PROT_READ | PROT_WRITE | PROT_EXEC };
#define NPROTS ((int)(sizeof(prots) / sizeof(prots[0])))

/* A page of the data segment, and one of text that is never run. */
static char data_pages[3 * PAGE] __attribute__((aligned(4096))) = "data";

__attribute__((aligned(4096), noinline, used)) static void text_page(void)
{
	__asm__ volatile(".fill 4096, 1, 0x90");       /* a whole page of nops */
}

struct mappings {
	char *page[NKINDS];
	int rights[NKINDS];     /* what each page has to begin with */
	int shmid;
};

static int make_segment(void)
{
	int id = shmget(IPC_PRIVATE, SEG_SIZE, IPC_CREAT | 0600);
	char *p;

	if (id < 0)
		return -1;
	p = shmat(id, NULL, 0);
	if (p != (void *)-1) {
		strcpy(p, "segment bytes");
		shmdt(p);
	}
	return id;
}

/* One page of each kind; stack_page is a page inside the caller's frame. */
static bool make_mappings(struct mappings *m, char *stack_page)
{
	char *brk0;

	m->shmid = make_segment();
	if (!CHECK_GE(m->shmid, 0))
		return false;
	m->page[ANON_PRIVATE] = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	m->page[ANON_SHARED] = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	m->page[SHM_RW] = shmat(m->shmid, NULL, 0);
	m->page[SHM_RO] = shmat(m->shmid, NULL, SHM_RDONLY);
	shmctl(m->shmid, IPC_RMID, NULL);       /* gone at the last detach */
	m->page[STACK] = stack_page;
	brk0 = (char *)syscall(SYS_brk, 0);
	brk0 = (char *)(((uintptr_t)brk0 + PAGE - 1) & ~(PAGE - 1));
	syscall(SYS_brk, brk0 + 2 * PAGE);
	m->page[HEAP] = brk0;
	m->page[DATA] = data_pages + PAGE;
	m->page[TEXT] = (char *)text_page;
	for (int k = 0; k < NKINDS; k++) {
		if (!CHECKF(m->page[k] != MAP_FAILED && m->page[k] != (void *)-1,
			    "cannot make the %s page: %s", kind_names[k], strerror(errno)))
			return false;
		m->rights[k] = PROT_READ | PROT_WRITE;
	}
	m->rights[SHM_RO] = PROT_READ;
	m->rights[TEXT] = PROT_READ | PROT_EXEC;
	m->page[ANON_PRIVATE][0] = 'p';
	m->page[HEAP][0] = 'h';
	return true;
}

/* The table, one row per kind: "0" for success, else the errno's name. */
static void probe(const struct mappings *m, char *out, size_t size)
{
	size_t n = 0;

	for (int k = 0; k < NKINDS; k++) {
		n += (size_t)snprintf(out + n, size - n, "%s:", kind_names[k]);
		for (int i = 0; i < NPROTS; i++) {
			int r = mprotect(m->page[k], PAGE, prots[i]);
			int err = errno;

			n += (size_t)snprintf(out + n, size - n, " %s",
					      r == 0 ? "0" : err == EACCES ? "EACCES" : strerror(err));
			if (mprotect(m->page[k], PAGE, m->rights[k]) != 0)
				n += (size_t)snprintf(out + n, size - n, "(restore: %s)",
						      strerror(errno));
		}
		n += (size_t)snprintf(out + n, size - n, "\n");
	}
}

/* Linux's table (the same on keyhole). */
static void expected(char *out, size_t size)
{
	size_t n = 0;

	for (int k = 0; k < NKINDS; k++)
		n += (size_t)snprintf(out + n, size - n, "%s: 0 0 %s 0 %s\n", kind_names[k],
				      k == SHM_RO ? "EACCES" : "0", k == SHM_RO ? "EACCES" : "0");
}

/* The table in this process; the mappings stay for the caller. */
static void check_table(const struct mappings *m, const char *where)
{
	char got[1024], want[1024];

	probe(m, got, sizeof(got));
	expected(want, sizeof(want));
	CHECKF(strcmp(got, want) == 0, "mprotect %s:\n%s-- Linux's:\n%s", where, got, want);
	/* The pages still have their bytes and their rights. */
	CHECK_EQ(m->page[ANON_PRIVATE][0], 'p');
	CHECK_EQ(m->page[HEAP][0], 'h');
	CHECK_STR(m->page[SHM_RO], "segment bytes");
	CHECK_STR(m->page[DATA] - PAGE, "data");
}

static void fork_rdonly_shmat_mprotect(void)
{
	int id = make_segment();
	char *ro;
	pid_t pid;

	if (!CHECK_GE(id, 0))
		return;
	ro = shmat(id, NULL, SHM_RDONLY);
	shmctl(id, IPC_RMID, NULL);
	if (!CHECK(ro != (void *)-1))
		return;
	CHECK_ERR(mprotect(ro, SEG_SIZE, PROT_READ | PROT_WRITE), EACCES);
	pid = ut_fork();
	if (pid == 0) {
		CHECK_ERR(mprotect(ro, SEG_SIZE, PROT_READ | PROT_WRITE), EACCES);
		CHECK_ERR(mprotect(ro + PAGE, PAGE, PROT_WRITE), EACCES);
		CHECK(ut_write_segfaults(ro));
		/* A grandchild has the same attach, and the same rights. */
		pid_t gc = ut_fork();
		if (gc == 0) {
			CHECK_ERR(mprotect(ro, SEG_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC), EACCES);
			ut_child_exit();
		}
		CHECK_EXITED(gc, 0);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	CHECK(ut_write_segfaults(ro));
	CHECK_STR(ro, "segment bytes");
	shmdt(ro);
}

static void mprotect_every_mapping(void)
{
	char frame[8 * PAGE];
	char *stack_page = (char *)(((uintptr_t)frame + 3 * PAGE) & ~(PAGE - 1));
	struct mappings m;

	stack_page[0] = 's';
	if (make_mappings(&m, stack_page))
		check_table(&m, "in the process that mapped");
	CHECK_EQ(stack_page[0], 's');
}

static void mprotect_every_mapping_after_fork(void)
{
	char frame[8 * PAGE];
	char *stack_page = (char *)(((uintptr_t)frame + 3 * PAGE) & ~(PAGE - 1));
	struct mappings m;
	pid_t pid;

	stack_page[0] = 's';
	if (!make_mappings(&m, stack_page))
		return;
	pid = ut_fork();
	if (pid == 0) {
		check_table(&m, "in a forked child");
		CHECK_EQ(stack_page[0], 's');
		pid_t gc = ut_fork();
		if (gc == 0) {
			check_table(&m, "in a forked grandchild");
			ut_child_exit();
		}
		CHECK_EXITED(gc, 0);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
	check_table(&m, "in the parent after fork");
}

#define EXEC_MARK "--mm-rights-exec"

/* Run again by mprotect_every_mapping_after_exec: the table, in a fresh image. */
static int exec_probe(void)
{
	ut_become_helper();
	mprotect_every_mapping();
	ut_child_exit();
}

static void mprotect_every_mapping_after_exec(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = { (char *)ut_self_path(), EXEC_MARK, NULL };

		execv(argv[0], argv);
		_exit(99);
	}
	CHECK_EXITED(pid, 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], EXEC_MARK) == 0) {
		ut_init(1, argv);
		return exec_probe();
	}
	ut_init(argc, argv);
	RUN(fork_rdonly_shmat_mprotect);
	RUN(mprotect_every_mapping);
	RUN(mprotect_every_mapping_after_fork);
	RUN(mprotect_every_mapping_after_exec);
	return ut_done();
}
