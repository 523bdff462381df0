#pragma once
// ramfs's own pieces (Linux: fs/ramfs/internal.h).
#include <linux/fs.h>

// One name in a ramfs directory (Linux: a dentry in the parent's
// d_subdirs). It holds no i_count: the name is counted in i_nlink.
struct ramfs_dirent {
	struct list_head list; // dir->i_dirents, in creation order
	struct inode *inode;
	loff_t cookie; // its readdir offset: stays put when others are removed
	unsigned int len;
	char name[];
};

extern const struct file_operations ramfs_file_operations;
extern const struct inode_operations ramfs_dir_inode_operations;
extern const struct file_operations ramfs_dir_operations;
