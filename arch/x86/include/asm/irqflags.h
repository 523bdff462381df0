#pragma once
// Saving and restoring the interrupt flag (Linux: arch/x86/include/asm/irqflags.h).
static inline unsigned long local_irq_save(void)
{
	unsigned long flags;
	__asm__ volatile("pushf; pop %0; cli" : "=r"(flags)::"memory");
	return flags;
}
static inline void local_irq_restore(unsigned long flags)
{
	__asm__ volatile("push %0; popf" ::"g"(flags) : "memory", "cc");
}
