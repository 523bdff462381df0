#pragma once
/*
 * The page cache (Linux: include/linux/pagemap.h, mm/filemap.c,
 * mm/truncate.c). A file's data lives in pages of its address_space, found
 * by index (file offset / PAGE_SIZE). The cache holds one reference on each
 * page it has; a page the caller gets from find_get_page() or
 * find_or_create_page() carries one more, which the caller drops with
 * __free_page() (Linux: put_page()).
 *
 * Differs from Linux: an rbtree keyed by index instead of an xarray, no LRU,
 * no writeback (pages are the file: ramfs), no locking (one CPU).
 */
#include <asm/page_types.h>
#include <linux/fs.h>
#include <linux/gfp.h>

// Boot, and each host test after kmem_cache_init(): the index-node cache.
void pagecache_init(void);

// The page at index with a reference taken, or NULL.
struct page *find_get_page(struct address_space *mapping, pgoff_t index);
// Puts page at index: page->mapping and ->index set, one reference taken
// for the cache. 0, -EEXIST if index is taken, -ENOMEM.
int add_to_page_cache(struct page *page, struct address_space *mapping, pgoff_t index);
// find_get_page(), or a new zeroed page from gfp added at index; NULL
// without memory.
struct page *find_or_create_page(struct address_space *mapping, pgoff_t index, gfp_t gfp);
// Takes page out of its mapping and drops the cache's reference.
void delete_from_page_cache(struct page *page);
// Deletes every page wholly at or past lstart; zeroes the rest of the page
// lstart falls inside (Linux: truncate_inode_pages, partial folio included).
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);

// The page at index, made (zeroed) if it is a hole: what exec or a file
// mapping wants (Linux: read_mapping_page, which reads it in from disk).
// A referenced page, or ERR_PTR(-ENOMEM).
struct page *read_mapping_page(struct address_space *mapping, pgoff_t index);

// Page-cache index nodes in use (tests: all freed?).
unsigned long nr_pagecache_nodes(void);

// The largest file offset (Linux: MAX_LFS_FILESIZE on 32-bit: the page
// index must fit an unsigned long).
#define MAX_LFS_FILESIZE (((loff_t)0xffffffffUL) << PAGE_SHIFT)

// Reads file data from the page cache: holes and pages past nothing read as
// zeros; stops at i_size. Bytes copied, or -EFAULT if none could be. *ppos
// advances (Linux: filemap_read).
struct iov_iter;
long filemap_read(struct file *file, struct iov_iter *to, loff_t *ppos);
// Writes into the page cache at *ppos, making pages as needed and growing
// i_size. Bytes copied, or -EFAULT / -ENOMEM / -EFBIG if none could be
// (Linux: generic_perform_write).
long generic_perform_write(struct file *file, struct iov_iter *from, loff_t *ppos);
// Unmaps, in every process, the pages of mapping from holebegin (rounded up
// to a page) on, private copies included (Linux: unmap_mapping_range with
// even_cows). Context: process; the caller holds the inode.
void unmap_mapping_range(struct address_space *mapping, loff_t holebegin);
// Sets i_size, unmaps and drops or zeroes the cache past it (Linux:
// truncate_setsize, truncate_pagecache).
void truncate_setsize(struct inode *inode, loff_t newsize);

struct vm_area_struct;
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
