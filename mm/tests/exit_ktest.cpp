// What a program leaves behind once it has exited and been reaped: nothing.
// Runs the user programs of the initramfs from the kernel, so it needs pid
// 1's root file system: `ktest process` at the shell of a boot with the
// initramfs and rdinit=/nope (at boot, ktest=all, it is skipped).
#include <linux/binfmts.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/vmstat.h>

#include "../slab.h"

struct footprint {
	unsigned long free_pages, slab_objects, pagetables, tasks;
};

static unsigned long nr_tasks(void)
{
	unsigned long n = 0;
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks)
		n++;
	return n;
}

static struct footprint footprint(void)
{
	struct footprint f = {settled_free_pages(), 0, nr_pagetable_pages, nr_tasks()};
	struct kmem_cache *s;
	list_for_each_entry(s, &slab_caches, list) {
		unsigned long active, total, slabs;
		slab_counts(s, &active, &total, &slabs);
		f.slab_objects += active;
	}
	return f;
}

static int exec_child(void *arg)
{
	static const char *const envp[] = {"HOME=/", "PATH=/bin", nullptr};
	const char *const *argv = (const char *const *)arg;
	return kernel_execve(argv[0], argv, envp) ? 127 : 0;
}

// fork + execve + wait4 from pid 1, as init does; the wait status, or -1.
static int run_program(const char *const *argv)
{
	pid_t pid = kernel_thread(exec_child, (void *)argv, "ktest-child", 0);
	int status = -1;
	if (pid < 0 || kernel_reap(pid, 0, &status) != pid)
		return -1;
	return status;
}

// Each program forks, faults, maps, COWs, dies of signals or hits bad
// input; some leave orphans for pid 1. The first round fills the caches
// that stay filled (dentries, inodes, /tmp/badptr, the zero page, slabs'
// partial lists), the second must leave every count where the first did.
static const char *const programs[][3] = {
    {"/bin/hello", "one", nullptr}, {"/bin/malloc", nullptr},	 {"/bin/demand", nullptr},
    {"/bin/forkcow", nullptr},	    {"/bin/exec", nullptr},	 {"/bin/stack", nullptr},
    {"/bin/segv", nullptr},	    {"/bin/mmap_edge", nullptr}, {"/bin/traps", nullptr},
    {"/bin/badelf", nullptr},	    {"/bin/badptr", nullptr},
};

static bool run_all(struct ktest *test)
{
	for (const auto &argv : programs) {
		int status = run_program(argv);
		KTEST_EXPECT_TRUE(test, status != -1 && status != 127 << 8);
		if (status == -1 || status == 127 << 8)
			return false;
		int orphan;
		while (kernel_reap(-1, WNOHANG, &orphan) > 0) // init's part
			;
	}
	return true;
}

static bool have_programs(void)
{
	if (system_state != SYSTEM_RUNNING || current != child_reaper)
		return false;
	struct file *f = filp_open(programs[0][0], O_RDONLY, 0);
	if (IS_ERR(f))
		return false;
	fput(f);
	return true;
}

KTEST(process, programs_leave_no_trace)
{
	if (!have_programs()) {
		KTEST_SKIP(test, "needs pid 1 and the initramfs: `ktest process` at its shell");
		return;
	}
	if (!run_all(test))
		return;
	struct footprint base = footprint();
	unsigned long faults = vm_events[PGFAULT], child_faults = current->cmin_flt;
	KTEST_ASSERT_TRUE(test, run_all(test));
	struct footprint after = footprint();
	KTEST_EXPECT_EQ(test, after.free_pages, base.free_pages);
	KTEST_EXPECT_EQ(test, after.slab_objects, base.slab_objects);
	KTEST_EXPECT_EQ(test, after.pagetables, base.pagetables);
	KTEST_EXPECT_EQ(test, after.tasks, base.tasks);
	// every fault a program counted (getrusage's ru_minflt) is one of vmstat's
	KTEST_EXPECT_TRUE(test, current->cmin_flt > child_faults);
	KTEST_EXPECT_TRUE(test, vm_events[PGFAULT] - faults >= current->cmin_flt - child_faults);
}
