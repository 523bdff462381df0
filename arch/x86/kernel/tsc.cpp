/*
 * DOC: the TSC clock (Linux: arch/x86/kernel/tsc.c, quick_pit_calibrate)
 *
 * printk stamps lines with the time since boot. The TSC counts CPU cycles at
 * an unknown rate, so we count how many pass while the PIT (a 1.193182 MHz
 * timer every PC has) counts down 10 ms (Linux's quick calibration takes
 * about as long; under QEMU's -icount every millisecond spent spinning here
 * is a million instructions before "mm ready"). Until then local_clock() is 0 and
 * lines read "[    0.000000]", as early lines in Linux do.
 */
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/tsc.h>
#include <linux/boot_phase.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/sched_clock.h>

#define PIT_TICK_RATE 1193182UL
#define CALIBRATE_MS 10

unsigned long tsc_khz;

// Counts TSC cycles during ms milliseconds of PIT channel 2; 0 on failure.
static u64 pit_measure_tsc(unsigned int ms)
{
	u32 latch = PIT_TICK_RATE * ms / 1000;
	outb((inb(0x61) & ~0x02) | 0x01, 0x61); // gate channel 2 on, speaker off
	outb(0xb0, 0x43);			// channel 2, lo/hi byte, mode 0
	outb(latch & 0xff, 0x42);
	outb(latch >> 8, 0x42);
	u64 t0 = rdtsc();
	for (u32 spins = 0; spins < 100000000u; spins++)
		if (inb(0x61) & 0x20) // OUT2 goes high when the count reaches 0
			return rdtsc() - t0;
	return 0;
}

void __init time_init(void)
{
	u64 cycles = pit_measure_tsc(CALIBRATE_MS);
	if (!cycles) {
		pr_warn("tsc: Unable to calibrate against PIT; timestamps stay at zero\n");
		return;
	}
	tsc_khz = (unsigned long)(cycles / CALIBRATE_MS);
	boot_phase_mark("TSC calibration");
	pr_info("tsc: Fast TSC calibration using PIT\n");
	pr_info("tsc: Detected %lu.%03lu MHz processor\n", tsc_khz / 1000, tsc_khz % 1000);
}

u64 local_clock(void)
{
	if (!tsc_khz)
		return 0;
	u64 cycles = rdtsc() - boot_tsc;
	// ns = cycles * 10^6 / khz, split so the product cannot overflow.
	return cycles / tsc_khz * 1000000ULL + cycles % tsc_khz * 1000000ULL / tsc_khz;
}

void mdelay(unsigned long ms)
{
	if (tsc_khz) {
		u64 end = rdtsc() + (u64)ms * tsc_khz;
		while (rdtsc() < end)
			cpu_relax();
		return;
	}
	while (ms--)
		pit_measure_tsc(1);
}

// The TSC's low bits at an arbitrary moment are as unpredictable as this
// machine gets without a hardware RNG (lib/random.cpp).
u64 arch_random_seed(void) { return rdtsc() * 0x9E3779B97F4A7C15ULL ^ boot_tsc; }
