/*
 * Character device numbers and the memory devices (Linux: fs/char_dev.c,
 * drivers/char/mem.c).
 */
#include <linux/cdev.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/uaccess.h>

struct char_device_struct {
	dev_t first;
	unsigned int count; // 0: a free slot
	const char *name;
	const struct file_operations *fops;
};
static struct char_device_struct chrdevs[MAX_CHRDEV];

static bool overlaps(const struct char_device_struct *cd, dev_t first, unsigned int count)
{
	return cd->count && first < cd->first + cd->count && cd->first < first + count;
}

int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops)
{
	if (!count || major >= (1U << (32 - MINORBITS)) || baseminor + count > MINORMASK + 1 ||
	    baseminor + count < baseminor)
		return -EINVAL;
	dev_t first = MKDEV(major, baseminor);
	struct char_device_struct *slot = nullptr;
	for (auto &cd : chrdevs) {
		if (overlaps(&cd, first, count))
			return -EBUSY;
		if (!cd.count && !slot)
			slot = &cd;
	}
	if (!slot)
		return -ENOSPC;
	*slot = {first, count, name, fops};
	return 0;
}

void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
			 const char *name)
{
	for (auto &cd : chrdevs)
		if (cd.count == count && cd.first == MKDEV(major, baseminor))
			cd = {};
}

const struct file_operations *chrdev_fops(dev_t dev)
{
	for (auto &cd : chrdevs)
		if (overlaps(&cd, dev, 1))
			return cd.fops;
	return nullptr;
}

// Linux: chrdev_open: the node's file takes its driver's operations.
static int chrdev_open(struct inode *inode, struct file *filp)
{
	const struct file_operations *fops = chrdev_fops(inode->i_rdev);
	if (!fops)
		return -ENXIO;
	filp->f_op = fops;
	return fops->open ? fops->open(inode, filp) : 0;
}

const struct file_operations def_chr_fops = {.open = chrdev_open};

static long read_null(struct file *file, char *buf, size_t count, loff_t *ppos) { return 0; }
static long write_null(struct file *file, const char *buf, size_t count, loff_t *ppos)
{
	return (long)count;
}
// Linux: null_lseek: always at 0.
static loff_t null_lseek(struct file *file, loff_t offset, int orig) { return file->f_pos = 0; }

// Linux: read_zero: what was cleared before a fault counts.
static long read_zero(struct file *file, char *buf, size_t count, loff_t *ppos)
{
	size_t left = clear_user(buf, count);
	return left == count && count ? -EFAULT : (long)(count - left);
}

static const struct file_operations null_fops = {
    .llseek = null_lseek,
    .read = read_null,
    .write = write_null,
};
static const struct file_operations zero_fops = {
    .llseek = noop_llseek,
    .read = read_zero,
    .write = write_null,
};

// A second call (each host test boots anew) finds them there: -EBUSY, kept.
void chr_dev_init(void)
{
	__register_chrdev(MEM_MAJOR, 3, 1, "null", &null_fops);
	__register_chrdev(MEM_MAJOR, 5, 1, "zero", &zero_fops);
}
