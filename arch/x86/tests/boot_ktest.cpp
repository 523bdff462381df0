// Self-tests of the boot path: where we run, what head_32.asm and trap_init
// left behind, and the devices the rest of the kernel relies on.
#include <asm/desc.h>
#include <asm/e820/api.h>
#include <asm/early_printk.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/page_types.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/tsc.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/pgwalk.h>
#include <linux/sched/task.h>
#include <linux/sched_clock.h>
#include <linux/string.h>

// Whether vaddr is mapped in the page tables the CPU uses now.
static bool mapped(unsigned long vaddr)
{
	struct pgwalk w;
	return pgwalk((pgd_t *)__va(read_cr3() & PAGE_MASK), vaddr, &w);
}

KTEST(boot, running_at_page_offset)
{
	KTEST_EXPECT_TRUE(test, current_stack_pointer() >= PAGE_OFFSET);
	KTEST_EXPECT_TRUE(test, (unsigned long)&ktest_boot_running_at_page_offset >= PAGE_OFFSET);
	KTEST_EXPECT_EQ(test, (unsigned long)_text, PAGE_OFFSET + 0x101000);
	KTEST_EXPECT_TRUE(test, read_cr0() & X86_CR0_PG);
	KTEST_EXPECT_TRUE(test, read_cr0() & X86_CR0_WP);
}

// Nothing below PAGE_OFFSET is mapped: a NULL dereference must fault.
KTEST(boot, identity_map_removed)
{
	const pgd_t *pgd = (const pgd_t *)__va(read_cr3() & PAGE_MASK);
	for (unsigned long i = 0; i < KERNEL_PGD_BOUNDARY; i++)
		KTEST_EXPECT_EQ(test, pgd_val(pgd[i]), 0);
	KTEST_EXPECT_FALSE(test, mapped(0));
	KTEST_EXPECT_TRUE(test, mapped(PAGE_OFFSET));
}

KTEST(boot, stack_guard_page_unmapped)
{
	KTEST_EXPECT_FALSE(test, mapped((unsigned long)boot_stack_guard));
	KTEST_EXPECT_TRUE(test, mapped((unsigned long)boot_stack));
	KTEST_EXPECT_EQ(test, (unsigned long)boot_stack - (unsigned long)boot_stack_guard,
			PAGE_SIZE);
	// The boot stack is the idle task's; from the shell the tests run in
	// pid 1, on its own two-page stack.
	unsigned long sp = current_stack_pointer();
	unsigned long lo =
	    current == &init_task ? (unsigned long)boot_stack : (unsigned long)current->stack;
	unsigned long hi = current == &init_task ? (unsigned long)boot_stack_top
						 : lo + (PAGE_SIZE << THREAD_SIZE_ORDER);
	KTEST_EXPECT_TRUE(test, sp > lo && sp < hi);
}

KTEST(boot, bss_cleared)
{
	static int zero_at_boot; // in .bss: head_32.asm cleared it
	KTEST_EXPECT_EQ(test, zero_at_boot, 0);
	KTEST_EXPECT_TRUE(test, (unsigned long)__bss_start < (unsigned long)__bss_stop);
}

KTEST(boot, segments_and_tss)
{
	u16 cs, ss, tr;
	__asm__ volatile("mov %%cs, %0; mov %%ss, %1; str %2" : "=r"(cs), "=r"(ss), "=r"(tr));
	KTEST_EXPECT_EQ(test, cs, __KERNEL_CS);
	KTEST_EXPECT_EQ(test, ss, __KERNEL_DS);
	KTEST_EXPECT_EQ(test, tr, GDT_ENTRY_TSS_SEL);
	KTEST_EXPECT_EQ(test, cpu_tss.ss0, __KERNEL_DS);
}

KTEST(boot, double_fault_is_a_task_gate)
{
	struct {
		u16 limit;
		u32 base;
	} __attribute__((__packed__)) idtr;
	__asm__ volatile("sidt %0" : "=m"(idtr));
	const u8 *gate = (const u8 *)(unsigned long)idtr.base + 8 * 8;
	KTEST_EXPECT_EQ(test, idtr.limit, 256 * 8 - 1);
	KTEST_EXPECT_EQ(test, gate[5], 0x85);				  // present task gate
	KTEST_EXPECT_EQ(test, gate[2] | gate[3] << 8, __DOUBLEFAULT_TSS); // its TSS
	KTEST_EXPECT_EQ(test, doublefault_tss.cr3, read_cr3());		  // the live page tables
}

// Every line masked but the timer (IRQ 0), the cascade to the slave (IRQ 2)
// and, once the tty has asked for it (pid 1's tty_init), COM1's (IRQ 4).
KTEST(boot, pic_remapped_and_masked)
{
	u8 want = irq_name(4) ? 0xea : 0xfa;
	KTEST_EXPECT_EQ(test, inb(0x21), want);
	KTEST_EXPECT_EQ(test, inb(0xa1), 0xff);
	KTEST_EXPECT_STREQ(test, irq_name(0), "timer");
}

KTEST(boot, tsc_calibrated_and_clock_moves)
{
	KTEST_EXPECT_TRUE(test, tsc_khz > 100000); // any CPU QEMU emulates runs > 100 MHz
	u64 t0 = local_clock();
	mdelay(2);
	u64 t1 = local_clock();
	KTEST_EXPECT_TRUE(test, t1 - t0 >= 2000000);
	KTEST_EXPECT_TRUE(test, t1 - t0 < 1000000000);
}

KTEST(boot, kallsyms_from_grub)
{
	char buf[KSYM_SYMBOL_LEN];
	if (kallsyms_dropped)
		KTEST_SKIP(test, "the boot had no lowmem to keep GRUB's symbol tables");
	KTEST_EXPECT_TRUE(test, kallsyms_available());
	unsigned long start_kernel = kallsyms_lookup_name("start_kernel");
	KTEST_EXPECT_TRUE(test, is_kernel_text(start_kernel));
	sprint_symbol(buf, start_kernel + 3);
	KTEST_EXPECT_TRUE(test, !strncmp(buf, "start_kernel+0x3/0x", 19));
	// a static C++ function shows without its mangling
	sprint_symbol_no_offset(buf, (unsigned long)mapped);
	KTEST_EXPECT_STREQ(test, buf, "mapped");
	sprint_symbol(buf, 0x1234);
	KTEST_EXPECT_STREQ(test, buf, "0x1234");
}

KTEST(boot, multiboot2_info)
{
	KTEST_ASSERT_NOT_NULL(test, boot_info.mmap);
	KTEST_EXPECT_TRUE(test,
			  boot_info.loader_name && !strncmp(boot_info.loader_name, "GRUB", 4));
	KTEST_EXPECT_TRUE(test, boot_info.cmdline &&
				    (ktest_from_shell || strstr(boot_info.cmdline, "ktest=")));
	KTEST_EXPECT_TRUE(test, boot_info.has_meminfo);
	KTEST_EXPECT_EQ(test, boot_info.problems, 0);
	// The basic meminfo and the map agree on where low RAM ends (QEMU: 639K,
	// 638K when GRUB keeps a cutmem hook in the EBDA).
	struct e820_table raw = {};
	multiboot2_mmap_to_e820(boot_info.mmap, &raw);
	bool found = false;
	for (u32 i = 0; i < raw.nr_entries; i++)
		if (raw.entries[i].addr == 0 && raw.entries[i].type == E820_TYPE_RAM)
			found = raw.entries[i].size == (u64)boot_info.mem_lower_kb << 10;
	KTEST_EXPECT_TRUE(test, found);
}

// The receive path the shell will use, without a human: in loopback mode the
// UART hands every transmitted byte to its own receiver. No printk in here:
// its output would loop back too.
KTEST(serial, loopback_receive)
{
	const char msg[] = "mm";
	char got[sizeof(msg)] = {};
	if (ktest_from_shell) // it would eat what is typed after the command
		KTEST_SKIP(test, "the shell is reading COM1");
	while (serial8250_getc() >= 0) // drain
		;
	serial8250_set_loopback(true);
	for (unsigned i = 0; i < sizeof(msg) - 1; i++)
		serial8250_putc(msg[i]);
	for (unsigned i = 0, spins = 0; i < sizeof(msg) - 1 && spins < 1000000; spins++) {
		int c = serial8250_getc();
		if (c >= 0)
			got[i++] = (char)c;
	}
	int extra = serial8250_getc();
	serial8250_set_loopback(false);
	KTEST_EXPECT_STREQ(test, got, msg);
	KTEST_EXPECT_EQ(test, extra, -1);
}

KTEST(panic, warn_continues)
{
	// WARN prints the cut-here block with a trace and returns the condition.
	bool fired = WARN(1, "ktest: this warning is expected\n");
	KTEST_EXPECT_TRUE(test, fired);
	KTEST_EXPECT_FALSE(test, WARN_ON(0));
}
