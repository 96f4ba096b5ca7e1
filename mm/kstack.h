/*
 * kstack.h - kernel stacks, each with an unmapped guard page below it.
 */
#ifndef MM_KSTACK_H
#define MM_KSTACK_H

#include "arch/x86_64/page.h"

#define KSTACK_ORDER    2
#define KSTACK_SIZE     (PAGE_SIZE << KSTACK_ORDER)     /* 16 KiB, as Linux x86_64 */

void kstack_init(void);
void *kstack_alloc(void);
void kstack_free(void *stack);
unsigned long kstacks_in_use(void);

#endif /* MM_KSTACK_H */
