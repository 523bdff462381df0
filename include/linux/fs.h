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

#ifdef MMLAB_HOST
// The host's libc has loff_t and dev_t of its own (64 bits there): share them.
#include <sys/types.h>
#else
typedef long long loff_t;
typedef u32 dev_t; // major:12 minor:20 (Linux: MINORBITS)
#endif
typedef unsigned short umode_t;
typedef unsigned int fmode_t;
typedef unsigned long pgoff_t;

struct inode;
struct file;
struct page;
struct vm_area_struct;
struct dir_context;
struct poll_table_struct;

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
	// Added for the file system calls (fs/open.c, fs/ioctl.c, fs/readdir.c):
	int (*open)(struct inode *, struct file *); // after the struct file is set up
	// -ENOTTY when absent or for a request it does not know (a tty's TCGETS).
	long (*unlocked_ioctl)(struct file *, unsigned int cmd, unsigned long arg);
	int (*iterate_shared)(struct file *, struct dir_context *); // directories
	// The events ready now (POLLIN...), after poll_wait() on each queue
	// that may change them (include/linux/poll.h). NULL: always ready.
	unsigned int (*poll)(struct file *, struct poll_table_struct *);
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
#define FMODE_PREAD 0x8u   // pread works: the file has positions
#define FMODE_PWRITE 0x10u // pwrite too
#define FMODE_EXEC 0x20u
#define FMODE_STREAM 0x200000u // a stream (a pipe): no position at all

// A file read and written in order only, as a pipe (Linux: stream_open):
// lseek, pread and pwrite are -ESPIPE.
static inline int stream_open(struct inode *, struct file *filp)
{
	filp->f_mode &= ~(FMODE_PREAD | FMODE_PWRITE);
	filp->f_mode |= FMODE_STREAM;
	return 0;
}

static inline struct inode *file_inode(const struct file *f) { return f->f_inode; }

// One more reference to an open file; the last fput() releases it.
static inline struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}
void fput(struct file *file);

/*
 * What follows was added with the file side of user processes (fs/, mm/filemap).
 */

// Device numbers (Linux: include/linux/kdev_t.h).
#define MINORBITS 20
#define MINORMASK ((1U << MINORBITS) - 1)
#define MAJOR(dev) ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev) ((unsigned int)((dev)&MINORMASK))
#define MKDEV(ma, mi) ((dev_t)(((unsigned int)(ma) << MINORBITS) | (unsigned int)(mi)))

#define PATH_MAX 4096 // a path with its NUL (Linux: include/uapi/linux/limits.h)
#define NAME_MAX 255  // one component

// A name and its length, not NUL-terminated (Linux: struct qstr).
struct qstr {
	const char *name;
	unsigned int len;
};

/*
 * Directory operations (Linux: struct inode_operations). Names are one
 * component. Every call that returns an inode returns a reference the
 * caller drops with iput(). A missing operation means the directory does
 * not support it (-EPERM, as Linux's vfs_* say for a filesystem without it).
 */
struct inode_operations {
	// The child called name: a referenced inode, or ERR_PTR(-ENOENT...).
	struct inode *(*lookup)(struct inode *dir, const struct qstr *name);
	// A new regular file: its inode, referenced, in *res.
	int (*create)(struct inode *dir, const struct qstr *name, umode_t mode, struct inode **res);
	int (*mkdir)(struct inode *dir, const struct qstr *name, umode_t mode);
	int (*mknod)(struct inode *dir, const struct qstr *name, umode_t mode, dev_t dev);
	int (*symlink)(struct inode *dir, const struct qstr *name, const char *target);
	int (*link)(struct inode *old, struct inode *dir, const struct qstr *name);
	int (*unlink)(struct inode *dir, const struct qstr *name);
	int (*rmdir)(struct inode *dir, const struct qstr *name);
};

/*
 * A file itself (Linux: struct inode). i_nlink counts names in directories;
 * i_count counts in-memory users (open files, a task's root and cwd, a
 * lookup in progress). The inode is freed when both are zero (iput).
 * Differs from Linux: no superblock, no dentries: a directory keeps its
 * entries itself (ramfs: i_dirents) and knows its parent for "..".
 * No owners or timestamps (stat reports uid 0 and time 0).
 */
struct inode {
	umode_t i_mode;
	unsigned int i_nlink;
	long i_count;
	unsigned long i_ino;
	dev_t i_rdev; // a device node's number
	loff_t i_size;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop; // what open() gives the struct file
	struct address_space *i_mapping;     // the page cache: &i_data
	struct address_space i_data;
	struct inode *i_parent;		// a directory's "..": itself for a root
	struct list_head i_dirents;	// a ramfs directory's entries
	char *i_link;			// a symlink's target, kmalloc'ed, NUL-terminated
	void *i_private;		// the owner's (a /proc file's generator)
	void (*i_free)(struct inode *); // called just before the inode is freed
};

// Inodes (fs/inode.cpp). new_inode: a zeroed inode with one reference, its
// own inode number and an empty page cache; NULL without memory.
void vfs_caches_init(void); // boot, and each host test: the inode cache
struct inode *new_inode(void);
static inline struct inode *ihold(struct inode *inode)
{
	inode->i_count++;
	return inode;
}
void iput(struct inode *inode);
unsigned long nr_inodes_in_use(void); // tests: everything freed?

// Readdir (Linux: struct dir_context, filldir_t). The actor returns false
// when the caller's buffer is full; pos is the directory offset to resume at.
typedef bool (*filldir_t)(struct dir_context *, const char *name, int namlen, loff_t offset,
			  u64 ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;
	loff_t pos;
};
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
static inline unsigned char fs_umode_to_dtype(umode_t mode) { return (mode >> 12) & 15; }

// Opening and reading files from the kernel (fs/open.cpp, fs/read_write.cpp).
// alloc_file: a struct file for inode (takes a reference on it), f_count 1.
struct file *alloc_file(struct inode *inode, unsigned int flags, const struct file_operations *fop);
// Opens a kernel path (exec, init): the file, or ERR_PTR(-errno).
struct file *filp_open(const char *filename, int flags, umode_t mode);
// Reads into a kernel buffer: bytes read, or -errno (Linux: kernel_read).
long kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
long kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos);

// Device nodes (fs/inode.cpp, fs/char_dev.cpp): a char device's open finds
// its driver by i_rdev (chrdev_open); other special files do not open (-ENXIO).
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
extern const struct file_operations def_chr_fops;

// Seeking (fs/read_write.cpp): Linux's generic_file_llseek, noop_llseek.
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t noop_llseek(struct file *file, loff_t offset, int whence);

// stat's view of an inode (fs/stat.cpp, Linux: vfs_getattr).
struct kstat;
void vfs_getattr(struct inode *inode, struct kstat *stat);

// fs/ramfs/d_path.cpp: the path of an open file (Linux: d_path, file_path)
// and its last component.
const char *file_path(const struct file *file, char *buf, size_t size);
const char *file_name_of(const struct file *file);
