#pragma once
// The kernel's printf family (Linux: lib/vsprintf.c, include/linux/sprintf.h).
// Formats follow Linux, not glibc: "%#x" of 0 is "0x0", %p prints the real
// address, and %pS, %pa, %ph, %pV are the kernel's pointer extensions.
#include <linux/compiler.h>
#include <linux/types.h>

#ifdef MMLAB_HOST
// Host tests link the C library, which owns these names.
#define vsnprintf mmlab_vsnprintf
#define snprintf mmlab_snprintf
#define vscnprintf mmlab_vscnprintf
#define scnprintf mmlab_scnprintf
#define sprintf mmlab_sprintf
#endif

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(2, 3) int sprintf(char *buf, const char *fmt, ...);

// Argument of %pV: a format and its arguments, printed inside another format.
struct va_format {
	const char *fmt;
	va_list *va;
};
