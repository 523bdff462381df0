/*
 * DOC: the shell's process commands: run, fg, ps, maps, kill (no Linux
 * counterpart: what a student would type into sh, ps(1) and kill(1))
 *
 * When no /init is found, pid 1 stays in the kernel and is this shell, so
 * it does what init, getty and a shell do for the programs it starts:
 * `run` forks a kernel thread that starts a session (setsid), takes the
 * console as its controlling terminal and execs the program. Its process
 * group is the console's foreground: Ctrl-C, Ctrl-\ and Ctrl-Z go to it
 * as SIGINT, SIGQUIT and SIGTSTP, typed lines to its reads. A shell run
 * this way (busybox sh) has job control. `run` waits until the program
 * ends or stops and says which; `fg PID` continues a stopped one. Only
 * SIGSTOP stops a program run directly: its parent is init, so its group
 * is orphaned and Ctrl-Z's SIGTSTP is discarded, as on Linux (a shell's
 * jobs have the shell, in their session, as parent). Orphans are
 * reparented to pid 1 like any other, and the prompt reaps them.
 *
 * Differs from a real shell: one program at a time in the foreground;
 * ps's COMMAND is the task's comm (ps -o comm), in brackets for kernel
 * threads as ps -o args shows them.
 */
#include <linux/binfmts.h>
#include <linux/err.h>
#include <linux/errname.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/oom.h>
#include <linux/proc_fs.h>
#include <linux/sched/task.h>
#include <linux/shell.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/tty.h>

struct run_request {
	const char *argv[SHELL_MAX_ARGS];
	int exec_err; // what kernel_execve said, if it failed
};

// The child's half of `run`: becomes the program, or says why it could
// not (Linux's sh does the same after its fork: exec, else exit 127).
static int run_child(void *arg)
{
	struct run_request *req = (struct run_request *)arg;
	static const char *const envp[] = {"HOME=/", "TERM=linux", "PATH=/bin", nullptr};
	sys_setsid(); // as getty: a session of its own with the console
	tty_give_to(current->session, current->pgrp);
	req->exec_err = kernel_execve(req->argv[0], req->argv, envp);
	return req->exec_err ? 127 : 0; // 0: ret_from_fork goes to the program
}

// How a child ended, as sh and wait(2)'s macros read the status word.
static void report_status(pid_t pid, const char *path, int status)
{
	int sig = status & 0x7f;
	if (sig == 0x7f) { // WIFSTOPPED
		const char *name = signame((status >> 8) & 0xff);
		pr_info("run: pid %d (%s) stopped by signal %d (%s): fg %d continues it\n", pid,
			path, (status >> 8) & 0xff, name ? name : "?", pid);
		return;
	}
	if (!sig) {
		pr_info("run: pid %d (%s) exited %d\n", pid, path, (status >> 8) & 0xff);
		return;
	}
	const char *name = signame(sig);
	pr_info("run: pid %d (%s) killed by signal %d (%s)%s\n", pid, path, sig, name ? name : "?",
		status & 0x80 ? " (core dumped)" : "");
}

static struct task_struct *task_arg(const char *cmd, const char *s)
{
	int pid;
	if (kstrtoint(s, 10, &pid) || pid <= 0) {
		pr_err("%s: '%s' is not a pid (a positive number)\n", cmd, s);
		return nullptr;
	}
	struct task_struct *p = find_task_by_pid(pid);
	if (!p)
		pr_err("%s: no process %d (ps lists them)\n", cmd, pid);
	return p;
}

// The program in the foreground until it ends or stops; 0 or -errno
// (Linux's sh: waitpid with WUNTRACED, then tcsetpgrp back to itself).
static long wait_foreground(pid_t pid, int *status)
{
	long ret = kernel_reap(pid, WUNTRACED, status);
	console_tty.pgrp = 0; // the kernel shell reads the console again
	return ret == pid ? 0 : ret;
}

bool shell_cmd_run(int argc, char **argv)
{
	struct run_request req = {};
	for (int i = 1; i < argc; i++)
		req.argv[i - 1] = argv[i];
	const char *base = strrchr(argv[1], '/');
	pid_t pid = kernel_thread(run_child, &req, base ? base + 1 : argv[1], 0);
	if (pid < 0) {
		pr_err("run: fork: %s\n", errname(pid) ?: "?");
		return false;
	}
	int status = 0;
	long err = wait_foreground(pid, &status);
	if (err) {
		pr_err("run: wait4(%d): %ld\n", pid, err);
		return false;
	}
	if (req.exec_err && (status & 0x7f) != 0x7f) {
		pr_err("run: %s: %s\n", argv[1], errname(req.exec_err) ?: "?");
		return false;
	}
	report_status(pid, argv[1], status);
	return true;
}

// fg PID: a program `run` left stopped takes the console back and goes on.
bool shell_cmd_fg(int, char **argv)
{
	struct task_struct *p = task_arg("fg", argv[1]);
	if (!p)
		return false;
	if (p->real_parent != current || p->pid != p->session) {
		pr_err("fg: %d (%s) was not started by run\n", p->pid, p->comm);
		return false;
	}
	pid_t pid = p->pid;
	char comm[TASK_COMM_LEN];
	memcpy(comm, p->comm, sizeof(comm));
	tty_give_to(p->session, p->pgrp);
	kill_pgrp(p->pgrp, SIGCONT, nullptr);
	int status = 0;
	long err = wait_foreground(pid, &status);
	if (err) {
		pr_err("fg: wait4(%d): %ld\n", pid, err);
		return false;
	}
	report_status(pid, comm, status);
	return true;
}

// Zombies whose parent died are init's to reap (Linux: init's wait loop).
void shell_reap_orphans(void)
{
	int status;
	while (kernel_reap(-1, WNOHANG, &status) > 0)
		;
}

// ps -eo pid,ppid,stat,vsz,rss,oom,oomadj,comm: VSZ and RSS in KiB, OOM the
// task's /proc/PID/oom_score, OOMADJ its oom_score_adj.
bool shell_cmd_ps(int, char **)
{
	pr_info("%7s %7s %-4s %6s %5s %4s %6s %s\n", "PID", "PPID", "STAT", "VSZ", "RSS", "OOM",
		"OOMADJ", "COMMAND");
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (!p->pid)
			continue; // the idle task: ps does not show pid 0
		struct mm_struct *mm = p->mm;
		unsigned long vsz = mm ? mm->total_vm << (PAGE_SHIFT - 10) : 0;
		unsigned long rss = mm ? get_mm_rss(mm) << (PAGE_SHIFT - 10) : 0;
		bool kthread = p->flags & PF_KTHREAD;
		pr_info("%7d %7d %c%-3s %6lu %5lu %4lu %6hd %s%s%s\n", p->pid,
			p->real_parent ? p->real_parent->pid : 0, task_state_char(p),
			p->pgrp && p->pgrp == console_tty.pgrp ? "+" : "", vsz, rss, oom_score(p),
			p->oom_score_adj, kthread ? "[" : "", p->comm, kthread ? "]" : "");
	}
	return true;
}

// cat /proc/PID/maps.
bool shell_cmd_maps(int, char **argv)
{
	struct task_struct *p = task_arg("maps", argv[1]);
	if (!p)
		return false;
	if (!p->mm) {
		pr_info("maps: %d (%s) is a kernel thread: no user address space\n", p->pid,
			p->comm);
		return true;
	}
	const size_t size = 4 * PAGE_SIZE;
	char *buf = (char *)kmalloc(size, GFP_KERNEL);
	if (!buf) {
		pr_err("maps: no memory for the text\n");
		return false;
	}
	size_t n = proc_pid_maps_text(p, buf, size);
	for (char *line = buf, *end = buf + n; line < end;) {
		char *nl = (char *)memchr(line, '\n', (size_t)(end - line));
		if (nl)
			*nl = 0;
		pr_info("%s\n", line);
		line = nl ? nl + 1 : end;
	}
	if (n >= size - 1)
		pr_info("maps: (cut at %zu bytes)\n", size);
	kfree(buf);
	return true;
}

// kill PID [SIG]: SIGTERM by default, as kill(1).
bool shell_cmd_kill(int argc, char **argv)
{
	struct task_struct *p = task_arg("kill", argv[1]);
	if (!p)
		return false;
	int sig = argc > 2 ? signum_parse(argv[2]) : SIGTERM;
	if (sig < 0 || sig > _NSIG) {
		pr_err("kill: '%s' is not a signal (a number, or a name such as KILL or SIGINT)\n",
		       argv[2]);
		return false;
	}
	if (p->flags & PF_KTHREAD) {
		pr_err("kill: %d (%s) is a kernel thread: it takes no signals\n", p->pid, p->comm);
		return false;
	}
	long err = sys_kill(p->pid, sig);
	if (err) {
		pr_err("kill: %d: %s\n", p->pid, errname((int)err) ?: "?");
		return false;
	}
	return true;
}
