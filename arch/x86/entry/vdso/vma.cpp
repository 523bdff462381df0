/*
 * DOC: mapping the vDSO (Linux: arch/x86/entry/vdso/vma.c)
 *
 * Every exec maps two special areas just below mmap_base, as Linux 6.1
 * does on i386: [vvar] (4 pages of kernel data the vDSO could read; here
 * nothing reads it, and touching it faults) and [vdso] (the code, one
 * page, plus a page Linux's larger image uses). Their addresses go to the
 * program in AT_SYSINFO_EHDR and AT_SYSINFO.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/sched.h>
#include <linux/string.h>

extern "C" const char vdso_image_start[], vdso_image_end[];
extern "C" const u32 vdso_offset_vsyscall, vdso_offset_rt_sigreturn;

#define VVAR_PAGES 4
#define VDSO_PAGES 2

static struct page *vdso_pages[VDSO_PAGES];
static struct address_space vdso_mapping; // marks the pages as file pages for RSS
static const struct vm_special_mapping vvar_mapping = {"[vvar]", nullptr, 0};
static const struct vm_special_mapping vdso_mapping_spec = {"[vdso]", vdso_pages, VDSO_PAGES};

// Copies the image into pages once, at boot (Linux: init_vdso_image).
int __init init_vdso_image(void)
{
	size_t size = (size_t)(vdso_image_end - vdso_image_start);
	if (size > VDSO_PAGES * PAGE_SIZE)
		panic("vdso: image of %zu bytes does not fit %d pages", size, VDSO_PAGES);
	for (int i = 0; i < VDSO_PAGES; i++) {
		vdso_pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!vdso_pages[i])
			return -ENOMEM;
		vdso_pages[i]->mapping = &vdso_mapping;
		size_t off = (size_t)i * PAGE_SIZE;
		if (off < size)
			memcpy(page_address(vdso_pages[i]), vdso_image_start + off,
			       size - off < PAGE_SIZE ? size - off : PAGE_SIZE);
	}
	return 0;
}

unsigned long vdso_rt_sigreturn_address(void)
{
	struct mm_struct *mm = current->mm;
	return mm && mm->vdso_base ? mm->vdso_base + vdso_offset_rt_sigreturn : 0;
}

unsigned long vdso_vsyscall_address(struct mm_struct *mm)
{
	return mm->vdso_base + vdso_offset_vsyscall;
}

// Linux: map_vdso. The two areas go at the top of the mmap area, found
// the way any mmap is.
int arch_setup_additional_pages(struct mm_struct *mm)
{
	unsigned long len = (VVAR_PAGES + VDSO_PAGES) * PAGE_SIZE;
	unsigned long addr = get_unmapped_area(nullptr, 0, len, 0, 0);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	int err = install_special_mapping(mm, addr, VVAR_PAGES * PAGE_SIZE, VM_READ | VM_MAYREAD,
					  &vvar_mapping);
	if (!err)
		err = install_special_mapping(
		    mm, addr + VVAR_PAGES * PAGE_SIZE, VDSO_PAGES * PAGE_SIZE,
		    VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC, &vdso_mapping_spec);
	if (err)
		return err;
	mm->vdso_base = addr + VVAR_PAGES * PAGE_SIZE;
	return 0;
}
