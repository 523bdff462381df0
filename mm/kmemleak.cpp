/*
 * DOC: kmemleak, the kernel memory leak detector (Linux: mm/kmemleak.c)
 *
 * Every block an allocator hands out gets a record (struct kmemleak_object)
 * in an rbtree keyed by address; every free removes it. A scan works like a
 * tracing garbage collector that collects nothing, only reports:
 *
 *   1. every block white (count = 0); blocks that need no reference
 *      (min_count 0: memblock, kmemleak_not_leak) go on the gray list
 *   2. the roots: .data, .bss, the kernel stacks, word by word; a word
 *      that points into a block (its start or its middle) counts one
 *      reference; a block with min_count references turns gray
 *   3. the gray list: each gray block is scanned as the roots were, so
 *      what it points to turns gray too (the list grows as it is walked)
 *   4. white blocks whose contents changed since the last scan (checksum)
 *      get the benefit of the doubt once: gray, and 3 again
 *   5. what is still white, and older than 5 s, is an unreferenced object:
 *      reported once
 *
 *        .bss: cache ---> A ---> B        C <---> D      (C, D: white,
 *                         ^                               reported)
 *        stack: p --------+ (mid-block pointers count too)
 *
 * The records come from their own cache, object_cache, made with
 * SLAB_NOLEAKTRACE so that kmemleak does not track itself; before slab
 * exists (memblock allocations, SLUB's bootstrap) they come from a static
 * pool, mem_pool, as in Linux 6.1 (which has no early log any more).
 *
 * Lock order: none (one CPU). Interrupts are off around every change of the
 * tree and for a whole scan (Linux: kmemleak_lock, scan_mutex and RCU).
 * Differs from Linux: off unless kmemleak=on (CONFIG_DEBUG_KMEMLEAK_DEFAULT_OFF)
 * and tracking starts when the option is parsed, before the first memblock
 * allocation, instead of tracking from the first allocation and throwing it
 * away; no scan thread (scans are asked for); one scan area per block; jiffies are
 * local_clock() at HZ 250; the stack kmemleak runs on is scanned from the
 * stack pointer up (below it lie dead frames that would hide a leak just
 * dropped); struct pages are scanned as part of mem_map, a memblock block.
 */
#define pr_fmt(fmt) "kmemleak: " fmt

#include <asm/irqflags.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/kstrtox.h>
#include <linux/list.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/rbtree.h>
#include <linux/sched_clock.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#define MSECS_MIN_AGE 5000 // younger blocks are not reported
#define MAX_TRACE 16	   // stack entries kept per block
#define HEX_ROW_SIZE 16
#define HEX_MAX_LINES 2
#define KMEMLEAK_GREY 0	  // min_count: never reported, scanned
#define KMEMLEAK_BLACK -1 // min_count: neither reported nor scanned
#define MEM_POOL_SIZE 256 // Linux: CONFIG_DEBUG_KMEMLEAK_MEM_POOL_SIZE (16000)
#define HZ 250
#define NSEC_PER_SEC 1000000000ULL

enum {
	OBJECT_ALLOCATED = 1 << 0, // the block is live
	OBJECT_REPORTED = 1 << 1,  // reported once: not counted as new again
	OBJECT_NO_SCAN = 1 << 2,   // its contents are not scanned
	OBJECT_PHYS = 1 << 4,	   // pointer is a physical address (memblock)
};

struct kmemleak_object {
	struct list_head object_list; // every object, oldest first
	struct list_head gray_list;   // during a scan: waiting to be scanned
	struct rb_node rb_node;
	unsigned long pointer;
	size_t size;
	unsigned long excess_ref; // surplus references go to this block too
	unsigned long area_start; // with area_size: the only part scanned
	size_t area_size;	  // 0: all of it
	int min_count;		  // references it needs to be gray
	int count;		  // references the scan found
	unsigned int flags;
	u32 checksum;
	unsigned long jiffies; // when it was allocated
	int pid;
	char comm[16];
	unsigned int trace_len;
	unsigned long trace[MAX_TRACE];
};

int kmemleak_enabled, kmemleak_free_enabled;
static bool kmemleak_initialized, kmemleak_error, kmemleak_found_leaks;
static bool kmemleak_skip_disable, kmemleak_verbose;

static LIST_HEAD(object_list);
static LIST_HEAD(gray_list);
static struct rb_root object_tree_root = RB_ROOT;
static struct rb_root object_phys_tree_root = RB_ROOT;
static unsigned long min_addr = ~0UL, max_addr; // the span of the tracked blocks
static struct kmem_cache *object_cache;
static unsigned long jiffies_min_age, jiffies_last_scan;

// The early pool. Its records point at every block, so the .bss scan skips
// it (Linux's pool sits in .bss and is scanned; its records hold the block
// addresses as unsigned long, which Linux's scan would count as references
// if they fell in range, so it must be excluded here too).
static struct kmemleak_object mem_pool[MEM_POOL_SIZE];
static int mem_pool_free_count = MEM_POOL_SIZE;
static LIST_HEAD(mem_pool_free_list);

static struct {
	unsigned long objects, from_pool, unknown_frees, scans, scanned_words;
} stats;

// Linux's jiffies, from the one clock this kernel has.
static unsigned long jiffies_now(void)
{
	return (unsigned long)(local_clock() / (NSEC_PER_SEC / HZ));
}
static unsigned long msecs_to_jiffies(unsigned int m) { return (unsigned long)m * HZ / 1000; }
static unsigned int jiffies_to_msecs(unsigned long j) { return (unsigned int)(j * 1000 / HZ); }

// --- colours (Linux: color_white, color_gray, unreferenced) -----------------------------------

static bool color_white(const struct kmemleak_object *o)
{
	return o->count != KMEMLEAK_BLACK && o->count < o->min_count;
}
static bool color_gray(const struct kmemleak_object *o)
{
	return o->min_count != KMEMLEAK_BLACK && o->count >= o->min_count;
}
// White, live, and old enough when the last scan began.
static bool unreferenced(const struct kmemleak_object *o)
{
	return color_white(o) && (o->flags & OBJECT_ALLOCATED) &&
	       (long)(jiffies_last_scan - (o->jiffies + jiffies_min_age)) >= 0;
}

// --- records: object_cache, or the pool before slab exists (Linux: mem_pool_alloc) -----------

static struct kmemleak_object *mem_pool_alloc(gfp_t gfp)
{
	if (object_cache) {
		gfp_t mask = (gfp & (GFP_KERNEL | GFP_ATOMIC)) | __GFP_NORETRY | __GFP_NOWARN;
		void *o = kmem_cache_alloc(object_cache, mask);
		if (o)
			return (struct kmemleak_object *)o;
	}
	stats.from_pool++;
	if (!list_empty(&mem_pool_free_list)) {
		struct kmemleak_object *o =
		    list_first_entry(&mem_pool_free_list, struct kmemleak_object, object_list);
		list_del(&o->object_list);
		return o;
	}
	if (mem_pool_free_count)
		return &mem_pool[--mem_pool_free_count];
	return nullptr;
}

static void mem_pool_free(struct kmemleak_object *o)
{
	if (o >= mem_pool && o < mem_pool + MEM_POOL_SIZE)
		list_add(&o->object_list, &mem_pool_free_list);
	else
		kmem_cache_free(object_cache, o);
}

// --- the trees --------------------------------------------------------------------------

static struct rb_root *tree_of(bool is_phys)
{
	return is_phys ? &object_phys_tree_root : &object_tree_root;
}

/*
 * The block holding ptr: its start only, or with alias anywhere inside it.
 * Context: interrupts off. Linux: __lookup_object, which also warns when
 * a pointer without alias finds a block by its middle.
 */
static struct kmemleak_object *lookup_object(unsigned long ptr, bool alias, bool is_phys)
{
	struct rb_node *rb = tree_of(is_phys)->rb_node;
	while (rb) {
		struct kmemleak_object *o = rb_entry(rb, struct kmemleak_object, rb_node);
		if (ptr < o->pointer)
			rb = rb->rb_left;
		else if (o->pointer + o->size <= ptr)
			rb = rb->rb_right;
		else
			return (o->pointer == ptr || alias) ? o : nullptr;
	}
	return nullptr;
}

// Links o into its tree; false if it overlaps a block already there.
static bool link_object(struct kmemleak_object *o, bool is_phys)
{
	struct rb_root *root = tree_of(is_phys);
	struct rb_node **link = &root->rb_node, *parent = nullptr;
	while (*link) {
		struct kmemleak_object *p = rb_entry(*link, struct kmemleak_object, rb_node);
		parent = *link;
		if (o->pointer + o->size <= p->pointer)
			link = &(*link)->rb_left;
		else if (p->pointer + p->size <= o->pointer)
			link = &(*link)->rb_right;
		else
			return false;
	}
	rb_link_node(&o->rb_node, parent, link);
	rb_insert_color(&o->rb_node, root);
	return true;
}

static void kmemleak_disable(void);

static void dump_object_info(const struct kmemleak_object *o)
{
	pr_notice("Object 0x%08lx (size %zu):\n", o->pointer, o->size);
	pr_notice("  comm \"%s\", pid %d, jiffies %lu\n", o->comm, o->pid, o->jiffies);
	pr_notice("  min_count = %d\n", o->min_count);
	pr_notice("  count = %d\n", o->count);
	pr_notice("  flags = 0x%x\n", o->flags);
	pr_notice("  checksum = %u\n", o->checksum);
	pr_notice("  backtrace:\n");
	for (unsigned int i = 0; i < o->trace_len; i++)
		pr_notice("     %pS\n", (void *)o->trace[i]);
}

/*
 * Linux: __create_object. A record for [ptr, ptr + size). noinline: the
 * trace skips this frame and the hook's, and starts in the allocator.
 */
static noinline void create_object(unsigned long ptr, size_t size, int min_count, gfp_t gfp,
				   bool is_phys)
{
	struct kmemleak_object *o = mem_pool_alloc(gfp);
	if (!o) {
		pr_warn("Cannot allocate a kmemleak_object structure\n");
		kmemleak_disable();
		return;
	}
	*o = {};
	INIT_LIST_HEAD(&o->gray_list);
	o->flags = OBJECT_ALLOCATED | (is_phys ? OBJECT_PHYS : 0);
	o->pointer = ptr;
	o->size = size;
	o->min_count = min_count;
	o->jiffies = jiffies_now();
	o->pid = 0; // one task so far: the boot CPU's idle task
	strlcpy(o->comm, "swapper", sizeof(o->comm));
	o->trace_len = stack_trace_save(o->trace, MAX_TRACE, 2);

	unsigned long irq = local_irq_save();
	if (!is_phys) {
		min_addr = min(min_addr, ptr);
		max_addr = max(max_addr, ptr + size);
	}
	if (!link_object(o, is_phys)) {
		pr_warn("Cannot insert 0x%lx into the object search tree (overlaps existing)\n",
			ptr);
		dump_stack();
		dump_object_info(lookup_object(ptr, true, is_phys) ?: o);
		mem_pool_free(o);
		local_irq_restore(irq);
		kmemleak_disable();
		return;
	}
	list_add_tail(&o->object_list, &object_list);
	stats.objects++;
	local_irq_restore(irq);
}

// Linux: __remove_object and __delete_object in one.
static void delete_object(struct kmemleak_object *o)
{
	rb_erase(&o->rb_node, tree_of(o->flags & OBJECT_PHYS));
	list_del(&o->object_list);
	o->flags &= ~OBJECT_ALLOCATED;
	stats.objects--;
	mem_pool_free(o);
}

// Linux: delete_object_full. A free of something kmemleak never saw is
// counted (stats), not reported: Linux reports it only when built with DEBUG.
static void delete_object_full(unsigned long ptr)
{
	unsigned long irq = local_irq_save();
	struct kmemleak_object *o = lookup_object(ptr, false, false);
	if (o)
		delete_object(o);
	else
		stats.unknown_frees++;
	local_irq_restore(irq);
}

// Linux: delete_object_part. What is left either side becomes a block of its own.
static void delete_object_part(unsigned long ptr, size_t size, bool is_phys)
{
	unsigned long irq = local_irq_save();
	struct kmemleak_object *o = lookup_object(ptr, true, is_phys);
	if (!o) {
		local_irq_restore(irq);
		return;
	}
	unsigned long start = o->pointer, end = o->pointer + o->size;
	int min_count = o->min_count;
	delete_object(o);
	local_irq_restore(irq);
	if (ptr > start)
		create_object(start, ptr - start, min_count, GFP_KERNEL, is_phys);
	if (ptr + size < end)
		create_object(ptr + size, end - ptr - size, min_count, GFP_KERNEL, is_phys);
}

// Linux: paint_ptr. A black block is not scanned either.
static void paint_ptr(unsigned long ptr, int color, bool is_phys)
{
	unsigned long irq = local_irq_save();
	struct kmemleak_object *o = lookup_object(ptr, false, is_phys);
	if (o) {
		o->min_count = color;
		if (color == KMEMLEAK_BLACK)
			o->flags |= OBJECT_NO_SCAN;
	}
	local_irq_restore(irq);
}

// --- the hooks (Linux: kmemleak_alloc and friends) ---------------------------------------------

/*
 * The hooks the allocators and the kernel call (include/linux/kmemleak.h
 * says what each means). Each does nothing while kmemleak is off, ignores
 * NULL and ZERO_SIZE_PTR, and never fails its caller: a record it cannot
 * allocate, or a block overlapping one it knows, turns kmemleak off with a
 * warning; a free of a block it never saw is only counted (stats).
 * Context: any, interrupts on or off; they take no lock but interrupts.
 */

void __kmemleak_alloc(const void *ptr, size_t size, int min_count, gfp_t gfp)
{
	if (!ZERO_OR_NULL_PTR(ptr))
		create_object((unsigned long)ptr, size, min_count, gfp, false);
}

void __kmemleak_free(const void *ptr)
{
	if (!ZERO_OR_NULL_PTR(ptr))
		delete_object_full((unsigned long)ptr);
}

/*
 * min_count 2: the vm_struct points at the area (one reference), its user
 * the other. A surplus reference to the vm_struct (someone keeping the
 * area rather than its address) counts for the area too (excess_ref).
 */
void kmemleak_vmalloc(const struct vm_struct *area, size_t size, gfp_t gfp)
{
	if (!kmemleak_enabled)
		return;
	create_object((unsigned long)area->addr, size, 2, gfp, false);
	unsigned long irq = local_irq_save();
	if (struct kmemleak_object *o = lookup_object((unsigned long)area, false, false))
		o->excess_ref = (unsigned long)area->addr;
	local_irq_restore(irq);
}

void kmemleak_free_part(const void *ptr, size_t size)
{
	if (kmemleak_enabled && !ZERO_OR_NULL_PTR(ptr))
		delete_object_part((unsigned long)ptr, size, false);
}

void kmemleak_not_leak(const void *ptr)
{
	if (kmemleak_enabled && !ZERO_OR_NULL_PTR(ptr))
		paint_ptr((unsigned long)ptr, KMEMLEAK_GREY, false);
}

void kmemleak_ignore(const void *ptr)
{
	if (kmemleak_enabled && !ZERO_OR_NULL_PTR(ptr))
		paint_ptr((unsigned long)ptr, KMEMLEAK_BLACK, false);
}

/*
 * Only [ptr, ptr + size) of the block is scanned (SIZE_MAX: to its end).
 * Differs from Linux: one area per block (a second call replaces the first)
 * instead of a list from scan_area_cache.
 */
void kmemleak_scan_area(const void *ptr, size_t size, gfp_t gfp)
{
	if (!kmemleak_enabled || ZERO_OR_NULL_PTR(ptr))
		return;
	unsigned long irq = local_irq_save();
	struct kmemleak_object *o = lookup_object((unsigned long)ptr, true, false);
	unsigned long end = o ? o->pointer + o->size : 0;
	if (!o) {
		pr_warn("Adding scan area to unknown object at 0x%08lx\n", (unsigned long)ptr);
	} else if (size != SIZE_MAX && (unsigned long)ptr + size > end) {
		pr_warn("Scan area larger than object 0x%08lx\n", (unsigned long)ptr);
		dump_object_info(o);
	} else {
		o->area_start = (unsigned long)ptr;
		o->area_size = size == SIZE_MAX ? end - (unsigned long)ptr : size;
	}
	local_irq_restore(irq);
}

void kmemleak_no_scan(const void *ptr)
{
	if (!kmemleak_enabled || ZERO_OR_NULL_PTR(ptr))
		return;
	unsigned long irq = local_irq_save();
	if (struct kmemleak_object *o = lookup_object((unsigned long)ptr, false, false))
		o->flags |= OBJECT_NO_SCAN;
	local_irq_restore(irq);
}

// memblock: min_count 0, never reported (many blocks are known only by
// their physical address, which no scan looks up), but scanned.
void kmemleak_alloc_phys(phys_addr_t phys, size_t size, gfp_t gfp)
{
	if (kmemleak_enabled)
		create_object((unsigned long)phys, size, KMEMLEAK_GREY, gfp, true);
}

void kmemleak_free_part_phys(phys_addr_t phys, size_t size)
{
	if (kmemleak_enabled)
		delete_object_part((unsigned long)phys, size, true);
}

void kmemleak_ignore_phys(phys_addr_t phys)
{
	if (kmemleak_enabled)
		paint_ptr((unsigned long)phys, KMEMLEAK_BLACK, true);
}

// --- the scan ---------------------------------------------------------------------------

// CRC-32 (the IEEE polynomial, as Linux's crc32_le) of a block's bytes.
static u32 crc32_le(u32 crc, const u8 *p, size_t len)
{
	static u32 table[256];
	if (!table[1])
		for (u32 i = 0; i < 256; i++) {
			u32 c = i;
			for (int k = 0; k < 8; k++)
				c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
			table[i] = c;
		}
	while (len--)
		crc = (crc >> 8) ^ table[(crc ^ *p++) & 0xff];
	return crc;
}

static void *object_start(const struct kmemleak_object *o)
{
	return (o->flags & OBJECT_PHYS) ? __va((phys_addr_t)o->pointer) : (void *)o->pointer;
}

// Highmem memblock blocks have no kernel address to scan them through.
static bool object_scannable(const struct kmemleak_object *o)
{
	if (!(o->flags & OBJECT_ALLOCATED) || (o->flags & OBJECT_NO_SCAN))
		return false;
	return !(o->flags & OBJECT_PHYS) ||
	       ((o->pointer + o->size - 1) >> PAGE_SHIFT) < max_low_pfn;
}

// Linux: update_checksum. True if the contents changed since the last scan.
static bool update_checksum(struct kmemleak_object *o)
{
	u32 old = o->checksum;
	if (!object_scannable(o))
		return false;
	o->checksum = crc32_le(0, (const u8 *)object_start(o), o->size);
	return o->checksum != old;
}

// Linux: update_refs. A white block that reaches min_count turns gray.
static void update_refs(struct kmemleak_object *o)
{
	if (!color_white(o))
		return;
	o->count++;
	if (color_gray(o))
		list_add_tail(&o->gray_list, &gray_list);
}

/*
 * Linux: scan_block. Every aligned word of [start, end) that points into a
 * tracked block (its start or anywhere inside) is a reference to it; a
 * block's pointers to itself do not count (scanned). Context: interrupts off.
 */
static void scan_block(const void *start, const void *end, struct kmemleak_object *scanned)
{
	const unsigned long *ptr = (const unsigned long *)ALIGN((unsigned long)start, sizeof(long));
	const unsigned long *stop = (const unsigned long *)end;
	for (; ptr + 1 <= stop; ptr++) {
		unsigned long pointer = *ptr;
		stats.scanned_words++;
		if (pointer < min_addr || pointer >= max_addr)
			continue;
		struct kmemleak_object *o = lookup_object(pointer, true, false);
		if (!o || o == scanned)
			continue;
		unsigned long excess_ref = 0;
		if (color_gray(o)) // only surplus references are passed on
			excess_ref = o->excess_ref;
		else
			update_refs(o);
		if (!excess_ref)
			continue;
		o = lookup_object(excess_ref, false, false);
		if (o && o != scanned)
			update_refs(o);
	}
}

static void scan_object(struct kmemleak_object *o)
{
	if (!object_scannable(o))
		return;
	u8 *start = (u8 *)object_start(o);
	if (o->area_size)
		scan_block((u8 *)o->area_start, (u8 *)o->area_start + o->area_size, o);
	else
		scan_block(start, start + o->size, o);
}

// Linux: scan_gray_list. Blocks turned gray while it runs join its tail.
static void scan_gray_list(void)
{
	while (!list_empty(&gray_list)) {
		struct kmemleak_object *o =
		    list_first_entry(&gray_list, struct kmemleak_object, gray_list);
		scan_object(o);
		list_del(&o->gray_list);
		INIT_LIST_HEAD(&o->gray_list);
	}
}

// .bss less kmemleak's pool (see mem_pool) and the boot stack (scanned as
// a stack; its guard page below is not even mapped).
static void scan_data_sections(void)
{
	scan_block(_sdata, _edata, nullptr);
	const char *holes[][2] = {
	    {boot_stack_guard, boot_stack_top},
	    {(const char *)mem_pool, (const char *)(mem_pool + MEM_POOL_SIZE)},
	};
	if (holes[0][0] > holes[1][0]) {
		const char *lo = holes[1][0], *hi = holes[1][1];
		holes[1][0] = holes[0][0];
		holes[1][1] = holes[0][1];
		holes[0][0] = lo;
		holes[0][1] = hi;
	}
	const char *from = __bss_start;
	for (auto &h : holes) {
		if (h[0] >= from && h[1] <= __bss_stop) {
			scan_block(from, h[0], nullptr);
			from = h[1];
		}
	}
	scan_block(from, __bss_stop, nullptr);
}

// One kernel stack; the one this code runs on from here up (see the DOC).
static void scan_stack(const void *lo, const void *hi)
{
	const char *here = (const char *)__builtin_frame_address(0);
	if (here >= (const char *)lo && here < (const char *)hi)
		lo = here;
	scan_block(lo, hi, nullptr);
}

// Linux: the task loop of kmemleak_scan. One stack so far; a task list
// will call scan_stack once per task.
static void scan_task_stacks(void) { scan_stack(boot_stack, boot_stack_top); }

static void print_unreferenced(bool seq, const struct kmemleak_object *o);

static int __kmemleak_scan(void)
{
	struct kmemleak_object *o;
	jiffies_last_scan = jiffies_now();
	stats.scans++;
	list_for_each_entry(o, &object_list, object_list) {
		o->count = 0;
		if (color_gray(o))
			list_add_tail(&o->gray_list, &gray_list);
	}
	scan_data_sections();
	scan_task_stacks();
	scan_gray_list();
	// Changed since the last scan: maybe a pointer is in flight; gray once.
	list_for_each_entry(o, &object_list, object_list) {
		if (color_white(o) && (o->flags & OBJECT_ALLOCATED) && update_checksum(o)) {
			o->count = o->min_count;
			list_add_tail(&o->gray_list, &gray_list);
		}
	}
	scan_gray_list();
	int new_leaks = 0;
	list_for_each_entry(o, &object_list, object_list) {
		if (unreferenced(o) && !(o->flags & OBJECT_REPORTED)) {
			o->flags |= OBJECT_REPORTED;
			if (kmemleak_verbose)
				print_unreferenced(false, o);
			new_leaks++;
		}
	}
	return new_leaks;
}

// Clears the stack below the caller, where the frames of calls just made
// (an allocation's, say) still hold the pointers they returned.
static noinline void scrub_dead_stack(void)
{
	volatile unsigned long dead[512];
	for (unsigned int i = 0; i < ARRAY_SIZE(dead); i++)
		dead[i] = 0;
}

static noinline int kmemleak_scan_scrubbed(void)
{
	unsigned long irq = local_irq_save();
	int new_leaks = __kmemleak_scan();
	local_irq_restore(irq);
	if (new_leaks) {
		kmemleak_found_leaks = true;
		pr_info("%d new suspected memory leaks (see /sys/kernel/debug/kmemleak)\n",
			new_leaks);
	}
	return new_leaks;
}

// No locals: its frame holds only the return address and the saved frame
// pointer, so the scrub reaches every dead slot the scan's frames land on.
int kmemleak_scan(void)
{
	if (!kmemleak_enabled)
		return 0;
	scrub_dead_stack();
	return kmemleak_scan_scrubbed();
}

// --- reports ------------------------------------------------------------------------------

// The seq file's lines bare; the console's with pr_fmt (Linux: warn_or_seq_printf).
static __printf(2, 3) void warn_or_seq_printf(bool seq, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	struct va_format vaf = {fmt, &args};
	if (seq)
		printk(KERN_INFO "%pV", &vaf);
	else
		pr_warn("%pV", &vaf);
	va_end(args);
}

// One row as Linux's hex_dump_to_buffer(rowsize 16, groupsize 1, ascii).
static void hex_dump_row(char *buf, const u8 *p, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	char *ascii = buf + HEX_ROW_SIZE * 3 + 1; // after "xx " per byte and one more space
	memset(buf, ' ', ascii - buf);
	for (size_t j = 0; j < len; j++) {
		buf[j * 3] = hex[p[j] >> 4];
		buf[j * 3 + 1] = hex[p[j] & 15];
		ascii[j] = isprint(p[j]) ? (char)p[j] : '.';
	}
	ascii[len] = '\0';
}

static void hex_dump_object(bool seq, const struct kmemleak_object *o)
{
	size_t len = min(o->size, (size_t)(HEX_MAX_LINES * HEX_ROW_SIZE));
	const u8 *p = (const u8 *)o->pointer;
	warn_or_seq_printf(seq, "  hex dump (first %zu bytes):\n", len);
	for (size_t off = 0; off < len; off += HEX_ROW_SIZE) {
		char row[HEX_ROW_SIZE * 4 + 2];
		hex_dump_row(row, p + off, min((size_t)HEX_ROW_SIZE, len - off));
		warn_or_seq_printf(seq, "    %s\n", row);
	}
}

static void print_unreferenced(bool seq, const struct kmemleak_object *o)
{
	unsigned int msecs_age = jiffies_to_msecs(jiffies_now() - o->jiffies);
	warn_or_seq_printf(seq, "unreferenced object 0x%08lx (size %zu):\n", o->pointer, o->size);
	warn_or_seq_printf(seq, "  comm \"%s\", pid %d, jiffies %lu (age %d.%03ds)\n", o->comm,
			   o->pid, o->jiffies, msecs_age / 1000, msecs_age % 1000);
	if (!(o->flags & OBJECT_PHYS))
		hex_dump_object(seq, o);
	warn_or_seq_printf(seq, "  backtrace:\n");
	for (unsigned int i = 0; i < o->trace_len; i++)
		warn_or_seq_printf(seq, "    [<%08lx>] %pS\n", o->trace[i], (void *)o->trace[i]);
}

// Linux: kmemleak_seq_show over the object list.
void kmemleak_show(void)
{
	struct kmemleak_object *o;
	list_for_each_entry(o, &object_list, object_list) {
		if ((o->flags & OBJECT_REPORTED) && unreferenced(o))
			print_unreferenced(true, o);
	}
}

// Linux: kmemleak_clear. The leaks reported so far turn gray: never again.
static void kmemleak_clear(void)
{
	struct kmemleak_object *o;
	unsigned long irq = local_irq_save();
	list_for_each_entry(o, &object_list, object_list) {
		if ((o->flags & OBJECT_REPORTED) && unreferenced(o))
			o->min_count = KMEMLEAK_GREY;
	}
	local_irq_restore(irq);
	kmemleak_found_leaks = false;
}

// Linux: __kmemleak_do_cleanup. Forgets every block (kmemleak is off).
static void kmemleak_do_cleanup(void)
{
	unsigned long irq = local_irq_save();
	while (!list_empty(&object_list))
		delete_object(list_first_entry(&object_list, struct kmemleak_object, object_list));
	local_irq_restore(irq);
	kmemleak_free_enabled = 0;
}

// Linux: dump_str_object_info ("dump=<addr>").
static int dump_str_object_info(const char *str)
{
	unsigned long long addr;
	if (kstrtoull(str, 0, &addr))
		return -EINVAL;
	struct kmemleak_object *o = lookup_object((unsigned long)addr, false, false);
	if (!o) {
		pr_info("Unknown object at 0x%08lx\n", (unsigned long)addr);
		return -EINVAL;
	}
	dump_object_info(o);
	return 0;
}

int kmemleak_write(const char *cmd)
{
	if (!strcmp(cmd, "clear")) {
		if (kmemleak_enabled)
			kmemleak_clear();
		else
			kmemleak_do_cleanup();
		return 0;
	}
	if (!kmemleak_enabled)
		return -EPERM;
	if (!strcmp(cmd, "off")) {
		kmemleak_disable();
		return 0;
	}
	if (!strcmp(cmd, "scan")) {
		kmemleak_scan();
		return 0;
	}
	if (!strncmp(cmd, "dump=", 5))
		return dump_str_object_info(cmd + 5);
	return -EINVAL;
}

// --- for tests ---------------------------------------------------------------------------

unsigned int kmemleak_set_min_age(unsigned int msecs)
{
	unsigned int old = jiffies_to_msecs(jiffies_min_age);
	jiffies_min_age = msecs_to_jiffies(msecs);
	return old;
}

bool kmemleak_is_tracked(const void *ptr)
{
	return lookup_object((unsigned long)ptr, false, false) != nullptr;
}

bool kmemleak_is_leak(const void *ptr)
{
	const struct kmemleak_object *o = lookup_object((unsigned long)ptr, false, false);
	return o && unreferenced(o);
}

static void kmemleak_stats(void)
{
	struct kmemleak_object *o;
	unsigned long white = 0, gray = 0, black = 0, phys = 0;
	list_for_each_entry(o, &object_list, object_list) {
		phys += !!(o->flags & OBJECT_PHYS);
		if (o->min_count == KMEMLEAK_BLACK)
			black++;
		else if (unreferenced(o))
			white++;
		else
			gray++;
	}
	pr_info("%lu objects (%lu memblock), last scan: %lu referenced or young, %lu "
		"unreferenced, %lu ignored\n",
		stats.objects, phys, gray, white, black);
	pr_info("%lu scans, %lu words scanned, %lu records from the pool (%d never used), %lu "
		"frees of untracked blocks\n",
		stats.scans, stats.scanned_words, stats.from_pool, mem_pool_free_count,
		stats.unknown_frees);
}

/*
 * With kmemleak on, the end of a ktest= run: every block is old enough
 * (nothing is in flight between tests) and two scans, so the checksum rule
 * (a block changed since the last scan is spared once) cannot hide a leak.
 */
bool kmemleak_ktest_scan(bool passed)
{
	if (!kmemleak_enabled)
		return passed;
	unsigned int age = kmemleak_set_min_age(0);
	bool verbose = kmemleak_verbose;
	kmemleak_verbose = true;
	int leaks = kmemleak_scan();
	leaks += kmemleak_scan();
	kmemleak_verbose = verbose;
	kmemleak_set_min_age(age);
	pr_info("scan after the tests: %d new suspected memory leaks\n", leaks);
	return passed && !leaks;
}

/*
 * The shell: scan, clear, off and dump=<addr> as written to Linux's debugfs
 * file, show as reading it; stats, test (the sample module) and age=<ms>
 * (the minimum age of a reported block, 5000 by default: TCG's clock runs
 * slower than the wall's, so a test would wait long) are not Linux's.
 */

bool cmd_kmemleak(int, char **argv)
{
	const char *op = argv[1];
	if (!strcmp(op, "show")) {
		if (!kmemleak_enabled) {
			pr_err("not enabled (boot with kmemleak=on)\n");
			return false;
		}
		kmemleak_show();
		return true;
	}
	if (!strcmp(op, "stats")) {
		kmemleak_stats();
		return true;
	}
	if (!strcmp(op, "test") && kmemleak_enabled) // Linux: modprobe kmemleak-test
		return kmemleak_test_init(nullptr, 0, 0) > 0;
	unsigned long long msecs;
	if (!strncmp(op, "age=", 4) && kmemleak_enabled) { // not Linux's: TCG's clock is slow
		if (kstrtoull(op + 4, 0, &msecs) || msecs > 3600000) {
			pr_err("age=<ms>, at most 3600000\n");
			return false;
		}
		pr_info("minimum age %u ms (was %u ms)\n", (unsigned int)msecs,
			kmemleak_set_min_age((unsigned int)msecs));
		return true;
	}
	int err = kmemleak_write(op);
	if (err == -EPERM || (!kmemleak_enabled && !strcmp(op, "test")))
		pr_err("not enabled (boot with kmemleak=on)\n");
	else if (err == -EINVAL && strncmp(op, "dump=", 5))
		pr_err("scan|show|clear|stats|off|test|age=<ms>|dump=<addr>\n");
	return !err;
}

// --- boot ----------------------------------------------------------------------------------

// Linux: kmemleak_disable. No work queue: the records go at once, unless
// leaks were found (then "clear" frees them, as Linux says).
static void kmemleak_disable(void)
{
	if (kmemleak_error)
		return;
	kmemleak_error = true;
	kmemleak_enabled = 0;
	if (!kmemleak_initialized)
		kmemleak_free_enabled = 0;
	else if (!kmemleak_found_leaks)
		kmemleak_do_cleanup();
	else
		pr_info("Kmemleak disabled without freeing internal data. Reclaim the memory with "
			"\"echo clear > /sys/kernel/debug/kmemleak\".\n");
	pr_info("Kernel memory leak detector disabled\n");
}

// Linux: kmemleak_boot_config. "on" starts tracking here (see the DOC).
static int __init kmemleak_boot_config(char *str)
{
	if (!str)
		return -EINVAL;
	if (!strcmp(str, "off")) {
		kmemleak_disable();
	} else if (!strcmp(str, "on")) {
		// Records come from the pool until kmemleak_init makes the cache
		// (host tests boot again after an "off": a fresh start).
		object_cache = nullptr;
		min_addr = ~0UL;
		max_addr = 0;
		kmemleak_skip_disable = true;
		kmemleak_error = false;
		kmemleak_enabled = kmemleak_free_enabled = 1;
	} else {
		return -EINVAL;
	}
	return 0;
}
early_param("kmemleak", kmemleak_boot_config);

/*
 * Linux: kmemleak_init and kmemleak_late_init, right after kmem_cache_init.
 * Without kmemleak=on: nothing was tracked and nothing is said (Debian's
 * 6.1, which the boot log is compared with, has no kmemleak at all).
 */
void __init kmemleak_init(void)
{
	if (!kmemleak_skip_disable || kmemleak_error) {
		kmemleak_enabled = kmemleak_free_enabled = 0;
		return;
	}
	jiffies_min_age = msecs_to_jiffies(MSECS_MIN_AGE);
	object_cache = kmem_cache_create("kmemleak_object", sizeof(struct kmemleak_object), 0,
					 SLAB_NOLEAKTRACE | SLAB_PANIC, nullptr);
	kmemleak_initialized = true;
	pr_info("Kernel memory leak detector initialized (mem pool available: %d)\n",
		mem_pool_free_count);
}
