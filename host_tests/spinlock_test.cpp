// Linux's lock names on one CPU (include/linux/spinlock.h): taking a held
// lock or releasing a free one is reported by name, as
// CONFIG_DEBUG_SPINLOCK does, and the lock still ends up in a sane state.
#include <gtest/gtest.h>

#include <linux/spinlock.h>

#include "mock/host_support.h"

static DEFINE_SPINLOCK(test_lock);

TEST(Spinlock, BalancedUseIsSilent)
{
	console_take();
	unsigned long flags;
	spin_lock_irqsave(&test_lock, flags);
	EXPECT_TRUE(spin_is_locked(&test_lock));
	spin_unlock_irqrestore(&test_lock, flags);
	EXPECT_FALSE(spin_is_locked(&test_lock));
	EXPECT_EQ(console_take(), "");
}

TEST(Spinlock, RecursionAndDoubleUnlockAreReportedByName)
{
	console_take();
	spin_lock(&test_lock);
	spin_lock(&test_lock); // on SMP this would spin for ever
	auto lines = console_take_lines();
	ASSERT_GE(lines.size(), 2u);
	EXPECT_EQ(lines[0], "BUG: spinlock recursion on CPU#0, host/0");
	EXPECT_NE(lines[1].find(" lock: test_lock ("), std::string::npos) << lines[1];
	spin_unlock(&test_lock);
	spin_unlock(&test_lock);
	lines = console_take_lines();
	ASSERT_GE(lines.size(), 1u);
	EXPECT_EQ(lines[0], "BUG: spinlock already unlocked on CPU#0, host/0");
	EXPECT_FALSE(spin_is_locked(&test_lock));
}

TEST(Spinlock, InitNamesTheLock)
{
	spinlock_t lock = {1, nullptr};
	spin_lock_init(&lock);
	EXPECT_FALSE(spin_is_locked(&lock));
	EXPECT_STREQ(lock.name, "&lock");
}
