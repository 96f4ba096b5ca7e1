/*
 * elf_load.c - crafted ELF programs that crashed or fooled keyhole's
 * loader (issue 9, item 8), each a case named after the bug. Each case
 * writes the tiny program of elftest.h with one thing changed to /tmp,
 * execs it in a child and checks how that ended, as Linux ends it:
 *
 *   - a PT_LOAD with p_memsz 0 at a page-aligned address, the highest
 *     segment: keyhole read find_vma(mm, va)->vm_flags of a VMA it never
 *     made, a NULL dereference in the kernel. Linux maps nothing for it
 *     and runs the program;
 *   - an e_entry at or above TASK_SIZE (non-canonical, the top bit set,
 *     kernel space): keyhole took 0x8000000000000000 and up for an error
 *     code and "succeeded" without running anything, and a kernel or
 *     non-canonical entry reached iretq. Linux fails the exec after its
 *     point of no return: the process dies of SIGSEGV;
 *   - an entry of 0 or in an unmapped page: the program starts and
 *     faults, SIGSEGV;
 *   - a PT_INTERP naming a file that does not exist: ENOENT;
 *   - a file larger than 4 MiB: keyhole read the whole file into one
 *     allocation and failed with ENOMEM, even for a file of zeros, which
 *     is ENOEXEC; Linux reads what it needs and runs a big program;
 *   - vfork children exec'ing while their parents are SIGKILLed (the
 *     child's wake-up of its parent read the parent's stack after
 *     letting it go); a stress, which did not fail on the old kernel.
 *
 * elf_mutate.c runs thousands of such changes; these are the ones that
 * were seen to break keyhole, kept by name.
 */
#include "elftest.h"

#define PATH "/tmp/elf_load.prog"

/* Exec t from /tmp; return how it ended. */
static struct exec_result run(struct tiny_elf *t)
{
	struct exec_result r = { -1, -1 };

	if (CHECK_SYS(tiny_write(t, PATH)))
		exec_file(PATH, 5, &r);
	unlink(PATH);
	return r;
}

static void check_exits(struct tiny_elf *t, int code)
{
	struct exec_result r = run(t);

	CHECKF(r.err == 0 && WIFEXITED(r.status) && WEXITSTATUS(r.status) == code,
	       "wanted exit %d, got: %s", code, exec_result_str(&r));
}

static void check_killed(struct tiny_elf *t, int sig)
{
	struct exec_result r = run(t);

	CHECKF(r.err == 0 && WIFSIGNALED(r.status) && WTERMSIG(r.status) == sig,
	       "wanted the exec to succeed and the child to die of signal %d, got: %s", sig,
	       exec_result_str(&r));
}

static void check_errno(struct tiny_elf *t, int err)
{
	struct exec_result r = run(t);

	CHECKF(r.err == err, "wanted execve to fail with %s, got: %s", strerror(err),
	       exec_result_str(&r));
}

static void elf_tiny_program_runs(void)
{
	struct tiny_elf t;

	tiny_build(&t);
	check_exits(&t, TINY_EXIT);
}

/* Add a program header after the tiny program's three; the program
 * headers grow, so the code and data move to a copy further on. */
static void add_phdr(struct tiny_elf *t, Elf64_Phdr ph)
{
	Elf64_Ehdr *eh = tiny_ehdr(t);
	int n = eh->e_phnum;

	/* Put the new table at the end of the file, outside the loaded bytes
	 * of the segments, which keep their offsets. */
	size_t off = (t->size + 7) & ~7UL;

	memcpy(t->bytes + off, t->bytes + eh->e_phoff, (size_t)n * sizeof(Elf64_Phdr));
	memcpy(t->bytes + off + (size_t)n * sizeof(Elf64_Phdr), &ph, sizeof(ph));
	eh->e_phoff = off;
	eh->e_phnum = (Elf64_Half)(n + 1);
	t->size = off + (size_t)(n + 1) * sizeof(Elf64_Phdr);
}

/* The highest PT_LOAD is empty (filesz = memsz = 0), page aligned. */
static void elf_memsz_zero_segment(void)
{
	struct tiny_elf t;

	tiny_build(&t);
	add_phdr(&t, (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R, .p_vaddr = 0x800000,
				   .p_align = 0x1000 });
	check_exits(&t, TINY_EXIT);
}

/* The only PT_LOAD is empty: nothing is mapped at the entry. */
static void elf_memsz_zero_only_segment(void)
{
	struct tiny_elf t;

	tiny_build(&t);
	tiny_phdr(&t, 0)->p_filesz = tiny_phdr(&t, 0)->p_memsz = 0;
	tiny_phdr(&t, 1)->p_type = PT_NULL;
	check_killed(&t, SIGSEGV);
}

/* An empty PT_LOAD in the middle of the text segment's page. */
static void elf_memsz_zero_inside_segment(void)
{
	struct tiny_elf t;

	tiny_build(&t);
	add_phdr(&t, (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R, .p_vaddr = TINY_BASE + 0x80,
				   .p_offset = 0x80, .p_align = 0x1000 });
	check_exits(&t, TINY_EXIT);
}

static void entry_case(unsigned long entry)
{
	struct tiny_elf t;

	tiny_build(&t);
	tiny_ehdr(&t)->e_entry = entry;
	check_killed(&t, SIGSEGV);
}

/* The first non-canonical address, and one just under the kernel half. */
static void elf_entry_noncanonical(void)
{
	entry_case(0x0000800000000000UL);
	entry_case(0xffff7fffffffffffUL);
}

/* Taken for an error code (-ENOEXEC and friends are "negative"). */
static void elf_entry_high_bit(void)
{
	entry_case(0x8000000000000000UL);
	entry_case(-8UL);       /* -ENOEXEC */
	entry_case(-1UL);
}

/* Kernel text and the direct map. */
static void elf_entry_kernel_space(void)
{
	entry_case(0xffffffff80100000UL);
	entry_case(0xffff800000000000UL);
}

/* Canonical user addresses where nothing is mapped: the program faults. */
static void elf_entry_unmapped(void)
{
	entry_case(0);
	entry_case(0x7ffffffff000UL - 1);       /* the last byte below TASK_SIZE */
	entry_case(TINY_BASE + 0x1000);         /* the page after the text */
}

static void elf_interp_missing(void)
{
	static const char interp[] = "/nonexistent/ld-keyhole.so";
	struct tiny_elf t;
	size_t off;

	tiny_build(&t);
	off = t.size;
	memcpy(t.bytes + off, interp, sizeof(interp));
	t.size += sizeof(interp);
	add_phdr(&t, (Elf64_Phdr){ .p_type = PT_INTERP, .p_flags = PF_R, .p_offset = off,
				   .p_filesz = sizeof(interp), .p_memsz = sizeof(interp),
				   .p_align = 1 });
	check_errno(&t, ENOENT);
}

/* The interpreter path has no NUL at its end: ENOEXEC, before any open. */
static void elf_interp_unterminated(void)
{
	struct tiny_elf t;

	tiny_build(&t);
	add_phdr(&t, (Elf64_Phdr){ .p_type = PT_INTERP, .p_flags = PF_R, .p_offset = 0,
				   .p_filesz = 4, .p_memsz = 4, .p_align = 1 });
	check_errno(&t, ENOEXEC);
}

/* Write t, then make the file size bytes long: a zero byte at its end,
 * a hole before it. */
static bool write_sized(struct tiny_elf *t, off_t size)
{
	int fd;
	bool ok;

	if (!CHECK_SYS(tiny_write(t, PATH)) || !CHECK_SYS(fd = open(PATH, O_WRONLY)))
		return false;
	ok = CHECK_EQ(pwrite(fd, "", 1, size - 1), 1);
	close(fd);
	return ok;
}

/* A file larger than the kernel could hold in one piece (4 MiB on
 * keyhole, which read the whole file into contiguous pages: -ENOMEM). */
static void elf_big_file_runs(void)
{
	struct tiny_elf t;
	struct exec_result r = { -1, -1 };

	tiny_build(&t);
	if (write_sized(&t, 6 << 20))
		exec_file(PATH, 5, &r);
	unlink(PATH);
	CHECKF(r.err == 0 && WIFEXITED(r.status) && WEXITSTATUS(r.status) == TINY_EXIT,
	       "a 6 MiB program: wanted exit %d, got: %s", TINY_EXIT, exec_result_str(&r));
}

/* A big file of zeros is no ELF file: -ENOEXEC, not -ENOMEM. */
static void elf_big_file_not_elf(void)
{
	struct tiny_elf t;
	struct exec_result r = { -1, -1 };

	memset(&t, 0, sizeof(t));
	t.size = 1;
	if (write_sized(&t, 16 << 20))
		exec_file(PATH, 5, &r);
	unlink(PATH);
	CHECKF(r.err == ENOEXEC, "a 16 MiB file of zeros: wanted ENOEXEC, got: %s",
	       exec_result_str(&r));
}

/* Run the empty-segment and bad-entry programs many times: nothing leaks. */
static void bad_entry_cycle(void)
{
	struct exec_result r;

	exec_file(PATH, 5, &r);
}

static void elf_bad_entry_no_leak(void)
{
	struct tiny_elf t;

	tiny_build(&t);
	tiny_ehdr(&t)->e_entry = 0xffffffff80100000UL;
	if (!CHECK_SYS(tiny_write(&t, PATH)))
		return;
	ut_check_no_leak(bad_entry_cycle, 50, "execs of a program with a kernel entry point");
	unlink(PATH);
}

/*
 * vfork children that exec good and bad programs while their parents are
 * SIGKILLed: the child's wake-up of the vforked parent (mm_release) read
 * the parent's stack after letting it go, a use of freed memory when a
 * SIGKILL had woken the parent early. Every process must end, the
 * kernel must survive, and memory must come back.
 *
 * The vfork children outlive their killed parent and are reaped by init
 * at its own pace, so a cycle waits until they are gone (their pids come
 * through a pipe they hold open until they exit); otherwise freeram would
 * count orphans still alive at either end of the check.
 */
static void vfork_kill_cycle(void)
{
	static const char *const progs[] = { PATH, PATH ".bad" };
	static unsigned int n;
	pid_t orphans[4];
	int fds[2], nr = 0;
	ssize_t got;

	if (!CHECK_SYS(pipe(fds)))
		return;
	pid_t parent = fork();

	if (parent == 0) {
		close(fds[0]);
		for (int i = 0; i < 4; i++) {
			pid_t c = vfork();

			if (c == 0) {
				char *argv[] = { (char *)progs[i & 1], NULL }, *envp[] = { NULL };
				pid_t me = getpid();

				if (write(fds[1], &me, sizeof(me)) != sizeof(me))
					_exit(126);
				execve(progs[i & 1], argv, envp);
				_exit(127);
			}
			while (c > 0 && waitpid(c, NULL, 0) < 0 && errno == EINTR)
				;
		}
		_exit(0);
	}
	close(fds[1]);
	for (volatile unsigned int spin = 0; spin < (n++ % 64) * 500; spin++)
		;
	kill(parent, SIGKILL);
	ut_wait(parent);
	/* EOF once the parent and every vfork child have exited. */
	while (nr < 4 && (got = read(fds[0], &orphans[nr], sizeof(orphans[0]))) != 0) {
		if (got == sizeof(orphans[0]))
			nr++;
		else if (!(got < 0 && errno == EINTR))
			break;
	}
	char rest;
	while (read(fds[0], &rest, 1) < 0 && errno == EINTR)
		;
	close(fds[0]);
	for (int i = 0; i < nr; i++)
		CHECKF(ut_reaped(orphans[i]), "vfork child %d was never reaped", orphans[i]);
}

static void elf_vfork_exec_parent_killed(void)
{
	struct tiny_elf t;

	tiny_build(&t);
	if (!CHECK_SYS(tiny_write(&t, PATH)))
		return;
	tiny_ehdr(&t)->e_entry = 0xffffffff80100000UL;
	if (!CHECK_SYS(tiny_write(&t, PATH ".bad")))
		return;
	ut_check_no_leak(vfork_kill_cycle, 200, "vfork/exec rounds with the parent killed");
	unlink(PATH);
	unlink(PATH ".bad");
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(elf_tiny_program_runs);
	RUN(elf_memsz_zero_segment);
	RUN(elf_memsz_zero_only_segment);
	RUN(elf_memsz_zero_inside_segment);
	RUN(elf_entry_noncanonical);
	RUN(elf_entry_high_bit);
	RUN(elf_entry_kernel_space);
	RUN(elf_entry_unmapped);
	RUN(elf_interp_missing);
	RUN(elf_interp_unterminated);
	RUN(elf_big_file_runs);
	RUN(elf_big_file_not_elf);
	RUN(elf_bad_entry_no_leak);
	RUN(elf_vfork_exec_parent_killed);
	return ut_done();
}
