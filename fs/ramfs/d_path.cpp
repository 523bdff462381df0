// The path of an inode, for /proc/PID/maps and the segfault line (Linux:
// fs/d_path.c's d_path, which walks dentries up to the root). ramfs
// inodes have no dentries: a directory knows its parent, so a file's path
// is found by looking for it among the entries below the root, depth
// first. The first name found wins for a file with several (hard links).
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <uapi/linux/stat.h>

#include "internal.h"

// Appends "/name" of the path to target below dir into buf[*len...].
static bool find_below(struct inode *dir, struct inode *target, char *buf, size_t size, size_t *len,
		       int depth)
{
	if (depth > 32)
		return false; // deeper than any tree this kernel builds
	struct ramfs_dirent *d;
	list_for_each_entry(d, &dir->i_dirents, list) {
		size_t at = *len;
		if (at + 1 + d->len + 1 > size)
			continue;
		buf[at] = '/';
		memcpy(buf + at + 1, d->name, d->len);
		*len = at + 1 + d->len;
		buf[*len] = 0;
		if (d->inode == target)
			return true;
		if (S_ISDIR(d->inode->i_mode) && d->inode != dir &&
		    find_below(d->inode, target, buf, size, len, depth + 1))
			return true;
		*len = at;
	}
	return false;
}

// The absolute path of file's inode into buf; "" if it has no name.
const char *file_path(const struct file *file, char *buf, size_t size)
{
	struct inode *root = init_fs.root;
	size_t len = 0;
	buf[0] = 0;
	if (size < 2 || !root)
		return buf;
	if (!find_below(root, file->f_inode, buf, size, &len, 0))
		buf[0] = 0;
	return buf;
}

// The last component of the file's path, for " in prog[...]".
const char *file_name_of(const struct file *file)
{
	static char buf[256]; // one user at a time: the fault path, interrupts off
	const char *p = file_path(file, buf, sizeof(buf));
	const char *slash = strrchr(p, '/');
	return slash ? slash + 1 : p;
}
