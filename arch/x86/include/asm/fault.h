#pragma once
// Which way the page-fault handler goes, as pure functions so host tests can
// check every error code against every kind of address.
#include <linux/types.h>

struct vm_struct;

enum pf_path {
	PF_VMALLOC_SYNC, // kernel, not present, vmalloc area: copy the pde from swapper_pg_dir
	PF_USER_MM,	 // a user address of the loaded mm: handle_mm_fault
	PF_KERNEL,	 // anything else: an exception fixup, or an oops
};
enum pf_path page_fault_path(unsigned long error_code, unsigned long address, bool have_mm,
			     bool in_vmalloc_area);

enum pf_hint {
	PF_HINT_NONE,
	PF_HINT_NULL,		 // page 0
	PF_HINT_VMALLOC_GUARD,	 // the guard page after a vmalloc area
	PF_HINT_VMALLOC_NO_AREA, // a vmalloc address no area holds
	PF_HINT_READ_ONLY_KERNEL // a write to kernel text or rodata
};
// vm: the vmalloc area holding address (guard page included), or NULL.
// The last fault fixed up through the exception table (the shell's fault
// command explains it), and the explanation: the oops's "#PF:" lines and
// hint, without the oops.
struct pf_fixup_record {
	unsigned long address, error_code, ip;
};
extern struct pf_fixup_record last_fixup;
void show_fault_explained(unsigned long error_code, unsigned long address, bool user);

enum pf_hint page_fault_hint(unsigned long address, unsigned long error_code, bool in_vmalloc_area,
			     const struct vm_struct *vm, unsigned long ro_start,
			     unsigned long ro_end);
