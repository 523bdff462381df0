#pragma once
// Port I/O (Linux: arch/x86/include/asm/io.h).
#include <linux/types.h>

static inline void outb(u8 v, u16 port) { __asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port)); }
static inline void outw(u16 v, u16 port) { __asm__ volatile("outw %0, %1" ::"a"(v), "Nd"(port)); }
static inline u8 inb(u16 port)
{
	u8 v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
// A write to an unused port: about 1us, the classic PIC/PIT settle delay.
static inline void io_delay(void) { outb(0, 0x80); }
