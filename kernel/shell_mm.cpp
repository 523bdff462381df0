/*
 * DOC: the shell commands that take and give back memory
 *
 * Everything the student allocates from the shell is held in one table, so a
 * free of anything else (a typo, a pfn the kernel owns) is refused with a
 * message instead of corrupting the kernel, and `release` gives it all back.
 */
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/page_owner.h>
#include <linux/pgwalk.h>
#include <linux/printk.h>
#include <linux/seq_buf.h>
#include <linux/shell.h>
#include <linux/slab.h>
#include <linux/slub_def.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include <asm/pgtable_32_areas.h>

enum held_kind { HELD_NONE, HELD_PAGES, HELD_KMALLOC, HELD_VMALLOC, HELD_CACHE_OBJ, HELD_KMAP };

static const char *const held_names[] = {"", "alloc", "kmalloc", "vmalloc", "cache alloc", "kmap"};

struct held {
	enum held_kind kind;
	void *obj; // struct page * for HELD_PAGES and HELD_KMAP
	unsigned int order;
	struct kmem_cache *cache;
};

static struct held held[64];
static struct kmem_cache *shell_caches[8];

static struct held *hold(enum held_kind kind, void *obj)
{
	for (struct held &h : held)
		if (h.kind == HELD_NONE) {
			h = {kind, obj, 0, nullptr};
			return &h;
		}
	pr_err("the shell holds %zu things already; 'release' gives them back\n", ARRAY_SIZE(held));
	return nullptr;
}

// The entry holding obj as kind, or NULL after saying why (cmd names the command).
static struct held *held_find(enum held_kind kind, const void *obj, const char *cmd,
			      unsigned long shown)
{
	for (struct held &h : held)
		if (h.kind == kind && h.obj == obj)
			return &h;
	pr_err("%s: %#lx was not handed out by '%s'; refused\n", cmd, shown, held_names[kind]);
	return nullptr;
}

// The page a "<cmd> <pfn>" command names among what the shell holds as
// kind, or NULL after saying why.
static struct held *held_page_arg(int argc, char **argv, enum held_kind kind, unsigned long *pfn)
{
	if (!number_arg(argc, argv, "<pfn>", 0, ULONG_MAX, pfn))
		return nullptr;
	return held_find(kind, *pfn < max_pfn ? pfn_to_page(*pfn) : nullptr, argv[0], *pfn);
}

static void give_back(struct held *h)
{
	switch (h->kind) {
	case HELD_PAGES: __free_pages((struct page *)h->obj, h->order); break;
	case HELD_KMALLOC: kfree(h->obj); break;
	case HELD_VMALLOC: vfree(h->obj); break;
	case HELD_CACHE_OBJ: kmem_cache_free(h->cache, h->obj); break;
	case HELD_KMAP: kunmap((struct page *)h->obj); break;
	case HELD_NONE: break;
	}
	h->kind = HELD_NONE;
}

// --- pages ----------------------------------------------------------------------------------

// "alloc <order> [flags...]": flags by name, joined by '|' or spaces.
bool cmd_alloc(int argc, char **argv)
{
	unsigned long order;
	gfp_t gfp = (gfp_t)0;
	if (argc < 2 || !shell_arg_ulong("alloc", "order", argv[1], 0, MAX_ORDER - 1, &order)) {
		pr_err(
		    "usage: alloc <order> [GFP_KERNEL|__GFP_MOVABLE|GFP_DMA|GFP_HIGHUSER...]; the "
		    "largest block is order %d\n",
		    MAX_ORDER - 1);
		return false;
	}
	for (int i = 2; i < argc; i++)
		for (char *name = argv[i], *next; name; name = next) {
			next = strchr(name, '|');
			if (next)
				*next++ = '\0';
			if (*name && !gfp_from_name(name, &gfp)) {
				pr_err("alloc: unknown gfp flag '%s'\n", name);
				return false;
			}
		}
	gfp = gfp ? gfp : GFP_KERNEL;
	struct held *h = hold(HELD_PAGES, nullptr);
	if (!h)
		return false;
	drain_all_pages(nullptr); // pages on pcp lists are not in buddyinfo: compare like with like
	show_view(buddyinfo_show);
	struct page *page = alloc_pages(gfp, (unsigned int)order);
	if (!page) { // the allocator has said why, unless told not to
		h->kind = HELD_NONE;
		return true;
	}
	h->obj = page;
	h->order = (unsigned int)order;
	drain_all_pages(nullptr);
	char flags[128];
	gfp_flags_str(gfp, flags, sizeof(flags));
	pr_info("alloc: order %lu at pfn %#lx, zone %s, gfp %s\n", order, page_to_pfn(page),
		page_zone(page)->name, flags);
	show_view(buddyinfo_show);
	return true;
}

bool cmd_free(int argc, char **argv)
{
	unsigned long pfn;
	struct held *h = held_page_arg(argc, argv, HELD_PAGES, &pfn);
	if (!h)
		return false;
	unsigned int order = h->order;
	give_back(h);
	drain_all_pages(nullptr);
	pr_info("free: order %u at pfn %#lx\n", order, pfn);
	show_view(buddyinfo_show);
	return true;
}

// --- kmalloc and vmalloc ------------------------------------------------------------------

bool cmd_kmalloc(int argc, char **argv)
{
	unsigned long size;
	if (!number_arg(argc, argv, "<size>", 0, ULONG_MAX, &size))
		return false;
	void *p = kmalloc(size, GFP_KERNEL);
	if (ZERO_OR_NULL_PTR(p)) {
		pr_err("kmalloc(%lu) = %s\n", size, p ? "ZERO_SIZE_PTR: nothing to keep" : "NULL");
		return false;
	}
	if (!hold(HELD_KMALLOC, p)) {
		kfree(p);
		return false;
	}
	pr_info("kmalloc(%lu) = %p (ksize %zu)\n", size, p, ksize(p));
	return true;
}

// kfree/vfree of what the shell handed out; anything else is refused.
static bool free_held(int argc, char **argv, enum held_kind kind)
{
	unsigned long a;
	if (!number_arg(argc, argv, "<addr>", 0, ULONG_MAX, &a))
		return false;
	struct held *h = held_find(kind, (void *)a, argv[0], a);
	if (!h)
		return false;
	give_back(h);
	pr_info("%s(%#lx)\n", argv[0], a);
	return true;
}
bool cmd_kfree(int argc, char **argv) { return free_held(argc, argv, HELD_KMALLOC); }
bool cmd_vfree(int argc, char **argv) { return free_held(argc, argv, HELD_VMALLOC); }

bool cmd_vmalloc(int argc, char **argv)
{
	unsigned long size;
	if (!number_arg(argc, argv, "<size>", 1, ULONG_MAX, &size))
		return false;
	void *p = vmalloc(size);
	if (!p) { // vmalloc may have warned; say what came back either way
		pr_err("vmalloc(%lu) = NULL\n", size);
		return false;
	}
	if (!hold(HELD_VMALLOC, p)) {
		vfree(p);
		return false;
	}
	pr_info("vmalloc(%lu) = %p\n", size, p);
	show_view(vmallocinfo_show);
	return true;
}

// --- a cache of the student's own ----------------------------------------------------------

static struct kmem_cache **cache_slot(const char *name)
{
	for (struct kmem_cache *&c : shell_caches)
		if (c && !strcmp(c->name, name))
			return &c;
	return nullptr;
}

static void show_cache(struct kmem_cache *s)
{
	char line[160];
	struct seq_buf sb;
	seq_buf_init(&sb, line, sizeof(line));
	slabinfo_show_cache(&sb, s);
	seq_buf_print_lines(&sb);
}

#define CACHE_NAME_LEN 32

static bool cache_create(const char *name, const char *size_arg)
{
	unsigned long size;
	if (!shell_arg_ulong("cache create", "size", size_arg, 1, KMALLOC_MAX_CACHE_SIZE, &size))
		return false;
	if (strlen(name) >= CACHE_NAME_LEN) { // a cut name would never be found again
		pr_err("cache create: name '%s' is longer than %d characters\n", name,
		       CACHE_NAME_LEN - 1);
		return false;
	}
	if (cache_slot(name)) {
		pr_err("cache create: '%s' exists\n", name);
		return false;
	}
	struct kmem_cache **slot = nullptr;
	for (struct kmem_cache *&c : shell_caches)
		if (!c && !slot)
			slot = &c;
	if (!slot) {
		pr_err("cache create: the shell has %zu caches; destroy one\n",
		       ARRAY_SIZE(shell_caches));
		return false;
	}
	static char names[ARRAY_SIZE(shell_caches)][CACHE_NAME_LEN]; // the cache keeps the pointer
	char *keep = names[slot - shell_caches];
	strlcpy(keep, name, sizeof(names[0]));
	*slot = kmem_cache_create(keep, (unsigned int)size, 0, 0, nullptr);
	if (!*slot)
		return false;
	pr_info("cache create: %s: objects of %lu bytes take %u each (alignment, free pointer, "
		"debug data)\n",
		keep, size, (*slot)->size);
	show_cache(*slot);
	return true;
}

static bool cache_alloc(struct kmem_cache *s)
{
	void *obj = kmem_cache_alloc(s, GFP_KERNEL);
	if (!obj)
		return false;
	struct held *h = hold(HELD_CACHE_OBJ, obj);
	if (!h) {
		kmem_cache_free(s, obj);
		return false;
	}
	h->cache = s;
	pr_info("cache alloc: %s: %p\n", s->name, obj);
	show_cache(s);
	return true;
}

static bool cache_destroy(struct kmem_cache **slot)
{
	for (struct held &h : held)
		if (h.kind == HELD_CACHE_OBJ && h.cache == *slot) {
			pr_err("cache destroy: %s still has objects (%p ...); free them or "
			       "'release'\n",
			       (*slot)->name, h.obj);
			return false;
		}
	pr_info("cache destroy: %s\n", (*slot)->name);
	kmem_cache_destroy(*slot);
	*slot = nullptr;
	return true;
}

// "cache create <name> <size>", "cache alloc <name>", "cache free <addr>",
// "cache destroy <name>".
bool cmd_cache(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";
	if (argc == 4 && !strcmp(op, "create"))
		return cache_create(argv[2], argv[3]);
	if (argc == 3 && !strcmp(op, "free")) {
		unsigned long a;
		struct held *h;
		if (!shell_arg_ulong("cache free", "addr", argv[2], 0, ULONG_MAX, &a) ||
		    !(h = held_find(HELD_CACHE_OBJ, (void *)a, "cache free", a)))
			return false;
		struct kmem_cache *s = h->cache;
		give_back(h);
		pr_info("cache free: %s: %#lx\n", s->name, a);
		show_cache(s);
		return true;
	}
	if (argc == 3 && (!strcmp(op, "alloc") || !strcmp(op, "destroy"))) {
		struct kmem_cache **slot = cache_slot(argv[2]);
		if (!slot) {
			pr_err("cache %s: no cache '%s' made by 'cache create'\n", op, argv[2]);
			return false;
		}
		return !strcmp(op, "alloc") ? cache_alloc(*slot) : cache_destroy(slot);
	}
	pr_err("usage: cache create <name> <size> | alloc <name> | free <addr> | destroy <name>\n");
	return false;
}

// Linux: echo 1 > /sys/kernel/slab/<cache>/validate. Every slab of the
// cache checked (what slub_debug's letters enable), reports printed as
// Linux prints them, bytes repaired.
bool cmd_validate(int, char **argv)
{
	struct kmem_cache *s = kmem_cache_by_name(argv[1]);
	if (!s) {
		pr_err("validate: no cache '%s' (slabinfo lists them)\n", argv[1]);
		return false;
	}
	int reports = validate_slab_cache(s);
	pr_info("validate: %s: %d report%s\n", s->name, reports, reports == 1 ? "" : "s");
	return reports == 0;
}

// --- kmap -----------------------------------------------------------------------------------

static void show_bytes(const u8 *p) { pr_info("  first bytes: %*ph\n", 16, p); }

// "kmap <pfn>": maps the page with kmap and holds it; "kunmap <pfn>" lets go.
bool cmd_kmap(int argc, char **argv)
{
	unsigned long pfn;
	if (!number_arg(argc, argv, "<pfn>", 0, ULONG_MAX, &pfn))
		return false;
	if (pfn >= max_pfn || !memblock_is_memory(PFN_PHYS(pfn))) {
		pr_err("kmap: pfn %#lx is not RAM\n", pfn);
		return false;
	}
	struct page *page = pfn_to_page(pfn);
	struct held *h = hold(HELD_KMAP, page);
	if (!h)
		return false;
	u8 *va = (u8 *)kmap(page);
	if (!va) {
		h->kind = HELD_NONE;
		return false; // kmap warned: every slot is taken
	}
	if (!PageHighMem(page)) {
		pr_info("kmap: pfn %#lx is lowmem (zone %s): kmap returns its direct-map address "
			"%p, no slot used\n",
			pfn, page_zone(page)->name, va);
	} else {
		pr_info("kmap: pfn %#lx is HighMem: pkmap slot %lu at %p; %d slots in use\n", pfn,
			PKMAP_NR(va), va, nr_pkmaps_in_use());
	}
	struct pgwalk w;
	bool mapped = pgwalk_current((unsigned long)va, &w);
	pgwalk_print(&w);
	if (mapped) // reading a free page debug_pagealloc unmapped would fault
		show_bytes(va);
	return true;
}

bool cmd_kunmap(int argc, char **argv)
{
	unsigned long pfn;
	struct held *h = held_page_arg(argc, argv, HELD_KMAP, &pfn);
	if (!h)
		return false;
	give_back(h);
	pr_info("kunmap: pfn %#lx; %d pkmap slots in use (a freed slot's pte is cleared when the "
		"ring wraps)\n",
		pfn, nr_pkmaps_in_use());
	return true;
}

// --- everything at once --------------------------------------------------------------------

bool cmd_release(int, char **)
{
	unsigned int n[ARRAY_SIZE(held_names)] = {}, caches = 0;
	for (struct held &h : held)
		if (h.kind != HELD_NONE) {
			n[h.kind]++;
			give_back(&h);
		}
	for (struct kmem_cache *&c : shell_caches)
		if (c) {
			kmem_cache_destroy(c);
			c = nullptr;
			caches++;
		}
	drain_all_pages(nullptr);
	pr_info("release: %u page blocks, %u kmalloc, %u vmalloc, %u cache objects, %u kmaps, %u "
		"caches\n",
		n[HELD_PAGES], n[HELD_KMALLOC], n[HELD_VMALLOC], n[HELD_CACHE_OBJ], n[HELD_KMAP],
		caches);
	return true;
}

// --- page_owner -----------------------------------------------------------------------------

struct page_owner_walk {
	unsigned long max, shown;
};

static bool page_owner_one(unsigned long pfn, const struct page_owner *po, void *arg)
{
	struct page_owner_walk *w = (struct page_owner_walk *)arg;
	if (w->shown >= w->max)
		return true; // keep counting
	static char buf[2048];
	struct seq_buf s;
	seq_buf_init(&s, buf, sizeof(buf));
	print_page_owner(&s, pfn, po);
	seq_buf_print_lines(&s);
	w->shown++;
	return !shell_interrupted();
}

// "page_owner [max]": /sys/kernel/debug/page_owner's records for the first
// max allocated blocks (16 unless given), then how many there are.
bool cmd_page_owner(int argc, char **argv)
{
	struct page_owner_walk w = {16, 0};
	if (argc > 1 && !shell_arg_ulong("page_owner", "max", argv[1], 0, ULONG_MAX, &w.max))
		return false;
	if (!page_owner_inited) {
		pr_err("page_owner: not enabled; boot with page_owner=on\n");
		return false;
	}
	unsigned long total = for_each_page_owner(page_owner_one, &w);
	pr_info("page_owner: %lu allocated blocks, %lu shown\n", total, w.shown);
	return true;
}
