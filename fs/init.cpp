/*
 * The boot root (Linux: init/do_mounts.c init_rootfs/rootfs, init/
 * noinitramfs.c default_rootfs). See include/linux/initrd.h.
 * Differs from Linux: the root is a ramfs inode, not a mounted tmpfs.
 */
#include <linux/cdev.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fs_struct.h>
#include <linux/init.h>
#include <linux/initrd.h>
#include <linux/namei.h>
#include <linux/ramfs.h>
#include <linux/sched.h>
#include <linux/stat.h>

static struct inode *rootfs_root;

static int mkdir_if_absent(const char *name, umode_t mode)
{
	int err = do_mkdirat(AT_FDCWD, name, mode);
	return err == -EEXIST ? 0 : err;
}

static int mknod_if_absent(const char *name, umode_t mode, dev_t dev)
{
	int err = do_mknodat(AT_FDCWD, name, mode, dev);
	return err == -EEXIST ? 0 : err;
}

int __init init_rootfs(void)
{
	if (!rootfs_root) {
		rootfs_root = ramfs_new_root();
		if (!rootfs_root)
			return -ENOMEM;
		set_fs_root(&init_fs, rootfs_root);
		set_fs_pwd(&init_fs, rootfs_root);
	}
	if (!init_task.fs)
		init_task.fs = &init_fs;
	chr_dev_init();
	int err = mkdir_if_absent("/dev", 0755);
	err = err ?: mknod_if_absent("/dev/console", S_IFCHR | 0600, MKDEV(TTYAUX_MAJOR, 1));
	err = err ?: mknod_if_absent("/dev/null", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 3));
	err = err ?: mknod_if_absent("/dev/zero", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 5));
	err = err ?: mkdir_if_absent("/root", 0700);
	return err;
}

void kill_rootfs(void)
{
	if (!rootfs_root)
		return;
	ramfs_kill_tree(rootfs_root);
	iput(init_fs.root);
	iput(init_fs.pwd);
	init_fs.root = init_fs.pwd = nullptr;
	rootfs_root->i_nlink = 0; // nothing names the root: the last iput frees it
	iput(rootfs_root);
	rootfs_root = nullptr;
}
