#pragma once
/*
 * The memory system calls, as the i386 system-call table calls them
 * (Linux: include/linux/syscalls.h). Each acts on current->mm and returns
 * the result or a negative errno; sys_brk returns the (new or old) break.
 * mmap2 and old_mmap turn an fd into a struct file and call vm_mmap_pgoff
 * (include/linux/mm_space.h); they live with the fd table.
 */
#include <linux/types.h>

long sys_brk(unsigned long brk);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_madvise(unsigned long start, size_t len, int behavior);
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec);

// The helpers behind them, for an mm given explicitly.
struct mm_struct;
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in, int behavior);
