// KFENCE (mm/kfence/core.cpp, report.cpp) over a node booted on the mock's
// physical memory. The mock arch records which pool pages are protected
// (mock_kfence_protected); a test "touches" a protected page by calling the
// fault handler, as the CPU would. The host clock stands still, so with
// kfence_sample_interval set to 0 after kfence_init() every allocation KFENCE
// can serve is sampled.
#include <gtest/gtest.h>

#include <string>

#include "page_alloc_helpers.h"

#include <asm/kfence.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/sprintf.h>

#include "../mm/kfence/kfence.h"
#include "../mm/slab.h"

namespace
{

const phys_addr_t MB = 1 << 20;

struct Kfence : testing::Test {
	void SetUp() override
	{
		early_param_for_test("slub_debug=-");
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x4000, 0x4000, 64 * MB});
		kmem_cache_init();
		struct page *pool = alloc_pages(GFP_KERNEL, 9); // 2 MiB, as memblock would give
		ASSERT_NE(pool, nullptr);
		__kfence_pool = (char *)page_address(pool);
		memset(mock_kfence_protected, 0, sizeof(mock_kfence_protected));
		memset(kfence_metadata, 0, sizeof(kfence_metadata));
		kfence_sample_interval = 100;
		kfence_init();
		kfence_sample_interval = 0; // the gate never stays shut (see above)
		console_take();
	}
	void TearDown() override
	{
		kfence_enabled = false; // other suites boot their own memory
		__kfence_pool = nullptr;
		kfence_sample_interval = 100;
	}
	static bool is_protected(const void *p)
	{
		return mock_kfence_protected[((const char *)p - __kfence_pool) / PAGE_SIZE];
	}
	// kmalloc until KFENCE places an object at the left (or right) edge.
	static u8 *alloc_placed(size_t size, bool left)
	{
		for (int i = 0; i < 64; i++) {
			u8 *p = (u8 *)kmalloc(size, GFP_KERNEL);
			EXPECT_TRUE(is_kfence_address(p));
			if (IS_ALIGNED((unsigned long)p, PAGE_SIZE) == left)
				return p;
			kfree(p);
		}
		return nullptr;
	}
	static std::string stats()
	{
		static char buf[1024];
		struct seq_buf s;
		seq_buf_init(&s, buf, sizeof(buf));
		kfence_stats_show(&s);
		return std::string(buf, s.len);
	}
	static int index_of(const void *p)
	{
		return (int)(addr_to_metadata((unsigned long)p) - kfence_metadata);
	}
};

/*
 *   page  0      1      2      3      4      5    ...  510    511
 *       |guard |guard | obj 0|guard | obj 1|guard | ... | obj 254|guard |
 */
TEST_F(Kfence, pool_is_laid_out_as_linux)
{
	EXPECT_TRUE(kfence_enabled);
	EXPECT_EQ(KFENCE_POOL_SIZE, 256u * 2 * PAGE_SIZE);
	for (unsigned long i = 0; i < KFENCE_POOL_SIZE / PAGE_SIZE; i++) {
		bool guard = i < 2 || i % 2;
		char *page = __kfence_pool + i * PAGE_SIZE;
		EXPECT_EQ(mock_kfence_protected[i], guard) << i;
		EXPECT_EQ(PageSlab(virt_to_page(page)), !guard) << i;
		if (!guard) {
			EXPECT_EQ(addr_to_metadata((unsigned long)page + 100),
				  &kfence_metadata[i / 2 - 1]);
		}
	}
	EXPECT_EQ(addr_to_metadata((unsigned long)__kfence_pool + PAGE_SIZE), nullptr);
}

TEST_F(Kfence, objects_sit_at_an_edge_with_canaries_around)
{
	u8 *left = alloc_placed(32, true), *right = alloc_placed(32, false);
	ASSERT_TRUE(left && right);
	EXPECT_EQ(((unsigned long)right + 32) % PAGE_SIZE, 0u); // 32 is a multiple of the align
	EXPECT_EQ(ksize(left), 32u);
	EXPECT_EQ(virt_to_slab(left)->slab_cache, kmalloc_caches[KMALLOC_NORMAL][5]);
	for (int i = 32; i < 64; i++)
		EXPECT_EQ(left[i], KFENCE_CANARY_PATTERN(left + i));
	EXPECT_EQ(right[-1], KFENCE_CANARY_PATTERN(right - 1));
	kfree(left);
	kfree(right);
	EXPECT_TRUE(is_protected(left) && is_protected(right)) << "freed: a touch is a UAF";
	EXPECT_EQ(console_take(), "") << "no report";
}

TEST_F(Kfence, guard_page_touch_is_an_out_of_bounds_report)
{
	u8 *left = alloc_placed(32, true), *right = alloc_placed(32, false);
	ASSERT_TRUE(left && right);
	ASSERT_TRUE(is_protected(left - 1));
	EXPECT_TRUE(kfence_handle_page_fault((unsigned long)(left - 1), false, nullptr));
	EXPECT_FALSE(is_protected(left - 1)) << "the access may go on";
	std::string out = console_take();
	EXPECT_NE(out.find("BUG: KFENCE: out-of-bounds read in "), std::string::npos) << out;
	char want[96];
	scnprintf(want, sizeof(want), "(1B left of kfence-#%d):", index_of(left));
	EXPECT_NE(out.find(want), std::string::npos) << out;
	EXPECT_NE(out.find("=================================================================="),
		  std::string::npos);
	EXPECT_TRUE(kfence_handle_page_fault((unsigned long)(right + 32), true, nullptr));
	out = console_take();
	scnprintf(want, sizeof(want), "(32B right of kfence-#%d):", index_of(right));
	EXPECT_NE(out.find("BUG: KFENCE: out-of-bounds write in "), std::string::npos) << out;
	EXPECT_NE(out.find(want), std::string::npos) << out;
	kfree(left);
	kfree(right);
	EXPECT_TRUE(is_protected(left - 1)) << "the guard page is protected again on free";
}

TEST_F(Kfence, freed_object_touch_is_a_use_after_free_report)
{
	u8 *p = (u8 *)kmalloc(50, GFP_KERNEL);
	ASSERT_TRUE(is_kfence_address(p));
	kfree(p);
	console_take();
	EXPECT_TRUE(kfence_handle_page_fault((unsigned long)p + 3, true, nullptr));
	std::string out = console_take();
	EXPECT_NE(out.find("BUG: KFENCE: use-after-free write in "), std::string::npos) << out;
	char want[96];
	scnprintf(want, sizeof(want), "(in kfence-#%d):", index_of(p));
	EXPECT_NE(out.find(want), std::string::npos) << out;
	EXPECT_NE(out.find("allocated by task 0 on cpu 0 at 0.000000s:"), std::string::npos);
	EXPECT_NE(out.find("freed by task 0 on cpu 0 at 0.000000s:"), std::string::npos);
	EXPECT_NE(out.find(", size=50, cache=kmalloc-64"), std::string::npos) << out;
	EXPECT_FALSE(kfence_handle_page_fault(0x1234, false, nullptr)) << "not the pool's";
}

TEST_F(Kfence, double_and_interior_frees_are_invalid_frees)
{
	u8 *p = (u8 *)kmalloc(32, GFP_KERNEL);
	ASSERT_TRUE(is_kfence_address(p));
	kfree(p + 1);
	std::string out = console_take();
	EXPECT_NE(out.find("BUG: KFENCE: invalid free in "), std::string::npos) << out;
	EXPECT_FALSE(is_protected(p)) << "not freed";
	kfree(p);
	EXPECT_EQ(console_take(), "");
	kfree(p);
	out = console_take();
	char want[96];
	scnprintf(want, sizeof(want), "Invalid free of 0x%p (in kfence-#%d):", (void *)p,
		  index_of(p));
	EXPECT_NE(out.find(want), std::string::npos) << out;
	EXPECT_NE(stats().find("total bugs: 2\n"), std::string::npos) << stats();
}

TEST_F(Kfence, canary_writes_are_reported_on_free_with_the_byte_map)
{
	u8 *p = alloc_placed(32, true);
	ASSERT_NE(p, nullptr);
	p[32] = 0; // just past the object, inside its page
	p[34] = 0;
	kfree(p);
	std::string out = console_take();
	char want[128];
	scnprintf(want, sizeof(want),
		  "Corrupted memory at 0x%p [ ! . ! . . . . . . . . . . . . . ]"
		  " (in kfence-#%d):",
		  (void *)(p + 32), index_of(p));
	EXPECT_NE(out.find("BUG: KFENCE: memory corruption in "), std::string::npos) << out;
	EXPECT_NE(out.find(want), std::string::npos) << out;
}

TEST_F(Kfence, what_kfence_cannot_serve_is_counted_and_left_to_slub)
{
	void *big = kmalloc(PAGE_SIZE + 1, GFP_KERNEL), *dma = kmalloc(32, GFP_KERNEL | GFP_DMA);
	EXPECT_FALSE(is_kfence_address(big));
	EXPECT_FALSE(is_kfence_address(dma));
	struct kmem_cache *s = kmem_cache_create("skip", 32, 0, SLAB_SKIP_KFENCE, nullptr);
	void *o = kmem_cache_alloc(s, GFP_KERNEL);
	EXPECT_FALSE(is_kfence_address(o));
	EXPECT_NE(stats().find("skipped allocations (incompatible): 2\n"), std::string::npos);
	kfree(big);
	kfree(dma);
	kmem_cache_free(s, o);
	kmem_cache_destroy(s);
}

// Past 75% of the pool, a stack that already has an object is skipped
// (the host's stacks are all empty: one stack); a full pool is "capacity".
TEST_F(Kfence, a_filling_pool_skips_covered_stacks)
{
	static void *objs[CONFIG_KFENCE_NUM_OBJECTS + 1];
	int kfence = 0;
	for (void *&p : objs) {
		p = kmalloc(16, GFP_KERNEL);
		kfence += is_kfence_address(p);
	}
	EXPECT_EQ(kfence, 75 * CONFIG_KFENCE_NUM_OBJECTS / 100 + 1);
	std::string st = stats();
	EXPECT_NE(st.find("currently allocated: 192\n"), std::string::npos) << st;
	EXPECT_NE(st.find("skipped allocations (covered): 64\n"), std::string::npos) << st;
	for (void *p : objs)
		kfree(p);
	EXPECT_NE(stats().find("total frees: 192\n"), std::string::npos);
	EXPECT_EQ(console_take(), "");
}

TEST_F(Kfence, destroying_a_cache_makes_its_objects_zombies)
{
	struct kmem_cache *s = kmem_cache_create("zombie", 40, 0, 0, nullptr);
	void *o = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_TRUE(is_kfence_address(o));
	kmem_cache_destroy(s);
	std::string st = stats();
	EXPECT_NE(st.find("zombie allocations: 1\n"), std::string::npos) << st;
	EXPECT_NE(st.find("currently allocated: 1\n"), std::string::npos) << st;
	static char buf[65536];
	struct seq_buf m;
	seq_buf_init(&m, buf, sizeof(buf));
	kfence_objects_show(&m);
	std::string objects(buf, m.len);
	EXPECT_NE(objects.find(", size=40, cache=<destroyed>\n"), std::string::npos) << objects;
	EXPECT_NE(objects.find("kfence-#254 unused\n---------------------------------\n"),
		  std::string::npos);
}

TEST_F(Kfence, stats_in_linux_format)
{
	EXPECT_EQ(stats(), "enabled: 1\n"
			   "currently allocated: 0\n"
			   "total allocations: 0\n"
			   "total frees: 0\n"
			   "zombie allocations: 0\n"
			   "total bugs: 0\n"
			   "skipped allocations (incompatible): 0\n"
			   "skipped allocations (capacity): 0\n"
			   "skipped allocations (covered): 0\n");
}

} // namespace
