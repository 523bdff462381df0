// /proc/sys/vm (kernel/sysctl.cpp, mm/page_alloc.cpp's handlers): Linux's
// number parsing, where a bad write leaves the old value, and the effects
// of a write a student looks for in /proc/zoneinfo.
#include <gtest/gtest.h>

#include "page_alloc_helpers.h"

#include <linux/errno.h>
#include <linux/mmzone.h>
#include <linux/sysctl.h>

extern int user_min_free_kbytes; // mm/page_alloc.cpp: min_free_kbytes= or the last write

namespace
{

const struct ctl_table *vm_row(const char *name)
{
	for (unsigned int i = 0; i < vm_table_size; i++)
		if (!strcmp(vm_table[i].procname, name))
			return &vm_table[i];
	return nullptr;
}

// A write as proc_sys_call_handler makes it: rc, or the bytes taken.
long sysctl_write(const struct ctl_table *t, const char *text, loff_t pos = 0)
{
	char buf[64];
	strlcpy(buf, text, sizeof(buf));
	size_t len = strlen(text);
	int rc = t->handler(t, 1, buf, &len, &pos);
	return rc ? rc : (long)len;
}

std::string sysctl_read(const struct ctl_table *t, loff_t pos = 0)
{
	char buf[64];
	size_t len = sizeof(buf);
	EXPECT_EQ(t->handler(t, 0, buf, &len, &pos), 0);
	return std::string(buf, len);
}

struct Sysctl : testing::Test {
	int value = 7;
	int range[2] = {0, 100};
	struct ctl_table row = {"test",	   &value,   sizeof(int), 0644, proc_dointvec_minmax,
				&range[0], &range[1]};
	void SetUp() override
	{
		const phys_addr_t MB = 1 << 20;
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x4000, 0x4000, 32 * MB});
	}
};

TEST_F(Sysctl, parses_numbers_as_linux_and_refuses_the_rest)
{
	struct {
		const char *text;
		long rc;
		int value; // after the write
	} cases[] = {
	    {"42\n", 3, 42},
	    {"  9\n", 4, 9},
	    {"0x10", 4, 16},
	    {"010", 3, 8},
	    {"100", 3, 100},
	    {"101", -EINVAL, 7},
	    {"-1", -EINVAL, 7},
	    {"", 0, 7}, // nothing written
	    {"\n", -EINVAL, 7},
	    {"abc", -EINVAL, 7},
	    {"12abc", -EINVAL, 7},
	    {"99999999999999999999999", -EINVAL, 7},
	    {"- 5", -EINVAL, 7},
	    {"5 6\n", 2, 5}, // one value: the rest is left unread, as in Linux
	};
	for (auto &c : cases) {
		value = 7;
		EXPECT_EQ(sysctl_write(&row, c.text), c.rc) << '"' << c.text << '"';
		EXPECT_EQ(value, c.value) << '"' << c.text << '"';
	}
	value = 7;
	EXPECT_EQ(sysctl_write(&row, "50", 3), 0) << "a write past offset 0 is ignored";
	EXPECT_EQ(value, 7);
}

TEST_F(Sysctl, reads_whole_from_offset_zero_only)
{
	value = -12;
	row.handler = proc_dointvec;
	EXPECT_EQ(sysctl_read(&row), "-12\n");
	EXPECT_EQ(sysctl_read(&row, 1), "") << "Linux: a read at *ppos != 0 ends the file";
	EXPECT_EQ(sysctl_read(vm_row("lowmem_reserve_ratio")), "256\t32\t0\t0\n");
	EXPECT_EQ(sysctl_read(vm_row("overcommit_memory")), "0\n");
	EXPECT_EQ(sysctl_read(vm_row("watermark_scale_factor")), "10\n");
	unsigned long big = 4000000000UL;
	struct ctl_table ul = {"ul",	&big,	sizeof(big), 0644, proc_doulongvec_minmax,
			       nullptr, nullptr};
	EXPECT_EQ(sysctl_read(&ul), "4000000000\n");
	EXPECT_EQ(sysctl_write(&ul, "-3"), -EINVAL);
	EXPECT_EQ(big, 4000000000UL);
}

unsigned long sum_min_wmark()
{
	unsigned long sum = 0;
	struct zone *zone;
	for_each_zone(zone)
		if (!is_highmem(zone) && zone->managed_pages)
			sum += min_wmark_pages(zone);
	return sum;
}

TEST_F(Sysctl, min_free_kbytes_write_recomputes_every_watermark)
{
	const struct ctl_table *t = vm_row("min_free_kbytes");
	int before = min_free_kbytes;
	EXPECT_EQ(sysctl_read(t), std::to_string(before) + "\n");
	EXPECT_EQ(sysctl_write(t, "8192\n"), 5);
	EXPECT_EQ(min_free_kbytes, 8192);
	unsigned long sum = sum_min_wmark();
	EXPECT_GE(sum, 2048u - MAX_NR_ZONES) << "the pages of 8 MB shared out over lowmem";
	EXPECT_LE(sum, 2048u);
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	struct per_cpu_pages *pcp = per_cpu_ptr(normal->per_cpu_pageset, 0);
	EXPECT_EQ(pcp->high, (int)low_wmark_pages(normal)) << "the pcp high mark follows";
	EXPECT_EQ(sysctl_write(t, "-1"), -EINVAL);
	EXPECT_EQ(min_free_kbytes, 8192) << "a refused write keeps the old value";
	EXPECT_EQ(sysctl_write(t, "999999999"), 9);
	EXPECT_LE(min_free_kbytes, 64 * 1024 / 2) << "cut to half of lowmem (differs from Linux)";
	EXPECT_GT(min_free_kbytes, 64 * 1024 / 3);
	min_free_kbytes = before;
	user_min_free_kbytes = -1;
}

TEST_F(Sysctl, watermark_scale_factor_widens_the_gaps)
{
	const struct ctl_table *t = vm_row("watermark_scale_factor");
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	unsigned long gap = low_wmark_pages(normal) - min_wmark_pages(normal);
	EXPECT_EQ(sysctl_write(t, "0"), -EINVAL);
	EXPECT_EQ(sysctl_write(t, "3001"), -EINVAL);
	EXPECT_EQ(sysctl_write(t, "1000"), 4);
	unsigned long wide = low_wmark_pages(normal) - min_wmark_pages(normal);
	EXPECT_EQ(wide, normal->managed_pages * 1000 / 10000);
	EXPECT_GT(wide, gap);
	EXPECT_EQ(sysctl_write(t, "10"), 2);
}

TEST_F(Sysctl, lowmem_reserve_ratio_and_pcp_fraction)
{
	const struct ctl_table *t = vm_row("lowmem_reserve_ratio");
	struct zone *dma = &NODE_DATA(0)->node_zones[ZONE_DMA];
	EXPECT_GT(dma->lowmem_reserve[ZONE_NORMAL], 0);
	EXPECT_EQ(sysctl_write(t, "-5 32 0 0\n"), 10);
	EXPECT_EQ(sysctl_read(t), "0\t32\t0\t0\n") << "below 1 reads back as 0";
	EXPECT_EQ(dma->lowmem_reserve[ZONE_NORMAL], 0) << "no reserve in DMA any more";
	EXPECT_EQ(sysctl_write(t, "256 32 0 0"), 10);
	EXPECT_GT(dma->lowmem_reserve[ZONE_NORMAL], 0);

	const struct ctl_table *f = vm_row("percpu_pagelist_high_fraction");
	struct zone *normal = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	struct per_cpu_pages *pcp = per_cpu_ptr(normal->per_cpu_pageset, 0);
	EXPECT_EQ(sysctl_write(f, "4"), -EINVAL) << "below 8 would let one CPU hoard a zone";
	EXPECT_EQ(sysctl_read(f), "0\n");
	EXPECT_EQ(sysctl_write(f, "8"), 1);
	EXPECT_EQ(pcp->high, (int)(normal->managed_pages / 8));
	EXPECT_EQ(sysctl_write(f, "0"), 1);
	EXPECT_EQ(pcp->high, (int)low_wmark_pages(normal));
}

// Garbage, empty, negative and huge values at every /proc/sys/vm file:
// -EINVAL and the old value, except where Linux's handler takes them
// (plain proc_dointvec rows take a negative number; lowmem_reserve_ratio
// turns it into 0).
TEST_F(Sysctl, every_vm_file_refuses_garbage_and_keeps_its_value)
{
	const char *garbage[] = {
	    "abc", "12abc", "0x",  "--1", "1.5", "99999999999999999999999", "99999999999999999999",
	    "\n",  " ",	    "\t\n"};
	for (unsigned int i = 0; i < vm_table_size; i++) {
		const struct ctl_table *t = &vm_table[i];
		unsigned char before[64];
		memcpy(before, t->data, (size_t)t->maxlen);
		for (const char *g : garbage) {
			long rc = sysctl_write(t, g);
			EXPECT_EQ(rc, -EINVAL) << t->procname << " \"" << g << '"';
			EXPECT_EQ(memcmp(before, t->data, (size_t)t->maxlen), 0)
			    << t->procname << " changed by \"" << g << '"';
		}
		EXPECT_EQ(sysctl_write(t, ""), 0) << t->procname << ": an empty write does nothing";
		EXPECT_EQ(memcmp(before, t->data, (size_t)t->maxlen), 0) << t->procname;
		long rc = sysctl_write(t, "-1");
		bool takes_negative = t->handler == proc_dointvec ||
				      t->handler == overcommit_ratio_handler ||
				      t->handler == lowmem_reserve_ratio_sysctl_handler;
		EXPECT_EQ(rc, takes_negative ? 2 : -EINVAL) << t->procname << " \"-1\"";
		if (rc > 0)
			memcpy(t->data, before, (size_t)t->maxlen); // put back what Linux took
		else
			EXPECT_EQ(memcmp(before, t->data, (size_t)t->maxlen), 0) << t->procname;
	}
	EXPECT_EQ(sysctl_write(vm_row("overcommit_memory"), "3"), -EINVAL);
	EXPECT_EQ(sysctl_write(vm_row("panic_on_oom"), "3"), -EINVAL);
	EXPECT_EQ(sysctl_write(vm_row("drop_caches"), "5"), -EINVAL);
	EXPECT_EQ(sysctl_write(vm_row("drop_caches"), "0"), -EINVAL);
}

} // namespace
