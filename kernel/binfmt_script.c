/*
 * binfmt_script.c - "#!" scripts, as Linux's fs/binfmt_script.c: a file
 * whose first two bytes are "#!" is run by the interpreter its first line
 * names, with at most one argument.
 *
 * The line is read from bprm->buf, the file's first BINPRM_BUF_SIZE (256)
 * bytes: "#!", optional spaces or tabs, the interpreter's path, and
 * optionally spaces or tabs and the rest of the line, which is one
 * argument, inner spaces and all ("#!/bin/sh -e -x" passes "-e -x"). A
 * line with no newline in those bytes is cut: that is fine for the
 * argument (the interpreter reads the script again anyway), but if no
 * space, tab or NUL follows the interpreter's path within them, the path
 * itself may be cut, and the file is not run (ENOEXEC); so too a line
 * with no path at all.
 *
 * The new argv is the interpreter's path as written, the argument if any,
 * the script's path (as execve was given it, or, for a script run by a
 * script, as the outer line named it), then the caller's argv without its
 * argv[0]. Then exec starts again on the interpreter's file
 * (bprm->interpreter, kernel/exec.c), which may be a script in turn, to
 * BINPRM_MAX_DEPTH levels (ELOOP past them). A missing interpreter is
 * ENOENT, one that may not be executed EACCES, as for execve itself.
 *
 * The line and the new argv live in one allocation kept in bprm->scratch
 * until the exec ends: the strings of a script run by a script point into
 * the line of the one before.
 */
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "lib/string.h"
#include "mm/slab.h"

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/* The first character in [first, last] that is no space or tab, or NULL. */
static char *next_non_spacetab(char *first, const char *last)
{
	for (; first <= last; first++)
		if (!spacetab(*first))
			return first;
	return NULL;
}

/* The first space, tab or NUL in [first, last], or NULL. */
static char *next_terminator(char *first, const char *last)
{
	for (; first <= last; first++)
		if (spacetab(*first) || !*first)
			return first;
	return NULL;
}

/* A free bprm->scratch slot, or NULL (exec_binprm's depth limit keeps one). */
static void **scratch_slot(struct linux_binprm *bprm)
{
	for (size_t i = 0; i < ARRAY_SIZE(bprm->scratch); i++)
		if (!bprm->scratch[i])
			return &bprm->scratch[i];
	return NULL;
}

/*
 * load_script - if bprm's file starts with "#!", set up the exec of its
 * interpreter: the new argv in bprm, the interpreter's file opened in
 * bprm->interpreter, bprm->interp its path.
 *
 * Context: process context, from exec_binprm.
 * Return: 0; -ENOEXEC if the file is no script or its line names no
 * interpreter (or one that may be cut); -E2BIG if the new argv has too
 * many strings; -ENOMEM; -ELOOP; or open_exec's error for the
 * interpreter (-ENOENT, -EACCES ...).
 */
int load_script(struct linux_binprm *bprm)
{
	char *line, *buf_end, *i_end, *i_name, *i_sep, *i_arg;
	char **argv;
	void **slot;
	int argc = 0, rest = bprm->argc > 0 ? bprm->argc - 1 : 0;

	if (bprm->buf[0] != '#' || bprm->buf[1] != '!')
		return -ENOEXEC;
	slot = scratch_slot(bprm);
	if (!slot)
		return -ELOOP;
	line = kmalloc(BINPRM_BUF_SIZE + (size_t)(rest + 4) * sizeof(char *), GFP_KERNEL);
	if (!line)
		return -ENOMEM;
	*slot = line;                   /* freed by exec_binprm, whatever happens */
	memcpy(line, bprm->buf, BINPRM_BUF_SIZE);
	argv = (char **)(line + BINPRM_BUF_SIZE);

	/* The line ends at its newline; without one, at the end of the
	 * buffer, if a terminator shows the path is whole. */
	buf_end = line + BINPRM_BUF_SIZE - 1;
	i_end = memchr(line, '\n', BINPRM_BUF_SIZE);
	if (!i_end) {
		i_end = next_non_spacetab(line + 2, buf_end);
		if (!i_end)
			return -ENOEXEC;        /* nothing but spaces and tabs */
		if (!next_terminator(i_end, buf_end))
			return -ENOEXEC;        /* the path may be cut */
		i_end = buf_end;
	}
	while (spacetab(i_end[-1]))
		i_end--;
	i_name = next_non_spacetab(line + 2, i_end);
	if (!i_name || i_name == i_end)
		return -ENOEXEC;                /* no interpreter named */
	i_arg = NULL;
	i_sep = next_terminator(i_name, i_end);
	if (i_sep && *i_sep != '\0')
		i_arg = next_non_spacetab(i_sep, i_end);
	*i_end = '\0';
	if (i_arg)
		*i_sep = '\0';

	/* argv: interpreter, [argument], script, the caller's argv[1...]. */
	if ((long)bprm->envc + rest + 3 > MAX_ARG_STRINGS)
		return -E2BIG;
	argv[argc++] = i_name;
	if (i_arg)
		argv[argc++] = i_arg;
	argv[argc++] = (char *)bprm->interp;
	for (int i = 0; i < rest; i++)
		argv[argc++] = bprm->argv[i + 1];
	argv[argc] = NULL;
	bprm->argv = argv;
	bprm->argc = argc;
	bprm->interp = i_name;
	return open_exec(i_name, &bprm->interpreter);
}
