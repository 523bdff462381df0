/*
 * ioctl (Linux: fs/ioctl.c). The generic requests are the file's
 * business here: a driver's unlocked_ioctl answers, and a file without one
 * (a regular file, /dev/null) is -ENOTTY, which is what isatty() and
 * glibc's stdio buffering ask with TCGETS.
 * Differs from Linux: no FIONBIO/FIOCLEX/FIONREAD handled generically.
 */
#include <linux/errno.h>
#include <linux/fdtable.h>
#include <linux/syscalls_fs.h>

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	long err = -ENOTTY;
	if (f->f_op && f->f_op->unlocked_ioctl)
		err = f->f_op->unlocked_ioctl(f, cmd, arg);
	fput(f);
	return err;
}
