#pragma once
/*
 * Exception tables (Linux: arch/x86/include/asm/extable.h).
 *
 * An instruction that may fault on purpose (a probe of an address that may
 * not be mapped) is listed with the address to continue at. The page-fault
 * handler looks the faulting EIP up here before it oopses; if it is listed,
 * it sets EIP to the fixup and returns, and the fixup reports an error to
 * the caller. Entries are 32-bit absolute addresses (Linux stores them
 * relative to the entry, to halve the table on 64-bit).
 */
#include <asm/ptrace.h>

struct exception_table_entry {
	unsigned long insn, fixup;
};

// Sets regs->ip to the fixup of the faulting instruction; false if none.
bool fixup_exception(struct pt_regs *regs);

// *dst = *src for one byte; -EFAULT (and *dst untouched) if src faults.
static inline int __get_kernel_nofault_u8(unsigned char *dst, const void *src)
{
	int err = 0;
	unsigned char v = 0;
	__asm__ volatile("1:	movb (%2), %1\n"
			 "2:\n"
			 ".pushsection .fixup, \"ax\"\n"
			 "3:	movl $-14, %0\n" // -EFAULT
			 "	jmp 2b\n"
			 ".popsection\n"
			 ".pushsection __ex_table, \"a\"\n"
			 "	.long 1b, 3b\n"
			 ".popsection\n"
			 : "+r"(err), "+q"(v)
			 : "r"(src)
			 : "memory");
	if (!err)
		*dst = v;
	return err;
}

// *dst = v for one byte; -EFAULT if dst faults (a fault that the page-fault
// handler resolves, such as demand paging, just completes the store).
static inline int __put_kernel_nofault_u8(void *dst, unsigned char v)
{
	int err = 0;
	__asm__ volatile("1:	movb %1, (%2)\n"
			 "2:\n"
			 ".pushsection .fixup, \"ax\"\n"
			 "3:	movl $-14, %0\n"
			 "	jmp 2b\n"
			 ".popsection\n"
			 ".pushsection __ex_table, \"a\"\n"
			 "	.long 1b, 3b\n"
			 ".popsection\n"
			 : "+r"(err)
			 : "q"(v), "r"(dst)
			 : "memory");
	return err;
}
