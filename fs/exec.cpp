/*
 * DOC: execve (Linux: fs/exec.c, fs/binfmt_elf.c's load_elf_binary)
 *
 * An exec throws away the caller's address space and builds a new one
 * from the program file, in Linux's order:
 *
 *   1. open the file, read and check the ELF headers (elf_parse): a bad
 *      file fails here, and the old program carries on with -ENOEXEC;
 *   2. copy argv and envp into the top of what will be the new stack
 *      (bprm_copy_args: -E2BIG here, still recoverable);
 *   3. the point of no return: a new mm, the old one dropped;
 *   4. each PT_LOAD mapped MAP_PRIVATE from the page cache (text shared
 *      between every process running the file, data copied on write),
 *      the partial page after the data zeroed and the rest of the bss an
 *      anonymous mapping, brk starting above it;
 *   5. the stack VMA (setup_arg_pages: the argument pages plus 128 KiB),
 *      the vDSO, the auxiliary vector (create_elf_tables);
 *   6. registers for the new program: EIP the entry, ESP the argc word.
 *
 * Nothing is read from the file here but the headers: every page arrives
 * at its first fault. Differs from Linux 6.1: ET_EXEC only (no
 * interpreter, no static-pie); no setuid, no binfmt_script (#! files give
 * -ENOEXEC); the stack top is not randomised below the page (Linux's
 * arch_align_stack).
 */
#include <asm/processor.h>
#include <linux/binfmts.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/random.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <uapi/linux/stat.h>

void start_thread(struct pt_regs *regs, unsigned long new_ip, unsigned long new_sp);
int arch_setup_additional_pages(struct mm_struct *mm);
unsigned long vdso_vsyscall_address(struct mm_struct *mm);
unsigned long get_sigframe_size(void);

#define STACK_EXPAND (128 * 1024) // Linux: setup_arg_pages' stack_expand
#define STACK_RND_MASK 0x7ffUL	  // Linux i386: up to 8 MiB of stack randomisation

// Two pages come from kmalloc; a whole file from vmalloc (Linux: kvmalloc).
#define HEAD_BYTES (2 * PAGE_SIZE)
static void *head_alloc(size_t len)
{
	return len <= HEAD_BYTES ? kmalloc(len, GFP_KERNEL) : vmalloc((unsigned long)len);
}
static void head_free(void *buf, size_t len)
{
	if (len <= HEAD_BYTES)
		kfree(buf);
	else
		vfree(buf);
}

// The first len bytes of the file (all of it if len is 0) in a kernel
// buffer, for elf_parse_head: the loader itself maps the file, it never
// reads it. NULL with *err set on failure.
static void *read_file_head(struct file *file, size_t len, size_t *size, int *err, const char **why)
{
	loff_t isize = file_inode(file)->i_size;
	*err = -ENOEXEC;
	if (isize < (loff_t)sizeof(struct elf32_hdr)) {
		*why = "file shorter than the ELF header";
		return nullptr;
	}
	if (isize > (loff_t)64 << 20) { // parse_exec may read it whole
		*why = "file larger than 64 MiB, this kernel's limit for a program";
		return nullptr;
	}
	if (!len || len > (size_t)isize)
		len = (size_t)isize;
	*err = -ENOMEM;
	void *buf = head_alloc(len);
	if (!buf)
		return nullptr;
	loff_t pos = 0;
	long n = kernel_read(file, buf, len, &pos);
	if (n != (long)len) {
		head_free(buf, len);
		*err = n < 0 ? (int)n : -EIO;
		return nullptr;
	}
	*size = (size_t)isize;
	return buf;
}

// Checks the headers from the file's first pages, as Linux reads only
// what it checks; a file whose program headers or PT_INTERP lie further
// on is read whole (Linux: elf_read of each).
static int parse_exec(struct file *file, struct elf_info *info, const char **why)
{
	size_t size;
	int err;
	for (size_t len = HEAD_BYTES;; len = 0) {
		void *image = read_file_head(file, len, &size, &err, why);
		if (!image)
			return err;
		size_t got = len && len < size ? len : size;
		err = elf_parse_head(image, got, size, info, why);
		head_free(image, got);
		if (err != -EAGAIN || !len)
			return err == -EAGAIN ? -ENOEXEC : err;
	}
}

static struct file *open_exec(const char *name)
{
	struct file *file = filp_open(name, O_RDONLY, 0);
	if (IS_ERR(file))
		return file;
	umode_t mode = file_inode(file)->i_mode;
	if (!S_ISREG(mode) || !(mode & 0111)) { // Linux: may_open's MAY_EXEC, do_open_execat
		fput(file);
		return (struct file *)ERR_PTR(-EACCES);
	}
	return file;
}

// PROT_* for a segment's p_flags (Linux: make_prot).
static unsigned long make_prot(u32 p_flags)
{
	return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0) |
	       (p_flags & PF_X ? PROT_EXEC : 0);
}

// Zeroes from elf_bss to the end of its page: the file's bytes there are
// whatever followed .data in the file (Linux: padzero).
static int padzero(unsigned long elf_bss)
{
	unsigned long nbyte = ELF_PAGEOFFSET(elf_bss);
	if (!nbyte)
		return 0;
	return clear_user((void __user *)elf_bss, ELF_MIN_ALIGN - nbyte) ? -EFAULT : 0;
}

// Step 4: the PT_LOADs, the bss and brk (Linux: the PT_LOAD loop of
// load_elf_binary, elf_map, set_brk).
static int map_segments(struct file *file, const struct elf_info *info)
{
	for (int i = 0; i < info->nr_loads; i++) {
		const struct elf_load_seg *s = &info->loads[i];
		if (!s->filesz)
			continue;
		unsigned long off = ELF_PAGEOFFSET(s->vaddr);
		unsigned long addr =
		    vm_mmap(file, ELF_PAGESTART(s->vaddr), s->filesz + off, make_prot(s->flags),
			    MAP_PRIVATE | MAP_FIXED_NOREPLACE, s->offset - off);
		if (IS_ERR_VALUE(addr))
			return (int)addr;
		// Segments with a bss: clear the file's tail of the last page now,
		// before a later segment may map over the rest of that page.
		if (s->memsz > s->filesz && padzero(s->vaddr + s->filesz))
			return -EFAULT;
	}
	unsigned long bss = ELF_PAGEALIGN(info->elf_bss), brk = ELF_PAGEALIGN(info->elf_brk);
	if (brk > bss) {
		int err = vm_brk_flags(bss, brk - bss, info->bss_flags & PF_X ? VM_EXEC : 0);
		if (err)
			return err;
	}
	return 0;
}

// Step 5a: the stack VMA, covering the argument pages and 128 KiB more
// (Linux: setup_arg_pages), filled from the bprm buffer.
static int setup_arg_pages(struct mm_struct *mm, struct linux_binprm *bprm)
{
	unsigned long top = bprm->stack_top;
	unsigned long start = (bprm->p & PAGE_MASK) - STACK_EXPAND;
	unsigned long addr =
	    mmap_region(nullptr, start, top - start, VM_STACK_FLAGS, start >> PAGE_SHIFT);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	mm->start_stack = bprm->p;
	return 0;
}

// Copies what create_elf_tables built into the new stack.
static int copy_stack_image(const struct linux_binprm *bprm)
{
	unsigned long len = bprm->stack_top - bprm->p;
	return copy_to_user((void __user *)bprm->p, bprm_stack_ptr(bprm, bprm->p), len) ? -EFAULT
											: 0;
}

static void fill_aux_values(struct elf_aux_values *av, struct mm_struct *mm)
{
	u32 a, b, c, d;
	cpuid(1, &a, &b, &c, &d);
	memset(av, 0, sizeof(*av));
	av->hwcap = d;
	av->sysinfo_ehdr = mm->vdso_base;
	av->sysinfo = mm->vdso_base ? vdso_vsyscall_address(mm) : 0;
	av->minsigstksz = get_sigframe_size();
	av->platform = "i686";
	for (int i = 0; i < 16; i += 4) {
		u32 r = (u32)get_random_long();
		memcpy(&av->random[i], &r, 4);
	}
}

// The new mm in place of the old (Linux: exec_mmap). The old one goes
// unless a vfork parent still... here vfork copies, so it always goes.
static void exec_mmap(struct mm_struct *mm)
{
	struct mm_struct *old = current->mm;
	current->mm = current->active_mm = mm;
	switch_mm(mm);
	if (old)
		exit_mmap(old);
	vfork_done(current);
}

static void set_comm_from(const char *filename)
{
	const char *base = strrchr(filename, '/');
	strlcpy(current->comm, base ? base + 1 : filename, TASK_COMM_LEN);
}

// Steps 3-6, past the point of no return: a failure kills the task.
static int load_elf_binary(struct file *file, const struct elf_info *info,
			   struct linux_binprm *bprm)
{
	struct mm_struct *mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	current->flags &= ~(PF_KTHREAD | PF_FORKNOEXEC); // pid 1 stops being a kernel thread here
	if (randomize_va_space)
		current->flags |= PF_RANDOMIZE;
	else
		current->flags &= ~PF_RANDOMIZE;
	arch_pick_mmap_layout(mm, &bprm->rlim_stack);
	mm->exe_file = get_file(file); // Linux: set_mm_exe_file
	exec_mmap(mm);
	flush_signal_handlers(current);
	if (current->files)
		do_close_on_exec(current->files);
	set_comm_from(bprm->filename);
	int err = map_segments(file, info);
	mm->start_code = info->start_code;
	mm->end_code = info->end_code;
	mm->start_data = info->start_data;
	mm->end_data = info->end_data;
	mm->start_brk = mm->brk = ELF_PAGEALIGN(info->elf_brk);
	if (!err && (current->flags & PF_RANDOMIZE) && randomize_va_space > 1)
		mm->start_brk = mm->brk = arch_randomize_brk(mm);
	if (!err)
		err = setup_arg_pages(mm, bprm);
	if (!err)
		err = arch_setup_additional_pages(mm);
	struct elf_aux_values av;
	fill_aux_values(&av, mm);
	if (!err)
		err = create_elf_tables(bprm, info, &av);
	if (!err)
		err = copy_stack_image(bprm);
	if (err)
		return err;
	mm->arg_start = bprm->arg_start;
	mm->arg_end = bprm->arg_end;
	mm->env_start = bprm->env_start;
	mm->env_end = bprm->env_end;
	start_thread(task_pt_regs(current), info->e_entry, bprm->p);
	return 0;
}

// The bytes the arguments need on the stack, for the bprm buffer's size.
static unsigned long args_size(const char *filename, const char *const *argv,
			       const char *const *envp)
{
	unsigned long n = strlen(filename) + 1 + 2 * PAGE_SIZE; // tables, platform, random
	for (int i = 0; argv && argv[i]; i++)
		n += strlen(argv[i]) + 1 + sizeof(u32);
	for (int i = 0; envp && envp[i]; i++)
		n += strlen(envp[i]) + 1 + sizeof(u32);
	return PAGE_ALIGN(n);
}

// Linux: do_execveat_common, with kernel copies of the strings.
int do_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	struct file *file = open_exec(filename);
	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	int err;
	{
		struct elf_info *info = (struct elf_info *)kmalloc(sizeof(*info), GFP_KERNEL);
		const char *why = nullptr;
		err = info ? parse_exec(file, info, &why) : -ENOMEM;
		if (err) {
			if (why && err == -ENOEXEC)
				pr_info("%s[%d]: exec %s: %s\n", current->comm, current->pid,
					filename, why);
			kfree(info);
			goto out_file;
		}
		unsigned long stack_size = args_size(filename, argv, envp);
		u8 *stack = stack_size <= 8 * 1024 * 1024 ? (u8 *)vmalloc(stack_size) : nullptr;
		struct linux_binprm bprm;
		err = -E2BIG;
		if (stack) {
			unsigned long top = STACK_TOP;
			bprm_stack_init(&bprm, stack, stack_size, top);
			bprm.rlim_stack = current->rlim[RLIMIT_STACK];
			err = bprm_copy_args(&bprm, filename, argv, envp);
			if (!err && randomize_va_space)
				err = bprm_stack_shift(
				    &bprm,
				    top - ((get_random_long() & STACK_RND_MASK) << PAGE_SHIFT));
			if (!err) {
				err = load_elf_binary(file, info, &bprm);
				if (err) { // past the point of no return (Linux: force_fatal_sig)
					vfree(stack);
					kfree(info);
					fput(file);
					pr_info("%s[%d]: exec failed after the old image was gone: "
						"%d\n",
						current->comm, current->pid, err);
					do_exit(SIGSEGV);
				}
			}
			vfree(stack);
		}
		kfree(info);
	}
out_file:
	fput(file); // the VMAs hold their own references
	return err;
}

int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	return do_execve(filename, argv, envp);
}

// Copies a user string array (argv or envp) into one kernel block: the
// pointer array, NULL-ended, then the strings. -EFAULT, -E2BIG, -ENOMEM.
static int copy_user_strings(const char __user *const __user *uarr, char ***out, void **block)
{
	*out = nullptr;
	*block = nullptr;
	if (!uarr)
		return 0; // Linux: a NULL argv or envp is an empty one
	unsigned long count = 0, bytes = 0;
	for (;; count++) {
		u32 p;
		if (get_user(p, (const u32 __user *)uarr + count))
			return -EFAULT;
		if (!p)
			break;
		long len = strnlen_user((const char __user *)(unsigned long)p, MAX_ARG_STRLEN);
		if (!len)
			return -EFAULT;
		if (len > (long)MAX_ARG_STRLEN)
			return -E2BIG;
		bytes += (unsigned long)len;
		if (count >= 0x7fffffff / sizeof(void *) || bytes > 6 * 1024 * 1024)
			return -E2BIG; // Linux's limit is 3/4 of _STK_LIM at most
	}
	char *mem = (char *)vmalloc((count + 1) * sizeof(char *) + bytes + 1);
	if (!mem)
		return -ENOMEM;
	char **arr = (char **)mem;
	char *strings = mem + (count + 1) * sizeof(char *);
	for (unsigned long i = 0; i < count; i++) {
		u32 p;
		if (get_user(p, (const u32 __user *)uarr + i)) {
			vfree(mem);
			return -EFAULT;
		}
		long len = strncpy_from_user(strings, (const char __user *)(unsigned long)p,
					     MAX_ARG_STRLEN);
		if (len < 0 || len >= (long)MAX_ARG_STRLEN) {
			vfree(mem);
			return len < 0 ? -EFAULT : -E2BIG;
		}
		arr[i] = strings;
		strings += len + 1;
	}
	arr[count] = nullptr;
	*out = arr;
	*block = mem;
	return 0;
}

long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	char name[PATH_MAX];
	long len = strncpy_from_user(name, filename, sizeof(name));
	if (len < 0)
		return len;
	if (len == sizeof(name))
		return -ENAMETOOLONG;
	if (!len)
		return -ENOENT;
	char **kargv, **kenvp;
	void *ablock, *eblock;
	int err = copy_user_strings(argv, &kargv, &ablock);
	if (err)
		return err;
	err = copy_user_strings(envp, &kenvp, &eblock);
	if (!err) {
		static const char *const empty[] = {nullptr};
		err = do_execve(name, kargv ? kargv : empty, kenvp ? kenvp : empty);
	}
	vfree(ablock);
	vfree(eblock);
	return err;
}
