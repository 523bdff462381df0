#pragma once
// CPU registers and instructions (Linux: arch/x86/include/asm/processor.h,
// special_insns.h).
#include <asm/segment.h>
#include <linux/compiler.h>
#include <linux/types.h>

// The FPU/SSE registers as fxsave stores them (Linux: struct fxregs_state).
// The kernel itself never touches them (-mgeneral-regs-only), so a task's
// are saved and restored only when a user task is switched out and in.
struct fxregs_state {
	u8 bytes[512];
} __aligned(16);

// The arch half of a task (Linux: struct thread_struct).
struct thread_struct {
	unsigned long sp;		      // kernel ESP while switched out (__switch_to_asm)
	unsigned long sp0;		      // top of the kernel stack: TSS.sp0 while running
	u64 tls_array[GDT_ENTRY_TLS_ENTRIES]; // GDT entries 6-8 (set_thread_area)
	unsigned long fs, gs; // the live %fs/%gs while switched out: the kernel never reloads them
	unsigned long cr2, trap_nr, error_code; // the last fault, for its signal
	struct fxregs_state fpu;
};

#define X86_EFLAGS_IF 0x200
#define X86_CR0_PE 0x00000001
#define X86_CR0_MP 0x00000002
#define X86_CR0_EM 0x00000004
#define X86_CR0_TS 0x00000008
#define X86_CR0_NE 0x00000020
#define X86_CR0_WP 0x00010000
#define X86_CR0_PG 0x80000000
#define X86_CR4_PSE 0x00000010
#define X86_CR4_PGE 0x00000080
#define X86_CR4_OSFXSR 0x00000200
#define X86_CR4_OSXMMEXCPT 0x00000400

#define X86_FEATURE_PSE (1u << 3) // CPUID.1:EDX
#define X86_FEATURE_TSC (1u << 4)
#define X86_FEATURE_PGE (1u << 13)

static inline void cpuid(u32 op, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(op), "c"(0));
}
#define DEFINE_READ_CR(n)                                                                          \
	static inline unsigned long read_cr##n(void)                                               \
	{                                                                                          \
		unsigned long v;                                                                   \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));                                  \
		return v;                                                                          \
	}
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)
#undef DEFINE_READ_CR
static inline void write_cr0(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr0" ::"r"(v) : "memory");
}
static inline void write_cr3(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr3" ::"r"(v) : "memory");
}
static inline void write_cr4(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr4" ::"r"(v) : "memory");
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}
static inline void cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }
static inline void native_halt(void) { __asm__ volatile("hlt" ::: "memory"); }
static inline unsigned long current_stack_pointer(void)
{
	unsigned long sp;
	__asm__ volatile("mov %%esp, %0" : "=r"(sp));
	return sp;
}
static inline unsigned long current_frame_pointer(void)
{
	unsigned long bp;
	__asm__ volatile("mov %%ebp, %0" : "=r"(bp));
	return bp;
}
__noreturn void halt_forever(void);
