#ifndef ARCH_X86_64_SERIAL_H
#define ARCH_X86_64_SERIAL_H

#include "lib/types.h"

#define SERIAL_PORTS    3       /* ttyS0 .. ttyS2 */

void serial_init(void);
void serial_write(int port, const char *s, size_t n);
void serial_enable_rx(int port, void (*handler)(char c));

#endif
