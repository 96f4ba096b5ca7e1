/*
 * uaccess.h - copying between the kernel and user memory.
 *
 * Every system call that takes a pointer goes through these. A bad
 * pointer is never a crash: a range that is not entirely below TASK_SIZE
 * (NULL+size wraps, kernel addresses) fails at once, and a user address
 * that no VMA allows faults inside arch/x86_64/usercopy.asm, where the
 * exception table turns the fault into a short copy. Either way the
 * caller gets -EFAULT (or the count not copied), as Linux.
 */
#ifndef MM_UACCESS_H
#define MM_UACCESS_H

#include "kernel/errno.h"
#include "mm/mm.h"

unsigned long __copy_user(void *dst, const void *src, unsigned long n);
long __strncpy_from_user(char *dst, const char *src, long count);
unsigned long __clear_user(void *dst, unsigned long n);

/* copy_from_user - Return: bytes NOT copied (0 on success). */
static inline unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	return __copy_user(to, from, n);
}

/* copy_to_user - Return: bytes NOT copied (0 on success). */
static inline unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __copy_user(to, from, n);
}

/* clear_user - zero user memory. Return: bytes NOT zeroed. */
static inline unsigned long clear_user(void *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __clear_user(to, n);
}

/*
 * strncpy_from_user - copy a NUL-terminated string of at most count bytes.
 * Return: its length, count if it did not end within count bytes (dst is
 * then not terminated), or -EFAULT.
 */
static inline long strncpy_from_user(char *dst, const char *src, long count)
{
	unsigned long a = (unsigned long)src;

	if (a >= TASK_SIZE)
		return -EFAULT;
	if ((unsigned long)count > TASK_SIZE - a)
		count = (long)(TASK_SIZE - a);  /* stop at the end of user space */
	return __strncpy_from_user(dst, src, count);
}

/* get_user/put_user - one object; Return: 0 or -EFAULT. */
#define get_user(x, ptr)                                                       \
	(copy_from_user(&(x), (ptr), sizeof(*(ptr))) ? -EFAULT : 0)
#define put_user(x, ptr)                                                       \
	({                                                                     \
		__typeof__(*(ptr)) __pu_val = (x);                             \
		copy_to_user((ptr), &__pu_val, sizeof(*(ptr))) ? -EFAULT : 0;  \
	})

#endif /* MM_UACCESS_H */
