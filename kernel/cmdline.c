/*
 * cmdline.c - the kernel command line, as words separated by spaces.
 *
 * kernel_cmdline holds what GRUB passed plus, under QEMU, the fw_cfg words
 * (arch/x86_64/fw_cfg.c). A word is either a flag ("quiet") or
 * "key=value" ("ktest=pmm"); a flag and "key=..." are told apart, so
 * cmdline_has("ktest") is false for "ktest=pmm".
 */
#include "arch/x86_64/multiboot2.h"
#include "kernel/cmdline.h"
#include "lib/compiler.h"
#include "lib/string.h"

/* Find the next word of s: its start and length; NULL when none is left. */
static const char *next_word(const char *s, size_t *len)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return NULL;
	const char *e = s;
	while (*e && *e != ' ' && *e != '\t')
		e++;
	*len = (size_t)(e - s);
	return s;
}

/* cmdline_has - whether word appears on the command line by itself. */
bool cmdline_has(const char *word)
{
	size_t wl = strlen(word), len;

	for (const char *w = kernel_cmdline; (w = next_word(w, &len)); w += len)
		if (len == wl && strncmp(w, word, wl) == 0)
			return true;
	return false;
}

/*
 * cmdline_get - the value of the last "key=value" word, copied into val
 * (NUL-terminated, truncated to len - 1 bytes).
 *
 * Return: true if the key is present.
 */
bool cmdline_get(const char *key, char *val, size_t len)
{
	size_t kl = strlen(key), wl;
	bool found = false;

	for (const char *w = kernel_cmdline; (w = next_word(w, &wl)); w += wl) {
		if (wl > kl && strncmp(w, key, kl) == 0 && w[kl] == '=') {
			size_t n = min(wl - kl - 1, len - 1);
			memcpy(val, w + kl + 1, n);
			val[n] = '\0';
			found = true;
		}
	}
	return found;
}
