/*
 * fake_ld - a stand-in program interpreter for the tests of dynamic ELF
 * (user/tests/elf_interp.c). A program whose PT_INTERP names this file
 * starts here, on the program's initial stack, as a real ld.so does. It
 * checks what the kernel handed over against the program's file (named
 * by $FAKE_LD_EXECFN) and against itself, prints one line
 *
 *	fake_ld: ok bias=0x... base=0x...
 *
 * (the program's load bias, AT_ENTRY - e_entry, and the interpreter's,
 * AT_BASE) or "fake_ld: FAIL ..." lines, and then, if all was well, jumps
 * to the program's entry point with the stack as it found it, as ld.so
 * does once the libraries are in; otherwise it exits 99.
 *
 * Built as a musl static-pie (user/user.mk) and run by the very same file
 * on Linux and keyhole: its checks hold on both, so they are relations
 * (AT_PHDR is where the program headers are in memory, AT_BASE where this
 * file was loaded ...) and values Linux fixes (AT_PAGESZ, the order of the
 * auxiliary vector).
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ARCH_GET_FS 0x1003

#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif

extern const char __ehdr_start[] __attribute__((visibility("hidden")));

static int failures;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (write(1, buf, (size_t)n) != n)
		_exit(98);
}

#define FAIL(...) (failures++, say("fake_ld: FAIL " __VA_ARGS__))
#define EXPECT(cond, ...) ((cond) ? true : (FAIL(__VA_ARGS__), false))

/* Linux's order (fs/binfmt_elf.c create_elf_tables, x86_64): newer
 * kernels add others (AT_RSEQ_*), anywhere. */
static const unsigned long linux_order[] = {
	AT_SYSINFO_EHDR, AT_MINSIGSTKSZ, AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT,
	AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY, AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE,
	AT_RANDOM, AT_HWCAP2, AT_EXECFN, AT_PLATFORM,
};
#define NKNOWN (sizeof(linux_order) / sizeof(linux_order[0]))

static unsigned long aux[64];
static bool have[64];

static sigjmp_buf ill_jmp;

static void on_sigill(int sig)
{
	(void)sig;
	siglongjmp(ill_jmp, 1);
}

/* AT_HWCAP2's FSGSBASE bit says whether rdfsbase works in user mode. */
static void check_hwcap2(unsigned long hwcap2)
{
	struct sigaction sa = { .sa_handler = on_sigill };
	unsigned long fs = 0;
	volatile unsigned long got = 0;
	volatile bool trapped = false;

	EXPECT((hwcap2 & ~3UL) == 0, "AT_HWCAP2 %#lx has bits Linux does not set on x86_64\n",
	       hwcap2);
	syscall(SYS_arch_prctl, ARCH_GET_FS, &fs);
	sigaction(SIGILL, &sa, NULL);
	if (sigsetjmp(ill_jmp, 1) == 0) {
		unsigned long v;

		__asm__ __volatile__("rdfsbase %0" : "=r"(v));
		got = v;
	} else
		trapped = true;
	signal(SIGILL, SIG_DFL);
	if (hwcap2 & 2)
		EXPECT(!trapped && got == fs, "AT_HWCAP2 says FSGSBASE, but rdfsbase %s\n",
		       trapped ? "traps" : "reads another base");
	else
		EXPECT(trapped, "AT_HWCAP2 has no FSGSBASE, but rdfsbase works\n");
}

static void check_hwcap(unsigned long hwcap)
{
	unsigned int a, b, c, d;
	/* FPU TSC CX8 CMOV MMX FXSR SSE SSE2: every x86_64 CPU has them. */
	const unsigned long must = 1 | 1 << 4 | 1 << 8 | 1 << 15 | 1 << 23 | 1 << 24 | 1 << 25 |
				   1 << 26;

	__asm__ __volatile__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
	EXPECT((hwcap & ~(unsigned long)d) == 0, "AT_HWCAP %#lx is not CPUID.1:EDX %#x\n", hwcap, d);
	EXPECT((hwcap & must) == must, "AT_HWCAP %#lx lacks base x86_64 features\n", hwcap);
}

/* The program's file against AT_PHDR, AT_PHNUM, AT_ENTRY: return the bias. */
static unsigned long check_program(const char *path)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph[16];
	unsigned long bias, phdr_va = 0;
	int fd = open(path, O_RDONLY);

	if (!EXPECT(fd >= 0, "cannot open the program %s\n", path))
		return 0;
	if (!EXPECT(pread(fd, &eh, sizeof(eh), 0) == sizeof(eh) && eh.e_phnum <= 16 &&
		    pread(fd, ph, eh.e_phnum * sizeof(ph[0]), (off_t)eh.e_phoff) ==
		    (ssize_t)(eh.e_phnum * sizeof(ph[0])), "cannot read the program's headers\n")) {
		close(fd);
		return 0;
	}
	close(fd);
	bias = aux[AT_ENTRY] - eh.e_entry;
	if (eh.e_type == ET_EXEC)
		EXPECT(bias == 0, "ET_EXEC: AT_ENTRY %#lx is not e_entry %#lx\n", aux[AT_ENTRY],
		       (unsigned long)eh.e_entry);
	else
		EXPECT(bias && bias % 4096 == 0, "ET_DYN: load bias %#lx is not a page\n", bias);
	EXPECT(aux[AT_PHNUM] == eh.e_phnum, "AT_PHNUM %lu, e_phnum %u\n", aux[AT_PHNUM],
	       eh.e_phnum);
	for (int i = 0; i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_offset <= eh.e_phoff &&
		    eh.e_phoff < ph[i].p_offset + ph[i].p_filesz)
			phdr_va = eh.e_phoff - ph[i].p_offset + ph[i].p_vaddr;
	if (EXPECT(aux[AT_PHDR] == phdr_va + bias, "AT_PHDR %#lx, wanted %#lx\n", aux[AT_PHDR],
		   phdr_va + bias))
		EXPECT(memcmp((void *)aux[AT_PHDR], ph, eh.e_phnum * sizeof(ph[0])) == 0,
		       "the program headers at AT_PHDR are not the file's\n");
	return bias;
}

int main(int argc, char **argv, char **envp)
{
	long *sp = (long *)argv - 1;
	const char *want_execfn = getenv("FAKE_LD_EXECFN");
	unsigned long keys[64], lowest_string = ~0UL, highest_string = 0, bias;
	int nkeys = 0, e, k = 0;

	EXPECT(*sp == argc && argv[argc] == NULL, "argc %ld and argv disagree\n", *sp);
	EXPECT((unsigned long)sp % 16 == 0, "the initial stack %p is not 16-byte aligned\n",
	       (void *)sp);
	for (e = 0; envp[e]; e++)
		;
	for (Elf64_auxv_t *a = (Elf64_auxv_t *)(envp + e + 1); a->a_type != AT_NULL; a++) {
		if (nkeys < 64)
			keys[nkeys++] = a->a_type;
		if (a->a_type < 64) {
			EXPECT(!have[a->a_type], "auxv key %lu twice\n", a->a_type);
			have[a->a_type] = true;
			aux[a->a_type] = a->a_un.a_val;
		}
	}
	/* The known keys, all there, in Linux's order. */
	for (int i = 0; i < nkeys; i++) {
		bool known = false;

		for (size_t j = 0; j < NKNOWN; j++)
			known |= keys[i] == linux_order[j];
		if (!known)
			continue;
		if (!EXPECT(k < (int)NKNOWN && keys[i] == linux_order[k],
			    "auxv key %lu at place %d of Linux's order, wanted %lu\n", keys[i], k,
			    k < (int)NKNOWN ? linux_order[k] : 0))
			break;
		k++;
	}
	EXPECT(k == (int)NKNOWN, "auxv has %d of Linux's %zu keys\n", k, NKNOWN);

	EXPECT(aux[AT_PAGESZ] == 4096, "AT_PAGESZ %lu\n", aux[AT_PAGESZ]);
	EXPECT(aux[AT_CLKTCK] == 100, "AT_CLKTCK %lu\n", aux[AT_CLKTCK]);
	EXPECT(aux[AT_PHENT] == sizeof(Elf64_Phdr), "AT_PHENT %lu\n", aux[AT_PHENT]);
	EXPECT(aux[AT_FLAGS] == 0, "AT_FLAGS %lu\n", aux[AT_FLAGS]);
	EXPECT(aux[AT_UID] == getuid() && aux[AT_EUID] == geteuid() && aux[AT_GID] == getgid() &&
	       aux[AT_EGID] == getegid(), "AT_UID/EUID/GID/EGID are not the process's ids\n");
	EXPECT(aux[AT_SECURE] == 0, "AT_SECURE %lu without set-ID\n", aux[AT_SECURE]);
	EXPECT(aux[AT_BASE] == (unsigned long)__ehdr_start,
	       "AT_BASE %#lx, but the interpreter is at %p\n", aux[AT_BASE], (void *)__ehdr_start);
	EXPECT(aux[AT_MINSIGSTKSZ] >= 1024 && aux[AT_MINSIGSTKSZ] <= (1 << 20),
	       "AT_MINSIGSTKSZ %lu\n", aux[AT_MINSIGSTKSZ]);
	EXPECT(have[AT_SYSINFO_EHDR] && aux[AT_SYSINFO_EHDR] % 4096 == 0 &&
	       memcmp((void *)aux[AT_SYSINFO_EHDR], ELFMAG, SELFMAG) == 0,
	       "AT_SYSINFO_EHDR %#lx is not the vDSO's ELF header\n", aux[AT_SYSINFO_EHDR]);
	check_hwcap(aux[AT_HWCAP]);
	check_hwcap2(aux[AT_HWCAP2]);

	/* The strings: argv's, then envp's, then AT_EXECFN's at the top;
	 * AT_PLATFORM's and the AT_RANDOM bytes below them all. */
	for (int i = 0; i < argc; i++)
		lowest_string = (unsigned long)argv[i] < lowest_string ? (unsigned long)argv[i] :
									lowest_string;
	for (int i = 0; i < e; i++)
		highest_string = (unsigned long)envp[i] > highest_string ? (unsigned long)envp[i] :
									  highest_string;
	if (EXPECT(have[AT_EXECFN], "no AT_EXECFN\n")) {
		EXPECT(!want_execfn || strcmp((char *)aux[AT_EXECFN], want_execfn) == 0,
		       "AT_EXECFN \"%s\", wanted \"%s\"\n", (char *)aux[AT_EXECFN], want_execfn);
		EXPECT(aux[AT_EXECFN] > highest_string, "AT_EXECFN is not above the environment\n");
	}
	if (EXPECT(have[AT_PLATFORM], "no AT_PLATFORM\n")) {
		EXPECT(strcmp((char *)aux[AT_PLATFORM], "x86_64") == 0, "AT_PLATFORM \"%s\"\n",
		       (char *)aux[AT_PLATFORM]);
		EXPECT(aux[AT_PLATFORM] < lowest_string, "AT_PLATFORM is not below argv's strings\n");
	}
	EXPECT(aux[AT_RANDOM] > (unsigned long)(envp + e) && aux[AT_RANDOM] + 16 <= aux[AT_PLATFORM],
	       "AT_RANDOM %#lx is not between the auxv and AT_PLATFORM\n", aux[AT_RANDOM]);

	bias = want_execfn ? check_program(want_execfn) : 0;
	if (failures) {
		say("fake_ld: %d failures\n", failures);
		_exit(99);
	}
	say("fake_ld: ok bias=%#lx base=%#lx\n", bias, aux[AT_BASE]);
	__asm__ __volatile__("mov %0, %%rsp\n\t"
			     "xor %%edx, %%edx\n\t"
			     "jmp *%1"
			     : : "r"(sp), "r"(aux[AT_ENTRY]) : "memory");
	__builtin_unreachable();
}
