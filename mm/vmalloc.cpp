/*
 * The vmalloc area (Linux: mm/vmalloc.c).
 *
 * Address space: every range of [vmap_start, vmap_end) is in exactly one of
 * two red-black trees of struct vmap_area, both sorted by address and each
 * mirrored by an address-ordered list:
 *   busy  -- handed out (vmalloc, vmap, ioremap); found by address on free;
 *   free  -- the holes, augmented with subtree_max_size (the largest hole in
 *            each subtree), so the lowest hole that fits is found by walking
 *            down only into subtrees that have one (Linux since 5.2).
 * Freed ranges merge with the free neighbours on each side.
 *
 * Pages and page tables: vmalloc takes single pages, HighMem first, and maps
 * them with PAGE_KERNEL ptes in swapper_pg_dir; the pte tables are allocated
 * when first needed and kept (Linux does too).
 *
 * Differs from Linux: no lazy purging (each vunmap flushes the TLB at once:
 * one invlpg per page, or a full flush for big areas), no per-CPU vmap
 * blocks, no huge vmalloc mappings, pages allocated one by one.
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kmem_pool.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/mm_trace.h>
#include <linux/pgtable.h>
#include <linux/printk.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

static unsigned long vmap_start, vmap_end;
static struct rb_root vmap_area_root = RB_ROOT;
static LIST_HEAD(vmap_area_list);
static struct rb_root free_vmap_area_root = RB_ROOT;
static LIST_HEAD(free_vmap_area_list);
// Linux's two: vmap_area_lock for the busy tree and list, free_vmap_area_lock
// for the free ones; never held together, so their order does not matter.
static DEFINE_SPINLOCK(vmap_area_lock);
static DEFINE_SPINLOCK(free_vmap_area_lock);
static KmemPool<vmap_area> vmap_area_pool;
static unsigned long nr_vmalloc_pages;

static struct vmap_area *va_of(struct rb_node *n)
{
	return rb_entry_safe(n, struct vmap_area, rb_node);
}
static unsigned long va_size(const struct vmap_area *va) { return va->va_end - va->va_start; }

// --- the two trees --------------------------------------------------------------------------

static unsigned long subtree_max(struct rb_node *n) { return n ? va_of(n)->subtree_max_size : 0; }

static bool recompute_subtree_max(struct rb_node *n)
{
	struct vmap_area *va = va_of(n);
	unsigned long m = max(va_size(va), max(subtree_max(n->rb_left), subtree_max(n->rb_right)));
	bool changed = m != va->subtree_max_size;
	va->subtree_max_size = m;
	return changed;
}
static const struct rb_augment_callbacks free_vmap_callbacks = {recompute_subtree_max};

// Where va belongs in root: the *link to fill, under *parent. Linux's also
// refuses an overlapping va; ours are never handed one.
static struct rb_node **find_va_links(struct vmap_area *va, struct rb_root *root,
				      struct rb_node **parent)
{
	struct rb_node **link = &root->rb_node;
	*parent = nullptr;
	while (*link) {
		*parent = *link;
		link =
		    va->va_start < va_of(*link)->va_start ? &(*link)->rb_left : &(*link)->rb_right;
	}
	return link;
}

// The list position after which an area linked at (parent, link) goes.
static struct list_head *list_prev_of(struct list_head *head, struct rb_node *parent,
				      struct rb_node **link)
{
	if (!parent)
		return head;
	struct vmap_area *p = va_of(parent);
	return link == &parent->rb_right ? &p->list : p->list.prev;
}

static void link_va(struct vmap_area *va, struct rb_root *root, struct rb_node *parent,
		    struct rb_node **link, struct list_head *head)
{
	list_add(&va->list, list_prev_of(head, parent, link));
	va->subtree_max_size = va_size(va);
	rb_link_node(&va->rb_node, parent, link);
	rb_insert_color(&va->rb_node, root);
}

static void insert_vmap_area(struct vmap_area *va, struct rb_root *root, struct list_head *head)
{
	struct rb_node *parent;
	struct rb_node **link = find_va_links(va, root, &parent);
	link_va(va, root, parent, link, head);
}

static void unlink_va(struct vmap_area *va, struct rb_root *root)
{
	rb_erase(&va->rb_node, root);
	list_del(&va->list);
}

// The busy area holding addr (Linux: __find_vmap_area; the caller holds
// vmap_area_lock).
static struct vmap_area *__find_vmap_area(unsigned long addr)
{
	struct rb_node *n = vmap_area_root.rb_node;
	while (n) {
		struct vmap_area *va = va_of(n);
		if (addr < va->va_start)
			n = n->rb_left;
		else if (addr >= va->va_end)
			n = n->rb_right;
		else
			return va;
	}
	return nullptr;
}

// --- finding and returning space --------------------------------------------------------------

static bool is_within_this_va(const struct vmap_area *va, unsigned long size, unsigned long align,
			      unsigned long vstart)
{
	unsigned long start = ALIGN(max(va->va_start, vstart), align);
	return start >= va->va_start && start + size > start && start + size <= va->va_end;
}

// The lowest free area with room for an aligned block of size at or above
// vstart. Subtrees whose largest hole is too small are never entered; a left
// subtree lies wholly below its node, so it is skipped when the node starts
// at or below vstart. Linux's walks iteratively from the root and may
// widen size by align; this one recurses from node n.
static struct vmap_area *find_vmap_lowest_match(struct rb_node *n, unsigned long size,
						unsigned long align, unsigned long vstart)
{
	if (!n || subtree_max(n) < size)
		return nullptr;
	struct vmap_area *va = va_of(n);
	if (vstart < va->va_start)
		if (struct vmap_area *found =
			find_vmap_lowest_match(n->rb_left, size, align, vstart))
			return found;
	if (is_within_this_va(va, size, align, vstart))
		return va;
	return find_vmap_lowest_match(n->rb_right, size, align, vstart);
}

// Takes [start, start + size) out of the free area va: all of it, its
// head, its tail, or its middle (va splits in two, the lower part into
// spare). Linux 6.1 classifies the four cases first (classify_va_fit_type);
// the middle split takes its spare from a per-CPU preload
// (ne_fit_preload_node). Later kernels call this va_clip.
static void adjust_va_to_fit_type(struct vmap_area *va, unsigned long start, unsigned long size,
				  struct vmap_area *spare)
{
	unsigned long end = start + size;
	if (va->va_start == start && va->va_end == end) {
		unlink_va(va, &free_vmap_area_root);
		vmap_area_pool.destroy(va);
		vmap_area_pool.destroy(spare);
		return;
	}
	if (va->va_start == start) {
		va->va_start = end;
	} else if (va->va_end == end) {
		va->va_end = start;
	} else {
		spare->va_start = va->va_start;
		spare->va_end = start;
		va->va_start = end;
		rb_augment_propagate(&va->rb_node, &free_vmap_area_root);
		insert_vmap_area(spare, &free_vmap_area_root, &free_vmap_area_list);
		return;
	}
	vmap_area_pool.destroy(spare);
	rb_augment_propagate(&va->rb_node, &free_vmap_area_root);
}

static struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align, gfp_t gfp)
{
	if (!size || (size & ~PAGE_MASK) || (align & (align - 1))) // Linux: -EINVAL
		return nullptr;
	struct vmap_area *busy = vmap_area_pool.create(GFP_KERNEL);
	struct vmap_area *spare = vmap_area_pool.create(GFP_KERNEL); // in case of a split
	struct vmap_area *va = nullptr;
	if (busy && spare) { // before adjust_va_to_fit_type, which may free spare
		// Linux: va_start and va_end are no references (kmemleak_vmalloc counts two)
		kmemleak_scan_area(&busy->rb_node, SIZE_MAX, GFP_KERNEL);
		kmemleak_scan_area(&spare->rb_node, SIZE_MAX, GFP_KERNEL);
	}
	spin_lock(&free_vmap_area_lock);
	if (busy && spare)
		va = find_vmap_lowest_match(free_vmap_area_root.rb_node, size, align, vmap_start);
	unsigned long start = va ? ALIGN(max(va->va_start, vmap_start), align) : 0;
	if (va)
		adjust_va_to_fit_type(va, start, size, spare);
	spin_unlock(&free_vmap_area_lock);
	if (!va) {
		vmap_area_pool.destroy(busy);
		vmap_area_pool.destroy(spare);
		// Linux says this only when the range is full; a vmap_area that
		// could not be had is -ENOMEM, and vmalloc's own warning says so
		if (busy && spare && !(gfp & __GFP_NOWARN))
			pr_warn("vmap allocation for size %lu failed: use vmalloc=<size> to "
				"increase size\n",
				size);
		return nullptr;
	}
	busy->va_start = start;
	busy->va_end = start + size;
	busy->vm = nullptr;
	spin_lock(&vmap_area_lock);
	insert_vmap_area(busy, &vmap_area_root, &vmap_area_list);
	spin_unlock(&vmap_area_lock);
	return busy;
}

// Puts va into the free tree, merged with the free neighbours on either
// side (Linux passes the tree; there is only the one here).
static void merge_or_add_vmap_area(struct vmap_area *va)
{
	struct rb_node *parent;
	struct rb_node **link = find_va_links(va, &free_vmap_area_root, &parent);
	struct list_head *before = list_prev_of(&free_vmap_area_list, parent, link);
	struct vmap_area *prev =
	    before != &free_vmap_area_list ? list_entry(before, struct vmap_area, list) : nullptr;
	struct vmap_area *next = before->next != &free_vmap_area_list
				     ? list_entry(before->next, struct vmap_area, list)
				     : nullptr;
	if (next && next->va_start == va->va_end) {
		next->va_start = va->va_start;
		vmap_area_pool.destroy(va);
		rb_augment_propagate(&next->rb_node, &free_vmap_area_root);
		va = next;
		if (prev && prev->va_end == va->va_start) { // it closes a gap: three become one
			unlink_va(va, &free_vmap_area_root);
			prev->va_end = va->va_end;
			vmap_area_pool.destroy(va);
			rb_augment_propagate(&prev->rb_node, &free_vmap_area_root);
		}
	} else if (prev && prev->va_end == va->va_start) {
		prev->va_end = va->va_end;
		vmap_area_pool.destroy(va);
		rb_augment_propagate(&prev->rb_node, &free_vmap_area_root);
	} else {
		link_va(va, &free_vmap_area_root, parent, link, &free_vmap_area_list);
	}
}

static void free_vmap_area(struct vmap_area *va)
{
	spin_lock(&vmap_area_lock);
	unlink_va(va, &vmap_area_root);
	spin_unlock(&vmap_area_lock);
	spin_lock(&free_vmap_area_lock);
	merge_or_add_vmap_area(va);
	spin_unlock(&free_vmap_area_lock);
}

static struct vmap_area *find_vmap_area(unsigned long addr)
{
	spin_lock(&vmap_area_lock);
	struct vmap_area *va = __find_vmap_area(addr);
	spin_unlock(&vmap_area_lock);
	return va;
}

void vmap_init_range(unsigned long start, unsigned long end)
{
	// Once at boot; host tests call it again after a fresh kmem_cache_init().
	vmap_area_pool.init("vmap_area");
	vmap_area_root = RB_ROOT;
	free_vmap_area_root = RB_ROOT;
	free_vmap_area_root.augment = &free_vmap_callbacks;
	INIT_LIST_HEAD(&vmap_area_list);
	INIT_LIST_HEAD(&free_vmap_area_list);
	vmap_start = start;
	vmap_end = end;
	nr_vmalloc_pages = 0;
	struct vmap_area *all = vmap_area_pool.create(GFP_KERNEL);
	all->va_start = start;
	all->va_end = end;
	kmemleak_scan_area(&all->rb_node, SIZE_MAX, GFP_KERNEL);
	insert_vmap_area(all, &free_vmap_area_root, &free_vmap_area_list);
}

// --- page tables -------------------------------------------------------------------------------

// Maps pfns (from pages, or consecutive from pfn) at [addr, addr + n pages),
// making pte tables as needed (from lowmem: walks read them through __va).
static int vmap_range(unsigned long addr, unsigned int n, struct page **pages, unsigned long pfn,
		      pgprot_t prot)
{
	for (unsigned int i = 0; i < n; i++, addr += PAGE_SIZE) {
		pte_t *pte = pte_alloc_kernel(pmd_off_k(addr), addr);
		if (!pte)
			return -ENOMEM;
		WARN_ON(!pte_none(*pte));
		set_pte(pte, pfn_pte(pages ? page_to_pfn(pages[i]) : pfn + i, prot));
	}
	return 0;
}

static void vunmap_range(unsigned long addr, unsigned long end)
{
	for (unsigned long a = addr; a < end; a += PAGE_SIZE) {
		pmd_t *pmd = pmd_off_k(a);
		if (!pmd_none(*pmd))
			pte_clear(pte_offset_kernel(pmd, a));
	}
	if ((end - addr) >> PAGE_SHIFT > 32) // cheaper than one invlpg each
		__flush_tlb_all();
	else
		for (unsigned long a = addr; a < end; a += PAGE_SIZE)
			flush_tlb_one_kernel(a);
}

// The page mapped at a vmalloc (or vmap) address, or NULL if none is.
// Context: any; it only reads swapper_pg_dir.
struct page *vmalloc_to_page(const void *vaddr)
{
	unsigned long addr = (unsigned long)vaddr;
	pmd_t *pmd = pmd_off_k(addr);
	if (pmd_none(*pmd) || pmd_large(*pmd))
		return nullptr;
	pte_t pte = *pte_offset_kernel(pmd, addr);
	return pte_present(pte) ? pfn_to_page(pte_pfn(pte)) : nullptr;
}

// --- areas ---------------------------------------------------------------------------------------

// Linux: __get_vm_area_node (one range, one node).
static struct vm_struct *__get_vm_area_node(unsigned long size, unsigned long flags,
					    unsigned long align, gfp_t gfp, const void *caller)
{
	size = PAGE_ALIGN(size);
	unsigned long guard = (flags & VM_NO_GUARD) ? 0 : PAGE_SIZE;
	if (!size || size + guard < size) // PAGE_ALIGN or the guard page wrapped past 4G
		return nullptr;
	struct vm_struct *vm = (struct vm_struct *)kzalloc(sizeof(*vm), GFP_KERNEL);
	struct vmap_area *va =
	    vm ? alloc_vmap_area(size + guard, max(align, PAGE_SIZE), gfp) : nullptr;
	if (!va) {
		kfree(vm);
		return nullptr;
	}
	va->vm = vm;
	vm->addr = (void *)va->va_start;
	vm->size = size + guard;
	vm->flags = flags;
	vm->caller = caller;
	return vm;
}

// A range of the vmalloc area with nothing mapped in it yet (Linux's
// get_vm_area/free_vm_area): the area allocator alone.
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	return __get_vm_area_node(size, flags, PAGE_SIZE, GFP_KERNEL, __builtin_return_address(0));
}

// The busy area holding addr (its guard page too), or NULL. Context: any.
struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area((unsigned long)addr);
	return va ? va->vm : nullptr;
}

bool is_vmalloc_addr(const void *addr)
{
	return (unsigned long)addr >= vmap_start && (unsigned long)addr < vmap_end;
}

// Unmaps and releases the area at addr; returns its vm_struct for the
// caller to free pages from, or NULL (reported) if addr starts no area.
static struct vm_struct *remove_vm_area(const void *addr, const char *who)
{
	struct vmap_area *va = find_vmap_area((unsigned long)addr);
	if (!va || va->va_start != (unsigned long)addr || !va->vm) {
		WARN(1, "Trying to %s() nonexistent vm area (%p)\n", who, addr);
		return nullptr;
	}
	struct vm_struct *vm = va->vm;
	vunmap_range(va->va_start, va->va_start + get_vm_area_size(vm));
	free_vmap_area(va);
	return vm;
}

// Releases an area from get_vm_area(); an address that starts no area warns.
void free_vm_area(struct vm_struct *area)
{
	if (area && remove_vm_area(area->addr, "free_vm_area"))
		kfree(area);
}

// --- vmalloc and friends ----------------------------------------------------------------------

// Unmaps and frees what vmalloc() returned; NULL is a no-op, an address
// that starts no area warns and is left alone. Context: may sleep in Linux
// (never here); not from an interrupt.
void vfree(const void *addr)
{
	if (!addr)
		return;
	kmemleak_free(addr);
	struct vm_struct *vm = remove_vm_area(addr, "vfree");
	if (!vm)
		return;
	trace_vmalloc(MM_TRACE_VFREE, addr, get_vm_area_size(vm), __builtin_return_address(0));
	for (unsigned int i = 0; i < vm->nr_pages; i++)
		__free_page(vm->pages[i]);
	nr_vmalloc_pages -= vm->nr_pages;
	kfree(vm->pages);
	kfree(vm);
}

// Linux's __vmalloc_area_node reports how far it got: the pages it had.
static void *vmalloc_fail(struct vm_struct *vm, gfp_t gfp, const char *why)
{
	if (why)
		warn_alloc(gfp, "vmalloc error: size %lu, %s",
			   (unsigned long)vm->nr_pages * PAGE_SIZE, why);
	vfree(vm->addr);
	return nullptr;
}

/*
 * Linux: __vmalloc_node_range. Page by page, from the highest zone gfp
 * allows. Size 0 is a caller's bug (one warning); more than all of RAM
 * cannot succeed and is refused before anything is tried. Context: as
 * vmalloc() below.
 */
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp, const void *caller)
{
	if (WARN_ON_ONCE(!size))
		return nullptr;
	if ((size >> PAGE_SHIFT) > totalram_pages_count) {
		warn_alloc(gfp, "vmalloc error: size %lu, exceeds total pages", size);
		return nullptr;
	}
	struct vm_struct *vm = __get_vm_area_node(size, VM_ALLOC, align, gfp, caller);
	if (!vm) {
		warn_alloc(gfp, "vmalloc error: size %lu, vm_struct allocation failed", size);
		return nullptr;
	}
	unsigned int n = (unsigned int)(get_vm_area_size(vm) >> PAGE_SHIFT);
	vm->pages = (struct page **)kcalloc(n, sizeof(struct page *), GFP_KERNEL | __GFP_NOWARN);
	if (!vm->pages) { // Linux's words, typo included
		warn_alloc(gfp, "vmalloc error: size %lu, failed to allocated page array size %lu",
			   (unsigned long)n * PAGE_SIZE, (unsigned long)n * sizeof(struct page *));
		return vmalloc_fail(vm, __GFP_NOWARN, nullptr);
	}
	for (; vm->nr_pages < n; vm->nr_pages++, nr_vmalloc_pages++) {
		vm->pages[vm->nr_pages] = alloc_page(gfp | __GFP_NOWARN);
		if (!vm->pages[vm->nr_pages])
			return vmalloc_fail(vm, gfp, "page order 0, failed to allocate pages");
	}
	if (vmap_range((unsigned long)vm->addr, n, vm->pages, 0, PAGE_KERNEL))
		return vmalloc_fail(vm, gfp, "failed to map pages");
	trace_vmalloc(MM_TRACE_VMALLOC, vm->addr, size, caller);
	kmemleak_vmalloc(vm, size, gfp);
	return vm->addr;
}

// Virtually contiguous memory of size bytes, page by page: the address, or
// NULL (with a warning unless __GFP_NOWARN) if the area or a page cannot be
// had. vmalloc: HighMem first; vzalloc: zeroed; vmalloc_32: lowmem only.
// Context: may sleep in Linux (never here); not from an interrupt.
void *__vmalloc(unsigned long size, gfp_t gfp)
{
	return __vmalloc_node(size, PAGE_SIZE, gfp, __builtin_return_address(0));
}
void *vmalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL | __GFP_HIGHMEM,
			      __builtin_return_address(0));
}
void *vzalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO,
			      __builtin_return_address(0));
}
void *vmalloc_32(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL, __builtin_return_address(0));
}

// Maps the caller's count pages contiguously with prot: the address, or
// NULL. vunmap() unmaps and releases the area; the pages stay the caller's.
// Context: as vmalloc().
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	if (count > totalram_pages_count) // more pages than there are: a bad count (Linux)
		return nullptr;
	struct vm_struct *vm =
	    __get_vm_area_node((unsigned long)count << PAGE_SHIFT, flags | VM_MAP, PAGE_SIZE,
			       GFP_KERNEL, __builtin_return_address(0));
	if (!vm)
		return nullptr;
	if (vmap_range((unsigned long)vm->addr, count, pages, 0, prot)) {
		vunmap(vm->addr);
		return nullptr;
	}
	vm->pages = pages; // the caller's: not freed by vunmap
	return vm->addr;
}

void vunmap(const void *addr)
{
	if (addr)
		kfree(remove_vm_area(addr, "vunmap"));
}

// Linux: arch/x86/mm/ioremap.c. An uncached virtual address for device
// memory at phys_addr (registers must not sit in the cache), or NULL: zero
// size, wraparound, no room. Context: as vmalloc().
void *ioremap(phys_addr_t phys_addr, unsigned long size)
{
	// Linux: no wraparound or zero size (last_addr < phys_addr)
	if (!size || size - 1 > (phys_addr_t) ~(phys_addr_t)0 - phys_addr)
		return nullptr;
	unsigned long offset = phys_addr & ~PAGE_MASK;
	unsigned long pages = PAGE_ALIGN(offset + size) >> PAGE_SHIFT;
	struct vm_struct *vm = __get_vm_area_node(pages << PAGE_SHIFT, VM_IOREMAP, PAGE_SIZE,
						  GFP_KERNEL, __builtin_return_address(0));
	if (!vm)
		return nullptr;
	vm->phys_addr = phys_addr - offset;
	pgprot_t prot = __pgprot(pgprot_val(PAGE_KERNEL) | _PAGE_PCD | _PAGE_PWT);
	if (vmap_range((unsigned long)vm->addr, (unsigned int)pages, nullptr,
		       vm->phys_addr >> PAGE_SHIFT, prot)) {
		iounmap(vm->addr);
		return nullptr;
	}
	return (u8 *)vm->addr + offset;
}

void iounmap(volatile void *addr)
{
	if (addr)
		kfree(remove_vm_area((void *)((unsigned long)addr & PAGE_MASK), "iounmap"));
}

void __init vmalloc_init(void) { vmap_init_range(VMALLOC_START, VMALLOC_END); }

unsigned long vmalloc_nr_pages(void) { return nr_vmalloc_pages; }

// Page tables of the vmalloc range: made on first use and kept, so a workload
// that has freed everything may still have cost these.
unsigned long vmap_pte_tables(void)
{
	unsigned long n = 0;
	for (unsigned long a = ALIGN_DOWN(vmap_start, PMD_SIZE); a < vmap_end; a += PMD_SIZE)
		n += !pmd_none(*pmd_off_k(a));
	return n;
}

unsigned long vmap_largest_free(void) { return subtree_max(free_vmap_area_root.rb_node); }

// Checks both trees against their lists: sorted, no overlap, free areas
// never touching (they would have merged), every subtree_max_size right.
// Returns the number of free areas, or -1.
int vmap_check(void)
{
	int nr_free = 0;
	unsigned long last_end = vmap_start;
	struct vmap_area *va;
	list_for_each_entry(va, &free_vmap_area_list, list) {
		if (va->va_start >= va->va_end || va->va_start < last_end ||
		    (nr_free && va->va_start == last_end) || recompute_subtree_max(&va->rb_node))
			return -1;
		last_end = va->va_end;
		nr_free++;
	}
	last_end = vmap_start;
	list_for_each_entry(va, &vmap_area_list, list) {
		if (va->va_start >= va->va_end || va->va_start < last_end)
			return -1;
		last_end = va->va_end;
	}
	if (rb_check(&free_vmap_area_root) < 0 || rb_check(&vmap_area_root) < 0)
		return -1;
	return nr_free;
}
unsigned long vmalloc_total_bytes(void) { return vmap_end - vmap_start; }

// Busy areas: what the ktest runner's baseline counts.
unsigned long vmap_nr_busy(void)
{
	unsigned long n = 0;
	struct vmap_area *va;
	list_for_each_entry(va, &vmap_area_list, list)
		n++;
	return n;
}

// /proc/vmallocinfo: "0xf8001000-0xf8003000    8192 caller+0x../0x.. pages=1 vmalloc"
void vmallocinfo_show(struct seq_buf *s)
{
	struct vmap_area *va;
	list_for_each_entry(va, &vmap_area_list, list) {
		struct vm_struct *v = va->vm;
		if (!v)
			continue;
		seq_buf_printf(s, "0x%08lx-0x%08lx %7lu", (unsigned long)v->addr,
			       (unsigned long)v->addr + v->size, v->size);
		if (v->caller)
			seq_buf_printf(s, " %pS", v->caller);
		if (v->nr_pages)
			seq_buf_printf(s, " pages=%u", v->nr_pages);
		if (v->phys_addr)
			seq_buf_printf(s, " phys=%08llx", (unsigned long long)v->phys_addr);
		seq_buf_printf(s, "%s%s%s\n", (v->flags & VM_IOREMAP) ? " ioremap" : "",
			       (v->flags & VM_ALLOC) ? " vmalloc" : "",
			       (v->flags & VM_MAP) ? " vmap" : "");
	}
}
