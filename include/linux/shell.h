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
extern char shell_gdb_line[SHELL_LINE]; // for gdb's mm-shell (tools/gdb/mmlab.py)

[[noreturn]] void shell_main(void);

// Shared by the command files (kernel/shell.cpp, kernel/shell_mm.cpp).
// A number in decimal, or hex with 0x, with an optional K/M/G suffix.
bool parse_number(const char *s, unsigned long *out);
// The one number argument of "cmd N"; says how to use cmd if it is missing or bad.
bool number_arg(int argc, char **argv, const char *usage, unsigned long *out);
struct pgwalk;
bool pgwalk_current(unsigned long va, struct pgwalk *w); // the CPU's current page directory
bool cmd_alloc(int argc, char **argv);
bool cmd_free(int argc, char **argv);
bool cmd_kmalloc(int argc, char **argv);
bool cmd_kfree(int argc, char **argv);
bool cmd_vmalloc(int argc, char **argv);
bool cmd_vfree(int argc, char **argv);
bool cmd_cache(int argc, char **argv);
bool cmd_kmap(int argc, char **argv);
bool cmd_kunmap(int argc, char **argv);
bool cmd_release(int argc, char **argv);
