// The shell's line editor: what a student types and what comes back.
#include <gtest/gtest.h>

#include <string>

#include <linux/shell.h>

namespace
{

struct Editor : testing::Test {
	line_editor ed;
	std::string echo;
	std::vector<std::string> lines;
	void SetUp() override { line_editor_init(&ed); }
	void type(const std::string &keys)
	{
		for (char c : keys) {
			char out[SHELL_LINE + 16];
			if (line_editor_feed(&ed, c, out, sizeof(out)))
				lines.push_back(ed.line);
			echo += out;
		}
	}
};

TEST_F(Editor, lines_and_echo)
{
	type("meminfo\r\nbuddyinfo\n");
	EXPECT_EQ(lines, (std::vector<std::string>{"meminfo", "buddyinfo"})) << "CR LF is one end";
	EXPECT_EQ(echo, "meminfo\r\nbuddyinfo\r\n");
}

TEST_F(Editor, backspace_ctrl_u_and_ctrl_c)
{
	type("memx\x7f"
	     "info\n");
	type("help me\x15"
	     "slabinfo\n");
	type("vmalloc 4\x03"
	     "e820\n");
	type("\b\b\n");
	EXPECT_EQ(lines, (std::vector<std::string>{"meminfo", "slabinfo", "e820", ""}));
	EXPECT_NE(echo.find("^C"), std::string::npos);
}

TEST_F(Editor, history_up_and_down)
{
	type("alloc 3\nfree 0x1008\n");
	type("\x1b[A\x1b[A\n"); // up twice: the first line
	EXPECT_EQ(lines.back(), "alloc 3");
	type("\x1b[A\x1b[B\x1b[B\n"); // up, then down past the newest: empty
	EXPECT_EQ(lines.back(), "");
	type("\x1b[A"
	     "0\n"); // recalled lines can be edited
	EXPECT_EQ(lines.back(), "alloc 30") << "the empty line is not history";
}

TEST_F(Editor, long_lines_are_cut_not_overflowed)
{
	type(std::string(500, 'x') + "\n");
	EXPECT_EQ(lines.back().size(), (size_t)SHELL_LINE - 1);
}

TEST_F(Editor, history_keeps_the_last_sixteen)
{
	for (int i = 0; i < 20; i++)
		type("cmd" + std::to_string(i) + "\n");
	for (int i = 0; i < 20; i++)
		type("\x1b[A");
	type("\n");
	EXPECT_EQ(lines.back(), "cmd4") << "the oldest still remembered";
}

} // namespace
