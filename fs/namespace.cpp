// mount(2) (Linux: fs/namespace.c). There is one file system tree, the
// ramfs root; the only thing to mount is /proc, where a program asks for
// it (busybox's and our /init's mount("proc", "/proc", "proc", 0, 0)).
// Any other type is -ENODEV, as Linux says for a type it does not know.
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/proc_fs.h>
#include <linux/string.h>
#include <linux/syscalls_fs.h>
#include <linux/uaccess.h>

long sys_mount(char __user *dev_name, char __user *dir_name, char __user *type, unsigned long flags,
	       void __user *data)
{
	char fstype[32];
	long n = strncpy_from_user(fstype, type, sizeof(fstype));
	if (n < 0)
		return n;
	if (n == sizeof(fstype))
		return -ENODEV;
	char *dir = getname(dir_name);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	long err = strcmp(fstype, "proc") ? -ENODEV : proc_mount(dir);
	putname(dir);
	return err;
}
