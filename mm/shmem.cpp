// Shared anonymous memory (Linux: mm/shmem.c's shmem_zero_setup). A
// MAP_SHARED | MAP_ANONYMOUS mapping is backed by an unnamed file whose
// page cache holds its pages, so a forked child that faults finds the
// parent's page, not a copy: what makes the memory shared. Linux uses a
// tmpfs file named "dev/zero"; maps shows it as "/dev/zero (deleted)".
// Differs from Linux: a ramfs inode (no swap, no size limit but RAM), and
// its pages are counted as file pages, not RssShmem. A directory mounted
// as tmpfs (fs/namespace.cpp) is ramfs too, its inodes marked so that
// meminfo counts their pages as Shmem.
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/mm_space.h>
#include <linux/ramfs.h>
#include <linux/stat.h>

const char shmem_zero_name[] = "/dev/zero (deleted)";

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct inode *inode = ramfs_get_inode(S_IFREG | 0600, 0);
	if (!inode)
		return -ENOMEM;
	inode->i_size = (loff_t)(vma->vm_end - vma->vm_start);
	inode->i_private = (void *)shmem_zero_name; // its pages are Shmem in meminfo
	struct file *file = alloc_file(inode, O_RDWR, inode->i_fop);
	iput(inode); // the file holds it now; with no name it goes with the file
	if (IS_ERR_OR_NULL(file))
		return -ENOMEM;
	file->private_data = (void *)shmem_zero_name;
	vma->vm_file = file;
	vma->vm_pgoff = 0;
	return 0;
}

// A tmpfs inode: a ramfs inode whose pages count as Shmem, marked by
// i_private (Linux: a tmpfs superblock's shmem_inode_info).
static const char tmpfs_marker[] = "tmpfs";

void shmem_mark_inode(struct inode *inode) { inode->i_private = (void *)tmpfs_marker; }

bool inode_is_shmem(const struct inode *inode)
{
	return inode->i_private == shmem_zero_name || inode->i_private == tmpfs_marker;
}

bool mapping_is_shmem(const struct address_space *mapping)
{
	return mapping->host && inode_is_shmem(mapping->host);
}

const char *shmem_name(const struct file *file)
{
	return file->private_data == shmem_zero_name ? shmem_zero_name : nullptr;
}
