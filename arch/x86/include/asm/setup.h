#pragma once
// Boot-time state shared by the entry code and setup_arch
// (Linux: arch/x86/include/asm/setup.h).
#include <asm/multiboot2.h>
#include <linux/types.h>

extern "C" u32 multiboot_info_phys; // EBX at entry
extern "C" u64 boot_tsc;	    // TSC at entry: time zero for printk
extern "C" u32 initial_page_table[1024];
extern "C" u32 early_page_tables[];
extern "C" char boot_stack_guard[], boot_stack[], boot_stack_top[];

extern struct mb2_info boot_info;

void setup_arch(char **cmdline_p);
// Unmaps the identity half of the early page tables once we run high.
void zap_early_identity_map(void);
