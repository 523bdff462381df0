; Multiboot2 header (GRUB's multiboot2 spec, section 3.1).
; GRUB finds it in the first 32 KiB of the image, 8-byte aligned, and reads the
; information request tag to learn which boot information tags we need.

MB2_HEADER_MAGIC  equ 0xE85250D6
MB2_ARCH_I386     equ 0

MB2_TAG_END          equ 0
MB2_TAG_INFO_REQUEST equ 1

; Boot information tag types we ask for (the multiboot2 "type" numbers).
MB2_INFO_CMDLINE     equ 1
MB2_INFO_LOADER_NAME equ 2
MB2_INFO_MODULE      equ 3
MB2_INFO_MEMINFO     equ 4
MB2_INFO_MMAP        equ 6
MB2_INFO_ELF_SECTIONS equ 9

section .multiboot2 progbits alloc noexec nowrite align=8
align 8
mb2_header:
	dd MB2_HEADER_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

align 8
.info_request:                  ; flags = 0: GRUB must supply all of these
	dw MB2_TAG_INFO_REQUEST, 0
	dd .info_request_end - .info_request
	dd MB2_INFO_MMAP
	dd MB2_INFO_CMDLINE
	dd MB2_INFO_MODULE
	dd MB2_INFO_LOADER_NAME
	dd MB2_INFO_ELF_SECTIONS
	dd MB2_INFO_MEMINFO
.info_request_end:

align 8
	dw MB2_TAG_END, 0
	dd 8
mb2_header_end:

; A Xen PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY = 18). It lets QEMU start the
; kernel ELF directly with -kernel, a boot loader that is not multiboot2: the
; test of the "wrong loader" path in head_32.asm (qemu.not_multiboot2).
section .note.Xen note alloc noexec nowrite align=4
	dd 4                            ; name size
	dd 4                            ; descriptor size
	dd 18                           ; XEN_ELFNOTE_PHYS32_ENTRY
	db "Xen", 0
	dd _start
extern _start
