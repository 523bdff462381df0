// The kernel command line: splitting, quoting, early and normal handlers,
// unknown words, and the number parsers behind them.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "host_support.h"

#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/string.h>

namespace
{

std::vector<std::pair<std::string, std::string>> seen;

int record(char *param, char *val)
{
	seen.emplace_back(param, val ? val : "<none>");
	return 0;
}

TEST(parse_args, words_values_and_quotes)
{
	char line[] = "  mem=64M  nopse \"quoted=a b\" name=\"x y\" memmap=4M$0x2000000 -- init=1";
	seen.clear();
	char *rest = parse_args("test", line, record);
	std::vector<std::pair<std::string, std::string>> want = {{"mem", "64M"},
								 {"nopse", "<none>"},
								 {"quoted", "a b"},
								 {"name", "x y"},
								 {"memmap", "4M$0x2000000"}};
	EXPECT_EQ(seen, want);
	ASSERT_NE(rest, nullptr);
	EXPECT_STREQ(rest, "init=1");
}

TEST(parse_args, empty_line)
{
	char line[] = "   ";
	seen.clear();
	EXPECT_EQ(parse_args("test", line, record), nullptr);
	EXPECT_TRUE(seen.empty());
}

TEST(parse_args, handler_errors_are_reported)
{
	char line[] = "x=1";
	console_take();
	parse_args("Booting kernel", line, [](char *, char *) { return -EINVAL; });
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{"Booting kernel: `1' invalid for parameter `x'"});
}

static char early_seen[64];
static int __init test_early(char *val)
{
	strlcpy(early_seen, val ? val : "<none>", sizeof(early_seen));
	return 0;
}
early_param("test_early", test_early);

static char setup_seen[64];
static int __init test_setup(char *val)
{
	strlcpy(setup_seen, val, sizeof(setup_seen));
	return 0;
}
__setup("test_setup=", test_setup);

TEST(parse_early_options, runs_early_handlers_only)
{
	char line[] = "test_setup=no test-early=yes";
	early_seen[0] = setup_seen[0] = '\0';
	parse_early_options(line);
	EXPECT_STREQ(early_seen, "yes"); // '-' and '_' are the same in names
	EXPECT_STREQ(setup_seen, "");
}

TEST(parse_kernel_params, setup_handlers_and_unknown_words)
{
	strlcpy(boot_command_line, "test_early=1 test_setup=abc foo bar=baz -- init_arg",
		sizeof(boot_command_line));
	setup_seen[0] = '\0';
	console_take();
	parse_kernel_params();
	EXPECT_STREQ(setup_seen, "abc");
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{"Unknown kernel command line parameters \"foo "
					   "bar=baz\", will be passed to user space."});
}

TEST(memparse, suffixes_and_bases)
{
	char *end;
	EXPECT_EQ(memparse("64M", &end), 64ULL << 20);
	EXPECT_EQ(*end, '\0');
	EXPECT_EQ(memparse("4k", nullptr), 4096u);
	EXPECT_EQ(memparse("1G", nullptr), 1ULL << 30);
	EXPECT_EQ(memparse("2T", nullptr), 2ULL << 40);
	EXPECT_EQ(memparse("0x1000$0x2", &end), 0x1000u);
	EXPECT_STREQ(end, "$0x2");
	EXPECT_EQ(memparse("010", nullptr), 8u); // leading 0: octal, as in Linux
	EXPECT_EQ(memparse("xyz", &end), 0u);
	EXPECT_STREQ(end, "xyz");
}

TEST(kstrtox, whole_string_or_error)
{
	unsigned long long v;
	int i;
	EXPECT_EQ(kstrtoull("123", 0, &v), 0);
	EXPECT_EQ(v, 123u);
	EXPECT_EQ(kstrtoull("0x1f\n", 0, &v), 0);
	EXPECT_EQ(v, 31u);
	EXPECT_EQ(kstrtoull("12a", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoull("", 10, &v), -EINVAL);
	EXPECT_EQ(kstrtoull("99999999999999999999", 10, &v), -ERANGE);
	EXPECT_EQ(kstrtoint("-1", 0, &i), 0);
	EXPECT_EQ(i, -1);
	EXPECT_EQ(kstrtoint("-2147483648", 0, &i), 0);
	EXPECT_EQ(i, -2147483647 - 1);
	EXPECT_EQ(kstrtoint("2147483648", 0, &i), -ERANGE);
	EXPECT_EQ(simple_strtoull("77zz", nullptr, 16), 0x77u);
	EXPECT_EQ(simple_strtoll("-42", nullptr, 10), -42);
}

} // namespace
