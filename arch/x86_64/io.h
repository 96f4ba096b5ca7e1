/*
 * io.h - x86 port I/O: the in/out instructions that talk to the legacy
 * devices (serial port, PIC, PIT, CMOS, QEMU's debug-exit and fw_cfg).
 */
#ifndef ARCH_X86_64_IO_H
#define ARCH_X86_64_IO_H

#include "lib/types.h"

static inline void outb(u16 port, u8 v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;
	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(u16 port, u16 v)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline u16 inw(u16 port)
{
	u16 v;
	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outl(u16 port, u32 v)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u32 inl(u16 port)
{
	u32 v;
	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* A write to an unused port: a short delay some old devices need. */
static inline void io_wait(void)
{
	outb(0x80, 0);
}

#endif /* ARCH_X86_64_IO_H */
