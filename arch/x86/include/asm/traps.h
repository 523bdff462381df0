#pragma once
// Exceptions and the oops machinery (Linux: arch/x86/kernel/traps.c,
// dumpstack.c, arch/x86/mm/fault.c).
#include <asm/ptrace.h>
#include <linux/compiler.h>
#include <linux/types.h>

enum x86_trap {
	X86_TRAP_DE = 0,
	X86_TRAP_DB,
	X86_TRAP_NMI,
	X86_TRAP_BP,
	X86_TRAP_OF,
	X86_TRAP_BR,
	X86_TRAP_UD,
	X86_TRAP_NM,
	X86_TRAP_DF,
	X86_TRAP_OLD_MF,
	X86_TRAP_TS,
	X86_TRAP_NP,
	X86_TRAP_SS,
	X86_TRAP_GP,
	X86_TRAP_PF,
	X86_TRAP_SPURIOUS,
	X86_TRAP_MF,
	X86_TRAP_AC,
	X86_TRAP_MC,
	X86_TRAP_XF,
	X86_TRAP_VE,
	X86_TRAP_CP,
};
#define FIRST_EXTERNAL_VECTOR 32
#define NR_LEGACY_IRQS 16

// Page-fault error code bits.
enum x86_pf_error_code {
	X86_PF_PROT = 1 << 0,  // 0: page not present, 1: protection violation
	X86_PF_WRITE = 1 << 1, // write access
	X86_PF_USER = 1 << 2,  // from user mode
	X86_PF_RSVD = 1 << 3,  // a reserved bit was set in a paging entry
	X86_PF_INSTR = 1 << 4, // instruction fetch
	X86_PF_PK = 1 << 5,    // protection keys
};

void trap_init(void);
void init_ISA_irqs(void);
extern "C" void do_exception(struct pt_regs *regs);
// The page-fault entry (arch/x86/mm/fault.cpp), called from entry_32.asm.
extern "C" void exc_page_fault(struct pt_regs *regs, unsigned long error_code);

// Prints the oops for regs ("invalid opcode: 0000 [#1]" ...) and panics.
__noreturn void die(const char *str, struct pt_regs *regs, unsigned long err);
// Marks an oops as begun; a fault while one is being printed (or inside a
// symbol lookup) panics here with the reason instead of nesting.
void oops_begin(struct pt_regs *regs, const char *what);
// The oops header line, the registers and the trace, without panicking.
void __die(const char *str, struct pt_regs *regs, unsigned long err);
__noreturn void oops_end(struct pt_regs *regs, bool print_cr2);
extern int oops_in_progress;

void show_regs(struct pt_regs *regs);
void show_opcodes(struct pt_regs *regs, const char *loglvl);
// " in FILE[start+size]" for the VMA holding ip, or nothing (Linux: print_vma_addr).
void print_vma_addr(const char *prefix, unsigned long ip);
void show_stack_words(unsigned long sp);
void show_trace(unsigned long sp, unsigned long bp);
void show_regs_print_info(const char *log_lvl);
// The stack that contains addr: [*lo, *hi). False if addr is on none.
bool get_stack_bounds(unsigned long addr, unsigned long *lo, unsigned long *hi);

extern "C" __noreturn void exc_double_fault(unsigned long error_code);
