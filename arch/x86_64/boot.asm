; boot.asm - from GRUB's hand-off in 32-bit protected mode to kmain() in
; 64-bit long mode, in the higher half.
;
; GRUB (multiboot2) loads keyhole.elf at its physical load addresses and
; jumps to _start in 32-bit protected mode with paging off, EAX holding the
; multiboot2 magic and EBX the physical address of the boot information.
; This file then:
;
;   1. checks the magic and that the CPU has long mode,
;   2. builds early page tables that map the first 4 GiB three times:
;        identity           0x0000000000000000  (so the next instruction runs)
;        direct map         0xffff888000000000  (PAGE_OFFSET, as Linux)
;        kernel image       0xffffffff80000000  (KERNEL_VMA, -mcmodel=kernel)
;      all with 2 MiB pages, one set of page directories shared by the three,
;   3. turns on PAE, long mode (EFER.LME) and paging, loads a 64-bit GDT and
;      far-jumps into 64-bit code,
;   4. jumps to the higher half, sets up the boot stack and calls
;      kmain(magic, mbi_phys).
;
; mm/ later builds the real page tables (a direct map of all RAM, no
; identity map) and drops these. Everything here runs before the kernel is
; at its linked address, so a symbol of the higher-half sections is used as
; "sym - KERNEL_VMA" (its physical address); .boot.text itself is linked low.

KERNEL_VMA      equ 0xffffffff80000000
MB2_MAGIC       equ 0xe85250d6
MB2_ARCH_I386   equ 0
MB2_BOOT_MAGIC  equ 0x36d76289

PTE_PRESENT     equ 1 << 0
PTE_WRITE       equ 1 << 1
PTE_HUGE        equ 1 << 7

EFER_MSR        equ 0xc0000080
EFER_LME        equ 1 << 8
EFER_NXE        equ 1 << 11

; ---------------------------------------------------------------------------
; The multiboot2 header: GRUB looks for it in the first 32 KiB of the file.
section .multiboot
align 8
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	; entry address tag: start here, whatever the ELF entry says
	align 8
	dw 3, 0
	dd 12
	dd _start
	; end tag
	align 8
	dw 0, 0
	dd 8
mb2_header_end:

; ---------------------------------------------------------------------------
section .boot.text progbits alloc exec nowrite
bits 32
global _start
_start:
	cli
	cld
	mov esp, boot_stack_top - KERNEL_VMA
	mov esi, ebx                    ; the boot information, kept in ESI

	cmp eax, MB2_BOOT_MAGIC
	jne .no_multiboot

	; Long mode? CPUID 0x80000001 EDX bit 29.
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29
	jz .no_long_mode
	mov ebp, edx                    ; bit 20: NX available

	; Four page directories of 2 MiB pages map physical 0..4 GiB.
	mov edi, boot_pd - KERNEL_VMA
	mov eax, PTE_PRESENT | PTE_WRITE | PTE_HUGE
	xor edx, edx                    ; high half of the physical address
	mov ecx, 4 * 512
.fill_pd:
	mov [edi], eax
	mov [edi + 4], edx
	add eax, 0x200000
	adc edx, 0
	add edi, 8
	loop .fill_pd

	; Two PDPTs point at them: one for identity + direct map (slots 0..3),
	; one for the kernel image at -2 GiB (slots 510, 511 -> first 2 GiB).
	mov edi, boot_pdpt - KERNEL_VMA
	mov edx, boot_pdpt_hi - KERNEL_VMA
	mov eax, boot_pd - KERNEL_VMA + (PTE_PRESENT | PTE_WRITE)
	mov [edi + 0 * 8], eax
	mov [edx + 510 * 8], eax
	add eax, 4096
	mov [edi + 1 * 8], eax
	mov [edx + 511 * 8], eax
	add eax, 4096
	mov [edi + 2 * 8], eax
	add eax, 4096
	mov [edi + 3 * 8], eax

	mov edi, boot_pml4 - KERNEL_VMA
	mov eax, boot_pdpt - KERNEL_VMA + (PTE_PRESENT | PTE_WRITE)
	mov [edi + 0 * 8], eax          ; identity
	mov [edi + 273 * 8], eax        ; 0xffff888000000000 >> 39 & 511 = 273
	mov eax, boot_pdpt_hi - KERNEL_VMA + (PTE_PRESENT | PTE_WRITE)
	mov [edi + 511 * 8], eax

	mov cr3, edi

	mov eax, cr4
	or eax, 1 << 5                  ; PAE
	mov cr4, eax

	mov ecx, EFER_MSR
	rdmsr
	or eax, EFER_LME
	test ebp, 1 << 20
	jz .no_nx
	or eax, EFER_NXE
.no_nx:
	wrmsr

	mov eax, cr0
	or eax, (1 << 31) | (1 << 16)   ; PG, WP
	mov cr0, eax

	mov edi, MB2_BOOT_MAGIC         ; kmain's arguments; ESI still holds
	lgdt [boot_gdt_ptr]             ; the boot information pointer
	jmp 0x08:long_mode_low

.no_multiboot:
	mov esi, msg_no_mb
	jmp early_die
.no_long_mode:
	mov esi, msg_no_lm
	jmp early_die

; Print the string at ESI on COM1 and on the VGA screen, then halt.
early_die:
	mov edi, 0xb8000
.next:
	lodsb
	test al, al
	jz .halt
	mov ah, 0x4f
	mov [edi], ax
	add edi, 2
	mov dx, 0x3f8
	out dx, al
	jmp .next
.halt:
	hlt
	jmp .halt

bits 64
long_mode_low:
	; Still running at the identity-mapped address (.boot.text is linked
	; low, everything else high); jump up.
	mov rax, long_mode_high
	jmp rax

; ---------------------------------------------------------------------------
section .text
extern kmain
long_mode_high:
	mov ax, 0
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax
	mov rsp, boot_stack_top
	xor ebp, ebp                    ; the end of every backtrace
	mov edi, edi                    ; kmain(u32 magic, u32 mbi_phys)
	mov esi, esi
	call kmain
.hang:
	cli
	hlt
	jmp .hang

; ---------------------------------------------------------------------------
section .rodata
align 16
boot_gdt:
	dq 0
	dq 0x00af9a000000ffff           ; 0x08: 64-bit code, DPL 0
	dq 0x00cf92000000ffff           ; 0x10: data, DPL 0
boot_gdt_end:

section .boot.text
boot_gdt_ptr:
	dw boot_gdt_end - boot_gdt - 1
	dd boot_gdt - KERNEL_VMA

msg_no_mb: db "keyhole: not started by a multiboot2 loader", 0
msg_no_lm: db "keyhole: this CPU has no 64-bit long mode", 0

; ---------------------------------------------------------------------------
section .bss
align 4096
global boot_pml4, boot_stack_guard, boot_stack, boot_stack_top
boot_pml4:      resb 4096
boot_pdpt:      resb 4096
boot_pdpt_hi:   resb 4096
boot_pd:        resb 4 * 4096
; The page under the stack stays unmapped once mm/pgtable.c builds the real
; page tables: a stack overflow then faults (and, with no stack left to
; report it on, becomes a double fault on its own IST stack) instead of
; silently overwriting whatever lies below.
boot_stack_guard: resb 4096
boot_stack:     resb 16384
boot_stack_top:

; No executable stack wanted (tells GNU ld).
section .note.GNU-stack noalloc noexec nowrite progbits
