#pragma once
/*
 * The constants of mmap, mprotect, mremap and madvise as user space passes
 * them (Linux: include/uapi/asm-generic/mman-common.h, asm-generic/mman.h,
 * arch/x86/include/uapi/asm/mman.h), and their translation into VM_* flags
 * (Linux: include/linux/mman.h).
 */
#include <linux/mm_space.h>

// vm.overcommit_memory (Linux: include/uapi/linux/mman.h).
#define OVERCOMMIT_GUESS 0
#define OVERCOMMIT_ALWAYS 1
#define OVERCOMMIT_NEVER 2

// The commitment behind Committed_AS (mm/util.cpp; Linux: include/linux/
// mman.h's vm_acct_memory and mm/util.c).
struct mm_struct;
void vm_acct_memory(long pages);
void vm_unacct_memory(long pages);
unsigned long vm_memory_committed(void);
unsigned long vm_commit_limit(void);
int __vm_enough_memory(struct mm_struct *mm, long pages, int cap_sys_admin);
void init_overcommit_reserves(void);

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define PROT_SEM 0x8
#define PROT_GROWSDOWN 0x01000000 // mprotect: extend the change down to a growsdown VMA's start
#define PROT_GROWSUP 0x02000000

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03 // MAP_SHARED, refusing flags it does not know
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_32BIT 0x40 // x86-64 only; ignored on i386
#define MAP_GROWSDOWN 0x0100
#define MAP_DENYWRITE 0x0800  // ignored
#define MAP_EXECUTABLE 0x1000 // ignored
#define MAP_LOCKED 0x2000
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_NONBLOCK 0x10000
#define MAP_STACK 0x20000
#define MAP_HUGETLB 0x40000
#define MAP_SYNC 0x80000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_UNINITIALIZED 0x4000000

// What MAP_SHARED accepted before MAP_SHARED_VALIDATE existed.
#define LEGACY_MAP_MASK                                                                            \
	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE |   \
	 MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE |           \
	 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4

#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_REMOVE 9
#define MADV_DONTFORK 10
#define MADV_DOFORK 11
#define MADV_MERGEABLE 12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE 14
#define MADV_NOHUGEPAGE 15
#define MADV_DONTDUMP 16
#define MADV_DODUMP 17
#define MADV_WIPEONFORK 18
#define MADV_KEEPONFORK 19
#define MADV_COLD 20
#define MADV_PAGEOUT 21
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#define MADV_DONTNEED_LOCKED 24
#define MADV_COLLAPSE 25

// PROT_* to VM_*: the low three bits are the same (Linux: calc_vm_prot_bits,
// with no protection keys on i386).
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
}

// The MAP_* that become VM_* (Linux: calc_vm_flag_bits).
static inline unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return ((flags & MAP_GROWSDOWN) ? VM_GROWSDOWN : 0) |
	       ((flags & MAP_LOCKED) ? VM_LOCKED : 0) | ((flags & MAP_SYNC) ? VM_SYNC : 0);
}

// Linux: arch_validate_prot (the generic one).
static inline bool arch_validate_prot(unsigned long prot, unsigned long addr)
{
	return (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM)) == 0;
}
