/*
 * err.h - an error number carried in a pointer, Linux's API.
 *
 * A function that returns a pointer can also return a negative errno in
 * it: ERR_PTR(-ENOENT) is the address -2, 0xffff...fffe. The top 4095
 * addresses are never a valid kernel object (they are the last bytes of
 * the address space, never mapped), so IS_ERR() tells the two apart, and
 * PTR_ERR() gives the errno back:
 *
 *	struct thing *t = find_thing(id);
 *
 *	if (IS_ERR(t))
 *		return PTR_ERR(t);
 *
 * NULL is not an error pointer: a function that can return both documents
 * what each means (IS_ERR_OR_NULL() tests for either). The names and
 * meanings are those of Linux's include/linux/err.h.
 */
#ifndef LIB_ERR_H
#define LIB_ERR_H

#include "compiler.h"
#include "types.h"

#define MAX_ERRNO 4095

/* IS_ERR_VALUE - whether x, an address or a value, is -1 .. -MAX_ERRNO. */
#define IS_ERR_VALUE(x) unlikely((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

/* ERR_PTR - a pointer carrying error, a negative errno. */
static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

/* PTR_ERR - the negative errno an error pointer carries. */
static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

/* IS_ERR - whether ptr is an error pointer (not NULL, not an object). */
static inline bool IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE((uintptr_t)ptr);
}

/* IS_ERR_OR_NULL - whether ptr is NULL or an error pointer. */
static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}

/* ERR_CAST - an error pointer passed on with another pointer type. */
static inline void *ERR_CAST(const void *ptr)
{
	return (void *)ptr;
}

/* PTR_ERR_OR_ZERO - the errno of an error pointer, or 0 for anything else. */
static inline int PTR_ERR_OR_ZERO(const void *ptr)
{
	return IS_ERR(ptr) ? (int)PTR_ERR(ptr) : 0;
}

#endif /* LIB_ERR_H */
