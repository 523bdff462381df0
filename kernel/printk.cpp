/*
 * DOC: printk (Linux: kernel/printk/printk.c)
 *
 * Formats a message, takes its level from a leading KERN_SOH+digit, keeps it
 * in the log buffer and hands every complete line with a "[    0.000000] "
 * timestamp to the registered consoles, if the level is below
 * console_loglevel. A message without a newline stays open: the next
 * KERN_CONT message continues the same line, anything else starts a new one,
 * as in Linux. There is one CPU and printk runs with interrupts off, so there
 * is no locking.
 */
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/sched_clock.h>
#include <linux/sprintf.h>
#include <linux/string.h>

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
bool ignore_loglevel;

static struct console *console_list;

// The log: every byte printk emitted, oldest dropped first.
#define LOG_BUF_LEN (64 * 1024)
static char log_buf[LOG_BUF_LEN];
static size_t log_head; // total bytes ever written

static bool line_open;	// the last message did not end its line
static int line_level;	// level of the open line
static bool line_shown; // the open line goes to the consoles

void register_console(struct console *con)
{
	con->next = console_list;
	console_list = con;
}

static void emit(const char *s, size_t len, bool show)
{
	for (size_t i = 0; i < len; i++)
		log_buf[(log_head + i) % LOG_BUF_LEN] = s[i];
	log_head += len;
	if (!show)
		return;
	for (struct console *con = console_list; con; con = con->next)
		con->write(con, s, len);
}

size_t log_buf_copy(char *dst, size_t size)
{
	size_t avail = min<size_t>(log_head, LOG_BUF_LEN);
	size_t n = min(avail, size);
	size_t start = log_head - n;
	for (size_t i = 0; i < n; i++)
		dst[i] = log_buf[(start + i) % LOG_BUF_LEN];
	return n;
}

static void emit_timestamp(bool show)
{
	char ts[32];
	u64 ns = local_clock();
	u32 sec = (u32)(ns / 1000000000ULL);
	u32 usec = (u32)(ns % 1000000000ULL / 1000);
	int n = snprintf(ts, sizeof(ts), "[%5u.%06u] ", sec, usec);
	emit(ts, n, show);
}

// Strips a KERN_SOH prefix; returns the level digit, 'c', or 0 if none.
static char take_level(const char **text)
{
	const char *t = *text;
	if (t[0] == KERN_SOH[0] && t[1]) {
		*text = t + 2;
		return t[1];
	}
	return 0;
}

int vprintk(const char *fmt, va_list args)
{
	char buf[1024];
	int len = vscnprintf(buf, sizeof(buf), fmt, args);
	const char *text = buf;
	char lvl = take_level(&text);
	len -= text - buf;

	if (lvl != 'c' && line_open) { // a new message closes the open line
		emit("\n", 1, line_shown);
		line_open = false;
	}
	if (!line_open) {
		line_level = isodigit(lvl) ? lvl - '0' : MESSAGE_LOGLEVEL_DEFAULT;
		line_shown = ignore_loglevel || line_level < console_loglevel;
	}
	for (int i = 0; i < len; i++) {
		if (!line_open) {
			emit_timestamp(line_shown);
			line_open = true;
		}
		const char *nl = (const char *)memchr(text + i, '\n', len - i);
		int chunk = nl ? (int)(nl - (text + i)) + 1 : len - i;
		emit(text + i, chunk, line_shown);
		i += chunk - 1;
		if (nl)
			line_open = false;
	}
	return len;
}

int printk(const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	int n = vprintk(fmt, args);
	va_end(args);
	return n;
}

// Linux: console_verbose. What an oops or a panic prints is its reason:
// quiet and loglevel= must not cut the registers and the call trace out of
// it. loglevel=0 is the one explicit request for silence, as in Linux.
void console_verbose(void)
{
	if (console_loglevel)
		console_loglevel = CONSOLE_LOGLEVEL_MOTORMOUTH;
}

static int __init loglevel_setup(char *str)
{
	int level;
	if (!str || kstrtoint(str, 0, &level))
		return -EINVAL;
	console_loglevel = level;
	return 0;
}
early_param("loglevel", loglevel_setup);

static int __init quiet_setup(char *str)
{
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 0;
}
early_param("quiet", quiet_setup);

static int __init debug_setup(char *str)
{
	console_loglevel = 10;
	return 0;
}
early_param("debug", debug_setup);

static int __init ignore_loglevel_setup(char *str)
{
	ignore_loglevel = true;
	pr_info("printk: debug: ignoring loglevel setting.\n");
	return 0;
}
early_param("ignore_loglevel", ignore_loglevel_setup);
