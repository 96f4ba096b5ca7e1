/*
 * slab.h - allocating small objects: kmalloc/kfree and named object
 * caches (kmem_cache), with Linux's API.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include "lib/list.h"
#include "lib/types.h"
#include "mm/page_alloc.h"

#define KMALLOC_MIN_SIZE        16
#define KMALLOC_MAX_CACHE_SIZE  2048    /* larger requests take whole pages */
#define SLAB_MAX_OBJECTS        256

#define POISON_INUSE    0x5a    /* fresh kmalloc memory (debug builds) */
#define POISON_FREE     0x6b    /* freed memory (debug builds) */

struct kmem_cache {
	const char *name;
	unsigned int object_size;       /* what the user asked for */
	unsigned int size;              /* object_size rounded to the alignment */
	unsigned int align;
	unsigned int order;             /* each slab is 2^order pages */
	unsigned int objects;           /* objects per slab */
	unsigned int offset;            /* of the first object in the slab */
	struct list_head partial;       /* slabs with free and used objects */
	struct list_head full;          /* slabs with no free object */
	/* slab_lock (mm/slab.c) guards the lists above and these counters: */
	unsigned long active_objs;      /* allocated right now */
	unsigned long nr_slabs;
	struct list_head list;          /* all caches */
};

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align);
void kmem_cache_destroy(struct kmem_cache *cache);
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *cache, void *obj);
void kmem_cache_init(void);
void idr_node_cache_init(void);        /* mm/idr_alloc.c */

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
char *kstrdup(const char *s, gfp_t gfp);
void kfree(const void *ptr);
size_t ksize(const void *ptr);
unsigned long slab_nr_pages(void);

#endif /* MM_SLAB_H */
