/*
 * console.h - where printk's text goes: a list of output devices (the
 * serial port, the VGA screen), each written in turn.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include "lib/types.h"

struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t n);
	struct console *next;
};

void register_console(struct console *con);
void console_write(const char *s, size_t n);

#endif /* KERNEL_CONSOLE_H */
