// Whom the OOM killer chooses (Linux 6.1: mm/oom_kill.c select_bad_process
// and oom_evaluate_task): the highest badness among the tasks that may be
// chosen, with oom_score_adj's edge cases. The tasks are fakes on the
// task list with their RSS and page tables set by hand, so each expected
// victim is a sum a student can check.
#include <climits>
#include <gtest/gtest.h>
#include <vector>

#include "host_support.h"

#include <linux/mm_space.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/sched/task.h>

namespace
{

constexpr unsigned long TOTAL = 20000; // pages: adj counts 20 pages per point

struct Fake {
	struct task_struct task = {};
	struct mm_struct mm = {};
};

struct OomSelect : ::testing::Test {
	std::vector<Fake *> fakes;

	// A process of rss pages (and ptes page tables) at adj, on the task list.
	struct task_struct *add(const char *name, long rss, long ptes, short adj)
	{
		Fake *f = new Fake;
		add_mm_counter(&f->mm, MM_ANONPAGES, rss);
		f->mm.nr_pte_tables = ptes;
		f->task.mm = &f->mm;
		f->task.pid = (int)fakes.size() + 10;
		f->task.oom_score_adj = adj;
		snprintf(f->task.comm, sizeof(f->task.comm), "%s", name);
		list_add_tail(&f->task.tasks, &init_task.tasks);
		fakes.push_back(f);
		return &f->task;
	}
	void TearDown() override
	{
		for (Fake *f : fakes) {
			list_del(&f->task.tasks);
			delete f;
		}
	}
	static struct task_struct *chosen()
	{
		struct oom_control oc = {};
		oc.totalpages = TOTAL;
		oc.order = -1;
		select_bad_process(&oc);
		return oc.chosen;
	}
};

TEST_F(OomSelect, the_biggest_rss_plus_page_tables_wins)
{
	add("small", 100, 1, 0);
	struct task_struct *big = add("big", 5000, 6, 0);
	add("medium", 4990, 15, 0); // 5005 < 5006: page tables count too
	EXPECT_EQ(chosen(), big);
}

TEST_F(OomSelect, adj_moves_a_task_by_thousandths_of_memory)
{
	struct task_struct *small = add("small", 1000, 0, 500); // 1000 + 500 x 20 = 11000
	add("big", 10000, 0, 0);
	EXPECT_EQ(chosen(), small);
	small->oom_score_adj = 449; // 1000 + 8980 = 9980 < 10000
	EXPECT_STREQ(chosen()->comm, "big");
}

TEST_F(OomSelect, adj_minus_1000_is_never_chosen_even_alone)
{
	add("protected", 15000, 10, OOM_SCORE_ADJ_MIN);
	struct task_struct *other = add("other", 10, 1, 0);
	EXPECT_EQ(chosen(), other);
	other->oom_score_adj = OOM_SCORE_ADJ_MIN;
	EXPECT_EQ(chosen(), nullptr) << "nobody killable: Linux's panic follows";
}

TEST_F(OomSelect, a_negative_badness_is_still_a_candidate)
{
	// -999 x 20 = -19980: far below zero, yet above LONG_MIN, as in Linux.
	struct task_struct *t = add("almost", 50, 1, -999);
	EXPECT_EQ(oom_badness(t, TOTAL), 51 - 999L * 20);
	EXPECT_EQ(chosen(), t);
	add("plain", 1, 0, 0);
	EXPECT_STREQ(chosen()->comm, "plain") << "1 > -19929";
}

TEST_F(OomSelect, adj_1000_beats_everything_its_size_or_smaller)
{
	add("huge", 19000, 20, 0);
	struct task_struct *tiny = add("tiny", 1, 0, OOM_SCORE_ADJ_MAX); // 1 + 20000
	EXPECT_EQ(chosen(), tiny);
}

TEST_F(OomSelect, ties_go_to_the_last_on_the_task_list)
{
	add("first", 300, 2, 0);
	struct task_struct *second = add("second", 300, 2, 0);
	EXPECT_EQ(chosen(), second) << "oom_evaluate_task skips only a lower score";
}

TEST_F(OomSelect, kernel_threads_zombies_victims_and_init_are_skipped)
{
	struct task_struct *kthread = add("kworker", 9000, 0, 0);
	kthread->flags = PF_KTHREAD;
	struct task_struct *zombie = add("zombie", 8000, 0, 0);
	zombie->exit_state = EXIT_ZOMBIE;
	struct task_struct *victim = add("reaped", 7000, 0, 0);
	victim->oom_victim = true; // already killed and reaped: killing it frees nothing
	struct task_struct *init = add("init", 6000, 0, 0);
	struct task_struct *saved = child_reaper;
	child_reaper = init;
	struct task_struct *nomm = add("nomm", 5000, 0, 0);
	nomm->mm = nullptr;
	struct task_struct *last = add("last", 10, 0, 0);
	EXPECT_EQ(chosen(), last);
	EXPECT_EQ(oom_score(init), 0u) << "init's /proc/1/oom_score";
	child_reaper = saved;
}

} // namespace
