/*
 * DOC: the page-fault handler, first part (Linux: arch/x86/mm/fault.c)
 *
 * The CPU reports a page fault with the address in CR2 and an error code
 * saying why (asm/traps.h: X86_PF_*). Nothing is demand-paged yet, so every
 * page fault is a kernel bug and gets Linux's page-fault oops: what was
 * accessed, how, what the page tables said about the address, a hint line
 * (NULL page, vmalloc guard page, read-only text), then the usual oops
 * body. Before that, two faults are not bugs: a vmalloc address missing
 * from a page directory made earlier (synced from swapper_pg_dir), and a
 * probing instruction listed in the exception table (fixed up). A fault on
 * a user address of the loaded mm goes to handle_mm_fault (demand paging,
 * copy-on-write); one outside its VMAs is reported as a segfault.
 */
#include <asm/extable.h>
#include <asm/fault.h>
#include <asm/page_types.h>
#include <asm/pgtable_32_areas.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/traps.h>
#include <linux/debug_pagealloc.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/mm_space.h>
#include <linux/pgwalk.h>
#include <linux/sprintf.h>
#include <linux/vmalloc.h>

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

static void show_pf_lines(unsigned long error_code, bool user)
{
	pr_alert("#PF: %s %s in %s mode\n", (error_code & X86_PF_USER) ? "user" : "supervisor",
		 pf_access(error_code), user ? "user" : "kernel");
	pr_alert("#PF: error_code(0x%04lx) - %s\n", error_code, pf_reason(error_code));
}

static void show_fault_oops(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	if (address < PAGE_SIZE && !user_mode(regs))
		pr_alert("BUG: kernel NULL pointer dereference, address: %08lx\n", address);
	else
		pr_alert("BUG: unable to handle page fault for address: %08lx\n", address);
	show_pf_lines(error_code, user_mode(regs));
	dump_pagetable(address);
}

// Not in Linux: one line naming what kind of address this was, for students.
static void show_fault_hint(unsigned long a, unsigned long error_code)
{
	bool in_vmalloc = is_vmalloc_addr((void *)a);
	struct vm_struct *vm = in_vmalloc ? find_vm_area((void *)a) : nullptr;
	unsigned long start = vm ? (unsigned long)vm->addr : 0;
	switch (page_fault_hint(a, error_code, in_vmalloc, vm, (unsigned long)_text,
				(unsigned long)__end_rodata)) {
	case PF_HINT_NULL:
		pr_alert(
		    "hint: page 0 is never mapped: a NULL pointer, or a small offset from one\n");
		break;
	case PF_HINT_VMALLOC_GUARD:
		pr_alert("hint: %08lx is the guard page after the vmalloc area %08lx-%08lx "
			 "(%lu bytes, from %pS)\n",
			 a, start, start + get_vm_area_size(vm), get_vm_area_size(vm), vm->caller);
		break;
	case PF_HINT_VMALLOC_NO_AREA:
		pr_alert("hint: no vmalloc area holds %08lx (freed already?)\n", a);
		break;
	case PF_HINT_READ_ONLY_KERNEL:
		pr_alert("hint: kernel text and rodata are mapped read-only\n");
		break;
	case PF_HINT_NONE: debug_pagealloc_fault_hint(a); break;
	}
}

void show_fault_explained(unsigned long error_code, unsigned long address, bool user)
{
	show_pf_lines(error_code, user);
	show_fault_hint(address, error_code);
}

unsigned long nr_vmalloc_faults, nr_fixups;
struct pf_fixup_record last_fixup;

// Linux: fixup_exception() in the kernel-mode path; here it also remembers
// the fault, for the shell.
static bool fixup_with_record(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	unsigned long ip = regs->ip;
	if (!fixup_exception(regs))
		return false;
	nr_fixups++;
	last_fixup = {address, error_code, ip};
	return true;
}

/*
 * A page directory made before a vmalloc page table existed lacks the pde
 * for it; swapper_pg_dir has it (page_fault_path() checked the address is in
 * the vmalloc area). Copy it over and retry (Linux 32-bit:
 * vmalloc_fault, vmalloc_sync_one). Returns false if swapper_pg_dir does not
 * map the address either: then it is a real bug.
 */
static bool vmalloc_fault(unsigned long address)
{
	pgd_t *pgd = (pgd_t *)__va(read_cr3() & PAGE_MASK) + pgd_index(address);
	pgd_t *pgd_k = swapper_pg_dir + pgd_index(address);
	pmd_t *pmd = pmd_offset(pud_offset(p4d_offset(pgd, address), address), address);
	pmd_t *pmd_k = pmd_offset(pud_offset(p4d_offset(pgd_k, address), address), address);
	if (!pmd_present(*pmd_k))
		return false;
	if (!pmd_present(*pmd))
		set_pmd(pmd, *pmd_k);
	else if (pmd_val(*pmd) != pmd_val(*pmd_k))
		return false;
	if (!pmd_large(*pmd_k) && !pte_present(*pte_offset_kernel(pmd_k, address)))
		return false;
	nr_vmalloc_faults++;
	return true;
}

// Linux: show_signal_msg. There are no tasks yet: the mm stands in for one.
static void show_segv(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	pr_info("mm-%p: segfault at %lx ip %08lx sp %08lx error %lx\n", (void *)current_mm, address,
		regs->ip, kernel_stack_pointer(regs), error_code);
}

// A fault on a user address of the loaded mm (Linux: do_user_addr_fault).
// True if it was handled: mapped, or refused with a fixup.
static bool user_addr_fault(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	unsigned int flags = ((error_code & X86_PF_WRITE) ? FAULT_FLAG_WRITE : 0) |
			     ((error_code & X86_PF_PROT) ? FAULT_FLAG_PRESENT : 0);
	enum vm_fault_reason r = handle_mm_fault(current_mm, address, flags);
	if (r == VM_FAULT_OK)
		return true;
	if (r == VM_FAULT_SIGSEGV)
		show_segv(regs, error_code, address);
	else
		pr_err("Out of memory handling a fault at %08lx\n", address);
	if (!user_mode(regs) && fixup_with_record(regs, error_code, address))
		return true;
	return false;
}

void do_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();
	switch (page_fault_path(error_code, address, current_mm != nullptr,
				address >= VMALLOC_START && address < VMALLOC_END)) {
	case PF_VMALLOC_SYNC: // maybe only this page directory is out of date
		if (vmalloc_fault(address))
			return;
		break;
	case PF_USER_MM:
		if (user_addr_fault(regs, error_code, address))
			return;
		break;
	case PF_KERNEL: break;
	}
	if (!user_mode(regs) && fixup_with_record(regs, error_code, address))
		return;
	if (!user_mode(regs) && !(error_code & X86_PF_PROT) && // Linux: page_fault_oops
	    kfence_handle_page_fault(address, error_code & X86_PF_WRITE, regs))
		return;
	char what[48];
	scnprintf(what, sizeof(what), "page fault for address %08lx", address);
	oops_begin(regs, what); // before anything that might fault again
	show_fault_oops(regs, error_code, address);
	show_fault_hint(address, error_code);
	__die("Oops", regs, error_code);
	oops_end(regs, true);
}
