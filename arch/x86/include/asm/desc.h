#pragma once
// Segment descriptors, the TSS and the IDT (Linux: asm/desc.h, desc_defs.h).
#include <asm/segment.h>
#include <linux/compiler.h>
#include <linux/types.h>

// Hardware task state segment, 32-bit layout.
struct x86_hw_tss {
	u16 back_link, __blh;
	u32 sp0;
	u16 ss0, __ss0h;
	u32 sp1;
	u16 ss1, __ss1h;
	u32 sp2;
	u16 ss2, __ss2h;
	u32 cr3, ip, flags, ax, cx, dx, bx, sp, bp, si, di;
	u16 es, __esh, cs, __csh, ss, __ssh, ds, __dsh, fs, __fsh, gs, __gsh;
	u16 ldt, __ldth, trace, io_bitmap_base;
} __attribute__((__packed__));

extern struct x86_hw_tss cpu_tss;	  // the task we normally run in
extern struct x86_hw_tss doublefault_tss; // the task gate 8 switches to
extern u64 gdt_table[GDT_ENTRIES];

void setup_gdt(void);
void idt_setup(void);
void doublefault_init_cpu_tss(void);
