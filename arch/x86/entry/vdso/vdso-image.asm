; The vDSO image inside the kernel (Linux: the generated vdso-image-32.c):
; the shared object the build linked from vdso32.nasm, and the offsets of
; its entry points, which the Makefile reads off its symbol table.
%include "vdso-offsets.inc"

section .rodata
align 4096
global vdso_image_start, vdso_image_end
vdso_image_start:
	incbin "vdso32.so"
vdso_image_end:

align 4
global vdso_offset_vsyscall, vdso_offset_sigreturn, vdso_offset_rt_sigreturn
vdso_offset_vsyscall:     dd VDSO__kernel_vsyscall
vdso_offset_sigreturn:    dd VDSO__kernel_sigreturn
vdso_offset_rt_sigreturn: dd VDSO__kernel_rt_sigreturn
