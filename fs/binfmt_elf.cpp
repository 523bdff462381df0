/*
 * DOC: the ELF loader's pure half (Linux: fs/binfmt_elf.c).
 *
 * elf_parse() decides whether a file is a program this kernel can run and
 * says what to map; create_elf_tables() lays out the rest of the new stack.
 * Both work on kernel memory only, so the host tests run them on synthetic
 * and real executables. load_elf_binary() (the caller) maps info->loads,
 * sets up brk at info->start_brk, copies the stack image and starts the
 * program at info->e_entry.
 *
 * elf_parse checks in Linux's order where Linux checks, every failure
 * -ENOEXEC with a short reason:
 *   1. the ELF header: magic, class, byte order, e_type, e_machine, version
 *   2. the program headers (load_elf_phdrs): e_phentsize, 1..128 of them,
 *      inside the file
 *   3. PT_INTERP: a dynamically linked program; Linux would load ld.so, we
 *      refuse (and refuse ET_DYN: static-pie needs relocation at a bias)
 *   4. PT_GNU_STACK: the stack's PF_X
 *   5. each PT_LOAD as load_elf_binary's mapping loop checks it, plus the
 *      file bounds and ordering a kernel without SIGBUS-on-EOF needs
 *   6. the entry point inside an executable PT_LOAD's file bytes
 *
 * Differs from Linux 6.1: Linux finds a bad PT_LOAD only after the point of
 * no return (the process gets SIGSEGV, not -ENOEXEC) and lets mappings past
 * EOF, unsorted or overlapping segments and a wild entry point through to
 * fault later; this kernel rejects them before anything is torn down.
 * Linux's i386 loader also never reads EI_CLASS or EI_DATA, starts an entry
 * in a readable PT_LOAD without PF_X (2-level paging has no NX bit) and
 * lets root (CAP_SYS_RAWIO) map page 0; this kernel refuses all three.
 * user/badelf.c runs each case on both kernels. No ET_DYN, no interpreter,
 * no PT_GNU_PROPERTY (x86 ignores it in 6.1 too).
 */
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm_space.h>
#include <linux/sprintf.h>
#include <linux/string.h>

static int elf_fail(const char **why, const char *reason)
{
	*why = reason;
	return -ENOEXEC;
}

// Linux: the "simple consistency checks" at the top of load_elf_binary().
static int elf_check_header(const struct elfhdr *ex, size_t file_size, const char **why)
{
	if (file_size < SELFMAG || memcmp(ex->e_ident, ELFMAG, SELFMAG))
		return elf_fail(why, "bad magic");
	if (file_size < sizeof(*ex))
		return elf_fail(why, "file shorter than the ELF header");
	if (ex->e_ident[EI_CLASS] != ELF_CLASS)
		return elf_fail(why, "not ELFCLASS32");
	if (ex->e_ident[EI_DATA] != ELF_DATA)
		return elf_fail(why, "not little-endian (ELFDATA2LSB)");
	if (ex->e_type != ET_EXEC && ex->e_type != ET_DYN)
		return elf_fail(why, "not an executable (ET_EXEC)");
	if (!elf_check_arch(ex))
		return elf_fail(why, "not EM_386");
	if (ex->e_ident[EI_VERSION] != EV_CURRENT || ex->e_version != EV_CURRENT)
		return elf_fail(why, "not EV_CURRENT");
	return 0;
}

// Linux: load_elf_phdrs(); at most a page of them, so e_phnum <= 128.
static int elf_check_phdrs(const struct elfhdr *ex, size_t file_size, const char **why)
{
	unsigned long size = (unsigned long)ex->e_phnum * sizeof(struct elf_phdr);

	if (ex->e_phentsize != sizeof(struct elf_phdr))
		return elf_fail(why, "e_phentsize != 32");
	if (size == 0)
		return elf_fail(why, "no program headers");
	if (size > 65536 || size > ELF_MIN_ALIGN)
		return elf_fail(why, "too many program headers");
	if ((u64)ex->e_phoff + size > file_size)
		return elf_fail(why, "program headers outside the file");
	return 0;
}

static struct elf_phdr elf_phdr_at(const u8 *image, const struct elfhdr *ex, unsigned int i)
{
	struct elf_phdr ph;

	memcpy(&ph, image + ex->e_phoff + i * sizeof(ph), sizeof(ph));
	return ph;
}

/*
 * A PT_INTERP is read as Linux reads it (2..PATH_MAX bytes, inside the file,
 * NUL-terminated) so that the reason can name the interpreter.
 */
static int elf_check_interp(const u8 *image, size_t file_size, const struct elf_phdr *ph,
			    struct elf_info *info, const char **why)
{
	const char *path = (const char *)image + ph->p_offset;

	if (ph->p_filesz > PATH_MAX || ph->p_filesz < 2)
		return elf_fail(why, "PT_INTERP: bad size");
	if ((u64)ph->p_offset + ph->p_filesz > file_size)
		return elf_fail(why, "PT_INTERP: outside the file");
	if ((u64)ph->p_offset + ph->p_filesz > info->image_len)
		return -EAGAIN; // in the file, past the bytes read: read them
	if (path[ph->p_filesz - 1] != '\0')
		return elf_fail(why, "PT_INTERP: not NUL-terminated");
	snprintf(info->why_buf, sizeof(info->why_buf),
		 "PT_INTERP: dynamically linked (interpreter %s); build with -static", path);
	return elf_fail(why, info->why_buf);
}

// Step 3 and 4: the loops before begin_new_exec() in load_elf_binary().
static int elf_scan_phdrs(const u8 *image, size_t file_size, const struct elfhdr *ex,
			  struct elf_info *info, const char **why)
{
	for (unsigned int i = 0; i < ex->e_phnum; i++) {
		struct elf_phdr ph = elf_phdr_at(image, ex, i);

		if (ph.p_type == PT_INTERP)
			return elf_check_interp(image, file_size, &ph, info, why);
	}
	if (ex->e_type == ET_DYN)
		return elf_fail(why, "ET_DYN is not supported (static-pie); link with -static");
	info->executable_stack = EXSTACK_DEFAULT;
	for (unsigned int i = 0; i < ex->e_phnum; i++) {
		struct elf_phdr ph = elf_phdr_at(image, ex, i);

		if (ph.p_type == PT_GNU_STACK)
			info->executable_stack =
			    (ph.p_flags & PF_X) ? EXSTACK_ENABLE_X : EXSTACK_DISABLE_X;
		else if (ph.p_type == PT_PHDR)
			info->pt_phdr = ph.p_vaddr;
	}
	return 0;
}

/*
 * One PT_LOAD, in the order Linux meets the problems: vm_mmap() refuses an
 * offset that is not page aligned with the address and a range past
 * TASK_SIZE, then load_elf_binary() tests p_filesz against p_memsz and the
 * whole memory range. The file bounds and page 0 are this kernel's own.
 */
static int elf_check_load(const struct elf_phdr *ph, size_t file_size, const char **why)
{
	unsigned long vaddr = ph->p_vaddr;

	// elf_map() maps nothing (and checks nothing) when this is 0
	if (ph->p_filesz + ELF_PAGEOFFSET(vaddr) &&
	    ELF_PAGEOFFSET(ph->p_offset) != ELF_PAGEOFFSET(vaddr))
		return elf_fail(why, "p_offset and p_vaddr disagree modulo the page size");
	if (ph->p_filesz && (u64)ph->p_offset + ph->p_filesz > file_size)
		return elf_fail(why, "segment outside the file");
	if (vaddr >= TASK_SIZE || ph->p_filesz > TASK_SIZE - vaddr)
		return elf_fail(why, "segment in kernel space");
	if (ph->p_filesz > ph->p_memsz)
		return elf_fail(why, "p_filesz > p_memsz");
	if (ph->p_memsz > TASK_SIZE || TASK_SIZE - ph->p_memsz < vaddr)
		return elf_fail(why, "segment in kernel space");
	if (ph->p_memsz && ELF_PAGESTART(vaddr) < ELF_MMAP_MIN_ADDR)
		return elf_fail(why, "segment below mmap_min_addr (page 0)");
	return 0;
}

/*
 * Record a checked PT_LOAD and fold it into the mm figures exactly as
 * load_elf_binary()'s loop does (with load_bias 0): start_data is the
 * highest p_vaddr of any PT_LOAD, not of a writable one; the bss starts at
 * the highest file end.
 */
static void elf_add_load(const struct elfhdr *ex, const struct elf_phdr *ph, struct elf_info *info)
{
	struct elf_load_seg *seg = &info->loads[info->nr_loads++];
	unsigned long k = ph->p_vaddr;

	*seg = {ph->p_vaddr, ph->p_memsz, ph->p_offset, ph->p_filesz, ph->p_flags};
	if (ph->p_offset <= ex->e_phoff && ex->e_phoff < (u64)ph->p_offset + ph->p_filesz)
		info->phdr_addr = ex->e_phoff - ph->p_offset + ph->p_vaddr;
	if ((ph->p_flags & PF_X) && k < info->start_code)
		info->start_code = k;
	if (info->start_data < k)
		info->start_data = k;
	k = ph->p_vaddr + ph->p_filesz;
	if (k > info->elf_bss)
		info->elf_bss = k;
	if ((ph->p_flags & PF_X) && info->end_code < k)
		info->end_code = k;
	if (info->end_data < k)
		info->end_data = k;
	k = ph->p_vaddr + ph->p_memsz;
	if (k > info->elf_brk) {
		info->bss_flags = ph->p_flags;
		info->elf_brk = k;
	}
}

// Step 5: every PT_LOAD, in ascending p_vaddr and not overlapping.
static int elf_scan_loads(const u8 *image, size_t file_size, const struct elfhdr *ex,
			  struct elf_info *info, const char **why)
{
	unsigned long prev_end = 0;

	info->start_code = ~0UL;
	for (unsigned int i = 0; i < ex->e_phnum; i++) {
		struct elf_phdr ph = elf_phdr_at(image, ex, i);
		int ret;

		if (ph.p_type != PT_LOAD)
			continue;
		ret = elf_check_load(&ph, file_size, why);
		if (ret)
			return ret;
		if (ph.p_vaddr < prev_end)
			return elf_fail(why, "PT_LOAD segments overlap or are not sorted");
		if (info->nr_loads == ELF_MAX_LOADS)
			return elf_fail(why, "too many PT_LOAD segments");
		elf_add_load(ex, &ph, info);
		prev_end = ph.p_vaddr + ph.p_memsz;
	}
	if (!info->nr_loads)
		return elf_fail(why, "no PT_LOAD segment");
	info->start_brk = ELF_PAGEALIGN(info->elf_brk);
	return 0;
}

// Step 6: the first instruction must come from the file and be executable.
static bool elf_entry_ok(const struct elf_info *info)
{
	for (int i = 0; i < info->nr_loads; i++) {
		const struct elf_load_seg *seg = &info->loads[i];

		if ((seg->flags & PF_X) && info->e_entry >= seg->vaddr &&
		    info->e_entry - seg->vaddr < seg->filesz)
			return true;
	}
	return false;
}

/*
 * elf_parse - check an i386 executable and describe its loading
 * @image: the whole file, @file_size bytes (no alignment needed)
 * @info: filled in on success; undefined on failure
 * @why: on failure, a short reason for the user (lives in static storage or
 *       in @info->why_buf)
 *
 * Return: 0, or -ENOEXEC. Linux: the checking half of load_elf_binary().
 */
int elf_parse(const void *image, size_t file_size, struct elf_info *info, const char **why)
{
	return elf_parse_head(image, file_size, file_size, info, why);
}

/*
 * elf_parse_head - elf_parse() on the first @image_len bytes of a file of
 * @file_size bytes, as Linux reads only the header and the program headers
 * (elf_read) instead of the whole file.
 *
 * Return: as elf_parse(), or -EAGAIN if the verdict needs bytes past
 * @image_len (the program headers or PT_INTERP lie further on).
 */
int elf_parse_head(const void *image, size_t image_len, size_t file_size, struct elf_info *info,
		   const char **why)
{
	const u8 *bytes = (const u8 *)image;
	struct elfhdr ex = {};
	int ret;

	memset(info, 0, sizeof(*info));
	info->image_len = image_len;
	if (image_len < min(file_size, sizeof(ex)))
		return -EAGAIN;
	if (image_len)
		memcpy(&ex, bytes, min(image_len, sizeof(ex)));
	ret = elf_check_header(&ex, file_size, why);
	if (!ret)
		ret = elf_check_phdrs(&ex, file_size, why);
	if (!ret && (u64)ex.e_phoff + (u64)ex.e_phnum * sizeof(struct elf_phdr) > image_len)
		return -EAGAIN;
	if (!ret)
		ret = elf_scan_phdrs(bytes, file_size, &ex, info, why);
	if (!ret)
		ret = elf_scan_loads(bytes, file_size, &ex, info, why);
	if (ret)
		return ret;
	info->e_entry = ex.e_entry;
	info->phnum = ex.e_phnum;
	info->phent = sizeof(struct elf_phdr);
	if (!elf_entry_ok(info))
		return elf_fail(why, "entry outside every executable PT_LOAD");
	*why = nullptr;
	return 0;
}

/*
 * DOC: the new program's stack, as Linux 6.1 leaves it on i386.
 *
 * Below the strings (fs/exec_args.cpp), create_elf_tables() adds, from the
 * top down (addresses for argv {"/bin/hello"}, envp {"HOME=/",
 * "TERM=linux"}, filename "/bin/hello", a vDSO, no randomisation):
 *
 *   0xc0000000  stack_top
 *   0xbffffffc  4 zero bytes
 *   0xbffffff1  "/bin/hello"            bprm->exec, AT_EXECFN
 *   0xbfffffe6  "TERM=linux"
 *   0xbfffffdf  "HOME=/"                env_start (= arg_end); env_end 0xbffffff1
 *   0xbfffffd4  "/bin/hello"            arg_start
 *   0xbfffffd0  p rounded down to 16    (arch_align_stack)
 *   0xbfffffcb  "i686"                  AT_PLATFORM
 *   0xbfffffbb  16 random bytes         AT_RANDOM
 *   0xbfffffb8  0..15 bytes of padding  (STACK_ROUND below)
 *   0xbfffff08  auxv: 22 (key, value) pairs, the last AT_NULL
 *   0xbfffff04  NULL
 *   0xbffffefc  envp[0], envp[1]
 *   0xbffffef8  NULL
 *   0xbffffef4  argv[0]
 *   0xbffffef0  argc = 1                sp: (the auxv's would-be start - 6
 *                                       words) rounded down to 16
 *
 * The auxv order is i386's ARCH_DLINFO first (AT_SYSINFO and
 * AT_SYSINFO_EHDR if there is a vDSO, AT_MINSIGSTKSZ), then the generic
 * ones: HWCAP PAGESZ CLKTCK PHDR PHENT PHNUM BASE FLAGS ENTRY UID EUID GID
 * EGID SECURE RANDOM HWCAP2 EXECFN PLATFORM, then AT_NULL.
 */

static int stack_put(struct linux_binprm *bprm, unsigned long addr, elf_addr_t val)
{
	if (!bprm_stack_has(bprm, addr, sizeof(val)))
		return -EFAULT;
	memcpy(bprm_stack_ptr(bprm, addr), &val, sizeof(val));
	return 0;
}

// Linux: STACK_ALLOC() and the __copy_to_user() after it.
static int stack_alloc(struct linux_binprm *bprm, unsigned long *p, const void *src,
		       unsigned long len)
{
	if (*p < len || !bprm_stack_has(bprm, *p - len, len))
		return -EFAULT;
	*p -= len;
	memcpy(bprm_stack_ptr(bprm, *p), src, len);
	return 0;
}

// The auxv words, AT_NULL included; returns how many (Linux: ei_index).
static int elf_fill_auxv(elf_addr_t *v, const struct linux_binprm *bprm,
			 const struct elf_info *info, const struct elf_aux_values *av,
			 unsigned long u_platform, unsigned long u_rand_bytes)
{
	int n = 0;
	auto ent = [&](unsigned long id, unsigned long val) {
		v[n++] = (elf_addr_t)id;
		v[n++] = (elf_addr_t)val;
	};

	if (av->sysinfo_ehdr) { // ARCH_DLINFO_IA32: VDSO_CURRENT_BASE != 0
		ent(AT_SYSINFO, av->sysinfo);
		ent(AT_SYSINFO_EHDR, av->sysinfo_ehdr);
	}
	ent(AT_MINSIGSTKSZ, av->minsigstksz);
	ent(AT_HWCAP, av->hwcap);
	ent(AT_PAGESZ, ELF_EXEC_PAGESIZE);
	ent(AT_CLKTCK, USER_HZ);
	ent(AT_PHDR, info->phdr_addr);
	ent(AT_PHENT, sizeof(struct elf_phdr));
	ent(AT_PHNUM, info->phnum);
	ent(AT_BASE, 0); // no interpreter
	ent(AT_FLAGS, 0);
	ent(AT_ENTRY, info->e_entry);
	ent(AT_UID, av->uid);
	ent(AT_EUID, av->euid);
	ent(AT_GID, av->gid);
	ent(AT_EGID, av->egid);
	ent(AT_SECURE, av->secure);
	ent(AT_RANDOM, u_rand_bytes);
	ent(AT_HWCAP2, av->hwcap2); // x86 defines ELF_HWCAP2
	ent(AT_EXECFN, bprm->exec);
	if (av->platform)
		ent(AT_PLATFORM, u_platform);
	ent(AT_NULL, 0);
	return n;
}

/*
 * Write the pointers to @count strings starting at *p; *p ends after the
 * last. Linux walks the strings with strnlen_user() the same way.
 */
static int stack_put_strings(struct linux_binprm *bprm, unsigned long *sp, unsigned long *p,
			     int count)
{
	while (count-- > 0) {
		unsigned long room = bprm->stack_top - *p;
		unsigned long len;

		if (stack_put(bprm, *sp, (elf_addr_t)*p))
			return -EFAULT;
		*sp += sizeof(elf_addr_t);
		len = strnlen((const char *)bprm_stack_ptr(bprm, *p), min(room, MAX_ARG_STRLEN));
		if (len == room || len >= MAX_ARG_STRLEN)
			return -EINVAL;
		*p += len + 1;
	}
	if (stack_put(bprm, *sp, 0))
		return -EFAULT;
	*sp += sizeof(elf_addr_t);
	return 0;
}

// argc, argv[], NULL, envp[], NULL at bprm->p; sets the /proc figures.
static int elf_put_vectors(struct linux_binprm *bprm)
{
	unsigned long sp = bprm->p, p = bprm->arg_start;
	int ret;

	if (stack_put(bprm, sp, (elf_addr_t)bprm->argc))
		return -EFAULT;
	sp += sizeof(elf_addr_t);
	ret = stack_put_strings(bprm, &sp, &p, bprm->argc);
	if (ret)
		return ret;
	bprm->arg_end = bprm->env_start = p;
	ret = stack_put_strings(bprm, &sp, &p, bprm->envc);
	if (ret)
		return ret;
	bprm->env_end = p;
	return 0;
}

/*
 * create_elf_tables - finish the new stack below the strings
 * @bprm: after bprm_copy_args() (and bprm_stack_shift(), if randomising)
 * @info: from elf_parse()
 * @av: the values only the caller knows (CPU, credentials, vDSO, random)
 *
 * Return: 0 with bprm->p (= start_stack) the new %esp, 16-byte aligned, and
 * arg_start..env_end, saved_auxv set; -EFAULT if the buffer is too small,
 * -EINVAL if a string was lost. Linux: create_elf_tables(), after
 * setup_arg_pages() has set mm->arg_start = bprm->p.
 */
int create_elf_tables(struct linux_binprm *bprm, const struct elf_info *info,
		      const struct elf_aux_values *av)
{
	unsigned long p, u_platform = 0, u_rand_bytes, sp;
	int ei_index, items, ret;

	bprm->arg_start = bprm->p;
	p = bprm->p & ~15UL; // arch_align_stack() without randomisation
	if (av->platform) {
		if (stack_alloc(bprm, &p, av->platform, strlen(av->platform) + 1))
			return -EFAULT;
		u_platform = p;
	}
	if (stack_alloc(bprm, &p, av->random, sizeof(av->random)))
		return -EFAULT;
	u_rand_bytes = p;

	memset(bprm->saved_auxv, 0, sizeof(bprm->saved_auxv));
	ei_index = elf_fill_auxv(bprm->saved_auxv, bprm, info, av, u_platform, u_rand_bytes);
	sp = p - ei_index * sizeof(elf_addr_t); // STACK_ADD()
	items = (bprm->argc + 1) + (bprm->envc + 1) + 1;
	bprm->p = (sp - items * sizeof(elf_addr_t)) & ~15UL; // STACK_ROUND()
	if (!bprm_stack_has(bprm, bprm->p, p - bprm->p))
		return -EFAULT;

	ret = elf_put_vectors(bprm);
	if (ret)
		return ret;
	sp = bprm->p + items * sizeof(elf_addr_t);
	memcpy(bprm_stack_ptr(bprm, sp), bprm->saved_auxv, ei_index * sizeof(elf_addr_t));
	bprm->start_stack = bprm->p;
	return 0;
}
