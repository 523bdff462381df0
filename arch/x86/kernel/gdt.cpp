/*
 * DOC: the GDT and the TSS (Linux: arch/x86/kernel/cpu/common.c)
 *
 * Segmentation is flat (base 0, limit 4 GiB) and only there because the CPU
 * insists. The TSS matters more: it holds the stack the CPU switches to on a
 * ring change (sp0), and a second TSS lets a double fault switch to a fresh
 * stack (doublefault_32.cpp), which is what turns a kernel stack overflow
 * into a report instead of a silent triple fault.
 */
#include <asm/desc.h>
#include <asm/page_types.h>
#include <asm/setup.h>

u64 gdt_table[GDT_ENTRIES] __aligned(8);
struct x86_hw_tss cpu_tss __aligned(128);

// base, limit (in 4 KiB units when g is set), access byte, flags nibble.
static constexpr u64 gdt_entry(u32 base, u32 limit, u8 access, u8 flags)
{
	return (u64)(limit & 0xffff) | ((u64)(base & 0xffffff) << 16) | ((u64)access << 40) |
	       ((u64)((limit >> 16) & 0xf) << 48) | ((u64)(flags & 0xf) << 52) |
	       ((u64)(base >> 24) << 56);
}

#define FLAT_4K_32 0xc // granularity 4K, 32-bit
#define ACCESS_CODE(dpl) (0x9a | ((dpl) << 5))
#define ACCESS_DATA(dpl) (0x92 | ((dpl) << 5))
#define ACCESS_TSS 0x89 // present, available 32-bit TSS

static u64 tss_entry(const struct x86_hw_tss *tss)
{
	return gdt_entry((u32)(unsigned long)tss, sizeof(*tss) - 1, ACCESS_TSS, 0);
}

struct desc_ptr {
	u16 size;
	u32 address;
} __attribute__((__packed__));

static void load_segments(void)
{
	struct desc_ptr gdtr = {sizeof(gdt_table) - 1, (u32)(unsigned long)gdt_table};
	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\n\t"
			 "mov %2, %%ss\n\t"
			 "mov %3, %%ds\n\t"
			 "mov %3, %%es\n\t"
			 "mov %4, %%fs\n\t"
			 "mov %4, %%gs\n\t"
			 "ltr %w5"
			 :
			 : "m"(gdtr), "i"(__KERNEL_CS), "r"(__KERNEL_DS), "r"(__USER_DS), "r"(0),
			   "r"(GDT_ENTRY_TSS_SEL)
			 : "memory");
}

void setup_gdt(void)
{
	gdt_table[GDT_ENTRY_KERNEL_CS] = gdt_entry(0, 0xfffff, ACCESS_CODE(0), FLAT_4K_32);
	gdt_table[GDT_ENTRY_KERNEL_DS] = gdt_entry(0, 0xfffff, ACCESS_DATA(0), FLAT_4K_32);
	gdt_table[GDT_ENTRY_DEFAULT_USER_CS] = gdt_entry(0, 0xfffff, ACCESS_CODE(3), FLAT_4K_32);
	gdt_table[GDT_ENTRY_DEFAULT_USER_DS] = gdt_entry(0, 0xfffff, ACCESS_DATA(3), FLAT_4K_32);

	cpu_tss.ss0 = __KERNEL_DS;
	cpu_tss.sp0 = (u32)(unsigned long)boot_stack_top;
	cpu_tss.io_bitmap_base = sizeof(cpu_tss); // no I/O bitmap: ring 3 gets no ports
	gdt_table[GDT_ENTRY_TSS] = tss_entry(&cpu_tss);

	doublefault_init_cpu_tss();
	gdt_table[GDT_ENTRY_DOUBLEFAULT_TSS] = tss_entry(&doublefault_tss);
	load_segments();
}
