#pragma once
/*
 * ELF32 structures and constants (Linux: include/uapi/linux/elf.h,
 * include/uapi/linux/elf-em.h): the section and symbol tables the kernel
 * reads from its own image, and the file and program headers the ELF loader
 * (fs/binfmt_elf.cpp) reads from an executable.
 *
 *   file offset 0        e_phoff               p_offset of each PT_LOAD
 *   +------------------+-------------------+---//---+------------------+
 *   | elf32_hdr (52 B) | elf32_phdr[phnum] |   ...  | segment bytes    |
 *   +------------------+-------------------+---//---+------------------+
 *
 * Only the little-endian 32-bit i386 flavour is described: elfhdr and
 * elf_phdr are Linux's arch-neutral names for the structs this arch uses.
 */
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

// e_ident[]: the first 16 bytes of every ELF file.
#define EI_NIDENT 16
#define EI_MAG0 0
#define EI_MAG1 1
#define EI_MAG2 2
#define EI_MAG3 3
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define EI_OSABI 7
#define EI_PAD 8

#define ELFMAG0 0x7f
#define ELFMAG1 'E'
#define ELFMAG2 'L'
#define ELFMAG3 'F'
#define ELFMAG "\177ELF"
#define SELFMAG 4

#define ELFCLASSNONE 0
#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATANONE 0
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2
#define EV_NONE 0
#define EV_CURRENT 1

// e_type
#define ET_NONE 0
#define ET_REL 1
#define ET_EXEC 2
#define ET_DYN 3
#define ET_CORE 4

// e_machine (Linux: include/uapi/linux/elf-em.h)
#define EM_386 3
#define EM_486 6 // Perhaps disused; Linux's elf_check_arch still accepts it
#define EM_X86_64 62

struct elf32_hdr {
	u8 e_ident[EI_NIDENT];
	u16 e_type;
	u16 e_machine;
	u32 e_version;
	u32 e_entry; // virtual address of the first instruction
	u32 e_phoff; // file offset of the program header table
	u32 e_shoff;
	u32 e_flags;
	u16 e_ehsize;
	u16 e_phentsize; // sizeof(struct elf32_phdr) for ELFCLASS32
	u16 e_phnum;
	u16 e_shentsize;
	u16 e_shnum;
	u16 e_shstrndx;
};

// p_type
#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PT_SHLIB 5
#define PT_PHDR 6
#define PT_TLS 7
#define PT_LOOS 0x60000000
#define PT_HIOS 0x6fffffff
#define PT_LOPROC 0x70000000
#define PT_HIPROC 0x7fffffff
#define PT_GNU_EH_FRAME (PT_LOOS + 0x474e550)
#define PT_GNU_STACK (PT_LOOS + 0x474e551)
#define PT_GNU_RELRO (PT_LOOS + 0x474e552)
#define PT_GNU_PROPERTY (PT_LOOS + 0x474e553)

// p_flags
#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

struct elf32_phdr {
	u32 p_type;
	u32 p_offset; // where the segment's bytes start in the file
	u32 p_vaddr;  // where they go in memory
	u32 p_paddr;
	u32 p_filesz; // bytes from the file; the rest up to p_memsz is zeroed (bss)
	u32 p_memsz;
	u32 p_flags; // PF_R | PF_W | PF_X
	u32 p_align;
};

static_assert(sizeof(struct elf32_hdr) == 52, "Elf32_Ehdr is 52 bytes");
static_assert(sizeof(struct elf32_phdr) == 32, "Elf32_Phdr is 32 bytes");

// This arch's flavour (Linux: include/linux/elf.h, arch/x86/include/asm/elf.h).
#define elfhdr elf32_hdr
#define elf_phdr elf32_phdr
typedef u32 elf_addr_t; // a user address as the new program sees it
#define ELF_CLASS ELFCLASS32
#define ELF_DATA ELFDATA2LSB
#define ELF_ARCH EM_386
#define ELF_EXEC_PAGESIZE 4096
#define ELF_PLATFORM_I686 "i686" // Linux: ELF_PLATFORM, utsname()->machine

// Linux: elf_check_arch_ia32(); Linux checks neither EI_CLASS nor EI_DATA.
#define elf_check_arch(x) ((x)->e_machine == EM_386 || (x)->e_machine == EM_486)

// Without PT_GNU_STACK an i386 program gets READ_IMPLIES_EXEC (Linux:
// elf_read_implies_exec(), with mmap_is_ia32() always true here).
#define elf_read_implies_exec(executable_stack) ((executable_stack) == EXSTACK_DEFAULT)
