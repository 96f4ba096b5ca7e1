/*
 * rbtree.c - red-black tree insertion, erasure and walks (lib/rbtree.h).
 *
 * The two rules (rbtree.h: no red node with a red child; the same number
 * of black nodes on every path down to a NULL) are restored after each
 * change by recolouring and rotating, as in any textbook (Cormen et al.,
 * "Introduction to Algorithms", chapter 13, whose case names are used
 * below); Linux's lib/rbtree.c does the same with hand-inlined cases.
 *
 * Insertion: the new node is red, so rule 2 holds; only rule 1 can break,
 * between the node and its parent. If the uncle is red too, the parent
 * and uncle turn black and the grandparent red, and the conflict moves
 * two levels up; otherwise one or two rotations end it.
 *
 * Erasure: a node with two children is first swapped (in the tree, not
 * in memory) with its successor, which has no left child; so the node
 * physically taken out has at most one child, which takes its place. If
 * the node taken out was black, its side of the tree is one black short:
 * a red child turns black and pays for it; otherwise the shortage moves
 * up, or one to three rotations around the sibling end it.
 *
 * A rotation turns the edge between a node and one of its children
 * around, keeping the in-order sequence:
 *
 *	    x                  y
 *	   / \   left(x)      / \
 *	  a   y   ------>    x   c
 *	     / \            / \
 *	    b   c          a   b
 *
 * Augmented trees (rbtree_augmented.h) hear of each rotation and of each
 * path whose subtrees changed; the plain functions pass callbacks that do
 * nothing.
 */
#include "rbtree_augmented.h"

static inline unsigned long rb_color(const struct rb_node *node)
{
	return node->__rb_parent_color & 1;
}

/* A missing child (NULL) counts as black. */
static inline bool rb_is_black(const struct rb_node *node)
{
	return !node || rb_color(node) == RB_BLACK;
}

static inline bool rb_is_red(const struct rb_node *node)
{
	return !rb_is_black(node);
}

static inline void rb_set_parent(struct rb_node *node, struct rb_node *parent)
{
	node->__rb_parent_color = (unsigned long)parent | rb_color(node);
}

static inline void rb_set_color(struct rb_node *node, unsigned long color)
{
	node->__rb_parent_color = (node->__rb_parent_color & ~1UL) | color;
}

/* Make whatever pointed at old (parent's child link, or the root) point at new. */
static void rb_change_child(struct rb_node *old, struct rb_node *new, struct rb_node *parent,
			    struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/* x's right child y takes x's place; x becomes y's left child (picture above). */
static void rotate_left(struct rb_node *x, struct rb_root *root,
			const struct rb_augment_callbacks *augment)
{
	struct rb_node *y = x->rb_right, *parent = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	rb_set_parent(y, parent);
	rb_change_child(x, y, parent, root);
	y->rb_left = x;
	rb_set_parent(x, y);
	augment->rotate(x, y);
}

/* The mirror image: x's left child y takes x's place; x becomes y's right child. */
static void rotate_right(struct rb_node *x, struct rb_root *root,
			 const struct rb_augment_callbacks *augment)
{
	struct rb_node *y = x->rb_left, *parent = rb_parent(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		rb_set_parent(y->rb_right, x);
	rb_set_parent(y, parent);
	rb_change_child(x, y, parent, root);
	y->rb_right = x;
	rb_set_parent(x, y);
	augment->rotate(x, y);
}

/* Rule 1 may be broken between node (red) and its parent: repair it. */
static void insert_fixup(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		gparent = rb_parent(parent);    /* a red node is never the root */
		if (parent == gparent->rb_left) {
			uncle = gparent->rb_right;
			if (rb_is_red(uncle)) {
				/* Case 1: push the red up two levels. */
				rb_set_color(parent, RB_BLACK);
				rb_set_color(uncle, RB_BLACK);
				rb_set_color(gparent, RB_RED);
				node = gparent;
				continue;
			}
			if (node == parent->rb_right) {
				/* Case 2: make node the outer grandchild. */
				rotate_left(parent, root, augment);
				node = parent;
				parent = rb_parent(node);
			}
			/* Case 3: parent rises over gparent; done. */
			rb_set_color(parent, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			rotate_right(gparent, root, augment);
		} else {
			uncle = gparent->rb_left;
			if (rb_is_red(uncle)) {
				rb_set_color(parent, RB_BLACK);
				rb_set_color(uncle, RB_BLACK);
				rb_set_color(gparent, RB_RED);
				node = gparent;
				continue;
			}
			if (node == parent->rb_left) {
				rotate_right(parent, root, augment);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_color(parent, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			rotate_left(gparent, root, augment);
		}
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

/*
 * The subtree at x (NULL allowed), a child of parent, has one black node
 * fewer on its paths than its sibling's: repair rule 2.
 */
static void erase_fixup(struct rb_node *x, struct rb_node *parent, struct rb_root *root,
			const struct rb_augment_callbacks *augment)
{
	struct rb_node *w;

	while (x != root->rb_node && rb_is_black(x)) {
		/* x short of a black means its sibling w has a black below it: w exists. */
		if (x == parent->rb_left) {
			w = parent->rb_right;
			if (rb_is_red(w)) {
				/* Case 1: make the sibling black. */
				rb_set_color(w, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rotate_left(parent, root, augment);
				w = parent->rb_right;
			}
			if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
				/* Case 2: take a black off w's side too; the shortage moves up. */
				rb_set_color(w, RB_RED);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (rb_is_black(w->rb_right)) {
				/* Case 3: make w's outer child the red one. */
				rb_set_color(w->rb_left, RB_BLACK);
				rb_set_color(w, RB_RED);
				rotate_right(w, root, augment);
				w = parent->rb_right;
			}
			/* Case 4: w rises over parent, which gives x's side a black. */
			rb_set_color(w, rb_color(parent));
			rb_set_color(parent, RB_BLACK);
			rb_set_color(w->rb_right, RB_BLACK);
			rotate_left(parent, root, augment);
			x = root->rb_node;
		} else {
			w = parent->rb_left;
			if (rb_is_red(w)) {
				rb_set_color(w, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rotate_right(parent, root, augment);
				w = parent->rb_left;
			}
			if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
				rb_set_color(w, RB_RED);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (rb_is_black(w->rb_left)) {
				rb_set_color(w->rb_right, RB_BLACK);
				rb_set_color(w, RB_RED);
				rotate_left(w, root, augment);
				w = parent->rb_left;
			}
			rb_set_color(w, rb_color(parent));
			rb_set_color(parent, RB_BLACK);
			rb_set_color(w->rb_left, RB_BLACK);
			rotate_right(parent, root, augment);
			x = root->rb_node;
		}
	}
	if (x)
		rb_set_color(x, RB_BLACK);
}

static void erase(struct rb_node *node, struct rb_root *root,
		  const struct rb_augment_callbacks *augment)
{
	struct rb_node *child, *parent;         /* where the removed colour was */
	unsigned long removed_color;

	if (!node->rb_left || !node->rb_right) {
		/* At most one child: it takes node's place. */
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		removed_color = rb_color(node);
		rb_change_child(node, child, parent, root);
		if (child)
			rb_set_parent(child, parent);
		if (parent)
			augment->propagate(parent, NULL);
	} else {
		/* Two children: the successor (no left child) takes node's
		 * place and colour; its right child takes the successor's. */
		struct rb_node *succ = node->rb_right;

		while (succ->rb_left)
			succ = succ->rb_left;
		child = succ->rb_right;
		removed_color = rb_color(succ);
		if (succ == node->rb_right) {
			parent = succ;
		} else {
			parent = rb_parent(succ);
			parent->rb_left = child;
			if (child)
				rb_set_parent(child, parent);
			succ->rb_right = node->rb_right;
			rb_set_parent(node->rb_right, succ);
		}
		succ->rb_left = node->rb_left;
		rb_set_parent(node->rb_left, succ);
		rb_change_child(node, succ, rb_parent(node), root);
		succ->__rb_parent_color = node->__rb_parent_color;
		augment->copy(node, succ);
		if (parent != succ)
			augment->propagate(parent, succ);
		augment->propagate(succ, NULL);
	}
	if (removed_color == RB_BLACK)
		erase_fixup(child, parent, root, augment);
}

static void dummy_propagate(struct rb_node *node, struct rb_node *stop)
{
	(void)node;
	(void)stop;
}

static void dummy_copy(struct rb_node *old, struct rb_node *new)
{
	(void)old;
	(void)new;
}

static const struct rb_augment_callbacks dummy_callbacks = {
	.propagate = dummy_propagate,
	.copy = dummy_copy,
	.rotate = dummy_copy,
};

/*
 * rb_insert_color - rebalance root after rb_link_node() hung node in it.
 * Context: the tree's lock held.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	insert_fixup(node, root, &dummy_callbacks);
}

/*
 * rb_erase - take node out of root and rebalance. node's own fields are
 * left as they were (stale). Context: the tree's lock held.
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	erase(node, root, &dummy_callbacks);
}

/*
 * rb_insert_augmented - rb_insert_color() for an augmented tree: node,
 * just linked, already holds its own summary (rbtree_augmented.h); its
 * ancestors' summaries are brought up to date, then the tree rebalanced.
 * Context: the tree's lock held.
 */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment)
{
	if (rb_parent(node))
		augment->propagate(rb_parent(node), NULL);
	insert_fixup(node, root, augment);
}

/*
 * rb_erase_augmented - rb_erase() for an augmented tree, keeping every
 * remaining node's summary right. Context: the tree's lock held.
 */
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment)
{
	erase(node, root, augment);
}

/* rb_first - the leftmost (smallest) node, or NULL for an empty tree. */
struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *node = root->rb_node;

	if (!node)
		return NULL;
	while (node->rb_left)
		node = node->rb_left;
	return node;
}

/* rb_last - the rightmost (largest) node, or NULL for an empty tree. */
struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *node = root->rb_node;

	if (!node)
		return NULL;
	while (node->rb_right)
		node = node->rb_right;
	return node;
}

/* rb_next - the node after node in order, or NULL after the last. */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_right) {
		/* The leftmost node of the right subtree. */
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	/* Else the first ancestor we reach from its left side. */
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

/* rb_prev - the node before node in order, or NULL before the first. */
struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}

/* The first node of node's subtree in post-order: go down, left when possible. */
static struct rb_node *rb_left_deepest(const struct rb_node *node)
{
	for (;;) {
		if (node->rb_left)
			node = node->rb_left;
		else if (node->rb_right)
			node = node->rb_right;
		else
			return (struct rb_node *)node;
	}
}

/*
 * rb_first_postorder - the first node in post-order (every node comes
 * after its children), or NULL: with rb_next_postorder, a walk that may
 * compute each node from its children, or free each node once visited.
 */
struct rb_node *rb_first_postorder(const struct rb_root *root)
{
	return root->rb_node ? rb_left_deepest(root->rb_node) : NULL;
}

/* rb_next_postorder - the node after node in post-order, or NULL after the root. */
struct rb_node *rb_next_postorder(const struct rb_node *node)
{
	struct rb_node *parent = rb_parent(node);

	if (parent && node == parent->rb_left && parent->rb_right)
		return rb_left_deepest(parent->rb_right);
	return parent;
}
