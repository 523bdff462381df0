#pragma once
// Page directories beyond swapper_pg_dir (Linux: arch/x86/include/asm/pgalloc.h).
#include <asm/pgtable.h>

// A new page directory: the user half empty, the kernel half copied from
// swapper_pg_dir as it is now. Kernel tables made later (vmalloc) reach it
// through vmalloc_fault. NULL if no page is free.
pgd_t *pgd_alloc(void);
void pgd_free(pgd_t *pgd);
