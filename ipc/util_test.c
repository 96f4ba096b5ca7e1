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
	err = ipc_addid(&ns->ids[IPC_SEM_IDS], p, IPCMNI);
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

/*
 * Indexes go round cyclically, within max(in_use * 3/2, 64) as in Linux;
 * when they wrap, the sequence number goes up, so an old id of a reused
 * index is stale.
 */
KTEST(ipc_ids_are_cyclic_and_sequenced)
{
	struct ipc_namespace *ns = create_ipc_ns();
	int held[100];

	KT_ASSERT(ns != NULL);
	int first = get(ns, IPC_PRIVATE, 0600);
	KT_EXPECT_EQ(ipcid_to_idx(first), 0);
	KT_EXPECT_EQ(ipcid_to_seqx(first), 0);
	rm(ns, first);
	int second = get(ns, IPC_PRIVATE, 0600);
	KT_EXPECT_EQ(ipcid_to_idx(second), 1);          /* not 0 again at once */
	rm(ns, second);

	int id = 0;
	for (int i = 2; i < IPC_MIN_CYCLE; i++) {       /* run the cycle out */
		id = get(ns, IPC_PRIVATE, 0600);
		rm(ns, id);
	}
	KT_EXPECT_EQ(id, ipc_buildid(IPC_MIN_CYCLE - 1, 0));
	int wrapped = get(ns, IPC_PRIVATE, 0600);
	KT_EXPECT_EQ(wrapped, ipc_buildid(0, 1));       /* index 0 in a new sequence */
	KT_EXPECT_EQ(check(ns, first), -EINVAL);        /* the old id is stale */
	KT_EXPECT_EQ(check(ns, wrapped), wrapped);
	rm(ns, wrapped);

	/* With 100 objects held at indexes 1 .. 100 the cycle is 150 long:
	 * the next go at 101 .. 149, then round to the lowest free, 0. */
	for (int i = 0; i < 100; i++)
		held[i] = get(ns, IPC_PRIVATE, 0600);
	KT_EXPECT_EQ(held[0], ipc_buildid(1, 1));
	KT_EXPECT_EQ(held[99], ipc_buildid(100, 1));
	for (int i = 101; i < 150; i++) {
		id = get(ns, IPC_PRIVATE, 0600);
		KT_EXPECT_EQ(id, ipc_buildid(i, 1));
		rm(ns, id);
	}
	id = get(ns, IPC_PRIVATE, 0600);
	KT_EXPECT_EQ(id, ipc_buildid(0, 2));
	rm(ns, id);
	for (int i = 0; i < 100; i++)
		rm(ns, held[i]);
	KT_EXPECT_EQ(ns->ids[IPC_SEM_IDS].in_use, 0);
	put_ipc_ns(ns);
}

/* max_idx (SEM_INFO's answer) follows the highest index in use down, over
 * holes and across the idr's leaves, to -1. */
KTEST(ipc_max_idx_follows_the_highest_index)
{
	struct ipc_namespace *ns = create_ipc_ns();
	struct ipc_ids *ids;
	int id[300];

	KT_ASSERT(ns != NULL);
	ids = &ns->ids[IPC_SEM_IDS];
	for (int i = 0; i < 300; i++) {
		id[i] = get(ns, IPC_PRIVATE, 0600);
		KT_EXPECT_EQ(ipcid_to_idx(id[i]), i);
	}
	KT_EXPECT_EQ(ipc_get_maxidx(ids), 299);
	rm(ns, id[298]);
	KT_EXPECT_EQ(ipc_get_maxidx(ids), 299);         /* not the highest */
	rm(ns, id[299]);
	KT_EXPECT_EQ(ipc_get_maxidx(ids), 297);         /* over the hole */
	for (int i = 297; i > 3; i--)
		if (i != 130)
			rm(ns, id[i]);
	KT_EXPECT_EQ(ipc_get_maxidx(ids), 130);
	rm(ns, id[130]);
	KT_EXPECT_EQ(ipc_get_maxidx(ids), 3);           /* two leaves down */
	rm(ns, id[3]);
	rm(ns, id[1]);
	KT_EXPECT_EQ(ipc_get_maxidx(ids), 2);
	rm(ns, id[2]);
	KT_EXPECT_EQ(ipc_get_maxidx(ids), 0);
	rm(ns, id[0]);
	KT_EXPECT_EQ(ipc_get_maxidx(ids), -1);
	KT_EXPECT_EQ(ids->max_idx, -1);
	put_ipc_ns(ns);
}

/* The longest chain of the key table, and whether every object in it is
 * in the bucket its key hashes to, with key_count objects in all. */
static int key_ht_longest(struct ipc_ids *ids, bool *consistent)
{
	int longest = 0, total = 0;

	*consistent = true;
	for (int b = 0; b < (1 << ids->key_ht_bits); b++) {
		int n = 0;
		struct kern_ipc_perm *p;

		hlist_for_each_entry(p, &ids->key_ht[b], khtnode) {
			n++;
			if (ipc_findkey(ids, p->key) != p || p->key == IPC_PRIVATE)
				*consistent = false;
		}
		total += n;
		longest = n > longest ? n : longest;
	}
	if (total != ids->key_count)
		*consistent = false;
	return longest;
}

KTEST(ipc_keys_are_hashed_not_scanned)
{
	struct ipc_namespace *ns = create_ipc_ns();
	int ids[200];
	bool ok;

	KT_ASSERT(ns != NULL);
	for (int i = 0; i < 200; i++)
		ids[i] = get(ns, 1000 + i * 7, IPC_CREAT | 0600);
	int bad = 0;
	for (int i = 0; i < 200; i++)
		bad += get(ns, 1000 + i * 7, 0) != ids[i];
	KT_EXPECT_EQ(bad, 0);
	/* No bucket holds more than a fair share of them. */
	KT_EXPECT(key_ht_longest(&ns->ids[IPC_SEM_IDS], &ok) < 20);
	KT_EXPECT(ok);
	for (int i = 0; i < 200; i++)
		rm(ns, ids[i]);
	put_ipc_ns(ns);
}

/*
 * The key table grows with the keyed objects (one bucket or more per
 * key), so that a lookup stays O(1) with 20,000 of them, and shrinks back
 * to the array inside ipc_ids as they go, by IPC_RMID or by losing their
 * key (shm's IPC_RMID while attached); private objects are never in it.
 */
#define MANY_KEYS 20000
KTEST(ipc_key_table_grows_and_shrinks)
{
	struct ipc_namespace *ns = create_ipc_ns();
	struct ipc_ids *ids;
	int *id = kmalloc(MANY_KEYS * sizeof(int), GFP_KERNEL);
	int priv[10], bad = 0;
	bool ok;

	KT_ASSERT(ns != NULL && id != NULL);
	ids = &ns->ids[IPC_SEM_IDS];
	KT_EXPECT(ids->key_ht == ids->key_ht_small);
	for (int i = 0; i < 10; i++)
		priv[i] = get(ns, IPC_PRIVATE, 0600);
	for (int i = 0; i < MANY_KEYS; i++) {
		id[i] = get(ns, 0x10000 + i * 3, IPC_CREAT | 0600);
		bad += id[i] < 0;
		if (i == 63 || i == 64 || i == 65)      /* grows past 64 keys, not before */
			KT_EXPECT_EQ(ids->key_ht_bits, i < 64 ? 6U : 7U);
	}
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT_EQ(ids->key_count, MANY_KEYS);
	KT_EXPECT_EQ(ids->key_ht_bits, 15U);             /* 20,000 keys: 32,768 buckets */
	KT_EXPECT(key_ht_longest(ids, &ok) <= 8);
	KT_EXPECT(ok);
	for (int i = 0; i < MANY_KEYS; i++)
		bad += get(ns, 0x10000 + i * 3, 0) != id[i];
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT_EQ(get(ns, 0x10000 + 1, 0), -ENOENT);

	/* Remove all but every 100th, from both ends, some by making the key
	 * private; the rest are still found, and the table is smaller. */
	for (int lo = 0, hi = MANY_KEYS - 1; lo <= hi; lo++, hi--) {
		for (int j = lo; ; j = hi) {
			if (j % 100 == 0) {
				/* kept */
			} else if (j % 3 == 0) {
				mutex_lock(&ids->rwsem);
				ipc_set_key_private(ids, ipc_obtain_object_check(ids, id[j]));
				mutex_unlock(&ids->rwsem);
			} else {
				rm(ns, id[j]);
				id[j] = -1;
			}
			if (j == hi)
				break;
		}
	}
	KT_EXPECT_EQ(ids->key_count, MANY_KEYS / 100);
	KT_EXPECT(ids->key_ht_bits <= 10U);
	KT_EXPECT(ids->key_ht_bits >= 8U);
	key_ht_longest(ids, &ok);
	KT_EXPECT(ok);
	for (int i = 0; i < MANY_KEYS; i++) {
		int want = i % 100 == 0 ? id[i] : -ENOENT;
		bad += get(ns, 0x10000 + i * 3, 0) != want;
	}
	KT_EXPECT_EQ(bad, 0);
	for (int i = 0; i < MANY_KEYS; i++)
		if (id[i] >= 0)
			rm(ns, id[i]);
	KT_EXPECT_EQ(ids->key_count, 0);
	KT_EXPECT(ids->key_ht == ids->key_ht_small);
	KT_EXPECT_EQ(ids->key_ht_bits, 6U);
	for (int i = 0; i < 10; i++)
		rm(ns, priv[i]);
	KT_EXPECT_EQ(ids->in_use, 0);
	kfree(id);
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
