/*
 * host_ref.h - the host libc's versions of lib/ functions, as references.
 *
 * The tests compare lib/'s results with these. They are thin wrappers in
 * host_ref.c, which is compiled without host_rename.h, so there the names
 * mean the host's libc; see host_rename.h for why the two must be apart.
 */
#ifndef LIB_TESTS_HOST_REF_H
#define LIB_TESTS_HOST_REF_H

#include <stdarg.h>
#include <stddef.h>

int ref_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int ref_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
unsigned long ref_strtoul(const char *nptr, char **endptr, int base);
int ref_memcmp(const void *a, const void *b, size_t n);
int ref_strcmp(const char *a, const char *b);
int ref_strncmp(const char *a, const char *b, size_t n);
char *ref_strstr(const char *haystack, const char *needle);

#endif /* LIB_TESTS_HOST_REF_H */
