#pragma once
// The ELF32 structures the kernel reads from its own image (Linux:
// include/uapi/linux/elf.h).
#include <linux/types.h>

struct elf32_sym {
	u32 st_name;
	u32 st_value;
	u32 st_size;
	u8 st_info;
	u8 st_other;
	u16 st_shndx;
};

struct elf32_shdr {
	u32 sh_name;
	u32 sh_type;
	u32 sh_flags;
	u32 sh_addr;
	u32 sh_offset;
	u32 sh_size;
	u32 sh_link;
	u32 sh_info;
	u32 sh_addralign;
	u32 sh_entsize;
};

#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHF_ALLOC 0x2
#define SHN_UNDEF 0
#define SHN_ABS 0xfff1
#define STT_NOTYPE 0
#define STT_OBJECT 1
#define STT_FUNC 2
#define ELF32_ST_TYPE(i) ((i)&0xf)
