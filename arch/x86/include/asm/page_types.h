#pragma once
/*
 * The i386 3G/1G split (Linux: arch/x86/include/asm/page_32_types.h).
 *
 *   0xFFFFFFFF +-----------------+
 *              | kernel          |  lowmem is mapped 1:1 at PAGE_OFFSET, so
 *   0xC0000000 +-----------------+  __va(pa) = pa + PAGE_OFFSET
 *              | user space      |
 *   0x00000000 +-----------------+
 *
 * A 32-bit virtual address under 2-level paging:
 *   31        22 21        12 11           0
 *  +------------+------------+--------------+
 *  | PGD index  | PTE index  | page offset  |
 *  +------------+------------+--------------+
 */
#include <linux/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_OFFSET 0xC0000000UL
#define THREAD_SIZE 16384UL

// How much physical memory boot/head_32.asm maps (keep equal to boot.inc).
#define EARLY_MAP_SIZE (128UL << 20)

#define __pa(x) ((unsigned long)(x)-PAGE_OFFSET)
#define __va(x) ((void *)((unsigned long)(x) + PAGE_OFFSET))
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
