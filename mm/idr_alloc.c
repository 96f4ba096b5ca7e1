/*
 * idr_alloc.c - the kernel's memory for lib/idr.c's tree nodes.
 *
 * lib/ has no allocator, so lib/idr.h asks its user for two functions that
 * hand out and take back one struct idr_node. In the kernel they are
 * kmalloc() and kfree(): a node is 536 bytes, so it comes from the
 * kmalloc-1k cache, and a slab whose last node is freed goes back to the
 * page allocator, which is what lets an idr return all its memory.
 * (Linux keeps radix-tree nodes in a kmem_cache of their own, which packs
 * them tighter; keyhole can do the same once something creates caches at
 * boot.) The gfp flags are the caller's, passed through idr_alloc().
 */
#include "lib/idr.h"
#include "mm/slab.h"

/* lib/idr.h spells gfp_t as unsigned int; they must stay the same type. */
BUILD_BUG_ON(!__builtin_types_compatible_p(gfp_t, unsigned int));
/* A node fits the kmalloc-1k cache, the smallest that holds it. */
BUILD_BUG_ON(sizeof(struct idr_node) > 1024 || sizeof(struct idr_node) <= 512);

/*
 * idr_node_alloc - memory for one idr node (not zeroed; idr.c fills it in).
 *
 * Context: whatever gfp allows; kmalloc does not sleep.
 * Return: the node, or NULL when memory is short.
 */
struct idr_node *idr_node_alloc(gfp_t gfp)
{
	return kmalloc(sizeof(struct idr_node), gfp);
}

/*
 * idr_node_free - give back a node from idr_node_alloc().
 *
 * Context: any.
 */
void idr_node_free(struct idr_node *node)
{
	kfree(node);
}
