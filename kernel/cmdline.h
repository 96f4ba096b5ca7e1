/*
 * cmdline.h - looking up words of the kernel command line: flags such as
 * `quiet` and `key=value` pairs such as `ktest=kmalloc`.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include "lib/types.h"

bool cmdline_has(const char *word);
bool cmdline_get(const char *key, char *val, size_t len);

#endif /* KERNEL_CMDLINE_H */
