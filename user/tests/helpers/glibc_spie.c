/*
 * glibc_spie - a glibc program linked with gcc -static-pie, exec'd by
 * user/tests/elf_interp.c on Linux and keyhole: an ET_DYN program with
 * no interpreter, which relocates itself. It checks what glibc's start-up
 * needs from exec and prints "glibc_spie: ok" or "glibc_spie: FAIL ..."
 * lines: its auxv (no AT_BASE, AT_PHDR at its own program headers,
 * AT_ENTRY at _start), thread-local storage, malloc (brk), stdio, argv
 * and the environment. Run with no address randomization (the test asks
 * Linux for none), it is where Linux puts such a program: in the mmap
 * area, with its heap at ELF_ET_DYN_BASE.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#define DYN_BASE_BRK 0x555555555000UL   /* ELF_ET_DYN_BASE rounded up to a page */

extern const char __ehdr_start[] __attribute__((visibility("hidden")));
extern char _start[];
static __thread int tls_word = 7;
static int failures;

#define EXPECT(cond, ...) \
	((cond) ? 1 : (failures++, printf("glibc_spie: FAIL " __VA_ARGS__), 0))

int main(int argc, char **argv)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)__ehdr_start;
	unsigned long brk0 = (unsigned long)sbrk(0);
	char *p = malloc(100000);

	EXPECT(argc == 2 && strcmp(argv[1], "arg1") == 0, "argv\n");
	EXPECT(getenv("GLIBC_SPIE") && strcmp(getenv("GLIBC_SPIE"), "1") == 0, "environment\n");
	EXPECT(getauxval(AT_BASE) == 0, "AT_BASE %#lx without an interpreter\n",
	       getauxval(AT_BASE));
	EXPECT(getauxval(AT_PHDR) == (unsigned long)__ehdr_start + eh->e_phoff, "AT_PHDR %#lx\n",
	       getauxval(AT_PHDR));
	EXPECT(getauxval(AT_ENTRY) == (unsigned long)_start, "AT_ENTRY %#lx\n",
	       getauxval(AT_ENTRY));
	EXPECT(tls_word == 7 && ++tls_word == 8, "thread-local storage\n");
	errno = 0;
	EXPECT(close(-1) < 0 && errno == EBADF, "errno\n");
	EXPECT(p != NULL, "malloc\n");
	if (p)
		memset(p, 1, 100000);
	free(p);
	EXPECT((unsigned long)__ehdr_start > DYN_BASE_BRK + (1UL << 30),
	       "loaded at %p, not in the mmap area\n", (void *)__ehdr_start);
	EXPECT(brk0 >= DYN_BASE_BRK && brk0 < DYN_BASE_BRK + (1UL << 20),
	       "the heap starts at %#lx, not at ELF_ET_DYN_BASE\n", brk0);
	if (!failures)
		printf("glibc_spie: ok\n");
	return failures != 0;
}
