#pragma once
// The mock arch has no interrupts: saving and restoring is a no-op.
static inline unsigned long local_irq_save(void) { return 0; }
static inline void local_irq_restore(unsigned long) {}
static inline void local_irq_disable(void) {}
static inline void local_irq_enable(void) {}
static inline bool irqs_disabled(void) { return false; }
