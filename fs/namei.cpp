/*
 * Path walks and the directory operations (Linux: fs/namei.c). See
 * include/linux/namei.h.
 * Differs from Linux: symlinks nest by recursion (Linux keeps a stack of
 * at most 8 nested, 40 in all; here 40 either way, a frame of ~100 bytes
 * each); no permission checks (everyone is root); no mounts.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/kernel.h>
#include <linux/namei.h>
#include <linux/pagemap.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/string.h>
#include <linux/syscalls_fs.h>
#include <linux/uaccess.h>

char *getname_flags(const char __user *filename, unsigned int flags)
{
	char *name = (char *)kmalloc(PATH_MAX, GFP_KERNEL);
	if (!name)
		return (char *)ERR_PTR(-ENOMEM);
	long len = strncpy_from_user(name, filename, PATH_MAX);
	long err = len < 0 ? len : len == PATH_MAX ? -ENAMETOOLONG : 0;
	if (!err && !len && !(flags & LOOKUP_EMPTY))
		err = -ENOENT;
	if (err) {
		kfree(name);
		return (char *)ERR_PTR(err);
	}
	return name;
}

void putname(char *name) { kfree(name); }

struct nameidata {
	struct inode *root;
	int total_link_count;
};

// The directory a walk starts in, referenced (Linux: path_init). An empty
// name (LOOKUP_EMPTY) starts, and ends, at dfd whatever it is.
static struct inode *path_init(int dfd, const char *name, unsigned int flags = 0)
{
	struct fs_struct *fs = current->fs;
	if (*name == '/')
		return ihold(fs->root);
	if (dfd == AT_FDCWD)
		return ihold(fs->pwd);
	struct file *f = dfd < 0 ? nullptr : fget((unsigned int)dfd);
	if (!f)
		return (struct inode *)ERR_PTR(-EBADF);
	struct inode *dir = file_inode(f);
	bool isdir = S_ISDIR(dir->i_mode) || (!*name && (flags & LOOKUP_EMPTY));
	if (isdir)
		ihold(dir);
	fput(f);
	return isdir ? dir : (struct inode *)ERR_PTR(-ENOTDIR);
}

static bool is_dot(const struct qstr *q) { return q->len == 1 && q->name[0] == '.'; }
static bool is_dotdot(const struct qstr *q)
{
	return q->len == 2 && q->name[0] == '.' && q->name[1] == '.';
}

// One step from dir (Linux: walk_component, follow_dotdot).
static struct inode *lookup_one(struct nameidata *nd, struct inode *dir, const struct qstr *name)
{
	if (is_dot(name))
		return ihold(dir);
	if (is_dotdot(name))
		return ihold(dir == nd->root || !dir->i_parent ? dir : dir->i_parent);
	if (!dir->i_op || !dir->i_op->lookup)
		return (struct inode *)ERR_PTR(-ENOTDIR);
	return dir->i_op->lookup(dir, name);
}

static struct inode *walk(struct nameidata *nd, struct inode *dir, const char *s, size_t len,
			  bool follow_last);

// Linux: pick_link + the nested walk of its body. Consumes link.
static struct inode *follow_link(struct nameidata *nd, struct inode *dir, struct inode *link)
{
	struct inode *res;
	if (++nd->total_link_count > MAXSYMLINKS)
		res = (struct inode *)ERR_PTR(-ELOOP);
	else if (!link->i_link || !*link->i_link)
		res = (struct inode *)ERR_PTR(-ENOENT);
	else
		res = walk(nd, ihold(dir), link->i_link, strlen(link->i_link), true);
	iput(link);
	return res;
}

// Walks s[0, len) from dir (whose reference it consumes): the inode
// reached, referenced, or ERR_PTR (Linux: link_path_walk + lookup_last).
static struct inode *walk(struct nameidata *nd, struct inode *dir, const char *s, size_t len,
			  bool follow_last)
{
	const char *end = s + len;
	if (s < end && *s == '/') {
		iput(dir);
		dir = ihold(nd->root);
	}
	for (;;) {
		while (s < end && *s == '/')
			s++;
		if (s == end)
			return dir;
		struct qstr name = {s, 0};
		while (s < end && *s != '/')
			s++;
		name.len = (unsigned int)(s - name.name);
		const char *rest = s;
		while (rest < end && *rest == '/')
			rest++;
		bool last = rest == end, slash = s < end;
		struct inode *child = (struct inode *)ERR_PTR(-ENAMETOOLONG);
		if (name.len <= NAME_MAX)
			child = S_ISDIR(dir->i_mode) ? lookup_one(nd, dir, &name)
						     : (struct inode *)ERR_PTR(-ENOTDIR);
		if (!IS_ERR(child) && S_ISLNK(child->i_mode) && (!last || follow_last || slash))
			child = follow_link(nd, dir, child);
		iput(dir);
		if (IS_ERR(child))
			return child;
		dir = child;
		if (last && slash && !S_ISDIR(dir->i_mode)) {
			iput(dir);
			return (struct inode *)ERR_PTR(-ENOTDIR);
		}
	}
}

int filename_lookup(int dfd, const char *name, unsigned int flags, struct inode **res)
{
	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	struct nameidata nd = {current->fs->root, 0};
	struct inode *start = path_init(dfd, name, flags);
	if (IS_ERR(start))
		return (int)PTR_ERR(start);
	struct inode *inode = walk(&nd, start, name, strlen(name), flags & LOOKUP_FOLLOW);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	if ((flags & LOOKUP_DIRECTORY) && !S_ISDIR(inode->i_mode)) {
		iput(inode);
		return -ENOTDIR;
	}
	*res = inode;
	return 0;
}

int filename_parentat(int dfd, const char *name, struct inode **parent, struct qstr *last,
		      int *type, bool *trailing)
{
	size_t len = strlen(name), end = len;
	if (!len)
		return -ENOENT;
	while (end > 0 && name[end - 1] == '/')
		end--;
	*trailing = end < len;
	size_t start = end;
	while (start > 0 && name[start - 1] != '/')
		start--;
	*last = {name + start, (unsigned int)(end - start)};
	if (last->len > NAME_MAX)
		return -ENAMETOOLONG;
	*type = !end		  ? LAST_ROOT
		: is_dot(last)	  ? LAST_DOT
		: is_dotdot(last) ? LAST_DOTDOT
				  : LAST_NORM;
	struct nameidata nd = {current->fs->root, 0};
	struct inode *dir = path_init(dfd, name);
	if (!IS_ERR(dir))
		dir = walk(&nd, dir, name, start, true);
	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	if (!S_ISDIR(dir->i_mode)) {
		iput(dir);
		return -ENOTDIR;
	}
	*parent = dir;
	return 0;
}

// The parent and last name for making a new entry (Linux: filename_create):
// "/", "." and ".." exist already; a trailing slash only names a directory.
static int create_start(int dfd, const char *name, bool is_dir, struct inode **dir,
			struct qstr *last)
{
	int type;
	bool trailing;
	int err = filename_parentat(dfd, name, dir, last, &type, &trailing);
	if (err)
		return err;
	err = type != LAST_NORM ? -EEXIST : 0;
	struct inode *old = err ? nullptr : lookup_one(nullptr, *dir, last);
	if (!err && !IS_ERR(old)) {
		iput(old);
		err = -EEXIST;
	} else if (!err && PTR_ERR(old) != -ENOENT) {
		err = (int)PTR_ERR(old);
	} else if (!err && trailing && !is_dir) {
		err = -ENOENT;
	}
	if (err)
		iput(*dir);
	return err;
}

int do_mkdirat(int dfd, const char *name, umode_t mode)
{
	struct inode *dir;
	struct qstr last;
	int err = create_start(dfd, name, true, &dir, &last);
	if (err)
		return err;
	err = dir->i_op->mkdir ? dir->i_op->mkdir(dir, &last, mode & 07777) : -EPERM;
	iput(dir);
	return err;
}

// Linux: do_mknodat with may_mknod: regular files, devices, FIFOs and
// sockets; a directory is -EPERM, anything else -EINVAL.
int do_mknodat(int dfd, const char *name, umode_t mode, dev_t dev)
{
	umode_t type = mode & S_IFMT;
	if (type == S_IFDIR)
		return -EPERM;
	if (type && type != S_IFREG && type != S_IFCHR && type != S_IFBLK && type != S_IFIFO &&
	    type != S_IFSOCK)
		return -EINVAL;
	struct inode *dir;
	struct qstr last;
	int err = create_start(dfd, name, false, &dir, &last);
	if (err)
		return err;
	if (!type || type == S_IFREG) {
		struct inode *inode = nullptr;
		err = dir->i_op->create ? dir->i_op->create(dir, &last, mode, &inode) : -EPERM;
		iput(inode);
	} else {
		err = dir->i_op->mknod ? dir->i_op->mknod(dir, &last, mode, dev) : -EPERM;
	}
	iput(dir);
	return err;
}

int do_symlinkat(const char *target, int newdfd, const char *newname)
{
	if (!*target)
		return -ENOENT;
	struct inode *dir;
	struct qstr last;
	int err = create_start(newdfd, newname, false, &dir, &last);
	if (err)
		return err;
	err = dir->i_op->symlink ? dir->i_op->symlink(dir, &last, target) : -EPERM;
	iput(dir);
	return err;
}

int do_linkat(int olddfd, const char *oldname, int newdfd, const char *newname, int flags)
{
	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct inode *old;
	unsigned int how = (flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0) |
			   (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
	int err = filename_lookup(olddfd, oldname, how, &old);
	if (err)
		return err;
	struct inode *dir;
	struct qstr last;
	err = S_ISDIR(old->i_mode) ? -EPERM : create_start(newdfd, newname, false, &dir, &last);
	if (!err) {
		err = dir->i_op->link ? dir->i_op->link(old, dir, &last) : -EPERM;
		iput(dir);
	}
	iput(old);
	return err;
}

// The parent, the last name and its inode, for removing it.
static int remove_start(int dfd, const char *name, struct inode **dir, struct qstr *last, int *type,
			bool *trailing, struct inode **victim)
{
	int err = filename_parentat(dfd, name, dir, last, type, trailing);
	if (err)
		return err;
	*victim = nullptr;
	if (*type == LAST_NORM) {
		*victim = lookup_one(nullptr, *dir, last);
		if (IS_ERR(*victim)) {
			iput(*dir);
			return (int)PTR_ERR(*victim);
		}
	}
	return 0;
}

int do_unlinkat(int dfd, const char *name)
{
	struct inode *dir, *victim;
	struct qstr last;
	int type;
	bool trailing;
	int err = remove_start(dfd, name, &dir, &last, &type, &trailing, &victim);
	if (err)
		return err;
	if (type != LAST_NORM)
		err = -EISDIR;
	else if (trailing) // "file/": Linux's slashes label
		err = S_ISDIR(victim->i_mode) ? -EISDIR : -ENOTDIR;
	else
		err = dir->i_op->unlink ? dir->i_op->unlink(dir, &last) : -EPERM;
	iput(victim);
	iput(dir);
	return err;
}

int do_rmdir(int dfd, const char *name)
{
	struct inode *dir, *victim;
	struct qstr last;
	int type;
	bool trailing;
	int err = remove_start(dfd, name, &dir, &last, &type, &trailing, &victim);
	if (err)
		return err;
	static const int special[] = {0, -EBUSY, -EINVAL, -ENOTEMPTY}; // by LAST_*
	if (type != LAST_NORM)
		err = special[type];
	else if (!S_ISDIR(victim->i_mode))
		err = -ENOTDIR;
	else
		err = dir->i_op->rmdir ? dir->i_op->rmdir(dir, &last) : -EPERM;
	iput(victim);
	iput(dir);
	return err;
}

// The system calls over the directory operations above: each copies its
// names in (getname), then calls the kernel-string form.
template <typename Op> static long with_name(const char __user *pathname, Op op)
{
	char *name = getname(pathname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	long err = op(name);
	putname(name);
	return err;
}

long sys_mkdirat(int dfd, const char __user *pathname, umode_t mode)
{
	return with_name(pathname, [&](const char *n) { return do_mkdirat(dfd, n, mode); });
}

long sys_mkdir(const char __user *pathname, umode_t mode)
{
	return sys_mkdirat(AT_FDCWD, pathname, mode);
}

// The i386 mknod's dev is the old 16-bit or new 32-bit encoding (Linux:
// new_decode_dev).
long sys_mknodat(int dfd, const char __user *filename, umode_t mode, unsigned int dev)
{
	dev_t d = MKDEV((dev & 0xfff00) >> 8, (dev & 0xff) | ((dev >> 12) & 0xfff00));
	return with_name(filename, [&](const char *n) { return do_mknodat(dfd, n, mode, d); });
}

long sys_mknod(const char __user *filename, umode_t mode, unsigned int dev)
{
	return sys_mknodat(AT_FDCWD, filename, mode, dev);
}

long sys_unlinkat(int dfd, const char __user *pathname, int flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	return with_name(pathname, [&](const char *n) {
		return flag & AT_REMOVEDIR ? do_rmdir(dfd, n) : do_unlinkat(dfd, n);
	});
}

long sys_unlink(const char __user *pathname) { return sys_unlinkat(AT_FDCWD, pathname, 0); }

long sys_rmdir(const char __user *pathname)
{
	return sys_unlinkat(AT_FDCWD, pathname, AT_REMOVEDIR);
}

long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	return with_name(oldname, [&](const char *target) {
		return with_name(newname,
				 [&](const char *n) { return do_symlinkat(target, newdfd, n); });
	});
}

long sys_symlink(const char __user *oldname, const char __user *newname)
{
	return sys_symlinkat(oldname, AT_FDCWD, newname);
}

long sys_linkat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
		int flags)
{
	char *old = getname_flags(oldname, flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
	if (IS_ERR(old))
		return PTR_ERR(old);
	long err = with_name(
	    newname, [&](const char *n) { return do_linkat(olddfd, old, newdfd, n, flags); });
	putname(old);
	return err;
}

long sys_link(const char __user *oldname, const char __user *newname)
{
	return sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

// A user path with the *at calls' AT_SYMLINK_NOFOLLOW / AT_EMPTY_PATH
// flags: 0 and a referenced inode, or -errno (Linux: user_path_at).
int user_path_at(int dfd, const char __user *filename, int at_flags, struct inode **res)
{
	char *name = getname_flags(filename, at_flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
	if (IS_ERR(name))
		return (int)PTR_ERR(name);
	unsigned int how = (at_flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
			   (at_flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
	int err = filename_lookup(dfd, name, how, res);
	putname(name);
	return err;
}
