/*
 * read, write, lseek and their vector and positional forms (Linux:
 * fs/read_write.c).
 */
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/stat.h>
#include <linux/uio.h>

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
