// The page-fault handler's two non-fatal cases, on the running kernel.
#include <asm/extable.h>
#include <asm/pgalloc.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <linux/errno.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

extern unsigned long nr_vmalloc_faults, nr_fixups;

// vmalloc=4G, say, leaves no vmalloc range at all: then a failed vmalloc
// is what the boot asked for, not a bug.
static bool vmalloc_room_for_a_page(void) { return vmap_largest_free() >= 2 * PAGE_SIZE; }

// A second page directory that predates a vmalloc page table: the first
// touch faults, the handler copies the pde from swapper_pg_dir, and the
// access completes; the second touch does not fault.
KTEST(fault, vmalloc_fault_syncs_a_second_page_directory)
{
	if (!vmalloc_room_for_a_page())
		KTEST_SKIP(test, "no room for one page in the vmalloc range (vmalloc=)");
	pgd_t *pgd = pgd_alloc();
	volatile u8 *v = (volatile u8 *)vmalloc(PAGE_SIZE);
	if (!pgd || !v) { // give back what came, then stop
		vfree((void *)v);
		if (pgd)
			pgd_free(pgd);
	}
	KTEST_ASSERT_TRUE(test, pgd && v);
	v[100] = 0x5a;
	pgd[pgd_index((unsigned long)v)] = __pgd(0); // as if made before the table was
	unsigned long faults = nr_vmalloc_faults;
	write_cr3(__pa(pgd));
	flush_tlb_one_kernel((unsigned long)v); // vmalloc ptes are global: CR3 keeps them
	u8 first = v[100];
	u8 second = v[100];
	write_cr3(__pa(swapper_pg_dir));
	KTEST_EXPECT_EQ(test, first, 0x5a);
	KTEST_EXPECT_EQ(test, second, 0x5a);
	KTEST_EXPECT_EQ(test, nr_vmalloc_faults - faults, 1);
	KTEST_EXPECT_EQ(test, pgd_val(pgd[pgd_index((unsigned long)v)]),
			pgd_val(swapper_pg_dir[pgd_index((unsigned long)v)]));
	vfree((void *)v);
	pgd_free(pgd);
}

// Probing through the exception table: unmapped addresses give -EFAULT.
KTEST(fault, copy_from_kernel_nofault)
{
	static const char text[] = "mm";
	char buf[3] = {};
	unsigned long fixups = nr_fixups;
	KTEST_EXPECT_EQ(test, copy_from_kernel_nofault(buf, text, 3), 0);
	KTEST_EXPECT_TRUE(test, buf[0] == 'm' && buf[2] == 0);
	KTEST_EXPECT_EQ(test, copy_from_kernel_nofault(buf, nullptr, 1), -EFAULT);
	if (!vmalloc_room_for_a_page())
		KTEST_SKIP(test, "no room for one page in the vmalloc range (vmalloc=)");
	u8 *v = (u8 *)vmalloc(PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(test, v);
	KTEST_EXPECT_EQ(test, copy_from_kernel_nofault(buf, v + PAGE_SIZE - 1, 2), -EFAULT);
	vfree(v);
	KTEST_EXPECT_EQ(test, copy_from_kernel_nofault(buf, v, 1), -EFAULT); // freed
	KTEST_EXPECT_EQ(test, nr_fixups - fixups, 3);
}
