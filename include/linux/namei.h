#pragma once
/*
 * Path names to inodes (Linux: include/linux/namei.h, fs/namei.c).
 *
 * A walk starts at the task's root ("/..."), its cwd, or a directory fd
 * (the *at calls), and takes one component at a time: "." stays, ".."
 * goes up (never above the root), a symlink in the middle is followed
 * (its target walked from the directory holding it), the last one only
 * with LOOKUP_FOLLOW or a trailing slash. 40 links in one walk: -ELOOP.
 * Errors: -ENOENT (missing or empty name), -ENOTDIR (a non-directory
 * before a "/"), -ENAMETOOLONG (a component over NAME_MAX; getname: a path
 * of PATH_MAX or more).
 */
#include <linux/fs.h>

#define MAXSYMLINKS 40

#define LOOKUP_FOLLOW 0x0001	// follow a symlink in the last component
#define LOOKUP_DIRECTORY 0x0002 // the result must be a directory
#define LOOKUP_EMPTY 0x4000	// "" names the start (AT_EMPTY_PATH)

// The last component of a parent walk (Linux: LAST_NORM...).
enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

// A user path copied in: a kmalloc'ed string (putname() it) or
// ERR_PTR(-EFAULT / -ENAMETOOLONG / -ENOENT for "" unless LOOKUP_EMPTY).
char *getname_flags(const char __user *filename, unsigned int flags);
int user_path_at(int dfd, const char __user *filename, int at_flags, struct inode **res);
static inline char *getname(const char __user *filename) { return getname_flags(filename, 0); }
void putname(char *name);

// name (kernel string) from dfd (AT_FDCWD: the cwd): 0 and a referenced
// inode in *res, or -errno.
int filename_lookup(int dfd, const char *name, unsigned int flags, struct inode **res);
static inline int kern_path(const char *name, unsigned int flags, struct inode **res)
{
	return filename_lookup(-100 /* AT_FDCWD */, name, flags, res);
}
// Walks all but the last component: the parent directory, referenced, in
// *parent; the last component (pointing into name, trailing slashes not
// counted) in *last; LAST_* in *type, and *trailing if name ended in '/'.
int filename_parentat(int dfd, const char *name, struct inode **parent, struct qstr *last,
		      int *type, bool *trailing);

// The directory operations of the *at calls on kernel strings (Linux:
// do_mkdirat, do_mknodat, do_symlinkat, do_linkat, do_unlinkat, do_rmdir,
// without their getname).
int do_mkdirat(int dfd, const char *name, umode_t mode);
int do_mknodat(int dfd, const char *name, umode_t mode, dev_t dev);
int do_symlinkat(const char *target, int newdfd, const char *newname);
int do_linkat(int olddfd, const char *oldname, int newdfd, const char *newname, int flags);
int do_unlinkat(int dfd, const char *name);
int do_rmdir(int dfd, const char *name);
// The file opened by name as open(2) would: ERR_PTR(-errno) or a file
// with one reference (Linux: do_filp_open).
struct file *do_filp_open(int dfd, const char *name, int flags, umode_t mode);
