#pragma once
// Physical addresses are 32 bits without PAE (Linux: CONFIG_PHYS_ADDR_T_64BIT=n).
#ifdef MMLAB_HOST
#include_next <asm/types.h> // the system's <linux/types.h> includes <asm/types.h>
#endif
typedef unsigned int phys_addr_t;
