#pragma once
// Linker-script symbols (Linux: include/asm-generic/sections.h).
extern "C" char _text[], _etext[], __start_rodata[], __end_rodata[];
extern "C" char _sdata[], _edata[], __bss_start[], __bss_stop[], _end[];
extern "C" char __boot_start[], __boot_end[], __init_begin[], __init_end[];
extern "C" char _sinittext[], _einittext[];

static inline bool is_kernel_text(unsigned long addr)
{
	return addr >= (unsigned long)_text && addr < (unsigned long)_etext;
}

static inline bool is_kernel_inittext(unsigned long addr)
{
	return addr >= (unsigned long)_sinittext && addr < (unsigned long)_einittext;
}

// Code a return address may point into (Linux: __kernel_text_address):
// .text always, .init.text until free_initmem() has given it away.
bool __kernel_text_address(unsigned long addr);
