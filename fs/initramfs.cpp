/*
 * Unpacking the initramfs (Linux: init/initramfs.c). An archive is a run
 * of newc cpio entries, each a 110-byte ASCII header, the name (with its
 * NUL; header + name padded to 4), then the data (padded to 4), ended by
 * an entry named TRAILER!!!. Several archives may follow each other with
 * NUL bytes between them.
 *
 * Differs from Linux: the archive is all in memory, so this reads it in
 * place instead of running a byte-at-a-time state machine; no compressed
 * archives; stricter about what it accepts (bad hex digits, a name without
 * its NUL, an entry cut short, a missing trailer are errors where Linux
 * takes them silently); owners and mtimes are not kept (nothing stores
 * them); hard links are real links, as Linux's maybe_link makes them.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/initrd.h>
#include <linux/kernel.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/string.h>

#define CPIO_HDR_LEN 110
#define N_FIELDS 13

enum {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_MAJOR,
	F_MINOR,
	F_RMAJOR,
	F_RMINOR,
	F_NAMESIZE,
	F_CHKSUM
};

struct cpio_entry {
	unsigned long f[N_FIELDS];
	const char *name; // NUL-terminated, inside the archive
	const char *data;
};

// The first name an (ino, dev) of a hard-linked file was unpacked under
// (Linux: struct hash and find_link; a list: archives have few of them).
struct link_name {
	struct link_name *next;
	unsigned long ino, major, minor;
	char name[];
};

static bool parse_hex8(const char *s, unsigned long *v)
{
	*v = 0;
	for (int i = 0; i < 8; i++) {
		int c = (unsigned char)s[i], d = c >= '0' && c <= '9'	? c - '0'
						 : c >= 'a' && c <= 'f' ? c - 'a' + 10
						 : c >= 'A' && c <= 'F' ? c - 'A' + 10
									: -1;
		if (d < 0)
			return false;
		*v = *v << 4 | (unsigned long)d;
	}
	return true;
}

// Reads the entry at buf[*pos]: NULL and *pos past it, or the error.
static const char *parse_entry(const char *buf, unsigned long len, unsigned long *pos,
			       struct cpio_entry *e)
{
	unsigned long at = *pos;
	if (len - at >= 2 && !memcmp(buf + at, "\x1f\x8b", 2))
		return "compressed archive (gzip): not supported";
	if (len - at >= 6 && memcmp(buf + at, "070701", 6) && memcmp(buf + at, "070702", 6))
		return "bad magic (not a newc cpio archive)";
	if (len - at < CPIO_HDR_LEN)
		return "truncated header";
	for (int i = 0; i < N_FIELDS; i++)
		if (!parse_hex8(buf + at + 6 + 8 * i, &e->f[i]))
			return "bad hex digit in header";
	unsigned long namesize = e->f[F_NAMESIZE], size = e->f[F_FILESIZE];
	if (namesize == 0)
		return "empty name";
	if (namesize > PATH_MAX)
		return "name too long";
	at += CPIO_HDR_LEN;
	if (len - at < namesize)
		return "truncated name";
	e->name = buf + at;
	if (e->name[namesize - 1] || strlen(e->name) != namesize - 1)
		return "name not NUL-terminated";
	at = ALIGN(at + namesize, 4UL);
	if (at > len || len - at < size)
		return "truncated file data";
	e->data = buf + at;
	at += size;
	*pos = min(ALIGN(at, 4UL), len);
	return nullptr;
}

// Makes room for an entry of mode at name (Linux: clean_path): what is
// there goes if it is of another type, or (replace) if it is not a
// directory. A directory that is not empty stays, and the entry then fails.
static void clean_path(const char *name, umode_t mode, bool replace)
{
	struct inode *inode;
	if (filename_lookup(AT_FDCWD, name, 0, &inode))
		return;
	bool same = (inode->i_mode & S_IFMT) == (mode & S_IFMT);
	bool dir = S_ISDIR(inode->i_mode);
	iput(inode);
	if (!same || (replace && !dir))
		dir ? do_rmdir(AT_FDCWD, name) : do_unlinkat(AT_FDCWD, name);
}

static const char *write_file(const struct cpio_entry *e)
{
	struct file *f = filp_open(e->name, O_WRONLY | O_CREAT | O_TRUNC, e->f[F_MODE] & 07777);
	if (IS_ERR(f))
		return "cannot create a file";
	loff_t pos = 0;
	long n = e->f[F_FILESIZE] ? kernel_write(f, e->data, e->f[F_FILESIZE], &pos) : 0;
	fput(f);
	return n == (long)e->f[F_FILESIZE] ? nullptr : "out of memory writing a file";
}

// Linux: maybe_link. A second name of a hard-linked file links to the
// first; its data (newc puts it in the last entry) then lands in the same
// inode. true if name was linked.
static bool maybe_link(const struct cpio_entry *e, struct link_name **links, const char **err)
{
	if (e->f[F_NLINK] < 2)
		return false;
	for (struct link_name *l = *links; l; l = l->next) {
		if (l->ino != e->f[F_INO] || l->major != e->f[F_MAJOR] || l->minor != e->f[F_MINOR])
			continue;
		clean_path(e->name, 0, true);
		*err = do_linkat(AT_FDCWD, l->name, AT_FDCWD, e->name, 0) ? "cannot link" : nullptr;
		return true;
	}
	size_t n = strlen(e->name) + 1;
	struct link_name *l = (struct link_name *)kmalloc(sizeof(*l) + n, GFP_KERNEL);
	if (l) {
		*l = {*links, e->f[F_INO], e->f[F_MAJOR], e->f[F_MINOR]};
		memcpy(l->name, e->name, n);
		*links = l;
	}
	return false;
}

static void free_links(struct link_name **links)
{
	while (*links) {
		struct link_name *next = (*links)->next;
		kfree(*links);
		*links = next;
	}
}

// Makes one entry (Linux: do_name, do_copy, do_symlink).
static const char *do_entry(const struct cpio_entry *e, struct link_name **links)
{
	umode_t mode = (umode_t)e->f[F_MODE];
	const char *err = nullptr;
	if (S_ISREG(mode)) {
		bool linked = maybe_link(e, links, &err);
		if (!err && (!linked || e->f[F_FILESIZE])) {
			if (!linked)
				clean_path(e->name, mode, false); // a file is reopened, O_TRUNC
			err = write_file(e);
		}
	} else if (S_ISDIR(mode)) {
		clean_path(e->name, mode, false);
		int r = do_mkdirat(AT_FDCWD, e->name, mode & 07777);
		err = r && r != -EEXIST ? "cannot make a directory" : nullptr;
	} else if (S_ISLNK(mode)) {
		unsigned long n = e->f[F_FILESIZE];
		if (n == 0 || n >= PATH_MAX)
			return "bad symlink target length";
		char *target = (char *)kmalloc(n + 1, GFP_KERNEL);
		if (!target)
			return "out of memory";
		memcpy(target, e->data, n);
		target[n] = '\0';
		clean_path(e->name, mode, true);
		err = do_symlinkat(target, AT_FDCWD, e->name) ? "cannot make a symlink" : nullptr;
		kfree(target);
	} else if (S_ISCHR(mode) || S_ISBLK(mode) || S_ISFIFO(mode) || S_ISSOCK(mode)) {
		clean_path(e->name, mode, true);
		dev_t dev = MKDEV(e->f[F_RMAJOR], e->f[F_RMINOR]);
		err = do_mknodat(AT_FDCWD, e->name, mode, dev) ? "cannot make a device node"
							       : nullptr;
	} else {
		err = "unknown file type";
	}
	return err;
}

const char *unpack_to_rootfs(const char *buf, unsigned long len)
{
	struct link_name *links = nullptr;
	const char *err = nullptr;
	unsigned long pos = 0;
	bool in_archive = false; // an archive started and its trailer not seen
	while (!err && pos < len) {
		if (!in_archive && !buf[pos]) { // padding between archives
			pos++;
			continue;
		}
		if (!in_archive && (pos & 3))
			return "junk between archives";
		struct cpio_entry e;
		err = parse_entry(buf, len, &pos, &e);
		in_archive = true;
		if (!err && !strcmp(e.name, "TRAILER!!!")) {
			in_archive = false;
			free_links(&links); // Linux: free_hash: links are per archive
		} else if (!err) {
			err = do_entry(&e, &links);
		}
	}
	free_links(&links);
	return err ?: in_archive ? "no TRAILER!!! at the end" : nullptr;
}
