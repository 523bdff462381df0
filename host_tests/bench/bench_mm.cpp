// Host benchmarks of the kernel's own allocators (the mm/ sources against
// the mock arch, -O2, no sanitizers). tools/bench/report.py runs this and
// the malloc peers, counts instructions under callgrind, and prints the
// table. Row names are what the report looks for; keep them stable.
//
//   mm_bench [google benchmark flags]       time the rows
//   mm_bench --count ROW N                  run one row's operation N times
//                                           inside measured_loop() (callgrind)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "../page_alloc_helpers.h"

#include <asm/pgtable.h>
#include <linux/memblock.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "../../mm/slab.h"

namespace
{

const phys_addr_t MB = 1 << 20;

// 256 MiB of mock RAM: 240M DMA+Normal, no HighMem (the host never maps
// HighMem pages, and lowmem is what kmalloc and the pcp lists use).
bool booted;			// BM_memblock_alloc replaces the mock RAM: it clears this
struct kmem_cache *bench_cache; // 64-byte objects, made at each boot

void boot_mm(void)
{
	if (booted)
		return;
	booted = true;
	boot_node({{{1 * MB, 256 * MB}}, 0x1000, 0x10000, 0x10000, 256 * MB});
	kmem_cache_init();
	memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
	vmap_init_range(0x10000000, 0xf0000000); // room for 100,000 areas with guards
	bench_cache = kmem_cache_create("bench64", 64, 0, 0, nullptr);
	console_take();
}

// --- the operations, shared by the timed rows and the instruction counts ------------------

void kmalloc_pair(size_t size)
{
	void *p = kmalloc(size, GFP_KERNEL);
	benchmark::DoNotOptimize(p);
	kfree(p);
}
void op_kmalloc16() { kmalloc_pair(16); }
void op_kmalloc64() { kmalloc_pair(64); }
void op_kmalloc256() { kmalloc_pair(256); }
void op_kmalloc1024() { kmalloc_pair(1024); }
void op_cache64()
{
	void *p = kmem_cache_alloc(bench_cache, GFP_KERNEL);
	benchmark::DoNotOptimize(p);
	kmem_cache_free(bench_cache, p);
}
void op_page0()
{
	struct page *p = alloc_pages(GFP_KERNEL, 0);
	benchmark::DoNotOptimize(p);
	__free_pages(p, 0);
}

struct counted_op {
	const char *row;
	void (*op)();
	bool pcp; // pcp_lists_enabled while it runs
};
const counted_op counted_ops[] = {
    {"kmalloc_pair/16", op_kmalloc16, true},	  {"kmalloc_pair/64", op_kmalloc64, true},
    {"kmalloc_pair/256", op_kmalloc256, true},	  {"kmalloc_pair/1024", op_kmalloc1024, true},
    {"kmem_cache_pair/64", op_cache64, true},	  {"page_pair/order:0/pcp:1", op_page0, true},
    {"page_pair/order:0/pcp:0", op_page0, false},
};

// --- timed rows ------------------------------------------------------------------------------

void BM_kmalloc_pair(benchmark::State &state)
{
	boot_mm();
	size_t size = (size_t)state.range(0);
	for (auto _ : state)
		kmalloc_pair(size);
}
BENCHMARK(BM_kmalloc_pair)->Name("kmalloc_pair")->Arg(16)->Arg(64)->Arg(256)->Arg(1024);

// 128 allocations, then 128 frees; the report divides by 128 (per object).
void BM_kmalloc_batch(benchmark::State &state)
{
	boot_mm();
	size_t size = (size_t)state.range(0);
	void *p[128];
	for (auto _ : state) {
		for (auto &x : p)
			x = kmalloc(size, GFP_KERNEL);
		benchmark::DoNotOptimize(p);
		for (auto x : p)
			kfree(x);
	}
}
BENCHMARK(BM_kmalloc_batch)->Name("kmalloc_batch128")->Arg(16)->Arg(64)->Arg(256)->Arg(1024);

void BM_cache_pair(benchmark::State &state)
{
	boot_mm();
	for (auto _ : state)
		op_cache64();
}
BENCHMARK(BM_cache_pair)->Name("kmem_cache_pair/64");

// kmem_cache_alloc_bulk of 16, then kmem_cache_free_bulk; per object: /16.
void BM_cache_bulk(benchmark::State &state)
{
	boot_mm();
	void *p[16];
	for (auto _ : state) {
		if (kmem_cache_alloc_bulk(bench_cache, GFP_KERNEL, 16, p) != 16)
			state.SkipWithError("bulk allocation failed");
		benchmark::DoNotOptimize(p);
		kmem_cache_free_bulk(bench_cache, 16, p);
	}
}
BENCHMARK(BM_cache_bulk)->Name("kmem_cache_bulk16/64");

// Order-0 through the pcp lists and with them bypassed (same build, a
// switch); larger orders always go to the buddy lists.
void BM_page_pair(benchmark::State &state)
{
	boot_mm();
	unsigned int order = (unsigned int)state.range(0);
	pcp_lists_enabled = state.range(1);
	drain_all_pages(nullptr);
	for (auto _ : state) {
		struct page *p = alloc_pages(GFP_KERNEL, order);
		benchmark::DoNotOptimize(p);
		__free_pages(p, order);
	}
	pcp_lists_enabled = true;
}
BENCHMARK(BM_page_pair)
    ->Name("page_pair")
    ->ArgNames({"order", "pcp"})
    ->Args({0, 1})
    ->Args({0, 0})
    ->Args({1, 1})
    ->Args({3, 1})
    ->Args({4, 1})
    ->Args({9, 1});

void BM_vmalloc_pair(benchmark::State &state)
{
	boot_mm();
	unsigned long size = (unsigned long)state.range(0) * PAGE_SIZE;
	for (auto _ : state) {
		void *p = vmalloc(size);
		benchmark::DoNotOptimize(p);
		vfree(p);
	}
}
BENCHMARK(BM_vmalloc_pair)->Name("vmalloc_pair/pages")->Arg(1)->Arg(16)->Arg(256);

// get_vm_area + free_vm_area of one page with N areas already live: the
// cost of finding room (the augmented free tree) as the busy tree grows.
void BM_vmap_area(benchmark::State &state)
{
	boot_mm();
	std::vector<struct vm_struct *> live;
	for (long i = 0; i < state.range(0); i++)
		live.push_back(get_vm_area(PAGE_SIZE, VM_ALLOC));
	for (auto _ : state) {
		struct vm_struct *vm = get_vm_area(PAGE_SIZE, VM_ALLOC);
		benchmark::DoNotOptimize(vm);
		free_vm_area(vm);
	}
	for (auto *vm : live)
		free_vm_area(vm);
}
BENCHMARK(BM_vmap_area)->Name("vmap_area/live")->Arg(10)->Arg(1000)->Arg(100000);

// memblock_phys_alloc + memblock_phys_free of a page with N reserved
// regions, for two DRAM sizes: the cost should follow the regions, not RAM.
void BM_memblock_alloc(benchmark::State &state)
{
	long regions = state.range(0), dram_mb = state.range(1);
	mock_phys_mem_init(64 * MB); // memblock's arrays, when they double, live here
	booted = false;		     // the node boot_mm() built lived in the old mock RAM
	memblock_reset();
	memblock_debug = false;
	memblock_add(MB, (phys_addr_t)dram_mb * MB - MB);
	memblock_set_current_limit(64 * MB);
	memblock_allow_resize();
	for (long i = 0; i < regions; i++) // every 32K, below the limit
		memblock_reserve(MB + (phys_addr_t)i * 32768, 4096);
	for (auto _ : state) {
		phys_addr_t p = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
		benchmark::DoNotOptimize(p);
		memblock_phys_free(p, PAGE_SIZE);
	}
	if ((long)memblock.reserved.cnt < regions)
		state.SkipWithError("reservations merged");
}
BENCHMARK(BM_memblock_alloc)
    ->Name("memblock_alloc")
    ->ArgNames({"regions", "dram_mb"})
    ->Args({128, 128})
    ->Args({1024, 128})
    ->Args({128, 3072})
    ->Args({1024, 3072});

} // namespace

// Outside the namespace and never inlined, so callgrind can count what
// happens inside it: --toggle-collect=measured_loop.
extern "C" noinline void measured_loop(void (*op)(), long n)
{
	for (long i = 0; i < n; i++)
		op();
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--count")) {
		boot_mm();
		for (const counted_op &c : counted_ops)
			if (c.row == std::string(argv[2])) {
				pcp_lists_enabled = c.pcp;
				for (int i = 0; i < 1000; i++) // warm: slabs made, pcp filled
					c.op();
				measured_loop(c.op, atol(argv[3]));
				return 0;
			}
		fprintf(stderr, "no countable row %s\n", argv[2]);
		return 2;
	}
	benchmark::Initialize(&argc, argv);
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	return 0;
}
