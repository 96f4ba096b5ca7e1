/*
 * gdt.c - the global descriptor table and the task state segment.
 *
 * In long mode segments barely matter: code segments only say 64-bit and
 * which privilege level, data segments are ignored but must be valid. The
 * TSS still matters: it holds rsp0, the kernel stack the CPU switches to
 * when an interrupt arrives from user mode, and the IST stacks that the
 * double fault, NMI and machine check handlers always run on, so that a
 * kernel stack overflow still gets reported instead of resetting the CPU.
 */
#include "arch/x86_64/desc.h"
#include "lib/compiler.h"
#include "lib/string.h"

#define IST_STACK_SIZE 8192

/* Access byte and flags of each segment, as the CPU reads them. */
#define SEG_CODE64(dpl) (0x00af9a000000ffffULL | ((u64)(dpl) << 45))
#define SEG_CODE32(dpl) (0x00cf9a000000ffffULL | ((u64)(dpl) << 45))
#define SEG_DATA(dpl)   (0x00cf92000000ffffULL | ((u64)(dpl) << 45))

static u64 gdt[GDT_ENTRIES] __aligned(16) = {
	[GDT_ENTRY_KERNEL32_CS] = SEG_CODE32(0),
	[GDT_ENTRY_KERNEL_CS]   = SEG_CODE64(0),
	[GDT_ENTRY_KERNEL_DS]   = SEG_DATA(0),
	[GDT_ENTRY_USER32_CS]   = SEG_CODE32(3),
	[GDT_ENTRY_USER_DS]     = SEG_DATA(3),
	[GDT_ENTRY_USER_CS]     = SEG_CODE64(3),
};

struct tss_struct cpu_tss __aligned(16);
static u8 ist_stacks[3][IST_STACK_SIZE] __aligned(16);

struct desc_ptr {
	u16 size;
	u64 address;
} __attribute__((packed));

/* A TSS descriptor is 16 bytes: two GDT slots. */
static void set_tss_desc(int slot, struct tss_struct *tss)
{
	u64 base = (u64)tss;
	u64 limit = sizeof(*tss) - 1;

	gdt[slot] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		    (0x89ULL << 40) |                   /* present, 64-bit TSS */
		    (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[slot + 1] = base >> 32;
}

/*
 * gdt_init - load keyhole's GDT (replacing boot.asm's), reload every
 * segment register and load the TSS.
 *
 * Context: boot, interrupts off.
 */
void gdt_init(void)
{
	struct desc_ptr gdtr = { sizeof(gdt) - 1, (u64)gdt };

	memset(&cpu_tss, 0, sizeof(cpu_tss));
	for (int i = 0; i < 3; i++)
		cpu_tss.ist[i] = (u64)&ist_stacks[i][IST_STACK_SIZE];
	cpu_tss.io_bitmap_base = sizeof(cpu_tss);   /* no I/O bitmap */
	set_tss_desc(GDT_ENTRY_TSS, &cpu_tss);

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"                  /* reload CS with a far return */
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movl %%eax, %%fs\n\t"
		"movl %%eax, %%gs\n\t"
		"ltr %w3"
		: : "m"(gdtr), "i"(__KERNEL_CS), "i"(__KERNEL_DS), "r"(__TSS_SEL)
		: "rax", "memory");
}
