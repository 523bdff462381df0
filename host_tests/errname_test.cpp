// The names the shell prints for errnos and signals, and the signal forms
// kill(1) accepts (lib/errname.cpp).
#include <gtest/gtest.h>

#include <linux/errname.h>
#include <linux/errno.h>
#include <linux/signal.h>

TEST(Errname, NamesBothSignsAndNothingElse)
{
	EXPECT_STREQ(errname(ENOENT), "ENOENT");
	EXPECT_STREQ(errname(-ENOEXEC), "ENOEXEC");
	EXPECT_STREQ(errname(-E2BIG), "E2BIG");
	EXPECT_EQ(errname(0), nullptr);
	EXPECT_EQ(errname(4095), nullptr);
}

TEST(Errname, SignalNamesAsKillPrintsThem)
{
	EXPECT_STREQ(signame(SIGSEGV), "SIGSEGV");
	EXPECT_STREQ(signame(SIGINT), "SIGINT");
	EXPECT_STREQ(signame(SIGSYS), "SIGSYS");
	EXPECT_EQ(signame(0), nullptr);
	EXPECT_EQ(signame(SIGRTMIN), nullptr);
	EXPECT_EQ(signame(-1), nullptr);
}

TEST(Errname, KillAcceptsNumbersShortAndLongNames)
{
	EXPECT_EQ(signum_parse("9"), SIGKILL);
	EXPECT_EQ(signum_parse("KILL"), SIGKILL);
	EXPECT_EQ(signum_parse("SIGKILL"), SIGKILL);
	EXPECT_EQ(signum_parse("SIGQUIT"), SIGQUIT);
	EXPECT_EQ(signum_parse("64"), 64); // real-time signals by number only
	EXPECT_EQ(signum_parse("65"), -1);
	EXPECT_EQ(signum_parse("99999999999"), -1);
	EXPECT_EQ(signum_parse("9x"), -1);
	EXPECT_EQ(signum_parse("kill"), -1); // kill(1) takes upper case
	EXPECT_EQ(signum_parse("SIG"), -1);
	EXPECT_EQ(signum_parse(""), -1);
	EXPECT_EQ(signum_parse(nullptr), -1);
}
