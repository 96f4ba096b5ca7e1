/*
 * test_rbtree.c - host tests of lib/rbtree.c and lib/rbtree_augmented.h.
 *
 * The nodes are "things" with a key (the order) and a value; an augmented
 * tree keeps in each thing the largest value of its subtree (maxval, by
 * RB_DECLARE_CALLBACKS_MAX, as mm/mmap.c keeps the largest gap).
 *
 * check_tree() walks the whole tree and checks everything rbtree.h
 * promises: each child's parent link, a black root, no red node with a
 * red child, the same black count on every path, the height bound, the
 * keys in order and equal to the model's (a plain array of the keys
 * present), rb_next/rb_prev/rb_last agreeing with the in-order walk, the
 * post-order walk visiting every node once after its children, and, for
 * augmented trees, maxval at every node recomputed from scratch. The
 * random tests run long insert/erase (and value change) sequences against
 * the model, checking the whole tree after every step.
 */
#include "lib/compiler.h"
#include "lib/rbtree_augmented.h"
#include "lib/tests/ktest_host.h"

#define NKEYS 512

struct thing {
	unsigned long key;
	unsigned long val;
	unsigned long maxval;           /* largest val in the subtree */
	struct rb_node node;
};

static unsigned long thing_val(struct thing *t)
{
	return t->val;
}

RB_DECLARE_CALLBACKS_MAX(static, thing_cb, struct thing, node, unsigned long, maxval, thing_val);

/* The model: which keys are in the tree, and the thing for each. */
static struct thing things[NKEYS];
static bool present[NKEYS];
static int npresent;

static void fresh(struct rb_root *root)
{
	*root = RB_ROOT;
	for (int i = 0; i < NKEYS; i++) {
		present[i] = false;
		things[i].key = (unsigned long)i;
		/* garbage, as a fresh kmalloc: rbtree must set every field */
		things[i].node.__rb_parent_color = 0xa5a5a5a5a5a5a5a4UL;
		things[i].node.rb_left = things[i].node.rb_right = (struct rb_node *)0xa5a5a5a5UL;
	}
	npresent = 0;
}

static struct thing *to_thing(struct rb_node *n)
{
	return rb_entry(n, struct thing, node);
}

static void insert(struct rb_root *root, int key, bool augmented)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;
	struct thing *t = &things[key];

	while (*link) {
		parent = *link;
		link = t->key < to_thing(parent)->key ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&t->node, parent, link);
	if (augmented) {
		t->maxval = t->val;
		rb_insert_augmented(&t->node, root, &thing_cb);
	} else {
		rb_insert_color(&t->node, root);
	}
	present[key] = true;
	npresent++;
}

static void erase(struct rb_root *root, int key, bool augmented)
{
	if (augmented)
		rb_erase_augmented(&things[key].node, root, &thing_cb);
	else
		rb_erase(&things[key].node, root);
	present[key] = false;
	npresent--;
}

/* What check_subtree found below a node. */
struct sub {
	int blacks;                     /* black nodes on each path down, NULL excluded */
	int height;
	unsigned long max;              /* largest val */
	int count;
};

static bool is_red(struct rb_node *n)
{
	return n && !(n->__rb_parent_color & 1);
}

static int inorder_keys[NKEYS], ninorder;

static struct sub check_subtree(struct rb_node *n, struct rb_node *parent, bool augmented)
{
	struct sub s = { 0, 0, 0, 0 }, l, r;

	if (!n)
		return s;
	EXPECT_EQ(rb_parent(n), parent);
	if (is_red(n)) {
		EXPECT_FALSE(is_red(n->rb_left));       /* rule 1 */
		EXPECT_FALSE(is_red(n->rb_right));
	}
	l = check_subtree(n->rb_left, n, augmented);
	if (ninorder < NKEYS)
		inorder_keys[ninorder] = (int)to_thing(n)->key;
	ninorder++;
	r = check_subtree(n->rb_right, n, augmented);
	EXPECT_EQ(l.blacks, r.blacks);                  /* rule 2 */
	s.blacks = l.blacks + !is_red(n);
	s.height = 1 + max(l.height, r.height);
	s.count = 1 + l.count + r.count;
	s.max = max(to_thing(n)->val, max(l.max, r.max));
	if (augmented)
		EXPECT_EQ(to_thing(n)->maxval, s.max);
	return s;
}

static int log2_floor(unsigned long x)
{
	int r = -1;

	for (; x; x >>= 1)
		r++;
	return r;
}

static void check_tree(struct rb_root *root, bool augmented)
{
	struct sub s;
	int i, k;

	ninorder = 0;
	s = check_subtree(root->rb_node, NULL, augmented);
	EXPECT_EQ(s.count, npresent);
	EXPECT_FALSE(is_red(root->rb_node));
	/* A red-black tree of n nodes is at most 2*log2(n+1) high. */
	EXPECT_TRUE(s.height <= 2 * (log2_floor((unsigned long)npresent + 1) + 1));
	ASSERT_TRUE(ninorder == npresent);

	/* In order, and the same keys as the model. */
	for (i = 0, k = 0; k < NKEYS; k++) {
		if (!present[k])
			continue;
		if (!EXPECT_EQ(inorder_keys[i], k))
			return;
		i++;
	}

	/* rb_first/rb_next forwards, rb_last/rb_prev backwards. */
	i = 0;
	for (struct rb_node *n = rb_first(root); n; n = rb_next(n))
		if (i >= npresent || !EXPECT_EQ(to_thing(n)->key, inorder_keys[i++]))
			return;
	EXPECT_EQ(i, npresent);
	for (struct rb_node *n = rb_last(root); n; n = rb_prev(n))
		if (i <= 0 || !EXPECT_EQ(to_thing(n)->key, inorder_keys[--i]))
			return;
	EXPECT_EQ(i, 0);

	/* Post-order: each node once, after both its children. */
	static bool seen[NKEYS];
	for (k = 0; k < NKEYS; k++)
		seen[k] = false;
	i = 0;
	for (struct rb_node *n = rb_first_postorder(root); n; n = rb_next_postorder(n)) {
		struct thing *t = to_thing(n);

		if (++i > npresent)
			break;
		EXPECT_FALSE(seen[t->key]);
		EXPECT_TRUE(!n->rb_left || seen[to_thing(n->rb_left)->key]);
		EXPECT_TRUE(!n->rb_right || seen[to_thing(n->rb_right)->key]);
		seen[t->key] = true;
	}
	EXPECT_EQ(i, npresent);
}

static int random_key(bool want_present)
{
	for (;;) {
		int k = (int)(ktest_host_rand() % NKEYS);

		if (present[k] == want_present)
			return k;
	}
}

TEST(empty_tree)
{
	struct rb_root root;

	fresh(&root);
	EXPECT_TRUE(RB_EMPTY_ROOT(&root));
	EXPECT_EQ(rb_first(&root), NULL);
	EXPECT_EQ(rb_last(&root), NULL);
	EXPECT_EQ(rb_first_postorder(&root), NULL);
	check_tree(&root, false);
}

TEST(one_node)
{
	struct rb_root root;

	fresh(&root);
	insert(&root, 7, false);
	EXPECT_EQ(root.rb_node, &things[7].node);
	EXPECT_EQ(rb_parent(&things[7].node), NULL);
	EXPECT_EQ(rb_next(&things[7].node), NULL);
	EXPECT_EQ(rb_prev(&things[7].node), NULL);
	check_tree(&root, false);
	erase(&root, 7, false);
	EXPECT_TRUE(RB_EMPTY_ROOT(&root));
}

/* Sorted input is the worst case of an unbalanced tree: it must stay low. */
TEST(ascending_and_descending_inserts_stay_balanced)
{
	struct rb_root root;

	fresh(&root);
	for (int k = 0; k < NKEYS; k++) {
		insert(&root, k, false);
		check_tree(&root, false);
	}
	for (int k = 0; k < NKEYS; k++) {
		erase(&root, k, false);
		check_tree(&root, false);
	}
	for (int k = NKEYS - 1; k >= 0; k--) {
		insert(&root, k, false);
		check_tree(&root, false);
	}
	/* Always erase the root: the two-children case every time. */
	while (root.rb_node) {
		erase(&root, (int)to_thing(root.rb_node)->key, false);
		check_tree(&root, false);
	}
}

/* Random inserts and erases, the tree half full on average. */
static void random_ops(bool augmented, int steps)
{
	struct rb_root root;

	fresh(&root);
	for (int k = 0; k < NKEYS; k++)
		things[k].val = ktest_host_rand() % 1000;
	for (int step = 0; step < steps; step++) {
		unsigned long r = ktest_host_rand() % 100;
		/* Lean towards filling when sparse and emptying when dense. */
		bool grow = npresent == 0 ||
			    (npresent < NKEYS && (int)r < 100 - npresent * 100 / NKEYS);

		if (augmented && npresent > 0 && r % 5 == 0) {
			/* A value changes in place: propagate, as the header says. */
			int k = random_key(true);

			things[k].val = ktest_host_rand() % 1000;
			thing_cb.propagate(&things[k].node, NULL);
		} else if (grow) {
			insert(&root, random_key(false), augmented);
		} else {
			erase(&root, random_key(true), augmented);
		}
		check_tree(&root, augmented);
		if (ktest_host_failed())
			return;                 /* one report, not thousands */
	}
	while (npresent)
		erase(&root, random_key(true), augmented);
	check_tree(&root, augmented);
}

TEST(random_insert_erase_against_model)
{
	random_ops(false, 20000);
}

TEST(random_augmented_against_model)
{
	random_ops(true, 20000);
}

/* Few distinct values: propagate's early stop (value unchanged) is taken often. */
TEST(augmented_with_equal_values)
{
	struct rb_root root;

	fresh(&root);
	for (int k = 0; k < NKEYS; k++)
		things[k].val = ktest_host_rand() % 3;
	for (int step = 0; step < 10000; step++) {
		if (npresent < NKEYS && (npresent == 0 || ktest_host_rand() % 2))
			insert(&root, random_key(false), true);
		else
			erase(&root, random_key(true), true);
		check_tree(&root, true);
		if (ktest_host_failed())
			return;
	}
}
