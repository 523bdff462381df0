#pragma once
/*
 * struct kmem_cache as SLUB lays it out (Linux: include/linux/slub_def.h).
 *
 * One object slot, with every debug option on:
 *
 *   | left red | object        | right red | free | alloc | free  | orig | pad |
 *   | zone     | (object_size) | zone      | ptr  | track | track | size |     |
 *   |<-------->|<------- inuse ---------->|
 *   red_left_pad
 *   |<------------------------------- size ------------------------------>|
 *
 * Without debugging a slot is just the object, with the free pointer stored
 * inside it (at `offset`) while the object is free.
 *
 * Differs from Linux: cpu_slab is an array of NR_CPUS (Linux: a __percpu
 * pointer), node[] has one entry, and a slab's state lives in its head
 * struct page (freelist, inuse, objects, frozen), not a struct slab.
 */
#include <asm/percpu.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct kmem_cache_cpu {
	void **freelist;	  // the next free object of `slab`
	unsigned long tid;	  // transaction id: lets SMP detect a racing CPU later
	struct page *slab;	  // the slab this CPU allocates from (frozen)
	struct list_head partial; // more frozen slabs with free objects
	unsigned int nr_partial;
};

struct kmem_cache_node {
	spinlock_t list_lock; // partial and full, and nr_partial (Linux: the same)
	unsigned long nr_partial;
	struct list_head partial; // slabs with free objects, not owned by a CPU
	struct list_head full;	  // slabs with none (tracked only when debugging)
	unsigned long nr_slabs;
	unsigned long total_objects;
};

// order << 16 | objects per slab
struct kmem_cache_order_objects {
	unsigned int x;
};

struct kmem_cache {
	struct kmem_cache_cpu cpu_slab[NR_CPUS];
	slab_flags_t flags;
	unsigned long min_partial;	// keep this many partial slabs before freeing empty ones
	unsigned int size;		// the slot, metadata included
	unsigned int object_size;	// what the caller asked for
	unsigned int offset;		// of the free pointer in the slot
	unsigned int cpu_partial_slabs; // frozen partial slabs a CPU keeps
	struct kmem_cache_order_objects oo;  // preferred slab order and objects
	struct kmem_cache_order_objects min; // the smallest that fits one object
	unsigned long order_fallback; // slabs of order min: oo failed (Linux: ORDER_FALLBACK)
	gfp_t allocflags;
	int refcount;
	void (*ctor)(void *);
	unsigned int inuse; // object + right red zone (where metadata starts)
	unsigned int align;
	unsigned int red_left_pad;
	const char *name;
	struct list_head list; // all caches (slab_caches)
	unsigned long random;  // freelist pointer obfuscation
	struct kmem_cache_node *node[1];
};
