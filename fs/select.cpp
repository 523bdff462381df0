/*
 * DOC: poll and select (Linux: fs/select.c)
 *
 * Both ask every file "which events now?" through its ->poll. The first
 * pass also queues the caller on each wait queue a file names with
 * poll_wait(); if nothing is ready the caller sleeps, any wake_up() on one
 * of those queues (a byte typed, a pipe written) or the timeout ends the
 * sleep, and the files are asked again. A file without ->poll is always
 * ready, as a regular file is on Linux.
 *
 *   poll, ppoll, ppoll_time64      a struct pollfd per file
 *   select (_newselect), pselect6,  three fd_set bitmaps
 *   pselect6_time64
 *
 * The p* forms install a signal mask for the sleep, as sigsuspend does:
 * a signal it lets in is handled under that mask, and the old mask comes
 * back on return. select and the p* forms write the time left back.
 *
 * Differs from Linux: an interrupted poll with a timeout is restarted
 * with its whole timeout (Linux: restart_block keeps the time left).
 */
#include <asm/irqflags.h>
#include <linux/errno.h>
#include <linux/fdtable.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls_fs.h>
#include <linux/time_types.h>
#include <linux/timer.h>
#include <linux/uaccess.h>

__poll_t vfs_poll(struct file *file, poll_table *pt)
{
	if (!file->f_op || !file->f_op->poll)
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

/* ---- The table of wait queues one call sleeps on (poll_wqueues) ---- */

struct poll_table_entry {
	struct wait_queue_head *wait_address;
	struct wait_queue_entry wait;
};

#define N_INLINE_POLL_ENTRIES 8
#define POLL_PAGE_ENTRIES ((PAGE_SIZE - 2 * sizeof(void *)) / sizeof(struct poll_table_entry))

struct poll_table_page {
	struct poll_table_page *next;
	unsigned long nr;
	struct poll_table_entry entries[POLL_PAGE_ENTRIES];
};

struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *table;
	int error;
	unsigned int inline_index;
	struct poll_table_entry inline_entries[N_INLINE_POLL_ENTRIES];
};

static struct poll_table_entry *poll_get_entry(struct poll_wqueues *p)
{
	if (p->inline_index < N_INLINE_POLL_ENTRIES)
		return &p->inline_entries[p->inline_index++];
	struct poll_table_page *t = p->table;
	if (!t || t->nr == POLL_PAGE_ENTRIES) {
		t = (struct poll_table_page *)kmalloc(sizeof(*t), GFP_KERNEL);
		if (!t) {
			p->error = -ENOMEM;
			return nullptr;
		}
		t->nr = 0;
		t->next = p->table;
		p->table = t;
	}
	return &t->entries[t->nr++];
}

// Linux: __pollwait. The wakeup only makes the caller runnable; it looks
// at every file again itself.
static void __pollwait(struct file *, struct wait_queue_head *wq, poll_table *pt)
{
	struct poll_wqueues *p = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *e = poll_get_entry(p);
	if (!e)
		return;
	e->wait_address = wq;
	e->wait.task = current;
	unsigned long flags = local_irq_save();
	list_add_tail(&e->wait.entry, &wq->head);
	local_irq_restore(flags);
}

static void poll_initwait(struct poll_wqueues *p)
{
	p->pt._qproc = __pollwait;
	p->table = nullptr;
	p->error = 0;
	p->inline_index = 0;
}

static void free_poll_entry(struct poll_table_entry *e)
{
	unsigned long flags = local_irq_save();
	list_del(&e->wait.entry);
	local_irq_restore(flags);
}

static void poll_freewait(struct poll_wqueues *p)
{
	for (unsigned int i = 0; i < p->inline_index; i++)
		free_poll_entry(&p->inline_entries[i]);
	while (p->table) {
		struct poll_table_page *t = p->table;
		for (unsigned long i = 0; i < t->nr; i++)
			free_poll_entry(&t->entries[i]);
		p->table = t->next;
		kfree(t);
	}
}

/*
 * The loop poll and select share: scan() asks every file and returns how
 * many are ready. The first scan queues on the files' wait queues; later
 * ones run with the task already marked asleep, so a wakeup between the
 * scan and schedule() is not lost. timeout: ticks, or MAX_SCHEDULE_TIMEOUT.
 * Returns the count, -ERESTARTNOHAND on a signal, or the table's error.
 */
template <typename Scan> static int poll_loop(Scan scan, long *timeout)
{
	struct poll_wqueues table;
	poll_initwait(&table);
	int count = scan(&table.pt);
	table.pt._qproc = nullptr;
	while (!count && !table.error && *timeout) {
		current->state = TASK_INTERRUPTIBLE; // before the checks: no lost wakeup
		if (signal_pending(current))
			count = -ERESTARTNOHAND;
		else
			count = scan(nullptr);
		if (count) {
			current->state = TASK_RUNNING;
			break;
		}
		*timeout = schedule_timeout(*timeout); // sets TASK_RUNNING again
	}
	if (!count && table.error)
		count = table.error;
	poll_freewait(&table);
	return count;
}

/* ---- Timeouts ---- */

// A timespec's ticks, rounded up as Linux's poll rounds its slack; -EINVAL
// for a negative or malformed one. NULL: no timeout.
static long timespec_to_timeout(s64 sec, long long nsec, long *timeout)
{
	if (sec < 0 || nsec < 0 || (u64)nsec >= NSEC_PER_SEC)
		return -EINVAL;
	u64 ticks =
	    ((u64)sec * NSEC_PER_SEC + (u64)nsec + NSEC_PER_SEC / HZ - 1) / (NSEC_PER_SEC / HZ);
	*timeout = ticks >= (u64)MAX_SCHEDULE_TIMEOUT ? MAX_SCHEDULE_TIMEOUT - 1 : (long)ticks;
	return 0;
}

static u64 timeout_ns(long timeout) { return (u64)timeout * (NSEC_PER_SEC / HZ); }

// The p* forms' timespec (32- or 64-bit): NULL is no timeout.
template <typename TS> static long get_user_timeout(TS __user *tsp, long *timeout)
{
	*timeout = MAX_SCHEDULE_TIMEOUT;
	if (!tsp)
		return 0;
	TS ts;
	if (copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	return timespec_to_timeout(ts.tv_sec, ts.tv_nsec, timeout);
}

// The time left goes back (Linux: poll_select_finish), which ignores a
// failure here: the call itself succeeded.
template <typename TS> static void put_time_left(TS __user *tsp, long timeout)
{
	if (!tsp)
		return;
	u64 ns = timeout == MAX_SCHEDULE_TIMEOUT ? 0 : timeout_ns(timeout);
	TS ts;
	ts.tv_sec = (decltype(ts.tv_sec))(ns / NSEC_PER_SEC);
	ts.tv_nsec = (decltype(ts.tv_nsec))(ns % NSEC_PER_SEC);
	copy_to_user(tsp, &ts, sizeof(ts));
}

/* ---- poll ---- */

struct pollfd {
	int fd;
	short events, revents;
};

// Linux: do_pollfd. A negative fd is skipped; a closed one is POLLNVAL.
static unsigned int do_pollfd(struct pollfd *pfd, poll_table *pt)
{
	pfd->revents = 0;
	if (pfd->fd < 0)
		return 0;
	struct file *f = fget((unsigned int)pfd->fd);
	__poll_t mask = POLLNVAL;
	if (f) {
		__poll_t filter = (unsigned short)pfd->events | POLLERR | POLLHUP;
		mask = vfs_poll(f, pt) & filter;
		fput(f);
	}
	pfd->revents = (short)mask;
	return mask ? 1 : 0;
}

// Linux: do_sys_poll. The revents go back even when a signal ends it.
static long do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, long *timeout)
{
	if (nfds > rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	struct pollfd *fds = nullptr;
	if (nfds) {
		fds = (struct pollfd *)kvmalloc_array(nfds, sizeof(*fds), GFP_KERNEL);
		if (!fds)
			return -ENOMEM;
		if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
			kvfree(fds);
			return -EFAULT;
		}
	}
	long count = poll_loop(
	    [&](poll_table *pt) {
		    int n = 0;
		    for (unsigned int i = 0; i < nfds; i++)
			    n += (int)do_pollfd(&fds[i], n ? nullptr : pt);
		    return n;
	    },
	    timeout);
	for (unsigned int i = 0; i < nfds; i++)
		if (put_user(fds[i].revents, &ufds[i].revents))
			count = -EFAULT;
	kvfree(fds);
	return count;
}

long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs)
{
	long timeout = timeout_msecs < 0 ? MAX_SCHEDULE_TIMEOUT
					 : (long)msecs_to_jiffies((unsigned long)timeout_msecs);
	return do_sys_poll(ufds, nfds, &timeout);
}

/* ---- The p* forms' signal mask (Linux: set_user_sigmask) ---- */

static long set_user_sigmask(const ksigset_t __user *umask, size_t sigsetsize)
{
	if (!umask)
		return 0;
	if (sigsetsize != sizeof(ksigset_t))
		return -EINVAL;
	ksigset_t mask;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->sig.saved_sigmask = current->sig.blocked;
	current->sig.restore_sigmask = true;
	current->sig.blocked = mask & ~SIG_KERNEL_ONLY_MASK;
	return 0;
}

// Interrupted: the handler runs under the call's mask and signal delivery
// puts the old one back. Otherwise it comes back now.
static void restore_saved_sigmask_unless(bool interrupted)
{
	if (interrupted || !current->sig.restore_sigmask)
		return;
	current->sig.restore_sigmask = false;
	current->sig.blocked = current->sig.saved_sigmask;
}

template <typename TS>
static long do_ppoll(struct pollfd __user *ufds, unsigned int nfds, TS __user *tsp,
		     const u64 __user *sigmask, size_t sigsetsize)
{
	long timeout;
	long err = get_user_timeout(tsp, &timeout);
	if (err)
		return err;
	err = set_user_sigmask(sigmask, sigsetsize);
	if (err)
		return err;
	long ret = do_sys_poll(ufds, nfds, &timeout);
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	if (ret != -EFAULT)
		put_time_left(tsp, timeout);
	return ret;
}

long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, struct old_timespec32 __user *tsp,
	       const u64 __user *sigmask, size_t sigsetsize)
{
	return do_ppoll(ufds, nfds, tsp, sigmask, sigsetsize);
}

long sys_ppoll_time64(struct pollfd __user *ufds, unsigned int nfds,
		      struct __kernel_timespec __user *tsp, const u64 __user *sigmask,
		      size_t sigsetsize)
{
	return do_ppoll(ufds, nfds, tsp, sigmask, sigsetsize);
}

/* ---- select ---- */

#define POLLIN_SET (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET (POLLPRI)

// The three sets a select asks about and the three it answers, a word
// per 32 descriptors (Linux: fd_set_bits).
struct fd_set_bits {
	unsigned int n, words;
	u32 *in, *out, *ex, *res_in, *res_out, *res_ex;
};

static long get_fd_set(unsigned int words, const u32 __user *ufdset, u32 *fdset)
{
	if (!ufdset) {
		memset(fdset, 0, words * sizeof(u32));
		return 0;
	}
	return copy_from_user(fdset, ufdset, words * sizeof(u32)) ? -EFAULT : 0;
}

static long set_fd_set(unsigned int words, u32 __user *ufdset, const u32 *fdset)
{
	if (!ufdset)
		return 0;
	return copy_to_user(ufdset, fdset, words * sizeof(u32)) ? -EFAULT : 0;
}

// Linux: do_select's scan. A descriptor in a set but not open: -EBADF.
static int select_scan(struct fd_set_bits *fds, poll_table *pt)
{
	int count = 0;
	for (unsigned int i = 0; i < fds->n; i++) {
		unsigned int w = i / 32;
		u32 bit = 1u << (i % 32);
		if (!((fds->in[w] | fds->out[w] | fds->ex[w]) & bit))
			continue;
		struct file *f = fget(i);
		if (!f)
			return -EBADF;
		__poll_t mask = vfs_poll(f, count ? nullptr : pt);
		fput(f);
		bool hit = false;
		if ((fds->in[w] & bit) && (mask & POLLIN_SET))
			fds->res_in[w] |= bit, hit = true;
		if ((fds->out[w] & bit) && (mask & POLLOUT_SET))
			fds->res_out[w] |= bit, hit = true;
		if ((fds->ex[w] & bit) && (mask & POLLEX_SET))
			fds->res_ex[w] |= bit, hit = true;
		count += hit;
	}
	return count;
}

// Linux: core_sys_select. n past the table is cut to the table's size.
static long core_sys_select(int n, u32 __user *inp, u32 __user *outp, u32 __user *exp,
			    long *timeout)
{
	if (n < 0)
		return -EINVAL;
	struct files_struct *files = current->files;
	if ((unsigned int)n > files->max_fds)
		n = (int)files->max_fds;
	struct fd_set_bits fds = {(unsigned int)n, ((unsigned int)n + 31) / 32};
	u32 *bits = nullptr;
	if (fds.words) {
		bits = (u32 *)kvmalloc_array(6 * fds.words, sizeof(u32), GFP_KERNEL);
		if (!bits)
			return -ENOMEM;
	}
	u32 *sets[6];
	for (int i = 0; i < 6; i++)
		sets[i] = bits + i * fds.words;
	fds.in = sets[0], fds.out = sets[1], fds.ex = sets[2];
	fds.res_in = sets[3], fds.res_out = sets[4], fds.res_ex = sets[5];
	long ret = get_fd_set(fds.words, inp, fds.in);
	if (!ret)
		ret = get_fd_set(fds.words, outp, fds.out);
	if (!ret)
		ret = get_fd_set(fds.words, exp, fds.ex);
	if (!ret) {
		ret = poll_loop(
		    [&](poll_table *pt) {
			    memset(fds.res_in, 0, 3 * fds.words * sizeof(u32));
			    return select_scan(&fds, pt);
		    },
		    timeout);
		// Linux leaves the sets alone on an error, a signal included.
		if (ret >= 0 && (set_fd_set(fds.words, inp, fds.res_in) ||
				 set_fd_set(fds.words, outp, fds.res_out) ||
				 set_fd_set(fds.words, exp, fds.res_ex)))
			ret = -EFAULT;
	}
	kvfree(bits);
	return ret;
}

// select (the i386 _newselect): a timeval, written back with the time left.
long sys_select(int n, u32 __user *inp, u32 __user *outp, u32 __user *exp,
		struct __kernel_old_timeval __user *tvp)
{
	long timeout = MAX_SCHEDULE_TIMEOUT;
	struct __kernel_old_timeval tv;
	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		long err = timespec_to_timeout(tv.tv_sec, (long long)tv.tv_usec * 1000, &timeout);
		if (err)
			return err;
	}
	long ret = core_sys_select(n, inp, outp, exp, &timeout);
	if (tvp && ret != -EFAULT) {
		u64 ns = timeout_ns(timeout);
		tv = {(long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC / 1000)};
		copy_to_user(tvp, &tv, sizeof(tv)); // Linux ignores a failure here
	}
	return ret;
}

// pselect6's sixth argument: where the mask is and its size.
struct sigset_argpack {
	u32 p, size;
};

template <typename TS>
static long do_pselect6(int n, u32 __user *inp, u32 __user *outp, u32 __user *exp, TS __user *tsp,
			const struct sigset_argpack __user *sig)
{
	long timeout;
	long err = get_user_timeout(tsp, &timeout);
	if (err)
		return err;
	struct sigset_argpack pack = {0, 0};
	if (sig && copy_from_user(&pack, sig, sizeof(pack)))
		return -EFAULT;
	err = set_user_sigmask((const ksigset_t __user *)(unsigned long)pack.p, pack.size);
	if (err)
		return err;
	long ret = core_sys_select(n, inp, outp, exp, &timeout);
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	if (ret != -EFAULT)
		put_time_left(tsp, timeout);
	return ret;
}

long sys_pselect6(int n, u32 __user *inp, u32 __user *outp, u32 __user *exp,
		  struct old_timespec32 __user *tsp, const void __user *sig)
{
	return do_pselect6(n, inp, outp, exp, tsp, (const struct sigset_argpack __user *)sig);
}

long sys_pselect6_time64(int n, u32 __user *inp, u32 __user *outp, u32 __user *exp,
			 struct __kernel_timespec __user *tsp, const void __user *sig)
{
	return do_pselect6(n, inp, outp, exp, tsp, (const struct sigset_argpack __user *)sig);
}
