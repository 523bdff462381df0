/*
 * DOC: the page-fault handler, first part (Linux: arch/x86/mm/fault.c)
 *
 * The CPU reports a page fault with the address in CR2 and an error code
 * saying why (asm/traps.h: X86_PF_*). Nothing is demand-paged yet, so every
 * page fault is a kernel bug and gets Linux's page-fault oops: what was
 * accessed, how, what the page tables said about the address, then the
 * usual oops body. (Fixups, vmalloc syncing and demand paging come with the
 * vmalloc and page-fault work.)
 */
#include <asm/page_types.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <linux/kernel.h>
#include <linux/pgwalk.h>

static const char *pf_access(unsigned long error_code)
{
	if (error_code & X86_PF_INSTR)
		return "instruction fetch";
	return (error_code & X86_PF_WRITE) ? "write access" : "read access";
}

static const char *pf_reason(unsigned long error_code)
{
	if (!(error_code & X86_PF_PROT))
		return "not-present page";
	if (error_code & X86_PF_RSVD)
		return "reserved bit violation";
	if (error_code & X86_PF_PK)
		return "protection keys violation";
	return "permissions violation";
}

// "*pde = 010001e1 *pte = ..." for the address, walking the live CR3 (the
// pte only when the pde points to a page table).
static void dump_pagetable(unsigned long address)
{
	struct pgwalk w;
	pgwalk((pgd_t *)__va(read_cr3() & PAGE_MASK), address, &w);
	printk(KERN_ALERT "*pde = %08lx ", w.level[0].entry);
	if (w.nr_levels > 1)
		pr_cont("*pte = %08lx ", w.level[1].entry);
	pr_cont("\n");
}

static void show_fault_oops(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	if (address < PAGE_SIZE && !user_mode(regs))
		pr_alert("BUG: kernel NULL pointer dereference, address: %08lx\n", address);
	else
		pr_alert("BUG: unable to handle page fault for address: %08lx\n", address);
	pr_alert("#PF: %s %s in %s mode\n", (error_code & X86_PF_USER) ? "user" : "supervisor",
		 pf_access(error_code), user_mode(regs) ? "user" : "kernel");
	pr_alert("#PF: error_code(0x%04lx) - %s\n", error_code, pf_reason(error_code));
	dump_pagetable(address);
}

void do_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();
	show_fault_oops(regs, error_code, address);
	__die("Oops", regs, error_code);
	oops_end(regs, true);
}
