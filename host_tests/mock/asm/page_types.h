#pragma once
/*
 * The mock arch's memory: host tests include this instead of
 * arch/x86/include/asm/page_types.h (host_tests/mock comes first on the
 * include path). "Physical memory" is a host buffer, mock_phys_mem, and
 * __va()/__pa() translate between offsets into it and host pointers, so mm
 * code that only uses __va/__pa runs unchanged on the host.
 */
#include <linux/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_OFFSET 0xC0000000UL // the kernel's value, for code that prints it
#define THREAD_SIZE 16384UL
#define EARLY_MAP_SIZE (128UL << 20)

extern u8 *mock_phys_mem; // physical address 0
extern unsigned long mock_phys_size;
// (Re)creates physical memory of the given size, zero filled.
void mock_phys_mem_init(unsigned long size);

#define __va(pa) ((void *)(mock_phys_mem + (unsigned long)(pa)))
#define __pa(va) ((unsigned long)((const u8 *)(va)-mock_phys_mem))
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
