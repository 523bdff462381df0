#pragma once
/*
 * A task's root and working directory (Linux: include/linux/fs_struct.h,
 * fs/fs_struct.c). Each holds an inode reference. init_fs is init_task's;
 * init_rootfs() points it at "/".
 * Differs from Linux: inodes, not struct path (there are no mounts).
 */
#include <linux/fs.h>

struct task_struct;

struct fs_struct {
	int users; // tasks sharing it (CLONE_FS)
	struct inode *root, *pwd;
};

extern struct fs_struct init_fs;

// Each takes a reference on inode and drops the old one.
void set_fs_root(struct fs_struct *fs, struct inode *inode);
void set_fs_pwd(struct fs_struct *fs, struct inode *inode);
// fork without CLONE_FS: a copy with its own references; NULL without memory.
struct fs_struct *copy_fs_struct(struct fs_struct *old);
// exit: drops tsk->fs (the last user's references go with it).
void exit_fs(struct task_struct *tsk);
