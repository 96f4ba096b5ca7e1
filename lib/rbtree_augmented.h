/*
 * rbtree_augmented.h - red-black trees whose nodes keep a value computed
 * from their whole subtree, Linux's API (include/linux/rbtree_augmented.h).
 *
 * An augmented tree stores in every node a summary of the subtree below
 * it, such as the largest of some per-node quantity (mm/mmap.c keeps, for
 * each VMA, the largest free gap below any VMA of its subtree, so that
 * get_unmapped_area can skip whole subtrees with no gap big enough). The
 * summary of a node depends only on the node and its children's
 * summaries, so a change is repaired by recomputing up the path to the
 * root, and a rotation (which keeps every subtree but two the same) by
 * recomputing two nodes.
 *
 * The tree code does not know the summary; it calls three functions of
 * the user's at the moments the summaries may change:
 *
 *	propagate(node, stop)	recompute node, then its parent, and so on
 *				up to stop (not included; NULL: the root).
 *				It may stop early, at the first node whose
 *				summary comes out unchanged.
 *	copy(old, new)		new took old's place, with old's subtree:
 *				new's summary is old's.
 *	rotate(old, new)	a rotation made new (a child of old) the
 *				parent of old: new's summary is old's (same
 *				set of nodes); old's must be recomputed.
 *
 * RB_DECLARE_CALLBACKS_MAX() writes all three for the common case of a
 * summary that is the maximum of a per-node value over the subtree.
 *
 * To insert, link the node as for rb_insert_color(), set its summary to
 * its own value (it has no children yet), then call rb_insert_augmented().
 * Unlike Linux's, rb_insert_augmented() brings the summaries of the
 * node's ancestors up to date itself before it rebalances (Linux leaves
 * that to the caller's search loop).
 *
 * Every summary must be right before an insert or erase: a change to the
 * per-node value of a node in the tree is followed at once by
 * propagate(node, NULL), before the next insert or erase.
 */
#ifndef LIB_RBTREE_AUGMENTED_H
#define LIB_RBTREE_AUGMENTED_H

#include "rbtree.h"

struct rb_augment_callbacks {
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	void (*copy)(struct rb_node *old, struct rb_node *new);
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

/*
 * rb_set_parent_color - set node's parent and colour at once, for code
 * that builds a tree itself (mm/mmap.c's copy for fork); it must keep
 * both rules of rbtree.h.
 */
static inline void rb_set_parent_color(struct rb_node *node, struct rb_node *parent,
				       unsigned long color)
{
	node->__rb_parent_color = (unsigned long)parent | color;
}

void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment);
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment);

/*
 * RB_DECLARE_CALLBACKS_MAX - the callbacks (a const struct
 * rb_augment_callbacks named rbname) for a summary rbstruct.rbaugmented
 * (of type rbtype) that is the largest rbcompute(node) in the subtree,
 * where rbfield is the struct rb_node inside rbstruct. rbstatic is
 * `static` or empty. Also defines rbname_compute_max(node): what node's
 * summary should be, from its value and its children's summaries.
 */
#define RB_DECLARE_CALLBACKS_MAX(rbstatic, rbname, rbstruct, rbfield, rbtype,  \
				 rbaugmented, rbcompute)                       \
static inline rbtype rbname##_compute_max(rbstruct *node)                      \
{                                                                              \
	rbtype max = rbcompute(node);                                          \
	if (node->rbfield.rb_left) {                                           \
		rbstruct *c = rb_entry(node->rbfield.rb_left, rbstruct, rbfield); \
		if (c->rbaugmented > max)                                      \
			max = c->rbaugmented;                                  \
	}                                                                      \
	if (node->rbfield.rb_right) {                                          \
		rbstruct *c = rb_entry(node->rbfield.rb_right, rbstruct, rbfield); \
		if (c->rbaugmented > max)                                      \
			max = c->rbaugmented;                                  \
	}                                                                      \
	return max;                                                            \
}                                                                              \
static void rbname##_propagate(struct rb_node *rb, struct rb_node *stop)       \
{                                                                              \
	for (; rb != stop; rb = rb_parent(rb)) {                               \
		rbstruct *node = rb_entry(rb, rbstruct, rbfield);              \
		rbtype max = rbname##_compute_max(node);                       \
		if (node->rbaugmented == max)                                  \
			break;          /* the ancestors saw this value */     \
		node->rbaugmented = max;                                       \
	}                                                                      \
}                                                                              \
static void rbname##_copy(struct rb_node *rb_old, struct rb_node *rb_new)      \
{                                                                              \
	rb_entry(rb_new, rbstruct, rbfield)->rbaugmented =                     \
		rb_entry(rb_old, rbstruct, rbfield)->rbaugmented;              \
}                                                                              \
static void rbname##_rotate(struct rb_node *rb_old, struct rb_node *rb_new)    \
{                                                                              \
	rbstruct *old = rb_entry(rb_old, rbstruct, rbfield);                   \
	rb_entry(rb_new, rbstruct, rbfield)->rbaugmented = old->rbaugmented;   \
	old->rbaugmented = rbname##_compute_max(old);                          \
}                                                                              \
rbstatic const struct rb_augment_callbacks rbname = {                          \
	.propagate = rbname##_propagate,                                       \
	.copy = rbname##_copy,                                                 \
	.rotate = rbname##_rotate,                                             \
}

#endif /* LIB_RBTREE_AUGMENTED_H */
