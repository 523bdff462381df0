// Open-file references (Linux: fs/file_table.c). Every fd, every VMA that
// maps a file and an exec in progress holds one; the last fput() calls the
// file's release and frees it.
// Differs from Linux: fput releases at once (Linux defers it to task_work).
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
	kfree(file);
}
