/*
 * DOC: the shell's line editor (no Linux counterpart: readline's job)
 *
 * Bytes in, echo out, a finished line when Enter comes. No UART here, so
 * host tests drive it. The cursor can sit anywhere in the line: printable
 * characters go in at the cursor, Backspace and Delete take one out on
 * either side, and the echo redraws what moved, so the terminal always
 * shows what the line holds.
 *
 * Keys arrive as VT100/xterm escape sequences: ESC [ A..D (arrows),
 * ESC [ H / F and ESC O H / F (Home, End), ESC [ n ~ (1 or 7 Home, 4 or 8
 * End, 3 Delete). Any other CSI sequence (ESC [, parameters, one final
 * byte from @ to ~) is swallowed whole, so F-keys or mouse reports never
 * leave stray characters in the line. Nothing typed vanishes without a
 * word: a full line or a byte that is not ASCII rings the bell, and the
 * first one on a line also says why.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/shell.h>
#include <linux/sprintf.h>
#include <linux/string.h>

enum { ESC_NONE, ESC_START, ESC_CSI, ESC_SS3 }; // after nothing, ESC, ESC [, ESC O

void line_editor_init(struct line_editor *ed) { memset(ed, 0, sizeof(*ed)); }

// Appends to out without overflowing it (out_size >= 1, out always ends in NUL).
static void emit(char *out, size_t out_size, const char *fmt, ...)
{
	size_t n = strlen(out);
	if (n + 1 >= out_size)
		return;
	va_list args;
	va_start(args, fmt);
	vsnprintf(out + n, out_size - n, fmt, args);
	va_end(args);
}

// Moves the terminal's cursor n columns (negative: left).
static void cursor_move(char *out, size_t out_size, long n)
{
	if (n == -1)
		emit(out, out_size, "\b");
	else if (n)
		emit(out, out_size, "\x1b[%ld%c", n < 0 ? -n : n, n < 0 ? 'D' : 'C');
}

// The prompt and the whole line again, the cursor where ed->pos is.
static void redraw(struct line_editor *ed, char *out, size_t out_size)
{
	emit(out, out_size, "\r\x1b[K" SHELL_PROMPT "%s", ed->line);
	cursor_move(out, out_size, (long)ed->pos - (long)ed->len);
}

// Echo after the text from the cursor on changed: that text, blanks for
// what it lost, and back to the cursor.
static void redraw_tail(struct line_editor *ed, char *out, size_t out_size, size_t lost)
{
	emit(out, out_size, "%s%*s", ed->line + ed->pos, (int)lost, "");
	cursor_move(out, out_size, -(long)(ed->len - ed->pos + lost));
}

static void set_line(struct line_editor *ed, const char *s)
{
	strlcpy(ed->line, s, SHELL_LINE);
	ed->len = ed->pos = strlen(ed->line);
}

// Up (dir -1) and down (+1) through the ring of lines entered.
static void history_recall(struct line_editor *ed, int dir, char *out, size_t out_size)
{
	int want = ed->hist_pos + dir;
	if (want < 0 || want > ed->hist_len) {
		emit(out, out_size, "\a"); // nothing older, or nothing newer
		return;
	}
	ed->hist_pos = want;
	set_line(ed, want == ed->hist_len ? "" : ed->hist[(ed->hist_head + want) % SHELL_HISTORY]);
	redraw(ed, out, out_size);
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

static void move_to(struct line_editor *ed, size_t pos, char *out, size_t out_size)
{
	cursor_move(out, out_size, (long)pos - (long)ed->pos);
	ed->pos = pos;
}

static void insert_char(struct line_editor *ed, char c, char *out, size_t out_size)
{
	if (ed->len == SHELL_LINE - 1) {
		emit(out, out_size, "\a");
		if (!ed->told_too_long) {
			ed->told_too_long = true;
			emit(out, out_size, "\r\nline too long (max %d characters)\r\n",
			     SHELL_LINE - 1);
			redraw(ed, out, out_size);
		}
		return;
	}
	memmove(ed->line + ed->pos + 1, ed->line + ed->pos, ed->len - ed->pos + 1);
	ed->line[ed->pos] = c;
	ed->len++;
	emit(out, out_size, "%c", c);
	ed->pos++;
	redraw_tail(ed, out, out_size, 0);
}

// Takes out the character at ed->pos (Delete), or before it (Backspace).
static void delete_char(struct line_editor *ed, bool before, char *out, size_t out_size)
{
	if (before ? !ed->pos : ed->pos == ed->len) {
		emit(out, out_size, "\a");
		return;
	}
	if (before) {
		ed->pos--;
		emit(out, out_size, "\b");
	}
	memmove(ed->line + ed->pos, ed->line + ed->pos + 1, ed->len - ed->pos);
	ed->len--;
	redraw_tail(ed, out, out_size, 1);
}

static void not_ascii(struct line_editor *ed, unsigned char c, char *out, size_t out_size)
{
	emit(out, out_size, "\a");
	if (ed->told_not_ascii)
		return;
	ed->told_not_ascii = true;
	emit(out, out_size, "\r\nbyte 0x%02x ignored: the shell takes printable ASCII only\r\n", c);
	redraw(ed, out, out_size);
}

// The key an escape sequence ended with: final byte c, after ESC [ or ESC O.
static void escape_key(struct line_editor *ed, char c, char *out, size_t out_size)
{
	unsigned int n = ed->esc == ESC_CSI ? ed->esc_param : 0;
	if (c == '~')
		c = n == 1 || n == 7 ? 'H' : n == 4 || n == 8 ? 'F' : n == 3 ? 'd' : 0;
	else if (n > 1) // ESC [ 5 A and such: modifiers we do not handle
		c = 0;
	switch (c) {
	case 'A': history_recall(ed, -1, out, out_size); break;
	case 'B': history_recall(ed, 1, out, out_size); break;
	case 'C': move_to(ed, ed->pos < ed->len ? ed->pos + 1 : ed->pos, out, out_size); break;
	case 'D': move_to(ed, ed->pos ? ed->pos - 1 : 0, out, out_size); break;
	case 'H': move_to(ed, 0, out, out_size); break;
	case 'F': move_to(ed, ed->len, out, out_size); break;
	case 'd': delete_char(ed, false, out, out_size); break;
	default: break; // a sequence we do not know: swallowed whole
	}
}

// One byte inside an escape sequence; false when it ended the sequence
// without being part of it (it is then handled as a key of its own).
static bool escape_feed(struct line_editor *ed, char c, char *out, size_t out_size)
{
	if (ed->esc == ESC_START) {
		ed->esc_param = 0;
		if (c == '[' || c == 'O') {
			ed->esc = c == '[' ? ESC_CSI : ESC_SS3;
			return true;
		}
		if (c == 0x1b) // ESC ESC: the second one starts the sequence
			return true;
		ed->esc = ESC_NONE;
		if ((unsigned char)c < ' ') // ESC then Enter, Ctrl-C...: the key counts
			return false;
		emit(out, out_size, "\a"); // Alt-x and the like: no meaning here
		return true;
	}
	if (isdigit(c) && ed->esc == ESC_CSI) {
		ed->esc_param =
		    ed->esc_param < 1000 ? ed->esc_param * 10 + (c - '0') : ed->esc_param;
		return true;
	}
	if (ed->esc == ESC_CSI && c >= 0x20 && c <= 0x3f) // ';', '?', intermediates
		return true;
	if (c >= 0x40 && c <= 0x7e) { // the final byte
		escape_key(ed, c, out, out_size);
		ed->esc = ESC_NONE;
		return true;
	}
	ed->esc = ESC_NONE; // a broken sequence: what broke it is a key
	return false;
}

static bool end_of_line(struct line_editor *ed, char c, char *out, size_t out_size)
{
	if (c == '\n' && ed->last_was_cr) { // CR LF: one end of line
		ed->last_was_cr = false;
		return false;
	}
	ed->last_was_cr = c == '\r';
	history_add(ed);
	ed->hist_pos = ed->hist_len;
	emit(out, out_size, "\r\n");
	ed->len = ed->pos = 0;
	ed->told_too_long = ed->told_not_ascii = false;
	return true; // ed->line stays as typed until the next key
}

static void clear_line(struct line_editor *ed)
{
	ed->len = ed->pos = 0;
	ed->line[0] = '\0';
	ed->told_too_long = ed->told_not_ascii = false;
}

// Feeds one received byte; writes what to echo into out (may be empty).
// Returns true when a whole line is ready in ed->line.
bool line_editor_feed(struct line_editor *ed, char ch, char *out, size_t out_size)
{
	unsigned char c = (unsigned char)ch;
	out[0] = '\0';
	ed->len = min<size_t>(ed->len, SHELL_LINE - 1);
	ed->pos = min(ed->pos, ed->len);
	ed->line[ed->len] = '\0'; // a finished line stays in ed->line until the next key
	if (ed->esc != ESC_NONE && escape_feed(ed, (char)c, out, out_size)) {
		ed->last_was_cr = false;
		return false;
	}
	if (c == '\r' || c == '\n')
		return end_of_line(ed, (char)c, out, out_size);
	ed->last_was_cr = false;
	switch (c) {
	case 0x1b: ed->esc = ESC_START; break;
	case 0x7f:
	case '\b': delete_char(ed, true, out, out_size); break;
	case 0x01: move_to(ed, 0, out, out_size); break;       // Ctrl-A, as readline
	case 0x05: move_to(ed, ed->len, out, out_size); break; // Ctrl-E
	case 0x15:					       // Ctrl-U: kill the line
		clear_line(ed);
		redraw(ed, out, out_size);
		break;
	case 0x03: // Ctrl-C: abandon the line
		clear_line(ed);
		emit(out, out_size, "^C\r\n" SHELL_PROMPT);
		break;
	default:
		if (isprint(c))
			insert_char(ed, (char)c, out, out_size);
		else if (c >= 0x80)
			not_ascii(ed, c, out, out_size);
		else
			emit(out, out_size, "\a"); // a control key with no meaning here
	}
	return false;
}
