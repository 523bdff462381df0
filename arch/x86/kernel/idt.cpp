/*
 * DOC: the interrupt descriptor table (Linux: arch/x86/kernel/idt.c)
 *
 * Vectors 0-31 are the CPU's exceptions, 32-47 the two legacy 8259 PICs
 * (remapped there: their power-on vectors 8-15 collide with exceptions).
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

static struct gate_desc idt_table[256] __aligned(8);
extern "C" const u32 exception_vectors[FIRST_EXTERNAL_VECTOR + NR_LEGACY_IRQS];

static void set_gate(unsigned int n, u32 offset, u16 segment, u8 type)
{
	idt_table[n] = {(u16)(offset & 0xffff), segment, 0, type, (u16)(offset >> 16)};
}

void idt_setup(void)
{
	for (unsigned int n = 0; n < ARRAY_SIZE(exception_vectors); n++)
		set_gate(n, exception_vectors[n], __KERNEL_CS, GATE_INTERRUPT);
	set_gate(X86_TRAP_DF, 0, __DOUBLEFAULT_TSS, GATE_TASK);

	struct {
		u16 limit;
		u32 base;
	} __attribute__((__packed__)) idtr = {sizeof(idt_table) - 1, (u32)(unsigned long)idt_table};
	__asm__ volatile("lidt %0" ::"m"(idtr));
}

// Remap the master PIC to 32-39 and the slave to 40-47, everything masked
// (Linux: arch/x86/kernel/i8259.c, init_8259A). Nothing uses IRQs yet.
void init_ISA_irqs(void)
{
	outb(0xff, 0x21);
	outb(0xff, 0xa1);
	outb(0x11, 0x20); // ICW1: edge triggered, cascade, ICW4 follows
	outb(0x11, 0xa0);
	io_delay();
	outb(FIRST_EXTERNAL_VECTOR, 0x21); // ICW2: vector base
	outb(FIRST_EXTERNAL_VECTOR + 8, 0xa1);
	outb(0x04, 0x21); // ICW3: slave on IRQ2
	outb(0x02, 0xa1);
	outb(0x01, 0x21); // ICW4: 8086 mode
	outb(0x01, 0xa1);
	io_delay();
	outb(0xff, 0x21); // all masked
	outb(0xff, 0xa1);
}
