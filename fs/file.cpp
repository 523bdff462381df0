/*
 * Descriptor tables (Linux: fs/file.c). See include/linux/fdtable.h.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

static bool test_bit32(unsigned int n, const u32 *map) { return map[n / 32] >> (n % 32) & 1; }
static void set_bit32(unsigned int n, u32 *map, bool on)
{
	if (on)
		map[n / 32] |= 1U << (n % 32);
	else
		map[n / 32] &= ~(1U << (n % 32));
}

struct files_struct *alloc_files_struct(void)
{
	struct files_struct *f = (struct files_struct *)kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return nullptr;
	f->count = 1;
	f->max_fds = NR_OPEN_DEFAULT;
	f->fd = f->fd_array;
	f->open_fds = f->open_fds_init;
	f->close_on_exec = f->close_on_exec_init;
	return f;
}

static void free_tables(struct files_struct *f)
{
	if (f->fd == f->fd_array)
		return;
	kfree(f->fd);
	kfree(f->open_fds);
	kfree(f->close_on_exec);
}

// Grows the table to hold descriptor nr: 0, -EMFILE, -ENOMEM (Linux:
// expand_files, expand_fdtable; the size doubles, as roundup_pow_of_two).
static int expand_files(struct files_struct *f, unsigned int nr)
{
	if (nr < f->max_fds)
		return 0;
	if (nr >= rlimit(RLIMIT_NOFILE) || nr >= NR_OPEN_MAX)
		return -EMFILE;
	unsigned int n = f->max_fds;
	while (n <= nr)
		n *= 2;
	struct file **fd = (struct file **)kcalloc(n, sizeof(*fd), GFP_KERNEL);
	u32 *open = (u32 *)kcalloc(n / 32, sizeof(u32), GFP_KERNEL);
	u32 *cloexec = (u32 *)kcalloc(n / 32, sizeof(u32), GFP_KERNEL);
	if (!fd || !open || !cloexec) {
		kfree(fd);
		kfree(open);
		kfree(cloexec);
		return -ENOMEM;
	}
	memcpy(fd, f->fd, f->max_fds * sizeof(*fd));
	memcpy(open, f->open_fds, f->max_fds / 8);
	memcpy(cloexec, f->close_on_exec, f->max_fds / 8);
	free_tables(f);
	f->fd = fd;
	f->open_fds = open;
	f->close_on_exec = cloexec;
	f->max_fds = n;
	return 0;
}

// Linux: alloc_fd(start, rlimit(RLIMIT_NOFILE), flags).
int alloc_fd(unsigned int start, unsigned int flags)
{
	struct files_struct *f = current->files;
	unsigned int fd = max(start, f->next_fd);
	while (fd < f->max_fds && test_bit32(fd, f->open_fds))
		fd++;
	if (fd >= rlimit(RLIMIT_NOFILE)) // the table may be bigger than the limit now
		return -EMFILE;
	int err = expand_files(f, fd);
	if (err)
		return err;
	set_bit32(fd, f->open_fds, true);
	set_bit32(fd, f->close_on_exec, flags & O_CLOEXEC);
	if (start <= f->next_fd)
		f->next_fd = fd + 1;
	return (int)fd;
}

static void free_fd_number(struct files_struct *f, unsigned int fd)
{
	set_bit32(fd, f->open_fds, false);
	set_bit32(fd, f->close_on_exec, false);
	if (fd < f->next_fd)
		f->next_fd = fd;
}

void put_unused_fd(unsigned int fd) { free_fd_number(current->files, fd); }

void fd_install(unsigned int fd, struct file *file)
{
	struct files_struct *f = current->files;
	WARN_ON(f->fd[fd]);
	f->fd[fd] = file;
}

struct file *fget(unsigned int fd)
{
	struct files_struct *f = current->files;
	if (!f || fd >= f->max_fds || !f->fd[fd])
		return nullptr;
	return get_file(f->fd[fd]);
}

int close_fd(unsigned int fd)
{
	struct files_struct *f = current->files;
	if (fd >= f->max_fds || !f->fd[fd])
		return -EBADF;
	struct file *file = f->fd[fd];
	f->fd[fd] = nullptr;
	free_fd_number(f, fd);
	fput(file);
	return 0;
}

// Linux: do_dup2. An fd reserved by a racing open is -EBUSY there; here
// nothing races, so only numbers past the limit fail.
int replace_fd(unsigned int fd, struct file *file, unsigned int flags)
{
	struct files_struct *f = current->files;
	int err = expand_files(f, fd);
	if (err)
		return err == -EMFILE ? -EBADF : err;
	struct file *old = f->fd[fd];
	f->fd[fd] = get_file(file);
	set_bit32(fd, f->open_fds, true);
	set_bit32(fd, f->close_on_exec, flags & O_CLOEXEC);
	if (old)
		fput(old);
	return (int)fd;
}

bool get_close_on_exec(unsigned int fd)
{
	struct files_struct *f = current->files;
	return fd < f->max_fds && test_bit32(fd, f->close_on_exec);
}

void set_close_on_exec(unsigned int fd, bool on)
{
	struct files_struct *f = current->files;
	if (fd < f->max_fds)
		set_bit32(fd, f->close_on_exec, on);
}

struct files_struct *dup_fd(struct files_struct *oldf)
{
	struct files_struct *f = alloc_files_struct();
	if (!f)
		return nullptr;
	unsigned int open = oldf->max_fds;
	while (open > NR_OPEN_DEFAULT && !oldf->fd[open - 1])
		open--; // Linux: count_open_files: copy only up to the last open one
	if (open > f->max_fds) {
		unsigned int n = f->max_fds;
		while (n < open)
			n *= 2;
		f->fd = (struct file **)kcalloc(n, sizeof(*f->fd), GFP_KERNEL);
		f->open_fds = (u32 *)kcalloc(n / 32, sizeof(u32), GFP_KERNEL);
		f->close_on_exec = (u32 *)kcalloc(n / 32, sizeof(u32), GFP_KERNEL);
		f->max_fds = n;
		if (!f->fd || !f->open_fds || !f->close_on_exec) {
			put_files_struct(f);
			return nullptr;
		}
	}
	for (unsigned int i = 0; i < open; i++) {
		struct file *file = oldf->fd[i];
		if (!file) // a number reserved but not installed stays free in the child
			continue;
		f->fd[i] = get_file(file);
		set_bit32(i, f->open_fds, true);
		set_bit32(i, f->close_on_exec, test_bit32(i, oldf->close_on_exec));
	}
	return f; // next_fd 0: the child's first search starts at the bottom
}

void put_files_struct(struct files_struct *files)
{
	if (--files->count)
		return;
	for (unsigned int i = 0; i < files->max_fds; i++)
		if (files->fd && files->fd[i])
			fput(files->fd[i]);
	free_tables(files);
	kfree(files);
}

void do_close_on_exec(struct files_struct *files)
{
	for (unsigned int i = 0; i < files->max_fds; i++) {
		if (!test_bit32(i, files->close_on_exec))
			continue;
		struct file *file = files->fd[i];
		files->fd[i] = nullptr;
		set_bit32(i, files->open_fds, false);
		set_bit32(i, files->close_on_exec, false);
		if (file)
			fput(file);
	}
	files->next_fd = 0; // a conservative hint: the search starts lower
}
