#pragma once
/*
 * Address spaces: mm_struct and its VMAs (Linux: struct mm_struct and
 * struct vm_area_struct in include/linux/mm_types.h; mm/mmap.c, mm/memory.c).
 *
 * An mm is a page directory whose kernel half is shared with swapper_pg_dir,
 * plus the list of VMAs that say which user addresses are valid and how.
 * Nothing is mapped up front: the first touch of a page faults, and
 * handle_mm_fault() maps it (demand paging). Reads map the shared zero page
 * read-only; writes map a fresh zeroed page, or copy a page shared after
 * dup_mm() (copy-on-write).
 *
 * Differs from Linux 6.1: VMAs are in a red-black tree (Linux 6.1 moved to a
 * maple tree), anonymous private memory only, no swap, one "process" mm at
 * a time, and the kernel touches user addresses itself through the
 * exception-table accessors get_user_u8/put_user_u8 (ring 3 comes later).
 */
#include <asm/pgtable.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/types.h>

#define VM_READ 0x1u
#define VM_WRITE 0x2u
#define VM_EXEC 0x4u

#define TASK_SIZE PAGE_OFFSET
#define TASK_UNMAPPED_BASE (TASK_SIZE / 3) // where mmap starts looking (legacy layout)

struct mm_struct;

struct vm_area_struct {
	unsigned long vm_start, vm_end; // [start, end), page aligned
	unsigned long vm_flags;		// VM_READ | VM_WRITE | VM_EXEC
	struct mm_struct *vm_mm;
	struct rb_node vm_rb;	  // mm->mm_rb, by address
	struct list_head vm_list; // mm->mmap, in address order
};

struct mm_struct {
	pgd_t *pgd;
	struct rb_root mm_rb;
	struct list_head mmap; // the VMAs in address order
	int map_count;
	unsigned long start_brk, brk;
	// what a student watches (Linux keeps some as per-task or vm_event counters)
	unsigned long nr_faults, nr_anon_pages, nr_zero_maps, nr_cow_copies, nr_cow_reuses;
	unsigned long nr_pte_tables, nr_segv, last_segv_addr;
};

// fault flags, from the #PF error code
#define FAULT_FLAG_WRITE 0x1u
#define FAULT_FLAG_PRESENT 0x2u // the pte was present: a protection fault

enum vm_fault_reason { VM_FAULT_OK, VM_FAULT_SIGSEGV, VM_FAULT_OOM };

// Boot: the vm_area_struct and mm_struct caches; memory_init forgets the
// zero page (host tests re-create memory).
void mmap_init(void);
void memory_init(void);

struct mm_struct *mm_alloc(void);
struct mm_struct *dup_mm(struct mm_struct *old);
void exit_mmap(struct mm_struct *mm); // frees every page, table, VMA and mm

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
// Anonymous private mapping; addr 0: the lowest free range at or above
// TASK_UNMAPPED_BASE. Returns the address, or a negative errno.
long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len, unsigned long vm_flags);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
unsigned long do_brk(struct mm_struct *mm, unsigned long brk); // returns the new (or old) brk

// Linux: handle_mm_fault with the VMA checks of do_user_addr_fault.
enum vm_fault_reason handle_mm_fault(struct mm_struct *mm, unsigned long address,
				     unsigned int flags);

// The mm whose user half is loaded in CR3 (NULL: swapper_pg_dir).
extern struct mm_struct *current_mm;
void switch_mm(struct mm_struct *mm);

// The shared page of zeros that reads of untouched anonymous memory map.
struct page *zero_page(void);
