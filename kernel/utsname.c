/*
 * utsname.c - the system's names: uname(2), sethostname(2),
 * setdomainname(2), and what /proc/version and /proc/sys/kernel show.
 * Linux's init_uts_ns (kernel/utsname.c, init/version.c), without UTS
 * namespaces: one set of names for the machine.
 *
 *	sysname     "keyhole"         (what the kernel is; the user tests tell
 *	                               Linux from keyhole by it)
 *	release     "6.1.0-keyhole"   the Linux release whose ABI and /proc
 *	                               formats keyhole follows: programs that
 *	                               parse it (procps, glibc) find a 6.1
 *	nodename    "keyhole"         until sethostname changes it
 *	domainname  "(none)"          as Linux's default
 *
 * Locking: uts_lock guards nodename and domainname, the only names that
 * change; readers copy the whole struct under it.
 */
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "kernel/syscalls.h"
#include "kernel/utsname.h"
#include "lib/string.h"
#include "mm/uaccess.h"

#define UTS_RELEASE     "6.1.0-keyhole"
#define UTS_VERSION     "#1 SMP PREEMPT_DYNAMIC keyhole"

static DEFINE_SPINLOCK(uts_lock);
static struct new_utsname init_uts = {
	.sysname = "keyhole",
	.nodename = "keyhole",
	.release = UTS_RELEASE,
	.version = UTS_VERSION,
	.machine = "x86_64",
	.domainname = "(none)",
};

/* What /proc/version says (Linux's linux_banner, built the same way). */
const char linux_banner[] = "keyhole version " UTS_RELEASE " (root@keyhole) (gcc version "
			    __VERSION__ ") " UTS_VERSION "\n";

/*
 * utsname_get - copy the names into u.
 *
 * Context: any.
 */
void utsname_get(struct new_utsname *u)
{
	unsigned long flags;

	spin_lock_irqsave(&uts_lock, flags);
	*u = init_uts;
	spin_unlock_irqrestore(&uts_lock, flags);
}

static int set_name(char *field, const char *name, size_t len)
{
	unsigned long flags;

	if (len > __NEW_UTS_LEN)
		return -EINVAL;
	spin_lock_irqsave(&uts_lock, flags);
	memcpy(field, name, len);
	memset(field + len, 0, __NEW_UTS_LEN + 1 - len);
	spin_unlock_irqrestore(&uts_lock, flags);
	return 0;
}

/*
 * utsname_set_host/domain - set the host (domain) name to len bytes of
 * name (not NUL-terminated). The caller has checked the privilege.
 *
 * Context: any. Return: 0, or -EINVAL if len > 64.
 */
int utsname_set_host(const char *name, size_t len)
{
	return set_name(init_uts.nodename, name, len);
}

int utsname_set_domain(const char *name, size_t len)
{
	return set_name(init_uts.domainname, name, len);
}

SYSCALL_DEFINE1(uname, struct new_utsname *, name)
{
	struct new_utsname u;

	utsname_get(&u);
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

/* sethostname/setdomainname: CAP_SYS_ADMIN (root), 0 <= len <= 64, as
 * Linux checks them, in that order. */
static long do_setname(const char *uname, int len, bool host)
{
	char buf[__NEW_UTS_LEN];

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(buf, uname, (size_t)len))
		return -EFAULT;
	return host ? utsname_set_host(buf, (size_t)len) : utsname_set_domain(buf, (size_t)len);
}

SYSCALL_DEFINE2(sethostname, const char *, name, int, len)
{
	return do_setname(name, len, true);
}

SYSCALL_DEFINE2(setdomainname, const char *, name, int, len)
{
	return do_setname(name, len, false);
}
