#pragma once
// Event counters (Linux: include/linux/vm_event_item.h, /proc/vmstat).
enum vm_event_item { // in Linux's order, the counters this kernel keeps
	PGALLOC_DMA, // pages allocated per zone, in zone order
	PGALLOC_NORMAL,
	PGALLOC_HIGH,
	PGALLOC_MOVABLE,
	ALLOCSTALL_DMA, // slow-path attempts to reclaim, by the request's highest zone
	ALLOCSTALL_NORMAL,
	ALLOCSTALL_HIGH,
	ALLOCSTALL_MOVABLE,
	PGFREE,
	PGFAULT,	// every user fault handle_mm_fault took on, resolved or not
	PGMAJFAULT,	// those that had to wait for the page's data
	DROP_PAGECACHE, // writes to /proc/sys/vm/drop_caches with 1 set
	DROP_SLAB,	// ... with 2 set
	OOM_KILL,	// processes the OOM killer killed
	NR_VM_EVENT_ITEMS
};
extern unsigned long vm_events[NR_VM_EVENT_ITEMS];
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];
