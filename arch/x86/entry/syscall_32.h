#pragma once
// The i386 system call table (Linux: arch/x86/entry/syscall_32.c).
#include <asm/ptrace.h>
#include <asm/unistd_32.h>

typedef long (*syscall_fn_t)(const struct pt_regs *regs);
struct syscall_table {
	syscall_fn_t fn[NR_syscalls]; // NULL: -ENOSYS
};
extern const struct syscall_table sys_call_table;
