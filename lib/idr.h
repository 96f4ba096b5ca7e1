/*
 * idr.h - small integer ids mapped to pointers, Linux's idr API.
 *
 * An idr hands out the lowest free id in a range and remembers a pointer
 * for it: the IPC ids of shmget/semget/msgget, a file's page cache. Ids
 * are ints from 0 to INT_MAX; every operation takes time proportional to
 * the height of a radix tree (at most 6 levels), not to the number of ids.
 * How the tree works is written at the top of lib/idr.c.
 *
 *	static DEFINE_IDR(things);
 *
 *	id = idr_alloc(&things, thing, 0, 0, GFP_KERNEL);      // 0, 1, 2, ...
 *	thing = idr_find(&things, id);
 *	idr_for_each_entry(&things, thing, id)
 *		...
 *	idr_remove(&things, id);
 *
 * Memory: lib/ has no allocator of its own, so the tree's nodes come from
 * two functions the user of lib/ provides (the kernel's are in
 * mm/idr_alloc.c, on kmalloc; the host tests' count the nodes):
 *
 *	struct idr_node *idr_node_alloc(unsigned int gfp);
 *	void idr_node_free(struct idr_node *node);
 *
 * idr_node_alloc() returns sizeof(struct idr_node) bytes, 8-byte aligned
 * and not necessarily zeroed, or NULL. The gfp arguments here are the
 * kernel's gfp_t flags (mm/page_alloc.h), spelled unsigned int because
 * lib/ includes no kernel header; idr passes them through untouched.
 *
 * Locking: none inside. The user's lock serialises every call that
 * changes an idr (alloc, remove, replace, destroy) against all other calls
 * on it; lookups (idr_find, idr_get_next, idr_prev_allocated) may run
 * together. Linux also allows lookups under RCU alone; keyhole has no RCU.
 *
 * The names and meanings are those of Linux's include/linux/idr.h, minus
 * idr_preload (keyhole's kmalloc never sleeps, so allocating under a
 * spinlock is already fine), the idr_base variants and RCU; plus one of
 * keyhole's own, idr_prev_allocated (the highest id in use at or below a
 * given one, for ipc_rmid).
 */
#ifndef LIB_IDR_H
#define LIB_IDR_H

#include "compiler.h"
#include "types.h"

#define IDR_BITS        6                       /* id bits per tree level */
#define IDR_SLOTS       (1 << IDR_BITS)         /* 64 slots per node */
#define IDR_MASK        (IDR_SLOTS - 1)
#define IDR_MAX_SHIFT   30                      /* top level for ids up to INT_MAX */

/*
 * One node of the tree. In a leaf (shift 0) slots[] holds the entries of
 * 64 consecutive ids; in an inner node it holds up to 64 children, each
 * covering 64 << shift ids. idr.c's header explains `free`.
 */
struct idr_node {
	unsigned char shift;            /* id bits below this level: 0, 6, ..., 30 */
	unsigned char offset;           /* this node's slot in its parent */
	unsigned char count;            /* leaf: ids allocated; inner: children */
	struct idr_node *parent;        /* NULL for the top node */
	unsigned long free;             /* bit i: there is a free id under slot i */
	void *slots[IDR_SLOTS];         /* leaf: entries; inner: children or NULL */
};

struct idr {
	struct idr_node *idr_top;       /* the root; NULL when no id is allocated */
	unsigned int idr_next;          /* where idr_alloc_cyclic() looks first */
};

#define IDR_INIT(name) { .idr_top = NULL, .idr_next = 0 }
#define DEFINE_IDR(name) struct idr name = IDR_INIT(name)

/* idr_init - make idr empty; it needs no memory until the first id. */
static inline void idr_init(struct idr *idr)
{
	idr->idr_top = NULL;
	idr->idr_next = 0;
}

/* idr_is_empty - whether no id is allocated (a NULL entry counts as one). */
static inline bool idr_is_empty(const struct idr *idr)
{
	return idr->idr_top == NULL;
}

int idr_alloc(struct idr *idr, void *ptr, int start, int end, unsigned int gfp);
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, unsigned int gfp);
void *idr_find(const struct idr *idr, unsigned long id);
void *idr_remove(struct idr *idr, unsigned long id);
void *idr_replace(struct idr *idr, void *ptr, unsigned long id);
void *idr_get_next(const struct idr *idr, int *nextid);
int idr_prev_allocated(const struct idr *idr, int id);
void idr_destroy(struct idr *idr);

/*
 * idr_for_each_entry - walk the non-NULL entries in increasing id order.
 * @idr:   the idr
 * @entry: a pointer variable, set to each entry in turn
 * @id:    an int variable, set to each entry's id
 *
 * The body may remove the current entry (the walk goes on at id + 1), and
 * may add ids: those above the current one are visited. After the last id
 * (even INT_MAX: id + 1U wraps to a negative int, where idr_get_next()
 * finds nothing) entry is NULL.
 */
#define idr_for_each_entry(idr, entry, id)                                     \
	for ((id) = 0; ((entry) = idr_get_next(idr, &(id))) != NULL; (id) += 1U)

/*
 * The allocator behind the tree, supplied outside lib/ (see above).
 * Declared weak so that host test programs that never use an idr link
 * without them; the kernel always has mm/idr_alloc.c.
 */
struct idr_node *idr_node_alloc(unsigned int gfp) __attribute__((weak));
void idr_node_free(struct idr_node *node) __attribute__((weak));

#endif /* LIB_IDR_H */
