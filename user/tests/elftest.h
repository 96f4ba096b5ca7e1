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
#include <sys/syscall.h>

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

/*
 * tiny_dyn_build - a tiny program for the tests of PT_INTERP and PIE
 * (elf_interp.c): RIP-relative code, so it runs wherever it is loaded,
 *
 *	offset 0     ELF header
 *	offset 64    program headers: PT_LOAD R+X offset 0 over the whole
 *	             file (vaddr TINY_BASE for ET_EXEC, 0 for ET_DYN), then
 *	             PT_INTERP naming interp (if not NULL), PT_GNU_STACK
 *	then         interp's path and its NUL
 *	then         the entry point, 16-byte aligned:
 *	                 mov  edi, [rip + 10]   ; the exit code, below
 *	                 mov  eax, 60
 *	                 syscall                ; exit(code)
 *	                 ud2
 *	             and the exit code (4 bytes) at entry + 16.
 *
 * The program headers lie in the loaded segment, so AT_PHDR points at
 * them. Return: the program's size (also in t->size).
 */
static inline size_t tiny_dyn_build(struct tiny_elf *t, int type, const char *interp, int code)
{
	static const unsigned char text[] = {
		0x8b, 0x3d, 10, 0, 0, 0,        /* mov edi, [rip + 10] */
		0xb8, 60, 0, 0, 0,              /* mov eax, 60 */
		0x0f, 0x05,                     /* syscall */
		0x0f, 0x0b,                     /* ud2 */
	};
	Elf64_Ehdr *eh = tiny_ehdr(t);
	unsigned long base = type == ET_EXEC ? TINY_BASE : 0;
	int phnum = interp ? 3 : 2, i = 0;
	size_t off = sizeof(Elf64_Ehdr) + (size_t)phnum * sizeof(Elf64_Phdr), ilen, entry;

	memset(t, 0, sizeof(*t));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = (Elf64_Half)type;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = (Elf64_Half)phnum;
	ilen = interp ? strlen(interp) + 1 : 0;
	if (ilen)
		memcpy(t->bytes + off, interp, ilen);
	entry = (off + ilen + 15) & ~15UL;
	memcpy(t->bytes + entry, text, sizeof(text));
	memcpy(t->bytes + entry + 16, &code, sizeof(code));
	t->size = entry + 16 + sizeof(code);
	eh->e_entry = base + entry;
	*tiny_phdr(t, i++) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
					   .p_vaddr = base, .p_paddr = base, .p_filesz = t->size,
					   .p_memsz = t->size, .p_align = 0x1000 };
	if (interp)
		*tiny_phdr(t, i++) = (Elf64_Phdr){ .p_type = PT_INTERP, .p_flags = PF_R,
						   .p_offset = off, .p_vaddr = base + off,
						   .p_paddr = base + off, .p_filesz = ilen,
						   .p_memsz = ilen, .p_align = 1 };
	*tiny_phdr(t, i) = (Elf64_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W,
					 .p_align = 16 };
	return t->size;
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

/*
 * exec_capture - like exec_file, with an argv and envp of the caller's,
 * and the child's standard output read into out (NUL-terminated, at most
 * outlen - 1 bytes). norandom: the child asks for ADDR_NO_RANDOMIZE
 * first (personality), so that Linux puts things where keyhole always
 * does. use_vfork: the child is a vfork child (its exec must wake the
 * parent). Return: false if the fork, pipe or wait failed (checked).
 */
#define ADDR_NO_RANDOMIZE_ 0x0040000
struct exec_spec {
	const char *path;
	char *const *argv;
	char *const *envp;
	bool norandom;
	bool use_vfork;
};

/* The parent's side of exec_capture: the output, the errno, the status. */
static __attribute__((noinline, unused)) bool exec_collect(pid_t pid, int perr, int out_fd,
							  int verr, bool use_vfork, char *out,
							  size_t outlen, struct exec_result *r)
{
	size_t got = 0;
	int e = 0;

	for (;;) {
		char rest[512];
		bool full = got == outlen - 1;
		ssize_t n = full ? read(out_fd, rest, sizeof(rest)) :
				   read(out_fd, out + got, outlen - 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (!full)
			got += (size_t)n;       /* past outlen: read to the end, dropped */
	}
	out[got] = '\0';
	close(out_fd);
	if (read(perr, &e, sizeof(e)) != sizeof(e))
		e = 0;
	close(perr);
	r->err = use_vfork ? verr : e;
	r->status = ut_wait(pid);
	return CHECK_NE(r->status, -1);
}

static inline bool exec_capture(const struct exec_spec *s, char *out, size_t outlen,
				struct exec_result *r)
{
	int p[2], o[2];
	volatile int verr = 0;
	pid_t pid;

	if (!CHECK_SYS(pipe2(p, O_CLOEXEC)))
		return false;
	if (!CHECK_SYS(pipe2(o, O_CLOEXEC))) {
		close(p[0]);
		close(p[1]);
		return false;
	}
	pid = s->use_vfork ? vfork() : fork();
	if (pid == 0) {
		int e;

		if (dup2(o[1], 1) < 0)
			_exit(125);
		if (s->norandom && syscall(SYS_personality, ADDR_NO_RANDOMIZE_) < 0)
			_exit(124);
		if (!s->use_vfork)
			alarm(5);
		execve(s->path, s->argv, s->envp);
		e = errno;
		if (s->use_vfork) {
			verr = e;
			_exit(126);
		}
		if (write(p[1], &e, sizeof(e)) != sizeof(e))
			_exit(127);
		_exit(126);
	}
	close(p[1]);
	close(o[1]);
	if (!CHECK_SYS(pid)) {
		close(p[0]);
		close(o[0]);
		return false;
	}
	return exec_collect(pid, p[0], o[0], verr, s->use_vfork, out, outlen, r);
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
