// printk: levels, continuation lines, the console level, the log buffer.
#include <gtest/gtest.h>

#include "host_support.h"

#include <linux/kernel.h>
#include <linux/ratelimit.h>

namespace
{

struct Printk : testing::Test {
	void SetUp() override
	{
		console_take();
		console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
		ignore_loglevel = false;
	}
	void TearDown() override { console_loglevel = CONSOLE_LOGLEVEL_DEFAULT; }
};

TEST_F(Printk, every_line_gets_a_timestamp)
{
	printk(KERN_INFO "one\ntwo\n");
	EXPECT_EQ(console_take(), "[    0.000000] one\n[    0.000000] two\n");
}

TEST_F(Printk, cont_continues_the_line)
{
	pr_info("BIOS-e820: [mem 0x0-0xfff] ");
	pr_cont("usable");
	pr_cont("\n");
	EXPECT_EQ(console_take(), "[    0.000000] BIOS-e820: [mem 0x0-0xfff] usable\n");
}

TEST_F(Printk, a_new_message_closes_an_open_line)
{
	pr_info("no newline");
	pr_info("next\n");
	EXPECT_EQ(console_take(), "[    0.000000] no newline\n[    0.000000] next\n");
}

TEST_F(Printk, console_loglevel_filters)
{
	console_loglevel = CONSOLE_LOGLEVEL_LINUX; // 7: KERN_DEBUG hidden, as in Linux
	pr_debug("hidden\n");
	pr_info("shown\n");
	pr_cont("");
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	pr_notice("hidden too\n");
	pr_err("still shown\n");
	EXPECT_EQ(console_take(), "[    0.000000] shown\n[    0.000000] still shown\n");
}

TEST_F(Printk, hidden_messages_still_reach_the_log)
{
	console_loglevel = 1;
	pr_info("only in the log %d\n", 42);
	EXPECT_EQ(console_take(), "");
	char buf[256];
	size_t n = log_buf_copy(buf, sizeof(buf));
	EXPECT_EQ(std::string(buf, n).substr(n - 34), "[    0.000000] only in the log 42\n");
}

TEST_F(Printk, ignore_loglevel_shows_everything)
{
	console_loglevel = 1;
	ignore_loglevel = true;
	pr_debug("debug\n");
	ignore_loglevel = false;
	EXPECT_EQ(console_take(), "[    0.000000] debug\n");
}

TEST_F(Printk, console_verbose_shows_every_level_after_quiet)
{
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	pr_info("hidden\n");
	console_verbose(); // what an oops does first
	pr_info("EIP: shown\n");
	printk("Call Trace: shown\n"); // KERN_DEFAULT, as dump_stack prints
	EXPECT_EQ(console_take(), "[    0.000000] EIP: shown\n[    0.000000] Call Trace: shown\n");
}

TEST_F(Printk, console_verbose_keeps_loglevel_0_silent)
{
	console_loglevel = 0;
	console_verbose();
	pr_emerg("not even this\n");
	EXPECT_EQ(console_loglevel, 0);
	EXPECT_EQ(console_take(), "");
}

TEST_F(Printk, continuation_follows_its_line_level)
{
	console_loglevel = CONSOLE_LOGLEVEL_LINUX;
	pr_debug("hidden ");
	pr_cont("and this\n");
	pr_info("shown ");
	pr_cont("with this\n");
	EXPECT_EQ(console_take(), "[    0.000000] shown with this\n");
}

} // namespace

namespace
{

// Linux: __ratelimit with the defaults: 10 messages per 5 s; the next
// interval first says how many were held back, under the caller's name.
TEST_F(Printk, ratelimit_lets_ten_through_per_interval_then_counts)
{
	struct ratelimit_state rs;
	mock_clock_ns = 1000;
	int allowed = 0;
	for (int i = 0; i < 25; i++)
		allowed += __ratelimit(&rs);
	EXPECT_EQ(allowed, 10);
	EXPECT_EQ(console_take(), "") << "nothing said while within the interval";
	mock_clock_ns += DEFAULT_RATELIMIT_INTERVAL_NS - 1;
	EXPECT_FALSE(__ratelimit(&rs)) << "a nanosecond short of 5 s";
	mock_clock_ns += 1;
	EXPECT_TRUE(__ratelimit(&rs));
	EXPECT_NE(console_take().find("TestBody: 16 callbacks suppressed"), std::string::npos);
	mock_clock_ns = 0;
}

} // namespace
