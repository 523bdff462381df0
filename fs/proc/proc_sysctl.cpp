/*
 * DOC: the /proc/sys tree (Linux: fs/proc/proc_sysctl.c)
 *
 *   /proc/sys/vm/<name>   one file per row of vm_table (kernel/sysctl.cpp)
 *
 * A read or write goes through a kernel copy of the user's buffer to the
 * row's handler, as Linux's proc_sys_call_handler does. The mode bits
 * bind even root here (Linux: proc_sys_permission): drop_caches (0200)
 * cannot be opened for reading, "Permission denied" as in Linux.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/uaccess.h>

#include "internal.h"

static const struct ctl_table *inode_table(const struct inode *inode)
{
	return (const struct ctl_table *)inode->i_private;
}

static int proc_sys_open(struct inode *inode, struct file *f)
{
	umode_t mode = inode_table(inode)->mode;
	if (((f->f_mode & FMODE_READ) && !(mode & 0400)) ||
	    ((f->f_mode & FMODE_WRITE) && !(mode & 0200)))
		return -EACCES;
	return 0;
}

static long proc_sys_call_handler(struct file *f, char *ubuf, size_t count, loff_t *ppos, int write)
{
	const struct ctl_table *table = inode_table(file_inode(f));
	if (count >= KMALLOC_MAX_SIZE)
		return -ENOMEM;
	if (!count)
		return 0;
	char *kbuf = (char *)kvmalloc_array(1, count + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	long ret = 0;
	if (write) {
		if (copy_from_user(kbuf, ubuf, count))
			ret = -EFAULT;
		kbuf[count] = 0;
	}
	if (!ret)
		ret = table->handler(table, write, kbuf, &count, ppos);
	if (!ret && !write && count && copy_to_user(ubuf, kbuf, count))
		ret = -EFAULT;
	kvfree(kbuf);
	return ret ? ret : (long)count;
}

static long proc_sys_read(struct file *f, char *ubuf, size_t count, loff_t *ppos)
{
	return proc_sys_call_handler(f, ubuf, count, ppos, 0);
}

static long proc_sys_write(struct file *f, const char *ubuf, size_t count, loff_t *ppos)
{
	return proc_sys_call_handler(f, (char *)ubuf, count, ppos, 1);
}

static const struct file_operations proc_sys_file_ops = {
    .read = proc_sys_read, .write = proc_sys_write, .open = proc_sys_open};

static struct inode *vm_dir_lookup(struct inode *, const struct qstr *name)
{
	for (unsigned int i = 0; i < vm_table_size; i++) {
		if (!proc_name_is(name, vm_table[i].procname))
			continue;
		struct inode *inode =
		    proc_inode(S_IFREG | vm_table[i].mode, PROC_SYS_INO + 2 + i, 0);
		if (!IS_ERR(inode)) {
			inode->i_private = (void *)&vm_table[i];
			inode->i_fop = &proc_sys_file_ops;
		}
		return inode;
	}
	return (struct inode *)ERR_PTR(-ENOENT);
}

static int vm_dir_readdir(struct file *, struct dir_context *ctx)
{
	for (; ctx->pos < (loff_t)vm_table_size; ctx->pos++) {
		const char *name = vm_table[ctx->pos].procname;
		if (!ctx->actor(ctx, name, (int)strlen(name), ctx->pos,
				PROC_SYS_INO + 2 + (unsigned long)ctx->pos, DT_REG))
			break;
	}
	return 0;
}

static const struct inode_operations vm_dir_iops = {.lookup = vm_dir_lookup};
static const struct file_operations vm_dir_ops = {.iterate_shared = vm_dir_readdir};

static struct inode *sys_dir_inode;

static struct inode *sys_dir_lookup(struct inode *dir, const struct qstr *name)
{
	if (!proc_name_is(name, "vm"))
		return (struct inode *)ERR_PTR(-ENOENT);
	struct inode *inode = proc_inode(S_IFDIR | 0555, PROC_SYS_INO + 1, 0);
	if (!IS_ERR(inode)) {
		inode->i_op = &vm_dir_iops;
		inode->i_fop = &vm_dir_ops;
		inode->i_parent = ihold(dir);
	}
	return inode;
}

static int sys_dir_readdir(struct file *, struct dir_context *ctx)
{
	if (ctx->pos == 0 && ctx->actor(ctx, "vm", 2, 0, PROC_SYS_INO + 1, DT_DIR))
		ctx->pos = 1;
	return 0;
}

static const struct inode_operations sys_dir_iops = {.lookup = sys_dir_lookup};
static const struct file_operations sys_dir_ops = {.iterate_shared = sys_dir_readdir};

// /proc/sys, kept for the life of the kernel as /proc itself is.
struct inode *proc_sys_init(struct inode *proc_root)
{
	sys_dir_inode = proc_inode(S_IFDIR | 0555, PROC_SYS_INO, 0);
	if (IS_ERR(sys_dir_inode))
		return sys_dir_inode;
	sys_dir_inode->i_op = &sys_dir_iops;
	sys_dir_inode->i_fop = &sys_dir_ops;
	sys_dir_inode->i_parent = ihold(proc_root);
	return sys_dir_inode;
}
