/*
 * DOC: /dev/console on the serial line (Linux: drivers/tty/tty_io.c,
 * n_tty.c's canonical mode, serial_core.c)
 *
 * Programs read and write COM1 through /dev/console (5:1) and /dev/tty
 * (5:0). What a read sees is the line discipline's (drivers/tty/n_tty.cpp):
 * by default whole edited lines, echoed, Ctrl-C a SIGINT and Ctrl-D at the
 * start of a line end of file; after TCSETS without ICANON, each byte as
 * typed, under VMIN and VTIME. Writes turn "\n" into "\r\n" (ONLCR). poll
 * and select see the console readable when a read would not sleep.
 *
 * Bytes arrive through drivers/tty/tty_buffer.cpp's ring (IRQ 4). A
 * Ctrl-C for the foreground process group is signalled there, at once.
 * Typed bytes are echoed when a reader or poller takes them from the ring.
 * Sessions, the foreground group and the background checks are
 * drivers/tty/tty_jobctrl.cpp's.
 *
 * Differs from Linux: one terminal, no output queue.
 */
#include <asm/early_printk.h>
#include <linux/cdev.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/n_tty.h>
#include <linux/poll.h>
#include <linux/sched/task.h>
#include <linux/timer.h>
#include <linux/tty.h>
#include <linux/uaccess.h>

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCFLSH 0x540B
#define TIOCOUTQ 0x5411
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B

static struct n_tty_data ldata;
static u16 winsize[4] = {24, 80, 0, 0}; // rows, cols: what TIOCSWINSZ set

// Output processing (Linux: do_output_char): ONLCR's "\n" -> "\r\n".
static void put_out(char c)
{
	const struct termios *t = &ldata.termios;
	if (c == '\n' && (t->c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR))
		serial8250_putc('\r');
	serial8250_putc(c);
}

// Moves what was typed into the line discipline. A signal character
// typed while nobody was in the foreground signals nobody, as on Linux
// (with one, the interrupt sent it already: tty_buffer.cpp).
static void receive_typed(void)
{
	for (int c; (c = tty_getc()) >= 0;) {
		int sig = n_tty_receive_char(&ldata, (unsigned char)c);
		if (sig)
			kill_pgrp(console_tty.pgrp, sig, nullptr);
	}
}

bool tty_signal_char(int c, int *sig)
{
	const struct termios *t = &ldata.termios;
	if (!(t->c_lflag & ISIG) || !c)
		return false;
	*sig = c == t->c_cc[VINTR]   ? SIGINT
	       : c == t->c_cc[VQUIT] ? SIGQUIT
	       : c == t->c_cc[VSUSP] ? SIGTSTP
				     : 0;
	return *sig != 0;
}

// How many bytes a raw read waits for (VMIN), capped by the request.
static unsigned int raw_min(unsigned int count)
{
	unsigned int vmin = ldata.termios.c_cc[VMIN];
	return vmin < count ? vmin : count;
}

static bool read_ready(unsigned int count)
{
	receive_typed();
	unsigned int n = n_tty_readable(&ldata);
	if (ldata.termios.c_lflag & ICANON)
		return n > 0;
	return n >= raw_min(count) && n > 0;
}

// Sleeps until the read can be answered (Linux: n_tty_read's wait).
// Raw mode's VMIN is how many bytes to wait for, VTIME (tenths of a
// second) when to give up: at once with VMIN 0, once a byte came otherwise.
static long wait_readable(struct file *f, unsigned int count)
{
	const struct termios *t = &ldata.termios;
	bool canon = t->c_lflag & ICANON;
	unsigned int vmin = t->c_cc[VMIN], vtime = canon ? 0 : t->c_cc[VTIME];
	bool armed = false;
	unsigned long deadline = 0;
	while (!read_ready(count)) {
		if (!canon && !vmin && !vtime)
			return 0; // a polling read: maybe nothing
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -ERESTARTSYS;
		if (vtime && !armed && (!vmin || n_tty_readable(&ldata))) {
			deadline = jiffies + msecs_to_jiffies(vtime * 100U);
			armed = true;
		}
		if (armed && (long)(jiffies - deadline) >= 0)
			return 0;
		struct wait_queue_entry wait = {};
		prepare_to_wait(&tty_rx_wait, &wait, TASK_INTERRUPTIBLE);
		schedule_timeout(1); // the tick also looks, should a wakeup be missed
		finish_wait(&tty_rx_wait, &wait);
	}
	return 0;
}

// Linux: n_tty_read. 0 at end of file (Ctrl-D at the start of a line).
static long console_read(struct file *f, char *ubuf, size_t count, loff_t *)
{
	if (!count)
		return 0;
	// Linux: job_control(), which /dev/console's redirected file skips
	if (f->private_data != &console_tty) {
		long err = tty_check_change(&console_tty, SIGTTIN);
		if (err)
			return err;
	}
	unsigned int want = count > N_TTY_BUF_SIZE ? N_TTY_BUF_SIZE : (unsigned int)count;
	long err = wait_readable(f, want);
	if (err)
		return err;
	char buf[256];
	long done = 0;
	while ((unsigned int)done < want) {
		unsigned int chunk = want - (unsigned int)done;
		bool eof;
		unsigned int n =
		    n_tty_copy(&ldata, buf, chunk < sizeof(buf) ? chunk : sizeof(buf), &eof);
		if (!n)
			break;
		if (copy_to_user(ubuf + done, buf, n))
			return done ? done : -EFAULT;
		done += n;
		if ((ldata.termios.c_lflag & ICANON) && buf[n - 1] == '\n')
			break; // one line per read
	}
	return done;
}

static long console_write(struct file *, const char *ubuf, size_t count, loff_t *)
{
	char buf[128];
	size_t done = 0;
	while (done < count) {
		size_t n = count - done < sizeof(buf) ? count - done : sizeof(buf);
		if (copy_from_user(buf, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		for (size_t i = 0; i < n; i++)
			put_out(buf[i]);
		done += n;
	}
	return (long)done;
}

// Linux: n_tty_poll. Readable is what a read would return at once.
static __poll_t console_poll(struct file *, poll_table *wait)
{
	poll_wait(nullptr, &tty_rx_wait, wait);
	__poll_t mask = POLLOUT | POLLWRNORM; // the UART takes every byte
	if (read_ready(1))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

static long set_termios(unsigned int cmd, void __user *p)
{
	struct termios t;
	if (copy_from_user(&t, p, sizeof(t)))
		return -EFAULT;
	if (cmd == TCSETSF)
		n_tty_flush(&ldata);
	n_tty_set_termios(&ldata, &t);
	return 0;
}

static long console_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *p = (void __user *)arg;
	switch (cmd) {
	case TCSETS:
	case TCSETSW:
	case TCSETSF: {
		long err = tty_check_change(&console_tty, SIGTTOU);
		if (err)
			return err;
		break;
	}
	}
	switch (cmd) {
	case TCGETS: return copy_to_user(p, &ldata.termios, sizeof(ldata.termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF: return set_termios(cmd, p);
	case TCFLSH:
		if (arg > 2)
			return -EINVAL;
		if (arg != 1) // TCIFLUSH, TCIOFLUSH; output is never queued
			n_tty_flush(&ldata);
		return 0;
	case TIOCGWINSZ: return copy_to_user(p, winsize, sizeof(winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ: return copy_from_user(winsize, p, sizeof(winsize)) ? -EFAULT : 0;
	case TIOCOUTQ: return put_user(0, (int __user *)p);
	case FIONREAD:
		receive_typed();
		return put_user((int)n_tty_readable(&ldata), (int __user *)p);
	default: {
		long ret = tty_jobctrl_ioctl(&console_tty, f, cmd, arg);
		return ret == -ENOIOCTLCMD ? -ENOTTY : ret;
	}
	}
}

// /dev/tty (5:0) is the opener's controlling terminal: with none, ENXIO
// (Linux: tty_open_current_tty). /dev/console (5:1) always opens.
static int console_open(struct inode *inode, struct file *f)
{
	if (MINOR(inode->i_rdev) == 0 && current->tty != &console_tty)
		return -ENXIO;
	f->private_data = MINOR(inode->i_rdev) == 1 ? &console_tty : nullptr;
	return 0;
}

static const struct file_operations console_fops = {
    .read = console_read,
    .write = console_write,
    .open = console_open,
    .unlocked_ioctl = console_ioctl,
    .poll = console_poll,
};

// Linux: tty_init's /dev/tty and /dev/console.
int tty_init(void)
{
	n_tty_open(&ldata, put_out);
	tty_rx_init();
	return __register_chrdev(TTYAUX_MAJOR, 0, 2, "tty", &console_fops);
}
