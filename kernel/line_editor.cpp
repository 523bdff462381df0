// The shell's line editor (kernel/shell.cpp uses it): bytes in, echo out,
// a finished line when Enter comes. No UART here, so host tests drive it.
#include <linux/shell.h>
#include <linux/sprintf.h>
#include <linux/string.h>

void line_editor_init(struct line_editor *ed) { memset(ed, 0, sizeof(*ed)); }

static void history_recall(struct line_editor *ed, int dir, const char **echo_erase)
{
	int want = ed->hist_pos + dir;
	if (want < 0 || want > ed->hist_len)
		return;
	*echo_erase = ed->line;
	ed->hist_pos = want;
	if (want == ed->hist_len)
		ed->line[0] = '\0';
	else
		strlcpy(ed->line, ed->hist[(ed->hist_head + want) % SHELL_HISTORY], SHELL_LINE);
	ed->len = strlen(ed->line);
}

static void history_add(struct line_editor *ed)
{
	if (!ed->len)
		return;
	if (ed->hist_len == SHELL_HISTORY) // forget the oldest
		ed->hist_head = (ed->hist_head + 1) % SHELL_HISTORY;
	else
		ed->hist_len++;
	strlcpy(ed->hist[(ed->hist_head + ed->hist_len - 1) % SHELL_HISTORY], ed->line, SHELL_LINE);
}

// Feeds one received byte; writes what to echo into out (may be empty).
// Returns true when a whole line is ready in ed->line.
bool line_editor_feed(struct line_editor *ed, char c, char *out, size_t out_size)
{
	out[0] = '\0';
	if (ed->esc == 1) { // ESC [ A / B: history
		ed->esc = c == '[' ? 2 : 0;
		return false;
	}
	if (ed->esc == 2) {
		ed->esc = 0;
		const char *old = nullptr;
		history_recall(ed, c == 'A' ? -1 : c == 'B' ? 1 : 0, &old);
		if (old) {
			size_t n = 0;
			n += snprintf(out + n, out_size - n, "\r\x1b[K> %s", ed->line);
		}
		return false;
	}
	switch (c) {
	case 0x1b: ed->esc = 1; return false;
	case '\r':
	case '\n':
		if (c == '\n' && ed->last_was_cr) { // CR LF: one end of line
			ed->last_was_cr = false;
			return false;
		}
		ed->last_was_cr = c == '\r';
		ed->line[ed->len] = '\0';
		history_add(ed);
		ed->hist_pos = ed->hist_len;
		strlcpy(out, "\r\n", out_size);
		ed->len = 0;
		return true;
	case 0x7f:
	case '\b':
		if (ed->len) {
			ed->line[--ed->len] = '\0';
			strlcpy(out, "\b \b", out_size);
		}
		break;
	case 0x15: // Ctrl-U: kill the line
		snprintf(out, out_size, "\r\x1b[K> ");
		ed->len = 0;
		ed->line[0] = '\0';
		break;
	case 0x03: // Ctrl-C: abandon the line
		snprintf(out, out_size, "^C\r\n> ");
		ed->len = 0;
		ed->line[0] = '\0';
		break;
	default:
		if (c >= ' ' && c < 0x7f && ed->len < SHELL_LINE - 1) {
			ed->line[ed->len++] = c;
			ed->line[ed->len] = '\0';
			out[0] = c;
			out[1] = '\0';
		}
	}
	ed->last_was_cr = false;
	return false;
}
