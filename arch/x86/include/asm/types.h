#pragma once
// Physical addresses are 32 bits without PAE (Linux: CONFIG_PHYS_ADDR_T_64BIT=n).
typedef u32 phys_addr_t;
