; Exception and interrupt entry (Linux: arch/x86/entry/entry_32.S).
;
; Each vector has a small entry point that makes the stack look the same whether or not
; the CPU pushed an error code, then common_exception saves the registers as
; a struct pt_regs (arch/x86/include/asm/ptrace.h) and calls
; do_exception(regs). The page fault has its own entry, as in Linux:
; asm_exc_page_fault calls exc_page_fault(regs, error_code). Stack after
; SAVE_ALL, lowest address first:
;
;   ebx ecx edx esi edi ebp eax ds es fs gs  trapnr error_code  eip cs eflags
;   \_____________ pushed here ____________/ \__ by vector_N __/ \_ by the CPU_/

%include "boot.inc"

extern do_exception
extern exc_page_fault

%macro VECTOR_NOERR 1
global vector_%1:function
vector_%1:
	push dword 0
	push dword %1
	jmp common_exception
%endmacro

; The CPU pushed an error code; the second argument is where the vector goes
; (most to common_exception, the page fault to its own entry).
%macro VECTOR_ERR 1-2 common_exception
global vector_%1:function
vector_%1:
	push dword %1
	jmp %2
%endmacro

section .text
; The CPU pushes an error code for 8, 10-14, 17, 21, 29 and 30.
VECTOR_NOERR 0
VECTOR_NOERR 1
VECTOR_NOERR 2
VECTOR_NOERR 3
VECTOR_NOERR 4
VECTOR_NOERR 5
VECTOR_NOERR 6
VECTOR_NOERR 7
VECTOR_ERR   8
VECTOR_NOERR 9
VECTOR_ERR   10
VECTOR_ERR   11
VECTOR_ERR   12
VECTOR_ERR   13
VECTOR_ERR   14, asm_exc_page_fault
VECTOR_NOERR 15
VECTOR_NOERR 16
VECTOR_ERR   17
VECTOR_NOERR 18
VECTOR_NOERR 19
VECTOR_NOERR 20
VECTOR_ERR   21
VECTOR_NOERR 22
VECTOR_NOERR 23
VECTOR_NOERR 24
VECTOR_NOERR 25
VECTOR_NOERR 26
VECTOR_NOERR 27
VECTOR_NOERR 28
VECTOR_ERR   29
VECTOR_ERR   30
VECTOR_NOERR 31
; legacy PIC IRQs 0-15 at vectors 32-47
VECTOR_NOERR 32
VECTOR_NOERR 33
VECTOR_NOERR 34
VECTOR_NOERR 35
VECTOR_NOERR 36
VECTOR_NOERR 37
VECTOR_NOERR 38
VECTOR_NOERR 39
VECTOR_NOERR 40
VECTOR_NOERR 41
VECTOR_NOERR 42
VECTOR_NOERR 43
VECTOR_NOERR 44
VECTOR_NOERR 45
VECTOR_NOERR 46
VECTOR_NOERR 47

;; Saves pt_regs, calls %1(regs, error_code) with a frame for the
;; backtrace, then leaves through ret_from_exception. DS and ES are
;; reloaded: ring 3 may have left anything usable in them (Linux: SAVE_ALL
;; loads __USER_DS, flat, which the kernel can use too).
%macro IDTENTRY_BODY 1
	push gs
	push fs
	push es
	push ds
	push eax
	push ebp
	push edi
	push esi
	push edx
	push ecx
	push ebx
	cld
	mov eax, USER_DS                ; EAX is saved in pt_regs already
	mov ds, eax
	mov es, eax
	mov ebp, [esp + 52]             ; a frame for the backtrace: fault EIP...
	push ebp
	push dword [esp + 24]           ; ...and the interrupted EBP
	mov ebp, esp
	lea eax, [esp + 8]
	push dword [eax + 48]           ; error_code
	push eax                        ; struct pt_regs *regs
	call %1
	add esp, 16
	jmp ret_from_exception
%endmacro

global common_exception:function
common_exception:
	IDTENTRY_BODY do_exception

; Linux: asm_exc_page_fault (DECLARE_IDTENTRY_RAW_ERRORCODE).
global asm_exc_page_fault:function
asm_exc_page_fault:
	IDTENTRY_BODY exc_page_fault

; int $0x80 (Linux: entry_INT80_32): the system call number in EAX goes in
; the error-code slot as orig_ax, arguments stay in EBX ECX EDX ESI EDI EBP,
; do_int80_syscall_32() puts the result in pt_regs->ax.
extern do_int80_syscall_32
global entry_INT80_32:function
entry_INT80_32:
	push eax
	push dword 0x80
	IDTENTRY_BODY do_int80_syscall_32

; Back to where the exception came from, ESP at pt_regs. To ring 3 goes
; through exit_to_user_mode() first: pending signals, a due reschedule.
extern exit_to_user_mode
global ret_from_exception:function
ret_from_exception:
	test byte [esp + 56], 3         ; pt_regs->cs: the privilege we return to
	jz restore_all
	push esp
	call exit_to_user_mode          ; returns with interrupts off
	add esp, 4
restore_all:
	pop ebx
	pop ecx
	pop edx
	pop esi
	pop edi
	pop ebp
	pop eax
	pop ds
	pop es
	pop fs
	pop gs
	add esp, 8                      ; trapnr, error_code
	iret

; A new task's first instructions (Linux: ret_from_fork in entry_32.S).
; copy_thread() left a kernel thread's function in EBX and its argument in
; EDI; a user task (EBX 0) returns to ring 3 through its copied pt_regs.
extern schedule_tail
extern kthread_return
global ret_from_fork:function
ret_from_fork:
	call schedule_tail              ; returns with interrupts on
	test ebx, ebx
	jnz .kthread
	cli
	jmp ret_from_exception
.kthread:
	xor ebp, ebp                    ; the first frame of this stack
	push edi
	call ebx
	add esp, 4
	push eax
	call kthread_return             ; returns only if the thread became a program
	add esp, 4
	cli
	jmp ret_from_exception          ; ESP is at the pt_regs exec filled in

; __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp): see
; arch/x86/include/asm/switch_to.h.
global __switch_to_asm:function
__switch_to_asm:
	mov eax, [esp + 4]
	mov edx, [esp + 8]
	push ebp
	push ebx
	push edi
	push esi
	mov [eax], esp
	mov esp, edx
	pop esi
	pop edi
	pop ebx
	pop ebp
	ret

section .rodata
; Entry points by vector, for idt_setup_traps().
global exception_vectors
exception_vectors:
	dd vector_0
	dd vector_1
	dd vector_2
	dd vector_3
	dd vector_4
	dd vector_5
	dd vector_6
	dd vector_7
	dd vector_8
	dd vector_9
	dd vector_10
	dd vector_11
	dd vector_12
	dd vector_13
	dd vector_14
	dd vector_15
	dd vector_16
	dd vector_17
	dd vector_18
	dd vector_19
	dd vector_20
	dd vector_21
	dd vector_22
	dd vector_23
	dd vector_24
	dd vector_25
	dd vector_26
	dd vector_27
	dd vector_28
	dd vector_29
	dd vector_30
	dd vector_31
	dd vector_32
	dd vector_33
	dd vector_34
	dd vector_35
	dd vector_36
	dd vector_37
	dd vector_38
	dd vector_39
	dd vector_40
	dd vector_41
	dd vector_42
	dd vector_43
	dd vector_44
	dd vector_45
	dd vector_46
	dd vector_47

section .text
; Vector 8 is a task gate (idt.cpp): we arrive here as a fresh task on
; doublefault_stack with the CPU's error code on top. exc_double_fault()
; never returns; there is nothing sane to return to.
extern exc_double_fault
global asm_exc_double_fault:function
asm_exc_double_fault:
	xor ebp, ebp                    ; a new stack: end the frame chain here
	call exc_double_fault           ; never returns
	cli
	hlt
	jmp $-1
