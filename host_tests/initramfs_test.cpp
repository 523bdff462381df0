// Unpacking newc cpio archives into the root: every kind of entry, hard
// links, archives back to back, and malformed archives (cut at every byte,
// bytes flipped) that must give an error, never a crash or a leak.
#include <cstdio>
#include <random> // before the kernel headers: libstdc++ names things __init

#include "fs_helpers.h"

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/stat.h>

namespace
{

// Builds a newc archive as cpio -H newc would write it.
struct Cpio {
	std::string out;
	unsigned long next_ino = 100;
	void entry(const std::string &name, unsigned long mode, const std::string &data = "",
		   unsigned long nlink = 1, unsigned long ino = 0, unsigned long rmaj = 0,
		   unsigned long rmin = 0)
	{
		char hdr[111];
		snprintf(hdr, sizeof(hdr),
			 "070701%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX",
			 ino ? ino : next_ino++, mode, 0ul, 0ul, nlink, 0ul,
			 (unsigned long)data.size(), 0ul, 1ul, rmaj, rmin,
			 (unsigned long)name.size() + 1, 0ul);
		out += std::string(hdr, 110) + name + '\0';
		pad();
		out += data;
		pad();
	}
	void pad()
	{
		while (out.size() % 4)
			out += '\0';
	}
	std::string trailer()
	{
		entry("TRAILER!!!", 0);
		return out;
	}
};

struct Initramfs : FsRoot {
	// The error, or "ok".
	std::string unpack(const std::string &a)
	{
		const char *err = unpack_to_rootfs(a.data(), a.size());
		return err ? err : "ok";
	}
	std::string contents(const std::string &path)
	{
		struct file *f = filp_open(path.c_str(), O_RDONLY, 0);
		if (IS_ERR(f))
			return "<" + std::to_string(PTR_ERR(f)) + ">";
		std::string s(file_inode(f)->i_size, '\0');
		loff_t pos = 0;
		EXPECT_EQ(kernel_read(f, s.data(), s.size(), &pos), (long)s.size());
		fput(f);
		return s;
	}
	struct inode *lookup(const std::string &path, unsigned int flags = 0)
	{
		struct inode *inode = nullptr;
		int err = kern_path(path.c_str(), flags, &inode);
		if (err)
			return nullptr;
		iput(inode); // the tree still names it; the test only looks
		return inode;
	}
};

std::string big_data()
{
	std::string s(3 * PAGE_SIZE + 17, '\0');
	for (size_t i = 0; i < s.size(); i++)
		s[i] = (char)(i * 7 + i / 4096);
	return s;
}

Cpio good_archive()
{
	Cpio c;
	c.entry(".", S_IFDIR | 0755);
	c.entry("bin", S_IFDIR | 0755);
	c.entry("bin/busybox", S_IFREG | 0755, big_data());
	c.entry("bin/sh", S_IFLNK | 0777, "busybox");
	c.entry("etc", S_IFDIR | 0755);
	c.entry("etc/motd", S_IFREG | 0644, "hi\n");
	c.entry("dev/ttyS0", S_IFCHR | 0600, "", 1, 0, 4, 64);
	c.entry("dev/sda", S_IFBLK | 0600, "", 1, 0, 8, 0);
	c.entry("empty", S_IFREG | 0600);
	// Hard links as cpio writes them: the data with the last name.
	c.entry("etc/a", S_IFREG | 0644, "", 2, 7);
	c.entry("etc/b", S_IFREG | 0644, "linked", 2, 7);
	return c;
}

TEST_F(Initramfs, unpacks_every_kind_of_entry)
{
	Cpio c = good_archive();
	EXPECT_EQ(unpack(c.trailer()), "ok");
	EXPECT_TRUE(contents("/bin/busybox") == big_data());
	EXPECT_TRUE(contents("/bin/sh") == big_data()) << "through the symlink";
	EXPECT_STREQ(lookup("/bin/sh")->i_link, "busybox");
	EXPECT_EQ(lookup("/bin/busybox")->i_mode, S_IFREG | 0755);
	EXPECT_EQ(contents("/etc/motd"), "hi\n");
	EXPECT_EQ(contents("/empty"), "");
	struct inode *tty = lookup("/dev/ttyS0");
	ASSERT_NE(tty, nullptr);
	EXPECT_EQ(tty->i_mode, S_IFCHR | 0600);
	EXPECT_EQ(tty->i_rdev, MKDEV(4, 64));
	EXPECT_EQ(lookup("/dev/sda")->i_rdev, MKDEV(8, 0));
	EXPECT_NE(lookup("/dev/null"), nullptr) << "init_rootfs's nodes stay";
	EXPECT_EQ(lookup("/etc/a"), lookup("/etc/b")) << "one inode";
	EXPECT_EQ(lookup("/etc/a")->i_nlink, 2u);
	EXPECT_EQ(contents("/etc/a"), "linked");

	// A second archive over the first, after NUL padding: files replace
	// files, a file replaces a symlink, directories merge.
	Cpio d;
	d.entry("etc/motd", S_IFREG | 0600, "bye\n");
	d.entry("bin/sh", S_IFREG | 0755, "script");
	d.entry("bin", S_IFDIR | 0755);
	std::string both = c.out + std::string(8, '\0') + d.trailer();
	EXPECT_EQ(unpack(both), "ok");
	EXPECT_EQ(contents("/etc/motd"), "bye\n");
	EXPECT_EQ(lookup("/etc/motd")->i_mode, S_IFREG | 0644)
	    << "the mode of the file it reopened";
	EXPECT_TRUE(S_ISREG(lookup("/bin/sh")->i_mode));
	EXPECT_EQ(contents("/bin/sh"), "script");
	EXPECT_TRUE(contents("/bin/busybox") == big_data());
}

TEST_F(Initramfs, malformed_archives_are_errors)
{
	EXPECT_EQ(unpack(""), "ok") << "nothing is nothing";
	EXPECT_EQ(unpack(std::string(64, '\0')), "ok") << "only padding";
	EXPECT_EQ(unpack("0707"), "truncated header");
	EXPECT_EQ(unpack(std::string(110, '0')), "bad magic (not a newc cpio archive)");
	EXPECT_EQ(unpack("\x1f\x8b\x08\x00gzip"), "compressed archive (gzip): not supported");
	EXPECT_EQ(unpack(std::string(3, '\0') + "070701"), "junk between archives") << "misaligned";

	Cpio c;
	c.entry("f", S_IFREG | 0644, "abc");
	std::string a = c.trailer();
	std::string bad = a;
	bad[20] = 'x';
	EXPECT_EQ(unpack(bad), "bad hex digit in header");
	bad = a;
	bad.replace(6 + 11 * 8, 8, "00002000"); // namesize 8192
	EXPECT_EQ(unpack(bad), "name too long");
	bad = a;
	bad.replace(6 + 11 * 8, 8, "00000000");
	EXPECT_EQ(unpack(bad), "empty name");
	bad = a;
	bad.replace(6 + 11 * 8, 8, "00000001"); // the name "f" loses its NUL
	EXPECT_EQ(unpack(bad), "name not NUL-terminated");
	bad = a;
	bad.replace(6 + 6 * 8, 8, "00100000"); // filesize 1M
	EXPECT_EQ(unpack(bad), "truncated file data");
	EXPECT_EQ(unpack(c.out.substr(0, 116)), "no TRAILER!!! at the end");
	Cpio s;
	s.entry("l", S_IFLNK | 0777, "");
	EXPECT_EQ(unpack(s.trailer()), "bad symlink target length");
	Cpio u;
	u.entry("x", 0170000 | 0644);
	EXPECT_EQ(unpack(u.trailer()), "unknown file type");
	Cpio n;
	n.entry("nodir/f", S_IFREG | 0644, "x");
	EXPECT_EQ(unpack(n.trailer()), "cannot create a file");
	EXPECT_EQ(unpack(a + "junkjunk"), "bad magic (not a newc cpio archive)");
	EXPECT_EQ(unpack(a + "0707"), "truncated header");
}

// Every prefix and many corruptions of a real archive: an error or
// success, never a crash (ASan watches), and no leaks (TearDown checks).
TEST_F(Initramfs, cut_or_corrupted_anywhere_never_crashes)
{
	std::string a = good_archive().trailer();
	int errors = 0;
	for (size_t len = 0; len < a.size(); len += 1 + len / 512)
		errors += unpack(a.substr(0, len)) != "ok";
	EXPECT_GT(errors, 100);
	std::mt19937 rng(1);
	for (int i = 0; i < 300; i++) {
		std::string b = a;
		size_t at = rng() % b.size();
		b[at] = (char)rng();
		(void)unpack(b);
	}
	kill_rootfs(); // the debris can be anything: start from a clean root
	ASSERT_EQ(init_rootfs(), 0);
	EXPECT_EQ(unpack(a), "ok");
	EXPECT_TRUE(contents("/bin/busybox") == big_data());
}

} // namespace
