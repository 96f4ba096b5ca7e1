/*
 * namespace.c - IPC namespaces (see namespace.h): the first one, and the
 * reference counting that will free a namespace with its last task.
 */
#include "ipc/namespace.h"
#include "kernel/panic.h"

/* The namespace of init and, until unshare(CLONE_NEWIPC), of everyone. */
struct ipc_namespace init_ipc_ns = {
	.count = 1,                     /* init_nsproxy's reference, never dropped */
};

/* put_ipc_ns - drop a reference; init_ipc_ns never goes away. */
void put_ipc_ns(struct ipc_namespace *ns)
{
	if (__atomic_sub_fetch(&ns->count, 1, __ATOMIC_RELAXED) == 0 && ns == &init_ipc_ns)
		panic("put_ipc_ns: init_ipc_ns lost its last reference");
}
