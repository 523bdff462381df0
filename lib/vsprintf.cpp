/*
 * DOC: vsnprintf with the kernel's rules (Linux: lib/vsprintf.c)
 *
 * Students compare our log with Linux's character by character, so the
 * corner cases follow Linux, not the C library:
 *   - "%#x" of 0 is "0x0" (glibc: "0"); "%#010x" of 0 is "0x00000000";
 *     the field width counts the "0x".
 *   - %p prints the real address as 8 (16 on a 64-bit host) hex digits;
 *     %px likewise; %pK too (we never hide addresses from students).
 *   - %pS "func+0x1c/0x90", %ps "func", %pB as %pS (kallsyms).
 *   - %pa prints a phys_addr_t passed by reference as "0x" + 8 digits.
 *   - %ph prints a buffer as hex bytes, the field width giving the count
 *     (up to 64); %phN without separators, %phC with colons.
 *   - %pV prints a struct va_format (a nested format and its arguments).
 */
#include <linux/ctype.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <linux/string.h>

namespace
{

enum : u8 {
	ZEROPAD = 1,  // pad with zeros
	SIGN = 2,     // signed conversion
	PLUS = 4,     // show plus
	SPACE = 8,    // space if plus
	LEFT = 16,    // left justified
	SMALL = 32,   // lowercase hex
	SPECIAL = 64, // 0x / 0 prefix
};

struct printf_spec {
	u8 flags = 0;
	u8 base = 10;
	int field_width = -1;
	int precision = -1;
};

// Output cursor: counts past the end so the caller learns the full length.
struct outbuf {
	char *buf;
	size_t size;
	size_t len;
	void put(char c)
	{
		if (len < size)
			buf[len] = c;
		len++;
	}
	void pad(char c, int n)
	{
		while (n-- > 0)
			put(c);
	}
};

const char hex_asc_upper[] = "0123456789ABCDEF";

void number(outbuf &ob, unsigned long long num, printf_spec spec)
{
	char tmp[24];
	char sign = 0;
	char locase = (spec.flags & SMALL) ? 0x20 : 0;
	int width = spec.field_width, precision = spec.precision;
	bool need_pfx = (spec.flags & SPECIAL) && spec.base != 10;
	bool is_zero = num == 0;

	if (spec.flags & LEFT)
		spec.flags &= ~ZEROPAD;
	if (spec.flags & SIGN) {
		if ((long long)num < 0) {
			sign = '-';
			num = -(long long)num;
		} else if (spec.flags & PLUS) {
			sign = '+';
		} else if (spec.flags & SPACE) {
			sign = ' ';
		}
	}
	if (sign)
		width--;
	if (need_pfx)
		width -= spec.base == 16 ? 2 : 1;

	int i = 0;
	do {
		tmp[i++] = hex_asc_upper[num % spec.base] | locase;
		num /= spec.base;
	} while (num);
	if (i > precision)
		precision = i;
	width -= precision;

	if (!(spec.flags & (ZEROPAD | LEFT)))
		ob.pad(' ', width), width = 0;
	if (sign)
		ob.put(sign);
	if (need_pfx) { // Linux: "0x" even for zero, "0" for octal unless zero
		if (spec.base == 16 || !is_zero)
			ob.put('0');
		if (spec.base == 16)
			ob.put('X' | locase);
	}
	if (!(spec.flags & LEFT))
		ob.pad((spec.flags & ZEROPAD) ? '0' : ' ', width), width = 0;
	ob.pad('0', precision - i);
	while (--i >= 0)
		ob.put(tmp[i]);
	ob.pad(' ', width);
}

void string(outbuf &ob, const char *s, printf_spec spec)
{
	if (!s)
		s = "(null)";
	int len = (int)strnlen(s, spec.precision < 0 ? ~0u >> 1 : (size_t)spec.precision);
	if (!(spec.flags & LEFT))
		ob.pad(' ', spec.field_width - len);
	for (int i = 0; i < len; i++)
		ob.put(s[i]);
	if (spec.flags & LEFT)
		ob.pad(' ', spec.field_width - len);
}

void pointer_address(outbuf &ob, unsigned long addr, printf_spec spec)
{
	if (spec.field_width < 0) {
		spec.field_width = 2 * sizeof(void *);
		spec.flags |= ZEROPAD;
	}
	spec.base = 16;
	spec.flags |= SMALL;
	number(ob, addr, spec);
}

void hex_string(outbuf &ob, const u8 *addr, char sep_kind, printf_spec spec)
{
	char sep = sep_kind == 'C' ? ':' : sep_kind == 'N' ? 0 : ' ';
	int len = spec.field_width < 0 ? 1 : min(spec.field_width, 64);
	for (int i = 0; i < len; i++) {
		ob.put(hex_asc_upper[addr[i] >> 4] | 0x20);
		ob.put(hex_asc_upper[addr[i] & 15] | 0x20);
		if (sep && i + 1 < len)
			ob.put(sep);
	}
}

void symbol(outbuf &ob, unsigned long addr, char kind, printf_spec spec)
{
	char sym[KSYM_SYMBOL_LEN];
	if (kind == 's')
		sprint_symbol_no_offset(sym, addr);
	else if (kind == 'B')
		sprint_backtrace(sym, addr);
	else
		sprint_symbol(sym, addr);
	string(ob, sym, spec);
}

void va_format_out(outbuf &ob, const struct va_format *vaf)
{
	va_list va;
	va_copy(va, *vaf->va);
	// The nested call's NUL lands where our next character or our own NUL goes.
	size_t room = ob.len < ob.size ? ob.size - ob.len : 0;
	int n = vsnprintf(room ? ob.buf + ob.len : nullptr, room, vaf->fmt, va);
	va_end(va);
	ob.len += n;
}

// Handles %p and its extensions; returns how many letters after 'p' it used.
int pointer(outbuf &ob, const char *fmt, void *ptr, printf_spec spec)
{
	switch (*fmt) {
	case 'S':
	case 's':
	case 'B': symbol(ob, (unsigned long)ptr, *fmt, spec); return 1;
	case 'a': {
		printf_spec s = spec;
		s.flags |= SPECIAL | SMALL | ZEROPAD;
		s.base = 16;
		s.field_width = sizeof(phys_addr_t) * 2 + 2;
		number(ob, ptr ? *(const phys_addr_t *)ptr : 0, s);
		return fmt[1] == 'p' ? 2 : 1; // %pap is %pa
	}
	case 'h':
		hex_string(ob, (const u8 *)ptr, fmt[1], spec);
		return (fmt[1] == 'C' || fmt[1] == 'D' || fmt[1] == 'N') ? 2 : 1;
	case 'V': va_format_out(ob, (const struct va_format *)ptr); return 1;
	case 'x':
	case 'K': pointer_address(ob, (unsigned long)ptr, spec); return 1;
	default: pointer_address(ob, (unsigned long)ptr, spec); return 0;
	}
}

// Parses flags, width and precision after '%'; returns the next character.
const char *parse_spec(const char *fmt, printf_spec &spec, va_list *ap)
{
	for (;; fmt++) {
		switch (*fmt) {
		case '-': spec.flags |= LEFT; continue;
		case '+': spec.flags |= PLUS; continue;
		case ' ': spec.flags |= SPACE; continue;
		case '#': spec.flags |= SPECIAL; continue;
		case '0': spec.flags |= ZEROPAD; continue;
		}
		break;
	}
	if (*fmt == '*') {
		spec.field_width = va_arg(*ap, int);
		if (spec.field_width < 0) {
			spec.field_width = -spec.field_width;
			spec.flags |= LEFT;
		}
		fmt++;
	} else if (isdigit(*fmt)) {
		spec.field_width = 0;
		while (isdigit(*fmt))
			spec.field_width = spec.field_width * 10 + (*fmt++ - '0');
	}
	if (*fmt == '.') {
		fmt++;
		spec.precision = 0;
		if (*fmt == '*') {
			spec.precision = max(va_arg(*ap, int), 0);
			fmt++;
		} else {
			while (isdigit(*fmt))
				spec.precision = spec.precision * 10 + (*fmt++ - '0');
		}
	}
	return fmt;
}

// Reads an integer argument of the size the qualifier names.
unsigned long long int_arg(char qual, bool is_signed, va_list *ap)
{
	switch (qual) {
	case 'L':
	case 'q': return va_arg(*ap, unsigned long long);
	case 'l':
	case 'z':
	case 't':
		return is_signed ? (unsigned long long)va_arg(*ap, long)
				 : va_arg(*ap, unsigned long);
	case 'j': return va_arg(*ap, unsigned long long);
	case 'H':
		return is_signed ? (unsigned long long)(signed char)va_arg(*ap, int)
				 : (unsigned char)va_arg(*ap, unsigned int);
	case 'h':
		return is_signed ? (unsigned long long)(short)va_arg(*ap, int)
				 : (unsigned short)va_arg(*ap, unsigned int);
	default:
		return is_signed ? (unsigned long long)va_arg(*ap, int) : va_arg(*ap, unsigned int);
	}
}

const char *parse_qualifier(const char *fmt, char *qual)
{
	*qual = 0;
	if (*fmt == 'h' || *fmt == 'l' || *fmt == 'L' || *fmt == 'z' || *fmt == 'Z' ||
	    *fmt == 't' || *fmt == 'j' || *fmt == 'q') {
		*qual = *fmt == 'Z' ? 'z' : *fmt;
		fmt++;
		if (*qual == 'l' && *fmt == 'l') {
			*qual = 'L';
			fmt++;
		} else if (*qual == 'h' && *fmt == 'h') {
			*qual = 'H';
			fmt++;
		}
	}
	return fmt;
}

} // namespace

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	va_list ap;
	va_copy(ap, args);
	outbuf ob{buf, buf ? size : 0, 0};

	while (*fmt) {
		if (*fmt != '%') {
			ob.put(*fmt++);
			continue;
		}
		printf_spec spec;
		char qual;
		fmt = parse_qualifier(parse_spec(fmt + 1, spec, &ap), &qual);
		switch (char c = *fmt++) {
		case 'c':
			if (!(spec.flags & LEFT))
				ob.pad(' ', spec.field_width - 1);
			ob.put((char)va_arg(ap, int));
			if (spec.flags & LEFT)
				ob.pad(' ', spec.field_width - 1);
			break;
		case 's': string(ob, va_arg(ap, const char *), spec); break;
		case 'p': fmt += pointer(ob, fmt, va_arg(ap, void *), spec); break;
		case '%': ob.put('%'); break;
		case 'd':
		case 'i':
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			bool is_signed = c == 'd' || c == 'i';
			spec.base = c == 'o' ? 8 : (c == 'x' || c == 'X') ? 16 : 10;
			if (c == 'x')
				spec.flags |= SMALL;
			if (is_signed)
				spec.flags |= SIGN;
			number(ob, int_arg(qual, is_signed, &ap), spec);
			break;
		}
		case '\0':
			fmt--; // a lone '%' at the end: print nothing for it
			break;
		default: // unknown conversion: show it rather than guess
			ob.put('%');
			ob.put(c);
			break;
		}
	}
	va_end(ap);
	if (buf && size)
		buf[min(ob.len, size - 1)] = '\0';
	return (int)ob.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	int n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = vsnprintf(buf, size, fmt, args);
	if (n < (int)size)
		return n;
	return size ? (int)size - 1 : 0;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	int n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	int n = vsnprintf(buf, INT_MAX, fmt, args);
	va_end(args);
	return n;
}
