/*
 * DOC: memblock, the boot-time memory allocator (Linux: mm/memblock.c)
 *
 * Before struct pages exist there is no buddy allocator, yet boot code must
 * allocate (page tables, mem_map itself). memblock keeps two sorted,
 * non-overlapping lists of physical ranges:
 *
 *   memory:    [  RAM  ]   [        RAM         ]      what exists
 *   reserved:  [r]           [kernel][r]    [r]        what is taken
 *   free:        [    ]   [ ]        [  ]   [  ]       memory - reserved
 *
 * Allocation searches the free ranges, top-down by default (high addresses
 * first, keeping low memory for whoever needs it), and reserves what it
 * found. Touching regions with the same flags and node merge; removing the
 * middle of a region splits it. Each list starts in a static array of 128
 * regions; once memblock_allow_resize() is called (the kernel's page tables
 * map what memblock hands out) a full array doubles into memory memblock
 * allocates from itself.
 *
 * Later, memblock_free_all() gives every free range to the buddy allocator
 * and memblock is done.
 *
 * An empty list is not cnt 0 but, as in Linux, one dummy region {0, 0}
 * with cnt 1, so regions[0] and regions[cnt - 1] always exist: the
 * iterators and memblock_dump() see the dummy too.
 *
 * Differs from Linux: memblock_trim_memory() keeps total_size right (Linux's
 * leaves the untrimmed size, so its "memory size =" line counts the trimmed
 * bytes too). There is one node (0), as in a non-NUMA Linux. The static
 * arrays and any doubled ones stay after boot (Linux's memblock_discard()
 * frees the doubled ones; the shell and the tests still read them), and
 * memblock_reset() puts the static ones back for the next test. The
 * memblock_alloc*() callers check for NULL where Linux's panic.
 */
#include <asm/page_types.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/memblock.h>
#include <linux/memory_hotplug.h>
#include <linux/string.h>

static struct memblock_region memblock_memory_init_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region memblock_reserved_init_regions[INIT_MEMBLOCK_REGIONS];

// cnt 1: regions[0], all zero, is the empty dummy entry.
struct memblock memblock = {
    .bottom_up = false,
    .current_limit = MEMBLOCK_ALLOC_ANYWHERE,
    .memory = {1, INIT_MEMBLOCK_REGIONS, 0, memblock_memory_init_regions, "memory"},
    .reserved = {1, INIT_MEMBLOCK_REGIONS, 0, memblock_reserved_init_regions, "reserved"},
};

unsigned long max_pfn, max_low_pfn;
bool memblock_debug;
static bool memblock_can_resize;

#define memblock_dbg(fmt, ...)                                                                     \
	do {                                                                                       \
		if (memblock_debug)                                                                \
			pr_info(fmt, ##__VA_ARGS__);                                               \
	} while (0)

static int __init early_memblock(char *p)
{
	if (p && strstr(p, "debug"))
		memblock_debug = true;
	return 0;
}
early_param("memblock", early_memblock);

// Back to the static state (Linux's tests: reset_memblock_regions()).
void memblock_reset(void)
{
	memset(memblock_memory_init_regions, 0, sizeof(memblock_memory_init_regions));
	memset(memblock_reserved_init_regions, 0, sizeof(memblock_reserved_init_regions));
	memblock.memory = {1, INIT_MEMBLOCK_REGIONS, 0, memblock_memory_init_regions, "memory"};
	memblock.reserved = {1, INIT_MEMBLOCK_REGIONS, 0, memblock_reserved_init_regions,
			     "reserved"};
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_can_resize = false;
}

// Shrinks size so that base + size does not wrap past the top of phys_addr_t.
static phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	return *size = min(*size, PHYS_ADDR_MAX - base);
}

static bool memblock_addrs_overlap(phys_addr_t b1, phys_addr_t s1, phys_addr_t b2, phys_addr_t s2)
{
	return b1 < b2 + s2 && b2 < b1 + s1;
}

bool memblock_overlaps_region(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	memblock_cap_size(base, &size);
	for (unsigned long i = 0; i < type->cnt; i++)
		if (memblock_addrs_overlap(base, size, type->regions[i].base,
					   type->regions[i].size))
			return true;
	return false;
}

// --- the region arrays -------------------------------------------------------

static void memblock_insert_region(struct memblock_type *type, unsigned long idx, phys_addr_t base,
				   phys_addr_t size, int nid, enum memblock_flags flags)
{
	struct memblock_region *rgn = &type->regions[idx];
	BUG_ON(type->cnt >= type->max);
	memmove(rgn + 1, rgn, (type->cnt - idx) * sizeof(*rgn));
	*rgn = {base, size, flags, nid};
	type->cnt++;
	type->total_size += size;
}

static void memblock_remove_region(struct memblock_type *type, unsigned long idx)
{
	type->total_size -= type->regions[idx].size;
	memmove(&type->regions[idx], &type->regions[idx + 1],
		(type->cnt - (idx + 1)) * sizeof(type->regions[idx]));
	type->cnt--;
	if (type->cnt == 0) { // the last one went: back to the dummy
		WARN_ON(type->total_size != 0);
		type->cnt = 1;
		type->regions[0] = {0, 0, MEMBLOCK_NONE, MAX_NUMNODES};
	}
}

// Joins neighbours that touch and have the same node and flags.
static void memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;
	while (i + 1 < type->cnt) { // cnt is never below 1
		struct memblock_region *cur = &type->regions[i], *next = cur + 1;
		if (cur->base + cur->size != next->base || cur->nid != next->nid ||
		    cur->flags != next->flags) {
			BUG_ON(cur->base + cur->size > next->base);
			i++;
			continue;
		}
		cur->size += next->size;
		memmove(next, next + 1, (type->cnt - (i + 2)) * sizeof(*next));
		type->cnt--;
	}
}

static bool memblock_is_static_array(const struct memblock_region *r)
{
	return r == memblock_memory_init_regions || r == memblock_reserved_init_regions;
}

/*
 * Doubles type's array (Linux: memblock_double_array). The new array comes
 * from memblock itself, outside [avoid_start, avoid_start + avoid_size) (the
 * range being added, which is not reserved yet), and is reserved; the old
 * one is freed unless it is the static initial array.
 */
static int memblock_double_array(struct memblock_type *type, phys_addr_t avoid_start,
				 phys_addr_t avoid_size)
{
	phys_addr_t old_size = type->max * sizeof(struct memblock_region);
	phys_addr_t new_size = old_size * 2, new_alloc = ALIGN(new_size, PAGE_SIZE);
	if (!memblock_can_resize) {
		pr_err("memblock: %s array is full (%lu regions) and cannot grow yet\n", type->name,
		       type->max);
		return -ENOMEM;
	}
	if (type != &memblock.reserved)
		avoid_start = avoid_size = 0;
	phys_addr_t addr = memblock_find_in_range(avoid_start + avoid_size, memblock.current_limit,
						  new_alloc, PAGE_SIZE);
	if (!addr && avoid_size)
		addr = memblock_find_in_range(0, min(avoid_start, memblock.current_limit),
					      new_alloc, PAGE_SIZE);
	if (!addr) {
		pr_err("memblock: Failed to double %s array from %ld to %ld entries !\n",
		       type->name, type->max, type->max * 2);
		return -ENOMEM;
	}
	phys_addr_t new_end = addr + new_size - 1;
	memblock_dbg("memblock: %s is doubled to %ld at [%pa-%pa]", type->name, type->max * 2,
		     &addr, &new_end);
	struct memblock_region *old = type->regions, *neu = (struct memblock_region *)__va(addr);
	memcpy(neu, old, old_size);
	memset(neu + type->max, 0, old_size);
	type->regions = neu;
	type->max *= 2;
	if (!memblock_is_static_array(old))
		memblock_free(old, ALIGN(old_size, PAGE_SIZE));
	BUG_ON(memblock_reserve(addr, new_alloc));
	return 0;
}

void memblock_allow_resize(void) { memblock_can_resize = true; }

// --- adding and removing ranges ------------------------------------------------

/*
 * One pass of memblock_add_range: walks the regions overlapping
 * [base, end) and finds the pieces of it not covered yet; inserts them when
 * insert is set. Returns how many pieces there are.
 */
static int memblock_add_pieces(struct memblock_type *type, phys_addr_t base, phys_addr_t end,
			       int nid, enum memblock_flags flags, bool insert)
{
	int nr_new = 0;
	unsigned long idx;
	for (idx = 0; idx < type->cnt; idx++) {
		struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t rbase = rgn->base, rend = rbase + rgn->size;
		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		if (rbase > base) { // the gap below this region is new
			nr_new++;
			if (insert)
				memblock_insert_region(type, idx++, base, rbase - base, nid, flags);
		}
		base = min(rend, end);
	}
	if (base < end) {
		nr_new++;
		if (insert)
			memblock_insert_region(type, idx, base, end - base, nid, flags);
	}
	return nr_new;
}

// Adds [base, base+size) to type; parts already there keep their flags.
static int memblock_add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size,
			      int nid, enum memblock_flags flags)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	if (!size)
		return 0;
	if (type->regions[0].size == 0) { // empty: the dummy becomes the region
		WARN_ON(type->cnt != 1 || type->total_size);
		type->regions[0] = {base, size, flags, nid};
		type->total_size = size;
		return 0;
	}
	int nr_new = memblock_add_pieces(type, base, end, nid, flags, false);
	if (!nr_new)
		return 0;
	while (type->cnt + nr_new > type->max)
		if (memblock_double_array(type, base, size) < 0)
			return -ENOMEM;
	memblock_add_pieces(type, base, end, nid, flags, true);
	memblock_merge_regions(type);
	return 0;
}

/*
 * Splits regions at base and base+size, so that [base, base+size) is made of
 * whole regions, [*start_rgn, *end_rgn) (Linux: memblock_isolate_range).
 */
static int memblock_isolate_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size,
				  unsigned long *start_rgn, unsigned long *end_rgn)
{
	*start_rgn = *end_rgn = 0;
	if (!size)
		return 0;
	phys_addr_t end = base + memblock_cap_size(base, &size);
	while (type->cnt + 2 > type->max) // at most two splits
		if (memblock_double_array(type, base, size) < 0)
			return -ENOMEM;
	for (unsigned long idx = 0; idx < type->cnt; idx++) {
		struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t rbase = rgn->base, rend = rbase + rgn->size;
		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		if (rbase < base) { // sticks out below: split off the lower part
			rgn->base = base;
			rgn->size -= base - rbase;
			type->total_size -= base - rbase;
			memblock_insert_region(type, idx, rbase, base - rbase, rgn->nid,
					       rgn->flags);
		} else if (rend > end) { // sticks out above: split, look at the lower half again
			rgn->base = end;
			rgn->size -= end - rbase;
			type->total_size -= end - rbase;
			memblock_insert_region(type, idx--, rbase, end - rbase, rgn->nid,
					       rgn->flags);
		} else {
			if (!*end_rgn)
				*start_rgn = idx;
			*end_rgn = idx + 1;
		}
	}
	return 0;
}

static int memblock_remove_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	unsigned long start_rgn, end_rgn;
	int ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	for (unsigned long i = end_rgn; i-- > start_rgn;)
		memblock_remove_region(type, i);
	return 0;
}

static void memblock_trace(const char *fn, phys_addr_t base, phys_addr_t size, void *caller)
{
	phys_addr_t end = base + size - 1;
	memblock_dbg("%s: [%pa-%pa] %pS\n", fn, &base, &end, caller);
}

// Adds [base, base + size) to memory on node nid with flags, merging with
// touching regions. 0, or -ENOMEM if the array is full and cannot grow.
// Context: boot only, before memblock_free_all(); no locks, interrupts on or off.
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid, enum memblock_flags flags)
{
	memblock_trace(__func__, base, size, __builtin_return_address(0));
	return memblock_add_range(&memblock.memory, base, size, nid, flags);
}

// memblock_add_node() on node 0 with no flags: RAM the firmware reported.
int memblock_add(phys_addr_t base, phys_addr_t size)
{
	memblock_trace(__func__, base, size, __builtin_return_address(0));
	return memblock_add_range(&memblock.memory, base, size, 0, MEMBLOCK_NONE);
}

// Takes [base, base + size) out of memory, splitting regions at the edges.
// 0, or -ENOMEM if a split found the array full. Context: as memblock_add().
int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	memblock_trace(__func__, base, size, __builtin_return_address(0));
	return memblock_remove_range(&memblock.memory, base, size);
}

// Marks [base, base + size) taken; allocations and memblock_free_all() skip
// it. 0, or -ENOMEM if the array is full and cannot grow. Context: boot only.
int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	memblock_trace(__func__, base, size, __builtin_return_address(0));
	return memblock_add_range(&memblock.reserved, base, size, 0, MEMBLOCK_NONE);
}

// Gives back a reserved physical range (Linux: memblock_phys_free); 0, or
// -ENOMEM if a split found the array full. Context: boot only.
int memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	memblock_trace(__func__, base, size, __builtin_return_address(0));
	kmemleak_free_part_phys(base, size);
	return memblock_remove_range(&memblock.reserved, base, size);
}

// The same for a direct-map address from memblock_alloc*(); NULL is a no-op.
void memblock_free(void *ptr, size_t size)
{
	if (ptr)
		memblock_phys_free(__pa(ptr), size);
}

// Sets or clears a flag on the memory in [base, base+size).
static int memblock_setclr_flag(phys_addr_t base, phys_addr_t size, bool set,
				enum memblock_flags flag)
{
	struct memblock_type *type = &memblock.memory;
	unsigned long start_rgn, end_rgn;
	int ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	for (unsigned long i = start_rgn; i < end_rgn; i++) {
		struct memblock_region *r = &type->regions[i];
		r->flags = (enum memblock_flags)(set ? (r->flags | flag) : (r->flags & ~flag));
	}
	memblock_merge_regions(type);
	return 0;
}

int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, true, MEMBLOCK_NOMAP);
}

int memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, false, MEMBLOCK_NOMAP);
}

int memblock_set_node(phys_addr_t base, phys_addr_t size, struct memblock_type *type, int nid)
{
	unsigned long start_rgn, end_rgn;
	int ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	for (unsigned long i = start_rgn; i < end_rgn; i++)
		type->regions[i].nid = nid;
	memblock_merge_regions(type);
	return 0;
}

// Rounds every memory region inward to align; drops regions that vanish.
void memblock_trim_memory(phys_addr_t align)
{
	struct memblock_type *type = &memblock.memory;
	for (unsigned long i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];
		phys_addr_t start = ALIGN(r->base, align),
			    end = ALIGN_DOWN(r->base + r->size, align);
		if (start == r->base && end == r->base + r->size) // aligned, or the dummy
			continue;
		if (start < end) {
			type->total_size -= r->size - (end - start);
			r->base = start;
			r->size = end - start;
		} else {
			memblock_remove_region(type, i--);
		}
	}
}

// --- walking free memory ---------------------------------------------------

/*
 * Memory regions a request with flags does not get: other nodes;
 * hotpluggable memory when movable_node keeps it for ZONE_MOVABLE; plain
 * memory when mirrored memory is asked for; NOMAP and driver-managed memory
 * unless asked for. Regions of any other type (reserved) are never skipped.
 */
static bool should_skip_region(const struct memblock_type *type, const struct memblock_region *m,
			       int nid, enum memblock_flags flags)
{
	if (type != &memblock.memory)
		return false;
	if (nid != NUMA_NO_NODE && nid != m->nid)
		return true;
	if (movable_node_is_enabled() && (m->flags & MEMBLOCK_HOTPLUG) &&
	    !(flags & MEMBLOCK_HOTPLUG))
		return true;
	if ((flags & MEMBLOCK_MIRROR) && !(m->flags & MEMBLOCK_MIRROR))
		return true;
	if (!(flags & MEMBLOCK_NOMAP) && (m->flags & MEMBLOCK_NOMAP))
		return true;
	return !(flags & MEMBLOCK_DRIVER_MANAGED) && (m->flags & MEMBLOCK_DRIVER_MANAGED);
}

// Gap j of type_b: the space between its regions j-1 and j (0 and the top of
// the address space at the ends).
static void gap_of(const struct memblock_type *b, unsigned long j, phys_addr_t *start,
		   phys_addr_t *end)
{
	*start = j ? b->regions[j - 1].base + b->regions[j - 1].size : 0;
	*end = j < b->cnt ? b->regions[j].base : PHYS_ADDR_MAX;
}

static void set_out(phys_addr_t start, phys_addr_t end, int nid, phys_addr_t *out_start,
		    phys_addr_t *out_end, int *out_nid)
{
	if (out_start)
		*out_start = start;
	if (out_end)
		*out_end = end;
	if (out_nid)
		*out_nid = nid;
}

/*
 * The next range of type_a, cut by the gaps of type_b when there is one
 * (memory minus reserved), from low to high. Both lists are sorted, so one
 * step advances whichever of the two current ranges ends first.
 */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags, struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start, phys_addr_t *out_end,
		      int *out_nid)
{
	unsigned long ia = (u32)*idx, ib = *idx >> 32;
	for (; ia < type_a->cnt; ia++) {
		const struct memblock_region *m = &type_a->regions[ia];
		phys_addr_t m_start = m->base, m_end = m->base + m->size;
		if (should_skip_region(type_a, m, nid, flags))
			continue;
		if (!type_b) {
			set_out(m_start, m_end, m->nid, out_start, out_end, out_nid);
			*idx = (u32)(ia + 1);
			return;
		}
		for (; ib < type_b->cnt + 1; ib++) {
			phys_addr_t r_start, r_end;
			gap_of(type_b, ib, &r_start, &r_end);
			if (r_start >= m_end) // this gap is past m: try the next m
				break;
			if (m_start < r_end) {
				set_out(max(m_start, r_start), min(m_end, r_end), m->nid, out_start,
					out_end, out_nid);
				if (m_end <= r_end)
					ia++;
				else
					ib++;
				*idx = (u32)ia | (u64)ib << 32;
				return;
			}
		}
	}
	*idx = ULLONG_MAX;
}

// The same, from high to low. *idx == ULLONG_MAX starts at the top; after
// that it holds both indexes plus one, so that -1 ("below the first") fits.
static u64 rev_idx(long ia, long ib) { return (u64)(ia + 1) | (u64)(ib + 1) << 32; }

void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a, struct memblock_type *type_b,
			  phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid)
{
	long ia = (long)type_a->cnt - 1, ib = type_b ? (long)type_b->cnt : 0;
	if (*idx != ULLONG_MAX) {
		ia = (long)(u32)*idx - 1;
		ib = (long)(*idx >> 32) - 1;
	}
	for (; ia >= 0; ia--) {
		const struct memblock_region *m = &type_a->regions[ia];
		phys_addr_t m_start = m->base, m_end = m->base + m->size;
		if (should_skip_region(type_a, m, nid, flags))
			continue;
		if (!type_b) {
			set_out(m_start, m_end, m->nid, out_start, out_end, out_nid);
			*idx = rev_idx(ia - 1, ib);
			return;
		}
		for (; ib >= 0; ib--) {
			phys_addr_t r_start, r_end;
			gap_of(type_b, ib, &r_start, &r_end);
			if (r_end <= m_start) // this gap is below m: try the next m down
				break;
			if (m_end > r_start) {
				set_out(max(m_start, r_start), min(m_end, r_end), m->nid, out_start,
					out_end, out_nid);
				if (m_start >= r_start)
					ia--;
				else
					ib--;
				*idx = rev_idx(ia, ib);
				return;
			}
		}
	}
	*idx = ULLONG_MAX;
}

// --- allocation ----------------------------------------------------------------

// The highest free, aligned range of size bytes in [start, end), or 0.
static phys_addr_t __memblock_find_range_top_down(phys_addr_t start, phys_addr_t end,
						  phys_addr_t size, phys_addr_t align, int nid,
						  enum memblock_flags flags)
{
	phys_addr_t this_start, this_end;
	u64 i;
	for_each_free_mem_range_reverse(i, nid, flags, &this_start, &this_end, nullptr) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);
		if (this_end < size)
			continue;
		phys_addr_t cand = ALIGN_DOWN(this_end - size, align);
		if (cand >= this_start)
			return cand;
	}
	return 0;
}

// The lowest free, aligned range of size bytes in [start, end), or 0.
static phys_addr_t __memblock_find_range_bottom_up(phys_addr_t start, phys_addr_t end,
						   phys_addr_t size, phys_addr_t align, int nid,
						   enum memblock_flags flags)
{
	phys_addr_t this_start, this_end;
	u64 i;
	for_each_free_mem_range(i, nid, flags, &this_start, &this_end, nullptr) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);
		phys_addr_t cand = ALIGN(this_start, align);
		if (cand >= this_start && cand < this_end && this_end - cand >= size)
			return cand;
	}
	return 0;
}

/*
 * A free, aligned range of size bytes inside [start, end), or 0. Page 0 is
 * never handed out (0 means failure, and real-mode leftovers live there).
 * Linux: memblock_find_in_range_node.
 */
static phys_addr_t memblock_find_in_range_node(phys_addr_t size, phys_addr_t align,
					       phys_addr_t start, phys_addr_t end, int nid,
					       enum memblock_flags flags)
{
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE)
		end = memblock.current_limit;
	start = max<phys_addr_t>(start, PAGE_SIZE);
	end = max(start, end);
	if (memblock.bottom_up)
		return __memblock_find_range_bottom_up(start, end, size, align, nid, flags);
	return __memblock_find_range_top_down(start, end, size, align, nid, flags);
}

// A free aligned range of size in [start, end), not reserved: 0 if none.
// Context: boot only.
phys_addr_t memblock_find_in_range(phys_addr_t start, phys_addr_t end, phys_addr_t size,
				   phys_addr_t align)
{
	return memblock_find_in_range_node(size, align, start, end, NUMA_NO_NODE, MEMBLOCK_NONE);
}

// Finds and reserves size bytes in [start, end), on nid first unless
// exact_nid; 0 on failure (align 0 warns and uses 64). Context: boot only.
phys_addr_t memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align, phys_addr_t start,
				     phys_addr_t end, int nid, bool exact_nid)
{
	if (!align) {
		WARN(1, "memblock: align=0: use SMP_CACHE_BYTES\n");
		align = 64;
	}
	phys_addr_t found =
	    memblock_find_in_range_node(size, align, start, end, nid, MEMBLOCK_NONE);
	if (found && !memblock_reserve(found, size)) {
		kmemleak_alloc_phys(found, size, (gfp_t)0); // never reported: see kmemleak.h
		return found;
	}
	if (nid != NUMA_NO_NODE && !exact_nid) // any node will do
		return memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE, false);
	return 0;
}

// Physical allocations: the base address, or 0 when nothing fits. The
// memory is not cleared. Context: boot only.
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align, phys_addr_t start,
				      phys_addr_t end)
{
	memblock_dbg("%s: %llu bytes align=0x%llx from=%pa max_addr=%pa %pS\n", __func__, (u64)size,
		     (u64)align, &start, &end, __builtin_return_address(0));
	return memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE, false);
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE);
}

// Below current_limit; if nothing fits above min_addr, anywhere below max_addr.
static void *memblock_alloc_internal(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
				     phys_addr_t max_addr, int nid)
{
	if (max_addr > memblock.current_limit)
		max_addr = memblock.current_limit;
	phys_addr_t alloc = memblock_alloc_range_nid(size, align, min_addr, max_addr, nid, false);
	if (!alloc && min_addr)
		alloc = memblock_alloc_range_nid(size, align, 0, max_addr, nid, false);
	return alloc ? __va(alloc) : nullptr;
}

static void trace_alloc(const char *fn, phys_addr_t size, phys_addr_t align, int nid,
			phys_addr_t min_addr, phys_addr_t max_addr, void *caller)
{
	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS\n", fn,
		     (u64)size, (u64)align, nid, &min_addr, &max_addr, caller);
}

// Virtual allocations below current_limit, a min_addr that cannot be met
// dropped: the direct-map address (zeroed, or uncleared for _raw), or NULL.
// Linux panics in the memblock_alloc() callers; ours check. Context: boot only.
void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
				 phys_addr_t max_addr, int nid)
{
	trace_alloc(__func__, size, align, nid, min_addr, max_addr, __builtin_return_address(0));
	return memblock_alloc_internal(size, align, min_addr, max_addr, nid);
}

void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
			     phys_addr_t max_addr, int nid)
{
	trace_alloc(__func__, size, align, nid, min_addr, max_addr, __builtin_return_address(0));
	void *ptr = memblock_alloc_internal(size, align, min_addr, max_addr, nid);
	if (ptr)
		memset(ptr, 0, size);
	return ptr;
}

void memblock_set_current_limit(phys_addr_t limit) { memblock.current_limit = limit; }
phys_addr_t memblock_get_current_limit(void) { return memblock.current_limit; }
void memblock_set_bottom_up(bool enable) { memblock.bottom_up = enable; }
bool memblock_bottom_up(void) { return memblock.bottom_up; }

// --- queries -----------------------------------------------------------------

phys_addr_t memblock_phys_mem_size(void) { return memblock.memory.total_size; }
phys_addr_t memblock_reserved_size(void) { return memblock.reserved.total_size; }

// With no memory both are 0: the dummy's.
phys_addr_t memblock_start_of_DRAM(void) { return memblock.memory.regions[0].base; }

phys_addr_t memblock_end_of_DRAM(void)
{
	const struct memblock_region *last = &memblock.memory.regions[memblock.memory.cnt - 1];
	return last->base + last->size;
}

// Index of the region containing addr, or -1 (binary search: lists are sorted).
static long memblock_search(const struct memblock_type *type, phys_addr_t addr)
{
	long lo = 0, hi = (long)type->cnt;
	while (lo < hi) {
		long mid = (lo + hi) / 2;
		const struct memblock_region *r = &type->regions[mid];
		if (addr < r->base)
			hi = mid;
		else if (addr - r->base >= r->size)
			lo = mid + 1;
		else
			return mid;
	}
	return -1;
}

bool memblock_is_memory(phys_addr_t addr) { return memblock_search(&memblock.memory, addr) != -1; }
bool memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != -1;
}

bool memblock_is_map_memory(phys_addr_t addr)
{
	long i = memblock_search(&memblock.memory, addr);
	return i != -1 && !(memblock.memory.regions[i].flags & MEMBLOCK_NOMAP);
}

bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	long i = memblock_search(&memblock.memory, base);
	memblock_cap_size(base, &size);
	if (i == -1)
		return false;
	const struct memblock_region *r = &memblock.memory.regions[i];
	return r->base + r->size >= base + size;
}

bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	return memblock_overlaps_region(&memblock.reserved, base, size);
}

// --- the dump ------------------------------------------------------------------

// An empty list's dummy prints as Linux prints it, ending at base + size - 1:
// [0x00000000-0xffffffff], 0x00000000 bytes.
static void memblock_dump(const struct memblock_type *type)
{
	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);
	for (unsigned long i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];
		phys_addr_t base = r->base, size = r->size, end = base + size - 1;
		pr_info(" %s[%#x]\t[%pa-%pa], %pa bytes flags: %#x\n", type->name, (unsigned)i,
			&base, &end, &size, (unsigned)r->flags);
	}
}

void memblock_dump_all(void)
{
	if (!memblock_debug)
		return;
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = %pa reserved size = %pa\n", &memblock.memory.total_size,
		&memblock.reserved.total_size);
	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
}
