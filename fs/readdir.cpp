/*
 * getdents64 (Linux: fs/readdir.c). The directory's iterate_shared calls
 * filldir64 once per entry; each record is 8-aligned and its d_off is
 * where a later call resumes after it.
 */
#include <linux/errno.h>
#include <linux/fdtable.h>
#include <linux/kernel.h>
#include <linux/stat.h>
#include <linux/syscalls_fs.h>
#include <linux/uaccess.h>

struct getdents_callback64 {
	struct dir_context ctx;
	char __user *current_dir;
	struct linux_dirent64 __user *previous;
	unsigned long count; // bytes left in the buffer
	long error;
};

static bool put_d_off(struct linux_dirent64 __user *d, loff_t off)
{
	s64 v = off;
	return !copy_to_user((char __user *)d + offsetof(struct linux_dirent64, d_off), &v,
			     sizeof(v));
}

// Linux: filldir64. offset is this entry's position: it becomes the
// previous record's d_off.
static bool filldir64(struct dir_context *ctx, const char *name, int namlen, loff_t offset, u64 ino,
		      unsigned int d_type)
{
	struct getdents_callback64 *buf = container_of(ctx, struct getdents_callback64, ctx);
	unsigned long reclen =
	    ALIGN(offsetof(struct linux_dirent64, d_name) + (unsigned long)namlen + 1, 8UL);
	buf->error = -EINVAL; // what the caller sees if not even one record fits
	if (reclen > buf->count)
		return false;
	struct linux_dirent64 hdr = {ino, 0, (unsigned short)reclen, (unsigned char)d_type};
	char __user *rec = buf->current_dir;
	static const char zeros[8] = {};
	if ((buf->previous && !put_d_off(buf->previous, offset)) ||
	    copy_to_user(rec, &hdr, offsetof(struct linux_dirent64, d_name)) ||
	    copy_to_user(rec + offsetof(struct linux_dirent64, d_name), name, (size_t)namlen) ||
	    copy_to_user(rec + offsetof(struct linux_dirent64, d_name) + namlen, zeros,
			 reclen - offsetof(struct linux_dirent64, d_name) - (size_t)namlen)) {
		buf->error = -EFAULT;
		return false;
	}
	buf->error = 0;
	buf->previous = (struct linux_dirent64 __user *)rec;
	buf->current_dir = rec + reclen;
	buf->count -= reclen;
	return true;
}

// Linux: getdents64(2): bytes written, 0 at the end, -EINVAL if the buffer
// cannot hold the next entry, -ENOTDIR for a file.
long sys_getdents64(unsigned int fd, struct linux_dirent64 __user *dirent, unsigned int count)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	long err = -ENOTDIR;
	if (f->f_op && f->f_op->iterate_shared) {
		struct getdents_callback64 buf = {
		    {filldir64, f->f_pos}, (char __user *)dirent, nullptr, count, 0};
		err = access_ok(dirent, count) ? f->f_op->iterate_shared(f, &buf.ctx) : -EFAULT;
		if (!err && buf.previous) {
			f->f_pos = buf.ctx.pos;
			err = put_d_off(buf.previous, buf.ctx.pos) ? (long)(count - buf.count)
								   : -EFAULT;
		} else if (!err) {
			err = buf.error;
		}
	}
	fput(f);
	return err;
}
