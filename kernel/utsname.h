/*
 * utsname.h - the system's names, as uname(2) reports them, and the host
 * name sethostname(2) sets (kernel/utsname.c).
 */
#ifndef KERNEL_UTSNAME_H
#define KERNEL_UTSNAME_H

#include "lib/types.h"

#define __NEW_UTS_LEN   64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

void utsname_get(struct new_utsname *u);
int utsname_set_host(const char *name, size_t len);
int utsname_set_domain(const char *name, size_t len);
extern const char linux_banner[];

#endif /* KERNEL_UTSNAME_H */
