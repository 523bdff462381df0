// A software i386 page walk (see mmu.h), written from the Intel SDM's rules,
// independently of the kernel's own accessors in asm/pgtable.h.
#include "mmu.h"

#include <cstring>

#include <asm/page_types.h>

static u32 read_phys32(phys_addr_t pa)
{
	u32 v;
	std::memcpy(&v, mock_phys_mem + pa, 4);
	return v;
}

mmu_result mmu_translate(phys_addr_t pgd_phys, unsigned long vaddr, mmu_access access, bool user,
			 bool pse_enabled)
{
	const u32 P = 1, RW = 2, US = 4, PS = 0x80;
	unsigned long err = (access == MMU_WRITE ? 2 : 0) | (user ? 4 : 0);
	u32 pde = read_phys32(pgd_phys + ((vaddr >> 22) & 1023) * 4);
	if (!(pde & P))
		return {false, 0, err, false};
	u32 rights = pde, frame;
	bool large = pse_enabled && (pde & PS);
	if (large) {
		frame = (pde & 0xffc00000u) | (vaddr & 0x3fffff);
	} else {
		u32 pte = read_phys32((pde & 0xfffff000u) + ((vaddr >> 12) & 1023) * 4);
		if (!(pte & P))
			return {false, 0, err, false};
		rights &= pte; // both levels must allow it
		frame = (pte & 0xfffff000u) | (vaddr & 0xfff);
	}
	if ((user && !(rights & US)) || (access == MMU_WRITE && !(rights & RW)))
		return {false, 0, err | 1, large}; // present, but not allowed
	return {true, frame, 0, large};
}
