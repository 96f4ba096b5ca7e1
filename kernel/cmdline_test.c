/*
 * cmdline_test.c - command-line words: flags versus key=value.
 */
#include "arch/x86_64/multiboot2.h"
#include "kernel/cmdline.h"
#include "kernel/ktest.h"
#include "lib/string.h"

KTEST(cmdline_flags_and_values)
{
	char saved[COMMAND_LINE_SIZE], val[16];

	strlcpy(saved, kernel_cmdline, sizeof(saved));
	strlcpy(kernel_cmdline, "  quiet ktest=pmm,slab  mem=64M mem=128M loglevel= x", sizeof(kernel_cmdline));

	KT_EXPECT(cmdline_has("quiet"));
	KT_EXPECT(cmdline_has("x"));
	KT_EXPECT(!cmdline_has("ktest"));       /* only ktest=... is there */
	KT_EXPECT(!cmdline_has("qu"));
	KT_EXPECT(cmdline_get("ktest", val, sizeof(val)));
	KT_EXPECT(strcmp(val, "pmm,slab") == 0);
	KT_EXPECT(cmdline_get("mem", val, sizeof(val)));
	KT_EXPECT(strcmp(val, "128M") == 0);    /* the last one wins */
	KT_EXPECT(!cmdline_get("quiet", val, sizeof(val)));
	KT_EXPECT(cmdline_get("loglevel", val, sizeof(val)));   /* an empty value */
	KT_EXPECT_EQ(val[0], '\0');
	KT_EXPECT(cmdline_get("ktest", val, 4));
	KT_EXPECT(strcmp(val, "pmm") == 0);     /* truncated to fit */

	strlcpy(kernel_cmdline, saved, sizeof(kernel_cmdline));
}
