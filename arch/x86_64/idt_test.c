/*
 * idt_test.c - the descriptor tables the CPU really uses, read back with
 * sidt/sgdt/str rather than from keyhole's own arrays.
 */
#include "arch/x86_64/desc.h"
#include "arch/x86_64/page.h"
#include "arch/x86_64/traps.h"
#include "kernel/ktest.h"

struct desc_reg {
	u16 limit;
	u64 base;
} __attribute__((packed));

extern const u64 vector_stubs[256];

KTEST(idt_every_vector_has_a_gate)
{
	struct desc_reg idtr;
	int bad = 0;

	__asm__ __volatile__("sidt %0" : "=m"(idtr));
	KT_EXPECT_EQ(idtr.limit, 256 * 16 - 1);
	for (int v = 0; v < 256; v++) {
		const u32 *g = (const u32 *)(idtr.base + (u64)v * 16);
		u64 target = (g[0] & 0xffff) | (g[1] & 0xffff0000) | ((u64)g[2] << 32);
		u16 selector = g[0] >> 16;
		u8 type_attr = (g[1] >> 8) & 0xff;
		u8 ist = g[1] & 7;
		int want_ist = v == X86_TRAP_DF ? IST_DOUBLE_FAULT :
			       v == X86_TRAP_NMI ? IST_NMI :
			       v == X86_TRAP_MC ? IST_MACHINE_CHECK : 0;

		/* Present, DPL 0, 64-bit interrupt gate, to this vector's stub. */
		bad += target != vector_stubs[v] || selector != __KERNEL_CS ||
		       type_attr != 0x8e || ist != want_ist;
	}
	KT_EXPECT_EQ(bad, 0);
}

KTEST(gdt_and_tss_are_loaded)
{
	struct desc_reg gdtr;
	u16 tr, cs, ss;

	__asm__ __volatile__("sgdt %0; str %1; mov %%cs, %2; mov %%ss, %3"
			     : "=m"(gdtr), "=r"(tr), "=r"(cs), "=r"(ss));
	KT_EXPECT(gdtr.base >= KERNEL_VMA);     /* ours, not boot.asm's */
	KT_EXPECT_EQ(cs, __KERNEL_CS);
	KT_EXPECT_EQ(ss, __KERNEL_DS);
	KT_EXPECT_EQ(tr, __TSS_SEL);
	const u64 *gdt = (const u64 *)gdtr.base;
	KT_EXPECT_EQ(gdt[GDT_ENTRY_USER_CS] >> 45 & 3, 3);     /* user code is DPL 3 */
	for (int i = 0; i < 3; i++)
		KT_EXPECT(cpu_tss.ist[i] != 0);
}
