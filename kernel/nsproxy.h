/*
 * nsproxy.h - the namespaces a task lives in, shared by every task in the
 * same ones (Linux's struct nsproxy). keyhole has only IPC namespaces.
 */
#ifndef KERNEL_NSPROXY_H
#define KERNEL_NSPROXY_H

#include "ipc/namespace.h"

struct nsproxy {
	int count;                      /* tasks pointing here */
	struct ipc_namespace *ipc_ns;   /* a counted reference */
};

extern struct nsproxy init_nsproxy;

static inline struct nsproxy *get_nsproxy(struct nsproxy *ns)
{
	__atomic_add_fetch(&ns->count, 1, __ATOMIC_RELAXED);
	return ns;
}

void put_nsproxy(struct nsproxy *ns);

#endif /* KERNEL_NSPROXY_H */
