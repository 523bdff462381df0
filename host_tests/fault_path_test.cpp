// The page-fault handler's decisions for every error code (present, write,
// user bits) against every kind of address.
#include <gtest/gtest.h>

#include <asm/fault.h>
#include <asm/traps.h>
#include <linux/vmalloc.h>

namespace
{

enum addr_class { NULL_PAGE, USER, DIRECT_MAP, VMALLOC, PKMAP };
const unsigned long addr_of[] = {0x10, 0x40001000, 0xc0400000, 0xf8001000, 0xff801000};

TEST(FaultPath, every_error_code_and_address_class)
{
	for (unsigned long ec = 0; ec < 8; ec++)
		for (int cls = NULL_PAGE; cls <= PKMAP; cls++)
			for (bool mm : {false, true}) {
				bool kernel = !(ec & X86_PF_USER), present = ec & X86_PF_PROT;
				bool user_addr = cls == NULL_PAGE || cls == USER;
				enum pf_path want = PF_KERNEL;
				if (cls == VMALLOC && kernel && !present)
					want = PF_VMALLOC_SYNC;
				else if (user_addr && mm)
					want = PF_USER_MM; // NULL too: no VMA there, a segfault
				EXPECT_EQ(page_fault_path(ec, addr_of[cls], mm, cls == VMALLOC),
					  want)
				    << "error code " << ec << ", class " << cls << ", mm " << mm;
			}
}

TEST(FaultPath, a_protection_fault_in_vmalloc_is_a_bug_not_a_sync)
{
	EXPECT_EQ(page_fault_path(X86_PF_PROT | X86_PF_WRITE, 0xf8001000, false, true), PF_KERNEL);
}

TEST(FaultHint, each_kind_of_address)
{
	struct vm_struct vm = {};
	vm.addr = (void *)0xf8000000;
	vm.size = 3 * 4096; // two pages and the guard page
	const unsigned long ro0 = 0xc0100000, ro1 = 0xc0120000;
	EXPECT_EQ(page_fault_hint(0, 0, false, nullptr, ro0, ro1), PF_HINT_NULL);
	EXPECT_EQ(page_fault_hint(0xfff, X86_PF_WRITE, false, nullptr, ro0, ro1), PF_HINT_NULL);
	EXPECT_EQ(page_fault_hint(0xf8002000, X86_PF_WRITE, true, &vm, ro0, ro1),
		  PF_HINT_VMALLOC_GUARD);
	EXPECT_EQ(page_fault_hint(0xf8001fff, 0, true, &vm, ro0, ro1), PF_HINT_NONE);
	EXPECT_EQ(page_fault_hint(0xf9000000, 0, true, nullptr, ro0, ro1), PF_HINT_VMALLOC_NO_AREA);
	EXPECT_EQ(page_fault_hint(0xc0100010, X86_PF_WRITE | X86_PF_PROT, false, nullptr, ro0, ro1),
		  PF_HINT_READ_ONLY_KERNEL);
	EXPECT_EQ(page_fault_hint(0xc0100010, X86_PF_PROT, false, nullptr, ro0, ro1), PF_HINT_NONE)
	    << "reading text is fine: something else went wrong";
	EXPECT_EQ(page_fault_hint(0xc0120000, X86_PF_WRITE, false, nullptr, ro0, ro1),
		  PF_HINT_NONE);
}

} // namespace
