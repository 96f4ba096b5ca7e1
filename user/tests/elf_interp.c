/*
 * elf_interp.c - exec of programs with a program interpreter (PT_INTERP)
 * and of PIE programs, and the auxiliary vector, as Linux does them.
 *
 * The interpreter in most cases is helpers/fake_ld (user/tests/helpers/
 * fake_ld.c, a musl static-pie beside this test), which checks the stack
 * and auxiliary vector it is started with against the program's file and
 * itself, prints "fake_ld: ok bias=... base=...", and jumps to the
 * program, a tiny one of elftest.h (tiny_dyn_build) that exits 42. So a
 * case sees: the exec went through, the interpreter ran first, what it
 * found was right, and the program ran after it.
 *
 * The bad files follow load_elf_binary(): before the point of no return
 * execve fails (a missing interpreter ENOENT, a directory or a file
 * without execute permission EACCES, a file shorter than an ELF header
 * EIO, not ELF or not x86_64 ELIBBAD, a bad PT_INTERP ENOEXEC); past it,
 * an interpreter that cannot be loaded (not ET_EXEC/ET_DYN, no PT_LOAD,
 * a segment bigger than the address space, an entry point outside user
 * space) kills the process with SIGSEGV. An interpreter that itself has a
 * PT_INTERP is loaded all the same: only the program's is looked at.
 *
 * Cases that depend on where Linux puts things ask it for no address
 * randomization (personality ADDR_NO_RANDOMIZE, which keyhole takes and
 * which changes nothing there: keyhole never randomizes).
 */
#include "elftest.h"

#include <elf.h>
#include <libgen.h>
#include <sys/stat.h>

#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif

#define PROG    "/tmp/elf_interp.prog"
#define INTERP  "/tmp/elf_interp.interp"
#define PIE_BASE 0x555555554000UL       /* ELF_ET_DYN_BASE, page aligned */

static char fake_ld[512];

static const char *helper(const char *name, char *buf, size_t len)
{
	char self[512];

	snprintf(self, sizeof(self), "%s", ut_self_path());
	snprintf(buf, len, "%s/helpers/%s", dirname(self), name);
	return buf;
}

/* Exec path with argv { path } and FAKE_LD_EXECFN=path; output in out. */
static bool run_prog(const char *path, bool norandom, bool use_vfork, char *out, size_t outlen,
		     struct exec_result *r)
{
	char env[600];
	char *argv[] = { (char *)path, "one", "two", NULL };
	char *envp[] = { env, "OTHER=x", NULL };
	struct exec_spec s = { path, argv, envp, norandom, use_vfork };

	snprintf(env, sizeof(env), "FAKE_LD_EXECFN=%s", path);
	return exec_capture(&s, out, outlen, r);
}

/* Write the tiny program of type with interp as its PT_INTERP to PROG. */
static bool write_prog(int type, const char *interp)
{
	struct tiny_elf t;

	tiny_dyn_build(&t, type, interp, 42);
	return CHECK_SYS(tiny_write(&t, PROG));
}

/* fake_ld's verdict: wanted "ok", its bias and base. */
static void check_fake_ld_ok(const char *out, const struct exec_result *r, unsigned long *bias,
			     unsigned long *base)
{
	const char *ok = strstr(out, "fake_ld: ok ");

	CHECKF(r->err == 0 && WIFEXITED(r->status) && WEXITSTATUS(r->status) == 42,
	       "wanted the program to run after the interpreter (exit 42), got: %s; output: %s",
	       exec_result_str(r), out);
	if (!CHECKF(ok && !strstr(out, "FAIL"), "fake_ld said: %s", out))
		return;
	if (!CHECK_EQ(sscanf(ok, "fake_ld: ok bias=%lx base=%lx", bias, base), 2))
		*bias = *base = 0;
}

static void interp_runs_before_static_program(void)
{
	char out[4096];
	struct exec_result r;
	unsigned long bias = 1, base = 0;

	if (!write_prog(ET_EXEC, fake_ld) || !run_prog(PROG, false, false, out, sizeof(out), &r))
		return;
	check_fake_ld_ok(out, &r, &bias, &base);
	CHECK_EQ(bias, 0);
	CHECKF(base && base % 4096 == 0, "AT_BASE %#lx", base);
	unlink(PROG);
}

/* A PIE program goes at ELF_ET_DYN_BASE, the interpreter elsewhere. */
static void interp_runs_before_pie_program(void)
{
	char out[4096];
	struct exec_result r;
	unsigned long bias = 0, base = 0;

	if (!write_prog(ET_DYN, fake_ld) || !run_prog(PROG, true, false, out, sizeof(out), &r))
		return;
	check_fake_ld_ok(out, &r, &bias, &base);
	CHECKF(bias == PIE_BASE, "the PIE program's load bias is %#lx, wanted %#lx", bias,
	       PIE_BASE);
	CHECKF(base > PIE_BASE + (1UL << 30) && base % 4096 == 0,
	       "the interpreter at %#lx, not in the mmap area above the program", base);
	unlink(PROG);
}

/* The same program twice: the same places (no randomization asked). */
static void interp_pie_places_repeat(void)
{
	char out1[4096], out2[4096];
	struct exec_result r;
	unsigned long bias1 = 0, base1 = 0, bias2 = 0, base2 = 0;

	if (!write_prog(ET_DYN, fake_ld) || !run_prog(PROG, true, false, out1, sizeof(out1), &r))
		return;
	check_fake_ld_ok(out1, &r, &bias1, &base1);
	if (!run_prog(PROG, true, false, out2, sizeof(out2), &r))
		return;
	check_fake_ld_ok(out2, &r, &bias2, &base2);
	CHECKF(bias1 == bias2 && base1 == base2, "bias %#lx then %#lx, base %#lx then %#lx",
	       bias1, bias2, base1, base2);
	unlink(PROG);
}

/* A vfork child execs a dynamic program; the parent goes on after it. */
static void interp_exec_from_vfork_child(void)
{
	char out[4096];
	struct exec_result r;
	unsigned long bias = 0, base = 0;

	if (!write_prog(ET_DYN, fake_ld) || !run_prog(PROG, false, true, out, sizeof(out), &r))
		return;
	check_fake_ld_ok(out, &r, &bias, &base);
	unlink(PROG);
}

/* ---- bad interpreters ---- */

/* Exec PROG (PT_INTERP INTERP) in a child: how it ended. */
static struct exec_result run_bad(void)
{
	char out[4096];
	struct exec_result r = { -1, -1 };

	run_prog(PROG, false, false, out, sizeof(out), &r);
	return r;
}

static void expect_errno(int err, const char *what)
{
	struct exec_result r = run_bad();

	CHECKF(r.err == err, "%s: wanted execve to fail with %s, got: %s", what, strerror(err),
	       exec_result_str(&r));
}

static void expect_exit(int code, const char *what)
{
	struct exec_result r = run_bad();

	CHECKF(r.err == 0 && WIFEXITED(r.status) && WEXITSTATUS(r.status) == code,
	       "%s: wanted exit %d, got: %s", what, code, exec_result_str(&r));
}

static void expect_sigsegv(const char *what)
{
	struct exec_result r = run_bad();

	CHECKF(r.err == 0 && WIFSIGNALED(r.status) && WTERMSIG(r.status) == SIGSEGV,
	       "%s: wanted the exec to go through and the process to die of SIGSEGV, got: %s",
	       what, exec_result_str(&r));
}

/* Write len bytes to INTERP with mode. */
static bool write_interp(const void *bytes, size_t len, mode_t mode)
{
	int fd;
	bool ok;

	unlink(INTERP);
	if (!CHECK_SYS(fd = open(INTERP, O_WRONLY | O_CREAT | O_TRUNC, mode)))
		return false;
	ok = CHECK_EQ(write(fd, bytes, len), (ssize_t)len);
	close(fd);
	return ok && CHECK_SYS(chmod(INTERP, mode));
}

/* An interpreter that is the tiny ET_DYN program exiting 43, changed by fn. */
static bool write_tiny_interp(void (*fn)(struct tiny_elf *t))
{
	struct tiny_elf t;

	tiny_dyn_build(&t, ET_DYN, NULL, 43);
	if (fn)
		fn(&t);
	return write_interp(t.bytes, t.size, 0755);
}

static void interp_missing_or_not_executable(void)
{
	if (!write_prog(ET_EXEC, INTERP))
		return;
	unlink(INTERP);
	expect_errno(ENOENT, "no interpreter");
	if (write_tiny_interp(NULL) && CHECK_SYS(chmod(INTERP, 0644)))
		expect_errno(EACCES, "an interpreter without execute permission");
	unlink(INTERP);
	if (CHECK_SYS(mkdir(INTERP, 0755)))
		expect_errno(EACCES, "an interpreter that is a directory");
	rmdir(INTERP);
	unlink(PROG);
}

/* The interpreter's file is deleted between two execs of the program. */
static void interp_deleted(void)
{
	if (!write_prog(ET_EXEC, INTERP) || !write_tiny_interp(NULL))
		return;
	expect_exit(43, "the tiny interpreter");
	CHECK_SYS(unlink(INTERP));
	expect_errno(ENOENT, "the interpreter deleted");
	unlink(PROG);
}

static void interp_too_short_or_not_elf(void)
{
	static const char text[] = "this is no ELF file, but it is longer than an ELF header: "
				   "sixty-four bytes and some more.\n";
	static const char script[] = "#!/bin/sh\necho an interpreter that is a script: "
				     "longer than an ELF header, too\n";

	if (!write_prog(ET_EXEC, INTERP))
		return;
	if (write_interp("", 0, 0755))
		expect_errno(EIO, "an empty interpreter");
	if (write_interp(text, 10, 0755))
		expect_errno(EIO, "an interpreter shorter than an ELF header");
	if (write_interp(text, sizeof(text) - 1, 0755))
		expect_errno(ELIBBAD, "a text file as interpreter");
	if (write_interp(script, sizeof(script) - 1, 0755))
		expect_errno(ELIBBAD, "a #! script as interpreter");
	unlink(INTERP);
	unlink(PROG);
}

static void mach_aarch64(struct tiny_elf *t) { tiny_ehdr(t)->e_machine = 183; }
static void phentsize_0(struct tiny_elf *t) { tiny_ehdr(t)->e_phentsize = 0; }
static void phnum_0(struct tiny_elf *t) { tiny_ehdr(t)->e_phnum = 0; }
static void phoff_past_eof(struct tiny_elf *t) { tiny_ehdr(t)->e_phoff = 0x10000; }
static void type_rel(struct tiny_elf *t) { tiny_ehdr(t)->e_type = ET_REL; }
static void type_core(struct tiny_elf *t) { tiny_ehdr(t)->e_type = ET_CORE; }
static void no_load(struct tiny_elf *t) { tiny_phdr(t, 0)->p_type = PT_NULL; }
static void memsz_huge(struct tiny_elf *t) { tiny_phdr(t, 0)->p_memsz = 1UL << 47; }
static void filesz_gt_memsz(struct tiny_elf *t) { tiny_phdr(t, 0)->p_filesz += 0x2000; }
static void entry_kernel(struct tiny_elf *t) { tiny_ehdr(t)->e_entry = 0xffff800000000000UL; }
static void class_32(struct tiny_elf *t) { tiny_ehdr(t)->e_ident[EI_CLASS] = ELFCLASS32; }

static void interp_bad_elf_header(void)
{
	if (!write_prog(ET_EXEC, INTERP))
		return;
	if (write_tiny_interp(mach_aarch64))
		expect_errno(ELIBBAD, "an aarch64 interpreter");
	if (write_tiny_interp(phentsize_0))
		expect_errno(ELIBBAD, "an interpreter with e_phentsize 0");
	if (write_tiny_interp(phnum_0))
		expect_errno(ELIBBAD, "an interpreter with no program headers");
	if (write_tiny_interp(phoff_past_eof))
		expect_errno(ELIBBAD, "an interpreter whose program headers are past its end");
	/* Linux does not look at EI_CLASS: the file loads as the 64-bit one it is. */
	if (write_tiny_interp(class_32))
		expect_exit(43, "an interpreter marked ELFCLASS32");
	unlink(INTERP);
	unlink(PROG);
}

/* Past the point of no return: the process dies. */
static void interp_unloadable_kills(void)
{
	if (!write_prog(ET_EXEC, INTERP))
		return;
	if (write_tiny_interp(type_rel))
		expect_sigsegv("an ET_REL interpreter");
	if (write_tiny_interp(type_core))
		expect_sigsegv("an ET_CORE interpreter");
	if (write_tiny_interp(no_load))
		expect_sigsegv("an interpreter with no PT_LOAD");
	if (write_tiny_interp(memsz_huge))
		expect_sigsegv("an interpreter with a 128 TiB segment");
	if (write_tiny_interp(filesz_gt_memsz))
		expect_sigsegv("an interpreter with p_filesz > p_memsz");
	if (write_tiny_interp(entry_kernel))
		expect_sigsegv("an interpreter whose entry point is in kernel space");
	unlink(INTERP);
	unlink(PROG);
}

/* The interpreter's own PT_INTERP is not looked at; the interpreter starts
 * at its own entry point, not the program's. */
static void interp_with_interp_runs(void)
{
	struct tiny_elf t;

	if (!write_prog(ET_DYN, INTERP))
		return;
	tiny_dyn_build(&t, ET_DYN, "/nonexistent/ld.so", 43);
	if (write_interp(t.bytes, t.size, 0755))
		expect_exit(43, "an interpreter with a PT_INTERP of its own");
	tiny_dyn_build(&t, ET_EXEC, NULL, 43);
	if (write_interp(t.bytes, t.size, 0755))
		expect_exit(43, "an ET_EXEC interpreter");
	unlink(INTERP);
	unlink(PROG);
}

/* PT_INTERP itself: its size, its NUL, its offset (ENOEXEC, EIO, EINVAL). */
static void interp_path_bad(void)
{
	struct tiny_elf t;
	Elf64_Phdr *ph;

	tiny_dyn_build(&t, ET_EXEC, INTERP, 42);
	ph = tiny_phdr(&t, 1);
	struct { unsigned long off, size; int err; const char *what; } cases[] = {
		{ ph->p_offset, 1, ENOEXEC, "a PT_INTERP of 1 byte" },
		{ ph->p_offset, 4097, ENOEXEC, "a PT_INTERP longer than PATH_MAX" },
		{ ph->p_offset, ph->p_filesz - 1, ENOEXEC, "a PT_INTERP without its NUL" },
		{ 0x10000, ph->p_filesz, EIO, "a PT_INTERP past the end of the file" },
		{ 1UL << 63, ph->p_filesz, EINVAL, "a PT_INTERP at a negative offset" },
		{ ph->p_offset + ph->p_filesz - 2, 2, EACCES, "an empty interpreter path (Linux: "
		  "the current directory)" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tiny_elf c = t;

		tiny_phdr(&c, 1)->p_offset = cases[i].off;
		tiny_phdr(&c, 1)->p_filesz = cases[i].size;
		if (cases[i].err == EACCES)     /* its bytes: the path's last, then NUL */
			c.bytes[cases[i].off] = '\0';
		if (CHECK_SYS(tiny_write(&c, PROG)))
			expect_errno(cases[i].err, cases[i].what);
	}
	unlink(PROG);
}

static void interp_cycle(void)
{
	char out[4096];
	struct exec_result r;

	run_prog(PROG, false, false, out, sizeof(out), &r);
}

static void interp_exec_no_leak(void)
{
	if (!write_prog(ET_DYN, fake_ld))
		return;
	ut_check_no_leak(interp_cycle, 30, "execs of a PIE program with an interpreter");
	unlink(PROG);
}

/* ---- a glibc static-pie program, and this program's own auxv ---- */

static void glibc_static_pie_runs(void)
{
	char path[512], out[4096];
	char *argv[] = { path, "arg1", NULL }, *envp[] = { "GLIBC_SPIE=1", NULL };
	struct exec_spec s = { path, argv, envp, true, false };
	struct exec_result r;

	helper("glibc_spie", path, sizeof(path));
	if (!exec_capture(&s, out, sizeof(out), &r))
		return;
	CHECKF(r.err == 0 && WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	       "glibc_spie: %s; output: %s", exec_result_str(&r), out);
	CHECKF(strstr(out, "glibc_spie: ok\n") && !strstr(out, "FAIL"), "glibc_spie said: %s",
	       out);
}

/* A Debian-style dynamic program: glibc's loader maps libc.so.6 from
 * the file and starts the program. */
static void glibc_dynamic_program_runs(void)
{
	char path[512], out[4096];
	char *argv[] = { path, "arg1", NULL }, *envp[] = { NULL };
	struct exec_spec s = { path, argv, envp, false, false };
	struct exec_result r;

	helper("glibc_dyn", path, sizeof(path));
	if (!exec_capture(&s, out, sizeof(out), &r))
		return;
	CHECKF(r.err == 0 && WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	       "glibc_dyn: %s; output: %s", exec_result_str(&r), out);
	CHECKF(strstr(out, "glibc_dyn: ok\n") && !strstr(out, "FAIL"), "glibc_dyn said: %s", out);
}

/* glibc's own loader run as a command: an ET_DYN with no interpreter,
 * loaded in the mmap area; --version needs nothing but itself. */
static void ld_so_runs_as_command(void)
{
	char *argv[] = { "/lib64/ld-linux-x86-64.so.2", "--version", NULL }, *envp[] = { NULL };
	struct exec_spec s = { argv[0], argv, envp, false, false };
	char out[4096];
	struct exec_result r;

	if (!exec_capture(&s, out, sizeof(out), &r))
		return;
	CHECKF(r.err == 0 && WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	       "ld.so --version: %s; output: %s", exec_result_str(&r), out);
	CHECKF(strncmp(out, "ld.so (", 7) == 0, "ld.so --version printed: %s", out);
}

extern const char __ehdr_start[] __attribute__((visibility("hidden")));
extern char _start[];
static unsigned long self_aux[64];
static int self_keys[64], self_nkeys;

/* This program's own auxv, from the stack as exec left it (main's envp). */
static void read_self_auxv(char **envp)
{
	int e = 0;

	while (envp[e])
		e++;
	for (Elf64_auxv_t *a = (Elf64_auxv_t *)(envp + e + 1); a->a_type != AT_NULL; a++) {
		if (self_nkeys < 64)
			self_keys[self_nkeys++] = (int)a->a_type;
		if (a->a_type < 64)
			self_aux[a->a_type] = a->a_un.a_val;
	}
}

/* Static (keyhole's musl build) or dynamic (the host's glibc build), the
 * relations hold: AT_PHDR is this program's table, AT_ENTRY its _start,
 * AT_BASE 0 exactly when it has no interpreter. */
static void auxv_of_this_program(void)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)__ehdr_start;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(__ehdr_start + eh->e_phoff);
	bool has_interp = false;
	static const int order[] = { AT_SYSINFO_EHDR, AT_MINSIGSTKSZ, AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR,
				     AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY, AT_UID,
				     AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_RANDOM, AT_HWCAP2,
				     AT_EXECFN, AT_PLATFORM };
	size_t k = 0;

	for (int i = 0; i < eh->e_phnum; i++)
		has_interp |= ph[i].p_type == PT_INTERP;
	CHECKF(self_aux[AT_PHDR] == (unsigned long)ph, "AT_PHDR %#lx, the table is at %p",
	       self_aux[AT_PHDR], (void *)ph);
	CHECK_EQ(self_aux[AT_PHNUM], eh->e_phnum);
	CHECKF(self_aux[AT_ENTRY] == (unsigned long)_start, "AT_ENTRY %#lx, _start at %p",
	       self_aux[AT_ENTRY], (void *)_start);
	CHECKF((self_aux[AT_BASE] != 0) == has_interp, "AT_BASE %#lx with%s PT_INTERP",
	       self_aux[AT_BASE], has_interp ? "" : "out");
	for (int i = 0; i < self_nkeys && k < sizeof(order) / sizeof(order[0]); i++) {
		bool known = false;

		for (size_t j = 0; j < sizeof(order) / sizeof(order[0]); j++)
			known |= self_keys[i] == order[j];
		if (known && !CHECKF(self_keys[i] == order[k], "auxv key %d where Linux has %d",
				     self_keys[i], order[k]))
			return;
		k += known;
	}
	CHECKF(k == sizeof(order) / sizeof(order[0]), "only %zu of Linux's auxv keys", k);
}

/* A handler on an alternate stack of AT_MINSIGSTKSZ bytes (at least
 * MINSIGSTKSZ, which sigaltstack asks for) fits: its frame stays inside. */
static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled = 1;
}

static void minsigstksz_holds_a_frame(void)
{
	size_t size = self_aux[AT_MINSIGSTKSZ], below = 4096;
	unsigned char *buf;
	struct sigaction sa;

	if (!CHECKF(size >= 1024, "AT_MINSIGSTKSZ %zu", size))
		return;
	if (size < (size_t)MINSIGSTKSZ)
		size = (size_t)MINSIGSTKSZ;
	buf = malloc(below + size);
	if (!CHECK(buf != NULL))
		return;
	memset(buf, 0xa5, below + size);
	stack_t ss = { .ss_sp = buf + below, .ss_size = size };
	if (!CHECK_SYS(sigaltstack(&ss, NULL)))
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_ONSTACK;
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	raise(SIGUSR1);
	CHECK(handled);
	for (size_t i = 0; i < below; i++)
		if (!CHECKF(buf[i] == 0xa5, "the signal frame went %zu bytes below an alternate "
			    "stack of AT_MINSIGSTKSZ (%zu) bytes", below - i, size))
			break;
	/* The frame used the stack: some byte in it changed. */
	size_t used = 0;
	for (size_t i = below; i < below + size; i++)
		used += buf[i] != 0xa5;
	CHECK_GT(used, 0);
}

int main(int argc, char **argv, char **envp)
{
	read_self_auxv(envp);
	ut_init(argc, argv);
	helper("fake_ld", fake_ld, sizeof(fake_ld));
	RUN(interp_runs_before_static_program);
	RUN(interp_runs_before_pie_program);
	RUN(interp_pie_places_repeat);
	RUN(interp_exec_from_vfork_child);
	RUN(interp_missing_or_not_executable);
	RUN(interp_deleted);
	RUN(interp_too_short_or_not_elf);
	RUN(interp_bad_elf_header);
	RUN(interp_unloadable_kills);
	RUN(interp_with_interp_runs);
	RUN(interp_path_bad);
	RUN(interp_exec_no_leak);
	RUN(glibc_static_pie_runs);
	RUN(ld_so_runs_as_command);
	RUN(glibc_dynamic_program_runs);
	RUN(auxv_of_this_program);
	RUN(minsigstksz_holds_a_frame);
	return ut_done();
}
