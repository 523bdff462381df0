#pragma once
/*
 * The root filesystem at boot (Linux: init/do_mounts.c's rootfs,
 * init/noinitramfs.c default_rootfs, init/initramfs.c).
 *
 *   vfs_caches_init(); pagecache_init();      // after kmem_cache_init()
 *   init_rootfs();                             // "/", /dev and its nodes
 *   const char *err = unpack_to_rootfs(buf, len); // the initramfs module
 *   if (err) pr_err("Initramfs unpacking failed: %s\n", err);
 */

// Makes "/" (a ramfs root) the root and cwd of init_fs, points init_task
// at init_fs if it has none, registers /dev/null and /dev/zero, and makes
// /dev, /dev/console (5:1), /dev/null (1:3), /dev/zero (1:5) and /root if
// absent. 0 or -errno; a second call keeps the root it has.
int init_rootfs(void);
// Frees the whole tree and init_fs's references (host tests, shutdown).
void kill_rootfs(void);

// Unpacks an uncompressed newc cpio archive ("070701" or "070702"; several
// may follow each other, with NUL padding between) into the root, as
// Linux's unpack_to_rootfs does. NULL, or what was wrong: entries before the
// fault stay unpacked. Hard links (nlink >= 2, same ino) are real links.
const char *unpack_to_rootfs(const char *buf, unsigned long len);
