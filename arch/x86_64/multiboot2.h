/*
 * multiboot2.h - what GRUB tells the kernel at boot, copied out of the
 * multiboot2 information structure into struct boot_info before the memory
 * holding it is reused.
 */
#ifndef ARCH_X86_64_MULTIBOOT2_H
#define ARCH_X86_64_MULTIBOOT2_H

#include "lib/types.h"

#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36d76289

#define BOOT_MMAP_MAX           128
#define BOOT_MODULES_MAX        16
#define COMMAND_LINE_SIZE       1024

/* Memory map entry types, as multiboot2 (and the BIOS's E820) number them. */
#define MMAP_AVAILABLE          1
#define MMAP_RESERVED           2
#define MMAP_ACPI_RECLAIMABLE   3
#define MMAP_NVS                4
#define MMAP_BADRAM             5

struct boot_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
};

struct boot_module {
	u64 start;              /* physical, first byte */
	u64 end;                /* physical, one past the last byte */
	char name[64];          /* the words after the file name in grub.cfg */
};

struct boot_info {
	phys_addr_t mbi_start, mbi_end;         /* the structure itself */
	char bootloader[64];
	int nr_mmap;
	struct boot_mmap_entry mmap[BOOT_MMAP_MAX];
	int nr_modules;
	struct boot_module modules[BOOT_MODULES_MAX];
};

extern struct boot_info boot_info;
extern char kernel_cmdline[COMMAND_LINE_SIZE];

void multiboot2_parse(u32 magic, phys_addr_t mbi);
const char *mmap_type_name(u32 type);

#endif /* ARCH_X86_64_MULTIBOOT2_H */
