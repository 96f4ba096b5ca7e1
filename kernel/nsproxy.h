/*
 * nsproxy.h - the namespaces a task lives in, shared by every task in the
 * same ones (Linux's struct nsproxy). keyhole has only IPC namespaces.
 */
#ifndef KERNEL_NSPROXY_H
#define KERNEL_NSPROXY_H

#include "ipc/namespace.h"
#include "lib/refcount.h"

#define CLONE_FS        0x00000200
#define CLONE_FILES     0x00000400
#define CLONE_SYSVSEM   0x00040000
#define CLONE_NEWIPC    0x08000000

struct nsproxy {
	refcount_t count;               /* tasks pointing here (atomic: no lock) */
	struct ipc_namespace *ipc_ns;   /* a counted reference */
};

extern struct nsproxy init_nsproxy;

static inline struct nsproxy *get_nsproxy(struct nsproxy *ns)
{
	refcount_inc(&ns->count);
	return ns;
}

void put_nsproxy(struct nsproxy *ns);
struct nsproxy *create_new_namespaces(unsigned long flags, struct nsproxy *old);

#endif /* KERNEL_NSPROXY_H */
