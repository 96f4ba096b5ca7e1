/*
 * nsproxy.c - the namespace set of tasks, and unshare(2).
 *
 * fork shares the parent's nsproxy (get_nsproxy); unshare(CLONE_NEWIPC)
 * and clone(CLONE_NEWIPC) give the task a new nsproxy with a fresh, empty
 * IPC namespace. The last task to drop an nsproxy releases its namespaces.
 */
#include "ipc/sem.h"
#include "ipc/shm.h"
#include "kernel/errno.h"
#include "kernel/nsproxy.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/slab.h"

struct nsproxy init_nsproxy = {
	.count = REFCOUNT_INIT(1),      /* never freed */
	.ipc_ns = &init_ipc_ns,
};

/* put_nsproxy - drop a task's reference; the last one frees it. */
void put_nsproxy(struct nsproxy *ns)
{
	if (!refcount_dec_and_test(&ns->count) || ns == &init_nsproxy)
		return;
	put_ipc_ns(ns->ipc_ns);
	kfree(ns);
}

/*
 * create_new_namespaces - an nsproxy like old, with a new IPC namespace if
 * flags has CLONE_NEWIPC.
 *
 * Return: it (one reference), or NULL when memory runs out.
 */
struct nsproxy *create_new_namespaces(unsigned long flags, struct nsproxy *old)
{
	struct nsproxy *ns = kzalloc(sizeof(*ns), GFP_KERNEL);

	if (!ns)
		return NULL;
	refcount_set(&ns->count, 1);
	if (flags & CLONE_NEWIPC) {
		ns->ipc_ns = create_ipc_ns();
		if (!ns->ipc_ns) {
			kfree(ns);
			return NULL;
		}
	} else {
		ns->ipc_ns = get_ipc_ns(old->ipc_ns);
	}
	return ns;
}

SYSCALL_DEFINE1(unshare, unsigned long, flags)
{
	struct task_struct *p = current;
	struct nsproxy *ns;

	/* The other namespaces and sharing flags keyhole does not have;
	 * asking to unshare what is not shared (files, fs, vm) is a no-op. */
	if (flags & ~(CLONE_NEWIPC | CLONE_FILES | CLONE_FS | CLONE_SYSVSEM))
		return -EINVAL;
	if (!(flags & CLONE_NEWIPC)) {
		if (flags & CLONE_SYSVSEM)
			exit_sem(p);            /* as Linux: like exit, for the undos */
		return 0;
	}
	if (p->euid != 0)
		return -EPERM;                  /* CAP_SYS_ADMIN */
	ns = create_new_namespaces(flags, p->nsproxy);
	if (!ns)
		return -ENOMEM;
	exit_sem(p);                            /* its undos belong to the old one */
	exit_shm(p);                            /* orphan its segments in the old one */
	put_nsproxy(p->nsproxy);
	p->nsproxy = ns;
	return 0;
}
