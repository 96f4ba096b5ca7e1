/*
 * util_test.c - in-kernel tests of the IPC core's id and key bookkeeping:
 * ipcget's IPC_PRIVATE / IPC_CREAT / IPC_EXCL rules, id = seq * IPCMNI +
 * index, stale ids, keys freed by removal, permissions and ownership.
 *
 * They work on a namespace of their own, with objects that are bare
 * kern_ipc_perm headers in its (otherwise unused) semaphore table.
 */
#include "ipc/namespace.h"
#include "ipc/util.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/sched.h"
#include "lib/err.h"
#include "mm/slab.h"

static int test_getnew(struct ipc_namespace *ns, struct ipc_params *params)
{
	struct kern_ipc_perm *p = kzalloc(sizeof(*p), GFP_KERNEL);
	int err;

	if (!p)
		return -ENOMEM;
	p->key = params->key;
	p->mode = (unsigned int)params->flg & 0777;
	err = ipc_addid(&ns->ids[IPC_SEM_IDS], p, 1000);
	if (err < 0) {
		kfree(p);
		return err;
	}
	return p->id;
}

static const struct ipc_ops test_ops = { .getnew = test_getnew };

static int get(struct ipc_namespace *ns, key_t key, int flg)
{
	struct ipc_params params = { .key = key, .flg = flg };

	return ipcget(ns, &ns->ids[IPC_SEM_IDS], &test_ops, &params);
}

/* Remove by id and free the header. */
static void rm(struct ipc_namespace *ns, int id)
{
	struct ipc_ids *ids = &ns->ids[IPC_SEM_IDS];
	struct kern_ipc_perm *p;

	mutex_lock(&ids->rwsem);
	p = ipc_obtain_object_check(ids, id);
	if (!IS_ERR(p)) {
		ipc_rmid(ids, p);
		kfree(p);
	}
	mutex_unlock(&ids->rwsem);
}

static long check(struct ipc_namespace *ns, int id)
{
	struct ipc_ids *ids = &ns->ids[IPC_SEM_IDS];
	long ret;

	mutex_lock(&ids->rwsem);
	struct kern_ipc_perm *p = ipc_obtain_object_check(ids, id);
	ret = IS_ERR(p) ? PTR_ERR(p) : p->id;
	mutex_unlock(&ids->rwsem);
	return ret;
}

KTEST(ipcget_private_creat_excl)
{
	struct ipc_namespace *ns = create_ipc_ns();

	KT_ASSERT(ns != NULL);
	int a = get(ns, IPC_PRIVATE, 0600), b = get(ns, IPC_PRIVATE, 0600);
	KT_EXPECT(a >= 0 && b >= 0 && a != b);          /* IPC_PRIVATE: always new */
	KT_EXPECT_EQ(get(ns, 42, 0600), -ENOENT);       /* no key, no IPC_CREAT */
	int k = get(ns, 42, IPC_CREAT | 0600);
	KT_EXPECT(k >= 0);
	KT_EXPECT_EQ(get(ns, 42, 0), k);                /* found by key */
	KT_EXPECT_EQ(get(ns, 42, IPC_CREAT | 0600), k);
	KT_EXPECT_EQ(get(ns, 42, IPC_CREAT | IPC_EXCL | 0600), -EEXIST);
	KT_EXPECT_EQ(ns->ids[IPC_SEM_IDS].in_use, 3);
	rm(ns, k);
	KT_EXPECT_EQ(get(ns, 42, 0), -ENOENT);          /* the key went with it */
	KT_EXPECT_EQ(check(ns, k), -EINVAL);            /* and the id */
	rm(ns, a);
	rm(ns, b);
	KT_EXPECT_EQ(ns->ids[IPC_SEM_IDS].in_use, 0);
	KT_EXPECT_EQ(ipc_get_maxidx(&ns->ids[IPC_SEM_IDS]), -1);
	put_ipc_ns(ns);
}

/* Indexes go round cyclically; when they wrap, the sequence number goes
 * up, so an old id of a reused index is stale. */
KTEST(ipc_ids_are_cyclic_and_sequenced)
{
	struct ipc_namespace *ns = create_ipc_ns();

	KT_ASSERT(ns != NULL);
	int first = get(ns, IPC_PRIVATE, 0600);
	KT_EXPECT_EQ(ipcid_to_idx(first), 0);
	KT_EXPECT_EQ(ipcid_to_seqx(first), 0);
	rm(ns, first);
	int second = get(ns, IPC_PRIVATE, 0600);
	KT_EXPECT_EQ(ipcid_to_idx(second), 1);          /* not 0 again at once */
	rm(ns, second);

	int id = 0;
	for (int i = 2; i < IPCMNI; i++) {              /* run the indexes out */
		id = get(ns, IPC_PRIVATE, 0600);
		rm(ns, id);
	}
	KT_EXPECT_EQ(ipcid_to_idx(id), IPCMNI - 1);
	int wrapped = get(ns, IPC_PRIVATE, 0600);
	KT_EXPECT_EQ(ipcid_to_idx(wrapped), 0);         /* index 0 again ... */
	KT_EXPECT_EQ(ipcid_to_seqx(wrapped), 1);        /* ... in a new sequence */
	KT_EXPECT_EQ(wrapped, ipc_buildid(0, 1));
	KT_EXPECT_EQ(check(ns, first), -EINVAL);        /* the old id is stale */
	KT_EXPECT_EQ(check(ns, wrapped), wrapped);
	rm(ns, wrapped);
	put_ipc_ns(ns);
}

KTEST(ipc_keys_are_hashed_not_scanned)
{
	struct ipc_namespace *ns = create_ipc_ns();
	int ids[200];

	KT_ASSERT(ns != NULL);
	for (int i = 0; i < 200; i++)
		ids[i] = get(ns, 1000 + i * 7, IPC_CREAT | 0600);
	int bad = 0;
	for (int i = 0; i < 200; i++)
		bad += get(ns, 1000 + i * 7, 0) != ids[i];
	KT_EXPECT_EQ(bad, 0);
	/* No bucket holds more than a fair share of them. */
	int longest = 0;
	for (int b = 0; b < IPC_KEY_BUCKETS; b++) {
		int n = 0;
		struct kern_ipc_perm *p;

		hlist_for_each_entry(p, &ns->ids[IPC_SEM_IDS].key_ht[b], khtnode)
			n++;
		longest = n > longest ? n : longest;
	}
	KT_EXPECT(longest < 20);
	for (int i = 0; i < 200; i++)
		rm(ns, ids[i]);
	put_ipc_ns(ns);
}

KTEST(ipc_permissions_and_ownership)
{
	struct ipc_namespace *ns = create_ipc_ns();
	struct ipc_ids *ids;
	struct kern_ipc_perm *p, *res;
	u32 saved_euid = current->euid, saved_egid = current->egid, saved_fsgid = current->fsgid;

	KT_ASSERT(ns != NULL);
	ids = &ns->ids[IPC_SEM_IDS];
	int id = get(ns, 7, IPC_CREAT | 0640);          /* made by root */
	KT_ASSERT(id >= 0);
	mutex_lock(&ids->rwsem);
	p = ipc_obtain_object_check(ids, id);
	KT_ASSERT(!IS_ERR(p));
	p->gid = p->cgid = 100;
	mutex_unlock(&ids->rwsem);

	current->euid = 1000;                           /* a stranger in group 100 */
	current->egid = current->fsgid = 100;           /* as setgid(100) sets them */
	KT_EXPECT_EQ(ipcperms(ns, p, 0040), 0);         /* group may read */
	KT_EXPECT_EQ(ipcperms(ns, p, 0020), -1);        /* but not write */
	KT_EXPECT_EQ(get(ns, 7, 0600), -EACCES);        /* read+write asked */
	KT_EXPECT_EQ(get(ns, 7, 0400), id);
	current->egid = current->fsgid = 200;           /* not in the group */
	KT_EXPECT_EQ(ipcperms(ns, p, 0004), -1);
	mutex_lock(&ids->rwsem);
	KT_EXPECT_EQ(ipcctl_obtain_check(ids, id, &res), -EPERM);       /* not the owner */
	mutex_unlock(&ids->rwsem);
	current->euid = saved_euid;
	current->egid = saved_egid;
	current->fsgid = saved_fsgid;
	mutex_lock(&ids->rwsem);
	KT_EXPECT_EQ(ipcctl_obtain_check(ids, id, &res), 0);            /* root */
	KT_EXPECT(res == p);
	mutex_unlock(&ids->rwsem);
	rm(ns, id);
	put_ipc_ns(ns);
}
