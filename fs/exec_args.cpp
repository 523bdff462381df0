/*
 * DOC: the strings of a new program (Linux: fs/exec.c, do_execveat_common,
 * bprm_stack_limits, copy_strings, setup_arg_pages).
 *
 * execve() copies the filename, the environment and the arguments to the top
 * of the new stack before the old program is gone, so that a failure (E2BIG)
 * can still be returned to it. They are copied from the end, each string
 * below the one before, starting one pointer below the top:
 *
 *   stack_top   -> +--------------------------+ 0xC0000000
 *                  | 4 zero bytes             | (Linux: vm_end - sizeof(void *))
 *   bprm->exec  -> | filename\0               | AT_EXECFN points here
 *                  | envp[envc-1]\0 ...       |
 *                  | envp[0]\0                | env_start
 *                  | argv[argc-1]\0 ...       |
 *   bprm->p     -> | argv[0]\0                | arg_start
 *                  +--------------------------+
 *                  create_elf_tables() continues below (fs/binfmt_elf.cpp)
 *
 * The bytes are built in a kernel buffer standing for the top of the stack;
 * the caller copies it to the user stack once the new mm exists.
 *
 * Differs from Linux 6.1: the strings come from kernel arrays (the caller has
 * copied them from the old program); the buffer also bounds them (E2BIG when
 * full); the E2BIG arithmetic cannot overflow (Linux added those checks in
 * 6.11: pathological argc/envc and bprm->p < limit).
 */
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

/*
 * bprm_stack_init - an empty new stack of @size bytes below @stack_top
 * Linux: __bprm_mm_init(), which makes a one-page VMA ending at STACK_TOP_MAX
 * and leaves one pointer's worth of zeros at the very top.
 */
void bprm_stack_init(struct linux_binprm *bprm, u8 *buf, unsigned long size,
		     unsigned long stack_top)
{
	memset(bprm, 0, sizeof(*bprm));
	memset(buf, 0, size);
	bprm->stack_buf = buf;
	bprm->stack_size = size;
	bprm->stack_top = stack_top;
	bprm->p = stack_top - ELF_PTR_SIZE;
	bprm->rlim_stack.rlim_cur = _STK_LIM;
	bprm->rlim_stack.rlim_max = RLIM_INFINITY;
}

// [addr, addr + len) lies inside the buffer.
bool bprm_stack_has(const struct linux_binprm *bprm, unsigned long addr, unsigned long len)
{
	unsigned long bottom = bprm->stack_top - bprm->stack_size;

	return addr >= bottom && addr <= bprm->stack_top && len <= bprm->stack_top - addr;
}

// The buffer byte that will appear at user address @addr.
u8 *bprm_stack_ptr(const struct linux_binprm *bprm, unsigned long addr)
{
	return bprm->stack_buf + (addr - (bprm->stack_top - bprm->stack_size));
}

// Linux: count_strings_kernel(); a NULL array counts as empty.
int count_strings_kernel(const char *const *argv)
{
	int i;

	if (!argv)
		return 0;
	for (i = 0; argv[i]; i++)
		if (i >= MAX_ARG_STRINGS)
			return -E2BIG;
	return i;
}

/*
 * bprm_stack_limits - how far down the strings may go
 *
 * The strings and the argv/envp pointers together get a quarter of
 * RLIMIT_STACK, at most 3/4 of _STK_LIM (6 MiB) and at least ARG_MAX
 * (128 KiB). An empty argv is counted as one pointer: do_execveat_common adds
 * "" as argv[0]. Return: 0 with bprm->argmin set, or -E2BIG.
 * Linux: bprm_stack_limits() in 6.1.
 */
int bprm_stack_limits(struct linux_binprm *bprm)
{
	unsigned long limit, ptrs;

	limit = _STK_LIM / 4 * 3;
	limit = min(limit, bprm->rlim_stack.rlim_cur / 4);
	limit = max(limit, (unsigned long)ARG_MAX);

	if (bprm->argc < 0 || bprm->envc < 0)
		return -E2BIG;
	ptrs = (unsigned long)max(bprm->argc, 1) + (unsigned long)bprm->envc;
	if (ptrs > limit / ELF_PTR_SIZE) // ptrs * ELF_PTR_SIZE would not fit
		return -E2BIG;
	if (limit <= ptrs * ELF_PTR_SIZE)
		return -E2BIG;
	limit -= ptrs * ELF_PTR_SIZE;
	if (bprm->p < limit)
		return -E2BIG;
	bprm->argmin = bprm->p - limit;
	return 0;
}

/*
 * copy_string_kernel - copy one string (with its NUL) just below bprm->p
 * Return: 0, or -E2BIG when it is longer than MAX_ARG_STRLEN, goes below
 * bprm->argmin or does not fit in the buffer.
 * Linux: copy_string_kernel(); copy_strings() does the same for user strings.
 */
int copy_string_kernel(const char *arg, struct linux_binprm *bprm)
{
	unsigned long len = strnlen(arg, MAX_ARG_STRLEN) + 1;

	if (len > MAX_ARG_STRLEN)
		return -E2BIG;
	if (bprm->p < len || bprm->p - len < bprm->argmin)
		return -E2BIG;
	if (!bprm_stack_has(bprm, bprm->p - len, len))
		return -E2BIG;
	bprm->p -= len;
	memcpy(bprm_stack_ptr(bprm, bprm->p), arg, len);
	return 0;
}

// The last string first, so that argv[0] ends up lowest. Linux: the same.
int copy_strings_kernel(int argc, const char *const *argv, struct linux_binprm *bprm)
{
	while (argc-- > 0) {
		int ret = copy_string_kernel(argv[argc], bprm);

		if (ret < 0)
			return ret;
	}
	return 0;
}

/*
 * bprm_copy_args - execve's copying, in Linux's order
 * @filename: the path execve was given: copied first, for AT_EXECFN
 * @argv, @envp: NULL-terminated arrays (NULL: empty)
 *
 * Counts, checks the limits, copies filename, envp, argv; an empty argv gets
 * "" as argv[0] so that no program mistakes envp[0] for argv[1].
 * Return: 0, or -E2BIG. Linux: the middle of do_execveat_common().
 */
int bprm_copy_args(struct linux_binprm *bprm, const char *filename, const char *const *argv,
		   const char *const *envp)
{
	int ret;

	bprm->filename = filename;
	bprm->argc = count_strings_kernel(argv);
	if (bprm->argc < 0)
		return bprm->argc;
	bprm->envc = count_strings_kernel(envp);
	if (bprm->envc < 0)
		return bprm->envc;
	ret = bprm_stack_limits(bprm);
	if (!ret)
		ret = copy_string_kernel(filename, bprm);
	if (ret)
		return ret;
	bprm->exec = bprm->p;
	ret = copy_strings_kernel(bprm->envc, envp, bprm);
	if (!ret)
		ret = copy_strings_kernel(bprm->argc, argv, bprm);
	if (!ret && bprm->argc == 0) {
		ret = copy_string_kernel("", bprm);
		bprm->argc = 1;
	}
	return ret;
}

/*
 * bprm_stack_shift - move the finished strings to end at @new_top
 *
 * Linux builds the strings below STACK_TOP_MAX and setup_arg_pages() moves
 * them down to the (randomised) stack top by stack_shift = old top - new top.
 * On i386 STACK_TOP_MAX is STACK_TOP, so without randomisation the shift is
 * 0. Here the bytes stay where they are in the buffer; only the addresses
 * move. @new_top is rounded as setup_arg_pages() rounds it (16 bytes, then a
 * page). Return: 0, or -EINVAL if it would move the stack up.
 */
int bprm_stack_shift(struct linux_binprm *bprm, unsigned long new_top)
{
	unsigned long shift;

	new_top = ELF_PAGEALIGN(new_top & ~15UL);
	if (new_top > bprm->stack_top || new_top < bprm->stack_size)
		return -EINVAL;
	shift = bprm->stack_top - new_top;
	bprm->stack_top = new_top;
	bprm->p -= shift;
	bprm->argmin -= min(shift, bprm->argmin);
	bprm->exec -= shift;
	return 0;
}
