/*
 * desc.h - the descriptor tables: GDT with its TSS, and the IDT.
 *
 * The GDT follows Linux's x86_64 layout, so the selectors have Linux's
 * values and SYSCALL/SYSRET (a later issue) find the user segments where
 * they expect them:
 *
 *	0x10 __KERNEL_CS   0x18 __KERNEL_DS
 *	0x23 __USER32_CS   0x2b __USER_DS   0x33 __USER_CS
 *	0x40 the TSS (a 16-byte descriptor)
 */
#ifndef ARCH_X86_64_DESC_H
#define ARCH_X86_64_DESC_H

#include "lib/types.h"

#define GDT_ENTRY_KERNEL32_CS   1
#define GDT_ENTRY_KERNEL_CS     2
#define GDT_ENTRY_KERNEL_DS     3
#define GDT_ENTRY_USER32_CS     4
#define GDT_ENTRY_USER_DS       5
#define GDT_ENTRY_USER_CS       6
#define GDT_ENTRY_TSS           8
#define GDT_ENTRIES             10

#define __KERNEL_CS     (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS     (GDT_ENTRY_KERNEL_DS * 8)
#define __USER32_CS     (GDT_ENTRY_USER32_CS * 8 + 3)
#define __USER_DS       (GDT_ENTRY_USER_DS * 8 + 3)
#define __USER_CS       (GDT_ENTRY_USER_CS * 8 + 3)
#define __TSS_SEL       (GDT_ENTRY_TSS * 8)

/* Interrupt stack table slots (1-based in the IDT gate, as the CPU counts). */
#define IST_DOUBLE_FAULT        1
#define IST_NMI                 2
#define IST_MACHINE_CHECK       3

struct tss_struct {
	u32 reserved0;
	u64 rsp0;               /* kernel stack for entries from user mode */
	u64 rsp1, rsp2;
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 io_bitmap_base;
} __attribute__((packed));

extern struct tss_struct cpu_tss;

void gdt_init(void);
void idt_init(void);

#endif /* ARCH_X86_64_DESC_H */
