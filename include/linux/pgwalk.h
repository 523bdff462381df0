#pragma once
// Walking the page tables for one virtual address, level by level, the way
// the CPU does; for tests, the oops's "*pde = ..." line, the shell and gdb.
#include <asm/pgtable.h>

struct pgwalk_level {
	const char *name; // "pgd", "pte" (folded levels are not listed)
	unsigned long entry;
	bool present;
	bool leaf; // maps the page itself (a pte, or a PSE pgd entry)
};

struct pgwalk {
	unsigned long vaddr;
	int nr_levels;
	struct pgwalk_level level[5];
	bool mapped;	     // a present leaf was found
	phys_addr_t phys;    // vaddr's physical address, when mapped
	unsigned long flags; // the leaf's flag bits, when mapped
};

// Walks pgd_base for vaddr; returns true if vaddr is mapped. Each level's
// table is read through __va(), so it must be in lowmem.
bool pgwalk(pgd_t *pgd_base, unsigned long vaddr, struct pgwalk *w);
// "P RW US A D PSE G" for the set bits of a pgd or pte entry.
void pgwalk_flags_str(unsigned long entry, char *buf, size_t size);
// Prints the walk, one line per level (the shell's pgwalk command).
void pgwalk_print(const struct pgwalk *w);
