#pragma once
// KFENCE's metadata and reports, shared by core.cpp and report.cpp
// (Linux: mm/kfence/kfence.h).
#include <linux/kfence.h>
#include <linux/types.h>

// Linux's is 64; 16 return addresses reach from the allocator to the test
// or shell command that called it, and keep the metadata at 39 KiB of .bss.
#define KFENCE_STACK_DEPTH 16

// The byte a canary holds depends on its address, so a shifted copy of the
// canary is caught too (Linux 6.1's KFENCE_CANARY_PATTERN).
#define KFENCE_CANARY_PATTERN(addr) ((u8)0xaa ^ (u8)((unsigned long)(addr)&0x7))

enum kfence_object_state {
	KFENCE_OBJECT_UNUSED,	 // never allocated
	KFENCE_OBJECT_ALLOCATED, // in use
	KFENCE_OBJECT_FREED,	 // freed, its page protected again
};

// Who allocated or freed an object, and when (Linux: struct kfence_track).
struct kfence_track {
	int pid, cpu; // always 0: one CPU, no tasks yet
	int num_stack_entries;
	unsigned long stack_entries[KFENCE_STACK_DEPTH];
	u64 ts_nsec;
};

// One object's slot (Linux: struct kfence_metadata); no lock: one CPU, and
// every change happens with interrupts off.
struct kfence_metadata {
	struct kfence_metadata *next_free; // Linux: list (kfence_freelist)
	bool on_freelist;
	enum kfence_object_state state;
	unsigned long addr;		// the object; its page after a free
	size_t size;			// what the caller asked for
	struct kmem_cache *cache;	// NULL once the cache was destroyed
	unsigned long unprotected_page; // a guard page an OOB access opened
	struct kfence_track alloc_track, free_track;
};

extern struct kfence_metadata kfence_metadata[CONFIG_KFENCE_NUM_OBJECTS];

enum kfence_error_type {
	KFENCE_ERROR_OOB,	   // a guard page was touched
	KFENCE_ERROR_UAF,	   // a freed object was touched
	KFENCE_ERROR_CORRUPTION,   // a canary byte changed, seen on free
	KFENCE_ERROR_INVALID,	   // a fault in the pool no object explains
	KFENCE_ERROR_INVALID_FREE, // a free of no object, or twice
};

// Linux: addr_to_metadata. Object i sits in page 2 * i + 2; its right guard
// page follows it, so page p belongs to object p / 2 - 1.
static inline struct kfence_metadata *addr_to_metadata(unsigned long addr)
{
	if (!is_kfence_address((void *)addr))
		return nullptr;
	long index = (long)((addr - (unsigned long)__kfence_pool) / (PAGE_SIZE * 2)) - 1;
	if (index < 0 || index >= CONFIG_KFENCE_NUM_OBJECTS)
		return nullptr;
	return &kfence_metadata[index];
}

void kfence_report_error(unsigned long address, bool is_write, struct pt_regs *regs,
			 const struct kfence_metadata *meta, enum kfence_error_type type);
// One object as debugfs's objects file and the reports show it; m NULL: printk.
void kfence_print_object(struct seq_buf *m, const struct kfence_metadata *meta);
