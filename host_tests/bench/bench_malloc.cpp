// The peers: the same rows through malloc/free, built once per allocator
// (glibc, jemalloc, tcmalloc minimal, mimalloc; each binary is linked with
// one, which then serves every malloc in it). Row names match bench_mm.cpp.
//
//   malloc_bench_X [google benchmark flags]
//   malloc_bench_X --count ROW N      (callgrind, as bench_mm.cpp)
#include <benchmark/benchmark.h>
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace
{

void malloc_pair(size_t size)
{
	void *p = malloc(size);
	benchmark::DoNotOptimize(p);
	free(p);
}
void op16() { malloc_pair(16); }
void op64() { malloc_pair(64); }
void op256() { malloc_pair(256); }
void op1024() { malloc_pair(1024); }

struct counted_op {
	const char *row;
	void (*op)();
};
const counted_op counted_ops[] = {{"kmalloc_pair/16", op16},
				  {"kmalloc_pair/64", op64},
				  {"kmalloc_pair/256", op256},
				  {"kmalloc_pair/1024", op1024},
				  {"kmem_cache_pair/64", op64}};

void BM_pair(benchmark::State &state)
{
	size_t size = (size_t)state.range(0);
	for (auto _ : state)
		malloc_pair(size);
}
BENCHMARK(BM_pair)->Name("kmalloc_pair")->Arg(16)->Arg(64)->Arg(256)->Arg(1024);

void BM_batch(benchmark::State &state)
{
	size_t size = (size_t)state.range(0);
	void *p[128];
	for (auto _ : state) {
		for (auto &x : p)
			x = malloc(size);
		benchmark::DoNotOptimize(p);
		for (auto x : p)
			free(x);
	}
}
BENCHMARK(BM_batch)->Name("kmalloc_batch128")->Arg(16)->Arg(64)->Arg(256)->Arg(1024);

// A fixed-size cache's peer is malloc of that size.
void BM_cache(benchmark::State &state)
{
	for (auto _ : state)
		malloc_pair(64);
}
BENCHMARK(BM_cache)->Name("kmem_cache_pair/64");

// Which library's malloc this binary really calls.
std::string malloc_library(void)
{
	Dl_info info;
	if (dladdr((void *)&malloc, &info) && info.dli_fname)
		return info.dli_fname;
	return "?";
}

} // namespace

extern "C" __attribute__((noinline)) void measured_loop(void (*op)(), long n)
{
	for (long i = 0; i < n; i++)
		op();
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--count")) {
		for (const counted_op &c : counted_ops)
			if (c.row == std::string(argv[2])) {
				for (int i = 0; i < 1000; i++)
					c.op();
				measured_loop(c.op, atol(argv[3]));
				return 0;
			}
		fprintf(stderr, "no countable row %s\n", argv[2]);
		return 2;
	}
	benchmark::AddCustomContext("allocator", PEER);
	benchmark::AddCustomContext("malloc_library", malloc_library());
	benchmark::Initialize(&argc, argv);
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	return 0;
}
