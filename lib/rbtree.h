/*
 * rbtree.h - red-black trees, Linux's API (include/linux/rbtree.h).
 *
 * A red-black tree is a binary search tree kept balanced by giving every
 * node a colour, red or black, and keeping two rules:
 *
 *	1. a red node has no red child;
 *	2. every path from a node down to a missing child (NULL) passes the
 *	   same number of black nodes.
 *
 * So the longest path is at most twice the shortest, and a tree of n nodes
 * is at most 2*log2(n+1) deep: find, insert and erase take O(log n).
 *
 * As list.h, the tree is intrusive: a struct rb_node is embedded in each
 * object, rb_entry() gets back to the object, and the tree never
 * allocates. It also never compares: the user searches it (the search
 * loop is the user's, with the user's key), links the new node where the
 * search ended, then asks the tree to rebalance:
 *
 *	struct rb_node **link = &root->rb_node, *parent = NULL;
 *
 *	while (*link) {
 *		parent = *link;
 *		if (key < rb_entry(parent, struct thing, node)->key)
 *			link = &parent->rb_left;
 *		else
 *			link = &parent->rb_right;
 *	}
 *	rb_link_node(&thing->node, parent, link);
 *	rb_insert_color(&thing->node, root);
 *
 * and rb_erase(&thing->node, root) takes it out. rb_first/rb_next walk the
 * nodes in order, rb_first_postorder/rb_next_postorder children first.
 *
 * A node's parent pointer and its colour share one word: nodes are at
 * least 4-byte aligned, so bit 0 of the parent's address is free and
 * holds the colour (0 red, 1 black), as in Linux.
 *
 * Trees whose nodes also keep a value computed from their subtree (the
 * largest gap below, for mm/mmap.c's VMAs) use rbtree_augmented.h.
 *
 * Locking: none inside; whoever owns a tree says which lock guards it.
 */
#ifndef LIB_RBTREE_H
#define LIB_RBTREE_H

#include "compiler.h"
#include "types.h"

struct rb_node {
	unsigned long __rb_parent_color;        /* parent's address | colour */
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT (struct rb_root) { NULL }
#define rb_entry(ptr, type, member) container_of(ptr, type, member)
#define RB_EMPTY_ROOT(root) (READ_ONCE((root)->rb_node) == NULL)

#define RB_RED   0UL
#define RB_BLACK 1UL

static inline struct rb_node *rb_parent(const struct rb_node *node)
{
	return (struct rb_node *)(node->__rb_parent_color & ~3UL);
}

/*
 * rb_link_node - hang node (red, no children) at *link, a NULL child
 * pointer of parent (or the root's pointer, parent NULL). The tree may
 * be unbalanced afterwards: call rb_insert_color next.
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->__rb_parent_color = (unsigned long)parent;        /* red */
	node->rb_left = node->rb_right = NULL;
	*link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);
struct rb_node *rb_first_postorder(const struct rb_root *root);
struct rb_node *rb_next_postorder(const struct rb_node *node);

#endif /* LIB_RBTREE_H */
