/*
 * string.h - the C library's memory and string functions, for the kernel.
 *
 * The kernel has no libc, so lib/string.c supplies the handful of <string.h>
 * and <stdlib.h> functions it uses, with their standard C meanings, plus
 * the BSD strlcpy()/strlcat() and Linux's kstrtoull(). The compiler also
 * calls memcpy(), memmove(), memset() and memcmp() on its own (structure
 * copies, large initialisers), so these four must exist under exactly these
 * names even where no source line names them.
 *
 * The host unit tests (lib/tests/) build the same code under kh_* names so
 * that it does not collide with the host's libc; see lib/tests/host_rename.h.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include "types.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);

char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
size_t strlcpy(char *dst, const char *src, size_t size);
size_t strlcat(char *dst, const char *src, size_t size);

unsigned long strtoul(const char *nptr, char **endptr, int base);
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);

#endif /* LIB_STRING_H */
