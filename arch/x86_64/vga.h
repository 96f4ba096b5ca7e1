#ifndef ARCH_X86_64_VGA_H
#define ARCH_X86_64_VGA_H

void vga_init(void);

#endif
