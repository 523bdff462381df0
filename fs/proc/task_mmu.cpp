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
