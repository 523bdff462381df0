#pragma once
// The arch half of kmap_local (Linux: arch_kmap_local_* hooks): put a page
// frame into fixmap slot idx and return its address; take it out again.
#include <linux/types.h>
void *arch_kmap_local_map(unsigned long pfn, int idx);
void arch_kmap_local_unmap(void *vaddr, int idx);
// pkmap slot nr (kmap): set its pte to pfn, clear it, flush the whole area.
void arch_pkmap_set(int nr, unsigned long pfn);
void arch_pkmap_clear(int nr);
void arch_pkmap_flush(void);
