#pragma once
/*
 * The terminal line discipline (Linux: drivers/tty/n_tty.c,
 * include/uapi/asm-generic/termbits.h).
 *
 * Typed bytes go through n_tty_receive_char() into a read buffer, shaped
 * by the termios a program set with TCSETS: in canonical mode (ICANON)
 * they are edited as a line (erase, kill, word erase) and become readable
 * only when Enter or Ctrl-D ends the line; in raw mode each byte is
 * readable at once. ECHO sends them back to the screen, ISIG turns Ctrl-C,
 * Ctrl-\ and Ctrl-Z into signals. Pure logic: the console driver gives it
 * bytes and an echo function, so the host tests run it as it is.
 */
#include <linux/types.h>

// The i386 layout of Linux's struct termios (TCGETS/TCSETS).
struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[19];
};

// c_cc indexes
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSUSP 10
#define VEOL 11
#define VWERASE 14
#define VLNEXT 15
// c_iflag
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
// c_oflag
#define OPOST 0000001
#define ONLCR 0000004
// c_lflag
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHONL 0000100
#define NOFLSH 0000200
#define ECHOCTL 0001000
#define ECHOKE 0004000
#define IEXTEN 0100000

// What Linux's tty_std_termios gives a serial console.
extern const struct termios tty_std_termios;

#define N_TTY_BUF_SIZE 4096
#define N_TTY_LINE_MAX 255 // a canonical line's bytes before the newline

struct n_tty_data {
	struct termios termios;
	void (*echo)(char c); // where echoes go (the console's output)
	// Readable bytes, free-running indexes: [read_tail, read_head).
	char rbuf[N_TTY_BUF_SIZE];
	u8 rflags[N_TTY_BUF_SIZE]; // N_TTY_DELIM: ends a canonical line
	unsigned int read_head, read_tail;
	unsigned int canon_lines; // delimiters in rbuf
	// The canonical line being edited.
	char line[N_TTY_LINE_MAX + 1];
	unsigned int line_len;
	bool lnext; // the last byte was VLNEXT: take the next one as it is
};

#define N_TTY_DELIM 1 // the byte ends a line
#define N_TTY_EOF 2   // ...and is Ctrl-D, not given to the reader

void n_tty_open(struct n_tty_data *ldata, void (*echo)(char));
// One byte typed: the signal ISIG makes of it (SIGINT...), or 0.
int n_tty_receive_char(struct n_tty_data *ldata, unsigned char c);
// Bytes a read may take now: in canonical mode only finished lines count.
unsigned int n_tty_readable(const struct n_tty_data *ldata);
// Copies up to count readable bytes to dst (a kernel buffer); a canonical
// read stops after one line. *eof: the read met Ctrl-D on an empty line.
unsigned int n_tty_copy(struct n_tty_data *ldata, char *dst, unsigned int count, bool *eof);
// A new termios (TCSETS): switching out of canonical mode makes the
// half-edited line readable, as Linux's n_tty_set_termios does.
void n_tty_set_termios(struct n_tty_data *ldata, const struct termios *t);
// Drops what was typed and not read (TCSETSF, TCFLSH, a signal's flush).
void n_tty_flush(struct n_tty_data *ldata);
