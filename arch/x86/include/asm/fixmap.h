#pragma once
/*
 * Fixed virtual addresses at the top of the address space (Linux:
 * arch/x86/include/asm/fixmap.h): pages whose virtual address is known at
 * compile time, mapped to whatever physical page is needed at run time.
 * Slot 0 is at FIXADDR_TOP and the slots grow downwards:
 *
 *   FIXADDR_TOP   0xfffff000  FIX_HOLE (never mapped: catches overruns)
 *                 0xffffe000  FIX_KMAP_BEGIN  } kmap_local / kmap_atomic,
 *                    ...                      } KM_MAX_IDX per CPU
 *   FIXADDR_START             FIX_KMAP_END
 */
#include <asm/page_types.h>
#include <linux/threads.h>

#define KM_MAX_IDX 16 // nesting depth of kmap_local_page

enum fixed_addresses {
	FIX_HOLE,
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_MAX_IDX * NR_CPUS - 1,
	__end_of_fixed_addresses
};

#define FIXADDR_TOP 0xfffff000UL
#define FIXADDR_SIZE ((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START (FIXADDR_TOP - FIXADDR_SIZE)
#define __fix_to_virt(x) (FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x) ((FIXADDR_TOP - ((x)&PAGE_MASK)) >> PAGE_SHIFT)
