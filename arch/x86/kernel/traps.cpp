/*
 * DOC: exceptions (Linux: arch/x86/kernel/traps.c)
 *
 * Every vector arrives in do_exception() with the registers in pt_regs. The
 * kernel has no user processes yet, so an exception is a kernel bug: it gets
 * Linux's oops ("invalid opcode: 0000 [#1]", registers, code bytes, stack,
 * call trace) and then panic("Fatal exception"), which halts or reboots as
 * panic= says. Page faults have their own entry (exc_page_fault, arch/x86/mm/fault.cpp).
 */
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/traps.h>
#include <linux/kernel.h>

static const char *const trap_names[] = {
    "divide error",
    "debug",
    "nmi",
    "int3",
    "overflow",
    "bounds",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor segment overrun",
    "invalid TSS",
    "segment not present",
    "stack segment",
    "general protection fault",
    "page fault",
    "spurious interrupt bug",
    "coprocessor error",
    "alignment check",
    "machine check",
    "simd error",
    "virtualization exception",
    "control protection fault",
};

static unsigned long spurious_irqs;

// A masked PIC can still raise IRQ 7/15 spuriously; acknowledge and go on.
static void handle_legacy_irq(unsigned int irq)
{
	spurious_irqs++;
	if (irq >= 8)
		outb(0x20, 0xa0);
	outb(0x20, 0x20);
}

void do_exception(struct pt_regs *regs)
{
	unsigned long nr = regs->trapnr;
	if (nr >= FIRST_EXTERNAL_VECTOR)
		return handle_legacy_irq(nr - FIRST_EXTERNAL_VECTOR);
	if (nr == X86_TRAP_NMI) {
		pr_emerg("Uhhuh. NMI received for unknown reason on CPU 0.\n");
		return;
	}
	die(nr < ARRAY_SIZE(trap_names) ? trap_names[nr] : "reserved exception", regs,
	    regs->error_code);
}

// The GDT (with both TSSs), the IDT and the PICs, before anything can fault.
void trap_init(void)
{
	setup_gdt();
	idt_setup();
	init_ISA_irqs();
}
