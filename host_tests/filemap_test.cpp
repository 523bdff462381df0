// The page cache and ramfs files on the host: index, references, truncation,
// reads and writes through user memory, holes, and every page given back.
#include "fs_helpers.h"

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/highmem.h>
#include <linux/ramfs.h>
#include <linux/stat.h>
#include <linux/uio.h>

namespace
{

struct Filemap : FsMachine {
};

TEST_F(Filemap, index_references_and_exists)
{
	struct inode *inode = new_inode();
	ASSERT_NE(inode, nullptr);
	struct address_space *m = inode->i_mapping;
	EXPECT_EQ(find_get_page(m, 3), nullptr);
	struct page *p = find_or_create_page(m, 3, GFP_HIGHUSER);
	ASSERT_NE(p, nullptr);
	EXPECT_TRUE(PageHighMem(p)) << "GFP_HIGHUSER: the cache takes highmem pages";
	EXPECT_EQ(page_ref_count(p), 2) << "the cache's and ours";
	EXPECT_EQ(p->mapping, m);
	EXPECT_EQ(p->index, 3u);
	u8 *a = (u8 *)kmap_local_page(p);
	EXPECT_EQ(memchr_inv(a, 0, PAGE_SIZE), nullptr) << "a new page is zeroed";
	a[7] = 42;
	kunmap_local(a);
	EXPECT_EQ(find_or_create_page(m, 3, GFP_HIGHUSER), p) << "found, not made again";
	__free_page(p);
	EXPECT_EQ(page_ref_count(p), 2);
	__free_page(p);

	struct page *q = alloc_page(GFP_KERNEL);
	EXPECT_EQ(add_to_page_cache(q, m, 3), -EEXIST);
	EXPECT_EQ(q->mapping, nullptr);
	for (pgoff_t i : {9ul, 1ul, 5ul, 0ul, 7ul})
		EXPECT_EQ(add_to_page_cache(i == 9 ? q : alloc_page(GFP_KERNEL), m, i), 0);
	EXPECT_EQ(m->nrpages, 6u);
	EXPECT_GE(rb_check(&m->i_pages), 0) << "a valid red-black tree";
	__free_page(q); // the cache keeps it
	EXPECT_EQ(find_get_page(m, 9), q);
	__free_page(q);
	for (pgoff_t i : {0ul, 1ul, 5ul, 7ul}) { // the pages added without keeping a ref
		struct page *r = find_get_page(m, i);
		ASSERT_NE(r, nullptr);
		EXPECT_EQ(page_ref_count(r), 3) << "alloc's, the cache's, the lookup's";
		__free_page(r);
		__free_page(r); // alloc_page's: the cache now holds the only one
	}
	struct page *five = find_get_page(m, 5);
	delete_from_page_cache(five);
	EXPECT_EQ(five->mapping, nullptr);
	EXPECT_EQ(page_ref_count(five), 1) << "ours: the caller holds one across the delete";
	__free_page(five);
	struct page *gone = find_get_page(m, 5);
	EXPECT_EQ(gone, nullptr);
	EXPECT_EQ(m->nrpages, 5u);
	iput(inode);
	EXPECT_EQ(nr_pagecache_nodes(), 0u);
	EXPECT_EQ(nr_inodes_in_use(), 0u);
	release_mm();
	EXPECT_EQ(settled_free_pages(), baseline);
}

TEST_F(Filemap, truncate_drops_whole_pages_and_zeroes_the_partial_one)
{
	struct inode *inode = new_inode();
	struct address_space *m = inode->i_mapping;
	for (pgoff_t i = 0; i < 4; i++) {
		struct page *p = find_or_create_page(m, i, GFP_HIGHUSER);
		u8 *a = (u8 *)kmap_local_page(p);
		memset(a, 0xaa, PAGE_SIZE);
		kunmap_local(a);
		__free_page(p);
	}
	truncate_inode_pages(m, PAGE_SIZE + 100);
	EXPECT_EQ(m->nrpages, 2u);
	struct page *p = find_get_page(m, 1);
	u8 *a = (u8 *)kmap_local_page(p);
	EXPECT_EQ(a[99], 0xaa);
	EXPECT_EQ(memchr_inv(a + 100, 0, PAGE_SIZE - 100), nullptr);
	kunmap_local(a);
	__free_page(p);
	truncate_inode_pages(m, 2 * PAGE_SIZE);
	EXPECT_EQ(m->nrpages, 2u) << "a page-aligned truncate past the pages drops nothing";
	truncate_inode_pages(m, 0);
	EXPECT_EQ(m->nrpages, 0u);
	EXPECT_TRUE(RB_EMPTY_ROOT(&m->i_pages));
	iput(inode);
	release_mm();
	EXPECT_EQ(settled_free_pages(), baseline);
}

TEST_F(Filemap, ramfs_file_reads_what_was_written_across_pages_and_holes)
{
	struct inode *inode = ramfs_get_inode(S_IFREG | 0644, 0);
	struct file *f = alloc_file(inode, O_RDWR, inode->i_fop);
	iput(inode); // the file holds it now
	ASSERT_FALSE(IS_ERR(f));
	std::string text(PAGE_SIZE + 300, 'x');
	for (size_t i = 0; i < text.size(); i++)
		text[i] = (char)('a' + i % 26);
	put(0, text);
	loff_t pos = 2 * PAGE_SIZE - 10; // straddles pages 1..3
	EXPECT_EQ(f->f_op->write(f, ubuf(0), text.size(), &pos), (long)text.size());
	EXPECT_EQ(inode->i_size, 2 * PAGE_SIZE - 10 + (loff_t)text.size());
	EXPECT_EQ(inode->i_mapping->nrpages, 3u) << "page 0 is a hole";

	pos = 0;
	long n = f->f_op->read(f, ubuf(8 * PAGE_SIZE), 4 * PAGE_SIZE, &pos);
	EXPECT_EQ(n, inode->i_size) << "a read stops at i_size";
	EXPECT_EQ(pos, inode->i_size);
	std::string back = get(8 * PAGE_SIZE, (size_t)n);
	EXPECT_EQ(back.substr(0, 2 * PAGE_SIZE - 10), std::string(2 * PAGE_SIZE - 10, '\0'));
	EXPECT_EQ(back.substr(2 * PAGE_SIZE - 10), text);
	EXPECT_EQ(f->f_op->read(f, ubuf(0), 10, &pos), 0) << "at the end: 0";

	char kbuf[16];
	pos = 2 * PAGE_SIZE - 10;
	EXPECT_EQ(kernel_read(f, kbuf, sizeof(kbuf), &pos), 16);
	EXPECT_EQ(std::string(kbuf, 16), text.substr(0, 16)) << "exec reads the same bytes";

	pos = 0;
	EXPECT_EQ(f->f_op->read(f, (char __user *)0x20000000, 10, &pos), -EFAULT) << "unmapped";
	EXPECT_EQ(f->f_op->read(f, (char __user *)0xc0001000, 10, &pos), -EFAULT) << "kernel";
	EXPECT_EQ(f->f_op->write(f, nullptr, 10, &pos), -EFAULT);
	EXPECT_EQ(pos, 0);
	pos = 0;
	EXPECT_EQ(f->f_op->read(f, ubuf(ULEN - 5), 10, &pos), 5) << "short at the mapping's end";
	EXPECT_EQ(pos, 5);
	fput(f);
	EXPECT_EQ(nr_inodes_in_use(), 0u) << "a nameless inode goes with its last file";
	EXPECT_EQ(nr_pagecache_nodes(), 0u);
	release_mm();
	EXPECT_EQ(settled_free_pages(), baseline);
}

TEST_F(Filemap, ramfs_directories_count_links_and_free_what_they_drop)
{
	struct inode *root = ramfs_new_root();
	struct qstr a = {"a", 1}, d = {"d", 1}, l = {"l", 1}, h = {"h", 1};
	struct inode *file = nullptr;
	EXPECT_EQ(root->i_op->create(root, &a, 0644, &file), 0);
	EXPECT_EQ(root->i_op->create(root, &a, 0644, &file), -EEXIST);
	EXPECT_EQ(root->i_op->mkdir(root, &d, 0755), 0);
	EXPECT_EQ(root->i_nlink, 3u) << "., the root's .., and d's ..";
	EXPECT_EQ(root->i_op->symlink(root, &l, "/a"), 0);
	EXPECT_EQ(root->i_op->link(file, root, &h), 0);
	EXPECT_EQ(file->i_nlink, 2u);
	struct inode *sub = root->i_op->lookup(root, &d);
	ASSERT_FALSE(IS_ERR(sub));
	EXPECT_TRUE(S_ISDIR(sub->i_mode));
	EXPECT_EQ(sub->i_nlink, 2u);
	EXPECT_EQ(sub->i_parent, root);
	struct inode *lnk = root->i_op->lookup(root, &l);
	EXPECT_STREQ(lnk->i_link, "/a");
	EXPECT_EQ(lnk->i_size, 2);
	iput(lnk);
	EXPECT_EQ(sub->i_op->create(sub, &a, 0644, nullptr), 0);
	EXPECT_EQ(root->i_op->rmdir(root, &d), -ENOTEMPTY);
	EXPECT_EQ(root->i_op->unlink(root, &d), -EISDIR);
	EXPECT_EQ(root->i_op->rmdir(root, &a), -ENOTDIR);
	EXPECT_EQ(sub->i_op->unlink(sub, &a), 0);
	EXPECT_EQ(root->i_op->rmdir(root, &d), 0);
	EXPECT_EQ(root->i_nlink, 2u);
	EXPECT_EQ(sub->i_nlink, 0u);
	EXPECT_TRUE(S_ISDIR(sub->i_mode)) << "still alive: we hold it";
	iput(sub);
	EXPECT_EQ(PTR_ERR(root->i_op->lookup(root, &d)), -ENOENT);
	std::string longname(NAME_MAX + 1, 'n');
	struct qstr big = {longname.c_str(), (unsigned int)longname.size()};
	EXPECT_EQ(root->i_op->mkdir(root, &big, 0755), -ENAMETOOLONG);
	EXPECT_EQ(root->i_op->unlink(root, &a), 0);
	EXPECT_EQ(file->i_nlink, 1u) << "h still names it";
	iput(file);
	EXPECT_EQ(nr_inodes_in_use(), 3u) << "root, h's file, l";
	ramfs_kill_tree(root);
	EXPECT_EQ(nr_inodes_in_use(), 1u) << "the root: its nlink keeps it";
	root->i_nlink = 0;
	iput(root);
	EXPECT_EQ(nr_inodes_in_use(), 0u);
	release_mm();
	EXPECT_EQ(settled_free_pages(), baseline);
}

} // namespace
