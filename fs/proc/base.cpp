/*
 * DOC: the /proc tree (Linux: fs/proc/root.c, base.c, self.c)
 *
 *   /proc/self        -> PID of the reader (a symlink made at each lookup)
 *   /proc/PID/maps    the VMAs (task_mmu.cpp)
 *   /proc/PID/status  name, state, memory, signals (array.cpp)
 *   /proc/PID/stat    the same for programs, one line
 *   /proc/PID/exe     -> the program file
 *   /proc/PID/smaps, smaps_rollup, statm, pagemap    (task_mmu.cpp)
 *   /proc/PID/cmdline, environ, comm   the task's own strings
 *   /proc/meminfo, buddyinfo, pagetypeinfo, zoneinfo, slabinfo,
 *   vmallocinfo, vmstat, iomem: the memory views, from the code the
 *   kernel shell's commands of the same names print with
 *   /proc/kpagecount, kpageflags      per page frame (page.cpp)
 *   /proc/stat, loadavg, uptime       CPU time and load (stat.cpp)
 *   /proc/sys/vm/NAME                 the vm sysctls (proc_sysctl.cpp)
 *
 * Every inode is made when a walk asks for it and has no name in any
 * directory (i_nlink 0), so it goes away with its last user. A file's
 * text is built at each read from the task as it is then.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/libfs.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/namei.h>
#include <linux/oom.h>
#include <linux/proc_fs.h>
#include <linux/sched/task.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/stat.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "internal.h"

#define PROC_TEXT_MAX (64 * 1024) // maps of a few hundred VMAs

// Linux: get_mm_cmdline. The argument strings as exec laid them out,
// NULs included. A program that wrote over the last NUL (setproctitle)
// runs on into the environment area up to the next NUL, as in Linux.
static size_t proc_pid_cmdline_text(struct task_struct *task, char *buf, size_t size)
{
	struct mm_struct *mm = task->mm;
	if (!mm || mm->arg_start >= mm->arg_end)
		return 0;
	unsigned long end =
	    mm->env_end > mm->arg_end && mm->env_start == mm->arg_end ? mm->env_end : mm->arg_end;
	size_t want = min((size_t)(end - mm->arg_start), size), args = mm->arg_end - mm->arg_start;
	size_t len = (size_t)access_remote_vm(mm, mm->arg_start, buf, (int)want);
	if (len >= args && args && buf[args - 1] == 0)
		return args;
	size_t nul = strnlen(buf, len);
	return nul < len ? nul + 1 : len;
}

// Linux: environ_read. The environment strings, raw.
static size_t proc_pid_environ_text(struct task_struct *task, char *buf, size_t size)
{
	struct mm_struct *mm = task->mm;
	if (!mm || mm->env_start >= mm->env_end)
		return 0;
	size_t want = min((size_t)(mm->env_end - mm->env_start), size);
	return (size_t)access_remote_vm(mm, mm->env_start, buf, (int)want);
}

static size_t proc_pid_comm_text(struct task_struct *task, char *buf, size_t size)
{
	return (size_t)scnprintf(buf, size, "%s\n", task->comm);
}

// Linux: comm_write. A thread renames itself (prctl(PR_SET_NAME) does the
// same); the name is cut at 15 bytes, a newline kept (so use echo -n). Only the
// task's own thread group may: others get -EINVAL, as in Linux.
static long proc_pid_comm_write(struct task_struct *task, const char *ubuf, size_t count)
{
	char name[TASK_COMM_LEN] = {};
	size_t n = min(count, sizeof(name) - 1);
	if (copy_from_user(name, ubuf, n))
		return -EFAULT;
	if (task != current) // one thread per process: its thread group is itself
		return -EINVAL;
	strlcpy(task->comm, name, TASK_COMM_LEN);
	return (long)count;
}

// The length of s up to a newline (kstrtoint takes one trailing newline,
// but the write may carry more).
static size_t strcspn_nl(const char *s)
{
	size_t n = 0;
	while (s[n] && s[n] != '\n')
		n++;
	return n;
}

// Linux: proc_oom_score. Badness scaled to 0..2000 (1000 + its share of RAM).
static size_t proc_oom_score_text(struct task_struct *task, char *buf, size_t size)
{
	return (size_t)scnprintf(buf, size, "%lu\n", oom_score(task));
}

static size_t proc_oom_score_adj_text(struct task_struct *task, char *buf, size_t size)
{
	return (size_t)scnprintf(buf, size, "%d\n", task->oom_score_adj);
}

// Linux: oom_score_adj_write. -1000..1000, else -EINVAL; a kernel thread
// or init keeps its own.
static long proc_oom_score_adj_write(struct task_struct *task, const char *ubuf, size_t count)
{
	char buf[24] = {};
	if (copy_from_user(buf, ubuf, min(count, sizeof(buf) - 1)))
		return -EFAULT;
	buf[strcspn_nl(buf)] = 0;
	int v;
	if (kstrtoint(buf, 0, &v) || v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	if (task->flags & PF_KTHREAD)
		return -EINVAL;
	task->oom_score_adj = (short)v;
	return (long)count;
}

struct pid_entry {
	const char *name;
	umode_t mode;
	size_t (*show)(struct task_struct *, char *, size_t); // text made whole per read
	long (*read)(struct task_struct *, char *ubuf, size_t, loff_t *); // binary files
	long (*write)(struct task_struct *, const char *ubuf, size_t);
	bool via_mm; // Linux reads it through the mm taken at open: empty, not
		     // -ESRCH, once the task is gone
};

// In Linux's order (fs/proc/base.c: tgid_base_stuff), the ones we have.
static const struct pid_entry pid_files[] = {
    {"environ", 0400, proc_pid_environ_text, nullptr, nullptr, true},
    {"status", 0444, proc_pid_status_text, nullptr, nullptr},
    {"cmdline", 0444, proc_pid_cmdline_text, nullptr, nullptr},
    {"comm", 0644, proc_pid_comm_text, nullptr, proc_pid_comm_write},
    {"stat", 0444, proc_pid_stat_text, nullptr, nullptr},
    {"statm", 0444, proc_pid_statm_text, nullptr, nullptr},
    {"maps", 0444, proc_pid_maps_text, nullptr, nullptr},
    {"smaps", 0444, proc_pid_smaps_text, nullptr, nullptr},
    {"smaps_rollup", 0444, proc_pid_smaps_rollup_text, nullptr, nullptr},
    {"pagemap", 0400, nullptr, proc_pid_pagemap_read, nullptr, true},
    {"oom_score", 0444, proc_oom_score_text, nullptr, nullptr},
    {"oom_score_adj", 0644, proc_oom_score_adj_text, nullptr, proc_oom_score_adj_write},
};

static struct inode *proc_root, *proc_sys;

// The files at the top of /proc (Linux: proc_create_single in each
// subsystem's init). Inode numbers 3 and up; 1 is the root, 2 self. A
// view's text is made whole at each read; kpagecount and kpageflags are
// binary, read straight from struct page.
struct proc_view {
	const char *name;
	umode_t mode;
	void (*show)(struct seq_buf *);
	long (*read)(struct file *, char *, size_t, loff_t *);
};

static const struct proc_view root_files[] = {
    {"buddyinfo", 0444, buddyinfo_show, nullptr},
    {"iomem", 0444, iomem_show, nullptr},
    {"kpagecount", 0400, nullptr, kpagecount_read},
    {"kpageflags", 0400, nullptr, kpageflags_read},
    {"loadavg", 0444, proc_loadavg_show, nullptr},
    {"meminfo", 0444, meminfo_show, nullptr},
    {"mounts", 0444, mounts_show, nullptr},
    {"pagetypeinfo", 0444, pagetypeinfo_show, nullptr},
    {"slabinfo", 0444, slabinfo_show, nullptr},
    {"stat", 0444, proc_stat_show, nullptr},
    {"uptime", 0444, proc_uptime_show, nullptr},
    {"vmallocinfo", 0444, vmallocinfo_show, nullptr},
    {"vmstat", 0444, vmstat_show, nullptr},
    {"zoneinfo", 0444, zoneinfo_show, nullptr},
};
#define ROOT_FILE_INO 3

#define PROC_VIEW_MAX (256 * 1024) // slabinfo and vmallocinfo of a busy machine

// The whole text, then the part at *ppos: each read sees the counters of
// its own moment (Linux's seq_file keeps one buffer per open file).
static long proc_view_read(struct file *f, char *ubuf, size_t count, loff_t *ppos)
{
	const struct proc_view *v = &root_files[file_inode(f)->i_ino - ROOT_FILE_INO];
	if (v->read)
		return v->read(f, ubuf, count, ppos);
	char *buf = (char *)vmalloc(PROC_VIEW_MAX);
	if (!buf)
		return -ENOMEM;
	struct seq_buf sb;
	seq_buf_init(&sb, buf, PROC_VIEW_MAX);
	v->show(&sb);
	long n = simple_read_from_buffer(ubuf, count, ppos, buf, sb.len);
	vfree(buf);
	return n;
}

static const struct file_operations proc_view_ops = {.read = proc_view_read};

static pid_t inode_pid(const struct inode *inode) { return (pid_t)(unsigned long)inode->i_private; }

// The task, while it exists: running, or a zombie not yet reaped.
static struct task_struct *inode_task(struct inode *inode)
{
	struct task_struct *task = find_task_by_pid(inode_pid(inode));
	return task && task->exit_state != EXIT_DEAD ? task : nullptr;
}

/*
 * The text of the file for its task, then the part at *ppos. What a file
 * opened before the task exited gives, as Linux 6.1 (user/procread.c
 * checks it on both): a zombie's status, stat, statm and comm still
 * read, its memory files are empty (its mm is gone) but smaps_rollup is
 * -ESRCH; once reaped every file is -ESRCH but environ and pagemap, empty.
 */
static long proc_pid_read(struct file *f, char *ubuf, size_t count, loff_t *ppos)
{
	struct inode *inode = file_inode(f);
	struct task_struct *task = inode_task(inode);
	const struct pid_entry *e = &pid_files[inode->i_ino & 0xff];
	if (!task)
		return e->via_mm ? 0 : -ESRCH;
	if (!task->mm && e->show == proc_pid_smaps_rollup_text)
		return -ESRCH; // Linux: show_smaps_rollup's failed mmget_not_zero
	if (e->read)
		return e->read(task, ubuf, count, ppos);
	char *buf = (char *)vmalloc(PROC_TEXT_MAX);
	if (!buf)
		return -ENOMEM;
	size_t len = e->show(task, buf, PROC_TEXT_MAX);
	long n = simple_read_from_buffer(ubuf, count, ppos, buf, len);
	vfree(buf);
	return n;
}

static long proc_pid_write(struct file *f, const char *ubuf, size_t count, loff_t *)
{
	struct inode *inode = file_inode(f);
	struct task_struct *task = inode_task(inode);
	if (!task)
		return -ESRCH;
	const struct pid_entry *e = &pid_files[inode->i_ino & 0xff];
	return e->write ? e->write(task, ubuf, count) : -EINVAL;
}

static const struct file_operations proc_pid_file_ops = {.read = proc_pid_read,
							 .write = proc_pid_write};

struct inode *proc_inode(umode_t mode, unsigned long ino, pid_t pid)
{
	struct inode *inode = new_inode();
	if (!inode)
		return (struct inode *)ERR_PTR(-ENOMEM);
	inode->i_mode = mode;
	inode->i_ino = ino;
	inode->i_private = (void *)(unsigned long)pid;
	return inode;
}

static struct inode *proc_symlink(const char *target, unsigned long ino)
{
	struct inode *inode = proc_inode(S_IFLNK | 0777, ino, 0);
	if (IS_ERR(inode))
		return inode;
	size_t len = strlen(target);
	inode->i_link = (char *)kmalloc(len + 1, GFP_KERNEL);
	if (!inode->i_link) {
		iput(inode);
		return (struct inode *)ERR_PTR(-ENOMEM);
	}
	memcpy(inode->i_link, target, len + 1);
	inode->i_size = (loff_t)len;
	return inode;
}

bool proc_name_is(const struct qstr *name, const char *s)
{
	return name->len == strlen(s) && !memcmp(name->name, s, name->len);
}

static struct inode *proc_pid_lookup(struct inode *dir, const struct qstr *name)
{
	pid_t pid = inode_pid(dir);
	struct task_struct *task = find_task_by_pid(pid);
	if (!task)
		return (struct inode *)ERR_PTR(-ENOENT);
	for (unsigned int i = 0; i < ARRAY_SIZE(pid_files); i++) {
		if (!proc_name_is(name, pid_files[i].name))
			continue;
		struct inode *inode =
		    proc_inode(S_IFREG | pid_files[i].mode, ((unsigned long)pid << 8) | i, pid);
		if (!IS_ERR(inode))
			inode->i_fop = &proc_pid_file_ops;
		return inode;
	}
	if (proc_name_is(name, "exe") && task->mm && task->mm->exe_file) {
		char path[256];
		return proc_symlink(file_path(task->mm->exe_file, path, sizeof(path)),
				    ((unsigned long)pid << 8) | 0x80);
	}
	return (struct inode *)ERR_PTR(-ENOENT);
}

static int proc_pid_readdir(struct file *f, struct dir_context *ctx)
{
	pid_t pid = inode_pid(file_inode(f));
	unsigned int n = ARRAY_SIZE(pid_files) + 1;
	for (; ctx->pos < (loff_t)n; ctx->pos++) {
		const char *name =
		    ctx->pos < (loff_t)ARRAY_SIZE(pid_files) ? pid_files[ctx->pos].name : "exe";
		unsigned long ino = ((unsigned long)pid << 8) | (unsigned long)ctx->pos;
		if (!ctx->actor(ctx, name, (int)strlen(name), ctx->pos, ino,
				ctx->pos < (loff_t)ARRAY_SIZE(pid_files) ? DT_REG : DT_LNK))
			break;
	}
	return 0;
}

static const struct inode_operations proc_pid_iops = {.lookup = proc_pid_lookup};
static const struct file_operations proc_pid_dir_ops = {.iterate_shared = proc_pid_readdir};

static struct inode *proc_root_lookup(struct inode *dir, const struct qstr *name)
{
	char num[16];
	if (proc_name_is(name, "sys"))
		return ihold(proc_sys);
	if (proc_name_is(name, "self")) {
		scnprintf(num, sizeof(num), "%d", current->pid);
		return proc_symlink(num, 2);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(root_files); i++) {
		if (!proc_name_is(name, root_files[i].name))
			continue;
		struct inode *inode =
		    proc_inode(S_IFREG | root_files[i].mode, ROOT_FILE_INO + i, 0);
		if (!IS_ERR(inode))
			inode->i_fop = &proc_view_ops;
		return inode;
	}
	int pid;
	if (name->len >= sizeof(num))
		return (struct inode *)ERR_PTR(-ENOENT);
	memcpy(num, name->name, name->len);
	num[name->len] = 0;
	if (num[0] < '0' || num[0] > '9' || kstrtoint(num, 10, &pid) || pid <= 0 ||
	    !find_task_by_pid(pid))
		return (struct inode *)ERR_PTR(-ENOENT);
	struct inode *inode =
	    proc_inode(S_IFDIR | 0555, (unsigned long)pid << 8 | 0xff, (pid_t)pid);
	if (!IS_ERR(inode)) {
		inode->i_op = &proc_pid_iops;
		inode->i_fop = &proc_pid_dir_ops;
		inode->i_parent = ihold(dir); // its "..", held as ramfs directories hold theirs
	}
	return inode;
}

// The views, "self", "sys", then every task but the idle one, by pid
// (Linux: proc_root_readdir, proc_pid_readdir). Positions: 0..N-1 the
// views, N self, N + 1 sys, N + 2 + pid each task.
static int proc_root_readdir(struct file *f, struct dir_context *ctx)
{
	const loff_t nviews = ARRAY_SIZE(root_files), first_pid = nviews + 2;
	for (; ctx->pos < nviews; ctx->pos++) {
		const char *name = root_files[ctx->pos].name;
		if (!ctx->actor(ctx, name, (int)strlen(name), ctx->pos,
				ROOT_FILE_INO + (unsigned long)ctx->pos, DT_REG))
			return 0;
	}
	if (ctx->pos == nviews) {
		if (!ctx->actor(ctx, "self", 4, nviews, 2, DT_LNK))
			return 0;
		ctx->pos = nviews + 1;
	}
	if (ctx->pos == nviews + 1) {
		if (!ctx->actor(ctx, "sys", 3, nviews + 1, PROC_SYS_INO, DT_DIR))
			return 0;
		ctx->pos = first_pid;
	}
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (first_pid + p->pid < ctx->pos || p->exit_state == EXIT_DEAD)
			continue; // listed before this call
		char num[16];
		int len = scnprintf(num, sizeof(num), "%d", p->pid);
		if (!ctx->actor(ctx, num, len, first_pid + p->pid,
				(unsigned long)p->pid << 8 | 0xff, DT_DIR))
			return 0;
		ctx->pos = first_pid + 1 + p->pid;
	}
	return 0;
}

static const struct inode_operations proc_root_iops = {.lookup = proc_root_lookup};
static const struct file_operations proc_root_ops = {.iterate_shared = proc_root_readdir};

int __init proc_root_init(void)
{
	proc_root = proc_inode(S_IFDIR | 0555, 1, 0);
	if (IS_ERR(proc_root))
		return (int)PTR_ERR(proc_root);
	proc_root->i_op = &proc_root_iops;
	proc_root->i_fop = &proc_root_ops;
	proc_sys = proc_sys_init(proc_root);
	return IS_ERR(proc_sys) ? (int)PTR_ERR(proc_sys) : 0;
}

// mount("proc", path, "proc"): an empty ramfs directory there (the
// initramfs's /proc) gives way to the proc tree (Linux mounts over it).
int proc_mount(const char *path)
{
	if (!proc_root)
		return -ENODEV;
	struct inode *dir;
	int err = kern_path(path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
	if (err)
		return err;
	bool is_proc = dir == proc_root;
	iput(dir);
	if (is_proc)
		return 0; // mounted already: Linux would stack a second one
	err = do_rmdir(AT_FDCWD, path);
	if (err)
		return err == -ENOTEMPTY ? -EBUSY : err;
	return attach_pseudo_dir(path, proc_root);
}
