/*
 * DOC: physmap, a picture of physical memory (no Linux counterpart)
 *
 * Linux shows fragmentation only as numbers (/proc/buddyinfo,
 * /proc/pagetypeinfo), and each page's state as flags in /proc/kpageflags,
 * which tools/vm/page-types (tools/mm/ from 6.3) reads and counts (buddy,
 * slab, reserved, ...). This draws it: one character per cell of N pages,
 * zone by zone, 64 cells a row, and under each row the migratetype of the
 * pageblock each cell lies in. A cell that is wholly free shows the order of
 * the largest buddy block covering it, so a zone that has been carved up
 * turns from a row of 'A's (order-10 blocks) into a spatter of small digits.
 *
 *   physmap: 0x01000 Normal  |AAAAAAAAoooxxS####|
 *   physmap:         types   |MMMMMMMMUUUUUUUUUU|
 *
 * The rows start with "physmap:" so `tools/mm-svg.py physmap` can find them
 * in a serial log and draw them.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/seq_buf.h>
#include <linux/shell.h>

#include "internal.h"

#define PHYSMAP_COLS 64
#define PHYSMAP_CELLS 1024 // the automatic cell size keeps the picture to 16 rows or fewer

struct physmap_cell {
	unsigned long pages, free, reserved, hole, slab;
	unsigned int max_order; // of the free blocks covering the cell
	int mt;			// the migratetype of the cell's (first) pageblock
};

static const char order_chars[] = "0123456789A";
static const char mt_chars[MIGRATE_TYPES] = {'U', 'M', 'R', 'H', 'I'};

static char cell_char(const struct physmap_cell *c)
{
	unsigned long used = c->pages - c->free - c->reserved - c->hole;
	if (c->free == c->pages)
		return order_chars[c->max_order];
	if (c->free)
		return 'o';
	if (c->hole == c->pages)
		return '.';
	if (c->reserved >= used && c->reserved >= c->hole)
		return '#';
	if (c->slab * 2 > used)
		return 'S';
	return used ? 'x' : '.';
}

static void count_page(struct physmap_cell *c, unsigned long pfn)
{
	const struct page *page = pfn_to_page(pfn);
	c->pages++;
	if (!memblock_is_memory(PFN_PHYS(pfn)))
		c->hole++;
	else if (PageReserved(page))
		c->reserved++;
	else if (PageSlab(page))
		c->slab++;
}

static void print_row(struct seq_buf *s, const struct zone *zone, unsigned long first_pfn,
		      const struct physmap_cell *cells, int n)
{
	char map[PHYSMAP_COLS + 1], types[PHYSMAP_COLS + 1];
	for (int i = 0; i < n; i++) {
		map[i] = cell_char(&cells[i]);
		types[i] = cells[i].hole == cells[i].pages ? ' ' : mt_chars[cells[i].mt];
	}
	map[n] = types[n] = '\0';
	seq_buf_printf(s, "physmap: %#07lx %-7s |%s|\n", first_pfn, zone->name, map);
	seq_buf_printf(s, "physmap:         types   |%s|\n", types);
}

// Walks one zone a pfn at a time; a free block counts for every page it covers.
static void physmap_zone(struct seq_buf *s, const struct zone *zone, unsigned long ppc)
{
	struct physmap_cell cells[PHYSMAP_COLS];
	// any cell size, not only powers of two
	unsigned long start = zone->zone_start_pfn - zone->zone_start_pfn % ppc;
	unsigned long end = zone_end_pfn(zone);
	unsigned long row_pfn = start, free_left = 0;
	unsigned int free_order = 0;
	int n = 0;
	for (unsigned long cell_pfn = start; cell_pfn < end && !shell_interrupted();
	     cell_pfn += ppc) {
		struct physmap_cell *c = &cells[n];
		*c = {};
		unsigned long first = max(cell_pfn, zone->zone_start_pfn);
		c->mt = get_pageblock_migratetype(pfn_to_page(first));
		for (unsigned long pfn = first; pfn < min(cell_pfn + ppc, end); pfn++) {
			const struct page *page = pfn_to_page(pfn);
			if (!free_left && PageBuddy(page)) {
				free_order = buddy_order(page);
				free_left = 1UL << free_order;
			}
			if (free_left) {
				free_left--;
				c->pages++;
				c->free++;
				c->max_order = max(c->max_order, free_order);
			} else {
				count_page(c, pfn);
			}
		}
		if (++n == PHYSMAP_COLS) {
			print_row(s, zone, row_pfn, cells, n);
			row_pfn = cell_pfn + ppc;
			n = 0;
		}
	}
	if (n)
		print_row(s, zone, row_pfn, cells, n);
}

// Linux has no such view; see the DOC comment. pages_per_cell 0 picks a
// power of two that keeps the whole picture under PHYSMAP_CELLS cells.
void physmap_show(struct seq_buf *s, unsigned long pages_per_cell)
{
	unsigned long ppc = pages_per_cell;
	if (!ppc)
		for (ppc = 1; max_pfn / ppc > PHYSMAP_CELLS;)
			ppc *= 2;
	drain_all_pages(nullptr); // pages on pcp lists are free, but not PageBuddy
	seq_buf_printf(s, "physmap: %lu pages (%luK) per cell, %d cells a row\n", ppc,
		       ppc << (PAGE_SHIFT - 10), PHYSMAP_COLS);
	struct zone *zone;
	for_each_populated_zone(zone)
		physmap_zone(s, zone, ppc);
	if (shell_interrupted())
		seq_buf_printf(s, "physmap: interrupted; the picture stops there\n");
	seq_buf_printf(s,
		       "physmap: 0-9,A all free, largest block order (A = 10)   o partly free\n");
	seq_buf_printf(s, "physmap: x allocated  S slab  # reserved  . hole\n");
	seq_buf_printf(s, "physmap: types: pageblock migratetype U unmovable M movable R "
			  "reclaimable H highatomic I isolate\n");
}
