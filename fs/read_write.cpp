/*
 * read, write, lseek and their vector and positional forms (Linux:
 * fs/read_write.c).
 */
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/pagemap.h>
#include <linux/stat.h>
#include <linux/syscalls_fs.h>
#include <linux/uaccess.h>
#include <linux/uio.h>

// One read or write moves at most this (Linux: MAX_RW_COUNT, INT_MAX
// rounded down to a page), so a byte count always fits the return value.
#define MAX_RW_COUNT (0x7fffffffUL & ~(PAGE_SIZE - 1))

// Linux: vfs_setpos. A negative result is -EINVAL; past maxsize too.
static loff_t vfs_setpos(struct file *file, loff_t offset, loff_t maxsize)
{
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

// Linux: generic_file_llseek_size. SEEK_DATA/SEEK_HOLE see one data
// extent, [0, i_size), as Linux's generic fallback does.
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t size = file_inode(file)->i_size;
	switch (whence) {
	case SEEK_SET: break;
	case SEEK_CUR:
		if (offset == 0)
			return file->f_pos;
		offset += file->f_pos;
		break;
	case SEEK_END: offset += size; break;
	case SEEK_DATA:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		offset = size;
		break;
	default: return -EINVAL;
	}
	return vfs_setpos(file, offset, MAX_LFS_FILESIZE);
}

// Linux: noop_llseek: the position is whatever it was.
loff_t noop_llseek(struct file *file, loff_t offset, int whence) { return file->f_pos; }

// Linux: kernel_read -> __kernel_read. Only page-cache files (regular
// files) can be read into kernel memory: the others' read wants a user
// buffer.
long kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (!S_ISREG(file_inode(file)->i_mode))
		return -EINVAL;
	struct iov_iter to;
	iov_iter_kvec(&to, buf, count);
	return filemap_read(file, &to, pos);
}

long kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
{
	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!S_ISREG(file_inode(file)->i_mode))
		return -EINVAL;
	struct iov_iter from;
	iov_iter_kvec(&from, (void *)buf, count);
	if (file->f_flags & O_APPEND)
		*pos = file_inode(file)->i_size;
	return generic_perform_write(file, &from, pos);
}

// Linux: vfs_read's checks, then the file's read.
static long vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(file_inode(file)->i_mode))
		return -EISDIR;
	if (!file->f_op || !file->f_op->read)
		return -EINVAL;
	if (!count)
		return 0;
	if (!access_ok(buf, count))
		return -EFAULT;
	count = min<size_t>(count, MAX_RW_COUNT);
	return file->f_op->read(file, buf, count, pos);
}

static long vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!file->f_op || !file->f_op->write)
		return -EINVAL;
	if (!count)
		return 0;
	if (!access_ok(buf, count))
		return -EFAULT;
	count = min<size_t>(count, MAX_RW_COUNT);
	return file->f_op->write(file, buf, count, pos);
}

long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	long ret = vfs_read(f, buf, count, &f->f_pos);
	fput(f);
	return ret;
}

long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	long ret = vfs_write(f, buf, count, &f->f_pos);
	fput(f);
	return ret;
}

// Linux: ksys_pread64: a position of its own; -ESPIPE on a stream (a
// pipe). Char devices take any position and ignore it.
long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
{
	if (pos < 0)
		return -EINVAL;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	long ret = f->f_mode & FMODE_PREAD ? vfs_read(f, buf, count, &pos) : -ESPIPE;
	fput(f);
	return ret;
}

long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos)
{
	if (pos < 0)
		return -EINVAL;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	// As on Linux, an O_APPEND file still takes the bytes at its end
	// (pwrite(2), BUGS): the file's write applies O_APPEND itself.
	long ret = f->f_mode & FMODE_PWRITE ? vfs_write(f, buf, count, &pos) : -ESPIPE;
	fput(f);
	return ret;
}

// Linux: vfs_readv/do_iter_readv_writev's loop for files without
// read_iter: one segment at a time, stopping at the first short one.
static long do_rw_vec(unsigned long fd, const struct compat_iovec __user *vec, unsigned long vlen,
		      bool write)
{
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	struct file *f = fget((unsigned int)fd);
	if (!f)
		return -EBADF;
	long total = 0, ret = 0;
	for (unsigned long i = 0; i < vlen; i++) {
		struct compat_iovec iov;
		if (copy_from_user(&iov, vec + i, sizeof(iov))) {
			ret = -EFAULT;
			break;
		}
		if ((s32)iov.iov_len < 0 || (u64)total + iov.iov_len > MAX_RW_COUNT) {
			ret = -EINVAL;
			break;
		}
		char __user *base = (char __user *)(unsigned long)iov.iov_base;
		ret = write ? vfs_write(f, base, iov.iov_len, &f->f_pos)
			    : vfs_read(f, base, iov.iov_len, &f->f_pos);
		if (ret < 0)
			break;
		total += ret;
		if ((size_t)ret < iov.iov_len)
			break;
	}
	fput(f);
	return total ? total : ret;
}

long sys_readv(unsigned long fd, const struct compat_iovec __user *vec, unsigned long vlen)
{
	return do_rw_vec(fd, vec, vlen, false);
}

long sys_writev(unsigned long fd, const struct compat_iovec __user *vec, unsigned long vlen)
{
	return do_rw_vec(fd, vec, vlen, true);
}

// Linux: vfs_llseek: -ESPIPE for a file without llseek.
static loff_t vfs_llseek(struct file *file, loff_t offset, unsigned int whence)
{
	if (whence > SEEK_MAX)
		return -EINVAL;
	if (!file->f_op || !file->f_op->llseek)
		return -ESPIPE;
	return file->f_op->llseek(file, offset, (int)whence);
}

// lseek's off_t is 32 bits on i386: a result that does not fit is
// -EOVERFLOW (and the position has moved, as in Linux).
long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	loff_t res = vfs_llseek(f, (loff_t)(s32)offset, whence);
	fput(f);
	if (res >= 0 && res != (loff_t)(s32)res)
		return -EOVERFLOW;
	return (long)res;
}

long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		loff_t __user *result, unsigned int whence)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	loff_t offset = (loff_t)(((u64)(u32)offset_high << 32) | (u32)offset_low);
	loff_t res = vfs_llseek(f, offset, whence);
	fput(f);
	if (res < 0)
		return (long)res;
	return copy_to_user(result, &res, sizeof(res)) ? -EFAULT : 0;
}

/*
 * Linux: do_sendfile, through a kernel page instead of a pipe (splice).
 * Bytes copied, or -errno. *pos: where to read, or NULL for in's own
 * position. Differs from Linux: both files must be regular (Linux writes
 * to any file); for a pipe or the console this is -EINVAL, after which
 * busybox's cat and coreutils fall back to read and write.
 */
static long do_sendfile(unsigned int out_fd, unsigned int in_fd, loff_t *pos, size_t count)
{
	struct file *in = fget(in_fd), *out = fget(out_fd);
	long ret = -EBADF;
	if (!in || !out || !(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		goto put;
	ret = -EINVAL;
	if (!S_ISREG(file_inode(in)->i_mode) || !S_ISREG(file_inode(out)->i_mode))
		goto put;
	{
		loff_t *ppos = pos ? pos : &in->f_pos;
		void *buf = (void *)__get_free_page(GFP_KERNEL);
		ret = buf ? 0 : -ENOMEM;
		count = min<size_t>(count, MAX_RW_COUNT);
		while (buf && (size_t)ret < count) {
			long n =
			    kernel_read(in, buf, min<size_t>(PAGE_SIZE, count - (size_t)ret), ppos);
			if (n > 0)
				n = kernel_write(out, buf, (size_t)n, &out->f_pos);
			if (n <= 0) {
				if (!ret)
					ret = n;
				break;
			}
			ret += n;
		}
		if (buf)
			free_page((unsigned long)buf);
	}
put:
	if (in)
		fput(in);
	if (out)
		fput(out);
	return ret;
}

long sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count)
{
	loff_t pos = 0;
	if (offset && copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	long ret =
	    do_sendfile((unsigned int)out_fd, (unsigned int)in_fd, offset ? &pos : nullptr, count);
	if (offset && ret >= 0 && copy_to_user(offset, &pos, sizeof(pos)))
		return -EFAULT;
	return ret;
}

long sys_sendfile(int out_fd, int in_fd, s32 __user *offset, size_t count)
{
	s32 off32 = 0;
	if (offset && copy_from_user(&off32, offset, sizeof(off32)))
		return -EFAULT;
	loff_t pos = off32;
	long ret =
	    do_sendfile((unsigned int)out_fd, (unsigned int)in_fd, offset ? &pos : nullptr, count);
	if (offset && ret >= 0 && put_user((s32)pos, offset))
		return -EFAULT;
	return ret;
}
