/*
 * DOC: typed bytes between the UART and their reader (Linux:
 * drivers/tty/tty_buffer.c, n_tty.c's ISIG handling, serial8250's rx
 * interrupt)
 *
 * Once tasks run, IRQ 4 moves each received byte into a ring, so what is
 * typed while a program computes is kept (the UART's FIFO holds only 16)
 * and a Ctrl-C reaches the console's foreground process group at once, as
 * SIGINT, instead of at its next read. Before that, and with interrupts
 * off (an oops, a ktest), tty_getc() polls the UART as the early shell did.
 *
 * Differs from Linux: one ring for the one line.
 */
#include <asm/early_printk.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <linux/kernel.h>
#include <linux/sched/task.h>
#include <linux/tty.h>

struct wait_queue_head tty_rx_wait = {LIST_HEAD_INIT(tty_rx_wait.head)};

static char ring[1024];
static unsigned int ring_head, ring_tail; // free-running; tail - head bytes held
static bool rx_irq_on;

// ISIG for the foreground group (Linux: n_tty_receive_signal_char), when
// the console's termios has ISIG on. The echo is the one a tty gives.
static bool intr_for_foreground(int c)
{
	int sig;
	pid_t pgrp = console_tty.pgrp;
	if (!pgrp || !tty_signal_char(c, &sig))
		return false;
	serial8250_putc('^'), serial8250_putc((char)(c ^ 0x40));
	serial8250_putc('\r'), serial8250_putc('\n');
	kill_pgrp(pgrp, sig, nullptr);
	return true;
}

// A full ring stops the interrupt: the bytes wait in the UART and QEMU
// stops sending (flow control, as n_tty throttles), so typed-ahead input
// is never lost; tty_getc turns it back on once there is room.
static void serial_rx_interrupt(unsigned int, struct pt_regs *)
{
	while (ring_tail - ring_head < sizeof(ring)) {
		int c = serial8250_getc();
		if (c < 0)
			break;
		if (!intr_for_foreground(c))
			ring[ring_tail++ % sizeof(ring)] = (char)c;
	}
	if (ring_tail - ring_head == sizeof(ring))
		serial8250_set_rx_irq(false);
	wake_up(&tty_rx_wait);
}

void tty_rx_init(void)
{
	if (request_irq(4, serial_rx_interrupt, "serial"))
		return; // keep polling
	serial8250_set_rx_irq(true);
	rx_irq_on = true;
}

int tty_getc(void)
{
	unsigned long flags = local_irq_save();
	int c = -1;
	if (ring_tail != ring_head) {
		if (rx_irq_on && ring_tail - ring_head == sizeof(ring))
			serial8250_set_rx_irq(true); // room again: unthrottle
		c = (unsigned char)ring[ring_head++ % sizeof(ring)];
	} else if (!rx_irq_on || !(flags & 0x200) /* IF was clear */)
		c = serial8250_getc(); // nobody else will read it
	local_irq_restore(flags);
	return c;
}
