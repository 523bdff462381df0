// Interrupt dispatch (Linux: arch/x86/kernel/irq.c, kernel/irq/*): one
// handler per legacy line, counts for /proc/interrupts.
#include <asm/irq.h>
#include <asm/traps.h>
#include <linux/errno.h>
#include <linux/kernel.h>

static struct {
	irq_handler_t handler;
	const char *name;
	unsigned long count;
} irq_desc[NR_LEGACY_IRQS];
static unsigned long spurious_irqs;

int request_irq(unsigned int irq, irq_handler_t handler, const char *name)
{
	if (irq >= NR_LEGACY_IRQS || irq == 2 || !handler)
		return -EINVAL;
	if (irq_desc[irq].handler)
		return -EBUSY;
	irq_desc[irq].handler = handler;
	irq_desc[irq].name = name;
	enable_8259A_irq(irq);
	return 0;
}

void do_IRQ(unsigned int irq, struct pt_regs *regs)
{
	if (i8259A_spurious(irq)) {
		spurious_irqs++;
		return;
	}
	irq_desc[irq].count++;
	if (irq_desc[irq].handler)
		irq_desc[irq].handler(irq, regs);
	else
		pr_err("irq %u: nobody cared\n", irq); // masked lines should not arrive
	i8259A_eoi(irq);
}

unsigned long irq_count(unsigned int irq) { return irq < NR_LEGACY_IRQS ? irq_desc[irq].count : 0; }
const char *irq_name(unsigned int irq)
{
	return irq < NR_LEGACY_IRQS ? irq_desc[irq].name : nullptr;
}
