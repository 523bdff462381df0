/*
 * DOC: kallsyms (Linux: kernel/kallsyms.c)
 *
 * Linux compresses a symbol table into the kernel at build time. We need no
 * build step: GRUB loads the ELF .symtab and .strtab with the kernel and
 * describes them in the multiboot2 ELF-sections tag (see
 * arch/x86/kernel/setup.cpp). A lookup scans the table for the closest symbol
 * at or below the address; like Linux, a symbol's size is the distance to the
 * next symbol, so "func+0x1c/0x90" reads the same way.
 */
#include <linux/ctype.h>
#include <linux/elf.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <linux/string.h>

static const struct elf32_sym *ksyms;
static size_t nr_ksyms;
static const char *kstrtab;
static size_t kstrtab_size;
/*
 * Set while a lookup reads the table. The table is GRUB's copy, read through
 * the direct map: if reading it faults, the fault handler sees this, turns
 * symbols off and panics instead of printing an oops whose every %pS would
 * fault again (Linux's tables are in the image and never fault).
 */
static bool in_lookup;

// Holds in_lookup for one lookup; a lookup from inside one (a fault in the
// scan, printed) finds nothing.
struct lookup_guard {
	bool entered;
	lookup_guard() : entered(!in_lookup) { in_lookup = true; }
	~lookup_guard()
	{
		if (entered)
			in_lookup = false;
	}
};

void kallsyms_init(const struct elf32_sym *syms, size_t nsyms, const char *strtab,
		   size_t strtab_size)
{
	ksyms = syms;
	nr_ksyms = nsyms;
	kstrtab = strtab;
	kstrtab_size = strtab_size;
}

bool kallsyms_available(void) { return ksyms && nr_ksyms; }

bool kallsyms_in_lookup(void) { return in_lookup; }

bool kallsyms_dropped;
void kallsyms_disable(void) { kallsyms_init(nullptr, 0, nullptr, 0); }

static const char *sym_name(const struct elf32_sym *s)
{
	return s->st_name < kstrtab_size ? kstrtab + s->st_name : "";
}

// Functions, objects and assembly labels; not files, sections or constants.
static bool is_code_or_data(const struct elf32_sym *s)
{
	unsigned type = ELF32_ST_TYPE(s->st_info);
	if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
		return false;
	return s->st_shndx != SHN_UNDEF && s->st_shndx != SHN_ABS && sym_name(s)[0];
}

bool kallsyms_lookup(unsigned long addr, unsigned long *symsize, unsigned long *offset,
		     char *namebuf)
{
	lookup_guard guard;
	if (!guard.entered)
		return false;
	const struct elf32_sym *best = nullptr;
	unsigned long next = ~0UL;
	for (size_t i = 0; i < nr_ksyms; i++) {
		const struct elf32_sym *s = &ksyms[i];
		if (!is_code_or_data(s))
			continue;
		if (s->st_value <= addr) {
			if (!best || s->st_value > best->st_value ||
			    (s->st_value == best->st_value && s->st_size > best->st_size))
				best = s;
		} else if (s->st_value < next) {
			next = s->st_value;
		}
	}
	if (!best)
		return false;
	unsigned long size = next != ~0UL ? next - best->st_value : best->st_size;
	if (best->st_size > size || (next != ~0UL && best->st_size == 0 && size > 0x10000))
		size = best->st_size;
	if (addr - best->st_value >= size)
		return false;
	if (symsize)
		*symsize = size;
	if (offset)
		*offset = addr - best->st_value;
	if (namebuf)
		kallsyms_demangle(sym_name(best), namebuf, KSYM_NAME_LEN);
	return true;
}

unsigned long kallsyms_lookup_name(const char *name)
{
	lookup_guard guard;
	if (!guard.entered)
		return 0;
	char buf[KSYM_NAME_LEN];
	for (size_t i = 0; i < nr_ksyms; i++) {
		if (!is_code_or_data(&ksyms[i]))
			continue;
		kallsyms_demangle(sym_name(&ksyms[i]), buf, sizeof(buf));
		if (!strcmp(buf, name))
			return ksyms[i].st_value;
	}
	return 0;
}

int sprint_symbol(char *buf, unsigned long addr)
{
	char name[KSYM_NAME_LEN];
	unsigned long size, offset;
	if (!kallsyms_lookup(addr, &size, &offset, name))
		return sprintf(buf, "0x%lx", addr);
	return sprintf(buf, "%s+%#lx/%#lx", name, offset, size);
}

// A return address: the call may be the function's last instruction (a call
// to a noreturn function), so look up addr - 1 and print addr's offset
// (Linux: sprint_backtrace, for %pB).
int sprint_backtrace(char *buf, unsigned long addr)
{
	char name[KSYM_NAME_LEN];
	unsigned long size, offset;
	if (!addr || !kallsyms_lookup(addr - 1, &size, &offset, name))
		return sprintf(buf, "0x%lx", addr);
	return sprintf(buf, "%s+%#lx/%#lx", name, offset + 1, size);
}

int sprint_symbol_no_offset(char *buf, unsigned long addr)
{
	char name[KSYM_NAME_LEN];
	if (!kallsyms_lookup(addr, nullptr, nullptr, name))
		return sprintf(buf, "0x%lx", addr);
	return sprintf(buf, "%s", name);
}

// --- demangling -----------------------------------------------------------

struct demangle_out {
	char *buf;
	size_t size, len;
	void add(const char *s, size_t n)
	{
		for (size_t i = 0; i < n && len + 1 < size; i++)
			buf[len++] = s[i];
		buf[len] = '\0';
	}
};

// Reads one <length><identifier>; returns the position after it, or null.
static const char *source_name(const char *p, const char **id, size_t *len)
{
	if (!isdigit(*p))
		return nullptr;
	size_t n = 0;
	while (isdigit(*p))
		n = n * 10 + (*p++ - '0');
	if (strnlen(p, n) < n)
		return nullptr;
	*id = p;
	*len = n;
	return p + n;
}

// <nested-name> ::= N [K|V|r]* <component>+ E, components being names,
// constructors (C1..), destructors (D0..) or "St" (std::). Anything else
// (templates, substitutions) ends the parse: what we have so far is shown.
static const char *nested_name(const char *p, demangle_out &out)
{
	const char *last = nullptr;
	size_t last_len = 0;
	while (*p == 'K' || *p == 'V' || *p == 'r')
		p++;
	if (p[0] == 'S' && p[1] == 't') {
		out.add("std", 3);
		p += 2;
		last = "";
	}
	while (*p && *p != 'E') {
		const char *id;
		size_t len;
		if (*p == 'C' || *p == 'D') {
			if (last && out.len)
				out.add("::", 2);
			if (*p == 'D')
				out.add("~", 1);
			out.add(last ? last : "", last_len);
			p += 2;
			continue;
		}
		const char *next = source_name(p, &id, &len);
		if (!next)
			return nullptr;
		bool anon = len >= 10 && !strncmp(id, "_GLOBAL__N", 10);
		if (!anon) {
			if (out.len)
				out.add("::", 2);
			out.add(id, len);
			last = id;
			last_len = len;
		}
		p = next;
	}
	return *p == 'E' ? p + 1 : nullptr;
}

void kallsyms_demangle(const char *m, char *buf, size_t size)
{
	demangle_out out{buf, size, 0};
	buf[0] = '\0';
	if (strncmp(m, "_Z", 2) != 0) {
		out.add(m, strlen(m));
		return;
	}
	const char *p = m + 2, *id, *end;
	size_t len;
	if (*p == 'L')
		p++;
	if (*p == 'N') {
		end = nested_name(p + 1, out);
	} else if ((end = source_name(p, &id, &len))) {
		out.add(id, len);
	}
	if (!out.len) { // not understood: show the mangled name
		out.add(m, strlen(m));
		return;
	}
	// GCC clones keep their suffix (".part.0", ".constprop.0"), as in Linux.
	const char *dot = strchr(end ? end : p, '.');
	if (dot)
		out.add(dot, strlen(dot));
}
