/*
 * kallsyms.h - function names for addresses, from a table the build makes
 * out of the kernel's own symbols (tools/gen-kallsyms, linked into
 * .kallsyms by a second link).
 */
#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include "lib/types.h"

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);
int sprint_symbol(char *buf, size_t len, unsigned long addr);
unsigned long kallsyms_lookup_name(const char *name);

#endif /* KERNEL_KALLSYMS_H */
