#pragma once
// Interrupt lines (Linux: include/linux/interrupt.h, arch/x86/kernel/irq.c,
// i8259.c). Handlers run with interrupts off, on the interrupted task's
// kernel stack, and may only wake tasks and set flags.
#include <asm/ptrace.h>

typedef void (*irq_handler_t)(unsigned int irq, struct pt_regs *regs);

// Installs handler for a legacy IRQ line (0-15) and unmasks it: 0, -EINVAL
// for a bad line, -EBUSY if the line has a handler (no sharing).
int request_irq(unsigned int irq, irq_handler_t handler, const char *name);
void do_IRQ(unsigned int irq, struct pt_regs *regs);
unsigned long irq_count(unsigned int irq);
const char *irq_name(unsigned int irq);

void enable_8259A_irq(unsigned int irq);
void disable_8259A_irq(unsigned int irq);
bool i8259A_spurious(unsigned int irq);
void i8259A_eoi(unsigned int irq);

void time_init_tick(void); // the PIT at HZ, IRQ 0
