/*
 * kallsyms.c - turning a code address into "function+0xoff/0xsize".
 *
 * The table is made at build time, as Linux's kallsyms: the kernel is linked
 * once with an empty table, `nm -n` lists its functions, tools/gen-kallsyms
 * writes them as an assembly file (sorted addresses, offsets into one block
 * of names), and the kernel is linked again with it. The table lives in
 * .kallsyms after code and data, so adding it moves no function; the
 * Makefile compares the two links to be sure.
 */
#include "kernel/kallsyms.h"
#include "lib/printf.h"
#include "lib/string.h"

/* Defined by the generated build/kallsyms.S. */
extern const u64 kallsyms_num;
extern const u64 kallsyms_addresses[];
extern const u32 kallsyms_offsets[];
extern const char kallsyms_names[];
extern char _stext[], _etext[];

/*
 * kallsyms_lookup - the function containing addr.
 *
 * Return: its name, with *offset the distance from its start and *size the
 * distance to the next symbol; NULL if addr is outside the kernel's code.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	u64 n = kallsyms_num;
	u64 lo = 0, hi = n;

	if (n == 0 || addr < (unsigned long)_stext || addr >= (unsigned long)_etext)
		return NULL;                    /* not kernel code: user or boot addresses */
	/* Binary search for the last symbol at or below addr. */
	while (hi - lo > 1) {
		u64 mid = lo + (hi - lo) / 2;
		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	unsigned long end = lo + 1 < n ? kallsyms_addresses[lo + 1] : (unsigned long)_etext;
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	if (size)
		*size = end - kallsyms_addresses[lo];
	return kallsyms_names + kallsyms_offsets[lo];
}

/*
 * sprint_symbol - write "name+0xoff/0xsize" for addr, or the bare address
 * when it is not in the kernel's code, as Linux's %pS.
 *
 * Return: the length written (scnprintf's).
 */
int sprint_symbol(char *buf, size_t len, unsigned long addr)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(addr, &off, &size);

	if (!name)
		return scnprintf(buf, len, "0x%016lx", addr);
	return scnprintf(buf, len, "%s+0x%lx/0x%lx", name, off, size);
}

/* kallsyms_lookup_name - the address of the function called name, or 0. */
unsigned long kallsyms_lookup_name(const char *name)
{
	for (u64 i = 0; i < kallsyms_num; i++)
		if (strcmp(kallsyms_names + kallsyms_offsets[i], name) == 0)
			return kallsyms_addresses[i];
	return 0;
}
