/*
 * types.h - fixed-width integer names used all over keyhole.
 *
 * Only compiler-provided headers are used (<stddef.h>, <stdint.h>,
 * <stdbool.h>, <stdarg.h> exist in freestanding C), so the same code in
 * lib/ builds for the kernel and for the host unit tests.
 */
#ifndef LIB_TYPES_H
#define LIB_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef u64 phys_addr_t;

#endif /* LIB_TYPES_H */
