#pragma once
// ramfs (Linux: include/linux/ramfs.h; fs/ramfs).
#include <linux/fs.h>

// A new inode of mode (and device number, for a node): a referenced inode
// with ramfs's operations for its type, or NULL.
struct inode *ramfs_get_inode(umode_t mode, dev_t dev);
// A directory that is its own parent: the root of a tree.
struct inode *ramfs_new_root(void);
// Removes every entry below dir, freeing what no one else holds.
void ramfs_kill_tree(struct inode *dir);
// The name child has in dir (valid until the entry goes) in *name; false
// if it has none there.
bool ramfs_entry_name(struct inode *dir, struct inode *child, struct qstr *name);
// Links a ready inode into dir under name as mkdir or mknod would (a
// directory gets "." and "..", and holds its parent): how /proc's
// directory is attached. 0, -EEXIST, -ENAMETOOLONG, -ENOMEM.
int ramfs_add_entry(struct inode *dir, const struct qstr *name, struct inode *inode);
