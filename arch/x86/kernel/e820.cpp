/*
 * DOC: the e820 memory map (Linux: arch/x86/kernel/e820.c)
 *
 * The firmware describes physical memory as a list of typed ranges. GRUB
 * passes the BIOS's list on in the multiboot2 memory-map tag; nothing
 * guarantees it is sorted, free of overlaps, or sane, so before anyone uses
 * it e820__update_table() rebuilds it:
 *
 *   input (overlapping)        change points            output
 *   1111111111............     |  |    |  |   |         1110000000
 *   ...2222222............  -> sorted by address,  ->   ...2222222 (2 wins:
 *   ........3333333.......     the highest type         ......3333  higher
 *                              covering each piece      types are less usable)
 *
 * Every place where some entry starts or ends is a change point; between two
 * points the type is the highest type of the entries covering that piece, so
 * a byte is only ever "usable" if every entry covering it says so. Pieces of
 * equal type that touch are merged, empty ones vanish.
 *
 * The sanitized table is printed as Linux prints it ("BIOS-e820: [mem ...]"),
 * then mem= and memmap= may edit it ("user-defined physical RAM map:").
 *
 * Differs from Linux: an entry whose end wraps past 2^64 is dropped with a
 * warning and the rest is still sanitized (Linux gives up on the whole map),
 * and a one-entry map is sanitized too. Type 0 is not a real type; it is
 * treated as reserved.
 */
#include <asm/e820/api.h>
#include <asm/multiboot2.h>
#include <asm/page_types.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/memblock.h>
#include <linux/sort.h>
#include <linux/string.h>

static struct e820_table e820_table_init, e820_table_firmware_init;
struct e820_table *e820_table = &e820_table_init;
struct e820_table *e820_table_firmware = &e820_table_firmware_init;

void __e820__range_add(struct e820_table *table, u64 start, u64 size, enum e820_type type)
{
	u32 x = table->nr_entries;
	if (x >= ARRAY_SIZE(table->entries)) {
		pr_err("too many entries; ignoring [mem %#010llx-%#010llx]\n", start,
		       start + size - 1);
		return;
	}
	table->entries[x] = {start, size, type};
	table->nr_entries++;
}

void e820__range_add(u64 start, u64 size, enum e820_type type)
{
	__e820__range_add(e820_table, start, size, type);
}

void e820_print_type(enum e820_type type)
{
	switch (type) {
	case E820_TYPE_RAM:
	case E820_TYPE_RESERVED_KERN: pr_cont("usable"); break;
	case E820_TYPE_RESERVED: pr_cont("reserved"); break;
	case E820_TYPE_SOFT_RESERVED: pr_cont("soft reserved"); break;
	case E820_TYPE_ACPI: pr_cont("ACPI data"); break;
	case E820_TYPE_NVS: pr_cont("ACPI NVS"); break;
	case E820_TYPE_UNUSABLE: pr_cont("unusable"); break;
	case E820_TYPE_PMEM:
	case E820_TYPE_PRAM: pr_cont("persistent (type %u)", type); break;
	default: pr_cont("type %u", type); break;
	}
}

void e820__print_table(const char *who)
{
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		pr_info("%s: [mem %#018Lx-%#018Lx] ", who, e->addr, e->addr + e->size - 1);
		e820_print_type(e->type);
		pr_cont("\n");
	}
}

// --- sanitizing ------------------------------------------------------------

struct change_member {
	u64 addr;
	const struct e820_entry *entry;
};

static struct change_member change_points[2 * E820_MAX_ENTRIES];
static const struct e820_entry *overlap_list[E820_MAX_ENTRIES];
static struct e820_entry new_entries[E820_MAX_ENTRIES];

static bool is_start(const struct change_member *c) { return c->addr == c->entry->addr; }

// By address; at one address starts sort before ends, so that two touching
// ranges of one type never show a zero-length gap and merge.
static int cpcompare(const void *a, const void *b)
{
	const struct change_member *x = (const struct change_member *)a;
	const struct change_member *y = (const struct change_member *)b;
	if (x->addr != y->addr)
		return x->addr > y->addr ? 1 : -1;
	return (int)!is_start(x) - (int)!is_start(y);
}

// Persistent and soft-reserved ranges mark device boundaries: never merged.
static bool e820_nomerge(enum e820_type type)
{
	return type == E820_TYPE_PRAM || type == E820_TYPE_SOFT_RESERVED;
}

// Drops entries that wrap and gives type 0 a meaning; returns how many it dropped.
static int e820_drop_invalid(struct e820_table *table)
{
	u32 kept = 0;
	int rejected = 0;
	for (u32 i = 0; i < table->nr_entries; i++) {
		struct e820_entry e = table->entries[i];
		if (e.size && e.addr + e.size < e.addr) { // as Linux: ending at 2^64 wraps too
			pr_warn("e820: ignoring entry [mem %#018Lx] size %#Lx: it wraps past the "
				"end of the address space\n",
				e.addr, e.size);
			rejected++;
			continue;
		}
		if (e.type == 0)
			e.type = E820_TYPE_RESERVED;
		table->entries[kept++] = e;
	}
	table->nr_entries = kept;
	return rejected;
}

static u32 e820_collect_change_points(const struct e820_table *table)
{
	u32 n = 0;
	for (u32 i = 0; i < table->nr_entries; i++) {
		const struct e820_entry *e = &table->entries[i];
		if (!e->size)
			continue;
		change_points[n++] = {e->addr, e};
		change_points[n++] = {e->addr + e->size, e};
	}
	sort(change_points, n, sizeof(change_points[0]), cpcompare);
	return n;
}

static enum e820_type highest_type(u32 nr_overlap)
{
	u32 t = 0;
	for (u32 i = 0; i < nr_overlap; i++)
		t = max<u32>(t, overlap_list[i]->type);
	return (enum e820_type)t;
}

int e820__update_table(struct e820_table *table)
{
	int rejected = e820_drop_invalid(table);
	u32 nr_points = e820_collect_change_points(table);
	u32 nr_overlap = 0, nr_new = 0;
	enum e820_type last_type = (enum e820_type)0;
	u64 last_addr = 0;

	for (u32 i = 0; i < nr_points; i++) {
		const struct change_member *cp = &change_points[i];
		if (is_start(cp)) {
			overlap_list[nr_overlap++] = cp->entry;
		} else {
			for (u32 j = 0; j < nr_overlap; j++) {
				if (overlap_list[j] == cp->entry) {
					overlap_list[j] = overlap_list[--nr_overlap];
					break;
				}
			}
		}
		enum e820_type type = highest_type(nr_overlap);
		if (type == last_type && !e820_nomerge(type))
			continue;
		if (last_type && cp->addr > last_addr) { // close the piece before cp
			if (nr_new == E820_MAX_ENTRIES) {
				pr_warn("e820: map has more than %d ranges; ignoring [mem "
					"%#018Lx-...]\n",
					E820_MAX_ENTRIES, last_addr);
				break;
			}
			new_entries[nr_new++] = {last_addr, cp->addr - last_addr, last_type};
		}
		last_addr = cp->addr;
		last_type = type;
	}
	memcpy(table->entries, new_entries, nr_new * sizeof(new_entries[0]));
	table->nr_entries = nr_new;
	return rejected;
}

// --- editing ---------------------------------------------------------------

// Splits or trims every entry of old_type (any type unless check_type) that
// meets [start, start+size); the part inside becomes new_type, or goes away
// when new_type is 0. Returns how many bytes changed. Shared by
// e820__range_update and e820__range_remove, which Linux writes twice.
static u64 e820_range_edit(u64 start, u64 size, enum e820_type old_type, bool check_type,
			   enum e820_type new_type)
{
	u64 end = start + size, changed = 0;
	u32 nr = e820_table->nr_entries; // pieces split off below need no visit
	for (u32 i = 0; i < nr; i++) {
		struct e820_entry *e = &e820_table->entries[i];
		u64 e_end = e->addr + e->size;
		if (check_type && e->type != old_type)
			continue;
		u64 lo = max(start, e->addr), hi = min(end, e_end);
		if (lo >= hi)
			continue;
		changed += hi - lo;
		if (new_type)
			e820__range_add(lo, hi - lo, new_type);
		if (e->addr < lo && e_end > hi) // the range is inside: keep both ends
			e820__range_add(hi, e_end - hi, e->type);
		if (e->addr < lo) {
			e->size = lo - e->addr;
		} else if (e_end > hi) {
			e->addr = hi;
			e->size = e_end - hi;
		} else {
			*e = {0, 0, (enum e820_type)0}; // fully covered: an empty slot
		}
	}
	return changed;
}

static u64 clamp_size(u64 start, u64 size) { return min(size, U64_MAX - start); }

u64 e820__range_update(u64 start, u64 size, enum e820_type old_type, enum e820_type new_type)
{
	size = clamp_size(start, size);
	printk(KERN_DEBUG "e820: update [mem %#010Lx-%#010Lx] ", start, start + size - 1);
	e820_print_type(old_type);
	pr_cont(" ==> ");
	e820_print_type(new_type);
	pr_cont("\n");
	return e820_range_edit(start, size, old_type, true, new_type);
}

u64 e820__range_remove(u64 start, u64 size, enum e820_type old_type, bool check_type)
{
	size = clamp_size(start, size);
	printk(KERN_DEBUG "e820: remove [mem %#010Lx-%#010Lx] ", start, start + size - 1);
	if (check_type)
		e820_print_type(old_type);
	pr_cont("\n");
	return e820_range_edit(start, size, old_type, check_type, (enum e820_type)0);
}

// --- queries ---------------------------------------------------------------

bool e820__mapped_any(u64 start, u64 end, enum e820_type type)
{
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		if ((!type || e->type == type) && e->addr < end && e->addr + e->size > start)
			return true;
	}
	return false;
}

// True if [start, end) is covered by entries of the type (the table is sorted).
bool e820__mapped_all(u64 start, u64 end, enum e820_type type)
{
	for (u32 i = 0; i < e820_table->nr_entries && start < end; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		if ((!type || e->type == type) && e->addr <= start && e->addr + e->size > start)
			start = e->addr + e->size;
	}
	return start >= end;
}

u64 e820__ram_above_4g(void)
{
	const u64 four_g = 1ULL << 32;
	u64 bytes = 0;
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		if (e820_type_is_ram(e->type) && e->addr + e->size > four_g)
			bytes += e->addr + e->size - max(e->addr, four_g);
	}
	return bytes;
}

// --- boot ------------------------------------------------------------------

// No memory map: build one from the basic meminfo tag (Linux's e801 fallback).
static void __init e820_from_meminfo(const struct mb2_info *info)
{
	e820_table->nr_entries = 0;
	e820__range_add(0, (u64)info->mem_lower_kb << 10, E820_TYPE_RAM);
	e820__range_add(SZ_1M, (u64)info->mem_upper_kb << 10, E820_TYPE_RAM);
}

void __init e820__memory_setup(const struct mb2_info *info)
{
	const char *who = "BIOS-e820";
	e820_table->nr_entries = 0;
	if (info->mmap)
		multiboot2_mmap_to_e820(info->mmap, e820_table);
	if (e820_table->nr_entries < 2 && info->has_meminfo) {
		pr_warn("e820: the boot loader's memory map is missing or has under two entries; "
			"using its basic memory info\n");
		e820_from_meminfo(info);
		who = "BIOS-e801";
	}
	e820__update_table(e820_table);
	*e820_table_firmware = *e820_table;
	pr_info("BIOS-provided physical RAM map:\n");
	e820__print_table(who);

	if (u64 high = e820__ram_above_4g())
		pr_warn("e820: %LuMB of RAM above 4GB cannot be addressed without PAE; this kernel "
			"will not use it\n",
			high >> 20);
}

// --- mem= and memmap= --------------------------------------------------------

static bool userdef;

/*
 * A size or an address for mem=/memmap=. Linux's memparse() wraps a number
 * past 64 bits (2^64 reads as 0, 2^64+1M as 1M), and a wrapped memmap= size
 * then invents RAM up to the top of the address space, where the kernel
 * builds its mem_map and hangs; such a number is refused (-ERANGE).
 */
static int __init parse_u64(char *s, char **end, u64 *v)
{
	unsigned long long x;
	int err = memparse_safe(s, end, &x);
	if (!err)
		*v = x;
	return err;
}

// mem=nn[KMG]: forget usable RAM above nn.
static int __init parse_memopt(char *p)
{
	if (!p)
		return -EINVAL;
	char *end;
	u64 mem_size;
	if (parse_u64(p, &end, &mem_size) || mem_size == 0 || *end)
		return -EINVAL;
	e820__range_remove(mem_size, U64_MAX - mem_size, E820_TYPE_RAM, true);
	userdef = true;
	return 0;
}
early_param("mem", parse_memopt);

// memmap=nn%ss-old+new: retype [ss, ss+nn) from old to new (either optional).
static int __init parse_memmap_retype(u64 size, char *p)
{
	u64 start;
	if (parse_u64(p, &p, &start))
		return -EINVAL;
	if (start + size < start)
		return -ERANGE;
	enum e820_type from = (enum e820_type)0, to = (enum e820_type)0;
	if (*p == '-')
		from = (enum e820_type)simple_strtoull(p + 1, &p, 0);
	if (*p == '+')
		to = (enum e820_type)simple_strtoull(p + 1, &p, 0);
	if (*p)
		return -EINVAL;
	if (from && to)
		e820__range_update(start, size, from, to);
	else if (to)
		e820__range_add(start, size, to);
	else
		e820__range_remove(start, size, from, from != 0);
	return 0;
}

// One memmap= item: exactmap | nn@ss | nn#ss | nn$ss | nn!ss | nn%ss-t+t | nn
static int __init parse_memmap_one(char *p)
{
	if (!strcmp(p, "exactmap")) {
		e820_table->nr_entries = 0;
		userdef = true;
		return 0;
	}
	u64 size;
	int err = parse_u64(p, &p, &size);
	if (err)
		return err;
	userdef = true;
	static const struct {
		char sep;
		enum e820_type type;
	} adds[] = {
	    {'@', E820_TYPE_RAM},
	    {'#', E820_TYPE_ACPI},
	    {'$', E820_TYPE_RESERVED},
	    {'!', E820_TYPE_PRAM},
	};
	for (const auto &a : adds) {
		if (*p == a.sep) {
			u64 start;
			if ((err = parse_u64(p + 1, &p, &start)))
				return err;
			if (*p)
				return -EINVAL;
			if (start + size < start)
				return -ERANGE;
			e820__range_add(start, size, a.type);
			return 0;
		}
	}
	if (*p == '%')
		return parse_memmap_retype(size, p + 1);
	if (*p)
		return -EINVAL;
	e820__range_remove(size, U64_MAX - size, E820_TYPE_RAM, true); // like mem=
	return 0;
}

static int __init parse_memmap_opt(char *str)
{
	int ret = 0;
	if (!str)
		return -EINVAL;
	while (str) {
		char *next = strchr(str, ',');
		if (next)
			*next++ = '\0';
		int err = parse_memmap_one(str);
		if (err == -ERANGE)
			pr_warn("memmap=%s: does not fit in 64 bits; ignored\n", str);
		else if (err)
			pr_warn("memmap=%s: not understood; ignored\n", str);
		if (err)
			ret = -EINVAL;
		str = next;
	}
	return ret;
}
early_param("memmap", parse_memmap_opt);

void __init e820__finish_early_params(void)
{
	if (!userdef)
		return;
	e820__update_table(e820_table);
	pr_info("user-defined physical RAM map:\n");
	e820__print_table("user");
}

// Forgets mem=/memmap= edits; host tests and ktests start each case afresh.
void e820__reset_userdef(void) { userdef = false; }

bool e820__user_defined(void) { return userdef; }

// The largest gap below 4 GiB (at least 4 MiB) is where PCI BARs may go.
void __init e820__setup_pci_gap(void)
{
	u64 last = 1ULL << 32, gap_start = 0x10000000, gap_size = 0x400000;
	bool found = false;
	for (u32 i = e820_table->nr_entries; i-- > 0;) {
		const struct e820_entry *e = &e820_table->entries[i];
		u64 end = e->addr + e->size;
		if (last > end && last - end >= gap_size) {
			gap_size = last - end;
			gap_start = end;
			found = true;
		}
		last = min(last, e->addr);
	}
	if (!found)
		gap_size = 0x400000;
	pr_info("[mem %#010lx-%#010lx] available for PCI devices\n", (unsigned long)gap_start,
		(unsigned long)(gap_start + gap_size - 1));
}

// --- handing RAM to memblock ---------------------------------------------------

#define MAX_ARCH_PFN (1UL << (32 - PAGE_SHIFT)) // non-PAE: 4 GiB

// The end (pfn) of the highest range of type below limit_pfn (Linux: e820_end_pfn).
static unsigned long __init e820_end_pfn(unsigned long limit_pfn, enum e820_type type)
{
	unsigned long last_pfn = 0;
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		if (e->type != type)
			continue;
		u64 start_pfn = e->addr >> PAGE_SHIFT, end_pfn = (e->addr + e->size) >> PAGE_SHIFT;
		if (start_pfn >= limit_pfn)
			continue;
		if (end_pfn > limit_pfn) {
			last_pfn = limit_pfn;
			break;
		}
		last_pfn = max<unsigned long>(last_pfn, (unsigned long)end_pfn);
	}
	last_pfn = min(last_pfn, MAX_ARCH_PFN);
	pr_info("last_pfn = %#lx max_arch_pfn = %#lx\n", last_pfn, MAX_ARCH_PFN);
	return last_pfn;
}

unsigned long e820__end_of_ram_pfn(void) { return e820_end_pfn(MAX_ARCH_PFN, E820_TYPE_RAM); }

/*
 * Every usable e820 range becomes memblock memory, trimmed to whole pages
 * (Linux: e820__memblock_setup). Ranges that end beyond what phys_addr_t can
 * hold (above 4 GiB here) are left out.
 */
void __init e820__memblock_setup(void)
{
	memblock_allow_resize();
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		u64 end = e->addr + e->size;
		if (end != (phys_addr_t)end)
			continue;
		if (e->type == E820_TYPE_SOFT_RESERVED)
			memblock_reserve(e->addr, e->size);
		if (!e820_type_is_ram(e->type))
			continue;
		memblock_add(e->addr, e->size);
	}
	memblock_trim_memory(PAGE_SIZE);
	memblock_dump_all();
}
