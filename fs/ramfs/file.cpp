/*
 * ramfs regular files (Linux: fs/ramfs/file-mmu.c, which takes
 * generic_file_read_iter and generic_file_write_iter): the data is the
 * page cache, read and written through mm/filemap.cpp.
 */
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/uio.h>

#include "internal.h"

static long ramfs_read(struct file *file, char *ubuf, size_t count, loff_t *ppos)
{
	struct iov_iter to;
	iov_iter_ubuf(&to, ubuf, count);
	return filemap_read(file, &to, ppos);
}

// Linux: generic_file_write_iter; O_APPEND moves to the end first
// (generic_write_checks).
static long ramfs_write(struct file *file, const char *ubuf, size_t count, loff_t *ppos)
{
	struct iov_iter from;
	iov_iter_ubuf(&from, (char __user *)ubuf, count);
	if (file->f_flags & O_APPEND)
		*ppos = file_inode(file)->i_size;
	return generic_perform_write(file, &from, ppos);
}

const struct file_operations ramfs_file_operations = {
    .llseek = generic_file_llseek,
    .read = ramfs_read,
    .write = ramfs_write,
    .mmap = generic_file_mmap,
};
