/*
 * In-memory inodes (Linux: fs/inode.c). An inode lives while it has a name
 * (i_nlink) or a user (i_count); the last iput() of a nameless inode frees
 * its pages, its symlink target and the inode.
 * Differs from Linux: no inode hash or LRU; nothing is written back.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/pagemap.h>
#include <linux/slab.h>
#include <linux/stat.h>

static struct kmem_cache *inode_cachep;
static unsigned long last_ino, inodes_in_use;

void __init vfs_caches_init(void)
{
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), alignof(struct inode),
					 SLAB_PANIC, nullptr);
	last_ino = 0;
	inodes_in_use = 0;
}

unsigned long nr_inodes_in_use(void) { return inodes_in_use; }

// Linux: new_inode + get_next_ino, and inode_init_always's defaults.
struct inode *new_inode(void)
{
	struct inode *inode = (struct inode *)kmem_cache_zalloc(inode_cachep, GFP_KERNEL);
	if (!inode)
		return nullptr;
	inode->i_count = 1;
	inode->i_ino = ++last_ino;
	inode->i_data.host = inode;
	inode->i_mapping = &inode->i_data;
	INIT_LIST_HEAD(&inode->i_dirents);
	inodes_in_use++;
	return inode;
}

// Linux: evict() -> truncate_inode_pages_final, then destroy_inode.
static void evict(struct inode *inode)
{
	if (inode->i_free)
		inode->i_free(inode);
	truncate_inode_pages(&inode->i_data, 0);
	kfree(inode->i_link);
	struct inode *parent = inode->i_parent;
	kmem_cache_free(inode_cachep, inode);
	inodes_in_use--;
	if (parent && parent != inode)
		iput(parent); // a directory's ".." held its parent
}

// Opening a node with no driver behind it (Linux: def_blk_fops with no
// disk, a FIFO with no pipe code).
static int no_open(struct inode *inode, struct file *file) { return -ENXIO; }
static const struct file_operations no_open_fops = {.open = no_open};

// Linux: init_special_inode.
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	inode->i_rdev = rdev;
	inode->i_fop = S_ISCHR(mode) ? &def_chr_fops : &no_open_fops;
}

void iput(struct inode *inode)
{
	if (!inode || WARN_ON(inode->i_count <= 0))
		return;
	if (--inode->i_count == 0 && inode->i_nlink == 0)
		evict(inode);
}
