/*
 * DOC: thread-local storage segments (Linux: arch/x86/kernel/tls.c)
 *
 * glibc on i386 reaches its thread control block through %gs: at start-up
 * it asks set_thread_area() for a data segment based at the block, gets
 * GDT entry 6 back, and loads selector 6*8+3 = 0x33 into %gs. Each task
 * has its own three entries (6-8), copied into the GDT at every switch.
 */
#include <asm/desc.h>
#include <linux/errno.h>
#include <linux/sched/task.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

void load_TLS(struct task_struct *t);

struct user_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit : 1;
	unsigned int contents : 2;
	unsigned int read_exec_only : 1;
	unsigned int limit_in_pages : 1;
	unsigned int seg_not_present : 1;
	unsigned int useable : 1;
};

// "Clear this entry" (Linux: LDT_empty, LDT_zero).
static bool desc_empty(const struct user_desc *u)
{
	bool zero = !u->base_addr && !u->limit && !u->contents && !u->read_exec_only &&
		    !u->seg_32bit && !u->limit_in_pages && !u->seg_not_present && !u->useable;
	bool empty = !u->base_addr && !u->limit && !u->contents && u->read_exec_only &&
		     !u->seg_32bit && !u->limit_in_pages && u->seg_not_present && !u->useable;
	return zero || empty;
}

// Only present 32-bit data segments (Linux: tls_desc_okay).
static bool tls_desc_okay(const struct user_desc *u)
{
	return desc_empty(u) || (u->seg_32bit && u->contents <= 1 && !u->seg_not_present);
}

// The 8-byte descriptor for u, DPL 3 (Linux: fill_ldt).
static u64 fill_desc(const struct user_desc *u)
{
	if (desc_empty(u))
		return 0;
	u32 a = ((u->base_addr & 0xffff) << 16) | (u->limit & 0x0ffff);
	u32 b = (u->base_addr & 0xff000000) | ((u->base_addr & 0x00ff0000) >> 16) |
		(u->limit & 0xf0000) | ((u->read_exec_only ^ 1) << 9) | (u->contents << 10) |
		((u->seg_not_present ^ 1) << 15) | (u->seg_32bit << 22) |
		(u->limit_in_pages << 23) | (u->useable << 20) | 0x7000;
	return ((u64)b << 32) | a;
}

static int get_free_idx(struct task_struct *p)
{
	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		if (!p->thread.tls_array[i])
			return i + GDT_ENTRY_TLS_MIN;
	return -ESRCH;
}

// Linux: do_set_thread_area. idx -1: the entry number comes from u_info
// (-1 there: the first free one, written back).
int do_set_thread_area(struct task_struct *p, int idx, struct user_desc __user *u_info,
		       int can_allocate)
{
	struct user_desc info;
	if (copy_from_user(&info, u_info, sizeof(info)))
		return -EFAULT;
	if (!tls_desc_okay(&info))
		return -EINVAL;
	if (idx == -1)
		idx = (int)info.entry_number;
	if (idx == -1 && can_allocate) {
		idx = get_free_idx(p);
		if (idx < 0)
			return idx;
		if (put_user((unsigned int)idx, &u_info->entry_number))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN] = fill_desc(&info);
	if (p == current) {
		if (!p->thread
			 .tls_array[idx - GDT_ENTRY_TLS_MIN]) { // cleared: drop selectors naming it
			unsigned long gs, fs, sel = (unsigned long)idx * 8 + 3;
			__asm__ volatile("mov %%gs, %0; mov %%fs, %1" : "=r"(gs), "=r"(fs));
			if ((gs | 3) == sel)
				__asm__ volatile("mov %0, %%gs" ::"r"(0));
			if ((fs | 3) == sel)
				__asm__ volatile("mov %0, %%fs" ::"r"(0));
		}
		load_TLS(p);
	}
	return 0;
}

long sys_set_thread_area(struct user_desc __user *u_info)
{
	return do_set_thread_area(current, -1, u_info, 1);
}

// Linux: do_get_thread_area, fill_user_desc.
long sys_get_thread_area(struct user_desc __user *u_info)
{
	int idx;
	if (get_user(idx, (int __user *)&u_info->entry_number))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	u64 d = current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN];
	u32 a = (u32)d, b = (u32)(d >> 32);
	struct user_desc info = {};
	info.entry_number = (unsigned int)idx;
	info.base_addr = (a >> 16) | ((b & 0xff) << 16) | (b & 0xff000000);
	info.limit = (a & 0xffff) | (b & 0xf0000);
	info.seg_32bit = (b >> 22) & 1;
	info.contents = (b >> 10) & 3;
	info.read_exec_only = !((b >> 9) & 1);
	info.limit_in_pages = (b >> 23) & 1;
	info.seg_not_present = !((b >> 15) & 1);
	info.useable = (b >> 20) & 1;
	return copy_to_user(u_info, &info, sizeof(info)) ? -EFAULT : 0;
}
