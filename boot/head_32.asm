; Kernel entry (Linux: arch/x86/kernel/head_32.S, startup_32).
;
; GRUB jumps here in 32-bit protected mode with paging off, EAX = multiboot2
; magic and EBX = physical address of the boot information. This code runs at
; physical addresses, so every reference to a kernel (high) symbol subtracts
; PAGE_OFFSET. It:
;   1. checks the magic (another loader gets a message on COM1 and a halt),
;   2. clears .bss,
;   3. builds the early page directory: the first EARLY_MAP_SIZE bytes of
;      physical memory mapped twice, at 0 (identity, so the instruction after
;      "mov cr0" still exists) and at PAGE_OFFSET,
;   4. turns paging on and jumps to the high alias,
;   5. switches to the boot stack, whose lowest page is left unmapped as a
;      guard so an overflow faults instead of corrupting .bss, and
;   6. calls start_kernel(). The identity half is removed from C++ once we run
;      high (zap_early_identity_map), so NULL dereferences fault.

%include "boot.inc"

MB2_BOOTLOADER_MAGIC equ 0x36d76289
X86_CR0_WP  equ 1 << 16
X86_CR0_PG  equ 1 << 31
_PAGE_PRESENT equ 0x001
_PAGE_RW      equ 0x002

extern startup_32_high
extern __bss_start, __bss_stop
extern multiboot_info_phys, boot_tsc

%define PA(x) ((x) - PAGE_OFFSET)

section .boot.text progbits alloc exec nowrite align=16
global _start:function
_start:
	cli
	cld
	cmp eax, MB2_BOOTLOADER_MAGIC
	jne bad_magic
	mov esi, ebx                    ; keep the boot information pointer

	; 2. clear .bss (at its physical address)
	mov edi, PA(__bss_start)
	mov ecx, PA(__bss_stop)
	sub ecx, edi
	xor eax, eax
	rep stosb

	mov [PA(multiboot_info_phys)], esi
	rdtsc                           ; printk timestamps count from here
	mov [PA(boot_tsc)], eax
	mov [PA(boot_tsc) + 4], edx

	; 3a. page tables: PTE i maps physical page i, present + writable
	mov edi, PA(early_page_tables)
	mov eax, _PAGE_PRESENT | _PAGE_RW
	mov ecx, EARLY_MAP_SIZE / 4096
.fill_pte:
	stosd
	add eax, 4096
	loop .fill_pte

	; 3b. the stack guard page: not present
	mov eax, PA(boot_stack_guard)
	shr eax, 12
	mov dword [PA(early_page_tables) + eax * 4], 0

	; 3c. page directory: entries 0.. and 768.. point at the same tables
	mov edi, PA(initial_page_table)
	mov eax, PA(early_page_tables) + _PAGE_PRESENT + _PAGE_RW
	mov ecx, EARLY_MAP_SIZE / (4096 * 1024)
	xor ebx, ebx
.fill_pde:
	mov [edi + ebx * 4], eax
	mov [edi + ebx * 4 + (PAGE_OFFSET >> 22) * 4], eax
	add eax, 4096
	inc ebx
	loop .fill_pde

	; 4. paging on (WP so the kernel cannot write read-only pages either).
	; gdb: "hbreak enable_paging", then mm-pgwalk 0xc0100000 &initial_page_table
global enable_paging:function
enable_paging:
	mov eax, PA(initial_page_table)
	mov cr3, eax
	mov eax, cr0
	or eax, X86_CR0_PG | X86_CR0_WP
	mov cr0, eax
	mov eax, startup_32_high
	jmp eax

; Not multiboot2: say so on COM1 (port 0x3f8; QEMU's UART needs no set-up to
; transmit) and halt. EAX holds what the loader passed instead of the magic.
bad_magic:
	mov ebx, eax
	mov esi, bad_magic_msg
.puts:
	lodsb
	test al, al
	jz .hex
	call com1_putc
	jmp .puts
.hex:
	mov ecx, 8
.digit:
	rol ebx, 4
	mov eax, ebx
	and eax, 0xf
	mov al, [hex_digits + eax]
	call com1_putc
	loop .digit
	mov al, 10
	call com1_putc
.halt:
	cli
	hlt
	jmp .halt

; Write AL to COM1 once its transmit holding register is empty.
com1_putc:
	push edx
	push eax
	mov dx, 0x3fd
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	pop eax
	mov dx, 0x3f8
	out dx, al
	pop edx
	ret

section .boot.data progbits alloc noexec nowrite align=4
bad_magic_msg:
	db "mmlab: not started by a multiboot2 boot loader; halting. eax=0x", 0
hex_digits:
	db "0123456789abcdef"

; Early page tables and the boot stack. Page aligned; cleared with .bss above.
THREAD_SIZE equ 16384
section .bss.page_aligned nobits alloc write align=4096
global initial_page_table, early_page_tables
global boot_stack_guard, boot_stack, boot_stack_top
initial_page_table: resb 4096
early_page_tables:  resb EARLY_MAP_SIZE / 1024
boot_stack_guard:   resb 4096           ; left unmapped: overflow -> #DF report
boot_stack:         resb THREAD_SIZE
boot_stack_top:
