// What the kernel's generic code expects from the arch and from the rest of
// the kernel, done for the host: the clock, panic, a printk console that
// tests read, physical memory as a buffer, and I/O ports as a log.
#include "host_support.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include <asm/io.h>
#include <asm/page_types.h>
#include <linux/kernel.h>
#include <linux/sched_clock.h>
#include <linux/utsname.h>

u64 mock_clock_ns; // tests move it; 0 keeps printk's stamps at 0.000000
u64 local_clock(void) { return mock_clock_ns; }

// The kernel image's data sections as kmemleak scans them (linker.ld's
// symbols, under mock/asm/sections.h's names): a small .data, and a .bss holding the boot stack
// with its guard page below, laid out as boot/head_32.asm does. Tests plant their roots here.
asm(R"(
	.pushsection .data
	.balign 64
	.globl mock_sdata, mock_edata
mock_sdata:	.zero 512
mock_edata:
	.popsection
	.pushsection .bss
	.balign 4096
	.globl mock_bss_start, mock_bss_stop, boot_stack_guard, boot_stack, boot_stack_top
mock_bss_start:	.zero 512
	.balign 4096
boot_stack_guard:	.zero 4096
boot_stack:	.zero 16384
boot_stack_top:	.zero 512
mock_bss_stop:
	.popsection
)");

int panic_timeout;

extern "C" void panic(const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	std::fprintf(stderr, "Kernel panic - not syncing: ");
	std::vfprintf(stderr, fmt, args);
	va_end(args);
	std::abort();
}

void __bug(const char *file, int line)
{
	std::fprintf(stderr, "kernel BUG at %s:%d!\n", file, line);
	std::abort();
}

int host_warnings;

// As the kernel's, minus the stack trace: tests count and read them.
unsigned long warn_count; // kernel/panic.cpp's, which the host does not build

void __warn(const char *file, int line, const char *fmt, ...)
{
	host_warnings++;
	warn_count++;
	pr_warn("------------[ cut here ]------------\n");
	if (fmt) {
		va_list args;
		va_start(args, fmt);
		vprintk(fmt, args);
		va_end(args);
	}
	pr_warn("WARNING: CPU: 0 PID: 0 at %s:%d\n", file, line);
}

// --- the console tests read ---
static std::string captured;
static void capture_write(struct console *, const char *s, unsigned int n)
{
	captured.append(s, n);
}
static struct console capture_console = {"capture", capture_write, nullptr};

std::string console_take(void)
{
	static bool registered;
	if (!registered) {
		register_console(&capture_console);
		registered = true;
	}
	std::string out;
	out.swap(captured);
	return out;
}

std::vector<std::string> console_take_lines(void)
{
	std::vector<std::string> lines;
	std::string text = console_take(), line;
	for (char c : text) {
		if (c != '\n') {
			line += c;
			continue;
		}
		const char *stamp = "[    0.000000] ";
		if (line.rfind(stamp, 0) == 0)
			line.erase(0, std::strlen(stamp));
		lines.push_back(line);
		line.clear();
	}
	return lines;
}

// --- physical memory ---
u8 *mock_phys_mem;
unsigned long mock_phys_size;

// Aligned to 4 MiB like real physical memory's large pages, so that __va()
// of an aligned physical address is aligned too.
void mock_phys_mem_init(unsigned long size)
{
	std::free(mock_phys_mem);
	void *mem = nullptr;
	if (posix_memalign(&mem, 4UL << 20, size))
		std::abort();
	std::memset(mem, 0, size);
	mock_phys_mem = static_cast<u8 *>(mem);
	mock_phys_size = size;
}

// --- I/O ports ---
static std::vector<mock_port_write> port_writes;
static std::map<u16, std::deque<u8>> port_reads;

void outb(u8 v, u16 port) { port_writes.push_back({port, v}); }
void outw(u16 v, u16 port) { port_writes.push_back({port, v}); }
u8 inb(u16 port)
{
	auto &q = port_reads[port];
	if (q.empty())
		return 0xff;
	u8 v = q.front();
	q.pop_front();
	return v;
}

size_t mock_io_take_writes(struct mock_port_write *out, size_t max)
{
	size_t n = std::min(max, port_writes.size());
	std::copy(port_writes.begin(), port_writes.begin() + n, out);
	port_writes.clear();
	return n;
}

void mock_io_queue_read(u16 port, u8 value) { port_reads[port].push_back(value); }

// --- TLB ---
unsigned long mock_tlb_flush_all, mock_tlb_flush_one;

// --- the kernel's page directory (tests build their own in mock memory) ---
#include <asm/pgtable.h>
#include <asm/pgtable_32_areas.h>
pgd_t swapper_pg_dir[PTRS_PER_PGD];

// --- what kernel/panic.cpp, dumpstack.cpp and the fixmap give the kernel ---
#include <linux/utsname.h>
void dump_stack(void) { pr_info("Call Trace: (host test: no kernel stack)\n"); }

// kmap_local: the mock's physical memory is all addressable through __va().
void *arch_kmap_local_map(unsigned long pfn, int) { return __va(pfn << PAGE_SHIFT); }
void arch_kmap_local_unmap(void *, int) {}
unsigned long mock_pkmap_pfn[LAST_PKMAP]; // slot -> pfn + 1, 0: clear
unsigned long mock_pkmap_flushes;
pgd_t *mock_cr3_pgd;
void arch_pkmap_set(int nr, unsigned long pfn) { mock_pkmap_pfn[nr] = pfn + 1; }
void arch_pkmap_clear(int nr) { mock_pkmap_pfn[nr] = 0; }
void arch_pkmap_flush(void) { mock_pkmap_flushes++; }

// --- randomness and stack traces for SLUB ---
u64 arch_random_seed(void) { return 0x5eed5eed12345678ULL; }
unsigned int stack_trace_save(unsigned long *, unsigned int, unsigned int) { return 0; }
bool get_stack_bounds(unsigned long, unsigned long *, unsigned long *) { return false; }
void show_regs_print_info(const char *log_lvl) // KFENCE's report footer
{
	printk("%sCPU: 0 PID: 0 Comm: swapper %s %s %s\n", log_lvl, print_tainted(), UTS_RELEASE,
	       UTS_VERSION);
}
