/*
 * fw_cfg.c - QEMU's firmware configuration device, used for one thing:
 * extra kernel command-line words that do not need a new ISO.
 *
 * GRUB's command line is fixed inside the ISO (iso/grub.cfg). QEMU can hand
 * the guest named blobs through fw_cfg (`-fw_cfg name=opt/keyhole/cmdline,
 * string=ktest`), which tools/run-kernel uses to boot the same ISO for
 * `make run`, the in-kernel tests and the harness checks. keyhole appends
 * that blob, if present, to kernel_cmdline.
 *
 * The interface: write a 16-bit key to port 0x510, read bytes from 0x511.
 * Key 0 reads "QEMU" when the device exists; key 0x19 is a directory of
 * files, a big-endian count followed by { be32 size, be16 key, u16, name }.
 */
#include "arch/x86_64/fw_cfg.h"
#include "arch/x86_64/io.h"
#include "lib/compiler.h"
#include "lib/string.h"

#define FW_CFG_PORT_SEL         0x510
#define FW_CFG_PORT_DATA        0x511
#define FW_CFG_SIGNATURE        0x0000
#define FW_CFG_FILE_DIR         0x0019

struct fw_cfg_file {
	u32 size;               /* big-endian */
	u16 select;             /* big-endian */
	u16 reserved;
	char name[56];
};

static void fw_cfg_read(void *buf, size_t len)
{
	u8 *p = buf;

	for (size_t i = 0; i < len; i++)
		p[i] = inb(FW_CFG_PORT_DATA);
}

static u32 be32(u32 v)
{
	return __builtin_bswap32(v);
}

/*
 * fw_cfg_read_file - copy the fw_cfg file called name into buf, at most
 * len - 1 bytes, NUL-terminated.
 *
 * Return: the number of bytes copied, or -1 if there is no fw_cfg device or
 * no such file.
 */
int fw_cfg_read_file(const char *name, char *buf, size_t len)
{
	char sig[4];
	u32 count;

	outw(FW_CFG_PORT_SEL, FW_CFG_SIGNATURE);
	fw_cfg_read(sig, sizeof(sig));
	if (memcmp(sig, "QEMU", 4) != 0 || len == 0)
		return -1;

	outw(FW_CFG_PORT_SEL, FW_CFG_FILE_DIR);
	fw_cfg_read(&count, sizeof(count));
	count = be32(count);
	for (u32 i = 0; i < count; i++) {
		struct fw_cfg_file f;

		fw_cfg_read(&f, sizeof(f));
		f.name[sizeof(f.name) - 1] = '\0';
		if (strcmp(f.name, name) != 0)
			continue;
		size_t n = min((size_t)be32(f.size), len - 1);
		outw(FW_CFG_PORT_SEL, __builtin_bswap16(f.select));
		fw_cfg_read(buf, n);
		buf[n] = '\0';
		return (int)n;
	}
	return -1;
}
