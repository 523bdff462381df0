// Looking up a faulting instruction in the exception table (Linux:
// arch/x86/mm/extable.c, kernel/extable.c). The table is a handful of
// entries, so a linear search; Linux sorts it at boot and bisects.
#include <asm/extable.h>

extern "C" const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == regs->ip) {
			regs->ip = e->fixup;
			return true;
		}
	return false;
}
