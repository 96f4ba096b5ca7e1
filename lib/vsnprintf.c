/*
 * vsnprintf.c - printf-style formatting into a buffer.
 *
 * vsnprintf() walks the format once. Ordinary characters are copied; each
 * conversion specification is parsed into a struct spec
 *
 *	%[flags][width][.precision][length]conversion
 *	 flags:      - (left-justify) 0 (pad with zeros) + (always a sign)
 *	             ' ' (a space where a '+' would go) # (0x / leading 0)
 *	 width, precision: decimal digits, or * to take an int argument
 *	 length:     hh h l ll z t j
 *	 conversion: d i u x X o c s p %
 *
 * then its argument is fetched with the type the length names and
 * printed. All output goes through a struct sink, which stores what fits
 * in the buffer and counts everything, so the return value is the length
 * the whole output would have had, as C99 requires; the caller can tell
 * truncation by comparing it with the buffer size.
 *
 * The rules for numbers are C99's: the precision is the least number of
 * digits (and "%.0d" prints nothing for 0); a precision turns the 0 flag
 * off; '#' puts "0x" before a non-zero hex number and makes octal start
 * with 0. Where C leaves things open we do what glibc does, so that the
 * host tests can compare the two byte for byte: "%p" prints like "%#lx"
 * and NULL as "(nil)", a NULL "%s" prints "(null)" (or nothing if the
 * precision is below 6), "%%" takes no flags, 0 pads only numbers.
 * There is no floating point (the kernel keeps out of the FPU) and no
 * "%n" (writing through an argument is an attack waiting to happen): an
 * unknown conversion is printed as it stands, "%-5y" as "%-5y". The
 * length modifiers mean nothing for c, s and p (no wide characters).
 *
 * Linux's lib/vsprintf.c does the same job with many more conversions
 * (%pS, %pI4, ...); scnprintf() and vscnprintf() are Linux's inventions
 * and mean the same here.
 */
#include "printf.h"
#include "string.h"

/* Not <limits.h>: even with -ffreestanding, gcc's pulls in the host's (glibc's). */
#define INT_MAX __INT_MAX__
#define INT_MIN (-INT_MAX - 1)

/* Output: the first size - 1 bytes go to buf; len counts every byte. */
struct sink {
	char *buf;
	size_t size;
	size_t len;
};

static void put_char(struct sink *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* n copies of c; past the end of the buffer it only counts them. */
static void put_repeat(struct sink *o, char c, size_t n)
{
	while (n > 0 && o->len + 1 < o->size) {
		put_char(o, c);
		n--;
	}
	o->len += n;
}

static void put_bytes(struct sink *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put_char(o, s[i]);
}

enum {
	F_LEFT = 1 << 0,        /* '-' */
	F_ZERO = 1 << 1,        /* '0' */
	F_PLUS = 1 << 2,        /* '+' */
	F_SPACE = 1 << 3,       /* ' ' */
	F_ALT = 1 << 4,         /* '#' */
};

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

/* One parsed conversion specification. */
struct spec {
	unsigned int flags;
	int width;              /* 0: none */
	int precision;          /* -1: none */
	enum length length;
	char conv;
};

/* s padded with spaces to the field width: %s, %c and "(nil)". */
static void put_field(struct sink *o, const struct spec *sp, const char *s, size_t n)
{
	size_t pad = (size_t)sp->width > n ? (size_t)sp->width - n : 0;

	if (!(sp->flags & F_LEFT))
		put_repeat(o, ' ', pad);
	put_bytes(o, s, n);
	if (sp->flags & F_LEFT)
		put_repeat(o, ' ', pad);
}

/*
 * A number: [spaces] [sign] [prefix] [zeros] digits [spaces].
 * sign is 0 for none; prefix is "", "0x" or "0X".
 */
static void put_number(struct sink *o, const struct spec *sp, unsigned long long val,
		       char sign, const char *prefix, unsigned int base)
{
	const char *digit = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];           /* 2^64 - 1 has 22 octal digits */
	size_t nd = 0;

	if (val != 0 || sp->precision != 0) {
		do {
			tmp[nd++] = digit[val % base];
			val /= base;
		} while (val);
	}

	size_t prec = sp->precision > 0 ? (size_t)sp->precision : 0;

	/* '#' with o: raise the precision just enough to start with 0. */
	if ((sp->flags & F_ALT) && base == 8 && (nd == 0 || tmp[nd - 1] != '0') && prec <= nd)
		prec = nd + 1;

	size_t zeros = prec > nd ? prec - nd : 0;
	size_t plen = strlen(prefix);
	size_t body = (sign ? 1 : 0) + plen + zeros + nd;
	size_t pad = (size_t)sp->width > body ? (size_t)sp->width - body : 0;

	if ((sp->flags & F_ZERO) && !(sp->flags & F_LEFT) && sp->precision < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(sp->flags & F_LEFT))
		put_repeat(o, ' ', pad);
	if (sign)
		put_char(o, sign);
	put_bytes(o, prefix, plen);
	put_repeat(o, '0', zeros);
	while (nd > 0)
		put_char(o, tmp[--nd]);
	if (sp->flags & F_LEFT)
		put_repeat(o, ' ', pad);
}

/* The sign character a signed conversion prints for a value. */
static char sign_of(const struct spec *sp, bool negative)
{
	if (negative)
		return '-';
	if (sp->flags & F_PLUS)
		return '+';
	if (sp->flags & F_SPACE)
		return ' ';
	return 0;
}

_Static_assert(sizeof(long) == sizeof(size_t), "%zd is read as a long");

/* Fetch a %d or %i argument as the type its length modifier names. */
static long long arg_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
	case LEN_Z:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

/* Fetch a %u, %x, %X or %o argument likewise. */
static unsigned long long arg_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_T:
		return (unsigned long long)va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* A decimal field width or precision, saturating instead of overflowing. */
static int parse_int(const char **fmt)
{
	int n = 0;

	for (; **fmt >= '0' && **fmt <= '9'; (*fmt)++) {
		int d = **fmt - '0';

		n = n <= (INT_MAX - d) / 10 ? n * 10 + d : INT_MAX;
	}
	return n;
}

/* Parse the specification after a '%'; returns where the conversion is. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	sp->flags = 0;
	for (;; fmt++) {
		if (*fmt == '-')
			sp->flags |= F_LEFT;
		else if (*fmt == '0')
			sp->flags |= F_ZERO;
		else if (*fmt == '+')
			sp->flags |= F_PLUS;
		else if (*fmt == ' ')
			sp->flags |= F_SPACE;
		else if (*fmt == '#')
			sp->flags |= F_ALT;
		else
			break;
	}

	if (*fmt == '*') {
		int w = va_arg(*ap, int);

		fmt++;
		if (w < 0) {            /* a negative width is a '-' flag */
			sp->flags |= F_LEFT;
			w = w == INT_MIN ? INT_MAX : -w;
		}
		sp->width = w;
	} else {
		sp->width = parse_int(&fmt);
	}

	sp->precision = -1;
	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			int p = va_arg(*ap, int);

			fmt++;
			sp->precision = p < 0 ? -1 : p;    /* negative: as if none */
		} else {
			sp->precision = parse_int(&fmt);
		}
	}

	sp->length = LEN_NONE;
	switch (*fmt) {
	case 'h':
		sp->length = fmt[1] == 'h' ? LEN_HH : LEN_H;
		fmt += sp->length == LEN_HH ? 2 : 1;
		break;
	case 'l':
		sp->length = fmt[1] == 'l' ? LEN_LL : LEN_L;
		fmt += sp->length == LEN_LL ? 2 : 1;
		break;
	case 'z':
		sp->length = LEN_Z;
		fmt++;
		break;
	case 't':
		sp->length = LEN_T;
		fmt++;
		break;
	case 'j':
		sp->length = LEN_J;
		fmt++;
		break;
	}
	sp->conv = *fmt;
	return fmt;
}

/* Print one conversion whose specification is sp. */
static void put_conversion(struct sink *o, const struct spec *sp, va_list *ap)
{
	switch (sp->conv) {
	case 'd':
	case 'i': {
		long long v = arg_signed(ap, sp->length);
		unsigned long long mag = (unsigned long long)v;

		if (v < 0)
			mag = 0 - mag;  /* in unsigned: -LLONG_MIN does not fit */

		put_number(o, sp, mag, sign_of(sp, v < 0), "", 10);
		break;
	}
	case 'u':
		put_number(o, sp, arg_unsigned(ap, sp->length), 0, "", 10);
		break;
	case 'o':
		put_number(o, sp, arg_unsigned(ap, sp->length), 0, "", 8);
		break;
	case 'x':
	case 'X': {
		unsigned long long v = arg_unsigned(ap, sp->length);
		const char *prefix = "";

		if ((sp->flags & F_ALT) && v != 0)
			prefix = sp->conv == 'X' ? "0X" : "0x";
		put_number(o, sp, v, 0, prefix, 16);
		break;
	}
	case 'p': {
		void *p = va_arg(*ap, void *);

		if (!p)
			put_field(o, sp, "(nil)", 5);
		else
			put_number(o, sp, (uintptr_t)p, sign_of(sp, false), "0x", 16);
		break;
	}
	case 'c': {
		char c = (char)va_arg(*ap, int);

		put_field(o, sp, &c, 1);
		break;
	}
	case 's': {
		const char *s = va_arg(*ap, const char *);
		size_t n;

		if (!s)
			s = sp->precision < 0 || sp->precision >= 6 ? "(null)" : "";
		if (sp->precision < 0)
			n = strlen(s);
		else            /* then s need not be NUL-terminated */
			n = strnlen(s, (size_t)sp->precision);
		put_field(o, sp, s, n);
		break;
	}
	}
}

/* The whole formatting loop, shared by vsnprintf() and vscnprintf(). */
static void format(struct sink *o, const char *fmt, va_list ap)
{
	va_list args;
	struct spec sp;

	/* A va_list can only be handed to helpers by pointer to a copy. */
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put_char(o, *fmt++);
			continue;
		}

		const char *start = fmt++;

		fmt = parse_spec(fmt, &sp, &args);
		switch (sp.conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
		case 'p': case 'c': case 's':
			put_conversion(o, &sp, &args);
			fmt++;
			break;
		case '%':
			put_char(o, '%');
			fmt++;
			break;
		case '\0':              /* the format ends inside a conversion */
			put_bytes(o, start, (size_t)(fmt - start));
			break;
		default:                /* unknown: print it as it stands */
			fmt++;
			put_bytes(o, start, (size_t)(fmt - start));
			break;
		}
	}
	va_end(args);

	if (o->size > 0)
		o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
}

/*
 * vsnprintf - format ap according to fmt into the size-byte buffer buf.
 *
 * Stores at most size - 1 characters and a NUL; with size 0 nothing is
 * written and buf may be NULL. The format language is described at the
 * top of this file.
 * Context: any; uses a few hundred bytes of stack.
 * Return: the number of characters the whole output has, without the NUL,
 * even if it did not fit (so a return value >= size means truncation); -1
 * if that number does not fit in an int.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink o = { .buf = buf, .size = size, .len = 0 };

	format(&o, fmt, ap);
	return o.len > INT_MAX ? -1 : (int)o.len;
}

/*
 * snprintf - vsnprintf() with the arguments in line.
 *
 * Context: any.
 * Return: as vsnprintf().
 */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/*
 * vscnprintf - vsnprintf(), but return what was really stored.
 *
 * Context: any.
 * Return: the number of characters stored in buf, without the NUL: 0 when
 * size is 0, and never more than size - 1.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink o = { .buf = buf, .size = size, .len = 0 };

	format(&o, fmt, ap);
	if (size == 0)
		return 0;
	return (int)(o.len < size ? o.len : size - 1);
}

/*
 * scnprintf - vscnprintf() with the arguments in line.
 *
 * Context: any.
 * Return: as vscnprintf().
 */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
