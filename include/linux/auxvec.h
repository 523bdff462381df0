#pragma once
/*
 * The auxiliary vector's keys (Linux: include/uapi/linux/auxvec.h and
 * arch/x86/include/uapi/asm/auxvec.h): (key, value) pairs the kernel puts
 * on a new program's stack above envp[], ended by AT_NULL. The C library
 * reads them with getauxval().
 */

#define AT_NULL 0	    // end of the vector
#define AT_IGNORE 1	    // entry to ignore
#define AT_EXECFD 2	    // file descriptor of the program (binfmt_misc)
#define AT_PHDR 3	    // program headers' address in memory
#define AT_PHENT 4	    // size of one program header
#define AT_PHNUM 5	    // number of program headers
#define AT_PAGESZ 6	    // system page size
#define AT_BASE 7	    // interpreter's load address (0: none)
#define AT_FLAGS 8	    // AT_FLAGS_* bits
#define AT_ENTRY 9	    // the program's entry point
#define AT_NOTELF 10	    // program is not ELF
#define AT_UID 11	    // real uid
#define AT_EUID 12	    // effective uid
#define AT_GID 13	    // real gid
#define AT_EGID 14	    // effective gid
#define AT_PLATFORM 15	    // address of a string naming the CPU ("i686")
#define AT_HWCAP 16	    // CPUID.1:EDX feature bits
#define AT_CLKTCK 17	    // times() ticks per second (USER_HZ)
#define AT_SECURE 23	    // 1: setuid-like exec, libc must be careful
#define AT_BASE_PLATFORM 24 // address of the "real" platform string
#define AT_RANDOM 25	    // address of 16 random bytes
#define AT_HWCAP2 26	    // more feature bits (x86: ring3mwait, fsgsbase)
#define AT_EXECFN 31	    // address of the filename given to execve
#define AT_SYSINFO 32	    // i386: the vDSO's __kernel_vsyscall
#define AT_SYSINFO_EHDR 33  // the vDSO's ELF header
#define AT_MINSIGSTKSZ 51   // minimal signal stack size for this CPU

#define AT_FLAGS_PRESERVE_ARGV0 (1 << 0)

// Pairs: i386's ARCH_DLINFO gives 3, the generic code 20 in Linux 6.1 (6.3
// adds AT_RSEQ_FEATURE_SIZE and AT_RSEQ_ALIGN), plus AT_NULL.
#define AT_VECTOR_SIZE_ARCH 3
#define AT_VECTOR_SIZE_BASE 20
#define AT_VECTOR_SIZE (2 * (AT_VECTOR_SIZE_ARCH + AT_VECTOR_SIZE_BASE + 1))
