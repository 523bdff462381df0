/*
 * DOC: the page-fault handler (Linux: arch/x86/mm/fault.c)
 *
 * The CPU reports a page fault with the address in CR2 and an error code
 * saying why (asm/traps.h: X86_PF_*). The path is Linux 6.1's:
 *
 *   exc_page_fault -> handle_page_fault -> do_kern_addr_fault  (>= TASK_SIZE)
 *                                       -> do_user_addr_fault  (below)
 *
 * A kernel address missing only from this page directory (a vmalloc pde
 * made after it was copied) is synced from swapper_pg_dir (vmalloc_fault).
 * A user address of the loaded mm goes to handle_mm_fault (demand paging,
 * copy-on-write); one outside its VMAs is reported as a segfault. What is
 * left is fixed up if the instruction is in the exception table, or gets
 * Linux's page-fault oops: what was accessed, how, what the page tables
 * said, a hint line (NULL page, vmalloc guard page, read-only text), then
 * the usual oops body.
 *
 * Differs from Linux: no tasks, so no mm lock, no retry and no signals (a
 * refused user fault is reported per mm, then fixed up or an oops); no
 * spurious_kernel_fault(), since every permission change flushes the TLB
 * at once.
 */
#include <asm/extable.h>
#include <asm/fault.h>
#include <asm/irqflags.h>
#include <asm/page_types.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/traps.h>
#include <linux/debug_pagealloc.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/mm_space.h>
#include <linux/pgtable.h>
#include <linux/pgwalk.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/signal.h>
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

// Linux: page_fault_oops. KFENCE may own a not-present fault on its pool.
static void page_fault_oops(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	if (!user_mode(regs) && !(error_code & X86_PF_PROT) &&
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

// Linux: kernelmode_fixup_or_oops, reached through bad_area_nosemaphore.
// User mode has no signal to take yet, so it oopses too.
static void kernelmode_fixup_or_oops(struct pt_regs *regs, unsigned long error_code,
				     unsigned long address)
{
	if (!user_mode(regs) && fixup_with_record(regs, error_code, address))
		return;
	page_fault_oops(regs, error_code, address);
}

/*
 * A page directory made before a vmalloc page table existed lacks the pde
 * for it; swapper_pg_dir has it. Copies it from there into the page
 * directory at pgd (Linux 32-bit: vmalloc_sync_one) and returns the
 * kernel's pmd, or NULL if that is empty too or the two disagree (Linux BUGs
 * on the latter).
 */
static pmd_t *vmalloc_sync_one(pgd_t *pgd, unsigned long address)
{
	pgd = pgd_offset_pgd(pgd, address);
	pmd_t *pmd = pmd_offset(pud_offset(p4d_offset(pgd, address), address), address);
	pmd_t *pmd_k = pmd_off_k(address);
	if (!pmd_present(*pmd_k))
		return nullptr;
	if (!pmd_present(*pmd))
		set_pmd(pmd, *pmd_k);
	else if (pmd_val(*pmd) != pmd_val(*pmd_k))
		return nullptr;
	return pmd_k;
}

// Linux 32-bit: vmalloc_fault. True if the instruction can be retried;
// false if swapper_pg_dir does not map the address either: a real bug.
static bool vmalloc_fault(unsigned long address)
{
	pmd_t *pmd_k = vmalloc_sync_one((pgd_t *)__va(read_cr3() & PAGE_MASK), address);
	if (!pmd_k)
		return false;
	if (!pmd_large(*pmd_k) && !pte_present(*pte_offset_kernel(pmd_k, address)))
		return false;
	nr_vmalloc_faults++;
	return true;
}

// Which way a fault goes, from the pure decision (asm/fault.h).
static enum pf_path pf_path_of(unsigned long error_code, unsigned long address)
{
	return page_fault_path(error_code, address, current_mm != nullptr,
			       address >= VMALLOC_START && address < VMALLOC_END);
}

static void user_fault_signal(struct pt_regs *regs, unsigned long error_code, unsigned long address,
			      vm_fault_t r);

// Linux: do_kern_addr_fault (no spurious_kernel_fault: see the header). Only
// a vmalloc pde missing from this page directory is not a bug.
static void do_kern_addr_fault(struct pt_regs *regs, unsigned long error_code,
			       unsigned long address, enum pf_path path)
{
	if (path == PF_VMALLOC_SYNC && vmalloc_fault(address))
		return;
	if (user_mode(regs)) // ring 3 touching the kernel half: SIGSEGV, SEGV_MAPERR
		return user_fault_signal(regs, error_code, address, VM_FAULT_SIGSEGV);
	kernelmode_fixup_or_oops(regs, error_code, address);
}

// Linux: show_signal_msg. Only for a signal the program does not catch,
// as show_unhandled_signals=1 does.
static void show_signal_msg(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	if (current->sig.action[SIGSEGV - 1].handler > SIG_IGN)
		return;
	printk(KERN_INFO "%s[%d]: segfault at %lx ip %08lx sp %08lx error %lx", current->comm,
	       current->pid, address, regs->ip, regs->sp, error_code);
	print_vma_addr(KERN_CONT " in ", regs->ip);
	printk(KERN_CONT "\n");
	show_opcodes(regs, KERN_INFO);
}

// A kernel-mode fault on a user address of an mm that refused it (a bad
// pointer given to a probe): the old per-mm report.
static void show_segv(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	pr_info("mm-%p: segfault at %lx ip %08lx sp %08lx error %lx\n", (void *)current_mm, address,
		regs->ip, kernel_stack_pointer(regs), error_code);
}

// The fault's signal for a user program (Linux: __bad_area_nosemaphore's
// user leg, do_sigbus, set_signal_archinfo).
static void user_fault_signal(struct pt_regs *regs, unsigned long error_code, unsigned long address,
			      vm_fault_t r)
{
	current->thread.cr2 = address;
	current->thread.trap_nr = X86_TRAP_PF;
	current->thread.error_code = error_code | (address >= TASK_SIZE ? X86_PF_PROT : 0);
	if (r & VM_FAULT_SIGBUS) {
		force_sig_fault(SIGBUS, BUS_ADRERR, address);
		return;
	}
	if (r & VM_FAULT_OOM) { // Linux 6.1: pagefault_out_of_memory
		// The allocator has run the OOM killer already; a victim (us or
		// another) is dying. Back to user mode: the SIGKILL ends us there,
		// or the access faults again and asks again.
		static struct ratelimit_state pfoom_rs;
		if (!current->oom_victim && __ratelimit(&pfoom_rs))
			pr_warn("Huh VM_FAULT_OOM leaked out to the #PF handler. Retrying PF\n");
		return;
	}
	struct vm_area_struct *vma = current_mm ? find_vma(current_mm, address) : nullptr;
	bool accerr = address < TASK_SIZE && vma && vma->vm_start <= address;
	show_signal_msg(regs, error_code, address);
	force_sig_fault(SIGSEGV, accerr ? SEGV_ACCERR : SEGV_MAPERR, address);
}

// Linux: do_user_addr_fault, with no mm lock and no retry. A fault from
// ring 3 that the mm refuses becomes a signal; from the kernel (a probe or
// a copy_*_user) it is fixed up or an oops. Without an mm (a NULL pointer
// at boot) it is a bad area at once, as in Linux.
static void do_user_addr_fault(struct pt_regs *regs, unsigned long error_code,
			       unsigned long address, enum pf_path path)
{
	vm_fault_t r = VM_FAULT_SIGSEGV;
	if (path == PF_USER_MM) {
		unsigned int flags = ((error_code & X86_PF_WRITE) ? FAULT_FLAG_WRITE : 0) |
				     ((error_code & X86_PF_PROT) ? FAULT_FLAG_PRESENT : 0);
		r = handle_mm_fault(current_mm, address, flags);
		if (!(r & VM_FAULT_ERROR))
			return;
	}
	if (user_mode(regs))
		return user_fault_signal(regs, error_code, address, r);
	if (path == PF_USER_MM &&
	    !current->mm) { // a test's mm; a process's bad pointer is -EFAULT, silently
		if (r & (VM_FAULT_SIGSEGV | VM_FAULT_SIGBUS))
			show_segv(regs, error_code, address);
		else
			pr_err("Out of memory handling a fault at %08lx\n", address);
	}
	kernelmode_fixup_or_oops(regs, error_code, address);
}

static bool fault_in_kernel_space(unsigned long address) { return address >= TASK_SIZE; }

// The route is decided once, by the pure page_fault_path() the host tests
// check; each half acts on the answers that concern it.
static void handle_page_fault(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	enum pf_path path = pf_path_of(error_code, address);
	if (fault_in_kernel_space(address))
		do_kern_addr_fault(regs, error_code, address, path);
	else
		do_user_addr_fault(regs, error_code, address, path);
}

// Linux: DEFINE_IDTENTRY_RAW_ERRORCODE(exc_page_fault); entry_32.asm calls it
// with interrupts off (an interrupt gate), and they stay off throughout.
void exc_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2(); // before interrupts may come back
	if (user_mode(regs))
		local_irq_enable(); // Linux: interrupts on for faults from ring 3
	handle_page_fault(regs, error_code, address);
	local_irq_disable();
}
