#pragma once
// The bytes the debuggers write, so a dump tells their story (Linux:
// include/linux/poison.h).
#define PAGE_POISON 0xaa	 // every byte of a free page, with page_poison=1
#define POISON_FREE_INITMEM 0xcc // freed __init pages: int3 if anything still calls them

#define SLUB_RED_INACTIVE 0xbb // red zone of a free object
#define SLUB_RED_ACTIVE 0xcc   // red zone of an allocated object
#define POISON_INUSE 0x5a      // fresh slab memory, padding
#define POISON_FREE 0x6b       // a free object
#define POISON_END 0xa5	       // the last byte of a free object
