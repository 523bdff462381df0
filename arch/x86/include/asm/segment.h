#pragma once
/*
 * GDT layout, the same slots as 32-bit Linux (arch/x86/include/asm/segment.h)
 * so selectors in our oopses read like Linux's (CS 0060, SS 0068, DS 007b):
 *
 *    6-8 TLS (set_thread_area)  0x33 0x3b 0x43
 *   12  kernel code  0x60      15  user data   0x7b
 *   13  kernel data  0x68      16  TSS         0x80
 *   14  user code    0x73      31  double-fault TSS 0xf8
 */
#define GDT_ENTRIES 32
#define GDT_ENTRY_TLS_MIN 6
#define GDT_ENTRY_TLS_ENTRIES 3
#define GDT_ENTRY_TLS_MAX (GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1)
#define GDT_ENTRY_KERNEL_CS 12
#define GDT_ENTRY_KERNEL_DS 13
#define GDT_ENTRY_DEFAULT_USER_CS 14
#define GDT_ENTRY_DEFAULT_USER_DS 15
#define GDT_ENTRY_TSS 16
#define GDT_ENTRY_DOUBLEFAULT_TSS 31

#define __KERNEL_CS (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS (GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS (GDT_ENTRY_DEFAULT_USER_CS * 8 + 3)
#define __USER_DS (GDT_ENTRY_DEFAULT_USER_DS * 8 + 3)
#define GDT_ENTRY_TSS_SEL (GDT_ENTRY_TSS * 8)
#define __DOUBLEFAULT_TSS (GDT_ENTRY_DOUBLEFAULT_TSS * 8)
