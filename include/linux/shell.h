#pragma once
// The serial shell (kernel/shell.cpp): what start_kernel runs when no ktest=
// is given. The line editor and the command runner are separate so host
// tests can drive them without a UART.
#include <linux/types.h>

#define SHELL_LINE 128
#define SHELL_HISTORY 16

struct line_editor {
	char line[SHELL_LINE];
	size_t len;
	char hist[SHELL_HISTORY][SHELL_LINE];
	int hist_head, hist_len, hist_pos; // a ring of the last lines entered
	int esc;			   // inside an escape sequence: 1 after ESC, 2 after ESC [
	bool last_was_cr;
};

void line_editor_init(struct line_editor *ed);
// Feeds one received byte; out gets what to echo. True when ed->line holds
// a finished line.
bool line_editor_feed(struct line_editor *ed, char c, char *out, size_t out_size);

// Runs one command line; returns false for an unknown command or bad
// arguments (after saying why).
bool shell_run_line(char *line);

[[noreturn]] void shell_main(void);
