#pragma once
// The serial shell (kernel/shell.cpp): what start_kernel runs when no ktest=
// is given. The line editor (kernel/line_editor.cpp) and the parsing
// (kernel/shell_parse.cpp) are separate so host tests and the fuzzer can
// drive them without a UART.
#include <linux/types.h>

#define SHELL_LINE 128 // a line holds SHELL_LINE - 1 characters
#define SHELL_HISTORY 16
#define SHELL_MAX_ARGS 8 // words on a line, the command's name included
#define SHELL_PROMPT "> "
// Room for what one key can echo: a message and the whole line redrawn.
#define LINE_EDITOR_ECHO (2 * SHELL_LINE + 96)

struct line_editor {
	char line[SHELL_LINE];
	size_t len, pos; // characters in line, and the cursor (0..len)
	char hist[SHELL_HISTORY][SHELL_LINE];
	int hist_head, hist_len, hist_pos; // a ring of the last lines entered
	int esc;			   // where in an escape sequence (line_editor.cpp)
	unsigned int esc_param;		   // the number in ESC [ n ~
	bool last_was_cr;
	bool told_too_long, told_not_ascii; // each message once a line
};

void line_editor_init(struct line_editor *ed);
// Feeds one received byte; out gets what to echo (out_size >= 1; up to
// LINE_EDITOR_ECHO bytes are ever needed). True when ed->line holds a
// finished line.
bool line_editor_feed(struct line_editor *ed, char c, char *out, size_t out_size);

// Runs one command line; returns false for an unknown command or bad
// arguments (after saying why).
bool shell_run_line(char *line);
extern char shell_gdb_line[SHELL_LINE]; // for gdb's mm-shell (tools/gdb/mmlab.py)

[[noreturn]] void shell_main(void);

// Long commands call this in their loops: true once Ctrl-C has been typed
// during the current shell command (then they stop, give back what they
// hold and say so). Always false outside a shell command (boot ktests).
bool shell_interrupted(void);

// The process commands (kernel/shell_proc.cpp).
bool shell_cmd_run(int argc, char **argv);
bool shell_cmd_fg(int argc, char **argv);
bool shell_cmd_ps(int argc, char **argv);
bool shell_cmd_maps(int argc, char **argv);
bool shell_cmd_kill(int argc, char **argv);
void shell_reap_orphans(void);

// --- parsing (kernel/shell_parse.cpp) ----------------------------------------------------

struct shell_cmd {
	const char *name, *args, *help;
	int min_args, max_args; // words after the name
	bool (*run)(int argc, char **argv);
};

// Splits line into words in place: their number, or -E2BIG if there are
// more than max.
int shell_split(char *line, char **argv, int max);
// Splits line, finds the command, checks how many arguments it has and runs
// it; every refusal is explained.
bool shell_dispatch(const struct shell_cmd *cmds, size_t n, char *line);
// "help": the table in columns as wide as its longest entries.
void shell_help(const struct shell_cmd *cmds, size_t n);

// A number in decimal, hex with 0x or octal with 0, with an optional K/M/G
// suffix: 0, -EINVAL (not a number) or -ERANGE (negative, or past
// ULONG_MAX).
int shell_parse_ulong(const char *s, unsigned long *out);
bool parse_number(const char *s, unsigned long *out); // true when shell_parse_ulong is 0
// Argument s of cmd, called what, must be a number from min to max; false
// after saying what is wrong with it.
bool shell_arg_ulong(const char *cmd, const char *what, const char *s, unsigned long min,
		     unsigned long max, unsigned long *out);
// The one number argument of "cmd N" (from min to max); says what is wrong
// and how to use cmd if it is missing or bad.
bool number_arg(int argc, char **argv, const char *usage, unsigned long min, unsigned long max,
		unsigned long *out);

// --- the commands, shared by kernel/shell.cpp and kernel/shell_mm.cpp --------------------
struct pgwalk;
bool pgwalk_current(unsigned long va, struct pgwalk *w); // the CPU's current page directory
bool cmd_alloc(int argc, char **argv);
bool cmd_free(int argc, char **argv);
bool cmd_kmalloc(int argc, char **argv);
bool cmd_kfree(int argc, char **argv);
bool cmd_vmalloc(int argc, char **argv);
bool cmd_vfree(int argc, char **argv);
bool cmd_cache(int argc, char **argv);
bool cmd_validate(int argc, char **argv);
bool cmd_kmap(int argc, char **argv);
bool cmd_kunmap(int argc, char **argv);
bool cmd_release(int argc, char **argv);
bool cmd_page_owner(int argc, char **argv);
