/*
 * DOC: from kernel to pid 1 (Linux: init/main.c's kernel_init,
 * init/initramfs.c's populate_rootfs, init/do_mounts.c)
 *
 * pid 1 starts as a kernel thread. It builds the root file system (a
 * ramfs with /dev), unpacks the GRUB modules that are newc cpio archives
 * into it (any other module becomes a file of that name), opens
 * /dev/console as fds 0-2 and then becomes a program: rdinit= (default
 * /init) if it exists, else init=. If none is there it stays in the kernel
 * and runs the serial shell.
 */
#include <asm/multiboot2.h>
#include <asm/setup.h>
#include <linux/binfmts.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/init.h>
#include <linux/initrd.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/proc_fs.h>
#include <linux/sched/task.h>
#include <linux/shell.h>
#include <linux/string.h>

int tty_init(void);
int init_vdso_image(void);

static const char *ramdisk_execute_command = "/init";
static const char *execute_command;

static int __init rdinit_setup(char *str)
{
	ramdisk_execute_command = str;
	return 1;
}
__setup("rdinit=", rdinit_setup);

static int __init init_setup(char *str)
{
	execute_command = str;
	return 1;
}
__setup("init=", init_setup);

// A module that is not an archive becomes /NAME (its GRUB command line).
static void __init module_as_file(const char *name, const char *data, unsigned long len)
{
	const char *base = strrchr(name, '/');
	char path[128] = "/";
	strlcpy(path + 1, base ? base + 1 : name, sizeof(path) - 1);
	char *space = strchr(path, ' ');
	if (space)
		*space = 0;
	struct file *f = filp_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (IS_ERR(f)) {
		pr_err("initramfs: cannot create %s: %ld\n", path, PTR_ERR(f));
		return;
	}
	loff_t pos = 0;
	if (kernel_write(f, data, len, &pos) != (long)len)
		pr_err("initramfs: %s: short write\n", path);
	fput(f);
}

// Linux: populate_rootfs and free_initrd_mem, for each GRUB module.
static void __init populate_rootfs(void)
{
	for (u32 i = 0; i < boot_info.nr_modules; i++) {
		const struct multiboot_tag_module *m = boot_info.modules[i];
		const char *data = (const char *)__va(m->mod_start);
		unsigned long len = m->mod_end - m->mod_start;
		if (len >= 6 && !memcmp(data, "070701", 6)) {
			pr_info("Trying to unpack rootfs image as initramfs...\n");
			const char *err = unpack_to_rootfs(data, len);
			if (err)
				pr_emerg("Initramfs unpacking failed: %s\n", err);
		} else {
			module_as_file(m->cmdline, data, len);
		}
		free_reserved_area(__va(PAGE_ALIGN(m->mod_start)), __va(m->mod_end & PAGE_MASK), -1,
				   "initrd");
	}
}

// fds 0, 1, 2 on the console (Linux: console_on_rootfs).
static void __init console_on_rootfs(void)
{
	struct file *file = filp_open("/dev/console", O_RDWR, 0);
	if (IS_ERR(file)) {
		pr_err("Warning: unable to open an initial console.\n");
		return;
	}
	for (int fd = 0; fd < 3; fd++) {
		int n = get_unused_fd_flags(0);
		if (n >= 0)
			fd_install((unsigned int)n, get_file(file));
	}
	fput(file);
}

static int run_init_process(const char *init_filename)
{
	const char *argv[] = {init_filename, nullptr};
	static const char *const envp[] = {"HOME=/", "TERM=linux", nullptr};
	pr_info("Run %s as init process\n", init_filename);
	return kernel_execve(init_filename, argv, envp);
}

// The file systems and devices pid 1 needs (Linux: kernel_init_freeable).
// __init like Linux's: it runs once, before free_initmem().
void __init kernel_init_freeable(void)
{
	vfs_caches_init();
	pagecache_init();
	init_fs.users++; // pid 1 shares the boot task's root and cwd (Linux: CLONE_FS)
	current->fs = &init_fs;
	init_rootfs();
	tty_init();
	if (proc_root_init())
		pr_err("proc: no memory for /proc\n");
	if (init_vdso_image())
		pr_err("vdso: no memory for the image; programs run without one\n");
	current->files = alloc_files_struct();
	populate_rootfs();
	console_on_rootfs();
}

// rdinit= (default /init), then init= (Linux: the end of kernel_init).
// 0 once pid 1 is a program: the caller returns to user mode.
int run_init(void)
{
	if (ramdisk_execute_command) {
		int err = run_init_process(ramdisk_execute_command);
		if (!err)
			return 0;
		if (err != -ENOENT)
			pr_err("Failed to execute %s (error %d)\n", ramdisk_execute_command, err);
	}
	if (execute_command) {
		int err = run_init_process(execute_command);
		if (!err)
			return 0;
		pr_err("Requested init %s failed (error %d).\n", execute_command, err);
	}
	return -ENOENT;
}
