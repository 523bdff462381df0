// System calls deliberately refused (Linux: kernel/sys_ni.c). glibc's
// start-up calls set_robust_list and rseq and carries on when they fail;
// they are listed so the unknown-call log stays for calls a program needs.
#include <linux/errno.h>
#include <linux/syscalls.h>

long sys_ni_syscall_quiet(void) { return -ENOSYS; }
