/*
 * DOC: KFENCE, the Kernel Electric-Fence (Linux: mm/kfence/core.c)
 *
 * A low-overhead sampling detector of heap bugs, meant to stay on in
 * production. Once per kfence.sample_interval ms one slab allocation is
 * served from a pool of pages set aside at boot, instead of from SLUB. The
 * pool is Linux's layout: (CONFIG_KFENCE_NUM_OBJECTS + 1) * 2 pages, the first
 * two and every odd page a guard page, absent from the direct map:
 *
 *   page  0      1      2      3      4      5     ...  2n+2    2n+3
 *       +------+------+------+------+------+------+     +------+------+
 *       |guard |guard | obj 0|guard | obj 1|guard | ... | obj n|guard |
 *       +------+------+------+------+------+------+     +------+------+
 *
 * Each object gets a page to itself, at its left or its right edge (chosen
 * at random); the rest of the page holds canary bytes:
 *
 *       | obj 0 page                           |guard page ...
 *       |........canary........|   object      |  (not present)
 *                                              ^ a read one byte too far faults
 *
 * A touch of a guard page faults at once: an out-of-bounds access. A freed
 * object's page is made not-present too: a use-after-free faults. The fault
 * handler (kfence_handle_page_fault) prints the report, makes the page
 * present and lets the access run, so the kernel keeps going. Bytes past the
 * object inside its page cannot fault; they are the canary, checked on free.
 *
 * Lock order: none. One CPU; the freelist and each object's state change
 * with interrupts off.
 *
 * Differs from Linux:
 *  - No timer interrupt or workqueue exists yet, so the allocation gate is
 *    not reopened by delayed work (Linux: toggle_allocation_gate). Instead
 *    the gate reopens on the clock: an allocation is sampled once
 *    kfence.sample_interval ms (local_clock()) have passed since the
 *    previous sampled one. kfence.sample_interval=0 turns KFENCE off.
 *  - No RCU: SLAB_TYPESAFE_BY_RCU objects do not exist, so frees are never
 *    deferred.
 *  - KFENCE_STACK_DEPTH is 16, not 64.
 *  - The pool cannot be enabled late (Linux: kfence_enable_late).
 */
#define pr_fmt(fmt) "kfence: " fmt

#include <asm/irqflags.h>
#include <asm/kfence.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/kstrtox.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sched_clock.h>
#include <linux/seq_buf.h>
#include <linux/stacktrace.h>
#include <linux/string.h>

#include "../slab.h"
#include "kfence.h"

char *__kfence_pool;
// Linux: CONFIG_KFENCE_SAMPLE_INTERVAL. 0, as Debian's 686 kernel is built
// (KFENCE in, off until kfence.sample_interval=; its boot log has no kfence
// line). Upstream's default, 100, would sample nearly every allocation a
// student types at the idle shell, where Linux has thousands between two.
unsigned long kfence_sample_interval = 0;
bool kfence_enabled;
struct kfence_metadata kfence_metadata[CONFIG_KFENCE_NUM_OBJECTS];

static struct kfence_metadata *kfence_freelist, *kfence_freelist_tail;
// Closed after each sampled allocation until next_gate_ns (see DOC).
static bool kfence_allocation_gate;
static u64 next_gate_ns;
// Pool fill (percent) above which allocations from already-covered stacks
// are skipped (Linux: kfence.skip_covered_thresh).
static unsigned long kfence_skip_covered_thresh = 75;
static u32 stack_hash_seed; // Linux: for jhash of allocation stacks
#define ALLOC_COVERED_HNUM 2
#define ALLOC_COVERED_ORDER 10 // ilog2(CONFIG_KFENCE_NUM_OBJECTS) + 2
#define ALLOC_COVERED_SIZE (1 << ALLOC_COVERED_ORDER)
#define ALLOC_COVERED_HNEXT(h) ((u32)(1664525 * (h) + 1013904223))
#define ALLOC_COVERED_MASK (ALLOC_COVERED_SIZE - 1)
#define UNIQUE_ALLOC_STACK_DEPTH 8
static int alloc_covered[ALLOC_COVERED_SIZE];

enum kfence_counter_id {
	KFENCE_COUNTER_ALLOCATED,
	KFENCE_COUNTER_ALLOCS,
	KFENCE_COUNTER_FREES,
	KFENCE_COUNTER_ZOMBIES,
	KFENCE_COUNTER_BUGS,
	KFENCE_COUNTER_SKIP_INCOMPAT,
	KFENCE_COUNTER_SKIP_CAPACITY,
	KFENCE_COUNTER_SKIP_COVERED,
	KFENCE_COUNTER_COUNT,
};
static long counters[KFENCE_COUNTER_COUNT];
static const char *const counter_names[] = {
    "currently allocated",
    "total allocations",
    "total frees",
    "zombie allocations",
    "total bugs",
    "skipped allocations (incompatible)",
    "skipped allocations (capacity)",
    "skipped allocations (covered)",
};
static_assert(ARRAY_SIZE(counter_names) == KFENCE_COUNTER_COUNT, "a name per counter");

// --- kfence.sample_interval= ---------------------------------------------------------------

/*
 * Linux: param_set_sample_interval, a module parameter. Linux's parse_args
 * refuses a value that is not a number with "Booting kernel: `x' invalid
 * for parameter `kfence.sample_interval'" and keeps the default; this
 * kernel's __setup handlers have no such path, so the handler prints it.
 */
static int __init param_set_sample_interval(char *val)
{
	unsigned long long num;
	if (kstrtoull(val, 0, &num) || num > (unsigned long)-1) {
		pr_err("Booting kernel: `%s' invalid for parameter `%s'\n", val,
		       "kfence.sample_interval");
		return 0;
	}
	kfence_sample_interval = (unsigned long)num; // 0: KFENCE stays off
	return 0;
}
__setup("kfence.sample_interval=", param_set_sample_interval);

// --- guard pages ---------------------------------------------------------------------------

static bool kfence_protect(unsigned long addr)
{
	bool ok = kfence_protect_page(ALIGN_DOWN(addr, PAGE_SIZE), true);
	WARN_ON(!ok);
	return ok;
}

static bool kfence_unprotect(unsigned long addr)
{
	bool ok = kfence_protect_page(ALIGN_DOWN(addr, PAGE_SIZE), false);
	WARN_ON(!ok);
	return ok;
}

static unsigned long metadata_to_pageaddr(const struct kfence_metadata *meta)
{
	long index = meta - kfence_metadata;
	return (unsigned long)__kfence_pool + (index + 1) * 2 * PAGE_SIZE;
}

// --- boot ----------------------------------------------------------------------------------

// Linux: kfence_alloc_pool, from mm_init() while memblock still hands out memory.
void __init kfence_alloc_pool(void)
{
	if (!kfence_sample_interval)
		return;
	__kfence_pool = (char *)memblock_alloc(KFENCE_POOL_SIZE, PAGE_SIZE);
	if (!__kfence_pool)
		pr_err("failed to allocate pool\n");
	else // kmemleak tracks the objects, through the slab hooks; a scan of the pool
	     // itself would read the guard pages (Linux: kfence_init_pool_early)
		kmemleak_ignore_phys(__pa(__kfence_pool));
}

static void kfence_freelist_add(struct kfence_metadata *meta)
{
	meta->next_free = nullptr;
	meta->on_freelist = true;
	if (kfence_freelist_tail)
		kfence_freelist_tail->next_free = meta;
	else
		kfence_freelist = meta;
	kfence_freelist_tail = meta;
}

static struct kfence_metadata *kfence_freelist_take(void)
{
	struct kfence_metadata *meta = kfence_freelist;
	if (!meta)
		return nullptr;
	kfence_freelist = meta->next_free;
	if (!kfence_freelist)
		kfence_freelist_tail = nullptr;
	meta->on_freelist = false;
	return meta;
}

/*
 * Linux: kfence_init_pool. Object pages are marked PG_slab, so virt_to_slab()
 * finds a KFENCE object's cache as it finds any slab object's; guard pages
 * (pages 0, 1 and every odd one) leave the direct map.
 */
static bool kfence_init_pool(void)
{
	if (!arch_kfence_init_pool())
		return false;
	// A new pool has nothing allocated (host tests set up more than one).
	kfence_freelist = kfence_freelist_tail = nullptr;
	memset(counters, 0, sizeof(counters));
	memset(alloc_covered, 0, sizeof(alloc_covered));
	for (unsigned long i = 2; i < KFENCE_POOL_SIZE / PAGE_SIZE; i += 2)
		__SetPageSlab(virt_to_page(__kfence_pool + i * PAGE_SIZE));
	unsigned long addr = (unsigned long)__kfence_pool;
	for (int i = 0; i < 2; i++, addr += PAGE_SIZE)
		if (!kfence_protect(addr))
			return false;
	for (int i = 0; i < CONFIG_KFENCE_NUM_OBJECTS; i++, addr += 2 * PAGE_SIZE) {
		struct kfence_metadata *meta = &kfence_metadata[i];
		meta->state = KFENCE_OBJECT_UNUSED;
		meta->addr = addr;
		kfence_freelist_add(meta);
		if (!kfence_protect(addr + PAGE_SIZE))
			return false;
	}
	return true;
}

// Linux: kfence_init, from start_kernel once the clock runs.
void __init kfence_init(void)
{
	stack_hash_seed = (u32)get_random_long();
	if (!kfence_sample_interval || !__kfence_pool)
		return;
	if (!kfence_init_pool()) {
		pr_err("%s failed\n", __func__);
		return;
	}
	kfence_enabled = true;
	pr_info("initialized - using %lu bytes for %d objects at 0x%p-0x%p\n", KFENCE_POOL_SIZE,
		CONFIG_KFENCE_NUM_OBJECTS, (void *)__kfence_pool,
		(void *)(__kfence_pool + KFENCE_POOL_SIZE));
}

// --- covered allocations (Linux: alloc_covered, a counting Bloom filter) --------------------

// Linux: get_alloc_stack_hash (jhash there; FNV-1a here).
static u32 get_alloc_stack_hash(const unsigned long *stack_entries, int num_entries)
{
	u32 h = 2166136261u ^ stack_hash_seed;
	num_entries = min(num_entries, UNIQUE_ALLOC_STACK_DEPTH);
	for (int i = 0; i < num_entries; i++)
		for (unsigned int b = 0; b < sizeof(long); b++)
			h = (h ^ (u8)(stack_entries[i] >> (8 * b))) * 16777619u;
	return h;
}

static void alloc_covered_add(u32 alloc_stack_hash, int val)
{
	for (int i = 0; i < ALLOC_COVERED_HNUM; i++) {
		alloc_covered[alloc_stack_hash & ALLOC_COVERED_MASK] += val;
		alloc_stack_hash = ALLOC_COVERED_HNEXT(alloc_stack_hash);
	}
}

static bool alloc_covered_contains(u32 alloc_stack_hash)
{
	for (int i = 0; i < ALLOC_COVERED_HNUM; i++) {
		if (!alloc_covered[alloc_stack_hash & ALLOC_COVERED_MASK])
			return false;
		alloc_stack_hash = ALLOC_COVERED_HNEXT(alloc_stack_hash);
	}
	return true;
}

static bool should_skip_covered(void)
{
	unsigned long thresh = kfence_skip_covered_thresh * CONFIG_KFENCE_NUM_OBJECTS / 100;
	return (unsigned long)counters[KFENCE_COUNTER_ALLOCATED] > thresh;
}

// --- allocation ----------------------------------------------------------------------------

static void metadata_update_state(struct kfence_metadata *meta, enum kfence_object_state next,
				  const unsigned long *stack_entries, int num_stack_entries)
{
	struct kfence_track *track =
	    next == KFENCE_OBJECT_FREED ? &meta->free_track : &meta->alloc_track;
	if (stack_entries) {
		memcpy(track->stack_entries, stack_entries,
		       num_stack_entries * sizeof(stack_entries[0]));
		track->num_stack_entries = num_stack_entries;
	} else {
		track->num_stack_entries =
		    (int)stack_trace_save(track->stack_entries, KFENCE_STACK_DEPTH, 1);
	}
	track->pid = current->pid;
	track->cpu = 0;
	track->ts_nsec = local_clock(); // the clock printk stamps lines with
	meta->state = next;
}

static bool set_canary_byte(u8 *addr)
{
	*addr = KFENCE_CANARY_PATTERN(addr);
	return true;
}

// Linux: check_canary_byte. Reports the first bad byte on each side.
static bool check_canary_byte(u8 *addr)
{
	if (likely(*addr == KFENCE_CANARY_PATTERN(addr)))
		return true;
	counters[KFENCE_COUNTER_BUGS]++;
	kfence_report_error((unsigned long)addr, false, nullptr,
			    addr_to_metadata((unsigned long)addr), KFENCE_ERROR_CORRUPTION);
	return false;
}

// The bytes of the object's page that are not the object (Linux: for_each_canary).
static void for_each_canary(const struct kfence_metadata *meta, bool (*fn)(u8 *))
{
	const unsigned long pageaddr = ALIGN_DOWN(meta->addr, PAGE_SIZE);
	for (unsigned long addr = pageaddr; addr < meta->addr; addr++)
		if (!fn((u8 *)addr))
			break;
	for (unsigned long addr = meta->addr + meta->size; addr < pageaddr + PAGE_SIZE; addr++)
		if (!fn((u8 *)addr))
			break;
}

// Places the object in its page: at the left edge, or at the right edge
// aligned down to the cache's alignment (a coin toss each time).
static unsigned long kfence_place(const struct kfence_metadata *meta, const struct kmem_cache *s,
				  size_t size)
{
	unsigned long addr = metadata_to_pageaddr(meta);
	if (get_random_long() & 1)
		addr = ALIGN_DOWN(addr + PAGE_SIZE - size, s->align);
	return addr;
}

// Linux: kfence_guarded_alloc.
static void *kfence_guarded_alloc(struct kmem_cache *s, size_t size, gfp_t gfp,
				  const unsigned long *stack_entries, int num_stack_entries,
				  u32 alloc_stack_hash)
{
	unsigned long irq = local_irq_save();
	struct kfence_metadata *meta = kfence_freelist_take();
	if (!meta) {
		counters[KFENCE_COUNTER_SKIP_CAPACITY]++;
		local_irq_restore(irq);
		return nullptr;
	}
	if (meta->state == KFENCE_OBJECT_FREED) // reused: its page was protected
		kfence_unprotect(metadata_to_pageaddr(meta));
	meta->addr = kfence_place(meta, s, size);
	metadata_update_state(meta, KFENCE_OBJECT_ALLOCATED, stack_entries, num_stack_entries);
	meta->cache = s;
	meta->size = size;
	alloc_covered_add(alloc_stack_hash, 1);
	struct page *slab = virt_to_page((void *)meta->addr);
	slab->slab_cache = s;
	slab->objects = 1;
	for_each_canary(meta, set_canary_byte);
	void *addr = (void *)meta->addr;
	// only size bytes: the canary follows (Linux: kfence_guarded_alloc)
	if (slab_want_init_on_alloc(gfp, s))
		memset(addr, 0, size);
	if (s->ctor)
		s->ctor(addr);
	counters[KFENCE_COUNTER_ALLOCATED]++;
	counters[KFENCE_COUNTER_ALLOCS]++;
	local_irq_restore(irq);
	return addr;
}

// The gate is shut after each sampled allocation, until the interval has passed.
static bool kfence_gate_take(void)
{
	u64 now = local_clock();
	if (kfence_allocation_gate && now < next_gate_ns)
		return false;
	kfence_allocation_gate = true;
	next_gate_ns = now + (u64)kfence_sample_interval * 1000000;
	return true;
}

// Linux: __kfence_alloc. The size and zone checks come first, so a request
// KFENCE cannot serve does not use up the sample. NULL: not this one (the
// slab allocator serves it). Context: any, as the slab allocation.
void *__kfence_alloc(struct kmem_cache *s, size_t size, gfp_t flags)
{
	if (size > PAGE_SIZE || (flags & GFP_ZONEMASK) || (s->flags & SLAB_CACHE_DMA)) {
		counters[KFENCE_COUNTER_SKIP_INCOMPAT]++;
		return nullptr;
	}
	if (s->flags & SLAB_SKIP_KFENCE)
		return nullptr;
	if (!kfence_gate_take())
		return nullptr;
	unsigned long stack_entries[KFENCE_STACK_DEPTH];
	int num_stack_entries = (int)stack_trace_save(stack_entries, KFENCE_STACK_DEPTH, 0);
	u32 alloc_stack_hash = get_alloc_stack_hash(stack_entries, num_stack_entries);
	if (should_skip_covered() && alloc_covered_contains(alloc_stack_hash)) {
		counters[KFENCE_COUNTER_SKIP_COVERED]++;
		return nullptr;
	}
	return kfence_guarded_alloc(s, size, flags, stack_entries, num_stack_entries,
				    alloc_stack_hash);
}

// Linux: kfence_ksize. The size asked for, 0 if addr is not KFENCE's. Context: any.
size_t kfence_ksize(const void *addr)
{
	const struct kfence_metadata *meta = addr_to_metadata((unsigned long)addr);
	return meta ? meta->size : 0;
}

// Linux: kfence_object_start. NULL if addr is not in an object's slot. Context: any.
void *kfence_object_start(const void *addr)
{
	const struct kfence_metadata *meta = addr_to_metadata((unsigned long)addr);
	return meta ? (void *)meta->addr : nullptr;
}

// --- free ----------------------------------------------------------------------------------

// Linux: kfence_guarded_free. zombie: the cache is being destroyed under a
// live object; it is marked freed but never reused.
static void kfence_guarded_free(void *addr, struct kfence_metadata *meta, bool zombie)
{
	unsigned long irq = local_irq_save();
	if (meta->state != KFENCE_OBJECT_ALLOCATED || meta->addr != (unsigned long)addr) {
		counters[KFENCE_COUNTER_BUGS]++; // a double free, or not the object's start
		kfence_report_error((unsigned long)addr, false, nullptr, meta,
				    KFENCE_ERROR_INVALID_FREE);
		local_irq_restore(irq);
		return;
	}
	if (meta->unprotected_page) { // an OOB access opened a guard page
		memset((void *)ALIGN_DOWN(meta->unprotected_page, PAGE_SIZE), 0, PAGE_SIZE);
		kfence_protect(meta->unprotected_page);
		meta->unprotected_page = 0;
	}
	metadata_update_state(meta, KFENCE_OBJECT_FREED, nullptr, 0);
	alloc_covered_add(get_alloc_stack_hash(meta->alloc_track.stack_entries,
					       meta->alloc_track.num_stack_entries),
			  -1);
	for_each_canary(meta, check_canary_byte);
	if (!zombie && slab_want_init_on_free(meta->cache)) // Linux: init_on_free
		memset(addr, 0, meta->size);
	kfence_protect((unsigned long)addr); // a later touch is a use-after-free
	if (!zombie) {
		kfence_freelist_add(meta);
		counters[KFENCE_COUNTER_ALLOCATED]--;
		counters[KFENCE_COUNTER_FREES]++;
	} else {
		counters[KFENCE_COUNTER_ZOMBIES]++;
	}
	local_irq_restore(irq);
}

// Linux: __kfence_free. addr is in the pool (kfence_free checked). A free of
// no object, or twice, gets KFENCE's "invalid free" report and frees nothing.
// Context: any, interrupts on or off.
void __kfence_free(void *addr)
{
	struct kfence_metadata *meta = addr_to_metadata((unsigned long)addr);
	if (!meta) { // a guard page in front of the first object
		counters[KFENCE_COUNTER_BUGS]++;
		kfence_report_error((unsigned long)addr, false, nullptr, nullptr,
				    KFENCE_ERROR_INVALID);
		return;
	}
	kfence_guarded_free(addr, meta, false);
}

// Linux: kfence_shutdown_cache. s's live objects become zombies, never
// reused; its freed ones forget s. Context: as kmem_cache_destroy.
void kfence_shutdown_cache(struct kmem_cache *s)
{
	if (!__kfence_pool)
		return;
	for (struct kfence_metadata &meta : kfence_metadata)
		if (meta.cache == s && meta.state == KFENCE_OBJECT_ALLOCATED)
			kfence_guarded_free((void *)meta.addr, &meta, /*zombie=*/true);
	for (struct kfence_metadata &meta : kfence_metadata)
		if (meta.cache == s && meta.state == KFENCE_OBJECT_FREED)
			meta.cache = nullptr;
}

// --- faults --------------------------------------------------------------------------------

// The allocated object nearest a guard page: the one whose bounds the access
// overran (Linux: the OOB branch of kfence_handle_page_fault).
static struct kfence_metadata *oob_object(unsigned long addr)
{
	struct kfence_metadata *to_report = nullptr, *meta = addr_to_metadata(addr - PAGE_SIZE);
	unsigned long distance = 0;
	if (meta && meta->state == KFENCE_OBJECT_ALLOCATED) {
		to_report = meta;
		distance = addr - (meta->addr + meta->size);
	}
	meta = addr_to_metadata(addr + PAGE_SIZE);
	if (meta && meta->state == KFENCE_OBJECT_ALLOCATED &&
	    (!to_report || distance > meta->addr - addr))
		to_report = meta;
	return to_report;
}

// Linux: kfence_handle_page_fault. false if addr is not in the pool; else
// the report is printed and the page made present, so the access can run
// again. Context: the page-fault handler (exception context).
bool kfence_handle_page_fault(unsigned long addr, bool is_write, struct pt_regs *regs)
{
	if (!is_kfence_address((void *)addr))
		return false;
	if (!kfence_enabled) // half set up: unprotect and proceed, as Linux does
		return kfence_unprotect(addr);
	counters[KFENCE_COUNTER_BUGS]++;
	const unsigned long page_index = (addr - (unsigned long)__kfence_pool) / PAGE_SIZE;
	struct kfence_metadata *to_report;
	enum kfence_error_type error_type;
	if (page_index % 2) { // a guard page: out of bounds
		to_report = oob_object(addr);
		if (to_report)
			to_report->unprotected_page = addr;
		error_type = KFENCE_ERROR_OOB;
	} else { // an object page: freed (pages 0 and 1 have no object)
		to_report = addr_to_metadata(addr);
		error_type = KFENCE_ERROR_UAF;
	}
	if (to_report)
		kfence_report_error(addr, is_write, regs, to_report, error_type);
	else // may be a UAF or OOB access, but there is no telling
		kfence_report_error(addr, is_write, regs, nullptr, KFENCE_ERROR_INVALID);
	return kfence_unprotect(addr); // and let the access go on
}

// --- /sys/kernel/debug/kfence ----------------------------------------------------------------

// Linux: stats_show.
void kfence_stats_show(struct seq_buf *m)
{
	seq_buf_printf(m, "enabled: %i\n", kfence_enabled ? 1 : 0);
	for (int i = 0; i < KFENCE_COUNTER_COUNT; i++)
		seq_buf_printf(m, "%s: %ld\n", counter_names[i], counters[i]);
}

// Linux: the objects file (show_object for each).
void kfence_objects_show(struct seq_buf *m)
{
	if (!kfence_enabled)
		return;
	for (const struct kfence_metadata &meta : kfence_metadata) {
		kfence_print_object(m, &meta);
		seq_buf_printf(m, "---------------------------------\n");
	}
}
