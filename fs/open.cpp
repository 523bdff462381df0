/*
 * open, close, chdir, getcwd, access, truncate (Linux: fs/open.c, the
 * open half of fs/namei.c: do_filp_open, do_open, may_open; fs/d_path.c
 * for getcwd).
 * Differs from Linux: no permission checks (every task is root: access()
 * checks existence, and X_OK an execute bit, as root's does); no O_PATH,
 * O_TMPFILE or FIFOs.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/namei.h>
#include <linux/pagemap.h>
#include <linux/ramfs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/string.h>
#include <linux/syscalls_fs.h>
#include <linux/uaccess.h>

// The last component under O_CREAT (Linux: open_last_lookups, lookup_open):
// the inode found (following a symlink unless O_NOFOLLOW) or made.
static struct inode *open_create(int dfd, const char *name, int flags, umode_t mode)
{
	struct inode *dir, *inode;
	struct qstr last;
	int type;
	bool trailing;
	int err = filename_parentat(dfd, name, &dir, &last, &type, &trailing);
	if (err)
		return (struct inode *)ERR_PTR(err);
	if (type != LAST_NORM || trailing) {
		iput(dir);
		return (struct inode *)ERR_PTR(-EISDIR);
	}
	inode = dir->i_op && dir->i_op->lookup ? dir->i_op->lookup(dir, &last)
					       : (struct inode *)ERR_PTR(-ENOTDIR);
	if (!IS_ERR(inode) && (flags & O_EXCL)) {
		iput(inode);
		inode = (struct inode *)ERR_PTR(-EEXIST);
	} else if (!IS_ERR(inode) && S_ISLNK(inode->i_mode) && !(flags & O_NOFOLLOW)) {
		iput(inode); // walk it again from here, following this time
		err = filename_lookup(dfd, name, LOOKUP_FOLLOW, &inode);
		if (err)
			inode = (struct inode *)ERR_PTR(err);
	} else if (PTR_ERR(inode) == -ENOENT) {
		err = dir->i_op->create ? dir->i_op->create(dir, &last, mode & 07777, &inode)
					: -EACCES;
		if (err)
			inode = (struct inode *)ERR_PTR(err);
	}
	iput(dir);
	return inode;
}

// Linux: do_open + may_open: the checks on what was found.
static int may_open(struct inode *inode, int flags)
{
	int acc = flags & O_ACCMODE;
	if (S_ISLNK(inode->i_mode))
		return -ELOOP; // O_NOFOLLOW on a symlink
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (S_ISDIR(inode->i_mode) && (acc != O_RDONLY || (flags & (O_CREAT | O_TRUNC))))
		return -EISDIR;
	if (acc == 3)
		return -EINVAL; // Linux allows it for ioctl-only opens of devices
	return 0;
}

struct file *do_filp_open(int dfd, const char *name, int flags, umode_t mode)
{
	struct inode *inode;
	if (flags & O_CREAT) {
		inode = open_create(dfd, name, flags, mode);
	} else {
		unsigned int how = (flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
				   (flags & O_DIRECTORY ? LOOKUP_DIRECTORY : 0);
		int err = filename_lookup(dfd, name, how, &inode);
		if (err)
			inode = (struct inode *)ERR_PTR(err);
	}
	if (IS_ERR(inode))
		return (struct file *)inode;
	int err = may_open(inode, flags);
	if (!err && (flags & O_TRUNC) && S_ISREG(inode->i_mode))
		truncate_setsize(inode, 0);
	struct file *f =
	    err ? (struct file *)ERR_PTR(err)
		: alloc_file(inode, flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC), inode->i_fop);
	iput(inode);
	if (IS_ERR(f) || !f->f_op || !f->f_op->open)
		return f;
	err = f->f_op->open(inode, f);
	if (err) {
		f->f_op = nullptr; // a failed open is not released
		fput(f);
		return (struct file *)ERR_PTR(err);
	}
	return f;
}

struct file *filp_open(const char *filename, int flags, umode_t mode)
{
	return do_filp_open(AT_FDCWD, filename, flags, mode);
}

// Linux: do_sys_openat2.
long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode)
{
	char *name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	long fd = get_unused_fd_flags((unsigned int)flags);
	if (fd >= 0) {
		struct file *f = do_filp_open(dfd, name, flags, mode);
		if (IS_ERR(f)) {
			put_unused_fd((unsigned int)fd);
			fd = PTR_ERR(f);
		} else {
			fd_install((unsigned int)fd, f);
		}
	}
	putname(name);
	return fd;
}

long sys_open(const char __user *filename, int flags, umode_t mode)
{
	return sys_openat(AT_FDCWD, filename, flags, mode);
}

long sys_creat(const char __user *pathname, umode_t mode)
{
	return sys_open(pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

long sys_close(unsigned int fd) { return close_fd(fd); }

static long set_pwd(struct inode *inode)
{
	long err = S_ISDIR(inode->i_mode) ? 0 : -ENOTDIR;
	if (!err)
		set_fs_pwd(current->fs, inode);
	iput(inode);
	return err;
}

long sys_chdir(const char __user *filename)
{
	char *name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	struct inode *inode;
	long err = filename_lookup(AT_FDCWD, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &inode);
	putname(name);
	return err ? err : set_pwd(inode);
}

long sys_fchdir(unsigned int fd)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	struct inode *inode = ihold(file_inode(f));
	fput(f);
	return set_pwd(inode);
}

// The path of dir from the root, built backwards from buf's end (Linux:
// prepend_path). The start of the string, or NULL if it does not fit or
// dir is no longer reachable (removed).
static char *prepend_path(struct inode *dir, struct inode *root, char *buf, size_t size)
{
	char *p = buf + size;
	*--p = '\0';
	if (dir == root) {
		*--p = '/';
		return p;
	}
	for (struct inode *d = dir; d != root; d = d->i_parent) {
		if (!d->i_nlink || !d->i_parent || d->i_parent == d)
			return nullptr;
		struct qstr name;
		if (!ramfs_entry_name(d->i_parent, d, &name) || (size_t)(p - buf) < name.len + 1)
			return nullptr;
		p -= name.len;
		memcpy(p, name.name, name.len);
		*--p = '/';
	}
	return p;
}

// Linux: getcwd(2): the length with its NUL, -ERANGE if size is too small,
// -ENOENT if the cwd was removed.
long sys_getcwd(char __user *buf, unsigned long size)
{
	char *page = (char *)kmalloc(PATH_MAX, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	struct fs_struct *fs = current->fs;
	long err = -ENOENT;
	char *p = prepend_path(fs->pwd, fs->root, page, PATH_MAX);
	if (p) {
		unsigned long len = (unsigned long)(page + PATH_MAX - p);
		err = len > size ? -ERANGE : copy_to_user(buf, p, len) ? -EFAULT : (long)len;
	}
	kfree(page);
	return err;
}

// Linux: do_faccessat. Root passes R_OK and W_OK; X_OK needs an x bit
// (or a directory).
long sys_faccessat2(int dfd, const char __user *filename, int mode, int flags)
{
	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct inode *inode;
	long err = user_path_at(dfd, filename, flags, &inode);
	if (err)
		return err;
	if ((mode & X_OK) && !S_ISDIR(inode->i_mode) && !(inode->i_mode & 0111))
		err = -EACCES;
	iput(inode);
	return err;
}

long sys_faccessat(int dfd, const char __user *filename, int mode)
{
	return sys_faccessat2(dfd, filename, mode, 0);
}

long sys_access(const char __user *filename, int mode)
{
	return sys_faccessat2(AT_FDCWD, filename, mode, 0);
}

// Linux: do_sys_ftruncate: a regular file open for writing.
long sys_ftruncate64(unsigned int fd, loff_t length)
{
	if (length < 0)
		return -EINVAL;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	long err = 0;
	if (!S_ISREG(file_inode(f)->i_mode) || !(f->f_mode & FMODE_WRITE))
		err = -EINVAL;
	else if (length > MAX_LFS_FILESIZE)
		err = -EFBIG;
	else
		truncate_setsize(file_inode(f), length);
	fput(f);
	return err;
}

long sys_ftruncate(unsigned int fd, unsigned long length)
{
	return sys_ftruncate64(fd, (loff_t)length);
}
