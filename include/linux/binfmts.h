#pragma once
/*
 * An exec in progress (Linux: include/linux/binfmts.h, struct linux_binprm),
 * and the ELF loader's pure half (fs/binfmt_elf.cpp, fs/exec_args.cpp).
 *
 * The loader is split where the hardware starts. Everything here works on
 * bytes in kernel memory and can be tested on the host: elf_parse() checks
 * an executable and says what to map; the argument functions and
 * create_elf_tables() build the byte image of the top of the new stack in a
 * kernel buffer. The caller (load_elf_binary) maps the segments, copies that
 * image to the top of the user stack and enters ring 3 at e_entry with
 * %esp = bprm->p.
 *
 * Differs from Linux 6.1: the stack is built in a buffer, not in the new
 * mm's pages (Linux's bprm->vma); no binfmt_misc or script handlers; only
 * statically linked ET_EXEC programs.
 */
#include <asm/page_types.h>
#include <linux/auxvec.h>
#include <linux/elf.h>
#include <linux/mm_space.h>
#include <linux/sched.h>
#include <linux/types.h>

#define BINPRM_BUF_SIZE 256		// Linux reads this much of the file first
#define MAX_ARG_STRLEN (PAGE_SIZE * 32) // one argv/envp string, its NUL included
#define MAX_ARG_STRINGS 0x7FFFFFFF
// Linux: include/uapi/linux/limits.h (the host's libc may define them too).
#ifndef ARG_MAX
#define ARG_MAX 131072 // 32 pages of strings, allowed whatever RLIMIT_STACK says
#endif
#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

// i386: the stack ends where the kernel starts (STACK_TOP, mm_space.h).
#define STACK_TOP_MAX STACK_TOP

// What PT_GNU_STACK asked for (Linux: the same values).
#define EXSTACK_DEFAULT 0   // no PT_GNU_STACK: the arch decides
#define EXSTACK_DISABLE_X 1 // PT_GNU_STACK without PF_X
#define EXSTACK_ENABLE_X 2  // PT_GNU_STACK with PF_X

#define USER_HZ 100    // AT_CLKTCK (Linux: CLOCKS_PER_SEC = USER_HZ)
#define ELF_PTR_SIZE 4 // sizeof(void *) in the new program, whatever the host

struct linux_binprm {
	// The top stack_size bytes below stack_top of the new stack, zeroed by
	// bprm_stack_init(): buf[i] holds user address stack_top - size + i.
	u8 *stack_buf;
	unsigned long stack_size, stack_top;

	unsigned long p;      // lowest byte written so far (the strings grow down)
	unsigned long argmin; // copy_strings may not go below this (E2BIG)
	unsigned long exec;   // user address of the filename copy (AT_EXECFN)
	int argc, envc;
	const char *filename;
	struct rlimit rlim_stack; // RLIMIT_STACK when the exec began

	// Set by create_elf_tables(); Linux keeps them in mm_struct (/proc).
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long start_stack;	       // == p: the new program's %esp
	elf_addr_t saved_auxv[AT_VECTOR_SIZE]; // /proc/PID/auxv, AT_NULL ended
};

/* fs/exec_args.cpp (Linux: fs/exec.c) */
void bprm_stack_init(struct linux_binprm *bprm, u8 *buf, unsigned long size,
		     unsigned long stack_top);
int count_strings_kernel(const char *const *argv);
int bprm_stack_limits(struct linux_binprm *bprm);
int copy_string_kernel(const char *arg, struct linux_binprm *bprm);
int copy_strings_kernel(int argc, const char *const *argv, struct linux_binprm *bprm);
int bprm_copy_args(struct linux_binprm *bprm, const char *filename, const char *const *argv,
		   const char *const *envp);
int bprm_stack_shift(struct linux_binprm *bprm, unsigned long new_top);
bool bprm_stack_has(const struct linux_binprm *bprm, unsigned long addr, unsigned long len);
u8 *bprm_stack_ptr(const struct linux_binprm *bprm, unsigned long addr);

/* fs/binfmt_elf.cpp (Linux: fs/binfmt_elf.c) */

// Linux: ELF_MIN_ALIGN and its helpers, over user addresses.
#define ELF_MIN_ALIGN PAGE_SIZE
#define ELF_PAGESTART(_v) ((_v) & ~(unsigned long)(ELF_MIN_ALIGN - 1))
#define ELF_PAGEOFFSET(_v) ((_v) & (ELF_MIN_ALIGN - 1))
#define ELF_PAGEALIGN(_v) (((_v) + ELF_MIN_ALIGN - 1) & ~(ELF_MIN_ALIGN - 1))

#define ELF_MAX_LOADS 16	    // more PT_LOADs than any linker makes for a static program
#define ELF_MMAP_MIN_ADDR PAGE_SIZE // Linux: mmap_min_addr's x86 default

// One PT_LOAD, in file order (ascending p_vaddr, checked).
struct elf_load_seg {
	unsigned long vaddr, memsz;   // [vaddr, vaddr + memsz) in memory
	unsigned long offset, filesz; // [offset, offset + filesz) of the file
	u32 flags;		      // PF_R | PF_W | PF_X
};

struct elf_info {
	unsigned long e_entry;
	unsigned long phdr_addr; // AT_PHDR: e_phoff inside the PT_LOAD holding it, or 0
	unsigned long pt_phdr;	 // PT_PHDR's p_vaddr, 0 if none (Linux 6.1 ignores it)
	unsigned int phnum, phent;
	int executable_stack; // EXSTACK_*
	int nr_loads;
	struct elf_load_seg loads[ELF_MAX_LOADS];
	// As load_elf_binary() computes them for mm_struct (load_bias 0):
	unsigned long start_code, end_code; // lowest PF_X p_vaddr, highest PF_X file end
	unsigned long start_data, end_data; // highest p_vaddr, highest file end, any PT_LOAD
	unsigned long elf_bss, elf_brk;	    // highest file end, highest memory end
	unsigned long start_brk;	    // ELF_PAGEALIGN(elf_brk): where brk() starts
	u32 bss_flags;			    // p_flags of the segment that ends at elf_brk
	char why_buf[160];		    // room for the PT_INTERP reason
	size_t image_len;		    // bytes of the file elf_parse_head was given
};

// The values create_elf_tables() cannot know by itself.
struct elf_aux_values {
	unsigned long hwcap, hwcap2;	    // AT_HWCAP (CPUID.1:EDX), AT_HWCAP2
	unsigned long uid, euid, gid, egid; // AT_UID...
	unsigned long secure;		    // AT_SECURE
	unsigned long sysinfo;		    // AT_SYSINFO: __kernel_vsyscall
	unsigned long sysinfo_ehdr;	    // AT_SYSINFO_EHDR: vDSO base; 0: no vDSO
	unsigned long minsigstksz;	    // AT_MINSIGSTKSZ (Linux: get_sigframe_size())
	const char *platform;		    // AT_PLATFORM string, "i686"; NULL: none
	u8 random[16];			    // AT_RANDOM bytes
};

int elf_parse(const void *image, size_t file_size, struct elf_info *info, const char **why);
int elf_parse_head(const void *image, size_t image_len, size_t file_size, struct elf_info *info,
		   const char **why);
int create_elf_tables(struct linux_binprm *bprm, const struct elf_info *info,
		      const struct elf_aux_values *av);

// The current task becomes the program at filename (kernel strings); 0 on
// success, the task then returns to user mode at its entry. Linux: the same
// name, in fs/exec.c, for pid 1 and the usermode helpers.
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);
