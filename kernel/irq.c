/*
 * irq.c - one handler per hardware interrupt line.
 *
 * A driver calls request_irq() to own a line; do_irq(), called by the
 * dispatcher in arch/x86_64/traps.c with interrupts off, counts the
 * interrupt, runs the handler and sends End Of Interrupt to the PIC.
 * Lines are not shared: a second request for a busy line gets -EBUSY.
 *
 * Locking: irq_lock (irqsave) guards the handler fields of irq_desc[]
 * against a handler being replaced while it runs; handlers themselves run
 * with interrupts off. Lock order: irq_lock, then i8259_lock.
 */
#include "arch/x86_64/i8259.h"
#include "arch/x86_64/traps.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"

struct irq_desc {
	irq_handler_t handler;
	void *dev;
	const char *name;
	u64 count;              /* interrupts delivered on this line */
	u64 spurious;           /* spurious IRQ 7/15, and lines with no handler */
};

static DEFINE_SPINLOCK(irq_lock);
static struct irq_desc irq_desc[NR_IRQS];
static struct pt_regs *irq_regs;       /* of the interrupt being handled; handlers do not nest */

/*
 * request_irq - make handler(irq, dev) run on every interrupt of line irq,
 * and unmask the line.
 *
 * Return: 0, -EINVAL for a line that does not exist, -EBUSY if it is taken.
 */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *dev)
{
	unsigned long flags;
	int ret = 0;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	spin_lock_irqsave(&irq_lock, flags);
	if (irq_desc[irq].handler) {
		ret = -EBUSY;
	} else {
		irq_desc[irq].handler = handler;
		irq_desc[irq].dev = dev;
		irq_desc[irq].name = name;
		i8259_unmask(irq);
	}
	spin_unlock_irqrestore(&irq_lock, flags);
	return ret;
}

/* free_irq - mask line irq and forget its handler (if dev owns it). */
void free_irq(unsigned int irq, void *dev)
{
	unsigned long flags;

	if (irq >= NR_IRQS)
		return;
	spin_lock_irqsave(&irq_lock, flags);
	if (irq_desc[irq].dev == dev) {
		i8259_mask(irq);
		irq_desc[irq].handler = NULL;
		irq_desc[irq].dev = NULL;
	}
	spin_unlock_irqrestore(&irq_lock, flags);
}

/* do_irq - deliver one interrupt of line irq. Context: interrupts off. */
void do_irq(struct pt_regs *regs, unsigned int irq)
{
	struct irq_desc *desc = &irq_desc[irq];

	if (i8259_spurious(irq)) {
		desc->spurious++;
		return;
	}
	desc->count++;
	irq_regs = regs;
	if (desc->handler)
		desc->handler(irq, desc->dev);
	else
		desc->spurious++;
	irq_regs = NULL;
	i8259_eoi(irq);
}

/*
 * get_irq_regs - the registers the interrupt being handled interrupted
 * (user_mode() tells whether it came from user space), or NULL outside a
 * handler.
 *
 * Context: a hardware interrupt handler.
 */
struct pt_regs *get_irq_regs(void)
{
	return irq_regs;
}

/* irq_count - how many interrupts line irq has delivered. */
u64 irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? READ_ONCE(irq_desc[irq].count) : 0;
}
