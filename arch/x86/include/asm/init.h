#pragma once
// Building the kernel's page tables (Linux: arch/x86/mm/mm_internal.h, init.c).
#include <asm/pgtable.h>

// Physical pages [start, end) get protection prot in the direct map (Linux
// has the same struct in arch/x86/mm/init.c, there for page sizes).
struct map_range {
	unsigned long start; // pfn
	unsigned long end;   // pfn, exclusive
	pgprot_t prot;
	const char *what;
};

extern unsigned long highstart_pfn, highend_pfn;

// Maps physical [0, mr[nr-1].end) at PAGE_OFFSET as the table says:
// ranges sorted and back to back from pfn 0. A 4 MiB chunk inside one range
// becomes a PSE pgd entry when use_pse, all else 4 KiB pages.
void kernel_physical_mapping_init(pgd_t *pgd_base, const struct map_range *mr, int nr,
				  bool use_pse);
// Gives pfns [start, end) protection prot (__pgprot(0): not mapped),
// splitting ranges as needed; returns the new number of ranges.
int map_ranges_carve(struct map_range *mr, int nr, int max_nr, unsigned long start,
		     unsigned long end, pgprot_t prot, const char *what);
// Carves every MEMBLOCK_NOMAP region out of the direct map.
int map_ranges_punch_nomap(struct map_range *mr, int nr, int max_nr);
// Gives [start, end) page tables (empty ones) so that later mappings there
// (pkmap, fixmap) never need to allocate.
void page_table_range_init(unsigned long start, unsigned long end, pgd_t *pgd_base);
// The pte slot for a kernel address (its page table must exist).
pte_t *kernel_pte_slot(pgd_t *pgd_base, unsigned long vaddr);

// max_low_pfn (and perhaps max_pfn) from max_pfn, highmem= and vmalloc=.
void find_low_pfn_range(void);
// Prints "NNNMB HIGHMEM available." and the lowmem lines; sets high_memory.
void initmem_init(void);
void reset_highmem_param(void);

// Free lowmem (memblock memory below max_low_pfn, minus what is reserved)
// the boot needs after the kernel image and GRUB's data: page tables,
// mem_map, the first slabs and the shell's working set.
#define MIN_FREE_LOWMEM (512UL << 10)
phys_addr_t lowmem_free_bytes(void);
// Adds the image's pages the map left out to memblock.memory, if the map
// has RAM beyond the image (arch/x86/mm/init_32.cpp); returns the bytes added.
phys_addr_t keep_kernel_image_ram(phys_addr_t image_start, phys_addr_t image_end);
// Why this RAM cannot run a kernel whose image is [image_start, image_end)
// (written into why), or false if it can.
bool lowmem_shortfall(phys_addr_t image_start, phys_addr_t image_end, char *why, size_t len);
// Panics with lowmem_shortfall()'s reason, before anything is mapped.
void check_enough_lowmem(phys_addr_t image_start, phys_addr_t image_end);

// The kernel's own use of the above (arch/x86/mm/init.cpp): builds and loads
// swapper_pg_dir, then allocations may use all of lowmem.
void init_mem_mapping(void);
void mem_init_print_layout(void);
// Gives .init's pages to the buddy allocator, poisoned with int3, and prints
// "Freeing unused kernel image (initmem) memory: NK" (Linux: free_initmem).
void free_initmem(void);
// Zone limits for free_area_init; then, from start_kernel, the handover of
// all free memory to the buddy allocator and the "Memory:" line.
void zone_sizes_init(void);
void mem_init(void);
extern bool direct_map_uses_pse;
