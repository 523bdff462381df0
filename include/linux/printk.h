#pragma once
// printk and its log levels (Linux: include/linux/printk.h, kern_levels.h).
//
// A message starts with KERN_SOH and a level digit; the console prints it when
// the level is below console_loglevel. This teaching kernel's default console
// level shows KERN_DEBUG too (Linux hides it), so e820/memblock traces appear
// as in a `memblock=debug ignore_loglevel` Linux boot; `loglevel=7` or `quiet`
// hide them.
#include <linux/compiler.h>
#include <linux/types.h>

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT KERN_SOH "c"

#define CONSOLE_LOGLEVEL_QUIET 4
#define CONSOLE_LOGLEVEL_LINUX 7   // Linux's default: KERN_DEBUG hidden
#define CONSOLE_LOGLEVEL_DEFAULT 8 // ours: everything shown
#define MESSAGE_LOGLEVEL_DEFAULT 4

#define CONSOLE_LOGLEVEL_MOTORMOUTH 15 // console_verbose(): every level

extern int console_loglevel;
extern bool ignore_loglevel;
// An oops or a panic shows everything from here on, unless loglevel=0 asked
// for silence (Linux: console_verbose, called by panic() and oops_enter()).
void console_verbose(void);

extern "C" __printf(1, 2) int printk(const char *fmt, ...);
extern "C" int vprintk(const char *fmt, va_list args);

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)

// A console receives every line printk lets through (Linux: struct console).
struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, unsigned int len);
	struct console *next;
};
void register_console(struct console *con);

// The current call trace (arch: arch/x86/kernel/dumpstack.cpp).
void dump_stack(void);

// The whole log since boot, for dmesg-style views and tests.
size_t log_buf_copy(char *dst, size_t size);
