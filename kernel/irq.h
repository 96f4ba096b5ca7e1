/*
 * irq.h - hardware interrupt lines and their handlers.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "arch/x86_64/ptrace.h"
#include "lib/types.h"

typedef void (*irq_handler_t)(unsigned int irq, void *dev);

int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *dev);
void free_irq(unsigned int irq, void *dev);
void do_irq(struct pt_regs *regs, unsigned int irq);
u64 irq_count(unsigned int irq);
struct pt_regs *get_irq_regs(void);

#endif /* KERNEL_IRQ_H */
