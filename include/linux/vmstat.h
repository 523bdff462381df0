#pragma once
// Event counters (Linux: include/linux/vm_event_item.h, /proc/vmstat).
enum vm_event_item {
	PGALLOC_DMA, // pages allocated per zone, in zone order
	PGALLOC_NORMAL,
	PGALLOC_HIGH,
	PGALLOC_MOVABLE,
	PGFREE,
	PGFAULT,    // every user fault handle_mm_fault took on, resolved or not
	PGMAJFAULT, // those that had to wait for the page's data
	ALLOCSTALL, // slow-path attempts to reclaim
	NR_VM_EVENT_ITEMS
};
extern unsigned long vm_events[NR_VM_EVENT_ITEMS];
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];
