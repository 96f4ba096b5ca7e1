/*
 * nsproxy.c - the namespace set of tasks. fork shares the parent's
 * (get_nsproxy); the last task to drop one releases its namespaces.
 */
#include "kernel/nsproxy.h"
#include "mm/slab.h"

struct nsproxy init_nsproxy = {
	.count = 1,                     /* never freed */
	.ipc_ns = &init_ipc_ns,
};

/* put_nsproxy - drop a task's reference; the last one frees it. */
void put_nsproxy(struct nsproxy *ns)
{
	if (__atomic_sub_fetch(&ns->count, 1, __ATOMIC_RELAXED) > 0 || ns == &init_nsproxy)
		return;
	put_ipc_ns(ns->ipc_ns);
	kfree(ns);
}
