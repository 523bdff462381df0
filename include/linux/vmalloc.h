#pragma once
/*
 * Virtually contiguous memory (Linux: include/linux/vmalloc.h).
 *
 * vmalloc() takes single pages from anywhere (HighMem first) and maps them
 * one after another in the vmalloc area, between high_memory + 8 MiB and
 * the pkmap area. Each area is followed by an unmapped guard page, so
 * running off the end faults instead of corrupting the next area.
 */
#include <asm/pgtable_types.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/types.h>

struct page;
struct seq_buf;

#define VM_IOREMAP 0x00000001u	// ioremap() and friends
#define VM_ALLOC 0x00000002u	// vmalloc()
#define VM_MAP 0x00000004u	// vmap()ed pages
#define VM_NO_GUARD 0x00000040u // no guard page after the area

struct vm_struct {
	void *addr;
	unsigned long size; // including the guard page, as Linux
	unsigned long flags;
	struct page **pages; // VM_ALLOC and VM_MAP
	unsigned int nr_pages;
	phys_addr_t phys_addr; // VM_IOREMAP
	const void *caller;
};

// A range of the vmalloc area, busy or free (Linux: struct vmap_area).
struct vmap_area {
	unsigned long va_start, va_end; // [start, end)
	struct rb_node rb_node;		// in the busy or the free tree, by address
	struct list_head list;		// the same areas, in address order
	unsigned long subtree_max_size; // free tree: largest free area below this node
	struct vm_struct *vm;		// busy: what uses it
};

[[nodiscard]] void *vmalloc(unsigned long size);
[[nodiscard]] void *vzalloc(unsigned long size);
[[nodiscard]] void *vmalloc_32(unsigned long size); // lowmem pages only
[[nodiscard]] void *__vmalloc(unsigned long size, gfp_t gfp_mask);
// align: a power of two, at least PAGE_SIZE (Linux: __vmalloc_node).
[[nodiscard]] void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp_mask,
				   const void *caller);
void vfree(const void *addr);

[[nodiscard]] void *vmap(struct page **pages, unsigned int count, unsigned long flags,
			 pgprot_t prot);
void vunmap(const void *addr);

[[nodiscard]] void *ioremap(phys_addr_t phys_addr, unsigned long size);
void iounmap(volatile void *addr);

struct page *vmalloc_to_page(const void *addr);
bool is_vmalloc_addr(const void *addr);
struct vm_struct *find_vm_area(const void *addr);
[[nodiscard]] struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
void free_vm_area(struct vm_struct *area);
static inline unsigned long get_vm_area_size(const struct vm_struct *area)
{
	return (area->flags & VM_NO_GUARD) ? area->size : area->size - 4096;
}

void vmalloc_init(void);
// The range the allocator manages (vmalloc_init uses VMALLOC_START/END;
// host tests pick their own).
void vmap_init_range(unsigned long start, unsigned long end);
unsigned long vmalloc_nr_pages(void);
unsigned long vmalloc_total_bytes(void);
void vmallocinfo_show(struct seq_buf *s);
unsigned long vmap_largest_free(void);
unsigned long vmap_pte_tables(void); // page-table pages the vmalloc range holds
unsigned long vmap_nr_busy(void);    // busy areas (vmalloc, vmap, ioremap)
int vmap_check(void);		     // free areas, or -1 if a tree is inconsistent
