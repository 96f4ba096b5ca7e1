; entry.asm - the way into the kernel from an interrupt or exception.
;
; Each of the 256 vectors has a tiny stub that makes the stack look the same
; for all of them (a zero error code where the CPU pushes none, then the
; vector number) and jumps to common_interrupt, which saves every general
; register in struct pt_regs order (arch/x86_64/ptrace.h), calls the C
; dispatcher x86_handle_interrupt(regs), restores and returns with iretq.
;
; Stack on entry to common_interrupt, lowest address first:
;   vector, error_code, rip, cs, rflags, rsp, ss
; After the pushes below, RSP points at a complete struct pt_regs.
;
; From user mode (CS with RPL 3) the GS base is swapped to the kernel's on
; the way in and back on the way out, as Linux's entry code does.

bits 64
%include "arch/x86_64/pt_regs.inc"
section .text

extern x86_handle_interrupt

; Vectors where the CPU pushes an error code itself.
%define HAS_ERRCODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

%macro VECTOR_STUB 1
align 16
vector_%1:
%if HAS_ERRCODE(%1) == 0
	push 0
%endif
	push %1
	jmp common_interrupt
%endmacro

%assign v 0
%rep 256
VECTOR_STUB v
%assign v v + 1
%endrep

global common_interrupt
common_interrupt:
	test byte [rsp + 24], 3         ; CS of the interrupted code
	jz .from_kernel_in
	swapgs
.from_kernel_in:
	PUSH_REGS
	cld
	mov rdi, rsp                    ; struct pt_regs *
	; A fake stack frame [interrupted rbp][interrupted rip], so the frame
	; pointer chain of a backtrace goes on into the interrupted code.
	push qword [rsp + 17 * 8]       ; pt_regs.rip
	push rbp
	mov rbp, rsp
	call x86_handle_interrupt
	add rsp, 16
global ret_from_interrupt
ret_from_interrupt:
	POP_REGS
	add rsp, 16                     ; vector and error code
	test byte [rsp + 8], 3
	jz .to_kernel_out
	swapgs
.to_kernel_out:
	iretq

; The table of stub addresses, read by idt_init().
section .rodata
global vector_stubs
align 8
vector_stubs:
%assign v 0
%rep 256
	dq vector_%+v
%assign v v + 1
%endrep

; No executable stack wanted (tells GNU ld).
section .note.GNU-stack noalloc noexec nowrite progbits
