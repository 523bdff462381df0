// The file system calls on the host, as a user program would make them:
// every path and buffer in user memory, every errno Linux gives, and every
// inode and page back at the end (FsRoot's TearDown checks).
#include "fs_helpers.h"

#include <linux/cdev.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/libfs.h>
#include <linux/ramfs.h>
#include <linux/stat.h>

#include <map>
#include <vector>

namespace
{

struct Syscalls : FsRoot {
};

TEST_F(Syscalls, open_write_read_seek_and_their_errors)
{
	ASSERT_EQ(sys_mkdir(upath("/tmp"), 0755), 0);
	long fd = open("/tmp/f", O_CREAT | O_RDWR, 0640);
	ASSERT_EQ(fd, 0) << "the lowest free number";
	EXPECT_EQ(write_str(fd, "hello world"), 11);
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_CUR), 11);
	EXPECT_EQ(sys_lseek(fd, -5, SEEK_END), 6);
	EXPECT_EQ(read_all(fd), "world");
	EXPECT_EQ(sys_lseek(fd, -1, SEEK_SET), -EINVAL);
	EXPECT_EQ(sys_lseek(fd, -20, SEEK_CUR), -EINVAL);
	EXPECT_EQ(sys_lseek(fd, 0, 7), -EINVAL) << "bad whence";
	EXPECT_EQ(sys_llseek(fd, 1, 0, (loff_t __user *)ubuf(64), SEEK_SET), 0);
	loff_t big;
	ASSERT_EQ(copy_from_user(&big, ubuf(64), 8), 0u);
	EXPECT_EQ(big, 1LL << 32) << "_llseek: high:low";
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_CUR), -EOVERFLOW) << "off_t is 32 bits";
	EXPECT_EQ(sys_llseek(fd, 0, 0, nullptr, SEEK_SET), -EFAULT);
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(sys_read(fd, nullptr, 4), -EFAULT);
	EXPECT_EQ(sys_read(fd, (char __user *)0xc0000000, 4), -EFAULT) << "kernel address";
	EXPECT_EQ(sys_read(fd, (char __user *)0x30000000, 4), -EFAULT) << "unmapped";
	EXPECT_EQ(sys_write(fd, (const char __user *)0x30000000, 4), -EFAULT);
	EXPECT_EQ(sys_read(fd, ubuf(0), 0), 0);
	EXPECT_EQ(sys_pread64(fd, ubuf(0), 5, 6), 5);
	EXPECT_EQ(get(0, 5), "world");
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_CUR), 0) << "pread leaves the position";
	put(0, "J");
	EXPECT_EQ(sys_pwrite64(fd, ubuf(0), 1, 0), 1);
	EXPECT_EQ(sys_pread64(fd, ubuf(0), 3, -1), -EINVAL);
	EXPECT_EQ(read_all(fd), "Jello world");

	EXPECT_EQ(sys_read(9, ubuf(0), 1), -EBADF);
	EXPECT_EQ(sys_close(9), -EBADF);
	EXPECT_EQ(open("/tmp/f", O_CREAT | O_EXCL | O_RDWR), -EEXIST);
	EXPECT_EQ(open("/tmp/f", O_RDONLY | O_DIRECTORY), -ENOTDIR);
	EXPECT_EQ(open("/tmp", O_WRONLY), -EISDIR);
	EXPECT_EQ(open("/tmp", O_RDONLY | O_CREAT), -EISDIR);
	EXPECT_EQ(open("/tmp/new/", O_RDWR | O_CREAT), -EISDIR);
	EXPECT_EQ(open("/nope/f", O_RDWR | O_CREAT), -ENOENT);
	EXPECT_EQ(sys_open(nullptr, O_RDONLY, 0), -EFAULT);
	EXPECT_EQ(sys_open((const char __user *)0xc0100000, O_RDONLY, 0), -EFAULT);
	EXPECT_EQ(open("", O_RDONLY), -ENOENT);

	long ro = open("/tmp/f", O_RDONLY), wo = open("/tmp/f", O_WRONLY | O_APPEND);
	EXPECT_EQ(ro, 1);
	EXPECT_EQ(write_str(ro, "x"), -EBADF) << "read-only fd";
	EXPECT_EQ(sys_read((unsigned int)wo, ubuf(0), 1), -EBADF) << "write-only fd";
	EXPECT_EQ(write_str(wo, "!"), 1);
	EXPECT_EQ(read_all(ro), "Jello world!") << "O_APPEND wrote at the end";
	long dir = open("/tmp", O_RDONLY | O_DIRECTORY);
	EXPECT_EQ(sys_read((unsigned int)dir, ubuf(0), 1), -EISDIR);
	long tr = open("/tmp/f", O_WRONLY | O_TRUNC);
	struct stat64 st = stat("/tmp/f");
	EXPECT_EQ(st.st_size, 0) << "O_TRUNC";
	EXPECT_EQ(st.st_mode, (u32)(S_IFREG | 0640));
	EXPECT_EQ(st.st_nlink, 1u);
	for (long f : {fd, ro, wo, dir, tr})
		EXPECT_EQ(sys_close((unsigned int)f), 0);
	EXPECT_EQ(sys_creat(upath("/tmp/c"), 0600), 0);
	EXPECT_EQ(sys_read(0, ubuf(0), 1), -EBADF) << "creat opens write-only";
}

TEST_F(Syscalls, path_walks_dots_symlinks_and_limits)
{
	ASSERT_EQ(sys_mkdir(upath("/a"), 0755), 0);
	ASSERT_EQ(sys_mkdir(upath("/a/b"), 0755), 0);
	EXPECT_EQ(sys_mkdir(upath("/a/b"), 0755), -EEXIST);
	EXPECT_EQ(sys_mkdir(upath("/a/b/c/d"), 0755), -ENOENT);
	long fd = open("/a/b/file", O_CREAT | O_WRONLY);
	EXPECT_EQ(write_str(fd, "data"), 4);
	sys_close((unsigned int)fd);
	EXPECT_EQ(stat("/a/./b/../b//file").st_size, 4);
	EXPECT_EQ(stat("/../../a/b/file").st_size, 4) << "'..' stops at the root";
	EXPECT_EQ(open("/a/b/file/x", O_RDONLY), -ENOTDIR);
	EXPECT_EQ(open("/a/b/file/", O_RDONLY), -ENOTDIR);
	EXPECT_EQ(open("/a/nothing", O_RDONLY), -ENOENT);
	EXPECT_EQ(sys_mkdir(upath("/a/b/file/d"), 0755), -ENOTDIR);

	EXPECT_EQ(sys_symlink(upath("b/file"), upath("/a/rel")), 0);
	EXPECT_EQ(sys_symlink(upath("/a/b"), upath("/a/abs")), 0);
	EXPECT_EQ(sys_symlink(upath("loop"), upath("/a/loop")), 0);
	EXPECT_EQ(stat("/a/rel").st_size, 4) << "relative to the link's directory";
	EXPECT_EQ(stat("/a/abs/file").st_size, 4) << "a link in the middle";
	struct stat64 l = stat("/a/rel", false);
	EXPECT_EQ(l.st_mode & S_IFMT, (u32)S_IFLNK);
	EXPECT_EQ(l.st_size, 6);
	EXPECT_EQ(open("/a/loop", O_RDONLY), -ELOOP);
	EXPECT_EQ(open("/a/rel", O_RDONLY | O_NOFOLLOW), -ELOOP);
	EXPECT_GE(open("/a/abs/file", O_RDONLY | O_NOFOLLOW), 0) << "only the last component";
	// 40 links in a chain resolve, 41 do not.
	for (int i = 1; i <= 41; i++)
		ASSERT_EQ(sys_symlink(upath("l" + std::to_string(i - 1)),
				      upath("/l" + std::to_string(i))),
			  0);
	EXPECT_EQ(sys_symlink(upath("/a/b/file"), upath("/l0")), 0);
	EXPECT_EQ(stat("/l39").st_size, 4) << "l39 -> ... -> l0 -> file: 40 links";
	long r40 = sys_stat64(upath("/l40"), (struct stat64 __user *)ubuf(0));
	EXPECT_EQ(r40, -ELOOP);

	EXPECT_EQ(sys_readlink(upath("/a/rel"), ubuf(0), 100), 6);
	EXPECT_EQ(get(0, 6), "b/file");
	EXPECT_EQ(sys_readlink(upath("/a/rel"), ubuf(0), 3), 3) << "cut, not terminated";
	EXPECT_EQ(sys_readlink(upath("/a/b/file"), ubuf(0), 100), -EINVAL);
	EXPECT_EQ(sys_readlink(upath("/a/rel"), ubuf(0), 0), -EINVAL);
	EXPECT_EQ(sys_readlink(upath("/a/rel"), nullptr, 10), -EFAULT);

	std::string name(NAME_MAX, 'n');
	EXPECT_EQ(open("/" + name, O_CREAT | O_RDWR), 1);
	EXPECT_EQ(open("/" + name + "n", O_CREAT | O_RDWR), -ENAMETOOLONG);
	EXPECT_EQ(open("/a/" + name + "n/x", O_RDONLY), -ENAMETOOLONG);
	std::string deep;
	while (deep.size() < PATH_MAX)
		deep += "/a";
	EXPECT_EQ(open(deep, O_RDONLY), -ENAMETOOLONG) << "PATH_MAX with its NUL";
	EXPECT_EQ(open(deep.substr(0, PATH_MAX - 2) + "/", O_RDONLY), -ENOENT) << "4095 fits";

	EXPECT_EQ(sys_access(upath("/a/b/file"), F_OK), 0);
	EXPECT_EQ(sys_access(upath("/a/b/file"), X_OK), -EACCES);
	EXPECT_EQ(sys_access(upath("/a/b/nope"), R_OK), -ENOENT);
	EXPECT_EQ(sys_access(upath("/a"), 8), -EINVAL);
	EXPECT_EQ(sys_faccessat(AT_FDCWD, upath("/a/rel"), R_OK | W_OK), 0);
}

TEST_F(Syscalls, cwd_relative_paths_and_at_calls)
{
	ASSERT_EQ(sys_mkdir(upath("/home"), 0755), 0);
	ASSERT_EQ(sys_mkdir(upath("/home/u"), 0755), 0);
	EXPECT_EQ(sys_getcwd(ubuf(0), 100), 2);
	EXPECT_EQ(get(0, 2), std::string("/\0", 2));
	EXPECT_EQ(sys_chdir(upath("home/u")), 0);
	EXPECT_EQ(sys_getcwd(ubuf(0), 100), 8);
	EXPECT_EQ(get(0, 8), std::string("/home/u\0", 8));
	EXPECT_EQ(sys_getcwd(ubuf(0), 7), -ERANGE);
	EXPECT_EQ(sys_getcwd(nullptr, 100), -EFAULT);
	long fd = open("x", O_CREAT | O_RDWR);
	EXPECT_EQ(stat("/home/u/x").st_ino, stat("../u/x").st_ino);
	EXPECT_EQ(sys_chdir(upath("x")), -ENOTDIR);
	EXPECT_EQ(sys_chdir(upath("/none")), -ENOENT);
	long home = open("/home", O_RDONLY | O_DIRECTORY);
	EXPECT_GE(sys_openat((int)home, upath("u/x"), O_RDONLY, 0), 0);
	EXPECT_EQ(sys_openat((int)fd, upath("y"), O_RDONLY, 0), -ENOTDIR) << "dirfd is a file";
	EXPECT_EQ(sys_openat(77, upath("y"), O_RDONLY, 0), -EBADF);
	EXPECT_GE(sys_openat(77, upath("/home/u/x"), O_RDONLY, 0), 0) << "absolute: dirfd unused";
	EXPECT_EQ(sys_mkdirat((int)home, upath("v"), 0700), 0);
	EXPECT_EQ(stat("/home/v").st_mode, (u32)(S_IFDIR | 0700));
	EXPECT_EQ(stat("/home").st_nlink, 4u) << "., its name, u's and v's ..";
	EXPECT_EQ(sys_unlinkat((int)home, upath("v"), 0), -EISDIR);
	EXPECT_EQ(sys_unlinkat((int)home, upath("v"), AT_REMOVEDIR), 0);
	EXPECT_EQ(sys_fchdir((unsigned int)home), 0);
	EXPECT_EQ(sys_getcwd(ubuf(0), 100), 6);
	// The cwd removed: getcwd says so.
	EXPECT_EQ(sys_mkdir(upath("/gone"), 0755), 0);
	EXPECT_EQ(sys_chdir(upath("/gone")), 0);
	EXPECT_EQ(sys_rmdir(upath("/gone")), 0);
	EXPECT_EQ(sys_getcwd(ubuf(0), 100), -ENOENT);
	EXPECT_EQ(open("new", O_CREAT | O_RDWR), -ENOENT) << "no entries in a removed dir";
	EXPECT_EQ(stat(".").st_nlink, 0u);
	EXPECT_EQ(sys_chdir(upath("/")), 0);
}

TEST_F(Syscalls, unlink_rmdir_link_mknod)
{
	long fd = open("/f", O_CREAT | O_RDWR);
	EXPECT_EQ(write_str(fd, "still here"), 10);
	EXPECT_EQ(sys_link(upath("/f"), upath("/g")), 0);
	EXPECT_EQ(stat("/g").st_nlink, 2u);
	EXPECT_EQ(sys_link(upath("/f"), upath("/g")), -EEXIST);
	EXPECT_EQ(sys_link(upath("/dev"), upath("/d2")), -EPERM);
	EXPECT_EQ(sys_unlink(upath("/f")), 0);
	EXPECT_EQ(sys_unlink(upath("/f")), -ENOENT);
	EXPECT_EQ(sys_unlink(upath("/g")), 0);
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(read_all(fd), "still here") << "an open file outlives its names";
	unsigned long before = nr_inodes_in_use();
	EXPECT_EQ(sys_close((unsigned int)fd), 0);
	EXPECT_EQ(nr_inodes_in_use(), before - 1) << "and goes with its last close";

	EXPECT_EQ(sys_unlink(upath("/dev")), -EISDIR);
	EXPECT_EQ(sys_rmdir(upath("/dev")), -ENOTEMPTY);
	EXPECT_EQ(sys_rmdir(upath("/dev/null")), -ENOTDIR);
	EXPECT_EQ(sys_rmdir(upath("/dev/.")), -EINVAL);
	EXPECT_EQ(sys_rmdir(upath("/dev/..")), -ENOTEMPTY);
	EXPECT_EQ(sys_rmdir(upath("/")), -EBUSY);
	EXPECT_EQ(sys_unlink(upath("/dev/null/")), -ENOTDIR);
	EXPECT_EQ(sys_mkdir(upath("/"), 0755), -EEXIST);
	EXPECT_EQ(sys_mkdir(upath("/m/"), 0755), 0) << "a trailing slash names a directory";
	EXPECT_EQ(sys_mknod(upath("/m/p/"), S_IFCHR | 0600, 0x0103), -ENOENT);
	EXPECT_EQ(sys_mknod(upath("/m/d"), S_IFDIR | 0600, 0), -EPERM);
	EXPECT_EQ(sys_mknod(upath("/m/c"), S_IFCHR | 0600, (1 << 8) | 3), 0) << "1:3, old encoding";
	EXPECT_EQ(stat("/m/c").st_rdev, 0x103u);
	long null = open("/m/c", O_RDWR);
	EXPECT_EQ(write_str(null, "gone"), 4) << "it is /dev/null";
	EXPECT_EQ(sys_mknod(upath("/m/r"), 0600, 0), 0) << "mode 0: a regular file";
	EXPECT_EQ(stat("/m/r").st_mode, (u32)(S_IFREG | 0600));
}

TEST_F(Syscalls, fd_table_dup_fcntl_grows_and_limits)
{
	long fd = open("/f", O_CREAT | O_RDWR);
	EXPECT_EQ(sys_dup((unsigned int)fd), 1);
	EXPECT_EQ(sys_dup2((unsigned int)fd, 7), 7);
	EXPECT_EQ(sys_dup2(7, 7), 7);
	EXPECT_EQ(sys_dup2(5, 5), -EBADF);
	EXPECT_EQ(sys_dup3(0, 0, 0), -EINVAL);
	EXPECT_EQ(sys_dup3(0, 3, O_CLOEXEC), 3);
	EXPECT_EQ(sys_fcntl64(3, F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(sys_fcntl64(0, F_GETFD, 0), 0);
	EXPECT_EQ(sys_fcntl64(0, F_SETFD, FD_CLOEXEC), 0);
	EXPECT_EQ(sys_fcntl64(0, F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(sys_fcntl64(0, F_DUPFD, 5), 5);
	EXPECT_EQ(sys_fcntl64(0, F_DUPFD_CLOEXEC, 5), 6);
	EXPECT_EQ(sys_fcntl64(6, F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(sys_fcntl64(0, F_GETFL, 0), O_RDWR | O_LARGEFILE);
	EXPECT_EQ(sys_fcntl64(0, F_SETFL, O_APPEND | O_NONBLOCK | O_CREAT), 0);
	EXPECT_EQ(sys_fcntl64(1, F_GETFL, 0), O_RDWR | O_APPEND | O_NONBLOCK | O_LARGEFILE)
	    << "shared by dups; O_CREAT is not a file flag";
	EXPECT_EQ(sys_fcntl64(0, 9999, 0), -EINVAL);
	EXPECT_EQ(sys_fcntl64(40, F_GETFD, 0), -EBADF);
	EXPECT_EQ(write_str(1, "abc"), 3);
	EXPECT_EQ(sys_lseek(7, 0, SEEK_CUR), 3) << "dups share the position";

	// Past the embedded 32, then the limit: the holes 2, 4, 8 first.
	std::vector<long> got;
	for (int i = 0; i < 92; i++)
		got.push_back(sys_dup(0));
	EXPECT_EQ(got[0], 2);
	EXPECT_EQ(got[1], 4);
	EXPECT_EQ(got[2], 8);
	EXPECT_EQ(got.back(), 97);
	EXPECT_GE(current->files->max_fds, 98u);
	current->rlim[RLIMIT_NOFILE].rlim_cur = 100;
	EXPECT_EQ(sys_dup(0), 98);
	EXPECT_EQ(sys_dup(0), 99);
	EXPECT_EQ(sys_dup(0), -EMFILE);
	EXPECT_EQ(sys_close(50), 0);
	EXPECT_EQ(sys_dup(0), 50) << "a hole below is found";
	EXPECT_EQ(sys_dup2(0, 100), -EBADF);
	EXPECT_EQ(sys_fcntl64(0, F_DUPFD, 100), -EINVAL);
	EXPECT_EQ(open("/f", O_RDONLY), -EMFILE);
	current->rlim[RLIMIT_NOFILE].rlim_cur = INR_OPEN_CUR;

	// fork and exec.
	struct file *f = fget(0);
	long refs = f->f_count;
	struct files_struct *parent = current->files, *child = dup_fd(parent);
	ASSERT_NE(child, nullptr);
	EXPECT_EQ(f->f_count, refs + 100) << "the child holds each of its fds";
	current->files = child;
	EXPECT_EQ(sys_close(50), 0);
	do_close_on_exec(child);
	EXPECT_EQ(sys_fcntl64(0, F_GETFD, 0), -EBADF) << "exec closed the close-on-exec ones";
	EXPECT_EQ(sys_fcntl64(6, F_GETFD, 0), -EBADF);
	EXPECT_EQ(sys_fcntl64(1, F_GETFD, 0), 0);
	EXPECT_EQ(sys_dup(1), 0) << "the lowest again";
	current->files = parent;
	EXPECT_EQ(sys_fcntl64(50, F_GETFD, 0), 0) << "the parent's are its own";
	put_files_struct(child);
	EXPECT_EQ(f->f_count, refs);
	fput(f);
}

// The names of directory fd, read count bytes at a time.
std::vector<std::pair<std::string, int>> list_dir(FsRoot *t, long fd, unsigned int count)
{
	std::vector<std::pair<std::string, int>> names;
	for (;;) {
		long n = sys_getdents64((unsigned int)fd,
					(struct linux_dirent64 __user *)t->ubuf(0), count);
		EXPECT_GE(n, 0);
		if (n <= 0)
			break;
		std::string raw = t->get(0, (size_t)n);
		for (size_t off = 0; off < raw.size();) {
			auto *d = (const struct linux_dirent64 *)(raw.data() + off);
			EXPECT_EQ(d->d_reclen % 8, 0);
			names.push_back({d->d_name, d->d_type});
			off += d->d_reclen;
		}
	}
	return names;
}

TEST_F(Syscalls, getdents64_lists_resumes_and_survives_removal)
{
	long fd = open("/dev", O_RDONLY | O_DIRECTORY);
	auto names = list_dir(this, fd, 4096);
	std::vector<std::pair<std::string, int>> want = {
	    {".", DT_DIR}, {"..", DT_DIR}, {"console", DT_CHR}, {"null", DT_CHR}, {"zero", DT_CHR}};
	EXPECT_EQ(names, want);
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(list_dir(this, fd, 32), want) << "one record a call";
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(sys_getdents64((unsigned int)fd, (struct linux_dirent64 __user *)ubuf(0), 8),
		  -EINVAL)
	    << "too small for one record";
	EXPECT_EQ(sys_getdents64((unsigned int)fd, nullptr, 4096), -EFAULT);
	long file = open("/dev/null", O_RDONLY);
	EXPECT_EQ(sys_getdents64((unsigned int)file, (struct linux_dirent64 __user *)ubuf(0), 4096),
		  -ENOTDIR);

	ASSERT_EQ(sys_mkdir(upath("/d"), 0755), 0);
	for (int i = 0; i < 6; i++)
		sys_close((unsigned int)open("/d/f" + std::to_string(i), O_CREAT | O_RDWR));
	long d = open("/d", O_RDONLY);
	long n = sys_getdents64((unsigned int)d, (struct linux_dirent64 __user *)ubuf(0), 3 * 24);
	EXPECT_EQ(n, 3 * 24) << ". .. f0";
	EXPECT_EQ(sys_unlink(upath("/d/f0")), 0);
	EXPECT_EQ(sys_unlink(upath("/d/f1")), 0);
	auto rest = list_dir(this, d, 4096);
	std::vector<std::pair<std::string, int>> after = {
	    {"f2", DT_REG}, {"f3", DT_REG}, {"f4", DT_REG}, {"f5", DT_REG}};
	EXPECT_EQ(rest, after) << "removing what was read skips nothing";
}

TEST_F(Syscalls, stat64_and_statx_layouts)
{
	long fd = open("/f", O_CREAT | O_RDWR, 0604);
	std::string data(PAGE_SIZE + 1, 'q');
	put(2 * PAGE_SIZE, data);
	EXPECT_EQ(sys_write((unsigned int)fd, ubuf(2 * PAGE_SIZE), data.size()), (long)data.size());
	EXPECT_EQ(sys_fstat64((unsigned long)fd, (struct stat64 __user *)ubuf(0)), 0);
	u8 raw[96];
	ASSERT_EQ(copy_from_user(raw, ubuf(0), 96), 0u);
	u32 mode, nlink;
	s64 size;
	u64 blocks, ino;
	memcpy(&mode, raw + 16, 4);
	memcpy(&nlink, raw + 20, 4);
	memcpy(&size, raw + 44, 8);
	memcpy(&blocks, raw + 56, 8);
	memcpy(&ino, raw + 88, 8);
	EXPECT_EQ(mode, (u32)(S_IFREG | 0604)) << "i386 offsets";
	EXPECT_EQ(nlink, 1u);
	EXPECT_EQ(size, (s64)data.size());
	EXPECT_EQ(blocks, 16u) << "two pages in 512-byte blocks";
	EXPECT_EQ(ino, stat("/f").st_ino);
	EXPECT_EQ(sys_fstat64(99, (struct stat64 __user *)ubuf(0)), -EBADF);
	EXPECT_EQ(sys_fstat64((unsigned long)fd, nullptr), -EFAULT);
	EXPECT_EQ(sys_stat64(upath("/f"), (struct stat64 __user *)0xc0000000), -EFAULT);

	struct statx sx;
	EXPECT_EQ(sys_statx(AT_FDCWD, upath("/dev/zero"), 0, STATX_BASIC_STATS,
			    (struct statx __user *)ubuf(0)),
		  0);
	ASSERT_EQ(copy_from_user(&sx, ubuf(0), sizeof(sx)), 0u);
	EXPECT_EQ(sx.stx_mode, S_IFCHR | 0666);
	EXPECT_EQ(sx.stx_rdev_major, 1u);
	EXPECT_EQ(sx.stx_rdev_minor, 5u);
	EXPECT_TRUE(sx.stx_mask & STATX_INO);
	EXPECT_EQ(sys_statx((int)fd, upath(""), AT_EMPTY_PATH, STATX_BASIC_STATS,
			    (struct statx __user *)ubuf(0)),
		  0)
	    << "glibc's fstat";
	ASSERT_EQ(copy_from_user(&sx, ubuf(0), sizeof(sx)), 0u);
	EXPECT_EQ(sx.stx_size, data.size());
	EXPECT_EQ(
	    sys_statx((int)fd, upath(""), 0, STATX_BASIC_STATS, (struct statx __user *)ubuf(0)),
	    -ENOENT);
	EXPECT_EQ(
	    sys_statx(AT_FDCWD, upath("/f"), 0, STATX__RESERVED, (struct statx __user *)ubuf(0)),
	    -EINVAL);
	EXPECT_EQ(sys_fstatat64(AT_FDCWD, upath("/f"), (struct stat64 __user *)ubuf(0), 0x8000),
		  -EINVAL);
	EXPECT_EQ(sys_ftruncate64((unsigned int)fd, 10), 0);
	EXPECT_EQ(stat("/f").st_size, 10);
	EXPECT_EQ(stat("/f").st_blocks, 8u) << "the second page dropped";
	EXPECT_EQ(sys_ftruncate64((unsigned int)fd, -1), -EINVAL);
}

TEST_F(Syscalls, readv_writev)
{
	long fd = open("/v", O_CREAT | O_RDWR);
	put(0, "abcdefgh");
	struct compat_iovec iov[3] = {{(u32)UBUF, 3}, {(u32)(UBUF + 3), 0}, {(u32)(UBUF + 3), 5}};
	ASSERT_EQ(copy_to_user(ubuf(256), iov, sizeof(iov)), 0u);
	EXPECT_EQ(sys_writev((unsigned long)fd, (const struct compat_iovec __user *)ubuf(256), 3),
		  8);
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
	struct compat_iovec riov[2] = {{(u32)(UBUF + 512), 2}, {(u32)(UBUF + 600), 10}};
	ASSERT_EQ(copy_to_user(ubuf(256), riov, sizeof(riov)), 0u);
	EXPECT_EQ(sys_readv((unsigned long)fd, (const struct compat_iovec __user *)ubuf(256), 2),
		  8);
	EXPECT_EQ(get(512, 2), "ab");
	EXPECT_EQ(get(600, 6), "cdefgh");
	EXPECT_EQ(sys_readv((unsigned long)fd, nullptr, 1), -EFAULT);
	EXPECT_EQ(sys_readv((unsigned long)fd, (const struct compat_iovec __user *)ubuf(256), 5000),
		  -EINVAL);
	struct compat_iovec bad[2] = {{(u32)UBUF, 2}, {0x30000000u, 4}};
	ASSERT_EQ(copy_to_user(ubuf(256), bad, sizeof(bad)), 0u);
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(sys_readv((unsigned long)fd, (const struct compat_iovec __user *)ubuf(256), 2), 2)
	    << "what was read before the fault counts";
}

// A test's tty: 5:0, answering TCGETS.
long fake_tty_ioctl(struct file *, unsigned int cmd, unsigned long arg)
{
	return cmd == TCGETS ? 0 : -ENOTTY;
}
long fake_tty_write(struct file *, const char *, size_t count, loff_t *) { return (long)count; }
const struct file_operations fake_tty_fops = {.write = fake_tty_write,
					      .unlocked_ioctl = fake_tty_ioctl};

TEST_F(Syscalls, null_zero_ioctl_and_registered_devices)
{
	long null = open("/dev/null", O_RDWR), zero = open("/dev/zero", O_RDWR);
	EXPECT_EQ(write_str(null, "discard"), 7);
	EXPECT_EQ(sys_read((unsigned int)null, ubuf(0), 10), 0);
	EXPECT_EQ(sys_lseek(null, 100, SEEK_SET), 0);
	put(0, std::string(PAGE_SIZE + 8, '\xff'));
	EXPECT_EQ(sys_read((unsigned int)zero, ubuf(0), PAGE_SIZE + 8), (long)PAGE_SIZE + 8);
	EXPECT_EQ(get(0, PAGE_SIZE + 8), std::string(PAGE_SIZE + 8, '\0'));
	EXPECT_EQ(sys_read((unsigned int)zero, (char __user *)0x30000000, 4), -EFAULT);
	EXPECT_EQ(sys_read((unsigned int)zero, ubuf(ULEN - 3), 8), 3) << "cleared up to the fault";
	EXPECT_EQ(sys_ioctl((unsigned int)null, TCGETS, UBUF), -ENOTTY);
	long file = open("/f", O_CREAT | O_RDWR);
	EXPECT_EQ(sys_ioctl((unsigned int)file, TCGETS, UBUF), -ENOTTY) << "isatty() is false";
	EXPECT_EQ(sys_ioctl(99, TCGETS, UBUF), -EBADF);

	EXPECT_EQ(open("/dev/console", O_RDWR), -ENXIO) << "no console driver yet";
	ASSERT_EQ(__register_chrdev(TTYAUX_MAJOR, 0, 2, "tty", &fake_tty_fops), 0);
	EXPECT_EQ(__register_chrdev(TTYAUX_MAJOR, 1, 1, "console", &fake_tty_fops), -EBUSY);
	long con = open("/dev/console", O_RDWR);
	EXPECT_GE(con, 0);
	EXPECT_EQ(sys_ioctl((unsigned int)con, TCGETS, UBUF), 0);
	EXPECT_EQ(write_str(con, "hi"), 2);
	EXPECT_EQ(sys_read((unsigned int)con, ubuf(0), 1), -EINVAL) << "no read op";
	EXPECT_EQ(sys_lseek(con, 0, SEEK_SET), -ESPIPE);
	__unregister_chrdev(TTYAUX_MAJOR, 0, 2, "tty");
	EXPECT_EQ(chrdev_fops(MKDEV(TTYAUX_MAJOR, 1)), nullptr);
	EXPECT_EQ(sys_mknod(upath("/dev/blk"), S_IFBLK | 0600, 0x0800), 0);
	EXPECT_EQ(open("/dev/blk", O_RDONLY), -ENXIO);
}

// A /proc-like directory: any name that is a number n gives a file whose
// content is "n\n", made on lookup and freed with its last user.
long numbers_read(struct file *f, char *buf, size_t count, loff_t *ppos)
{
	std::string s = std::to_string(file_inode(f)->i_ino % 1000) + "\n";
	return simple_read_from_buffer(buf, count, ppos, s.data(), s.size());
}
const struct file_operations numbers_fops = {.read = numbers_read};
struct inode *numbers_lookup(struct inode *dir, const struct qstr *name)
{
	if (name->len != 1 || name->name[0] < '0' || name->name[0] > '9')
		return (struct inode *)ERR_PTR(-ENOENT);
	struct inode *inode = new_inode();
	if (!inode)
		return (struct inode *)ERR_PTR(-ENOMEM);
	inode->i_mode = S_IFREG | 0444;
	inode->i_fop = &numbers_fops;
	inode->i_ino = 1000 + (unsigned long)(name->name[0] - '0');
	return inode;
}
const struct inode_operations numbers_iops = {.lookup = numbers_lookup};

TEST_F(Syscalls, a_synthetic_directory_answers_lookups_below_it)
{
	struct inode *dir = new_inode();
	dir->i_mode = S_IFDIR | 0555;
	dir->i_op = &numbers_iops;
	ASSERT_EQ(attach_pseudo_dir("/proc", dir), 0);
	EXPECT_EQ(attach_pseudo_dir("/proc", dir), -EEXIST);
	iput(dir); // the tree's name keeps it
	long fd = open("/proc/7", O_RDONLY);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(read_all(fd), "7\n");
	EXPECT_EQ(read_all(fd), "") << "then the end";
	EXPECT_EQ(open("/proc/x", O_RDONLY), -ENOENT);
	EXPECT_EQ(open("/proc/new", O_CREAT | O_RDWR), -EACCES) << "no create op";
	EXPECT_EQ(stat("/proc/../dev/null").st_rdev, 0x103u) << ".. leaves it";
	EXPECT_EQ(sys_chdir(upath("/proc")), 0);
	EXPECT_EQ(sys_getcwd(ubuf(0), 100), 6);
	EXPECT_EQ(stat("3").st_ino, 1003u);
	EXPECT_EQ(sys_chdir(upath("/")), 0);
}

} // namespace
