; usercopy.asm - the only instructions that touch user memory.
;
; Each access that may fault has an entry in the exception table
; (__ex_table: pairs of "instruction address, fixup address"). When one of
; them faults on an address no VMA allows, the page fault handler does not
; oops: it finds the faulting RIP in the table and resumes at the fixup,
; which returns an error instead (mm/extable.c). The C wrappers in
; mm/uaccess.h check the range first, so a kernel address never gets here.

bits 64
section .text

; unsigned long __copy_user(void *dst, const void *src, unsigned long n)
; Copy n bytes; return how many were NOT copied (0 on success).
; Eight bytes at a time, then the last n % 8 one at a time. If a quadword
; faults, RSI/RDI still point at it: the bytes from there on are copied
; one at a time, so the count returned is exact to the byte.
global __copy_user
__copy_user:
	mov rcx, rdx
	shr rcx, 3                      ; quadwords
	and edx, 7                      ; bytes after them
.copyq:
	rep movsq                       ; RCX counts down the quadwords left
	mov ecx, edx
.copy:
	rep movsb                       ; RCX counts down the bytes left
	xor eax, eax
	ret
.qfault:
	lea rcx, [rdx + rcx * 8]        ; every byte not yet copied
	jmp .copy
.fault:
	mov rax, rcx
	ret

; long __strncpy_from_user(char *dst, const char *src, long count)
; Copy a string of at most count bytes including its NUL. Return its length
; without the NUL, count if no NUL came within count bytes, or -EFAULT.
global __strncpy_from_user
__strncpy_from_user:
	xor eax, eax
.next:
	cmp rax, rdx
	jae .done
.load:
	mov cl, [rsi + rax]
	mov [rdi + rax], cl
	test cl, cl
	jz .done
	inc rax
	jmp .next
.done:
	ret
.sfault:
	mov rax, -14                    ; -EFAULT
	ret

; unsigned long __clear_user(void *dst, unsigned long n)
; Zero n bytes; return how many were NOT zeroed.
global __clear_user
__clear_user:
	mov rcx, rsi
	xor eax, eax
.zero:
	rep stosb
	ret
.zfault:
	mov rax, rcx
	ret

section __ex_table
align 8
	dq __copy_user.copyq, __copy_user.qfault
	dq __copy_user.copy, __copy_user.fault
	dq __strncpy_from_user.load, __strncpy_from_user.sfault
	dq __clear_user.zero, __clear_user.zfault

section .note.GNU-stack noalloc noexec nowrite progbits
