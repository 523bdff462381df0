// Restart and power off (Linux: arch/x86/kernel/reboot.c), for panic=, the
// test runner and the shell.
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/reboot.h>
#include <linux/kernel.h>

void halt_forever(void)
{
	for (;;) {
		local_irq_disable();
		native_halt();
	}
}

// Pulse the reset line through the keyboard controller; if that does not
// work, triple-fault with an empty IDT (Linux: BOOT_KBD, then BOOT_TRIPLE).
void machine_restart(void)
{
	pr_emerg("reboot: Restarting system\n");
	local_irq_disable();
	for (int i = 0; i < 0x10000 && (inb(0x64) & 0x02); i++)
		io_delay();
	outb(0xfe, 0x64);
	for (int i = 0; i < 100000; i++)
		io_delay();
	struct {
		u16 limit;
		u32 base;
	} __attribute__((__packed__)) no_idt = {0, 0};
	__asm__ volatile("lidt %0; int3" ::"m"(no_idt));
	halt_forever();
}

// QEMU's PIIX4 ACPI: SLP_EN in PM1a_CNT (port 0x604 as SeaBIOS sets it up).
void machine_power_off(void)
{
	pr_emerg("reboot: Power down\n");
	outw(0x2000, 0x604);
	outw(0x2000, 0xb004); // older QEMU and Bochs
	halt_forever();
}

void qemu_debug_exit(u8 code) { outb(code, 0xf4); }
