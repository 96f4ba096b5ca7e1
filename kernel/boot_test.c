/*
 * boot_test.c - what GRUB handed over arrived intact: the command line
 * (GRUB's words first, then QEMU's fw_cfg words), the memory map, and the
 * modules (iso/module-test.txt, listed in iso/grub.cfg).
 */
#include "arch/x86_64/multiboot2.h"
#include "arch/x86_64/page.h"
#include "kernel/cmdline.h"
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/memblock.h"

KTEST(multiboot2_command_line)
{
	/* iso/grub.cfg passes "console=ttyS0"; tools/run-kernel appends "ktest". */
	KT_EXPECT(strncmp(kernel_cmdline, "console=ttyS0 ", 14) == 0);
	KT_EXPECT(strstr(kernel_cmdline, "ktest") != NULL);
	char val[16];
	KT_EXPECT(cmdline_get("console", val, sizeof(val)));
	KT_EXPECT(strcmp(val, "ttyS0") == 0);
}

KTEST(multiboot2_memory_map)
{
	u64 usable = 0;

	KT_ASSERT(boot_info.nr_mmap > 0);
	for (int i = 0; i < boot_info.nr_mmap; i++)
		if (boot_info.mmap[i].type == MMAP_AVAILABLE)
			usable += boot_info.mmap[i].len;
	/* Page rounding of each region loses less than a page per region. */
	KT_EXPECT(usable >= memblock_phys_mem_size());
	KT_EXPECT(usable - memblock_phys_mem_size() < (u64)boot_info.nr_mmap * PAGE_SIZE);
	KT_EXPECT(strncmp(boot_info.bootloader, "GRUB", 4) == 0);
}

KTEST(multiboot2_module_reaches_kernel)
{
	static const char expect[] = "keyhole: this file is a multiboot2 module";
	struct boot_module *m = NULL;

	for (int i = 0; i < boot_info.nr_modules; i++)
		if (strcmp(boot_info.modules[i].name, "module-test") == 0)
			m = &boot_info.modules[i];
	KT_ASSERT(m != NULL);
	KT_EXPECT(m->end > m->start);
	KT_ASSERT(m->end - m->start >= sizeof(expect) - 1);
	KT_EXPECT(memcmp(__va(m->start), expect, sizeof(expect) - 1) == 0);
}
