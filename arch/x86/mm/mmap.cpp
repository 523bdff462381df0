/*
 * DOC: where mmap starts looking (Linux: arch/x86/mm/mmap.c)
 *
 * exec picks the layout of the new address space once, from the stack
 * rlimit: mmap hands out addresses top-down from mmap_base, which sits a
 * gap below the stack top. The gap is the stack rlimit plus the stack's
 * random offset and its guard gap, clamped to [128 MiB, 5/6 of TASK_SIZE],
 * so with the default 8 MiB limit on i386 it is 128 MiB:
 *
 *   mmap_base = PAGE_ALIGN(TASK_SIZE - gap - rnd)
 *             = 0xc0000000 - 0x08000000 - 0 = 0xb8000000   (norandmaps)
 *
 * With randomisation (PF_RANDOMIZE) rnd is 8 random bits of pages
 * (mmap_rnd_bits, CONFIG_ARCH_MMAP_RND_BITS_MIN for 32-bit: up to 1 MiB).
 * The legacy layout (sysctl_legacy_va_layout) searches bottom-up from
 * TASK_UNMAPPED_BASE = TASK_SIZE / 3; an unlimited stack rlimit stays
 * top-down with the gap at its 5/6 ceiling (mmap_base 0x20000000).
 *
 * Differs from Linux: no personality (ADDR_COMPAT_LAYOUT), no 64-bit or
 * compat bases.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/random.h>
#include <linux/sched.h>

#define SIZE_128M (128UL << 20)
#define STACK_RND_MASK 0x7ffUL // 32-bit: up to 8 MiB of stack randomisation
#define MMAP_RND_BITS 8	       // Linux: mmap_rnd_bits, ARCH_MMAP_RND_BITS_MIN for 32-bit

int sysctl_legacy_va_layout;

// How far exec may move the stack top down (Linux: stack_maxrandom_size).
static unsigned long stack_maxrandom_size(void)
{
	if (!(current->flags & PF_RANDOMIZE))
		return 0;
	return STACK_RND_MASK << PAGE_SHIFT;
}

// Linux: mmap_is_legacy. Unlike the generic one (mm/util.c), x86 keeps the
// top-down layout for an unlimited stack: its gap is clamped to 5/6 instead.
static bool mmap_is_legacy(void) { return sysctl_legacy_va_layout; }

static unsigned long arch_rnd(unsigned int rndbits)
{
	if (!(current->flags & PF_RANDOMIZE))
		return 0;
	return (get_random_long() & ((1UL << rndbits) - 1)) << PAGE_SHIFT;
}

unsigned long arch_mmap_rnd(void) { return arch_rnd(MMAP_RND_BITS); }

// The top of the mmap area: below the stack, its randomisation and guard gap.
static unsigned long mmap_base(unsigned long rnd, unsigned long task_size,
			       struct rlimit *rlim_stack)
{
	unsigned long gap = rlim_stack->rlim_cur;
	unsigned long pad = stack_maxrandom_size() + stack_guard_gap;
	if (gap + pad > gap) // values close to RLIM_INFINITY would overflow
		gap += pad;
	gap = clamp(gap, SIZE_128M, (task_size / 6) * 5);
	return PAGE_ALIGN(task_size - gap - rnd);
}

/*
 * arch_pick_mmap_layout - set mm's mmap_base and search direction
 * @rlim_stack: the stack rlimit exec will run the program with
 * Context: exec (setup_new_exec), current is the task being exec'd: its
 * PF_RANDOMIZE decides the random offset. Linux: arch_pick_mmap_layout.
 */
void arch_pick_mmap_layout(struct mm_struct *mm, struct rlimit *rlim_stack)
{
	bool legacy = mmap_is_legacy();
	mm->get_unmapped_area = legacy ? arch_get_unmapped_area : arch_get_unmapped_area_topdown;
	unsigned long rnd = arch_mmap_rnd();
	mm->mmap_legacy_base = TASK_UNMAPPED_BASE + rnd;
	mm->mmap_base = legacy ? mm->mmap_legacy_base : mmap_base(rnd, TASK_SIZE, rlim_stack);
}

// Where a randomised heap starts: within 32 MiB above brk (Linux:
// arch_randomize_brk in arch/x86/kernel/process.c).
unsigned long arch_randomize_brk(struct mm_struct *mm)
{
	return randomize_page(mm->brk, 0x02000000);
}
