#pragma once
/*
 * The system calls user programs reach through int $0x80 (Linux:
 * include/linux/syscalls.h). Each takes the i386 argument registers in
 * order (EBX ECX EDX ESI EDI EBP) as its parameters and returns a value or
 * -errno; arch/x86/entry/syscall_32.cpp's table maps numbers to them.
 * The file and memory calls are declared in syscalls_fs.h / syscalls_mm.h.
 */
#include <linux/compiler.h>
#include <linux/resource.h>
#include <linux/sched.h>

struct tms;
struct rlimit64;
struct new_utsname;
struct user_desc;
struct __kernel_timespec;
struct old_timespec32;
struct __kernel_old_timeval;

// kernel/exit.cpp, kernel/fork.cpp
long sys_exit(int error_code);
long sys_exit_group(int error_code);
long sys_wait4(pid_t upid, int __user *stat_addr, int options, struct rusage __user *ru);
long sys_waitid(int which, pid_t upid, void __user *infop, int options, struct rusage __user *ru);
long sys_waitpid(pid_t pid, int __user *stat_addr, int options);
long sys_fork(void);
long sys_vfork(void);
long sys_clone(unsigned long clone_flags, unsigned long newsp, int __user *parent_tidptr,
	       unsigned long tls, int __user *child_tidptr);
// fs/exec.cpp
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);

// kernel/sys.cpp
long sys_getpid(void);
long sys_gettid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_getpgrp(void);
long sys_getpgid(pid_t pid);
long sys_getsid(pid_t pid);
long sys_setsid(void);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_umask(int mask);
long sys_set_tid_address(int __user *tidptr);
long sys_getrusage(int who, struct rusage __user *ru);
long sys_times(struct tms __user *tbuf);
long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_old_getrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_setrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_prlimit64(pid_t pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
		   struct rlimit64 __user *old_rlim);
struct sysinfo;
long sys_sysinfo(struct sysinfo __user *info); // 116
long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5); // 172
long sys_newuname(struct new_utsname __user *name);
long sys_personality(unsigned int personality);
long sys_reboot(int magic1, int magic2, unsigned int cmd, void __user *arg);
long sys_sync(void);

// kernel/signal.cpp, arch/x86/kernel/signal.cpp
long sys_kill(pid_t pid, int sig);
long sys_tkill(pid_t pid, int sig);
long sys_tgkill(pid_t tgid, pid_t pid, int sig);
long sys_rt_sigaction(int sig, const void __user *act, void __user *oact, size_t sigsetsize);
long sys_rt_sigprocmask(int how, const ksigset_t __user *nset, ksigset_t __user *oset,
			size_t sigsetsize);
long sys_rt_sigpending(ksigset_t __user *uset, size_t sigsetsize);
long sys_rt_sigsuspend(const ksigset_t __user *unewset, size_t sigsetsize);
long sys_pause(void);
long sys_sigaltstack(const void __user *uss, void __user *uoss);
long sys_rt_sigreturn(void);
long sys_sigreturn(void);

// arch/x86/kernel/tls.cpp
long sys_set_thread_area(struct user_desc __user *u_info);
long sys_get_thread_area(struct user_desc __user *u_info);

// kernel/time/time.cpp
long sys_time32(long __user *tloc);
long sys_gettimeofday(struct __kernel_old_timeval __user *tv, void __user *tz);
long sys_clock_gettime(int which_clock, struct __kernel_timespec __user *tp);
long sys_clock_gettime32(int which_clock, struct old_timespec32 __user *tp);
long sys_clock_getres(int which_clock, struct __kernel_timespec __user *tp);
long sys_clock_getres_time32(int which_clock, struct old_timespec32 __user *tp);
long sys_nanosleep_time32(struct old_timespec32 __user *rqtp, struct old_timespec32 __user *rmtp);
long sys_clock_nanosleep(int which_clock, int flags, const struct __kernel_timespec __user *rqtp,
			 struct __kernel_timespec __user *rmtp);
long sys_clock_nanosleep_time32(int which_clock, int flags,
				const struct old_timespec32 __user *rqtp,
				struct old_timespec32 __user *rmtp);
long sys_sched_yield(void);
long sys_getrandom(char __user *buf, size_t count, unsigned int flags);

// arch/x86/kernel/sys_ia32.cpp: the split 64-bit offsets
long sys_ia32_pread64(unsigned int fd, char __user *buf, size_t count, unsigned long lo,
		      unsigned long hi);
long sys_ia32_pwrite64(unsigned int fd, const char __user *buf, size_t count, unsigned long lo,
		       unsigned long hi);
long sys_ia32_ftruncate64(unsigned int fd, unsigned long lo, unsigned long hi);
// mm/mmap_syscalls.cpp
struct mmap_arg_struct32;
long sys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
		    unsigned long fd, unsigned long pgoff);
long sys_old_mmap(struct mmap_arg_struct32 __user *arg);
// kernel/sys_ni.cpp
long sys_ni_syscall_quiet(void);
