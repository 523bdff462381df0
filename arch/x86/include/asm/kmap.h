#pragma once
// The arch half of kmap_local (Linux: arch_kmap_local_* hooks): put a page
// frame into fixmap slot idx and return its address; take it out again.
#include <linux/types.h>
void *arch_kmap_local_map(unsigned long pfn, int idx);
void arch_kmap_local_unmap(void *vaddr, int idx);
