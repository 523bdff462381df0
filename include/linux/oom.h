#pragma once
// The OOM killer (Linux: include/linux/oom.h, mm/oom_kill.c).
#include <linux/gfp.h>

#define OOM_SCORE_ADJ_MIN (-1000)
#define OOM_SCORE_ADJ_MAX 1000

struct task_struct;

struct oom_control {
	gfp_t gfp_mask; // the allocation that failed
	int order;	// its order (-1: a sysrq or test, not an allocation)
	unsigned long totalpages;
	struct task_struct *chosen;
	long chosen_points;
};

// Badness of p: RSS + swap entries + page-table pages, plus oom_score_adj
// thousandths of totalpages; LONG_MIN for a task never to be chosen.
long oom_badness(struct task_struct *p, unsigned long totalpages);
// /proc/PID/oom_score: badness scaled to 0..2000, as 6.1 prints it.
unsigned long oom_score(struct task_struct *p);
// Linux: select_bad_process (static there): sets oc->chosen to the candidate
// with the highest badness over oc->totalpages, the last of equals; nullptr
// when nobody may be chosen. The host tests call it.
void select_bad_process(struct oom_control *oc);
// Kills the worst task to free memory: true if one was killed (or is
// dying already), so the allocation is worth retrying.
bool out_of_memory(struct oom_control *oc);
