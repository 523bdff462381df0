// The page-fault handler's decisions (see asm/fault.h); fault.cpp acts on them.
#include <asm/fault.h>
#include <asm/page_types.h>
#include <asm/traps.h>
#include <linux/mm_space.h>
#include <linux/vmalloc.h>

enum pf_path page_fault_path(unsigned long error_code, unsigned long address, bool have_mm,
			     bool in_vmalloc_area)
{
	bool kernel = !(error_code & X86_PF_USER);
	if (kernel && !(error_code & X86_PF_PROT) && in_vmalloc_area)
		return PF_VMALLOC_SYNC; // only a missing pde can be out of date
	if (address < TASK_SIZE && have_mm)
		return PF_USER_MM; // not present: demand paging; protection: maybe COW
	return PF_KERNEL;
}

enum pf_hint page_fault_hint(unsigned long address, unsigned long error_code, bool in_vmalloc_area,
			     const struct vm_struct *vm, unsigned long ro_start,
			     unsigned long ro_end)
{
	if (address < PAGE_SIZE)
		return PF_HINT_NULL;
	if (in_vmalloc_area) {
		if (!vm)
			return PF_HINT_VMALLOC_NO_AREA;
		if (address >= (unsigned long)vm->addr + get_vm_area_size(vm))
			return PF_HINT_VMALLOC_GUARD;
		return PF_HINT_NONE;
	}
	if ((error_code & X86_PF_WRITE) && address >= ro_start && address < ro_end)
		return PF_HINT_READ_ONLY_KERNEL;
	return PF_HINT_NONE;
}
