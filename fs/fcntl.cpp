/*
 * dup, dup2, dup3, fcntl64 (Linux: fs/file.c ksys_dup/do_dup2, fs/fcntl.c).
 * Differs from Linux: no locks (F_GETLK...), owners or leases: -EINVAL.
 */
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/pipe_fs_i.h>
#include <linux/sched.h>
#include <linux/syscalls_fs.h>

long sys_dup(unsigned int fildes)
{
	struct file *f = fget(fildes);
	if (!f)
		return -EBADF;
	int fd = get_unused_fd_flags(0);
	if (fd >= 0)
		fd_install((unsigned int)fd, f);
	else
		fput(f);
	return fd;
}

long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= rlimit(RLIMIT_NOFILE))
		return -EBADF;
	struct file *f = fget(oldfd);
	if (!f)
		return -EBADF;
	long ret = replace_fd(newfd, f, (unsigned int)flags);
	fput(f);
	return ret;
}

// Linux: dup2 of an fd onto itself checks it and returns it.
long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget(oldfd);
		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return sys_dup3(oldfd, newfd, 0);
}

// The flags F_SETFL may change (Linux: SETFL_MASK, less O_DIRECT/O_NOATIME
// that no file here honours).
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NDELAY | FASYNC)

// Linux: f_dupfd: the lowest free number >= from.
static long f_dupfd(unsigned long from, struct file *file, unsigned int flags)
{
	if (from >= rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	int fd = alloc_fd((unsigned int)from, flags);
	if (fd >= 0)
		fd_install((unsigned int)fd, get_file(file));
	return fd;
}

long sys_fcntl64(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	long err;
	switch (cmd) {
	case F_DUPFD: err = f_dupfd(arg, f, 0); break;
	case F_DUPFD_CLOEXEC: err = f_dupfd(arg, f, O_CLOEXEC); break;
	case F_GETFD: err = get_close_on_exec(fd) ? FD_CLOEXEC : 0; break;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		err = 0;
		break;
	case F_GETFL: err = (long)(f->f_flags | O_LARGEFILE); break;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~SETFL_MASK) | ((unsigned int)arg & SETFL_MASK);
		err = 0;
		break;
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ: err = pipe_fcntl(f, cmd, arg); break;
	default: err = -EINVAL; break;
	}
	fput(f);
	return err;
}
