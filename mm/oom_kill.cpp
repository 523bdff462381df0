/*
 * DOC: the OOM killer (Linux: mm/oom_kill.c)
 *
 * When an allocation has failed after reclaim (here: after draining the
 * pcp lists; there is nothing else to reclaim), the page allocator's slow
 * path calls out_of_memory(). It scores every process by how much memory
 * killing it would free:
 *
 *   badness = rss + swap entries + page-table pages
 *           + oom_score_adj * totalpages / 1000
 *
 * skipping init, kernel threads and oom_score_adj -1000, sends SIGKILL to
 * the highest, and frees the victim's anonymous memory at once (the "OOM
 * reaper") so the allocation can be retried without waiting for the
 * victim to run and exit. The report is Linux 6.1's, line for line.
 * vm.panic_on_oom panics instead; vm.oom_kill_allocating_task kills the
 * task that asked. Differs from Linux: one CPU and no threads, so the
 * reaper runs in the killer's context rather than in a kthread.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/oom.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/sysctl.h>
#include <linux/vmstat.h>

#include "internal.h"

#define K(x) ((x) << (PAGE_SHIFT - 10))

static bool oom_unkillable_task(const struct task_struct *p)
{
	return p == child_reaper || (p->flags & PF_KTHREAD) || p == &init_task;
}

static unsigned long mm_pgtables_pages(const struct mm_struct *mm) { return mm->nr_pte_tables; }

long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	if (oom_unkillable_task(p) || !p->mm || p->exit_state)
		return LONG_MIN;
	long adj = p->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN || (p->flags & PF_EXITING))
		return LONG_MIN;
	long points = (long)(get_mm_rss(p->mm) + mm_pgtables_pages(p->mm)); // no swap entries
	adj *= (long)(totalpages / 1000);
	return points + adj;
}

static unsigned long oom_totalpages(void) { return totalram_pages_count; } // + swap: none

unsigned long oom_score(struct task_struct *p)
{
	long total = (long)oom_totalpages(), badness = oom_badness(p, (unsigned long)total);
	return badness == LONG_MIN ? 0 : (unsigned long)((1000 + badness * 1000 / total) * 2 / 3);
}

// Linux: select_bad_process / oom_evaluate_task. A victim not yet reaped
// would mean memory on its way (choose nobody, -1, and wait); ours are
// reaped as they are killed (Linux then sets MMF_OOM_SKIP), so a victim
// still exiting is skipped and the next heaviest chosen.
void select_bad_process(struct oom_control *oc)
{
	oc->chosen = nullptr;
	oc->chosen_points = LONG_MIN;
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (oom_unkillable_task(p) || p->exit_state)
			continue;
		if (p->oom_victim)
			continue; // reaped: killing it again frees nothing
		long points = oom_badness(p, oc->totalpages);
		if (points == LONG_MIN || points < oc->chosen_points)
			continue;
		oc->chosen = p;
		oc->chosen_points = points;
	}
}

// Linux: dump_tasks. Values in pages.
static void dump_tasks(void)
{
	pr_info("Tasks state (memory values in pages):\n");
	pr_info(
	    "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (oom_unkillable_task(p) || !p->mm || p->exit_state)
			continue;
		pr_info("[%7d] %5d %5d %8lu %8lu %8ld %8lu         %5hd %s\n", p->pid, 0, p->pid,
			p->mm->total_vm, get_mm_rss(p->mm),
			(long)(mm_pgtables_pages(p->mm) * PAGE_SIZE), 0ul, p->oom_score_adj,
			p->comm);
	}
}

// Linux: dump_header. What asked, the stack, show_mem, the tasks.
static void dump_header(const struct oom_control *oc, const struct task_struct *victim)
{
	char flags[160];
	gfp_flags_str(oc->gfp_mask, flags, sizeof(flags));
	pr_warn("%s invoked oom-killer: gfp_mask=%#x(%s), order=%d, oom_score_adj=%hd\n",
		current->comm, oc->gfp_mask, flags, oc->order, current->oom_score_adj);
	dump_stack();
	show_mem();
	dump_tasks();
	if (victim)
		pr_info("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,"
			"mems_allowed=0,global_oom,task_memcg=/,task=%s,pid=%d,uid=%d\n",
			victim->comm, victim->pid, 0);
}

// Linux: __oom_reap_task_mm. Unmaps the private memory the victim alone
// owns the fate of; shared file pages stay for their other users.
static void oom_reap_task(struct task_struct *victim)
{
	struct mm_struct *mm = victim->mm;
	struct vm_area_struct *vma;
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (!(vma->vm_flags & (VM_SHARED | VM_PFNMAP | VM_LOCKED)) && !vma->vm_special)
			zap_page_range(mm, vma->vm_start, vma->vm_end);
	pr_info("oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB, "
		"shmem-rss:%lukB\n",
		victim->pid, victim->comm, K(get_mm_counter(mm, MM_ANONPAGES)),
		K(get_mm_counter(mm, MM_FILEPAGES)), K(get_mm_counter(mm, MM_SHMEMPAGES)));
}

// Linux: oom_kill_process and __oom_kill_process.
static void oom_kill_process(struct oom_control *oc, const char *message)
{
	struct task_struct *victim = oc->chosen;
	struct mm_struct *mm = victim->mm;
	dump_header(oc, victim);
	send_sig(SIGKILL, victim);
	victim->oom_victim = true;
	vm_events[OOM_KILL]++;
	pr_err("%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, "
	       "shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd\n",
	       message, victim->pid, victim->comm, K(mm->total_vm),
	       K(get_mm_counter(mm, MM_ANONPAGES)), K(get_mm_counter(mm, MM_FILEPAGES)),
	       K(get_mm_counter(mm, MM_SHMEMPAGES)), 0u, K(mm_pgtables_pages(mm)),
	       victim->oom_score_adj);
	// Reaped now even when it is current: the allocation retried next then
	// succeeds, the fault or copy in progress completes into the emptied
	// mappings, and the SIGKILL ends the task on its way back to user mode.
	// (Linux's reaper is a kthread racing the victim; with one CPU a task
	// waiting for a victim that cannot run would only fail.)
	oom_reap_task(victim);
	// Linux: the SIGKILL's wakeup preempts us (CFS runs a task that slept
	// before one that has been allocating), so the victim exits before the
	// next report. Round robin would let this task run out its slice first.
	if (victim != current)
		current->need_resched = true;
}

// Any user process at all (dying or not, whatever its oom_score_adj).
static bool any_user_process(void)
{
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->mm && !(p->flags & PF_KTHREAD) && p != child_reaper)
			return true;
	return false;
}

/*
 * Linux: out_of_memory, for the global (no cgroup, no cpuset) case.
 * Differs: with no user process at all (the boot, the kernel shell's own
 * allocations, ktest's exhaustion tests, host tests) there is nothing to
 * weigh and the allocation fails as it did before the killer existed;
 * Linux would panic. With processes but none killable, Linux's panic.
 */
bool out_of_memory(struct oom_control *oc)
{
	if (!any_user_process())
		return false;
	if (current->oom_victim || ((current->flags & PF_EXITING) && current->mm))
		return true; // dying already: its exit frees the memory
	if (oc->gfp_mask && !(oc->gfp_mask & __GFP_FS))
		return true; // Linux: no killing for IO-less reclaim; retry
	oc->totalpages = oom_totalpages();
	if (sysctl_panic_on_oom) {
		dump_header(oc, nullptr);
		panic("Out of memory: %s panic_on_oom is enabled\n",
		      sysctl_panic_on_oom == 2 ? "compulsory" : "system-wide");
	}
	if (sysctl_oom_kill_allocating_task && current->mm && !oom_unkillable_task(current) &&
	    current->oom_score_adj != OOM_SCORE_ADJ_MIN) {
		oc->chosen = current;
		oom_kill_process(oc, "Out of memory (oom_kill_allocating_task)");
		return true;
	}
	select_bad_process(oc);
	if (!oc->chosen) {
		dump_header(oc, nullptr);
		pr_warn("Out of memory and no killable processes...\n");
		panic("System is deadlocked on memory\n");
	}
	if (oc->chosen != (struct task_struct *)-1L)
		oom_kill_process(oc, "Out of memory");
	return true;
}
