/*
 * string.c - memory and string functions with their C library meanings.
 *
 * Everything here is a plain loop over bytes, written to be read: a libc
 * copies a word (or a vector register) at a time, and x86 could use
 * `rep movsb`, but the kernel copies little and keyhole prefers code a
 * student can check by eye. None of these functions allocates, sleeps or
 * takes a lock, so all may be called from any context, interrupt handlers
 * included. Bytes are compared as unsigned char, as C requires.
 *
 * The functions mirror <string.h> and strtoul() from C11, strlcpy() and
 * strlcat() from OpenBSD (also in Linux's lib/string.c), and kstrtoull()
 * from Linux's lib/kstrtox.c. Pointers are compared through uintptr_t,
 * because comparing pointers into different objects with < is undefined.
 *
 * The compiler may turn a copy loop into a call to memcpy(); inside
 * memcpy() itself that would recurse forever. -ffreestanding (kernel) and
 * -fno-builtin (host tests) tell gcc not to, and lib/tests checks the result.
 */
#include "string.h"

/* Error numbers, as in kernel/errno.h (lib/ includes no kernel header). */
#define LIB_EINVAL 22
#define LIB_ERANGE 34

/* Not <limits.h>: even with -ffreestanding, gcc's pulls in the host's (glibc's). */
#define ULONG_MAX (~0UL)
#define ULLONG_MAX (~0ULL)

/*
 * memcpy - copy n bytes from src to dst.
 *
 * Eight bytes at a time with rep movsq, then the last few with rep movsb:
 * the string instructions are the fastest simple copy on x86_64 (and,
 * under QEMU, a page costs 512 steps instead of a loop of 4096). The
 * direction flag is clear, as the ABI guarantees on every function entry.
 * The two areas must not overlap; use memmove() when they may.
 * Context: any.
 * Return: dst.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t qwords = n / 8, bytes = n % 8;

	asm volatile("rep movsq\n\t"
		     "mov %3, %%rcx\n\t"
		     "rep movsb"
		     : "+D"(d), "+S"(src), "+c"(qwords)
		     : "r"(bytes)
		     : "memory");
	return dst;
}

/*
 * memmove - copy n bytes from src to dst, which may overlap.
 *
 * When dst is below src a forward copy reads every byte before writing
 * over it; when dst is above src the copy must run backwards instead.
 * Context: any.
 * Return: dst.
 */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((uintptr_t)d <= (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n) {
		memcpy(d, s, n);        /* forward: safe, as memcpy copies forward */
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

/*
 * memset - fill n bytes at s with the byte c (converted to unsigned char).
 *
 * As memcpy(): rep stosq with the byte repeated eight times in a
 * register, then rep stosb for the rest.
 * Context: any.
 * Return: s.
 */
void *memset(void *s, int c, size_t n)
{
	void *d = s;
	size_t qwords = n / 8, bytes = n % 8;
	unsigned long fill = (unsigned char)c * 0x0101010101010101UL;

	asm volatile("rep stosq\n\t"
		     "mov %3, %%rcx\n\t"
		     "rep stosb"
		     : "+D"(d), "+c"(qwords)
		     : "a"(fill), "r"(bytes)
		     : "memory");
	return s;
}

/*
 * memcmp - compare n bytes of a and b as unsigned char.
 *
 * Context: any.
 * Return: 0 when equal, else negative or positive as the first differing
 * byte of a is below or above that of b.
 */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (size_t i = 0; i < n; i++)
		if (p[i] != q[i])
			return p[i] - q[i];
	return 0;
}

/*
 * memchr - find the first byte c (converted to unsigned char) in n bytes.
 *
 * Context: any.
 * Return: a pointer to that byte, or NULL when it is not there.
 */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (size_t i = 0; i < n; i++)
		if (p[i] == (unsigned char)c)
			return (void *)(p + i);
	return NULL;
}

/*
 * strlen - the length of s, not counting its terminating NUL.
 *
 * Context: any.
 * Return: the number of bytes before the first NUL.
 */
size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/*
 * strnlen - strlen(), but look at no more than maxlen bytes.
 *
 * Context: any.
 * Return: the length of s, or maxlen if there is no NUL in its first
 * maxlen bytes.
 */
size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

/*
 * strcmp - compare two strings as unsigned char.
 *
 * Context: any.
 * Return: 0 when equal, else negative or positive as a sorts before or
 * after b (a proper prefix sorts first).
 */
int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

/*
 * strncmp - strcmp(), but compare no more than n bytes.
 *
 * Context: any.
 * Return: as strcmp() over the first n bytes; 0 when n is 0.
 */
int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (size_t i = 0; i < n; i++) {
		if (p[i] != q[i])
			return p[i] - q[i];
		if (!p[i])
			break;
	}
	return 0;
}

/*
 * strchr - find the first c (converted to char) in s.
 *
 * The terminating NUL counts as part of s, so strchr(s, '\0') finds it.
 * Context: any.
 * Return: a pointer to the character, or NULL when it is not there.
 */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/*
 * strrchr - find the last c (converted to char) in s.
 *
 * Context: any.
 * Return: a pointer to the character, or NULL when it is not there;
 * strrchr(s, '\0') finds the terminating NUL.
 */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/*
 * strstr - find the first occurrence of needle in haystack.
 *
 * The simple search: try every start, O(strlen(haystack) * strlen(needle))
 * at worst, which is fine for the short strings the kernel searches.
 * Context: any.
 * Return: a pointer to the match in haystack, haystack itself when needle
 * is empty, or NULL when there is no match.
 */
char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
	return n == 0 ? (char *)haystack : NULL;
}

/*
 * strcpy - copy src, with its NUL, to dst.
 *
 * dst must have room for strlen(src) + 1 bytes; prefer strlcpy().
 * Context: any.
 * Return: dst.
 */
char *strcpy(char *dst, const char *src)
{
	size_t i = 0;

	do
		dst[i] = src[i];
	while (src[i++]);
	return dst;
}

/*
 * strncpy - copy at most n bytes of src to dst, then pad with NULs to n.
 *
 * Note the C semantics: dst always gets exactly n bytes written, and is
 * NOT NUL-terminated when strlen(src) >= n. strlcpy() is usually wanted.
 * Context: any.
 * Return: dst.
 */
char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

/*
 * strlcpy - copy src into the size-byte buffer dst, always NUL-terminated.
 *
 * Copies at most size - 1 bytes; when size is 0 nothing is written.
 * Context: any.
 * Return: strlen(src); a value >= size means the copy was truncated.
 */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/*
 * strlcat - append src to the string in the size-byte buffer dst.
 *
 * Appends at most size - strlen(dst) - 1 bytes and NUL-terminates. If dst
 * holds no NUL within its size bytes, nothing is written.
 * Context: any.
 * Return: the length of the string it tried to make, min(strlen(dst),
 * size) + strlen(src); a value >= size means the result was truncated.
 */
size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen = strnlen(dst, size);
	size_t slen = strlen(src);

	if (dlen == size)
		return size + slen;
	size_t n = slen < size - dlen - 1 ? slen : size - dlen - 1;

	memcpy(dst + dlen, src, n);
	dst[dlen + n] = '\0';
	return dlen + slen;
}

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The value of c as a digit in bases up to 36, or 36 when it is none. */
static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0');
	if (c >= 'a' && c <= 'z')
		return (unsigned int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'Z')
		return (unsigned int)(c - 'A' + 10);
	return 36;
}

/* Whether s starts with "0x" or "0X" followed by a digit of base 16. */
static bool has_hex_prefix(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16;
}

/*
 * strtoul - convert the start of nptr to an unsigned long, as C does.
 *
 * Skips leading white space, takes an optional '+' or '-' and then the
 * longest run of digits of base (2 to 36). Base 16 allows a "0x" prefix;
 * base 0 picks 16 after "0x", 8 after a leading "0", 10 otherwise. A '-'
 * negates the result in unsigned arithmetic, so "-1" gives ULONG_MAX.
 * Unlike C, errno is not set: the kernel has none.
 * Context: any.
 * Return: the value, or ULONG_MAX when it does not fit; 0 when no digit
 * was found or base is invalid. *endptr (if endptr is not NULL) is set to
 * the first byte not converted, or to nptr when nothing was converted.
 */
unsigned long strtoul(const char *nptr, char **endptr, int base)
{
	const char *s = nptr;
	unsigned long val = 0;
	bool neg = false, overflow = false, any = false;

	if (base < 0 || base == 1 || base > 36)
		goto out;
	while (is_space(*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if ((base == 0 || base == 16) && has_hex_prefix(s)) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = *s == '0' ? 8 : 10;
	}

	unsigned long b = (unsigned long)base;
	unsigned int d;

	for (; (d = digit_value(*s)) < b; s++) {
		any = true;
		if (val > (ULONG_MAX - d) / b)
			overflow = true;
		else
			val = val * b + d;
	}
	if (overflow)
		val = ULONG_MAX;
	else if (neg)
		val = -val;
out:
	if (endptr)
		*endptr = (char *)(any ? s : nptr);
	return any ? val : 0;
}

/*
 * kstrtoull - convert all of s to an unsigned long long, strictly.
 *
 * Like Linux's: s is an optional '+', then digits of base (0 or 2 to 16;
 * base 16 allows a "0x" prefix, base 0 picks 16 after "0x", 8 after a
 * leading "0", 10 otherwise), then at most one '\n' and the end of the
 * string. No white space or '-' is accepted. *res is written only on
 * success.
 * Context: any.
 * Return: 0 on success; -EINVAL (-22) when s is not such a number (empty,
 * no digits, anything after them, bad base); -ERANGE (-34) when the value
 * does not fit, which is checked before the trailing characters.
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long val = 0;
	bool overflow = false;
	const char *digits;
	unsigned int d;

	if (base == 1 || base > 16)
		return -LIB_EINVAL;
	if (*s == '+')
		s++;
	if (base == 0) {
		if (has_hex_prefix(s))
			base = 16;
		else
			base = *s == '0' ? 8 : 10;
	}
	if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;

	for (digits = s; (d = digit_value(*s)) < base; s++) {
		if (val > (ULLONG_MAX - d) / base)
			overflow = true;
		else
			val = val * base + d;
	}
	if (overflow)
		return -LIB_ERANGE;
	if (s == digits)
		return -LIB_EINVAL;
	if (*s == '\n')
		s++;
	if (*s)
		return -LIB_EINVAL;
	*res = val;
	return 0;
}
