/*
 * multiboot2.c - reading GRUB's boot information.
 *
 * GRUB leaves a list of tags in memory (u32 total size, u32 reserved, then
 * tags of { u32 type, u32 size, payload } each padded to 8 bytes, ending
 * with type 0). keyhole keeps three: the command line (kernel_cmdline),
 * the memory map (the page allocator's source of free memory) and the
 * modules (the initramfs, in a later issue). All of it is copied into
 * boot_info, so the page allocator may later reuse GRUB's memory.
 */
#include "arch/x86_64/multiboot2.h"
#include "arch/x86_64/page.h"
#include "kernel/panic.h"
#include "lib/compiler.h"
#include "lib/string.h"

#define MB2_TAG_END             0
#define MB2_TAG_CMDLINE         1
#define MB2_TAG_BOOTLOADER      2
#define MB2_TAG_MODULE          3
#define MB2_TAG_MMAP            6

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_tag_string {
	struct mb2_tag tag;
	char string[];
};

struct mb2_tag_module {
	struct mb2_tag tag;
	u32 mod_start;
	u32 mod_end;
	char cmdline[];
};

struct mb2_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
	u32 zero;
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	u32 entry_size;
	u32 entry_version;
	struct mb2_mmap_entry entries[];
};

struct boot_info boot_info;
char kernel_cmdline[COMMAND_LINE_SIZE];

/* mmap_type_name - the multiboot2 name of a memory map entry type. */
const char *mmap_type_name(u32 type)
{
	switch (type) {
	case MMAP_AVAILABLE:
		return "usable";
	case MMAP_ACPI_RECLAIMABLE:
		return "ACPI data";
	case MMAP_NVS:
		return "ACPI NVS";
	case MMAP_BADRAM:
		return "unusable";
	default:
		return "reserved";
	}
}

/*
 * multiboot2_parse - copy what keyhole needs out of GRUB's information at
 * physical address mbi.
 *
 * Context: kmain, first thing; the early page tables map the first 4 GiB
 * in the direct map, where GRUB puts the structure.
 */
void multiboot2_parse(u32 magic, phys_addr_t mbi)
{
	if (magic != MULTIBOOT2_BOOTLOADER_MAGIC)
		panic("not booted by a multiboot2 loader (magic 0x%x)", magic);

	u32 total = *(u32 *)__va(mbi);
	boot_info.mbi_start = mbi;
	boot_info.mbi_end = mbi + total;

	for (phys_addr_t p = mbi + 8; p < mbi + total;) {
		struct mb2_tag *tag = __va(p);

		if (tag->type == MB2_TAG_END)
			break;
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			strlcpy(kernel_cmdline, ((struct mb2_tag_string *)tag)->string,
				sizeof(kernel_cmdline));
			break;
		case MB2_TAG_BOOTLOADER:
			strlcpy(boot_info.bootloader, ((struct mb2_tag_string *)tag)->string,
				sizeof(boot_info.bootloader));
			break;
		case MB2_TAG_MODULE: {
			struct mb2_tag_module *m = (void *)tag;
			struct boot_module *bm;

			if (boot_info.nr_modules == BOOT_MODULES_MAX)
				break;
			bm = &boot_info.modules[boot_info.nr_modules++];
			bm->start = m->mod_start;
			bm->end = m->mod_end;
			strlcpy(bm->name, m->cmdline, sizeof(bm->name));
			break;
		}
		case MB2_TAG_MMAP: {
			struct mb2_tag_mmap *mm = (void *)tag;
			u32 n = (tag->size - sizeof(*mm)) / mm->entry_size;

			for (u32 i = 0; i < n && boot_info.nr_mmap < BOOT_MMAP_MAX; i++) {
				struct mb2_mmap_entry *e =
					(void *)((char *)mm->entries + i * mm->entry_size);
				struct boot_mmap_entry *be = &boot_info.mmap[boot_info.nr_mmap++];

				be->addr = e->addr;
				be->len = e->len;
				be->type = e->type;
			}
			break;
		}
		}
		p += ALIGN_UP(tag->size, 8);
	}
}
