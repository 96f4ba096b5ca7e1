/*
 * idt.c - the interrupt descriptor table: one gate per vector, each
 * pointing at its stub in entry.asm.
 *
 * Vectors 0-31 are the CPU's exceptions, 32-47 the 16 legacy IRQs after
 * the PIC is remapped (arch/x86_64/i8259.c), the rest unused for now. All
 * gates are interrupt gates (interrupts off on entry) at privilege 0, so
 * user code cannot raise them with `int n`. Double fault, NMI and machine
 * check run on their own IST stacks (arch/x86_64/gdt.c).
 */
#include "arch/x86_64/desc.h"
#include "arch/x86_64/traps.h"

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;           /* present, DPL, gate type */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __attribute__((packed));

#define GATE_INTERRUPT  0x8e    /* present, DPL 0, 64-bit interrupt gate */

static struct idt_gate idt[256] __attribute__((aligned(16)));
extern const u64 vector_stubs[256];

static void set_gate(int vector, u64 handler, int ist)
{
	struct idt_gate *g = &idt[vector];

	g->offset_low = handler & 0xffff;
	g->selector = __KERNEL_CS;
	g->ist = (u8)ist;
	g->type_attr = GATE_INTERRUPT;
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = (u32)(handler >> 32);
	g->reserved = 0;
}

/*
 * idt_init - fill and load the IDT.
 *
 * Context: boot, after gdt_init() (the gates name __KERNEL_CS and IST
 * slots of the TSS).
 */
void idt_init(void)
{
	struct {
		u16 size;
		u64 address;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (u64)idt };

	for (int v = 0; v < 256; v++)
		set_gate(v, vector_stubs[v], 0);
	set_gate(X86_TRAP_DF, vector_stubs[X86_TRAP_DF], IST_DOUBLE_FAULT);
	set_gate(X86_TRAP_NMI, vector_stubs[X86_TRAP_NMI], IST_NMI);
	set_gate(X86_TRAP_MC, vector_stubs[X86_TRAP_MC], IST_MACHINE_CHECK);

	__asm__ __volatile__("lidt %0" : : "m"(idtr));
}
