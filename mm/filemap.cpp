/*
 * The page cache (Linux: mm/filemap.c, mm/truncate.c).
 *
 * An address_space indexes its pages in mapping->i_pages, an rbtree keyed
 * by page->index. The rb_node cannot live in struct page: it is 16 bytes
 * and the page is held at 32 (static_assert in mm/mm_init.cpp), with lru
 * (8 bytes) the only room the page-cache arm has spare. So each cached page
 * has a small pagecache_node from its own slab cache, and page->private_
 * points back at it, making delete O(log n) with no search. Linux keeps the
 * page in an xarray slot instead; the cost here is 20-odd bytes a page.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/pagemap.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/uio.h>

#include "internal.h"

struct pagecache_node {
	struct rb_node rb;
	struct page *page;
};

static struct kmem_cache *pagecache_node_cache;
static unsigned long pagecache_nodes;

void __init pagecache_init(void)
{
	pagecache_node_cache =
	    kmem_cache_create("pagecache_node", sizeof(struct pagecache_node),
			      alignof(struct pagecache_node), SLAB_PANIC, nullptr);
	pagecache_nodes = 0;
}

unsigned long nr_pagecache_nodes(void) { return pagecache_nodes; }

static struct pagecache_node *node_of(struct rb_node *rb)
{
	return rb_entry_safe(rb, struct pagecache_node, rb);
}

// The node at index, or the first one past it when exact is false.
static struct pagecache_node *pagecache_search(struct address_space *mapping, pgoff_t index,
					       bool exact)
{
	struct rb_node *n = mapping->i_pages.rb_node;
	struct pagecache_node *above = nullptr;
	while (n) {
		struct pagecache_node *pn = node_of(n);
		if (index < pn->page->index) {
			above = pn;
			n = n->rb_left;
		} else if (index > pn->page->index) {
			n = n->rb_right;
		} else {
			return pn;
		}
	}
	return exact ? nullptr : above;
}

struct page *find_get_page(struct address_space *mapping, pgoff_t index)
{
	struct pagecache_node *pn = pagecache_search(mapping, index, true);
	if (!pn)
		return nullptr;
	page_ref_inc(pn->page);
	return pn->page;
}

int add_to_page_cache(struct page *page, struct address_space *mapping, pgoff_t index)
{
	struct rb_node **link = &mapping->i_pages.rb_node, *parent = nullptr;
	while (*link) {
		pgoff_t at = node_of(*link)->page->index;
		if (index == at)
			return -EEXIST;
		parent = *link;
		link = index < at ? &parent->rb_left : &parent->rb_right;
	}
	bool charged = shmem_acct_per_page(mapping); // Linux: shmem_acct_block
	if (charged && security_vm_enough_memory_mm(current->mm, 1))
		return -ENOSPC; // Linux: shmem_inode_acct_block fails with ENOSPC
	struct pagecache_node *pn =
	    (struct pagecache_node *)kmem_cache_alloc(pagecache_node_cache, GFP_KERNEL);
	if (!pn) {
		if (charged)
			vm_unacct_memory(1);
		return -ENOMEM;
	}
	pn->page = page;
	page->mapping = mapping;
	page->index = index;
	set_page_private(page, (unsigned long)pn);
	page_ref_inc(page); // the cache's reference
	rb_link_node(&pn->rb, parent, link);
	rb_insert_color(&pn->rb, &mapping->i_pages);
	mapping->nrpages++;
	pagecache_nodes++;
	return 0;
}

// Linux: shmem_get_folio, grab_cache_page_write_begin. The page at index,
// made if absent: ERR_PTR(-ENOMEM) with no page free, -ENOSPC when tmpfs may
// not charge one more page (vm.overcommit_memory 2).
static struct page *grab_cache_page(struct address_space *mapping, pgoff_t index, gfp_t gfp)
{
	struct page *page = find_get_page(mapping, index);
	if (page)
		return page;
	page = alloc_page(gfp | __GFP_ZERO);
	if (!page)
		return (struct page *)ERR_PTR(-ENOMEM);
	int err = add_to_page_cache(page, mapping, index);
	if (err) {
		__free_page(page);
		return (struct page *)ERR_PTR(err);
	}
	return page;
}

struct page *find_or_create_page(struct address_space *mapping, pgoff_t index, gfp_t gfp)
{
	struct page *page = grab_cache_page(mapping, index, gfp);
	return IS_ERR(page) ? nullptr : page;
}

struct page *read_mapping_page(struct address_space *mapping, pgoff_t index)
{
	return grab_cache_page(mapping, index, GFP_HIGHUSER);
}

void delete_from_page_cache(struct page *page)
{
	struct address_space *mapping = (struct address_space *)page->mapping;
	if (WARN_ON(!mapping))
		return;
	struct pagecache_node *pn = (struct pagecache_node *)page_private(page);
	rb_erase(&pn->rb, &mapping->i_pages);
	kmem_cache_free(pagecache_node_cache, pn);
	if (shmem_acct_per_page(mapping))
		vm_unacct_memory(1);
	pagecache_nodes--;
	mapping->nrpages--;
	page->mapping = nullptr; // the page allocator refuses a page with a mapping
	set_page_private(page, 0);
	__free_page(page); // the cache's reference
}

// Zeroes [offset, PAGE_SIZE) of the page at index, if there is one.
static void zero_partial_page(struct address_space *mapping, pgoff_t index, unsigned int offset)
{
	struct pagecache_node *pn = pagecache_search(mapping, index, true);
	if (!pn)
		return;
	u8 *addr = (u8 *)kmap_local_page(pn->page);
	memset(addr + offset, 0, PAGE_SIZE - offset);
	kunmap_local(addr);
}

void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	pgoff_t start = (pgoff_t)((lstart + PAGE_SIZE - 1) >> PAGE_SHIFT);
	unsigned int partial = (unsigned int)(lstart & (PAGE_SIZE - 1));
	if (partial)
		zero_partial_page(mapping, (pgoff_t)(lstart >> PAGE_SHIFT), partial);
	struct pagecache_node *pn = pagecache_search(mapping, start, false);
	while (pn) {
		struct pagecache_node *next = node_of(rb_next(&pn->rb));
		delete_from_page_cache(pn->page);
		pn = next;
	}
}

// Copies up to bytes from page+offset out to the iterator (Linux:
// copy_page_to_iter). The page stays kmapped across a user fault: the fault
// handler's own kmap_local nests inside and unmaps before returning.
static size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i)
{
	const u8 *addr = (const u8 *)kmap_local_page(page);
	size_t done = bytes;
	if (i->user)
		done -= copy_to_user(i->ubuf, addr + offset, bytes);
	else
		memcpy(i->kbuf, addr + offset, bytes);
	kunmap_local(addr);
	return done;
}

static size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes,
				  struct iov_iter *i)
{
	u8 *addr = (u8 *)kmap_local_page(page);
	size_t done = bytes;
	if (i->user)
		done -= copy_from_user(addr + offset, i->ubuf, bytes);
	else
		memcpy(addr + offset, i->kbuf, bytes);
	kunmap_local(addr);
	return done;
}

// A hole reads as zeros (Linux: the zero folio in filemap_read, or a read of
// a sparse file's unwritten block).
static size_t zero_iter(size_t bytes, struct iov_iter *i)
{
	if (!i->user) {
		memset(i->kbuf, 0, bytes);
		return bytes;
	}
	return bytes - clear_user(i->ubuf, bytes);
}

static void iov_iter_advance(struct iov_iter *i, size_t n)
{
	if (i->user)
		i->ubuf += n;
	else
		i->kbuf += n;
	i->count -= n;
}

long filemap_read(struct file *file, struct iov_iter *to, loff_t *ppos)
{
	struct address_space *mapping = file->f_mapping;
	loff_t pos = *ppos, size = mapping->host->i_size;
	long done = 0;
	while (to->count && pos < size) {
		size_t offset = (size_t)(pos & (PAGE_SIZE - 1));
		size_t n = min<size_t>(PAGE_SIZE - offset, to->count);
		n = (size_t)min<loff_t>((loff_t)n, size - pos);
		struct page *page = find_get_page(mapping, (pgoff_t)(pos >> PAGE_SHIFT));
		size_t copied = page ? copy_page_to_iter(page, offset, n, to) : zero_iter(n, to);
		if (page)
			__free_page(page);
		iov_iter_advance(to, copied);
		pos += copied;
		done += copied;
		if (copied < n)
			break;
	}
	*ppos = pos;
	return done || !to->count || pos >= size ? done : -EFAULT;
}

long generic_perform_write(struct file *file, struct iov_iter *from, loff_t *ppos)
{
	struct address_space *mapping = file->f_mapping;
	struct inode *inode = mapping->host;
	loff_t pos = *ppos;
	long done = 0, err = 0;
	if (from->count && pos >= MAX_LFS_FILESIZE)
		return -EFBIG;
	from->count = (size_t)min<loff_t>((loff_t)from->count, MAX_LFS_FILESIZE - pos);
	while (from->count) {
		size_t offset = (size_t)(pos & (PAGE_SIZE - 1));
		size_t n = min<size_t>(PAGE_SIZE - offset, from->count);
		struct page *page =
		    grab_cache_page(mapping, (pgoff_t)(pos >> PAGE_SHIFT), GFP_HIGHUSER);
		if (IS_ERR(page)) {
			err = PTR_ERR(page);
			break;
		}
		size_t copied = copy_page_from_iter(page, offset, n, from);
		__free_page(page);
		iov_iter_advance(from, copied);
		pos += copied;
		done += copied;
		if (pos > inode->i_size)
			inode->i_size = pos;
		if (copied < n) {
			err = -EFAULT;
			break;
		}
	}
	*ppos = pos;
	return done ? done : err;
}

// Linux: truncate_setsize (mm/truncate.c): the new size, then the pages.
void truncate_setsize(struct inode *inode, loff_t newsize)
{
	inode->i_size = newsize;
	unmap_mapping_range(inode->i_mapping, newsize); // Linux: truncate_pagecache
	truncate_inode_pages(inode->i_mapping, newsize);
}

// Linux: generic_file_mmap. Nothing to set up: a VMA with vm_file set is
// served from the page cache by mm/memory.cpp's do_fault.
int generic_file_mmap(struct file *file, struct vm_area_struct *vma) { return 0; }
