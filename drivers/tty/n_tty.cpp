/*
 * DOC: the line discipline (Linux: drivers/tty/n_tty.c)
 *
 * A terminal in canonical mode (the default, and what `cat` reads) hands
 * out whole lines: bytes wait in ldata->line while they can still be
 * rubbed out, and move to the read buffer when Enter ends the line. A
 * program that edits lines itself (busybox's sh, vi) clears ICANON and
 * ECHO with TCSETS and gets every byte at once, echoing what it likes.
 *
 * Differs from Linux: the half-edited line is a buffer of its own (Linux
 * keeps it in the read buffer behind canon_head); no VEOL2, VREPRINT,
 * IXON flow control, IUCLC/OLCUC or tab expansion.
 */
#include <linux/n_tty.h>
#include <linux/signal.h>
#include <linux/string.h>

const struct termios tty_std_termios = {
    ICRNL | 0002000 /* IXON */,
    OPOST | ONLCR,
    0000017 /* B38400 */ | 0000060 /* CS8 */ | 0000200 /* CREAD */ | 0002000 /* HUPCL */,
    ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    0,
    {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0}};

void n_tty_open(struct n_tty_data *ldata, void (*echo)(char))
{
	memset(ldata, 0, sizeof(*ldata));
	ldata->termios = tty_std_termios;
	ldata->echo = echo;
}

static bool L(const struct n_tty_data *ldata, u32 flag) { return ldata->termios.c_lflag & flag; }

static unsigned int rbuf_used(const struct n_tty_data *ldata)
{
	return ldata->read_head - ldata->read_tail;
}

static void put_read_buf(struct n_tty_data *ldata, char c, u8 flags)
{
	if (rbuf_used(ldata) == N_TTY_BUF_SIZE)
		return; // full: the byte is lost, as on Linux
	unsigned int i = ldata->read_head++ % N_TTY_BUF_SIZE;
	ldata->rbuf[i] = c;
	ldata->rflags[i] = flags;
	if (flags & N_TTY_DELIM)
		ldata->canon_lines++;
}

// Echoes c as the terminal shows it: a control byte as ^X under ECHOCTL.
static void echo_char(struct n_tty_data *ldata, unsigned char c)
{
	if (!L(ldata, ECHO))
		return;
	if (c < 0x20 && c != '\n' && c != '\t' && L(ldata, ECHOCTL)) {
		ldata->echo('^');
		ldata->echo((char)(c + 0x40));
		return;
	}
	ldata->echo((char)c);
}

// Rubs out the last byte of the line being edited (Linux: eraser).
static void erase_one(struct n_tty_data *ldata)
{
	if (!ldata->line_len)
		return;
	unsigned char c = (unsigned char)ldata->line[--ldata->line_len];
	if (!L(ldata, ECHO) || !L(ldata, ECHOE))
		return;
	int width = c < 0x20 && c != '\t' && L(ldata, ECHOCTL) ? 2 : 1;
	while (width--) {
		ldata->echo('\b');
		ldata->echo(' ');
		ldata->echo('\b');
	}
}

// VWERASE: the spaces before the cursor, then the word before them.
static void erase_word(struct n_tty_data *ldata)
{
	while (ldata->line_len && ldata->line[ldata->line_len - 1] == ' ')
		erase_one(ldata);
	while (ldata->line_len && ldata->line[ldata->line_len - 1] != ' ')
		erase_one(ldata);
}

// The line is done: into the read buffer, the last byte a delimiter.
static void end_line(struct n_tty_data *ldata, char c, bool eof)
{
	for (unsigned int i = 0; i < ldata->line_len; i++)
		put_read_buf(ldata, ldata->line[i], 0);
	ldata->line_len = 0;
	put_read_buf(ldata, c, N_TTY_DELIM | (eof ? N_TTY_EOF : 0));
}

// ISIG (Linux: n_tty_receive_signal_char): the echo, then the flush
// NOFLSH does not forbid.
static int signal_char(struct n_tty_data *ldata, unsigned char c)
{
	const u8 *cc = ldata->termios.c_cc;
	int sig = c == cc[VINTR] ? SIGINT : c == cc[VQUIT] ? SIGQUIT : SIGTSTP;
	if (!L(ldata, NOFLSH))
		n_tty_flush(ldata);
	echo_char(ldata, c);
	return sig;
}

static void receive_canon(struct n_tty_data *ldata, unsigned char c)
{
	const u8 *cc = ldata->termios.c_cc;
	if (c == cc[VERASE] || (c == '\b' && cc[VERASE] == 127)) {
		erase_one(ldata);
	} else if (c == cc[VKILL]) {
		while (ldata->line_len)
			erase_one(ldata);
	} else if (c == cc[VWERASE] && L(ldata, IEXTEN)) {
		erase_word(ldata);
	} else if (c == cc[VEOF]) {
		end_line(ldata, (char)c, true);
	} else if (c == '\n' || (c == cc[VEOL] && c)) {
		if (L(ldata, ECHO) || L(ldata, ECHONL))
			ldata->echo('\n');
		end_line(ldata, (char)c, false);
	} else if (ldata->line_len < N_TTY_LINE_MAX) {
		ldata->line[ldata->line_len++] = (char)c;
		echo_char(ldata, c);
	}
}

int n_tty_receive_char(struct n_tty_data *ldata, unsigned char c)
{
	const struct termios *t = &ldata->termios;
	bool literal = ldata->lnext;
	ldata->lnext = false;
	if (!literal) {
		if (c == '\r') {
			if (t->c_iflag & IGNCR)
				return 0;
			if (t->c_iflag & ICRNL)
				c = '\n';
		} else if (c == '\n' && (t->c_iflag & INLCR)) {
			c = '\r';
		}
		if (L(ldata, ISIG) &&
		    (c == t->c_cc[VINTR] || c == t->c_cc[VQUIT] || c == t->c_cc[VSUSP]) && c)
			return signal_char(ldata, c);
		if (L(ldata, ICANON) && L(ldata, IEXTEN) && c == t->c_cc[VLNEXT] && c) {
			ldata->lnext = true;
			return 0;
		}
	}
	if (!L(ldata, ICANON)) {
		put_read_buf(ldata, (char)c, 0);
		echo_char(ldata, c);
	} else if (literal && ldata->line_len < N_TTY_LINE_MAX) {
		ldata->line[ldata->line_len++] = (char)c;
		echo_char(ldata, c);
	} else if (!literal) {
		receive_canon(ldata, c);
	}
	return 0;
}

unsigned int n_tty_readable(const struct n_tty_data *ldata)
{
	if (!L(ldata, ICANON))
		return rbuf_used(ldata);
	return ldata->canon_lines ? rbuf_used(ldata) : 0;
}

unsigned int n_tty_copy(struct n_tty_data *ldata, char *dst, unsigned int count, bool *eof)
{
	*eof = false;
	bool canon = L(ldata, ICANON);
	unsigned int n = 0;
	while (n < count && rbuf_used(ldata)) {
		if (canon && !ldata->canon_lines)
			break;
		unsigned int i = ldata->read_tail % N_TTY_BUF_SIZE;
		u8 flags = ldata->rflags[i];
		if (flags & N_TTY_EOF) { // Ctrl-D: ends the read, given to nobody
			ldata->read_tail++;
			ldata->canon_lines--;
			*eof = !n;
			break;
		}
		dst[n++] = ldata->rbuf[i];
		ldata->read_tail++;
		if (flags & N_TTY_DELIM) {
			ldata->canon_lines--;
			if (canon)
				break;
		}
	}
	return n;
}

void n_tty_set_termios(struct n_tty_data *ldata, const struct termios *t)
{
	bool was_canon = L(ldata, ICANON);
	ldata->termios = *t;
	if (was_canon && !L(ldata, ICANON)) {
		for (unsigned int i = 0; i < ldata->line_len; i++)
			put_read_buf(ldata, ldata->line[i], 0);
		ldata->line_len = 0;
	}
}

void n_tty_flush(struct n_tty_data *ldata)
{
	ldata->read_tail = ldata->read_head;
	ldata->canon_lines = 0;
	ldata->line_len = 0;
	ldata->lnext = false;
}
