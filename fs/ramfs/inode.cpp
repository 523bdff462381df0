/*
 * ramfs: a filesystem that is its page cache (Linux: fs/ramfs/inode.c,
 * fs/libfs.c's simple_* directory helpers). Files are address_space pages
 * and nothing else; a directory is a list of named entries.
 * Differs from Linux: entries are ramfs_dirents, not dentries; the root
 * comes from ramfs_new_root(), not a mount; no rename.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm_space.h>
#include <linux/ramfs.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/string.h>

#include "internal.h"

static loff_t last_cookie = 1; // 0 and 1 are "." and ".."

static struct ramfs_dirent *find_dirent(struct inode *dir, const struct qstr *name)
{
	struct ramfs_dirent *d;
	list_for_each_entry(d, &dir->i_dirents, list) {
		if (d->len == name->len && !memcmp(d->name, name->name, name->len))
			return d;
	}
	return nullptr;
}

static struct inode *ramfs_lookup(struct inode *dir, const struct qstr *name)
{
	struct ramfs_dirent *d = find_dirent(dir, name);
	return d ? ihold(d->inode) : (struct inode *)ERR_PTR(-ENOENT);
}

// Links inode into dir under name, counting the name in i_nlink.
static int add_dirent(struct inode *dir, const struct qstr *name, struct inode *inode)
{
	if (name->len > NAME_MAX)
		return -ENAMETOOLONG;
	if (!dir->i_nlink)
		return -ENOENT; // a removed directory takes no new names (Linux: IS_DEADDIR)
	if (find_dirent(dir, name))
		return -EEXIST;
	struct ramfs_dirent *d = (struct ramfs_dirent *)kmalloc(sizeof(*d) + name->len, GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->inode = inode;
	d->cookie = ++last_cookie;
	d->len = name->len;
	memcpy(d->name, name->name, name->len);
	list_add_tail(&d->list, &dir->i_dirents);
	inode->i_nlink++;
	return 0;
}

// Unlinks d; the inode goes when its last user does (ihold..iput).
static void remove_dirent(struct ramfs_dirent *d)
{
	struct inode *inode = ihold(d->inode);
	list_del(&d->list);
	kfree(d);
	inode->i_nlink--;
	iput(inode);
}

// Linux: ramfs_get_inode with init_special_inode for device nodes.
struct inode *ramfs_get_inode(umode_t mode, dev_t dev)
{
	struct inode *inode = new_inode();
	if (!inode)
		return nullptr;
	inode->i_mode = mode;
	switch (mode & S_IFMT) {
	case S_IFREG: inode->i_fop = &ramfs_file_operations; break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &ramfs_dir_operations;
		break;
	case S_IFLNK: break;
	default: init_special_inode(inode, mode, dev); break;
	}
	return inode;
}

// A new inode named name in dir: its reference in *res if res, else dropped.
static int ramfs_mknod_res(struct inode *dir, const struct qstr *name, umode_t mode, dev_t dev,
			   const char *target, struct inode **res)
{
	struct inode *inode = ramfs_get_inode(mode, dev);
	if (!inode)
		return -ENOMEM;
	if (inode_is_shmem(dir) && !S_ISCHR(mode) && !S_ISBLK(mode))
		shmem_mark_inode(inode); // made under a tmpfs mount: tmpfs too
	if (target) {
		size_t len = strlen(target);
		inode->i_link = (char *)kmalloc(len + 1, GFP_KERNEL);
		if (!inode->i_link) {
			iput(inode);
			return -ENOMEM;
		}
		memcpy(inode->i_link, target, len + 1);
		inode->i_size = (loff_t)len;
	}
	int err = ramfs_add_entry(dir, name, inode);
	if (!err && res)
		*res = inode;
	else
		iput(inode);
	return err;
}

static int ramfs_create(struct inode *dir, const struct qstr *name, umode_t mode,
			struct inode **res)
{
	return ramfs_mknod_res(dir, name, (mode & ~S_IFMT) | S_IFREG, 0, nullptr, res);
}

static int ramfs_mkdir(struct inode *dir, const struct qstr *name, umode_t mode)
{
	return ramfs_mknod_res(dir, name, (mode & ~S_IFMT) | S_IFDIR, 0, nullptr, nullptr);
}

static int ramfs_mknod(struct inode *dir, const struct qstr *name, umode_t mode, dev_t dev)
{
	return ramfs_mknod_res(dir, name, mode, dev, nullptr, nullptr);
}

static int ramfs_symlink(struct inode *dir, const struct qstr *name, const char *target)
{
	return ramfs_mknod_res(dir, name, S_IFLNK | 0777, 0, target, nullptr);
}

// Linux: simple_link. Directories have one name only.
static int ramfs_link(struct inode *old, struct inode *dir, const struct qstr *name)
{
	if (S_ISDIR(old->i_mode))
		return -EPERM;
	return add_dirent(dir, name, old);
}

// Linux: simple_unlink (the VFS's may_delete refuses directories: -EISDIR).
static int ramfs_unlink(struct inode *dir, const struct qstr *name)
{
	struct ramfs_dirent *d = find_dirent(dir, name);
	if (!d)
		return -ENOENT;
	if (S_ISDIR(d->inode->i_mode))
		return -EISDIR;
	remove_dirent(d);
	return 0;
}

// Linux: simple_rmdir.
static int ramfs_rmdir(struct inode *dir, const struct qstr *name)
{
	struct ramfs_dirent *d = find_dirent(dir, name);
	if (!d)
		return -ENOENT;
	if (!S_ISDIR(d->inode->i_mode))
		return -ENOTDIR;
	if (!list_empty(&d->inode->i_dirents))
		return -ENOTEMPTY;
	d->inode->i_nlink--; // its "."
	dir->i_nlink--;	     // its ".."
	remove_dirent(d);
	return 0;
}

const struct inode_operations ramfs_dir_inode_operations = {
    .lookup = ramfs_lookup,
    .create = ramfs_create,
    .mkdir = ramfs_mkdir,
    .mknod = ramfs_mknod,
    .symlink = ramfs_symlink,
    .link = ramfs_link,
    .unlink = ramfs_unlink,
    .rmdir = ramfs_rmdir,
};

// Linux: dcache_readdir. Offsets 0 and 1 are "." and ".."; each entry's is
// its cookie, so removing entries mid-walk skips none of the rest.
static int ramfs_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file_inode(file);
	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 0, dir->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct inode *parent = dir->i_parent ? dir->i_parent : dir;
		if (!ctx->actor(ctx, "..", 2, 1, parent->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	struct ramfs_dirent *d;
	list_for_each_entry(d, &dir->i_dirents, list) {
		if (d->cookie < ctx->pos)
			continue;
		if (!ctx->actor(ctx, d->name, (int)d->len, d->cookie, d->inode->i_ino,
				fs_umode_to_dtype(d->inode->i_mode)))
			return 0;
		ctx->pos = d->cookie + 1;
	}
	return 0;
}

const struct file_operations ramfs_dir_operations = {
    .llseek = generic_file_llseek, // rewinddir; any offset >= 0 resumes there
    .iterate_shared = ramfs_readdir,
};

struct inode *ramfs_new_root(void)
{
	struct inode *root = ramfs_get_inode(S_IFDIR | 0755, 0);
	if (root)
		root->i_nlink = 2; // "." and the root's own ".."
	return root;
}

// Empties dir bottom-up (for shutdown and tests: Linux kill_litter_super).
void ramfs_kill_tree(struct inode *dir)
{
	while (!list_empty(&dir->i_dirents)) {
		struct ramfs_dirent *d =
		    list_first_entry(&dir->i_dirents, struct ramfs_dirent, list);
		if (S_ISDIR(d->inode->i_mode)) {
			if (d->inode->i_op == &ramfs_dir_inode_operations)
				ramfs_kill_tree(d->inode);
			d->inode->i_nlink--;
			dir->i_nlink--;
		}
		remove_dirent(d);
	}
}

// getcwd's step up (Linux reads the dentry's name instead).
bool ramfs_entry_name(struct inode *dir, struct inode *child, struct qstr *name)
{
	struct ramfs_dirent *d;
	list_for_each_entry(d, &dir->i_dirents, list) {
		if (d->inode == child) {
			*name = {d->name, d->len};
			return true;
		}
	}
	return false;
}

int ramfs_add_entry(struct inode *dir, const struct qstr *name, struct inode *inode)
{
	int err = add_dirent(dir, name, inode);
	if (!err && S_ISDIR(inode->i_mode)) {
		inode->i_nlink++;
		inode->i_parent = ihold(dir);
		dir->i_nlink++;
	}
	return err;
}
