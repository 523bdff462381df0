// The line discipline (drivers/tty/n_tty.cpp) on its own: what a program
// reading the console gets for what a student types, in canonical and raw
// mode, and what the terminal echoes back.
#include <gtest/gtest.h>

#include <string>

#include <linux/n_tty.h>
#include <linux/signal.h>

static std::string echoed;
static void echo_to_string(char c) { echoed += c; }

struct NTty : testing::Test {
	struct n_tty_data ld;
	void SetUp() override
	{
		n_tty_open(&ld, echo_to_string);
		echoed.clear();
	}
	// Types s; the signals it raised, in order.
	std::string type(const std::string &s)
	{
		std::string sigs;
		for (unsigned char c : s)
			if (int sig = n_tty_receive_char(&ld, c))
				sigs += sig == SIGINT ? "INT " : sig == SIGQUIT ? "QUIT " : "TSTP ";
		return sigs;
	}
	std::string read(unsigned int count = 1000, bool *eof = nullptr)
	{
		char buf[N_TTY_BUF_SIZE];
		bool e;
		unsigned int n = n_tty_copy(&ld, buf, count, &e);
		if (eof)
			*eof = e;
		return std::string(buf, n);
	}
	void raw()
	{
		struct termios t = ld.termios;
		t.c_lflag &= ~(ICANON | ECHO);
		n_tty_set_termios(&ld, &t);
	}
};

TEST_F(NTty, canonical_lines_are_readable_only_when_ended)
{
	type("ls -l");
	EXPECT_EQ(n_tty_readable(&ld), 0u) << "no Enter yet: a read would sleep";
	type("\r"); // Enter sends CR; ICRNL makes it a newline
	EXPECT_EQ(n_tty_readable(&ld), 6u);
	EXPECT_EQ(read(), "ls -l\n");
	EXPECT_EQ(echoed, "ls -l\n");
}

TEST_F(NTty, one_line_per_read_and_short_reads_keep_the_rest)
{
	type("one\ntwo\n");
	EXPECT_EQ(read(2), "on");
	EXPECT_EQ(read(), "e\n");
	EXPECT_EQ(read(), "two\n");
	EXPECT_EQ(n_tty_readable(&ld), 0u);
}

TEST_F(NTty, erase_kill_and_word_erase_edit_the_line)
{
	type("cat\x7f\x7fp");
	EXPECT_EQ(echoed, "cat\b \b\b \bp") << "ECHOE rubs out on the screen";
	type("\x15");			    // ^U: the whole line
	type("echo hello wrld\x17world\n"); // ^W: the last word
	EXPECT_EQ(read(), "echo hello world\n");
	type("\x7f\x7f\n"); // erase on an empty line does nothing
	EXPECT_EQ(read(), "\n");
}

TEST_F(NTty, ctrl_d_ends_a_line_or_is_end_of_file)
{
	bool eof;
	type("ab\x04");
	EXPECT_EQ(read(1000, &eof), "ab") << "^D pushes the line without a newline";
	EXPECT_FALSE(eof);
	type("\x04");
	EXPECT_EQ(n_tty_readable(&ld), 1u) << "a read will return at once";
	EXPECT_EQ(read(1000, &eof), "");
	EXPECT_TRUE(eof) << "^D on an empty line: read returns 0";
}

TEST_F(NTty, isig_turns_ctrl_c_into_sigint_and_flushes)
{
	type("half a li");
	EXPECT_EQ(type("\x03"), "INT ");
	EXPECT_EQ(echoed, "half a li^C");
	type("\n");
	EXPECT_EQ(read(), "\n") << "the half line was thrown away";
	EXPECT_EQ(type("\x1c\x1a"), "QUIT TSTP ");

	struct termios t = ld.termios;
	t.c_lflag &= ~ISIG;
	n_tty_set_termios(&ld, &t);
	EXPECT_EQ(type("\x03\n"), "") << "without ISIG ^C is a byte like another";
	EXPECT_EQ(read(), "\x03\n");
}

TEST_F(NTty, lnext_quotes_the_next_byte)
{
	EXPECT_EQ(type("a\x16\x03"
		       "b\n"),
		  "")
	    << "^V^C: a literal ^C, no signal";
	EXPECT_EQ(read(), "a\x03"
			  "b\n");
}

TEST_F(NTty, raw_mode_gives_every_byte_at_once_without_echo)
{
	type("par");
	raw();
	EXPECT_EQ(n_tty_readable(&ld), 3u) << "leaving ICANON makes the half line readable";
	type("t\x7f\r");
	EXPECT_EQ(read(), "part\x7f\n") << "no editing in raw mode; ICRNL still applies";
	EXPECT_EQ(echoed, "par") << "ECHO is off";

	struct termios t = ld.termios;
	t.c_iflag &= ~ICRNL;
	n_tty_set_termios(&ld, &t);
	type("\r");
	EXPECT_EQ(read(), "\r");
}

TEST_F(NTty, a_full_buffer_drops_what_does_not_fit)
{
	raw();
	type(std::string(N_TTY_BUF_SIZE + 100, 'x'));
	EXPECT_EQ(n_tty_readable(&ld), (unsigned)N_TTY_BUF_SIZE);
	n_tty_flush(&ld);
	EXPECT_EQ(n_tty_readable(&ld), 0u);
}

TEST_F(NTty, a_canonical_line_is_capped_but_enter_still_ends_it)
{
	type(std::string(300, 'y') + "\n");
	std::string line = read();
	EXPECT_EQ(line.size(), (size_t)N_TTY_LINE_MAX + 1);
	EXPECT_EQ(line.back(), '\n');
}
