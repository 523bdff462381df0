#pragma once
// ASCII classification (Linux: include/linux/ctype.h).
static inline bool isdigit(int c) { return c >= '0' && c <= '9'; }
static inline bool isxdigit(int c)
{
	return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static inline bool isspace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline bool isprint(int c) { return c >= 0x20 && c < 0x7f; }
static inline bool isalpha(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static inline int tolower(int c) { return (c >= 'A' && c <= 'Z') ? c | 0x20 : c; }
