/*
 * DOC: mount(2) and /proc/mounts (Linux: fs/namespace.c, fs/proc_namespace.c)
 *
 * There is one file system tree, the ramfs root. Two types can be
 * mounted on a directory of it:
 *   proc    the /proc tree takes the directory's place (fs/proc/base.cpp);
 *   tmpfs   an empty directory becomes a tmpfs: the files made below it
 *           are ramfs files whose pages count as Shmem, as tmpfs pages
 *           do in Linux (mm/shmem.cpp).
 * Any other type is -ENODEV, as Linux says for a type it does not know.
 * Differs from Linux: a tmpfs goes only on an empty directory (-EBUSY
 * otherwise; Linux would hide what is there), has no size= limit and
 * cannot be unmounted.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm_space.h>
#include <linux/namei.h>
#include <linux/proc_fs.h>
#include <linux/seq_buf.h>
#include <linux/stat.h>
#include <linux/string.h>
#include <linux/syscalls_fs.h>
#include <linux/uaccess.h>

struct mount_entry {
	char dev[32], dir[64], type[8];
};
static struct mount_entry mounts[16];
static unsigned int nr_mounts;

static int tmpfs_mount(const char *path)
{
	struct inode *dir;
	int err = kern_path(path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->create)
		err = -EINVAL; // not a ramfs directory (/proc...)
	else if (inode_is_shmem(dir) || !list_empty(&dir->i_dirents))
		err = -EBUSY; // mounted already, or files there
	else
		shmem_mark_inode(dir);
	iput(dir);
	return err;
}

static void record_mount(const char *dev, const char *dir, const char *type)
{
	for (unsigned int i = 0; i < nr_mounts; i++)
		if (!strcmp(mounts[i].dir, dir) && !strcmp(mounts[i].type, type))
			return; // proc mounted twice: one tree
	if (nr_mounts == ARRAY_SIZE(mounts))
		return;
	struct mount_entry *m = &mounts[nr_mounts++];
	strlcpy(m->dev, dev, sizeof(m->dev));
	strlcpy(m->dir, dir, sizeof(m->dir));
	strlcpy(m->type, type, sizeof(m->type));
}

long sys_mount(char __user *dev_name, char __user *dir_name, char __user *type, unsigned long flags,
	       void __user *data)
{
	char fstype[32], dev[32] = "none";
	long n = strncpy_from_user(fstype, type, sizeof(fstype));
	if (n < 0)
		return n;
	if (n == sizeof(fstype))
		return -ENODEV;
	if (dev_name && strncpy_from_user(dev, dev_name, sizeof(dev)) < 0)
		return -EFAULT;
	dev[sizeof(dev) - 1] = 0;
	char *dir = getname(dir_name);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	long err = !strcmp(fstype, "proc")    ? proc_mount(dir)
		   : !strcmp(fstype, "tmpfs") ? tmpfs_mount(dir)
					      : -ENODEV;
	if (!err)
		record_mount(dev, dir, fstype);
	putname(dir);
	return err;
}

// Linux: show_vfsmnt. "device mountpoint type options 0 0", the root first.
void mounts_show(struct seq_buf *s)
{
	seq_buf_printf(s, "rootfs / rootfs rw 0 0\n");
	for (unsigned int i = 0; i < nr_mounts; i++)
		seq_buf_printf(s, "%s %s %s rw,relatime 0 0\n", mounts[i].dev, mounts[i].dir,
			       mounts[i].type);
}
