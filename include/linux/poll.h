#pragma once
/*
 * Waiting for several files at once (Linux: include/linux/poll.h,
 * include/uapi/asm-generic/poll.h).
 *
 * A file's ->poll says which events it has now and, through poll_wait(),
 * names the wait queues whose wake_up() may change that. poll and select
 * (fs/select.cpp) call every file's ->poll once with a table that queues
 * the caller on each of those queues, sleep, and ask again on a wakeup.
 */
#include <linux/wait.h>

typedef unsigned int __poll_t;

#define POLLIN 0x0001
#define POLLPRI 0x0002
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010
#define POLLNVAL 0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLMSG 0x0400
#define POLLRDHUP 0x2000

// What a file without ->poll reports: always readable and writable.
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct file;

typedef struct poll_table_struct {
	void (*_qproc)(struct file *, struct wait_queue_head *, struct poll_table_struct *);
} poll_table;

// Called by ->poll for each queue it may be woken from. A NULL table, or one
// whose caller already knows it will not sleep, queues nothing.
static inline void poll_wait(struct file *filp, struct wait_queue_head *wq, poll_table *p)
{
	if (p && p->_qproc && wq)
		p->_qproc(filp, wq, p);
}

// The events of file now (Linux: vfs_poll).
__poll_t vfs_poll(struct file *file, poll_table *pt);
