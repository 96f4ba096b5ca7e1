/*
 * elftest.h - a tiny static x86_64 ELF program written as raw bytes, and a
 * way to exec a file and see how that ended, for the tests of the kernel's
 * ELF loader (elf_load.c, elf_mutate.c).
 *
 * The program (296 bytes, ET_EXEC, no section headers):
 *
 *	offset 0     ELF header
 *	offset 64    3 program headers:
 *	             PT_LOAD  R+X  offset 0      vaddr 0x400000  filesz = memsz = 296
 *	             PT_LOAD  R+W  offset 0x120  vaddr 0x600120  filesz 8, memsz 0x1800
 *	             PT_GNU_STACK RW
 *	offset 232   the code, the entry point:
 *	                 mov  edi, [0x600120]     ; 42, from the data segment
 *	                 add  edi, [0x601800]     ; 0, from .bss (the memsz past filesz)
 *	                 mov  dword [0x601800], 1 ; .bss is writable
 *	                 mov  eax, 60
 *	                 syscall                  ; exit(42)
 *	                 ud2
 *	offset 0x120 the data: 42
 *
 * So a correct load exits 42; a data segment that is missing, misplaced or
 * not zero-filled shows as SIGSEGV or another status. The code does
 * nothing but exit: a mutated copy (elf_mutate.c changes header fields
 * only) cannot do harm on the host either.
 */
#ifndef USER_TESTS_ELFTEST_H
#define USER_TESTS_ELFTEST_H

#include "utest.h"

#include <elf.h>
#include <fcntl.h>

#define TINY_BASE       0x400000UL
#define TINY_DATA_OFF   0x120UL
#define TINY_DATA_VA    (0x600000UL + TINY_DATA_OFF)
#define TINY_BSS_VA     0x601800UL
#define TINY_PHNUM      3
#define TINY_CODE_OFF   (sizeof(Elf64_Ehdr) + TINY_PHNUM * sizeof(Elf64_Phdr))
#define TINY_SIZE       (TINY_DATA_OFF + 8)
#define TINY_EXIT       42

/* Room for a few more program headers than the tiny program has. */
#define TINY_MAX_SIZE   4096

struct tiny_elf {
	unsigned char bytes[TINY_MAX_SIZE];
	size_t size;
};

static inline Elf64_Ehdr *tiny_ehdr(struct tiny_elf *t)
{
	return (Elf64_Ehdr *)t->bytes;
}

static inline Elf64_Phdr *tiny_phdr(struct tiny_elf *t, int i)
{
	return (Elf64_Phdr *)(t->bytes + sizeof(Elf64_Ehdr)) + i;
}

static inline void tiny_build(struct tiny_elf *t)
{
	static const unsigned char code[] = {
		0x8b, 0x3c, 0x25, 0x20, 0x01, 0x60, 0x00,             /* mov edi, [0x600120] */
		0x03, 0x3c, 0x25, 0x00, 0x18, 0x60, 0x00,             /* add edi, [0x601800] */
		0xc7, 0x04, 0x25, 0x00, 0x18, 0x60, 0x00, 1, 0, 0, 0, /* mov dword [0x601800], 1 */
		0xb8, 60, 0, 0, 0,                                    /* mov eax, 60 */
		0x0f, 0x05,                                           /* syscall */
		0x0f, 0x0b,                                           /* ud2 */
	};
	Elf64_Ehdr *eh = tiny_ehdr(t);
	Elf64_Phdr *ph = tiny_phdr(t, 0);
	unsigned int data = TINY_EXIT;

	memset(t, 0, sizeof(*t));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = TINY_BASE + TINY_CODE_OFF;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = TINY_PHNUM;
	ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0,
			      .p_vaddr = TINY_BASE, .p_paddr = TINY_BASE,
			      .p_filesz = TINY_SIZE, .p_memsz = TINY_SIZE, .p_align = 0x1000 };
	ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
			      .p_offset = TINY_DATA_OFF, .p_vaddr = TINY_DATA_VA,
			      .p_paddr = TINY_DATA_VA, .p_filesz = 8, .p_memsz = 0x1800,
			      .p_align = 0x1000 };
	ph[2] = (Elf64_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W, .p_align = 16 };
	memcpy(t->bytes + TINY_CODE_OFF, code, sizeof(code));
	memcpy(t->bytes + TINY_DATA_OFF, &data, sizeof(data));
	t->size = TINY_SIZE;
}

/* Write the program to path, mode 0755. Return: 0, or -1 with errno. */
static inline int tiny_write(const struct tiny_elf *t, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, t->bytes, t->size);
	if (close(fd) < 0 || n != (ssize_t)t->size)
		return -1;
	return 0;
}

/*
 * How an exec ended: err is execve's errno (0: it did not return), status
 * the child's wait status (meaningful when err is 0).
 */
struct exec_result {
	int err;
	int status;
};

/*
 * exec_file - fork a child that execs path (no arguments or environment)
 * under an alarm of alarm_s seconds, and wait for it. The child reports a
 * failed execve's errno through a close-on-exec pipe, so nothing is
 * reported when the exec went through. Return: false if the fork, pipe or
 * wait failed (checked).
 */
static inline bool exec_file(const char *path, unsigned int alarm_s, struct exec_result *r)
{
	int p[2], e = 0;
	pid_t pid;

	if (!CHECK_SYS(pipe2(p, O_CLOEXEC)))
		return false;
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)path, NULL }, *envp[] = { NULL };

		close(p[0]);
		alarm(alarm_s);
		execve(path, argv, envp);
		e = errno;
		if (write(p[1], &e, sizeof(e)) != sizeof(e))
			_exit(127);
		_exit(126);
	}
	close(p[1]);
	if (!CHECK_SYS(pid)) {
		close(p[0]);
		return false;
	}
	if (read(p[0], &e, sizeof(e)) != sizeof(e))
		e = 0;
	close(p[0]);
	r->err = e;
	r->status = ut_wait(pid);
	return CHECK_NE(r->status, -1);
}

/* "errno ENOEXEC", "exited 42", "killed by signal 11 (...)" */
static inline const char *exec_result_str(const struct exec_result *r)
{
	static char buf[128];

	if (r->err)
		snprintf(buf, sizeof(buf), "execve failed: %s", strerror(r->err));
	else
		snprintf(buf, sizeof(buf), "%s", ut_status_str(r->status));
	return buf;
}

#endif /* USER_TESTS_ELFTEST_H */
