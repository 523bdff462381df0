/*
 * stat64, lstat64, fstat64, fstatat64, statx, readlink (Linux: fs/stat.c).
 * Differs from Linux: no owners or times (0), one device for the whole
 * tree (st_dev 0:1, "none" as ramfs's anonymous superblock would be).
 */
#include <asm/page_types.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/kernel.h>
#include <linux/namei.h>
#include <linux/string.h>
#include <linux/syscalls_fs.h>
#include <linux/uaccess.h>

#define ROOT_DEV_MINOR 1 // the root filesystem's st_dev, 0:1

// Linux: generic_fillattr.
void vfs_getattr(struct inode *inode, struct kstat *stat)
{
	*stat = {};
	stat->result_mask = STATX_BASIC_STATS & ~(STATX_ATIME | STATX_MTIME | STATX_CTIME);
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->ino = inode->i_ino;
	stat->dev = new_encode_dev(0, ROOT_DEV_MINOR);
	stat->rdev = new_encode_dev(MAJOR(inode->i_rdev), MINOR(inode->i_rdev));
	stat->size = inode->i_size;
	stat->blksize = PAGE_SIZE;
	stat->blocks = (u64)inode->i_mapping->nrpages << (PAGE_SHIFT - 9);
}

// Linux: cp_new_stat64.
static long cp_new_stat64(const struct kstat *stat, struct stat64 __user *statbuf)
{
	struct stat64 tmp = {};
	tmp.st_dev = stat->dev;
	tmp.st_rdev = stat->rdev;
	tmp.st_ino = stat->ino;
	tmp.__st_ino = (u32)stat->ino;
	tmp.st_mode = stat->mode;
	tmp.st_nlink = stat->nlink;
	tmp.st_size = stat->size;
	tmp.st_blksize = stat->blksize;
	tmp.st_blocks = stat->blocks;
	return copy_to_user(statbuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

// Linux: vfs_statx: the inode named by (dfd, filename, AT_* flags).
static long vfs_statx(int dfd, const char __user *filename, int flags, struct kstat *stat)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	struct inode *inode;
	long err = user_path_at(dfd, filename, flags, &inode);
	if (err)
		return err;
	vfs_getattr(inode, stat);
	iput(inode);
	return 0;
}

long sys_fstatat64(int dfd, const char __user *filename, struct stat64 __user *statbuf, int flag)
{
	struct kstat stat;
	long err = vfs_statx(dfd, filename, flag, &stat);
	return err ? err : cp_new_stat64(&stat, statbuf);
}

long sys_stat64(const char __user *filename, struct stat64 __user *statbuf)
{
	return sys_fstatat64(AT_FDCWD, filename, statbuf, 0);
}

long sys_lstat64(const char __user *filename, struct stat64 __user *statbuf)
{
	return sys_fstatat64(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

long sys_fstat64(unsigned long fd, struct stat64 __user *statbuf)
{
	struct file *f = fget((unsigned int)fd);
	if (!f)
		return -EBADF;
	struct kstat stat;
	vfs_getattr(file_inode(f), &stat);
	fput(f);
	return cp_new_stat64(&stat, statbuf);
}

// Linux: cp_statx.
static long cp_statx(const struct kstat *stat, struct statx __user *buffer)
{
	struct statx tmp = {};
	tmp.stx_mask = stat->result_mask;
	tmp.stx_blksize = stat->blksize;
	tmp.stx_nlink = stat->nlink;
	tmp.stx_mode = stat->mode;
	tmp.stx_ino = stat->ino;
	tmp.stx_size = (u64)stat->size;
	tmp.stx_blocks = stat->blocks;
	tmp.stx_rdev_major = stat->rdev >> 8 & 0xfff;
	tmp.stx_rdev_minor = (stat->rdev & 0xff) | (stat->rdev >> 12 & ~0xffU);
	tmp.stx_dev_major = 0;
	tmp.stx_dev_minor = ROOT_DEV_MINOR;
	return copy_to_user(buffer, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

// Linux: statx(2). An empty name with AT_EMPTY_PATH is dfd itself (what
// glibc's fstat does through statx).
long sys_statx(int dfd, const char __user *filename, unsigned int flags, unsigned int mask,
	       struct statx __user *buffer)
{
	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	struct kstat stat;
	long err = vfs_statx(dfd, filename, (int)flags, &stat);
	return err ? err : cp_statx(&stat, buffer);
}

// Linux: do_readlinkat: the target's bytes, not NUL-terminated, cut to
// bufsiz; -EINVAL if it is not a symlink or bufsiz <= 0.
long sys_readlinkat(int dfd, const char __user *pathname, char __user *buf, int bufsiz)
{
	if (bufsiz <= 0)
		return -EINVAL;
	char *name = getname_flags(pathname, LOOKUP_EMPTY);
	if (IS_ERR(name))
		return PTR_ERR(name);
	struct inode *inode;
	long err = filename_lookup(dfd, name, LOOKUP_EMPTY, &inode);
	putname(name);
	if (err)
		return err;
	if (!S_ISLNK(inode->i_mode) || !inode->i_link) {
		err = -EINVAL;
	} else {
		size_t len = min(strlen(inode->i_link), (size_t)bufsiz);
		err = copy_to_user(buf, inode->i_link, len) ? -EFAULT : (long)len;
	}
	iput(inode);
	return err;
}

long sys_readlink(const char __user *path, char __user *buf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, path, buf, bufsiz);
}
