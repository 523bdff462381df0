#pragma once
/*
 * memblock: the boot-time memory allocator (Linux: include/linux/memblock.h).
 *
 * Two sorted lists of physical ranges: "memory" (what RAM exists) and
 * "reserved" (what is taken). Free memory is memory minus reserved. Boot code
 * reserves what firmware and the kernel use, allocates from the rest, and
 * later hands everything still free to the buddy allocator.
 */
#include <linux/compiler.h>
#include <linux/types.h>

#define INIT_MEMBLOCK_REGIONS 128
#define NUMA_NO_NODE (-1)
#define MAX_NUMNODES 1
#define PHYS_ADDR_MAX (~(phys_addr_t)0)

// Upper limits for the allocators: "anywhere" or "below current_limit".
#define MEMBLOCK_ALLOC_ANYWHERE (~(phys_addr_t)0)
#define MEMBLOCK_ALLOC_ACCESSIBLE 0
#define MEMBLOCK_LOW_LIMIT 0

enum memblock_flags : unsigned int {
	MEMBLOCK_NONE = 0x0,
	MEMBLOCK_HOTPLUG = 0x1, // hotpluggable region
	MEMBLOCK_MIRROR = 0x2,	// mirrored region
	MEMBLOCK_NOMAP = 0x4,	// not in the kernel's direct map
	MEMBLOCK_DRIVER_MANAGED = 0x8,
};

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
	int nid;
};

struct memblock_type {
	unsigned long cnt;	// regions in use; 1 when empty (the {0, 0} dummy)
	unsigned long max;	// room in regions[]
	phys_addr_t total_size; // bytes in all regions
	struct memblock_region *regions;
	const char *name;
};

struct memblock {
	bool bottom_up;		   // allocate upwards from low addresses
	phys_addr_t current_limit; // allocations stay below this
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;
// The highest page frame of RAM, and of lowmem (Linux keeps them here too).
extern unsigned long max_pfn, max_low_pfn;
extern bool memblock_debug;

int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid, enum memblock_flags flags);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_phys_free(phys_addr_t base, phys_addr_t size);
void memblock_free(void *ptr, size_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);
int memblock_set_node(phys_addr_t base, phys_addr_t size, struct memblock_type *type, int nid);
void memblock_trim_memory(phys_addr_t align);
void memblock_allow_resize(void);

// Physical allocations: return the base address, 0 on failure.
[[nodiscard]] phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
						    phys_addr_t start, phys_addr_t end);
[[nodiscard]] phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
[[nodiscard]] phys_addr_t memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align,
						   phys_addr_t start, phys_addr_t end, int nid,
						   bool exact_nid);
phys_addr_t memblock_find_in_range(phys_addr_t start, phys_addr_t end, phys_addr_t size,
				   phys_addr_t align);

// Virtual allocations from the direct map: zeroed, or "raw" (not cleared).
// NULL on failure. A lower limit that cannot be met is dropped and the
// allocation retried from 0, as in Linux.
[[nodiscard]] void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					   phys_addr_t min_addr, phys_addr_t max_addr, int nid);
[[nodiscard]] void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
					       phys_addr_t min_addr, phys_addr_t max_addr, int nid);
// Always inlined, as in Linux, so the trace names the function that asked.
[[nodiscard]] static __always_inline void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE,
				      NUMA_NO_NODE);
}
[[nodiscard]] static __always_inline void *memblock_alloc_raw(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid_raw(size, align, MEMBLOCK_LOW_LIMIT,
					  MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}
[[nodiscard]] static __always_inline void *memblock_alloc_from(phys_addr_t size, phys_addr_t align,
							       phys_addr_t min_addr)
{
	return memblock_alloc_try_nid(size, align, min_addr, MEMBLOCK_ALLOC_ACCESSIBLE,
				      NUMA_NO_NODE);
}

void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);
void memblock_set_bottom_up(bool enable);
bool memblock_bottom_up(void);

phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);
bool memblock_overlaps_region(struct memblock_type *type, phys_addr_t base, phys_addr_t size);

void memblock_dump_all(void);
// Empties both lists and restores the static arrays (host tests, ktests).
void memblock_reset(void);

// Iterators. idx starts at 0 and ends at ULLONG_MAX; for free ranges it
// packs two region indexes (memory in the low half, reserved in the high).
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags, struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start, phys_addr_t *out_end,
		      int *out_nid);
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a, struct memblock_type *type_b,
			  phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid);

#define __for_each_mem_range(i, type_a, type_b, nid, flags, p_start, p_end, p_nid)                 \
	for (i = 0, __next_mem_range(&i, nid, flags, type_a, type_b, p_start, p_end, p_nid);       \
	     i != (u64)ULLONG_MAX;                                                                 \
	     __next_mem_range(&i, nid, flags, type_a, type_b, p_start, p_end, p_nid))
#define __for_each_mem_range_rev(i, type_a, type_b, nid, flags, p_start, p_end, p_nid)             \
	for (i = (u64)ULLONG_MAX,                                                                  \
	    __next_mem_range_rev(&i, nid, flags, type_a, type_b, p_start, p_end, p_nid);           \
	     i != (u64)ULLONG_MAX;                                                                 \
	     __next_mem_range_rev(&i, nid, flags, type_a, type_b, p_start, p_end, p_nid))

// Every memory range but NOMAP ones (hotpluggable and driver-managed too);
// an empty list gives its dummy, [0, 0).
#define for_each_mem_range(i, p_start, p_end)                                                      \
	__for_each_mem_range(i, &memblock.memory, nullptr, NUMA_NO_NODE,                           \
			     (enum memblock_flags)(MEMBLOCK_HOTPLUG | MEMBLOCK_DRIVER_MANAGED),    \
			     p_start, p_end, nullptr)
// Memory minus reserved (and minus NOMAP), low to high / high to low.
#define for_each_free_mem_range(i, nid, flags, p_start, p_end, p_nid)                              \
	__for_each_mem_range(i, &memblock.memory, &memblock.reserved, nid, flags, p_start, p_end,  \
			     p_nid)
#define for_each_free_mem_range_reverse(i, nid, flags, p_start, p_end, p_nid)                      \
	__for_each_mem_range_rev(i, &memblock.memory, &memblock.reserved, nid, flags, p_start,     \
				 p_end, p_nid)
// Every region, the dummy of an empty list too (size 0).
#define for_each_mem_region(region)                                                                \
	for (region = memblock.memory.regions;                                                     \
	     region < (memblock.memory.regions + memblock.memory.cnt); region++)
#define for_each_reserved_mem_region(region)                                                       \
	for (region = memblock.reserved.regions;                                                   \
	     region < (memblock.reserved.regions + memblock.reserved.cnt); region++)
