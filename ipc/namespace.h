/*
 * namespace.h - IPC namespaces: each holds its own set of System V IPC
 * objects (the ids tables and limits arrive with ipc/util.c in issue 4).
 *
 * For now there is one, init_ipc_ns, and every task holds a counted
 * reference to it through its nsproxy, as in Linux; unshare(CLONE_NEWIPC)
 * will give a task a new one.
 */
#ifndef IPC_NAMESPACE_H
#define IPC_NAMESPACE_H

#include "lib/types.h"

struct ipc_namespace {
	int count;                      /* nsproxies pointing here */
};

extern struct ipc_namespace init_ipc_ns;

static inline struct ipc_namespace *get_ipc_ns(struct ipc_namespace *ns)
{
	__atomic_add_fetch(&ns->count, 1, __ATOMIC_RELAXED);
	return ns;
}

void put_ipc_ns(struct ipc_namespace *ns);

#endif /* IPC_NAMESPACE_H */
