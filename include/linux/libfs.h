#pragma once
// Synthetic directories and generated files (fs/libfs.cpp; Linux:
// fs/libfs.c). See fs/libfs.cpp for how /proc uses them.
#include <linux/fs.h>

// Copies from[*ppos, available) out, at most count bytes; advances *ppos.
// Bytes copied, 0 at the end, -EFAULT if none could be (Linux's).
long simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from,
			     size_t available);
// Names dir (a directory with its own lookup) at path, whose parent must
// be a ramfs directory: lookups below path go to dir->i_op->lookup. The tree
// counts the name (i_nlink) and dir keeps the parent; the caller keeps its
// own reference. 0, -EEXIST, -ENOENT, -EINVAL (not such a directory).
int attach_pseudo_dir(const char *path, struct inode *dir);
