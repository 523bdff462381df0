// The shell's parsing (kernel/shell_parse.cpp): numbers never wrap, words
// are never dropped, and every refusal says why.
#include <gtest/gtest.h>

#include <string>

#include "mock/host_support.h"

#include <linux/errno.h>
#include <linux/kstrtox.h>
#include <linux/shell.h>

namespace
{

int parse(const char *s, unsigned long *v) { return shell_parse_ulong(s, v); }

TEST(ShellParse, numbers_in_every_base_and_suffix)
{
	unsigned long v = 0;
	EXPECT_EQ(parse("4096", &v), 0);
	EXPECT_EQ(v, 4096ul);
	EXPECT_EQ(parse("0x1000", &v), 0);
	EXPECT_EQ(v, 4096ul);
	EXPECT_EQ(parse("010", &v), 0);
	EXPECT_EQ(v, 8ul);
	EXPECT_EQ(parse("12K", &v), 0);
	EXPECT_EQ(v, 12288ul);
	EXPECT_EQ(parse("3m", &v), 0);
	EXPECT_EQ(v, 3ul << 20);
	EXPECT_EQ(parse("0", &v), 0);
	EXPECT_EQ(v, 0ul);
	EXPECT_EQ(parse("-0", &v), 0);
	EXPECT_EQ(v, 0ul);
}

TEST(ShellParse, garbage_is_not_a_number)
{
	unsigned long v = 77;
	for (const char *s :
	     {"", "x", "0x", "12Q", "1 2", "-", "-x", "K", "08", "1KK", "+5", "0x1z"})
		EXPECT_EQ(parse(s, &v), -EINVAL) << s;
	EXPECT_EQ(v, 77ul) << "a refused number leaves *out alone";
}

// Past ULONG_MAX, past 2^64, with a suffix that overflows, or negative: -ERANGE, never a
// wrapped value (alloc 4294967296 used to allocate order 0 on i386).
TEST(ShellParse, numbers_that_do_not_fit_are_out_of_range)
{
	unsigned long v = 77;
	std::string past = std::to_string((unsigned long long)ULONG_MAX + (sizeof(long) == 4));
	if (sizeof(long) == 4) {
		EXPECT_EQ(parse(past.c_str(), &v), -ERANGE) << past;
		EXPECT_EQ(parse("4G", &v), -ERANGE);
	}
	for (const char *s :
	     {"18446744073709551616", "99999999999999999999999", "0x10000000000000000", "16E",
	      "17179869184G", "-1", "-4096", "-99999999999999999999999"})
		EXPECT_EQ(parse(s, &v), -ERANGE) << s;
	EXPECT_EQ(v, 77ul);
	EXPECT_EQ(parse("18446744073709551615", &v), sizeof(long) == 8 ? 0 : -ERANGE);
}

TEST(ShellParse, memparse_safe_and_kstrtoull_report_overflow)
{
	unsigned long long v;
	char *end;
	EXPECT_EQ(memparse_safe("15E", &end, &v), 0);
	EXPECT_EQ(v, 15ull << 60);
	EXPECT_EQ(memparse_safe("16E", &end, &v), -ERANGE);
	EXPECT_EQ(memparse_safe("64 ", &end, &v), 0) << "a blank is not a suffix";
	EXPECT_EQ(v, 64ull);
	EXPECT_EQ(*end, ' ');
	EXPECT_EQ(memparse("64 ", &end), 64ull) << "memparse read the NUL in its unit table";
	EXPECT_EQ(kstrtoull("18446744073709551616", 0, &v), -ERANGE);
	EXPECT_EQ(kstrtoull("18446744073709551615", 0, &v), 0);
}

TEST(ShellParse, argument_messages_name_the_range)
{
	console_take();
	unsigned long v = 5;
	EXPECT_FALSE(shell_arg_ulong("alloc", "order", "4294967296", 0, 10, &v));
	EXPECT_FALSE(shell_arg_ulong("alloc", "order", "-1", 0, 10, &v));
	EXPECT_FALSE(shell_arg_ulong("alloc", "order", "11", 0, 10, &v));
	EXPECT_FALSE(shell_arg_ulong("alloc", "order", "three", 0, 10, &v));
	EXPECT_FALSE(shell_arg_ulong("vmalloc", "size", "0", 1, ULONG_MAX, &v));
	EXPECT_EQ(v, 5ul);
	EXPECT_TRUE(shell_arg_ulong("alloc", "order", "10", 0, 10, &v));
	EXPECT_EQ(v, 10ul);
	auto lines = console_take_lines();
	ASSERT_EQ(lines.size(), 5u);
	EXPECT_EQ(lines[0], "alloc: order 4294967296 is out of range: 0 to 10");
	EXPECT_EQ(lines[1], "alloc: order -1 is out of range: 0 to 10");
	EXPECT_EQ(lines[2], "alloc: order 11 is out of range: 0 to 10");
	EXPECT_EQ(lines[3], "alloc: order 'three' is not a number (decimal, 0x hex or 0 octal; K, "
			    "M, G suffixes)");
	EXPECT_EQ(lines[4], "vmalloc: size 0 is out of range: 1 to " + std::to_string(ULONG_MAX));
	EXPECT_FALSE(shell_arg_ulong("page", nullptr, "0x100000000000000000", 0, 0xffff, &v));
	EXPECT_EQ(console_take_lines()[0],
		  "page: 0x100000000000000000 is out of range: 0x0 to 0xffff")
	    << "hex asked, hex answered";
}

TEST(ShellParse, words)
{
	char line[] = "  alloc\t3   GFP_DMA  ";
	char *argv[SHELL_MAX_ARGS];
	ASSERT_EQ(shell_split(line, argv, SHELL_MAX_ARGS), 3);
	EXPECT_STREQ(argv[0], "alloc");
	EXPECT_STREQ(argv[1], "3");
	EXPECT_STREQ(argv[2], "GFP_DMA");
	char blank[] = "   ";
	EXPECT_EQ(shell_split(blank, argv, SHELL_MAX_ARGS), 0);
	char nine[] = "a b c d e f g h i";
	EXPECT_EQ(shell_split(nine, argv, SHELL_MAX_ARGS), -E2BIG) << "the 9th word was dropped";
	char eight[] = "a b c d e f g h";
	EXPECT_EQ(shell_split(eight, argv, SHELL_MAX_ARGS), 8);
}

int ran;
bool run_ok(int argc, char **) { return ran = argc, true; }
const struct shell_cmd table[] = {
    {"none", "", "takes nothing", 0, 0, run_ok},
    {"one", "<n>", "takes one", 1, 1, run_ok},
    {"some", "<a> [b]", "takes one or two", 1, 2, run_ok},
    {"averyveryverylongname", "<and> <long> [arguments...]", "wide", 0, 7, run_ok},
};

bool dispatch(const char *s)
{
	std::string copy = s;
	return shell_dispatch(table, std::size(table), copy.data());
}

TEST(ShellParse, dispatch_checks_the_number_of_arguments)
{
	console_take();
	ran = 0;
	EXPECT_TRUE(dispatch("   "));
	EXPECT_EQ(console_take(), "") << "an empty line is no error";
	EXPECT_FALSE(dispatch("none extra"));
	EXPECT_FALSE(dispatch("one"));
	EXPECT_FALSE(dispatch("some 1 2 3"));
	EXPECT_FALSE(dispatch("nosuch 1"));
	EXPECT_FALSE(dispatch("averyveryverylongname 1 2 3 4 5 6 7 8"));
	EXPECT_EQ(ran, 0);
	auto lines = console_take_lines();
	EXPECT_EQ(lines,
		  (std::vector<std::string>{
		      "none: too many arguments", "usage: none", "usage: one <n>",
		      "some: too many arguments", "usage: some <a> [b]",
		      "nosuch: unknown command; 'help' lists them",
		      "too many arguments: a command takes at most 7 words after its name"}));
	EXPECT_TRUE(dispatch("some 1 2"));
	EXPECT_EQ(ran, 3);
}

TEST(ShellParse, help_columns_fit_the_longest_entries)
{
	console_take();
	shell_help(table, std::size(table));
	auto lines = console_take_lines();
	ASSERT_EQ(lines.size(), std::size(table));
	size_t col = lines[0].find("takes nothing");
	for (size_t i = 0; i < lines.size(); i++)
		EXPECT_EQ(lines[i].find(table[i].help), col) << lines[i];
	EXPECT_EQ(lines[3], "  averyveryverylongname <and> <long> [arguments...] wide");
}

} // namespace
