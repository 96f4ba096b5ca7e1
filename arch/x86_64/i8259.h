#ifndef ARCH_X86_64_I8259_H
#define ARCH_X86_64_I8259_H

#include "lib/types.h"

void init_8259A(void);
void i8259_mask(unsigned int irq);
void i8259_unmask(unsigned int irq);
void i8259_eoi(unsigned int irq);
bool i8259_spurious(unsigned int irq);

#endif
