/*
 * list.h - circular doubly linked lists and hash-chain lists, Linux's API.
 *
 * A struct list_head is embedded in each object that goes on a list, and
 * one more stands alone as the head. The links form a ring through the
 * head: an empty list is a head pointing at itself both ways, so adding
 * and removing never test for NULL or for the ends.
 *
 *	head <-> a.node <-> b.node <-> c.node <-> (back to head)
 *
 * list_entry() (container_of) gets from a node back to the object around
 * it, and the list_for_each_entry*() macros walk the objects directly.
 * A node can be on one list at a time; list_del() poisons its pointers
 * with non-canonical addresses, so using a node after removing it faults
 * at once (a general protection fault) instead of corrupting memory.
 *
 * hlist is the version for hash tables: the head is a single pointer (half
 * the size of a list_head, and a table has many heads), and each node's
 * pprev points at whatever points at it, the head's `first` or the
 * previous node's `next`, so a node is removed without knowing its head.
 *
 * None of this locks: whoever owns a list says which lock guards it.
 * The names and meanings are those of Linux's include/linux/list.h; only
 * the functions keyhole uses are here.
 */
#ifndef LIB_LIST_H
#define LIB_LIST_H

#include "compiler.h"
#include "types.h"

/* Non-canonical, so any access through a deleted entry's links faults. */
#define LIST_POISON1 ((void *)0xdead000000000100UL)
#define LIST_POISON2 ((void *)0xdead000000000122UL)

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

/* INIT_LIST_HEAD - make list an empty list (a head linked to itself). */
static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

/* Link new in between two neighbouring entries prev and next. */
static inline void __list_add(struct list_head *new, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

/* list_add - insert new just after head (at the front: a stack). */
static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

/* list_add_tail - insert new just before head (at the back: a queue). */
static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

/* Join prev and next, dropping whatever was between them. */
static inline void __list_del(struct list_head *prev, struct list_head *next)
{
	next->prev = prev;
	prev->next = next;
}

/* list_del - take entry off its list and poison its links. */
static inline void list_del(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

/* list_del_init - take entry off its list and leave it an empty list. */
static inline void list_del_init(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	INIT_LIST_HEAD(entry);
}

/* list_move - take entry off its list and add it after head. */
static inline void list_move(struct list_head *entry, struct list_head *head)
{
	__list_del(entry->prev, entry->next);
	list_add(entry, head);
}

/* list_move_tail - take entry off its list and add it before head. */
static inline void list_move_tail(struct list_head *entry, struct list_head *head)
{
	__list_del(entry->prev, entry->next);
	list_add_tail(entry, head);
}

/* list_is_first / list_is_last - whether entry is the first / last of head. */
static inline bool list_is_first(const struct list_head *entry, const struct list_head *head)
{
	return entry->prev == head;
}

static inline bool list_is_last(const struct list_head *entry, const struct list_head *head)
{
	return entry->next == head;
}

/* list_empty - whether the list at head has no entries. */
static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

/* list_is_singular - whether the list at head has exactly one entry. */
static inline bool list_is_singular(const struct list_head *head)
{
	return !list_empty(head) && head->next == head->prev;
}

/* Insert the (non-empty) list's entries between prev and next. */
static inline void __list_splice(const struct list_head *list, struct list_head *prev,
				 struct list_head *next)
{
	struct list_head *first = list->next, *last = list->prev;

	first->prev = prev;
	prev->next = first;
	last->next = next;
	next->prev = last;
}

/*
 * list_splice - move the entries of list to the front of head.
 * list itself is left pointing into head's list: reinitialise it before
 * using it again, or use list_splice_init().
 */
static inline void list_splice(const struct list_head *list, struct list_head *head)
{
	if (!list_empty(list))
		__list_splice(list, head, head->next);
}

/* list_splice_init - move the entries of list to the front of head; list ends empty. */
static inline void list_splice_init(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head, head->next);
		INIT_LIST_HEAD(list);
	}
}

/* list_splice_tail_init - move the entries of list to the back of head; list ends empty. */
static inline void list_splice_tail_init(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head->prev, head);
		INIT_LIST_HEAD(list);
	}
}

/* list_entry - the struct of type whose member (a list_head) is at ptr. */
#define list_entry(ptr, type, member) container_of(ptr, type, member)

/* list_first_entry / list_last_entry - the first / last object; the list must not be empty. */
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_last_entry(head, type, member) list_entry((head)->prev, type, member)

/* list_first_entry_or_null - the first object, or NULL if the list is empty. */
#define list_first_entry_or_null(head, type, member)                           \
	({                                                                     \
		struct list_head *head__ = (head);                             \
		struct list_head *pos__ = head__->next;                        \
		pos__ != head__ ? list_entry(pos__, type, member) : NULL;      \
	})

/* list_next_entry / list_prev_entry - the object after / before pos. */
#define list_next_entry(pos, member)                                           \
	list_entry((pos)->member.next, __typeof__(*(pos)), member)
#define list_prev_entry(pos, member)                                           \
	list_entry((pos)->member.prev, __typeof__(*(pos)), member)

/*
 * list_entry_is_head - whether pos is the "object" around the head itself,
 * where a walk ends. That object does not exist (the head is not inside a
 * struct of this type); only the address of its member is ever used.
 */
#define list_entry_is_head(pos, head, member) (&(pos)->member == (head))

/* list_for_each - walk the nodes; do not remove pos (see _safe). */
#define list_for_each(pos, head)                                               \
	for (pos = (head)->next; pos != (head); pos = pos->next)

/* list_for_each_safe - walk the nodes; pos may be removed (n is the next). */
#define list_for_each_safe(pos, n, head)                                       \
	for (pos = (head)->next, n = pos->next; pos != (head); pos = n, n = pos->next)

/* list_for_each_entry - walk the objects front to back. */
#define list_for_each_entry(pos, head, member)                                 \
	for (pos = list_first_entry(head, __typeof__(*(pos)), member);         \
	     !list_entry_is_head(pos, head, member);                           \
	     pos = list_next_entry(pos, member))

/* list_for_each_entry_reverse - walk the objects back to front. */
#define list_for_each_entry_reverse(pos, head, member)                         \
	for (pos = list_last_entry(head, __typeof__(*(pos)), member);          \
	     !list_entry_is_head(pos, head, member);                           \
	     pos = list_prev_entry(pos, member))

/* list_for_each_entry_safe - walk the objects; pos may be removed or freed. */
#define list_for_each_entry_safe(pos, n, head, member)                         \
	for (pos = list_first_entry(head, __typeof__(*(pos)), member),         \
	     n = list_next_entry(pos, member);                                 \
	     !list_entry_is_head(pos, head, member);                           \
	     pos = n, n = list_next_entry(n, member))

/* Hash lists: a one-pointer head and NULL-terminated chains. */
struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

#define HLIST_HEAD_INIT { .first = NULL }
#define HLIST_HEAD(name) struct hlist_head name = HLIST_HEAD_INIT
#define INIT_HLIST_HEAD(ptr) ((ptr)->first = NULL)

/* INIT_HLIST_NODE - mark h as on no list. */
static inline void INIT_HLIST_NODE(struct hlist_node *h)
{
	h->next = NULL;
	h->pprev = NULL;
}

/* hlist_unhashed - whether h is on no list (initialised or hlist_del_init()ed). */
static inline bool hlist_unhashed(const struct hlist_node *h)
{
	return !h->pprev;
}

/* hlist_empty - whether the chain at h has no entries. */
static inline bool hlist_empty(const struct hlist_head *h)
{
	return !h->first;
}

/* hlist_add_head - insert n at the front of the chain at h. */
static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	n->next = first;
	if (first)
		first->pprev = &n->next;
	h->first = n;
	n->pprev = &h->first;
}

/* Unlink n: whatever pointed at n now points at n's successor. */
static inline void __hlist_del(struct hlist_node *n)
{
	struct hlist_node *next = n->next;
	struct hlist_node **pprev = n->pprev;

	*pprev = next;
	if (next)
		next->pprev = pprev;
}

/* hlist_del - take n off its chain and poison its links. */
static inline void hlist_del(struct hlist_node *n)
{
	__hlist_del(n);
	n->next = LIST_POISON1;
	n->pprev = LIST_POISON2;
}

/* hlist_del_init - take n off its chain, if on one, and mark it unhashed. */
static inline void hlist_del_init(struct hlist_node *n)
{
	if (!hlist_unhashed(n)) {
		__hlist_del(n);
		INIT_HLIST_NODE(n);
	}
}

#define hlist_entry(ptr, type, member) container_of(ptr, type, member)

/* hlist_entry_safe - hlist_entry(), or NULL when ptr is NULL. */
#define hlist_entry_safe(ptr, type, member)                                    \
	({                                                                     \
		__typeof__(ptr) ____ptr = (ptr);                               \
		____ptr ? hlist_entry(____ptr, type, member) : NULL;           \
	})

/* hlist_for_each_entry - walk the objects of the chain at head. */
#define hlist_for_each_entry(pos, head, member)                                \
	for (pos = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); \
	     pos;                                                              \
	     pos = hlist_entry_safe((pos)->member.next, __typeof__(*(pos)), member))

/* hlist_for_each_entry_safe - the same; pos may be removed (n is the next node). */
#define hlist_for_each_entry_safe(pos, n, head, member)                        \
	for (pos = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); \
	     pos && ({ n = pos->member.next; 1; });                            \
	     pos = hlist_entry_safe(n, __typeof__(*(pos)), member))

#endif /* LIB_LIST_H */
