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
extern do_exit

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
global ret_from_fork
ret_from_fork:
	mov rdi, rax
	call schedule_tail              ; release the run queue, interrupts on
	mov rdi, r12
	call rbx                        ; fn(arg)
	mov edi, eax
	call do_exit                    ; a kernel thread that returns ends
	ud2

section .rodata
extern task_thread_rsp_offset

section .note.GNU-stack noalloc noexec nowrite progbits
