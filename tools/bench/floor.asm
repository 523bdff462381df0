; The boot-cost floor: the smallest multiboot2 kernel, booted on the same
; GRUB ISO path as ours, that leaves QEMU at once through isa-debug-exit.
; tools/bench/guest.py times it beside the real kernel's "mm ready".
bits 32
section .text
align 8
header:
	dd 0xe85250d6                   ; multiboot2 magic
	dd 0                            ; i386
	dd header_end - header
	dd -(0xe85250d6 + (header_end - header))
	dw 0, 0                         ; end tag
	dd 8
header_end:

global _start
_start:
	mov al, 0x10                    ; isa-debug-exit at 0xf4: QEMU exits with 33
	out 0xf4, al
.halt:
	hlt
	jmp .halt
