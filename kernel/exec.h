/*
 * exec.h - what exec needs to start a program: the file (or an image in
 * memory), its first bytes, and the arguments, already in kernel memory;
 * shared by kernel/exec.c (execve, the binary-format loop, the point of no
 * return) and the two formats it knows, kernel/binfmt_elf.c and
 * kernel/binfmt_script.c.
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include "lib/types.h"

struct file;
struct mm_struct;

#define MAX_ARG_STRINGS 0x7fffffff      /* argv + envp entries: an int's worth, as Linux */
#define MAX_ARG_STRLEN  (32 * 4096)     /* one string, with its NUL, as Linux */
#define BINPRM_BUF_SIZE 256             /* the first bytes a format looks at, as Linux */
#define BINPRM_MAX_DEPTH 5              /* format rewrites (#!) past the first: -ELOOP */

/*
 * Where an ET_DYN program with an interpreter goes: 2/3 of the user
 * address space, as Linux's x86_64 ELF_ET_DYN_BASE (DEFAULT_MAP_WINDOW /
 * 3 * 2, not page aligned: the loader rounds it).
 */
#define ELF_ET_DYN_BASE (0x00007ffffffff000UL / 3 * 2)

struct linux_binprm {
	struct file *file;              /* the file being loaded, or NULL: */
	const void *image;              /* the whole program in memory (a GRUB module) */
	size_t size;                    /* of the file or image */
	char buf[BINPRM_BUF_SIZE];      /* its first bytes, zero-padded (prepare_binprm) */
	const char *filename;           /* as given to execve: AT_EXECFN, comm */
	const char *interp;             /* the name of the file being loaded (a #! script's
					 * path in its interpreter's argv) */
	struct file *interpreter;       /* set by a format that wants another file loaded */
	int argc, envc;
	char *const *argv;              /* kernel copies of the strings */
	char *const *envp;
	void *scratch[BINPRM_MAX_DEPTH + 1];    /* #! levels' kmalloc'd lines and argvs */
	unsigned long *user_ptrs;       /* exec's scratch: the strings' user addresses */
	bool point_of_no_return;        /* set by begin_new_exec: the old program is gone */
	umode_t mode;                   /* the file's mode and owner, for its set-ID bits */
	u32 uid, gid;                   /* (0 for an image that is no file: no set-ID) */
	bool secureexec;                /* AT_SECURE: the ids changed (exec_creds) */
};

int exec_binprm(struct linux_binprm *bprm);
int kernel_execve(const char *path, char *const *argv, int argc, char *const *envp, int envc);

/* For the formats (kernel/binfmt_*.c). */
int open_exec(const char *path, struct file **filep);
void begin_new_exec(struct linux_binprm *bprm, struct mm_struct *mm);
int start_thread(struct linux_binprm *bprm, unsigned long ip, unsigned long sp);
int load_elf_binary(struct linux_binprm *bprm);
int load_script(struct linux_binprm *bprm);

#endif /* KERNEL_EXEC_H */
