/*
 * DOC: /proc/PID/maps and the memory lines of status (Linux:
 * fs/proc/task_mmu.c: show_map_vma, task_mem)
 *
 * One line per VMA, in Linux's exact format:
 *
 *   08048000-080e9000 r-xp 00000000 00:01 12         /bin/hello
 *   start    end      perms offset  dev   inode      name
 *
 * perms are r/w/x and p (private) or s (shared); offset is the file offset
 * of vm_start; the name is the file's path, or [heap] for the VMA holding
 * the brk area, [stack] for the one holding the initial stack pointer,
 * [vdso]/[vvar] for the special mappings, nothing for other anonymous
 * memory (whose line keeps its trailing space, as Linux's does).
 */
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_buf.h>
#include <linux/sprintf.h>
#include <linux/uaccess.h>

static const char *vma_name(const struct vm_area_struct *vma, const struct mm_struct *mm)
{
	if (vma->vm_special)
		return vma->vm_special->name;
	if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return nullptr;
}

// Linux: show_map_vma. The name starts at column 49 (seq_setwidth(25 +
// 6 * sizeof(void *) - 1) then seq_pad).
static void show_map_vma(struct seq_buf *s, const struct vm_area_struct *vma,
			 const struct mm_struct *mm)
{
	unsigned long flags = vma->vm_flags, ino = 0;
	unsigned long long pgoff = 0;
	unsigned int dev_major = 0, dev_minor = 0;
	if (vma->vm_file) {
		struct inode *inode = file_inode(vma->vm_file);
		ino = inode->i_ino;
		dev_minor = RAMFS_DEV_MINOR;
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	}
	char line[160];
	int n = scnprintf(line, sizeof(line), "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ",
			  vma->vm_start, vma->vm_end, flags & VM_READ ? 'r' : '-',
			  flags & VM_WRITE ? 'w' : '-', flags & VM_EXEC ? 'x' : '-',
			  flags & VM_MAYSHARE ? 's' : 'p', pgoff, dev_major, dev_minor, ino);
	char path[128];
	const char *name = vma->vm_file ? shmem_name(vma->vm_file) : vma_name(vma, mm);
	if (vma->vm_file && !name)
		name = file_path(vma->vm_file, path, sizeof(path));
	if (name) {
		while (n < 48)
			line[n++] = ' ';
		line[n] = 0;
		seq_buf_printf(s, "%s %s\n", line, name);
	} else {
		seq_buf_printf(s, "%s\n", line);
	}
}

size_t proc_pid_maps_text(struct task_struct *task, char *buf, size_t size)
{
	struct seq_buf s;
	seq_buf_init(&s, buf, size);
	struct mm_struct *mm = task->mm;
	if (mm) {
		struct vm_area_struct *vma;
		list_for_each_entry(vma, &mm->mmap, vm_list)
			show_map_vma(&s, vma, mm);
	}
	return s.len;
}

// Linux: task_mem. Everything in kB, right-aligned in 8 columns.
void proc_task_mem(struct seq_buf *s, struct mm_struct *mm)
{
	unsigned long anon = get_mm_counter(mm, MM_ANONPAGES),
		      file = get_mm_counter(mm, MM_FILEPAGES);
	unsigned long shmem = get_mm_counter(mm, MM_SHMEMPAGES);
	unsigned long total_vm = mm->total_vm, hiwater_vm = max(total_vm, mm->hiwater_vm);
	unsigned long total_rss = anon + file + shmem,
		      hiwater_rss = max(total_rss, mm->hiwater_rss);
	unsigned long text = PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK);
	text = min(text, mm->exec_vm << PAGE_SHIFT);
	unsigned long lib = (mm->exec_vm << PAGE_SHIFT) - text;
	const int k = PAGE_SHIFT - 10;
	seq_buf_printf(s, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\n",
		       hiwater_vm << k, total_vm << k, mm->locked_vm << k, 0ul);
	seq_buf_printf(s, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\n", hiwater_rss << k,
		       total_rss << k, anon << k);
	seq_buf_printf(s, "RssFile:\t%8lu kB\nRssShmem:\t%8lu kB\nVmData:\t%8lu kB\n", file << k,
		       shmem << k, mm->data_vm << k);
	seq_buf_printf(s, "VmStk:\t%8lu kB\nVmExe:\t%8lu kB\nVmLib:\t%8lu kB\nVmPTE:\t%8lu kB\n",
		       mm->stack_vm << k, text >> 10, lib >> 10,
		       (mm->nr_pte_tables * PAGE_SIZE) >> 10);
	seq_buf_printf(s, "VmSwap:\t%8lu kB\nHugetlbPages:\t%8lu kB\n", 0ul, 0ul);
}

// Linux: task_statm. Pages: size resident shared text lib data dt, where
// lib and dt are always 0 in 2.6 and later.
size_t proc_pid_statm_text(struct task_struct *task, char *buf, size_t size)
{
	struct mm_struct *mm = task->mm;
	unsigned long total = 0, shared = 0, anon = 0, text = 0, data = 0;
	if (mm) {
		total = mm->total_vm;
		shared = get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_SHMEMPAGES);
		anon = get_mm_counter(mm, MM_ANONPAGES);
		text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
		data = mm->data_vm + mm->stack_vm;
	}
	return (size_t)scnprintf(buf, size, "%lu %lu %lu %lu 0 %lu 0\n", total, shared + anon,
				 shared, text, data);
}

/*
 * DOC: /proc/PID/smaps and smaps_rollup (Linux: show_smap, smaps_account)
 *
 * The maps line of each VMA, then what its present ptes map. A page
 * mapped once is Private; one mapped by N page tables is Shared and adds
 * 1/N of its size to Pss (the "proportional set size": the sum of Pss
 * over all processes is the memory they use). Dirty is the pte's dirty
 * bit or the page's; Referenced its accessed bit. The shared zero page is
 * no one's memory and counts nowhere, as in Linux (vm_normal_page).
 * smaps_rollup is the sum over every VMA, under one [rollup] line.
 */
#define PSS_SHIFT 12 // Pss kept in 1/4096 of a byte, so 1/N shares add up

struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous;
	u64 pss, pss_anon, pss_file, pss_shmem, pss_dirty, pss_locked;
};

static void smaps_account(struct mem_size_stats *mss, const struct vm_area_struct *vma,
			  const struct page *page, pte_t pte)
{
	bool dirty = pte_val(pte) & _PAGE_DIRTY, anon = !page->mapping;
	int mapcount = page_mapcount(page);
	u64 pss = (u64)PAGE_SIZE << PSS_SHIFT;
	if (mapcount >= 2)
		pss /= (unsigned)mapcount;
	bool priv = mapcount < 2;
	mss->resident += PAGE_SIZE;
	if (anon)
		mss->anonymous += PAGE_SIZE;
	if (pte_val(pte) & _PAGE_ACCESSED)
		mss->referenced += PAGE_SIZE;
	mss->pss += pss;
	if (anon)
		mss->pss_anon += pss;
	else if (vma->vm_file && shmem_name(vma->vm_file))
		mss->pss_shmem += pss;
	else
		mss->pss_file += pss;
	if (vma->vm_flags & VM_LOCKED)
		mss->pss_locked += pss;
	if (dirty) {
		mss->pss_dirty += pss;
		*(priv ? &mss->private_dirty : &mss->shared_dirty) += PAGE_SIZE;
	} else {
		*(priv ? &mss->private_clean : &mss->shared_clean) += PAGE_SIZE;
	}
}

// Linux: smap_gather_stats through walk_page_vma; a missing page table
// skips its whole 4M (pgd span on i386).
static void smap_gather_stats(const struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	struct mm_struct *mm = vma->vm_mm;
	for (unsigned long a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
		pte_t *ptep = follow_pte(mm, a);
		if (!ptep) {
			a = (a & PMD_MASK) + PMD_SIZE - PAGE_SIZE;
			if (a + PAGE_SIZE < a) // the last table of the address space
				break;
			continue;
		}
		if (!pte_present(*ptep))
			continue;
		struct page *page = vm_normal_page(vma, *ptep);
		if (page)
			smaps_account(mss, vma, page, *ptep);
	}
}

// Linux: SEQ_PUT_DEC, "Name:" then the kB value right-aligned to column 25.
static void put_kb(struct seq_buf *s, const char *name, unsigned long bytes, int width = 8)
{
	seq_buf_printf(s, "%s%*lu kB\n", name, width, bytes >> 10);
}

// Linux: __show_smap.
static void show_smap_stats(struct seq_buf *s, const struct mem_size_stats *m, bool rollup)
{
	put_kb(s, "Rss:            ", m->resident);
	put_kb(s, "Pss:            ", (unsigned long)(m->pss >> PSS_SHIFT));
	put_kb(s, "Pss_Dirty:      ", (unsigned long)(m->pss_dirty >> PSS_SHIFT));
	if (rollup) { // per VMA two of these are 0 and the third is Pss
		put_kb(s, "Pss_Anon:       ", (unsigned long)(m->pss_anon >> PSS_SHIFT));
		put_kb(s, "Pss_File:       ", (unsigned long)(m->pss_file >> PSS_SHIFT));
		put_kb(s, "Pss_Shmem:      ", (unsigned long)(m->pss_shmem >> PSS_SHIFT));
	}
	put_kb(s, "Shared_Clean:   ", m->shared_clean);
	put_kb(s, "Shared_Dirty:   ", m->shared_dirty);
	put_kb(s, "Private_Clean:  ", m->private_clean);
	put_kb(s, "Private_Dirty:  ", m->private_dirty);
	put_kb(s, "Referenced:     ", m->referenced);
	put_kb(s, "Anonymous:      ", m->anonymous);
	// No MADV_FREE, THP, hugetlbfs or swap here: Linux's rows, always 0.
	static const char *const zero_rows[] = {
	    "LazyFree:       ", "AnonHugePages:  ", "ShmemPmdMapped: ", "FilePmdMapped:  ",
	    "Shared_Hugetlb: "};
	for (const char *row : zero_rows)
		put_kb(s, row, 0);
	put_kb(s, "Private_Hugetlb: ", 0, 7);
	put_kb(s, "Swap:           ", 0);
	put_kb(s, "SwapPss:        ", 0);
	put_kb(s, "Locked:         ", (unsigned long)(m->pss_locked >> PSS_SHIFT));
}

// Linux: show_smap_vma_flags. Two letters per VM_* bit, in bit order;
// our VM_* bits are Linux's, so the table is indexed by bit number.
static void show_smap_vma_flags(struct seq_buf *s, unsigned long flags)
{
	static const char mnemonics[32][3] = {
	    "rd", "wr", "ex", "sh", "mr", "mw", "me", "ms", "gd", "um", "pf",
	    "ui", "uw", "lo", "io", "sr", "rr", "dc", "de", "lf", "ac", "nr",
	    "ht", "sf", "ar", "wf", "dd", "sd", "mm", "hg", "nh", "mg",
	};
	seq_buf_printf(s, "VmFlags: ");
	for (unsigned int i = 0; i < 32; i++)
		if (flags & (1UL << i))
			seq_buf_printf(s, "%s ", mnemonics[i]);
	seq_buf_printf(s, "\n");
}

size_t proc_pid_smaps_text(struct task_struct *task, char *buf, size_t size)
{
	struct seq_buf s;
	seq_buf_init(&s, buf, size);
	struct mm_struct *mm = task->mm;
	if (!mm)
		return 0;
	struct vm_area_struct *vma;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		struct mem_size_stats mss = {};
		smap_gather_stats(vma, &mss);
		show_map_vma(&s, vma, mm);
		put_kb(&s, "Size:           ", vma->vm_end - vma->vm_start);
		put_kb(&s, "KernelPageSize: ", PAGE_SIZE);
		put_kb(&s, "MMUPageSize:    ", PAGE_SIZE);
		show_smap_stats(&s, &mss, false);
		seq_buf_printf(&s, "THPeligible:    0\n"); // no transparent huge pages
		show_smap_vma_flags(&s, vma->vm_flags);
	}
	return s.len;
}

// Linux: show_smaps_rollup. The header spans the first VMA's start to
// the last one's end, "---p", no file.
size_t proc_pid_smaps_rollup_text(struct task_struct *task, char *buf, size_t size)
{
	struct seq_buf s;
	seq_buf_init(&s, buf, size);
	struct mm_struct *mm = task->mm;
	if (!mm)
		return 0;
	struct mem_size_stats mss = {};
	unsigned long start = 0, end = 0;
	struct vm_area_struct *vma;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (!end)
			start = vma->vm_start;
		end = vma->vm_end;
		smap_gather_stats(vma, &mss);
	}
	seq_buf_printf(&s, "%08lx-%08lx ---p 00000000 00:00 0", start, end);
	seq_buf_printf(&s, "%*s[rollup]\n", 49 - 39, "");
	show_smap_stats(&s, &mss, true);
	return s.len;
}

/*
 * DOC: /proc/PID/pagemap (Linux: pagemap_read, pte_to_pagemap_entry)
 *
 * One 64-bit entry per virtual page of the task, at offset (vaddr / 4096)
 * * 8, as admin-guide/mm/pagemap.rst documents them:
 *
 *   bits 0-54  the page frame number, when present
 *   bit  56    the page is mapped by this page table only (exclusive)
 *   bit  61    a file page (or shared anonymous memory)
 *   bit  63    present
 *
 * Bit 55 (soft-dirty) and 62 (swapped) stay 0: i386 has no soft-dirty
 * bit and there is no swap. The zero page is present with its frame but
 * neither exclusive nor a file page. Offsets and sizes not multiples of 8
 * are -EINVAL; past the user address space a read gives 0 bytes.
 */
#define PM_ENTRY_BYTES 8
#define PM_PFRAME_MASK ((1ULL << 55) - 1)
#define PM_MMAP_EXCLUSIVE (1ULL << 56)
#define PM_FILE (1ULL << 61)
#define PM_PRESENT (1ULL << 63)

static u64 pagemap_entry(struct mm_struct *mm, const struct vm_area_struct *vma, unsigned long addr)
{
	if (!vma || addr < vma->vm_start)
		return 0; // a hole between VMAs
	pte_t *ptep = follow_pte(mm, addr);
	if (!ptep || !pte_present(*ptep))
		return 0;
	u64 pme = (pte_pfn(*ptep) & PM_PFRAME_MASK) | PM_PRESENT;
	struct page *page = vm_normal_page(vma, *ptep);
	if (page && page->mapping)
		pme |= PM_FILE;
	if (page && page_mapcount(page) == 1)
		pme |= PM_MMAP_EXCLUSIVE;
	return pme;
}

long proc_pid_pagemap_read(struct task_struct *task, char __user *ubuf, size_t count, loff_t *ppos)
{
	struct mm_struct *mm = task->mm;
	if (!mm)
		return 0;
	if (*ppos % PM_ENTRY_BYTES || count % PM_ENTRY_BYTES)
		return -EINVAL;
	u64 svpfn = (u64)*ppos / PM_ENTRY_BYTES;
	unsigned long end = mm->task_size;
	unsigned long addr = svpfn < (end >> PAGE_SHIFT) ? (unsigned long)svpfn << PAGE_SHIFT : end;
	size_t copied = 0;
	u64 chunk[64];
	while (count && addr < end) {
		unsigned int n = 0;
		const struct vm_area_struct *vma = find_vma(mm, addr);
		for (; n < ARRAY_SIZE(chunk) && n * PM_ENTRY_BYTES < count && addr < end;
		     n++, addr += PAGE_SIZE) {
			if (vma && addr >= vma->vm_end)
				vma = find_vma(mm, addr);
			chunk[n] = pagemap_entry(mm, vma, addr);
		}
		size_t len = n * PM_ENTRY_BYTES;
		if (copy_to_user(ubuf + copied, chunk, len)) {
			*ppos += (loff_t)copied; // Linux too keeps what went out
			return -EFAULT;
		}
		copied += len;
		count -= len;
	}
	*ppos += (loff_t)copied;
	return (long)copied;
}
