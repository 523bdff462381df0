/*
 * DOC: the legacy interrupt controllers (Linux: arch/x86/kernel/i8259.c)
 *
 * Two cascaded 8259A PICs, remapped to vectors 32-47 (their power-on
 * vectors 8-15 collide with CPU exceptions). An IRQ line stays masked
 * until a driver asks for it (request_irq); every interrupt is
 * acknowledged with an end-of-interrupt once handled.
 */
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/traps.h>

static u16 cached_irq_mask = 0xffff & ~(1u << 2); // IRQ2 is the cascade: always open

static void write_masks(void)
{
	outb((u8)cached_irq_mask, 0x21);
	outb((u8)(cached_irq_mask >> 8), 0xa1);
}

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
	write_masks();
}

void enable_8259A_irq(unsigned int irq)
{
	cached_irq_mask &= (u16) ~(1u << irq);
	write_masks();
}

void disable_8259A_irq(unsigned int irq)
{
	cached_irq_mask |= (u16)(1u << irq);
	write_masks();
}

// In-service register: is irq really being serviced, or spurious?
static bool irq_in_service(unsigned int irq)
{
	u16 port = irq < 8 ? 0x20 : 0xa0;
	outb(0x0b, port); // OCW3: read ISR
	return inb(port) & (1u << (irq & 7));
}

bool i8259A_spurious(unsigned int irq)
{
	if ((irq & 7) != 7 || irq_in_service(irq))
		return false;
	if (irq == 15)
		outb(0x20, 0x20); // the master did see the cascade
	return true;
}

void i8259A_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(0x20, 0xa0);
	outb(0x20, 0x20);
}
