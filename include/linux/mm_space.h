#pragma once
/*
 * Address spaces: mm_struct and its VMAs (Linux: struct mm_struct and
 * struct vm_area_struct in include/linux/mm_types.h, the VM_* flags and
 * helpers of include/linux/mm.h; mm/mmap.c, mm/memory.c).
 *
 * An mm is a page directory whose kernel half is shared with swapper_pg_dir,
 * plus the VMAs that say which user addresses are valid and how. Nothing is
 * mapped up front: the first touch of a page faults, and handle_mm_fault()
 * maps it (demand paging). Reads map the shared zero page read-only; writes
 * map a fresh zeroed page, or copy a page shared after dup_mm()
 * (copy-on-write).
 *
 * The i386 user address space with the default (top-down) layout and
 * norandmaps, 8 MiB stack rlimit:
 *
 *   0xc0000000  TASK_SIZE = STACK_TOP: the stack grows down from here
 *   0xb8000000  mmap_base = TASK_SIZE - 128 MiB (the gap's floor): mmap
 *               hands out the highest free range below it, going down
 *               ...
 *   brk         the heap, from start_brk (just above the ELF's bss) up
 *   0x08048000  a classic i386 ELF's text
 *   0x00010000  mmap_min_addr: nothing is mapped below it
 *
 * Differs from Linux 6.1: VMAs are in a red-black tree plus an address-
 * ordered list (Linux 6.1 uses the maple tree), the gap search walks the
 * list instead of an augmented tree (same answers, O(n)); no swap, no
 * mmap lock, no file faults yet (the page cache comes later), and shared
 * anonymous memory has no shmem file behind it.
 */
#include <asm/pgtable.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct file;
struct rlimit;

// VMA flags, with Linux's bit values (include/linux/mm.h).
#define VM_NONE 0x00000000UL
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_SHARED 0x00000008UL
#define VM_MAYREAD 0x00000010UL // what mprotect may still turn on
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_MAYSHARE 0x00000080UL
#define VM_GROWSDOWN 0x00000100UL
#define VM_UFFD_MISSING 0x00000200UL
#define VM_PFNMAP 0x00000400UL
#define VM_UFFD_WP 0x00001000UL
#define VM_LOCKED 0x00002000UL
#define VM_IO 0x00004000UL
#define VM_SEQ_READ 0x00008000UL // madvise hints
#define VM_RAND_READ 0x00010000UL
#define VM_DONTCOPY 0x00020000UL // not copied by fork
#define VM_DONTEXPAND 0x00040000UL
#define VM_LOCKONFAULT 0x00080000UL
#define VM_ACCOUNT 0x00100000UL // charged to the commit (private writable)
#define VM_NORESERVE 0x00200000UL
#define VM_HUGETLB 0x00400000UL
#define VM_SYNC 0x00800000UL
#define VM_ARCH_1 0x01000000UL
#define VM_WIPEONFORK 0x02000000UL
#define VM_DONTDUMP 0x04000000UL
#define VM_SOFTDIRTY 0UL // no CONFIG_MEM_SOFT_DIRTY on i386
#define VM_MIXEDMAP 0x10000000UL
#define VM_HUGEPAGE 0x20000000UL
#define VM_NOHUGEPAGE 0x40000000UL
#define VM_MERGEABLE 0x80000000UL
#define VM_GROWSUP VM_NONE // no upward stacks on x86

#define VM_STACK VM_GROWSDOWN
#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)
#define VM_SPECIAL (VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP) // never merged
#define VM_STARTGAP_FLAGS (VM_GROWSDOWN)
#define VM_LOCKED_CLEAR_MASK (~(VM_LOCKED | VM_LOCKONFAULT))
// brk and the data segment (Linux: VM_DATA_FLAGS_TSK_EXEC without READ_IMPLIES_EXEC).
#define VM_DATA_DEFAULT_FLAGS (VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#define VM_STACK_FLAGS (VM_STACK | VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT)

#define TASK_SIZE PAGE_OFFSET
#define STACK_TOP TASK_SIZE
#define TASK_UNMAPPED_BASE ((TASK_SIZE / 3 + PAGE_SIZE - 1) & PAGE_MASK) // legacy mmap_base

#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)
#define PAGE_ALIGNED(addr) (offset_in_page(addr) == 0)

struct mm_struct;

// Who shares a VMA's anonymous pages (Linux: struct anon_vma and the
// anon_vma_chain). Only what decides merging is kept: a VMA gets one on its
// first anonymous fault; splits and moves share it; fork gives the child's
// VMAs their own, chained to the parent's (Linux refuses to merge those
// with a VMA that has none).
struct anon_vma {
	long refcount;
};

struct vm_area_struct {
	unsigned long vm_start, vm_end; // [start, end), page aligned
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;	  // what a pte of this VMA gets (vm_get_page_prot)
	unsigned long vm_flags;	  // VM_*
	struct rb_node vm_rb;	  // mm->mm_rb, by address
	struct list_head vm_list; // mm->mmap, in address order
	struct anon_vma *anon_vma;
	bool anon_vma_chained;	// Linux: anon_vma_chain not singular (after fork)
	unsigned long vm_pgoff; // offset in the file, in pages; anon: start >> PAGE_SHIFT
	struct file *vm_file;	// one reference held
	void *vm_private_data;
	const struct vm_special_mapping *vm_special; // [vdso], [vvar]: pages not from a file
};

// A kernel-provided mapping (Linux: struct vm_special_mapping): its name in
// /proc/PID/maps and the pages a fault maps (none: the fault is SIGBUS).
struct vm_special_mapping {
	const char *name;
	struct page **pages;
	unsigned long nr_pages;
};
// mm/shmem.cpp: MAP_SHARED | MAP_ANONYMOUS memory, and its maps name.
int shmem_zero_setup(struct vm_area_struct *vma);
const char *shmem_name(const struct file *file);
struct address_space;
bool mapping_is_shmem(const struct address_space *mapping); // a shmem file's page cache
struct inode;
void shmem_mark_inode(struct inode *inode); // a tmpfs inode: its pages are Shmem
bool inode_is_shmem(const struct inode *inode);
bool shmem_acct_per_page(const struct address_space *mapping); // tmpfs: charged per page
int install_special_mapping(struct mm_struct *mm, unsigned long addr, unsigned long len,
			    unsigned long vm_flags, const struct vm_special_mapping *spec);

// Resident pages by kind (Linux: rss_stat, enum in mm_types_task.h).
enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES, NR_MM_COUNTERS };

struct mm_rss_stat {
	long count[NR_MM_COUNTERS];
};

struct mm_struct {
	pgd_t *pgd;
	struct rb_root mm_rb;
	struct list_head mmap; // the VMAs in address order
	int map_count;
	unsigned long (*get_unmapped_area)(struct file *filp, unsigned long addr, unsigned long len,
					   unsigned long pgoff, unsigned long flags);
	unsigned long mmap_base, mmap_legacy_base, task_size;
	unsigned long hiwater_rss, hiwater_vm;			       // high-water marks, in pages
	unsigned long total_vm, locked_vm, data_vm, exec_vm, stack_vm; // pages
	unsigned long def_flags;				       // VM_* every new VMA gets
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	struct mm_rss_stat rss_stat;
	// what a student watches (Linux keeps some as per-task or vm_event counters)
	unsigned long nr_faults, nr_zero_maps, nr_cow_copies, nr_cow_reuses;
	unsigned long vdso_base; // Linux: mm->context.vdso
	struct file *exe_file;	 // the program (/proc/PID/exe), one reference
	unsigned long nr_pte_tables, nr_segv, last_segv_addr;
	spinlock_t page_table_lock; // pmds filled by __pte_alloc (Linux: the same)
};

static inline unsigned long get_mm_counter(struct mm_struct *mm, int member)
{
	return (unsigned long)mm->rss_stat.count[member];
}
static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	mm->rss_stat.count[member] += value;
}
static inline void inc_mm_counter(struct mm_struct *mm, int member)
{
	add_mm_counter(mm, member, 1);
}
static inline void dec_mm_counter(struct mm_struct *mm, int member)
{
	add_mm_counter(mm, member, -1);
}
static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
}
static inline void update_hiwater_rss(struct mm_struct *mm)
{
	if (mm->hiwater_rss < get_mm_rss(mm))
		mm->hiwater_rss = get_mm_rss(mm);
}
static inline void update_hiwater_vm(struct mm_struct *mm)
{
	if (mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}
static inline bool vma_is_accessible(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_ACCESS_FLAGS;
}
// Linux: !vma->vm_ops. Shared anonymous memory is shmem in Linux, so not "anonymous".
static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_file && !(vma->vm_flags & VM_SHARED);
}

extern unsigned long stack_guard_gap; // 256 pages; Linux: stack_guard_gap= parameter
extern unsigned long mmap_min_addr;   // Debian: CONFIG_DEFAULT_MMAP_MIN_ADDR=65536
extern int sysctl_max_map_count;      // 65530
extern int randomize_va_space;	      // 2; 0 with the norandmaps parameter
extern int sysctl_legacy_va_layout;   // 0: top-down

// Where a VMA's guard gap starts / ends (a growsdown stack keeps
// stack_guard_gap free below it).
static inline unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long vm_start = vma->vm_start;
	if (vma->vm_flags & VM_GROWSDOWN) {
		vm_start -= stack_guard_gap;
		if (vm_start > vma->vm_start)
			vm_start = 0;
	}
	return vm_start;
}
static inline unsigned long vm_end_gap(const struct vm_area_struct *vma) { return vma->vm_end; }

// The pte bits for a VMA's flags (Linux: vm_get_page_prot, protection_map):
// private writable maps read-only so the first write copies.
pgprot_t vm_get_page_prot(unsigned long vm_flags);

// fault flags, from the #PF error code (Linux: enum fault_flag)
#define FAULT_FLAG_WRITE 0x1u
#define FAULT_FLAG_USER 0x40u
#define FAULT_FLAG_INSTRUCTION 0x100u
#define FAULT_FLAG_PRESENT 0x100000u // ours: the pte was present (X86_PF_PROT)

// What a fault came to, a bit set (Linux: vm_fault_t, enum vm_fault_reason).
typedef unsigned int vm_fault_t;
enum vm_fault_reason {
	VM_FAULT_OOM = 0x000001,
	VM_FAULT_SIGBUS = 0x000002,
	VM_FAULT_MAJOR = 0x000004,
	VM_FAULT_HWPOISON = 0x000010,
	VM_FAULT_SIGSEGV = 0x000040,
	VM_FAULT_NOPAGE = 0x000100,
	VM_FAULT_LOCKED = 0x000200,
	VM_FAULT_RETRY = 0x000400,
};
#define VM_FAULT_OK 0u // ours: Linux just tests for no error bit
#define VM_FAULT_ERROR (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | VM_FAULT_HWPOISON)

// Boot: the vm_area_struct and mm_struct caches; memory_init forgets the
// zero page (host tests re-create memory).
void mmap_init(void);
void memory_init(void);

// A new mm with the default layout for current's stack rlimit (exec picks
// it again with the new program's), brk at a placeholder until exec sets it.
struct mm_struct *mm_alloc(void);
struct mm_struct *dup_mm(struct mm_struct *old);
void exit_mmap(struct mm_struct *mm); // frees every page, table, VMA and mm

// Lookups (Linux: mm/mmap.c). find_vma: the first VMA ending above addr.
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end);
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);

// Layout (arch/x86/mm/mmap.cpp): sets mm->mmap_base and get_unmapped_area.
void arch_pick_mmap_layout(struct mm_struct *mm, struct rlimit *rlim_stack);
unsigned long arch_mmap_rnd(void);
unsigned long arch_randomize_brk(struct mm_struct *mm);
unsigned long randomize_page(unsigned long start, unsigned long range);

// Free ranges (Linux: struct vm_unmapped_area_info, vm_unmapped_area).
#define VM_UNMAPPED_AREA_TOPDOWN 1
struct vm_unmapped_area_info {
	unsigned long flags, length, low_limit, high_limit, align_mask, align_offset;
};
unsigned long vm_unmapped_area(struct vm_unmapped_area_info *info);
unsigned long arch_get_unmapped_area(struct file *filp, unsigned long addr, unsigned long len,
				     unsigned long pgoff, unsigned long flags);
unsigned long arch_get_unmapped_area_topdown(struct file *filp, unsigned long addr,
					     unsigned long len, unsigned long pgoff,
					     unsigned long flags);
// The address a mapping of len would get, or -ENOMEM/-EINVAL/-EPERM.
unsigned long get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);

/*
 * Mapping (mm/mmap.cpp, mm/util.cpp). All act on current->mm, as Linux's
 * do; each returns the address or a negative errno as unsigned long
 * (IS_ERR_VALUE). do_mmap wants the caller to mm_populate(addr, *populate)
 * afterwards; vm_mmap_pgoff does it. file may be NULL (MAP_ANONYMOUS); a
 * VMA that maps it holds a reference (get_file).
 */
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff, unsigned long *populate);
unsigned long mmap_region(struct file *file, unsigned long addr, unsigned long len,
			  unsigned long vm_flags, unsigned long pgoff);
unsigned long vm_mmap_pgoff(struct file *file, unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flag, unsigned long pgoff);
int vm_brk_flags(unsigned long addr, unsigned long len, unsigned long flags);
unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flag, unsigned long offset);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int vm_munmap(unsigned long start, size_t len);
// Faults [start, start + len) in as mlock would, ignoring failures (Linux: mm/gup.c).
void mm_populate(unsigned long start, unsigned long len);

// Stack growth (Linux: expand_stack, find_extend_vma): 0 or -ENOMEM/-EPERM.
int expand_stack(struct vm_area_struct *vma, unsigned long address);
struct vm_area_struct *find_extend_vma(struct mm_struct *mm, unsigned long addr);

/*
 * Faults (mm/memory.cpp). The arch handler (Linux: do_user_addr_fault)
 * does: vma = find_vma(mm, address); if it starts above, grow a
 * VM_GROWSDOWN one with expand_stack(); then vma_access_ok(vma, flags)
 * (Linux: !access_error()), then __handle_mm_fault(vma, address, flags).
 * handle_mm_fault(mm, ...) does all of that in one call. Either counts
 * current->min_flt on success and returns 0 or VM_FAULT_* bits.
 */
bool vma_access_ok(const struct vm_area_struct *vma, unsigned int flags);
vm_fault_t __handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags);
vm_fault_t handle_mm_fault(struct mm_struct *mm, unsigned long address, unsigned int flags);

// The mm whose user half is loaded in CR3 (NULL: swapper_pg_dir).
extern struct mm_struct *current_mm;
void switch_mm(struct mm_struct *mm);

// The shared page of zeros that reads of untouched anonymous memory map.
struct page *zero_page(void);
bool is_zero_pfn(unsigned long pfn);
// The pte of a mapped page table at address, or NULL (Linux: follow_pte, no lock).
pte_t *follow_pte(struct mm_struct *mm, unsigned long address);
// The page a present user pte of vma maps; NULL for the zero page and raw frames.
struct page *vm_normal_page(const struct vm_area_struct *vma, pte_t pte);
// Copies up to len bytes at addr in mm (not current's) to buf: the bytes copied.
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len);
