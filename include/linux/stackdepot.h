#pragma once
/*
 * The stack depot: call stacks stored once each, named by a 32-bit handle
 * (Linux: include/linux/stackdepot.h, lib/stackdepot.c). page_owner keeps
 * two handles per page instead of two stacks.
 */
#include <linux/gfp.h>
#include <linux/types.h>

typedef u32 depot_stack_handle_t; // 0: no stack

// Asks for the depot to be set up from memblock (an early_param handler
// calls it); stack_depot_early_init() then does, before the buddy allocator.
void stack_depot_request_early_init(void);
int stack_depot_early_init(void);

// Stores entries (or finds them stored already); 0 when the depot is full
// or was never set up.
depot_stack_handle_t stack_depot_save(unsigned long *entries, unsigned int nr_entries,
				      gfp_t alloc_flags);
unsigned int stack_depot_fetch(depot_stack_handle_t handle, unsigned long **entries);
// One line per entry, " func+0x12/0x40", indented by spaces more.
void stack_depot_print(depot_stack_handle_t stack);
int stack_depot_snprint(depot_stack_handle_t handle, char *buf, size_t size, int spaces);

// For host tests and ktests: the depot's fill.
struct stack_depot_stats {
	unsigned long stacks, bytes_used, bytes_total;
};
void stack_depot_get_stats(struct stack_depot_stats *st);
