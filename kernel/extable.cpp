// Where the kernel's code is, and how far boot has gone (Linux:
// kernel/extable.c's __kernel_text_address, init/main.c's system_state).
#include <asm/sections.h>
#include <linux/kernel.h>

enum system_states system_state = SYSTEM_BOOTING;

// A backtrace trusts a stack word as a return address only if it points
// into code. Once free_initmem() has run, .init.text pages hold whatever
// the buddy allocator put there, so an old return address into them (the
// idle task's start_kernel frame, say) is no longer code.
bool __kernel_text_address(unsigned long addr)
{
	if (is_kernel_text(addr))
		return true;
	return system_state < SYSTEM_FREEING_INITMEM && is_kernel_inittext(addr);
}
