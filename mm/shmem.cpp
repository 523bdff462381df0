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
#include <linux/mman.h>
#include <linux/ramfs.h>
#include <linux/sched.h>
#include <linux/stat.h>

#include "internal.h"

const char shmem_zero_name[] = "/dev/zero (deleted)";

// How a shmem inode is charged to the commitment (Linux: shmem_acct_size,
// shmem_acct_block). A shared anonymous mapping promises its whole size
// when it is made; a tmpfs file, and a MAP_NORESERVE one, a page at a time.
static const char shmem_zero_marker[] = "dev/zero";
static const char shmem_noreserve_marker[] = "dev/zero noreserve";
static const char tmpfs_marker[] = "tmpfs";

static long shmem_size_pages(const struct inode *inode)
{
	return (long)(((unsigned long)inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

// Linux: shmem_unacct_size from shmem_evict_inode.
static void shmem_unacct_size(struct inode *inode) { vm_unacct_memory(shmem_size_pages(inode)); }

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct inode *inode = ramfs_get_inode(S_IFREG | 0600, 0);
	if (!inode)
		return -ENOMEM;
	inode->i_size = (loff_t)(vma->vm_end - vma->vm_start);
	// its pages are Shmem in meminfo
	inode->i_private = (void *)shmem_noreserve_marker;
	if (!(vma->vm_flags & VM_NORESERVE)) {
		if (security_vm_enough_memory_mm(current->mm, shmem_size_pages(inode))) {
			iput(inode);
			return -ENOMEM;
		}
		inode->i_private = (void *)shmem_zero_marker;
		inode->i_free = shmem_unacct_size;
	}
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
void shmem_mark_inode(struct inode *inode) { inode->i_private = (void *)tmpfs_marker; }

bool inode_is_shmem(const struct inode *inode)
{
	return inode->i_private == shmem_zero_marker ||
	       inode->i_private == shmem_noreserve_marker || inode->i_private == tmpfs_marker;
}

// Does each page of mapping charge the commitment? (Linux: VM_NORESERVE
// in the shmem_inode_info's flags.)
bool shmem_acct_per_page(const struct address_space *mapping)
{
	const struct inode *inode = mapping->host;
	return inode &&
	       (inode->i_private == shmem_noreserve_marker || inode->i_private == tmpfs_marker);
}

bool mapping_is_shmem(const struct address_space *mapping)
{
	return mapping->host && inode_is_shmem(mapping->host);
}

const char *shmem_name(const struct file *file)
{
	return file->private_data == shmem_zero_name ? shmem_zero_name : nullptr;
}
