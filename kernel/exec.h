/*
 * exec.h - what exec needs to start a program: the image and its
 * arguments, already in kernel memory.
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include "lib/types.h"

struct file;

#define MAX_ARG_STRINGS 4096            /* argv + envp entries */
#define ELF_ET_DYN_BASE 0x555555554000UL        /* where a static-pie program goes, as Linux */

struct linux_binprm {
	struct file *file;              /* the program, or NULL: */
	const void *image;              /* the whole program in memory (a GRUB module) */
	size_t size;                    /* of the file or image */
	const char *filename;
	int argc, envc;
	char *const *argv;              /* kernel copies of the strings */
	char *const *envp;
	unsigned long *user_ptrs;       /* exec's scratch: the strings' user addresses */
	bool point_of_no_return;        /* set by exec_binprm: the old program is gone */
	umode_t mode;                   /* the file's mode and owner, for its set-ID bits */
	u32 uid, gid;                   /* (0 for an image that is no file: no set-ID) */
	bool secureexec;                /* AT_SECURE: the ids changed (exec_creds) */
};

int exec_binprm(struct linux_binprm *bprm);
int kernel_execve(const char *path, char *const *argv, int argc, char *const *envp, int envc);

#endif /* KERNEL_EXEC_H */
