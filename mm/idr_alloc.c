/*
 * idr_alloc.c - the kernel's memory for lib/idr.c's tree nodes.
 *
 * lib/ has no allocator, so lib/idr.h asks its user for two functions that
 * hand out and take back one struct idr_node. In the kernel they are
 * allocations from a kmem_cache of their own, "idr_node", made at boot
 * (as Linux keeps radix-tree nodes in radix_tree_node_cachep): a node is
 * 536 bytes, and kmalloc would round it up to 1 KiB, so every idr (each
 * shm segment's page cache has one, even for a single page) paid twice
 * what it holds. A slab whose last node is freed goes back to the page
 * allocator, which is what lets an idr return all its memory. The gfp
 * flags are the caller's, passed through idr_alloc().
 */
#include "lib/idr.h"
#include "kernel/panic.h"
#include "mm/slab.h"

/* lib/idr.h spells gfp_t as unsigned int; they must stay the same type. */
BUILD_BUG_ON(!__builtin_types_compatible_p(gfp_t, unsigned int));

static struct kmem_cache *idr_node_cachep;

/*
 * idr_node_cache_init - make the cache of idr nodes.
 *
 * Context: boot, after kmem_cache_init(), before the first idr_alloc().
 */
void idr_node_cache_init(void)
{
	idr_node_cachep = kmem_cache_create("idr_node", sizeof(struct idr_node),
					    __alignof__(struct idr_node));
	if (!idr_node_cachep)
		panic("idr_node_cache_init: no cache");
}

/*
 * idr_node_alloc - memory for one idr node (not zeroed; idr.c fills it in).
 *
 * Context: whatever gfp allows; kmalloc does not sleep.
 * Return: the node, or NULL when memory is short.
 */
struct idr_node *idr_node_alloc(gfp_t gfp)
{
	return kmem_cache_alloc(idr_node_cachep, gfp);
}

/*
 * idr_node_free - give back a node from idr_node_alloc().
 *
 * Context: any.
 */
void idr_node_free(struct idr_node *node)
{
	kmem_cache_free(idr_node_cachep, node);
}
