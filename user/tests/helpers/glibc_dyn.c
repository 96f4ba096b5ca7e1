/*
 * glibc_dyn - an ordinary dynamically linked glibc program (PIE, with
 * PT_INTERP /lib64/ld-linux-x86-64.so.2 and libc.so.6), exec'd by
 * user/tests/elf_interp.c on Linux and keyhole: the kernel loads it and
 * glibc's loader, which maps libc.so.6 from the file. It checks what the
 * loader and libc make of the kernel's work and prints "glibc_dyn: ok"
 * or "glibc_dyn: FAIL ..." lines: AT_BASE is where the loader is
 * (dl_iterate_phdr names it), AT_PHDR the program's own headers, AT_ENTRY
 * its _start, and thread-local storage, malloc, stdio and fork work.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>

extern char _start[];
static __thread int tls_word = 7;
static int failures;
static unsigned long ld_base, main_phdr, libc_base;

#define EXPECT(cond, ...) \
	((cond) ? 1 : (failures++, printf("glibc_dyn: FAIL " __VA_ARGS__), 0))

static int each_object(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	(void)arg;
	if (info->dlpi_name[0] == '\0' && !main_phdr)
		main_phdr = (unsigned long)info->dlpi_phdr;
	else if (strstr(info->dlpi_name, "ld-linux-x86-64.so.2"))
		ld_base = info->dlpi_addr;
	else if (strstr(info->dlpi_name, "libc.so.6"))
		libc_base = info->dlpi_addr;
	return 0;
}

int main(int argc, char **argv)
{
	char *p = malloc(100000);
	int status = -1;
	pid_t pid;

	dl_iterate_phdr(each_object, NULL);
	EXPECT(argc == 2 && strcmp(argv[1], "arg1") == 0, "argv\n");
	EXPECT(getauxval(AT_BASE) && getauxval(AT_BASE) == ld_base,
	       "AT_BASE %#lx, the loader is at %#lx\n", getauxval(AT_BASE), ld_base);
	EXPECT(libc_base != 0, "no libc.so.6 among the loaded objects\n");
	EXPECT(getauxval(AT_PHDR) == main_phdr, "AT_PHDR %#lx, the program's headers at %#lx\n",
	       getauxval(AT_PHDR), main_phdr);
	EXPECT(getauxval(AT_ENTRY) == (unsigned long)_start, "AT_ENTRY %#lx, _start at %p\n",
	       getauxval(AT_ENTRY), (void *)_start);
	EXPECT(tls_word == 7 && ++tls_word == 8, "thread-local storage\n");
	errno = 0;
	EXPECT(close(-1) < 0 && errno == EBADF, "errno\n");
	EXPECT(p != NULL, "malloc\n");
	if (p)
		memset(p, 1, 100000);
	free(p);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(tls_word == 8 ? 7 : 1);
	EXPECT(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 7, "fork: status %#x\n", status);
	if (!failures)
		printf("glibc_dyn: ok\n");
	return failures != 0;
}
