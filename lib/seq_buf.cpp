// Bounded text buffers (Linux: lib/seq_buf.c).
#include <linux/kernel.h>
#include <linux/seq_buf.h>
#include <linux/sprintf.h>
#include <linux/string.h>

int seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
{
	if (s->overflow || s->len + 1 >= s->size) {
		s->overflow = true;
		return -1;
	}
	va_list args;
	va_start(args, fmt);
	int n = vsnprintf(s->buffer + s->len, s->size - s->len, fmt, args);
	va_end(args);
	if (s->len + n >= s->size) { // cut: keep what fit, NUL-terminated
		s->len = s->size - 1;
		s->overflow = true;
		return -1;
	}
	s->len += n;
	return 0;
}

void seq_buf_print_lines(const struct seq_buf *s)
{
	const char *p = s->buffer, *end = s->buffer + s->len;
	while (p < end) {
		const char *nl = (const char *)memchr(p, '\n', end - p);
		int n = nl ? (int)(nl - p) : (int)(end - p);
		pr_info("%.*s\n", n, p);
		p += n + 1;
	}
}
