; switch.asm - switching the CPU from one task to another, and where a
; new task starts.
;
; __switch_to_asm(prev, next) is called by schedule() (kernel/sched.c). It
; pushes the callee-saved registers on prev's kernel stack, saves RSP in
; prev->thread.rsp, loads next->thread.rsp and pops next's registers,
; which next pushed when it was itself switched out. The final `ret`
; returns into next's own call of __switch_to_asm, so next goes on inside
; schedule() as if nothing happened. RAX (the return value) is prev, so
; next knows who ran before it.
;
; A new task has never been switched out. copy_thread() (kernel/kthread.c)
; builds a stack that looks as if it had, whose `ret` lands in
; ret_from_fork, with the function to run in RBX and its argument in R12.

bits 64
section .text

extern schedule_tail
extern ret_from_kernel_thread
extern ret_from_interrupt
extern exit_to_user_mode

PERCPU_STACK_TOP equ 8                  ; struct percpu (arch/x86_64/percpu.h)
PT_REGS_SIZE     equ 22 * 8             ; sizeof(struct pt_regs)

global __switch_to_asm
__switch_to_asm:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov rax, [rel task_thread_rsp_offset]
	mov [rdi + rax], rsp            ; prev->thread.rsp = rsp
	mov rsp, [rsi + rax]            ; rsp = next->thread.rsp
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	mov rax, rdi                    ; return prev
	ret

; A new task's first instructions. RAX is the task that ran before it.
; RBX is the kernel thread's function (0 for a forked user process, which
; goes straight back to user mode with the registers in its pt_regs).
global ret_from_fork
ret_from_fork:
	mov rdi, rax
	call schedule_tail              ; release the run queue, interrupts on
	test rbx, rbx
	jz .to_user
	mov rdi, r12
	call rbx                        ; fn(arg)
	mov edi, eax
	call ret_from_kernel_thread     ; ends the thread, unless it exec'd
.to_user:
	cli
	mov rsp, [gs:PERCPU_STACK_TOP]
	sub rsp, PT_REGS_SIZE           ; RSP = the task's pt_regs
	mov rdi, rsp
	call exit_to_user_mode          ; signals sent before it ever ran
	jmp ret_from_interrupt

section .rodata
extern task_thread_rsp_offset

section .note.GNU-stack noalloc noexec nowrite progbits
