#pragma once
/*
 * A typed object pool over a dedicated slab cache: the course notes' "memory
 * pool" and a Linux kmem_cache as one thing. create() constructs a T in a
 * fresh object with placement new; destroy() runs ~T and frees the object.
 *
 *   static KmemPool<vmap_area> vmap_area_pool;     // no constructor runs at boot
 *   vmap_area_pool.init("vmap_area");               // the cache: see slabinfo
 *   vmap_area *va = vmap_area_pool.create(GFP_KERNEL, start, size);
 *   vmap_area_pool.destroy(va);
 */
#include <new>

#include <linux/slab.h>

template <typename T> class KmemPool
{
      public:
	// Creates the cache (SLAB_PANIC: a kernel pool that cannot exist is fatal).
	void init(const char *name, slab_flags_t flags = SLAB_HWCACHE_ALIGN)
	{
		cache_ =
		    kmem_cache_create(name, sizeof(T), alignof(T), flags | SLAB_PANIC, nullptr);
	}

	template <typename... Args> [[nodiscard]] T *create(gfp_t gfp, Args &&...args)
	{
		void *mem = kmem_cache_alloc(cache_, gfp & ~__GFP_ZERO);
		return mem ? new (mem) T(static_cast<Args &&>(args)...) : nullptr;
	}

	void destroy(T *obj)
	{
		if (!obj)
			return;
		obj->~T();
		kmem_cache_free(cache_, obj);
	}

	// init without SLAB_PANIC, for a pool whose user can do without it
	// (a test under fault injection); false if the cache could not be made.
	[[nodiscard]] bool try_init(const char *name, slab_flags_t flags = SLAB_HWCACHE_ALIGN)
	{
		cache_ = kmem_cache_create(name, sizeof(T), alignof(T), flags, nullptr);
		return cache_ != nullptr;
	}

	struct kmem_cache *cache() const { return cache_; }

      private:
	struct kmem_cache *cache_ = nullptr;
};
