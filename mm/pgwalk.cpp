/*
 * DOC: walking page tables in software
 *
 * The CPU's walk for one address, done by hand through the generic
 * pgd -> p4d -> pud -> pmd -> pte accessors, so the same code serves any
 * number of real levels. Only levels that exist are recorded: on i386
 * without PAE that is the pgd entry and, unless it maps a 4 MiB page, the
 * pte.
 *
 * No Linux counterpart: Linux has no single walk-and-record function; its
 * ptdump (mm/ptdump.c) and the fault handler's dump_pagetable() walk the
 * same way, each for its own output. This one serves the oops's "*pde ="
 * line, the shell's pgwalk command, gdb and the host tests' software MMU.
 */
#include <linux/kernel.h>
#include <linux/pgwalk.h>
#include <linux/sprintf.h>

static void record(struct pgwalk *w, const char *name, unsigned long entry, bool leaf)
{
	struct pgwalk_level *l = &w->level[w->nr_levels++];
	*l = {name, entry, (entry & _PAGE_PRESENT) != 0, leaf};
	if (leaf && l->present) {
		w->mapped = true;
		w->flags = entry & PTE_FLAGS_MASK;
	}
}

bool pgwalk(pgd_t *pgd_base, unsigned long vaddr, struct pgwalk *w)
{
	*w = {};
	w->vaddr = vaddr;
	pgd_t *pgd = pgd_offset_pgd(pgd_base, vaddr);
	p4d_t *p4d = p4d_offset(pgd, vaddr); // folded: the same entry
	pud_t *pud = pud_offset(p4d, vaddr);
	pmd_t *pmd = pmd_offset(pud, vaddr);
	bool large = pmd_large(*pmd);
	record(w, "pgd", pmd_val(*pmd), large);
	if (!pmd_present(*pmd))
		return false;
	if (large) {
		w->phys = (pmd_val(*pmd) & PMD_MASK) | (vaddr & ~PMD_MASK);
		return true;
	}
	pte_t *pte = pte_offset_kernel(pmd, vaddr);
	record(w, "pte", pte_val(*pte), true);
	if (pte_present(*pte))
		w->phys = (pte_val(*pte) & PTE_PFN_MASK) | (vaddr & ~PAGE_MASK);
	return w->mapped;
}

void pgwalk_flags_str(unsigned long entry, char *buf, size_t size)
{
	static const struct {
		unsigned long bit;
		const char *name;
	} names[] = {
	    {_PAGE_PRESENT, "P"}, {_PAGE_RW, "RW"},   {_PAGE_USER, "US"},
	    {_PAGE_PWT, "PWT"},	  {_PAGE_PCD, "PCD"}, {_PAGE_ACCESSED, "A"},
	    {_PAGE_DIRTY, "D"},	  {_PAGE_PSE, "PSE"}, {_PAGE_GLOBAL, "G"},
	};
	size_t len = 0;
	buf[0] = '\0';
	for (const auto &n : names)
		if (entry & n.bit)
			len += scnprintf(buf + len, size - len, "%s%s", len ? " " : "", n.name);
}

void pgwalk_print(const struct pgwalk *w)
{
	char flags[48];
	for (int i = 0; i < w->nr_levels; i++) {
		const struct pgwalk_level *l = &w->level[i];
		pgwalk_flags_str(l->entry, flags, sizeof(flags));
		pr_info("  %s: %08lx  %s\n", l->name, l->entry, l->present ? flags : "not present");
	}
	if (w->mapped)
		pr_info("  %08lx -> phys %#010x\n", w->vaddr, (unsigned)w->phys);
	else
		pr_info("  %08lx is not mapped\n", w->vaddr);
}
