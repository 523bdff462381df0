#pragma once
/*
 * Character devices by number (Linux: fs/char_dev.c's register_chrdev and
 * cdev_add, drivers/char/mem.c). Opening a char device node looks its
 * i_rdev up here and gives the file that driver's file_operations.
 * Differs from Linux: a small fixed table of ranges, no cdev objects, no
 * kobject map; registration does not allocate.
 */
#include <linux/fs.h>

#define MEM_MAJOR 1    // /dev/null 1:3, /dev/zero 1:5
#define TTYAUX_MAJOR 5 // /dev/tty 5:0, /dev/console 5:1
#define MAX_CHRDEV 16  // ranges the table holds

// Minors [baseminor, baseminor + count) of major go to fops. 0, -EBUSY if
// any of them is taken, -EINVAL for a bad range, -ENOSPC if the table is
// full (Linux: __register_chrdev; no dynamic major).
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops);
void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
			 const char *name);
// The driver of dev, or NULL.
const struct file_operations *chrdev_fops(dev_t dev);

// Registers /dev/null and /dev/zero (Linux: chr_dev_init). Boot, and tests.
void chr_dev_init(void);
