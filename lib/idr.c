/*
 * idr.c - an integer id allocator on a radix tree.
 *
 * An idr maps ids (0 .. INT_MAX) to pointers, and finds the lowest free id
 * at or above a given one, both in time proportional to the height of the
 * tree, at most 6 nodes, however many ids are in use. It is Linux's
 * lib/idr.c over lib/radix-tree.c, where the IDR_FREE tag plays the part
 * of the `free` bitmap below, without the RCU and the preloading.
 *
 * The tree. Each node has 64 slots. An id is cut into 6-bit digits, and
 * each level of the tree uses one digit, the top level the most
 * significant: a node's `shift` says which (slot = (id >> shift) & 63).
 * Leaves have shift 0 and hold the entries; a node with shift s holds
 * children that cover 64 << (s - 6) ids each, 64 << s in all. The tree is
 * exactly as tall as the largest id needs, so with top shift S it covers
 * ids 0 .. (64 << S) - 1:
 *
 *	id 4242 = 1 000010 010010 (binary) = digits 1, 2, 18
 *
 *	top (shift 12)   slot 1 ---> node (shift 6)   slot 2 ---> leaf (shift 0)
 *	covers 0..262143             covers 4096..8191            slot 18: entry
 *
 * A missing child (a NULL slot in an inner node) stands for 64 << shift
 * ids that are all free, so a sparse idr costs only the nodes on the paths
 * to its ids: at most 6 nodes per id, and ids close together share them.
 *
 * Free ids. In a leaf, an id is allocated or not whatever its entry (NULL
 * is a valid entry that reserves the id), so the leaf's `free` bitmap says
 * which ids are free. In an inner node, bit i of `free` is set when
 * something under slot i is free: the child is missing, or its own `free`
 * is not zero. So `free != 0` means "this subtree has a free id", at every
 * level, and finding the lowest free id >= start (find_free()) is:
 *
 *	at each node, the slot start falls in: if its bit is set, go down
 *	into it, still looking for >= start; if that fails, or the bit was
 *	clear, take the next set bit to the right (find_next_bit) and go
 *	down into that slot taking its lowest free id, which its bit
 *	promises exists.
 *
 * The first kind of descent can fail once per level, the second never
 * fails, so the search reads at most two paths. Allocating an id clears
 * its bit in the leaf, and when that leaves the leaf full, the leaf's bit
 * in its parent, and so on up while nodes become full (mark_used());
 * freeing sets bits up the path while nodes stop being full (mark_free()).
 *
 * Growing. An id at or above 64 << S (the top's coverage) needs a taller
 * tree: a new top takes the old one as its slot 0 child (the old top
 * covered exactly the ids of that slot), as many times as it takes.
 * Missing nodes on the id's path are then made on the way down. An empty
 * idr has no node at all; its first id makes a top just tall enough.
 *
 * Shrinking. Every node holds something: when removing an id leaves a
 * node with count 0, it is freed and its slot in the parent cleared, and
 * so on up (prune()). Then, while the top has a single child in slot 0,
 * that child becomes the top (shrink()): the tree is again as tall as its
 * largest id needs. Removing every id frees every node.
 *
 * Running out of memory. Nodes come from idr_node_alloc() (lib/idr.h), and
 * an allocation can fail halfway down a new path. The nodes made so far
 * are empty and the new tops have only their slot 0 child, so prune() and
 * shrink(), the same code removal uses, take them away again: a failed
 * idr_alloc() leaves the idr as it was.
 *
 * Locking is the user's; see lib/idr.h.
 */
#include "bitmap.h"
#include "err.h"
#include "idr.h"

/* Error numbers, as in kernel/errno.h (lib/ includes no kernel header). */
#define LIB_ENOENT 2
#define LIB_ENOMEM 12
#define LIB_EINVAL 22
#define LIB_ENOSPC 28

/* Not <limits.h>: even with -ffreestanding, gcc's pulls in the host's (glibc's). */
#define INT_MAX __INT_MAX__

BUILD_BUG_ON(IDR_SLOTS != BITS_PER_LONG);      /* one word of `free` per node */
BUILD_BUG_ON((64UL << IDR_MAX_SHIFT) <= (unsigned long)INT_MAX);

/* How many ids a node of this shift covers. */
static unsigned long node_span(unsigned int shift)
{
	return (unsigned long)IDR_SLOTS << shift;
}

/* The slot id falls in, in a node of this shift. */
static unsigned int slot_of(unsigned long id, unsigned int shift)
{
	return (id >> shift) & IDR_MASK;
}

/* The first id of the range that id falls in, in a node of this shift. */
static unsigned long node_base(unsigned long id, unsigned int shift)
{
	return id & ~(node_span(shift) - 1);
}

/* The shift of the shortest tree that holds id. */
static unsigned int shift_for(unsigned long id)
{
	unsigned int shift = 0;

	while (id >= node_span(shift))
		shift += IDR_BITS;
	return shift;
}

/* A node with nothing in it (every slot free), or NULL. */
static struct idr_node *node_new(unsigned int gfp, unsigned int shift,
				 struct idr_node *parent, unsigned int offset)
{
	struct idr_node *node = idr_node_alloc(gfp);

	if (!node)
		return NULL;
	node->shift = (unsigned char)shift;
	node->offset = (unsigned char)offset;
	node->count = 0;
	node->parent = parent;
	node->free = ~0UL;
	for (int i = 0; i < IDR_SLOTS; i++)
		node->slots[i] = NULL;
	return node;
}

/* The leaf that holds id, or NULL if the tree has none. */
static struct idr_node *leaf_of(const struct idr *idr, unsigned long id)
{
	struct idr_node *node = idr->idr_top;

	if (!node || id >= node_span(node->shift))
		return NULL;
	while (node && node->shift > 0)
		node = node->slots[slot_of(id, node->shift)];
	return node;
}

/*
 * Slot i of node has just been filled (a leaf's id allocated, or an inner
 * node's child has become full): clear its bit, and if that leaves the
 * node full, clear the node's bit in its parent, and so on up.
 */
static void mark_used(struct idr_node *node, unsigned int i)
{
	for (;;) {
		__clear_bit(i, &node->free);
		if (node->free != 0 || !node->parent)
			return;
		i = node->offset;
		node = node->parent;
	}
}

/*
 * Slot i of node has room again: set its bit, and if the node was full
 * until now, set the node's bit in its parent, and so on up.
 */
static void mark_free(struct idr_node *node, unsigned int i)
{
	for (;;) {
		bool was_full = node->free == 0;

		__set_bit(i, &node->free);
		if (!was_full || !node->parent)
			return;
		i = node->offset;
		node = node->parent;
	}
}

/* While the top node's only child is in slot 0, make that child the top. */
static void shrink(struct idr *idr)
{
	struct idr_node *top = idr->idr_top;

	while (top && top->shift > 0 && top->count == 1 && top->slots[0]) {
		struct idr_node *child = top->slots[0];

		child->parent = NULL;
		child->offset = 0;
		idr->idr_top = child;
		idr_node_free(top);
		top = child;
	}
}

/*
 * Free node if it holds nothing, then its parent if that leaves it holding
 * nothing, and so on up; then shrink the tree. A node with nothing in it
 * has every `free` bit set, so its bit in the parent is set already, as a
 * missing child's must be.
 */
static void prune(struct idr *idr, struct idr_node *node)
{
	while (node && node->count == 0) {
		struct idr_node *parent = node->parent;

		if (parent) {
			parent->slots[node->offset] = NULL;
			parent->count--;
		} else {
			idr->idr_top = NULL;
		}
		idr_node_free(node);
		node = parent;
	}
	shrink(idr);
}

/*
 * Make the tree tall enough to hold id: a first node, or new tops above
 * the old one. Return: 0, or -ENOMEM with the tree as it was.
 */
static int grow(struct idr *idr, unsigned long id, unsigned int gfp)
{
	struct idr_node *top = idr->idr_top;

	if (!top) {
		top = node_new(gfp, shift_for(id), NULL, 0);
		if (!top)
			return -LIB_ENOMEM;
		idr->idr_top = top;
		return 0;
	}
	while (id >= node_span(top->shift)) {
		struct idr_node *new = node_new(gfp, top->shift + IDR_BITS, NULL, 0);

		if (!new) {
			shrink(idr);    /* drop the tops added so far */
			return -LIB_ENOMEM;
		}
		new->slots[0] = top;
		new->count = 1;
		if (top->free == 0)
			__clear_bit(0, &new->free);
		top->parent = new;
		top->offset = 0;
		idr->idr_top = top = new;
	}
	return 0;
}

/*
 * Find the lowest free id >= *id under node, into *id; *id must be in the
 * node's range. Return: whether there is one (if not, *id is garbage).
 */
static bool find_free(const struct idr_node *node, unsigned long *id)
{
	unsigned int shift = node->shift;
	unsigned long base = node_base(*id, shift);
	unsigned int i = slot_of(*id, shift);
	const struct idr_node *child;

	if (test_bit(i, &node->free)) {
		child = shift ? node->slots[i] : NULL;
		if (!child || find_free(child, id))
			return true;    /* *id itself, or the child found one */
	}
	/* Nothing in slot i: the lowest free id of the next slot that has one. */
	i = (unsigned int)find_next_bit(&node->free, IDR_SLOTS, i + 1);
	if (i == IDR_SLOTS)
		return false;
	*id = base + ((unsigned long)i << shift);
	child = shift ? node->slots[i] : NULL;
	return !child || find_free(child, id);  /* cannot fail: bit i promised */
}

/*
 * The lowest non-NULL entry at an id >= *id under node, with its id in
 * *id; *id must be in the node's range. Return: the entry, or NULL if
 * there is none (then *id is garbage).
 */
static void *next_entry(const struct idr_node *node, unsigned long *id)
{
	unsigned int shift = node->shift;
	unsigned long base = node_base(*id, shift);

	if (shift == 0) {
		/* A leaf: only its allocated ids (clear bits of free) can
		 * hold an entry; step from one to the next. */
		for (unsigned long i = find_next_zero_bit(&node->free, IDR_SLOTS, slot_of(*id, 0));
		     i < IDR_SLOTS; i = find_next_zero_bit(&node->free, IDR_SLOTS, i + 1)) {
			if (node->slots[i]) {
				*id = base + i;
				return node->slots[i];
			}
		}
		return NULL;
	}
	for (unsigned int i = slot_of(*id, shift); i < IDR_SLOTS; i++) {
		unsigned long first = base + ((unsigned long)i << shift);
		void *slot = node->slots[i];

		if (!slot)
			continue;       /* a free id, a NULL entry or no child */
		if (*id < first)
			*id = first;
		if (shift == 0)
			return slot;
		void *entry = next_entry(slot, id);
		if (entry)
			return entry;
	}
	return NULL;
}

/*
 * The highest allocated id <= *id under node, into *id; *id must be in
 * the node's range. Every node holds at least one allocated id (an empty
 * one is pruned), so only the descent into the slot *id falls in can fail
 * (its ids may all be above *id), once per level; a descent into a slot
 * to the left takes that child's highest id, which exists. Return:
 * whether there is one (if not, *id is garbage).
 */
static bool prev_allocated(const struct idr_node *node, unsigned long *id)
{
	unsigned int shift = node->shift;
	unsigned long base = node_base(*id, shift);
	unsigned int i = slot_of(*id, shift);

	if (shift == 0) {
		/* Allocated ids are the clear bits of free; keep those <= i. */
		unsigned long used = ~node->free & (~0UL >> (IDR_MASK - i));

		if (!used)
			return false;
		*id = base + (unsigned long)(BITS_PER_LONG - 1 - __builtin_clzl(used));
		return true;
	}
	if (node->slots[i] && prev_allocated(node->slots[i], id))
		return true;
	while (i-- > 0) {
		if (node->slots[i]) {
			*id = base + ((unsigned long)(i + 1) << shift) - 1;
			return prev_allocated(node->slots[i], id);   /* cannot fail */
		}
	}
	return false;
}

/*
 * Allocate the lowest free id in [start, max] for ptr (Linux's
 * idr_alloc_u32). Return: the id, -ENOSPC or -ENOMEM.
 */
static int alloc_id(struct idr *idr, void *ptr, unsigned long start, unsigned long max,
		    unsigned int gfp)
{
	struct idr_node *node = idr->idr_top;
	unsigned long id = start;
	unsigned int i;

	if (start == max) {
		/* One id asked for (shmem's page of an index): free or not,
		 * its leaf says; nothing to search. */
		struct idr_node *leaf = leaf_of(idr, start);

		if (leaf && !test_bit(slot_of(start, 0), &leaf->free))
			return -LIB_ENOSPC;
	} else if (node && start < node_span(node->shift) && !find_free(node, &id)) {
		/* Free ids beyond the tree's coverage need no search: all are free. */
		id = node_span(node->shift);
	}
	if (id > max)
		return -LIB_ENOSPC;

	if (grow(idr, id, gfp))
		return -LIB_ENOMEM;
	for (node = idr->idr_top; node->shift > 0; node = node->slots[i]) {
		i = slot_of(id, node->shift);
		if (node->slots[i])
			continue;
		struct idr_node *child = node_new(gfp, node->shift - IDR_BITS, node, i);
		if (!child) {
			prune(idr, node);       /* the nodes made so far are empty */
			return -LIB_ENOMEM;
		}
		node->slots[i] = child;
		node->count++;
	}
	i = slot_of(id, 0);
	node->slots[i] = ptr;
	node->count++;
	mark_used(node, i);
	return (int)id;
}

/*
 * idr_alloc - allocate the lowest free id in [start, end) for ptr.
 * @idr:   the idr
 * @ptr:   the entry for the new id; NULL is allowed and reserves the id
 *         (idr_find() then returns NULL for it, the walks skip it)
 * @start: the lowest id wanted, >= 0
 * @end:   one past the highest id wanted; end <= 0 means INT_MAX + 1, so
 *         that start + n works as long as it does not overflow
 * @gfp:   flags for idr_node_alloc(), a gfp_t
 *
 * As Linux's, a range with no id in it (end <= start, end > 0) is not an
 * error of the caller's but a full one: -ENOSPC.
 * Context: the caller's lock on idr; may allocate nodes with gfp.
 * Return: the new id; -EINVAL if start < 0; -ENOSPC if every id in the
 * range is in use; -ENOMEM if a node could not be allocated (the idr is
 * unchanged).
 */
int idr_alloc(struct idr *idr, void *ptr, int start, int end, unsigned int gfp)
{
	if (start < 0)
		return -LIB_EINVAL;
	return alloc_id(idr, ptr, (unsigned long)start,
			end > 0 ? (unsigned long)end - 1 : (unsigned long)INT_MAX, gfp);
}

/*
 * idr_alloc_cyclic - allocate an id for ptr, going round [start, end).
 *
 * The same as idr_alloc(), except that the search starts after the id
 * this function last returned (idr->idr_next), not at start, and wraps
 * round to start when it reaches end. So ids are not reused until the
 * range has been gone through: a stale id refers to nothing for as long
 * as possible (pids and IPC ids are handed out this way).
 * Context: the caller's lock on idr; may allocate nodes with gfp.
 * Return: the new id; -EINVAL if start < 0; -ENOSPC if every id in the
 * range is in use; -ENOMEM if a node could not be allocated.
 */
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, unsigned int gfp)
{
	unsigned long max = end > 0 ? (unsigned long)end - 1 : (unsigned long)INT_MAX;
	unsigned long id = idr->idr_next;
	int ret;

	if (start < 0)
		return -LIB_EINVAL;
	if (id < (unsigned long)start)
		id = (unsigned long)start;
	/* A cursor past max (or past INT_MAX) finds nothing and wraps round. */
	ret = alloc_id(idr, ptr, id, max, gfp);
	if (ret == -LIB_ENOSPC && id > (unsigned long)start)
		ret = alloc_id(idr, ptr, (unsigned long)start, max, gfp);  /* wrap round */
	if (ret >= 0)
		idr->idr_next = (unsigned int)ret + 1;
	return ret;
}

/*
 * idr_find - the entry of id.
 *
 * Context: the caller's lock on idr (shared with other lookups).
 * Return: the entry; NULL if id is not allocated, or is with a NULL entry.
 */
void *idr_find(const struct idr *idr, unsigned long id)
{
	struct idr_node *leaf = leaf_of(idr, id);

	return leaf ? leaf->slots[slot_of(id, 0)] : NULL;  /* free slots hold NULL */
}

/*
 * idr_remove - free id, and the nodes that held only it.
 *
 * Context: the caller's lock on idr; frees nodes with idr_node_free().
 * Return: the entry id had (possibly NULL); NULL if id was not allocated.
 */
void *idr_remove(struct idr *idr, unsigned long id)
{
	struct idr_node *leaf = leaf_of(idr, id);
	unsigned int i = slot_of(id, 0);
	void *entry;

	if (!leaf || test_bit(i, &leaf->free))
		return NULL;
	entry = leaf->slots[i];
	leaf->slots[i] = NULL;
	leaf->count--;
	mark_free(leaf, i);
	prune(idr, leaf);
	return entry;
}

/*
 * idr_replace - give an allocated id a new entry.
 *
 * Context: the caller's lock on idr.
 * Return: the old entry (possibly NULL); ERR_PTR(-ENOENT) if id is not
 * allocated.
 */
void *idr_replace(struct idr *idr, void *ptr, unsigned long id)
{
	struct idr_node *leaf = leaf_of(idr, id);
	unsigned int i = slot_of(id, 0);
	void *old;

	if (!leaf || test_bit(i, &leaf->free))
		return ERR_PTR(-LIB_ENOENT);
	old = leaf->slots[i];
	leaf->slots[i] = ptr;
	return old;
}

/*
 * idr_get_next - the first non-NULL entry at an id >= *nextid.
 *
 * Ids with a NULL entry are skipped. On success *nextid is set to the
 * entry's id; otherwise it is left alone. A negative *nextid finds
 * nothing (Linux reads it as a huge unsigned id).
 * Context: the caller's lock on idr (shared with other lookups).
 * Return: the entry, or NULL if there is none.
 */
void *idr_get_next(const struct idr *idr, int *nextid)
{
	const struct idr_node *top = idr->idr_top;
	unsigned long id;
	void *entry;

	if (*nextid < 0 || !top)
		return NULL;
	id = (unsigned long)*nextid;
	if (id >= node_span(top->shift))
		return NULL;
	/* The common step of a walk over a dense range: id itself. */
	const struct idr_node *leaf = leaf_of(idr, id);
	if (leaf && leaf->slots[slot_of(id, 0)])
		return leaf->slots[slot_of(id, 0)];
	entry = next_entry(top, &id);
	if (entry)
		*nextid = (int)id;
	return entry;
}

/*
 * idr_prev_allocated - the highest allocated id at or below id.
 *
 * Ids with a NULL entry count: they are allocated. The search reads at
 * most two paths down the tree, so its cost does not depend on how far
 * below id the answer is (keyhole's ipc_rmid finds the new highest index
 * with it; Linux has no such call and does a binary search with
 * idr_get_next, ipc_search_maxidx).
 * Context: the caller's lock on idr (shared with other lookups).
 * Return: the id; -ENOENT if no id <= id is allocated (always for id < 0).
 */
int idr_prev_allocated(const struct idr *idr, int id)
{
	const struct idr_node *top = idr->idr_top;
	unsigned long at;

	if (id < 0 || !top)
		return -LIB_ENOENT;
	at = (unsigned long)id;
	if (at >= node_span(top->shift))
		at = node_span(top->shift) - 1;        /* all above the tree is free */
	if (!prev_allocated(top, &at))
		return -LIB_ENOENT;
	return (int)at;
}

/* Free node and everything under it. */
static void free_subtree(struct idr_node *node)
{
	if (node->shift > 0) {
		for (int i = 0; i < IDR_SLOTS; i++)
			if (node->slots[i])
				free_subtree(node->slots[i]);
	}
	idr_node_free(node);
}

/*
 * idr_destroy - free every node; the idr is left empty, ready for use.
 *
 * The entries are not touched: free them first, with idr_for_each_entry.
 * idr_alloc_cyclic()'s position is kept, as Linux does.
 * Context: the caller's lock on idr; frees nodes with idr_node_free().
 */
void idr_destroy(struct idr *idr)
{
	if (idr->idr_top)
		free_subtree(idr->idr_top);
	idr->idr_top = NULL;
}
