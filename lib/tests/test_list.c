/*
 * test_list.c - host tests of lib/list.h.
 *
 * Lists of struct item (an int and the links) are read back in both
 * directions and compared with the expected order; check_list() also
 * verifies the ring invariant, node->next->prev == node for every node,
 * which any bad pointer update breaks. The last test applies random
 * operations to three lists and, after each, compares them with a plain
 * array model of where each item should be.
 */
#include "lib/compiler.h"
#include "lib/list.h"
#include "lib/tests/ktest_host.h"

struct item {
	int v;
	struct list_head node;
	struct hlist_node hnode;
};

/*
 * Check that the list at head holds exactly want[0..n) in order, walking
 * forwards with list_for_each_entry and backwards with the reverse one.
 */
#define check_list(head, want, n) check_list_at(__FILE__, __LINE__, head, want, n)

static bool check_list_at(const char *file, int line, struct list_head *head,
			  const int *want, int n)
{
	struct list_head *pos;
	struct item *it;
	int i = 0, len = 0;
	bool ok = true;

	list_for_each(pos, head) {
		if (pos->next->prev != pos || pos->prev->next != pos) {
			ktest_host_fail(file, line, "broken links at node %d", len);
			return false;
		}
		if (++len > n + 1)
			break;          /* a loop that never reaches the head */
	}
	if (head->next->prev != head || head->prev->next != head || len != n) {
		ktest_host_fail(file, line, "list has %d nodes (or bad head links), want %d",
				len, n);
		return false;
	}
	list_for_each_entry(it, head, node) {
		if (it->v != want[i]) {
			ktest_host_fail(file, line, "forward [%d] = %d, want %d",
					i, it->v, want[i]);
			ok = false;
		}
		i++;
	}
	list_for_each_entry_reverse(it, head, node) {
		i--;
		if (it->v != want[i]) {
			ktest_host_fail(file, line, "backward [%d] = %d, want %d",
					i, it->v, want[i]);
			ok = false;
		}
	}
	return ok;
}

static void init_items(struct item *items, int n)
{
	for (int i = 0; i < n; i++) {
		items[i].v = i;
		INIT_LIST_HEAD(&items[i].node);
		INIT_HLIST_NODE(&items[i].hnode);
	}
}

static LIST_HEAD(static_head);

TEST(list_head_starts_empty)
{
	LIST_HEAD(local);
	struct list_head dyn = { NULL, NULL };

	INIT_LIST_HEAD(&dyn);
	EXPECT_TRUE(list_empty(&static_head));
	EXPECT_TRUE(list_empty(&local));
	EXPECT_TRUE(list_empty(&dyn));
	EXPECT_PTR_EQ(dyn.next, &dyn);
	EXPECT_PTR_EQ(dyn.prev, &dyn);
	EXPECT_FALSE(list_is_singular(&dyn));
	EXPECT_PTR_EQ(list_first_entry_or_null(&dyn, struct item, node), NULL);
	check_list(&dyn, NULL, 0);
}

TEST(list_add_is_lifo_add_tail_is_fifo)
{
	struct item it[4];
	LIST_HEAD(stack);
	LIST_HEAD(queue);
	struct item q[4];

	init_items(it, 4);
	init_items(q, 4);
	for (int i = 0; i < 4; i++) {
		list_add(&it[i].node, &stack);
		list_add_tail(&q[i].node, &queue);
	}
	check_list(&stack, ((int[]){ 3, 2, 1, 0 }), 4);
	check_list(&queue, ((int[]){ 0, 1, 2, 3 }), 4);
	EXPECT_PTR_EQ(list_first_entry(&stack, struct item, node), &it[3]);
	EXPECT_PTR_EQ(list_last_entry(&stack, struct item, node), &it[0]);
	EXPECT_PTR_EQ(list_first_entry_or_null(&queue, struct item, node), &q[0]);
	EXPECT_PTR_EQ(list_entry(&q[2].node, struct item, node), &q[2]);
	EXPECT_TRUE(list_is_first(&q[0].node, &queue));
	EXPECT_FALSE(list_is_first(&q[1].node, &queue));
	EXPECT_TRUE(list_is_last(&q[3].node, &queue));
	EXPECT_FALSE(list_is_last(&q[2].node, &queue));
}

TEST(list_del_unlinks_and_poisons)
{
	struct item it[3];
	LIST_HEAD(head);

	init_items(it, 3);
	for (int i = 0; i < 3; i++)
		list_add_tail(&it[i].node, &head);
	list_del(&it[1].node);
	check_list(&head, ((int[]){ 0, 2 }), 2);
	EXPECT_PTR_EQ(it[1].node.next, LIST_POISON1);
	EXPECT_PTR_EQ(it[1].node.prev, LIST_POISON2);
	list_del(&it[0].node);
	check_list(&head, ((int[]){ 2 }), 1);
	EXPECT_TRUE(list_is_singular(&head));
	list_del(&it[2].node);
	EXPECT_TRUE(list_empty(&head));
	EXPECT_FALSE(list_is_singular(&head));
}

TEST(list_del_init_leaves_an_empty_list)
{
	struct item it[2];
	LIST_HEAD(head);

	init_items(it, 2);
	list_add_tail(&it[0].node, &head);
	list_add_tail(&it[1].node, &head);
	list_del_init(&it[0].node);
	EXPECT_TRUE(list_empty(&it[0].node));
	check_list(&head, ((int[]){ 1 }), 1);
	list_add(&it[0].node, &head);           /* reusable at once */
	check_list(&head, ((int[]){ 0, 1 }), 2);
}

TEST(list_move_between_and_within_lists)
{
	struct item it[4];
	LIST_HEAD(a);
	LIST_HEAD(b);

	init_items(it, 4);
	for (int i = 0; i < 4; i++)
		list_add_tail(&it[i].node, &a);
	list_move(&it[2].node, &b);
	list_move_tail(&it[0].node, &b);
	check_list(&a, ((int[]){ 1, 3 }), 2);
	check_list(&b, ((int[]){ 2, 0 }), 2);
	list_move_tail(&it[1].node, &a);        /* to the back of its own list */
	check_list(&a, ((int[]){ 3, 1 }), 2);
	list_move(&it[0].node, &b);             /* to the front of its own list */
	check_list(&b, ((int[]){ 0, 2 }), 2);
}

TEST(list_splice_variants)
{
	struct item it[6];
	LIST_HEAD(a);
	LIST_HEAD(b);
	LIST_HEAD(empty);

	init_items(it, 6);
	for (int i = 0; i < 3; i++)
		list_add_tail(&it[i].node, &a);
	for (int i = 3; i < 6; i++)
		list_add_tail(&it[i].node, &b);

	list_splice_init(&b, &a);               /* to the front */
	check_list(&a, ((int[]){ 3, 4, 5, 0, 1, 2 }), 6);
	EXPECT_TRUE(list_empty(&b));

	list_splice_init(&empty, &a);           /* nothing to move */
	check_list(&a, ((int[]){ 3, 4, 5, 0, 1, 2 }), 6);
	EXPECT_TRUE(list_empty(&empty));

	list_del(&it[3].node);
	list_del(&it[4].node);
	INIT_LIST_HEAD(&b);
	list_add_tail(&it[3].node, &b);
	list_add_tail(&it[4].node, &b);
	list_splice_tail_init(&b, &a);          /* to the back */
	check_list(&a, ((int[]){ 5, 0, 1, 2, 3, 4 }), 6);
	EXPECT_TRUE(list_empty(&b));

	list_del(&it[0].node);
	list_add(&it[0].node, &b);
	list_splice(&b, &a);                    /* b is stale afterwards */
	check_list(&a, ((int[]){ 0, 5, 1, 2, 3, 4 }), 6);
	INIT_LIST_HEAD(&b);
	list_splice(&b, &a);
	check_list(&a, ((int[]){ 0, 5, 1, 2, 3, 4 }), 6);
}

TEST(list_for_each_safe_allows_deletion)
{
	struct item it[6];
	struct list_head *pos, *n;
	struct item *e, *next;
	LIST_HEAD(head);
	int seen = 0;

	init_items(it, 6);
	for (int i = 0; i < 6; i++)
		list_add_tail(&it[i].node, &head);
	list_for_each_safe(pos, n, &head) {
		struct item *x = list_entry(pos, struct item, node);

		seen++;
		if (x->v % 2)
			list_del(pos);          /* poisons pos; n is already saved */
	}
	EXPECT_EQ(seen, 6);
	check_list(&head, ((int[]){ 0, 2, 4 }), 3);

	seen = 0;
	list_for_each_entry_safe(e, next, &head, node) {
		seen += e->v;
		list_del(&e->node);
	}
	EXPECT_EQ(seen, 0 + 2 + 4);
	EXPECT_TRUE(list_empty(&head));
}

TEST(list_for_each_entry_visits_in_order)
{
	struct item it[5], *e;
	LIST_HEAD(head);
	int sum = 0, order = 0;

	init_items(it, 5);
	list_for_each_entry(e, &head, node)
		sum += 100;                     /* an empty list: no iteration */
	EXPECT_EQ(sum, 0);
	for (int i = 0; i < 5; i++)
		list_add_tail(&it[i].node, &head);
	list_for_each_entry(e, &head, node)
		order = order * 10 + e->v + 1;
	EXPECT_EQ(order, 12345);
	order = 0;
	list_for_each_entry_reverse(e, &head, node)
		order = order * 10 + e->v + 1;
	EXPECT_EQ(order, 54321);
}

/* The values on the chain at h, front to back, as digits (v + 1). */
static int chain_digits(struct hlist_head *h)
{
	struct item *e;
	int d = 0, guard = 0;

	hlist_for_each_entry(e, h, hnode) {
		d = d * 10 + e->v + 1;
		if (++guard > 9)
			return -1;
	}
	return d;
}

TEST(hlist_add_del_iterate)
{
	struct item it[4];
	HLIST_HEAD(h);
	struct hlist_head h2;

	INIT_HLIST_HEAD(&h2);
	EXPECT_TRUE(hlist_empty(&h));
	EXPECT_TRUE(hlist_empty(&h2));
	init_items(it, 4);
	EXPECT_TRUE(hlist_unhashed(&it[0].hnode));
	for (int i = 0; i < 4; i++)
		hlist_add_head(&it[i].hnode, &h);
	EXPECT_FALSE(hlist_empty(&h));
	EXPECT_FALSE(hlist_unhashed(&it[0].hnode));
	EXPECT_EQ(chain_digits(&h), 4321);
	EXPECT_PTR_EQ(it[3].hnode.pprev, &h.first);
	EXPECT_PTR_EQ(it[2].hnode.pprev, &it[3].hnode.next);

	hlist_del(&it[2].hnode);                /* middle */
	EXPECT_EQ(chain_digits(&h), 421);
	EXPECT_PTR_EQ(it[2].hnode.next, LIST_POISON1);
	EXPECT_PTR_EQ(it[2].hnode.pprev, LIST_POISON2);
	EXPECT_PTR_EQ(it[1].hnode.pprev, &it[3].hnode.next);
	hlist_del(&it[3].hnode);                /* first */
	EXPECT_EQ(chain_digits(&h), 21);
	EXPECT_PTR_EQ(it[1].hnode.pprev, &h.first);
	hlist_del_init(&it[0].hnode);           /* last */
	EXPECT_EQ(chain_digits(&h), 2);
	EXPECT_TRUE(hlist_unhashed(&it[0].hnode));
	hlist_del_init(&it[0].hnode);           /* twice is harmless */
	EXPECT_EQ(chain_digits(&h), 2);
	hlist_del(&it[1].hnode);
	EXPECT_TRUE(hlist_empty(&h));
}

TEST(hlist_for_each_entry_safe_allows_deletion)
{
	struct item it[5], *e;
	struct hlist_node *n;
	HLIST_HEAD(h);
	int seen = 0;

	init_items(it, 5);
	for (int i = 0; i < 5; i++)
		hlist_add_head(&it[i].hnode, &h);
	hlist_for_each_entry_safe(e, n, &h, hnode) {
		seen++;
		if (e->v != 2)
			hlist_del(&e->hnode);
	}
	EXPECT_EQ(seen, 5);
	EXPECT_EQ(chain_digits(&h), 3);
	EXPECT_PTR_EQ(h.first, &it[2].hnode);
	EXPECT_PTR_EQ(it[2].hnode.next, NULL);
}

/* Random adds, deletes, moves and splices against an array model. */
TEST(list_random_operations_match_model)
{
	enum { NITEMS = 12, NLISTS = 3 };
	struct item it[NITEMS];
	struct list_head heads[NLISTS];
	int model[NLISTS][NITEMS], len[NLISTS] = { 0 };
	int where[NITEMS];                      /* list of each item, -1: none */

	init_items(it, NITEMS);
	for (int l = 0; l < NLISTS; l++)
		INIT_LIST_HEAD(&heads[l]);
	for (int i = 0; i < NITEMS; i++)
		where[i] = -1;

	for (int step = 0; step < 5000; step++) {
		int i = (int)(ktest_host_rand() % NITEMS);
		int l = (int)(ktest_host_rand() % NLISTS);
		int op = (int)(ktest_host_rand() % 4);
		int from = where[i];

		if (op == 3) {                  /* splice list from into l */
			int src = (int)(ktest_host_rand() % NLISTS);
			bool tail = ktest_host_rand() % 2;

			if (src == l)
				continue;
			if (tail) {
				list_splice_tail_init(&heads[src], &heads[l]);
				for (int k = 0; k < len[src]; k++)
					model[l][len[l]++] = model[src][k];
			} else {
				list_splice_init(&heads[src], &heads[l]);
				for (int k = len[l] - 1; k >= 0; k--)
					model[l][k + len[src]] = model[l][k];
				for (int k = 0; k < len[src]; k++)
					model[l][k] = model[src][k];
				len[l] += len[src];
			}
			for (int k = 0; k < len[src]; k++)
				where[model[src][k]] = l;
			len[src] = 0;
		} else {
			if (from >= 0) {        /* take i off its list */
				int k = 0;

				while (model[from][k] != i)
					k++;
				for (; k < len[from] - 1; k++)
					model[from][k] = model[from][k + 1];
				len[from]--;
				where[i] = -1;
			}
			if (op == 0 && from >= 0) {
				list_del(&it[i].node);
			} else if (op == 1 || (op == 0 && from < 0)) {
				if (from >= 0)
					list_move(&it[i].node, &heads[l]);
				else
					list_add(&it[i].node, &heads[l]);
				for (int k = len[l]; k > 0; k--)
					model[l][k] = model[l][k - 1];
				model[l][0] = i;
				len[l]++;
				where[i] = l;
			} else {
				if (from >= 0)
					list_move_tail(&it[i].node, &heads[l]);
				else
					list_add_tail(&it[i].node, &heads[l]);
				model[l][len[l]++] = i;
				where[i] = l;
			}
		}
		for (int k = 0; k < NLISTS; k++)
			ASSERT_TRUE(check_list(&heads[k], model[k], len[k]));
	}
}
