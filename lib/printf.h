/*
 * printf.h - formatting into a buffer: vsnprintf() and friends.
 *
 * lib/vsnprintf.c implements C99's snprintf() family with the integer,
 * character, string and pointer conversions (no floating point: the kernel
 * does not use the FPU). The "c" variants are Linux's: they return what
 * was really stored, which is what a caller appending piece after piece to
 * one buffer needs. See the top of lib/vsnprintf.c for the details.
 */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H

#include "compiler.h"
#include "types.h"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __printf(3, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap) __printf(3, 0);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif /* LIB_PRINTF_H */
