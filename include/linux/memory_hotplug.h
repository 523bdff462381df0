#pragma once
/*
 * Memory hotplug (Linux: include/linux/memory_hotplug.h): only the one
 * question memblock asks.
 *
 * i386 Linux 6.1 cannot be built with CONFIG_MEMORY_HOTPLUG (x86-64 only),
 * so there is no movable_node parameter and hotpluggable memory is never
 * kept back for ZONE_MOVABLE: it is ordinary memory to an allocation.
 */
#include <linux/compiler.h>

static inline bool movable_node_is_enabled(void) { return false; }
