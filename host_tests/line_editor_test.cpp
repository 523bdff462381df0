// The shell's line editor: what a student types, what the line holds, and
// what the terminal shows. The echo is played on a small VT100 model, so
// every key is checked the way a student sees it: the screen line is the
// prompt and the line, with the cursor where the editor thinks it is.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <linux/shell.h>

namespace
{

// One terminal row: printable bytes, CR, BS, BEL, ESC [ K and ESC [ n C/D.
struct Terminal {
	std::string row, text; // the current row; everything shown, rows joined by '\n'
	size_t col = 0;
	int bells = 0;
	std::string bad; // anything the model does not know

	void put(const std::string &s)
	{
		for (size_t i = 0; i < s.size(); i++) {
			char c = s[i];
			if (c == '\x1b') {
				size_t j = i + 1;
				if (j >= s.size() || s[j] != '[') {
					bad += "lone ESC;";
					continue;
				}
				long n = 0;
				bool had = false;
				for (j++; j < s.size() && isdigit((unsigned char)s[j]);
				     j++, had = true)
					n = n * 10 + (s[j] - '0');
				n = had ? n : 1;
				char f = j < s.size() ? s[j] : 0;
				if (f == 'K')
					row.erase(std::min(col, row.size()));
				else if (f == 'C')
					col += n;
				else if (f == 'D')
					col = (size_t)n > col ? (bad += "left of 0;", 0) : col - n;
				else
					bad += std::string("CSI ") + f + ";";
				i = j;
			} else if (c == '\r') {
				col = 0;
			} else if (c == '\n') {
				text += row + "\n";
				row.clear();
			} else if (c == '\b') {
				col = col ? col - 1 : (bad += "BS at 0;", 0);
			} else if (c == '\a') {
				bells++;
			} else if (c >= ' ' && c < 0x7f) {
				if (row.size() <= col)
					row.resize(col, ' ');
				row.resize(std::max(row.size(), col + 1), ' ');
				row[col++] = c;
			} else {
				bad += "byte " + std::to_string((unsigned char)c) + ";";
			}
		}
	}
	// The row as a student reads it: trailing blanks are nothing.
	std::string shown() const { return row.substr(0, row.find_last_not_of(' ') + 1); }
};

struct Editor : testing::Test {
	line_editor ed;
	Terminal term;
	std::string echo;
	std::vector<std::string> lines;
	void SetUp() override
	{
		line_editor_init(&ed);
		term.put(SHELL_PROMPT);
	}
	void type(const std::string &keys)
	{
		for (char c : keys) {
			char out[LINE_EDITOR_ECHO];
			bool done = line_editor_feed(&ed, c, out, sizeof(out));
			ASSERT_LT(strlen(out), sizeof(out) - 1) << "the echo was cut short";
			echo += out;
			term.put(out);
			if (done) {
				lines.push_back(ed.line);
				term.put(SHELL_PROMPT);
			}
		}
	}
	// The screen shows the prompt and the line, the cursor at the editor's.
	void expect_screen(const std::string &line, size_t cursor)
	{
		EXPECT_EQ(std::string(ed.line, ed.len), line);
		EXPECT_EQ(ed.pos, cursor);
		EXPECT_EQ(term.shown(), SHELL_PROMPT + line);
		EXPECT_EQ(term.col, strlen(SHELL_PROMPT) + cursor);
		EXPECT_EQ(term.bad, "");
	}
};

const std::string LEFT = "\x1b[D", RIGHT = "\x1b[C", HOME = "\x1b[H", END = "\x1b[F",
		  DEL = "\x1b[3~", UP = "\x1b[A", DOWN = "\x1b[B";

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

TEST_F(Editor, left_and_right_move_the_cursor_and_typing_inserts_there)
{
	type("alloc 3");
	type(LEFT + LEFT);
	expect_screen("alloc 3", 5);
	type("X");
	expect_screen("allocX 3", 6);
	type(RIGHT);
	expect_screen("allocX 3", 7);
	type(RIGHT + RIGHT + RIGHT); // past the end: stays at the end
	expect_screen("allocX 3", 8);
	type("\n");
	EXPECT_EQ(lines.back(), "allocX 3") << "Left/Right used to erase the line";
}

TEST_F(Editor, home_and_end_in_every_spelling)
{
	for (std::string home : {"\x1b[H", "\x1bOH", "\x1b[1~", "\x1b[7~"})
		for (std::string end : {"\x1b[F", "\x1bOF", "\x1b[4~", "\x1b[8~"}) {
			line_editor_init(&ed);
			term = Terminal();
			term.put(SHELL_PROMPT);
			type("page 1");
			type(home);
			expect_screen("page 1", 0);
			type("x");
			expect_screen("xpage 1", 1);
			type(end);
			expect_screen("xpage 1", 7);
		}
}

TEST_F(Editor, delete_takes_the_character_under_the_cursor)
{
	type("meminfoo" + LEFT + DEL);
	expect_screen("meminfo", 7);
	EXPECT_EQ(term.row.find('~'), std::string::npos) << "Delete used to leave a ~";
	type(HOME + DEL);
	expect_screen("eminfo", 0);
	type(END + DEL); // nothing under the cursor at the end: a bell
	EXPECT_EQ(term.bells, 1);
	expect_screen("eminfo", 6);
	type(HOME + "m\n");
	EXPECT_EQ(lines.back(), "meminfo");
}

TEST_F(Editor, backspace_in_the_middle)
{
	type("buddyxinfo" + LEFT + LEFT + LEFT + LEFT + "\x7f");
	expect_screen("buddyinfo", 5);
	type(HOME + "\x7f"); // nothing before the cursor: a bell
	EXPECT_EQ(term.bells, 1);
	expect_screen("buddyinfo", 0);
}

TEST_F(Editor, unknown_escape_sequences_are_swallowed_whole)
{
	// F5, Insert, Ctrl-Right, a mouse report, F1 (SS3 P), PageUp
	type("vm\x1b[15~\x1b[2~\x1b[1;5C\x1b[<0;3;4M\x1bOP\x1b[5~stat");
	expect_screen("vmstat", 6);
	type("\x1b\r"); // ESC then Enter: the Enter still counts
	EXPECT_EQ(lines.back(), "vmstat");
}

TEST_F(Editor, history_up_and_down)
{
	type("alloc 3\nfree 0x1008\n");
	type(UP + UP + "\n"); // up twice: the first line
	EXPECT_EQ(lines.back(), "alloc 3");
	type(UP + DOWN + DOWN + "\n"); // up, then down past the newest: empty
	EXPECT_EQ(lines.back(), "");
	type(UP + "0"); // recalled lines can be edited, the cursor at the end
	expect_screen("alloc 30", 8);
	type(HOME + RIGHT + "\n");
	EXPECT_EQ(lines.back(), "alloc 30") << "the empty line is not history";
}

TEST_F(Editor, a_line_too_long_rings_and_says_so_once)
{
	type(std::string(500, 'x'));
	EXPECT_EQ(ed.len, (size_t)SHELL_LINE - 1);
	EXPECT_EQ(term.bells, 500 - (SHELL_LINE - 1));
	auto said = [&] {
		size_t n = 0;
		for (size_t p = 0;
		     (p = echo.find("line too long (max 127 characters)", p)) != std::string::npos;
		     p++)
			n++;
		return n;
	};
	EXPECT_EQ(said(), 1u);
	expect_screen(std::string(SHELL_LINE - 1, 'x'),
		      SHELL_LINE - 1); // redrawn after the message
	type("\n");
	EXPECT_EQ(lines.back().size(), (size_t)SHELL_LINE - 1);
	type(std::string(200, 'y') + "\n"); // a new line may be told again
	EXPECT_EQ(said(), 2u);
}

TEST_F(Editor, non_ascii_bytes_ring_and_say_so)
{
	type("mem\xc3\xa9info"); // "memeinfo" with an e-acute in UTF-8
	EXPECT_EQ(term.bells, 2);
	EXPECT_NE(echo.find("byte 0xc3 ignored: the shell takes printable ASCII only"),
		  std::string::npos);
	EXPECT_EQ(echo.find("byte 0xa9"), std::string::npos) << "once a line";
	expect_screen("meminfo", 7);
	type("\x02"); // Ctrl-B means nothing: a bell, not silence
	EXPECT_EQ(term.bells, 3);
}

TEST_F(Editor, history_keeps_the_last_sixteen)
{
	for (int i = 0; i < 20; i++)
		type("cmd" + std::to_string(i) + "\n");
	for (int i = 0; i < 20; i++)
		type(UP);
	type("\n");
	EXPECT_EQ(lines.back(), "cmd4") << "the oldest still remembered";
}

TEST_F(Editor, a_small_echo_buffer_is_never_overrun)
{
	for (size_t size = 1; size < 24; size++) {
		line_editor_init(&ed);
		std::string keys =
		    std::string(130, 'a') + "\xff" + LEFT + DEL + HOME + "b" + UP + "\n";
		for (char c : keys) {
			std::vector<char> out(size + 8, '#');
			line_editor_feed(&ed, c, out.data(), size);
			EXPECT_LT(strlen(out.data()), size);
			EXPECT_EQ(out[size], '#') << "wrote past out_size " << size;
		}
	}
}

} // namespace
