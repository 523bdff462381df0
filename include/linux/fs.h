#pragma once
/*
 * Files, inodes and address spaces (Linux: include/linux/fs.h).
 *
 * A struct file is one open of a file: a position and the operations. Its
 * inode is the file itself; the inode's address_space holds the file's data
 * as page-cache pages, looked up by index (include/linux/pagemap.h).
 *
 * Differs from Linux 6.1: no dentry cache or mount table of its own;
 * one RAM filesystem (fs/ramfs) plus /dev and /proc.
 */
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/types.h>

typedef long long loff_t;
typedef unsigned short umode_t;
typedef unsigned int fmode_t;
typedef unsigned long pgoff_t;

struct inode;
struct file;
struct page;
struct vm_area_struct;

// The pages of one file, by index (Linux: struct address_space with an
// xarray; here an rbtree of pages keyed by page->index).
struct address_space {
	struct inode *host;
	struct rb_root i_pages;
	unsigned long nrpages;
};

struct file_operations {
	loff_t (*llseek)(struct file *, loff_t, int);
	long (*read)(struct file *, char *ubuf, size_t, loff_t *);
	long (*write)(struct file *, const char *ubuf, size_t, loff_t *);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*release)(struct inode *, struct file *);
};

struct file {
	long f_count; // references: fds, VMAs, the exec in progress
	unsigned int f_flags;
	fmode_t f_mode;
	loff_t f_pos;
	struct inode *f_inode;
	struct address_space *f_mapping;
	const struct file_operations *f_op;
	void *private_data;
};

#define FMODE_READ 0x1u
#define FMODE_WRITE 0x2u
#define FMODE_EXEC 0x20u

static inline struct inode *file_inode(const struct file *f) { return f->f_inode; }

// One more reference to an open file; the last fput() releases it.
static inline struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}
void fput(struct file *file);
