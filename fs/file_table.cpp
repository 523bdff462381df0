// Open-file references (Linux: fs/file_table.c). Every fd, every VMA that
// maps a file and an exec in progress holds one; the last fput() calls the
// file's release, drops the inode and frees the file.
// Differs from Linux: fput releases at once (Linux defers it to task_work).
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/slab.h>

void fput(struct file *file)
{
	if (WARN_ON(file->f_count <= 0))
		return;
	if (--file->f_count)
		return;
	if (file->f_op && file->f_op->release)
		file->f_op->release(file->f_inode, file);
	if (file->f_inode)
		iput(file->f_inode);
	kfree(file);
}

// O_ACCMODE's 0, 1, 2 as FMODE_ bits (Linux: OPEN_FMODE).
static fmode_t open_fmode(unsigned int flags)
{
	static const fmode_t acc[4] = {FMODE_READ, FMODE_WRITE, FMODE_READ | FMODE_WRITE, 0};
	return acc[flags & O_ACCMODE] | FMODE_PREAD | FMODE_PWRITE;
}

// Linux: alloc_file + alloc_empty_file. The file takes a reference on inode.
struct file *alloc_file(struct inode *inode, unsigned int flags, const struct file_operations *fop)
{
	struct file *f = (struct file *)kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return (struct file *)ERR_PTR(-ENOMEM);
	f->f_count = 1;
	f->f_flags = flags;
	f->f_mode = open_fmode(flags);
	f->f_inode = ihold(inode);
	f->f_mapping = inode->i_mapping;
	f->f_op = fop;
	return f;
}
