/*
 * DOC: the consoles (Linux: arch/x86/kernel/early_printk.c, 8250 driver)
 *
 * Two printk consoles from the first line on: COM1, a 16550 UART at 115200
 * 8N1 (QEMU puts it on the terminal; the tests read it), and the VGA text
 * screen, mirrored for anyone watching QEMU's window. Output is polled:
 * printk must work with interrupts off, even inside an oops. Input may
 * raise IRQ 4 (drivers/tty/tty_buffer.cpp turns that on once tasks run).
 */
#include <asm/early_printk.h>
#include <asm/io.h>
#include <asm/page_types.h>
#include <linux/kernel.h>
#include <linux/string.h>

// 16550 registers, offsets from the base port.
#define UART_TX 0	  // transmit holding / receive buffer (DLAB=0)
#define UART_IER 1	  // interrupt enable
#define UART_IER_RDI 0x01 // interrupt when a byte has arrived
#define UART_FCR 2	  // FIFO control
#define UART_LCR 3	  // line control
#define UART_MCR 4	  // modem control
#define UART_LSR 5	  // line status
#define UART_LCR_DLAB 0x80
#define UART_LSR_DR 0x01   // a byte has arrived
#define UART_LSR_THRE 0x20 // ready to send
#define UART_MCR_LOOP 0x10

static void serial8250_init(void)
{
	outb(0x00, COM1_BASE + UART_IER);
	outb(UART_LCR_DLAB, COM1_BASE + UART_LCR);
	outb(0x01, COM1_BASE + UART_TX); // divisor 1: 115200 baud
	outb(0x00, COM1_BASE + UART_IER);
	outb(0x03, COM1_BASE + UART_LCR); // 8 bits, no parity, 1 stop bit
	outb(0xc7, COM1_BASE + UART_FCR); // FIFOs on and cleared
	outb(0x0b, COM1_BASE + UART_MCR); // DTR, RTS, OUT2
}

void serial8250_putc(char c)
{
	for (int spins = 0; spins < 1000000; spins++) // a stuck UART must not hang an oops
		if (inb(COM1_BASE + UART_LSR) & UART_LSR_THRE)
			break;
	outb((u8)c, COM1_BASE + UART_TX);
}

int serial8250_getc(void)
{
	if (!(inb(COM1_BASE + UART_LSR) & UART_LSR_DR))
		return -1;
	return inb(COM1_BASE + UART_TX);
}

static u8 rx_ier; // the receive interrupt the tty asked for, off during loopback

void serial8250_set_rx_irq(bool on)
{
	rx_ier = on ? UART_IER_RDI : 0;
	outb(0x01, COM1_BASE + UART_FCR); // FIFO on, interrupt at the first byte, not the 14th
	outb(rx_ier, COM1_BASE + UART_IER);
}

// Loopback bytes must reach the self-test's polling, not the tty's ring.
void serial8250_set_loopback(bool on)
{
	u8 mcr = inb(COM1_BASE + UART_MCR);
	outb(on ? 0 : rx_ier, COM1_BASE + UART_IER);
	outb(on ? (mcr | UART_MCR_LOOP) : (mcr & ~UART_MCR_LOOP), COM1_BASE + UART_MCR);
}

static void serial_console_write(struct console *, const char *s, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial8250_putc('\r');
		serial8250_putc(s[i]);
	}
}

// --- VGA text mode: 80x25 cells of (character, attribute) at 0xb8000 ---------

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x0700 // light grey on black
// Through the direct map, like any other physical memory.
static u16 *vga_cells(void) { return (u16 *)__va(0xb8000); }
static unsigned int vga_row, vga_col;

static void vga_scroll(void)
{
	u16 *vga = vga_cells();
	memmove(vga, vga + VGA_COLS, (VGA_ROWS - 1) * VGA_COLS * sizeof(u16));
	for (int i = 0; i < VGA_COLS; i++)
		vga[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR | ' ';
}

static void vga_putc(char c)
{
	if (c == '\n' || vga_col == VGA_COLS) {
		vga_col = 0;
		if (++vga_row == VGA_ROWS) {
			vga_scroll();
			vga_row = VGA_ROWS - 1;
		}
		if (c == '\n')
			return;
	}
	vga_cells()[vga_row * VGA_COLS + vga_col++] = VGA_ATTR | (u8)c;
}

static void vga_console_write(struct console *, const char *s, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		vga_putc(s[i]);
	unsigned int pos = vga_row * VGA_COLS + vga_col; // move the hardware cursor
	outb(0x0f, 0x3d4);
	outb(pos & 0xff, 0x3d5);
	outb(0x0e, 0x3d4);
	outb(pos >> 8, 0x3d5);
}

static struct console serial_console = {"ttyS0", serial_console_write, nullptr};
static struct console vga_console = {"vga", vga_console_write, nullptr};

void early_console_init(void)
{
	serial8250_init();
	for (int i = 0; i < VGA_ROWS * VGA_COLS; i++)
		vga_cells()[i] = VGA_ATTR | ' ';
	register_console(&vga_console);
	register_console(&serial_console);
}
