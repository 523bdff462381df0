/*
 * DOC: the /proc tree (Linux: fs/proc/root.c, base.c, self.c)
 *
 *   /proc/self        -> PID of the reader (a symlink made at each lookup)
 *   /proc/PID/maps    the VMAs (task_mmu.cpp)
 *   /proc/PID/status  name, state, memory, signals (array.cpp)
 *   /proc/PID/stat    the same for programs, one line
 *   /proc/PID/exe     -> the program file
 *   /proc/meminfo, buddyinfo, pagetypeinfo, zoneinfo, slabinfo,
 *   vmallocinfo, vmstat: the memory views, from the code the kernel
 *   shell's commands of the same names print with
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
#include <linux/proc_fs.h>
#include <linux/sched/task.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/stat.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#define PROC_TEXT_MAX (64 * 1024) // maps of a few hundred VMAs

struct pid_entry {
	const char *name;
	size_t (*show)(struct task_struct *, char *, size_t);
};

static const struct pid_entry pid_files[] = {
    {"maps", proc_pid_maps_text},
    {"stat", proc_pid_stat_text},
    {"status", proc_pid_status_text},
};

static struct inode *proc_root;

// The files at the top of /proc (Linux: proc_create_single in each
// subsystem's init). Inode numbers 3 and up; 1 is the root, 2 self.
struct proc_view {
	const char *name;
	void (*show)(struct seq_buf *);
};

static const struct proc_view root_files[] = {
    {"buddyinfo", buddyinfo_show},	 {"meminfo", meminfo_show},
    {"pagetypeinfo", pagetypeinfo_show}, {"slabinfo", slabinfo_show},
    {"vmallocinfo", vmallocinfo_show},	 {"vmstat", vmstat_show},
    {"zoneinfo", zoneinfo_show},
};
#define ROOT_FILE_INO 3

#define PROC_VIEW_MAX (256 * 1024) // slabinfo and vmallocinfo of a busy machine

// The whole text, then the part at *ppos: each read sees the counters of
// its own moment (Linux's seq_file keeps one buffer per open file).
static long proc_view_read(struct file *f, char *ubuf, size_t count, loff_t *ppos)
{
	const struct proc_view *v = &root_files[file_inode(f)->i_ino - ROOT_FILE_INO];
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

// The text of the file for its task, then the part at *ppos.
static long proc_pid_read(struct file *f, char *ubuf, size_t count, loff_t *ppos)
{
	struct inode *inode = file_inode(f);
	struct task_struct *task = find_task_by_pid(inode_pid(inode));
	if (!task || task->exit_state)
		return -ESRCH;
	const struct pid_entry *e = &pid_files[inode->i_ino & 0xff];
	char *buf = (char *)vmalloc(PROC_TEXT_MAX);
	if (!buf)
		return -ENOMEM;
	size_t len = e->show(task, buf, PROC_TEXT_MAX);
	long n = simple_read_from_buffer(ubuf, count, ppos, buf, len);
	vfree(buf);
	return n;
}

static const struct file_operations proc_pid_file_ops = {.read = proc_pid_read};

static struct inode *proc_inode(umode_t mode, unsigned long ino, pid_t pid)
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

static bool name_is(const struct qstr *name, const char *s)
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
		if (!name_is(name, pid_files[i].name))
			continue;
		struct inode *inode =
		    proc_inode(S_IFREG | 0444, ((unsigned long)pid << 8) | i, pid);
		if (!IS_ERR(inode))
			inode->i_fop = &proc_pid_file_ops;
		return inode;
	}
	if (name_is(name, "exe") && task->mm && task->mm->exe_file) {
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
	if (name_is(name, "self")) {
		scnprintf(num, sizeof(num), "%d", current->pid);
		return proc_symlink(num, 2);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(root_files); i++) {
		if (!name_is(name, root_files[i].name))
			continue;
		struct inode *inode = proc_inode(S_IFREG | 0444, ROOT_FILE_INO + i, 0);
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

// The views, "self", then every task but the idle one, by pid (Linux:
// proc_root_readdir, proc_pid_readdir). Positions: 0..N-1 the views, N
// self, N + 1 + pid each task.
static int proc_root_readdir(struct file *f, struct dir_context *ctx)
{
	const loff_t nviews = ARRAY_SIZE(root_files);
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
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (nviews + 1 + p->pid < ctx->pos || p->exit_state == EXIT_DEAD)
			continue; // listed before this call
		char num[16];
		int len = scnprintf(num, sizeof(num), "%d", p->pid);
		if (!ctx->actor(ctx, num, len, nviews + 1 + p->pid,
				(unsigned long)p->pid << 8 | 0xff, DT_DIR))
			return 0;
		ctx->pos = nviews + 2 + p->pid;
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
	return 0;
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
