/*
 * host_ref.c - wrappers around the host libc, the tests' reference.
 *
 * Compiled WITHOUT host_rename.h (see there): every name here is the
 * host's own function, so the tests can check lib/ against an independent
 * implementation instead of against numbers typed in by hand.
 */
#include "host_ref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ref_vsnprintf - the host libc's vsnprintf(). */
int ref_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

/* ref_snprintf - the host libc's snprintf(). */
int ref_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* ref_strtoul - the host libc's strtoul(). */
unsigned long ref_strtoul(const char *nptr, char **endptr, int base)
{
	return strtoul(nptr, endptr, base);
}

/* ref_memcmp - the host libc's memcmp(). */
int ref_memcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
}

/* ref_strcmp - the host libc's strcmp(). */
int ref_strcmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

/* ref_strncmp - the host libc's strncmp(). */
int ref_strncmp(const char *a, const char *b, size_t n)
{
	return strncmp(a, b, n);
}

/* ref_strstr - the host libc's strstr(). */
char *ref_strstr(const char *haystack, const char *needle)
{
	return strstr(haystack, needle);
}
