/*
 * DOC: the interrupt descriptor table (Linux: arch/x86/kernel/idt.c)
 *
 * Vectors 0-31 are the CPU's exceptions, 32-47 the two legacy 8259 PICs
 * (i8259.cpp), 0x80 the system call.
 * Every gate is an interrupt gate (IF cleared on entry) into the vector_N entry points of
 * entry_32.asm, except the double fault: a task gate, so the CPU switches to
 * doublefault_tss and its own stack even when the kernel stack is gone.
 */
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/traps.h>

struct gate_desc {
	u16 offset_low;
	u16 segment;
	u8 reserved;
	u8 type_attr; // P | DPL | type
	u16 offset_high;
} __attribute__((__packed__));

#define GATE_INTERRUPT 0x8e // present, DPL 0, 32-bit interrupt gate
#define GATE_TASK 0x85	    // present, DPL 0, task gate
#define GATE_USER_INT 0xee  // present, DPL 3: int $0x80, int3 and into from ring 3

static struct gate_desc idt_table[256] __aligned(8);
extern "C" const u32 exception_vectors[FIRST_EXTERNAL_VECTOR + NR_LEGACY_IRQS];
extern "C" void entry_INT80_32(void);
#define IA32_SYSCALL_VECTOR 0x80

static void set_gate(unsigned int n, u32 offset, u16 segment, u8 type)
{
	idt_table[n] = {(u16)(offset & 0xffff), segment, 0, type, (u16)(offset >> 16)};
}

void idt_setup(void)
{
	for (unsigned int n = 0; n < ARRAY_SIZE(exception_vectors); n++)
		set_gate(n, exception_vectors[n], __KERNEL_CS, GATE_INTERRUPT);
	set_gate(X86_TRAP_DF, 0, __DOUBLEFAULT_TSS, GATE_TASK);
	// Linux: idt_setup_traps' DPL-3 gates; other vectors #GP if ring 3 tries them.
	set_gate(X86_TRAP_BP, exception_vectors[X86_TRAP_BP], __KERNEL_CS, GATE_USER_INT);
	set_gate(X86_TRAP_OF, exception_vectors[X86_TRAP_OF], __KERNEL_CS, GATE_USER_INT);
	set_gate(IA32_SYSCALL_VECTOR, (u32)(unsigned long)entry_INT80_32, __KERNEL_CS,
		 GATE_USER_INT);

	struct {
		u16 limit;
		u32 base;
	} __attribute__((__packed__)) idtr = {sizeof(idt_table) - 1, (u32)(unsigned long)idt_table};
	__asm__ volatile("lidt %0" ::"m"(idtr));
}
