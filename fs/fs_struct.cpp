// Root and working directory references (Linux: fs/fs_struct.c).
#include <linux/fs_struct.h>
#include <linux/sched.h>
#include <linux/slab.h>

struct fs_struct init_fs = {.users = 1, .root = nullptr, .pwd = nullptr};

void set_fs_root(struct fs_struct *fs, struct inode *inode)
{
	struct inode *old = fs->root;
	fs->root = ihold(inode);
	iput(old);
}

void set_fs_pwd(struct fs_struct *fs, struct inode *inode)
{
	struct inode *old = fs->pwd;
	fs->pwd = ihold(inode);
	iput(old);
}

struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = (struct fs_struct *)kmalloc(sizeof(*fs), GFP_KERNEL);
	if (!fs)
		return nullptr;
	fs->users = 1;
	fs->root = old->root ? ihold(old->root) : nullptr;
	fs->pwd = old->pwd ? ihold(old->pwd) : nullptr;
	return fs;
}

void exit_fs(struct task_struct *tsk)
{
	struct fs_struct *fs = tsk->fs;
	if (!fs)
		return;
	tsk->fs = nullptr;
	if (--fs->users)
		return;
	iput(fs->root);
	iput(fs->pwd);
	fs->root = fs->pwd = nullptr;
	if (fs != &init_fs)
		kfree(fs);
}
