#pragma once
// Booting node 0 over the mock's physical memory, as the kernel does:
// memblock -> free_area_init -> zonelists -> memblock_free_all -> watermarks.
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "host_support.h"

#include <asm/page_types.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/seq_buf.h>
#include <linux/string.h>
#include <linux/vmstat.h>

#include "../mm/internal.h"

struct Layout {
	std::vector<std::pair<phys_addr_t, phys_addr_t>> ram; // [start, end)
	unsigned long dma_end_pfn, max_low, max_pfn;
	phys_addr_t alloc_limit; // memblock allocations (mem_map...) stay below this
};

inline void boot_node(const Layout &l)
{
	mock_phys_mem_init(l.ram.back().second);
	memblock_reset();
	memblock_debug = false;
	for (auto &r : l.ram)
		memblock_add(r.first, r.second - r.first);
	memblock_set_current_limit(l.alloc_limit);
	max_low_pfn = l.max_low;
	max_pfn = l.max_pfn;
	memset(&contig_page_data, 0, sizeof(contig_page_data));
	memset(vm_events, 0, sizeof(vm_events));
	totalram_pages_count = totalhigh_pages_count = 0;
	pcp_lists_enabled = true;
	unsigned long zones[MAX_NR_ZONES] = {std::min(l.dma_end_pfn, l.max_low), l.max_low,
					     l.max_pfn, 0};
	free_area_init(zones);
	kmap_init();
	build_all_zonelists();
	memblock_free_all();
	init_per_zone_wmark_min();
	console_take();
}

// Runs the early parameter handlers for one "name=value" (a copy: they may
// keep pointers into it until the next call).
inline void early_param_for_test(const char *arg)
{
	static char buf[128];
	strlcpy(buf, arg, sizeof(buf));
	parse_early_options(buf);
}

inline struct zone *zone_of(int z) { return &NODE_DATA(0)->node_zones[z]; }

inline std::vector<unsigned long> nr_free(int z)
{
	std::vector<unsigned long> v;
	for (int o = 0; o < MAX_ORDER; o++)
		v.push_back(zone_of(z)->free_area[o].nr_free);
	return v;
}

inline std::string invariant_errors(void)
{
	static std::string msgs;
	msgs.clear();
	check_page_alloc_invariants([](const char *what, unsigned long pfn) {
		msgs += std::string(what) + " @" + std::to_string(pfn) + "; ";
	});
	return msgs;
}

// What a /proc-style view prints, line by line.
inline std::vector<std::string> view_lines(void (*view)(struct seq_buf *))
{
	static char buf[16384];
	struct seq_buf s;
	seq_buf_init(&s, buf, sizeof(buf));
	view(&s);
	std::vector<std::string> lines;
	std::string text(buf, s.len), line;
	for (char c : text) {
		if (c == '\n') {
			lines.push_back(line);
			line.clear();
		} else {
			line += c;
		}
	}
	return lines;
}
