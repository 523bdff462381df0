/*
 * DOC: pipes (Linux: fs/pipe.c)
 *
 * pipe(2) makes one inode and two open files on it, a read end and a
 * write end. The data lives in a ring of pages, 16 by default (include/
 * linux/pipe_fs_i.h): a write fills pages at the ring's head, a read empties
 * them from its tail and gives each emptied page back to the buddy
 * allocator, so `cat /proc/meminfo` during a full pipe shows 64 KiB less.
 *
 * The rules a program sees, as Linux's:
 * - read on an empty pipe sleeps until a writer writes, or returns 0 (end
 *   of file) once no write end is open; with O_NONBLOCK it is -EAGAIN.
 * - read returns what is there, without waiting to fill the buffer.
 * - write with no read end open sends SIGPIPE and fails with -EPIPE.
 * - write of at most PIPE_BUF bytes goes in whole or waits: it never
 *   interleaves with another writer's. A bigger one may be split.
 * - a full pipe blocks the writer, or gives -EAGAIN (O_NONBLOCK) if
 *   nothing was written yet.
 * - lseek, pread and pwrite are -ESPIPE.
 *
 * fcntl(F_SETPIPE_SZ) resizes the ring: a power of two pages, at least one.
 *
 * Differs from Linux: no per-user pipe page limits (every task is root,
 * which may grow a pipe past /proc/sys/fs/pipe-max-size), no splice, no packet mode (O_DIRECT), no
 * named pipes (mkfifo).
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/pipe_fs_i.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/syscalls_fs.h>
#include <linux/uaccess.h>

#define FIONREAD 0x541B

static unsigned long pipe_pages; // pages held by all pipes

unsigned long nr_pipe_pages(void) { return pipe_pages; }

static void pipe_buf_release(struct pipe_buffer *buf)
{
	__free_pages(buf->page, 0);
	buf->page = nullptr;
	pipe_pages--;
}

// Copies up to n bytes out of buf (Linux: copy_page_to_iter). The user's
// page may fault in the middle; a fault here never sleeps, so the
// kmap_local slot stays this task's until kunmap_local (Linux keeps a
// task's kmap_local slots across a switch instead).
static long copy_from_buf(char __user *ubuf, struct pipe_buffer *buf, size_t n)
{
	char *addr = (char *)kmap_local_page(buf->page);
	unsigned long left = copy_to_user(ubuf, addr + buf->offset, n);
	kunmap_local(addr);
	return left ? -EFAULT : (long)n;
}

static long copy_to_buf(struct pipe_buffer *buf, const char __user *ubuf, size_t n)
{
	char *addr = (char *)kmap_local_page(buf->page);
	unsigned long left = copy_from_user(addr + buf->offset + buf->len, ubuf, n);
	kunmap_local(addr);
	return left ? -EFAULT : (long)n;
}

static bool pipe_readable(const struct pipe_inode_info *pipe)
{
	return !pipe_empty(pipe->head, pipe->tail) || !pipe->writers;
}

static bool pipe_writable(const struct pipe_inode_info *pipe)
{
	return !pipe_full(pipe->head, pipe->tail, pipe->ring_size) || !pipe->readers;
}

// Linux: pipe_read.
static long pipe_read(struct file *filp, char __user *ubuf, size_t total_len, loff_t *)
{
	struct pipe_inode_info *pipe = (struct pipe_inode_info *)filp->private_data;
	long ret = 0;
	for (;;) {
		bool was_full = pipe_full(pipe->head, pipe->tail, pipe->ring_size);
		while (!pipe_empty(pipe->head, pipe->tail) && (size_t)ret < total_len) {
			struct pipe_buffer *buf = &pipe->bufs[pipe->tail % pipe->ring_size];
			size_t chars = min<size_t>(buf->len, total_len - (size_t)ret);
			long n = copy_from_buf(ubuf + ret, buf, chars);
			if (n < 0)
				return ret ? ret : n;
			ret += n;
			buf->offset += (unsigned int)n;
			buf->len -= (unsigned int)n;
			if (!buf->len) {
				pipe_buf_release(buf);
				pipe->tail++;
			}
		}
		if (was_full && !pipe_full(pipe->head, pipe->tail, pipe->ring_size))
			wake_up(&pipe->wr_wait);
		if (ret)
			return ret;
		if (!pipe->writers)
			return 0;
		if (filp->f_flags & O_NONBLOCK)
			return -EAGAIN;
		int err = wait_event_interruptible(pipe->rd_wait, pipe_readable(pipe));
		if (err)
			return err;
	}
}

// Fills the slot at head with up to a page from ubuf: bytes taken or -errno.
static long pipe_fill_slot(struct pipe_inode_info *pipe, const char __user *ubuf, size_t len)
{
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_ACCOUNT);
	if (!page)
		return -ENOMEM;
	pipe_pages++;
	struct pipe_buffer *buf = &pipe->bufs[pipe->head % pipe->ring_size];
	*buf = {page, 0, 0};
	long n = copy_to_buf(buf, ubuf, min<size_t>(len, PAGE_SIZE));
	if (n < 0) {
		pipe_buf_release(buf);
		return n;
	}
	buf->len = (unsigned int)n;
	pipe->head++;
	return n;
}

// The tail of a write that fits in the last slot's page joins it, so a
// stream of small writes fills pages instead of using a slot each.
static long pipe_merge(struct pipe_inode_info *pipe, const char __user *ubuf, size_t len)
{
	size_t chars = len & (PAGE_SIZE - 1);
	if (!chars || pipe_empty(pipe->head, pipe->tail))
		return 0;
	struct pipe_buffer *buf = &pipe->bufs[(pipe->head - 1) % pipe->ring_size];
	if (buf->offset + buf->len + chars > PAGE_SIZE)
		return 0;
	long n = copy_to_buf(buf, ubuf, chars);
	if (n > 0)
		buf->len += (unsigned int)n;
	return n;
}

static long pipe_broken(void)
{
	send_sig(SIGPIPE, current);
	return -EPIPE;
}

// Linux: pipe_write.
static long pipe_write(struct file *filp, const char __user *ubuf, size_t total_len, loff_t *)
{
	struct pipe_inode_info *pipe = (struct pipe_inode_info *)filp->private_data;
	if (!pipe->readers)
		return pipe_broken();
	long ret = pipe_merge(pipe, ubuf, total_len);
	if (ret < 0 || (size_t)ret == total_len)
		goto out;
	for (;;) {
		if (!pipe->readers) {
			if (!ret)
				ret = pipe_broken();
			break;
		}
		if (!pipe_full(pipe->head, pipe->tail, pipe->ring_size)) {
			long n = pipe_fill_slot(pipe, ubuf + ret, total_len - (size_t)ret);
			if (n < 0) {
				if (!ret)
					ret = n;
				break;
			}
			ret += n;
			if ((size_t)ret == total_len)
				break;
			continue;
		}
		if (filp->f_flags & O_NONBLOCK) {
			if (!ret)
				ret = -EAGAIN;
			break;
		}
		wake_up(&pipe->rd_wait); // let the reader drain what is there
		int err = wait_event_interruptible(pipe->wr_wait, pipe_writable(pipe));
		if (err) {
			if (!ret)
				ret = err;
			break;
		}
	}
out:
	if (ret > 0)
		wake_up(&pipe->rd_wait);
	return ret;
}

// Linux: pipe_poll. A read end hangs up when the last writer goes; a
// write end is in error when the last reader goes.
static __poll_t pipe_poll(struct file *filp, poll_table *wait)
{
	struct pipe_inode_info *pipe = (struct pipe_inode_info *)filp->private_data;
	if (filp->f_mode & FMODE_READ)
		poll_wait(filp, &pipe->rd_wait, wait);
	if (filp->f_mode & FMODE_WRITE)
		poll_wait(filp, &pipe->wr_wait, wait);
	__poll_t mask = 0;
	if (filp->f_mode & FMODE_READ) {
		if (!pipe_empty(pipe->head, pipe->tail))
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers)
			mask |= POLLHUP;
	}
	if (filp->f_mode & FMODE_WRITE) {
		if (!pipe_full(pipe->head, pipe->tail, pipe->ring_size))
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = (struct pipe_inode_info *)filp->private_data;
	if (cmd != FIONREAD)
		return -ENOTTY;
	int count = 0;
	for (unsigned int i = pipe->tail; i != pipe->head; i++)
		count += (int)pipe->bufs[i % pipe->ring_size].len;
	return put_user(count, (int __user *)arg);
}

// Linux: pipe_release. The other end's sleepers must see the change.
static int pipe_release(struct inode *, struct file *filp)
{
	struct pipe_inode_info *pipe = (struct pipe_inode_info *)filp->private_data;
	if (filp->f_mode & FMODE_READ)
		pipe->readers--;
	if (filp->f_mode & FMODE_WRITE)
		pipe->writers--;
	wake_up(&pipe->rd_wait);
	wake_up(&pipe->wr_wait);
	return 0;
}

static const struct file_operations pipefifo_fops = {
    .read = pipe_read,
    .write = pipe_write,
    .release = pipe_release,
    .unlocked_ioctl = pipe_ioctl,
    .poll = pipe_poll,
};

struct pipe_inode_info *get_pipe_info(struct file *file)
{
	return file->f_op == &pipefifo_fops ? (struct pipe_inode_info *)file->private_data
					    : nullptr;
}

// The inode goes with its last file: free the pages still in the ring.
static void free_pipe_info(struct inode *inode)
{
	struct pipe_inode_info *pipe = (struct pipe_inode_info *)inode->i_private;
	for (; pipe->tail != pipe->head; pipe->tail++)
		pipe_buf_release(&pipe->bufs[pipe->tail % pipe->ring_size]);
	kvfree(pipe->bufs);
	kfree(pipe);
}

// Linux: get_pipe_inode. pipefs's inodes have no name (i_nlink 0).
static struct inode *get_pipe_inode(void)
{
	struct pipe_inode_info *pipe =
	    (struct pipe_inode_info *)kzalloc(sizeof(*pipe), GFP_KERNEL | __GFP_ACCOUNT);
	if (!pipe)
		return nullptr;
	pipe->bufs = (struct pipe_buffer *)kvmalloc_array(PIPE_DEF_BUFFERS, sizeof(*pipe->bufs),
							  GFP_KERNEL | __GFP_ACCOUNT);
	struct inode *inode = pipe->bufs ? new_inode() : nullptr;
	if (!inode) {
		kvfree(pipe->bufs);
		kfree(pipe);
		return nullptr;
	}
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->ring_size = PIPE_DEF_BUFFERS;
	pipe->readers = pipe->writers = 1;
	inode->i_mode = S_IFIFO | 0600;
	inode->i_private = pipe;
	inode->i_free = free_pipe_info;
	return inode;
}

static struct file *pipe_file(struct inode *inode, unsigned int flags)
{
	struct file *f = alloc_file(inode, flags, &pipefifo_fops);
	if (!IS_ERR(f)) {
		f->private_data = inode->i_private;
		stream_open(inode, f);
	}
	return f;
}

int create_pipe_files(struct file **res, int flags)
{
	struct inode *inode = get_pipe_inode();
	if (!inode)
		return -ENFILE;
	unsigned int nb = (unsigned int)flags & O_NONBLOCK;
	res[0] = pipe_file(inode, O_RDONLY | nb);
	res[1] = IS_ERR(res[0]) ? res[0] : pipe_file(inode, O_WRONLY | nb);
	iput(inode); // the files hold it now
	if (IS_ERR(res[1])) {
		long err = PTR_ERR(res[1]);
		if (!IS_ERR(res[0])) { // its fput frees the pipe; without it, iput did
			// Never opened for writing: this release must not count a writer.
			((struct pipe_inode_info *)res[0]->private_data)->writers = 0;
			fput(res[0]);
		}
		return (int)err;
	}
	return 0;
}

// Linux: do_pipe2. Both numbers or neither: a bad fildes closes both.
long sys_pipe2(int __user *fildes, int flags)
{
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL; // O_DIRECT (packet mode) too: not supported
	struct file *files[2];
	int err = create_pipe_files(files, flags);
	if (err)
		return err;
	int fd[2];
	fd[0] = get_unused_fd_flags((unsigned int)flags);
	fd[1] = fd[0] < 0 ? fd[0] : get_unused_fd_flags((unsigned int)flags);
	if (fd[1] < 0) {
		if (fd[0] >= 0)
			put_unused_fd((unsigned int)fd[0]);
		fput(files[0]);
		fput(files[1]);
		return fd[1];
	}
	if (copy_to_user(fildes, fd, sizeof(fd))) {
		put_unused_fd((unsigned int)fd[0]);
		put_unused_fd((unsigned int)fd[1]);
		fput(files[0]);
		fput(files[1]);
		return -EFAULT;
	}
	fd_install((unsigned int)fd[0], files[0]);
	fd_install((unsigned int)fd[1], files[1]);
	return 0;
}

long sys_pipe(int __user *fildes) { return sys_pipe2(fildes, 0); }

// Linux: pipe_set_size. The slots in use move, in order, to a new ring;
// one too small for them is -EBUSY.
static long pipe_set_size(struct pipe_inode_info *pipe, unsigned long arg)
{
	if (arg > (1UL << 31))
		return -EINVAL;
	unsigned long size = arg < PAGE_SIZE ? PAGE_SIZE : roundup_pow_of_two(arg);
	// Past PIPE_MAX_SIZE Linux wants CAP_SYS_RESOURCE: every task here is
	// root and has it.
	unsigned int nr_slots = (unsigned int)(size >> PAGE_SHIFT);
	unsigned int n = pipe_occupancy(pipe->head, pipe->tail);
	if (nr_slots < n)
		return -EBUSY;
	struct pipe_buffer *bufs = (struct pipe_buffer *)kvmalloc_array(nr_slots, sizeof(*bufs),
									GFP_KERNEL | __GFP_ACCOUNT);
	if (!bufs)
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++)
		bufs[i] = pipe->bufs[(pipe->tail + i) % pipe->ring_size];
	kvfree(pipe->bufs);
	pipe->bufs = bufs;
	pipe->tail = 0;
	pipe->head = n;
	pipe->ring_size = nr_slots;
	wake_up(&pipe->wr_wait); // a bigger ring has room
	return (long)size;
}

// Linux: pipe_fcntl.
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = get_pipe_info(file);
	if (!pipe)
		return -EBADF;
	if (cmd == F_SETPIPE_SZ)
		return pipe_set_size(pipe, arg);
	return (long)(pipe->ring_size * PAGE_SIZE);
}
