// e820__update_table on random firmware maps: whatever the input, the output
// is sorted, disjoint, merged, idempotent, independent of input order, and
// gives every byte exactly the type Linux's rule gives it (the highest type of
// the entries covering it), so no byte is ever usable unless every entry
// covering it says usable.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "e820_helpers.h"

namespace
{

const u32 types[] = {1, 1, 1, 2, 2, 3, 4, 5, 6, 7, 12, 0};

std::vector<E> random_map(std::mt19937_64 &rng)
{
	std::vector<E> m;
	int n = rng() % 40;
	for (int i = 0; i < n; i++) {
		u64 addr = (rng() % 64) * 0x1000 + (rng() % 4 == 0 ? rng() % 0x1000 : 0);
		if (rng() % 16 == 0)
			addr += 0xffffffff00000000ULL; // far up
		u64 size = (rng() % 8 == 0) ? 0 : (rng() % 24) * 0x1000 + rng() % 3;
		m.push_back({addr, size, types[rng() % std::size(types)]});
	}
	return m;
}

std::vector<E> sanitized(const std::vector<E> &in)
{
	load_table(in);
	e820__update_table(e820_table);
	return table_entries();
}

// Linux's rule for one byte: the highest type covering it; 0 = a hole.
u32 expected_type(const std::vector<E> &in, u64 byte)
{
	u32 t = 0;
	for (const E &e : in) {
		bool wraps = e.addr + e.size < e.addr; // dropped by the sanitizer
		if (e.size && !wraps && byte >= e.addr && byte - e.addr < e.size)
			t = std::max(t, e.type ? e.type : (u32)E820_TYPE_RESERVED);
	}
	return t;
}

u32 table_type(const std::vector<E> &t, u64 byte)
{
	for (const E &e : t)
		if (byte >= e.addr && byte - e.addr < e.size)
			return e.type;
	return 0;
}

bool nomerge(u32 t) { return t == E820_TYPE_PRAM || t == E820_TYPE_SOFT_RESERVED; }

class E820Random : public testing::TestWithParam<int>
{
};

TEST_P(E820Random, invariants_hold)
{
	std::mt19937_64 rng(GetParam());
	for (int round = 0; round < 300; round++) {
		std::vector<E> in = random_map(rng);
		std::vector<E> out = sanitized(in);
		console_take();

		for (size_t i = 0; i < out.size(); i++) {
			ASSERT_GT(out[i].size, 0u);
			ASSERT_NE(out[i].type, 0u);
			if (i == 0)
				continue;
			ASSERT_GE(out[i].addr, out[i - 1].addr + out[i - 1].size)
			    << "overlap or unsorted";
			if (out[i].addr == out[i - 1].addr + out[i - 1].size) {
				ASSERT_TRUE(out[i].type != out[i - 1].type || nomerge(out[i].type))
				    << "touching ranges of one type not merged";
			}
		}
		// every byte's type: enough to check each place where anything changes
		std::set<u64> points;
		for (const E &e : in) {
			points.insert(e.addr);
			points.insert(e.addr - 1);
			points.insert(e.addr + e.size);
			points.insert(e.addr + e.size - 1);
		}
		for (u64 p : points)
			ASSERT_EQ(table_type(out, p), expected_type(in, p))
			    << "byte " << std::hex << p;

		ASSERT_EQ(sanitized(out).size(), out.size()) << "not idempotent";
		std::vector<E> shuffled = in;
		std::shuffle(shuffled.begin(), shuffled.end(), rng);
		std::vector<E> again = sanitized(shuffled);
		ASSERT_EQ(again.size(), out.size()) << "depends on input order";
		for (size_t i = 0; i < out.size(); i++)
			ASSERT_TRUE(again[i].addr == out[i].addr && again[i].size == out[i].size &&
				    again[i].type == out[i].type);
	}
	console_take();
}

INSTANTIATE_TEST_SUITE_P(e820__update_table, E820Random, testing::Values(1, 2, 3, 4, 5, 6, 7, 8));

} // namespace
