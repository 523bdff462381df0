#pragma once
/*
 * Where the kernel's virtual areas are (Linux: arch/x86/include/asm/pgtable_32_areas.h).
 *
 *   0xfffff000  FIXADDR_TOP     fixmap (asm/fixmap.h)
 *               FIXADDR_START
 *               (gap)
 *   0xffc00000
 *               pkmap           kmap(): LAST_PKMAP slots in one page table
 *   0xff800000  PKMAP_BASE
 *               (2 pages)
 *   0xff7fe000  VMALLOC_END
 *               vmalloc         vmap areas, a guard page after each
 *               VMALLOC_START   = high_memory + 8 MiB
 *               (8 MiB gap: catches overruns of the direct map)
 *               high_memory     end of the direct map
 *               lowmem          physical 0..max_low_pfn, __va(pa) = pa + PAGE_OFFSET
 *   0xc0000000  PAGE_OFFSET
 *
 * Lowmem may end no higher than MAXMEM below PAGE_OFFSET: the vmalloc area
 * keeps at least __VMALLOC_RESERVE (128 MiB, `vmalloc=` changes it). RAM
 * above that is high memory, reachable only through pkmap, fixmap or vmalloc.
 * This kernel has no cpu_entry_area or LDT remap, so its lowmem reaches
 * higher than Linux 6.1's (887 MiB against 875 MiB).
 */
#include <asm/fixmap.h>
#include <asm/pgtable.h>

#define LAST_PKMAP 1024
#define LAST_PKMAP_MASK (LAST_PKMAP - 1)
#define PKMAP_ADDR(nr) (PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))
#define PKMAP_NR(virt) (((unsigned long)(virt)-PKMAP_BASE) >> PAGE_SHIFT)
#define PKMAP_BASE ((FIXADDR_START - PAGE_SIZE * (LAST_PKMAP + 1)) & PMD_MASK)
#define VMALLOC_OFFSET (8UL << 20)
#define VMALLOC_END (PKMAP_BASE - 2 * PAGE_SIZE)
#define VMALLOC_START ((unsigned long)high_memory + VMALLOC_OFFSET)

extern unsigned long __VMALLOC_RESERVE;
extern void *high_memory;
#define MAXMEM (VMALLOC_END - PAGE_OFFSET - __VMALLOC_RESERVE)
#define MAXMEM_PFN PFN_DOWN(MAXMEM)
#define MAX_NONPAE_PFN (1UL << 20) // 4 GiB of 4 KiB pages
