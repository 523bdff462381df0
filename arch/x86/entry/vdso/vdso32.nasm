; The i386 vDSO (Linux: arch/x86/entry/vdso/vdso32/system_call.S,
; sigreturn.S): code the kernel maps into every process, [vdso] in its
; maps. glibc calls __kernel_vsyscall (found through AT_SYSINFO) for every
; system call; a signal handler without SA_RESTORER returns into
; __kernel_rt_sigreturn. Linked as a shared object by vdso32.lds, so
; AT_SYSINFO_EHDR points at a real ELF image with a symbol table.
section .text
global __kernel_vsyscall:function
__kernel_vsyscall:
	int 0x80
	ret
	nop
	nop

global __kernel_sigreturn:function
__kernel_sigreturn:
	pop eax                         ; the signal number the frame held
	mov eax, 119                    ; __NR_sigreturn
	int 0x80
	nop

global __kernel_rt_sigreturn:function
__kernel_rt_sigreturn:
	mov eax, 173                    ; __NR_rt_sigreturn
	int 0x80
	nop
