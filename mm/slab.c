/*
 * slab.c - small-object allocation: object caches carved out of pages.
 *
 * A kmem_cache hands out objects of one size. It gets memory from the page
 * allocator a slab at a time (2^order pages) and cuts each slab into
 * objects. The slab's first bytes hold its header:
 *
 *	slab (2^order pages)
 *	+-------------+--------+--------+--------+-----+
 *	| struct slab | obj 0  | obj 1  | obj 2  | ... |
 *	+-------------+--------+--------+--------+-----+
 *	  cache, list, freelist (a chain through the free objects),
 *	  inuse, free_map (one bit per object: 1 = free)
 *
 * Each page of a slab has PG_slab and page->slab pointing at the header,
 * so kfree(ptr) finds the header, and from it the cache, in O(1). A cache
 * keeps slabs with a free object on `partial` and the others on `full`; a
 * slab whose last object is freed goes straight back to the page
 * allocator, so freeing everything returns every page.
 *
 * kmalloc(size) uses one cache per power of two from 16 to 2048 bytes,
 * and, as Linux, one of 192 bytes, so that the many objects a little over
 * 128 bytes (IPC objects, inodes, mm_structs) do not take a third more in
 * padding; bigger requests get whole pages (PG_head says their order for
 * kfree). (Linux also has kmalloc-96. Here it would take the VMAs away
 * from kmalloc-128 and leave a 64-byte message alone in it, its slab made
 * and freed at every msgsnd and msgrcv: 1,460 instructions more a round
 * trip. A slab whose last object goes is freed at once, see above.)
 *
 * Checks, always on: kfree of a pointer that is not the start of an
 * object, or of an object already free (its free_map bit is set), panics
 * with the address and the cache. With CONFIG_DEBUG_MM freed objects are
 * filled with POISON_FREE, and kmem_cache_alloc() checks that the poison is
 * intact (else something wrote to the object after kfree); fresh objects
 * are filled with POISON_INUSE so uninitialised reads stand out.
 *
 * Locking: slab_lock (irqsave) guards every cache's lists and counters and
 * the slab headers. One lock for all caches is simple and enough for one
 * CPU; per-cache locks are the SMP step.
 */
#include "kernel/panic.h"
#include "kernel/spinlock.h"
#include "lib/bitmap.h"
#include "lib/compiler.h"
#include "lib/string.h"
#include "mm/slab.h"

struct slab {
	struct kmem_cache *cache;
	struct list_head list;          /* on cache->partial or cache->full */
	void *freelist;                 /* first free object; each holds the next */
	unsigned int inuse;
	DECLARE_BITMAP(free_map, SLAB_MAX_OBJECTS);
};

static DEFINE_SPINLOCK(slab_lock);
static LIST_HEAD(cache_list);
static struct kmem_cache cache_cache;   /* the cache of kmem_cache structs */
#define NR_KMALLOC 9
static struct kmem_cache kmalloc_caches[NR_KMALLOC];
static const unsigned int kmalloc_sizes[NR_KMALLOC] = {
	16, 32, 64, 128, 192, 256, 512, 1024, 2048,
};
static const char *const kmalloc_names[NR_KMALLOC] = {
	"kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128", "kmalloc-192",
	"kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k",
};
/* The cache for sizes up to 192, by (size - 1) / 16 (Linux's size_index). */
static const unsigned char kmalloc_small_index[12] = {
	0, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
};

static void cache_setup(struct kmem_cache *c, const char *name, unsigned int size,
			unsigned int align)
{
	if (align < 8)
		align = 8;
	c->name = name;
	c->object_size = size;
	c->size = ALIGN_UP(max(size, 8u), align);
	c->align = align;
	c->offset = ALIGN_UP((unsigned int)sizeof(struct slab), align);
	/* The smallest slab that holds at least 8 objects (or 1 big one). */
	c->order = 0;
	while (c->order < 3 && ((PAGE_SIZE << c->order) - c->offset) / c->size < 8)
		c->order++;
	c->objects = min((unsigned int)(((PAGE_SIZE << c->order) - c->offset) / c->size),
			 (unsigned int)SLAB_MAX_OBJECTS);
	INIT_LIST_HEAD(&c->partial);
	INIT_LIST_HEAD(&c->full);
	c->active_objs = 0;
	c->nr_slabs = 0;
	list_add_tail(&c->list, &cache_list);
}

static void *slab_obj(struct kmem_cache *c, struct slab *s, unsigned int i)
{
	return (char *)s + c->offset + (size_t)i * c->size;
}

/* A new slab with every object free. Caller holds slab_lock. */
static struct slab *new_slab(struct kmem_cache *c)
{
	struct page *page = alloc_pages(GFP_KERNEL, c->order);

	if (!page)
		return NULL;
	struct slab *s = page_address(page);
	for (unsigned int i = 0; i < (1u << c->order); i++) {
		page[i].flags |= PG_slab;
		page[i].slab = s;
	}
	s->cache = c;
	s->inuse = 0;
	s->freelist = NULL;
	bitmap_zero(s->free_map, SLAB_MAX_OBJECTS);
	/* Chain the objects last to first, so the freelist starts at obj 0. */
	for (unsigned int i = c->objects; i-- > 0;) {
		void **obj = slab_obj(c, s, i);
#ifdef CONFIG_DEBUG_MM
		memset(obj, POISON_FREE, c->size);
#endif
		*obj = s->freelist;
		s->freelist = obj;
		set_bit(i, s->free_map);
	}
	list_add(&s->list, &c->partial);
	c->nr_slabs++;
	return s;
}

static void free_slab(struct kmem_cache *c, struct slab *s)
{
	struct page *page = virt_to_page(s);

	list_del(&s->list);
	for (unsigned int i = 0; i < (1u << c->order); i++) {
		page[i].flags &= ~PG_slab;
		page[i].slab = NULL;
	}
	c->nr_slabs--;
	__free_pages(page, c->order);
}

/*
 * kmem_cache_alloc - one object from cache.
 *
 * Context: any; does not sleep.
 * Return: the object (contents undefined, POISON_INUSE in debug builds,
 * zeroes with __GFP_ZERO), or NULL when memory runs out.
 */
void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	unsigned long flags;
	struct slab *s;
	void **obj;

	spin_lock_irqsave(&slab_lock, flags);
	if (list_empty(&c->partial) && !new_slab(c)) {
		spin_unlock_irqrestore(&slab_lock, flags);
		return NULL;
	}
	s = list_first_entry(&c->partial, struct slab, list);
	obj = s->freelist;
	s->freelist = *obj;
	unsigned int idx = (unsigned int)(((char *)obj - (char *)s - c->offset) / c->size);
	__clear_bit(idx, s->free_map);
	if (++s->inuse == c->objects)
		list_move(&s->list, &c->full);
	c->active_objs++;
	spin_unlock_irqrestore(&slab_lock, flags);

#ifdef CONFIG_DEBUG_MM
	for (unsigned int i = sizeof(void *); i < c->size; i++)
		if (((u8 *)obj)[i] != POISON_FREE)
			panic("slab %s: object %p was written after it was freed (byte %u is 0x%02x)",
			      c->name, (void *)obj, i, ((u8 *)obj)[i]);
	memset(obj, POISON_INUSE, c->size);
#endif
	if (gfp & __GFP_ZERO)
		memset(obj, 0, c->object_size);
	return obj;
}

/* Give obj back to slab s. Caller holds slab_lock; panics on misuse. */
static __always_inline void __slab_free(struct kmem_cache *c, struct slab *s, void *obj)
{
	size_t off = (size_t)((char *)obj - (char *)s);

	if (off < c->offset || (off - c->offset) % c->size ||
	    (off - c->offset) / c->size >= c->objects)
		panic("kfree: %p is not the start of an object in %s", obj, c->name);
	unsigned int idx = (unsigned int)((off - c->offset) / c->size);
	if (test_bit(idx, s->free_map))
		panic("kfree: double free of %p in %s", obj, c->name);

#ifdef CONFIG_DEBUG_MM
	memset(obj, POISON_FREE, c->size);
#endif
	set_bit(idx, s->free_map);
	*(void **)obj = s->freelist;
	s->freelist = obj;
	if (s->inuse-- == c->objects)
		list_move(&s->list, &c->partial);
	c->active_objs--;
	if (s->inuse == 0)
		free_slab(c, s);
}

/* kmem_cache_free - return obj to cache. Context: any. */
void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	unsigned long flags;
	struct page *page = virt_to_page(obj);

	if (!(page->flags & PG_slab) || ((struct slab *)page->slab)->cache != c)
		panic("kmem_cache_free: %p does not belong to cache %s", obj, c->name);
	spin_lock_irqsave(&slab_lock, flags);
	__slab_free(c, page->slab, obj);
	spin_unlock_irqrestore(&slab_lock, flags);
}

/*
 * kmem_cache_create - a cache of objects of size bytes, aligned to align
 * (0 means 8). name must stay valid while the cache exists.
 *
 * Return: the cache, or NULL if the size is too big for a slab or memory
 * runs out.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align)
{
	struct kmem_cache *c;
	unsigned long flags;

	if (size == 0 || size > (PAGE_SIZE << 3) / 2)
		return NULL;
	c = kmem_cache_alloc(&cache_cache, __GFP_ZERO);
	if (!c)
		return NULL;
	spin_lock_irqsave(&slab_lock, flags);
	cache_setup(c, name, size, align);
	spin_unlock_irqrestore(&slab_lock, flags);
	return c;
}

/* kmem_cache_destroy - remove an empty cache; a cache still in use panics. */
void kmem_cache_destroy(struct kmem_cache *c)
{
	unsigned long flags;

	if (!c)
		return;
	if (c->active_objs)
		panic("kmem_cache_destroy: %s still has %lu objects", c->name, c->active_objs);
	spin_lock_irqsave(&slab_lock, flags);
	list_del(&c->list);
	spin_unlock_irqrestore(&slab_lock, flags);
	kmem_cache_free(&cache_cache, c);
}

/* The smallest kmalloc cache for size (1 ... KMALLOC_MAX_CACHE_SIZE). */
static int kmalloc_index(size_t size)
{
	int i = 5;                      /* kmalloc-256 */

	if (size <= 192)
		return kmalloc_small_index[(size - 1) / 16];
	while (kmalloc_sizes[i] < size)
		i++;
	return i;
}

static unsigned int order_for(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/*
 * kmalloc - size bytes of memory, aligned to at least 16 bytes.
 *
 * Context: any; does not sleep.
 * Return: the memory, NULL for size 0 or when memory runs out.
 */
void *kmalloc(size_t size, gfp_t gfp)
{
	if (size == 0)
		return NULL;
	if (size <= KMALLOC_MAX_CACHE_SIZE)
		return kmem_cache_alloc(&kmalloc_caches[kmalloc_index(size)], gfp);

	unsigned int order = order_for(size);
	if (order >= MAX_ORDER)
		return NULL;
	struct page *page = alloc_pages(gfp, order);
	return page ? page_address(page) : NULL;
}

/* kzalloc - kmalloc, zeroed. */
void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/* kcalloc - an array of n zeroed elements; NULL if n * size overflows. */
void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kzalloc(bytes, gfp);
}

/*
 * kstrdup - a kmalloc'd copy of the string s, of its length.
 *
 * Context: any; does not sleep.
 * Return: the copy, or NULL when memory runs out.
 */
char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len = strlen(s) + 1;
	char *copy = kmalloc(len, gfp);

	if (copy)
		memcpy(copy, s, len);
	return copy;
}

/*
 * kfree - free memory from kmalloc; NULL is ignored.
 *
 * Context: any. Panics on a pointer kmalloc did not return, or a double free.
 */
void kfree(const void *ptr)
{
	if (!ptr)
		return;
	struct page *page = virt_to_page(ptr);

	if (page->flags & PG_slab) {
		struct slab *s = page->slab;
		unsigned long flags;

		spin_lock_irqsave(&slab_lock, flags);
		__slab_free(s->cache, s, (void *)ptr);
		spin_unlock_irqrestore(&slab_lock, flags);
		return;
	}
	if ((page->flags & PG_head) && ptr == page_address(page)) {
		__free_pages(page, page->order);
		return;
	}
	if (page->flags & (PG_buddy | PG_hot))
		panic("kfree: double free of %p (its pages are already free)", ptr);
	panic("kfree: %p was not allocated by kmalloc", ptr);
}

/* ksize - the usable size of a kmalloc'd block. */
size_t ksize(const void *ptr)
{
	struct page *page = virt_to_page(ptr);

	if (page->flags & PG_slab)
		return ((struct slab *)page->slab)->cache->object_size;
	return PAGE_SIZE << page->order;
}

/*
 * kmem_cache_init - set up the kmalloc caches.
 *
 * Context: boot, after page_alloc_init().
 */
void kmem_cache_init(void)
{
	cache_setup(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 8);
	for (int i = 0; i < NR_KMALLOC; i++)
		cache_setup(&kmalloc_caches[i], kmalloc_names[i], kmalloc_sizes[i], 16);
}

/*
 * slab_nr_pages - the pages the caches' slabs take (/proc/meminfo's Slab).
 * kmalloc's whole-page allocations are not counted, as Linux's are not.
 *
 * Context: any.
 */
unsigned long slab_nr_pages(void)
{
	struct kmem_cache *c;
	unsigned long flags, pages = 0;

	spin_lock_irqsave(&slab_lock, flags);
	list_for_each_entry(c, &cache_list, list)
		pages += c->nr_slabs << c->order;
	spin_unlock_irqrestore(&slab_lock, flags);
	return pages;
}
