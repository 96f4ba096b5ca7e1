/*
 * kallsyms_test.c - the build-time symbol table names the right functions.
 */
#include "kernel/kallsyms.h"
#include "kernel/ktest.h"
#include "lib/string.h"
#include "mm/slab.h"

void kmain(u32 magic, u32 mbi_phys);

KTEST(kallsyms_names_functions)
{
	unsigned long off, size;
	const char *name;

	name = kallsyms_lookup((unsigned long)kmalloc, &off, &size);
	KT_ASSERT(name != NULL);
	KT_EXPECT(strcmp(name, "kmalloc") == 0);
	KT_EXPECT_EQ(off, 0);
	KT_EXPECT(size > 0);

	name = kallsyms_lookup((unsigned long)kmain + 5, &off, NULL);
	KT_ASSERT(name != NULL);
	KT_EXPECT(strcmp(name, "kmain") == 0);
	KT_EXPECT_EQ(off, 5);

	KT_EXPECT_EQ(kallsyms_lookup_name("kfree"), (unsigned long)kfree);
	KT_EXPECT_EQ(kallsyms_lookup_name("no_such_function_here"), 0);
}

KTEST(kallsyms_rejects_non_code)
{
	static int not_code;
	char buf[64];

	KT_EXPECT(kallsyms_lookup((unsigned long)&not_code, NULL, NULL) == NULL);
	KT_EXPECT(kallsyms_lookup(0x1000, NULL, NULL) == NULL);
	sprint_symbol(buf, sizeof(buf), 0x1234);
	KT_EXPECT(strcmp(buf, "0x0000000000001234") == 0);
	sprint_symbol(buf, sizeof(buf), (unsigned long)kfree + 3);
	KT_EXPECT(strncmp(buf, "kfree+0x3/0x", 12) == 0);
}
