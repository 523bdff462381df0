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
static inline void local_irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void local_irq_enable(void) { __asm__ volatile("sti" ::: "memory"); }
static inline bool irqs_disabled(void)
{
	unsigned long flags;
	__asm__ volatile("pushf; pop %0" : "=r"(flags));
	return !(flags & 0x200);
}
// sti; hlt as one: an interrupt between them would otherwise be missed
// and the CPU would sleep with work pending (Linux: native_safe_halt).
static inline void safe_halt(void) { __asm__ volatile("sti; hlt" ::: "memory"); }
