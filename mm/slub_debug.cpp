/*
 * DOC: slub_debug, SLUB's debugger (Linux: mm/slub.c, its CONFIG_SLUB_DEBUG part)
 *
 * Linux keeps these in mm/slub.c under CONFIG_SLUB_DEBUG. Here they have a
 * file of their own so that the allocator proper (mm/slub.cpp) fits one
 * file a student can read beside Linux's; every function keeps Linux's
 * name. The parts, and the Linux functions each mirrors:
 *
 *   reports     slab_bug, slab_fix, print_section, print_track,
 *               print_slab_info, print_trailer, object_err, slab_err,
 *               get_track, set_track, get_orig_size
 *   checks      check_bytes_and_report, restore_bytes, check_pad_bytes,
 *               check_object, init_object, check_slab, on_freelist,
 *               alloc_debug_processing, free_debug_processing
 *   options     setup_slub_debug (slub_debug=), kmem_cache_flags
 *   reports the allocator makes  list_slab_objects, slab_out_of_memory
 *   validation  validate_slab, validate_slab_cache (Linux: the sysfs
 *               file /sys/kernel/slab/<cache>/validate)
 *
 * and kmalloc_resize_in_place, the kmalloc red zone part of Linux 6.x's
 * __do_krealloc. A debug cache's slot layout is in include/linux/slub_def.h.
 *
 * Differs from Linux: a report counts in slub_debug_errors (tests read it);
 * the track keeps 4 return addresses and no cpu or pid; slub_debug's O
 * (skip caches whose order it would raise) and the A/T flags do not exist.
 */
#include <asm/bitsperlong.h>
#include <asm/irqflags.h>
#include <linux/ctype.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched_clock.h>
#include <linux/sprintf.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <linux/utsname.h>

#include "slab.h"

// --- debug: reports -------------------------------------------------------------------------

// Which of an object's two records (Linux: enum track_item).
enum track_item { TRACK_ALLOC, TRACK_FREE };

static struct track *get_track(const struct kmem_cache *s, void *object, enum track_item alloc)
{
	return (struct track *)((u8 *)object + get_info_end(s)) + alloc;
}

unsigned int get_orig_size(const struct kmem_cache *s, void *object)
{
	return slub_debug_orig_size(s) ? *orig_size_slot(s, object) : s->object_size;
}

static void set_track(const struct kmem_cache *s, void *object, enum track_item alloc,
		      unsigned long addr)
{
	struct track *t = get_track(s, object, alloc);
	memset(t, 0, sizeof(*t));
	t->addr = addr;
	stack_trace_save(t->stack, ARRAY_SIZE(t->stack), 2);
	t->when = (unsigned long)(local_clock() / 1000000);
}

// "=====" / "BUG kmalloc-64 (Not tainted): Right Redzone overwritten" / "-----"
static __printf(2, 3) void slab_bug(const struct kmem_cache *s, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	struct va_format vaf = {fmt, &args};
	pr_err("=============================================================================\n");
	pr_err("BUG %s (%s): %pV\n", s->name, print_tainted(), &vaf);
	pr_err("-----------------------------------------------------------------------------\n\n");
	va_end(args);
	slub_debug_errors++;
}

__printf(2, 3) void slab_fix(const struct kmem_cache *s, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	struct va_format vaf = {fmt, &args};
	pr_err("FIX %s: %pV\n", s->name, &vaf);
	va_end(args);
}

// "Redzone  c2cee030: bb bb ...  ........", 16 bytes a line (Linux: print_section).
static void print_section(const char *text, const u8 *addr, unsigned int length)
{
	for (unsigned int off = 0; off < length; off += 16) {
		unsigned int n = min(16u, length - off);
		char ascii[17];
		for (unsigned int i = 0; i < n; i++)
			ascii[i] = isprint(addr[off + i]) ? (char)addr[off + i] : '.';
		ascii[n] = '\0';
		pr_err("%s%p: %*ph%*s  %s\n", text, (void *)(addr + off), (int)n, addr + off,
		       (int)(16 - n) * 3, "", ascii);
	}
}

static void print_track(const char *s, const struct track *t)
{
	if (!t->addr)
		return;
	unsigned long age = (unsigned long)(local_clock() / 1000000) - t->when;
	pr_err("%s in %pS age=%lu cpu=0 pid=0\n", s, (void *)t->addr, age);
	for (unsigned long a : t->stack)
		if (a)
			pr_err(" %pS\n", (void *)a);
}

static void print_slab_info(const struct page *slab)
{
	char flags[128];
	page_flags_str(slab->flags, flags, sizeof(flags)); // Linux: %pGp
	pr_err("Slab 0x%p objects=%u used=%u fp=0x%p flags=%s\n", (void *)slab, slab->objects,
	       slab->inuse, slab->freelist, flags);
}

// Linux: print_trailer. Everything about the object, and its bytes.
static void print_trailer(const struct kmem_cache *s, const struct page *slab, u8 *p)
{
	u8 *addr = slab_address(slab);
	if (s->flags & SLAB_STORE_USER) {
		print_track("Allocated", get_track(s, p, TRACK_ALLOC));
		print_track("Freed", get_track(s, p, TRACK_FREE));
	}
	print_slab_info(slab);
	pr_err("Object 0x%p @offset=%u fp=0x%p\n\n", (void *)p, (unsigned)(p - addr),
	       get_freepointer(s, p));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p - s->red_left_pad, s->red_left_pad);
	else if (p > addr + 16)
		print_section("Bytes b4 ", p - 16, 16);
	print_section("Object   ", p, min(s->object_size, (unsigned int)PAGE_SIZE));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p + s->object_size, s->inuse - s->object_size);
	unsigned int off = get_info_end(s);
	if (s->flags & SLAB_STORE_USER)
		off += 2 * sizeof(struct track);
	if (slub_debug_orig_size(s))
		off += sizeof(unsigned int);
	unsigned int end = s->size - ((s->flags & SLAB_RED_ZONE) ? s->red_left_pad : 0);
	if (off != end)
		print_section("Padding  ", p + off, end - off);
	dump_stack();
}

void object_err(const struct kmem_cache *s, const struct page *slab, u8 *object, const char *reason)
{
	slab_bug(s, "%s", reason);
	print_trailer(s, slab, object);
	add_taint('B');
}

// Linux: slab_err. A report about a whole slab, not one object.
__printf(3, 4) void slab_err(const struct kmem_cache *s, const struct page *slab, const char *fmt,
			     ...)
{
	va_list args;
	va_start(args, fmt);
	struct va_format vaf = {fmt, &args};
	slab_bug(s, "%pV", &vaf);
	va_end(args);
	print_slab_info(slab);
	dump_stack();
	add_taint('B');
}

// --- debug: checks --------------------------------------------------------------------------

static void restore_bytes(const struct kmem_cache *s, const char *what, u8 value, u8 *from, u8 *to)
{
	slab_fix(s, "Restoring %s 0x%p-0x%p=0x%x", what, (void *)from, (void *)(to - 1), value);
	memset(from, value, to - from);
}

// Are bytes [start, start+bytes) all value? Else report, repair, and say no.
static bool check_bytes_and_report(const struct kmem_cache *s, const struct page *slab, u8 *object,
				   const char *what, u8 *start, u8 value, unsigned int bytes)
{
	u8 *fault = (u8 *)memchr_inv(start, value, bytes), *end = start + bytes;
	if (!fault)
		return true;
	while (end > fault && end[-1] == value)
		end--;
	slab_bug(s, "%s overwritten", what);
	pr_err("0x%p-0x%p @offset=%u. First byte 0x%x instead of 0x%x\n", (void *)fault,
	       (void *)(end - 1), (unsigned)(fault - slab_address(slab)), fault[0], value);
	print_trailer(s, slab, object);
	add_taint('B');
	restore_bytes(s, what, value, fault, end);
	return false;
}

// The padding after the metadata holds POISON_INUSE.
static bool check_pad_bytes(const struct kmem_cache *s, const struct page *slab, u8 *p)
{
	unsigned int off =
	    get_info_end(s) + ((s->flags & SLAB_STORE_USER) ? 2 * sizeof(struct track) : 0);
	if (slub_debug_orig_size(s))
		off += sizeof(unsigned int);
	unsigned int end = s->size - ((s->flags & SLAB_RED_ZONE) ? s->red_left_pad : 0);
	if (off >= end)
		return true;
	return check_bytes_and_report(s, slab, p, "Object padding", p + off, POISON_INUSE,
				      end - off);
}

// Linux: check_object. val: SLUB_RED_ACTIVE (allocated) or SLUB_RED_INACTIVE (free).
static bool check_object(const struct kmem_cache *s, const struct page *slab, u8 *p, u8 val)
{
	u8 *endobject = p + s->object_size;
	if (s->flags & SLAB_RED_ZONE) {
		if (!check_bytes_and_report(s, slab, p, "Left Redzone", p - s->red_left_pad, val,
					    s->red_left_pad) ||
		    !check_bytes_and_report(s, slab, p, "Right Redzone", endobject, val,
					    s->inuse - s->object_size))
			return false;
		if (slub_debug_orig_size(s) && val == SLUB_RED_ACTIVE) {
			unsigned int orig = *orig_size_slot(s, p);
			if (orig < s->object_size &&
			    !check_bytes_and_report(s, slab, p, "kmalloc Redzone", p + orig, val,
						    s->object_size - orig))
				return false;
		}
	} else if ((s->flags & SLAB_POISON) && s->object_size < s->inuse) {
		check_bytes_and_report(s, slab, p, "Alignment padding", endobject, POISON_INUSE,
				       s->inuse - s->object_size);
	}
	if (s->flags & SLAB_POISON) {
		if (val != SLUB_RED_ACTIVE && (s->flags & __OBJECT_POISON) &&
		    (!check_bytes_and_report(s, slab, p, "Poison", p, POISON_FREE,
					     s->object_size - 1) ||
		     !check_bytes_and_report(s, slab, p, "End Poison", endobject - 1, POISON_END,
					     1)))
			return false;
		check_pad_bytes(s, slab, p);
	}
	if (!freeptr_outside_object(s) && val == SLUB_RED_ACTIVE)
		return true; // the free pointer is object data while allocated
	if (!check_valid_pointer(s, slab, get_freepointer(s, p))) {
		object_err(s, slab, p, "Freepointer corrupt");
		set_freepointer(s, p, nullptr); // lose the rest of this slab's free list
		return false;
	}
	return true;
}

// Red zones and poison for a free (INACTIVE) or allocated (ACTIVE) object;
// an allocated kmalloc object's slack past the requested size is red zone too.
void init_object(const struct kmem_cache *s, u8 *p, u8 val)
{
	unsigned int poison_size = s->object_size;
	if (s->flags & SLAB_RED_ZONE) {
		memset(p - s->red_left_pad, val, s->red_left_pad);
		if (slub_debug_orig_size(s) && val == SLUB_RED_ACTIVE)
			poison_size = *orig_size_slot(s, p);
	}
	if ((s->flags & __OBJECT_POISON) && poison_size) {
		memset(p, POISON_FREE, poison_size - 1);
		p[poison_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + poison_size, val, s->inuse - poison_size);
}

static bool check_slab(const struct kmem_cache *s, struct page *slab)
{
	if (!PageSlab(slab)) {
		slab_err(s, slab, "Not a valid slab page");
		return false;
	}
	unsigned int max = oo_objects(s->oo);
	if (slab->objects > max || slab->inuse > slab->objects) {
		slab_err(s, slab, "objects/inuse out of range");
		return false;
	}
	return true;
}

// Is search on the slab's free list? Also checks the list itself (Linux: on_freelist).
static bool on_freelist(const struct kmem_cache *s, struct page *slab, void *search)
{
	void *fp = slab->freelist, *object = nullptr;
	unsigned int nr = 0;
	while (fp && nr <= slab->objects) {
		if (fp == search)
			return true;
		if (!check_valid_pointer(s, slab, fp)) {
			if (object) {
				object_err(s, slab, (u8 *)object, "Freechain corrupt");
				set_freepointer(s, object, nullptr);
			} else {
				slab_err(s, slab, "Freepointer corrupt");
				slab->freelist = nullptr;
				slab->inuse = slab->objects;
				slab_fix(s, "Freelist cleared");
				return false;
			}
			break;
		}
		object = fp;
		fp = get_freepointer(s, object);
		nr++;
	}
	if (slab->inuse != slab->objects - nr) {
		slab_bug(s, "Wrong object count. Counter is %d but counted were %d", slab->inuse,
			 slab->objects - nr);
		slab->inuse = slab->objects - nr;
		slab_fix(s, "Object count adjusted");
	}
	return search == nullptr;
}

bool alloc_debug_processing(const struct kmem_cache *s, struct page *slab, u8 *object,
			    unsigned long addr, unsigned int orig_size)
{
	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!check_slab(s, slab))
			goto bad;
		if (!check_valid_pointer(s, slab, object)) {
			object_err(s, slab, object, "Freelist Pointer check fails");
			goto bad;
		}
		if (!check_object(s, slab, object, SLUB_RED_INACTIVE))
			goto bad;
	}
	if (s->flags & SLAB_STORE_USER)
		set_track(s, object, TRACK_ALLOC, addr);
	if (slub_debug_orig_size(s))
		*orig_size_slot(s, object) = orig_size;
	init_object(s, object, SLUB_RED_ACTIVE);
	return true;
bad:
	slab_fix(s, "Marking all objects used");
	slab->inuse = slab->objects;
	slab->freelist = nullptr;
	return false;
}

bool free_debug_processing(const struct kmem_cache *s, struct page *slab, u8 *object,
			   unsigned long addr)
{
	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!check_slab(s, slab))
			goto fail;
		if (!check_valid_pointer(s, slab, object)) {
			slab_err(s, slab, "Invalid object pointer 0x%p", object);
			goto fail;
		}
		if (on_freelist(s, slab, object)) {
			object_err(s, slab, object, "Object already free");
			goto fail;
		}
		if (!check_object(s, slab, object, SLUB_RED_ACTIVE))
			goto fail;
	}
	if (s->flags & SLAB_STORE_USER)
		set_track(s, object, TRACK_FREE, addr);
	init_object(s, object, SLUB_RED_INACTIVE);
	return true;
fail:
	slab_fix(s, "Object at 0x%p not freed", object);
	return false;
}

// --- slub_debug= -------------------------------------------------------------------------

static slab_flags_t slub_debug;
static char slub_debug_caches[128]; // empty: all caches

// slub_debug[=FZPU[,cache,...]] (Linux: setup_slub_debug).
static int __init setup_slub_debug(char *str)
{
	slub_debug = SLAB_DEBUG_FLAGS;
	slub_debug_caches[0] = '\0';
	if (!str || !*str)
		return 0;
	if (*str == '-') {
		slub_debug = 0;
		return 0;
	}
	if (*str != ',') {
		slub_debug = 0;
		for (; *str && *str != ','; str++) {
			switch (tolower(*str)) {
			case 'f': slub_debug |= SLAB_CONSISTENCY_CHECKS; break;
			case 'z': slub_debug |= SLAB_RED_ZONE; break;
			case 'p': slub_debug |= SLAB_POISON; break;
			case 'u': slub_debug |= SLAB_STORE_USER; break;
			default: pr_err("slub_debug option '%c' unknown. skipped\n", *str); break;
			}
		}
	}
	if (*str == ',')
		strlcpy(slub_debug_caches, str + 1, sizeof(slub_debug_caches));
	return 0;
}
early_param("slub_debug", setup_slub_debug);

static bool name_in_list(const char *name, const char *list)
{
	size_t len = strlen(name);
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && !strncmp(p, name, n))
			return true;
		p += n + (end ? 1 : 0);
	}
	return false;
}

slab_flags_t kmem_cache_flags(unsigned int object_size, slab_flags_t flags, const char *name)
{
	if (flags & SLAB_NO_USER_FLAGS) // its flags are the test's, as Linux's slub_kunit
		return flags;
	if (slub_debug && (!slub_debug_caches[0] || name_in_list(name, slub_debug_caches)))
		flags |= slub_debug;
	return flags;
}

// --- reports the allocator makes ------------------------------------------------------------

// Which objects of a slab are free: one bit for every object a slab can
// hold, filled by __fill_map. One map is enough: its users run one at a time.
static unsigned long slab_free_map[BITS_TO_LONGS(MAX_OBJS_PER_PAGE)];

// Linux: __fill_map. A free list that loops or leaves the slab (what
// slub_debug exists to catch) stops the walk instead of hanging it.
static unsigned long *__fill_map(struct kmem_cache *s, struct page *slab)
{
	u8 *addr = slab_address(slab);
	memset(slab_free_map, 0, BITS_TO_LONGS(slab->objects) * sizeof(unsigned long));
	unsigned int nr = 0;
	for (void *fp = slab->freelist; fp && nr++ < slab->objects; fp = get_freepointer(s, fp)) {
		unsigned long i = (unsigned long)((u8 *)fp - addr) / s->size;
		if (i >= slab->objects)
			break;
		slab_free_map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
	}
	return slab_free_map;
}

static bool test_free_bit(const unsigned long *map, unsigned long i)
{
	return (map[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & 1;
}

// "Objects remaining in NAME on __kmem_cache_shutdown()" and each live object.
void list_slab_objects(struct kmem_cache *s, struct page *slab)
{
	slab_err(s, slab, "Objects remaining in %s on __kmem_cache_shutdown()", s->name);
	const unsigned long *map = __fill_map(s, slab);
	u8 *addr = slab_address(slab), *p;
	unsigned long i = 0;
	for_each_object(p, s, addr, slab->objects) {
		if (!test_free_bit(map, i++))
			pr_err("Object 0x%p @offset=%u\n", (void *)p, (unsigned)(p - addr));
	}
}

void slab_out_of_memory(const struct kmem_cache *s, gfp_t gfp)
{
	if (gfp & __GFP_NOWARN)
		return;
	char flags[128];
	gfp_flags_str(gfp, flags, sizeof(flags));
	const struct kmem_cache_node *n = get_node(s);
	pr_warn("SLUB: Unable to allocate memory on node -1, gfp=%#x(%s)\n", gfp, flags);
	pr_warn("  cache: %s, object size: %u, buffer size: %u, default order: %u, min order: %u\n",
		s->name, s->object_size, s->size, oo_order(s->oo), oo_order(s->min));
	unsigned long nr_free = partial_free_objects(&n->partial);
	pr_warn("  node 0: slabs: %lu, objs: %lu, free: %lu\n", n->nr_slabs, n->total_objects,
		nr_free);
}

// --- validation -------------------------------------------------------------------

// Linux: validate_slab. check_slab has bounded slab->objects, and
// on_freelist cut the list at its first bad pointer.
static bool validate_slab(struct kmem_cache *s, struct page *slab)
{
	if (!check_slab(s, slab) || !on_freelist(s, slab, nullptr))
		return false;
	const unsigned long *map = __fill_map(s, slab);
	u8 *addr = slab_address(slab), *p;
	unsigned long i = 0;
	for_each_object(p, s, addr, slab->objects) {
		bool is_free = test_free_bit(map, i++);
		check_object(s, slab, p, is_free ? SLUB_RED_INACTIVE : SLUB_RED_ACTIVE);
	}
	return true;
}

// Linux: validate_slab_cache. Checks every slab and object of s, reporting
// and repairing what it finds; returns the reports printed (0: clean).
// Context: any; interrupts off for the whole walk.
int validate_slab_cache(struct kmem_cache *s)
{
	unsigned long before = slub_debug_errors, irq = local_irq_save();
	flush_cpu_slab(s);
	struct kmem_cache_node *n = get_node(s);
	struct page *slab;
	spin_lock(&n->list_lock);
	list_for_each_entry(slab, &n->partial, slab_list)
		validate_slab(s, slab);
	list_for_each_entry(slab, &n->full, slab_list)
		validate_slab(s, slab);
	spin_unlock(&n->list_lock);
	local_irq_restore(irq);
	return (int)(slub_debug_errors - before);
}

// --- kmalloc red zone -------------------------------------------------------------------------

// krealloc in place: the requested size changes, and with it where a debug
// cache's kmalloc red zone starts (Linux 6.x does the same in __do_krealloc).
// Returns the size recorded before (0 when the cache records none).
size_t kmalloc_resize_in_place(void *obj, size_t new_size)
{
	struct page *slab = virt_to_slab(obj);
	struct kmem_cache *s = slab ? slab->slab_cache : nullptr;
	if (!s || !slub_debug_orig_size(s) || new_size > s->object_size)
		return 0;
	unsigned int old = *orig_size_slot(s, obj);
	*orig_size_slot(s, obj) = (unsigned int)new_size;
	if (new_size < old && (s->flags & SLAB_RED_ZONE))
		memset((u8 *)obj + new_size, SLUB_RED_ACTIVE, old - new_size);
	return old;
}
