/*
 * namespace.c - creating and freeing IPC namespaces (see namespace.h).
 *
 * init_ipc_ns is the first task's; unshare(CLONE_NEWIPC) and
 * clone(CLONE_NEWIPC) (kernel/nsproxy.c) make fresh, empty ones with
 * create_ipc_ns(). put_ipc_ns() of the last reference runs free_ipcs:
 * every object of the namespace is destroyed (no segment can be attached
 * by then: attaches hold references).
 */
#include "ipc/namespace.h"
#include "ipc/msg.h"
#include "ipc/sem.h"
#include "kernel/panic.h"
#include "mm/slab.h"

struct ipc_namespace init_ipc_ns;

static void init_limits_and_ids(struct ipc_namespace *ns)
{
	for (int i = 0; i < 3; i++)
		ipc_init_ids(&ns->ids[i]);
	sem_init_ns(ns);
	msg_init_ns(ns);
	shm_init_ns(ns);
}

/*
 * ipc_ns_init - set up init_ipc_ns, with the one reference init_nsproxy
 * holds for ever.
 *
 * Context: boot, before the first task.
 */
void ipc_ns_init(void)
{
	refcount_set(&init_ipc_ns.count, 1);
	init_limits_and_ids(&init_ipc_ns);
}

/* create_ipc_ns - a new, empty namespace with one reference. Return: it, or NULL. */
struct ipc_namespace *create_ipc_ns(void)
{
	struct ipc_namespace *ns = kzalloc(sizeof(*ns), GFP_KERNEL);

	if (!ns)
		return NULL;
	refcount_set(&ns->count, 1);
	init_limits_and_ids(ns);
	return ns;
}

/* Destroy every object of a namespace nobody uses any more. */
static void free_ipcs(struct ipc_namespace *ns)
{
	shm_exit_ns(ns);
	sem_exit_ns(ns);
	msg_exit_ns(ns);
	for (int i = 0; i < 3; i++)
		idr_destroy(&ns->ids[i].ipcs_idr);
}

/*
 * put_ipc_ns - drop a reference; the last one frees the namespace and all
 * its objects. init_ipc_ns is never freed.
 *
 * Context: process context.
 */
void put_ipc_ns(struct ipc_namespace *ns)
{
	if (!refcount_dec_and_test(&ns->count))
		return;
	if (ns == &init_ipc_ns)
		panic("put_ipc_ns: init_ipc_ns lost its last reference");
	free_ipcs(ns);
	kfree(ns);
}
