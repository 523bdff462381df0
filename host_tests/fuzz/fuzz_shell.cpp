// libFuzzer target: arbitrary bytes typed at the shell. Every byte goes
// through the line editor (with an echo buffer whose size the input picks);
// every finished line through the shell's parsing and a command table whose
// commands use the real argument checks; every word through the number
// parser, against a reference. A crash, a sanitizer report, a broken
// invariant (abort), an echo that overruns its buffer, or a refusal with no
// message is a bug.
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "../mock/host_support.h"

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/shell.h>

namespace
{

// The number syntax, said again independently (and with the C library's
// <cctype>, not <linux/ctype.h>): decimal, 0x hex (needs a hex digit after
// the x), 0 octal, one K/M/G/T/P/E suffix, an optional '-' that only 0
// survives; -ERANGE for anything past 64 bits or ULONG_MAX.
int reference_parse(const char *s, unsigned long *out)
{
	bool neg = *s == '-';
	const char *p = s + neg;
	unsigned base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && std::isxdigit((unsigned char)p[2]))
		base = 16, p += 2;
	else if (p[0] == '0')
		base = 8;
	unsigned __int128 v = 0;
	bool big = false;
	int n = 0;
	for (;; p++, n++) {
		int c = (unsigned char)*p;
		int d = std::isdigit(c) ? c - '0' : 99;
		if (std::isalpha(c))
			d = std::tolower(c) - 'a' + 10;
		if (d >= (int)base)
			break;
		v = v * base + d;
		big |= v >> 64 != 0;
		if (big)
			v = 0;
	}
	if (big)
		return -ERANGE;
	if (!n)
		return -EINVAL;
	const char *units = "KMGTPE", *u = *p ? strchr(units, std::isalpha((unsigned char)*p)
								  ? std::toupper((unsigned char)*p)
								  : '?')
					      : nullptr;
	if (u) {
		v <<= 10 * (u - units + 1);
		if (v >> 64)
			return -ERANGE;
		p++;
	}
	if (*p)
		return -EINVAL;
	if ((neg && v) || v > ULONG_MAX)
		return -ERANGE;
	*out = (unsigned long)v;
	return 0;
}

bool cmd_num(int argc, char **argv)
{
	unsigned long v;
	return number_arg(argc, argv, "<n>", 0, 10, &v);
}

bool cmd_two(int argc, char **argv)
{
	unsigned long a, b = 0;
	return shell_arg_ulong(argv[0], "a", argv[1], 1, ULONG_MAX, &a) &&
	       (argc < 3 || shell_arg_ulong(argv[0], "b", argv[2], 0, 0xffffffffUL, &b));
}

bool cmd_none(int, char **) { return true; }

const struct shell_cmd table[] = {
    {"num", "<n>", "a number from 0 to 10", 1, 1, cmd_num},
    {"two", "<a> [b]", "one or two numbers", 1, 2, cmd_two},
    {"none", "", "nothing", 0, 0, cmd_none},
    {"many", "[...]", "up to seven words", 0, SHELL_MAX_ARGS - 1, cmd_none},
};

void check_words(const char *line)
{
	std::string copy = line;
	char *argv[SHELL_MAX_ARGS];
	int argc = shell_split(copy.data(), argv, SHELL_MAX_ARGS);
	if (argc < -E2BIG || argc > SHELL_MAX_ARGS || (argc < 0 && argc != -E2BIG))
		std::abort();
	for (int i = 0; i < argc; i++) {
		if (!*argv[i] || strpbrk(argv[i], " \t\r\n"))
			std::abort(); // a word is never empty and never holds a blank
		unsigned long got = 1, want = 2;
		int e1 = shell_parse_ulong(argv[i], &got), e2 = reference_parse(argv[i], &want);
		if (e1 != e2 || (!e1 && got != want))
			std::abort();
	}
}

void check_dispatch(const char *line)
{
	std::string copy = line;
	console_take();
	bool blank = strspn(line, " \t\r\n\v\f") == strlen(line);
	bool ok = shell_dispatch(table, ARRAY_SIZE(table), copy.data());
	std::string said = console_take();
	if (!ok && said.empty())
		std::abort(); // refused without a word
	if (blank && (!ok || !said.empty()))
		std::abort(); // an empty line is no error
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	size_t out_size = 1 + data[0] % (LINE_EDITOR_ECHO + 8); // small buffers too
	static struct line_editor ed;
	line_editor_init(&ed);
	std::vector<char> out(out_size + 16);
	for (size_t i = 1; i < size; i++) {
		memset(out.data(), 0x5a, out.size());
		bool done = line_editor_feed(&ed, (char)data[i], out.data(), out_size);
		if (!memchr(out.data(), 0, out_size) || out[out_size] != 0x5a)
			std::abort(); // the echo is always a string inside its buffer
		if (out_size >= LINE_EDITOR_ECHO && strlen(out.data()) >= LINE_EDITOR_ECHO - 1)
			std::abort(); // a full-size buffer never has to cut the echo short
		if (ed.len >= SHELL_LINE || ed.pos > ed.len ||
		    strlen(ed.line) != (done ? strlen(ed.line) : ed.len))
			std::abort();
		for (size_t k = 0; k < strlen(ed.line); k++)
			if (!std::isprint((unsigned char)ed.line[k]))
				std::abort(); // only printable ASCII gets into a line
		if (done) {
			check_words(ed.line);
			check_dispatch(ed.line);
		}
	}
	// The raw bytes as one line too (gdb's mm-shell passes whatever it is given).
	std::string raw((const char *)data + 1, size - 1);
	raw = raw.substr(0, strlen(raw.c_str()));
	check_words(raw.c_str());
	check_dispatch(raw.c_str());
	return 0;
}
