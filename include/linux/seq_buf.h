#pragma once
// A bounded text buffer that views print into (Linux: include/linux/seq_buf.h).
// What does not fit is dropped and remembered (seq_buf_has_overflowed).
#include <linux/compiler.h>
#include <linux/types.h>

struct seq_buf {
	char *buffer;
	size_t size;
	size_t len;
	bool overflow;
};

static inline void seq_buf_init(struct seq_buf *s, char *buf, size_t size)
{
	*s = {buf, size, 0, false};
	if (size)
		buf[0] = '\0';
}
static inline bool seq_buf_has_overflowed(const struct seq_buf *s) { return s->overflow; }
__printf(2, 3) int seq_buf_printf(struct seq_buf *s, const char *fmt, ...);
// Prints the buffer through printk, line by line, at KERN_INFO.
void seq_buf_print_lines(const struct seq_buf *s);
