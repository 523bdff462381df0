/*
 * DOC: /dev/console on the serial line (Linux: drivers/tty/tty_io.c,
 * n_tty.c's canonical mode, serial_core.c)
 *
 * Programs read and write COM1 through /dev/console (5:1) and /dev/tty
 * (5:0). Reads are line by line, as a terminal in canonical mode gives
 * them: typed bytes are echoed, backspace rubs out, Enter (CR or LF) ends
 * the line, Ctrl-C sends SIGINT to the reader and Ctrl-D at the start of
 * a line is end of file. Writes turn "\n" into "\r\n" (ONLCR).
 *
 * Bytes arrive through drivers/tty/tty_buffer.cpp's ring (IRQ 4). A
 * Ctrl-C for the shell's foreground program is signalled there, at once;
 * any other reader gets SIGINT when its read meets the ^C.
 *
 * Differs from Linux: one fixed termios: TCSETS is accepted
 * and ignored (raw mode is not honoured).
 */
#include <asm/early_printk.h>
#include <linux/cdev.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/sched/task.h>
#include <linux/timer.h>
#include <linux/tty.h>
#include <linux/uaccess.h>

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413

struct termios { // the i386 layout of Linux's struct termios
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[19];
};

// What Linux's tty_std_termios gives a serial console: ICRNL|IXON,
// OPOST|ONLCR, B38400|CS8|CREAD|HUPCL, ISIG|ICANON|ECHO|ECHOE|ECHOK|
// ECHOCTL|ECHOKE|IEXTEN, and the usual control characters.
static const struct termios console_termios = {
    0x500, 0x5, 0xbf, 0x8a3b, 0, {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0}};

static char line[256];
static unsigned int line_len, line_pos; // a finished line being handed out
static bool line_ready;

static void echo(char c)
{
	if (c == '\n')
		serial8250_putc('\r');
	serial8250_putc(c);
}

// One byte typed, sleeping until it comes; -1 if a signal arrived first.
static int wait_byte(void)
{
	for (;;) {
		int c = tty_getc();
		if (c >= 0)
			return c;
		if (signal_pending(current))
			return -1;
		struct wait_queue_entry wait = {};
		prepare_to_wait(&tty_rx_wait, &wait, TASK_INTERRUPTIBLE);
		schedule_timeout(1); // the tick also looks, should the wakeup be missed
		finish_wait(&tty_rx_wait, &wait);
	}
}

// Fills line[] with one edited line (Linux: n_tty_receive_char's canonical
// path). 0 at end of file, -ERESTARTSYS on a signal.
static int read_line(void)
{
	line_len = line_pos = 0;
	for (;;) {
		int c = wait_byte();
		if (c < 0)
			return -ERESTARTSYS;
		if (c == 3) { // ^C: ISIG
			serial8250_putc('^'), serial8250_putc('C'), echo('\n');
			line_len = 0;
			send_sig(SIGINT, current);
			return -ERESTARTSYS;
		}
		if (c == 4 && !line_len) // ^D on an empty line: EOF
			return 0;
		if (c == 127 || c == 8) {
			if (line_len) {
				line_len--;
				serial8250_putc('\b'), serial8250_putc(' '), serial8250_putc('\b');
			}
			continue;
		}
		if (c == '\r' || c == '\n') {
			echo('\n');
			line[line_len++] = '\n';
			line_ready = true;
			return (int)line_len;
		}
		if (line_len < sizeof(line) - 1 && c >= 0x20 && c < 0x7f) {
			line[line_len++] = (char)c;
			echo((char)c);
		}
	}
}

static long console_read(struct file *, char *ubuf, size_t count, loff_t *)
{
	if (!count)
		return 0;
	if (!line_ready) {
		int n = read_line();
		if (n <= 0)
			return n;
	}
	size_t n = line_len - line_pos < count ? line_len - line_pos : count;
	if (copy_to_user(ubuf, line + line_pos, n))
		return -EFAULT;
	line_pos += (unsigned int)n;
	if (line_pos == line_len)
		line_ready = false;
	return (long)n;
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
			echo(buf[i]);
		done += n;
	}
	return (long)done;
}

static long console_ioctl(struct file *, unsigned int cmd, unsigned long arg)
{
	void __user *p = (void __user *)arg;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &console_termios, sizeof(console_termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF: {
		struct termios t;
		return copy_from_user(&t, p, sizeof(t)) ? -EFAULT : 0;
	}
	case TIOCGWINSZ: {
		u16 ws[4] = {24, 80, 0, 0};
		return copy_to_user(p, ws, sizeof(ws)) ? -EFAULT : 0;
	}
	case TIOCGPGRP: {
		int pgrp = 1;
		return copy_to_user(p, &pgrp, sizeof(pgrp)) ? -EFAULT : 0;
	}
	case TIOCSPGRP: return 0;
	default: return -ENOTTY;
	}
}

static const struct file_operations console_fops = {
    .read = console_read,
    .write = console_write,
    .unlocked_ioctl = console_ioctl,
};

// Linux: tty_init's /dev/tty and /dev/console.
int tty_init(void)
{
	tty_rx_init();
	return __register_chrdev(TTYAUX_MAJOR, 0, 2, "tty", &console_fops);
}
