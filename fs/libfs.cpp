/*
 * Helpers for filesystems whose files are made up by code (Linux:
 * fs/libfs.c): what /proc needs to hang off the tree.
 *
 * A synthetic directory is an inode the caller makes (new_inode(), mode
 * S_IFDIR | 0555) with its own i_op->lookup (which makes an inode for each
 * name asked, usually nameless: i_nlink 0, so it goes with its last user)
 * and i_fop->iterate_shared; attach_pseudo_dir() names it in the ramfs tree
 * so a walk through that name lands in the caller's lookup. A generated
 * file is an S_IFREG inode whose i_fop->read fills the buffer from
 * simple_read_from_buffer(), with i_private for its state and i_free to
 * release that state.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/kernel.h>
#include <linux/libfs.h>
#include <linux/namei.h>
#include <linux/ramfs.h>
#include <linux/stat.h>
#include <linux/uaccess.h>

long simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from,
			     size_t available)
{
	loff_t pos = *ppos;
	if (pos < 0)
		return -EINVAL;
	if ((size_t)pos >= available || !count)
		return 0;
	size_t n = min(count, available - (size_t)pos);
	size_t left = copy_to_user(to, (const char *)from + pos, n);
	if (left == n)
		return -EFAULT;
	*ppos = pos + (loff_t)(n - left);
	return (long)(n - left);
}

int attach_pseudo_dir(const char *path, struct inode *dir)
{
	if (!S_ISDIR(dir->i_mode) || !dir->i_op || !dir->i_op->lookup)
		return -EINVAL;
	struct inode *parent;
	struct qstr last;
	int type;
	bool trailing;
	int err = filename_parentat(AT_FDCWD, path, &parent, &last, &type, &trailing);
	if (err)
		return err;
	err = type != LAST_NORM ? -EEXIST : ramfs_add_entry(parent, &last, dir);
	iput(parent);
	return err;
}
