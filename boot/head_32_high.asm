; The first code that runs at PAGE_OFFSET (see head_32.asm, step 5). Kept in a
; file of its own: NASM's DWARF line tables cover one code section per file
; well, and gdb should be able to step through both halves.

extern start_kernel
extern boot_stack_top

section .text
global startup_32_high:function
startup_32_high:
	; 5. boot stack; EBP = 0 ends the frame-pointer chain for backtraces
	mov esp, boot_stack_top
	xor ebp, ebp
	push ebp
	popfd                           ; known EFLAGS: IF=0, DF=0
	call start_kernel               ; never returns
	cli
	hlt
	jmp $-1

