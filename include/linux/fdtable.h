#pragma once
/*
 * A task's open files by number (Linux: include/linux/fdtable.h,
 * fs/file.c). fd[n] is the file behind descriptor n; open_fds marks the
 * numbers taken (a number is taken by alloc_fd before fd_install fills
 * it), close_on_exec the ones exec closes. The table starts embedded with
 * NR_OPEN_DEFAULT slots and grows by doubling, up to RLIMIT_NOFILE.
 * Differs from Linux: struct fdtable is folded into files_struct (no RCU
 * to swap tables under), one CPU, no locks.
 */
#include <linux/fs.h>

#define NR_OPEN_DEFAULT 32	  // BITS_PER_LONG on i386
#define NR_OPEN_MAX (1024 * 1024) // Linux: sysctl_nr_open's default

struct files_struct {
	long count; // tasks sharing the table (CLONE_FILES)
	unsigned int max_fds;
	unsigned int next_fd; // no free number below this one
	struct file **fd;
	u32 *open_fds, *close_on_exec; // bitmaps of max_fds bits
	struct file *fd_array[NR_OPEN_DEFAULT];
	u32 open_fds_init[NR_OPEN_DEFAULT / 32], close_on_exec_init[NR_OPEN_DEFAULT / 32];
};

// An empty table for the first task (Linux: init_files is static). NULL
// without memory.
struct files_struct *alloc_files_struct(void);
// fork without CLONE_FILES: a copy holding a reference on every file; NULL
// without memory (Linux: dup_fd).
struct files_struct *dup_fd(struct files_struct *oldf);
// exit: the last user closes every file (Linux: put_files_struct).
void put_files_struct(struct files_struct *files);
// exec: closes the close-on-exec descriptors.
void do_close_on_exec(struct files_struct *files);

// In current->files. alloc_fd: the lowest free number >= start, reserved;
// -EMFILE past RLIMIT_NOFILE, -ENOMEM. flags: O_CLOEXEC.
int alloc_fd(unsigned int start, unsigned int flags);
static inline int get_unused_fd_flags(unsigned int flags) { return alloc_fd(0, flags); }
void put_unused_fd(unsigned int fd);		     // gives back a reserved number
void fd_install(unsigned int fd, struct file *file); // the table now owns that reference
// The file behind fd with a reference taken (fput it), or NULL.
struct file *fget(unsigned int fd);
// Closes fd: 0 or -EBADF (Linux: close_fd).
int close_fd(unsigned int fd);
// dup2's core: newfd is made to refer to file (Linux: do_dup2, replace_fd).
int replace_fd(unsigned int fd, struct file *file, unsigned int flags);
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, bool on);
