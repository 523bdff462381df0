#pragma once
// Symbol lookup for oopses and %pS (Linux: kernel/kallsyms.c). The symbols
// come from the kernel's own ELF symbol table, which GRUB loads and describes
// in the multiboot2 ELF-sections tag; C++ names are shown demangled without
// their parameter lists, so a trace reads like Linux's ("start_kernel+0x1c/0x90").
#include <linux/types.h>

#define KSYM_NAME_LEN 128
#define KSYM_SYMBOL_LEN (KSYM_NAME_LEN + 32)

struct elf32_sym;
// Hands kallsyms the symbol and string tables (already mapped).
void kallsyms_init(const struct elf32_sym *syms, size_t nsyms, const char *strtab,
		   size_t strtab_size);
bool kallsyms_available(void);
// True while a lookup is reading the table: a fault now is the table's fault.
bool kallsyms_in_lookup(void);
// Forgets the table: every lookup finds nothing, %pS prints bare addresses.
void kallsyms_disable(void);
// The boot loader gave symbol tables, but lowmem had no room to keep them:
// traces show addresses, and the tests that need symbols step aside.
extern bool kallsyms_dropped;

// Finds the function or object containing addr; false if none does.
bool kallsyms_lookup(unsigned long addr, unsigned long *symsize, unsigned long *offset,
		     char *namebuf);
// Address of a symbol by its demangled name, or 0.
unsigned long kallsyms_lookup_name(const char *name);

// "name+0xoff/0xsize", or "0x<addr>" when nothing is known about addr.
int sprint_symbol(char *buf, unsigned long addr);
// The same for a return address (%pB): the symbol of addr - 1.
int sprint_backtrace(char *buf, unsigned long addr);
// Just "name" (or "0x<addr>").
int sprint_symbol_no_offset(char *buf, unsigned long addr);

// Itanium C++ demangling of the name part only: "_ZN3foo3barEv" -> "foo::bar".
// Leaves anything it does not understand as it is.
void kallsyms_demangle(const char *mangled, char *buf, size_t size);
