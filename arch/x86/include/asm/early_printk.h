#pragma once
// COM1 and the VGA text screen (Linux: arch/x86/kernel/early_printk.c,
// drivers/tty/serial/8250).
#include <linux/types.h>

#define COM1_BASE 0x3f8

void early_console_init(void);
void serial8250_putc(char c);
// A received byte, or -1 when none is waiting.
int serial8250_getc(void);
// IRQ 4 on each received byte (on) or none (off).
void serial8250_set_rx_irq(bool on);
// Routes the UART's output back to its input (MCR loopback) for self-tests.
void serial8250_set_loopback(bool on);
