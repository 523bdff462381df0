#pragma once
/*
 * Pipes (Linux: include/linux/pipe_fs_i.h, fs/pipe.c).
 *
 * A pipe is a ring of pipe_buffers, each a part of one page. The writer
 * fills the slot at head, the reader empties the one at tail; both count
 * up for ever and are taken modulo ring_size, so head - tail is the number
 * of slots in use. The pages come from the page allocator (GFP_HIGHUSER:
 * a pipe's data may live in high memory and is kmapped to be copied).
 */
#include <linux/fs.h>
#include <linux/wait.h>

#define PIPE_DEF_BUFFERS 16 // 16 pages: the 64 KiB of a new pipe
#define PIPE_BUF 4096	    // writes up to this size are atomic (limits.h)

struct pipe_buffer {
	struct page *page;
	unsigned int offset, len;
};

struct pipe_inode_info {
	struct wait_queue_head rd_wait, wr_wait; // readers wait for data, writers for room
	unsigned int head, tail;
	unsigned int ring_size;
	unsigned int readers, writers; // open files of each end
	struct pipe_buffer *bufs;      // ring_size slots, a power of two
};

static inline bool pipe_empty(unsigned int head, unsigned int tail) { return head == tail; }
static inline unsigned int pipe_occupancy(unsigned int head, unsigned int tail)
{
	return head - tail;
}
static inline bool pipe_full(unsigned int head, unsigned int tail, unsigned int limit)
{
	return pipe_occupancy(head, tail) >= limit;
}

// Two open files on a new pipe: res[0] reads, res[1] writes. flags: O_NONBLOCK.
int create_pipe_files(struct file **res, int flags);
// The pipe an open file reads or writes, or NULL (Linux: get_pipe_info).
struct pipe_inode_info *get_pipe_info(struct file *file);
// fcntl's F_GETPIPE_SZ and F_SETPIPE_SZ: -EBADF on a file that is no pipe.
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg);
// Pipe pages in use, all pipes (tests: everything freed?).
unsigned long nr_pipe_pages(void);
