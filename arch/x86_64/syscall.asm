; syscall.asm - the SYSCALL instruction's way into the kernel.
;
; A user program puts the system call number in RAX and up to six
; arguments in RDI, RSI, RDX, R10, R8, R9 (Linux's x86_64 convention) and
; executes SYSCALL. The CPU saves RIP in RCX and RFLAGS in R11, masks
; RFLAGS with MSR_SYSCALL_MASK (interrupts off), loads the kernel CS and
; jumps here, still on the user stack. So, first:
;
;   swapgs                   GS now points at this CPU's data (percpu.c)
;   save the user RSP there, load the task's kernel stack top
;
; then build a struct pt_regs exactly as an interrupt from user mode would
; (the system call number goes where an exception's error code goes, the
; vector slot says SYSCALL_VECTOR), turn interrupts on and call
; do_syscall_64(regs) (kernel/syscall.c). The result is in regs->rax.
; The way back restores from pt_regs, so a signal handler, exec or fork
; can change where the task returns simply by editing pt_regs: SYSRET when
; pt_regs still matches what SYSCALL saved, else the interrupt return path
; (iretq) shared with entry.asm.

bits 64
%include "arch/x86_64/pt_regs.inc"
section .text

extern do_syscall_64
extern ret_from_interrupt

PT_R11            equ 6 * 8             ; struct pt_regs offsets (arch/x86_64/ptrace.h)
PT_RCX            equ 11 * 8
PT_RIP            equ 17 * 8
PT_RFLAGS         equ 19 * 8
X86_EFLAGS_TF     equ 1 << 8
X86_EFLAGS_RF     equ 1 << 16
PERCPU_USER_RSP   equ 0                 ; struct percpu offsets (arch/x86_64/percpu.h)
PERCPU_STACK_TOP  equ 8
SYSCALL_VECTOR    equ 0x100
USER_DS           equ 0x2b
USER_CS           equ 0x33

global entry_SYSCALL_64
entry_SYSCALL_64:
	swapgs
	mov [gs:PERCPU_USER_RSP], rsp
	mov rsp, [gs:PERCPU_STACK_TOP]
	push USER_DS                    ; ss
	push qword [gs:PERCPU_USER_RSP] ; rsp
	push r11                        ; rflags
	push USER_CS                    ; cs
	push rcx                        ; rip
	push rax                        ; error_code slot: the system call number
	push SYSCALL_VECTOR             ; vector slot
	PUSH_REGS
	xor ebp, ebp                    ; backtraces stop here
	mov rdi, rsp
	sti
	call do_syscall_64
	cli

	; The fast way back is SYSRET, which reloads RIP from RCX and RFLAGS
	; from R11. It is only right when pt_regs still says exactly that (a
	; signal frame, exec or sigreturn may have changed RIP, RCX, R11), and
	; RIP is a canonical user address: SYSRET to a non-canonical RIP would
	; fault in kernel mode on the user's stack (Linux checks the same).
	; Otherwise iretq restores everything.
	mov rcx, [rsp + PT_RIP]
	cmp rcx, [rsp + PT_RCX]
	jne .slow
	mov r11, [rsp + PT_RFLAGS]
	cmp r11, [rsp + PT_R11]
	jne .slow
	mov rax, 0x00007ffffffff000     ; TASK_SIZE: the end of canonical user space
	cmp rcx, rax
	jae .slow
	test r11, X86_EFLAGS_TF | X86_EFLAGS_RF
	jnz .slow                       ; single-stepping: iretq gets the trap right
	POP_REGS                        ; RCX and R11 come back as RIP and RFLAGS
	mov rsp, [rsp + 16 + 3 * 8]     ; the user RSP, above vector, error, rip, cs, rflags
	swapgs
	o64 sysret
.slow:
	jmp ret_from_interrupt

section .note.GNU-stack noalloc noexec nowrite progbits
